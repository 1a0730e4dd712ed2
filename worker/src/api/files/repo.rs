//! The queries of files. Every function is one statement or one batch.

use senzu_core::api::files::{File, FileUser};
use senzu_core::api::{ApiDate, Id};
use serde::Deserialize;
use worker::D1Database;

use crate::db::{self, int, opt_int, opt_text, text};
use crate::error::{AppResult, Context};

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
    pub id_folder: Option<i64>,
    pub folder: Option<String>,
}

impl FileRow {
    pub fn into_file(self, origin: &str) -> File {
        let (kind, extension) = self.mime.split_once('/').unwrap_or(("application", "bin"));
        File {
            id: self.id,
            user: FileUser { id: self.id_user, username: None },
            url: url_of(origin, &self.file_name),
            folder: self.folder,
            id_folder: self.id_folder,
            kind: kind.to_string(),
            extension: if extension == "jpeg" { "jpg" } else { extension }.to_string(),
            name: self.name,
            file_name: self.file_name,
            file_size: self.file_size,
            mime: self.mime,
            date_created: ApiDate::from_unix(self.date_created),
            date_updated: ApiDate::opt(self.date_updated),
        }
    }
}

pub fn url_of(origin: &str, file_name: &str) -> String {
    format!("{origin}/files/{file_name}")
}

const FILE_COLUMNS: &str = "id, id_user, name, file_name, file_size, mime, date_created, date_updated, id_folder, \
    (SELECT f.name FROM folders f WHERE f.id = files.id_folder) AS folder";

/// One of the user's files; `None` for anyone else's.
pub async fn own(db: &D1Database, id_user: Id, id: Id) -> AppResult<Option<FileRow>> {
    let sql = format!("SELECT {FILE_COLUMNS} FROM files WHERE id = ?1 AND id_user = ?2");
    db::first(db, &sql, &[int(id), int(id_user)], "file").await
}

/// The user's files, newest first.
pub async fn list(db: &D1Database, id_user: Id) -> AppResult<Vec<FileRow>> {
    let sql = format!("SELECT {FILE_COLUMNS} FROM files WHERE id_user = ?1 ORDER BY id DESC");
    db::all(db, &sql, &[int(id_user)], "files").await
}

/// The user's files in folder `id_folder`, newest first.
pub async fn in_folder(db: &D1Database, id_user: Id, id_folder: Id) -> AppResult<Vec<FileRow>> {
    let sql = format!("SELECT {FILE_COLUMNS} FROM files WHERE id_user = ?1 AND id_folder = ?2 ORDER BY id DESC");
    db::all(db, &sql, &[int(id_user), int(id_folder)], "files in folder").await
}

/// What an upload stores: the bytes are already under `file_name`.
pub struct NewFile<'a> {
    pub id_user: Id,
    pub name: &'a str,
    pub file_name: &'a str,
    pub size: usize,
    pub mime: &'a str,
    pub id_folder: Option<Id>,
}

pub async fn insert(db: &D1Database, new: &NewFile<'_>) -> AppResult<Option<FileRow>> {
    let sql = format!(
        "INSERT INTO files (id, id_user, name, file_name, file_size, mime, id_folder) \
         VALUES ((SELECT next FROM fresh_ids WHERE name = 'files'), ?1, ?2, ?3, ?4, ?5, ?6) RETURNING {FILE_COLUMNS}"
    );
    let args = [
        int(new.id_user),
        text(new.name),
        text(new.file_name),
        int(new.size as i64),
        text(new.mime),
        opt_int(new.id_folder),
    ];
    db::first(db, &sql, &args, "insert file").await
}

/// A new name and/or folder (`None`: keep; `Some(None)`: out of any folder).
pub async fn update(
    db: &D1Database,
    id: Id,
    name: Option<&str>,
    id_folder: Option<Option<Id>>,
    now: i64,
) -> AppResult<()> {
    db::run(
        db,
        "UPDATE files SET name = COALESCE(?2, name), \
         id_folder = CASE WHEN ?3 = 1 THEN ?4 ELSE id_folder END, date_updated = ?5 WHERE id = ?1",
        &[int(id), opt_text(name), int(i64::from(id_folder.is_some())), opt_int(id_folder.flatten()), int(now)],
        "update file",
    )
    .await?;
    Ok(())
}

/// Applications showing it lose their image, then it goes.
pub async fn delete(db: &D1Database, id: Id) -> AppResult<()> {
    let unlink = db::statement(
        db,
        "UPDATE applications SET id_image = NULL, url_image = NULL WHERE id_image = ?1",
        &[int(id)],
        "unlink image",
    )?;
    let file = db::statement(db, "DELETE FROM files WHERE id = ?1", &[int(id)], "delete file")?;
    db.batch(vec![unlink, file]).await.context("delete file")?;
    Ok(())
}
