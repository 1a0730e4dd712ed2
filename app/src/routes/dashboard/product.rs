//! `/dashboard/products/{id}`: one object — its name, lost state and message,
//! its records (each with the application it opens and, for printed codes
//! and static chips, a QR code to download as SVG or PNG), sharing, share
//! links and insights; leaving, resetting and erasing it.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use senzu_core::chmod::Level;
use senzu_core::{qr, ApiError};
use serde_json::Value;

use super::charts::InsightsPanel;
use super::sharing::SharingPanel;
use super::{failure, level_of, Saving, Shell};
use crate::api::{self, items};
use crate::components::text;

#[component]
pub fn ProductPage() -> impl IntoView {
    let id: i64 = use_params_map().get_untracked().get("id").and_then(|i| i.parse().ok()).unwrap_or_default();
    let just_paired = use_query_map().get_untracked().get("paired").is_some();
    let version = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        version.get();
        async move {
            let product = api::get_json(&format!("/v1/products/{id}")).await?;
            let records = items(&api::get_json(&format!("/v1/products/{id}/records")).await?);
            let apps = items(&api::get_json("/v1/applications?limit=null").await?);
            Ok::<_, ApiError>((product, records, apps))
        }
    });
    view! {
        <Shell>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => failure(error),
                        Ok((product, records, apps)) => view! {
                            {just_paired.then(|| view! { <p class="notice" role="status">"Paired. It is yours: give it an application below."</p> })}
                            <ProductView product records apps version />
                        }.into_any(),
                    }
                })}
            </Suspense>
        </Shell>
    }
}

#[component]
fn ProductView(product: Value, records: Vec<Value>, apps: Vec<Value>, version: RwSignal<u32>) -> impl IntoView {
    let id = product["id"].as_i64().unwrap_or_default();
    let mine = level_of(&product);
    let can_edit = mine >= Level::Manager;
    let name = product["alias_name"]
        .as_str()
        .filter(|s| !s.is_empty())
        .or(product["item"]["reference"].as_str())
        .unwrap_or("Object")
        .to_string();
    let lost = product["lost"].as_bool().unwrap_or(false);
    view! {
        <div class="dash-head">
            <div>
                <h1 data-testid="product-name">{name.clone()}</h1>
                <p class="muted">{text(&product["item"], "reference")} " · " {text(&product["maker"], "reference")}
                    " · your rights: " <strong data-testid="my-chmod">{mine.name(false)}</strong></p>
            </div>
            {lost.then(|| view! { <span class="badge badge--danger badge--big">"Lost"</span> })}
        </div>
        <div class="dash-grid">
            <div class="dash-col">
                {can_edit.then(|| view! { <NameForm id name=name.clone() version /> })}
                {(mine >= Level::Admin).then(|| view! { <GroupPicker id current=product["id_group"].as_i64() /> })}
                <LostPanel id lost message=text(&product, "lost_message") can_edit version />
                <section class="panel">
                    <h2>"Records"</h2>
                    <div class="records">
                        {records.into_iter().map(|r| view! { <RecordCard id r apps=apps.clone() can_edit /> }).collect_view()}
                    </div>
                </section>
                <InsightsPanel kind="products" id />
            </div>
            <div class="dash-col">
                <SharingPanel kind="products" id mine />
                <DangerZone id mine />
            </div>
        </div>
    }
}

#[component]
fn NameForm(id: i64, name: String, version: RwSignal<u32>) -> impl IntoView {
    let value = RwSignal::new(name);
    let saving = Saving::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let v = value.get_untracked();
        saving.run(
            async move { api::post_json(&format!("/v1/products/{id}"), &[("alias_name", &v)]).await },
            move |_| version.update(|v| *v += 1),
        );
    };
    view! {
        <section class="panel">
            <form class="form form--inline" on:submit=submit>
                <label class="field"><span>"Name"</span>
                    <input required maxlength="100" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) /></label>
                <button class="button" type="submit" disabled=move || saving.busy.get()>
                    {move || if saving.busy.get() { "Saving…" } else { "Rename" }}</button>
            </form>
            {saving.status()}
        </section>
    }
}

/// Which products group it is in (sharing it with the group's members): admins choose.
#[component]
fn GroupPicker(id: i64, current: Option<i64>) -> impl IntoView {
    let groups = LocalResource::new(|| async { api::get_json("/v1/groups").await.map(|v| items(&v)) });
    let chosen = RwSignal::new(current.map(|g| g.to_string()).unwrap_or_default());
    let saving = Saving::new();
    let change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        chosen.set(value.clone());
        saving.run(async move { api::post_json(&format!("/v1/products/{id}"), &[("id_group", &value)]).await }, |_| {});
    };
    view! {
        <section class="panel">
            <label class="field"><span>"Group"</span>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let list = groups.await.unwrap_or_default();
                        view! {
                            <select on:change=change prop:value=move || chosen.get() data-testid="product-group">
                                <option value="">"— no group —"</option>
                                {list.into_iter().filter(|g| g["chmod"].as_i64().unwrap_or(0) >= 3).map(|g| view! {
                                    <option value=text(&g, "id")>{text(&g, "alias_name")}</option>
                                }).collect_view()}
                            </select>
                        }
                    })}
                </Suspense></label>
            <p class="muted small">"Everyone the group is shared with gets this object too."</p>
            {saving.status()}
        </section>
    }
}

#[component]
fn LostPanel(id: i64, lost: bool, message: String, can_edit: bool, version: RwSignal<u32>) -> impl IntoView {
    let is_lost = RwSignal::new(lost);
    let text_value = RwSignal::new(message);
    let saving = Saving::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (l, m) = (is_lost.get_untracked(), text_value.get_untracked());
        saving.run(
            async move {
                let lost = if l { "true" } else { "false" };
                let mut fields = vec![("lost", lost)];
                if l && !m.trim().is_empty() {
                    fields.push(("lost_message", m.as_str()));
                }
                api::post_json(&format!("/v1/products/{id}"), &fields).await
            },
            move |_| version.update(|v| *v += 1),
        );
    };
    view! {
        <section class="panel" class:panel--alert=move || is_lost.get() data-testid="lost-panel">
            <h2>"Lost mode"</h2>
            <p class="muted">"When it is lost, a tap shows your message and lets the finder write to you — your address stays private."</p>
            <form class="form" on:submit=submit>
                <label class="switch"><input type="checkbox" disabled=!can_edit prop:checked=move || is_lost.get()
                    on:change=move |ev| is_lost.set(event_target_checked(&ev)) /> <span>"This object is lost"</span></label>
                <label class="field" class:hidden=move || !is_lost.get()><span>"Message to the finder"</span>
                    <textarea maxlength="500" rows="3" disabled=!can_edit prop:value=move || text_value.get()
                        on:input=move |ev| text_value.set(event_target_value(&ev))></textarea></label>
                {can_edit.then(|| view! {
                    <button class="button" type="submit" disabled=move || saving.busy.get()>
                        {move || if saving.busy.get() { "Saving…" } else { "Save" }}</button>
                })}
                {saving.status()}
            </form>
        </section>
    }
}

/// A file download link for generated content.
fn data_url(mime: &str, bytes: &[u8]) -> String {
    format!("data:{mime};base64,{}", senzu_core::page::base64(bytes))
}

#[component]
fn RecordCard(id: i64, r: Value, apps: Vec<Value>, can_edit: bool) -> impl IntoView {
    let id_record = r["id"].as_i64().unwrap_or_default();
    let current = r["id_application"].as_i64().map(|a| a.to_string()).unwrap_or_default();
    let chosen = RwSignal::new(current);
    let saving = Saving::new();
    let save = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        chosen.set(value.clone());
        saving.run(
            async move {
                api::post_json(&format!("/v1/products/{id}/records/{id_record}"), &[("id_application", &value)]).await
            },
            // Nothing else on the page depends on it: keep the card (and its "Saved").
            |_| {},
        );
    };
    let technology = text(&r, "technology");
    let dynamic = text(&r, "token_encryption") != "static";
    let play_url = r["play_url"].as_str().map(str::to_string);
    let qr_view = play_url.map(|url| {
        let svg = qr::svg(&url).unwrap_or_default();
        let png = qr::png(&url, 8).unwrap_or_default();
        view! {
            <div class="qr">
                <div class="qr__image" inner_html=svg.clone() data-testid="qr"></div>
                <div class="qr__links">
                    <a href=data_url("image/svg+xml", svg.as_bytes()) download=format!("senzu-{id_record}.svg")>"SVG"</a>
                    <a href=data_url("image/png", &png) download=format!("senzu-{id_record}.png")>"PNG"</a>
                    <a href=url.clone() target="_blank" rel="noopener">"Open"</a>
                </div>
            </div>
        }
    });
    let editable_apps: Vec<Value> = apps.into_iter().filter(|a| a["chmod"].as_i64().unwrap_or(0) >= 3).collect();
    view! {
        <article class="record" data-testid="record" data-record=id_record>
            <header class="record__head">
                <strong>{match technology.as_str() { "nfc" => "NFC chip", "qrcode" => "QR code", other => other }.to_string()}</strong>
                <span class="badge">{if dynamic { "Signed (SUN)" } else { "Static" }}</span>
                {(!r["is_enabled"].as_bool().unwrap_or(true)).then(|| view! { <span class="badge badge--danger">"Disabled"</span> })}
            </header>
            <label class="field"><span>"Opens the application"</span>
                <select disabled=!can_edit on:change=save prop:value=move || chosen.get() data-testid="record-app">
                    <option value="">"— none —"</option>
                    {editable_apps.into_iter().map(|a| view! {
                        <option value=text(&a, "id")>{text(&a, "alias_name")}</option>
                    }).collect_view()}
                </select></label>
            {saving.status()}
            {qr_view}
        </article>
    }
}

#[component]
fn DangerZone(id: i64, mine: Level) -> impl IntoView {
    let saving = Saving::new();
    let act = move |method: &'static str, url: String, confirm: &'static str| {
        if !window().confirm_with_message(confirm).unwrap_or(false) {
            return;
        }
        saving.run(
            async move {
                if method == "DELETE" {
                    api::delete_json(&url).await
                } else {
                    api::post_json(&url, &[]).await
                }
            },
            |_| {
                let _ = window().location().set_href("/dashboard");
            },
        );
    };
    let leave =
        move |_| act("DELETE", format!("/v1/products/{id}"), "Remove this object from your account? Others keep it.");
    let reset = move |_| {
        act(
            "POST",
            format!("/v1/products/{id}/reset"),
            "Reset it so someone else can pair it? Its applications and shares are removed.",
        )
    };
    let erase = move |_| {
        act(
            "DELETE",
            format!("/v1/products/{id}?force_erase=true"),
            "Erase it for everyone? Nobody will have it any more.",
        )
    };
    view! {
        <section class="panel panel--danger">
            <h2>"Leave or give away"</h2>
            <div class="danger-actions">
                <button class="button button--ghost" type="button" on:click=leave>"Remove from my account"</button>
                {(mine == Level::Owner).then(|| view! {
                    <button class="button button--ghost" type="button" on:click=reset>"Reset to give it away"</button>
                    <button class="button button--danger" type="button" on:click=erase>"Erase for everyone"</button>
                })}
            </div>
            {saving.status()}
        </section>
    }
}
