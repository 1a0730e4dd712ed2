//! Batches (`/v1/makers/{id}/batches`, role maker): a maker makes N products
//! of one of its items, each with the records of the batch's template.
//!
//! The request makes the batch chunk by chunk ([`batches::CHUNK`] products per
//! D1 batch). If it stops half-way (a timeout, a lost connection), the same
//! request with the same `Idempotency-Key` resumes from the last whole chunk;
//! a finished one is answered again as it is. `GET …/batches/{id}` shows the
//! progress meanwhile.

pub mod repo;

use senzu_core::api::batches::{self, Batch, CreateBatch};
use senzu_core::api::list::ListSpec;
use senzu_core::api::{Id, Keyed};
use senzu_core::ErrorCode;
use worker::{Request, Response};

use super::makers::require_own_maker as own_maker;
use super::Call;
use crate::args::bad;
use crate::auth::crypto::random_hex;
use crate::error::{AppError, AppResult};
use crate::http::{created, json};
use crate::request;

/// `GET /v1/makers/{id}/batches`.
pub async fn list(call: &Call<'_>, req: &Request, id_maker: Id) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    own_maker(call, id_maker).await?;
    Ok(json(&Keyed(filters.apply(repo::list(&call.db, id_maker).await?))))
}

/// `GET /v1/makers/{id}/batches/{id_batch}`: its progress.
pub async fn get(call: &Call<'_>, id_maker: Id, id: Id) -> AppResult<Response> {
    own_maker(call, id_maker).await?;
    let batch = repo::get(&call.db, id_maker, id).await?.ok_or_else(|| no_batch(id))?;
    Ok(json(&batch.into_batch()))
}

fn no_batch(id: Id) -> AppError {
    AppError::not_found(format!("no batch with id {id}"))
}

/// `POST /v1/makers/{id}/batches`: `id_item`, `quantity`, `records`
/// (`nfc:aes-128,qrcode:static`), `reference`; an `Idempotency-Key` header
/// makes a retry safe. 201 with the finished batch (200 for a replay).
pub async fn create(call: &Call<'_>, req: &mut Request, id_maker: Id) -> AppResult<Response> {
    let me = own_maker(call, id_maker).await?;
    let key = match req.headers().get("idempotency-key").ok().flatten() {
        Some(value) => Some(batches::idempotency_key(&value).map_err(|why| bad("Idempotency-Key", why))?.to_string()),
        None => None,
    };
    let new: CreateBatch = request::parse(req).await?;
    let item_reference = super::makers::own_item_of(&call.db, me, id_maker, new.id_item)
        .await?
        .ok_or_else(|| bad("id_item", format!("no item with id {} of maker {id_maker}", new.id_item)))?;
    let reference = new.reference.as_ref().map_or(item_reference.as_str(), |r| r.as_str());
    let fields = repo::NewBatch {
        id_item: new.id_item,
        key: key.as_deref(),
        reference,
        quantity: new.quantity.get(),
        records: &new.records,
    };
    let (done, fresh) = make(call, id_maker, &fields).await?;
    Ok(if fresh { created(&done) } else { json(&done) })
}

/// Makes a batch of the maker's item, or resumes the one made with the same
/// key (a conflict if its arguments differ). The finished batch, and whether
/// this call started it. Production of a paid order makes its products here too.
pub async fn make(call: &Call<'_>, id_maker: Id, fields: &repo::NewBatch<'_>) -> AppResult<(Batch, bool)> {
    let (batch, fresh) = match repo::create(&call.db, id_maker, fields, call.now).await? {
        Some(batch) => (batch, true),
        None => {
            // The key was used before: the same batch, if it is the same request.
            let key = fields.key.unwrap_or_default();
            let earlier = repo::by_key(&call.db, id_maker, key)
                .await?
                .ok_or_else(|| AppError::Internal { context: "batch by key", cause: "no row returned".into() })?;
            let same = earlier.id_item() == fields.id_item
                && earlier.quantity() == fields.quantity
                && earlier.records == fields.records.to_json()
                && earlier.reference() == fields.reference;
            if !same {
                return Err(AppError::api(
                    ErrorCode::Conflict,
                    "this Idempotency-Key was used for another batch: use a new key for new arguments",
                ));
            }
            (earlier, false)
        }
    };
    let per_product = fields.records.records().len();
    for chunk in batches::remaining_chunks(batch.made(), batch.quantity()) {
        // One draw per chunk (at most 32 KB: under getRandomValues' 64 KB), 16 bytes a key.
        let random = random_hex(16 * (chunk.1 - chunk.0) as usize * per_product)?;
        let keys: Vec<String> = random.as_bytes().chunks(32).map(|k| String::from_utf8_lossy(k).into_owned()).collect();
        repo::make_chunk(&call.db, &batch, chunk, &keys, call.now).await?;
    }
    let done = repo::get(&call.db, id_maker, batch.id()).await?.ok_or_else(|| no_batch(batch.id()))?.into_batch();
    Ok((done, fresh))
}
