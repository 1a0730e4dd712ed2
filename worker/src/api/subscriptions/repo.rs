//! The queries of subscriptions to plans.

use senzu_core::api::shop::{OrderAddress, SubscriptionStatus, SubscriptionSummary};
use senzu_core::api::{ApiDate, Id};
use serde::Deserialize;
use worker::D1Database;

use crate::api::orders::repo::ADDRESS;
use crate::db::{self, int, text};
use crate::error::{AppError, AppResult, Context};

pub struct SubscriptionRow {
    pub id: Id,
    pub id_user: Option<Id>,
    pub id_plan: Id,
    pub plan_name: String,
    pub plan_price_minor: i64,
    pub duration: i64,
    pub months: i64,
    pub price_minor: i64,
    pub id_currency: Id,
    pub currency: String,
    pub exponent: u8,
    pub status: SubscriptionStatus,
    pub checkout_session: Option<String>,
    pub checkout_url: Option<String>,
    pub checkout_expires: Option<i64>,
    pub billing: Option<OrderAddress>,
    pub date_start: Option<i64>,
    pub date_end: Option<i64>,
    pub date_created: i64,
}

#[derive(Deserialize)]
struct Row {
    id: i64,
    id_user: Option<i64>,
    id_plan: i64,
    plan_name: String,
    plan_price_minor: i64,
    duration: i64,
    months: i64,
    price_minor: i64,
    id_currency: i64,
    iso_code: String,
    exponent: i64,
    status: String,
    checkout_session: Option<String>,
    checkout_url: Option<String>,
    checkout_expires: Option<i64>,
    billing: Option<String>,
    date_start: Option<i64>,
    date_end: Option<i64>,
    date_created: i64,
}

pub async fn get(db: &D1Database, id: Id) -> AppResult<Option<SubscriptionRow>> {
    let row: Option<Row> = db::first(
        db,
        &format!(
            "SELECT s.id, s.id_user, s.id_plan, p.name AS plan_name, p.price_minor AS plan_price_minor, p.duration, \
             s.months, s.price_minor, s.id_currency, c.iso_code, c.exponent, s.status, s.checkout_session, \
             s.checkout_url, s.checkout_expires, s.date_start, s.date_end, s.date_created, \
             (SELECT {ADDRESS} FROM addresses a WHERE a.id = s.id_address_billing) AS billing \
             FROM subscriptions s JOIN plans p ON p.id = s.id_plan JOIN currencies c ON c.id = s.id_currency \
             WHERE s.id = ?1"
        ),
        &[int(id)],
        "subscription",
    )
    .await?;
    row.map(|r| {
        let status = match r.status.as_str() {
            "created" => SubscriptionStatus::Created,
            "paid" => SubscriptionStatus::Paid,
            "cancelled" => SubscriptionStatus::Cancelled,
            other => {
                return Err(AppError::Internal { context: "subscription status", cause: format!("unknown {other}") })
            }
        };
        Ok(SubscriptionRow {
            id: r.id,
            id_user: r.id_user,
            id_plan: r.id_plan,
            plan_name: r.plan_name,
            plan_price_minor: r.plan_price_minor,
            duration: r.duration,
            months: r.months,
            price_minor: r.price_minor,
            id_currency: r.id_currency,
            currency: r.iso_code,
            exponent: u8::try_from(r.exponent).unwrap_or(2),
            status,
            checkout_session: r.checkout_session,
            checkout_url: r.checkout_url,
            checkout_expires: r.checkout_expires,
            billing: r.billing.map(|j| serde_json::from_str(&j).context("subscription address")).transpose()?,
            date_start: r.date_start,
            date_end: r.date_end,
            date_created: r.date_created,
        })
    })
    .transpose()
}

pub async fn list(db: &D1Database, id_user: Id) -> AppResult<Vec<SubscriptionSummary>> {
    #[derive(Deserialize)]
    struct Summary {
        id: i64,
        date_created: i64,
    }
    let rows: Vec<Summary> = db::all(
        db,
        "SELECT id, date_created FROM subscriptions WHERE id_user = ?1 ORDER BY id",
        &[int(id_user)],
        "subscriptions",
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| SubscriptionSummary {
            id: r.id,
            date_created: ApiDate::from_unix(r.date_created),
            created: r.date_created,
        })
        .collect())
}

/// What a new subscription is: the plan, the billing address, the months and their price.
pub struct NewSubscription {
    pub id_plan: Id,
    pub id_address_billing: Id,
    pub id_currency: Id,
    pub months: i64,
    pub price_minor: i64,
}

pub async fn create(db: &D1Database, id_user: Id, new: &NewSubscription, now: i64) -> AppResult<Id> {
    db::id_of(
        db,
        "INSERT INTO subscriptions (id_user, id_plan, id_address_billing, id_currency, months, price_minor, \
         date_created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
        &[
            int(id_user),
            int(new.id_plan),
            int(new.id_address_billing),
            int(new.id_currency),
            int(new.months),
            int(new.price_minor),
            int(now),
        ],
        "create subscription",
    )
    .await?
    .ok_or_else(|| AppError::Internal { context: "create subscription", cause: "no row returned".into() })
}

pub async fn set_checkout(db: &D1Database, id: Id, session: &str, url: &str, expires: i64, now: i64) -> AppResult<()> {
    db::run(
        db,
        "UPDATE subscriptions SET checkout_session = ?2, checkout_url = ?3, checkout_expires = ?4, date_updated = ?5 \
         WHERE id = ?1 AND status = 'created'",
        &[int(id), text(session), text(url), int(expires), int(now)],
        "subscription checkout",
    )
    .await?;
    Ok(())
}
