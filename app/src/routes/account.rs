//! `/account/{action}?code=…`: where the procedure mails' links land —
//! activation, password reset or change, e-mail change (the link to the
//! current address, then the one to the new address, which carries `email`),
//! account deletion — and `/account/forgot-password`, which asks for a reset
//! link. Each link works once, within an hour; the worker says so when it does not.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use senzu_core::api::procedures::{ChangeEmail, ChangePassword, Code, MailLink, ResetPassword};
use senzu_core::api::Name;
use senzu_core::auth::NewPassword;
use senzu_core::i18n::procedures::ProcedureWords;
use senzu_core::ApiError;

use super::signin::auth_words;
use crate::api;
use crate::components::{ErrorView, TopBar};

/// A link opened again or too late (its code refused) says so, with where to go
/// next; any other refusal is the usual error view.
fn spent_or_error(error: ApiError, action: &str, words: &'static ProcedureWords) -> AnyView {
    if error.field() != Some("code") {
        return view! { <ErrorView error /> }.into_any();
    }
    let (next, href) = match action {
        "activate" => (words.activated_already, "/signin"),
        "reset-password" => (words.ask_again, "/account/forgot-password"),
        _ => (words.ask_again, "/account"),
    };
    view! {
        <div class="notice" role="alert" data-testid="link-spent">
            <p>{words.link_spent}</p>
            <p><a href=href>{next}</a></p>
        </div>
    }
    .into_any()
}

#[component]
pub fn Account() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let code = query.get_untracked().get("code").unwrap_or_default();
    // The second change-email link (sent to the new address) names that address.
    let new_email = query.get_untracked().get("email");
    let action = match params.get_untracked().get("action").unwrap_or_default().as_str() {
        "change-email" if new_email.is_some() => "confirm-email".to_string(),
        other => other.to_string(),
    };
    let lang = crate::i18n::page_lang();
    let w = auth_words(lang);
    let words = crate::i18n::tr::<ProcedureWords>();
    let (title, button, done_text) = words.of_action(&action);
    crate::components::page_title(Some(title));
    let (first, second) = (RwSignal::new(new_email.unwrap_or_default()), RwSignal::new(String::new()));
    let act = action.clone();
    // One save for every link: the procedure the page's action names.
    let save = Action::new_local(move |(a, b): &(String, String)| {
        let (action, code, a, b) = (act.clone(), code.clone(), a.clone(), b.clone());
        async move {
            let code_of = |c: &str| Code { code: Name::new(c).ok() };
            let password = |p: String| Some(p).filter(|p| !p.is_empty());
            match action.as_str() {
                "activate" => api::procedures::activate(&code_of(&code)).await.map(|_| ()),
                "reset-password" => {
                    let given = ResetPassword { code: Name::new(&code).ok(), password: password(a) };
                    api::procedures::reset_password(&given).await.map(|_| ())
                }
                "change-password" => {
                    let given = ChangePassword {
                        code: Name::new(&code).ok(),
                        old_password: password(a),
                        new_password: password(b),
                    };
                    api::procedures::change_password(&given).await.map(|_| ())
                }
                "change-email" | "confirm-email" => {
                    let given = ChangeEmail { code: Name::new(&code).ok(), email: Name::new(&a).ok() };
                    api::procedures::change_email(&given).await.map(|_| ())
                }
                "forgot-password" => {
                    let given = MailLink { email: Name::new(&a).ok(), redirect_url: None };
                    api::procedures::forgot_password(&given).await.map(|_| ())
                }
                _ => api::procedures::delete_account(&code_of(&code)).await.map(|_| ()),
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch((first.get_untracked(), second.get_untracked()));
    };
    let busy = save.pending();
    let done = move || matches!(save.value().get(), Some(Ok(())));
    let error = move || save.value().get().and_then(Result::<(), ApiError>::err);
    let fields = match action.as_str() {
        "reset-password" => view! {
            <label class="field"><span>{w.password}</span>
                <input type="password" required autocomplete="new-password" prop:value=move || first.get()
                    on:input=move |ev| first.set(event_target_value(&ev)) />
                <small class="field__hint" class:field__hint--ok=move || NewPassword::parse(&first.get()).is_ok()>{w.policy}</small></label>
        }.into_any(),
        "change-password" => view! {
            <label class="field"><span>{words.current_password}</span>
                <input type="password" required autocomplete="current-password" prop:value=move || first.get()
                    on:input=move |ev| first.set(event_target_value(&ev)) /></label>
            <label class="field"><span>{words.new_password}</span>
                <input type="password" required autocomplete="new-password" prop:value=move || second.get()
                    on:input=move |ev| second.set(event_target_value(&ev)) />
                <small class="field__hint" class:field__hint--ok=move || NewPassword::parse(&second.get()).is_ok()>{w.policy}</small></label>
        }.into_any(),
        "change-email" | "forgot-password" => view! {
            <label class="field"><span>{w.email}</span>
                <input type="email" required autocomplete="email" prop:value=move || first.get()
                    on:input=move |ev| first.set(event_target_value(&ev)) /></label>
        }.into_any(),
        "confirm-email" => view! {
            <label class="field"><span>{w.email}</span>
                <input type="email" readonly prop:value=move || first.get() /></label>
        }.into_any(),
        _ => ().into_any(),
    };
    let known = !button.is_empty();
    let action_shown = action.clone();
    view! {
        <TopBar />
        <main class="auth-page">
            <section class="auth-card" data-testid="account">
                <h1 class="auth-card__title">{title}</h1>
                <div class="done" hidden=move || !done()>
                    <p class="notice" role="status">{done_text}</p>
                    <a class="button" href="/signin">{w.sign_in}</a>
                </div>
                <form class="form" on:submit=submit hidden=move || done() || !known>
                    {fields}
                    {move || error().map(|error| spent_or_error(error, &action_shown, words))}
                    <button class="button button--block" class:button--danger=action == "delete-account"
                        type="submit" disabled=move || busy.get()>{button}</button>
                </form>
            </section>
        </main>
    }
}
