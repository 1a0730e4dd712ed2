//! Sign-in and sign-up for the dashboard (and inline on the consent screen).
//! The session lives in an HttpOnly cookie the page never sees.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use senzu_core::api::auth::{Login, Signup};
use senzu_core::api::procedures::MailLink;
use senzu_core::api::Name;
use senzu_core::auth::next::same_origin_path;
use senzu_core::auth::{Email, NewPassword};
use senzu_core::plugins::Lang;
use senzu_core::ErrorCode;

use crate::api;
use crate::components::TopBar;

pub use senzu_core::i18n::auth::AuthWords;

pub fn auth_words(lang: Lang) -> &'static AuthWords {
    AuthWords::of(lang)
}

/// Sign-in, with a switch to sign-up. `on_signed_in` runs after a successful
/// sign-in; `signing_up` (the page's, so its heading can follow) picks the form.
#[component]
pub fn AuthForms(
    lang: Lang,
    on_signed_in: Callback<()>,
    #[prop(optional)] signing_up: Option<RwSignal<bool>>,
) -> impl IntoView {
    let signing_up = signing_up.unwrap_or_else(|| RwSignal::new(false));
    let w = auth_words(lang);
    view! {
        <Show when=move || signing_up.get() fallback=move || view! {
            <SignInForm lang on_signed_in />
            <p class="auth-switch">{w.no_account} " "
                <button class="link-button" type="button" on:click=move |_| signing_up.set(true)>{w.sign_up}</button>
            </p>
        }>
            <SignUpForm lang />
            <p class="auth-switch">{w.have_account} " "
                <button class="link-button" type="button" on:click=move |_| signing_up.set(false)>{w.sign_in}</button>
            </p>
        </Show>
    }
}

#[component]
fn SignInForm(lang: Lang, on_signed_in: Callback<()>) -> impl IntoView {
    let w = auth_words(lang);
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let sign_in = Action::new_local(move |login: &Login| {
        let login = login.clone();
        async move {
            let signed_in = api::auth::sign_in(&login).await;
            if signed_in.is_ok() {
                password.set(String::new());
                on_signed_in.run(());
            }
            signed_in.map(|_| ())
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let password = Some(password.get_untracked()).filter(|p| !p.is_empty());
        sign_in.dispatch(Login { email: Name::new(&email.get_untracked()).ok(), password });
    };
    let busy = sign_in.pending();
    let error = move || sign_in.value().get().and_then(Result::err);
    // The sign-in route's 401 is a wrong address or password and its 403 an account not activated yet.
    let resend = Action::new_local(move |_: &()| {
        let given = MailLink { email: Name::new(&email.get_untracked()).ok(), redirect_url: None };
        async move { api::procedures::resend_activation(&given).await.map(|_| ()) }
    });
    let refusal = move || {
        error().map(|e| match e.kind() {
            Some(ErrorCode::Unauthorized) => {
                view! { <p class="form-error" role="alert">{w.wrong_credentials}</p> }.into_any()
            }
            Some(ErrorCode::Forbidden) => view! {
                <div class="form-error" role="alert" data-testid="not-activated">
                    <p>{w.not_activated}</p>
                    {move || match resend.value().get() {
                        Some(Ok(())) => view! { <p role="status">{w.resent}</p> }.into_any(),
                        Some(Err(e)) => view! { <p>{crate::components::short_sentence(&e)}</p> }.into_any(),
                        None => view! {
                            <button class="link-button" type="button" disabled=move || resend.pending().get()
                                on:click=move |_| { resend.dispatch(()); }>
                                {move || if resend.pending().get() { w.resending } else { w.resend }}</button>
                        }.into_any(),
                    }}
                </div>
            }
            .into_any(),
            _ => view! { <p class="form-error" role="alert">{crate::components::short_sentence(&e)}</p> }.into_any(),
        })
    };
    view! {
        <form class="form" on:submit=submit data-testid="sign-in">
            <label class="field"><span>{w.email}</span>
                <input type="email" name="email" autocomplete="username" required
                    prop:value=move || email.get() on:input=move |ev| email.set(event_target_value(&ev)) />
            </label>
            <label class="field"><span>{w.password}</span>
                <input type="password" name="password" autocomplete="current-password" required
                    prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev)) />
            </label>
            {refusal}
            <button class="button button--block" type="submit" disabled=move || busy.get()>
                {move || if busy.get() { w.signing_in } else { w.sign_in }}
            </button>
            <p class="auth-switch"><a href="/account/forgot-password">{w.forgot}</a></p>
        </form>
    }
}

/// The fields of the sign-up form, by the names the API gives them.
const SIGN_UP_FIELDS: [&str; 6] = ["firstname", "lastname", "email", "password", "gender", "birthdate"];

#[component]
fn SignUpForm(lang: Lang) -> impl IntoView {
    let w = auth_words(lang);
    let (firstname, lastname, email, password) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    // Unset until chosen (the API requires one; nothing is chosen for the person).
    let gender = RwSignal::new(String::new());
    let birthdate = RwSignal::new(String::new());
    let local_error = RwSignal::new(None::<String>);
    let sign_up = Action::new_local(|new: &Signup| {
        let new = new.clone();
        async move { api::auth::sign_up(&new).await.map(|_| ()) }
    });
    let done = move || matches!(sign_up.value().get(), Some(Ok(())));
    let failed = move || sign_up.value().get().and_then(Result::err);
    // The API names the argument at fault: its message goes next to that field.
    let field_error = move |name: &'static str| {
        move || failed().filter(|e| e.field() == Some(name)).map(|e| crate::components::short_sentence(&e))
    };
    let other_error = move || {
        local_error.get().or_else(|| {
            failed()
                .filter(|e| e.field().is_none_or(|f| !SIGN_UP_FIELDS.contains(&f)))
                .map(|e| crate::components::short_sentence(&e))
        })
    };
    // Checked here with the same rules the worker applies, so the message is next to the field.
    let email_error = move || {
        let e = email.get();
        (!e.is_empty() && Email::parse(&e).is_err()).then_some("✕")
    };
    let password_ok = move || NewPassword::parse(&password.get()).is_ok();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let birth = birthdate.get_untracked();
        let Some(ts) = senzu_core::wire::parse_date_filter(&birth) else {
            local_error.set(Some(format!("{}: YYYY-MM-DD", w.birthdate)));
            return;
        };
        local_error.set(None);
        let text = |s: RwSignal<String>| Some(s.get_untracked()).filter(|t| !t.trim().is_empty());
        sign_up.dispatch(Signup {
            firstname: Name::new(&firstname.get_untracked()).ok(),
            lastname: Name::new(&lastname.get_untracked()).ok(),
            email: Name::new(&email.get_untracked()).ok(),
            password: text(password),
            gender: text(gender),
            birthdate: Some(ts),
            language: Some(if lang == Lang::Fr { "fr" } else { "en" }.into()),
            ..Signup::default()
        });
    };
    let busy = sign_up.pending();
    let under = move |name: &'static str| {
        let message = field_error(name);
        move || message().map(|m| view! { <small class="field__error" role="alert">{m}</small> })
    };
    view! {
        <Show when=move || !done() fallback=move || view! { <p class="notice" role="status">{w.check_mail}</p> }>
            <form class="form" on:submit=submit data-testid="sign-up">
                <div class="form__row">
                    <label class="field"><span>{w.firstname}</span>
                        <input required autocomplete="given-name" prop:value=move || firstname.get()
                            on:input=move |ev| firstname.set(event_target_value(&ev)) />{under("firstname")}</label>
                    <label class="field"><span>{w.lastname}</span>
                        <input required autocomplete="family-name" prop:value=move || lastname.get()
                            on:input=move |ev| lastname.set(event_target_value(&ev)) />{under("lastname")}</label>
                </div>
                <label class="field"><span>{w.email} " " <b class="field__error">{email_error}</b></span>
                    <input type="email" required autocomplete="email" prop:value=move || email.get()
                        on:input=move |ev| email.set(event_target_value(&ev)) />{under("email")}</label>
                <label class="field"><span>{w.password}</span>
                    <input type="password" required autocomplete="new-password" prop:value=move || password.get()
                        on:input=move |ev| password.set(event_target_value(&ev)) />
                    <small class:field__hint=true class:field__hint--ok=password_ok>{w.policy}</small>{under("password")}</label>
                <div class="form__row">
                    <label class="field"><span>{w.gender}</span>
                        <select required on:change=move |ev| gender.set(event_target_value(&ev)) prop:value=move || gender.get()>
                            <option value="" disabled>{w.choose}</option>
                            <option value="1">{w.gender_male}</option>
                            <option value="2">{w.gender_female}</option>
                            <option value="3">{w.gender_other}</option>
                        </select>{under("gender")}</label>
                    <label class="field"><span>{w.birthdate}</span>
                        <input type="date" required prop:value=move || birthdate.get()
                            on:input=move |ev| birthdate.set(event_target_value(&ev)) />{under("birthdate")}</label>
                </div>
                {move || other_error().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
                <button class="button button--block" type="submit" disabled=move || busy.get() || !password_ok()>
                    {move || if busy.get() { w.signing_up } else { w.sign_up }}
                </button>
            </form>
        </Show>
    }
}

/// `/signin?next=…` (`&mode=signup` opens the sign-up form): signs in, then
/// goes to `next` (a same-origin path) or the owner's dashboard.
#[component]
pub fn SignIn() -> impl IntoView {
    let query = use_query_map();
    let lang = crate::i18n::page_lang();
    let w = auth_words(lang);
    crate::components::page_title(Some(w.sign_in));
    let on_signed_in = Callback::new(move |_| {
        // Only a same-origin path (core's rule): the browser reads `/\evil.example` as another host.
        let next = query.get_untracked().get("next").and_then(|n| same_origin_path(&n));
        let _ = window().location().set_href(&next.unwrap_or_else(|| "/dashboard".into()));
    });
    let signing_up = RwSignal::new(query.get_untracked().get("mode").as_deref() == Some("signup"));
    view! {
        <TopBar />
        <main class="auth-page">
            <section class="auth-card">
                <h1>{move || if signing_up.get() { w.sign_up } else { w.sign_in }}</h1>
                <AuthForms lang on_signed_in signing_up />
            </section>
        </main>
    }
}
