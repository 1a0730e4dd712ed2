//! Files: images users upload for their applications, `/v1/files`.

use serde::{Deserialize, Serialize};

use super::{ApiDate, Id, Name};
use crate::api::list::Listed;

/// `POST /v1/files/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateFile {
    pub name: Name<100>,
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
    pub folder: Option<String>,
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
