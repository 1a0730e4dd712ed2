//! Folders (role user_files, as the files they hold): a user's own tree.
//! Only one's own folders are reached (anyone else's: 404); a folder moves
//! anywhere in the tree but never inside itself; it is deleted only once
//! empty (409 saying what it still holds), so no click loses a file.

pub mod repo;

use senzu_core::api::folders::{self, CreateFolder, UpdateFolder};
use senzu_core::api::list::ListSpec;
use senzu_core::api::{Deleted, Id, Keyed};
use senzu_core::auth::Role;
use senzu_core::ErrorCode;
use worker::{Request, Response};

use super::Call;
use crate::error::{AppError, AppResult};
use crate::http::{created, json};
use crate::request;

fn no_folder(id: Id) -> AppError {
    AppError::not_found(format!("no folder with id {id}"))
}

async fn me(call: &Call<'_>) -> AppResult<Id> {
    Ok(call.caller.require_user(&call.db, Role::UserFiles, call.now).await?.id_user)
}

/// The parent a create or a move names: the caller's own, and not too deep.
async fn parent_for(call: &Call<'_>, me: Id, id_parent: Id) -> AppResult<Vec<Id>> {
    repo::own(&call.db, me, id_parent)
        .await?
        .ok_or_else(|| AppError::not_found(format!("id_parent: no folder with id {id_parent}")))?;
    repo::ancestors(&call.db, id_parent).await
}

fn conflict(why: String) -> AppError {
    AppError::api(ErrorCode::Conflict, why)
}

/// `GET /v1/folders`.
pub async fn list(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    let me = me(call).await?;
    Ok(json(&Keyed(filters.apply(repo::list(&call.db, me).await?))))
}

/// `GET /v1/folders/{id}`.
pub async fn get(call: &Call<'_>, id: Id) -> AppResult<Response> {
    let me = me(call).await?;
    let folder = repo::own(&call.db, me, id).await?.ok_or_else(|| no_folder(id))?;
    Ok(json(&folder.into_folder()))
}

/// `POST /v1/folders` (`name`, `id_parent`).
pub async fn create(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let me = me(call).await?;
    let new: CreateFolder = request::parse(req).await?;
    if let Some(parent) = new.id_parent {
        let ancestors = parent_for(call, me, parent).await?;
        if ancestors.len() + 2 > folders::MAX_DEPTH {
            return Err(conflict(format!("folders nest at most {} deep", folders::MAX_DEPTH)));
        }
    }
    let id = repo::insert(&call.db, me, new.name.as_str(), new.id_parent, call.now)
        .await?
        .ok_or_else(|| AppError::Internal { context: "insert folder", cause: "no row after insert".into() })?;
    let folder = repo::own(&call.db, me, id)
        .await?
        .ok_or_else(|| AppError::Internal { context: "insert folder", cause: "no row after insert".into() })?;
    Ok(created(&folder.into_folder()))
}

/// `POST /v1/folders/{id}` (`name`, `id_parent`: empty moves it to the top).
pub async fn update(call: &Call<'_>, req: &mut Request, id: Id) -> AppResult<Response> {
    let me = me(call).await?;
    let change: UpdateFolder = request::parse(req).await?;
    if change.is_empty() {
        return Err(AppError::api(ErrorCode::MissingArgument, "missing argument: name or id_parent"));
    }
    repo::own(&call.db, me, id).await?.ok_or_else(|| no_folder(id))?;
    let id_parent = change.id_parent.change();
    if let Some(Some(parent)) = id_parent {
        let ancestors = if parent == id { Vec::new() } else { parent_for(call, me, parent).await? };
        let below = repo::depth_below(&call.db, id).await?;
        folders::may_move(id, parent, &ancestors, below).map_err(conflict)?;
    }
    repo::update(&call.db, id, change.name.as_ref().map(|n| n.as_str()), id_parent, call.now).await?;
    let folder = repo::own(&call.db, me, id).await?.ok_or_else(|| no_folder(id))?;
    Ok(json(&folder.into_folder()))
}

/// `DELETE /v1/folders/{id}`: only an empty folder (409 says what it holds).
pub async fn delete(call: &Call<'_>, id: Id) -> AppResult<Response> {
    let me = me(call).await?;
    let folder = repo::own(&call.db, me, id).await?.ok_or_else(|| no_folder(id))?;
    if folder.quantity_file > 0 || folder.quantity_folder > 0 || !repo::delete_if_empty(&call.db, id).await? {
        return Err(conflict(format!(
            "the folder still holds {} files and {} folders: move or delete them first",
            folder.quantity_file, folder.quantity_folder
        )));
    }
    Ok(json(&Deleted::of(id)))
}
