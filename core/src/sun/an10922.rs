//! AES-128 key diversification of NXP AN10922 (section 2.2): a CMAC-style
//! computation over `0x01 || M` always padded to two blocks, where M is the
//! diversification input (here UID || AID || system identifier, up to 31 bytes).

use super::primitives::{aes_cbc_encrypt, aes_encrypt, gf_double, Block, Key16};

/// Largest diversification input AN10922 allows for AES-128.
pub const MAX_INPUT: usize = 31;

/// Diversifies `master` with `input` (at most 31 bytes; longer input is truncated,
/// which no caller of this crate does: the inputs are fixed-size).
pub fn diversify(master: &Key16, input: &[u8]) -> Key16 {
    let input = &input[..input.len().min(MAX_INPUT)];
    let k0 = aes_encrypt(&master.0, &[0u8; 16]);
    let k1 = gf_double(&k0);
    let k2 = gf_double(&k1);
    let mut d = [0u8; 32];
    d[0] = 0x01;
    d[1..1 + input.len()].copy_from_slice(input);
    let subkey = if input.len() == MAX_INPUT {
        k1
    } else {
        d[1 + input.len()] = 0x80;
        k2
    };
    for i in 0..16 {
        d[16 + i] ^= subkey[i];
    }
    let cipher = aes_cbc_encrypt(&master.0, &[0u8; 16], &d);
    let mut out: Block = [0u8; 16];
    out.copy_from_slice(&cipher[16..32]);
    Key16(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an10922_aes128_example() {
        // AN10922 section 2.2.1: master 00112233…EEFF, UID 04782E21801D80,
        // AID 3042F5, system identifier "NXP Abu".
        let master = Key16::parse_hex("master", "00112233445566778899AABBCCDDEEFF").unwrap();
        let input = hex::decode("04782E21801D803042F54E585020416275").unwrap();
        assert_eq!(hex::encode_upper(diversify(&master, &input).0), "A8DD63A3B89D54B37CA802473FDA9175");
    }

    #[test]
    fn full_length_input_uses_k1_and_differs_from_shorter() {
        let master = Key16([9; 16]);
        let a = diversify(&master, &[1; 31]);
        let b = diversify(&master, &[1; 30]);
        assert_ne!(a, b);
        // Truncation to 31 bytes: a 32-byte input is the 31-byte one.
        assert_eq!(diversify(&master, &[1; 32]), a);
    }
}
