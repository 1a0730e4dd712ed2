//! The Senzu Worker. Everything lives behind `cfg(target_arch = "wasm32")`:
//! natively this crate only hosts the integration tests in `tests/`.
#![cfg(target_arch = "wasm32")]

mod args;
mod auth;
mod db;
mod error;
mod http;
mod mailer;
mod plays;
mod routes;

use worker::{event, Context, Env, Request, Response, Result};

#[event(fetch)]
async fn fetch(req: Request, env: Env, ctx: Context) -> Result<Response> {
    console_error_panic_hook::set_once();
    let response = routes::dispatch(req, &env, &ctx).await;
    Ok(match response {
        Ok(resp) => resp,
        Err(err) => err.into_response(),
    })
}
