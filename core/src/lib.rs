//! Senzu domain crate: wire types, rules and the NTAG 424 SUN engine.
//!
//! Pure Rust with no I/O, so it compiles natively (unit tests, benches, fuzzing)
//! and to wasm32 for both the worker and the app.

pub mod api;
pub mod auth;
pub mod charts;
pub mod chmod;
pub mod contacts;
pub mod custom_plugin;
pub mod daylight;
pub mod entry;
pub mod error;
pub mod i18n;
pub mod icons;
pub mod image;
pub mod insight_event;
pub mod mail;
pub mod money;
pub mod order;
pub mod page;
pub mod partners;
pub mod password;
pub mod plan;
pub mod play;
pub mod plugin_form;
pub mod plugins;
pub mod qr;
pub mod rate;
pub mod schedule;
pub mod secrets;
pub mod stripe;
pub mod sun;
pub mod useragent;
pub mod vcard;
pub mod visit;
pub mod wire;

pub use error::{ApiError, ErrorCode};
