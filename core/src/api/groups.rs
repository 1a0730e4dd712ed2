//! Products groups: `/v1/groups`.

use serde::{Deserialize, Serialize};

use super::{ApiDate, Id, Issuer, Name, Patch};
use crate::chmod::Level;

/// `POST /v1/groups`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateGroup {
    pub alias_name: Name<100>,
}

/// `POST /v1/groups/{id}`: at least one field. `id_application` and
/// `is_enabled` apply to every record of every product in the group.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateGroup {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias_name: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    pub id_application: Patch<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_enabled: Option<bool>,
}

impl UpdateGroup {
    pub fn is_empty(&self) -> bool {
        self.alias_name.is_none() && self.id_application.is_keep() && self.is_enabled.is_none()
    }
}

/// One group, as `GET /v1/groups/{id}` and every change return it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Group {
    pub id: Id,
    pub chmod: Level,
    pub alias_name: String,
    pub issuer: Issuer,
    pub products: Vec<Id>,
    pub date_created: ApiDate,
    pub date_updated: Option<ApiDate>,
}

/// One entry of `GET /v1/groups`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupSummary {
    pub id: Id,
    pub alias_name: String,
    pub chmod: Level,
    pub quantity_product: usize,
}

/// One entry of `GET /v1/groups/{id}/products`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupProduct {
    pub id: Id,
}

impl crate::api::list::Listed for GroupSummary {
    fn id(&self) -> i64 {
        self.id
    }
}

impl crate::api::list::Listed for GroupProduct {
    fn id(&self) -> i64 {
        self.id
    }
}
