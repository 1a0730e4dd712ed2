//! Scan entry points (`/p/…`, `/s/…`: the app shell with the play inline) and
//! the `/v1/plays/…` JSON routes.

mod repo;

use senzu_core::api::auth::Status;
use senzu_core::api::contacts::ExchangeContact;
use senzu_core::api::plays::{LostReport, PlayRefused, PlayShare, QuoteAnswer, SharePlay};
use senzu_core::api::ApiDate;
use senzu_core::entry::PlayRef;
use senzu_core::rate::{Limit, Who};
use senzu_core::{page, ErrorCode};
use worker::{Context as WorkerContext, Env, Request, Response};

use crate::error::{AppError, AppResult, Context};
use crate::http::{self, created, html_response, query_param};
use crate::plays::{self, Visitor};
use crate::request::{self, body as body_args};

pub fn record_ref(segment: &str) -> AppResult<PlayRef> {
    PlayRef::parse_record(segment).map_err(|e| AppError::api(ErrorCode::BadArgument, e.to_string()))
}

pub fn shared_ref(segment: &str) -> AppResult<PlayRef> {
    PlayRef::parse_shared(segment).map_err(|e| AppError::api(ErrorCode::BadArgument, e.to_string()))
}

/// The app shell with the play (or its error page) inline: one round trip.
pub async fn page(req: &Request, env: &Env, ctx: &WorkerContext, play_ref: PlayRef) -> AppResult<Response> {
    let visitor = Visitor::from_request(req, None);
    let resolved = plays::resolve(env, &play_ref, &visitor).await?;
    plays::record_later(ctx, env, &resolved, &visitor, None);
    let shell = app_shell(env, req).await?;
    let (html, csp) = page::with_inline_play(&shell, &resolved.page);
    Ok(http::with_cookies(html_response(html, resolved.status(), &csp), &resolved.cookies))
}

/// play.html from the static assets: the play bundle's shell, which loads only
/// what a phone needs (assets serve play.html at /play; without one, the
/// single-page fallback answers the full app's index.html).
async fn app_shell(env: &Env, req: &Request) -> AppResult<String> {
    let assets = env.assets("ASSETS").context("binding ASSETS")?;
    let origin = request::origin(req).unwrap_or_else(|| "http://localhost".into());
    let mut resp = assets.fetch(format!("{origin}/play"), None).await.context("fetching play.html")?;
    resp.text().await.context("reading play.html")
}

/// `GET /v1/plays/…[/plugins/{id}]`: the play (or one plugin) as JSON.
pub async fn json(
    req: &Request,
    env: &Env,
    ctx: &WorkerContext,
    play_ref: PlayRef,
    id_plugin: Option<i64>,
) -> AppResult<Response> {
    let visitor = Visitor::from_request(req, query_param(req, "password"));
    let resolved = plays::resolve(env, &play_ref, &visitor).await?;
    if let Some(error) = &resolved.page.error {
        let refused =
            PlayRefused { error: error.clone(), lost: resolved.page.lost.clone(), pair: resolved.page.pair.clone() };
        return Ok(http::with_cookies(http::json_status(&refused, resolved.status()), &resolved.cookies));
    }
    let answer = match id_plugin {
        None => {
            plays::record_later(ctx, env, &resolved, &visitor, None);
            let play = resolved.page.play.as_ref().ok_or_else(|| AppError::Internal {
                context: "resolved play",
                cause: "a play without error has no play".into(),
            })?;
            http::json(play)
        }
        Some(id) => {
            let plugin = plays::open_plugin(env, &resolved, id, &visitor).await?;
            plays::record_later(ctx, env, &resolved, &visitor, Some(id));
            http::json(&plugin)
        }
    };
    Ok(http::with_cookies(answer, &resolved.cookies))
}

/// `POST /v1/plays/…/lost-report` (`message`, optional `contact`): a finder writes to the owner.
pub async fn lost_report(req: &mut Request, env: &Env, ctx: &WorkerContext, play_ref: PlayRef) -> AppResult<Response> {
    let given: LostReport = request::from_args(&body_args(req).await?)?;
    let message = given.message.as_deref().map(str::trim).unwrap_or_default();
    if message.is_empty() {
        return Err(AppError::api(ErrorCode::MissingArgument, "missing argument: message"));
    }
    if message.chars().count() > 2000 {
        return Err(AppError::api(ErrorCode::BadArgument, "bad argument: message is longer than 2000 characters"));
    }
    let contact = given.contact.as_deref().map(str::trim).filter(|c| !c.is_empty());
    if contact.is_some_and(|c| c.chars().count() > 200) {
        return Err(AppError::api(ErrorCode::BadArgument, "bad argument: contact is longer than 200 characters"));
    }
    let visitor = Visitor::from_request(req, None);
    let resolved = plays::resolve(env, &play_ref, &visitor).await?;
    let origin = request::origin(req).unwrap_or_default();
    plays::lost_report(env, ctx, &resolved, &visitor, plays::FinderReport { message, contact, origin: &origin })
        .await?;
    Ok(created(&Status::new("sent")))
}

/// `POST /v1/plays/…/plugins/{id}/contact`: a visitor leaves their details for
/// the owner through a contact exchange plugin of this play (core::contacts
/// says what is accepted; plays::exchange what happens to it).
pub async fn contact(
    req: &mut Request,
    env: &Env,
    ctx: &WorkerContext,
    play_ref: PlayRef,
    id_plugin: i64,
) -> AppResult<Response> {
    let given: ExchangeContact = request::from_args(&body_args(req).await?)?;
    let visitor = Visitor::from_request(req, given.password.clone());
    let resolved = plays::resolve(env, &play_ref, &visitor).await?;
    if let Some(error) = resolved.page.error.clone() {
        return Err(AppError::Api(error));
    }
    let origin = request::origin(req).unwrap_or_default();
    plays::exchange_contact(env, ctx, &resolved, id_plugin, &visitor, &given, &origin).await?;
    Ok(created(&Status::new("sent")))
}

/// `POST /v1/plays/{id_record}/{key}/share` (`expiration_time`, seconds; at most 30 days, 7 by
/// default): whoever holds a static record's key may pass its play on as a share link — the
/// play must open (not lost, disabled or locked), and the link ends on its own.
pub async fn share(req: &mut Request, env: &Env, id_record: i64, key: &str) -> AppResult<Response> {
    let given: SharePlay = request::from_args(&body_args(req).await?)?;
    let seconds = match given.expiration_time {
        None => 7 * 86_400,
        Some(s) => Some(s).filter(|s| (60..=30 * 86_400).contains(s)).ok_or_else(|| {
            AppError::api(ErrorCode::BadArgument, "bad argument: expiration_time must be 60 seconds to 30 days")
        })?,
    };
    let play_ref = PlayRef::parse_record(key).map_err(|e| AppError::api(ErrorCode::BadArgument, e.to_string()))?;
    if !matches!(play_ref, PlayRef::Static { .. }) {
        return Err(AppError::api(ErrorCode::BadArgument, "bad argument: key must be a static record's key"));
    }
    let visitor = Visitor::from_request(req, None);
    let resolved = plays::resolve(env, &play_ref, &visitor).await?;
    if resolved.id_record() != Some(id_record) {
        return Err(AppError::not_found(format!("no record {id_record} with this key")));
    }
    if let Some(error) = resolved.page.error.clone() {
        return Err(AppError::Api(error));
    }
    let id_app = resolved.id_application().ok_or_else(|| AppError::not_found("no application to share"))?;
    let now = crate::db::now();
    let db = crate::db::database(env)?;
    let who = crate::keys::master_key(env)?.limit_key(&visitor.ip);
    crate::rate::hit(&db, Limit::PlayShare, id_record, Who::Visitor(&who), now).await?;
    let public_key = crate::auth::crypto::random_hex(16)?;
    repo::insert_share(&db, id_record, id_app, &public_key, now, now + seconds).await?;
    let origin = request::origin(req).unwrap_or_default();
    Ok(created(&PlayShare {
        id_application: id_app,
        id_creator: None,
        url: format!("{origin}/s/{public_key}"),
        public_key,
        is_enabled: true,
        date_created: ApiDate::from_unix(now),
        date_expired: ApiDate::from_unix(now + seconds),
    }))
}

/// `POST /v1/plays/…/plugins/{id}/quote`: a visitor's charter quote request,
/// sent to the owner's Sengerio account with the visitor's language.
pub async fn quote(req: &mut Request, env: &Env, play_ref: PlayRef, id_plugin: i64) -> AppResult<Response> {
    let values = body_args(req).await?;
    let visitor = Visitor::from_request(req, values.get("password").cloned());
    let resolved = plays::resolve(env, &play_ref, &visitor).await?;
    if let Some(error) = resolved.page.error.clone() {
        return Err(AppError::Api(error));
    }
    match plays::send_quote(env, &resolved, id_plugin, &visitor, &values).await? {
        Ok(()) => Ok(created(&QuoteAnswer { status: "sent".into(), message: None })),
        // The visitor's own mistakes are named; a partner that fails is said plainly.
        Err(crate::partners::Failure::Invalid(message)) => {
            Err(AppError::api(ErrorCode::BadArgument, format!("bad argument: {message}")))
        }
        Err(failure) => {
            worker::console_warn!("quote request to the partner failed: {failure}");
            Ok(http::json(&QuoteAnswer {
                status: "unavailable".into(),
                message: Some("The request could not be sent right now. Please try again later.".into()),
            }))
        }
    }
}
