//! The first-party plugstore (read side): entries, categories and forms.
//! Entries are seeded by migration; forms come from core, per kind. No
//! queries: the catalogue is core's, so there is no repo.

use senzu_core::api::plugstores::{Category, PlugstoreEntry, PlugstoreForm};
use senzu_core::api::Keyed;
use senzu_core::auth::Role;
use senzu_core::plugins::{store, Kind};
use senzu_core::ErrorCode;
use worker::{Request, Response};

use super::Call;
use crate::error::{AppError, AppResult};
use crate::http::json;
use crate::request;

/// Plugstore ids are the kinds' positions, as the seed migration numbers them.
fn by_id(id: &str) -> AppResult<(i64, Kind)> {
    id.parse::<usize>()
        .ok()
        .and_then(|i| Some((i as i64, store().nth(i.checked_sub(1)?)?)))
        .ok_or_else(|| AppError::not_found(format!("no plugstore entry {}", id.chars().take(20).collect::<String>())))
}

/// Every plugstore route needs the `plugstore` role.
async fn allowed(call: &Call<'_>) -> AppResult<()> {
    call.caller.require(&call.db, Role::Plugstore, call.now).await
}

/// `GET /v1/plugstores`.
pub async fn list(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let filters = request::list(req, senzu_core::api::plugstores::LIST)?;
    allowed(call).await?;
    let entries = store().enumerate().map(|(i, k)| PlugstoreEntry::of(i as i64 + 1, k, call.lang)).collect();
    Ok(json(&Keyed(filters.apply(entries))))
}

/// `GET /v1/plugstores/{id}`.
pub async fn get(call: &Call<'_>, _req: &Request, id: &str) -> AppResult<Response> {
    allowed(call).await?;
    let (id, kind) = by_id(id)?;
    Ok(json(&PlugstoreEntry::of(id, kind, call.lang)))
}

/// `GET /v1/plugstores/{id}/form`.
pub async fn form(call: &Call<'_>, _req: &Request, id: &str) -> AppResult<Response> {
    allowed(call).await?;
    let (_, kind) = by_id(id)?;
    Ok(json(&PlugstoreForm::of(kind, call.lang)))
}

/// `GET /v1/plugstores/categories`, by name.
pub async fn categories(call: &Call<'_>) -> AppResult<Response> {
    allowed(call).await?;
    let mut names: Vec<&str> = store().map(|k| k.category()).collect();
    names.sort_unstable();
    names.dedup();
    if names.is_empty() {
        return Err(AppError::api(ErrorCode::Internal, "no categories"));
    }
    let categories: Keyed<Category> =
        names.iter().enumerate().map(|(i, n)| Category { id: i as i64 + 1, name: n.to_string() }).collect();
    Ok(json(&categories))
}
