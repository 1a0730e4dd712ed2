//! Providers (`/v1/providers`, role providers): the accounts that make and
//! ship paid orders. A verified provider (staff: `cargo xtask admin
//! verify-provider`) sees the paid orders waiting for one, takes one by
//! putting it in production — which makes its products for the buyer in the
//! maker's batch, already paired to the buyer — then dispatches and delivers
//! it, and records returned and refunded quantities.

pub mod repo;

use senzu_core::api::batches::RecordsTemplate;
use senzu_core::api::list::ListSpec;
use senzu_core::api::shop::{CreateProvider, Provider, ProviderOrder, UpdateProvider, UpdateProviderOrder};
use senzu_core::api::{ApiDate, Deleted, Id, Keyed};
use senzu_core::auth::Role;
use senzu_core::order::{self, Actor, OrderStatus, PRODUCED_RECORDS};
use senzu_core::ErrorCode;
use worker::{Request, Response};

use super::batches;
use super::orders::repo::{self as orders_repo, OrderRow};
use super::Call;
use crate::args::bad;
use crate::error::{AppError, AppResult};
use crate::http::{created, json};
use crate::request;

async fn me(call: &Call<'_>) -> AppResult<Id> {
    Ok(call.caller.require_user(&call.db, Role::Providers, call.now).await?.id_user)
}

/// The account's provider if it is `id` (another's is a 404).
async fn own(call: &Call<'_>, me: Id, id: Id) -> AppResult<Provider> {
    repo::of_user(&call.db, me)
        .await?
        .filter(|p| p.id == id)
        .ok_or_else(|| AppError::not_found(format!("no provider with id {id}")))
}

/// `GET /v1/providers`: the account's own.
pub async fn list(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    let me = me(call).await?;
    let mine: Vec<_> = repo::of_user(&call.db, me).await?.iter().map(repo::summary).collect();
    Ok(json(&Keyed(filters.apply(mine))))
}

pub async fn get(call: &Call<'_>, id: Id) -> AppResult<Response> {
    let me = me(call).await?;
    Ok(json(&own(call, me, id).await?))
}

async fn company(call: &Call<'_>, me: Id, id: Id) -> AppResult<String> {
    repo::own_company(&call.db, me, id)
        .await?
        .ok_or_else(|| bad("id_company", format!("no company with id {id} of yours (POST /v1/companies)")))
}

/// `POST /v1/providers` (201): `id_company` (one of the account's), `name`
/// (the company's by default). One per account.
pub async fn create(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let me = me(call).await?;
    let new: CreateProvider = request::parse(req).await?;
    let company_name = company(call, me, new.id_company).await?;
    let name = new.name.as_ref().map_or(company_name.as_str(), |n| n.as_str());
    if !repo::create(&call.db, me, new.id_company, name, call.now).await? {
        return Err(AppError::api(
            ErrorCode::Conflict,
            "this account has a provider account already: GET /v1/providers",
        ));
    }
    let made = repo::of_user(&call.db, me)
        .await?
        .ok_or_else(|| AppError::Internal { context: "create provider", cause: "no row after insert".into() })?;
    Ok(created(&made))
}

pub async fn update(call: &Call<'_>, req: &mut Request, id: Id) -> AppResult<Response> {
    let me = me(call).await?;
    let changes: UpdateProvider = request::parse(req).await?;
    if changes.id_company.is_none() && changes.name.is_none() {
        return Err(AppError::api(ErrorCode::MissingArgument, "missing argument: id_company or name"));
    }
    own(call, me, id).await?;
    if let Some(c) = changes.id_company {
        company(call, me, c).await?;
    }
    repo::update(&call.db, id, changes.id_company, changes.name.as_ref().map(|n| n.as_str()), call.now).await?;
    Ok(json(&own(call, me, id).await?))
}

/// `DELETE /v1/providers/{id}`: refused (409) while it makes or ships an order.
pub async fn delete(call: &Call<'_>, id: Id) -> AppResult<Response> {
    let me = me(call).await?;
    own(call, me, id).await?;
    if repo::busy(&call.db, id).await? {
        return Err(AppError::api(ErrorCode::Conflict, "this provider has orders in production or on their way"));
    }
    repo::delete(&call.db, id).await?;
    Ok(json(&Deleted::of(id)))
}

fn view(o: OrderRow, id_provider: Id) -> ProviderOrder {
    let is_taken = o.id_provider == Some(id_provider);
    ProviderOrder {
        id: o.id,
        address_shipping: o.shipping,
        order_details: o.details,
        order_status: o.status,
        is_taken,
        next: if is_taken || o.id_provider.is_none() { o.status.next(Actor::Provider) } else { vec![] },
        date_created: ApiDate::from_unix(o.date_created),
        created: o.date_created,
    }
}

/// `GET /v1/providers/{id}/orders`: its orders, and (verified) those waiting.
pub async fn orders(call: &Call<'_>, req: &Request, id: Id) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    let me = me(call).await?;
    let provider = own(call, me, id).await?;
    let rows = orders_repo::for_provider(&call.db, id, provider.is_verified).await?;
    Ok(json(&Keyed(filters.apply(rows.into_iter().map(|o| view(o, id)).collect()))))
}

/// `POST /v1/providers/{id}/orders/{id_order}`: `status` (in_production takes
/// a waiting order and makes its products; dispatched needs `delivery_number`;
/// delivered; returned; refunded), or `id_detail` with `quantity_returned` /
/// `quantity_refunded` (at most the line's quantity).
pub async fn update_order(call: &Call<'_>, req: &mut Request, id: Id, id_order: Id) -> AppResult<Response> {
    let me = me(call).await?;
    let provider = own(call, me, id).await?;
    let asked: UpdateProviderOrder = request::parse(req).await?;
    if asked.is_empty() {
        return Err(AppError::api(
            ErrorCode::MissingArgument,
            "missing argument: status (or id_detail with quantities)",
        ));
    }
    let no_order = || AppError::not_found(format!("no order with id {id_order} for this provider"));
    let o = orders_repo::get(&call.db, id_order).await?.ok_or_else(no_order)?;
    let waiting = o.status == OrderStatus::Paid && o.id_provider.is_none() && provider.is_verified;
    if o.id_provider != Some(id) && !waiting {
        return Err(no_order());
    }
    if let Some(to) = asked.status {
        change_status(call, &provider, &o, to, asked.delivery_number.as_ref().map(|n| n.as_str())).await?;
    }
    if asked.quantity_returned.is_some() || asked.quantity_refunded.is_some() {
        let id_detail = asked.id_detail.ok_or_else(|| {
            AppError::api(ErrorCode::MissingArgument, "missing argument: id_detail (the line the quantities are of)")
        })?;
        let line =
            o.details.iter().find(|d| d.id == id_detail).ok_or_else(|| bad("id_detail", "not a line of this order"))?;
        for (field, value) in
            [("quantity_returned", asked.quantity_returned), ("quantity_refunded", asked.quantity_refunded)]
        {
            if value.is_some_and(|v| v > line.quantity) {
                return Err(bad(field, format!("at most the line's quantity, {}", line.quantity)));
            }
        }
        if o.id_provider != Some(id) || !o.status.is_paid() {
            return Err(AppError::api(ErrorCode::Conflict, "only the order's provider records returns, after payment"));
        }
        repo::set_quantities(&call.db, id_order, id_detail, asked.quantity_returned, asked.quantity_refunded).await?;
    }
    let now = orders_repo::get(&call.db, id_order).await?.ok_or_else(no_order)?;
    Ok(json(&view(now, id)))
}

async fn change_status(
    call: &Call<'_>,
    provider: &Provider,
    o: &OrderRow,
    to: OrderStatus,
    delivery_number: Option<&str>,
) -> AppResult<()> {
    // Production resumed by its provider (a request cut half-way) makes what is missing.
    let resumed = o.status == OrderStatus::InProduction && to == OrderStatus::InProduction;
    if !resumed && !o.status.may_become(to, Actor::Provider) {
        return Err(AppError::api(ErrorCode::Conflict, order::refusal(o.status, to, Actor::Provider)));
    }
    if to == OrderStatus::InProduction && !provider.is_verified {
        return Err(AppError::api(
            ErrorCode::Forbidden,
            "this provider is not verified yet: Senzu's staff verify providers",
        ));
    }
    if to == OrderStatus::Dispatched && delivery_number.is_none() {
        return Err(AppError::api(
            ErrorCode::MissingArgument,
            "missing argument: delivery_number (the carrier's tracking number)",
        ));
    }
    if !resumed {
        let then =
            if to == OrderStatus::InProduction { vec![repo::take_lines(&call.db, o.id, provider.id)?] } else { vec![] };
        let moved =
            orders_repo::transition(&call.db, o.id, (o.status, to), Actor::Provider, Some(provider.id), then, call.now)
                .await?;
        if !moved {
            return Err(AppError::api(
                ErrorCode::Conflict,
                "the order changed meanwhile (another provider took it?): reload it",
            ));
        }
    }
    match to {
        OrderStatus::InProduction => produce(call, o).await,
        OrderStatus::Dispatched => repo::mark_lines(&call.db, o.id, delivery_number, Some(call.now), None).await,
        OrderStatus::Delivered => repo::mark_lines(&call.db, o.id, None, None, Some(call.now)).await,
        _ => Ok(()),
    }
}

/// Each line's products, made in the item maker's batch (keyed by the order
/// line, so a retry resumes it) and given to the buyer.
async fn produce(call: &Call<'_>, o: &OrderRow) -> AppResult<()> {
    let buyer = o.id_user.ok_or_else(|| AppError::api(ErrorCode::Conflict, "the buyer's account no longer exists"))?;
    let records = RecordsTemplate::parse(PRODUCED_RECORDS)
        .map_err(|why| AppError::Internal { context: "produced records", cause: why })?;
    for line in &o.details {
        let id_maker = repo::maker_of_item(&call.db, line.id_item).await?.ok_or_else(|| AppError::Internal {
            context: "production",
            cause: format!("item {} has no maker", line.id_item),
        })?;
        let key = format!("order-{}-line-{}", o.id, line.id);
        let reference = format!("ORDER{}-{}", o.id, line.id);
        let fields = batches::repo::NewBatch {
            id_item: line.id_item,
            key: Some(&key),
            reference: &reference,
            quantity: line.quantity,
            records: &records,
        };
        let (batch, _) = batches::make(call, id_maker, &fields).await?;
        repo::give_to_buyer(&call.db, batch.id, buyer, line.id, call.now).await?;
    }
    Ok(())
}
