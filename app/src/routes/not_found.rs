use leptos::prelude::*;

use crate::components::TopBar;

#[component]
pub fn NotFound() -> impl IntoView {
    let w = crate::i18n::pages();
    crate::components::page_title(Some(w.not_found_title));
    view! {
        <TopBar />
        <main class="page">
            <h1>{w.not_found_title}</h1>
            <p>{w.not_found_text} " " <a href="/">{w.back_home}</a></p>
        </main>
    }
}
