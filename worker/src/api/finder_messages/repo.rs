//! The queries of finders' messages (table `lost_reports`). Every function is one statement.

use senzu_core::api::finder_messages::FinderMessage;
use senzu_core::api::{ApiDate, Id};
use serde::Deserialize;
use worker::D1Database;

use crate::db::{self, int};
use crate::error::AppResult;

#[derive(Deserialize)]
struct MessageRow {
    id: i64,
    id_product: i64,
    message: String,
    contact: Option<String>,
    date_read: Option<i64>,
    date_created: i64,
}

impl MessageRow {
    fn into_message(self) -> FinderMessage {
        FinderMessage {
            id: self.id,
            id_product: self.id_product,
            message: self.message,
            contact: self.contact,
            is_read: self.date_read.is_some(),
            date_created: ApiDate::from_unix(self.date_created),
        }
    }
}

pub async fn list(db: &D1Database, id_product: Id) -> AppResult<Vec<FinderMessage>> {
    let rows: Vec<MessageRow> = db::all(
        db,
        "SELECT id, id_product, message, contact, date_read, date_created FROM lost_reports \
         WHERE id_product = ?1 ORDER BY id DESC",
        &[int(id_product)],
        "finder messages",
    )
    .await?;
    Ok(rows.into_iter().map(MessageRow::into_message).collect())
}

/// Read (keeping when it was first read) or unread again; the message as it is now.
pub async fn mark(
    db: &D1Database,
    id_product: Id,
    id: Id,
    is_read: bool,
    now: i64,
) -> AppResult<Option<FinderMessage>> {
    let row: Option<MessageRow> = db::first(
        db,
        "UPDATE lost_reports SET date_read = CASE WHEN ?3 = 1 THEN coalesce(date_read, ?4) END \
         WHERE id = ?1 AND id_product = ?2 \
         RETURNING id, id_product, message, contact, date_read, date_created",
        &[int(id), int(id_product), int(i64::from(is_read)), int(now)],
        "mark a finder message",
    )
    .await?;
    Ok(row.map(MessageRow::into_message))
}
