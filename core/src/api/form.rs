//! Request arguments into a typed request. The API takes a form body, a JSON
//! body or a query string (API.md "Wire format"); the worker flattens all three
//! into `name → text` pairs and this deserializer fills a request type from
//! them, parsing numbers, booleans, enums and JSON-valued arguments from their
//! text. Every error names the argument: a missing one is 419, a bad one 420.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};

use crate::{ApiError, ErrorCode};

/// Arguments by name; a later source (the body) overrides an earlier one (the query).
pub type Args = BTreeMap<String, String>;

/// What is wrong with the arguments, naming the one at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgError {
    Missing(String),
    Bad { field: Option<String>, why: String },
}

impl ArgError {
    pub fn bad(field: &str, why: impl fmt::Display) -> Self {
        Self::Bad { field: Some(field.to_string()), why: why.to_string() }
    }

    /// The argument at fault, when known.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Missing(f) => Some(f),
            Self::Bad { field, .. } => field.as_deref(),
        }
    }

    fn in_field(self, name: &str) -> Self {
        match self {
            Self::Bad { field: None, why } => Self::Bad { field: Some(name.to_string()), why },
            other => other,
        }
    }
}

impl fmt::Display for ArgError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing(name) => write!(f, "missing argument: {name}"),
            Self::Bad { field: Some(name), why } => write!(f, "bad argument: {name}: {why}"),
            Self::Bad { field: None, why } => write!(f, "bad argument: {why}"),
        }
    }
}

impl std::error::Error for ArgError {}

impl de::Error for ArgError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self::Bad { field: None, why: msg.to_string() }
    }

    fn missing_field(field: &'static str) -> Self {
        Self::Missing(field.to_string())
    }
}

impl From<ArgError> for ApiError {
    fn from(e: ArgError) -> Self {
        let code = match e {
            ArgError::Missing(_) => ErrorCode::MissingArgument,
            ArgError::Bad { .. } => ErrorCode::BadArgument,
        };
        ApiError::new(code, e.to_string())
    }
}

/// Fills a request type from its arguments.
pub fn from_args<T: DeserializeOwned>(args: &Args) -> Result<T, ArgError> {
    T::deserialize(ArgsDeserializer { iter: args.iter(), current: None })
}

/// A JSON body as arguments: strings as they are, `null` as empty (which
/// clears a [`super::Patch`] field), numbers and booleans as their text, and
/// objects or arrays as their JSON text (the form's JSON-valued arguments).
pub fn args_from_json(body: &serde_json::Map<String, serde_json::Value>) -> Args {
    // Inserted one by one: `collect` into a BTreeMap would compile a whole sort per call site.
    let mut args = Args::new();
    args.extend(body.iter().map(|(k, v)| {
        let text = match v {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Null => String::new(),
            other => other.to_string(),
        };
        (k.clone(), text)
    }));
    args
}

/// A query string or a form body as arguments (the last of a repeated name wins).
pub fn args_from_form(text: &str) -> Args {
    let mut args = Args::new();
    args.extend(url::form_urlencoded::parse(text.trim().as_bytes()).into_owned());
    args
}

/// The most a request body may hold (files have their own route and limit).
pub const MAX_BODY: usize = 64 * 1024;

/// A request body as arguments: a JSON object or a form. A body that is
/// neither is a 400 saying why; nothing is silently read as empty.
pub fn args_from_body(content_type: &str, body: &[u8]) -> Result<Args, ApiError> {
    let bad = |why: String| ApiError::new(ErrorCode::BadRequest, why);
    if body.len() > MAX_BODY {
        return Err(ApiError::new(ErrorCode::PayloadTooLarge, "the body is larger than 64 KiB"));
    }
    let media = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Args::new());
    }
    let text = std::str::from_utf8(body).map_err(|_| bad("the body is not UTF-8 text".into()))?;
    match media.as_str() {
        "application/json" => match serde_json::from_str::<serde_json::Value>(text) {
            Ok(serde_json::Value::Object(map)) => Ok(args_from_json(&map)),
            Ok(_) => Err(bad("a JSON body must be an object".into())),
            Err(e) => Err(bad(format!("the body is not valid JSON: {e}"))),
        },
        "" | "application/x-www-form-urlencoded" | "text/plain" => Ok(args_from_form(text)),
        other => Err(bad(format!(
            "content-type {other} is not accepted here: send application/x-www-form-urlencoded or application/json"
        ))),
    }
}

struct ArgsDeserializer<'a> {
    iter: std::collections::btree_map::Iter<'a, String, String>,
    current: Option<(&'a str, &'a str)>,
}

impl<'de> de::Deserializer<'de> for ArgsDeserializer<'_> {
    type Error = ArgError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ArgError> {
        visitor.visit_map(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de> MapAccess<'de> for ArgsDeserializer<'_> {
    type Error = ArgError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, ArgError> {
        match self.iter.next() {
            Some((k, v)) => {
                self.current = Some((k, v));
                seed.deserialize(k.as_str().into_deserializer()).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, ArgError> {
        let (name, raw) = self.current.take().ok_or_else(|| de::Error::custom("value without a name"))?;
        seed.deserialize(Text(raw)).map_err(|e| e.in_field(name))
    }
}

/// One argument's text, read as whatever the request type asks for.
pub struct Text<'a>(pub &'a str);

impl Text<'_> {
    fn number<T: std::str::FromStr>(&self, what: &str) -> Result<T, ArgError> {
        self.0.trim().parse().map_err(|_| de::Error::custom(format!("must be {what}")))
    }

    /// Lists, maps and structs inside a form are JSON text.
    fn json(&self) -> Result<serde_json::Value, ArgError> {
        serde_json::from_str(self.0).map_err(|e| de::Error::custom(format!("must be JSON: {e}")))
    }
}

fn json_error(e: serde_json::Error) -> ArgError {
    de::Error::custom(e.to_string())
}

macro_rules! numbers {
    ($($method:ident $visit:ident $ty:ty, $what:literal;)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ArgError> {
            visitor.$visit(self.number::<$ty>($what)?)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Text<'_> {
    type Error = ArgError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ArgError> {
        visitor.visit_str(self.0)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ArgError> {
        match self.0.trim() {
            "true" | "1" | "on" => visitor.visit_bool(true),
            "false" | "0" | "off" => visitor.visit_bool(false),
            _ => Err(de::Error::custom("must be true or false")),
        }
    }

    numbers! {
        deserialize_i8 visit_i8 i8, "an integer";
        deserialize_i16 visit_i16 i16, "an integer";
        deserialize_i32 visit_i32 i32, "an integer";
        deserialize_i64 visit_i64 i64, "an integer";
        deserialize_u8 visit_u8 u8, "a positive integer";
        deserialize_u16 visit_u16 u16, "a positive integer";
        deserialize_u32 visit_u32 u32, "a positive integer";
        deserialize_u64 visit_u64 u64, "a positive integer";
        deserialize_f32 visit_f32 f32, "a number";
        deserialize_f64 visit_f64 f64, "a number";
    }

    /// Given but empty is the same as not given (`?a=` is no `a`); a
    /// [`super::Patch`] field is how a request says "clear it".
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ArgError> {
        if self.0.trim().is_empty() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, ArgError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ArgError> {
        visitor.visit_enum(self.0.trim().into_deserializer())
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ArgError> {
        visitor.visit_unit()
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ArgError> {
        de::Deserializer::deserialize_seq(self.json()?, visitor).map_err(json_error)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ArgError> {
        de::Deserializer::deserialize_map(self.json()?, visitor).map_err(json_error)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ArgError> {
        de::Deserializer::deserialize_struct(self.json()?, name, fields, visitor).map_err(json_error)
    }

    serde::forward_to_deserialize_any! {
        i128 u128 char str string bytes byte_buf unit_struct tuple tuple_struct identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Aes,
        Lrp,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Request {
        name: String,
        count: i64,
        #[serde(default)]
        enabled: Option<bool>,
        #[serde(default)]
        kind: Option<Kind>,
        #[serde(default)]
        ids: Option<Vec<i64>>,
    }

    fn args(pairs: &[(&str, &str)]) -> Args {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn fills_a_request_from_text() {
        let r: Request = from_args(&args(&[
            ("name", " x "),
            ("count", "3"),
            ("enabled", "1"),
            ("kind", "lrp"),
            ("ids", "[1,2]"),
            ("ignored", "?"),
        ]))
        .unwrap();
        assert_eq!(
            r,
            Request { name: " x ".into(), count: 3, enabled: Some(true), kind: Some(Kind::Lrp), ids: Some(vec![1, 2]) }
        );
        let r: Request = from_args(&args(&[("name", "x"), ("count", "3"), ("enabled", "")])).unwrap();
        assert_eq!(r.enabled, None, "empty is not given");
    }

    #[test]
    fn errors_name_the_argument() {
        let e = from_args::<Request>(&args(&[("name", "x")])).unwrap_err();
        assert_eq!(e, ArgError::Missing("count".into()));
        assert_eq!(ApiError::from(e).code, 419);
        for (field, value) in [("count", "three"), ("enabled", "yes"), ("kind", "des"), ("ids", "1,2")] {
            let mut a = args(&[("name", "x"), ("count", "1")]);
            a.insert(field.into(), value.into());
            let e = from_args::<Request>(&a).unwrap_err();
            assert_eq!(e.field(), Some(field), "{e}");
            assert_eq!(ApiError::from(e).code, 420);
        }
    }

    #[test]
    fn bodies_are_a_form_or_a_json_object_or_a_400() {
        let a = args_from_body("application/x-www-form-urlencoded", b"a=1&b=x%20y").unwrap();
        assert_eq!((a["a"].as_str(), a["b"].as_str()), ("1", "x y"));
        let a = args_from_body("application/json; charset=utf-8", br#"{"a":1}"#).unwrap();
        assert_eq!(a["a"], "1");
        assert!(args_from_body("application/json", b"").unwrap().is_empty());
        for (ct, body) in [
            ("application/json", &b"{nope"[..]),
            ("application/json", b"[1]"),
            ("application/x-www-form-urlencoded", b"a=\xff\xfe"),
            ("application/xml", b"<a/>"),
        ] {
            assert_eq!(args_from_body(ct, body).unwrap_err().code, 400, "{ct}");
        }
        assert_eq!(args_from_body("", &vec![b'a'; MAX_BODY + 1]).unwrap_err().code, 413);
    }

    #[test]
    fn json_bodies_flatten_to_the_same_arguments() {
        let body = serde_json::json!({"name": "x", "count": 3, "enabled": true, "ids": [1], "kind": null});
        let a = args_from_json(body.as_object().unwrap());
        let r: Request = from_args(&a).unwrap();
        assert_eq!(r, Request { name: "x".into(), count: 3, enabled: Some(true), kind: None, ids: Some(vec![1]) });
    }
}
