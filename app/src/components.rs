//! Components shared by several pages.

use leptos::prelude::*;
use senzu_core::i18n::errors::ErrorWords;
use senzu_core::{ApiError, ErrorCode};

/// Sends a signed-out visitor to the sign-in page, back here afterwards.
pub fn needs_sign_in(error: &ApiError) -> bool {
    if matches!(error.kind(), Some(ErrorCode::Unauthorized | ErrorCode::TokenExpired)) {
        let location = window().location();
        let here = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
        let _ = location.set_href(&format!("/signin?next={}", senzu_core::plugins::encode(&here)));
        return true;
    }
    false
}

/// An `ErrorBoundary`'s fallback: each API error as an [`ErrorView`]; a
/// missing or expired session goes to sign-in instead.
#[component]
pub fn ApiErrors(errors: ArcRwSignal<leptos::error::Errors>) -> impl IntoView {
    move || {
        errors
            .get()
            .into_iter()
            .map(|(_, e)| {
                let error = e
                    .downcast_ref::<ApiError>()
                    .cloned()
                    .unwrap_or_else(|| ApiError::new(ErrorCode::Internal, e.to_string()));
                if needs_sign_in(&error) {
                    ().into_any()
                } else {
                    view! { <ErrorView error /> }.into_any()
                }
            })
            .collect_view()
    }
}

/// What an API error means for people, in their language (the API's own
/// message is the detail below it).
pub fn sentence(error: &ApiError) -> &'static str {
    let words = crate::i18n::tr::<ErrorWords>();
    error.kind().map_or(crate::i18n::dash().went_wrong, |code| words.sentence(code))
}

/// An error in one line for people: what is wrong with the field it names, else its code's sentence.
pub fn short_sentence(error: &ApiError) -> String {
    if error.field().is_some() {
        return crate::i18n::tr::<ErrorWords>().field_message(error);
    }
    sentence(error).to_string()
}

/// The one error view every page uses: a sentence, then the API's detail and code.
#[component]
pub fn ErrorView(error: ApiError) -> impl IntoView {
    view! {
        <div class="error-view" role="alert">
            <p class="error-view__title">{sentence(&error)}</p>
            <p class="error-view__message">{error.message}</p>
            <p class="error-view__code">{crate::i18n::dash().code} " " {error.code}</p>
        </div>
    }
}

/// The tab's title: the page's, then "Senzu" (the landing page: "Senzu" alone).
pub fn page_title(page: Option<&str>) {
    let title = page.map_or_else(|| "Senzu".to_string(), |p| format!("{p} · Senzu"));
    document().set_title(&title);
}

/// The top bar with the brand and the main links.
#[component]
pub fn TopBar() -> impl IntoView {
    let w = crate::i18n::dash();
    view! {
        <header class="topbar">
            <a class="brand" href="/">
                <img src="/static/icon.svg" alt="" width="28" height="28" />
                <span>"Senzu"</span>
            </a>
            <nav class="topbar__nav">
                <a href="/dashboard">{w.nav_dashboard}</a>
                <a href="/shop">{w.nav_shop}</a>
                <a href="/console">{w.nav_developers}</a>
                <a href="/status">{w.nav_status}</a>
                <crate::i18n::LangSwitch />
            </nav>
        </header>
    }
}
