//! Applications: `/v1/applications` — what a tap shows (title, theme, image,
//! password lock). Created by their owner (chmod 5), updated by admins (chmod ≥ 4).

use serde::{Deserialize, Serialize};

use super::{ApiDate, Id, Name, Patch};
use crate::api::list::{ListSpec, Listed, SortKey};
use crate::chmod::Level;
use crate::play::{Background, Color};

/// `GET /v1/applications`: the list's own filters (besides the documented ones).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationFilters {
    /// In the name or the alias.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contains: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_issuer: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_locked: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chmod: Option<Level>,
}

/// The list's filters: sortable fields and its own arguments.
pub const LIST: ListSpec = ListSpec {
    default_limit: super::list::DEFAULT_LIMIT,
    sortable: &["id", "date_created", "name"],
    route_args: &["contains", "id_issuer", "is_locked", "chmod"],
};

/// `POST /v1/applications` (manage_applications): `name` required.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateApplication {
    pub name: Name<100>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias_name: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<Name<200>>,
    /// https anywhere, or one of this site's uploaded files (`/files/{name}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url_image: Option<String>,
    /// One of the caller's uploaded files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_image: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<Color>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background_color: Option<Background>,
    /// Locks the application (4 to 128 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_locked: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_enabled: Option<bool>,
}

impl CreateApplication {
    pub fn named(name: Name<100>) -> Self {
        Self {
            name,
            alias_name: None,
            subtitle: None,
            url_image: None,
            id_image: None,
            color: None,
            background_color: None,
            password: None,
            is_locked: None,
            is_enabled: None,
        }
    }
}

/// `POST /v1/applications/{id}` (chmod ≥ 4): at least one field. An empty
/// `subtitle` clears it; `is_locked=false` removes the password.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateApplication {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias_name: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    pub subtitle: Patch<Name<200>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url_image: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_image: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<Color>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background_color: Option<Background>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_locked: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_enabled: Option<bool>,
}

impl UpdateApplication {
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.alias_name.is_none()
            && self.subtitle.is_keep()
            && self.url_image.is_none()
            && self.id_image.is_none()
            && self.color.is_none()
            && self.background_color.is_none()
            && self.password.is_none()
            && self.is_locked.is_none()
            && self.is_enabled.is_none()
    }
}

/// One application, as `GET /v1/applications/{id}` and every change return it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Application {
    pub id: Id,
    pub id_image: Option<Id>,
    /// Absolute: the site's own files with its origin.
    pub url_image: Option<String>,
    pub name: String,
    /// The name when no alias is set.
    pub alias_name: String,
    pub subtitle: Option<String>,
    pub color: Color,
    pub background_color: Background,
    /// Never returned (always `null`): only whether there is one, `is_locked`.
    pub password: Option<String>,
    pub is_locked: bool,
    pub is_enabled: bool,
    pub chmod: Level,
    pub id_issuer: Option<Id>,
    pub quantity_plugins: i64,
    pub date_created: ApiDate,
    pub date_updated: Option<ApiDate>,
    /// For the list's date filters; not on the wire.
    #[serde(skip)]
    pub created: i64,
}

impl Application {
    pub fn summary(&self) -> ApplicationSummary {
        ApplicationSummary {
            id: self.id,
            name: self.name.clone(),
            alias_name: self.alias_name.clone(),
            is_enabled: self.is_enabled,
            url_image: self.url_image.clone(),
            is_locked: self.is_locked,
            chmod: self.chmod,
            color: self.color,
            quantity_plugins: self.quantity_plugins,
        }
    }
}

impl Listed for Application {
    fn id(&self) -> i64 {
        self.id
    }
    fn date_created(&self) -> Option<i64> {
        Some(self.created)
    }
    fn status(&self) -> Option<bool> {
        Some(self.is_enabled)
    }
    fn sort_key(&self, field: &str) -> SortKey {
        match field {
            "name" => SortKey::text(&self.name),
            "date_created" => SortKey::Int(self.created),
            _ => SortKey::Int(self.id),
        }
    }
}

/// One entry of `GET /v1/applications`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationSummary {
    pub id: Id,
    pub name: String,
    pub alias_name: String,
    pub is_enabled: bool,
    pub url_image: Option<String>,
    pub is_locked: bool,
    pub chmod: Level,
    pub color: Color,
    pub quantity_plugins: i64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::form::{from_args, Args};
    use crate::api::list::ListQuery;

    fn args(pairs: &[(&str, &str)]) -> Args {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn the_list_takes_its_own_filters_and_refuses_others() {
        let query = args(&[("contains", "Busi"), ("chmod", "5"), ("is_locked", "true"), ("sort_by", "name:desc")]);
        assert!(ListQuery::parse(&query, LIST).is_ok());
        let f: ApplicationFilters = from_args(&query).unwrap();
        assert_eq!((f.contains.unwrap().as_str(), f.chmod, f.is_locked), ("Busi", Some(Level::Owner), Some(true)));
        assert_eq!(from_args::<ApplicationFilters>(&args(&[("chmod", "9")])).unwrap_err().field(), Some("chmod"));
        let e = ListQuery::parse(&args(&[("colour", "red")]), LIST).unwrap_err();
        assert_eq!(e.code, 430);
        assert!(e.message.contains("colour"));
    }

    #[test]
    fn an_update_reads_a_form_and_names_a_bad_field() {
        let u: UpdateApplication = from_args(&args(&[("subtitle", ""), ("color", "blue")])).unwrap();
        assert_eq!((u.subtitle, u.color), (Patch::Clear, Some(Color::Blue)));
        assert!(UpdateApplication::default().is_empty());
        for (field, value) in [("color", "pink"), ("background_color", "sepia"), ("id_image", "x")] {
            let e = from_args::<UpdateApplication>(&args(&[(field, value)])).unwrap_err();
            assert_eq!(e.field(), Some(field), "{field}");
        }
        let missing = from_args::<CreateApplication>(&args(&[("subtitle", "x")])).unwrap_err();
        assert_eq!(missing.to_string(), "missing argument: name");
        let password: CreateApplication = from_args(&args(&[("name", "A"), ("password", " s3cret ")])).unwrap();
        assert_eq!(password.password.as_deref(), Some(" s3cret "), "passwords are not trimmed");
    }
}
