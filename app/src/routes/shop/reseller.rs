//! The reseller's page (`/reseller`): become a reseller, and the products
//! makers put in one's hands, with which of them their buyers paired already.

use leptos::prelude::*;
use senzu_core::api::shop::{Reseller, SaveReseller};
use senzu_core::ApiError;

use super::words::{words, Words};
use crate::api;
use crate::routes::dashboard::{action_status, errors_view, Shell};

#[component]
pub fn ResellerPage() -> impl IntoView {
    let w = words(crate::i18n::page_lang());
    crate::components::page_title(Some(w.reseller));
    let me = LocalResource::new(api::shop::my_reseller);
    let create = Action::new_local(move |_: &()| async move {
        let made = api::shop::create_reseller(&SaveReseller::default()).await?;
        me.refetch();
        Ok::<_, ApiError>(made)
    });
    view! {
        <Shell>
            <div class="dash-head"><h1>{w.reseller}</h1><p class="muted">{w.reseller_intro}</p></div>
            <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
                <ErrorBoundary fallback=errors_view>
                    {move || Suspend::new(async move {
                        me.await.map(|found| match found {
                            None => view! {
                                <button class="button" type="button" data-testid="become-reseller"
                                    on:click=move |_| { create.dispatch(()); }>{w.become_reseller}</button>
                            }.into_any(),
                            Some(r) => view! { <Products w r /> }.into_any(),
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
            {action_status(create)}
        </Shell>
    }
}

#[component]
fn Products(w: &'static Words, r: Reseller) -> impl IntoView {
    let id = r.id;
    let products = LocalResource::new(move || api::shop::reseller_products(id));
    view! {
        {(!r.is_verified).then(|| view! { <p class="notice" data-testid="reseller-not-verified">{w.reseller_not_verified}</p> })}
        <h2>{w.reseller_products}</h2>
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            <ErrorBoundary fallback=errors_view>
                {move || Suspend::new(async move {
                    products.await.map(|list| {
                        if list.is_empty() {
                            return view! { <p class="empty">{w.no_reseller_products}</p> }.into_any();
                        }
                        view! {
                            <ul class="rows panel" data-testid="reseller-products">
                                {list.into_iter().map(|p| view! {
                                    <li>
                                        <span class="row__main">{format!("{} · {}", p.item, p.reference.unwrap_or_default())}</span>
                                        <span class="badge">{if p.is_activated { w.sold } else { w.unsold }}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    })
                })}
            </ErrorBoundary>
        </Suspense>
    }
}
