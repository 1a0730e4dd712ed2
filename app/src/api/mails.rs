//! Mails between users (`/v1/mails`).

use senzu_core::api::mails::{MailUser, ReceivedMail, SendMail, SentMail};
use senzu_core::api::{Id, Keyed};
use senzu_core::ApiError;

use super::all;

pub async fn received() -> Result<Vec<ReceivedMail>, ApiError> {
    super::get::<Keyed<ReceivedMail>>(&format!("/v1/mails/received?{}", all())).await.map(|k| k.0)
}

pub async fn sent() -> Result<Vec<SentMail>, ApiError> {
    super::get::<Keyed<SentMail>>(&format!("/v1/mails/sent?{}", all())).await.map(|k| k.0)
}

/// One received mail, whole (reading it marks it read).
pub async fn read(id: Id) -> Result<ReceivedMail, ApiError> {
    super::get(&format!("/v1/mails/received/{id}")).await
}

pub async fn one_sent(id: Id) -> Result<SentMail, ApiError> {
    super::get(&format!("/v1/mails/sent/{id}")).await
}

pub async fn contacts() -> Result<Vec<MailUser>, ApiError> {
    super::get::<Keyed<MailUser>>(&format!("/v1/mails/contacts?{}", all())).await.map(|k| k.0)
}

pub async fn send(mail: &SendMail) -> Result<Vec<SentMail>, ApiError> {
    super::post::<_, Keyed<SentMail>>("/v1/mails", mail).await.map(|k| k.0)
}
