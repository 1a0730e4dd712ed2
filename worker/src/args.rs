//! A request's arguments (query string, then form or JSON body), read with
//! the Senzu errors: 419 names a missing argument, 420 a bad one.

use std::collections::HashMap;

use senzu_core::ErrorCode;
use worker::Request;

use crate::error::{AppError, AppResult};

pub struct Args(HashMap<String, String>);

pub fn missing(name: &str) -> AppError {
    AppError::api(ErrorCode::MissingArgument, format!("missing argument: {name}"))
}

pub fn bad(name: &str, why: impl std::fmt::Display) -> AppError {
    AppError::api(ErrorCode::BadArgument, format!("bad argument: {name}: {why}"))
}

impl Args {
    /// Query parameters, overridden by the body for POST/DELETE.
    pub async fn read(req: &mut Request) -> AppResult<Self> {
        Ok(Self(crate::request::args(req).await?.into_iter().collect()))
    }

    pub fn from_query(req: &Request) -> Self {
        Self(
            req.url()
                .map(|u| u.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect())
                .unwrap_or_default(),
        )
    }

    /// The trimmed value, `None` when absent or empty.
    pub fn opt(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(|v| v.trim()).filter(|v| !v.is_empty())
    }

    /// Whether the argument was given at all, even empty (`?force_erase`).
    pub fn has(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }

    /// The raw value (passwords are not trimmed).
    pub fn raw(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str).filter(|v| !v.is_empty())
    }

    pub fn req(&self, name: &str) -> AppResult<&str> {
        self.opt(name).ok_or_else(|| missing(name))
    }

    pub fn opt_int(&self, name: &str) -> AppResult<Option<i64>> {
        self.opt(name).map(|v| v.parse::<i64>().map_err(|_| bad(name, "must be an integer"))).transpose()
    }

    pub fn opt_bool(&self, name: &str) -> AppResult<Option<bool>> {
        self.opt(name)
            .map(|v| match v {
                "true" | "1" => Ok(true),
                "false" | "0" => Ok(false),
                _ => Err(bad(name, "must be true or false")),
            })
            .transpose()
    }

    /// A text argument of at most `max` characters.
    pub fn opt_text(&self, name: &str, max: usize) -> AppResult<Option<&str>> {
        match self.opt(name) {
            Some(v) if v.chars().count() > max => Err(bad(name, format!("longer than {max} characters"))),
            other => Ok(other),
        }
    }

    /// Arguments safe to keep in a call log: secrets are dropped by name.
    pub fn loggable(req: &Request) -> String {
        const SECRET: [&str; 9] = [
            "token",
            "password",
            "old_password",
            "new_password",
            "private_key",
            "code",
            "code_verifier",
            "csrf",
            "key",
        ];
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
}

/// A positive integer path segment.
pub fn id(segment: &str, name: &str) -> AppResult<i64> {
    segment.parse::<i64>().ok().filter(|i| *i > 0).ok_or_else(|| bad(name, "must be a positive integer"))
}
