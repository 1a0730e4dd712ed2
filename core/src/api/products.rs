//! An owner's products: `/v1/products`, one product, its records, pairing.

use serde::{Deserialize, Serialize};

use super::{ApiDate, Id, Name, Patch};
use crate::chmod::Level;

/// How a record is read: the chip or the printed code (burnt in by the maker).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Technology {
    Nfc,
    Qrcode,
    DataMatrix,
    Aztec,
    Pdf417,
}

impl Technology {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Nfc => "nfc",
            Self::Qrcode => "qrcode",
            Self::DataMatrix => "data_matrix",
            Self::Aztec => "aztec",
            Self::Pdf417 => "pdf417",
        }
    }
}

/// How a record's taps are signed: a static key, or a SUN message (AES or LRP).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum TokenEncryption {
    #[serde(rename = "static")]
    Static,
    #[serde(rename = "aes-128")]
    Aes128,
    #[serde(rename = "lrp-128")]
    Lrp128,
}

/// The product's maker, as a product shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductMaker {
    pub id: Id,
    pub reference: String,
}

/// The product's item (its model).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductItem {
    pub id: Id,
    pub reference: String,
    pub display_name: String,
    pub image_url: Option<String>,
}

/// One record as a product lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductRecord {
    pub id: Id,
    pub is_enabled: bool,
    pub id_application: Option<Id>,
    pub technology: Technology,
    pub token_encryption: TokenEncryption,
}

/// The groups a product is in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductGroups {
    pub list: Option<Vec<Id>>,
    pub basic_synchronise: i64,
    pub master_synchronise: i64,
}

/// One product, as `GET /v1/products/{id}`, every change and each entry of `GET /v1/products` give it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Product {
    pub id: Id,
    pub maker: ProductMaker,
    pub item: ProductItem,
    pub lost: bool,
    pub lost_message: Option<String>,
    pub is_activated: bool,
    pub reference: Option<String>,
    pub alias_name: Option<String>,
    pub quantity_records: usize,
    pub records: Vec<ProductRecord>,
    pub records_synchronized: bool,
    pub chmod: Level,
    pub id_issuer: Option<Id>,
    pub id_group: Option<Id>,
    pub groups: ProductGroups,
    pub is_dual_application: bool,
    pub date_created: ApiDate,
    pub date_activated: Option<ApiDate>,
    pub date_updated: Option<ApiDate>,
}

impl Product {
    /// What a person calls it: the alias, else the reference, else the item's name.
    pub fn display_name(&self) -> &str {
        self.alias_name.as_deref().or(self.reference.as_deref()).unwrap_or(&self.item.display_name)
    }
}

/// The list's own query arguments, besides the filters.
pub const LIST_ARGS: &[&str] = &["contains", "lost"];
/// The fields `sort_by` orders `GET /v1/products` by.
pub const SORTABLE: &[&str] = &["id", "date_created", "alias_name"];

/// `GET /v1/products`' filters.
pub const LIST: super::list::ListSpec =
    super::list::ListSpec { sortable: SORTABLE, route_args: LIST_ARGS, default_limit: super::list::DEFAULT_LIMIT };

/// `GET /v1/products`: its own arguments (the filters are [`super::list`]'s).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductsQuery {
    /// Alias or item name contains it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contains: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lost: Option<bool>,
}

/// Unix seconds of a date this API wrote.
pub(crate) fn unix(date: &ApiDate) -> i64 {
    crate::wire::parse_date_filter(date.date.split('.').next().unwrap_or_default()).unwrap_or_default()
}

impl crate::api::list::Listed for Product {
    fn id(&self) -> i64 {
        self.id
    }
    fn date_created(&self) -> Option<i64> {
        Some(unix(&self.date_created))
    }
    fn sort_key(&self, field: &str) -> crate::api::list::SortKey {
        use crate::api::list::SortKey;
        match field {
            "alias_name" => self.alias_name.as_deref().map_or(SortKey::None, SortKey::text),
            "date_created" => SortKey::Int(unix(&self.date_created)),
            _ => SortKey::Int(self.id),
        }
    }
}

/// `POST /v1/products/{id}`: at least one field. `id_attached_group` is the
/// maker's and goes alone; `reference` and `id_group` need chmod ≥ 4 (and
/// `id_group` its owner), the rest chmod ≥ 3.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateProduct {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias_name: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lost: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lost_message: Option<Name<500>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Name<100>>,
    /// A group to put it in, or empty to take it out.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    pub id_group: Patch<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_attached_group: Option<Id>,
    /// Refused: records always show to those who see the product.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_records: Option<String>,
}

impl UpdateProduct {
    pub fn is_empty(&self) -> bool {
        self.alias_name.is_none()
            && self.lost.is_none()
            && self.lost_message.is_none()
            && self.reference.is_none()
            && self.id_group.is_keep()
    }
}

/// The answer of the maker's `id_attached_group` update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttachedProduct {
    pub id: Id,
    pub id_attached_group: Id,
}

/// `DELETE /v1/products/{id}`: `force_erase` (owner) erases it for everyone.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeleteProduct {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub force_erase: Option<bool>,
}

/// The answer of `DELETE /v1/products/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductDeleted {
    pub id: Id,
    pub deleted: bool,
    pub erased_for_everyone: bool,
}

/// `POST /v1/products/pair/…`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Pair {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias_name: Option<Name<100>>,
}

/// A record as its product's owner sees it (`GET /v1/products/{id}/records`).
/// A static record's play URL is public anyway; a dynamic record's key is not shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Record {
    pub id: Id,
    pub id_product: Id,
    pub id_application: Option<Id>,
    pub technology: Technology,
    pub token_encryption: TokenEncryption,
    pub record_key: Option<String>,
    pub play_url: Option<String>,
    pub is_enabled: bool,
    pub date_created: ApiDate,
}

impl crate::api::list::Listed for Record {
    fn id(&self) -> i64 {
        self.id
    }
    fn date_created(&self) -> Option<i64> {
        Some(unix(&self.date_created))
    }
    fn status(&self) -> Option<bool> {
        Some(self.is_enabled)
    }
}

/// What is written into the chip: only its maker changes it, by reprogramming.
pub const CHIP_FIELDS: [&str; 5] = ["token_encryption", "key", "record_key", "sun_keys", "id_product"];

/// `POST /v1/products/{id}/records/{id_record}`: at least one field;
/// `technology` is the maker's.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateRecord {
    /// An application the caller manages, or empty to detach.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    pub id_application: Patch<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub technology: Option<Technology>,
}

impl UpdateRecord {
    pub fn is_empty(&self) -> bool {
        self.id_application.is_keep() && self.is_enabled.is_none() && self.technology.is_none()
    }
}
