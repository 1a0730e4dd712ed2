//! Sharing products and applications: every user's chmod on an object, the
//! check each owner route makes, invitations by e-mail (pending until the
//! invited user accepts; an address without an account gets a mail and the
//! invitation waits for the account), and the pending inboxes.

use std::collections::BTreeMap;

use senzu_core::auth::{Email, Role};
use senzu_core::chmod::{self, Action, Level};
use senzu_core::mail::MailType;
use senzu_core::plugins::Lang;
use senzu_core::rate::{Limit, Who};
use senzu_core::wire::{list_object, ApiDate};
use senzu_core::ErrorCode;
use serde::Deserialize;
use serde_json::{json, Value};
use worker::{Request, Response};

use super::procedures::{user_by_id, verified_email_of, verified_user_by_email};
use super::Call;
use crate::args::{bad, Args};
use crate::db::{self, int, opt_int, opt_text, text};
use crate::error::{AppError, AppResult, Context};
use crate::http::json_response;

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

    /// The object's display name and image, as SQL over its table aliased `o`.
    fn name_sql(self) -> &'static str {
        match self {
            Shared::Product => {
                "SELECT COALESCE(o.alias, o.reference, i.name) AS name, i.url_image AS image FROM products o \
                 JOIN items i ON i.id = o.id_item WHERE o.id = ?1"
            }
            Shared::Application => {
                "SELECT COALESCE(o.alias_name, o.name) AS name, o.url_image AS image FROM applications o WHERE o.id = ?1"
            }
            Shared::Group => "SELECT o.alias_name AS name, NULL AS image FROM product_groups o WHERE o.id = ?1",
        }
    }
}

/// The caller's accepted level on an object; `Nothing` without a row. A
/// product's is the higher of its own row and its group's, capped as
/// core::chmod::product_level says (the `product_access` view).
pub async fn level_of(call: &Call<'_>, shared: Shared, id: i64, id_user: i64) -> AppResult<Level> {
    let sql = match shared {
        Shared::Product => {
            "SELECT max(chmod) AS chmod FROM product_access WHERE id_product = ?1 AND id_user = ?2".to_string()
        }
        _ => format!(
            "SELECT chmod FROM {} WHERE {} = ?1 AND id_user = ?2 AND is_enabled = 1",
            shared.access_table(),
            shared.column()
        ),
    };
    #[derive(Deserialize)]
    struct MaybeLevel {
        chmod: Option<i64>,
    }
    let row: Option<MaybeLevel> = db::first(&call.db, &sql, &[int(id), int(id_user)], "access level").await?;
    Ok(row.and_then(|r| r.chmod).map_or(Level::Nothing, Level::from_i64))
}

/// Checks the token's role and the caller's chmod for `action`. Someone who
/// cannot even see the object gets 404 (its existence is not confirmed).
pub async fn require(call: &Call<'_>, shared: Shared, id: i64, action: Action) -> AppResult<(i64, Level)> {
    let (read, manage) = shared.roles();
    let role = if action == Action::See { read } else { manage };
    let id_user = call.caller.require_user(&call.db, role, call.now).await?.id_user;
    let level = level_of(call, shared, id, id_user).await?;
    if level < Level::Reader {
        return Err(AppError::not_found(format!("no {} with id {id}", shared.noun())));
    }
    if !action.allowed(level) {
        let needs = action.needs();
        return Err(AppError::api(
            ErrorCode::Forbidden,
            format!(
                "this needs chmod {} ({}) on the {}; you have {} ({})",
                needs as u8,
                needs.name(false),
                shared.noun(),
                level as u8,
                level.name(false)
            ),
        ));
    }
    Ok((id_user, level))
}

fn parse_chmod(args: &Args) -> AppResult<Level> {
    Level::parse(args.req("chmod")?).map_err(|e| bad("chmod", e))
}

fn refuse(e: chmod::GrantError) -> AppError {
    AppError::api(ErrorCode::Forbidden, e.to_string())
}

#[derive(Deserialize)]
struct AccessRow {
    id: i64,
    id_user: Option<i64>,
    email: Option<String>,
    user_email: Option<String>,
    firstname: Option<String>,
    lastname: Option<String>,
    chmod: i64,
    is_enabled: i64,
    date_created: i64,
    date_updated: Option<i64>,
}

fn access_json(shared: Shared, id: i64, name: &str, r: &AccessRow) -> Value {
    let accepted = r.is_enabled == 1;
    json!({
        "id": r.id,
        shared.noun(): { "id": id, "alias_name": name },
        "user": {
            "id": r.id_user,
            "email": r.user_email.as_ref().or(r.email.as_ref()),
            // Names stay hidden until the invitation is accepted (as documented).
            "firstname": if accepted { r.firstname.clone() } else { None },
            "lastname": if accepted { r.lastname.clone() } else { None },
        },
        "chmod": r.chmod,
        "is_enabled": accepted,
        "date_created": ApiDate::from_unix(r.date_created),
        "date_updated": ApiDate::opt(r.date_updated),
    })
}

fn access_select(shared: Shared, filter: &str) -> String {
    format!(
        "SELECT x.id, x.id_user, x.email, u.email AS user_email, u.firstname, u.lastname, x.chmod, x.is_enabled, \
         x.date_created, x.date_updated FROM {} x LEFT JOIN users u ON u.id = x.id_user WHERE x.{} = ?1 {filter}",
        shared.access_table(),
        shared.column()
    )
}

#[derive(Deserialize)]
struct NameRow {
    name: Option<String>,
    image: Option<String>,
}

async fn object_name(call: &Call<'_>, shared: Shared, id: i64) -> AppResult<(String, Option<String>)> {
    let row: Option<NameRow> = db::first(&call.db, shared.name_sql(), &[int(id)], "object name").await?;
    let row = row.ok_or_else(|| AppError::not_found(format!("no {} with id {id}", shared.noun())))?;
    Ok((row.name.unwrap_or_else(|| format!("{} {id}", shared.noun())), row.image))
}

/// `GET /v1/{products|applications}/{id}/users`: everyone with access, invitations included.
pub async fn users(call: &Call<'_>, shared: Shared, id: i64) -> AppResult<Response> {
    require(call, shared, id, Action::See).await?;
    let (name, _) = object_name(call, shared, id).await?;
    let rows: Vec<AccessRow> =
        db::all(&call.db, &access_select(shared, "ORDER BY x.chmod DESC, x.id"), &[int(id)], "object users").await?;
    Ok(json_response(&list_object(rows.iter().map(|r| access_json(shared, id, &name, r))), 200))
}

/// `POST /v1/{products|applications}/{id}/access` (email, chmod): shares the
/// object. The invited user accepts it from their pending list; an address
/// without an account gets an invitation mail and the share waits for it.
pub async fn grant(call: &Call<'_>, req: &mut Request, shared: Shared, id: i64) -> AppResult<Response> {
    let (me, my_level) = require(call, shared, id, Action::Administer).await?;
    let args = Args::read(req).await?;
    let email = Email::parse(args.req("email")?).map_err(|e| bad("email", e))?;
    let level = parse_chmod(&args)?;
    if level == Level::Nothing {
        return Err(bad("chmod", "must be 1 to 5 to share; remove an access with DELETE"));
    }
    // Only an account that proved the address gets the invitation by id; any
    // other waits for the address to be proven (an unconfirmed change or an
    // unactivated sign-up must not collect it).
    let invitee = verified_user_by_email(call, &email).await?;
    chmod::may_grant(my_level, None, level, invitee.as_ref().is_some_and(|u| u.id == me)).map_err(refuse)?;
    let existing: Option<Value> = db::first(
        &call.db,
        &format!(
            "SELECT x.id FROM {} x LEFT JOIN users u ON u.id = x.id_user WHERE x.{} = ?1 \
             AND (x.email = ?2 OR u.email = ?2)",
            shared.access_table(),
            shared.column()
        ),
        &[int(id), text(email.as_str())],
        "existing access",
    )
    .await?;
    if existing.is_some() {
        return Err(AppError::api(
            ErrorCode::Conflict,
            format!("{} already has access or an invitation; change it with POST …/access/{{id_user}}", email.as_str()),
        ));
    }
    // Every grant mails the invitee: a sender's mails per hour are limited.
    crate::rate::hit(&call.db, Limit::InvitationMail, 0, Who::User(me), call.now).await?;
    let (name, _) = object_name(call, shared, id).await?;
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
    let insert = db::statement(
        &call.db,
        &format!(
            "INSERT INTO {} ({}, id_user, email, id_issuer, chmod, is_enabled) VALUES (?1, ?2, ?3, ?4, ?5, 0) RETURNING id",
            shared.access_table(),
            shared.column()
        ),
        &[
            int(id),
            opt_int(invitee.as_ref().map(|u| u.id)),
            opt_text(invitee.is_none().then_some(email.as_str())),
            int(me),
            int(level as i64),
        ],
        "insert access",
    )?;
    call.db.batch(vec![insert, mail]).await.context("grant access")?;
    crate::mailer::deliver_later(call.env, call.ctx);
    let row: AccessRow = db::first(
        &call.db,
        &access_select(shared, "AND (x.email = ?2 OR x.id_user = ?3)"),
        &[int(id), text(email.as_str()), opt_int(invitee.as_ref().map(|u| u.id))],
        "new access",
    )
    .await?
    .ok_or_else(|| AppError::Internal { context: "grant", cause: "the new access row is missing".into() })?;
    Ok(json_response(&access_json(shared, id, &name, &row), 200))
}

async fn target_access(call: &Call<'_>, shared: Shared, id: i64, id_user: i64) -> AppResult<AccessRow> {
    db::first(&call.db, &access_select(shared, "AND x.id_user = ?2"), &[int(id), int(id_user)], "target access")
        .await?
        .ok_or_else(|| AppError::not_found(format!("user {id_user} has no access to this {}", shared.noun())))
}

/// `POST /v1/{products|applications}/{id}/access/{id_user}` (chmod).
pub async fn update_access(
    call: &Call<'_>,
    req: &mut Request,
    shared: Shared,
    id: i64,
    id_user: i64,
) -> AppResult<Response> {
    let (me, my_level) = require(call, shared, id, Action::Administer).await?;
    let args = Args::read(req).await?;
    let level = parse_chmod(&args)?;
    let current = target_access(call, shared, id, id_user).await?;
    chmod::may_grant(my_level, Some(Level::from_i64(current.chmod)), level, id_user == me).map_err(refuse)?;
    db::run(
        &call.db,
        &format!("UPDATE {} SET chmod = ?2, date_updated = ?3 WHERE id = ?1", shared.access_table()),
        &[int(current.id), int(level as i64), int(call.now)],
        "update access",
    )
    .await?;
    let (name, _) = object_name(call, shared, id).await?;
    let row = target_access(call, shared, id, id_user).await?;
    Ok(json_response(&access_json(shared, id, &name, &row), 200))
}

/// `DELETE /v1/{products|applications}/{id}/access/{id_user}`.
pub async fn remove_access(call: &Call<'_>, shared: Shared, id: i64, id_user: i64) -> AppResult<Response> {
    let (me, my_level) = require(call, shared, id, Action::Administer).await?;
    let current = target_access(call, shared, id, id_user).await?;
    chmod::may_grant(my_level, Some(Level::from_i64(current.chmod)), Level::Nothing, id_user == me).map_err(refuse)?;
    db::run(
        &call.db,
        &format!("DELETE FROM {} WHERE id = ?1", shared.access_table()),
        &[int(current.id)],
        "remove access",
    )
    .await?;
    Ok(json_response(&json!({ "id": current.id, "deleted": true }), 200))
}

/// `DELETE /v1/{products|groups|applications}/{id}/invitations/{id_invitation}`:
/// withdraws an invitation nobody accepted yet (by address or by account).
/// The same rule as removing an access: at least Admin, and a level above
/// one's own (an Owner invitation) only by an Owner.
pub async fn revoke_invitation(call: &Call<'_>, shared: Shared, id: i64, id_invitation: i64) -> AppResult<Response> {
    let (me, my_level) = require(call, shared, id, Action::Administer).await?;
    let row: AccessRow = db::first(
        &call.db,
        &access_select(shared, "AND x.id = ?2 AND x.is_enabled = 0"),
        &[int(id), int(id_invitation)],
        "pending invitation",
    )
    .await?
    .ok_or_else(|| {
        AppError::not_found(format!("no pending invitation with id {id_invitation} on this {}", shared.noun()))
    })?;
    chmod::may_grant(my_level, Some(Level::from_i64(row.chmod)), Level::Nothing, row.id_user == Some(me))
        .map_err(refuse)?;
    let deleted = db::run(
        &call.db,
        &format!("DELETE FROM {} WHERE id = ?1 AND is_enabled = 0", shared.access_table()),
        &[int(row.id)],
        "revoke invitation",
    )
    .await?;
    if deleted == 0 {
        return Err(AppError::api(
            ErrorCode::Conflict,
            "this invitation was accepted meanwhile: remove the access instead",
        ));
    }
    Ok(json_response(&json!({ "id": row.id, "revoked": true }), 200))
}

#[derive(Deserialize)]
struct PendingRow {
    id: i64,
    id_object: i64,
    name: Option<String>,
    image: Option<String>,
    id_issuer: Option<i64>,
    issuer_firstname: Option<String>,
    issuer_lastname: Option<String>,
    chmod: i64,
    date_created: i64,
}

fn pending_sql(shared: Shared, filter: &str) -> String {
    let object = match shared {
        Shared::Product => "JOIN products o ON o.id = x.id_product JOIN items i ON i.id = o.id_item",
        Shared::Application => "JOIN applications o ON o.id = x.id_application",
        Shared::Group => "JOIN product_groups o ON o.id = x.id_group",
    };
    let name = match shared {
        Shared::Product => "COALESCE(o.alias, o.reference, i.name) AS name, i.url_image AS image",
        Shared::Application => "COALESCE(o.alias_name, o.name) AS name, o.url_image AS image",
        Shared::Group => "o.alias_name AS name, NULL AS image",
    };
    format!(
        "SELECT x.id, x.{col} AS id_object, {name}, x.id_issuer, iu.firstname AS issuer_firstname, \
         iu.lastname AS issuer_lastname, x.chmod, x.date_created FROM {table} x {object} \
         LEFT JOIN users iu ON iu.id = x.id_issuer \
         WHERE x.is_enabled = 0 AND (x.id_user = ?1 OR (x.id_user IS NULL AND x.email = ?2)) {filter}",
        col = shared.column(),
        table = shared.access_table(),
    )
}

/// The caller's id and proven e-mail (invitations may be addressed to it; an
/// unproven address matches none).
async fn me_and_email(call: &Call<'_>, shared: Shared) -> AppResult<(i64, Option<String>)> {
    let id_user = call.caller.require_user(&call.db, shared.roles().0, call.now).await?.id_user;
    Ok((id_user, verified_email_of(call, id_user).await?))
}

/// `GET /v1/{products|applications}/pending`: invitations waiting for the caller.
pub async fn pending(call: &Call<'_>, shared: Shared) -> AppResult<Response> {
    let (me, email) = me_and_email(call, shared).await?;
    let rows: Vec<PendingRow> = db::all(
        &call.db,
        &pending_sql(shared, "ORDER BY x.id DESC"),
        &[int(me), opt_text(email.as_deref())],
        "pending",
    )
    .await?;
    let items = rows.iter().map(|r| {
        json!({
            "id": r.id,
            shared.noun(): { "id": r.id_object, "alias_name": r.name, "image_url": r.image },
            "issuer": { "id": r.id_issuer, "firstname": r.issuer_firstname, "lastname": r.issuer_lastname },
            "chmod": r.chmod,
            "date_created": ApiDate::from_unix(r.date_created),
        })
    });
    Ok(json_response(&list_object(items), 200))
}

/// `POST /v1/{products|applications}/pending/{id}` (grant=true|false).
pub async fn answer_pending(call: &Call<'_>, req: &mut Request, shared: Shared, id_row: i64) -> AppResult<Response> {
    let args = Args::read(req).await?;
    let grant = args.opt_bool("grant")?.ok_or_else(|| crate::args::missing("grant"))?;
    answer(call, shared, id_row, grant).await
}

/// `GET /v1/agree-share-application?id=…`: a link in a mail (or an `<img>` on a
/// foreign page) must not accept anything, so it sends the browser to the
/// invitations page, where the person confirms with a POST.
pub fn confirmation_page(call: &Call<'_>, id_row: i64) -> AppResult<Response> {
    let to = format!("{}/dashboard/invitations?application={id_row}", call.origin);
    let mut resp = json_response(&json!({ "redirect": to }), 303);
    let _ = resp.headers_mut().set("location", &to);
    Ok(resp)
}

/// Accepting an invitation (`POST /v1/agree-share-application`, `id`).
pub async fn accept(call: &Call<'_>, shared: Shared, id_row: i64) -> AppResult<Response> {
    answer(call, shared, id_row, true).await
}

async fn answer(call: &Call<'_>, shared: Shared, id_row: i64, grant: bool) -> AppResult<Response> {
    let (me, email) = me_and_email(call, shared).await?;
    let row: PendingRow = db::first(
        &call.db,
        &pending_sql(shared, "AND x.id = ?3"),
        &[int(me), opt_text(email.as_deref()), int(id_row)],
        "pending",
    )
    .await?
    .ok_or_else(|| AppError::not_found(format!("no pending invitation with id {id_row}")))?;
    if !grant {
        db::run(&call.db, &format!("DELETE FROM {} WHERE id = ?1", shared.access_table()), &[int(row.id)], "decline")
            .await?;
        return Ok(json_response(&json!({ "id": row.id, "declined": true }), 200));
    }
    let updated = db::run(
        &call.db,
        &format!(
            "UPDATE OR IGNORE {} SET id_user = ?2, email = NULL, is_enabled = 1, date_updated = ?3 WHERE id = ?1",
            shared.access_table()
        ),
        &[int(row.id), int(me), int(call.now)],
        "accept",
    )
    .await?;
    if updated == 0 {
        return Err(AppError::api(ErrorCode::Conflict, format!("you already have access to this {}", shared.noun())));
    }
    Ok(json_response(
        &json!({
            "id": row.id,
            shared.column(): row.id_object,
            "id_issuer": row.id_issuer,
            "chmod": row.chmod,
            "alias_name": row.name,
            "is_enabled": true,
            "date_created": ApiDate::from_unix(row.date_created),
            "date_updated": ApiDate::from_unix(call.now),
        }),
        200,
    ))
}
