//! What visitors left through contact exchange plugins, and a visitor's own deletion.

use senzu_core::api::contacts::{Contact, ForgetContact, UpdateContact};
use senzu_core::api::{Deleted, Id, Keyed};
use senzu_core::plugins::encode;
use senzu_core::ApiError;

use super::all;

/// Every contact the caller may see, newest first.
pub async fn list() -> Result<Vec<Contact>, ApiError> {
    super::get::<Keyed<Contact>>(&format!("/v1/contacts?{}", all())).await.map(|k| k.0)
}

pub async fn update(id: Id, change: &UpdateContact) -> Result<Contact, ApiError> {
    super::post(&format!("/v1/contacts/{id}"), change).await
}

pub async fn delete(id: Id) -> Result<Deleted, ApiError> {
    super::delete(&format!("/v1/contacts/{id}")).await
}

/// Where the browser downloads the contacts a search and a tag keep, as `format` (csv or vcard).
pub fn export_url(format: &str, search: &str, tag: &str) -> String {
    let mut url = format!("/v1/contacts/export?format={format}");
    for (name, value) in [("search", search), ("tag", tag)] {
        if !value.trim().is_empty() {
            url.push_str(&format!("&{name}={}", encode(value.trim())));
        }
    }
    url
}

/// The visitor's "delete what I shared", with the token of their mail.
pub async fn forget(token: &str) -> Result<Deleted, ApiError> {
    super::post("/v1/contacts/forget", &ForgetContact { token: Some(token.to_string()) }).await
}
