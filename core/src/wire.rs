//! Wire types shared by the worker (which sends them) and the app (which reads them).

use serde::{Deserialize, Serialize};

/// `GET /v1/health`: the worker is up and answered a real database query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    pub db: bool,
    pub version: String,
}
