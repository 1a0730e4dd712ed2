-- The documented developer object (issue 13). A developer stays bound to one
-- account (0004's UNIQUE id_user); `reference` is its own name, the one shown
-- (`alias_name`) defaults to it. `is_verified` is Senzu's to set.
ALTER TABLE developers ADD COLUMN reference TEXT NOT NULL DEFAULT '';
ALTER TABLE developers ADD COLUMN alias_name TEXT;
ALTER TABLE developers ADD COLUMN contact_email TEXT NOT NULL DEFAULT '';
ALTER TABLE developers ADD COLUMN url TEXT;
ALTER TABLE developers ADD COLUMN id_image INTEGER REFERENCES files(id) ON DELETE SET NULL;
ALTER TABLE developers ADD COLUMN is_enabled INTEGER NOT NULL DEFAULT 1;
ALTER TABLE developers ADD COLUMN is_verified INTEGER NOT NULL DEFAULT 0;
ALTER TABLE developers ADD COLUMN date_updated INTEGER;
-- Developers made before: their account's name, as the documented examples show.
UPDATE developers SET reference = COALESCE((SELECT NULLIF(trim(u.firstname), '') FROM users u WHERE u.id = developers.id_user), 'Developer ' || id)
    WHERE reference = '';
