//! Products groups: sharing a group shares every product in it, group-wide
//! application and enabling, leaving and deleting.
mod common;

use common::{app, new_account, new_product, Account};

fn paired(who: &Account, alias: &str) -> (i64, String) {
    let (id_product, id_record, key) = new_product();
    let paired =
        app().call("POST", &format!("/v1/products/pair/{id_record}/{key}"), who.auth(), &[("alias_name", alias)], &[]);
    assert_eq!(paired.status, 200, "{}", paired.body);
    (id_product, key)
}

#[test]
fn a_shared_group_shares_its_products() {
    let ada = new_account("grp");
    let bob = new_account("grp2");
    let (p1, k1) = paired(&ada, "Bike lock");
    let (p2, k2) = paired(&ada, "Garage tag");
    let created = app().call("POST", "/v1/groups", ada.auth(), &[("alias_name", "Family")], &[]);
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.json()["chmod"], 5);
    let g = created.json()["id"].as_i64().unwrap();
    for p in [p1, p2] {
        let put = app().call("POST", &format!("/v1/products/{p}"), ada.auth(), &[("id_group", &g.to_string())], &[]);
        assert_eq!(put.status, 200, "{}", put.body);
        assert_eq!(put.json()["id_group"], g);
    }
    let group = app().call("GET", &format!("/v1/groups/{g}"), ada.auth(), &[], &[]).json();
    let mut both = vec![p1, p2];
    both.sort_unstable();
    let mut in_group: Vec<i64> = group["products"].as_array().unwrap().iter().map(|p| p.as_i64().unwrap()).collect();
    in_group.sort_unstable();
    assert_eq!(in_group, both);
    assert_eq!(app().call("GET", "/v1/groups", ada.auth(), &[], &[]).json()["0"]["quantity_product"], 2);

    // Share the group read-only; Bob accepts and sees both products, with chmod 1.
    let shared =
        app().call("POST", &format!("/v1/groups/{g}/users"), ada.auth(), &[("email", &bob.email), ("chmod", "1")], &[]);
    assert_eq!(shared.status, 201, "{}", shared.body);
    assert_eq!(app().call("GET", &format!("/v1/products/{p1}"), bob.auth(), &[], &[]).status, 404, "not yet accepted");
    let pending = app().call("GET", "/v1/groups/pending", bob.auth(), &[], &[]).json();
    assert_eq!(pending["0"]["group"]["alias_name"], "Family");
    let invitation = pending["0"]["id"].as_i64().unwrap();
    app().call("POST", &format!("/v1/groups/pending/{invitation}"), bob.auth(), &[("grant", "true")], &[]);
    let list = app().call("GET", "/v1/products?limit=null", bob.auth(), &[], &[]).json();
    let ids: Vec<i64> = list.as_object().unwrap().values().map(|p| p["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, both, "listed by id");
    assert_eq!(list["0"]["chmod"], 1);
    let edit = app().call("POST", &format!("/v1/products/{p1}"), bob.auth(), &[("alias_name", "Mine")], &[]);
    assert_eq!(edit.status, 403);
    // A group reader cannot add products to it.
    let (bobs, _) = paired(&bob, "Bob's");
    let sneak = app().call("POST", &format!("/v1/products/{bobs}"), bob.auth(), &[("id_group", &g.to_string())], &[]);
    assert_eq!(sneak.error_code(), 420);

    // The owner puts one application on every record of the group.
    let id_app =
        app().call("POST", "/v1/applications", ada.auth(), &[("name", "Home")], &[]).json()["id"].as_i64().unwrap();
    let set =
        app().call("POST", &format!("/v1/groups/{g}"), ada.auth(), &[("id_application", &id_app.to_string())], &[]);
    assert_eq!(set.status, 200, "{}", set.body);
    for key in [&k1, &k2] {
        assert_eq!(app().get(&format!("/v1/plays/{key}")).json()["title"], "Home");
    }
    let off = app().call("POST", &format!("/v1/groups/{g}"), ada.auth(), &[("is_enabled", "false")], &[]);
    assert_eq!(off.status, 200);
    assert_eq!(app().get(&format!("/v1/plays/{k2}")).error_code(), 462);
    assert_eq!(app().call("POST", &format!("/v1/groups/{g}"), bob.auth(), &[("alias_name", "x")], &[]).status, 403);

    // Taking a product out of the group takes it from the group's members.
    app().call("POST", &format!("/v1/products/{p2}"), ada.auth(), &[("id_group", "")], &[]);
    assert_eq!(app().call("GET", &format!("/v1/products/{p2}"), bob.auth(), &[], &[]).status, 404);
    assert_eq!(app().call("GET", &format!("/v1/products/{p1}"), bob.auth(), &[], &[]).status, 200);
    // Deleting the group: Bob has nothing left of it, Ada keeps her products.
    assert_eq!(app().call("DELETE", &format!("/v1/groups/{g}"), bob.auth(), &[], &[]).status, 403);
    assert_eq!(app().call("DELETE", &format!("/v1/groups/{g}"), ada.auth(), &[], &[]).status, 200);
    assert_eq!(app().call("GET", &format!("/v1/products/{p1}"), bob.auth(), &[], &[]).status, 404);
    assert_eq!(
        app().call("GET", &format!("/v1/products/{p1}"), ada.auth(), &[], &[]).json()["id_group"],
        serde_json::Value::Null
    );
    assert_eq!(app().call("POST", "/v1/groups", ada.auth(), &[], &[]).error_code(), 419);
}
