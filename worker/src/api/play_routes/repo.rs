//! The one query of the public play routes themselves (the plays' own are in `crate::plays`).

use senzu_core::api::Id;
use worker::D1Database;

use crate::db::{self, int, text};
use crate::error::AppResult;

/// A share link of a static record's play, made by whoever holds its key.
pub async fn insert_share(
    db: &D1Database,
    id_record: Id,
    id_app: Id,
    public_key: &str,
    now: i64,
    expires: i64,
) -> AppResult<()> {
    db::run(
        db,
        "INSERT INTO share_links (id_record, id_application, public_key, is_enabled, date_expired, date_created) \
         VALUES (?1, ?2, ?3, 1, ?4, ?5)",
        &[int(id_record), int(id_app), text(public_key), int(expires), int(now)],
        "share a play",
    )
    .await?;
    Ok(())
}
