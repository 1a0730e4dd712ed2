//! The queries of share links. Every function is one statement.

use senzu_core::api::shares::Share;
use senzu_core::api::{ApiDate, Id};
use serde::Deserialize;
use worker::D1Database;

use crate::db::{self, int, opt_int, text};
use crate::error::AppResult;

#[derive(Deserialize)]
pub struct ShareRow {
    pub id: i64,
    pub id_record: Option<i64>,
    pub id_application: i64,
    pub id_application_master: Option<i64>,
    pub id_creator: Option<i64>,
    pub public_key: String,
    pub is_enabled: i64,
    pub date_expired: Option<i64>,
    pub date_created: i64,
}

impl ShareRow {
    pub fn into_share(self, origin: &str, now: i64) -> Share {
        Share {
            id: self.id,
            id_record: self.id_record,
            id_application: self.id_application,
            id_application_master: self.id_application_master,
            id_creator: self.id_creator,
            url: format!("{origin}/s/{}", self.public_key),
            public_key: self.public_key,
            is_enabled: self.is_enabled == 1,
            is_expired: self.date_expired.is_some_and(|t| t <= now),
            date_created: ApiDate::from_unix(self.date_created),
            date_expired: ApiDate::opt(self.date_expired),
        }
    }
}

const SHARE_COLUMNS: &str =
    "id, id_record, id_application, id_application_master, id_creator, public_key, is_enabled, date_expired, date_created";

/// An application's links, newest first.
pub async fn of_application(db: &D1Database, id_app: Id) -> AppResult<Vec<ShareRow>> {
    let sql = format!("SELECT {SHARE_COLUMNS} FROM share_links WHERE id_application = ?1 ORDER BY id DESC");
    db::all(db, &sql, &[int(id_app)], "application shares").await
}

/// A record's links, newest first.
pub async fn of_record(db: &D1Database, id_record: Id) -> AppResult<Vec<ShareRow>> {
    let sql = format!("SELECT {SHARE_COLUMNS} FROM share_links WHERE id_record = ?1 ORDER BY id DESC");
    db::all(db, &sql, &[int(id_record)], "record shares").await
}

pub async fn get(db: &D1Database, id: Id) -> AppResult<Option<ShareRow>> {
    let sql = format!("SELECT {SHARE_COLUMNS} FROM share_links WHERE id = ?1");
    db::first(db, &sql, &[int(id)], "share").await
}

/// The product of a record, if the record exists.
pub async fn product_of_record(db: &D1Database, id_record: Id) -> AppResult<Option<Id>> {
    db::id_of(db, "SELECT id_product AS id FROM records WHERE id = ?1", &[int(id_record)], "record product").await
}

/// What a new link is.
pub struct NewShare<'a> {
    pub id_record: Option<Id>,
    pub id_application: Id,
    pub id_creator: Id,
    pub public_key: &'a str,
    pub date_expired: Option<i64>,
}

pub async fn create(db: &D1Database, new: &NewShare<'_>, now: i64) -> AppResult<Option<ShareRow>> {
    let sql = format!(
        "INSERT INTO share_links (id_record, id_application, id_creator, public_key, is_enabled, date_expired, date_created) \
         VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6) RETURNING {SHARE_COLUMNS}"
    );
    let args = [
        opt_int(new.id_record),
        int(new.id_application),
        int(new.id_creator),
        text(new.public_key),
        opt_int(new.date_expired),
        int(now),
    ];
    db::first(db, &sql, &args, "create share").await
}

pub async fn update(db: &D1Database, id: Id, date_expired: Option<i64>, is_enabled: Option<bool>) -> AppResult<()> {
    db::run(
        db,
        "UPDATE share_links SET date_expired = COALESCE(?2, date_expired), is_enabled = COALESCE(?3, is_enabled) WHERE id = ?1",
        &[int(id), opt_int(date_expired), opt_int(is_enabled.map(i64::from))],
        "update share",
    )
    .await?;
    Ok(())
}

pub async fn delete(db: &D1Database, id: Id) -> AppResult<()> {
    db::run(db, "DELETE FROM share_links WHERE id = ?1", &[int(id)], "delete share").await?;
    Ok(())
}
