//! Applications: the list (and creating one), and the editor — name, alias,
//! subtitle, colour, background, image, password — beside a live phone
//! preview drawn by the play page's own component; plugins, sharing, share
//! links and insights below.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use senzu_core::chmod::Level;
use senzu_core::play::{Background, Color, Play, PlayPlugin};
use senzu_core::plugins::{Kind, Lang};
use serde_json::Value;

use super::charts::InsightsPanel;
use super::plugins::PluginsPanel;
use super::sharing::SharingPanel;
use super::{failure, level_of, Saving, Shell};
use crate::api::{self, items};
use crate::components::text;
use crate::routes::play::PlayScreen;

#[component]
pub fn Applications() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let apps = LocalResource::new(move || {
        version.get();
        async move { api::get_json("/v1/applications?limit=null").await.map(|v| items(&v)) }
    });
    let name = RwSignal::new(String::new());
    let saving = Saving::new();
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked();
        saving.run(async move { api::post_json("/v1/applications", &[("name", &n)]).await }, |app| {
            let _ = window().location().set_href(&format!("/dashboard/applications/{}", text(&app, "id")));
        });
    };
    view! {
        <Shell>
            <div class="dash-head"><h1>"Applications"</h1></div>
            <p class="muted">"An application is what a tap shows: a title, a theme and plugins. Put one on any of your objects."</p>
            <form class="form form--inline panel" on:submit=create data-testid="new-app">
                <label class="field"><span>"New application"</span>
                    <input required maxlength="100" placeholder="My business card" prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev)) /></label>
                <button class="button" type="submit" disabled=move || saving.busy.get()>
                    {move || if saving.busy.get() { "Creating…" } else { "Create" }}</button>
            </form>
            {saving.status()}
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match apps.await {
                        Err(e) => failure(e),
                        Ok(list) => view! {
                            <div class="app-grid" data-testid="applications">
                                {list.into_iter().map(|a| view! {
                                    <a class="app-card" href=format!("/dashboard/applications/{}", text(&a, "id"))>
                                        <strong>{text(&a, "alias_name")}</strong>
                                        <span class="muted">{format!("{} plugin(s)", text(&a, "quantity_plugins"))}
                                            {a["is_locked"].as_bool().unwrap_or(false).then_some(" · locked")}
                                            {(level_of(&a) < Level::Owner).then(|| format!(" · shared ({})", level_of(&a).name(false)))}</span>
                                    </a>
                                }).collect_view()}
                            </div>
                        }.into_any(),
                    }
                })}
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
    pub color: RwSignal<String>,
    pub background: RwSignal<String>,
    pub plugins: RwSignal<Vec<Value>>,
}

impl Draft {
    fn from(app: &Value) -> Self {
        Draft {
            name: RwSignal::new(text(app, "name")),
            alias: RwSignal::new(text(app, "alias_name")),
            subtitle: RwSignal::new(text(app, "subtitle")),
            image: RwSignal::new(text(app, "url_image")),
            color: RwSignal::new(text(app, "color")),
            background: RwSignal::new(text(app, "background_color")),
            plugins: RwSignal::new(Vec::new()),
        }
    }

    /// The play a tap would show now, built with the same rules as the worker's.
    fn play(self, id: i64) -> Play {
        let title = Some(self.alias.get()).filter(|a| !a.trim().is_empty()).unwrap_or_else(|| self.name.get());
        let background = Background::parse(&self.background.get()).unwrap_or_default();
        let plugins = self
            .plugins
            .get()
            .iter()
            .filter(|p| p["is_enabled"].as_bool().unwrap_or(true))
            .filter_map(|p| {
                let kind = Kind::parse(p["kind"].as_str()?)?;
                let name = text(p, "name");
                let locked = p["is_locked"].as_bool().unwrap_or(false);
                let data = p["data"].as_object().cloned().unwrap_or_default();
                let action = if locked { None } else { kind.action(&data, &name) };
                Some(PlayPlugin { id: p["id"].as_i64()?, name, kind, is_locked: locked, action })
            })
            .collect();
        Play {
            id,
            image: Some(self.image.get()).filter(|i| {
                let origin = window().location().origin().unwrap_or_default();
                senzu_core::image::image_url(i, &origin).is_ok()
            }),
            title,
            subtitle: Some(self.subtitle.get()).filter(|s| !s.trim().is_empty()),
            color: Color::parse(&self.color.get()).unwrap_or_default(),
            background_color: background,
            dark: background == Background::Dark,
            plugins,
        }
    }
}

#[component]
pub fn ApplicationPage() -> impl IntoView {
    let id: i64 = use_params_map().get_untracked().get("id").and_then(|i| i.parse().ok()).unwrap_or_default();
    let app = LocalResource::new(move || async move { api::get_json(&format!("/v1/applications/{id}")).await });
    view! {
        <Shell>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match app.await {
                        Err(error) => failure(error),
                        Ok(app) => view! { <Editor app /> }.into_any(),
                    }
                })}
            </Suspense>
        </Shell>
    }
}

#[component]
fn Editor(app: Value) -> impl IntoView {
    let id = app["id"].as_i64().unwrap_or_default();
    let mine = level_of(&app);
    let draft = Draft::from(&app);
    let locked = RwSignal::new(app["is_locked"].as_bool().unwrap_or(false));
    view! {
        <div class="dash-head">
            <h1 data-testid="app-title">{move || draft.play(id).title}</h1>
            <span class="muted">"your rights: " {mine.name(false)}</span>
        </div>
        <div class="editor">
            <div class="editor__main">
                {if mine >= Level::Admin {
                    view! { <AppForm id draft locked /> }.into_any()
                } else {
                    view! { <p class="notice">"You can see this application; its settings are for its admins."</p> }.into_any()
                }}
                <PluginsPanel id mine draft />
                <SharingPanel kind="applications" id mine />
                {(mine >= Level::Admin).then(|| view! { <ShareLinks id /> })}
                <InsightsPanel kind="applications" id />
                {(mine == Level::Owner).then(|| view! { <DeleteApp id /> })}
            </div>
            <aside class="editor__preview" aria-label="Preview">
                <div class="phone" data-testid="preview">
                    {move || view! { <PlayScreen play=draft.play(id) lang=Lang::En segment=String::new() /> }}
                </div>
                <p class="muted small">"Live preview: what a tap shows."</p>
            </aside>
        </div>
    }
}

const COLORS: [&str; 5] = ["green", "blue", "red", "purple", "orange"];

#[component]
fn AppForm(id: i64, draft: Draft, locked: RwSignal<bool>) -> impl IntoView {
    let password = RwSignal::new(String::new());
    let saving = Saving::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let fields = [
            ("name", draft.name.get_untracked()),
            ("alias_name", draft.alias.get_untracked()),
            ("subtitle", draft.subtitle.get_untracked()),
            ("color", draft.color.get_untracked()),
            ("background_color", draft.background.get_untracked()),
            ("url_image", draft.image.get_untracked()),
            ("password", password.get_untracked()),
        ];
        saving.run(
            async move {
                // The same rule the worker applies (https, or exactly /files/{name}), before the round trip.
                let origin = window().location().origin().unwrap_or_default();
                let image = fields.iter().find(|(k, _)| *k == "url_image").map(|(_, v)| v.as_str()).unwrap_or_default();
                if let (false, Err(why)) = (image.is_empty(), senzu_core::image::image_url(image, &origin)) {
                    return Err(senzu_core::ApiError::new(
                        senzu_core::ErrorCode::BadArgument,
                        format!("bad argument: url_image: {why}"),
                    ));
                }
                let sent: Vec<(&str, &str)> = fields
                    .iter()
                    .filter(|(k, v)| !v.is_empty() || *k == "subtitle")
                    .map(|(k, v)| (*k, v.as_str()))
                    .collect();
                api::post_json(&format!("/v1/applications/{id}"), &sent).await
            },
            move |app| {
                password.set(String::new());
                locked.set(app["is_locked"].as_bool().unwrap_or(false));
            },
        );
    };
    let unlock = move |_| {
        saving.run(
            async move { api::post_json(&format!("/v1/applications/{id}"), &[("is_locked", "false")]).await },
            move |_| locked.set(false),
        );
    };
    // An uploaded image: stored as a file, then set as the application's image.
    let uploading = Saving::new();
    let upload = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        let Ok(form) = web_sys::FormData::new() else { return };
        let _ = form.append_with_str("name", &file.name());
        let _ = form.append_with_blob("source", &file);
        uploading.run(
            async move {
                let stored = api::upload("/v1/files", form).await?;
                let id_file = text(&stored, "id");
                api::post_json(&format!("/v1/applications/{id}"), &[("id_image", &id_file)]).await
            },
            move |app| draft.image.set(text(&app, "url_image")),
        );
    };
    let field_error = move |name: &'static str| {
        let e = saving.field_error(name);
        move || e().map(|m| view! { <small class="field__error">{m}</small> })
    };
    view! {
        <section class="panel">
            <h2>"Settings"</h2>
            <form class="form" on:submit=submit data-testid="app-form">
                <div class="form__row">
                    <label class="field"><span>"Name"</span>
                        <input required maxlength="100" prop:value=move || draft.name.get()
                            on:input=move |ev| draft.name.set(event_target_value(&ev)) />{field_error("name")}</label>
                    <label class="field"><span>"Title shown (alias)"</span>
                        <input maxlength="100" prop:value=move || draft.alias.get()
                            on:input=move |ev| draft.alias.set(event_target_value(&ev)) />{field_error("alias_name")}</label>
                </div>
                <label class="field"><span>"Subtitle"</span>
                    <input maxlength="200" prop:value=move || draft.subtitle.get()
                        on:input=move |ev| draft.subtitle.set(event_target_value(&ev)) />{field_error("subtitle")}</label>
                <div class="form__row">
                    <label class="field"><span>"Image: upload (PNG, JPEG, GIF, WebP, 2 MB)"</span>
                        <input type="file" accept="image/png,image/jpeg,image/gif,image/webp" on:change=upload data-testid="image-upload" />
                        {move || if uploading.busy.get() { Some(view! { <small class="field__hint">"Uploading…"</small> }) } else { None }}
                        {move || uploading.error.get().map(|e| view! { <small class="field__error" role="alert">{e.message}</small> })}</label>
                    <label class="field"><span>"…or an https address"</span>
                        <input type="text" inputmode="url" maxlength="500" placeholder="https://…" prop:value=move || draft.image.get()
                            on:input=move |ev| draft.image.set(event_target_value(&ev)) />{field_error("url_image")}</label>
                </div>
                <fieldset class="field swatches"><legend>"Colour"</legend>
                    {COLORS.iter().map(|c| view! {
                        <label class="swatch" data-color=*c title=*c>
                            <input type="radio" name="color" value=*c prop:checked=move || draft.color.get() == *c
                                on:change=move |_| draft.color.set(c.to_string()) /><span>{*c}</span></label>
                    }).collect_view()}
                </fieldset>
                <fieldset class="field segmented"><legend>"Background"</legend>
                    {[("light", "Light"), ("dark", "Dark"), ("auto", "Auto (dark at night)")].into_iter().map(|(v, l)| view! {
                        <label><input type="radio" name="background" value=v prop:checked=move || draft.background.get() == v
                            on:change=move |_| draft.background.set(v.to_string()) /><span>{l}</span></label>
                    }).collect_view()}
                </fieldset>
                <label class="field"><span>{move || if locked.get() { "New password (the app is locked)" } else { "Password (locks the app)" }}</span>
                    <input type="password" autocomplete="new-password" minlength="4" prop:value=move || password.get()
                        on:input=move |ev| password.set(event_target_value(&ev)) />{field_error("password")}</label>
                {move || locked.get().then(|| view! {
                    <button class="link-button" type="button" on:click=unlock>"Remove the password"</button>
                })}
                <button class="button" type="submit" disabled=move || saving.busy.get()>
                    {move || if saving.busy.get() { "Saving…" } else { "Save" }}</button>
                {saving.status()}
            </form>
        </section>
    }
}

#[component]
fn ShareLinks(id: i64) -> impl IntoView {
    let version = RwSignal::new(0u32);
    let links = LocalResource::new(move || {
        version.get();
        async move { api::get_json(&format!("/v1/applications/{id}/shares")).await.map(|v| items(&v)) }
    });
    let expiry = RwSignal::new("604800".to_string());
    let saving = Saving::new();
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let e = expiry.get_untracked();
        saving.run(
            async move {
                let fields: Vec<(&str, &str)> =
                    if e.is_empty() { vec![] } else { vec![("expiration_time", e.as_str())] };
                api::post_json(&format!("/v1/applications/{id}/shares"), &fields).await
            },
            move |_| version.update(|v| *v += 1),
        );
    };
    view! {
        <section class="panel" data-testid="share-links">
            <h2>"Share links"</h2>
            <p class="muted">"A link that opens this application without the object, until it expires or you turn it off."</p>
            <form class="form form--inline" on:submit=create>
                <label class="field field--narrow"><span>"Valid for"</span>
                    <select on:change=move |ev| expiry.set(event_target_value(&ev)) prop:value=move || expiry.get()>
                        <option value="3600">"1 hour"</option>
                        <option value="86400">"1 day"</option>
                        <option value="604800">"7 days"</option>
                        <option value="2592000">"30 days"</option>
                        <option value="">"No end"</option>
                    </select></label>
                <button class="button" type="submit" disabled=move || saving.busy.get()>"Create a link"</button>
            </form>
            {saving.status()}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match links.await {
                        Err(e) => view! { <p class="form-error">{e.message}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="rows">{list.into_iter().map(|l| view! { <ShareLinkRow l version /> }).collect_view()}</ul>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ShareLinkRow(l: Value, version: RwSignal<u32>) -> impl IntoView {
    let id = l["id"].as_i64().unwrap_or_default();
    let enabled = l["is_enabled"].as_bool().unwrap_or(false);
    let expired = l["is_expired"].as_bool().unwrap_or(false);
    let until = l["date_expired"]["date"].as_str().map(|d| format!("until {} UTC", &d[..16.min(d.len())]));
    let saving = Saving::new();
    let toggle = move |_| {
        let next = if enabled { "false" } else { "true" };
        saving.run(
            async move { api::post_json(&format!("/v1/shares/{id}"), &[("is_enabled", next)]).await },
            move |_| version.update(|v| *v += 1),
        );
    };
    let remove = move |_| {
        saving.run(async move { api::delete_json(&format!("/v1/shares/{id}")).await }, move |_| {
            version.update(|v| *v += 1)
        });
    };
    view! {
        <li>
            <span><a href=text(&l, "url") target="_blank" rel="noopener"><code>{text(&l, "url")}</code></a> " "
                <span class="muted small">{until.unwrap_or_else(|| "no end".into())}</span>
                {expired.then(|| view! { " " <span class="badge">"Expired"</span> })}
                {(!enabled).then(|| view! { " " <span class="badge">"Off"</span> })}</span>
            <span>
                <button class="link-button" type="button" on:click=toggle>{if enabled { "Turn off" } else { "Turn on" }}</button> " "
                <button class="link-button" type="button" on:click=remove>"Delete"</button>
            </span>
        </li>
    }
}

#[component]
fn DeleteApp(id: i64) -> impl IntoView {
    let saving = Saving::new();
    let delete = move |_| {
        if !window().confirm_with_message("Delete this application and its plugins for everyone?").unwrap_or(false) {
            return;
        }
        saving.run(async move { api::delete_json(&format!("/v1/applications/{id}")).await }, |_| {
            let _ = window().location().set_href("/dashboard/applications");
        });
    };
    view! {
        <section class="panel panel--danger">
            <button class="button button--danger" type="button" on:click=delete>"Delete this application"</button>
            {saving.status()}
        </section>
    }
}
