-- What a play needs: accounts, makers' items and products, records, owners'
-- applications and plugins, the plugstore, share links and play events.
-- Dates are Unix seconds (INTEGER); the API formats them.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    firstname     TEXT,
    lastname      TEXT,
    username      TEXT,
    language      TEXT NOT NULL DEFAULT 'fr',
    password_hash TEXT,
    is_active     INTEGER NOT NULL DEFAULT 0,
    date_created  INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE TABLE makers (
    id           INTEGER PRIMARY KEY,
    id_user      INTEGER REFERENCES users(id),
    name         TEXT NOT NULL,
    date_created INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE TABLE items (
    id           INTEGER PRIMARY KEY,
    id_maker     INTEGER NOT NULL REFERENCES makers(id),
    name         TEXT NOT NULL,
    url_image    TEXT,
    date_created INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE TABLE products (
    id           INTEGER PRIMARY KEY,
    id_item      INTEGER NOT NULL REFERENCES items(id),
    id_owner     INTEGER REFERENCES users(id),
    alias        TEXT,
    is_activated INTEGER NOT NULL DEFAULT 0,
    is_lost      INTEGER NOT NULL DEFAULT 0,
    lost_message TEXT,
    date_created INTEGER NOT NULL DEFAULT (unixepoch()),
    date_updated INTEGER
) STRICT;

CREATE TABLE applications (
    id               INTEGER PRIMARY KEY,
    id_owner         INTEGER REFERENCES users(id),
    name             TEXT NOT NULL,
    alias_name       TEXT,
    subtitle         TEXT,
    url_image        TEXT,
    color            TEXT NOT NULL DEFAULT 'green' CHECK (color IN ('green', 'blue', 'red', 'purple', 'orange')),
    background_color TEXT NOT NULL DEFAULT 'light' CHECK (background_color IN ('light', 'dark', 'auto')),
    password_hash    TEXT,
    is_enabled       INTEGER NOT NULL DEFAULT 1,
    date_created     INTEGER NOT NULL DEFAULT (unixepoch()),
    date_updated     INTEGER
) STRICT;

CREATE TABLE plugstores (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL UNIQUE,
    display_name_fr TEXT NOT NULL,
    display_name_en TEXT NOT NULL,
    category        TEXT NOT NULL,
    developer_name  TEXT NOT NULL DEFAULT 'Senzu Edition',
    status          TEXT NOT NULL DEFAULT 'publish',
    date_created    INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE TABLE plugins (
    id             INTEGER PRIMARY KEY,
    id_application INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    id_plugstore   INTEGER NOT NULL REFERENCES plugstores(id),
    id_parent      INTEGER REFERENCES plugins(id),
    id_user        INTEGER REFERENCES users(id),
    name           TEXT NOT NULL,
    data           TEXT NOT NULL DEFAULT '{}',
    filters        TEXT,
    password_hash  TEXT,
    sort_order     INTEGER,
    is_enabled     INTEGER NOT NULL DEFAULT 1,
    date_created   INTEGER NOT NULL DEFAULT (unixepoch()),
    date_updated   INTEGER
) STRICT;
CREATE INDEX plugins_by_application ON plugins (id_application, sort_order);

CREATE TABLE records (
    id                    INTEGER PRIMARY KEY,
    id_product            INTEGER NOT NULL REFERENCES products(id),
    id_application        INTEGER REFERENCES applications(id) ON DELETE SET NULL,
    id_application_master INTEGER REFERENCES applications(id) ON DELETE SET NULL,
    technology            TEXT NOT NULL DEFAULT 'nfc' CHECK (technology IN ('nfc', 'qrcode', 'data_matrix', 'aztec', 'pdf417')),
    token_encryption      TEXT NOT NULL DEFAULT 'static' CHECK (token_encryption IN ('static', 'aes-128', 'lrp-128')),
    key                   TEXT NOT NULL UNIQUE CHECK (length(key) = 32),
    -- 'derived' (AN10922 from MASTER_KEY) or sealed meta||file read keys; NULL for static records.
    sun_keys              TEXT,
    last_ctr              INTEGER,
    window_start          INTEGER,
    is_enabled            INTEGER NOT NULL DEFAULT 1,
    date_created          INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE TABLE share_links (
    id                    INTEGER PRIMARY KEY,
    id_record             INTEGER REFERENCES records(id) ON DELETE CASCADE,
    id_application        INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    id_application_master INTEGER REFERENCES applications(id),
    id_creator            INTEGER REFERENCES users(id),
    public_key            TEXT NOT NULL UNIQUE,
    is_enabled            INTEGER NOT NULL DEFAULT 1,
    date_expired          INTEGER,
    date_created          INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

-- One row per play (kind 'scan' once per device per hour, 'view' every time)
-- and per plugin open ('plugin'). IPs only as a salted, daily-rotated hash.
CREATE TABLE play_events (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('scan', 'view', 'plugin')),
    id_record      INTEGER,
    id_product     INTEGER,
    id_application INTEGER,
    id_plugin      INTEGER,
    device_hash    TEXT NOT NULL,
    ip_hash        TEXT NOT NULL,
    lang           TEXT,
    country        TEXT,
    latitude       REAL,
    longitude      REAL,
    browser        TEXT,
    device_type    TEXT,
    platform       TEXT,
    date_created   INTEGER NOT NULL
) STRICT;
CREATE INDEX play_events_by_record ON play_events (id_record, device_hash, kind, date_created);
CREATE INDEX play_events_by_application ON play_events (id_application, date_created);
CREATE INDEX play_events_by_product ON play_events (id_product, date_created);
CREATE INDEX play_events_by_plugin ON play_events (id_plugin, date_created);

-- Messages finders leave on a lost product's page, relayed to the owner.
CREATE TABLE lost_reports (
    id           INTEGER PRIMARY KEY,
    id_product   INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    message      TEXT NOT NULL,
    contact      TEXT,
    date_created INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;
