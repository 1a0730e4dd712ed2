//! Secure Dynamic Messaging on the card side: the SDM part of file settings as
//! ChangeFileSettings sends it (NT4H2421Gx §10.7.1), and the mirroring a read
//! of the file triggers (AN12196 §3, AN12321 §3 for LRP). Written from the
//! datasheet, not from core's verifier, so tests of one check the other.

use senzu_core::sun::Lrp;

use crate::crypto::{aes_cmac, aes_encrypt, cbc_encrypt, truncate, Block};

/// The SDM settings of a file, as far as this emulator mirrors them: PICC data
/// encrypted (UID and counter), the SDMMAC, optionally encrypted file data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sdm {
    pub options: u8,
    pub access: [u8; 2],
    pub meta_read_key: u8,
    pub file_read_key: u8,
    pub picc_data_offset: usize,
    pub mac_input_offset: usize,
    pub enc: Option<(usize, usize)>,
    pub mac_offset: usize,
    /// The wire bytes from SDMOptions on, for GetFileSettings.
    pub raw: Vec<u8>,
}

const UID_MIRROR: u8 = 0x80;
const CTR_MIRROR: u8 = 0x40;
const CTR_LIMIT: u8 = 0x20;
const ENC_FILE: u8 = 0x10;
const TT_MIRROR: u8 = 0x08;
const ASCII: u8 = 0x01;

/// Why SDM settings are refused (all answered as PARAMETER_ERROR).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported(pub &'static str);

fn u24(b: &[u8]) -> usize {
    usize::from(b[0]) | usize::from(b[1]) << 8 | usize::from(b[2]) << 16
}

impl Sdm {
    /// Parses the bytes after FileOption and AccessRights, for a file of `file_size` bytes.
    pub fn parse(b: &[u8], file_size: usize, picc_len: usize) -> Result<Self, Unsupported> {
        let [options, a0, a1, rest @ ..] = b else { return Err(Unsupported("SDM settings too short")) };
        let (options, access) = (*options, [*a0, *a1]);
        if options & 0x07 != ASCII {
            return Err(Unsupported("SDMOptions: only ASCII encoding exists"));
        }
        if options & (TT_MIRROR | CTR_LIMIT) != 0 {
            return Err(Unsupported("tag tamper mirroring and counter limits are not emulated"));
        }
        if a0 >> 4 != 0xF {
            return Err(Unsupported("SDMAccessRights RFU nibble must be F"));
        }
        let meta = a1 >> 4;
        let file = a1 & 0x0F;
        if meta > 4 || options & (UID_MIRROR | CTR_MIRROR) != UID_MIRROR | CTR_MIRROR || file > 4 {
            return Err(Unsupported("only encrypted UID and counter mirroring with a SDMMAC is emulated"));
        }
        let want = if options & ENC_FILE != 0 { 15 } else { 9 };
        if rest.len() != want {
            return Err(Unsupported("SDM offsets: wrong length"));
        }
        let picc = u24(&rest[0..3]);
        let mac_input = u24(&rest[3..6]);
        let (enc, mac) = if options & ENC_FILE != 0 {
            (Some((u24(&rest[6..9]), u24(&rest[9..12]))), u24(&rest[12..15]))
        } else {
            (None, u24(&rest[6..9]))
        };
        // The datasheet's ranges (§10.7.1, table 71): everything inside the file,
        // MAC input before the MAC, encrypted data inside the MAC input.
        if picc + picc_len > file_size || mac + 16 > file_size || mac_input > mac {
            return Err(Unsupported("SDM offset out of range"));
        }
        if let Some((at, len)) = enc {
            if len == 0 || len % 32 != 0 || at < mac_input || at + len > mac {
                return Err(Unsupported("SDMENCOffset/SDMENCLength out of range"));
            }
            if picc < at + len && at < picc + picc_len {
                return Err(Unsupported("encrypted file data overlaps the PICC data"));
            }
        }
        Ok(Sdm {
            options,
            access,
            meta_read_key: meta,
            file_read_key: file,
            picc_data_offset: picc,
            mac_input_offset: mac_input,
            enc,
            mac_offset: mac,
            raw: b.to_vec(),
        })
    }
}

fn hex_upper(b: &[u8]) -> Vec<u8> {
    const D: &[u8; 16] = b"0123456789ABCDEF";
    b.iter().flat_map(|x| [D[usize::from(x >> 4)], D[usize::from(x & 15)]]).collect()
}

/// KSesSDMFileReadMAC (AES) or the LRP session master key.
enum SessionMac {
    Aes(Block),
    Lrp(Block),
}

/// What a mirror needs from the card.
pub struct MirrorInput<'a> {
    pub lrp: bool,
    pub uid: &'a [u8; 7],
    pub read_ctr: u32,
    pub meta_key: &'a Block,
    pub file_key: &'a Block,
    /// PICCRand (LRP) in bytes 0..8, PICC data padding in 8..13.
    pub random: [u8; 16],
}

/// The file as a read returns it: PICC data, encrypted file data and SDMMAC
/// mirrored in; `None` if the settings no longer fit the file (the PICC data of
/// settings made in AES grows by 16 characters once the chip is in LRP).
pub fn mirror(sdm: &Sdm, file: &[u8], m: &MirrorInput) -> Option<Vec<u8>> {
    let picc_len = if m.lrp { 48 } else { 32 };
    let fits = |at: usize, len: usize| at.checked_add(len).is_some_and(|end| end <= file.len());
    if !fits(sdm.picc_data_offset, picc_len)
        || !fits(sdm.mac_offset, 16)
        || sdm.enc.is_some_and(|(at, len)| !fits(at, len))
        || sdm.mac_input_offset > sdm.mac_offset
    {
        return None;
    }
    let mut out = file.to_vec();
    let ctr = m.read_ctr.to_le_bytes();
    let ctr3 = [ctr[0], ctr[1], ctr[2]];

    // PICCDataTag C7: UID and counter, 7-byte UID (AN12196 §3.3).
    let mut plain = [0u8; 16];
    plain[0] = 0xC7;
    plain[1..8].copy_from_slice(m.uid);
    plain[8..11].copy_from_slice(&ctr3);
    plain[11..16].copy_from_slice(&m.random[8..13]);
    let picc = if m.lrp {
        let mut counter = [0u8; 8];
        counter.copy_from_slice(&m.random[..8]);
        let mut v = counter.to_vec();
        v.extend(Lrp::new(m.meta_key, 0).encrypt(&mut counter, &plain));
        v
    } else {
        aes_encrypt(m.meta_key, &plain).to_vec()
    };
    let picc_hex = hex_upper(&picc);
    out[sdm.picc_data_offset..sdm.picc_data_offset + picc_hex.len()].copy_from_slice(&picc_hex);

    // Session vectors over UID || SDMReadCtr (§9.3.9 / AN12321 §3.4).
    let mut data = m.uid.to_vec();
    data.extend_from_slice(&ctr3);
    let session = if m.lrp {
        let mut sv = vec![0x00, 0x01, 0x00, 0x80];
        sv.extend_from_slice(&data);
        sv.resize(14, 0);
        sv.extend_from_slice(&[0x1E, 0xE1]);
        let master = Lrp::new(m.file_key, 0).cmac(&sv);
        if let Some((at, len)) = sdm.enc {
            let mut counter = [ctr3[0], ctr3[1], ctr3[2], 0, 0, 0];
            let buf = Lrp::new(&master, 1).encrypt(&mut counter, &file[at..at + len / 2]);
            out[at..at + len].copy_from_slice(&hex_upper(&buf));
        }
        SessionMac::Lrp(master)
    } else {
        let sv = |label: [u8; 2]| {
            let mut v = vec![label[0], label[1], 0x00, 0x01, 0x00, 0x80];
            v.extend_from_slice(&data);
            v.resize(16, 0);
            v
        };
        if let Some((at, len)) = sdm.enc {
            let enc_key = aes_cmac(m.file_key, &sv([0xC3, 0x3C]));
            let mut iv_in = [0u8; 16];
            iv_in[..3].copy_from_slice(&ctr3);
            let iv = aes_encrypt(&enc_key, &iv_in);
            let mut buf = file[at..at + len / 2].to_vec();
            cbc_encrypt(&enc_key, &iv, &mut buf);
            out[at..at + len].copy_from_slice(&hex_upper(&buf));
        }
        SessionMac::Aes(aes_cmac(m.file_key, &sv([0x3C, 0xC3])))
    };
    // The MAC input is the mirrored text, so it is taken after the data above is in.
    let input = &out[sdm.mac_input_offset..sdm.mac_offset];
    let full = match session {
        SessionMac::Aes(k) => aes_cmac(&k, input),
        SessionMac::Lrp(master) => Lrp::new(&master, 0).cmac(input),
    };
    let mac_hex = hex_upper(&truncate(&full));
    out[sdm.mac_offset..sdm.mac_offset + 16].copy_from_slice(&mac_hex);
    Some(out)
}
