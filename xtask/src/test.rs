//! `cargo xtask test`: everything, in order, against a fresh server.

use std::process::Command;

use anyhow::Result;

use crate::build::{self, Flavor};
use crate::server::{self, Extra, Server};
use crate::tools::{self, step, Tools};
use senzu_xtask::paths;

/// What to run: everything (CI), or a quicker subset while working on one area.
#[derive(Default)]
pub struct Only {
    /// `--test NAME` (repeatable): only these worker integration test files, no lints, unit or browser tests.
    pub worker_tests: Vec<String>,
    /// `--e2e SPEC` (repeatable): only these browser spec files.
    pub e2e_specs: Vec<String>,
}

impl Only {
    pub fn parse(args: &[String]) -> Result<Self> {
        let mut only = Only::default();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            let value = || anyhow::anyhow!("{a} needs a value");
            match a.as_str() {
                "--test" => only.worker_tests.push(it.next().ok_or_else(value)?.clone()),
                "--e2e" => only.e2e_specs.push(it.next().ok_or_else(value)?.clone()),
                other => anyhow::bail!("unknown test flag {other}: use --test NAME or --e2e SPEC"),
            }
        }
        Ok(only)
    }

    fn everything(&self) -> bool {
        self.worker_tests.is_empty() && self.e2e_specs.is_empty()
    }
}

pub fn run(only: &Only) -> Result<i32> {
    let tools = tools::ensure()?;
    let chromium = tools::ensure_chromium()?;
    build::all(&tools, Flavor::Dev)?;
    if !only.everything() {
        return subset(only, &tools, &chromium);
    }

    step("format and lints (cargo fmt --check, cargo clippy -D warnings)");
    let fmt_ok = Command::new("cargo").args(["fmt", "--all", "--check"]).status()?.success();
    let clippy = |args: &[&str]| -> Result<bool> {
        Ok(Command::new("cargo").args(["clippy", "-q"]).args(args).args(["--", "-D", "warnings"]).status()?.success())
    };
    // Host crates with their tests, and the two wasm crates for their real target.
    let clippy_ok = clippy(&["-p", "senzu-core", "-p", "senzu-xtask", "-p", "senzu-worker", "--all-targets"])?
        && clippy(&["--release", "--target", "wasm32-unknown-unknown", "-p", "senzu-worker", "-p", "senzu-app"])?;
    if !(fmt_ok && clippy_ok) {
        return Ok(1);
    }

    step("unit tests (cargo test)");
    if !Command::new("cargo")
        .args(["test", "--workspace", "--exclude", "senzu-app", "--exclude", "senzu-worker"])
        .status()?
        .success()
    {
        return Ok(1);
    }

    server::ensure_dev_vars()?;
    // A throwaway state dir: the tests never see the dev database.
    let state = std::env::temp_dir().join(format!("senzu-test-{}", std::process::id()));
    std::fs::create_dir_all(&state)?;
    let result = with_server(&state, &tools, &chromium);
    let _ = std::fs::remove_dir_all(&state);
    result
}

/// The test that proves the deployable build has no dev routes needs that build running.
const DEV_GATE_TEST: &str = "dev_gate";

/// The deployable worker (no `dev` feature), built aside and served by its own
/// `wrangler dev` for the dev_gate test; the dev build in worker/build stays as it is.
fn deploy_server(tools: &Tools, state: &std::path::Path) -> Result<Server> {
    const OUT: &str = "target/senzu-deploy-check";
    build::worker(tools, Flavor::Deploy, &format!("../{OUT}"))?;
    let state = state.join("deploy");
    std::fs::create_dir_all(&state)?;
    let port = server::free_port()?;
    step(&format!("starting the deployable build on a free port ({port})"));
    let extra = Extra { script: Some(paths::root().join(OUT).join("index.js")), ..Extra::default() };
    Server::start(port, &state, true, true, &extra)
}

/// A subset against its own fresh server: no lints, no unit tests, no at-rest scans.
fn subset(only: &Only, tools: &Tools, chromium: &std::path::Path) -> Result<i32> {
    server::ensure_dev_vars()?;
    let state = std::env::temp_dir().join(format!("senzu-test-{}", std::process::id()));
    std::fs::create_dir_all(&state)?;
    let (server, demo) = start(&state)?;
    let deploy =
        only.worker_tests.iter().any(|t| t == DEV_GATE_TEST).then(|| deploy_server(tools, &state)).transpose()?;
    let deploy_url = deploy.as_ref().map(|d| d.base_url.clone()).unwrap_or_default();
    let mut ok = true;
    for name in &only.worker_tests {
        step(&format!("worker integration tests: {name}"));
        ok &= Command::new("cargo")
            .args(["test", "-p", "senzu-worker", "--test", name])
            .env("SENZU_DEPLOY_BASE_URL", &deploy_url)
            .env("SENZU_BASE_URL", &server.base_url)
            .env("SENZU_DEMO_JSON", &demo)
            .env("SENZU_STATE_DIR", &state)
            .status()?
            .success();
    }
    if !only.e2e_specs.is_empty() {
        step("browser tests (subset)");
        ok &= Command::new(paths::node_bin("playwright"))
            .args(["test", "--config", "e2e/playwright.config.mjs"])
            .args(&only.e2e_specs)
            .current_dir(paths::root())
            .env("SENZU_BASE_URL", &server.base_url)
            .env("SENZU_DEMO_JSON", &demo)
            .env("SENZU_STATE_DIR", &state)
            .env("CHROMIUM_PATH", chromium)
            .status()?
            .success();
    }
    drop(deploy);
    drop(server);
    let _ = std::fs::remove_dir_all(&state);
    Ok(if ok { 0 } else { 1 })
}

/// Where the tests' partner stubs listen (worker/tests/common/stub.rs, e2e/partners.spec.mjs):
/// one loopback port per run, given to the worker as its partners' configured
/// addresses — partner hosts are configuration, never plugin data.
fn partner_stub() -> Result<(String, Vec<(String, String)>)> {
    let stub = format!("127.0.0.1:{}", server::free_port()?);
    let vars = vec![
        ("SENZU_PARTNER_EDUZZ_URL".to_string(), format!("http://{stub}")),
        ("SENZU_PARTNER_SENGERIO_URL".to_string(), format!("http://{stub}/v1/")),
    ];
    Ok((stub, vars))
}

/// A fresh database and `wrangler dev` on a free port, plus the demo fixture the tests read.
fn start(state: &std::path::Path) -> Result<(Server, std::path::PathBuf)> {
    server::prepare_database(state)?;
    let port = server::free_port()?;
    step(&format!("starting wrangler dev on a free port ({port}) with a fresh database"));
    let (stub, vars) = partner_stub()?;
    std::fs::write(state.join("partner-stub"), &stub)?;
    let server = Server::start(port, state, true, true, &Extra { vars, ..Extra::default() })?;
    // The server has its own process group, so Ctrl-C does not reach it: stop it here.
    let group = server.pid();
    let _ = ctrlc::set_handler(move || {
        server::signal_group(group, "-TERM");
        std::process::exit(130);
    });

    // The fixture, plus simulated taps for the browser tests (which cannot run the simulator).
    // A visit belongs to the browser that opened it first: each browser context gets its own tap.
    let demo = state.join("demo.json");
    let mut fixture = senzu_xtask::demo::fixture();
    fixture["taps"] = serde_json::json!({
        "dynamic": senzu_xtask::demo::tap_path(2, 100)?,
        "state_newer": senzu_xtask::demo::tap_path(3, 100)?,
        "state_older": senzu_xtask::demo::tap_path(3, 99)?,
        "pairable": senzu_xtask::demo::tap_path(10, 1)?,
        "pairable_finder": senzu_xtask::demo::tap_path(10, 2)?,
        "copied": senzu_xtask::demo::tap_path(12, 1)?,
    });
    std::fs::write(&demo, serde_json::to_string(&fixture)?)?;
    Ok((server, demo))
}

fn with_server(state: &std::path::Path, tools: &Tools, chromium: &std::path::Path) -> Result<i32> {
    let (server, demo) = start(state)?;
    let deploy = deploy_server(tools, state)?;

    step("worker integration tests");
    let api_ok = Command::new("cargo")
        .args(["test", "-p", "senzu-worker", "--tests"])
        .env("SENZU_DEPLOY_BASE_URL", &deploy.base_url)
        .env("SENZU_BASE_URL", &server.base_url)
        .env("SENZU_DEMO_JSON", &demo)
        .env("SENZU_STATE_DIR", state)
        .status()?
        .success();

    step("browser tests (Playwright, Chromium)");
    let e2e_ok = Command::new(paths::node_bin("playwright"))
        .args(["test", "--config", "e2e/playwright.config.mjs"])
        .current_dir(paths::root())
        .env("SENZU_BASE_URL", &server.base_url)
        .env("SENZU_DEMO_JSON", &demo)
        .env("SENZU_STATE_DIR", state)
        .env("CHROMIUM_PATH", chromium)
        .status()?
        .success();

    // Last: every flow above noted the clear secrets it handled; none may be at rest.
    step("secrets at rest (D1 files and the worker log)");
    let secrets_ok = Command::new("cargo")
        .args(["test", "-p", "senzu-worker", "--test", "secrets_at_rest", "--", "--ignored", "--nocapture"])
        .env("SENZU_BASE_URL", &server.base_url)
        .env("SENZU_DEMO_JSON", &demo)
        .env("SENZU_STATE_DIR", state)
        .status()?
        .success();
    drop(deploy);
    drop(server);
    Ok(if api_ok && e2e_ok && secrets_ok { 0 } else { 1 })
}
