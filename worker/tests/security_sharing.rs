//! Security suite, sharing: each test is an attack that once worked (issue 11)
//! and must now fail without changing anything.

mod common;

use common::{app, new_account, new_product, Account};

/// Shares a product or group with `who` at `chmod`, and `who` accepts.
fn share(owner: &Account, path: &str, pending: &str, who: &Account, chmod: &str) {
    let granted = app().call("POST", path, owner.auth(), &[("email", &who.email), ("chmod", chmod)], &[]);
    assert_eq!(granted.status, 201, "{}", granted.body);
    let list = app().call("GET", pending, who.auth(), &[], &[]).json();
    let invitation = list["0"]["id"].as_i64().expect("a pending invitation");
    let accepted = app().call("POST", &format!("{pending}/{invitation}"), who.auth(), &[("grant", "true")], &[]);
    assert_eq!(accepted.status, 200, "{}", accepted.body);
}

fn paired(who: &Account) -> i64 {
    let (id_product, id_record, key) = new_product();
    let paired = app().call("POST", &format!("/v1/products/pair/{id_record}/{key}"), who.auth(), &[], &[]);
    assert_eq!(paired.status, 200, "{}", paired.body);
    id_product
}

fn chmod_of(who: &Account, id_product: i64) -> Option<i64> {
    app().call("GET", &format!("/v1/products/{id_product}"), who.auth(), &[], &[]).json()["chmod"].as_i64()
}

fn new_group(who: &Account) -> String {
    let created = app().call("POST", "/v1/groups", who.auth(), &[("alias_name", "Escalation")], &[]);
    assert_eq!(created.status, 201, "{}", created.body);
    created.json()["id"].as_i64().unwrap().to_string()
}

#[test]
fn an_admin_cannot_become_owner_through_a_group() {
    let ada = new_account("esc-own");
    let mallory = new_account("esc-adm");
    let p = paired(&ada);
    share(&ada, &format!("/v1/products/{p}/access"), "/v1/products/pending", &mallory, "4");
    assert_eq!(chmod_of(&mallory, p), Some(4));
    // The attack: a group of one's own (its owner), then the product moved into it.
    let g = new_group(&mallory);
    let moved = app().call("POST", &format!("/v1/products/{p}"), mallory.auth(), &[("id_group", &g)], &[]);
    assert_eq!(moved.status, 403, "{}", moved.body);
    assert!(moved.body.contains("owner"), "{}", moved.body);
    // Nothing changed: still admin, not in the group, and owner-only actions stay out of reach.
    assert_eq!(chmod_of(&mallory, p), Some(4));
    let product = app().call("GET", &format!("/v1/products/{p}"), ada.auth(), &[], &[]).json();
    assert!(product["id_group"].is_null(), "{product}");
    assert_eq!(app().call("POST", &format!("/v1/products/{p}/reset"), mallory.auth(), &[], &[]).status, 403);
    assert_eq!(
        app().call("DELETE", &format!("/v1/products/{p}?force_erase=true"), mallory.auth(), &[], &[]).status,
        403
    );
    // Nor can the admin take a product out of the group its owner chose.
    let family = new_group(&ada);
    let put = app().call("POST", &format!("/v1/products/{p}"), ada.auth(), &[("id_group", &family)], &[]);
    assert_eq!(put.status, 200, "{}", put.body);
    let out = app().call("POST", &format!("/v1/products/{p}"), mallory.auth(), &[("id_group", "")], &[]);
    assert_eq!(out.status, 403);
    assert_eq!(
        app().call("GET", &format!("/v1/products/{p}"), ada.auth(), &[], &[]).json()["id_group"],
        family.parse::<i64>().unwrap()
    );
}

#[test]
fn a_group_never_gives_more_than_its_putter_holds() {
    let ada = new_account("cap-own");
    let eve = new_account("cap-new");
    let bob = new_account("cap-mem");
    let p = paired(&ada);
    // Ada puts her product into her group and makes Bob an owner of the group.
    let g = new_group(&ada);
    assert_eq!(app().call("POST", &format!("/v1/products/{p}"), ada.auth(), &[("id_group", &g)], &[]).status, 200);
    share(&ada, &format!("/v1/groups/{g}/users"), "/v1/groups/pending", &bob, "5");
    assert_eq!(chmod_of(&bob, p), Some(5), "the putter is the owner: the group gives its level");
    // Ada hands the product to Eve, who leaves Ada a reader: what Ada's group gives drops with her.
    share(&ada, &format!("/v1/products/{p}/access"), "/v1/products/pending", &eve, "5");
    let demote = app().call("POST", &format!("/v1/products/{p}/access/{}", ada.id), eve.auth(), &[("chmod", "1")], &[]);
    assert_eq!(demote.status, 200, "{}", demote.body);
    assert_eq!(chmod_of(&bob, p), Some(1), "capped by the putter's level now");
    let edit = app().call("POST", &format!("/v1/products/{p}"), bob.auth(), &[("alias_name", "Bob's now")], &[]);
    assert_eq!(edit.status, 403, "{}", edit.body);
    // Group-wide edits reach only the products the member may edit.
    let off = app().call("POST", &format!("/v1/groups/{g}"), bob.auth(), &[("is_enabled", "false")], &[]);
    assert_eq!(off.status, 200, "{}", off.body);
    let records = app().call("GET", &format!("/v1/products/{p}/records"), eve.auth(), &[], &[]).json();
    assert_eq!(records["0"]["is_enabled"], true, "{records}");
}

#[test]
fn a_share_link_ends_with_its_creators_access_and_with_its_record() {
    let ada = new_account("lnk-own");
    let mallory = new_account("lnk-adm");
    let id_app = app().call("POST", "/v1/applications", ada.auth(), &[("name", "Ada's links")], &[]).json()["id"]
        .as_i64()
        .unwrap();
    share(&ada, &format!("/v1/applications/{id_app}/access"), "/v1/applications/pending", &mallory, "4");
    let link = app().call("POST", &format!("/v1/applications/{id_app}/shares"), mallory.auth(), &[], &[]).json();
    let (id, key) = (link["id"].as_i64().unwrap(), link["public_key"].as_str().unwrap().to_string());
    assert_eq!(app().get(&format!("/v1/plays/shared/{key}")).status, 200);
    // Mallory loses her access: her link stops at once…
    let removed =
        app().call("DELETE", &format!("/v1/applications/{id_app}/access/{}", mallory.id), ada.auth(), &[], &[]);
    assert_eq!(removed.status, 200, "{}", removed.body);
    assert_eq!(app().get(&format!("/v1/plays/shared/{key}")).status, 404);
    // …and she cannot give it more life; she may still end it.
    for form in [[("is_enabled", "true")], [("expiration_time", "86400")]] {
        let revived = app().call("POST", &format!("/v1/shares/{id}"), mallory.auth(), &form, &[]);
        assert_eq!(revived.status, 403, "{form:?}: {}", revived.body);
    }
    let seen = app().call("GET", &format!("/v1/shares/{id}"), ada.auth(), &[], &[]).json();
    assert!(seen["date_expired"].is_null(), "not extended: {seen}");
    assert_eq!(
        app().call("POST", &format!("/v1/shares/{id}"), mallory.auth(), &[("is_enabled", "false")], &[]).status,
        200
    );
    assert_eq!(app().get(&format!("/v1/plays/shared/{key}")).status, 404);

    // A key holder's share of a record's play stops when the owner switches the record off.
    let (id_product, id_record, record_key) = common::paired_showing(&ada, id_app);
    let passed = app().call("POST", &format!("/v1/plays/{id_record}/{record_key}/share"), common::Auth::None, &[], &[]);
    assert_eq!(passed.status, 201, "{}", passed.body);
    let passed_key = passed.json()["public_key"].as_str().unwrap().to_string();
    assert_eq!(app().get(&format!("/v1/plays/shared/{passed_key}")).status, 200);
    let off = app().call(
        "POST",
        &format!("/v1/products/{id_product}/records/{id_record}"),
        ada.auth(),
        &[("is_enabled", "false")],
        &[],
    );
    assert_eq!(off.status, 200, "{}", off.body);
    assert_eq!(app().get(&format!("/v1/plays/shared/{passed_key}")).error_code(), 462);
    assert_eq!(app().get(&format!("/s/{passed_key}")).status, 462);
}

/// An invitation to an address offers a level that its sharer may change until
/// it is accepted, within the rules of any level change: never above one's own,
/// never by a reader, never by a stranger, and never once accepted.
#[test]
fn an_invitations_level_changes_only_within_the_sharers_rights_and_only_while_pending() {
    let ada = new_account("offer-own");
    let mallory = new_account("offer-adm");
    let reader = new_account("offer-rdr");
    let stranger = new_account("offer-out");
    let p = paired(&ada);
    share(&ada, &format!("/v1/products/{p}/access"), "/v1/products/pending", &mallory, "4");
    share(&ada, &format!("/v1/products/{p}/access"), "/v1/products/pending", &reader, "1");
    let email = common::unique_email("offer-new");
    let invited =
        app().call("POST", &format!("/v1/products/{p}/access"), ada.auth(), &[("email", &email), ("chmod", "1")], &[]);
    assert_eq!(invited.status, 201, "{}", invited.body);
    let id = invited.json()["id"].as_i64().unwrap();
    let path = format!("/v1/products/{p}/invitations/{id}");
    let set = |who: &Account, chmod: &str| app().call("POST", &path, who.auth(), &[("chmod", chmod)], &[]);

    // The attacks: an admin offering ownership, a reader, a stranger, level 0, an id that is not pending.
    assert_eq!(set(&mallory, "5").status, 403);
    assert_eq!(set(&reader, "2").status, 403);
    assert_eq!(set(&stranger, "2").status, 404);
    assert_eq!(set(&ada, "0").error_code(), 420);
    let nowhere =
        app().call("POST", &format!("/v1/products/{p}/invitations/999999"), ada.auth(), &[("chmod", "2")], &[]);
    assert_eq!(nowhere.status, 404);
    let members = app().call("GET", &format!("/v1/products/{p}/users"), ada.auth(), &[], &[]).json();
    let row = members.as_object().unwrap().values().find(|m| m["id"] == id).unwrap().clone();
    assert_eq!(row["chmod"], 1, "nothing changed: {row}");

    // Within the rules: the admin offers Manager; the newcomer gets that level.
    let changed = set(&mallory, "3");
    assert_eq!(changed.status, 200, "{}", changed.body);
    assert_eq!(changed.json()["chmod"], 3);
    assert_eq!(changed.json()["is_enabled"], false);
    let newcomer = common::new_account_with("offer-new", &email);
    let pending = app().call("GET", "/v1/products/pending", newcomer.auth(), &[], &[]).json();
    assert_eq!(pending["0"]["chmod"], 3);
    let accepted = app().call(
        "POST",
        &format!("/v1/products/pending/{}", pending["0"]["id"]),
        newcomer.auth(),
        &[("grant", "true")],
        &[],
    );
    assert_eq!(accepted.status, 200, "{}", accepted.body);
    assert_eq!(chmod_of(&newcomer, p), Some(3));
    // Accepted: no longer an invitation (the access's own route changes it now).
    assert_eq!(set(&ada, "1").status, 404);
    assert_eq!(chmod_of(&newcomer, p), Some(3));
}
