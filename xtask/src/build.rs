//! Builds the two wasm artefacts exactly as production does: the SPA with Trunk
//! into dist/, the worker with worker-build into worker/build/. The worker
//! comes in two flavours that differ only by the `dev` cargo feature.

use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::tools::{run, step, Tools};
use senzu_xtask::paths;

/// Which worker: the deployable one, or the one with the dev-only routes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Flavor {
    /// `cargo xtask build` (what the README deploys): no `dev` feature.
    Deploy,
    /// `cargo xtask dev|test|bench`: `--features dev` (/v1/dev/*, loopback partner stubs).
    Dev,
}

pub fn all(tools: &Tools, flavor: Flavor) -> Result<()> {
    app(tools)?;
    worker(tools, flavor, "build")
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
        .env("NO_COLOR", "true"))?;
    // Trunk empties dist/: the document goes in after it.
    openapi()
}

/// The OpenAPI document into the app's assets (dist/openapi.json), where the
/// worker answers `GET /v1/openapi.json` from: generated natively by core's
/// `openapi` binary, so the worker bundle (core without the feature) never carries it.
pub fn openapi() -> Result<()> {
    step("writing dist/openapi.json (cargo run -p senzu-core --features openapi --bin openapi)");
    let out = Command::new("cargo")
        .args(["run", "--quiet", "-p", "senzu-core", "--features", "openapi", "--bin", "openapi"])
        .current_dir(paths::root())
        .stderr(std::process::Stdio::inherit())
        .output()
        .context("starting cargo run --bin openapi")?;
    if !out.status.success() {
        bail!("the openapi binary failed with {}", out.status);
    }
    serde_json::from_slice::<serde_json::Value>(&out.stdout).context("the OpenAPI document is not JSON")?;
    let dist = paths::root().join("dist");
    std::fs::create_dir_all(&dist)?;
    std::fs::write(dist.join("openapi.json"), &out.stdout).context("writing dist/openapi.json")?;
    Ok(())
}

/// The worker into `out_dir` (relative to worker/; wrangler.toml serves `build`).
pub fn worker(tools: &Tools, flavor: Flavor, out_dir: &str) -> Result<()> {
    // worker-build hands trailing options to `cargo build`.
    let features: &[&str] = match flavor {
        Flavor::Deploy => &[],
        Flavor::Dev => &["--features", "dev"],
    };
    step(&format!("building the worker (worker-build --release --out-dir {out_dir} {})", features.join(" ")));
    run(Command::new(&tools.worker_build)
        .args(["--release", "--out-dir", out_dir])
        .args(features)
        .current_dir(paths::root().join("worker"))
        .env("PATH", tool_path(tools))
        .env("WASM_BINDGEN_BIN", &tools.wasm_bindgen)
        .env("ESBUILD_BIN", paths::node_bin("esbuild"))
        .env("WASM_OPT_BIN", paths::node_bin("wasm-opt")))
}
