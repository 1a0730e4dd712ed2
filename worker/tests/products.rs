//! Products: pairing (static key and signed dynamic tap), the list and one
//! product, updates with lost, records (maker-only fields), delete from one's
//! account or for everyone, reset.
mod common;

use common::{app, demo, new_account, new_product, tap_path, Auth};

#[test]
fn pairing_by_static_key_makes_the_caller_owner_once() {
    let (id_product, id_record, key) = new_product();
    let ada = new_account("pair");
    // Before pairing the play says "not activated" and tells the page where to pair.
    let play = app().get(&format!("/v1/plays/{key}"));
    assert_eq!(play.error_code(), 461);
    assert_eq!(play.json()["pair"], format!("{id_record}/{key}"));

    let wrong_key = format!("{:032x}", 7u128);
    let bad = app().call("POST", &format!("/v1/products/pair/{id_record}/{wrong_key}"), ada.auth(), &[], &[]);
    assert_eq!(bad.status, 404, "{}", bad.body);
    let not_hex = app().call("POST", &format!("/v1/products/pair/{id_record}/xyz"), ada.auth(), &[], &[]);
    assert_eq!(not_hex.error_code(), 420);
    let anonymous = app().call("POST", &format!("/v1/products/pair/{id_record}/{key}"), Auth::None, &[], &[]);
    assert_eq!(anonymous.status, 401);

    let paired = app().call(
        "POST",
        &format!("/v1/products/pair/{id_record}/{key}"),
        ada.auth(),
        &[("alias_name", "My new card")],
        &[],
    );
    assert_eq!(paired.status, 200, "{}", paired.body);
    let p = paired.json();
    assert_eq!(p["id"], id_product);
    assert_eq!(p["chmod"], 5);
    assert_eq!(p["alias_name"], "My new card");
    assert_eq!(p["quantity_records"], 2);
    assert_eq!(p["is_activated"], true);

    // A product pairs once: the next person gets 409, even the owner again.
    let bob = new_account("pair2");
    let again = app().call("POST", &format!("/v1/products/pair/{id_record}/{key}"), bob.auth(), &[], &[]);
    assert_eq!(again.error_code(), 409);
    // The play now goes on to "no application yet".
    assert_eq!(app().get(&format!("/v1/plays/{key}")).error_code(), 464);
    // Bob does not see it at all.
    assert_eq!(app().call("GET", &format!("/v1/products/{id_product}"), bob.auth(), &[], &[]).status, 404);
}

#[test]
fn pairing_by_a_signed_tap_checks_the_signature_and_the_counter() {
    let ada = new_account("tap");
    let id = demo()["records"]["pairable_api"].as_i64().unwrap();
    let first = tap_path(id, 5);
    let segment = first.trim_start_matches("/p/").to_string();
    // A forged MAC is refused as a forgery.
    let last = segment.chars().last().unwrap();
    let forged = format!("{}{}", &segment[..segment.len() - 1], if last == '0' { '1' } else { '0' });
    let refused = app().call("POST", &format!("/v1/products/pair/{forged}"), ada.auth(), &[], &[]);
    assert_eq!(refused.status, 403, "{}", refused.body);
    // The tap shows the 461 page with where to pair (the same tap, same visit)…
    let play = app().get(&format!("/v1/plays/{segment}"));
    assert_eq!(play.error_code(), 461);
    assert_eq!(play.json()["pair"], segment);
    // …but only for the browser that opened the tap: the copied URL pairs nothing.
    let path = format!("/v1/products/pair/{segment}");
    let copied = app().call("POST", &path, ada.auth(), &[("alias_name", "Ring")], &[]);
    assert_eq!(copied.error_code(), 463, "{}", copied.body);
    // Pairing from that browser inside the visit window works.
    let browser = format!("senzu_session={}; {}", ada.session, play.cookie());
    let paired = app().call("POST", &path, Auth::None, &[("alias_name", "Ring")], &[("cookie", &browser)]);
    assert_eq!(paired.status, 200, "{}", paired.body);
    assert_eq!(paired.json()["alias_name"], "Ring");
    // Once paired, a fresh tap cannot pair it again; an older counter is a replay.
    let bob = new_account("tap2");
    let fresh = tap_path(id, 6);
    let again =
        app().call("POST", &format!("/v1/products/pair/{}", fresh.trim_start_matches("/p/")), bob.auth(), &[], &[]);
    assert_eq!(again.error_code(), 409, "{}", again.body);
    let old = tap_path(id, 4);
    let replay =
        app().call("POST", &format!("/v1/products/pair/{}", old.trim_start_matches("/p/")), bob.auth(), &[], &[]);
    assert_eq!(replay.error_code(), 463);
    // A static key in the dynamic route is pointed to the right one.
    let wrong = app().call("POST", "/v1/products/pair/0123456789abcdef0123456789abcdef", ada.auth(), &[], &[]);
    assert_eq!(wrong.error_code(), 420);
}

#[test]
fn the_owner_lists_updates_and_marks_a_product_lost() {
    let (id_product, id_record, key) = new_product();
    let ada = new_account("lost");
    app().call("POST", &format!("/v1/products/pair/{id_record}/{key}"), ada.auth(), &[("alias_name", "Keys")], &[]);

    let list = app().call("GET", "/v1/products?limit=null", ada.auth(), &[], &[]);
    assert_eq!(list.status, 200);
    assert_eq!(list.json()["0"]["id"], id_product);
    assert!(list.json()["1"].is_null(), "only the caller's products");
    assert!(app().call("GET", "/v1/products?contains=Keys", ada.auth(), &[], &[]).json()["0"].is_object());
    assert!(app().call("GET", "/v1/products?contains=Nope", ada.auth(), &[], &[]).json()["0"].is_null());

    let lost = app().call(
        "POST",
        &format!("/v1/products/{id_product}"),
        ada.auth(),
        &[("lost", "true"), ("lost_message", "Call me please")],
        &[],
    );
    assert_eq!(lost.status, 200, "{}", lost.body);
    assert_eq!(lost.json()["lost"], true);
    assert_eq!(lost.json()["lost_message"], "Call me please");
    let play = app().get(&format!("/v1/plays/{key}"));
    assert_eq!(play.error_code(), 465);
    assert_eq!(play.json()["lost"]["message"], "Call me please");

    let found = app().call("POST", &format!("/v1/products/{id_product}"), ada.auth(), &[("lost", "false")], &[]);
    assert_eq!(found.json()["lost"], false);
    assert!(found.json()["lost_message"].is_null(), "the message goes with the lost state");

    let nothing = app().call("POST", &format!("/v1/products/{id_product}"), ada.auth(), &[], &[]);
    assert_eq!(nothing.error_code(), 419);
    let bad = app().call("POST", &format!("/v1/products/{id_product}"), ada.auth(), &[("lost", "maybe")], &[]);
    assert_eq!(bad.error_code(), 420);
    let long = "x".repeat(501);
    let too_long =
        app().call("POST", &format!("/v1/products/{id_product}"), ada.auth(), &[("lost_message", &long)], &[]);
    assert_eq!(too_long.error_code(), 420);
    assert!(too_long.body.contains("lost_message"));
}

#[test]
fn records_take_an_application_and_refuse_maker_fields() {
    let (id_product, id_record, key) = new_product();
    let ada = new_account("rec");
    app().call("POST", &format!("/v1/products/pair/{id_record}/{key}"), ada.auth(), &[], &[]);
    let records = app().call("GET", &format!("/v1/products/{id_product}/records"), ada.auth(), &[], &[]).json();
    assert_eq!(records["0"]["id"], id_record);
    assert_eq!(records["0"]["play_url"], format!("{}/p/{key}", app().base_url));
    assert_eq!(records["1"]["technology"], "qrcode");

    let created = app().call("POST", "/v1/applications", ada.auth(), &[("name", "Card app")], &[]);
    let id_app = created.json()["id"].as_i64().unwrap();
    let path = format!("/v1/products/{id_product}/records/{id_record}");
    let set = app().call("POST", &path, ada.auth(), &[("id_application", &id_app.to_string())], &[]);
    assert_eq!(set.status, 200, "{}", set.body);
    assert_eq!(set.json()["id_application"], id_app);
    // Someone else's application cannot be put on a record.
    let not_mine = app().call("POST", &path, ada.auth(), &[("id_application", "1")], &[]);
    assert_eq!(not_mine.error_code(), 420);
    for field in ["key", "token_encryption"] {
        let refused = app().call("POST", &path, ada.auth(), &[(field, "aes-128")], &[]);
        assert_eq!(refused.status, 403, "{field}");
        assert!(refused.body.contains(field));
    }
    let technology = app().call("POST", &path, ada.auth(), &[("technology", "qrcode")], &[]);
    assert_eq!(technology.status, 403, "technology is the maker's");
    let disabled = app().call("POST", &path, ada.auth(), &[("is_enabled", "false")], &[]);
    assert_eq!(disabled.json()["is_enabled"], false);
    assert_eq!(app().get(&format!("/v1/plays/{key}")).error_code(), 462);
    let other =
        app().call("GET", &format!("/v1/products/{id_product}/records/{}", id_record + 7), ada.auth(), &[], &[]);
    assert_eq!(other.status, 404);
}

#[test]
fn delete_leaves_the_account_or_erases_for_everyone_and_reset_hands_over() {
    let (id_product, id_record, key) = new_product();
    let ada = new_account("del");
    let bob = new_account("del2");
    app().call("POST", &format!("/v1/products/pair/{id_record}/{key}"), ada.auth(), &[], &[]);
    // Share with Bob (accepted), then Bob leaves: Ada keeps it.
    let granted = app().call(
        "POST",
        &format!("/v1/products/{id_product}/access"),
        ada.auth(),
        &[("email", &bob.email), ("chmod", "3")],
        &[],
    );
    assert_eq!(granted.status, 201, "{}", granted.body);
    let pending = app().call("GET", "/v1/products/pending", bob.auth(), &[], &[]).json();
    let invitation = pending["0"]["id"].as_i64().unwrap();
    app().call("POST", &format!("/v1/products/pending/{invitation}"), bob.auth(), &[("grant", "true")], &[]);
    // Bob (Manager) cannot erase for everyone…
    let erase = app().call("DELETE", &format!("/v1/products/{id_product}?force_erase"), bob.auth(), &[], &[]);
    assert_eq!(erase.status, 403);
    // …but can leave.
    let left = app().call("DELETE", &format!("/v1/products/{id_product}"), bob.auth(), &[], &[]);
    assert_eq!(left.json()["erased_for_everyone"], false);
    assert_eq!(app().call("GET", &format!("/v1/products/{id_product}"), bob.auth(), &[], &[]).status, 404);
    assert_eq!(app().call("GET", &format!("/v1/products/{id_product}"), ada.auth(), &[], &[]).status, 200);

    // Reset: Ada keeps it but it can be paired by the next person.
    let reset = app().call("POST", &format!("/v1/products/{id_product}/reset"), ada.auth(), &[], &[]);
    assert_eq!(reset.status, 200, "{}", reset.body);
    assert_eq!(reset.json()["is_activated"], false);
    let taken = app().call("POST", &format!("/v1/products/pair/{id_record}/{key}"), bob.auth(), &[], &[]);
    assert_eq!(taken.status, 200, "{}", taken.body);
    assert_eq!(app().call("GET", &format!("/v1/products/{id_product}"), ada.auth(), &[], &[]).status, 404);

    // Bob, now owner, erases it for everyone: it is pairable again.
    let erased = app().call("DELETE", &format!("/v1/products/{id_product}?force_erase=true"), bob.auth(), &[], &[]);
    assert_eq!(erased.json()["erased_for_everyone"], true);
    assert_eq!(app().get(&format!("/v1/plays/{key}")).error_code(), 461);
}

/// The list takes the documented filters; anything else is a 430 naming it.
#[test]
fn the_products_list_takes_the_documented_filters() {
    let ada = new_account("filters");
    let mut ids = Vec::new();
    for alias in ["Alpha", "Bravo", "Charlie"] {
        let (id_product, id_record, key) = new_product();
        let paired = app().call(
            "POST",
            &format!("/v1/products/pair/{id_record}/{key}"),
            ada.auth(),
            &[("alias_name", alias)],
            &[],
        );
        assert_eq!(paired.status, 200, "{}", paired.body);
        ids.push(id_product);
    }
    // Alpha, Bravo, Charlie: in the order of their names, not (random) ids.
    let by_name = ids.clone();
    ids.sort_unstable();
    let list = |query: &str| -> Vec<i64> {
        let answer = app().call("GET", &format!("/v1/products?{query}"), ada.auth(), &[], &[]);
        assert_eq!(answer.status, 200, "{query}: {}", answer.body);
        let body = answer.json();
        let object = body.as_object().unwrap();
        (0..object.len()).map(|i| object[&i.to_string()]["id"].as_i64().unwrap()).collect()
    };
    assert_eq!(list(""), ids);
    assert_eq!(list("limit=2"), ids[..2]);
    assert_eq!(list("limit=null"), ids);
    assert_eq!(list(&format!("index_id={}:gte", ids[1])), ids[1..]);
    assert_eq!(list(&format!("index_id={}:lt", ids[1])), ids[..1]);
    let mut desc = ids.clone();
    desc.reverse();
    assert_eq!(list("sort_by=id:desc"), desc);
    assert_eq!(list("sort_by=alias_name:desc&limit=1"), [by_name[2]]);
    assert_eq!(list("sort_by=alias_name"), by_name);
    assert_eq!(list("contains=rav"), [by_name[1]]);

    for (query, named) in [("colour=red", "colour"), ("limit=many", "limit"), ("sort_by=price", "price")] {
        let refused = app().call("GET", &format!("/v1/products?{query}"), ada.auth(), &[], &[]);
        assert_eq!(refused.error_code(), 430, "{query}: {}", refused.body);
        assert!(refused.body.contains(named), "{query}: {}", refused.body);
    }
    // The product's own lists and the inbox take the same filters.
    for path in [
        format!("/v1/products/{}/records", ids[0]),
        format!("/v1/products/{}/users", ids[0]),
        "/v1/products/pending".into(),
    ] {
        let refused = app().call("GET", &format!("{path}?colour=red"), ada.auth(), &[], &[]);
        assert_eq!(refused.error_code(), 430, "{path}: {}", refused.body);
        let one = app().call("GET", &format!("{path}?limit=1"), ada.auth(), &[], &[]);
        assert_eq!(one.status, 200, "{path}: {}", one.body);
        assert!(one.json().as_object().unwrap().len() <= 1, "{path}: {}", one.body);
    }
}

/// A product path with a method it does not take: 405 saying which it takes.
#[test]
fn a_wrong_method_on_a_product_path_is_405_with_allow() {
    let (status, headers) = app().headers_of("GET", "/v1/products/1/reset", &[]);
    assert_eq!(status, 405);
    assert_eq!(headers.get("allow").map(String::as_str), Some("POST"));
    let answer = app().call_bare("PUT", "/v1/products/1", common::Auth::None, &[], &[]);
    assert_eq!(answer.status, 405, "{}", answer.body);
}
