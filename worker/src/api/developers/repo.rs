//! The queries of developer accounts (one per account, `developers.id_user` is unique).

use senzu_core::api::developers::{Developer, DeveloperSummary};
use senzu_core::api::{ApiDate, Id};
use serde::Deserialize;
use worker::D1Database;

use crate::db::{self, int, opt_int, opt_text};
use crate::error::{AppResult, Context};

#[derive(Deserialize)]
struct DeveloperRow {
    id: i64,
    id_user: i64,
    id_image: Option<i64>,
    file_name: Option<String>,
    reference: String,
    alias_name: Option<String>,
    contact_email: String,
    url: Option<String>,
    is_enabled: i64,
    is_verified: i64,
    date_created: i64,
    date_updated: Option<i64>,
}

impl DeveloperRow {
    fn into_developer(self) -> Developer {
        Developer {
            id: self.id,
            id_user: self.id_user,
            id_image: self.id_image,
            url_image: self.file_name.map(|f| format!("/files/{f}")),
            id_company: None,
            id_currency: 1,
            alias_name: self.alias_name.unwrap_or_else(|| self.reference.clone()),
            reference: self.reference,
            chmod: 3,
            is_main_account: true,
            balance: 0,
            is_user_chargeable: false,
            contact_email: self.contact_email,
            url: self.url,
            is_enabled: self.is_enabled == 1,
            is_verified: self.is_verified == 1,
            date_created: ApiDate::from_unix(self.date_created),
            date_updated: ApiDate::opt(self.date_updated),
        }
    }
}

const SELECT: &str = "SELECT d.id, d.id_user, d.id_image, f.file_name, d.reference, d.alias_name, d.contact_email, \
    d.url, d.is_enabled, d.is_verified, d.date_created, d.date_updated \
    FROM developers d LEFT JOIN files f ON f.id = d.id_image";

/// The account's developer.
pub async fn of_user(db: &D1Database, id_user: Id) -> AppResult<Option<Developer>> {
    let row: Option<DeveloperRow> =
        db::first(db, &format!("{SELECT} WHERE d.id_user = ?1"), &[int(id_user)], "developer").await?;
    Ok(row.map(DeveloperRow::into_developer))
}

/// The account's developers, for `GET /v1/developers`.
pub async fn list(db: &D1Database, id_user: Id) -> AppResult<Vec<DeveloperSummary>> {
    #[derive(Deserialize)]
    struct Row {
        id: i64,
        date_created: i64,
    }
    let rows: Vec<Row> =
        db::all(db, "SELECT id, date_created FROM developers WHERE id_user = ?1", &[int(id_user)], "developers")
            .await?;
    Ok(rows.into_iter().map(|r| DeveloperSummary { id: r.id, created: r.date_created }).collect())
}

pub struct Fields<'a> {
    pub reference: Option<&'a str>,
    pub alias_name: Option<&'a str>,
    pub contact_email: Option<&'a str>,
    pub url: Option<Option<&'a str>>,
    pub id_image: Option<Option<Id>>,
}

/// Makes the account a developer; `false` if it is one already.
pub async fn create(db: &D1Database, id_user: Id, f: &Fields<'_>, now: i64) -> AppResult<bool> {
    let inserted = db::run(
        db,
        "INSERT INTO developers (id_user, reference, alias_name, contact_email, url, id_image, date_created) \
         VALUES (?1, COALESCE(?2, (SELECT NULLIF(trim(firstname), '') FROM users WHERE id = ?1), 'Developer'), \
         ?3, COALESCE(?4, ''), ?5, ?6, ?7) ON CONFLICT (id_user) DO NOTHING",
        &[
            int(id_user),
            opt_text(f.reference),
            opt_text(f.alias_name),
            opt_text(f.contact_email),
            opt_text(f.url.flatten()),
            opt_int(f.id_image.flatten()),
            int(now),
        ],
        "create developer",
    )
    .await?;
    Ok(inserted > 0)
}

/// Changes the account's developer `id`, in one batch with its read-back.
pub async fn update(db: &D1Database, id_user: Id, id: Id, c: &Fields<'_>, now: i64) -> AppResult<Option<Developer>> {
    let flag = |set: bool| int(i64::from(set));
    let update = db::statement(
        db,
        "UPDATE developers SET reference = COALESCE(?3, reference), alias_name = COALESCE(?4, alias_name), \
         contact_email = COALESCE(?5, contact_email), url = CASE WHEN ?6 THEN ?7 ELSE url END, \
         id_image = CASE WHEN ?8 THEN ?9 ELSE id_image END, date_updated = ?10 WHERE id = ?1 AND id_user = ?2",
        &[
            int(id),
            int(id_user),
            opt_text(c.reference),
            opt_text(c.alias_name),
            opt_text(c.contact_email),
            flag(c.url.is_some()),
            opt_text(c.url.flatten()),
            flag(c.id_image.is_some()),
            opt_int(c.id_image.flatten()),
            int(now),
        ],
        "bind update developer",
    )?;
    let read = db::statement(
        db,
        &format!("{SELECT} WHERE d.id = ?1 AND d.id_user = ?2"),
        &[int(id), int(id_user)],
        "bind developer read-back",
    )?;
    let results = db.batch(vec![update, read]).await.context("update developer")?;
    let row: Option<DeveloperRow> = results
        .get(1)
        .map(|r| r.results::<DeveloperRow>())
        .transpose()
        .context("updated developer")?
        .and_then(|v| v.into_iter().next());
    Ok(row.map(DeveloperRow::into_developer))
}

/// Deletes the account's developer `id` if it has no apps (`false` otherwise:
/// its apps' users hold tokens of them).
pub async fn delete(db: &D1Database, id_user: Id, id: Id) -> AppResult<bool> {
    let deleted = db::run(
        db,
        "DELETE FROM developers WHERE id = ?1 AND id_user = ?2 \
         AND NOT EXISTS (SELECT 1 FROM api_apps WHERE id_developer = ?1)",
        &[int(id), int(id_user)],
        "delete developer",
    )
    .await?;
    Ok(deleted > 0)
}
