//! The deployment's master key (a wrangler secret): every per-tag key, the
//! sealed partner credentials and the visitor IP hash derive from it.

use senzu_core::secrets::MasterKey;
use worker::Env;

use crate::error::{AppError, AppResult, Context};

pub fn master_key(env: &Env) -> AppResult<MasterKey> {
    let secret = env
        .secret("MASTER_KEY")
        .map_err(|_| AppError::Internal { context: "MASTER_KEY", cause: "the MASTER_KEY secret is not set".into() })?;
    MasterKey::parse_hex(&secret.to_string()).context("MASTER_KEY")
}
