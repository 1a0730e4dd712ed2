//! Plans (`/v1/plans`, public: annual subscriptions and what each unlocks),
//! the account's plan now (`GET /v1/user/plan`), and the one check every
//! limited create goes through ([`require_room`]): a 402 naming the limit.

pub mod repo;

use senzu_core::api::list::ListSpec;
use senzu_core::api::shop::{CurrentPlan, PlanLimit, Usage};
use senzu_core::api::{ApiDate, Id, Keyed};
use senzu_core::auth::Role;
use senzu_core::plan::{self, Resource};
use senzu_core::ErrorCode;
use worker::{Request, Response};

use super::Call;
use crate::error::{AppError, AppResult, Context};
use crate::http::json;
use crate::request;

/// `GET /v1/plans`.
pub async fn list(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::PLAIN)?;
    Ok(json(&Keyed(filters.apply(repo::list(&call.db).await?))))
}

/// `GET /v1/plans/{id}`.
pub async fn get(call: &Call<'_>, id: Id) -> AppResult<Response> {
    let found = repo::get(&call.db, id).await?.ok_or_else(|| AppError::not_found(format!("no plan with id {id}")))?;
    Ok(json(&found))
}

/// `GET /v1/user/plan` (basic): the plan now, until when, and the usage of each limit.
pub async fn current(call: &Call<'_>) -> AppResult<Response> {
    let me = call.caller.require_user(&call.db, Role::Basic, call.now).await?.id_user;
    let c = repo::current(&call.db, me, call.now).await?;
    let limits: Vec<PlanLimit> = serde_json::from_str(&c.limits).context("plan limits")?;
    let usage = Resource::ALL
        .into_iter()
        .map(|resource| Usage {
            resource,
            max: limits.iter().find(|l| l.resource == resource).and_then(|l| l.max),
            used: match resource {
                Resource::Products => c.products,
                Resource::Applications => c.applications,
                Resource::Plugins => c.plugins,
                Resource::Storage => c.storage,
            },
        })
        .collect();
    Ok(json(&CurrentPlan { id_plan: c.id_plan, name: c.name, date_end: ApiDate::opt(c.date_end), usage }))
}

/// 402 when one more `resource` would pass the account's plan: the products
/// and applications of `id_user`, or the plugins of application
/// `id_application` under its owner's plan.
pub async fn require_room(
    call: &Call<'_>,
    id_user: Id,
    resource: Resource,
    id_application: Option<Id>,
) -> AppResult<()> {
    require_room_for(call, id_user, resource, id_application, 1).await
}

/// 402 when `adding` more of `resource` (a file's bytes) would pass the plan.
pub async fn require_room_for(
    call: &Call<'_>,
    id_user: Id,
    resource: Resource,
    id_application: Option<Id>,
    adding: i64,
) -> AppResult<()> {
    let whose = match (resource, id_application) {
        (Resource::Plugins, Some(app)) => repo::application_owner(&call.db, app).await?.unwrap_or(id_user),
        _ => id_user,
    };
    let room = repo::room(&call.db, whose, resource, id_application, call.now).await?;
    plan::room(resource, room.max, room.used, adding).map_err(|why| AppError::api(ErrorCode::PaymentRequired, why))
}
