//! The signed-in user: `/v1/user`, its logs and tokens, `/v1/addresses`, and
//! signing a session out or revoking an app token.

use senzu_core::api::user::{Address, CallLog, SaveAddress, UpdateUser, User, UserToken};
use senzu_core::api::{Deleted, Id, Keyed, Revoked};
use senzu_core::ApiError;

use super::all;

/// The fields the console shows (`id`, `firstname`, `email`).
pub async fn me() -> Result<User, ApiError> {
    super::get("/v1/user?returns=id,firstname,email").await
}

/// Every field the session may see (the account page's profile).
pub async fn profile() -> Result<User, ApiError> {
    super::get("/v1/user").await
}

pub async fn update(changes: &UpdateUser) -> Result<User, ApiError> {
    super::post("/v1/user", changes).await
}

/// One page of the account's API calls, newest first: `limit` of them, older
/// than the call `before` when given (the documented `index_id` filter).
pub async fn logs(limit: usize, before: Option<Id>) -> Result<Vec<CallLog>, ApiError> {
    let older = before.map(|id| format!("&index_id={id}:lt")).unwrap_or_default();
    super::get::<Keyed<CallLog>>(&format!("/v1/user/logs?limit={limit}{older}")).await.map(|k| k.0)
}

/// The account's live sessions and app tokens.
pub async fn tokens() -> Result<Vec<UserToken>, ApiError> {
    super::get::<Keyed<UserToken>>(&format!("/v1/user/tokens?{}", all())).await.map(|k| k.0)
}

/// Signs a session out (another browser, or this one).
pub async fn sign_out_session(id: Id) -> Result<Revoked, ApiError> {
    super::delete(&format!("/v1/sessions/{id}")).await
}

/// Revokes an app's token: the app loses what the user authorized.
pub async fn revoke_token(id: Id) -> Result<Revoked, ApiError> {
    super::delete(&format!("/v1/tokens/{id}")).await
}

pub async fn addresses() -> Result<Vec<Address>, ApiError> {
    super::get::<Keyed<Address>>(&format!("/v1/addresses?{}", all())).await.map(|k| k.0)
}

pub async fn create_address(new: &SaveAddress) -> Result<Address, ApiError> {
    super::post("/v1/addresses", new).await
}

/// An update makes a new address (a new id) and retires the old one.
pub async fn update_address(id: Id, changes: &SaveAddress) -> Result<Address, ApiError> {
    super::post(&format!("/v1/addresses/{id}"), changes).await
}

pub async fn delete_address(id: Id) -> Result<Deleted, ApiError> {
    super::delete(&format!("/v1/addresses/{id}")).await
}
