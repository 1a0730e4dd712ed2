//! Companies (`/v1/companies`, role user_financial): the companies an account
//! buys or provides for. Only the owner reaches one; another's id is a 404.

pub mod repo;

use senzu_core::api::list::ListSpec;
use senzu_core::api::shop::{Company, CreateCompany, UpdateCompany};
use senzu_core::api::{Deleted, Id, Keyed};
use senzu_core::auth::Role;
use senzu_core::ErrorCode;
use worker::{Request, Response};

use super::Call;
use crate::error::{AppError, AppResult};
use crate::http::{created, json};
use crate::request;

async fn me(call: &Call<'_>) -> AppResult<Id> {
    Ok(call.caller.require_user(&call.db, Role::UserFinancial, call.now).await?.id_user)
}

fn no_company(id: Id) -> AppError {
    AppError::not_found(format!("no company with id {id}"))
}

async fn own(call: &Call<'_>, me: Id, id: Id) -> AppResult<Company> {
    repo::get(&call.db, me, id).await?.ok_or_else(|| no_company(id))
}

/// `GET /v1/companies`.
pub async fn list(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    let me = me(call).await?;
    Ok(json(&Keyed(filters.apply(repo::list(&call.db, me).await?))))
}

/// `GET /v1/companies/{id}`.
pub async fn get(call: &Call<'_>, id: Id) -> AppResult<Response> {
    let me = me(call).await?;
    Ok(json(&own(call, me, id).await?))
}

/// `POST /v1/companies` (201).
pub async fn create(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let me = me(call).await?;
    let new: CreateCompany = request::parse(req).await?;
    let id = repo::create(&call.db, me, &new, call.now).await?;
    Ok(created(&own(call, me, id).await?))
}

/// `POST /v1/companies/{id}`.
pub async fn update(call: &Call<'_>, req: &mut Request, id: Id) -> AppResult<Response> {
    let me = me(call).await?;
    let changes: UpdateCompany = request::parse(req).await?;
    if changes.is_empty() {
        return Err(AppError::api(ErrorCode::MissingArgument, "missing argument: name (or another field to change)"));
    }
    own(call, me, id).await?;
    repo::update(&call.db, me, id, &changes, call.now).await?;
    Ok(json(&own(call, me, id).await?))
}

/// `DELETE /v1/companies/{id}`: refused (409) while a provider account names it.
pub async fn delete(call: &Call<'_>, id: Id) -> AppResult<Response> {
    let me = me(call).await?;
    own(call, me, id).await?;
    if repo::in_use(&call.db, id).await? {
        return Err(AppError::api(ErrorCode::Conflict, "a provider account names this company: change it first"));
    }
    repo::delete(&call.db, me, id).await?;
    Ok(json(&Deleted::of(id)))
}
