//! A maker's attached groups: only the maker's account reaches them and sets
//! them on the products it made.
mod common;

use common::{app, demo_owner, new_account, new_product};

#[test]
fn makers_sort_their_products_into_attached_groups() {
    let maker = demo_owner(); // the demo owner runs maker 1, which makes the test products
    let created = app().call(
        "POST",
        "/v1/makers/1/attached-groups",
        maker.auth(),
        &[("reference", "BATCH-2026-11"), ("alias_name", "November batch")],
        &[],
    );
    assert_eq!(created.status, 201, "{}", created.body);
    let g = created.json()["id"].as_i64().unwrap();
    assert_eq!(created.json()["id_maker"], 1);
    let list = app().call("GET", "/v1/makers/1/attached-groups", maker.auth(), &[], &[]).json();
    assert!(list.as_object().unwrap().values().any(|v| v["id"] == g));
    let renamed =
        app().call("POST", &format!("/v1/makers/1/attached-groups/{g}"), maker.auth(), &[("alias_name", "Nov.")], &[]);
    assert_eq!(renamed.json()["alias_name"], "Nov.");
    assert_eq!(renamed.json()["reference"], "BATCH-2026-11");
    assert_eq!(app().call("POST", "/v1/makers/1/attached-groups", maker.auth(), &[], &[]).error_code(), 419);

    // The product's owner (not its maker) cannot attach it; the maker can, without owning it.
    let owner = new_account("attach");
    let (id_product, id_record, key) = new_product();
    app().call("POST", &format!("/v1/products/pair/{id_record}/{key}"), owner.auth(), &[], &[]);
    let by_owner = app().call(
        "POST",
        &format!("/v1/products/{id_product}"),
        owner.auth(),
        &[("id_attached_group", &g.to_string())],
        &[],
    );
    assert_eq!(by_owner.status, 403, "{}", by_owner.body);
    let by_maker = app().call(
        "POST",
        &format!("/v1/products/{id_product}"),
        maker.auth(),
        &[("id_attached_group", &g.to_string())],
        &[],
    );
    assert_eq!(by_maker.status, 200, "{}", by_maker.body);
    assert_eq!(by_maker.json()["id_attached_group"], g);

    // Another account reaches nothing of maker 1.
    for (method, path) in [
        ("GET", "/v1/makers/1/attached-groups".to_string()),
        ("GET", format!("/v1/makers/1/attached-groups/{g}")),
        ("DELETE", format!("/v1/makers/1/attached-groups/{g}")),
    ] {
        assert_eq!(app().call(method, &path, owner.auth(), &[], &[]).status, 404, "{method} {path}");
    }
    assert_eq!(app().call("DELETE", &format!("/v1/makers/1/attached-groups/{g}"), maker.auth(), &[], &[]).status, 200);
    assert_eq!(app().call("GET", &format!("/v1/makers/1/attached-groups/{g}"), maker.auth(), &[], &[]).status, 404);
}
