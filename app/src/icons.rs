//! The app's own icons. Plugin tiles' come from core (`senzu_core::icons`,
//! the ones `GET /v1/icons` serves).

pub const LOCK: &str = "M12 2a5 5 0 0 1 5 5v3h1a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1V11a1 1 0 0 1 1-1h1V7a5 5 0 0 1 5-5zm0 2a3 3 0 0 0-3 3v3h6V7a3 3 0 0 0-3-3z";
