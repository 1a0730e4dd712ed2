-- Mails between users (core::api::mails): one row per recipient. Each side
-- keeps its copy while its account lives; a deleted account leaves the other
-- side's copy with no one named (SET NULL).
CREATE TABLE user_mails (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    id_user_sender    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    id_user_recipient INTEGER REFERENCES users(id) ON DELETE SET NULL,
    subject           TEXT,
    content           TEXT,
    date_created      INTEGER NOT NULL,
    date_read         INTEGER
) STRICT;
CREATE INDEX user_mails_sent ON user_mails (id_user_sender, id);
CREATE INDEX user_mails_received ON user_mails (id_user_recipient, id);
