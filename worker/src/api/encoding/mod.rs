//! Encoding a chip (`POST /v1/makers/{id}/records/{id_record}/personalization`,
//! role maker): binds the record to the chip's UID and answers the chip's keys
//! (core::api::encoding). Only the record's maker reaches it; a record that is
//! bound to another chip, or whose keys are not derived, is refused.

mod repo;

use senzu_core::api::encoding::{
    self, ConfirmEncoding, EncodingConfirmed, ImportUids, KeyRotation, Personalization, Personalize, VersionedKeys,
};
use senzu_core::api::Id;
use senzu_core::entry::PlayRef;
use senzu_core::ErrorCode;
use worker::{Request, Response};

use super::Call;
use crate::args::bad;
use crate::error::{AppError, AppResult};
use crate::http::{attachment, json};
use crate::plays::{self, Visitor};
use crate::request;

pub async fn personalize(call: &Call<'_>, req: &mut Request, id_maker: Id, id_record: Id) -> AppResult<Response> {
    super::makers::require_own_maker(call, id_maker).await?;
    let asked: Personalize = request::parse(req).await?;
    let uid = asked.uid.0.to_hex();
    let record = repo::record_of_maker(&call.db, id_maker, id_record)
        .await?
        .ok_or_else(|| AppError::not_found(format!("no record with id {id_record} of maker {id_maker}")))?;
    let Some(token_encryption) = record.dynamic_encryption() else {
        return Err(AppError::api(
            ErrorCode::Conflict,
            format!("record {id_record} is not a dynamic NFC record with derived keys: nothing to encode"),
        ));
    };
    if record.uid.as_deref().is_some_and(|bound| !bound.eq_ignore_ascii_case(&uid)) {
        return Err(AppError::api(
            ErrorCode::Conflict,
            format!("record {id_record} is bound to another chip: it is encoded already"),
        ));
    }
    if repo::uid_taken(&call.db, &uid, id_record).await? {
        return Err(AppError::api(ErrorCode::Conflict, "this chip is bound to another record"));
    }
    repo::bind(&call.db, id_record, &uid).await?;
    let master = crate::keys::master_key(call.env)?;
    let (key_version, on_chip) = record.versions_to_write();
    Ok(json(&Personalization {
        id_record,
        uid: uid.clone(),
        token_encryption,
        url_template: encoding::url_template(&call.origin, id_record),
        key_version,
        keys: encoding::chip_keys(&master, &asked.uid.0, key_version),
        on_chip: on_chip.map(|v| VersionedKeys { key_version: v, keys: encoding::chip_keys(&master, &asked.uid.0, v) }),
    }))
}

/// `POST /v1/makers/{id}/records/{id_record}/personalization/confirmation` (`url`):
/// the encoder's read-back of the chip, checked as any tap is (plays::resolve: the
/// record's keys and chip, the counter). A tap under the version a rotation waits
/// for finishes the rotation for this chip; one under the old version says the
/// chip was not re-encoded (409), and the old version keeps opening it.
pub async fn confirm(call: &Call<'_>, req: &mut Request, id_maker: Id, id_record: Id) -> AppResult<Response> {
    super::makers::require_own_maker(call, id_maker).await?;
    let asked: ConfirmEncoding = request::parse(req).await?;
    let record = repo::record_of_maker(&call.db, id_maker, id_record)
        .await?
        .ok_or_else(|| AppError::not_found(format!("no record with id {id_record} of maker {id_maker}")))?;
    let Some(uid) = record.uid.clone() else {
        return Err(AppError::api(
            ErrorCode::Conflict,
            format!("record {id_record} is not encoded: nothing to confirm"),
        ));
    };
    let play_ref = match PlayRef::parse_record(asked.tap()) {
        Ok(tap @ PlayRef::Dynamic { id_record: of, .. }) if of == id_record => tap,
        _ => {
            return Err(bad("url", format!("not a tap URL of record {id_record} (…/p/{id_record}@{{picc}}:{{cmac}})")))
        }
    };
    let waited = record.rekey_to();
    let resolved = plays::resolve(call.env, &play_ref, &Visitor::from_request(req, None)).await?;
    // What comes after the signature (pairing, lost, no application, a password) means it verified.
    match resolved.page.error.as_ref().and_then(|e| e.kind()) {
        None
        | Some(
            ErrorCode::NotActivated | ErrorCode::ProductLost | ErrorCode::MissingApplication | ErrorCode::WrongPassword,
        ) => {}
        Some(ErrorCode::DelayExpired) => {
            return Err(AppError::api(ErrorCode::Conflict, "this tap was read before: tap the chip again"))
        }
        Some(_) => return Err(bad("url", format!("this tap does not verify as record {id_record}'s chip"))),
    }
    let now = repo::record_of_maker(&call.db, id_maker, id_record)
        .await?
        .ok_or_else(|| AppError::Internal { context: "confirmed record", cause: "no row after the tap".into() })?;
    if let (Some(next), Some(still)) = (waited, now.rekey_to()) {
        return Err(AppError::api(
            ErrorCode::Conflict,
            format!(
                "the chip still holds key version {}: re-encode it with version {next} (rotation waiting: {still})",
                now.key_version()
            ),
        ));
    }
    Ok(json(&EncodingConfirmed { id_record, uid, key_version: now.key_version(), read_counter: now.last_counter() }))
}

/// `POST /v1/makers/{id}/batches/{id_batch}/key-rotation`: the batch's chips move
/// to the next key version (core::api::encoding::KeyRotation).
pub async fn rotate(call: &Call<'_>, id_maker: Id, id_batch: Id) -> AppResult<Response> {
    super::makers::require_own_maker(call, id_maker).await?;
    let from = repo::batch_key_version(&call.db, id_maker, id_batch)
        .await?
        .ok_or_else(|| AppError::not_found(format!("no batch with id {id_batch} of maker {id_maker}")))?;
    let to = u8::try_from(from + 1).map_err(|_| {
        AppError::api(ErrorCode::Conflict, "this batch is at key version 255, the last: make a new batch")
    })?;
    let counts = repo::rotate(&call.db, id_batch, from, i64::from(to), call.now).await?.ok_or_else(|| {
        AppError::api(
            ErrorCode::Conflict,
            "another key rotation of this batch ran at the same time: look at the batch again",
        )
    })?;
    worker::console_log!("maker {id_maker} rotated batch {id_batch} to key version {to}");
    Ok(json(&KeyRotation {
        id_batch,
        key_version: to,
        to_reencode: u32::try_from(counts.to_reencode).unwrap_or(0),
        not_encoded: u32::try_from(counts.not_encoded).unwrap_or(0),
    }))
}

/// `POST /v1/makers/{id}/batches/{id_batch}/personalization` (`uids`: `id_record,uid` lines):
/// a factory that encodes with its own tools reports the UIDs it read; every chip is
/// bound at once (all or none) and the answer is a CSV of each chip's plan and keys —
/// the export, once per request, in the call log like every call.
pub async fn import(call: &Call<'_>, req: &mut Request, id_maker: Id, id_batch: Id) -> AppResult<Response> {
    super::makers::require_own_maker(call, id_maker).await?;
    let asked: ImportUids = request::parse(req).await?;
    let chips = encoding::parse_uids(&asked.uids).map_err(|why| bad("uids", why))?;
    let records = repo::records_of_batch(&call.db, id_maker, id_batch).await?;
    if records.is_empty() {
        return Err(AppError::not_found(format!("no batch with id {id_batch} of maker {id_maker}")));
    }
    let mut lines = vec![encoding::EXPORT_HEADER.to_string()];
    let master = crate::keys::master_key(call.env)?;
    let host = call.origin.split_once("://").map_or(call.origin.as_str(), |(_, h)| h).to_string();
    for (id_record, uid) in &chips {
        let record = records
            .iter()
            .find(|r| r.id == *id_record)
            .ok_or_else(|| bad("uids", format!("record {id_record} is not a chip of batch {id_batch}")))?;
        let encryption = record
            .dynamic_encryption()
            .ok_or_else(|| bad("uids", format!("record {id_record} is not a dynamic NFC record: nothing to encode")))?;
        let hex = uid.to_hex();
        if record.uid.as_deref().is_some_and(|bound| !bound.eq_ignore_ascii_case(&hex)) {
            return Err(AppError::api(ErrorCode::Conflict, format!("record {id_record} is bound to another chip")));
        }
        let lrp = encryption == senzu_core::api::products::TokenEncryption::Lrp128;
        let (key_version, on_chip) = record.versions_to_write();
        let chip = encoding::ExportChip { id_record: *id_record, uid, lrp, key_version, on_chip };
        let line = encoding::export_line(&master, &host, chip)
            .map_err(|why| AppError::Internal { context: "export line", cause: why })?;
        lines.push(line);
    }
    let pairs: Vec<(Id, String)> = chips.iter().map(|(id, uid)| (*id, uid.to_hex())).collect();
    if repo::any_uid_taken(&call.db, &pairs).await? {
        return Err(AppError::api(ErrorCode::Conflict, "a chip of this import is bound to another record"));
    }
    repo::bind_all(&call.db, &pairs).await?;
    let body = lines.join("\r\n") + "\r\n";
    Ok(attachment(body, "text/csv; charset=utf-8; header=present", &format!("senzu-batch-{id_batch}-keys.csv")))
}
