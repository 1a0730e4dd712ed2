//! `/auth`: the Senzu Auth consent screen. A developer app sends the user here
//! with `id_api_app`, `roles`, `redirect_url` (and `cancel_url`, `expires_in`,
//! or the PKCE code flow's `response_type=code&code_challenge=…`). The worker
//! checks every argument; when it refuses, this page says so and sends the
//! browser nowhere.

use leptos::prelude::*;
use leptos::task::spawn_local;
use senzu_core::plugins::Lang;
use serde_json::Value;

use super::signin::{browser_lang, AuthForms};
use crate::api;
use crate::components::ErrorView;

struct ConsentWords {
    wants: &'static str,
    signed_in_as: &'static str,
    not_you: &'static str,
    allow: &'static str,
    cancel: &'static str,
    invalid: &'static str,
    invalid_text: &'static str,
    cancelled: &'static str,
    sign_in_first: &'static str,
    never_expires: &'static str,
    expires_days: &'static str,
    loading: &'static str,
}

fn words(lang: Lang) -> &'static ConsentWords {
    match lang {
        Lang::Fr => &ConsentWords {
            wants: "souhaite accéder à votre compte Senzu pour :",
            signed_in_as: "Connecté en tant que",
            not_you: "Ce n'est pas vous ?",
            allow: "Autoriser",
            cancel: "Annuler",
            invalid: "Cette demande de connexion n'est pas valide",
            invalid_text: "Vous n'avez pas été redirigé. Vous pouvez fermer cette fenêtre.",
            cancelled: "Demande annulée. Vous pouvez fermer cette fenêtre.",
            sign_in_first: "Connectez-vous pour continuer",
            never_expires: "Cet accès n'expire pas ; vous pouvez le révoquer à tout moment.",
            expires_days: "Cet accès expire dans (jours) :",
            loading: "Chargement…",
        },
        Lang::En => &ConsentWords {
            wants: "wants to access your Senzu account to:",
            signed_in_as: "Signed in as",
            not_you: "Not you?",
            allow: "Allow",
            cancel: "Cancel",
            invalid: "This sign-in request is not valid",
            invalid_text: "You were not redirected. You can close this window.",
            cancelled: "Request cancelled. You can close this window.",
            sign_in_first: "Sign in to continue",
            never_expires: "This access does not expire; you can revoke it at any time.",
            expires_days: "This access expires in (days):",
            loading: "Loading…",
        },
    }
}

/// The query exactly as the developer app sent it, forwarded to the worker.
fn search() -> String {
    window().location().search().unwrap_or_default()
}

#[component]
pub fn Consent() -> impl IntoView {
    let lang = browser_lang();
    let w = words(lang);
    let info = LocalResource::new(move || async move { api::get_json(&format!("/v1/auth/consent{}", search())).await });
    let cancelled = RwSignal::new(false);
    view! {
        <main class="auth-page">
            // The consent screen stands alone (no navigation away), but says whose it is.
            <p class="auth-brand"><img src="/static/icon.svg" alt="" width="28" height="28" />"Senzu Auth"</p>
            <section class="auth-card" data-testid="consent">
                <Show when=move || !cancelled.get() fallback=move || view! { <p class="notice">{w.cancelled}</p> }>
                    <Suspense fallback=move || view! { <p class="muted">{w.loading}</p> }>
                        {move || Suspend::new(async move {
                            match info.await {
                                Err(error) => view! {
                                    <h1 class="auth-card__title">{w.invalid}</h1>
                                    <ErrorView error />
                                    <p class="muted">{w.invalid_text}</p>
                                }.into_any(),
                                Ok(data) => view! { <ConsentBody data lang info cancelled /> }.into_any(),
                            }
                        })}
                    </Suspense>
                </Show>
            </section>
        </main>
    }
}

#[component]
fn ConsentBody(
    data: Value,
    lang: Lang,
    info: LocalResource<Result<Value, senzu_core::ApiError>>,
    cancelled: RwSignal<bool>,
) -> impl IntoView {
    let w = words(lang);
    let app_name = data["app"]["display_name"].as_str().unwrap_or_default().to_string();
    let image = data["app"]["url_image"].as_str().map(str::to_string);
    let initial = app_name.chars().next().unwrap_or('?').to_uppercase().to_string();
    let roles: Vec<(String, String)> = data["roles"]
        .as_array()
        .map(|r| {
            r.iter()
                .map(|r| {
                    (
                        r["alias"].as_str().unwrap_or_default().into(),
                        r["description"].as_str().unwrap_or_default().into(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let signed_in = data["signed_in"].as_bool().unwrap_or(false);
    let expiry = match data["expires_in"].as_i64() {
        None => w.never_expires.to_string(),
        Some(s) => format!("{} {}", w.expires_days, (s + 86_399) / 86_400),
    };
    let header = view! {
        <div class="consent-app">
            {match image {
                Some(src) => view! { <img class="consent-app__image" src=src alt="" /> }.into_any(),
                None => view! { <span class="consent-app__image consent-app__image--letter" aria-hidden="true">{initial}</span> }.into_any(),
            }}
            <h1 class="auth-card__title"><strong>{app_name}</strong> " " <span class="muted">{w.wants}</span></h1>
        </div>
        <ul class="consent-roles">
            {roles.into_iter().map(|(alias, text)| view! {
                <li data-role=alias><span class="consent-roles__check" aria-hidden="true">"✓"</span>{text}</li>
            }).collect_view()}
        </ul>
        <p class="muted consent-expiry">{expiry}</p>
    };
    if !signed_in {
        let on_signed_in = Callback::new(move |_| info.refetch());
        return view! {
            {header}
            <h2>{w.sign_in_first}</h2>
            <AuthForms lang on_signed_in />
        }
        .into_any();
    }
    let email = data["user"]["email"].as_str().unwrap_or_default().to_string();
    let csrf = data["csrf"].as_str().unwrap_or_default().to_string();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<senzu_core::ApiError>);
    let answer = move |grant: bool| {
        let csrf = csrf.clone();
        busy.set(true);
        spawn_local(async move {
            let grant_text = if grant { "true" } else { "false" };
            let url = format!("/v1/auth/consent{}", search());
            match api::post_json(&url, &[("grant", grant_text), ("csrf", &csrf)]).await {
                Ok(v) => match v["redirect"].as_str() {
                    Some(target) => {
                        let _ = window().location().set_href(target);
                    }
                    None => cancelled.set(true),
                },
                Err(e) => {
                    error.set(Some(e));
                    busy.set(false);
                }
            }
        });
    };
    let allow = answer.clone();
    let sign_out = move |_| {
        spawn_local(async move {
            let _ = api::sign_out().await;
            info.refetch();
        });
    };
    view! {
        {header}
        <p class="consent-user">{w.signed_in_as} " " <strong>{email}</strong> " · "
            <button class="link-button" type="button" on:click=sign_out>{w.not_you}</button></p>
        {move || error.get().map(|error| view! { <ErrorView error /> })}
        <div class="consent-actions">
            <button class="button button--ghost" type="button" disabled=move || busy.get()
                on:click=move |_| answer(false)>{w.cancel}</button>
            <button class="button" type="button" data-testid="allow" disabled=move || busy.get()
                on:click=move |_| allow(true)>{w.allow}</button>
        </div>
    }
    .into_any()
}
