//! Applications and their plugins: create/list/update/delete, plugstore form
//! validation naming the field, order, locks, schedules, and what a tap shows.
mod common;

use common::{app, new_account, Account};
use serde_json::Value;

fn create_app(who: &Account, form: &[(&str, &str)]) -> Value {
    let created = app().call("POST", "/v1/applications", who.auth(), form, &[]);
    assert_eq!(created.status, 201, "{}", created.body);
    created.json()
}

fn add_plugin(who: &Account, id_app: i64, store: &str, name: &str, data: &str) -> common::Answer {
    app().call(
        "POST",
        &format!("/v1/applications/{id_app}/plugins"),
        who.auth(),
        &[("id_plugstore", store), ("name", name), ("data", data)],
        &[],
    )
}

/// A product paired by `who` whose NFC record shows `id_app`: returns the record key.
fn object_showing(who: &Account, id_app: i64) -> String {
    common::paired_showing(who, id_app).2
}

#[test]
fn applications_are_created_listed_filtered_updated_and_deleted() {
    let ada = new_account("apps");
    let a = create_app(&ada, &[("name", "Business"), ("subtitle", "Hello"), ("color", "purple")]);
    assert_eq!(a["chmod"], 5);
    assert_eq!(a["alias_name"], "Business", "alias defaults to the name");
    assert_eq!(a["color"], "purple");
    assert_eq!(a["background_color"], "light");
    assert_eq!(a["is_locked"], false);
    let id = a["id"].as_i64().unwrap();
    create_app(&ada, &[("name", "Private"), ("password", "s3cret")]);

    let list = app().call("GET", "/v1/applications?limit=null", ada.auth(), &[], &[]).json();
    assert_eq!(list.as_object().unwrap().len(), 2);
    let locked = app().call("GET", "/v1/applications?is_locked=true", ada.auth(), &[], &[]).json();
    assert_eq!(locked["0"]["name"], "Private");
    assert!(locked["1"].is_null());
    let contains = app().call("GET", "/v1/applications?contains=Busi", ada.auth(), &[], &[]).json();
    assert_eq!(contains["0"]["id"], id);
    assert_eq!(app().call("GET", "/v1/applications?chmod=9", ada.auth(), &[], &[]).error_code(), 420);

    for (field, value) in
        [("color", "pink"), ("background_color", "sepia"), ("url_image", "javascript:x"), ("password", "ab")]
    {
        let bad = app().call("POST", &format!("/v1/applications/{id}"), ada.auth(), &[(field, value)], &[]);
        assert_eq!(bad.error_code(), 420, "{field}");
        assert!(bad.body.contains(field), "{field}: {}", bad.body);
    }
    assert_eq!(app().call("POST", "/v1/applications", ada.auth(), &[("subtitle", "x")], &[]).error_code(), 419);

    let updated = app().call(
        "POST",
        &format!("/v1/applications/{id}"),
        ada.auth(),
        &[("background_color", "auto"), ("alias_name", "Biz")],
        &[],
    );
    assert_eq!(updated.json()["background_color"], "auto");
    assert_eq!(updated.json()["alias_name"], "Biz");
    assert_eq!(updated.json()["subtitle"], "Hello", "untouched fields stay");

    let key = object_showing(&ada, id);
    let play = app().get(&format!("/v1/plays/{key}")).json();
    assert_eq!(play["title"], "Biz");

    let deleted = app().call("DELETE", &format!("/v1/applications/{id}"), ada.auth(), &[], &[]);
    assert_eq!(deleted.status, 200);
    assert_eq!(app().get(&format!("/v1/plays/{key}")).error_code(), 464, "the record shows no application");
    assert_eq!(app().call("GET", &format!("/v1/applications/{id}"), ada.auth(), &[], &[]).status, 404);
}

#[test]
fn the_application_list_follows_the_api_rules() {
    let ada = new_account("apps-rules");
    for name in ["Alpha", "Beta", "Gamma"] {
        create_app(&ada, &[("name", name)]);
    }
    let get = |query: &str| app().call("GET", &format!("/v1/applications?{query}"), ada.auth(), &[], &[]);
    let names = |query: &str| -> Vec<String> {
        let list = get(query).json();
        let mut entries: Vec<(usize, String)> = list
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.parse().unwrap(), v["name"].as_str().unwrap().to_string()))
            .collect();
        entries.sort();
        entries.into_iter().map(|(_, n)| n).collect()
    };
    assert_eq!(names("contains=amm"), ["Gamma"]);
    assert_eq!(names("limit=2"), ["Alpha", "Beta"]);
    assert_eq!(names("limit=null&sort_by=name:desc"), ["Gamma", "Beta", "Alpha"]);
    assert_eq!(names("limit=1&sort_by=name:desc&contains=a"), ["Gamma"]);
    for (query, named) in [("colour=red", "colour"), ("sort_by=password:asc", "sort_by"), ("limit=0", "limit")] {
        let refused = get(query);
        assert_eq!(refused.error_code(), 430, "{query}: {}", refused.body);
        assert!(refused.body.contains(named), "{query}: {}", refused.body);
    }
    // Every list of the slice refuses what is not one of its filters.
    let id = create_app(&ada, &[("name", "Delta")])["id"].as_i64().unwrap();
    for path in [
        format!("/v1/applications/{id}/plugins?colour=red"),
        format!("/v1/applications/{id}/shares?sort_by=url:asc"),
        "/v1/plugstores?limit=0".to_string(),
        "/v1/files?bogus=1".to_string(),
    ] {
        let refused = app().call("GET", &path, ada.auth(), &[], &[]);
        assert_eq!(refused.error_code(), 430, "{path}: {}", refused.body);
    }
    let (status, headers) = app().headers_of("DELETE", "/v1/applications", &[]);
    assert_eq!(status, 405);
    assert_eq!(headers.get("allow").map(String::as_str), Some("GET, POST"), "{headers:?}");
}

#[test]
fn plugin_data_is_checked_against_the_plugstore_form() {
    let ada = new_account("form");
    let id = create_app(&ada, &[("name", "Forms")])["id"].as_i64().unwrap();
    let missing = add_plugin(&ada, id, "1", "Call", "{}");
    assert_eq!(missing.error_code(), 419);
    assert!(missing.body.contains("data.phone_number"), "{}", missing.body);
    let bad = add_plugin(&ada, id, "1", "Call", r#"{"phone_number":"call me maybe"}"#);
    assert_eq!(bad.error_code(), 420);
    assert!(bad.body.contains("phone_number"));
    let unsafe_link = add_plugin(&ada, id, "5", "Site", r#"{"url":"javascript:alert(1)"}"#);
    assert_eq!(unsafe_link.error_code(), 420);
    let unknown = add_plugin(&ada, id, "1", "Call", r#"{"phone_number":"0700000000","extra":"x"}"#);
    assert!(unknown.body.contains("extra"));
    assert_eq!(add_plugin(&ada, id, "1", "Call", "not json").error_code(), 420);
    assert_eq!(add_plugin(&ada, id, "999", "Call", "{}").error_code(), 420);
    let filters = app().call(
        "POST",
        &format!("/v1/applications/{id}/plugins"),
        ada.auth(),
        &[
            ("id_plugstore", "1"),
            ("data", r#"{"phone_number":"0700000000"}"#),
            ("filters", r#"{"from":"25:00","to":"1"}"#),
        ],
        &[],
    );
    assert_eq!(filters.error_code(), 420);
    assert!(filters.body.contains("filters"));
    // Nothing was saved by any of those.
    let list = app().call("GET", &format!("/v1/applications/{id}/plugins"), ada.auth(), &[], &[]).json();
    assert!(list["0"].is_null(), "{list}");
    let ok = add_plugin(&ada, id, "1", "Call", r#"{"phone_number":" +33 6 00 00 00 00 "}"#);
    assert_eq!(ok.status, 201, "{}", ok.body);
    assert_eq!(ok.json()["data"]["phone_number"], "+33 6 00 00 00 00", "trimmed");
    assert_eq!(ok.json()["sort_order"], 1);
}

#[test]
fn plugins_are_ordered_locked_scheduled_and_played_in_that_order() {
    let ada = new_account("order");
    let id = create_app(&ada, &[("name", "Order")])["id"].as_i64().unwrap();
    let call = add_plugin(&ada, id, "1", "Call", r#"{"phone_number":"0700000000"}"#).json()["id"].as_i64().unwrap();
    let site = add_plugin(&ada, id, "5", "Site", r#"{"url":"senzu.app"}"#).json()["id"].as_i64().unwrap();
    let note = add_plugin(&ada, id, "16", "Note", r#"{"text":"hi"}"#).json()["id"].as_i64().unwrap();
    let key = object_showing(&ada, id);
    let names = |key: &str| -> Vec<String> {
        let play = app().get(&format!("/v1/plays/{key}")).json();
        play["plugins"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(names(&key), ["Call", "Site", "Note"]);

    let order = format!("[{note},{call},{site}]");
    let reordered =
        app().call("POST", &format!("/v1/applications/{id}/plugins/order"), ada.auth(), &[("items", &order)], &[]);
    assert_eq!(reordered.status, 200, "{}", reordered.body);
    assert_eq!(names(&key), ["Note", "Call", "Site"]);
    let partial = format!("[{note},{call}]");
    let refused =
        app().call("POST", &format!("/v1/applications/{id}/plugins/order"), ada.auth(), &[("items", &partial)], &[]);
    assert_eq!(refused.error_code(), 420, "every plugin exactly once");

    // Disabled plugins leave the play; a schedule that is closed now hides it too.
    app().call("POST", &format!("/v1/plugins/{site}"), ada.auth(), &[("is_enabled", "false")], &[]);
    assert_eq!(names(&key), ["Note", "Call"]);
    // A window two hours from now is closed now, whatever the time of the run.
    let hour = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() / 3600 % 24;
    let closed = format!(r#"{{"from":"{:02}:00","to":"{:02}:00"}}"#, (hour + 2) % 24, (hour + 3) % 24);
    let open = r#"{"from":"00:00","to":"23:59"}"#;
    let scheduled = app().call("POST", &format!("/v1/plugins/{call}"), ada.auth(), &[("filters", &closed)], &[]);
    assert_eq!(scheduled.status, 200, "{}", scheduled.body);
    assert_eq!(names(&key), ["Note"]);
    let reopened = app().call("POST", &format!("/v1/plugins/{call}"), ada.auth(), &[("filters", open)], &[]);
    assert_eq!(reopened.json()["filters"]["from"], "00:00");
    app().call("POST", &format!("/v1/plugins/{call}"), ada.auth(), &[("filters", "")], &[]);
    assert_eq!(names(&key), ["Note", "Call"]);

    // A lock: the tile shows locked, opening needs the password.
    let locked = app().call("POST", &format!("/v1/plugins/{note}"), ada.auth(), &[("password", "open-it")], &[]);
    assert_eq!(locked.json()["is_locked"], true);
    assert!(locked.json()["password"].is_null(), "never returned");
    assert_eq!(app().get(&format!("/v1/plays/{key}/plugins/{note}")).error_code(), 460);
    assert_eq!(app().get(&format!("/v1/plays/{key}/plugins/{note}?password=open-it")).status, 200);
    let unlocked = app().call("POST", &format!("/v1/plugins/{note}"), ada.auth(), &[("is_locked", "false")], &[]);
    assert_eq!(unlocked.json()["is_locked"], false);

    let deleted = app().call("DELETE", &format!("/v1/plugins/{note}"), ada.auth(), &[], &[]);
    assert_eq!(deleted.status, 200);
    assert_eq!(names(&key), ["Call"]);
}
