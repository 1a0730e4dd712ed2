//! The queries of products. Every function is one statement or one batch.

use senzu_core::api::products::{Product, ProductGroups, ProductItem, ProductMaker, ProductRecord};
use senzu_core::api::{ApiDate, Id};
use senzu_core::chmod::Level;
use serde::Deserialize;
use worker::{D1Database, D1PreparedStatement};

use crate::db::{self, int, opt_int, opt_text};
use crate::error::{AppResult, Context};

#[derive(Deserialize)]
struct ProductRow {
    id: i64,
    id_item: i64,
    item_name: String,
    item_display: String,
    item_image: Option<String>,
    id_maker: i64,
    maker_name: String,
    alias: Option<String>,
    reference: Option<String>,
    is_activated: i64,
    is_lost: i64,
    lost_message: Option<String>,
    chmod: i64,
    id_issuer: Option<i64>,
    id_group: Option<i64>,
    /// JSON array of the records.
    records: String,
    date_created: i64,
    date_activated: Option<i64>,
    date_updated: Option<i64>,
}

impl ProductRow {
    fn into_product(self) -> AppResult<Product> {
        let records: Vec<ProductRecord> = serde_json::from_str(&self.records).context("product records")?;
        Ok(Product {
            id: self.id,
            maker: ProductMaker { id: self.id_maker, reference: self.maker_name },
            item: ProductItem {
                id: self.id_item,
                reference: self.item_name,
                display_name: self.item_display,
                image_url: self.item_image,
            },
            lost: self.is_lost == 1,
            lost_message: self.lost_message,
            is_activated: self.is_activated == 1,
            reference: self.reference,
            alias_name: self.alias,
            quantity_records: records.len(),
            records,
            records_synchronized: true,
            chmod: Level::from_i64(self.chmod),
            id_issuer: self.id_issuer,
            id_group: self.id_group,
            groups: ProductGroups { list: self.id_group.map(|g| vec![g]), basic_synchronise: 0, master_synchronise: 0 },
            is_dual_application: false,
            date_created: ApiDate::from_unix(self.date_created),
            date_activated: ApiDate::opt(self.date_activated),
            date_updated: ApiDate::opt(self.date_updated),
        })
    }
}

/// The caller's products: direct access or through a group (the higher chmod wins; see
/// the `product_access` view, migration 0012).
const PRODUCT_SELECT: &str = "SELECT p.id, p.id_item, i.name AS item_name, \
    COALESCE(i.display_name, i.name) AS item_display, COALESCE((SELECT '/files/' || f.file_name FROM files f WHERE f.id = i.id_image), i.url_image) AS item_image, \
    m.id AS id_maker, m.name AS maker_name, p.alias, p.reference, p.is_activated, p.is_lost, p.lost_message, \
    pu.chmod, pu.id_issuer, p.id_group, p.date_created, p.date_activated, p.date_updated, \
    (SELECT json_group_array(json_object('id', r.id, 'is_enabled', json(CASE r.is_enabled WHEN 1 THEN 'true' ELSE 'false' END), \
        'id_application', r.id_application, 'technology', r.technology, 'token_encryption', r.token_encryption)) \
       FROM records r WHERE r.id_product = p.id) AS records \
    FROM (SELECT id_product, max(chmod) AS chmod, id_issuer FROM product_access WHERE id_user = ?1 \
          GROUP BY id_product) pu \
    JOIN products p ON p.id = pu.id_product JOIN items i ON i.id = p.id_item JOIN makers m ON m.id = i.id_maker \
    WHERE pu.chmod >= 1";

/// One product as the user sees it; `None` when they cannot.
pub async fn get(db: &D1Database, id_user: Id, id: Id) -> AppResult<Option<Product>> {
    let sql = format!("{PRODUCT_SELECT} AND p.id = ?2");
    let row: Option<ProductRow> = db::first(db, &sql, &[int(id_user), int(id)], "product").await?;
    row.map(ProductRow::into_product).transpose()
}

/// The user's products, by id; `contains` (a LIKE pattern) on the alias or the item's name.
pub async fn list(db: &D1Database, id_user: Id, contains: Option<&str>, lost: Option<bool>) -> AppResult<Vec<Product>> {
    let sql = format!(
        "{PRODUCT_SELECT} AND (?2 IS NULL OR p.alias LIKE ?2 OR i.name LIKE ?2) \
         AND (?3 IS NULL OR p.is_lost = ?3) ORDER BY p.id"
    );
    let rows: Vec<ProductRow> =
        db::all(db, &sql, &[int(id_user), opt_text(contains), opt_int(lost.map(i64::from))], "products").await?;
    rows.into_iter().map(ProductRow::into_product).collect()
}

/// Whether `id_group` is an attached group of the product's maker.
pub async fn is_makers_attached_group(db: &D1Database, id_group: Id, id_product: Id) -> AppResult<bool> {
    let found = db::id_of(
        db,
        "SELECT ag.id FROM attached_groups ag JOIN items i ON i.id_maker = ag.id_maker \
         JOIN products p ON p.id_item = i.id WHERE ag.id = ?1 AND p.id = ?2",
        &[int(id_group), int(id_product)],
        "attached group of maker",
    )
    .await?;
    Ok(found.is_some())
}

/// The maker's sorting of the product.
pub async fn attach(db: &D1Database, id: Id, id_group: Id, now: i64) -> AppResult<()> {
    db::run(
        db,
        "UPDATE products SET id_attached_group = ?2, date_updated = ?3 WHERE id = ?1",
        &[int(id), int(id_group), int(now)],
        "attach product",
    )
    .await?;
    Ok(())
}

/// What an update changes (`None` keeps a field); `group` is `Some(None)` to take it out of its group.
pub struct Changes<'a> {
    pub alias_name: Option<&'a str>,
    pub lost: Option<bool>,
    pub lost_message: Option<&'a str>,
    pub reference: Option<&'a str>,
    pub group: Option<Option<Id>>,
}

/// Clearing `lost` drops its message; a group remembers who put the product in it.
pub async fn update(db: &D1Database, id: Id, id_user: Id, changes: &Changes<'_>, now: i64) -> AppResult<()> {
    let group = changes.group.flatten();
    db::run(
        db,
        "UPDATE products SET alias = COALESCE(?2, alias), is_lost = COALESCE(?3, is_lost), \
         lost_message = CASE WHEN ?3 = 0 THEN NULL ELSE COALESCE(?4, lost_message) END, \
         reference = COALESCE(?5, reference), date_updated = ?6, \
         id_group = CASE WHEN ?7 = 1 THEN ?8 ELSE id_group END, \
         id_group_issuer = CASE WHEN ?7 = 1 THEN ?9 ELSE id_group_issuer END WHERE id = ?1",
        &[
            int(id),
            opt_text(changes.alias_name),
            opt_int(changes.lost.map(i64::from)),
            opt_text(changes.lost_message),
            opt_text(changes.reference),
            int(now),
            int(i64::from(changes.group.is_some())),
            opt_int(group),
            opt_int(group.map(|_| id_user)),
        ],
        "update product",
    )
    .await?;
    Ok(())
}

/// The statements that return a product to "never paired": nobody's, in no
/// group, no applications on its records, no share links, not lost. With
/// `keep_user`, that user keeps their access, the ownership and the alias.
fn unpair(db: &D1Database, id: Id, keep_user: Option<Id>, now: i64) -> AppResult<Vec<D1PreparedStatement>> {
    Ok(vec![
        db::statement(
            db,
            "DELETE FROM share_links WHERE id_record IN (SELECT id FROM records WHERE id_product = ?1)",
            &[int(id)],
            "drop share links",
        )?,
        db::statement(
            db,
            "UPDATE records SET id_application = NULL, id_application_master = NULL WHERE id_product = ?1",
            &[int(id)],
            "detach applications",
        )?,
        db::statement(
            db,
            "DELETE FROM product_users WHERE id_product = ?1 AND (?2 IS NULL OR id_user IS NOT ?2)",
            &[int(id), opt_int(keep_user)],
            "drop access",
        )?,
        db::statement(
            db,
            "UPDATE products SET is_activated = 0, is_lost = 0, lost_message = NULL, date_updated = ?2, id_group = NULL, \
             id_group_issuer = NULL, \
             id_owner = CASE WHEN ?3 IS NULL THEN NULL ELSE id_owner END, \
             alias = CASE WHEN ?3 IS NULL THEN NULL ELSE alias END WHERE id = ?1",
            &[int(id), int(now), opt_int(keep_user)],
            "unpair product",
        )?,
    ])
}

/// Erases the product for everyone: it can be paired again.
pub async fn erase(db: &D1Database, id: Id, now: i64) -> AppResult<()> {
    db.batch(unpair(db, id, None, now)?).await.context("erase product")?;
    Ok(())
}

/// Resets it: only `id_owner` keeps access.
pub async fn reset(db: &D1Database, id: Id, id_owner: Id, now: i64) -> AppResult<()> {
    db.batch(unpair(db, id, Some(id_owner), now)?).await.context("reset product")?;
    Ok(())
}

/// The user leaves the product; the last owner leaving makes it pairable
/// again, rather than ownerless forever.
pub async fn leave(db: &D1Database, id: Id, id_user: Id) -> AppResult<()> {
    let leave = db::statement(
        db,
        "DELETE FROM product_users WHERE id_product = ?1 AND id_user = ?2",
        &[int(id), int(id_user)],
        "leave product",
    )?;
    let ownerless = db::statement(
        db,
        "UPDATE products SET is_activated = 0, id_owner = NULL WHERE id = ?1 AND NOT EXISTS \
         (SELECT 1 FROM product_users WHERE id_product = ?1 AND chmod = 5 AND is_enabled = 1)",
        &[int(id)],
        "ownerless product",
    )?;
    db.batch(vec![leave, ownerless]).await.context("leave product")?;
    Ok(())
}

/// The claim is one conditional UPDATE: of two simultaneous pairings, one
/// wins. Whether this one did.
pub async fn claim(db: &D1Database, id: Id, id_user: Id, alias_name: Option<&str>, now: i64) -> AppResult<bool> {
    let claimed = db::run(
        db,
        "UPDATE products SET is_activated = 1, id_owner = ?2, alias = COALESCE(?3, alias), date_activated = ?4, \
         date_updated = ?4, is_lost = 0, lost_message = NULL, id_group = NULL WHERE id = ?1 AND is_activated = 0",
        &[int(id), int(id_user), opt_text(alias_name), int(now)],
        "claim product",
    )
    .await?;
    Ok(claimed > 0)
}

/// The claimer becomes the only one with access, as its owner.
pub async fn own(db: &D1Database, id: Id, id_user: Id) -> AppResult<()> {
    let old = db::statement(db, "DELETE FROM product_users WHERE id_product = ?1", &[int(id)], "old access")?;
    let owner = db::statement(
        db,
        "INSERT INTO product_users (id_product, id_user, chmod, is_enabled) VALUES (?1, ?2, ?3, 1)",
        &[int(id), int(id_user), int(i64::from(u8::from(Level::Owner)))],
        "owner access",
    )?;
    db.batch(vec![old, owner]).await.context("pair product")?;
    Ok(())
}
