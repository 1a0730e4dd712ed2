//! The queries of shop orders, their lines and their history. Payments and
//! providers change an order's status through [`transition`] only.

use senzu_core::api::shop::{OrderAddress, OrderDetail, OrderSummary};
use senzu_core::api::{ApiDate, Id};
use senzu_core::money;
use senzu_core::order::{Actor, Line, OrderStatus, Priced, PricedOrder};
use serde::Deserialize;
use worker::D1Database;

use crate::db::{self, int, opt_int, text};
use crate::error::{AppError, AppResult, Context};

/// An order as the handlers reason about it.
pub struct OrderRow {
    pub id: Id,
    pub id_user: Option<Id>,
    pub status: OrderStatus,
    pub price_minor: i64,
    pub id_currency: Id,
    pub currency: String,
    pub exponent: u8,
    pub id_provider: Option<Id>,
    pub checkout_session: Option<String>,
    pub checkout_url: Option<String>,
    pub checkout_expires: Option<i64>,
    pub shipping: Option<OrderAddress>,
    pub billing: Option<OrderAddress>,
    pub details: Vec<OrderDetail>,
    pub date_created: i64,
    pub date_updated: Option<i64>,
}

impl OrderRow {
    pub fn price(&self) -> String {
        money::render(self.price_minor, self.exponent)
    }
}

#[derive(Deserialize)]
struct Row {
    id: i64,
    id_user: Option<i64>,
    status: String,
    price_minor: i64,
    id_currency: i64,
    iso_code: String,
    exponent: i64,
    id_provider: Option<i64>,
    checkout_session: Option<String>,
    checkout_url: Option<String>,
    checkout_expires: Option<i64>,
    shipping: Option<String>,
    billing: Option<String>,
    details: String,
    date_created: i64,
    date_updated: Option<i64>,
}

#[derive(Deserialize)]
struct DetailRow {
    id: i64,
    id_item: i64,
    name: String,
    price_minor: i64,
    quantity: u32,
    id_provider: Option<i64>,
    quantity_returned: Option<u32>,
    quantity_refunded: Option<u32>,
    delivery_number: Option<String>,
    date_dispatched: Option<i64>,
    date_delivered: Option<i64>,
    provider_data: Option<String>,
    date_created: i64,
}

pub const ADDRESS: &str =
    "json_object('id', a.id, 'firstname', a.firstname, 'lastname', a.lastname, 'street', a.street, \
    'additional', a.additional, 'country_code', a.country_code, 'city', a.city, 'zipcode', a.zipcode, \
    'state', a.state, 'phone_mobile', a.phone_mobile)";

fn select(filter: &str) -> String {
    format!(
        "SELECT o.id, o.id_user, o.status, o.price_minor, o.id_currency, c.iso_code, c.exponent, o.id_provider, \
         o.checkout_session, o.checkout_url, o.checkout_expires, o.date_created, o.date_updated, \
         (SELECT {ADDRESS} FROM addresses a WHERE a.id = o.id_address_shipping) AS shipping, \
         (SELECT {ADDRESS} FROM addresses a WHERE a.id = o.id_address_billing) AS billing, \
         (SELECT json_group_array(json_object('id', d.id, 'id_item', d.id_item, 'name', d.name, \
            'price_minor', d.price_minor, 'quantity', d.quantity, 'id_provider', d.id_provider, \
            'quantity_returned', d.quantity_returned, 'quantity_refunded', d.quantity_refunded, \
            'delivery_number', d.delivery_number, 'date_dispatched', d.date_dispatched, \
            'date_delivered', d.date_delivered, 'provider_data', d.provider_data, 'date_created', d.date_created)) \
            FROM shop_order_details d WHERE d.id_order = o.id) AS details \
         FROM shop_orders o JOIN currencies c ON c.id = o.id_currency WHERE {filter} ORDER BY o.id"
    )
}

fn into_order(r: Row) -> AppResult<OrderRow> {
    let exponent = u8::try_from(r.exponent).unwrap_or(2);
    let address = |json: Option<String>| -> AppResult<Option<OrderAddress>> {
        json.map(|j| serde_json::from_str(&j).context("order address")).transpose()
    };
    let mut details: Vec<DetailRow> = serde_json::from_str(&r.details).context("order details")?;
    details.sort_by_key(|d| d.id);
    let status = OrderStatus::parse(&r.status)
        .ok_or_else(|| AppError::Internal { context: "order status", cause: format!("unknown status {}", r.status) })?;
    Ok(OrderRow {
        id: r.id,
        id_user: r.id_user,
        status,
        price_minor: r.price_minor,
        id_currency: r.id_currency,
        currency: r.iso_code,
        exponent,
        id_provider: r.id_provider,
        checkout_session: r.checkout_session,
        checkout_url: r.checkout_url,
        checkout_expires: r.checkout_expires,
        shipping: address(r.shipping)?,
        billing: address(r.billing)?,
        details: details
            .into_iter()
            .map(|d| OrderDetail {
                id: d.id,
                id_item: d.id_item,
                name: d.name,
                price: money::render(d.price_minor, exponent),
                price_minor: d.price_minor,
                quantity: d.quantity,
                id_provider: d.id_provider,
                quantity_returned: d.quantity_returned,
                quantity_refunded: d.quantity_refunded,
                delivery_number: d.delivery_number,
                date_dispatched: ApiDate::opt(d.date_dispatched),
                date_delivered: ApiDate::opt(d.date_delivered),
                provider_data: d.provider_data,
                date_created: ApiDate::from_unix(d.date_created),
            })
            .collect(),
        date_created: r.date_created,
        date_updated: r.date_updated,
    })
}

/// Order `id`, whoever it belongs to (the handlers check who may see it).
pub async fn get(db: &D1Database, id: Id) -> AppResult<Option<OrderRow>> {
    let row: Option<Row> = db::first(db, &select("o.id = ?1"), &[int(id)], "order").await?;
    row.map(into_order).transpose()
}

/// The orders a provider makes, and (for a verified one) those waiting for a provider.
pub async fn for_provider(db: &D1Database, id_provider: Id, verified: bool) -> AppResult<Vec<OrderRow>> {
    let rows: Vec<Row> = db::all(
        db,
        &select("o.id_provider = ?1 OR (?2 = 1 AND o.status = 'paid' AND o.id_provider IS NULL)"),
        &[int(id_provider), int(i64::from(verified))],
        "provider orders",
    )
    .await?;
    rows.into_iter().map(into_order).collect()
}

pub async fn list(db: &D1Database, id_user: Id) -> AppResult<Vec<OrderSummary>> {
    #[derive(Deserialize)]
    struct Summary {
        id: i64,
        price_minor: i64,
        iso_code: String,
        exponent: i64,
        status: String,
        date_created: i64,
    }
    let rows: Vec<Summary> = db::all(
        db,
        "SELECT o.id, o.price_minor, c.iso_code, c.exponent, o.status, o.date_created FROM shop_orders o \
         JOIN currencies c ON c.id = o.id_currency WHERE o.id_user = ?1 ORDER BY o.id",
        &[int(id_user)],
        "orders",
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let status = OrderStatus::parse(&r.status).unwrap_or(OrderStatus::Created);
            OrderSummary {
                id: r.id,
                price: money::render(r.price_minor, u8::try_from(r.exponent).unwrap_or(2)),
                currency: r.iso_code,
                status: status.is_paid(),
                order_status: status,
                date_created: ApiDate::from_unix(r.date_created),
                created: r.date_created,
            }
        })
        .collect())
}

/// Whether `id` is one of the user's current addresses.
pub async fn own_address(db: &D1Database, id_user: Id, id: Id) -> AppResult<bool> {
    Ok(db::id_of(
        db,
        "SELECT id FROM addresses WHERE id = ?1 AND id_user = ?2 AND is_deleted = 0",
        &[int(id), int(id_user)],
        "order address",
    )
    .await?
    .is_some())
}

/// The items asked for, as the shop sells them (a disabled maker sells nothing).
pub async fn priced(db: &D1Database, ids: &[Id]) -> AppResult<Vec<Priced>> {
    #[derive(Deserialize)]
    struct ItemRow {
        id: i64,
        name: String,
        id_currency: i64,
        price_minor: i64,
        is_onsale: i64,
        quantity_in_stock: Option<i64>,
    }
    let ids = serde_json::to_string(ids).context("item ids")?;
    let rows: Vec<ItemRow> = db::all(
        db,
        "SELECT i.id, COALESCE(i.display_name, i.name) AS name, i.id_currency, i.price_minor, \
         (i.is_onsale = 1 AND m.is_enabled = 1 AND c.is_enabled = 1) AS is_onsale, i.quantity_in_stock \
         FROM items i JOIN makers m ON m.id = i.id_maker JOIN currencies c ON c.id = i.id_currency \
         WHERE i.id IN (SELECT CAST(value AS INTEGER) FROM json_each(?1))",
        &[text(&ids)],
        "priced items",
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Priced {
            id_item: r.id,
            name: r.name,
            id_currency: r.id_currency,
            price_minor: r.price_minor,
            is_onsale: r.is_onsale == 1,
            quantity_in_stock: r.quantity_in_stock,
        })
        .collect())
}

/// Makes the order and its lines (one batch), status created.
pub async fn create(
    db: &D1Database,
    id_user: Id,
    (shipping, billing): (Id, Id),
    priced: &PricedOrder,
    now: i64,
) -> AppResult<Id> {
    let id = db::id_of(
        db,
        "INSERT INTO shop_orders (id_user, id_address_shipping, id_address_billing, id_currency, price_minor, \
         status, date_created) VALUES (?1, ?2, ?3, ?4, ?5, 'created', ?6) RETURNING id",
        &[int(id_user), int(shipping), int(billing), int(priced.id_currency), int(priced.total_minor), int(now)],
        "create order",
    )
    .await?
    .ok_or_else(|| AppError::Internal { context: "create order", cause: "no row returned".into() })?;
    let lines: Vec<serde_json::Value> = priced
        .lines
        .iter()
        .map(|l: &Line| {
            serde_json::json!({ "id_item": l.id_item, "name": l.name, "price": l.unit_minor, "quantity": l.quantity })
        })
        .collect();
    let details = db::statement(
        db,
        "INSERT INTO shop_order_details (id_order, id_item, name, price_minor, quantity, date_created) \
         SELECT ?1, json_extract(value, '$.id_item'), json_extract(value, '$.name'), json_extract(value, '$.price'), \
         json_extract(value, '$.quantity'), ?2 FROM json_each(?3)",
        &[int(id), int(now), text(&serde_json::Value::Array(lines).to_string())],
        "order details",
    )?;
    let history = history(db, id, OrderStatus::Created, "buyer", now)?;
    db.batch(vec![details, history]).await.context("create order lines")?;
    Ok(id)
}

pub async fn set_checkout(db: &D1Database, id: Id, session: &str, url: &str, expires: i64, now: i64) -> AppResult<()> {
    db::run(
        db,
        "UPDATE shop_orders SET checkout_session = ?2, checkout_url = ?3, checkout_expires = ?4, date_updated = ?5 \
         WHERE id = ?1 AND status = 'created'",
        &[int(id), text(session), text(url), int(expires), int(now)],
        "order checkout",
    )
    .await?;
    Ok(())
}

pub async fn set_addresses(
    db: &D1Database,
    id: Id,
    shipping: Option<Id>,
    billing: Option<Id>,
    now: i64,
) -> AppResult<()> {
    db::run(
        db,
        "UPDATE shop_orders SET id_address_shipping = COALESCE(?2, id_address_shipping), \
         id_address_billing = COALESCE(?3, id_address_billing), date_updated = ?4 WHERE id = ?1",
        &[int(id), opt_int(shipping), opt_int(billing), int(now)],
        "order addresses",
    )
    .await?;
    Ok(())
}

fn actor_name(actor: Actor) -> &'static str {
    match actor {
        Actor::Buyer => "buyer",
        Actor::Provider => "provider",
        Actor::PaymentService => "payment",
    }
}

/// The history row of a status the order has now, once: a replayed change writes none.
pub fn history(
    db: &D1Database,
    id: Id,
    status: OrderStatus,
    actor: &str,
    now: i64,
) -> AppResult<worker::D1PreparedStatement> {
    db::statement(
        db,
        "INSERT INTO shop_order_history (id_order, status, actor, date_created) SELECT ?1, ?2, ?3, ?4 \
         WHERE (SELECT status FROM shop_orders WHERE id = ?1) = ?2 \
         AND NOT EXISTS (SELECT 1 FROM shop_order_history WHERE id_order = ?1 AND status = ?2)",
        &[int(id), text(status.as_str()), text(actor), int(now)],
        "order history",
    )
}

/// The one way a status changes: a conditional UPDATE from the status the
/// caller saw (so of two simultaneous changes one applies), its history row,
/// and `then` (statements that belong to the change), in one batch. Whether
/// this call made the change. `id_provider` is set when given.
pub async fn transition(
    db: &D1Database,
    id: Id,
    (from, to): (OrderStatus, OrderStatus),
    actor: Actor,
    id_provider: Option<Id>,
    then: Vec<worker::D1PreparedStatement>,
    now: i64,
) -> AppResult<bool> {
    if !from.may_become(to, actor) {
        return Ok(false);
    }
    let update = db::statement(
        db,
        "UPDATE shop_orders SET status = ?3, id_provider = COALESCE(?4, id_provider), date_updated = ?5 \
         WHERE id = ?1 AND status = ?2 AND (?4 IS NULL OR id_provider IS NULL OR id_provider = ?4)",
        &[int(id), text(from.as_str()), text(to.as_str()), opt_int(id_provider), int(now)],
        "order transition",
    )?;
    let mut statements = vec![update, history(db, id, to, actor_name(actor), now)?];
    statements.extend(then);
    let results = db.batch(statements).await.context("order transition")?;
    Ok(results.first().is_some_and(|r| db::changes(r) == 1))
}
