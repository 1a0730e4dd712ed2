//! Makers, their items, batches and encoded products (the maker's workspace).

use gloo_net::http::Request;
use senzu_core::api::attached_groups::{AttachedGroup, AttachedGroupSummary, CreateAttachedGroup};
use senzu_core::api::batches::{Batch, CreateBatch};
use senzu_core::api::encoding::KeyRotation;
use senzu_core::api::makers::{CreateItem, CreateMaker, EncodedProduct, Item, ItemSummary, Maker, MakerSummary};
use senzu_core::api::{Deleted, Id, Keyed};
use senzu_core::{ApiError, ErrorCode};

use super::all;

pub async fn list() -> Result<Vec<MakerSummary>, ApiError> {
    super::get::<Keyed<MakerSummary>>(&format!("/v1/makers?{}", all())).await.map(|k| k.0)
}

pub async fn create(new: &CreateMaker) -> Result<Maker, ApiError> {
    super::post("/v1/makers", new).await
}

pub async fn items(id_maker: Id) -> Result<Vec<ItemSummary>, ApiError> {
    super::get::<Keyed<ItemSummary>>(&format!("/v1/makers/{id_maker}/items?{}", all())).await.map(|k| k.0)
}

pub async fn item(id: Id) -> Result<Item, ApiError> {
    super::get(&format!("/v1/items/{id}")).await
}

pub async fn create_item(id_maker: Id, new: &CreateItem) -> Result<Item, ApiError> {
    super::post(&format!("/v1/makers/{id_maker}/items"), new).await
}

pub async fn batches(id_maker: Id) -> Result<Vec<Batch>, ApiError> {
    super::get::<Keyed<Batch>>(&format!("/v1/makers/{id_maker}/batches?{}", all())).await.map(|k| k.0)
}

pub async fn batch(id_maker: Id, id: Id) -> Result<Batch, ApiError> {
    super::get(&format!("/v1/makers/{id_maker}/batches/{id}")).await
}

/// Makes a batch; `key` (the `Idempotency-Key`) makes a retry after a lost answer safe.
pub async fn create_batch(id_maker: Id, new: &CreateBatch, key: &str) -> Result<Batch, ApiError> {
    let json = serde_json::to_string(new)
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("could not write the request: {e}")))?;
    let request = super::speak(
        Request::post(&format!("/v1/makers/{id_maker}/batches"))
            .header("content-type", "application/json")
            .header("idempotency-key", key),
    )
    .body(json);
    super::decode(&super::exchange(request).await?)
}

pub async fn encoded(id_maker: Id, id_batch: Id) -> Result<Vec<EncodedProduct>, ApiError> {
    super::get::<Keyed<EncodedProduct>>(&format!(
        "/v1/makers/{id_maker}/products/encoded?id_batch={id_batch}&limit=1000"
    ))
    .await
    .map(|k| k.0)
}

/// A factory's UIDs for a batch (`id_record,uid` lines): binds them and answers the CSV
/// of each chip's plan and keys.
pub async fn import_uids(id_maker: Id, id_batch: Id, uids: &str) -> Result<String, ApiError> {
    let body = format!("uids={}", senzu_core::plugins::encode(uids));
    let request = super::speak(
        Request::post(&format!("/v1/makers/{id_maker}/batches/{id_batch}/personalization"))
            .header("content-type", "application/x-www-form-urlencoded"),
    )
    .body(body);
    super::exchange(request).await
}

/// Moves a batch's chips to the next key version (encoded ones wait to be re-encoded).
pub async fn rotate_keys(id_maker: Id, id_batch: Id) -> Result<KeyRotation, ApiError> {
    super::post(&format!("/v1/makers/{id_maker}/batches/{id_batch}/key-rotation"), &()).await
}

pub async fn attached_groups(id_maker: Id) -> Result<Vec<AttachedGroupSummary>, ApiError> {
    super::get::<Keyed<AttachedGroupSummary>>(&format!("/v1/makers/{id_maker}/attached-groups?{}", all()))
        .await
        .map(|k| k.0)
}

pub async fn create_attached_group(id_maker: Id, new: &CreateAttachedGroup) -> Result<AttachedGroup, ApiError> {
    super::post(&format!("/v1/makers/{id_maker}/attached-groups"), new).await
}

pub async fn delete_attached_group(id_maker: Id, id: Id) -> Result<Deleted, ApiError> {
    super::delete(&format!("/v1/makers/{id_maker}/attached-groups/{id}")).await
}
