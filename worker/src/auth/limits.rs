//! Sign-in attempt limits, per account and per IP (hashed, rotating daily).
//! An attempt is reserved atomically *before* the password is checked (a
//! conditional upsert), so parallel guesses cannot slip past the limit; a
//! successful sign-in gives its attempts back.

use worker::D1Database;

use crate::db::{self, int, text};
use crate::error::{AppError, AppResult, Context};

pub const WINDOW: i64 = 15 * 60;
pub const PER_ACCOUNT: i64 = 5;
pub const PER_IP: i64 = 50;

pub struct Keys {
    account: String,
    ip: String,
}

impl Keys {
    pub fn new(email: &str, ip_hash: &str) -> Self {
        Self { account: format!("account:{email}"), ip: format!("ip:{ip_hash}") }
    }
}

const RESERVE: &str = "INSERT INTO login_failures (key, failures, window_start) VALUES (?1, 1, ?2) \
    ON CONFLICT (key) DO UPDATE SET \
      failures = CASE WHEN window_start <= ?2 - ?4 THEN 1 ELSE failures + 1 END, \
      window_start = CASE WHEN window_start <= ?2 - ?4 THEN ?2 ELSE window_start END \
    WHERE failures < ?3 OR window_start <= ?2 - ?4";

#[derive(serde::Deserialize)]
struct Window {
    window_start: i64,
}

/// Takes one attempt for the account and one for the IP, or answers 429 with Retry-After.
pub async fn reserve(db: &D1Database, keys: &Keys, now: i64) -> AppResult<()> {
    let mut statements = Vec::new();
    for (key, limit) in [(&keys.account, PER_ACCOUNT), (&keys.ip, PER_IP)] {
        statements.push(db::statement(
            db,
            RESERVE,
            &[text(key), int(now), int(limit), int(WINDOW)],
            "reserve attempt",
        )?);
    }
    statements.push(db::statement(
        db,
        "SELECT MAX(window_start) AS window_start FROM login_failures WHERE key IN (?1, ?2)",
        &[text(&keys.account), text(&keys.ip)],
        "attempt window",
    )?);
    let results = db.batch(statements).await.context("reserve attempts")?;
    let refused = results.iter().take(2).any(|r| db::changes(r) == 0);
    if !refused {
        return Ok(());
    }
    let start = results
        .get(2)
        .and_then(|r| r.results::<Window>().ok())
        .and_then(|rows| rows.into_iter().next())
        .map_or(now, |w| w.window_start);
    Err(AppError::too_many("too many sign-in attempts: wait before trying again", start + WINDOW - now))
}

/// After a successful sign-in: the account starts afresh, the IP gets its attempt back.
pub async fn succeeded(db: &D1Database, keys: &Keys) -> AppResult<()> {
    let statements = vec![
        db::statement(db, "DELETE FROM login_failures WHERE key = ?1", &[text(&keys.account)], "clear attempts")?,
        db::statement(
            db,
            "UPDATE login_failures SET failures = MAX(failures - 1, 0) WHERE key = ?1",
            &[text(&keys.ip)],
            "refund attempt",
        )?,
    ];
    db.batch(statements).await.context("clear attempts")?;
    Ok(())
}
