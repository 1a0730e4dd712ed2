//! The insights panel: a date range, totals, scans and views per day, views by
//! country, and browsers, devices and platforms — SVG drawn by core::charts.

use leptos::prelude::*;
use senzu_core::api::insights::Bucket;
use senzu_core::api::Id;
use senzu_core::charts;
use senzu_core::ApiError;

use super::errors_view;
use crate::api::insights::{self, Of, Range};

/// A view's buckets as (label, views) for the bar and donut charts.
fn pairs<B: Bucket>(list: &[B]) -> Vec<(String, i64)> {
    list.iter().map(|b| (b.label().to_string(), b.totals().views)).collect()
}

#[derive(Clone)]
struct Insights {
    scans: i64,
    views: i64,
    days: Vec<charts::Day>,
    countries: Vec<(String, i64)>,
    browsers: Vec<(String, i64)>,
    devices: Vec<(String, i64)>,
    platforms: Vec<(String, i64)>,
}

async fn load(of: Of, range: &Range) -> Result<Insights, ApiError> {
    let totals = insights::totals(of, range).await?;
    let days = insights::days(of, range).await?;
    Ok(Insights {
        scans: totals.scans,
        views: totals.views,
        days: days.iter().map(|d| (d.date.clone(), d.scans, d.views)).collect(),
        countries: pairs(&insights::countries(of, range).await?),
        browsers: pairs(&insights::browsers(of, range).await?),
        devices: pairs(&insights::devices(of, range).await?),
        platforms: pairs(&insights::platforms(of, range).await?),
    })
}

/// The date `days` ago, as YYYY-MM-DD (UTC).
fn days_ago(days: i64) -> String {
    let now = (js_sys::Date::now() / 1000.0) as i64 - days * 86_400;
    senzu_core::wire::ApiDate::from_unix(now).date[..10].to_string()
}

/// Whose insights, from the dashboard's object kind (`applications`, `products`, …).
fn of(kind: &str, id: Id) -> Of {
    match kind {
        "products" => Of::Product(id),
        "records" => Of::Record(id),
        "plugins" => Of::Plugin(id),
        _ => Of::Application(id),
    }
}

#[component]
pub fn InsightsPanel(kind: &'static str, id: i64) -> impl IntoView {
    let w = crate::i18n::panels();
    let start = RwSignal::new(days_ago(29));
    let end = RwSignal::new(days_ago(0));
    let data = LocalResource::new(move || {
        let range = Range { start: start.get(), end: end.get() };
        async move { load(of(kind, id), &range).await }
    });
    view! {
        <section class="panel insights" data-testid="insights">
            <div class="insights__head">
                <h2>{w.insights}</h2>
                <label class="field field--narrow"><span>{w.from}</span>
                    <input type="date" prop:value=move || start.get() on:change=move |ev| start.set(event_target_value(&ev)) /></label>
                <label class="field field--narrow"><span>{w.to}</span>
                    <input type="date" prop:value=move || end.get() on:change=move |ev| end.set(event_target_value(&ev)) /></label>
            </div>
            <Transition fallback=|| view! { <p class="muted">{crate::i18n::dash().loading}</p> }>
                <ErrorBoundary fallback=errors_view>
                    {move || Suspend::new(async move {
                        data.await.map(|i| view! {
                            <p class="insights__totals">
                                <span><strong data-testid="scans">{i.scans}</strong> {plural(i.scans, w.scan_one, w.scan_many)}</span>
                                <span><strong data-testid="views">{i.views}</strong> {plural(i.views, w.view_one, w.view_many)}</span>
                            </p>
                            <div class="chart-box" inner_html=charts::line(&i.days)></div>
                            <p class="chart-legend"><span class="dot dot--views"></span>{w.legend_views} " " <span class="dot dot--scans"></span>{w.legend_scans}</p>
                            <h3>{w.countries}</h3>
                            <div class="chart-box" inner_html=charts::bars(&i.countries)></div>
                            <div class="donuts">
                                <div class="chart-box" inner_html=charts::donut(w.browsers, &i.browsers)></div>
                                <div class="chart-box" inner_html=charts::donut(w.devices, &i.devices)></div>
                                <div class="chart-box" inner_html=charts::donut(w.platforms, &i.platforms)></div>
                            </div>
                        })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

/// "1 scan", "0 scans", "2 scans".
fn plural(n: i64, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}
