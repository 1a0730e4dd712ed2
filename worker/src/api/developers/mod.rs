//! Developer accounts (`/v1/developers`, role developer): the documented
//! developer object (core::api::developers). Only the account's own developer
//! is reached; another's id is a 404, as if it did not exist.

pub mod repo;

use senzu_core::api::developers::{CreateDeveloper, Developer, UpdateDeveloper};
use senzu_core::api::list::ListSpec;
use senzu_core::api::{Deleted, Id, Keyed};
use senzu_core::auth::Role;
use senzu_core::ErrorCode;
use worker::{Request, Response};

use super::makers::{currency, image, no_company};
use super::Call;
use crate::error::{AppError, AppResult};
use crate::http::{created, json};
use crate::request;

async fn developer_user(call: &Call<'_>) -> AppResult<Id> {
    Ok(call.caller.require_user(&call.db, Role::Developer, call.now).await?.id_user)
}

fn not_yet() -> AppError {
    AppError::not_found("this account is not a developer account yet: POST /v1/developers")
}

/// The account's developer if it is `id`.
async fn own(call: &Call<'_>, me: Id, id: Id) -> AppResult<Developer> {
    repo::of_user(&call.db, me)
        .await?
        .filter(|d| d.id == id)
        .ok_or_else(|| AppError::not_found(format!("no developer with id {id}")))
}

/// `GET /v1/developers`.
pub async fn list(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    let me = developer_user(call).await?;
    Ok(json(&Keyed(filters.apply(repo::list(&call.db, me).await?))))
}

/// `POST /v1/developers` (201): the account becomes a developer. One per
/// account: a second is a 409 that says where the first is.
pub async fn create(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let me = developer_user(call).await?;
    let new: CreateDeveloper = request::parse(req).await?;
    no_company(new.id_company)?;
    currency(new.id_currency)?;
    let fields = repo::Fields {
        reference: new.reference.as_ref().map(|n| n.as_str()),
        alias_name: new.alias_name.as_ref().map(|n| n.as_str()),
        contact_email: new.contact_email.as_ref().map(|e| e.as_str()),
        url: Some(new.url.as_ref().map(|u| u.as_str())),
        id_image: Some(image(call, me, new.id_image).await?),
    };
    if !repo::create(&call.db, me, &fields, call.now).await? {
        let id = repo::of_user(&call.db, me).await?.map_or(0, |d| d.id);
        return Err(AppError::api(
            ErrorCode::Conflict,
            format!("this account is developer {id} already (one per account): POST /v1/developers/main changes it"),
        ));
    }
    let dev = repo::of_user(&call.db, me)
        .await?
        .ok_or_else(|| AppError::Internal { context: "create developer", cause: "no row after insert".into() })?;
    Ok(created(&dev))
}

/// `GET /v1/developers/main`.
pub async fn main(call: &Call<'_>) -> AppResult<Response> {
    let me = developer_user(call).await?;
    Ok(json(&repo::of_user(&call.db, me).await?.ok_or_else(not_yet)?))
}

/// `GET /v1/developers/{id}`.
pub async fn get(call: &Call<'_>, id: Id) -> AppResult<Response> {
    let me = developer_user(call).await?;
    Ok(json(&own(call, me, id).await?))
}

/// `POST /v1/developers/main`.
pub async fn update_main(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let me = developer_user(call).await?;
    let dev = repo::of_user(&call.db, me).await?.ok_or_else(not_yet)?;
    apply_update(call, req, me, dev.id).await
}

/// `POST /v1/developers/{id}`.
pub async fn update(call: &Call<'_>, req: &mut Request, id: Id) -> AppResult<Response> {
    let me = developer_user(call).await?;
    own(call, me, id).await?;
    apply_update(call, req, me, id).await
}

async fn apply_update(call: &Call<'_>, req: &mut Request, me: Id, id: Id) -> AppResult<Response> {
    let changes: UpdateDeveloper = request::parse(req).await?;
    if changes.is_empty() {
        return Err(AppError::api(
            ErrorCode::MissingArgument,
            "missing argument: one of reference, alias_name, contact_email, url, id_image",
        ));
    }
    no_company(changes.id_company)?;
    currency(changes.id_currency)?;
    let id_image = match changes.id_image.change() {
        Some(Some(file)) => Some(image(call, me, Some(file)).await?),
        other => other.map(|_| None),
    };
    let fields = repo::Fields {
        reference: changes.reference.as_ref().map(|n| n.as_str()),
        alias_name: changes.alias_name.as_ref().map(|n| n.as_str()),
        contact_email: changes.contact_email.as_ref().map(|e| e.as_str()),
        url: changes.url.as_ref().change().map(|u| u.map(|u| u.as_str())),
        id_image,
    };
    let dev = repo::update(&call.db, me, id, &fields, call.now)
        .await?
        .ok_or_else(|| AppError::Internal { context: "update developer", cause: "no row returned".into() })?;
    Ok(json(&dev))
}

/// `DELETE /v1/developers/{id}`: only without apps (their users hold tokens of them).
pub async fn delete(call: &Call<'_>, id: Id) -> AppResult<Response> {
    let me = developer_user(call).await?;
    own(call, me, id).await?;
    if !repo::delete(&call.db, me, id).await? {
        return Err(AppError::api(ErrorCode::Conflict, format!("developer {id} still has apps: delete them first")));
    }
    Ok(json(&Deleted::of(id)))
}
