//! The queries of payments: one row per payment service event that reached us.

use senzu_core::api::shop::{Payment, PaymentSummary};
use senzu_core::api::{ApiDate, Id};
use senzu_core::money;
use serde::Deserialize;
use worker::D1Database;

use crate::api::orders::repo::history;
use crate::db::{self, int, opt_int, text};
use crate::error::{AppResult, Context};
use senzu_core::order::OrderStatus;

#[derive(Deserialize)]
struct Row {
    id: i64,
    id_order: Option<i64>,
    id_subscription: Option<i64>,
    id_currency: Option<i64>,
    currency_paid: String,
    exponent: Option<i64>,
    conversion_rate_micro: i64,
    payment_id: String,
    payment_service: String,
    amount_minor: i64,
    ip: String,
    status: i64,
    date_created: i64,
}

pub async fn get(db: &D1Database, id_user: Id, id: Id) -> AppResult<Option<Payment>> {
    let row: Option<Row> = db::first(
        db,
        "SELECT p.id, p.id_order, p.id_subscription, p.id_currency, p.currency_paid, c.exponent, p.conversion_rate_micro, p.payment_id, \
         p.payment_service, p.amount_minor, p.ip, p.status, p.date_created \
         FROM payments p LEFT JOIN currencies c ON c.id = p.id_currency WHERE p.id = ?1 AND p.id_user = ?2",
        &[int(id), int(id_user)],
        "payment",
    )
    .await?;
    Ok(row.map(|r| Payment {
        id: r.id,
        id_order: r.id_order,
        id_subscription: r.id_subscription,
        id_currency: r.id_currency.unwrap_or(0),
        currency: r.currency_paid,
        conversion_rate: money::render_rate(r.conversion_rate_micro),
        payment_id: Some(r.payment_id),
        payment_service: Some(r.payment_service),
        amount: money::render(r.amount_minor, r.exponent.and_then(|e| u8::try_from(e).ok()).unwrap_or(2)),
        amount_minor: r.amount_minor,
        ip: r.ip,
        status: r.status == 1,
        date_created: ApiDate::from_unix(r.date_created),
    }))
}

pub async fn list(db: &D1Database, id_user: Id) -> AppResult<Vec<PaymentSummary>> {
    #[derive(Deserialize)]
    struct Summary {
        id: i64,
        date_created: i64,
    }
    let rows: Vec<Summary> = db::all(
        db,
        "SELECT id, date_created FROM payments WHERE id_user = ?1 ORDER BY id",
        &[int(id_user)],
        "payments",
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| PaymentSummary { id: r.id, date_created: ApiDate::from_unix(r.date_created), created: r.date_created })
        .collect())
}

/// What a payment is for: `client_reference_id` of its checkout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Order(Id),
    Subscription(Id),
}

impl Target {
    pub fn parse(reference: &str) -> Option<Target> {
        match reference.strip_prefix("subscription-") {
            Some(id) => id.parse().ok().map(Target::Subscription),
            None => reference.parse().ok().map(Target::Order),
        }
    }
}

/// What one event paid.
pub struct Paid<'a> {
    pub target: Target,
    pub event_id: &'a str,
    pub session: &'a str,
    /// The currency as the service wrote it (ISO 4217, any case) and the amount in its minor units.
    pub currency: &'a str,
    pub amount_minor: i64,
    /// The amount, currency and session are the target's own checkout.
    pub pays: bool,
}

/// What recording an event did.
#[derive(Debug, PartialEq, Eq)]
pub enum Recorded {
    /// This event paid the order or subscription.
    Paid,
    /// The event, or another paying one for the same checkout, came before.
    Duplicate,
    /// Kept as an unpaid payment: not the target's amount, currency or checkout.
    Mismatch,
}

/// The payment row from an event (ignored when the event, or a paying row of
/// the same checkout, exists), taking its payer from the target.
const INSERT: &str = "INSERT OR IGNORE INTO payments (id_order, id_subscription, id_user, id_currency, currency_paid, \
    amount_minor, conversion_rate_micro, payment_service, payment_id, event_id, status, date_created) \
    SELECT ?8, ?9, t.id_user, (SELECT id FROM currencies WHERE iso_code = upper(?3)), upper(?3), ?4, \
    COALESCE((SELECT conversion_rate_micro FROM currencies WHERE iso_code = upper(?3)), 1000000), \
    'stripe', ?5, ?2, ?6, ?7 FROM TARGET t WHERE t.id = ?1";

/// A paid subscription runs from the end of the account's last running one, or now.
const SUBSCRIPTION_START: &str = "max(?3, COALESCE((SELECT max(o.date_end) FROM subscriptions o \
    WHERE o.id_user = subscriptions.id_user AND o.status = 'paid' AND o.date_end > ?3), ?3))";

/// One batch: the payment row, then the target's change to paid only if this
/// event's row is the paying one (and, for an order, its history). D1 runs a
/// batch as one transaction, so two deliveries at once make one payment and
/// one change.
pub async fn record(db: &D1Database, p: &Paid<'_>, now: i64) -> AppResult<Recorded> {
    let (id, order, subscription, table) = match p.target {
        Target::Order(id) => (id, Some(id), None, "shop_orders"),
        Target::Subscription(id) => (id, None, Some(id), "subscriptions"),
    };
    let insert = db::statement(
        db,
        // The table is one of two names of a closed enum.
        &INSERT.replace("TARGET", table),
        &[
            int(id),
            text(p.event_id),
            text(p.currency),
            int(p.amount_minor),
            text(p.session),
            int(i64::from(p.pays)),
            int(now),
            opt_int(order),
            opt_int(subscription),
        ],
        "record payment",
    )?;
    let mut statements = vec![insert];
    match p.target {
        Target::Order(_) => {
            statements.push(db::statement(
                db,
                "UPDATE shop_orders SET status = 'paid', date_updated = ?3 WHERE id = ?1 AND status = 'created' \
                 AND EXISTS (SELECT 1 FROM payments WHERE event_id = ?2 AND status = 1 AND id_order = ?1)",
                &[int(id), text(p.event_id), int(now)],
                "pay order",
            )?);
            statements.push(history(db, id, OrderStatus::Paid, "payment", now)?);
        }
        Target::Subscription(_) => statements.push(db::statement(
            db,
            &format!(
                "UPDATE subscriptions SET status = 'paid', date_updated = ?3, date_start = {SUBSCRIPTION_START}, \
                 date_end = unixepoch({SUBSCRIPTION_START}, 'unixepoch', '+' || months || ' months') \
                 WHERE id = ?1 AND status = 'created' \
                 AND EXISTS (SELECT 1 FROM payments WHERE event_id = ?2 AND status = 1 AND id_subscription = ?1)"
            ),
            &[int(id), text(p.event_id), int(now)],
            "pay subscription",
        )?),
    }
    let results = db.batch(statements).await.context("record payment")?;
    let inserted = results.first().is_some_and(|r| db::changes(r) == 1);
    let paid = results.get(1).is_some_and(|r| db::changes(r) == 1);
    Ok(match (inserted, paid) {
        (_, true) => Recorded::Paid,
        (true, false) if p.pays => Recorded::Duplicate,
        (true, false) => Recorded::Mismatch,
        (false, _) => Recorded::Duplicate,
    })
}
