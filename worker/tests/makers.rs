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
    let all = app().call("GET", "/v1/makers?limit=null", many.auth(), &[], &[]).json();
    assert_eq!(all.as_object().unwrap().len(), 20);
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

fn batch(who: &Account, id_maker: i64, key: Option<&str>, form: &[(&str, &str)]) -> common::Answer {
    let headers: Vec<(&str, &str)> = key.map(|k| vec![("idempotency-key", k)]).unwrap_or_default();
    app().call("POST", &format!("/v1/makers/{id_maker}/batches"), who.auth(), form, &headers)
}

fn encoded(who: &Account, id_maker: i64, id_batch: i64) -> Vec<Value> {
    let path = format!("/v1/makers/{id_maker}/products/encoded?id_batch={id_batch}&limit=1000");
    let a = app().call("GET", &path, who.auth(), &[], &[]);
    assert_eq!(a.status, 200, "{}", a.body);
    a.json().as_object().unwrap().values().cloned().collect()
}

#[test]
fn a_batch_makes_products_with_their_records_once_even_when_retried() {
    let ada = new_account("batch");
    let id_maker =
        create_maker(&ada, &[("display_name", "Batcher"), ("contact_email", "b@atelier.fr")])["id"].as_i64().unwrap();
    let item = app().call(
        "POST",
        &format!("/v1/makers/{id_maker}/items"),
        ada.auth(),
        &[("reference", "CARD"), ("display_name", "Card")],
        &[],
    );
    let id_item = item.json()["id"].as_i64().unwrap().to_string();
    let form = [("id_item", id_item.as_str()), ("quantity", "3"), ("records", "nfc:aes-128,qrcode:static")];

    // Named errors.
    for (field, value) in [("quantity", "10001"), ("records", "qrcode:aes-128"), ("id_item", "1")] {
        let mut bad: Vec<(&str, &str)> = form.iter().copied().filter(|(k, _)| *k != field).collect();
        bad.push((field, value));
        let a = batch(&ada, id_maker, None, &bad);
        assert_eq!(a.error_code(), 420, "{field}={value}: {}", a.body);
        assert!(a.body.contains(field), "{}", a.body);
    }
    assert_eq!(batch(&ada, id_maker, Some("bad key"), &form).error_code(), 420);
    let bob = new_account("batch-other");
    assert_eq!(batch(&bob, id_maker, None, &form).status, 404);

    let key = format!("batch-{}", rand::random::<u64>());
    let made = batch(&ada, id_maker, Some(&key), &form);
    assert_eq!(made.status, 201, "{}", made.body);
    let made = made.json();
    assert_eq!(made["quantity"], 3);
    assert_eq!(made["made"], 3);
    assert_eq!(made["is_complete"], true);
    assert_eq!(made["records"], "nfc:aes-128,qrcode:static");
    assert_eq!(made["reference"], "CARD");
    let id_batch = made["id"].as_i64().unwrap();
    let products = encoded(&ada, id_maker, id_batch);
    assert_eq!(products.len(), 3);
    let references: Vec<&str> = products.iter().map(|p| p["reference"].as_str().unwrap()).collect();
    assert_eq!(references, ["CARD-00001", "CARD-00002", "CARD-00003"]);
    let mut keys = std::collections::HashSet::new();
    for p in &products {
        let records = p["record"].as_array().unwrap();
        assert_eq!(records.len(), 2, "{p}");
        assert_eq!(
            (records[0]["technology"].as_str(), records[0]["token_encryption"].as_str()),
            (Some("nfc"), Some("aes-128"))
        );
        assert_eq!(records[0]["uid"], Value::Null, "not encoded yet");
        assert_eq!(records[1]["technology"], "qrcode");
        for r in records {
            let k = r["record_key"].as_str().unwrap();
            assert!(k.len() == 32 && k.bytes().all(|b| b.is_ascii_hexdigit()), "{k}");
            assert!(keys.insert(k.to_string()), "a key given twice");
        }
    }

    // The same request again: the same batch, nothing made twice.
    let again = batch(&ada, id_maker, Some(&key), &form);
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(again.json()["id"], id_batch);
    assert_eq!(encoded(&ada, id_maker, id_batch), products);
    // The same key for something else is refused.
    let other: Vec<(&str, &str)> =
        vec![("id_item", &id_item), ("quantity", "4"), ("records", "nfc:aes-128,qrcode:static")];
    assert_eq!(batch(&ada, id_maker, Some(&key), &other).status, 409);

    // A request that stopped after its first product: the retry makes the rest only.
    let cut_key = format!("cut-{}", rand::random::<u64>());
    let cut = batch(&ada, id_maker, Some(&cut_key), &form).json();
    let id_cut = cut["id"].as_i64().unwrap();
    let first = encoded(&ada, id_maker, id_cut)[0].clone();
    execute_sql(&format!(
        "DELETE FROM records WHERE id_product IN (SELECT id FROM products WHERE id_batch = {id_cut} AND batch_position > 0);\n\
         DELETE FROM products WHERE id_batch = {id_cut} AND batch_position > 0;\n\
         UPDATE product_batches SET made = 1 WHERE id = {id_cut};"
    ));
    let progress = app().call("GET", &format!("/v1/makers/{id_maker}/batches/{id_cut}"), ada.auth(), &[], &[]).json();
    assert_eq!((progress["made"].as_u64(), progress["is_complete"].as_bool()), (Some(1), Some(false)));
    let resumed = batch(&ada, id_maker, Some(&cut_key), &form);
    assert_eq!(resumed.status, 200, "{}", resumed.body);
    assert_eq!(resumed.json()["made"], 3);
    let after = encoded(&ada, id_maker, id_cut);
    assert_eq!(after.len(), 3);
    assert_eq!(after[0], first, "the product made before is kept as it was");
    assert!(after.iter().all(|p| p["record"].as_array().unwrap().len() == 2));

    let list = app().call("GET", &format!("/v1/makers/{id_maker}/batches"), ada.auth(), &[], &[]).json();
    assert_eq!(list.as_object().unwrap().len(), 2);
    assert_eq!(app().call("GET", &format!("/v1/makers/{id_maker}/batches/{id_cut}"), bob.auth(), &[], &[]).status, 404);
    assert_eq!(app().call("GET", &format!("/v1/makers/{id_maker}/products/encoded"), bob.auth(), &[], &[]).status, 404);

    // A batch's printed code opens a real product: its buyer pairs it.
    let qr = &products[1]["record"][1];
    let buyer = new_account("batch-buyer");
    let paired = app().call(
        "POST",
        &format!("/v1/products/pair/{}/{}", qr["id"], qr["record_key"].as_str().unwrap()),
        buyer.auth(),
        &[],
        &[],
    );
    assert_eq!(paired.status, 200, "{}", paired.body);
    let mine = app().call("GET", &format!("/v1/products/{}", products[1]["id"]), buyer.auth(), &[], &[]).json();
    assert_eq!(mine["item"]["display_name"], "Card");
    assert_eq!(mine["maker"]["reference"], "Batcher");
}

#[test]
fn a_maker_makes_one_product_of_its_own_item() {
    let ada = new_account("product");
    let id_maker =
        create_maker(&ada, &[("display_name", "One-off"), ("contact_email", "o@atelier.fr")])["id"].as_i64().unwrap();
    let id_item = app()
        .call(
            "POST",
            &format!("/v1/makers/{id_maker}/items"),
            ada.auth(),
            &[("reference", "R"), ("display_name", "Ring")],
            &[],
        )
        .json()["id"]
        .as_i64()
        .unwrap();
    let (m, i) = (id_maker.to_string(), id_item.to_string());
    let made = app().call(
        "POST",
        "/v1/products",
        ada.auth(),
        &[("id_maker", &m), ("id_item", &i), ("reference", "New Ring")],
        &[],
    );
    assert_eq!(made.status, 201, "{}", made.body);
    let made = made.json();
    assert_eq!((made["id_maker"].as_i64(), made["id_item"].as_i64()), (Some(id_maker), Some(id_item)));
    assert_eq!(made["reference"], "New Ring");
    assert_eq!(made["date_activated"], Value::Null);
    let products = app().call("GET", &format!("/v1/items/{id_item}/products"), ada.auth(), &[], &[]).json();
    assert_eq!(products["0"]["id"], made["id"]);

    // Not of another maker's item, nor into another maker's attached group, nor for someone else's maker.
    let foreign =
        app().call("POST", "/v1/products", ada.auth(), &[("id_maker", &m), ("id_item", "1"), ("reference", "X")], &[]);
    assert_eq!(foreign.error_code(), 420, "{}", foreign.body);
    let group = app().call(
        "POST",
        "/v1/products",
        ada.auth(),
        &[("id_maker", &m), ("id_item", &i), ("reference", "X"), ("id_attached_group", "1")],
        &[],
    );
    assert_eq!(group.error_code(), 420, "{}", group.body);
    let bob = new_account("product-other");
    let theirs =
        app().call("POST", "/v1/products", bob.auth(), &[("id_maker", &m), ("id_item", &i), ("reference", "X")], &[]);
    assert_eq!(theirs.status, 404);
    assert_eq!(app().call("POST", "/v1/products", ada.auth(), &[("id_maker", &m)], &[]).error_code(), 419);
}

/// The time of batches of 100, 1,000 and 10,000 products on a running server (printed, not
/// asserted): `SENZU_BASE_URL=… SENZU_DEMO_JSON=… cargo test -p senzu-worker --test makers -- --ignored --nocapture`.
#[test]
#[ignore]
fn batch_timings() {
    let ada = new_account("batch-timing");
    let id_maker =
        create_maker(&ada, &[("display_name", "Big"), ("contact_email", "big@atelier.fr")])["id"].as_i64().unwrap();
    let items = format!("/v1/makers/{id_maker}/items");
    let id_item = app().call("POST", &items, ada.auth(), &[("reference", "BIG"), ("display_name", "Big")], &[]).json()
        ["id"]
        .as_i64()
        .unwrap()
        .to_string();
    for quantity in ["100", "1000", "10000"] {
        let start = std::time::Instant::now();
        let form = [("id_item", id_item.as_str()), ("quantity", quantity), ("records", "nfc:aes-128,qrcode:static")];
        let made = batch(&ada, id_maker, None, &form);
        let elapsed = start.elapsed();
        assert_eq!(made.status, 201, "{}", made.body);
        assert_eq!(made.json()["made"].to_string(), quantity);
        println!("a batch of {quantity} products (two records each) on local D1: {elapsed:?}");
        let rotation = format!("/v1/makers/{id_maker}/batches/{}/key-rotation", made.json()["id"]);
        let start = std::time::Instant::now();
        let rotated = app().call("POST", &rotation, ada.auth(), &[], &[]);
        let elapsed = start.elapsed();
        assert_eq!(rotated.status, 200, "{}", rotated.body);
        assert_eq!(rotated.json()["not_encoded"].to_string(), quantity);
        println!("its key rotation: {elapsed:?}");
    }
}

#[test]
fn a_maker_adds_and_removes_records_until_the_product_is_paired() {
    let ada = new_account("records");
    let id_maker =
        create_maker(&ada, &[("display_name", "Recorder"), ("contact_email", "r@atelier.fr")])["id"].as_i64().unwrap();
    let id_item = app()
        .call(
            "POST",
            &format!("/v1/makers/{id_maker}/items"),
            ada.auth(),
            &[("reference", "K"), ("display_name", "Key ring")],
            &[],
        )
        .json()["id"]
        .as_i64()
        .unwrap();
    let (m, i) = (id_maker.to_string(), id_item.to_string());
    let product = app()
        .call("POST", "/v1/products", ada.auth(), &[("id_maker", &m), ("id_item", &i), ("reference", "K-1")], &[])
        .json()["id"]
        .as_i64()
        .unwrap();
    let records = format!("/v1/products/{product}/records");

    let plain = app().call("POST", &records, ada.auth(), &[], &[]);
    assert_eq!(plain.status, 201, "{}", plain.body);
    let plain = plain.json();
    assert_eq!((plain["technology"].as_str(), plain["token_encryption"].as_str()), (Some("nfc"), Some("static")));
    assert_eq!(plain["key"].as_str().unwrap().len(), 32);
    assert_eq!(plain["id_product"], product);
    for (field, form) in [
        ("token_encryption", vec![("technology", "qrcode"), ("token_encryption", "aes-128")]),
        ("key", vec![("key", "nope")]),
        ("key", vec![("token_encryption", "lrp-128"), ("key", "0123456789abcdef0123456789abcdef")]),
        ("technology", vec![("technology", "laser")]),
    ] {
        let a = app().call("POST", &records, ada.auth(), &form, &[]);
        assert_eq!(a.error_code(), 420, "{form:?}: {}", a.body);
        assert!(a.body.contains(field), "{}", a.body);
    }
    // A code already printed keeps its key; nobody else's key is taken.
    let printed = format!("{:032x}", rand::random::<u128>());
    let qr =
        app().call("POST", &records, ada.auth(), &[("technology", "qrcode"), ("key", &printed.to_uppercase())], &[]);
    assert_eq!(qr.status, 201, "{}", qr.body);
    assert_eq!(qr.json()["key"], printed);
    assert_eq!(app().call("POST", &records, ada.auth(), &[("key", &printed)], &[]).status, 409);
    let chip = app().call("POST", &records, ada.auth(), &[("token_encryption", "aes-128")], &[]).json();
    assert_eq!(chip["token_encryption"], "aes-128");
    let bob = new_account("records-other");
    assert_eq!(app().call("POST", &records, bob.auth(), &[], &[]).status, 404);
    let doomed = chip["id"].as_i64().unwrap();
    assert_eq!(app().call("DELETE", &format!("{records}/{doomed}"), bob.auth(), &[], &[]).status, 404);
    assert_eq!(app().call("DELETE", &format!("{records}/{doomed}"), ada.auth(), &[], &[]).status, 200);
    assert_eq!(app().call("DELETE", &format!("{records}/{doomed}"), ada.auth(), &[], &[]).status, 404);

    // The printed code opens the product; once someone pairs it, its records are theirs.
    assert_eq!(app().get(&format!("/v1/plays/{printed}")).status, 461);
    let buyer = new_account("records-buyer");
    let paired =
        app().call("POST", &format!("/v1/products/pair/{}/{printed}", qr.json()["id"]), buyer.auth(), &[], &[]);
    assert_eq!(paired.status, 200, "{}", paired.body);
    assert_eq!(app().call("POST", &records, ada.auth(), &[], &[]).status, 409);
    let first = plain["id"].as_i64().unwrap();
    assert_eq!(app().call("DELETE", &format!("{records}/{first}"), ada.auth(), &[], &[]).status, 409);
}
