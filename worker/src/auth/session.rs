//! First-party sessions: the dashboard's sign-in cookie and the consent
//! form's one-time CSRF tokens, bound to the session that received them.

use senzu_core::auth::Role;
use senzu_core::secrets::sha256_hex;
use senzu_core::ErrorCode;
use worker::{D1Database, Request};

use super::{crypto, SESSION_COOKIE};
use crate::db::{self, int, text};
use crate::error::{AppError, AppResult};

/// The dashboard app (first party, seeded by migration 0004).
pub const FIRST_PARTY_APP: i64 = 1;
pub const SESSION_SECONDS: i64 = 30 * 86_400;
const CSRF_SECONDS: i64 = 3_600;

pub fn cookie_token(req: &Request) -> Option<String> {
    let cookies = req.headers().get("cookie").ok().flatten()?;
    crate::http::cookie_value(&cookies, SESSION_COOKIE).map(str::to_string)
}

/// `Set-Cookie` for a new session. `Secure` always: browsers accept it on
/// http://localhost and 127.0.0.1, which count as secure contexts.
pub fn set_cookie(token: &str) -> String {
    format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age={SESSION_SECONDS}")
}

pub fn clear_cookie() -> String {
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0")
}

/// A new token row; returns (id, clear token). Only the hash is stored.
pub async fn issue_token(
    db: &D1Database,
    kind: &str,
    id_user: i64,
    id_app: i64,
    roles: &[Role],
    expires_at: Option<i64>,
) -> AppResult<(i64, String)> {
    let token = crypto::random_hex(64)?;
    let row = db::id_of(
        db,
        "INSERT INTO tokens (token_hash, kind, id_user, id_api_app, roles, date_expired) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
        &[
            text(&sha256_hex(&[token.as_bytes()])),
            text(kind),
            int(id_user),
            int(id_app),
            text(&Role::join(roles)),
            db::opt_int(expires_at),
        ],
        "insert token",
    )
    .await?;
    let id = row.ok_or_else(|| AppError::Internal { context: "insert token", cause: "no id returned".into() })?;
    Ok((id, token))
}

/// A sign-in: a session token of the dashboard app holding every role it has.
pub async fn open_session(db: &D1Database, id_user: i64, now: i64) -> AppResult<String> {
    let (_, token) =
        issue_token(db, "session", id_user, FIRST_PARTY_APP, Role::ALL, Some(now + SESSION_SECONDS)).await?;
    Ok(token)
}

pub async fn new_csrf(db: &D1Database, id_session: i64, now: i64) -> AppResult<String> {
    let token = crypto::random_hex(32)?;
    db::run(
        db,
        "INSERT INTO csrf_tokens (token_hash, id_session, date_expired) VALUES (?1, ?2, ?3)",
        &[text(&sha256_hex(&[token.as_bytes()])), int(id_session), int(now + CSRF_SECONDS)],
        "insert csrf",
    )
    .await?;
    Ok(token)
}

/// Consumes a CSRF token: it must exist, belong to this session and be fresh.
/// The DELETE is the single use: two parallel posts cannot both succeed.
pub async fn take_csrf(db: &D1Database, token: &str, id_session: i64, now: i64) -> AppResult<()> {
    let deleted = db::run(
        db,
        "DELETE FROM csrf_tokens WHERE token_hash = ?1 AND id_session = ?2 AND date_expired > ?3",
        &[text(&sha256_hex(&[token.as_bytes()])), int(id_session), int(now)],
        "take csrf",
    )
    .await?;
    if deleted == 1 {
        Ok(())
    } else {
        Err(AppError::api(ErrorCode::Forbidden, "bad csrf token: reload the consent page and try again"))
    }
}
