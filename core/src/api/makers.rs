//! Makers and their items: `/v1/makers`, `/v1/makers/main`, `/v1/makers/{id}`,
//! `/v1/makers/{id}/items`, `/v1/items/{id}`, `/v1/items/{id}/products` (role maker).
//!
//! An account may run several makers (a brand each); the first one it creates is
//! its main maker. An item is the model of an object (a card, a ring) whose
//! products the maker makes.

use serde::{Deserialize, Serialize};

use super::{ApiDate, Id, Name, Patch};
use crate::money::Amount;

/// A contact address a maker shows: at most 254 characters with one `@` inside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct ContactEmail(String);

impl ContactEmail {
    pub fn new(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let fits = text.len() <= 254
            && text.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty() && !domain.is_empty() && !domain.contains('@') && domain.contains('.')
            })
            && !text.chars().any(|c| c.is_whitespace() || c.is_control());
        if fits {
            Ok(Self(text.to_string()))
        } else {
            Err("not an e-mail address".into())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for ContactEmail {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::new(&String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// A public web address: `https://` (or `http://`) and at most 2,000 characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct WebUrl(String);

impl WebUrl {
    pub fn new(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let rest = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://"));
        match rest {
            Some(host) if !host.is_empty() && text.len() <= 2000 && !text.chars().any(char::is_whitespace) => {
                Ok(Self(text.to_string()))
            }
            _ => Err("not an http(s) address".into()),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for WebUrl {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::new(&String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// `POST /v1/makers`: `display_name` and `contact_email` as documented;
/// `reference` (the maker's internal name) defaults to the display name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateMaker {
    /// The documented example writes it `alias_name`, the name it is kept under.
    #[serde(alias = "alias_name")]
    pub display_name: Name<100>,
    pub contact_email: ContactEmail,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<WebUrl>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_image: Option<Id>,
    /// Companies come with the shop; until then none exists to name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_company: Option<Id>,
}

/// `POST /v1/makers/{id}` and `/v1/makers/main`: at least one field; an empty
/// `url` or `id_image` clears it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateMaker {
    #[serde(default, alias = "alias_name", skip_serializing_if = "Option::is_none")]
    pub display_name: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_email: Option<ContactEmail>,
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub url: Patch<WebUrl>,
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Id>))]
    pub id_image: Patch<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_company: Option<Id>,
}

impl UpdateMaker {
    pub fn is_empty(&self) -> bool {
        self.display_name.is_none()
            && self.reference.is_none()
            && self.contact_email.is_none()
            && self.url.is_keep()
            && self.id_image.is_keep()
            && self.id_company.is_none()
    }
}

/// A maker, as its own account sees it (the documented maker object).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Maker {
    pub id: Id,
    pub id_image: Option<Id>,
    pub id_company: Option<Id>,
    pub id_currency: Id,
    pub reference: String,
    pub alias_name: String,
    /// The account's level on the maker: 5, the owner's (makers are not shared yet).
    pub chmod: u8,
    pub is_main_account: bool,
    pub balance: i64,
    pub price: Option<i64>,
    pub is_user_chargeable: bool,
    pub contact_email: String,
    pub url: Option<String>,
    pub is_enabled: bool,
    pub date_created: ApiDate,
    pub date_updated: Option<ApiDate>,
}

/// The maker's company, as a maker's public profile shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MakerCompany {
    pub id: Option<Id>,
    pub name: Option<String>,
}

/// `GET /v1/makers/{id}`: what anyone with the maker role sees of a maker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MakerProfile {
    pub id: Id,
    pub id_image: Option<Id>,
    pub company: MakerCompany,
    pub display_name: String,
    pub contact_email: String,
    pub url: Option<String>,
    pub date_created: ApiDate,
}

/// One entry of `GET /v1/makers`: the account's makers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MakerSummary {
    pub id: Id,
    pub reference: String,
    #[serde(skip)]
    pub created: i64,
}

impl crate::api::list::Listed for MakerSummary {
    fn id(&self) -> i64 {
        self.id
    }
    fn date_created(&self) -> Option<i64> {
        Some(self.created)
    }
}

/// An ISO 3166-1 alpha-2 country code, upper case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct CountryCode(String);

impl CountryCode {
    pub fn new(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text.len() == 2 && text.bytes().all(|b| b.is_ascii_alphabetic()) {
            Ok(Self(text.to_ascii_uppercase()))
        } else {
            Err("not a two-letter country code (ISO 3166-1)".into())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for CountryCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::new(&String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// A language an item is made for: `fr` or `en`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ItemLanguage {
    Fr,
    En,
}

impl ItemLanguage {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Fr => "fr",
            Self::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "fr" => Some(Self::Fr),
            "en" => Some(Self::En),
            _ => None,
        }
    }
}

/// `POST /v1/makers/{id}/items`. `price` is a decimal amount in the item's
/// currency (`25`, `25.90`); it is kept in minor units. `id_currency` 1 is the euro.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateItem {
    pub reference: Name<100>,
    pub display_name: Name<100>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_currency: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_company: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_image: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub price: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<ItemLanguage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<CountryCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Name<2000>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity_in_stock: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_onsale: Option<bool>,
}

/// `POST /v1/items/{id}`: at least one field; an empty optional one clears it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateItem {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_currency: Option<Id>,
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Id>))]
    pub id_image: Patch<Id>,
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub price: Patch<Amount>,
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<ItemLanguage>))]
    pub language: Patch<ItemLanguage>,
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub country_code: Patch<CountryCode>,
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub metadata: Patch<Name<2000>>,
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<u32>))]
    pub quantity_in_stock: Patch<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_onsale: Option<bool>,
}

impl UpdateItem {
    pub fn is_empty(&self) -> bool {
        self.reference.is_none()
            && self.display_name.is_none()
            && self.id_currency.is_none()
            && self.id_image.is_keep()
            && self.price.is_keep()
            && self.language.is_keep()
            && self.country_code.is_keep()
            && self.metadata.is_keep()
            && self.quantity_in_stock.is_keep()
            && self.is_onsale.is_none()
    }
}

/// The item's maker, as an item shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemMaker {
    pub id: Id,
    pub reference: String,
}

/// The item's image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemImage {
    pub id: Option<Id>,
    pub url: Option<String>,
}

/// One item (the documented item object).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Item {
    pub id: Id,
    pub maker: ItemMaker,
    pub company: MakerCompany,
    pub image: ItemImage,
    pub reference: String,
    pub display_name: String,
    pub id_currency: Id,
    /// In the currency's major unit (25.9 for 25,90 €): the rendering of the minor units kept.
    pub price: f64,
    pub language: Option<ItemLanguage>,
    pub country_code: Option<String>,
    pub metadata: Option<String>,
    pub quantity_in_stock: Option<i64>,
    pub is_onsale: bool,
    pub date_created: ApiDate,
    pub date_updated: Option<ApiDate>,
}

/// One entry of `GET /v1/makers/{id}/items`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemSummary {
    pub id: Id,
    pub reference: String,
    pub url_image: Option<String>,
    #[serde(skip)]
    pub created: i64,
}

impl crate::api::list::Listed for ItemSummary {
    fn id(&self) -> i64 {
        self.id
    }
    fn date_created(&self) -> Option<i64> {
        Some(self.created)
    }
}

/// One entry of `GET /v1/items/{id}/products`: a product made of the item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemProduct {
    pub id: Id,
    pub reference: Option<String>,
    pub date_created: ApiDate,
}

impl crate::api::list::Listed for ItemProduct {
    fn id(&self) -> i64 {
        self.id
    }
    fn date_created(&self) -> Option<i64> {
        Some(super::products::unix(&self.date_created))
    }
}

/// `POST /v1/products`: a maker makes one product of its item (records are
/// added to it, or come from a batch's template).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateProduct {
    pub id_maker: Id,
    pub id_item: Id,
    pub reference: Name<100>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_attached_group: Option<Id>,
    /// A verified reseller who sells it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_reseller: Option<Id>,
}

/// The documented answer of `POST /v1/products`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MadeProduct {
    pub id: Id,
    pub id_maker: Id,
    pub id_reseller: Option<Id>,
    pub id_item: Id,
    pub id_attached_group: Option<Id>,
    pub reference: Option<String>,
    pub is_dual_application: Option<bool>,
    pub date_created: ApiDate,
    pub date_activated: Option<ApiDate>,
}

/// One record of an encoded product, as its maker sees it: the key it prints
/// (a static record's URL) and the chip it is bound to, once encoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EncodedRecord {
    pub id: Id,
    pub technology: super::products::Technology,
    pub record_key: String,
    pub token_encryption: super::products::TokenEncryption,
    /// Kept empty, as documented; the chip's binding is `uid`.
    pub data: Vec<String>,
    /// The chip's UID (14 hex) once the encoder reported it.
    pub uid: Option<String>,
    /// The key version the chip holds (0 for static records).
    pub key_version: u8,
    /// The version a key rotation waits to re-encode it with; `null` when none waits.
    pub rekey_to: Option<u8>,
    pub is_enabled: bool,
    pub date_created: ApiDate,
}

/// `GET /v1/makers/{id}/products/encoded`: `?id_batch=` narrows it to one batch.
pub const ENCODED_LIST: crate::api::list::ListSpec =
    crate::api::list::ListSpec { route_args: &["id_batch"], ..crate::api::list::ListSpec::PLAIN };

/// One entry of `GET /v1/makers/{id}/products/encoded`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EncodedProduct {
    pub id: Id,
    pub id_item: Id,
    pub id_batch: Option<Id>,
    pub reference: Option<String>,
    pub is_deleted: bool,
    /// `null` for a product without records.
    pub record: Option<Vec<EncodedRecord>>,
    #[serde(skip)]
    pub created: i64,
}

impl crate::api::list::Listed for EncodedProduct {
    fn id(&self) -> i64 {
        self.id
    }
    fn date_created(&self) -> Option<i64> {
        Some(self.created)
    }
}

/// A static record's key, as its maker may choose it: 32 hexadecimal characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct RecordKey(String);

impl RecordKey {
    pub fn new(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text.len() == 32 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
            Ok(Self(text.to_ascii_lowercase()))
        } else {
            Err("32 hexadecimal characters".into())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for RecordKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::new(&String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// `POST /v1/products/{id}/records`: its maker adds a record to a product nobody
/// paired yet (nfc and static unless said; a dynamic one is an nfc chip).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub technology: Option<super::products::Technology>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_encryption: Option<super::products::TokenEncryption>,
    /// A static record's own key (a code already printed); a fresh one otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<RecordKey>,
}

/// The documented record object, as its maker sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MakerRecord {
    pub id: Id,
    pub id_product: Id,
    pub id_application_master: Option<Id>,
    pub id_application: Option<Id>,
    pub technology: super::products::Technology,
    pub token_encryption: super::products::TokenEncryption,
    pub key: String,
    /// Kept empty, as documented.
    pub data: Vec<String>,
    pub is_enabled: bool,
    pub date_created: ApiDate,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::form::{from_args, Args};

    fn args(pairs: &[(&str, &str)]) -> Args {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn a_maker_needs_a_display_name_and_a_real_contact_address() {
        let ok: CreateMaker =
            from_args(&args(&[("display_name", " Atelier "), ("contact_email", "hello@atelier.fr")])).unwrap();
        assert_eq!(ok.display_name.as_str(), "Atelier");
        for bad in ["", "nobody", "a@b", "a b@c.fr", "@c.fr", "a@@c.fr"] {
            let e = from_args::<CreateMaker>(&args(&[("display_name", "A"), ("contact_email", bad)])).unwrap_err();
            assert_eq!(e.field(), Some("contact_email"), "{bad}");
        }
        let e = from_args::<CreateMaker>(&args(&[("contact_email", "a@b.fr")])).unwrap_err();
        assert_eq!(e.field(), Some("display_name"));
    }

    #[test]
    fn a_record_key_is_32_hex() {
        assert_eq!(
            RecordKey::new(" ABCDEF0123456789abcdef0123456789 ").unwrap().as_str(),
            "abcdef0123456789abcdef0123456789"
        );
        for bad in ["", "abc", "zz".repeat(16).as_str(), "0".repeat(33).as_str()] {
            assert!(RecordKey::new(bad).is_err(), "{bad}");
        }
        let r: CreateRecord = from_args(&args(&[("technology", "qrcode")])).unwrap();
        assert_eq!(r.technology, Some(super::super::products::Technology::Qrcode));
        assert_eq!(from_args::<CreateRecord>(&args(&[("key", "nope")])).unwrap_err().field(), Some("key"));
    }

    #[test]
    fn a_maker_url_is_a_web_address() {
        assert!(WebUrl::new("https://atelier.fr").is_ok());
        for bad in ["javascript:alert(1)", "ftp://x", "https://", "https://a b"] {
            assert!(WebUrl::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_item_update_sets_clears_or_keeps_each_field() {
        let u: UpdateItem =
            from_args(&args(&[("price", "25.90"), ("country_code", ""), ("is_onsale", "true")])).unwrap();
        assert_eq!(u.price, Patch::Set(Amount::from_minor(2590)));
        assert_eq!(u.country_code, Patch::Clear);
        assert!(u.language.is_keep());
        assert_eq!(u.is_onsale, Some(true));
        assert!(!u.is_empty());
        assert!(from_args::<UpdateItem>(&args(&[])).unwrap().is_empty());
        let e = from_args::<UpdateItem>(&args(&[("country_code", "FRA")])).unwrap_err();
        assert_eq!(e.field(), Some("country_code"));
        let e = from_args::<UpdateItem>(&args(&[("language", "de")])).unwrap_err();
        assert_eq!(e.field(), Some("language"));
    }
}
