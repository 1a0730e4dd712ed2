//! Products groups.

use senzu_core::api::groups::{CreateGroup, Group, GroupSummary, UpdateGroup};
use senzu_core::api::{Deleted, Id, Keyed};
use senzu_core::ApiError;

use super::all;

pub async fn list() -> Result<Vec<GroupSummary>, ApiError> {
    super::get::<Keyed<GroupSummary>>(&format!("/v1/groups?{}", all())).await.map(|k| k.0)
}

pub async fn get(id: Id) -> Result<Group, ApiError> {
    super::get(&format!("/v1/groups/{id}")).await
}

pub async fn create(new: &CreateGroup) -> Result<Group, ApiError> {
    super::post("/v1/groups", new).await
}

pub async fn update(id: Id, changes: &UpdateGroup) -> Result<Group, ApiError> {
    super::post(&format!("/v1/groups/{id}"), changes).await
}

pub async fn delete(id: Id) -> Result<Deleted, ApiError> {
    super::delete(&format!("/v1/groups/{id}")).await
}
