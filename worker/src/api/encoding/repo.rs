//! The queries of encoding: the record of a maker, and its binding to a chip.

use senzu_core::api::products::TokenEncryption;
use senzu_core::api::Id;
use serde::Deserialize;
use worker::D1Database;

use crate::db::{self, int, text};
use crate::error::AppResult;

#[derive(Deserialize)]
pub struct MakersRecord {
    #[serde(default)]
    pub id: i64,
    technology: String,
    token_encryption: String,
    sun_keys: Option<String>,
    pub uid: Option<String>,
}

impl MakersRecord {
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

/// A record of a product of one of the maker's items.
pub async fn record_of_maker(db: &D1Database, id_maker: Id, id_record: Id) -> AppResult<Option<MakersRecord>> {
    db::first(
        db,
        "SELECT r.id, r.technology, r.token_encryption, r.sun_keys, r.uid FROM records r \
         JOIN products p ON p.id = r.id_product JOIN items i ON i.id = p.id_item \
         WHERE r.id = ?1 AND i.id_maker = ?2",
        &[int(id_record), int(id_maker)],
        "record of maker",
    )
    .await
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
    db::all(
        db,
        "SELECT r.id, r.technology, r.token_encryption, r.sun_keys, r.uid FROM records r \
         JOIN products p ON p.id = r.id_product JOIN product_batches b ON b.id = p.id_batch \
         WHERE b.id = ?1 AND b.id_maker = ?2",
        &[int(id_batch), int(id_maker)],
        "records of batch",
    )
    .await
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
