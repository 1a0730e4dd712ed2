-- Products groups: an owner gathers products; sharing a group shares every
-- product in it (the product's chmod is the higher of the direct one and the
-- group's). A product is in at most one group.
CREATE TABLE product_groups (
    id             INTEGER PRIMARY KEY,
    id_owner       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    alias_name     TEXT NOT NULL,
    date_created   INTEGER NOT NULL DEFAULT (unixepoch()),
    date_updated   INTEGER
) STRICT;

CREATE TABLE group_users (
    id           INTEGER PRIMARY KEY,
    id_group     INTEGER NOT NULL REFERENCES product_groups(id) ON DELETE CASCADE,
    id_user      INTEGER REFERENCES users(id) ON DELETE CASCADE,
    email        TEXT COLLATE NOCASE,
    id_issuer    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    chmod        INTEGER NOT NULL CHECK (chmod BETWEEN 0 AND 5),
    is_enabled   INTEGER NOT NULL DEFAULT 0,
    date_created INTEGER NOT NULL DEFAULT (unixepoch()),
    date_updated INTEGER,
    CHECK (id_user IS NOT NULL OR email IS NOT NULL)
) STRICT;
CREATE UNIQUE INDEX group_users_by_user ON group_users (id_group, id_user);
CREATE UNIQUE INDEX group_users_by_email ON group_users (id_group, email);
CREATE INDEX group_users_of_user ON group_users (id_user, is_enabled);

ALTER TABLE products ADD COLUMN id_group INTEGER REFERENCES product_groups(id) ON DELETE SET NULL;
CREATE INDEX products_by_group ON products (id_group);
