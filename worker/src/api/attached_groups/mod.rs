//! A maker's attached groups (`/v1/makers/{id}/attached-groups`, role maker):
//! the maker's own way of sorting the products they make. Only the maker's
//! account reaches them; everyone else gets 404.

mod repo;

use senzu_core::api::attached_groups::{AttachedGroup, CreateAttachedGroup, UpdateAttachedGroup};
use senzu_core::api::list::ListSpec;
use senzu_core::api::{Deleted, Id, Keyed};
use senzu_core::ErrorCode;
use worker::{Request, Response};

use super::Call;
use crate::error::{AppError, AppResult};
use crate::http::{created, json};
use crate::request;

/// The maker `{id}` if it is the caller's (role maker).
async fn own_maker(call: &Call<'_>, id_maker: Id) -> AppResult<()> {
    super::makers::require_own_maker(call, id_maker).await.map(|_| ())
}

async fn group(call: &Call<'_>, id_maker: Id, id: Id) -> AppResult<AttachedGroup> {
    repo::get(&call.db, id_maker, id)
        .await?
        .ok_or_else(|| AppError::not_found(format!("no attached group with id {id}")))
}

fn missing_row(context: &'static str) -> AppError {
    AppError::Internal { context, cause: "no row returned".into() }
}

/// `GET /v1/makers/{id}/attached-groups`.
pub async fn list(call: &Call<'_>, req: &Request, id_maker: Id) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    own_maker(call, id_maker).await?;
    Ok(json(&Keyed(filters.apply(repo::list(&call.db, id_maker).await?))))
}

/// `GET /v1/makers/{id}/attached-groups/{id_group}`.
pub async fn get(call: &Call<'_>, id_maker: Id, id: Id) -> AppResult<Response> {
    own_maker(call, id_maker).await?;
    Ok(json(&group(call, id_maker, id).await?))
}

/// `POST /v1/makers/{id}/attached-groups` (`reference`, `alias_name`).
pub async fn create(call: &Call<'_>, req: &mut Request, id_maker: Id) -> AppResult<Response> {
    own_maker(call, id_maker).await?;
    let new: CreateAttachedGroup = request::parse(req).await?;
    let alias = new.alias_name.as_ref().map(|n| n.as_str());
    let row = repo::create(&call.db, id_maker, new.reference.as_str(), alias).await?;
    Ok(created(&row.ok_or_else(|| missing_row("create attached group"))?))
}

/// `POST /v1/makers/{id}/attached-groups/{id_group}`: `reference`, `alias_name`.
pub async fn update(call: &Call<'_>, req: &mut Request, id_maker: Id, id: Id) -> AppResult<Response> {
    own_maker(call, id_maker).await?;
    let changes: UpdateAttachedGroup = request::parse(req).await?;
    group(call, id_maker, id).await?;
    if changes.is_empty() {
        return Err(AppError::api(ErrorCode::MissingArgument, "missing argument: reference or alias_name"));
    }
    let reference = changes.reference.as_ref().map(|n| n.as_str());
    let alias = changes.alias_name.as_ref().map(|n| n.as_str());
    let row = repo::update(&call.db, id_maker, id, reference, alias, call.now).await?;
    Ok(json(&row.ok_or_else(|| missing_row("update attached group"))?))
}

/// `DELETE /v1/makers/{id}/attached-groups/{id_group}`: its products are simply no longer attached.
pub async fn delete(call: &Call<'_>, id_maker: Id, id: Id) -> AppResult<Response> {
    own_maker(call, id_maker).await?;
    group(call, id_maker, id).await?;
    repo::delete(&call.db, id).await?;
    Ok(json(&Deleted::of(id)))
}
