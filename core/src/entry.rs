//! The scan entry points, parsed: `/p/{key}`, `/p/{id_record}@{picc_data}:{cmac}`
//! and `/s/{public_key}` (and the same after `/v1/plays/` and `/v1/plays/shared/`).

use crate::sun::{Mode, SunError, SunMessage};

/// Which record a scan names, before anything is looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlayRef {
    /// A static record, by its public key (QR code or plain NFC).
    Static { key: String },
    /// A dynamic NTAG 424 DNA tap. The mode is unknown until the record is read,
    /// so the hex is kept and checked against the record's encryption.
    Dynamic {
        id_record: i64,
        picc_data: String,
        /// SDMENCFileData, when the chip encrypts file data into its taps
        /// (`{picc}.{file}:{cmac}`, core::sun::plan): the MAC then covers `{file}:`.
        file_data: Option<String>,
        cmac: String,
    },
    /// A share link.
    Shared { public_key: String },
}

/// Why an entry path is refused (all 4xx, naming the part).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntryError {
    #[error("bad argument: {0}")]
    BadArgument(String),
}

fn is_key(s: &str) -> bool {
    (8..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

impl PlayRef {
    /// Parses the segment after `/p/` (or `/v1/plays/`).
    pub fn parse_record(segment: &str) -> Result<Self, EntryError> {
        if let Some((id, rest)) = segment.split_once('@') {
            let id_record =
                id.parse::<i64>().ok().filter(|i| *i > 0).ok_or_else(|| {
                    EntryError::BadArgument(format!("id_record `{}` is not a record id", truncate(id)))
                })?;
            let (sun, cmac) = rest
                .split_once(':')
                .ok_or_else(|| EntryError::BadArgument("dynamic play needs {picc_data}:{cmac}".into()))?;
            let (picc, file) = match sun.split_once('.') {
                Some((picc, file)) => (picc, Some(file)),
                None => (sun, None),
            };
            if let Some(file) = file {
                let whole = !file.is_empty() && file.len().is_multiple_of(32) && file.len() <= 256;
                if !whole || !file.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return Err(EntryError::BadArgument(format!(
                        "file data must be hexadecimal in whole blocks of 32 characters (at most 256), got {}",
                        file.len()
                    )));
                }
            }
            if picc.len() != Mode::Aes.picc_hex_len() && picc.len() != Mode::Lrp.picc_hex_len() {
                return Err(EntryError::BadArgument(format!(
                    "picc_data must be 32 (AES) or 48 (LRP) hex characters, got {}",
                    picc.len()
                )));
            }
            if cmac.len() != 16 {
                return Err(EntryError::BadArgument(format!("cmac must be 16 hex characters, got {}", cmac.len())));
            }
            if !picc.bytes().chain(cmac.bytes()).all(|b| b.is_ascii_hexdigit()) {
                return Err(EntryError::BadArgument("picc_data and cmac must be hexadecimal".into()));
            }
            return Ok(PlayRef::Dynamic {
                id_record,
                picc_data: picc.to_string(),
                file_data: file.map(str::to_string),
                cmac: cmac.to_string(),
            });
        }
        if !is_key(segment) {
            return Err(EntryError::BadArgument(format!("key `{}` is not a record key", truncate(segment))));
        }
        Ok(PlayRef::Static { key: segment.to_string() })
    }

    pub fn parse_shared(segment: &str) -> Result<Self, EntryError> {
        if !is_key(segment) {
            return Err(EntryError::BadArgument(format!("public_key `{}` is not a share key", truncate(segment))));
        }
        Ok(PlayRef::Shared { public_key: segment.to_string() })
    }

    /// The SUN message of a dynamic reference, for a record in `mode`.
    pub fn sun_message(&self, mode: Mode) -> Option<Result<SunMessage, SunError>> {
        match self {
            PlayRef::Dynamic { picc_data, file_data, cmac, .. } => {
                Some(SunMessage::parse(mode, picc_data, file_data.as_deref(), cmac))
            }
            _ => None,
        }
    }

    /// What the chip's SDMMAC covers: nothing, or the file data and the `:` after it
    /// (the MAC input starts at the encrypted data, core::sun::plan).
    pub fn mac_input(&self) -> String {
        match self {
            PlayRef::Dynamic { file_data: Some(file), .. } => format!("{file}:"),
            _ => String::new(),
        }
    }

    /// The path segment the reference came from, for building plugin URLs.
    pub fn to_segment(&self) -> String {
        match self {
            PlayRef::Static { key } => key.clone(),
            PlayRef::Dynamic { id_record, picc_data, file_data: None, cmac } => {
                format!("{id_record}@{picc_data}:{cmac}")
            }
            PlayRef::Dynamic { id_record, picc_data, file_data: Some(file), cmac } => {
                format!("{id_record}@{picc_data}.{file}:{cmac}")
            }
            PlayRef::Shared { public_key } => format!("shared/{public_key}"),
        }
    }
}

/// Echoes at most 40 characters of what the client sent.
fn truncate(s: &str) -> String {
    s.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_entry_shapes() {
        assert_eq!(
            PlayRef::parse_record("74221bd3245b64f75bf33921e8437b1a").unwrap(),
            PlayRef::Static { key: "74221bd3245b64f75bf33921e8437b1a".into() }
        );
        assert_eq!(
            PlayRef::parse_record("12@EF963FF7828658A599F3041510671E88:94EED9EE65337086").unwrap(),
            PlayRef::Dynamic {
                id_record: 12,
                picc_data: "EF963FF7828658A599F3041510671E88".into(),
                file_data: None,
                cmac: "94EED9EE65337086".into()
            }
        );
        // With encrypted file data: `{picc}.{file}:{cmac}`, the MAC over `{file}:`.
        let file = "12@EF963FF7828658A599F3041510671E88.CEE9A53E3E463EF1F459635736738962:ECC1E7F6C6C73BF6";
        let parsed = PlayRef::parse_record(file).unwrap();
        assert_eq!(parsed.mac_input(), "CEE9A53E3E463EF1F459635736738962:");
        assert_eq!(parsed.to_segment(), file);
        assert!(PlayRef::parse_record("12@EF963FF7828658A599F3041510671E88.CEE9:ECC1E7F6C6C73BF6").is_err());
        assert!(PlayRef::parse_record("12@EF963FF7828658A599F3041510671E88.:ECC1E7F6C6C73BF6").is_err());
        let lrp = "3@AAE1508939ECF6FF26BCE407959AB1A5EC022819A35CD293:5E3DB82C19E3865F";
        assert!(matches!(PlayRef::parse_record(lrp), Ok(PlayRef::Dynamic { id_record: 3, .. })));
        assert_eq!(
            PlayRef::parse_shared("6e0828ccbdcb5c563952a37aea5a1d7f").unwrap(),
            PlayRef::Shared { public_key: "6e0828ccbdcb5c563952a37aea5a1d7f".into() }
        );
    }

    #[test]
    fn refuses_malformed_entries_naming_the_part() {
        let cases = [
            ("x@EF963FF7828658A599F3041510671E88:94EED9EE65337086", "id_record"),
            ("0@EF963FF7828658A599F3041510671E88:94EED9EE65337086", "id_record"),
            ("1@EF963FF7828658A599F3041510671E88", "{picc_data}:{cmac}"),
            ("1@EF96:94EED9EE65337086", "picc_data must be 32"),
            ("1@EF963FF7828658A599F3041510671E88:94EE", "cmac must be 16"),
            ("1@EF963FF7828658A599F3041510671EZZ:94EED9EE65337086", "hexadecimal"),
            ("short", "not a record key"),
            ("</script>", "not a record key"),
        ];
        for (input, needle) in cases {
            let err = PlayRef::parse_record(input).unwrap_err().to_string();
            assert!(err.contains(needle), "{input}: {err}");
        }
    }
}
