//! The Senzu SPA: the router and the shell. Pages live in `routes/`, wire calls in `api`.
//! Two bundles come from this crate: `App` (bin senzu-app: everything) and
//! `PlayApp` (bin senzu-play: only what a phone needs at a tap), so a visitor
//! never downloads the dashboard.

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
    i18n::provide_lang();
    view! {
        <Router>
            <Routes fallback=routes::not_found::NotFound>
                <Route path=path!("/") view=routes::landing::Landing />
                <Route path=path!("/status") view=routes::status::Status />
                <Route path=path!("/p/:entry") view=routes::play::PlayRoute />
                <Route path=path!("/s/:entry") view=routes::play::PlayRoute />
                <Route path=path!("/auth") view=routes::consent::Consent />
                <Route path=path!("/signin") view=routes::signin::SignIn />
                <Route path=path!("/account") view=routes::dashboard::account::AccountPage />
                <Route path=path!("/account/:action") view=routes::account::Account />
                <Route path=path!("/console") view=routes::console::Console />
                <Route path=path!("/console/apps/:id") view=routes::console::ConsoleApp />
                <Route path=path!("/console/plugstore/:id") view=routes::console_plugstore::EntryPage />
                <Route path=path!("/docs/api") view=routes::docs::ApiReference />
                <Route path=path!("/pair") view=routes::pair::Pair />
                <Route path=path!("/shop") view=routes::shop::ShopPage />
                <Route path=path!("/shop/orders") view=routes::shop::OrdersPage />
                <Route path=path!("/shop/orders/:id") view=routes::shop::OrderPage />
                <Route path=path!("/shop/plans") view=routes::shop::plans::PlansPage />
                <Route path=path!("/provider") view=routes::shop::provider::ProviderConsole />
                <Route path=path!("/reseller") view=routes::shop::reseller::ResellerPage />
                <Route path=path!("/dashboard") view=routes::dashboard::Dashboard />
                <Route path=path!("/dashboard/products/:id") view=routes::dashboard::product::ProductPage />
                <Route path=path!("/dashboard/applications") view=routes::dashboard::application::Applications />
                <Route path=path!("/dashboard/applications/:id") view=routes::dashboard::application::ApplicationPage />
                <Route path=path!("/dashboard/invitations") view=routes::dashboard::invitations::Invitations />
                <Route path=path!("/dashboard/contacts") view=routes::dashboard::contacts::Contacts />
                <Route path=path!("/dashboard/files") view=routes::dashboard::files::FilesPage />
                <Route path=path!("/forget-contact") view=routes::forget_contact::ForgetContact />
                <Route path=path!("/dashboard/groups/:id") view=routes::dashboard::groups::GroupPage />
                <Route path=path!("/maker") view=routes::dashboard::maker::MakerWorkspace />
                <Route path=path!("/maker/:id/batches/:id_batch") view=routes::dashboard::maker::BatchPage />
            </Routes>
        </Router>
    }
}

/// Starts a bundle: panics go to the console, and the worker's server-rendered
/// first paint gives way to the app.
pub fn start<F, N>(app: F)
where
    F: FnOnce() -> N + 'static,
    N: IntoView,
{
    console_error_panic_hook::set_once();
    if let Some(first_paint) = document().get_element_by_id(senzu_core::page::FIRST_PAINT_ID) {
        first_paint.remove();
    }
    leptos::mount::mount_to_body(app);
}

/// The play bundle's app: the play (its lost, locked and pairing screens too)
/// and nothing else, not even a router: its links to other pages (pairing,
/// sign-in) are plain page loads, which the server answers with the full app.
#[component]
pub fn PlayApp() -> impl IntoView {
    view! { <routes::play::PlayRoute /> }
}
