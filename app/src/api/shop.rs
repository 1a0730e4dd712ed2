//! The shop: its catalogue, the buyer's orders and their checkouts
//! (`/v1/shop/items`, `/v1/orders`, `/v1/payments`), companies, and the
//! provider's console (`/v1/providers`). Prices are always the server's.

use senzu_core::api::shop::{
    Company, CompanySummary, CreateCompany, CreateOrder, CreatePayment, CreateProvider, Order, OrderCreated,
    OrderSummary, PaymentStarted, Provider, ProviderOrder, ProviderSummary, ShopItem, UpdateOrder, UpdateProviderOrder,
};
use senzu_core::api::{Id, Keyed};
use senzu_core::order::OrderStatus;
use senzu_core::ApiError;

use super::all;

pub async fn items() -> Result<Vec<ShopItem>, ApiError> {
    super::get::<Keyed<ShopItem>>(&format!("/v1/shop/items?{}", all())).await.map(|k| k.0)
}

/// Orders the cart: the answer carries the server's price and where to pay.
pub async fn create_order(new: &CreateOrder) -> Result<OrderCreated, ApiError> {
    super::post("/v1/orders", new).await
}

pub async fn orders() -> Result<Vec<OrderSummary>, ApiError> {
    super::get::<Keyed<OrderSummary>>(&format!("/v1/orders?{}", all())).await.map(|k| k.0)
}

pub async fn order(id: Id) -> Result<Order, ApiError> {
    super::get(&format!("/v1/orders/{id}")).await
}

/// Cancels an order nobody paid yet (its checkout closes).
pub async fn cancel(id: Id) -> Result<Order, ApiError> {
    let change = UpdateOrder { status: Some(OrderStatus::Cancelled), ..UpdateOrder::default() };
    super::post(&format!("/v1/orders/{id}"), &change).await
}

/// A fresh checkout for an unpaid order (the last one expired or was left).
pub async fn pay(request: &CreatePayment) -> Result<PaymentStarted, ApiError> {
    super::post("/v1/payments", request).await
}

pub async fn companies() -> Result<Vec<CompanySummary>, ApiError> {
    super::get::<Keyed<CompanySummary>>(&format!("/v1/companies?{}", all())).await.map(|k| k.0)
}

pub async fn create_company(new: &CreateCompany) -> Result<Company, ApiError> {
    super::post("/v1/companies", new).await
}

/// The account's provider account, if it has one.
pub async fn my_provider() -> Result<Option<Provider>, ApiError> {
    let list = super::get::<Keyed<ProviderSummary>>(&format!("/v1/providers?{}", all())).await?.0;
    match list.first() {
        Some(p) => super::get(&format!("/v1/providers/{}", p.id)).await.map(Some),
        None => Ok(None),
    }
}

pub async fn create_provider(new: &CreateProvider) -> Result<Provider, ApiError> {
    super::post("/v1/providers", new).await
}

pub async fn provider_orders(id: Id) -> Result<Vec<ProviderOrder>, ApiError> {
    super::get::<Keyed<ProviderOrder>>(&format!("/v1/providers/{id}/orders?{}", all())).await.map(|k| k.0)
}

pub async fn update_provider_order(
    id: Id,
    id_order: Id,
    change: &UpdateProviderOrder,
) -> Result<ProviderOrder, ApiError> {
    super::post(&format!("/v1/providers/{id}/orders/{id_order}"), change).await
}
