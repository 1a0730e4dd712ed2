//! `/console`: the developer console. Create an app (its private key is shown
//! once), manage its redirects, domains, platforms and roles, watch its calls,
//! and read how to send users through Senzu Auth (PKCE code flow recommended).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use senzu_core::api::apps::{App, AppCall, AppSummary, SaveApp, SavePlatform, SaveRole, SaveUrl};
use senzu_core::api::developers::Developer;
use senzu_core::api::user::User;
use senzu_core::api::{Id, Name};
use senzu_core::auth::Role;
use senzu_core::i18n::console::ConsoleWords;
use senzu_core::i18n::fill;
use senzu_core::ApiError;

use crate::api;
use crate::api::apps::UrlKind;
use crate::components::{ApiErrors, ErrorView, TopBar};

/// A word with `` `code` `` parts: each such part in a `<code>`, the rest as text.
fn with_code(text: &'static str) -> impl IntoView {
    text.split('`')
        .enumerate()
        .map(|(i, part)| if i % 2 == 1 { view! { <code>{part}</code> }.into_any() } else { part.into_any() })
        .collect_view()
}

#[component]
fn ConsoleBar() -> impl IntoView {
    let w = crate::i18n::tr::<ConsoleWords>();
    let sign_out = Action::new_local(|_: &()| async move {
        let _ = api::auth::sign_out().await;
        let _ = window().location().set_href("/signin");
    });
    view! {
        <div class="console-bar">
            <a href="/console">{w.title}</a>
            <a href="/docs/api">{w.api_reference}</a>
            <button class="link-button" type="button" on:click=move |_| { sign_out.dispatch(()); }>{w.sign_out}</button>
        </div>
    }
}

/// Who is signed in, whether they are a developer, and their apps.
async fn console_state() -> Result<(User, Option<Developer>, Vec<AppSummary>), ApiError> {
    let me = api::user::me().await?;
    let developer = api::apps::main_developer().await?;
    let apps = match developer {
        Some(_) => api::apps::list().await?,
        None => Vec::new(),
    };
    Ok((me, developer, apps))
}

#[component]
pub fn Console() -> impl IntoView {
    let w = crate::i18n::tr::<ConsoleWords>();
    crate::components::page_title(Some(w.title));
    let state = LocalResource::new(console_state);
    let new_key = RwSignal::new(None::<(i64, String)>);
    let reload = Callback::new(move |_| state.refetch());
    view! {
        <TopBar />
        <main class="page console" data-testid="console">
            <ConsoleBar />
            <Suspense fallback=move || view! { <p class="muted">{w.loading}</p> }>
                <ErrorBoundary fallback=|errors| view! { <ApiErrors errors /> }>
                    {move || Suspend::new(async move {
                        state.await.map(|(me, developer, apps)| {
                            let Some(developer) = developer else {
                                return view! { <BecomeDeveloper me reload /> }.into_any();
                            };
                            view! {
                                <h1>{w.your_apps}</h1>
                                <p class="muted">{fill(w.signed_in_as, &[("email", &me.email.unwrap_or_default())])}</p>
                                {move || new_key.get().map(|(id, key)| view! { <KeyOnce id key /> })}
                                <div class="app-grid">
                                    {apps.into_iter().map(|a| {
                                        view! {
                                            <a class="app-card" href=format!("/console/apps/{}", a.id)>
                                                <strong>{a.display_name}</strong>
                                                <span class="muted">{fill(w.app_card, &[("id", &a.id.to_string())])}</span>
                                            </a>
                                        }
                                    }).collect_view()}
                                </div>
                                <CreateApp reload new_key />
                                <crate::routes::console_plugstore::PlugstorePanel developer=developer.id />
                                <DeveloperProfile developer />
                                <Guide />
                            }.into_any()
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
        </main>
    }
}

#[component]
fn BecomeDeveloper(me: User, reload: Callback<()>) -> impl IntoView {
    let w = crate::i18n::tr::<ConsoleWords>();
    let become_dev = Action::new_local(move |_: &()| async move {
        let became = api::apps::become_developer().await.map(|_| ());
        if became.is_ok() {
            reload.run(());
        }
        became
    });
    let error = move || become_dev.value().get().and_then(Result::err);
    let firstname = match me.firstname {
        senzu_core::api::Patch::Set(name) => name,
        _ => String::new(),
    };
    view! {
        <h1>{w.build_title}</h1>
        // Someone without a first name is greeted without a blank ("Hello ." before).
        <p>{if firstname.trim().is_empty() { w.hello.to_string() } else { fill(w.hello_name, &[("firstname", firstname.trim())]) }} " " {w.build_intro}</p>
        {move || error().map(|error| view! { <ErrorView error /> })}
        <button class="button" type="button" disabled=move || become_dev.pending().get()
            on:click=move |_| { become_dev.dispatch(()); }>{w.become_developer}</button>
    }
}

/// The developer's public profile: the name, contact and site its apps' users see.
#[component]
fn DeveloperProfile(developer: Developer) -> impl IntoView {
    let w = crate::i18n::tr::<ConsoleWords>();
    let name = RwSignal::new(developer.alias_name.clone());
    let email = RwSignal::new(developer.contact_email.clone());
    let url = RwSignal::new(developer.url.clone().unwrap_or_default());
    let save = Action::new_local(move |(n, e, u): &(String, String, String)| {
        let (n, e, u) = (n.clone(), e.clone(), u.clone());
        async move {
            let mut fields = vec![("alias_name", n.as_str()), ("url", u.as_str())];
            if !e.trim().is_empty() {
                fields.push(("contact_email", e.as_str()));
            }
            api::apps::update_developer(&fields).await
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch((name.get_untracked(), email.get_untracked(), url.get_untracked()));
    };
    let status = move || match save.value().get() {
        Some(Ok(_)) => view! { <p class="form-ok" role="status">{w.saved}</p> }.into_any(),
        Some(Err(error)) => view! { <ErrorView error /> }.into_any(),
        None => ().into_any(),
    };
    view! {
        <section class="panel" data-testid="developer-profile">
            <h2>{w.profile_title}</h2>
            <p class="muted">{fill(w.profile_id, &[("id", &developer.id.to_string()), ("reference", &developer.reference)])}</p>
            <form class="form" on:submit=submit>
                <label class="field"><span>{w.profile_shown_as}</span>
                    <input required maxlength="100" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) /></label>
                <label class="field"><span>{w.profile_email}</span>
                    <input type="email" maxlength="254" prop:value=move || email.get() on:input=move |ev| email.set(event_target_value(&ev)) /></label>
                <label class="field"><span>{w.profile_website}</span>
                    <input type="url" maxlength="2000" placeholder="https://" prop:value=move || url.get() on:input=move |ev| url.set(event_target_value(&ev)) /></label>
                <button class="button" type="submit" disabled=move || save.pending().get()>{w.profile_save}</button>
            </form>
            {status}
        </section>
    }
}

/// The private key, shown once: only its hash is stored.
#[component]
fn KeyOnce(id: i64, key: String) -> impl IntoView {
    let w = crate::i18n::tr::<ConsoleWords>();
    // None: not tried yet; Some(false): the browser refused (select the key by hand).
    let copied = RwSignal::new(None::<bool>);
    let to_copy = key.clone();
    let copy = move |_| {
        let written = window().navigator().clipboard().write_text(&to_copy);
        leptos::task::spawn_local(async move {
            copied.set(Some(wasm_bindgen_futures::JsFuture::from(written).await.is_ok()));
        });
    };
    view! {
        <div class="key-once" role="status" data-testid="private-key">
            <p><strong>{fill(w.key_of_app, &[("id", &id.to_string())])}</strong> {w.key_once}</p>
            <code>{key}</code>
            <button class="button button--ghost" type="button" data-testid="copy-key" on:click=copy>
                {move || match copied.get() {
                    Some(true) => w.copied,
                    Some(false) => w.copy_refused,
                    None => w.copy,
                }}
            </button>
        </div>
    }
}

#[component]
fn CreateApp(reload: Callback<()>, new_key: RwSignal<Option<(i64, String)>>) -> impl IntoView {
    let w = crate::i18n::tr::<ConsoleWords>();
    let name = RwSignal::new(String::new());
    let redirect = RwSignal::new(String::new());
    let create = Action::new_local(move |new: &SaveApp| {
        let new = new.clone();
        async move {
            let app = api::apps::create(&new).await?;
            new_key.set(Some((app.id, app.private_key.unwrap_or_default())));
            name.set(String::new());
            redirect.set(String::new());
            reload.run(());
            Ok::<_, ApiError>(())
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let redirects = Some(redirect.get_untracked()).filter(|r| !r.trim().is_empty());
        create.dispatch(SaveApp {
            display_name: Name::new(&name.get_untracked()).ok(),
            redirects,
            ..SaveApp::default()
        });
    };
    let busy = create.pending();
    let error = move || create.value().get().and_then(Result::err);
    view! {
        <section class="panel">
            <h2>{w.create_title}</h2>
            <form class="form form--inline" on:submit=submit>
                <label class="field"><span>{w.create_name}</span>
                    <input required maxlength="100" prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev)) /></label>
                <label class="field"><span>{w.create_redirect}</span>
                    <input type="url" placeholder="https://app.example.com/callback" prop:value=move || redirect.get()
                        on:input=move |ev| redirect.set(event_target_value(&ev)) /></label>
                <button class="button" type="submit" disabled=move || busy.get()>
                    {move || if busy.get() { w.creating } else { w.create }}</button>
            </form>
            {move || error().map(|error| view! { <ErrorView error /> })}
        </section>
    }
}

#[component]
fn Guide() -> impl IntoView {
    let w = crate::i18n::tr::<ConsoleWords>();
    let origin = window().location().origin().unwrap_or_default();
    let code_url = format!(
        "{origin}/auth?id_api_app=APP_ID&roles=basic,user_mail&redirect_url=https%3A%2F%2Fapp.example.com%2Fcallback&response_type=code&code_challenge=BASE64URL_SHA256_OF_VERIFIER&code_challenge_method=S256&state=RANDOM"
    );
    let exchange = format!(
        "curl -X POST {origin}/v1/auth/token \\\n  -d grant_type=authorization_code -d code=CODE -d code_verifier=VERIFIER \\\n  -d id_api_app=APP_ID -d redirect_url=https://app.example.com/callback"
    );
    view! {
        <section class="panel guide">
            <h2>{w.guide_title}</h2>
            <ol>
                <li>{with_code(w.guide_verifier)}</li>
                <li>{w.guide_send} <pre>{code_url}</pre></li>
                <li>{with_code(w.guide_exchange)} <pre>{exchange}</pre></li>
                <li>{with_code(w.guide_call)}</li>
            </ol>
            <p class="muted">{with_code(w.guide_implicit)}</p>
        </section>
    }
}

/// What a standard OAuth 2.0 / OpenID Connect library needs: the discovery URL,
/// the client id and secret, and which scopes there are.
#[component]
fn OpenIdSettings(id: i64) -> impl IntoView {
    let w = crate::i18n::tr::<ConsoleWords>();
    let origin = window().location().origin().unwrap_or_default();
    let discovery = format!("{origin}/.well-known/openid-configuration");
    view! {
        <section class="panel guide" data-testid="openid-settings">
            <h2>{w.openid_title}</h2>
            <dl class="settings">
                <dt>{w.openid_discovery}</dt><dd><code data-testid="discovery-url">{discovery}</code></dd>
                <dt>"client_id"</dt><dd><code>{id}</code></dd>
                <dt>"client_secret"</dt><dd>{w.openid_secret}</dd>
                <dt>{w.openid_scopes}</dt><dd>{with_code(w.openid_scopes_text)}</dd>
            </dl>
            <p class="muted">{w.openid_libraries}</p>
        </section>
    }
}

/// How many of an app's latest calls the console shows.
const RECENT_CALLS: usize = 20;

#[component]
pub fn ConsoleApp() -> impl IntoView {
    let w = crate::i18n::tr::<ConsoleWords>();
    crate::components::page_title(Some(w.title));
    let params = use_params_map();
    // Read inside the resource: moving from one app to another loads the other.
    let app = LocalResource::new(move || {
        let segment = params.get().get("id").unwrap_or_default();
        async move {
            let id: Id = segment.parse().map_err(|_| {
                ApiError::new(senzu_core::ErrorCode::NotFound, format!("no developer app with id {segment}"))
            })?;
            let app = api::apps::get(id).await?;
            let calls = api::apps::calls(id, RECENT_CALLS).await?;
            Ok::<_, ApiError>((app, calls))
        }
    });
    let new_key = RwSignal::new(None::<(i64, String)>);
    let reload = Callback::new(move |_| app.refetch());
    view! {
        <TopBar />
        <main class="page console" data-testid="console-app">
            <ConsoleBar />
            <Suspense fallback=move || view! { <p class="muted">{w.loading}</p> }>
                <ErrorBoundary fallback=|errors| view! { <ApiErrors errors /> }>
                    {move || Suspend::new(async move {
                        app.await.map(|(app, calls)| view! { <AppDetail app calls reload new_key /> })
                    })}
                </ErrorBoundary>
            </Suspense>
        </main>
    }
}

#[component]
fn AppDetail(
    app: App,
    calls: Vec<AppCall>,
    reload: Callback<()>,
    new_key: RwSignal<Option<(i64, String)>>,
) -> impl IntoView {
    let w = crate::i18n::tr::<ConsoleWords>();
    let id = app.id;
    let (settings, name) = (app.clone(), app.display_name.clone());
    let rotate = Action::new_local(move |_: &()| async move {
        let rotated = api::apps::update(id, &SaveApp { private_key: Some("new".into()), ..SaveApp::default() }).await?;
        new_key.set(Some((id, rotated.private_key.unwrap_or_default())));
        Ok::<_, ApiError>(())
    });
    let rotate_error = move || rotate.value().get().and_then(Result::err);
    let urls = |list: Option<Vec<senzu_core::api::apps::AppUrl>>| {
        list.unwrap_or_default().into_iter().map(|u| (u.id, u.url)).collect::<Vec<_>>()
    };
    let (redirects, domains) = (urls(app.redirects), urls(app.domains));
    let platforms: Vec<String> = app.platforms.unwrap_or_default().into_iter().map(|p| p.data.join(", ")).collect();
    let roles: Vec<(String, bool)> =
        app.roles.unwrap_or_default().into_iter().map(|r| (r.alias_role, r.status)).collect();
    view! {
        <h1>{app.display_name}</h1>
        <p class="muted">{w.app_id} <strong data-testid="app-id">{id}</strong> {w.key_ending}
            <code>{app.private_key_hint}</code> " "
            <button class="link-button" type="button" on:click=move |_| { rotate.dispatch(()); }>{w.rotate_key}</button></p>
        {move || rotate_error().map(|error| view! { <ErrorView error /> })}
        {move || new_key.get().map(|(id, key)| view! { <KeyOnce id key /> })}
        <OpenIdSettings id />
        <div class="console-grid">
            <UrlList id kind=UrlKind::Redirects title=w.redirects_title items=redirects reload placeholder="https://app.example.com/callback" />
            <UrlList id kind=UrlKind::Domains title=w.domains_title items=domains reload placeholder="app.example.com" />
            <Platforms id items=platforms reload />
            <Roles id items=roles reload />
        </div>
        <super::console_mails::MailTemplates id />
        <super::console_app::AppSettings app=settings />
        <super::console_app::AppTokensPanel id />
        <super::console_app::CallsLog id first=calls />
        <super::console_app::DeleteApp id name />
    }
}

/// A save of the console: reloads the app when it worked, keeps the error when not.
fn save_then_reload<I: Clone + 'static, F, Fut>(reload: Callback<()>, save: F) -> Action<I, Result<(), ApiError>>
where
    F: Fn(I) -> Fut + Copy + 'static,
    Fut: std::future::Future<Output = Result<(), ApiError>> + 'static,
{
    Action::new_local(move |input: &I| {
        let input = input.clone();
        async move {
            let saved = save(input).await;
            if saved.is_ok() {
                reload.run(());
            }
            saved
        }
    })
}

#[component]
fn UrlList(
    id: i64,
    kind: UrlKind,
    title: &'static str,
    items: Vec<(Id, String)>,
    reload: Callback<()>,
    placeholder: &'static str,
) -> impl IntoView {
    let w = crate::i18n::tr::<ConsoleWords>();
    let url = RwSignal::new(String::new());
    let add = save_then_reload(reload, move |u: String| async move {
        let given = SaveUrl { url: Name::new(&u).ok(), ulr: None };
        match kind {
            UrlKind::Redirects => api::apps::add_redirect(id, &given).await.map(|_| ()),
            UrlKind::Domains => api::apps::add_domain(id, &given).await.map(|_| ()),
        }
    });
    let remove =
        save_then_reload(
            reload,
            move |child: Id| async move { api::apps::remove_url(id, kind, child).await.map(|_| ()) },
        );
    let error = move || add.value().get().and_then(Result::err).or_else(|| remove.value().get().and_then(Result::err));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        add.dispatch(url.get_untracked());
    };
    view! {
        <section class="panel" data-testid=kind.segment()>
            <h2>{title}</h2>
            <ul class="rows">
                {items.into_iter().map(|(child, u)| view! {
                    <li><code>{u}</code>
                        <button class="link-button" type="button" on:click=move |_| { remove.dispatch(child); }>{w.remove}</button></li>
                }).collect_view()}
            </ul>
            <form class="form form--inline" on:submit=submit>
                <input required placeholder=placeholder prop:value=move || url.get() on:input=move |ev| url.set(event_target_value(&ev)) />
                <button class="button" type="submit">{w.add}</button>
            </form>
            {move || error().map(|error| view! { <ErrorView error /> })}
        </section>
    }
}

#[component]
fn Platforms(id: i64, items: Vec<String>, reload: Callback<()>) -> impl IntoView {
    let w = crate::i18n::tr::<ConsoleWords>();
    let names = RwSignal::new(String::new());
    let add = save_then_reload(reload, move |data: String| async move {
        api::apps::add_platform(id, &SavePlatform { data: Some(data) }).await.map(|_| ())
    });
    let error = move || add.value().get().and_then(Result::err);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let list: Vec<String> =
            names.get_untracked().split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
        add.dispatch(serde_json::to_string(&list).unwrap_or_default());
    };
    view! {
        <section class="panel">
            <h2>{w.platforms_title}</h2>
            <ul class="rows">{items.into_iter().map(|p| view! { <li><code>{p}</code></li> }).collect_view()}</ul>
            <form class="form form--inline" on:submit=submit>
                <input required placeholder="web, ios, android" prop:value=move || names.get() on:input=move |ev| names.set(event_target_value(&ev)) />
                <button class="button" type="submit">{w.add}</button>
            </form>
            {move || error().map(|error| view! { <ErrorView error /> })}
        </section>
    }
}

#[component]
fn Roles(id: i64, items: Vec<(String, bool)>, reload: Callback<()>) -> impl IntoView {
    let w = crate::i18n::tr::<ConsoleWords>();
    let lang = w.lang;
    let role = RwSignal::new("basic".to_string());
    let add = save_then_reload(reload, move |alias: String| async move {
        api::apps::add_role(id, &SaveRole { alias_role: Some(alias), daily_quota: None }).await.map(|_| ())
    });
    let error = move || add.value().get().and_then(Result::err);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        add.dispatch(role.get_untracked());
    };
    view! {
        <section class="panel" data-testid="roles">
            <h2>{w.roles_title}</h2>
            <ul class="rows">
                {items.into_iter().map(|(alias, granted)| {
                    let state = if granted { w.role_granted } else { w.role_requested };
                    let description = Role::parse(&alias).map(|r| r.description(lang)).unwrap_or_default();
                    view! { <li title=description><code>{alias}</code>
                        <span class="badge" class:badge--ok=granted>{state}</span></li> }
                }).collect_view()}
            </ul>
            <form class="form form--inline" on:submit=submit>
                <select aria-label=w.role_to_add on:change=move |ev| role.set(event_target_value(&ev))>
                    {Role::ALL.iter().map(|r| view! {
                        <option value=r.alias() title=r.description(lang)>{r.alias()} {if r.available() { "" } else { w.role_on_request }}</option>
                    }).collect_view()}
                </select>
                <button class="button" type="submit">{w.add_role}</button>
            </form>
            {move || error().map(|error| view! { <ErrorView error /> })}
        </section>
    }
}
