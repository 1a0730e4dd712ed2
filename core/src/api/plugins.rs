//! An application's plugins: `/v1/applications/{id}/plugins`, `/v1/plugins/{id}`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{ApiDate, Id, Name, Patch};
use crate::api::list::Listed;
use crate::schedule::Schedule;

/// `POST /v1/applications/{id}/plugins`: `data` is checked against the plugstore
/// entry's form (419/420 name `data.{field}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatePlugin {
    pub id_plugstore: Id,
    /// The tile's name; the plugstore entry's by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Name<60>>,
    pub data: Map<String, Value>,
    /// A schedule ([`Schedule`] as JSON); empty or `null` for none.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    pub filters: Patch<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_locked: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort_order: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_enabled: Option<bool>,
}

/// `POST /v1/plugins/{id}`: at least one field. Stored credentials count as
/// given in `data` (write-only: an update need not send them again).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdatePlugin {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Name<60>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Map<String, Value>>,
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    pub filters: Patch<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_locked: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort_order: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_enabled: Option<bool>,
}

impl UpdatePlugin {
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.data.is_none()
            && self.filters.is_keep()
            && self.password.is_none()
            && self.is_locked.is_none()
            && self.sort_order.is_none()
            && self.is_enabled.is_none()
    }
}

/// `POST /v1/applications/{id}/plugins/order`: every plugin id, in the new order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReorderPlugins {
    pub items: Vec<Id>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PluginUser {
    pub id: Option<Id>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Named {
    pub id: Id,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PluginIcon {
    pub id: Id,
    pub editable: bool,
}

/// One plugin, as every plugin route returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Plugin {
    /// Partner plugins: which write-only credentials are set (never their values).
    pub credentials: Option<BTreeMap<String, bool>>,
    pub id: Id,
    pub id_parent: Option<Id>,
    /// Who added it.
    pub user: PluginUser,
    pub application: Named,
    pub plugstore: Named,
    pub id_plugstore: Id,
    /// The plugstore kind's id (`phone`, `instagram`, …).
    pub kind: String,
    pub icon: PluginIcon,
    pub name: String,
    pub plugin_exec: String,
    /// Never returned (always `null`).
    pub password: Option<String>,
    pub data: Map<String, Value>,
    pub filters: Option<Schedule>,
    pub status: bool,
    pub sort_order: Option<i64>,
    pub is_locked: bool,
    pub is_enabled: bool,
    pub date_created: ApiDate,
    pub date_updated: Option<ApiDate>,
}

impl Listed for Plugin {
    fn id(&self) -> i64 {
        self.id
    }
    fn status(&self) -> Option<bool> {
        Some(self.is_enabled)
    }
}

/// `POST /v1/plugins/{id}/test`: whether the partner accepts the stored credentials.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConnectionTest {
    pub ok: bool,
    pub message: String,
}

/// A plugin form's text fields as `data`, blank ones left out (a stored
/// credential left blank stays as it is).
pub fn form_data(values: &BTreeMap<String, String>) -> Map<String, Value> {
    values.iter().filter(|(_, v)| !v.trim().is_empty()).map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect()
}

/// Stored `data` as a form's text fields.
pub fn form_values(data: &Map<String, Value>) -> BTreeMap<String, String> {
    data.iter().map(|(k, v)| (k.clone(), v.as_str().map_or_else(|| v.to_string(), str::to_string))).collect()
}

/// The worker's check of a form, before sending it: `fields` are the form's
/// (first-party or a developer's: the same rules), `stored` names the
/// write-only fields already set, which count as given.
pub fn check_form<F: crate::plugin_form::FormRule>(
    fields: &[F],
    values: &BTreeMap<String, String>,
    stored: impl Fn(&str) -> bool,
) -> Result<(), crate::plugin_form::FormError> {
    let mut data = form_data(values);
    for f in fields.iter().filter(|f| f.input() == "password" && stored(f.name())) {
        data.entry(f.name().to_string()).or_insert_with(|| Value::String("stored".into()));
    }
    crate::plugin_form::validate_fields(fields, &Value::Object(data)).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plugins::Kind;

    #[test]
    fn a_form_checks_as_the_worker_does_with_stored_credentials_counting() {
        let values: BTreeMap<String, String> =
            [("phone_number".to_string(), "call me maybe".to_string()), ("blank".to_string(), " ".to_string())].into();
        assert!(!form_data(&values).contains_key("blank"));
        let e = check_form(Kind::Phone.fields(), &values, |_| false).unwrap_err();
        assert_eq!(e.field().as_deref(), Some("phone_number"));
        let ok: BTreeMap<String, String> = [("phone_number".to_string(), "+33 6 11 22 33 44".to_string())].into();
        assert!(check_form(Kind::Phone.fields(), &ok, |_| false).is_ok());
        assert_eq!(form_values(&form_data(&ok)), ok);
    }
}
