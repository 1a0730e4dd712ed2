//! PKCE (RFC 7636) for the authorization-code flow: S256 only, because
//! `plain` gives no protection once the challenge leaks.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PkceError {
    #[error("code_challenge_method must be S256")]
    Method,
    #[error("code_challenge must be 43 base64url characters (BASE64URL(SHA256(code_verifier)))")]
    Challenge,
    #[error("code_verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~")]
    Verifier,
    #[error("code_verifier does not match the code_challenge")]
    Mismatch,
}

/// A checked S256 code challenge, as stored with the authorization code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge(String);

impl Challenge {
    pub fn parse(challenge: &str, method: &str) -> Result<Self, PkceError> {
        if method != "S256" {
            return Err(PkceError::Method);
        }
        let ok =
            challenge.len() == 43 && challenge.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if ok {
            Ok(Self(challenge.to_string()))
        } else {
            Err(PkceError::Challenge)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn verify(&self, verifier: &str) -> Result<(), PkceError> {
        let ok = (43..=128).contains(&verifier.len())
            && verifier.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b));
        if !ok {
            return Err(PkceError::Verifier);
        }
        let computed = s256(verifier);
        if bool::from(computed.as_bytes().ct_eq(self.0.as_bytes())) {
            Ok(())
        } else {
            Err(PkceError::Mismatch)
        }
    }
}

/// BASE64URL-ENCODE(SHA256(ASCII(verifier))), without padding.
pub fn s256(verifier: &str) -> String {
    base64url(&Sha256::digest(verifier.as_bytes()))
}

pub(crate) fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, b)| acc | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 7636, Appendix B.
    const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    #[test]
    fn rfc7636_appendix_b() {
        assert_eq!(s256(VERIFIER), CHALLENGE);
        let c = Challenge::parse(CHALLENGE, "S256").unwrap();
        assert_eq!(c.verify(VERIFIER), Ok(()));
    }

    #[test]
    fn plain_wrong_and_malformed_values_are_refused() {
        assert_eq!(Challenge::parse(CHALLENGE, "plain"), Err(PkceError::Method));
        assert_eq!(Challenge::parse(CHALLENGE, "s256"), Err(PkceError::Method));
        assert_eq!(Challenge::parse(VERIFIER, ""), Err(PkceError::Method));
        assert_eq!(Challenge::parse("short", "S256"), Err(PkceError::Challenge));
        assert_eq!(Challenge::parse(&format!("{}=", &CHALLENGE[..42]), "S256"), Err(PkceError::Challenge));
        let c = Challenge::parse(CHALLENGE, "S256").unwrap();
        assert_eq!(c.verify(&VERIFIER.replace('d', "e")), Err(PkceError::Mismatch));
        assert_eq!(c.verify(CHALLENGE), Err(PkceError::Mismatch));
        assert_eq!(c.verify(""), Err(PkceError::Verifier));
        assert_eq!(c.verify(&"a".repeat(129)), Err(PkceError::Verifier));
        assert_eq!(c.verify(&format!("{VERIFIER}+")), Err(PkceError::Verifier));
    }

    #[test]
    fn base64url_matches_rfc4648_vectors() {
        for (input, expected) in
            [("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE")]
        {
            assert_eq!(base64url(input.as_bytes()), expected);
        }
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
    }
}
