//! The demo fixture: what the seed writes into local D1, and the same facts as
//! JSON for tools and checks (`cargo xtask demo --json`). Keys stay stable.

use serde_json::{json, Value};

/// Bumped whenever the seed changes shape.
pub const SEED_VERSION: u32 = 1;

pub fn fixture() -> Value {
    json!({
        "seed_version": SEED_VERSION,
        "base_url": "http://127.0.0.1:8787",
    })
}

/// Idempotent SQL: running it twice leaves the same rows.
pub fn seed_sql() -> String {
    format!(
        "INSERT INTO meta (key, value) VALUES ('seed_version', '{SEED_VERSION}')\n  \
         ON CONFLICT(key) DO UPDATE SET value = excluded.value;\n"
    )
}
