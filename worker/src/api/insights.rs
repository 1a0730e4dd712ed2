//! Insights (read only): scans (once per device per hour) and views of an
//! application, plugin, product or record, in total and by country, browser,
//! device and platform, and the list of plays, within start_date/end_date.
//! The caller needs the object's role and chmod ≥ 1 on its product or application.

use senzu_core::auth::Role;
use senzu_core::chmod::Action;
use senzu_core::wire::{list_object, parse_date_filter, ApiDate};
use senzu_core::ErrorCode;
use serde::Deserialize;
use serde_json::{json, Value};
use worker::Request;
use worker::Response;

use super::sharing::{self, Shared};
use super::user::limit;
use super::Call;
use crate::args::{id, Args};
use crate::db::{self, int};
use crate::error::{AppError, AppResult};
use crate::http::json_response;

#[derive(Clone, Copy)]
pub enum Object {
    Application,
    Plugin,
    Product,
    Record,
}

impl Object {
    fn role(self) -> Role {
        match self {
            Self::Application | Self::Plugin => Role::Applications,
            Self::Product | Self::Record => Role::Products,
        }
    }

    /// The event column that names the object, the shared object whose chmod
    /// decides, and how to find that object's id from this one's.
    fn column_and_parent(self) -> (&'static str, Shared, Option<&'static str>) {
        match self {
            Self::Application => ("id_application", Shared::Application, None),
            Self::Plugin => {
                ("id_plugin", Shared::Application, Some("SELECT id_application AS id FROM plugins WHERE id = ?1"))
            }
            Self::Product => ("id_product", Shared::Product, None),
            Self::Record => ("id_record", Shared::Product, Some("SELECT id_product AS id FROM records WHERE id = ?1")),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Application => "application",
            Self::Plugin => "plugin",
            Self::Product => "product",
            Self::Record => "record",
        }
    }
}

#[derive(Deserialize)]
struct Parent {
    id: i64,
}

fn date_filter(args: &Args, name: &str) -> AppResult<Option<i64>> {
    args.opt(name)
        .map(|v| {
            parse_date_filter(v).ok_or_else(|| {
                AppError::api(
                    ErrorCode::BadFilter,
                    format!("bad filter: {name} must be a timestamp or YYYY-MM-DD[ HH:MM:SS] of the years 0 to 9999"),
                )
            })
        })
        .transpose()
}

/// `GET /v1/{objects}/{id}/insights[/{view}]`.
pub async fn get(
    call: &Call<'_>,
    req: &Request,
    object: Object,
    segment: &str,
    view: Option<&str>,
) -> AppResult<Response> {
    let user = call.caller.require_user(&call.db, object.role(), call.now).await?;
    let id_object = id(segment, "id")?;
    let (column, shared, parent_sql) = object.column_and_parent();
    let parent = match parent_sql {
        None => Some(id_object),
        Some(sql) => db::first::<Parent>(&call.db, sql, &[int(id_object)], "insight parent").await?.map(|p| p.id),
    };
    // Anyone who can see the product or application (chmod ≥ 1) reads its insights.
    let visible = match parent {
        Some(p) => Action::See.allowed(sharing::level_of(call, shared, p, user.id_user).await?),
        None => false,
    };
    if !visible {
        return Err(AppError::not_found(format!("no {} with id {id_object}", object.name())));
    }
    let args = Args::from_query(req);
    let start = date_filter(&args, "start_date")?.unwrap_or(0);
    // A bare end date means the whole day.
    let end = match (args.opt("end_date"), date_filter(&args, "end_date")?) {
        (Some(raw), Some(ts)) if raw.len() == 10 && raw.contains('-') => ts + 86_399,
        (_, Some(ts)) => ts,
        (_, None) => i64::MAX / 2,
    };
    if end < start {
        return Err(AppError::api(ErrorCode::BadFilter, "bad filter: end_date is before start_date"));
    }
    // Plugin insights count plugin opens: a view per open, a scan per device per hour.
    let (scans, views) = match object {
        Object::Plugin => ("COUNT(DISTINCT device_hash || ':' || (date_created / 3600))", "COUNT(*)"),
        _ => ("SUM(kind = 'scan')", "SUM(kind = 'view')"),
    };
    let kinds = match object {
        Object::Plugin => "kind = 'plugin'",
        _ => "kind IN ('scan', 'view')",
    };
    let filter = format!("{column} = ?1 AND {kinds} AND date_created BETWEEN ?2 AND ?3");
    let range = [int(id_object), int(start), int(end)];
    let group = match view {
        None => None,
        Some("countries") => Some(("country", "country")),
        Some("browsers") => Some(("browser", "browser")),
        Some("devices") => Some(("device_type", "device_type")),
        Some("platforms") => Some(("platform", "platform")),
        // Per UTC day, oldest first: the dashboard's line chart.
        Some("days") => Some(("date(date_created, 'unixepoch')", "date")),
        Some("plays") => {
            let mut args_sql = range.to_vec();
            args_sql.push(int(limit(&args)?));
            return plays(call, &filter, &args_sql).await;
        }
        Some(other) => return Err(AppError::not_found(format!("no insights view {other}"))),
    };
    let body = match group {
        None => {
            #[derive(Deserialize)]
            struct Totals {
                scans: Option<i64>,
                views: Option<i64>,
            }
            let sql = format!("SELECT {scans} AS scans, {views} AS views FROM play_events WHERE {filter}");
            let t: Option<Totals> = db::first(&call.db, &sql, &range, "insight totals").await?;
            let t = t.unwrap_or(Totals { scans: None, views: None });
            list_object([json!({ "scans": t.scans.unwrap_or(0), "views": t.views.unwrap_or(0) })])
        }
        Some((column, key)) => {
            #[derive(Deserialize)]
            struct Bucket {
                label: Option<String>,
                scans: Option<i64>,
                views: Option<i64>,
            }
            let order = if key == "date" { "label" } else { "views DESC, label" };
            let sql = format!(
                "SELECT {column} AS label, {scans} AS scans, {views} AS views FROM play_events WHERE {filter} \
                 GROUP BY {column} ORDER BY {order}"
            );
            let rows: Vec<Bucket> = db::all(&call.db, &sql, &range, "insight buckets").await?;
            list_object(rows.into_iter().map(|b| {
                let mut v = json!({ "scans": b.scans.unwrap_or(0), "views": b.views.unwrap_or(0) });
                v[key] = json!(b.label.unwrap_or_else(|| "unknown".into()));
                v
            }))
        }
    };
    Ok(json_response(&body, 200))
}

/// One entry per view (or plugin open), newest first. The IP is never
/// returned: only its daily hash is stored, and that stays inside.
async fn plays(call: &Call<'_>, filter: &str, args: &[worker::wasm_bindgen::JsValue]) -> AppResult<Response> {
    #[derive(Deserialize)]
    struct Play {
        lang: Option<String>,
        country: Option<String>,
        latitude: Option<f64>,
        longitude: Option<f64>,
        date_created: i64,
    }
    let sql = format!(
        "SELECT lang, country, latitude, longitude, date_created FROM play_events \
         WHERE {} ORDER BY date_created DESC, id DESC LIMIT ?4",
        filter.replace("kind IN ('scan', 'view')", "kind = 'view'")
    );
    let rows: Vec<Play> = db::all(&call.db, &sql, args, "insight plays").await?;
    let items = rows.into_iter().map(|p| -> Value {
        json!({
            "ip": "", "lang": p.lang.unwrap_or_default(), "country": p.country, "latitude": p.latitude,
            "longitude": p.longitude, "views": 1, "date_created": ApiDate::from_unix(p.date_created), "date_updated": null,
        })
    });
    Ok(json_response(&list_object(items), 200))
}
