//! Makers and their items (`/v1/makers…`, `/v1/items/{id}…`, role maker).
//!
//! An account runs its own makers (brands); only their account reaches them,
//! their items and their items' products: anyone else gets 404, as if they did
//! not exist. A maker's public profile (`GET /v1/makers/{id}`) is the one thing
//! other makers see.

mod repo;

use senzu_core::api::list::ListSpec;
use senzu_core::api::makers::{
    CreateItem, CreateMaker, CreateProduct, CreateRecord, Item, Maker, UpdateItem, UpdateMaker,
};
use senzu_core::api::products::{Technology, TokenEncryption};
use senzu_core::api::{Deleted, Id, Keyed};
use senzu_core::auth::Role;
use senzu_core::money::Amount;
use senzu_core::ErrorCode;
use worker::{Request, Response};

use super::Call;
use crate::args::bad;
use crate::error::{AppError, AppResult};
use crate::http::{created, json};
use crate::request;

/// The only currency until the shop brings its table: 1, the euro.
const EURO: Id = 1;

async fn maker_user(call: &Call<'_>) -> AppResult<Id> {
    Ok(call.caller.require_user(&call.db, Role::Maker, call.now).await?.id_user)
}

fn no_maker(id: Id) -> AppError {
    AppError::not_found(format!("no maker with id {id}"))
}

fn no_item(id: Id) -> AppError {
    AppError::not_found(format!("no item with id {id}"))
}

fn missing_row(context: &'static str) -> AppError {
    AppError::Internal { context, cause: "no row returned".into() }
}

async fn own_maker(call: &Call<'_>, me: Id, id: Id) -> AppResult<Maker> {
    repo::own(&call.db, me, id).await?.ok_or_else(|| no_maker(id))
}

async fn own_item(call: &Call<'_>, me: Id, id: Id) -> AppResult<Item> {
    repo::own_item(&call.db, me, id).await?.ok_or_else(|| no_item(id))
}

/// `id_image`: one of the caller's uploaded files.
pub(super) async fn image(call: &Call<'_>, me: Id, id: Option<Id>) -> AppResult<Option<Id>> {
    let Some(id) = id else { return Ok(None) };
    let file = super::files::own(&call.db, me, id)
        .await?
        .ok_or_else(|| bad("id_image", "no uploaded file of yours with this id"))?;
    Ok(Some(file.id))
}

/// Companies arrive with the shop: until then there is none to name.
pub(super) fn no_company(id_company: Option<Id>) -> AppResult<()> {
    match id_company {
        Some(id) => Err(bad("id_company", format!("no company with id {id}"))),
        None => Ok(()),
    }
}

pub(super) fn currency(id: Option<Id>) -> AppResult<Option<Id>> {
    match id {
        Some(EURO) | None => Ok(id),
        Some(other) => Err(bad("id_currency", format!("no currency with id {other} (1 is the euro)"))),
    }
}

/// `GET /v1/makers`: the account's makers.
pub async fn list(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    let me = maker_user(call).await?;
    Ok(json(&Keyed(filters.apply(repo::list(&call.db, me).await?))))
}

/// `POST /v1/makers`: `display_name` and `contact_email`; the account's first maker is its main one.
pub async fn create(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let me = maker_user(call).await?;
    let new: CreateMaker = request::parse(req).await?;
    no_company(new.id_company)?;
    let id_image = image(call, me, new.id_image).await?;
    let alias = new.display_name.as_str();
    let fields = repo::NewMaker {
        reference: new.reference.as_ref().map_or(alias, |r| r.as_str()),
        alias_name: alias,
        contact_email: new.contact_email.as_str(),
        url: new.url.as_ref().map(|u| u.as_str()),
        id_image,
    };
    match repo::create(&call.db, me, &fields, call.now).await? {
        Some(maker) => Ok(created(&maker)),
        None => Err(AppError::api(
            ErrorCode::Conflict,
            format!("an account runs at most {} makers", repo::MAX_MAKERS_PER_ACCOUNT),
        )),
    }
}

/// `GET /v1/makers/main`.
pub async fn main(call: &Call<'_>) -> AppResult<Response> {
    let me = maker_user(call).await?;
    let maker = repo::main(&call.db, me)
        .await?
        .ok_or_else(|| AppError::not_found("this account has no maker yet: POST /v1/makers creates one"))?;
    Ok(json(&maker))
}

/// `POST /v1/makers/main`.
pub async fn update_main(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let me = maker_user(call).await?;
    let main = repo::main(&call.db, me)
        .await?
        .ok_or_else(|| AppError::not_found("this account has no maker yet: POST /v1/makers creates one"))?;
    apply_update(call, req, me, main.id).await
}

/// `GET /v1/makers/{id}`: a maker's public profile, for any maker.
pub async fn get(call: &Call<'_>, id: Id) -> AppResult<Response> {
    maker_user(call).await?;
    Ok(json(&repo::profile(&call.db, id).await?.ok_or_else(|| no_maker(id))?))
}

/// `POST /v1/makers/{id}`.
pub async fn update(call: &Call<'_>, req: &mut Request, id: Id) -> AppResult<Response> {
    let me = maker_user(call).await?;
    own_maker(call, me, id).await?;
    apply_update(call, req, me, id).await
}

async fn apply_update(call: &Call<'_>, req: &mut Request, me: Id, id: Id) -> AppResult<Response> {
    let changes: UpdateMaker = request::parse(req).await?;
    if changes.is_empty() {
        return Err(AppError::api(
            ErrorCode::MissingArgument,
            "missing argument: one of display_name, reference, contact_email, url, id_image",
        ));
    }
    no_company(changes.id_company)?;
    let id_image = match changes.id_image.change() {
        Some(Some(file)) => Some(image(call, me, Some(file)).await?),
        other => other.map(|_| None),
    };
    let fields = repo::MakerChanges {
        reference: changes.reference.as_ref().map(|n| n.as_str()),
        alias_name: changes.display_name.as_ref().map(|n| n.as_str()),
        contact_email: changes.contact_email.as_ref().map(|e| e.as_str()),
        url: changes.url.as_ref().change().map(|u| u.map(|u| u.as_str())),
        id_image,
    };
    let maker = repo::update(&call.db, me, id, &fields, call.now).await?;
    Ok(json(&maker.ok_or_else(|| missing_row("update maker"))?))
}

/// `DELETE /v1/makers/{id}`: only a maker without items (their products are someone's objects).
pub async fn delete(call: &Call<'_>, id: Id) -> AppResult<Response> {
    let me = maker_user(call).await?;
    own_maker(call, me, id).await?;
    if !repo::delete(&call.db, me, id).await? {
        return Err(AppError::api(ErrorCode::Conflict, format!("maker {id} still has items: delete them first")));
    }
    Ok(json(&Deleted::of(id)))
}

/// `GET /v1/makers/{id}/items`.
pub async fn items(call: &Call<'_>, req: &Request, id_maker: Id) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    let me = maker_user(call).await?;
    own_maker(call, me, id_maker).await?;
    Ok(json(&Keyed(filters.apply(repo::items(&call.db, id_maker).await?))))
}

/// `POST /v1/makers/{id}/items`: `reference` and `display_name`; the rest has defaults.
pub async fn create_item(call: &Call<'_>, req: &mut Request, id_maker: Id) -> AppResult<Response> {
    let me = maker_user(call).await?;
    own_maker(call, me, id_maker).await?;
    let new: CreateItem = request::parse(req).await?;
    no_company(new.id_company)?;
    let fields = repo::NewItem {
        reference: new.reference.as_str(),
        display_name: new.display_name.as_str(),
        id_currency: currency(new.id_currency)?.unwrap_or(EURO),
        id_image: image(call, me, new.id_image).await?,
        price: new.price.unwrap_or(Amount::from_minor(0)),
        language: new.language,
        country_code: new.country_code.as_ref().map(|c| c.as_str()),
        metadata: new.metadata.as_ref().map(|m| m.as_str()),
        quantity_in_stock: new.quantity_in_stock.map(i64::from),
        is_onsale: new.is_onsale.unwrap_or(false),
    };
    let item = repo::create_item(&call.db, me, id_maker, &fields, call.now).await?;
    Ok(created(&item.ok_or_else(|| missing_row("create item"))?))
}

/// `GET /v1/items/{id}`.
pub async fn get_item(call: &Call<'_>, id: Id) -> AppResult<Response> {
    let me = maker_user(call).await?;
    Ok(json(&own_item(call, me, id).await?))
}

/// `POST /v1/items/{id}`.
pub async fn update_item(call: &Call<'_>, req: &mut Request, id: Id) -> AppResult<Response> {
    let me = maker_user(call).await?;
    own_item(call, me, id).await?;
    let changes: UpdateItem = request::parse(req).await?;
    if changes.is_empty() {
        return Err(AppError::api(ErrorCode::MissingArgument, "missing argument: at least one field of the item"));
    }
    let id_image = match changes.id_image.change() {
        Some(Some(file)) => Some(image(call, me, Some(file)).await?),
        other => other.map(|_| None),
    };
    let fields = repo::ItemChanges {
        reference: changes.reference.as_ref().map(|n| n.as_str()),
        display_name: changes.display_name.as_ref().map(|n| n.as_str()),
        id_currency: currency(changes.id_currency)?,
        id_image,
        // A cleared price is free, not unknown.
        price: changes.price.change().map(|p| p.unwrap_or_default()),
        language: changes.language.change(),
        country_code: changes.country_code.as_ref().change().map(|c| c.map(|c| c.as_str())),
        metadata: changes.metadata.as_ref().change().map(|m| m.map(|m| m.as_str())),
        quantity_in_stock: changes.quantity_in_stock.change().map(|q| q.map(i64::from)),
        is_onsale: changes.is_onsale,
    };
    let item = repo::update_item(&call.db, me, id, &fields, call.now).await?;
    Ok(json(&item.ok_or_else(|| missing_row("update item"))?))
}

/// `DELETE /v1/items/{id}`: only an item none of whose products exist and nobody ordered.
pub async fn delete_item(call: &Call<'_>, id: Id) -> AppResult<Response> {
    let me = maker_user(call).await?;
    own_item(call, me, id).await?;
    if !repo::delete_item(&call.db, id).await? {
        return Err(AppError::api(ErrorCode::Conflict, format!("item {id} still has products or shop orders")));
    }
    Ok(json(&Deleted::of(id)))
}

/// `GET /v1/items/{id}/products`.
pub async fn item_products(call: &Call<'_>, req: &Request, id: Id) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    let me = maker_user(call).await?;
    own_item(call, me, id).await?;
    Ok(json(&Keyed(filters.apply(repo::item_products(&call.db, id).await?))))
}

/// The caller (role maker) if maker `id_maker` is theirs; 404 otherwise, as if it did not
/// exist: the one guard of a maker's resources (items aside: they carry their maker).
pub async fn require_own_maker(call: &Call<'_>, id_maker: Id) -> AppResult<Id> {
    let me = maker_user(call).await?;
    if repo::is_own(&call.db, me, id_maker).await? {
        Ok(me)
    } else {
        Err(no_maker(id_maker))
    }
}

/// The reference of `id_item` if it is an item of maker `id_maker`, the user's.
pub async fn own_item_of(db: &worker::D1Database, me: Id, id_maker: Id, id_item: Id) -> AppResult<Option<String>> {
    repo::item_reference(db, me, id_maker, id_item).await
}

/// `POST /v1/products` (documented): `id_maker`, `id_item`, `reference`, `id_attached_group`, `id_reseller`.
pub async fn create_product(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let me = maker_user(call).await?;
    let new: CreateProduct = request::parse(req).await?;
    own_maker(call, me, new.id_maker).await?;
    if own_item_of(&call.db, me, new.id_maker, new.id_item).await?.is_none() {
        return Err(bad("id_item", format!("no item with id {} of maker {}", new.id_item, new.id_maker)));
    }
    if let Some(reseller) = new.id_reseller {
        if !super::resellers::repo::is_verified(&call.db, reseller).await? {
            return Err(bad("id_reseller", format!("no verified reseller with id {reseller}")));
        }
    }
    let placed = repo::Placement { id_attached_group: new.id_attached_group, id_reseller: new.id_reseller };
    let made =
        repo::create_product(&call.db, new.id_maker, new.id_item, new.reference.as_str(), placed, call.now).await?;
    match made {
        Some(product) => Ok(created(&product)),
        None => Err(bad("id_attached_group", "no attached group with this id of this maker")),
    }
}

/// `GET /v1/makers/{id}/products/encoded`: the maker's products with their records' keys.
pub async fn encoded(call: &Call<'_>, req: &Request, id_maker: Id) -> AppResult<Response> {
    let filters = request::list(req, senzu_core::api::makers::ENCODED_LIST)?;
    let id_batch = match request::query(req).get("id_batch").map(String::as_str) {
        None | Some("") => None,
        Some(text) => Some(crate::args::id(text, "id_batch")?),
    };
    let me = maker_user(call).await?;
    own_maker(call, me, id_maker).await?;
    Ok(json(&Keyed(filters.apply(repo::encoded(&call.db, id_maker, id_batch).await?))))
}

/// The product `id` of one of the caller's makers, nobody's yet (what a maker may still change).
async fn unpaired_product(call: &Call<'_>, me: Id, id: Id) -> AppResult<()> {
    match repo::product_of_user(&call.db, me, id).await? {
        None => Err(AppError::not_found(format!("no product with id {id} of your makers"))),
        Some(true) => Err(AppError::api(
            ErrorCode::Conflict,
            format!("product {id} is paired: its records are its owner's object now"),
        )),
        Some(false) => Ok(()),
    }
}

/// `POST /v1/products/{id}/records` (maker): `technology`, `token_encryption`, `key`.
pub async fn create_record(call: &Call<'_>, req: &mut Request, id_product: Id) -> AppResult<Response> {
    let me = maker_user(call).await?;
    let new: CreateRecord = request::parse(req).await?;
    unpaired_product(call, me, id_product).await?;
    let technology = new.technology.unwrap_or(Technology::Nfc);
    let encryption = new.token_encryption.unwrap_or(TokenEncryption::Static);
    if technology != Technology::Nfc && encryption != TokenEncryption::Static {
        return Err(bad(
            "token_encryption",
            format!("a {} record is static: only nfc signs its taps", technology.as_str()),
        ));
    }
    if new.key.is_some() && encryption != TokenEncryption::Static {
        return Err(bad("key", "a dynamic record's keys are derived per chip: only a static record takes a key"));
    }
    let key = match &new.key {
        Some(k) if repo::key_taken(&call.db, k.as_str()).await? => {
            return Err(AppError::api(ErrorCode::Conflict, "this key is another record's"));
        }
        Some(k) => k.as_str().to_string(),
        None => crate::auth::crypto::random_hex(16)?,
    };
    let record = repo::create_record(&call.db, id_product, technology, encryption, &key, call.now).await?;
    Ok(created(&record.ok_or_else(|| missing_row("create record"))?))
}

/// `DELETE /v1/products/{id}/records/{id_record}` (maker), before anyone paired the product.
pub async fn delete_record(call: &Call<'_>, id_product: Id, id_record: Id) -> AppResult<Response> {
    let me = maker_user(call).await?;
    unpaired_product(call, me, id_product).await?;
    if !repo::delete_record(&call.db, id_product, id_record).await? {
        return Err(AppError::not_found(format!("no record with id {id_record} of product {id_product}")));
    }
    Ok(json(&Deleted::of(id_record)))
}
