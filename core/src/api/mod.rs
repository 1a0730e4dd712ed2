//! The API contract: one module per resource with its request types
//! (`Deserialize`, filled by [`form::from_args`] from a form, JSON or query)
//! and its response types (`Serialize`, in the documented shapes). The worker
//! answers with these types and the app reads them back, so the wire format
//! lives in one place. [`routes`] is the one route table both follow.

pub mod applications;
pub mod apps;
pub mod attached_groups;
pub mod auth;
pub mod batches;
pub mod contacts;
pub mod developers;
pub mod encoding;
pub mod files;
pub mod finder_messages;
pub mod folders;
pub mod form;
pub mod groups;
pub mod insights;
pub mod list;
pub mod mails;
pub mod makers;
#[cfg(feature = "openapi")]
pub mod openapi;
pub mod plays;
pub mod plugins;
pub mod plugstores;
pub mod procedures;
pub mod products;
pub mod routes;
pub mod shares;
pub mod sharing;
pub mod shop;
pub mod user;

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

pub use crate::wire::ApiDate;

/// A documented list: an object keyed `"0"`, `"1"`, … in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyed<T>(pub Vec<T>);

impl<T> Default for Keyed<T> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<T> FromIterator<T> for Keyed<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

impl<T> IntoIterator for Keyed<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<T: Serialize> Serialize for Keyed<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (i, item) in self.0.iter().enumerate() {
            map.serialize_entry(&i.to_string(), item)?;
        }
        map.end()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Keyed<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyedVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for KeyedVisitor<T> {
            type Value = Keyed<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object keyed \"0\", \"1\", …")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Keyed<T>, A::Error> {
                let (mut keys, mut items) = (Vec::new(), Vec::new());
                while let Some((key, value)) = map.next_entry::<String, T>()? {
                    keys.push(key.parse::<usize>().map_err(|_| de::Error::custom(format!("list key {key:?}")))?);
                    items.push(value);
                }
                Ok(Keyed(match key_order(&keys) {
                    Some(order) => pick(items, order),
                    None => items,
                }))
            }
        }
        d.deserialize_map(KeyedVisitor(PhantomData))
    }
}

/// The positions of `keys` in key order, or `None` when they already are in
/// order (as every answer writes them). Not generic, so the sort is compiled
/// once rather than once per list type.
fn key_order(keys: &[usize]) -> Option<Vec<usize>> {
    if keys.is_sorted() {
        return None;
    }
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by_key(|&at| keys[at]);
    Some(order)
}

/// The items at `positions`, in that order (each position at most once).
pub(crate) fn pick<T>(items: Vec<T>, positions: Vec<usize>) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    positions.into_iter().filter_map(|at| slots.get_mut(at).and_then(Option::take)).collect()
}

/// A field of an update: not given (keep it), given empty or `null` (clear
/// it), or given a value (set it). Declare it `#[serde(default, skip_serializing_if = "Patch::is_keep")]`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Patch<T> {
    #[default]
    Keep,
    Clear,
    Set(T),
}

impl<T> Patch<T> {
    pub fn is_keep(&self) -> bool {
        matches!(self, Self::Keep)
    }

    /// `None` to keep, `Some(None)` to clear, `Some(Some(v))` to set.
    pub fn change(self) -> Option<Option<T>> {
        match self {
            Self::Keep => None,
            Self::Clear => Some(None),
            Self::Set(v) => Some(Some(v)),
        }
    }

    pub fn as_ref(&self) -> Patch<&T> {
        match self {
            Self::Keep => Patch::Keep,
            Self::Clear => Patch::Clear,
            Self::Set(v) => Patch::Set(v),
        }
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Patch<U> {
        match self {
            Self::Keep => Patch::Keep,
            Self::Clear => Patch::Clear,
            Self::Set(v) => Patch::Set(f(v)),
        }
    }
}

impl<T> From<Option<T>> for Patch<T> {
    /// What a form gives: a value sets it, nothing clears it.
    fn from(v: Option<T>) -> Self {
        v.map_or(Self::Clear, Self::Set)
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Set(v) => v.serialize(s),
            Self::Keep | Self::Clear => s.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    /// Present: `Option<T>` reads empty or `null` as `None` (clear).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(d).map(Patch::from)
    }
}

/// Text a person typed: trimmed, not empty, at most `MAX` characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Name<const MAX: usize>(String);

impl<const MAX: usize> Name<MAX> {
    pub fn new(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err("must not be empty".into());
        }
        if text.chars().count() > MAX {
            return Err(format!("longer than {MAX} characters"));
        }
        Ok(Self(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

impl<'de, const MAX: usize> Deserialize<'de> for Name<MAX> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Self::new(&text).map_err(de::Error::custom)
    }
}

impl<const MAX: usize> fmt::Display for Name<MAX> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A database id: a positive integer.
pub type Id = i64;

/// The answer of a delete: `{"id": 4, "deleted": true}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Deleted {
    pub id: Id,
    pub deleted: bool,
}

impl Deleted {
    pub fn of(id: Id) -> Self {
        Self { id, deleted: true }
    }
}

/// The answer of a revocation (a token, a session, an invitation): `{"id": 4, "revoked": true}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Revoked {
    pub id: Id,
    pub revoked: bool,
}

/// Who shared something with the caller (`issuer` in lists and objects).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Issuer {
    pub id: Option<Id>,
    pub firstname: Option<String>,
    pub lastname: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::form::{from_args, Args};
    use super::*;

    #[test]
    fn keyed_lists_round_trip_in_order() {
        let list = Keyed(vec!["a", "b", "c"]);
        let json = serde_json::to_string(&list).unwrap();
        assert_eq!(json, r#"{"0":"a","1":"b","2":"c"}"#);
        let back: Keyed<String> = serde_json::from_str(r#"{"1":"b","0":"a","10":"k","2":"c"}"#).unwrap();
        assert_eq!(back.0, ["a", "b", "c", "k"]);
        assert!(serde_json::from_str::<Keyed<i64>>(r#"{"x":1}"#).is_err());
    }

    #[derive(Debug, Deserialize, Serialize, PartialEq)]
    struct Update {
        #[serde(default, skip_serializing_if = "Patch::is_keep")]
        id_application: Patch<i64>,
        #[serde(default)]
        alias_name: Option<Name<5>>,
    }

    #[test]
    fn patches_keep_clear_or_set_from_a_form_and_json() {
        let form = |pairs: &[(&str, &str)]| -> Result<Update, form::ArgError> {
            from_args(&pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Args>())
        };
        assert_eq!(form(&[]).unwrap().id_application, Patch::Keep);
        assert_eq!(form(&[("id_application", "")]).unwrap().id_application, Patch::Clear);
        assert_eq!(form(&[("id_application", "7")]).unwrap().id_application, Patch::Set(7));
        assert_eq!(form(&[("alias_name", "  ab ")]).unwrap().alias_name.unwrap().as_str(), "ab");
        assert_eq!(form(&[("alias_name", "abcdef")]).unwrap_err().field(), Some("alias_name"));
        let json: Update = serde_json::from_str(r#"{"id_application":null}"#).unwrap();
        assert_eq!(json.id_application, Patch::Clear);
        let keep = Update { id_application: Patch::Keep, alias_name: None };
        assert_eq!(serde_json::to_string(&keep).unwrap(), r#"{"alias_name":null}"#);
    }
}
