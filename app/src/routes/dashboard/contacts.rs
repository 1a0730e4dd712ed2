//! `/dashboard/contacts`: what visitors left through contact exchange
//! plugins — search, tags, the owner's note, deletion, CSV and vCard export,
//! and how many came in and through which application. Search and tags filter
//! here with core's rule, and the export asks the worker with the same words.

use leptos::prelude::*;
use senzu_core::api::contacts::{Contact, UpdateContact};
use senzu_core::api::{Id, Name, Patch};
use senzu_core::{charts, contacts, ApiError};

use super::{action_status, errors_view, Shell};
use crate::api;

#[component]
pub fn Contacts() -> impl IntoView {
    let w = crate::i18n::pages();
    crate::components::page_title(Some(w.contacts_title));
    let data = LocalResource::new(api::contacts::list);
    let search = RwSignal::new(String::new());
    let tag = RwSignal::new(String::new());
    let save = Action::new_local(move |(id, change): &(Id, UpdateContact)| {
        let (id, change) = (*id, change.clone());
        async move { api::contacts::update(id, &change).await }
    });
    let remove = Action::new_local(move |id: &Id| {
        let id = *id;
        async move {
            let deleted = api::contacts::delete(id).await?;
            data.refetch();
            Ok::<_, ApiError>(deleted)
        }
    });
    view! {
        <Shell>
            <div class="dash-head">
                <h1>{w.contacts_title}</h1>
                <p class="muted">{w.contacts_intro}</p>
            </div>
            <Suspense fallback=|| view! { <p class="muted">{crate::i18n::dash().loading}</p> }>
                <ErrorBoundary fallback=errors_view>
                    {move || Suspend::new(async move {
                        data.await.map(|all| if all.is_empty() {
                            view! {
                                <p class="empty" data-testid="no-contacts">
                                    <a href="/dashboard/applications">{w.contacts_none}</a>
                                </p>
                            }.into_any()
                        } else {
                            view! { <ContactList all search tag save remove /> }.into_any()
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
            {action_status(save)}
            {action_status(remove)}
        </Shell>
    }
}

#[component]
fn ContactList(
    all: Vec<Contact>,
    search: RwSignal<String>,
    tag: RwSignal<String>,
    save: Action<(Id, UpdateContact), Result<Contact, ApiError>>,
    remove: Action<Id, Result<senzu_core::api::Deleted, ApiError>>,
) -> impl IntoView {
    let w = crate::i18n::pages();
    let now = (js_sys::Date::now() / 1000.0) as i64;
    let stats = contacts::exchanges(&all, now);
    let mut tags: Vec<String> = all.iter().flat_map(|c| c.tags.iter().cloned()).collect();
    tags.sort_by_key(|t| t.to_lowercase());
    tags.dedup_by(|a, b| a.to_lowercase() == b.to_lowercase());
    let all = StoredValue::new(all);
    let shown = move || {
        let (s, t) = (search.get(), tag.get());
        all.with_value(|all| {
            all.iter().filter(|c| contacts::matches(c, Some(&s), Some(&t))).cloned().collect::<Vec<_>>()
        })
    };
    view! {
        <section class="panel" aria-label=w.contacts_exchanges>
            <dl class="totals" data-testid="exchange-totals">
                <div><dt>{w.contacts_all}</dt><dd>{stats.total}</dd></div>
                <div><dt>{w.contacts_7}</dt><dd>{stats.last_7_days}</dd></div>
                <div><dt>{w.contacts_30}</dt><dd>{stats.last_30_days}</dd></div>
            </dl>
            <div class="chart-box" inner_html=charts::bars(&stats.by_application)></div>
        </section>
        <div class="toolbar">
            <label><span>{w.contacts_search}</span>
                <input type="search" data-testid="contact-search" prop:value=move || search.get()
                    on:input=move |ev| search.set(event_target_value(&ev)) /></label>
            <label><span>{w.contacts_tag}</span>
                <select data-testid="contact-tag" on:change=move |ev| tag.set(event_target_value(&ev))>
                    <option value="">{w.contacts_any}</option>
                    {tags.into_iter().map(|t| view! { <option value=t.clone()>{t.clone()}</option> }).collect_view()}
                </select></label>
            <a class="button button--ghost" data-testid="export-csv" download="" rel="external"
                href=move || api::contacts::export_url("csv", &search.get(), &tag.get())>{w.contacts_csv}</a>
            <a class="button button--ghost" data-testid="export-vcard" download="" rel="external"
                href=move || api::contacts::export_url("vcard", &search.get(), &tag.get())>{w.contacts_vcard}</a>
        </div>
        <ul class="rows contacts" data-testid="contacts">
            <For each=shown key=|c| (c.id, c.tags.clone(), c.owner_note.clone()) let:c>
                <ContactRow c save remove />
            </For>
        </ul>
    }
}

/// An edited text: empty clears it, else it is set (or refused, naming why).
fn patch<const MAX: usize>(text: &str) -> Result<Patch<Name<MAX>>, String> {
    if text.trim().is_empty() {
        return Ok(Patch::Clear);
    }
    Name::new(text).map(Patch::Set)
}

/// A field's refusal as its label and the sentence for it in the page's language.
fn too_long(label: &str, why: &str) -> String {
    // French puts a space before the colon.
    let colon = if crate::i18n::page_lang() == senzu_core::plugins::Lang::Fr { " : " } else { ": " };
    format!("{label}{colon}{}", crate::i18n::tr::<senzu_core::i18n::errors::ErrorWords>().reason(why))
}

#[component]
fn ContactRow(
    c: Contact,
    save: Action<(Id, UpdateContact), Result<Contact, ApiError>>,
    remove: Action<Id, Result<senzu_core::api::Deleted, ApiError>>,
) -> impl IntoView {
    let id = c.id;
    let title = c.name.clone().or_else(|| c.email.clone()).or_else(|| c.phone.clone()).unwrap_or_default();
    let tags = RwSignal::new(c.tags.join(", "));
    let note = RwSignal::new(c.owner_note.clone().unwrap_or_default());
    let date = c.date_created.date.chars().take(16).collect::<String>();
    let invalid = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match (patch(&tags.get_untracked()), patch(&note.get_untracked())) {
            (Ok(tags), Ok(owner_note)) => {
                invalid.set(None);
                save.dispatch((id, UpdateContact { tags, owner_note }));
            }
            (Err(e), _) => invalid.set(Some(too_long(crate::i18n::pages().contacts_tags, &e))),
            (_, Err(e)) => invalid.set(Some(too_long(crate::i18n::pages().contacts_note, &e))),
        }
    };
    let confirm_delete = move |_| {
        if window().confirm_with_message(crate::i18n::pages().contacts_confirm).unwrap_or(false) {
            remove.dispatch(id);
        }
    };
    view! {
        <li data-testid="contact" class="contact">
            <div class="contact__who">
                <strong data-testid="contact-name">{title}</strong>
                {c.company.clone().map(|co| view! { <span class="muted">" · " {co}</span> })}
                <div class="contact__reach">
                    {c.email.clone().map(|e| view! { <a href=format!("mailto:{e}")>{e.clone()}</a> })}
                    {c.phone.clone().map(|p| view! { <a href=format!("tel:{p}")>{p.clone()}</a> })}
                </div>
                {c.note.clone().map(|n| view! { <blockquote class="contact__note">{n}</blockquote> })}
                <span class="muted">{date} " UTC · " {c.application_name.clone()}</span>
            </div>
            <form class="contact__edit" on:submit=submit>
                <label><span>{crate::i18n::pages().contacts_tags}</span>
                    <input type="text" maxlength="1000" placeholder="lead, conference" prop:value=move || tags.get()
                        on:input=move |ev| tags.set(event_target_value(&ev)) /></label>
                <label><span>{crate::i18n::pages().contacts_note}</span>
                    <textarea rows="2" maxlength="2000" prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev))></textarea></label>
                {move || invalid.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                <span class="contact__actions">
                    <button class="button" type="submit">{crate::i18n::pages().contacts_save}</button>
                    <button class="link-button danger" type="button" on:click=confirm_delete>{crate::i18n::pages().contacts_delete}</button>
                </span>
            </form>
        </li>
    }
}
