//! The public play routes: a play, one plugin, a finder's message, a quote.

use gloo_net::http::Request;
use senzu_core::api::auth::Status;
use senzu_core::api::contacts::ExchangeContact;
use senzu_core::api::plays::{LostReport, OpenedPlugin, PlayRefused, QuoteAnswer};
use senzu_core::play::{Lost, Play};
use senzu_core::plugins::{encode, Action};
use senzu_core::{ApiError, ErrorCode};

/// What a refused play says: the error, a 465's lost details, a 461's pairing path.
pub type PlayRefusal = (ApiError, Option<Lost>, Option<String>);

fn with_password(url: String, password: Option<&str>) -> String {
    match password {
        Some(p) => format!("{url}?password={}", encode(p)),
        None => url,
    }
}

/// A play, or the error it answered (with what a refusal carries).
pub async fn play(segment: &str, password: Option<&str>) -> Result<Play, PlayRefusal> {
    let url = with_password(format!("/v1/plays/{segment}"), password);
    let resp = Request::get(&url)
        .send()
        .await
        .map_err(|e| (ApiError::new(ErrorCode::Internal, format!("network error: {e}")), None, None))?;
    let status = resp.status();
    let body = resp.text().await.unwrap_or_default();
    if (200..300).contains(&status) {
        return serde_json::from_str(&body)
            .map_err(|e| (ApiError::new(ErrorCode::Internal, format!("unexpected answer: {e}")), None, None));
    }
    match serde_json::from_str::<PlayRefused>(&body) {
        Ok(refused) => Err((refused.error, refused.lost, refused.pair)),
        Err(_) => Err((ApiError::new(ErrorCode::Internal, format!("the server answered {status}")), None, None)),
    }
}

/// Opens one plugin (counted in insights); a locked one needs its password.
pub async fn open_plugin(segment: &str, id: i64, password: Option<&str>) -> Result<Option<Action>, ApiError> {
    let url = with_password(format!("/v1/plays/{segment}/plugins/{id}"), password);
    let opened: OpenedPlugin = super::get(&url).await?;
    Ok(opened.action)
}

/// A finder's message to a lost object's owner.
pub async fn lost_report(segment: &str, report: &LostReport) -> Result<Status, ApiError> {
    super::post(&format!("/v1/plays/{segment}/lost-report"), report).await
}

/// A visitor's quote request through a partner plugin of a play: the
/// partner's own form fields, as a form.
pub async fn quote(segment: &str, id: i64, fields: &[(&str, &str)]) -> Result<QuoteAnswer, ApiError> {
    super::post_form(&format!("/v1/plays/{segment}/plugins/{id}/quote"), fields).await
}

/// A visitor's details left for the owner through a contact exchange plugin.
pub async fn contact(segment: &str, id: i64, given: &ExchangeContact) -> Result<Status, ApiError> {
    super::post(&format!("/v1/plays/{segment}/plugins/{id}/contact"), given).await
}
