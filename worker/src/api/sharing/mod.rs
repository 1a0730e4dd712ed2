//! Sharing products, applications and groups: every user's chmod on an
//! object, the check each owner route makes, invitations by e-mail (pending
//! until the invited user accepts; an address without an account gets a mail
//! and the invitation waits for the account), and the pending inboxes.

mod repo;

use std::collections::BTreeMap;

use senzu_core::api::list::ListSpec;
use senzu_core::api::sharing::{
    Accepted, Access, AgreeShare, AnswerPending, Answered, Declined, Grant, Pending, Redirect, Revoked, UpdateAccess,
};
use senzu_core::api::{ApiDate, Deleted, Id, Keyed};
use senzu_core::auth::{Email, Role};
use senzu_core::chmod::{self, Action, Level};
use senzu_core::mail::MailType;
use senzu_core::plugins::Lang;
use senzu_core::rate::{Limit, Who};
use senzu_core::ErrorCode;
use worker::{Request, Response};

use super::procedures::{user_by_id, verified_email_of, verified_user_by_email};
use super::Call;
use crate::args::bad;
use crate::error::{AppError, AppResult};
use crate::http::{created, json};
use crate::request;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Shared {
    Product,
    Application,
    /// A products group: its chmod applies to every product in it.
    Group,
}

impl Shared {
    fn access_table(self) -> &'static str {
        match self {
            Shared::Product => "product_users",
            Shared::Application => "application_users",
            Shared::Group => "group_users",
        }
    }

    fn column(self) -> &'static str {
        match self {
            Shared::Product => "id_product",
            Shared::Application => "id_application",
            Shared::Group => "id_group",
        }
    }

    pub fn noun(self) -> &'static str {
        match self {
            Shared::Product => "product",
            Shared::Application => "application",
            Shared::Group => "group",
        }
    }

    /// The token role to read, and to change.
    fn roles(self) -> (Role, Role) {
        match self {
            Shared::Product => (Role::Products, Role::ManageProducts),
            Shared::Application => (Role::Applications, Role::ManageApplications),
            Shared::Group => (Role::Products, Role::ManageProducts),
        }
    }

    /// The object's display name, as SQL over its table aliased `o`.
    fn name_sql(self) -> &'static str {
        match self {
            Shared::Product => {
                "SELECT COALESCE(o.alias, o.reference, i.name) AS name FROM products o \
                 JOIN items i ON i.id = o.id_item WHERE o.id = ?1"
            }
            Shared::Application => "SELECT COALESCE(o.alias_name, o.name) AS name FROM applications o WHERE o.id = ?1",
            Shared::Group => "SELECT o.alias_name AS name FROM product_groups o WHERE o.id = ?1",
        }
    }
}

/// The caller's accepted level on an object; `Nothing` without a row. A
/// product's is the higher of its own row and its group's, capped as
/// core::chmod::product_level says (the `product_access` view).
pub async fn level_of(call: &Call<'_>, shared: Shared, id: Id, id_user: Id) -> AppResult<Level> {
    repo::level(&call.db, shared, id, id_user).await
}

/// Checks the token's role and the caller's chmod for `action`. Someone who
/// cannot even see the object gets 404 (its existence is not confirmed).
pub async fn require(call: &Call<'_>, shared: Shared, id: Id, action: Action) -> AppResult<(Id, Level)> {
    let (read, manage) = shared.roles();
    let role = if action == Action::See { read } else { manage };
    let id_user = call.caller.require_user(&call.db, role, call.now).await?.id_user;
    let level = level_of(call, shared, id, id_user).await?;
    if !Action::See.allowed(level) {
        return Err(AppError::not_found(format!("no {} with id {id}", shared.noun())));
    }
    if !action.allowed(level) {
        let needs = action.needs();
        return Err(AppError::api(
            ErrorCode::Forbidden,
            format!(
                "this needs chmod {} ({}) on the {}; you have {} ({})",
                u8::from(needs),
                needs.name(false),
                shared.noun(),
                u8::from(level),
                level.name(false)
            ),
        ));
    }
    Ok((id_user, level))
}

fn refuse(e: chmod::GrantError) -> AppError {
    AppError::api(ErrorCode::Forbidden, e.to_string())
}

async fn object_name(call: &Call<'_>, shared: Shared, id: Id) -> AppResult<String> {
    repo::object_name(&call.db, shared, id)
        .await?
        .ok_or_else(|| AppError::not_found(format!("no {} with id {id}", shared.noun())))
}

/// `GET /v1/{products|applications}/{id}/users`: everyone with access, invitations included.
pub async fn users(call: &Call<'_>, req: &Request, shared: Shared, id: Id) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    require(call, shared, id, Action::See).await?;
    let name = object_name(call, shared, id).await?;
    let members = repo::members(&call.db, shared, id, &name).await?;
    Ok(json(&Keyed(filters.apply(members))))
}

/// `POST /v1/{products|applications}/{id}/access` (email, chmod): shares the
/// object. The invited user accepts it from their pending list; an address
/// without an account gets an invitation mail and the share waits for it.
pub async fn grant(call: &Call<'_>, req: &mut Request, shared: Shared, id: Id) -> AppResult<Response> {
    let (me, my_level) = require(call, shared, id, Action::Administer).await?;
    let asked: Grant = request::parse(req).await?;
    let email = Email::parse(&asked.email).map_err(|e| bad("email", e))?;
    if asked.chmod == Level::Nothing {
        return Err(bad("chmod", "must be 1 to 5 to share; remove an access with DELETE"));
    }
    // Only an account that proved the address gets the invitation by id; any
    // other waits for the address to be proven (an unconfirmed change or an
    // unactivated sign-up must not collect it).
    let invitee = verified_user_by_email(call, &email).await?;
    chmod::may_grant(my_level, None, asked.chmod, invitee.as_ref().is_some_and(|u| u.id == me)).map_err(refuse)?;
    if repo::has_access(&call.db, shared, id, email.as_str()).await? {
        return Err(AppError::api(
            ErrorCode::Conflict,
            format!("{} already has access or an invitation; change it with POST …/access/{{id_user}}", email.as_str()),
        ));
    }
    // Every grant mails the invitee: a sender's mails per hour are limited.
    crate::rate::hit(&call.db, Limit::InvitationMail, 0, Who::User(me), call.now).await?;
    let name = object_name(call, shared, id).await?;
    let issuer = user_by_id(call, me).await?;
    let issuer_name = match (&issuer.firstname, &issuer.lastname) {
        (Some(f), Some(l)) => format!("{f} {l}"),
        (Some(f), None) => f.clone(),
        _ => issuer.email.clone(),
    };
    let mut data = BTreeMap::new();
    data.insert("firstname", invitee.as_ref().and_then(|u| u.firstname.clone()).unwrap_or_default());
    data.insert("issuer", issuer_name);
    data.insert("object", name.clone());
    data.insert("invitation_url", format!("{}/dashboard/invitations", call.origin));
    let lang = invitee.as_ref().map_or(call.lang, |u| Lang::from_accept_language(&u.language));
    let mail = crate::mailer::compose(&call.db, None, MailType::Invitation, lang, email.as_str(), &data).await?;
    let to = match &invitee {
        Some(u) => repo::Invitee::Account(u.id),
        None => repo::Invitee::Address(email.as_str()),
    };
    repo::invite(&call.db, shared, id, &to, me, asked.chmod, mail).await?;
    crate::mailer::deliver_later(call.env, call.ctx);
    let access = repo::access_of(&call.db, shared, id, &name, email.as_str(), invitee.as_ref().map(|u| u.id))
        .await?
        .ok_or_else(|| AppError::Internal { context: "grant", cause: "the new access row is missing".into() })?;
    Ok(created(&access))
}

async fn target_access(call: &Call<'_>, shared: Shared, id: Id, id_user: Id, name: &str) -> AppResult<Access> {
    repo::access_of_user(&call.db, shared, id, id_user, name)
        .await?
        .ok_or_else(|| AppError::not_found(format!("user {id_user} has no access to this {}", shared.noun())))
}

/// `POST /v1/{products|applications}/{id}/access/{id_user}` (chmod).
pub async fn update_access(
    call: &Call<'_>,
    req: &mut Request,
    shared: Shared,
    id: Id,
    id_user: Id,
) -> AppResult<Response> {
    let (me, my_level) = require(call, shared, id, Action::Administer).await?;
    let asked: UpdateAccess = request::parse(req).await?;
    let name = object_name(call, shared, id).await?;
    let current = target_access(call, shared, id, id_user, &name).await?;
    chmod::may_grant(my_level, Some(current.chmod), asked.chmod, id_user == me).map_err(refuse)?;
    repo::set_level(&call.db, shared, current.id, asked.chmod, call.now).await?;
    Ok(json(&target_access(call, shared, id, id_user, &name).await?))
}

/// `DELETE /v1/{products|applications}/{id}/access/{id_user}`.
pub async fn remove_access(call: &Call<'_>, shared: Shared, id: Id, id_user: Id) -> AppResult<Response> {
    let (me, my_level) = require(call, shared, id, Action::Administer).await?;
    let current = target_access(call, shared, id, id_user, "").await?;
    chmod::may_grant(my_level, Some(current.chmod), Level::Nothing, id_user == me).map_err(refuse)?;
    repo::remove(&call.db, shared, current.id).await?;
    Ok(json(&Deleted::of(current.id)))
}

/// `DELETE /v1/{products|groups|applications}/{id}/invitations/{id_invitation}`:
/// withdraws an invitation nobody accepted yet (by address or by account).
/// The same rule as removing an access: at least Admin, and a level above
/// one's own (an Owner invitation) only by an Owner.
pub async fn revoke_invitation(call: &Call<'_>, shared: Shared, id: Id, id_invitation: Id) -> AppResult<Response> {
    let (me, my_level) = require(call, shared, id, Action::Administer).await?;
    let invitation = repo::invitation(&call.db, shared, id, id_invitation, "").await?.ok_or_else(|| {
        AppError::not_found(format!("no pending invitation with id {id_invitation} on this {}", shared.noun()))
    })?;
    chmod::may_grant(my_level, Some(invitation.chmod), Level::Nothing, invitation.user.id == Some(me))
        .map_err(refuse)?;
    if !repo::revoke(&call.db, shared, invitation.id).await? {
        return Err(AppError::api(
            ErrorCode::Conflict,
            "this invitation was accepted meanwhile: remove the access instead",
        ));
    }
    Ok(json(&Revoked { id: invitation.id, revoked: true }))
}

/// `POST /v1/{products|groups|applications}/{id}/invitations/{id_invitation}` (chmod):
/// the level an invitation offers, changed before anyone accepts it (an invitation
/// to an address has no user id for `…/access/{id_user}`). The rules of a level change.
pub async fn update_invitation(
    call: &Call<'_>,
    req: &mut Request,
    shared: Shared,
    id: Id,
    id_invitation: Id,
) -> AppResult<Response> {
    let (me, my_level) = require(call, shared, id, Action::Administer).await?;
    let asked: UpdateAccess = request::parse(req).await?;
    if asked.chmod == Level::Nothing {
        return Err(bad("chmod", "must be 1 to 5; withdraw an invitation with DELETE"));
    }
    let name = object_name(call, shared, id).await?;
    let invitation = repo::invitation(&call.db, shared, id, id_invitation, &name).await?.ok_or_else(|| {
        AppError::not_found(format!("no pending invitation with id {id_invitation} on this {}", shared.noun()))
    })?;
    chmod::may_grant(my_level, Some(invitation.chmod), asked.chmod, invitation.user.id == Some(me)).map_err(refuse)?;
    if !repo::set_invitation_level(&call.db, shared, invitation.id, asked.chmod, call.now).await? {
        return Err(AppError::api(
            ErrorCode::Conflict,
            "this invitation was accepted meanwhile: change the access instead",
        ));
    }
    // The row as it is now, from what was read (no second read).
    let changed = Access { chmod: asked.chmod, date_updated: Some(ApiDate::from_unix(call.now)), ..invitation };
    Ok(json(&changed))
}

/// The caller's id and proven e-mail (invitations may be addressed to it; an
/// unproven address matches none).
async fn me_and_email(call: &Call<'_>, shared: Shared) -> AppResult<(Id, Option<String>)> {
    let id_user = call.caller.require_user(&call.db, shared.roles().0, call.now).await?.id_user;
    Ok((id_user, verified_email_of(call, id_user).await?))
}

/// `GET /v1/{products|applications}/pending`: invitations waiting for the caller.
pub async fn pending(call: &Call<'_>, req: &Request, shared: Shared) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    let (me, email) = me_and_email(call, shared).await?;
    let invitations: Vec<Pending> = repo::pending(&call.db, shared, me, email.as_deref()).await?;
    Ok(json(&Keyed(filters.apply(invitations))))
}

/// `POST /v1/{products|applications}/pending/{id}` (grant=true|false).
pub async fn answer_pending(call: &Call<'_>, req: &mut Request, shared: Shared, id_row: Id) -> AppResult<Response> {
    let asked: AnswerPending = request::parse(req).await?;
    answer(call, shared, id_row, asked.grant).await
}

/// `GET /v1/agree-share-application?id=…`: a link in a mail (or an `<img>` on a
/// foreign page) must not accept anything, so it sends the browser to the
/// invitations page, where the person confirms with a POST.
pub fn confirmation_page(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let AgreeShare { id } = request::from_args(&request::query(req))?;
    let to = format!("{}/dashboard/invitations?application={id}", call.origin);
    let mut resp = json(&Redirect { redirect: to.clone() }).with_status(303);
    let _ = resp.headers_mut().set("location", &to);
    Ok(resp)
}

/// Accepting an application's invitation (`POST /v1/agree-share-application`, `id`).
pub async fn agree_application(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let AgreeShare { id } = request::parse(req).await?;
    answer(call, Shared::Application, id, true).await
}

async fn answer(call: &Call<'_>, shared: Shared, id_row: Id, grant: bool) -> AppResult<Response> {
    let (me, email) = me_and_email(call, shared).await?;
    let invitation = repo::pending_one(&call.db, shared, me, email.as_deref(), id_row)
        .await?
        .ok_or_else(|| AppError::not_found(format!("no pending invitation with id {id_row}")))?;
    if !grant {
        repo::remove(&call.db, shared, invitation.id).await?;
        return Ok(json(&Answered::Declined(Declined { id: invitation.id, declined: true })));
    }
    if !repo::accept(&call.db, shared, invitation.id, me, call.now).await? {
        return Err(AppError::api(ErrorCode::Conflict, format!("you already have access to this {}", shared.noun())));
    }
    let object = invitation.object().cloned();
    let id_object = object.as_ref().map(|o| o.id);
    Ok(json(&Answered::Accepted(Accepted {
        id: invitation.id,
        id_product: id_object.filter(|_| shared == Shared::Product),
        id_application: id_object.filter(|_| shared == Shared::Application),
        id_group: id_object.filter(|_| shared == Shared::Group),
        id_issuer: invitation.issuer.id,
        chmod: invitation.chmod,
        alias_name: object.and_then(|o| o.alias_name),
        is_enabled: true,
        date_created: invitation.date_created,
        date_updated: ApiDate::from_unix(call.now),
    })))
}
