//! Password hashes: PBKDF2-HMAC-SHA256 with a per-secret salt, stored as
//! `pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>` so the cost can rise
//! without a migration. Comparison is constant-time.

use hmac::Hmac;
use sha2::Sha256;
use subtle::ConstantTimeEq;

/// Cost for application and plugin lock passwords, checked on the play path in
/// pure Rust inside the worker. Account passwords use WebCrypto at a higher cost.
pub const LOCK_ITERATIONS: u32 = 10_000;

pub fn hash(password: &str, salt: &[u8], iterations: u32) -> String {
    let mut out = [0u8; 32];
    pbkdf2::pbkdf2::<Hmac<Sha256>>(password.as_bytes(), salt, iterations, &mut out).expect("HMAC takes any key length");
    format!("pbkdf2-sha256${iterations}${}${}", hex::encode(salt), hex::encode(out))
}

/// Whether `password` matches `stored`. A malformed `stored` never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    let mut parts = stored.split('$');
    let (Some("pbkdf2-sha256"), Some(iter), Some(salt), Some(expected), None) =
        (parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let (Ok(iterations), Ok(salt), Ok(expected)) = (iter.parse::<u32>(), hex::decode(salt), hex::decode(expected))
    else {
        return false;
    };
    if iterations == 0 || iterations > 1_000_000 || expected.len() != 32 {
        return false;
    }
    let mut out = [0u8; 32];
    if pbkdf2::pbkdf2::<Hmac<Sha256>>(password.as_bytes(), &salt, iterations, &mut out).is_err() {
        return false;
    }
    out.ct_eq(&expected[..]).into()
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
