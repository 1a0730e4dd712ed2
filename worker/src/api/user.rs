//! The signed-in user: `GET/POST /v1/user`, logs, tokens, addresses.

use senzu_core::auth::tokens::{self, TokenAccess};
use senzu_core::auth::{Gender, Role};
use senzu_core::wire::{list_object, ApiDate};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use worker::{Request, Response};

use super::Call;
use crate::args::{bad, missing, Args};
use crate::db::{self, int, opt_int, opt_text};
use crate::error::{AppError, AppResult};
use crate::http::json_response;

#[derive(Deserialize)]
struct UserRow {
    id: i64,
    email: String,
    username: Option<String>,
    firstname: Option<String>,
    lastname: Option<String>,
    gender: Option<i64>,
    birthdate: Option<i64>,
    language: String,
    country: Option<String>,
    phone: Option<String>,
    phone_mobile: Option<String>,
    is_active: i64,
    date_created: i64,
    date_updated: Option<i64>,
}

/// Each field of `/user` and the role that reveals it.
const FIELDS: [(&str, Role); 17] = [
    ("id", Role::Basic),
    ("username", Role::Basic),
    ("firstname", Role::Basic),
    ("lastname", Role::Basic),
    ("gender", Role::Basic),
    ("country", Role::Basic),
    ("lang", Role::Basic),
    ("status", Role::Basic),
    ("profile_picture", Role::Basic),
    ("currency", Role::Basic),
    ("roles", Role::Basic),
    ("email", Role::UserMail),
    ("birthdate", Role::UserBirthdate),
    ("phone", Role::UserPhone),
    ("phone_mobile", Role::UserPhone),
    ("balance", Role::UserFinancial),
    ("date_created", Role::Basic),
];

async fn load(call: &Call<'_>, id_user: i64) -> AppResult<UserRow> {
    db::first(
        &call.db,
        "SELECT id, email, username, firstname, lastname, gender, birthdate, language, country, phone, phone_mobile, \
         is_active, date_created, date_updated FROM users WHERE id = ?1",
        &[int(id_user)],
        "user",
    )
    .await?
    .ok_or_else(|| AppError::not_found("the account no longer exists"))
}

fn field(u: &UserRow, name: &str, roles: &[Role]) -> Value {
    match name {
        "id" => json!(u.id),
        "username" => json!(u.username),
        "firstname" => json!(u.firstname),
        "lastname" => json!(u.lastname),
        "gender" => json!(u.gender.and_then(Gender::from_code).map(Gender::name)),
        "country" => json!(u.country),
        "lang" => json!(u.language),
        "status" => json!(u.is_active),
        "roles" => json!(roles.iter().map(|r| r.alias()).collect::<Vec<_>>()),
        "email" => json!(u.email),
        "birthdate" => json!(u.birthdate.map(ApiDate::from_unix)),
        "phone" => json!(u.phone),
        "phone_mobile" => json!(u.phone_mobile),
        "balance" => json!(0),
        "date_created" => json!(ApiDate::from_unix(u.date_created)),
        "date_updated" => json!(ApiDate::opt(u.date_updated)),
        _ => Value::Null,
    }
}

/// `GET /v1/user` (basic; `returns=`/`fields=` select fields, each needing its role).
pub async fn get(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let grant = call.caller.require_user(&call.db, Role::Basic, call.now).await?;
    let args = Args::from_query(req);
    let wanted: Vec<&str> = match args.opt("returns").or(args.opt("fields")) {
        Some(list) => list.split(',').map(str::trim).filter(|f| !f.is_empty()).collect(),
        None => FIELDS.iter().filter(|(_, r)| call.caller.holds(*r)).map(|(f, _)| *f).collect(),
    };
    let mut out = Map::new();
    for name in wanted {
        let (_, role) =
            FIELDS.iter().find(|(f, _)| *f == name).ok_or_else(|| bad("returns", format!("unknown field {name}")))?;
        if !call.caller.holds(*role) {
            return Err(AppError::api(
                senzu_core::ErrorCode::Forbidden,
                format!("the field {name} needs the role {}", role.alias()),
            ));
        }
        out.insert(name.to_string(), Value::Null);
    }
    let user = load(call, grant.id_user).await?;
    for (name, value) in out.iter_mut() {
        *value = field(&user, name, &grant.roles);
    }
    Ok(json_response(&Value::Object(out), 200))
}

/// `POST /v1/user` (manage_basic): username, firstname, lastname, gender, birthdate, country, language.
pub async fn update(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let grant = call.caller.require_user(&call.db, Role::ManageBasic, call.now).await?;
    let args = Args::read(req).await?;
    let gender = args.opt("gender").map(|g| Gender::parse(g).map_err(|e| bad("gender", e))).transpose()?;
    let birthdate = args
        .opt_int("birthdate")?
        .map(|b| senzu_core::wire::birthdate(b, call.now).map_err(|e| bad("birthdate", e)))
        .transpose()?;
    let language = match args.opt("language") {
        Some(l @ ("fr" | "en")) => Some(l),
        Some(_) => return Err(bad("language", "must be fr or en")),
        None => None,
    };
    let country = args.opt_text("country", 2)?.map(str::to_uppercase);
    db::run(
        &call.db,
        "UPDATE users SET username = COALESCE(?2, username), firstname = COALESCE(?3, firstname), \
         lastname = COALESCE(?4, lastname), gender = COALESCE(?5, gender), birthdate = COALESCE(?6, birthdate), \
         country = COALESCE(?7, country), language = COALESCE(?8, language), date_updated = ?9 WHERE id = ?1",
        &[
            int(grant.id_user),
            opt_text(args.opt_text("username", 64)?),
            opt_text(args.opt_text("firstname", 100)?),
            opt_text(args.opt_text("lastname", 100)?),
            opt_int(gender.map(|g| g as i64)),
            opt_int(birthdate),
            opt_text(country.as_deref()),
            opt_text(language),
            int(call.now),
        ],
        "update user",
    )
    .await?;
    let user = load(call, grant.id_user).await?;
    let names = [
        "id",
        "username",
        "firstname",
        "lastname",
        "gender",
        "birthdate",
        "lang",
        "country",
        "date_created",
        "date_updated",
    ];
    let out: Map<String, Value> = names.iter().map(|n| (n.to_string(), field(&user, n, &grant.roles))).collect();
    Ok(json_response(&Value::Object(out), 200))
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

fn call_json(c: CallRow) -> Value {
    json!({
        "id": c.id, "id_api_app": c.id_api_app, "method": c.method, "route": c.route,
        "parameters": c.parameters, "status": c.status, "date_created": ApiDate::from_unix(c.date_created),
    })
}

/// `limit` as documented: default 10, `null` for all (capped at 1,000 here).
pub fn limit(args: &Args) -> AppResult<i64> {
    match args.opt("limit") {
        None => Ok(10),
        Some("null") => Ok(1_000),
        Some(v) => v.parse::<i64>().ok().filter(|l| (1..=1_000).contains(l)).ok_or_else(|| {
            AppError::api(senzu_core::ErrorCode::BadFilter, "bad filter: limit must be 1 to 1000 or null")
        }),
    }
}

/// `GET /v1/user/logs` (user_logs): the API calls made on the account, newest first.
pub async fn logs(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let grant = call.caller.require_user(&call.db, Role::UserLogs, call.now).await?;
    let args = Args::from_query(req);
    let rows: Vec<CallRow> = db::all(
        &call.db,
        "SELECT id, id_api_app, method, route, parameters, status, date_created FROM api_calls \
         WHERE id_user = ?1 ORDER BY id DESC LIMIT ?2",
        &[int(grant.id_user), int(limit(&args)?)],
        "user logs",
    )
    .await?;
    Ok(json_response(&list_object(rows.into_iter().map(call_json)), 200))
}

/// `GET /v1/user/logs/{id}`.
pub async fn log(call: &Call<'_>, id: i64) -> AppResult<Response> {
    let grant = call.caller.require_user(&call.db, Role::UserLogs, call.now).await?;
    let row: CallRow = db::first(
        &call.db,
        "SELECT id, id_api_app, method, route, parameters, status, date_created FROM api_calls WHERE id = ?1 AND id_user = ?2",
        &[int(id), int(grant.id_user)],
        "user log",
    )
    .await?
    .ok_or_else(|| AppError::not_found(format!("no log with id {id}")))?;
    Ok(json_response(&call_json(row), 200))
}

#[derive(Deserialize)]
struct TokenRow {
    id: i64,
    kind: String,
    id_api_app: i64,
    display_name: String,
    roles: String,
    date_created: i64,
    date_expired: Option<i64>,
}

/// `GET /v1/user/tokens` (basic): the user's live tokens that this caller may
/// see (core's rule: a third-party token lists its own app's tokens only,
/// unless it holds user_logs). Only hashes are stored, so a token is listed by
/// id and app, never by value.
pub async fn tokens(call: &Call<'_>) -> AppResult<Response> {
    let grant = call.caller.require_user(&call.db, Role::Basic, call.now).await?;
    let asker = call
        .caller
        .token_asker()
        .ok_or_else(|| AppError::api(senzu_core::ErrorCode::Unauthorized, "this route needs a token"))?;
    let id_app = call.caller.id_app();
    let rows: Vec<TokenRow> = db::all(
        &call.db,
        "SELECT t.id, t.kind, t.id_api_app, a.display_name, t.roles, t.date_created, t.date_expired FROM tokens t \
         JOIN api_apps a ON a.id = t.id_api_app WHERE t.id_user = ?1 AND t.date_revoked IS NULL \
         AND (t.date_expired IS NULL OR t.date_expired > ?2) ORDER BY t.id DESC",
        &[int(grant.id_user), int(call.now)],
        "user tokens",
    )
    .await?;
    let visible =
        rows.into_iter().filter(|t| tokens::access(asker, true, id_app == Some(t.id_api_app)) >= TokenAccess::See);
    let items = visible.map(|t| {
        json!({
            "id": t.id, "kind": t.kind, "id_api_app": t.id_api_app, "app": t.display_name, "roles": t.roles,
            "is_current": t.id == grant.id_token,
            "date_created": ApiDate::from_unix(t.date_created), "date_expired": ApiDate::opt(t.date_expired),
        })
    });
    Ok(json_response(&list_object(items), 200))
}

const ADDRESS_TEXT: [(&str, usize, bool); 13] = [
    ("alias", 100, true),
    ("firstname", 100, true),
    ("lastname", 100, true),
    ("street", 200, true),
    ("country_code", 2, true),
    ("city", 100, true),
    ("zipcode", 20, true),
    ("state", 100, true),
    ("additional", 200, false),
    ("phone", 32, false),
    ("phone_mobile", 32, false),
    ("vat_number", 32, false),
    ("id_company", 20, false),
];

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

fn address_json(a: AddressRow) -> Value {
    json!({
        "id": a.id, "user": { "id": a.id_user }, "company": a.id_company, "alias": a.alias,
        "firstname": a.firstname, "lastname": a.lastname, "street": a.street, "additional": a.additional,
        "country_code": a.country_code, "city": a.city, "zipcode": a.zipcode, "state": a.state,
        "phone": a.phone, "phone_mobile": a.phone_mobile, "vat_number": a.vat_number,
        "is_selected": a.is_selected.map(|s| s == 1), "status": true,
        "date_created": ApiDate::from_unix(a.date_created), "date_updated": ApiDate::opt(a.date_updated),
    })
}

const ADDRESS_COLUMNS: &str = "id, id_user, id_company, alias, firstname, lastname, street, additional, country_code, \
    city, zipcode, state, phone, phone_mobile, vat_number, is_selected, date_created, date_updated";

/// `GET /v1/addresses` (user_addresses).
pub async fn addresses(call: &Call<'_>) -> AppResult<Response> {
    let grant = call.caller.require_user(&call.db, Role::UserAddresses, call.now).await?;
    let rows: Vec<AddressRow> = db::all(
        &call.db,
        &format!("SELECT {ADDRESS_COLUMNS} FROM addresses WHERE id_user = ?1 AND is_deleted = 0 ORDER BY id"),
        &[int(grant.id_user)],
        "addresses",
    )
    .await?;
    Ok(json_response(&list_object(rows.into_iter().map(address_json)), 200))
}

async fn address_row(call: &Call<'_>, id_user: i64, id: i64) -> AppResult<AddressRow> {
    db::first(
        &call.db,
        &format!("SELECT {ADDRESS_COLUMNS} FROM addresses WHERE id = ?1 AND id_user = ?2 AND is_deleted = 0"),
        &[int(id), int(id_user)],
        "address",
    )
    .await?
    .ok_or_else(|| AppError::not_found(format!("no address with id {id}")))
}

/// `GET /v1/addresses/{id}`.
pub async fn address(call: &Call<'_>, id: i64) -> AppResult<Response> {
    let grant = call.caller.require_user(&call.db, Role::UserAddresses, call.now).await?;
    Ok(json_response(&address_json(address_row(call, grant.id_user, id).await?), 200))
}

/// `POST /v1/addresses` and `POST /v1/addresses/{id}` (manage_user_addresses).
/// An update creates a new address and retires the old one (docs).
pub async fn save_address(call: &Call<'_>, req: &mut Request, id: Option<i64>) -> AppResult<Response> {
    let grant = call.caller.require_user(&call.db, Role::ManageUserAddresses, call.now).await?;
    let args = Args::read(req).await?;
    let previous = match id {
        Some(id) => Some(address_row(call, grant.id_user, id).await?),
        None => None,
    };
    let old = previous.as_ref().map(|p| {
        json!({
            "alias": p.alias, "firstname": p.firstname, "lastname": p.lastname, "street": p.street,
            "country_code": p.country_code, "city": p.city, "zipcode": p.zipcode, "state": p.state,
            "additional": p.additional, "phone": p.phone, "phone_mobile": p.phone_mobile,
            "vat_number": p.vat_number, "id_company": p.id_company.map(|c| c.to_string()),
        })
    });
    let mut values = Vec::new();
    for (name, max, required) in ADDRESS_TEXT {
        let given = args.opt_text(name, max)?.map(str::to_string);
        let value = given.or_else(|| old.as_ref().and_then(|o| o[name].as_str().map(str::to_string)));
        if required && value.is_none() {
            return Err(missing(name));
        }
        values.push(value);
    }
    if values[4].as_ref().is_some_and(|c| c.len() != 2 || !c.chars().all(|ch| ch.is_ascii_alphabetic())) {
        return Err(bad("country_code", "must be a two-letter ISO code"));
    }
    let id_company = match values[12].as_deref() {
        Some(v) => Some(v.parse::<i64>().map_err(|_| bad("id_company", "must be an integer"))?),
        None => None,
    };
    let is_selected = args.opt_bool("is_selected")?.or(previous.as_ref().and_then(|p| p.is_selected.map(|s| s == 1)));
    let mut sql_args = vec![int(grant.id_user)];
    sql_args.extend(values[..12].iter().map(|v| opt_text(v.as_deref())));
    sql_args.push(opt_int(id_company));
    sql_args.push(opt_int(is_selected.map(i64::from)));
    let inserted = db::id_of(
        &call.db,
        "INSERT INTO addresses (id_user, alias, firstname, lastname, street, country_code, city, zipcode, state, \
         additional, phone, phone_mobile, vat_number, id_company, is_selected) \
         VALUES (?1, ?2, ?3, ?4, ?5, upper(?6), ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) RETURNING id",
        &sql_args,
        "insert address",
    )
    .await?;
    let new_id = inserted.ok_or_else(|| AppError::not_found("address not saved"))?;
    if let Some(old_id) = id {
        db::run(
            &call.db,
            "UPDATE addresses SET is_deleted = 1, date_updated = ?3 WHERE id = ?1 AND id_user = ?2",
            &[int(old_id), int(grant.id_user), int(call.now)],
            "retire address",
        )
        .await?;
    }
    let status = if id.is_some() { 200 } else { 201 };
    Ok(json_response(&address_json(address_row(call, grant.id_user, new_id).await?), status))
}

/// `DELETE /v1/addresses/{id}`.
pub async fn delete_address(call: &Call<'_>, id: i64) -> AppResult<Response> {
    let grant = call.caller.require_user(&call.db, Role::ManageUserAddresses, call.now).await?;
    let changed = db::run(
        &call.db,
        "UPDATE addresses SET is_deleted = 1, date_updated = ?3 WHERE id = ?1 AND id_user = ?2 AND is_deleted = 0",
        &[int(id), int(grant.id_user), int(call.now)],
        "delete address",
    )
    .await?;
    if changed == 0 {
        return Err(AppError::not_found(format!("no address with id {id}")));
    }
    Ok(json_response(&json!({ "id": id, "deleted": true }), 200))
}
