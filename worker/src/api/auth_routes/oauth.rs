//! The OAuth 2.0 / OpenID Connect side of Senzu Auth, for standard client
//! libraries: the token endpoint's RFC 6749 grants (authorization code with
//! PKCE, refresh token with rotation and reuse detection), client
//! authentication (`client_secret_basic`, `client_secret_post`, or none for a
//! public client with PKCE), ID tokens, userinfo, revocation (RFC 7009) and the
//! discovery and JWKS documents. Errors are RFC 6749 §5.2 bodies, never
//! Senzu's; an infrastructure failure is still a 500.

use senzu_core::api::auth::{RevokeToken, TokenExchange, TokenGrant};
use senzu_core::auth::oidc::{self, OAuthError, Scope, User};
use senzu_core::auth::pkce::Challenge;
use senzu_core::auth::Role;
use senzu_core::secrets::sha256_hex;
use senzu_core::ErrorCode;
use worker::{Headers, Request, Response};

use super::{repo, signing};
use crate::api::Call;
use crate::auth::{crypto, session};
use crate::error::{AppError, AppResult, Context};
use crate::request;

/// Why a grant failed: the client's mistake (an RFC error) or ours (a 500).
enum Failure {
    OAuth(OAuthError),
    App(AppError),
}

impl From<AppError> for Failure {
    fn from(e: AppError) -> Self {
        Failure::App(e)
    }
}

fn fail(error: &'static str, description: impl Into<String>) -> Failure {
    Failure::OAuth(OAuthError::new(error, description))
}

/// Whether a token request speaks OAuth 2.0 (standard names or HTTP Basic) rather than Senzu's documented flow.
pub fn is_standard(req: &Request, given: &TokenExchange) -> bool {
    given.client_id.is_some()
        || given.redirect_uri.is_some()
        || given.refresh_token.is_some()
        || given.grant_type.as_deref() == Some("refresh_token")
        || basic_header(req).is_some()
}

fn basic_header(req: &Request) -> Option<String> {
    req.headers().get("authorization").ok().flatten().filter(|h| h.to_ascii_lowercase().starts_with("basic "))
}

fn no_store(body: &serde_json::Value, status: u16) -> Response {
    let headers = Headers::new();
    let _ = headers.set("content-type", "application/json; charset=utf-8");
    let _ = headers.set("cache-control", "no-store");
    let _ = headers.set("pragma", "no-cache");
    if status == 401 {
        let _ = headers.set("www-authenticate", "Basic realm=\"senzu\"");
    }
    Response::builder().with_status(status).with_headers(headers).fixed(body.to_string().into_bytes())
}

fn answer(result: Result<serde_json::Value, Failure>) -> AppResult<Response> {
    match result {
        Ok(body) => Ok(no_store(&body, 200)),
        Err(Failure::OAuth(e)) => Ok(no_store(&e.to_body(), e.status())),
        Err(Failure::App(e)) => Err(e),
    }
}

fn text(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// The authenticated client (RFC 6749 §2.3): HTTP Basic, or `client_id` and
/// `client_secret` in the body, or a public client's bare `client_id`.
async fn client(call: &Call<'_>, req: &Request, client_id: Option<&str>, secret: Option<&str>) -> Result<i64, Failure> {
    let (id, secret) = match (basic_header(req), secret) {
        (Some(_), Some(_)) => return Err(fail("invalid_request", "use one client authentication method, not two")),
        (Some(header), None) => {
            let (id, secret) = oidc::basic_credentials(&header)
                .ok_or_else(|| fail("invalid_client", "the Authorization header is not client_id:client_secret"))?;
            if client_id.is_some_and(|c| c != id) {
                return Err(fail("invalid_request", "client_id differs from the authenticated client"));
            }
            (id, Some(secret))
        }
        (None, secret) => (
            client_id.ok_or_else(|| fail("invalid_request", "client_id is missing"))?.to_string(),
            secret.map(str::to_string),
        ),
    };
    let id_app: i64 = id.trim().parse().map_err(|_| fail("invalid_client", "unknown client"))?;
    let hash = secret.map(|s| sha256_hex(&[s.trim().to_ascii_lowercase().as_bytes()]));
    if !repo::client(&call.db, id_app, hash.as_deref()).await? {
        return Err(fail("invalid_client", "unknown client, or a wrong client_secret"));
    }
    Ok(id_app)
}

/// `POST /v1/auth/token` with OAuth 2.0 parameters.
pub async fn token(call: &Call<'_>, req: &Request, given: &TokenExchange) -> AppResult<Response> {
    answer(grant(call, req, given).await)
}

async fn grant(call: &Call<'_>, req: &Request, given: &TokenExchange) -> Result<serde_json::Value, Failure> {
    let id_app = client(call, req, text(&given.client_id), text(&given.client_secret)).await?;
    match text(&given.grant_type) {
        Some("authorization_code") => code_grant(call, id_app, given).await,
        Some("refresh_token") => refresh_grant(call, id_app, given).await,
        Some(other) => Err(fail("unsupported_grant_type", format!("{other} is not a grant of this server"))),
        None => Err(fail("invalid_request", "grant_type is missing")),
    }
}

async fn code_grant(call: &Call<'_>, id_app: i64, given: &TokenExchange) -> Result<serde_json::Value, Failure> {
    let code = text(&given.code).ok_or_else(|| fail("invalid_request", "code is missing"))?;
    let verifier =
        text(&given.code_verifier).ok_or_else(|| fail("invalid_request", "code_verifier is missing (PKCE)"))?;
    let redirect = text(&given.redirect_uri)
        .or(text(&given.redirect_url))
        .ok_or_else(|| fail("invalid_request", "redirect_uri is missing"))?;
    let hash = sha256_hex(&[code.as_bytes()]);
    let Some(row) = repo::claim_code(&call.db, &hash, call.now).await? else {
        if let Some(id_token) = repo::mark_reused(&call.db, &hash).await? {
            repo::revoke(&call.db, id_token, call.now).await?;
        }
        return Err(fail("invalid_grant", "the code is unknown or was already used"));
    };
    if row.date_expired <= call.now {
        return Err(fail("invalid_grant", "the code expired (codes are valid 10 minutes)"));
    }
    if row.id_api_app != id_app || row.redirect_url != redirect {
        return Err(fail("invalid_grant", "the code was issued to another client or redirect_uri"));
    }
    let challenge = Challenge::parse(&row.code_challenge, "S256").context("stored code challenge")?;
    challenge.verify(verifier).map_err(|e| fail("invalid_grant", e.to_string()))?;
    let roles = Role::parse_list(&row.roles).context("stored code roles")?;
    let scope = match &row.scope {
        Some(s) => Scope::parse(s).context("stored code scope")?,
        // A code asked for with Senzu's `roles`: the same grant, in OAuth words.
        None => Scope { roles: roles.clone(), ..Scope::default() },
    };
    let auth_time = row.auth_time.unwrap_or(call.now);
    let issued = issue(call, id_app, row.id_user, &scope, auth_time, None, row.nonce.as_deref()).await?;
    repo::link_token(&call.db, row.id, issued.id_token, call.now).await?;
    Ok(issued.body)
}

async fn refresh_grant(call: &Call<'_>, id_app: i64, given: &TokenExchange) -> Result<serde_json::Value, Failure> {
    let token = text(&given.refresh_token).ok_or_else(|| fail("invalid_request", "refresh_token is missing"))?;
    let hash = sha256_hex(&[token.as_bytes()]);
    let Some(row) = repo::use_refresh(&call.db, &hash, call.now).await? else {
        // A used or revoked one coming back: someone holds a copy. End the whole family.
        if let Some(owner) = repo::refresh_owner(&call.db, &hash).await? {
            if owner.date_used.is_some() || owner.date_revoked.is_some() {
                repo::revoke_family(&call.db, &owner.family, call.now).await?;
                worker::console_warn!("security: a used refresh token came back; its family is revoked");
            }
        }
        return Err(fail("invalid_grant", "the refresh token is unknown, used, revoked or expired"));
    };
    if row.id_api_app != id_app {
        repo::revoke_family(&call.db, &row.family, call.now).await?;
        return Err(fail("invalid_grant", "the refresh token was issued to another client"));
    }
    let granted = Scope::parse(&row.scope).context("stored refresh scope")?;
    // A narrower scope may be asked for (RFC 6749 §6), never a wider one.
    let scope = match text(&given.scope) {
        None => granted,
        Some(asked) => {
            let asked = Scope::parse(asked).map_err(|e| fail("invalid_scope", e))?;
            let wider = (asked.openid && !granted.openid)
                || (asked.profile && !granted.profile)
                || (asked.email && !granted.email)
                || asked.roles.iter().any(|r| !granted.roles.contains(r));
            if wider {
                return Err(fail("invalid_scope", "a refresh may narrow the scope, never widen it"));
            }
            Scope { offline_access: granted.offline_access, ..asked }
        }
    };
    Ok(issue(call, id_app, row.id_user, &scope, row.auth_time, Some(&row.family), None).await?.body)
}

struct Issued {
    id_token: i64,
    body: serde_json::Value,
}

/// An access token (an hour), a refresh token (rotated on each use) and, for `openid`, an ID token.
async fn issue(
    call: &Call<'_>,
    id_app: i64,
    id_user: i64,
    scope: &Scope,
    auth_time: i64,
    family: Option<&str>,
    nonce: Option<&str>,
) -> Result<Issued, Failure> {
    let expires_at = call.now + oidc::ACCESS_TOKEN_SECONDS;
    let (id_token, access) =
        session::issue_token(&call.db, "user", id_user, id_app, &scope.roles, Some(expires_at)).await?;
    let refresh = crypto::random_hex(64)?;
    let family = match family {
        Some(f) => f.to_string(),
        None => crypto::random_hex(16)?,
    };
    repo::insert_refresh(
        &call.db,
        &repo::NewRefresh {
            token: &refresh,
            family: &family,
            id_user,
            id_app,
            scope: &scope.granted(),
            auth_time,
            id_token,
            now: call.now,
            date_expired: call.now + oidc::REFRESH_TOKEN_SECONDS,
        },
    )
    .await?;
    let id_jwt = match scope.openid {
        false => None,
        true => {
            let facts = repo::user_facts(&call.db, id_user)
                .await?
                .ok_or_else(|| fail("invalid_grant", "the user of this grant no longer exists"))?;
            let user = user_of(id_user, &facts);
            let t = oidc::IdToken { issuer: &call.origin, audience: id_app, nonce, auth_time, now: call.now };
            let master = crate::keys::master_key(call.env)?;
            let key = signing::current(&call.db, &master, call.now).await?;
            Some(key.sign(&oidc::id_token_claims(&t, &user, &scope.roles)).await?)
        }
    };
    let grant = TokenGrant {
        token: access.clone(),
        access_token: access,
        token_type: "Bearer".into(),
        expires_in: Some(oidc::ACCESS_TOKEN_SECONDS),
        roles: Role::join(&scope.roles),
        refresh_token: Some(refresh),
        id_token: id_jwt,
        scope: Some(scope.granted()),
    };
    Ok(Issued { id_token, body: serde_json::to_value(&grant).context("token answer")? })
}

fn user_of<'a>(id: i64, f: &'a repo::UserFacts) -> User<'a> {
    User {
        id,
        firstname: f.firstname.as_deref(),
        lastname: f.lastname.as_deref(),
        username: f.username.as_deref(),
        language: f.language.as_deref(),
        email: &f.email,
        email_verified: f.verified_email.as_deref().is_some_and(|v| v.eq_ignore_ascii_case(&f.email)),
    }
}

/// `GET|POST /v1/oauth/userinfo` (Bearer): the claims the token's roles allow.
pub async fn userinfo(call: &Call<'_>) -> AppResult<Response> {
    let user = call.caller.user.as_ref().ok_or_else(|| {
        AppError::api(ErrorCode::Unauthorized, "userinfo needs a user's access token (Authorization: Bearer)")
    })?;
    let facts = repo::user_facts(&call.db, user.id_user)
        .await?
        .ok_or_else(|| AppError::api(ErrorCode::Unauthorized, "the user of this token no longer exists"))?;
    let roles: Vec<Role> = Role::ALL.iter().copied().filter(|r| user.roles.contains(r)).collect();
    let claims = oidc::user_claims(&user_of(user.id_user, &facts), &roles);
    Ok(no_store(&serde_json::Value::Object(claims), 200))
}

/// `POST /v1/oauth/revoke` (RFC 7009): ends an access or refresh token of the
/// authenticated client. Unknown tokens, and other clients' tokens, answer 200
/// all the same (§2.2): a client learns nothing about tokens it does not hold.
pub async fn revoke(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let given: RevokeToken = request::parse(req).await?;
    answer(revoke_given(call, req, &given).await)
}

async fn revoke_given(call: &Call<'_>, req: &Request, given: &RevokeToken) -> Result<serde_json::Value, Failure> {
    let id_app = client(call, req, text(&given.client_id), text(&given.client_secret)).await?;
    let token = text(&given.token).ok_or_else(|| fail("invalid_request", "token is missing"))?;
    let hash = sha256_hex(&[token.to_ascii_lowercase().as_bytes()]);
    if let Some(owner) = repo::refresh_owner(&call.db, &hash).await? {
        if owner.id_api_app == id_app {
            repo::revoke_family(&call.db, &owner.family, call.now).await?;
        }
    } else if let Some(owner) = repo::access_owner(&call.db, &hash).await? {
        if owner.id_api_app == id_app {
            repo::revoke(&call.db, owner.id, call.now).await?;
        }
    }
    Ok(serde_json::json!({}))
}

/// `GET /.well-known/openid-configuration` and `/.well-known/oauth-authorization-server`.
pub fn discovery(req: &Request) -> Response {
    let issuer = request::origin(req).unwrap_or_default();
    public_document(&oidc::discovery(&issuer))
}

/// A public, cacheable JSON document any origin may read (discovery, JWKS).
fn public_document(body: &serde_json::Value) -> Response {
    let headers = Headers::new();
    let _ = headers.set("content-type", "application/json; charset=utf-8");
    let _ = headers.set("cache-control", "public, max-age=300");
    let _ = headers.set("access-control-allow-origin", "*");
    Response::builder().with_headers(headers).fixed(body.to_string().into_bytes())
}

/// `GET /v1/oauth/jwks`: the public signing keys.
pub async fn jwks(env: &worker::Env) -> AppResult<Response> {
    let db = crate::db::database(env)?;
    Ok(public_document(&signing::jwks(&db, crate::db::now()).await?))
}
