//! `GET /v1/openapi.json`: the OpenAPI document. xtask generates it from core's
//! contract at build time into the static assets, so the worker bundle does
//! not carry it; the worker answers it from the assets under the API's path.

use worker::{Env, Headers, Response};

use crate::error::{AppError, AppResult, Context};

pub async fn get(env: &Env) -> AppResult<Response> {
    let assets = env.assets("ASSETS").context("binding ASSETS")?;
    let mut found = assets.fetch("https://assets.invalid/openapi.json", None).await.context("openapi.json asset")?;
    let is_json = found.headers().get("content-type").ok().flatten().is_some_and(|t| t.contains("json"));
    if found.status_code() != 200 || !is_json {
        return Err(AppError::Internal { context: "openapi.json", cause: "not in the built assets".into() });
    }
    let body = found.bytes().await.context("openapi.json body")?;
    let headers = Headers::new();
    let _ = headers.set("content-type", "application/json; charset=utf-8");
    let _ = headers.set("cache-control", "public, max-age=300");
    Ok(Response::builder().with_headers(headers).fixed(body))
}
