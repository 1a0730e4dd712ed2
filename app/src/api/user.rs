//! The signed-in user.

use senzu_core::api::user::User;
use senzu_core::ApiError;

/// The fields the console shows (`id`, `firstname`, `email`).
pub async fn me() -> Result<User, ApiError> {
    super::get("/v1/user?returns=id,firstname,email").await
}
