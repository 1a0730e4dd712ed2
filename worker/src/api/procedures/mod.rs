//! Procedures (docs: "Procedures"): sign-up with an activation mail, and the
//! password, e-mail and deletion changes, each confirmed through a single-use
//! link that expires in one hour. Only a hash of each link's code is stored.

mod repo;

use std::collections::BTreeMap;

use senzu_core::api::auth::{SignedUp, Signup, Status};
use senzu_core::api::procedures::{Activated, ChangeEmail, ChangePassword, Code, EmailChange, MailLink, ResetPassword};
use senzu_core::api::Name;
use senzu_core::auth::redirect;
use senzu_core::auth::{Email, Gender, NewPassword, Role};
use senzu_core::mail::MailType;
use senzu_core::plugins::Lang;
use senzu_core::ErrorCode;
use worker::{D1PreparedStatement, Request, Response};

pub use repo::UserRow;

use super::Call;
use crate::args::{bad, missing};
use crate::auth::{crypto, limits};
use crate::error::{AppError, AppResult, Context};
use crate::http::{created, json};
use crate::mailer;
use crate::request;

const LINK_SECONDS: i64 = 3_600;

fn account_path(kind: MailType) -> &'static str {
    match kind {
        MailType::Registration => "activate",
        MailType::ChangePassword => "change-password",
        MailType::ResetPassword => "reset-password",
        MailType::ChangeEmail => "change-email",
        MailType::DeleteAccount => "delete-account",
        MailType::Invitation => "invitations",
        // Not procedures: their links are the product's page, the contacts page, the forget page, the account.
        MailType::FinderMessage | MailType::ContactExchange | MailType::ContactReceipt | MailType::UserMessage => "",
    }
}

/// An app's registered redirects, for checking a `redirect_url` argument.
pub async fn registered_redirects(call: &Call<'_>, id_app: i64) -> AppResult<Vec<String>> {
    repo::registered_redirects(&call.db, id_app).await
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
) -> AppResult<Vec<D1PreparedStatement>> {
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
    let procedure = repo::insert_procedure(
        &call.db,
        &repo::NewProcedure {
            code: &code,
            kind,
            id_user: user.id,
            id_app,
            payload,
            redirect_url,
            date_expired: call.now + LINK_SECONDS,
        },
    )?;
    let mut data = BTreeMap::new();
    data.insert("firstname", user.firstname.clone().unwrap_or_default());
    data.insert("lastname", user.lastname.clone().unwrap_or_default());
    data.insert("email", user.email.clone());
    data.insert(kind.url_variable(), link);
    let lang = if user.language == "fr" { Lang::Fr } else { Lang::En };
    let mail = mailer::compose(&call.db, id_app, kind, lang, to, &data).await?;
    Ok(vec![procedure, mail])
}

async fn commit(call: &Call<'_>, statements: Vec<D1PreparedStatement>) -> AppResult<()> {
    call.db.batch(statements).await.context("procedure batch")?;
    mailer::deliver_later(call.env, call.ctx);
    Ok(())
}

pub async fn user_by_id(call: &Call<'_>, id: i64) -> AppResult<UserRow> {
    repo::user_by_id(&call.db, id)
        .await?
        .ok_or_else(|| AppError::api(ErrorCode::Unauthorized, "bad token: the account no longer exists"))
}

pub async fn user_by_email(call: &Call<'_>, email: &Email) -> AppResult<Option<UserRow>> {
    repo::user_by_email(&call.db, email.as_str()).await
}

/// The account that proved it receives mail at `email` (activation, a reset
/// link, or a change confirmed from the new address); invitations by address
/// reach only this one.
pub async fn verified_user_by_email(call: &Call<'_>, email: &Email) -> AppResult<Option<UserRow>> {
    repo::verified_user_by_email(&call.db, email.as_str()).await
}

/// The user's address if it is proven, else `None` (no invitation by address matches).
pub async fn verified_email_of(call: &Call<'_>, id_user: i64) -> AppResult<Option<String>> {
    repo::verified_email_of(&call.db, id_user).await
}

fn email_of(given: &Option<Name<254>>) -> AppResult<Email> {
    Email::parse(given.as_ref().ok_or_else(|| missing("email"))?.as_str()).map_err(|e| bad("email", e))
}

fn code_of<const N: usize>(given: &Option<Name<N>>) -> AppResult<&str> {
    given.as_ref().map(|c| c.as_str()).ok_or_else(|| missing("code"))
}

fn redirect_of(given: &Option<String>) -> Option<&str> {
    given.as_deref().map(str::trim).filter(|u| !u.is_empty())
}

/// `POST /v1/procedures/users/create?redirect_url` (app token, role signup).
pub async fn create_user(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let app = call.caller.require_app(&call.db, Role::Signup, call.now).await?;
    let id_app = app.id;
    let given: Signup = request::parse(req).await?;
    sign_up(call, &given, id_app).await
}

/// The sign-up itself, shared with the first-party `POST /v1/auth/signup`.
pub async fn sign_up(call: &Call<'_>, given: &Signup, id_app: i64) -> AppResult<Response> {
    let firstname = given.firstname.as_ref().ok_or_else(|| missing("firstname"))?.as_str();
    let lastname = given.lastname.as_ref().ok_or_else(|| missing("lastname"))?.as_str();
    let email = email_of(&given.email)?;
    let password = NewPassword::parse(given.password.as_deref().ok_or_else(|| missing("password"))?)
        .map_err(|e| bad("password", e))?;
    let gender = Gender::parse(
        given.gender.as_deref().map(str::trim).filter(|g| !g.is_empty()).ok_or_else(|| missing("gender"))?,
    )
    .map_err(|e| bad("gender", e))?;
    let birthdate = given.birthdate.ok_or_else(|| missing("birthdate"))?;
    let birthdate = senzu_core::wire::birthdate(birthdate, call.now).map_err(|e| bad("birthdate", e))?;
    let language = match given.language.as_deref().map(str::trim) {
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
    let country = given.country.as_ref().map(|c| c.as_str().to_uppercase());
    let redirect_url = redirect_of(&given.redirect_url);
    let existing = user_by_email(call, &email).await?;
    if existing.as_ref().is_some_and(|u| u.is_active != 0) {
        return Err(AppError::api(ErrorCode::Conflict, "an account with this email already exists"));
    }
    let hash = crypto::hash_password(password.expose()).await?;
    let profile = repo::Profile {
        firstname,
        lastname,
        language,
        password_hash: &hash,
        gender: gender as i64,
        birthdate,
        country: country.as_deref(),
        phone: given.phone.as_ref().map(|p| p.as_str()),
        phone_mobile: given.phone_mobile.as_ref().map(|p| p.as_str()),
    };
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
        let mut statements = repo::take_over(&call.db, user.id, &profile, call.now)?;
        statements
            .extend(start(call, MailType::Registration, &user, Some(id_app), None, redirect_url, &user.email).await?);
        commit(call, statements).await?;
        return Ok(created(&SignedUp { id: user.id, email: user.email, status: "activation mail sent".into() }));
    }
    // Inserted first (the mail needs its id); a failed mail batch leaves an
    // inactive account that a new sign-up with the same e-mail replaces below.
    let id = repo::insert_user(&call.db, email.as_str(), &profile)
        .await?
        .ok_or_else(|| AppError::api(ErrorCode::Conflict, "an account with this email already exists"))?;
    let user = user_by_id(call, id).await?;
    let started = start(call, MailType::Registration, &user, Some(id_app), None, redirect_url, &user.email).await;
    let statements = match started {
        Ok(s) => s,
        Err(e) => {
            repo::delete_inactive(&call.db, id).await?;
            return Err(e);
        }
    };
    commit(call, statements).await?;
    Ok(created(&SignedUp { id, email: user.email, status: "activation mail sent".into() }))
}

fn unknown_code() -> AppError {
    bad("code", "unknown, already used or expired (links are valid one hour, once)")
}

async fn take_code(call: &Call<'_>, kind: MailType, code: &str) -> AppResult<repo::ProcedureRow> {
    repo::take_code(&call.db, kind, code, call.now).await?.ok_or_else(unknown_code)
}

/// `GET /v1/activate?code`.
pub async fn activate(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let given: Code = request::parse(req).await?;
    let p = take_code(call, MailType::Registration, code_of(&given.code)?).await?;
    repo::activate(&call.db, p.id_user, call.now).await?;
    Ok(json(&Activated { status: "activated".into(), id: p.id_user, procedure: p.id }))
}

/// `POST /v1/procedures/users/{change-password|change-email|delete-account}` (user token)
/// and `/reset-password` (app token with `email`, or a user token).
pub async fn request(call: &Call<'_>, req: &mut Request, kind: MailType) -> AppResult<Response> {
    let role = match kind {
        MailType::ChangePassword | MailType::ResetPassword => Role::Password,
        MailType::ChangeEmail => Role::Email,
        MailType::DeleteAccount => Role::DeleteAccount,
        MailType::Registration
        | MailType::Invitation
        | MailType::FinderMessage
        | MailType::ContactExchange
        | MailType::ContactReceipt
        | MailType::UserMessage => return Err(AppError::not_found("no such procedure")),
    };
    let app = call.caller.require_app(&call.db, role, call.now).await?;
    let id_app = (!app.is_first_party).then_some(app.id);
    let given: MailLink = request::parse(req).await?;
    let user = match (&call.caller.user, kind) {
        (Some(u), _) => Some(user_by_id(call, u.id_user).await?),
        (None, MailType::ResetPassword) => user_by_email(call, &email_of(&given.email)?).await?,
        (None, _) => {
            return Err(AppError::api(ErrorCode::Unauthorized, "this procedure needs a user token"));
        }
    };
    // An unknown e-mail gets the same answer: the route does not reveal accounts.
    if let Some(user) = user {
        let started = start(call, kind, &user, id_app, None, redirect_of(&given.redirect_url), &user.email).await?;
        commit(call, started).await?;
    }
    Ok(json(&Status::new("confirmation mail sent")))
}

/// `POST /v1/auth/forgot-password` (email): the first-party "forgot password?".
/// Anyone may ask; the answer is the same whether or not the address has an
/// account, and asking is limited per address and per IP (before any lookup).
/// Only an activated account gets the mail: a never-activated one is taken
/// over by signing up again.
pub async fn forgot_password(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let given: MailLink = request::parse(req).await?;
    let email = email_of(&given.email)?;
    let [per_address, per_ip] = limits::reset_mail(email.as_str(), &call.ip_hash()?);
    let message = "too many password-reset requests: wait before asking again";
    limits::reserve(&call.db, &[&per_address, &per_ip], call.now, message).await?;
    if let Some(user) = user_by_email(call, &email).await?.filter(|u| u.is_active != 0) {
        let started = start(call, MailType::ResetPassword, &user, None, None, None, &user.email).await?;
        commit(call, started).await?;
    }
    Ok(json(&Status::new("if an account uses this address, a mail to choose a new password is on its way")))
}

/// `POST /v1/auth/activation-mail` (email): the activation mail again, for an
/// account that signed up and lost or never got it. The answer is the same
/// whether the address has an account waiting, an active one or none (nothing
/// to learn about who has an account), and the mails are limited per address and IP.
pub async fn resend_activation(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let given: MailLink = request::parse(req).await?;
    let email = email_of(&given.email)?;
    let [per_address, per_ip] = limits::activation_mail(email.as_str(), &call.ip_hash()?);
    let message = "too many activation mails asked: wait before asking again";
    limits::reserve(&call.db, &[&per_address, &per_ip], call.now, message).await?;
    if let Some(user) = user_by_email(call, &email).await?.filter(|u| u.is_active == 0) {
        let started = start(
            call,
            MailType::Registration,
            &user,
            Some(crate::auth::session::FIRST_PARTY_APP),
            None,
            None,
            &user.email,
        )
        .await?;
        commit(call, started).await?;
    }
    Ok(json(&Status::new("if an account waits for activation at this address, its activation mail is on its way")))
}

/// `POST /v1/change-password` (code, old_password, new_password).
pub async fn confirm_change_password(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let given: ChangePassword = request::parse(req).await?;
    let code = code_of(&given.code)?;
    let old = given.old_password.as_deref().ok_or_else(|| missing("old_password"))?;
    let new = NewPassword::parse(given.new_password.as_deref().ok_or_else(|| missing("new_password"))?)
        .map_err(|e| bad("new_password", e))?;
    let p = take_code(call, MailType::ChangePassword, code).await?;
    let user = user_by_id(call, p.id_user).await?;
    if !crypto::verify_password(old, user.password_hash.as_deref()).await? {
        return Err(AppError::api(ErrorCode::WrongPassword, "wrong password: old_password does not match"));
    }
    set_password(call, p.id_user, new.expose(), false).await
}

/// `POST /v1/reset-password` (code, password).
pub async fn confirm_reset_password(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let given: ResetPassword = request::parse(req).await?;
    let code = code_of(&given.code)?;
    let new = NewPassword::parse(given.password.as_deref().ok_or_else(|| missing("password"))?)
        .map_err(|e| bad("password", e))?;
    let p = take_code(call, MailType::ResetPassword, code).await?;
    set_password(call, p.id_user, new.expose(), true).await
}

/// A new password ends every session and token of the account. A reset link
/// reached the account's address, which is then proven.
async fn set_password(call: &Call<'_>, id_user: i64, password: &str, proves_address: bool) -> AppResult<Response> {
    let hash = crypto::hash_password(password).await?;
    repo::set_password(&call.db, id_user, &hash, proves_address, call.now).await?;
    Ok(json(&Status::new("password changed")))
}

/// `POST /v1/change-email`: two links. The one the procedure mailed to the
/// current address (code, `email` = the new address) sends a second link to
/// the new address; that one (code, `email` optional but, if given, the same)
/// changes the address, now proven. Until then nothing changes, so nobody can
/// take an address (and the invitations waiting for it) they do not receive.
pub async fn confirm_change_email(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let given_args: ChangeEmail = request::parse(req).await?;
    let code = code_of(&given_args.code)?;
    let given = given_args.email.as_ref().map(|e| Email::parse(e.as_str()).map_err(|e| bad("email", e))).transpose()?;
    let peeked = repo::peek_code(&call.db, MailType::ChangeEmail, code, call.now).await?.ok_or_else(unknown_code)?;
    let Some(new_email) = peeked.payload else {
        let email = given.ok_or_else(|| missing("email"))?;
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
        commit(call, started).await?;
        return Ok(json(&EmailChange {
            status: "confirmation mail sent to the new address".into(),
            email: email.as_str().to_string(),
        }));
    };
    if given.as_ref().is_some_and(|e| e.as_str() != new_email) {
        return Err(bad("email", "is not the address this link confirms"));
    }
    let p = take_code(call, MailType::ChangeEmail, code).await?;
    if repo::change_email(&call.db, p.id_user, &new_email, call.now).await? == 0 {
        return Err(AppError::api(ErrorCode::Conflict, "an account with this email already exists"));
    }
    Ok(json(&EmailChange { status: "email changed".into(), email: new_email }))
}

/// `POST /v1/delete-account` (code). The owner's products go back to
/// "not activated"; their applications, tokens, addresses, call logs, the share
/// links they made and their uploaded files (rows and bytes) go with the account.
pub async fn confirm_delete_account(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let given: Code = request::parse(req).await?;
    let p = take_code(call, MailType::DeleteAccount, code_of(&given.code)?).await?;
    let files = repo::file_names(&call.db, p.id_user).await?;
    repo::delete_account(&call.db, p.id_user).await?;
    // The bytes after the rows: a failure here leaves unreachable bytes, never a file without its owner.
    let bucket = call.env.bucket("FILES").context("binding FILES")?;
    for name in &files {
        bucket.delete(name).await.context("delete file bytes")?;
    }
    Ok(json(&Status::new("account deleted")))
}
