//! Stripe's HTTP API, the parts the shop uses: Checkout Sessions
//! (`POST /v1/checkout/sessions`). Webhook signatures are checked by core
//! (`senzu_core::stripe`).
//!
//! Configuration: `STRIPE_SECRET_KEY` and `STRIPE_WEBHOOK_SECRET` are secrets
//! (`wrangler secret put`); `STRIPE_API_URL` (default `https://api.stripe.com`)
//! points elsewhere only locally, at the loopback stand-in `cargo xtask dev`
//! and the tests start. Without keys no order can be paid: there is no path
//! that skips the payment.

use futures_util::future::{select, Either};
use senzu_core::stripe::CheckoutSession;
use senzu_core::ErrorCode;
use worker::{Delay, Env, Fetch, Headers, Method, Request, RequestInit};

use crate::error::{AppError, AppResult};

const BUDGET: std::time::Duration = std::time::Duration::from_secs(8);

pub struct Stripe {
    api: String,
    secret_key: String,
}

fn unavailable(why: &str) -> AppError {
    AppError::api(ErrorCode::Unavailable, format!("payments are unavailable: {why}"))
}

/// The configured account, or 503 when the deployment has none.
pub fn configured(env: &Env) -> AppResult<Stripe> {
    let secret_key = env.secret("STRIPE_SECRET_KEY").map(|s| s.to_string()).unwrap_or_default();
    if secret_key.is_empty() {
        return Err(unavailable("no payment service is configured (STRIPE_SECRET_KEY)"));
    }
    let api = env.var("STRIPE_API_URL").map(|v| v.to_string()).unwrap_or_else(|_| "https://api.stripe.com".into());
    Ok(Stripe { api: api.trim_end_matches('/').to_string(), secret_key })
}

/// The webhook endpoint's signing secret (`whsec_…`).
pub fn webhook_secret(env: &Env) -> AppResult<String> {
    let secret = env.secret("STRIPE_WEBHOOK_SECRET").map(|s| s.to_string()).unwrap_or_default();
    if secret.is_empty() {
        return Err(unavailable("no webhook secret is configured (STRIPE_WEBHOOK_SECRET)"));
    }
    Ok(secret)
}

/// What a checkout sells: one line per order line, in the order's currency.
pub struct Checkout<'a> {
    /// What the payment is for, as the webhook reads it back (`client_reference_id`):
    /// an order's id, or `subscription-{id}`.
    pub reference: &'a str,
    pub currency: &'a str,
    pub lines: Vec<(&'a str, i64, u32)>,
    pub success_url: String,
    pub cancel_url: String,
    pub expires_at: i64,
    pub email: Option<&'a str>,
    /// The session this one replaces, if any: part of the idempotency key.
    pub replaces: Option<&'a str>,
}

fn encode(s: &str) -> String {
    senzu_core::plugins::encode(s)
}

impl Stripe {
    /// A Checkout Session for what `reference` names. The idempotency key is
    /// that, the session it replaces and its expiry: a request repeated within
    /// the same second gets the same session, and a later attempt (after one
    /// whose answer was lost) a new one rather than Stripe's "same key, other
    /// parameters" refusal. A session whose link never reached the buyer cannot
    /// be paid.
    pub async fn create_checkout(&self, c: &Checkout<'_>) -> AppResult<CheckoutSession> {
        let mut form = vec![
            ("mode".to_string(), "payment".to_string()),
            ("client_reference_id".into(), c.reference.to_string()),
            ("metadata[reference]".into(), c.reference.to_string()),
            ("success_url".into(), c.success_url.clone()),
            ("cancel_url".into(), c.cancel_url.clone()),
            ("expires_at".into(), c.expires_at.to_string()),
        ];
        if let Some(email) = c.email {
            form.push(("customer_email".into(), email.to_string()));
        }
        for (i, (name, unit, quantity)) in c.lines.iter().enumerate() {
            let p = format!("line_items[{i}]");
            form.push((format!("{p}[quantity]"), quantity.to_string()));
            form.push((format!("{p}[price_data][currency]"), c.currency.to_ascii_lowercase()));
            form.push((format!("{p}[price_data][unit_amount]"), unit.to_string()));
            form.push((format!("{p}[price_data][product_data][name]"), name.to_string()));
        }
        let body: Vec<String> = form.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
        let idempotency = format!("senzu-{}-after-{}-{}", c.reference, c.replaces.unwrap_or("none"), c.expires_at);
        let (status, text) = self.post("/v1/checkout/sessions", body.join("&"), &idempotency).await?;
        if !(200..300).contains(&status) {
            // Stripe's error message may name our request's fields, never a secret: it stays in the log.
            AppError::Internal { context: "stripe checkout", cause: format!("{status}: {text}") }
                .log("create checkout");
            return Err(unavailable("the payment service refused to open a checkout"));
        }
        let session: CheckoutSession = serde_json::from_str(&text)
            .map_err(|_| unavailable("the payment service answered something unreadable"))?;
        if session.url.as_deref().is_none_or(str::is_empty) {
            return Err(unavailable("the payment service gave no checkout address"));
        }
        Ok(session)
    }

    /// Closes a session nobody should pay any more (a cancelled order, a renewed checkout).
    pub async fn expire_checkout(&self, session: &str) -> AppResult<()> {
        let path = format!("/v1/checkout/sessions/{}/expire", encode(session));
        let (status, text) = self.post(&path, String::new(), &format!("senzu-expire-{session}")).await?;
        if !(200..300).contains(&status) {
            // Already complete or expired: nothing to close.
            AppError::Internal { context: "stripe expire", cause: format!("{status}: {text}") }.log("expire checkout");
        }
        Ok(())
    }

    async fn post(&self, path: &str, body: String, idempotency: &str) -> AppResult<(u16, String)> {
        let headers = Headers::new();
        let _ = headers.set("authorization", &format!("Bearer {}", self.secret_key));
        let _ = headers.set("content-type", "application/x-www-form-urlencoded");
        let _ = headers.set("idempotency-key", idempotency);
        let mut init = RequestInit::new();
        init.with_method(Method::Post).with_headers(headers).with_body(Some(body.into()));
        let request = Request::new_with_init(&format!("{}{path}", self.api), &init)
            .map_err(|_| unavailable("STRIPE_API_URL is not a valid address"))?;
        let attempt = async move {
            let mut resp = Fetch::Request(request).send().await.map_err(|_| unavailable("no answer"))?;
            let status = resp.status_code();
            let text = resp.text().await.map_err(|_| unavailable("the answer was cut"))?;
            Ok::<_, AppError>((status, text))
        };
        match select(Box::pin(attempt), Box::pin(Delay::from(BUDGET))).await {
            Either::Left((answer, _)) => answer,
            Either::Right(_) => Err(unavailable("no answer within 8 seconds")),
        }
    }
}
