//! Eduzz (MyEduzz API 2.4): the documented envelope, its error codes in
//! words an owner understands, the JWT's validity, and the two plugins'
//! content. No I/O here: the worker's connector does the calls.
//!
//! Every answer is `{"success": bool, "data": …, "code": "#00xx", "details": …,
//! "profile": {"token": …, "token_valid_until": "YYYY-MM-DD HH:MM:SS"}}`.
//! `POST /credential/generate_token` (form: email, publickey, apikey) gives a
//! JWT valid 15 minutes, sent back in the `token` header.

use serde::Deserialize;
use serde_json::Value;

pub const DEFAULT_BASE_URL: &str = "https://api2.eduzz.com";
pub const TOKEN_PATH: &str = "/credential/generate_token";
pub const BEST_SELLERS_PATH: &str = "/showcase/get_best_sellers";

pub fn content_path(id: u64) -> String {
    format!("/content/content/{id}")
}

/// The documented envelope (fields beyond these are ignored).
#[derive(Debug, Clone, Deserialize)]
pub struct Envelope {
    pub success: bool,
    #[serde(default)]
    pub data: Value,
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub details: Option<String>,
    #[serde(default)]
    pub profile: Option<Profile>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Profile {
    #[serde(default)]
    pub token: Option<String>,
    #[serde(default)]
    pub token_valid_until: Option<String>,
}

/// What went wrong with Eduzz, for the owner (test connection) and the logs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EduzzError {
    /// `#0029` / `#0030` / `#0031`: the JWT must be renewed.
    TokenExpired,
    /// Any other documented refusal, with its code and the owner-facing words.
    Refused { code: String, message: String },
    /// Not the documented envelope (a proxy page, garbage).
    Garbled,
}

impl std::fmt::Display for EduzzError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EduzzError::TokenExpired => f.write_str("Eduzz's session expired; it is renewed automatically"),
            EduzzError::Refused { code, message } => write!(f, "Eduzz refused: {message} ({code})"),
            EduzzError::Garbled => f.write_str("Eduzz answered something that is not its API format"),
        }
    }
}

/// The documented codes in plain words.
pub fn explain(code: &str) -> &'static str {
    match code {
        "#0001" => "the e-mail, public key or API key is missing",
        "#0002" => "the public key or API key is wrong",
        "#0003" | "#0007" => "Eduzz has no such content",
        "#0010" => "these credentials do not give access to this",
        "#0029" | "#0030" | "#0031" => "the session with Eduzz expired",
        "#0000" | "#0006" | "#0016" | "#0017" | "#0018" | "#0019" | "#0020" => "Eduzz had an internal error",
        "#0005" | "#0014" => "Eduzz found the request invalid",
        _ => "Eduzz refused the request",
    }
}

/// Reads an answer body: the data and the (possibly refreshed) token, or why not.
pub fn parse(body: &str) -> Result<Envelope, EduzzError> {
    let envelope: Envelope = serde_json::from_str(body).map_err(|_| EduzzError::Garbled)?;
    if envelope.success {
        return Ok(envelope);
    }
    let code = envelope.code.clone().unwrap_or_else(|| "#0000".into());
    if matches!(code.as_str(), "#0029" | "#0030" | "#0031") {
        return Err(EduzzError::TokenExpired);
    }
    Err(EduzzError::Refused { message: explain(&code).to_string(), code })
}

/// The token and until when to use it (Unix seconds): the documented
/// `token_valid_until`, but never past 15 minutes from `now`, and a minute
/// early so a call never leaves with a token about to lapse.
pub fn token_of(envelope: &Envelope, now: i64) -> Option<(String, i64)> {
    let token = envelope
        .data
        .get("token")
        .and_then(Value::as_str)
        .or_else(|| envelope.profile.as_ref()?.token.as_deref())?
        .to_string();
    let stated = envelope
        .data
        .get("token_valid_until")
        .and_then(Value::as_str)
        .or_else(|| envelope.profile.as_ref()?.token_valid_until.as_deref())
        .and_then(crate::wire::parse_date_filter);
    let until = stated.unwrap_or(now + 15 * 60).min(now + 15 * 60) - 60;
    (until > now).then_some((token, until))
}

/// One product card, from `/content/content/{id}` (its `data` is a list of one).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ProductCard {
    pub title: String,
    pub image: Option<String>,
    pub description: Option<String>,
    pub price: Option<f64>,
    pub checkout_url: Option<String>,
}

fn https(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str)
        .filter(|u| u.starts_with("https://") && !u.contains(['"', '<', '>', ' ']))
        .map(str::to_string)
}

pub fn product_card(data: &Value) -> Option<ProductCard> {
    let item = data.as_array().and_then(|a| a.first()).unwrap_or(data);
    Some(ProductCard {
        title: item.get("title")?.as_str()?.chars().take(200).collect(),
        image: https(item.get("image")),
        description: item.get("description").and_then(Value::as_str).map(|d| d.chars().take(1_000).collect()),
        price: item.get("price").and_then(Value::as_f64),
        checkout_url: https(item.get("checkout_url")),
    })
}

/// One line of `/showcase/get_best_sellers`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BestSeller {
    pub title: String,
    pub logo: Option<String>,
    pub producer: Option<String>,
    pub price: Option<f64>,
}

pub fn best_sellers(data: &Value) -> Vec<BestSeller> {
    data.as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|i| {
                    Some(BestSeller {
                        title: i.get("product_title")?.as_str()?.chars().take(200).collect(),
                        logo: https(i.get("product_logo")),
                        producer: i.get("producer_name").and_then(Value::as_str).map(str::to_string),
                        price: i.get("product_price").and_then(Value::as_f64),
                    })
                })
                .take(10)
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN_OK: &str = r#"{"success":true,"data":{"token":"jwt-1","token_valid_until":"2026-11-23 10:15:00"},"profile":{"start":1.0}}"#;

    #[test]
    fn reads_the_token_and_stops_a_minute_early() {
        let now = crate::wire::parse_date_filter("2026-11-23 10:00:00").unwrap();
        let (token, until) = token_of(&parse(TOKEN_OK).unwrap(), now).unwrap();
        assert_eq!(token, "jwt-1");
        assert_eq!(until, now + 14 * 60);
        // A stated validity beyond 15 minutes is not believed.
        let long = TOKEN_OK.replace("10:15:00", "23:00:00");
        assert_eq!(token_of(&parse(&long).unwrap(), now).unwrap().1, now + 14 * 60);
        // Already expired: no token to keep.
        let past = TOKEN_OK.replace("10:15:00", "09:00:00");
        assert!(token_of(&parse(&past).unwrap(), now).is_none());
    }

    #[test]
    fn maps_the_documented_errors() {
        let refused = r##"{"success":false,"code":"#0002","details":"Unauthorized - Invalid credentials","link":"https://api2.eduzz.com"}"##;
        let err = parse(refused).unwrap_err();
        assert_eq!(
            err,
            EduzzError::Refused { code: "#0002".into(), message: "the public key or API key is wrong".into() }
        );
        assert_eq!(err.to_string(), "Eduzz refused: the public key or API key is wrong (#0002)");
        for code in ["#0029", "#0030", "#0031"] {
            let body = format!(r#"{{"success":false,"code":"{code}","details":"x"}}"#);
            assert_eq!(parse(&body).unwrap_err(), EduzzError::TokenExpired);
        }
        assert_eq!(parse("<html>502 Bad Gateway</html>").unwrap_err(), EduzzError::Garbled);
        assert_eq!(parse("").unwrap_err(), EduzzError::Garbled);
    }

    #[test]
    fn builds_cards_and_lists_with_safe_links_only() {
        let data = serde_json::json!([{ "title": "Course", "image": "https://cdn/x.png", "description": "Learn",
            "price": 260.35, "checkout_url": "javascript:alert(1)" }]);
        let card = product_card(&data).unwrap();
        assert_eq!(card.title, "Course");
        assert_eq!(card.price, Some(260.35));
        assert_eq!(card.checkout_url, None, "only https links");
        assert!(product_card(&serde_json::json!([{}])).is_none());
        let list = best_sellers(&serde_json::json!([
            { "product_title": "A", "product_logo": "https://l/a.jpg", "producer_name": "P", "product_price": 199.99 },
            { "nope": 1 }
        ]));
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].logo.as_deref(), Some("https://l/a.jpg"));
    }
}
