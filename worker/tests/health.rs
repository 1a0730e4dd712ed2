//! The first slice through every layer: routing, D1, errors, static assets.

mod common;

use common::app;

#[test]
fn health_reports_ok_after_a_real_database_query() {
    let answer = app().get("/v1/health");
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert!(answer.content_type.starts_with("application/json"), "{}", answer.content_type);
    let body = answer.json();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["db"], true);
    assert_eq!(body["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn unknown_api_routes_answer_the_senzu_404_body() {
    for path in ["/v1/nope", "/v1/", "/v1/health/extra", "/v1/products/1/unknown"] {
        let answer = app().get(path);
        assert_eq!(answer.status, 404, "{path}: {}", answer.body);
        assert_eq!(answer.error_code(), 404, "{path}");
        assert!(answer.json()["error"]["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
}

#[test]
fn wrong_method_is_405_with_the_senzu_body() {
    let answer = app().post_form("/v1/health", &[("a", "b")]);
    assert_eq!(answer.status, 405, "{}", answer.body);
    assert_eq!(answer.error_code(), 405);
}

#[test]
fn spa_routes_fall_back_to_the_app_shell() {
    for path in ["/", "/status", "/some/deep/link"] {
        let answer = app().get(path);
        assert_eq!(answer.status, 200, "{path}");
        assert!(answer.content_type.starts_with("text/html"), "{path}: {}", answer.content_type);
        assert!(answer.body.contains("senzu-app"), "{path}: not the app shell");
    }
}

#[test]
fn the_dev_write_route_writes_once_in_development() {
    // The test server runs the dev build (`--features dev`): the route writes once.
    let answer = app().dev("POST", "/v1/dev/write", Some(&serde_json::json!({})));
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.json()["written"], true);
    assert_eq!(app().dev("GET", "/v1/dev/write", None).status, 404, "GET is not a route");
}
