//! Senzu Auth: first-party sign-in/sign-up, the consent screen's API (implicit
//! `token` flow as documented, and the authorization-code flow with PKCE),
//! the code exchange, logout and token revocation.

pub mod oauth;
mod repo;
mod signing;

use senzu_core::api::auth::{
    ConsentAnswer, ConsentApp, ConsentInfo, ConsentRedirect, ConsentRequest, ConsentRole, ConsentUser, Login,
    LogoutToken, Revoked, Session, SessionCall, SignedIn, Signup, Status, TokenExchange, TokenGrant,
};
use senzu_core::api::ApiDate;
use senzu_core::auth::oidc::Scope;
use senzu_core::auth::pkce::Challenge;
use senzu_core::auth::tokens::{self, Asker, TokenAccess};
use senzu_core::auth::{redirect, Email, Role};
use senzu_core::secrets::sha256_hex;
use senzu_core::ErrorCode;
use worker::{Request, Response};

use super::procedures::{self, user_by_email};
use super::Call;
use crate::args::{bad, id, missing};
use crate::auth::{self, crypto, limits, session, TokenKind};
use crate::error::{AppError, AppResult, Context};
use crate::http::json;
use crate::request;

const CODE_SECONDS: i64 = 600;
const DEFAULT_TOKEN_SECONDS: i64 = 90 * 86_400;
const MAX_TOKEN_SECONDS: i64 = 10 * 365 * 86_400;

fn with_cookie(mut resp: Response, cookie: &str) -> Response {
    let _ = resp.headers_mut().set("set-cookie", cookie);
    resp
}

/// A required text argument, trimmed; 419 when it is absent or empty.
fn required<'a>(value: &'a Option<String>, name: &str) -> AppResult<&'a str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty()).ok_or_else(|| missing(name))
}

/// `POST /v1/auth/login` (email, password): sets the session cookie.
pub async fn login(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let given: Login = request::parse(req).await?;
    let email =
        Email::parse(given.email.as_ref().ok_or_else(|| missing("email"))?.as_str()).map_err(|e| bad("email", e))?;
    let password = given.password.as_deref().ok_or_else(|| missing("password"))?;
    // Per (account, IP) and per IP: an attacker elsewhere slows only themselves.
    let attempts = limits::SignIn::new(email.as_str(), &call.ip_hash()?);
    let (pair, ip) = (&attempts.pair, &attempts.ip);
    limits::reserve(&call.db, &[pair, ip], call.now, "too many sign-in attempts: wait before trying again").await?;
    let user = user_by_email(call, &email).await?;
    let ok = crypto::verify_password(password, user.as_ref().and_then(|u| u.password_hash.as_deref())).await?;
    let user = match user {
        Some(u) if ok => u,
        _ => return Err(AppError::api(ErrorCode::Unauthorized, "wrong email or password")),
    };
    limits::forget(&call.db, &[pair], &[ip]).await?;
    if user.is_active == 0 {
        return Err(AppError::api(
            ErrorCode::Forbidden,
            "this account is not activated yet: open the link in the activation mail",
        ));
    }
    let token = session::open_session(&call.db, user.id, call.now).await?;
    let body = SignedIn { id: user.id, email: user.email, firstname: user.firstname, lastname: user.lastname };
    Ok(with_cookie(json(&body), &session::set_cookie(&token)))
}

/// `POST /v1/auth/signup`: the dashboard's own sign-up (as the first-party app).
pub async fn signup(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let given: Signup = request::parse(req).await?;
    procedures::sign_up(call, &given, session::FIRST_PARTY_APP).await
}

/// `POST /v1/auth/logout`: ends the session and clears the cookie.
pub async fn logout_session(call: &Call<'_>) -> AppResult<Response> {
    if let (Some(TokenKind::Session), Some(user)) = (call.caller.kind, &call.caller.user) {
        repo::revoke(&call.db, user.id_token, call.now).await?;
    }
    Ok(with_cookie(json(&Status::new("signed out")), &session::clear_cookie()))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ResponseType {
    Token,
    Code,
}

/// A consent request, checked against the app before anything is shown or granted.
struct Consent {
    app: repo::AppInfo,
    roles: Vec<Role>,
    redirect_url: String,
    cancel_url: Option<String>,
    expires_in: Option<i64>,
    response_type: ResponseType,
    challenge: Option<Challenge>,
    state: Option<String>,
    /// An OAuth 2.0 / OpenID Connect request (`scope`): what it asked for, and its nonce.
    scope: Option<Scope>,
    nonce: Option<String>,
}

/// A Senzu argument or its OAuth 2.0 name: both are accepted, never both at once.
fn either<'a>(
    senzu: &'a Option<String>,
    standard: &'a Option<String>,
    names: (&str, &str),
) -> AppResult<&'a Option<String>> {
    match (senzu.is_some(), standard.is_some()) {
        (true, true) => Err(bad(names.1, format!("give {} or {}, not both", names.0, names.1))),
        (false, true) => Ok(standard),
        _ => Ok(senzu),
    }
}

async fn check_consent(call: &Call<'_>, asked: &ConsentRequest) -> AppResult<Consent> {
    let id_app = either(&asked.id_api_app, &asked.client_id, ("id_api_app", "client_id"))?;
    let id_app = id(required(id_app, "id_api_app")?, "id_api_app")?;
    let app = repo::consent_app(&call.db, id_app)
        .await?
        .filter(|a| a.status == 1)
        .ok_or_else(|| AppError::not_found(format!("no developer app with id {id_app}")))?;
    let scope = asked.scope.as_deref().map(Scope::parse).transpose().map_err(|e| bad("scope", e))?;
    let roles = match (&scope, &asked.roles) {
        (Some(_), Some(_)) => return Err(bad("scope", "give roles or scope, not both")),
        (Some(scope), None) if scope.roles.is_empty() && !scope.openid => return Err(missing("scope")),
        (Some(scope), None) => scope.roles.clone(),
        (None, _) => Role::parse_list(required(&asked.roles, "roles")?).map_err(|e| bad("roles", e))?,
    };
    if roles.is_empty() && scope.is_none() {
        return Err(missing("roles"));
    }
    let granted: Vec<String> = serde_json::from_str(&app.granted).context("consent app roles")?;
    if let Some(r) = roles.iter().find(|r| !granted.iter().any(|g| g == r.alias())) {
        return Err(AppError::api(
            ErrorCode::Forbidden,
            format!("the app does not hold the role {} and cannot ask for it", r.alias()),
        ));
    }
    let registered: Vec<String> = serde_json::from_str(&app.redirects).context("consent app redirects")?;
    let redirect_url = either(&asked.redirect_url, &asked.redirect_uri, ("redirect_url", "redirect_uri"))?;
    let redirect_url = required(redirect_url, "redirect_url")?.to_string();
    redirect::check(&redirect_url, registered.iter().map(String::as_str)).map_err(|e| bad("redirect_url", e))?;
    let cancel_url = asked.cancel_url.as_deref().map(str::trim).filter(|u| !u.is_empty()).map(str::to_string);
    if let Some(url) = &cancel_url {
        redirect::check(url, registered.iter().map(String::as_str)).map_err(|e| bad("cancel_url", e))?;
    }
    let expires_in = match asked.expires_in.as_deref().map(str::trim) {
        None => Some(DEFAULT_TOKEN_SECONDS),
        Some("null") => None,
        Some(v) => Some(
            v.parse::<i64>()
                .ok()
                .filter(|s| (60..=MAX_TOKEN_SECONDS).contains(s))
                .ok_or_else(|| bad("expires_in", "seconds between 60 and 10 years, or null for never"))?,
        ),
    };
    let response_type = match asked.response_type.as_deref().map(str::trim) {
        None | Some("token") => ResponseType::Token,
        Some("code") => ResponseType::Code,
        Some(_) => return Err(bad("response_type", "must be token or code")),
    };
    if scope.is_some() && response_type != ResponseType::Code {
        return Err(bad("response_type", "an OAuth 2.0 / OpenID Connect request (scope) must be code"));
    }
    let challenge = match response_type {
        ResponseType::Token => None,
        ResponseType::Code => {
            let c = required(&asked.code_challenge, "code_challenge")?;
            let m = required(&asked.code_challenge_method, "code_challenge_method")?;
            Some(Challenge::parse(c, m).map_err(|e| bad("code_challenge", e))?)
        }
    };
    let state = asked.state.as_ref().map(|s| s.as_str().to_string());
    let nonce = asked.nonce.as_ref().map(|n| n.as_str().to_string());
    Ok(Consent { app, roles, redirect_url, cancel_url, expires_in, response_type, challenge, state, scope, nonce })
}

fn session_of<'c>(call: &'c Call<'_>) -> Option<&'c auth::UserGrant> {
    match call.caller.kind {
        Some(TokenKind::Session) => call.caller.user.as_ref(),
        _ => None,
    }
}

/// `GET /v1/auth/consent?…`: what the consent screen shows. Without a
/// session it still describes the app, so the page can offer sign-in inline.
pub async fn consent_info(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let asked: ConsentRequest = request::parse(req).await?;
    let consent = check_consent(call, &asked).await?;
    let lang = call.lang;
    let roles = consent
        .roles
        .iter()
        .map(|r| ConsentRole { alias: r.alias().into(), description: r.description(lang).into(), granted: true })
        .collect();
    let mut info = ConsentInfo {
        app: ConsentApp {
            id: consent.app.id,
            display_name: consent.app.display_name,
            url_image: consent.app.url_image,
        },
        roles,
        response_type: if consent.response_type == ResponseType::Code { "code" } else { "token" }.into(),
        expires_in: consent.expires_in,
        has_cancel_url: consent.cancel_url.is_some(),
        signed_in: false,
        user: None,
        csrf: None,
    };
    if let Some(session) = session_of(call) {
        let user = procedures::user_by_id(call, session.id_user).await?;
        info.signed_in = true;
        info.user = Some(ConsentUser { email: user.email, firstname: user.firstname });
        info.csrf = Some(session::new_csrf(&call.db, session.id_token, call.now).await?);
    }
    Ok(json(&info))
}

/// `POST /v1/auth/consent` (the same query, `grant`, `csrf`): where the browser goes next.
pub async fn consent_answer(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let args = request::args(req).await?;
    let asked: ConsentRequest = request::from_args(&args)?;
    let answer: ConsentAnswer = request::from_args(&args)?;
    let session = session_of(call)
        .ok_or_else(|| AppError::api(ErrorCode::Unauthorized, "sign in to Senzu before answering a consent request"))?;
    let consent = check_consent(call, &asked).await?;
    session::take_csrf(&call.db, required(&answer.csrf, "csrf")?, session.id_token, call.now).await?;
    let grant = answer.grant.ok_or_else(|| missing("grant"))?;
    if !grant {
        // An OAuth 2.0 client learns the refusal at its redirect URI (RFC 6749 §4.1.2.1),
        // unless it registered a cancel URL; Senzu's documented flow goes to cancel_url only.
        let denied =
            consent.scope.as_ref().map(|_| redirect::with_query(&consent.redirect_url, "error", "access_denied"));
        let target = consent.cancel_url.or(denied).map(|u| match &consent.state {
            Some(state) => redirect::with_query(&u, "state", state),
            None => u,
        });
        return Ok(json(&ConsentRedirect { redirect: target }));
    }
    let expires_at = consent.expires_in.map(|s| call.now + s);
    let target = match consent.response_type {
        ResponseType::Token => {
            let (_, token) =
                session::issue_token(&call.db, "user", session.id_user, consent.app.id, &consent.roles, expires_at)
                    .await?;
            redirect::with_query(&consent.redirect_url, "token", &token)
        }
        ResponseType::Code => {
            let code = crypto::random_hex(32)?;
            let challenge = consent.challenge.as_ref().map(|c| c.as_str().to_string()).unwrap_or_default();
            let roles = Role::join(&consent.roles);
            let granted_scope = consent.scope.as_ref().map(Scope::granted);
            let new = repo::NewCode {
                code: &code,
                id_user: session.id_user,
                id_app: consent.app.id,
                roles: &roles,
                redirect_url: &consent.redirect_url,
                challenge: &challenge,
                expires_in: consent.expires_in,
                date_expired: call.now + CODE_SECONDS,
                scope: granted_scope.as_deref(),
                nonce: consent.nonce.as_deref(),
                id_session: session.id_token,
            };
            repo::insert_code(&call.db, &new).await?;
            redirect::with_query(&consent.redirect_url, "code", &code)
        }
    };
    let target = match &consent.state {
        Some(state) => redirect::with_query(&target, "state", state),
        None => target,
    };
    Ok(json(&ConsentRedirect { redirect: Some(target) }))
}

fn invalid_grant(why: &str) -> AppError {
    AppError::api(ErrorCode::BadRequest, format!("invalid_grant: {why}"))
}

/// `POST /v1/auth/token` (grant_type=authorization_code, code, code_verifier,
/// id_api_app, redirect_url): exchanges a code once. A second use of a code
/// revokes the token the first one issued (RFC 6749 §4.1.2).
pub async fn exchange_code(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let given: TokenExchange = request::parse(req).await?;
    if oauth::is_standard(req, &given) {
        return oauth::token(call, req, &given).await;
    }
    if required(&given.grant_type, "grant_type")? != "authorization_code" {
        return Err(bad("grant_type", "must be authorization_code"));
    }
    let code = required(&given.code, "code")?;
    let verifier = required(&given.code_verifier, "code_verifier")?;
    let id_app = id(required(&given.id_api_app, "id_api_app")?, "id_api_app")?;
    let redirect_url = required(&given.redirect_url, "redirect_url")?;
    let hash = sha256_hex(&[code.as_bytes()]);
    let Some(row) = repo::claim_code(&call.db, &hash, call.now).await? else {
        // Unknown, or used before: a replay. Revoke what the first use issued.
        if let Some(id_token) = repo::mark_reused(&call.db, &hash).await? {
            repo::revoke(&call.db, id_token, call.now).await?;
        }
        return Err(invalid_grant("the code is unknown or was already used"));
    };
    if row.date_expired <= call.now {
        return Err(invalid_grant("the code expired (codes are valid 10 minutes)"));
    }
    if row.id_api_app != id_app || row.redirect_url != redirect_url {
        return Err(invalid_grant("the code was issued to another app or redirect_url"));
    }
    // What was stored was checked when the code was made: unreadable now is ours (a 500), not the client's.
    let challenge = Challenge::parse(&row.code_challenge, "S256").context("stored code challenge")?;
    challenge.verify(verifier).map_err(|e| invalid_grant(&e.to_string()))?;
    let roles = Role::parse_list(&row.roles).context("stored code roles")?;
    let expires_at = row.expires_in.map(|s| call.now + s);
    let (id_token, token) = session::issue_token(&call.db, "user", row.id_user, id_app, &roles, expires_at).await?;
    repo::link_token(&call.db, row.id, id_token, call.now).await?;
    Ok(json(&TokenGrant {
        access_token: token.clone(),
        token,
        token_type: "Bearer".into(),
        expires_in: row.expires_in,
        roles: Role::join(&roles),
        refresh_token: None,
        id_token: None,
        scope: None,
    }))
}

/// `GET /v1/logout?token&id_api_app&redirect_url`: revokes the token, then
/// redirects to a registered `redirect_url` (or answers JSON without one).
pub async fn logout_token(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let given: LogoutToken = request::parse(req).await?;
    let token = required(&given.token, "token")?;
    let id_app = id(required(&given.id_api_app, "id_api_app")?, "id_api_app")?;
    let caller = auth::resolve_token(&call.db, token, call.now).await?;
    let (Some(user), Some(app)) = (caller.user, caller.app) else {
        return Err(bad("token", "is not a user token"));
    };
    if app.id != id_app {
        return Err(bad("id_api_app", "the token belongs to another app"));
    }
    let target = match given.redirect_url.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        Some(url) => {
            let registered = procedures::registered_redirects(call, id_app).await?;
            redirect::check(url, registered.iter().map(String::as_str)).map_err(|e| bad("redirect_url", e))?;
            Some(url.to_string())
        }
        None => None,
    };
    repo::revoke(&call.db, user.id_token, call.now).await?;
    match target {
        Some(url) => {
            let mut resp = Response::empty().context("redirect")?.with_status(302);
            let _ = resp.headers_mut().set("location", &url);
            Ok(resp)
        }
        None => Ok(json(&Status::new("logged out"))),
    }
}

/// Who may see or end a token: core's rule (`auth::tokens`). Another user's
/// token is 404 (its existence is not confirmed); the user's own token that
/// this caller may not reach is 403.
async fn owned_token(call: &Call<'_>, id_token: i64, wants: TokenAccess) -> AppResult<repo::TokenOwner> {
    let asker =
        call.caller.token_asker().ok_or_else(|| AppError::api(ErrorCode::Unauthorized, "this route needs a token"))?;
    let not_found = || AppError::not_found(format!("no token with id {id_token}"));
    let row = repo::token_owner(&call.db, id_token).await?.ok_or_else(not_found)?;
    let same_user = call.caller.id_user() == Some(row.id_user);
    let same_app = call.caller.id_app() == Some(row.id_api_app);
    if matches!(asker, Asker::App { .. }) && same_app {
        // Names the missing role, and counts the call against its quota.
        call.caller.require(&call.db, Role::ApiManagement, call.now).await?;
    }
    let access = tokens::access(asker, same_user, same_app);
    if access == TokenAccess::See && !same_app {
        call.caller.require(&call.db, Role::UserLogs, call.now).await?;
    }
    if access >= wants {
        return Ok(row);
    }
    if !same_user {
        return Err(not_found());
    }
    Err(AppError::api(
        ErrorCode::Forbidden,
        match wants {
            TokenAccess::Manage => "only the Senzu dashboard (signed in) may end another app's token or session",
            _ => "another app's token or session needs the Senzu dashboard (signed in) or the role user_logs",
        },
    ))
}

/// `DELETE /v1/tokens/{id}` and `DELETE /v1/sessions/{id}`.
pub async fn delete_token(call: &Call<'_>, id_token: i64) -> AppResult<Response> {
    let row = owned_token(call, id_token, TokenAccess::Manage).await?;
    // Idempotent: revoking a revoked token is not an error.
    repo::revoke(&call.db, row.id, call.now).await?;
    Ok(json(&Revoked { id: row.id, revoked: true }))
}

/// `GET /v1/sessions/{id}`: a token's facts and its last calls (never the token).
pub async fn get_session(call: &Call<'_>, id_token: i64) -> AppResult<Response> {
    owned_token(call, id_token, TokenAccess::See).await?;
    let row = repo::session(&call.db, id_token).await?.ok_or_else(|| AppError::not_found("no such session"))?;
    let logs: Vec<SessionCall> = serde_json::from_str(&row.logs).context("session logs")?;
    Ok(json(&Session {
        id: row.id,
        id_api_app: row.id_api_app,
        id_user: row.id_user,
        roles: row.roles,
        logs,
        date_created: ApiDate::from_unix(row.date_created),
        date_expired: ApiDate::opt(row.date_expired),
        date_revoked: ApiDate::opt(row.date_revoked),
    }))
}
