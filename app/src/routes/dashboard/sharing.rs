//! The sharing panel of a product or an application: who has which chmod,
//! invitations by e-mail (pending until accepted, withdrawn by their id),
//! changing or removing an access. Admins (4) and owners (5) manage; everyone else reads.

use leptos::prelude::*;
use senzu_core::chmod::Level;
use serde_json::Value;

use super::{level_of, level_options, Saving};
use crate::api::{self, items};
use crate::components::text;

/// Where accesses are granted: `/access` for products and applications, `/users` for groups.
fn access_path(kind: &str, id: i64) -> String {
    if kind == "groups" {
        format!("/v1/groups/{id}/users")
    } else {
        format!("/v1/{kind}/{id}/access")
    }
}

#[component]
pub fn SharingPanel(kind: &'static str, id: i64, mine: Level) -> impl IntoView {
    let version = RwSignal::new(0u32);
    let users = LocalResource::new(move || {
        version.get();
        async move { api::get_json(&format!("/v1/{kind}/{id}/users")).await.map(|v| items(&v)) }
    });
    let me = LocalResource::new(api::me);
    let manages = mine >= Level::Admin;
    let email = RwSignal::new(String::new());
    let chmod = RwSignal::new("1".to_string());
    let saving = Saving::new();
    let invite = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (e, c) = (email.get_untracked(), chmod.get_untracked());
        saving.run(
            async move { api::post_json(&access_path(kind, id), &[("email", &e), ("chmod", &c)]).await },
            move |_| {
                email.set(String::new());
                version.update(|v| *v += 1);
            },
        );
    };
    view! {
        <section class="panel" data-testid="sharing">
            <h2>"Sharing"</h2>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    let me = me.await.ok().map(|m| m.id);
                    match users.await {
                        Err(e) => view! { <p class="form-error">{e.message}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="rows share-list">
                                {list.into_iter().map(|u| view! { <UserRow kind id user=u mine me version /> }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Suspense>
            {manages.then(|| view! {
                <form class="form form--inline" on:submit=invite data-testid="invite">
                    <label class="field"><span>"Invite by e-mail"</span>
                        <input type="email" required placeholder="friend@example.com" prop:value=move || email.get()
                            on:input=move |ev| email.set(event_target_value(&ev)) /></label>
                    <label class="field field--narrow"><span>"Rights"</span>
                        <select on:change=move |ev| chmod.set(event_target_value(&ev)) prop:value=move || chmod.get()>
                            {level_options(mine)}
                        </select></label>
                    <button class="button" type="submit" disabled=move || saving.busy.get()>
                        {move || if saving.busy.get() { "Inviting…" } else { "Invite" }}</button>
                </form>
                {saving.status()}
                <p class="muted small">"1 Reader sees it · 2 User · 3 Manager edits it · 4 Admin shares it · 5 Owner deletes it. "
                    "People without an account get an e-mail and see it once they sign up."</p>
            })}
        </section>
    }
}

#[component]
fn UserRow(
    kind: &'static str,
    id: i64,
    user: Value,
    mine: Level,
    me: Option<i64>,
    version: RwSignal<u32>,
) -> impl IntoView {
    let level = level_of(&user);
    let accepted = user["is_enabled"].as_bool().unwrap_or(false);
    let id_user = user["user"]["id"].as_i64();
    let name = match (text(&user["user"], "firstname"), text(&user["user"], "lastname")) {
        (f, l) if !f.is_empty() => format!("{f} {l}"),
        _ => text(&user["user"], "email"),
    };
    // One manages others (never oneself) below oneself; only an owner touches an owner.
    let editable =
        mine >= Level::Admin && id_user.is_some() && id_user != me && (level < Level::Owner || mine == Level::Owner);
    // An invitation to an address (no account yet, or none that proved it) is withdrawn by its own id.
    let withdrawable =
        mine >= Level::Admin && !accepted && id_user.is_none() && (level < Level::Owner || mine == Level::Owner);
    let id_invitation = user["id"].as_i64();
    let saving = Saving::new();
    let withdraw = move |_| {
        if let Some(i) = id_invitation {
            saving.run(async move { api::delete_json(&format!("/v1/{kind}/{id}/invitations/{i}")).await }, move |_| {
                version.update(|v| *v += 1)
            });
        }
    };
    let change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if let Some(u) = id_user {
            saving.run(
                async move { api::post_json(&format!("{}/{u}", access_path(kind, id)), &[("chmod", &value)]).await },
                move |_| version.update(|v| *v += 1),
            );
        }
    };
    let remove = move |_| {
        if let Some(u) = id_user {
            saving.run(async move { api::delete_json(&format!("{}/{u}", access_path(kind, id))).await }, move |_| {
                version.update(|v| *v += 1)
            });
        }
    };
    view! {
        <li data-testid="share-row">
            <span>
                <strong>{name}</strong> " " <span class="muted">{text(&user["user"], "email")}</span>
                {(id_user.is_some() && id_user == me).then(|| view! { " " <span class="badge">"You"</span> })}
                {(!accepted).then(|| view! { " " <span class="badge">"Invited"</span> })}
            </span>
            <span class="share-list__actions">
                {if editable {
                    view! {
                        <select aria-label="Rights" on:change=change prop:value=(level as u8).to_string()>
                            {level_options(mine)}
                        </select>
                        <button class="link-button" type="button" on:click=remove>"Remove"</button>
                    }.into_any()
                } else if withdrawable {
                    view! {
                        <span class="badge">{level.name(false)}</span>
                        <button class="link-button" type="button" on:click=withdraw>"Withdraw"</button>
                    }.into_any()
                } else {
                    view! { <span class="badge">{level.name(false)}</span> }.into_any()
                }}
            </span>
            {move || saving.error.get().map(|e| view! { <p class="form-error">{e.message}</p> })}
        </li>
    }
}
