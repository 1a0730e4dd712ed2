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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Personalization {
    pub id_record: Id,
    pub uid: String,
    pub token_encryption: TokenEncryption,
    /// The NDEF URI the chip mirrors its SUN data into.
    pub url_template: String,
    pub keys: ChipKeys,
}

/// The chip's keys as the worker verifies its taps (`sun_keys = 'derived'`).
pub fn chip_keys(master: &MasterKey, uid: &TagUid) -> ChipKeys {
    let tag_master = master.tag_master();
    let keys = sun::KeySource::Derived { master: tag_master };
    ChipKeys {
        app_master: hex::encode_upper(sun::derive_tag_key(&tag_master, Some(uid), sun::KEY_NO_MASTER).0),
        sdm_meta_read: hex::encode_upper(keys.meta_read_key().0),
        sdm_file_read: hex::encode_upper(keys.file_read_key(Some(uid)).0),
    }
}

/// `https://{origin}/p/{id_record}@{picc_data}:{cmac}`: what the worker's `/p/` route parses.
pub fn url_template(origin: &str, id_record: Id) -> String {
    format!("{}/p/{id_record}@{{picc_data}}:{{cmac}}", origin.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sun::{Key16, KeySource, Mode, TapSpec};

    #[test]
    fn the_exported_keys_sign_taps_the_worker_verifies() {
        let master = MasterKey::parse_hex(&"07".repeat(32)).unwrap();
        let uid = TagUid::parse_hex("04DE5F1EACC040").unwrap();
        let keys = chip_keys(&master, &uid);
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
        let other = chip_keys(&master, &TagUid::parse_hex("04DE5F1EACC041").unwrap());
        assert_ne!(other.sdm_file_read, keys.sdm_file_read, "each chip its own file read key");
        assert_eq!(other.sdm_meta_read, keys.sdm_meta_read);
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
