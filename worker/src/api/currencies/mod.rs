//! Currencies (`/v1/currencies`, read only, public) and the shop's catalogue
//! (`/v1/shop/items`: the items on sale of enabled makers, public).

use senzu_core::api::list::ListSpec;
use senzu_core::api::shop::{Currency, ShopItem};
use senzu_core::api::{Id, Keyed};
use senzu_core::money;
use serde::Deserialize;
use worker::{D1Database, Request, Response};

use super::Call;
use crate::db::{self, int};
use crate::error::{AppError, AppResult};
use crate::http::json;
use crate::request;

#[derive(Deserialize)]
struct Row {
    id: i64,
    name: String,
    iso_code: String,
    iso_code_num: String,
    sign: String,
    exponent: i64,
    conversion_rate_micro: i64,
    is_enabled: i64,
}

impl Row {
    fn into_currency(self) -> Currency {
        let exponent = u8::try_from(self.exponent).unwrap_or(2);
        Currency {
            id: self.id,
            name: self.name,
            iso_code: self.iso_code,
            iso_code_num: self.iso_code_num,
            sign: self.sign,
            blank: true,
            format: true,
            decimals: exponent > 0,
            exponent,
            conversion_rate: money::render_rate(self.conversion_rate_micro),
            is_enabled: self.is_enabled == 1,
        }
    }
}

const COLUMNS: &str = "id, name, iso_code, iso_code_num, sign, exponent, conversion_rate_micro, is_enabled";

/// One currency by id (enabled or not: past orders name it).
pub async fn currency(db: &D1Database, id: Id) -> AppResult<Option<Currency>> {
    let row: Option<Row> =
        db::first(db, &format!("SELECT {COLUMNS} FROM currencies WHERE id = ?1"), &[int(id)], "currency").await?;
    Ok(row.map(Row::into_currency))
}

/// `GET /v1/currencies`.
pub async fn list(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    let rows: Vec<Row> =
        db::all(&call.db, &format!("SELECT {COLUMNS} FROM currencies ORDER BY id"), &[], "currencies").await?;
    Ok(json(&Keyed(filters.apply(rows.into_iter().map(Row::into_currency).collect()))))
}

/// `GET /v1/currencies/{id}`.
pub async fn get(call: &Call<'_>, id: Id) -> AppResult<Response> {
    let found =
        currency(&call.db, id).await?.ok_or_else(|| AppError::not_found(format!("no currency with id {id}")))?;
    Ok(json(&found))
}

/// `GET /v1/shop/items`: what anyone may buy.
pub async fn items(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    #[derive(Deserialize)]
    struct ItemRow {
        id: i64,
        display_name: String,
        maker: String,
        image_file: Option<String>,
        price_minor: i64,
        id_currency: i64,
        iso_code: String,
        exponent: i64,
        quantity_in_stock: Option<i64>,
        date_created: i64,
    }
    let filters = request::list(req, ListSpec::PLAIN)?;
    let rows: Vec<ItemRow> = db::all(
        &call.db,
        "SELECT i.id, COALESCE(i.display_name, i.name) AS display_name, COALESCE(m.alias_name, m.name) AS maker, \
         f.name AS image_file, i.price_minor, i.id_currency, c.iso_code, c.exponent, i.quantity_in_stock, i.date_created \
         FROM items i JOIN makers m ON m.id = i.id_maker JOIN currencies c ON c.id = i.id_currency \
         LEFT JOIN files f ON f.id = i.id_image \
         WHERE i.is_onsale = 1 AND m.is_enabled = 1 AND c.is_enabled = 1 AND i.price_minor > 0 ORDER BY i.id",
        &[],
        "shop items",
    )
    .await?;
    let items = rows
        .into_iter()
        .map(|r| ShopItem {
            id: r.id,
            display_name: r.display_name,
            maker: r.maker,
            url_image: r.image_file.map(|f| format!("/files/{f}")),
            price: money::render(r.price_minor, u8::try_from(r.exponent).unwrap_or(2)),
            price_minor: r.price_minor,
            id_currency: r.id_currency,
            currency: r.iso_code,
            quantity_in_stock: r.quantity_in_stock,
            created: r.date_created,
        })
        .collect();
    Ok(json(&Keyed(filters.apply(items))))
}
