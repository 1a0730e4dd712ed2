//! Contact exchange end to end: a visitor leaves their details through a
//! play's "contact_exchange" plugin; the owner gets a mail and a contact, tags
//! it, notes it, exports it (CSV, and vCard parsed back by an independent
//! RFC 6350 parser) and deletes it; the visitor deletes it with their mail's
//! link; bad input is named; bots, floods and strangers get nothing.

mod common;

use common::{app, execute_sql, new_account, partner_play, unique_email, Account, Answer, Auth};
use serde_json::{json, Value};

/// An owner of their own, with an exchange plugin on a fresh paired object:
/// `(owner, id_app, record key, plugin id)`.
fn exchange_play(visible_from: Option<&str>) -> (Account, i64, String, i64) {
    let owner = new_account("exchange");
    let mut data = json!({"title": "Say hello"});
    if let Some(level) = visible_from {
        data["visible_from"] = json!(level);
    }
    let (id_app, key, id_plugin) = partner_play(&owner, "21", data);
    (owner, id_app, key, id_plugin)
}

fn random_ip() -> String {
    format!("10.{}.{}.{}", rand::random::<u8>(), rand::random::<u8>(), rand::random::<u8>())
}

fn leave(key: &str, id_plugin: i64, form: &[(&str, &str)], ip: &str) -> Answer {
    app().call(
        "POST",
        &format!("/v1/plays/{key}/plugins/{id_plugin}/contact"),
        Auth::None,
        form,
        &[("cf-connecting-ip", ip), ("accept-language", "fr-FR,fr;q=0.9")],
    )
}

fn contacts_of(who: &Account, query: &str) -> Vec<Value> {
    let list = app().call("GET", &format!("/v1/contacts?limit=null{query}"), who.auth(), &[], &[]);
    assert_eq!(list.status, 200, "{}", list.body);
    list.json().as_object().unwrap().values().cloned().collect()
}

fn mail_to(to: &str, mail_type: &str) -> Option<Value> {
    app().outbox().into_iter().find(|m| m["to"] == to && m["mail_type"] == mail_type)
}

#[test]
fn a_visitor_leaves_their_details_and_the_owner_gets_them() {
    let (owner, id_app, key, id_plugin) = exchange_play(None);
    let visitor = unique_email("grace");
    let sent = leave(
        &key,
        id_plugin,
        &[
            ("name", "Grace Hopper"),
            ("email", &visitor),
            ("phone", "+1 (555) 010-0999"),
            ("company", "US Navy; COBOL"),
            ("note", "Met at the compilers talk.\nCall me!"),
            ("consent", "true"),
        ],
        &random_ip(),
    );
    assert_eq!(sent.status, 201, "{}", sent.body);
    assert_eq!(sent.json()["status"], "sent");
    assert!(!sent.body.contains(&owner.email), "the visitor saw the owner's address");

    // The owner's mail: the details (escaped), a link to the contacts page.
    let mail = mail_to(&owner.email, "contact_exchange").expect("a mail to the owner");
    let html = mail["html"].as_str().unwrap();
    assert!(html.contains("Grace Hopper") && html.contains("+15550100999") && html.contains(&visitor), "{html}");
    assert!(html.contains("/dashboard/contacts"), "{html}");
    // The visitor's copy, in their language, with a link to delete it (the token in the fragment).
    let receipt = mail_to(&visitor, "contact_receipt").expect("a copy to the visitor");
    assert_eq!(receipt["subject"], "Les coordonnées que vous avez partagées");
    let link = receipt["links"][0].as_str().unwrap();
    assert!(link.contains("/forget-contact#"), "{link}");
    assert!(!receipt["html"].as_str().unwrap().contains(&owner.email), "the owner's address went to the visitor");

    // The contact, as the owner reads it.
    let all = contacts_of(&owner, "");
    assert_eq!(all.len(), 1, "{all:?}");
    let c = &all[0];
    assert_eq!(c["name"], "Grace Hopper");
    assert_eq!(c["email"], visitor.as_str());
    assert_eq!(c["phone"], "+15550100999");
    assert_eq!(c["company"], "US Navy; COBOL");
    assert_eq!(c["note"], "Met at the compilers talk.\nCall me!");
    assert_eq!(c["id_application"], id_app);
    assert_eq!(c["id_plugin"], id_plugin);
    assert!(c["id_product"].is_i64());
    assert_eq!(c["tags"], json!([]));
    let id = c["id"].as_i64().unwrap();

    // Tags and a note, then search and tag filters.
    let path = format!("/v1/contacts/{id}");
    let tagged = app().call(
        "POST",
        &path,
        owner.auth(),
        &[("tags", " lead, Conference,LEAD "), ("owner_note", "Follow up")],
        &[],
    );
    assert_eq!(tagged.status, 200, "{}", tagged.body);
    assert_eq!(tagged.json()["tags"], json!(["lead", "Conference"]));
    assert_eq!(tagged.json()["owner_note"], "Follow up");
    assert_eq!(contacts_of(&owner, "&search=COBOL").len(), 1);
    assert_eq!(contacts_of(&owner, "&search=nobody-like-this").len(), 0);
    assert_eq!(contacts_of(&owner, "&tag=conference").len(), 1);
    assert_eq!(contacts_of(&owner, "&tag=conf").len(), 0);
    assert_eq!(contacts_of(&owner, &format!("&id_application={id_app}")).len(), 1);
    assert_eq!(app().call("GET", "/v1/contacts?colour=red", owner.auth(), &[], &[]).error_code(), 430);
    // Clearing a note keeps the tags.
    let cleared = app().call("POST", &path, owner.auth(), &[("owner_note", "")], &[]);
    assert_eq!(cleared.json()["owner_note"], Value::Null);
    assert_eq!(cleared.json()["tags"], json!(["lead", "Conference"]));

    // CSV: a download, RFC 4180, the header and the row.
    let csv = app().call("GET", "/v1/contacts/export?format=csv", owner.auth(), &[], &[]);
    assert_eq!(csv.status, 200);
    assert!(csv.content_type.starts_with("text/csv"), "{}", csv.content_type);
    let mut lines = csv.body.split("\r\n");
    assert_eq!(lines.next(), Some(senzu_core::contacts::CSV_HEADER.join(",").as_str()));
    let row = lines.next().unwrap();
    assert!(row.contains("Grace Hopper") && row.contains("\"Met at the compilers talk.\nCall me!\""), "{row}");
    let (_, headers) =
        app().headers_of("GET", "/v1/contacts/export", &[("cookie", &format!("senzu_session={}", owner.session))]);
    assert!(headers["content-disposition"].starts_with("attachment; filename=\"senzu-contacts-"), "{headers:?}");

    // vCard: it imports — an independent parser reads the card back.
    let vcf = app().call("GET", "/v1/contacts/export?format=vcard&tag=lead", owner.auth(), &[], &[]);
    assert_eq!(vcf.status, 200);
    assert!(vcf.content_type.starts_with("text/vcard"), "{}", vcf.content_type);
    let cards = vcard4::parse(&vcf.body).unwrap_or_else(|e| panic!("{e}: {}", vcf.body));
    assert_eq!(cards.len(), 1);
    assert_eq!(cards[0].formatted_name[0].value, "Grace Hopper");
    assert_eq!(cards[0].email[0].value, visitor);
    assert_eq!(cards[0].categories[0].value, ["lead", "Conference"]);
    assert_eq!(app().call("GET", "/v1/contacts/export?format=xlsx", owner.auth(), &[], &[]).error_code(), 430);

    // Deleted by the owner: gone.
    assert_eq!(app().call("DELETE", &path, owner.auth(), &[], &[]).status, 200);
    assert_eq!(app().call("GET", &path, owner.auth(), &[], &[]).status, 404);
    assert!(contacts_of(&owner, "").is_empty());
}

#[test]
fn the_visitor_deletes_what_they_left_with_their_mails_link() {
    let (owner, _, key, id_plugin) = exchange_play(None);
    let visitor = unique_email("forget");
    let form = [("email", visitor.as_str()), ("consent", "1")];
    assert_eq!(leave(&key, id_plugin, &form, &random_ip()).status, 201);
    assert_eq!(contacts_of(&owner, "").len(), 1);
    let link = mail_to(&visitor, "contact_receipt").unwrap()["links"][0].as_str().unwrap().to_string();
    let token = link.split('#').nth(1).expect("a token in the fragment").to_string();
    let forget = |token: &str| app().call("POST", "/v1/contacts/forget", Auth::None, &[("token", token)], &[]);
    assert_eq!(forget(&"0".repeat(48)).status, 404, "a made-up token deletes nothing");
    assert_eq!(forget("").error_code(), 419);
    assert_eq!(contacts_of(&owner, "").len(), 1);
    assert_eq!(forget(&token).status, 200);
    assert!(contacts_of(&owner, "").is_empty());
    assert_eq!(forget(&token).status, 404, "once");
}

#[test]
fn bad_input_is_named_and_keeps_nothing() {
    let (owner, _, key, id_plugin) = exchange_play(None);
    let ip = random_ip();
    let code = |form: &[(&str, &str)]| {
        let a = leave(&key, id_plugin, form, &ip);
        (a.status, a.error_code(), a.json()["error"]["message"].as_str().unwrap_or_default().to_string())
    };
    let (status, _, message) = code(&[("email", "a@b.fr")]);
    assert_eq!(status, 419);
    assert!(message.contains("consent"), "{message}");
    let (_, e, message) = code(&[("name", "Only a name"), ("consent", "true")]);
    assert_eq!(e, 419);
    assert!(message.contains("email or phone"), "{message}");
    assert!(code(&[("email", "not an address"), ("consent", "true")]).2.contains("email"));
    assert!(code(&[("phone", "call me maybe"), ("consent", "true")]).2.contains("phone"));
    let long = "x".repeat(1001);
    let (_, e, message) = code(&[("email", "a@b.fr"), ("note", &long), ("consent", "true")]);
    assert_eq!(e, 420);
    assert!(message.contains("note is longer than 1000"), "{message}");
    assert_eq!(code(&[("email", "a@b.fr"), ("consent", "maybe")]).1, 420, "a consent that is not a yes or no");
    // No such exchange on this play: another plugin id, or a tile of another kind.
    assert_eq!(leave(&key, id_plugin + 100_000, &[("email", "a@b.fr"), ("consent", "true")], &ip).status, 404);
    let demo_static = common::demo()["records"]["static"].as_str().unwrap().to_string();
    assert_eq!(leave(&demo_static, 1, &[("email", "a@b.fr"), ("consent", "true")], &ip).status, 404);
    // A bot fills the field people never see: it is told "sent", and nothing is kept or mailed.
    let bot = unique_email("bot");
    let trapped = leave(&key, id_plugin, &[("email", &bot), ("consent", "true"), ("website", "http://spam.test")], &ip);
    assert_eq!(trapped.status, 201);
    assert!(mail_to(&bot, "contact_receipt").is_none());
    assert!(contacts_of(&owner, "").is_empty());
}

#[test]
fn a_visitor_meets_a_limit_and_a_flood_meets_the_objects() {
    let (owner, _, key, id_plugin) = exchange_play(None);
    let ip = random_ip();
    for i in 0..5 {
        let email = format!("limit-{i}-{}", unique_email("v"));
        assert_eq!(leave(&key, id_plugin, &[("email", &email), ("consent", "true")], &ip).status, 201);
    }
    let over = leave(&key, id_plugin, &[("email", "six@senzu.test"), ("consent", "true")], &ip);
    assert_eq!(over.status, 429, "{}", over.body);
    assert!(over.retry_after.is_some());
    // Another visitor is not held back by the first.
    assert_eq!(
        leave(&key, id_plugin, &[("phone", "+33 6 00 00 00 01"), ("consent", "true")], &random_ip()).status,
        201
    );
    assert_eq!(contacts_of(&owner, "").len(), 6);
    // The flood limit counts every visitor of the plugin: at 100 an hour it refuses whatever the IP.
    execute_sql(&format!("UPDATE rate_limits SET hits = 100 WHERE key = 'contact-flood:{id_plugin}:all'"));
    let flooded = leave(&key, id_plugin, &[("phone", "+33 6 00 00 00 02"), ("consent", "true")], &random_ip());
    assert_eq!(flooded.status, 429, "{}", flooded.body);
    assert_eq!(contacts_of(&owner, "").len(), 6);
}

#[test]
fn contacts_are_seen_only_from_the_level_the_owner_sets() {
    let (owner, id_app, key, id_plugin) = exchange_play(None);
    let email = unique_email("private");
    assert_eq!(leave(&key, id_plugin, &[("email", &email), ("consent", "true")], &random_ip()).status, 201);
    let id = contacts_of(&owner, "")[0]["id"].as_i64().unwrap();
    // A manager of the application (chmod 3), and a stranger.
    let manager = new_account("manager");
    execute_sql(&format!(
        "INSERT INTO application_users (id_application, id_user, chmod, is_enabled) VALUES ({id_app}, {}, 3, 1)",
        manager.id
    ));
    let stranger = new_account("stranger");
    let path = format!("/v1/contacts/{id}");
    for who in [&manager, &stranger] {
        assert!(contacts_of(who, "").is_empty(), "owners only by default");
        assert_eq!(app().call("GET", &path, who.auth(), &[], &[]).status, 404);
        assert_eq!(app().call("POST", &path, who.auth(), &[("owner_note", "mine")], &[]).status, 404);
        assert_eq!(app().call("DELETE", &path, who.auth(), &[], &[]).status, 404);
        let export = app().call("GET", "/v1/contacts/export?format=csv", who.auth(), &[], &[]);
        assert!(!export.body.contains(&email), "{}", export.body);
    }
    // The owner lets managers see them: the setting takes effect at once.
    let plugin = format!("/v1/plugins/{id_plugin}");
    let data = json!({"title": "Say hello", "visible_from": "3"}).to_string();
    let set = app().call("POST", &plugin, owner.auth(), &[("data", &data)], &[]);
    assert_eq!(set.status, 200, "{}", set.body);
    assert_eq!(contacts_of(&manager, "").len(), 1);
    assert_eq!(app().call("GET", &path, manager.auth(), &[], &[]).json()["email"], email.as_str());
    assert!(contacts_of(&stranger, "").is_empty());
    // Below the level again: gone for the manager, still the owner's.
    execute_sql(&format!(
        "UPDATE application_users SET chmod = 2 WHERE id_application = {id_app} AND id_user = {}",
        manager.id
    ));
    assert!(contacts_of(&manager, "").is_empty());
    assert_eq!(contacts_of(&owner, "").len(), 1);
    // A token needs manage_applications; no token at all is 401.
    assert_eq!(app().get("/v1/contacts").status, 401);
    assert_eq!(app().call("GET", &path, Auth::None, &[], &[]).status, 401);
}
