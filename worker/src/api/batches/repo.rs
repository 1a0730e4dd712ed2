//! The queries of batches. A chunk is one D1 batch: its products, their
//! records and the batch's progress commit together or not at all.

use senzu_core::api::batches::{Batch, RecordsTemplate};
use senzu_core::api::{ApiDate, Id};
use serde::Deserialize;
use worker::D1Database;

use crate::db::{self, int, opt_text, text};
use crate::error::{AppResult, Context};

#[derive(Deserialize)]
pub struct BatchRow {
    id: i64,
    id_maker: i64,
    id_item: i64,
    reference: String,
    quantity: i64,
    made: i64,
    /// The template's canonical JSON.
    pub records: String,
    key_version: i64,
    date_created: i64,
    date_updated: Option<i64>,
}

impl BatchRow {
    pub fn made(&self) -> u32 {
        u32::try_from(self.made).unwrap_or(0)
    }

    pub fn quantity(&self) -> u32 {
        u32::try_from(self.quantity).unwrap_or(0)
    }

    pub fn id(&self) -> Id {
        self.id
    }

    pub fn id_item(&self) -> Id {
        self.id_item
    }

    pub fn reference(&self) -> &str {
        &self.reference
    }

    pub fn into_batch(self) -> Batch {
        let records = RecordsTemplate::parse(&self.records).map(|t| t.to_string()).unwrap_or(self.records);
        Batch {
            id: self.id,
            id_maker: self.id_maker,
            id_item: self.id_item,
            is_complete: self.made >= self.quantity,
            reference: self.reference,
            quantity: u32::try_from(self.quantity).unwrap_or(0),
            made: u32::try_from(self.made).unwrap_or(0),
            records,
            key_version: u8::try_from(self.key_version).unwrap_or(0),
            date_created: ApiDate::from_unix(self.date_created),
            date_updated: ApiDate::opt(self.date_updated),
        }
    }
}

const COLUMNS: &str =
    "id, id_maker, id_item, reference, quantity, made, records, key_version, date_created, date_updated";

pub async fn list(db: &D1Database, id_maker: Id) -> AppResult<Vec<Batch>> {
    let sql = format!("SELECT {COLUMNS} FROM product_batches WHERE id_maker = ?1 ORDER BY id");
    let rows: Vec<BatchRow> = db::all(db, &sql, &[int(id_maker)], "batches").await?;
    Ok(rows.into_iter().map(BatchRow::into_batch).collect())
}

pub async fn get(db: &D1Database, id_maker: Id, id: Id) -> AppResult<Option<BatchRow>> {
    let sql = format!("SELECT {COLUMNS} FROM product_batches WHERE id = ?1 AND id_maker = ?2");
    db::first(db, &sql, &[int(id), int(id_maker)], "batch").await
}

pub async fn by_key(db: &D1Database, id_maker: Id, key: &str) -> AppResult<Option<BatchRow>> {
    let sql = format!("SELECT {COLUMNS} FROM product_batches WHERE id_maker = ?1 AND idempotency_key = ?2");
    db::first(db, &sql, &[int(id_maker), text(key)], "batch by key").await
}

pub struct NewBatch<'a> {
    pub id_item: Id,
    pub key: Option<&'a str>,
    pub reference: &'a str,
    pub quantity: u32,
    pub records: &'a RecordsTemplate,
}

/// The new batch, or `None` when another request took the same key first.
pub async fn create(db: &D1Database, id_maker: Id, b: &NewBatch<'_>, now: i64) -> AppResult<Option<BatchRow>> {
    let sql = format!(
        "INSERT INTO product_batches (id_maker, id_item, idempotency_key, reference, quantity, records, date_created) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (id_maker, idempotency_key) DO NOTHING RETURNING {COLUMNS}"
    );
    db::first(
        db,
        &sql,
        &[
            int(id_maker),
            int(b.id_item),
            opt_text(b.key),
            text(b.reference),
            int(i64::from(b.quantity)),
            text(&b.records.to_json()),
            int(now),
        ],
        "create batch",
    )
    .await
}

/// Makes positions `[start, end)`: the products (once each, by position), a
/// record of each template entry for those still without records, keyed from
/// `keys` (32 hex each, product-major), and the batch's progress.
pub async fn make_chunk(
    db: &D1Database,
    batch: &BatchRow,
    (start, end): (u32, u32),
    keys: &[String],
    now: i64,
) -> AppResult<()> {
    let per_product = i64::try_from(keys.len() / (end - start).max(1) as usize).unwrap_or(1);
    let keys = serde_json::to_string(keys).context("chunk keys")?;
    // Numbers reach D1 as JavaScript numbers (REAL): the JSON path and the positions are cast.
    let products = db::statement(
        db,
        "WITH RECURSIVE position(n) AS (SELECT CAST(?2 AS INTEGER) UNION ALL SELECT n + 1 FROM position WHERE n + 1 < ?3) \
         INSERT OR IGNORE INTO products (id_item, reference, id_batch, batch_position, is_activated, date_created) \
         SELECT ?4, ?5 || '-' || printf('%05d', n + 1), ?1, n, 0, ?6 FROM position",
        &[
            int(batch.id),
            int(i64::from(start)),
            int(i64::from(end)),
            int(batch.id_item),
            text(&batch.reference),
            int(now),
        ],
        "batch products",
    )?;
    let records = db::statement(
        db,
        "INSERT INTO records (id_product, technology, token_encryption, key, sun_keys, key_version, date_created) \
         SELECT p.id, json_extract(t.value, '$.technology'), json_extract(t.value, '$.token_encryption'), \
         json_extract(?5, '$[' || CAST((p.batch_position - ?2) * ?4 + t.key AS INTEGER) || ']'), \
         CASE json_extract(t.value, '$.token_encryption') WHEN 'static' THEN NULL ELSE 'derived' END, \
         CASE json_extract(t.value, '$.token_encryption') WHEN 'static' THEN 0 \
            ELSE (SELECT b.key_version FROM product_batches b WHERE b.id = ?1) END, ?7 \
         FROM products p, json_each(?6) t \
         WHERE p.id_batch = ?1 AND p.batch_position >= ?2 AND p.batch_position < ?3 \
         AND NOT EXISTS (SELECT 1 FROM records r WHERE r.id_product = p.id)",
        &[
            int(batch.id),
            int(i64::from(start)),
            int(i64::from(end)),
            int(per_product),
            text(&keys),
            text(&batch.records),
            int(now),
        ],
        "batch records",
    )?;
    let progress = db::statement(
        db,
        "UPDATE product_batches SET made = max(made, ?2), date_updated = ?3 WHERE id = ?1",
        &[int(batch.id), int(i64::from(end)), int(now)],
        "batch progress",
    )?;
    db.batch(vec![products, records, progress]).await.context("make batch chunk")?;
    Ok(())
}
