//! Payments (`/v1/payments`, role user_financial) and Stripe's webhook
//! (`POST /v1/payments/stripe/webhook`, public, signed).
//!
//! A payment row is written only by a webhook event whose signature verifies
//! (core::stripe): the amount, currency and checkout must be the order's for
//! it to pay the order; otherwise it is kept unpaid (and logged) so staff can
//! refund it. `POST /v1/payments` only opens a new checkout for an order.

mod repo;

use senzu_core::api::list::ListSpec;
use senzu_core::api::shop::{CreatePayment, PaymentStarted, SubscriptionStatus, WebhookReceived};
use senzu_core::api::{Id, Keyed};
use senzu_core::auth::Role;
use senzu_core::order::OrderStatus;
use senzu_core::stripe::{self as signature, CheckoutSession, Event};
use senzu_core::{money, ErrorCode};
use worker::{Env, Request, Response};

use super::orders::{self, repo as orders_repo};
use super::subscriptions::repo as subscriptions_repo;
use super::Call;
use crate::args::bad;
use crate::error::{AppError, AppResult};
use crate::http::{created, json};
use crate::request;
use crate::stripe;

async fn payer(call: &Call<'_>) -> AppResult<Id> {
    Ok(call.caller.require_user(&call.db, Role::UserFinancial, call.now).await?.id_user)
}

/// `GET /v1/payments`.
pub async fn list(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    let me = payer(call).await?;
    Ok(json(&Keyed(filters.apply(repo::list(&call.db, me).await?))))
}

/// `GET /v1/payments/{id}`.
pub async fn get(call: &Call<'_>, id: Id) -> AppResult<Response> {
    let me = payer(call).await?;
    let found =
        repo::get(&call.db, me, id).await?.ok_or_else(|| AppError::not_found(format!("no payment with id {id}")))?;
    Ok(json(&found))
}

/// `POST /v1/payments` (201): `id_order`, `currency`, `amount` — which must be
/// the order's, so a client cannot pay another sum. Answers a fresh checkout.
pub async fn create(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let me = payer(call).await?;
    let asked: CreatePayment = request::parse(req).await?;
    // Another account's order is not named as such: it is just not one of the caller's.
    let o = orders_repo::get(&call.db, asked.id_order)
        .await?
        .filter(|o| o.id_user == Some(me))
        .ok_or_else(|| bad("id_order", format!("no order with id {} of yours", asked.id_order)))?;
    if o.status != OrderStatus::Created {
        return Err(AppError::api(ErrorCode::Conflict, format!("the order is {}: there is nothing to pay", o.status)));
    }
    if !asked.currency.as_str().eq_ignore_ascii_case(&o.currency) {
        return Err(bad("currency", format!("the order is in {}", o.currency)));
    }
    let amount = money::parse(&asked.amount, o.exponent).map_err(|why| bad("amount", why))?;
    if amount != o.price_minor {
        return Err(bad("amount", format!("must be the order's total, {}", o.price())));
    }
    let stripe = stripe::configured(call.env)?;
    // The previous link must not pay as well.
    if let Some(session) = o.checkout_session.as_deref() {
        stripe.expire_checkout(session).await?;
    }
    let url = orders::checkout(call, &stripe, &o).await?;
    Ok(created(&PaymentStarted { id_order: o.id, url_checkout: url, payment_service: "stripe".into() }))
}

/// What a payment must match to pay its order or subscription.
struct Expected {
    open_or_paid: bool,
    checkout: Option<String>,
    amount: i64,
    currency: String,
}

fn refused(why: impl std::fmt::Display) -> AppError {
    AppError::api(ErrorCode::BadRequest, format!("webhook refused: {why}"))
}

/// `POST /v1/payments/stripe/webhook`: 400 for anything not signed with the
/// endpoint's secret (nothing changes); 200 for every verified event, with
/// what it did, so Stripe stops retrying; a 500 (a D1 failure) is retried.
pub async fn webhook(req: &mut Request, env: &Env) -> AppResult<Response> {
    let secret = stripe::webhook_secret(env)?;
    let header = req.headers().get("stripe-signature").ok().flatten();
    let body = req.bytes().await.map_err(|_| refused("the body could not be read"))?;
    let now = crate::db::now();
    signature::verify(&secret, header.as_deref(), &body, now).map_err(refused)?;
    let event: Event = serde_json::from_slice(&body).map_err(|_| refused("not a Stripe event"))?;
    let answer = |outcome: &str| json(&WebhookReceived { received: true, outcome: outcome.into() });
    if !signature::pays(&event.kind) {
        return Ok(answer("ignored"));
    }
    let session: CheckoutSession =
        serde_json::from_value(event.data.object.clone()).map_err(|_| refused("not a Checkout Session"))?;
    if session.payment_status.as_deref() != Some("paid") {
        // An async method that has not settled: its own event comes later.
        return Ok(answer("ignored"));
    }
    let Some(target) = session.client_reference_id.as_deref().and_then(repo::Target::parse) else {
        return Ok(answer("ignored"));
    };
    let db = crate::db::database(env)?;
    // What the target expects: its checkout, amount and currency, and whether it still waits
    // for payment (or was paid already: another event of its checkout is the same payment).
    let expected = match target {
        repo::Target::Order(id) => orders_repo::get(&db, id).await?.map(|o| Expected {
            open_or_paid: o.status == OrderStatus::Created || o.status.is_paid(),
            checkout: o.checkout_session,
            amount: o.price_minor,
            currency: o.currency,
        }),
        repo::Target::Subscription(id) => subscriptions_repo::get(&db, id).await?.map(|s| Expected {
            open_or_paid: s.status != SubscriptionStatus::Cancelled,
            checkout: s.checkout_session,
            amount: s.price_minor,
            currency: s.currency,
        }),
    };
    let Some(expected) = expected else {
        return Ok(answer("ignored"));
    };
    let currency = session.currency.clone().unwrap_or_default();
    let amount = session.amount_total.unwrap_or(-1);
    let pays = expected.open_or_paid
        && expected.checkout.as_deref() == Some(session.id.as_str())
        && amount == expected.amount
        && currency.eq_ignore_ascii_case(&expected.currency);
    let paid = repo::Paid {
        target,
        event_id: &event.id,
        session: &session.id,
        currency: &currency,
        amount_minor: amount,
        pays,
    };
    let outcome = match repo::record(&db, &paid, now).await? {
        repo::Recorded::Paid => "paid",
        repo::Recorded::Duplicate => "duplicate",
        repo::Recorded::Mismatch => {
            // Money was taken for something we will not deliver as asked: staff refund it.
            AppError::Internal {
                context: "payment mismatch",
                cause: format!(
                    "{target:?}: event {} paid {amount} {currency} on checkout {} for {} {} on {:?}",
                    event.id, session.id, expected.amount, expected.currency, expected.checkout
                ),
            }
            .log("stripe webhook");
            "mismatch"
        }
    };
    Ok(answer(outcome))
}
