//! The queries of encoding: the record of a maker, and its binding to a chip.

use senzu_core::api::products::TokenEncryption;
use senzu_core::api::Id;
use serde::Deserialize;
use worker::D1Database;

use crate::db::{self, int, text};
use crate::error::{AppResult, Context};

#[derive(Deserialize)]
pub struct MakersRecord {
    #[serde(default)]
    pub id: i64,
    technology: String,
    token_encryption: String,
    sun_keys: Option<String>,
    pub uid: Option<String>,
    key_version: i64,
    key_version_next: Option<i64>,
    last_ctr: Option<i64>,
}

impl MakersRecord {
    /// The key version the chip holds now.
    pub fn key_version(&self) -> u8 {
        u8::try_from(self.key_version).unwrap_or(0)
    }

    /// The version a key rotation waits to re-encode the chip with.
    pub fn rekey_to(&self) -> Option<u8> {
        self.key_version_next.and_then(|v| u8::try_from(v).ok())
    }

    /// The key version to write onto the chip, and the one it holds now if a
    /// rotation waits for it (an encoder authenticates and changes keys with those).
    pub fn versions_to_write(&self) -> (u8, Option<u8>) {
        match (self.uid.is_some(), self.rekey_to()) {
            (true, Some(next)) => (next, Some(self.key_version())),
            _ => (self.key_version(), None),
        }
    }

    /// The highest SDMReadCtr seen from the chip.
    pub fn last_counter(&self) -> u32 {
        self.last_ctr.and_then(|c| u32::try_from(c).ok()).unwrap_or(0)
    }

    /// AES or LRP when the record is a chip keyed by derivation (what encoding writes).
    pub fn dynamic_encryption(&self) -> Option<TokenEncryption> {
        if self.technology != "nfc" || self.sun_keys.as_deref() != Some("derived") {
            return None;
        }
        match self.token_encryption.as_str() {
            "aes-128" => Some(TokenEncryption::Aes128),
            "lrp-128" => Some(TokenEncryption::Lrp128),
            _ => None,
        }
    }
}

const RECORD_COLUMNS: &str =
    "r.id, r.technology, r.token_encryption, r.sun_keys, r.uid, r.key_version, r.key_version_next, r.last_ctr";

/// A record of a product of one of the maker's items.
pub async fn record_of_maker(db: &D1Database, id_maker: Id, id_record: Id) -> AppResult<Option<MakersRecord>> {
    let sql = format!(
        "SELECT {RECORD_COLUMNS} FROM records r \
         JOIN products p ON p.id = r.id_product JOIN items i ON i.id = p.id_item \
         WHERE r.id = ?1 AND i.id_maker = ?2"
    );
    db::first(db, &sql, &[int(id_record), int(id_maker)], "record of maker").await
}

/// Whether another record is bound to this chip.
pub async fn uid_taken(db: &D1Database, uid: &str, id_record: Id) -> AppResult<bool> {
    let other =
        db::id_of(db, "SELECT id FROM records WHERE uid = ?1 AND id != ?2", &[text(uid), int(id_record)], "uid")
            .await?;
    Ok(other.is_some())
}

/// Binds the record to the chip (its taps verify against this UID from now on).
pub async fn bind(db: &D1Database, id_record: Id, uid: &str) -> AppResult<()> {
    db::run(db, "UPDATE records SET uid = ?2 WHERE id = ?1", &[int(id_record), text(uid)], "bind record").await?;
    Ok(())
}

/// Every record of a batch of the maker (none: no such batch of this maker).
pub async fn records_of_batch(db: &D1Database, id_maker: Id, id_batch: Id) -> AppResult<Vec<MakersRecord>> {
    let sql = format!(
        "SELECT {RECORD_COLUMNS} FROM records r \
         JOIN products p ON p.id = r.id_product JOIN product_batches b ON b.id = p.id_batch \
         WHERE b.id = ?1 AND b.id_maker = ?2"
    );
    db::all(db, &sql, &[int(id_batch), int(id_maker)], "records of batch").await
}

fn pairs_json(pairs: &[(Id, String)]) -> String {
    let list: Vec<serde_json::Value> =
        pairs.iter().map(|(id, uid)| serde_json::json!({"id": id, "uid": uid})).collect();
    serde_json::Value::Array(list).to_string()
}

/// Whether a chip of these pairs is bound to a record other than its own.
pub async fn any_uid_taken(db: &D1Database, pairs: &[(Id, String)]) -> AppResult<bool> {
    let found = db::id_of(
        db,
        "SELECT r.id FROM records r JOIN json_each(?1) j ON r.uid = json_extract(j.value, '$.uid') \
         WHERE r.id != CAST(json_extract(j.value, '$.id') AS INTEGER) LIMIT 1",
        &[text(&pairs_json(pairs))],
        "uids taken",
    )
    .await?;
    Ok(found.is_some())
}

/// Binds every record of the pairs to its chip, in one statement.
pub async fn bind_all(db: &D1Database, pairs: &[(Id, String)]) -> AppResult<()> {
    db::run(
        db,
        "UPDATE records SET uid = (SELECT json_extract(j.value, '$.uid') FROM json_each(?1) j \
         WHERE CAST(json_extract(j.value, '$.id') AS INTEGER) = records.id) \
         WHERE id IN (SELECT CAST(json_extract(j.value, '$.id') AS INTEGER) FROM json_each(?1) j)",
        &[text(&pairs_json(pairs))],
        "bind records",
    )
    .await?;
    Ok(())
}

/// A batch's key version (`None`: no such batch of this maker).
pub async fn batch_key_version(db: &D1Database, id_maker: Id, id_batch: Id) -> AppResult<Option<i64>> {
    #[derive(Deserialize)]
    struct Row {
        key_version: i64,
    }
    let row: Option<Row> = db::first(
        db,
        "SELECT key_version FROM product_batches WHERE id = ?1 AND id_maker = ?2",
        &[int(id_batch), int(id_maker)],
        "batch key version",
    )
    .await?;
    Ok(row.map(|r| r.key_version))
}

/// How many of a batch's derived-keys chips wait for a re-encoding, and how many are not encoded.
#[derive(Deserialize)]
pub struct RotationCounts {
    pub to_reencode: i64,
    pub not_encoded: i64,
}

/// Moves a batch to key version `to` in one D1 batch: chips not encoded yet
/// take it at once (nothing holds their old keys); encoded ones wait for it
/// (`key_version_next`), their current version still opening them. Only if the
/// batch is still at `from`, so two rotations at once make one version.
pub async fn rotate(db: &D1Database, id_batch: Id, from: i64, to: i64, now: i64) -> AppResult<Option<RotationCounts>> {
    const CHIPS: &str = "technology = 'nfc' AND sun_keys = 'derived' \
        AND id_product IN (SELECT id FROM products WHERE id_batch = ?1)";
    let batch = db::statement(
        db,
        "UPDATE product_batches SET key_version = ?3, date_updated = ?4 WHERE id = ?1 AND key_version = ?2",
        &[int(id_batch), int(from), int(to), int(now)],
        "bind batch rotation",
    )?;
    // The chips move only while the batch says `to` (a later rotation's target wins).
    let moved = "EXISTS (SELECT 1 FROM product_batches WHERE id = ?1 AND key_version = ?2)";
    let fresh = db::statement(
        db,
        &format!(
            "UPDATE records SET key_version = ?2, key_version_next = NULL WHERE {CHIPS} AND uid IS NULL AND {moved}"
        ),
        &[int(id_batch), int(to)],
        "bind rotation of fresh chips",
    )?;
    let encoded = db::statement(
        db,
        &format!("UPDATE records SET key_version_next = ?2 WHERE {CHIPS} AND uid IS NOT NULL AND {moved}"),
        &[int(id_batch), int(to)],
        "bind rotation of encoded chips",
    )?;
    let counts = db::statement(
        db,
        &format!(
            "SELECT count(CASE WHEN uid IS NOT NULL AND key_version_next = ?2 THEN 1 END) AS to_reencode, \
             count(CASE WHEN uid IS NULL THEN 1 END) AS not_encoded FROM records WHERE {CHIPS}"
        ),
        &[int(id_batch), int(to)],
        "bind rotation counts",
    )?;
    let results = db.batch(vec![batch, fresh, encoded, counts]).await.context("key rotation batch")?;
    let changed = results.first().and_then(|r| r.meta().ok().flatten()).and_then(|m| m.changes).unwrap_or(0);
    if changed == 0 {
        return Ok(None);
    }
    let counts = results
        .get(3)
        .map(|r| r.results::<RotationCounts>())
        .transpose()
        .context("rotation counts")?
        .and_then(|v| v.into_iter().next());
    Ok(counts)
}
