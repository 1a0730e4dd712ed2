//! `/v1/products/{id}/finder-messages`: what finders wrote about a lost
//! product. They may carry a finder's phone or address, so reading them takes
//! what marking the product lost takes (chmod ≥ 3 and manage_products), not
//! just seeing the product.

mod repo;

use senzu_core::api::finder_messages::UpdateFinderMessage;
use senzu_core::api::list::ListSpec;
use senzu_core::api::{Id, Keyed};
use senzu_core::chmod::Action;
use worker::{Request, Response};

use super::sharing::{self, Shared};
use super::Call;
use crate::error::{AppError, AppResult};
use crate::http::json;
use crate::request;

/// `GET /v1/products/{id}/finder-messages`: newest first; `status=false` for the unread.
pub async fn list(call: &Call<'_>, req: &Request, id_product: Id) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    sharing::require(call, Shared::Product, id_product, Action::EditBasics).await?;
    let messages = repo::list(&call.db, id_product).await?;
    Ok(json(&Keyed(filters.apply(messages))))
}

/// `POST /v1/products/{id}/finder-messages/{id_message}`: `is_read`.
pub async fn update(call: &Call<'_>, req: &mut Request, id_product: Id, id_message: Id) -> AppResult<Response> {
    let change: UpdateFinderMessage = request::parse(req).await?;
    sharing::require(call, Shared::Product, id_product, Action::EditBasics).await?;
    let message = repo::mark(&call.db, id_product, id_message, change.is_read, call.now)
        .await?
        .ok_or_else(|| AppError::not_found(format!("no finder message {id_message} on product {id_product}")))?;
    Ok(json(&message))
}
