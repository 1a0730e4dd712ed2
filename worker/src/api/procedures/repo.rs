//! The queries of accounts and their mail-confirmed procedures. Every
//! function is one statement or one batch.

use senzu_core::api::Id;
use senzu_core::mail::MailType;
use senzu_core::secrets::sha256_hex;
use serde::Deserialize;
use worker::{D1Database, D1PreparedStatement};

use crate::db::{self, int, opt_int, opt_text, text};
use crate::error::{AppResult, Context};

#[derive(Deserialize)]
struct Redirects {
    urls: String,
}

/// An app's registered redirects.
pub async fn registered_redirects(db: &D1Database, id_app: Id) -> AppResult<Vec<String>> {
    let row: Option<Redirects> = db::first(
        db,
        "SELECT json_group_array(url) AS urls FROM api_app_redirects WHERE id_api_app = ?1",
        &[int(id_app)],
        "redirects",
    )
    .await?;
    match row {
        Some(r) => serde_json::from_str(&r.urls).context("redirects"),
        None => Ok(Vec::new()),
    }
}

/// A procedure row (only the code's hash is kept), for a batch with its mail.
pub struct NewProcedure<'a> {
    pub code: &'a str,
    pub kind: MailType,
    pub id_user: Id,
    pub id_app: Option<Id>,
    pub payload: Option<&'a str>,
    pub redirect_url: Option<&'a str>,
    pub date_expired: i64,
}

pub fn insert_procedure(db: &D1Database, p: &NewProcedure<'_>) -> AppResult<D1PreparedStatement> {
    db::statement(
        db,
        "INSERT INTO procedures (code_hash, kind, id_user, id_api_app, payload, redirect_url, date_expired) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        &[
            text(&sha256_hex(&[p.code.as_bytes()])),
            text(p.kind.as_str()),
            int(p.id_user),
            opt_int(p.id_app),
            opt_text(p.payload),
            opt_text(p.redirect_url),
            int(p.date_expired),
        ],
        "insert procedure",
    )
}

#[derive(Deserialize)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub firstname: Option<String>,
    pub lastname: Option<String>,
    pub language: String,
    pub password_hash: Option<String>,
    pub is_active: i64,
}

const USER_COLUMNS: &str = "id, email, firstname, lastname, language, password_hash, is_active";

pub async fn user_by_id(db: &D1Database, id: Id) -> AppResult<Option<UserRow>> {
    db::first(db, &format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?1"), &[int(id)], "user by id").await
}

pub async fn user_by_email(db: &D1Database, email: &str) -> AppResult<Option<UserRow>> {
    db::first(db, &format!("SELECT {USER_COLUMNS} FROM users WHERE email = ?1"), &[text(email)], "user by email").await
}

pub async fn verified_user_by_email(db: &D1Database, email: &str) -> AppResult<Option<UserRow>> {
    db::first(
        db,
        &format!("SELECT {USER_COLUMNS} FROM users WHERE email = ?1 AND verified_email = ?1 AND is_active = 1"),
        &[text(email)],
        "verified user by email",
    )
    .await
}

pub async fn verified_email_of(db: &D1Database, id_user: Id) -> AppResult<Option<String>> {
    #[derive(Deserialize)]
    struct VerifiedEmail {
        verified_email: Option<String>,
    }
    let row: Option<VerifiedEmail> = db::first(
        db,
        "SELECT CASE WHEN verified_email = email AND is_active = 1 THEN email END AS verified_email \
         FROM users WHERE id = ?1",
        &[int(id_user)],
        "verified email",
    )
    .await?;
    Ok(row.and_then(|r| r.verified_email))
}

/// A new account's details, as both the takeover and the insert store them.
pub struct Profile<'a> {
    pub firstname: &'a str,
    pub lastname: &'a str,
    pub language: &'a str,
    pub password_hash: &'a str,
    pub gender: i64,
    pub birthdate: i64,
    pub country: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub phone_mobile: Option<&'a str>,
}

impl Profile<'_> {
    /// Bound as ?2…?10.
    fn binds(&self) -> [worker::wasm_bindgen::JsValue; 9] {
        [
            text(self.firstname),
            text(self.lastname),
            text(self.language),
            text(self.password_hash),
            int(self.gender),
            int(self.birthdate),
            opt_text(self.country),
            opt_text(self.phone),
            opt_text(self.phone_mobile),
        ]
    }
}

/// A never-activated account taken over by a new sign-up: new details, its
/// old links and tokens end (statements for one batch with the new mail).
pub fn take_over(db: &D1Database, id_user: Id, p: &Profile<'_>, now: i64) -> AppResult<Vec<D1PreparedStatement>> {
    let u = int(id_user);
    Ok(vec![
        db::statement(
            db,
            "UPDATE users SET firstname = ?2, lastname = ?3, language = ?4, password_hash = ?5, gender = ?6, \
             birthdate = ?7, country = ?8, phone = ?9, phone_mobile = ?10, username = NULL, date_updated = ?11 \
             WHERE id = ?1 AND is_active = 0",
            &[std::slice::from_ref(&u), p.binds().as_slice(), &[int(now)]].concat(),
            "replace inactive account",
        )?,
        db::statement(
            db,
            "UPDATE procedures SET date_used = ?2 WHERE id_user = ?1 AND date_used IS NULL",
            &[u.clone(), int(now)],
            "expire old links",
        )?,
        db::statement(
            db,
            "UPDATE tokens SET date_revoked = ?2 WHERE id_user = ?1 AND date_revoked IS NULL",
            &[u, int(now)],
            "revoke old tokens",
        )?,
    ])
}

/// A new inactive account; `None` when the address is taken.
pub async fn insert_user(db: &D1Database, email: &str, p: &Profile<'_>) -> AppResult<Option<Id>> {
    db::id_of(
        db,
        "INSERT INTO users (id, email, firstname, lastname, language, password_hash, is_active, gender, birthdate, country, \
         phone, phone_mobile) VALUES ((SELECT next FROM fresh_ids WHERE name = 'users'), \
         ?1, ?2, ?3, ?4, ?5, 0, ?6, ?7, ?8, ?9, ?10) ON CONFLICT (email) DO NOTHING RETURNING id",
        &[&[text(email)], p.binds().as_slice()].concat(),
        "insert user",
    )
    .await
}

/// Undoes a sign-up whose mail could not be prepared.
pub async fn delete_inactive(db: &D1Database, id_user: Id) -> AppResult<()> {
    db::run(db, "DELETE FROM users WHERE id = ?1 AND is_active = 0", &[int(id_user)], "undo sign-up").await?;
    Ok(())
}

#[derive(Deserialize)]
pub struct ProcedureRow {
    pub id: i64,
    pub id_user: i64,
    pub id_api_app: Option<i64>,
    pub payload: Option<String>,
    pub redirect_url: Option<String>,
}

const PROCEDURE_COLUMNS: &str = "id, id_user, id_api_app, payload, redirect_url";

/// A link's procedure without using it.
pub async fn peek_code(db: &D1Database, kind: MailType, code: &str, now: i64) -> AppResult<Option<ProcedureRow>> {
    db::first(
        db,
        &format!(
            "SELECT {PROCEDURE_COLUMNS} FROM procedures WHERE code_hash = ?1 AND kind = ?2 AND date_used IS NULL \
             AND date_expired > ?3"
        ),
        &[text(&sha256_hex(&[code.as_bytes()])), text(kind.as_str()), int(now)],
        "peek procedure code",
    )
    .await
}

/// Uses a link's code once: it must exist, be of this kind, unused and fresh.
pub async fn take_code(db: &D1Database, kind: MailType, code: &str, now: i64) -> AppResult<Option<ProcedureRow>> {
    db::first(
        db,
        &format!(
            "UPDATE procedures SET date_used = ?3 WHERE code_hash = ?1 AND kind = ?2 AND date_used IS NULL \
             AND date_expired > ?3 RETURNING {PROCEDURE_COLUMNS}"
        ),
        &[text(&sha256_hex(&[code.as_bytes()])), text(kind.as_str()), int(now)],
        "take procedure code",
    )
    .await
}

pub async fn activate(db: &D1Database, id_user: Id, now: i64) -> AppResult<()> {
    db::run(
        db,
        "UPDATE users SET is_active = 1, date_activated = ?2, verified_email = email WHERE id = ?1",
        &[int(id_user), int(now)],
        "activate",
    )
    .await?;
    Ok(())
}

/// A new password ends every session and token of the account; a reset proves the address.
pub async fn set_password(db: &D1Database, id_user: Id, hash: &str, proves_address: bool, now: i64) -> AppResult<()> {
    let statements = vec![
        db::statement(
            db,
            "UPDATE users SET password_hash = ?2, date_updated = ?3, \
             verified_email = CASE WHEN ?4 = 1 THEN email ELSE verified_email END WHERE id = ?1",
            &[int(id_user), text(hash), int(now), int(i64::from(proves_address))],
            "set password",
        )?,
        db::statement(
            db,
            "UPDATE tokens SET date_revoked = ?2 WHERE id_user = ?1 AND date_revoked IS NULL",
            &[int(id_user), int(now)],
            "revoke tokens",
        )?,
    ];
    db.batch(statements).await.context("password batch")?;
    Ok(())
}

/// The new, now proven address; how many rows changed (0: the address is taken).
pub async fn change_email(db: &D1Database, id_user: Id, email: &str, now: i64) -> AppResult<u64> {
    db::run(
        db,
        "UPDATE users SET email = ?2, verified_email = ?2, date_updated = ?3 WHERE id = ?1 \
         AND NOT EXISTS (SELECT 1 FROM users WHERE email = ?2)",
        &[int(id_user), text(email), int(now)],
        "change email",
    )
    .await
}

/// The stored names of an account's uploaded files.
pub async fn file_names(db: &D1Database, id_user: Id) -> AppResult<Vec<String>> {
    #[derive(Deserialize)]
    struct Stored {
        file_name: String,
    }
    let files: Vec<Stored> =
        db::all(db, "SELECT file_name FROM files WHERE id_user = ?1", &[int(id_user)], "files of account").await?;
    Ok(files.into_iter().map(|f| f.file_name).collect())
}

/// The owner's products go back to "not activated"; their applications,
/// tokens, addresses, call logs, share links and file rows go with the account.
pub async fn delete_account(db: &D1Database, id_user: Id) -> AppResult<()> {
    let u = [int(id_user)];
    let sql = [
        "UPDATE products SET id_owner = NULL, is_activated = 0, alias = NULL WHERE id_owner = ?1",
        "UPDATE records SET id_application = NULL WHERE id_application IN (SELECT id FROM applications WHERE id_owner = ?1)",
        "UPDATE applications SET id_image = NULL, url_image = NULL WHERE id_image IN (SELECT id FROM files WHERE id_user = ?1)",
        "DELETE FROM applications WHERE id_owner = ?1",
        "UPDATE plugins SET id_user = NULL WHERE id_user = ?1",
        "UPDATE makers SET id_user = NULL WHERE id_user = ?1",
        // A link lives only while its creator could make it (plays/repo.rs `by_share`).
        "DELETE FROM share_links WHERE id_creator = ?1",
        "DELETE FROM api_calls WHERE id_user = ?1",
        "DELETE FROM files WHERE id_user = ?1",
        "DELETE FROM users WHERE id = ?1",
    ];
    let statements = sql.iter().map(|s| db::statement(db, s, &u, "delete account")).collect::<AppResult<Vec<_>>>()?;
    db.batch(statements).await.context("delete account")?;
    Ok(())
}
