//! The insight rows of a batch of events: one statement per row, all in one
//! D1 batch (one transaction, in message order, so a scan sees the scans
//! written before it in the same batch). Written once per event id, whatever
//! the number of deliveries.

use senzu_core::insight_event::{InsightEvent, Row, SCAN_DEDUP_SECONDS};
use worker::wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use crate::db::{int, opt_int, opt_text, statement, text};
use crate::error::{AppResult, Context};

const COLUMNS: &str = "event_id, kind, id_record, id_product, id_application, id_plugin, device_hash, ip_hash, \
    lang, country, latitude, longitude, browser, device_type, platform, date_created";
const VALUES: &str = "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16";

/// Writes every row of `events` in one batch; a row already written (same
/// event id and kind: a redelivered message) is skipped.
pub async fn write(db: &D1Database, events: &[InsightEvent]) -> AppResult<()> {
    let mut statements = Vec::with_capacity(events.len() * 2);
    for event in events {
        for row in event.rows() {
            statements.push(insert(db, event, *row)?);
        }
    }
    if statements.is_empty() {
        return Ok(());
    }
    db.batch(statements).await.context("insert play events")?;
    Ok(())
}

fn opt_f64(v: Option<f64>) -> JsValue {
    v.map_or(JsValue::NULL, JsValue::from_f64)
}

/// A scan unless this device scanned this record in the last hour (decided
/// inside the INSERT, so it is atomic); a view or a plugin open every time.
fn insert(db: &D1Database, e: &InsightEvent, row: Row) -> AppResult<D1PreparedStatement> {
    let values = [
        text(&e.id),
        text(row.kind()),
        opt_int(e.id_record),
        opt_int(e.id_product),
        opt_int(e.id_application),
        opt_int(e.id_plugin),
        text(&e.device_hash),
        text(&e.ip_hash),
        text(&e.lang),
        opt_text(e.country.as_deref()),
        opt_f64(e.latitude),
        opt_f64(e.longitude),
        text(&e.browser),
        text(&e.device_type),
        text(&e.platform),
        int(e.at),
    ];
    let sql = match row {
        Row::Scan => format!(
            "INSERT INTO play_events ({COLUMNS}) SELECT {VALUES} WHERE NOT EXISTS \
             (SELECT 1 FROM play_events WHERE id_record IS ?3 AND id_application IS ?5 AND device_hash = ?7 \
              AND kind = 'scan' AND date_created > ?16 - {SCAN_DEDUP_SECONDS}) \
             ON CONFLICT (event_id, kind) DO NOTHING"
        ),
        Row::View | Row::Plugin => {
            format!("INSERT INTO play_events ({COLUMNS}) VALUES ({VALUES}) ON CONFLICT (event_id, kind) DO NOTHING")
        }
    };
    statement(db, &sql, &values, "bind play event")
}

/// Dev builds only: whether a test armed a simulated crash for a batch holding
/// an event of this visitor (its IP hash); consumes the switch and counts it.
#[cfg(feature = "dev")]
pub async fn take_crash_switch(db: &D1Database, events: &[InsightEvent]) -> AppResult<bool> {
    let hashes: Vec<&str> = events.iter().map(|e| e.ip_hash.as_str()).collect();
    let hashes = serde_json::to_string(&hashes).context("ip hashes as JSON")?;
    let taken = crate::db::run(
        db,
        "DELETE FROM meta WHERE key = 'consumer_crash_once' AND value IN (SELECT value FROM json_each(?1))",
        &[text(&hashes)],
        "take the consumer crash switch",
    )
    .await?;
    if taken > 0 {
        crate::db::run(
            db,
            "INSERT INTO meta (key, value) VALUES ('consumer_crashes', '1') \
             ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)",
            &[],
            "count a simulated consumer crash",
        )
        .await?;
    }
    Ok(taken > 0)
}
