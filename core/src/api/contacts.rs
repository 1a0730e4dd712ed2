//! Contact exchange: what a visitor leaves for an object's owner through a
//! "contact_exchange" plugin (`POST /v1/plays/…/plugins/{id}/contact`), and
//! the owner's `/v1/contacts` routes. The rules (sizes, tags, who sees them,
//! CSV and vCard) are in [`crate::contacts`].

use serde::{Deserialize, Serialize};

use super::products::unix;
use super::{ApiDate, Id, Name, Patch};
use crate::api::list::{ListSpec, Listed, SortKey, DEFAULT_LIMIT, MAX_LIMIT};

/// `POST /v1/plays/…/plugins/{id}/contact`: all optional but one way to reach
/// the visitor, and their consent. `website` is a honeypot: people never see
/// it, so whatever fills it is a bot (answered as if sent, kept nowhere).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExchangeContact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The visitor agrees to share these details with the owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// A locked plugin's password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}

/// `GET /v1/contacts`: the documented filters, and `search` (any text),
/// `tag` (one whole tag), `id_application`.
pub const LIST: ListSpec = ListSpec {
    sortable: &["id", "date_created", "name"],
    route_args: &["search", "tag", "id_application"],
    default_limit: DEFAULT_LIMIT,
};

/// `GET /v1/contacts/export`: the same, whole by default, and `format=csv|vcard`.
pub const EXPORT: ListSpec =
    ListSpec { route_args: &["search", "tag", "id_application", "format"], default_limit: MAX_LIMIT, ..LIST };

/// One contact a visitor left, as the owner reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contact {
    pub id: Id,
    pub id_application: Id,
    /// The plugin it came through (none once that plugin is deleted).
    pub id_plugin: Option<Id>,
    /// The record and product that were tapped (none through a share link).
    pub id_record: Option<Id>,
    pub id_product: Option<Id>,
    /// The application's name, for the list.
    pub application_name: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub company: Option<String>,
    /// What the visitor wrote.
    pub note: Option<String>,
    /// The owner's own tags and note.
    pub tags: Vec<String>,
    pub owner_note: Option<String>,
    pub date_created: ApiDate,
    pub date_updated: Option<ApiDate>,
}

impl Listed for Contact {
    fn id(&self) -> i64 {
        self.id
    }
    fn date_created(&self) -> Option<i64> {
        Some(unix(&self.date_created))
    }
    fn sort_key(&self, field: &str) -> SortKey {
        match field {
            "name" => SortKey::Text(self.name.clone().unwrap_or_default().to_lowercase()),
            "date_created" => SortKey::Int(unix(&self.date_created)),
            _ => SortKey::Int(self.id),
        }
    }
}

/// `POST /v1/contacts/{id}`: the owner's tags (comma-separated) and note.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateContact {
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    pub tags: Patch<Name<1000>>,
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    pub owner_note: Patch<Name<2000>>,
}

/// `POST /v1/contacts/forget`: the token of the visitor's confirmation mail.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ForgetContact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
}
