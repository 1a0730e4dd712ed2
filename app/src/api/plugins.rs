//! An application's plugins.

use senzu_core::api::plugins::{ConnectionTest, CreatePlugin, Plugin, ReorderPlugins, UpdatePlugin};
use senzu_core::api::{Deleted, Id, Keyed};
use senzu_core::ApiError;

use super::all;

/// Every plugin of the application, in play order.
pub async fn list(id_application: Id) -> Result<Vec<Plugin>, ApiError> {
    super::get::<Keyed<Plugin>>(&format!("/v1/applications/{id_application}/plugins?{}", all())).await.map(|k| k.0)
}

pub async fn create(id_application: Id, new: &CreatePlugin) -> Result<Plugin, ApiError> {
    super::post(&format!("/v1/applications/{id_application}/plugins"), new).await
}

pub async fn update(id: Id, changes: &UpdatePlugin) -> Result<Plugin, ApiError> {
    super::post(&format!("/v1/plugins/{id}"), changes).await
}

pub async fn delete(id: Id) -> Result<Deleted, ApiError> {
    super::delete(&format!("/v1/plugins/{id}")).await
}

/// The new play order (every plugin once); answers the list in that order.
pub async fn reorder(id_application: Id, order: &ReorderPlugins) -> Result<Vec<Plugin>, ApiError> {
    super::post::<_, Keyed<Plugin>>(&format!("/v1/applications/{id_application}/plugins/order"), order)
        .await
        .map(|k| k.0)
}

/// One real call to the partner with the stored credentials.
pub async fn test(id: Id) -> Result<ConnectionTest, ApiError> {
    super::post(&format!("/v1/plugins/{id}/test"), &serde_json::Map::new()).await
}
