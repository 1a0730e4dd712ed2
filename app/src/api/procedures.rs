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

/// The activation mail again, for an account that never opened its link.
pub async fn resend_activation(given: &MailLink) -> Result<Status, ApiError> {
    super::post("/v1/auth/activation-mail", given).await
}

pub async fn delete_account(code: &Code) -> Result<Status, ApiError> {
    super::post("/v1/delete-account", code).await
}

/// Mails the signed-in user the link that starts one of the account's
/// procedures (change-password, change-email, delete-account).
pub async fn request(procedure: Requested) -> Result<Status, ApiError> {
    let path = match procedure {
        Requested::ChangePassword => "/v1/procedures/users/change-password",
        Requested::ChangeEmail => "/v1/procedures/users/change-email",
        Requested::DeleteAccount => "/v1/procedures/users/delete-account",
    };
    super::post(path, &MailLink::default()).await
}

/// The procedures a signed-in user starts from the account page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requested {
    ChangePassword,
    ChangeEmail,
    DeleteAccount,
}
