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
