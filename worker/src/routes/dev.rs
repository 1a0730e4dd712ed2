//! Developer-only routes, answered only when `SENZU_DEV=1` (set in .dev.vars,
//! never in production): 404 otherwise, as if they did not exist.

use worker::wasm_bindgen::JsValue;
use worker::{Env, Response};

use crate::error::{AppResult, Context};
use crate::http::json_response;

pub fn enabled(env: &Env) -> bool {
    env.var("SENZU_DEV").map(|v| v.to_string() == "1").unwrap_or(false)
}

/// `POST /v1/dev/write`: exactly one D1 write, the baseline the tap path's
/// load numbers are compared with.
pub async fn write(env: &Env) -> AppResult<Response> {
    let db = env.d1("DB").context("binding DB")?;
    let now = worker::Date::now().as_millis().to_string();
    db.prepare("INSERT INTO meta (key, value) VALUES ('bench_write', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(&[JsValue::from_str(&now)])
        .context("bind bench write")?
        .run()
        .await
        .context("bench write")?;
    Ok(json_response(&serde_json::json!({ "written": true }), 200))
}
