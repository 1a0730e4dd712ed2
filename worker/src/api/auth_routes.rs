//! Senzu Auth: first-party sign-in/sign-up, the consent screen's API (implicit
//! `token` flow as documented, and the authorization-code flow with PKCE),
//! the code exchange, logout and token revocation.

use senzu_core::auth::pkce::Challenge;
use senzu_core::auth::tokens::{self, Asker, TokenAccess};
use senzu_core::auth::{redirect, Email, Role};
use senzu_core::secrets::sha256_hex;
use senzu_core::wire::ApiDate;
use senzu_core::ErrorCode;
use serde::Deserialize;
use serde_json::json;
use worker::{Request, Response};

use super::procedures::{self, user_by_email};
use super::Call;
use crate::args::{bad, id, missing, Args};
use crate::auth::{self, crypto, limits, session, TokenKind};
use crate::db::{self, int, text};
use crate::error::{AppError, AppResult, Context};
use crate::http::json_response;

const CODE_SECONDS: i64 = 600;
const DEFAULT_TOKEN_SECONDS: i64 = 90 * 86_400;
const MAX_TOKEN_SECONDS: i64 = 10 * 365 * 86_400;

fn with_cookie(mut resp: Response, cookie: &str) -> Response {
    let _ = resp.headers_mut().set("set-cookie", cookie);
    resp
}

/// `POST /v1/auth/login` (email, password): sets the session cookie.
pub async fn login(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let args = Args::read(req).await?;
    let email = Email::parse(args.req("email")?).map_err(|e| bad("email", e))?;
    let password = args.req_raw("password")?;
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
    let body = json!({ "id": user.id, "email": user.email, "firstname": user.firstname, "lastname": user.lastname });
    Ok(with_cookie(json_response(&body, 200), &session::set_cookie(&token)))
}

/// `POST /v1/auth/signup`: the dashboard's own sign-up (as the first-party app).
pub async fn signup(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let args = Args::read(req).await?;
    procedures::sign_up(call, &args, session::FIRST_PARTY_APP).await
}

/// `POST /v1/auth/logout`: ends the session and clears the cookie.
pub async fn logout_session(call: &Call<'_>) -> AppResult<Response> {
    if let (Some(TokenKind::Session), Some(user)) = (call.caller.kind, &call.caller.user) {
        revoke(call, user.id_token).await?;
    }
    Ok(with_cookie(json_response(&json!({ "status": "signed out" }), 200), &session::clear_cookie()))
}

async fn revoke(call: &Call<'_>, id_token: i64) -> AppResult<u64> {
    db::run(
        &call.db,
        "UPDATE tokens SET date_revoked = ?2 WHERE id = ?1 AND date_revoked IS NULL",
        &[int(id_token), int(call.now)],
        "revoke token",
    )
    .await
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ResponseType {
    Token,
    Code,
}

/// A consent request, checked against the app before anything is shown or granted.
struct Consent {
    app: AppInfo,
    roles: Vec<Role>,
    redirect_url: String,
    cancel_url: Option<String>,
    expires_in: Option<i64>,
    response_type: ResponseType,
    challenge: Option<Challenge>,
    state: Option<String>,
}

#[derive(Deserialize)]
struct AppInfo {
    id: i64,
    display_name: String,
    url_image: Option<String>,
    status: i64,
    redirects: String,
    granted: String,
}

async fn parse_consent(call: &Call<'_>, args: &Args) -> AppResult<Consent> {
    let id_app = id(args.req("id_api_app")?, "id_api_app")?;
    let app: Option<AppInfo> = db::first(
        &call.db,
        "SELECT a.id, a.display_name, a.url_image, a.status, \
         (SELECT json_group_array(url) FROM api_app_redirects WHERE id_api_app = a.id) AS redirects, \
         (SELECT json_group_array(alias_role) FROM api_app_roles WHERE id_api_app = a.id AND status = 1) AS granted \
         FROM api_apps a WHERE a.id = ?1 AND a.is_first_party = 0",
        &[int(id_app)],
        "consent app",
    )
    .await?;
    let app = app
        .filter(|a| a.status == 1)
        .ok_or_else(|| AppError::not_found(format!("no developer app with id {id_app}")))?;
    let roles = Role::parse_list(args.req("roles")?).map_err(|e| bad("roles", e))?;
    if roles.is_empty() {
        return Err(missing("roles"));
    }
    let granted: Vec<String> = serde_json::from_str(&app.granted).unwrap_or_default();
    if let Some(r) = roles.iter().find(|r| !granted.iter().any(|g| g == r.alias())) {
        return Err(AppError::api(
            ErrorCode::Forbidden,
            format!("the app does not hold the role {} and cannot ask for it", r.alias()),
        ));
    }
    let registered: Vec<String> = serde_json::from_str(&app.redirects).unwrap_or_default();
    let redirect_url = args.req("redirect_url")?.to_string();
    redirect::check(&redirect_url, registered.iter().map(String::as_str)).map_err(|e| bad("redirect_url", e))?;
    let cancel_url = args.opt("cancel_url").map(str::to_string);
    if let Some(url) = &cancel_url {
        redirect::check(url, registered.iter().map(String::as_str)).map_err(|e| bad("cancel_url", e))?;
    }
    let expires_in = match args.opt("expires_in") {
        None => Some(DEFAULT_TOKEN_SECONDS),
        Some("null") => None,
        Some(v) => Some(
            v.parse::<i64>()
                .ok()
                .filter(|s| (60..=MAX_TOKEN_SECONDS).contains(s))
                .ok_or_else(|| bad("expires_in", "seconds between 60 and 10 years, or null for never"))?,
        ),
    };
    let response_type = match args.opt("response_type") {
        None | Some("token") => ResponseType::Token,
        Some("code") => ResponseType::Code,
        Some(_) => return Err(bad("response_type", "must be token or code")),
    };
    let challenge = match response_type {
        ResponseType::Token => None,
        ResponseType::Code => {
            let c = args.opt("code_challenge").ok_or_else(|| missing("code_challenge"))?;
            let m = args.opt("code_challenge_method").ok_or_else(|| missing("code_challenge_method"))?;
            Some(Challenge::parse(c, m).map_err(|e| bad("code_challenge", e))?)
        }
    };
    let state = args.opt_text("state", 512)?.map(str::to_string);
    Ok(Consent { app, roles, redirect_url, cancel_url, expires_in, response_type, challenge, state })
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
    let args = Args::read(req).await?;
    let consent = parse_consent(call, &args).await?;
    let lang = call.lang;
    let roles: Vec<_> = consent
        .roles
        .iter()
        .map(|r| json!({ "alias": r.alias(), "description": r.description(lang), "granted": true }))
        .collect();
    let mut body = json!({
        "app": { "id": consent.app.id, "display_name": consent.app.display_name, "url_image": consent.app.url_image },
        "roles": roles,
        "response_type": if consent.response_type == ResponseType::Code { "code" } else { "token" },
        "expires_in": consent.expires_in,
        "has_cancel_url": consent.cancel_url.is_some(),
        "signed_in": false,
    });
    if let Some(session) = session_of(call) {
        let user = procedures::user_by_id(call, session.id_user).await?;
        body["signed_in"] = json!(true);
        body["user"] = json!({ "email": user.email, "firstname": user.firstname });
        body["csrf"] = json!(session::new_csrf(&call.db, session.id_token, call.now).await?);
    }
    Ok(json_response(&body, 200))
}

/// `POST /v1/auth/consent` (the same query, `grant`, `csrf`): where the browser goes next.
pub async fn consent_answer(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let args = Args::read(req).await?;
    let session = session_of(call)
        .ok_or_else(|| AppError::api(ErrorCode::Unauthorized, "sign in to Senzu before answering a consent request"))?;
    let consent = parse_consent(call, &args).await?;
    session::take_csrf(&call.db, args.req("csrf")?, session.id_token, call.now).await?;
    let grant = args.opt_bool("grant")?.ok_or_else(|| missing("grant"))?;
    if !grant {
        let target = consent.cancel_url.map(|u| match &consent.state {
            Some(state) => redirect::with_query(&u, "state", state),
            None => u,
        });
        return Ok(json_response(&json!({ "redirect": target }), 200));
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
            db::run(
                &call.db,
                "INSERT INTO auth_codes (code_hash, id_user, id_api_app, roles, redirect_url, code_challenge, \
                 expires_in, date_expired) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                &[
                    text(&sha256_hex(&[code.as_bytes()])),
                    int(session.id_user),
                    int(consent.app.id),
                    text(&Role::join(&consent.roles)),
                    text(&consent.redirect_url),
                    text(&challenge),
                    db::opt_int(consent.expires_in),
                    int(call.now + CODE_SECONDS),
                ],
                "insert auth code",
            )
            .await?;
            redirect::with_query(&consent.redirect_url, "code", &code)
        }
    };
    let target = match &consent.state {
        Some(state) => redirect::with_query(&target, "state", state),
        None => target,
    };
    Ok(json_response(&json!({ "redirect": target }), 200))
}

#[derive(Deserialize)]
struct CodeRow {
    id: i64,
    id_user: i64,
    id_api_app: i64,
    roles: String,
    redirect_url: String,
    code_challenge: String,
    expires_in: Option<i64>,
    date_expired: i64,
}

#[derive(Deserialize)]
struct Reused {
    id_token: Option<i64>,
}

fn invalid_grant(why: &str) -> AppError {
    AppError::api(ErrorCode::BadRequest, format!("invalid_grant: {why}"))
}

/// `POST /v1/auth/token` (grant_type=authorization_code, code, code_verifier,
/// id_api_app, redirect_url): exchanges a code once. A second use of a code
/// revokes the token the first one issued (RFC 6749 §4.1.2).
pub async fn exchange_code(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let args = Args::read(req).await?;
    if args.req("grant_type")? != "authorization_code" {
        return Err(bad("grant_type", "must be authorization_code"));
    }
    let code = args.req("code")?;
    let verifier = args.req("code_verifier")?;
    let id_app = id(args.req("id_api_app")?, "id_api_app")?;
    let redirect_url = args.req("redirect_url")?;
    let hash = sha256_hex(&[code.as_bytes()]);
    let claimed: Option<CodeRow> = db::first(
        &call.db,
        "UPDATE auth_codes SET date_used = ?2 WHERE code_hash = ?1 AND date_used IS NULL \
         RETURNING id, id_user, id_api_app, roles, redirect_url, code_challenge, expires_in, date_expired",
        &[text(&hash), int(call.now)],
        "claim code",
    )
    .await?;
    let Some(row) = claimed else {
        // Unknown, or used before: a replay. Revoke what the first use issued.
        let reused: Option<Reused> = db::first(
            &call.db,
            "UPDATE auth_codes SET is_reused = 1 WHERE code_hash = ?1 RETURNING id_token",
            &[text(&hash)],
            "mark code reused",
        )
        .await?;
        if let Some(id_token) = reused.and_then(|r| r.id_token) {
            revoke(call, id_token).await?;
        }
        return Err(invalid_grant("the code is unknown or was already used"));
    };
    if row.date_expired <= call.now {
        return Err(invalid_grant("the code expired (codes are valid 10 minutes)"));
    }
    if row.id_api_app != id_app || row.redirect_url != redirect_url {
        return Err(invalid_grant("the code was issued to another app or redirect_url"));
    }
    let challenge = Challenge::parse(&row.code_challenge, "S256").map_err(|_| invalid_grant("stored challenge"))?;
    challenge.verify(verifier).map_err(|e| invalid_grant(&e.to_string()))?;
    let roles = Role::parse_list(&row.roles).map_err(|_| invalid_grant("stored roles"))?;
    let expires_at = row.expires_in.map(|s| call.now + s);
    let (id_token, token) = session::issue_token(&call.db, "user", row.id_user, id_app, &roles, expires_at).await?;
    // Link the token to its code, and revoke it at once if a replay already marked the code.
    let statements = vec![
        db::statement(&call.db, "UPDATE auth_codes SET id_token = ?2 WHERE id = ?1", &[int(row.id), int(id_token)], "link token")?,
        db::statement(
            &call.db,
            "UPDATE tokens SET date_revoked = ?3 WHERE id = ?2 AND (SELECT is_reused FROM auth_codes WHERE id = ?1) = 1",
            &[int(row.id), int(id_token), int(call.now)],
            "revoke raced token",
        )?,
    ];
    call.db.batch(statements).await.context("link token")?;
    Ok(json_response(
        &json!({
            "token": token,
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": row.expires_in,
            "roles": Role::join(&roles),
        }),
        200,
    ))
}

#[derive(Deserialize)]
struct TokenOwner {
    id: i64,
    id_user: i64,
    id_api_app: i64,
}

/// `GET /v1/logout?token&id_api_app&redirect_url`: revokes the token, then
/// redirects to a registered `redirect_url` (or answers JSON without one).
pub async fn logout_token(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let args = Args::read(req).await?;
    let token = args.req("token")?;
    let id_app = id(args.req("id_api_app")?, "id_api_app")?;
    let caller = auth::resolve_token(&call.db, token, call.now).await?;
    let (Some(user), Some(app)) = (caller.user, caller.app) else {
        return Err(bad("token", "is not a user token"));
    };
    if app.id != id_app {
        return Err(bad("id_api_app", "the token belongs to another app"));
    }
    let target = match args.opt("redirect_url") {
        Some(url) => {
            let registered = procedures::registered_redirects(call, id_app).await?;
            redirect::check(url, registered.iter().map(String::as_str)).map_err(|e| bad("redirect_url", e))?;
            Some(url.to_string())
        }
        None => None,
    };
    revoke(call, user.id_token).await?;
    match target {
        Some(url) => {
            let mut resp = Response::empty().context("redirect")?.with_status(302);
            let _ = resp.headers_mut().set("location", &url);
            Ok(resp)
        }
        None => Ok(json_response(&json!({ "status": "logged out" }), 200)),
    }
}

/// Who may see or end a token: core's rule (`auth::tokens`). Another user's
/// token is 404 (its existence is not confirmed); the user's own token that
/// this caller may not reach is 403.
async fn owned_token(call: &Call<'_>, id_token: i64, wants: TokenAccess) -> AppResult<TokenOwner> {
    let asker =
        call.caller.token_asker().ok_or_else(|| AppError::api(ErrorCode::Unauthorized, "this route needs a token"))?;
    let row: Option<TokenOwner> = db::first(
        &call.db,
        "SELECT id, id_user, id_api_app FROM tokens WHERE id = ?1",
        &[int(id_token)],
        "token owner",
    )
    .await?;
    let not_found = || AppError::not_found(format!("no token with id {id_token}"));
    let row = row.ok_or_else(not_found)?;
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
    revoke(call, row.id).await?;
    Ok(json_response(&json!({ "id": row.id, "revoked": true }), 200))
}

#[derive(Deserialize)]
struct SessionRow {
    id: i64,
    id_api_app: i64,
    id_user: i64,
    roles: String,
    date_created: i64,
    date_expired: Option<i64>,
    date_revoked: Option<i64>,
    logs: String,
}

/// `GET /v1/sessions/{id}`: a token's facts and its last calls (never the token).
pub async fn get_session(call: &Call<'_>, id_token: i64) -> AppResult<Response> {
    owned_token(call, id_token, TokenAccess::See).await?;
    let row: SessionRow = db::first(
        &call.db,
        "SELECT t.id, t.id_api_app, t.id_user, t.roles, t.date_created, t.date_expired, t.date_revoked, \
         (SELECT json_group_array(json_object('id', c.id, 'method', c.method, 'route', c.route, 'date', c.date_created)) \
            FROM (SELECT * FROM api_calls WHERE id_token = t.id ORDER BY id DESC LIMIT 20) c) AS logs \
         FROM tokens t WHERE t.id = ?1",
        &[int(id_token)],
        "session",
    )
    .await?
    .ok_or_else(|| AppError::not_found("no such session"))?;
    let logs: serde_json::Value = serde_json::from_str(&row.logs).unwrap_or_default();
    Ok(json_response(
        &json!({
            "id": row.id,
            "id_api_app": row.id_api_app,
            "id_user": row.id_user,
            "roles": row.roles,
            "logs": logs,
            "date_created": ApiDate::from_unix(row.date_created),
            "date_expired": ApiDate::opt(row.date_expired),
            "date_revoked": ApiDate::opt(row.date_revoked),
        }),
        200,
    ))
}
