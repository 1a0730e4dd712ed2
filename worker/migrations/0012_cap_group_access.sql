-- A level that comes through a group never exceeds the direct level of whoever
-- put the product into the group (core::chmod::through_group). Products already
-- in a group were put there by their owner.
ALTER TABLE products ADD COLUMN id_group_issuer INTEGER REFERENCES users(id) ON DELETE SET NULL;
UPDATE products SET id_group_issuer = id_owner WHERE id_group IS NOT NULL;

-- Every accepted access to a product, one row per path (direct or through its
-- group); a caller's level is the max over their rows.
CREATE VIEW product_access AS
    SELECT id_product, id_user, chmod, id_issuer FROM product_users
     WHERE is_enabled = 1 AND id_user IS NOT NULL
    UNION ALL
    SELECT p.id AS id_product, gu.id_user, min(gu.chmod, COALESCE(putter.chmod, 0)) AS chmod, gu.id_issuer
      FROM group_users gu JOIN products p ON p.id_group = gu.id_group
      LEFT JOIN product_users putter ON putter.id_product = p.id AND putter.id_user = p.id_group_issuer
           AND putter.is_enabled = 1
     WHERE gu.is_enabled = 1 AND gu.id_user IS NOT NULL;
