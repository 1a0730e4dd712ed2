//! Files: images users upload for their applications, `/v1/files`.

use serde::{Deserialize, Serialize};

use super::{ApiDate, Id, Name, Patch};
use crate::api::list::Listed;

/// `POST /v1/files/{id}`: a new name, another folder (empty: out of any), or both.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    pub id_folder: Patch<Id>,
}

impl UpdateFile {
    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.id_folder.is_keep()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FileUser {
    pub id: Id,
    pub username: Option<String>,
}

/// One uploaded file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct File {
    pub id: Id,
    pub user: FileUser,
    /// `{origin}/files/{file_name}`: public.
    pub url: String,
    /// The folder's name, and its id in `id_folder` (both null: in no folder).
    pub folder: Option<String>,
    pub id_folder: Option<Id>,
    pub name: String,
    pub file_name: String,
    pub file_size: i64,
    pub mime: String,
    /// `image`.
    #[serde(rename = "type")]
    pub kind: String,
    pub extension: String,
    pub date_created: ApiDate,
    pub date_updated: Option<ApiDate>,
}

impl Listed for File {
    fn id(&self) -> i64 {
        self.id
    }
}

/// `DELETE /v1/files/{id}`: the bytes go too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FileDeleted {
    pub id: Id,
    pub deleted: bool,
    pub url: String,
}
