//! The Senzu argument errors (419 names a missing argument, 420 a bad one),
//! path ids, and what of a request's query a call log may keep. Reading
//! arguments into typed requests is `request` and core's `api::form`.

use senzu_core::ErrorCode;
use worker::Request;

use crate::error::{AppError, AppResult};

pub fn missing(name: &str) -> AppError {
    AppError::api(ErrorCode::MissingArgument, format!("missing argument: {name}"))
}

pub fn bad(name: &str, why: impl std::fmt::Display) -> AppError {
    AppError::api(ErrorCode::BadArgument, format!("bad argument: {name}: {why}"))
}

/// Arguments safe to keep in a call log: secrets are dropped by name.
pub fn loggable(req: &Request) -> String {
    const SECRET: [&str; 9] =
        ["token", "password", "old_password", "new_password", "private_key", "code", "code_verifier", "csrf", "key"];
    req.url()
        .map(|u| {
            u.query_pairs()
                .filter(|(k, _)| !SECRET.contains(&k.as_ref()))
                .map(|(k, v)| format!("{k}={}", v.chars().take(64).collect::<String>()))
                .collect::<Vec<_>>()
                .join("&")
        })
        .unwrap_or_default()
}

/// A positive integer path segment.
pub fn id(segment: &str, name: &str) -> AppResult<i64> {
    segment.parse::<i64>().ok().filter(|i| *i > 0).ok_or_else(|| bad(name, "must be a positive integer"))
}
