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

impl TestApp {
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
