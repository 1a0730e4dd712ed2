//! Key material derived from the `MASTER_KEY` secret, and sealing of stored
//! secrets (per-record SUN keys) with AES-256-GCM. Each use gets its own key,
//! derived with HMAC-SHA256 and a label, so one leak does not open the others.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::sun::Key16;

/// The 32-byte master secret. `Debug` never prints it.
#[derive(Clone)]
pub struct MasterKey([u8; 32]);

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MasterKey(***)")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    #[error("MASTER_KEY must be 64 hex characters")]
    BadMasterKey,
    #[error("sealed value is malformed")]
    Malformed,
    #[error("sealed value does not open with this key")]
    WrongKey,
}

impl MasterKey {
    pub fn parse_hex(s: &str) -> Result<Self, SecretError> {
        let bytes = hex::decode(s.trim()).map_err(|_| SecretError::BadMasterKey)?;
        bytes.try_into().map(MasterKey).map_err(|_| SecretError::BadMasterKey)
    }

    fn derive(&self, label: &str) -> [u8; 32] {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(label.as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// The AN10922 master for records whose SUN keys are "derived".
    pub fn tag_master(&self) -> Key16 {
        let k = self.derive("senzu/tag-master/v1");
        let mut out = [0u8; 16];
        out.copy_from_slice(&k[..16]);
        Key16(out)
    }

    /// The key of visit and unlock passes (core::visit::Passes).
    pub fn visit_key(&self) -> [u8; 32] {
        self.derive("senzu/visit/v1")
    }

    /// Salt for the daily IP hash of insights; rotates with `day` (days since epoch).
    pub fn ip_hash(&self, day: i64, ip: &str) -> String {
        let salt = self.derive("senzu/ip-salt/v1");
        let digest =
            Sha256::new().chain_update(salt).chain_update(day.to_be_bytes()).chain_update(ip.as_bytes()).finalize();
        hex::encode(&digest[..16])
    }

    /// A keyed hash of a visitor's IP for rate-limit counters (core::rate):
    /// stable, so a window does not restart at midnight, and never the IP itself.
    pub fn limit_key(&self, ip: &str) -> String {
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&self.derive("senzu/rate-ip/v1")).expect("HMAC takes any key length");
        mac.update(ip.as_bytes());
        hex::encode(&mac.finalize().into_bytes()[..16])
    }

    /// Seals `plain` as hex(nonce || ciphertext || tag). `nonce` must be unique per seal.
    pub fn seal(&self, purpose: &str, nonce: [u8; 12], plain: &[u8]) -> String {
        self.seal_bound(purpose, nonce, plain, &[])
    }

    pub fn open(&self, purpose: &str, sealed: &str) -> Result<Vec<u8>, SecretError> {
        self.open_bound(purpose, sealed, &[])
    }

    /// Seals `plain` bound to `context` (AES-GCM associated data, see [`context`]):
    /// it opens only under the same purpose *and* the same context.
    pub fn seal_bound(&self, purpose: &str, nonce: [u8; 12], plain: &[u8], context: &[u8]) -> String {
        let cipher = Aes256Gcm::new(&self.derive(purpose).into());
        let ct = cipher
            .encrypt(Nonce::from_slice(&nonce), Payload { msg: plain, aad: context })
            .expect("AES-GCM encryption of a short value");
        let mut out = nonce.to_vec();
        out.extend(ct);
        hex::encode(out)
    }

    pub fn open_bound(&self, purpose: &str, sealed: &str, context: &[u8]) -> Result<Vec<u8>, SecretError> {
        let bytes = hex::decode(sealed).map_err(|_| SecretError::Malformed)?;
        if bytes.len() < 12 + 16 {
            return Err(SecretError::Malformed);
        }
        let (nonce, ct) = bytes.split_at(12);
        let cipher = Aes256Gcm::new(&self.derive(purpose).into());
        cipher.decrypt(Nonce::from_slice(nonce), Payload { msg: ct, aad: context }).map_err(|_| SecretError::WrongKey)
    }
}

/// Associated data from parts, each length-prefixed (so `("ab", "c")` and
/// `("a", "bc")` differ): what a sealed value is bound to.
pub fn context(parts: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    for p in parts {
        out.extend_from_slice(&(p.len() as u64).to_be_bytes());
        out.extend_from_slice(p);
    }
    out
}

/// Purpose label for sealed per-record SUN keys (meta read key || file read key).
pub const SUN_KEYS: &str = "senzu/sun-keys/v1";
/// The private JWK of an ID token signing key (core::auth::oidc).
pub const SIGNING_KEY: &str = "senzu/oidc-signing-key/v1";

/// SHA-256 of a value, hex: how tokens and passwords-with-salt are compared.
pub fn sha256_hex(parts: &[&[u8]]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    hex::encode(h.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn master() -> MasterKey {
        MasterKey::parse_hex(&"ab".repeat(32)).unwrap()
    }

    #[test]
    fn seal_round_trips_and_refuses_tampering() {
        let m = master();
        let sealed = m.seal(SUN_KEYS, [7; 12], b"0123456789abcdef0123456789abcdef");
        assert!(!sealed.contains("3031323334"), "plaintext must not appear");
        assert_eq!(m.open(SUN_KEYS, &sealed).unwrap(), b"0123456789abcdef0123456789abcdef");
        let mut flipped = sealed.clone().into_bytes();
        flipped[40] = if flipped[40] == b'0' { b'1' } else { b'0' };
        assert_eq!(m.open(SUN_KEYS, std::str::from_utf8(&flipped).unwrap()), Err(SecretError::WrongKey));
        assert_eq!(m.open("other/purpose", &sealed), Err(SecretError::WrongKey));
        assert_eq!(MasterKey::parse_hex(&"cd".repeat(32)).unwrap().open(SUN_KEYS, &sealed), Err(SecretError::WrongKey));
        assert_eq!(m.open(SUN_KEYS, "zz"), Err(SecretError::Malformed));
        assert_eq!(m.open(SUN_KEYS, "00"), Err(SecretError::Malformed));
    }

    #[test]
    fn a_bound_value_opens_only_in_its_context() {
        let m = master();
        let here = context(&[b"plugin", b"7"]);
        let sealed = m.seal_bound(SUN_KEYS, [9; 12], b"secret", &here);
        assert_eq!(m.open_bound(SUN_KEYS, &sealed, &here).unwrap(), b"secret");
        for other in [context(&[b"plugin", b"8"]), context(&[b"plugi", b"n7"]), Vec::new()] {
            assert_eq!(m.open_bound(SUN_KEYS, &sealed, &other), Err(SecretError::WrongKey));
        }
        assert_eq!(m.open(SUN_KEYS, &sealed), Err(SecretError::WrongKey), "unbound opening refuses it");
        // Unbound sealing is the empty context.
        assert_eq!(m.open_bound(SUN_KEYS, &m.seal(SUN_KEYS, [1; 12], b"x"), &[]).unwrap(), b"x");
    }

    #[test]
    fn limit_keys_are_stable_keyed_and_hide_the_ip() {
        let m = master();
        assert_eq!(m.limit_key("1.2.3.4"), m.limit_key("1.2.3.4"));
        assert_ne!(m.limit_key("1.2.3.4"), m.limit_key("1.2.3.5"));
        assert_ne!(m.limit_key("1.2.3.4"), MasterKey::parse_hex(&"cd".repeat(32)).unwrap().limit_key("1.2.3.4"));
        assert!(!m.limit_key("1.2.3.4").contains("1.2.3.4"));
        assert_ne!(m.limit_key("1.2.3.4"), m.ip_hash(0, "1.2.3.4"));
    }

    #[test]
    fn derived_values_differ_and_rotate() {
        let m = master();
        assert_ne!(m.ip_hash(1, "1.2.3.4"), m.ip_hash(2, "1.2.3.4"));
        assert_eq!(m.ip_hash(1, "1.2.3.4"), m.ip_hash(1, "1.2.3.4"));
        assert!(!m.ip_hash(1, "1.2.3.4").contains("1.2.3.4"));
        assert_ne!(m.tag_master(), MasterKey::parse_hex(&"cd".repeat(32)).unwrap().tag_master());
        assert_eq!(format!("{m:?}"), "MasterKey(***)");
        assert_eq!(MasterKey::parse_hex("abcd").unwrap_err(), SecretError::BadMasterKey);
    }
}
