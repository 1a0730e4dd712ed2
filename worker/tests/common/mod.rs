//! The integration-test harness: a typed client for the `wrangler dev` that
//! `cargo xtask test` started (fresh local D1, free port).
#![allow(dead_code)]

use std::sync::OnceLock;

use serde_json::Value;

pub struct TestApp {
    pub base_url: String,
    agent: ureq::Agent,
}

pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("body is not JSON ({e}): {}", self.body))
    }

    /// The Senzu error code of an error body.
    pub fn error_code(&self) -> u64 {
        self.json()["error"]["code"].as_u64().unwrap_or_else(|| panic!("not a Senzu error body: {}", self.body))
    }
}

/// The running server, shared by all tests of a binary.
pub fn app() -> &'static TestApp {
    static APP: OnceLock<TestApp> = OnceLock::new();
    APP.get_or_init(|| {
        let base_url = std::env::var("SENZU_BASE_URL").expect(
            "SENZU_BASE_URL is not set: run the integration tests through `cargo xtask test`, \
             which starts wrangler dev with a fresh database",
        );
        let agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
        TestApp { base_url, agent }
    })
}

/// The demo fixture written by the seed (`cargo xtask demo --json`).
pub fn demo() -> Value {
    let path = std::env::var("SENZU_DEMO_JSON").expect("SENZU_DEMO_JSON is not set: run through `cargo xtask test`");
    let text = std::fs::read_to_string(&path).expect("reading the demo fixture");
    serde_json::from_str(&text).expect("demo fixture is JSON")
}

/// The path of a simulated tap on a seeded dynamic record: `/p/{id}@{picc}:{cmac}`.
pub fn tap_path(id_record: i64, ctr: u32) -> String {
    senzu_xtask::demo::tap_path(id_record, ctr).expect("simulating a demo tap")
}

/// The same tap as a JSON API path.
pub fn api_path(tap: &str) -> String {
    tap.replacen("/p/", "/v1/plays/", 1)
}

/// Runs SQL against the test database (for moving time in tests), through
/// wrangler. The running server holds the same SQLite file, so a write can meet
/// SQLITE_BUSY: retried a few times.
pub fn execute_sql(sql: &str) {
    let state = std::env::var("SENZU_STATE_DIR").expect("SENZU_STATE_DIR is not set: run through `cargo xtask test`");
    let root = senzu_xtask::paths::root();
    for attempt in 1..=8 {
        let out = std::process::Command::new(root.join("node_modules/.bin/wrangler"))
            .args(["d1", "execute", "DB", "--local", "--persist-to", &state, "--command", sql])
            .current_dir(&root)
            .env("WRANGLER_SEND_METRICS", "false")
            .output()
            .expect("running wrangler d1 execute");
        if out.status.success() {
            return;
        }
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("SQLITE_BUSY") && attempt < 8, "wrangler d1 execute failed: {sql}\n{stderr}");
        std::thread::sleep(std::time::Duration::from_millis(250 * attempt));
    }
}

impl TestApp {
    pub fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Answer {
        let mut req = self.agent.get(&format!("{}{}", self.base_url, path));
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        read(req.call().unwrap_or_else(|e| panic!("GET {path}: {e}")))
    }

    pub fn header(&self, path: &str, name: &str) -> Option<String> {
        let resp = self.agent.get(&format!("{}{}", self.base_url, path)).call().ok()?;
        resp.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string)
    }

    pub fn get(&self, path: &str) -> Answer {
        let resp = self.agent.get(&format!("{}{}", self.base_url, path)).call();
        read(resp.unwrap_or_else(|e| panic!("GET {path}: {e}")))
    }

    pub fn post_form(&self, path: &str, form: &[(&str, &str)]) -> Answer {
        let resp = self.agent.post(&format!("{}{}", self.base_url, path)).send_form(form.iter().copied());
        read(resp.unwrap_or_else(|e| panic!("POST {path}: {e}")))
    }
}

fn read(mut resp: ureq::http::Response<ureq::Body>) -> Answer {
    let status = resp.status().as_u16();
    let content_type = resp.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let body = resp.body_mut().read_to_string().unwrap_or_default();
    Answer { status, content_type, body }
}
