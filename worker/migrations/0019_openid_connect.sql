-- OAuth 2.0 and OpenID Connect beside Senzu Auth (core::auth::oidc).
-- A code remembers the scope it was asked with, the OpenID nonce and when the
-- user signed in (auth_time), for the ID token its exchange signs.
ALTER TABLE auth_codes ADD COLUMN scope TEXT;
ALTER TABLE auth_codes ADD COLUMN nonce TEXT;
ALTER TABLE auth_codes ADD COLUMN auth_time INTEGER;

-- Refresh tokens rotate: each use gives a new one of the same family and
-- marks the old one used. A used one that comes back is a theft signal: the
-- whole family, and the access tokens it issued, are revoked (OAuth 2.1 §4.3.1).
CREATE TABLE refresh_tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash   TEXT NOT NULL UNIQUE,
    family       TEXT NOT NULL,
    id_user      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    id_api_app   INTEGER NOT NULL REFERENCES api_apps(id) ON DELETE CASCADE,
    scope        TEXT NOT NULL,
    auth_time    INTEGER NOT NULL,
    id_token     INTEGER REFERENCES tokens(id) ON DELETE SET NULL,
    date_created INTEGER NOT NULL,
    date_expired INTEGER NOT NULL,
    date_used    INTEGER,
    date_revoked INTEGER
) STRICT;
CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family);

-- ID token signing keys (RS256, made by WebCrypto in the worker): the private
-- JWK sealed under the master key, the public JWK as the JWKS publishes it. A
-- retired key stays published until every token it signed has expired.
CREATE TABLE signing_keys (
    kid            TEXT PRIMARY KEY,
    private_sealed TEXT NOT NULL,
    public_jwk     TEXT NOT NULL,
    date_created   INTEGER NOT NULL,
    date_retired   INTEGER
) STRICT, WITHOUT ROWID;
