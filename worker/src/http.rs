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

pub fn json<T: serde::Serialize>(value: &T) -> Response {
    let body = serde_json::to_value(value).unwrap_or(serde_json::Value::Null);
    json_response(&body, 200)
}

/// One query parameter, decoded.
pub fn query_param(req: &worker::Request, name: &str) -> Option<String> {
    req.url().ok()?.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

/// Request arguments from a form-urlencoded or JSON body (API.md: both accepted).
pub async fn body_args(
    req: &mut worker::Request,
) -> crate::error::AppResult<std::collections::HashMap<String, String>> {
    use senzu_core::ErrorCode;
    const MAX_BODY: usize = 64 * 1024;
    let content_type = req.headers().get("content-type").ok().flatten().unwrap_or_default();
    let bytes = req.bytes().await.map_err(|_| crate::error::AppError::api(ErrorCode::BadRequest, "unreadable body"))?;
    if bytes.len() > MAX_BODY {
        return Err(crate::error::AppError::api(ErrorCode::PayloadTooLarge, "the body is larger than 64 KiB"));
    }
    if content_type.starts_with("application/json") {
        let value: serde_json::Value = serde_json::from_slice(&bytes)
            .map_err(|e| crate::error::AppError::api(ErrorCode::BadRequest, format!("body is not valid JSON: {e}")))?;
        let obj = value
            .as_object()
            .ok_or_else(|| crate::error::AppError::api(ErrorCode::BadRequest, "JSON body must be an object"))?;
        return Ok(obj
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().map_or_else(|| v.to_string(), str::to_string)))
            .collect());
    }
    Ok(worker::Url::parse(&format!("http://x/?{}", String::from_utf8_lossy(&bytes)))
        .map(|u| u.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect())
        .unwrap_or_default())
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
