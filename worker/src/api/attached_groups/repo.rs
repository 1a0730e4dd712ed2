//! The queries of a maker's attached groups. Every function is one statement.

use senzu_core::api::attached_groups::{AttachedGroup, AttachedGroupSummary};
use senzu_core::api::{ApiDate, Id};
use serde::Deserialize;
use worker::D1Database;

use crate::db::{self, int, opt_text, text};
use crate::error::AppResult;

#[derive(Deserialize)]
struct GroupRow {
    id: i64,
    id_maker: i64,
    reference: String,
    alias_name: Option<String>,
    date_created: i64,
    date_updated: Option<i64>,
}

impl GroupRow {
    fn into_group(self) -> AttachedGroup {
        AttachedGroup {
            id: self.id,
            id_maker: self.id_maker,
            attached: None,
            reference: self.reference,
            alias_name: self.alias_name,
            date_created: ApiDate::from_unix(self.date_created),
            date_updated: ApiDate::opt(self.date_updated),
        }
    }
}

const COLUMNS: &str = "id, id_maker, reference, alias_name, date_created, date_updated";

pub async fn list(db: &D1Database, id_maker: Id) -> AppResult<Vec<AttachedGroupSummary>> {
    let sql = format!("SELECT {COLUMNS} FROM attached_groups WHERE id_maker = ?1 ORDER BY id");
    let rows: Vec<GroupRow> = db::all(db, &sql, &[int(id_maker)], "attached groups").await?;
    Ok(rows
        .into_iter()
        .map(|g| AttachedGroupSummary {
            id: g.id,
            reference: g.reference,
            date_created: ApiDate::from_unix(g.date_created),
        })
        .collect())
}

pub async fn get(db: &D1Database, id_maker: Id, id: Id) -> AppResult<Option<AttachedGroup>> {
    let sql = format!("SELECT {COLUMNS} FROM attached_groups WHERE id = ?1 AND id_maker = ?2");
    let row: Option<GroupRow> = db::first(db, &sql, &[int(id), int(id_maker)], "attached group").await?;
    Ok(row.map(GroupRow::into_group))
}

pub async fn create(
    db: &D1Database,
    id_maker: Id,
    reference: &str,
    alias_name: Option<&str>,
) -> AppResult<Option<AttachedGroup>> {
    let sql = format!(
        "INSERT INTO attached_groups (id_maker, reference, alias_name) VALUES (?1, ?2, ?3) RETURNING {COLUMNS}"
    );
    let row: Option<GroupRow> =
        db::first(db, &sql, &[int(id_maker), text(reference), opt_text(alias_name)], "create attached group").await?;
    Ok(row.map(GroupRow::into_group))
}

pub async fn update(
    db: &D1Database,
    id_maker: Id,
    id: Id,
    reference: Option<&str>,
    alias_name: Option<&str>,
    now: i64,
) -> AppResult<Option<AttachedGroup>> {
    let sql = format!(
        "UPDATE attached_groups SET reference = COALESCE(?3, reference), alias_name = COALESCE(?4, alias_name), \
         date_updated = ?5 WHERE id = ?1 AND id_maker = ?2 RETURNING {COLUMNS}"
    );
    let row: Option<GroupRow> = db::first(
        db,
        &sql,
        &[int(id), int(id_maker), opt_text(reference), opt_text(alias_name), int(now)],
        "update attached group",
    )
    .await?;
    Ok(row.map(GroupRow::into_group))
}

/// Its products are simply no longer attached.
pub async fn delete(db: &D1Database, id: Id) -> AppResult<()> {
    db::run(db, "DELETE FROM attached_groups WHERE id = ?1", &[int(id)], "delete attached group").await?;
    Ok(())
}
