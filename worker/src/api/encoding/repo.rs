//! The queries of encoding: the record of a maker, and its binding to a chip.

use senzu_core::api::products::TokenEncryption;
use senzu_core::api::Id;
use serde::Deserialize;
use worker::D1Database;

use crate::db::{self, int, text};
use crate::error::AppResult;

#[derive(Deserialize)]
pub struct MakersRecord {
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
        "SELECT r.technology, r.token_encryption, r.sun_keys, r.uid FROM records r \
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
