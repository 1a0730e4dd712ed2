//! An application's plugins: added from the plugstore with data checked
//! against the plugstore form (419/420 name the field), ordered, locked with
//! a password, enabled, shown only at scheduled times (`filters`).
//! chmod 2 edits one's own plugins, chmod 3 every plugin.

mod repo;

use std::collections::BTreeMap;

use senzu_core::api::list::ListSpec;
use senzu_core::api::plugins::{
    ConnectionTest, CreatePlugin, Named, Plugin, PluginIcon, PluginUser, ReorderPlugins, UpdatePlugin,
};
use senzu_core::api::{ApiDate, Deleted, Id, Keyed, Patch};
use senzu_core::auth::Role;
use senzu_core::chmod::Action;
use senzu_core::custom_plugin::CustomSpec;
use senzu_core::partners::Partner;
use senzu_core::plan::Resource;
use senzu_core::plugin_form::{self, FormError};
use senzu_core::plugins::Kind;
use senzu_core::schedule::Schedule;
use senzu_core::secrets::MasterKey;
use senzu_core::ErrorCode;
use serde_json::{Map, Value};
use worker::{Request, Response};

use super::applications::lock_change;
use super::sharing::{self, Shared};
use super::Call;
use crate::args::bad;
use crate::error::{AppError, AppResult};
use crate::http::{created, json};
use crate::partners::{self, PartnerPlugin};
use crate::request;
use repo::PluginRow;

fn no_plugin(id: Id) -> AppError {
    AppError::not_found(format!("no plugin with id {id}"))
}

/// A partner plugin's stored credentials, opened (empty if none open here).
fn stored_secrets(call: &Call<'_>, p: &PluginRow, kind: Kind, master: &MasterKey) -> Map<String, Value> {
    partners::open_secrets(master, p.id, &partners::base_for(call.env, kind), p.secrets.as_deref())
}

/// Which write-only fields are set (never their values): those that open here,
/// for this plugin and its partner's address in this deployment.
fn credentials(call: &Call<'_>, p: &PluginRow, master: &MasterKey) -> Option<BTreeMap<String, bool>> {
    let kind = Kind::parse(&p.kind).filter(|k| k.is_partner())?;
    let stored = stored_secrets(call, p, kind, master);
    Some(
        kind.fields()
            .iter()
            .filter(|f| f.input == "password")
            .map(|f| (f.name.to_string(), stored.get(f.name).is_some()))
            .collect(),
    )
}

fn plugin_of(call: &Call<'_>, p: PluginRow, master: &MasterKey) -> Plugin {
    Plugin {
        credentials: credentials(call, &p, master),
        id: p.id,
        id_parent: p.id_parent,
        user: PluginUser { id: p.id_user },
        application: Named { id: p.id_application, name: p.application_name },
        plugstore: Named { id: p.id_plugstore, name: p.plugstore_name },
        id_plugstore: p.id_plugstore,
        // Icon ids are plugstore ids for Senzu's kinds; a developer's entry chose one.
        icon: PluginIcon { id: p.id_icon.unwrap_or(p.id_plugstore), editable: false },
        kind: if p.spec.is_some() { Kind::Custom.id().to_string() } else { p.kind },
        name: p.name,
        plugin_exec: String::new(),
        password: None,
        data: serde_json::from_str(&p.data).unwrap_or_default(),
        filters: p.filters.as_deref().and_then(|f| serde_json::from_str(f).ok()),
        status: true,
        sort_order: p.sort_order,
        is_locked: p.is_locked == 1,
        is_enabled: p.is_enabled == 1,
        date_created: ApiDate::from_unix(p.date_created),
        date_updated: ApiDate::opt(p.date_updated),
    }
}

/// A plugin the caller may see (404 otherwise, like a missing one) and whether they may edit it.
async fn reach(call: &Call<'_>, id: Id, edit: bool) -> AppResult<(Id, PluginRow)> {
    let Some(row) = repo::get(&call.db, id).await? else {
        // Same answer as for a plugin of someone else's application.
        call.caller.require_user(&call.db, Role::Applications, call.now).await?;
        return Err(no_plugin(id));
    };
    if !edit {
        let (me, _) = sharing::require(call, Shared::Application, row.id_application, Action::See).await?;
        return Ok((me, row));
    }
    let (me, level) = sharing::require(call, Shared::Application, row.id_application, Action::EditOwnPlugins).await?;
    if row.id_user != Some(me) && !Action::EditBasics.allowed(level) {
        return Err(AppError::api(
            ErrorCode::Forbidden,
            "this plugin is someone else's: editing it needs chmod 3 (Manager) on the application",
        ));
    }
    Ok((me, row))
}

fn form_error(e: FormError) -> AppError {
    match e {
        FormError::Missing { field } => {
            AppError::api(ErrorCode::MissingArgument, format!("missing argument: data.{field}"))
        }
        other => AppError::api(ErrorCode::BadArgument, format!("bad argument: {other}")),
    }
}

/// `data` checked against the plugin kind's form, with the already stored
/// credentials counting as given (they are write-only: an update need not send
/// them again). Returns the public data (JSON text) and the secrets.
fn checked_data(
    kind: Kind,
    given: &Map<String, Value>,
    stored: &Map<String, Value>,
) -> AppResult<(String, Map<String, Value>)> {
    let mut merged = stored.clone();
    merged.extend(
        given.iter().filter(|(_, v)| !v.as_str().is_some_and(str::is_empty)).map(|(k, v)| (k.clone(), v.clone())),
    );
    let clean = plugin_form::validate(kind, &Value::Object(merged)).map_err(form_error)?;
    let secret = |name: &str| kind.fields().iter().any(|f| f.name == name && f.input == "password");
    let (secrets, public): (Map<String, Value>, Map<String, Value>) = clean.into_iter().partition(|(k, _)| secret(k));
    Ok((Value::Object(public).to_string(), secrets))
}

/// A developer's published form and action, from its entry's row.
fn custom_spec(spec: Option<&str>) -> AppResult<Option<CustomSpec>> {
    spec.map(|s| {
        serde_json::from_str(s).map_err(|e| AppError::Internal {
            context: "plugstore form",
            cause: format!("stored form unreadable: {e}"),
        })
    })
    .transpose()
}

/// `data` checked against a developer's form: the same rules as Senzu's own
/// forms (no write-only fields: a developer's plugin holds no secrets).
fn checked_custom_data(spec: &CustomSpec, given: &Map<String, Value>) -> AppResult<String> {
    let clean = plugin_form::validate_fields(&spec.fields, &Value::Object(given.clone())).map_err(form_error)?;
    Ok(Value::Object(clean).to_string())
}

fn master(call: &Call<'_>) -> AppResult<MasterKey> {
    crate::keys::master_key(call.env)
}

/// `filters`: a schedule (stored as its JSON), or empty/`null` to remove it.
fn checked_filters(filters: &Patch<String>) -> AppResult<Option<Option<String>>> {
    match filters {
        Patch::Keep => Ok(None),
        Patch::Clear => Ok(Some(None)),
        Patch::Set(f) if f.trim() == "null" => Ok(Some(None)),
        Patch::Set(f) => {
            let schedule = Schedule::parse(f).map_err(|e| bad("filters", e))?;
            Ok(Some(Some(serde_json::to_string(&schedule).unwrap_or_default())))
        }
    }
}

async fn answer_list(call: &Call<'_>, filters: &senzu_core::api::list::ListQuery, id_app: Id) -> AppResult<Response> {
    let master = master(call)?;
    let plugins = repo::of_application(&call.db, id_app).await?.into_iter().map(|p| plugin_of(call, p, &master));
    Ok(json(&Keyed(filters.apply(plugins.collect()))))
}

/// `GET /v1/applications/{id}/plugins`, in play order (whole unless `limit` is given).
pub async fn list(call: &Call<'_>, req: &Request, id_app: Id) -> AppResult<Response> {
    let filters = request::list(req, ListSpec::WHOLE)?;
    sharing::require(call, Shared::Application, id_app, Action::See).await?;
    answer_list(call, &filters, id_app).await
}

/// `POST /v1/applications/{id}/plugins` (`id_plugstore`, `name`, `data`, and
/// optional `password`, `filters`, `sort_order`, `is_enabled`).
pub async fn create(call: &Call<'_>, req: &mut Request, id_app: Id) -> AppResult<Response> {
    let (me, _) = sharing::require(call, Shared::Application, id_app, Action::EditOwnPlugins).await?;
    let new: CreatePlugin = request::parse(req).await?;
    super::plans::require_room(call, me, Resource::Plugins, Some(id_app)).await?;
    let store = repo::published(&call.db, new.id_plugstore)
        .await?
        .ok_or_else(|| bad("id_plugstore", format!("no published plugin {} in the plugstore", new.id_plugstore)))?;
    let master = master(call)?;
    let (kind, (data, secrets)) = match custom_spec(store.spec.as_deref())? {
        Some(spec) => (Kind::Custom, (checked_custom_data(&spec, &new.data)?, Map::new())),
        None => {
            let kind = Kind::parse(&store.kind)
                .ok_or_else(|| bad("id_plugstore", "this plugin cannot be added to applications yet"))?;
            (kind, checked_data(kind, &new.data, &Map::new())?)
        }
    };
    let filters = checked_filters(&new.filters)?.flatten();
    let password = lock_change(new.password.as_deref(), new.is_locked)?.flatten();
    let plugin = repo::NewPlugin {
        id_application: id_app,
        id_plugstore: new.id_plugstore,
        id_user: me,
        name: new.name.as_ref().map_or(store.display_name_en.as_str(), |n| n.as_str()),
        data: &data,
        filters: filters.as_deref(),
        password_hash: password.as_deref(),
        sort_order: new.sort_order,
        is_enabled: new.is_enabled,
    };
    let id = repo::create(&call.db, &plugin)
        .await?
        .ok_or_else(|| AppError::Internal { context: "add plugin", cause: "no id returned".into() })?;
    // The credentials are bound to the new plugin's id, so they are sealed once it has one.
    if !secrets.is_empty() {
        let stored = match partners::seal_secrets(&master, id, &partners::base_for(call.env, kind), &secrets) {
            Ok(sealed) => repo::seal(&call.db, id, &sealed).await,
            Err(e) => Err(e),
        };
        if let Err(e) = stored {
            // No plugin without the credentials its owner just gave.
            let _ = repo::delete(&call.db, id).await;
            return Err(e);
        }
    }
    let row = repo::get(&call.db, id)
        .await?
        .ok_or_else(|| AppError::Internal { context: "add plugin", cause: "the new plugin is not readable".into() })?;
    Ok(created(&plugin_of(call, row, &master)))
}

/// `GET /v1/plugins/{id}`.
pub async fn get(call: &Call<'_>, id: Id) -> AppResult<Response> {
    let (_, row) = reach(call, id, false).await?;
    Ok(json(&plugin_of(call, row, &master(call)?)))
}

/// `POST /v1/plugins/{id}`: `name`, `data`, `password`/`is_locked`, `filters`, `sort_order`, `is_enabled`.
pub async fn update(call: &Call<'_>, req: &mut Request, id: Id) -> AppResult<Response> {
    let (_, row) = reach(call, id, true).await?;
    let changes: UpdatePlugin = request::parse(req).await?;
    let master = master(call)?;
    let checked = match custom_spec(row.spec.as_deref())? {
        Some(spec) => {
            changes.data.as_ref().map(|d| checked_custom_data(&spec, d).map(|d| (d, Map::new()))).transpose()?
        }
        None => {
            let kind = Kind::parse(&row.kind).ok_or_else(|| bad("id", "this plugin kind cannot be edited here"))?;
            // Credentials sealed for another address of the partner do not open: they count as not set.
            let stored = stored_secrets(call, &row, kind, &master);
            changes.data.as_ref().map(|d| checked_data(kind, d, &stored)).transpose()?
        }
    };
    let kind = Kind::parse(&row.kind).unwrap_or(Kind::Custom);
    let sealed = match &checked {
        Some((_, secrets)) if !secrets.is_empty() => {
            Some(partners::seal_secrets(&master, id, &partners::base_for(call.env, kind), secrets)?)
        }
        _ => None,
    };
    let filters = checked_filters(&changes.filters)?;
    let password = lock_change(changes.password.as_deref(), changes.is_locked)?;
    if changes.is_empty() {
        return Err(AppError::api(ErrorCode::MissingArgument, "missing argument: nothing to change"));
    }
    let apply = repo::Changes {
        name: changes.name.as_ref().map(|n| n.as_str()),
        data: checked.as_ref().map(|(d, _)| d.as_str()),
        filters: filters.as_ref().map(Option::as_deref),
        password_hash: password.as_ref().map(Option::as_deref),
        sort_order: changes.sort_order,
        is_enabled: changes.is_enabled,
        secrets: sealed.as_deref(),
    };
    repo::update(&call.db, id, &apply, call.now).await?;
    let row = repo::get(&call.db, id).await?.ok_or_else(|| no_plugin(id))?;
    Ok(json(&plugin_of(call, row, &master)))
}

/// `POST /v1/plugins/{id}/test`: one real call to the partner with the stored
/// credentials; the answer says in plain words whether it works.
pub async fn test_connection(call: &Call<'_>, id: Id) -> AppResult<Response> {
    let (_, row) = reach(call, id, true).await?;
    let kind = Kind::parse(&row.kind).ok_or_else(|| bad("id", "this plugin does not talk to a partner"))?;
    let partner = Partner::of(kind).ok_or_else(|| bad("id", "this plugin does not talk to a partner"))?;
    let master = master(call)?;
    let base = partners::base_url(call.env, partner);
    let mut connector = PartnerPlugin {
        id,
        kind,
        data: serde_json::from_str(&row.data).unwrap_or_default(),
        secrets: partners::open_secrets(&master, id, &base, row.secrets.as_deref()),
        token: None,
        db: &call.db,
        master: &master,
        now: call.now,
        base,
        lang: call.lang.code(),
    };
    let partner = partner.name();
    let tested = match connector.test().await {
        Ok(()) => ConnectionTest { ok: true, message: format!("Connected: {partner} accepted the credentials.") },
        Err(failure) => ConnectionTest { ok: false, message: failure.to_string() },
    };
    Ok(json(&tested))
}

/// `DELETE /v1/plugins/{id}`.
pub async fn delete(call: &Call<'_>, id: Id) -> AppResult<Response> {
    reach(call, id, true).await?;
    repo::delete(&call.db, id).await?;
    Ok(json(&Deleted::of(id)))
}

/// `POST /v1/applications/{id}/plugins/order` (`items`: every plugin id in the
/// new order; chmod ≥ 3): one batch. Answers the list, whole, in the new order.
pub async fn reorder(call: &Call<'_>, req: &mut Request, id_app: Id) -> AppResult<Response> {
    sharing::require(call, Shared::Application, id_app, Action::EditBasics).await?;
    let order: ReorderPlugins = request::parse(req).await?;
    let mut have = repo::ids(&call.db, id_app).await?;
    let mut want = order.items.clone();
    want.sort_unstable();
    have.sort_unstable();
    if want != have {
        return Err(bad("items", "must list every plugin of the application exactly once"));
    }
    repo::reorder(&call.db, &order.items).await?;
    let whole = senzu_core::api::list::ListQuery { limit: senzu_core::api::list::MAX_LIMIT, ..Default::default() };
    answer_list(call, &whole, id_app).await
}
