//! Resellers (`/v1/resellers`, role reseller): the account that sells Senzu
//! objects its makers put in its hands (`id_reseller` on POST /v1/products).
//! Only the account's own reseller is reached (another's id is a 404); Senzu's
//! staff verify one (`cargo xtask admin verify-reseller`) before a maker may
//! hand it products.

pub mod repo;

use senzu_core::api::list::ListSpec;
use senzu_core::api::shop::{Reseller, ResellerSummary, SaveReseller};
use senzu_core::api::{Deleted, Id, Keyed};
use senzu_core::auth::Role;
use senzu_core::ErrorCode;
use worker::{Request, Response};

use super::Call;
use crate::args::bad;
use crate::error::{AppError, AppResult};
use crate::http::{created, json};
use crate::request;

async fn me(call: &Call<'_>) -> AppResult<Id> {
    Ok(call.caller.require_user(&call.db, Role::Reseller, call.now).await?.id_user)
}

async fn own(call: &Call<'_>, me: Id, id: Id) -> AppResult<Reseller> {
    repo::of_user(&call.db, me)
        .await?
        .filter(|r| r.id == id)
        .ok_or_else(|| AppError::not_found(format!("no reseller with id {id}")))
}

/// The image and company must be the caller's own.
async fn check(call: &Call<'_>, me: Id, fields: &SaveReseller) -> AppResult<()> {
    if let Some(image) = fields.id_image {
        if !repo::own_file(&call.db, me, image).await? {
            return Err(bad("id_image", format!("no file with id {image} of yours")));
        }
    }
    if let Some(company) = fields.id_company {
        if !repo::own_company(&call.db, me, company).await? {
            return Err(bad("id_company", format!("no company with id {company} of yours (POST /v1/companies)")));
        }
    }
    Ok(())
}

pub async fn list(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    let me = me(call).await?;
    let mine: Vec<ResellerSummary> =
        repo::of_user(&call.db, me).await?.map(|r| ResellerSummary { id: r.id, created: 0 }).into_iter().collect();
    Ok(json(&Keyed(filters.apply(mine))))
}

pub async fn get(call: &Call<'_>, id: Id) -> AppResult<Response> {
    let me = me(call).await?;
    Ok(json(&own(call, me, id).await?))
}

/// `POST /v1/resellers` (201): one per account.
pub async fn create(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let me = me(call).await?;
    let new: SaveReseller = request::parse(req).await?;
    check(call, me, &new).await?;
    if !repo::create(&call.db, me, new.id_image, new.id_company, call.now).await? {
        return Err(AppError::api(
            ErrorCode::Conflict,
            "this account has a reseller account already: GET /v1/resellers",
        ));
    }
    let made = repo::of_user(&call.db, me)
        .await?
        .ok_or_else(|| AppError::Internal { context: "create reseller", cause: "no row after insert".into() })?;
    Ok(created(&made))
}

pub async fn update(call: &Call<'_>, req: &mut Request, id: Id) -> AppResult<Response> {
    let me = me(call).await?;
    let changes: SaveReseller = request::parse(req).await?;
    if changes.id_image.is_none() && changes.id_company.is_none() {
        return Err(AppError::api(ErrorCode::MissingArgument, "missing argument: id_image or id_company"));
    }
    own(call, me, id).await?;
    check(call, me, &changes).await?;
    repo::update(&call.db, id, changes.id_image, changes.id_company, call.now).await?;
    Ok(json(&own(call, me, id).await?))
}

pub async fn delete(call: &Call<'_>, id: Id) -> AppResult<Response> {
    let me = me(call).await?;
    own(call, me, id).await?;
    repo::delete(&call.db, id).await?;
    Ok(json(&Deleted::of(id)))
}

/// `GET /v1/resellers/{id}/products`: what it sells, and which are paired already.
pub async fn products(call: &Call<'_>, req: &Request, id: Id) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    let me = me(call).await?;
    own(call, me, id).await?;
    Ok(json(&Keyed(filters.apply(repo::products(&call.db, id).await?))))
}
