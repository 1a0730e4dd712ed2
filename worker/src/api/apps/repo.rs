//! The queries of developer apps and their children.
//! Every function is one statement or one batch; `format!` only names a
//! child's table from the closed [`Child`] enum.

use senzu_core::api::apps::{
    App, AppCall, AppPlatform, AppRole, AppRoleGrant, AppSummary, AppToken, AppUrl, Category, Domain, MailTemplate,
    Platform, Redirect,
};
use senzu_core::api::{ApiDate, Id};
use senzu_core::auth::Role;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use worker::{D1Database, D1PreparedStatement};

use super::Child;
use crate::db::{self, int, opt_int, opt_text, text};
use crate::error::{AppError, AppResult, Context};

#[derive(Deserialize)]
struct AppRow {
    id: i64,
    id_developer: Option<i64>,
    id_image: Option<i64>,
    id_api_app_category: Option<i64>,
    private_key_hint: String,
    display_name: String,
    url_image: Option<String>,
    contact_email: Option<String>,
    privacy_url: Option<String>,
    tos_url: Option<String>,
    gdpr_name: Option<String>,
    gdpr_email: Option<String>,
    gdpr_address_street: Option<String>,
    gdpr_address_other: Option<String>,
    gdpr_address_city: Option<String>,
    gdpr_address_state: Option<String>,
    gdpr_address_zipcode: Option<String>,
    gdpr_address_country: Option<String>,
    status: i64,
    is_published: i64,
    date_created: i64,
    date_updated: Option<i64>,
    redirects: String,
    domains: String,
    platforms: String,
    roles: String,
    owner: Option<i64>,
}

/// A JSON list from a subquery; `null` on the wire when empty.
fn list_of<T: DeserializeOwned>(text: &str, context: &'static str) -> AppResult<Option<Vec<T>>> {
    let items: Vec<T> = serde_json::from_str(text).context(context)?;
    Ok((!items.is_empty()).then_some(items))
}

/// An app, with the developer's user id (who may reach it).
pub struct Reached {
    pub app: App,
    pub owner: Option<Id>,
}

impl AppRow {
    fn into_app(self) -> AppResult<Reached> {
        Ok(Reached {
            owner: self.owner,
            app: App {
                id: self.id,
                id_developer: self.id_developer,
                id_image: self.id_image,
                id_api_app_category: self.id_api_app_category,
                private_key: None,
                private_key_hint: self.private_key_hint,
                display_name: self.display_name,
                url_image: self.url_image,
                redirects: list_of::<AppUrl>(&self.redirects, "app redirects")?,
                platforms: list_of::<AppPlatform>(&self.platforms, "app platforms")?,
                domains: list_of::<AppUrl>(&self.domains, "app domains")?,
                roles: list_of::<AppRoleGrant>(&self.roles, "app roles")?,
                contact_email: self.contact_email,
                privacy_url: self.privacy_url,
                tos_url: self.tos_url,
                gdpr_name: self.gdpr_name,
                gdpr_email: self.gdpr_email,
                gdpr_address_street: self.gdpr_address_street,
                gdpr_address_other: self.gdpr_address_other,
                gdpr_address_city: self.gdpr_address_city,
                gdpr_address_state: self.gdpr_address_state,
                gdpr_address_zipcode: self.gdpr_address_zipcode,
                gdpr_address_country: self.gdpr_address_country,
                status: self.status == 1,
                is_published: self.is_published == 1,
                date_created: ApiDate::from_unix(self.date_created),
                date_updated: ApiDate::opt(self.date_updated),
            },
        })
    }
}

/// A third-party app with its children.
pub async fn app(db: &D1Database, id_app: Id) -> AppResult<Option<Reached>> {
    let row: Option<AppRow> = db::first(
        db,
        "SELECT a.id, a.id_developer, a.id_image, a.id_api_app_category, a.private_key_hint, a.display_name, a.url_image, \
         a.contact_email, a.privacy_url, a.tos_url, a.gdpr_name, a.gdpr_email, a.gdpr_address_street, \
         a.gdpr_address_other, a.gdpr_address_city, a.gdpr_address_state, a.gdpr_address_zipcode, \
         a.gdpr_address_country, a.status, a.is_published, a.date_created, a.date_updated, \
         (SELECT json_group_array(json_object('id', id, 'url', url)) FROM api_app_redirects WHERE id_api_app = a.id) AS redirects, \
         (SELECT json_group_array(json_object('id', id, 'url', url)) FROM api_app_domains WHERE id_api_app = a.id) AS domains, \
         (SELECT json_group_array(json_object('id', id, 'data', json(data))) FROM api_app_platforms WHERE id_api_app = a.id) AS platforms, \
         (SELECT json_group_array(json_object('id', id, 'alias_role', alias_role, 'daily_quota', daily_quota, \
            'status', json(CASE status WHEN 1 THEN 'true' ELSE 'false' END), \
            'is_requested', json(CASE is_requested WHEN 1 THEN 'true' ELSE 'false' END))) \
            FROM api_app_roles WHERE id_api_app = a.id) AS roles, \
         d.id_user AS owner \
         FROM api_apps a LEFT JOIN developers d ON d.id = a.id_developer WHERE a.id = ?1 AND a.is_first_party = 0",
        &[int(id_app)],
        "api app",
    )
    .await?;
    row.map(AppRow::into_app).transpose()
}

/// A developer's apps, in order (with their creation time for the filters).
pub async fn apps_of(db: &D1Database, id_developer: Id) -> AppResult<Vec<(AppSummary, i64)>> {
    #[derive(Deserialize)]
    struct Row {
        id: i64,
        display_name: String,
        id_image: Option<i64>,
        date_created: i64,
    }
    let rows: Vec<Row> = db::all(
        db,
        "SELECT id, display_name, id_image, date_created FROM api_apps WHERE id_developer = ?1 ORDER BY id",
        &[int(id_developer)],
        "apps",
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let summary = AppSummary {
                id: r.id,
                display_name: r.display_name,
                id_image: r.id_image,
                date_created: ApiDate::from_unix(r.date_created),
            };
            (summary, r.date_created)
        })
        .collect())
}

pub async fn category_exists(db: &D1Database, id: Id) -> AppResult<bool> {
    Ok(db::id_of(db, "SELECT id FROM api_app_categories WHERE id = ?1", &[int(id)], "category").await?.is_some())
}

/// The text and id fields of an app as stored (`None` keeps the stored value on update).
#[derive(Default)]
pub struct AppColumns<'a> {
    pub display_name: Option<&'a str>,
    pub url_image: Option<&'a str>,
    pub contact_email: Option<&'a str>,
    pub privacy_url: Option<&'a str>,
    pub tos_url: Option<&'a str>,
    pub gdpr_name: Option<&'a str>,
    pub gdpr_email: Option<&'a str>,
    pub gdpr_address_street: Option<&'a str>,
    pub gdpr_address_other: Option<&'a str>,
    pub gdpr_address_city: Option<&'a str>,
    pub gdpr_address_state: Option<&'a str>,
    pub gdpr_address_zipcode: Option<&'a str>,
    pub gdpr_address_country: Option<&'a str>,
    pub id_api_app_category: Option<Id>,
    pub id_image: Option<Id>,
}

/// The new private key of an app (only its hash and last four characters are stored).
pub struct Key<'a> {
    pub hash: &'a str,
    pub hint: &'a str,
}

pub async fn insert_app(db: &D1Database, id_developer: Id, key: &Key<'_>, c: &AppColumns<'_>) -> AppResult<Id> {
    db::id_of(
        db,
        "INSERT INTO api_apps (id, id_developer, private_key_hash, private_key_hint, display_name, url_image, contact_email, \
         privacy_url, tos_url, gdpr_name, gdpr_email, gdpr_address_street, gdpr_address_other, gdpr_address_city, \
         gdpr_address_state, gdpr_address_zipcode, gdpr_address_country, id_api_app_category, id_image) \
         VALUES ((SELECT next FROM fresh_ids WHERE name = 'api_apps'), \
         ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18) RETURNING id",
        &[
            int(id_developer),
            text(key.hash),
            text(key.hint),
            opt_text(c.display_name),
            opt_text(c.url_image),
            opt_text(c.contact_email),
            opt_text(c.privacy_url),
            opt_text(c.tos_url),
            opt_text(c.gdpr_name),
            opt_text(c.gdpr_email),
            opt_text(c.gdpr_address_street),
            opt_text(c.gdpr_address_other),
            opt_text(c.gdpr_address_city),
            opt_text(c.gdpr_address_state),
            opt_text(c.gdpr_address_zipcode),
            opt_text(c.gdpr_address_country),
            opt_int(c.id_api_app_category),
            opt_int(c.id_image),
        ],
        "insert app",
    )
    .await?
    .ok_or_else(|| AppError::Internal { context: "insert app", cause: "no row after insert".into() })
}

pub async fn update_app(db: &D1Database, id_app: Id, c: &AppColumns<'_>, now: i64) -> AppResult<()> {
    db::run(
        db,
        "UPDATE api_apps SET date_updated = ?2, url_image = COALESCE(?3, url_image), \
         contact_email = COALESCE(?4, contact_email), privacy_url = COALESCE(?5, privacy_url), tos_url = COALESCE(?6, tos_url), \
         gdpr_name = COALESCE(?7, gdpr_name), gdpr_email = COALESCE(?8, gdpr_email), \
         gdpr_address_street = COALESCE(?9, gdpr_address_street), gdpr_address_other = COALESCE(?10, gdpr_address_other), \
         gdpr_address_city = COALESCE(?11, gdpr_address_city), gdpr_address_state = COALESCE(?12, gdpr_address_state), \
         gdpr_address_zipcode = COALESCE(?13, gdpr_address_zipcode), gdpr_address_country = COALESCE(?14, gdpr_address_country), \
         display_name = COALESCE(?15, display_name), id_api_app_category = COALESCE(?16, id_api_app_category), \
         id_image = COALESCE(?17, id_image) WHERE id = ?1",
        &[
            int(id_app),
            int(now),
            opt_text(c.url_image),
            opt_text(c.contact_email),
            opt_text(c.privacy_url),
            opt_text(c.tos_url),
            opt_text(c.gdpr_name),
            opt_text(c.gdpr_email),
            opt_text(c.gdpr_address_street),
            opt_text(c.gdpr_address_other),
            opt_text(c.gdpr_address_city),
            opt_text(c.gdpr_address_state),
            opt_text(c.gdpr_address_zipcode),
            opt_text(c.gdpr_address_country),
            opt_text(c.display_name),
            opt_int(c.id_api_app_category),
            opt_int(c.id_image),
        ],
        "update app",
    )
    .await?;
    Ok(())
}

pub async fn rotate_key(db: &D1Database, id_app: Id, key: &Key<'_>) -> AppResult<()> {
    db::run(
        db,
        "UPDATE api_apps SET private_key_hash = ?2, private_key_hint = ?3 WHERE id = ?1",
        &[int(id_app), text(key.hash), text(key.hint)],
        "rotate key",
    )
    .await?;
    Ok(())
}

pub async fn delete_app(db: &D1Database, id_app: Id) -> AppResult<()> {
    db::run(db, "DELETE FROM api_apps WHERE id = ?1", &[int(id_app)], "delete app").await?;
    Ok(())
}

/// A new app's first children, in one batch.
pub struct FirstChildren<'a> {
    pub redirects: Vec<&'a str>,
    pub domains: Vec<&'a str>,
    pub platforms: Option<String>,
    pub roles: Vec<(Role, Option<i64>)>,
}

pub async fn insert_children(db: &D1Database, id_app: Id, c: &FirstChildren<'_>) -> AppResult<()> {
    let mut statements = Vec::new();
    for url in &c.redirects {
        statements.push(db::statement(
            db,
            "INSERT INTO api_app_redirects (id_api_app, url) VALUES (?1, ?2)",
            &[int(id_app), text(url)],
            "insert redirect",
        )?);
    }
    for url in &c.domains {
        statements.push(db::statement(
            db,
            "INSERT INTO api_app_domains (id_api_app, url) VALUES (?1, ?2)",
            &[int(id_app), text(url)],
            "insert domain",
        )?);
    }
    if let Some(data) = &c.platforms {
        statements.push(db::statement(
            db,
            "INSERT INTO api_app_platforms (id_api_app, data) VALUES (?1, ?2)",
            &[int(id_app), text(data)],
            "insert platform",
        )?);
    }
    for (role, quota) in &c.roles {
        statements.push(role_statement(db, id_app, *role, *quota)?);
    }
    if !statements.is_empty() {
        db.batch(statements).await.context("app children")?;
    }
    Ok(())
}

/// Available roles are granted at once; the others stay requested until approved.
fn role_statement(db: &D1Database, id_app: Id, role: Role, quota: Option<i64>) -> AppResult<D1PreparedStatement> {
    let granted = i64::from(role.available());
    db::statement(
        db,
        "INSERT INTO api_app_roles (id_api_app, alias_role, daily_quota, status, is_requested) VALUES (?1, ?2, ?3, ?4, ?5) \
         ON CONFLICT (id_api_app, alias_role) DO UPDATE SET daily_quota = excluded.daily_quota",
        &[int(id_app), text(role.alias()), opt_int(quota), int(granted), int(1 - granted)],
        "insert role",
    )
}

pub async fn categories(db: &D1Database) -> AppResult<Vec<(Category, i64)>> {
    #[derive(Deserialize)]
    struct Row {
        id: i64,
        name: String,
        language: String,
        country_code: Option<String>,
        status: i64,
        date_created: i64,
    }
    let rows: Vec<Row> = db::all(
        db,
        "SELECT id, name, language, country_code, status, date_created FROM api_app_categories ORDER BY id",
        &[],
        "categories",
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let category = Category {
                id: r.id,
                id_icon: None,
                id_parent: None,
                name: r.name,
                language: r.language,
                country_code: r.country_code,
                status: r.status == 1,
                date_created: ApiDate::from_unix(r.date_created),
                date_updated: None,
            };
            (category, r.date_created)
        })
        .collect())
}

/// The most recent calls an app's call list reads before its filters apply.
const CALL_WINDOW: i64 = senzu_core::api::list::MAX_LIMIT as i64;

/// An app's calls, newest first.
pub async fn calls(db: &D1Database, id_app: Id) -> AppResult<Vec<(AppCall, i64)>> {
    #[derive(Deserialize)]
    struct Row {
        id: i64,
        route: String,
        parameters: String,
        method: String,
        status: i64,
        date_created: i64,
    }
    let rows: Vec<Row> = db::all(
        db,
        "SELECT id, route, parameters, method, status, date_created FROM api_calls WHERE id_api_app = ?1 ORDER BY id DESC LIMIT ?2",
        &[int(id_app), int(CALL_WINDOW)],
        "app calls",
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let call = AppCall {
                id: r.id,
                route: r.route,
                parameters: r.parameters,
                method: r.method,
                status: r.status,
                date_created: ApiDate::from_unix(r.date_created),
            };
            (call, r.date_created)
        })
        .collect())
}

/// An app's live tokens, newest first.
pub async fn tokens(db: &D1Database, id_app: Id, now: i64) -> AppResult<Vec<AppToken>> {
    #[derive(Deserialize)]
    struct Row {
        id: i64,
        id_user: i64,
        roles: String,
        date_created: i64,
        date_expired: Option<i64>,
    }
    let rows: Vec<Row> = db::all(
        db,
        "SELECT id, id_user, roles, date_created, date_expired FROM tokens WHERE id_api_app = ?1 \
         AND date_revoked IS NULL AND (date_expired IS NULL OR date_expired > ?2) ORDER BY id DESC",
        &[int(id_app), int(now)],
        "app tokens",
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| AppToken {
            id: r.id,
            id_user: r.id_user,
            roles: r.roles,
            date_created: ApiDate::from_unix(r.date_created),
            date_expired: ApiDate::opt(r.date_expired),
        })
        .collect())
}

// ---- The children of an app -------------------------------------------------

/// A child's row and its answer.
pub trait ChildRow: DeserializeOwned {
    type Out: serde::Serialize;
    const CHILD: Child;
    fn id(&self) -> Id;
    fn created(&self) -> i64;
    fn into_out(self) -> AppResult<Self::Out>;
}

#[derive(Deserialize)]
pub struct RedirectRow {
    id: i64,
    id_api_app: i64,
    url: String,
    date_created: i64,
    date_updated: Option<i64>,
}

impl ChildRow for RedirectRow {
    type Out = Redirect;
    const CHILD: Child = Child::Redirects;
    fn id(&self) -> Id {
        self.id
    }
    fn created(&self) -> i64 {
        self.date_created
    }
    fn into_out(self) -> AppResult<Redirect> {
        Ok(Redirect {
            id: self.id,
            id_api_app: self.id_api_app,
            url: self.url,
            date_created: ApiDate::from_unix(self.date_created),
            date_updated: ApiDate::opt(self.date_updated),
        })
    }
}

#[derive(Deserialize)]
pub struct DomainRow {
    id: i64,
    id_api_app: i64,
    url: String,
    status: i64,
    date_created: i64,
    date_updated: Option<i64>,
}

impl ChildRow for DomainRow {
    type Out = Domain;
    const CHILD: Child = Child::Domains;
    fn id(&self) -> Id {
        self.id
    }
    fn created(&self) -> i64 {
        self.date_created
    }
    fn into_out(self) -> AppResult<Domain> {
        Ok(Domain {
            id: self.id,
            id_api_app: self.id_api_app,
            url: self.url,
            status: self.status == 1,
            date_created: ApiDate::from_unix(self.date_created),
            date_updated: ApiDate::opt(self.date_updated),
        })
    }
}

#[derive(Deserialize)]
pub struct PlatformRow {
    id: i64,
    id_api_app: i64,
    data: String,
    date_created: i64,
    date_updated: Option<i64>,
}

impl ChildRow for PlatformRow {
    type Out = Platform;
    const CHILD: Child = Child::Platforms;
    fn id(&self) -> Id {
        self.id
    }
    fn created(&self) -> i64 {
        self.date_created
    }
    fn into_out(self) -> AppResult<Platform> {
        Ok(Platform {
            id: self.id,
            id_api_app: self.id_api_app,
            data: serde_json::from_str(&self.data).context("platform data")?,
            date_created: ApiDate::from_unix(self.date_created),
            date_updated: ApiDate::opt(self.date_updated),
        })
    }
}

#[derive(Deserialize)]
pub struct RoleRow {
    id: i64,
    id_api_app: i64,
    alias_role: String,
    daily_quota: Option<i64>,
    status: i64,
    is_requested: i64,
    date_created: i64,
    date_updated: Option<i64>,
}

impl ChildRow for RoleRow {
    type Out = AppRole;
    const CHILD: Child = Child::Roles;
    fn id(&self) -> Id {
        self.id
    }
    fn created(&self) -> i64 {
        self.date_created
    }
    fn into_out(self) -> AppResult<AppRole> {
        Ok(AppRole {
            id: self.id,
            id_api_app: self.id_api_app,
            alias_role: self.alias_role,
            daily_quota: self.daily_quota,
            status: self.status == 1,
            is_requested: self.is_requested == 1,
            date_created: ApiDate::from_unix(self.date_created),
            date_updated: ApiDate::opt(self.date_updated),
        })
    }
}

#[derive(Deserialize)]
pub struct MailTemplateRow {
    id: i64,
    id_api_app: i64,
    mail_type: String,
    lang: Option<String>,
    code: String,
    is_enabled: i64,
    date_created: i64,
    date_updated: Option<i64>,
}

impl ChildRow for MailTemplateRow {
    type Out = MailTemplate;
    const CHILD: Child = Child::MailTemplates;
    fn id(&self) -> Id {
        self.id
    }
    fn created(&self) -> i64 {
        self.date_created
    }
    fn into_out(self) -> AppResult<MailTemplate> {
        Ok(MailTemplate {
            id: self.id,
            id_api_app: self.id_api_app,
            mail_type: self.mail_type,
            lang: self.lang,
            code: self.code,
            is_enabled: self.is_enabled == 1,
            date_created: ApiDate::from_unix(self.date_created),
            date_updated: ApiDate::opt(self.date_updated),
        })
    }
}

pub async fn child<R: ChildRow>(db: &D1Database, id_app: Id, id_child: Id) -> AppResult<Option<R>> {
    let child = R::CHILD;
    let sql = format!("SELECT {} FROM {} WHERE id = ?1 AND id_api_app = ?2", child.columns(), child.table());
    db::first(db, &sql, &[int(id_child), int(id_app)], "app child").await
}

pub async fn children<R: ChildRow>(db: &D1Database, id_app: Id) -> AppResult<Vec<R>> {
    let child = R::CHILD;
    let sql = format!("SELECT {} FROM {} WHERE id_api_app = ?1 ORDER BY id", child.columns(), child.table());
    db::all(db, &sql, &[int(id_app)], "app children").await
}

/// A redirect or a domain: a new one, or a moved one.
pub async fn save_url(
    db: &D1Database,
    child: Child,
    id_app: Id,
    id_child: Option<Id>,
    url: &str,
    now: i64,
) -> AppResult<Id> {
    match id_child {
        Some(c) => {
            let sql =
                format!("UPDATE {} SET url = ?3, date_updated = ?4 WHERE id = ?1 AND id_api_app = ?2", child.table());
            db::run(db, &sql, &[int(c), int(id_app), text(url), int(now)], "update child").await?;
            Ok(c)
        }
        None => {
            let sql = format!("INSERT INTO {} (id_api_app, url) VALUES (?1, ?2) RETURNING id", child.table());
            inserted(db::id_of(db, &sql, &[int(id_app), text(url)], "insert child").await?)
        }
    }
}

fn inserted(id: Option<Id>) -> AppResult<Id> {
    id.ok_or_else(|| AppError::Internal { context: "insert child", cause: "no row after insert".into() })
}

pub async fn save_platform(db: &D1Database, id_app: Id, id_child: Option<Id>, data: &str, now: i64) -> AppResult<Id> {
    match id_child {
        Some(c) => {
            db::run(
                db,
                "UPDATE api_app_platforms SET data = ?3, date_updated = ?4 WHERE id = ?1 AND id_api_app = ?2",
                &[int(c), int(id_app), text(data), int(now)],
                "update platform",
            )
            .await?;
            Ok(c)
        }
        None => inserted(
            db::id_of(
                db,
                "INSERT INTO api_app_platforms (id_api_app, data) VALUES (?1, ?2) RETURNING id",
                &[int(id_app), text(data)],
                "insert platform",
            )
            .await?,
        ),
    }
}

pub async fn role_id(db: &D1Database, id_app: Id, role: &str) -> AppResult<Option<Id>> {
    db::id_of(
        db,
        "SELECT id FROM api_app_roles WHERE id_api_app = ?1 AND alias_role = ?2",
        &[int(id_app), text(role)],
        "role id",
    )
    .await
}

pub async fn insert_role(db: &D1Database, id_app: Id, role: Role, quota: Option<i64>) -> AppResult<Id> {
    role_statement(db, id_app, role, quota)?.run().await.context("insert role")?;
    inserted(role_id(db, id_app, role.alias()).await?)
}

/// Documented: an update of a role makes a new role object and deletes the old one.
pub async fn replace_role(db: &D1Database, id_app: Id, old: &RoleRow, quota: Option<i64>, now: i64) -> AppResult<Id> {
    let statements = vec![
        db::statement(db, "DELETE FROM api_app_roles WHERE id = ?1", &[int(old.id)], "delete role")?,
        db::statement(
            db,
            "INSERT INTO api_app_roles (id_api_app, alias_role, daily_quota, status, is_requested, date_updated) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            &[int(id_app), text(&old.alias_role), opt_int(quota), int(old.status), int(old.is_requested), int(now)],
            "recreate role",
        )?,
    ];
    db.batch(statements).await.context("update role")?;
    inserted(role_id(db, id_app, &old.alias_role).await?)
}

/// A mail template's fields; on update `None` keeps the stored value.
pub struct TemplateColumns<'a> {
    pub mail_type: Option<&'a str>,
    pub lang: Option<&'a str>,
    pub code: Option<&'a str>,
    pub is_enabled: Option<bool>,
}

pub async fn save_template(
    db: &D1Database,
    id_app: Id,
    id_child: Option<Id>,
    t: &TemplateColumns<'_>,
    now: i64,
) -> AppResult<Id> {
    match id_child {
        Some(c) => {
            db::run(
                db,
                "UPDATE mail_templates SET mail_type = COALESCE(?3, mail_type), lang = COALESCE(?4, lang), \
                 code = COALESCE(?5, code), is_enabled = COALESCE(?6, is_enabled), date_updated = ?7 \
                 WHERE id = ?1 AND id_api_app = ?2",
                &[
                    int(c),
                    int(id_app),
                    opt_text(t.mail_type),
                    opt_text(t.lang),
                    opt_text(t.code),
                    opt_int(t.is_enabled.map(i64::from)),
                    int(now),
                ],
                "update template",
            )
            .await?;
            Ok(c)
        }
        None => inserted(
            db::id_of(
                db,
                "INSERT INTO mail_templates (id_api_app, mail_type, lang, code, is_enabled) \
                 VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
                &[
                    int(id_app),
                    opt_text(t.mail_type),
                    opt_text(t.lang),
                    opt_text(t.code),
                    int(i64::from(t.is_enabled.unwrap_or(true))),
                ],
                "insert template",
            )
            .await?,
        ),
    }
}

/// How many rows went (0: no such child of this app).
pub async fn delete_child(db: &D1Database, child: Child, id_app: Id, id_child: Id) -> AppResult<u64> {
    let sql = format!("DELETE FROM {} WHERE id = ?1 AND id_api_app = ?2", child.table());
    db::run(db, &sql, &[int(id_child), int(id_app)], "delete child").await
}
