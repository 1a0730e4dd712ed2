//! The queries of contacts (table `contacts`, migration 0018). Every function
//! is one statement. Which contacts a user sees is decided in Rust by
//! core::contacts::visible_from over the rows these return (their chmod on the
//! application and the plugin's data), so the rule has one home.

use senzu_core::api::contacts::Contact;
use senzu_core::api::{ApiDate, Id};
use senzu_core::chmod::Level;
use senzu_core::contacts;
use serde::Deserialize;
use worker::D1Database;

use crate::db::{self, int, opt_int, opt_text, text};
use crate::error::AppResult;

/// Beyond this many, a user's list is the newest ones (an export says so by its size).
const MOST: i64 = 5_000;

#[derive(Deserialize)]
struct ContactRow {
    id: i64,
    id_application: i64,
    id_plugin: Option<i64>,
    id_record: Option<i64>,
    id_product: Option<i64>,
    application_name: String,
    name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    company: Option<String>,
    note: Option<String>,
    tags: String,
    owner_note: Option<String>,
    date_created: i64,
    date_updated: Option<i64>,
    /// The caller's level on the application, and the plugin's data (its `visible_from`).
    chmod: i64,
    plugin_data: Option<String>,
}

impl ContactRow {
    fn visible(&self) -> bool {
        let data: serde_json::Map<String, serde_json::Value> =
            self.plugin_data.as_deref().and_then(|d| serde_json::from_str(d).ok()).unwrap_or_default();
        Level::from_i64(self.chmod) >= contacts::visible_from(&data)
    }

    fn into_contact(self) -> Contact {
        Contact {
            id: self.id,
            id_application: self.id_application,
            id_plugin: self.id_plugin,
            id_record: self.id_record,
            id_product: self.id_product,
            application_name: self.application_name,
            name: self.name,
            email: self.email,
            phone: self.phone,
            company: self.company,
            note: self.note,
            tags: serde_json::from_str(&self.tags).unwrap_or_default(),
            owner_note: self.owner_note,
            date_created: ApiDate::from_unix(self.date_created),
            date_updated: ApiDate::opt(self.date_updated),
        }
    }
}

const SELECT: &str = "SELECT c.id, c.id_application, c.id_plugin, c.id_record, c.id_product, \
    COALESCE(a.alias_name, a.name) AS application_name, c.name, c.email, c.phone, c.company, c.note, c.tags, \
    c.owner_note, c.date_created, c.date_updated, au.chmod, pl.data AS plugin_data \
    FROM contacts c JOIN applications a ON a.id = c.id_application \
    JOIN application_users au ON au.id_application = c.id_application AND au.id_user = ?1 AND au.is_enabled = 1 \
    LEFT JOIN plugins pl ON pl.id = c.id_plugin";

fn visible(rows: Vec<ContactRow>) -> Vec<Contact> {
    rows.into_iter().filter(ContactRow::visible).map(ContactRow::into_contact).collect()
}

/// The contacts `id_user` may see, newest first (of one application if given).
pub async fn visible_to(db: &D1Database, id_user: Id, id_application: Option<Id>) -> AppResult<Vec<Contact>> {
    let sql = format!("{SELECT} WHERE (?2 IS NULL OR c.id_application = ?2) ORDER BY c.id DESC LIMIT ?3");
    let rows: Vec<ContactRow> =
        db::all(db, &sql, &[int(id_user), opt_int(id_application), int(MOST)], "contacts").await?;
    Ok(visible(rows))
}

/// One contact, if `id_user` may see it.
pub async fn one(db: &D1Database, id_user: Id, id: Id) -> AppResult<Option<Contact>> {
    let sql = format!("{SELECT} WHERE c.id = ?2");
    let rows: Vec<ContactRow> = db::all(db, &sql, &[int(id_user), int(id)], "contact").await?;
    Ok(visible(rows).into_iter().next())
}

/// The owner's tags and note: `None` keeps a field, `Some(None)` clears it.
pub async fn update(
    db: &D1Database,
    id: Id,
    tags: Option<&[String]>,
    owner_note: Option<Option<&str>>,
    now: i64,
) -> AppResult<()> {
    let tags = tags.map(|t| serde_json::Value::from(t.to_vec()).to_string());
    db::run(
        db,
        "UPDATE contacts SET tags = COALESCE(?2, tags), \
         owner_note = CASE WHEN ?3 = 1 THEN ?4 ELSE owner_note END, date_updated = ?5 WHERE id = ?1",
        &[
            int(id),
            opt_text(tags.as_deref()),
            int(i64::from(owner_note.is_some())),
            opt_text(owner_note.flatten()),
            int(now),
        ],
        "update contact",
    )
    .await?;
    Ok(())
}

pub async fn delete(db: &D1Database, id: Id) -> AppResult<bool> {
    Ok(db::run(db, "DELETE FROM contacts WHERE id = ?1", &[int(id)], "delete contact").await? > 0)
}

/// The visitor's own deletion, by the hash of their mail's token: the id deleted.
pub async fn forget(db: &D1Database, forget_hash: &str) -> AppResult<Option<Id>> {
    db::id_of(db, "DELETE FROM contacts WHERE forget_hash = ?1 RETURNING id", &[text(forget_hash)], "forget contact")
        .await
}
