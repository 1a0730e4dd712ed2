//! `/v1/contacts`: what visitors left through contact exchange plugins, as the
//! people who may see them read them. Contacts are personal data: a contact is
//! seen only by whoever holds at least its plugin's `visible_from` level on its
//! application (the owners, unless they say otherwise; core::contacts), and by
//! a token only with `manage_applications`. Anyone else gets 404: a contact's
//! existence is not confirmed. `POST /v1/contacts/forget` is the visitor's own
//! deletion, with the token of their confirmation mail and nothing else.

mod repo;

use senzu_core::api::contacts::{self as contract, Contact, ForgetContact, UpdateContact};
use senzu_core::api::{Deleted, Id, Keyed};
use senzu_core::auth::Role;
use senzu_core::{contacts, ErrorCode};
use worker::{Request, Response};

use super::Call;
use crate::error::{AppError, AppResult};
use crate::http::{attachment, json};
use crate::request;

async fn me(call: &Call<'_>) -> AppResult<Id> {
    Ok(call.caller.require_user(&call.db, Role::ManageApplications, call.now).await?.id_user)
}

/// The caller's contacts that `search`, `tag` and `id_application` keep.
async fn chosen(call: &Call<'_>, req: &Request) -> AppResult<Vec<Contact>> {
    let query = request::query(req);
    let text = |name: &str| query.get(name).map(|v| v.trim()).filter(|v| !v.is_empty());
    let id_application = text("id_application")
        .map(|v| {
            v.parse::<Id>().map_err(|_| AppError::api(ErrorCode::BadFilter, "bad filter: id_application must be an id"))
        })
        .transpose()?;
    let id_user = me(call).await?;
    let all = repo::visible_to(&call.db, id_user, id_application).await?;
    Ok(all.into_iter().filter(|c| contacts::matches(c, text("search"), text("tag"))).collect())
}

/// `GET /v1/contacts`: newest first, with the documented filters.
pub async fn list(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let filters = request::list(req, contract::LIST)?;
    let kept = chosen(call, req).await?;
    Ok(json(&Keyed(filters.apply(kept))))
}

/// `GET /v1/contacts/export?format=csv|vcard`: the same list as a file to import elsewhere.
pub async fn export(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let filters = request::list(req, contract::EXPORT)?;
    let format = request::query(req).get("format").map(|f| f.trim().to_ascii_lowercase()).unwrap_or_default();
    let kept = filters.apply(chosen(call, req).await?);
    let day = senzu_core::api::ApiDate::from_unix(call.now).date.chars().take(10).collect::<String>();
    match format.as_str() {
        "" | "csv" => Ok(attachment(
            contacts::csv(&kept),
            "text/csv; charset=utf-8; header=present",
            &format!("senzu-contacts-{day}.csv"),
        )),
        "vcard" | "vcf" => {
            Ok(attachment(contacts::vcards(&kept), "text/vcard; charset=utf-8", &format!("senzu-contacts-{day}.vcf")))
        }
        other => {
            Err(AppError::api(ErrorCode::BadFilter, format!("bad filter: format must be csv or vcard, not {other:?}")))
        }
    }
}

async fn visible(call: &Call<'_>, id: Id) -> AppResult<Contact> {
    let id_user = me(call).await?;
    repo::one(&call.db, id_user, id).await?.ok_or_else(|| AppError::not_found(format!("no contact with id {id}")))
}

/// `GET /v1/contacts/{id}`.
pub async fn get(call: &Call<'_>, id: Id) -> AppResult<Response> {
    Ok(json(&visible(call, id).await?))
}

/// `POST /v1/contacts/{id}`: `tags` (comma-separated; empty clears them) and `owner_note`.
pub async fn update(call: &Call<'_>, req: &mut Request, id: Id) -> AppResult<Response> {
    let change: UpdateContact = request::parse(req).await?;
    visible(call, id).await?;
    let tags = match change.tags.change() {
        None => None,
        Some(None) => Some(Vec::new()),
        Some(Some(text)) => Some(contacts::parse_tags(text.as_str()).map_err(AppError::Api)?),
    };
    let note = change.owner_note.change();
    repo::update(&call.db, id, tags.as_deref(), note.as_ref().map(|n| n.as_ref().map(|n| n.as_str())), call.now)
        .await?;
    Ok(json(&visible(call, id).await?))
}

/// `DELETE /v1/contacts/{id}`.
pub async fn delete(call: &Call<'_>, id: Id) -> AppResult<Response> {
    visible(call, id).await?;
    if !repo::delete(&call.db, id).await? {
        return Err(AppError::not_found(format!("no contact with id {id}")));
    }
    Ok(json(&Deleted::of(id)))
}

/// `POST /v1/contacts/forget` (`token`): the visitor deletes what they left.
pub async fn forget(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let given: ForgetContact = request::parse(req).await?;
    let token = given.token.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let token = token.ok_or_else(|| AppError::api(ErrorCode::MissingArgument, "missing argument: token"))?;
    match repo::forget(&call.db, &crate::plays::forget_hash(token)).await? {
        Some(id) => Ok(json(&Deleted::of(id))),
        None => Err(AppError::not_found("nothing to delete with this link: it was deleted already, or never existed")),
    }
}
