//! Share links.

use senzu_core::api::shares::{CreateShare, Share, UpdateShare};
use senzu_core::api::{Deleted, Id, Keyed};
use senzu_core::ApiError;

use super::all;

/// The links made through one record, newest first.
pub async fn of_record(id_record: Id) -> Result<Vec<Share>, ApiError> {
    super::get::<Keyed<Share>>(&format!("/v1/records/{id_record}/shares?{}", all())).await.map(|k| k.0)
}

/// An application's links, newest first.
pub async fn of_application(id_application: Id) -> Result<Vec<Share>, ApiError> {
    super::get::<Keyed<Share>>(&format!("/v1/applications/{id_application}/shares?{}", all())).await.map(|k| k.0)
}

pub async fn create(id_application: Id, new: &CreateShare) -> Result<Share, ApiError> {
    super::post(&format!("/v1/applications/{id_application}/shares"), new).await
}

pub async fn update(id: Id, changes: &UpdateShare) -> Result<Share, ApiError> {
    super::post(&format!("/v1/shares/{id}"), changes).await
}

pub async fn delete(id: Id) -> Result<Deleted, ApiError> {
    super::delete(&format!("/v1/shares/{id}")).await
}
