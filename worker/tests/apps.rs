//! API management: developer apps and their redirects, domains, platforms,
//! roles, calls and tokens; the private key is shown once.

mod common;

use common::{app, demo, remember_secret, Auth};

fn session() -> String {
    let d = demo();
    app().sign_in(d["owner"]["email"].as_str().unwrap(), d["owner"]["password"].as_str().unwrap())
}

#[test]
fn an_app_shows_its_private_key_once_and_the_key_is_an_app_token() {
    let s = session();
    let created = app().call(
        "POST",
        "/v1/developers/main/apps",
        Auth::Cookie(&s),
        &[
            ("display_name", "My new App"),
            ("redirects", "https://new.senzu.test/cb,http://localhost:3000/cb"),
            ("domains", "new.senzu.test"),
            ("platforms", r#"["web","ios"]"#),
        ],
        &[],
    );
    assert_eq!(created.status, 201, "{}", created.body);
    let body = created.json();
    let key = body["private_key"].as_str().unwrap().to_string();
    remember_secret(&key);
    assert_eq!(key.len(), 64);
    assert_eq!(body["roles"][0]["alias_role"], "basic");
    assert_eq!(body["redirects"][1]["url"], "http://localhost:3000/cb");
    assert_eq!(body["platforms"][0]["data"], serde_json::json!(["web", "ios"]));
    let id = body["id"].as_i64().unwrap();

    let read = app().call("GET", &format!("/v1/apps/{id}"), Auth::Cookie(&s), &[], &[]).json();
    assert!(read["private_key"].is_null(), "never shown again");
    assert_eq!(read["private_key_hint"], &key[60..]);
    // The key is the app's token: it reads its own app (with developer_basic, which it lacks: 403).
    assert_eq!(app().call("GET", &format!("/v1/apps/{id}"), Auth::Bearer(&key), &[], &[]).status, 403);
    // Rotation gives a new key and retires the old one.
    let rotated = app().call(
        "POST",
        &format!("/v1/apps/{id}"),
        Auth::Cookie(&s),
        &[("private_key", "new"), ("contact_email", "dev@new.senzu.test")],
        &[],
    );
    let new_key = rotated.json()["private_key"].as_str().unwrap().to_string();
    remember_secret(&new_key);
    assert_ne!(new_key, key);
    assert_eq!(rotated.json()["contact_email"], "dev@new.senzu.test");
    assert_eq!(app().call("GET", "/v1/user", Auth::Bearer(&key), &[], &[]).status, 401);

    let listed = app().call("GET", "/v1/developers/main/apps?limit=null", Auth::Cookie(&s), &[], &[]).json();
    assert!(listed.as_object().unwrap().values().any(|a| a["id"] == id));
    assert_eq!(app().call("DELETE", &format!("/v1/apps/{id}"), Auth::Cookie(&s), &[], &[]).status, 200);
    assert_eq!(app().call("GET", &format!("/v1/apps/{id}"), Auth::Cookie(&s), &[], &[]).status, 404);
}

#[test]
fn redirects_domains_and_platforms_are_managed_and_checked() {
    let s = session();
    let created =
        app().call("POST", "/v1/developers/main/apps", Auth::Cookie(&s), &[("display_name", "Children")], &[]);
    remember_secret(created.json()["private_key"].as_str().unwrap());
    let id = created.json()["id"].as_i64().unwrap();
    let post = |path: &str, form: &[(&str, &str)]| {
        app().call("POST", &format!("/v1/apps/{id}/{path}"), Auth::Cookie(&s), form, &[])
    };
    for bad in ["javascript:alert(1)", "http://plain.senzu.test/cb", "https://x.test/cb#f", "relative/cb"] {
        assert_eq!(post("redirects", &[("url", bad)]).error_code(), 420, "{bad}");
    }
    assert_eq!(post("redirects", &[]).error_code(), 419);
    let r = post("redirects", &[("url", "https://children.senzu.test/cb")]).json();
    let rid = r["id"].as_i64().unwrap();
    let moved = post(&format!("redirects/{rid}"), &[("ulr", "https://children.senzu.test/cb2")]);
    assert_eq!(moved.json()["url"], "https://children.senzu.test/cb2", "the documented `ulr` spelling works");
    assert!(moved.json()["date_updated"]["date"].is_string());
    let d = post("domains", &[("url", "children.senzu.test")]).json();
    assert_eq!(d["status"], true);
    assert_eq!(post("platforms", &[("data", "windows")]).error_code(), 420);
    let p = post("platforms", &[("data", r#"["windows"]"#)]).json();
    assert_eq!(p["data"][0], "windows");
    let list = app().call("GET", &format!("/v1/apps/{id}/redirects"), Auth::Cookie(&s), &[], &[]).json();
    assert_eq!(list["0"]["id"], rid);
    let del = app().call("DELETE", &format!("/v1/apps/{id}/redirects/{rid}"), Auth::Cookie(&s), &[], &[]);
    assert_eq!(del.status, 200);
    assert_eq!(app().call("DELETE", &format!("/v1/apps/{id}/redirects/{rid}"), Auth::Cookie(&s), &[], &[]).status, 404);
    assert_eq!(
        app().call("GET", "/v1/apps/categories", Auth::Cookie(&s), &[], &[]).json()["0"]["name"],
        "Business and Pages"
    );
}

#[test]
fn an_app_sees_its_calls_and_tokens_but_another_developers_app_is_404() {
    let s = session();
    let id_app = demo()["app"]["id"].as_i64().unwrap();
    let key = demo()["app"]["private_key"].as_str().unwrap().to_string();
    let token = app().user_token(&s, id_app, "basic", demo()["app"]["redirect_url"].as_str().unwrap());
    app().call("GET", "/v1/user", Auth::Bearer(&token), &[], &[]);
    let calls = app().call("GET", &format!("/v1/apps/{id_app}/calls?limit=null"), Auth::Bearer(&key), &[], &[]);
    assert_eq!(calls.status, 200, "{}", calls.body);
    assert!(calls.json().as_object().unwrap().values().any(|c| c["route"] == "/user"));
    let tokens = app().call("GET", &format!("/v1/apps/{id_app}/tokens"), Auth::Bearer(&key), &[], &[]).json();
    assert!(!tokens["token"].as_array().unwrap().is_empty());
    assert!(!tokens.to_string().contains(&token));
    // The friend is not the developer of the demo app.
    let d = demo();
    let friend = app().sign_in(d["friend"]["email"].as_str().unwrap(), d["friend"]["password"].as_str().unwrap());
    assert_eq!(app().call("GET", &format!("/v1/apps/{id_app}"), Auth::Cookie(&friend), &[], &[]).status, 404);
    assert_eq!(app().call("GET", "/v1/developers/main/apps", Auth::Cookie(&friend), &[], &[]).status, 403);
}
