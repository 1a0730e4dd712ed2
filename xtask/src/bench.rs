//! `cargo xtask bench`: the numbers the notes report, measured in one run on a
//! fresh `wrangler dev` (loopback only, bounded in time): page and bundle
//! sizes, first contentful paint under throttling, and load on the tap path
//! next to a bare endpoint doing one D1 write. Not part of `cargo xtask test`:
//! timings on these machines are noisy, so nothing here asserts a number.

use std::process::{Command, Stdio};

use anyhow::{Context, Result};
use serde_json::Value;

use crate::build;
use crate::server::{self, Server};
use crate::tools::{self, step};
use senzu_xtask::{demo, paths};

const OHA_VERSION: &str = "1.16.0";

pub fn run() -> Result<i32> {
    let tools = tools::ensure()?;
    let chromium = tools::ensure_chromium()?;
    let oha = tools::ensure_cargo_tool("oha", "oha", OHA_VERSION, true)?;
    build::all(&tools, build::Flavor::Dev)?;
    server::ensure_dev_vars()?;
    let state = std::env::temp_dir().join(format!("senzu-bench-{}", std::process::id()));
    std::fs::create_dir_all(&state)?;
    server::prepare_database(&state)?;
    let server = Server::start(server::free_port()?, &state, true, true, &server::Extra::default())?;
    let base = server.base_url.clone();
    let result = measure(&base, &oha, &chromium);
    drop(server);
    let _ = std::fs::remove_dir_all(&state);
    result.map(|()| 0)
}

fn measure(base: &str, oha: &std::path::Path, chromium: &std::path::Path) -> Result<()> {
    let root = paths::root();
    let static_key = demo::fixture()["records"]["static"].as_str().context("static record")?.to_string();

    step("sizes");
    let page = curl(&format!("{base}/p/{static_key}"))?;
    println!("play page (HTML + inline JSON): {} bytes, gzip {} bytes", page.len(), gzip_len(&page)?);
    for entry in std::fs::read_dir(root.join("dist"))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "wasm" || e == "js" || e == "css") {
            let bytes = std::fs::read(&path)?;
            println!(
                "app {}: {} bytes, gzip {}, brotli {}",
                file_name(&path),
                bytes.len(),
                gzip_len(&bytes)?,
                brotli_len(&bytes)?
            );
        }
    }
    let worker_wasm = root.join("worker/build/index_bg.wasm");
    let bytes = std::fs::read(&worker_wasm)?;
    println!("worker wasm: {} bytes, gzip {}", bytes.len(), gzip_len(&bytes)?);
    let js = std::fs::read(root.join("worker/build/index.js"))?;
    println!("worker index.js: {} bytes, gzip {}", js.len(), gzip_len(&js)?);

    step("first contentful paint (Chromium, 4x CPU throttling, Fast 3G, 390x844)");
    // A visit belongs to the browser that opened it: each run (a fresh browser) gets its own tap.
    let taps: Vec<String> =
        (40..45u32).map(|c| demo::tap_path(2, c).map(|p| format!("{base}{p}"))).collect::<Result<_>>()?;
    let tap = demo::tap_path(2, 50)?;
    for (label, urls) in [("static play", format!("{base}/p/{static_key}")), ("dynamic tap", taps.join(","))] {
        let out = Command::new("node")
            .arg(root.join("e2e/bench/fcp.mjs"))
            .arg(urls)
            .arg("5")
            .env("CHROMIUM_PATH", chromium)
            .current_dir(&root)
            .output()?;
        println!("{label}: {}", String::from_utf8_lossy(&out.stdout).trim());
    }

    step("load (oha, loopback, 16 connections)");
    let write = oha_run(
        oha,
        // The dev routes take only JSON with their header (see worker/src/routes/dev.rs).
        &["-z", "10s", "-c", "16", "-m", "POST", "-H", "x-senzu-dev: 1", "-T", "application/json", "-d", "{}"],
        &format!("{base}/v1/dev/write"),
    )?;
    report("bare endpoint, one D1 write", &write);
    // The same visit: the browser that opened the tap, sending back its visit pass.
    let same_visit = tap.replacen("/p/", "/v1/plays/", 1);
    let pass = format!("cookie: {}", visit_pass(base, &same_visit)?);
    let reload = oha_run(oha, &["-z", "10s", "-c", "16", "-H", &pass], &format!("{base}{same_visit}"))?;
    report("dynamic tap, same visit (verify + one write batch)", &reload);
    // New taps: consecutive counters on one record, in order, as a chip makes them:
    // each request is a new visit that advances the counter (oha would shuffle a URL
    // list, so this one is a plain sequential loop).
    let taps: Vec<String> = (1000..1500u32)
        .map(|c| demo::tap_path(2, c).map(|p| p.replacen("/p/", "/v1/plays/", 1)))
        .collect::<Result<_>>()?;
    let (rate, p50, p99, ok) = sequential(base, &taps)?;
    println!("dynamic tap, new visits in order (sequential): {rate:.0} req/s, p50 {p50:.1} ms, p99 {p99:.1} ms, {ok}/{} answered 200", taps.len());
    // Steady: one visit's browser, reloading at a fixed rate (it sends its pass back).
    let steady_tap = demo::tap_path(2, 7000)?.replacen("/p/", "/v1/plays/", 1);
    let steady_pass = format!("cookie: {}", visit_pass(base, &steady_tap)?);
    let steady =
        oha_run(oha, &["-z", "30s", "-c", "16", "-q", "50", "-H", &steady_pass], &format!("{base}{steady_tap}"))?;
    report("dynamic tap at a steady 50 req/s for 30 s", &steady);
    Ok(())
}

/// Opens a tap once and returns the visit pass (`name=value`) its answer set.
fn visit_pass(base: &str, path: &str) -> Result<String> {
    use std::io::{Read, Write};
    let host = base.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(host)?;
    stream.set_read_timeout(Some(std::time::Duration::from_secs(10)))?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n")?;
    let mut response = Vec::new();
    let mut buf = [0u8; 4096];
    while !response.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf)?;
        anyhow::ensure!(n > 0, "connection closed before the response head");
        response.extend_from_slice(&buf[..n]);
    }
    let head = String::from_utf8_lossy(&response);
    head.lines()
        .find_map(|l| l.to_ascii_lowercase().starts_with("set-cookie:").then(|| l[11..].trim().to_string()))
        .and_then(|c| c.split(';').next().map(str::to_string))
        .context("the tap set no visit pass")
}

/// Sends each GET in order on a fresh loopback connection; rate, p50, p99 (ms) and 200s.
fn sequential(base: &str, paths: &[String]) -> Result<(f64, f64, f64, usize)> {
    use std::io::{Read, Write};
    let host = base.trim_start_matches("http://");
    let start = std::time::Instant::now();
    let mut latencies = Vec::with_capacity(paths.len());
    let mut ok = 0;
    for path in paths {
        let t = std::time::Instant::now();
        let mut stream = std::net::TcpStream::connect(host)?;
        stream.set_read_timeout(Some(std::time::Duration::from_secs(10)))?;
        write!(stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n")?;
        // Read the head, then exactly Content-Length bytes: the proxy may keep the socket open.
        let mut response = Vec::new();
        let mut buf = [0u8; 4096];
        let status_ok = loop {
            let n = stream.read(&mut buf)?;
            anyhow::ensure!(n > 0, "connection closed before the response head");
            response.extend_from_slice(&buf[..n]);
            if let Some(end) = response.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&response[..end]).to_ascii_lowercase();
                let length: usize = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:").and_then(|v| v.trim().parse().ok()))
                    .unwrap_or(0);
                while response.len() < end + 4 + length {
                    let n = stream.read(&mut buf)?;
                    if n == 0 {
                        break;
                    }
                    response.extend_from_slice(&buf[..n]);
                }
                break head.starts_with("http/1.1 200");
            }
        };
        latencies.push(t.elapsed().as_secs_f64() * 1000.0);
        ok += usize::from(status_ok);
    }
    let rate = paths.len() as f64 / start.elapsed().as_secs_f64();
    latencies.sort_by(f64::total_cmp);
    let pct = |p: f64| latencies[((latencies.len() - 1) as f64 * p) as usize];
    Ok((rate, pct(0.5), pct(0.99), ok))
}

fn curl(url: &str) -> Result<Vec<u8>> {
    let out = Command::new("curl").args(["-s", url]).output().context("curl")?;
    Ok(out.stdout)
}

fn gzip_len(bytes: &[u8]) -> Result<usize> {
    use std::io::Write;
    let mut child = Command::new("gzip").arg("-9c").stdin(Stdio::piped()).stdout(Stdio::piped()).spawn()?;
    // Feed stdin from another thread: gzip's output would otherwise fill the pipe and deadlock.
    let mut stdin = child.stdin.take().context("stdin")?;
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output()?;
    writer.join().map_err(|_| anyhow::anyhow!("gzip writer panicked"))??;
    Ok(out.stdout.len())
}

/// Brotli size at the quality a CDN serves static assets with (11).
fn brotli_len(bytes: &[u8]) -> Result<usize> {
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).context("brotli")?;
    Ok(out.len())
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

fn oha_run(oha: &std::path::Path, args: &[&str], target: &str) -> Result<Value> {
    let out = Command::new(oha).args(args).args(["--no-tui", "--output-format", "json"]).arg(target).output()?;
    serde_json::from_slice(&out.stdout).with_context(|| format!("oha output: {}", String::from_utf8_lossy(&out.stderr)))
}

fn report(label: &str, v: &Value) {
    let ms = |x: &Value| x.as_f64().map_or("?".into(), |s| format!("{:.1} ms", s * 1000.0));
    println!(
        "{label}: {:.0} req/s, p50 {}, p99 {}, statuses {}",
        v["summary"]["requestsPerSec"].as_f64().unwrap_or_default(),
        ms(&v["latencyPercentiles"]["p50"]),
        ms(&v["latencyPercentiles"]["p99"]),
        v["statusCodeDistribution"]
    );
}
