//! Insights (read only): scans (once per device per hour) and views of an
//! application, plugin, product or record, in total and by country, browser,
//! device and platform, and the list of plays, within start_date/end_date.
//! The caller needs the object's role and chmod ≥ 1 on its product or application.

mod repo;

use senzu_core::api::insights::{self as contract, Bucket, ByBrowser, ByCountry, ByDay, ByDevice, ByPlatform};
use senzu_core::api::Keyed;
use senzu_core::auth::Role;
use senzu_core::chmod::Action;
use worker::{Request, Response};

use super::sharing::{self, Shared};
use super::Call;
use crate::args::id;
use crate::error::{AppError, AppResult};
use crate::http::json;
use crate::request;
use repo::{Group, Scope};

#[derive(Clone, Copy)]
pub enum Object {
    Application,
    Plugin,
    Product,
    Record,
}

impl Object {
    fn role(self) -> Role {
        match self {
            Self::Application | Self::Plugin => Role::Applications,
            Self::Product | Self::Record => Role::Products,
        }
    }

    /// The event column that names the object, the shared object whose chmod
    /// decides, and how to find that object's id from this one's.
    fn column_and_parent(self) -> (&'static str, Shared, Option<&'static str>) {
        match self {
            Self::Application => ("id_application", Shared::Application, None),
            Self::Plugin => {
                ("id_plugin", Shared::Application, Some("SELECT id_application AS id FROM plugins WHERE id = ?1"))
            }
            Self::Product => ("id_product", Shared::Product, None),
            Self::Record => ("id_record", Shared::Product, Some("SELECT id_product AS id FROM records WHERE id = ?1")),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Application => "application",
            Self::Plugin => "plugin",
            Self::Product => "product",
            Self::Record => "record",
        }
    }
}

fn grouped<B: Bucket + serde::Serialize>(rows: Vec<(String, contract::Totals)>) -> Response {
    json(&rows.into_iter().map(|(label, totals)| B::of(label, totals)).collect::<Keyed<B>>())
}

/// `GET /v1/{objects}/{id}/insights[/{view}]`: the documented date filters
/// (a bare `end_date` means the whole day), `limit` for the `plays` view.
pub async fn get(
    call: &Call<'_>,
    req: &Request,
    object: Object,
    segment: &str,
    view: Option<&str>,
) -> AppResult<Response> {
    let user = call.caller.require_user(&call.db, object.role(), call.now).await?;
    let id_object = id(segment, "id")?;
    let (column, shared, parent_sql) = object.column_and_parent();
    let parent = match parent_sql {
        None => Some(id_object),
        Some(sql) => repo::parent(&call.db, sql, id_object).await?,
    };
    // Anyone who can see the product or application (chmod ≥ 1) reads its insights.
    let visible = match parent {
        Some(p) => Action::See.allowed(sharing::level_of(call, shared, p, user.id_user).await?),
        None => false,
    };
    if !visible {
        return Err(AppError::not_found(format!("no {} with id {id_object}", object.name())));
    }
    let filters = request::list(req, contract::LIST)?;
    let bare_day = request::query(req).get("end_date").is_some_and(|raw| raw.trim().len() == 10 && raw.contains('-'));
    let end = match filters.end_date {
        Some(ts) if bare_day => ts + 86_399,
        Some(ts) => ts,
        None => i64::MAX / 2,
    };
    let scope = Scope {
        column,
        plugin: matches!(object, Object::Plugin),
        id: id_object,
        start: filters.start_date.unwrap_or(0),
        end,
    };
    let db = &call.db;
    Ok(match view {
        None => json(&Keyed(vec![repo::totals(db, &scope).await?])),
        Some("countries") => grouped::<ByCountry>(repo::buckets(db, &scope, Group::Country).await?),
        Some("browsers") => grouped::<ByBrowser>(repo::buckets(db, &scope, Group::Browser).await?),
        Some("devices") => grouped::<ByDevice>(repo::buckets(db, &scope, Group::Device).await?),
        Some("platforms") => grouped::<ByPlatform>(repo::buckets(db, &scope, Group::Platform).await?),
        Some("days") => grouped::<ByDay>(repo::buckets(db, &scope, Group::Day).await?),
        Some("plays") => json(&Keyed(repo::plays(db, &scope, filters.limit).await?)),
        Some(other) => return Err(AppError::not_found(format!("no insights view {other}"))),
    })
}
