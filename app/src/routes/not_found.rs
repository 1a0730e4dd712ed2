use leptos::prelude::*;

use crate::components::TopBar;

#[component]
pub fn NotFound() -> impl IntoView {
    crate::components::page_title(Some("Page not found"));
    view! {
        <TopBar />
        <main class="page">
            <h1>"Page not found"</h1>
            <p>"This address does not lead anywhere. " <a href="/">"Back to the start"</a></p>
        </main>
    }
}
