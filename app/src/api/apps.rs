//! The developer console: developer account, apps and their children.

use senzu_core::api::apps::{
    App, AppCall, AppRole, AppSummary, AppTokens, Category, Developer, Domain, MailPreview, MailTemplate, Platform,
    PreviewMailTemplate, Redirect, SaveMailTemplate, SavePlatform, SaveRole, SaveUrl,
};
use senzu_core::api::{Deleted, Id, Keyed};
use senzu_core::{ApiError, ErrorCode};

use super::all;

/// The caller's developer account; `None` when they are not a developer yet.
pub async fn main_developer() -> Result<Option<Developer>, ApiError> {
    match super::get("/v1/developers/main").await {
        Ok(d) => Ok(Some(d)),
        Err(e) if e.kind() == Some(ErrorCode::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Changes the account's developer profile (form fields: an empty `url` clears it).
pub async fn update_developer(fields: &[(&str, &str)]) -> Result<Developer, ApiError> {
    super::post_form("/v1/developers/main", fields).await
}

/// The account becomes a developer, named after it (the profile is changed later).
pub async fn become_developer() -> Result<Developer, ApiError> {
    super::post("/v1/developers", &senzu_core::api::developers::CreateDeveloper::default()).await
}

pub async fn list() -> Result<Vec<AppSummary>, ApiError> {
    super::get::<Keyed<AppSummary>>(&format!("/v1/developers/main/apps?{}", all())).await.map(|k| k.0)
}

pub async fn create(new: &senzu_core::api::apps::SaveApp) -> Result<App, ApiError> {
    super::post("/v1/developers/main/apps", new).await
}

pub async fn get(id: Id) -> Result<App, ApiError> {
    super::get(&format!("/v1/apps/{id}")).await
}

pub async fn update(id: Id, changes: &senzu_core::api::apps::SaveApp) -> Result<App, ApiError> {
    super::post(&format!("/v1/apps/{id}"), changes).await
}

/// The app's latest calls, newest first.
pub async fn calls(id: Id, limit: usize) -> Result<Vec<AppCall>, ApiError> {
    super::get::<Keyed<AppCall>>(&format!("/v1/apps/{id}/calls?limit={limit}")).await.map(|k| k.0)
}

/// A redirect or a domain list of an app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlKind {
    Redirects,
    Domains,
}

impl UrlKind {
    pub fn segment(self) -> &'static str {
        match self {
            Self::Redirects => "redirects",
            Self::Domains => "domains",
        }
    }
}

pub async fn add_redirect(id: Id, url: &SaveUrl) -> Result<Redirect, ApiError> {
    super::post(&format!("/v1/apps/{id}/redirects"), url).await
}

pub async fn add_domain(id: Id, url: &SaveUrl) -> Result<Domain, ApiError> {
    super::post(&format!("/v1/apps/{id}/domains"), url).await
}

pub async fn remove_url(id: Id, kind: UrlKind, id_child: Id) -> Result<Deleted, ApiError> {
    super::delete(&format!("/v1/apps/{id}/{}/{id_child}", kind.segment())).await
}

pub async fn add_platform(id: Id, platform: &SavePlatform) -> Result<Platform, ApiError> {
    super::post(&format!("/v1/apps/{id}/platforms"), platform).await
}

pub async fn add_role(id: Id, role: &SaveRole) -> Result<AppRole, ApiError> {
    super::post(&format!("/v1/apps/{id}/roles"), role).await
}

pub async fn mail_templates(id: Id) -> Result<Vec<MailTemplate>, ApiError> {
    super::get::<Keyed<MailTemplate>>(&format!("/v1/apps/{id}/mail-templates?{}", all())).await.map(|k| k.0)
}

/// Creates a template (`id_template` none) or changes one.
pub async fn save_mail_template(
    id: Id,
    id_template: Option<Id>,
    template: &SaveMailTemplate,
) -> Result<MailTemplate, ApiError> {
    match id_template {
        Some(t) => super::post(&format!("/v1/apps/{id}/mail-templates/{t}"), template).await,
        None => super::post(&format!("/v1/apps/{id}/mail-templates"), template).await,
    }
}

pub async fn delete_mail_template(id: Id, id_template: Id) -> Result<Deleted, ApiError> {
    super::delete(&format!("/v1/apps/{id}/mail-templates/{id_template}")).await
}

/// A template rendered by the worker's mailer, as its recipient would read it.
pub async fn preview_mail_template(id: Id, template: &PreviewMailTemplate) -> Result<MailPreview, ApiError> {
    super::post(&format!("/v1/apps/{id}/mail-templates/preview"), template).await
}

pub async fn delete(id: Id) -> Result<Deleted, ApiError> {
    super::delete(&format!("/v1/apps/{id}")).await
}

pub async fn categories() -> Result<Vec<Category>, ApiError> {
    super::get::<Keyed<Category>>(&format!("/v1/apps/categories?{}", all())).await.map(|k| k.0)
}

pub async fn tokens(id: Id) -> Result<AppTokens, ApiError> {
    super::get(&format!("/v1/apps/{id}/tokens")).await
}

/// The calls log, newest first, filtered by the documented list filters
/// (`start_date`/`end_date` as YYYY-MM-DD, empty for none).
pub async fn calls_between(id: Id, limit: usize, start: &str, end: &str) -> Result<Vec<AppCall>, ApiError> {
    let mut url = format!("/v1/apps/{id}/calls?limit={limit}&sort_by=id:desc");
    for (name, value) in [("start_date", start), ("end_date", end)] {
        if !value.is_empty() {
            url.push_str(&format!("&{name}={}", senzu_core::plugins::encode(value)));
        }
    }
    super::get::<Keyed<AppCall>>(&url).await.map(|k| k.0)
}
