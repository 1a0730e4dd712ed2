-- Contact exchange: a first-party plugin (plugstore 21, core::plugins::FORM_KINDS)
-- through which a visitor leaves their details for an application's owner.
-- Contacts are personal data: who sees them is the owner's setting on the
-- plugin (core::contacts::visible_from); the visitor's confirmation mail holds
-- a token whose hash is kept here so they can delete what they left. Nothing
-- about the visitor is kept but what they typed (no IP, no device).
INSERT INTO plugstores (id, kind, display_name_fr, display_name_en, category) VALUES
    (21, 'contact_exchange', 'Échange de contacts', 'Exchange contacts', 'Communication');

CREATE TABLE contacts (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    id_application INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    id_plugin      INTEGER REFERENCES plugins(id) ON DELETE SET NULL,
    id_record      INTEGER REFERENCES records(id) ON DELETE SET NULL,
    id_product     INTEGER REFERENCES products(id) ON DELETE SET NULL,
    name           TEXT,
    email          TEXT,
    phone          TEXT,
    company        TEXT,
    note           TEXT,
    tags           TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
    owner_note     TEXT,
    forget_hash    TEXT NOT NULL UNIQUE,
    date_created   INTEGER NOT NULL DEFAULT (unixepoch()),
    date_updated   INTEGER,
    CHECK (email IS NOT NULL OR phone IS NOT NULL)
) STRICT;
CREATE INDEX contacts_by_application ON contacts (id_application, id);
