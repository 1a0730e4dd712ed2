//! Security suite, data lifetime: each test is an attack that once worked
//! (issue 11) and must now fail.

mod common;

use common::{app, code_of, new_account, Account, Auth};

fn png() -> Vec<u8> {
    senzu_core::qr::png("https://senzu.app/security-data", 2).unwrap()
}

fn upload(who: &Account) -> String {
    let source = format!("data:image/png;base64,{}", senzu_core::page::base64(&png()));
    let uploaded = app().call("POST", "/v1/files", who.auth(), &[("source", &source)], &[]);
    assert_eq!(uploaded.status, 201, "{}", uploaded.body);
    let url = uploaded.json()["url"].as_str().unwrap().to_string();
    url.strip_prefix(&app().base_url).unwrap().to_string()
}

fn delete_account(who: &Account) {
    let asked = app().call("POST", "/v1/procedures/users/delete-account", who.auth(), &[], &[]);
    assert_eq!(asked.status, 200, "{}", asked.body);
    let code = code_of(&app().mail_link(&who.email, "delete_account"));
    assert_eq!(app().call("POST", "/v1/delete-account", Auth::None, &[("code", &code)], &[]).status, 200);
}

fn new_application(who: &Account, name: &str) -> i64 {
    let created = app().call("POST", "/v1/applications", who.auth(), &[("name", name)], &[]);
    assert_eq!(created.status, 201, "{}", created.body);
    created.json()["id"].as_i64().unwrap()
}

#[test]
fn ids_of_deleted_rows_are_never_handed_out_again() {
    let ada = new_account("ids");
    // The newest application is deleted, then a new one is made: it must not inherit the id
    // (and with it the old one's play events and share links).
    let first = new_application(&ada, "First");
    assert_eq!(app().call("DELETE", &format!("/v1/applications/{first}"), ada.auth(), &[], &[]).status, 200);
    let second = new_application(&ada, "Second");
    assert!(second > first, "application id {first} was handed out again ({second})");
    // The same for plugins and groups.
    let plugin = |app_id: i64| {
        let p = app().call(
            "POST",
            &format!("/v1/applications/{app_id}/plugins"),
            ada.auth(),
            &[("id_plugstore", "16"), ("data", r#"{"text":"note"}"#)],
            &[],
        );
        assert_eq!(p.status, 201, "{}", p.body);
        p.json()["id"].as_i64().unwrap()
    };
    let p1 = plugin(second);
    assert_eq!(app().call("DELETE", &format!("/v1/plugins/{p1}"), ada.auth(), &[], &[]).status, 200);
    assert!(plugin(second) > p1);
    let group = |name: &str| {
        app().call("POST", "/v1/groups", ada.auth(), &[("alias_name", name)], &[]).json()["id"].as_i64().unwrap()
    };
    let g1 = group("One");
    assert_eq!(app().call("DELETE", &format!("/v1/groups/{g1}"), ada.auth(), &[], &[]).status, 200);
    assert!(group("Two") > g1);

    // An account: the next sign-up never gets the deleted one's id (nor its call logs).
    let gone = new_account("ids-gone");
    delete_account(&gone);
    let next = new_account("ids-next");
    assert!(next.id > gone.id, "user id {} was handed out again ({})", gone.id, next.id);
    let logs = app().call("GET", "/v1/user/logs?limit=null", next.auth(), &[], &[]);
    assert_eq!(logs.status, 200, "{}", logs.body);
    assert!(!logs.body.contains("delete-account"), "the deleted account's calls: {}", logs.body);
}

#[test]
fn a_deleted_accounts_files_are_no_longer_public() {
    let ada = new_account("files-gone");
    let path = upload(&ada);
    assert_eq!(app().bytes_of(&path).0, 200);
    delete_account(&ada);
    assert_eq!(app().bytes_of(&path).0, 404, "the bytes went with the account");
}
