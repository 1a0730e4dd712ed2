//! Shop orders (`/v1/orders`, role user_financial): a buyer orders items, is
//! sent to a Stripe Checkout to pay, and follows the order. The price is the
//! server's (the items' prices when ordered); only a verified Stripe event pays
//! (payments/); providers make and ship it (providers/).

pub mod repo;

use senzu_core::api::list::ListSpec;
use senzu_core::api::shop::{CreateOrder, Order, OrderCreated, UpdateOrder};
use senzu_core::api::{ApiDate, Id, Keyed};
use senzu_core::auth::Role;
use senzu_core::order::{self, Actor, OrderStatus};
use senzu_core::ErrorCode;
use worker::{Request, Response};

use super::Call;
use crate::args::bad;
use crate::error::{AppError, AppResult};
use crate::http::{created, json};
use crate::request;
use crate::stripe::{self, Checkout};
use repo::OrderRow;

/// How long a checkout link works (documented: one hour).
pub const CHECKOUT_SECONDS: i64 = 3600;

async fn buyer(call: &Call<'_>) -> AppResult<Id> {
    Ok(call.caller.require_user(&call.db, Role::UserFinancial, call.now).await?.id_user)
}

fn no_order(id: Id) -> AppError {
    AppError::not_found(format!("no order with id {id}"))
}

/// The caller's order `id` (another's is a 404, as if it did not exist).
pub async fn own(call: &Call<'_>, me: Id, id: Id) -> AppResult<OrderRow> {
    repo::get(&call.db, id).await?.filter(|o| o.id_user == Some(me)).ok_or_else(|| no_order(id))
}

/// The order as its buyer sees it; its checkout link only while it still works.
pub fn view(o: OrderRow, now: i64) -> Order {
    let waiting = o.status == OrderStatus::Created && o.checkout_expires.is_some_and(|e| e > now);
    Order {
        id: o.id,
        price: o.price(),
        price_minor: o.price_minor,
        id_currency: o.id_currency,
        currency: o.currency.clone(),
        address_shipping: o.shipping,
        address_billing: o.billing,
        order_details: o.details,
        status: o.status.is_paid(),
        order_status: o.status,
        url_checkout: if waiting { o.checkout_url } else { None },
        next: o.status.next(Actor::Buyer),
        date_created: ApiDate::from_unix(o.date_created),
        date_updated: ApiDate::opt(o.date_updated),
    }
}

/// `GET /v1/orders`.
pub async fn list(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    let me = buyer(call).await?;
    Ok(json(&Keyed(filters.apply(repo::list(&call.db, me).await?))))
}

/// `GET /v1/orders/{id}`.
pub async fn get(call: &Call<'_>, id: Id) -> AppResult<Response> {
    let me = buyer(call).await?;
    Ok(json(&view(own(call, me, id).await?, call.now)))
}

async fn address(call: &Call<'_>, me: Id, id: Id, field: &str) -> AppResult<Id> {
    if repo::own_address(&call.db, me, id).await? {
        Ok(id)
    } else {
        Err(bad(field, format!("no address with id {id} in your addresses (POST /v1/addresses)")))
    }
}

/// `POST /v1/orders` (201): `id_address_shipping`, `id_address_billing`,
/// `items` (`{"id":…,"quantity":…}` or a list). The total is computed here
/// from the items' prices; the answer carries the checkout to pay at.
pub async fn create(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let me = buyer(call).await?;
    let new: CreateOrder = request::parse(req).await?;
    let shipping = address(call, me, new.id_address_shipping, "id_address_shipping").await?;
    let billing = address(call, me, new.id_address_billing, "id_address_billing").await?;
    let ids: Vec<Id> = new.items.0.iter().map(|w| w.id_item).collect();
    let priced = order::price(&new.items.0, &repo::priced(&call.db, &ids).await?).map_err(|why| bad("items", why))?;
    // Refused before anything is written when payments cannot be taken.
    let stripe = stripe::configured(call.env)?;
    let id = repo::create(&call.db, me, (shipping, billing), &priced, call.now).await?;
    let order = own(call, me, id).await?;
    let url = checkout(call, &stripe, &order).await?;
    let o = own(call, me, id).await?;
    Ok(created(&OrderCreated {
        id,
        id_address_shipping: shipping,
        id_address_billing: billing,
        url_checkout: url,
        price: o.price(),
        price_minor: o.price_minor,
        currency: o.currency.clone(),
        status: false,
        order_status: o.status,
        date_created: ApiDate::from_unix(o.date_created),
    }))
}

/// Opens a Checkout Session for the order (valid an hour) and keeps its link.
pub async fn checkout(call: &Call<'_>, stripe: &stripe::Stripe, o: &OrderRow) -> AppResult<String> {
    let expires_at = call.now + CHECKOUT_SECONDS;
    let page = format!("{}/shop/orders/{}", call.origin, o.id);
    let reference = o.id.to_string();
    let session = stripe
        .create_checkout(&Checkout {
            reference: &reference,
            currency: &o.currency,
            lines: o.details.iter().map(|d| (d.name.as_str(), d.price_minor, d.quantity)).collect(),
            success_url: format!("{page}?paid=1"),
            cancel_url: page,
            expires_at,
            email: None,
            replaces: o.checkout_session.as_deref(),
        })
        .await?;
    let url = session.url.clone().unwrap_or_default();
    repo::set_checkout(&call.db, o.id, &session.id, &url, expires_at, call.now).await?;
    Ok(url)
}

/// `POST /v1/orders/{id}`: the addresses (shipping until a provider takes the
/// order, billing until it is paid), or `status=cancelled` before payment.
pub async fn update(call: &Call<'_>, req: &mut Request, id: Id) -> AppResult<Response> {
    let me = buyer(call).await?;
    let changes: UpdateOrder = request::parse(req).await?;
    if changes.is_empty() {
        return Err(AppError::api(
            ErrorCode::MissingArgument,
            "missing argument: id_address_shipping, id_address_billing or status",
        ));
    }
    let o = own(call, me, id).await?;
    let frozen =
        |what: &str| AppError::api(ErrorCode::Conflict, format!("the order is {}: its {what} is final", o.status));
    if changes.id_address_shipping.is_some() && (!o.status.shipping_may_change() || o.id_provider.is_some()) {
        return Err(frozen("shipping address"));
    }
    if changes.id_address_billing.is_some() && !o.status.billing_may_change() {
        return Err(frozen("billing address"));
    }
    if let Some(to) = changes.status {
        if !o.status.may_become(to, Actor::Buyer) {
            return Err(AppError::api(ErrorCode::Conflict, order::refusal(o.status, to, Actor::Buyer)));
        }
    }
    let shipping = match changes.id_address_shipping {
        Some(a) => Some(address(call, me, a, "id_address_shipping").await?),
        None => None,
    };
    let billing = match changes.id_address_billing {
        Some(a) => Some(address(call, me, a, "id_address_billing").await?),
        None => None,
    };
    if shipping.is_some() || billing.is_some() {
        repo::set_addresses(&call.db, id, shipping, billing, call.now).await?;
    }
    if let Some(to) = changes.status {
        let moved = repo::transition(&call.db, id, (o.status, to), Actor::Buyer, None, vec![], call.now).await?;
        if !moved {
            // Paid meanwhile: the payment won.
            let now = own(call, me, id).await?;
            return Err(AppError::api(ErrorCode::Conflict, order::refusal(now.status, to, Actor::Buyer)));
        }
        // The checkout must not take money for a cancelled order any more.
        if let (Some(session), Ok(stripe)) = (o.checkout_session.as_deref(), stripe::configured(call.env)) {
            if let Err(e) = stripe.expire_checkout(session).await {
                e.log("expire checkout");
            }
        }
    }
    Ok(json(&view(own(call, me, id).await?, call.now)))
}
