//! The shop: currencies (`/v1/currencies`), companies (`/v1/companies`), the
//! catalogue (`/v1/shop/items`), shop orders (`/v1/orders`, role user_financial),
//! payments (`/v1/payments`, and Stripe's webhook) and providers
//! (`/v1/providers`, role providers) who make and ship paid orders.
//!
//! Money is integer minor units of an ISO 4217 currency everywhere; the
//! documented decimal strings (`"120.00"`) are only their rendering
//! ([`crate::money::render`]), with the currency's own exponent.

use serde::{de, Deserialize, Deserializer, Serialize};

use super::makers::{ContactEmail, WebUrl};
use super::{ApiDate, Id, Name, Patch};
use crate::order::{self, OrderStatus, Wanted};

/// The documented currency object, plus its ISO 4217 exponent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Currency {
    pub id: Id,
    pub name: String,
    pub iso_code: String,
    pub iso_code_num: String,
    pub sign: String,
    pub blank: bool,
    pub format: bool,
    /// Whether the currency has minor units at all (the yen has none).
    pub decimals: bool,
    /// Digits after the decimal point (ISO 4217): 2 for EUR, 0 for JPY.
    pub exponent: u8,
    /// Units of this currency one euro buys, six decimals (`"1.080000"` for the dollar).
    pub conversion_rate: String,
    pub is_enabled: bool,
}

impl crate::api::list::Listed for Currency {
    fn id(&self) -> i64 {
        self.id
    }
    fn status(&self) -> Option<bool> {
        Some(self.is_enabled)
    }
}

/// An item on sale, as the shop's catalogue shows it (anyone may read it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShopItem {
    pub id: Id,
    pub display_name: String,
    pub maker: String,
    pub url_image: Option<String>,
    /// The price of one, rendered (`"12.90"`), and in minor units.
    pub price: String,
    pub price_minor: i64,
    pub id_currency: Id,
    pub currency: String,
    pub quantity_in_stock: Option<i64>,
    #[serde(skip)]
    pub created: i64,
}

impl crate::api::list::Listed for ShopItem {
    fn id(&self) -> i64 {
        self.id
    }
    fn date_created(&self) -> Option<i64> {
        Some(self.created)
    }
}

/// `POST /v1/companies`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateCompany {
    pub name: Name<100>,
    pub email: ContactEmail,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<Name<30>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<WebUrl>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_number: Option<Name<30>>,
}

/// `POST /v1/companies/{id}`: at least one field; an empty optional one clears it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateCompany {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Name<100>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<ContactEmail>,
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub phone: Patch<Name<30>>,
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub url: Patch<WebUrl>,
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub vat_number: Patch<Name<30>>,
}

impl UpdateCompany {
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.email.is_none()
            && self.phone.is_keep()
            && self.url.is_keep()
            && self.vat_number.is_keep()
    }
}

/// The documented company object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Company {
    pub id: Id,
    pub id_owner: Id,
    pub url_image: Option<String>,
    pub name: String,
    pub phone: Option<String>,
    pub email: String,
    pub url: Option<String>,
    pub vat_number: Option<String>,
    pub date_created: ApiDate,
    pub date_updated: Option<ApiDate>,
}

/// One entry of `GET /v1/companies`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompanySummary {
    pub id: Id,
    pub name: String,
    #[serde(skip)]
    pub created: i64,
}

impl crate::api::list::Listed for CompanySummary {
    fn id(&self) -> i64 {
        self.id
    }
    fn date_created(&self) -> Option<i64> {
        Some(self.created)
    }
}

/// The `items` of an order: what the buyer wants, never what it costs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = String, example = r#"[{"id":164,"quantity":5}]"#))]
#[serde(transparent)]
pub struct OrderItems(#[serde(serialize_with = "wanted_json")] pub Vec<Wanted>);

fn wanted_json<S: serde::Serializer>(lines: &[Wanted], s: S) -> Result<S::Ok, S::Error> {
    let list: Vec<serde_json::Value> =
        lines.iter().map(|l| serde_json::json!({ "id": l.id_item, "quantity": l.quantity })).collect();
    s.collect_str(&serde_json::Value::Array(list))
}

impl<'de> Deserialize<'de> for OrderItems {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        order::parse_items(&text).map(OrderItems).map_err(de::Error::custom)
    }
}

/// `POST /v1/orders` (documented arguments). Any `price` sent is not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateOrder {
    pub id_address_shipping: Id,
    pub id_address_billing: Id,
    pub items: OrderItems,
}

/// The answer to `POST /v1/orders`: where to pay (valid one hour, as documented).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderCreated {
    pub id: Id,
    pub id_address_shipping: Id,
    pub id_address_billing: Id,
    pub url_checkout: String,
    pub price: String,
    pub price_minor: i64,
    pub currency: String,
    /// Paid or not (documented boolean); `order_status` tells the stage.
    pub status: bool,
    pub order_status: OrderStatus,
    pub date_created: ApiDate,
}

/// `POST /v1/orders/{id}`: the buyer's changes. `status` may only be
/// `cancelled` (before payment); the providers' changes are theirs.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateOrder {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_address_shipping: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_address_billing: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<OrderStatus>,
}

impl UpdateOrder {
    pub fn is_empty(&self) -> bool {
        self.id_address_shipping.is_none() && self.id_address_billing.is_none() && self.status.is_none()
    }
}

/// An address as an order shows it (the documented fields).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderAddress {
    pub id: Id,
    pub firstname: String,
    pub lastname: String,
    pub street: String,
    pub additional: Option<String>,
    pub country_code: String,
    pub city: String,
    pub zipcode: String,
    pub state: String,
    pub phone_mobile: Option<String>,
}

/// One line of an order (`order_details`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderDetail {
    pub id: Id,
    pub id_item: Id,
    pub name: String,
    /// The unit price when ordered.
    pub price: String,
    pub price_minor: i64,
    pub quantity: u32,
    pub id_provider: Option<Id>,
    pub quantity_returned: Option<u32>,
    pub quantity_refunded: Option<u32>,
    pub delivery_number: Option<String>,
    pub date_dispatched: Option<ApiDate>,
    pub date_delivered: Option<ApiDate>,
    /// What production made: `{"id_batch":…}` (the maker's batch of the products).
    pub provider_data: Option<String>,
    pub date_created: ApiDate,
}

/// The documented shop order object, as its buyer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Order {
    pub id: Id,
    /// `null` once the buyer's account is deleted (the order is kept for accounting).
    pub address_shipping: Option<OrderAddress>,
    pub address_billing: Option<OrderAddress>,
    pub price: String,
    pub price_minor: i64,
    pub id_currency: Id,
    pub currency: String,
    pub order_details: Vec<OrderDetail>,
    pub status: bool,
    pub order_status: OrderStatus,
    /// Where to pay while the order waits for it (the link of its last checkout).
    pub url_checkout: Option<String>,
    /// What the buyer may change the status to now.
    pub next: Vec<OrderStatus>,
    pub date_created: ApiDate,
    pub date_updated: Option<ApiDate>,
}

/// One entry of `GET /v1/orders`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderSummary {
    pub id: Id,
    pub price: String,
    pub currency: String,
    pub status: bool,
    pub order_status: OrderStatus,
    pub date_created: ApiDate,
    #[serde(skip)]
    pub created: i64,
}

impl crate::api::list::Listed for OrderSummary {
    fn id(&self) -> i64 {
        self.id
    }
    fn date_created(&self) -> Option<i64> {
        Some(self.created)
    }
    fn status(&self) -> Option<bool> {
        Some(self.status)
    }
}

/// `POST /v1/payments`: pay an order (again, when its checkout link expired).
/// The currency and amount must be the order's, or nothing starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatePayment {
    pub id_order: Id,
    pub currency: Name<3>,
    pub amount: String,
}

/// The answer to `POST /v1/payments`: the checkout to send the buyer to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentStarted {
    pub id_order: Id,
    pub url_checkout: String,
    pub payment_service: String,
}

/// The documented payment object: one row per payment a service confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Payment {
    pub id: Id,
    /// What it paid: a shop order or a plan's subscription.
    pub id_order: Option<Id>,
    pub id_subscription: Option<Id>,
    pub id_currency: Id,
    pub currency: String,
    /// The currency's rate to the euro when paid.
    pub conversion_rate: String,
    /// The service's reference (a Checkout Session id).
    pub payment_id: Option<String>,
    pub payment_service: Option<String>,
    #[serde(rename = "Amount")]
    pub amount: String,
    pub amount_minor: i64,
    pub ip: String,
    /// Whether it paid the order: a payment of the wrong amount or currency is kept, unpaid.
    pub status: bool,
    pub date_created: ApiDate,
}

/// One entry of `GET /v1/payments`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentSummary {
    pub id: Id,
    pub date_created: ApiDate,
    #[serde(skip)]
    pub created: i64,
}

impl crate::api::list::Listed for PaymentSummary {
    fn id(&self) -> i64 {
        self.id
    }
    fn date_created(&self) -> Option<i64> {
        Some(self.created)
    }
}

/// What the webhook answers Stripe (2xx stops its retries).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookReceived {
    pub received: bool,
    /// What the event did: `paid`, `duplicate`, `mismatch`, `ignored`.
    pub outcome: String,
}

/// `POST /v1/providers`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateProvider {
    pub id_company: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Name<100>>,
}

/// `POST /v1/providers/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateProvider {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_company: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Name<100>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProviderUser {
    pub id: Id,
    pub username: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProviderCompany {
    pub id: Id,
    pub name: String,
}

/// The documented provider object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Provider {
    pub id: Id,
    pub user: ProviderUser,
    pub company: ProviderCompany,
    pub name: String,
    pub quantity_returned: i64,
    pub status: bool,
    /// Set by Senzu's staff (`cargo xtask admin verify-provider`): only a
    /// verified provider sees the orders waiting for one.
    pub is_verified: bool,
    pub date_created: ApiDate,
    pub date_updated: Option<ApiDate>,
}

/// One entry of `GET /v1/providers`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProviderSummary {
    pub id: Id,
    pub name: String,
    #[serde(skip)]
    pub created: i64,
}

impl crate::api::list::Listed for ProviderSummary {
    fn id(&self) -> i64 {
        self.id
    }
    fn date_created(&self) -> Option<i64> {
        Some(self.created)
    }
}

/// An order as a provider sees it: where to ship and what to make, never the
/// billing address or the payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProviderOrder {
    pub id: Id,
    pub address_shipping: Option<OrderAddress>,
    pub order_details: Vec<OrderDetail>,
    pub order_status: OrderStatus,
    /// Taken by this provider (else it waits for one).
    pub is_taken: bool,
    /// What this provider may change the status to now.
    pub next: Vec<OrderStatus>,
    pub date_created: ApiDate,
    #[serde(skip)]
    pub created: i64,
}

impl crate::api::list::Listed for ProviderOrder {
    fn id(&self) -> i64 {
        self.id
    }
    fn date_created(&self) -> Option<i64> {
        Some(self.created)
    }
}

/// `POST /v1/providers/{id}/orders/{id_order}`: a stage (`in_production`
/// takes the order and makes its products for the buyer; `dispatched` needs a
/// `delivery_number`), or a line's returned and refunded quantities.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateProviderOrder {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<OrderStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_number: Option<Name<60>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_detail: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity_returned: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity_refunded: Option<u32>,
}

impl UpdateProviderOrder {
    pub fn is_empty(&self) -> bool {
        self.status.is_none()
            && self.delivery_number.is_none()
            && self.quantity_returned.is_none()
            && self.quantity_refunded.is_none()
    }
}

/// One entry of `GET /v1/plans` (documented: id and name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanSummary {
    pub id: Id,
    pub name: String,
}

impl crate::api::list::Listed for PlanSummary {
    fn id(&self) -> i64 {
        self.id
    }
}

/// What a plan allows of one resource (`max` null: no limit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanLimit {
    pub resource: crate::plan::Resource,
    pub max: Option<i64>,
}

/// The documented plan object, with what it unlocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Plan {
    pub id: Id,
    pub id_currency: Id,
    pub name: String,
    /// Months one period lasts.
    pub duration: i64,
    pub price: String,
    pub price_minor: i64,
    pub currency: String,
    pub limits: Vec<PlanLimit>,
    pub date_created: ApiDate,
    pub date_updated: Option<ApiDate>,
}

/// `POST /v1/subscriptions` (documented): `quantity` is months, whole periods of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateSubscription {
    pub id_address_billing: Id,
    pub id_plan: Id,
    pub quantity: u32,
}

/// The plan as a subscription shows it (documented).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubscribedPlan {
    pub id: Id,
    pub name: String,
    pub price: String,
    pub duration: i64,
}

/// Where a subscription stands: waiting for payment, paid (running from
/// `date_start` to `date_end`), or cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SubscriptionStatus {
    Created,
    Paid,
    Cancelled,
}

/// The documented subscription object, with its price and period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Subscription {
    pub id: Id,
    pub address_billing: Option<OrderAddress>,
    pub id_currency: Id,
    pub plan: SubscribedPlan,
    /// Months bought.
    pub quantity: i64,
    pub price: String,
    pub price_minor: i64,
    pub currency: String,
    /// Where to pay while it waits for payment ("" once paid, as documented).
    pub url_checkout: String,
    pub subscription_status: SubscriptionStatus,
    pub date_start: Option<ApiDate>,
    pub date_end: Option<ApiDate>,
    pub date_created: ApiDate,
}

/// One entry of `GET /v1/subscriptions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubscriptionSummary {
    pub id: Id,
    pub date_created: ApiDate,
    #[serde(skip)]
    pub created: i64,
}

impl crate::api::list::Listed for SubscriptionSummary {
    fn id(&self) -> i64 {
        self.id
    }
    fn date_created(&self) -> Option<i64> {
        Some(self.created)
    }
}

/// How much of a limit the account uses now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Usage {
    pub resource: crate::plan::Resource,
    pub max: Option<i64>,
    /// For plugins: the most on one application.
    pub used: i64,
}

/// `GET /v1/user/plan`: the account's plan now (none: `id_plan` 0) and its usage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CurrentPlan {
    pub id_plan: Id,
    pub name: Option<String>,
    pub date_end: Option<ApiDate>,
    pub usage: Vec<Usage>,
}

/// The documented reseller object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reseller {
    pub id: Id,
    pub user: ProviderUser,
    pub url_image: Option<String>,
    pub id_company: Option<Id>,
    /// Set by Senzu's staff (`cargo xtask admin verify-reseller`).
    pub is_verified: bool,
    pub date_created: ApiDate,
    pub date_updated: Option<ApiDate>,
}

/// One entry of `GET /v1/resellers`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResellerSummary {
    pub id: Id,
    #[serde(skip)]
    pub created: i64,
}

impl crate::api::list::Listed for ResellerSummary {
    fn id(&self) -> i64 {
        self.id
    }
    fn date_created(&self) -> Option<i64> {
        Some(self.created)
    }
}

/// `POST /v1/resellers` and `POST /v1/resellers/{id}` (documented arguments).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SaveReseller {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_image: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_company: Option<Id>,
}

/// A product a reseller sells (`GET /v1/resellers/{id}/products`): never its
/// keys, never its owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResellerProduct {
    pub id: Id,
    pub id_item: Id,
    pub item: String,
    pub reference: Option<String>,
    /// Paired to someone already (sold and in use).
    pub is_activated: bool,
    pub date_created: ApiDate,
    #[serde(skip)]
    pub created: i64,
}

impl crate::api::list::Listed for ResellerProduct {
    fn id(&self) -> i64 {
        self.id
    }
    fn date_created(&self) -> Option<i64> {
        Some(self.created)
    }
    fn status(&self) -> Option<bool> {
        Some(self.is_activated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::form::{args_from_form, from_args};

    #[test]
    fn an_order_is_read_from_the_documented_form_and_a_price_is_not() {
        let args = args_from_form(
            "id_address_billing=13&id_address_shipping=13&items=%7B%22id%22%3A%22164%22%2C%22quantity%22%3A%225%22%7D&price=0.01",
        );
        let order: CreateOrder = from_args(&args).unwrap();
        assert_eq!(order.items.0, vec![Wanted { id_item: 164, quantity: 5 }]);
        let bad = from_args::<CreateOrder>(&args_from_form("id_address_billing=1&id_address_shipping=1&items=%5B%5D"));
        assert!(bad.unwrap_err().to_string().contains("items"));
        let update: UpdateOrder = from_args(&args_from_form("status=cancelled")).unwrap();
        assert_eq!(update.status, Some(OrderStatus::Cancelled));
        assert!(from_args::<UpdateOrder>(&args_from_form("status=teleported")).is_err());
    }

    #[test]
    fn order_items_serialize_as_the_text_they_parse_from() {
        let items = OrderItems(vec![Wanted { id_item: 2, quantity: 3 }]);
        let text = serde_json::to_value(&items).unwrap();
        assert_eq!(text, r#"[{"id":2,"quantity":3}]"#);
        let back: OrderItems = serde_json::from_value(text).unwrap();
        assert_eq!(back, items);
    }
}
