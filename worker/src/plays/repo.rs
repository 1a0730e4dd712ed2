//! D1 access for plays: one read that brings the whole play, one write batch
//! that advances a dynamic record's counter and reads it back (with the play,
//! for a tap already verified), and a finder's message. Insight rows are the queue consumer's (events/repo.rs).

use serde::Deserialize;
use worker::wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use crate::error::{AppResult, Context};

/// Everything a play needs, from one query.
#[derive(Debug, Deserialize)]
pub struct PlayRow {
    pub id_record: Option<i64>,
    pub id_product: Option<i64>,
    pub token_encryption: Option<String>,
    pub sun_keys: Option<String>,
    /// The chip a dynamic record is bound to (hex); None until it is encoded.
    pub uid: Option<String>,
    /// The key version the chip holds, and the one a key rotation waits for (migration 0021).
    pub key_version: Option<i64>,
    pub key_version_next: Option<i64>,
    pub record_enabled: Option<i64>,
    pub is_activated: Option<i64>,
    pub is_lost: Option<i64>,
    pub lost_message: Option<String>,
    pub id_application: Option<i64>,
    pub name: Option<String>,
    pub alias_name: Option<String>,
    pub subtitle: Option<String>,
    pub url_image: Option<String>,
    pub color: Option<String>,
    pub background_color: Option<String>,
    pub app_password: Option<String>,
    pub app_enabled: Option<i64>,
    /// JSON array of [`PluginRow`].
    pub plugins: Option<String>,
    /// Share links only.
    pub share_enabled: Option<i64>,
    pub date_expired: Option<i64>,
}

#[derive(Debug, Deserialize)]
pub struct PluginRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    /// The plugin's data, itself JSON text.
    pub data: String,
    pub password_hash: Option<String>,
    pub sort_order: Option<i64>,
    /// A schedule (core::schedule) as JSON text, if the plugin shows only at times.
    pub filters: Option<String>,
    /// Partner plugins: the owner's sealed credentials and a sealed cached token.
    pub secrets: Option<String>,
    pub token: Option<String>,
    pub token_until: Option<i64>,
    /// A developer's plugin: its published version's form and action (JSON) and icon.
    #[serde(default)]
    pub spec: Option<String>,
    #[serde(default)]
    pub id_icon: Option<i64>,
}

const APP_COLUMNS: &str = "a.id AS id_application, a.name, a.alias_name, a.subtitle, a.url_image, a.color, \
    a.background_color, a.password_hash AS app_password, a.is_enabled AS app_enabled, \
    (SELECT json_group_array(json_object('id', pl.id, 'name', pl.name, 'kind', ps.kind, 'data', pl.data, \
        'password_hash', pl.password_hash, 'sort_order', pl.sort_order, 'filters', pl.filters, \
        'secrets', pl.secrets, 'token', pt.token_sealed, 'token_until', pt.valid_until, \
        'spec', ps.spec, 'id_icon', ps.id_icon)) \
       FROM plugins pl JOIN plugstores ps ON ps.id = pl.id_plugstore \
       LEFT JOIN partner_tokens pt ON pt.id_plugin = pl.id \
      WHERE pl.id_application = a.id AND pl.is_enabled = 1 AND ps.status = 'publish') AS plugins";

const RECORD_COLUMNS: &str = "r.id AS id_record, r.id_product, r.token_encryption, r.sun_keys, r.uid, \
    r.key_version, r.key_version_next, \
    r.is_enabled AS record_enabled, p.is_activated, p.is_lost, p.lost_message";

fn int(v: i64) -> JsValue {
    JsValue::from_f64(v as f64)
}

pub async fn by_key(db: &D1Database, key: &str) -> AppResult<Option<PlayRow>> {
    let sql = format!(
        "SELECT {RECORD_COLUMNS}, {APP_COLUMNS} FROM records r JOIN products p ON p.id = r.id_product \
         LEFT JOIN applications a ON a.id = r.id_application WHERE r.key = ?1"
    );
    db.prepare(&sql)
        .bind(&[JsValue::from_str(key)])
        .context("bind play by key")?
        .first(None)
        .await
        .context("play by key")
}

fn by_id_sql() -> String {
    format!(
        "SELECT {RECORD_COLUMNS}, {APP_COLUMNS} FROM records r JOIN products p ON p.id = r.id_product \
         LEFT JOIN applications a ON a.id = r.id_application WHERE r.id = ?1"
    )
}

pub async fn by_id(db: &D1Database, id_record: i64) -> AppResult<Option<PlayRow>> {
    db.prepare(by_id_sql()).bind(&[int(id_record)]).context("bind play by id")?.first(None).await.context("play by id")
}

pub async fn by_share(db: &D1Database, public_key: &str) -> AppResult<Option<PlayRow>> {
    let sql = format!(
        "SELECT (s.is_enabled = 1 AND (s.id_creator IS NULL OR EXISTS (SELECT 1 FROM application_users au \
            WHERE au.id_application = s.id_application AND au.id_user = s.id_creator AND au.is_enabled = 1 \
            AND au.chmod >= 4))) AS share_enabled, s.date_expired, s.id_record AS id_record, r.id_product, \
         'static' AS token_encryption, NULL AS sun_keys, NULL AS uid, 0 AS key_version, \
         NULL AS key_version_next, COALESCE(r.is_enabled, 1) AS record_enabled, \
         COALESCE(p.is_activated, 1) AS is_activated, COALESCE(p.is_lost, 0) AS is_lost, p.lost_message, \
         {APP_COLUMNS} FROM share_links s JOIN applications a ON a.id = s.id_application \
         LEFT JOIN records r ON r.id = s.id_record LEFT JOIN products p ON p.id = r.id_product \
         WHERE s.public_key = ?1"
    );
    db.prepare(&sql).bind(&[JsValue::from_str(public_key)]).context("bind share")?.first(None).await.context("share")
}

#[derive(Debug, Deserialize)]
struct CounterRow {
    last_ctr: Option<i64>,
    window_start: Option<i64>,
}

/// Outcome of the anti-replay batch.
pub struct Advance {
    pub advanced: bool,
    pub last_ctr: Option<u32>,
    pub window_start: Option<i64>,
}

/// Atomically advances the counter if `ctr` is above the stored one, then reads
/// the row back — one D1 batch, so parallel taps of one counter see one winner.
/// `promote`: the tap verified under the key version a rotation waits for, which
/// proves the chip was re-encoded: it becomes the record's only version.
pub async fn advance_counter(
    db: &D1Database,
    id_record: i64,
    ctr: u32,
    now: i64,
    promote: Option<u8>,
) -> AppResult<Advance> {
    let promote = promote.map_or(JsValue::NULL, |v| int(i64::from(v)));
    let update = db
        .prepare(
            "UPDATE records SET last_ctr = ?2, window_start = ?3, key_version = COALESCE(?4, key_version), \
             key_version_next = CASE WHEN ?4 IS NULL THEN key_version_next END \
             WHERE id = ?1 AND (last_ctr IS NULL OR last_ctr < ?2) AND (?4 IS NULL OR key_version_next = ?4)",
        )
        .bind(&[int(id_record), int(i64::from(ctr)), int(now), promote])
        .context("bind counter update")?;
    let results = db.batch(vec![update, counter_read(db, id_record)?]).await.context("counter batch")?;
    advance_of(&results)
}

/// A tap already verified under derived keys (plays::derived_tap), in one D1
/// batch: the counter advances only if the record is enabled, of this mode,
/// keyed by derivation at version 0 and bound to this chip (what the full check requires
/// before the counter moves); then the counter and the whole play are read back.
pub async fn verified_tap(
    db: &D1Database,
    id_record: i64,
    encryption: &str,
    uid_hex: &str,
    ctr: u32,
    now: i64,
) -> AppResult<(Option<PlayRow>, Advance)> {
    let update = crate::db::statement(
        db,
        "UPDATE records SET last_ctr = ?2, window_start = ?3 \
         WHERE id = ?1 AND (last_ctr IS NULL OR last_ctr < ?2) AND is_enabled = 1 AND token_encryption = ?4 \
         AND sun_keys = 'derived' AND key_version = 0 AND upper(uid) = upper(?5)",
        &[int(id_record), int(i64::from(ctr)), int(now), JsValue::from_str(encryption), JsValue::from_str(uid_hex)],
        "bind verified counter update",
    )?;
    let play = db.prepare(by_id_sql()).bind(&[int(id_record)]).context("bind play by id")?;
    let results = db.batch(vec![update, counter_read(db, id_record)?, play]).await.context("verified tap batch")?;
    let row: Option<PlayRow> = results
        .get(2)
        .map(|r| r.results::<PlayRow>())
        .transpose()
        .context("verified tap's play")?
        .and_then(|v| v.into_iter().next());
    Ok((row, advance_of(&results)?))
}

fn counter_read(db: &D1Database, id_record: i64) -> AppResult<D1PreparedStatement> {
    db.prepare("SELECT last_ctr, window_start FROM records WHERE id = ?1")
        .bind(&[int(id_record)])
        .context("bind counter read")
}

/// The outcome of a counter batch: its UPDATE first, its counter read second.
fn advance_of(results: &[worker::D1Result]) -> AppResult<Advance> {
    let advanced = results.first().and_then(|r| r.meta().ok().flatten()).and_then(|m| m.changes).is_some_and(|c| c > 0);
    let row: Option<CounterRow> = results
        .get(1)
        .map(|r| r.results::<CounterRow>())
        .transpose()
        .context("counter row")?
        .and_then(|v| v.into_iter().next());
    Ok(Advance {
        advanced,
        last_ctr: row.as_ref().and_then(|r| r.last_ctr).and_then(|c| u32::try_from(c).ok()),
        window_start: row.and_then(|r| r.window_start),
    })
}

pub fn insert_lost_report(
    db: &D1Database,
    id_product: i64,
    message: &str,
    contact: Option<&str>,
) -> AppResult<D1PreparedStatement> {
    crate::db::statement(
        db,
        "INSERT INTO lost_reports (id_product, message, contact) VALUES (?1, ?2, ?3)",
        &[int(id_product), crate::db::text(message), crate::db::opt_text(contact)],
        "bind lost report",
    )
}

/// Who a finder's message goes to: the product's owner.
#[derive(serde::Deserialize)]
pub struct LostOwner {
    pub email: String,
    pub firstname: Option<String>,
    pub language: String,
    pub alias: Option<String>,
}

pub async fn lost_owner(db: &D1Database, id_product: i64) -> AppResult<Option<LostOwner>> {
    crate::db::first(
        db,
        "SELECT u.email, u.firstname, u.language, p.alias FROM products p JOIN users u ON u.id = p.id_owner \
         WHERE p.id = ?1",
        &[int(id_product)],
        "lost product's owner",
    )
    .await
}

/// What a visitor left, as the exchange keeps it.
pub struct NewContact<'a> {
    pub id_application: i64,
    pub id_plugin: i64,
    pub id_record: Option<i64>,
    pub id_product: Option<i64>,
    pub exchange: &'a senzu_core::contacts::Exchange,
    pub forget_hash: &'a str,
    pub now: i64,
}

pub fn insert_contact(db: &D1Database, c: &NewContact<'_>) -> AppResult<D1PreparedStatement> {
    use crate::db::{opt_int, opt_text};
    let e = c.exchange;
    crate::db::statement(
        db,
        "INSERT INTO contacts (id_application, id_plugin, id_record, id_product, name, email, phone, company, note, \
         forget_hash, date_created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        &[
            int(c.id_application),
            int(c.id_plugin),
            opt_int(c.id_record),
            opt_int(c.id_product),
            opt_text(e.name.as_deref()),
            opt_text(e.email.as_deref()),
            opt_text(e.phone.as_deref()),
            opt_text(e.company.as_deref()),
            opt_text(e.note.as_deref()),
            crate::db::text(c.forget_hash),
            int(c.now),
        ],
        "bind contact",
    )
}

/// Who an application's contacts are mailed to: its owner, and what the play is called.
#[derive(serde::Deserialize)]
pub struct AppOwner {
    pub email: String,
    pub firstname: Option<String>,
    pub language: String,
    pub title: String,
}

pub async fn app_owner(db: &D1Database, id_application: i64) -> AppResult<Option<AppOwner>> {
    crate::db::first(
        db,
        "SELECT u.email, u.firstname, u.language, COALESCE(a.alias_name, a.name) AS title \
         FROM applications a JOIN users u ON u.id = a.id_owner WHERE a.id = ?1",
        &[int(id_application)],
        "application's owner",
    )
    .await
}
