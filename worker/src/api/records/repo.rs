//! The queries of a product's records. Every function is one statement.

use senzu_core::api::products::{Record, Technology, TokenEncryption};
use senzu_core::api::{ApiDate, Id};
use serde::Deserialize;
use worker::D1Database;

use crate::db::{self, int, opt_int, opt_text};
use crate::error::AppResult;

#[derive(Deserialize)]
struct RecordRow {
    id: i64,
    id_product: i64,
    id_application: Option<i64>,
    technology: Technology,
    token_encryption: TokenEncryption,
    key: String,
    is_enabled: i64,
    date_created: i64,
}

impl RecordRow {
    /// A static record's play URL is public anyway (it is printed or written
    /// on the chip); a dynamic record's key is not shown.
    fn into_record(self, origin: &str) -> Record {
        let is_static = self.token_encryption == TokenEncryption::Static;
        Record {
            id: self.id,
            id_product: self.id_product,
            id_application: self.id_application,
            technology: self.technology,
            token_encryption: self.token_encryption,
            play_url: is_static.then(|| format!("{origin}/p/{}", self.key)),
            record_key: is_static.then_some(self.key),
            is_enabled: self.is_enabled == 1,
            date_created: ApiDate::from_unix(self.date_created),
        }
    }
}

const RECORD_COLUMNS: &str =
    "id, id_product, id_application, technology, token_encryption, key, is_enabled, date_created";

pub async fn list(db: &D1Database, id_product: Id, origin: &str) -> AppResult<Vec<Record>> {
    let sql = format!("SELECT {RECORD_COLUMNS} FROM records WHERE id_product = ?1 ORDER BY id");
    let rows: Vec<RecordRow> = db::all(db, &sql, &[int(id_product)], "records").await?;
    Ok(rows.into_iter().map(|r| r.into_record(origin)).collect())
}

pub async fn get(db: &D1Database, id_product: Id, id_record: Id, origin: &str) -> AppResult<Option<Record>> {
    let sql = format!("SELECT {RECORD_COLUMNS} FROM records WHERE id = ?1 AND id_product = ?2");
    let row: Option<RecordRow> = db::first(db, &sql, &[int(id_record), int(id_product)], "record").await?;
    Ok(row.map(|r| r.into_record(origin)))
}

#[derive(Deserialize)]
struct MakerRow {
    is_maker: i64,
}

/// Whether the user is the maker of the product's item.
pub async fn is_maker(db: &D1Database, id_product: Id, id_user: Id) -> AppResult<bool> {
    let row: Option<MakerRow> = db::first(
        db,
        "SELECT EXISTS (SELECT 1 FROM products p JOIN items i ON i.id = p.id_item JOIN makers m ON m.id = i.id_maker \
         WHERE p.id = ?1 AND m.id_user = ?2) AS is_maker",
        &[int(id_product), int(id_user)],
        "maker of product",
    )
    .await?;
    Ok(row.is_some_and(|r| r.is_maker == 1))
}

/// What an update changes (`None` keeps a field); `application` is `Some(None)` to detach it.
pub struct Changes {
    pub application: Option<Option<Id>>,
    pub is_enabled: Option<bool>,
    pub technology: Option<Technology>,
}

pub async fn update(db: &D1Database, id_product: Id, id_record: Id, changes: &Changes) -> AppResult<()> {
    db::run(
        db,
        "UPDATE records SET id_application = CASE WHEN ?3 = 1 THEN ?4 ELSE id_application END, \
         is_enabled = COALESCE(?5, is_enabled), technology = COALESCE(?6, technology) WHERE id = ?1 AND id_product = ?2",
        &[
            int(id_record),
            int(id_product),
            int(i64::from(changes.application.is_some())),
            opt_int(changes.application.flatten()),
            opt_int(changes.is_enabled.map(i64::from)),
            opt_text(changes.technology.map(Technology::as_str)),
        ],
        "update record",
    )
    .await?;
    Ok(())
}
