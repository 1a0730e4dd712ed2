//! The life of a chip from its beginning: a maker's batch of 100 products, three of
//! their chips (and one LRP chip of another batch) encoded on the NTAG 424 DNA card
//! emulator — the `ntag424` crate's session API, as `cargo xtask tag program` runs
//! it — from a plan made with the keys the worker gave for each chip's UID. Their
//! taps verify at the worker, only for the record each chip is bound to; a replay
//! is refused; a buyer pairs one by tapping it.
mod common;

use common::{app, new_account, Account};
use senzu_core::sun::plan::{plan, Plan, PlanInput, PlanKeys, PlanMode};
use senzu_core::sun::{self, Key16, KeySource, Mode, TagUid, TapSpec};
use senzu_tag_emulator::{block_on, Ntag424};
use senzu_xtask::program::OnChip;
use serde_json::Value;

fn made(a: common::Answer) -> Value {
    assert!((200..300).contains(&a.status), "{}", a.body);
    a.json()
}

/// A new account with a maker and one item (`reference`): the account, the maker's id, the item's id.
fn maker_with_item(prefix: &str, reference: &str) -> (Account, i64, String) {
    let maker = new_account(prefix);
    let form = [("display_name", "Atelier"), ("contact_email", "atelier@atelier.test")];
    let id_maker = made(app().call("POST", "/v1/makers", maker.auth(), &form, &[]))["id"].as_i64().unwrap();
    let form = [("reference", reference), ("display_name", reference)];
    let id_item =
        made(app().call("POST", &format!("/v1/makers/{id_maker}/items"), maker.auth(), &form, &[]))["id"].to_string();
    (maker, id_maker, id_item)
}

fn batch_of(maker: &Account, id_maker: i64, id_item: &str, quantity: &str, records: &str) -> Vec<Value> {
    let form = [("id_item", id_item), ("quantity", quantity), ("records", records)];
    let batch = made(app().call("POST", &format!("/v1/makers/{id_maker}/batches"), maker.auth(), &form, &[]));
    let path = format!("/v1/makers/{id_maker}/products/encoded?id_batch={}&limit=1000", batch["id"]);
    made(app().call("GET", &path, maker.auth(), &[], &[])).as_object().unwrap().values().cloned().collect()
}

/// Asks the worker for the chip's keys (binding the record to its UID): the
/// plan to write, and the keys the chip holds now if a key rotation waits for it.
fn personalization(maker: &Account, id_maker: i64, id_record: i64, uid: [u8; 7], mode: PlanMode) -> (Plan, OnChip) {
    personalization_with(maker, id_maker, id_record, uid, mode, None)
}

/// [`personalization`] with plain data the chip encrypts into each tap (SDMENCFileData).
fn personalization_with(
    maker: &Account,
    id_maker: i64,
    id_record: i64,
    uid: [u8; 7],
    mode: PlanMode,
    file_data: Option<Vec<u8>>,
) -> (Plan, OnChip) {
    let path = format!("/v1/makers/{id_maker}/records/{id_record}/personalization");
    let got = made(app().call("POST", &path, maker.auth(), &[("uid", &TagUid(uid).to_hex())], &[]));
    let key = |keys: &Value, name: &str| Key16::parse_hex("key", keys[name].as_str().unwrap()).unwrap();
    let k = &got["keys"];
    let input = PlanInput {
        id_record,
        host: "senzu.test".into(),
        keys: PlanKeys::Explicit {
            app_master: key(k, "app_master"),
            meta_read: key(k, "sdm_meta_read"),
            file_read: key(k, "sdm_file_read"),
        },
        key_version: got["key_version"].as_u64().unwrap() as u8,
        mode,
        file_data,
    };
    let on_chip = match got.get("on_chip") {
        Some(now) => {
            let k = &now["keys"];
            OnChip::encoded(key(k, "app_master"), key(k, "sdm_meta_read"), key(k, "sdm_file_read"))
        }
        None => OnChip::FACTORY,
    };
    (plan(&input).unwrap(), on_chip)
}

fn rnd() -> impl FnMut() -> anyhow::Result<[u8; 16]> {
    let mut n = 0u8;
    move || {
        n = n.wrapping_add(1);
        Ok(rand::random::<[u8; 16]>().map(|b| b ^ n))
    }
}

/// Reads the chip's UID, asks the worker for its keys, programs it from the plan.
fn encode(maker: &Account, id_maker: i64, id_record: i64, mode: PlanMode) -> Ntag424 {
    let mut uid = [0u8; 7];
    uid[0] = 0x04;
    uid[1..].copy_from_slice(&rand::random::<[u8; 6]>());
    let (plan, on_chip) = personalization(maker, id_maker, id_record, uid, mode);
    assert_eq!(on_chip, OnChip::FACTORY, "a chip encoded the first time starts from its factory keys");
    let mut card = Ntag424::new(uid, rand::random());
    let programmed = block_on(senzu_xtask::program::program(&mut card, &plan, None, rnd())).unwrap();
    assert_eq!(programmed.0, uid);
    card
}

/// The play path of the chip's next tap (`/p/{id}@{picc}:{cmac}` → its JSON API path).
fn tap(card: &mut Ntag424) -> String {
    let url = card.tap().expect("a programmed chip answers a tap");
    let (_, entry) = url.split_once("/p/").unwrap();
    entry.to_string()
}

#[test]
fn a_batch_encoded_on_emulated_chips_taps_opens_and_pairs() {
    let (maker, id_maker, id_item) = maker_with_item("life", "LIFE");
    let products = batch_of(&maker, id_maker, &id_item, "100", "nfc:aes-128,qrcode:static");
    assert_eq!(products.len(), 100);
    let lrp = batch_of(&maker, id_maker, &id_item, "1", "nfc:lrp-128");
    let chip_record = |p: &Value| p["record"][0]["id"].as_i64().unwrap();

    let mut cards: Vec<(i64, Ntag424)> = products[..3]
        .iter()
        .map(|p| (chip_record(p), encode(&maker, id_maker, chip_record(p), PlanMode::Aes)))
        .collect();
    cards.push((chip_record(&lrp[0]), encode(&maker, id_maker, chip_record(&lrp[0]), PlanMode::Lrp)));

    for (id_record, card) in &mut cards {
        let first = tap(card);
        assert!(first.starts_with(&format!("{id_record}@")), "{first}");
        // Verified: a product nobody paired yet offers its pairing (461 with the link).
        let opened = app().get(&format!("/v1/plays/{first}"));
        assert_eq!(opened.status, 461, "record {id_record}: {}", opened.body);
        assert!(opened.json()["pair"].as_str().unwrap().eq_ignore_ascii_case(&first), "{}", opened.body);
        // An older tap of the same chip is a replay.
        let second = tap(card);
        assert_eq!(app().get(&format!("/v1/plays/{second}")).status, 461);
        assert_eq!(app().get(&format!("/v1/plays/{first}")).status, 463, "a replay of record {id_record}");
    }
    // A chip's tap at another record (its SUN data under another id) opens nothing.
    let (first_record, _) = cards[0];
    let moved = tap(&mut cards[1].1);
    let (_, sun) = moved.split_once('@').unwrap();
    let elsewhere = app().get(&format!("/v1/plays/{first_record}@{sun}"));
    assert_eq!(elsewhere.status, 403, "{}", elsewhere.body);

    // The listing shows the three chips (and only them) bound to their UIDs.
    let listed = batch_of_listing(&maker, id_maker, &products);
    assert_eq!(listed, 3);

    // A buyer pairs the second product by tapping its chip.
    let buyer = new_account("life-buyer");
    let pairing = tap(&mut cards[1].1);
    let paired = app().call("POST", &format!("/v1/products/pair/{pairing}"), buyer.auth(), &[], &[]);
    assert_eq!(paired.status, 200, "{}", paired.body);
    let mine = made(app().call("GET", "/v1/products?limit=null", buyer.auth(), &[], &[]));
    assert!(mine.as_object().unwrap().values().any(|p| p["id"] == products[1]["id"]), "{mine}");

    rotate_and_reencode(&maker, id_maker, &products, &mut cards);
}

/// A tap of `uid` signed with the keys of key version `version`, at counter `ctr`:
/// what a chip still holding that version would send.
fn tap_of_version(id_record: i64, uid: [u8; 7], version: u8, ctr: u32) -> String {
    let master = senzu_xtask::demo::master_key().expect("dev MASTER_KEY").tag_master();
    let keys = KeySource::Versioned { master, version };
    let spec = TapSpec {
        mode: Mode::Aes,
        uid: TagUid(uid),
        read_ctr: ctr,
        file_data: None,
        mac_input: String::new(),
        random: rand::random(),
    };
    let t = sun::simulate(&keys, &spec).unwrap();
    format!("{id_record}@{}:{}", t.picc_data, t.cmac)
}

/// The batch's keys rotate to version 1: an encoded chip keeps opening with
/// version 0 until it is re-encoded, the encoder's read-back confirms it, and
/// from then on a version-0 tap of it is refused; the other chips are untouched.
fn rotate_and_reencode(maker: &Account, id_maker: i64, products: &[Value], cards: &mut [(i64, Ntag424)]) {
    let id_batch = products[0]["id_batch"].as_i64().unwrap();
    let rotation = format!("/v1/makers/{id_maker}/batches/{id_batch}/key-rotation");
    let stranger = new_account("life-stranger");
    assert_eq!(app().call("POST", &rotation, stranger.auth(), &[], &[]).status, 404, "only the batch's maker");
    let rotated = made(app().call("POST", &rotation, maker.auth(), &[], &[]));
    assert_eq!(rotated["key_version"], 1, "{rotated}");
    assert_eq!(rotated["to_reencode"], 3, "{rotated}");
    assert_eq!(rotated["not_encoded"], 97, "{rotated}");

    let (id_record, card) = &mut cards[0];
    let (id_record, uid) = (*id_record, card.uid());
    let confirmation = format!("/v1/makers/{id_maker}/records/{id_record}/personalization/confirmation");
    // Until it is re-encoded the chip's version-0 taps open it; its read-back does not confirm the rotation.
    assert_eq!(app().get(&format!("/v1/plays/{}", tap(card))).status, 461);
    let not_yet = app().call("POST", &confirmation, maker.auth(), &[("url", &tap(card))], &[]);
    assert_eq!(not_yet.status, 409, "{}", not_yet.body);
    assert!(not_yet.body.contains("still holds key version 0"), "{}", not_yet.body);

    // Re-encoded: the worker gives version 1 to write and the version-0 keys to change them with.
    let (plan, on_chip) = personalization(maker, id_maker, id_record, uid, PlanMode::Aes);
    assert_eq!(plan.key_version, 1);
    assert_ne!(on_chip, OnChip::FACTORY);
    block_on(senzu_xtask::program::reprogram(card, &plan, None, &on_chip, rnd())).unwrap();
    let read_back = format!("https://senzu.test/p/{}", tap(card));
    let confirmed = made(app().call("POST", &confirmation, maker.auth(), &[("url", &read_back)], &[]));
    assert_eq!(confirmed["key_version"], 1, "{confirmed}");
    assert_eq!(confirmed["uid"], TagUid(uid).to_hex());
    let again = app().call("POST", &confirmation, maker.auth(), &[("url", &read_back)], &[]);
    assert_eq!(again.status, 409, "a read-back is used once: {}", again.body);

    // The new version opens it; the old one, even with a fresh counter, no longer does.
    assert_eq!(app().get(&format!("/v1/plays/{}", tap(card))).status, 461);
    let old = tap_of_version(id_record, uid, 0, card.read_counter() + 10);
    let refused = app().get(&format!("/v1/plays/{old}"));
    assert_eq!(refused.status, 403, "an old-version tap after the re-encoding: {}", refused.body);
    let new = tap_of_version(id_record, uid, 1, card.read_counter() + 20);
    assert_eq!(app().get(&format!("/v1/plays/{new}")).status, 461);

    // Another chip of the batch still holds version 0, which still opens it.
    let (other, other_card) = &mut cards[2];
    assert_eq!(app().get(&format!("/v1/plays/{}", tap(other_card))).status, 461);
    let listing = made(app().call(
        "GET",
        &format!("/v1/makers/{id_maker}/products/encoded?id_batch={id_batch}&limit=1000"),
        maker.auth(),
        &[],
        &[],
    ));
    let record_of = |id: i64| {
        listing.as_object().unwrap().values().map(|p| &p["record"][0]).find(|r| r["id"] == id).unwrap().clone()
    };
    assert_eq!(
        (record_of(id_record)["key_version"].clone(), record_of(id_record)["rekey_to"].clone()),
        (1.into(), Value::Null)
    );
    assert_eq!((record_of(*other)["key_version"].clone(), record_of(*other)["rekey_to"].clone()), (0.into(), 1.into()));
    // A chip not encoded yet is simply encoded with version 1.
    let fresh = products[50]["record"][0]["id"].as_i64().unwrap();
    assert_eq!(record_of(fresh)["key_version"], 1);
    let batch = made(app().call("GET", &format!("/v1/makers/{id_maker}/batches/{id_batch}"), maker.auth(), &[], &[]));
    assert_eq!(batch["key_version"], 1);
}

/// How many of the batch's chips are bound to a chip now.
fn batch_of_listing(maker: &Account, id_maker: i64, products: &[Value]) -> usize {
    let ids: Vec<&Value> = products.iter().map(|p| &p["id"]).collect();
    let path = format!("/v1/makers/{id_maker}/products/encoded?limit=1000");
    let all = made(app().call("GET", &path, maker.auth(), &[], &[]));
    all.as_object()
        .unwrap()
        .values()
        .filter(|p| ids.contains(&&p["id"]))
        .filter(|p| p["record"][0]["uid"].is_string())
        .count()
}

#[test]
fn cargo_xtask_tag_program_encodes_a_record_through_the_worker() {
    let (maker, id_maker, id_item) = maker_with_item("xtask-program", "PEN");
    let products = batch_of(&maker, id_maker, &id_item, "1", "nfc:lrp-128");
    let id_record = products[0]["record"][0]["id"].as_i64().unwrap();
    let run = |token: &str| {
        std::process::Command::new(env!("CARGO"))
            .args(["run", "-q", "-p", "senzu-xtask", "--", "tag", "program", "--emulator", "--lrp"])
            .args(["--record", &id_record.to_string(), "--maker", &id_maker.to_string(), "--server", &app().base_url])
            .env("SENZU_TOKEN", token)
            .output()
            .expect("running cargo xtask tag program")
    };
    // Someone else's token gets nothing: the worker answers 404 and no chip is written.
    let stranger = new_account("xtask-stranger");
    let refused = run(&stranger.session);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("404"), "{}", String::from_utf8_lossy(&refused.stderr));

    let out = run(&maker.session);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let uid = stdout.lines().find_map(|l| l.strip_prefix("uid ")).unwrap().to_string();
    assert!(stdout.contains("key version 0 confirmed"), "the read-back tap is reported: {stdout}");
    let url = stdout.lines().find(|l| l.contains("/p/")).unwrap();
    let (_, entry) = url.split_once("/p/").unwrap();
    assert!(entry.starts_with(&format!("{id_record}@")), "{url}");
    let first = app().get(&format!("/v1/plays/{entry}"));
    assert_eq!(first.status, 461, "the programmed chip's first tap verifies: {}", first.body);
    assert!(first.json()["pair"].as_str().unwrap().eq_ignore_ascii_case(entry), "{}", first.body);
    let path = format!("/v1/makers/{id_maker}/products/encoded?limit=1000");
    let listed = made(app().call("GET", &path, maker.auth(), &[], &[]));
    let bound = listed.as_object().unwrap().values().find(|p| p["id"] == products[0]["id"]).unwrap();
    assert_eq!(bound["record"][0]["uid"], uid);
}

fn random_uid() -> String {
    let mut uid = [0u8; 7];
    uid[0] = 0x04;
    uid[1..].copy_from_slice(&rand::random::<[u8; 6]>());
    TagUid(uid).to_hex()
}

#[test]
fn a_factory_imports_its_uids_and_gets_each_chips_plan_and_keys_once_all_or_nothing() {
    use senzu_core::sun::{self, KeySource, Mode, TapSpec};
    let (maker, id_maker, id_item) = maker_with_item("factory", "FAB");
    let products = batch_of(&maker, id_maker, &id_item, "3", "nfc:aes-128,qrcode:static");
    let id_batch = products[0]["id_batch"].as_i64().unwrap();
    let chips: Vec<i64> = products.iter().map(|p| p["record"][0]["id"].as_i64().unwrap()).collect();
    let qr = products[0]["record"][1]["id"].as_i64().unwrap();
    let path = format!("/v1/makers/{id_maker}/batches/{id_batch}/personalization");
    let import = |who: &Account, text: &str| app().call("POST", &path, who.auth(), &[("uids", text)], &[]);

    let uids: Vec<String> = chips.iter().map(|_| random_uid()).collect();
    let bad = import(&maker, &format!("id_record,uid\n{},{}\n{},04XX", chips[0], uids[0], chips[1]));
    assert_eq!(bad.error_code(), 420);
    assert!(bad.body.contains("line 3"), "{}", bad.body);
    assert_eq!(import(&maker, &format!("{qr},{}", uids[0])).error_code(), 420, "a printed code has no chip");
    let other_batch = batch_of(&maker, id_maker, &id_item, "1", "nfc:aes-128");
    let elsewhere = import(&maker, &format!("{},{}", other_batch[0]["record"][0]["id"], uids[0]));
    assert_eq!(elsewhere.error_code(), 420, "{}", elsewhere.body);
    let stranger = new_account("factory-stranger");
    assert_eq!(import(&stranger, &format!("{},{}", chips[0], uids[0])).status, 404);

    // The first two chips.
    let text = format!("id_record,uid\n{},{}\n{},{}\n", chips[0], uids[0], chips[1], uids[1].to_lowercase());
    let export = import(&maker, &text);
    assert_eq!(export.status, 200, "{}", export.body);
    assert!(export.content_type.starts_with("text/csv"), "{}", export.content_type);
    let rows: Vec<Vec<String>> =
        export.body.lines().skip(1).map(|l| l.split(',').map(str::to_string).collect()).collect();
    assert_eq!(rows.len(), 2);
    for (row, (id_record, uid)) in rows.iter().zip(chips.iter().zip(&uids)) {
        assert_eq!(
            (row[0].parse::<i64>().unwrap(), row[1].as_str(), row[2].as_str()),
            (*id_record, uid.as_str(), "aes-128")
        );
        assert!(row[3].ends_with(&format!("/p/{id_record}@{{picc}}:{{cmac}}")), "{}", row[3]);
        // A chip written with these keys taps and verifies at the worker.
        let key = |i: usize| Key16::parse_hex("key", &row[i]).unwrap();
        let keys = KeySource::Explicit { meta_read: key(9), file_read: key(10) };
        let spec = TapSpec {
            mode: Mode::Aes,
            uid: TagUid::parse_hex(uid).unwrap(),
            read_ctr: 1,
            file_data: None,
            mac_input: String::new(),
            random: rand::random(),
        };
        let tap = sun::simulate(&keys, &spec).unwrap();
        let answer = app().get(&format!("/v1/plays/{id_record}@{}:{}", tap.picc_data, tap.cmac));
        assert_eq!(answer.status, 461, "{}", answer.body);
    }

    // All or nothing: the third chip with a bound one under another UID binds neither.
    let clash = import(&maker, &format!("{},{}\n{},{}", chips[2], uids[2], chips[0], random_uid()));
    assert_eq!(clash.status, 409, "{}", clash.body);
    let taken = import(&maker, &format!("{},{}", chips[2], uids[0]));
    assert_eq!(taken.status, 409, "a chip bound to another record");
    let listed = made(app().call(
        "GET",
        &format!("/v1/makers/{id_maker}/products/encoded?id_batch={id_batch}"),
        maker.auth(),
        &[],
        &[],
    ));
    let third = listed.as_object().unwrap().values().find(|p| p["id"] == products[2]["id"]).unwrap();
    assert_eq!(third["record"][0]["uid"], Value::Null);
}

#[test]
fn a_chip_that_encrypts_file_data_into_its_taps_opens_its_record() {
    let (maker, id_maker, id_item) = maker_with_item("file-data", "LOT");
    for mode in [PlanMode::Aes, PlanMode::Lrp] {
        let encryption = if mode == PlanMode::Aes { "nfc:aes-128" } else { "nfc:lrp-128" };
        let products = batch_of(&maker, id_maker, &id_item, "1", encryption);
        let id_record = products[0]["record"][0]["id"].as_i64().unwrap();
        let mut uid = [0x04u8; 7];
        uid[1..].copy_from_slice(&rand::random::<[u8; 6]>());
        let data = b"lot 0042 / 2026!".to_vec();
        let (plan, on_chip) = personalization_with(&maker, id_maker, id_record, uid, mode, Some(data));
        let mut card = Ntag424::new(uid, rand::random());
        block_on(senzu_xtask::program::reprogram(&mut card, &plan, None, &on_chip, rnd())).unwrap();
        let first = tap(&mut card);
        let (_, sun) = first.split_once('@').unwrap();
        assert!(sun.contains('.'), "the tap carries encrypted file data: {first}");
        let opened = app().get(&format!("/v1/plays/{first}"));
        assert_eq!(opened.status, 461, "{mode:?}: {}", opened.body);
        let second = tap(&mut card);
        assert_eq!(app().get(&format!("/v1/plays/{second}")).status, 461);
        assert_eq!(app().get(&format!("/v1/plays/{first}")).status, 463, "{mode:?}: a replay");
        // The file data is under the MAC: changed, the tap is refused.
        let (head, tail) = second.split_once('.').unwrap();
        let flipped = match tail.strip_prefix('0') {
            Some(rest) => format!("1{rest}"),
            None => format!("0{}", &tail[1..]),
        };
        let forged = app().get(&format!("/v1/plays/{head}.{flipped}"));
        assert_eq!(forged.status, 403, "{mode:?}: {}", forged.body);
    }
}
