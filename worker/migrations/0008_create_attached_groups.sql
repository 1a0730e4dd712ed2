-- A maker's attached groups: how the maker sorts the products they make
-- (a batch, a collection). Only the maker sees and sets them.
CREATE TABLE attached_groups (
    id           INTEGER PRIMARY KEY,
    id_maker     INTEGER NOT NULL REFERENCES makers(id) ON DELETE CASCADE,
    reference    TEXT NOT NULL,
    alias_name   TEXT,
    date_created INTEGER NOT NULL DEFAULT (unixepoch()),
    date_updated INTEGER
) STRICT;
CREATE INDEX attached_groups_of_maker ON attached_groups (id_maker);
ALTER TABLE products ADD COLUMN id_attached_group INTEGER REFERENCES attached_groups(id) ON DELETE SET NULL;
