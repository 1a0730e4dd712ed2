//! Developers publish to the plugstore: an entry with versions and their
//! languages, a form checked when a version is made, a review that only
//! Senzu's staff complete (`cargo xtask admin publish-plugstore`, run here as
//! the same SQL), and a published entry that owners add and plays show like
//! Senzu's own plugins. Another developer reaches none of it.

mod common;

use common::{app, execute_sql, new_account, paired_showing, Account};
use serde_json::{json, Value};

fn post(who: &Account, path: &str, form: &[(&str, &str)]) -> common::Answer {
    app().call("POST", path, who.auth(), form, &[])
}

fn get(who: &Account, path: &str) -> common::Answer {
    app().call("GET", path, who.auth(), &[], &[])
}

fn developer(prefix: &str) -> Account {
    let who = new_account(prefix);
    let made = post(&who, "/v1/developers", &[("contact_email", "dev@dev.test")]);
    assert_eq!(made.status, 201, "{}", made.body);
    who
}

fn link_form(url: &str) -> String {
    json!({
        "fields": [
            {"name": "handle", "type": "text", "required": true, "label_fr": "Pseudo", "label_en": "Handle"},
            {"name": "tab", "type": "text", "label_fr": "Onglet", "label_en": "Tab"}
        ],
        "action": {"type": "link", "url": url}
    })
    .to_string()
}

/// A developer's draft entry: `(entry, first version)`.
fn draft_entry(dev: &Account, name: &str) -> (i64, i64) {
    let form = link_form("https://tunes.example/@{handle}?tab={tab}");
    let made = post(
        dev,
        "/v1/plugstores",
        &[("display_name", name), ("lang", "fr"), ("catchphrase", "Vos morceaux"), ("id_icon", "104"), ("form", &form)],
    );
    assert_eq!(made.status, 201, "{}", made.body);
    let v: Value = made.json();
    (v["id"].as_i64().unwrap(), v["version"]["id"].as_i64().unwrap())
}

fn catalogue_ids(who: &Account) -> Vec<i64> {
    let list = get(who, "/v1/plugstores?limit=null");
    assert_eq!(list.status, 200, "{}", list.body);
    list.json().as_object().unwrap().values().map(|e| e["id"].as_i64().unwrap()).collect()
}

#[test]
fn a_developer_writes_submits_and_senzu_publishes_then_an_owner_adds_it_and_a_tap_shows_it() {
    let dev = developer("plugdev");
    let (entry, version) = draft_entry(&dev, "Tunes");
    assert!(entry >= 1001, "developers' ids are above Senzu's own: {entry}");

    // The documented create answer: the entry, its version and its language.
    let detail = get(&dev, &format!("/v1/plugstores/{entry}"));
    assert_eq!(detail.status, 200, "{}", detail.body);
    assert_eq!((detail.json()["status"].clone(), detail.json()["icon"]["id"].clone()), ("draft".into(), 104.into()));
    let lang = get(&dev, &format!("/v1/plugstores/versions/{version}/langs/fr"));
    assert_eq!(lang.status, 200, "{}", lang.body);
    assert_eq!(lang.json()["catchphrase"], "Vos morceaux");
    assert!(lang.json().get("gpdr_address_city").is_some(), "the documented spelling: {}", lang.body);
    let en = post(
        &dev,
        &format!("/v1/plugstores/versions/{version}/langs"),
        &[("lang", "en"), ("display_name", "Tunes"), ("catchphrase", "Your tracks")],
    );
    assert_eq!(en.status, 201, "{}", en.body);
    assert_eq!(
        post(&dev, &format!("/v1/plugstores/versions/{version}/langs"), &[("lang", "en"), ("display_name", "x")])
            .status,
        409
    );
    let langs = get(&dev, &format!("/v1/plugstores/versions/{version}/langs")).json();
    assert_eq!((langs["0"]["lang"].clone(), langs["1"]["lang"].clone()), ("fr".into(), "en".into()));

    // Not offered to others before it is published.
    let owner = new_account("plugowner");
    assert!(!catalogue_ids(&owner).contains(&entry));
    assert!(catalogue_ids(&dev).contains(&entry), "its developer sees it in any state");
    assert_eq!(get(&owner, &format!("/v1/plugstores/{entry}")).status, 404);
    let id_app = post(&owner, "/v1/applications", &[("name", "Band")]).json()["id"].as_i64().unwrap();
    let early = post(
        &owner,
        &format!("/v1/applications/{id_app}/plugins"),
        &[("id_plugstore", &entry.to_string()), ("data", r#"{"handle":"ada"}"#)],
    );
    assert_eq!(early.status, 420, "not published yet: {}", early.body);

    // Submitting freezes it; only the review publishes.
    let submitted = post(&dev, &format!("/v1/plugstores/{entry}/versions/{version}"), &[("is_requested", "1")]);
    assert_eq!(submitted.status, 200, "{}", submitted.body);
    assert_eq!(
        (submitted.json()["status"].clone(), submitted.json()["is_requested"].clone()),
        ("submitted".into(), true.into())
    );
    assert_eq!(get(&dev, &format!("/v1/plugstores/{entry}")).json()["status"], "submitted");
    let frozen = post(&dev, &format!("/v1/plugstores/{entry}/versions/{version}"), &[("copyright", "me")]);
    assert_eq!(frozen.status, 409, "{}", frozen.body);
    assert_eq!(post(&dev, &format!("/v1/plugstores/versions/{version}/langs/en"), &[("tags", "music")]).status, 409);
    let self_publish = post(&dev, &format!("/v1/plugstores/{entry}"), &[("id_version", &version.to_string())]);
    assert_eq!(self_publish.status, 403, "{}", self_publish.body);
    execute_sql(&senzu_xtask::admin::publish_plugstore_sql(version));

    let published = get(&owner, &format!("/v1/plugstores/{entry}"));
    assert_eq!(published.status, 200, "{}", published.body);
    let p = published.json();
    assert_eq!(
        (p["status"].clone(), p["id_version"].clone(), p["name"].clone()),
        ("publish".into(), version.into(), "custom".into())
    );
    assert!(catalogue_ids(&owner).contains(&entry));
    let form = get(&owner, &format!("/v1/plugstores/{entry}/form")).json();
    assert_eq!(form["fields"][0]["attributes"]["name"], "handle");
    assert_eq!(form["fields"][0]["attributes"]["required"], true);

    // The owner's data is checked with the same rules as Senzu's own forms.
    let add = |data: &str| {
        post(
            &owner,
            &format!("/v1/applications/{id_app}/plugins"),
            &[("id_plugstore", &entry.to_string()), ("name", "My tunes"), ("data", data)],
        )
    };
    let missing = add(r#"{"tab":"top"}"#);
    assert_eq!(missing.status, 419, "{}", missing.body);
    assert!(missing.body.contains("data.handle"), "{}", missing.body);
    let unknown = add(r#"{"handle":"ada","href":"https://evil.example"}"#);
    assert_eq!(unknown.status, 420, "{}", unknown.body);
    let added = add(r#"{"handle":"ada lovelace/../x","tab":"top"}"#);
    assert_eq!(added.status, 201, "{}", added.body);
    assert_eq!((added.json()["kind"].clone(), added.json()["icon"]["id"].clone()), ("custom".into(), 104.into()));

    // A tap shows it: the link is the developer's host with the owner's values encoded.
    let (_, _, key) = paired_showing(&owner, id_app);
    let play = app().get(&format!("/v1/plays/{key}"));
    assert_eq!(play.status, 200, "{}", play.body);
    let tile = play.json()["plugins"].as_array().unwrap().iter().find(|t| t["name"] == "My tunes").cloned().unwrap();
    assert_eq!(tile["kind"], "custom");
    assert_eq!(tile["id_icon"], 104);
    assert_eq!(tile["action"]["href"], "https://tunes.example/@ada%20lovelace%2F..%2Fx?tab=top");
    let page = app().get(&format!("/p/{key}"));
    assert!(
        page.body.contains("https://tunes.example/@ada%20lovelace%2F..%2Fx?tab=top"),
        "the first paint has the link"
    );

    // A published version is frozen; the next one starts as a draft and plays keep the published one.
    let next = post(
        &dev,
        &format!("/v1/plugstores/{entry}/versions"),
        &[("name", "2.0"), ("form", &link_form("https://tunes.example/v2/{handle}"))],
    );
    assert_eq!(next.status, 201, "{}", next.body);
    assert_eq!(next.json()["status"], "draft");
    let again = app().get(&format!("/v1/plays/{key}")).json();
    assert!(again.to_string().contains("https://tunes.example/@ada"), "{again}");

    // In use: not deleted; taken out of the catalogue instead, the owner's tile stays.
    assert_eq!(app().call("DELETE", &format!("/v1/plugstores/{entry}"), dev.auth(), &[], &[]).status, 409);
    let off = post(&dev, &format!("/v1/plugstores/{entry}"), &[("is_enabled", "false")]);
    assert_eq!(off.status, 200, "{}", off.body);
    assert!(!catalogue_ids(&owner).contains(&entry));
    assert_eq!(add(r#"{"handle":"bob"}"#).status, 420, "no new plugins of an entry out of the catalogue");
    assert!(app().get(&format!("/v1/plays/{key}")).body.contains("tunes.example"));

    // Senzu withdraws it: its tiles leave the plays.
    execute_sql(&senzu_xtask::admin::unpublish_plugstore_sql(entry));
    assert!(!app().get(&format!("/v1/plays/{key}")).body.contains("tunes.example"));
}

#[test]
fn a_form_that_could_send_visitors_elsewhere_is_refused_by_name() {
    let dev = developer("plugform");
    for (form, field) in [
        (link_form("https://{handle}.example/"), "form.action.url"),
        (link_form("http://tunes.example/{handle}"), "form.action.url"),
        (link_form("javascript:alert(1)//{handle}"), "form.action.url"),
        (link_form("https://tunes.example/{nope}"), "form.action.url"),
        (
            json!({"fields":[{"name":"Bad Name","type":"text","label_fr":"a","label_en":"a"}],"action":{"type":"text","text":"x"}})
                .to_string(),
            "form.fields.0.name",
        ),
        (
            json!({"fields":[{"name":"pw","type":"password","label_fr":"a","label_en":"a"}],"action":{"type":"text","text":"x"}})
                .to_string(),
            "form",
        ),
    ] {
        let made = post(&dev, "/v1/plugstores", &[("display_name", "Bad"), ("form", &form)]);
        assert_eq!(made.status, 420, "{form}: {}", made.body);
        assert!(made.body.contains(field), "{field}: {}", made.body);
    }
    assert_eq!(post(&dev, "/v1/plugstores", &[("display_name", "No form")]).status, 419);
    assert_eq!(
        post(
            &dev,
            "/v1/plugstores",
            &[("display_name", "x"), ("form", &link_form("https://a.example/{handle}")), ("id_icon", "99")]
        )
        .status,
        420
    );
    assert_eq!(
        post(
            &dev,
            "/v1/plugstores",
            &[("display_name", "x"), ("form", &link_form("https://a.example/{handle}")), ("id_category", "99")]
        )
        .status,
        420
    );
    // Not a developer: nothing to create until the account is one.
    let plain = new_account("plugplain");
    assert_eq!(
        post(&plain, "/v1/plugstores", &[("display_name", "x"), ("form", &link_form("https://a.example/{handle}"))])
            .status,
        404
    );
    // A submission needs a language; an entry made with one has it.
    let (entry, version) = draft_entry(&dev, "Fine");
    let v2 = post(
        &dev,
        &format!("/v1/plugstores/{entry}/versions"),
        &[("name", "2.0"), ("form", &link_form("https://a.example/{handle}"))],
    );
    assert_eq!(v2.status, 201, "{}", v2.body);
    let v2 = v2.json()["id"].as_i64().unwrap();
    assert_eq!(post(&dev, &format!("/v1/plugstores/{entry}/versions/{v2}"), &[("is_requested", "1")]).status, 409);
    assert_eq!(
        post(
            &dev,
            &format!("/v1/plugstores/{entry}/versions"),
            &[("name", "2.0"), ("form", &link_form("https://a.example/{handle}"))]
        )
        .status,
        409,
        "names are unique per entry"
    );
    // A draft's form is checked again when it changes; a withdrawn submission edits again.
    let bad =
        post(&dev, &format!("/v1/plugstores/{entry}/versions/{version}"), &[("form", &link_form("https://{handle}/"))]);
    assert_eq!(bad.status, 420, "{}", bad.body);
    assert_eq!(post(&dev, &format!("/v1/plugstores/{entry}/versions/{version}"), &[("is_requested", "1")]).status, 200);
    assert_eq!(post(&dev, &format!("/v1/plugstores/{entry}/versions/{version}"), &[("is_requested", "0")]).status, 200);
    assert_eq!(
        post(&dev, &format!("/v1/plugstores/{entry}/versions/{version}"), &[("copyright", "Fine Ltd")]).status,
        200
    );
    // Unused: deleted with its versions.
    assert_eq!(app().call("DELETE", &format!("/v1/plugstores/{entry}"), dev.auth(), &[], &[]).status, 200);
    assert_eq!(get(&dev, &format!("/v1/plugstores/{entry}")).status, 404);
}

#[test]
fn another_developer_reaches_none_of_an_entry() {
    let dev = developer("plugmine");
    let (entry, version) = draft_entry(&dev, "Mine");
    let eve = developer("plugeve");
    for (method, path, form) in [
        ("GET", format!("/v1/plugstores/{entry}"), vec![]),
        ("GET", format!("/v1/plugstores/{entry}/form"), vec![]),
        ("POST", format!("/v1/plugstores/{entry}"), vec![("is_enabled", "false")]),
        ("DELETE", format!("/v1/plugstores/{entry}"), vec![]),
        ("GET", format!("/v1/plugstores/{entry}/versions"), vec![]),
        (
            "POST",
            format!("/v1/plugstores/{entry}/versions"),
            vec![("name", "9"), ("form", r#"{"action":{"type":"text","text":"x"}}"#)],
        ),
        ("GET", format!("/v1/plugstores/{entry}/versions/{version}"), vec![]),
        ("POST", format!("/v1/plugstores/{entry}/versions/{version}"), vec![("is_requested", "1")]),
        ("GET", format!("/v1/plugstores/versions/{version}/langs"), vec![]),
        ("GET", format!("/v1/plugstores/versions/{version}/langs/fr"), vec![]),
        ("POST", format!("/v1/plugstores/versions/{version}/langs"), vec![("lang", "en"), ("display_name", "Stolen")]),
        ("POST", format!("/v1/plugstores/versions/{version}/langs/fr"), vec![("display_name", "Stolen")]),
    ] {
        let a = app().call(method, &path, eve.auth(), &form, &[]);
        assert_eq!(a.status, 404, "{method} {path}: {}", a.body);
    }
    // Nor through another entry's path.
    let (eve_entry, _) = draft_entry(&eve, "Eve's");
    assert_eq!(get(&eve, &format!("/v1/plugstores/{eve_entry}/versions/{version}")).status, 404);
    assert_eq!(get(&dev, &format!("/v1/plugstores/{entry}")).json()["display_name"], "Mine");
    // Icons: Senzu's, by id, as documented.
    let icons = get(&eve, "/v1/icons?limit=null").json();
    assert_eq!(icons["0"]["tags"], "phone");
    assert!(icons.as_object().unwrap().values().any(|i| i["id"] == 100 && i["tags"] == "puzzle"));
}
