//! Builds the two wasm artefacts exactly as production does: the SPA with Trunk
//! into dist/, the worker with worker-build into worker/build/.

use std::process::Command;

use anyhow::Result;

use crate::tools::{run, step, Tools};
use senzu_xtask::paths;

pub fn all(tools: &Tools) -> Result<()> {
    app(tools)?;
    worker(tools)
}

/// PATH with the pinned wasm-bindgen and wasm-opt first, so Trunk finds them.
fn tool_path(tools: &Tools) -> String {
    let mut dirs = vec![paths::root().join("node_modules/.bin")];
    if let Some(dir) = tools.wasm_bindgen.parent() {
        dirs.push(dir.to_path_buf());
    }
    let existing = std::env::var("PATH").unwrap_or_default();
    let mut path: Vec<String> = dirs.iter().map(|d| d.to_string_lossy().into_owned()).collect();
    path.push(existing);
    path.join(":")
}

pub fn app(tools: &Tools) -> Result<()> {
    step("building the app (trunk build --release --offline)");
    run(Command::new(&tools.trunk)
        .args(["build", "--release", "--offline"])
        .current_dir(paths::root())
        .env("PATH", tool_path(tools))
        .env("NO_COLOR", "true"))
}

pub fn worker(tools: &Tools) -> Result<()> {
    step("building the worker (worker-build --release)");
    run(Command::new(&tools.worker_build)
        .arg("--release")
        .current_dir(paths::root().join("worker"))
        .env("PATH", tool_path(tools))
        .env("WASM_BINDGEN_BIN", &tools.wasm_bindgen)
        .env("ESBUILD_BIN", paths::node_bin("esbuild"))
        .env("WASM_OPT_BIN", paths::node_bin("wasm-opt")))
}
