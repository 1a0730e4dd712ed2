//! The queries of plugins. Every function is one statement or one batch.

use senzu_core::api::Id;
use serde::Deserialize;
use worker::D1Database;

use crate::db::{self, int, opt_int, opt_text, text};
use crate::error::{AppResult, Context};

#[derive(Deserialize)]
pub struct PluginRow {
    pub id: i64,
    pub id_application: i64,
    pub application_name: String,
    pub id_plugstore: i64,
    pub kind: String,
    pub plugstore_name: String,
    pub id_parent: Option<i64>,
    pub id_user: Option<i64>,
    pub name: String,
    pub data: String,
    pub filters: Option<String>,
    pub is_locked: i64,
    pub sort_order: Option<i64>,
    pub is_enabled: i64,
    pub date_created: i64,
    pub date_updated: Option<i64>,
    /// Partner credentials, sealed: opened only to be merged or used, never returned.
    pub secrets: Option<String>,
    /// A developer's plugin: its entry's published form and action (JSON), and icon.
    pub spec: Option<String>,
    pub id_icon: Option<i64>,
}

const PLUGIN_SELECT: &str = "SELECT pl.id, pl.id_application, a.name AS application_name, pl.id_plugstore, ps.kind, \
    ps.display_name_en AS plugstore_name, pl.id_parent, pl.id_user, pl.name, pl.data, pl.filters, \
    pl.password_hash IS NOT NULL AS is_locked, pl.sort_order, pl.is_enabled, pl.date_created, pl.date_updated, pl.secrets, \
    ps.spec, ps.id_icon FROM plugins pl JOIN applications a ON a.id = pl.id_application JOIN plugstores ps ON ps.id = pl.id_plugstore";

pub async fn get(db: &D1Database, id: Id) -> AppResult<Option<PluginRow>> {
    db::first(db, &format!("{PLUGIN_SELECT} WHERE pl.id = ?1"), &[int(id)], "plugin").await
}

/// An application's plugins in play order.
pub async fn of_application(db: &D1Database, id_app: Id) -> AppResult<Vec<PluginRow>> {
    let sql =
        format!("{PLUGIN_SELECT} WHERE pl.id_application = ?1 ORDER BY pl.sort_order IS NULL, pl.sort_order, pl.id");
    db::all(db, &sql, &[int(id_app)], "plugins").await
}

#[derive(Deserialize)]
pub struct StoreRow {
    pub kind: String,
    pub display_name_en: String,
    /// A developer's entry's published form and action.
    pub spec: Option<String>,
}

/// A plugstore entry owners may add: published and in the catalogue.
pub async fn published(db: &D1Database, id_store: Id) -> AppResult<Option<StoreRow>> {
    db::first(
        db,
        "SELECT kind, display_name_en, spec FROM plugstores WHERE id = ?1 AND status = 'publish' AND is_enabled = 1",
        &[int(id_store)],
        "plugstore",
    )
    .await
}

/// A new plugin; `sort_order` last by default, enabled by default.
pub struct NewPlugin<'a> {
    pub id_application: Id,
    pub id_plugstore: Id,
    pub id_user: Id,
    pub name: &'a str,
    pub data: &'a str,
    pub filters: Option<&'a str>,
    pub password_hash: Option<&'a str>,
    pub sort_order: Option<i64>,
    pub is_enabled: Option<bool>,
}

pub async fn create(db: &D1Database, new: &NewPlugin<'_>) -> AppResult<Option<Id>> {
    db::id_of(
        db,
        "INSERT INTO plugins (id, id_application, id_plugstore, id_user, name, data, filters, password_hash, sort_order, \
         is_enabled) VALUES ((SELECT next FROM fresh_ids WHERE name = 'plugins'), ?1, ?2, ?3, ?4, ?5, ?6, ?7, \
         COALESCE(?8, (SELECT COALESCE(max(sort_order), 0) + 1 FROM plugins WHERE id_application = ?1)), COALESCE(?9, 1)) \
         RETURNING id",
        &[
            int(new.id_application),
            int(new.id_plugstore),
            int(new.id_user),
            text(new.name),
            text(new.data),
            opt_text(new.filters),
            opt_text(new.password_hash),
            opt_int(new.sort_order),
            opt_int(new.is_enabled.map(i64::from)),
        ],
        "add plugin",
    )
    .await
}

pub async fn seal(db: &D1Database, id: Id, sealed: &str) -> AppResult<()> {
    db::run(db, "UPDATE plugins SET secrets = ?2 WHERE id = ?1", &[int(id), text(sealed)], "seal credentials").await?;
    Ok(())
}

/// What an update changes; `None` keeps, `Some(None)` clears.
pub struct Changes<'a> {
    pub name: Option<&'a str>,
    pub data: Option<&'a str>,
    pub filters: Option<Option<&'a str>>,
    pub password_hash: Option<Option<&'a str>>,
    pub sort_order: Option<i64>,
    pub is_enabled: Option<bool>,
    /// New sealed credentials: the cached partner session goes with the old ones.
    pub secrets: Option<&'a str>,
}

pub async fn update(db: &D1Database, id: Id, c: &Changes<'_>, now: i64) -> AppResult<()> {
    let plugin = db::statement(
        db,
        "UPDATE plugins SET name = COALESCE(?2, name), data = COALESCE(?3, data), \
         filters = CASE WHEN ?4 = 1 THEN ?5 ELSE filters END, \
         password_hash = CASE WHEN ?6 = 1 THEN ?7 ELSE password_hash END, \
         sort_order = COALESCE(?8, sort_order), is_enabled = COALESCE(?9, is_enabled), date_updated = ?10, \
         secrets = COALESCE(?11, secrets) WHERE id = ?1",
        &[
            int(id),
            opt_text(c.name),
            opt_text(c.data),
            int(i64::from(c.filters.is_some())),
            opt_text(c.filters.flatten()),
            int(i64::from(c.password_hash.is_some())),
            opt_text(c.password_hash.flatten()),
            opt_int(c.sort_order),
            opt_int(c.is_enabled.map(i64::from)),
            int(now),
            opt_text(c.secrets),
        ],
        "update plugin",
    )?;
    let mut batch = vec![plugin];
    if c.secrets.is_some() {
        batch.push(db::statement(
            db,
            "DELETE FROM partner_tokens WHERE id_plugin = ?1",
            &[int(id)],
            "drop partner token",
        )?);
    }
    db.batch(batch).await.context("update plugin")?;
    Ok(())
}

pub async fn delete(db: &D1Database, id: Id) -> AppResult<()> {
    db::run(db, "DELETE FROM plugins WHERE id = ?1", &[int(id)], "delete plugin").await?;
    Ok(())
}

/// The ids of an application's plugins.
pub async fn ids(db: &D1Database, id_app: Id) -> AppResult<Vec<Id>> {
    db::ids_of(db, "SELECT id FROM plugins WHERE id_application = ?1", &[int(id_app)], "plugin ids").await
}

/// The new play order, in one batch (a drag-and-drop never leaves it half reordered).
pub async fn reorder(db: &D1Database, ids: &[Id]) -> AppResult<()> {
    let statements = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            db::statement(
                db,
                "UPDATE plugins SET sort_order = ?2 WHERE id = ?1",
                &[int(*id), int(i as i64 + 1)],
                "reorder",
            )
        })
        .collect::<AppResult<Vec<_>>>()?;
    if !statements.is_empty() {
        db.batch(statements).await.context("reorder plugins")?;
    }
    Ok(())
}
