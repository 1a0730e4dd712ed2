//! Products made in batches (`/v1/makers/{id}/batches`, role maker): N products
//! of one item, each with the records of the batch's template (say one dynamic
//! NFC record and one QR code), made in chunks that each fit one D1 batch.
//!
//! A batch is idempotent on its `Idempotency-Key` header (the IETF httpapi
//! draft, as Stripe uses it): the same key again resumes or returns the same
//! batch, never a second one; the same key with other arguments is refused.

use std::fmt;

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

use super::products::{Technology, TokenEncryption};
use super::{ApiDate, Id, Name};

/// At most this many products per batch.
pub const MAX_QUANTITY: u32 = 10_000;
/// Products per chunk: with two records each, ~1,500 rows in one D1 batch
/// and the record keys (32 hex each) in one bound JSON text of ~34 KB.
pub const CHUNK: u32 = 500;
/// At most this many records per product (a card: a chip and a printed code).
pub const MAX_RECORDS: usize = 4;
/// An `Idempotency-Key` is at most this long.
pub const MAX_KEY_LEN: usize = 255;

/// One record each product of the batch gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordTemplate {
    pub technology: Technology,
    pub token_encryption: TokenEncryption,
}

/// The records of each product, written `nfc:aes-128,qrcode:static` in a form
/// (a JSON array of `{technology, token_encryption}` works too).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = String, example = "nfc:aes-128,qrcode:static"))]
pub struct RecordsTemplate(Vec<RecordTemplate>);

impl RecordsTemplate {
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let records: Vec<RecordTemplate> = if text.starts_with('[') {
            serde_json::from_str(text).map_err(|e| format!("not a list of records: {e}"))?
        } else {
            text.split(',').map(parse_one).collect::<Result<_, _>>()?
        };
        Self::new(records)
    }

    pub fn new(records: Vec<RecordTemplate>) -> Result<Self, String> {
        if records.is_empty() || records.len() > MAX_RECORDS {
            return Err(format!("between 1 and {MAX_RECORDS} records per product"));
        }
        // A printed code cannot compute a SUN message: only a chip signs its taps.
        if let Some(r) =
            records.iter().find(|r| r.technology != Technology::Nfc && r.token_encryption != TokenEncryption::Static)
        {
            return Err(format!("a {} record is static: only nfc signs its taps", r.technology.as_str()));
        }
        Ok(Self(records))
    }

    pub fn records(&self) -> &[RecordTemplate] {
        &self.0
    }

    /// The canonical JSON kept with the batch (compared on a replay).
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_default()
    }
}

fn parse_one(part: &str) -> Result<RecordTemplate, String> {
    let (technology, encryption) = part.trim().split_once(':').unwrap_or((part.trim(), "static"));
    let technology = match technology.trim() {
        "nfc" => Technology::Nfc,
        "qrcode" => Technology::Qrcode,
        "data_matrix" => Technology::DataMatrix,
        "aztec" => Technology::Aztec,
        "pdf417" => Technology::Pdf417,
        other => return Err(format!("unknown technology {other:?} (nfc, qrcode, data_matrix, aztec, pdf417)")),
    };
    let token_encryption = match encryption.trim() {
        "static" => TokenEncryption::Static,
        "aes-128" => TokenEncryption::Aes128,
        "lrp-128" => TokenEncryption::Lrp128,
        other => return Err(format!("unknown token_encryption {other:?} (static, aes-128, lrp-128)")),
    };
    Ok(RecordTemplate { technology, token_encryption })
}

impl fmt::Display for RecordsTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, r) in self.0.iter().enumerate() {
            let encryption = match r.token_encryption {
                TokenEncryption::Static => "static",
                TokenEncryption::Aes128 => "aes-128",
                TokenEncryption::Lrp128 => "lrp-128",
            };
            write!(f, "{}{}:{encryption}", if i == 0 { "" } else { "," }, r.technology.as_str())?;
        }
        Ok(())
    }
}

impl Serialize for RecordsTemplate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for RecordsTemplate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::parse(&String::deserialize(d)?).map_err(de::Error::custom)
    }
}

/// How many products a batch makes: 1 to [`MAX_QUANTITY`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct Quantity(u32);

impl Quantity {
    pub fn new(n: u32) -> Result<Self, String> {
        if (1..=MAX_QUANTITY).contains(&n) {
            Ok(Self(n))
        } else {
            Err(format!("between 1 and {MAX_QUANTITY}"))
        }
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let n: u32 = text.trim().parse().map_err(|_| de::Error::custom(format!("between 1 and {MAX_QUANTITY}")))?;
        Self::new(n).map_err(de::Error::custom)
    }
}

/// `POST /v1/makers/{id}/batches`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateBatch {
    pub id_item: Id,
    pub quantity: Quantity,
    pub records: RecordsTemplate,
    /// The products' references are `{reference}-00001`, …; the item's reference by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Name<60>>,
}

/// A batch and how far it got: `made` of `quantity` products exist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Batch {
    pub id: Id,
    pub id_maker: Id,
    pub id_item: Id,
    pub reference: String,
    pub quantity: u32,
    pub made: u32,
    /// `nfc:aes-128,qrcode:static`.
    pub records: String,
    pub is_complete: bool,
    /// The key version its chips are encoded with (0 until a key rotation).
    pub key_version: u8,
    pub date_created: ApiDate,
    pub date_updated: Option<ApiDate>,
}

impl crate::api::list::Listed for Batch {
    fn id(&self) -> i64 {
        self.id
    }
    fn date_created(&self) -> Option<i64> {
        Some(super::products::unix(&self.date_created))
    }
    fn status(&self) -> Option<bool> {
        Some(self.is_complete)
    }
}

/// The chunks still to make, `[start, end)` in batch positions, from `made`.
pub fn remaining_chunks(made: u32, quantity: u32) -> impl Iterator<Item = (u32, u32)> {
    (made..quantity).step_by(CHUNK as usize).map(move |start| (start, (start + CHUNK).min(quantity)))
}

/// The reference of the product at `position` (0-based): `CARD-00001`.
pub fn product_reference(prefix: &str, position: u32) -> String {
    format!("{prefix}-{:05}", position + 1)
}

/// An `Idempotency-Key` header value: 1 to 255 visible ASCII characters.
pub fn idempotency_key(value: &str) -> Result<&str, String> {
    let value = value.trim();
    if !value.is_empty() && value.len() <= MAX_KEY_LEN && value.bytes().all(|b| b.is_ascii_graphic()) {
        Ok(value)
    } else {
        Err(format!("1 to {MAX_KEY_LEN} visible ASCII characters"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::form::{from_args, Args};

    fn args(pairs: &[(&str, &str)]) -> Args {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn a_template_names_each_record_and_only_chips_sign() {
        let t = RecordsTemplate::parse("nfc:aes-128, qrcode").unwrap();
        assert_eq!(
            t.records(),
            [
                RecordTemplate { technology: Technology::Nfc, token_encryption: TokenEncryption::Aes128 },
                RecordTemplate { technology: Technology::Qrcode, token_encryption: TokenEncryption::Static },
            ]
        );
        assert_eq!(t.to_string(), "nfc:aes-128,qrcode:static");
        assert_eq!(RecordsTemplate::parse(&t.to_json()).unwrap(), t, "its JSON reads back");
        assert!(RecordsTemplate::parse("qrcode:aes-128").unwrap_err().contains("only nfc"));
        assert!(RecordsTemplate::parse("laser").unwrap_err().contains("unknown technology"));
        assert!(RecordsTemplate::parse("nfc:des").unwrap_err().contains("unknown token_encryption"));
        assert!(RecordsTemplate::parse("nfc,nfc,nfc,nfc,nfc").is_err());
        assert!(RecordsTemplate::parse("").is_err());
    }

    #[test]
    fn a_batch_names_what_is_wrong() {
        let ok: CreateBatch =
            from_args(&args(&[("id_item", "3"), ("quantity", "10000"), ("records", "nfc:lrp-128")])).unwrap();
        assert_eq!(ok.quantity.get(), 10_000);
        for (field, value) in [("quantity", "0"), ("quantity", "10001"), ("quantity", "ten"), ("records", "x:y")] {
            let mut pairs = vec![("id_item", "3"), ("quantity", "5"), ("records", "nfc")];
            pairs.retain(|(k, _)| *k != field);
            pairs.push((field, value));
            assert_eq!(from_args::<CreateBatch>(&args(&pairs)).unwrap_err().field(), Some(field), "{field}={value}");
        }
    }

    #[test]
    fn chunks_cover_what_is_left_once() {
        let chunks: Vec<_> = remaining_chunks(0, 1_201).collect();
        assert_eq!(chunks, [(0, 500), (500, 1_000), (1_000, 1_201)]);
        assert_eq!(remaining_chunks(1_000, 1_201).collect::<Vec<_>>(), [(1_000, 1_201)]);
        assert_eq!(remaining_chunks(1_201, 1_201).count(), 0);
        assert_eq!(remaining_chunks(0, MAX_QUANTITY).count(), 20);
        assert_eq!(product_reference("CARD", 0), "CARD-00001");
        assert_eq!(product_reference("CARD", 9_999), "CARD-10000");
    }

    #[test]
    fn an_idempotency_key_is_visible_ascii() {
        assert_eq!(idempotency_key(" 8e0f-4a "), Ok("8e0f-4a"));
        assert!(idempotency_key("").is_err());
        assert!(idempotency_key("a b").is_err());
        assert!(idempotency_key(&"k".repeat(256)).is_err());
    }
}
