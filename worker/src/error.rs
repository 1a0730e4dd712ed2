//! One error type for the worker, with one mapping to the Senzu status and body.
//! Internal causes go to the log; the client sees only the Senzu message.

use senzu_core::{ApiError, ErrorCode};
use worker::Response;

#[derive(Debug)]
pub enum AppError {
    /// A client-facing error: its message is safe to send.
    Api(ApiError),
    /// 429 with a `Retry-After` (seconds).
    Limited { error: ApiError, retry_after: i64 },
    /// 405 with the `Allow` header of the path's methods.
    NotAllowed { error: ApiError, allow: String },
    /// Anything else: logged with its context, answered as an opaque 500.
    Internal { context: &'static str, cause: String },
}

pub type AppResult<T> = std::result::Result<T, AppError>;

impl AppError {
    pub fn api(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::Api(ApiError::new(code, message))
    }

    pub fn not_found(what: impl Into<String>) -> Self {
        Self::api(ErrorCode::NotFound, what)
    }

    /// Logs an error from work done after the response (nobody else will see it).
    pub fn log(&self, what: &str) {
        match self {
            Self::Internal { context, cause } => worker::console_error!("{what}: {context}: {cause}"),
            Self::Api(e) | Self::Limited { error: e, .. } | Self::NotAllowed { error: e, .. } => {
                worker::console_warn!("{what}: {}", e.message)
            }
        }
    }

    pub fn too_many(message: impl Into<String>, retry_after: i64) -> Self {
        Self::Limited { error: ApiError::new(ErrorCode::TooManyRequests, message), retry_after }
    }

    pub fn method_not_allowed(method: &worker::Method, allowed: &[senzu_core::api::routes::Method]) -> Self {
        let allow = allowed.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(", ");
        Self::NotAllowed {
            error: ApiError::new(
                ErrorCode::MethodNotAllowed,
                format!("method {method} not allowed on this route (allowed: {allow})"),
            ),
            allow,
        }
    }

    pub fn into_response(self) -> Response {
        let mut retry = None;
        let mut allow = None;
        let err = match self {
            Self::Api(err) => err,
            Self::NotAllowed { error, allow: methods } => {
                allow = Some(methods);
                error
            }
            Self::Limited { error, retry_after } => {
                retry = Some(retry_after.max(1));
                error
            }
            Self::Internal { context, cause } => {
                worker::console_error!("internal error: {context}: {cause}");
                ApiError::new(ErrorCode::Internal, "internal error, please try again later")
            }
        };
        let status = err.kind().map_or(500, ErrorCode::http_status);
        let mut resp = crate::http::json_response(&err.to_body(), status);
        if let Some(methods) = allow {
            let _ = resp.headers_mut().set("allow", &methods);
        }
        if let Some(seconds) = retry {
            let _ = resp.headers_mut().set("retry-after", &seconds.to_string());
        }
        resp
    }
}

/// Adds a context to a fallible infrastructure call (D1, R2, fetch).
pub trait Context<T> {
    fn context(self, context: &'static str) -> AppResult<T>;
}

impl<T, E: std::fmt::Display> Context<T> for std::result::Result<T, E> {
    fn context(self, context: &'static str) -> AppResult<T> {
        self.map_err(|e| AppError::Internal { context, cause: e.to_string() })
    }
}
