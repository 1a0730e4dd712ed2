//! Sharing products, applications and groups: members, invitations
//! (`…/access`, `…/users`), the pending inboxes and their answers.

use serde::{Deserialize, Serialize};

use super::{ApiDate, Id, Issuer};
use crate::chmod::Level;

/// `POST /v1/{products|applications}/{id}/access`, `POST /v1/groups/{id}/users`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Grant {
    pub email: String,
    pub chmod: Level,
}

/// `POST …/access/{id_user}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateAccess {
    pub chmod: Level,
}

/// `POST /v1/{products|applications|groups}/pending/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnswerPending {
    pub grant: bool,
}

/// `GET|POST /v1/agree-share-application` (`id` of the invitation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgreeShare {
    pub id: Id,
}

/// The shared object, as an access names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SharedObject {
    pub id: Id,
    pub alias_name: String,
}

/// The shared object, as an invitation shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitedTo {
    pub id: Id,
    pub alias_name: Option<String>,
    pub image_url: Option<String>,
}

/// The user an access is for: names hidden until the invitation is accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Member {
    pub id: Option<Id>,
    pub email: Option<String>,
    pub firstname: Option<String>,
    pub lastname: Option<String>,
}

/// One access (or invitation) to an object: `GET …/users` lists them; a
/// grant and an update answer one. The object is under its kind's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Access {
    pub id: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<SharedObject>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application: Option<SharedObject>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<SharedObject>,
    pub user: Member,
    pub chmod: Level,
    pub is_enabled: bool,
    pub date_created: ApiDate,
    pub date_updated: Option<ApiDate>,
}

/// One invitation waiting for the caller (`GET /v1/{…}/pending`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Pending {
    pub id: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<InvitedTo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application: Option<InvitedTo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<InvitedTo>,
    pub issuer: Issuer,
    pub chmod: Level,
    pub date_created: ApiDate,
}

impl Pending {
    /// The object it shares, whichever kind it is.
    pub fn object(&self) -> Option<&InvitedTo> {
        self.product.as_ref().or(self.application.as_ref()).or(self.group.as_ref())
    }
}

/// An accepted invitation; the object's id under its kind's column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Accepted {
    pub id: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_product: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_application: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_group: Option<Id>,
    pub id_issuer: Option<Id>,
    pub chmod: Level,
    pub alias_name: Option<String>,
    pub is_enabled: bool,
    pub date_created: ApiDate,
    pub date_updated: ApiDate,
}

/// A declined invitation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Declined {
    pub id: Id,
    pub declined: bool,
}

/// The answer of a pending invitation: accepted or declined.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum Answered {
    Accepted(Accepted),
    Declined(Declined),
}

/// A withdrawn invitation.
pub use super::Revoked;

/// Where `GET /v1/agree-share-application` sends the browser (303).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Redirect {
    pub redirect: String,
}

impl crate::api::list::Listed for Access {
    fn id(&self) -> i64 {
        self.id
    }
    fn date_created(&self) -> Option<i64> {
        Some(super::products::unix(&self.date_created))
    }
    fn status(&self) -> Option<bool> {
        Some(self.is_enabled)
    }
}

impl crate::api::list::Listed for Pending {
    fn id(&self) -> i64 {
        self.id
    }
    fn date_created(&self) -> Option<i64> {
        Some(super::products::unix(&self.date_created))
    }
}
