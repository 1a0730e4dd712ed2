//! Senzu Auth: sign-in, sign-up, sign-out and the consent screen.

use senzu_core::api::auth::{
    ConsentAnswer, ConsentInfo, ConsentRedirect, ConsentRequest, Login, SignedIn, SignedUp, Signup, Status,
};
use senzu_core::ApiError;

use super::query_of;

pub async fn sign_in(login: &Login) -> Result<SignedIn, ApiError> {
    super::post("/v1/auth/login", login).await
}

pub async fn sign_up(new: &Signup) -> Result<SignedUp, ApiError> {
    super::post("/v1/auth/signup", new).await
}

pub async fn sign_out() -> Result<Status, ApiError> {
    super::post("/v1/auth/logout", &()).await
}

/// What the consent screen shows for the developer app's request.
pub async fn consent_info(asked: &ConsentRequest) -> Result<ConsentInfo, ApiError> {
    super::get(&format!("/v1/auth/consent?{}", query_of(asked))).await
}

/// The user's answer: where the browser goes next.
pub async fn consent_answer(asked: &ConsentRequest, answer: &ConsentAnswer) -> Result<ConsentRedirect, ApiError> {
    super::post(&format!("/v1/auth/consent?{}", query_of(asked)), answer).await
}
