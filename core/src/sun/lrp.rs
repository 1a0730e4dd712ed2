//! The Leakage Resilient Primitive of NXP AN12304: plaintext and updated-key
//! generation, the LRP evaluation, LRICB encryption/decryption and LRP-CMAC.
//! Built on AES-128 with a 4-bit (nibble) step, as NTAG 424 DNA uses it.

use super::primitives::{aes_encrypt, gf_double, Block};

const NIBBLE_COUNT: usize = 16; // m = 4: 2^4 plaintexts
const UPDATED_KEYS: usize = 4;

/// An LRP instance: the 16 precomputed plaintexts and one updated key.
#[derive(Clone)]
pub struct Lrp {
    plaintexts: [Block; NIBBLE_COUNT],
    key: Block,
}

impl Lrp {
    /// LRP under `key` with updated key number `u` (0..4).
    pub fn new(key: &Block, u: usize) -> Self {
        Self { plaintexts: plaintexts(key), key: updated_keys(key)[u % UPDATED_KEYS] }
    }

    /// EvalLRP with the final step, as every mode of operation uses it.
    pub fn eval(&self, x: &[u8]) -> Block {
        self.eval_steps(x, true)
    }

    /// EvalLRP: one AES step per nibble of `x`, most significant first.
    fn eval_steps(&self, x: &[u8], finalize: bool) -> Block {
        let mut y = self.key;
        for byte in x {
            y = aes_encrypt(&y, &self.plaintexts[(byte >> 4) as usize]);
            y = aes_encrypt(&y, &self.plaintexts[(byte & 0x0f) as usize]);
        }
        if finalize {
            y = aes_encrypt(&y, &[0u8; 16]);
        }
        y
    }

    /// LRICB encryption of whole blocks; `counter` is incremented per block.
    pub fn encrypt(&self, counter: &mut [u8], data: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(data.len());
        for chunk in data.chunks_exact(16) {
            let k = self.eval(counter);
            let mut b = [0u8; 16];
            b.copy_from_slice(chunk);
            out.extend_from_slice(&aes_encrypt(&k, &b));
            increment(counter);
        }
        out
    }

    /// LRICB decryption of whole blocks; `counter` is incremented per block.
    pub fn decrypt(&self, counter: &mut [u8], data: &[u8]) -> Vec<u8> {
        use aes::cipher::{generic_array::GenericArray, BlockDecrypt, KeyInit};
        let mut out = Vec::with_capacity(data.len());
        for chunk in data.chunks_exact(16) {
            let k = self.eval(counter);
            let cipher = aes::Aes128::new(GenericArray::from_slice(&k));
            let mut b = GenericArray::clone_from_slice(chunk);
            cipher.decrypt_block(&mut b);
            out.extend_from_slice(&b);
            increment(counter);
        }
        out
    }

    /// CMAC with EvalLRP as the block function (AN12304 section 2.3).
    pub fn cmac(&self, data: &[u8]) -> Block {
        let k0 = self.eval(&[0u8; 16]);
        let k1 = gf_double(&k0);
        let k2 = gf_double(&k1);
        let full_blocks = if data.is_empty() { 0 } else { (data.len() - 1) / 16 };
        let mut y = [0u8; 16];
        for chunk in data[..full_blocks * 16].chunks_exact(16) {
            for i in 0..16 {
                y[i] ^= chunk[i];
            }
            y = self.eval(&y);
        }
        let last = &data[full_blocks * 16..];
        let mut block = [0u8; 16];
        block[..last.len()].copy_from_slice(last);
        let subkey = if last.len() == 16 {
            k1
        } else {
            block[last.len()] = 0x80;
            k2
        };
        for i in 0..16 {
            y[i] ^= block[i] ^ subkey[i];
        }
        self.eval(&y)
    }
}

/// AN12304 Algorithm 1: the 16 plaintexts.
fn plaintexts(key: &Block) -> [Block; NIBBLE_COUNT] {
    let mut h = aes_encrypt(key, &[0x55; 16]);
    let mut out = [[0u8; 16]; NIBBLE_COUNT];
    for p in out.iter_mut() {
        *p = aes_encrypt(&h, &[0xaa; 16]);
        h = aes_encrypt(&h, &[0x55; 16]);
    }
    out
}

/// AN12304 Algorithm 2: the updated keys.
fn updated_keys(key: &Block) -> [Block; UPDATED_KEYS] {
    let mut h = aes_encrypt(key, &[0xaa; 16]);
    let mut out = [[0u8; 16]; UPDATED_KEYS];
    for k in out.iter_mut() {
        *k = aes_encrypt(&h, &[0xaa; 16]);
        h = aes_encrypt(&h, &[0x55; 16]);
    }
    out
}

/// Big-endian increment that wraps to zero at the counter's width.
fn increment(counter: &mut [u8]) {
    for b in counter.iter_mut().rev() {
        let (v, carry) = b.overflowing_add(1);
        *b = v;
        if !carry {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    //! Vectors from NXP AN12304 "Leakage Resilient Primitive (LRP) Specification",
    //! as also used by the nfc-developer/sdm-backend test suite.
    use super::*;

    fn block(s: &str) -> Block {
        hex::decode(s).unwrap().try_into().unwrap()
    }

    fn upper(b: &[u8]) -> String {
        hex::encode_upper(b)
    }

    #[test]
    fn an12304_plaintexts_and_updated_keys() {
        let key = block("567826B8DA8E768432A9548DBE4AA3A0");
        let p = plaintexts(&key);
        assert_eq!(upper(&p[0]), "AC20D39F5341FE98DFCA21DA86BA7914");
        assert_eq!(upper(&p[15]), "71B444AF257A93215311D758DD333247");
        let uk = updated_keys(&key);
        assert_eq!(upper(&uk[0]), "163D14ED24ED935373568EC521E96CF4");
        assert_eq!(upper(&uk[2]), "FE30AB50467E61783BFE6B5E0560160E");
    }

    #[test]
    fn an12304_eval_lrp() {
        let lrp = Lrp::new(&block("567826B8DA8E768432A9548DBE4AA3A0"), 2);
        assert_eq!(upper(&lrp.eval(&[0x13, 0x59])), "1BA2C0C578996BC497DD181C6885A9DD");
        let lrp = Lrp::new(&block("88B95581002057A93E421EFE4076338B"), 2);
        assert_eq!(upper(&lrp.eval(&[0x77, 0x29, 0x9D])), "E9C04556A214AC3297B83E4BDF46F142");
        let lrp = Lrp::new(&block("9AFF3EF56FFEC3153B1CADB48B445409"), 3);
        let x = hex::decode("4B073B247CD48F7E0A").unwrap();
        assert_eq!(upper(&lrp.eval_steps(&x, false)), "909415E5C8BE77563050F2227E17C0E4");
    }

    #[test]
    fn an12304_lricb_encrypt_and_decrypt() {
        let lrp = Lrp::new(&block("E0C4935FF0C254CD2CEF8FDDC32460CF"), 0);
        // The plaintext with ISO/IEC 9797-1 method 2 padding, as the vector uses.
        let mut pt = hex::decode("012D7F1653CAF6503C6AB0C1010E8CB0").unwrap();
        pt.push(0x80);
        pt.resize(32, 0);
        let ct_hex = "FCBBACAA4F29182464F99DE41085266F480E863E487BAAF687B43ED1ECE0D623";
        let mut counter = [0xC3, 0x31, 0x5D, 0xBF];
        assert_eq!(upper(&lrp.encrypt(&mut counter, &pt)), ct_hex);
        assert_eq!(counter, [0xC3, 0x31, 0x5D, 0xC1], "one increment per block");
        let mut counter = [0xC3, 0x31, 0x5D, 0xBF];
        assert_eq!(lrp.decrypt(&mut counter, &hex::decode(ct_hex).unwrap()), pt);
    }

    #[test]
    fn an12304_cmac() {
        let cases = [
            ("8195088CE6C393708EBBE6C7914ECB0B", "BBD5B85772C7", "AD8595E0B49C5C0DB18E77355F5AAFF6"),
            ("E2F84A0B0AF40EFEB3EEA215A436605C", "8BF1DDA9FE445560A4F4EB9CE0", "D04382DF71BC293FEC4BB10BDB13805F"),
            (
                "5AA9F6C6DE5138113DF5D6B6C77D5D52",
                "A4434D740C2CB665FE5396959189383F",
                "8B43ADF767E46B692E8F24E837CB5EFC",
            ),
        ];
        for (key, msg, mac) in cases {
            let lrp = Lrp::new(&block(key), 0);
            assert_eq!(upper(&lrp.cmac(&hex::decode(msg).unwrap())), mac, "key {key}");
        }
    }

    #[test]
    fn cmac_subkey_is_k0_times_four() {
        // AN12304: K2 = 4·K0 in GF(2^128).
        let lrp = Lrp::new(&block("8195088CE6C393708EBBE6C7914ECB0B"), 0);
        let k0 = lrp.eval(&[0u8; 16]);
        assert_eq!(upper(&gf_double(&gf_double(&k0))), "2D22571A33B2965A9B49FF4395A43046");
    }

    #[test]
    fn counter_increments_big_endian_and_wraps() {
        let cases: [(&[u8], &[u8]); 5] = [
            (&[0x00], &[0x01]),
            (&[0xFF], &[0x00]),
            (&[0x12, 0x11], &[0x12, 0x12]),
            (&[0x00, 0xFF], &[0x01, 0x00]),
            (&[0xFF, 0xFF, 0xFF, 0xFF], &[0, 0, 0, 0]),
        ];
        for (from, to) in cases {
            let mut c = from.to_vec();
            increment(&mut c);
            assert_eq!(c, to);
        }
    }
}
