//! An owner's applications: what a tap shows (title, theme, password lock).
//! List with the documented filters, create (the creator is owner, chmod 5),
//! read, update (chmod ≥ 4), delete (owner).

mod repo;

use senzu_core::api::applications::{self as contract, ApplicationFilters, CreateApplication, UpdateApplication};
use senzu_core::api::{Deleted, Id, Keyed, Patch};
use senzu_core::auth::Role;
use senzu_core::chmod::Action;
use senzu_core::plan::Resource;
use senzu_core::{password, ErrorCode};
use worker::{Request, Response};

use super::sharing::{self, Shared};
use super::Call;
use crate::args::bad;
use crate::auth::crypto;
use crate::error::{AppError, AppResult};
use crate::http::{created, json};
use crate::request;

fn no_access(id: Id) -> AppError {
    AppError::not_found(format!("no application with id {id}"))
}

/// `GET /v1/applications`: the documented filters, and `contains`, `id_issuer`, `is_locked`, `chmod`.
pub async fn list(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let filters = request::list(req, contract::LIST)?;
    let own: ApplicationFilters = request::from_args(&request::query(req))?;
    let me = call.caller.require_user(&call.db, Role::Applications, call.now).await?.id_user;
    let apps = repo::list(&call.db, me, &own, &call.origin).await?;
    Ok(json(&filters.apply(apps).iter().map(|a| a.summary()).collect::<Keyed<_>>()))
}

/// A lock change, for applications and plugins alike: `password` sets it
/// (4 to 128 characters, hashed), `is_locked=false` removes it; `None` leaves it.
pub(super) fn lock_change(password: Option<&str>, is_locked: Option<bool>) -> AppResult<Option<Option<String>>> {
    match (password, is_locked) {
        (Some(p), _) if p.chars().count() < 4 => Err(bad("password", "needs at least 4 characters")),
        (Some(p), _) if p.chars().count() > 128 => Err(bad("password", "longer than 128 characters")),
        (Some(p), Some(true) | None) => {
            Ok(Some(Some(password::hash(p, &crypto::random_bytes(16)?, password::LOCK_ITERATIONS))))
        }
        (Some(_), Some(false)) => Err(bad("is_locked", "false contradicts a new password")),
        (None, Some(false)) => Ok(Some(None)),
        (None, Some(true)) => Err(bad("is_locked", "locking needs a password")),
        (None, None) => Ok(None),
    }
}

/// `url_image`: https anywhere, or exactly one of this site's uploaded files (core::image::image_url).
fn checked_url<'a>(call: &Call<'_>, url: Option<&'a str>) -> AppResult<Option<&'a str>> {
    url.map(|u| {
        if u.chars().count() > 500 {
            return Err(bad("url_image", "longer than 500 characters"));
        }
        senzu_core::image::image_url(u, &call.origin).map_err(|why| bad("url_image", why))
    })
    .transpose()
}

/// `id_image`: one of the caller's uploaded files, stored relative (`/files/…`):
/// the play page is on the same origin, in any environment.
async fn image_file(call: &Call<'_>, me: Id, id: Option<Id>) -> AppResult<Option<(Id, String)>> {
    let Some(id) = id else { return Ok(None) };
    let file = super::files::own(&call.db, me, id)
        .await?
        .ok_or_else(|| bad("id_image", "no uploaded file of yours with this id"))?;
    Ok(Some((file.id, format!("/files/{}", file.file_name))))
}

/// `POST /v1/applications` (manage_applications): `name` required.
pub async fn create(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let me = call.caller.require_user(&call.db, Role::ManageApplications, call.now).await?.id_user;
    let new: CreateApplication = request::parse(req).await?;
    super::plans::require_room(call, me, Resource::Applications, None).await?;
    let url_image = checked_url(call, new.url_image.as_deref())?;
    let password = lock_change(new.password.as_deref(), new.is_locked)?;
    let file = image_file(call, me, new.id_image).await?;
    let fields = repo::Fields {
        name: Some(new.name.as_str()),
        alias_name: new.alias_name.as_ref().map(|n| n.as_str()),
        subtitle: Some(new.subtitle.as_ref().map(|s| s.as_str())),
        url_image: file.as_ref().map(|(_, u)| u.as_str()).or(url_image),
        id_image: file.as_ref().map(|(i, _)| *i),
        color: new.color,
        background: new.background_color,
        password,
        is_enabled: new.is_enabled,
    };
    let id = repo::create(&call.db, me, &fields).await?;
    let app = repo::get(&call.db, me, id, &call.origin).await?.ok_or_else(|| AppError::Internal {
        context: "create application",
        cause: "the new application is not readable".into(),
    })?;
    Ok(created(&app))
}

/// `GET /v1/applications/{id}`.
pub async fn get(call: &Call<'_>, id: Id) -> AppResult<Response> {
    let (me, _) = sharing::require(call, Shared::Application, id, Action::See).await?;
    Ok(json(&repo::get(&call.db, me, id, &call.origin).await?.ok_or_else(|| no_access(id))?))
}

/// `POST /v1/applications/{id}` (chmod ≥ 4: "modify the application parameters").
pub async fn update(call: &Call<'_>, req: &mut Request, id: Id) -> AppResult<Response> {
    let (me, _) = sharing::require(call, Shared::Application, id, Action::Administer).await?;
    let changes: UpdateApplication = request::parse(req).await?;
    if changes.is_empty() {
        return Err(AppError::api(ErrorCode::MissingArgument, "missing argument: nothing to change"));
    }
    let url_image = checked_url(call, changes.url_image.as_deref())?;
    let password = lock_change(changes.password.as_deref(), changes.is_locked)?;
    let file = image_file(call, me, changes.id_image).await?;
    let fields = repo::Fields {
        name: changes.name.as_ref().map(|n| n.as_str()),
        alias_name: changes.alias_name.as_ref().map(|n| n.as_str()),
        // An empty `subtitle=` clears it.
        subtitle: match &changes.subtitle {
            Patch::Keep => None,
            Patch::Clear => Some(None),
            Patch::Set(s) => Some(Some(s.as_str())),
        },
        url_image: file.as_ref().map(|(_, u)| u.as_str()).or(url_image),
        id_image: file.as_ref().map(|(i, _)| *i),
        color: changes.color,
        background: changes.background_color,
        password,
        is_enabled: changes.is_enabled,
    };
    repo::update(&call.db, id, &fields, call.now).await?;
    Ok(json(&repo::get(&call.db, me, id, &call.origin).await?.ok_or_else(|| no_access(id))?))
}

/// `DELETE /v1/applications/{id}` (owner): its plugins, access and share links go
/// with it; records that showed it show "no application" (464) until given another.
pub async fn delete(call: &Call<'_>, id: Id) -> AppResult<Response> {
    sharing::require(call, Shared::Application, id, Action::Own).await?;
    repo::delete(&call.db, id).await?;
    Ok(json(&Deleted::of(id)))
}
