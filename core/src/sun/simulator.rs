//! A tag simulator: produces exactly what an NTAG 424 DNA writes into its URL
//! for given keys, UID, counter and file data. Tests, the demo seed and makers
//! (`cargo xtask tag simulate`) use it to make tappable dynamic URLs.

use super::primitives::{aes_cbc_encrypt, aes_cmac, aes_encrypt, to_hex_upper};
use super::{
    aes_session_vector, ctr_le3, sdm_mac, session_data, session_mac_key, KeySource, Lrp, Mode, SunError, TagUid,
    MAX_READ_COUNTER,
};

/// What the chip is set up to write on this tap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TapSpec {
    pub mode: Mode,
    pub uid: TagUid,
    pub read_ctr: u32,
    /// Plain file data to encrypt (whole 16-byte blocks), if SDMENCFileData is on.
    pub file_data: Option<Vec<u8>>,
    /// The MAC input as a template: `{picc}` and `{file}` stand for the upper-case hex
    /// the chip mirrors. Empty when the MAC input offset equals the MAC offset.
    pub mac_input: String,
    /// The chip's randomness: PICCRand (LRP, bytes 0..8) and the PICC data padding.
    pub random: [u8; 16],
}

/// The chip's output, as upper-case hex (what appears in the URL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimulatedTap {
    pub picc_data: String,
    pub enc_file_data: Option<String>,
    pub cmac: String,
    /// The MAC input with the template filled in.
    pub mac_input: String,
}

pub fn simulate(keys: &KeySource, spec: &TapSpec) -> Result<SimulatedTap, SunError> {
    if spec.read_ctr > MAX_READ_COUNTER {
        return Err(SunError::CounterOutOfRange(spec.read_ctr));
    }
    if let Some(f) = &spec.file_data {
        if f.is_empty() || f.len() % 16 != 0 {
            return Err(SunError::NotWholeBlocks { field: "file_data", got: f.len() * 2 });
        }
    }
    let ctr = ctr_le3(spec.read_ctr);
    let mut plain = [0u8; 16];
    plain[0] = 0xC7; // UID and counter mirrored, 7-byte UID
    plain[1..8].copy_from_slice(&spec.uid.0);
    plain[8..11].copy_from_slice(&ctr);
    plain[11..16].copy_from_slice(&spec.random[8..13]);

    let meta = keys.meta_read_key();
    let picc = match spec.mode {
        Mode::Aes => aes_encrypt(&meta.0, &plain).to_vec(),
        Mode::Lrp => {
            let mut counter = [0u8; 8];
            counter.copy_from_slice(&spec.random[..8]);
            let mut out = counter.to_vec();
            out.extend(Lrp::new(&meta.0, 0).encrypt(&mut counter, &plain));
            out
        }
    };

    let file_key = keys.file_read_key(Some(&spec.uid));
    let sd = session_data(Some(&spec.uid), Some(spec.read_ctr));
    let enc_file = spec.file_data.as_ref().map(|data| match spec.mode {
        Mode::Aes => {
            let enc_key = aes_cmac(&file_key.0, &aes_session_vector([0xC3, 0x3C], &sd));
            let mut iv_in = [0u8; 16];
            iv_in[..3].copy_from_slice(&ctr);
            aes_cbc_encrypt(&enc_key, &aes_encrypt(&enc_key, &iv_in), data)
        }
        Mode::Lrp => {
            let session = session_mac_key(spec.mode, &file_key, &sd);
            let mut counter = [ctr[0], ctr[1], ctr[2], 0, 0, 0];
            Lrp::new(&session, 1).encrypt(&mut counter, data)
        }
    });

    let picc_data = to_hex_upper(&picc);
    let enc_file_data = enc_file.map(|f| to_hex_upper(&f));
    let mac_input =
        spec.mac_input.replace("{picc}", &picc_data).replace("{file}", enc_file_data.as_deref().unwrap_or_default());
    let cmac = sdm_mac(spec.mode, &file_key, Some(&spec.uid), Some(spec.read_ctr), mac_input.as_bytes());
    Ok(SimulatedTap { picc_data, enc_file_data, cmac: to_hex_upper(&cmac), mac_input })
}
