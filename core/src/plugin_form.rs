//! Checking a plugin's `data` against its plugstore form before it is saved:
//! required fields present, each value of its field's type, nothing unknown.
//! Errors name the field so the API answers 419/420 with it and the
//! dashboard shows the message next to the input.

use serde_json::{Map, Value};

use crate::custom_plugin::CustomField;
use crate::i18n::errors::ErrorWords;
use crate::i18n::plugin_forms::PluginFormWords;
use crate::i18n::{fill, number};
use crate::plugins::{http_url, phone, Field, Kind, Lang};

/// The longest value a field takes (a note's text gets more room).
const MAX_VALUE: usize = 500;
const MAX_TEXT: usize = 4_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormError {
    /// `data` is not a JSON object.
    NotAnObject,
    /// A required field is missing or blank (API code 419).
    Missing { field: String },
    /// A value of the wrong type or shape (API code 420).
    Bad { field: String, reason: Problem },
}

/// What is wrong with a value: its [`Display`](std::fmt::Display) is the
/// API's wording (after `data.{field} `), [`FormError::sentence`] the one
/// people read next to the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The name is none of the form's `fields`.
    NotAField {
        fields: Vec<String>,
    },
    NotAString,
    /// Longer than `max` characters.
    TooLong {
        max: usize,
    },
    Phone,
    Email,
    Url,
    WholeNumber,
    /// A `select`'s value outside its `options`.
    OneOf {
        options: Vec<String>,
    },
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::NotAField { fields } => {
                write!(f, "is not a field of this plugin (fields: {})", fields.join(", "))
            }
            Problem::NotAString => f.write_str("must be a string"),
            Problem::TooLong { max } => write!(f, "is longer than {max} characters"),
            Problem::Phone => f.write_str("must be a phone number (digits, spaces, a leading +)"),
            Problem::Email => f.write_str("must be an e-mail address"),
            Problem::Url => f.write_str("must be an http(s) web address"),
            Problem::WholeNumber => f.write_str("must be a whole number"),
            Problem::OneOf { options } => write!(f, "must be one of {}", options.join(", ")),
        }
    }
}

impl std::fmt::Display for FormError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FormError::NotAnObject => f.write_str("data must be a JSON object of the plugin's form fields"),
            FormError::Missing { field } => write!(f, "data.{field} is required"),
            FormError::Bad { field, reason } => write!(f, "data.{field} {reason}"),
        }
    }
}

impl FormError {
    /// The form field it concerns (`data.phone_number`), for the UI.
    pub fn field(&self) -> Option<String> {
        match self {
            FormError::NotAnObject => None,
            FormError::Missing { field } => Some(field.clone()),
            FormError::Bad { field, .. } => Some(field.clone()),
        }
    }

    /// What people read next to the field, in `lang` (the Display is the API's wording).
    pub fn sentence(&self, lang: Lang) -> String {
        let w = PluginFormWords::of(lang);
        match self {
            FormError::NotAnObject => w.not_an_object.to_string(),
            // The same word as any other form's required field.
            FormError::Missing { .. } => ErrorWords::of(lang).field_required.to_string(),
            FormError::Bad { reason, .. } => match reason {
                Problem::NotAField { fields } => fill(w.not_a_field, &[("fields", &fields.join(", "))]),
                Problem::NotAString => w.not_text.to_string(),
                Problem::TooLong { max } => {
                    let max = i64::try_from(*max).unwrap_or(i64::MAX);
                    fill(w.too_long, &[("max", &number(max, lang))])
                }
                Problem::Phone => w.phone.to_string(),
                Problem::Email => w.email.to_string(),
                Problem::Url => w.url.to_string(),
                Problem::WholeNumber => w.whole_number.to_string(),
                Problem::OneOf { options } => fill(w.one_of, &[("options", &options.join(", "))]),
            },
        }
    }
}

/// One field as the check reads it: first-party ([`Field`]) or a developer's ([`CustomField`]).
pub trait FormRule {
    fn name(&self) -> &str;
    fn input(&self) -> &str;
    fn required(&self) -> bool;
    /// A `select`'s values (none for other inputs).
    fn options(&self) -> Vec<&str> {
        Vec::new()
    }
}

impl FormRule for Field {
    fn name(&self) -> &str {
        self.name
    }
    fn options(&self) -> Vec<&str> {
        self.options.iter().map(|(v, _, _)| *v).collect()
    }
    fn input(&self) -> &str {
        self.input
    }
    fn required(&self) -> bool {
        self.required
    }
}

impl FormRule for CustomField {
    fn name(&self) -> &str {
        &self.name
    }
    fn input(&self) -> &str {
        self.input.as_str()
    }
    fn required(&self) -> bool {
        self.required
    }
}

impl FormRule for crate::api::plugstores::FormField {
    fn name(&self) -> &str {
        &self.attributes.name
    }
    fn input(&self) -> &str {
        &self.attributes.input
    }
    fn required(&self) -> bool {
        self.attributes.required
    }
    fn options(&self) -> Vec<&str> {
        self.attributes.options.iter().map(|o| o.value.as_str()).collect()
    }
}

/// The cleaned data (values trimmed, blanks dropped), or the first problem.
pub fn validate(kind: Kind, data: &Value) -> Result<Map<String, Value>, FormError> {
    validate_fields(kind.fields(), data)
}

/// [`validate`] against any form: the one rule set for first-party and developers' plugins.
pub fn validate_fields<F: FormRule>(fields: &[F], data: &Value) -> Result<Map<String, Value>, FormError> {
    let object = data.as_object().ok_or(FormError::NotAnObject)?;
    if let Some(unknown) = object.keys().find(|k| !fields.iter().any(|f| f.name() == k.as_str())) {
        let fields = fields.iter().map(|f| f.name().to_string()).collect();
        return Err(FormError::Bad { field: unknown.clone(), reason: Problem::NotAField { fields } });
    }
    let mut clean = Map::new();
    for field in fields {
        let value = match object.get(field.name()) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.trim()),
            Some(_) => {
                return Err(FormError::Bad { field: field.name().into(), reason: Problem::NotAString });
            }
        }
        .filter(|s| !s.is_empty());
        let Some(value) = value else {
            if field.required() {
                return Err(FormError::Missing { field: field.name().into() });
            }
            continue;
        };
        let bad = |reason: Problem| FormError::Bad { field: field.name().into(), reason };
        let max = if field.input() == "textarea" { MAX_TEXT } else { MAX_VALUE };
        if value.chars().count() > max {
            return Err(bad(Problem::TooLong { max }));
        }
        match field.input() {
            "tel" if phone(value).is_none() => return Err(bad(Problem::Phone)),
            "email" if !looks_like_email(value) => return Err(bad(Problem::Email)),
            "url" if http_url(value).is_none() => return Err(bad(Problem::Url)),
            "number" if !value.bytes().all(|b| b.is_ascii_digit()) => return Err(bad(Problem::WholeNumber)),
            "select" => {
                // Stored as the choice's own spelling, whatever the case it came in.
                let options = field.options();
                let Some(choice) = options.iter().find(|o| o.eq_ignore_ascii_case(value)) else {
                    let options = options.iter().map(|o| o.to_string()).collect();
                    return Err(bad(Problem::OneOf { options }));
                };
                clean.insert(field.name().into(), Value::String(choice.to_string()));
                continue;
            }
            _ => {}
        }
        clean.insert(field.name().into(), Value::String(value.to_string()));
    }
    Ok(clean)
}

fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.contains(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '?' | '&' | ',' | ';'))
        && !domain.contains('@')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn accepts_and_cleans_good_data() {
        let clean = validate(Kind::Sms, &json!({"phone_number": " +33 6 12 34 56 78 ", "message": ""})).unwrap();
        assert_eq!(Value::Object(clean), json!({"phone_number": "+33 6 12 34 56 78"}));
        assert!(validate(Kind::Vcard, &json!({"firstname": "Ada", "lastname": "Lovelace", "email": "ada@senzu.app"}))
            .is_ok());
        assert!(validate(Kind::Website, &json!({"url": "senzu.app/ada"})).is_ok());
    }

    #[test]
    fn names_the_field_that_is_wrong() {
        assert_eq!(validate(Kind::Phone, &json!({})), Err(FormError::Missing { field: "phone_number".into() }));
        assert_eq!(
            validate(Kind::Phone, &json!({"phone_number": "  "})),
            Err(FormError::Missing { field: "phone_number".into() })
        );
        let err = validate(Kind::Phone, &json!({"phone_number": "call me"})).unwrap_err();
        assert_eq!(err.field().as_deref(), Some("phone_number"));
        let err = validate(Kind::Email, &json!({"email": "not-an-address"})).unwrap_err();
        assert_eq!(err.field().as_deref(), Some("email"));
        let err = validate(Kind::Website, &json!({"url": "javascript:alert(1)"})).unwrap_err();
        assert_eq!(err.field().as_deref(), Some("url"));
        let err = validate(Kind::Text, &json!({"text": 42})).unwrap_err();
        assert_eq!(err.to_string(), "data.text must be a string");
        let err = validate(Kind::Phone, &json!({"phone_number": "0700000000", "colour": "red"})).unwrap_err();
        assert_eq!(err.field().as_deref(), Some("colour"));
        assert_eq!(validate(Kind::Phone, &json!(["0700000000"])), Err(FormError::NotAnObject));
        let long = "x".repeat(501);
        assert!(validate(Kind::Linkedin, &json!({"username": long})).is_err());
        assert!(validate(Kind::Text, &json!({"text": long})).is_ok());
    }

    #[test]
    fn the_api_wording_stays_and_people_read_a_sentence_in_their_language() {
        let cases = [
            (validate(Kind::Phone, &json!(["0700000000"])), "data must be a JSON object of the plugin's form fields"),
            (validate(Kind::Phone, &json!({})), "data.phone_number is required"),
            (
                validate(Kind::Phone, &json!({"phone_number": "0700000000", "colour": "red"})),
                "data.colour is not a field of this plugin (fields: phone_number)",
            ),
            (validate(Kind::Text, &json!({"text": 42})), "data.text must be a string"),
            (
                validate(Kind::Linkedin, &json!({"username": "x".repeat(501)})),
                "data.username is longer than 500 characters",
            ),
            (validate(Kind::Text, &json!({"text": "x".repeat(4_001)})), "data.text is longer than 4000 characters"),
            (
                validate(Kind::Phone, &json!({"phone_number": "call me"})),
                "data.phone_number must be a phone number (digits, spaces, a leading +)",
            ),
            (validate(Kind::Email, &json!({"email": "not-an-address"})), "data.email must be an e-mail address"),
            (
                validate(Kind::Website, &json!({"url": "javascript:alert(1)"})),
                "data.url must be an http(s) web address",
            ),
            (
                validate(
                    Kind::EduzzProduct,
                    &json!({"content_id": "12a", "email": "a@b.fr", "publickey": "pk", "apikey": "ak"}),
                ),
                "data.content_id must be a whole number",
            ),
            (
                validate(Kind::Wifi, &json!({"ssid": "Home", "security": "WPA9"})),
                "data.security must be one of WPA, WEP, nopass",
            ),
        ];
        for (result, api) in cases {
            let err = result.unwrap_err();
            assert_eq!(err.to_string(), api);
            let (en, fr) = (err.sentence(Lang::En), err.sentence(Lang::Fr));
            assert!(!en.is_empty() && !en.contains("data.") && !en.contains('{'), "{en}");
            assert!(!fr.is_empty() && !fr.contains("data.") && !fr.contains('{') && fr != en, "{fr}");
        }
        let sentence = |data: Value, lang| validate(Kind::Phone, &data).unwrap_err().sentence(lang);
        assert_eq!(sentence(json!({}), Lang::Fr), "Obligatoire.");
        assert_eq!(sentence(json!({}), Lang::En), "Required.");
        assert_eq!(
            sentence(json!({"phone_number": "call me"}), Lang::Fr),
            "Saisissez un numéro de téléphone : chiffres, espaces et un + au début."
        );
        assert_eq!(
            sentence(json!({"phone_number": "call me"}), Lang::En),
            "Enter a phone number: digits, spaces and a leading +."
        );
        let long = validate(Kind::Text, &json!({"text": "x".repeat(4_001)})).unwrap_err();
        assert_eq!(long.sentence(Lang::Fr), "4\u{202f}000 caractères au maximum.");
        assert_eq!(long.sentence(Lang::En), "Keep it to 4,000 characters or fewer.");
        let choice = validate(Kind::Wifi, &json!({"ssid": "Home", "security": "WPA9"})).unwrap_err();
        assert_eq!(choice.sentence(Lang::Fr), "Choisissez parmi : WPA, WEP, nopass.");
    }

    #[test]
    fn a_choice_is_one_of_its_options() {
        let ok = validate(Kind::Wifi, &json!({"ssid": "Home", "security": "wep"})).unwrap();
        assert_eq!(ok["security"], "WEP");
        let err = validate(Kind::Wifi, &json!({"ssid": "Home", "security": "WPA9"})).unwrap_err();
        assert_eq!(err.to_string(), "data.security must be one of WPA, WEP, nopass");
        // The served form says the same.
        let form = crate::api::plugstores::PlugstoreForm::of(Kind::Wifi, crate::plugins::Lang::En);
        let security = form.fields.iter().find(|f| f.attributes.name == "security").unwrap();
        assert_eq!(security.attributes.input, "select");
        assert_eq!(security.attributes.options[2].label, "None (open network)");
        assert!(validate_fields(&form.fields, &json!({"ssid": "Home", "security": "nopass"})).is_ok());
    }

    #[test]
    fn partner_forms_take_credentials_as_fields() {
        let data = json!({"content_id": "123456", "email": "a@b.fr", "publickey": "pk", "apikey": "ak"});
        assert!(validate(Kind::EduzzProduct, &data).is_ok());
        let err = validate(
            Kind::EduzzProduct,
            &json!({"content_id": "12a", "email": "a@b.fr", "publickey": "pk", "apikey": "ak"}),
        )
        .unwrap_err();
        assert_eq!(err.field().as_deref(), Some("content_id"));
        assert_eq!(
            validate(Kind::SengerioQuote, &json!({})),
            Err(FormError::Missing { field: "private_token".into() })
        );
        // Where credentials go is not plugin data (issue 11, finding 3): an address is refused by name.
        for kind in crate::plugins::PARTNER_KINDS {
            let mut data: Map<String, Value> = kind
                .fields()
                .iter()
                .filter(|f| f.required)
                .map(|f| (f.name.to_string(), Value::String(if f.input == "number" { "1" } else { "a@b.fr" }.into())))
                .collect();
            data.insert("base_url".into(), Value::String("https://evil.example".into()));
            let err = validate(kind, &Value::Object(data)).unwrap_err();
            assert_eq!(err.field().as_deref(), Some("base_url"), "{kind:?}");
            assert!(err.to_string().contains("is not a field of this plugin"), "{err}");
        }
        let form = Kind::EduzzProduct.form(crate::plugins::Lang::En);
        let secret: Vec<&str> = form["fields"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["attributes"]["secret"] == true)
            .map(|f| f["attributes"]["name"].as_str().unwrap())
            .collect();
        assert_eq!(secret, ["email", "publickey", "apikey"]);
    }

    #[test]
    fn every_kind_accepts_its_own_required_fields() {
        for kind in crate::plugins::ALL_KINDS {
            let data: Map<String, Value> = kind
                .fields()
                .iter()
                .filter(|f| f.required)
                .map(|f| {
                    let v = match f.input {
                        "tel" => "+33 6 00 00 00 00",
                        "email" => "a@b.fr",
                        "url" => "https://senzu.app",
                        _ => "value",
                    };
                    (f.name.to_string(), Value::String(v.into()))
                })
                .collect();
            assert!(validate(kind, &Value::Object(data.clone())).is_ok(), "{kind:?}");
            // …and the play can act on what was accepted.
            assert!(kind.action(&data, "n").is_some(), "{kind:?}");
        }
    }
}
