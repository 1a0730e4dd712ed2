//! Counting a limited action (core::rate has the limits and why): one
//! conditional upsert per check, over `rate_limits` (migration 0015). The
//! window restarts at the first hit after it ended; a hit over the limit is
//! refused with 429 and Retry-After, and does nothing else.

use senzu_core::rate::{Limit, Who};
use worker::D1Database;

use crate::db::{self, int, text};
use crate::error::{AppError, AppResult};

const HIT: &str = "INSERT INTO rate_limits (key, hits, window_start) VALUES (?1, ?4, ?2) \
    ON CONFLICT (key) DO UPDATE SET \
      hits = CASE WHEN window_start <= ?2 - ?3 THEN ?4 ELSE hits + ?4 END, \
      window_start = CASE WHEN window_start <= ?2 - ?3 THEN ?2 ELSE window_start END \
    RETURNING hits, window_start";

#[derive(serde::Deserialize)]
struct Count {
    hits: i64,
    window_start: i64,
}

/// Counts one `limit` hit on `object` by `who`, or refuses it (429, Retry-After).
pub async fn hit(db: &D1Database, limit: Limit, object: i64, who: Who<'_>, now: i64) -> AppResult<()> {
    hits(db, limit, object, who, 1, now).await
}

/// Counts `n` hits at once (one mail to each of `n` people) in the one upsert,
/// or refuses them all when they would pass the limit.
pub async fn hits(db: &D1Database, limit: Limit, object: i64, who: Who<'_>, n: i64, now: i64) -> AppResult<()> {
    let key = limit.key(object, who);
    let args = [text(&key), int(now), int(limit.window_seconds()), int(n)];
    let count: Count = db::first(db, HIT, &args, "rate limit")
        .await?
        .ok_or_else(|| AppError::Internal { context: "rate limit", cause: "the upsert returned no row".into() })?;
    limit.verdict(count.hits, count.window_start, now).map_err(|r| AppError::too_many(r.to_string(), r.retry_after))
}
