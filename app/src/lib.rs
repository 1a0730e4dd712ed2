//! The Senzu SPA: the router and the shell. Pages live in `routes/`, wire calls in `api`.

pub mod api;
mod components;
mod i18n;
mod icons;
mod nfc;
mod routes;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <Routes fallback=routes::not_found::NotFound>
                <Route path=path!("/") view=routes::landing::Landing />
                <Route path=path!("/status") view=routes::status::Status />
                <Route path=path!("/p/:entry") view=routes::play::PlayRoute />
                <Route path=path!("/s/:entry") view=routes::play::PlayRoute />
                <Route path=path!("/auth") view=routes::consent::Consent />
                <Route path=path!("/signin") view=routes::signin::SignIn />
                <Route path=path!("/account/:action") view=routes::account::Account />
                <Route path=path!("/console") view=routes::console::Console />
                <Route path=path!("/console/apps/:id") view=routes::console::ConsoleApp />
                <Route path=path!("/docs/api") view=routes::docs::ApiReference />
                <Route path=path!("/pair") view=routes::pair::Pair />
                <Route path=path!("/dashboard") view=routes::dashboard::Dashboard />
                <Route path=path!("/dashboard/products/:id") view=routes::dashboard::product::ProductPage />
                <Route path=path!("/dashboard/applications") view=routes::dashboard::application::Applications />
                <Route path=path!("/dashboard/applications/:id") view=routes::dashboard::application::ApplicationPage />
                <Route path=path!("/dashboard/invitations") view=routes::dashboard::invitations::Invitations />
                <Route path=path!("/dashboard/groups/:id") view=routes::dashboard::groups::GroupPage />
            </Routes>
        </Router>
    }
}
