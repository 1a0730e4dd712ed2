//! A maker's attached groups (`/v1/makers/{id}/attached-groups`, role maker):
//! the maker's own way of sorting the products they make. Only the maker's
//! account reaches them; everyone else gets 404.

use senzu_core::auth::Role;
use senzu_core::wire::{list_object, ApiDate};
use senzu_core::ErrorCode;
use serde::Deserialize;
use serde_json::{json, Value};
use worker::{Request, Response};

use super::Call;
use crate::args::{missing, Args};
use crate::db::{self, int, opt_text, text};
use crate::error::{AppError, AppResult};
use crate::http::json_response;

#[derive(Deserialize)]
struct GroupRow {
    id: i64,
    id_maker: i64,
    reference: String,
    alias_name: Option<String>,
    date_created: i64,
    date_updated: Option<i64>,
}

const COLUMNS: &str = "id, id_maker, reference, alias_name, date_created, date_updated";

fn group_json(g: &GroupRow) -> Value {
    json!({
        "id": g.id, "id_maker": g.id_maker, "attached": null, "reference": g.reference, "alias_name": g.alias_name,
        "date_created": ApiDate::from_unix(g.date_created), "date_updated": ApiDate::opt(g.date_updated),
    })
}

/// The maker `{id}` if it is the caller's (role maker).
async fn own_maker(call: &Call<'_>, id_maker: i64) -> AppResult<i64> {
    let me = call.caller.require_user(&call.db, Role::Maker, call.now).await?.id_user;
    let mine: Option<Value> =
        db::first(&call.db, "SELECT id FROM makers WHERE id = ?1 AND id_user = ?2", &[int(id_maker), int(me)], "maker")
            .await?;
    mine.map(|_| id_maker).ok_or_else(|| AppError::not_found(format!("no maker with id {id_maker}")))
}

async fn group(call: &Call<'_>, id_maker: i64, id: i64) -> AppResult<GroupRow> {
    db::first(
        &call.db,
        &format!("SELECT {COLUMNS} FROM attached_groups WHERE id = ?1 AND id_maker = ?2"),
        &[int(id), int(id_maker)],
        "attached group",
    )
    .await?
    .ok_or_else(|| AppError::not_found(format!("no attached group with id {id}")))
}

/// `GET /v1/makers/{id}/attached-groups`.
pub async fn list(call: &Call<'_>, id_maker: i64) -> AppResult<Response> {
    own_maker(call, id_maker).await?;
    let rows: Vec<GroupRow> = db::all(
        &call.db,
        &format!("SELECT {COLUMNS} FROM attached_groups WHERE id_maker = ?1 ORDER BY id"),
        &[int(id_maker)],
        "attached groups",
    )
    .await?;
    let items = rows
        .iter()
        .map(|g| json!({ "id": g.id, "reference": g.reference, "date_created": ApiDate::from_unix(g.date_created) }));
    Ok(json_response(&list_object(items), 200))
}

/// `GET /v1/makers/{id}/attached-groups/{id_group}`.
pub async fn get(call: &Call<'_>, id_maker: i64, id: i64) -> AppResult<Response> {
    own_maker(call, id_maker).await?;
    Ok(json_response(&group_json(&group(call, id_maker, id).await?), 200))
}

/// `POST /v1/makers/{id}/attached-groups` (`reference`, `alias_name`) and
/// `POST …/attached-groups/{id_group}` to change them.
pub async fn save(call: &Call<'_>, req: &mut Request, id_maker: i64, id: Option<i64>) -> AppResult<Response> {
    own_maker(call, id_maker).await?;
    let args = Args::read(req).await?;
    let reference = args.opt_text("reference", 100)?;
    let alias = args.opt_text("alias_name", 100)?;
    let row: Option<GroupRow> = match id {
        None => {
            db::first(
                &call.db,
                &format!(
                "INSERT INTO attached_groups (id_maker, reference, alias_name) VALUES (?1, ?2, ?3) RETURNING {COLUMNS}"
            ),
                &[int(id_maker), text(reference.ok_or_else(|| missing("reference"))?), opt_text(alias)],
                "create attached group",
            )
            .await?
        }
        Some(id) => {
            group(call, id_maker, id).await?;
            if reference.is_none() && alias.is_none() {
                return Err(AppError::api(ErrorCode::MissingArgument, "missing argument: reference or alias_name"));
            }
            db::first(
                &call.db,
                &format!(
                    "UPDATE attached_groups SET reference = COALESCE(?3, reference), alias_name = COALESCE(?4, alias_name), \
                     date_updated = ?5 WHERE id = ?1 AND id_maker = ?2 RETURNING {COLUMNS}"
                ),
                &[int(id), int(id_maker), opt_text(reference), opt_text(alias), int(call.now)],
                "update attached group",
            )
            .await?
        }
    };
    let row = row.ok_or_else(|| AppError::Internal { context: "attached group", cause: "no row returned".into() })?;
    Ok(json_response(&group_json(&row), 200))
}

/// `DELETE /v1/makers/{id}/attached-groups/{id_group}`: its products are simply no longer attached.
pub async fn delete(call: &Call<'_>, id_maker: i64, id: i64) -> AppResult<Response> {
    own_maker(call, id_maker).await?;
    group(call, id_maker, id).await?;
    db::run(&call.db, "DELETE FROM attached_groups WHERE id = ?1", &[int(id)], "delete attached group").await?;
    Ok(json_response(&json!({ "id": id, "deleted": true }), 200))
}
