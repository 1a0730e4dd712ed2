-- Resellers (documented): one account per user, verified by Senzu's staff
-- (`cargo xtask admin verify-reseller`); a maker puts its products in a
-- verified reseller's hands (`id_reseller` on POST /v1/products).
CREATE TABLE resellers (
    id           INTEGER PRIMARY KEY,
    id_user      INTEGER NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
    id_image     INTEGER REFERENCES files(id) ON DELETE SET NULL,
    id_company   INTEGER REFERENCES companies(id) ON DELETE SET NULL,
    is_verified  INTEGER NOT NULL DEFAULT 0,
    date_created INTEGER NOT NULL,
    date_updated INTEGER
) STRICT;

ALTER TABLE products ADD COLUMN id_reseller INTEGER REFERENCES resellers(id) ON DELETE SET NULL;
CREATE INDEX products_of_reseller ON products (id_reseller, id) WHERE id_reseller IS NOT NULL;
