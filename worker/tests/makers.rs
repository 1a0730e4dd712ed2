//! Makers and their items: an account creates its makers (the first is main),
//! items priced in minor units, and reaches nothing of another account's.
mod common;

use common::{app, demo_owner, execute_sql, new_account, Account};
use serde_json::Value;

fn create_maker(who: &Account, form: &[(&str, &str)]) -> Value {
    let a = app().call("POST", "/v1/makers", who.auth(), form, &[]);
    assert_eq!(a.status, 201, "{}", a.body);
    a.json()
}

fn image_of(who: &Account) -> i64 {
    let png = senzu_core::qr::png("https://senzu.app/makers-test", 2).unwrap();
    let source = format!("data:image/png;base64,{}", senzu_core::page::base64(&png));
    let a = app().call("POST", "/v1/files", who.auth(), &[("source", &source)], &[]);
    assert_eq!(a.status, 201, "{}", a.body);
    a.json()["id"].as_i64().unwrap()
}

#[test]
fn an_account_creates_its_makers_and_the_first_is_main() {
    let ada = new_account("maker");
    assert_eq!(app().call("GET", "/v1/makers/main", ada.auth(), &[], &[]).status, 404);
    assert_eq!(app().call("GET", "/v1/makers", ada.auth(), &[], &[]).json(), serde_json::json!({}));

    // Named errors, nothing created.
    let no_mail = app().call("POST", "/v1/makers", ada.auth(), &[("display_name", "Atelier")], &[]);
    assert_eq!(no_mail.error_code(), 419, "{}", no_mail.body);
    let bad_mail =
        app().call("POST", "/v1/makers", ada.auth(), &[("display_name", "Atelier"), ("contact_email", "nope")], &[]);
    assert_eq!(bad_mail.error_code(), 420);
    assert!(bad_mail.body.contains("contact_email"), "{}", bad_mail.body);
    let bad_url = app().call(
        "POST",
        "/v1/makers",
        ada.auth(),
        &[("display_name", "A"), ("contact_email", "a@atelier.fr"), ("url", "javascript:alert(1)")],
        &[],
    );
    assert_eq!(bad_url.error_code(), 420);
    assert!(bad_url.body.contains("url"), "{}", bad_url.body);
    let company = app().call(
        "POST",
        "/v1/makers",
        ada.auth(),
        &[("display_name", "A"), ("contact_email", "a@atelier.fr"), ("id_company", "3")],
        &[],
    );
    assert_eq!(company.error_code(), 420);
    assert_eq!(app().call("GET", "/v1/makers", ada.auth(), &[], &[]).json(), serde_json::json!({}));

    // The documented example's `alias_name` and `reference`.
    let first = create_maker(
        &ada,
        &[("alias_name", "Atelier Ada"), ("reference", "ADA"), ("contact_email", "hello@atelier.fr")],
    );
    assert_eq!(first["alias_name"], "Atelier Ada");
    assert_eq!(first["reference"], "ADA");
    assert_eq!(first["is_main_account"], true);
    assert_eq!(first["chmod"], 5);
    assert_eq!(first["id_currency"], 1);
    assert_eq!(first["is_enabled"], true);
    assert_eq!(first["date_updated"], Value::Null);
    assert!(first["date_created"]["date"].is_string());
    let second = create_maker(&ada, &[("display_name", "Ada Rings"), ("contact_email", "rings@atelier.fr")]);
    assert_eq!(second["is_main_account"], false);
    assert_eq!(second["reference"], "Ada Rings", "the reference defaults to the name shown");
    let (id1, id2) = (first["id"].as_i64().unwrap(), second["id"].as_i64().unwrap());

    let list = app().call("GET", "/v1/makers", ada.auth(), &[], &[]).json();
    assert_eq!(list["0"]["id"], id1);
    assert_eq!(list["1"]["id"], id2);
    assert_eq!(list["1"]["reference"], "Ada Rings");
    assert_eq!(app().call("GET", "/v1/makers/main", ada.auth(), &[], &[]).json()["id"], id1);

    // The main maker is updated through /main; a url is set, then cleared.
    let image = image_of(&ada);
    let updated = app().call(
        "POST",
        "/v1/makers/main",
        ada.auth(),
        &[("url", "https://atelier.fr"), ("id_image", &image.to_string())],
        &[],
    );
    assert_eq!(updated.status, 200, "{}", updated.body);
    assert_eq!(updated.json()["url"], "https://atelier.fr");
    assert_eq!(updated.json()["id_image"], image);
    assert!(updated.json()["date_updated"]["date"].is_string());
    let cleared = app().call("POST", &format!("/v1/makers/{id1}"), ada.auth(), &[("url", "")], &[]).json();
    assert_eq!(cleared["url"], Value::Null);
    assert_eq!(cleared["id_image"], image, "a field not sent is kept");
    assert_eq!(app().call("POST", &format!("/v1/makers/{id1}"), ada.auth(), &[], &[]).error_code(), 419);

    // Anyone with the maker role sees the public profile, and nothing else.
    let bob = new_account("maker-other");
    let profile = app().call("GET", &format!("/v1/makers/{id1}"), bob.auth(), &[], &[]);
    assert_eq!(profile.status, 200, "{}", profile.body);
    assert_eq!(profile.json()["display_name"], "Atelier Ada");
    assert_eq!(profile.json()["contact_email"], "hello@atelier.fr");
    assert!(profile.json().get("balance").is_none() && profile.json().get("reference").is_none());
    for (method, path) in [
        ("POST", format!("/v1/makers/{id1}")),
        ("DELETE", format!("/v1/makers/{id1}")),
        ("GET", format!("/v1/makers/{id1}/items")),
        ("POST", format!("/v1/makers/{id1}/items")),
    ] {
        let a = app().call(method, &path, bob.auth(), &[("reference", "X"), ("display_name", "X")], &[]);
        assert_eq!(a.status, 404, "{method} {path}: {}", a.body);
    }
    // Bob's image is not Ada's to use.
    let bobs = image_of(&bob);
    let theirs = app().call("POST", &format!("/v1/makers/{id2}"), ada.auth(), &[("id_image", &bobs.to_string())], &[]);
    assert_eq!(theirs.error_code(), 420);
    assert_eq!(app().call("GET", "/v1/makers", bob.auth(), &[], &[]).json(), serde_json::json!({}));

    // Deleting the main maker makes the other one main; ids are never reused.
    assert_eq!(app().call("DELETE", &format!("/v1/makers/{id1}"), ada.auth(), &[], &[]).status, 200);
    assert_eq!(app().call("GET", "/v1/makers/main", ada.auth(), &[], &[]).json()["id"], id2);
    assert_eq!(app().call("GET", &format!("/v1/makers/{id1}"), bob.auth(), &[], &[]).status, 404);
    assert_eq!(app().call("DELETE", &format!("/v1/makers/{id2}"), ada.auth(), &[], &[]).status, 200);
    let third = create_maker(&ada, &[("display_name", "Again"), ("contact_email", "again@atelier.fr")]);
    assert!(third["id"].as_i64().unwrap() > id2, "a deleted maker's id is not given again");
    assert_eq!(third["is_main_account"], true);
}

#[test]
fn an_account_runs_at_most_twenty_makers() {
    let many = new_account("maker-many");
    for n in 0..20 {
        create_maker(&many, &[("display_name", &format!("Brand {n}")), ("contact_email", "brand@atelier.fr")]);
    }
    let over = app().call(
        "POST",
        "/v1/makers",
        many.auth(),
        &[("display_name", "Brand 21"), ("contact_email", "brand@atelier.fr")],
        &[],
    );
    assert_eq!(over.status, 409, "{}", over.body);
    assert_eq!(app().call("GET", "/v1/makers", many.auth(), &[], &[]).json().as_object().unwrap().len(), 20);
}

#[test]
fn a_maker_prices_and_updates_its_items_and_keeps_those_with_products() {
    let ada = new_account("items");
    let maker = create_maker(&ada, &[("display_name", "Atelier"), ("contact_email", "hello@atelier.fr")]);
    let id_maker = maker["id"].as_i64().unwrap();
    let items = format!("/v1/makers/{id_maker}/items");

    for (field, value) in [("price", "25.905"), ("price", "-3"), ("id_currency", "2"), ("country_code", "FRA")] {
        let a =
            app().call("POST", &items, ada.auth(), &[("reference", "C"), ("display_name", "C"), (field, value)], &[]);
        assert_eq!(a.error_code(), 420, "{field}={value}: {}", a.body);
        assert!(a.body.contains(field), "{}", a.body);
    }
    assert_eq!(app().call("POST", &items, ada.auth(), &[("reference", "C")], &[]).error_code(), 419);

    let created = app().call(
        "POST",
        &items,
        ada.auth(),
        &[
            ("reference", "CARD-BLK"),
            ("display_name", "Black card"),
            ("price", "25.90"),
            ("language", "fr"),
            ("country_code", "fr"),
            ("quantity_in_stock", "100"),
            ("is_onsale", "true"),
        ],
        &[],
    );
    assert_eq!(created.status, 201, "{}", created.body);
    let item = created.json();
    let id = item["id"].as_i64().unwrap();
    assert_eq!(item["maker"], serde_json::json!({"id": id_maker, "reference": "Atelier"}));
    assert_eq!(item["price"], 25.9);
    assert_eq!(item["id_currency"], 1);
    assert_eq!(item["country_code"], "FR");
    assert_eq!(item["language"], "fr");
    assert_eq!(item["quantity_in_stock"], 100);
    assert_eq!(item["is_onsale"], true);
    assert_eq!(item["image"], serde_json::json!({"id": null, "url": null}));

    let got = app().call("GET", &format!("/v1/items/{id}"), ada.auth(), &[], &[]).json();
    assert_eq!(got, item);
    let list = app().call("GET", &items, ada.auth(), &[], &[]).json();
    assert_eq!(list["0"], serde_json::json!({"id": id, "reference": "CARD-BLK", "url_image": null}));

    // Set, clear, keep.
    let image = image_of(&ada);
    let updated = app().call(
        "POST",
        &format!("/v1/items/{id}"),
        ada.auth(),
        &[("price", "0,99"), ("country_code", ""), ("id_image", &image.to_string()), ("display_name", "Noire")],
        &[],
    );
    assert_eq!(updated.status, 200, "{}", updated.body);
    let updated = updated.json();
    assert_eq!(updated["price"], 0.99);
    assert_eq!(updated["country_code"], Value::Null);
    assert_eq!(updated["language"], "fr");
    assert_eq!(updated["display_name"], "Noire");
    assert_eq!(updated["reference"], "CARD-BLK");
    assert_eq!(updated["image"]["id"], image);
    assert!(updated["image"]["url"].as_str().unwrap().starts_with("/files/"));
    assert_eq!(app().call("POST", &format!("/v1/items/{id}"), ada.auth(), &[], &[]).error_code(), 419);

    // Another account reaches none of it.
    let bob = new_account("items-other");
    for (method, path) in [
        ("GET", format!("/v1/items/{id}")),
        ("POST", format!("/v1/items/{id}")),
        ("DELETE", format!("/v1/items/{id}")),
        ("GET", format!("/v1/items/{id}/products")),
    ] {
        let a = app().call(method, &path, bob.auth(), &[("display_name", "Mine")], &[]);
        assert_eq!(a.status, 404, "{method} {path}: {}", a.body);
    }

    // An item with products stays (they are someone's objects), and so does its maker.
    let id_product = 900_000_000 + id;
    execute_sql(&format!("INSERT INTO products (id, id_item, reference) VALUES ({id_product}, {id}, 'P-1');"));
    let products = app().call("GET", &format!("/v1/items/{id}/products"), ada.auth(), &[], &[]).json();
    assert_eq!(products["0"]["id"], id_product);
    assert_eq!(products["0"]["reference"], "P-1");
    assert_eq!(app().call("DELETE", &format!("/v1/items/{id}"), ada.auth(), &[], &[]).status, 409);
    assert_eq!(app().call("DELETE", &format!("/v1/makers/{id_maker}"), ada.auth(), &[], &[]).status, 409);
    execute_sql(&format!("DELETE FROM products WHERE id = {id_product};"));
    assert_eq!(app().call("DELETE", &format!("/v1/items/{id}"), ada.auth(), &[], &[]).status, 200);
    assert_eq!(app().call("GET", &format!("/v1/items/{id}"), ada.auth(), &[], &[]).status, 404);
    assert_eq!(app().call("DELETE", &format!("/v1/makers/{id_maker}"), ada.auth(), &[], &[]).status, 200);
}

#[test]
fn the_demo_maker_is_its_owners_main_maker_with_its_card() {
    let owner = demo_owner();
    let main = app().call("GET", "/v1/makers/main", owner.auth(), &[], &[]).json();
    assert_eq!(main["id"], 1);
    assert_eq!(main["reference"], "Senzu Demo Maker");
    let item = app().call("GET", "/v1/items/1", owner.auth(), &[], &[]).json();
    assert_eq!(item["display_name"], "Senzu Card");
    let products = app().call("GET", "/v1/items/1/products", owner.auth(), &[], &[]).json();
    assert!(products.as_object().unwrap().values().any(|p| p["id"] == 1), "{products}");
}
