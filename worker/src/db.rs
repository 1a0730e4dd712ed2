//! Small helpers over D1: argument conversion and the three query shapes
//! (first row, all rows, run → changed rows), each with a context for the log.

use serde::de::DeserializeOwned;
use worker::wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement, Env};

use crate::error::{AppResult, Context};

pub fn database(env: &Env) -> AppResult<D1Database> {
    env.d1("DB").context("binding DB")
}

pub fn int(v: i64) -> JsValue {
    JsValue::from_f64(v as f64)
}

pub fn opt_int(v: Option<i64>) -> JsValue {
    v.map_or(JsValue::NULL, int)
}

pub fn text(s: &str) -> JsValue {
    JsValue::from_str(s)
}

pub fn opt_text(s: Option<&str>) -> JsValue {
    s.map_or(JsValue::NULL, JsValue::from_str)
}

pub fn statement(
    db: &D1Database,
    sql: &str,
    args: &[JsValue],
    context: &'static str,
) -> AppResult<D1PreparedStatement> {
    db.prepare(sql).bind(args).context(context)
}

pub async fn first<T: DeserializeOwned>(
    db: &D1Database,
    sql: &str,
    args: &[JsValue],
    context: &'static str,
) -> AppResult<Option<T>> {
    statement(db, sql, args, context)?.first(None).await.context(context)
}

pub async fn all<T: DeserializeOwned>(
    db: &D1Database,
    sql: &str,
    args: &[JsValue],
    context: &'static str,
) -> AppResult<Vec<T>> {
    statement(db, sql, args, context)?.all().await.context(context)?.results().context(context)
}

#[derive(serde::Deserialize)]
struct IdRow {
    id: i64,
}

/// The `id` a query returns (`INSERT … RETURNING id`, `SELECT id …`), if a row came back.
pub async fn id_of(db: &D1Database, sql: &str, args: &[JsValue], context: &'static str) -> AppResult<Option<i64>> {
    Ok(first::<IdRow>(db, sql, args, context).await?.map(|r| r.id))
}

/// Every `id` a query returns.
pub async fn ids_of(db: &D1Database, sql: &str, args: &[JsValue], context: &'static str) -> AppResult<Vec<i64>> {
    Ok(all::<IdRow>(db, sql, args, context).await?.into_iter().map(|r| r.id).collect())
}

/// Runs a write; returns how many rows it changed.
pub async fn run(db: &D1Database, sql: &str, args: &[JsValue], context: &'static str) -> AppResult<u64> {
    let result = statement(db, sql, args, context)?.run().await.context(context)?;
    Ok(changes(&result))
}

pub fn changes(result: &worker::D1Result) -> u64 {
    result.meta().ok().flatten().and_then(|m| m.changes).map_or(0, |c| c as u64)
}

/// Unix seconds now.
pub fn now() -> i64 {
    (worker::Date::now().as_millis() / 1000) as i64
}
