//! The one place that talks to the worker. Every non-2xx becomes a typed
//! `ApiError` carrying the Senzu code, so pages never parse error bodies.

use gloo_net::http::{Request, Response};
use senzu_core::{wire::Health, ApiError, ErrorCode};
use serde::de::DeserializeOwned;

async fn read<T: DeserializeOwned>(resp: Response) -> Result<T, ApiError> {
    let status = resp.status();
    let body =
        resp.text().await.map_err(|e| ApiError::new(ErrorCode::Internal, format!("could not read the answer: {e}")))?;
    if !(200..300).contains(&status) {
        return Err(ApiError::from_body(&body)
            .unwrap_or_else(|| ApiError::new(ErrorCode::Internal, format!("the server answered {status}"))));
    }
    serde_json::from_str(&body).map_err(|e| ApiError::new(ErrorCode::Internal, format!("unexpected answer: {e}")))
}

async fn get<T: DeserializeOwned>(url: &str) -> Result<T, ApiError> {
    let resp = Request::get(url)
        .send()
        .await
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("network error: {e}")))?;
    read(resp).await
}

pub async fn health() -> Result<Health, ApiError> {
    get("/v1/health").await
}
