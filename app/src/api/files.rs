//! Uploaded files.

use senzu_core::api::files::File;
use senzu_core::ApiError;

/// Uploads an image (multipart: `name`, `source`).
pub async fn upload(form: web_sys::FormData) -> Result<File, ApiError> {
    super::upload("/v1/files", form).await
}
