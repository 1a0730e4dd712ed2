//! API management: developer accounts, developer apps and what hangs off them
//! (redirects, domains, platforms, roles, mail templates: `children.rs`;
//! calls, tokens). An app is reached by its developer (user token or
//! session) or by itself (its private key). Reading needs `developer_basic`,
//! changing `developer_manage_basic`, calls and tokens `api_management`.

mod children;
mod repo;

pub use children::{delete_child, get_children, preview_template, save_child};

use senzu_core::api::apps::{App, AppTokens, SaveApp};
use senzu_core::api::list::ListSpec;
use senzu_core::api::{Deleted, Id, Name};
use senzu_core::auth::{redirect, Role};
use senzu_core::secrets::sha256_hex;
use senzu_core::ErrorCode;
use serde::Deserialize;
use worker::{Request, Response};

use super::user::{filtered, Dated};
use super::Call;
use crate::args::{bad, id, missing};
use crate::auth::crypto;
use crate::error::{AppError, AppResult};
use crate::http::{created, json};
use crate::request;

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

/// The caller's own developer id, checked against the path's `{id}` (or `main`).
async fn own_developer(call: &Call<'_>, role: Role, segment: &str) -> AppResult<Id> {
    let user = call.caller.require_user(&call.db, role, call.now).await?;
    let dev = super::developers::repo::of_user(&call.db, user.id_user).await?;
    let wanted = if segment == "main" { None } else { Some(id(segment, "id")?) };
    match dev {
        Some(d) if wanted.is_none_or(|w| w == d.id) => Ok(d.id),
        _ => Err(AppError::api(ErrorCode::Forbidden, "this developer account is not yours")),
    }
}

/// The app at `{id}`, if the caller may act on it with `role`: its developer
/// (by user token) or the app itself (by private key). Others get 404.
async fn reach_app(call: &Call<'_>, segment: &str, role: Role) -> AppResult<App> {
    let id_app = id(segment, "id")?;
    call.caller.require(&call.db, role, call.now).await?;
    let reached = repo::app(&call.db, id_app).await?;
    let allowed = reached.as_ref().is_some_and(|r| match &call.caller.user {
        Some(u) => r.owner == Some(u.id_user),
        None => call.caller.id_app() == Some(r.app.id),
    });
    match reached {
        Some(r) if allowed => Ok(r.app),
        _ => Err(AppError::not_found(format!("no developer app with id {id_app}"))),
    }
}

async fn read_app(call: &Call<'_>, id_app: Id, context: &'static str) -> AppResult<App> {
    repo::app(&call.db, id_app)
        .await?
        .map(|r| r.app)
        .ok_or_else(|| AppError::Internal { context, cause: "the app is not readable".into() })
}

/// `GET /v1/developers/{id}/apps` (developer_basic).
pub async fn list_apps(call: &Call<'_>, req: &Request, segment: &str) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    let dev = own_developer(call, Role::DeveloperBasic, segment).await?;
    let apps = repo::apps_of(&call.db, dev).await?;
    Ok(filtered(&filters, apps.into_iter().map(|(a, created)| Dated { id: a.id, created, item: a }).collect()))
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

fn text<const N: usize>(v: &Option<Name<N>>) -> Option<&str> {
    v.as_ref().map(|n| n.as_str())
}

/// The stored columns of a create or an update; a category must exist (a 420
/// naming it, checked before the write so a database error stays a 500).
async fn columns<'a>(call: &Call<'_>, given: &'a SaveApp) -> AppResult<repo::AppColumns<'a>> {
    if let Some(category) = given.id_api_app_category {
        if !repo::category_exists(&call.db, category).await? {
            return Err(bad("id_api_app_category", "no such category"));
        }
    }
    Ok(repo::AppColumns {
        display_name: text(&given.display_name),
        url_image: text(&given.url_image),
        contact_email: text(&given.contact_email),
        privacy_url: text(&given.privacy_url),
        tos_url: text(&given.tos_url),
        gdpr_name: text(&given.gdpr_name),
        gdpr_email: text(&given.gdpr_email),
        gdpr_address_street: text(&given.gdpr_address_street),
        gdpr_address_other: text(&given.gdpr_address_other),
        gdpr_address_city: text(&given.gdpr_address_city),
        gdpr_address_state: text(&given.gdpr_address_state),
        gdpr_address_zipcode: text(&given.gdpr_address_zipcode),
        gdpr_address_country: text(&given.gdpr_address_country),
        id_api_app_category: given.id_api_app_category,
        id_image: given.id_image,
    })
}

/// `POST /v1/developers/{id}/apps` (developer_manage_basic, 201): display_name, and
/// optionally roles (JSON), redirects and domains (comma lists), platforms (JSON).
pub async fn create_app(call: &Call<'_>, req: &mut Request, segment: &str) -> AppResult<Response> {
    let dev = own_developer(call, Role::DeveloperManageBasic, segment).await?;
    let given: SaveApp = request::parse(req).await?;
    if given.display_name.is_none() {
        return Err(missing("display_name"));
    }
    let redirects = given.redirects.as_deref().map(split_urls).unwrap_or_default();
    for url in &redirects {
        redirect::validate_registration(url).map_err(|e| bad("redirects", format!("{url}: {e}")))?;
    }
    let first = repo::FirstChildren {
        redirects,
        domains: given.domains.as_deref().map(split_urls).unwrap_or_default(),
        platforms: given.platforms.as_deref().map(|p| platform_data(p, "platforms")).transpose()?,
        roles: match given.roles.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
            Some(r) => parse_roles_json(r)?,
            None => vec![(Role::Basic, None), (Role::UserMail, None)],
        },
    };
    let columns = columns(call, &given).await?;
    let (hash, hint, key) = new_private_key()?;
    let id_app = repo::insert_app(&call.db, dev, &repo::Key { hash: &hash, hint: &hint }, &columns).await?;
    repo::insert_children(&call.db, id_app, &first).await?;
    let mut app = read_app(call, id_app, "create app").await?;
    app.private_key = Some(key);
    Ok(created(&app))
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

/// A platform's `data`: a JSON array of names, stored as its JSON text.
fn platform_data(text: &str, name: &str) -> AppResult<String> {
    let names: Vec<String> =
        serde_json::from_str(text).map_err(|_| bad(name, "must be a JSON array of platform names"))?;
    if names.iter().any(|n| n.is_empty() || n.len() > 64) {
        return Err(bad(name, "must be a JSON array of platform names"));
    }
    serde_json::to_string(&names).map_err(|e| AppError::Internal { context: "platform data", cause: e.to_string() })
}

/// `GET /v1/apps/{id}` (developer_basic).
pub async fn get_app(call: &Call<'_>, segment: &str) -> AppResult<Response> {
    Ok(json(&reach_app(call, segment, Role::DeveloperBasic).await?))
}

/// `POST /v1/apps/{id}` (developer_manage_basic). `private_key=new` rotates the key.
pub async fn update_app(call: &Call<'_>, req: &mut Request, segment: &str) -> AppResult<Response> {
    let app = reach_app(call, segment, Role::DeveloperManageBasic).await?;
    let given: SaveApp = request::parse(req).await?;
    let rotate = match given.private_key.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
        Some("new") => true,
        Some(_) => return Err(bad("private_key", "send private_key=new to rotate the key")),
        None => false,
    };
    let columns = columns(call, &given).await?;
    repo::update_app(&call.db, app.id, &columns, call.now).await?;
    let key = if rotate {
        let (hash, hint, key) = new_private_key()?;
        repo::rotate_key(&call.db, app.id, &repo::Key { hash: &hash, hint: &hint }).await?;
        Some(key)
    } else {
        None
    };
    let mut updated = read_app(call, app.id, "update app").await?;
    updated.private_key = key;
    Ok(json(&updated))
}

/// `DELETE /v1/apps/{id}` (developer_manage_basic): its tokens go with it.
pub async fn delete_app(call: &Call<'_>, segment: &str) -> AppResult<Response> {
    let app = reach_app(call, segment, Role::DeveloperManageBasic).await?;
    repo::delete_app(&call.db, app.id).await?;
    Ok(json(&Deleted::of(app.id)))
}

/// `GET /v1/apps/categories` (developer_basic).
pub async fn categories(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    call.caller.require(&call.db, Role::DeveloperBasic, call.now).await?;
    let all = repo::categories(&call.db).await?;
    Ok(filtered(&filters, all.into_iter().map(|(c, created)| Dated { id: c.id, created, item: c }).collect()))
}

/// `GET /v1/apps/{id}/calls` (api_management): newest first, with the
/// documented filters (over the latest 1,000 calls).
pub async fn calls(call: &Call<'_>, req: &Request, segment: &str) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    let app = reach_app(call, segment, Role::ApiManagement).await?;
    let calls = repo::calls(&call.db, app.id).await?;
    Ok(filtered(&filters, calls.into_iter().map(|(c, created)| Dated { id: c.id, created, item: c }).collect()))
}

/// `GET /v1/apps/{id}/tokens` (api_management): live tokens by id (only hashes are stored).
pub async fn tokens(call: &Call<'_>, segment: &str) -> AppResult<Response> {
    let app = reach_app(call, segment, Role::ApiManagement).await?;
    Ok(json(&AppTokens { token: repo::tokens(&call.db, app.id, call.now).await? }))
}
