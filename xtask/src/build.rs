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

/// Both bundles: the SPA into dist/, then the play bundle (app/play.html, bin
/// senzu-play) into its own dist, merged in as dist/play.html and its hashed
/// js/wasm, which the worker serves at a tap.
pub fn app(tools: &Tools) -> Result<()> {
    step("building the app (trunk build --release --offline)");
    trunk(tools, &[])?;
    let play_dist = paths::root().join("target/play-dist");
    step("building the play bundle (trunk build --release --offline app/play.html)");
    trunk(tools, &["app/play.html", "--dist", &play_dist.to_string_lossy()])?;
    // Trunk names its page index.html whatever the entry: it is dist/play.html here.
    std::fs::copy(play_dist.join("index.html"), paths::root().join("dist/play.html"))
        .context("copying the play bundle's page to dist/play.html")?;
    merge_into(&play_dist, &paths::root().join("dist"))?;
    // Trunk empties dist/: the document goes in after it.
    openapi()
}

fn trunk(tools: &Tools, args: &[&str]) -> Result<()> {
    run(Command::new(&tools.trunk)
        .args(["build", "--release", "--offline=true"])
        .args(args)
        .current_dir(paths::root())
        .env("PATH", tool_path(tools))
        .env("NO_COLOR", "true"))
}

/// Copies every file of `from` into `to`, keeping what `to` already has (the
/// two builds share the static files and the stylesheet).
fn merge_into(from: &std::path::Path, to: &std::path::Path) -> Result<()> {
    for entry in std::fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            std::fs::create_dir_all(&target)?;
            merge_into(&entry.path(), &target)?;
        } else if !target.exists() {
            std::fs::copy(entry.path(), &target).with_context(|| format!("copying to {}", target.display()))?;
        }
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    /// Two Trunk entries, one page: the play bundle's page may differ from the
    /// app's only by the bundle it loads (head, policy and styles stay one).
    #[test]
    fn the_play_page_is_the_app_page_with_the_play_bundle() {
        let index = include_str!("../../app/index.html");
        let play = include_str!("../../app/play.html");
        assert!(index.contains(r#"data-bin="senzu-app""#));
        assert_eq!(play, index.replace(r#"data-bin="senzu-app""#, r#"data-bin="senzu-play""#));
    }
}
