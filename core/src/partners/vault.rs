//! How a partner plugin's secrets are kept. Each credential field is sealed on
//! its own (AES-256-GCM under MASTER_KEY) and bound, as associated data, to the
//! plugin's id, the field's name and the partner's address in this deployment;
//! the cached partner token is bound to the plugin and the address. So:
//! - a sealed value copied to another plugin or into another field (by anyone
//!   who can write the database, or a bug) does not open;
//! - when the deployment points a partner elsewhere (`SENZU_PARTNER_…_URL`),
//!   nothing sealed for the old address opens: the stored credentials and the
//!   cached token are dropped in effect, and the owner enters them again —
//!   they never go to a host they were not entered for.
//!
//! Stored form: a JSON object `{"field": "hex(nonce || ciphertext || tag)"}`.

use serde_json::{Map, Value};

use crate::secrets::{context, MasterKey};

pub const CREDENTIALS: &str = "senzu/partner-credentials/v2";
pub const TOKENS: &str = "senzu/partner-tokens/v2";

/// What a plugin's secrets are bound to.
#[derive(Debug, Clone, Copy)]
pub struct Binding<'a> {
    pub id_plugin: i64,
    /// Where the partner's calls go in this deployment (`Partner::base_url`).
    pub base_url: &'a str,
}

impl Binding<'_> {
    fn field(&self, name: &str) -> Vec<u8> {
        context(&[b"credential", &self.id_plugin.to_be_bytes(), name.as_bytes(), self.base_url.as_bytes()])
    }

    fn token(&self) -> Vec<u8> {
        context(&[b"token", &self.id_plugin.to_be_bytes(), self.base_url.as_bytes()])
    }
}

/// Seals each secret with its own nonce from `nonce` (which fails closed).
pub fn seal_credentials<E>(
    master: &MasterKey,
    binding: Binding<'_>,
    secrets: &Map<String, Value>,
    mut nonce: impl FnMut() -> Result<[u8; 12], E>,
) -> Result<String, E> {
    let mut sealed = Map::new();
    for (name, value) in secrets {
        let plain = value.to_string();
        sealed.insert(
            name.clone(),
            Value::String(master.seal_bound(CREDENTIALS, nonce()?, plain.as_bytes(), &binding.field(name))),
        );
    }
    Ok(Value::Object(sealed).to_string())
}

/// The secrets that open for this binding; a field sealed for another plugin,
/// field or address (or malformed) is left out, as if it were not set.
pub fn open_credentials(master: &MasterKey, binding: Binding<'_>, stored: &str) -> Map<String, Value> {
    let Ok(Value::Object(sealed)) = serde_json::from_str::<Value>(stored) else { return Map::new() };
    sealed
        .into_iter()
        .filter_map(|(name, v)| {
            let bytes = master.open_bound(CREDENTIALS, v.as_str()?, &binding.field(&name)).ok()?;
            let value = serde_json::from_slice::<Value>(&bytes).ok()?;
            Some((name, value))
        })
        .collect()
}

pub fn seal_token(master: &MasterKey, binding: Binding<'_>, nonce: [u8; 12], token: &str) -> String {
    master.seal_bound(TOKENS, nonce, token.as_bytes(), &binding.token())
}

pub fn open_token(master: &MasterKey, binding: Binding<'_>, sealed: &str) -> Option<String> {
    String::from_utf8(master.open_bound(TOKENS, sealed, &binding.token()).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const HOST: &str = "https://api2.eduzz.com";

    fn master() -> MasterKey {
        MasterKey::parse_hex(&"ab".repeat(32)).unwrap()
    }

    fn nonces() -> impl FnMut() -> Result<[u8; 12], ()> {
        let mut n = 0u8;
        move || {
            n += 1;
            Ok([n; 12])
        }
    }

    fn secrets() -> Map<String, Value> {
        json!({ "apikey": "k-123", "publickey": "p-456" }).as_object().unwrap().clone()
    }

    #[test]
    fn credentials_round_trip_and_never_appear_in_clear() {
        let m = master();
        let b = Binding { id_plugin: 7, base_url: HOST };
        let stored = seal_credentials(&m, b, &secrets(), nonces()).unwrap();
        assert!(!stored.contains("k-123") && !stored.contains("p-456"), "{stored}");
        assert_eq!(open_credentials(&m, b, &stored), secrets());
    }

    #[test]
    fn a_value_copied_to_another_plugin_or_field_does_not_open() {
        let m = master();
        let b = Binding { id_plugin: 7, base_url: HOST };
        let stored: Map<String, Value> =
            serde_json::from_str(&seal_credentials(&m, b, &secrets(), nonces()).unwrap()).unwrap();
        // The whole stored object under another plugin: nothing opens.
        let other_plugin = Binding { id_plugin: 8, base_url: HOST };
        assert!(open_credentials(&m, other_plugin, &Value::Object(stored.clone()).to_string()).is_empty());
        // The api key's sealed value moved into the public key's field: it does not open there.
        let swapped = json!({ "publickey": stored["apikey"], "apikey": stored["apikey"] }).to_string();
        let opened = open_credentials(&m, b, &swapped);
        assert_eq!(opened.get("apikey"), Some(&json!("k-123")));
        assert_eq!(opened.get("publickey"), None, "{opened:?}");
    }

    #[test]
    fn another_partner_address_opens_nothing() {
        let m = master();
        let b = Binding { id_plugin: 7, base_url: HOST };
        let stored = seal_credentials(&m, b, &secrets(), nonces()).unwrap();
        let token = seal_token(&m, b, [42; 12], "jwt-secret");
        assert_eq!(open_token(&m, b, &token).as_deref(), Some("jwt-secret"));
        for moved in ["https://sandbox.eduzz.com", "https://api2.eduzz.com/", "http://127.0.0.1:4000"] {
            let elsewhere = Binding { id_plugin: 7, base_url: moved };
            assert!(open_credentials(&m, elsewhere, &stored).is_empty(), "{moved}");
            assert_eq!(open_token(&m, elsewhere, &token), None, "{moved}");
        }
        // A token does not open as another plugin's, nor a credential as a token.
        assert_eq!(open_token(&m, Binding { id_plugin: 8, base_url: HOST }, &token), None);
        let field: Map<String, Value> = serde_json::from_str(&stored).unwrap();
        assert_eq!(open_token(&m, b, field["apikey"].as_str().unwrap()), None);
    }

    #[test]
    fn the_earlier_unbound_format_and_garbage_open_as_nothing() {
        let m = master();
        let b = Binding { id_plugin: 7, base_url: HOST };
        let legacy = m.seal("senzu/partner-credentials/v1", [3; 12], json!({ "apikey": "k" }).to_string().as_bytes());
        for stored in [legacy.as_str(), "", "null", "[]", "{\"apikey\":1}", "{\"apikey\":\"zz\"}"] {
            assert!(open_credentials(&m, b, stored).is_empty(), "{stored}");
        }
    }

    #[test]
    fn a_failing_nonce_source_seals_nothing() {
        let r = seal_credentials(&master(), Binding { id_plugin: 1, base_url: HOST }, &secrets(), || Err("no random"));
        assert_eq!(r, Err("no random"));
    }
}
