//! The queries of provider accounts and of what production writes.

use senzu_core::api::shop::{Provider, ProviderCompany, ProviderSummary, ProviderUser};
use senzu_core::api::{ApiDate, Id};
use senzu_core::chmod::Level;
use serde::Deserialize;
use worker::D1Database;

use crate::db::{self, int, opt_int, opt_text, text};
use crate::error::{AppResult, Context};

#[derive(Deserialize)]
struct Row {
    id: i64,
    id_user: i64,
    username: Option<String>,
    id_company: i64,
    company: Option<String>,
    name: String,
    is_verified: i64,
    quantity_returned: i64,
    date_created: i64,
    date_updated: Option<i64>,
}

/// The account's provider (one per account).
pub async fn of_user(db: &D1Database, id_user: Id) -> AppResult<Option<Provider>> {
    let row: Option<Row> = db::first(
        db,
        "SELECT p.id, p.id_user, u.username, p.id_company, c.name AS company, p.name, p.is_verified, \
         COALESCE((SELECT sum(d.quantity_returned) FROM shop_order_details d WHERE d.id_provider = p.id), 0) \
            AS quantity_returned, p.date_created, p.date_updated \
         FROM providers p JOIN users u ON u.id = p.id_user LEFT JOIN companies c ON c.id = p.id_company \
         WHERE p.id_user = ?1",
        &[int(id_user)],
        "provider",
    )
    .await?;
    Ok(row.map(|r| Provider {
        id: r.id,
        user: ProviderUser { id: r.id_user, username: r.username },
        company: ProviderCompany { id: r.id_company, name: r.company.unwrap_or_default() },
        name: r.name,
        quantity_returned: r.quantity_returned,
        status: true,
        is_verified: r.is_verified == 1,
        date_created: ApiDate::from_unix(r.date_created),
        date_updated: ApiDate::opt(r.date_updated),
    }))
}

pub fn summary(p: &Provider) -> ProviderSummary {
    ProviderSummary { id: p.id, name: p.name.clone(), created: 0 }
}

/// Whether company `id` is the user's.
pub async fn own_company(db: &D1Database, id_user: Id, id: Id) -> AppResult<Option<String>> {
    #[derive(Deserialize)]
    struct Name {
        name: String,
    }
    let row: Option<Name> = db::first(
        db,
        "SELECT name FROM companies WHERE id = ?1 AND id_owner = ?2",
        &[int(id), int(id_user)],
        "provider company",
    )
    .await?;
    Ok(row.map(|r| r.name))
}

/// `false` when the account has one already.
pub async fn create(db: &D1Database, id_user: Id, id_company: Id, name: &str, now: i64) -> AppResult<bool> {
    let made = db::run(
        db,
        "INSERT INTO providers (id_user, id_company, name, date_created) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (id_user) DO NOTHING",
        &[int(id_user), int(id_company), text(name), int(now)],
        "create provider",
    )
    .await?;
    Ok(made == 1)
}

pub async fn update(db: &D1Database, id: Id, id_company: Option<Id>, name: Option<&str>, now: i64) -> AppResult<()> {
    db::run(
        db,
        "UPDATE providers SET id_company = COALESCE(?2, id_company), name = COALESCE(?3, name), date_updated = ?4 \
         WHERE id = ?1",
        &[int(id), opt_int(id_company), opt_text(name), int(now)],
        "update provider",
    )
    .await?;
    Ok(())
}

/// Orders it took that are not finished keep it.
pub async fn busy(db: &D1Database, id: Id) -> AppResult<bool> {
    Ok(db::id_of(
        db,
        "SELECT id FROM shop_orders WHERE id_provider = ?1 AND status IN ('in_production', 'dispatched') LIMIT 1",
        &[int(id)],
        "provider busy",
    )
    .await?
    .is_some())
}

pub async fn delete(db: &D1Database, id: Id) -> AppResult<()> {
    // Its past orders keep their lines; they stop naming it.
    let orders = db::statement(
        db,
        "UPDATE shop_orders SET id_provider = NULL WHERE id_provider = ?1",
        &[int(id)],
        "provider orders",
    )?;
    let lines = db::statement(
        db,
        "UPDATE shop_order_details SET id_provider = NULL WHERE id_provider = ?1",
        &[int(id)],
        "provider lines",
    )?;
    let gone = db::statement(db, "DELETE FROM providers WHERE id = ?1", &[int(id)], "delete provider")?;
    db.batch(vec![orders, lines, gone]).await.context("delete provider")?;
    Ok(())
}

/// The maker of an item (whose batch makes the products of a line).
pub async fn maker_of_item(db: &D1Database, id_item: Id) -> AppResult<Option<Id>> {
    db::id_of(db, "SELECT id_maker AS id FROM items WHERE id = ?1", &[int(id_item)], "item maker").await
}

/// The products of a production batch become the buyer's, as a pairing does:
/// activated, owned, with the owner's access, their records showing the buyer's
/// first application. Idempotent (a resumed production).
pub async fn give_to_buyer(db: &D1Database, id_batch: Id, id_buyer: Id, id_detail: Id, now: i64) -> AppResult<()> {
    let own = db::statement(
        db,
        "UPDATE products SET id_owner = ?2, is_activated = 1, date_activated = ?3, date_updated = ?3 \
         WHERE id_batch = ?1 AND is_activated = 0",
        &[int(id_batch), int(id_buyer), int(now)],
        "produced products",
    )?;
    let access = db::statement(
        db,
        "INSERT OR IGNORE INTO product_users (id_product, id_user, chmod, is_enabled) \
         SELECT id, ?2, ?3, 1 FROM products WHERE id_batch = ?1 AND id_owner = ?2",
        &[int(id_batch), int(id_buyer), int(i64::from(u8::from(Level::Owner)))],
        "produced access",
    )?;
    // Their records open the buyer's first application, if they have one, so the first tap shows it.
    let shows = db::statement(
        db,
        "UPDATE records SET id_application = (SELECT id FROM applications WHERE id_owner = ?2 AND is_enabled = 1 \
            ORDER BY id LIMIT 1) \
         WHERE id_application IS NULL AND id_product IN (SELECT id FROM products WHERE id_batch = ?1 AND id_owner = ?2)",
        &[int(id_batch), int(id_buyer)],
        "produced records' application",
    )?;
    let data = db::statement(
        db,
        "UPDATE shop_order_details SET provider_data = json_object('id_batch', CAST(?2 AS INTEGER)) WHERE id = ?1",
        &[int(id_detail), int(id_batch)],
        "production data",
    )?;
    db.batch(vec![own, access, shows, data]).await.context("give products to the buyer")?;
    Ok(())
}

/// The dispatch, delivery or quantities of the order's lines.
pub async fn mark_lines(
    db: &D1Database,
    id_order: Id,
    delivery_number: Option<&str>,
    dispatched: Option<i64>,
    delivered: Option<i64>,
) -> AppResult<()> {
    db::run(
        db,
        "UPDATE shop_order_details SET delivery_number = COALESCE(?2, delivery_number), \
         date_dispatched = COALESCE(?3, date_dispatched), date_delivered = COALESCE(?4, date_delivered) \
         WHERE id_order = ?1",
        &[int(id_order), opt_text(delivery_number), opt_int(dispatched), opt_int(delivered)],
        "order lines",
    )
    .await?;
    Ok(())
}

pub async fn set_quantities(
    db: &D1Database,
    id_order: Id,
    id_detail: Id,
    returned: Option<u32>,
    refunded: Option<u32>,
) -> AppResult<bool> {
    let changed = db::run(
        db,
        "UPDATE shop_order_details SET quantity_returned = COALESCE(?3, quantity_returned), \
         quantity_refunded = COALESCE(?4, quantity_refunded) WHERE id = ?2 AND id_order = ?1",
        &[int(id_order), int(id_detail), opt_int(returned.map(i64::from)), opt_int(refunded.map(i64::from))],
        "order quantities",
    )
    .await?;
    Ok(changed == 1)
}

/// The lines of an order name their provider once it takes the order.
pub fn take_lines(db: &D1Database, id_order: Id, id_provider: Id) -> AppResult<worker::D1PreparedStatement> {
    db::statement(
        db,
        "UPDATE shop_order_details SET id_provider = ?2 WHERE id_order = ?1 \
         AND (SELECT id_provider FROM shop_orders WHERE id = ?1) = ?2",
        &[int(id_order), int(id_provider)],
        "take order lines",
    )
}
