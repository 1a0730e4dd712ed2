-- Developers publish to the plugstore (issue 16). An entry is a plugstores row
-- (plugins keep referencing plugstores(id)), with ids from 1001 so the
-- first-party range stays free for Senzu's own kinds; its `kind` is
-- 'custom:<id>' (the column is UNIQUE NOT NULL since 0002). What the play
-- renders is the published version's form, copied onto the row at publication
-- (`spec`, `id_icon`), so a tap reads one row as for first-party plugins.
ALTER TABLE plugstores ADD COLUMN id_developer INTEGER REFERENCES developers(id);
ALTER TABLE plugstores ADD COLUMN name TEXT;
ALTER TABLE plugstores ADD COLUMN is_enabled INTEGER NOT NULL DEFAULT 1;
ALTER TABLE plugstores ADD COLUMN id_version INTEGER;
ALTER TABLE plugstores ADD COLUMN spec TEXT;
ALTER TABLE plugstores ADD COLUMN id_icon INTEGER;
ALTER TABLE plugstores ADD COLUMN catchphrase_fr TEXT;
ALTER TABLE plugstores ADD COLUMN catchphrase_en TEXT;
ALTER TABLE plugstores ADD COLUMN description_fr TEXT;
ALTER TABLE plugstores ADD COLUMN description_en TEXT;
ALTER TABLE plugstores ADD COLUMN date_updated INTEGER;
CREATE INDEX plugstores_by_developer ON plugstores (id_developer);

-- A version: its form (`spec`, core::custom_plugin::CustomSpec as JSON) and
-- review state: draft → submitted (is_requested) → publish, by Senzu's staff
-- (`cargo xtask admin publish-plugstore`); a published or submitted version is
-- frozen, a change is a new version.
CREATE TABLE plugstore_versions (
    id                INTEGER PRIMARY KEY,
    id_plugstore      INTEGER NOT NULL REFERENCES plugstores(id) ON DELETE CASCADE,
    name              TEXT NOT NULL,
    id_icon           INTEGER NOT NULL DEFAULT 100,
    copyright         TEXT,
    contact_firstname TEXT,
    contact_lastname  TEXT,
    contact_phone     TEXT,
    contact_email     TEXT,
    route_admin       TEXT,
    spec              TEXT NOT NULL,
    status            TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'publish', 'unpublished')),
    date_released     INTEGER,
    date_created      INTEGER NOT NULL,
    date_updated      INTEGER,
    UNIQUE (id_plugstore, name)
) STRICT;

-- A version's texts per language (the plugstore page an owner reads).
CREATE TABLE plugstore_version_langs (
    id_plugstore_version INTEGER NOT NULL REFERENCES plugstore_versions(id) ON DELETE CASCADE,
    lang                 TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
    display_name         TEXT NOT NULL,
    catchphrase          TEXT,
    description          TEXT,
    tags                 TEXT,
    assistance_url       TEXT,
    marketing_url        TEXT,
    privacy_url          TEXT,
    tos_url              TEXT,
    gdpr_name            TEXT,
    gdpr_email           TEXT,
    gdpr_address_street  TEXT,
    gdpr_address_other   TEXT,
    gdpr_address_city    TEXT,
    gdpr_address_state   TEXT,
    gdpr_address_zipcode TEXT,
    gdpr_address_country TEXT,
    date_created         INTEGER NOT NULL,
    date_updated         INTEGER,
    PRIMARY KEY (id_plugstore_version, lang)
) STRICT;
