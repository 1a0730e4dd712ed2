//! Senzu Auth: sign-in, sign-up, the consent screen, the code exchange,
//! logout and tokens (`/v1/auth/…`, `/v1/logout`, `/v1/tokens`, `/v1/sessions`).

use serde::{Deserialize, Serialize};

use super::{ApiDate, Id, Name};

/// A plain acknowledgement: `{"status": "signed out"}`, `{"status": "sent"}`, ….
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Status {
    pub status: String,
}

impl Status {
    pub fn new(status: impl Into<String>) -> Self {
        Self { status: status.into() }
    }
}

/// `POST /v1/auth/login`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Login {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<Name<254>>,
    /// Taken as typed (not trimmed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}

/// The answer of `POST /v1/auth/login` (the session is in the cookie).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignedIn {
    pub id: Id,
    pub email: String,
    pub firstname: Option<String>,
    pub lastname: Option<String>,
}

/// `POST /v1/auth/signup` and `POST /v1/procedures/users/create`: every
/// field but `language`, `country`, the phones and `redirect_url` is required.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Signup {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub firstname: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lastname: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<Name<254>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// 1 male, 2 female, 3 non-binary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    /// Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birthdate: Option<i64>,
    /// `fr` or `en` (the visitor's language by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<Name<2>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<Name<32>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_mobile: Option<Name<32>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_url: Option<String>,
}

/// The answer of a sign-up (201): the account waits for its activation link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignedUp {
    pub id: Id,
    pub email: String,
    pub status: String,
}

/// A consent request (`GET /v1/auth/consent` query, and the same with
/// `grant` and `csrf` for `POST /v1/auth/consent`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsentRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_api_app: Option<String>,
    /// Role aliases, comma-separated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancel_url: Option<String>,
    /// Seconds, or `null` for a token that never expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_in: Option<String>,
    /// `token` (default) or `code`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_challenge: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_challenge_method: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<Name<512>>,
    /// OAuth 2.0 / OpenID Connect names, beside Senzu's: `client_id` for
    /// `id_api_app`, `redirect_uri` for `redirect_url`, `scope` for `roles`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_uri: Option<String>,
    /// Space-separated: `openid`, `profile`, `email`, `offline_access` and role aliases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// OpenID Connect: echoed in the ID token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonce: Option<Name<512>>,
}

/// `POST /v1/auth/consent`: the user's answer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsentAnswer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csrf: Option<String>,
}

/// The app a consent screen is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsentApp {
    pub id: Id,
    pub display_name: String,
    pub url_image: Option<String>,
}

/// One role the app asks for, in the visitor's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsentRole {
    pub alias: String,
    pub description: String,
    pub granted: bool,
}

/// Who is signed in on the consent screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsentUser {
    pub email: String,
    pub firstname: Option<String>,
}

/// `GET /v1/auth/consent`: what the consent screen shows. `user` and `csrf`
/// only with a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsentInfo {
    pub app: ConsentApp,
    pub roles: Vec<ConsentRole>,
    /// `token` or `code`.
    pub response_type: String,
    pub expires_in: Option<i64>,
    pub has_cancel_url: bool,
    pub signed_in: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<ConsentUser>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csrf: Option<String>,
}

/// `POST /v1/auth/consent`: where the browser goes next (`null`: nowhere, no cancel_url).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsentRedirect {
    pub redirect: Option<String>,
}

/// `POST /v1/auth/token` (grant_type=authorization_code).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenExchange {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_verifier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_api_app: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_url: Option<String>,
    /// RFC 6749 names: `client_id`, `redirect_uri`, `client_secret` (or HTTP
    /// Basic), and `refresh_token` for `grant_type=refresh_token`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_uri: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

/// An RFC 6749 §5.2 error, as the token and revocation endpoints answer standard clients.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OAuthErrorBody {
    pub error: String,
    pub error_description: String,
}

/// `POST /v1/oauth/revoke` (RFC 7009).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RevokeToken {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_type_hint: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
}

/// The answer of the code exchange: the token (also as `access_token`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenGrant {
    pub token: String,
    pub access_token: String,
    pub token_type: String,
    pub expires_in: Option<i64>,
    /// Role aliases, comma-separated.
    pub roles: String,
    /// OAuth 2.0 / OpenID Connect answers only (RFC 6749 §5.1, OIDC Core §3.1.3.3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

/// `GET /v1/logout`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LogoutToken {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_api_app: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_url: Option<String>,
}

/// `DELETE /v1/tokens/{id}`, `DELETE /v1/sessions/{id}`.
pub use super::Revoked;

/// One of a session's last calls (`date` in Unix seconds).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionCall {
    pub id: Id,
    pub method: String,
    pub route: String,
    pub date: i64,
}

/// `GET /v1/sessions/{id}`: a token's facts and its last 20 calls (never the token).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Session {
    pub id: Id,
    pub id_api_app: Id,
    pub id_user: Id,
    pub roles: String,
    pub logs: Vec<SessionCall>,
    pub date_created: ApiDate,
    pub date_expired: Option<ApiDate>,
    pub date_revoked: Option<ApiDate>,
}
