//! Products groups: an owner gathers products and shares them all at once
//! (members get the group's chmod on every product in it). Setting an
//! application or enabling/disabling on the group applies to every record
//! of its products.

use senzu_core::auth::Role;
use senzu_core::chmod::Action;
use senzu_core::wire::{list_object, ApiDate};
use senzu_core::ErrorCode;
use serde::Deserialize;
use serde_json::{json, Value};
use worker::{Request, Response};

use super::sharing::{self, Shared};
use super::Call;
use crate::args::{bad, missing, Args};
use crate::db::{self, int, opt_int, text};
use crate::error::{AppError, AppResult, Context};
use crate::http::json_response;

#[derive(Deserialize)]
struct GroupRow {
    id: i64,
    alias_name: String,
    chmod: i64,
    id_issuer: Option<i64>,
    issuer_firstname: Option<String>,
    issuer_lastname: Option<String>,
    products: String,
    date_created: i64,
    date_updated: Option<i64>,
}

const GROUP_SELECT: &str = "SELECT g.id, g.alias_name, gu.chmod, gu.id_issuer, iu.firstname AS issuer_firstname, \
    iu.lastname AS issuer_lastname, (SELECT json_group_array(p.id) FROM products p WHERE p.id_group = g.id) AS products, \
    g.date_created, g.date_updated FROM group_users gu JOIN product_groups g ON g.id = gu.id_group \
    LEFT JOIN users iu ON iu.id = gu.id_issuer WHERE gu.id_user = ?1 AND gu.is_enabled = 1 AND gu.chmod >= 1";

fn products_of(g: &GroupRow) -> Vec<i64> {
    serde_json::from_str(&g.products).unwrap_or_default()
}

fn group_json(g: &GroupRow) -> Value {
    json!({
        "id": g.id,
        "chmod": g.chmod,
        "alias_name": g.alias_name,
        "issuer": { "id": g.id_issuer, "firstname": g.issuer_firstname, "lastname": g.issuer_lastname },
        "products": products_of(g),
        "date_created": ApiDate::from_unix(g.date_created),
        "date_updated": ApiDate::opt(g.date_updated),
    })
}

async fn group_for(call: &Call<'_>, me: i64, id: i64) -> AppResult<GroupRow> {
    db::first(&call.db, &format!("{GROUP_SELECT} AND g.id = ?2"), &[int(me), int(id)], "group")
        .await?
        .ok_or_else(|| AppError::not_found(format!("no group with id {id}")))
}

/// `GET /v1/groups`.
pub async fn list(call: &Call<'_>) -> AppResult<Response> {
    let me = call.caller.require_user(&call.db, Role::Products, call.now).await?.id_user;
    let rows: Vec<GroupRow> = db::all(&call.db, &format!("{GROUP_SELECT} ORDER BY g.id"), &[int(me)], "groups").await?;
    let items = rows.iter().map(|g| {
        json!({ "id": g.id, "alias_name": g.alias_name, "chmod": g.chmod, "quantity_product": products_of(g).len() })
    });
    Ok(json_response(&list_object(items), 200))
}

/// `POST /v1/groups` (`alias_name`): the creator owns it.
pub async fn create(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let me = call.caller.require_user(&call.db, Role::ManageProducts, call.now).await?.id_user;
    let args = Args::read(req).await?;
    let alias = args.opt_text("alias_name", 100)?.ok_or_else(|| missing("alias_name"))?;
    let created = db::id_of(
        &call.db,
        "INSERT INTO product_groups (id, id_owner, alias_name) \
         VALUES ((SELECT next FROM fresh_ids WHERE name = 'product_groups'), ?1, ?2) RETURNING id",
        &[int(me), text(alias)],
        "create group",
    )
    .await?
    .ok_or_else(|| AppError::Internal { context: "create group", cause: "no id returned".into() })?;
    db::run(
        &call.db,
        "INSERT INTO group_users (id_group, id_user, chmod, is_enabled) VALUES (?1, ?2, 5, 1)",
        &[int(created), int(me)],
        "group owner",
    )
    .await?;
    Ok(json_response(&group_json(&group_for(call, me, created).await?), 200))
}

/// `GET /v1/groups/{id}`.
pub async fn get(call: &Call<'_>, id: i64) -> AppResult<Response> {
    let (me, _) = sharing::require(call, Shared::Group, id, Action::See).await?;
    Ok(json_response(&group_json(&group_for(call, me, id).await?), 200))
}

/// `GET /v1/groups/{id}/products`: their ids.
pub async fn products(call: &Call<'_>, id: i64) -> AppResult<Response> {
    let (me, _) = sharing::require(call, Shared::Group, id, Action::See).await?;
    let group = group_for(call, me, id).await?;
    Ok(json_response(&list_object(products_of(&group).into_iter().map(|p| json!({ "id": p }))), 200))
}

/// `POST /v1/groups/{id}` (chmod ≥ 3): `alias_name`; `id_application` (an
/// application the caller manages, or empty) and `is_enabled` on every record
/// of every product in the group, in one batch.
pub async fn update(call: &Call<'_>, req: &mut Request, id: i64) -> AppResult<Response> {
    let args = Args::read(req).await?;
    let (me, _) = sharing::require(call, Shared::Group, id, Action::EditBasics).await?;
    let alias = args.opt_text("alias_name", 100)?;
    let enabled = args.opt_bool("is_enabled")?;
    let application = match (args.has("id_application"), args.opt("id_application")) {
        (false, _) => None,
        (true, None) => Some(None),
        (true, Some(v)) => {
            let id_app = crate::args::id(v, "id_application")?;
            if !Action::EditBasics.allowed(sharing::level_of(call, Shared::Application, id_app, me).await?) {
                return Err(bad("id_application", format!("no application {id_app} that you manage (chmod ≥ 3)")));
            }
            Some(Some(id_app))
        }
    };
    if alias.is_none() && enabled.is_none() && application.is_none() {
        return Err(AppError::api(
            ErrorCode::MissingArgument,
            "missing argument: alias_name, id_application or is_enabled",
        ));
    }
    call.db
        .batch(vec![
            db::statement(
                &call.db,
                "UPDATE product_groups SET alias_name = COALESCE(?2, alias_name), date_updated = ?3 WHERE id = ?1",
                &[int(id), db::opt_text(alias), int(call.now)],
                "update group",
            )?,
            db::statement(
                &call.db,
                "UPDATE records SET id_application = CASE WHEN ?2 = 1 THEN ?3 ELSE id_application END, \
                 is_enabled = COALESCE(?4, is_enabled) WHERE id_product IN (SELECT id FROM products WHERE id_group = ?1) \
                 AND id_product IN (SELECT id_product FROM product_access WHERE id_user = ?5 \
                                    GROUP BY id_product HAVING max(chmod) >= ?6)",
                &[
                    int(id),
                    int(i64::from(application.is_some())),
                    opt_int(application.flatten()),
                    opt_int(enabled.map(i64::from)),
                    int(me),
                    // Only products the caller may edit, with the group's level capped (core::chmod).
                    int(i64::from(u8::from(Action::EditBasics.needs()))),
                ],
                "group records",
            )?,
        ])
        .await
        .context("update group")?;
    Ok(json_response(&group_json(&group_for(call, me, id).await?), 200))
}

/// `DELETE /v1/groups/{id}` (owner): the products leave it (and its members lose them).
pub async fn delete(call: &Call<'_>, id: i64) -> AppResult<Response> {
    sharing::require(call, Shared::Group, id, Action::Own).await?;
    call.db
        .batch(vec![
            db::statement(
                &call.db,
                "UPDATE products SET id_group = NULL, id_group_issuer = NULL WHERE id_group = ?1",
                &[int(id)],
                "ungroup",
            )?,
            db::statement(&call.db, "DELETE FROM product_groups WHERE id = ?1", &[int(id)], "delete group")?,
        ])
        .await
        .context("delete group")?;
    Ok(json_response(&json!({ "id": id, "deleted": true }), 200))
}
