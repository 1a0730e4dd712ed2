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
use senzu_core::plugins::Lang;
use senzu_core::ApiError;

use super::signin::{auth_words, browser_lang};
use crate::api;
use crate::components::{ErrorView, TopBar};

fn texts(action: &str, lang: Lang) -> (&'static str, &'static str, &'static str) {
    // (title, button, done)
    match (action, lang) {
        ("activate", Lang::Fr) => {
            ("Activation du compte", "Activer", "Votre compte est actif. Vous pouvez vous connecter.")
        }
        ("activate", Lang::En) => ("Account activation", "Activate", "Your account is active. You can sign in."),
        ("reset-password", Lang::Fr) => ("Nouveau mot de passe", "Enregistrer", "Mot de passe changé. Connectez-vous."),
        ("reset-password", Lang::En) => ("Choose a new password", "Save", "Password changed. Sign in with it."),
        ("change-password", Lang::Fr) => ("Changer de mot de passe", "Changer", "Mot de passe changé. Connectez-vous."),
        ("change-password", Lang::En) => ("Change your password", "Change", "Password changed. Sign in with it."),
        ("change-email", Lang::Fr) => (
            "Changer d'adresse e-mail",
            "Changer",
            "Ouvrez le lien envoyé à la nouvelle adresse pour confirmer le changement.",
        ),
        ("change-email", Lang::En) => {
            ("Change your e-mail address", "Change", "Open the link we sent to the new address to confirm the change.")
        }
        ("confirm-email", Lang::Fr) => ("Confirmer la nouvelle adresse", "Confirmer", "Adresse e-mail changée."),
        ("confirm-email", Lang::En) => ("Confirm your new e-mail address", "Confirm", "E-mail address changed."),
        ("forgot-password", Lang::Fr) => (
            "Mot de passe oublié",
            "Recevoir un lien",
            "Si un compte utilise cette adresse, un lien pour choisir un nouveau mot de passe vient d'y être envoyé.",
        ),
        ("forgot-password", Lang::En) => (
            "Forgot your password?",
            "Send me a link",
            "If an account uses this address, we just sent it a link to choose a new password.",
        ),
        ("delete-account", Lang::Fr) => {
            ("Supprimer le compte", "Supprimer définitivement", "Votre compte est supprimé.")
        }
        ("delete-account", Lang::En) => ("Delete your account", "Delete for good", "Your account is deleted."),
        (_, Lang::Fr) => ("Lien inconnu", "", ""),
        (_, Lang::En) => ("Unknown link", "", ""),
    }
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
    let lang = browser_lang();
    let w = auth_words(lang);
    let (title, button, done_text) = texts(&action, lang);
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
            <label class="field"><span>{w.password} " (actuel / current)"</span>
                <input type="password" required autocomplete="current-password" prop:value=move || first.get()
                    on:input=move |ev| first.set(event_target_value(&ev)) /></label>
            <label class="field"><span>{w.password} " (nouveau / new)"</span>
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
                    {move || error().map(|error| view! { <ErrorView error /> })}
                    <button class="button button--block" class:button--danger=action == "delete-account"
                        type="submit" disabled=move || busy.get()>{button}</button>
                </form>
            </section>
        </main>
    }
}
