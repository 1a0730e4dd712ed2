//! `/dashboard`: what an owner does every day — their objects, their
//! applications, invitations. Each page asks the API for what it shows and
//! sends a signed-out visitor to sign in first.

pub mod account;
pub mod application;
mod charts;
pub mod contacts;
pub mod files;
pub mod groups;
pub mod invitations;
mod mails;
pub mod maker;
mod plugins;
pub mod product;
mod sharing;

use leptos::prelude::*;
use senzu_core::api::products::Product;
use senzu_core::api::routes::Shared;
use senzu_core::api::Id;
use senzu_core::chmod::{self, Action as Can, Level};
use senzu_core::ApiError;

use crate::api;
use crate::components::{needs_sign_in, ErrorView, TopBar};

/// The dashboard's frame: the top bar, its own navigation, the page.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let w = crate::i18n::dash();
    view! {
        <TopBar />
        <main class="page dashboard">
            <nav class="dash-nav" aria-label=w.nav_label>
                <a href="/dashboard">{w.nav_objects}</a>
                <a href="/dashboard/applications">{w.nav_applications}</a>
                <a href="/dashboard/contacts">{w.nav_contacts}</a>
                <a href="/dashboard/files">{w.nav_files}</a>
                <a href="/dashboard/invitations">{w.nav_invitations}</a>
                <a href="/shop">{w.nav_shop}</a>
                <a href="/maker">{w.nav_maker}</a>
                <a href="/provider">{w.nav_provider}</a>
                <a href="/reseller">{w.nav_reseller}</a>
                <a href="/pair">{w.nav_pair}</a>
                <a href="/account">{w.nav_account}</a>
                <span class="dash-nav__end"><SignOut /></span>
            </nav>
            {children()}
        </main>
    }
}

/// Signs out (the session cookie is cleared by the worker) and goes to the start.
#[component]
fn SignOut() -> impl IntoView {
    let sign_out = Action::new_local(|_: &()| async move {
        let _ = crate::api::auth::sign_out().await;
        let _ = window().location().set_href("/");
    });
    view! {
        <button class="link-button" type="button" data-testid="sign-out" on:click=move |_| { sign_out.dispatch(()); }>
            {crate::i18n::dash().sign_out}</button>
    }
}

/// An API failure on a dashboard page: sign in if that is the problem, else say it.
pub fn failure(error: ApiError) -> AnyView {
    if needs_sign_in(&error) {
        return ().into_any();
    }
    view! { <ErrorView error /> }.into_any()
}

/// What an `ErrorBoundary` of a dashboard page shows: each API failure as [`failure`] does.
pub fn errors_view(errors: ArcRwSignal<Errors>) -> impl IntoView {
    move || {
        errors
            .get()
            .into_iter()
            .map(|(_, e)| match e.downcast_ref::<ApiError>() {
                Some(error) => failure(error.clone()),
                None => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
            })
            .collect_view()
    }
}

/// The message under a form saved by an `Action`: the error (fields kept) or "Saved".
/// Read with `try_`: a form closed by its own save must not read a disposed action.
pub fn action_status<I: 'static, T: 'static>(action: Action<I, Result<T, ApiError>>) -> impl IntoView {
    let (pending, value) = (action.pending(), action.value());
    move || {
        if pending.try_get().unwrap_or(false) {
            return ().into_any();
        }
        value
            .try_with(|v| match v {
                Some(Err(e)) if !needs_sign_in(e) => view! {
                    <p class="form-error" role="alert">
                        <strong>{crate::components::sentence(e)}</strong> " " {e.message.clone()}
                    </p>
                }
                .into_any(),
                Some(Ok(_)) => view! { <p class="form-ok" role="status">{crate::i18n::dash().saved}</p> }.into_any(),
                _ => ().into_any(),
            })
            .unwrap_or_else(|| ().into_any())
    }
}

/// The chmod levels one may grant, up to `max` (at most one's own level; core's rule).
pub fn level_options(max: Level) -> impl IntoView {
    senzu_core::chmod::LEVELS
        .into_iter()
        .filter(move |l| *l != Level::Nothing && chmod::may_grant(max, None, *l, false).is_ok())
        .map(|l| {
            view! { <option value=u8::from(l).to_string()>{format!("{} — {}", u8::from(l), crate::i18n::level_name(l))}</option> }
        })
        .collect_view()
}

/// An application the caller may put on records (chmod ≥ 3): its id and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppChoice {
    pub id: Id,
    pub name: String,
}

/// The applications the caller manages, for the records' and groups' pickers.
pub async fn managed_applications() -> Result<Vec<AppChoice>, ApiError> {
    let list = api::applications::list().await?;
    Ok(list
        .into_iter()
        .filter(|a| Can::EditBasics.allowed(a.chmod))
        .map(|a| AppChoice { id: a.id, name: a.alias_name })
        .collect())
}

/// What a product is called on the dashboard: its alias, else its item's reference.
pub fn product_name(p: &Product) -> String {
    p.alias_name.clone().filter(|s| !s.is_empty()).unwrap_or_else(|| p.item.reference.clone())
}

#[component]
pub fn Dashboard() -> impl IntoView {
    let w = crate::i18n::dash();
    crate::components::page_title(Some(w.objects_title));
    let data = LocalResource::new(|| async {
        let products = api::products::list().await?;
        let pending = api::sharing::pending(Shared::Product).await?.len()
            + api::sharing::pending(Shared::Application).await?.len();
        Ok::<_, ApiError>((products, pending))
    });
    view! {
        <Shell>
            <div class="dash-head">
                <h1>{w.objects_title}</h1>
                <a class="button" href="/pair">{w.nav_pair}</a>
            </div>
            <Suspense fallback=move || view! { <p class="muted">{w.loading}</p> }>
                <ErrorBoundary fallback=errors_view>
                    {move || Suspend::new(async move {
                        data.await.map(|(products, pending)| view! {
                            {(pending > 0).then(|| view! {
                                <a class="notice notice--link" href="/dashboard/invitations" data-testid="pending-notice">
                                    {senzu_core::i18n::fill(w.invitations_waiting, &[("n", &pending.to_string())])}</a>
                            })}
                            {if products.is_empty() {
                                view! { <p class="empty">{w.no_object} " " <a href="/pair">{w.nav_pair}</a></p> }.into_any()
                            } else {
                                view! { <div class="product-grid" data-testid="products">
                                    {products.into_iter().map(|p| view! { <ProductCard p /> }).collect_view()}
                                </div> }.into_any()
                            }}
                            <groups::GroupsSection />
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
        </Shell>
    }
}

#[component]
fn ProductCard(p: Product) -> impl IntoView {
    let w = crate::i18n::dash();
    let name = product_name(&p);
    let initial = name.chars().next().unwrap_or('?').to_uppercase().to_string();
    let image = p.item.image_url.clone().filter(|s| !s.is_empty());
    let level = p.chmod;
    view! {
        <a class="product-card" href=format!("/dashboard/products/{}", p.id) data-testid="product-card">
            {match image {
                Some(src) => view! { <img class="product-card__image" src=src alt="" /> }.into_any(),
                None => view! { <span class="product-card__image product-card__image--letter" aria-hidden="true">{initial}</span> }.into_any(),
            }}
            <span class="product-card__name">{name}</span>
            <span class="product-card__item muted">{p.item.reference.clone()}</span>
            <span class="product-card__badges">
                // One state: lost wins over active (a lost object is not "fine").
                {match (p.lost, p.is_activated) {
                    (true, _) => view! { <span class="badge badge--danger">{w.badge_lost}</span> }.into_any(),
                    (false, true) => view! { <span class="badge badge--ok">{w.badge_active}</span> }.into_any(),
                    (false, false) => view! { <span class="badge">{w.badge_not_paired}</span> }.into_any(),
                }}
                {(!Can::Own.allowed(level)).then(|| view! { <span class="badge">{senzu_core::i18n::fill(w.badge_shared, &[("level", crate::i18n::level_name(level))])}</span> })}
            </span>
        </a>
    }
}
