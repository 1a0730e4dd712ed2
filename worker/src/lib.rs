//! The Senzu Worker. Everything lives behind `cfg(target_arch = "wasm32")`:
//! natively this crate only hosts the integration tests in `tests/`.
#![cfg(target_arch = "wasm32")]

mod api;
mod args;
mod auth;
mod cors;
mod csrf;
mod db;
mod error;
mod events;
mod http;
mod keys;
mod mailer;
mod partners;
mod plays;
mod rate;
mod request;
mod stripe;

use senzu_core::insight_event::InsightEvent;
use worker::{event, Context, Env, MessageBatch, Request, Response, Result};

#[event(fetch)]
async fn fetch(req: Request, env: Env, ctx: Context) -> Result<Response> {
    console_error_panic_hook::set_once();
    if let Some(preflight) = cors::preflight(&req) {
        return Ok(preflight);
    }
    let path = req.path();
    let response = api::dispatch(req, &env, &ctx).await;
    Ok(cors::decorate(
        &path,
        match response {
            Ok(resp) => resp,
            Err(err) => err.into_response(),
        },
    ))
}

/// The insight queue's consumer (wrangler.toml `[[queues.consumers]]`): it acks
/// or retries the batch itself, so it never fails as a whole.
#[event(queue)]
async fn queue(batch: MessageBatch<InsightEvent>, env: Env, _ctx: Context) -> Result<()> {
    console_error_panic_hook::set_once();
    events::consume(batch, &env).await;
    Ok(())
}
