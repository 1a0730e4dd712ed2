//! The documented API rules (API.md "Wire format") on every route of the one
//! route table: a known path with a method it does not have is a 405 naming
//! the methods it has (`Allow`), an unknown path a 404, both with the Senzu
//! error body; a body that is neither a form nor a JSON object is a 400 that
//! says why, before anything else happens.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{app, new_account, Auth};
use senzu_core::api::routes::{routes, Method};

/// A concrete path for a route's pattern (parameters become `1`).
fn concrete(pattern: &str) -> String {
    pattern.split('/').map(|s| if s.starts_with('{') { "1" } else { s }).collect::<Vec<_>>().join("/")
}

#[test]
fn a_wrong_method_on_any_known_path_is_405_with_allow() {
    let mut methods: BTreeMap<&str, BTreeSet<Method>> = BTreeMap::new();
    for route in routes() {
        methods.entry(route.path).or_default().insert(route.method);
    }
    let mut checked = 0;
    for (path, has) in &methods {
        let Some(wrong) = [Method::Get, Method::Post, Method::Delete].into_iter().find(|m| !has.contains(m)) else {
            continue;
        };
        let url = concrete(path);
        // Another route may own the concrete path (`/v1/products/1` vs `/v1/products/pending`): skip those.
        if senzu_core::api::routes::resolve(wrong, &url).is_ok() {
            continue;
        }
        let a = app().call_bare(wrong.as_str(), &url, Auth::None, &[], &[]);
        assert_eq!(a.status, 405, "{wrong} {url}: {}", a.body);
        assert_eq!(a.error_code(), 405, "{wrong} {url}");
        let allow: BTreeSet<&str> = a.allow.as_deref().unwrap_or_default().split(", ").collect();
        let expected: BTreeSet<&str> = has.iter().map(|m| m.as_str()).collect();
        assert_eq!(allow, expected, "Allow of {url}");
        checked += 1;
    }
    assert!(checked > 50, "only {checked} paths checked");
}

#[test]
fn unknown_paths_and_methods_are_404_and_405() {
    let a = app().get("/v1/no-such-thing");
    assert_eq!((a.status, a.error_code()), (404, 404));
    let a = app().call_bare("PUT", "/v1/user", Auth::None, &[], &[]);
    assert_eq!(a.status, 405, "{}", a.body);
    let a = app().call_bare("PATCH", "/v1/products/1", Auth::None, &[], &[]);
    assert_eq!(a.status, 405, "{}", a.body);
}

#[test]
fn a_body_that_cannot_be_read_is_400_naming_why() {
    let ada = new_account("rules");
    for (content_type, body, says) in [
        ("application/json", "{\"alias_name\": ", "not valid JSON"),
        ("application/json", "[\"alias_name\"]", "must be an object"),
        ("application/xml", "<alias_name>x</alias_name>", "content-type application/xml"),
    ] {
        let a = app().post_raw("/v1/groups", ada.auth(), content_type, body.as_bytes().to_vec());
        assert_eq!(a.status, 400, "{content_type}: {}", a.body);
        assert!(a.json()["error"]["message"].as_str().unwrap_or_default().contains(says), "{}", a.body);
    }
    // Nothing was created by any of them.
    let groups = app().call("GET", "/v1/groups", ada.auth(), &[], &[]);
    assert_eq!(groups.json(), serde_json::json!({}), "{}", groups.body);
    // Percent-escapes that are not UTF-8 are read, replaced, never a 500.
    let a =
        app().post_raw("/v1/groups", ada.auth(), "application/x-www-form-urlencoded", b"alias_name=%FF%FE".to_vec());
    assert_eq!(a.status, 201, "{}", a.body);
}

#[test]
fn json_and_form_bodies_are_the_same_request_and_creates_are_201() {
    let ada = new_account("rules-json");
    let json =
        app().post_raw("/v1/groups", ada.auth(), "application/json", br#"{"alias_name":"  Via JSON "}"#.to_vec());
    assert_eq!(json.status, 201, "{}", json.body);
    assert_eq!(json.json()["alias_name"], "Via JSON");
    let form = app().call("POST", "/v1/groups", ada.auth(), &[("alias_name", "Via form")], &[]);
    assert_eq!(form.status, 201, "{}", form.body);
    let missing = app().post_raw("/v1/groups", ada.auth(), "application/json", b"{}".to_vec());
    assert_eq!((missing.status, missing.error_code()), (419, 419));
    assert!(missing.body.contains("alias_name"), "{}", missing.body);
    let too_long = "x".repeat(101);
    let bad = app().call("POST", "/v1/groups", ada.auth(), &[("alias_name", too_long.as_str())], &[]);
    assert_eq!((bad.status, bad.error_code()), (420, 420));
    assert!(bad.body.contains("alias_name"), "{}", bad.body);
}

#[test]
fn list_filters_are_checked_and_applied() {
    let ada = new_account("rules-list");
    for name in ["g1", "g2", "g3"] {
        assert_eq!(app().call("POST", "/v1/groups", ada.auth(), &[("alias_name", name)], &[]).status, 201);
    }
    let list = |query: &str| app().call("GET", &format!("/v1/groups?{query}"), ada.auth(), &[], &[]);
    let names = |query: &str| -> Vec<String> {
        let a = list(query);
        assert_eq!(a.status, 200, "{query}: {}", a.body);
        let v = a.json();
        (0..)
            .map_while(|i| v.get(i.to_string()).map(|g| g["alias_name"].as_str().unwrap_or_default().to_string()))
            .collect()
    };
    assert_eq!(names("limit=2"), ["g1", "g2"]);
    assert_eq!(names("sort_by=id:desc&limit=null"), ["g3", "g2", "g1"]);
    assert_eq!(names("index=1:gte"), ["g2", "g3"]);
    for (query, names_it) in [
        ("limit=0", "limit"),
        ("sort_by=secret:asc", "sort_by"),
        ("index_id=x:lt", "index_id"),
        ("colour=red", "colour"),
    ] {
        let a = list(query);
        assert_eq!((a.status, a.error_code()), (430, 430), "{query}: {}", a.body);
        assert!(a.body.contains(names_it), "{query}: {}", a.body);
    }
}
