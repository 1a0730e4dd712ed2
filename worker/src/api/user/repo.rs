//! The queries of the signed-in user, its logs, tokens and addresses. Every
//! function is one statement.

use senzu_core::api::user::{Address, AddressUser, CallLog};
use senzu_core::api::{ApiDate, Id};
use serde::Deserialize;
use worker::D1Database;

use crate::db::{self, int, opt_int, opt_text, text};
use crate::error::{AppError, AppResult};

#[derive(Deserialize)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub username: Option<String>,
    pub firstname: Option<String>,
    pub lastname: Option<String>,
    pub gender: Option<i64>,
    pub birthdate: Option<i64>,
    pub language: String,
    pub country: Option<String>,
    pub phone: Option<String>,
    pub phone_mobile: Option<String>,
    pub is_active: i64,
    pub date_created: i64,
    pub date_updated: Option<i64>,
}

/// The account; a 404 when it is gone.
pub async fn user(db: &D1Database, id_user: Id) -> AppResult<UserRow> {
    db::first(
        db,
        "SELECT id, email, username, firstname, lastname, gender, birthdate, language, country, phone, phone_mobile, \
         is_active, date_created, date_updated FROM users WHERE id = ?1",
        &[int(id_user)],
        "user",
    )
    .await?
    .ok_or_else(|| AppError::not_found("the account no longer exists"))
}

/// What `POST /v1/user` changes: each `None` keeps the stored value.
pub struct UserChanges<'a> {
    pub username: Option<&'a str>,
    pub firstname: Option<&'a str>,
    pub lastname: Option<&'a str>,
    pub gender: Option<i64>,
    pub birthdate: Option<i64>,
    pub country: Option<&'a str>,
    pub language: Option<&'a str>,
}

pub async fn update_user(db: &D1Database, id_user: Id, c: &UserChanges<'_>, now: i64) -> AppResult<()> {
    db::run(
        db,
        "UPDATE users SET username = COALESCE(?2, username), firstname = COALESCE(?3, firstname), \
         lastname = COALESCE(?4, lastname), gender = COALESCE(?5, gender), birthdate = COALESCE(?6, birthdate), \
         country = COALESCE(?7, country), language = COALESCE(?8, language), date_updated = ?9 WHERE id = ?1",
        &[
            int(id_user),
            opt_text(c.username),
            opt_text(c.firstname),
            opt_text(c.lastname),
            opt_int(c.gender),
            opt_int(c.birthdate),
            opt_text(c.country),
            opt_text(c.language),
            int(now),
        ],
        "update user",
    )
    .await?;
    Ok(())
}

#[derive(Deserialize)]
struct CallRow {
    id: i64,
    id_api_app: Option<i64>,
    method: String,
    route: String,
    parameters: String,
    status: i64,
    date_created: i64,
}

impl CallRow {
    fn into_log(self) -> (CallLog, i64) {
        let created = self.date_created;
        let log = CallLog {
            id: self.id,
            id_api_app: self.id_api_app,
            method: self.method,
            route: self.route,
            parameters: self.parameters,
            status: self.status,
            date_created: ApiDate::from_unix(self.date_created),
        };
        (log, created)
    }
}

/// The most recent calls a log list reads before its filters apply.
const LOG_WINDOW: i64 = senzu_core::api::list::MAX_LIMIT as i64;

/// The account's calls, newest first (with their creation time for the filters).
pub async fn logs(db: &D1Database, id_user: Id) -> AppResult<Vec<(CallLog, i64)>> {
    let rows: Vec<CallRow> = db::all(
        db,
        "SELECT id, id_api_app, method, route, parameters, status, date_created FROM api_calls \
         WHERE id_user = ?1 ORDER BY id DESC LIMIT ?2",
        &[int(id_user), int(LOG_WINDOW)],
        "user logs",
    )
    .await?;
    Ok(rows.into_iter().map(CallRow::into_log).collect())
}

pub async fn log(db: &D1Database, id_user: Id, id: Id) -> AppResult<Option<CallLog>> {
    let row: Option<CallRow> = db::first(
        db,
        "SELECT id, id_api_app, method, route, parameters, status, date_created FROM api_calls WHERE id = ?1 AND id_user = ?2",
        &[int(id), int(id_user)],
        "user log",
    )
    .await?;
    Ok(row.map(|r| r.into_log().0))
}

#[derive(Deserialize)]
pub struct TokenRow {
    pub id: i64,
    pub kind: String,
    pub id_api_app: i64,
    pub display_name: String,
    pub roles: String,
    pub date_created: i64,
    pub date_expired: Option<i64>,
}

/// The account's live tokens, newest first.
pub async fn tokens(db: &D1Database, id_user: Id, now: i64) -> AppResult<Vec<TokenRow>> {
    db::all(
        db,
        "SELECT t.id, t.kind, t.id_api_app, a.display_name, t.roles, t.date_created, t.date_expired FROM tokens t \
         JOIN api_apps a ON a.id = t.id_api_app WHERE t.id_user = ?1 AND t.date_revoked IS NULL \
         AND (t.date_expired IS NULL OR t.date_expired > ?2) ORDER BY t.id DESC",
        &[int(id_user), int(now)],
        "user tokens",
    )
    .await
}

#[derive(Deserialize)]
struct AddressRow {
    id: i64,
    id_user: i64,
    id_company: Option<i64>,
    alias: String,
    firstname: String,
    lastname: String,
    street: String,
    additional: Option<String>,
    country_code: String,
    city: String,
    zipcode: String,
    state: String,
    phone: Option<String>,
    phone_mobile: Option<String>,
    vat_number: Option<String>,
    is_selected: Option<i64>,
    date_created: i64,
    date_updated: Option<i64>,
}

impl AddressRow {
    fn into_address(self) -> (Address, i64) {
        let created = self.date_created;
        let address = Address {
            id: self.id,
            user: AddressUser { id: self.id_user },
            company: self.id_company,
            alias: self.alias,
            firstname: self.firstname,
            lastname: self.lastname,
            street: self.street,
            additional: self.additional,
            country_code: self.country_code,
            city: self.city,
            zipcode: self.zipcode,
            state: self.state,
            phone: self.phone,
            phone_mobile: self.phone_mobile,
            vat_number: self.vat_number,
            is_selected: self.is_selected.map(|s| s == 1),
            status: true,
            date_created: ApiDate::from_unix(self.date_created),
            date_updated: ApiDate::opt(self.date_updated),
        };
        (address, created)
    }
}

const ADDRESS_COLUMNS: &str = "id, id_user, id_company, alias, firstname, lastname, street, additional, country_code, \
    city, zipcode, state, phone, phone_mobile, vat_number, is_selected, date_created, date_updated";

/// The user's live addresses, in order (with their creation time for the filters).
pub async fn addresses(db: &D1Database, id_user: Id) -> AppResult<Vec<(Address, i64)>> {
    let rows: Vec<AddressRow> = db::all(
        db,
        &format!("SELECT {ADDRESS_COLUMNS} FROM addresses WHERE id_user = ?1 AND is_deleted = 0 ORDER BY id"),
        &[int(id_user)],
        "addresses",
    )
    .await?;
    Ok(rows.into_iter().map(AddressRow::into_address).collect())
}

pub async fn address(db: &D1Database, id_user: Id, id: Id) -> AppResult<Option<Address>> {
    let row: Option<AddressRow> = db::first(
        db,
        &format!("SELECT {ADDRESS_COLUMNS} FROM addresses WHERE id = ?1 AND id_user = ?2 AND is_deleted = 0"),
        &[int(id), int(id_user)],
        "address",
    )
    .await?;
    Ok(row.map(|r| r.into_address().0))
}

/// A whole address as it is stored.
pub struct NewAddress<'a> {
    pub alias: &'a str,
    pub firstname: &'a str,
    pub lastname: &'a str,
    pub street: &'a str,
    pub country_code: &'a str,
    pub city: &'a str,
    pub zipcode: &'a str,
    pub state: &'a str,
    pub additional: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub phone_mobile: Option<&'a str>,
    pub vat_number: Option<&'a str>,
    pub id_company: Option<Id>,
    pub is_selected: Option<bool>,
}

pub async fn insert_address(db: &D1Database, id_user: Id, a: &NewAddress<'_>) -> AppResult<Id> {
    db::id_of(
        db,
        "INSERT INTO addresses (id_user, alias, firstname, lastname, street, country_code, city, zipcode, state, \
         additional, phone, phone_mobile, vat_number, id_company, is_selected) \
         VALUES (?1, ?2, ?3, ?4, ?5, upper(?6), ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) RETURNING id",
        &[
            int(id_user),
            text(a.alias),
            text(a.firstname),
            text(a.lastname),
            text(a.street),
            text(a.country_code),
            text(a.city),
            text(a.zipcode),
            text(a.state),
            opt_text(a.additional),
            opt_text(a.phone),
            opt_text(a.phone_mobile),
            opt_text(a.vat_number),
            opt_int(a.id_company),
            opt_int(a.is_selected.map(i64::from)),
        ],
        "insert address",
    )
    .await?
    .ok_or_else(|| AppError::Internal { context: "insert address", cause: "no row after insert".into() })
}

/// Retires an address (an update made a new one, or a delete); how many rows changed.
pub async fn retire_address(db: &D1Database, id_user: Id, id: Id, now: i64) -> AppResult<u64> {
    db::run(
        db,
        "UPDATE addresses SET is_deleted = 1, date_updated = ?3 WHERE id = ?1 AND id_user = ?2 AND is_deleted = 0",
        &[int(id), int(id_user), int(now)],
        "retire address",
    )
    .await
}
