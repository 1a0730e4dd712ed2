//! `GET /v1/openapi.json`: the document xtask wrote into the assets, served by
//! the worker under the API's path, names exactly the routes of core's table.

mod common;

use std::collections::BTreeSet;

use common::app;
use senzu_core::api::routes::routes;

#[test]
fn the_document_is_served_as_json_with_the_table_s_routes() {
    let answer = app().get("/v1/openapi.json");
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert!(answer.content_type.starts_with("application/json"), "{}", answer.content_type);
    let doc = answer.json();
    assert_eq!(doc["openapi"], "3.1.0");
    let served: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .flat_map(|(path, item)| {
            item.as_object().expect("a path item").keys().map(move |m| (m.to_ascii_uppercase(), path.clone()))
        })
        .filter(|(m, _)| ["GET", "POST", "DELETE", "PUT", "PATCH"].contains(&m.as_str()))
        .collect();
    let table: BTreeSet<(String, String)> =
        routes().iter().map(|r| (r.method.as_str().to_string(), r.path.to_string())).collect();
    assert_eq!(served, table, "the served document and the route table differ");
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
}

#[test]
fn a_wrong_method_on_a_known_path_is_405_with_allow() {
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    for (method, path, allow) in
        [("DELETE", "/v1/openapi.json", "GET"), ("POST", "/v1/health", "GET"), ("DELETE", "/v1/user", "GET, POST")]
    {
        let request = ureq::http::Request::builder()
            .method(method)
            .uri(format!("{}{}", app().base_url, path))
            .body(String::new())
            .expect("a request");
        let mut resp = agent.run(request).unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        assert_eq!(resp.status().as_u16(), 405, "{method} {path}");
        let got = resp.headers().get("allow").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
        assert_eq!(got, allow, "{method} {path}: Allow");
        let body = resp.body_mut().read_to_string().unwrap_or_default();
        assert_eq!(senzu_core::ApiError::from_body(&body).map(|e| e.code), Some(405), "{method} {path}: {body}");
    }
}
