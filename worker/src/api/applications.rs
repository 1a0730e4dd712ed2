//! An owner's applications: what a tap shows (title, theme, password lock).
//! List with the documented filters, create (the creator is owner, chmod 5),
//! read, update (chmod ≥ 4), delete (owner).

use senzu_core::auth::Role;
use senzu_core::chmod::{Action, Level};
use senzu_core::play::{Background, Color};
use senzu_core::wire::{list_object, ApiDate};
use senzu_core::ErrorCode;
use serde::Deserialize;
use serde_json::{json, Value};
use worker::{Request, Response};

use super::sharing::{self, Shared};
use super::user::limit;
use super::Call;
use crate::args::{bad, missing, Args};
use crate::db::{self, int, opt_int, opt_text};
use crate::error::{AppError, AppResult};
use crate::http::json_response;

#[derive(Deserialize)]
struct AppRow {
    id: i64,
    name: String,
    alias_name: Option<String>,
    subtitle: Option<String>,
    url_image: Option<String>,
    id_image: Option<i64>,
    color: String,
    background_color: String,
    is_locked: i64,
    is_enabled: i64,
    chmod: i64,
    id_issuer: Option<i64>,
    plugins: i64,
    date_created: i64,
    date_updated: Option<i64>,
}

const APP_SELECT: &str = "SELECT a.id, a.name, a.alias_name, a.subtitle, a.url_image, a.id_image, a.color, \
    a.background_color, a.password_hash IS NOT NULL AS is_locked, a.is_enabled, au.chmod, au.id_issuer, \
    (SELECT count(*) FROM plugins pl WHERE pl.id_application = a.id) AS plugins, a.date_created, a.date_updated \
    FROM application_users au JOIN applications a ON a.id = au.id_application \
    WHERE au.id_user = ?1 AND au.is_enabled = 1 AND au.chmod >= 1";

fn app_json(a: &AppRow, origin: &str) -> Value {
    // Own files are stored relative; the API gives absolute addresses.
    let url_image = a.url_image.as_ref().map(|u| if u.starts_with('/') { format!("{origin}{u}") } else { u.clone() });
    json!({
        "id": a.id,
        "id_image": a.id_image,
        "url_image": url_image,
        "name": a.name,
        "alias_name": a.alias_name.as_ref().unwrap_or(&a.name),
        "subtitle": a.subtitle,
        "color": a.color,
        "background_color": a.background_color,
        // The password itself is never returned, only whether there is one.
        "password": Value::Null,
        "is_locked": a.is_locked == 1,
        "is_enabled": a.is_enabled == 1,
        "chmod": a.chmod,
        "id_issuer": a.id_issuer,
        "quantity_plugins": a.plugins,
        "date_created": ApiDate::from_unix(a.date_created),
        "date_updated": ApiDate::opt(a.date_updated),
    })
}

async fn app_for(call: &Call<'_>, me: i64, id: i64) -> AppResult<Value> {
    let row: AppRow = db::first(&call.db, &format!("{APP_SELECT} AND a.id = ?2"), &[int(me), int(id)], "application")
        .await?
        .ok_or_else(|| AppError::not_found(format!("no application with id {id}")))?;
    Ok(app_json(&row, &call.origin))
}

/// `GET /v1/applications`: filters `contains`, `id_issuer`, `is_locked`, `chmod`, `limit`.
pub async fn list(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let me = call.caller.require_user(&call.db, Role::Applications, call.now).await?.id_user;
    let args = Args::from_query(req);
    let contains = args.opt_text("contains", 100)?.map(|c| format!("%{}%", c.replace(['%', '_'], "")));
    let chmod = args.opt("chmod").map(|c| Level::parse(c).map_err(|e| bad("chmod", e))).transpose()?;
    let rows: Vec<AppRow> = db::all(
        &call.db,
        &format!(
            "{APP_SELECT} AND (?2 IS NULL OR a.name LIKE ?2 OR a.alias_name LIKE ?2) AND (?3 IS NULL OR au.id_issuer = ?3) \
             AND (?4 IS NULL OR (a.password_hash IS NOT NULL) = ?4) AND (?5 IS NULL OR au.chmod = ?5) ORDER BY a.id LIMIT ?6"
        ),
        &[
            int(me),
            opt_text(contains.as_deref()),
            opt_int(args.opt_int("id_issuer")?),
            opt_int(args.opt_bool("is_locked")?.map(i64::from)),
            opt_int(chmod.map(|c| c as i64)),
            int(limit(&args)?),
        ],
        "applications",
    )
    .await?;
    let items = rows.iter().map(|a| {
        json!({ "id": a.id, "name": a.name, "alias_name": a.alias_name.as_ref().unwrap_or(&a.name),
                "is_enabled": a.is_enabled == 1, "url_image": app_json(a, &call.origin)["url_image"], "is_locked": a.is_locked == 1,
                "chmod": a.chmod, "color": a.color, "quantity_plugins": a.plugins })
    });
    Ok(json_response(&list_object(items), 200))
}

/// The fields create and update share, checked.
struct Fields<'a> {
    name: Option<&'a str>,
    alias_name: Option<&'a str>,
    subtitle: Option<&'a str>,
    url_image: Option<&'a str>,
    color: Option<&'static str>,
    background: Option<&'static str>,
    /// Some(None) removes the password.
    password: Option<Option<String>>,
    is_enabled: Option<bool>,
    /// An uploaded file of the caller's (`id_image`), with its public URL.
    image_file: Option<(i64, String)>,
}

async fn fields<'a>(call: &Call<'_>, me: i64, args: &'a Args) -> AppResult<Fields<'a>> {
    let color = args
        .opt("color")
        .map(|c| {
            Color::parse(c).map(Color::as_str).ok_or_else(|| bad("color", "must be green, blue, red, purple or orange"))
        })
        .transpose()?;
    let background = args
        .opt("background_color")
        .map(|b| {
            Background::parse(b)
                .map(Background::as_str)
                .ok_or_else(|| bad("background_color", "must be light, dark or auto"))
        })
        .transpose()?;
    // https anywhere, or exactly one of this site's uploaded files (core::image::image_url).
    let url_image = args
        .opt_text("url_image", 500)?
        .map(|u| senzu_core::image::image_url(u, &call.origin).map_err(|why| bad("url_image", why)))
        .transpose()?;
    let password = super::plugins::checked_password(args)?;
    Ok(Fields {
        name: args.opt_text("name", 100)?,
        alias_name: args.opt_text("alias_name", 100)?,
        subtitle: args.opt_text("subtitle", 200)?,
        url_image,
        color,
        background,
        password,
        is_enabled: args.opt_bool("is_enabled")?,
        image_file: match args.opt("id_image") {
            None => None,
            Some(v) => {
                let file = super::files::own_file(call, me, crate::args::id(v, "id_image")?)
                    .await
                    .map_err(|_| bad("id_image", "no uploaded file of yours with this id"))?;
                // Stored relative (`/files/…`): the play page is on the same origin, in any environment.
                Some((file.id, format!("/files/{}", file.file_name)))
            }
        },
    })
}

/// `POST /v1/applications` (manage_applications): `name` required.
pub async fn create(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let me = call.caller.require_user(&call.db, Role::ManageApplications, call.now).await?.id_user;
    let args = Args::read(req).await?;
    let f = fields(call, me, &args).await?;
    let name = f.name.ok_or_else(|| missing("name"))?;
    let url_image = f.image_file.as_ref().map(|(_, u)| u.as_str()).or(f.url_image);
    let created = db::id_of(
        &call.db,
        "INSERT INTO applications (id, id_owner, name, alias_name, subtitle, url_image, color, background_color, password_hash, is_enabled, id_image) \
         VALUES ((SELECT next FROM fresh_ids WHERE name = 'applications'), ?1, ?2, ?3, ?4, ?5, COALESCE(?6, 'green'), COALESCE(?7, 'light'), ?8, COALESCE(?9, 1), ?10) RETURNING id",
        &[
            int(me),
            db::text(name),
            opt_text(f.alias_name),
            opt_text(f.subtitle),
            opt_text(url_image),
            opt_text(f.color),
            opt_text(f.background),
            opt_text(f.password.clone().flatten().as_deref()),
            opt_int(f.is_enabled.map(i64::from)),
            opt_int(f.image_file.as_ref().map(|(i, _)| *i)),
        ],
        "create application",
    )
    .await?
    .ok_or_else(|| AppError::Internal { context: "create application", cause: "no id returned".into() })?;
    db::run(
        &call.db,
        "INSERT INTO application_users (id_application, id_user, chmod, is_enabled) VALUES (?1, ?2, 5, 1)",
        &[int(created), int(me)],
        "application owner",
    )
    .await?;
    Ok(json_response(&app_for(call, me, created).await?, 200))
}

/// `GET /v1/applications/{id}`.
pub async fn get(call: &Call<'_>, id: i64) -> AppResult<Response> {
    let (me, _) = sharing::require(call, Shared::Application, id, Action::See).await?;
    Ok(json_response(&app_for(call, me, id).await?, 200))
}

/// `POST /v1/applications/{id}` (chmod ≥ 4: "modify the application parameters").
pub async fn update(call: &Call<'_>, req: &mut Request, id: i64) -> AppResult<Response> {
    let args = Args::read(req).await?;
    let (me, _) = sharing::require(call, Shared::Application, id, Action::Administer).await?;
    let f = fields(call, me, &args).await?;
    let url_image = f.image_file.as_ref().map(|(_, u)| u.as_str()).or(f.url_image);
    let nothing = f.name.is_none()
        && f.alias_name.is_none()
        && f.subtitle.is_none()
        && f.url_image.is_none()
        && f.color.is_none()
        && f.background.is_none()
        && f.password.is_none()
        && f.is_enabled.is_none()
        && f.image_file.is_none()
        && !args.has("subtitle");
    if nothing {
        return Err(AppError::api(ErrorCode::MissingArgument, "missing argument: nothing to change"));
    }
    db::run(
        &call.db,
        "UPDATE applications SET name = COALESCE(?2, name), alias_name = COALESCE(?3, alias_name), \
         subtitle = CASE WHEN ?11 = 1 THEN ?4 ELSE subtitle END, url_image = COALESCE(?5, url_image), \
         color = COALESCE(?6, color), background_color = COALESCE(?7, background_color), \
         password_hash = CASE WHEN ?8 = 1 THEN ?9 ELSE password_hash END, is_enabled = COALESCE(?10, is_enabled), \
         date_updated = ?12, id_image = CASE WHEN ?5 IS NULL THEN id_image ELSE ?13 END WHERE id = ?1",
        &[
            int(id),
            opt_text(f.name),
            opt_text(f.alias_name),
            opt_text(f.subtitle),
            opt_text(url_image),
            opt_text(f.color),
            opt_text(f.background),
            int(i64::from(f.password.is_some())),
            opt_text(f.password.clone().flatten().as_deref()),
            opt_int(f.is_enabled.map(i64::from)),
            // An empty `subtitle=` clears it.
            int(i64::from(args.has("subtitle"))),
            int(call.now),
            opt_int(f.image_file.as_ref().map(|(i, _)| *i)),
        ],
        "update application",
    )
    .await?;
    Ok(json_response(&app_for(call, me, id).await?, 200))
}

/// `DELETE /v1/applications/{id}` (owner): its plugins, access and share links go
/// with it; records that showed it show "no application" (464) until given another.
pub async fn delete(call: &Call<'_>, id: i64) -> AppResult<Response> {
    sharing::require(call, Shared::Application, id, Action::Own).await?;
    db::run(&call.db, "DELETE FROM applications WHERE id = ?1", &[int(id)], "delete application").await?;
    Ok(json_response(&json!({ "id": id, "deleted": true }), 200))
}
