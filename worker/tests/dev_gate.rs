//! The deployable build (`cargo xtask build`: no `dev` feature) has no dev
//! routes. `cargo xtask test` serves that build beside the dev one, and both
//! get the same well-formed dev requests: the dev build answers them (so the
//! requests are right), the deployable one answers 404 (issue 11, finding 12).
mod common;

use common::{app, server_at};
use serde_json::json;

#[test]
fn the_deployable_build_has_no_dev_routes() {
    let url = std::env::var("SENZU_DEPLOY_BASE_URL").ok().filter(|u| !u.is_empty()).expect(
        "SENZU_DEPLOY_BASE_URL is not set: `cargo xtask test` (or `cargo xtask test --test dev_gate`) \
         serves the deployable build for this test",
    );
    let deployable = server_at(&url);
    let calls = [
        ("POST", "/v1/dev/sql", Some(json!({ "sql": "SELECT 1" }))),
        ("POST", "/v1/dev/write", Some(json!({}))),
        ("GET", "/v1/dev/read", None),
        ("GET", "/v1/dev/events", None),
        ("GET", "/v1/dev/consumer-crash", None),
        ("GET", "/v1/dev/outbox", None),
    ];
    for (method, path, body) in &calls {
        let dev = app().dev(method, path, body.as_ref());
        assert_eq!(dev.status, 200, "{method} {path} on the dev build: {}", dev.body);
        let deployed = deployable.dev(method, path, body.as_ref());
        assert_eq!(deployed.status, 404, "{method} {path} on the deployable build: {}", deployed.body);
        assert_eq!(deployed.error_code(), 404);
    }
    assert_eq!(app().get("/dev/outbox").status, 200);
    assert_eq!(deployable.get("/dev/outbox").status, 404, "no outbox page either");
    // The deployable build is otherwise up: the 404s are not a dead server.
    assert_eq!(deployable.get("/v1/health").status, 200);
}
