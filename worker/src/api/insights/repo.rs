//! The queries of insights: one statement each, over `play_events`. Column
//! names come from closed enums only ([`Scope`], [`Group`]).

use senzu_core::api::insights::{PlayEntry, Totals};
use senzu_core::api::{ApiDate, Id};
use serde::Deserialize;
use worker::D1Database;

use crate::db::{self, int};
use crate::error::AppResult;

/// Which events of which object, within `[start, end]`.
pub struct Scope {
    /// The event column naming the object.
    pub column: &'static str,
    /// Plugin insights count plugin opens: a view per open, a scan per device per hour.
    pub plugin: bool,
    pub id: Id,
    pub start: i64,
    pub end: i64,
}

impl Scope {
    fn filter(&self, kinds: &str) -> String {
        format!("{} = ?1 AND {kinds} AND date_created BETWEEN ?2 AND ?3", self.column)
    }

    fn kinds(&self) -> &'static str {
        if self.plugin {
            "kind = 'plugin'"
        } else {
            "kind IN ('scan', 'view')"
        }
    }

    fn counts(&self) -> (&'static str, &'static str) {
        if self.plugin {
            ("COUNT(DISTINCT device_hash || ':' || (date_created / 3600))", "COUNT(*)")
        } else {
            ("SUM(kind = 'scan')", "SUM(kind = 'view')")
        }
    }
}

/// A view's grouping column.
#[derive(Clone, Copy)]
pub enum Group {
    Country,
    Browser,
    Device,
    Platform,
    /// Per UTC day, oldest first.
    Day,
}

impl Group {
    fn column(self) -> &'static str {
        match self {
            Group::Country => "country",
            Group::Browser => "browser",
            Group::Device => "device_type",
            Group::Platform => "platform",
            Group::Day => "date(date_created, 'unixepoch')",
        }
    }
}

#[derive(Deserialize)]
struct Counts {
    scans: Option<i64>,
    views: Option<i64>,
}

impl Counts {
    fn totals(&self) -> Totals {
        Totals { scans: self.scans.unwrap_or(0), views: self.views.unwrap_or(0) }
    }
}

/// The parent (application or product) whose chmod decides, from `sql`'s `id`.
pub async fn parent(db: &D1Database, sql: &str, id: Id) -> AppResult<Option<Id>> {
    db::id_of(db, sql, &[int(id)], "insight parent").await
}

pub async fn totals(db: &D1Database, s: &Scope) -> AppResult<Totals> {
    let (scans, views) = s.counts();
    let sql = format!("SELECT {scans} AS scans, {views} AS views FROM play_events WHERE {}", s.filter(s.kinds()));
    let counts: Option<Counts> = db::first(db, &sql, &[int(s.id), int(s.start), int(s.end)], "insight totals").await?;
    Ok(counts.map(|c| c.totals()).unwrap_or_default())
}

/// Buckets of a view: label (`unknown` when not known) and counts.
pub async fn buckets(db: &D1Database, s: &Scope, group: Group) -> AppResult<Vec<(String, Totals)>> {
    #[derive(Deserialize)]
    struct Bucket {
        label: Option<String>,
        scans: Option<i64>,
        views: Option<i64>,
    }
    let (scans, views) = s.counts();
    let column = group.column();
    let order = if matches!(group, Group::Day) { "label" } else { "views DESC, label" };
    let sql = format!(
        "SELECT {column} AS label, {scans} AS scans, {views} AS views FROM play_events WHERE {} \
         GROUP BY {column} ORDER BY {order}",
        s.filter(s.kinds())
    );
    let rows: Vec<Bucket> = db::all(db, &sql, &[int(s.id), int(s.start), int(s.end)], "insight buckets").await?;
    Ok(rows
        .into_iter()
        .map(|b| {
            let totals = Counts { scans: b.scans, views: b.views }.totals();
            (b.label.unwrap_or_else(|| "unknown".into()), totals)
        })
        .collect())
}

/// One entry per view (or plugin open), newest first. The IP is never
/// returned: only its daily hash is stored, and that stays inside.
pub async fn plays(db: &D1Database, s: &Scope, limit: usize) -> AppResult<Vec<PlayEntry>> {
    #[derive(Deserialize)]
    struct Play {
        lang: Option<String>,
        country: Option<String>,
        latitude: Option<f64>,
        longitude: Option<f64>,
        date_created: i64,
    }
    let kinds = if s.plugin { "kind = 'plugin'" } else { "kind = 'view'" };
    let sql = format!(
        "SELECT lang, country, latitude, longitude, date_created FROM play_events \
         WHERE {} ORDER BY date_created DESC, id DESC LIMIT ?4",
        s.filter(kinds)
    );
    let args = [int(s.id), int(s.start), int(s.end), int(limit as i64)];
    let rows: Vec<Play> = db::all(db, &sql, &args, "insight plays").await?;
    Ok(rows
        .into_iter()
        .map(|p| PlayEntry {
            ip: String::new(),
            lang: p.lang.unwrap_or_default(),
            country: p.country,
            latitude: p.latitude,
            longitude: p.longitude,
            views: 1,
            date_created: ApiDate::from_unix(p.date_created),
            date_updated: None,
        })
        .collect())
}
