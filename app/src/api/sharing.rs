//! Sharing products, applications and groups: members, invitations, the
//! pending inboxes.

use senzu_core::api::routes::Shared;
use senzu_core::api::sharing::{Access, AnswerPending, Answered, Grant, Pending, Revoked, UpdateAccess};
use senzu_core::api::{Deleted, Id, Keyed};
use senzu_core::ApiError;

use super::all;

fn collection(kind: Shared) -> &'static str {
    match kind {
        Shared::Product => "products",
        Shared::Application => "applications",
        Shared::Group => "groups",
    }
}

/// Where accesses are granted: `/access` for products and applications, `/users` for groups.
fn access(kind: Shared, id: Id) -> String {
    match kind {
        Shared::Group => format!("/v1/groups/{id}/users"),
        _ => format!("/v1/{}/{id}/access", collection(kind)),
    }
}

/// Everyone with access, invitations included.
pub async fn members(kind: Shared, id: Id) -> Result<Vec<Access>, ApiError> {
    super::get::<Keyed<Access>>(&format!("/v1/{}/{id}/users?{}", collection(kind), all())).await.map(|k| k.0)
}

pub async fn grant(kind: Shared, id: Id, asked: &Grant) -> Result<Access, ApiError> {
    super::post(&access(kind, id), asked).await
}

pub async fn update_access(kind: Shared, id: Id, id_user: Id, asked: &UpdateAccess) -> Result<Access, ApiError> {
    super::post(&format!("{}/{id_user}", access(kind, id)), asked).await
}

pub async fn remove_access(kind: Shared, id: Id, id_user: Id) -> Result<Deleted, ApiError> {
    super::delete(&format!("{}/{id_user}", access(kind, id))).await
}

/// Withdraws an invitation nobody accepted yet.
pub async fn revoke_invitation(kind: Shared, id: Id, id_invitation: Id) -> Result<Revoked, ApiError> {
    super::delete(&format!("/v1/{}/{id}/invitations/{id_invitation}", collection(kind))).await
}

/// Changes the level an invitation nobody accepted yet offers.
pub async fn update_invitation(
    kind: Shared,
    id: Id,
    id_invitation: Id,
    asked: &UpdateAccess,
) -> Result<Access, ApiError> {
    super::post(&format!("/v1/{}/{id}/invitations/{id_invitation}", collection(kind)), asked).await
}

/// The invitations waiting for the caller.
pub async fn pending(kind: Shared) -> Result<Vec<Pending>, ApiError> {
    super::get::<Keyed<Pending>>(&format!("/v1/{}/pending?{}", collection(kind), all())).await.map(|k| k.0)
}

pub async fn answer(kind: Shared, id: Id, grant: bool) -> Result<Answered, ApiError> {
    super::post(&format!("/v1/{}/pending/{id}", collection(kind)), &AnswerPending { grant }).await
}
