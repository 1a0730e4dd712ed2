//! Products groups: an owner gathers products and shares them all at once
//! (members get the group's chmod on every product in it). Setting an
//! application or enabling/disabling on the group applies to every record
//! of its products.

mod repo;

use senzu_core::api::groups::{CreateGroup, GroupProduct, UpdateGroup};
use senzu_core::api::list::ListSpec;
use senzu_core::api::{Deleted, Keyed, Patch};
use senzu_core::auth::Role;
use senzu_core::chmod::Action;
use senzu_core::ErrorCode;
use worker::{Request, Response};

use super::sharing::{self, Shared};
use super::Call;
use crate::args::bad;
use crate::error::{AppError, AppResult};
use crate::http::{created, json};
use crate::request;

fn not_a_member(id: i64) -> AppError {
    AppError::not_found(format!("no group with id {id}"))
}

/// `GET /v1/groups`.
pub async fn list(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    let me = call.caller.require_user(&call.db, Role::Products, call.now).await?.id_user;
    let groups = repo::list(&call.db, me).await?;
    Ok(json(&Keyed(filters.apply(groups))))
}

/// `POST /v1/groups` (`alias_name`): the creator owns it.
pub async fn create(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let me = call.caller.require_user(&call.db, Role::ManageProducts, call.now).await?.id_user;
    let new: CreateGroup = request::parse(req).await?;
    let id = repo::create(&call.db, me, new.alias_name.as_str()).await?;
    let group = repo::get(&call.db, me, id)
        .await?
        .ok_or_else(|| AppError::Internal { context: "create group", cause: "the new group is not readable".into() })?;
    Ok(created(&group))
}

/// `GET /v1/groups/{id}`.
pub async fn get(call: &Call<'_>, id: i64) -> AppResult<Response> {
    let (me, _) = sharing::require(call, Shared::Group, id, Action::See).await?;
    Ok(json(&repo::get(&call.db, me, id).await?.ok_or_else(|| not_a_member(id))?))
}

/// `GET /v1/groups/{id}/products`: their ids.
pub async fn products(call: &Call<'_>, req: &Request, id: i64) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    let (me, _) = sharing::require(call, Shared::Group, id, Action::See).await?;
    let group = repo::get(&call.db, me, id).await?.ok_or_else(|| not_a_member(id))?;
    Ok(json(&Keyed(filters.apply(group.products.into_iter().map(|id| GroupProduct { id }).collect()))))
}

/// `POST /v1/groups/{id}` (chmod ≥ 3): `alias_name`; `id_application` (an
/// application the caller manages, or empty) and `is_enabled` on every record
/// of every product in the group, in one batch.
pub async fn update(call: &Call<'_>, req: &mut Request, id: i64) -> AppResult<Response> {
    let changes: UpdateGroup = request::parse(req).await?;
    let (me, _) = sharing::require(call, Shared::Group, id, Action::EditBasics).await?;
    if changes.is_empty() {
        return Err(AppError::api(
            ErrorCode::MissingArgument,
            "missing argument: alias_name, id_application or is_enabled",
        ));
    }
    if let Patch::Set(id_app) = changes.id_application {
        if !Action::EditBasics.allowed(sharing::level_of(call, Shared::Application, id_app, me).await?) {
            return Err(bad("id_application", format!("no application {id_app} that you manage (chmod ≥ 3)")));
        }
    }
    let apply = repo::Changes {
        alias_name: changes.alias_name.as_ref().map(|n| n.as_str()),
        application: changes.id_application.change(),
        is_enabled: changes.is_enabled,
    };
    repo::update(&call.db, id, me, &apply, call.now).await?;
    Ok(json(&repo::get(&call.db, me, id).await?.ok_or_else(|| not_a_member(id))?))
}

/// `DELETE /v1/groups/{id}` (owner): the products leave it (and its members lose them).
pub async fn delete(call: &Call<'_>, id: i64) -> AppResult<Response> {
    sharing::require(call, Shared::Group, id, Action::Own).await?;
    repo::delete(&call.db, id).await?;
    Ok(json(&Deleted::of(id)))
}
