//! `/dashboard/invitations`: objects and applications shared with you, waiting
//! for your answer (invitation mails link here).

use leptos::prelude::*;
use senzu_core::chmod::Level;
use senzu_core::ApiError;
use serde_json::Value;

use super::{failure, level_of, Saving, Shell};
use crate::api::{self, items};
use crate::components::text;

#[component]
pub fn Invitations() -> impl IntoView {
    let version = RwSignal::new(0u32);
    // The mail's agree-share-application link lands here: that invitation is the one asked about.
    let asked = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("application").and_then(|v| v.parse::<i64>().ok()));
    let data = LocalResource::new(move || {
        version.get();
        async move {
            let products = items(&api::get_json("/v1/products/pending").await?);
            let mut apps = items(&api::get_json("/v1/applications/pending").await?);
            // Group invitations come with the applications' (the same row shape, another noun).
            let groups = items(&api::get_json("/v1/groups/pending").await?);
            apps.extend(groups);
            Ok::<_, ApiError>((products, apps))
        }
    });
    view! {
        <Shell>
            <div class="dash-head"><h1>"Invitations"</h1></div>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => failure(e),
                        Ok((products, apps)) if products.is_empty() && apps.is_empty() => {
                            view! { <p class="empty" data-testid="no-invitations">"Nothing waiting for you."</p> }.into_any()
                        }
                        Ok((products, apps)) => view! {
                            <ul class="rows invitations" data-testid="invitations">
                                {products.into_iter().map(|p| view! { <Invitation kind="products" p version asked=false /> }).collect_view()}
                                {apps.into_iter().map(|p| {
                                    let kind = if p["group"].is_object() { "groups" } else { "applications" };
                                    let asked = kind == "applications" && p["id"].as_i64() == asked;
                                    view! { <Invitation kind p version asked /> }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </Shell>
    }
}

#[component]
fn Invitation(kind: &'static str, p: Value, version: RwSignal<u32>, asked: bool) -> impl IntoView {
    let id = p["id"].as_i64().unwrap_or_default();
    let object = match kind {
        "products" => &p["product"],
        "groups" => &p["group"],
        _ => &p["application"],
    };
    let name = text(object, "alias_name");
    let issuer = format!("{} {}", text(&p["issuer"], "firstname"), text(&p["issuer"], "lastname"));
    let level: Level = level_of(&p);
    let saving = Saving::new();
    let answer = move |grant: bool| {
        let g = if grant { "true" } else { "false" };
        saving.run(
            async move { api::post_json(&format!("/v1/{kind}/pending/{id}"), &[("grant", g)]).await },
            move |_| version.update(|v| *v += 1),
        );
    };
    view! {
        <li data-testid="invitation" class:invitation--asked=asked aria-current=asked.then_some("true")>
            <span><strong>{name}</strong> " "
                <span class="muted">{match kind { "products" => "object", "groups" => "group of objects", _ => "application" }} " shared by " {issuer}
                    " · " {level.name(false)}</span></span>
            <span>
                <button class="button button--ghost" type="button" on:click=move |_| answer(false)>"Decline"</button> " "
                <button class="button" type="button" on:click=move |_| answer(true)>"Accept"</button>
            </span>
            {saving.status()}
        </li>
    }
}
