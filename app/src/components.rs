//! Components shared by several pages.

use leptos::prelude::*;
use senzu_core::ApiError;

/// The one error view every page uses.
#[component]
pub fn ErrorView(error: ApiError) -> impl IntoView {
    view! {
        <div class="error-view" role="alert">
            <p class="error-view__title">"Something went wrong"</p>
            <p class="error-view__message">{error.message}</p>
            <p class="error-view__code">"Code " {error.code}</p>
        </div>
    }
}

/// The top bar with the brand and the main links.
#[component]
pub fn TopBar() -> impl IntoView {
    view! {
        <header class="topbar">
            <a class="brand" href="/">
                <img src="/static/icon.svg" alt="" width="28" height="28" />
                <span>"Senzu"</span>
            </a>
            <nav class="topbar__nav">
                <a href="/console">"Developers"</a>
                <a href="/status">"Status"</a>
            </nav>
        </header>
    }
}
