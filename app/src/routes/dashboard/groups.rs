//! Products groups in the dashboard: the list (with creating one) on the
//! objects page, and a group's page — its objects, one application for all
//! their records, on/off for all, sharing the whole group, deleting it.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use senzu_core::chmod::Level;
use senzu_core::ApiError;
use serde_json::Value;

use super::sharing::SharingPanel;
use super::{failure, level_of, Saving, Shell};
use crate::api::{self, items};
use crate::components::text;

/// The objects page's groups section.
#[component]
pub fn GroupsSection() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let groups = LocalResource::new(move || {
        version.get();
        async move { api::get_json("/v1/groups").await.map(|v| items(&v)) }
    });
    let name = RwSignal::new(String::new());
    let saving = Saving::new();
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked();
        saving.run(async move { api::post_json("/v1/groups", &[("alias_name", &n)]).await }, move |_| {
            name.set(String::new());
            version.update(|v| *v += 1);
        });
    };
    view! {
        <section class="panel groups" data-testid="groups">
            <h2>"Groups"</h2>
            <p class="muted">"Gather objects to share them all at once or give them one application."</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match groups.await {
                        Err(e) => view! { <p class="form-error">{e.message}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="rows">
                                {list.into_iter().map(|g| view! {
                                    <li><a href=format!("/dashboard/groups/{}", text(&g, "id"))>{text(&g, "alias_name")}</a>
                                        <span class="muted">{format!("{} object(s) · {}", text(&g, "quantity_product"), level_of(&g).name(false))}</span></li>
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Suspense>
            <form class="form form--inline" on:submit=create>
                <label class="field"><span>"New group"</span>
                    <input required maxlength="100" placeholder="Family" prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev)) /></label>
                <button class="button" type="submit" disabled=move || saving.busy.get()>"Create"</button>
            </form>
            {saving.status()}
        </section>
    }
}

#[component]
pub fn GroupPage() -> impl IntoView {
    let id: i64 = use_params_map().get_untracked().get("id").and_then(|i| i.parse().ok()).unwrap_or_default();
    let data = LocalResource::new(move || async move {
        let group = api::get_json(&format!("/v1/groups/{id}")).await?;
        let products = items(&api::get_json("/v1/products?limit=null").await?);
        let apps = items(&api::get_json("/v1/applications?limit=null").await?);
        Ok::<_, ApiError>((group, products, apps))
    });
    view! {
        <Shell>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => failure(e),
                        Ok((group, products, apps)) => view! { <GroupView group products apps /> }.into_any(),
                    }
                })}
            </Suspense>
        </Shell>
    }
}

#[component]
fn GroupView(group: Value, products: Vec<Value>, apps: Vec<Value>) -> impl IntoView {
    let id = group["id"].as_i64().unwrap_or_default();
    let mine = level_of(&group);
    let in_group: Vec<i64> =
        group["products"].as_array().map(|a| a.iter().filter_map(Value::as_i64).collect()).unwrap_or_default();
    let members: Vec<Value> =
        products.into_iter().filter(|p| p["id"].as_i64().is_some_and(|i| in_group.contains(&i))).collect();
    let saving = Saving::new();
    let set_app = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        saving.run(
            async move { api::post_json(&format!("/v1/groups/{id}"), &[("id_application", &value)]).await },
            |_| {},
        );
    };
    let set_enabled = move |on: bool| {
        let v = if on { "true" } else { "false" };
        saving.run(async move { api::post_json(&format!("/v1/groups/{id}"), &[("is_enabled", v)]).await }, |_| {});
    };
    let delete = move |_| {
        if window().confirm_with_message("Delete this group? Its objects stay yours.").unwrap_or(false) {
            saving.run(async move { api::delete_json(&format!("/v1/groups/{id}")).await }, |_| {
                let _ = window().location().set_href("/dashboard");
            });
        }
    };
    let manages = mine >= Level::Manager;
    view! {
        <div class="dash-head"><h1 data-testid="group-name">{text(&group, "alias_name")}</h1>
            <span class="muted">"your rights: " {mine.name(false)}</span></div>
        <div class="dash-grid">
            <div class="dash-col">
                <section class="panel">
                    <h2>"Objects in this group"</h2>
                    {if members.is_empty() {
                        view! { <p class="empty">"None yet: open an object and choose this group."</p> }.into_any()
                    } else {
                        view! { <ul class="rows">{members.into_iter().map(|p| view! {
                            <li><a href=format!("/dashboard/products/{}", text(&p, "id"))>{text(&p, "alias_name")}</a></li>
                        }).collect_view()}</ul> }.into_any()
                    }}
                </section>
                {manages.then(|| view! {
                    <section class="panel">
                        <h2>"For every object of the group"</h2>
                        <label class="field"><span>"Application on all their records"</span>
                            <select on:change=set_app>
                                <option value="">"— choose —"</option>
                                {apps.into_iter().filter(|a| a["chmod"].as_i64().unwrap_or(0) >= 3).map(|a| view! {
                                    <option value=text(&a, "id")>{text(&a, "alias_name")}</option>
                                }).collect_view()}
                            </select></label>
                        <div class="danger-actions">
                            <button class="button button--ghost" type="button" on:click=move |_| set_enabled(true)>"Turn all on"</button>
                            <button class="button button--ghost" type="button" on:click=move |_| set_enabled(false)>"Turn all off"</button>
                        </div>
                        {saving.status()}
                    </section>
                })}
            </div>
            <div class="dash-col">
                <SharingPanel kind="groups" id mine />
                {(mine == Level::Owner).then(|| view! {
                    <section class="panel panel--danger">
                        <button class="button button--danger" type="button" on:click=delete>"Delete this group"</button>
                    </section>
                })}
            </div>
        </div>
    }
}
