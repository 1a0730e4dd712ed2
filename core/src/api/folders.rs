//! Folders: how a user arranges their files, `/v1/folders`. A folder holds
//! files and other folders; it is deleted only once empty, so nothing is lost
//! by a click.

use serde::{Deserialize, Serialize};

use super::files::FileUser;
use super::{ApiDate, Id, Name, Patch};
use crate::api::list::Listed;

/// How deep folders nest: deep enough for any filing, shallow enough that
/// walking up a folder's parents is always a short query.
pub const MAX_DEPTH: usize = 8;

/// `POST /v1/folders` (documented: `name`, `id_parent`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateFolder {
    pub name: Name<100>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_parent: Option<Id>,
}

/// `POST /v1/folders/{id}`: a new name, a new parent (empty: to the top), or both.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateFolder {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    pub id_parent: Patch<Id>,
}

impl UpdateFolder {
    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.id_parent.is_keep()
    }
}

/// A folder's parent, as the documented object names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FolderParent {
    pub id: Id,
    pub name: String,
}

/// The documented folder object, with what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Folder {
    pub id: Id,
    pub user: FileUser,
    pub parent: Option<FolderParent>,
    pub name: String,
    pub quantity_file: i64,
    pub quantity_folder: i64,
    pub date_created: ApiDate,
    pub date_updated: Option<ApiDate>,
}

/// One entry of `GET /v1/folders` (documented: `id`, `parent` as an id, `name`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FolderSummary {
    pub id: Id,
    pub parent: Option<Id>,
    pub name: String,
}

impl Listed for FolderSummary {
    fn id(&self) -> i64 {
        self.id
    }
}

/// Whether moving folder `id` under `new_parent` keeps the tree a tree:
/// `ancestors` are `new_parent`'s own ancestors, nearest first. `Err` says why
/// not (itself, one of its own folders, or too deep).
pub fn may_move(id: Id, new_parent: Id, ancestors: &[Id], depth_below: usize) -> Result<(), String> {
    if new_parent == id || ancestors.contains(&id) {
        return Err("a folder cannot go inside itself or one of its own folders".into());
    }
    // new_parent sits at depth ancestors.len() + 1; the moved folder one below it.
    if ancestors.len() + 2 + depth_below > MAX_DEPTH {
        return Err(format!("folders nest at most {MAX_DEPTH} deep"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_never_goes_inside_itself() {
        assert!(may_move(3, 3, &[], 0).is_err(), "into itself");
        assert!(may_move(3, 7, &[5, 3, 1], 0).is_err(), "into its own sub-folder");
        assert!(may_move(3, 7, &[5, 1], 0).is_ok());
        assert!(may_move(3, 7, &[], 0).is_ok());
    }

    #[test]
    fn nesting_stops_at_the_depth_limit() {
        let six: Vec<Id> = (10..16).collect();
        assert!(may_move(1, 99, &six, 0).is_ok(), "depth 8");
        assert!(may_move(1, 99, &six, 1).is_err(), "its own sub-folder would be at depth 9");
        let seven: Vec<Id> = (10..17).collect();
        assert!(may_move(1, 99, &seven, 0).is_err());
    }

    #[test]
    fn an_update_reads_clear_and_keep_apart() {
        let keep: UpdateFolder = serde_json::from_str(r#"{"name":"Logos"}"#).unwrap();
        assert!(keep.id_parent.is_keep() && !keep.is_empty());
        let top: UpdateFolder = serde_json::from_str(r#"{"id_parent":null}"#).unwrap();
        assert_eq!(top.id_parent, Patch::Clear);
        assert!(serde_json::from_str::<UpdateFolder>("{}").unwrap().is_empty());
        assert!(serde_json::from_str::<CreateFolder>(r#"{"name":"  "}"#).is_err());
    }
}
