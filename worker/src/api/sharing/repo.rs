//! The queries of sharing. Every function is one statement or one batch; the
//! table and column names come from [`Shared`], a closed enum.

use senzu_core::api::sharing::{Access, InvitedTo, Member, Pending, SharedObject};
use senzu_core::api::{ApiDate, Id, Issuer};
use senzu_core::chmod::Level;
use serde::Deserialize;
use worker::{D1Database, D1PreparedStatement};

use super::Shared;
use crate::db::{self, int, opt_int, opt_text, text};
use crate::error::{AppResult, Context};

#[derive(Deserialize)]
struct MaybeLevel {
    chmod: Option<i64>,
}

/// The user's accepted level on an object; a product's through the `product_access` view.
pub async fn level(db: &D1Database, shared: Shared, id: Id, id_user: Id) -> AppResult<Level> {
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
    let row: Option<MaybeLevel> = db::first(db, &sql, &[int(id), int(id_user)], "access level").await?;
    Ok(row.and_then(|r| r.chmod).map_or(Level::Nothing, Level::from_i64))
}

#[derive(Deserialize)]
struct NameRow {
    name: Option<String>,
}

/// The object's display name; `None` when there is no such object.
pub async fn object_name(db: &D1Database, shared: Shared, id: Id) -> AppResult<Option<String>> {
    let row: Option<NameRow> = db::first(db, shared.name_sql(), &[int(id)], "object name").await?;
    Ok(row.map(|r| r.name.unwrap_or_else(|| format!("{} {id}", shared.noun()))))
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

impl AccessRow {
    fn into_access(self, shared: Shared, id: Id, name: &str) -> Access {
        let accepted = self.is_enabled == 1;
        let object = Some(SharedObject { id, alias_name: name.to_string() });
        Access {
            id: self.id,
            product: object.clone().filter(|_| shared == Shared::Product),
            application: object.clone().filter(|_| shared == Shared::Application),
            group: object.filter(|_| shared == Shared::Group),
            user: Member {
                id: self.id_user,
                email: self.user_email.or(self.email),
                // Names stay hidden until the invitation is accepted (as documented).
                firstname: self.firstname.filter(|_| accepted),
                lastname: self.lastname.filter(|_| accepted),
            },
            chmod: Level::from_i64(self.chmod),
            is_enabled: accepted,
            date_created: ApiDate::from_unix(self.date_created),
            date_updated: ApiDate::opt(self.date_updated),
        }
    }
}

fn access_select(shared: Shared, filter: &str) -> String {
    format!(
        "SELECT x.id, x.id_user, x.email, u.email AS user_email, u.firstname, u.lastname, x.chmod, x.is_enabled, \
         x.date_created, x.date_updated FROM {} x LEFT JOIN users u ON u.id = x.id_user WHERE x.{} = ?1 {filter}",
        shared.access_table(),
        shared.column()
    )
}

/// Everyone with access to the object, invitations included; `name` is the object's.
pub async fn members(db: &D1Database, shared: Shared, id: Id, name: &str) -> AppResult<Vec<Access>> {
    let sql = access_select(shared, "ORDER BY x.chmod DESC, x.id");
    let rows: Vec<AccessRow> = db::all(db, &sql, &[int(id)], "object users").await?;
    Ok(rows.into_iter().map(|r| r.into_access(shared, id, name)).collect())
}

/// Whether the address already has access or an invitation.
pub async fn has_access(db: &D1Database, shared: Shared, id: Id, email: &str) -> AppResult<bool> {
    let sql = format!(
        "SELECT x.id FROM {} x LEFT JOIN users u ON u.id = x.id_user WHERE x.{} = ?1 AND (x.email = ?2 OR u.email = ?2)",
        shared.access_table(),
        shared.column()
    );
    Ok(db::id_of(db, &sql, &[int(id), text(email)], "existing access").await?.is_some())
}

/// Who an invitation goes to: an account by id, or an address waiting for one.
pub enum Invitee<'a> {
    Account(Id),
    Address(&'a str),
}

/// The invitation and its mail, in one batch.
pub async fn invite(
    db: &D1Database,
    shared: Shared,
    id: Id,
    invitee: &Invitee<'_>,
    id_issuer: Id,
    level: Level,
    mail: D1PreparedStatement,
) -> AppResult<()> {
    let (id_user, email) = match invitee {
        Invitee::Account(u) => (Some(*u), None),
        Invitee::Address(e) => (None, Some(*e)),
    };
    let insert = db::statement(
        db,
        &format!(
            "INSERT INTO {} ({}, id_user, email, id_issuer, chmod, is_enabled) VALUES (?1, ?2, ?3, ?4, ?5, 0)",
            shared.access_table(),
            shared.column()
        ),
        &[int(id), opt_int(id_user), opt_text(email), int(id_issuer), int(i64::from(u8::from(level)))],
        "insert access",
    )?;
    db.batch(vec![insert, mail]).await.context("grant access")?;
    Ok(())
}

/// The access of an address or an account.
pub async fn access_of(
    db: &D1Database,
    shared: Shared,
    id: Id,
    name: &str,
    email: &str,
    id_user: Option<Id>,
) -> AppResult<Option<Access>> {
    let sql = access_select(shared, "AND (x.email = ?2 OR x.id_user = ?3)");
    let row: Option<AccessRow> = db::first(db, &sql, &[int(id), text(email), opt_int(id_user)], "new access").await?;
    Ok(row.map(|r| r.into_access(shared, id, name)))
}

/// The access of a user (accepted or not).
pub async fn access_of_user(
    db: &D1Database,
    shared: Shared,
    id: Id,
    id_user: Id,
    name: &str,
) -> AppResult<Option<Access>> {
    let sql = access_select(shared, "AND x.id_user = ?2");
    let row: Option<AccessRow> = db::first(db, &sql, &[int(id), int(id_user)], "target access").await?;
    Ok(row.map(|r| r.into_access(shared, id, name)))
}

/// An invitation nobody accepted yet, by its id.
pub async fn invitation(
    db: &D1Database,
    shared: Shared,
    id: Id,
    id_invitation: Id,
    name: &str,
) -> AppResult<Option<Access>> {
    let sql = access_select(shared, "AND x.id = ?2 AND x.is_enabled = 0");
    let row: Option<AccessRow> = db::first(db, &sql, &[int(id), int(id_invitation)], "pending invitation").await?;
    Ok(row.map(|r| r.into_access(shared, id, name)))
}

pub async fn set_level(db: &D1Database, shared: Shared, id_row: Id, level: Level, now: i64) -> AppResult<()> {
    db::run(
        db,
        &format!("UPDATE {} SET chmod = ?2, date_updated = ?3 WHERE id = ?1", shared.access_table()),
        &[int(id_row), int(i64::from(u8::from(level))), int(now)],
        "update access",
    )
    .await?;
    Ok(())
}

/// The level of an invitation still not accepted; whether it was still pending.
pub async fn set_invitation_level(
    db: &D1Database,
    shared: Shared,
    id_row: Id,
    level: Level,
    now: i64,
) -> AppResult<bool> {
    let changed = db::run(
        db,
        &format!("UPDATE {} SET chmod = ?2, date_updated = ?3 WHERE id = ?1 AND is_enabled = 0", shared.access_table()),
        &[int(id_row), int(i64::from(u8::from(level))), int(now)],
        "update invitation",
    )
    .await?;
    Ok(changed > 0)
}

/// Removes an access row (or declines an invitation).
pub async fn remove(db: &D1Database, shared: Shared, id_row: Id) -> AppResult<()> {
    db::run(db, &format!("DELETE FROM {} WHERE id = ?1", shared.access_table()), &[int(id_row)], "remove access")
        .await?;
    Ok(())
}

/// Withdraws an invitation if it is still not accepted; whether it was.
pub async fn revoke(db: &D1Database, shared: Shared, id_row: Id) -> AppResult<bool> {
    let deleted = db::run(
        db,
        &format!("DELETE FROM {} WHERE id = ?1 AND is_enabled = 0", shared.access_table()),
        &[int(id_row)],
        "revoke invitation",
    )
    .await?;
    Ok(deleted > 0)
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

impl PendingRow {
    fn into_pending(self, shared: Shared) -> Pending {
        let object = Some(InvitedTo { id: self.id_object, alias_name: self.name, image_url: self.image });
        Pending {
            id: self.id,
            product: object.clone().filter(|_| shared == Shared::Product),
            application: object.clone().filter(|_| shared == Shared::Application),
            group: object.filter(|_| shared == Shared::Group),
            issuer: Issuer { id: self.id_issuer, firstname: self.issuer_firstname, lastname: self.issuer_lastname },
            chmod: Level::from_i64(self.chmod),
            date_created: ApiDate::from_unix(self.date_created),
        }
    }
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

/// The invitations waiting for the user (by id, or by their proven address), newest first.
pub async fn pending(db: &D1Database, shared: Shared, id_user: Id, email: Option<&str>) -> AppResult<Vec<Pending>> {
    let sql = pending_sql(shared, "ORDER BY x.id DESC");
    let rows: Vec<PendingRow> = db::all(db, &sql, &[int(id_user), opt_text(email)], "pending").await?;
    Ok(rows.into_iter().map(|r| r.into_pending(shared)).collect())
}

/// One invitation waiting for the user.
pub async fn pending_one(
    db: &D1Database,
    shared: Shared,
    id_user: Id,
    email: Option<&str>,
    id_row: Id,
) -> AppResult<Option<Pending>> {
    let sql = pending_sql(shared, "AND x.id = ?3");
    let row: Option<PendingRow> = db::first(db, &sql, &[int(id_user), opt_text(email), int(id_row)], "pending").await?;
    Ok(row.map(|r| r.into_pending(shared)))
}

/// Accepts an invitation for the user; `false` when they already had access.
pub async fn accept(db: &D1Database, shared: Shared, id_row: Id, id_user: Id, now: i64) -> AppResult<bool> {
    let updated = db::run(
        db,
        &format!(
            "UPDATE OR IGNORE {} SET id_user = ?2, email = NULL, is_enabled = 1, date_updated = ?3 WHERE id = ?1",
            shared.access_table()
        ),
        &[int(id_row), int(id_user), int(now)],
        "accept",
    )
    .await?;
    Ok(updated > 0)
}
