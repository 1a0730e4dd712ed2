//! API management: developer accounts and developer apps with their
//! children (`/v1/developers`, `/v1/apps/…`).

use serde::{Deserialize, Serialize};

use super::{ApiDate, Id, Name};

pub use super::developers::Developer;

/// One entry of `GET /v1/developers/{id}/apps`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppSummary {
    pub id: Id,
    pub display_name: String,
    pub id_image: Option<Id>,
    pub date_created: ApiDate,
}

/// A redirect or a domain as an app shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppUrl {
    pub id: Id,
    pub url: String,
}

/// A platform as an app shows it: its names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppPlatform {
    pub id: Id,
    pub data: Vec<String>,
}

/// A role as an app shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppRoleGrant {
    pub id: Id,
    pub alias_role: String,
    pub daily_quota: Option<i64>,
    pub status: bool,
    pub is_requested: bool,
}

/// One developer app. `private_key` only right after it is made or rotated;
/// the lists are `null` when empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct App {
    pub id: Id,
    pub id_developer: Option<Id>,
    pub id_image: Option<Id>,
    pub id_api_app_category: Option<Id>,
    pub private_key: Option<String>,
    pub private_key_hint: String,
    pub display_name: String,
    pub url_image: Option<String>,
    pub redirects: Option<Vec<AppUrl>>,
    pub platforms: Option<Vec<AppPlatform>>,
    pub domains: Option<Vec<AppUrl>>,
    pub roles: Option<Vec<AppRoleGrant>>,
    pub contact_email: Option<String>,
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
    pub status: bool,
    pub is_published: bool,
    pub date_created: ApiDate,
    pub date_updated: Option<ApiDate>,
}

/// `POST /v1/developers/{id}/apps` (create: `display_name` required;
/// `redirects` and `domains` comma lists, `roles` a JSON array of
/// `{alias_role, daily_quota}` (basic and user_mail by default), `platforms`
/// a JSON array of names) and `POST /v1/apps/{id}` (update: the fields given
/// change, the lists are managed through the app's children, and
/// `private_key=new` rotates the key).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SaveApp {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url_image: Option<Name<2048>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_email: Option<Name<254>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privacy_url: Option<Name<2048>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tos_url: Option<Name<2048>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gdpr_name: Option<Name<200>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gdpr_email: Option<Name<254>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gdpr_address_street: Option<Name<200>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gdpr_address_other: Option<Name<200>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gdpr_address_city: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gdpr_address_state: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gdpr_address_zipcode: Option<Name<20>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gdpr_address_country: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_api_app_category: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_image: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirects: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domains: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platforms: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_key: Option<String>,
}

/// One entry of `GET /v1/apps/categories`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = AppCategory))]
pub struct Category {
    pub id: Id,
    pub id_icon: Option<Id>,
    pub id_parent: Option<Id>,
    pub name: String,
    pub language: String,
    pub country_code: Option<String>,
    pub status: bool,
    pub date_created: ApiDate,
    pub date_updated: Option<ApiDate>,
}

/// One entry of `GET /v1/apps/{id}/calls`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppCall {
    pub id: Id,
    pub route: String,
    pub parameters: String,
    pub method: String,
    pub status: i64,
    pub date_created: ApiDate,
}

/// One live token of an app (never its value).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppToken {
    pub id: Id,
    pub id_user: Id,
    pub roles: String,
    pub date_created: ApiDate,
    pub date_expired: Option<ApiDate>,
}

/// `GET /v1/apps/{id}/tokens`: `{"token": […]}` as documented.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppTokens {
    pub token: Vec<AppToken>,
}

/// `/v1/apps/{id}/redirects/…`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = AppRedirect))]
pub struct Redirect {
    pub id: Id,
    pub id_api_app: Id,
    pub url: String,
    pub date_created: ApiDate,
    pub date_updated: Option<ApiDate>,
}

/// `/v1/apps/{id}/domains/…`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Domain {
    pub id: Id,
    pub id_api_app: Id,
    pub url: String,
    pub status: bool,
    pub date_created: ApiDate,
    pub date_updated: Option<ApiDate>,
}

/// `/v1/apps/{id}/platforms/…`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Platform {
    pub id: Id,
    pub id_api_app: Id,
    pub data: Vec<String>,
    pub date_created: ApiDate,
    pub date_updated: Option<ApiDate>,
}

/// `/v1/apps/{id}/roles/…`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppRole {
    pub id: Id,
    pub id_api_app: Id,
    pub alias_role: String,
    pub daily_quota: Option<i64>,
    pub status: bool,
    pub is_requested: bool,
    pub date_created: ApiDate,
    pub date_updated: Option<ApiDate>,
}

/// `/v1/apps/{id}/mail-templates/…`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MailTemplate {
    pub id: Id,
    pub id_api_app: Id,
    pub mail_type: String,
    pub lang: Option<String>,
    pub code: String,
    pub is_enabled: bool,
    pub date_created: ApiDate,
    pub date_updated: Option<ApiDate>,
}

/// Adding or moving a redirect or a domain (the documentation spells the update's argument `ulr`; both are read).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SaveUrl {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Name<2048>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ulr: Option<Name<2048>>,
}

/// Adding or changing a platform: `data`, a JSON array of names.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SavePlatform {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
}

/// Adding a role (`alias_role`) or changing its quota.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SaveRole {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias_role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_quota: Option<i64>,
}

/// `POST /v1/apps/{id}/mail-templates/preview`: a template as it would be sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PreviewMailTemplate {
    pub mail_type: String,
    /// `fr` or `en` (English when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    pub code: Name<32768>,
}

/// A rendered mail: what its recipient would read, with placeholder data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MailPreview {
    pub subject: String,
    pub html: String,
}

/// Adding (`mail_type` and `code` required) or changing a mail template.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SaveMailTemplate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mail_type: Option<String>,
    /// `fr` or `en`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<Name<32768>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_enabled: Option<bool>,
}
