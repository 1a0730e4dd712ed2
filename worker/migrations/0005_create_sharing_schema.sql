-- Who may do what on a product or an application: one row per user (or per
-- invited e-mail without an account yet) with a chmod level 0–5. A row is
-- pending until its user accepts it (is_enabled 0). The owner is a row too.

CREATE TABLE product_users (
    id           INTEGER PRIMARY KEY,
    id_product   INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    id_user      INTEGER REFERENCES users(id) ON DELETE CASCADE,
    -- An invitation to an address with no account: attached when they sign up.
    email        TEXT COLLATE NOCASE,
    id_issuer    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    chmod        INTEGER NOT NULL CHECK (chmod BETWEEN 0 AND 5),
    is_enabled   INTEGER NOT NULL DEFAULT 0,
    date_created INTEGER NOT NULL DEFAULT (unixepoch()),
    date_updated INTEGER,
    CHECK (id_user IS NOT NULL OR email IS NOT NULL)
) STRICT;
CREATE UNIQUE INDEX product_users_by_user ON product_users (id_product, id_user);
CREATE UNIQUE INDEX product_users_by_email ON product_users (id_product, email);
CREATE INDEX product_users_of_user ON product_users (id_user, is_enabled);

CREATE TABLE application_users (
    id             INTEGER PRIMARY KEY,
    id_application INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    id_user        INTEGER REFERENCES users(id) ON DELETE CASCADE,
    email          TEXT COLLATE NOCASE,
    id_issuer      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    chmod          INTEGER NOT NULL CHECK (chmod BETWEEN 0 AND 5),
    is_enabled     INTEGER NOT NULL DEFAULT 0,
    date_created   INTEGER NOT NULL DEFAULT (unixepoch()),
    date_updated   INTEGER,
    CHECK (id_user IS NOT NULL OR email IS NOT NULL)
) STRICT;
CREATE UNIQUE INDEX application_users_by_user ON application_users (id_application, id_user);
CREATE UNIQUE INDEX application_users_by_email ON application_users (id_application, email);
CREATE INDEX application_users_of_user ON application_users (id_user, is_enabled);

-- Owners recorded before sharing existed keep their objects.
INSERT INTO product_users (id_product, id_user, chmod, is_enabled)
    SELECT id, id_owner, 5, 1 FROM products WHERE id_owner IS NOT NULL;
INSERT INTO application_users (id_application, id_user, chmod, is_enabled)
    SELECT id, id_owner, 5, 1 FROM applications WHERE id_owner IS NOT NULL;

ALTER TABLE products ADD COLUMN date_activated INTEGER;
ALTER TABLE products ADD COLUMN reference TEXT;
ALTER TABLE applications ADD COLUMN id_image INTEGER;
-- Shown on the play only while its schedule is open (see core::schedule).
-- (plugins.filters exists since 0002; nothing to add.)
