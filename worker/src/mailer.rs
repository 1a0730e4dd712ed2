//! Procedure mails: rendered (the app's template or the default), queued in
//! the outbox in the same batch as the procedure, and handed to the transport
//! after the response when one is configured (`MAIL_TRANSPORT_URL`, with the
//! `MAIL_TRANSPORT_TOKEN` secret). Without a transport they stay in the
//! outbox, which `/dev/outbox` shows locally.

use std::collections::BTreeMap;

use senzu_core::mail::{self, MailType};
use senzu_core::plugins::Lang;
use worker::{D1Database, D1PreparedStatement, Env};

use crate::db::{self, int, opt_int, text};
use crate::error::{AppResult, Context};

#[derive(serde::Deserialize)]
struct Template {
    code: String,
}

/// The outbox insert for one mail, to run in the caller's batch.
pub async fn compose(
    db: &D1Database,
    id_app: Option<i64>,
    mail_type: MailType,
    lang: Lang,
    to: &str,
    data: &BTreeMap<&str, String>,
) -> AppResult<D1PreparedStatement> {
    let lang_code = if lang == Lang::Fr { "fr" } else { "en" };
    let custom: Option<Template> = db::first(
        db,
        "SELECT code FROM mail_templates WHERE id_api_app = ?1 AND mail_type = ?2 AND is_enabled = 1 \
         AND (lang = ?3 OR lang IS NULL) ORDER BY lang IS NULL LIMIT 1",
        &[opt_int(id_app), text(mail_type.as_str()), text(lang_code)],
        "mail template",
    )
    .await?;
    let rendered = match custom.as_ref().map(|t| mail::render(mail_type, lang, Some(&t.code), data)) {
        Some(Ok(m)) => m,
        // A template that stopped rendering (it was checked when saved) must not block the mail.
        _ => mail::render(mail_type, lang, None, data).context("default mail template")?,
    };
    db::statement(
        db,
        "INSERT INTO outbox (to_email, mail_type, subject, html) VALUES (?1, ?2, ?3, ?4)",
        &[text(to), text(mail_type.as_str()), text(&rendered.subject), text(&rendered.html)],
        "queue mail",
    )
}

#[derive(serde::Deserialize)]
struct Pending {
    id: i64,
    to_email: String,
    subject: String,
    html: String,
}

/// Delivery after the response: the request never waits for the mail relay.
pub fn deliver_later(env: &Env, ctx: &worker::Context) {
    let env = env.clone();
    ctx.wait_until(async move {
        if let Err(e) = deliver(&env).await {
            e.log("mail delivery");
        }
    });
}

/// Sends what waits in the outbox, if a transport is configured. Runs after the response.
pub async fn deliver(env: &Env) -> AppResult<()> {
    let Ok(url) = env.var("MAIL_TRANSPORT_URL").map(|v| v.to_string()) else { return Ok(()) };
    if url.is_empty() {
        return Ok(());
    }
    let token = env.secret("MAIL_TRANSPORT_TOKEN").map(|s| s.to_string()).unwrap_or_default();
    let db = db::database(env)?;
    let pending: Vec<Pending> = db::all(
        &db,
        "SELECT id, to_email, subject, html FROM outbox WHERE date_sent IS NULL ORDER BY id LIMIT 20",
        &[],
        "pending mail",
    )
    .await?;
    for mail in pending {
        let body = serde_json::json!({ "to": mail.to_email, "subject": mail.subject, "html": mail.html });
        let headers = worker::Headers::new();
        let _ = headers.set("content-type", "application/json");
        let _ = headers.set("authorization", &format!("Bearer {token}"));
        let mut init = worker::RequestInit::new();
        init.with_method(worker::Method::Post).with_headers(headers).with_body(Some(body.to_string().into()));
        let request = worker::Request::new_with_init(&url, &init).context("mail request")?;
        let sent = worker::Fetch::Request(request).send().await.is_ok_and(|r| (200..300).contains(&r.status_code()));
        if sent {
            db::run(&db, "UPDATE outbox SET date_sent = unixepoch() WHERE id = ?1", &[int(mail.id)], "mark sent")
                .await?;
        } else {
            worker::console_warn!("mail transport refused outbox mail {}", mail.id);
        }
    }
    Ok(())
}
