//! Applications: the list (and creating one), and the editor — name, alias,
//! subtitle, colour, background, image, password — beside a live phone
//! preview drawn by the play page's own component from core's one play
//! builder; plugins, sharing, share links and insights below.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use senzu_core::api::applications::{Application, CreateApplication, UpdateApplication};
use senzu_core::api::plugins::Plugin;
use senzu_core::api::shares::{CreateShare, Share, UpdateShare};
use senzu_core::api::{Id, Name, Patch};
use senzu_core::chmod::Action as Can;
use senzu_core::i18n::errors::ErrorWords;
use senzu_core::play::{self, Background, Color, Play, PlayPluginSource, PlaySource, Viewer};
use senzu_core::{ApiError, ErrorCode};

use super::charts::InsightsPanel;
use super::plugins::PluginsPanel;
use super::sharing::SharingPanel;
use super::{action_status, errors_view, Shell};
use crate::api::{applications, files, plugins, shares};
use crate::routes::play::PlayScreen;

/// The message of an action's error when it names `field`.
pub(super) fn field_error<I: 'static, T: 'static>(
    action: Action<I, Result<T, ApiError>>,
    field: &'static str,
) -> impl Fn() -> Option<String> {
    let value = action.value();
    move || error_naming(&value, |f| f == field)
}

/// An action's error as a sentence for under its field, if it names a field `named` accepts (`try_`: see [`action_status`]).
pub(super) fn error_naming<T: 'static>(
    value: &MappedSignal<Option<Result<T, ApiError>>>,
    named: impl Fn(&str) -> bool,
) -> Option<String> {
    value
        .try_with(|v| match v {
            Some(Err(e)) if e.field().is_some_and(&named) => Some(crate::i18n::tr::<ErrorWords>().field_message(e)),
            _ => None,
        })
        .flatten()
}

/// Whether an action runs (`try_`: see [`action_status`]).
pub(super) fn busy<I: 'static, O: 'static>(action: Action<I, O>) -> impl Fn() -> bool + Copy {
    let pending = action.pending();
    move || pending.try_get().unwrap_or(false)
}

/// A 420 naming `field`, as the worker would answer.
pub(super) fn bad(field: &str, why: impl std::fmt::Display) -> ApiError {
    ApiError::new(ErrorCode::BadArgument, format!("bad argument: {field}: {why}"))
}

/// Typed text as a [`Name`]: empty is none, too long a 420 naming the field.
fn name_of<const MAX: usize>(field: &str, text: &str) -> Result<Option<Name<MAX>>, ApiError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    Name::new(text).map(Some).map_err(|why| bad(field, why))
}

/// The editor of one application (a dashboard link, not an API address).
fn editor_href(id: Id) -> String {
    format!("/dashboard/applications/{id}")
}

#[component]
pub fn Applications() -> impl IntoView {
    let w = crate::i18n::app_words();
    crate::components::page_title(Some(w.list_title));
    let apps = LocalResource::new(applications::list);
    let name = RwSignal::new(String::new());
    let create = Action::new_local(|name: &String| {
        let name = name.clone();
        async move {
            let name = name_of::<100>("name", &name)?
                .ok_or_else(|| ApiError::new(ErrorCode::MissingArgument, "missing argument: name"))?;
            applications::create(&CreateApplication::named(name)).await
        }
    });
    let created = create.value();
    Effect::new(move || {
        if let Some(Some(Ok(app))) = created.try_get() {
            let _ = window().location().set_href(&editor_href(app.id));
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        create.dispatch(name.get_untracked());
    };
    view! {
        <Shell>
            <div class="dash-head"><h1>{w.list_title}</h1></div>
            <p class="muted">{w.list_intro}</p>
            <form class="form form--inline panel" on:submit=submit data-testid="new-app">
                <label class="field"><span>{w.new_app}</span>
                    <input required maxlength="100" placeholder=w.new_placeholder prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev)) /></label>
                <button class="button" type="submit" disabled=busy(create)>
                    {move || if busy(create)() { w.creating } else { w.create }}</button>
            </form>
            {action_status(create)}
            <Suspense fallback=|| view! { <p class="muted">{crate::i18n::dash().loading}</p> }>
                <ErrorBoundary fallback=errors_view>
                    {move || Suspend::new(async move {
                        apps.await.map(|list| view! {
                            <div class="app-grid" data-testid="applications">
                                {list.into_iter().map(|a| view! {
                                    <a class="app-card" href=editor_href(a.id)>
                                        <strong>{a.alias_name}</strong>
                                        <span class="muted">{senzu_core::i18n::fill(w.plugins_count, &[("n", &a.quantity_plugins.to_string())])}
                                            {a.is_locked.then_some(w.locked)}
                                            {(!Can::Own.allowed(a.chmod)).then(|| senzu_core::i18n::fill(w.shared, &[("level", crate::i18n::level_name(a.chmod))]))}</span>
                                    </a>
                                }).collect_view()}
                            </div>
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
        </Shell>
    }
}

/// The editor's state, shared by the form and the live preview.
#[derive(Clone, Copy)]
pub struct Draft {
    pub name: RwSignal<String>,
    pub alias: RwSignal<String>,
    pub subtitle: RwSignal<String>,
    pub image: RwSignal<String>,
    pub color: RwSignal<Color>,
    pub background: RwSignal<Background>,
    /// The application's plugins, in play order: refetched after every change.
    pub plugins: LocalResource<Result<Vec<Plugin>, ApiError>>,
}

impl Draft {
    fn from(app: &Application) -> Self {
        let id = app.id;
        Draft {
            name: RwSignal::new(app.name.clone()),
            alias: RwSignal::new(app.alias_name.clone()),
            subtitle: RwSignal::new(app.subtitle.clone().unwrap_or_default()),
            image: RwSignal::new(app.url_image.clone().unwrap_or_default()),
            color: RwSignal::new(app.color),
            background: RwSignal::new(app.background_color),
            plugins: LocalResource::new(move || plugins::list(id)),
        }
    }

    /// The play a tap would show now: core's one builder, as the worker's taps.
    fn play(self, id: Id) -> Play {
        let list = self.plugins.get().and_then(Result::ok).unwrap_or_default();
        let (name, alias, subtitle, image) = (self.name.get(), self.alias.get(), self.subtitle.get(), self.image.get());
        let app = PlaySource {
            id,
            name: &name,
            alias_name: Some(&alias),
            subtitle: Some(&subtitle),
            url_image: Some(&image),
            color: Some(self.color.get()),
            background_color: Some(self.background.get()),
        };
        let sources: Vec<PlayPluginSource<'_>> = list
            .iter()
            .map(|p| PlayPluginSource {
                id: p.id,
                name: &p.name,
                kind: &p.kind,
                data: &p.data,
                is_locked: p.is_locked,
                is_enabled: p.is_enabled,
                sort_order: p.sort_order,
                schedule: p.filters.clone(),
                // A developer's plugin: its form lives with its entry, so the preview shows its tile without the link.
                custom: None,
            })
            .collect();
        let origin = window().location().origin().unwrap_or_default();
        let viewer = Viewer { now: (js_sys::Date::now() / 1000.0) as i64, coordinates: None, origin: &origin };
        play::build(&app, &sources, &viewer)
    }
}

#[component]
pub fn ApplicationPage() -> impl IntoView {
    crate::components::page_title(Some(crate::i18n::app_words().title));
    let params = use_params_map();
    // Read inside the fetcher: moving from one application to another reloads the page's data.
    let app = LocalResource::new(move || {
        let id = params.read().get("id").and_then(|i| i.parse::<Id>().ok());
        async move {
            match id {
                Some(id) => applications::get(id).await,
                None => Err(ApiError::new(ErrorCode::NotFound, "no application at this address")),
            }
        }
    });
    view! {
        <Shell>
            <Suspense fallback=|| view! { <p class="muted">{crate::i18n::dash().loading}</p> }>
                <ErrorBoundary fallback=errors_view>
                    {move || Suspend::new(async move { app.await.map(|app| view! { <Editor app /> }) })}
                </ErrorBoundary>
            </Suspense>
        </Shell>
    }
}

#[component]
fn Editor(app: Application) -> impl IntoView {
    let id = app.id;
    let mine = app.chmod;
    let draft = Draft::from(&app);
    let locked = RwSignal::new(app.is_locked);
    view! {
        <div class="dash-head">
            <h1 data-testid="app-title">{move || draft.play(id).title}</h1>
            <span class="muted">{crate::i18n::app_words().your_rights} " " {crate::i18n::level_name(mine)}</span>
        </div>
        <div class="editor">
            <div class="editor__main">
                {if Can::Administer.allowed(mine) {
                    view! { <AppForm id draft locked /> }.into_any()
                } else {
                    view! { <p class="notice">{crate::i18n::app_words().read_only}</p> }.into_any()
                }}
                <PluginsPanel id mine draft />
                <SharingPanel kind="applications" id mine />
                {Can::Administer.allowed(mine).then(|| view! { <ShareLinks id /> })}
                <InsightsPanel kind="applications" id />
                {Can::Own.allowed(mine).then(|| view! { <DeleteApp id /> })}
            </div>
            <aside class="editor__preview" aria-label=crate::i18n::app_words().preview>
                <div class="phone" data-testid="preview">
                    {move || view! { <PlayScreen play=draft.play(id) lang=crate::i18n::use_lang().get_untracked() segment=String::new() /> }}
                </div>
                <p class="muted small">{crate::i18n::app_words().preview_hint}</p>
            </aside>
        </div>
    }
}

const COLORS: [Color; 5] = [Color::Green, Color::Blue, Color::Red, Color::Purple, Color::Orange];
const BACKGROUNDS: [(Background, &str); 3] =
    [(Background::Light, "Light"), (Background::Dark, "Dark"), (Background::Auto, "Auto (dark at night)")];

/// A background's label in the page's language (the table names them in English).
fn background_label(english: &str) -> &'static str {
    let w = crate::i18n::app_words();
    match english {
        "Light" => w.light,
        "Dark" => w.dark,
        _ => w.auto,
    }
}

/// A link validity's label in the page's language.
fn validity_label(english: &str) -> &'static str {
    let w = crate::i18n::app_words();
    match english {
        "1 hour" => w.one_hour,
        "1 day" => w.one_day,
        "7 days" => w.seven_days,
        "30 days" => w.thirty_days,
        _ => w.no_end,
    }
}

/// The form's changes, checked here with the worker's rules before the round trip.
fn changes(draft: Draft, password: &str) -> Result<UpdateApplication, ApiError> {
    let image = draft.image.get_untracked();
    let url_image = if image.trim().is_empty() {
        None
    } else {
        // The same rule the worker applies (https, or exactly /files/{name}).
        let origin = window().location().origin().unwrap_or_default();
        senzu_core::image::image_url(&image, &origin).map_err(|why| bad("url_image", why))?;
        Some(image)
    };
    let subtitle = match name_of::<200>("subtitle", &draft.subtitle.get_untracked())? {
        Some(s) => Patch::Set(s),
        // Empty clears it.
        None => Patch::Clear,
    };
    Ok(UpdateApplication {
        name: name_of("name", &draft.name.get_untracked())?,
        alias_name: name_of("alias_name", &draft.alias.get_untracked())?,
        subtitle,
        url_image,
        color: Some(draft.color.get_untracked()),
        background_color: Some(draft.background.get_untracked()),
        password: (!password.is_empty()).then(|| password.to_string()),
        ..UpdateApplication::default()
    })
}

#[component]
fn AppForm(id: Id, draft: Draft, locked: RwSignal<bool>) -> impl IntoView {
    let password = RwSignal::new(String::new());
    let save = Action::new_local(move |changes: &Result<UpdateApplication, ApiError>| {
        let changes = changes.clone();
        async move { applications::update(id, &changes?).await }
    });
    let saved = save.value();
    Effect::new(move || {
        if let Some(Some(Ok(app))) = saved.try_get() {
            password.set(String::new());
            locked.set(app.is_locked);
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(changes(draft, &password.get_untracked()));
    };
    let unlock = move |_| {
        save.dispatch(Ok(UpdateApplication { is_locked: Some(false), ..UpdateApplication::default() }));
    };
    // An uploaded image: stored as a file, then set as the application's image.
    let upload = Action::new_local(move |file: &web_sys::File| {
        let file = file.clone();
        async move {
            let form = web_sys::FormData::new()
                .map_err(|_| ApiError::new(ErrorCode::Internal, "the browser could not prepare the upload"))?;
            let _ = form.append_with_str("name", &file.name());
            let _ = form.append_with_blob("source", &file);
            let stored = files::upload(form).await?;
            applications::update(id, &UpdateApplication { id_image: Some(stored.id), ..UpdateApplication::default() })
                .await
        }
    });
    let uploaded = upload.value();
    Effect::new(move || {
        if let Some(Some(Ok(app))) = uploaded.try_get() {
            draft.image.set(app.url_image.unwrap_or_default());
        }
    });
    // An image already among the owner's files.
    let pick = Action::new_local(move |id_file: &Id| {
        let id_file = *id_file;
        async move {
            applications::update(id, &UpdateApplication { id_image: Some(id_file), ..UpdateApplication::default() })
                .await
        }
    });
    let picked = pick.value();
    Effect::new(move || {
        if let Some(Some(Ok(app))) = picked.try_get() {
            draft.image.set(app.url_image.unwrap_or_default());
        }
    });
    let choose = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            upload.dispatch_local(file);
        }
    };
    let error_of = move |name: &'static str| {
        let e = field_error(save, name);
        move || e().map(|m| view! { <small class="field__error">{m}</small> })
    };
    view! {
        <section class="panel">
            <h2>{crate::i18n::app_words().settings}</h2>
            <form class="form" on:submit=submit data-testid="app-form">
                <div class="form__row">
                    <label class="field"><span>{crate::i18n::app_words().name}</span>
                        <input required maxlength="100" prop:value=move || draft.name.get()
                            on:input=move |ev| draft.name.set(event_target_value(&ev)) />{error_of("name")}</label>
                    <label class="field"><span>{crate::i18n::app_words().alias}</span>
                        <input maxlength="100" prop:value=move || draft.alias.get()
                            on:input=move |ev| draft.alias.set(event_target_value(&ev)) />{error_of("alias_name")}</label>
                </div>
                <label class="field"><span>{crate::i18n::app_words().subtitle}</span>
                    <input maxlength="200" prop:value=move || draft.subtitle.get()
                        on:input=move |ev| draft.subtitle.set(event_target_value(&ev)) />{error_of("subtitle")}</label>
                <div class="form__row">
                    <label class="field"><span>{crate::i18n::app_words().image_upload}</span>
                        <input type="file" accept="image/png,image/jpeg,image/gif,image/webp" on:change=choose data-testid="image-upload" />
                        {move || busy(upload)().then(|| view! { <small class="field__hint">{crate::i18n::app_words().uploading}</small> })}
                        {move || uploaded.try_with(|v| match v {
                            Some(Err(e)) => Some(view! { <small class="field__error" role="alert">{crate::components::short_sentence(e)}</small> }),
                            _ => None,
                        }).flatten()}</label>
                    <div class="field"><span>{crate::i18n::app_words().image_files}</span>
                        <super::files::ImagePicker on_pick=Callback::new(move |f: senzu_core::api::files::File| { pick.dispatch(f.id); }) />
                        {move || picked.try_with(|v| match v {
                            Some(Err(e)) => Some(view! { <small class="field__error" role="alert">{crate::components::short_sentence(e)}</small> }),
                            _ => None,
                        }).flatten()}</div>
                    <label class="field"><span>{crate::i18n::app_words().image_url}</span>
                        <input type="text" inputmode="url" maxlength="500" placeholder="https://…" prop:value=move || draft.image.get()
                            on:input=move |ev| draft.image.set(event_target_value(&ev)) />{error_of("url_image")}</label>
                </div>
                <fieldset class="field swatches"><legend>{crate::i18n::app_words().colour}</legend>
                    {COLORS.into_iter().map(|c| view! {
                        <label class="swatch" data-color=c.as_str() title=c.as_str()>
                            <input type="radio" name="color" value=c.as_str() prop:checked=move || draft.color.get() == c
                                on:change=move |_| draft.color.set(c) /><span>{c.as_str()}</span></label>
                    }).collect_view()}
                </fieldset>
                <fieldset class="field segmented"><legend>{crate::i18n::app_words().background}</legend>
                    {BACKGROUNDS.into_iter().map(|(b, l)| (b, background_label(l))).map(|(b, l)| view! {
                        <label><input type="radio" name="background" value=b.as_str() prop:checked=move || draft.background.get() == b
                            on:change=move |_| draft.background.set(b) /><span>{l}</span></label>
                    }).collect_view()}
                </fieldset>
                <label class="field"><span>{move || if locked.get() { crate::i18n::app_words().new_password } else { crate::i18n::app_words().password }}</span>
                    <input type="password" autocomplete="new-password" minlength="4" prop:value=move || password.get()
                        on:input=move |ev| password.set(event_target_value(&ev)) />{error_of("password")}</label>
                {move || locked.get().then(|| view! {
                    <button class="link-button" type="button" on:click=unlock>{crate::i18n::app_words().remove_password}</button>
                })}
                <button class="button" type="submit" disabled=busy(save)>
                    {move || if busy(save)() { crate::i18n::app_words().saving } else { crate::i18n::app_words().save }}</button>
                {action_status(save)}
            </form>
        </section>
    }
}

/// How long a new link lasts: (seconds, label); `None` has no end.
const VALIDITY: [(Option<i64>, &str); 5] = [
    (Some(3600), "1 hour"),
    (Some(86_400), "1 day"),
    (Some(604_800), "7 days"),
    (Some(2_592_000), "30 days"),
    (None, "No end"),
];

#[component]
fn ShareLinks(id: Id) -> impl IntoView {
    let links = LocalResource::new(move || shares::of_application(id));
    let expiry = RwSignal::new(2usize);
    let create = Action::new_local(move |new: &CreateShare| {
        let new = new.clone();
        async move {
            let made = shares::create(id, &new).await;
            if made.is_ok() {
                links.refetch();
            }
            made
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let expiration_time = VALIDITY.get(expiry.get_untracked()).and_then(|(s, _)| *s);
        create.dispatch(CreateShare { expiration_time, id_record: None });
    };
    view! {
        <section class="panel" data-testid="share-links">
            <h2>{crate::i18n::app_words().share_links}</h2>
            <p class="muted">{crate::i18n::app_words().share_intro}</p>
            <form class="form form--inline" on:submit=submit>
                <label class="field field--narrow"><span>{crate::i18n::app_words().valid_for}</span>
                    <select on:change=move |ev| expiry.set(event_target_value(&ev).parse().unwrap_or(2))
                        prop:value=move || expiry.get().to_string()>
                        {VALIDITY.iter().enumerate().map(|(i, (_, label))| view! {
                            <option value=i.to_string() selected=i == 2>{validity_label(label)}</option>
                        }).collect_view()}
                    </select></label>
                <button class="button" type="submit" disabled=busy(create)>{crate::i18n::app_words().create_link}</button>
            </form>
            {action_status(create)}
            <Transition fallback=|| ()>
                <ErrorBoundary fallback=errors_view>
                    {move || Suspend::new(async move {
                        links.await.map(|list| view! {
                            <ul class="rows">{list.into_iter().map(|l| view! { <ShareLinkRow l links /> }).collect_view()}</ul>
                        })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

#[component]
fn ShareLinkRow(l: Share, links: LocalResource<Result<Vec<Share>, ApiError>>) -> impl IntoView {
    let id = l.id;
    let enabled = l.is_enabled;
    let w = crate::i18n::app_words();
    let lang = crate::i18n::use_lang().get_untracked();
    let until = l.date_expired.as_ref().map(|d| {
        let day = senzu_core::i18n::date(&d.date, lang);
        let time = d.date.get(11..16).unwrap_or("");
        senzu_core::i18n::fill(w.until, &[("date", &format!("{day} {time}"))])
    });
    let toggle = Action::new_local(move |on: &bool| {
        let on = *on;
        async move {
            let changed = shares::update(id, &UpdateShare { is_enabled: Some(on), ..UpdateShare::default() }).await;
            if changed.is_ok() {
                links.refetch();
            }
            changed.map(|_| ())
        }
    });
    let remove = Action::new_local(move |_: &()| async move {
        let removed = shares::delete(id).await;
        if removed.is_ok() {
            links.refetch();
        }
        removed.map(|_| ())
    });
    view! {
        <li>
            <span><a href=l.url.clone() target="_blank" rel="noopener"><code>{l.url.clone()}</code></a> " "
                <span class="muted small">{until.unwrap_or_else(|| w.no_end_short.into())}</span>
                {l.is_expired.then(|| view! { " " <span class="badge">{w.expired}</span> })}
                {(!enabled).then(|| view! { " " <span class="badge">{w.off}</span> })}</span>
            <span>
                <button class="link-button" type="button" on:click=move |_| { toggle.dispatch(!enabled); }>
                    {if enabled { w.turn_off } else { w.turn_on }}</button> " "
                <button class="link-button" type="button" on:click=move |_| { remove.dispatch(()); }>{w.delete}</button>
            </span>
            {action_status(toggle)}
            {action_status(remove)}
        </li>
    }
}

#[component]
fn DeleteApp(id: Id) -> impl IntoView {
    let delete = Action::new_local(move |_: &()| applications::delete(id));
    let deleted = delete.value();
    Effect::new(move || {
        if let Some(Some(Ok(_))) = deleted.try_get() {
            let _ = window().location().set_href("/dashboard/applications");
        }
    });
    let ask = move |_| {
        if window().confirm_with_message(crate::i18n::app_words().delete_confirm).unwrap_or(false) {
            delete.dispatch(());
        }
    };
    view! {
        <section class="panel panel--danger">
            <button class="button button--danger" type="button" on:click=ask>{crate::i18n::app_words().delete_app}</button>
            {action_status(delete)}
        </section>
    }
}
