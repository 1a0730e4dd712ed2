//! The queries of plans, their limits (the `plan_limits` configuration
//! table) and what an account uses of them.

use senzu_core::api::shop::{Plan, PlanLimit, PlanSummary};
use senzu_core::api::{ApiDate, Id};
use senzu_core::money;
use senzu_core::plan::Resource;
use serde::Deserialize;
use worker::D1Database;

use crate::db::{self, int, opt_int};
use crate::error::{AppResult, Context};

#[derive(Deserialize)]
struct Row {
    id: i64,
    id_currency: i64,
    iso_code: String,
    exponent: i64,
    name: String,
    duration: i64,
    price_minor: i64,
    limits: String,
    date_created: i64,
    date_updated: Option<i64>,
}

/// Enabled plans, with their limits.
pub async fn get(db: &D1Database, id: Id) -> AppResult<Option<Plan>> {
    let row: Option<Row> = db::first(
        db,
        "SELECT p.id, p.id_currency, c.iso_code, c.exponent, p.name, p.duration, p.price_minor, p.date_created, \
         p.date_updated, (SELECT json_group_array(json_object('resource', l.resource, 'max', l.max)) \
            FROM plan_limits l WHERE l.id_plan = p.id) AS limits \
         FROM plans p JOIN currencies c ON c.id = p.id_currency WHERE p.id = ?1 AND p.is_enabled = 1",
        &[int(id)],
        "plan",
    )
    .await?;
    row.map(|r| {
        let mut limits: Vec<PlanLimit> = serde_json::from_str(&r.limits).context("plan limits")?;
        limits.sort_by_key(|l| Resource::ALL.iter().position(|x| *x == l.resource));
        Ok(Plan {
            id: r.id,
            id_currency: r.id_currency,
            name: r.name,
            duration: r.duration,
            price: money::render(r.price_minor, u8::try_from(r.exponent).unwrap_or(2)),
            price_minor: r.price_minor,
            currency: r.iso_code,
            limits,
            date_created: ApiDate::from_unix(r.date_created),
            date_updated: ApiDate::opt(r.date_updated),
        })
    })
    .transpose()
}

pub async fn list(db: &D1Database) -> AppResult<Vec<PlanSummary>> {
    db::all(db, "SELECT id, name FROM plans WHERE is_enabled = 1 ORDER BY id", &[], "plans").await
}

/// The plan an account has at `now`: the highest of its paid, running
/// subscriptions (plan ids rank plans), else none (0). Its end, when it has one.
const PLAN_OF: &str = "COALESCE((SELECT max(s.id_plan) FROM subscriptions s WHERE s.id_user = ?1 \
    AND s.status = 'paid' AND s.date_start <= ?2 AND s.date_end > ?2), 0)";

/// What a check counts (a closed set of statements).
fn used(resource: Resource) -> &'static str {
    match resource {
        Resource::Products => "SELECT count(*) FROM products WHERE id_owner = ?1",
        Resource::Applications => "SELECT count(*) FROM applications WHERE id_owner = ?1",
        // Plugins are counted per application (?3); the limit is its owner's (?1).
        Resource::Plugins => "SELECT count(*) FROM plugins WHERE id_application = ?3",
        Resource::Storage => "SELECT COALESCE(sum(file_size), 0) FROM files WHERE id_user = ?1",
    }
}

#[derive(Deserialize)]
pub struct Room {
    pub max: Option<i64>,
    pub used: i64,
}

/// An account's limit of `resource` under its plan now, and what it uses
/// (plugins: on application `id_application`). One read.
pub async fn room(
    db: &D1Database,
    id_user: Id,
    resource: Resource,
    id_application: Option<Id>,
    now: i64,
) -> AppResult<Room> {
    // Only names of a closed enum go into the text.
    let sql = format!(
        "SELECT (SELECT max FROM plan_limits WHERE resource = '{}' AND id_plan = {PLAN_OF}) AS max, ({}) AS used",
        resource.as_str(),
        used(resource)
    );
    // D1 wants exactly the parameters a statement names: ?3 only for plugins.
    let args = match resource {
        Resource::Plugins => vec![int(id_user), int(now), opt_int(id_application)],
        Resource::Products | Resource::Applications | Resource::Storage => vec![int(id_user), int(now)],
    };
    let row: Option<Room> = db::first(db, &sql, &args, "plan room").await?;
    Ok(row.unwrap_or(Room { max: None, used: 0 }))
}

#[derive(Deserialize)]
pub struct Current {
    pub id_plan: i64,
    pub name: Option<String>,
    pub date_end: Option<i64>,
    pub limits: String,
    pub products: i64,
    pub applications: i64,
    pub plugins: i64,
    pub storage: i64,
}

/// The account's plan now, its limits and its usage (plugins: the most on one application).
pub async fn current(db: &D1Database, id_user: Id, now: i64) -> AppResult<Current> {
    let sql = format!(
        "WITH mine AS (SELECT {PLAN_OF} AS id_plan) \
         SELECT mine.id_plan, (SELECT name FROM plans WHERE id = mine.id_plan) AS name, \
         (SELECT max(s.date_end) FROM subscriptions s WHERE s.id_user = ?1 AND s.status = 'paid' \
            AND s.id_plan = mine.id_plan AND s.date_end > ?2) AS date_end, \
         (SELECT json_group_array(json_object('resource', l.resource, 'max', l.max)) FROM plan_limits l \
            WHERE l.id_plan = mine.id_plan) AS limits, \
         (SELECT count(*) FROM products WHERE id_owner = ?1) AS products, \
         (SELECT count(*) FROM applications WHERE id_owner = ?1) AS applications, \
         COALESCE((SELECT max(n) FROM (SELECT count(*) AS n FROM plugins p JOIN applications a \
            ON a.id = p.id_application WHERE a.id_owner = ?1 GROUP BY p.id_application)), 0) AS plugins, \
         (SELECT COALESCE(sum(file_size), 0) FROM files WHERE id_user = ?1) AS storage \
         FROM mine"
    );
    let row: Option<Current> = db::first(db, &sql, &[int(id_user), int(now)], "current plan").await?;
    row.ok_or_else(|| crate::error::AppError::Internal { context: "current plan", cause: "no row".into() })
}

/// The owner of an application (whose plan limits its plugins).
pub async fn application_owner(db: &D1Database, id_application: Id) -> AppResult<Option<Id>> {
    db::id_of(db, "SELECT id_owner AS id FROM applications WHERE id = ?1", &[int(id_application)], "app owner").await
}
