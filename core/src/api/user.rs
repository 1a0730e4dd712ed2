//! The signed-in user: `/v1/user`, its logs and tokens, `/v1/addresses`.

use serde::{Deserialize, Serialize};

use super::{ApiDate, Id, Name, Patch};
use crate::auth::Role;

/// `GET /v1/user` (and the answer of `POST /v1/user`): only the fields asked
/// for with `returns=`/`fields=` (or every field the caller's roles reveal)
/// are present. A nullable field not asked for is absent ([`Patch::Keep`]);
/// one asked for and empty is `null`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct User {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Id>,
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    pub username: Patch<String>,
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    pub firstname: Patch<String>,
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    pub lastname: Patch<String>,
    /// `male`, `female` or `non-binary`.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    pub gender: Patch<String>,
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    pub country: Patch<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// 1 when the account is activated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<i64>,
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    pub profile_picture: Patch<String>,
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    pub currency: Patch<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<Role>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    pub birthdate: Patch<ApiDate>,
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    pub phone: Patch<String>,
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    pub phone_mobile: Patch<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<ApiDate>,
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    pub date_updated: Patch<ApiDate>,
}

/// The fields of [`User`] and the role that reveals each (in the order `GET /v1/user` lists them).
pub const USER_FIELDS: [(&str, Role); 17] = [
    ("id", Role::Basic),
    ("username", Role::Basic),
    ("firstname", Role::Basic),
    ("lastname", Role::Basic),
    ("gender", Role::Basic),
    ("country", Role::Basic),
    ("lang", Role::Basic),
    ("status", Role::Basic),
    ("profile_picture", Role::Basic),
    ("currency", Role::Basic),
    ("roles", Role::Basic),
    ("email", Role::UserMail),
    ("birthdate", Role::UserBirthdate),
    ("phone", Role::UserPhone),
    ("phone_mobile", Role::UserPhone),
    ("balance", Role::UserFinancial),
    ("date_created", Role::Basic),
];

/// The fields `POST /v1/user` answers with.
pub const UPDATED_FIELDS: [&str; 10] = [
    "id",
    "username",
    "firstname",
    "lastname",
    "gender",
    "birthdate",
    "lang",
    "country",
    "date_created",
    "date_updated",
];

/// `GET /v1/user?returns=…`: which fields to answer with (comma-separated).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returns: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<String>,
}

impl UserQuery {
    /// The named fields, `None` for "every field the caller may see".
    pub fn wanted(&self) -> Option<Vec<&str>> {
        let list = self.returns.as_deref().or(self.fields.as_deref()).filter(|l| !l.trim().is_empty())?;
        Some(list.split(',').map(str::trim).filter(|f| !f.is_empty()).collect())
    }
}

/// `POST /v1/user` (manage_basic): the fields to change; the others stay.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateUser {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<Name<64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub firstname: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lastname: Option<Name<100>>,
    /// 1 male, 2 female, 3 non-binary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    /// Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birthdate: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<Name<2>>,
    /// `fr` or `en`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// One API call made on the account (`GET /v1/user/logs`, `GET /v1/user/logs/{id}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CallLog {
    pub id: Id,
    pub id_api_app: Option<Id>,
    pub method: String,
    pub route: String,
    pub parameters: String,
    pub status: i64,
    pub date_created: ApiDate,
}

/// One live token of the account (`GET /v1/user/tokens`); never its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserToken {
    pub id: Id,
    /// `session`, `user` or `app`.
    pub kind: String,
    pub id_api_app: Id,
    /// The app's display name.
    pub app: String,
    /// The granted roles, comma-separated.
    pub roles: String,
    pub is_current: bool,
    pub date_created: ApiDate,
    pub date_expired: Option<ApiDate>,
}

/// The owner of an address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddressUser {
    pub id: Id,
}

/// One address (`GET /v1/addresses/{id}` and every change).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Address {
    pub id: Id,
    pub user: AddressUser,
    pub company: Option<Id>,
    pub alias: String,
    pub firstname: String,
    pub lastname: String,
    pub street: String,
    pub additional: Option<String>,
    pub country_code: String,
    pub city: String,
    pub zipcode: String,
    pub state: String,
    pub phone: Option<String>,
    pub phone_mobile: Option<String>,
    pub vat_number: Option<String>,
    pub is_selected: Option<bool>,
    pub status: bool,
    pub date_created: ApiDate,
    pub date_updated: Option<ApiDate>,
}

/// `POST /v1/addresses` (all the required fields) and `POST /v1/addresses/{id}`
/// (an update: a field not given keeps the old address's value; the update
/// makes a new address and retires the old one, as documented).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SaveAddress {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub firstname: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lastname: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street: Option<Name<200>>,
    /// Two letters (ISO 3166-1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<Name<2>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zipcode: Option<Name<20>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional: Option<Name<200>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<Name<32>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_mobile: Option<Name<32>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_number: Option<Name<32>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_company: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_selected: Option<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::form::{from_args, Args};

    #[test]
    fn roles_travel_as_their_aliases() {
        for role in Role::ALL {
            assert_eq!(serde_json::to_value(role).unwrap(), role.alias(), "{role:?}");
        }
    }

    #[test]
    fn a_user_has_only_the_fields_asked_for_and_null_for_empty_ones() {
        let user = User { id: Some(4), username: Patch::Clear, firstname: Patch::Set("Ada".into()), ..User::default() };
        assert_eq!(serde_json::to_string(&user).unwrap(), r#"{"id":4,"username":null,"firstname":"Ada"}"#);
        let back: User = serde_json::from_str(r#"{"id":4,"username":null,"firstname":"Ada"}"#).unwrap();
        assert_eq!(back, user);
    }

    #[test]
    fn an_address_from_a_form_names_its_bad_field() {
        let args =
            |pairs: &[(&str, &str)]| -> Args { pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect() };
        let given: SaveAddress =
            from_args(&args(&[("alias", " Home "), ("id_company", ""), ("is_selected", "1")])).unwrap();
        assert_eq!(given.alias.unwrap().as_str(), "Home");
        assert_eq!((given.id_company, given.is_selected), (None, Some(true)));
        let long = "x".repeat(21);
        let e = from_args::<SaveAddress>(&args(&[("zipcode", long.as_str())])).unwrap_err();
        assert_eq!(e.field(), Some("zipcode"));
        let e = from_args::<SaveAddress>(&args(&[("id_company", "acme")])).unwrap_err();
        assert_eq!(e.to_string(), "bad argument: id_company: must be an integer");
    }
}
