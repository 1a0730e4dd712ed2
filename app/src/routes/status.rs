//! The status page: asks the worker for `/v1/health` and shows what it says.

use leptos::prelude::*;

use crate::api;
use crate::components::{ErrorView, TopBar};

#[component]
pub fn Status() -> impl IntoView {
    crate::components::page_title(Some("Status"));
    let health = LocalResource::new(api::health);
    view! {
        <TopBar />
        <main class="page">
            <h1>"Service status"</h1>
            <Suspense fallback=|| view! { <p class="muted">"Checking…"</p> }>
                {move || Suspend::new(async move {
                    match health.await {
                        Ok(h) => {
                            let db = if h.db { "reachable" } else { "unreachable" };
                            view! {
                                <dl class="status" data-testid="status">
                                    <dt>"API"</dt>
                                    <dd class="status__ok">{h.status}</dd>
                                    <dt>"Database"</dt>
                                    <dd class:status__ok=h.db>{db}</dd>
                                    <dt>"Version"</dt>
                                    <dd>{h.version}</dd>
                                </dl>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
            <button class="button" on:click=move |_| health.refetch()>"Check again"</button>
        </main>
    }
}
