//! Reading a request: its arguments (query string, then a form or JSON body)
//! into the contract's typed requests, and a list's documented filters.

use senzu_core::api::form::{self, Args};
use senzu_core::api::list::{ListQuery, ListSpec};
use senzu_core::ErrorCode;
use serde::de::DeserializeOwned;
use worker::{Method, Request};

use crate::error::{AppError, AppResult};

/// The request's own origin (`https://host[:port]`), as links and the CSRF check use it.
pub fn origin(req: &Request) -> Option<String> {
    req.url().ok().map(|u| u.origin().ascii_serialization())
}

/// The query string's arguments.
pub fn query(req: &Request) -> Args {
    req.url().map(|u| form::args_from_form(u.query().unwrap_or_default())).unwrap_or_default()
}

/// The body's arguments (a form or a JSON object); a body that is neither is a 400.
pub async fn body(req: &mut Request) -> AppResult<Args> {
    let content_type = req.headers().get("content-type").ok().flatten().unwrap_or_default();
    let bytes = req.bytes().await.map_err(|_| AppError::api(ErrorCode::BadRequest, "the body could not be read"))?;
    form::args_from_body(&content_type, &bytes).map_err(AppError::Api)
}

/// The query's arguments, overridden by the body's for POST and DELETE.
pub async fn args(req: &mut Request) -> AppResult<Args> {
    let mut all = query(req);
    if req.method() != Method::Get {
        all.extend(body(req).await?);
    }
    Ok(all)
}

/// A typed request from the arguments: 419 names a missing one, 420 a bad one.
pub fn from_args<T: DeserializeOwned>(args: &Args) -> AppResult<T> {
    form::from_args(args).map_err(refused)
}

/// Not generic: the 419/420 is built once, not once per request type.
fn refused(e: form::ArgError) -> AppError {
    AppError::Api(e.into())
}

/// Reads a typed request from the query and the body.
pub async fn parse<T: DeserializeOwned>(req: &mut Request) -> AppResult<T> {
    from_args(&args(req).await?)
}

/// A list's filters from the query string: 430 names a bad or unknown one.
pub fn list(req: &Request, spec: ListSpec) -> AppResult<ListQuery> {
    ListQuery::parse(&query(req), spec).map_err(AppError::Api)
}
