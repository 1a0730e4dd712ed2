//! Senzu error codes and the error body every API route answers with.

use serde::{Deserialize, Serialize};

/// The Senzu error codes of the API contract (API.md, "Errors").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    TokenExpired,
    BadRequest,
    Unauthorized,
    PaymentRequired,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    Conflict,
    PayloadTooLarge,
    MissingArgument,
    BadArgument,
    TooManyRequests,
    BadFilter,
    WrongPassword,
    NotActivated,
    RecordDisabled,
    DelayExpired,
    MissingApplication,
    ProductLost,
    Internal,
    /// A service the request needs (the payment service) cannot be reached or is not configured.
    Unavailable,
}

impl ErrorCode {
    /// The code carried in the body.
    pub const fn code(self) -> u16 {
        match self {
            Self::TokenExpired => 190,
            Self::BadRequest => 400,
            Self::Unauthorized => 401,
            Self::PaymentRequired => 402,
            Self::Forbidden => 403,
            Self::NotFound => 404,
            Self::MethodNotAllowed => 405,
            Self::Conflict => 409,
            Self::PayloadTooLarge => 413,
            Self::MissingArgument => 419,
            Self::BadArgument => 420,
            Self::TooManyRequests => 429,
            Self::BadFilter => 430,
            Self::WrongPassword => 460,
            Self::NotActivated => 461,
            Self::RecordDisabled => 462,
            Self::DelayExpired => 463,
            Self::MissingApplication => 464,
            Self::ProductLost => 465,
            Self::Internal => 500,
            Self::Unavailable => 503,
        }
    }

    /// The HTTP status: the code itself where it is a valid HTTP status;
    /// an expired token (190) travels as 401.
    pub const fn http_status(self) -> u16 {
        match self {
            Self::TokenExpired => 401,
            other => other.code(),
        }
    }

    pub fn from_code(code: u16) -> Option<Self> {
        ALL_CODES.iter().copied().find(|c| c.code() == code)
    }
}

const ALL_CODES: [ErrorCode; 21] = [
    ErrorCode::TokenExpired,
    ErrorCode::BadRequest,
    ErrorCode::Unauthorized,
    ErrorCode::PaymentRequired,
    ErrorCode::Forbidden,
    ErrorCode::NotFound,
    ErrorCode::MethodNotAllowed,
    ErrorCode::Conflict,
    ErrorCode::PayloadTooLarge,
    ErrorCode::MissingArgument,
    ErrorCode::BadArgument,
    ErrorCode::TooManyRequests,
    ErrorCode::BadFilter,
    ErrorCode::WrongPassword,
    ErrorCode::NotActivated,
    ErrorCode::RecordDisabled,
    ErrorCode::DelayExpired,
    ErrorCode::MissingApplication,
    ErrorCode::ProductLost,
    ErrorCode::Internal,
    ErrorCode::Unavailable,
];

/// A Senzu error as it travels: `{"error":{"code":N,"message":"…"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub code: u16,
    pub message: String,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code: code.code(), message: message.into() }
    }

    pub fn kind(&self) -> Option<ErrorCode> {
        ErrorCode::from_code(self.code)
    }

    /// The argument a 419 or 420 names ("missing argument: X", "bad argument: X: …"),
    /// so a form can put the error next to its field.
    pub fn field(&self) -> Option<&str> {
        if !matches!(self.kind()?, ErrorCode::MissingArgument | ErrorCode::BadArgument) {
            return None;
        }
        let rest =
            self.message.strip_prefix("missing argument: ").or_else(|| self.message.strip_prefix("bad argument: "))?;
        let name = rest.split([':', ',', ' ']).next()?.trim();
        let word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.';
        (!name.is_empty() && name.chars().all(word)).then_some(name)
    }

    /// The error body as the API sends it.
    pub fn to_body(&self) -> serde_json::Value {
        serde_json::json!({ "error": { "code": self.code, "message": self.message } })
    }

    /// Parses an error body; `None` when the body is not a Senzu error.
    pub fn from_body(body: &str) -> Option<Self> {
        serde_json::from_str::<ErrorBody>(body).ok().map(|e| e.error)
    }
}

/// The error body every API route answers with: `{"error":{"code":N,"message":"…"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: ApiError,
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_the_argument_of_a_419_or_420() {
        assert_eq!(ApiError::new(ErrorCode::MissingArgument, "missing argument: email").field(), Some("email"));
        let bad = ApiError::new(ErrorCode::BadArgument, "bad argument: password: too short");
        assert_eq!(bad.field(), Some("password"));
        assert_eq!(ApiError::new(ErrorCode::NotFound, "missing argument: x").field(), None);
        assert_eq!(ApiError::new(ErrorCode::BadArgument, "something else").field(), None);
    }

    #[test]
    fn expired_token_is_http_401_with_code_190() {
        assert_eq!(ErrorCode::TokenExpired.code(), 190);
        assert_eq!(ErrorCode::TokenExpired.http_status(), 401);
    }

    #[test]
    fn every_code_round_trips_and_is_unique() {
        for c in ALL_CODES {
            assert_eq!(ErrorCode::from_code(c.code()), Some(c));
        }
        let mut codes: Vec<u16> = ALL_CODES.iter().map(|c| c.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), ALL_CODES.len());
    }

    #[test]
    fn the_field_is_the_argument_named() {
        let field = |m: &str| ApiError::new(ErrorCode::BadArgument, m).field().map(str::to_string);
        assert_eq!(field("missing argument: name").as_deref(), Some("name"));
        assert_eq!(field("bad argument: url_image: must be https").as_deref(), Some("url_image"));
        assert_eq!(field("bad argument: data.phone_number: not a number").as_deref(), Some("data.phone_number"));
        assert_eq!(field("no application with id 4"), None);
    }

    #[test]
    fn body_round_trips() {
        let e = ApiError::new(ErrorCode::MissingArgument, "missing argument: email");
        let body = e.to_body().to_string();
        assert_eq!(body, r#"{"error":{"code":419,"message":"missing argument: email"}}"#);
        assert_eq!(ApiError::from_body(&body), Some(e));
        assert_eq!(ApiError::from_body("{\"status\":\"ok\"}"), None);
    }
}
