//! Request dispatch: one match over method and path segments, one module per resource.

use senzu_core::ErrorCode;
use worker::{Context as WorkerContext, Env, Method, Request, Response};

use crate::error::{AppError, AppResult};

mod health;

pub async fn dispatch(req: Request, env: &Env, _ctx: &WorkerContext) -> AppResult<Response> {
    let path = req.path();
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let method = req.method();
    match (segments.as_slice(), &method) {
        (["v1", "health"], Method::Get) => health::get(env).await,
        (["v1", "health"], _) => Err(method_not_allowed(&method)),
        _ => Err(AppError::not_found(format!("no route for {} {}", method, path))),
    }
}

fn method_not_allowed(method: &Method) -> AppError {
    AppError::api(ErrorCode::MethodNotAllowed, format!("method {method} not allowed on this route"))
}
