//! Attempt limits for anything that costs a password hash or sends a mail:
//! sign-in, lock passwords on plays, password-reset mails. Each limit is a
//! counter per key in a window; an attempt is reserved atomically *before* the
//! work is done (a conditional upsert), so parallel guesses cannot slip past.
//! Every time a key ends a window at its limit, its next window is twice as
//! long (up to a cap per kind): guessing slows down exponentially (OWASP
//! Authentication Cheat Sheet, "account lockout" with backoff). A quiet day or
//! a success starts afresh. IPs are only ever keys as salted daily hashes.
//!
//! Sign-in counts per (account, IP) pair and per IP, never per account alone,
//! so an attacker elsewhere cannot lock the owner out of their own account.

use senzu_core::secrets::sha256_hex;
use worker::D1Database;

use crate::db::{self, int, text};
use crate::error::{AppError, AppResult, Context};

const MINUTES_15: i64 = 15 * 60;
const HOUR: i64 = 3_600;

/// One counter: `max` attempts per window of `window << strikes` seconds,
/// strikes capped at `backoff`.
pub struct Limit {
    key: String,
    max: i64,
    window: i64,
    backoff: i64,
}

/// A short, stable stand-in for an e-mail address in a key (no address at rest here).
fn address_key(email: &str) -> String {
    sha256_hex(&[b"senzu/limits/address", email.as_bytes()])[..32].to_string()
}

/// Sign-in: 5 wrong passwords per account from one IP (then 15 min, 30, 60 … up
/// to 8 h), and 50 per IP on any accounts (then 15 min … up to 1 h).
pub struct SignIn {
    pub pair: Limit,
    pub ip: Limit,
}

impl SignIn {
    pub fn new(email: &str, ip_hash: &str) -> Self {
        Self {
            pair: Limit {
                key: format!("pair:{}:{ip_hash}", address_key(email)),
                max: 5,
                window: MINUTES_15,
                backoff: 5,
            },
            ip: Limit { key: format!("ip:{ip_hash}"), max: 50, window: MINUTES_15, backoff: 2 },
        }
    }
}

/// A lock password (application or plugin): 10 guesses per lock from anywhere
/// and 30 per IP on any locks, per 15 minutes, each backing off up to 8 h.
pub fn lock(object: &str, id: i64, ip_hash: &str) -> [Limit; 2] {
    [
        Limit { key: format!("lock:{object}:{id}"), max: 10, window: MINUTES_15, backoff: 5 },
        Limit { key: format!("lock-ip:{ip_hash}"), max: 30, window: MINUTES_15, backoff: 5 },
    ]
}

/// Activation mails asked again: 3 per address and 10 per IP per hour (the
/// same whether or not the address has an account waiting).
pub fn activation_mail(email: &str, ip_hash: &str) -> [Limit; 2] {
    [
        Limit { key: format!("activation:{}", address_key(email)), max: 3, window: HOUR, backoff: 3 },
        Limit { key: format!("activation-ip:{ip_hash}"), max: 10, window: HOUR, backoff: 3 },
    ]
}

/// Password-reset mails: 3 per address and 10 per IP per hour (whether or not
/// the address has an account, so the limit reveals nothing either).
pub fn reset_mail(email: &str, ip_hash: &str) -> [Limit; 2] {
    [
        Limit { key: format!("reset:{}", address_key(email)), max: 3, window: HOUR, backoff: 3 },
        Limit { key: format!("reset-ip:{ip_hash}"), max: 10, window: HOUR, backoff: 3 },
    ]
}

/// The current window's length for a row's `strikes`.
const LENGTH: &str = "(?4 << MIN(strikes, ?5))";

fn reserve_sql() -> String {
    let expired = format!("window_start + {LENGTH} <= ?2");
    format!(
        "INSERT INTO login_failures (key, failures, window_start, strikes) VALUES (?1, 1, ?2, 0) \
         ON CONFLICT (key) DO UPDATE SET \
           strikes = CASE WHEN NOT ({expired}) THEN strikes \
             WHEN window_start + {LENGTH} <= ?2 - 86400 THEN 0 \
             WHEN failures >= ?3 THEN strikes + 1 ELSE strikes END, \
           failures = CASE WHEN {expired} THEN 1 ELSE failures + 1 END, \
           window_start = CASE WHEN {expired} THEN ?2 ELSE window_start END \
         WHERE failures < ?3 OR {expired}"
    )
}

#[derive(serde::Deserialize)]
struct Until {
    until: i64,
}

/// Takes one attempt on every limit, or answers 429 with Retry-After (and
/// gives back the attempts it took on the others: a refused try costs nothing).
pub async fn reserve(db: &D1Database, limits: &[&Limit], now: i64, refused_message: &str) -> AppResult<()> {
    let sql = reserve_sql();
    let mut statements = Vec::new();
    for l in limits {
        statements.push(db::statement(
            db,
            &sql,
            &[text(&l.key), int(now), int(l.max), int(l.window), int(l.backoff)],
            "reserve attempt",
        )?);
    }
    for l in limits {
        statements.push(db::statement(
            db,
            "SELECT window_start + (?2 << MIN(strikes, ?3)) AS until FROM login_failures WHERE key = ?1",
            &[text(&l.key), int(l.window), int(l.backoff)],
            "attempt window",
        )?);
    }
    let results = db.batch(statements).await.context("reserve attempts")?;
    let taken: Vec<bool> = results.iter().take(limits.len()).map(|r| db::changes(r) > 0).collect();
    if taken.iter().all(|t| *t) {
        return Ok(());
    }
    let until = results
        .iter()
        .skip(limits.len())
        .zip(&taken)
        .filter(|(_, taken)| !**taken)
        .filter_map(|(r, _)| r.results::<Until>().ok()?.into_iter().next())
        .map(|u| u.until)
        .max()
        .unwrap_or(now + MINUTES_15);
    let given_back: Vec<&Limit> = limits.iter().zip(&taken).filter(|(_, t)| **t).map(|(l, _)| *l).collect();
    forget(db, &[], &given_back).await?;
    Err(AppError::too_many(refused_message.to_string(), until - now))
}

/// After a success: `clear` start afresh, `refund` get their attempt back.
pub async fn forget(db: &D1Database, clear: &[&Limit], refund: &[&Limit]) -> AppResult<()> {
    let mut statements = Vec::new();
    for l in clear {
        statements.push(db::statement(
            db,
            "DELETE FROM login_failures WHERE key = ?1",
            &[text(&l.key)],
            "clear attempts",
        )?);
    }
    for l in refund {
        statements.push(db::statement(
            db,
            "UPDATE login_failures SET failures = MAX(failures - 1, 0) WHERE key = ?1",
            &[text(&l.key)],
            "refund attempt",
        )?);
    }
    if !statements.is_empty() {
        db.batch(statements).await.context("forget attempts")?;
    }
    Ok(())
}
