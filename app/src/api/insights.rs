//! Insights of an application, plugin, product or record.

use senzu_core::api::insights::{ByBrowser, ByCountry, ByDay, ByDevice, ByPlatform, Totals};
use senzu_core::api::{Id, Keyed};
use senzu_core::ApiError;
use serde::de::DeserializeOwned;

/// Whose insights.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Of {
    Application(Id),
    Plugin(Id),
    Product(Id),
    Record(Id),
}

impl Of {
    fn base(self) -> String {
        match self {
            Of::Application(id) => format!("/v1/applications/{id}/insights"),
            Of::Plugin(id) => format!("/v1/plugins/{id}/insights"),
            Of::Product(id) => format!("/v1/products/{id}/insights"),
            Of::Record(id) => format!("/v1/records/{id}/insights"),
        }
    }
}

/// A date range, each end `YYYY-MM-DD` (UTC; the end day counts whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Range {
    pub start: String,
    pub end: String,
}

impl Range {
    fn query(&self) -> String {
        format!(
            "start_date={}&end_date={}",
            senzu_core::plugins::encode(&self.start),
            senzu_core::plugins::encode(&self.end)
        )
    }
}

async fn view<T: DeserializeOwned>(of: Of, view: &str, range: &Range) -> Result<Vec<T>, ApiError> {
    let url = if view.is_empty() {
        format!("{}?{}", of.base(), range.query())
    } else {
        format!("{}/{view}?{}", of.base(), range.query())
    };
    super::get::<Keyed<T>>(&url).await.map(|k| k.0)
}

pub async fn totals(of: Of, range: &Range) -> Result<Totals, ApiError> {
    Ok(view::<Totals>(of, "", range).await?.into_iter().next().unwrap_or_default())
}

pub async fn days(of: Of, range: &Range) -> Result<Vec<ByDay>, ApiError> {
    view(of, "days", range).await
}

pub async fn countries(of: Of, range: &Range) -> Result<Vec<ByCountry>, ApiError> {
    view(of, "countries", range).await
}

pub async fn browsers(of: Of, range: &Range) -> Result<Vec<ByBrowser>, ApiError> {
    view(of, "browsers", range).await
}

pub async fn devices(of: Of, range: &Range) -> Result<Vec<ByDevice>, ApiError> {
    view(of, "devices", range).await
}

pub async fn platforms(of: Of, range: &Range) -> Result<Vec<ByPlatform>, ApiError> {
    view(of, "platforms", range).await
}
