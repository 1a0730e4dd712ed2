//! The first-party plugstore (read side): entries, categories and forms.
//! Entries are seeded by migration; forms come from core, per kind.

use senzu_core::plugins::{Kind, Lang, ALL_KINDS};
use senzu_core::ErrorCode;
use serde_json::{json, Map, Value};
use worker::{Request, Response};

use crate::error::{AppError, AppResult};
use crate::http::json_response;

fn lang(req: &Request) -> Lang {
    Lang::from_accept_language(&req.headers().get("accept-language").ok().flatten().unwrap_or_default())
}

/// Plugstore ids are the kinds' positions, as the seed migration numbers them.
fn by_id(id: &str) -> AppResult<(usize, Kind)> {
    id.parse::<usize>()
        .ok()
        .and_then(|i| Some((i, *ALL_KINDS.get(i.checked_sub(1)?)?)))
        .ok_or_else(|| AppError::not_found(format!("no plugstore entry {}", id.chars().take(20).collect::<String>())))
}

fn entry(id: usize, kind: Kind, lang: Lang) -> Value {
    let (fr, en) = kind.names();
    json!({
        "id": id,
        "name": kind.id(),
        "display_name": if lang == Lang::Fr { fr } else { en },
        "category": kind.category(),
        "icon": { "id": id, "icon_editable": false, "svg_path": kind.icon_path() },
        "developer_name": "Senzu Edition",
        "status": "publish",
    })
}

/// A list as the API sends lists: an object keyed "0", "1", …
fn keyed(items: impl IntoIterator<Item = Value>) -> Value {
    Value::Object(items.into_iter().enumerate().map(|(i, v)| (i.to_string(), v)).collect::<Map<_, _>>())
}

pub fn list(req: &Request) -> AppResult<Response> {
    let lang = lang(req);
    Ok(json_response(&keyed(ALL_KINDS.iter().enumerate().map(|(i, k)| entry(i + 1, *k, lang))), 200))
}

pub fn get(req: &Request, id: &str) -> AppResult<Response> {
    let (id, kind) = by_id(id)?;
    Ok(json_response(&entry(id, kind, lang(req)), 200))
}

pub fn form(req: &Request, id: &str) -> AppResult<Response> {
    let (_, kind) = by_id(id)?;
    Ok(json_response(&kind.form(lang(req)), 200))
}

pub fn categories() -> AppResult<Response> {
    let mut names: Vec<&str> = ALL_KINDS.iter().map(|k| k.category()).collect();
    names.sort_unstable();
    names.dedup();
    if names.is_empty() {
        return Err(AppError::api(ErrorCode::Internal, "no categories"));
    }
    Ok(json_response(&keyed(names.iter().enumerate().map(|(i, n)| json!({ "id": i + 1, "name": n }))), 200))
}
