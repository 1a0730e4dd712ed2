//! Applications.

use senzu_core::api::applications::{Application, ApplicationSummary, CreateApplication, UpdateApplication};
use senzu_core::api::{Deleted, Id, Keyed};
use senzu_core::ApiError;

use super::all;

/// Every application the caller has access to.
pub async fn list() -> Result<Vec<ApplicationSummary>, ApiError> {
    super::get::<Keyed<ApplicationSummary>>(&format!("/v1/applications?{}", all())).await.map(|k| k.0)
}

pub async fn get(id: Id) -> Result<Application, ApiError> {
    super::get(&format!("/v1/applications/{id}")).await
}

pub async fn create(new: &CreateApplication) -> Result<Application, ApiError> {
    super::post("/v1/applications", new).await
}

pub async fn update(id: Id, changes: &UpdateApplication) -> Result<Application, ApiError> {
    super::post(&format!("/v1/applications/{id}"), changes).await
}

pub async fn delete(id: Id) -> Result<Deleted, ApiError> {
    super::delete(&format!("/v1/applications/{id}")).await
}
