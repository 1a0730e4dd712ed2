-- Files users upload (application images): the bytes live in R2 under
-- `file_name`; this row says whose they are and what they are.
CREATE TABLE files (
    id           INTEGER PRIMARY KEY,
    id_user      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    file_name    TEXT NOT NULL UNIQUE,
    file_size    INTEGER NOT NULL,
    mime         TEXT NOT NULL,
    date_created INTEGER NOT NULL DEFAULT (unixepoch()),
    date_updated INTEGER
) STRICT;
CREATE INDEX files_of_user ON files (id_user, id);
