//! Icons: the plugin kinds' SVG paths come from core (the plugstore API serves
//! the same ones); the lock is the app's own.

use senzu_core::plugins::Kind;

pub fn path(kind: Kind) -> &'static str {
    kind.icon_path()
}

pub const LOCK: &str = "M12 2a5 5 0 0 1 5 5v3h1a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1V11a1 1 0 0 1 1-1h1V7a5 5 0 0 1 5-5zm0 2a3 3 0 0 0-3 3v3h6V7a3 3 0 0 0-3-3z";
