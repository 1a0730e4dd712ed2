//! Mails between users: one writes to the people one shares an object with,
//! or answers whoever wrote; a stranger's id and an id that does not exist
//! are the same 404; the recipient gets a mail through the outbox without the
//! sender ever seeing their address; reading marks it read; only one's own
//! mails are reached.
mod common;

use common::{app, new_account, Account, Auth};
use serde_json::Value;

/// `owner` shares a new application with `who`, who accepts.
fn share_an_application(owner: &Account, who: &Account) {
    let id = app().call("POST", "/v1/applications", owner.auth(), &[("name", "Shared for mails")], &[]).json()["id"]
        .as_i64()
        .unwrap();
    common::share(owner, "applications", id, who, 1);
}

fn keyed(v: &Value) -> Vec<Value> {
    let map = v.as_object().expect("keyed list");
    (0..map.len()).map(|i| map[&i.to_string()].clone()).collect()
}

fn send(from: &Account, to: &str, subject: &str, content: &str) -> common::Answer {
    app().call(
        "POST",
        "/v1/mails",
        from.auth(),
        &[("id_user_recipient", to), ("subject", subject), ("content", content)],
        &[],
    )
}

#[test]
fn people_who_share_an_object_write_to_each_other_and_strangers_cannot() {
    let ada = new_account("mails");
    let bob = new_account("mails2");
    let eve = new_account("mails3");

    // Before sharing anything: a stranger and an id nobody has answer alike.
    let stranger = send(&ada, &bob.id.to_string(), "Hi", "Who are you?");
    assert_eq!(stranger.status, 404, "{}", stranger.body);
    let nobody = send(&ada, "999999999", "Hi", "Anyone?");
    assert_eq!(nobody.status, 404);
    assert_eq!(
        stranger.body.replace(&bob.id.to_string(), "N"),
        nobody.body.replace("999999999", "N"),
        "nothing tells an account apart from no account"
    );
    assert!(keyed(&app().call("GET", "/v1/mails/contacts", ada.auth(), &[], &[]).json()).is_empty());

    share_an_application(&ada, &bob);
    let contacts = keyed(&app().call("GET", "/v1/mails/contacts", ada.auth(), &[], &[]).json());
    assert_eq!(contacts.len(), 1);
    assert_eq!(contacts[0]["id"], bob.id);
    assert!(!contacts[0].to_string().contains(&bob.email), "never an address");

    let content = "Your card is <b>ready</b>.\nCome by on Monday.";
    let sent = send(&ada, &bob.id.to_string(), "Your card", content);
    assert_eq!(sent.status, 201, "{}", sent.body);
    let sent = keyed(&sent.json());
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["id_user_recipient"], bob.id);
    assert_eq!(sent[0]["user_recipient"]["firstname"], "mails2");
    assert!(!sent[0].to_string().contains(&bob.email));

    // The recipient's mail, through the outbox: escaped, with the sender's name and a link to read it.
    let outbox = app().outbox();
    let mail = outbox.iter().rev().find(|m| m["to"] == bob.email.as_str() && m["mail_type"] == "user_message").unwrap();
    let html = mail["html"].as_str().unwrap_or_default();
    assert!(html.contains("mails Tester"), "{html}");
    assert!(html.contains("&lt;b&gt;ready&lt;/b&gt;"), "escaped: {html}");
    assert!(!html.contains(&ada.email), "the sender's address is not in it");

    // Bob's received list, then the mail itself (now read), then his answer.
    let received = keyed(&app().call("GET", "/v1/mails/received", bob.auth(), &[], &[]).json());
    assert_eq!(received.len(), 1);
    assert_eq!(received[0]["id_user_sender"], ada.id);
    assert_eq!(received[0]["is_read"], false);
    assert!(received[0].get("content").is_none(), "lists leave the content out");
    let id = received[0]["id"].as_i64().unwrap();
    let one = app().call("GET", &format!("/v1/mails/received/{id}"), bob.auth(), &[], &[]).json();
    assert_eq!(one["content"], content);
    assert_eq!(one["user_sender"]["id"], ada.id);
    let again = keyed(&app().call("GET", "/v1/mails/received", bob.auth(), &[], &[]).json());
    assert_eq!(again[0]["is_read"], true);
    let mine = app().call("GET", &format!("/v1/mails/sent/{}", sent[0]["id"]), ada.auth(), &[], &[]).json();
    assert_eq!(mine["is_read"], true, "the sender sees it was read");

    // Nobody else reaches them, as sender or recipient.
    for path in [format!("/v1/mails/received/{id}"), format!("/v1/mails/sent/{id}")] {
        assert_eq!(app().call("GET", &path, eve.auth(), &[], &[]).status, 404, "{path}");
    }
    assert_eq!(app().call("GET", &format!("/v1/mails/received/{id}"), ada.auth(), &[], &[]).status, 404);
    assert!(keyed(&app().call("GET", "/v1/mails/received", eve.auth(), &[], &[]).json()).is_empty());
    assert_eq!(app().call("GET", "/v1/mails/received", Auth::None, &[], &[]).status, 401);

    // Several at once: one stranger among them refuses all, and nothing is sent.
    let before = keyed(&app().call("GET", "/v1/mails/sent", ada.auth(), &[], &[]).json()).len();
    let mixed = send(&ada, &format!("{},{}", bob.id, eve.id), "Both", "Hello both");
    assert_eq!(mixed.status, 404);
    assert!(mixed.body.contains(&eve.id.to_string()) && mixed.body.contains("id_user_recipient"), "{}", mixed.body);
    assert_eq!(keyed(&app().call("GET", "/v1/mails/sent", ada.auth(), &[], &[]).json()).len(), before);
}

#[test]
fn whoever_wrote_can_be_answered_and_bad_mails_are_named() {
    let ada = new_account("mails4");
    let bob = new_account("mails5");
    share_an_application(&ada, &bob);
    assert_eq!(send(&ada, &bob.id.to_string(), "Question", "Lunch?").status, 201);
    // Bob answers through the contacts list (Ada wrote to him).
    let contacts = keyed(&app().call("GET", "/v1/mails/contacts", bob.auth(), &[], &[]).json());
    assert!(contacts.iter().any(|c| c["id"] == ada.id));
    assert_eq!(send(&bob, &ada.id.to_string(), "Re: Question", "Yes!").status, 201);
    // A JSON body names them as a number or a list of numbers.
    for to in [serde_json::json!(ada.id), serde_json::json!([ada.id])] {
        let body = serde_json::json!({"id_user_recipient": to, "content": "As JSON"});
        let sent = app().post_raw("/v1/mails", bob.auth(), "application/json", serde_json::to_vec(&body).unwrap());
        assert_eq!(sent.status, 201, "{to}: {}", sent.body);
    }

    let empty = app().call("POST", "/v1/mails", ada.auth(), &[("id_user_recipient", &bob.id.to_string())], &[]);
    assert_eq!(empty.error_code(), 419, "{}", empty.body);
    let no_one = app().call("POST", "/v1/mails", ada.auth(), &[("content", "Hello")], &[]);
    assert_eq!(no_one.status / 100, 4);
    assert!(no_one.body.contains("id_user_recipient"), "{}", no_one.body);
    let bad = send(&ada, "12,abc", "S", "C");
    assert_eq!(bad.status / 100, 4);
    assert!(bad.body.contains("id_user_recipient"), "{}", bad.body);
    let long = "x".repeat(10_001);
    let too_long = send(&ada, &bob.id.to_string(), "S", &long);
    assert_eq!(too_long.status / 100, 4);
    assert!(too_long.body.contains("content"), "{}", too_long.body);
    // Oneself is not a recipient.
    assert_eq!(send(&ada, &ada.id.to_string(), "Me", "Myself").status, 404);
}
