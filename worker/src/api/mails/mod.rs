//! Mails between users (`/v1/mails`, roles mailboxes_read / mailboxes_post).
//! A user writes to the people they share an object with, or answers whoever
//! wrote to them: anyone else is a 404 naming the id, exactly as an id that
//! does not exist, so no one can probe accounts or spam strangers. Each
//! recipient gets their row and a mail through the outbox (their address is
//! never shown to the sender), in one batch; at most 50 an hour per sender.

mod repo;

use std::collections::BTreeMap;

use senzu_core::api::list::ListSpec;
use senzu_core::api::mails::SendMail;
use senzu_core::api::{Id, Keyed};
use senzu_core::auth::Role;
use senzu_core::mail::MailType;
use senzu_core::plugins::Lang;
use senzu_core::rate::{Limit, Who};
use senzu_core::ErrorCode;
use worker::{Request, Response};

use super::Call;
use crate::error::{AppError, AppResult, Context};
use crate::http::{created, json};
use crate::request;

fn no_mail(id: Id) -> AppError {
    AppError::not_found(format!("no mail with id {id}"))
}

/// `GET /v1/mails/sent`, newest first (without their content).
pub async fn sent(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    let me = call.caller.require_user(&call.db, Role::MailboxesRead, call.now).await?.id_user;
    let mails = repo::sent(&call.db, me).await?.into_iter().map(|m| m.into_sent(me, false)).collect();
    Ok(json(&Keyed(filters.apply(mails))))
}

/// `GET /v1/mails/received`, newest first (without their content).
pub async fn received(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    let me = call.caller.require_user(&call.db, Role::MailboxesRead, call.now).await?.id_user;
    let mails = repo::received(&call.db, me).await?.into_iter().map(|m| m.into_received(me, false)).collect();
    Ok(json(&Keyed(filters.apply(mails))))
}

/// `GET /v1/mails/sent/{id}`.
pub async fn get_sent(call: &Call<'_>, id: Id) -> AppResult<Response> {
    let me = call.caller.require_user(&call.db, Role::MailboxesRead, call.now).await?.id_user;
    let mail = repo::one_sent(&call.db, me, id).await?.ok_or_else(|| no_mail(id))?;
    Ok(json(&mail.into_sent(me, true)))
}

/// `GET /v1/mails/received/{id}`: reading it marks it read.
pub async fn get_received(call: &Call<'_>, id: Id) -> AppResult<Response> {
    let me = call.caller.require_user(&call.db, Role::MailboxesRead, call.now).await?.id_user;
    let mail = repo::read_received(&call.db, me, id, call.now).await?.ok_or_else(|| no_mail(id))?;
    Ok(json(&mail.into_received(me, true)))
}

/// `GET /v1/mails/contacts`: who the user may write to.
pub async fn contacts(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    let me = call.caller.require_user(&call.db, Role::MailboxesPost, call.now).await?.id_user;
    Ok(json(&Keyed(filters.apply(repo::contacts(&call.db, me).await?))))
}

/// `POST /v1/mails` (`id_user_recipient`, `subject`, `content`): 201 with one
/// sent mail per recipient.
pub async fn send(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let me = call.caller.require_user(&call.db, Role::MailboxesPost, call.now).await?.id_user;
    let mail: SendMail = request::parse(req).await?;
    if mail.subject.is_none() && mail.content.is_none() {
        return Err(AppError::api(ErrorCode::MissingArgument, "missing argument: subject or content"));
    }
    let wanted = mail.id_user_recipient.ids();
    let people = repo::recipients(&call.db, me, wanted).await?;
    if let Some(unknown) = wanted.iter().find(|id| !people.iter().any(|p| p.id == **id)) {
        return Err(AppError::not_found(format!(
            "id_user_recipient: no user {unknown} you share an object with or who wrote to you"
        )));
    }
    let sender = repo::person(&call.db, me)
        .await?
        .ok_or_else(|| AppError::Internal { context: "mail sender", cause: "the caller has no row".into() })?;
    crate::rate::hits(&call.db, Limit::UserMail, 0, Who::User(me), wanted.len() as i64, call.now).await?;
    let (subject, content) = (mail.subject.as_ref().map(|s| s.as_str()), mail.content.as_ref().map(|c| c.as_str()));
    let mut batch = Vec::with_capacity(people.len() * 2);
    for person in &people {
        batch.push(repo::insert(&call.db, me, person.id, subject, content, call.now)?);
        let mut data = BTreeMap::new();
        data.insert("firstname", person.firstname.clone().unwrap_or_default());
        data.insert("sender", sender.as_mail_user().display());
        data.insert("subject", subject.unwrap_or_default().to_string());
        data.insert("content", content.unwrap_or_default().to_string());
        data.insert("mails_url", format!("{}/account#mails", call.origin));
        let lang = Lang::from_accept_language(&person.language);
        batch.push(crate::mailer::compose(&call.db, None, MailType::UserMessage, lang, &person.email, &data).await?);
    }
    let results = call.db.batch(batch).await.context("send mails")?;
    let mut sent = Vec::with_capacity(people.len());
    for (at, person) in people.iter().enumerate() {
        #[derive(serde::Deserialize)]
        struct Made {
            id: i64,
        }
        let made: Vec<Made> =
            results.get(at * 2).map(|r| r.results()).transpose().context("sent mail id")?.unwrap_or_default();
        let id = made
            .first()
            .map(|m| m.id)
            .ok_or_else(|| AppError::Internal { context: "send mails", cause: "no row after insert".into() })?;
        sent.push(senzu_core::api::mails::SentMail {
            id,
            id_user_sender: me,
            id_user_recipient: Some(person.id),
            user_recipient: person.as_mail_user(),
            subject: subject.map(str::to_string),
            content: Some(content.unwrap_or_default().to_string()),
            is_read: false,
            date_created: senzu_core::api::ApiDate::from_unix(call.now),
        });
    }
    crate::mailer::deliver_later(call.env, call.ctx);
    Ok(created(&Keyed(sent)))
}
