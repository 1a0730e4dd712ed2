//! An owner's products: the list and one product (with item, maker and
//! records), updates (alias, lost with its message), delete (from one's own
//! account, or `force_erase` for everyone), reset, and pairing a product by
//! a static record key or a signed dynamic tap.

use senzu_core::chmod::{self, Action, GroupMoveError, Level};
use senzu_core::entry::PlayRef;
use senzu_core::wire::{list_object, ApiDate};
use senzu_core::{ApiError, ErrorCode};
use serde::Deserialize;
use serde_json::{json, Value};
use worker::{Request, Response};

use super::sharing::{self, Shared};
use super::user::limit;
use super::Call;
use crate::args::{bad, Args};
use crate::db::{self, int, opt_text};
use crate::error::{AppError, AppResult, Context};
use crate::http::json_response;
use crate::plays::{self, Visitor};

#[derive(Deserialize)]
struct ProductRow {
    id: i64,
    id_item: i64,
    item_name: String,
    item_image: Option<String>,
    id_maker: i64,
    maker_name: String,
    alias: Option<String>,
    reference: Option<String>,
    is_activated: i64,
    is_lost: i64,
    lost_message: Option<String>,
    chmod: i64,
    id_issuer: Option<i64>,
    id_group: Option<i64>,
    /// JSON array of the records.
    records: String,
    date_created: i64,
    date_activated: Option<i64>,
    date_updated: Option<i64>,
}

/// The caller's products: direct access or through a group (the higher chmod wins; see
/// the `product_access` view, migration 0012).
const PRODUCT_SELECT: &str = "SELECT p.id, p.id_item, i.name AS item_name, i.url_image AS item_image, \
    m.id AS id_maker, m.name AS maker_name, p.alias, p.reference, p.is_activated, p.is_lost, p.lost_message, \
    pu.chmod, pu.id_issuer, p.id_group, p.date_created, p.date_activated, p.date_updated, \
    (SELECT json_group_array(json_object('id', r.id, 'is_enabled', json(CASE r.is_enabled WHEN 1 THEN 'true' ELSE 'false' END), \
        'id_application', r.id_application, 'technology', r.technology, 'token_encryption', r.token_encryption)) \
       FROM records r WHERE r.id_product = p.id) AS records \
    FROM (SELECT id_product, max(chmod) AS chmod, id_issuer FROM product_access WHERE id_user = ?1 \
          GROUP BY id_product) pu \
    JOIN products p ON p.id = pu.id_product JOIN items i ON i.id = p.id_item JOIN makers m ON m.id = i.id_maker \
    WHERE pu.chmod >= 1";

fn product_json(p: &ProductRow) -> Value {
    let records: Value = serde_json::from_str(&p.records).unwrap_or_else(|_| json!([]));
    let quantity = records.as_array().map_or(0, Vec::len);
    json!({
        "id": p.id,
        "maker": { "id": p.id_maker, "reference": p.maker_name },
        "item": { "id": p.id_item, "reference": p.item_name, "display_name": p.item_name, "image_url": p.item_image },
        "lost": p.is_lost == 1,
        "lost_message": p.lost_message,
        "is_activated": p.is_activated == 1,
        "reference": p.reference,
        "alias_name": p.alias,
        "quantity_records": quantity,
        "records": records,
        "records_synchronized": true,
        "chmod": p.chmod,
        "id_issuer": p.id_issuer,
        "id_group": p.id_group,
        "groups": { "list": p.id_group.map(|g| vec![g]), "basic_synchronise": 0, "master_synchronise": 0 },
        "is_dual_application": false,
        "date_created": ApiDate::from_unix(p.date_created),
        "date_activated": ApiDate::opt(p.date_activated),
        "date_updated": ApiDate::opt(p.date_updated),
    })
}

async fn product_for(call: &Call<'_>, id_user: i64, id: i64) -> AppResult<Value> {
    let row: ProductRow =
        db::first(&call.db, &format!("{PRODUCT_SELECT} AND p.id = ?2"), &[int(id_user), int(id)], "product")
            .await?
            .ok_or_else(|| AppError::not_found(format!("no product with id {id}")))?;
    Ok(product_json(&row))
}

/// `GET /v1/products` (products): filters `limit`, `contains` (alias or item), `lost`.
pub async fn list(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let me = call.caller.require_user(&call.db, senzu_core::auth::Role::Products, call.now).await?.id_user;
    let args = Args::from_query(req);
    let contains = args.opt_text("contains", 100)?.map(|c| format!("%{}%", c.replace(['%', '_'], "")));
    let lost = args.opt_bool("lost")?;
    let rows: Vec<ProductRow> = db::all(
        &call.db,
        &format!(
            "{PRODUCT_SELECT} AND (?2 IS NULL OR p.alias LIKE ?2 OR i.name LIKE ?2) \
             AND (?3 IS NULL OR p.is_lost = ?3) ORDER BY p.id LIMIT ?4"
        ),
        &[int(me), opt_text(contains.as_deref()), db::opt_int(lost.map(i64::from)), int(limit(&args)?)],
        "products",
    )
    .await?;
    Ok(json_response(&list_object(rows.iter().map(product_json)), 200))
}

/// `GET /v1/products/{id}` (products, chmod ≥ 1).
pub async fn get(call: &Call<'_>, id: i64) -> AppResult<Response> {
    let (me, _) = sharing::require(call, Shared::Product, id, Action::See).await?;
    Ok(json_response(&product_for(call, me, id).await?, 200))
}

/// `POST /v1/products/{id}` (manage_products): `alias_name`, `lost` with
/// `lost_message` (chmod ≥ 3), `reference` (chmod ≥ 4).
pub async fn update(call: &Call<'_>, req: &mut Request, id: i64) -> AppResult<Response> {
    let args = Args::read(req).await?;
    // The maker's own sorting (`id_attached_group`): only the product's maker sets it, to one of
    // their attached groups, and nothing else in the same call — the maker need not own the product.
    if let Some(v) = args.opt("id_attached_group") {
        call.caller.require_user(&call.db, senzu_core::auth::Role::Maker, call.now).await?;
        let id_group = crate::args::id(v, "id_attached_group")?;
        if !super::records::is_maker(call, id).await? {
            return Err(AppError::api(ErrorCode::Forbidden, "id_attached_group is set by the product's maker"));
        }
        let theirs: Option<Value> = db::first(
            &call.db,
            "SELECT ag.id FROM attached_groups ag JOIN items i ON i.id_maker = ag.id_maker \
             JOIN products p ON p.id_item = i.id WHERE ag.id = ?1 AND p.id = ?2",
            &[int(id_group), int(id)],
            "attached group of maker",
        )
        .await?;
        if theirs.is_none() {
            return Err(bad("id_attached_group", format!("no attached group {id_group} of this product's maker")));
        }
        db::run(
            &call.db,
            "UPDATE products SET id_attached_group = ?2, date_updated = ?3 WHERE id = ?1",
            &[int(id), int(id_group), int(call.now)],
            "attach product",
        )
        .await?;
        return Ok(json_response(&json!({ "id": id, "id_attached_group": id_group }), 200));
    }
    if args.opt("show_records").is_some() {
        return Err(bad("show_records", "is not available: records always show to those who see the product"));
    }
    // `id_group=N` puts it in a group (sharing it with the group), `id_group=` takes it out:
    // only its owner does either (core::chmod::may_move_to_group).
    let group = match (args.has("id_group"), args.opt("id_group")) {
        (false, _) => None,
        (true, None) => Some(None),
        (true, Some(g)) => Some(Some(crate::args::id(g, "id_group")?)),
    };
    let alias = args.opt_text("alias_name", 100)?;
    let lost = args.opt_bool("lost")?;
    let lost_message = args.opt_text("lost_message", 500)?;
    let reference = args.opt_text("reference", 100)?;
    let action = if reference.is_some() || group.is_some() { Action::Administer } else { Action::EditBasics };
    let (me, level) = sharing::require(call, Shared::Product, id, action).await?;
    if let Some(into) = group {
        let on_group = match into {
            Some(g) => Some(sharing::level_of(call, Shared::Group, g, me).await?),
            None => None,
        };
        match chmod::may_move_to_group(level, on_group) {
            Ok(()) => {}
            Err(e @ GroupMoveError::NotOwner) => return Err(AppError::api(ErrorCode::Forbidden, e.to_string())),
            Err(e @ GroupMoveError::GroupNotManaged) => return Err(bad("id_group", e.to_string())),
        }
    }
    if alias.is_none() && lost.is_none() && lost_message.is_none() && reference.is_none() && group.is_none() {
        return Err(AppError::api(
            ErrorCode::MissingArgument,
            "missing argument: give at least one of alias_name, lost, lost_message, reference, id_group",
        ));
    }
    db::run(
        &call.db,
        "UPDATE products SET alias = COALESCE(?2, alias), is_lost = COALESCE(?3, is_lost), \
         lost_message = CASE WHEN ?3 = 0 THEN NULL ELSE COALESCE(?4, lost_message) END, \
         reference = COALESCE(?5, reference), date_updated = ?6, \
         id_group = CASE WHEN ?7 = 1 THEN ?8 ELSE id_group END, \
         id_group_issuer = CASE WHEN ?7 = 1 THEN ?9 ELSE id_group_issuer END WHERE id = ?1",
        &[
            int(id),
            opt_text(alias),
            db::opt_int(lost.map(i64::from)),
            opt_text(lost_message),
            opt_text(reference),
            int(call.now),
            int(i64::from(group.is_some())),
            db::opt_int(group.flatten()),
            db::opt_int(group.flatten().map(|_| me)),
        ],
        "update product",
    )
    .await?;
    Ok(json_response(&product_for(call, me, id).await?, 200))
}

/// The statements that return a product to "never paired": nobody's, in no
/// group, no applications on its records, no share links, not lost.
fn unpair_statements(call: &Call<'_>, id: i64, keep_user: Option<i64>) -> AppResult<Vec<worker::D1PreparedStatement>> {
    Ok(vec![
        db::statement(
            &call.db,
            "DELETE FROM share_links WHERE id_record IN (SELECT id FROM records WHERE id_product = ?1)",
            &[int(id)],
            "drop share links",
        )?,
        db::statement(
            &call.db,
            "UPDATE records SET id_application = NULL, id_application_master = NULL WHERE id_product = ?1",
            &[int(id)],
            "detach applications",
        )?,
        db::statement(
            &call.db,
            "DELETE FROM product_users WHERE id_product = ?1 AND (?2 IS NULL OR id_user IS NOT ?2)",
            &[int(id), db::opt_int(keep_user)],
            "drop access",
        )?,
        db::statement(
            &call.db,
            "UPDATE products SET is_activated = 0, is_lost = 0, lost_message = NULL, date_updated = ?2, id_group = NULL, \
             id_group_issuer = NULL, \
             id_owner = CASE WHEN ?3 IS NULL THEN NULL ELSE id_owner END, \
             alias = CASE WHEN ?3 IS NULL THEN NULL ELSE alias END WHERE id = ?1",
            &[int(id), int(call.now), db::opt_int(keep_user)],
            "unpair product",
        )?,
    ])
}

/// `DELETE /v1/products/{id}[?force_erase=true]`: without the option, removes
/// the product from the caller's account only; with it (owner), erases it for
/// everyone — it can then be paired again.
pub async fn delete(call: &Call<'_>, req: &mut Request, id: i64) -> AppResult<Response> {
    let args = Args::read(req).await?;
    let force = match args.opt("force_erase") {
        // `?force_erase` alone, as the documentation writes it.
        None => args.has("force_erase"),
        Some("true" | "1") => true,
        Some("false" | "0") => false,
        Some(_) => return Err(bad("force_erase", "must be true or false")),
    };
    if force {
        sharing::require(call, Shared::Product, id, Action::Own).await?;
        call.db.batch(unpair_statements(call, id, None)?).await.context("erase product")?;
        return Ok(json_response(&json!({ "id": id, "deleted": true, "erased_for_everyone": true }), 200));
    }
    let (me, _) = sharing::require(call, Shared::Product, id, Action::See).await?;
    let mut statements = vec![db::statement(
        &call.db,
        "DELETE FROM product_users WHERE id_product = ?1 AND id_user = ?2",
        &[int(id), int(me)],
        "leave product",
    )?];
    // The last owner leaving makes the object pairable again, rather than ownerless forever.
    statements.push(db::statement(
        &call.db,
        "UPDATE products SET is_activated = 0, id_owner = NULL WHERE id = ?1 AND NOT EXISTS \
         (SELECT 1 FROM product_users WHERE id_product = ?1 AND chmod = 5 AND is_enabled = 1)",
        &[int(id)],
        "ownerless product",
    )?);
    call.db.batch(statements).await.context("leave product")?;
    Ok(json_response(&json!({ "id": id, "deleted": true, "erased_for_everyone": false }), 200))
}

/// `POST /v1/products/{id}/reset` (owner): applications removed from its records,
/// everyone else's access removed, lost cleared; the next pairing (by the person
/// it is given to) makes them the owner.
pub async fn reset(call: &Call<'_>, id: i64) -> AppResult<Response> {
    let (me, _) = sharing::require(call, Shared::Product, id, Action::Own).await?;
    call.db.batch(unpair_statements(call, id, Some(me))?).await.context("reset product")?;
    Ok(json_response(&product_for(call, me, id).await?, 200))
}

/// `POST /v1/products/pair/{id_record}/{key}` and `/pair/{id_record}@{picc_data}:{cmac}`
/// (manage_products, `alias_name`): the play must stop at "not activated" (461)
/// — a valid, fresh tap of an unpaired product — then the caller becomes owner.
pub async fn pair(call: &Call<'_>, req: &mut Request, play_ref: PlayRef, id_record: i64) -> AppResult<Response> {
    let me = call.caller.require_user(&call.db, senzu_core::auth::Role::ManageProducts, call.now).await?.id_user;
    let args = Args::read(req).await?;
    let alias = args.opt_text("alias_name", 100)?;
    let visitor = Visitor::from_request(req, None);
    let resolved = plays::resolve(call.env, &play_ref, &visitor).await?;
    if resolved.id_record() != Some(id_record) {
        return Err(AppError::not_found(format!("no record {id_record} with this key")));
    }
    let id_product = match resolved.page.error.as_ref().and_then(|e| e.kind()) {
        Some(ErrorCode::NotActivated) => resolved.id_product().unwrap_or_default(),
        None | Some(ErrorCode::ProductLost | ErrorCode::MissingApplication | ErrorCode::WrongPassword) => {
            return Err(AppError::api(ErrorCode::Conflict, "this product is already paired to an account"));
        }
        Some(_) => {
            let error = resolved.page.error.clone().unwrap_or_else(|| ApiError::new(ErrorCode::Forbidden, "refused"));
            return Err(AppError::Api(error));
        }
    };
    // The claim is one conditional UPDATE: of two simultaneous pairings, one wins.
    let claimed = db::run(
        &call.db,
        "UPDATE products SET is_activated = 1, id_owner = ?2, alias = COALESCE(?3, alias), date_activated = ?4, \
         date_updated = ?4, is_lost = 0, lost_message = NULL, id_group = NULL WHERE id = ?1 AND is_activated = 0",
        &[int(id_product), int(me), opt_text(alias), int(call.now)],
        "claim product",
    )
    .await?;
    if claimed == 0 {
        return Err(AppError::api(ErrorCode::Conflict, "this product is already paired to an account"));
    }
    call.db
        .batch(vec![
            db::statement(
                &call.db,
                "DELETE FROM product_users WHERE id_product = ?1",
                &[int(id_product)],
                "old access",
            )?,
            db::statement(
                &call.db,
                "INSERT INTO product_users (id_product, id_user, chmod, is_enabled) VALUES (?1, ?2, ?3, 1)",
                &[int(id_product), int(me), int(Level::Owner as i64)],
                "owner access",
            )?,
        ])
        .await
        .context("pair product")?;
    Ok(json_response(&product_for(call, me, id_product).await?, 200))
}

/// The record key of a static pairing path, as a play reference.
pub fn static_ref(key: &str) -> AppResult<PlayRef> {
    let valid = key.len() == 32 && key.bytes().all(|b| b.is_ascii_hexdigit());
    if !valid {
        return Err(bad("key", "must be the record's 32 hexadecimal characters"));
    }
    Ok(PlayRef::Static { key: key.to_ascii_lowercase() })
}
