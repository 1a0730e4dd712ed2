//! Share links (`/s/{public_key}`): an application, optionally through one of
//! its records, opened without the object — until the link expires or is
//! disabled (then the play refuses it). Admins of the application (chmod ≥ 4)
//! manage it; its creator may always disable or delete it. A link stops when
//! its creator is no longer an admin of the application, and a record's link
//! when the record is disabled (plays/repo.rs `by_share`).

use senzu_core::chmod::{Action, Level};
use senzu_core::rate::{Limit, Who};
use senzu_core::wire::{list_object, ApiDate};
use senzu_core::ErrorCode;
use serde::Deserialize;
use serde_json::{json, Value};
use worker::{Request, Response};

use super::sharing::{self, Shared};
use super::Call;
use crate::args::{bad, Args};
use crate::auth::crypto;
use crate::db::{self, int, opt_int, text};
use crate::error::{AppError, AppResult};
use crate::http::json_response;

#[derive(Deserialize)]
struct ShareRow {
    id: i64,
    id_record: Option<i64>,
    id_application: i64,
    id_application_master: Option<i64>,
    id_creator: Option<i64>,
    public_key: String,
    is_enabled: i64,
    date_expired: Option<i64>,
    date_created: i64,
}

const SHARE_COLUMNS: &str =
    "id, id_record, id_application, id_application_master, id_creator, public_key, is_enabled, date_expired, date_created";

fn share_json(s: &ShareRow, origin: &str, now: i64) -> Value {
    json!({
        "id": s.id,
        "id_record": s.id_record,
        "id_application": s.id_application,
        "id_application_master": s.id_application_master,
        "id_creator": s.id_creator,
        "public_key": s.public_key,
        "url": format!("{origin}/s/{}", s.public_key),
        "is_enabled": s.is_enabled == 1,
        "is_expired": s.date_expired.is_some_and(|t| t <= now),
        "date_created": ApiDate::from_unix(s.date_created),
        "date_expired": ApiDate::opt(s.date_expired),
    })
}

/// `expiration_time`: seconds from now (as documented: 3600 → in one hour).
fn expiry(args: &Args, now: i64) -> AppResult<Option<i64>> {
    match args.opt_int("expiration_time")? {
        None => Ok(None),
        Some(s) if !(60..=10 * 365 * 86_400).contains(&s) => {
            Err(bad("expiration_time", "must be seconds from now, between 60 and ten years"))
        }
        Some(s) => Ok(Some(now + s)),
    }
}

/// `GET /v1/applications/{id}/shares`.
pub async fn of_application(call: &Call<'_>, id_app: i64) -> AppResult<Response> {
    sharing::require(call, Shared::Application, id_app, Action::See).await?;
    let rows: Vec<ShareRow> = db::all(
        &call.db,
        &format!("SELECT {SHARE_COLUMNS} FROM share_links WHERE id_application = ?1 ORDER BY id DESC"),
        &[int(id_app)],
        "application shares",
    )
    .await?;
    Ok(json_response(&list_object(rows.iter().map(|s| share_json(s, &call.origin, call.now))), 200))
}

/// `GET /v1/records/{id}/shares`.
pub async fn of_record(call: &Call<'_>, id_record: i64) -> AppResult<Response> {
    #[derive(Deserialize)]
    struct Product {
        id_product: i64,
    }
    let product: Option<Product> =
        db::first(&call.db, "SELECT id_product FROM records WHERE id = ?1", &[int(id_record)], "record product")
            .await?;
    let id_product = match product {
        Some(p) => p.id_product,
        None => {
            call.caller.require_user(&call.db, senzu_core::auth::Role::Products, call.now).await?;
            return Err(AppError::not_found(format!("no record with id {id_record}")));
        }
    };
    sharing::require(call, Shared::Product, id_product, Action::See).await?;
    let rows: Vec<ShareRow> = db::all(
        &call.db,
        &format!("SELECT {SHARE_COLUMNS} FROM share_links WHERE id_record = ?1 ORDER BY id DESC"),
        &[int(id_record)],
        "record shares",
    )
    .await?;
    Ok(json_response(&list_object(rows.iter().map(|s| share_json(s, &call.origin, call.now))), 200))
}

/// `POST /v1/applications/{id}/shares` (`expiration_time`, optional `id_record`
/// showing the application as that record does — its product's lost state included).
pub async fn create(call: &Call<'_>, req: &mut Request, id_app: i64) -> AppResult<Response> {
    let args = Args::read(req).await?;
    let (me, _) = sharing::require(call, Shared::Application, id_app, Action::Administer).await?;
    let expires = expiry(&args, call.now)?;
    let id_record = args.opt("id_record").map(|r| crate::args::id(r, "id_record")).transpose()?;
    if let Some(r) = id_record {
        #[derive(Deserialize)]
        struct Product {
            id_product: i64,
        }
        let product: Option<Product> =
            db::first(&call.db, "SELECT id_product FROM records WHERE id = ?1", &[int(r)], "record").await?;
        let visible = match product {
            Some(p) => Action::See.allowed(sharing::level_of(call, Shared::Product, p.id_product, me).await?),
            None => false,
        };
        if !visible {
            return Err(bad("id_record", format!("no record {r} in your products")));
        }
    }
    crate::rate::hit(&call.db, Limit::ShareLink, 0, Who::User(me), call.now).await?;
    let key = crypto::random_hex(16)?;
    let row: ShareRow = db::first(
        &call.db,
        &format!(
            "INSERT INTO share_links (id_record, id_application, id_creator, public_key, is_enabled, date_expired, date_created) \
             VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6) RETURNING {SHARE_COLUMNS}"
        ),
        &[opt_int(id_record), int(id_app), int(me), text(&key), opt_int(expires), int(call.now)],
        "create share",
    )
    .await?
    .ok_or_else(|| AppError::Internal { context: "create share", cause: "no row returned".into() })?;
    Ok(json_response(&share_json(&row, &call.origin, call.now), 200))
}

/// The link and the caller's level on its application, if the caller may see it (any
/// access to its application) or manage it (creator, or chmod ≥ 4 on the application).
async fn reach(call: &Call<'_>, id: i64, manage: bool) -> AppResult<(ShareRow, Level)> {
    let row: Option<ShareRow> =
        db::first(&call.db, &format!("SELECT {SHARE_COLUMNS} FROM share_links WHERE id = ?1"), &[int(id)], "share")
            .await?;
    let role = if manage { senzu_core::auth::Role::ManageApplications } else { senzu_core::auth::Role::Applications };
    let me = call.caller.require_user(&call.db, role, call.now).await?.id_user;
    let Some(row) = row else { return Err(AppError::not_found(format!("no share link with id {id}"))) };
    let level = sharing::level_of(call, Shared::Application, row.id_application, me).await?;
    let creator = row.id_creator == Some(me);
    if !creator && !Action::See.allowed(level) {
        return Err(AppError::not_found(format!("no share link with id {id}")));
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
pub async fn get(call: &Call<'_>, id: i64) -> AppResult<Response> {
    let (row, _) = reach(call, id, false).await?;
    Ok(json_response(&share_json(&row, &call.origin, call.now), 200))
}

/// `POST /v1/shares/{id}` (`expiration_time` from now, `is_enabled`).
pub async fn update(call: &Call<'_>, req: &mut Request, id: i64) -> AppResult<Response> {
    let args = Args::read(req).await?;
    let (_, level) = reach(call, id, true).await?;
    let expires = expiry(&args, call.now)?;
    let enabled = args.opt_bool("is_enabled")?;
    if expires.is_none() && enabled.is_none() {
        return Err(AppError::api(ErrorCode::MissingArgument, "missing argument: expiration_time or is_enabled"));
    }
    // Its creator may always end a link; giving it more life needs admin rights now.
    if (expires.is_some() || enabled == Some(true)) && !Action::Administer.allowed(level) {
        return Err(AppError::api(
            ErrorCode::Forbidden,
            "only an admin of the application (chmod ≥ 4) can enable or extend a share link",
        ));
    }
    db::run(
        &call.db,
        "UPDATE share_links SET date_expired = COALESCE(?2, date_expired), is_enabled = COALESCE(?3, is_enabled) WHERE id = ?1",
        &[int(id), opt_int(expires), opt_int(enabled.map(i64::from))],
        "update share",
    )
    .await?;
    get(call, id).await
}

/// `DELETE /v1/shares/{id}`.
pub async fn delete(call: &Call<'_>, id: i64) -> AppResult<Response> {
    reach(call, id, true).await?;
    db::run(&call.db, "DELETE FROM share_links WHERE id = ?1", &[int(id)], "delete share").await?;
    Ok(json_response(&json!({ "id": id, "deleted": true }), 200))
}
