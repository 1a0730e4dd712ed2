//! Folders: a user's files in a tree of their own. Only one's own folders are
//! reached; a folder never goes inside itself; only an empty folder is
//! deleted; uploads count against the plan's storage.
mod common;

use common::{app, execute_sql, new_account, Account, Auth};
use serde_json::Value;

fn png() -> Vec<u8> {
    senzu_core::qr::png("https://senzu.app/folders-test", 2).unwrap()
}

fn data_url(bytes: &[u8]) -> String {
    format!("data:image/png;base64,{}", senzu_core::page::base64(bytes))
}

fn folder(who: &Account, name: &str, parent: Option<i64>) -> Value {
    let parent = parent.map(|p| p.to_string()).unwrap_or_default();
    let made = app().call("POST", "/v1/folders", who.auth(), &[("name", name), ("id_parent", &parent)], &[]);
    assert_eq!(made.status, 201, "{}", made.body);
    made.json()
}

fn upload(who: &Account, id_folder: Option<i64>) -> common::Answer {
    let folder = id_folder.map(|f| f.to_string()).unwrap_or_default();
    app().call("POST", "/v1/files", who.auth(), &[("source", &data_url(&png())), ("id_folder", &folder)], &[])
}

fn id(v: &Value) -> i64 {
    v["id"].as_i64().expect("id")
}

fn keyed(v: &Value) -> Vec<Value> {
    let map = v.as_object().expect("keyed list");
    (0..map.len()).map(|i| map[&i.to_string()].clone()).collect()
}

#[test]
fn files_are_filed_moved_and_folders_emptied_before_they_go() {
    let ada = new_account("folders");
    let logos = folder(&ada, "Logos", None);
    assert_eq!(logos["parent"], Value::Null);
    assert_eq!(logos["name"], "Logos");
    assert_eq!(logos["user"]["id"], ada.id);
    let old = folder(&ada, "Old ones", Some(id(&logos)));
    assert_eq!(old["parent"]["id"], id(&logos));
    assert_eq!(old["parent"]["name"], "Logos");

    // An upload straight into a folder, and a file moved into one.
    let filed = upload(&ada, Some(id(&old)));
    assert_eq!(filed.status, 201, "{}", filed.body);
    assert_eq!(filed.json()["id_folder"], id(&old));
    assert_eq!(filed.json()["folder"], "Old ones");
    let loose = upload(&ada, None).json();
    assert_eq!(loose["id_folder"], Value::Null);
    let moved = app().call(
        "POST",
        &format!("/v1/files/{}", id(&loose)),
        ada.auth(),
        &[("id_folder", &id(&logos).to_string())],
        &[],
    );
    assert_eq!(moved.status, 200, "{}", moved.body);
    assert_eq!(moved.json()["folder"], "Logos");
    assert_eq!(moved.json()["name"], loose["name"], "the name is kept");

    let in_logos = app().call("GET", &format!("/v1/folders/{}/files", id(&logos)), ada.auth(), &[], &[]);
    assert_eq!(keyed(&in_logos.json()).iter().map(id).collect::<Vec<_>>(), vec![id(&loose)]);
    let listed = keyed(&app().call("GET", "/v1/folders", ada.auth(), &[], &[]).json());
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0], serde_json::json!({"id": id(&logos), "parent": null, "name": "Logos"}));
    assert_eq!(listed[1]["parent"], id(&logos));
    let got = app().call("GET", &format!("/v1/folders/{}", id(&logos)), ada.auth(), &[], &[]).json();
    assert_eq!((got["quantity_file"].as_i64(), got["quantity_folder"].as_i64()), (Some(1), Some(1)));

    // Never inside itself, nor inside one of its own folders.
    for parent in [id(&logos), id(&old)] {
        let cycle = app().call(
            "POST",
            &format!("/v1/folders/{}", id(&logos)),
            ada.auth(),
            &[("id_parent", &parent.to_string())],
            &[],
        );
        assert_eq!(cycle.status, 409, "{}", cycle.body);
        assert!(cycle.body.contains("inside itself"), "{}", cycle.body);
    }
    let nothing = app().call("POST", &format!("/v1/folders/{}", id(&logos)), ada.auth(), &[], &[]);
    assert_eq!(nothing.error_code(), 419);

    // Not empty: refused and nothing lost; emptied: it goes.
    let refused = app().call("DELETE", &format!("/v1/folders/{}", id(&logos)), ada.auth(), &[], &[]);
    assert_eq!(refused.status, 409);
    assert!(refused.body.contains("1 files and 1 folders"), "{}", refused.body);
    assert_eq!(app().call("GET", &format!("/v1/files/{}", id(&loose)), ada.auth(), &[], &[]).status, 200);
    // The sub-folder moves to the top; the file leaves its folder (an empty id_folder).
    let top = app().call(
        "POST",
        &format!("/v1/folders/{}", id(&old)),
        ada.auth(),
        &[("id_parent", ""), ("name", "Archive")],
        &[],
    );
    assert_eq!(top.status, 200, "{}", top.body);
    assert_eq!(top.json()["parent"], Value::Null);
    assert_eq!(top.json()["name"], "Archive");
    let out = app().call("POST", &format!("/v1/files/{}", id(&loose)), ada.auth(), &[("id_folder", "")], &[]);
    assert_eq!(out.json()["id_folder"], Value::Null);
    let gone = app().call("DELETE", &format!("/v1/folders/{}", id(&logos)), ada.auth(), &[], &[]);
    assert_eq!(gone.status, 200, "{}", gone.body);
    assert_eq!(gone.json(), serde_json::json!({"id": id(&logos), "deleted": true}));
    assert_eq!(app().call("GET", &format!("/v1/folders/{}", id(&logos)), ada.auth(), &[], &[]).status, 404);
}

#[test]
fn another_accounts_folders_are_out_of_reach() {
    let ada = new_account("folders2");
    let bob = new_account("folders3");
    let adas = folder(&ada, "Private", None);
    let adas_file = upload(&ada, Some(id(&adas))).json();
    let path = format!("/v1/folders/{}", id(&adas));
    for (method, path, form) in [
        ("GET", path.clone(), vec![]),
        ("POST", path.clone(), vec![("name", "Mine now")]),
        ("DELETE", path.clone(), vec![]),
        ("GET", format!("{path}/files"), vec![]),
    ] {
        let answer = app().call(method, &path, bob.auth(), &form, &[]);
        assert_eq!(answer.status, 404, "{method} {path}: {}", answer.body);
    }
    // Nor can Bob file into it, nest under it, or move Ada's folder or file.
    assert_eq!(upload(&bob, Some(id(&adas))).status, 404);
    let nested =
        app().call("POST", "/v1/folders", bob.auth(), &[("name", "In"), ("id_parent", &id(&adas).to_string())], &[]);
    assert_eq!(nested.status, 404, "{}", nested.body);
    let bobs = folder(&bob, "Bob's", None);
    let under = app().call(
        "POST",
        &format!("/v1/folders/{}", id(&bobs)),
        bob.auth(),
        &[("id_parent", &id(&adas).to_string())],
        &[],
    );
    assert_eq!(under.status, 404);
    let bobs_file = upload(&bob, None).json();
    let filed = app().call(
        "POST",
        &format!("/v1/files/{}", id(&bobs_file)),
        bob.auth(),
        &[("id_folder", &id(&adas).to_string())],
        &[],
    );
    assert_eq!(filed.status, 404);
    let stolen = app().call(
        "POST",
        &format!("/v1/files/{}", id(&adas_file)),
        bob.auth(),
        &[("id_folder", &id(&bobs).to_string())],
        &[],
    );
    assert_eq!(stolen.status, 404);
    assert!(keyed(&app().call("GET", "/v1/folders", bob.auth(), &[], &[]).json()).iter().all(|f| id(f) != id(&adas)));
    // Ada's folder is as it was.
    let still = app().call("GET", &path, ada.auth(), &[], &[]).json();
    assert_eq!((still["name"].as_str(), still["quantity_file"].as_i64()), (Some("Private"), Some(1)));
    // Without a session: 401.
    assert_eq!(app().call("GET", "/v1/folders", Auth::None, &[], &[]).status, 401);
}

#[test]
fn uploads_stop_at_the_plans_storage() {
    let ada = new_account("folders4");
    // As if Ada had uploaded all but 100 bytes of the free plan's 100 MiB.
    execute_sql(&format!(
        "INSERT INTO files (id, id_user, name, file_name, file_size, mime) VALUES \
         ((SELECT next FROM fresh_ids WHERE name = 'files'), {}, 'big', 'quota-{}.png', {}, 'image/png')",
        ada.id,
        ada.id,
        (100 << 20) - 100
    ));
    let refused = upload(&ada, None);
    assert_eq!(refused.status, 402, "{}", refused.body);
    assert!(refused.body.contains("100 MiB of files"), "{}", refused.body);
    let plan = app().call("GET", "/v1/user/plan", ada.auth(), &[], &[]).json();
    let storage = plan["usage"].as_array().unwrap().iter().find(|u| u["resource"] == "storage").unwrap().clone();
    assert_eq!(storage["max"], 100 << 20);
    assert_eq!(storage["used"], (100 << 20) - 100);
    // Nothing was stored by the refused upload.
    assert_eq!(keyed(&app().call("GET", "/v1/files", ada.auth(), &[], &[]).json()).len(), 1);
}

#[test]
fn folder_arguments_are_checked_by_name() {
    let ada = new_account("folders5");
    let blank = app().call("POST", "/v1/folders", ada.auth(), &[("name", "   ")], &[]);
    assert_eq!(blank.status / 100, 4);
    assert!(blank.body.contains("name"), "{}", blank.body);
    let bad_parent = app().call("POST", "/v1/folders", ada.auth(), &[("name", "A"), ("id_parent", "x")], &[]);
    assert_eq!(bad_parent.status / 100, 4);
    assert!(bad_parent.body.contains("id_parent"), "{}", bad_parent.body);
    let bad_folder =
        app().call("POST", "/v1/files", ada.auth(), &[("source", &data_url(&png())), ("id_folder", "-3")], &[]);
    assert_eq!(bad_folder.status / 100, 4);
    assert!(bad_folder.body.contains("id_folder"), "{}", bad_folder.body);
    // Nesting stops at the documented depth.
    let mut parent = None;
    for depth in 1..=senzu_core::api::folders::MAX_DEPTH {
        parent = Some(id(&folder(&ada, &format!("Level {depth}"), parent)));
    }
    let deeper = app().call(
        "POST",
        "/v1/folders",
        ada.auth(),
        &[("name", "Too deep"), ("id_parent", &parent.unwrap().to_string())],
        &[],
    );
    assert_eq!(deeper.status, 409, "{}", deeper.body);
}
