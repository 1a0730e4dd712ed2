//! Installs the pinned tools the build needs, skipping those already present at
//! the right version. Everything comes from crates.io, npm or Debian: nothing
//! downloads a prebuilt binary from elsewhere.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use senzu_xtask::paths;

pub const TRUNK_VERSION: &str = "0.21.14";
pub const WORKER_BUILD_VERSION: &str = "0.8.7";
/// Contract fuzzing (`cargo xtask test`, `--schemathesis`): from PyPI, in a venv under target/.
pub const SCHEMATHESIS_VERSION: &str = "3.39.16";
/// Schemathesis 3.39 breaks on Hypothesis after 6.131.14 ("'many' object has no attribute 'more'").
const HYPOTHESIS_VERSION: &str = "6.131.14";
const CHROMIUM: &str = "/usr/bin/chromium";

/// Paths to the installed tools, handed to the build and test steps.
pub struct Tools {
    pub wasm_bindgen: PathBuf,
    pub worker_build: PathBuf,
    pub trunk: PathBuf,
}

pub fn ensure() -> Result<Tools> {
    ensure_wasm_target()?;
    let wasm_bindgen_version = locked_version("wasm-bindgen")?;
    // wasm-bindgen-cli's own lock file does not build on this toolchain: no --locked.
    // trunk's does, and without it newer lightningcss/cssparser releases break it.
    let wasm_bindgen = ensure_cargo_tool("wasm-bindgen-cli", "wasm-bindgen", &wasm_bindgen_version, false)?;
    let worker_build = ensure_cargo_tool("worker-build", "worker-build", WORKER_BUILD_VERSION, false)?;
    let trunk = ensure_cargo_tool("trunk", "trunk", TRUNK_VERSION, true)?;
    ensure_npm()?;
    check_trunk_pins(&wasm_bindgen_version)?;
    Ok(Tools { wasm_bindgen, worker_build, trunk })
}

fn ensure_wasm_target() -> Result<()> {
    let installed = output("rustup", &["target", "list", "--installed"])?;
    if installed.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        return Ok(());
    }
    step("installing the wasm32-unknown-unknown target");
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// The version of `package` recorded in Cargo.lock.
pub fn locked_version(package: &str) -> Result<String> {
    let lock = std::fs::read_to_string(paths::root().join("Cargo.lock")).context("reading Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == format!("name = \"{package}\"") {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    bail!("{package} is not in Cargo.lock")
}

pub fn ensure_cargo_tool(crate_name: &str, bin: &str, version: &str, locked: bool) -> Result<PathBuf> {
    let path = paths::cargo_bin(bin);
    if installed_version(&path).as_deref() == Some(version) {
        return Ok(path);
    }
    step(&format!("installing {crate_name} {version} from crates.io (once; takes a few minutes)"));
    let mut cmd = Command::new("cargo");
    cmd.args(["install", crate_name, "--version", version, "--force"]);
    if locked {
        cmd.arg("--locked");
    }
    run(&mut cmd)?;
    match installed_version(&path) {
        Some(v) if v == version => Ok(path),
        other => bail!("{bin} reports version {other:?} after installing {version}"),
    }
}

/// The first dotted version number in `<bin> --version`.
fn installed_version(path: &Path) -> Option<String> {
    let out = Command::new(path).arg("--version").output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.split_whitespace()
        .map(|w| w.trim_start_matches('v'))
        .find(|w| w.split('.').count() == 3 && w.split('.').all(|p| p.parse::<u32>().is_ok()))
        .map(str::to_string)
}

/// Authlib, the Python OpenID Connect client of e2e/oidc_authlib.py.
pub const AUTHLIB_VERSION: &str = "1.9.10";
const REQUESTS_VERSION: &str = "2.34.2";

/// Authlib and requests in their own venv (target/authlib/venv), once, from PyPI; its python.
pub fn ensure_authlib() -> Result<PathBuf> {
    let venv = paths::root().join("target/authlib/venv");
    let python = venv.join("bin/python");
    let pins = [format!("authlib=={AUTHLIB_VERSION}"), format!("requests=={REQUESTS_VERSION}")];
    let marker = venv.join("senzu-pins.txt");
    if python.exists() && std::fs::read_to_string(&marker).is_ok_and(|m| m.trim() == pins.join(" ")) {
        return Ok(python);
    }
    step(&format!("installing {} from PyPI into target/authlib/venv (once)", pins.join(" ")));
    if !python.exists() {
        run(Command::new("python3").args(["-m", "venv"]).arg(&venv))
            .context("python3 -m venv (Debian: apt-get install python3-venv)")?;
    }
    run(Command::new(venv.join("bin/pip")).args(["install", "--quiet", "--disable-pip-version-check"]).args(&pins))?;
    std::fs::write(&marker, pins.join(" "))?;
    Ok(python)
}

/// Schemathesis in its own venv (target/schemathesis/venv), installed once with
/// pip from PyPI at the pinned version; its `st` command.
pub fn ensure_schemathesis() -> Result<PathBuf> {
    let venv = paths::root().join("target/schemathesis/venv");
    let st = venv.join("bin/st");
    let pins = [format!("schemathesis=={SCHEMATHESIS_VERSION}"), format!("hypothesis=={HYPOTHESIS_VERSION}")];
    let marker = venv.join("senzu-pins.txt");
    let pinned = std::fs::read_to_string(&marker).is_ok_and(|m| m.trim() == pins.join(" "));
    if pinned && installed_version(&st).as_deref() == Some(SCHEMATHESIS_VERSION) {
        return Ok(st);
    }
    step(&format!("installing {} from PyPI into target/schemathesis/venv (once)", pins.join(" ")));
    if !venv.join("bin/python").exists() {
        run(Command::new("python3").args(["-m", "venv"]).arg(&venv))
            .context("python3 -m venv (Debian: apt-get install python3-venv)")?;
    }
    run(Command::new(venv.join("bin/pip")).args(["install", "--quiet", "--disable-pip-version-check"]).args(&pins))?;
    match installed_version(&st) {
        Some(v) if v == SCHEMATHESIS_VERSION => {
            std::fs::write(&marker, pins.join(" "))?;
            Ok(st)
        }
        other => bail!("st reports version {other:?} after installing {SCHEMATHESIS_VERSION}"),
    }
}

/// `npm ci` when node_modules is missing or older than package-lock.json.
fn ensure_npm() -> Result<()> {
    let root = paths::root();
    let lock = root.join("package-lock.json");
    let marker = root.join("node_modules/.package-lock.json");
    let fresh = match (std::fs::metadata(&lock), std::fs::metadata(&marker)) {
        (Ok(l), Ok(m)) => m.modified()? >= l.modified()?,
        _ => false,
    };
    if fresh && paths::node_bin("wrangler").exists() && paths::node_bin("wasm-opt").exists() {
        return Ok(());
    }
    if Command::new("npm").arg("--version").output().is_err() {
        bail!("npm is missing: install Node.js 20+ (apt-get install nodejs npm)");
    }
    step("installing wrangler, Playwright and binaryen (npm ci)");
    run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(&root))
}

/// Browser tests need Debian's Chromium; Playwright's own download never works here.
pub fn ensure_chromium() -> Result<PathBuf> {
    let path = PathBuf::from(CHROMIUM);
    if path.exists() {
        return Ok(path);
    }
    let is_root = output("id", &["-u"]).map(|u| u.trim() == "0").unwrap_or(false);
    if !is_root {
        bail!("chromium is missing: run `sudo apt-get install -y chromium` (Debian's package)");
    }
    step("installing Debian's chromium (apt-get)");
    let install = || {
        run(Command::new("apt-get")
            .args(["install", "-y", "--no-install-recommends", "chromium"])
            .env("DEBIAN_FRONTEND", "noninteractive"))
    };
    if install().is_err() {
        run(Command::new("apt-get").arg("update"))?;
        install()?;
    }
    Ok(path)
}

/// Trunk downloads a tool whose version differs from its pin: fail early and clearly instead.
fn check_trunk_pins(wasm_bindgen_version: &str) -> Result<()> {
    let trunk_toml = std::fs::read_to_string(paths::root().join("Trunk.toml")).context("reading Trunk.toml")?;
    let want = format!("wasm_bindgen = \"{wasm_bindgen_version}\"");
    if !trunk_toml.contains(&want) {
        bail!("Trunk.toml must pin `{want}` (the version in Cargo.lock)");
    }
    let wasm_opt = output(&paths::node_bin("wasm-opt").to_string_lossy(), &["--version"])?;
    let version = wasm_opt.split_whitespace().nth(2).unwrap_or_default();
    let want = format!("wasm_opt = \"version_{version}\"");
    if !trunk_toml.contains(&want) {
        bail!("Trunk.toml must pin `{want}` (the binaryen version in package-lock.json)");
    }
    Ok(())
}

pub fn step(message: &str) {
    eprintln!("\x1b[1;36m==>\x1b[0m {message}");
}

pub fn run(cmd: &mut Command) -> Result<()> {
    let status = cmd.status().with_context(|| format!("starting {cmd:?}"))?;
    if !status.success() {
        bail!("{cmd:?} failed with {status}");
    }
    Ok(())
}

pub fn output(program: &str, args: &[&str]) -> Result<String> {
    let out = Command::new(program).args(args).output().with_context(|| format!("starting {program}"))?;
    if !out.status.success() {
        bail!("{program} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
