//! The plugstore: the catalogue owners pick from, and a developer's own
//! entries, versions and languages (the console).

use senzu_core::api::plugstores::{
    CreateLang, CreatePlugstore, CreateVersion, CreatedPlugstore, Icon, LangFields, LangSummary, PlugstoreEntry,
    PlugstoreForm, PlugstoreVersion, UpdateLang, UpdatePlugstore, UpdateVersion, VersionFields, VersionLang,
};
use senzu_core::api::{Id, Keyed};
use senzu_core::plugins::Lang;
use senzu_core::{ApiError, ErrorCode};
use serde_json::{Map, Value};

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

pub async fn icons() -> Result<Vec<Icon>, ApiError> {
    super::get::<Keyed<Icon>>(&format!("/v1/icons?{}", all())).await.map(|k| k.0)
}

/// One body from a route's parts (the API reads each part's arguments from the same call).
fn body(parts: &[&dyn erased::Part]) -> Result<Map<String, Value>, ApiError> {
    let mut out = Map::new();
    for part in parts {
        match part.value() {
            Ok(Value::Object(fields)) => out.extend(fields),
            Ok(_) => {}
            Err(e) => return Err(ApiError::new(ErrorCode::Internal, format!("could not write the request: {e}"))),
        }
    }
    Ok(out)
}

mod erased {
    /// A request part as JSON.
    pub trait Part {
        fn value(&self) -> serde_json::Result<serde_json::Value>;
    }

    impl<T: serde::Serialize> Part for T {
        fn value(&self) -> serde_json::Result<serde_json::Value> {
            serde_json::to_value(self)
        }
    }
}

async fn post_parts<T: serde::de::DeserializeOwned>(url: &str, parts: &[&dyn erased::Part]) -> Result<T, ApiError> {
    super::post(url, &body(parts)?).await
}

pub async fn create(
    new: &CreatePlugstore,
    version: &VersionFields,
    texts: &LangFields,
) -> Result<CreatedPlugstore, ApiError> {
    post_parts("/v1/plugstores", &[new, version, texts]).await
}

pub async fn update(id: Id, changes: &UpdatePlugstore) -> Result<PlugstoreEntry, ApiError> {
    super::post(&format!("/v1/plugstores/{id}"), changes).await
}

pub async fn versions(id: Id) -> Result<Vec<PlugstoreVersion>, ApiError> {
    super::get::<Keyed<PlugstoreVersion>>(&format!("/v1/plugstores/{id}/versions?{}", all())).await.map(|k| k.0)
}

pub async fn create_version(id: Id, new: &CreateVersion, fields: &VersionFields) -> Result<PlugstoreVersion, ApiError> {
    post_parts(&format!("/v1/plugstores/{id}/versions"), &[new, fields]).await
}

pub async fn update_version(
    id: Id,
    id_version: Id,
    changes: &UpdateVersion,
    fields: &VersionFields,
) -> Result<PlugstoreVersion, ApiError> {
    post_parts(&format!("/v1/plugstores/{id}/versions/{id_version}"), &[changes, fields]).await
}

pub async fn langs(id_version: Id) -> Result<Vec<LangSummary>, ApiError> {
    super::get::<Keyed<LangSummary>>(&format!("/v1/plugstores/versions/{id_version}/langs?{}", all()))
        .await
        .map(|k| k.0)
}

pub async fn lang(id_version: Id, lang: Lang) -> Result<VersionLang, ApiError> {
    super::get(&format!("/v1/plugstores/versions/{id_version}/langs/{}", lang.code())).await
}

pub async fn create_lang(id_version: Id, new: &CreateLang, texts: &LangFields) -> Result<VersionLang, ApiError> {
    post_parts(&format!("/v1/plugstores/versions/{id_version}/langs"), &[new, texts]).await
}

pub async fn update_lang(
    id_version: Id,
    lang: Lang,
    changes: &UpdateLang,
    texts: &LangFields,
) -> Result<VersionLang, ApiError> {
    post_parts(&format!("/v1/plugstores/versions/{id_version}/langs/{}", lang.code()), &[changes, texts]).await
}
