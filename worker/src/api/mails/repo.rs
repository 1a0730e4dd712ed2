//! The queries of mails between users. Every function is one statement.

use senzu_core::api::mails::{MailUser, ReceivedMail, SentMail};
use senzu_core::api::{ApiDate, Id};
use serde::Deserialize;
use worker::{D1Database, D1PreparedStatement};

use crate::db::{self, int, opt_text};
use crate::error::{AppResult, Context};

/// The people `?1` may write to: whoever shares a product, an application or
/// a group with them (both sides accepted), and whoever wrote to them. (D1
/// allows five terms in a compound SELECT: memberships first, then people.)
const PEERS: &str = "WITH mine(kind, obj) AS ( \
    SELECT 'p', id_product FROM product_users WHERE id_user = ?1 AND is_enabled = 1 \
    UNION ALL SELECT 'a', id_application FROM application_users WHERE id_user = ?1 AND is_enabled = 1 \
    UNION ALL SELECT 'g', id_group FROM group_users WHERE id_user = ?1 AND is_enabled = 1 \
    UNION ALL SELECT 'g', id FROM product_groups WHERE id_owner = ?1), \
  peers(id) AS ( \
    SELECT b.id_user FROM mine JOIN product_users b ON mine.kind = 'p' AND b.id_product = mine.obj AND b.is_enabled = 1 \
    UNION SELECT b.id_user FROM mine JOIN application_users b \
      ON mine.kind = 'a' AND b.id_application = mine.obj AND b.is_enabled = 1 \
    UNION SELECT b.id_user FROM mine JOIN group_users b ON mine.kind = 'g' AND b.id_group = mine.obj AND b.is_enabled = 1 \
    UNION SELECT g.id_owner FROM mine JOIN product_groups g ON mine.kind = 'g' AND g.id = mine.obj) ";

/// A user `?1` may write to (`u` is the `users` row).
const MAY_WRITE_TO: &str = "u.id <> ?1 AND u.id IN (SELECT id FROM peers \
    UNION SELECT id_user_sender FROM user_mails WHERE id_user_recipient = ?1)";

#[derive(Deserialize)]
pub struct Person {
    pub id: i64,
    pub username: Option<String>,
    pub firstname: Option<String>,
    pub lastname: Option<String>,
    pub email: String,
    pub language: String,
}

impl Person {
    pub fn as_mail_user(&self) -> MailUser {
        MailUser {
            id: Some(self.id),
            username: self.username.clone(),
            firstname: self.firstname.clone(),
            lastname: self.lastname.clone(),
        }
    }
}

/// Who `id_user` may write to, by name (never their address).
pub async fn contacts(db: &D1Database, id_user: Id) -> AppResult<Vec<MailUser>> {
    let sql = format!(
        "{PEERS}SELECT u.id, u.username, u.firstname, u.lastname FROM users u WHERE {MAY_WRITE_TO} \
         ORDER BY u.firstname COLLATE NOCASE, u.lastname COLLATE NOCASE, u.id"
    );
    db::all(db, &sql, &[int(id_user)], "mail contacts").await
}

/// Of `ids`, the people `id_user` may write to, with what their mail needs.
pub async fn recipients(db: &D1Database, id_user: Id, ids: &[Id]) -> AppResult<Vec<Person>> {
    let list = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
    let sql = format!(
        "{PEERS}SELECT u.id, u.username, u.firstname, u.lastname, u.email, u.language FROM users u \
         WHERE u.id IN (SELECT value FROM json_each(?2)) AND {MAY_WRITE_TO}"
    );
    db::all(db, &sql, &[int(id_user), crate::db::text(&list)], "mail recipients").await
}

/// The sender as their mails name them.
pub async fn person(db: &D1Database, id_user: Id) -> AppResult<Option<Person>> {
    db::first(
        db,
        "SELECT id, username, firstname, lastname, email, language FROM users WHERE id = ?1",
        &[int(id_user)],
        "mail sender",
    )
    .await
}

/// The statement that keeps one mail (its id comes back).
pub fn insert(
    db: &D1Database,
    from: Id,
    to: Id,
    subject: Option<&str>,
    content: Option<&str>,
    now: i64,
) -> AppResult<D1PreparedStatement> {
    db::statement(
        db,
        "INSERT INTO user_mails (id_user_sender, id_user_recipient, subject, content, date_created) \
         VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
        &[int(from), int(to), opt_text(subject), opt_text(content), int(now)],
        "insert mail",
    )
}

#[derive(Deserialize)]
pub struct MailRow {
    pub id: i64,
    pub id_user_sender: Option<i64>,
    pub id_user_recipient: Option<i64>,
    pub subject: Option<String>,
    pub content: Option<String>,
    pub date_created: i64,
    pub date_read: Option<i64>,
    pub other_id: Option<i64>,
    pub other_username: Option<String>,
    pub other_firstname: Option<String>,
    pub other_lastname: Option<String>,
}

impl MailRow {
    fn other(&self) -> MailUser {
        MailUser {
            id: self.other_id,
            username: self.other_username.clone(),
            firstname: self.other_firstname.clone(),
            lastname: self.other_lastname.clone(),
        }
    }

    pub fn into_sent(self, me: Id, whole: bool) -> SentMail {
        SentMail {
            id: self.id,
            id_user_sender: me,
            id_user_recipient: self.id_user_recipient,
            user_recipient: self.other(),
            subject: self.subject,
            content: if whole { Some(self.content.unwrap_or_default()) } else { None },
            is_read: self.date_read.is_some(),
            date_created: ApiDate::from_unix(self.date_created),
        }
    }

    pub fn into_received(self, me: Id, whole: bool) -> ReceivedMail {
        ReceivedMail {
            id: self.id,
            id_user_recipient: me,
            id_user_sender: self.id_user_sender,
            user_sender: self.other(),
            subject: self.subject,
            content: if whole { Some(self.content.unwrap_or_default()) } else { None },
            is_read: self.date_read.is_some(),
            date_created: ApiDate::from_unix(self.date_created),
        }
    }
}

const MAIL_COLUMNS: &str = "m.id, m.id_user_sender, m.id_user_recipient, m.subject, m.content, m.date_created, \
    m.date_read, u.id AS other_id, u.username AS other_username, u.firstname AS other_firstname, \
    u.lastname AS other_lastname";

/// The mails `id_user` sent, newest first.
pub async fn sent(db: &D1Database, id_user: Id) -> AppResult<Vec<MailRow>> {
    let sql = format!(
        "SELECT {MAIL_COLUMNS} FROM user_mails m LEFT JOIN users u ON u.id = m.id_user_recipient \
         WHERE m.id_user_sender = ?1 ORDER BY m.id DESC"
    );
    db::all(db, &sql, &[int(id_user)], "sent mails").await
}

/// The mails `id_user` received, newest first.
pub async fn received(db: &D1Database, id_user: Id) -> AppResult<Vec<MailRow>> {
    let sql = format!(
        "SELECT {MAIL_COLUMNS} FROM user_mails m LEFT JOIN users u ON u.id = m.id_user_sender \
         WHERE m.id_user_recipient = ?1 ORDER BY m.id DESC"
    );
    db::all(db, &sql, &[int(id_user)], "received mails").await
}

/// One mail `id_user` sent; `None` for any other.
pub async fn one_sent(db: &D1Database, id_user: Id, id: Id) -> AppResult<Option<MailRow>> {
    let sql = format!(
        "SELECT {MAIL_COLUMNS} FROM user_mails m LEFT JOIN users u ON u.id = m.id_user_recipient \
         WHERE m.id = ?1 AND m.id_user_sender = ?2"
    );
    db::first(db, &sql, &[int(id), int(id_user)], "sent mail").await
}

/// One mail `id_user` received, marked read by this reading (one batch);
/// `None` for any other.
pub async fn read_received(db: &D1Database, id_user: Id, id: Id, now: i64) -> AppResult<Option<MailRow>> {
    let mark = db::statement(
        db,
        "UPDATE user_mails SET date_read = COALESCE(date_read, ?3) WHERE id = ?1 AND id_user_recipient = ?2",
        &[int(id), int(id_user), int(now)],
        "read mail",
    )?;
    let sql = format!(
        "SELECT {MAIL_COLUMNS} FROM user_mails m LEFT JOIN users u ON u.id = m.id_user_sender \
         WHERE m.id = ?1 AND m.id_user_recipient = ?2"
    );
    let read = db::statement(db, &sql, &[int(id), int(id_user)], "received mail")?;
    let results = db.batch(vec![mark, read]).await.context("read mail")?;
    let rows: Vec<MailRow> = match results.get(1) {
        Some(r) => r.results().context("received mail")?,
        None => Vec::new(),
    };
    Ok(rows.into_iter().next())
}
