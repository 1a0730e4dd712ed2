//! The card's side of EV2 secure messaging (NT4H2421Gx §9.1 AES, §9.2 LRP):
//! session keys from the authentication randoms, the truncated CMAC, and
//! command/response encryption.

use aes::cipher::{generic_array::GenericArray, BlockDecrypt, BlockEncrypt, KeyInit};
use aes::Aes128;
use cmac::{Cmac, Mac};
use senzu_core::sun::Lrp;

pub type Block = [u8; 16];

pub fn aes_encrypt(key: &Block, block: &Block) -> Block {
    let mut b = GenericArray::clone_from_slice(block);
    Aes128::new(GenericArray::from_slice(key)).encrypt_block(&mut b);
    b.into()
}

/// AES-CBC over whole blocks; the callers pad first.
pub fn cbc_encrypt(key: &Block, iv: &Block, data: &mut [u8]) {
    let cipher = Aes128::new(GenericArray::from_slice(key));
    let mut prev = *iv;
    for chunk in data.chunks_exact_mut(16) {
        for (b, p) in chunk.iter_mut().zip(prev) {
            *b ^= p;
        }
        let mut b = GenericArray::clone_from_slice(chunk);
        cipher.encrypt_block(&mut b);
        chunk.copy_from_slice(&b);
        prev.copy_from_slice(chunk);
    }
}

pub fn cbc_decrypt(key: &Block, iv: &Block, data: &mut [u8]) {
    let cipher = Aes128::new(GenericArray::from_slice(key));
    let mut prev = *iv;
    for chunk in data.chunks_exact_mut(16) {
        let mut saved = [0u8; 16];
        saved.copy_from_slice(chunk);
        let mut b = GenericArray::clone_from_slice(chunk);
        cipher.decrypt_block(&mut b);
        for (i, x) in chunk.iter_mut().enumerate() {
            *x = b[i] ^ prev[i];
        }
        prev = saved;
    }
}

pub fn aes_cmac(key: &Block, data: &[u8]) -> Block {
    let mut mac = <Cmac<Aes128> as KeyInit>::new(GenericArray::from_slice(key));
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// MACt: the odd-indexed bytes of the full CMAC.
pub fn truncate(full: &Block) -> [u8; 8] {
    std::array::from_fn(|i| full[2 * i + 1])
}

/// ISO/IEC 9797-1 padding method 2, always at least one byte.
pub fn pad_m2(data: &[u8]) -> Vec<u8> {
    let mut v = data.to_vec();
    v.push(0x80);
    v.resize(v.len().div_ceil(16) * 16, 0);
    v
}

/// The data before method-2 padding, or `None` if the padding is malformed.
pub fn unpad_m2(data: &[u8]) -> Option<&[u8]> {
    let end = data.iter().rposition(|&b| b != 0)?;
    (data[end] == 0x80).then(|| &data[..end])
}

/// The session of an authenticated channel.
pub enum Suite {
    Aes {
        enc: Block,
        mac: Block,
    },
    /// LRP keeps one encryption counter for both directions over the whole session.
    Lrp {
        mac: Box<Lrp>,
        enc: Box<Lrp>,
        enc_ctr: u32,
    },
}

/// SV1/SV2 of NT4H2421Gx §9.1.7 without the label (the AES and LRP vectors share the middle).
fn sv_middle(rnd_a: &Block, rnd_b: &Block) -> [u8; 26] {
    let mut m = [0u8; 26];
    m[0..4].copy_from_slice(&[0x00, 0x01, 0x00, 0x80]);
    m[4..6].copy_from_slice(&rnd_a[0..2]);
    for i in 0..6 {
        m[6 + i] = rnd_a[2 + i] ^ rnd_b[i];
    }
    m[12..22].copy_from_slice(&rnd_b[6..16]);
    m[22..26].copy_from_slice(&rnd_a[8..12]);
    m
}

impl Suite {
    pub fn aes(key: &Block, rnd_a: &Block, rnd_b: &Block) -> Self {
        let sv = |label: [u8; 2]| {
            let mut v = [0u8; 32];
            v[0..2].copy_from_slice(&label);
            v[2..28].copy_from_slice(&sv_middle(rnd_a, rnd_b));
            v[28..32].copy_from_slice(&rnd_a[12..16]);
            v
        };
        Suite::Aes { enc: aes_cmac(key, &sv([0xA5, 0x5A])), mac: aes_cmac(key, &sv([0x5A, 0xA5])) }
    }

    /// §9.2.7: SV = 00 01 00 80 || … || 96 69, KSesAuthMaster = CMAC_LRP(K, SV).
    pub fn lrp(key: &Block, rnd_a: &Block, rnd_b: &Block) -> Self {
        let mut sv = [0u8; 32];
        sv[0..26].copy_from_slice(&sv_middle(rnd_a, rnd_b));
        sv[26..30].copy_from_slice(&rnd_a[12..16]);
        sv[30..32].copy_from_slice(&[0x96, 0x69]);
        let master = Lrp::new(key, 0).cmac(&sv);
        Suite::Lrp { mac: Box::new(Lrp::new(&master, 0)), enc: Box::new(Lrp::new(&master, 1)), enc_ctr: 0 }
    }

    pub fn mac_full(&self, data: &[u8]) -> Block {
        match self {
            Suite::Aes { mac, .. } => aes_cmac(mac, data),
            Suite::Lrp { mac, .. } => mac.cmac(data),
        }
    }

    pub fn mac(&self, data: &[u8]) -> [u8; 8] {
        truncate(&self.mac_full(data))
    }

    /// AES IV: E(KSesAuthENC, label || TI || CmdCtr || zeros).
    fn iv(enc: &Block, label: [u8; 2], ti: &[u8; 4], ctr: u16) -> Block {
        let mut input = [0u8; 16];
        input[0..2].copy_from_slice(&label);
        input[2..6].copy_from_slice(ti);
        input[6..8].copy_from_slice(&ctr.to_le_bytes());
        aes_encrypt(enc, &input)
    }

    /// Encrypts a response (`ctr` is the incremented command counter); `data` is whole blocks.
    pub fn encrypt_response(&mut self, ti: &[u8; 4], ctr: u16, data: &mut Vec<u8>) {
        match self {
            Suite::Aes { enc, .. } => {
                let iv = Self::iv(enc, [0x5A, 0xA5], ti, ctr);
                cbc_encrypt(enc, &iv, data);
            }
            Suite::Lrp { enc, enc_ctr, .. } => {
                let mut c = enc_ctr.to_be_bytes();
                *data = enc.encrypt(&mut c, data);
                *enc_ctr = u32::from_be_bytes(c);
            }
        }
    }

    /// Decrypts a command's data (`ctr` is the current command counter); `data` is whole blocks.
    pub fn decrypt_command(&mut self, ti: &[u8; 4], ctr: u16, data: &mut Vec<u8>) {
        match self {
            Suite::Aes { enc, .. } => {
                let iv = Self::iv(enc, [0xA5, 0x5A], ti, ctr);
                cbc_decrypt(enc, &iv, data);
            }
            Suite::Lrp { enc, enc_ctr, .. } => {
                let mut c = enc_ctr.to_be_bytes();
                *data = enc.decrypt(&mut c, data);
                *enc_ctr = u32::from_be_bytes(c);
            }
        }
    }

    /// LRP's first authentication encrypts PICCData under the new session at counter 0.
    pub fn lrp_encrypt_picc_data(&mut self, data: &mut Vec<u8>) {
        if let Suite::Lrp { enc, enc_ctr, .. } = self {
            let mut c = enc_ctr.to_be_bytes();
            *data = enc.encrypt(&mut c, data);
            *enc_ctr = u32::from_be_bytes(c);
        }
    }
}

/// CRC32 as ChangeKey sends it (IEEE 802.3 polynomial, no final inversion, LSB first).
pub fn crc32(data: &[u8]) -> [u8; 4] {
    let mut crc: u32 = 0xFFFF_FFFF;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    crc.to_le_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(s: &str) -> Block {
        hex::decode(s).unwrap().try_into().unwrap()
    }

    #[test]
    fn an12196_session_keys() {
        // AN12196 §5.6 (Table 14): key 0 all zero.
        let s = Suite::aes(
            &[0; 16],
            &block("13C5DB8A5930439FC3DEF9A4C675360F"),
            &block("B9E2FC789B64BF237CCCAA20EC7E6E48"),
        );
        let Suite::Aes { enc, mac } = s else { unreachable!() };
        assert_eq!(hex::encode_upper(enc), "1309C877509E5A215007FF0ED19CA564");
        assert_eq!(hex::encode_upper(mac), "4C6626F5E72EA694202139295C7A7FC7");
    }

    #[test]
    fn padding_round_trips_and_refuses_garbage() {
        assert_eq!(pad_m2(&[1, 2]).len(), 16);
        assert_eq!(pad_m2(&[0; 16]).len(), 32);
        assert_eq!(unpad_m2(&pad_m2(&[1, 0, 2])), Some(&[1, 0, 2][..]));
        assert_eq!(unpad_m2(&[0; 16]), None);
        assert_eq!(unpad_m2(&[1; 16]), None);
    }
}
