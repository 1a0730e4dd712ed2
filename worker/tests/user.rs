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

/// API.md "Wire format": a body that cannot be read is a 400 that says why, never an empty body.
#[test]
fn a_body_that_cannot_be_parsed_is_a_400_naming_why() {
    let (_, token) = tokens();
    for (content_type, body, why) in [
        ("application/json", "{\"alias\": ", "not valid JSON"),
        ("application/json", "[\"alias\", \"Home\"]", "must be an object"),
        ("application/xml", "<alias>Home</alias>", "content-type application/xml is not accepted"),
    ] {
        let answer = app().post_raw("/v1/addresses", Auth::Bearer(&token), content_type, body.as_bytes().to_vec());
        assert_eq!(answer.status, 400, "{content_type} {body}: {}", answer.body);
        assert_eq!(answer.error_code(), 400);
        let message = answer.json()["error"]["message"].as_str().unwrap().to_string();
        assert!(message.contains(why), "{content_type} {body}: {message}");
    }
    // The same fields as JSON are read like a form: a missing one is named.
    let json =
        app().post_raw("/v1/addresses", Auth::Bearer(&token), "application/json", br#"{"alias":"Home"}"#.to_vec());
    assert_eq!(json.error_code(), 419, "{}", json.body);
    assert_eq!(json.json()["error"]["message"], "missing argument: firstname");
}

/// The documented list filters: an unknown or malformed one is a 430 naming it.
#[test]
fn a_bad_filter_on_the_user_logs_is_a_430_naming_it() {
    let (_, token) = tokens();
    app().call("GET", "/v1/user", Auth::Bearer(&token), &[], &[]);
    for (query, named) in [("limit=0", "limit"), ("colour=red", "colour"), ("sort_by=route:asc", "sort_by")] {
        let answer = app().call("GET", &format!("/v1/user/logs?{query}"), Auth::Bearer(&token), &[], &[]);
        assert_eq!(answer.status, 430, "{query}: {}", answer.body);
        assert_eq!(answer.error_code(), 430);
        assert!(answer.json()["error"]["message"].as_str().unwrap().contains(named), "{query}: {}", answer.body);
    }
    let newest = app().call("GET", "/v1/user/logs?limit=1&sort_by=id:desc", Auth::Bearer(&token), &[], &[]).json();
    assert_eq!(newest.as_object().unwrap().len(), 1, "{newest}");
    let all = app().call("GET", "/v1/user/logs?limit=null", Auth::Bearer(&token), &[], &[]).json();
    let mut keyed: Vec<(usize, i64)> =
        all.as_object().unwrap().iter().map(|(k, c)| (k.parse().unwrap(), c["id"].as_i64().unwrap())).collect();
    keyed.sort_unstable();
    let ids: Vec<i64> = keyed.into_iter().map(|(_, id)| id).collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first: {ids:?}");
}

/// A known path with another method is a 405 that says which methods it takes.
#[test]
fn a_wrong_method_on_the_user_is_a_405_with_allow() {
    let (_, token) = tokens();
    let answer = app().call("DELETE", "/v1/user", Auth::Bearer(&token), &[], &[]);
    assert_eq!(answer.status, 405, "{}", answer.body);
    assert_eq!(answer.error_code(), 405);
    assert_eq!(answer.allow.as_deref(), Some("GET, POST"));
}
