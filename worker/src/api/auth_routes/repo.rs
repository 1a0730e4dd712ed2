//! The queries of sign-in, consent, codes and tokens. Every function is one
//! statement or one batch.

use senzu_core::api::Id;
use senzu_core::secrets::sha256_hex;
use serde::Deserialize;
use worker::D1Database;

use crate::db::{self, int, opt_int, text};
use crate::error::{AppResult, Context};

pub async fn revoke(db: &D1Database, id_token: Id, now: i64) -> AppResult<u64> {
    db::run(
        db,
        "UPDATE tokens SET date_revoked = ?2 WHERE id = ?1 AND date_revoked IS NULL",
        &[int(id_token), int(now)],
        "revoke token",
    )
    .await
}

#[derive(Deserialize)]
pub struct AppInfo {
    pub id: i64,
    pub display_name: String,
    pub url_image: Option<String>,
    pub status: i64,
    pub redirects: String,
    pub granted: String,
}

/// A third-party app as a consent request sees it: its redirects and granted roles.
pub async fn consent_app(db: &D1Database, id_app: Id) -> AppResult<Option<AppInfo>> {
    db::first(
        db,
        "SELECT a.id, a.display_name, a.url_image, a.status, \
         (SELECT json_group_array(url) FROM api_app_redirects WHERE id_api_app = a.id) AS redirects, \
         (SELECT json_group_array(alias_role) FROM api_app_roles WHERE id_api_app = a.id AND status = 1) AS granted \
         FROM api_apps a WHERE a.id = ?1 AND a.is_first_party = 0",
        &[int(id_app)],
        "consent app",
    )
    .await
}

/// A new authorization code (only its hash is kept).
pub struct NewCode<'a> {
    pub code: &'a str,
    pub id_user: Id,
    pub id_app: Id,
    pub roles: &'a str,
    pub redirect_url: &'a str,
    pub challenge: &'a str,
    pub expires_in: Option<i64>,
    pub date_expired: i64,
    /// OAuth 2.0 / OpenID Connect requests: the scope as granted, the nonce, and
    /// the session the user signed in with (its creation is the `auth_time`).
    pub scope: Option<&'a str>,
    pub nonce: Option<&'a str>,
    pub id_session: Id,
}

pub async fn insert_code(db: &D1Database, c: &NewCode<'_>) -> AppResult<()> {
    db::run(
        db,
        "INSERT INTO auth_codes (code_hash, id_user, id_api_app, roles, redirect_url, code_challenge, \
         expires_in, date_expired, scope, nonce, auth_time) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, \
         (SELECT date_created FROM tokens WHERE id = ?11))",
        &[
            text(&sha256_hex(&[c.code.as_bytes()])),
            int(c.id_user),
            int(c.id_app),
            text(c.roles),
            text(c.redirect_url),
            text(c.challenge),
            opt_int(c.expires_in),
            int(c.date_expired),
            db::opt_text(c.scope),
            db::opt_text(c.nonce),
            int(c.id_session),
        ],
        "insert auth code",
    )
    .await?;
    Ok(())
}

#[derive(Deserialize)]
pub struct CodeRow {
    pub id: i64,
    pub id_user: i64,
    pub id_api_app: i64,
    pub roles: String,
    pub redirect_url: String,
    pub code_challenge: String,
    pub expires_in: Option<i64>,
    pub date_expired: i64,
    pub scope: Option<String>,
    pub nonce: Option<String>,
    pub auth_time: Option<i64>,
}

/// Uses a code once: `None` when it is unknown or was used before.
pub async fn claim_code(db: &D1Database, hash: &str, now: i64) -> AppResult<Option<CodeRow>> {
    db::first(
        db,
        "UPDATE auth_codes SET date_used = ?2 WHERE code_hash = ?1 AND date_used IS NULL \
         RETURNING id, id_user, id_api_app, roles, redirect_url, code_challenge, expires_in, date_expired, \
         scope, nonce, auth_time",
        &[text(hash), int(now)],
        "claim code",
    )
    .await
}

/// Marks a code replayed; the token its first use issued, if any.
pub async fn mark_reused(db: &D1Database, hash: &str) -> AppResult<Option<Id>> {
    #[derive(Deserialize)]
    struct Reused {
        id_token: Option<i64>,
    }
    let reused: Option<Reused> = db::first(
        db,
        "UPDATE auth_codes SET is_reused = 1 WHERE code_hash = ?1 RETURNING id_token",
        &[text(hash)],
        "mark code reused",
    )
    .await?;
    Ok(reused.and_then(|r| r.id_token))
}

/// Links the token to its code, and revokes it at once if a replay already marked the code.
pub async fn link_token(db: &D1Database, id_code: Id, id_token: Id, now: i64) -> AppResult<()> {
    let statements = vec![
        db::statement(db, "UPDATE auth_codes SET id_token = ?2 WHERE id = ?1", &[int(id_code), int(id_token)], "link token")?,
        db::statement(
            db,
            "UPDATE tokens SET date_revoked = ?3 WHERE id = ?2 AND (SELECT is_reused FROM auth_codes WHERE id = ?1) = 1",
            &[int(id_code), int(id_token), int(now)],
            "revoke raced token",
        )?,
    ];
    db.batch(statements).await.context("link token")?;
    Ok(())
}

#[derive(Deserialize)]
pub struct TokenOwner {
    pub id: i64,
    pub id_user: i64,
    pub id_api_app: i64,
}

pub async fn token_owner(db: &D1Database, id_token: Id) -> AppResult<Option<TokenOwner>> {
    db::first(db, "SELECT id, id_user, id_api_app FROM tokens WHERE id = ?1", &[int(id_token)], "token owner").await
}

#[derive(Deserialize)]
pub struct SessionRow {
    pub id: i64,
    pub id_api_app: i64,
    pub id_user: i64,
    pub roles: String,
    pub date_created: i64,
    pub date_expired: Option<i64>,
    pub date_revoked: Option<i64>,
    pub logs: String,
}

/// A token's facts and its last 20 calls (as JSON text).
pub async fn session(db: &D1Database, id_token: Id) -> AppResult<Option<SessionRow>> {
    db::first(
        db,
        "SELECT t.id, t.id_api_app, t.id_user, t.roles, t.date_created, t.date_expired, t.date_revoked, \
         (SELECT json_group_array(json_object('id', c.id, 'method', c.method, 'route', c.route, 'date', c.date_created)) \
            FROM (SELECT * FROM api_calls WHERE id_token = t.id ORDER BY id DESC LIMIT 20) c) AS logs \
         FROM tokens t WHERE t.id = ?1",
        &[int(id_token)],
        "session",
    )
    .await
}

/// Whether `id_app` is an active developer app, and (with a secret's hash) whether it is its secret.
pub async fn client(db: &D1Database, id_app: Id, secret_hash: Option<&str>) -> AppResult<bool> {
    let found = db::id_of(
        db,
        "SELECT id FROM api_apps WHERE id = ?1 AND status = 1 AND (?2 IS NULL OR private_key_hash = ?2)",
        &[int(id_app), db::opt_text(secret_hash)],
        "oauth client",
    )
    .await?;
    Ok(found.is_some())
}

/// What a user's OpenID claims are made of.
#[derive(Deserialize)]
pub struct UserFacts {
    pub email: String,
    pub verified_email: Option<String>,
    pub firstname: Option<String>,
    pub lastname: Option<String>,
    pub username: Option<String>,
    pub language: Option<String>,
}

pub async fn user_facts(db: &D1Database, id_user: Id) -> AppResult<Option<UserFacts>> {
    db::first(
        db,
        "SELECT email, verified_email, firstname, lastname, username, language FROM users WHERE id = ?1",
        &[int(id_user)],
        "user claims",
    )
    .await
}

/// A refresh token to keep: its hash, family and what it grants.
pub struct NewRefresh<'a> {
    pub token: &'a str,
    pub family: &'a str,
    pub id_user: Id,
    pub id_app: Id,
    pub scope: &'a str,
    pub auth_time: i64,
    pub id_token: Id,
    pub now: i64,
    pub date_expired: i64,
}

pub async fn insert_refresh(db: &D1Database, r: &NewRefresh<'_>) -> AppResult<()> {
    db::run(
        db,
        "INSERT INTO refresh_tokens (token_hash, family, id_user, id_api_app, scope, auth_time, id_token, \
         date_created, date_expired) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        &[
            text(&sha256_hex(&[r.token.as_bytes()])),
            text(r.family),
            int(r.id_user),
            int(r.id_app),
            text(r.scope),
            int(r.auth_time),
            int(r.id_token),
            int(r.now),
            int(r.date_expired),
        ],
        "insert refresh token",
    )
    .await?;
    Ok(())
}

#[derive(Deserialize)]
pub struct RefreshRow {
    pub family: String,
    pub id_user: i64,
    pub id_api_app: i64,
    pub scope: String,
    pub auth_time: i64,
}

/// Uses a live refresh token once (rotation): `None` when it is unknown, used, revoked or expired.
pub async fn use_refresh(db: &D1Database, hash: &str, now: i64) -> AppResult<Option<RefreshRow>> {
    db::first(
        db,
        "UPDATE refresh_tokens SET date_used = ?2 WHERE token_hash = ?1 AND date_used IS NULL \
         AND date_revoked IS NULL AND date_expired > ?2 RETURNING family, id_user, id_api_app, scope, auth_time",
        &[text(hash), int(now)],
        "use refresh token",
    )
    .await
}

/// A refresh token's family and client, whatever its state.
#[derive(Deserialize)]
pub struct RefreshOwner {
    pub family: String,
    pub id_api_app: i64,
    pub date_used: Option<i64>,
    pub date_revoked: Option<i64>,
}

pub async fn refresh_owner(db: &D1Database, hash: &str) -> AppResult<Option<RefreshOwner>> {
    db::first(
        db,
        "SELECT family, id_api_app, date_used, date_revoked FROM refresh_tokens WHERE token_hash = ?1",
        &[text(hash)],
        "refresh token owner",
    )
    .await
}

/// Revokes a whole family: its refresh tokens and the access tokens they issued.
pub async fn revoke_family(db: &D1Database, family: &str, now: i64) -> AppResult<()> {
    let statements = vec![
        db::statement(
            db,
            "UPDATE tokens SET date_revoked = ?2 WHERE date_revoked IS NULL AND id IN \
             (SELECT id_token FROM refresh_tokens WHERE family = ?1)",
            &[text(family), int(now)],
            "revoke family tokens",
        )?,
        db::statement(
            db,
            "UPDATE refresh_tokens SET date_revoked = ?2 WHERE family = ?1 AND date_revoked IS NULL",
            &[text(family), int(now)],
            "revoke family",
        )?,
    ];
    db.batch(statements).await.context("revoke refresh family")?;
    Ok(())
}

/// An access token's id and client, by its hash.
#[derive(Deserialize)]
pub struct AccessOwner {
    pub id: i64,
    pub id_api_app: i64,
}

pub async fn access_owner(db: &D1Database, hash: &str) -> AppResult<Option<AccessOwner>> {
    db::first(db, "SELECT id, id_api_app FROM tokens WHERE token_hash = ?1", &[text(hash)], "access token owner").await
}
