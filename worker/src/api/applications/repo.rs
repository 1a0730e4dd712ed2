//! The queries of applications. Every function is one statement or one batch.

use senzu_core::api::applications::{Application, ApplicationFilters};
use senzu_core::api::{ApiDate, Id};
use senzu_core::chmod::Level;
use senzu_core::play::{Background, Color};
use serde::Deserialize;
use worker::D1Database;

use crate::db::{self, int, opt_int, opt_text, text};
use crate::error::{AppError, AppResult, Context};

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

impl AppRow {
    fn into_application(self, origin: &str) -> Application {
        // Own files are stored relative; the API gives absolute addresses.
        let url_image = self.url_image.map(|u| if u.starts_with('/') { format!("{origin}{u}") } else { u });
        Application {
            id: self.id,
            id_image: self.id_image,
            url_image,
            alias_name: self.alias_name.unwrap_or_else(|| self.name.clone()),
            name: self.name,
            subtitle: self.subtitle,
            color: Color::parse(&self.color).unwrap_or_default(),
            background_color: Background::parse(&self.background_color).unwrap_or_default(),
            password: None,
            is_locked: self.is_locked == 1,
            is_enabled: self.is_enabled == 1,
            chmod: Level::from_i64(self.chmod),
            id_issuer: self.id_issuer,
            quantity_plugins: self.plugins,
            date_created: ApiDate::from_unix(self.date_created),
            date_updated: ApiDate::opt(self.date_updated),
            created: self.date_created,
        }
    }
}

/// The applications the user has enabled access to (chmod ≥ 1).
const MEMBER_OF: &str = "SELECT a.id, a.name, a.alias_name, a.subtitle, a.url_image, a.id_image, a.color, \
    a.background_color, a.password_hash IS NOT NULL AS is_locked, a.is_enabled, au.chmod, au.id_issuer, \
    (SELECT count(*) FROM plugins pl WHERE pl.id_application = a.id) AS plugins, a.date_created, a.date_updated \
    FROM application_users au JOIN applications a ON a.id = au.id_application \
    WHERE au.id_user = ?1 AND au.is_enabled = 1 AND au.chmod >= 1";

/// The user's applications matching the list's own filters, by id.
pub async fn list(db: &D1Database, id_user: Id, f: &ApplicationFilters, origin: &str) -> AppResult<Vec<Application>> {
    let contains = f.contains.as_ref().map(|c| format!("%{}%", c.as_str().replace(['%', '_'], "")));
    let sql = format!(
        "{MEMBER_OF} AND (?2 IS NULL OR a.name LIKE ?2 OR a.alias_name LIKE ?2) AND (?3 IS NULL OR au.id_issuer = ?3) \
         AND (?4 IS NULL OR (a.password_hash IS NOT NULL) = ?4) AND (?5 IS NULL OR au.chmod = ?5) ORDER BY a.id"
    );
    let rows: Vec<AppRow> = db::all(
        db,
        &sql,
        &[
            int(id_user),
            opt_text(contains.as_deref()),
            opt_int(f.id_issuer),
            opt_int(f.is_locked.map(i64::from)),
            opt_int(f.chmod.map(|c| i64::from(u8::from(c)))),
        ],
        "applications",
    )
    .await?;
    Ok(rows.into_iter().map(|r| r.into_application(origin)).collect())
}

/// One application as the user sees it; `None` when they have no access.
pub async fn get(db: &D1Database, id_user: Id, id: Id, origin: &str) -> AppResult<Option<Application>> {
    let sql = format!("{MEMBER_OF} AND a.id = ?2");
    let row: Option<AppRow> = db::first(db, &sql, &[int(id_user), int(id)], "application").await?;
    Ok(row.map(|r| r.into_application(origin)))
}

/// What create and update write, checked. `None` keeps (update) or takes the default (create).
pub struct Fields<'a> {
    pub name: Option<&'a str>,
    pub alias_name: Option<&'a str>,
    /// `Some(None)` clears it.
    pub subtitle: Option<Option<&'a str>>,
    pub url_image: Option<&'a str>,
    pub id_image: Option<Id>,
    pub color: Option<Color>,
    pub background: Option<Background>,
    /// A password hash; `Some(None)` removes the lock.
    pub password: Option<Option<String>>,
    pub is_enabled: Option<bool>,
}

/// A new application owned by its creator (chmod 5), in one batch.
pub async fn create(db: &D1Database, id_owner: Id, f: &Fields<'_>) -> AppResult<Id> {
    let insert = db::statement(
        db,
        "INSERT INTO applications (id, id_owner, name, alias_name, subtitle, url_image, color, background_color, \
         password_hash, is_enabled, id_image) VALUES ((SELECT next FROM fresh_ids WHERE name = 'applications'), \
         ?1, ?2, ?3, ?4, ?5, COALESCE(?6, 'green'), COALESCE(?7, 'light'), ?8, COALESCE(?9, 1), ?10)",
        &[
            int(id_owner),
            text(f.name.unwrap_or_default()),
            opt_text(f.alias_name),
            opt_text(f.subtitle.flatten()),
            opt_text(f.url_image),
            opt_text(f.color.map(Color::as_str)),
            opt_text(f.background.map(Background::as_str)),
            opt_text(f.password.clone().flatten().as_deref()),
            opt_int(f.is_enabled.map(i64::from)),
            opt_int(f.id_image),
        ],
        "create application",
    )?;
    let owner = db::statement(
        db,
        "INSERT INTO application_users (id_application, id_user, chmod, is_enabled) \
         SELECT id, ?1, 5, 1 FROM applications WHERE id_owner = ?1 ORDER BY id DESC LIMIT 1 \
         RETURNING id_application AS id",
        &[int(id_owner)],
        "application owner",
    )?;
    let results = db.batch(vec![insert, owner]).await.context("create application")?;
    #[derive(Deserialize)]
    struct Created {
        id: Id,
    }
    let owner_row = results.get(1).ok_or_else(|| AppError::Internal {
        context: "create application",
        cause: "the batch gave no second result".into(),
    })?;
    let created: Vec<Created> = owner_row.results().context("create application")?;
    created
        .first()
        .map(|c| c.id)
        .ok_or_else(|| AppError::Internal { context: "create application", cause: "no row after insert".into() })
}

pub async fn update(db: &D1Database, id: Id, f: &Fields<'_>, now: i64) -> AppResult<()> {
    db::run(
        db,
        "UPDATE applications SET name = COALESCE(?2, name), alias_name = COALESCE(?3, alias_name), \
         subtitle = CASE WHEN ?11 = 1 THEN ?4 ELSE subtitle END, url_image = COALESCE(?5, url_image), \
         color = COALESCE(?6, color), background_color = COALESCE(?7, background_color), \
         password_hash = CASE WHEN ?8 = 1 THEN ?9 ELSE password_hash END, is_enabled = COALESCE(?10, is_enabled), \
         date_updated = ?12, id_image = CASE WHEN ?5 IS NULL THEN id_image ELSE ?13 END WHERE id = ?1",
        &[
            int(id),
            opt_text(f.name),
            opt_text(f.alias_name),
            opt_text(f.subtitle.flatten()),
            opt_text(f.url_image),
            opt_text(f.color.map(Color::as_str)),
            opt_text(f.background.map(Background::as_str)),
            int(i64::from(f.password.is_some())),
            opt_text(f.password.clone().flatten().as_deref()),
            opt_int(f.is_enabled.map(i64::from)),
            int(i64::from(f.subtitle.is_some())),
            int(now),
            opt_int(f.id_image),
        ],
        "update application",
    )
    .await?;
    Ok(())
}

/// Its plugins, access and share links go with it (foreign keys).
pub async fn delete(db: &D1Database, id: Id) -> AppResult<()> {
    db::run(db, "DELETE FROM applications WHERE id = ?1", &[int(id)], "delete application").await?;
    Ok(())
}
