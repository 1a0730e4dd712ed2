//! Developer-only routes, compiled only with the `dev` cargo feature (`cargo
//! xtask dev|test|bench`): the deployable build has no such code, so these
//! paths are 404 there. Even locally a web page must not reach them: every
//! `/v1/dev/*` call needs the `X-Senzu-Dev: 1` header and POSTs a JSON body,
//! which a cross-origin page can only send after a CORS preflight — and these
//! routes answer no preflight (cors.rs).

use senzu_core::ErrorCode;
use worker::wasm_bindgen::JsValue;
use worker::{Env, Method, Request, Response};

use crate::error::{AppError, AppResult, Context};
use crate::http::json_response;

/// The header every `/v1/dev/*` call carries (a "non-simple" header: preflighted).
pub const HEADER: &str = "x-senzu-dev";

/// The dev route for this request, if it is one.
pub async fn route(req: &mut Request, env: &Env, segments: &[&str], method: &Method) -> Option<AppResult<Response>> {
    match (segments, method) {
        // A page for a human in a browser: read-only, no custom header possible.
        (["dev", "outbox"], Method::Get) => Some(outbox_page(env).await),
        (["v1", "dev", rest @ ..], _) => Some(api(req, env, rest, method).await),
        _ => None,
    }
}

async fn api(req: &mut Request, env: &Env, rest: &[&str], method: &Method) -> AppResult<Response> {
    if req.headers().get(HEADER).ok().flatten().as_deref() != Some("1") {
        return Err(AppError::api(ErrorCode::Forbidden, "dev routes need the header X-Senzu-Dev: 1"));
    }
    match (rest, method) {
        (["write"], Method::Post) => {
            json_body(req).await?;
            write(env).await
        }
        (["read"], Method::Get) => read(env).await,
        (["events"], Method::Get) => events(req, env).await,
        (["consumer-crash"], Method::Post) => arm_consumer_crash(req, env).await,
        (["consumer-crash"], Method::Get) => consumer_crash(env).await,
        (["sql"], Method::Post) => sql(req, env).await,
        (["outbox"], Method::Get) => outbox_json(env).await,
        _ => Err(AppError::not_found(format!("no dev route {method} /v1/dev/{}", rest.join("/")))),
    }
}

/// The body of a dev POST: JSON only (a form post is what a foreign page could send).
async fn json_body(req: &mut Request) -> AppResult<serde_json::Value> {
    let content_type = req.headers().get("content-type").ok().flatten().unwrap_or_default();
    if !content_type.starts_with("application/json") {
        return Err(AppError::api(
            ErrorCode::BadRequest,
            "dev routes take a JSON body (Content-Type: application/json)",
        ));
    }
    let bytes = req.bytes().await.map_err(|_| AppError::api(ErrorCode::BadRequest, "unreadable body"))?;
    serde_json::from_slice(&bytes)
        .map_err(|e| AppError::api(ErrorCode::BadRequest, format!("body is not valid JSON: {e}")))
}

/// `POST /v1/dev/sql` (`{"sql": "…"}`): runs statements inside the worker, for
/// tests that move time (expire a token, age a visit).
async fn sql(req: &mut Request, env: &Env) -> AppResult<Response> {
    let body = json_body(req).await?;
    let sql = body
        .get("sql")
        .and_then(serde_json::Value::as_str)
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| AppError::api(ErrorCode::MissingArgument, "missing argument: sql"))?;
    let db = crate::db::database(env)?;
    db.exec(sql).await.context("dev sql")?;
    Ok(json_response(&serde_json::json!({ "executed": true }), 200))
}

/// `POST /v1/dev/write`: exactly one D1 write, the baseline the tap path's
/// load numbers are compared with.
async fn write(env: &Env) -> AppResult<Response> {
    let db = env.d1("DB").context("binding DB")?;
    let now = worker::Date::now().as_millis().to_string();
    db.prepare("INSERT INTO meta (key, value) VALUES ('bench_write', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(&[JsValue::from_str(&now)])
        .context("bind bench write")?
        .run()
        .await
        .context("bench write")?;
    Ok(json_response(&serde_json::json!({ "written": true }), 200))
}

/// `GET /v1/dev/read`: exactly one D1 read, the baseline of a static scan.
async fn read(env: &Env) -> AppResult<Response> {
    let db = crate::db::database(env)?;
    let row: Option<MetaValue> =
        crate::db::first(&db, "SELECT value FROM meta WHERE key = 'bench_write'", &[], "bench read").await?;
    Ok(json_response(&serde_json::json!({ "read": row.map(|r| r.value) }), 200))
}

#[derive(serde::Deserialize)]
struct MetaValue {
    value: String,
}

#[derive(serde::Deserialize)]
struct KindCount {
    kind: String,
    n: i64,
}

/// `GET /v1/dev/events[?ip=…]`: insight events by kind, all of them or those of
/// one visitor address (as tests send it in `cf-connecting-ip`, hashed as the
/// play hashes it, today's or yesterday's salt): what the queue consumer wrote.
async fn events(req: &Request, env: &Env) -> AppResult<Response> {
    let db = crate::db::database(env)?;
    let rows: Vec<KindCount> = match crate::http::query_param(req, "ip") {
        None => {
            crate::db::all(&db, "SELECT kind, COUNT(*) AS n FROM play_events GROUP BY kind", &[], "dev events").await?
        }
        Some(ip) => {
            let master = crate::keys::master_key(env)?;
            let day = crate::db::now().div_euclid(86_400);
            let hashes = [master.ip_hash(day, &ip), master.ip_hash(day - 1, &ip)];
            crate::db::all(
                &db,
                "SELECT kind, COUNT(*) AS n FROM play_events WHERE ip_hash IN (?1, ?2) GROUP BY kind",
                &[crate::db::text(&hashes[0]), crate::db::text(&hashes[1])],
                "dev events of a visitor",
            )
            .await?
        }
    };
    let mut counts = serde_json::json!({ "scan": 0, "view": 0, "plugin": 0 });
    for row in rows {
        counts[row.kind] = row.n.into();
    }
    Ok(json_response(&counts, 200))
}

/// `POST /v1/dev/consumer-crash` (`{"ip": "…"}`): the next insight batch that
/// holds an event of this visitor address fails after its D1 batch and before
/// its ack, once, as a consumer that crashed there would (events/mod.rs).
async fn arm_consumer_crash(req: &mut Request, env: &Env) -> AppResult<Response> {
    let body = json_body(req).await?;
    let ip = body
        .get("ip")
        .and_then(serde_json::Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| AppError::api(ErrorCode::MissingArgument, "missing argument: ip"))?;
    let hash = crate::keys::master_key(env)?.ip_hash(crate::db::now().div_euclid(86_400), ip);
    let db = crate::db::database(env)?;
    crate::db::run(
        &db,
        "INSERT INTO meta (key, value) VALUES ('consumer_crash_once', ?1) \
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        &[crate::db::text(&hash)],
        "arm the consumer crash",
    )
    .await?;
    Ok(json_response(&serde_json::json!({ "armed": true }), 200))
}

/// `GET /v1/dev/consumer-crash`: whether a crash is armed, and how many happened.
async fn consumer_crash(env: &Env) -> AppResult<Response> {
    let db = crate::db::database(env)?;
    let value = |key: &'static str| {
        let db = &db;
        async move {
            crate::db::first::<MetaValue>(db, "SELECT value FROM meta WHERE key = ?1", &[crate::db::text(key)], key)
                .await
                .map(|row| row.map(|r| r.value))
        }
    };
    let armed = value("consumer_crash_once").await?.is_some();
    let crashes: i64 = value("consumer_crashes").await?.and_then(|v| v.parse().ok()).unwrap_or(0);
    Ok(json_response(&serde_json::json!({ "armed": armed, "crashes": crashes }), 200))
}

#[derive(serde::Deserialize, serde::Serialize)]
struct OutboxRow {
    id: i64,
    to_email: String,
    mail_type: String,
    subject: String,
    html: String,
    date_created: i64,
}

async fn outbox_rows(env: &Env) -> AppResult<Vec<OutboxRow>> {
    let db = crate::db::database(env)?;
    crate::db::all(
        &db,
        "SELECT id, to_email, mail_type, subject, html, date_created FROM outbox ORDER BY id DESC LIMIT 200",
        &[],
        "outbox",
    )
    .await
}

/// The `href`s of a mail, so the outbox can list each mail's links.
fn links(html: &str) -> Vec<String> {
    html.split("href=\"").skip(1).filter_map(|rest| rest.split('"').next()).map(|l| l.replace("&amp;", "&")).collect()
}

/// `GET /v1/dev/outbox`: the mails as JSON, each with its links (tests read this).
async fn outbox_json(env: &Env) -> AppResult<Response> {
    let rows = outbox_rows(env).await?;
    let items: Vec<serde_json::Value> = rows
        .into_iter()
        .map(|m| {
            serde_json::json!({ "id": m.id, "to": m.to_email, "mail_type": m.mail_type, "subject": m.subject,
                                "html": m.html, "links": links(&m.html), "date_created": m.date_created })
        })
        .collect();
    Ok(json_response(&serde_json::json!(items), 200))
}

/// `GET /dev/outbox`: the sent mails as a page, newest first, links clickable.
async fn outbox_page(env: &Env) -> AppResult<Response> {
    use senzu_core::page::escape_html;
    let rows = outbox_rows(env).await?;
    let mut body = String::from(
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">\
         <title>Outbox · Senzu dev</title><style>body{font:15px/1.5 system-ui,sans-serif;max-width:760px;margin:2rem auto;padding:0 1rem;color:#1d2330}\
         article{border:1px solid #dde2ea;border-radius:12px;padding:1rem 1.2rem;margin:1rem 0}h2{font-size:1rem;margin:0}\
         .meta{color:#5b6577;font-size:.85rem}a{color:#2456d6;word-break:break-all}pre{white-space:pre-wrap;background:#f5f7fa;padding:.6rem;border-radius:8px;font-size:.8rem}</style>\
         <h1>Outbox</h1><p class=\"meta\">Mails the local worker sent (development only).</p>",
    );
    if rows.is_empty() {
        body.push_str("<p>No mail yet.</p>");
    }
    for m in rows {
        body.push_str(&format!(
            "<article><h2>{}</h2><p class=\"meta\">to {} · {} · #{}</p><ul>",
            escape_html(&m.subject),
            escape_html(&m.to_email),
            escape_html(&m.mail_type),
            m.id
        ));
        for link in links(&m.html) {
            let l = escape_html(&link);
            body.push_str(&format!("<li><a href=\"{l}\">{l}</a></li>"));
        }
        body.push_str(&format!("</ul><pre>{}</pre></article>", escape_html(&m.html)));
    }
    Ok(crate::http::html_response(body, 200, "default-src 'none'; style-src 'unsafe-inline'"))
}
