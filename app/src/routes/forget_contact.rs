//! `/forget-contact#{token}`: where the confirmation mail of a contact exchange
//! leads. It asks before it deletes (mail scanners follow links; a click does
//! not come from them), and the token stays in the fragment, out of every log.

use leptos::prelude::*;
use leptos::task::spawn_local;
use senzu_core::plugins::Lang;

use super::signin::browser_lang;
use crate::api;
use crate::components::TopBar;

struct Texts {
    title: &'static str,
    text: &'static str,
    button: &'static str,
    done: &'static str,
    no_token: &'static str,
}

fn texts(lang: Lang) -> Texts {
    match lang {
        Lang::Fr => Texts {
            title: "Supprimer mes coordonnées",
            text: "Les coordonnées que vous avez laissées seront supprimées pour de bon : le propriétaire ne les verra plus.",
            button: "Supprimer ce que j'ai partagé",
            done: "C'est fait : vos coordonnées ont été supprimées.",
            no_token: "Ce lien est incomplet. Ouvrez celui de votre e-mail tel quel.",
        },
        Lang::En => Texts {
            title: "Delete my details",
            text: "The details you left will be deleted for good: the owner will not see them any more.",
            button: "Delete what I shared",
            done: "Done: your details have been deleted.",
            no_token: "This link is incomplete. Open the one from your e-mail as it is.",
        },
    }
}

#[component]
pub fn ForgetContact() -> impl IntoView {
    let t = texts(browser_lang());
    crate::components::page_title(Some(t.title));
    let token = window().location().hash().unwrap_or_default().trim_start_matches('#').to_string();
    let outcome = RwSignal::new(None::<Result<(), String>>);
    let busy = RwSignal::new(false);
    let has_token = !token.is_empty();
    let forget = move |_| {
        let token = token.clone();
        busy.set(true);
        spawn_local(async move {
            let result = api::contacts::forget(&token).await.map(|_| ()).map_err(|e| e.message);
            busy.set(false);
            outcome.set(Some(result));
        });
    };
    view! {
        <TopBar />
        <main class="page narrow">
            <h1>{t.title}</h1>
            {move || match outcome.get() {
                Some(Ok(())) => view! { <p class="form-ok" role="status" data-testid="forgotten">{t.done}</p> }.into_any(),
                other => view! {
                    <p>{if has_token { t.text } else { t.no_token }}</p>
                    {other.and_then(Result::err).map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
                    <button class="button" type="button" data-testid="forget" disabled=move || busy.get() || !has_token
                        on:click=forget.clone()>{t.button}</button>
                }.into_any(),
            }}
        </main>
    }
}
