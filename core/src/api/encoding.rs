//! Encoding a chip (`POST /v1/makers/{id}/records/{id_record}/personalization`,
//! role maker): the encoder reads the chip's UID, reports it, and gets back
//! what to write — the NDEF URL template and the chip's own AN10922 keys.
//!
//! This is the one way raw keys leave the worker: to the record's maker, one
//! chip per request, each call in the call log. Reporting the UID binds the
//! record to that chip, so a tap of any other chip never opens it.

use serde::{de, Deserialize, Deserializer, Serialize};

use super::products::TokenEncryption;
use super::Id;
use crate::secrets::MasterKey;
use crate::sun::{self, TagUid};

/// `uid`: the chip's 7-byte UID, 14 hex characters.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = String, example = "04DE5F1EACC040"))]
pub struct ChipUid(pub TagUid);

impl<'de> Deserialize<'de> for ChipUid {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        TagUid::parse_hex(text.trim()).map(Self).map_err(|_| de::Error::custom("14 hexadecimal characters (7 bytes)"))
    }
}

impl Serialize for ChipUid {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_hex())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Personalize {
    pub uid: ChipUid,
}

/// The chip's keys by key number, hex (AES-128).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChipKeys {
    /// Key 0: the application master key (changes the others).
    pub app_master: String,
    /// Key 1: SDM meta read (encrypts the PICC data; the same for every chip).
    pub sdm_meta_read: String,
    /// Key 2: SDM file read (signs the tap: the CMAC).
    pub sdm_file_read: String,
}

/// Keys of one key version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VersionedKeys {
    pub key_version: u8,
    pub keys: ChipKeys,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Personalization {
    pub id_record: Id,
    pub uid: String,
    pub token_encryption: TokenEncryption,
    /// The NDEF URI the chip mirrors its SUN data into.
    pub url_template: String,
    /// The version of `keys` (each key's KeyVer on the chip).
    pub key_version: u8,
    /// What to write: the chip's keys of `key_version`.
    pub keys: ChipKeys,
    /// While a key rotation waits for this chip: the keys it holds now, to
    /// authenticate with key 0 and change the others (ChangeKey needs the old
    /// value). Absent for a chip at its factory keys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_chip: Option<VersionedKeys>,
}

/// The chip's keys of `version` as the worker verifies its taps (`sun_keys = 'derived'`).
pub fn chip_keys(master: &MasterKey, uid: &TagUid, version: u8) -> ChipKeys {
    let keys = sun::KeySource::Versioned { master: master.tag_master(), version };
    let app_master = sun::derive_versioned_key(&master.tag_master(), Some(uid), sun::KEY_NO_MASTER, version);
    ChipKeys {
        app_master: hex::encode_upper(app_master.0),
        sdm_meta_read: hex::encode_upper(keys.meta_read_key().0),
        sdm_file_read: hex::encode_upper(keys.file_read_key(Some(uid)).0),
    }
}

/// `POST /v1/makers/{id}/records/{id_record}/personalization/confirmation`: the
/// encoder reads the chip back and reports the tap URL it read. A tap that
/// verifies under the rotation's new version finishes it: the old version is
/// refused from then on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfirmEncoding {
    /// The URL the chip answered, `https://{host}/p/{id_record}@{picc}:{cmac}` (or only the part after `/p/`).
    #[cfg_attr(
        feature = "openapi",
        schema(example = "https://senzu.app/p/4711@EF963FF7828658A599F3041510671E88:94EED9EE65337086")
    )]
    pub url: String,
}

impl ConfirmEncoding {
    /// The tap's part after `/p/`.
    pub fn tap(&self) -> &str {
        let url = self.url.trim();
        url.split_once("/p/").map_or(url, |(_, tap)| tap)
    }
}

/// The answer of a confirmation: the version the chip proved it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EncodingConfirmed {
    pub id_record: Id,
    pub uid: String,
    pub key_version: u8,
    pub read_counter: u32,
}

/// `POST /v1/makers/{id}/batches/{id_batch}/key-rotation`: every chip of the
/// batch moves to the next key version. Chips not encoded yet take it at once;
/// encoded ones keep their old version, which still opens them, until each is
/// re-encoded and confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KeyRotation {
    pub id_batch: Id,
    pub key_version: u8,
    /// Encoded chips that still hold an older version: to re-encode.
    pub to_reencode: u32,
    /// Chips not encoded yet, which are simply encoded with the new version.
    pub not_encoded: u32,
}

/// `https://{origin}/p/{id_record}@{picc_data}:{cmac}`: what the worker's `/p/` route parses.
pub fn url_template(origin: &str, id_record: Id) -> String {
    format!("{}/p/{id_record}@{{picc_data}}:{{cmac}}", origin.trim_end_matches('/'))
}

/// At most this many chips per factory import (one request, one D1 batch).
pub const MAX_IMPORT: usize = 1_000;

/// `POST /v1/makers/{id}/batches/{id_batch}/personalization`: the UIDs a factory
/// read, one `id_record,uid` per line (a header line and blank lines are skipped).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportUids {
    #[cfg_attr(feature = "openapi", schema(example = "id_record,uid\n4711,04DE5F1EACC040"))]
    pub uids: String,
}

/// The import's lines: each record once, each chip once, at most [`MAX_IMPORT`];
/// the first bad line is named.
pub fn parse_uids(text: &str) -> Result<Vec<(Id, TagUid)>, String> {
    let mut out: Vec<(Id, TagUid)> = Vec::new();
    for (n, line) in text.lines().enumerate().map(|(n, l)| (n + 1, l.trim())) {
        if line.is_empty() || (n == 1 && line.to_ascii_lowercase().starts_with("id_record")) {
            continue;
        }
        let (id, uid) = line.split_once([',', ';', '\t']).ok_or_else(|| format!("line {n}: id_record,uid"))?;
        let id: Id = id.trim().parse().ok().filter(|i| *i > 0).ok_or_else(|| format!("line {n}: not a record id"))?;
        let uid = TagUid::parse_hex(uid.trim()).map_err(|_| format!("line {n}: the uid is 14 hex characters"))?;
        if out.iter().any(|(i, _)| *i == id) {
            return Err(format!("line {n}: record {id} is given twice"));
        }
        if out.iter().any(|(_, u)| *u == uid) {
            return Err(format!("line {n}: chip {} is given twice", uid.to_hex()));
        }
        out.push((id, uid));
        if out.len() > MAX_IMPORT {
            return Err(format!("at most {MAX_IMPORT} chips per import"));
        }
    }
    if out.is_empty() {
        return Err("no id_record,uid line".into());
    }
    Ok(out)
}

/// The export's header: what a factory's own encoder needs per chip.
/// The `on_chip_*` columns are filled while a key rotation waits for the chip:
/// the keys it holds now, to authenticate and change them.
pub const EXPORT_HEADER: &str = "id_record,uid,token_encryption,url_template,picc_data_offset,mac_input_offset,\
mac_offset,key_version,app_master,sdm_meta_read,sdm_file_read,on_chip_key_version,on_chip_app_master,\
on_chip_sdm_meta_read,on_chip_sdm_file_read";

/// What one chip of an export is written with.
#[derive(Debug, Clone, Copy)]
pub struct ExportChip<'a> {
    pub id_record: Id,
    pub uid: &'a TagUid,
    pub lrp: bool,
    /// The version to write.
    pub key_version: u8,
    /// The version the chip holds now, if a rotation waits for it.
    pub on_chip: Option<u8>,
}

/// One export line: the plan of this chip (core::sun::plan) with its own keys.
pub fn export_line(master: &MasterKey, host: &str, chip: ExportChip<'_>) -> Result<String, String> {
    use crate::sun::plan::{plan, PlanInput, PlanKeys, PlanMode};
    let ExportChip { id_record, uid, lrp, key_version, on_chip } = chip;
    let keys = chip_keys(master, uid, key_version);
    let key = |h: &str| crate::sun::Key16::parse_hex("key", h).map_err(|e| e.to_string());
    let input = PlanInput {
        id_record,
        host: host.to_string(),
        keys: PlanKeys::Explicit {
            app_master: key(&keys.app_master)?,
            meta_read: key(&keys.sdm_meta_read)?,
            file_read: key(&keys.sdm_file_read)?,
        },
        key_version,
        mode: if lrp { PlanMode::Lrp } else { PlanMode::Aes },
        file_data: None,
    };
    let p = plan(&input).map_err(|e| e.to_string())?;
    let f = &p.file_settings;
    let now = match on_chip {
        Some(v) => {
            let k = chip_keys(master, uid, v);
            format!("{v},{},{},{}", k.app_master, k.sdm_meta_read, k.sdm_file_read)
        }
        None => ",,,".to_string(),
    };
    Ok(format!(
        "{id_record},{},{},{},{},{},{},{},{},{},{},{now}",
        uid.to_hex(),
        if lrp { "lrp-128" } else { "aes-128" },
        p.url_template,
        f.picc_data_offset,
        f.mac_input_offset,
        f.mac_offset,
        p.key_version,
        keys.app_master,
        keys.sdm_meta_read,
        keys.sdm_file_read
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sun::{Key16, KeySource, Mode, TapSpec};

    #[test]
    fn the_exported_keys_sign_taps_the_worker_verifies() {
        let master = MasterKey::parse_hex(&"07".repeat(32)).unwrap();
        let uid = TagUid::parse_hex("04DE5F1EACC040").unwrap();
        let keys = chip_keys(&master, &uid, 0);
        let explicit = KeySource::Explicit {
            meta_read: Key16::parse_hex("meta", &keys.sdm_meta_read).unwrap(),
            file_read: Key16::parse_hex("file", &keys.sdm_file_read).unwrap(),
        };
        let spec =
            TapSpec { mode: Mode::Aes, uid, read_ctr: 9, file_data: None, mac_input: String::new(), random: [3; 16] };
        let tap = sun::simulate(&explicit, &spec).unwrap();
        let msg = sun::SunMessage::parse(Mode::Aes, &tap.picc_data, None, &tap.cmac).unwrap();
        let derived = KeySource::Derived { master: master.tag_master() };
        let data = sun::verify_bound(&derived, &msg, b"", &uid).unwrap();
        assert_eq!(data.read_ctr, Some(9));
        assert_ne!(keys.app_master, keys.sdm_file_read);
        let other = chip_keys(&master, &TagUid::parse_hex("04DE5F1EACC041").unwrap(), 0);
        assert_ne!(other.sdm_file_read, keys.sdm_file_read, "each chip its own file read key");
        assert_eq!(other.sdm_meta_read, keys.sdm_meta_read);
    }

    #[test]
    fn a_factory_import_names_its_first_bad_line() {
        let ok = parse_uids("id_record,uid\n7,04DE5F1EACC040\n\n8;04de5f1eacc041\n").unwrap();
        assert_eq!(ok.len(), 2);
        assert_eq!(ok[1].0, 8);
        assert_eq!(parse_uids("7,04DE5F1EACC040\n7,04DE5F1EACC041").unwrap_err(), "line 2: record 7 is given twice");
        assert!(parse_uids("7,04DE5F1EACC040\n8,04DE5F1EACC040").unwrap_err().contains("given twice"));
        assert_eq!(parse_uids("7,04DE").unwrap_err(), "line 1: the uid is 14 hex characters");
        assert_eq!(parse_uids("x,04DE5F1EACC040").unwrap_err(), "line 1: not a record id");
        assert!(parse_uids("id_record,uid\n").is_err());
        let many: String = (1..=1001).map(|i| format!("{i},04{i:012X}\n")).collect();
        assert!(parse_uids(&many).unwrap_err().contains("at most"));
    }

    #[test]
    fn an_export_line_carries_the_plan_offsets_and_the_chip_keys() {
        let master = MasterKey::parse_hex(&"07".repeat(32)).unwrap();
        let uid = TagUid::parse_hex("04DE5F1EACC040").unwrap();
        let chip = ExportChip { id_record: 12, uid: &uid, lrp: false, key_version: 0, on_chip: None };
        let line = export_line(&master, "senzu.app", chip).unwrap();
        let fields: Vec<&str> = line.split(',').collect();
        assert_eq!(fields.len(), EXPORT_HEADER.split(',').count());
        assert_eq!(&fields[..3], ["12", "04DE5F1EACC040", "aes-128"]);
        assert_eq!(fields[3], "https://senzu.app/p/12@{picc}:{cmac}");
        // The PICC data lands right after `…/p/12@` in the NDEF file (7 bytes of header, the URI's own bytes).
        let picc: usize = fields[4].parse().unwrap();
        let mac: usize = fields[6].parse().unwrap();
        assert_eq!(mac, picc + 32 + 1, "the CMAC follows the 32 hex of PICC data and the colon");
        assert_eq!(fields[10], chip_keys(&master, &uid, 0).sdm_file_read);
        assert_eq!(&fields[11..], ["", "", "", ""], "no rotation waits for this chip");
        // A rotation waiting: the new version's keys to write, and the keys the chip holds now.
        let line = export_line(&master, "senzu.app", ExportChip { key_version: 2, on_chip: Some(1), ..chip }).unwrap();
        let fields: Vec<&str> = line.split(',').collect();
        assert_eq!(fields.len(), EXPORT_HEADER.split(',').count());
        assert_eq!((fields[7], fields[11]), ("2", "1"));
        assert_eq!(fields[10], chip_keys(&master, &uid, 2).sdm_file_read);
        assert_eq!(fields[14], chip_keys(&master, &uid, 1).sdm_file_read);
        assert_ne!(fields[10], fields[14]);
    }

    #[test]
    fn a_newer_key_version_gives_every_chip_new_keys_and_version_0_is_the_original() {
        let master = MasterKey::parse_hex(&"07".repeat(32)).unwrap();
        let uid = TagUid::parse_hex("04DE5F1EACC040").unwrap();
        let (v0, v1) = (chip_keys(&master, &uid, 0), chip_keys(&master, &uid, 1));
        assert_ne!(v0.app_master, v1.app_master);
        assert_ne!(v0.sdm_meta_read, v1.sdm_meta_read);
        assert_ne!(v0.sdm_file_read, v1.sdm_file_read);
        let tag_master = master.tag_master();
        assert_eq!(v0.app_master, hex::encode_upper(sun::derive_tag_key(&tag_master, Some(&uid), 0).0));
        let confirm = ConfirmEncoding { url: " https://senzu.app/p/12@AB:CD ".into() };
        assert_eq!(confirm.tap(), "12@AB:CD");
        assert_eq!(ConfirmEncoding { url: "12@AB:CD".into() }.tap(), "12@AB:CD");
    }

    #[test]
    fn a_uid_is_seven_bytes_of_hex() {
        let ok: Personalize = serde_json::from_str(r#"{"uid":"04de5f1eacc040"}"#).unwrap();
        assert_eq!(ok.uid.0.to_hex(), "04DE5F1EACC040");
        for bad in ["", "04DE5F1EACC0", "04DE5F1EACC04G", "04DE5F1EACC04000"] {
            assert!(serde_json::from_str::<Personalize>(&format!(r#"{{"uid":"{bad}"}}"#)).is_err(), "{bad}");
        }
        assert_eq!(url_template("https://senzu.app/", 12), "https://senzu.app/p/12@{picc_data}:{cmac}");
    }
}
