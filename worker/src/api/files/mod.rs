//! Files (role user_files): images users upload for their applications. The
//! bytes go to R2 under a random name; the type is read from the bytes (PNG,
//! JPEG, GIF, WebP only); at most 2 MiB (413 beyond). `GET /files/{name}`
//! serves them publicly, as images only (`nosniff`, no script).

mod repo;

use senzu_core::api::files::{FileDeleted, UpdateFile};
use senzu_core::api::list::ListSpec;
use senzu_core::api::{Id, Keyed};
use senzu_core::auth::Role;
use senzu_core::image::{ImageKind, MAX_BYTES};
use senzu_core::ErrorCode;
use worker::{Env, FormEntry, HttpMetadata, Request, Response};

use super::Call;
use crate::args::{bad, missing};
use crate::auth::crypto;
use crate::error::{AppError, AppResult, Context};
use crate::http::{created, json};
use crate::request;

pub use repo::own;

fn no_file(id: Id) -> AppError {
    AppError::not_found(format!("no file with id {id}"))
}

/// The upload: a multipart `source` file (read here: multipart is not an
/// argument body), or `source` as a base64 data URL in a form or JSON body.
async fn upload(req: &mut Request) -> AppResult<(String, Vec<u8>)> {
    let content_type = req.headers().get("content-type").ok().flatten().unwrap_or_default();
    if content_type.starts_with("multipart/form-data") {
        let form = req.form_data().await.map_err(|_| bad("source", "the multipart body could not be read"))?;
        let name = form.get_field("name").unwrap_or_default();
        return match form.get("source") {
            Some(FormEntry::File(file)) => {
                if file.size() > MAX_BYTES {
                    return Err(too_large());
                }
                let bytes = file.bytes().await.context("read upload")?;
                let name = if name.trim().is_empty() { file.name() } else { name };
                Ok((name, bytes))
            }
            Some(FormEntry::Field(_)) => Err(bad("source", "must be a file")),
            None => Err(missing("source")),
        };
    }
    #[derive(serde::Deserialize)]
    struct Encoded {
        source: String,
        #[serde(default)]
        name: Option<String>,
    }
    let given: Encoded = request::parse(req).await?;
    let encoded = given
        .source
        .split_once(";base64,")
        .map(|(_, b)| b)
        .ok_or_else(|| bad("source", "must be a file (multipart) or a base64 data URL"))?;
    if encoded.len() > MAX_BYTES / 3 * 4 + 4 {
        return Err(too_large());
    }
    let bytes = senzu_core::page::base64_decode(encoded).ok_or_else(|| bad("source", "is not valid base64"))?;
    Ok((given.name.unwrap_or_default(), bytes))
}

fn too_large() -> AppError {
    AppError::api(ErrorCode::PayloadTooLarge, format!("payload too large: images are at most {} MiB", MAX_BYTES >> 20))
}

/// `POST /v1/files` (`name`, `source`).
pub async fn create(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let me = call.caller.require_user(&call.db, Role::UserFiles, call.now).await?.id_user;
    let (name, bytes) = upload(req).await?;
    if bytes.len() > MAX_BYTES {
        return Err(too_large());
    }
    let kind = ImageKind::sniff(&bytes).ok_or_else(|| bad("source", "must be a PNG, JPEG, GIF or WebP image"))?;
    let name: String = name.trim().chars().take(100).collect();
    let name = if name.is_empty() { format!("image.{}", kind.extension()) } else { name };
    let file_name = format!("{me}-{}-{}.{}", call.now, crypto::random_hex(8)?, kind.extension());
    let size = bytes.len();
    let bucket = call.env.bucket("FILES").context("binding FILES")?;
    bucket
        .put(&file_name, bytes)
        .http_metadata(HttpMetadata { content_type: Some(kind.mime().into()), ..Default::default() })
        .execute()
        .await
        .context("store file")?;
    let row = repo::insert(&call.db, me, &name, &file_name, size, kind.mime())
        .await?
        .ok_or_else(|| AppError::Internal { context: "insert file", cause: "no row after insert".into() })?;
    Ok(created(&row.into_file(&call.origin)))
}

/// `GET /v1/files`, newest first.
pub async fn list(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    let me = call.caller.require_user(&call.db, Role::UserFiles, call.now).await?.id_user;
    let files = repo::list(&call.db, me).await?.into_iter().map(|f| f.into_file(&call.origin)).collect();
    Ok(json(&Keyed(filters.apply(files))))
}

/// `GET /v1/files/{id}` and `/v1/files/{id_user}/{id}` (one's own only).
pub async fn get(call: &Call<'_>, id_user: Option<Id>, id: Id) -> AppResult<Response> {
    let me = call.caller.require_user(&call.db, Role::UserFiles, call.now).await?.id_user;
    if id_user.is_some_and(|u| u != me) {
        return Err(no_file(id));
    }
    let file = repo::own(&call.db, me, id).await?.ok_or_else(|| no_file(id))?;
    Ok(json(&file.into_file(&call.origin)))
}

/// `POST /v1/files/{id}` (`name`).
pub async fn update(call: &Call<'_>, req: &mut Request, id: Id) -> AppResult<Response> {
    let me = call.caller.require_user(&call.db, Role::UserFiles, call.now).await?.id_user;
    let change: UpdateFile = request::parse(req).await?;
    repo::own(&call.db, me, id).await?.ok_or_else(|| no_file(id))?;
    repo::rename(&call.db, id, change.name.as_str(), call.now).await?;
    let file = repo::own(&call.db, me, id).await?.ok_or_else(|| no_file(id))?;
    Ok(json(&file.into_file(&call.origin)))
}

/// `DELETE /v1/files/{id}`: the bytes too. Applications showing it lose their image.
pub async fn delete(call: &Call<'_>, id: Id) -> AppResult<Response> {
    let me = call.caller.require_user(&call.db, Role::UserFiles, call.now).await?.id_user;
    let file = repo::own(&call.db, me, id).await?.ok_or_else(|| no_file(id))?;
    let url = repo::url_of(&call.origin, &file.file_name);
    repo::delete(&call.db, id).await?;
    call.env.bucket("FILES").context("binding FILES")?.delete(&file.file_name).await.context("delete bytes")?;
    Ok(json(&FileDeleted { id, deleted: true, url }))
}

/// `GET /files/{file_name}`: the bytes, public (a play shows them), never as a document.
pub async fn serve(env: &Env, file_name: &str) -> AppResult<Response> {
    let valid = !file_name.is_empty()
        && file_name.len() <= 80
        && file_name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
    if !valid {
        return Err(AppError::not_found("no such file"));
    }
    let object = env.bucket("FILES").context("binding FILES")?.get(file_name).execute().await.context("read file")?;
    let Some(object) = object else { return Err(AppError::not_found("no such file")) };
    let mime = object.http_metadata().content_type.unwrap_or_else(|| "application/octet-stream".into());
    let bytes = object.body().ok_or_else(|| AppError::not_found("no such file"))?.bytes().await.context("file body")?;
    let mut resp = Response::from_bytes(bytes).context("file response")?;
    let headers = resp.headers_mut();
    let _ = headers.set("content-type", &mime);
    let _ = headers.set("cache-control", "public, max-age=31536000, immutable");
    let _ = headers.set("x-content-type-options", "nosniff");
    let _ = headers.set("content-security-policy", "default-src 'none'; sandbox");
    Ok(resp)
}
