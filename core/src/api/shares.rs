//! Share links: `/v1/applications/{id}/shares`, `/v1/records/{id}/shares`, `/v1/shares/{id}`.

use serde::{Deserialize, Serialize};

use super::{ApiDate, Id};
use crate::api::list::Listed;

/// `POST /v1/applications/{id}/shares` (chmod ≥ 4).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateShare {
    /// Seconds from now (3600: in one hour); no end when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_time: Option<i64>,
    /// Show the application as this record does (its product's lost state included).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_record: Option<Id>,
}

/// `POST /v1/shares/{id}`: at least one field.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateShare {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_time: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_enabled: Option<bool>,
}

/// One share link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Share {
    pub id: Id,
    pub id_record: Option<Id>,
    pub id_application: Id,
    pub id_application_master: Option<Id>,
    pub id_creator: Option<Id>,
    pub public_key: String,
    /// `{origin}/s/{public_key}`.
    pub url: String,
    pub is_enabled: bool,
    pub is_expired: bool,
    pub date_created: ApiDate,
    pub date_expired: Option<ApiDate>,
}

impl Listed for Share {
    fn id(&self) -> i64 {
        self.id
    }
    fn status(&self) -> Option<bool> {
        Some(self.is_enabled)
    }
}
