//! `/console`: the developer console. Create an app (its private key is shown
//! once), manage its redirects, domains, platforms and roles, watch its calls,
//! and read how to send users through Senzu Auth (PKCE code flow recommended).

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use senzu_core::auth::Role;
use senzu_core::plugins::Lang;
use senzu_core::{ApiError, ErrorCode};
use serde_json::Value;

use crate::api::{self, items};
use crate::components::{needs_sign_in, text, ErrorView, TopBar};

#[component]
fn ConsoleBar() -> impl IntoView {
    let sign_out = move |_| {
        spawn_local(async move {
            let _ = api::sign_out().await;
            let _ = window().location().set_href("/signin");
        });
    };
    view! {
        <div class="console-bar">
            <a href="/console">"Developer console"</a>
            <a href="/docs/api">"API reference"</a>
            <button class="link-button" type="button" on:click=sign_out>"Sign out"</button>
        </div>
    }
}

#[component]
pub fn Console() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let state = LocalResource::new(move || {
        version.get();
        async move {
            let me = api::me().await?;
            let developer = match api::get_json("/v1/developers/main").await {
                Ok(d) => Some(d),
                Err(e) if e.kind() == Some(ErrorCode::NotFound) => None,
                Err(e) => return Err(e),
            };
            let apps = match developer {
                Some(_) => items(&api::get_json("/v1/developers/main/apps").await?),
                None => Vec::new(),
            };
            Ok::<_, ApiError>((me, developer.is_some(), apps))
        }
    });
    let new_key = RwSignal::new(None::<(i64, String)>);
    view! {
        <TopBar />
        <main class="page console" data-testid="console">
            <ConsoleBar />
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match state.await {
                        Err(error) if needs_sign_in(&error) => ().into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok((me, false, _)) => view! { <BecomeDeveloper me version /> }.into_any(),
                        Ok((me, true, apps)) => view! {
                            <h1>"Your apps"</h1>
                            <p class="muted">"Signed in as " {me.email.unwrap_or_default()}</p>
                            {move || new_key.get().map(|(id, key)| view! { <KeyOnce id key /> })}
                            <div class="app-grid">
                                {apps.into_iter().map(|a| {
                                    let href = format!("/console/apps/{}", text(&a, "id"));
                                    view! {
                                        <a class="app-card" href=href>
                                            <strong>{text(&a, "display_name")}</strong>
                                            <span class="muted">"App " {text(&a, "id")}</span>
                                        </a>
                                    }
                                }).collect_view()}
                            </div>
                            <CreateApp version new_key />
                            <Guide />
                        }.into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn BecomeDeveloper(me: api::Me, version: RwSignal<u32>) -> impl IntoView {
    let error = RwSignal::new(None::<ApiError>);
    let become_dev = move |_| {
        spawn_local(async move {
            match api::post_json("/v1/developers", &[]).await {
                Ok(_) => version.update(|v| *v += 1),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <h1>"Build on Senzu"</h1>
        <p>"Hello " {me.firstname.unwrap_or_default()} ". A developer account lets you register apps that "
           "sign users in with Senzu Auth and call the API with their consent."</p>
        {move || error.get().map(|error| view! { <ErrorView error /> })}
        <button class="button" type="button" on:click=become_dev>"Become a developer"</button>
    }
}

/// The private key, shown once: only its hash is stored.
#[component]
fn KeyOnce(id: i64, key: String) -> impl IntoView {
    view! {
        <div class="key-once" role="status" data-testid="private-key">
            <p><strong>"Private key of app " {id}</strong> " — copy it now: it is stored as a hash and will not be shown again."</p>
            <code>{key}</code>
        </div>
    }
}

#[component]
fn CreateApp(version: RwSignal<u32>, new_key: RwSignal<Option<(i64, String)>>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let redirect = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let (n, r) = (name.get_untracked(), redirect.get_untracked());
            match api::post_json("/v1/developers/main/apps", &[("display_name", &n), ("redirects", &r)]).await {
                Ok(app) => {
                    new_key.set(Some((app["id"].as_i64().unwrap_or_default(), text(&app, "private_key"))));
                    name.set(String::new());
                    redirect.set(String::new());
                    version.update(|v| *v += 1);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="panel">
            <h2>"Create an app"</h2>
            <form class="form form--inline" on:submit=submit>
                <label class="field"><span>"Name"</span>
                    <input required maxlength="100" prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev)) /></label>
                <label class="field"><span>"Redirect URL"</span>
                    <input type="url" placeholder="https://app.example.com/callback" prop:value=move || redirect.get()
                        on:input=move |ev| redirect.set(event_target_value(&ev)) /></label>
                <button class="button" type="submit" disabled=move || busy.get()>
                    {move || if busy.get() { "Creating…" } else { "Create" }}</button>
            </form>
            {move || error.get().map(|error| view! { <ErrorView error /> })}
        </section>
    }
}

#[component]
fn Guide() -> impl IntoView {
    let origin = window().location().origin().unwrap_or_default();
    let code_url = format!(
        "{origin}/auth?id_api_app=APP_ID&roles=basic,user_mail&redirect_url=https%3A%2F%2Fapp.example.com%2Fcallback&response_type=code&code_challenge=BASE64URL_SHA256_OF_VERIFIER&code_challenge_method=S256&state=RANDOM"
    );
    let exchange = format!(
        "curl -X POST {origin}/v1/auth/token \\\n  -d grant_type=authorization_code -d code=CODE -d code_verifier=VERIFIER \\\n  -d id_api_app=APP_ID -d redirect_url=https://app.example.com/callback"
    );
    view! {
        <section class="panel guide">
            <h2>"Signing users in — recommended: authorization code with PKCE"</h2>
            <ol>
                <li>"Make a random " <code>"code_verifier"</code> " (43–128 characters) and keep it; its "
                    <code>"code_challenge"</code> " is BASE64URL(SHA-256(verifier)). Only " <code>"S256"</code> " is accepted."</li>
                <li>"Send the user to the consent screen:" <pre>{code_url}</pre></li>
                <li>"Senzu redirects to your registered URL with " <code>"?code=…&state=…"</code>
                    ". Check " <code>"state"</code> ", then exchange the code within 10 minutes, once:" <pre>{exchange}</pre></li>
                <li>"Call the API with " <code>"Authorization: Bearer <token>"</code> ". A code used twice revokes the token it gave."</li>
            </ol>
            <p class="muted">"The documented implicit flow (" <code>"redirect_url?token=…"</code>
                ") still works, but a token in a URL leaks through history and referrers. Redirect URLs match exactly; "
                "only a loopback (127.0.0.1, localhost, [::1]) redirect may change port."</p>
        </section>
    }
}

#[component]
pub fn ConsoleApp() -> impl IntoView {
    let params = use_params_map();
    let id = params.get_untracked().get("id").unwrap_or_default();
    let version = RwSignal::new(0u32);
    let key = id.clone();
    let app = LocalResource::new(move || {
        version.get();
        let id = key.clone();
        async move {
            let app = api::get_json(&format!("/v1/apps/{id}")).await?;
            let calls = items(&api::get_json(&format!("/v1/apps/{id}/calls?limit=20")).await?);
            Ok::<_, ApiError>((app, calls))
        }
    });
    let new_key = RwSignal::new(None::<(i64, String)>);
    view! {
        <TopBar />
        <main class="page console" data-testid="console-app">
            <ConsoleBar />
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match app.await {
                        Err(error) if needs_sign_in(&error) => ().into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok((app, calls)) => view! { <AppDetail app calls version new_key /> }.into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn AppDetail(
    app: Value,
    calls: Vec<Value>,
    version: RwSignal<u32>,
    new_key: RwSignal<Option<(i64, String)>>,
) -> impl IntoView {
    let id = app["id"].as_i64().unwrap_or_default();
    let list = |key: &str| app[key].as_array().cloned().unwrap_or_default();
    let rotate = move |_| {
        spawn_local(async move {
            if let Ok(a) = api::post_json(&format!("/v1/apps/{id}"), &[("private_key", "new")]).await {
                new_key.set(Some((id, text(&a, "private_key"))));
            }
        });
    };
    view! {
        <h1>{text(&app, "display_name")}</h1>
        <p class="muted">"App id " <strong data-testid="app-id">{id}</strong> " · private key ending in "
            <code>{text(&app, "private_key_hint")}</code> " "
            <button class="link-button" type="button" on:click=rotate>"Rotate key"</button></p>
        {move || new_key.get().map(|(id, key)| view! { <KeyOnce id key /> })}
        <div class="console-grid">
            <UrlList id kind="redirects" title="Redirect URLs" items=list("redirects") version placeholder="https://app.example.com/callback" />
            <UrlList id kind="domains" title="Domains" items=list("domains") version placeholder="app.example.com" />
            <Platforms id items=list("platforms") version />
            <Roles id items=list("roles") version />
        </div>
        <section class="panel">
            <h2>"Recent calls"</h2>
            {if calls.is_empty() {
                view! { <p class="muted">"No call yet."</p> }.into_any()
            } else {
                view! {
                    <table class="calls">
                        <thead><tr><th>"When (UTC)"</th><th>"Method"</th><th>"Route"</th><th>"Status"</th></tr></thead>
                        <tbody>{calls.into_iter().map(|c| view! {
                            <tr><td>{c["date_created"]["date"].as_str().unwrap_or_default().chars().take(19).collect::<String>()}</td>
                                <td>{text(&c, "method")}</td><td><code>{text(&c, "route")}</code></td><td>{text(&c, "status")}</td></tr>
                        }).collect_view()}</tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

fn reload_after(
    version: RwSignal<u32>,
    error: RwSignal<Option<ApiError>>,
    fut: impl std::future::Future<Output = Result<Value, ApiError>> + 'static,
) {
    spawn_local(async move {
        match fut.await {
            Ok(_) => version.update(|v| *v += 1),
            Err(e) => error.set(Some(e)),
        }
    });
}

#[component]
fn UrlList(
    id: i64,
    kind: &'static str,
    title: &'static str,
    items: Vec<Value>,
    version: RwSignal<u32>,
    placeholder: &'static str,
) -> impl IntoView {
    let url = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let add =
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let u = url.get_untracked();
            reload_after(version, error, async move {
                api::post_json(&format!("/v1/apps/{id}/{kind}"), &[("url", &u)]).await
            });
        };
    view! {
        <section class="panel" data-testid=kind>
            <h2>{title}</h2>
            <ul class="rows">
                {items.into_iter().map(|item| {
                    let child = text(&item, "id");
                    let remove = move |_| {
                        let child = child.clone();
                        reload_after(version, error, async move { api::delete_json(&format!("/v1/apps/{id}/{kind}/{child}")).await });
                    };
                    view! { <li><code>{text(&item, "url")}</code>
                        <button class="link-button" type="button" on:click=remove>"Remove"</button></li> }
                }).collect_view()}
            </ul>
            <form class="form form--inline" on:submit=add>
                <input required placeholder=placeholder prop:value=move || url.get() on:input=move |ev| url.set(event_target_value(&ev)) />
                <button class="button" type="submit">"Add"</button>
            </form>
            {move || error.get().map(|error| view! { <ErrorView error /> })}
        </section>
    }
}

#[component]
fn Platforms(id: i64, items: Vec<Value>, version: RwSignal<u32>) -> impl IntoView {
    let names = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let list: Vec<String> =
            names.get_untracked().split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
        let data = serde_json::to_string(&list).unwrap_or_default();
        reload_after(version, error, async move {
            api::post_json(&format!("/v1/apps/{id}/platforms"), &[("data", &data)]).await
        });
    };
    view! {
        <section class="panel">
            <h2>"Platforms"</h2>
            <ul class="rows">{items.into_iter().map(|p| view! { <li><code>{p["data"].to_string()}</code></li> }).collect_view()}</ul>
            <form class="form form--inline" on:submit=add>
                <input required placeholder="web, ios, android" prop:value=move || names.get() on:input=move |ev| names.set(event_target_value(&ev)) />
                <button class="button" type="submit">"Add"</button>
            </form>
            {move || error.get().map(|error| view! { <ErrorView error /> })}
        </section>
    }
}

#[component]
fn Roles(id: i64, items: Vec<Value>, version: RwSignal<u32>) -> impl IntoView {
    let role = RwSignal::new("basic".to_string());
    let error = RwSignal::new(None::<ApiError>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let r = role.get_untracked();
        reload_after(version, error, async move {
            api::post_json(&format!("/v1/apps/{id}/roles"), &[("alias_role", &r)]).await
        });
    };
    view! {
        <section class="panel" data-testid="roles">
            <h2>"Roles"</h2>
            <ul class="rows">
                {items.into_iter().map(|r| {
                    let granted = r["status"].as_bool().unwrap_or(false);
                    let state = if granted { "granted" } else { "requested — waiting for Senzu" };
                    let description = Role::parse(r["alias_role"].as_str().unwrap_or_default()).map(|r| r.description(Lang::En)).unwrap_or_default();
                    view! { <li title=description><code>{text(&r, "alias_role")}</code>
                        <span class="badge" class:badge--ok=granted>{state}</span></li> }
                }).collect_view()}
            </ul>
            <form class="form form--inline" on:submit=add>
                <select on:change=move |ev| role.set(event_target_value(&ev))>
                    {Role::ALL.iter().map(|r| view! {
                        <option value=r.alias()>{r.alias()} {if r.available() { "" } else { " (on request)" }}</option>
                    }).collect_view()}
                </select>
                <button class="button" type="submit">"Add role"</button>
            </form>
            {move || error.get().map(|error| view! { <ErrorView error /> })}
        </section>
    }
}
