//! `/auth`: the Senzu Auth consent screen. A developer app sends the user here
//! with `id_api_app`, `roles`, `redirect_url` (and `cancel_url`, `expires_in`,
//! or the PKCE code flow's `response_type=code&code_challenge=…`). The worker
//! checks every argument; when it refuses, this page says so and sends the
//! browser nowhere.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use senzu_core::api::auth::{ConsentAnswer, ConsentInfo, ConsentRequest};
use senzu_core::api::Name;
use senzu_core::plugins::Lang;
use senzu_core::{ApiError, ErrorCode};

use super::signin::AuthForms;
use crate::api;
use crate::components::{ApiErrors, ErrorView};

use senzu_core::i18n::consent::ConsentWords;

fn words(lang: Lang) -> &'static ConsentWords {
    ConsentWords::of(lang)
}

/// The developer app's request, as it sent it (the worker checks every argument).
fn consent_request() -> Result<ConsentRequest, ApiError> {
    let q = use_query_map().get_untracked();
    let state = match q.get("state").filter(|s| !s.trim().is_empty()) {
        Some(s) => Some(
            Name::new(&s)
                .map_err(|why| ApiError::new(ErrorCode::BadArgument, format!("bad argument: state: {why}")))?,
        ),
        None => None,
    };
    let nonce = match q.get("nonce").filter(|s| !s.trim().is_empty()) {
        Some(s) => Some(
            Name::new(&s)
                .map_err(|why| ApiError::new(ErrorCode::BadArgument, format!("bad argument: nonce: {why}")))?,
        ),
        None => None,
    };
    Ok(ConsentRequest {
        id_api_app: q.get("id_api_app"),
        client_id: q.get("client_id"),
        redirect_uri: q.get("redirect_uri"),
        scope: q.get("scope"),
        nonce,
        roles: q.get("roles"),
        redirect_url: q.get("redirect_url"),
        cancel_url: q.get("cancel_url"),
        expires_in: q.get("expires_in"),
        response_type: q.get("response_type"),
        code_challenge: q.get("code_challenge"),
        code_challenge_method: q.get("code_challenge_method"),
        state,
    })
}

#[component]
pub fn Consent() -> impl IntoView {
    let lang = crate::i18n::page_lang();
    let w = words(lang);
    crate::components::page_title(Some(w.page_title));
    let asked = consent_request();
    let request = asked.clone();
    let info = LocalResource::new(move || {
        let asked = request.clone();
        async move { api::auth::consent_info(&asked?).await }
    });
    let cancelled = RwSignal::new(false);
    let asked = StoredValue::new(asked.unwrap_or_default());
    view! {
        <main class="auth-page">
            // The consent screen stands alone (no navigation away), but says whose it is.
            <p class="auth-brand"><img src="/static/icon.svg" alt="" width="28" height="28" />"Senzu Auth"</p>
            <section class="auth-card" data-testid="consent">
                <Show when=move || !cancelled.get() fallback=move || view! { <p class="notice">{w.cancelled}</p> }>
                    <Suspense fallback=move || view! { <p class="muted">{w.loading}</p> }>
                        <ErrorBoundary fallback=move |errors| view! {
                            <h1 class="auth-card__title">{w.invalid}</h1>
                            <ApiErrors errors />
                            <p class="muted">{w.invalid_text}</p>
                        }>
                            {move || Suspend::new(async move {
                                let asked = asked.get_value();
                                info.await.map(|data| view! { <ConsentBody data asked lang info cancelled /> })
                            })}
                        </ErrorBoundary>
                    </Suspense>
                </Show>
            </section>
        </main>
    }
}

#[component]
fn ConsentBody(
    data: ConsentInfo,
    asked: ConsentRequest,
    lang: Lang,
    info: LocalResource<Result<ConsentInfo, ApiError>>,
    cancelled: RwSignal<bool>,
) -> impl IntoView {
    let w = words(lang);
    let app_name = data.app.display_name.clone();
    let image = data.app.url_image.clone();
    let initial = app_name.chars().next().unwrap_or('?').to_uppercase().to_string();
    let roles: Vec<(String, String)> = data.roles.iter().map(|r| (r.alias.clone(), r.description.clone())).collect();
    let expiry = match data.expires_in {
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
    if !data.signed_in {
        let on_signed_in = Callback::new(move |_| info.refetch());
        return view! {
            {header}
            <h2>{w.sign_in_first}</h2>
            <AuthForms lang on_signed_in />
        }
        .into_any();
    }
    let email = data.user.map(|u| u.email).unwrap_or_default();
    let csrf = data.csrf.unwrap_or_default();
    let answer = Action::new_local(move |grant: &bool| {
        let (asked, answer) = (asked.clone(), ConsentAnswer { grant: Some(*grant), csrf: Some(csrf.clone()) });
        async move {
            let next = api::auth::consent_answer(&asked, &answer).await?;
            match next.redirect {
                Some(target) => {
                    let _ = window().location().set_href(&target);
                }
                None => cancelled.set(true),
            }
            Ok::<_, ApiError>(())
        }
    });
    // Busy from the click until the browser leaves (a refusal frees the buttons again).
    let busy = move || answer.pending().get() || matches!(answer.value().get(), Some(Ok(())));
    let error = move || answer.value().get().and_then(Result::err);
    let sign_out = Action::new_local(move |_: &()| async move {
        let _ = api::auth::sign_out().await;
        info.refetch();
    });
    view! {
        {header}
        <p class="consent-user">{w.signed_in_as} " " <strong>{email}</strong> " · "
            <button class="link-button" type="button" on:click=move |_| { sign_out.dispatch(()); }>{w.not_you}</button></p>
        {move || error().map(|error| view! { <ErrorView error /> })}
        <div class="consent-actions">
            <button class="button button--ghost" type="button" disabled=busy
                on:click=move |_| { answer.dispatch(false); }>{w.cancel}</button>
            <button class="button" type="button" data-testid="allow" disabled=busy
                on:click=move |_| { answer.dispatch(true); }>{w.allow}</button>
        </div>
    }
    .into_any()
}
