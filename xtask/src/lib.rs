//! The parts of xtask other crates' tests use: the demo fixture (records, keys)
//! and the workspace paths. The commands themselves live in main.rs.

pub mod admin;
pub mod demo;
pub mod paths;
pub mod program;
pub mod stripe_standin;
