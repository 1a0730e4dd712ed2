//! What can be wrong with a SUN message. Every input from a URL ends in `Ok` or one of these.

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SunError {
    #[error("{field} is not hexadecimal")]
    BadHex { field: &'static str },
    #[error("{field} must be {expected} hex characters, got {got}")]
    WrongLength { field: &'static str, expected: usize, got: usize },
    #[error("{field} must be a non-empty multiple of 32 hex characters, got {got}")]
    NotWholeBlocks { field: &'static str, got: usize },
    #[error("unsupported PICCDataTag {0:#04x}")]
    UnsupportedPiccDataTag(u8),
    #[error("unsupported UID length {0} (only 7-byte UIDs exist on NTAG 424 DNA)")]
    UnsupportedUidLength(u8),
    #[error("encrypted file data needs both UID and read counter mirroring")]
    FileDataNeedsUidAndCounter,
    #[error("the read counter is 24 bits: {0} is out of range")]
    CounterOutOfRange(u32),
    #[error("invalid tag signature")]
    BadMac,
    /// A genuine tap, but of another chip than the record's.
    #[error("this tap comes from another tag")]
    OtherTag,
    /// The chip does not mirror its UID, so the tap cannot be bound to a record.
    #[error("this tap does not carry the tag's UID")]
    UidNotMirrored,
}

impl SunError {
    /// A stable short name, as used by the published vectors (`expect_error`).
    pub fn kind(&self) -> &'static str {
        match self {
            Self::BadHex { .. } => "bad_hex",
            Self::WrongLength { .. } | Self::NotWholeBlocks { .. } => "wrong_length",
            Self::UnsupportedPiccDataTag(_) => "unsupported_picc_data_tag",
            Self::UnsupportedUidLength(_) => "unsupported_uid_length",
            Self::FileDataNeedsUidAndCounter => "file_data_needs_uid_and_counter",
            Self::CounterOutOfRange(_) => "counter_out_of_range",
            Self::BadMac => "bad_mac",
            Self::OtherTag => "other_tag",
            Self::UidNotMirrored => "uid_not_mirrored",
        }
    }
}
