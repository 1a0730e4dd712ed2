//! An application's plugins in the editor: the list in play order (drag and
//! drop, or the arrow buttons), enable/disable, edit, delete; and adding one
//! from the plugstore catalogue (by category, with search) through the form
//! the plugstore serves. Data is checked here with the worker's own rules
//! (core::plugin_form), so the message sits next to the field before saving.

use std::collections::BTreeMap;

use leptos::prelude::*;
use senzu_core::api::plugins::{self as contract, CreatePlugin, Plugin, ReorderPlugins, UpdatePlugin};
use senzu_core::api::plugstores::{FormField, PlugstoreEntry};
use senzu_core::api::{Id, Name, Patch};
use senzu_core::chmod::{Action as Can, Level};
use senzu_core::i18n::plugin_forms::PluginFormWords;
use senzu_core::plugin_form::FormError;
use senzu_core::plugins::Kind;
use senzu_core::schedule::Schedule;
use senzu_core::ApiError;

use super::application::{bad, busy, error_naming, Draft};
use super::charts::InsightsPanel;
use super::{action_status, errors_view};
use crate::api::{self, plugins, plugstores};

#[component]
pub fn PluginsPanel(id: Id, mine: Level, draft: Draft) -> impl IntoView {
    let w = crate::i18n::tr::<PluginFormWords>();
    let adding = RwSignal::new(false);
    let editing = RwSignal::new(None::<Plugin>);
    let dragging = RwSignal::new(None::<Id>);
    let me = LocalResource::new(api::me);
    let reorder = Action::new_local(move |order: &ReorderPlugins| {
        let order = order.clone();
        async move {
            let list = plugins::reorder(id, &order).await;
            draft.plugins.refetch();
            list.map(|_| ())
        }
    });
    let change = Action::new_local(move |(pid, changes): &(Id, UpdatePlugin)| {
        let (pid, changes) = (*pid, changes.clone());
        async move {
            let changed = plugins::update(pid, &changes).await;
            draft.plugins.refetch();
            changed.map(|_| ())
        }
    });
    let remove = Action::new_local(move |pid: &Id| {
        let pid = *pid;
        async move {
            let removed = plugins::delete(pid).await;
            draft.plugins.refetch();
            removed.map(|_| ())
        }
    });
    // Moves `from` before the plugin at `to_index` (or to the end) and saves the whole order in one call.
    let move_to = move |list: &[Plugin], from: Id, to_index: usize| {
        let mut ids: Vec<Id> = list.iter().map(|p| p.id).collect();
        let Some(pos) = ids.iter().position(|p| *p == from) else { return };
        let moved = ids.remove(pos);
        ids.insert(to_index.min(ids.len()), moved);
        reorder.dispatch(ReorderPlugins { items: ids });
    };
    let can_order = Can::EditBasics.allowed(mine);
    // The plugin whose insights show under the list (its id and name).
    let watching = RwSignal::new(None::<(Id, String)>);
    view! {
        <section class="panel" data-testid="plugins">
            <div class="panel__head">
                <h2>{w.title}</h2>
                {Can::EditOwnPlugins.allowed(mine).then(|| view! {
                    <button class="button" type="button" on:click=move |_| { editing.set(None); adding.set(true) }>{w.add}</button>
                })}
            </div>
            <Transition fallback=|| view! { <p class="muted">{w.loading}</p> }>
                <ErrorBoundary fallback=errors_view>
                    {move || Suspend::new(async move {
                        let list = draft.plugins.await?;
                        let me = me.await.ok().map(|m| m.id);
                        let count = list.len();
                        if list.is_empty() {
                            return Ok::<_, ApiError>(view! {
                                <p class="empty">{w.empty}</p>
                            }.into_any());
                        }
                        let order = StoredValue::new(list.clone());
                        Ok(view! {
                            <ol class="plugin-list" data-testid="plugin-list">
                                {list.into_iter().enumerate().map(|(index, p)| {
                                    let pid = p.id;
                                    let icon = senzu_core::icons::path(p.icon.id).unwrap_or(senzu_core::icons::PUZZLE);
                                    let enabled = p.is_enabled;
                                    // One's own plugins from chmod 2, everyone's from chmod 3.
                                    let may_edit = Can::EditBasics.allowed(mine) || (me.is_some() && me == p.user.id);
                                    let to = move |from: Id, at: usize| order.with_value(|l| move_to(l, from, at));
                                    let toggle = move |_| {
                                        change.dispatch((pid, UpdatePlugin { is_enabled: Some(!enabled), ..UpdatePlugin::default() }));
                                    };
                                    let delete = move |_| {
                                        if window().confirm_with_message(w.delete_confirm).unwrap_or(false) {
                                            remove.dispatch(pid);
                                        }
                                    };
                                    let edit_value = p.clone();
                                    let plugin_name = p.name.clone();
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
                                                if let Some(from) = dragging.get_untracked() { if from != pid { to(from, index); } }
                                                dragging.set(None);
                                            }>
                                            {can_order.then(|| view! { <span class="plugin-row__grip" aria-hidden="true" title=w.drag_hint>"⋮⋮"</span> })}
                                            <span class="plugin-row__icon" aria-hidden="true">
                                                <svg viewBox="0 0 24 24" width="20" height="20"><path fill="currentColor" d=icon></path></svg>
                                            </span>
                                            <span class="plugin-row__name">{p.name.clone()}
                                                {p.is_locked.then(|| view! { " " <span class="badge">{w.locked}</span> })}
                                                {p.filters.is_some().then(|| view! { " " <span class="badge">{w.scheduled}</span> })}
                                                {(!enabled).then(|| view! { " " <span class="badge">{w.off}</span> })}</span>
                                            <span class="plugin-row__actions">
                                                <button class="link-button" type="button" data-testid="plugin-insights"
                                                    aria-pressed=move || watching.with(|w| w.as_ref().is_some_and(|(id, _)| *id == pid)).to_string()
                                                    on:click=move |_| watching.update(|w| {
                                                        *w = if w.as_ref().is_some_and(|(id, _)| *id == pid) { None } else { Some((pid, plugin_name.clone())) };
                                                    })>{w.insights}</button>
                                                {can_order.then(|| view! {
                                                    <button class="icon-button" type="button" aria-label=w.move_up disabled=index == 0
                                                        on:click=move |_| to(pid, index.saturating_sub(1))>"↑"</button>
                                                    <button class="icon-button" type="button" aria-label=w.move_down disabled=index + 1 == count
                                                        on:click=move |_| to(pid, index + 1)>"↓"</button>
                                                })}
                                                {may_edit.then(|| view! {
                                                    <button class="link-button" type="button" on:click=toggle>{if enabled { w.turn_off } else { w.turn_on }}</button>
                                                    <button class="link-button" type="button" on:click=move |_| { adding.set(false); editing.set(Some(edit_value.clone())) }>{w.edit}</button>
                                                    <button class="link-button" type="button" on:click=delete>{w.delete}</button>
                                                })}
                                            </span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        }.into_any())
                    })}
                </ErrorBoundary>
            </Transition>
            {move || watching.get().map(|(pid, name)| view! {
                <div class="plugin-insights" data-testid="plugin-insights-panel">
                    <p class="muted">{senzu_core::i18n::fill(w.insights_of, &[("name", &name)])}</p>
                    <InsightsPanel kind="plugins" id=pid />
                </div>
            })}
            {action_status(reorder)}
            {action_status(change)}
            {action_status(remove)}
            {move || adding.get().then(|| view! { <Catalogue id draft adding /> })}
            {move || editing.get().map(|p| view! {
                <PluginForm id draft store=p.id_plugstore existing=Some(p) close=Callback::new(move |_| editing.set(None)) />
            })}
        </section>
    }
}

#[component]
fn Catalogue(id: Id, draft: Draft, adding: RwSignal<bool>) -> impl IntoView {
    let stores = LocalResource::new(plugstores::list);
    let search = RwSignal::new(String::new());
    let chosen = RwSignal::new(None::<Id>);
    let w = crate::i18n::tr::<PluginFormWords>();
    let lang = crate::i18n::use_lang().get_untracked();
    view! {
        <div class="catalogue" data-testid="catalogue">
            {move || match chosen.get() {
                Some(store) => view! {
                    <PluginForm id draft store existing=None close=Callback::new(move |_| adding.set(false)) />
                }.into_any(),
                None => view! {
                    <div class="catalogue__head">
                        <input type="search" placeholder=w.search aria-label=w.search prop:value=move || search.get()
                            on:input=move |ev| search.set(event_target_value(&ev)) />
                        <button class="link-button" type="button" on:click=move |_| adding.set(false)>{w.cancel}</button>
                    </div>
                    <Suspense fallback=|| view! { <p class="muted">{w.loading}</p> }>
                        <ErrorBoundary fallback=errors_view>
                            {move || Suspend::new(async move {
                                let list = stores.await?;
                                let q = search.get().to_lowercase();
                                let mut by_category: BTreeMap<String, Vec<PlugstoreEntry>> = BTreeMap::new();
                                for s in list.into_iter().filter(|s| {
                                    q.is_empty() || s.display_name.to_lowercase().contains(&q) || s.name.contains(&q)
                                }) {
                                    by_category.entry(s.category.clone()).or_default().push(s);
                                }
                                if by_category.is_empty() {
                                    return Ok::<_, ApiError>(view! { <p class="empty">{w.no_match}</p> }.into_any());
                                }
                                Ok(by_category.into_iter().map(|(cat, in_cat)| view! {
                                    // The documented (French) category, named in the page's language.
                                    <h3 class="catalogue__category">{Kind::category_label(&cat, lang).to_string()}</h3>
                                    <div class="catalogue__grid">
                                        {in_cat.into_iter().map(|s| {
                                            let sid = s.id;
                                            view! {
                                                <button class="catalogue__item" type="button" on:click=move |_| chosen.set(Some(sid))>
                                                    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true"><path fill="currentColor" d=s.icon.svg_path></path></svg>
                                                    <span>{s.display_name}</span>
                                                </button>
                                            }
                                        }).collect_view()}
                                    </div>
                                }).collect_view().into_any())
                            })}
                        </ErrorBoundary>
                    </Suspense>
                }.into_any(),
            }}
        </div>
    }
}

/// What the plugin form saves: a new plugin, or changes to one.
#[derive(Debug, Clone)]
enum Save {
    Add(Box<CreatePlugin>),
    Edit(Id, Box<UpdatePlugin>),
}

/// The form of plugstore entry `store`, to add a plugin or edit `existing`.
#[component]
fn PluginForm(id: Id, draft: Draft, store: Id, existing: Option<Plugin>, close: Callback<()>) -> impl IntoView {
    let w = crate::i18n::tr::<PluginFormWords>();
    let form = LocalResource::new(move || async move {
        let form = plugstores::form(store).await?;
        let entry = plugstores::get(store).await?;
        Ok::<_, ApiError>((form, entry.name))
    });
    let name = RwSignal::new(existing.as_ref().map(|e| e.name.clone()).unwrap_or_default());
    let values = RwSignal::new(existing.as_ref().map(|e| contract::form_values(&e.data)).unwrap_or_default());
    let password = RwSignal::new(String::new());
    // The schedule (`filters`): shown only between two times, on some days, in the owner's time zone.
    let schedule = existing.as_ref().and_then(|e| e.filters.clone());
    let had_schedule = schedule.is_some();
    let from_time = RwSignal::new(schedule.as_ref().map(|s| s.from.clone()).unwrap_or_default());
    let to_time = RwSignal::new(schedule.as_ref().map(|s| s.to.clone()).unwrap_or_default());
    let days = RwSignal::new(schedule.and_then(|s| s.days).unwrap_or_else(|| (1..=7).collect::<Vec<u8>>()));
    let local_error = RwSignal::new(None::<FormError>);
    let existing_id = existing.as_ref().map(|e| e.id);
    // Write-only credentials already stored (the API says which, never what).
    let stored = StoredValue::new(existing.as_ref().and_then(|e| e.credentials.clone()).unwrap_or_default());
    let is_stored = move |name: &str| stored.with_value(|m| m.get(name).copied().unwrap_or(false));
    let test = Action::new_local(move |pid: &Id| plugins::test(*pid));
    let tested = test.value();
    let save = Action::new_local(move |s: &Result<Save, ApiError>| {
        let s = s.clone();
        async move {
            let saved = match s? {
                Save::Add(new) => plugins::create(id, &new).await,
                Save::Edit(pid, changes) => plugins::update(pid, &changes).await,
            };
            if saved.is_ok() {
                draft.plugins.refetch();
                close.run(());
            }
            saved
        }
    });
    let saved = save.value();
    let submit = move |fields: StoredValue<Vec<FormField>>| {
        let typed = values.get_untracked();
        // The worker's own rules first (on the form it serves): the message goes next to the field, nothing is sent.
        if let Err(e) = fields.with_value(|f| contract::check_form(f, &typed, is_stored)) {
            local_error.set(Some(e));
            return;
        }
        local_error.set(None);
        // Blank fields are not sent: a stored credential stays as it is.
        let given = contract::form_data(&typed);
        let (from, to, chosen_days) = (from_time.get_untracked(), to_time.get_untracked(), days.get_untracked());
        let filters = if !from.is_empty() && !to.is_empty() {
            let schedule = Schedule {
                from,
                to,
                // The browser's offset from UTC now (getTimezoneOffset is UTC − local, in minutes).
                utc_offset: -(js_sys::Date::new_0().get_timezone_offset() as i32),
                days: (chosen_days.len() < 7).then_some(chosen_days),
            };
            Patch::Set(serde_json::to_string(&schedule).unwrap_or_default())
        } else if had_schedule {
            Patch::Clear
        } else {
            Patch::Keep
        };
        let pw = password.get_untracked();
        let password = (!pw.is_empty()).then_some(pw);
        let tile_name = name.get_untracked();
        let checked_name = if tile_name.trim().is_empty() {
            Ok(None)
        } else {
            Name::new(&tile_name).map(Some).map_err(|w| bad("name", w))
        };
        let save_it = checked_name.map(|name| match existing_id {
            Some(pid) => Save::Edit(
                pid,
                Box::new(UpdatePlugin { name, data: Some(given), filters, password, ..UpdatePlugin::default() }),
            ),
            None => Save::Add(Box::new(CreatePlugin {
                id_plugstore: store,
                name,
                data: given,
                filters,
                password,
                is_locked: None,
                sort_order: None,
                is_enabled: None,
            })),
        });
        save.dispatch(save_it);
    };
    view! {
        <div class="plugin-form panel panel--inner" data-testid="plugin-form">
            <Suspense fallback=|| view! { <p class="muted">{w.loading}</p> }>
                <ErrorBoundary fallback=errors_view>
                    {move || Suspend::new(async move {
                        let (form, kind_id) = form.await?;
                        // Senzu's partner kinds test their connection; a developer's (`custom`) parses to none.
                        let is_partner = Kind::parse(&kind_id).is_some_and(Kind::is_partner);
                        let fields = StoredValue::new(form.fields.clone());
                        if name.get_untracked().is_empty() { name.set(form.name.clone()); }
                        Ok::<_, ApiError>(view! {
                            <h3>{form.name.clone()}</h3>
                            <form class="form" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); submit(fields) }>
                                <label class="field"><span>{w.tile_name}</span>
                                    <input required maxlength="60" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) /></label>
                                {form.fields.into_iter().map(|f| {
                                    // The whole form checked as the worker will, when a field is left or typed in.
                                    let check = Callback::new(move |_: ()| {
                                        let typed = values.get_untracked();
                                        fields.with_value(|f| contract::check_form(f, &typed, is_stored)).err()
                                    });
                                    view! { <DataField f values local_error saved check is_stored=Callback::new(move |n: String| is_stored(&n)) /> }
                                }).collect_view()}
                                <fieldset class="field schedule"><legend>{w.schedule}</legend>
                                    <div class="form__row">
                                        <label class="field"><span>{w.from}</span>
                                            <input type="time" prop:value=move || from_time.get() on:input=move |ev| from_time.set(event_target_value(&ev)) /></label>
                                        <label class="field"><span>{w.to}</span>
                                            <input type="time" prop:value=move || to_time.get() on:input=move |ev| to_time.set(event_target_value(&ev)) /></label>
                                    </div>
                                    <div class="days">
                                        {[w.monday, w.tuesday, w.wednesday, w.thursday, w.friday, w.saturday, w.sunday].into_iter().enumerate().map(|(i, label)| {
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
                                    {move || error_naming(&saved, |f| f == "filters").map(|m| view! { <small class="field__error">{m}</small> })}
                                </fieldset>
                                <label class="field"><span>{w.password}</span>
                                    <input type="password" autocomplete="new-password" prop:value=move || password.get()
                                        on:input=move |ev| password.set(event_target_value(&ev)) /></label>
                                {(is_partner && existing_id.is_some()).then(|| view! {
                                    <div class="test-connection">
                                        <button class="button button--ghost" type="button" data-testid="test-connection"
                                            on:click=move |_| { if let Some(pid) = existing_id { test.dispatch(pid); } }>{w.test_connection}</button>
                                        {move || tested.try_get().flatten().map(|answer| {
                                            let (ok, m) = match answer { Ok(t) => (t.ok, t.message), Err(e) => (false, e.message) };
                                            view! { <p class:form-ok=ok class:form-error=!ok role="status">{m}</p> }
                                        })}
                                    </div>
                                })}
                                <div class="form__actions">
                                    <button class="button button--ghost" type="button" on:click=move |_| close.run(())>{w.cancel}</button>
                                    <button class="button" type="submit" disabled=busy(save)>
                                        {move || if busy(save)() { w.saving } else { w.save }}</button>
                                </div>
                                {action_status(save)}
                            </form>
                        }.into_any())
                    })}
                </ErrorBoundary>
            </Suspense>
        </div>
    }
}

/// One field of a plugin's data, with its error from the local check or the worker.
#[component]
fn DataField(
    f: FormField,
    values: RwSignal<BTreeMap<String, String>>,
    local_error: RwSignal<Option<FormError>>,
    saved: MappedSignal<Option<Result<Plugin, ApiError>>>,
    check: Callback<(), Option<FormError>>,
    is_stored: Callback<String, bool>,
) -> impl IntoView {
    let w = crate::i18n::tr::<PluginFormWords>();
    let lang = crate::i18n::use_lang().get_untracked();
    let key = f.attributes.name.clone();
    let required = f.attributes.required;
    let (k1, k2, k3, k4) = (key.clone(), key.clone(), key.clone(), key.clone());
    let this_field = StoredValue::new(key.clone());
    let value = move || values.get().get(&k1).cloned().unwrap_or_default();
    // The worker's answer about this field is stale once the owner types again.
    let edited_since_save = RwSignal::new(false);
    Effect::new(move |_| {
        saved.track();
        edited_since_save.set(false);
    });
    let mine = move |e: &FormError| this_field.with_value(|k| e.field().as_deref() == Some(k.as_str()));
    // Left (change) or typed in (input): the message follows the value, not the last save.
    let recheck = move |report: bool| {
        let found = check.run(()).filter(|e| mine(e));
        match found {
            Some(e) if report => local_error.set(Some(e)),
            None if local_error.get_untracked().as_ref().is_some_and(mine) => local_error.set(None),
            _ => {}
        }
    };
    let on_input = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        values.update(|m| {
            m.insert(k2.clone(), v);
        });
        edited_since_save.set(true);
        recheck(false);
    };
    let on_change = move |_: leptos::ev::Event| recheck(true);
    // This field's value alone, checked as the worker does (for a refusal from the worker after saving).
    let rule = StoredValue::new(f.clone());
    let check_this = move || {
        let own: BTreeMap<String, String> =
            values.get_untracked().get(&k4).map(|v| (k4.clone(), v.clone())).into_iter().collect();
        rule.with_value(|r| contract::check_form(std::slice::from_ref(r), &own, |n| is_stored.run(n.to_string()))).err()
    };
    let error = move || {
        let local = local_error
            .try_get()
            .flatten()
            .filter(|e| e.field().as_deref() == Some(k3.as_str()))
            .map(|e| e.sentence(lang));
        let field = format!("data.{k3}");
        // The worker's refusal in the person's words when the local check sees it too, else as it said it.
        local.or_else(|| {
            let answer = (!edited_since_save.get()).then(|| error_naming(&saved, |f| f == field)).flatten()?;
            Some(check_this().map(|e| e.sentence(lang)).unwrap_or(answer))
        })
    };
    let stored = is_stored.run(key.clone());
    let input = if f.attributes.secret {
        // Write-only: never filled from the server; blank keeps the stored one.
        let placeholder = if stored { w.stored } else { "" };
        view! { <input type="password" autocomplete="off" placeholder=placeholder
        required=required && !stored on:input=on_input on:change=on_change /> }
        .into_any()
    } else if f.attributes.input == "select" {
        let current = value.clone();
        let options = f.attributes.options.clone();
        view! {
            <select required=required on:input=on_input on:change=on_change>
                <option value="" selected=current().is_empty()>"—"</option>
                {options.into_iter().map(|o| {
                    let chosen = current().eq_ignore_ascii_case(&o.value);
                    view! { <option value=o.value.clone() selected=chosen>{o.label}</option> }
                }).collect_view()}
            </select>
        }
        .into_any()
    } else if f.attributes.input == "textarea" {
        view! { <textarea rows="4" required=required prop:value=value on:input=on_input on:change=on_change></textarea> }.into_any()
    } else if f.attributes.input == "url" {
        // A bare "senzu.app/me" is accepted (https is added): the browser's url type would refuse it.
        view! { <input type="text" inputmode="url" required=required prop:value=value on:input=on_input on:change=on_change /> }.into_any()
    } else {
        view! { <input type=f.attributes.input.clone() required=required prop:value=value on:input=on_input on:change=on_change /> }
            .into_any()
    };
    view! {
        <label class="field" data-field=key><span>{f.label}{required.then_some(" *")}</span>
            {input}
            {move || error().map(|m| view! { <small class="field__error" role="alert">{m}</small> })}
        </label>
    }
}
