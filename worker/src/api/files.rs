//! Files (role user_files): images users upload for their applications. The
//! bytes go to R2 under a random name; the type is read from the bytes (PNG,
//! JPEG, GIF, WebP only); at most 2 MiB (413 beyond). `GET /files/{name}`
//! serves them publicly, as images only (`nosniff`, no script).

use senzu_core::auth::Role;
use senzu_core::image::{ImageKind, MAX_BYTES};
use senzu_core::wire::{list_object, ApiDate};
use senzu_core::ErrorCode;
use serde::Deserialize;
use serde_json::{json, Value};
use worker::{Env, FormEntry, HttpMetadata, Request, Response};

use super::Call;
use crate::args::{bad, missing, Args};
use crate::auth::crypto;
use crate::db::{self, int, text};
use crate::error::{AppError, AppResult, Context};
use crate::http::json_response;

#[derive(Deserialize)]
pub struct FileRow {
    pub id: i64,
    pub id_user: i64,
    pub name: String,
    pub file_name: String,
    pub file_size: i64,
    pub mime: String,
    pub date_created: i64,
    pub date_updated: Option<i64>,
}

const FILE_COLUMNS: &str = "id, id_user, name, file_name, file_size, mime, date_created, date_updated";

pub fn url_of(origin: &str, file_name: &str) -> String {
    format!("{origin}/files/{file_name}")
}

fn file_json(f: &FileRow, origin: &str) -> Value {
    let (kind, extension) = f.mime.split_once('/').unwrap_or(("application", "bin"));
    json!({
        "id": f.id,
        "user": { "id": f.id_user, "username": null },
        "url": url_of(origin, &f.file_name),
        "folder": null,
        "name": f.name,
        "file_name": f.file_name,
        "file_size": f.file_size,
        "mime": f.mime,
        "type": kind,
        "extension": if extension == "jpeg" { "jpg" } else { extension },
        "date_created": ApiDate::from_unix(f.date_created),
        "date_updated": ApiDate::opt(f.date_updated),
    })
}

/// One of the caller's files (404 for anyone else's).
pub async fn own_file(call: &Call<'_>, me: i64, id: i64) -> AppResult<FileRow> {
    db::first(
        &call.db,
        &format!("SELECT {FILE_COLUMNS} FROM files WHERE id = ?1 AND id_user = ?2"),
        &[int(id), int(me)],
        "file",
    )
    .await?
    .ok_or_else(|| AppError::not_found(format!("no file with id {id}")))
}

/// The upload: a multipart `source` file, or `source` as a base64 data URL in a form or JSON body.
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
    let args = Args::read(req).await?;
    let source = args.req("source")?;
    let encoded = source
        .split_once(";base64,")
        .map(|(_, b)| b)
        .ok_or_else(|| bad("source", "must be a file (multipart) or a base64 data URL"))?;
    if encoded.len() > MAX_BYTES / 3 * 4 + 4 {
        return Err(too_large());
    }
    let bytes = senzu_core::page::base64_decode(encoded).ok_or_else(|| bad("source", "is not valid base64"))?;
    Ok((args.opt("name").unwrap_or_default().to_string(), bytes))
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
    let bucket = call.env.bucket("FILES").context("binding FILES")?;
    bucket
        .put(&file_name, bytes.clone())
        .http_metadata(HttpMetadata { content_type: Some(kind.mime().into()), ..Default::default() })
        .execute()
        .await
        .context("store file")?;
    let row: FileRow = db::first(
        &call.db,
        &format!(
            "INSERT INTO files (id, id_user, name, file_name, file_size, mime) \
             VALUES ((SELECT next FROM fresh_ids WHERE name = 'files'), ?1, ?2, ?3, ?4, ?5) RETURNING {FILE_COLUMNS}"
        ),
        &[int(me), text(&name), text(&file_name), int(bytes.len() as i64), text(kind.mime())],
        "insert file",
    )
    .await?
    .ok_or_else(|| AppError::Internal { context: "insert file", cause: "no row returned".into() })?;
    Ok(json_response(&file_json(&row, &call.origin), 200))
}

/// `GET /v1/files`.
pub async fn list(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let me = call.caller.require_user(&call.db, Role::UserFiles, call.now).await?.id_user;
    let args = Args::from_query(req);
    let rows: Vec<FileRow> = db::all(
        &call.db,
        &format!("SELECT {FILE_COLUMNS} FROM files WHERE id_user = ?1 ORDER BY id DESC LIMIT ?2"),
        &[int(me), int(super::user::limit(&args)?)],
        "files",
    )
    .await?;
    Ok(json_response(&list_object(rows.iter().map(|f| file_json(f, &call.origin))), 200))
}

/// `GET /v1/files/{id}` and `/v1/files/{id_user}/{id}` (one's own only).
pub async fn get(call: &Call<'_>, id_user: Option<i64>, id: i64) -> AppResult<Response> {
    let me = call.caller.require_user(&call.db, Role::UserFiles, call.now).await?.id_user;
    if id_user.is_some_and(|u| u != me) {
        return Err(AppError::not_found(format!("no file with id {id}")));
    }
    Ok(json_response(&file_json(&own_file(call, me, id).await?, &call.origin), 200))
}

/// `POST /v1/files/{id}` (`name`).
pub async fn update(call: &Call<'_>, req: &mut Request, id: i64) -> AppResult<Response> {
    let me = call.caller.require_user(&call.db, Role::UserFiles, call.now).await?.id_user;
    let args = Args::read(req).await?;
    let name = args.opt_text("name", 100)?.ok_or_else(|| missing("name"))?;
    own_file(call, me, id).await?;
    db::run(
        &call.db,
        "UPDATE files SET name = ?2, date_updated = ?3 WHERE id = ?1",
        &[int(id), text(name), int(call.now)],
        "rename file",
    )
    .await?;
    get(call, None, id).await
}

/// `DELETE /v1/files/{id}`: the bytes too. Applications showing it lose their image.
pub async fn delete(call: &Call<'_>, id: i64) -> AppResult<Response> {
    let me = call.caller.require_user(&call.db, Role::UserFiles, call.now).await?.id_user;
    let file = own_file(call, me, id).await?;
    let url = url_of(&call.origin, &file.file_name);
    call.db
        .batch(vec![
            db::statement(
                &call.db,
                "UPDATE applications SET id_image = NULL, url_image = NULL WHERE id_image = ?1",
                &[int(id)],
                "unlink image",
            )?,
            db::statement(&call.db, "DELETE FROM files WHERE id = ?1", &[int(id)], "delete file")?,
        ])
        .await
        .context("delete file")?;
    call.env.bucket("FILES").context("binding FILES")?.delete(&file.file_name).await.context("delete bytes")?;
    Ok(json_response(&json!({ "id": id, "deleted": true, "url": url }), 200))
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
