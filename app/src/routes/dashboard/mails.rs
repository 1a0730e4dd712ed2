//! The account page's mails (`#mails`): what others wrote to the owner and
//! what the owner wrote, a mail opened in place (reading marks it read), and
//! writing to the people one shares an object with — or answering a sender.

use leptos::prelude::*;
use senzu_core::api::mails::{MailUser, ReceivedMail, Recipients, SendMail, SentMail};
use senzu_core::api::{ApiDate, Id, Name};
use senzu_core::{ApiError, ErrorCode};

use super::{action_status, errors_view};
use crate::api;

fn when(date: &ApiDate) -> String {
    date.date.get(..16).unwrap_or(&date.date).to_string()
}

fn subject_of(subject: &Option<String>) -> String {
    subject.clone().filter(|s| !s.trim().is_empty()).unwrap_or_else(|| crate::i18n::dash().mails_no_subject.into())
}

/// A typed text that may be left empty.
fn optional<const MAX: usize>(v: &str, field: &str) -> Result<Option<Name<MAX>>, ApiError> {
    if v.trim().is_empty() {
        return Ok(None);
    }
    Name::new(v).map(Some).map_err(|why| ApiError::new(ErrorCode::BadArgument, format!("{field}: {why}")))
}

/// Which mail is open: received or sent, by id.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Received(Id),
    Sent(Id),
}

#[component]
pub fn MailsSection() -> impl IntoView {
    let w = crate::i18n::dash();
    let boxes = LocalResource::new(|| async {
        let received = api::mails::received().await?;
        let sent = api::mails::sent().await?;
        let contacts = api::mails::contacts().await?;
        Ok::<_, ApiError>((received, sent, contacts))
    });
    let open = RwSignal::new(None::<Open>);
    let to = RwSignal::new(String::new());
    let subject = RwSignal::new(String::new());
    let content = RwSignal::new(String::new());
    let send = Action::new_local(move |_: &()| async move {
        let id = to.get_untracked();
        let id_user_recipient =
            Recipients::parse(&id).map_err(|_| ApiError::new(ErrorCode::MissingArgument, w.mails_pick_someone))?;
        let mail = SendMail {
            id_user_recipient,
            subject: optional(&subject.get_untracked(), "subject")?,
            content: optional(&content.get_untracked(), "content")?,
        };
        let sent = api::mails::send(&mail).await?;
        subject.set(String::new());
        content.set(String::new());
        boxes.refetch();
        Ok::<_, ApiError>(sent)
    });
    // Answering a sender fills the form with them and "Re: …".
    let answer = Callback::new(move |(sender, about): (Id, String)| {
        to.set(sender.to_string());
        subject.set(if about.starts_with("Re: ") { about } else { format!("Re: {about}") });
        if let Some(el) = document().get_element_by_id("mail-content") {
            use leptos::wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
    view! {
        <section class="panel" id="mails" aria-labelledby="mails-title">
            <h2 id="mails-title">{w.mails_title}</h2>
            <p class="muted">{w.mails_intro}</p>
            <Suspense fallback=move || view! { <p class="muted">{w.loading}</p> }>
                <ErrorBoundary fallback=errors_view>
                    {move || Suspend::new(async move {
                        boxes.await.map(|(received, sent, contacts)| view! {
                            <Write contacts to subject content send />
                            <div class="mailboxes">
                                <Inbox received open answer />
                                <Outbox sent open />
                            </div>
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
        </section>
    }
}

#[component]
fn Write(
    contacts: Vec<MailUser>,
    to: RwSignal<String>,
    subject: RwSignal<String>,
    content: RwSignal<String>,
    send: Action<(), Result<Vec<SentMail>, ApiError>>,
) -> impl IntoView {
    let w = crate::i18n::dash();
    if contacts.is_empty() {
        return view! {
            <p class="empty" data-testid="no-mail-contacts">{w.mails_nobody}</p>
        }
        .into_any();
    }
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send.dispatch(());
    };
    view! {
        <form class="form" on:submit=submit data-testid="mail-form">
            <label class="field"><span>{w.mails_to}</span>
                <select required prop:value=move || to.get() on:change=move |ev| to.set(event_target_value(&ev))>
                    <option value="">{w.mails_choose}</option>
                    {contacts.into_iter().filter_map(|c| c.id.map(|id| (id, c.display()))).map(|(id, name)| view! {
                        <option value=id.to_string()>{name}</option>
                    }).collect_view()}
                </select></label>
            <label class="field"><span>{w.mails_subject}</span>
                <input maxlength="200" prop:value=move || subject.get()
                    on:input=move |ev| subject.set(event_target_value(&ev)) /></label>
            <label class="field"><span>{w.mails_message}</span>
                <textarea id="mail-content" rows="4" maxlength="10000" prop:value=move || content.get()
                    on:input=move |ev| content.set(event_target_value(&ev))></textarea></label>
            <div class="form__actions">
                <button class="button" type="submit" disabled=move || send.pending().get()>
                    {move || if send.pending().get() { w.mails_sending } else { w.mails_send }}</button>
            </div>
            {move || send.value().try_with(|v| match v {
                Some(Ok(_)) => Some(view! { <p class="form-ok" role="status" data-testid="mail-sent">{w.mails_sent}</p> }.into_any()),
                _ => None,
            }).flatten()}
            {move || match send.value().try_with(|v| matches!(v, Some(Err(_)))) {
                Some(true) => action_status(send).into_any(),
                _ => ().into_any(),
            }}
        </form>
    }
    .into_any()
}

#[component]
fn Inbox(received: Vec<ReceivedMail>, open: RwSignal<Option<Open>>, answer: Callback<(Id, String)>) -> impl IntoView {
    let w = crate::i18n::dash();
    let unread = received.iter().filter(|m| !m.is_read).count();
    view! {
        <div class="mailbox">
            <h3>{if unread > 0 { senzu_core::i18n::fill(w.mails_received_unread, &[("n", &unread.to_string())]) } else { w.mails_received.to_string() }}</h3>
            {if received.is_empty() {
                view! { <p class="muted">{w.mails_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="rows mail-list" data-testid="received">
                        {received.into_iter().map(|m| {
                            let id = m.id;
                            let from = m.user_sender.display();
                            let about = subject_of(&m.subject);
                            let sender = m.id_user_sender;
                            view! {
                                <li class="mail-row" class:mail-row--unread=!m.is_read data-testid="received-mail">
                                    <button class="link-button" type="button" aria-expanded=move || (open.get() == Some(Open::Received(id))).to_string()
                                        on:click=move |_| open.update(|o| *o = if *o == Some(Open::Received(id)) { None } else { Some(Open::Received(id)) })>
                                        {about.clone()}</button>
                                    <span class="muted">{format!("{from} · {}", when(&m.date_created))}</span>
                                    <Show when=move || open.get() == Some(Open::Received(id))>
                                        <MailBody id received=true />
                                        {sender.map(|s| {
                                            let about = about.clone();
                                            view! { <button class="button button--ghost" type="button" data-testid="answer"
                                                on:click=move |_| answer.run((s, about.clone()))>{w.mails_answer}</button> }
                                        })}
                                    </Show>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </div>
    }
}

#[component]
fn Outbox(sent: Vec<SentMail>, open: RwSignal<Option<Open>>) -> impl IntoView {
    let w = crate::i18n::dash();
    view! {
        <div class="mailbox">
            <h3>{w.mails_sent_box}</h3>
            {if sent.is_empty() {
                view! { <p class="muted">{w.mails_not_written}</p> }.into_any()
            } else {
                view! {
                    <ul class="rows mail-list" data-testid="sent">
                        {sent.into_iter().map(|m| {
                            let id = m.id;
                            let to = m.user_recipient.display();
                            view! {
                                <li class="mail-row" data-testid="sent-mail">
                                    <button class="link-button" type="button" aria-expanded=move || (open.get() == Some(Open::Sent(id))).to_string()
                                        on:click=move |_| open.update(|o| *o = if *o == Some(Open::Sent(id)) { None } else { Some(Open::Sent(id)) })>
                                        {subject_of(&m.subject)}</button>
                                    <span class="muted">{senzu_core::i18n::fill(w.mails_to_whom, &[
                                        ("name", &to), ("date", &when(&m.date_created)),
                                        ("state", if m.is_read { w.mails_read } else { w.mails_unread }),
                                    ])}</span>
                                    <Show when=move || open.get() == Some(Open::Sent(id))>
                                        <MailBody id received=false />
                                    </Show>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </div>
    }
}

/// A mail's whole text, read when it is opened (a received one is then read).
#[component]
fn MailBody(id: Id, received: bool) -> impl IntoView {
    let text = LocalResource::new(move || async move {
        if received {
            api::mails::read(id).await.map(|m| m.content.unwrap_or_default())
        } else {
            api::mails::one_sent(id).await.map(|m| m.content.unwrap_or_default())
        }
    });
    view! {
        <Suspense fallback=|| view! { <p class="muted">{crate::i18n::dash().loading}</p> }>
            {move || Suspend::new(async move {
                match text.await {
                    Ok(t) => view! { <p class="mail-body" data-testid="mail-body">{t}</p> }.into_any(),
                    Err(error) => view! { <crate::components::ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
