//! Procedures (docs: "Procedures"): sign-up with an activation mail, and the
//! password, e-mail and deletion changes, each confirmed through a single-use
//! link that expires in one hour. Only a hash of each link's code is stored.

use std::collections::BTreeMap;

use senzu_core::auth::redirect;
use senzu_core::auth::{Email, Gender, NewPassword, Role};
use senzu_core::mail::MailType;
use senzu_core::plugins::Lang;
use senzu_core::secrets::sha256_hex;
use senzu_core::ErrorCode;
use serde::Deserialize;
use serde_json::json;
use worker::{D1PreparedStatement, Request, Response};

use super::Call;
use crate::args::{bad, Args};
use crate::auth::{crypto, limits};
use crate::db::{self, int, opt_int, opt_text, text};
use crate::error::{AppError, AppResult, Context};
use crate::http::json_response;
use crate::mailer;

const LINK_SECONDS: i64 = 3_600;

fn account_path(kind: MailType) -> &'static str {
    match kind {
        MailType::Registration => "activate",
        MailType::ChangePassword => "change-password",
        MailType::ResetPassword => "reset-password",
        MailType::ChangeEmail => "change-email",
        MailType::DeleteAccount => "delete-account",
        MailType::Invitation => "invitations",
    }
}

#[derive(Deserialize)]
struct Redirects {
    urls: String,
}

/// An app's registered redirects, for checking a `redirect_url` argument.
pub async fn registered_redirects(call: &Call<'_>, id_app: i64) -> AppResult<Vec<String>> {
    let row: Option<Redirects> = db::first(
        &call.db,
        "SELECT json_group_array(url) AS urls FROM api_app_redirects WHERE id_api_app = ?1",
        &[int(id_app)],
        "redirects",
    )
    .await?;
    Ok(row.and_then(|r| serde_json::from_str(&r.urls).ok()).unwrap_or_default())
}

struct Started {
    statements: Vec<D1PreparedStatement>,
}

/// The procedure row and its mail, for one batch with whatever the caller adds.
#[allow(clippy::too_many_arguments)]
async fn start(
    call: &Call<'_>,
    kind: MailType,
    user: &UserRow,
    id_app: Option<i64>,
    payload: Option<&str>,
    redirect_url: Option<&str>,
    to: &str,
) -> AppResult<Started> {
    let code = crypto::random_hex(32)?;
    let link = match redirect_url {
        Some(url) => {
            let registered = match id_app {
                Some(id) => registered_redirects(call, id).await?,
                None => Vec::new(),
            };
            redirect::check(url, registered.iter().map(String::as_str)).map_err(|e| bad("redirect_url", e))?;
            redirect::with_query(url, "code", &code)
        }
        None => format!("{}/account/{}?code={code}", call.origin, account_path(kind)),
    };
    // The confirmation sent to a new address names it, so its page can show what it confirms.
    let link = match (kind, payload) {
        (MailType::ChangeEmail, Some(new_email)) => redirect::with_query(&link, "email", new_email),
        _ => link,
    };
    let procedure = db::statement(
        &call.db,
        "INSERT INTO procedures (code_hash, kind, id_user, id_api_app, payload, redirect_url, date_expired) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        &[
            text(&sha256_hex(&[code.as_bytes()])),
            text(kind.as_str()),
            int(user.id),
            opt_int(id_app),
            opt_text(payload),
            opt_text(redirect_url),
            int(call.now + LINK_SECONDS),
        ],
        "insert procedure",
    )?;
    let mut data = BTreeMap::new();
    data.insert("firstname", user.firstname.clone().unwrap_or_default());
    data.insert("lastname", user.lastname.clone().unwrap_or_default());
    data.insert("email", user.email.clone());
    data.insert(kind.url_variable(), link);
    let lang = if user.language == "fr" { Lang::Fr } else { Lang::En };
    let mail = mailer::compose(&call.db, id_app, kind, lang, to, &data).await?;
    Ok(Started { statements: vec![procedure, mail] })
}

async fn commit(call: &Call<'_>, statements: Vec<D1PreparedStatement>) -> AppResult<()> {
    call.db.batch(statements).await.context("procedure batch")?;
    mailer::deliver_later(call.env, call.ctx);
    Ok(())
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

pub const USER_COLUMNS: &str = "id, email, firstname, lastname, language, password_hash, is_active";

pub async fn user_by_id(call: &Call<'_>, id: i64) -> AppResult<UserRow> {
    db::first(&call.db, &format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?1"), &[int(id)], "user by id")
        .await?
        .ok_or_else(|| AppError::api(ErrorCode::Unauthorized, "bad token: the account no longer exists"))
}

pub async fn user_by_email(call: &Call<'_>, email: &Email) -> AppResult<Option<UserRow>> {
    db::first(
        &call.db,
        &format!("SELECT {USER_COLUMNS} FROM users WHERE email = ?1"),
        &[text(email.as_str())],
        "user by email",
    )
    .await
}

/// The account that proved it receives mail at `email` (activation, a reset
/// link, or a change confirmed from the new address); invitations by address
/// reach only this one.
pub async fn verified_user_by_email(call: &Call<'_>, email: &Email) -> AppResult<Option<UserRow>> {
    db::first(
        &call.db,
        &format!("SELECT {USER_COLUMNS} FROM users WHERE email = ?1 AND verified_email = ?1 AND is_active = 1"),
        &[text(email.as_str())],
        "verified user by email",
    )
    .await
}

#[derive(Deserialize)]
struct VerifiedEmail {
    verified_email: Option<String>,
}

/// The user's address if it is proven, else `None` (no invitation by address matches).
pub async fn verified_email_of(call: &Call<'_>, id_user: i64) -> AppResult<Option<String>> {
    let row: Option<VerifiedEmail> = db::first(
        &call.db,
        "SELECT CASE WHEN verified_email = email AND is_active = 1 THEN email END AS verified_email \
         FROM users WHERE id = ?1",
        &[int(id_user)],
        "verified email",
    )
    .await?;
    Ok(row.and_then(|r| r.verified_email))
}

/// `POST /v1/procedures/users/create?redirect_url` (app token, role signup).
pub async fn create_user(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let app = call.caller.require_app(&call.db, Role::Signup, call.now).await?;
    let id_app = app.id;
    let args = Args::read(req).await?;
    sign_up(call, &args, id_app).await
}

/// The sign-up itself, shared with the first-party `POST /v1/auth/signup`.
pub async fn sign_up(call: &Call<'_>, args: &Args, id_app: i64) -> AppResult<Response> {
    let firstname = args.opt_text("firstname", 100)?.ok_or_else(|| crate::args::missing("firstname"))?;
    let lastname = args.opt_text("lastname", 100)?.ok_or_else(|| crate::args::missing("lastname"))?;
    let email = Email::parse(args.req("email")?).map_err(|e| bad("email", e))?;
    let password = NewPassword::parse(args.req_raw("password")?).map_err(|e| bad("password", e))?;
    let gender = Gender::parse(args.req("gender")?).map_err(|e| bad("gender", e))?;
    let birthdate = args.opt_int("birthdate")?.ok_or_else(|| crate::args::missing("birthdate"))?;
    let birthdate = senzu_core::wire::birthdate(birthdate, call.now).map_err(|e| bad("birthdate", e))?;
    let language = match args.opt("language") {
        None => {
            if call.lang == Lang::Fr {
                "fr"
            } else {
                "en"
            }
        }
        Some(l @ ("fr" | "en")) => l,
        Some(_) => return Err(bad("language", "must be fr or en")),
    };
    let country = args.opt_text("country", 2)?;
    let phone = args.opt_text("phone", 32)?;
    let phone_mobile = args.opt_text("phone_mobile", 32)?;
    let existing = user_by_email(call, &email).await?;
    if existing.as_ref().is_some_and(|u| u.is_active != 0) {
        return Err(AppError::api(ErrorCode::Conflict, "an account with this email already exists"));
    }
    let hash = crypto::hash_password(password.expose()).await?;
    // The account's details, in the order both the takeover and the insert bind them (?2…?10).
    let profile = [
        text(firstname),
        text(lastname),
        text(language),
        text(&hash),
        int(gender as i64),
        int(birthdate),
        opt_text(country.map(str::to_uppercase).as_deref()),
        opt_text(phone),
        opt_text(phone_mobile),
    ];
    if let Some(squatted) = existing {
        // Never activated: nobody proved this address, so whoever signs up
        // with it now takes the account over (and the old link stops working).
        let user = UserRow {
            id: squatted.id,
            email: squatted.email,
            firstname: Some(firstname.to_string()),
            lastname: Some(lastname.to_string()),
            language: language.to_string(),
            password_hash: None,
            is_active: 0,
        };
        let u = int(user.id);
        let mut statements = vec![
            db::statement(
                &call.db,
                "UPDATE users SET firstname = ?2, lastname = ?3, language = ?4, password_hash = ?5, gender = ?6, \
                 birthdate = ?7, country = ?8, phone = ?9, phone_mobile = ?10, username = NULL, date_updated = ?11 \
                 WHERE id = ?1 AND is_active = 0",
                &[std::slice::from_ref(&u), profile.as_slice(), &[int(call.now)]].concat(),
                "replace inactive account",
            )?,
            db::statement(
                &call.db,
                "UPDATE procedures SET date_used = ?2 WHERE id_user = ?1 AND date_used IS NULL",
                &[u.clone(), int(call.now)],
                "expire old links",
            )?,
            db::statement(
                &call.db,
                "UPDATE tokens SET date_revoked = ?2 WHERE id_user = ?1 AND date_revoked IS NULL",
                &[u, int(call.now)],
                "revoke old tokens",
            )?,
        ];
        let started =
            start(call, MailType::Registration, &user, Some(id_app), None, args.opt("redirect_url"), &user.email)
                .await?;
        statements.extend(started.statements);
        commit(call, statements).await?;
        return Ok(json_response(
            &json!({ "id": user.id, "email": user.email, "status": "activation mail sent" }),
            201,
        ));
    }
    // Inserted first (the mail needs its id); a failed mail batch leaves an
    // inactive account that a new sign-up with the same e-mail replaces below.
    let inserted = db::id_of(
        &call.db,
        "INSERT INTO users (id, email, firstname, lastname, language, password_hash, is_active, gender, birthdate, country, \
         phone, phone_mobile) VALUES ((SELECT next FROM fresh_ids WHERE name = 'users'), \
         ?1, ?2, ?3, ?4, ?5, 0, ?6, ?7, ?8, ?9, ?10) ON CONFLICT (email) DO NOTHING RETURNING id",
        &[&[text(email.as_str())], profile.as_slice()].concat(),
        "insert user",
    )
    .await?;
    let id = inserted.ok_or_else(|| AppError::api(ErrorCode::Conflict, "an account with this email already exists"))?;
    let user = user_by_id(call, id).await?;
    let started =
        start(call, MailType::Registration, &user, Some(id_app), None, args.opt("redirect_url"), &user.email).await;
    let started = match started {
        Ok(s) => s,
        Err(e) => {
            db::run(&call.db, "DELETE FROM users WHERE id = ?1 AND is_active = 0", &[int(id)], "undo sign-up").await?;
            return Err(e);
        }
    };
    commit(call, started.statements).await?;
    Ok(json_response(&json!({ "id": id, "email": user.email, "status": "activation mail sent" }), 201))
}

#[derive(Deserialize)]
struct ProcedureRow {
    id: i64,
    id_user: i64,
    id_api_app: Option<i64>,
    payload: Option<String>,
    redirect_url: Option<String>,
}

const PROCEDURE_COLUMNS: &str = "id, id_user, id_api_app, payload, redirect_url";

fn unknown_code() -> AppError {
    bad("code", "unknown, already used or expired (links are valid one hour, once)")
}

/// A link's procedure without using it (to check the rest of a request first).
async fn peek_code(call: &Call<'_>, kind: MailType, code: &str) -> AppResult<ProcedureRow> {
    let row: Option<ProcedureRow> = db::first(
        &call.db,
        &format!(
            "SELECT {PROCEDURE_COLUMNS} FROM procedures WHERE code_hash = ?1 AND kind = ?2 AND date_used IS NULL \
             AND date_expired > ?3"
        ),
        &[text(&sha256_hex(&[code.as_bytes()])), text(kind.as_str()), int(call.now)],
        "peek procedure code",
    )
    .await?;
    row.ok_or_else(unknown_code)
}

/// Uses a link's code once: it must exist, be of this kind, unused and fresh.
async fn take_code(call: &Call<'_>, kind: MailType, code: &str) -> AppResult<ProcedureRow> {
    let row: Option<ProcedureRow> = db::first(
        &call.db,
        &format!(
            "UPDATE procedures SET date_used = ?3 WHERE code_hash = ?1 AND kind = ?2 AND date_used IS NULL \
             AND date_expired > ?3 RETURNING {PROCEDURE_COLUMNS}"
        ),
        &[text(&sha256_hex(&[code.as_bytes()])), text(kind.as_str()), int(call.now)],
        "take procedure code",
    )
    .await?;
    row.ok_or_else(unknown_code)
}

/// `GET /v1/activate?code`.
pub async fn activate(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let args = Args::read(req).await?;
    let p = take_code(call, MailType::Registration, args.req("code")?).await?;
    db::run(
        &call.db,
        "UPDATE users SET is_active = 1, date_activated = ?2, verified_email = email WHERE id = ?1",
        &[int(p.id_user), int(call.now)],
        "activate",
    )
    .await?;
    Ok(json_response(&json!({ "status": "activated", "id": p.id_user, "procedure": p.id }), 200))
}

/// `POST /v1/procedures/users/{change-password|change-email|delete-account}` (user token)
/// and `/reset-password` (app token with `email`, or a user token).
pub async fn request(call: &Call<'_>, req: &mut Request, kind: MailType) -> AppResult<Response> {
    let role = match kind {
        MailType::ChangePassword | MailType::ResetPassword => Role::Password,
        MailType::ChangeEmail => Role::Email,
        MailType::DeleteAccount => Role::DeleteAccount,
        MailType::Registration | MailType::Invitation => return Err(AppError::not_found("no such procedure")),
    };
    let app = call.caller.require_app(&call.db, role, call.now).await?;
    let id_app = (!app.is_first_party).then_some(app.id);
    let args = Args::read(req).await?;
    let user = match (&call.caller.user, kind) {
        (Some(u), _) => Some(user_by_id(call, u.id_user).await?),
        (None, MailType::ResetPassword) => {
            let email = Email::parse(args.req("email")?).map_err(|e| bad("email", e))?;
            user_by_email(call, &email).await?
        }
        (None, _) => {
            return Err(AppError::api(ErrorCode::Unauthorized, "this procedure needs a user token"));
        }
    };
    // An unknown e-mail gets the same answer: the route does not reveal accounts.
    if let Some(user) = user {
        let started = start(call, kind, &user, id_app, None, args.opt("redirect_url"), &user.email).await?;
        commit(call, started.statements).await?;
    }
    Ok(json_response(&json!({ "status": "confirmation mail sent" }), 200))
}

/// `POST /v1/auth/forgot-password` (email): the first-party "forgot password?".
/// Anyone may ask; the answer is the same whether or not the address has an
/// account, and asking is limited per address and per IP (before any lookup).
/// Only an activated account gets the mail: a never-activated one is taken
/// over by signing up again.
pub async fn forgot_password(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let args = Args::read(req).await?;
    let email = Email::parse(args.req("email")?).map_err(|e| bad("email", e))?;
    let [per_address, per_ip] = limits::reset_mail(email.as_str(), &call.ip_hash()?);
    let message = "too many password-reset requests: wait before asking again";
    limits::reserve(&call.db, &[&per_address, &per_ip], call.now, message).await?;
    if let Some(user) = user_by_email(call, &email).await?.filter(|u| u.is_active != 0) {
        let started = start(call, MailType::ResetPassword, &user, None, None, None, &user.email).await?;
        commit(call, started.statements).await?;
    }
    Ok(json_response(
        &json!({ "status": "if an account uses this address, a mail to choose a new password is on its way" }),
        200,
    ))
}

/// `POST /v1/change-password` (code, old_password, new_password).
pub async fn confirm_change_password(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let args = Args::read(req).await?;
    let code = args.req("code")?;
    let old = args.req_raw("old_password")?;
    let new = NewPassword::parse(args.req_raw("new_password")?).map_err(|e| bad("new_password", e))?;
    let p = take_code(call, MailType::ChangePassword, code).await?;
    let user = user_by_id(call, p.id_user).await?;
    if !crypto::verify_password(old, user.password_hash.as_deref()).await? {
        return Err(AppError::api(ErrorCode::WrongPassword, "wrong password: old_password does not match"));
    }
    set_password(call, p.id_user, new.expose(), false).await
}

/// `POST /v1/reset-password` (code, password).
pub async fn confirm_reset_password(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let args = Args::read(req).await?;
    let code = args.req("code")?;
    let new = NewPassword::parse(args.req_raw("password")?).map_err(|e| bad("password", e))?;
    let p = take_code(call, MailType::ResetPassword, code).await?;
    set_password(call, p.id_user, new.expose(), true).await
}

/// A new password ends every session and token of the account. A reset link
/// reached the account's address, which is then proven.
async fn set_password(call: &Call<'_>, id_user: i64, password: &str, proves_address: bool) -> AppResult<Response> {
    let hash = crypto::hash_password(password).await?;
    let statements = vec![
        db::statement(
            &call.db,
            "UPDATE users SET password_hash = ?2, date_updated = ?3, \
             verified_email = CASE WHEN ?4 = 1 THEN email ELSE verified_email END WHERE id = ?1",
            &[int(id_user), text(&hash), int(call.now), int(i64::from(proves_address))],
            "set password",
        )?,
        db::statement(
            &call.db,
            "UPDATE tokens SET date_revoked = ?2 WHERE id_user = ?1 AND date_revoked IS NULL",
            &[int(id_user), int(call.now)],
            "revoke tokens",
        )?,
    ];
    call.db.batch(statements).await.context("password batch")?;
    Ok(json_response(&json!({ "status": "password changed" }), 200))
}

/// `POST /v1/change-email`: two links. The one the procedure mailed to the
/// current address (code, `email` = the new address) sends a second link to
/// the new address; that one (code, `email` optional but, if given, the same)
/// changes the address, now proven. Until then nothing changes, so nobody can
/// take an address (and the invitations waiting for it) they do not receive.
pub async fn confirm_change_email(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let args = Args::read(req).await?;
    let code = args.req("code")?;
    let given = args.opt("email").map(|e| Email::parse(e).map_err(|e| bad("email", e))).transpose()?;
    let peeked = peek_code(call, MailType::ChangeEmail, code).await?;
    let Some(new_email) = peeked.payload else {
        let email = given.ok_or_else(|| crate::args::missing("email"))?;
        if user_by_email(call, &email).await?.is_some() {
            return Err(AppError::api(ErrorCode::Conflict, "an account with this email already exists"));
        }
        let p = take_code(call, MailType::ChangeEmail, code).await?;
        let user = user_by_id(call, p.id_user).await?;
        let started = start(
            call,
            MailType::ChangeEmail,
            &user,
            p.id_api_app,
            Some(email.as_str()),
            p.redirect_url.as_deref(),
            email.as_str(),
        )
        .await?;
        commit(call, started.statements).await?;
        return Ok(json_response(
            &json!({ "status": "confirmation mail sent to the new address", "email": email.as_str() }),
            200,
        ));
    };
    if given.as_ref().is_some_and(|e| e.as_str() != new_email) {
        return Err(bad("email", "is not the address this link confirms"));
    }
    let p = take_code(call, MailType::ChangeEmail, code).await?;
    let changed = db::run(
        &call.db,
        "UPDATE users SET email = ?2, verified_email = ?2, date_updated = ?3 WHERE id = ?1 \
         AND NOT EXISTS (SELECT 1 FROM users WHERE email = ?2)",
        &[int(p.id_user), text(&new_email), int(call.now)],
        "change email",
    )
    .await?;
    if changed == 0 {
        return Err(AppError::api(ErrorCode::Conflict, "an account with this email already exists"));
    }
    Ok(json_response(&json!({ "status": "email changed", "email": new_email }), 200))
}

/// `POST /v1/delete-account` (code). The owner's products go back to
/// "not activated"; their applications, tokens, addresses, call logs, the share
/// links they made and their uploaded files (rows and bytes) go with the account.
pub async fn confirm_delete_account(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let args = Args::read(req).await?;
    let p = take_code(call, MailType::DeleteAccount, args.req("code")?).await?;
    let u = [int(p.id_user)];
    #[derive(serde::Deserialize)]
    struct Stored {
        file_name: String,
    }
    let files: Vec<Stored> =
        db::all(&call.db, "SELECT file_name FROM files WHERE id_user = ?1", &u, "files of account").await?;
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
    let statements =
        sql.iter().map(|s| db::statement(&call.db, s, &u, "delete account")).collect::<AppResult<Vec<_>>>()?;
    call.db.batch(statements).await.context("delete account")?;
    // The bytes after the rows: a failure here leaves unreachable bytes, never a file without its owner.
    let bucket = call.env.bucket("FILES").context("binding FILES")?;
    for f in &files {
        bucket.delete(&f.file_name).await.context("delete file bytes")?;
    }
    Ok(json_response(&json!({ "status": "account deleted" }), 200))
}
