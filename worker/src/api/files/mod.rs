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
use senzu_core::plan::Resource;
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

/// What an upload carries.
struct Upload {
    name: String,
    bytes: Vec<u8>,
    id_folder: Option<Id>,
}

/// `id_folder` of an upload: empty is no folder.
fn folder_arg(given: Option<&str>) -> AppResult<Option<Id>> {
    match given.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => {
            v.parse::<Id>().ok().filter(|id| *id > 0).map(Some).ok_or_else(|| bad("id_folder", "must be a folder id"))
        }
    }
}

/// The upload: a multipart `source` file (read here: multipart is not an
/// argument body), or `source` as a base64 data URL in a form or JSON body.
async fn upload(req: &mut Request) -> AppResult<Upload> {
    let content_type = req.headers().get("content-type").ok().flatten().unwrap_or_default();
    if content_type.starts_with("multipart/form-data") {
        let form = req.form_data().await.map_err(|_| bad("source", "the multipart body could not be read"))?;
        let name = form.get_field("name").unwrap_or_default();
        let id_folder = folder_arg(form.get_field("id_folder").as_deref())?;
        return match form.get("source") {
            Some(FormEntry::File(file)) => {
                if file.size() > MAX_BYTES {
                    return Err(too_large());
                }
                let bytes = file.bytes().await.context("read upload")?;
                let name = if name.trim().is_empty() { file.name() } else { name };
                Ok(Upload { name, bytes, id_folder })
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
        #[serde(default)]
        id_folder: Option<Id>,
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
    Ok(Upload { name: given.name.unwrap_or_default(), bytes, id_folder: given.id_folder })
}

fn too_large() -> AppError {
    AppError::api(ErrorCode::PayloadTooLarge, format!("payload too large: images are at most {} MiB", MAX_BYTES >> 20))
}

/// A folder of the caller's, or a 404 naming the argument that pointed at it.
async fn own_folder(call: &Call<'_>, me: Id, id_folder: Option<Id>) -> AppResult<()> {
    if let Some(id) = id_folder {
        crate::api::folders::repo::own(&call.db, me, id)
            .await?
            .ok_or_else(|| AppError::not_found(format!("id_folder: no folder with id {id}")))?;
    }
    Ok(())
}

/// `POST /v1/files` (`name`, `source`, `id_folder`): within the plan's storage (402 beyond).
pub async fn create(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let me = call.caller.require_user(&call.db, Role::UserFiles, call.now).await?.id_user;
    let Upload { name, bytes, id_folder } = upload(req).await?;
    if bytes.len() > MAX_BYTES {
        return Err(too_large());
    }
    let kind = ImageKind::sniff(&bytes).ok_or_else(|| bad("source", "must be a PNG, JPEG, GIF or WebP image"))?;
    own_folder(call, me, id_folder).await?;
    super::plans::require_room_for(call, me, Resource::Storage, None, bytes.len() as i64).await?;
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
    let new = repo::NewFile { id_user: me, name: &name, file_name: &file_name, size, mime: kind.mime(), id_folder };
    let row = repo::insert(&call.db, &new)
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

/// `GET /v1/folders/{id}/files`, newest first.
pub async fn in_folder(call: &Call<'_>, req: &Request, id_folder: Id) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    let me = call.caller.require_user(&call.db, Role::UserFiles, call.now).await?.id_user;
    crate::api::folders::repo::own(&call.db, me, id_folder)
        .await?
        .ok_or_else(|| AppError::not_found(format!("no folder with id {id_folder}")))?;
    let files =
        repo::in_folder(&call.db, me, id_folder).await?.into_iter().map(|f| f.into_file(&call.origin)).collect();
    Ok(json(&Keyed(filters.apply(files))))
}

/// `POST /v1/files/{id}` (`name`, `id_folder`: empty takes it out of its folder).
pub async fn update(call: &Call<'_>, req: &mut Request, id: Id) -> AppResult<Response> {
    let me = call.caller.require_user(&call.db, Role::UserFiles, call.now).await?.id_user;
    let change: UpdateFile = request::parse(req).await?;
    if change.is_empty() {
        return Err(AppError::api(ErrorCode::MissingArgument, "missing argument: name or id_folder"));
    }
    repo::own(&call.db, me, id).await?.ok_or_else(|| no_file(id))?;
    let id_folder = change.id_folder.change();
    own_folder(call, me, id_folder.flatten()).await?;
    repo::update(&call.db, id, change.name.as_ref().map(|n| n.as_str()), id_folder, call.now).await?;
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
