//! The public play routes' own answers (`/v1/plays/…`); the play itself is
//! [`crate::play::Play`].

use serde::{Deserialize, Serialize};

use super::{ApiDate, Id};
use crate::play::Lost;
use crate::ApiError;

/// A refused play: the error, a 465's lost details, a 461's pairing path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlayRefused {
    pub error: ApiError,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lost: Option<Lost>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pair: Option<String>,
}

/// `POST /v1/plays/…/lost-report`: a finder's message (and how to reach them).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LostReport {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
}

/// `POST /v1/plays/{id_record}/{key}/share`: seconds the link lives (7 days by default, 30 at most).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SharePlay {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_time: Option<i64>,
}

/// The share link a static record's holder made (201).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlayShare {
    pub id_application: Id,
    pub id_creator: Option<Id>,
    pub public_key: String,
    pub url: String,
    pub is_enabled: bool,
    pub date_created: ApiDate,
    pub date_expired: ApiDate,
}

/// The answer of a quote request: `sent` (201), or `unavailable` with a
/// message for the visitor when the partner failed (200).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteAnswer {
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// The answer of opening one plugin of a play: what the visitor's tap does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpenedPlugin {
    pub id: super::Id,
    pub name: String,
    /// The link a link-style plugin opens (empty for the others).
    pub plugin_exec: String,
    #[serde(default)]
    pub action: Option<crate::plugins::Action>,
}
