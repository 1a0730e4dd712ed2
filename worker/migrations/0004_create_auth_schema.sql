-- Accounts, developer apps, roles, tokens and procedures (Senzu Auth).
-- Secrets are never stored in clear: tokens, private keys, codes and CSRF
-- tokens as SHA-256 hex, passwords as PBKDF2 (WebCrypto, 100,000 iterations).

ALTER TABLE users ADD COLUMN gender INTEGER CHECK (gender IN (1, 2, 3));
ALTER TABLE users ADD COLUMN birthdate INTEGER;
ALTER TABLE users ADD COLUMN country TEXT;
ALTER TABLE users ADD COLUMN phone TEXT;
ALTER TABLE users ADD COLUMN phone_mobile TEXT;
ALTER TABLE users ADD COLUMN date_activated INTEGER;
ALTER TABLE users ADD COLUMN date_updated INTEGER;

CREATE TABLE developers (
    id           INTEGER PRIMARY KEY,
    id_user      INTEGER NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
    date_created INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

-- The documented roles; `is_available` roles are granted on request.
CREATE TABLE roles (
    alias        TEXT PRIMARY KEY,
    is_available INTEGER NOT NULL
) STRICT;

CREATE TABLE api_app_categories (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    language     TEXT NOT NULL DEFAULT 'en',
    country_code TEXT,
    status       INTEGER NOT NULL DEFAULT 1,
    date_created INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE TABLE api_apps (
    id                    INTEGER PRIMARY KEY,
    -- NULL only for the first-party app (the Senzu dashboard).
    id_developer          INTEGER REFERENCES developers(id) ON DELETE CASCADE,
    id_image              INTEGER,
    id_api_app_category   INTEGER REFERENCES api_app_categories(id),
    private_key_hash      TEXT NOT NULL UNIQUE,
    -- The last four characters, so a developer can tell keys apart.
    private_key_hint      TEXT NOT NULL,
    display_name          TEXT NOT NULL,
    url_image             TEXT,
    contact_email         TEXT,
    privacy_url           TEXT,
    tos_url               TEXT,
    gdpr_name             TEXT,
    gdpr_email            TEXT,
    gdpr_address_street   TEXT,
    gdpr_address_other    TEXT,
    gdpr_address_city     TEXT,
    gdpr_address_state    TEXT,
    gdpr_address_zipcode  TEXT,
    gdpr_address_country  TEXT,
    -- The Senzu dashboard itself: its sessions hold every role it was granted.
    is_first_party        INTEGER NOT NULL DEFAULT 0,
    status                INTEGER NOT NULL DEFAULT 1,
    is_published          INTEGER NOT NULL DEFAULT 0,
    date_created          INTEGER NOT NULL DEFAULT (unixepoch()),
    date_updated          INTEGER
) STRICT;

CREATE TABLE api_app_redirects (
    id           INTEGER PRIMARY KEY,
    id_api_app   INTEGER NOT NULL REFERENCES api_apps(id) ON DELETE CASCADE,
    url          TEXT NOT NULL,
    date_created INTEGER NOT NULL DEFAULT (unixepoch()),
    date_updated INTEGER
) STRICT;
CREATE INDEX api_app_redirects_by_app ON api_app_redirects (id_api_app);

CREATE TABLE api_app_domains (
    id           INTEGER PRIMARY KEY,
    id_api_app   INTEGER NOT NULL REFERENCES api_apps(id) ON DELETE CASCADE,
    url          TEXT NOT NULL,
    status       INTEGER NOT NULL DEFAULT 1,
    date_created INTEGER NOT NULL DEFAULT (unixepoch()),
    date_updated INTEGER
) STRICT;

CREATE TABLE api_app_platforms (
    id           INTEGER PRIMARY KEY,
    id_api_app   INTEGER NOT NULL REFERENCES api_apps(id) ON DELETE CASCADE,
    data         TEXT NOT NULL DEFAULT '[]',
    date_created INTEGER NOT NULL DEFAULT (unixepoch()),
    date_updated INTEGER
) STRICT;

-- A role an app holds (status 1) or asked for (is_requested 1, status 0 until approved).
CREATE TABLE api_app_roles (
    id           INTEGER PRIMARY KEY,
    id_api_app   INTEGER NOT NULL REFERENCES api_apps(id) ON DELETE CASCADE,
    alias_role   TEXT NOT NULL REFERENCES roles(alias),
    daily_quota  INTEGER CHECK (daily_quota IS NULL OR daily_quota >= 0),
    status       INTEGER NOT NULL DEFAULT 0,
    is_requested INTEGER NOT NULL DEFAULT 0,
    date_created INTEGER NOT NULL DEFAULT (unixepoch()),
    date_updated INTEGER,
    UNIQUE (id_api_app, alias_role)
) STRICT;

-- Calls counted per app, role and UTC day; the conditional upsert is the quota check.
CREATE TABLE role_usage (
    id_api_app INTEGER NOT NULL,
    alias_role TEXT NOT NULL,
    day        INTEGER NOT NULL,
    calls      INTEGER NOT NULL,
    PRIMARY KEY (id_api_app, alias_role, day)
) STRICT, WITHOUT ROWID;

-- User tokens (issued by consent) and first-party sessions (kind 'session').
CREATE TABLE tokens (
    id           INTEGER PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL DEFAULT 'user' CHECK (kind IN ('user', 'session')),
    id_user      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    id_api_app   INTEGER NOT NULL REFERENCES api_apps(id) ON DELETE CASCADE,
    roles        TEXT NOT NULL,
    date_created INTEGER NOT NULL DEFAULT (unixepoch()),
    date_expired INTEGER,
    date_revoked INTEGER
) STRICT;
CREATE INDEX tokens_by_user ON tokens (id_user);
CREATE INDEX tokens_by_app ON tokens (id_api_app);

-- Authorization codes of the PKCE flow: single use, 10 minutes.
CREATE TABLE auth_codes (
    id             INTEGER PRIMARY KEY,
    code_hash      TEXT NOT NULL UNIQUE,
    id_user        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    id_api_app     INTEGER NOT NULL REFERENCES api_apps(id) ON DELETE CASCADE,
    roles          TEXT NOT NULL,
    redirect_url   TEXT NOT NULL,
    code_challenge TEXT NOT NULL,
    expires_in     INTEGER,
    date_expired   INTEGER NOT NULL,
    date_used      INTEGER,
    -- Set when a used code comes back: the token it issued is revoked.
    is_reused      INTEGER NOT NULL DEFAULT 0,
    id_token       INTEGER REFERENCES tokens(id) ON DELETE SET NULL
) STRICT;

-- One-time CSRF tokens of the consent form, bound to the session that got them.
CREATE TABLE csrf_tokens (
    token_hash   TEXT PRIMARY KEY,
    id_session   INTEGER NOT NULL REFERENCES tokens(id) ON DELETE CASCADE,
    date_expired INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Links sent by mail (activation, password, e-mail, deletion): single use, one hour.
CREATE TABLE procedures (
    id           INTEGER PRIMARY KEY,
    code_hash    TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL CHECK (kind IN ('registration', 'change_password', 'reset_password', 'change_email', 'delete_account')),
    id_user      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    id_api_app   INTEGER REFERENCES api_apps(id) ON DELETE SET NULL,
    -- What the confirmation applies: a PBKDF2 hash or a new e-mail; never a clear password.
    payload      TEXT,
    redirect_url TEXT,
    date_created INTEGER NOT NULL DEFAULT (unixepoch()),
    date_expired INTEGER NOT NULL,
    date_used    INTEGER
) STRICT;

CREATE TABLE mail_templates (
    id           INTEGER PRIMARY KEY,
    id_api_app   INTEGER NOT NULL REFERENCES api_apps(id) ON DELETE CASCADE,
    mail_type    TEXT NOT NULL CHECK (mail_type IN ('registration', 'change_password', 'reset_password', 'change_email', 'delete_account')),
    lang         TEXT,
    code         TEXT NOT NULL,
    is_enabled   INTEGER NOT NULL DEFAULT 1,
    date_created INTEGER NOT NULL DEFAULT (unixepoch()),
    date_updated INTEGER
) STRICT;

-- Mail waiting for (or handed to) the transport; shown at /dev/outbox locally.
CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY,
    to_email     TEXT NOT NULL,
    mail_type    TEXT NOT NULL,
    subject      TEXT NOT NULL,
    html         TEXT NOT NULL,
    date_created INTEGER NOT NULL DEFAULT (unixepoch()),
    date_sent    INTEGER
) STRICT;

-- Failed sign-ins per key ('account:<email>' or 'ip:<daily hash>') in a sliding window.
CREATE TABLE login_failures (
    key          TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL,
    window_start INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- API calls per app and user: /v1/apps/{id}/calls and /v1/user/logs. Never a token or password.
CREATE TABLE api_calls (
    id           INTEGER PRIMARY KEY,
    id_api_app   INTEGER,
    id_user      INTEGER,
    id_token     INTEGER,
    method       TEXT NOT NULL,
    route        TEXT NOT NULL,
    parameters   TEXT NOT NULL DEFAULT '',
    status       INTEGER NOT NULL,
    date_created INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;
CREATE INDEX api_calls_by_app ON api_calls (id_api_app, id);
CREATE INDEX api_calls_by_user ON api_calls (id_user, id);

CREATE TABLE addresses (
    id            INTEGER PRIMARY KEY,
    id_user       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    id_company    INTEGER,
    alias         TEXT NOT NULL,
    firstname     TEXT NOT NULL,
    lastname      TEXT NOT NULL,
    street        TEXT NOT NULL,
    additional    TEXT,
    country_code  TEXT NOT NULL,
    city          TEXT NOT NULL,
    zipcode       TEXT NOT NULL,
    state         TEXT NOT NULL,
    phone         TEXT,
    phone_mobile  TEXT,
    vat_number    TEXT,
    is_selected   INTEGER,
    -- An update makes a new address (docs); the old one stays for past orders.
    is_deleted    INTEGER NOT NULL DEFAULT 0,
    date_created  INTEGER NOT NULL DEFAULT (unixepoch()),
    date_updated  INTEGER
) STRICT;

INSERT INTO roles (alias, is_available) VALUES
    ('developer_manage_basic', 0), ('developer_basic', 0), ('api_management', 0),
    ('basic', 1), ('manage_basic', 1), ('user_addresses', 1), ('manage_user_addresses', 0),
    ('user_mail', 1), ('user_birthdate', 1), ('user_phone', 1), ('user_logs', 0),
    ('user_financial', 0), ('user_files', 0), ('products', 0), ('manage_products', 0),
    ('mailboxes_post', 0), ('mailboxes_read', 0), ('applications', 0), ('manage_applications', 0),
    ('plugstore', 0), ('wallets', 0), ('manage_wallets', 0), ('maker', 0), ('developer', 0),
    ('providers', 0), ('reseller', 0), ('signup', 0), ('password', 0), ('email', 0),
    ('delete_account', 0);

INSERT INTO api_app_categories (id, name, language) VALUES
    (1, 'Business and Pages', 'en'), (2, 'Community and Government', 'en'), (3, 'Education', 'en'),
    (4, 'Entertainment', 'en'), (5, 'Lifestyle', 'en'), (6, 'Utilities and Productivity', 'en');

-- The Senzu dashboard: first party, every role, no private key (the hash
-- below is not hex, so no key can ever hash to it).
INSERT INTO api_apps (id, id_developer, private_key_hash, private_key_hint, display_name, is_first_party, is_published)
VALUES (1, NULL, 'first-party: no private key', '', 'Senzu', 1, 1);
INSERT INTO api_app_roles (id_api_app, alias_role, status) SELECT 1, alias, 1 FROM roles;
