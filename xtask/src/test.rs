//! `cargo xtask test`: everything, in order, against a fresh server.

use std::process::Command;

use anyhow::{Context, Result};

use crate::build::{self, Flavor};
use crate::server::{self, Extra, Server};
use crate::tools::{self, step, Tools};
use senzu_xtask::{paths, stripe_standin};

/// What to run: everything (CI), or a quicker subset while working on one area.
#[derive(Default)]
pub struct Only {
    /// `--test NAME` (repeatable): only these worker integration test files, no lints, unit or browser tests.
    pub worker_tests: Vec<String>,
    /// `--e2e SPEC` (repeatable): only these browser spec files.
    pub e2e_specs: Vec<String>,
    /// `--schemathesis`: the contract fuzzing, on its own fresh server.
    pub schemathesis: bool,
    /// `--authlib`: the Authlib OpenID Connect client against the subset's server.
    pub authlib: bool,
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
                "--schemathesis" => only.schemathesis = true,
                "--authlib" => only.authlib = true,
                other => {
                    anyhow::bail!("unknown test flag {other}: use --test NAME, --e2e SPEC, --authlib or --schemathesis")
                }
            }
        }
        Ok(only)
    }

    fn everything(&self) -> bool {
        self.worker_tests.is_empty() && self.e2e_specs.is_empty() && !self.schemathesis && !self.authlib
    }
}

/// This very program, copied aside before anything rebuilds it: the browser
/// stories run operator commands (`admin … --print`) with it, and the cargo
/// steps below may relink `target/debug/senzu-xtask` meanwhile.
static OPERATOR_BIN: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();

fn keep_operator_bin() -> Result<()> {
    let copy = std::env::temp_dir().join(format!("senzu-xtask-operator-{}", std::process::id()));
    std::fs::copy(std::env::current_exe()?, &copy).context("copying the xtask binary for the browser tests")?;
    let _ = OPERATOR_BIN.set(copy);
    Ok(())
}

fn operator_bin() -> std::path::PathBuf {
    OPERATOR_BIN.get().cloned().unwrap_or_else(|| std::env::current_exe().unwrap_or_default())
}

pub fn run(only: &Only) -> Result<i32> {
    keep_operator_bin()?;
    let result = run_all(only);
    if let Some(copy) = OPERATOR_BIN.get() {
        let _ = std::fs::remove_file(copy);
    }
    result
}

fn run_all(only: &Only) -> Result<i32> {
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
    let clippy_ok = clippy(&[
        "-p",
        "senzu-core",
        "-p",
        "senzu-xtask",
        "-p",
        "senzu-tag-emulator",
        "-p",
        "senzu-worker",
        "--all-targets",
    ])? && clippy(&["-p", "senzu-core", "--features", "openapi", "--all-targets"])?
        && clippy(&["--release", "--target", "wasm32-unknown-unknown", "-p", "senzu-worker", "-p", "senzu-app"])?;
    if !(fmt_ok && clippy_ok) {
        return Ok(1);
    }

    // With the OpenAPI document's own tests (the route table and the document agree).
    step("unit tests (cargo test --features senzu-core/openapi)");
    if !Command::new("cargo")
        .args(["test", "--workspace", "--exclude", "senzu-app", "--exclude", "senzu-worker"])
        .args(["--features", "senzu-core/openapi"])
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
    // Last, on its own fresh server: the fuzzer changes and deletes the demo data.
    let fuzz_ok = contract_fuzzing()?;
    Ok(if result? == 0 && fuzz_ok { 0 } else { 1 })
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
    if !ok {
        server.print_log_tail(80);
    }
    if !only.e2e_specs.is_empty() {
        step("browser tests (subset)");
        ok &= Command::new(paths::node_bin("playwright"))
            .args(["test", "--config", "e2e/playwright.config.mjs"])
            // Operator commands (`admin … --print`) the stories run, as an operator would.
            .env("SENZU_XTASK_BIN", operator_bin())
            .args(&only.e2e_specs)
            .current_dir(paths::root())
            .env("SENZU_BASE_URL", &server.base_url)
            .env("SENZU_DEMO_JSON", &demo)
            .env("SENZU_STATE_DIR", &state)
            .env("CHROMIUM_PATH", chromium)
            .status()?
            .success();
    }
    if only.authlib {
        ok &= authlib(&server.base_url, &demo)?;
    }
    drop(deploy);
    drop(server);
    let _ = std::fs::remove_dir_all(&state);
    if only.schemathesis {
        ok &= contract_fuzzing()?;
    }
    Ok(if ok { 0 } else { 1 })
}

/// How long the whole contract fuzzing may take before it counts as a failure.
const FUZZ_WALL_CLOCK: std::time::Duration = std::time::Duration::from_secs(12 * 60);
/// Examples per operation (Hypothesis), so the run stays within a few minutes.
const FUZZ_EXAMPLES: &str = "20";
/// The operations that end the calling session (the fuzzer would sign itself
/// out, and every later call would only test the 401): fuzzed in a second pass.
const ENDS_SESSION: [&str; 4] =
    ["post_v1_auth_logout", "get_v1_logout", "delete_v1_tokens_id", "delete_v1_sessions_id"];

/// Contract fuzzing: Schemathesis (pinned, from PyPI) on every operation of
/// dist/openapi.json, signed in as the demo owner, on a fresh server of its own,
/// with its checks for server errors, status codes, content types and response schemas.
fn contract_fuzzing() -> Result<bool> {
    let st = tools::ensure_schemathesis()?;
    let schema = paths::root().join("dist/openapi.json");
    anyhow::ensure!(schema.exists(), "dist/openapi.json is missing: the app build writes it");
    server::ensure_dev_vars()?;
    let state = std::env::temp_dir().join(format!("senzu-schemathesis-{}", std::process::id()));
    std::fs::create_dir_all(&state)?;
    let (server, _demo) = start(&state)?;
    let token = sign_in(&server.base_url, senzu_xtask::demo::OWNER_EMAIL, senzu_xtask::demo::OWNER_PASSWORD)?;
    let started = std::time::Instant::now();
    let mut ok = true;
    for (pass, include) in [("every operation but those that end the session", false), ("those that end it", true)] {
        step(&format!("contract fuzzing (schemathesis {}): {pass}", tools::SCHEMATHESIS_VERSION));
        let mut cmd = Command::new(&st);
        cmd.arg("run")
            .arg(&schema)
            .args(["--base-url", &server.base_url])
            .args(["-H", &format!("Authorization: Bearer {token}")])
            // As the app's own pages do: the sign-in/up/out forms refuse a request that does not say where it comes from.
            .args(["-H", &format!("Origin: {}", server.base_url)])
            .arg("--experimental=openapi-3.1")
            .arg("--checks=not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance")
            .args(["--hypothesis-max-examples", FUZZ_EXAMPLES, "--hypothesis-deadline", "300000"])
            .args(["--hypothesis-suppress-health-check", "all", "--hypothesis-derandomize"])
            .args(["--request-timeout", "20000", "--no-color", "--schemathesis-io-telemetry=false"])
            .current_dir(paths::root());
        let flag = if include { "--include-operation-id" } else { "--exclude-operation-id" };
        for id in ENDS_SESSION {
            cmd.args([flag, id]);
        }
        let mut child = cmd.spawn().context("starting schemathesis")?;
        let status = loop {
            if let Some(status) = child.try_wait()? {
                break Some(status);
            }
            if started.elapsed() > FUZZ_WALL_CLOCK {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(std::time::Duration::from_millis(200));
        };
        match status {
            Some(s) => ok &= s.success(),
            None => {
                eprintln!("contract fuzzing: over the wall-clock limit of {FUZZ_WALL_CLOCK:?}");
                ok = false;
                break;
            }
        }
    }
    drop(server);
    let _ = std::fs::remove_dir_all(&state);
    Ok(ok)
}

/// The demo owner's session token (the cookie the sign-in sets), sent by the fuzzer as a Bearer token.
fn sign_in(base_url: &str, email: &str, password: &str) -> Result<String> {
    let encode = |s: &str| -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect()
    };
    let body = format!("email={}&password={}", encode(email), encode(password));
    let headers = [("Content-Type", "application/x-www-form-urlencoded"), ("Origin", base_url)];
    let (status, head) = server::http_request("POST", &format!("{base_url}/v1/auth/login"), &headers, &body)
        .ok_or_else(|| anyhow::anyhow!("no answer to the demo sign-in"))?;
    anyhow::ensure!(status == 200, "the demo sign-in answered {status}");
    head.lines()
        .filter_map(|l| l.split_once(':'))
        .filter(|(name, _)| name.trim().eq_ignore_ascii_case("set-cookie"))
        .find_map(|(_, v)| v.trim().strip_prefix("senzu_session=").and_then(|v| v.split(';').next()))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .ok_or_else(|| anyhow::anyhow!("the demo sign-in set no session cookie"))
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
    let (stub, mut vars) = partner_stub()?;
    std::fs::write(state.join("partner-stub"), &stub)?;
    // Payments go to the loopback Stripe stand-in; tests read where it is and its webhook secret.
    let stripe = stripe_standin::start(&format!("http://127.0.0.1:{port}/v1/payments/stripe/webhook"))?;
    std::fs::write(stripe_standin::Config::file(state), serde_json::to_string(&stripe)?)?;
    vars.extend(stripe.vars());
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
    if !api_ok {
        server.print_log_tail(80);
    }

    step("browser tests (Playwright, Chromium)");
    let e2e_ok = Command::new(paths::node_bin("playwright"))
        .args(["test", "--config", "e2e/playwright.config.mjs"])
        // Operator commands (`admin … --print`) the stories run, as an operator would.
        .env("SENZU_XTASK_BIN", operator_bin())
        .current_dir(paths::root())
        .env("SENZU_BASE_URL", &server.base_url)
        .env("SENZU_DEMO_JSON", &demo)
        .env("SENZU_STATE_DIR", state)
        .env("CHROMIUM_PATH", chromium)
        .status()?
        .success();
    let authlib_ok = authlib(&server.base_url, &demo)?;

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
    Ok(if api_ok && e2e_ok && authlib_ok && secrets_ok { 0 } else { 1 })
}

/// The second standard OpenID Connect client: Authlib (PyPI, pinned, in its own venv).
fn authlib(base_url: &str, demo: &std::path::Path) -> Result<bool> {
    let python = tools::ensure_authlib()?;
    step(&format!("OpenID Connect with Authlib {} (e2e/oidc_authlib.py)", tools::AUTHLIB_VERSION));
    Ok(Command::new(python)
        .arg(paths::root().join("e2e/oidc_authlib.py"))
        .env("SENZU_BASE_URL", base_url)
        .env("SENZU_DEMO_JSON", demo)
        .status()?
        .success())
}
