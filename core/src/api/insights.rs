//! Insights (read only): `/v1/{applications|plugins|products|records}/{id}/insights[/{view}]`.

use serde::{Deserialize, Serialize};

use super::ApiDate;
use crate::api::list::ListSpec;

/// The date range and the `plays` view's `limit`: the documented filters.
pub const LIST: ListSpec =
    ListSpec { sortable: &["date_created"], route_args: &[], default_limit: super::list::DEFAULT_LIMIT };

/// Scans and views in the range (the totals, and each bucket).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Totals {
    pub scans: i64,
    pub views: i64,
}

macro_rules! bucket {
    ($($(#[$doc:meta])* $name:ident $key:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub struct $name {
            pub scans: i64,
            pub views: i64,
            /// `unknown` when not known.
            pub $key: String,
        }

        impl Bucket for $name {
            fn of(label: String, totals: Totals) -> Self {
                Self { scans: totals.scans, views: totals.views, $key: label }
            }
            fn label(&self) -> &str {
                &self.$key
            }
            fn totals(&self) -> Totals {
                Totals { scans: self.scans, views: self.views }
            }
        }
    )*};
}

/// One group of a view: its label and its counts.
pub trait Bucket {
    fn of(label: String, totals: Totals) -> Self;
    fn label(&self) -> &str;
    fn totals(&self) -> Totals;
}

bucket! {
    /// `/insights/countries`.
    ByCountry country;
    /// `/insights/browsers`.
    ByBrowser browser;
    /// `/insights/devices`.
    ByDevice device_type;
    /// `/insights/platforms`.
    ByPlatform platform;
    /// `/insights/days`: per UTC day (YYYY-MM-DD), oldest first.
    ByDay date;
}

/// `/insights/plays`: one entry per view (or plugin open), newest first. The IP
/// is never returned (`ip` is always empty).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlayEntry {
    pub ip: String,
    pub lang: String,
    pub country: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub views: i64,
    pub date_created: ApiDate,
    pub date_updated: Option<ApiDate>,
}
