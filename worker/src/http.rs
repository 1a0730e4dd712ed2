//! Response helpers shared by every route.

use worker::{Headers, Response};

/// A JSON response with the given status. Serialising a `serde_json::Value`
/// cannot fail, so this never panics.
pub fn json_response(body: &serde_json::Value, status: u16) -> Response {
    let headers = Headers::new();
    let _ = headers.set("content-type", "application/json; charset=utf-8");
    let _ = headers.set("cache-control", "no-store");
    Response::builder().with_status(status).with_headers(headers).fixed(body.to_string().into_bytes())
}

/// A contract type as the answer: 200.
pub fn json<T: serde::Serialize>(value: &T) -> Response {
    typed(value, 200)
}

/// A created object as the answer: 201, the one status of every create.
pub fn created<T: serde::Serialize>(value: &T) -> Response {
    typed(value, 201)
}

/// A contract type with another status (a refused play answers its error's status).
pub fn json_status<T: serde::Serialize>(value: &T, status: u16) -> Response {
    typed(value, status)
}

fn typed<T: serde::Serialize>(value: &T, status: u16) -> Response {
    written(serde_json::to_vec(value), status)
}

/// Not generic: the response around a body is built once, not once per type.
fn written(body: serde_json::Result<Vec<u8>>, status: u16) -> Response {
    match body {
        Ok(body) => {
            let headers = Headers::new();
            let _ = headers.set("content-type", "application/json; charset=utf-8");
            let _ = headers.set("cache-control", "no-store");
            Response::builder().with_status(status).with_headers(headers).fixed(body)
        }
        // Contract types always serialize; should one not, say so without a cycle back to `error`.
        Err(e) => {
            worker::console_error!("internal error: serialize answer: {e}");
            let body =
                senzu_core::ApiError::new(senzu_core::ErrorCode::Internal, "internal error, please try again later");
            json_response(&body.to_body(), 500)
        }
    }
}

/// A file to download (an export): never cached, never sniffed as something else.
pub fn attachment(body: String, content_type: &str, filename: &str) -> Response {
    let headers = Headers::new();
    let _ = headers.set("content-type", content_type);
    let _ = headers.set("content-disposition", &format!("attachment; filename=\"{filename}\""));
    let _ = headers.set("cache-control", "no-store");
    let _ = headers.set("x-content-type-options", "nosniff");
    Response::builder().with_status(200).with_headers(headers).fixed(body.into_bytes())
}

/// One query parameter, decoded.
pub fn query_param(req: &worker::Request, name: &str) -> Option<String> {
    req.url().ok()?.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

/// An HTML page with the given status and security headers.
pub fn html_response(body: String, status: u16, csp: &str) -> Response {
    let headers = Headers::new();
    let _ = headers.set("content-type", "text/html; charset=utf-8");
    let _ = headers.set("cache-control", "no-store");
    let _ = headers.set("content-security-policy", csp);
    let _ = headers.set("x-frame-options", "DENY");
    let _ = headers.set("x-content-type-options", "nosniff");
    let _ = headers.set("referrer-policy", "no-referrer");
    Response::builder().with_status(status).with_headers(headers).fixed(body.into_bytes())
}

/// One cookie's value in a `Cookie` header.
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|c| c.trim().strip_prefix(name)?.strip_prefix('='))
}

/// Adds `Set-Cookie` headers (one per cookie) to a response.
pub fn with_cookies(mut resp: Response, cookies: &[String]) -> Response {
    for c in cookies {
        let _ = resp.headers_mut().append("set-cookie", c);
    }
    resp
}
