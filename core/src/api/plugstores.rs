//! The plugstore: `/v1/plugstores` (the catalogue: Senzu's own kinds and the
//! developers' published entries), entries' versions and their texts per
//! language (`/v1/plugstores/{id}/versions`, `/v1/plugstores/versions/{id}/langs`),
//! and `/v1/icons`.

use serde::{Deserialize, Serialize};

use super::makers::{ContactEmail, WebUrl};
use super::{ApiDate, Id, Name};
use crate::api::list::{ListSpec, Listed, SortKey, MAX_LIMIT};
use crate::custom_plugin::CustomSpec;
use crate::plugins::{Kind, Lang};

/// The catalogue's filters: answered whole unless a `limit` is given.
pub const LIST: ListSpec = ListSpec { sortable: &["id", "name"], route_args: &[], default_limit: MAX_LIMIT };

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoreIcon {
    pub id: i64,
    pub icon_editable: bool,
    pub svg_path: String,
}

/// One entry of the plugstore: a first-party kind (ids 1 to 1000, the kinds'
/// positions) or a developer's entry (from 1001).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlugstoreEntry {
    pub id: i64,
    /// The kind's id (`custom` for a developer's entry).
    pub name: String,
    pub display_name: String,
    pub category: String,
    pub icon: StoreIcon,
    pub catchphrase: Option<String>,
    pub description: Option<String>,
    pub developer_name: String,
    /// `publish` when owners can add it; a developer's own entry may also be
    /// `draft` or `submitted` (only its developer sees those).
    pub status: String,
    /// Its developer, for a developer's entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_developer: Option<Id>,
    /// The published version, for a developer's entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_version: Option<Id>,
    pub is_enabled: bool,
}

impl PlugstoreEntry {
    pub fn of(id: i64, kind: Kind, lang: Lang) -> Self {
        let (fr, en) = kind.names();
        PlugstoreEntry {
            id,
            name: kind.id().to_string(),
            display_name: if lang == Lang::Fr { fr } else { en }.to_string(),
            category: kind.category().to_string(),
            icon: StoreIcon { id, icon_editable: false, svg_path: kind.icon_path().to_string() },
            catchphrase: None,
            description: None,
            developer_name: "Senzu Edition".into(),
            status: "publish".into(),
            id_developer: None,
            id_version: None,
            is_enabled: true,
        }
    }

    /// Whether owners may add it to an application.
    pub fn is_offered(&self) -> bool {
        self.status == "publish" && self.is_enabled
    }
}

/// Developers' entries start above every first-party id.
pub const FIRST_DEVELOPER_ENTRY: Id = 1001;

impl Listed for PlugstoreEntry {
    fn id(&self) -> i64 {
        self.id
    }
    fn sort_key(&self, field: &str) -> SortKey {
        match field {
            "name" => SortKey::text(&self.display_name),
            _ => SortKey::Int(self.id),
        }
    }
}

/// One plugstore category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Category {
    pub id: i64,
    pub name: String,
}

impl Listed for Category {
    fn id(&self) -> i64 {
        self.id
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldAttributes {
    pub name: String,
    #[serde(rename = "type")]
    pub input: String,
    pub required: bool,
    pub multiple: bool,
    /// Write-only (credentials): never sent back, only whether it is set.
    pub secret: bool,
    /// A `select`'s choices.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<FieldOption>,
}

/// One choice of a `select` field: the value stored and its label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldOption {
    pub value: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormField {
    pub attributes: FieldAttributes,
    pub label: String,
    pub placeholder: Option<String>,
}

/// `GET /v1/plugstores/{id}/form`: the fields a plugin of this kind takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlugstoreForm {
    pub name: String,
    pub fields: Vec<FormField>,
}

impl PlugstoreForm {
    /// A developer's entry's form: its published version's fields.
    pub fn of_custom(name: &str, spec: &CustomSpec, lang: Lang) -> Self {
        PlugstoreForm {
            name: name.to_string(),
            fields: spec
                .fields
                .iter()
                .map(|f| FormField {
                    attributes: FieldAttributes {
                        name: f.name.clone(),
                        input: f.input.as_str().to_string(),
                        required: f.required,
                        multiple: false,
                        secret: false,
                        options: Vec::new(),
                    },
                    label: f.label(lang).to_string(),
                    placeholder: None,
                })
                .collect(),
        }
    }

    pub fn of(kind: Kind, lang: Lang) -> Self {
        let (fr, en) = kind.names();
        PlugstoreForm {
            name: if lang == Lang::Fr { fr } else { en }.to_string(),
            fields: kind
                .fields()
                .iter()
                .map(|f| FormField {
                    attributes: FieldAttributes {
                        name: f.name.to_string(),
                        input: f.input.to_string(),
                        required: f.required,
                        multiple: false,
                        secret: f.input == "password",
                        options: f
                            .options
                            .iter()
                            .map(|(value, fr, en)| FieldOption {
                                value: value.to_string(),
                                label: if lang == Lang::Fr { fr } else { en }.to_string(),
                            })
                            .collect(),
                    },
                    label: if lang == Lang::Fr { f.label_fr } else { f.label_en }.to_string(),
                    placeholder: None,
                })
                .collect(),
        }
    }
}

/// One of `GET /v1/icons`: documented as `{id, tags}`; the path is the SVG to draw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Icon {
    pub id: Id,
    pub tags: String,
    pub svg_path: String,
}

impl Listed for Icon {
    fn id(&self) -> i64 {
        self.id
    }
}

/// A version's review state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum VersionStatus {
    /// Being written: the developer changes it freely.
    Draft,
    /// `is_requested`: waiting for Senzu's review; frozen.
    Submitted,
    /// Reviewed and offered to owners; frozen.
    Publish,
    /// Withdrawn by Senzu's staff; its plugins leave the plays.
    Unpublished,
}

impl VersionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            VersionStatus::Draft => "draft",
            VersionStatus::Submitted => "submitted",
            VersionStatus::Publish => "publish",
            VersionStatus::Unpublished => "unpublished",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Draft, Self::Submitted, Self::Publish, Self::Unpublished].into_iter().find(|v| v.as_str() == s)
    }
}

/// The arguments a version takes, on its own or with its entry.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VersionFields {
    /// The tile's icon: one of `GET /v1/icons`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_icon: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copyright: Option<Name<200>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_firstname: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_lastname: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_phone: Option<Name<40>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_email: Option<ContactEmail>,
    /// The developer's own administration page for this plugin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route_admin: Option<WebUrl>,
    /// Unix time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_released: Option<i64>,
    /// What owners fill and what a tap does (core::custom_plugin), as JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<CustomSpec>,
}

/// The texts of one language, on their own or with an entry.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LangFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catchphrase: Option<Name<200>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Name<4000>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Name<200>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assistance_url: Option<WebUrl>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marketing_url: Option<WebUrl>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privacy_url: Option<WebUrl>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tos_url: Option<WebUrl>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gdpr_name: Option<Name<200>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gdpr_email: Option<ContactEmail>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gdpr_address_street: Option<Name<200>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gdpr_address_other: Option<Name<200>>,
    /// Answered as `gpdr_address_city`, the documented spelling; taken as either.
    #[serde(default, alias = "gpdr_address_city", skip_serializing_if = "Option::is_none")]
    pub gdpr_address_city: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gdpr_address_state: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gdpr_address_zipcode: Option<Name<20>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gdpr_address_country: Option<Name<100>>,
}

/// `POST /v1/plugstores` (201): an entry with its first version (`version`,
/// "1.0" by default) and that version's first language (`lang`, fr by
/// default); the version's and language's arguments ([`VersionFields`],
/// [`LangFields`]) are taken from the same call. Needs a developer account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatePlugstore {
    pub display_name: Name<100>,
    /// Not shown: the developer's own reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<Name<40>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    /// One of `GET /v1/plugstores/categories`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_category: Option<Id>,
    /// Companies come with the shop; until then none exists to name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_company: Option<Id>,
}

/// `POST /v1/plugstores/{id}`: at least one field.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdatePlugstore {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_category: Option<Id>,
    /// `false` takes it out of the catalogue (owners' plugins of it stay).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<Name<100>>,
    /// Documented; the published version is Senzu's review to set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_version: Option<Id>,
}

impl UpdatePlugstore {
    pub fn is_empty(&self) -> bool {
        self.id_category.is_none() && self.is_enabled.is_none() && self.name.is_none() && self.display_name.is_none()
    }
}

/// `POST /v1/plugstores/{id}/versions` (201): `name` and [`VersionFields`];
/// `form` is required here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateVersion {
    pub name: Name<40>,
}

/// `POST /v1/plugstores/{id}/versions/{id_version}`: [`VersionFields`], a new
/// `name`, and `is_requested=1` to submit it for review (it needs a form and
/// a language). A submitted or published version is frozen (409).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateVersion {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Name<40>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_requested: Option<bool>,
}

/// `POST /v1/plugstores/versions/{id_version}/langs` (201): `lang`,
/// `display_name` and [`LangFields`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateLang {
    pub lang: Lang,
    pub display_name: Name<100>,
}

/// `POST /v1/plugstores/versions/{id_version}/langs/{lang}`: [`LangFields`]
/// and `display_name`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateLang {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<Name<100>>,
}

/// The documented version object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlugstoreVersion {
    pub id: Id,
    pub id_plugstore: Id,
    pub name: String,
    pub id_icon: Id,
    pub icon_editable: bool,
    pub copyright: Option<String>,
    pub contact_firstname: Option<String>,
    pub contact_lastname: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub route_admin: Option<String>,
    /// Submitted for review.
    pub is_requested: bool,
    pub status: VersionStatus,
    pub form: CustomSpec,
    pub date_released: Option<ApiDate>,
    pub date_created: ApiDate,
    pub date_updated: Option<ApiDate>,
}

impl Listed for PlugstoreVersion {
    fn id(&self) -> i64 {
        self.id
    }
}

/// The documented language object of a version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VersionLang {
    pub id_plugstore_version: Id,
    pub lang: Lang,
    pub display_name: String,
    pub catchphrase: Option<String>,
    pub description: Option<String>,
    pub tags: Option<String>,
    pub assistance_url: Option<String>,
    pub marketing_url: Option<String>,
    pub privacy_url: Option<String>,
    pub tos_url: Option<String>,
    pub gdpr_name: Option<String>,
    pub gdpr_email: Option<String>,
    pub gdpr_address_street: Option<String>,
    pub gdpr_address_other: Option<String>,
    /// The documented spelling.
    pub gpdr_address_city: Option<String>,
    pub gdpr_address_state: Option<String>,
    pub gdpr_address_zipcode: Option<String>,
    pub gdpr_address_country: Option<String>,
    /// Whether its version is published.
    pub status: bool,
    pub date_created: ApiDate,
    pub date_updated: Option<ApiDate>,
}

/// One of `GET /v1/plugstores/versions/{id_version}/langs`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LangSummary {
    pub id_plugstore_version: Id,
    pub lang: Lang,
    pub display_name: String,
    pub status: bool,
    pub date_created: ApiDate,
}

impl Listed for LangSummary {
    /// fr then en: the order the languages are listed in.
    fn id(&self) -> i64 {
        match self.lang {
            Lang::Fr => 1,
            Lang::En => 2,
        }
    }
}

/// The answer of `POST /v1/plugstores`, as documented: the entry with its
/// first version and language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedPlugstore {
    pub id: Id,
    pub name: Option<String>,
    pub display_name: String,
    pub developer: super::plugins::PluginUser,
    pub version: PlugstoreVersion,
    pub version_lang: VersionLang,
    pub company: Option<Id>,
    pub status: String,
    pub is_enabled: bool,
    pub date_created: ApiDate,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_typed_form_is_the_documented_one() {
        for kind in crate::plugins::store() {
            for lang in [Lang::En, Lang::Fr] {
                assert_eq!(serde_json::to_value(PlugstoreForm::of(kind, lang)).unwrap(), kind.form(lang));
            }
        }
    }
}
