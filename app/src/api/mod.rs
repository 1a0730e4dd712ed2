//! The one place that talks to the worker: one module per resource with
//! typed calls (`api::groups::update(id, &UpdateGroup) -> Result<Group, ApiError>`)
//! over core's contract types. Every non-2xx becomes a typed `ApiError`
//! carrying the Senzu code, so pages never parse error bodies, never build
//! URLs and never index JSON by string.

pub mod applications;
pub mod apps;
pub mod auth;
pub mod contacts;
pub mod files;
pub mod groups;
pub mod insights;
pub mod mails;
pub mod makers;
pub mod openapi;
pub mod plays;
pub mod plugins;
pub mod plugstores;
pub mod procedures;
pub mod products;
pub mod shares;
pub mod sharing;
pub mod shop;
pub mod user;

pub use plays::play;

use gloo_net::http::{Request, RequestBuilder, Response};
use senzu_core::{wire::Health, ApiError, ErrorCode};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Sends a request and reads the body of a 2xx answer. Not generic on
/// purpose: the whole fetch state machine is compiled once, and each typed
/// call only adds its own `decode` (it was once per answer type, ~400 KB).
async fn exchange(request: Result<Request, gloo_net::Error>) -> Result<String, ApiError> {
    let resp = request.map_err(unbuildable)?.send().await.map_err(network)?;
    read(resp).await
}

async fn read(resp: Response) -> Result<String, ApiError> {
    let status = resp.status();
    let body =
        resp.text().await.map_err(|e| ApiError::new(ErrorCode::Internal, format!("could not read the answer: {e}")))?;
    if !(200..300).contains(&status) {
        return Err(ApiError::from_body(&body)
            .unwrap_or_else(|| ApiError::new(ErrorCode::Internal, format!("the server answered {status}"))));
    }
    Ok(body)
}

fn decode<T: DeserializeOwned>(body: &str) -> Result<T, ApiError> {
    serde_json::from_str(body).map_err(|e| ApiError::new(ErrorCode::Internal, format!("unexpected answer: {e}")))
}

fn network(e: gloo_net::Error) -> ApiError {
    ApiError::new(ErrorCode::Internal, format!("network error: {e}"))
}

fn unbuildable(e: gloo_net::Error) -> ApiError {
    ApiError::new(ErrorCode::Internal, format!("could not build the request: {e}"))
}

/// The language the person chose with the switch, for the worker (its words,
/// catalogue names and the mails it sends follow it). Without a choice the
/// browser's own Accept-Language goes as it is (a visitor's `en-GB` reaches partners).
pub(crate) fn speak(request: RequestBuilder) -> RequestBuilder {
    match crate::i18n::chosen_lang() {
        Some(lang) => request.header("accept-language", lang.code()),
        None => request,
    }
}

/// `GET` a contract type.
pub(crate) async fn get<T: DeserializeOwned>(url: &str) -> Result<T, ApiError> {
    decode(&exchange(speak(Request::get(url)).build()).await?)
}

/// `POST` a contract request as JSON (the API reads JSON and forms alike).
pub(crate) async fn post<B: Serialize + ?Sized, T: DeserializeOwned>(url: &str, body: &B) -> Result<T, ApiError> {
    let json = serde_json::to_string(body)
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("could not write the request: {e}")))?;
    decode(&exchange(speak(Request::post(url).header("content-type", "application/json")).body(json)).await?)
}

/// `DELETE` an object.
pub(crate) async fn delete<T: DeserializeOwned>(url: &str) -> Result<T, ApiError> {
    decode(&exchange(speak(Request::delete(url)).build()).await?)
}

/// A list's filters as a query string: `limit=null` unless a page asks for fewer.
pub(crate) fn all() -> &'static str {
    "limit=null"
}

pub async fn health() -> Result<Health, ApiError> {
    get("/v1/health").await
}

/// A contract request as a query string (its fields that are given).
pub(crate) fn query_of<T: Serialize>(request: &T) -> String {
    let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(request) else { return String::new() };
    fields
        .iter()
        .filter_map(|(k, v)| {
            let text = match v {
                serde_json::Value::Null => return None,
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            Some(format!("{}={}", senzu_core::plugins::encode(k), senzu_core::plugins::encode(&text)))
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// A form body, as the API takes it.
fn form_body(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", senzu_core::plugins::encode(k), senzu_core::plugins::encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A `POST` with a form body, for the partners' own fields (a quote request).
pub(crate) async fn post_form<T: DeserializeOwned>(url: &str, fields: &[(&str, &str)]) -> Result<T, ApiError> {
    let request =
        speak(Request::post(url).header("content-type", "application/x-www-form-urlencoded")).body(form_body(fields));
    decode(&exchange(request).await?)
}

/// A multipart upload (the browser sets the boundary).
pub async fn upload<T: DeserializeOwned>(url: &str, form: web_sys::FormData) -> Result<T, ApiError> {
    decode(&exchange(speak(Request::post(url)).body(form)).await?)
}

/// The signed-in user of the dashboard, if any.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Me {
    pub id: i64,
    pub firstname: Option<String>,
    pub email: Option<String>,
}

pub async fn me() -> Result<Me, ApiError> {
    get("/v1/user?returns=id,firstname,email").await
}
