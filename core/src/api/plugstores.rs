//! The first-party plugstore (read side): `/v1/plugstores`.

use serde::{Deserialize, Serialize};

use crate::api::list::{ListSpec, Listed, SortKey, MAX_LIMIT};

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

/// One entry of the plugstore; ids are the kinds' positions (1-based).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlugstoreEntry {
    pub id: i64,
    /// The kind's id.
    pub name: String,
    pub display_name: String,
    pub category: String,
    pub icon: StoreIcon,
    pub developer_name: String,
    pub status: String,
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
            developer_name: "Senzu Edition".into(),
            status: "publish".into(),
        }
    }
}

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
                    },
                    label: if lang == Lang::Fr { f.label_fr } else { f.label_en }.to_string(),
                    placeholder: None,
                })
                .collect(),
        }
    }
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
