-- Makers and items get their documented fields (issue 13). `name` stays each
-- one's reference (its own name); the name shown defaults to it.
ALTER TABLE makers ADD COLUMN alias_name TEXT;
ALTER TABLE makers ADD COLUMN contact_email TEXT NOT NULL DEFAULT '';
ALTER TABLE makers ADD COLUMN url TEXT;
ALTER TABLE makers ADD COLUMN id_image INTEGER REFERENCES files(id) ON DELETE SET NULL;
ALTER TABLE makers ADD COLUMN is_main_account INTEGER NOT NULL DEFAULT 0;
ALTER TABLE makers ADD COLUMN is_enabled INTEGER NOT NULL DEFAULT 1;
ALTER TABLE makers ADD COLUMN date_updated INTEGER;
-- An account's first maker is its main one.
UPDATE makers SET is_main_account = 1
    WHERE id IN (SELECT min(id) FROM makers WHERE id_user IS NOT NULL GROUP BY id_user);
CREATE INDEX makers_of_user ON makers (id_user, id);

-- Prices in minor units of the item's currency (1: the euro, 2 decimals).
ALTER TABLE items ADD COLUMN display_name TEXT;
ALTER TABLE items ADD COLUMN id_currency INTEGER NOT NULL DEFAULT 1;
ALTER TABLE items ADD COLUMN price_minor INTEGER NOT NULL DEFAULT 0;
ALTER TABLE items ADD COLUMN language TEXT;
ALTER TABLE items ADD COLUMN country_code TEXT;
ALTER TABLE items ADD COLUMN metadata TEXT;
ALTER TABLE items ADD COLUMN quantity_in_stock INTEGER;
ALTER TABLE items ADD COLUMN is_onsale INTEGER NOT NULL DEFAULT 0;
ALTER TABLE items ADD COLUMN id_image INTEGER REFERENCES files(id) ON DELETE SET NULL;
ALTER TABLE items ADD COLUMN date_updated INTEGER;
CREATE INDEX items_of_maker ON items (id_maker, id);
CREATE INDEX products_of_item ON products (id_item, id);
-- Every product reads its records by it: a batch of 10,000 makes it matter.
CREATE INDEX records_of_product ON records (id_product, id);

-- Makers and items are deleted now: their ids are never reused either (0014).
CREATE TRIGGER makers_retire_id AFTER DELETE ON makers BEGIN
    INSERT INTO retired_ids (name, max_id) VALUES ('makers', OLD.id)
    ON CONFLICT (name) DO UPDATE SET max_id = max(max_id, excluded.max_id);
END;
CREATE TRIGGER items_retire_id AFTER DELETE ON items BEGIN
    INSERT INTO retired_ids (name, max_id) VALUES ('items', OLD.id)
    ON CONFLICT (name) DO UPDATE SET max_id = max(max_id, excluded.max_id);
END;
INSERT INTO retired_ids (name, max_id) VALUES ('makers', 0), ('items', 0);

DROP VIEW fresh_ids;
CREATE VIEW fresh_ids AS
    SELECT name, max(max_id, COALESCE(CASE name
        WHEN 'users' THEN (SELECT max(id) FROM users)
        WHEN 'applications' THEN (SELECT max(id) FROM applications)
        WHEN 'plugins' THEN (SELECT max(id) FROM plugins)
        WHEN 'api_apps' THEN (SELECT max(id) FROM api_apps)
        WHEN 'product_groups' THEN (SELECT max(id) FROM product_groups)
        WHEN 'files' THEN (SELECT max(id) FROM files)
        WHEN 'makers' THEN (SELECT max(id) FROM makers)
        WHEN 'items' THEN (SELECT max(id) FROM items)
    END, 0)) + 1 AS next
    FROM retired_ids;

-- Products made in batches (core::api::batches): `made` of `quantity` exist,
-- each chunk advancing it in the same D1 batch that makes its products, so a
-- retry (the same Idempotency-Key) resumes where the last one stopped.
CREATE TABLE product_batches (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    id_maker        INTEGER NOT NULL REFERENCES makers(id) ON DELETE CASCADE,
    id_item         INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    idempotency_key TEXT,
    reference       TEXT NOT NULL,
    quantity        INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
    made            INTEGER NOT NULL DEFAULT 0,
    records         TEXT NOT NULL,
    date_created    INTEGER NOT NULL,
    date_updated    INTEGER,
    UNIQUE (id_maker, idempotency_key)
) STRICT;
ALTER TABLE products ADD COLUMN id_batch INTEGER REFERENCES product_batches(id) ON DELETE SET NULL;
ALTER TABLE products ADD COLUMN batch_position INTEGER;
CREATE UNIQUE INDEX products_of_batch ON products (id_batch, batch_position) WHERE id_batch IS NOT NULL;
