//! Developer accounts: the documented developer object, one per account, only
//! the account's own reached; a developer with apps is not deleted.

mod common;

use common::{app, new_account, Account};
use serde_json::Value;

fn post(who: &Account, path: &str, form: &[(&str, &str)]) -> common::Answer {
    app().call("POST", path, who.auth(), form, &[])
}

fn get(who: &Account, path: &str) -> common::Answer {
    app().call("GET", path, who.auth(), &[], &[])
}

#[test]
fn an_account_becomes_a_developer_once_and_edits_its_documented_profile() {
    let ada = new_account("ada");
    assert_eq!(get(&ada, "/v1/developers/main").status, 404, "not a developer yet");
    let bad = post(&ada, "/v1/developers", &[("contact_email", "not an address")]);
    assert_eq!(bad.status, 420, "{}", bad.body);
    assert!(bad.body.contains("contact_email"), "{}", bad.body);
    assert_eq!(post(&ada, "/v1/developers", &[("id_company", "1")]).status, 420, "no companies yet");

    let made = post(&ada, "/v1/developers", &[("contact_email", "ada@dev.test")]);
    assert_eq!(made.status, 201, "{}", made.body);
    let dev: Value = made.json();
    let id = dev["id"].as_i64().unwrap();
    // Every documented field, with the account's name as the default reference.
    for field in [
        "url_image",
        "id_company",
        "id_currency",
        "reference",
        "alias_name",
        "chmod",
        "is_main_account",
        "balance",
        "is_user_chargeable",
        "contact_email",
        "url",
        "is_enabled",
        "is_verified",
        "date_created",
        "date_updated",
    ] {
        assert!(dev.get(field).is_some(), "{field} missing: {dev}");
    }
    assert_eq!(dev["reference"], "ada");
    assert_eq!(dev["alias_name"], "ada");
    assert_eq!(
        (dev["chmod"].clone(), dev["is_main_account"].clone(), dev["is_verified"].clone()),
        (3.into(), true.into(), false.into())
    );
    assert_eq!(dev["contact_email"], "ada@dev.test");

    let twice = post(&ada, "/v1/developers", &[]);
    assert_eq!(twice.status, 409, "one developer per account: {}", twice.body);
    let listed = get(&ada, "/v1/developers").json();
    assert_eq!(listed["0"]["id"], id);
    assert!(listed.get("1").is_none());

    let renamed = post(&ada, "/v1/developers/main", &[("alias_name", "Ada L."), ("url", "https://ada.dev.test")]);
    assert_eq!(renamed.status, 200, "{}", renamed.body);
    assert_eq!(renamed.json()["alias_name"], "Ada L.");
    assert!(renamed.json()["date_updated"].is_object());
    let by_id = post(&ada, &format!("/v1/developers/{id}"), &[("url", "")]);
    assert_eq!(by_id.status, 200, "{}", by_id.body);
    assert!(by_id.json()["url"].is_null(), "an empty url clears it");
    assert_eq!(get(&ada, &format!("/v1/developers/{id}")).json()["alias_name"], "Ada L.");
    assert_eq!(post(&ada, "/v1/developers/main", &[]).status, 419, "an update names something to change");
    assert_eq!(post(&ada, "/v1/developers/main", &[("id_image", "999999")]).status, 420, "only one's own files");

    // Another account reaches none of it.
    let eve = new_account("eve");
    assert_eq!(post(&eve, "/v1/developers", &[]).status, 201);
    assert_eq!(get(&eve, &format!("/v1/developers/{id}")).status, 404);
    assert_eq!(post(&eve, &format!("/v1/developers/{id}"), &[("alias_name", "Mine")]).status, 404);
    assert_eq!(app().call("DELETE", &format!("/v1/developers/{id}"), eve.auth(), &[], &[]).status, 404);
    assert_eq!(get(&ada, &format!("/v1/developers/{id}")).json()["alias_name"], "Ada L.");

    // With an app it stays (the app's users hold its tokens); without, it goes.
    let registered = post(&ada, "/v1/developers/main/apps", &[("display_name", "Ada's app")]);
    assert_eq!(registered.status, 201, "{}", registered.body);
    common::remember_secret(registered.json()["private_key"].as_str().unwrap());
    let kept = app().call("DELETE", &format!("/v1/developers/{id}"), ada.auth(), &[], &[]);
    assert_eq!(kept.status, 409, "{}", kept.body);
    let id_app = registered.json()["id"].as_i64().unwrap();
    assert_eq!(app().call("DELETE", &format!("/v1/apps/{id_app}"), ada.auth(), &[], &[]).status, 200);
    let gone = app().call("DELETE", &format!("/v1/developers/{id}"), ada.auth(), &[], &[]);
    assert_eq!(gone.status, 200, "{}", gone.body);
    assert_eq!(get(&ada, "/v1/developers/main").status, 404);
}
