//! Uploaded files (`/v1/files`) and their folders (`/v1/folders`).

use leptos::wasm_bindgen::{closure::Closure, JsCast, JsValue};
use senzu_core::api::files::{File, FileDeleted, UpdateFile};
use senzu_core::api::folders::{CreateFolder, Folder, FolderSummary, UpdateFolder};
use senzu_core::api::{Deleted, Id, Keyed};
use senzu_core::{ApiError, ErrorCode};

use super::all;

/// Uploads an image (multipart: `name`, `source`, `id_folder`).
pub async fn upload(form: web_sys::FormData) -> Result<File, ApiError> {
    super::upload("/v1/files", form).await
}

fn browser(what: &str) -> ApiError {
    ApiError::new(ErrorCode::Internal, format!("the browser could not {what}"))
}

/// Uploads like [`upload`], telling `progress` the fraction sent so far
/// (fetch cannot report an upload's progress; XMLHttpRequest can).
pub async fn upload_with_progress(form: web_sys::FormData, progress: impl Fn(f64) + 'static) -> Result<File, ApiError> {
    let xhr = web_sys::XmlHttpRequest::new().map_err(|_| browser("start the upload"))?;
    xhr.open("POST", "/v1/files").map_err(|_| browser("start the upload"))?;
    let on_progress = Closure::<dyn Fn(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
        if e.length_computable() && e.total() > 0.0 {
            progress(e.loaded() / e.total());
        }
    });
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    }
    // The request settles a promise, so the upload is awaited like a fetch.
    let settled = js_sys::Promise::new(&mut |resolve, _reject| {
        let done = Closure::once_into_js(move |_: JsValue| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        xhr.set_onloadend(Some(done.unchecked_ref()));
    });
    xhr.send_with_opt_form_data(Some(&form)).map_err(|_| browser("send the file"))?;
    let _ = wasm_bindgen_futures::JsFuture::from(settled).await;
    drop(on_progress);
    let status = xhr.status().unwrap_or(0);
    let body = xhr.response_text().ok().flatten().unwrap_or_default();
    if status == 0 {
        return Err(ApiError::new(ErrorCode::Internal, "network error: the upload did not reach the server"));
    }
    if !(200..300).contains(&status) {
        return Err(ApiError::from_body(&body)
            .unwrap_or_else(|| ApiError::new(ErrorCode::Internal, format!("the server answered {status}"))));
    }
    super::decode(&body)
}

pub async fn list() -> Result<Vec<File>, ApiError> {
    super::get::<Keyed<File>>(&format!("/v1/files?{}", all())).await.map(|k| k.0)
}

pub async fn update(id: Id, change: &UpdateFile) -> Result<File, ApiError> {
    super::post(&format!("/v1/files/{id}"), change).await
}

pub async fn delete(id: Id) -> Result<FileDeleted, ApiError> {
    super::delete(&format!("/v1/files/{id}")).await
}

pub async fn folders() -> Result<Vec<FolderSummary>, ApiError> {
    super::get::<Keyed<FolderSummary>>(&format!("/v1/folders?{}", all())).await.map(|k| k.0)
}

pub async fn folder(id: Id) -> Result<Folder, ApiError> {
    super::get(&format!("/v1/folders/{id}")).await
}

pub async fn create_folder(new: &CreateFolder) -> Result<Folder, ApiError> {
    super::post("/v1/folders", new).await
}

pub async fn update_folder(id: Id, change: &UpdateFolder) -> Result<Folder, ApiError> {
    super::post(&format!("/v1/folders/{id}"), change).await
}

pub async fn delete_folder(id: Id) -> Result<Deleted, ApiError> {
    super::delete(&format!("/v1/folders/{id}")).await
}
