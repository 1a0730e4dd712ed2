//! Cross-site request forgery: a state-changing request signed in by the
//! session cookie, or a sign-in/up/out form, must come from this site's own
//! pages (core::auth::origin has the rule; this reads the request's headers).

use senzu_core::auth::origin;
use senzu_core::ErrorCode;
use worker::Request;

use crate::error::{AppError, AppResult};

/// The forms that open or close a session: login CSRF needs no cookie to work.
fn session_form(path: &str) -> bool {
    matches!(path, "/v1/auth/login" | "/v1/auth/signup" | "/v1/auth/logout")
}

/// 403 unless the request may go on.
pub fn check(req: &Request) -> AppResult<()> {
    let method = req.method();
    if origin::is_safe(method.as_ref()) {
        return Ok(());
    }
    let path = req.path();
    let header = |name: &str| req.headers().get(name).ok().flatten();
    let own = crate::request::origin(req).unwrap_or_default();
    let (origin, site) = (header("origin"), header("sec-fetch-site"));
    origin::check(&origin::Request {
        method: method.as_ref(),
        credential: crate::auth::credential(req),
        session_form: session_form(&path),
        origin: origin.as_deref(),
        sec_fetch_site: site.as_deref(),
        own_origin: &own,
    })
    .map_err(|e| AppError::api(ErrorCode::Forbidden, e.to_string()))
}
