//! The owner's products, their records and pairing.

use senzu_core::api::finder_messages::{FinderMessage, UpdateFinderMessage};
use senzu_core::api::products::{Pair, Product, ProductDeleted, Record, UpdateProduct, UpdateRecord};
use senzu_core::api::{Id, Keyed};
use senzu_core::ApiError;

use super::all;

pub async fn list() -> Result<Vec<Product>, ApiError> {
    super::get::<Keyed<Product>>(&format!("/v1/products?{}", all())).await.map(|k| k.0)
}

pub async fn get(id: Id) -> Result<Product, ApiError> {
    super::get(&format!("/v1/products/{id}")).await
}

pub async fn update(id: Id, changes: &UpdateProduct) -> Result<Product, ApiError> {
    super::post(&format!("/v1/products/{id}"), changes).await
}

/// Removes it from the caller's account; others keep it.
pub async fn leave(id: Id) -> Result<ProductDeleted, ApiError> {
    super::delete(&format!("/v1/products/{id}")).await
}

/// Erases it for everyone (owner).
pub async fn erase(id: Id) -> Result<ProductDeleted, ApiError> {
    super::delete(&format!("/v1/products/{id}?force_erase=true")).await
}

/// Resets it so someone else can pair it (owner).
pub async fn reset(id: Id) -> Result<Product, ApiError> {
    super::post(&format!("/v1/products/{id}/reset"), &serde_json::Map::new()).await
}

pub async fn records(id: Id) -> Result<Vec<Record>, ApiError> {
    super::get::<Keyed<Record>>(&format!("/v1/products/{id}/records?{}", all())).await.map(|k| k.0)
}

pub async fn update_record(id: Id, id_record: Id, changes: &UpdateRecord) -> Result<Record, ApiError> {
    super::post(&format!("/v1/products/{id}/records/{id_record}"), changes).await
}

/// Pairs the object of a pairing path (`{id_record}/{key}` or a tap's `{id_record}@…`).
pub async fn pair(path: &str, asked: &Pair) -> Result<Product, ApiError> {
    super::post(&format!("/v1/products/pair/{path}"), asked).await
}

/// What finders wrote while it was lost, newest first.
pub async fn finder_messages(id: Id) -> Result<Vec<FinderMessage>, ApiError> {
    super::get::<Keyed<FinderMessage>>(&format!("/v1/products/{id}/finder-messages?{}", all())).await.map(|k| k.0)
}

pub async fn mark_finder_message(id: Id, id_message: Id, is_read: bool) -> Result<FinderMessage, ApiError> {
    super::post(&format!("/v1/products/{id}/finder-messages/{id_message}"), &UpdateFinderMessage { is_read }).await
}
