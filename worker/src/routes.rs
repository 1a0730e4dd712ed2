//! Request dispatch: one match over method and path segments, one module per resource.

use senzu_core::ErrorCode;
use worker::{Context as WorkerContext, Env, Method, Request, Response};

use crate::error::{AppError, AppResult};

mod dev;
mod health;
mod play_routes;
mod plugstores;

pub async fn dispatch(mut req: Request, env: &Env, ctx: &WorkerContext) -> AppResult<Response> {
    let path = req.path();
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let method = req.method();
    match (segments.as_slice(), &method) {
        (["v1", "health"], Method::Get) => health::get(env).await,
        (["p", seg], Method::Get) => play_routes::page(&req, env, ctx, play_routes::record_ref(seg)?).await,
        (["s", key], Method::Get) => play_routes::page(&req, env, ctx, play_routes::shared_ref(key)?).await,
        (["v1", "plays", "shared", key], Method::Get) => {
            play_routes::json(&req, env, ctx, play_routes::shared_ref(key)?, None).await
        }
        (["v1", "plays", "shared", key, "plugins", id], Method::Get) => {
            play_routes::json(&req, env, ctx, play_routes::shared_ref(key)?, Some(plugin_id(id)?)).await
        }
        (["v1", "plays", "shared", key, "lost-report"], Method::Post) => {
            play_routes::lost_report(&mut req, env, play_routes::shared_ref(key)?).await
        }
        (["v1", "plays", seg], Method::Get) => {
            play_routes::json(&req, env, ctx, play_routes::record_ref(seg)?, None).await
        }
        (["v1", "plays", seg, "plugins", id], Method::Get) => {
            play_routes::json(&req, env, ctx, play_routes::record_ref(seg)?, Some(plugin_id(id)?)).await
        }
        (["v1", "plays", seg, "lost-report"], Method::Post) => {
            play_routes::lost_report(&mut req, env, play_routes::record_ref(seg)?).await
        }
        (["v1", "dev", "write"], Method::Post) if dev::enabled(env) => dev::write(env).await,
        (["v1", "plugstores"], Method::Get) => plugstores::list(&req),
        (["v1", "plugstores", "categories"], Method::Get) => plugstores::categories(),
        (["v1", "plugstores", id], Method::Get) => plugstores::get(&req, id),
        (["v1", "plugstores", id, "form"], Method::Get) => plugstores::form(&req, id),
        (["v1", "health"] | ["p", _] | ["s", _], _) => Err(method_not_allowed(&method)),
        _ => Err(AppError::not_found(format!("no route for {} {}", method, path))),
    }
}

fn plugin_id(s: &str) -> AppResult<i64> {
    s.parse::<i64>()
        .ok()
        .filter(|i| *i > 0)
        .ok_or_else(|| AppError::api(ErrorCode::BadArgument, "bad argument: plugin id must be a positive integer"))
}

fn method_not_allowed(method: &Method) -> AppError {
    AppError::api(ErrorCode::MethodNotAllowed, format!("method {method} not allowed on this route"))
}
