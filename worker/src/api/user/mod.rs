//! The signed-in user: `GET/POST /v1/user`, its logs and tokens, and
//! `/v1/addresses`.

mod repo;

use senzu_core::api::list::{ListQuery, ListSpec, Listed};
use senzu_core::api::user::{
    Address, CallLog, SaveAddress, UpdateUser, User, UserQuery, UserToken, UPDATED_FIELDS, USER_FIELDS,
};
use senzu_core::api::{ApiDate, Deleted, Id, Keyed, Patch};
use senzu_core::auth::tokens::{self, TokenAccess};
use senzu_core::auth::{Gender, Role};
use senzu_core::ErrorCode;
use worker::{Request, Response};

use super::Call;
use crate::args::{bad, missing};
use crate::error::{AppError, AppResult};
use crate::http::{created, json};
use crate::request;

/// A list item with what the documented filters read (id, creation time).
pub struct Dated<T> {
    pub id: Id,
    pub created: i64,
    pub item: T,
}

impl<T> Listed for Dated<T> {
    fn id(&self) -> i64 {
        self.id
    }
    fn date_created(&self) -> Option<i64> {
        Some(self.created)
    }
}

/// Applies a list's filters to dated items and answers the documented keyed list.
pub fn filtered<T: serde::Serialize>(filters: &ListQuery, items: Vec<Dated<T>>) -> Response {
    json(&Keyed(filters.apply(items).into_iter().map(|d| d.item).collect()))
}

/// One field of the account into the answer.
fn set_field(out: &mut User, u: &repo::UserRow, name: &str, roles: &[Role]) {
    match name {
        "id" => out.id = Some(u.id),
        "username" => out.username = u.username.clone().into(),
        "firstname" => out.firstname = u.firstname.clone().into(),
        "lastname" => out.lastname = u.lastname.clone().into(),
        "gender" => out.gender = u.gender.and_then(Gender::from_code).map(|g| g.name().to_string()).into(),
        "country" => out.country = u.country.clone().into(),
        "lang" => out.lang = Some(u.language.clone()),
        "status" => out.status = Some(u.is_active),
        "profile_picture" => out.profile_picture = Patch::Clear,
        "currency" => out.currency = Patch::Clear,
        "roles" => out.roles = Some(roles.to_vec()),
        "email" => out.email = Some(u.email.clone()),
        "birthdate" => out.birthdate = u.birthdate.map(ApiDate::from_unix).into(),
        "phone" => out.phone = u.phone.clone().into(),
        "phone_mobile" => out.phone_mobile = u.phone_mobile.clone().into(),
        "balance" => out.balance = Some(0),
        "date_created" => out.date_created = Some(ApiDate::from_unix(u.date_created)),
        "date_updated" => out.date_updated = ApiDate::opt(u.date_updated).into(),
        _ => {}
    }
}

fn user_with(u: &repo::UserRow, names: &[&str], roles: &[Role]) -> User {
    let mut out = User::default();
    for name in names {
        set_field(&mut out, u, name, roles);
    }
    out
}

/// `GET /v1/user` (basic; `returns=`/`fields=` select fields, each needing its role).
pub async fn get(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let grant = call.caller.require_user(&call.db, Role::Basic, call.now).await?;
    let query: UserQuery = request::from_args(&request::query(req))?;
    let wanted: Vec<&str> = match query.wanted() {
        Some(list) => list,
        None => USER_FIELDS.iter().filter(|(_, r)| call.caller.holds(*r)).map(|(f, _)| *f).collect(),
    };
    for name in &wanted {
        let (_, role) = USER_FIELDS
            .iter()
            .find(|(f, _)| f == name)
            .ok_or_else(|| bad("returns", format!("unknown field {name}")))?;
        if !call.caller.holds(*role) {
            return Err(AppError::api(
                ErrorCode::Forbidden,
                format!("the field {name} needs the role {}", role.alias()),
            ));
        }
    }
    let user = repo::user(&call.db, grant.id_user).await?;
    Ok(json(&user_with(&user, &wanted, &grant.roles)))
}

/// `POST /v1/user` (manage_basic): username, firstname, lastname, gender, birthdate, country, language.
pub async fn update(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let grant = call.caller.require_user(&call.db, Role::ManageBasic, call.now).await?;
    let changes: UpdateUser = request::parse(req).await?;
    let gender = changes.gender.as_deref().map(|g| Gender::parse(g).map_err(|e| bad("gender", e))).transpose()?;
    let birthdate = changes
        .birthdate
        .map(|b| senzu_core::wire::birthdate(b, call.now).map_err(|e| bad("birthdate", e)))
        .transpose()?;
    let language = match changes.language.as_deref().map(str::trim) {
        Some(l @ ("fr" | "en")) => Some(l),
        Some(_) => return Err(bad("language", "must be fr or en")),
        None => None,
    };
    let country = changes.country.as_ref().map(|c| c.as_str().to_uppercase());
    let apply = repo::UserChanges {
        username: changes.username.as_ref().map(|n| n.as_str()),
        firstname: changes.firstname.as_ref().map(|n| n.as_str()),
        lastname: changes.lastname.as_ref().map(|n| n.as_str()),
        gender: gender.map(|g| g as i64),
        birthdate,
        country: country.as_deref(),
        language,
    };
    repo::update_user(&call.db, grant.id_user, &apply, call.now).await?;
    let user = repo::user(&call.db, grant.id_user).await?;
    Ok(json(&user_with(&user, &UPDATED_FIELDS, &grant.roles)))
}

/// `GET /v1/user/logs` (user_logs): the API calls made on the account, newest
/// first, with the documented filters (over the latest 1,000 calls).
pub async fn logs(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    let grant = call.caller.require_user(&call.db, Role::UserLogs, call.now).await?;
    let logs = repo::logs(&call.db, grant.id_user).await?;
    Ok(filtered(&filters, logs.into_iter().map(|(log, created)| Dated { id: log.id, created, item: log }).collect()))
}

/// `GET /v1/user/logs/{id}`.
pub async fn log(call: &Call<'_>, id: i64) -> AppResult<Response> {
    let grant = call.caller.require_user(&call.db, Role::UserLogs, call.now).await?;
    let log: CallLog = repo::log(&call.db, grant.id_user, id)
        .await?
        .ok_or_else(|| AppError::not_found(format!("no log with id {id}")))?;
    Ok(json(&log))
}

/// `GET /v1/user/tokens` (basic): the user's live tokens that this caller may
/// see (core's rule: a third-party token lists its own app's tokens only,
/// unless it holds user_logs). Only hashes are stored, so a token is listed by
/// id and app, never by value.
pub async fn tokens(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    let grant = call.caller.require_user(&call.db, Role::Basic, call.now).await?;
    let asker =
        call.caller.token_asker().ok_or_else(|| AppError::api(ErrorCode::Unauthorized, "this route needs a token"))?;
    let id_app = call.caller.id_app();
    let rows = repo::tokens(&call.db, grant.id_user, call.now).await?;
    let visible = rows
        .into_iter()
        .filter(|t| tokens::access(asker, true, id_app == Some(t.id_api_app)) >= TokenAccess::See)
        .map(|t| Dated {
            id: t.id,
            created: t.date_created,
            item: UserToken {
                id: t.id,
                kind: t.kind,
                id_api_app: t.id_api_app,
                app: t.display_name,
                roles: t.roles,
                is_current: t.id == grant.id_token,
                date_created: ApiDate::from_unix(t.date_created),
                date_expired: ApiDate::opt(t.date_expired),
            },
        })
        .collect();
    Ok(filtered(&filters, visible))
}

/// `GET /v1/addresses` (user_addresses).
pub async fn addresses(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    let grant = call.caller.require_user(&call.db, Role::UserAddresses, call.now).await?;
    let rows = repo::addresses(&call.db, grant.id_user).await?;
    Ok(filtered(&filters, rows.into_iter().map(|(a, created)| Dated { id: a.id, created, item: a }).collect()))
}

fn no_address(id: Id) -> AppError {
    AppError::not_found(format!("no address with id {id}"))
}

/// `GET /v1/addresses/{id}`.
pub async fn address(call: &Call<'_>, id: i64) -> AppResult<Response> {
    let grant = call.caller.require_user(&call.db, Role::UserAddresses, call.now).await?;
    Ok(json(&repo::address(&call.db, grant.id_user, id).await?.ok_or_else(|| no_address(id))?))
}

/// `POST /v1/addresses` (201) and `POST /v1/addresses/{id}` (manage_user_addresses).
/// An update creates a new address and retires the old one (docs): a field
/// not given keeps the old address's value.
pub async fn save_address(call: &Call<'_>, req: &mut Request, id: Option<i64>) -> AppResult<Response> {
    let grant = call.caller.require_user(&call.db, Role::ManageUserAddresses, call.now).await?;
    let given: SaveAddress = request::parse(req).await?;
    let old: Option<Address> = match id {
        Some(id) => Some(repo::address(&call.db, grant.id_user, id).await?.ok_or_else(|| no_address(id))?),
        None => None,
    };
    let old = old.as_ref();
    let required = |name: &'static str, new: Option<&str>, was: Option<&str>| -> AppResult<String> {
        new.or(was).map(str::to_string).ok_or_else(|| missing(name))
    };
    let alias = required("alias", given.alias.as_ref().map(|n| n.as_str()), old.map(|o| o.alias.as_str()))?;
    let firstname =
        required("firstname", given.firstname.as_ref().map(|n| n.as_str()), old.map(|o| o.firstname.as_str()))?;
    let lastname = required("lastname", given.lastname.as_ref().map(|n| n.as_str()), old.map(|o| o.lastname.as_str()))?;
    let street = required("street", given.street.as_ref().map(|n| n.as_str()), old.map(|o| o.street.as_str()))?;
    let country_code = required(
        "country_code",
        given.country_code.as_ref().map(|n| n.as_str()),
        old.map(|o| o.country_code.as_str()),
    )?;
    let city = required("city", given.city.as_ref().map(|n| n.as_str()), old.map(|o| o.city.as_str()))?;
    let zipcode = required("zipcode", given.zipcode.as_ref().map(|n| n.as_str()), old.map(|o| o.zipcode.as_str()))?;
    let state = required("state", given.state.as_ref().map(|n| n.as_str()), old.map(|o| o.state.as_str()))?;
    if country_code.len() != 2 || !country_code.chars().all(|ch| ch.is_ascii_alphabetic()) {
        return Err(bad("country_code", "must be a two-letter ISO code"));
    }
    let optional = |new: &Option<senzu_core::api::Name<200>>, was: Option<&Option<String>>| {
        new.as_ref().map(|n| n.as_str().to_string()).or_else(|| was.cloned().flatten())
    };
    let additional = optional(&given.additional, old.map(|o| &o.additional));
    let short = |new: &Option<senzu_core::api::Name<32>>, was: Option<&Option<String>>| {
        new.as_ref().map(|n| n.as_str().to_string()).or_else(|| was.cloned().flatten())
    };
    let phone = short(&given.phone, old.map(|o| &o.phone));
    let phone_mobile = short(&given.phone_mobile, old.map(|o| &o.phone_mobile));
    let vat_number = short(&given.vat_number, old.map(|o| &o.vat_number));
    let new = repo::NewAddress {
        alias: &alias,
        firstname: &firstname,
        lastname: &lastname,
        street: &street,
        country_code: &country_code,
        city: &city,
        zipcode: &zipcode,
        state: &state,
        additional: additional.as_deref(),
        phone: phone.as_deref(),
        phone_mobile: phone_mobile.as_deref(),
        vat_number: vat_number.as_deref(),
        id_company: given.id_company.or(old.and_then(|o| o.company)),
        is_selected: given.is_selected.or(old.and_then(|o| o.is_selected)),
    };
    let new_id = repo::insert_address(&call.db, grant.id_user, &new).await?;
    if let Some(old_id) = id {
        repo::retire_address(&call.db, grant.id_user, old_id, call.now).await?;
    }
    let saved = repo::address(&call.db, grant.id_user, new_id).await?.ok_or_else(|| AppError::Internal {
        context: "save address",
        cause: "the new address is not readable".into(),
    })?;
    Ok(if id.is_some() { json(&saved) } else { created(&saved) })
}

/// `DELETE /v1/addresses/{id}`.
pub async fn delete_address(call: &Call<'_>, id: i64) -> AppResult<Response> {
    let grant = call.caller.require_user(&call.db, Role::ManageUserAddresses, call.now).await?;
    if repo::retire_address(&call.db, grant.id_user, id, call.now).await? == 0 {
        return Err(no_address(id));
    }
    Ok(json(&Deleted::of(id)))
}
