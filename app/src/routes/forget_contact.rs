//! `/forget-contact#{token}`: where the confirmation mail of a contact exchange
//! leads. It asks before it deletes (mail scanners follow links; a click does
//! not come from them), and the token stays in the fragment, out of every log.

use leptos::prelude::*;
use leptos::task::spawn_local;
use senzu_core::ApiError;

use crate::api;
use crate::components::{ErrorView, TopBar};

#[component]
pub fn ForgetContact() -> impl IntoView {
    let t = crate::i18n::pages();
    crate::components::page_title(Some(t.forget_title));
    let token = window().location().hash().unwrap_or_default().trim_start_matches('#').to_string();
    let outcome = RwSignal::new(None::<Result<(), ApiError>>);
    let busy = RwSignal::new(false);
    let has_token = !token.is_empty();
    let forget = move |_| {
        let token = token.clone();
        busy.set(true);
        spawn_local(async move {
            let result = api::contacts::forget(&token).await.map(|_| ());
            busy.set(false);
            outcome.set(Some(result));
        });
    };
    view! {
        <TopBar />
        <main class="page narrow">
            <h1>{t.forget_title}</h1>
            {move || match outcome.get() {
                Some(Ok(())) => view! { <p class="form-ok" role="status" data-testid="forgotten">{t.forget_done}</p> }.into_any(),
                other => view! {
                    <p>{if has_token { t.forget_text } else { t.forget_no_token }}</p>
                    {other.and_then(Result::err).map(|error| view! { <ErrorView error /> })}
                    <button class="button" type="button" data-testid="forget" disabled=move || busy.get() || !has_token
                        on:click=forget.clone()>{t.forget_button}</button>
                }.into_any(),
            }}
        </main>
    }
}
