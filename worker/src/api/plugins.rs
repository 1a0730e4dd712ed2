//! An application's plugins: added from the plugstore with data checked
//! against the plugstore form (419/420 name the field), ordered, locked with
//! a password, enabled, shown only at scheduled times (`filters`).
//! chmod 2 edits one's own plugins, chmod 3 every plugin.

use senzu_core::auth::Role;
use senzu_core::chmod::Action;
use senzu_core::partners::Partner;
use senzu_core::plugin_form::{self, FormError};
use senzu_core::plugins::Kind;
use senzu_core::schedule::Schedule;
use senzu_core::wire::{list_object, ApiDate};
use senzu_core::{password, ErrorCode};
use serde::Deserialize;
use serde_json::{json, Value};
use worker::{Request, Response};

use super::sharing::{self, Shared};
use super::Call;
use crate::args::{bad, missing, Args};
use crate::auth::crypto;
use crate::db::{self, int, opt_int, opt_text, text};
use crate::error::{AppError, AppResult, Context};
use crate::http::json_response;
use crate::partners::{self, PartnerPlugin};
use senzu_core::secrets::MasterKey;
use serde_json::Map;

#[derive(Deserialize)]
struct PluginRow {
    id: i64,
    id_application: i64,
    application_name: String,
    id_plugstore: i64,
    kind: String,
    plugstore_name: String,
    id_parent: Option<i64>,
    id_user: Option<i64>,
    name: String,
    data: String,
    filters: Option<String>,
    is_locked: i64,
    sort_order: Option<i64>,
    is_enabled: i64,
    date_created: i64,
    date_updated: Option<i64>,
    /// Partner credentials, sealed: opened only to be merged or used, never returned.
    secrets: Option<String>,
}

const PLUGIN_SELECT: &str = "SELECT pl.id, pl.id_application, a.name AS application_name, pl.id_plugstore, ps.kind, \
    ps.display_name_en AS plugstore_name, pl.id_parent, pl.id_user, pl.name, pl.data, pl.filters, \
    pl.password_hash IS NOT NULL AS is_locked, pl.sort_order, pl.is_enabled, pl.date_created, pl.date_updated, pl.secrets \
    FROM plugins pl JOIN applications a ON a.id = pl.id_application JOIN plugstores ps ON ps.id = pl.id_plugstore";

/// Which write-only fields are set (never their values): those that open here,
/// for this plugin and its partner's address in this deployment.
fn credentials(call: &Call<'_>, p: &PluginRow, master: &MasterKey) -> Value {
    let Some(kind) = Kind::parse(&p.kind).filter(|k| k.is_partner()) else { return Value::Null };
    let stored = stored_secrets(call, p, kind, master);
    let set: Map<String, Value> = kind
        .fields()
        .iter()
        .filter(|f| f.input == "password")
        .map(|f| (f.name.to_string(), Value::Bool(stored.get(f.name).is_some())))
        .collect();
    Value::Object(set)
}

/// A partner plugin's stored credentials, opened (empty if none open here).
fn stored_secrets(call: &Call<'_>, p: &PluginRow, kind: Kind, master: &MasterKey) -> Map<String, Value> {
    partners::open_secrets(master, p.id, &partners::base_for(call.env, kind), p.secrets.as_deref())
}

fn plugin_json(call: &Call<'_>, p: &PluginRow, master: &MasterKey) -> Value {
    json!({
        "credentials": credentials(call, p, master),
        "id": p.id,
        "id_parent": p.id_parent,
        "user": { "id": p.id_user },
        "application": { "id": p.id_application, "name": p.application_name },
        "plugstore": { "id": p.id_plugstore, "name": p.plugstore_name },
        "id_plugstore": p.id_plugstore,
        "kind": p.kind,
        "icon": { "id": p.id_plugstore, "editable": false },
        "name": p.name,
        "plugin_exec": "",
        "password": Value::Null,
        "data": serde_json::from_str::<Value>(&p.data).unwrap_or_else(|_| json!({})),
        "filters": p.filters.as_deref().and_then(|f| serde_json::from_str::<Value>(f).ok()),
        "status": true,
        "sort_order": p.sort_order,
        "is_locked": p.is_locked == 1,
        "is_enabled": p.is_enabled == 1,
        "date_created": ApiDate::from_unix(p.date_created),
        "date_updated": ApiDate::opt(p.date_updated),
    })
}

async fn plugin(call: &Call<'_>, id: i64) -> AppResult<PluginRow> {
    db::first(&call.db, &format!("{PLUGIN_SELECT} WHERE pl.id = ?1"), &[int(id)], "plugin")
        .await?
        .ok_or_else(|| AppError::not_found(format!("no plugin with id {id}")))
}

/// A plugin the caller may see (404 otherwise, like a missing one) and whether they may edit it.
async fn reach(call: &Call<'_>, id: i64, edit: bool) -> AppResult<(i64, PluginRow)> {
    let row = plugin(call, id).await;
    let Ok(row) = row else {
        // Same answer as for a plugin of someone else's application.
        call.caller.require_user(&call.db, Role::Applications, call.now).await?;
        return Err(AppError::not_found(format!("no plugin with id {id}")));
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

/// `data` (JSON text) checked against the plugin kind's form, with the
/// already stored credentials counting as given (they are write-only: an
/// update need not send them again). Returns the public data and the secrets.
fn checked_data(kind: Kind, raw: &str, stored: &Map<String, Value>) -> AppResult<(String, Map<String, Value>)> {
    let value: Value = serde_json::from_str(raw).map_err(|_| bad("data", "must be a JSON object"))?;
    let mut merged = stored.clone();
    if let Value::Object(given) = &value {
        merged.extend(
            given.iter().filter(|(_, v)| !v.as_str().is_some_and(str::is_empty)).map(|(k, v)| (k.clone(), v.clone())),
        );
    } else {
        return Err(bad("data", "must be a JSON object"));
    }
    let clean = plugin_form::validate(kind, &Value::Object(merged)).map_err(form_error)?;
    let secret = |name: &str| kind.fields().iter().any(|f| f.name == name && f.input == "password");
    let (secrets, public): (Map<String, Value>, Map<String, Value>) = clean.into_iter().partition(|(k, _)| secret(k));
    Ok((Value::Object(public).to_string(), secrets))
}

fn master(call: &Call<'_>) -> AppResult<MasterKey> {
    crate::keys::master_key(call.env)
}

/// `filters`: a schedule, or empty/`null` to remove it.
fn checked_filters(args: &Args) -> AppResult<Option<Option<String>>> {
    match (args.has("filters"), args.opt("filters")) {
        (false, _) => Ok(None),
        (true, None | Some("null")) => Ok(Some(None)),
        (true, Some(f)) => {
            let schedule = Schedule::parse(f).map_err(|e| bad("filters", e))?;
            Ok(Some(Some(serde_json::to_string(&schedule).unwrap_or_default())))
        }
    }
}

/// A lock change, for applications and plugins alike: `password` sets it
/// (4 to 128 characters, hashed), `is_locked=false` removes it; `None` leaves it.
pub(super) fn checked_password(args: &Args) -> AppResult<Option<Option<String>>> {
    match (args.raw("password"), args.opt_bool("is_locked")?) {
        (Some(p), _) if p.chars().count() < 4 => Err(bad("password", "needs at least 4 characters")),
        (Some(p), _) if p.chars().count() > 128 => Err(bad("password", "longer than 128 characters")),
        (Some(p), Some(true) | None) => {
            Ok(Some(Some(password::hash(p, &crypto::random_bytes(16)?, password::LOCK_ITERATIONS))))
        }
        (Some(_), Some(false)) => Err(bad("is_locked", "false contradicts a new password")),
        (None, Some(false)) => Ok(Some(None)),
        (None, Some(true)) => Err(bad("is_locked", "locking needs a password")),
        (None, None) => Ok(None),
    }
}

/// `GET /v1/applications/{id}/plugins`, in play order.
pub async fn list(call: &Call<'_>, id_app: i64) -> AppResult<Response> {
    sharing::require(call, Shared::Application, id_app, Action::See).await?;
    let rows: Vec<PluginRow> = db::all(
        &call.db,
        &format!("{PLUGIN_SELECT} WHERE pl.id_application = ?1 ORDER BY pl.sort_order IS NULL, pl.sort_order, pl.id"),
        &[int(id_app)],
        "plugins",
    )
    .await?;
    let master = master(call)?;
    Ok(json_response(&list_object(rows.iter().map(|p| plugin_json(call, p, &master))), 200))
}

#[derive(Deserialize)]
struct StoreRow {
    kind: String,
    display_name_en: String,
}

/// `POST /v1/applications/{id}/plugins` (`id_plugstore`, `name`, `data`, and
/// optional `password`, `filters`, `sort_order`, `is_enabled`).
pub async fn create(call: &Call<'_>, req: &mut Request, id_app: i64) -> AppResult<Response> {
    let args = Args::read(req).await?;
    let (me, _) = sharing::require(call, Shared::Application, id_app, Action::EditOwnPlugins).await?;
    let id_store = crate::args::id(args.req("id_plugstore")?, "id_plugstore")?;
    let store: StoreRow = db::first(
        &call.db,
        "SELECT kind, display_name_en FROM plugstores WHERE id = ?1 AND status = 'publish'",
        &[int(id_store)],
        "plugstore",
    )
    .await?
    .ok_or_else(|| bad("id_plugstore", format!("no published plugin {id_store} in the plugstore")))?;
    let kind = Kind::parse(&store.kind)
        .ok_or_else(|| bad("id_plugstore", "this plugin cannot be added to applications yet"))?;
    let name = args.opt_text("name", 60)?.unwrap_or(&store.display_name_en);
    let master = master(call)?;
    let (data, secrets) = checked_data(kind, args.opt("data").ok_or_else(|| missing("data"))?, &Map::new())?;
    let filters = checked_filters(&args)?.flatten();
    let password = checked_password(&args)?.flatten();
    let sort_order = args.opt_int("sort_order")?;
    let created = db::id_of(
        &call.db,
        "INSERT INTO plugins (id, id_application, id_plugstore, id_user, name, data, filters, password_hash, sort_order, \
         is_enabled) VALUES ((SELECT next FROM fresh_ids WHERE name = 'plugins'), ?1, ?2, ?3, ?4, ?5, ?6, ?7, \
         COALESCE(?8, (SELECT COALESCE(max(sort_order), 0) + 1 FROM plugins WHERE id_application = ?1)), COALESCE(?9, 1)) \
         RETURNING id",
        &[
            int(id_app),
            int(id_store),
            int(me),
            text(name),
            text(&data),
            opt_text(filters.as_deref()),
            opt_text(password.as_deref()),
            opt_int(sort_order),
            opt_int(args.opt_bool("is_enabled")?.map(i64::from)),
        ],
        "add plugin",
    )
    .await?
    .ok_or_else(|| AppError::Internal { context: "add plugin", cause: "no id returned".into() })?;
    // The credentials are bound to the new plugin's id, so they are sealed once it has one.
    if !secrets.is_empty() {
        let stored = match partners::seal_secrets(&master, created, &partners::base_for(call.env, kind), &secrets) {
            Ok(sealed) => {
                db::run(
                    &call.db,
                    "UPDATE plugins SET secrets = ?2 WHERE id = ?1",
                    &[int(created), text(&sealed)],
                    "seal credentials",
                )
                .await
            }
            Err(e) => Err(e),
        };
        if let Err(e) = stored {
            // No plugin without the credentials its owner just gave.
            let _ = db::run(&call.db, "DELETE FROM plugins WHERE id = ?1", &[int(created)], "undo add plugin").await;
            return Err(e);
        }
    }
    Ok(json_response(&plugin_json(call, &plugin(call, created).await?, &master), 200))
}

/// `GET /v1/plugins/{id}`.
pub async fn get(call: &Call<'_>, id: i64) -> AppResult<Response> {
    let (_, row) = reach(call, id, false).await?;
    Ok(json_response(&plugin_json(call, &row, &master(call)?), 200))
}

/// `POST /v1/plugins/{id}`: `name`, `data`, `password`/`is_locked`, `filters`, `sort_order`, `is_enabled`.
pub async fn update(call: &Call<'_>, req: &mut Request, id: i64) -> AppResult<Response> {
    let args = Args::read(req).await?;
    let (_, row) = reach(call, id, true).await?;
    let kind = Kind::parse(&row.kind).ok_or_else(|| bad("id", "this plugin kind cannot be edited here"))?;
    let name = args.opt_text("name", 60)?;
    let master = master(call)?;
    // Credentials sealed for another address of the partner do not open: they count as not set.
    let stored = stored_secrets(call, &row, kind, &master);
    let checked = args.opt("data").map(|d| checked_data(kind, d, &stored)).transpose()?;
    let sealed = match &checked {
        Some((_, secrets)) if !secrets.is_empty() => {
            Some(partners::seal_secrets(&master, id, &partners::base_for(call.env, kind), secrets)?)
        }
        _ => None,
    };
    let data = checked.map(|(d, _)| d);
    let filters = checked_filters(&args)?;
    let password = checked_password(&args)?;
    let sort_order = args.opt_int("sort_order")?;
    let enabled = args.opt_bool("is_enabled")?;
    if name.is_none()
        && data.is_none()
        && filters.is_none()
        && password.is_none()
        && sort_order.is_none()
        && enabled.is_none()
    {
        return Err(AppError::api(ErrorCode::MissingArgument, "missing argument: nothing to change"));
    }
    db::run(
        &call.db,
        "UPDATE plugins SET name = COALESCE(?2, name), data = COALESCE(?3, data), \
         filters = CASE WHEN ?4 = 1 THEN ?5 ELSE filters END, \
         password_hash = CASE WHEN ?6 = 1 THEN ?7 ELSE password_hash END, \
         sort_order = COALESCE(?8, sort_order), is_enabled = COALESCE(?9, is_enabled), date_updated = ?10, \
         secrets = COALESCE(?11, secrets) WHERE id = ?1",
        &[
            int(id),
            opt_text(name),
            opt_text(data.as_deref()),
            int(i64::from(filters.is_some())),
            opt_text(filters.flatten().as_deref()),
            int(i64::from(password.is_some())),
            opt_text(password.flatten().as_deref()),
            opt_int(sort_order),
            opt_int(enabled.map(i64::from)),
            int(call.now),
            opt_text(sealed.as_deref()),
        ],
        "update plugin",
    )
    .await?;
    // New credentials make the cached partner session stale.
    if sealed.is_some() {
        db::run(&call.db, "DELETE FROM partner_tokens WHERE id_plugin = ?1", &[int(id)], "drop partner token").await?;
    }
    Ok(json_response(&plugin_json(call, &plugin(call, id).await?, &master), 200))
}

/// `POST /v1/plugins/{id}/test`: one real call to the partner with the stored
/// credentials; the answer says in plain words whether it works.
pub async fn test_connection(call: &Call<'_>, id: i64) -> AppResult<Response> {
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
    let body = match connector.test().await {
        Ok(()) => json!({ "ok": true, "message": format!("Connected: {partner} accepted the credentials.") }),
        Err(failure) => json!({ "ok": false, "message": failure.to_string() }),
    };
    Ok(json_response(&body, 200))
}

/// `DELETE /v1/plugins/{id}`.
pub async fn delete(call: &Call<'_>, id: i64) -> AppResult<Response> {
    reach(call, id, true).await?;
    db::run(&call.db, "DELETE FROM plugins WHERE id = ?1", &[int(id)], "delete plugin").await?;
    Ok(json_response(&json!({ "id": id, "deleted": true }), 200))
}

/// `POST /v1/applications/{id}/plugins/order` (`items`: a JSON array of every
/// plugin id in the new order; chmod ≥ 3): one batch, so a drag-and-drop
/// never leaves the play half reordered.
pub async fn reorder(call: &Call<'_>, req: &mut Request, id_app: i64) -> AppResult<Response> {
    let args = Args::read(req).await?;
    sharing::require(call, Shared::Application, id_app, Action::EditBasics).await?;
    let ids: Vec<i64> = serde_json::from_str(args.req("items")?)
        .map_err(|_| bad("items", "must be a JSON array of plugin ids, e.g. [12,9,10]"))?;
    let mut have =
        db::ids_of(&call.db, "SELECT id FROM plugins WHERE id_application = ?1", &[int(id_app)], "plugin ids").await?;
    let mut want: Vec<i64> = ids.clone();
    want.sort_unstable();
    have.sort_unstable();
    if want != have {
        return Err(bad("items", "must list every plugin of the application exactly once"));
    }
    let statements = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            db::statement(
                &call.db,
                "UPDATE plugins SET sort_order = ?2 WHERE id = ?1",
                &[int(*id), int(i as i64 + 1)],
                "reorder",
            )
        })
        .collect::<AppResult<Vec<_>>>()?;
    if !statements.is_empty() {
        call.db.batch(statements).await.context("reorder plugins")?;
    }
    list(call, id_app).await
}
