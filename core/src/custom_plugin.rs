//! Plugins that third-party developers publish to the plugstore. No code of
//! theirs runs anywhere: a version declares a form (the fields an owner fills)
//! and what a tap does with them — open a link built from a template, or show
//! a text — and Senzu renders it with the same rules as its own plugins
//! (`plugin_form` checks the owner's data, `plugins::encode` and `http_url`
//! make the link).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::plugins::{encode, http_url, Action, Lang};

/// At most this many fields in a developer's form.
pub const MAX_FIELDS: usize = 8;
const MAX_LABEL: usize = 60;
const MAX_URL: usize = 500;
const MAX_TEXT: usize = 2_000;

/// The inputs a developer's field may use: the first-party forms' own, minus
/// `password` (a developer's plugin holds no secrets: nothing runs to use them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Input {
    Text,
    Tel,
    Email,
    Url,
    Number,
    Textarea,
}

impl Input {
    pub fn as_str(self) -> &'static str {
        match self {
            Input::Text => "text",
            Input::Tel => "tel",
            Input::Email => "email",
            Input::Url => "url",
            Input::Number => "number",
            Input::Textarea => "textarea",
        }
    }
}

/// One field of a developer's form: `name` is its key in the plugin's `data`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomField {
    pub name: String,
    #[serde(rename = "type")]
    pub input: Input,
    #[serde(default)]
    pub required: bool,
    pub label_fr: String,
    pub label_en: String,
}

impl CustomField {
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fr => &self.label_fr,
            Lang::En => &self.label_en,
        }
    }
}

/// What a tap on the tile does. `{field}` in a template is the owner's value
/// of that field: percent-encoded in a link, as typed in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum CustomAction {
    /// An `https://` link whose host is the developer's, fixed in the template.
    Link { url: String },
    /// A text shown on the play.
    Text { text: String },
}

/// A version's form and action (the `form` argument of a version).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomSpec {
    #[serde(default)]
    pub fields: Vec<CustomField>,
    pub action: CustomAction,
}

/// What is wrong with a spec: `field` is the path inside `form` (`fields.1.name`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    pub field: String,
    pub reason: String,
}

impl std::fmt::Display for SpecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "form.{} {}", self.field, self.reason)
    }
}

fn wrong(field: impl Into<String>, reason: impl Into<String>) -> SpecError {
    SpecError { field: field.into(), reason: reason.into() }
}

/// `{name}` placeholders of a template, in order; `Err` on an unclosed brace.
fn placeholders(template: &str) -> Result<Vec<&str>, &'static str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or("has a { without its }")?;
        out.push(&after[..close]);
        rest = &after[close + 1..];
    }
    if rest.contains('}') {
        return Err("has a } without its {");
    }
    Ok(out)
}

fn is_field_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && name.len() <= 32
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

impl CustomSpec {
    /// The checks a version's form passes before it is stored: names that are
    /// keys, labels in both languages, templates that only name its fields,
    /// and a link whose scheme and host no owner value can change.
    pub fn check(&self) -> Result<(), SpecError> {
        if self.fields.len() > MAX_FIELDS {
            return Err(wrong("fields", format!("has more than {MAX_FIELDS} fields")));
        }
        for (i, f) in self.fields.iter().enumerate() {
            if !is_field_name(&f.name) {
                return Err(wrong(
                    format!("fields.{i}.name"),
                    "must be 1 to 32 lower-case letters, digits or _, starting with a letter",
                ));
            }
            if self.fields[..i].iter().any(|g| g.name == f.name) {
                return Err(wrong(format!("fields.{i}.name"), format!("repeats the field {}", f.name)));
            }
            for (label, text) in [("label_fr", &f.label_fr), ("label_en", &f.label_en)] {
                let n = text.trim().chars().count();
                if n == 0 || n > MAX_LABEL {
                    return Err(wrong(format!("fields.{i}.{label}"), format!("must be 1 to {MAX_LABEL} characters")));
                }
            }
        }
        let (key, template, max) = match &self.action {
            CustomAction::Link { url } => ("action.url", url, MAX_URL),
            CustomAction::Text { text } => ("action.text", text, MAX_TEXT),
        };
        if template.trim().is_empty() || template.chars().count() > max {
            return Err(wrong(key, format!("must be 1 to {max} characters")));
        }
        let names = placeholders(template).map_err(|why| wrong(key, why))?;
        if let Some(unknown) = names.iter().find(|n| !self.fields.iter().any(|f| f.name == **n)) {
            return Err(wrong(key, format!("names {{{unknown}}}, which is not a field of the form")));
        }
        if let CustomAction::Link { url } = &self.action {
            let rest = url.strip_prefix("https://").ok_or_else(|| wrong(key, "must start with https://"))?;
            let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
            if host.is_empty() || host.contains(['{', '}', '@', '\\']) || !host.contains('.') {
                return Err(wrong(key, "must name its host itself (no {field} before the first /)"));
            }
            if url.contains(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"')) {
                return Err(wrong(key, "must not contain spaces, quotes or angle brackets"));
            }
        }
        Ok(())
    }

    /// What a tap does with the owner's `data` (already checked against the
    /// form); `None` when a field the template uses is missing.
    pub fn action(&self, data: &Map<String, Value>) -> Option<Action> {
        let value = |name: &str| data.get(name).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty());
        let fill = |template: &str, encoded: bool| -> Option<String> {
            let mut out = String::with_capacity(template.len());
            let mut rest = template;
            while let Some(open) = rest.find('{') {
                out.push_str(&rest[..open]);
                let after = &rest[open + 1..];
                let close = after.find('}')?;
                let name = &after[..close];
                let field = self.fields.iter().find(|f| f.name == name)?;
                match value(name) {
                    Some(v) if encoded => out.push_str(&encode(v)),
                    Some(v) => out.push_str(v),
                    None if field.required => return None,
                    None => {}
                }
                rest = &after[close + 1..];
            }
            out.push_str(rest);
            Some(out)
        };
        match &self.action {
            CustomAction::Link { url } => {
                let href = fill(url, true)?;
                // The same rule as every link on a play: http(s) only.
                http_url(&href).filter(|h| h.starts_with("https://")).map(|href| Action::Link { href })
            }
            CustomAction::Text { text } => Some(Action::Text { text: fill(text, false)? }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str, input: Input, required: bool) -> CustomField {
        CustomField { name: name.into(), input, required, label_fr: "Nom".into(), label_en: "Name".into() }
    }

    fn link(url: &str) -> CustomSpec {
        CustomSpec {
            fields: vec![field("username", Input::Text, true), field("tab", Input::Text, false)],
            action: CustomAction::Link { url: url.into() },
        }
    }

    fn data(pairs: &[(&str, &str)]) -> Map<String, Value> {
        pairs.iter().map(|(k, v)| (k.to_string(), Value::String(v.to_string()))).collect()
    }

    #[test]
    fn a_link_is_built_from_encoded_values_on_the_developers_host() {
        let spec = link("https://music.example/u/{username}?tab={tab}");
        assert_eq!(spec.check(), Ok(()));
        assert_eq!(
            spec.action(&data(&[("username", "ada l/../x"), ("tab", "top")])),
            Some(Action::Link { href: "https://music.example/u/ada%20l%2F..%2Fx?tab=top".into() })
        );
        // An optional value left out is empty; a required one makes no action.
        assert_eq!(
            spec.action(&data(&[("username", "ada")])),
            Some(Action::Link { href: "https://music.example/u/ada?tab=".into() })
        );
        assert_eq!(spec.action(&data(&[("tab", "x")])), None);
    }

    #[test]
    fn the_host_and_scheme_are_the_developers_alone() {
        for (url, why) in [
            ("https://{username}.example/", "host"),
            ("https://{username}/", "host"),
            ("http://music.example/{username}", "https"),
            ("javascript:alert(1)//{username}", "https"),
            ("https://x@evil.example/{username}", "host"),
            ("https://music.example/{nope}", "not a field"),
            ("https://music.example/{username", "without"),
            ("https://music.example/ {username}", "spaces"),
        ] {
            let err = link(url).check().unwrap_err();
            assert_eq!(err.field, "action.url", "{url}");
            assert!(err.reason.contains(why), "{url}: {err}");
        }
    }

    #[test]
    fn fields_are_keys_with_labels_in_both_languages() {
        let mut spec = link("https://music.example/{username}");
        spec.fields[1].name = "Bad Name".into();
        assert_eq!(spec.check().unwrap_err().field, "fields.1.name");
        spec.fields[1].name = "username".into();
        assert!(spec.check().unwrap_err().reason.contains("repeats"));
        spec.fields[1] = CustomField { label_en: " ".into(), ..field("tab", Input::Text, false) };
        assert_eq!(spec.check().unwrap_err().field, "fields.1.label_en");
        spec.fields = (0..=MAX_FIELDS).map(|i| field(&format!("f{i}"), Input::Text, false)).collect();
        assert_eq!(spec.check().unwrap_err().field, "fields");
        // A password input does not exist for developers.
        let parsed: Result<CustomSpec, _> = serde_json::from_str(
            r#"{"fields":[{"name":"pw","type":"password","label_fr":"a","label_en":"a"}],"action":{"type":"text","text":"x"}}"#,
        );
        assert!(parsed.is_err());
    }

    #[test]
    fn a_text_is_filled_as_typed_and_may_have_no_field() {
        let spec = CustomSpec {
            fields: vec![field("motto", Input::Textarea, true)],
            action: CustomAction::Text { text: "Motto: {motto}".into() },
        };
        assert_eq!(spec.check(), Ok(()));
        assert_eq!(
            spec.action(&data(&[("motto", "<b>carpe</b>")])),
            Some(Action::Text { text: "Motto: <b>carpe</b>".into() })
        );
        let fixed = CustomSpec { fields: vec![], action: CustomAction::Text { text: "Open 9–17".into() } };
        assert_eq!(fixed.check(), Ok(()));
        assert_eq!(fixed.action(&Map::new()), Some(Action::Text { text: "Open 9–17".into() }));
    }
}
