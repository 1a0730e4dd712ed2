//! Stripe, as Senzu uses it: the webhook signature scheme and the parts of its
//! objects the shop reads. <https://docs.stripe.com/webhooks#verify-manually>
//!
//! `Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">[,v1=…]`,
//! keyed with the endpoint's secret (`whsec_…`). Any one `v1` may match (Stripe
//! sends two while a secret is rolled); other schemes (`v0`) are ignored; a
//! timestamp outside the tolerance is refused, so a captured delivery cannot
//! be replayed later.

use hmac::{Hmac, Mac};
use serde::Deserialize;
use sha2::Sha256;
use subtle::ConstantTimeEq;

/// Stripe's own libraries default to five minutes.
pub const TOLERANCE_SECONDS: i64 = 300;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("no Stripe-Signature header")]
    Missing,
    #[error("the Stripe-Signature header has no timestamp or no v1 signature")]
    Malformed,
    #[error("the Stripe-Signature timestamp is outside the tolerance")]
    Stale,
    #[error("no v1 signature matches the payload")]
    NoMatch,
}

fn mac(secret: &str, timestamp: &str, payload: &[u8]) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(payload);
    mac.finalize().into_bytes().to_vec()
}

/// The header Stripe would send for `payload` at `timestamp` (the stand-in and tests sign with it).
pub fn sign(secret: &str, timestamp: i64, payload: &[u8]) -> String {
    format!("t={timestamp},v1={}", hex::encode(mac(secret, &timestamp.to_string(), payload)))
}

/// Checks a delivery: the raw body exactly as received, its header, and now.
pub fn verify(secret: &str, header: Option<&str>, payload: &[u8], now: i64) -> Result<(), SignatureError> {
    let header = header.ok_or(SignatureError::Missing)?;
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", t)) => timestamp = Some(t),
            Some(("v1", s)) => signatures.extend(hex::decode(s).ok()),
            _ => {}
        }
    }
    let timestamp = timestamp.ok_or(SignatureError::Malformed)?;
    let seconds: i64 = timestamp.parse().map_err(|_| SignatureError::Malformed)?;
    if signatures.is_empty() {
        return Err(SignatureError::Malformed);
    }
    if (now - seconds).abs() > TOLERANCE_SECONDS {
        return Err(SignatureError::Stale);
    }
    let expected = mac(secret, timestamp, payload);
    let matched = signatures.iter().fold(0u8, |any, s| any | u8::from(bool::from(s.as_slice().ct_eq(&expected))));
    if matched == 1 {
        Ok(())
    } else {
        Err(SignatureError::NoMatch)
    }
}

/// An event (`checkout.session.completed`, …) with the object it is about.
#[derive(Debug, Clone, Deserialize)]
pub struct Event {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub data: EventData,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EventData {
    pub object: serde_json::Value,
}

/// The Checkout Session fields the shop reads.
#[derive(Debug, Clone, Deserialize)]
pub struct CheckoutSession {
    pub id: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub amount_total: Option<i64>,
    #[serde(default)]
    pub currency: Option<String>,
    /// `paid`, `unpaid` or `no_payment_required`.
    #[serde(default)]
    pub payment_status: Option<String>,
    #[serde(default)]
    pub client_reference_id: Option<String>,
    #[serde(default)]
    pub expires_at: Option<i64>,
    #[serde(default)]
    pub payment_intent: Option<String>,
}

/// The events that can pay an order: a completed Checkout whose payment is done,
/// or the later success of a delayed method.
pub fn pays(kind: &str) -> bool {
    matches!(kind, "checkout.session.completed" | "checkout.session.async_payment_succeeded")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "whsec_test_secret";

    #[test]
    fn a_signed_delivery_verifies_and_anything_else_does_not() {
        let body = br#"{"id":"evt_1","type":"checkout.session.completed"}"#;
        let header = sign(SECRET, 1_700_000_000, body);
        assert_eq!(verify(SECRET, Some(&header), body, 1_700_000_010), Ok(()));
        // Another body, another secret, a stale or future timestamp, no header, garbage.
        assert_eq!(verify(SECRET, Some(&header), b"{}", 1_700_000_010), Err(SignatureError::NoMatch));
        assert_eq!(verify("whsec_other", Some(&header), body, 1_700_000_010), Err(SignatureError::NoMatch));
        assert_eq!(verify(SECRET, Some(&header), body, 1_700_000_301), Err(SignatureError::Stale));
        assert_eq!(verify(SECRET, Some(&header), body, 1_699_999_000), Err(SignatureError::Stale));
        assert_eq!(verify(SECRET, None, body, 0), Err(SignatureError::Missing));
        for bad in ["", "t=abc,v1=00", "v1=00", "t=1700000000", "t=1700000000,v0=00"] {
            assert_eq!(verify(SECRET, Some(bad), body, 1_700_000_000), Err(SignatureError::Malformed), "{bad}");
        }
    }

    /// While a secret is rolled Stripe signs with both: either one matches.
    #[test]
    fn any_v1_may_match() {
        let body = b"{}";
        let good = sign(SECRET, 100, body);
        let v1 = good.split_once(",v1=").unwrap().1;
        let header = format!("t=100,v1={},v1={v1},v0=ignored", "ab".repeat(32));
        assert_eq!(verify(SECRET, Some(&header), body, 100), Ok(()));
    }

    /// The example from Stripe's documentation of the scheme, recomputed by hand:
    /// HMAC-SHA256("whsec_test_secret", "100.{}").
    #[test]
    fn the_signed_payload_is_timestamp_dot_body() {
        let expected = {
            let mut m = <Hmac<Sha256> as Mac>::new_from_slice(SECRET.as_bytes()).unwrap();
            m.update(b"100.{}");
            hex::encode(m.finalize().into_bytes())
        };
        assert_eq!(sign(SECRET, 100, b"{}"), format!("t=100,v1={expected}"));
    }

    #[test]
    fn only_completed_or_async_succeeded_checkouts_pay() {
        assert!(pays("checkout.session.completed") && pays("checkout.session.async_payment_succeeded"));
        assert!(!pays("checkout.session.expired") && !pays("payment_intent.created"));
    }
}
