//! The first-party plugstore (read side): entries, categories and forms.
//! Entries are seeded by migration; forms come from core, per kind.

use senzu_core::auth::Role;
use senzu_core::plugins::{store, Kind, Lang};
use senzu_core::wire::list_object;
use senzu_core::ErrorCode;
use serde_json::{json, Value};
use worker::{Request, Response};

use super::Call;
use crate::error::{AppError, AppResult};
use crate::http::json_response;

/// Plugstore ids are the kinds' positions, as the seed migration numbers them.
fn by_id(id: &str) -> AppResult<(usize, Kind)> {
    id.parse::<usize>()
        .ok()
        .and_then(|i| Some((i, store().nth(i.checked_sub(1)?)?)))
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

/// Every plugstore route needs the `plugstore` role.
async fn allowed(call: &Call<'_>) -> AppResult<()> {
    call.caller.require(&call.db, Role::Plugstore, call.now).await
}

pub async fn list(call: &Call<'_>, _req: &Request) -> AppResult<Response> {
    allowed(call).await?;
    Ok(json_response(&list_object(store().enumerate().map(|(i, k)| entry(i + 1, k, call.lang))), 200))
}

pub async fn get(call: &Call<'_>, _req: &Request, id: &str) -> AppResult<Response> {
    allowed(call).await?;
    let (id, kind) = by_id(id)?;
    Ok(json_response(&entry(id, kind, call.lang), 200))
}

pub async fn form(call: &Call<'_>, _req: &Request, id: &str) -> AppResult<Response> {
    allowed(call).await?;
    let (_, kind) = by_id(id)?;
    Ok(json_response(&kind.form(call.lang), 200))
}

pub async fn categories(call: &Call<'_>) -> AppResult<Response> {
    allowed(call).await?;
    let mut names: Vec<&str> = store().map(|k| k.category()).collect();
    names.sort_unstable();
    names.dedup();
    if names.is_empty() {
        return Err(AppError::api(ErrorCode::Internal, "no categories"));
    }
    Ok(json_response(&list_object(names.iter().enumerate().map(|(i, n)| json!({ "id": i + 1, "name": n }))), 200))
}
