//! The plugstore catalogue.

use senzu_core::api::plugstores::{PlugstoreEntry, PlugstoreForm};
use senzu_core::api::{Id, Keyed};
use senzu_core::ApiError;

use super::all;

pub async fn list() -> Result<Vec<PlugstoreEntry>, ApiError> {
    super::get::<Keyed<PlugstoreEntry>>(&format!("/v1/plugstores?{}", all())).await.map(|k| k.0)
}

pub async fn get(id: Id) -> Result<PlugstoreEntry, ApiError> {
    super::get(&format!("/v1/plugstores/{id}")).await
}

pub async fn form(id: Id) -> Result<PlugstoreForm, ApiError> {
    super::get(&format!("/v1/plugstores/{id}/form")).await
}
