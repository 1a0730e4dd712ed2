//! A product's records (its chips and printed codes): list, read, and the
//! owner-side changes — which application a record opens, enabled or not.
//! What is burnt into the chip (technology, encryption, key) is the maker's:
//! anyone else gets 403.

mod repo;

use senzu_core::api::list::ListSpec;
use senzu_core::api::products::{Record, UpdateRecord, CHIP_FIELDS};
use senzu_core::api::{Id, Keyed, Patch};
use senzu_core::auth::Role;
use senzu_core::chmod::Action;
use senzu_core::ErrorCode;
use worker::{Request, Response};

use super::sharing::{self, Shared};
use super::Call;
use crate::args::bad;
use crate::error::{AppError, AppResult};
use crate::http::json;
use crate::request;

async fn record_of(call: &Call<'_>, id_product: Id, id_record: Id) -> AppResult<Record> {
    repo::get(&call.db, id_product, id_record, &call.origin)
        .await?
        .ok_or_else(|| AppError::not_found(format!("no record {id_record} in product {id_product}")))
}

/// `GET /v1/products/{id}/records`.
pub async fn list(call: &Call<'_>, req: &Request, id_product: Id) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    sharing::require(call, Shared::Product, id_product, Action::See).await?;
    let records = repo::list(&call.db, id_product, &call.origin).await?;
    Ok(json(&Keyed(filters.apply(records))))
}

/// `GET /v1/products/{id}/records/{id_record}`.
pub async fn get(call: &Call<'_>, id_product: Id, id_record: Id) -> AppResult<Response> {
    sharing::require(call, Shared::Product, id_product, Action::See).await?;
    Ok(json(&record_of(call, id_product, id_record).await?))
}

/// Whether the caller made this product (its item's maker account) and holds the maker role.
pub(super) async fn is_maker(call: &Call<'_>, id_product: Id) -> AppResult<bool> {
    let Some(me) = call.caller.id_user() else { return Ok(false) };
    if !call.caller.holds(Role::Maker) {
        return Ok(false);
    }
    repo::is_maker(&call.db, id_product, me).await
}

/// `POST /v1/products/{id}/records/{id_record}`: `id_application` (an application
/// the caller manages, or empty to detach) and `is_enabled` need chmod ≥ 3 on the
/// product; `technology` is the maker's.
pub async fn update(call: &Call<'_>, req: &mut Request, id_product: Id, id_record: Id) -> AppResult<Response> {
    let args = request::args(req).await?;
    let (me, _) = sharing::require(call, Shared::Product, id_product, Action::EditBasics).await?;
    if let Some(field) = CHIP_FIELDS.iter().find(|f| args.contains_key(**f)) {
        return Err(AppError::api(
            ErrorCode::Forbidden,
            format!("{field} is written into the chip: only its maker can change it, by reprogramming"),
        ));
    }
    let changes: UpdateRecord = request::from_args(&args)?;
    if changes.technology.is_some() && !is_maker(call, id_product).await? {
        return Err(AppError::api(ErrorCode::Forbidden, "technology is set by the product's maker"));
    }
    // A new application must be one the caller may put there.
    if let Patch::Set(id_app) = changes.id_application {
        let level = sharing::level_of(call, Shared::Application, id_app, me).await?;
        if !Action::EditBasics.allowed(level) {
            return Err(bad("id_application", format!("no application {id_app} that you manage (chmod ≥ 3)")));
        }
    }
    if changes.is_empty() {
        return Err(AppError::api(
            ErrorCode::MissingArgument,
            "missing argument: give id_application, is_enabled or technology",
        ));
    }
    record_of(call, id_product, id_record).await?;
    let apply = repo::Changes {
        application: changes.id_application.change(),
        is_enabled: changes.is_enabled,
        technology: changes.technology,
    };
    repo::update(&call.db, id_product, id_record, &apply).await?;
    Ok(json(&record_of(call, id_product, id_record).await?))
}
