//! AES-128 building blocks shared by the SUN modes: block encryption, CBC with a
//! given IV, CMAC, and hex parsing into fixed-size arrays with typed errors.

use aes::cipher::{generic_array::GenericArray, BlockDecrypt, BlockEncrypt, KeyInit};
use aes::Aes128;
use cmac::{Cmac, Mac};

use super::SunError;

pub type Block = [u8; 16];

/// A 128-bit key. `Debug` never prints the key material.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Key16(pub [u8; 16]);

impl std::fmt::Debug for Key16 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key16(***)")
    }
}

impl Key16 {
    pub fn parse_hex(field: &'static str, s: &str) -> Result<Self, SunError> {
        parse_hex_array(field, s).map(Self)
    }
}

pub fn aes_encrypt(key: &Block, block: &Block) -> Block {
    let cipher = Aes128::new(GenericArray::from_slice(key));
    let mut b = GenericArray::clone_from_slice(block);
    cipher.encrypt_block(&mut b);
    b.into()
}

/// AES-128-CBC decryption of whole blocks (the caller checked the length).
pub fn aes_cbc_decrypt(key: &Block, iv: &Block, data: &[u8]) -> Vec<u8> {
    let cipher = Aes128::new(GenericArray::from_slice(key));
    let mut prev = *iv;
    let mut out = Vec::with_capacity(data.len());
    for chunk in data.chunks_exact(16) {
        let mut b = GenericArray::clone_from_slice(chunk);
        cipher.decrypt_block(&mut b);
        out.extend(b.iter().zip(prev.iter()).map(|(x, p)| x ^ p));
        prev.copy_from_slice(chunk);
    }
    out
}

/// AES-128-CBC encryption of whole blocks (the simulator's side).
pub fn aes_cbc_encrypt(key: &Block, iv: &Block, data: &[u8]) -> Vec<u8> {
    let mut prev = *iv;
    let mut out = Vec::with_capacity(data.len());
    for chunk in data.chunks_exact(16) {
        let mut x = [0u8; 16];
        for i in 0..16 {
            x[i] = chunk[i] ^ prev[i];
        }
        prev = aes_encrypt(key, &x);
        out.extend_from_slice(&prev);
    }
    out
}

pub fn aes_cmac(key: &Block, data: &[u8]) -> Block {
    // A 16-byte key is always a valid AES-128 key: this cannot fail.
    let mut mac = <Cmac<Aes128> as KeyInit>::new(GenericArray::from_slice(key));
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// Doubling in GF(2^128) as CMAC subkey generation uses it.
pub fn gf_double(b: &Block) -> Block {
    let mut out = [0u8; 16];
    for i in 0..16 {
        out[i] = b[i] << 1 | if i < 15 { b[i + 1] >> 7 } else { 0 };
    }
    if b[0] & 0x80 != 0 {
        out[15] ^= 0x87;
    }
    out
}

/// The SDMMAC truncation: the odd-indexed bytes of the full MAC.
pub fn truncate_mac(full: &Block) -> [u8; 8] {
    let mut out = [0u8; 8];
    for (i, o) in out.iter_mut().enumerate() {
        *o = full[2 * i + 1];
    }
    out
}

fn hex_val(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Hex of any even length into bytes.
pub fn parse_hex(field: &'static str, s: &str) -> Result<Vec<u8>, SunError> {
    let bytes = s.as_bytes();
    if !bytes.len().is_multiple_of(2) {
        return Err(SunError::BadHex { field });
    }
    bytes
        .chunks_exact(2)
        .map(|p| match (hex_val(p[0]), hex_val(p[1])) {
            (Some(h), Some(l)) => Ok(h << 4 | l),
            _ => Err(SunError::BadHex { field }),
        })
        .collect()
}

/// Exactly `N` bytes of hex.
pub fn parse_hex_array<const N: usize>(field: &'static str, s: &str) -> Result<[u8; N], SunError> {
    if s.len() != 2 * N {
        return Err(SunError::WrongLength { field, expected: 2 * N, got: s.len() });
    }
    let v = parse_hex(field, s)?;
    let mut out = [0u8; N];
    out.copy_from_slice(&v);
    Ok(out)
}

pub fn to_hex_upper(bytes: &[u8]) -> String {
    hex::encode_upper(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cbc_round_trips() {
        let key = [7u8; 16];
        let iv = [9u8; 16];
        let data: Vec<u8> = (0..48).collect();
        assert_eq!(aes_cbc_decrypt(&key, &iv, &aes_cbc_encrypt(&key, &iv, &data)), data);
    }

    #[test]
    fn hex_errors_name_the_field() {
        assert_eq!(
            parse_hex_array::<8>("cmac", "zz"),
            Err(SunError::WrongLength { field: "cmac", expected: 16, got: 2 })
        );
        assert_eq!(parse_hex_array::<1>("cmac", "zz"), Err(SunError::BadHex { field: "cmac" }));
        assert_eq!(parse_hex("x", "abc"), Err(SunError::BadHex { field: "x" }));
        assert_eq!(parse_hex("x", "aBcD").unwrap(), vec![0xab, 0xcd]);
    }

    #[test]
    fn rfc4493_cmac_vector() {
        // RFC 4493, example 2 (16-byte message).
        let key: Block = hex::decode("2b7e151628aed2a6abf7158809cf4f3c").unwrap().try_into().unwrap();
        let msg = hex::decode("6bc1bee22e409f96e93d7e117393172a").unwrap();
        assert_eq!(hex::encode(aes_cmac(&key, &msg)), "070a16b46b4d4144f79bdd9dd04a287c");
    }

    #[test]
    fn gf_double_matches_rfc4493_subkeys() {
        // RFC 4493 section 4: L = AES(K, 0), K1 = double(L).
        let key: Block = hex::decode("2b7e151628aed2a6abf7158809cf4f3c").unwrap().try_into().unwrap();
        let l = aes_encrypt(&key, &[0; 16]);
        assert_eq!(hex::encode(gf_double(&l)), "fbeed618357133667c85e08f7236a8de");
        assert_eq!(hex::encode(gf_double(&gf_double(&l))), "f7ddac306ae266ccf90bc11ee46d513b");
    }
}
