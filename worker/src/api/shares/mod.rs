//! Share links (`/s/{public_key}`): an application, optionally through one of
//! its records, opened without the object — until the link expires or is
//! disabled (then the play refuses it). Admins of the application (chmod ≥ 4)
//! manage it; its creator may always disable or delete it. A link stops when
//! its creator is no longer an admin of the application, and a record's link
//! when the record is disabled (plays/repo.rs `by_share`).

mod repo;

use senzu_core::api::list::{ListQuery, ListSpec};
use senzu_core::api::shares::{CreateShare, UpdateShare};
use senzu_core::api::{Deleted, Id, Keyed};
use senzu_core::auth::Role;
use senzu_core::chmod::{Action, Level};
use senzu_core::rate::{Limit, Who};
use senzu_core::ErrorCode;
use worker::{Request, Response};

use super::sharing::{self, Shared};
use super::Call;
use crate::args::bad;
use crate::auth::crypto;
use crate::error::{AppError, AppResult};
use crate::http::{created, json};
use crate::request;
use repo::ShareRow;

fn no_link(id: Id) -> AppError {
    AppError::not_found(format!("no share link with id {id}"))
}

/// `expiration_time`: seconds from now (as documented: 3600 → in one hour).
fn expiry(seconds: Option<i64>, now: i64) -> AppResult<Option<i64>> {
    match seconds {
        None => Ok(None),
        Some(s) if !(60..=10 * 365 * 86_400).contains(&s) => {
            Err(bad("expiration_time", "must be seconds from now, between 60 and ten years"))
        }
        Some(s) => Ok(Some(now + s)),
    }
}

fn answer(call: &Call<'_>, filters: &ListQuery, rows: Vec<ShareRow>) -> AppResult<Response> {
    let links = rows.into_iter().map(|s| s.into_share(&call.origin, call.now)).collect();
    Ok(json(&Keyed(filters.apply(links))))
}

/// `GET /v1/applications/{id}/shares`, newest first.
pub async fn of_application(call: &Call<'_>, req: &Request, id_app: Id) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::WHOLE)?;
    sharing::require(call, Shared::Application, id_app, Action::See).await?;
    answer(call, &filters, repo::of_application(&call.db, id_app).await?)
}

/// `GET /v1/records/{id}/shares`, newest first.
pub async fn of_record(call: &Call<'_>, req: &Request, id_record: Id) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::WHOLE)?;
    let Some(id_product) = repo::product_of_record(&call.db, id_record).await? else {
        call.caller.require_user(&call.db, Role::Products, call.now).await?;
        return Err(AppError::not_found(format!("no record with id {id_record}")));
    };
    sharing::require(call, Shared::Product, id_product, Action::See).await?;
    answer(call, &filters, repo::of_record(&call.db, id_record).await?)
}

/// `POST /v1/applications/{id}/shares` (`expiration_time`, optional `id_record`
/// showing the application as that record does — its product's lost state included).
pub async fn create(call: &Call<'_>, req: &mut Request, id_app: Id) -> AppResult<Response> {
    let (me, _) = sharing::require(call, Shared::Application, id_app, Action::Administer).await?;
    let new: CreateShare = request::parse(req).await?;
    let expires = expiry(new.expiration_time, call.now)?;
    if let Some(r) = new.id_record {
        let visible = match repo::product_of_record(&call.db, r).await? {
            Some(p) => Action::See.allowed(sharing::level_of(call, Shared::Product, p, me).await?),
            None => false,
        };
        if !visible {
            return Err(bad("id_record", format!("no record {r} in your products")));
        }
    }
    crate::rate::hit(&call.db, Limit::ShareLink, 0, Who::User(me), call.now).await?;
    let key = crypto::random_hex(16)?;
    let link = repo::NewShare {
        id_record: new.id_record,
        id_application: id_app,
        id_creator: me,
        public_key: &key,
        date_expired: expires,
    };
    let row = repo::create(&call.db, &link, call.now)
        .await?
        .ok_or_else(|| AppError::Internal { context: "create share", cause: "no row after insert".into() })?;
    Ok(created(&row.into_share(&call.origin, call.now)))
}

/// The link and the caller's level on its application, if the caller may see it (any
/// access to its application) or manage it (creator, or chmod ≥ 4 on the application).
async fn reach(call: &Call<'_>, id: Id, manage: bool) -> AppResult<(ShareRow, Level)> {
    let row = repo::get(&call.db, id).await?;
    let role = if manage { Role::ManageApplications } else { Role::Applications };
    let me = call.caller.require_user(&call.db, role, call.now).await?.id_user;
    let Some(row) = row else { return Err(no_link(id)) };
    let level = sharing::level_of(call, Shared::Application, row.id_application, me).await?;
    let creator = row.id_creator == Some(me);
    if !creator && !Action::See.allowed(level) {
        return Err(no_link(id));
    }
    if manage && !creator && !Action::Administer.allowed(level) {
        return Err(AppError::api(
            ErrorCode::Forbidden,
            "only the link's creator or an admin of the application (chmod ≥ 4) can change it",
        ));
    }
    Ok((row, level))
}

/// `GET /v1/shares/{id}`.
pub async fn get(call: &Call<'_>, id: Id) -> AppResult<Response> {
    let (row, _) = reach(call, id, false).await?;
    Ok(json(&row.into_share(&call.origin, call.now)))
}

/// `POST /v1/shares/{id}` (`expiration_time` from now, `is_enabled`).
pub async fn update(call: &Call<'_>, req: &mut Request, id: Id) -> AppResult<Response> {
    let (_, level) = reach(call, id, true).await?;
    let changes: UpdateShare = request::parse(req).await?;
    let expires = expiry(changes.expiration_time, call.now)?;
    if expires.is_none() && changes.is_enabled.is_none() {
        return Err(AppError::api(ErrorCode::MissingArgument, "missing argument: expiration_time or is_enabled"));
    }
    // Its creator may always end a link; giving it more life needs admin rights now.
    if (expires.is_some() || changes.is_enabled == Some(true)) && !Action::Administer.allowed(level) {
        return Err(AppError::api(
            ErrorCode::Forbidden,
            "only an admin of the application (chmod ≥ 4) can enable or extend a share link",
        ));
    }
    repo::update(&call.db, id, expires, changes.is_enabled).await?;
    get(call, id).await
}

/// `DELETE /v1/shares/{id}`.
pub async fn delete(call: &Call<'_>, id: Id) -> AppResult<Response> {
    reach(call, id, true).await?;
    repo::delete(&call.db, id).await?;
    Ok(json(&Deleted::of(id)))
}
