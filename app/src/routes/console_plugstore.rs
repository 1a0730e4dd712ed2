//! The developer console's plugstore: a developer's entries, a new entry (its
//! form built field by field, the link or text a tap gives, an icon), and an
//! entry's page — versions, their French and English texts, submission for
//! Senzu's review, and the catalogue switch once published. The form is
//! checked here with core's own rules before anything is sent.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use senzu_core::api::plugstores::{
    CreateLang, CreatePlugstore, CreateVersion, LangFields, PlugstoreEntry, PlugstoreVersion, UpdateLang,
    UpdatePlugstore, UpdateVersion, VersionFields, VersionStatus,
};
use senzu_core::api::{Id, Name};
use senzu_core::custom_plugin::{CustomAction, CustomField, CustomSpec, Input};
use senzu_core::i18n::fill;
use senzu_core::i18n::plugstore::PlugstoreWords;
use senzu_core::plugins::Lang;
use senzu_core::{ApiError, ErrorCode};

use crate::api::plugstores;
use crate::components::{ApiErrors, ErrorView, TopBar};

fn bad(field: &str, why: impl std::fmt::Display) -> ApiError {
    ApiError::new(ErrorCode::BadArgument, format!("bad argument: {field}: {why}"))
}

fn status_label(w: &'static PlugstoreWords, status: &str) -> &'static str {
    match status {
        "publish" => w.status_published,
        "submitted" => w.status_in_review,
        "unpublished" => w.status_withdrawn,
        _ => w.status_draft,
    }
}

/// The console's list of the developer's entries and the form for a new one.
#[component]
pub fn PlugstorePanel(developer: Id) -> impl IntoView {
    let w = crate::i18n::tr::<PlugstoreWords>();
    let entries = LocalResource::new(move || async move {
        let all = plugstores::list().await?;
        Ok::<_, ApiError>(all.into_iter().filter(|e| e.id_developer == Some(developer)).collect::<Vec<_>>())
    });
    let creating = RwSignal::new(false);
    view! {
        <section class="panel" data-testid="plugstore-panel">
            <div class="panel__head">
                <h2>{w.panel_title}</h2>
                <button class="button" type="button" on:click=move |_| creating.set(true)>{w.new_plugin}</button>
            </div>
            <p class="muted">{w.panel_intro}</p>
            <Suspense fallback=move || view! { <p class="muted">{w.loading}</p> }>
                <ErrorBoundary fallback=|errors| view! { <ApiErrors errors /> }>
                    {move || Suspend::new(async move {
                        entries.await.map(|list| {
                            if list.is_empty() {
                                return view! { <p class="empty">{w.no_plugin}</p> }.into_any();
                            }
                            view! {
                                <ul class="entry-list">
                                    {list.into_iter().map(|e| view! {
                                        <li><a href=format!("/console/plugstore/{}", e.id) data-testid="plugstore-entry">
                                            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path fill="currentColor" d=e.icon.svg_path.clone()></path></svg>
                                            " " {e.display_name.clone()}</a>
                                            " " <span class="badge">{status_label(w, &e.status)}</span></li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
            {move || creating.get().then(|| view! { <NewEntry close=Callback::new(move |_| creating.set(false)) /> })}
        </section>
    }
}

/// The form editor's state: fields, the action and the icon.
#[derive(Clone, Copy)]
struct SpecDraft {
    fields: RwSignal<Vec<CustomField>>,
    link: RwSignal<bool>,
    template: RwSignal<String>,
    icon: RwSignal<Id>,
}

impl SpecDraft {
    fn new(from: Option<(&CustomSpec, Id)>) -> Self {
        let (fields, link, template, icon) = match from {
            Some((spec, icon)) => {
                let (link, template) = match &spec.action {
                    CustomAction::Link { url } => (true, url.clone()),
                    CustomAction::Text { text } => (false, text.clone()),
                };
                (spec.fields.clone(), link, template, icon)
            }
            None => (
                vec![CustomField {
                    name: "username".into(),
                    input: Input::Text,
                    required: true,
                    label_fr: "Nom d'utilisateur".into(),
                    label_en: "Username".into(),
                }],
                true,
                "https://example.com/{username}".into(),
                senzu_core::icons::FIRST_GENERAL,
            ),
        };
        SpecDraft {
            fields: RwSignal::new(fields),
            link: RwSignal::new(link),
            template: RwSignal::new(template),
            icon: RwSignal::new(icon),
        }
    }

    /// The spec, checked by core's rules (the worker checks it again).
    fn spec(&self) -> Result<CustomSpec, ApiError> {
        let template = self.template.get_untracked();
        let spec = CustomSpec {
            fields: self.fields.get_untracked(),
            action: if self.link.get_untracked() {
                CustomAction::Link { url: template.trim().to_string() }
            } else {
                CustomAction::Text { text: template }
            },
        };
        spec.check().map_err(|e| bad(&format!("form.{}", e.field), e.reason))?;
        Ok(spec)
    }
}

const INPUTS: [Input; 6] = [Input::Text, Input::Tel, Input::Email, Input::Url, Input::Number, Input::Textarea];

fn input_label(w: &'static PlugstoreWords, input: Input) -> &'static str {
    match input {
        Input::Text => w.inputs_text,
        Input::Tel => w.inputs_tel,
        Input::Email => w.inputs_email,
        Input::Url => w.inputs_url,
        Input::Number => w.inputs_number,
        Input::Textarea => w.inputs_textarea,
    }
}

#[component]
fn SpecEditor(draft: SpecDraft) -> impl IntoView {
    let w = crate::i18n::tr::<PlugstoreWords>();
    let icons = LocalResource::new(plugstores::icons);
    let edit = move |i: usize, f: Box<dyn Fn(&mut CustomField)>| {
        draft.fields.update(|fields| {
            if let Some(field) = fields.get_mut(i) {
                f(field)
            }
        })
    };
    view! {
        <fieldset class="field spec-editor" data-testid="spec-editor"><legend>{w.what_owners_fill}</legend>
            {move || draft.fields.get().into_iter().enumerate().map(|(i, f)| view! {
                <div class="form__row spec-field" data-testid="spec-field">
                    <label class="field"><span>{w.field_key}</span>
                        <input required maxlength="32" pattern="[a-z][a-z0-9_]*" prop:value=f.name.clone()
                            on:change=move |ev| { let v = event_target_value(&ev); edit(i, Box::new(move |f| f.name = v.clone())) } /></label>
                    <label class="field"><span>{w.field_input}</span>
                        <select on:change=move |ev| {
                            let v = event_target_value(&ev);
                            let input = INPUTS.iter().copied().find(|i| i.as_str() == v).unwrap_or(Input::Text);
                            edit(i, Box::new(move |f| f.input = input))
                        }>
                            {INPUTS.iter().map(|input| view! {
                                <option value=input.as_str() selected=*input == f.input>{input_label(w, *input)}</option>
                            }).collect_view()}
                        </select></label>
                    <label class="field"><span>{w.field_label_fr}</span>
                        <input required maxlength="60" prop:value=f.label_fr.clone()
                            on:change=move |ev| { let v = event_target_value(&ev); edit(i, Box::new(move |f| f.label_fr = v.clone())) } /></label>
                    <label class="field"><span>{w.field_label_en}</span>
                        <input required maxlength="60" prop:value=f.label_en.clone()
                            on:change=move |ev| { let v = event_target_value(&ev); edit(i, Box::new(move |f| f.label_en = v.clone())) } /></label>
                    <label class="checkbox"><input type="checkbox" prop:checked=f.required
                        on:change=move |ev| { let on = event_target_checked(&ev); edit(i, Box::new(move |f| f.required = on)) } />
                        <span>{w.field_required}</span></label>
                    <button class="link-button" type="button" on:click=move |_| draft.fields.update(|fields| { fields.remove(i); })>{w.field_remove}</button>
                </div>
            }).collect_view()}
            <button class="button button--ghost" type="button"
                disabled=move || draft.fields.get().len() >= senzu_core::custom_plugin::MAX_FIELDS
                on:click=move |_| draft.fields.update(|fields| {
                    let n = fields.len() + 1;
                    fields.push(CustomField { name: format!("field{n}"), input: Input::Text, required: false,
                        label_fr: format!("Champ {n}"), label_en: format!("Field {n}") });
                })>{w.add_field}</button>
        </fieldset>
        <fieldset class="field"><legend>{w.what_tap_does}</legend>
            <label class="radio"><input type="radio" name="action" prop:checked=move || draft.link.get()
                on:change=move |_| draft.link.set(true) /><span>{w.open_link}</span></label>
            <label class="radio"><input type="radio" name="action" prop:checked=move || !draft.link.get()
                on:change=move |_| draft.link.set(false) /><span>{w.show_text}</span></label>
            <label class="field"><span>{move || if draft.link.get() { w.link_hint } else { w.text_hint }}</span>
                <textarea rows="2" data-testid="spec-template" prop:value=move || draft.template.get()
                    on:input=move |ev| draft.template.set(event_target_value(&ev))></textarea></label>
        </fieldset>
        <fieldset class="field"><legend>{w.icon}</legend>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    icons.await.map(|list| view! {
                        <div class="icon-picker">
                            {list.into_iter().map(|icon| {
                                let id = icon.id;
                                view! {
                                    <label class="icon-choice" title=icon.tags.clone()>
                                        <input type="radio" name="icon" value=id.to_string() prop:checked=move || draft.icon.get() == id
                                            on:change=move |_| draft.icon.set(id) aria-label=icon.tags.clone() />
                                        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true"><path fill="currentColor" d=icon.svg_path></path></svg>
                                    </label>
                                }
                            }).collect_view()}
                        </div>
                    })
                })}
            </Suspense>
        </fieldset>
    }
}

#[component]
fn NewEntry(close: Callback<()>) -> impl IntoView {
    let w = crate::i18n::tr::<PlugstoreWords>();
    let display_name = RwSignal::new(String::new());
    let catchphrase = RwSignal::new(String::new());
    let draft = SpecDraft::new(None);
    let save = Action::new_local(move |_: &()| async move {
        let name = Name::new(&display_name.get_untracked()).map_err(|w| bad("display_name", w))?;
        let spec = draft.spec()?;
        let phrase = catchphrase.get_untracked();
        let new = CreatePlugstore {
            display_name: name,
            name: None,
            version: None,
            lang: Some(Lang::Fr),
            id_category: None,
            id_company: None,
        };
        let version =
            VersionFields { id_icon: Some(draft.icon.get_untracked()), form: Some(spec), ..VersionFields::default() };
        let texts = LangFields {
            catchphrase: (!phrase.trim().is_empty())
                .then(|| Name::new(&phrase))
                .transpose()
                .map_err(|w| bad("catchphrase", w))?,
            ..LangFields::default()
        };
        let made = plugstores::create(&new, &version, &texts).await?;
        let _ = window().location().set_href(&format!("/console/plugstore/{}", made.id));
        Ok::<_, ApiError>(())
    });
    view! {
        <form class="form panel panel--inner" data-testid="new-plugstore-entry"
            on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); save.dispatch(()); }>
            <h3>{w.new_plugin}</h3>
            <label class="field"><span>{w.new_title}</span>
                <input required maxlength="100" data-testid="entry-title" prop:value=move || display_name.get()
                    on:input=move |ev| display_name.set(event_target_value(&ev)) /></label>
            <label class="field"><span>{w.new_catchphrase}</span>
                <input maxlength="200" prop:value=move || catchphrase.get() on:input=move |ev| catchphrase.set(event_target_value(&ev)) /></label>
            <SpecEditor draft />
            {move || save.value().get().and_then(Result::err).map(|error| view! { <ErrorView error /> })}
            <div class="form__actions">
                <button class="button button--ghost" type="button" on:click=move |_| close.run(())>{w.cancel}</button>
                <button class="button" type="submit" disabled=move || save.pending().get()>{w.create_plugin}</button>
            </div>
        </form>
    }
}

/// `/console/plugstore/:id`: one entry, its versions and their languages.
#[component]
pub fn EntryPage() -> impl IntoView {
    let w = crate::i18n::tr::<PlugstoreWords>();
    crate::components::page_title(Some(w.page_title));
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|i| i.parse::<Id>().ok()).unwrap_or_default();
    let data = LocalResource::new(move || {
        let id = id();
        async move {
            let entry = plugstores::get(id).await?;
            let versions = plugstores::versions(id).await?;
            Ok::<_, ApiError>((entry, versions))
        }
    });
    let reload = Callback::new(move |_| data.refetch());
    view! {
        <TopBar />
        <main class="page console" data-testid="plugstore-entry-page">
            <p><a href="/console">{w.back_to_console}</a></p>
            <Suspense fallback=move || view! { <p class="muted">{w.loading}</p> }>
                <ErrorBoundary fallback=|errors| view! { <ApiErrors errors /> }>
                    {move || Suspend::new(async move {
                        data.await.map(|(entry, versions)| view! { <EntryDetail entry versions reload /> })
                    })}
                </ErrorBoundary>
            </Suspense>
        </main>
    }
}

#[component]
fn EntryDetail(entry: PlugstoreEntry, versions: Vec<PlugstoreVersion>, reload: Callback<()>) -> impl IntoView {
    let w = crate::i18n::tr::<PlugstoreWords>();
    let id = entry.id;
    let enabled = entry.is_enabled;
    let toggle = Action::new_local(move |_: &()| async move {
        let changed =
            plugstores::update(id, &UpdatePlugstore { is_enabled: Some(!enabled), ..UpdatePlugstore::default() }).await;
        if changed.is_ok() {
            reload.run(());
        }
        changed.map(|_| ())
    });
    let newest = versions.last().map(|v| (v.form.clone(), v.id_icon));
    let adding = RwSignal::new(false);
    view! {
        <h1>{entry.display_name.clone()}</h1>
        <p>
            <span class="badge" data-testid="entry-status">{status_label(w, &entry.status)}</span>
            " " <span class="muted">{fill(w.plugstore_id, &[("id", &id.to_string())])}</span>
        </p>
        {(entry.status == "publish").then(|| view! {
            <p>{if enabled { w.in_catalogue } else { w.out_of_catalogue }}
                " " <button class="link-button" type="button" on:click=move |_| { toggle.dispatch(()); }>
                    {if enabled { w.take_out } else { w.put_back }}</button></p>
        })}
        {move || toggle.value().get().and_then(Result::err).map(|error| view! { <ErrorView error /> })}
        {versions.into_iter().rev().map(|v| view! { <VersionPanel id_entry=id version=v reload /> }).collect_view()}
        <section class="panel">
            <div class="panel__head"><h2>{w.new_version_title}</h2>
                <button class="button button--ghost" type="button" on:click=move |_| adding.set(true)>{w.new_version}</button></div>
            <p class="muted">{w.frozen_versions}</p>
            {move || adding.get().then(|| view! { <NewVersion id_entry=id from=newest.clone() reload /> })}
        </section>
    }
}

#[component]
fn NewVersion(id_entry: Id, from: Option<(CustomSpec, Id)>, reload: Callback<()>) -> impl IntoView {
    let w = crate::i18n::tr::<PlugstoreWords>();
    let name = RwSignal::new(String::new());
    let draft = SpecDraft::new(from.as_ref().map(|(s, i)| (s, *i)));
    let save = Action::new_local(move |_: &()| async move {
        let new = CreateVersion { name: Name::new(&name.get_untracked()).map_err(|w| bad("name", w))? };
        let fields = VersionFields {
            id_icon: Some(draft.icon.get_untracked()),
            form: Some(draft.spec()?),
            ..VersionFields::default()
        };
        plugstores::create_version(id_entry, &new, &fields).await?;
        reload.run(());
        Ok::<_, ApiError>(())
    });
    view! {
        <form class="form" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); save.dispatch(()); }>
            <label class="field"><span>{w.version_number}</span>
                <input required maxlength="40" placeholder="2.0" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) /></label>
            <SpecEditor draft />
            {move || save.value().get().and_then(Result::err).map(|error| view! { <ErrorView error /> })}
            <button class="button" type="submit" disabled=move || save.pending().get()>{w.create_version}</button>
        </form>
    }
}

#[component]
fn VersionPanel(id_entry: Id, version: PlugstoreVersion, reload: Callback<()>) -> impl IntoView {
    let w = crate::i18n::tr::<PlugstoreWords>();
    let id_version = version.id;
    let status = version.status;
    let submit = Action::new_local(move |request: &bool| {
        let request = *request;
        async move {
            let changes = UpdateVersion { is_requested: Some(request), ..UpdateVersion::default() };
            plugstores::update_version(id_entry, id_version, &changes, &VersionFields::default()).await?;
            reload.run(());
            Ok::<_, ApiError>(())
        }
    });
    let fields: Vec<String> = version.form.fields.iter().map(|f| f.label_en.clone()).collect();
    let does = match &version.form.action {
        CustomAction::Link { url } => fill(w.opens, &[("url", url)]),
        CustomAction::Text { text } => fill(w.shows, &[("text", text)]),
    };
    view! {
        <section class="panel" data-testid="version-panel" data-version=id_version>
            <div class="panel__head">
                <h2>{fill(w.version, &[("name", &version.name)])}</h2>
                <span class="badge" data-testid="version-status">{status_label(w, status.as_str())}</span>
            </div>
            <p class="muted">{fill(w.fields, &[("fields", &if fields.is_empty() { w.no_fields.to_string() } else { fields.join(", ") })])}</p>
            <p class="muted">{does}</p>
            <LangForm id_version lang=Lang::Fr editable=status == VersionStatus::Draft />
            <LangForm id_version lang=Lang::En editable=status == VersionStatus::Draft />
            {match status {
                VersionStatus::Draft => view! {
                    <button class="button" type="button" data-testid="submit-version" on:click=move |_| { submit.dispatch(true); }>
                        {w.submit_for_review}</button>
                }.into_any(),
                VersionStatus::Submitted => view! {
                    <p>{w.waiting_review} <button class="link-button" type="button" on:click=move |_| { submit.dispatch(false); }>
                        {w.withdraw_to_edit}</button></p>
                }.into_any(),
                _ => ().into_any(),
            }}
            {move || submit.value().get().and_then(Result::err).map(|error| view! { <ErrorView error /> })}
        </section>
    }
}

/// One language's texts of a version: added, or changed while a draft.
#[component]
fn LangForm(id_version: Id, lang: Lang, editable: bool) -> impl IntoView {
    let w = crate::i18n::tr::<PlugstoreWords>();
    let stored = LocalResource::new(move || plugstores::lang(id_version, lang));
    let title = RwSignal::new(String::new());
    let phrase = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let exists = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(l)) = stored.get() {
            title.set(l.display_name.clone());
            phrase.set(l.catchphrase.clone().unwrap_or_default());
            description.set(l.description.clone().unwrap_or_default());
            exists.set(true);
        }
    });
    let save = Action::new_local(move |_: &()| async move {
        let opt = |v: String, field: &str| -> Result<Option<Name<4000>>, ApiError> {
            (!v.trim().is_empty()).then(|| Name::new(&v)).transpose().map_err(|w| bad(field, w))
        };
        let texts = LangFields {
            catchphrase: (!phrase.get_untracked().trim().is_empty())
                .then(|| Name::new(&phrase.get_untracked()))
                .transpose()
                .map_err(|w| bad("catchphrase", w))?,
            description: opt(description.get_untracked(), "description")?,
            ..LangFields::default()
        };
        let name = Name::new(&title.get_untracked()).map_err(|w| bad("display_name", w))?;
        if exists.get_untracked() {
            plugstores::update_lang(id_version, lang, &UpdateLang { display_name: Some(name) }, &texts).await?;
        } else {
            plugstores::create_lang(id_version, &CreateLang { lang, display_name: name }, &texts).await?;
            exists.set(true);
        }
        Ok::<_, ApiError>(())
    });
    let (heading, language) =
        if lang == Lang::Fr { (w.french, w.french_inline) } else { (w.english, w.english_inline) };
    let named = move |word: &str| fill(word, &[("language", language)]);
    view! {
        <form class="form lang-form" data-testid=format!("lang-{}", lang.code())
            on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); save.dispatch(()); }>
            <h3>{heading} {move || (!exists.get()).then_some(w.not_written)}</h3>
            <label class="field"><span>{named(w.lang_title)}</span>
                <input required maxlength="100" disabled=!editable prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev)) /></label>
            <label class="field"><span>{named(w.lang_catchphrase)}</span>
                <input maxlength="200" disabled=!editable prop:value=move || phrase.get() on:input=move |ev| phrase.set(event_target_value(&ev)) /></label>
            <label class="field"><span>{named(w.lang_description)}</span>
                <textarea rows="3" maxlength="4000" disabled=!editable prop:value=move || description.get()
                    on:input=move |ev| description.set(event_target_value(&ev))></textarea></label>
            {editable.then(|| view! {
                <button class="button button--ghost" type="submit" disabled=move || save.pending().get()>{named(w.lang_save)}</button>
            })}
            {move || match save.value().get() {
                Some(Ok(())) => view! { <p class="form-ok" role="status">{w.saved}</p> }.into_any(),
                Some(Err(error)) => view! { <ErrorView error /> }.into_any(),
                None => ().into_any(),
            }}
        </form>
    }
}
