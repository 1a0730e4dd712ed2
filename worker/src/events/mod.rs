//! Insight events through Cloudflare Queues. The play sends its event to the
//! `EVENTS` queue after answering (no D1 write for it on the request path); the
//! queue consumer, in this same worker, writes each message batch's rows in one
//! D1 batch and acknowledges it only once that batch is written. A batch that
//! fails is retried whole: event ids make a second delivery write nothing twice.

mod repo;

use senzu_core::insight_event::InsightEvent;
use worker::{Context as WorkerContext, Env, Message, MessageBatch};

use crate::error::AppError;

/// The producer binding (wrangler.toml `[[queues.producers]]`).
const BINDING: &str = "EVENTS";

/// Sends `event` to the queue once the response has gone. If the queue refuses
/// it, the event is written to D1 directly instead, so that none is lost.
pub fn send_later(ctx: &WorkerContext, env: &Env, event: InsightEvent) {
    let queue = env.queue(BINDING);
    let db = crate::db::database(env);
    ctx.wait_until(async move {
        let sent = match queue {
            Ok(queue) => queue.send(&event).await,
            Err(e) => Err(e),
        };
        let Err(why) = sent else { return };
        // The runtime's reason only: the event itself (hashes, place) stays out of the log.
        worker::console_error!("insight event not queued, writing it directly: {why}");
        let written = match db {
            Ok(db) => repo::write(&db, std::slice::from_ref(&event)).await,
            Err(e) => Err(e),
        };
        if let Err(AppError::Internal { context, cause }) = written {
            worker::console_error!("insight write failed: {context}: {cause}");
        }
    });
}

/// The queue consumer: every well-formed message of the batch, in delivery
/// order, in one D1 batch; ack on success, retry the whole batch on failure.
pub async fn consume(batch: MessageBatch<InsightEvent>, env: &Env) {
    let mut events = Vec::new();
    for raw in batch.raw_iter() {
        match Message::<InsightEvent>::try_from(raw) {
            Ok(message) if message.body().is_well_formed() => events.push(message.into_body()),
            // Redelivering it would not make it readable: dropped (and said so).
            _ => worker::console_error!("insight queue: dropped a message that is not an insight event"),
        }
    }
    let written = match crate::db::database(env) {
        Ok(db) => match repo::write(&db, &events).await {
            Ok(()) => crashed_after_write(&db, &events).await,
            Err(e) => Err(e),
        },
        Err(e) => Err(e),
    };
    match written {
        Ok(false) => batch.ack_all(),
        Ok(true) => batch.retry_all(),
        Err(e) => {
            if let AppError::Internal { context, cause } = &e {
                worker::console_error!(
                    "insight batch of {} events not written, retried: {context}: {cause}",
                    events.len()
                );
            }
            batch.retry_all();
        }
    }
}

/// Dev builds: a test may make one batch fail after its write and before its
/// ack, as a consumer that crashed there would (`POST /v1/dev/consumer-crash`).
#[cfg(feature = "dev")]
async fn crashed_after_write(db: &worker::D1Database, events: &[InsightEvent]) -> crate::error::AppResult<bool> {
    let crashed = repo::take_crash_switch(db, events).await?;
    if crashed {
        worker::console_warn!("insight batch of {} events: simulated crash after the write", events.len());
    }
    Ok(crashed)
}

/// The deployable build never crashes on purpose.
#[cfg(not(feature = "dev"))]
async fn crashed_after_write(_db: &worker::D1Database, _events: &[InsightEvent]) -> crate::error::AppResult<bool> {
    Ok(false)
}
