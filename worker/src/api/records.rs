//! A product's records (its chips and printed codes): list, read, and the
//! owner-side changes — which application a record opens, enabled or not.
//! What is burnt into the chip (technology, encryption, key) is the maker's:
//! anyone else gets 403.

use senzu_core::auth::Role;
use senzu_core::chmod::Action;
use senzu_core::wire::{list_object, ApiDate};
use senzu_core::ErrorCode;
use serde::Deserialize;
use serde_json::{json, Value};
use worker::{Request, Response};

use super::sharing::{self, Shared};
use super::Call;
use crate::args::{bad, Args};
use crate::db::{self, int, opt_text};
use crate::error::{AppError, AppResult};
use crate::http::json_response;

#[derive(Deserialize)]
struct RecordRow {
    id: i64,
    id_product: i64,
    id_application: Option<i64>,
    technology: String,
    token_encryption: String,
    key: String,
    is_enabled: i64,
    date_created: i64,
}

const RECORD_COLUMNS: &str =
    "id, id_product, id_application, technology, token_encryption, key, is_enabled, date_created";

/// A record as the owner sees it. A static record's play URL is public anyway
/// (it is printed or written on the chip); a dynamic record's key is not shown.
fn record_json(r: &RecordRow, origin: &str) -> Value {
    let is_static = r.token_encryption == "static";
    json!({
        "id": r.id,
        "id_product": r.id_product,
        "id_application": r.id_application,
        "technology": r.technology,
        "token_encryption": r.token_encryption,
        "record_key": if is_static { Some(&r.key) } else { None },
        "play_url": if is_static { Some(format!("{origin}/p/{}", r.key)) } else { None },
        "is_enabled": r.is_enabled == 1,
        "date_created": ApiDate::from_unix(r.date_created),
    })
}

async fn record_of(call: &Call<'_>, id_product: i64, id_record: i64) -> AppResult<RecordRow> {
    db::first(
        &call.db,
        &format!("SELECT {RECORD_COLUMNS} FROM records WHERE id = ?1 AND id_product = ?2"),
        &[int(id_record), int(id_product)],
        "record",
    )
    .await?
    .ok_or_else(|| AppError::not_found(format!("no record {id_record} in product {id_product}")))
}

/// `GET /v1/products/{id}/records`.
pub async fn list(call: &Call<'_>, id_product: i64) -> AppResult<Response> {
    sharing::require(call, Shared::Product, id_product, Action::See).await?;
    let rows: Vec<RecordRow> = db::all(
        &call.db,
        &format!("SELECT {RECORD_COLUMNS} FROM records WHERE id_product = ?1 ORDER BY id"),
        &[int(id_product)],
        "records",
    )
    .await?;
    Ok(json_response(&list_object(rows.iter().map(|r| record_json(r, &call.origin))), 200))
}

/// `GET /v1/products/{id}/records/{id_record}`.
pub async fn get(call: &Call<'_>, id_product: i64, id_record: i64) -> AppResult<Response> {
    sharing::require(call, Shared::Product, id_product, Action::See).await?;
    Ok(json_response(&record_json(&record_of(call, id_product, id_record).await?, &call.origin), 200))
}

#[derive(Deserialize)]
struct MakerRow {
    is_maker: i64,
}

/// Whether the caller made this product (its item's maker account) and holds the maker role.
pub(super) async fn is_maker(call: &Call<'_>, id_product: i64) -> AppResult<bool> {
    let Some(me) = call.caller.id_user() else { return Ok(false) };
    if !call.caller.holds(Role::Maker) {
        return Ok(false);
    }
    let row: Option<MakerRow> = db::first(
        &call.db,
        "SELECT EXISTS (SELECT 1 FROM products p JOIN items i ON i.id = p.id_item JOIN makers m ON m.id = i.id_maker \
         WHERE p.id = ?1 AND m.id_user = ?2) AS is_maker",
        &[int(id_product), int(me)],
        "maker of product",
    )
    .await?;
    Ok(row.is_some_and(|r| r.is_maker == 1))
}

/// `POST /v1/products/{id}/records/{id_record}`: `id_application` (an application
/// the caller manages, or empty to detach) and `is_enabled` need chmod ≥ 3 on the
/// product; `technology` is the maker's.
pub async fn update(call: &Call<'_>, req: &mut Request, id_product: i64, id_record: i64) -> AppResult<Response> {
    let args = Args::read(req).await?;
    let (me, _) = sharing::require(call, Shared::Product, id_product, Action::EditBasics).await?;
    for field in ["token_encryption", "key", "record_key", "sun_keys", "id_product"] {
        if args.has(field) {
            return Err(AppError::api(
                ErrorCode::Forbidden,
                format!("{field} is written into the chip: only its maker can change it, by reprogramming"),
            ));
        }
    }
    let technology = args.opt("technology");
    if let Some(t) = technology {
        if !is_maker(call, id_product).await? {
            return Err(AppError::api(ErrorCode::Forbidden, "technology is set by the product's maker"));
        }
        if !["nfc", "qrcode", "data_matrix", "aztec", "pdf417"].contains(&t) {
            return Err(bad("technology", "must be nfc, qrcode, data_matrix, aztec or pdf417"));
        }
    }
    // `id_application=` (empty) detaches; a value must be an application the caller may put there.
    let application = match (args.has("id_application"), args.opt("id_application")) {
        (false, _) => None,
        (true, None) => Some(None),
        (true, Some(v)) => {
            let id_app = crate::args::id(v, "id_application")?;
            let level = sharing::level_of(call, Shared::Application, id_app, me).await?;
            if !Action::EditBasics.allowed(level) {
                return Err(bad("id_application", format!("no application {id_app} that you manage (chmod ≥ 3)")));
            }
            Some(Some(id_app))
        }
    };
    let enabled = args.opt_bool("is_enabled")?;
    if technology.is_none() && application.is_none() && enabled.is_none() {
        return Err(AppError::api(
            ErrorCode::MissingArgument,
            "missing argument: give id_application, is_enabled or technology",
        ));
    }
    record_of(call, id_product, id_record).await?;
    db::run(
        &call.db,
        "UPDATE records SET id_application = CASE WHEN ?3 = 1 THEN ?4 ELSE id_application END, \
         is_enabled = COALESCE(?5, is_enabled), technology = COALESCE(?6, technology) WHERE id = ?1 AND id_product = ?2",
        &[
            int(id_record),
            int(id_product),
            int(i64::from(application.is_some())),
            db::opt_int(application.flatten()),
            db::opt_int(enabled.map(i64::from)),
            opt_text(technology),
        ],
        "update record",
    )
    .await?;
    Ok(json_response(&record_json(&record_of(call, id_product, id_record).await?, &call.origin), 200))
}
