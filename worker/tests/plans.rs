//! Plans, subscriptions and resellers (issue 14): what a plan unlocks is the
//! `plan_limits` table, enforced with 402 at each create it limits; a
//! subscription is paid like an order (a checkout on the Stripe stand-in, a
//! signed webhook) and runs from the end of the last one; resellers see the
//! products makers put in their hands, never their keys.

mod common;

use common::{app, demo_owner, execute_sql, new_account, Account};
use senzu_xtask::stripe_standin::{Config, CARD_PAYS};
use serde_json::{json, Value};

fn stripe() -> Config {
    let state = std::env::var("SENZU_STATE_DIR").expect("SENZU_STATE_DIR: run through `cargo xtask test`");
    Config::read(std::path::Path::new(&state)).expect("the Stripe stand-in's configuration")
}

/// Pays a checkout on the stand-in's test card page, as a buyer would.
fn pay(url: &str) {
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).max_redirects(0).build().into();
    let paid = agent.post(url).send_form([("card", CARD_PAYS)]).expect("the test card page");
    assert_eq!(paid.status().as_u16(), 303, "paying {url}");
}

fn subscribe(who: &Account, billing: &str, plan: &str, months: &str) -> common::Answer {
    app().call(
        "POST",
        "/v1/subscriptions",
        who.auth(),
        &[("id_address_billing", billing), ("id_plan", plan), ("quantity", months)],
        &[],
    )
}

fn current(who: &Account) -> Value {
    let a = app().call("GET", "/v1/user/plan", who.auth(), &[], &[]);
    assert_eq!(a.status, 200, "{}", a.body);
    a.json()
}

fn usage<'a>(plan: &'a Value, resource: &str) -> &'a Value {
    plan["usage"].as_array().unwrap().iter().find(|u| u["resource"] == resource).unwrap()
}

#[test]
fn plans_are_public_and_say_what_they_unlock() {
    let list = app().get("/v1/plans");
    assert_eq!(list.status, 200, "{}", list.body);
    let plans = list.json();
    let names: Vec<&str> = plans.as_object().unwrap().values().map(|p| p["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"Basic") && names.contains(&"Premium"), "{names:?}");
    let basic = app().get("/v1/plans/1").json();
    assert_eq!(basic["price"], "120.00");
    assert_eq!(basic["duration"], 12);
    assert_eq!(basic["currency"], "EUR");
    let applications = basic["limits"].as_array().unwrap().iter().find(|l| l["resource"] == "applications").unwrap();
    assert_eq!(applications["max"], 1000);
    assert_eq!(app().get("/v1/plans/999").status, 404);
}

#[test]
fn a_limit_is_a_402_until_a_paid_plan_lifts_it() {
    let who = new_account("planner");
    let free = current(&who);
    assert_eq!(free["id_plan"], 0);
    let max = usage(&free, "applications")["max"].as_i64().unwrap();
    // The account reaches its free limit of applications (made in one statement).
    execute_sql(&format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {max}) \
         INSERT INTO applications (id_owner, name) SELECT {}, 'Filler ' || i FROM n;",
        who.id
    ));
    assert_eq!(usage(&current(&who), "applications")["used"], max);
    let refused = app().call("POST", "/v1/applications", who.auth(), &[("name", "One more")], &[]);
    assert_eq!(refused.status, 402, "{}", refused.body);
    assert!(refused.body.contains(&format!("allows {max} applications")), "{}", refused.body);

    // Subscriptions take whole periods of a known plan and one's own address.
    let billing = common::new_address(&who).to_string();
    for (plan, months, field) in [("1", "6", "quantity"), ("1", "0", "quantity"), ("99", "12", "id_plan")] {
        let bad = subscribe(&who, &billing, plan, months);
        assert_eq!(bad.status, 420, "{plan}/{months}: {}", bad.body);
        assert!(bad.body.contains(field), "{}", bad.body);
    }
    let stranger = new_account("not-billing");
    let theirs = common::new_address(&stranger).to_string();
    assert_eq!(subscribe(&who, &theirs, "1", "12").status, 420);

    // A year of Basic, paid on the test card page: the limit is lifted.
    let made = subscribe(&who, &billing, "1", "12");
    assert_eq!(made.status, 201, "{}", made.body);
    let sub = made.json();
    assert_eq!(sub["price"], "120.00");
    assert_eq!(sub["subscription_status"], "created");
    assert_eq!(sub["plan"]["name"], "Basic");
    let url = sub["url_checkout"].as_str().unwrap().to_string();
    assert!(url.starts_with(&stripe().url));
    // Still refused before payment.
    assert_eq!(app().call("POST", "/v1/applications", who.auth(), &[("name", "Early")], &[]).status, 402);
    pay(&url);
    let id = sub["id"].as_i64().unwrap();
    let paid = app().call("GET", &format!("/v1/subscriptions/{id}"), who.auth(), &[], &[]).json();
    assert_eq!(paid["subscription_status"], "paid", "{paid}");
    assert_eq!(paid["url_checkout"], "", "no checkout once paid");
    let now = current(&who);
    assert_eq!(now["id_plan"], 1);
    assert_eq!(now["name"], "Basic");
    let lifted = app().call("POST", "/v1/applications", who.auth(), &[("name", "One more")], &[]);
    assert_eq!(lifted.status, 201, "{}", lifted.body);

    // A second year starts when the first ends.
    let again = subscribe(&who, &billing, "1", "12").json();
    pay(again["url_checkout"].as_str().unwrap());
    let second = app().call("GET", &format!("/v1/subscriptions/{}", again["id"]), who.auth(), &[], &[]).json();
    assert_eq!(second["date_start"], paid["date_end"], "{second}");
    assert_eq!(current(&who)["date_end"], second["date_end"]);

    // Nobody else reaches the subscription; a payment of it shows what it paid.
    assert_eq!(app().call("GET", &format!("/v1/subscriptions/{id}"), stranger.auth(), &[], &[]).status, 404);
    let payments = app().call("GET", "/v1/payments?limit=null", who.auth(), &[], &[]).json();
    let first = payments.as_object().unwrap().values().next().unwrap()["id"].clone();
    let payment = app().call("GET", &format!("/v1/payments/{first}"), who.auth(), &[], &[]).json();
    assert_eq!(payment["id_subscription"], id);
    assert!(payment["id_order"].is_null());
    assert_eq!(payment["Amount"], "120.00");
}

#[test]
fn objects_and_plugins_are_limited_too() {
    let who = new_account("collector");
    let plan = current(&who);
    let (products, plugins) =
        (usage(&plan, "products")["max"].as_i64().unwrap(), usage(&plan, "plugins")["max"].as_i64().unwrap());
    // As many objects as the plan allows, then pairing one more is refused and leaves it unpaired.
    execute_sql(&format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {products}) \
         INSERT INTO products (id_item, id_owner, is_activated) SELECT 1, {}, 1 FROM n;",
        who.id
    ));
    let (id_product, id_record, key) = common::new_product();
    let pair = app().call("POST", &format!("/v1/products/pair/{id_record}/{key}"), who.auth(), &[], &[]);
    assert_eq!(pair.status, 402, "{}", pair.body);
    assert!(pair.body.contains("objects"), "{}", pair.body);
    assert_eq!(app().call("GET", &format!("/v1/products/{id_product}"), who.auth(), &[], &[]).status, 404);
    // Plugins are counted per application.
    let id_app =
        app().call("POST", "/v1/applications", who.auth(), &[("name", "Busy")], &[]).json()["id"].as_i64().unwrap();
    execute_sql(&format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {plugins}) \
         INSERT INTO plugins (id_application, id_plugstore, name, data) SELECT {id_app}, 16, 'Note ' || i, '{{\"text\":\"n\"}}' FROM n;"
    ));
    let add = |app_id: i64| {
        app().call(
            "POST",
            &format!("/v1/applications/{app_id}/plugins"),
            who.auth(),
            &[("id_plugstore", "16"), ("data", r#"{"text":"one more"}"#)],
            &[],
        )
    };
    let refused = add(id_app);
    assert_eq!(refused.status, 402, "{}", refused.body);
    let other =
        app().call("POST", "/v1/applications", who.auth(), &[("name", "Quiet")], &[]).json()["id"].as_i64().unwrap();
    assert_eq!(add(other).status, 201, "another application has room");
}

#[test]
fn a_subscription_is_paid_only_by_its_own_signed_checkout() {
    let who = new_account("subscriber");
    let billing = common::new_address(&who).to_string();
    let sub = subscribe(&who, &billing, "2", "12").json();
    let id = sub["id"].as_i64().unwrap();
    let session = sub["url_checkout"].as_str().unwrap().rsplit('/').next().unwrap().to_string();
    let event = |id_event: &str, amount: i64| {
        json!({"id": id_event, "type": "checkout.session.completed", "data": {"object": {
            "id": session, "amount_total": amount, "currency": "eur", "payment_status": "paid",
            "client_reference_id": format!("subscription-{id}")}}})
        .to_string()
    };
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let post = |body: &str, secret: &str| {
        let header = senzu_core::stripe::sign(secret, now, body.as_bytes());
        app().post_raw_with(
            "/v1/payments/stripe/webhook",
            "application/json",
            body.as_bytes().to_vec(),
            &[("stripe-signature", &header)],
        )
    };
    assert_eq!(post(&event("evt_sub_forged", 36000), "whsec_forged").status, 400);
    assert_eq!(post(&event("evt_sub_short", 100), &stripe().webhook_secret).json()["outcome"], "mismatch");
    let state = app().call("GET", &format!("/v1/subscriptions/{id}"), who.auth(), &[], &[]).json();
    assert_eq!(state["subscription_status"], "created");
    assert_eq!(current(&who)["id_plan"], 0);
    assert_eq!(post(&event("evt_sub_good", 36000), &stripe().webhook_secret).json()["outcome"], "paid");
    assert_eq!(post(&event("evt_sub_good", 36000), &stripe().webhook_secret).json()["outcome"], "duplicate");
    assert_eq!(current(&who)["name"], "Premium");
    assert!(usage(&current(&who), "plugins")["max"].is_null(), "Premium has no plugin limit");
}

#[test]
fn resellers_see_the_products_makers_hand_them_and_nothing_else() {
    let seller = new_account("reseller");
    let made = app().call("POST", "/v1/resellers", seller.auth(), &[], &[]);
    assert_eq!(made.status, 201, "{}", made.body);
    let reseller = made.json();
    let id = reseller["id"].as_i64().unwrap();
    assert_eq!(reseller["is_verified"], false);
    assert_eq!(app().call("POST", "/v1/resellers", seller.auth(), &[], &[]).status, 409);
    // A company or image of someone else's is refused by name.
    let other = app().call("POST", &format!("/v1/resellers/{id}"), seller.auth(), &[("id_company", "1")], &[]);
    assert_eq!(other.status, 420, "{}", other.body);
    assert!(other.body.contains("id_company"));

    // The demo maker hands it a product only once Senzu verified it.
    let maker = demo_owner();
    let product = |reference: &str| {
        app().call(
            "POST",
            "/v1/products",
            maker.auth(),
            &[("id_maker", "1"), ("id_item", "1"), ("reference", reference), ("id_reseller", &id.to_string())],
            &[],
        )
    };
    let early = product("RESOLD-0");
    assert_eq!(early.status, 420, "{}", early.body);
    assert!(early.body.contains("id_reseller"));
    execute_sql(&senzu_xtask::admin::verify_reseller_sql(id));
    let handed = product("RESOLD-1");
    assert_eq!(handed.status, 201, "{}", handed.body);
    assert_eq!(handed.json()["id_reseller"], id);
    let id_product = handed.json()["id"].as_i64().unwrap();

    let listed = app().call("GET", &format!("/v1/resellers/{id}/products"), seller.auth(), &[], &[]);
    assert_eq!(listed.status, 200, "{}", listed.body);
    let products: Vec<Value> = listed.json().as_object().unwrap().values().cloned().collect();
    assert_eq!(products.len(), 1);
    assert_eq!(products[0]["id"], id_product);
    assert_eq!(products[0]["is_activated"], false);
    assert!(!listed.body.contains("key") && !listed.body.contains("id_owner"), "no keys, no owner: {}", listed.body);

    // Another account reaches none of it.
    let stranger = new_account("nosy");
    for path in [format!("/v1/resellers/{id}"), format!("/v1/resellers/{id}/products")] {
        assert_eq!(app().call("GET", &path, stranger.auth(), &[], &[]).status, 404, "{path}");
    }
    assert_eq!(app().call("DELETE", &format!("/v1/resellers/{id}"), stranger.auth(), &[], &[]).status, 404);
    // Deleting the account leaves the products with their maker.
    assert_eq!(app().call("DELETE", &format!("/v1/resellers/{id}"), seller.auth(), &[], &[]).status, 200);
    assert_eq!(app().call("GET", &format!("/v1/resellers/{id}"), seller.auth(), &[], &[]).status, 404);
}
