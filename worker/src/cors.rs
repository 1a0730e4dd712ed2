//! CORS for the public API: third-party web apps call it from the browser
//! with a bearer token. `*` without credentials means a browser never sends
//! the dashboard's cookie cross-origin, so only tokens work from other sites.
//! First-party routes (sign-in, consent, dev) get no CORS at all.

use worker::{Method, Request, Response};

pub fn applies(path: &str) -> bool {
    path.starts_with("/v1/")
        && (!path.starts_with("/v1/auth/") || path == "/v1/auth/token")
        && !path.starts_with("/v1/dev/")
}

/// The answer to a preflight, when the route takes cross-origin calls.
pub fn preflight(req: &Request) -> Option<Response> {
    if req.method() != Method::Options || !applies(&req.path()) {
        return None;
    }
    let mut resp = Response::empty().ok()?.with_status(204);
    let headers = resp.headers_mut();
    let _ = headers.set("access-control-allow-origin", "*");
    let _ = headers.set("access-control-allow-methods", "GET, POST, DELETE");
    let _ = headers.set("access-control-allow-headers", "authorization, content-type");
    let _ = headers.set("access-control-max-age", "86400");
    Some(resp)
}

pub fn decorate(path: &str, mut resp: Response) -> Response {
    if applies(path) {
        let _ = resp.headers_mut().set("access-control-allow-origin", "*");
        let _ = resp.headers_mut().set("access-control-expose-headers", "retry-after");
    }
    resp
}
