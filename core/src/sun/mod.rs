//! NTAG 424 DNA Secure Unique NFC (SUN/SDM) verification, from NXP AN12196 (SDM)
//! and AN12304 (LRP). Every tap writes a fresh URL: encrypted PICC data (UID and
//! read counter), optionally encrypted file data, and a truncated CMAC.
//!
//! Everything here is pure computation; inputs from URLs end in `Ok` or a typed
//! [`SunError`], never a panic.

mod an10922;
mod error;
mod lrp;
pub mod plan;
mod primitives;
mod simulator;

pub use an10922::diversify;
pub use error::SunError;
pub use lrp::Lrp;
pub use primitives::{parse_hex, Key16};
pub use simulator::{simulate, SimulatedTap, TapSpec};

use primitives::{aes_cbc_decrypt, aes_cmac, aes_encrypt, parse_hex_array, to_hex_upper, truncate_mac, Block};
use subtle::ConstantTimeEq;

/// How the chip encrypts and MACs: AES-128 or LRP-128 (AN12304).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    Aes,
    Lrp,
}

impl Mode {
    /// Hex characters of the encrypted PICC data in this mode.
    pub const fn picc_hex_len(self) -> usize {
        match self {
            Mode::Aes => 32,
            Mode::Lrp => 48,
        }
    }
}

/// A 7-byte NTAG 424 DNA UID (the only UID length the chip has).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TagUid(pub [u8; 7]);

impl TagUid {
    pub fn parse_hex(s: &str) -> Result<Self, SunError> {
        parse_hex_array("uid", s).map(Self)
    }

    pub fn to_hex(&self) -> String {
        to_hex_upper(&self.0)
    }

    /// The same chip (constant time, as every comparison in a tap's check).
    pub fn is(&self, other: &TagUid) -> bool {
        bool::from(self.0.ct_eq(&other.0))
    }
}

/// The largest value of the 24-bit SDMReadCtr.
pub const MAX_READ_COUNTER: u32 = 0x00FF_FFFF;

/// Where a record's SUN keys come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    /// Keys stored for this record.
    Explicit { meta_read: Key16, file_read: Key16 },
    /// Keys diversified from a master key with AN10922 (see [`derive_tag_key`]).
    Derived { master: Key16 },
    /// The same with a key version in the diversification input (see
    /// [`derive_versioned_key`]; version 0 is `Derived`): what records keyed
    /// by derivation carry, and what personalization plans program.
    Versioned { master: Key16, version: u8 },
}

/// Application identifier and system identifier that enter every diversification.
pub const SENZU_AID: [u8; 3] = [0x53, 0x5A, 0x01];
pub const SENZU_SYSTEM_ID: &[u8; 5] = b"Senzu";
/// Key numbers on the chip: 0 application master, 1 SDM meta read, 2 SDM file read.
pub const KEY_NO_MASTER: u8 = 0;
pub const KEY_NO_META_READ: u8 = 1;
pub const KEY_NO_FILE_READ: u8 = 2;

/// AN10922 AES-128 diversification of key number `key_no`: the input is
/// UID || AID || system identifier || key number. The meta read key decrypts
/// the UID, so it cannot depend on it: it is derived with `uid = None`.
pub fn derive_tag_key(master: &Key16, uid: Option<&TagUid>, key_no: u8) -> Key16 {
    let mut input = Vec::with_capacity(16);
    if let Some(uid) = uid {
        input.extend_from_slice(&uid.0);
    }
    input.extend_from_slice(&SENZU_AID);
    input.extend_from_slice(SENZU_SYSTEM_ID);
    input.push(key_no);
    diversify(master, &input)
}

/// [`derive_tag_key`] with the key version appended to the input (UID || AID ||
/// system identifier || key number || key version, 17 bytes at most): rotating
/// a batch to a new version gives every chip new keys from the same master.
/// Version 0 is the input without a version byte, what every chip was encoded
/// with before versions existed: those chips are records at version 0.
pub fn derive_versioned_key(master: &Key16, uid: Option<&TagUid>, key_no: u8, version: u8) -> Key16 {
    if version == 0 {
        return derive_tag_key(master, uid, key_no);
    }
    let mut input = Vec::with_capacity(17);
    if let Some(uid) = uid {
        input.extend_from_slice(&uid.0);
    }
    input.extend_from_slice(&SENZU_AID);
    input.extend_from_slice(SENZU_SYSTEM_ID);
    input.push(key_no);
    input.push(version);
    diversify(master, &input)
}

impl KeySource {
    pub fn meta_read_key(&self) -> Key16 {
        match self {
            KeySource::Explicit { meta_read, .. } => *meta_read,
            KeySource::Derived { master } => derive_tag_key(master, None, KEY_NO_META_READ),
            KeySource::Versioned { master, version } => derive_versioned_key(master, None, KEY_NO_META_READ, *version),
        }
    }

    pub fn file_read_key(&self, uid: Option<&TagUid>) -> Key16 {
        match self {
            KeySource::Explicit { file_read, .. } => *file_read,
            KeySource::Derived { master } => derive_tag_key(master, uid, KEY_NO_FILE_READ),
            KeySource::Versioned { master, version } => derive_versioned_key(master, uid, KEY_NO_FILE_READ, *version),
        }
    }
}

/// A SUN message as found in a URL, parsed but not yet verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SunMessage {
    pub mode: Mode,
    /// AES: 16 encrypted bytes. LRP: 8-byte PICCRand then 16 encrypted bytes.
    pub picc_data: Vec<u8>,
    pub enc_file_data: Option<Vec<u8>>,
    pub cmac: [u8; 8],
}

impl SunMessage {
    pub fn parse(mode: Mode, picc_hex: &str, enc_file_hex: Option<&str>, cmac_hex: &str) -> Result<Self, SunError> {
        if picc_hex.len() != mode.picc_hex_len() {
            return Err(SunError::WrongLength {
                field: "picc_data",
                expected: mode.picc_hex_len(),
                got: picc_hex.len(),
            });
        }
        let picc_data = parse_hex("picc_data", picc_hex)?;
        let enc_file_data = match enc_file_hex {
            None => None,
            Some(h) if h.is_empty() || h.len() % 32 != 0 => {
                return Err(SunError::NotWholeBlocks { field: "enc_file_data", got: h.len() })
            }
            Some(h) => Some(parse_hex("enc_file_data", h)?),
        };
        let cmac = parse_hex_array("cmac", cmac_hex)?;
        Ok(Self { mode, picc_data, enc_file_data, cmac })
    }
}

/// What a verified tap tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SunData {
    pub picc_data_tag: u8,
    pub uid: Option<TagUid>,
    pub read_ctr: Option<u32>,
    pub file_data: Option<Vec<u8>>,
}

/// The decrypted PICC data, before the MAC check.
struct PiccPlain {
    tag: u8,
    uid: Option<TagUid>,
    read_ctr: Option<u32>,
}

const TAG_UID_MIRROR: u8 = 0x80;
const TAG_CTR_MIRROR: u8 = 0x40;
const TAG_RFU: u8 = 0x30;

fn parse_picc_plain(p: &Block) -> Result<PiccPlain, SunError> {
    let tag = p[0];
    if tag & TAG_RFU != 0 || tag & (TAG_UID_MIRROR | TAG_CTR_MIRROR) == 0 {
        return Err(SunError::UnsupportedPiccDataTag(tag));
    }
    let mut at = 1;
    let uid = if tag & TAG_UID_MIRROR != 0 {
        let len = tag & 0x0F;
        if len != 7 {
            return Err(SunError::UnsupportedUidLength(len));
        }
        let mut uid = [0u8; 7];
        uid.copy_from_slice(&p[1..8]);
        at = 8;
        Some(TagUid(uid))
    } else {
        None
    };
    let read_ctr = (tag & TAG_CTR_MIRROR != 0).then(|| u32::from_le_bytes([p[at], p[at + 1], p[at + 2], 0]));
    Ok(PiccPlain { tag, uid, read_ctr })
}

/// UID || SDMReadCtr (least significant byte first), as far as mirrored: the
/// data that enters the session vectors.
fn session_data(uid: Option<&TagUid>, read_ctr: Option<u32>) -> Vec<u8> {
    let mut v = Vec::with_capacity(10);
    if let Some(uid) = uid {
        v.extend_from_slice(&uid.0);
    }
    if let Some(c) = read_ctr {
        v.extend_from_slice(&c.to_le_bytes()[..3]);
    }
    v
}

/// AES session vector: 6-byte label, data, zero padding to 16 bytes.
fn aes_session_vector(label: [u8; 2], data: &[u8]) -> Vec<u8> {
    let mut sv = vec![label[0], label[1], 0x00, 0x01, 0x00, 0x80];
    sv.extend_from_slice(data);
    sv.resize(sv.len().div_ceil(16) * 16, 0);
    sv
}

/// LRP session vector: 00 01 00 80, data, zero padding, then 1E E1 to a whole block.
fn lrp_session_vector(data: &[u8]) -> Vec<u8> {
    let mut sv = vec![0x00, 0x01, 0x00, 0x80];
    sv.extend_from_slice(data);
    while (sv.len() + 2) % 16 != 0 {
        sv.push(0);
    }
    sv.extend_from_slice(&[0x1E, 0xE1]);
    sv
}

/// The session MAC key: AES KSesSDMFileReadMAC, or the LRP session master key.
fn session_mac_key(mode: Mode, file_key: &Key16, data: &[u8]) -> Block {
    match mode {
        Mode::Aes => aes_cmac(&file_key.0, &aes_session_vector([0x3C, 0xC3], data)),
        Mode::Lrp => Lrp::new(&file_key.0, 0).cmac(&lrp_session_vector(data)),
    }
}

/// The full (untruncated) SDMMAC over `mac_input`.
fn full_mac(mode: Mode, session_key: &Block, mac_input: &[u8]) -> Block {
    match mode {
        Mode::Aes => aes_cmac(session_key, mac_input),
        Mode::Lrp => Lrp::new(session_key, 0).cmac(mac_input),
    }
}

/// The 8-byte SDMMAC the chip writes.
pub fn sdm_mac(mode: Mode, file_key: &Key16, uid: Option<&TagUid>, read_ctr: Option<u32>, mac_input: &[u8]) -> [u8; 8] {
    let session = session_mac_key(mode, file_key, &session_data(uid, read_ctr));
    truncate_mac(&full_mac(mode, &session, mac_input))
}

fn ctr_le3(c: u32) -> [u8; 3] {
    let b = c.to_le_bytes();
    [b[0], b[1], b[2]]
}

/// Decrypts SDMENCFileData (AN12196 section 3.4.3; LRP: counter mode with updated key 1).
fn decrypt_file_data(mode: Mode, file_key: &Key16, uid: &TagUid, read_ctr: u32, data: &[u8]) -> Vec<u8> {
    let sd = session_data(Some(uid), Some(read_ctr));
    let c = ctr_le3(read_ctr);
    match mode {
        Mode::Aes => {
            let enc_key = aes_cmac(&file_key.0, &aes_session_vector([0xC3, 0x3C], &sd));
            let iv = aes_encrypt(&enc_key, &[c[0], c[1], c[2], 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            aes_cbc_decrypt(&enc_key, &iv, data)
        }
        Mode::Lrp => {
            let session = session_mac_key(mode, file_key, &sd);
            let mut counter = [c[0], c[1], c[2], 0, 0, 0];
            Lrp::new(&session, 1).decrypt(&mut counter, data)
        }
    }
}

fn decrypt_picc(mode: Mode, meta_key: &Key16, picc_data: &[u8]) -> Block {
    let out = match mode {
        Mode::Aes => aes_cbc_decrypt(&meta_key.0, &[0u8; 16], picc_data),
        Mode::Lrp => {
            let (rand, enc) = picc_data.split_at(8);
            let mut counter = [0u8; 8];
            counter.copy_from_slice(rand);
            Lrp::new(&meta_key.0, 0).decrypt(&mut counter, enc)
        }
    };
    let mut block = [0u8; 16];
    block.copy_from_slice(&out[..16]);
    block
}

/// Verifies a SUN message. `mac_input` is the ASCII the chip MACed: the URL text
/// between the SDM MAC input offset and the MAC offset (empty when they are equal).
pub fn verify(keys: &KeySource, msg: &SunMessage, mac_input: &[u8]) -> Result<SunData, SunError> {
    let mode = msg.mode;
    let plain = decrypt_picc(mode, &keys.meta_read_key(), &msg.picc_data);
    let picc = match parse_picc_plain(&plain) {
        Ok(p) => p,
        Err(e) => {
            // Spend the same work as a MAC check, so timing does not tell which check failed.
            let dummy = sdm_mac(mode, &Key16(plain), None, Some(0), mac_input);
            std::hint::black_box(dummy);
            return Err(e);
        }
    };
    if msg.enc_file_data.is_some() && (picc.uid.is_none() || picc.read_ctr.is_none()) {
        return Err(SunError::FileDataNeedsUidAndCounter);
    }
    let file_key = keys.file_read_key(picc.uid.as_ref());
    let expected = sdm_mac(mode, &file_key, picc.uid.as_ref(), picc.read_ctr, mac_input);
    if !bool::from(expected.ct_eq(&msg.cmac)) {
        return Err(SunError::BadMac);
    }
    let file_data = match (&msg.enc_file_data, picc.uid, picc.read_ctr) {
        (Some(enc), Some(uid), Some(ctr)) => Some(decrypt_file_data(mode, &file_key, &uid, ctr, enc)),
        _ => None,
    };
    Ok(SunData { picc_data_tag: picc.tag, uid: picc.uid, read_ctr: picc.read_ctr, file_data })
}

/// Verifies a tap presented at the record bound to chip `tag`. A signature is
/// not enough: the meta read key may be shared by many chips (derived keys, or a
/// maker's explicit keys), so a genuine tap of chip A would otherwise open any
/// record B. The tap must mirror a UID and it must be `tag` (constant time).
/// The caller moves the counter only after this succeeds.
pub fn verify_bound(keys: &KeySource, msg: &SunMessage, mac_input: &[u8], tag: &TagUid) -> Result<SunData, SunError> {
    let data = verify(keys, msg, mac_input)?;
    match &data.uid {
        None => Err(SunError::UidNotMirrored),
        Some(uid) if uid.is(tag) => Ok(data),
        Some(_) => Err(SunError::OtherTag),
    }
}

/// Verifies plain mirroring: UID and counter in clear, with the SDMMAC over `mac_input`.
pub fn verify_plain(
    keys: &KeySource,
    mode: Mode,
    uid: &TagUid,
    read_ctr: u32,
    cmac: &[u8; 8],
    mac_input: &[u8],
) -> Result<(), SunError> {
    if read_ctr > MAX_READ_COUNTER {
        return Err(SunError::CounterOutOfRange(read_ctr));
    }
    let file_key = keys.file_read_key(Some(uid));
    let expected = sdm_mac(mode, &file_key, Some(uid), Some(read_ctr), mac_input);
    if bool::from(expected.ct_eq(cmac)) {
        Ok(())
    } else {
        Err(SunError::BadMac)
    }
}

#[cfg(test)]
mod tests;
