//! Sengerio (API v1, `https://api.sengerio.com/v1/`): a private token as
//! `Authorization: Bearer`, the visitor's language as `Accept-Language`,
//! form-urlencoded bodies. The published index names the endpoints but not
//! their fields, so every path and field name lives in this one table —
//! change it here when Sengerio's reference says otherwise:
//!
//! | Senzu use             | Sengerio endpoint      | Method | Path                    | Fields sent / read                                                        |
//! |-----------------------|------------------------|--------|-------------------------|---------------------------------------------------------------------------|
//! | Charter quote request | Hire → Create quote request | POST | `hire/quote_requests` | `name`, `email`, `phone`, `departure`, `destination`, `date`, `passengers`, `notes` |
//! | Vehicle               | Vehicles → Read vehicle | GET   | `vehicles/{id}`         | reads `name`, `plate`, `seats`, `category`, `image`, `description`        |
//! | Test connection       | Vehicles → Request vehicles | GET | `vehicles`            | any 2xx means the token works                                              |

use serde_json::Value;

pub const DEFAULT_BASE_URL: &str = "https://api.sengerio.com/v1/";
pub const QUOTE_PATH: &str = "hire/quote_requests";
pub const VEHICLES_PATH: &str = "vehicles";

pub fn vehicle_path(id: &str) -> String {
    format!("vehicles/{id}")
}

/// The quote form a visitor fills on the play: (field, label en, label fr, input type, required).
pub const QUOTE_FIELDS: [(&str, &str, &str, &str, bool); 8] = [
    ("name", "Your name", "Votre nom", "text", true),
    ("email", "E-mail", "E-mail", "email", true),
    ("phone", "Phone", "Téléphone", "tel", false),
    ("departure", "From", "Départ", "text", true),
    ("destination", "To", "Destination", "text", true),
    ("date", "Date", "Date", "date", true),
    ("passengers", "Passengers", "Passagers", "number", true),
    ("notes", "Anything else", "Précisions", "textarea", false),
];

/// A visitor's quote request, checked before it leaves: required fields,
/// sizes, an e-mail that looks like one, a positive number of passengers.
pub fn quote_form(values: &crate::api::form::Args) -> Result<Vec<(&'static str, String)>, String> {
    let mut out = Vec::new();
    for (name, label, _, input, required) in QUOTE_FIELDS {
        let value = values.get(name).map(|v| v.trim()).unwrap_or_default();
        if value.is_empty() {
            if required {
                return Err(format!("{label} is required"));
            }
            continue;
        }
        let max = if input == "textarea" { 2_000 } else { 200 };
        if value.chars().count() > max {
            return Err(format!("{label} is longer than {max} characters"));
        }
        match input {
            "email" if !(value.contains('@') && value.contains('.') && !value.contains(char::is_whitespace)) => {
                return Err(format!("{label} must be an e-mail address"));
            }
            "number" if !value.parse::<u32>().is_ok_and(|n| (1..=1_000).contains(&n)) => {
                return Err(format!("{label} must be a number from 1 to 1000"));
            }
            "date" if crate::wire::parse_date_filter(value).is_none() => {
                return Err(format!("{label} must be a date (YYYY-MM-DD)"));
            }
            _ => {}
        }
        out.push((name, value.to_string()));
    }
    Ok(out)
}

/// What the play shows of a vehicle.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Vehicle {
    pub name: String,
    pub plate: Option<String>,
    pub seats: Option<i64>,
    pub category: Option<String>,
    pub image: Option<String>,
    pub description: Option<String>,
}

/// Reads a vehicle whether Sengerio wraps it (`{"data": {…}}`) or not.
pub fn vehicle(body: &Value) -> Option<Vehicle> {
    let v = body.get("data").filter(|d| d.is_object()).unwrap_or(body);
    let text = |k: &str| v.get(k).and_then(Value::as_str).map(|s| s.chars().take(500).collect::<String>());
    Some(Vehicle {
        name: text("name").or_else(|| text("model"))?,
        plate: text("plate").or_else(|| text("license_plate")),
        seats: v.get("seats").and_then(Value::as_i64),
        category: text("category"),
        image: text("image").filter(|u| u.starts_with("https://") && !u.contains(['"', '<', '>', ' '])),
        description: text("description"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> crate::api::form::Args {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn quote_requests_are_checked_before_they_leave() {
        let ok = quote_form(&values(&[
            ("name", "Ada"),
            ("email", "ada@senzu.app"),
            ("departure", "Paris"),
            ("destination", "Lyon"),
            ("date", "2026-12-24"),
            ("passengers", "12"),
        ]))
        .unwrap();
        assert_eq!(ok.len(), 6);
        assert_eq!(ok[5], ("passengers", "12".to_string()));
        assert_eq!(quote_form(&values(&[("name", "Ada")])).unwrap_err(), "E-mail is required");
        let bad = quote_form(&values(&[
            ("name", "Ada"),
            ("email", "ada@senzu.app"),
            ("departure", "Paris"),
            ("destination", "Lyon"),
            ("date", "2026-12-24"),
            ("passengers", "0"),
        ]));
        assert_eq!(bad.unwrap_err(), "Passengers must be a number from 1 to 1000");
    }

    #[test]
    fn reads_vehicles_wrapped_or_not() {
        let bare = serde_json::json!({ "name": "Setra S 516", "plate": "AB-123-CD", "seats": 49 });
        let wrapped = serde_json::json!({ "data": bare.clone() });
        assert_eq!(vehicle(&bare), vehicle(&wrapped));
        assert_eq!(vehicle(&bare).unwrap().seats, Some(49));
        assert!(vehicle(&serde_json::json!({ "id": 1 })).is_none());
    }
}
