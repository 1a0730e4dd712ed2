//! The status page: asks the worker for `/v1/health` and shows what it says.

use leptos::prelude::*;
use senzu_core::i18n::status::StatusWords;

use crate::api;
use crate::components::{ErrorView, TopBar};

#[component]
pub fn Status() -> impl IntoView {
    let w = crate::i18n::tr::<StatusWords>();
    crate::components::page_title(Some(w.title));
    let health = LocalResource::new(api::health);
    view! {
        <TopBar />
        <main class="page">
            <h1>{w.heading}</h1>
            <Suspense fallback=move || view! { <p class="muted">{w.checking}</p> }>
                {move || Suspend::new(async move {
                    match health.await {
                        Ok(h) => {
                            let db = if h.db { w.reachable } else { w.unreachable };
                            view! {
                                <dl class="status" data-testid="status">
                                    <dt>{w.api}</dt>
                                    <dd class="status__ok">{h.status}</dd>
                                    <dt>{w.database}</dt>
                                    <dd class:status__ok=h.db>{db}</dd>
                                    <dt>{w.version}</dt>
                                    <dd>{h.version}</dd>
                                </dl>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
            <button class="button" on:click=move |_| health.refetch()>{w.check_again}</button>
        </main>
    }
}
