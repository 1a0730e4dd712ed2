//! Personalization plans: what to write onto one NTAG 424 DNA for one record.
//!
//! A plan is pure data, made before any chip is at hand: the NDEF file (an NFC
//! Forum URI record whose SUN placeholders are ASCII zeros), the SDM file
//! settings for file 02 (the ChangeFileSettings payload, NT4H2421Gx §10.7.1),
//! and the key for each key slot. It is serializable, so the worker, `cargo
//! xtask tag program` and a factory's own encoder read the same JSON.
//!
//! The URL is the one the worker accepts today (see `entry::PlayRef`):
//! `https://{host}/p/{id_record}@{picc}:{cmac}`, the SDMMAC over an empty MAC
//! input (SDMMACInputOffset = SDMMACOffset). With encrypted file data it is
//! `…@{picc}.{file}:{cmac}`, the MAC over `{file}:` (the datasheet requires the
//! MAC input to start at or before the encrypted data).
//!
//! Offsets count from the first byte of the NDEF file, NLEN included, as the
//! chip counts them (AN12196 §3: PICCDataOffset 0x20 for `https://choose.url.com/ntag424?e=`).

use serde::{Deserialize, Serialize};

use super::{derive_versioned_key, Key16, KeySource, Mode, TagUid, KEY_NO_FILE_READ, KEY_NO_MASTER, KEY_NO_META_READ};

/// NDEF file (file 02) size on NTAG 424 DNA.
pub const NDEF_FILE_SIZE: usize = 256;
/// NLEN (2), record header, type length, payload length, type `U`, URI code: where the URI text starts.
pub const URI_TEXT_OFFSET: usize = 7;
/// The URI identifier code for `https://` (NFC Forum URI RTD, table 3).
const URI_CODE_HTTPS: u8 = 0x04;
/// File 02 access rights: read free, write / read-write / change with key 0 (bytes as sent, LSB first).
pub const NDEF_ACCESS_RIGHTS: [u8; 2] = [0x00, 0xE0];
/// SDM access rights: counter retrieval denied (F), meta read key 1, file read key 2 (LSB first).
pub const SDM_ACCESS_RIGHTS: [u8; 2] = [0xFF, 0x12];
/// Hex characters of the SDMMAC.
pub const CMAC_HEX_LEN: usize = 16;

/// Where the SUN keys of a plan come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PlanKeys {
    /// The record's own keys, the same on every chip it is written to.
    Explicit {
        #[serde(with = "key_hex")]
        app_master: Key16,
        #[serde(with = "key_hex")]
        meta_read: Key16,
        #[serde(with = "key_hex")]
        file_read: Key16,
    },
    /// AN10922 keys from the deployment's master key and the plan's key version.
    /// Slots 0 and 2 depend on the chip's UID, so they are known only once the
    /// chip is read; the master key itself never goes into the plan.
    Derived {
        #[serde(with = "key_hex")]
        master: Key16,
    },
}

impl PlanKeys {
    /// The keys the worker verifies this plan's taps with.
    pub fn key_source(&self, key_version: u8) -> KeySource {
        match self {
            PlanKeys::Explicit { meta_read, file_read, .. } => {
                KeySource::Explicit { meta_read: *meta_read, file_read: *file_read }
            }
            PlanKeys::Derived { master } => KeySource::Versioned { master: *master, version: key_version },
        }
    }
}

/// Everything a plan is made from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanInput {
    pub id_record: i64,
    /// The deployment's host name, e.g. `senzu.app` (no scheme, no path).
    pub host: String,
    pub keys: PlanKeys,
    pub key_version: u8,
    pub mode: PlanMode,
    /// Plain data the chip encrypts into each tap (SDMENCFileData), whole 16-byte blocks.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_hex")]
    pub file_data: Option<Vec<u8>>,
}

/// [`Mode`] as it appears in plans: `aes` or `lrp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanMode {
    Aes,
    Lrp,
}

impl From<PlanMode> for Mode {
    fn from(m: PlanMode) -> Self {
        match m {
            PlanMode::Aes => Mode::Aes,
            PlanMode::Lrp => Mode::Lrp,
        }
    }
}

/// The SDM part of file 02's settings, with the payload ChangeFileSettings sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileSettingsPlan {
    /// FileNo-less ChangeFileSettings payload: FileOption, AccessRights, SDMOptions,
    /// SDMAccessRights, PICCDataOffset, SDMMACInputOffset, [SDMENCOffset, SDMENCLength,]
    /// SDMMACOffset (3-byte fields LSB first).
    #[serde(with = "hex_bytes")]
    pub payload: Vec<u8>,
    pub picc_data_offset: u32,
    pub mac_input_offset: u32,
    pub mac_offset: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enc_file_data: Option<EncFileData>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EncFileData {
    pub offset: u32,
    /// In hex characters, as SDMENCLength counts (twice the plain bytes).
    pub length: u32,
}

/// What goes into one key slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SlotKey {
    /// This key, whatever the chip.
    Fixed {
        #[serde(with = "key_hex")]
        key: Key16,
    },
    /// [`derive_versioned_key`] of the chip's UID, this slot number and the plan's
    /// key version, computed by whoever holds the master key at programming time.
    PerTag,
    /// Left at its factory value.
    Unchanged,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeySlot {
    pub slot: u8,
    pub key: SlotKey,
}

/// One record's personalization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub id_record: i64,
    pub mode: PlanMode,
    pub key_version: u8,
    /// The URL with `{picc}`, `{cmac}` (and `{file}`) where the chip mirrors.
    pub url_template: String,
    /// The whole NDEF file: NLEN, then the URI record with ASCII zeros as placeholders.
    #[serde(with = "hex_bytes")]
    pub ndef_file: Vec<u8>,
    pub file_settings: FileSettingsPlan,
    /// Slots 0 (application master), 1 (SDM meta read), 2 (SDM file read), 3 and 4 (unchanged).
    pub key_slots: Vec<KeySlot>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("id_record must be positive, got {0}")]
    BadRecordId(i64),
    #[error("host `{0}` is not a bare host name")]
    BadHost(String),
    #[error("file data must be a non-empty multiple of 16 bytes, got {0}")]
    FileDataNotWholeBlocks(usize),
    #[error("the NDEF file would be {0} bytes, more than the chip's {NDEF_FILE_SIZE}")]
    TooLong(usize),
    #[error("slot {0} is derived per tag: programming it needs the master key")]
    MasterKeyNeeded(u8),
}

fn valid_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 253
        && host.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'))
}

fn le3(v: usize) -> [u8; 3] {
    let b = (v as u32).to_le_bytes();
    [b[0], b[1], b[2]]
}

/// Makes the plan of one record. Errors name the input that cannot be planned.
pub fn plan(input: &PlanInput) -> Result<Plan, PlanError> {
    if input.id_record <= 0 {
        return Err(PlanError::BadRecordId(input.id_record));
    }
    if !valid_host(&input.host) {
        return Err(PlanError::BadHost(input.host.chars().take(40).collect()));
    }
    if let Some(f) = &input.file_data {
        if f.is_empty() || !f.len().is_multiple_of(16) {
            return Err(PlanError::FileDataNotWholeBlocks(f.len()));
        }
    }
    let picc_len = Mode::from(input.mode).picc_hex_len();
    let prefix = format!("{}/p/{}@", input.host, input.id_record);

    // The URI text after `https://`, placeholders as ASCII zeros, and where each lands.
    let mut text = prefix.into_bytes();
    let picc_at = URI_TEXT_OFFSET + text.len();
    text.resize(text.len() + picc_len, b'0');
    let mut template = format!("https://{}/p/{}@{{picc}}", input.host, input.id_record);
    let enc = input.file_data.as_ref().map(|data| {
        text.push(b'.');
        let at = URI_TEXT_OFFSET + text.len();
        // The chip encrypts the first SDMENCLength/2 bytes at SDMENCOffset: the
        // plain data goes there, the rest of the window is overwritten by the mirror.
        text.extend_from_slice(data);
        text.resize(text.len() + data.len(), b'0');
        template.push_str(".{file}");
        EncFileData { offset: at as u32, length: (2 * data.len()) as u32 }
    });
    text.push(b':');
    let mac_at = URI_TEXT_OFFSET + text.len();
    text.resize(text.len() + CMAC_HEX_LEN, b'0');
    template.push_str(":{cmac}");
    let mac_input_at = enc.map_or(mac_at, |e| e.offset as usize);

    let file_len = URI_TEXT_OFFSET + text.len();
    if file_len > NDEF_FILE_SIZE {
        return Err(PlanError::TooLong(file_len));
    }
    // Short record: payload (URI code + text) fits one byte, since the file is 256 bytes.
    let payload_len = 1 + text.len();
    let message_len = 4 + payload_len;
    let mut ndef = Vec::with_capacity(file_len);
    ndef.extend_from_slice(&(message_len as u16).to_be_bytes());
    ndef.extend_from_slice(&[0xD1, 0x01, payload_len as u8, b'U', URI_CODE_HTTPS]);
    ndef.extend_from_slice(&text);

    // UID and counter mirrored, encrypted (meta read key 1), ASCII; bit 4 with file data.
    let sdm_options = if enc.is_some() { 0xD1 } else { 0xC1 };
    let mut payload = vec![0x40, NDEF_ACCESS_RIGHTS[0], NDEF_ACCESS_RIGHTS[1], sdm_options];
    payload.extend_from_slice(&SDM_ACCESS_RIGHTS);
    payload.extend_from_slice(&le3(picc_at));
    payload.extend_from_slice(&le3(mac_input_at));
    if let Some(e) = enc {
        payload.extend_from_slice(&le3(e.offset as usize));
        payload.extend_from_slice(&le3(e.length as usize));
    }
    payload.extend_from_slice(&le3(mac_at));

    let slots = match &input.keys {
        PlanKeys::Explicit { app_master, meta_read, file_read } => [
            SlotKey::Fixed { key: *app_master },
            SlotKey::Fixed { key: *meta_read },
            SlotKey::Fixed { key: *file_read },
        ],
        PlanKeys::Derived { master } => [
            SlotKey::PerTag,
            // The meta read key decrypts the UID, so it cannot depend on it.
            SlotKey::Fixed { key: derive_versioned_key(master, None, KEY_NO_META_READ, input.key_version) },
            SlotKey::PerTag,
        ],
    };
    let key_slots = slots
        .into_iter()
        .chain([SlotKey::Unchanged, SlotKey::Unchanged])
        .enumerate()
        .map(|(slot, key)| KeySlot { slot: slot as u8, key })
        .collect();

    Ok(Plan {
        id_record: input.id_record,
        mode: input.mode,
        key_version: input.key_version,
        url_template: template,
        ndef_file: ndef,
        file_settings: FileSettingsPlan {
            payload,
            picc_data_offset: picc_at as u32,
            mac_input_offset: mac_input_at as u32,
            mac_offset: mac_at as u32,
            enc_file_data: enc,
        },
        key_slots,
    })
}

impl Plan {
    /// The key of each slot for the chip `uid` (`None`: leave unchanged). Per-tag
    /// slots need the master key the plan was made with.
    pub fn keys_for(&self, uid: &TagUid, master: Option<&Key16>) -> Result<Vec<(u8, Option<Key16>)>, PlanError> {
        self.key_slots
            .iter()
            .map(|s| {
                let key = match &s.key {
                    SlotKey::Fixed { key } => Some(*key),
                    SlotKey::Unchanged => None,
                    SlotKey::PerTag => {
                        let master = master.ok_or(PlanError::MasterKeyNeeded(s.slot))?;
                        Some(derive_versioned_key(master, Some(uid), s.slot, self.key_version))
                    }
                };
                Ok((s.slot, key))
            })
            .collect()
    }

    /// The MAC input of a tap URL made from this plan: the text between the
    /// MAC input offset and the MAC offset, or `None` if `url` is not this plan's.
    pub fn mac_input<'a>(&self, url: &'a str) -> Option<&'a str> {
        // File offsets minus the 7 header bytes, plus the 8 of `https://`.
        let shift = |o: u32| (o as usize).checked_sub(URI_TEXT_OFFSET).map(|o| o + "https://".len());
        url.get(shift(self.file_settings.mac_input_offset)?..shift(self.file_settings.mac_offset)?)
    }
}

/// The slot numbers, named.
pub const SLOT_APP_MASTER: u8 = KEY_NO_MASTER;
pub const SLOT_META_READ: u8 = KEY_NO_META_READ;
pub const SLOT_FILE_READ: u8 = KEY_NO_FILE_READ;

mod key_hex {
    use super::Key16;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(k: &Key16, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&hex::encode_upper(k.0))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Key16, D::Error> {
        let s = String::deserialize(d)?;
        Key16::parse_hex("key", &s).map_err(serde::de::Error::custom)
    }
}

mod hex_bytes {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(b: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&hex::encode_upper(b))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let s = String::deserialize(d)?;
        super::super::parse_hex("bytes", &s).map_err(serde::de::Error::custom)
    }
}

mod opt_hex {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(b: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
        match b {
            Some(b) => s.serialize_str(&hex::encode_upper(b)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|s| super::super::parse_hex("file_data", &s).map_err(serde::de::Error::custom))
            .transpose()
    }
}

#[cfg(test)]
mod tests;
