//! A visitor's details, left through a contact exchange plugin of the play they
//! opened: checked (core::contacts), limited per visitor and per plugin, kept
//! for the owner and mailed to the owner and — with a link to delete them — to
//! the visitor, in one batch. A bot that fills the honeypot is answered as if
//! it had worked, and nothing is kept or counted.

use std::collections::BTreeMap;

use senzu_core::api::contacts::ExchangeContact;
use senzu_core::contacts;
use senzu_core::mail::MailType;
use senzu_core::plugins::{Kind, Lang};
use senzu_core::rate::{Limit, Who};
use senzu_core::secrets;
use worker::{Context as WorkerContext, Env};

use super::{repo, unlocked_plugin, Resolved, Visitor};
use crate::error::{AppError, AppResult, Context};

/// Where the confirmation mail's link lands: the SPA page that asks before it
/// deletes (a mail scanner following links must not delete anything). The token
/// travels in the fragment, so it reaches no server log.
const FORGET_PAGE: &str = "/forget-contact";

/// The hash a forget token is kept as.
pub fn forget_hash(token: &str) -> String {
    secrets::sha256_hex(&[b"senzu contact forget token\0", token.as_bytes()])
}

pub async fn exchange_contact(
    env: &Env,
    ctx: &WorkerContext,
    resolved: &Resolved,
    id_plugin: i64,
    visitor: &Visitor,
    given: &ExchangeContact,
    origin: &str,
) -> AppResult<()> {
    let missing = "no contact exchange with this id on this play";
    let (p, db, master) =
        unlocked_plugin(env, resolved, id_plugin, Some(Kind::ContactExchange), visitor, missing).await?;
    let id_application = resolved.id_application().ok_or_else(|| AppError::Internal {
        context: "contact exchange",
        cause: "a play without application".into(),
    })?;
    if contacts::is_bot(given) {
        return Ok(());
    }
    let exchange = contacts::validate(given).map_err(AppError::Api)?;
    let who = master.limit_key(&visitor.ip);
    crate::rate::hit(&db, Limit::ContactExchange, p.id, Who::Visitor(&who), visitor.now).await?;
    crate::rate::hit(&db, Limit::ContactFlood, p.id, Who::Anyone, visitor.now).await?;
    let token = crate::auth::crypto::random_hex(24)?;
    let hash = forget_hash(&token);
    let contact = repo::NewContact {
        id_application,
        id_plugin: p.id,
        id_record: resolved.id_record(),
        id_product: resolved.id_product(),
        exchange: &exchange,
        forget_hash: &hash,
        now: visitor.now,
    };
    let mut batch = vec![repo::insert_contact(&db, &contact)?];
    let owner = repo::app_owner(&db, id_application).await?;
    let title = owner.as_ref().map_or_else(|| "Senzu".to_string(), |o| o.title.clone());
    let mut data = BTreeMap::new();
    for (key, value) in [
        ("name", &exchange.name),
        ("email", &exchange.email),
        ("phone", &exchange.phone),
        ("company", &exchange.company),
        ("note", &exchange.note),
    ] {
        if let Some(v) = value {
            data.insert(key, v.clone());
        }
    }
    data.insert("object", title);
    if let Some(owner) = owner {
        let mut to_owner = data.clone();
        to_owner.insert("firstname", owner.firstname.unwrap_or_default());
        to_owner.insert("contacts_url", format!("{origin}/dashboard/contacts"));
        let lang = Lang::from_accept_language(&owner.language);
        batch.push(crate::mailer::compose(&db, None, MailType::ContactExchange, lang, &owner.email, &to_owner).await?);
    }
    if let Some(email) = &exchange.email {
        let mut to_visitor = data;
        to_visitor.insert("firstname", exchange.name.clone().unwrap_or_default());
        to_visitor.insert("forget_url", format!("{origin}{FORGET_PAGE}#{token}"));
        batch
            .push(crate::mailer::compose(&db, None, MailType::ContactReceipt, visitor.lang, email, &to_visitor).await?);
    }
    db.batch(batch).await.context("keep and mail a contact")?;
    crate::mailer::deliver_later(env, ctx);
    Ok(())
}
