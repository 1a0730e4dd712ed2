//! Sharing with chmod: every product and application route at every level
//! 0–5, the grant rules (at most one's own level, only an owner grants or
//! touches owner), invitations by e-mail to people without an account yet.
mod common;

use common::{app, new_account, new_account_with, new_product, share, unique_email, Account};
use serde_json::Value;

/// (method, path, form, the chmod it needs)
type Route<'a> = (&'a str, String, Vec<(&'a str, &'a str)>, u8);

fn expected(level: u8, needs: u8) -> u16 {
    match level {
        0 => 404,
        l if l < needs => 403,
        _ => 200,
    }
}

#[test]
fn every_route_at_every_chmod_level() {
    let owner = new_account("own");
    let (id_product, id_record, key) = new_product();
    app().call("POST", &format!("/v1/products/pair/{id_record}/{key}"), owner.auth(), &[], &[]);
    let created = app().call("POST", "/v1/applications", owner.auth(), &[("name", "Shared app")], &[]);
    let id_app = created.json()["id"].as_i64().unwrap();
    let owners_plugin = app()
        .call(
            "POST",
            &format!("/v1/applications/{id_app}/plugins"),
            owner.auth(),
            &[("id_plugstore", "16"), ("data", r#"{"text":"owner's"}"#)],
            &[],
        )
        .json()["id"]
        .as_i64()
        .unwrap();

    let mut users: Vec<(u8, Account)> = vec![(0, new_account("lvl0"))];
    for level in 1..=4u8 {
        let who = new_account(&format!("lvl{level}"));
        share(&owner, "products", id_product, &who, level);
        share(&owner, "applications", id_app, &who, level);
        users.push((level, who));
    }
    users.push((5, owner));

    let mut checked = 0;
    for (level, who) in &users {
        let plugins = |who: &Account| -> Vec<i64> {
            let list = app().call("GET", &format!("/v1/applications/{id_app}/plugins"), who.auth(), &[], &[]).json();
            list.as_object().map(|o| o.values().map(|p| p["id"].as_i64().unwrap()).collect()).unwrap_or_default()
        };
        let order = format!("{:?}", plugins(&users[5].1)).replace(' ', "");
        let invitee = unique_email("inv");
        // (method, path, form, level needed)
        let routes: Vec<Route> = vec![
            ("GET", format!("/v1/products/{id_product}"), vec![], 1),
            ("GET", format!("/v1/products/{id_product}/users"), vec![], 1),
            ("GET", format!("/v1/products/{id_product}/records"), vec![], 1),
            ("GET", format!("/v1/products/{id_product}/records/{id_record}"), vec![], 1),
            ("GET", format!("/v1/products/{id_product}/insights"), vec![], 1),
            ("GET", format!("/v1/records/{id_record}/insights/countries"), vec![], 1),
            ("GET", format!("/v1/records/{id_record}/shares"), vec![], 1),
            ("POST", format!("/v1/products/{id_product}"), vec![("alias_name", "Renamed")], 3),
            ("POST", format!("/v1/products/{id_product}"), vec![("lost", "false")], 3),
            ("POST", format!("/v1/products/{id_product}/records/{id_record}"), vec![("is_enabled", "true")], 3),
            ("POST", format!("/v1/products/{id_product}"), vec![("reference", "REF-1")], 4),
            // Taking it out of a group (here: of none) is the owner's alone, like putting it in.
            ("POST", format!("/v1/products/{id_product}"), vec![("id_group", "")], 5),
            ("POST", format!("/v1/products/{id_product}/access"), vec![("email", &invitee), ("chmod", "1")], 4),
            ("GET", format!("/v1/applications/{id_app}"), vec![], 1),
            ("GET", format!("/v1/applications/{id_app}/users"), vec![], 1),
            ("GET", format!("/v1/applications/{id_app}/plugins"), vec![], 1),
            ("GET", format!("/v1/applications/{id_app}/shares"), vec![], 1),
            ("GET", format!("/v1/applications/{id_app}/insights/browsers"), vec![], 1),
            ("GET", format!("/v1/plugins/{owners_plugin}"), vec![], 1),
            ("GET", format!("/v1/plugins/{owners_plugin}/insights"), vec![], 1),
            ("POST", format!("/v1/applications/{id_app}/plugins/order"), vec![("items", &order)], 3),
            (
                "POST",
                format!("/v1/applications/{id_app}/plugins"),
                vec![("id_plugstore", "16"), ("data", r#"{"text":"mine"}"#)],
                2,
            ),
            ("POST", format!("/v1/plugins/{owners_plugin}"), vec![("name", "Edited")], 3),
            ("POST", format!("/v1/applications/{id_app}"), vec![("subtitle", "Changed")], 4),
            ("POST", format!("/v1/applications/{id_app}/access"), vec![("email", &invitee), ("chmod", "1")], 4),
            ("POST", format!("/v1/applications/{id_app}/shares"), vec![("expiration_time", "3600")], 4),
        ];
        for (method, path, form, needs) in &routes {
            let answer = app().call(method, path, who.auth(), form, &[]);
            assert_eq!(
                answer.status,
                // Creates answer 201: a grant (an invitation), a plugin, a share link.
                match expected(*level, *needs) {
                    200 if *method == "POST"
                        && ["/access", "/plugins", "/shares"].iter().any(|end| path.ends_with(end)) =>
                        201,
                    status => status,
                },
                "chmod {level}: {method} {path} {form:?}: {}",
                answer.body
            );
            checked += 1;
        }
        // Owner-only actions, refused below 5 (the owner's own are tested elsewhere: they are destructive).
        if *level < 5 {
            // Into a group of one's own (where one is owner): the old way from admin to owner.
            let group = app().call("POST", "/v1/groups", who.auth(), &[("alias_name", "Mine")], &[]).json()["id"]
                .as_i64()
                .unwrap();
            let group = group.to_string();
            let moved =
                app().call("POST", &format!("/v1/products/{id_product}"), who.auth(), &[("id_group", &group)], &[]);
            assert_eq!(moved.status, expected(*level, 5), "chmod {level}: into own group: {}", moved.body);
            checked += 1;
            for (method, path) in [
                ("POST", format!("/v1/products/{id_product}/reset")),
                ("DELETE", format!("/v1/products/{id_product}?force_erase=true")),
                ("DELETE", format!("/v1/applications/{id_app}")),
            ] {
                let answer = app().call(method, &path, who.auth(), &[], &[]);
                assert_eq!(answer.status, expected(*level, 5), "chmod {level}: {method} {path}: {}", answer.body);
                checked += 1;
            }
        }
    }
    println!("chmod matrix: {checked} calls over 6 levels");

    // A chmod-2 user edits their own plugin but not the owner's.
    let user2 = &users[2].1;
    let mine = app()
        .call(
            "POST",
            &format!("/v1/applications/{id_app}/plugins"),
            user2.auth(),
            &[("id_plugstore", "16"), ("data", r#"{"text":"by user 2"}"#)],
            &[],
        )
        .json()["id"]
        .as_i64()
        .unwrap();
    assert_eq!(app().call("POST", &format!("/v1/plugins/{mine}"), user2.auth(), &[("name", "Mine")], &[]).status, 200);
    assert_eq!(app().call("DELETE", &format!("/v1/plugins/{mine}"), user2.auth(), &[], &[]).status, 200);
    assert_eq!(app().call("DELETE", &format!("/v1/plugins/{owners_plugin}"), user2.auth(), &[], &[]).status, 403);
}

#[test]
fn grants_stay_within_ones_own_level_and_owners_are_protected() {
    let owner = new_account("g-own");
    let admin = new_account("g-adm");
    let reader = new_account("g-rd");
    let (id_product, id_record, key) = new_product();
    app().call("POST", &format!("/v1/products/pair/{id_record}/{key}"), owner.auth(), &[], &[]);
    share(&owner, "products", id_product, &admin, 4);
    share(&admin, "products", id_product, &reader, 1);
    let grant = |who: &Account, email: &str, chmod: &str| {
        app().call(
            "POST",
            &format!("/v1/products/{id_product}/access"),
            who.auth(),
            &[("email", email), ("chmod", chmod)],
            &[],
        )
    };
    // An admin cannot give owner, nor more than admin.
    assert_eq!(grant(&admin, &unique_email("g"), "5").status, 403);
    assert_eq!(grant(&admin, &unique_email("g"), "4").status, 201);
    // Nobody changes their own access; an admin cannot touch the owner.
    let own = app().call(
        "POST",
        &format!("/v1/products/{id_product}/access/{}", admin.id),
        admin.auth(),
        &[("chmod", "3")],
        &[],
    );
    assert_eq!(own.status, 403);
    let demote_owner = app().call(
        "POST",
        &format!("/v1/products/{id_product}/access/{}", owner.id),
        admin.auth(),
        &[("chmod", "1")],
        &[],
    );
    assert_eq!(demote_owner.status, 403);
    assert!(demote_owner.body.contains("owner"));
    // The owner can promote the reader, even to owner; the admin can remove a reader.
    let promoted = app().call(
        "POST",
        &format!("/v1/products/{id_product}/access/{}", reader.id),
        owner.auth(),
        &[("chmod", "2")],
        &[],
    );
    assert_eq!(promoted.json()["chmod"], 2);
    let removed =
        app().call("DELETE", &format!("/v1/products/{id_product}/access/{}", reader.id), admin.auth(), &[], &[]);
    assert_eq!(removed.status, 200);
    assert_eq!(app().call("GET", &format!("/v1/products/{id_product}"), reader.auth(), &[], &[]).status, 404);
    // Bad input names the argument.
    assert_eq!(grant(&owner, "not-an-email", "1").error_code(), 420);
    assert_eq!(grant(&owner, &unique_email("g"), "7").error_code(), 420);
    assert_eq!(grant(&owner, &unique_email("g"), "0").error_code(), 420);
    assert_eq!(grant(&owner, &admin.email, "1").error_code(), 409, "already shared");
    let users = app().call("GET", &format!("/v1/products/{id_product}/users"), owner.auth(), &[], &[]).json();
    let chmods: Vec<i64> = users.as_object().unwrap().values().map(|u| u["chmod"].as_i64().unwrap()).collect();
    assert_eq!(chmods[0], 5, "owner first: {users}");
}

#[test]
fn an_invitation_to_an_address_without_an_account_waits_for_it() {
    let owner = new_account("inv-own");
    let (id_product, id_record, key) = new_product();
    app().call("POST", &format!("/v1/products/pair/{id_record}/{key}"), owner.auth(), &[("alias_name", "Bike")], &[]);
    let email = unique_email("newcomer");
    let granted = app().call(
        "POST",
        &format!("/v1/products/{id_product}/access"),
        owner.auth(),
        &[("email", &email), ("chmod", "1")],
        &[],
    );
    assert_eq!(granted.status, 201, "{}", granted.body);
    assert_eq!(granted.json()["is_enabled"], false);
    let link = app().mail_link(&email, "invitation");
    assert!(link.ends_with("/dashboard/invitations"), "{link}");
    let mail = app().outbox().into_iter().find(|m| m["to"] == email.as_str()).unwrap();
    assert!(mail["html"].as_str().unwrap().contains("Bike"));

    let newcomer = new_account_with("newcomer", &email);
    assert_eq!(app().call("GET", &format!("/v1/products/{id_product}"), newcomer.auth(), &[], &[]).status, 404);
    let pending = app().call("GET", "/v1/products/pending", newcomer.auth(), &[], &[]).json();
    assert_eq!(pending["0"]["product"]["alias_name"], "Bike");
    assert_eq!(pending["0"]["chmod"], 1);
    let id = pending["0"]["id"].as_i64().unwrap();
    // Someone else cannot answer it.
    let stranger = new_account("stranger");
    let stolen = app().call("POST", &format!("/v1/products/pending/{id}"), stranger.auth(), &[("grant", "true")], &[]);
    assert_eq!(stolen.status, 404);
    let accepted =
        app().call("POST", &format!("/v1/products/pending/{id}"), newcomer.auth(), &[("grant", "true")], &[]);
    assert_eq!(accepted.status, 200, "{}", accepted.body);
    let seen: Value = app().call("GET", &format!("/v1/products/{id_product}"), newcomer.auth(), &[], &[]).json();
    assert_eq!(seen["chmod"], 1);
    assert_eq!(seen["id_issuer"], owner.id);
    // A reader sees it but cannot change it.
    let edit =
        app().call("POST", &format!("/v1/products/{id_product}"), newcomer.auth(), &[("alias_name", "Mine")], &[]);
    assert_eq!(edit.status, 403);
    assert!(edit.body.contains("chmod 3"), "{}", edit.body);
    // Declining removes the invitation.
    let (p2, r2, k2) = new_product();
    app().call("POST", &format!("/v1/products/pair/{r2}/{k2}"), owner.auth(), &[], &[]);
    share_declined(&owner, p2, &newcomer);
}

fn share_declined(owner: &Account, id_product: i64, who: &Account) {
    app().call(
        "POST",
        &format!("/v1/products/{id_product}/access"),
        owner.auth(),
        &[("email", &who.email), ("chmod", "2")],
        &[],
    );
    let pending = app().call("GET", "/v1/products/pending", who.auth(), &[], &[]).json();
    let id = pending["0"]["id"].as_i64().unwrap();
    let declined = app().call("POST", &format!("/v1/products/pending/{id}"), who.auth(), &[("grant", "false")], &[]);
    assert_eq!(declined.json()["declined"], true);
    assert!(app().call("GET", "/v1/products/pending", who.auth(), &[], &[]).json()["0"].is_null());
    assert_eq!(app().call("GET", &format!("/v1/products/{id_product}"), who.auth(), &[], &[]).status, 404);
}
