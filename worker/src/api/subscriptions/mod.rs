//! Subscriptions to plans (`/v1/subscriptions`, role user_financial): bought
//! like an order — a checkout on the payment service, paid only by a verified
//! event (payments/) — and running, once paid, from the end of the account's
//! last subscription for the months bought.

pub mod repo;

use senzu_core::api::list::ListSpec;
use senzu_core::api::shop::{CreateSubscription, SubscribedPlan, Subscription, SubscriptionStatus};
use senzu_core::api::{ApiDate, Id, Keyed};
use senzu_core::auth::Role;
use senzu_core::{money, plan};
use worker::{Request, Response};

use super::orders::{repo as orders_repo, CHECKOUT_SECONDS};
use super::plans::repo as plans_repo;
use super::Call;
use crate::args::bad;
use crate::error::{AppError, AppResult};
use crate::http::{created, json};
use crate::request;
use crate::stripe::{self, Checkout};
use repo::SubscriptionRow;

async fn me(call: &Call<'_>) -> AppResult<Id> {
    Ok(call.caller.require_user(&call.db, Role::UserFinancial, call.now).await?.id_user)
}

async fn own(call: &Call<'_>, me: Id, id: Id) -> AppResult<SubscriptionRow> {
    repo::get(&call.db, id)
        .await?
        .filter(|s| s.id_user == Some(me))
        .ok_or_else(|| AppError::not_found(format!("no subscription with id {id}")))
}

fn view(s: SubscriptionRow, now: i64) -> Subscription {
    let waiting = s.status == SubscriptionStatus::Created && s.checkout_expires.is_some_and(|e| e > now);
    Subscription {
        id: s.id,
        address_billing: s.billing,
        id_currency: s.id_currency,
        plan: SubscribedPlan {
            id: s.id_plan,
            name: s.plan_name,
            price: money::render(s.plan_price_minor, s.exponent),
            duration: s.duration,
        },
        quantity: s.months,
        price: money::render(s.price_minor, s.exponent),
        price_minor: s.price_minor,
        currency: s.currency,
        url_checkout: if waiting { s.checkout_url.unwrap_or_default() } else { String::new() },
        subscription_status: s.status,
        date_start: ApiDate::opt(s.date_start),
        date_end: ApiDate::opt(s.date_end),
        date_created: ApiDate::from_unix(s.date_created),
    }
}

pub async fn list(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    let me = me(call).await?;
    Ok(json(&Keyed(filters.apply(repo::list(&call.db, me).await?))))
}

pub async fn get(call: &Call<'_>, id: Id) -> AppResult<Response> {
    let me = me(call).await?;
    Ok(json(&view(own(call, me, id).await?, call.now)))
}

/// `POST /v1/subscriptions` (201): `id_address_billing`, `id_plan`, `quantity`
/// (months, whole periods of the plan). The price is the plan's; the answer
/// carries the checkout to pay at.
pub async fn create(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let me = me(call).await?;
    let asked: CreateSubscription = request::parse(req).await?;
    if !orders_repo::own_address(&call.db, me, asked.id_address_billing).await? {
        return Err(bad(
            "id_address_billing",
            format!("no address with id {} in your addresses", asked.id_address_billing),
        ));
    }
    let chosen = plans_repo::get(&call.db, asked.id_plan)
        .await?
        .ok_or_else(|| bad("id_plan", format!("no plan with id {} (GET /v1/plans)", asked.id_plan)))?;
    let months = i64::from(asked.quantity);
    let price_minor =
        plan::subscription_price(chosen.price_minor, chosen.duration, months).map_err(|why| bad("quantity", why))?;
    let stripe = stripe::configured(call.env)?;
    let new = repo::NewSubscription {
        id_plan: chosen.id,
        id_address_billing: asked.id_address_billing,
        id_currency: chosen.id_currency,
        months,
        price_minor,
    };
    let id = repo::create(&call.db, me, &new, call.now).await?;
    let expires_at = call.now + CHECKOUT_SECONDS;
    let reference = format!("subscription-{id}");
    let line = format!("Senzu {} — {months} months", chosen.name);
    let page = format!("{}/shop/plans", call.origin);
    let session = stripe
        .create_checkout(&Checkout {
            reference: &reference,
            currency: &chosen.currency,
            lines: vec![(line.as_str(), price_minor, 1)],
            success_url: format!("{page}?paid={id}"),
            cancel_url: page,
            expires_at,
            email: None,
            replaces: None,
        })
        .await?;
    let url = session.url.clone().unwrap_or_default();
    repo::set_checkout(&call.db, id, &session.id, &url, expires_at, call.now).await?;
    Ok(created(&view(own(call, me, id).await?, call.now)))
}
