//! The queries of developers' plugstore entries, their versions and their
//! languages (Senzu's own kinds are core's, not rows to query).

use senzu_core::api::plugstores::{LangFields, VersionFields, FIRST_DEVELOPER_ENTRY};
use senzu_core::api::Id;
use serde::Deserialize;
use worker::wasm_bindgen::JsValue;
use worker::D1Database;

use crate::db::{self, int, opt_int, opt_text, text};
use crate::error::{AppResult, Context};

#[derive(Deserialize)]
pub struct EntryRow {
    pub id: i64,
    pub name: Option<String>,
    pub display_name_fr: String,
    pub display_name_en: String,
    pub category: String,
    pub developer_name: Option<String>,
    pub status: String,
    pub id_developer: Option<i64>,
    pub id_version: Option<i64>,
    pub is_enabled: i64,
    pub id_icon: Option<i64>,
    pub spec: Option<String>,
    pub catchphrase_fr: Option<String>,
    pub catchphrase_en: Option<String>,
    pub description_fr: Option<String>,
    pub description_en: Option<String>,
    pub date_created: i64,
}

const ENTRY_SELECT: &str = "SELECT ps.id, ps.name, ps.display_name_fr, ps.display_name_en, ps.category, \
    COALESCE(NULLIF(d.alias_name, ''), d.reference) AS developer_name, ps.status, ps.id_developer, ps.id_version, \
    ps.is_enabled, ps.id_icon, ps.spec, ps.catchphrase_fr, ps.catchphrase_en, ps.description_fr, \
    ps.description_en, ps.date_created FROM plugstores ps LEFT JOIN developers d ON d.id = ps.id_developer";

/// Developers' entries the caller sees: those offered to owners, and the
/// caller's own developer's whatever their state.
pub async fn catalogue(db: &D1Database, me: Option<Id>) -> AppResult<Vec<EntryRow>> {
    db::all(
        db,
        &format!(
            "{ENTRY_SELECT} WHERE ps.id >= ?1 AND ((ps.status = 'publish' AND ps.is_enabled = 1) OR ps.id_developer = ?2) \
             ORDER BY ps.id"
        ),
        &[int(FIRST_DEVELOPER_ENTRY), opt_int(me)],
        "plugstore entries",
    )
    .await
}

pub async fn entry(db: &D1Database, id: Id) -> AppResult<Option<EntryRow>> {
    db::first(
        db,
        &format!("{ENTRY_SELECT} WHERE ps.id = ?1 AND ps.id >= ?2"),
        &[int(id), int(FIRST_DEVELOPER_ENTRY)],
        "plugstore entry",
    )
    .await
}

/// A new entry of developer `dev` (ids from 1001; its kind names it).
pub async fn create_entry(
    db: &D1Database,
    dev: Id,
    name: Option<&str>,
    display_name: &str,
    category: &str,
    id_icon: Option<Id>,
    now: i64,
) -> AppResult<Option<Id>> {
    db::id_of(
        db,
        "INSERT INTO plugstores (id, kind, name, display_name_fr, display_name_en, category, developer_name, status, \
         id_developer, id_icon, date_created) \
         SELECT n, 'custom:' || n, ?1, ?2, ?2, ?3, '', 'draft', ?4, ?7, ?5 \
         FROM (SELECT max(?6 - 1, COALESCE(max(id), 0)) + 1 AS n FROM plugstores) RETURNING id",
        &[
            opt_text(name),
            text(display_name),
            text(category),
            int(dev),
            int(now),
            int(FIRST_DEVELOPER_ENTRY),
            opt_int(id_icon),
        ],
        "create plugstore entry",
    )
    .await
}

pub struct EntryChanges<'a> {
    pub name: Option<&'a str>,
    pub display_name: Option<&'a str>,
    pub category: Option<&'a str>,
    pub is_enabled: Option<bool>,
}

pub async fn update_entry(db: &D1Database, id: Id, c: &EntryChanges<'_>, now: i64) -> AppResult<()> {
    db::run(
        db,
        "UPDATE plugstores SET name = COALESCE(?2, name), display_name_fr = COALESCE(?3, display_name_fr), \
         display_name_en = COALESCE(?3, display_name_en), category = COALESCE(?4, category), \
         is_enabled = COALESCE(?5, is_enabled), date_updated = ?6 WHERE id = ?1",
        &[
            int(id),
            opt_text(c.name),
            opt_text(c.display_name),
            opt_text(c.category),
            opt_int(c.is_enabled.map(i64::from)),
            int(now),
        ],
        "update plugstore entry",
    )
    .await?;
    Ok(())
}

/// Deletes entry `id` with its versions if no application uses it (`false` otherwise).
pub async fn delete_entry(db: &D1Database, id: Id) -> AppResult<bool> {
    let unused = "NOT EXISTS (SELECT 1 FROM plugins WHERE id_plugstore = ?1)";
    let statements = vec![
        db::statement(
            db,
            &format!(
                "DELETE FROM plugstore_version_langs WHERE id_plugstore_version IN \
                 (SELECT id FROM plugstore_versions WHERE id_plugstore = ?1) AND {unused}"
            ),
            &[int(id)],
            "bind delete langs",
        )?,
        db::statement(
            db,
            &format!("DELETE FROM plugstore_versions WHERE id_plugstore = ?1 AND {unused}"),
            &[int(id)],
            "bind delete versions",
        )?,
        db::statement(
            db,
            &format!("DELETE FROM plugstores WHERE id = ?1 AND {unused}"),
            &[int(id)],
            "bind delete entry",
        )?,
    ];
    let results = db.batch(statements).await.context("delete plugstore entry")?;
    Ok(results.last().is_some_and(|r| db::changes(r) > 0))
}

#[derive(Deserialize)]
pub struct VersionRow {
    pub id: i64,
    pub id_plugstore: i64,
    pub name: String,
    pub id_icon: i64,
    pub copyright: Option<String>,
    pub contact_firstname: Option<String>,
    pub contact_lastname: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub route_admin: Option<String>,
    pub spec: String,
    pub status: String,
    pub date_released: Option<i64>,
    pub date_created: i64,
    pub date_updated: Option<i64>,
}

const VERSION_SELECT: &str = "SELECT id, id_plugstore, name, id_icon, copyright, contact_firstname, \
    contact_lastname, contact_phone, contact_email, route_admin, spec, status, date_released, date_created, \
    date_updated FROM plugstore_versions";

pub async fn versions(db: &D1Database, id_plugstore: Id) -> AppResult<Vec<VersionRow>> {
    db::all(db, &format!("{VERSION_SELECT} WHERE id_plugstore = ?1 ORDER BY id"), &[int(id_plugstore)], "versions")
        .await
}

pub async fn version(db: &D1Database, id: Id) -> AppResult<Option<VersionRow>> {
    db::first(db, &format!("{VERSION_SELECT} WHERE id = ?1"), &[int(id)], "version").await
}

/// The newest version of an entry.
pub async fn newest_version(db: &D1Database, id_plugstore: Id) -> AppResult<Option<VersionRow>> {
    db::first(
        db,
        &format!("{VERSION_SELECT} WHERE id_plugstore = ?1 ORDER BY id DESC LIMIT 1"),
        &[int(id_plugstore)],
        "newest version",
    )
    .await
}

/// The values of a version's columns, in `VERSION_COLUMNS` order.
fn version_values(v: &VersionFields, spec: Option<&str>) -> Vec<JsValue> {
    vec![
        opt_int(v.id_icon),
        opt_text(v.copyright.as_ref().map(|n| n.as_str())),
        opt_text(v.contact_firstname.as_ref().map(|n| n.as_str())),
        opt_text(v.contact_lastname.as_ref().map(|n| n.as_str())),
        opt_text(v.contact_phone.as_ref().map(|n| n.as_str())),
        opt_text(v.contact_email.as_ref().map(|e| e.as_str())),
        opt_text(v.route_admin.as_ref().map(|u| u.as_str())),
        opt_int(v.date_released),
        opt_text(spec),
    ]
}

/// A new draft version; `None` when the entry has one of that name.
pub async fn create_version(
    db: &D1Database,
    id_plugstore: Id,
    name: &str,
    v: &VersionFields,
    spec: &str,
    now: i64,
) -> AppResult<Option<Id>> {
    let mut args = vec![int(id_plugstore), text(name), int(now)];
    args.extend(version_values(v, Some(spec)));
    db::id_of(
        db,
        "INSERT INTO plugstore_versions (id_plugstore, name, date_created, id_icon, copyright, contact_firstname, \
         contact_lastname, contact_phone, contact_email, route_admin, date_released, spec) \
         VALUES (?1, ?2, ?3, COALESCE(?4, 100), ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) \
         ON CONFLICT (id_plugstore, name) DO NOTHING RETURNING id",
        &args,
        "create version",
    )
    .await
}

/// What changes in a version: given fields only, and with `to`, its state
/// (and its entry's, while nothing of it is published), from state `from`.
pub struct VersionChange<'a> {
    pub name: Option<&'a str>,
    pub fields: &'a VersionFields,
    pub spec: Option<&'a str>,
    pub from: &'a str,
    pub to: Option<&'a str>,
}

/// Applies a [`VersionChange`]; `false` when the version was not in `from`
/// any more (a race) or another version of the entry has the new name.
pub async fn update_version(db: &D1Database, id: Id, c: &VersionChange<'_>, now: i64) -> AppResult<bool> {
    let mut args = vec![int(id), opt_text(c.name), int(now), text(c.from), opt_text(c.to)];
    args.extend(version_values(c.fields, c.spec));
    let update = db::statement(
        db,
        "UPDATE OR IGNORE plugstore_versions SET name = COALESCE(?2, name), date_updated = ?3, \
         status = COALESCE(?5, status), id_icon = COALESCE(?6, id_icon), copyright = COALESCE(?7, copyright), \
         contact_firstname = COALESCE(?8, contact_firstname), contact_lastname = COALESCE(?9, contact_lastname), \
         contact_phone = COALESCE(?10, contact_phone), contact_email = COALESCE(?11, contact_email), \
         route_admin = COALESCE(?12, route_admin), date_released = COALESCE(?13, date_released), \
         spec = COALESCE(?14, spec) WHERE id = ?1 AND status = ?4",
        &args,
        "bind update version",
    )?;
    // The entry says where its review stands until a version of it is published.
    let entry = db::statement(
        db,
        "UPDATE plugstores SET status = ?2, date_updated = ?3 WHERE id = (SELECT id_plugstore FROM plugstore_versions \
         WHERE id = ?1 AND status = ?2) AND status IN ('draft', 'submitted') AND ?2 IN ('draft', 'submitted')",
        &[int(id), opt_text(c.to), int(now)],
        "bind entry status",
    )?;
    let results = db.batch(vec![update, entry]).await.context("update version")?;
    Ok(results.first().is_some_and(|r| db::changes(r) > 0))
}

#[derive(Deserialize)]
pub struct LangRow {
    pub id_plugstore_version: i64,
    pub lang: String,
    pub display_name: String,
    pub catchphrase: Option<String>,
    pub description: Option<String>,
    pub tags: Option<String>,
    pub assistance_url: Option<String>,
    pub marketing_url: Option<String>,
    pub privacy_url: Option<String>,
    pub tos_url: Option<String>,
    pub gdpr_name: Option<String>,
    pub gdpr_email: Option<String>,
    pub gdpr_address_street: Option<String>,
    pub gdpr_address_other: Option<String>,
    pub gdpr_address_city: Option<String>,
    pub gdpr_address_state: Option<String>,
    pub gdpr_address_zipcode: Option<String>,
    pub gdpr_address_country: Option<String>,
    pub version_status: String,
    pub date_created: i64,
    pub date_updated: Option<i64>,
}

const LANG_SELECT: &str = "SELECT l.id_plugstore_version, l.lang, l.display_name, l.catchphrase, l.description, \
    l.tags, l.assistance_url, l.marketing_url, l.privacy_url, l.tos_url, l.gdpr_name, l.gdpr_email, \
    l.gdpr_address_street, l.gdpr_address_other, l.gdpr_address_city, l.gdpr_address_state, l.gdpr_address_zipcode, \
    l.gdpr_address_country, v.status AS version_status, l.date_created, l.date_updated \
    FROM plugstore_version_langs l JOIN plugstore_versions v ON v.id = l.id_plugstore_version";

pub async fn langs(db: &D1Database, id_version: Id) -> AppResult<Vec<LangRow>> {
    db::all(
        db,
        &format!("{LANG_SELECT} WHERE l.id_plugstore_version = ?1 ORDER BY l.lang DESC"),
        &[int(id_version)],
        "langs",
    )
    .await
}

pub async fn lang(db: &D1Database, id_version: Id, lang: &str) -> AppResult<Option<LangRow>> {
    db::first(
        db,
        &format!("{LANG_SELECT} WHERE l.id_plugstore_version = ?1 AND l.lang = ?2"),
        &[int(id_version), text(lang)],
        "lang",
    )
    .await
}

fn lang_values(l: &LangFields) -> Vec<JsValue> {
    let t = |v: Option<&str>| opt_text(v);
    vec![
        t(l.catchphrase.as_ref().map(|n| n.as_str())),
        t(l.description.as_ref().map(|n| n.as_str())),
        t(l.tags.as_ref().map(|n| n.as_str())),
        t(l.assistance_url.as_ref().map(|u| u.as_str())),
        t(l.marketing_url.as_ref().map(|u| u.as_str())),
        t(l.privacy_url.as_ref().map(|u| u.as_str())),
        t(l.tos_url.as_ref().map(|u| u.as_str())),
        t(l.gdpr_name.as_ref().map(|n| n.as_str())),
        t(l.gdpr_email.as_ref().map(|e| e.as_str())),
        t(l.gdpr_address_street.as_ref().map(|n| n.as_str())),
        t(l.gdpr_address_other.as_ref().map(|n| n.as_str())),
        t(l.gdpr_address_city.as_ref().map(|n| n.as_str())),
        t(l.gdpr_address_state.as_ref().map(|n| n.as_str())),
        t(l.gdpr_address_zipcode.as_ref().map(|n| n.as_str())),
        t(l.gdpr_address_country.as_ref().map(|n| n.as_str())),
    ]
}

/// Adds a language to a draft version; `false` if it has it already or is not a draft.
pub async fn create_lang(
    db: &D1Database,
    id_version: Id,
    lang: &str,
    display_name: &str,
    l: &LangFields,
    now: i64,
) -> AppResult<bool> {
    let mut args = vec![int(id_version), text(lang), text(display_name), int(now)];
    args.extend(lang_values(l));
    let inserted = db::run(
        db,
        "INSERT INTO plugstore_version_langs (id_plugstore_version, lang, display_name, date_created, catchphrase, \
         description, tags, assistance_url, marketing_url, privacy_url, tos_url, gdpr_name, gdpr_email, \
         gdpr_address_street, gdpr_address_other, gdpr_address_city, gdpr_address_state, gdpr_address_zipcode, \
         gdpr_address_country) \
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19 \
         WHERE EXISTS (SELECT 1 FROM plugstore_versions WHERE id = ?1 AND status = 'draft') \
         ON CONFLICT (id_plugstore_version, lang) DO NOTHING",
        &args,
        "create lang",
    )
    .await?;
    Ok(inserted > 0)
}

/// Changes a language of a draft version; `false` if the version is not a draft.
pub async fn update_lang(
    db: &D1Database,
    id_version: Id,
    lang: &str,
    display_name: Option<&str>,
    l: &LangFields,
    now: i64,
) -> AppResult<bool> {
    let mut args = vec![int(id_version), text(lang), opt_text(display_name), int(now)];
    args.extend(lang_values(l));
    let changed = db::run(
        db,
        "UPDATE plugstore_version_langs SET display_name = COALESCE(?3, display_name), date_updated = ?4, \
         catchphrase = COALESCE(?5, catchphrase), description = COALESCE(?6, description), tags = COALESCE(?7, tags), \
         assistance_url = COALESCE(?8, assistance_url), marketing_url = COALESCE(?9, marketing_url), \
         privacy_url = COALESCE(?10, privacy_url), tos_url = COALESCE(?11, tos_url), \
         gdpr_name = COALESCE(?12, gdpr_name), gdpr_email = COALESCE(?13, gdpr_email), \
         gdpr_address_street = COALESCE(?14, gdpr_address_street), gdpr_address_other = COALESCE(?15, gdpr_address_other), \
         gdpr_address_city = COALESCE(?16, gdpr_address_city), gdpr_address_state = COALESCE(?17, gdpr_address_state), \
         gdpr_address_zipcode = COALESCE(?18, gdpr_address_zipcode), \
         gdpr_address_country = COALESCE(?19, gdpr_address_country) \
         WHERE id_plugstore_version = ?1 AND lang = ?2 \
         AND EXISTS (SELECT 1 FROM plugstore_versions WHERE id = ?1 AND status = 'draft')",
        &args,
        "update lang",
    )
    .await?;
    Ok(changed > 0)
}
