//! Mail-confirmed procedures: activation, password, e-mail and deletion
//! links (`/v1/procedures/users/…`, `/v1/activate`, `/v1/change-password`, …).

use serde::{Deserialize, Serialize};

use super::{Id, Name};

/// `GET|POST /v1/activate` and `POST /v1/delete-account`: the link's code.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Code {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<Name<256>>,
}

/// The answer of an activation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Activated {
    pub status: String,
    pub id: Id,
    pub procedure: Id,
}

/// `POST /v1/procedures/users/…` (`email` only for a reset asked by an app
/// token) and `POST /v1/auth/forgot-password` (`email`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MailLink {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<Name<254>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_url: Option<String>,
}

/// `POST /v1/change-password`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePassword {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<Name<256>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_password: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_password: Option<String>,
}

/// `POST /v1/reset-password`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResetPassword {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<Name<256>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}

/// `POST /v1/change-email`: the code, and the new address (required on the
/// first link, optional but the same on the second).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangeEmail {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<Name<256>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<Name<254>>,
}

/// The answer of `POST /v1/change-email`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmailChange {
    pub status: String,
    pub email: String,
}
