//! The insights panel: a date range, totals, scans and views per day, views by
//! country, and browsers, devices and platforms — SVG drawn by core::charts.

use leptos::prelude::*;
use senzu_core::charts;
use senzu_core::ApiError;
use serde_json::Value;

use crate::api::{self, items};

fn pairs(list: &[Value], key: &str) -> Vec<(String, i64)> {
    list.iter().map(|v| (v[key].as_str().unwrap_or("unknown").to_string(), v["views"].as_i64().unwrap_or(0))).collect()
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

async fn load(base: &str, range: &str) -> Result<Insights, ApiError> {
    let get = |view: &str| {
        let url = if view.is_empty() {
            format!("{base}/insights?{range}")
        } else {
            format!("{base}/insights/{view}?{range}")
        };
        async move { api::get_json(&url).await.map(|v| items(&v)) }
    };
    let totals = get("").await?;
    let days = get("days").await?;
    Ok(Insights {
        scans: totals.first().and_then(|t| t["scans"].as_i64()).unwrap_or(0),
        views: totals.first().and_then(|t| t["views"].as_i64()).unwrap_or(0),
        days: days
            .iter()
            .map(|d| {
                (
                    d["date"].as_str().unwrap_or_default().to_string(),
                    d["scans"].as_i64().unwrap_or(0),
                    d["views"].as_i64().unwrap_or(0),
                )
            })
            .collect(),
        countries: pairs(&get("countries").await?, "country"),
        browsers: pairs(&get("browsers").await?, "browser"),
        devices: pairs(&get("devices").await?, "device_type"),
        platforms: pairs(&get("platforms").await?, "platform"),
    })
}

/// The date `days` ago, as YYYY-MM-DD (UTC).
fn days_ago(days: i64) -> String {
    let now = (js_sys::Date::now() / 1000.0) as i64 - days * 86_400;
    senzu_core::wire::ApiDate::from_unix(now).date[..10].to_string()
}

#[component]
pub fn InsightsPanel(kind: &'static str, id: i64) -> impl IntoView {
    let start = RwSignal::new(days_ago(29));
    let end = RwSignal::new(days_ago(0));
    let data = LocalResource::new(move || {
        let range = format!("start_date={}&end_date={}", start.get(), end.get());
        async move { load(&format!("/v1/{kind}/{id}"), &range).await }
    });
    view! {
        <section class="panel insights" data-testid="insights">
            <div class="insights__head">
                <h2>"Insights"</h2>
                <label class="field field--narrow"><span>"From"</span>
                    <input type="date" prop:value=move || start.get() on:change=move |ev| start.set(event_target_value(&ev)) /></label>
                <label class="field field--narrow"><span>"To"</span>
                    <input type="date" prop:value=move || end.get() on:change=move |ev| end.set(event_target_value(&ev)) /></label>
            </div>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <p class="form-error">{e.message}</p> }.into_any(),
                        Ok(i) => view! {
                            <p class="insights__totals">
                                <span><strong data-testid="scans">{i.scans}</strong> " scans"</span>
                                <span><strong data-testid="views">{i.views}</strong> " views"</span>
                            </p>
                            <div class="chart-box" inner_html=charts::line(&i.days)></div>
                            <p class="chart-legend"><span class="dot dot--views"></span>"views " <span class="dot dot--scans"></span>"scans"</p>
                            <h3>"Countries"</h3>
                            <div class="chart-box" inner_html=charts::bars(&i.countries)></div>
                            <div class="donuts">
                                <div class="chart-box" inner_html=charts::donut("Browsers", &i.browsers)></div>
                                <div class="chart-box" inner_html=charts::donut("Devices", &i.devices)></div>
                                <div class="chart-box" inner_html=charts::donut("Platforms", &i.platforms)></div>
                            </div>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
