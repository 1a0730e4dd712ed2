//! API management: developer accounts, developer apps and what hangs off them
//! (redirects, domains, platforms, roles, mail templates, calls, tokens).
//! An app is reached by its developer (user token or session) or by itself
//! (its private key). Reading needs `developer_basic`, changing
//! `developer_manage_basic`, calls and tokens `api_management`.

use senzu_core::auth::{redirect, Role};
use senzu_core::mail::{self, MailType};
use senzu_core::secrets::sha256_hex;
use senzu_core::wire::{list_object, ApiDate};
use senzu_core::ErrorCode;
use serde::Deserialize;
use serde_json::{json, Value};
use worker::{Request, Response};

use super::user::limit;
use super::Call;
use crate::args::{bad, id, missing, Args};
use crate::auth::crypto;
use crate::db::{self, int, opt_int, opt_text, text};
use crate::error::{AppError, AppResult, Context};
use crate::http::json_response;

#[derive(Deserialize)]
struct DeveloperRow {
    id: i64,
    id_user: i64,
    date_created: i64,
}

async fn developer_of(call: &Call<'_>, id_user: i64) -> AppResult<Option<DeveloperRow>> {
    db::first(
        &call.db,
        "SELECT id, id_user, date_created FROM developers WHERE id_user = ?1",
        &[int(id_user)],
        "developer",
    )
    .await
}

fn developer_json(d: &DeveloperRow) -> Value {
    json!({ "id": d.id, "id_user": d.id_user, "date_created": ApiDate::from_unix(d.date_created) })
}

/// `POST /v1/developers` (developer): turns the user's account into a developer account.
pub async fn become_developer(call: &Call<'_>) -> AppResult<Response> {
    let user = call.caller.require_user(&call.db, Role::Developer, call.now).await?;
    db::run(
        &call.db,
        "INSERT INTO developers (id_user) VALUES (?1) ON CONFLICT DO NOTHING",
        &[int(user.id_user)],
        "developer",
    )
    .await?;
    let dev = developer_of(call, user.id_user).await?.ok_or_else(|| AppError::not_found("developer account"))?;
    Ok(json_response(&developer_json(&dev), 201))
}

/// `GET /v1/developers/main` (developer).
pub async fn main_developer(call: &Call<'_>) -> AppResult<Response> {
    let user = call.caller.require_user(&call.db, Role::Developer, call.now).await?;
    let dev = developer_of(call, user.id_user)
        .await?
        .ok_or_else(|| AppError::not_found("this account is not a developer account yet: POST /v1/developers"))?;
    Ok(json_response(&developer_json(&dev), 200))
}

/// The caller's own developer id, checked against the path's `{id}` (or `main`).
async fn own_developer(call: &Call<'_>, role: Role, segment: &str) -> AppResult<i64> {
    let user = call.caller.require_user(&call.db, role, call.now).await?;
    let dev = developer_of(call, user.id_user).await?;
    let wanted = if segment == "main" { None } else { Some(id(segment, "id")?) };
    match dev {
        Some(d) if wanted.is_none_or(|w| w == d.id) => Ok(d.id),
        _ => Err(AppError::api(ErrorCode::Forbidden, "this developer account is not yours")),
    }
}

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

/// The documented optional text fields of an app, with their length limits.
const APP_TEXT: [(&str, usize); 13] = [
    ("url_image", 2048),
    ("contact_email", 254),
    ("privacy_url", 2048),
    ("tos_url", 2048),
    ("gdpr_name", 200),
    ("gdpr_email", 254),
    ("gdpr_address_street", 200),
    ("gdpr_address_other", 200),
    ("gdpr_address_city", 100),
    ("gdpr_address_state", 100),
    ("gdpr_address_zipcode", 20),
    ("gdpr_address_country", 100),
    ("display_name", 100),
];

async fn app_row(call: &Call<'_>, id_app: i64) -> AppResult<Option<AppRow>> {
    db::first(
        &call.db,
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
    .await
}

/// The app at `{id}`, if the caller may act on it with `role`: its developer
/// (by user token) or the app itself (by private key). Others get 404.
async fn reach_app(call: &Call<'_>, segment: &str, role: Role) -> AppResult<AppRow> {
    let id_app = id(segment, "id")?;
    call.caller.require(&call.db, role, call.now).await?;
    let row = app_row(call, id_app).await?;
    let allowed = row.as_ref().is_some_and(|a| match &call.caller.user {
        Some(u) => a.owner == Some(u.id_user),
        None => call.caller.id_app() == Some(a.id),
    });
    match row {
        Some(a) if allowed => Ok(a),
        _ => Err(AppError::not_found(format!("no developer app with id {id_app}"))),
    }
}

fn parse_list(text: &str) -> Value {
    let v: Value = serde_json::from_str(text).unwrap_or(Value::Array(vec![]));
    if v.as_array().is_some_and(Vec::is_empty) {
        Value::Null
    } else {
        v
    }
}

fn app_json(a: &AppRow, private_key: Option<&str>) -> Value {
    json!({
        "id": a.id, "id_developer": a.id_developer, "id_image": a.id_image,
        "id_api_app_category": a.id_api_app_category,
        "private_key": private_key, "private_key_hint": a.private_key_hint,
        "display_name": a.display_name, "url_image": a.url_image,
        "redirects": parse_list(&a.redirects), "platforms": parse_list(&a.platforms),
        "domains": parse_list(&a.domains), "roles": parse_list(&a.roles),
        "contact_email": a.contact_email, "privacy_url": a.privacy_url, "tos_url": a.tos_url,
        "gdpr_name": a.gdpr_name, "gdpr_email": a.gdpr_email, "gdpr_address_street": a.gdpr_address_street,
        "gdpr_address_other": a.gdpr_address_other, "gdpr_address_city": a.gdpr_address_city,
        "gdpr_address_state": a.gdpr_address_state, "gdpr_address_zipcode": a.gdpr_address_zipcode,
        "gdpr_address_country": a.gdpr_address_country,
        "status": a.status == 1, "is_published": a.is_published == 1,
        "date_created": ApiDate::from_unix(a.date_created), "date_updated": ApiDate::opt(a.date_updated),
    })
}

/// `GET /v1/developers/{id}/apps` (developer_basic).
pub async fn list_apps(call: &Call<'_>, segment: &str) -> AppResult<Response> {
    let dev = own_developer(call, Role::DeveloperBasic, segment).await?;
    #[derive(Deserialize)]
    struct Row {
        id: i64,
        display_name: String,
        id_image: Option<i64>,
        date_created: i64,
    }
    let rows: Vec<Row> = db::all(
        &call.db,
        "SELECT id, display_name, id_image, date_created FROM api_apps WHERE id_developer = ?1 ORDER BY id",
        &[int(dev)],
        "apps",
    )
    .await?;
    let items = rows.into_iter().map(|r| {
        json!({ "id": r.id, "display_name": r.display_name, "id_image": r.id_image, "date_created": ApiDate::from_unix(r.date_created) })
    });
    Ok(json_response(&list_object(items), 200))
}

/// A new private key: returned once, stored as a hash with its last four characters.
fn new_private_key() -> AppResult<(String, String, String)> {
    let key = crypto::random_hex(32)?;
    let hint = key[key.len() - 4..].to_string();
    Ok((sha256_hex(&[key.as_bytes()]), hint, key))
}

fn split_urls(list: &str) -> Vec<&str> {
    list.split(',').map(str::trim).filter(|u| !u.is_empty()).collect()
}

/// `POST /v1/developers/{id}/apps` (developer_manage_basic): display_name, and
/// optionally roles (JSON), redirects and domains (comma lists), platforms (JSON).
pub async fn create_app(call: &Call<'_>, req: &mut Request, segment: &str) -> AppResult<Response> {
    let dev = own_developer(call, Role::DeveloperManageBasic, segment).await?;
    let args = Args::read(req).await?;
    let display_name = args.opt_text("display_name", 100)?.ok_or_else(|| missing("display_name"))?;
    let redirects = args.opt("redirects").map(split_urls).unwrap_or_default();
    for url in &redirects {
        redirect::validate_registration(url).map_err(|e| bad("redirects", format!("{url}: {e}")))?;
    }
    let domains = args.opt("domains").map(split_urls).unwrap_or_default();
    let roles = match args.opt("roles") {
        Some(r) => parse_roles_json(r)?,
        None => vec![(Role::Basic, None), (Role::UserMail, None)],
    };
    let platforms = args.opt("platforms").map(|p| platform_data(p, "platforms")).transpose()?;
    let (hash, hint, key) = new_private_key()?;
    let mut values = vec![int(dev), text(&hash), text(&hint), text(display_name)];
    for (name, max) in &APP_TEXT[..12] {
        values.push(opt_text(args.opt_text(name, *max)?));
    }
    values.push(opt_int(args.opt_int("id_api_app_category")?));
    values.push(opt_int(args.opt_int("id_image")?));
    let created = db::id_of(
        &call.db,
        "INSERT INTO api_apps (id, id_developer, private_key_hash, private_key_hint, display_name, url_image, contact_email, \
         privacy_url, tos_url, gdpr_name, gdpr_email, gdpr_address_street, gdpr_address_other, gdpr_address_city, \
         gdpr_address_state, gdpr_address_zipcode, gdpr_address_country, id_api_app_category, id_image) \
         VALUES ((SELECT next FROM fresh_ids WHERE name = 'api_apps'), \
         ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18) RETURNING id",
        &values,
        "insert app",
    )
    .await
    .map_err(|_| bad("id_api_app_category", "no such category"))?;
    let id_app = created.ok_or_else(|| AppError::not_found("app not created"))?;
    let mut statements = Vec::new();
    for url in redirects {
        statements.push(db::statement(
            &call.db,
            "INSERT INTO api_app_redirects (id_api_app, url) VALUES (?1, ?2)",
            &[int(id_app), text(url)],
            "insert redirect",
        )?);
    }
    for url in domains {
        statements.push(db::statement(
            &call.db,
            "INSERT INTO api_app_domains (id_api_app, url) VALUES (?1, ?2)",
            &[int(id_app), text(url)],
            "insert domain",
        )?);
    }
    if let Some(data) = platforms {
        statements.push(db::statement(
            &call.db,
            "INSERT INTO api_app_platforms (id_api_app, data) VALUES (?1, ?2)",
            &[int(id_app), text(&data)],
            "insert platform",
        )?);
    }
    for (role, quota) in roles {
        statements.push(role_insert(call, id_app, role, quota)?);
    }
    if !statements.is_empty() {
        call.db.batch(statements).await.context("app children")?;
    }
    let app = app_row(call, id_app).await?.ok_or_else(|| AppError::not_found("app"))?;
    Ok(json_response(&app_json(&app, Some(&key)), 201))
}

fn parse_roles_json(text: &str) -> AppResult<Vec<(Role, Option<i64>)>> {
    #[derive(Deserialize)]
    struct Entry {
        alias_role: String,
        daily_quota: Option<i64>,
    }
    let entries: Vec<Entry> =
        serde_json::from_str(text).map_err(|_| bad("roles", "must be a JSON array of {alias_role, daily_quota}"))?;
    entries
        .into_iter()
        .map(|e| {
            let role = Role::parse(&e.alias_role).map_err(|err| bad("roles", err))?;
            if e.daily_quota.is_some_and(|q| q < 0) {
                return Err(bad("roles", "daily_quota must be 0 or more"));
            }
            Ok((role, e.daily_quota))
        })
        .collect()
}

/// Available roles are granted at once; the others stay requested until approved.
fn role_insert(call: &Call<'_>, id_app: i64, role: Role, quota: Option<i64>) -> AppResult<worker::D1PreparedStatement> {
    let granted = i64::from(role.available());
    db::statement(
        &call.db,
        "INSERT INTO api_app_roles (id_api_app, alias_role, daily_quota, status, is_requested) VALUES (?1, ?2, ?3, ?4, ?5) \
         ON CONFLICT (id_api_app, alias_role) DO UPDATE SET daily_quota = excluded.daily_quota",
        &[int(id_app), text(role.alias()), opt_int(quota), int(granted), int(1 - granted)],
        "insert role",
    )
}

fn platform_data(text: &str, name: &str) -> AppResult<String> {
    let v: Value = serde_json::from_str(text).map_err(|_| bad(name, "must be JSON"))?;
    let ok = v.as_array().is_some_and(|a| a.iter().all(|x| x.as_str().is_some_and(|s| !s.is_empty() && s.len() <= 64)));
    if !ok {
        return Err(bad(name, "must be a JSON array of platform names"));
    }
    Ok(v.to_string())
}

/// `GET /v1/apps/{id}` (developer_basic).
pub async fn get_app(call: &Call<'_>, segment: &str) -> AppResult<Response> {
    let app = reach_app(call, segment, Role::DeveloperBasic).await?;
    Ok(json_response(&app_json(&app, None), 200))
}

/// `POST /v1/apps/{id}` (developer_manage_basic). `private_key=new` rotates the key.
pub async fn update_app(call: &Call<'_>, req: &mut Request, segment: &str) -> AppResult<Response> {
    let app = reach_app(call, segment, Role::DeveloperManageBasic).await?;
    let args = Args::read(req).await?;
    let mut values = vec![int(app.id), int(call.now)];
    for (name, max) in APP_TEXT {
        values.push(opt_text(args.opt_text(name, max)?));
    }
    values.push(opt_int(args.opt_int("id_api_app_category")?));
    values.push(opt_int(args.opt_int("id_image")?));
    db::run(
        &call.db,
        "UPDATE api_apps SET date_updated = ?2, url_image = COALESCE(?3, url_image), \
         contact_email = COALESCE(?4, contact_email), privacy_url = COALESCE(?5, privacy_url), tos_url = COALESCE(?6, tos_url), \
         gdpr_name = COALESCE(?7, gdpr_name), gdpr_email = COALESCE(?8, gdpr_email), \
         gdpr_address_street = COALESCE(?9, gdpr_address_street), gdpr_address_other = COALESCE(?10, gdpr_address_other), \
         gdpr_address_city = COALESCE(?11, gdpr_address_city), gdpr_address_state = COALESCE(?12, gdpr_address_state), \
         gdpr_address_zipcode = COALESCE(?13, gdpr_address_zipcode), gdpr_address_country = COALESCE(?14, gdpr_address_country), \
         display_name = COALESCE(?15, display_name), id_api_app_category = COALESCE(?16, id_api_app_category), \
         id_image = COALESCE(?17, id_image) WHERE id = ?1",
        &values,
        "update app",
    )
    .await
    .map_err(|_| bad("id_api_app_category", "no such category"))?;
    let key = match args.opt("private_key") {
        Some("new") => {
            let (hash, hint, key) = new_private_key()?;
            db::run(
                &call.db,
                "UPDATE api_apps SET private_key_hash = ?2, private_key_hint = ?3 WHERE id = ?1",
                &[int(app.id), text(&hash), text(&hint)],
                "rotate key",
            )
            .await?;
            Some(key)
        }
        Some(_) => return Err(bad("private_key", "send private_key=new to rotate the key")),
        None => None,
    };
    let app = app_row(call, app.id).await?.ok_or_else(|| AppError::not_found("app"))?;
    Ok(json_response(&app_json(&app, key.as_deref()), 200))
}

/// `DELETE /v1/apps/{id}` (developer_manage_basic): its tokens go with it.
pub async fn delete_app(call: &Call<'_>, segment: &str) -> AppResult<Response> {
    let app = reach_app(call, segment, Role::DeveloperManageBasic).await?;
    db::run(&call.db, "DELETE FROM api_apps WHERE id = ?1", &[int(app.id)], "delete app").await?;
    Ok(json_response(&json!({ "id": app.id, "deleted": true }), 200))
}

/// `GET /v1/apps/categories` (developer_basic).
pub async fn categories(call: &Call<'_>) -> AppResult<Response> {
    call.caller.require(&call.db, Role::DeveloperBasic, call.now).await?;
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
        &call.db,
        "SELECT id, name, language, country_code, status, date_created FROM api_app_categories ORDER BY id",
        &[],
        "categories",
    )
    .await?;
    let items = rows.into_iter().map(|r| {
        json!({ "id": r.id, "id_icon": null, "id_parent": null, "name": r.name, "language": r.language,
                "country_code": r.country_code, "status": r.status == 1,
                "date_created": ApiDate::from_unix(r.date_created), "date_updated": null })
    });
    Ok(json_response(&list_object(items), 200))
}

/// `GET /v1/apps/{id}/calls` (api_management).
pub async fn calls(call: &Call<'_>, req: &Request, segment: &str) -> AppResult<Response> {
    let app = reach_app(call, segment, Role::ApiManagement).await?;
    let args = Args::from_query(req);
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
        &call.db,
        "SELECT id, route, parameters, method, status, date_created FROM api_calls WHERE id_api_app = ?1 ORDER BY id DESC LIMIT ?2",
        &[int(app.id), int(limit(&args)?)],
        "app calls",
    )
    .await?;
    let items = rows.into_iter().map(|r| {
        json!({ "id": r.id, "route": r.route, "parameters": r.parameters, "method": r.method, "status": r.status,
                "date_created": ApiDate::from_unix(r.date_created) })
    });
    Ok(json_response(&list_object(items), 200))
}

/// `GET /v1/apps/{id}/tokens` (api_management): live tokens by id (only hashes are stored).
pub async fn tokens(call: &Call<'_>, segment: &str) -> AppResult<Response> {
    let app = reach_app(call, segment, Role::ApiManagement).await?;
    #[derive(Deserialize)]
    struct Row {
        id: i64,
        id_user: i64,
        roles: String,
        date_created: i64,
        date_expired: Option<i64>,
    }
    let rows: Vec<Row> = db::all(
        &call.db,
        "SELECT id, id_user, roles, date_created, date_expired FROM tokens WHERE id_api_app = ?1 \
         AND date_revoked IS NULL AND (date_expired IS NULL OR date_expired > ?2) ORDER BY id DESC",
        &[int(app.id), int(call.now)],
        "app tokens",
    )
    .await?;
    let items: Vec<Value> = rows
        .into_iter()
        .map(|r| {
            json!({ "id": r.id, "id_user": r.id_user, "roles": r.roles,
                    "date_created": ApiDate::from_unix(r.date_created), "date_expired": ApiDate::opt(r.date_expired) })
        })
        .collect();
    Ok(json_response(&json!({ "token": items }), 200))
}

/// The children of an app: one table each, one shape of arguments each.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Child {
    Redirects,
    Domains,
    Platforms,
    Roles,
    MailTemplates,
}

impl Child {
    fn table(self) -> &'static str {
        match self {
            Self::Redirects => "api_app_redirects",
            Self::Domains => "api_app_domains",
            Self::Platforms => "api_app_platforms",
            Self::Roles => "api_app_roles",
            Self::MailTemplates => "mail_templates",
        }
    }

    fn columns(self) -> &'static str {
        match self {
            Self::Redirects => "id, id_api_app, url, date_created, date_updated",
            Self::Domains => "id, id_api_app, url, status, date_created, date_updated",
            Self::Platforms => "id, id_api_app, data, date_created, date_updated",
            Self::Roles => "id, id_api_app, alias_role, daily_quota, status, is_requested, date_created, date_updated",
            Self::MailTemplates => "id, id_api_app, mail_type, lang, code, is_enabled, date_created, date_updated",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Redirects => "redirect",
            Self::Domains => "domain",
            Self::Platforms => "platform",
            Self::Roles => "role",
            Self::MailTemplates => "mail template",
        }
    }
}

/// A child row as the documentation shows it: booleans as booleans, dates as date objects.
fn child_json(row: Value) -> Value {
    let Value::Object(mut map) = row else { return row };
    for key in ["status", "is_requested", "is_enabled"] {
        if let Some(v) = map.get(key).and_then(Value::as_i64) {
            map.insert(key.into(), json!(v == 1));
        }
    }
    for key in ["date_created", "date_updated"] {
        let date = map.get(key).and_then(Value::as_i64).map(ApiDate::from_unix);
        map.insert(key.into(), json!(date));
    }
    if let Some(data) = map.get("data").and_then(Value::as_str) {
        let parsed: Value = serde_json::from_str(data).unwrap_or(Value::Null);
        map.insert("data".into(), parsed);
    }
    Value::Object(map)
}

async fn child_row(call: &Call<'_>, child: Child, id_app: i64, id_child: i64) -> AppResult<Value> {
    let sql = format!("SELECT {} FROM {} WHERE id = ?1 AND id_api_app = ?2", child.columns(), child.table());
    let row: Option<Value> = db::first(&call.db, &sql, &[int(id_child), int(id_app)], "app child").await?;
    row.map(child_json).ok_or_else(|| AppError::not_found(format!("no {} with id {id_child}", child.name())))
}

/// `GET /v1/apps/{id}/{children}` and `GET /v1/apps/{id}/{children}/{id}`.
pub async fn get_children(call: &Call<'_>, segment: &str, child: Child, id_child: Option<i64>) -> AppResult<Response> {
    let app = reach_app(call, segment, Role::DeveloperBasic).await?;
    if let Some(id_child) = id_child {
        return Ok(json_response(&child_row(call, child, app.id, id_child).await?, 200));
    }
    let sql = format!("SELECT {} FROM {} WHERE id_api_app = ?1 ORDER BY id", child.columns(), child.table());
    let rows: Vec<Value> = db::all(&call.db, &sql, &[int(app.id)], "app children").await?;
    Ok(json_response(&list_object(rows.into_iter().map(child_json)), 200))
}

/// `POST /v1/apps/{id}/{children}` (create) and `POST …/{id}` (update).
pub async fn save_child(
    call: &Call<'_>,
    req: &mut Request,
    segment: &str,
    child: Child,
    id_child: Option<i64>,
) -> AppResult<Response> {
    let app = reach_app(call, segment, Role::DeveloperManageBasic).await?;
    let args = Args::read(req).await?;
    if let Some(id_child) = id_child {
        child_row(call, child, app.id, id_child).await?;
    }
    let a = || int(app.id);
    let n = || int(call.now);
    let new_id: Option<i64> = match child {
        Child::Redirects | Child::Domains => {
            // The documentation spells the update argument `ulr`; both are accepted.
            let url = args.opt("url").or(args.opt("ulr")).ok_or_else(|| missing("url"))?;
            if child == Child::Redirects {
                redirect::validate_registration(url).map_err(|e| bad("url", e))?;
            } else if url.len() > 253 || url.contains(char::is_whitespace) {
                return Err(bad("url", "must be a domain or origin without spaces"));
            }
            match id_child {
                Some(c) => {
                    let sql = format!(
                        "UPDATE {} SET url = ?3, date_updated = ?4 WHERE id = ?1 AND id_api_app = ?2",
                        child.table()
                    );
                    db::run(&call.db, &sql, &[int(c), a(), text(url), n()], "update child").await?;
                    Some(c)
                }
                None => {
                    insert_child(
                        call,
                        &format!("INSERT INTO {} (id_api_app, url) VALUES (?1, ?2) RETURNING id", child.table()),
                        &[a(), text(url)],
                    )
                    .await?
                }
            }
        }
        Child::Platforms => {
            let data = platform_data(args.req("data")?, "data")?;
            match id_child {
                Some(c) => {
                    db::run(
                        &call.db,
                        "UPDATE api_app_platforms SET data = ?3, date_updated = ?4 WHERE id = ?1 AND id_api_app = ?2",
                        &[int(c), a(), text(&data), n()],
                        "update platform",
                    )
                    .await?;
                    Some(c)
                }
                None => {
                    insert_child(
                        call,
                        "INSERT INTO api_app_platforms (id_api_app, data) VALUES (?1, ?2) RETURNING id",
                        &[a(), text(&data)],
                    )
                    .await?
                }
            }
        }
        Child::Roles => {
            let quota = args.opt_int("daily_quota")?;
            if quota.is_some_and(|q| q < 0) {
                return Err(bad("daily_quota", "must be 0 or more"));
            }
            match id_child {
                Some(c) => {
                    // Documented: an update creates a new role object and deletes the old one.
                    #[derive(Deserialize)]
                    struct Old {
                        alias_role: String,
                        status: i64,
                        is_requested: i64,
                    }
                    let old: Old = db::first(
                        &call.db,
                        "SELECT alias_role, status, is_requested FROM api_app_roles WHERE id = ?1",
                        &[int(c)],
                        "old role",
                    )
                    .await?
                    .ok_or_else(|| AppError::not_found("role"))?;
                    let statements = vec![
                        db::statement(&call.db, "DELETE FROM api_app_roles WHERE id = ?1", &[int(c)], "delete role")?,
                        db::statement(&call.db, "INSERT INTO api_app_roles (id_api_app, alias_role, daily_quota, status, is_requested, date_updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &[a(), text(&old.alias_role), opt_int(quota), int(old.status), int(old.is_requested), n()], "recreate role")?,
                    ];
                    call.db.batch(statements).await.context("update role")?;
                    db::id_of(
                        &call.db,
                        "SELECT id FROM api_app_roles WHERE id_api_app = ?1 AND alias_role = ?2",
                        &[a(), text(&old.alias_role)],
                        "new role id",
                    )
                    .await?
                }
                None => {
                    let role = Role::parse(args.req("alias_role")?).map_err(|e| bad("alias_role", e))?;
                    let exists: Option<Value> = db::first(
                        &call.db,
                        "SELECT id FROM api_app_roles WHERE id_api_app = ?1 AND alias_role = ?2",
                        &[a(), text(role.alias())],
                        "role exists",
                    )
                    .await?;
                    if exists.is_some() {
                        return Err(AppError::api(
                            ErrorCode::Conflict,
                            format!("the app already has the role {}", role.alias()),
                        ));
                    }
                    role_insert(call, app.id, role, quota)?.run().await.context("insert role")?;
                    db::id_of(
                        &call.db,
                        "SELECT id FROM api_app_roles WHERE id_api_app = ?1 AND alias_role = ?2",
                        &[a(), text(role.alias())],
                        "role id",
                    )
                    .await?
                }
            }
        }
        Child::MailTemplates => {
            let mail_type = match args.opt("mail_type") {
                Some(t) => Some(MailType::parse(t).ok_or_else(|| {
                    bad(
                        "mail_type",
                        "must be change_email, change_password, delete_account, registration or reset_password",
                    )
                })?),
                None if id_child.is_none() => return Err(missing("mail_type")),
                None => None,
            };
            let lang = match args.opt("lang") {
                Some(l @ ("fr" | "en")) => Some(l),
                Some(_) => return Err(bad("lang", "must be fr or en")),
                None => None,
            };
            let code = args.opt_text("code", 32_768)?;
            if id_child.is_none() && code.is_none() {
                return Err(missing("code"));
            }
            if let Some(code) = code {
                let t = mail_type.unwrap_or(MailType::Registration);
                mail::check_template(t, code).map_err(|e| bad("code", e))?;
            }
            let enabled = args.opt_bool("is_enabled")?;
            match id_child {
                Some(c) => {
                    db::run(&call.db, "UPDATE mail_templates SET mail_type = COALESCE(?3, mail_type), lang = COALESCE(?4, lang), code = COALESCE(?5, code), is_enabled = COALESCE(?6, is_enabled), date_updated = ?7 WHERE id = ?1 AND id_api_app = ?2", &[int(c), a(), opt_text(mail_type.map(MailType::as_str)), opt_text(lang), opt_text(code), opt_int(enabled.map(i64::from)), n()], "update template").await?;
                    Some(c)
                }
                None => insert_child(call, "INSERT INTO mail_templates (id_api_app, mail_type, lang, code, is_enabled) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id", &[a(), opt_text(mail_type.map(MailType::as_str)), opt_text(lang), opt_text(code), int(i64::from(enabled.unwrap_or(true)))]).await?,
            }
        }
    };
    let new_id = new_id.ok_or_else(|| AppError::not_found(child.name()))?;
    let status = if id_child.is_some() { 200 } else { 201 };
    Ok(json_response(&child_row(call, child, app.id, new_id).await?, status))
}

async fn insert_child(call: &Call<'_>, sql: &str, args: &[worker::wasm_bindgen::JsValue]) -> AppResult<Option<i64>> {
    db::id_of(&call.db, sql, args, "insert child").await
}

/// `DELETE /v1/apps/{id}/{children}/{id}` (developer_manage_basic).
pub async fn delete_child(call: &Call<'_>, segment: &str, child: Child, id_child: i64) -> AppResult<Response> {
    let app = reach_app(call, segment, Role::DeveloperManageBasic).await?;
    let sql = format!("DELETE FROM {} WHERE id = ?1 AND id_api_app = ?2", child.table());
    if db::run(&call.db, &sql, &[int(id_child), int(app.id)], "delete child").await? == 0 {
        return Err(AppError::not_found(format!("no {} with id {id_child}", child.name())));
    }
    Ok(json_response(&json!({ "id": id_child, "deleted": true }), 200))
}
