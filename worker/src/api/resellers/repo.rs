//! The queries of reseller accounts and the products in their hands.

use senzu_core::api::shop::{ProviderUser, Reseller, ResellerProduct};
use senzu_core::api::{ApiDate, Id};
use serde::Deserialize;
use worker::D1Database;

use crate::db::{self, int, opt_int};
use crate::error::{AppResult, Context};

#[derive(Deserialize)]
struct Row {
    id: i64,
    id_user: i64,
    username: Option<String>,
    image_file: Option<String>,
    id_company: Option<i64>,
    is_verified: i64,
    date_created: i64,
    date_updated: Option<i64>,
}

/// The account's reseller (one per account).
pub async fn of_user(db: &D1Database, id_user: Id) -> AppResult<Option<Reseller>> {
    let row: Option<Row> = db::first(
        db,
        "SELECT r.id, r.id_user, u.username, f.name AS image_file, r.id_company, r.is_verified, r.date_created, \
         r.date_updated FROM resellers r JOIN users u ON u.id = r.id_user LEFT JOIN files f ON f.id = r.id_image \
         WHERE r.id_user = ?1",
        &[int(id_user)],
        "reseller",
    )
    .await?;
    Ok(row.map(|r| Reseller {
        id: r.id,
        user: ProviderUser { id: r.id_user, username: r.username },
        url_image: r.image_file.map(|f| format!("/files/{f}")),
        id_company: r.id_company,
        is_verified: r.is_verified == 1,
        date_created: ApiDate::from_unix(r.date_created),
        date_updated: ApiDate::opt(r.date_updated),
    }))
}

/// `false` when the account has one already.
pub async fn create(
    db: &D1Database,
    id_user: Id,
    id_image: Option<Id>,
    id_company: Option<Id>,
    now: i64,
) -> AppResult<bool> {
    let made = db::run(
        db,
        "INSERT INTO resellers (id_user, id_image, id_company, date_created) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (id_user) DO NOTHING",
        &[int(id_user), opt_int(id_image), opt_int(id_company), int(now)],
        "create reseller",
    )
    .await?;
    Ok(made == 1)
}

pub async fn update(db: &D1Database, id: Id, id_image: Option<Id>, id_company: Option<Id>, now: i64) -> AppResult<()> {
    db::run(
        db,
        "UPDATE resellers SET id_image = COALESCE(?2, id_image), id_company = COALESCE(?3, id_company), \
         date_updated = ?4 WHERE id = ?1",
        &[int(id), opt_int(id_image), opt_int(id_company), int(now)],
        "update reseller",
    )
    .await?;
    Ok(())
}

/// Its products go back to their maker alone.
pub async fn delete(db: &D1Database, id: Id) -> AppResult<()> {
    let products = db::statement(
        db,
        "UPDATE products SET id_reseller = NULL WHERE id_reseller = ?1",
        &[int(id)],
        "reseller products",
    )?;
    let gone = db::statement(db, "DELETE FROM resellers WHERE id = ?1", &[int(id)], "delete reseller")?;
    db.batch(vec![products, gone]).await.context("delete reseller")?;
    Ok(())
}

/// Whether `id` is a verified reseller (a maker may hand products only to one).
pub async fn is_verified(db: &D1Database, id: Id) -> AppResult<bool> {
    Ok(db::id_of(db, "SELECT id FROM resellers WHERE id = ?1 AND is_verified = 1", &[int(id)], "verified reseller")
        .await?
        .is_some())
}

/// Whether file `id` is the user's (an image of their own).
pub async fn own_file(db: &D1Database, id_user: Id, id: Id) -> AppResult<bool> {
    Ok(db::id_of(db, "SELECT id FROM files WHERE id = ?1 AND id_user = ?2", &[int(id), int(id_user)], "reseller image")
        .await?
        .is_some())
}

/// Whether company `id` is the user's.
pub async fn own_company(db: &D1Database, id_user: Id, id: Id) -> AppResult<bool> {
    Ok(db::id_of(
        db,
        "SELECT id FROM companies WHERE id = ?1 AND id_owner = ?2",
        &[int(id), int(id_user)],
        "reseller company",
    )
    .await?
    .is_some())
}

/// The products in the reseller's hands: never their keys or owners.
pub async fn products(db: &D1Database, id: Id) -> AppResult<Vec<ResellerProduct>> {
    #[derive(Deserialize)]
    struct ProductRow {
        id: i64,
        id_item: i64,
        item: String,
        reference: Option<String>,
        is_activated: i64,
        date_created: i64,
    }
    let rows: Vec<ProductRow> = db::all(
        db,
        "SELECT p.id, p.id_item, COALESCE(i.display_name, i.name) AS item, p.reference, p.is_activated, p.date_created \
         FROM products p JOIN items i ON i.id = p.id_item WHERE p.id_reseller = ?1 ORDER BY p.id",
        &[int(id)],
        "reseller products",
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ResellerProduct {
            id: r.id,
            id_item: r.id_item,
            item: r.item,
            reference: r.reference,
            is_activated: r.is_activated == 1,
            date_created: ApiDate::from_unix(r.date_created),
            created: r.date_created,
        })
        .collect())
}
