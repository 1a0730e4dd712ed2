//! The shop: its catalogue, the buyer's orders and their checkouts
//! (`/v1/shop/items`, `/v1/orders`, `/v1/payments`), companies, and the
//! provider's console (`/v1/providers`), plans and subscriptions, resellers.
//! Prices are always the server's.

use senzu_core::api::shop::{
    Company, CompanySummary, CreateCompany, CreateOrder, CreatePayment, CreateProvider, CreateSubscription,
    CurrentPlan, Order, OrderCreated, OrderSummary, PaymentStarted, Plan, PlanSummary, Provider, ProviderOrder,
    ProviderSummary, Reseller, ResellerProduct, ResellerSummary, SaveReseller, ShopItem, Subscription, UpdateOrder,
    UpdateProviderOrder,
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

pub async fn plans() -> Result<Vec<Plan>, ApiError> {
    let list = super::get::<Keyed<PlanSummary>>(&format!("/v1/plans?{}", all())).await?.0;
    let mut plans = Vec::with_capacity(list.len());
    for p in list {
        plans.push(super::get(&format!("/v1/plans/{}", p.id)).await?);
    }
    Ok(plans)
}

pub async fn current_plan() -> Result<CurrentPlan, ApiError> {
    super::get("/v1/user/plan").await
}

pub async fn subscribe(new: &CreateSubscription) -> Result<Subscription, ApiError> {
    super::post("/v1/subscriptions", new).await
}

pub async fn subscription(id: Id) -> Result<Subscription, ApiError> {
    super::get(&format!("/v1/subscriptions/{id}")).await
}

/// The account's reseller account, if it has one.
pub async fn my_reseller() -> Result<Option<Reseller>, ApiError> {
    let list = super::get::<Keyed<ResellerSummary>>(&format!("/v1/resellers?{}", all())).await?.0;
    match list.first() {
        Some(r) => super::get(&format!("/v1/resellers/{}", r.id)).await.map(Some),
        None => Ok(None),
    }
}

pub async fn create_reseller(new: &SaveReseller) -> Result<Reseller, ApiError> {
    super::post("/v1/resellers", new).await
}

pub async fn reseller_products(id: Id) -> Result<Vec<ResellerProduct>, ApiError> {
    super::get::<Keyed<ResellerProduct>>(&format!("/v1/resellers/{id}/products?{}", all())).await.map(|k| k.0)
}
