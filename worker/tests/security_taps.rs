//! Security suite, the tap path: each test is an attack that once worked
//! (issue 11) and must now fail without changing anything.

mod common;

use common::{api_path, app, demo, execute_sql, new_account, tap_path, wait_for, Auth};
use senzu_core::sun::{self, KeySource, Mode, TagUid, TapSpec};

/// The seeded dynamic records (AES derived, LRP explicit, two unpaired AES, a spare AES).
fn demo_dynamic_records() -> Vec<i64> {
    let r = &demo()["records"];
    ["dynamic", "dynamic_lrp", "pairable", "pairable_api", "dynamic_spare"]
        .iter()
        .map(|n| r[*n].as_i64().unwrap())
        .collect()
}

/// Presents a tap made for one record at another record's id.
fn at_record(tap: &str, id_record: i64) -> String {
    let (_, signed) = tap.split_once('@').expect("a dynamic tap path");
    format!("/p/{id_record}@{signed}")
}

/// A tap of a chip with derived keys (AN10922 from the dev MASTER_KEY), as it would write it.
fn chip_tap(uid: [u8; 7], ctr: u32) -> String {
    let master = senzu_xtask::demo::master_key().expect("dev MASTER_KEY");
    let keys = KeySource::Derived { master: master.tag_master() };
    let spec = TapSpec {
        mode: Mode::Aes,
        uid: TagUid(uid),
        read_ctr: ctr,
        file_data: None,
        mac_input: String::new(),
        random: rand::random(),
    };
    let tap = sun::simulate(&keys, &spec).expect("simulating a tap");
    format!("@{}:{}", tap.picc_data, tap.cmac)
}

fn random_uid() -> [u8; 7] {
    let mut uid: [u8; 7] = rand::random();
    uid[0] = 0x04; // NXP's manufacturer byte
    uid
}

/// A product (activated or not) with one AES dynamic record bound to `uid` (or to no chip),
/// opening the demo application: `(id_product, id_record)`.
fn dynamic_product(uid: Option<[u8; 7]>, activated: bool) -> (i64, i64) {
    let id = 200_000_000 + i64::from(rand::random::<u32>() % 1_000_000_000);
    let key = format!("{:032x}", rand::random::<u128>());
    let uid = uid.map_or("NULL".into(), |u| format!("'{}'", TagUid(u).to_hex()));
    execute_sql(&format!(
        "INSERT INTO products (id, id_item, is_activated) VALUES ({id}, 1, {});\n\
         INSERT INTO records (id, id_product, id_application, technology, token_encryption, key, sun_keys, uid) \
         VALUES ({id}, {id}, 1, 'nfc', 'aes-128', '{key}', 'derived', {uid});",
        i32::from(activated)
    ));
    (id, id)
}

#[test]
fn a_tap_of_one_chip_opens_no_other_record() {
    // 1. Every seeded dynamic record's genuine tap, presented at every other one, with a
    //    counter far above theirs (it would have pushed their counters up).
    let records = demo_dynamic_records();
    let lrp = demo()["records"]["dynamic_lrp"].as_i64().unwrap();
    let stranger = new_account("tapthief");
    let mut refused = 0;
    for &a in &records {
        let tap = tap_path(a, 900_000);
        for &b in records.iter().filter(|b| **b != a) {
            // An AES tap does not even fit an LRP record (and back): 420; else a bad signature.
            let expected = if (a == lrp) == (b == lrp) { 403 } else { 420 };
            let page = app().get(&at_record(&tap, b));
            assert_eq!(page.status, expected, "tap of {a} at {b}: {}", page.body);
            let json = app().get(&api_path(&at_record(&tap, b)));
            assert_eq!(json.status, expected, "tap of {a} at {b}");
            if expected == 403 {
                assert_eq!(json.json()["error"]["message"], "invalid tag signature");
            }
            let pair_path = at_record(&tap, b).replacen("/p/", "/v1/products/pair/", 1);
            let pair = app().call("POST", &pair_path, Auth::Cookie(&stranger.session), &[], &[]);
            assert_eq!(pair.status, expected, "pairing {b} with the tap of {a}: {}", pair.body);
            refused += 3;
        }
    }
    assert_eq!(refused, 60);

    // 2. On records of our own, check that nothing moved: counter, visit, pairing, events.
    let (ux, uy, uz) = (random_uid(), random_uid(), random_uid());
    let (_, x) = dynamic_product(Some(ux), true);
    let (py, y) = dynamic_product(Some(uy), true);
    let (pz, z) = dynamic_product(Some(uz), false);
    let thief_tap = chip_tap(ux, 5_000);
    assert_eq!(app().get(&format!("/v1/plays/{y}{thief_tap}")).status, 403);
    let pair =
        app().call("POST", &format!("/v1/products/pair/{z}{thief_tap}"), Auth::Cookie(&stranger.session), &[], &[]);
    assert_eq!(pair.status, 403, "{}", pair.body);
    // The real chips still open at a low counter: their counters did not move.
    assert_eq!(app().get(&format!("/v1/plays/{y}{}", chip_tap(uy, 1))).status, 200, "y's own tap after the attack");
    assert_eq!(app().get(&format!("/v1/plays/{z}{}", chip_tap(uz, 1))).status, 461, "z is still unpaired");
    // x's own tap also opens (the thief's copy did not use up x either, having been refused elsewhere).
    assert_eq!(app().get(&format!("/v1/plays/{x}{}", chip_tap(ux, 1))).status, 200);
    // Nobody got the products, and y counts exactly its one real visit.
    let owner_of = |p: i64| app().call("GET", &format!("/v1/products/{p}"), Auth::Cookie(&stranger.session), &[], &[]);
    assert_eq!(owner_of(pz).status, 404, "the thief does not own z (nor learns it exists)");
    assert_eq!(owner_of(py).status, 404);
    execute_sql(&format!("UPDATE products SET id_owner = {0} WHERE id = {py}; INSERT INTO product_users (id_product, id_user, chmod, is_enabled) VALUES ({py}, {0}, 5, 1);", stranger.id));
    let insights =
        || app().call("GET", &format!("/v1/records/{y}/insights"), Auth::Cookie(&stranger.session), &[], &[]).json();
    // Events arrive through the queue: wait for the first, then longer than a batch takes for any other.
    let views = wait_for("the real tap's view", std::time::Duration::from_secs(30), || {
        insights()["0"]["views"].as_i64().filter(|v| *v >= 1)
    });
    std::thread::sleep(std::time::Duration::from_secs(3));
    let totals = insights();
    assert_eq!((views, totals["0"]["views"].as_i64()), (1, Some(1)), "only the real tap is an event: {totals}");
}

#[test]
fn a_dynamic_record_bound_to_no_chip_opens_for_no_tap() {
    let uid = random_uid();
    let (_, r) = dynamic_product(None, true);
    let answer = app().get(&format!("/v1/plays/{r}{}", chip_tap(uid, 1)));
    assert_eq!(answer.status, 403, "{}", answer.body);
    assert_eq!(answer.json()["error"]["message"], "invalid tag signature");
    // Once bound (as encoding does), the same chip opens it.
    execute_sql(&format!("UPDATE records SET uid = '{}' WHERE id = {r}", TagUid(uid).to_hex()));
    assert_eq!(app().get(&format!("/v1/plays/{r}{}", chip_tap(uid, 2))).status, 200);
}

#[test]
fn a_copied_tap_url_opens_only_in_the_browser_that_opened_it_first() {
    let uid = random_uid();
    let (_, r) = dynamic_product(Some(uid), true);
    let tap = format!("/p/{r}{}", chip_tap(uid, 1));
    let first = app().get(&tap);
    assert_eq!(first.status, 200);
    let pass = first.cookie();
    let set = first.set_cookie.clone().unwrap();
    for attribute in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/", "Max-Age=600"] {
        assert!(set.contains(attribute), "{attribute} in {set}");
    }
    // Another browser (no pass, or a pass of another record or counter) gets the "tap again" page.
    assert_eq!(app().get(&tap).status, 463);
    assert!(app().get(&tap).body.contains("\"code\":463"));
    let other_pass = pass.replacen(&format!("senzu_visit_{r}="), &format!("senzu_visit_{}=", r + 1), 1);
    assert_eq!(app().get_with(&tap, &[("cookie", &other_pass)]).status, 463);
    let forged = format!("senzu_visit_{r}={}", "0".repeat(32));
    assert_eq!(app().get_with(&api_path(&tap), &[("cookie", &forged)]).status, 463);
    // The first browser reloads and opens plugins: the same visit.
    assert_eq!(app().get_with(&tap, &[("cookie", &pass)]).status, 200);
    assert_eq!(app().get_with(&format!("{}/plugins/1", api_path(&tap)), &[("cookie", &pass)]).status, 200);
}

#[test]
fn an_unlocked_application_stays_unlocked_for_the_visit_without_the_password_again() {
    let d = demo();
    let locked = d["records"]["locked"].as_str().unwrap();
    let password = d["records"]["locked_password"].as_str().unwrap();
    let play = format!("/v1/plays/{locked}");
    assert_eq!(app().get(&play).error_code(), 460);
    let opened = app().get(&format!("{play}?password={password}"));
    assert_eq!(opened.status, 200, "{}", opened.body);
    let unlock = opened.cookie();
    assert!(unlock.starts_with("senzu_unlock_"), "{unlock}");
    assert!(!unlock.contains(password));
    // Plugin opens and reloads from this browser need no password…
    let plugin = opened.json()["plugins"][0]["id"].as_i64().unwrap();
    assert_eq!(app().get_with(&format!("{play}/plugins/{plugin}"), &[("cookie", &unlock)]).status, 200);
    assert_eq!(app().get_with(&play, &[("cookie", &unlock)]).status, 200);
    // …another browser still does, and a pass cannot be stretched.
    assert_eq!(app().get(&format!("{play}/plugins/{plugin}")).error_code(), 460);
    let (name, value) = unlock.split_once('=').unwrap();
    let (expires, _) = value.split_once('.').unwrap();
    let stretched = format!("{name}={}.{}", expires.parse::<i64>().unwrap() + 86_400, &value[expires.len() + 1..]);
    assert_eq!(app().get_with(&play, &[("cookie", &stretched)]).error_code(), 460, "a pass cannot be extended");
    // The documented ?password= keeps working for API clients.
    assert_eq!(app().get(&format!("{play}/plugins/{plugin}?password={password}")).status, 200);
}

#[test]
fn a_disabled_dynamic_record_refuses_its_own_chip_and_keeps_its_counter() {
    // A tap of its own chip is verified before any read (one batch): the batch must
    // still leave a disabled record's counter where it was.
    let uid = random_uid();
    let (_, r) = dynamic_product(Some(uid), true);
    execute_sql(&format!("UPDATE records SET is_enabled = 0 WHERE id = {r}"));
    let refused = app().get(&format!("/v1/plays/{r}{}", chip_tap(uid, 10)));
    assert_eq!(refused.status, 462, "{}", refused.body);
    execute_sql(&format!("UPDATE records SET is_enabled = 1 WHERE id = {r}"));
    assert_eq!(app().get(&format!("/v1/plays/{r}{}", chip_tap(uid, 5))).status, 200, "the counter did not move to 10");
    assert_eq!(app().get(&format!("/v1/plays/{r}{}", chip_tap(uid, 4))).status, 463, "now it is at 5");
}
