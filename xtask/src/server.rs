//! Local D1 set-up and `wrangler dev`, for `cargo xtask dev` and for the tests.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::tools::{run, step};
use crate::{build, tools};
use senzu_xtask::{demo, paths};

/// The dev database lives here; tests never touch it.
pub fn dev_state_dir() -> PathBuf {
    paths::root().join(".wrangler/state")
}

fn wrangler() -> Command {
    let mut cmd = Command::new(paths::node_bin("wrangler"));
    cmd.current_dir(paths::root()).env("WRANGLER_SEND_METRICS", "false").env("NO_COLOR", "1");
    cmd
}

/// Secrets for `wrangler dev`: the documented dev defaults unless the developer set their own.
pub fn ensure_dev_vars() -> Result<()> {
    let root = paths::root();
    let vars = root.join(".dev.vars");
    if !vars.exists() {
        std::fs::copy(root.join(".dev.vars.example"), &vars).context("creating .dev.vars")?;
        step("created .dev.vars from .dev.vars.example (development secrets)");
    }
    Ok(())
}

/// Approves a role an app requested (`cargo xtask admin approve-role APP ROLE`):
/// locally by default, or on the deployed database with `--remote`.
pub fn approve_role(state: &Path, remote: bool, app: i64, role: &str) -> Result<()> {
    admin_sql(state, remote, &senzu_xtask::admin::approve_role_sql(app, role)?)
}

/// Runs an operator's SQL (core of every `cargo xtask admin …`): local, or `--remote`.
pub fn admin_sql(state: &Path, remote: bool, sql: &str) -> Result<()> {
    let mut cmd = wrangler();
    cmd.args(["d1", "execute", "DB", "--command", sql]);
    if remote {
        cmd.arg("--remote");
    } else {
        cmd.args(["--local", "--persist-to"]).arg(state);
    }
    run(cmd.stdin(Stdio::null()))
}

/// Applies the D1 migrations and the (idempotent) demo seed to a local state dir.
pub fn prepare_database(state: &Path) -> Result<()> {
    step("applying D1 migrations");
    run(wrangler()
        .args(["d1", "migrations", "apply", "DB", "--local", "--persist-to"])
        .arg(state)
        .stdin(Stdio::null()))?;
    step("seeding demo data");
    let seed = state.join("seed.sql");
    std::fs::create_dir_all(state)?;
    std::fs::write(&seed, demo::seed_sql()?).context("writing seed.sql")?;
    run(wrangler()
        .args(["d1", "execute", "DB", "--local", "--persist-to"])
        .arg(state)
        .arg("--file")
        .arg(&seed)
        .stdin(Stdio::null())
        .stdout(Stdio::null()))
}

pub fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// What a `wrangler dev` gets beyond wrangler.toml.
#[derive(Default)]
pub struct Extra {
    /// Another worker entry point than wrangler.toml's `main` (e.g. a deployable build).
    pub script: Option<PathBuf>,
    /// `--var NAME:VALUE` pairs (configuration such as partner hosts for tests).
    pub vars: Vec<(String, String)>,
}

/// A running `wrangler dev`, stopped (with its whole process group) when dropped.
pub struct Server {
    child: Child,
    pub base_url: String,
    /// Where a quiet server writes its output (None: it goes to the terminal).
    log: Option<PathBuf>,
}

impl Server {
    /// Starts `wrangler dev` on `port` with `state` as its local D1/R2 directory.
    /// `own_group` puts it in its own process group so that it can be stopped as a
    /// whole; `dev` leaves it in ours so that Ctrl-C reaches it directly.
    pub fn start(port: u16, state: &Path, own_group: bool, quiet: bool, extra: &Extra) -> Result<Self> {
        let mut cmd = wrangler();
        // Its own dev registry: two servers of the same worker (the tests run the
        // dev and the deployable builds side by side, maybe beside `cargo xtask
        // dev`) must not see each other's registrations.
        cmd.env("WRANGLER_REGISTRY_PATH", state.join("registry"));
        cmd.arg("dev");
        if let Some(script) = &extra.script {
            cmd.arg(script);
        }
        for (name, value) in &extra.vars {
            cmd.arg("--var").arg(format!("{name}:{value}"));
        }
        cmd.args(["--ip", "127.0.0.1", "--port", &port.to_string()])
            .args(["--inspector-port", &free_port()?.to_string()])
            .args(["--show-interactive-dev-session=false", "--persist-to"])
            .arg(state)
            .stdin(Stdio::null());
        let log_path = quiet.then(|| state.join("wrangler.log"));
        if let Some(path) = &log_path {
            let log = std::fs::File::create(path)?;
            cmd.stdout(log.try_clone()?).stderr(log);
        }
        if own_group {
            cmd.process_group(0);
        }
        let child = cmd.spawn().context("starting wrangler dev")?;
        let server = Server { child, base_url: format!("http://127.0.0.1:{port}"), log: log_path };
        server.wait_ready(Duration::from_secs(90))?;
        Ok(server)
    }

    /// After a failed test: the end of the server's own output, where a reload or
    /// a runtime error shows (the log holds no clear secret: secrets_at_rest checks it).
    pub fn print_log_tail(&self, lines: usize) {
        let Some(text) = self.log.as_ref().and_then(|p| std::fs::read_to_string(p).ok()) else { return };
        let all: Vec<&str> = text.lines().collect();
        let kept = paths::root().join("target/wrangler-failed.log");
        let _ = std::fs::write(&kept, &text);
        eprintln!("--- the last {lines} lines of {} (all of it in {}) ---", self.base_url, kept.display());
        for line in &all[all.len().saturating_sub(lines)..] {
            eprintln!("{line}");
        }
    }

    fn wait_ready(&self, timeout: Duration) -> Result<()> {
        let start = Instant::now();
        let url = format!("{}/v1/health", self.base_url);
        while start.elapsed() < timeout {
            if http_get_status(&url).is_some_and(|s| s == 200) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(300));
        }
        bail!("wrangler dev did not answer {url} within {timeout:?}")
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn wait(mut self) -> Result<std::process::ExitStatus> {
        Ok(self.child.wait()?)
    }
}

/// Signals a whole process group (wrangler spawns workerd, which must go too).
pub fn signal_group(pgid: u32, signal: &str) {
    let _ = Command::new("kill").args([signal, "--", &format!("-{pgid}")]).stderr(Stdio::null()).status();
}

impl Drop for Server {
    fn drop(&mut self) {
        let pid = self.child.id();
        signal_group(pid, "-TERM");
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        signal_group(pid, "-KILL");
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A minimal HTTP/1.1 GET returning the status code, so xtask needs no HTTP client.
fn http_get_status(url: &str) -> Option<u16> {
    use std::io::{Read, Write};
    let rest = url.strip_prefix("http://")?;
    let (host, path) = rest.split_once('/').map(|(h, p)| (h, format!("/{p}")))?;
    let mut stream = std::net::TcpStream::connect(host).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").ok()?;
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).ok()?;
    std::str::from_utf8(&head[9..12]).ok()?.parse().ok()
}

/// A minimal HTTP/1.1 request: the status and the raw head of the answer (no body read).
pub fn http_request(method: &str, url: &str, headers: &[(&str, &str)], body: &str) -> Option<(u16, String)> {
    use std::io::{Read, Write};
    let rest = url.strip_prefix("http://")?;
    let (host, path) = rest.split_once('/').map(|(h, p)| (h, format!("/{p}")))?;
    let mut stream = std::net::TcpStream::connect(host).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(request.as_bytes()).ok()?;
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer).into_owned();
    let head = text.split("\r\n\r\n").next()?.to_string();
    let status = head.get(9..12)?.parse().ok()?;
    Some((status, head))
}

pub fn dev(port: u16) -> Result<i32> {
    let tools = tools::ensure()?;
    // Not needed to serve, but a newcomer's next command is `cargo xtask test`.
    tools::ensure_chromium()?;
    build::all(&tools, build::Flavor::Dev)?;
    ensure_dev_vars()?;
    let state = dev_state_dir();
    prepare_database(&state)?;
    let mut extra = Extra::default();
    // Without Stripe keys of one's own, checkout goes to the loopback stand-in (test cards).
    let own_keys = std::fs::read_to_string(paths::root().join(".dev.vars"))
        .is_ok_and(|v| v.lines().any(|l| l.trim_start().starts_with("STRIPE_SECRET_KEY=")));
    if !own_keys {
        let webhook = format!("http://127.0.0.1:{port}/v1/payments/stripe/webhook");
        let stripe = senzu_xtask::stripe_standin::start(&webhook)?;
        step(&format!("payments: the Stripe stand-in at {} (card 4242 4242 4242 4242 pays)", stripe.url));
        extra.vars = stripe.vars();
    }
    step(&format!("starting wrangler dev on http://127.0.0.1:{port}"));
    let server = Server::start(port, &state, false, false, &extra)?;
    let base = &server.base_url;
    eprintln!();
    eprintln!("  Senzu is running. Open:");
    eprintln!("    {base}/            the app");
    eprintln!("    {base}/status      service status");
    eprintln!("    {base}/v1/health   the API health check");
    eprintln!("  Demo fixture: cargo xtask demo --json");
    eprintln!("  Ctrl-C stops everything.");
    eprintln!();
    let status = server.wait()?;
    Ok(status.code().unwrap_or(0))
}
