//! A maker's attached groups: `/v1/makers/{id}/attached-groups`.

use serde::{Deserialize, Serialize};

use super::{ApiDate, Id, Name};

/// `POST /v1/makers/{id}/attached-groups`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateAttachedGroup {
    pub reference: Name<100>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias_name: Option<Name<100>>,
}

/// `POST /v1/makers/{id}/attached-groups/{id_attached_group}`: at least one field.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateAttachedGroup {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias_name: Option<Name<100>>,
}

impl UpdateAttachedGroup {
    pub fn is_empty(&self) -> bool {
        self.reference.is_none() && self.alias_name.is_none()
    }
}

/// One attached group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttachedGroup {
    pub id: Id,
    pub id_maker: Id,
    /// Always `null`: kept for the documented shape.
    pub attached: Option<Id>,
    pub reference: String,
    pub alias_name: Option<String>,
    pub date_created: ApiDate,
    pub date_updated: Option<ApiDate>,
}

/// One entry of `GET /v1/makers/{id}/attached-groups`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttachedGroupSummary {
    pub id: Id,
    pub reference: String,
    pub date_created: ApiDate,
}

impl crate::api::list::Listed for AttachedGroupSummary {
    fn id(&self) -> i64 {
        self.id
    }
    fn date_created(&self) -> Option<i64> {
        Some(super::products::unix(&self.date_created))
    }
}
