//! The queries of products groups. Every function is one statement or one batch.

use senzu_core::api::groups::{Group, GroupSummary};
use senzu_core::api::{ApiDate, Id, Issuer};
use senzu_core::chmod::{Action, Level};
use serde::Deserialize;
use worker::D1Database;

use crate::db::{self, int, opt_int, opt_text, text};
use crate::error::{AppError, AppResult, Context};

#[derive(Deserialize)]
struct GroupRow {
    id: i64,
    alias_name: String,
    chmod: i64,
    id_issuer: Option<i64>,
    issuer_firstname: Option<String>,
    issuer_lastname: Option<String>,
    products: String,
    date_created: i64,
    date_updated: Option<i64>,
}

impl GroupRow {
    fn products(&self) -> AppResult<Vec<Id>> {
        serde_json::from_str(&self.products).context("group products")
    }

    fn into_group(self) -> AppResult<Group> {
        Ok(Group {
            id: self.id,
            chmod: Level::from_i64(self.chmod),
            products: self.products()?,
            alias_name: self.alias_name,
            issuer: Issuer { id: self.id_issuer, firstname: self.issuer_firstname, lastname: self.issuer_lastname },
            date_created: ApiDate::from_unix(self.date_created),
            date_updated: ApiDate::opt(self.date_updated),
        })
    }
}

/// The groups the user is an enabled member of (chmod ≥ 1).
const MEMBER_OF: &str = "SELECT g.id, g.alias_name, gu.chmod, gu.id_issuer, iu.firstname AS issuer_firstname, \
    iu.lastname AS issuer_lastname, (SELECT json_group_array(p.id) FROM products p WHERE p.id_group = g.id) AS products, \
    g.date_created, g.date_updated FROM group_users gu JOIN product_groups g ON g.id = gu.id_group \
    LEFT JOIN users iu ON iu.id = gu.id_issuer WHERE gu.id_user = ?1 AND gu.is_enabled = 1 AND gu.chmod >= 1";

pub async fn list(db: &D1Database, id_user: Id) -> AppResult<Vec<GroupSummary>> {
    let sql = format!("{MEMBER_OF} ORDER BY g.id");
    let rows: Vec<GroupRow> = db::all(db, &sql, &[int(id_user)], "groups").await?;
    rows.into_iter()
        .map(|g| {
            Ok(GroupSummary {
                id: g.id,
                alias_name: g.alias_name.clone(),
                chmod: Level::from_i64(g.chmod),
                quantity_product: g.products()?.len(),
            })
        })
        .collect()
}

/// One group as its member sees it; `None` when they are not one.
pub async fn get(db: &D1Database, id_user: Id, id: Id) -> AppResult<Option<Group>> {
    let sql = format!("{MEMBER_OF} AND g.id = ?2");
    let row: Option<GroupRow> = db::first(db, &sql, &[int(id_user), int(id)], "group").await?;
    row.map(GroupRow::into_group).transpose()
}

/// A new group owned by its creator (chmod 5), in one batch.
pub async fn create(db: &D1Database, id_owner: Id, alias_name: &str) -> AppResult<Id> {
    let insert = db::statement(
        db,
        "INSERT INTO product_groups (id, id_owner, alias_name) \
         VALUES ((SELECT next FROM fresh_ids WHERE name = 'product_groups'), ?1, ?2)",
        &[int(id_owner), text(alias_name)],
        "create group",
    )?;
    let owner = db::statement(
        db,
        "INSERT INTO group_users (id_group, id_user, chmod, is_enabled) \
         SELECT id, ?1, 5, 1 FROM product_groups WHERE id_owner = ?1 ORDER BY id DESC LIMIT 1 RETURNING id_group AS id",
        &[int(id_owner)],
        "group owner",
    )?;
    let results = db.batch(vec![insert, owner]).await.context("create group")?;
    #[derive(Deserialize)]
    struct Created {
        id: Id,
    }
    let owner_row = results.get(1).ok_or_else(|| AppError::Internal {
        context: "create group",
        cause: "the batch gave no second result".into(),
    })?;
    let created: Vec<Created> = owner_row.results().context("create group")?;
    created
        .first()
        .map(|c| c.id)
        .ok_or_else(|| AppError::Internal { context: "create group", cause: "no row after insert".into() })
}

/// What an update changes: the name, and on every record of the group's
/// products the caller may edit, the application and whether it is enabled.
pub struct Changes<'a> {
    pub alias_name: Option<&'a str>,
    pub application: Option<Option<Id>>,
    pub is_enabled: Option<bool>,
}

pub async fn update(db: &D1Database, id: Id, id_user: Id, changes: &Changes<'_>, now: i64) -> AppResult<()> {
    let group = db::statement(
        db,
        "UPDATE product_groups SET alias_name = COALESCE(?2, alias_name), date_updated = ?3 WHERE id = ?1",
        &[int(id), opt_text(changes.alias_name), int(now)],
        "update group",
    )?;
    let records = db::statement(
        db,
        "UPDATE records SET id_application = CASE WHEN ?2 = 1 THEN ?3 ELSE id_application END, \
         is_enabled = COALESCE(?4, is_enabled) WHERE id_product IN (SELECT id FROM products WHERE id_group = ?1) \
         AND id_product IN (SELECT id_product FROM product_access WHERE id_user = ?5 \
                            GROUP BY id_product HAVING max(chmod) >= ?6)",
        &[
            int(id),
            int(i64::from(changes.application.is_some())),
            opt_int(changes.application.flatten()),
            opt_int(changes.is_enabled.map(i64::from)),
            int(id_user),
            // Only products the caller may edit, with the group's level capped (core::chmod).
            int(i64::from(u8::from(Action::EditBasics.needs()))),
        ],
        "group records",
    )?;
    db.batch(vec![group, records]).await.context("update group")?;
    Ok(())
}

/// The products leave the group (and its members lose them), then it goes.
pub async fn delete(db: &D1Database, id: Id) -> AppResult<()> {
    let ungroup = db::statement(
        db,
        "UPDATE products SET id_group = NULL, id_group_issuer = NULL WHERE id_group = ?1",
        &[int(id)],
        "ungroup",
    )?;
    let group = db::statement(db, "DELETE FROM product_groups WHERE id = ?1", &[int(id)], "delete group")?;
    db.batch(vec![ungroup, group]).await.context("delete group")?;
    Ok(())
}
