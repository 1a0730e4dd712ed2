//! Encoding a chip (`POST /v1/makers/{id}/records/{id_record}/personalization`,
//! role maker): binds the record to the chip's UID and answers the chip's keys
//! (core::api::encoding). Only the record's maker reaches it; a record that is
//! bound to another chip, or whose keys are not derived, is refused.

mod repo;

use senzu_core::api::encoding::{self, Personalization, Personalize};
use senzu_core::api::Id;
use senzu_core::auth::Role;
use senzu_core::ErrorCode;
use worker::{Request, Response};

use super::Call;
use crate::error::{AppError, AppResult};
use crate::http::json;
use crate::request;

pub async fn personalize(call: &Call<'_>, req: &mut Request, id_maker: Id, id_record: Id) -> AppResult<Response> {
    let me = call.caller.require_user(&call.db, Role::Maker, call.now).await?.id_user;
    if !super::makers::is_own_maker(&call.db, me, id_maker).await? {
        return Err(AppError::not_found(format!("no maker with id {id_maker}")));
    }
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
    Ok(json(&Personalization {
        id_record,
        uid: uid.clone(),
        token_encryption,
        url_template: encoding::url_template(&call.origin, id_record),
        keys: encoding::chip_keys(&master, &asked.uid.0),
    }))
}
