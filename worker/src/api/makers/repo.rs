//! The queries of makers and their items. Every function is one statement or one batch.

use senzu_core::api::makers::{
    EncodedProduct, EncodedRecord, Item, ItemImage, ItemLanguage, ItemMaker, ItemProduct, ItemSummary, MadeProduct,
    Maker, MakerCompany, MakerProfile, MakerRecord, MakerSummary,
};
use senzu_core::api::products::{Technology, TokenEncryption};
use senzu_core::api::{ApiDate, Id};
use senzu_core::money::Amount;
use serde::Deserialize;
use worker::D1Database;

use crate::db::{self, int, opt_int, opt_text, text};
use crate::error::{AppResult, Context};

/// An account may run this many makers (brands); beyond is a mistake or abuse.
pub const MAX_MAKERS_PER_ACCOUNT: i64 = 20;

#[derive(Deserialize)]
struct MakerRow {
    id: i64,
    id_image: Option<i64>,
    reference: String,
    alias_name: Option<String>,
    is_main_account: i64,
    contact_email: String,
    url: Option<String>,
    is_enabled: i64,
    date_created: i64,
    date_updated: Option<i64>,
}

impl MakerRow {
    fn into_maker(self) -> Maker {
        Maker {
            id: self.id,
            id_image: self.id_image,
            id_company: None,
            id_currency: 1,
            alias_name: self.alias_name.unwrap_or_else(|| self.reference.clone()),
            reference: self.reference,
            chmod: 5,
            is_main_account: self.is_main_account == 1,
            balance: 0,
            price: None,
            is_user_chargeable: false,
            contact_email: self.contact_email,
            url: self.url,
            is_enabled: self.is_enabled == 1,
            date_created: ApiDate::from_unix(self.date_created),
            date_updated: ApiDate::opt(self.date_updated),
        }
    }

    fn into_profile(self) -> MakerProfile {
        MakerProfile {
            id: self.id,
            id_image: self.id_image,
            company: MakerCompany { id: None, name: None },
            display_name: self.alias_name.unwrap_or(self.reference),
            contact_email: self.contact_email,
            url: self.url,
            date_created: ApiDate::from_unix(self.date_created),
        }
    }
}

const MAKER_COLUMNS: &str = "id, id_image, name AS reference, alias_name, is_main_account, contact_email, url, \
    is_enabled, date_created, date_updated";

/// The account's makers, oldest first.
pub async fn list(db: &D1Database, id_user: Id) -> AppResult<Vec<MakerSummary>> {
    #[derive(Deserialize)]
    struct Row {
        id: i64,
        reference: String,
        date_created: i64,
    }
    let rows: Vec<Row> = db::all(
        db,
        "SELECT id, name AS reference, date_created FROM makers WHERE id_user = ?1 ORDER BY id",
        &[int(id_user)],
        "makers",
    )
    .await?;
    Ok(rows.into_iter().map(|r| MakerSummary { id: r.id, reference: r.reference, created: r.date_created }).collect())
}

/// One of the account's makers.
pub async fn own(db: &D1Database, id_user: Id, id: Id) -> AppResult<Option<Maker>> {
    let sql = format!("SELECT {MAKER_COLUMNS} FROM makers WHERE id = ?1 AND id_user = ?2");
    let row: Option<MakerRow> = db::first(db, &sql, &[int(id), int(id_user)], "maker").await?;
    Ok(row.map(MakerRow::into_maker))
}

/// The account's main maker.
pub async fn main(db: &D1Database, id_user: Id) -> AppResult<Option<Maker>> {
    let sql = format!("SELECT {MAKER_COLUMNS} FROM makers WHERE id_user = ?1 AND is_main_account = 1");
    let row: Option<MakerRow> = db::first(db, &sql, &[int(id_user)], "main maker").await?;
    Ok(row.map(MakerRow::into_maker))
}

/// A maker as others see it: only an enabled maker that still has an account.
pub async fn profile(db: &D1Database, id: Id) -> AppResult<Option<MakerProfile>> {
    let sql = format!("SELECT {MAKER_COLUMNS} FROM makers WHERE id = ?1 AND is_enabled = 1 AND id_user IS NOT NULL");
    let row: Option<MakerRow> = db::first(db, &sql, &[int(id)], "maker profile").await?;
    Ok(row.map(MakerRow::into_profile))
}

pub struct NewMaker<'a> {
    pub reference: &'a str,
    pub alias_name: &'a str,
    pub contact_email: &'a str,
    pub url: Option<&'a str>,
    pub id_image: Option<Id>,
}

/// One statement: the account's first maker is its main one, and an account
/// at its maximum gets no row (`None`).
pub async fn create(db: &D1Database, id_user: Id, m: &NewMaker<'_>, now: i64) -> AppResult<Option<Maker>> {
    let sql = format!(
        "INSERT INTO makers (id, id_user, name, alias_name, contact_email, url, id_image, is_main_account, date_created) \
         SELECT (SELECT next FROM fresh_ids WHERE name = 'makers'), ?1, ?2, ?3, ?4, ?5, ?6, \
         NOT EXISTS (SELECT 1 FROM makers WHERE id_user = ?1 AND is_main_account = 1), ?7 \
         WHERE (SELECT count(*) FROM makers WHERE id_user = ?1) < ?8 RETURNING {MAKER_COLUMNS}"
    );
    let row: Option<MakerRow> = db::first(
        db,
        &sql,
        &[
            int(id_user),
            text(m.reference),
            text(m.alias_name),
            text(m.contact_email),
            opt_text(m.url),
            opt_int(m.id_image),
            int(now),
            int(MAX_MAKERS_PER_ACCOUNT),
        ],
        "create maker",
    )
    .await?;
    Ok(row.map(MakerRow::into_maker))
}

/// What an update changes: `None` keeps a field; `Some(None)` clears an optional one.
pub struct MakerChanges<'a> {
    pub reference: Option<&'a str>,
    pub alias_name: Option<&'a str>,
    pub contact_email: Option<&'a str>,
    pub url: Option<Option<&'a str>>,
    pub id_image: Option<Option<Id>>,
}

pub async fn update(db: &D1Database, id_user: Id, id: Id, c: &MakerChanges<'_>, now: i64) -> AppResult<Option<Maker>> {
    let sql = format!(
        "UPDATE makers SET name = COALESCE(?3, name), alias_name = COALESCE(?4, alias_name), \
         contact_email = COALESCE(?5, contact_email), \
         url = CASE WHEN ?6 THEN ?7 ELSE url END, id_image = CASE WHEN ?8 THEN ?9 ELSE id_image END, \
         date_updated = ?10 WHERE id = ?1 AND id_user = ?2 RETURNING {MAKER_COLUMNS}"
    );
    let row: Option<MakerRow> = db::first(
        db,
        &sql,
        &[
            int(id),
            int(id_user),
            opt_text(c.reference),
            opt_text(c.alias_name),
            opt_text(c.contact_email),
            int(i64::from(c.url.is_some())),
            opt_text(c.url.flatten()),
            int(i64::from(c.id_image.is_some())),
            opt_int(c.id_image.flatten()),
            int(now),
        ],
        "update maker",
    )
    .await?;
    Ok(row.map(MakerRow::into_maker))
}

/// Deletes a maker that has no items (`false` when it has some); if it was the
/// main one, the account's oldest other maker becomes main. One batch.
pub async fn delete(db: &D1Database, id_user: Id, id: Id) -> AppResult<bool> {
    let statements = vec![
        db::statement(
            db,
            "DELETE FROM makers WHERE id = ?1 AND id_user = ?2 AND NOT EXISTS (SELECT 1 FROM items WHERE id_maker = ?1)",
            &[int(id), int(id_user)],
            "delete maker",
        )?,
        db::statement(
            db,
            "UPDATE makers SET is_main_account = 1 WHERE id = (SELECT min(id) FROM makers WHERE id_user = ?1) \
             AND NOT EXISTS (SELECT 1 FROM makers WHERE id_user = ?1 AND is_main_account = 1)",
            &[int(id_user)],
            "next main maker",
        )?,
    ];
    let results = db.batch(statements).await.context("delete maker")?;
    Ok(results.first().is_some_and(|r| db::changes(r) > 0))
}

#[derive(Deserialize)]
struct ItemRow {
    id: i64,
    id_maker: i64,
    maker_reference: String,
    id_image: Option<i64>,
    image_file: Option<String>,
    reference: String,
    display_name: Option<String>,
    id_currency: i64,
    price_minor: i64,
    language: Option<String>,
    country_code: Option<String>,
    metadata: Option<String>,
    quantity_in_stock: Option<i64>,
    is_onsale: i64,
    date_created: i64,
    date_updated: Option<i64>,
}

impl ItemRow {
    fn into_item(self) -> Item {
        Item {
            id: self.id,
            maker: ItemMaker { id: self.id_maker, reference: self.maker_reference },
            company: MakerCompany { id: None, name: None },
            image: ItemImage { id: self.id_image, url: self.image_file.map(|f| format!("/files/{f}")) },
            display_name: self.display_name.unwrap_or_else(|| self.reference.clone()),
            reference: self.reference,
            id_currency: self.id_currency,
            price: Amount::from_minor(self.price_minor).major(),
            language: self.language.as_deref().and_then(ItemLanguage::parse),
            country_code: self.country_code,
            metadata: self.metadata,
            quantity_in_stock: self.quantity_in_stock,
            is_onsale: self.is_onsale == 1,
            date_created: ApiDate::from_unix(self.date_created),
            date_updated: ApiDate::opt(self.date_updated),
        }
    }
}

/// An item of one of the account's makers (the only way to reach one).
const OWN_ITEM: &str = "SELECT i.id, i.id_maker, m.name AS maker_reference, i.id_image, f.file_name AS image_file, \
    i.name AS reference, i.display_name, i.id_currency, i.price_minor, i.language, i.country_code, i.metadata, \
    i.quantity_in_stock, i.is_onsale, i.date_created, i.date_updated \
    FROM items i JOIN makers m ON m.id = i.id_maker LEFT JOIN files f ON f.id = i.id_image \
    WHERE i.id = ?1 AND m.id_user = ?2";

pub async fn own_item(db: &D1Database, id_user: Id, id: Id) -> AppResult<Option<Item>> {
    let row: Option<ItemRow> = db::first(db, OWN_ITEM, &[int(id), int(id_user)], "item").await?;
    Ok(row.map(ItemRow::into_item))
}

pub async fn items(db: &D1Database, id_maker: Id) -> AppResult<Vec<ItemSummary>> {
    #[derive(Deserialize)]
    struct Row {
        id: i64,
        reference: String,
        image_file: Option<String>,
        date_created: i64,
    }
    let rows: Vec<Row> = db::all(
        db,
        "SELECT i.id, i.name AS reference, f.file_name AS image_file, i.date_created \
         FROM items i LEFT JOIN files f ON f.id = i.id_image WHERE i.id_maker = ?1 ORDER BY i.id",
        &[int(id_maker)],
        "items",
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ItemSummary {
            id: r.id,
            reference: r.reference,
            url_image: r.image_file.map(|f| format!("/files/{f}")),
            created: r.date_created,
        })
        .collect())
}

/// Every field of a new item, defaults applied.
pub struct NewItem<'a> {
    pub reference: &'a str,
    pub display_name: &'a str,
    pub id_currency: Id,
    pub id_image: Option<Id>,
    pub price: Amount,
    pub language: Option<ItemLanguage>,
    pub country_code: Option<&'a str>,
    pub metadata: Option<&'a str>,
    pub quantity_in_stock: Option<i64>,
    pub is_onsale: bool,
}

/// Inserts the item and reads it back whole in one batch.
pub async fn create_item(
    db: &D1Database,
    id_user: Id,
    id_maker: Id,
    n: &NewItem<'_>,
    now: i64,
) -> AppResult<Option<Item>> {
    let insert = db::statement(
        db,
        "INSERT INTO items (id, id_maker, name, display_name, id_currency, id_image, price_minor, language, \
         country_code, metadata, quantity_in_stock, is_onsale, date_created) \
         VALUES ((SELECT next FROM fresh_ids WHERE name = 'items'), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        &[
            int(id_maker),
            text(n.reference),
            text(n.display_name),
            int(n.id_currency),
            opt_int(n.id_image),
            int(n.price.minor()),
            opt_text(n.language.map(ItemLanguage::as_str)),
            opt_text(n.country_code),
            opt_text(n.metadata),
            opt_int(n.quantity_in_stock),
            int(i64::from(n.is_onsale)),
            int(now),
        ],
        "create item",
    )?;
    let read = db::statement(
        db,
        &OWN_ITEM.replace("i.id = ?1", "i.id = (SELECT max(id) FROM items WHERE id_maker = ?1)"),
        &[int(id_maker), int(id_user)],
        "created item",
    )?;
    let results = db.batch(vec![insert, read]).await.context("create item")?;
    let row: Option<ItemRow> = match results.get(1) {
        Some(r) => r.results::<ItemRow>().context("created item")?.into_iter().next(),
        None => None,
    };
    Ok(row.map(ItemRow::into_item))
}

/// What an item update changes: `None` keeps; `Some(None)` clears.
pub struct ItemChanges<'a> {
    pub reference: Option<&'a str>,
    pub display_name: Option<&'a str>,
    pub id_currency: Option<Id>,
    pub id_image: Option<Option<Id>>,
    pub price: Option<Amount>,
    pub language: Option<Option<ItemLanguage>>,
    pub country_code: Option<Option<&'a str>>,
    pub metadata: Option<Option<&'a str>>,
    pub quantity_in_stock: Option<Option<i64>>,
    pub is_onsale: Option<bool>,
}

/// Updates and reads back in one batch (the read joins the maker and the image).
pub async fn update_item(
    db: &D1Database,
    id_user: Id,
    id: Id,
    c: &ItemChanges<'_>,
    now: i64,
) -> AppResult<Option<Item>> {
    let flag = |set: bool| int(i64::from(set));
    let update = db::statement(
        db,
        "UPDATE items SET name = COALESCE(?2, name), display_name = COALESCE(?3, display_name), \
         id_currency = COALESCE(?4, id_currency), id_image = CASE WHEN ?5 THEN ?6 ELSE id_image END, \
         price_minor = COALESCE(?7, price_minor), language = CASE WHEN ?8 THEN ?9 ELSE language END, \
         country_code = CASE WHEN ?10 THEN ?11 ELSE country_code END, \
         metadata = CASE WHEN ?12 THEN ?13 ELSE metadata END, \
         quantity_in_stock = CASE WHEN ?14 THEN ?15 ELSE quantity_in_stock END, \
         is_onsale = COALESCE(?16, is_onsale), date_updated = ?17 \
         WHERE id = ?1 AND id_maker IN (SELECT id FROM makers WHERE id_user = ?18)",
        &[
            int(id),
            opt_text(c.reference),
            opt_text(c.display_name),
            opt_int(c.id_currency),
            flag(c.id_image.is_some()),
            opt_int(c.id_image.flatten()),
            opt_int(c.price.map(Amount::minor)),
            flag(c.language.is_some()),
            opt_text(c.language.flatten().map(ItemLanguage::as_str)),
            flag(c.country_code.is_some()),
            opt_text(c.country_code.flatten()),
            flag(c.metadata.is_some()),
            opt_text(c.metadata.flatten()),
            flag(c.quantity_in_stock.is_some()),
            opt_int(c.quantity_in_stock.flatten()),
            opt_int(c.is_onsale.map(i64::from)),
            int(now),
            int(id_user),
        ],
        "update item",
    )?;
    let read = db::statement(db, OWN_ITEM, &[int(id), int(id_user)], "updated item")?;
    let results = db.batch(vec![update, read]).await.context("update item")?;
    let row: Option<ItemRow> = match results.get(1) {
        Some(r) => r.results::<ItemRow>().context("updated item")?.into_iter().next(),
        None => None,
    };
    Ok(row.map(ItemRow::into_item))
}

/// Deletes an item none of whose products exist any more and that nobody
/// ordered (orders keep their lines), `false` otherwise.
pub async fn delete_item(db: &D1Database, id: Id) -> AppResult<bool> {
    let gone = db::run(
        db,
        "DELETE FROM items WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM products WHERE id_item = ?1) \
         AND NOT EXISTS (SELECT 1 FROM shop_order_details WHERE id_item = ?1)",
        &[int(id)],
        "delete item",
    )
    .await?;
    Ok(gone > 0)
}

pub async fn item_products(db: &D1Database, id_item: Id) -> AppResult<Vec<ItemProduct>> {
    #[derive(Deserialize)]
    struct Row {
        id: i64,
        reference: Option<String>,
        date_created: i64,
    }
    let rows: Vec<Row> = db::all(
        db,
        "SELECT id, reference, date_created FROM products WHERE id_item = ?1 ORDER BY id",
        &[int(id_item)],
        "item products",
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ItemProduct { id: r.id, reference: r.reference, date_created: ApiDate::from_unix(r.date_created) })
        .collect())
}

/// Whether the maker is the user's.
pub async fn is_own(db: &D1Database, id_user: Id, id_maker: Id) -> AppResult<bool> {
    let found =
        db::id_of(db, "SELECT id FROM makers WHERE id = ?1 AND id_user = ?2", &[int(id_maker), int(id_user)], "maker")
            .await?;
    Ok(found.is_some())
}

/// The reference of item `id_item` if it is maker `id_maker`'s and the maker the user's.
pub async fn item_reference(db: &D1Database, id_user: Id, id_maker: Id, id_item: Id) -> AppResult<Option<String>> {
    #[derive(Deserialize)]
    struct Row {
        reference: String,
    }
    let row: Option<Row> = db::first(
        db,
        "SELECT i.name AS reference FROM items i JOIN makers m ON m.id = i.id_maker \
         WHERE i.id = ?1 AND m.id = ?2 AND m.id_user = ?3",
        &[int(id_item), int(id_maker), int(id_user)],
        "item of maker",
    )
    .await?;
    Ok(row.map(|r| r.reference))
}

#[derive(Deserialize)]
struct MadeRow {
    id: i64,
    id_maker: i64,
    id_item: i64,
    id_attached_group: Option<i64>,
    id_reseller: Option<i64>,
    reference: Option<String>,
    date_created: i64,
    date_activated: Option<i64>,
}

/// Where a new product goes besides its maker: an attached group, a reseller.
pub struct Placement {
    pub id_attached_group: Option<Id>,
    pub id_reseller: Option<Id>,
}

/// Makes one product of the maker's item, attached to one of the maker's groups
/// (checked in the statement: a foreign group makes no row).
pub async fn create_product(
    db: &D1Database,
    id_maker: Id,
    id_item: Id,
    reference: &str,
    placed: Placement,
    now: i64,
) -> AppResult<Option<MadeProduct>> {
    let row: Option<MadeRow> = db::first(
        db,
        "INSERT INTO products (id_item, reference, id_attached_group, id_reseller, is_activated, date_created) \
         SELECT ?2, ?3, ?4, ?6, 0, ?5 WHERE ?4 IS NULL \
         OR EXISTS (SELECT 1 FROM attached_groups WHERE id = ?4 AND id_maker = ?1) \
         RETURNING id, ?1 AS id_maker, id_item, id_attached_group, id_reseller, reference, date_created, date_activated",
        &[
            int(id_maker),
            int(id_item),
            text(reference),
            opt_int(placed.id_attached_group),
            int(now),
            opt_int(placed.id_reseller),
        ],
        "create product",
    )
    .await?;
    Ok(row.map(|r| MadeProduct {
        id: r.id,
        id_maker: r.id_maker,
        id_reseller: r.id_reseller,
        id_item: r.id_item,
        id_attached_group: r.id_attached_group,
        reference: r.reference,
        is_dual_application: None,
        date_created: ApiDate::from_unix(r.date_created),
        date_activated: ApiDate::opt(r.date_activated),
    }))
}

/// The maker's products with their records (one query: records as JSON).
pub async fn encoded(db: &D1Database, id_maker: Id, id_batch: Option<Id>) -> AppResult<Vec<EncodedProduct>> {
    #[derive(Deserialize)]
    struct Row {
        id: i64,
        id_item: i64,
        id_batch: Option<i64>,
        reference: Option<String>,
        date_created: i64,
        records: String,
    }
    #[derive(Deserialize)]
    struct RecordRow {
        id: i64,
        technology: Technology,
        key: String,
        token_encryption: TokenEncryption,
        uid: Option<String>,
        key_version: i64,
        key_version_next: Option<i64>,
        is_enabled: i64,
        date_created: i64,
    }
    let rows: Vec<Row> = db::all(
        db,
        "SELECT p.id, p.id_item, p.id_batch, p.reference, p.date_created, \
         (SELECT json_group_array(json_object('id', r.id, 'technology', r.technology, 'key', r.key, \
            'token_encryption', r.token_encryption, 'uid', r.uid, 'key_version', r.key_version, \
            'key_version_next', r.key_version_next, 'is_enabled', r.is_enabled, \
            'date_created', r.date_created)) FROM records r WHERE r.id_product = p.id) AS records \
         FROM products p JOIN items i ON i.id = p.id_item \
         WHERE i.id_maker = ?1 AND (?2 IS NULL OR p.id_batch = ?2) ORDER BY p.id",
        &[int(id_maker), opt_int(id_batch)],
        "encoded products",
    )
    .await?;
    rows.into_iter()
        .map(|r| {
            let records: Vec<RecordRow> = serde_json::from_str(&r.records).context("encoded records")?;
            let record = (!records.is_empty()).then(|| {
                records
                    .into_iter()
                    .map(|x| EncodedRecord {
                        id: x.id,
                        technology: x.technology,
                        record_key: x.key,
                        token_encryption: x.token_encryption,
                        data: Vec::new(),
                        uid: x.uid,
                        key_version: u8::try_from(x.key_version).unwrap_or(0),
                        rekey_to: x.key_version_next.and_then(|v| u8::try_from(v).ok()),
                        is_enabled: x.is_enabled == 1,
                        date_created: ApiDate::from_unix(x.date_created),
                    })
                    .collect()
            });
            Ok(EncodedProduct {
                id: r.id,
                id_item: r.id_item,
                id_batch: r.id_batch,
                reference: r.reference,
                is_deleted: false,
                record,
                created: r.date_created,
            })
        })
        .collect()
}

/// Whether product `id` is of an item of one of the user's makers: `Some(paired)`.
pub async fn product_of_user(db: &D1Database, id_user: Id, id: Id) -> AppResult<Option<bool>> {
    #[derive(Deserialize)]
    struct Row {
        paired: i64,
    }
    let row: Option<Row> = db::first(
        db,
        "SELECT (p.is_activated = 1 OR p.id_owner IS NOT NULL) AS paired FROM products p \
         JOIN items i ON i.id = p.id_item JOIN makers m ON m.id = i.id_maker WHERE p.id = ?1 AND m.id_user = ?2",
        &[int(id), int(id_user)],
        "product of maker",
    )
    .await?;
    Ok(row.map(|r| r.paired == 1))
}

pub async fn key_taken(db: &D1Database, key: &str) -> AppResult<bool> {
    Ok(db::id_of(db, "SELECT id FROM records WHERE key = ?1", &[text(key)], "record key").await?.is_some())
}

#[derive(Deserialize)]
struct MakerRecordRow {
    id: i64,
    id_product: i64,
    id_application_master: Option<i64>,
    id_application: Option<i64>,
    technology: Technology,
    token_encryption: TokenEncryption,
    key: String,
    is_enabled: i64,
    date_created: i64,
}

pub async fn create_record(
    db: &D1Database,
    id_product: Id,
    technology: Technology,
    encryption: TokenEncryption,
    key: &str,
    now: i64,
) -> AppResult<Option<MakerRecord>> {
    let (encryption_text, sun_keys) = match encryption {
        TokenEncryption::Static => ("static", None),
        TokenEncryption::Aes128 => ("aes-128", Some("derived")),
        TokenEncryption::Lrp128 => ("lrp-128", Some("derived")),
    };
    let row: Option<MakerRecordRow> = db::first(
        db,
        "INSERT INTO records (id_product, technology, token_encryption, key, sun_keys, date_created) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id, id_product, id_application_master, id_application, \
         technology, token_encryption, key, is_enabled, date_created",
        &[int(id_product), text(technology.as_str()), text(encryption_text), text(key), opt_text(sun_keys), int(now)],
        "create record",
    )
    .await?;
    Ok(row.map(|r| MakerRecord {
        id: r.id,
        id_product: r.id_product,
        id_application_master: r.id_application_master,
        id_application: r.id_application,
        technology: r.technology,
        token_encryption: r.token_encryption,
        key: r.key,
        data: Vec::new(),
        is_enabled: r.is_enabled == 1,
        date_created: ApiDate::from_unix(r.date_created),
    }))
}

/// Deletes the record of the product (`false`: no such record of it).
pub async fn delete_record(db: &D1Database, id_product: Id, id_record: Id) -> AppResult<bool> {
    let gone = db::run(
        db,
        "DELETE FROM records WHERE id = ?1 AND id_product = ?2",
        &[int(id_record), int(id_product)],
        "delete record",
    )
    .await?;
    Ok(gone > 0)
}
