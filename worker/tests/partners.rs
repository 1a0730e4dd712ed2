//! Partner-backed plugins against loopback stubs speaking the documented
//! formats: one Eduzz token for many plays, renewal, degradation to
//! "unavailable" (5xx, timeout, garbage) with the play still 200, Sengerio
//! quote requests with the visitor's language, test connection, and
//! credentials that never come back.
mod common;

use common::stub::{self, Mode, Stub};
use common::{app, new_account, partner_play, remember_partner_secret, Auth};
use serde_json::{json, Value};

/// An Eduzz plugin's data: credentials only — where they go is the worker's configuration (the stub).
fn eduzz_data(content: &str) -> Value {
    for s in [stub::EMAIL, stub::PUBLIC_KEY, stub::API_KEY] {
        remember_partner_secret(s);
    }
    json!({ "content_id": content, "button_label": "Buy now", "email": stub::EMAIL, "publickey": stub::PUBLIC_KEY,
            "apikey": stub::API_KEY })
}

fn action(key: &str) -> Value {
    let play = app().get(&format!("/v1/plays/{key}"));
    assert_eq!(play.status, 200, "the play renders whatever the partner does: {}", play.body);
    play.json()["plugins"][0]["action"].clone()
}

#[test]
fn an_eduzz_product_uses_one_token_for_many_plays_and_renews_it() {
    let stub = Stub::start();
    let ada = new_account("eduzz");
    let (_, key, id_plugin) = partner_play(&ada, "17", eduzz_data("123456"));

    let card = action(&key);
    assert_eq!(card["type"], "card", "{card}");
    assert_eq!(card["title"], "Rust for Makers");
    assert_eq!(card["price"], "260.35");
    assert_eq!(card["button"], json!(["Buy now", "https://sun.eduzz.test/123456"]));
    for _ in 0..4 {
        assert_eq!(action(&key)["type"], "card");
    }
    assert_eq!(stub.token_calls(), 1, "one token for five plays within its validity");
    let sent = stub.received("/content/content/123456");
    assert_eq!(sent.len(), 5);
    assert!(sent.iter().all(|r| r.headers.get("token") == Some(&stub.issued()[0])), "the JWT goes in the token header");

    // Eduzz says the token expired (#0029): renewed once, the play goes on.
    stub.expire_tokens();
    assert_eq!(action(&key)["type"], "card");
    assert_eq!(stub.token_calls(), 2);
    // Past its validity the kept token is not even tried.
    common::execute_sql(&format!(
        "UPDATE partner_tokens SET valid_until = unixepoch() - 1 WHERE id_plugin = {id_plugin}"
    ));
    assert_eq!(action(&key)["type"], "card");
    assert_eq!(stub.token_calls(), 3);
    for token in stub.issued() {
        remember_partner_secret(&token);
    }

    // The credentials are write-only: the API says they are set, never what they are.
    let plugin = app().call("GET", &format!("/v1/plugins/{id_plugin}"), ada.auth(), &[], &[]).json();
    assert_eq!(plugin["credentials"], json!({ "email": true, "publickey": true, "apikey": true }));
    assert!(plugin["data"].get("apikey").is_none() && plugin["data"].get("email").is_none(), "{plugin}");
    assert_eq!(plugin["data"]["content_id"], "123456");
    // An update without them keeps them; the play still works.
    let renamed = app().call(
        "POST",
        &format!("/v1/plugins/{id_plugin}"),
        ada.auth(),
        &[("data", &json!({ "content_id": "123456" }).to_string())],
        &[],
    );
    assert_eq!(renamed.status, 200, "{}", renamed.body);
    assert_eq!(action(&key)["type"], "card");
}

#[test]
fn a_failing_partner_leaves_the_play_up_with_the_plugin_unavailable() {
    let stub = Stub::start();
    let ada = new_account("eduzz-down");
    let (_, key, _) = partner_play(&ada, "18", {
        let mut d = eduzz_data("1");
        d.as_object_mut().unwrap().remove("content_id");
        d.as_object_mut().unwrap().remove("button_label");
        d
    });
    let list = action(&key);
    assert_eq!(list["type"], "list");
    assert_eq!(list["items"][0], json!(["Best one", "https://cdn.eduzz.test/1.jpg", "99.90", "Ada"]));

    for mode in [Mode::Down, Mode::Garbage, Mode::Slow] {
        stub.set(mode);
        let started = std::time::Instant::now();
        let degraded = action(&key);
        assert_eq!(degraded["type"], "unavailable", "{mode:?}: {degraded}");
        assert!(!degraded["message"].as_str().unwrap().contains("stub"), "no partner detail for visitors");
        println!("partner {mode:?}: play answered in {} ms", started.elapsed().as_millis());
        if mode == Mode::Slow {
            // Two attempts of 3 s at most, plus the token call's budget: never waits for the partner.
            assert!(started.elapsed() < std::time::Duration::from_secs(12));
        }
    }
    stub.set(Mode::Normal);
    assert_eq!(action(&key)["type"], "list", "back when the partner is");
    // A GET is tried twice before giving up.
    stub.set(Mode::Down);
    let before = stub.received("/showcase").len();
    action(&key);
    assert_eq!(stub.received("/showcase").len() - before, 2);
    stub.set(Mode::Normal);
}

#[test]
fn test_connection_says_in_plain_words_what_is_wrong() {
    let stub = Stub::start();
    let ada = new_account("eduzz-test");
    let mut data = eduzz_data("123456");
    data["apikey"] = json!("ak-wrong-key-0000");
    let (_, _, id_plugin) = partner_play(&ada, "17", data);
    let test = app().call("POST", &format!("/v1/plugins/{id_plugin}/test"), ada.auth(), &[], &[]).json();
    assert_eq!(test["ok"], false);
    assert_eq!(test["message"], "Eduzz refused: the public key or API key is wrong (#0002)");
    let fixed = app().call(
        "POST",
        &format!("/v1/plugins/{id_plugin}"),
        ada.auth(),
        &[("data", &json!({ "content_id": "123456", "apikey": stub::API_KEY }).to_string())],
        &[],
    );
    assert_eq!(fixed.status, 200, "{}", fixed.body);
    let test = app().call("POST", &format!("/v1/plugins/{id_plugin}/test"), ada.auth(), &[], &[]).json();
    assert_eq!(test["ok"], true, "{test}");
    stub.set(Mode::Down);
    let down = app().call("POST", &format!("/v1/plugins/{id_plugin}/test"), ada.auth(), &[], &[]).json();
    assert_eq!(down["ok"], false);
    assert!(down["message"].as_str().unwrap().contains("could not be reached"), "{down}");
    stub.set(Mode::Normal);
    // Where the credentials go is not plugin data: an address is refused by name (420).
    let bad = app().call(
        "POST",
        &format!("/v1/plugins/{id_plugin}"),
        ada.auth(),
        &[("data", &json!({ "content_id": "123456", "base_url": "https://partner.example" }).to_string())],
        &[],
    );
    assert_eq!(bad.error_code(), 420, "{}", bad.body);
    assert!(bad.body.contains("data.base_url is not a field of this plugin"), "{}", bad.body);
}

#[test]
fn a_sengerio_quote_request_reaches_the_partner_with_the_visitors_language() {
    let stub = Stub::start();
    remember_partner_secret(stub::SENGERIO_TOKEN);
    let ada = new_account("sengerio");
    let data = json!({ "title": "Book a coach", "private_token": stub::SENGERIO_TOKEN });
    let (_, key, id_plugin) = partner_play(&ada, "19", data);
    assert_eq!(action(&key), json!({ "type": "quote_form", "title": "Book a coach" }));

    let path = format!("/v1/plays/{key}/plugins/{id_plugin}/quote");
    let form = [
        ("name", "Grace"),
        ("email", "grace@senzu.test"),
        ("departure", "Paris"),
        ("destination", "Lyon"),
        ("date", "2026-12-24"),
        ("passengers", "30"),
    ];
    let sent = app().call("POST", &path, Auth::None, &form, &[("accept-language", "fr-FR,fr;q=0.9")]);
    assert_eq!(sent.status, 201, "{}", sent.body);
    let received = stub.received("/v1/hire/quote_requests");
    assert_eq!(received.len(), 1);
    let r = &received[0];
    assert_eq!(r.headers["accept-language"], "fr-FR,fr;q=0.9");
    assert_eq!(r.headers["content-type"], "application/x-www-form-urlencoded");
    assert_eq!(r.headers["authorization"], format!("Bearer {}", stub::SENGERIO_TOKEN));
    assert!(r.body.contains("departure=Paris") && r.body.contains("passengers=30"), "{}", r.body);

    let missing = app().call("POST", &path, Auth::None, &form[..2], &[]);
    assert_eq!(missing.error_code(), 420);
    assert!(missing.body.contains("From is required"), "{}", missing.body);
    assert_eq!(stub.received("/v1/hire").len(), 1, "nothing sent for an invalid request");
    stub.set(Mode::Down);
    let down = app().call("POST", &path, Auth::None, &form, &[]);
    assert_eq!(down.status, 200);
    assert_eq!(down.json()["status"], "unavailable");
    stub.set(Mode::Normal);

    // The vehicle plugin reads a vehicle with the same token.
    let vehicle = json!({ "vehicle_id": "bus-7", "private_token": stub::SENGERIO_TOKEN });
    let (_, vkey, _) = partner_play(&ada, "20", vehicle);
    let card = action(&vkey);
    assert_eq!(card["type"], "card");
    assert_eq!(card["title"], "Setra S 516 HD");
    assert!(card["text"].as_str().unwrap().starts_with("AB-123-CD · 49 seats · Coach"), "{card}");
}
