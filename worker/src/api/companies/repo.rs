//! The queries of companies.

use senzu_core::api::shop::{Company, CompanySummary, CreateCompany, UpdateCompany};
use senzu_core::api::{ApiDate, Id, Patch};
use serde::Deserialize;
use worker::D1Database;

use crate::db::{self, int, opt_text, text};
use crate::error::{AppError, AppResult};

#[derive(Deserialize)]
struct Row {
    id: i64,
    id_owner: i64,
    file_name: Option<String>,
    name: String,
    phone: Option<String>,
    email: String,
    url: Option<String>,
    vat_number: Option<String>,
    date_created: i64,
    date_updated: Option<i64>,
}

const COLUMNS: &str = "c.id, c.id_owner, f.name AS file_name, c.name, c.phone, c.email, c.url, c.vat_number, \
    c.date_created, c.date_updated FROM companies c LEFT JOIN files f ON f.id = c.id_image";

pub async fn get(db: &D1Database, id_owner: Id, id: Id) -> AppResult<Option<Company>> {
    let row: Option<Row> = db::first(
        db,
        &format!("SELECT {COLUMNS} WHERE c.id = ?1 AND c.id_owner = ?2"),
        &[int(id), int(id_owner)],
        "company",
    )
    .await?;
    Ok(row.map(|r| Company {
        id: r.id,
        id_owner: r.id_owner,
        url_image: r.file_name.map(|n| format!("/files/{n}")),
        name: r.name,
        phone: r.phone,
        email: r.email,
        url: r.url,
        vat_number: r.vat_number,
        date_created: ApiDate::from_unix(r.date_created),
        date_updated: ApiDate::opt(r.date_updated),
    }))
}

pub async fn list(db: &D1Database, id_owner: Id) -> AppResult<Vec<CompanySummary>> {
    #[derive(Deserialize)]
    struct Summary {
        id: i64,
        name: String,
        date_created: i64,
    }
    let rows: Vec<Summary> = db::all(
        db,
        "SELECT id, name, date_created FROM companies WHERE id_owner = ?1 ORDER BY id",
        &[int(id_owner)],
        "companies",
    )
    .await?;
    Ok(rows.into_iter().map(|r| CompanySummary { id: r.id, name: r.name, created: r.date_created }).collect())
}

pub async fn create(db: &D1Database, id_owner: Id, c: &CreateCompany, now: i64) -> AppResult<Id> {
    db::id_of(
        db,
        "INSERT INTO companies (id_owner, name, email, phone, url, vat_number, date_created) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
        &[
            int(id_owner),
            text(c.name.as_str()),
            text(c.email.as_str()),
            opt_text(c.phone.as_ref().map(|p| p.as_str())),
            opt_text(c.url.as_ref().map(|u| u.as_str())),
            opt_text(c.vat_number.as_ref().map(|v| v.as_str())),
            int(now),
        ],
        "create company",
    )
    .await?
    .ok_or_else(|| AppError::Internal { context: "create company", cause: "no row returned".into() })
}

/// A patch as two arguments: whether to change the column, and its new value.
fn patch(p: Patch<&str>) -> [worker::wasm_bindgen::JsValue; 2] {
    match p.change() {
        None => [int(0), opt_text(None)],
        Some(value) => [int(1), opt_text(value)],
    }
}

pub async fn update(db: &D1Database, id_owner: Id, id: Id, c: &UpdateCompany, now: i64) -> AppResult<()> {
    let [phone_set, phone] = patch(c.phone.as_ref().map(|p| p.as_str()));
    let [url_set, url] = patch(c.url.as_ref().map(|u| u.as_str()));
    let [vat_set, vat] = patch(c.vat_number.as_ref().map(|v| v.as_str()));
    db::run(
        db,
        "UPDATE companies SET name = COALESCE(?3, name), email = COALESCE(?4, email), \
         phone = CASE WHEN ?5 = 1 THEN ?6 ELSE phone END, url = CASE WHEN ?7 = 1 THEN ?8 ELSE url END, \
         vat_number = CASE WHEN ?9 = 1 THEN ?10 ELSE vat_number END, date_updated = ?11 \
         WHERE id = ?1 AND id_owner = ?2",
        &[
            int(id),
            int(id_owner),
            opt_text(c.name.as_ref().map(|n| n.as_str())),
            opt_text(c.email.as_ref().map(|e| e.as_str())),
            phone_set,
            phone,
            url_set,
            url,
            vat_set,
            vat,
            int(now),
        ],
        "update company",
    )
    .await?;
    Ok(())
}

pub async fn in_use(db: &D1Database, id: Id) -> AppResult<bool> {
    Ok(db::id_of(db, "SELECT id FROM providers WHERE id_company = ?1 LIMIT 1", &[int(id)], "company in use")
        .await?
        .is_some())
}

pub async fn delete(db: &D1Database, id_owner: Id, id: Id) -> AppResult<()> {
    db::run(db, "DELETE FROM companies WHERE id = ?1 AND id_owner = ?2", &[int(id), int(id_owner)], "delete company")
        .await?;
    Ok(())
}
