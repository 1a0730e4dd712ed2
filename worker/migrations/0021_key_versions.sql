-- Key versions (issue 13): a chip keyed by derivation holds the keys of its
-- record's `key_version` (0: the derivation chips were encoded with before
-- versions). A batch's key rotation sets `key_version_next` on its encoded
-- chips; both versions open the chip until it is re-encoded and a tap under
-- the new one confirms it, which makes it `key_version` and clears the other.
ALTER TABLE records ADD COLUMN key_version INTEGER NOT NULL DEFAULT 0 CHECK (key_version BETWEEN 0 AND 255);
ALTER TABLE records ADD COLUMN key_version_next INTEGER CHECK (key_version_next BETWEEN 1 AND 255);
-- The version a batch's chips are encoded with now.
ALTER TABLE product_batches ADD COLUMN key_version INTEGER NOT NULL DEFAULT 0;
