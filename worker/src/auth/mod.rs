//! Who is calling: the token of a request (Bearer header, `?token=`, or the
//! first-party session cookie) resolved in one D1 read to a [`Caller`], and
//! the role check every route makes before it does anything.

pub mod crypto;
pub mod limits;
pub mod session;

use senzu_core::auth::tokens::Asker;
use senzu_core::auth::Role;
use senzu_core::secrets::sha256_hex;
use senzu_core::ErrorCode;
use serde::Deserialize;
use worker::{D1Database, Request};

use crate::db::{self, int, text};
use crate::error::{AppError, AppResult};

/// The cookie that carries the first-party session token (HttpOnly: the SPA never sees it).
pub const SESSION_COOKIE: &str = "senzu_session";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A developer app's private key.
    App,
    /// A user token issued through Senzu Auth.
    User,
    /// A first-party sign-in (the dashboard's cookie).
    Session,
}

#[derive(Debug)]
pub struct UserGrant {
    pub id_user: i64,
    pub id_token: i64,
    /// The roles the user consented to.
    pub roles: Vec<Role>,
}

/// The caller of a request: an app (always, once authenticated) and maybe a user.
#[derive(Debug, Default)]
pub struct Caller {
    pub app: Option<AppGrant>,
    pub user: Option<UserGrant>,
    pub kind: Option<TokenKind>,
}

#[derive(Debug)]
pub struct AppGrant {
    pub id: i64,
    pub is_first_party: bool,
    /// Roles the app holds (status true), with their daily quota.
    pub roles: Vec<(Role, Option<i64>)>,
}

#[derive(Debug, Deserialize)]
struct TokenRow {
    source: String,
    id_token: Option<i64>,
    kind: Option<String>,
    id_user: Option<i64>,
    id_api_app: i64,
    roles: Option<String>,
    date_expired: Option<i64>,
    date_revoked: Option<i64>,
    app_status: i64,
    is_first_party: i64,
    app_roles: String,
}

#[derive(Debug, Deserialize)]
struct AppRoleRow {
    alias: String,
    quota: Option<i64>,
}

/// The token a request carries: `Authorization: Bearer`, then `?token=`, then the cookie.
pub fn request_token(req: &Request) -> Option<String> {
    let header = req.headers().get("authorization").ok().flatten();
    if let Some(bearer) = header.as_deref().and_then(|h| h.strip_prefix("Bearer ")) {
        return Some(bearer.trim().to_string());
    }
    if let Some(token) = crate::http::query_param(req, "token") {
        return Some(token);
    }
    session::cookie_token(req)
}

/// How [`request_token`] finds the token: sent explicitly, or the ambient cookie
/// (which a foreign page's request carries too: see core::auth::origin).
pub fn credential(req: &Request) -> senzu_core::auth::origin::Credential {
    use senzu_core::auth::origin::Credential;
    let header = req.headers().get("authorization").ok().flatten();
    if header.as_deref().is_some_and(|h| h.starts_with("Bearer ")) || crate::http::query_param(req, "token").is_some() {
        Credential::Token
    } else if session::cookie_token(req).is_some() {
        Credential::Cookie
    } else {
        Credential::None
    }
}

const APP_ROLES: &str = "(SELECT json_group_array(json_object('alias', r.alias_role, 'quota', r.daily_quota)) \
     FROM api_app_roles r WHERE r.id_api_app = a.id AND r.status = 1)";

/// Resolves the request's token; no token is an anonymous caller, a bad one an error.
pub async fn authenticate(req: &Request, db: &D1Database, now: i64) -> AppResult<Caller> {
    let Some(token) = request_token(req) else { return Ok(Caller::default()) };
    resolve_token(db, &token, now).await
}

pub async fn resolve_token(db: &D1Database, token: &str, now: i64) -> AppResult<Caller> {
    let well_formed = (token.len() == 64 || token.len() == 128) && token.bytes().all(|b| b.is_ascii_hexdigit());
    if !well_formed {
        return Err(AppError::api(ErrorCode::Unauthorized, "bad token: a token is 64 or 128 hexadecimal characters"));
    }
    let hash = sha256_hex(&[token.to_ascii_lowercase().as_bytes()]);
    let sql = format!(
        "SELECT 'user' AS source, t.id AS id_token, t.kind, t.id_user, t.id_api_app, t.roles, t.date_expired, \
         t.date_revoked, a.status AS app_status, a.is_first_party, {APP_ROLES} AS app_roles \
         FROM tokens t JOIN api_apps a ON a.id = t.id_api_app WHERE t.token_hash = ?1 \
         UNION ALL \
         SELECT 'app', NULL, NULL, NULL, a.id, NULL, NULL, NULL, a.status, a.is_first_party, {APP_ROLES} \
         FROM api_apps a WHERE a.private_key_hash = ?1"
    );
    let row: Option<TokenRow> = db::first(db, &sql, &[text(&hash)], "token lookup").await?;
    let Some(row) = row else {
        return Err(AppError::api(ErrorCode::Unauthorized, "bad token: unknown or revoked"));
    };
    if row.date_revoked.is_some() || row.app_status == 0 {
        return Err(AppError::api(ErrorCode::Unauthorized, "bad token: unknown or revoked"));
    }
    if row.date_expired.is_some_and(|t| t <= now) {
        return Err(AppError::api(ErrorCode::TokenExpired, "token expired: ask the user to sign in again"));
    }
    let app_roles: Vec<AppRoleRow> = serde_json::from_str(&row.app_roles).unwrap_or_default();
    let app = AppGrant {
        id: row.id_api_app,
        is_first_party: row.is_first_party == 1,
        roles: app_roles.into_iter().filter_map(|r| Role::parse(&r.alias).ok().map(|role| (role, r.quota))).collect(),
    };
    let (kind, user) = if row.source == "app" {
        (TokenKind::App, None)
    } else {
        let kind = if row.kind.as_deref() == Some("session") { TokenKind::Session } else { TokenKind::User };
        let roles = Role::parse_list(row.roles.as_deref().unwrap_or_default()).unwrap_or_default();
        let grant =
            UserGrant { id_user: row.id_user.unwrap_or_default(), id_token: row.id_token.unwrap_or_default(), roles };
        (kind, Some(grant))
    };
    Ok(Caller { app: Some(app), user, kind: Some(kind) })
}

impl Caller {
    pub fn is_anonymous(&self) -> bool {
        self.app.is_none()
    }

    /// Checks that the app holds `role` and, for a user token, that the user
    /// granted it; then counts the call against the role's daily quota.
    pub async fn require(&self, db: &D1Database, role: Role, now: i64) -> AppResult<()> {
        let app = self.app.as_ref().ok_or_else(|| {
            AppError::api(ErrorCode::Unauthorized, format!("this route needs a token with the role {}", role.alias()))
        })?;
        let quota = app.roles.iter().find(|(r, _)| *r == role).map(|(_, q)| *q).ok_or_else(|| {
            AppError::api(ErrorCode::Forbidden, format!("the app does not hold the role {}", role.alias()))
        })?;
        if let Some(user) = &self.user {
            if !user.roles.contains(&role) {
                return Err(AppError::api(
                    ErrorCode::Forbidden,
                    format!("the user did not grant the role {} to this app", role.alias()),
                ));
            }
        }
        if let Some(quota) = quota {
            take_quota(db, app.id, role, quota, now).await?;
        }
        Ok(())
    }

    /// Whether the app holds `role` and the user (if any) granted it; no quota counted.
    pub fn holds(&self, role: Role) -> bool {
        let app = self.app.as_ref().is_some_and(|a| a.roles.iter().any(|(r, _)| *r == role));
        app && self.user.as_ref().is_none_or(|u| u.roles.contains(&role))
    }

    /// Like [`Caller::require`], for routes that act on a user's account.
    pub async fn require_user(&self, db: &D1Database, role: Role, now: i64) -> AppResult<&UserGrant> {
        self.require(db, role, now).await?;
        self.user.as_ref().ok_or_else(|| {
            AppError::api(ErrorCode::Unauthorized, "this route needs a user token, not an application token")
        })
    }

    /// For routes that need an app's own token (its private key), such as the procedures.
    pub async fn require_app(&self, db: &D1Database, role: Role, now: i64) -> AppResult<&AppGrant> {
        self.require(db, role, now).await?;
        self.app.as_ref().ok_or_else(|| AppError::api(ErrorCode::Unauthorized, "this route needs a token"))
    }

    /// The caller as core's token rule sees it; `None` when anonymous.
    pub fn token_asker(&self) -> Option<Asker> {
        Some(match self.kind? {
            TokenKind::Session => Asker::Session,
            TokenKind::User => Asker::ThirdParty { user_logs: self.holds(Role::UserLogs) },
            TokenKind::App => Asker::App { api_management: self.holds(Role::ApiManagement) },
        })
    }

    pub fn id_app(&self) -> Option<i64> {
        self.app.as_ref().map(|a| a.id)
    }

    pub fn id_user(&self) -> Option<i64> {
        self.user.as_ref().map(|u| u.id_user)
    }
}

/// One more call of `role` today, unless the quota is reached: a conditional
/// upsert, so N parallel calls at the edge get exactly the remaining ones.
async fn take_quota(db: &D1Database, id_app: i64, role: Role, quota: i64, now: i64) -> AppResult<()> {
    let day = now.div_euclid(86_400);
    let taken = quota > 0
        && db::run(
            db,
            "INSERT INTO role_usage (id_api_app, alias_role, day, calls) VALUES (?1, ?2, ?3, 1) \
             ON CONFLICT (id_api_app, alias_role, day) DO UPDATE SET calls = calls + 1 WHERE calls < ?4",
            &[int(id_app), text(role.alias()), int(day), int(quota)],
            "quota",
        )
        .await?
            > 0;
    if taken {
        Ok(())
    } else {
        let retry_after = 86_400 - now.rem_euclid(86_400);
        Err(AppError::too_many(
            format!("daily quota of the role {} reached ({quota} calls); it resets at 00:00 UTC", role.alias()),
            retry_after,
        ))
    }
}
