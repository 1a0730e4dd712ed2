//! The queries of folders. Every function is one statement.

use senzu_core::api::files::FileUser;
use senzu_core::api::folders::{Folder, FolderParent, FolderSummary, MAX_DEPTH};
use senzu_core::api::{ApiDate, Id};
use serde::Deserialize;
use worker::D1Database;

use crate::db::{self, int, opt_int, opt_text, text};
use crate::error::AppResult;

#[derive(Deserialize)]
pub struct FolderRow {
    pub id: i64,
    pub id_user: i64,
    pub id_parent: Option<i64>,
    pub parent_name: Option<String>,
    pub name: String,
    pub quantity_file: i64,
    pub quantity_folder: i64,
    pub date_created: i64,
    pub date_updated: Option<i64>,
}

impl FolderRow {
    pub fn into_folder(self) -> Folder {
        Folder {
            id: self.id,
            user: FileUser { id: self.id_user, username: None },
            parent: self.id_parent.zip(self.parent_name).map(|(id, name)| FolderParent { id, name }),
            name: self.name,
            quantity_file: self.quantity_file,
            quantity_folder: self.quantity_folder,
            date_created: ApiDate::from_unix(self.date_created),
            date_updated: ApiDate::opt(self.date_updated),
        }
    }
}

const FOLDER_COLUMNS: &str = "d.id, d.id_user, d.id_parent, p.name AS parent_name, d.name, \
    (SELECT count(*) FROM files f WHERE f.id_folder = d.id) AS quantity_file, \
    (SELECT count(*) FROM folders c WHERE c.id_parent = d.id) AS quantity_folder, d.date_created, d.date_updated";

/// One of the user's folders; `None` for anyone else's.
pub async fn own(db: &D1Database, id_user: Id, id: Id) -> AppResult<Option<FolderRow>> {
    let sql = format!(
        "SELECT {FOLDER_COLUMNS} FROM folders d LEFT JOIN folders p ON p.id = d.id_parent \
         WHERE d.id = ?1 AND d.id_user = ?2"
    );
    db::first(db, &sql, &[int(id), int(id_user)], "folder").await
}

/// The user's folders, by name.
pub async fn list(db: &D1Database, id_user: Id) -> AppResult<Vec<FolderSummary>> {
    db::all(
        db,
        "SELECT id, id_parent AS parent, name FROM folders WHERE id_user = ?1 ORDER BY name COLLATE NOCASE, id",
        &[int(id_user)],
        "folders",
    )
    .await
}

/// The new folder; its parent is the user's own (checked before).
pub async fn insert(
    db: &D1Database,
    id_user: Id,
    name: &str,
    id_parent: Option<Id>,
    now: i64,
) -> AppResult<Option<Id>> {
    db::id_of(
        db,
        "INSERT INTO folders (id_user, id_parent, name, date_created) VALUES (?1, ?2, ?3, ?4) RETURNING id",
        &[int(id_user), opt_int(id_parent), text(name), int(now)],
        "insert folder",
    )
    .await
}

#[derive(Deserialize)]
struct Ancestor {
    id: i64,
}

/// The ancestors of folder `id`, nearest first (at most the depth limit and one more).
pub async fn ancestors(db: &D1Database, id: Id) -> AppResult<Vec<Id>> {
    let rows: Vec<Ancestor> = db::all(
        db,
        "WITH RECURSIVE up(id, depth) AS ( \
            SELECT id_parent, 1 FROM folders WHERE id = ?1 AND id_parent IS NOT NULL \
            UNION ALL SELECT f.id_parent, up.depth + 1 FROM folders f JOIN up ON f.id = up.id \
            WHERE f.id_parent IS NOT NULL AND up.depth <= ?2) \
         SELECT id FROM up ORDER BY depth",
        &[int(id), int(MAX_DEPTH as i64)],
        "folder ancestors",
    )
    .await?;
    Ok(rows.into_iter().map(|a| a.id).collect())
}

#[derive(Deserialize)]
struct Depth {
    depth: i64,
}

/// How many levels of folders sit below folder `id` (0: none).
pub async fn depth_below(db: &D1Database, id: Id) -> AppResult<usize> {
    let row: Option<Depth> = db::first(
        db,
        "WITH RECURSIVE down(id, depth) AS ( \
            SELECT id, 0 FROM folders WHERE id = ?1 \
            UNION ALL SELECT f.id, down.depth + 1 FROM folders f JOIN down ON f.id_parent = down.id \
            WHERE down.depth <= ?2) \
         SELECT max(depth) AS depth FROM down",
        &[int(id), int(MAX_DEPTH as i64)],
        "folder depth",
    )
    .await?;
    Ok(row.map_or(0, |d| d.depth.max(0) as usize))
}

/// A new name and/or parent (`None`: keep; `Some(None)`: to the top).
pub async fn update(
    db: &D1Database,
    id: Id,
    name: Option<&str>,
    id_parent: Option<Option<Id>>,
    now: i64,
) -> AppResult<()> {
    db::run(
        db,
        "UPDATE folders SET name = COALESCE(?2, name), \
         id_parent = CASE WHEN ?3 = 1 THEN ?4 ELSE id_parent END, date_updated = ?5 WHERE id = ?1",
        &[int(id), opt_text(name), int(i64::from(id_parent.is_some())), opt_int(id_parent.flatten()), int(now)],
        "update folder",
    )
    .await?;
    Ok(())
}

/// Deletes folder `id` if it is still empty at that moment: true if it went.
pub async fn delete_if_empty(db: &D1Database, id: Id) -> AppResult<bool> {
    let gone = db::run(
        db,
        "DELETE FROM folders WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM files WHERE id_folder = ?1) \
         AND NOT EXISTS (SELECT 1 FROM folders WHERE id_parent = ?1)",
        &[int(id)],
        "delete folder",
    )
    .await?;
    Ok(gone > 0)
}
