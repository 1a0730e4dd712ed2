//! An application's plugins in the editor: the list in play order (drag and
//! drop, or the arrow buttons), enable/disable, edit, delete; and adding one
//! from the plugstore catalogue (by category, with search) through the form
//! the plugstore serves. Data is checked here with the worker's own rules
//! (core::plugin_form), so the message sits next to the field before saving.

use leptos::prelude::*;
use leptos::task::spawn_local;
use senzu_core::chmod::Level;
use senzu_core::plugin_form::{self, FormError};
use senzu_core::plugins::Kind;
use senzu_core::ApiError;
use serde_json::{Map, Value};

use super::application::Draft;
use super::Saving;
use crate::api::{self, items};
use crate::components::text;
use crate::icons;

fn reload(id: i64, draft: Draft) {
    spawn_local(async move {
        if let Ok(list) = api::get_json(&format!("/v1/applications/{id}/plugins")).await {
            draft.plugins.set(items(&list));
        }
    });
}

#[component]
pub fn PluginsPanel(id: i64, mine: Level, draft: Draft) -> impl IntoView {
    reload(id, draft);
    let adding = RwSignal::new(false);
    let editing = RwSignal::new(None::<Value>);
    let dragging = RwSignal::new(None::<i64>);
    let order_saving = Saving::new();
    let me = LocalResource::new(api::me);
    // Moves `from` before `to` (or to the end) and saves the whole order in one call.
    let move_to = move |from: i64, to_index: usize| {
        let mut list = draft.plugins.get_untracked();
        let Some(pos) = list.iter().position(|p| p["id"].as_i64() == Some(from)) else { return };
        let item = list.remove(pos);
        list.insert(to_index.min(list.len()), item);
        let ids: Vec<i64> = list.iter().filter_map(|p| p["id"].as_i64()).collect();
        draft.plugins.set(list);
        let items_json = serde_json::to_string(&ids).unwrap_or_default();
        order_saving.run(
            async move {
                api::post_json(&format!("/v1/applications/{id}/plugins/order"), &[("items", &items_json)]).await
            },
            move |_| reload(id, draft),
        );
    };
    let can_order = mine >= Level::Manager;
    view! {
        <section class="panel" data-testid="plugins">
            <div class="panel__head">
                <h2>"Plugins"</h2>
                {(mine >= Level::User).then(|| view! {
                    <button class="button" type="button" on:click=move |_| { editing.set(None); adding.set(true) }>"Add a plugin"</button>
                })}
            </div>
            {move || {
                let list = draft.plugins.get();
                let count = list.len();
                if list.is_empty() {
                    return view! { <p class="empty">"No plugin yet: add a phone number, your socials, a vCard…"</p> }.into_any();
                }
                view! {
                    <ol class="plugin-list" data-testid="plugin-list">
                        {list.into_iter().enumerate().map(|(index, p)| {
                            let pid = p["id"].as_i64().unwrap_or_default();
                            let kind = Kind::parse(p["kind"].as_str().unwrap_or_default());
                            let enabled = p["is_enabled"].as_bool().unwrap_or(true);
                            let mine_or_manager = mine >= Level::Manager || me.get().and_then(|m| m.ok()).map(|m| m.id) == p["user"]["id"].as_i64();
                            let toggle = move |_| {
                                let next = if enabled { "false" } else { "true" };
                                spawn_local(async move {
                                    let _ = api::post_json(&format!("/v1/plugins/{pid}"), &[("is_enabled", next)]).await;
                                    reload(id, draft);
                                });
                            };
                            let remove = move |_| {
                                if window().confirm_with_message("Delete this plugin?").unwrap_or(false) {
                                    spawn_local(async move {
                                        let _ = api::delete_json(&format!("/v1/plugins/{pid}")).await;
                                        reload(id, draft);
                                    });
                                }
                            };
                            let edit_value = p.clone();
                            view! {
                                <li class="plugin-row" class:plugin-row--off=!enabled data-testid="plugin-row" data-plugin=pid
                                    draggable=if can_order { "true" } else { "false" }
                                    on:dragstart=move |ev: leptos::ev::DragEvent| {
                                        if let Some(dt) = ev.data_transfer() { let _ = dt.set_data("text/plain", &pid.to_string()); }
                                        dragging.set(Some(pid));
                                    }
                                    on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default()
                                    on:drop=move |ev: leptos::ev::DragEvent| {
                                        ev.prevent_default();
                                        if let Some(from) = dragging.get_untracked() { if from != pid { move_to(from, index); } }
                                        dragging.set(None);
                                    }>
                                    {can_order.then(|| view! { <span class="plugin-row__grip" aria-hidden="true">"⋮⋮"</span> })}
                                    <span class="plugin-row__icon" aria-hidden="true">
                                        <svg viewBox="0 0 24 24" width="20" height="20"><path fill="currentColor" d=kind.map(icons::path).unwrap_or_default()></path></svg>
                                    </span>
                                    <span class="plugin-row__name">{text(&p, "name")}
                                        {p["is_locked"].as_bool().unwrap_or(false).then(|| view! { " " <span class="badge">"Locked"</span> })}
                                        {p["filters"].is_object().then(|| view! { " " <span class="badge">"Scheduled"</span> })}
                                        {(!enabled).then(|| view! { " " <span class="badge">"Off"</span> })}</span>
                                    <span class="plugin-row__actions">
                                        {can_order.then(|| view! {
                                            <button class="icon-button" type="button" aria-label="Move up" disabled=index == 0
                                                on:click=move |_| move_to(pid, index.saturating_sub(1))>"↑"</button>
                                            <button class="icon-button" type="button" aria-label="Move down" disabled=index + 1 == count
                                                on:click=move |_| move_to(pid, index + 1)>"↓"</button>
                                        })}
                                        {mine_or_manager.then(|| view! {
                                            <button class="link-button" type="button" on:click=toggle>{if enabled { "Turn off" } else { "Turn on" }}</button>
                                            <button class="link-button" type="button" on:click=move |_| { adding.set(false); editing.set(Some(edit_value.clone())) }>"Edit"</button>
                                            <button class="link-button" type="button" on:click=remove>"Delete"</button>
                                        })}
                                    </span>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
            {order_saving.status()}
            {move || adding.get().then(|| view! { <Catalogue id draft adding /> })}
            {move || editing.get().map(|p| view! {
                <PluginForm id draft store=p["id_plugstore"].as_i64().unwrap_or_default() existing=Some(p) close=Callback::new(move |_| editing.set(None)) />
            })}
        </section>
    }
}

#[component]
fn Catalogue(id: i64, draft: Draft, adding: RwSignal<bool>) -> impl IntoView {
    let stores = LocalResource::new(|| async { api::get_json("/v1/plugstores?limit=null").await.map(|v| items(&v)) });
    let search = RwSignal::new(String::new());
    let chosen = RwSignal::new(None::<i64>);
    view! {
        <div class="catalogue" data-testid="catalogue">
            {move || match chosen.get() {
                Some(store) => view! {
                    <PluginForm id draft store existing=None close=Callback::new(move |_| adding.set(false)) />
                }.into_any(),
                None => view! {
                    <div class="catalogue__head">
                        <input type="search" placeholder="Search plugins" aria-label="Search plugins" prop:value=move || search.get()
                            on:input=move |ev| search.set(event_target_value(&ev)) />
                        <button class="link-button" type="button" on:click=move |_| adding.set(false)>"Cancel"</button>
                    </div>
                    <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                        {move || Suspend::new(async move {
                            let list = match stores.await { Ok(l) => l, Err(e) => return view! { <p class="form-error">{e.message}</p> }.into_any() };
                            let q = search.get().to_lowercase();
                            let mut categories: Vec<String> = list.iter().map(|s| text(s, "category")).collect();
                            categories.dedup();
                            categories.sort();
                            categories.dedup();
                            view! {
                                {categories.into_iter().map(|cat| {
                                    let in_cat: Vec<Value> = list.iter().filter(|s| text(s, "category") == cat)
                                        .filter(|s| q.is_empty() || text(s, "display_name").to_lowercase().contains(&q) || text(s, "name").contains(&q))
                                        .cloned().collect();
                                    (!in_cat.is_empty()).then(|| view! {
                                        <h3 class="catalogue__category">{cat}</h3>
                                        <div class="catalogue__grid">
                                            {in_cat.into_iter().map(|s| {
                                                let sid = s["id"].as_i64().unwrap_or_default();
                                                view! {
                                                    <button class="catalogue__item" type="button" on:click=move |_| chosen.set(Some(sid))>
                                                        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true"><path fill="currentColor" d=text(&s["icon"], "svg_path")></path></svg>
                                                        <span>{text(&s, "display_name")}</span>
                                                    </button>
                                                }
                                            }).collect_view()}
                                        </div>
                                    })
                                }).collect_view()}
                            }.into_any()
                        })}
                    </Suspense>
                }.into_any(),
            }}
        </div>
    }
}

/// The form of plugstore entry `store` (from `/v1/plugstores/{id}/form`), to add
/// a plugin or edit `existing`.
#[component]
fn PluginForm(id: i64, draft: Draft, store: i64, existing: Option<Value>, close: Callback<()>) -> impl IntoView {
    let form = LocalResource::new(move || async move {
        let form = api::get_json(&format!("/v1/plugstores/{store}/form")).await?;
        let entry = api::get_json(&format!("/v1/plugstores/{store}")).await?;
        Ok::<_, ApiError>((form, text(&entry, "name")))
    });
    let existing_data: Map<String, Value> =
        existing.as_ref().and_then(|e| e["data"].as_object().cloned()).unwrap_or_default();
    let name = RwSignal::new(existing.as_ref().map(|e| text(e, "name")).unwrap_or_default());
    let values = RwSignal::new(existing_data);
    let password = RwSignal::new(String::new());
    // The schedule (`filters`): shown only between two times, on some days, in the owner's time zone.
    let existing_filters = existing.as_ref().map(|e| e["filters"].clone()).filter(Value::is_object);
    let had_schedule = existing_filters.is_some();
    let from_time = RwSignal::new(existing_filters.as_ref().map(|f| text(f, "from")).unwrap_or_default());
    let to_time = RwSignal::new(existing_filters.as_ref().map(|f| text(f, "to")).unwrap_or_default());
    let days = RwSignal::new(
        existing_filters
            .as_ref()
            .and_then(|f| f["days"].as_array().map(|d| d.iter().filter_map(|v| v.as_u64().map(|v| v as u8)).collect()))
            .unwrap_or_else(|| (1..=7).collect::<Vec<u8>>()),
    );
    let local_error = RwSignal::new(None::<FormError>);
    let saving = Saving::new();
    let existing_id = existing.as_ref().and_then(|e| e["id"].as_i64());
    // Write-only credentials already stored (the API says which, never what).
    let stored =
        StoredValue::new(existing.as_ref().and_then(|e| e["credentials"].as_object().cloned()).unwrap_or_default());
    let is_stored = move |name: &str| {
        stored.with_value(|m: &Map<String, Value>| m.get(name).and_then(Value::as_bool).unwrap_or(false))
    };
    let tested = RwSignal::new(None::<(bool, String)>);
    let test = move |_| {
        let Some(pid) = existing_id else { return };
        tested.set(None);
        spawn_local(async move {
            let answer = api::post_json(&format!("/v1/plugins/{pid}/test"), &[]).await;
            tested.set(Some(match answer {
                Ok(v) => (v["ok"].as_bool().unwrap_or(false), text(&v, "message")),
                Err(e) => (false, e.message),
            }));
        });
    };
    let submit = move |kind: Kind| {
        // Blank fields are not sent: a stored credential stays as it is.
        let given: Map<String, Value> = values
            .get_untracked()
            .into_iter()
            .filter(|(_, v)| !v.as_str().is_some_and(|s| s.trim().is_empty()))
            .collect();
        let data = Value::Object(given.clone());
        let mut checked = given;
        for f in kind.fields().iter().filter(|f| f.input == "password" && is_stored(f.name)) {
            checked.entry(f.name.to_string()).or_insert_with(|| Value::String("stored".into()));
        }
        // The worker's own rules first: the message goes next to the field, nothing is sent.
        if let Err(e) = plugin_form::validate(kind, &Value::Object(checked)) {
            local_error.set(Some(e));
            return;
        }
        local_error.set(None);
        let (n, pw, d) = (name.get_untracked(), password.get_untracked(), data.to_string());
        let (from, to, chosen_days) = (from_time.get_untracked(), to_time.get_untracked(), days.get_untracked());
        // The browser's offset from UTC now (getTimezoneOffset is UTC − local, in minutes).
        let utc_offset = -(js_sys::Date::new_0().get_timezone_offset() as i32);
        let filters = if !from.is_empty() && !to.is_empty() {
            let mut f = serde_json::json!({ "from": from, "to": to, "utc_offset": utc_offset });
            if chosen_days.len() < 7 {
                f["days"] = serde_json::json!(chosen_days);
            }
            Some(f.to_string())
        } else if had_schedule {
            Some(String::new())
        } else {
            None
        };
        saving.run(
            async move {
                let store_text = store.to_string();
                let mut fields: Vec<(&str, &str)> = vec![("data", d.as_str())];
                if !n.trim().is_empty() {
                    fields.push(("name", n.as_str()));
                }
                if !pw.is_empty() {
                    fields.push(("password", pw.as_str()));
                }
                if let Some(f) = filters.as_deref() {
                    fields.push(("filters", f));
                }
                match existing_id {
                    Some(pid) => api::post_json(&format!("/v1/plugins/{pid}"), &fields).await,
                    None => {
                        fields.push(("id_plugstore", store_text.as_str()));
                        api::post_json(&format!("/v1/applications/{id}/plugins"), &fields).await
                    }
                }
            },
            move |_| {
                reload(id, draft);
                close.run(());
            },
        );
    };
    view! {
        <div class="plugin-form panel panel--inner" data-testid="plugin-form">
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    let (form, kind_id) = match form.await { Ok(f) => f, Err(e) => return view! { <p class="form-error">{e.message}</p> }.into_any() };
                    let Some(kind) = Kind::parse(&kind_id) else { return view! { <p class="form-error">"This plugin cannot be edited here."</p> }.into_any() };
                    let title = text(&form, "name");
                    if name.get_untracked().is_empty() { name.set(title.clone()); }
                    let fields: Vec<Value> = form["fields"].as_array().cloned().unwrap_or_default();
                    view! {
                        <h3>{title}</h3>
                        <form class="form" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); submit(kind) }>
                            <label class="field"><span>"Name on the tile"</span>
                                <input required maxlength="60" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) /></label>
                            {fields.into_iter().map(|f| {
                                let key = text(&f["attributes"], "name");
                                let input_type = text(&f["attributes"], "type");
                                let required = f["attributes"]["required"].as_bool().unwrap_or(false);
                                let label = text(&f, "label");
                                let k1 = key.clone();
                                let k2 = key.clone();
                                let k3 = key.clone();
                                let value = move || values.get().get(&k1).and_then(Value::as_str).unwrap_or_default().to_string();
                                let on_input = move |ev: leptos::ev::Event| {
                                    let v = event_target_value(&ev);
                                    values.update(|m| { m.insert(k2.clone(), Value::String(v)); });
                                };
                                let error = move || {
                                    let local = local_error.get().filter(|e| e.field().as_deref() == Some(k3.as_str())).map(|e| e.to_string());
                                    local.or_else(|| saving.error.get().filter(|e| e.message.contains(&format!("data.{k3}"))).map(|e| e.message))
                                };
                                let secret = f["attributes"]["secret"].as_bool().unwrap_or(false);
                                let input = if secret {
                                    // Write-only: never filled from the server; blank keeps the stored one.
                                    let placeholder = if is_stored(&key) { "stored — type to replace" } else { "" };
                                    view! { <input type="password" autocomplete="off" placeholder=placeholder
                                        required=required && !is_stored(&key) on:input=on_input /> }.into_any()
                                } else if input_type == "textarea" {
                                    view! { <textarea rows="4" required=required prop:value=value on:input=on_input></textarea> }.into_any()
                                } else if input_type == "url" {
                                    // A bare "senzu.app/me" is accepted (https is added): the browser's url type would refuse it.
                                    view! { <input type="text" inputmode="url" required=required prop:value=value on:input=on_input /> }.into_any()
                                } else {
                                    view! { <input type=input_type required=required prop:value=value on:input=on_input /> }.into_any()
                                };
                                view! {
                                    <label class="field" data-field=key.clone()><span>{label}{required.then_some(" *")}</span>
                                        {input}
                                        {move || error().map(|m| view! { <small class="field__error" role="alert">{m}</small> })}
                                    </label>
                                }
                            }).collect_view()}
                            <fieldset class="field schedule"><legend>"Show only at these times (optional, your time)"</legend>
                                <div class="form__row">
                                    <label class="field"><span>"From"</span>
                                        <input type="time" prop:value=move || from_time.get() on:input=move |ev| from_time.set(event_target_value(&ev)) /></label>
                                    <label class="field"><span>"To"</span>
                                        <input type="time" prop:value=move || to_time.get() on:input=move |ev| to_time.set(event_target_value(&ev)) /></label>
                                </div>
                                <div class="days">
                                    {["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].into_iter().enumerate().map(|(i, label)| {
                                        let day = i as u8 + 1;
                                        view! {
                                            <label class="day"><input type="checkbox" prop:checked=move || days.get().contains(&day)
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    days.update(|d| { d.retain(|x| *x != day); if on { d.push(day); d.sort_unstable(); } });
                                                } /><span>{label}</span></label>
                                        }
                                    }).collect_view()}
                                </div>
                                {move || saving.error.get().filter(|e| e.message.contains("filters")).map(|e| view! { <small class="field__error">{e.message}</small> })}
                            </fieldset>
                            <label class="field"><span>"Password (optional: locks this plugin)"</span>
                                <input type="password" autocomplete="new-password" prop:value=move || password.get()
                                    on:input=move |ev| password.set(event_target_value(&ev)) /></label>
                            {(kind.is_partner() && existing_id.is_some()).then(|| view! {
                                <div class="test-connection">
                                    <button class="button button--ghost" type="button" on:click=test data-testid="test-connection">"Test connection"</button>
                                    {move || tested.get().map(|(ok, m)| view! {
                                        <p class:form-ok=ok class:form-error=!ok role="status">{m}</p>
                                    })}
                                </div>
                            })}
                            <div class="form__actions">
                                <button class="button button--ghost" type="button" on:click=move |_| close.run(())>"Cancel"</button>
                                <button class="button" type="submit" disabled=move || saving.busy.get()>
                                    {move || if saving.busy.get() { "Saving…" } else { "Save plugin" }}</button>
                            </div>
                            {saving.status()}
                        </form>
                    }.into_any()
                })}
            </Suspense>
        </div>
    }
}
