//! Developer-only routes, answered only when `SENZU_DEV=1` (set in .dev.vars,
//! never in production): 404 otherwise, as if they did not exist.

use worker::wasm_bindgen::JsValue;
use worker::{Env, Response};

use crate::error::{AppResult, Context};
use crate::http::json_response;

pub fn enabled(env: &Env) -> bool {
    env.var("SENZU_DEV").map(|v| v.to_string() == "1").unwrap_or(false)
}

/// `POST /v1/dev/sql` (`sql`): runs statements inside the worker, for tests
/// that move time (expire a token, age a visit). Development only.
pub async fn sql(req: &mut worker::Request, env: &Env) -> AppResult<Response> {
    let args = crate::http::body_args(req).await?;
    let sql = args.get("sql").map(String::as_str).unwrap_or_default();
    let db = crate::db::database(env)?;
    db.exec(sql).await.context("dev sql")?;
    Ok(json_response(&serde_json::json!({ "executed": true }), 200))
}

/// `POST /v1/dev/write`: exactly one D1 write, the baseline the tap path's
/// load numbers are compared with.
pub async fn write(env: &Env) -> AppResult<Response> {
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
pub async fn outbox_json(env: &Env) -> AppResult<Response> {
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
pub async fn outbox_page(env: &Env) -> AppResult<Response> {
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
