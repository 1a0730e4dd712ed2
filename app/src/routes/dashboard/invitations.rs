//! `/dashboard/invitations`: objects, groups and applications shared with
//! you, waiting for your answer (invitation mails link here).

use leptos::prelude::*;
use senzu_core::api::routes::Shared;
use senzu_core::api::sharing::{Answered, Pending};
use senzu_core::api::Id;
use senzu_core::ApiError;

use super::{action_status, errors_view, Shell};
use crate::api::sharing;

#[component]
pub fn Invitations() -> impl IntoView {
    let w = crate::i18n::pages();
    crate::components::page_title(Some(w.invitations_title));
    // The mail's agree-share-application link lands here: that invitation is the one asked about.
    let asked = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("application").and_then(|v| v.parse::<Id>().ok()));
    let data = LocalResource::new(move || async move {
        let mut all: Vec<(Shared, Pending)> = Vec::new();
        for kind in [Shared::Product, Shared::Application, Shared::Group] {
            all.extend(sharing::pending(kind).await?.into_iter().map(|p| (kind, p)));
        }
        Ok::<_, ApiError>(all)
    });
    let answer = Action::new_local(move |(kind, id, grant): &(Shared, Id, bool)| {
        let (kind, id, grant) = (*kind, *id, *grant);
        async move {
            let answered = sharing::answer(kind, id, grant).await?;
            data.refetch();
            Ok::<Answered, ApiError>(answered)
        }
    });
    view! {
        <Shell>
            <div class="dash-head"><h1>{w.invitations_title}</h1></div>
            <Suspense fallback=|| view! { <p class="muted">{crate::i18n::dash().loading}</p> }>
                <ErrorBoundary fallback=errors_view>
                    {move || Suspend::new(async move {
                        data.await.map(|all| if all.is_empty() {
                            view! { <p class="empty" data-testid="no-invitations">{w.invitations_none}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="rows invitations" data-testid="invitations">
                                    {all.into_iter().map(|(kind, p)| {
                                        let asked = kind == Shared::Application && Some(p.id) == asked;
                                        view! { <Invitation kind p asked answer /> }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
            {action_status(answer)}
        </Shell>
    }
}

#[component]
fn Invitation(
    kind: Shared,
    p: Pending,
    asked: bool,
    answer: Action<(Shared, Id, bool), Result<Answered, ApiError>>,
) -> impl IntoView {
    let w = crate::i18n::pages();
    let id = p.id;
    let name = p.object().and_then(|o| o.alias_name.clone()).unwrap_or_default();
    let issuer =
        format!("{} {}", p.issuer.firstname.clone().unwrap_or_default(), p.issuer.lastname.clone().unwrap_or_default());
    let noun = match kind {
        Shared::Product => w.invitation_object,
        Shared::Group => w.invitation_group,
        Shared::Application => w.invitation_application,
    };
    let from = senzu_core::i18n::fill(
        w.invitation_from,
        &[("what", noun), ("who", issuer.trim()), ("level", crate::i18n::level_name(p.chmod))],
    );
    view! {
        <li data-testid="invitation" class:invitation--asked=asked aria-current=asked.then_some("true")>
            <span><strong>{name}</strong> " "
                <span class="muted">{from}</span></span>
            <span>
                <button class="button button--ghost" type="button" on:click=move |_| { answer.dispatch((kind, id, false)); }>{w.invitation_decline}</button> " "
                <button class="button" type="button" on:click=move |_| { answer.dispatch((kind, id, true)); }>{w.invitation_accept}</button>
            </span>
        </li>
    }
}
