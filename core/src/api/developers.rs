//! Developer accounts: `/v1/developers`, `/v1/developers/main`, `/v1/developers/{id}`
//! (role developer). A developer registers apps (`/v1/developers/{id}/apps`).
//!
//! One developer per account: the table binds a developer to its user one to one
//! since the first migration, and every app hangs from it.

use serde::{Deserialize, Serialize};

use super::makers::{ContactEmail, WebUrl};
use super::{ApiDate, Id, Name, Patch};

/// `POST /v1/developers`: every field optional; `reference` defaults to the
/// account's name, the name shown (`alias_name`) to the reference.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateDeveloper {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Name<100>>,
    #[serde(default, alias = "display_name", skip_serializing_if = "Option::is_none")]
    pub alias_name: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_email: Option<ContactEmail>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<WebUrl>,
    /// Documented as `url_image` on create: the id of one of the caller's files either way.
    #[serde(default, alias = "url_image", skip_serializing_if = "Option::is_none")]
    pub id_image: Option<Id>,
    /// Companies come with the shop; until then none exists to name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_company: Option<Id>,
    /// 1 (the euro) until the shop brings currencies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_currency: Option<Id>,
}

/// `POST /v1/developers/{id}` and `/v1/developers/main`: at least one field;
/// an empty `url` or `id_image` clears it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateDeveloper {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Name<100>>,
    #[serde(default, alias = "display_name", skip_serializing_if = "Option::is_none")]
    pub alias_name: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_email: Option<ContactEmail>,
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub url: Patch<WebUrl>,
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Id>))]
    pub id_image: Patch<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_company: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_currency: Option<Id>,
}

impl UpdateDeveloper {
    pub fn is_empty(&self) -> bool {
        self.reference.is_none()
            && self.alias_name.is_none()
            && self.contact_email.is_none()
            && self.url.is_keep()
            && self.id_image.is_keep()
            && self.id_company.is_none()
            && self.id_currency.is_none()
    }
}

/// The documented developer object, as its own account sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Developer {
    pub id: Id,
    /// The account it belongs to (not in the documented object; kept for the console).
    pub id_user: Id,
    pub id_image: Option<Id>,
    pub url_image: Option<String>,
    pub id_company: Option<Id>,
    pub id_currency: Id,
    pub reference: String,
    pub alias_name: String,
    /// The account's level on it: 3, as documented for the developer's own account.
    pub chmod: u8,
    pub is_main_account: bool,
    /// Payouts come with the plugstore's paid plugins: 0 until then.
    pub balance: i64,
    pub is_user_chargeable: bool,
    pub contact_email: String,
    pub url: Option<String>,
    pub is_enabled: bool,
    /// Set by Senzu's staff (`cargo xtask admin`), never by the developer.
    pub is_verified: bool,
    pub date_created: ApiDate,
    pub date_updated: Option<ApiDate>,
}

/// One entry of `GET /v1/developers`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeveloperSummary {
    pub id: Id,
    #[serde(skip)]
    pub created: i64,
}

impl crate::api::list::Listed for DeveloperSummary {
    fn id(&self) -> i64 {
        self.id
    }
    fn date_created(&self) -> Option<i64> {
        Some(self.created)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_checked_and_url_image_names_the_image_on_create() {
        let new: CreateDeveloper =
            serde_json::from_str(r#"{"alias_name":"Ryan","url_image":7,"contact_email":"ryan@dev.test"}"#).unwrap();
        assert_eq!(new.id_image, Some(7));
        assert_eq!(new.alias_name.unwrap().as_str(), "Ryan");
        assert!(serde_json::from_str::<CreateDeveloper>(r#"{"contact_email":"nope"}"#).is_err());
        assert!(serde_json::from_str::<CreateDeveloper>(r#"{"url":"ftp://x"}"#).is_err());
        let clear: UpdateDeveloper = serde_json::from_str(r#"{"url":null}"#).unwrap();
        assert!(!clear.is_empty());
        assert!(UpdateDeveloper::default().is_empty());
    }
}
