//! The user routes: `/v1/user` with its per-role fields, updates, logs, addresses.

mod common;

use common::{app, demo, Auth};

fn tokens() -> (String, String) {
    let d = demo();
    let session = app().sign_in(d["owner"]["email"].as_str().unwrap(), d["owner"]["password"].as_str().unwrap());
    let token = app().user_token(
        &session,
        d["app"]["id"].as_i64().unwrap(),
        "basic,user_mail,manage_basic,user_logs,user_addresses,manage_user_addresses",
        d["app"]["redirect_url"].as_str().unwrap(),
    );
    (session, token)
}

#[test]
fn user_fields_follow_the_roles_and_returns_selects_them() {
    let (_, token) = tokens();
    let user = app().call("GET", "/v1/user", Auth::Bearer(&token), &[], &[]).json();
    assert_eq!(user["email"], demo()["owner"]["email"]);
    assert!(user.get("birthdate").is_none() && user.get("phone").is_none());
    assert!(user.get("password").is_none() && user.get("password_hash").is_none());
    let some = app().call("GET", "/v1/user?returns=id,firstname", Auth::Bearer(&token), &[], &[]).json();
    assert_eq!(some.as_object().unwrap().len(), 2);
    assert_eq!(app().call("GET", "/v1/user?returns=secret", Auth::Bearer(&token), &[], &[]).error_code(), 420);
    assert_eq!(app().call("GET", "/v1/user?fields=birthdate", Auth::Bearer(&token), &[], &[]).error_code(), 403);
}

#[test]
fn update_user_returns_the_whole_object_and_checks_arguments() {
    let (_, token) = tokens();
    let updated = app().call("POST", "/v1/user", Auth::Bearer(&token), &[("username", "ada"), ("country", "gb")], &[]);
    assert_eq!(updated.status, 200, "{}", updated.body);
    assert_eq!(updated.json()["username"], "ada");
    assert_eq!(updated.json()["country"], "GB");
    assert_eq!(updated.json()["lastname"], "Lovelace");
    for (k, v) in [("gender", "9"), ("birthdate", "x"), ("language", "de"), ("country", "France")] {
        let a = app().call("POST", "/v1/user", Auth::Bearer(&token), &[(k, v)], &[]);
        assert_eq!(a.error_code(), 420, "{k}={v}: {}", a.body);
        assert!(a.body.contains(k));
    }
}

#[test]
fn logs_list_calls_without_secrets() {
    let (_, token) = tokens();
    app().call("GET", &format!("/v1/user?token={token}&returns=id"), Auth::None, &[], &[]);
    let logs = app().call("GET", "/v1/user/logs?limit=50", Auth::Bearer(&token), &[], &[]);
    assert_eq!(logs.status, 200, "{}", logs.body);
    let text = logs.body.clone();
    assert!(text.contains("returns=id"), "{text}");
    assert!(!text.contains(&token), "the token never reaches the log");
    let first = logs.json()["0"]["id"].as_i64().unwrap();
    assert_eq!(app().call("GET", &format!("/v1/user/logs/{first}"), Auth::Bearer(&token), &[], &[]).status, 200);
    assert_eq!(app().call("GET", "/v1/user/logs?limit=0", Auth::Bearer(&token), &[], &[]).error_code(), 430);
}

#[test]
fn addresses_are_created_updated_as_new_and_deleted() {
    let (_, token) = tokens();
    let form = [
        ("alias", "Home 2"),
        ("firstname", "Pierre"),
        ("lastname", "Dupont"),
        ("street", "1 Cours Emile Zola"),
        ("country_code", "fr"),
        ("city", "Lyon"),
        ("zipcode", "69006"),
        ("state", "Rhone-Alpes"),
    ];
    let created = app().call("POST", "/v1/addresses", Auth::Bearer(&token), &form, &[]);
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.json()["country_code"], "FR");
    let id = created.json()["id"].as_i64().unwrap();
    let missing = app().call("POST", "/v1/addresses", Auth::Bearer(&token), &form[..7], &[]);
    assert_eq!(missing.error_code(), 419);
    assert!(missing.body.contains("state"));
    let updated =
        app().call("POST", &format!("/v1/addresses/{id}"), Auth::Bearer(&token), &[("city", "Villeurbanne")], &[]);
    let new_id = updated.json()["id"].as_i64().unwrap();
    assert_ne!(new_id, id, "an update makes a new address");
    assert_eq!(updated.json()["street"], "1 Cours Emile Zola");
    assert_eq!(app().call("GET", &format!("/v1/addresses/{id}"), Auth::Bearer(&token), &[], &[]).status, 404);
    assert_eq!(app().call("DELETE", &format!("/v1/addresses/{new_id}"), Auth::Bearer(&token), &[], &[]).status, 200);
    assert_eq!(app().call("DELETE", &format!("/v1/addresses/{new_id}"), Auth::Bearer(&token), &[], &[]).status, 404);
}
