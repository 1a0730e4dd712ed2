//! `/pair?path=…`: pairing an object to the signed-in account. The 461 page of
//! an unpaired object links here with its pairing path; from the dashboard a
//! phone reads the tag with Web NFC where it can, or the owner pastes the
//! link of a tap or of the printed code. Every way ends in the same form.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use senzu_core::api::products::Pair;
use senzu_core::api::Name;
use senzu_core::{ApiError, ErrorCode};

use super::signin::AuthForms;
use crate::api::products;
use crate::components::TopBar;
use crate::{api, nfc};

/// The pairing path of a tap or code link, asked of the play itself: only an
/// unpaired object's play (461) names one.
async fn pairing_path(link: &str) -> Result<String, String> {
    let segment = link
        .split_once("/p/")
        .map(|(_, s)| s.split(['?', '#']).next().unwrap_or_default().to_string())
        .ok_or(crate::i18n::pages().pair_not_a_link)?;
    match api::play(&segment, None).await {
        Err((e, _, Some(path))) if e.kind() == Some(ErrorCode::NotActivated) => Ok(path),
        Ok(_) => Err(crate::i18n::pages().pair_already.into()),
        Err((e, _, _)) => match e.kind() {
            Some(ErrorCode::ProductLost | ErrorCode::MissingApplication | ErrorCode::WrongPassword) => {
                Err(crate::i18n::pages().pair_already.into())
            }
            _ => Err(crate::components::short_sentence(&e)),
        },
    }
}

#[component]
pub fn Pair() -> impl IntoView {
    crate::components::page_title(Some(crate::i18n::pages().pair_title));
    let query = use_query_map();
    let path = RwSignal::new(query.get_untracked().get("path").filter(|p| !p.is_empty()));
    let me = LocalResource::new(api::me);
    let lang = crate::i18n::page_lang();
    view! {
        <TopBar />
        <main class="auth-page">
            <section class="auth-card" data-testid="pair-page">
                <h1 class="auth-card__title">{crate::i18n::pages().pair_title}</h1>
                <Suspense fallback=|| view! { <p class="muted">{crate::i18n::dash().loading}</p> }>
                    {move || Suspend::new(async move {
                        match me.await {
                            Err(_) => view! {
                                <p class="muted">{crate::i18n::pages().pair_sign_in}</p>
                                <AuthForms lang on_signed_in=Callback::new(move |_| me.refetch()) />
                            }.into_any(),
                            Ok(user) => view! {
                                <p class="muted">{senzu_core::i18n::fill(crate::i18n::pages().pair_signed_in_as, &[("email", &user.email.unwrap_or_default())])}</p>
                                {move || match path.get() {
                                    Some(p) => view! { <PairForm path=p /> }.into_any(),
                                    None => view! { <FindObject path /> }.into_any(),
                                }}
                            }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
        </main>
    }
}

#[component]
fn FindObject(path: RwSignal<Option<String>>) -> impl IntoView {
    let link = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let check = move |url: String| {
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match pairing_path(&url).await {
                Ok(p) => path.set(Some(p)),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let from_link = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        check(link.get_untracked());
    };
    let scan = move |_| {
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match nfc::read_url().await {
                Ok(url) => check(url),
                Err(e) => {
                    error.set(Some(e));
                    busy.set(false);
                }
            }
        });
    };
    view! {
        {nfc::available().then(|| view! {
            <button class="button button--block" type="button" on:click=scan disabled=move || busy.get()>
                {crate::i18n::pages().pair_hold}</button>
            <p class="muted auth-switch">{crate::i18n::pages().pair_or}</p>
        })}
        <p>{crate::i18n::pages().pair_how}</p>
        <form class="form" on:submit=from_link>
            <label class="field"><span>{crate::i18n::pages().pair_link}</span>
                <input type="url" required placeholder="https://…/p/…" prop:value=move || link.get()
                    on:input=move |ev| link.set(event_target_value(&ev)) /></label>
            {move || error.get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            <button class="button button--block" type="submit" disabled=move || busy.get()>{crate::i18n::pages().pair_continue}</button>
        </form>
    }
}

#[component]
fn PairForm(path: String) -> impl IntoView {
    let alias = RwSignal::new(String::new());
    let pair = Action::new_local(move |(path, alias): &(String, String)| {
        let path = path.clone();
        // An empty name is no name: the object keeps its item's.
        let asked = Pair { alias_name: Name::new(alias).ok() };
        async move {
            let product = products::pair(&path, &asked).await?;
            let _ = window().location().set_href(&format!("/dashboard/products/{}?paired=1", product.id));
            Ok::<_, ApiError>(product)
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        pair.dispatch((path.clone(), alias.get_untracked()));
    };
    // Busy from the click until the page moves on; an error lets the person try again.
    let busy = move || pair.pending().get() || pair.value().with(|v| matches!(v, Some(Ok(_))));
    view! {
        <form class="form" on:submit=submit data-testid="pair-form">
            <p>{crate::i18n::pages().pair_intro}</p>
            <label class="field"><span>{crate::i18n::pages().pair_name}</span>
                <input maxlength="100" placeholder=crate::i18n::pages().pair_placeholder prop:value=move || alias.get()
                    on:input=move |ev| alias.set(event_target_value(&ev)) /></label>
            {move || pair.value().with(|v| match v {
                Some(Err(error)) => {
                    let message = match error.kind() {
                        Some(ErrorCode::Conflict) => crate::i18n::pages().pair_already.to_string(),
                        Some(ErrorCode::DelayExpired) => crate::i18n::pages().pair_expired.to_string(),
                        _ => crate::components::short_sentence(error),
                    };
                    Some(view! { <p class="form-error" role="alert">{message}</p> })
                }
                _ => None,
            })}
            <button class="button button--block" type="submit" disabled=busy>
                {move || if busy() { crate::i18n::pages().pairing } else { crate::i18n::pages().pair_submit }}</button>
        </form>
    }
}
