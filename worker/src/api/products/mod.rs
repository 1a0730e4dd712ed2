//! An owner's products: the list and one product (with item, maker and
//! records), updates (alias, lost with its message), delete (from one's own
//! account, or `force_erase` for everyone), reset, and pairing a product by
//! a static record key or a signed dynamic tap.

mod repo;

use senzu_core::api::products::{
    AttachedProduct, DeleteProduct, Pair, Product, ProductDeleted, ProductsQuery, UpdateProduct, LIST,
};
use senzu_core::api::{Id, Keyed, Patch};
use senzu_core::auth::Role;
use senzu_core::chmod::{self, Action, GroupMoveError};
use senzu_core::entry::PlayRef;
use senzu_core::plan::Resource;
use senzu_core::{ApiError, ErrorCode};
use worker::{Request, Response};

use super::sharing::{self, Shared};
use super::Call;
use crate::args::bad;
use crate::error::{AppError, AppResult};
use crate::http::json;
use crate::plays::{self, Visitor};
use crate::request;

fn no_product(id: Id) -> AppError {
    AppError::not_found(format!("no product with id {id}"))
}

async fn product_for(call: &Call<'_>, id_user: Id, id: Id) -> AppResult<Product> {
    repo::get(&call.db, id_user, id).await?.ok_or_else(|| no_product(id))
}

/// `GET /v1/products` (products): the list filters, `contains` (alias or item), `lost`.
pub async fn list(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let filters = request::list(req, LIST)?;
    let query: ProductsQuery = request::from_args(&request::query(req))?;
    let me = call.caller.require_user(&call.db, Role::Products, call.now).await?.id_user;
    let contains = query.contains.map(|c| format!("%{}%", c.as_str().replace(['%', '_'], "")));
    let products = repo::list(&call.db, me, contains.as_deref(), query.lost).await?;
    Ok(json(&Keyed(filters.apply(products))))
}

/// `GET /v1/products/{id}` (products, chmod ≥ 1).
pub async fn get(call: &Call<'_>, id: Id) -> AppResult<Response> {
    let (me, _) = sharing::require(call, Shared::Product, id, Action::See).await?;
    Ok(json(&product_for(call, me, id).await?))
}

/// `POST /v1/products/{id}` (manage_products): `alias_name`, `lost` with
/// `lost_message` (chmod ≥ 3), `reference` (chmod ≥ 4), `id_group` (owner).
pub async fn update(call: &Call<'_>, req: &mut Request, id: Id) -> AppResult<Response> {
    let changes: UpdateProduct = request::parse(req).await?;
    // The maker's own sorting (`id_attached_group`): only the product's maker sets it, to one of
    // their attached groups, and nothing else in the same call — the maker need not own the product.
    if let Some(id_group) = changes.id_attached_group {
        call.caller.require_user(&call.db, Role::Maker, call.now).await?;
        if !super::records::is_maker(call, id).await? {
            return Err(AppError::api(ErrorCode::Forbidden, "id_attached_group is set by the product's maker"));
        }
        if !repo::is_makers_attached_group(&call.db, id_group, id).await? {
            return Err(bad("id_attached_group", format!("no attached group {id_group} of this product's maker")));
        }
        repo::attach(&call.db, id, id_group, call.now).await?;
        return Ok(json(&AttachedProduct { id, id_attached_group: id_group }));
    }
    if changes.show_records.is_some() {
        return Err(bad("show_records", "is not available: records always show to those who see the product"));
    }
    let action = if changes.reference.is_some() || !changes.id_group.is_keep() {
        Action::Administer
    } else {
        Action::EditBasics
    };
    let (me, level) = sharing::require(call, Shared::Product, id, action).await?;
    // `id_group=N` puts it in a group (sharing it with the group), `id_group=` takes it out:
    // only its owner does either (core::chmod::may_move_to_group).
    if !changes.id_group.is_keep() {
        let on_group = match changes.id_group {
            Patch::Set(g) => Some(sharing::level_of(call, Shared::Group, g, me).await?),
            _ => None,
        };
        match chmod::may_move_to_group(level, on_group) {
            Ok(()) => {}
            Err(e @ GroupMoveError::NotOwner) => return Err(AppError::api(ErrorCode::Forbidden, e.to_string())),
            Err(e @ GroupMoveError::GroupNotManaged) => return Err(bad("id_group", e.to_string())),
        }
    }
    if changes.is_empty() {
        return Err(AppError::api(
            ErrorCode::MissingArgument,
            "missing argument: give at least one of alias_name, lost, lost_message, reference, id_group",
        ));
    }
    let apply = repo::Changes {
        alias_name: changes.alias_name.as_ref().map(|n| n.as_str()),
        lost: changes.lost,
        lost_message: changes.lost_message.as_ref().map(|n| n.as_str()),
        reference: changes.reference.as_ref().map(|n| n.as_str()),
        group: changes.id_group.change(),
    };
    repo::update(&call.db, id, me, &apply, call.now).await?;
    Ok(json(&product_for(call, me, id).await?))
}

/// `DELETE /v1/products/{id}[?force_erase=true]`: without the option, removes
/// the product from the caller's account only; with it (owner), erases it for
/// everyone — it can then be paired again.
pub async fn delete(call: &Call<'_>, req: &mut Request, id: Id) -> AppResult<Response> {
    let args = request::args(req).await?;
    // `?force_erase` alone, as the documentation writes it.
    let bare = args.get("force_erase").is_some_and(|v| v.trim().is_empty());
    let asked: DeleteProduct = request::from_args(&args)?;
    if bare || asked.force_erase == Some(true) {
        sharing::require(call, Shared::Product, id, Action::Own).await?;
        repo::erase(&call.db, id, call.now).await?;
        return Ok(json(&ProductDeleted { id, deleted: true, erased_for_everyone: true }));
    }
    let (me, _) = sharing::require(call, Shared::Product, id, Action::See).await?;
    repo::leave(&call.db, id, me).await?;
    Ok(json(&ProductDeleted { id, deleted: true, erased_for_everyone: false }))
}

/// `POST /v1/products/{id}/reset` (owner): applications removed from its records,
/// everyone else's access removed, lost cleared; the next pairing (by the person
/// it is given to) makes them the owner.
pub async fn reset(call: &Call<'_>, id: Id) -> AppResult<Response> {
    let (me, _) = sharing::require(call, Shared::Product, id, Action::Own).await?;
    repo::reset(&call.db, id, me, call.now).await?;
    Ok(json(&product_for(call, me, id).await?))
}

/// `POST /v1/products/pair/{id_record}/{key}` and `/pair/{id_record}@{picc_data}:{cmac}`
/// (manage_products, `alias_name`): the play must stop at "not activated" (461)
/// — a valid, fresh tap of an unpaired product — then the caller becomes owner.
pub async fn pair(call: &Call<'_>, req: &mut Request, play_ref: PlayRef, id_record: Id) -> AppResult<Response> {
    let me = call.caller.require_user(&call.db, Role::ManageProducts, call.now).await?.id_user;
    let asked: Pair = request::parse(req).await?;
    let visitor = Visitor::from_request(req, None);
    let resolved = plays::resolve(call.env, &play_ref, &visitor).await?;
    if resolved.id_record() != Some(id_record) {
        return Err(AppError::not_found(format!("no record {id_record} with this key")));
    }
    let already = || AppError::api(ErrorCode::Conflict, "this product is already paired to an account");
    let id_product = match resolved.page.error.as_ref().and_then(|e| e.kind()) {
        Some(ErrorCode::NotActivated) => resolved.id_product().unwrap_or_default(),
        None | Some(ErrorCode::ProductLost | ErrorCode::MissingApplication | ErrorCode::WrongPassword) => {
            return Err(already());
        }
        Some(_) => {
            let error = resolved.page.error.clone().unwrap_or_else(|| ApiError::new(ErrorCode::Forbidden, "refused"));
            return Err(AppError::Api(error));
        }
    };
    super::plans::require_room(call, me, Resource::Products, None).await?;
    if !repo::claim(&call.db, id_product, me, asked.alias_name.as_ref().map(|n| n.as_str()), call.now).await? {
        return Err(already());
    }
    repo::own(&call.db, id_product, me).await?;
    Ok(json(&product_for(call, me, id_product).await?))
}

/// The record key of a static pairing path, as a play reference.
pub fn static_ref(key: &str) -> AppResult<PlayRef> {
    let valid = key.len() == 32 && key.bytes().all(|b| b.is_ascii_hexdigit());
    if !valid {
        return Err(bad("key", "must be the record's 32 hexadecimal characters"));
    }
    Ok(PlayRef::Static { key: key.to_ascii_lowercase() })
}
