//! The children of a developer app: redirects, domains, platforms, roles and
//! mail templates (`/v1/apps/{id}/{children}[/{id_child}]`), each with its
//! own request and answer type.

use senzu_core::api::apps::{MailPreview, PreviewMailTemplate, SaveMailTemplate, SavePlatform, SaveRole, SaveUrl};
use senzu_core::api::list::ListSpec;
use senzu_core::api::{Deleted, Id};
use senzu_core::auth::{redirect, Role};
use senzu_core::mail::{self, MailType};
use senzu_core::ErrorCode;
use worker::{Request, Response};

use super::repo::{self, ChildRow, DomainRow, MailTemplateRow, PlatformRow, RedirectRow, RoleRow};
use super::{platform_data, reach_app, Child};
use crate::api::user::{filtered, Dated};
use crate::api::Call;
use crate::args::{bad, missing};
use crate::error::{AppError, AppResult};
use crate::http::{created, json};
use crate::request;

fn no_child(child: Child, id_child: Id) -> AppError {
    AppError::not_found(format!("no {} with id {id_child}", child.name()))
}

async fn one<R: ChildRow>(call: &Call<'_>, id_app: Id, id_child: Id) -> AppResult<R> {
    repo::child::<R>(&call.db, id_app, id_child).await?.ok_or_else(|| no_child(R::CHILD, id_child))
}

async fn answer_one<R: ChildRow>(call: &Call<'_>, id_app: Id, id_child: Id) -> AppResult<Response> {
    Ok(json(&one::<R>(call, id_app, id_child).await?.into_out()?))
}

async fn answer_list<R: ChildRow>(call: &Call<'_>, req: &Request, id_app: Id) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    let rows = repo::children::<R>(&call.db, id_app).await?;
    let items = rows
        .into_iter()
        .map(|r| Ok(Dated { id: r.id(), created: r.created(), item: r.into_out()? }))
        .collect::<AppResult<Vec<_>>>()?;
    Ok(filtered(&filters, items))
}

/// `GET /v1/apps/{id}/{children}` and `GET /v1/apps/{id}/{children}/{id}`.
pub async fn get_children(
    call: &Call<'_>,
    req: &Request,
    segment: &str,
    child: Child,
    id_child: Option<i64>,
) -> AppResult<Response> {
    let app = reach_app(call, segment, Role::DeveloperBasic).await?;
    match (child, id_child) {
        (Child::Redirects, Some(c)) => answer_one::<RedirectRow>(call, app.id, c).await,
        (Child::Domains, Some(c)) => answer_one::<DomainRow>(call, app.id, c).await,
        (Child::Platforms, Some(c)) => answer_one::<PlatformRow>(call, app.id, c).await,
        (Child::Roles, Some(c)) => answer_one::<RoleRow>(call, app.id, c).await,
        (Child::MailTemplates, Some(c)) => answer_one::<MailTemplateRow>(call, app.id, c).await,
        (Child::Redirects, None) => answer_list::<RedirectRow>(call, req, app.id).await,
        (Child::Domains, None) => answer_list::<DomainRow>(call, req, app.id).await,
        (Child::Platforms, None) => answer_list::<PlatformRow>(call, req, app.id).await,
        (Child::Roles, None) => answer_list::<RoleRow>(call, req, app.id).await,
        (Child::MailTemplates, None) => answer_list::<MailTemplateRow>(call, req, app.id).await,
    }
}

/// `POST /v1/apps/{id}/{children}` (create, 201) and `POST …/{id}` (update).
pub async fn save_child(
    call: &Call<'_>,
    req: &mut Request,
    segment: &str,
    child: Child,
    id_child: Option<i64>,
) -> AppResult<Response> {
    let app = reach_app(call, segment, Role::DeveloperManageBasic).await?;
    let id_app = app.id;
    let saved = match child {
        Child::Redirects | Child::Domains => {
            let given: SaveUrl = request::parse(req).await?;
            if let Some(c) = id_child {
                if child == Child::Redirects {
                    one::<RedirectRow>(call, id_app, c).await?;
                } else {
                    one::<DomainRow>(call, id_app, c).await?;
                }
            }
            // The documentation spells the update argument `ulr`; both are accepted.
            let url = given.url.as_ref().or(given.ulr.as_ref()).map(|u| u.as_str()).ok_or_else(|| missing("url"))?;
            if child == Child::Redirects {
                redirect::validate_registration(url).map_err(|e| bad("url", e))?;
            } else if url.len() > 253 || url.contains(char::is_whitespace) {
                return Err(bad("url", "must be a domain or origin without spaces"));
            }
            repo::save_url(&call.db, child, id_app, id_child, url, call.now).await?
        }
        Child::Platforms => {
            let given: SavePlatform = request::parse(req).await?;
            if let Some(c) = id_child {
                one::<PlatformRow>(call, id_app, c).await?;
            }
            let data = given.data.as_deref().map(str::trim).filter(|d| !d.is_empty()).ok_or_else(|| missing("data"))?;
            let data = platform_data(data, "data")?;
            repo::save_platform(&call.db, id_app, id_child, &data, call.now).await?
        }
        Child::Roles => {
            let given: SaveRole = request::parse(req).await?;
            let old = match id_child {
                Some(c) => Some(one::<RoleRow>(call, id_app, c).await?),
                None => None,
            };
            if given.daily_quota.is_some_and(|q| q < 0) {
                return Err(bad("daily_quota", "must be 0 or more"));
            }
            match old {
                Some(old) => repo::replace_role(&call.db, id_app, &old, given.daily_quota, call.now).await?,
                None => {
                    let alias = given.alias_role.as_deref().map(str::trim).filter(|a| !a.is_empty());
                    let role =
                        Role::parse(alias.ok_or_else(|| missing("alias_role"))?).map_err(|e| bad("alias_role", e))?;
                    if repo::role_id(&call.db, id_app, role.alias()).await?.is_some() {
                        return Err(AppError::api(
                            ErrorCode::Conflict,
                            format!("the app already has the role {}", role.alias()),
                        ));
                    }
                    repo::insert_role(&call.db, id_app, role, given.daily_quota).await?
                }
            }
        }
        Child::MailTemplates => {
            let given: SaveMailTemplate = request::parse(req).await?;
            if let Some(c) = id_child {
                one::<MailTemplateRow>(call, id_app, c).await?;
            }
            let mail_type = match given.mail_type.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                Some(t) => Some(MailType::parse_app_template(t).ok_or_else(|| {
                    bad(
                        "mail_type",
                        "must be change_email, change_password, delete_account, registration or reset_password",
                    )
                })?),
                None if id_child.is_none() => return Err(missing("mail_type")),
                None => None,
            };
            let lang = match given.lang.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
                Some(l @ ("fr" | "en")) => Some(l),
                Some(_) => return Err(bad("lang", "must be fr or en")),
                None => None,
            };
            let code = given.code.as_ref().map(|c| c.as_str());
            if id_child.is_none() && code.is_none() {
                return Err(missing("code"));
            }
            if let Some(code) = code {
                let t = mail_type.unwrap_or(MailType::Registration);
                mail::check_template(t, code).map_err(|e| bad("code", e))?;
            }
            let columns = repo::TemplateColumns {
                mail_type: mail_type.map(MailType::as_str),
                lang,
                code,
                is_enabled: given.is_enabled,
            };
            repo::save_template(&call.db, id_app, id_child, &columns, call.now).await?
        }
    };
    let new = id_child.is_none();
    match child {
        Child::Redirects => answer_saved::<RedirectRow>(call, id_app, saved, new).await,
        Child::Domains => answer_saved::<DomainRow>(call, id_app, saved, new).await,
        Child::Platforms => answer_saved::<PlatformRow>(call, id_app, saved, new).await,
        Child::Roles => answer_saved::<RoleRow>(call, id_app, saved, new).await,
        Child::MailTemplates => answer_saved::<MailTemplateRow>(call, id_app, saved, new).await,
    }
}

/// The child as saved: 201 when it is new.
async fn answer_saved<R: ChildRow>(call: &Call<'_>, id_app: Id, id: Id, new: bool) -> AppResult<Response> {
    let out = repo::child::<R>(&call.db, id_app, id)
        .await?
        .ok_or_else(|| AppError::Internal {
            context: "save app child",
            cause: "the saved child is not readable".into(),
        })?
        .into_out()?;
    Ok(if new { created(&out) } else { json(&out) })
}

/// `DELETE /v1/apps/{id}/{children}/{id}` (developer_manage_basic).
pub async fn delete_child(call: &Call<'_>, segment: &str, child: Child, id_child: i64) -> AppResult<Response> {
    let app = reach_app(call, segment, Role::DeveloperManageBasic).await?;
    if repo::delete_child(&call.db, child, app.id, id_child).await? == 0 {
        return Err(no_child(child, id_child));
    }
    Ok(json(&Deleted::of(id_child)))
}

/// `POST /v1/apps/{id}/mail-templates/preview`: the template rendered by the
/// mailer's own renderer with placeholder data (a template that would not
/// render is a 420 naming `code`, as its save would be). Nothing is stored.
pub async fn preview_template(call: &Call<'_>, req: &mut Request, segment: &str) -> AppResult<Response> {
    reach_app(call, segment, Role::DeveloperBasic).await?;
    let given: PreviewMailTemplate = request::parse(req).await?;
    let mail_type = MailType::parse_app_template(given.mail_type.trim()).ok_or_else(|| {
        bad("mail_type", "must be change_email, change_password, delete_account, registration or reset_password")
    })?;
    let lang = match given.lang.as_deref().map(str::trim) {
        None | Some("") | Some("en") => senzu_core::plugins::Lang::En,
        Some("fr") => senzu_core::plugins::Lang::Fr,
        Some(_) => return Err(bad("lang", "must be fr or en")),
    };
    let shown = mail::preview(mail_type, lang, given.code.as_str()).map_err(|e| bad("code", e))?;
    Ok(json(&MailPreview { subject: shown.subject, html: shown.html }))
}
