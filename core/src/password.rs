//! Password hashes: PBKDF2-HMAC-SHA256 with a per-secret salt, stored as
//! `pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>` so the cost can rise
//! without a migration. Comparison is constant-time.

use hmac::Hmac;
use sha2::Sha256;
use subtle::ConstantTimeEq;

/// Cost for application and plugin lock passwords, checked on the play path in
/// pure Rust inside the worker. Account passwords use WebCrypto at a higher cost.
pub const LOCK_ITERATIONS: u32 = 10_000;

/// Cost for account passwords, derived with WebCrypto in the worker (the
/// Workers runtime accepts at most 100,000 PBKDF2 iterations).
pub const ACCOUNT_ITERATIONS: u32 = 100_000;

pub fn hash(password: &str, salt: &[u8], iterations: u32) -> String {
    let mut out = [0u8; 32];
    pbkdf2::pbkdf2::<Hmac<Sha256>>(password.as_bytes(), salt, iterations, &mut out).expect("HMAC takes any key length");
    format(iterations, salt, &out)
}

/// The stored form of a derived hash (also used with WebCrypto's output).
pub fn format(iterations: u32, salt: &[u8], derived: &[u8; 32]) -> String {
    format!("pbkdf2-sha256${iterations}${}${}", hex::encode(salt), hex::encode(derived))
}

/// A stored hash, split into its parameters and the expected output.
pub struct Stored {
    pub iterations: u32,
    pub salt: Vec<u8>,
    expected: [u8; 32],
}

impl Stored {
    /// `None` for anything malformed (which then never matches).
    pub fn parse(stored: &str) -> Option<Self> {
        let mut parts = stored.split('$');
        let (Some("pbkdf2-sha256"), Some(iter), Some(salt), Some(expected), None) =
            (parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let iterations = iter.parse::<u32>().ok().filter(|i| (1..=1_000_000).contains(i))?;
        let salt = hex::decode(salt).ok()?;
        let expected = hex::decode(expected).ok()?.try_into().ok()?;
        Some(Self { iterations, salt, expected })
    }

    /// Constant-time comparison with a freshly derived hash.
    pub fn matches(&self, derived: &[u8; 32]) -> bool {
        derived.ct_eq(&self.expected).into()
    }
}

/// Whether `password` matches `stored`. A malformed `stored` never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    let Some(stored) = Stored::parse(stored) else { return false };
    let mut out = [0u8; 32];
    if pbkdf2::pbkdf2::<Hmac<Sha256>>(password.as_bytes(), &stored.salt, stored.iterations, &mut out).is_err() {
        return false;
    }
    stored.matches(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7914_pbkdf2_sha256_vector() {
        // RFC 7914 section 11: P="passwd", S="salt", c=1, dkLen=64 (first 32 bytes).
        let h = hash("passwd", b"salt", 1);
        assert!(h.ends_with("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"), "{h}");
    }

    #[test]
    fn verify_accepts_only_the_password() {
        let stored = hash("open sesame", b"0123456789abcdef", 100);
        assert!(verify("open sesame", &stored));
        assert!(!verify("open sesame ", &stored));
        assert!(!verify("", &stored));
        for bad in
            ["", "plain", "pbkdf2-sha256$x$00$00", "pbkdf2-sha256$0$00$00", "pbkdf2-sha256$1$zz$00", "md5$1$00$00"]
        {
            assert!(!verify("open sesame", bad), "{bad}");
        }
    }
}
