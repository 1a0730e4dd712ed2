//! The shop (issue 14): an order priced by the server, paid through a Stripe
//! Checkout on the loopback stand-in (`senzu_xtask::stripe_standin`, started
//! by `cargo xtask test` as the worker's `STRIPE_API_URL`), marked paid only by
//! a signed webhook event, made and shipped by a verified provider, and the
//! products given to the buyer. The attacks: forged signatures, replays, a
//! wrong amount, a client-sent price, two deliveries at once.

mod common;

use common::{app, demo, new_account, Account};
use senzu_xtask::stripe_standin::{Config, CARD_DECLINED, CARD_PAYS};
use serde_json::{json, Value};

/// The stand-in's configuration. Its API key and webhook secret are secrets
/// like production's: the at-rest scan that runs last finds them nowhere.
fn stripe() -> Config {
    static ONCE: std::sync::OnceLock<Config> = std::sync::OnceLock::new();
    ONCE.get_or_init(|| {
        let state = std::env::var("SENZU_STATE_DIR").expect("SENZU_STATE_DIR: run through `cargo xtask test`");
        let config = Config::read(std::path::Path::new(&state)).expect("the Stripe stand-in's configuration");
        common::remember_secret(&config.secret_key);
        common::remember_secret(&config.webhook_secret);
        config
    })
    .clone()
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).max_redirects(0).build().into()
}

/// A GET or form POST on the stand-in (a browser on its test card page): status, Location, body.
fn standin(method: &str, url: &str, form: &[(&str, &str)]) -> (u16, Option<String>, String) {
    let mut resp =
        if method == "GET" { agent().get(url).call() } else { agent().post(url).send_form(form.iter().copied()) }
            .unwrap_or_else(|e| panic!("{method} {url}: {e}"));
    let location = resp.headers().get("location").and_then(|v| v.to_str().ok()).map(str::to_string);
    (resp.status().as_u16(), location, resp.body_mut().read_to_string().unwrap_or_default())
}

/// A session on the stand-in, as Stripe's API answers it.
fn session(id: &str) -> Value {
    let s = stripe();
    let mut resp = agent()
        .get(&format!("{}/v1/checkout/sessions/{id}", s.url))
        .header("authorization", &format!("Bearer {}", s.secret_key))
        .call()
        .expect("GET session");
    serde_json::from_str(&resp.body_mut().read_to_string().unwrap()).unwrap()
}

fn session_id(url_checkout: &str) -> String {
    url_checkout.rsplit('/').next().unwrap().to_string()
}

/// Every delivery the stand-in made for a session (body and signature header).
fn deliveries_for(session: &str) -> Vec<Value> {
    let mut resp = agent().get(&format!("{}/_standin/events", stripe().url)).call().expect("stand-in events");
    let all: Vec<Value> = serde_json::from_str(&resp.body_mut().read_to_string().unwrap()).unwrap();
    all.into_iter().filter(|d| d["body"].as_str().unwrap_or("").contains(session)).collect()
}

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

/// Posts a webhook delivery as Stripe would: the raw body and its signature header.
fn webhook(body: &str, signature: Option<&str>) -> common::Answer {
    let headers: Vec<(&str, &str)> = signature.map(|s| vec![("stripe-signature", s)]).unwrap_or_default();
    app().post_raw_with("/v1/payments/stripe/webhook", "application/json", body.as_bytes().to_vec(), &headers)
}

/// A `checkout.session.completed` event for a session, with what it says was paid.
fn completed_event(id_event: &str, session: &str, id_order: i64, amount: i64, currency: &str) -> String {
    json!({
        "id": id_event,
        "object": "event",
        "type": "checkout.session.completed",
        "data": { "object": {
            "id": session, "object": "checkout.session", "amount_total": amount, "currency": currency,
            "payment_status": "paid", "status": "complete", "client_reference_id": id_order.to_string(),
        } }
    })
    .to_string()
}

fn signed(body: &str) -> String {
    senzu_core::stripe::sign(&stripe().webhook_secret, now(), body.as_bytes())
}

fn shop_item() -> (i64, i64) {
    let d = demo();
    (d["shop"]["item"].as_i64().unwrap(), d["shop"]["price_minor"].as_i64().unwrap())
}

/// A buyer's order of `quantity` demo cards: (id_order, url_checkout, the answer).
fn order(who: &Account, quantity: u32, extra: &[(&str, &str)]) -> (i64, String, Value) {
    let a = common::new_address(who).to_string();
    let items = json!([{ "id": shop_item().0, "quantity": quantity }]).to_string();
    let mut form =
        vec![("id_address_shipping", a.as_str()), ("id_address_billing", a.as_str()), ("items", items.as_str())];
    form.extend_from_slice(extra);
    let made = app().call("POST", "/v1/orders", who.auth(), &form, &[]);
    assert_eq!(made.status, 201, "{}", made.body);
    let v = made.json();
    (v["id"].as_i64().unwrap(), v["url_checkout"].as_str().unwrap().to_string(), v)
}

fn get_order(who: &Account, id: i64) -> Value {
    let a = app().call("GET", &format!("/v1/orders/{id}"), who.auth(), &[], &[]);
    assert_eq!(a.status, 200, "{}", a.body);
    a.json()
}

/// The buyer's payments of one order, in full.
fn payments_of(who: &Account, id_order: i64) -> Vec<Value> {
    let list = app().call("GET", "/v1/payments?limit=null", who.auth(), &[], &[]).json();
    list.as_object()
        .unwrap()
        .values()
        .map(|p| app().call("GET", &format!("/v1/payments/{}", p["id"]), who.auth(), &[], &[]).json())
        .filter(|p| p["id_order"] == id_order)
        .collect()
}

fn provider() -> (Account, i64) {
    let d = demo();
    let email = d["friend"]["email"].as_str().unwrap().to_string();
    let session = app().sign_in(&email, d["friend"]["password"].as_str().unwrap());
    (Account { id: d["friend"]["id"].as_i64().unwrap(), email, session }, d["shop"]["provider"].as_i64().unwrap())
}

fn provider_sets(who: &Account, id_provider: i64, id_order: i64, form: &[(&str, &str)]) -> common::Answer {
    app().call("POST", &format!("/v1/providers/{id_provider}/orders/{id_order}"), who.auth(), form, &[])
}

#[test]
fn a_buyer_orders_pays_on_the_test_card_page_and_the_provider_makes_and_ships_the_products() {
    let buyer = new_account("shopper");
    // The buyer's application: the products made for them open it.
    let id_app = app().call("POST", "/v1/applications", buyer.auth(), &[("name", "Grace's card")], &[]).json()["id"]
        .as_i64()
        .unwrap();
    let (item, unit) = shop_item();
    let catalogue = app().get("/v1/shop/items?limit=null").json();
    let on_sale = catalogue.as_object().unwrap().values().find(|i| i["id"] == item).expect("the demo item is on sale");
    assert_eq!(on_sale["price"], "12.90");
    assert_eq!(on_sale["currency"], "EUR");

    // A client-sent price is not read: the total is the server's.
    let (id, url, made) = order(&buyer, 3, &[("price", "0.01"), ("price_minor", "1")]);
    assert_eq!(made["price_minor"], 3 * unit);
    assert_eq!(made["price"], "38.70");
    assert_eq!(made["order_status"], "created");
    assert!(url.starts_with(&stripe().url), "the checkout is the payment service's: {url}");
    let checkout = session(&session_id(&url));
    assert_eq!(checkout["amount_total"], 3 * unit);
    assert_eq!(checkout["currency"], "eur");
    assert_eq!(checkout["client_reference_id"], id.to_string());

    // Nobody else reaches the order; the buyer cannot mark it paid.
    let stranger = new_account("stranger");
    assert_eq!(app().call("GET", &format!("/v1/orders/{id}"), stranger.auth(), &[], &[]).status, 404);
    let self_paid = app().call("POST", &format!("/v1/orders/{id}"), buyer.auth(), &[("status", "paid")], &[]);
    assert_eq!(self_paid.status, 409, "{}", self_paid.body);

    // The test card page: a declined card pays nothing.
    let (status, _, page) = standin("GET", &url, &[]);
    assert_eq!(status, 200);
    assert!(page.contains("38.70 EUR"), "{page}");
    let (status, _, page) = standin("POST", &url, &[("card", CARD_DECLINED)]);
    assert_eq!(status, 402);
    assert!(page.contains("declined"));
    assert_eq!(get_order(&buyer, id)["order_status"], "created");
    assert!(payments_of(&buyer, id).is_empty());

    // A good card: the stand-in delivers the signed event before sending the buyer back.
    let (status, location, _) = standin("POST", &url, &[("card", "4242 4242 4242 4242")]);
    assert_eq!(status, 303);
    assert_eq!(location.as_deref(), Some(format!("{}/shop/orders/{id}?paid=1", app().base_url).as_str()));
    let paid = get_order(&buyer, id);
    assert_eq!(paid["order_status"], "paid", "{paid}");
    assert_eq!(paid["status"], true);
    assert!(paid["url_checkout"].is_null(), "no checkout link once paid");
    let payments = payments_of(&buyer, id);
    assert_eq!(payments.len(), 1, "{payments:?}");
    assert_eq!(payments[0]["status"], true);
    assert_eq!(payments[0]["Amount"], "38.70");
    assert_eq!(payments[0]["conversion_rate"], "1.000000");
    assert_eq!(payments[0]["payment_service"], "stripe");

    // A cancelled order is final once paid: the buyer cannot cancel a paid one.
    let cancel = app().call("POST", &format!("/v1/orders/{id}"), buyer.auth(), &[("status", "cancelled")], &[]);
    assert_eq!(cancel.status, 409, "{}", cancel.body);

    // The verified provider sees it waiting, takes it into production: the products are made for the buyer.
    let (maker, id_provider) = provider();
    let waiting = app().call("GET", &format!("/v1/providers/{id_provider}/orders?limit=null"), maker.auth(), &[], &[]);
    assert_eq!(waiting.status, 200, "{}", waiting.body);
    let listed = waiting.json();
    let mine = listed.as_object().unwrap().values().find(|o| o["id"] == id).expect("the paid order waits");
    assert_eq!(mine["is_taken"], false);
    assert!(mine.get("address_billing").is_none(), "a provider never sees the billing address");
    let dispatched_early =
        provider_sets(&maker, id_provider, id, &[("status", "dispatched"), ("delivery_number", "X")]);
    assert_eq!(dispatched_early.status, 409, "{}", dispatched_early.body);
    let made = provider_sets(&maker, id_provider, id, &[("status", "in_production")]);
    assert_eq!(made.status, 200, "{}", made.body);
    assert_eq!(made.json()["order_status"], "in_production");
    let detail = &made.json()["order_details"][0];
    assert_eq!(detail["id_provider"], id_provider);
    let batch: Value = serde_json::from_str(detail["provider_data"].as_str().unwrap()).unwrap();
    assert!(batch["id_batch"].as_i64().is_some());

    let products = app().call("GET", "/v1/products?limit=null", buyer.auth(), &[], &[]).json();
    let products: Vec<&Value> = products.as_object().unwrap().values().collect();
    assert_eq!(products.len(), 3, "three objects made for the buyer: {products:?}");

    // The buyer's first tap of one (its printed code) opens the buyer's application.
    let id_product = products[0]["id"].as_i64().unwrap();
    let records =
        app().call("GET", &format!("/v1/products/{id_product}/records?limit=null"), buyer.auth(), &[], &[]).json();
    let qr =
        records.as_object().unwrap().values().find(|r| r["technology"] == "qrcode").expect("a printed code").clone();
    assert_eq!(qr["id_application"], id_app);
    let key = qr["play_url"].as_str().unwrap().rsplit('/').next().unwrap().to_string();
    let play = app().get(&format!("/v1/plays/{key}"));
    assert_eq!(play.status, 200, "{}", play.body);
    assert_eq!(play.json()["title"], "Grace's card", "{}", play.body);

    // Dispatch needs the carrier's number; then delivery; the buyer follows each stage.
    let no_number = provider_sets(&maker, id_provider, id, &[("status", "dispatched")]);
    assert_eq!(no_number.status, 419, "{}", no_number.body);
    let shipped =
        provider_sets(&maker, id_provider, id, &[("status", "dispatched"), ("delivery_number", "LP123456789FR")]);
    assert_eq!(shipped.status, 200, "{}", shipped.body);
    assert_eq!(get_order(&buyer, id)["order_details"][0]["delivery_number"], "LP123456789FR");
    let delivered = provider_sets(&maker, id_provider, id, &[("status", "delivered")]);
    assert_eq!(delivered.status, 200, "{}", delivered.body);
    let done = get_order(&buyer, id);
    assert_eq!(done["order_status"], "delivered");
    assert!(done["order_details"][0]["date_delivered"].is_object());

    // A return: quantities bounded by the line's.
    let line = done["order_details"][0]["id"].to_string();
    let too_many = provider_sets(&maker, id_provider, id, &[("id_detail", &line), ("quantity_returned", "4")]);
    assert_eq!(too_many.status, 420, "{}", too_many.body);
    let returned = provider_sets(&maker, id_provider, id, &[("id_detail", &line), ("quantity_returned", "1")]);
    assert_eq!(returned.status, 200, "{}", returned.body);
    assert_eq!(get_order(&buyer, id)["order_details"][0]["quantity_returned"], 1);
}

#[test]
fn only_a_signed_event_of_the_right_amount_pays_and_once() {
    let buyer = new_account("payer");
    let (unit_price, id_order, url) = {
        let (_, unit) = shop_item();
        let (id, url, _) = order(&buyer, 2, &[]);
        (unit, id, url)
    };
    let cs = session_id(&url);
    let total = 2 * unit_price;

    // Forged: no header, a wrong secret, a body changed after signing, a stale timestamp.
    let body = completed_event("evt_forged_1", &cs, id_order, total, "eur");
    let wrong_secret = senzu_core::stripe::sign("whsec_not_ours", now(), body.as_bytes());
    let stale = senzu_core::stripe::sign(&stripe().webhook_secret, now() - 3600, body.as_bytes());
    let other_body = completed_event("evt_forged_2", &cs, id_order, total, "eur");
    for (why, header, sent) in [
        ("no signature", None, &body),
        ("another secret", Some(wrong_secret.as_str()), &body),
        ("stale", Some(stale.as_str()), &body),
        ("another body", Some(&signed(&body)[..]), &other_body),
    ] {
        let a = webhook(sent, header);
        assert_eq!(a.status, 400, "{why}: {}", a.body);
    }
    assert_eq!(get_order(&buyer, id_order)["order_status"], "created");
    assert!(payments_of(&buyer, id_order).is_empty(), "a forged event writes nothing");

    // Signed, but not the order's amount (or currency): kept unpaid, the order is not paid.
    for (event, amount, currency) in [("evt_short_1", total - 1, "eur"), ("evt_currency_1", total, "usd")] {
        let short = completed_event(event, &cs, id_order, amount, currency);
        let a = webhook(&short, Some(&signed(&short)));
        assert_eq!(a.status, 200, "{}", a.body);
        assert_eq!(a.json()["outcome"], "mismatch");
    }
    assert_eq!(get_order(&buyer, id_order)["order_status"], "created");
    let kept = payments_of(&buyer, id_order);
    assert_eq!(kept.len(), 2);
    assert!(kept.iter().all(|p| p["status"] == false));

    // A client cannot open a checkout for another sum.
    let cheap = app().call(
        "POST",
        "/v1/payments",
        buyer.auth(),
        &[("id_order", &id_order.to_string()), ("currency", "EUR"), ("amount", "0.01")],
        &[],
    );
    assert_eq!(cheap.status, 420, "{}", cheap.body);

    // The real payment, then its delivery replayed byte for byte: one payment.
    let (status, _, _) = standin("POST", &url, &[("card", CARD_PAYS)]);
    assert_eq!(status, 303);
    assert_eq!(get_order(&buyer, id_order)["order_status"], "paid");
    let delivered = deliveries_for(&cs);
    assert_eq!(delivered.len(), 1);
    let replay = webhook(delivered[0]["body"].as_str().unwrap(), delivered[0]["signature"].as_str());
    assert_eq!(replay.status, 200, "{}", replay.body);
    assert_eq!(replay.json()["outcome"], "duplicate");
    // Another event for the same checkout (Stripe's async success after completion): still one.
    let again = completed_event("evt_async_again", &cs, id_order, total, "eur");
    assert_eq!(webhook(&again, Some(&signed(&again))).json()["outcome"], "duplicate");
    let paying: Vec<Value> = payments_of(&buyer, id_order).into_iter().filter(|p| p["status"] == true).collect();
    assert_eq!(paying.len(), 1, "{paying:?}");

    // An event of a type that pays nothing is acknowledged and ignored.
    let other = json!({"id": "evt_other", "type": "payment_intent.created", "data": {"object": {}}}).to_string();
    assert_eq!(webhook(&other, Some(&signed(&other))).json()["outcome"], "ignored");
}

#[test]
fn two_deliveries_at_once_pay_an_order_once() {
    let buyer = new_account("racer");
    let (_, unit) = shop_item();
    let (id_order, url, _) = order(&buyer, 1, &[]);
    let cs = session_id(&url);
    let bodies: Vec<String> =
        (0..2).map(|i| completed_event(&format!("evt_race_{id_order}_{i}"), &cs, id_order, unit, "eur")).collect();
    let outcomes: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = bodies
            .iter()
            .map(|b| {
                let header = signed(b);
                s.spawn(move || {
                    let a = webhook(b, Some(&header));
                    assert_eq!(a.status, 200, "{}", a.body);
                    a.json()["outcome"].as_str().unwrap().to_string()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut sorted = outcomes.clone();
    sorted.sort();
    assert_eq!(sorted, ["duplicate", "paid"], "{outcomes:?}");
    assert_eq!(get_order(&buyer, id_order)["order_status"], "paid");
    let paying: Vec<Value> = payments_of(&buyer, id_order).into_iter().filter(|p| p["status"] == true).collect();
    assert_eq!(paying.len(), 1);
}

#[test]
fn a_cancelled_order_closes_its_checkout_and_a_late_payment_does_not_revive_it() {
    let buyer = new_account("canceller");
    let (_, unit) = shop_item();
    let (id_order, url, _) = order(&buyer, 1, &[]);
    let cs = session_id(&url);
    let cancelled =
        app().call("POST", &format!("/v1/orders/{id_order}"), buyer.auth(), &[("status", "cancelled")], &[]);
    assert_eq!(cancelled.status, 200, "{}", cancelled.body);
    assert_eq!(cancelled.json()["order_status"], "cancelled");
    assert_eq!(session(&cs)["status"], "expired", "the checkout closes with the order");
    let (_, _, page) = standin("GET", &url, &[]);
    assert!(page.contains("expired"), "{page}");
    let late = completed_event("evt_late_1", &cs, id_order, unit, "eur");
    assert_eq!(webhook(&late, Some(&signed(&late))).json()["outcome"], "mismatch");
    assert_eq!(get_order(&buyer, id_order)["order_status"], "cancelled");
    // Nothing left to pay.
    let pay = app().call(
        "POST",
        "/v1/payments",
        buyer.auth(),
        &[("id_order", &id_order.to_string()), ("currency", "EUR"), ("amount", "12.90")],
        &[],
    );
    assert_eq!(pay.status, 409, "{}", pay.body);
}

#[test]
fn a_new_checkout_replaces_the_old_one_which_then_pays_nothing() {
    let buyer = new_account("renewer");
    let (_, unit) = shop_item();
    let (id_order, old_url, _) = order(&buyer, 1, &[]);
    let renewed = app().call(
        "POST",
        "/v1/payments",
        buyer.auth(),
        &[("id_order", &id_order.to_string()), ("currency", "eur"), ("amount", "12.9")],
        &[],
    );
    assert_eq!(renewed.status, 201, "{}", renewed.body);
    let new_url = renewed.json()["url_checkout"].as_str().unwrap().to_string();
    assert_ne!(new_url, old_url);
    assert_eq!(session(&session_id(&old_url))["status"], "expired");
    // An event for the old session, even of the right amount, does not pay.
    let stale = completed_event("evt_old_session", &session_id(&old_url), id_order, unit, "eur");
    assert_eq!(webhook(&stale, Some(&signed(&stale))).json()["outcome"], "mismatch");
    assert_eq!(get_order(&buyer, id_order)["url_checkout"], new_url.as_str());
    let (status, _, _) = standin("POST", &new_url, &[("card", CARD_PAYS)]);
    assert_eq!(status, 303);
    assert_eq!(get_order(&buyer, id_order)["order_status"], "paid");
}

#[test]
fn providers_reach_only_their_own_and_unverified_ones_take_nothing() {
    let buyer = new_account("waiter");
    let (id_order, url, _) = order(&buyer, 1, &[]);
    assert_eq!(standin("POST", &url, &[("card", CARD_PAYS)]).0, 303);

    // A new provider account: needs a company of its own, and staff verification.
    let newcomer = new_account("factory");
    let company = app().call(
        "POST",
        "/v1/companies",
        newcomer.auth(),
        &[("name", "Newcomer Works"), ("email", "works@senzu.test")],
        &[],
    );
    assert_eq!(company.status, 201, "{}", company.body);
    let id_company = company.json()["id"].as_i64().unwrap();
    let demo_company = "1"; // the demo provider's company: not the newcomer's
    let theirs = app().call("POST", "/v1/providers", newcomer.auth(), &[("id_company", demo_company)], &[]);
    assert_eq!(theirs.status, 420, "{}", theirs.body);
    let made = app().call("POST", "/v1/providers", newcomer.auth(), &[("id_company", &id_company.to_string())], &[]);
    assert_eq!(made.status, 201, "{}", made.body);
    let id_provider = made.json()["id"].as_i64().unwrap();
    assert_eq!(made.json()["is_verified"], false);
    let second = app().call("POST", "/v1/providers", newcomer.auth(), &[("id_company", &id_company.to_string())], &[]);
    assert_eq!(second.status, 409);

    // Unverified: the waiting order is invisible and cannot be taken.
    let list = app().call("GET", &format!("/v1/providers/{id_provider}/orders"), newcomer.auth(), &[], &[]).json();
    assert!(list.as_object().unwrap().values().all(|o| o["id"] != id_order));
    assert_eq!(provider_sets(&newcomer, id_provider, id_order, &[("status", "in_production")]).status, 404);

    // Another account's provider and company are out of reach.
    let (maker, demo_provider) = provider();
    for path in [format!("/v1/providers/{demo_provider}"), format!("/v1/providers/{demo_provider}/orders")] {
        assert_eq!(app().call("GET", &path, newcomer.auth(), &[], &[]).status, 404, "{path}");
    }
    assert_eq!(app().call("GET", &format!("/v1/companies/{id_company}"), maker.auth(), &[], &[]).status, 404);
    assert_eq!(app().call("DELETE", &format!("/v1/companies/{id_company}"), maker.auth(), &[], &[]).status, 404);

    // Verified by staff (the operator's command), it can take the order; then the demo provider cannot.
    common::execute_sql(&senzu_xtask::admin::verify_provider_sql(id_provider));
    let took = provider_sets(&newcomer, id_provider, id_order, &[("status", "in_production")]);
    assert_eq!(took.status, 200, "{}", took.body);
    assert_eq!(took.json()["is_taken"], true);
    let late = provider_sets(&maker, demo_provider, id_order, &[("status", "in_production")]);
    assert_eq!(late.status, 404, "{}", late.body);
    // A provider busy with an order is not deleted.
    assert_eq!(app().call("DELETE", &format!("/v1/providers/{id_provider}"), newcomer.auth(), &[], &[]).status, 409);
}

#[test]
fn orders_refuse_what_cannot_be_sold() {
    let buyer = new_account("picky");
    let a = common::new_address(&buyer).to_string();
    let other = new_account("other-address");
    let not_mine = common::new_address(&other).to_string();
    let item = shop_item().0;
    // (the form's items, the status, what the message names)
    type Case<'a> = (Vec<(&'a str, String)>, u16, &'a str);
    let cases: Vec<Case> = vec![
        (vec![("items", json!([{"id": item, "quantity": 1}]).to_string())], 419, "id_address_shipping"),
        (vec![("items", "[]".into())], 420, "items"),
        (vec![("items", json!([{"id": item, "quantity": 0}]).to_string())], 420, "items"),
        (vec![("items", json!([{"id": 1, "quantity": 1}]).to_string())], 420, "not on sale"),
        (vec![("items", json!([{"id": 999_999, "quantity": 1}]).to_string())], 420, "not on sale"),
    ];
    for (fields, status, names) in cases {
        let mut form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        if status != 419 {
            form.extend([("id_address_shipping", a.as_str()), ("id_address_billing", a.as_str())]);
        }
        let answer = app().call("POST", "/v1/orders", buyer.auth(), &form, &[]);
        assert_eq!(answer.status, status, "{form:?}: {}", answer.body);
        assert!(answer.body.contains(names), "{form:?}: {}", answer.body);
    }
    let items = json!([{"id": item, "quantity": 1}]).to_string();
    let someone_elses = app().call(
        "POST",
        "/v1/orders",
        buyer.auth(),
        &[("id_address_shipping", &not_mine), ("id_address_billing", &a), ("items", &items)],
        &[],
    );
    assert_eq!(someone_elses.status, 420, "{}", someone_elses.body);
    assert!(someone_elses.body.contains("id_address_shipping"));
}
