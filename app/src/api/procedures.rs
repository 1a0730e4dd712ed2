//! The pages the procedure mails' links open, and "forgot password?".

use senzu_core::api::auth::Status;
use senzu_core::api::procedures::{Activated, ChangeEmail, ChangePassword, Code, EmailChange, MailLink, ResetPassword};
use senzu_core::ApiError;

use super::query_of;

pub async fn activate(code: &Code) -> Result<Activated, ApiError> {
    super::get(&format!("/v1/activate?{}", query_of(code))).await
}

pub async fn reset_password(given: &ResetPassword) -> Result<Status, ApiError> {
    super::post("/v1/reset-password", given).await
}

pub async fn change_password(given: &ChangePassword) -> Result<Status, ApiError> {
    super::post("/v1/change-password", given).await
}

pub async fn change_email(given: &ChangeEmail) -> Result<EmailChange, ApiError> {
    super::post("/v1/change-email", given).await
}

pub async fn forgot_password(given: &MailLink) -> Result<Status, ApiError> {
    super::post("/v1/auth/forgot-password", given).await
}

pub async fn delete_account(code: &Code) -> Result<Status, ApiError> {
    super::post("/v1/delete-account", code).await
}
