//! `/dashboard`: what an owner does every day — their objects, their
//! applications, invitations. Each page asks the API for what it shows and
//! sends a signed-out visitor to sign in first.

pub mod application;
mod charts;
pub mod groups;
pub mod invitations;
mod plugins;
pub mod product;
mod sharing;

use leptos::prelude::*;
use leptos::task::spawn_local;
use senzu_core::chmod::Level;
use senzu_core::ApiError;
use serde_json::Value;

use crate::api::{self, items};
use crate::components::{needs_sign_in, text, ErrorView, TopBar};

/// The dashboard's frame: the top bar, its own navigation, the page.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    view! {
        <TopBar />
        <main class="page dashboard">
            <nav class="dash-nav" aria-label="Dashboard">
                <a href="/dashboard">"Objects"</a>
                <a href="/dashboard/applications">"Applications"</a>
                <a href="/dashboard/invitations">"Invitations"</a>
                <a href="/pair">"Pair an object"</a>
            </nav>
            {children()}
        </main>
    }
}

/// An API failure on a dashboard page: sign in if that is the problem, else say it.
pub fn failure(error: ApiError) -> AnyView {
    if needs_sign_in(&error) {
        return ().into_any();
    }
    view! { <ErrorView error /> }.into_any()
}

/// The chmod levels as options, up to `max` (one grants at most one's own level).
pub fn level_options(max: Level) -> impl IntoView {
    senzu_core::chmod::LEVELS
        .into_iter()
        .filter(move |l| *l >= Level::Reader && *l <= max)
        .map(|l| view! { <option value=(l as u8).to_string()>{format!("{} — {}", l as u8, l.name(false))}</option> })
        .collect_view()
}

pub fn level_of(v: &Value) -> Level {
    Level::from_i64(v["chmod"].as_i64().unwrap_or_default())
}

#[component]
pub fn Dashboard() -> impl IntoView {
    let data = LocalResource::new(|| async {
        let products = items(&api::get_json("/v1/products?limit=null").await?);
        let pending = items(&api::get_json("/v1/products/pending").await?).len()
            + items(&api::get_json("/v1/applications/pending").await?).len();
        Ok::<_, ApiError>((products, pending))
    });
    view! {
        <Shell>
            <div class="dash-head">
                <h1>"Your objects"</h1>
                <a class="button" href="/pair">"Pair an object"</a>
            </div>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => failure(error),
                        Ok((products, pending)) => view! {
                            {(pending > 0).then(|| view! {
                                <a class="notice notice--link" href="/dashboard/invitations" data-testid="pending-notice">
                                    {format!("{pending} invitation(s) waiting for your answer")}</a>
                            })}
                            {if products.is_empty() {
                                view! { <p class="empty">"No object yet. Tap a Senzu card, ring or pen with your phone, or "
                                    <a href="/pair">"pair one here"</a> "."</p> }.into_any()
                            } else {
                                view! { <div class="product-grid" data-testid="products">
                                    {products.into_iter().map(|p| view! { <ProductCard p /> }).collect_view()}
                                </div> }.into_any()
                            }}
                            <groups::GroupsSection />
                        }.into_any(),
                    }
                })}
            </Suspense>
        </Shell>
    }
}

#[component]
fn ProductCard(p: Value) -> impl IntoView {
    let name = p["alias_name"]
        .as_str()
        .filter(|s| !s.is_empty())
        .or(p["item"]["reference"].as_str())
        .unwrap_or("Object")
        .to_string();
    let initial = name.chars().next().unwrap_or('?').to_uppercase().to_string();
    let image = p["item"]["image_url"].as_str().filter(|s| !s.is_empty()).map(str::to_string);
    let level = level_of(&p);
    let lost = p["lost"].as_bool().unwrap_or(false);
    let active = p["is_activated"].as_bool().unwrap_or(false);
    view! {
        <a class="product-card" href=format!("/dashboard/products/{}", text(&p, "id")) data-testid="product-card">
            {match image {
                Some(src) => view! { <img class="product-card__image" src=src alt="" /> }.into_any(),
                None => view! { <span class="product-card__image product-card__image--letter" aria-hidden="true">{initial}</span> }.into_any(),
            }}
            <span class="product-card__name">{name}</span>
            <span class="product-card__item muted">{text(&p["item"], "reference")}</span>
            <span class="product-card__badges">
                {lost.then(|| view! { <span class="badge badge--danger">"Lost"</span> })}
                {if active { view! { <span class="badge badge--ok">"Active"</span> }.into_any() }
                 else { view! { <span class="badge">"Not paired"</span> }.into_any() }}
                {(level < Level::Owner).then(|| view! { <span class="badge">{format!("Shared · {}", level.name(false))}</span> })}
            </span>
        </a>
    }
}

/// A form's save state, shown by every dashboard form.
#[derive(Clone, Copy)]
pub struct Saving {
    pub busy: RwSignal<bool>,
    pub error: RwSignal<Option<ApiError>>,
    pub saved: RwSignal<bool>,
}

impl Saving {
    pub fn new() -> Self {
        Saving { busy: RwSignal::new(false), error: RwSignal::new(None), saved: RwSignal::new(false) }
    }

    /// Runs a save: progress while it runs, the error (fields kept) or "Saved".
    pub fn run<F>(self, fut: F, then: impl FnOnce(Value) + 'static)
    where
        F: std::future::Future<Output = Result<Value, ApiError>> + 'static,
    {
        self.busy.set(true);
        self.error.set(None);
        self.saved.set(false);
        spawn_local(async move {
            let result = fut.await;
            // `then` may close the form that owns these signals: settle them first,
            // and never write to a signal that is gone.
            let _ = self.busy.try_set(false);
            match result {
                Ok(v) => {
                    let _ = self.saved.try_set(true);
                    then(v);
                }
                Err(e) => {
                    if !needs_sign_in(&e) {
                        let _ = self.error.try_set(Some(e));
                    }
                }
            }
        });
    }

    /// The message under a form: the error naming the argument, or "Saved".
    pub fn status(self) -> impl IntoView {
        move || {
            if let Some(e) = self.error.get() {
                view! { <p class="form-error" role="alert">{e.message}</p> }.into_any()
            } else if self.saved.get() && !self.busy.get() {
                view! { <p class="form-ok" role="status">"Saved"</p> }.into_any()
            } else {
                ().into_any()
            }
        }
    }
}
