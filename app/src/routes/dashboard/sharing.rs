//! The sharing panel of a product, an application or a group: who has which
//! chmod, invitations by e-mail (pending until accepted, withdrawn by their
//! id), changing or removing an access. Admins (4) and owners (5) manage;
//! everyone else reads.

use leptos::prelude::*;
use senzu_core::api::routes::Shared;
use senzu_core::api::sharing::{Access, Grant, UpdateAccess};
use senzu_core::api::Id;
use senzu_core::chmod::{self, Action as Can, Level};
use senzu_core::ApiError;

use super::{action_status, level_options};
use crate::api::sharing;

/// The kind a page names (`"products"`, `"applications"`, `"groups"`).
fn shared_of(kind: &str) -> Shared {
    match kind {
        "groups" => Shared::Group,
        "applications" => Shared::Application,
        _ => Shared::Product,
    }
}

/// What a member row does.
#[derive(Clone)]
enum Change {
    Level(Id, Level),
    Remove(Id),
    Withdraw(Id),
    InvitationLevel(Id, Level),
}

#[component]
pub fn SharingPanel(kind: &'static str, id: Id, mine: Level) -> impl IntoView {
    let kind = shared_of(kind);
    let users = LocalResource::new(move || sharing::members(kind, id));
    let me = LocalResource::new(crate::api::me);
    let manages = Can::Administer.allowed(mine);
    let email = RwSignal::new(String::new());
    let chmod = RwSignal::new(Level::Reader);
    let invite = Action::new_local(move |asked: &Grant| {
        let asked = asked.clone();
        async move {
            let access = sharing::grant(kind, id, &asked).await?;
            email.set(String::new());
            users.refetch();
            Ok::<_, ApiError>(access)
        }
    });
    let change = Action::new_local(move |change: &Change| {
        let change = change.clone();
        async move {
            match change {
                Change::Level(u, chmod) => {
                    sharing::update_access(kind, id, u, &UpdateAccess { chmod }).await.map(|_| ())
                }
                Change::Remove(u) => sharing::remove_access(kind, id, u).await.map(|_| ()),
                Change::Withdraw(i) => sharing::revoke_invitation(kind, id, i).await.map(|_| ()),
                Change::InvitationLevel(i, chmod) => {
                    sharing::update_invitation(kind, id, i, &UpdateAccess { chmod }).await.map(|_| ())
                }
            }?;
            users.refetch();
            Ok::<_, ApiError>(())
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        invite.dispatch(Grant { email: email.get_untracked(), chmod: chmod.get_untracked() });
    };
    view! {
        <section class="panel" data-testid="sharing">
            <h2>{crate::i18n::panels().sharing}</h2>
            <Suspense fallback=|| view! { <p class="muted">{crate::i18n::dash().loading}</p> }>
                {move || Suspend::new(async move {
                    let me = me.await.ok().map(|m| m.id);
                    match users.await {
                        Err(e) => crate::routes::dashboard::failure(e),
                        Ok(list) => view! {
                            <ul class="rows share-list">
                                {list.into_iter().map(|user| view! { <UserRow user mine me change /> }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Suspense>
            {action_status(change)}
            {manages.then(|| view! {
                <form class="form form--inline" on:submit=submit data-testid="invite">
                    <label class="field"><span>{crate::i18n::panels().invite_by_email}</span>
                        <input type="email" required placeholder="friend@example.com" prop:value=move || email.get()
                            on:input=move |ev| email.set(event_target_value(&ev)) /></label>
                    <label class="field field--narrow"><span>{crate::i18n::panels().rights}</span>
                        <select on:change=move |ev| chmod.set(Level::parse(&event_target_value(&ev)).unwrap_or(Level::Reader))
                            prop:value=move || u8::from(chmod.get()).to_string()>
                            {level_options(mine)}
                        </select></label>
                    <button class="button" type="submit" disabled=move || invite.pending().get()>
                        {move || if invite.pending().get() { crate::i18n::panels().inviting } else { crate::i18n::panels().invite }}</button>
                </form>
                {action_status(invite)}
                <p class="muted small">{crate::i18n::panels().levels}</p>
            })}
        </section>
    }
}

#[component]
fn UserRow(user: Access, mine: Level, me: Option<Id>, change: Action<Change, Result<(), ApiError>>) -> impl IntoView {
    let level = user.chmod;
    let accepted = user.is_enabled;
    let id_user = user.user.id;
    let email = user.user.email.clone().unwrap_or_default();
    let name = match (&user.user.firstname, &user.user.lastname) {
        (Some(f), l) if !f.is_empty() => format!("{f} {}", l.clone().unwrap_or_default()),
        _ => email.clone(),
    };
    // Before acceptance an invitee has no name yet: their address shows once, not twice.
    let address = (name != email).then_some(email);
    let is_me = id_user.is_some() && id_user == me;
    // One manages others (never oneself) below oneself; only an owner touches an owner (core's rule).
    let editable = id_user.is_some() && chmod::may_grant(mine, Some(level), Level::Reader, is_me).is_ok();
    // An invitation to an address (no account yet, or none that proved it) is withdrawn by its own id.
    let withdrawable =
        !accepted && id_user.is_none() && chmod::may_grant(mine, Some(level), Level::Nothing, false).is_ok();
    let id_row = user.id;
    let set_level = move |ev: leptos::ev::Event| {
        if let (Some(u), Ok(l)) = (id_user, Level::parse(&event_target_value(&ev))) {
            change.dispatch(Change::Level(u, l));
        }
    };
    let remove = move |_| {
        if let Some(u) = id_user {
            change.dispatch(Change::Remove(u));
        }
    };
    let withdraw = move |_| {
        change.dispatch(Change::Withdraw(id_row));
    };
    // An invitation to an address offers a level that may change until it is accepted.
    let set_offered = move |ev: leptos::ev::Event| {
        if let Ok(l) = Level::parse(&event_target_value(&ev)) {
            change.dispatch(Change::InvitationLevel(id_row, l));
        }
    };
    view! {
        <li data-testid="share-row">
            <span>
                <strong>{name}</strong>
                {address.map(|a| view! { " " <span class="muted">{a}</span> })}
                {is_me.then(|| view! { " " <span class="badge">{crate::i18n::panels().you}</span> })}
                {(!accepted).then(|| view! { " " <span class="badge">{crate::i18n::panels().invited}</span> })}
            </span>
            <span class="share-list__actions">
                {if editable {
                    view! {
                        <select aria-label=crate::i18n::panels().rights on:change=set_level prop:value=u8::from(level).to_string()>
                            {level_options(mine)}
                        </select>
                        <button class="link-button" type="button" on:click=remove>{crate::i18n::panels().remove}</button>
                    }.into_any()
                } else if withdrawable {
                    view! {
                        <select aria-label=crate::i18n::panels().rights on:change=set_offered prop:value=u8::from(level).to_string()>
                            {level_options(mine)}
                        </select>
                        <button class="link-button" type="button" on:click=withdraw>{crate::i18n::panels().withdraw}</button>
                    }.into_any()
                } else {
                    view! { <span class="badge">{crate::i18n::level_name(level)}</span> }.into_any()
                }}
            </span>
        </li>
    }
}
