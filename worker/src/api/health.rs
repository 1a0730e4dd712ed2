//! `GET /v1/health`: liveness plus one real D1 query.

use senzu_core::wire::Health;
use worker::{Env, Response};

use crate::error::{AppResult, Context};
use crate::http::json;

pub async fn get(env: &Env) -> AppResult<Response> {
    let db = env.d1("DB").context("binding DB")?;
    #[derive(serde::Deserialize)]
    struct Row {
        ok: i64,
    }
    let row: Option<Row> = db.prepare("SELECT 1 AS ok").first(None).await.context("health query")?;
    Ok(json(&Health {
        status: "ok".into(),
        db: row.is_some_and(|r| r.ok == 1),
        version: env!("CARGO_PKG_VERSION").into(),
    }))
}
