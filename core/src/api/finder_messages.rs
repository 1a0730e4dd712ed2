//! What finders wrote about a lost product (`POST /v1/plays/…/lost-report`),
//! as its owner reads them: `/v1/products/{id}/finder-messages`. The owner gets
//! each by mail too; the finder never sees the owner's address. Replies are
//! the owner's own: they write to the contact the finder left, if any (Senzu
//! relays nothing, so no mail address of either side passes through a reply).

use serde::{Deserialize, Serialize};

use super::products::unix;
use super::{ApiDate, Id};

/// One finder's message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FinderMessage {
    pub id: Id,
    pub id_product: Id,
    pub message: String,
    /// How to reach the finder, as they gave it (free text), if they did.
    pub contact: Option<String>,
    pub is_read: bool,
    pub date_created: ApiDate,
}

impl crate::api::list::Listed for FinderMessage {
    fn id(&self) -> i64 {
        self.id
    }
    fn date_created(&self) -> Option<i64> {
        Some(unix(&self.date_created))
    }
    /// `status=false`: the unread ones.
    fn status(&self) -> Option<bool> {
        Some(self.is_read)
    }
}

/// `POST /v1/products/{id}/finder-messages/{id_message}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateFinderMessage {
    pub is_read: bool,
}
