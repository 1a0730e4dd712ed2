-- A dynamic record answers only the taps of its own chip: the 7-byte UID the
-- chip mirrors (upper-case hex), set when the record is encoded. A dynamic
-- record without one opens nothing. One chip carries at most one record.
ALTER TABLE records ADD COLUMN uid TEXT CHECK (uid IS NULL OR (length(uid) = 14 AND uid NOT GLOB '*[^0-9A-F]*'));
CREATE UNIQUE INDEX records_by_uid ON records (uid) WHERE uid IS NOT NULL;
