//! The demo fixture: what the seed writes into local D1, and the same facts as
//! JSON for tools and checks (`cargo xtask demo --json`). Keys stay stable.
//!
//! The seed is idempotent (`INSERT OR IGNORE` with fixed ids), so re-running
//! `cargo xtask dev` keeps counters and edits made since.

use anyhow::{Context, Result};
use senzu_core::password;
use senzu_core::secrets::{MasterKey, SUN_KEYS};
use senzu_core::sun::{Key16, KeySource, TagUid};
use serde_json::{json, Value};

use crate::paths;

/// Bumped whenever the seed changes shape.
pub const SEED_VERSION: u32 = 7;

pub const LOCKED_PASSWORD: &str = "senzu-demo";

/// The demo accounts (development values only; stored as PBKDF2 hashes).
pub const OWNER_EMAIL: &str = "owner@senzu.test";
pub const OWNER_PASSWORD: &str = "Senzu-Demo-Owner-2026!";
pub const FRIEND_EMAIL: &str = "friend@senzu.test";
pub const FRIEND_PASSWORD: &str = "Senzu-Demo-Friend-2026!";
/// The demo item on sale in the shop, its price in cents, and the friend's verified provider account.
pub const SHOP_ITEM: i64 = 2;
pub const SHOP_ITEM_PRICE_MINOR: i64 = 1290;
pub const SHOP_PROVIDER: i64 = 1;

/// The demo developer app (owned by the demo owner) and its private key.
pub const DEMO_APP_ID: i64 = 2;
pub const DEMO_APP_KEY: &str = "5e2a0de0a9901234567890abcdef0123456789abcdef0123456789abcdef0001";
/// Loopback: any port on 127.0.0.1 matches (RFC 8252), so a test's callback server can use a free port.
pub const DEMO_APP_REDIRECT: &str = "http://127.0.0.1/callback";
pub const DEMO_APP_REDIRECTS: [&str; 3] =
    [DEMO_APP_REDIRECT, "http://127.0.0.1/cancel", "https://notes.senzu.test/callback"];
/// Roles of the demo app: granted, plus one left requested (`providers`).
const DEMO_APP_ROLES: [&str; 17] = [
    "basic",
    "user_mail",
    "user_birthdate",
    "user_phone",
    "user_addresses",
    "manage_user_addresses",
    "manage_basic",
    "user_logs",
    "signup",
    "password",
    "email",
    "delete_account",
    "applications",
    "products",
    "api_management",
    "developer_basic",
    "developer_manage_basic",
];
pub const LOCKED_PLUGIN_PASSWORD: &str = "open-note";

/// The explicit (sealed) keys of the LRP demo record: development values only.
const LRP_META_KEY: [u8; 16] = *b"senzu-demo-meta!";
const LRP_FILE_KEY: [u8; 16] = *b"senzu-demo-file!";

pub struct DemoRecord {
    pub id: i64,
    pub fixture_name: &'static str,
    pub product: i64,
    pub application: Option<i64>,
    pub encryption: &'static str,
    pub uid: [u8; 7],
}

pub const RECORDS: [DemoRecord; 12] = [
    DemoRecord {
        id: 1,
        fixture_name: "static",
        product: 1,
        application: Some(1),
        encryption: "static",
        uid: [4, 0x5e, 0x2a, 0, 0, 0, 1],
    },
    DemoRecord {
        id: 2,
        fixture_name: "dynamic",
        product: 1,
        application: Some(1),
        encryption: "aes-128",
        uid: [4, 0x5e, 0x2a, 0, 0, 0, 2],
    },
    DemoRecord {
        id: 3,
        fixture_name: "dynamic_lrp",
        product: 1,
        application: Some(1),
        encryption: "lrp-128",
        uid: [4, 0x5e, 0x2a, 0, 0, 0, 3],
    },
    DemoRecord {
        id: 4,
        fixture_name: "disabled",
        product: 1,
        application: Some(1),
        encryption: "static",
        uid: [4, 0x5e, 0x2a, 0, 0, 0, 4],
    },
    DemoRecord {
        id: 5,
        fixture_name: "lost",
        product: 2,
        application: Some(1),
        encryption: "static",
        uid: [4, 0x5e, 0x2a, 0, 0, 0, 5],
    },
    DemoRecord {
        id: 6,
        fixture_name: "not_activated",
        product: 3,
        application: Some(1),
        encryption: "static",
        uid: [4, 0x5e, 0x2a, 0, 0, 0, 6],
    },
    DemoRecord {
        id: 7,
        fixture_name: "no_application",
        product: 4,
        application: None,
        encryption: "static",
        uid: [4, 0x5e, 0x2a, 0, 0, 0, 7],
    },
    DemoRecord {
        id: 8,
        fixture_name: "locked",
        product: 1,
        application: Some(2),
        encryption: "static",
        uid: [4, 0x5e, 0x2a, 0, 0, 0, 8],
    },
    // Owner text that tries to break out of the page: it must render as text.
    DemoRecord {
        id: 9,
        fixture_name: "escaping",
        product: 1,
        application: Some(3),
        encryption: "static",
        uid: [4, 0x5e, 0x2a, 0, 0, 0, 9],
    },
    // A dynamic chip nobody has paired yet: the dashboard's pairing story.
    DemoRecord {
        id: 10,
        fixture_name: "pairable",
        product: 5,
        application: None,
        encryption: "aes-128",
        uid: [4, 0x5e, 0x2a, 0, 0, 0, 10],
    },
    // Another one for the API tests, so the two stories never race for one chip.
    DemoRecord {
        id: 11,
        fixture_name: "pairable_api",
        product: 6,
        application: None,
        encryption: "aes-128",
        uid: [4, 0x5e, 0x2a, 0, 0, 0, 11],
    },
    // One more chip on the demo card, for the browser test of a copied tap URL.
    DemoRecord {
        id: 12,
        fixture_name: "dynamic_spare",
        product: 1,
        application: Some(1),
        encryption: "aes-128",
        uid: [4, 0x5e, 0x2a, 0, 0, 0, 12],
    },
];

/// The title and plugin name of the escaping probe (record `escaping`).
pub const ESCAPING_PROBE: &str = "</script><script>alert(1)</script>";

/// A record's public key: 32 hex characters, fixed per demo record.
pub fn record_key(id: i64) -> String {
    format!("5e2a{:028x}", (id as u128).wrapping_mul(0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835) >> 16)
}

pub const SHARE_KEY: &str = "5e2a5a4e0000000000000000000000aa";
pub const EXPIRED_SHARE_KEY: &str = "5e2a5a4e0000000000000000000000ee";

/// MASTER_KEY as `wrangler dev` will see it: .dev.vars, else its documented example.
pub fn master_key() -> Result<MasterKey> {
    let root = paths::root();
    let text = std::fs::read_to_string(root.join(".dev.vars"))
        .or_else(|_| std::fs::read_to_string(root.join(".dev.vars.example")))
        .context("reading .dev.vars")?;
    let value =
        text.lines().find_map(|l| l.trim().strip_prefix("MASTER_KEY=")).context("MASTER_KEY is not in .dev.vars")?;
    MasterKey::parse_hex(value.trim().trim_matches('"')).map_err(|e| anyhow::anyhow!("{e}"))
}

/// The SUN keys a demo record's chip holds.
pub fn record_keys(record: &DemoRecord, master: &MasterKey) -> KeySource {
    match record.encryption {
        "lrp-128" => KeySource::Explicit { meta_read: Key16(LRP_META_KEY), file_read: Key16(LRP_FILE_KEY) },
        _ => KeySource::Derived { master: master.tag_master() },
    }
}

pub fn record(id: i64) -> Option<&'static DemoRecord> {
    RECORDS.iter().find(|r| r.id == id)
}

pub fn uid(record: &DemoRecord) -> TagUid {
    TagUid(record.uid)
}

/// The path of a simulated tap on a seeded dynamic record: `/p/{id}@{picc_data}:{cmac}`.
pub fn tap_path(id: i64, read_ctr: u32) -> Result<String> {
    use senzu_core::sun::{self, Mode, TapSpec};
    let record = record(id).with_context(|| format!("record {id} is not a seeded demo record"))?;
    let mode = match record.encryption {
        "aes-128" => Mode::Aes,
        "lrp-128" => Mode::Lrp,
        other => anyhow::bail!("record {id} is {other}, not a dynamic record"),
    };
    let keys = record_keys(record, &master_key()?);
    let spec = TapSpec {
        mode,
        uid: uid(record),
        read_ctr,
        file_data: None,
        mac_input: String::new(),
        random: random_bytes()?,
    };
    let tap = sun::simulate(&keys, &spec)?;
    Ok(format!("/p/{id}@{}:{}", tap.picc_data, tap.cmac))
}

/// The chip's randomness (PICCRand, padding), from the operating system.
pub fn random_bytes() -> Result<[u8; 16]> {
    use std::io::Read;
    let mut out = [0u8; 16];
    std::fs::File::open("/dev/urandom")?.read_exact(&mut out)?;
    Ok(out)
}

pub fn fixture() -> Value {
    let mut records = serde_json::Map::new();
    for r in &RECORDS {
        let value = if r.encryption == "static" { json!(record_key(r.id)) } else { json!(r.id) };
        records.insert(r.fixture_name.into(), value);
    }
    records.insert("locked_password".into(), json!(LOCKED_PASSWORD));
    records.insert("locked_plugin_password".into(), json!(LOCKED_PLUGIN_PASSWORD));
    records.insert("escaping_probe".into(), json!(ESCAPING_PROBE));
    records.insert("shared".into(), json!(SHARE_KEY));
    records.insert("shared_expired".into(), json!(EXPIRED_SHARE_KEY));
    json!({
        "seed_version": SEED_VERSION,
        "base_url": "http://127.0.0.1:8787",
        "records": records,
        "owner": { "email": OWNER_EMAIL, "password": OWNER_PASSWORD, "id": 1 },
        "friend": { "email": FRIEND_EMAIL, "password": FRIEND_PASSWORD, "id": 2 },
        "shop": { "item": SHOP_ITEM, "price_minor": SHOP_ITEM_PRICE_MINOR, "provider": SHOP_PROVIDER, "provider_user": 2 },
        "app": {
            "id": DEMO_APP_ID,
            "redirect_url": DEMO_APP_REDIRECT,
            "cancel_url": DEMO_APP_REDIRECTS[1],
            "private_key": DEMO_APP_KEY,
            "requested_role": "providers",
        },
    })
}

fn sql_str(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn opt(v: Option<i64>) -> String {
    v.map_or("NULL".into(), |v| v.to_string())
}

/// Idempotent SQL: running it twice leaves the same rows.
pub fn seed_sql() -> Result<String> {
    let master = master_key()?;
    let mut sql = vec![
        format!(
            "INSERT INTO meta (key, value) VALUES ('seed_version', '{SEED_VERSION}') \
             ON CONFLICT(key) DO UPDATE SET value = excluded.value;"
        ),
        format!(
            "INSERT OR IGNORE INTO users (id, email, verified_email, firstname, lastname, language, is_active, password_hash, gender) VALUES \
             (1, '{OWNER_EMAIL}', '{OWNER_EMAIL}', 'Ada', 'Lovelace', 'en', 1, {}, 2), \
             (2, '{FRIEND_EMAIL}', '{FRIEND_EMAIL}', 'Charles', 'Babbage', 'en', 1, {}, 1);",
            sql_str(&password::hash(OWNER_PASSWORD, b"senzu-demo-own-1", password::ACCOUNT_ITERATIONS)),
            sql_str(&password::hash(FRIEND_PASSWORD, b"senzu-demo-frd-2", password::ACCOUNT_ITERATIONS)),
        ),
        "INSERT OR IGNORE INTO makers (id, id_user, name, alias_name, contact_email, is_main_account) VALUES \
         (1, 1, 'Senzu Demo Maker', 'Senzu Demo Maker', 'makers@senzu.example', 1);".into(),
        "INSERT OR IGNORE INTO items (id, id_maker, name, display_name) VALUES (1, 1, 'Senzu Card', 'Senzu Card');".into(),
        // The shop: an item on sale (12.90 €), and the friend's company as a verified provider.
        format!(
            "INSERT OR IGNORE INTO items (id, id_maker, name, display_name, id_currency, price_minor, is_onsale) VALUES \
             ({SHOP_ITEM}, 1, 'Senzu Card (shop)', 'Senzu Card', 1, {SHOP_ITEM_PRICE_MINOR}, 1);"
        ),
        format!(
            "INSERT OR IGNORE INTO companies (id, id_owner, name, email, date_created) VALUES \
             (1, 2, 'Babbage Engines Ltd', 'factory@senzu.test', unixepoch()); \
             INSERT OR IGNORE INTO providers (id, id_user, id_company, name, is_verified, date_created) VALUES \
             ({SHOP_PROVIDER}, 2, 1, 'Babbage Engines', 1, unixepoch());"
        ),
        "INSERT OR IGNORE INTO products (id, id_item, id_owner, alias, is_activated, is_lost, lost_message) VALUES \
         (1, 1, 1, 'My card', 1, 0, NULL), \
         (2, 1, 1, 'My keyring', 1, 1, 'This keyring is mine. Thank you for sending me a message — there is a reward!'), \
         (3, 1, NULL, NULL, 0, 0, NULL), \
         (4, 1, 1, 'Spare card', 1, 0, NULL), \
         (5, 1, NULL, NULL, 0, 0, NULL), \
         (6, 1, NULL, NULL, 0, 0, NULL);"
            .into(),
        // The owner's access rows (chmod 5, accepted).
        "INSERT OR IGNORE INTO product_users (id, id_product, id_user, chmod, is_enabled) VALUES \
         (1, 1, 1, 5, 1), (2, 2, 1, 5, 1), (3, 4, 1, 5, 1);"
            .into(),
    ];
    let locked_hash = password::hash(LOCKED_PASSWORD, b"senzu-demo-app-2", password::LOCK_ITERATIONS);
    sql.push(format!(
        "INSERT OR IGNORE INTO applications (id, id_owner, name, alias_name, subtitle, color, background_color, password_hash) VALUES \
         (1, 1, 'Ada Lovelace', 'Ada Lovelace', 'Mathematician & writer', 'blue', 'auto', NULL), \
         (2, 1, 'Private links', NULL, 'For friends only', 'purple', 'dark', {}), \
         (3, 1, {probe}, NULL, {probe}, 'red', 'light', NULL);",
        sql_str(&locked_hash),
        probe = sql_str(ESCAPING_PROBE)
    ));
    sql.push(
        "INSERT OR IGNORE INTO application_users (id, id_application, id_user, chmod, is_enabled) VALUES \
         (1, 1, 1, 5, 1), (2, 2, 1, 5, 1), (3, 3, 1, 5, 1);"
            .into(),
    );
    let note_hash = password::hash(LOCKED_PLUGIN_PASSWORD, b"senzu-demo-plg-9", password::LOCK_ITERATIONS);
    // (id, application, plugstore, name, data, lock password hash)
    type PluginSeed<'a> = (i64, i64, i64, &'a str, Value, Option<&'a str>);
    let plugins: [PluginSeed; 12] = [
        (1, 1, 1, "Call me", json!({"phone_number": "+33 6 12 34 56 78"}), None),
        (2, 1, 2, "Text me", json!({"phone_number": "+33 6 12 34 56 78", "message": "Hello Ada!"}), None),
        (
            3,
            1,
            4,
            "My card",
            json!({"firstname": "Ada", "lastname": "Lovelace", "organization": "Analytical Engines", "title": "Mathematician", "phone": "+33 6 12 34 56 78", "email": "ada@senzu.test", "website": "https://senzu.test/ada"}),
            None,
        ),
        (4, 1, 3, "E-mail", json!({"email": "ada@senzu.test", "subject": "Hello"}), None),
        (5, 1, 6, "LinkedIn", json!({"username": "ada-lovelace"}), None),
        (6, 1, 5, "Website", json!({"url": "https://senzu.test/ada"}), None),
        (7, 1, 15, "Guest Wi-Fi", json!({"ssid": "Ada-Guest", "password": "engine1843", "security": "WPA"}), None),
        (8, 1, 14, "Office", json!({"address": "12 St James's Square, London"}), None),
        (
            9,
            1,
            16,
            "Private note",
            json!({"text": "The notes on the Analytical Engine are in the blue folder."}),
            Some(note_hash.as_str()),
        ),
        (10, 2, 16, "Welcome", json!({"text": "Welcome, friend."}), None),
        (11, 3, 16, ESCAPING_PROBE, json!({"text": ESCAPING_PROBE}), None),
        (12, 1, 21, "Exchange contacts", json!({"title": "Leave me your details"}), None),
    ];
    let rows: Vec<String> = plugins
        .iter()
        .enumerate()
        .map(|(i, (id, app, store, name, data, pw))| {
            format!(
                "({id}, {app}, {store}, 1, {}, {}, {}, {})",
                sql_str(name),
                sql_str(&data.to_string()),
                pw.map_or("NULL".into(), sql_str),
                i + 1
            )
        })
        .collect();
    sql.push(format!(
        "INSERT OR IGNORE INTO plugins (id, id_application, id_plugstore, id_user, name, data, password_hash, sort_order) VALUES {};",
        rows.join(", ")
    ));
    let records: Vec<String> = RECORDS
        .iter()
        .map(|r| -> Result<String> {
            let sun_keys = match r.encryption {
                "static" => "NULL".to_string(),
                "lrp-128" => {
                    // A fresh nonce per seal, from the OS (INSERT OR IGNORE keeps the first one sealed).
                    let mut keys = LRP_META_KEY.to_vec();
                    keys.extend_from_slice(&LRP_FILE_KEY);
                    let mut nonce = [0u8; 12];
                    nonce.copy_from_slice(&random_bytes()?[..12]);
                    sql_str(&master.seal(SUN_KEYS, nonce, &keys))
                }
                _ => "'derived'".to_string(),
            };
            // Dynamic records are bound to their chip, as encoding does.
            let uid = if r.encryption == "static" { "NULL".to_string() } else { sql_str(&uid(r).to_hex()) };
            Ok(format!(
                "({}, {}, {}, 'nfc', '{}', '{}', {sun_keys}, {uid}, {})",
                r.id,
                r.product,
                opt(r.application),
                r.encryption,
                record_key(r.id),
                i32::from(r.fixture_name != "disabled")
            ))
        })
        .collect::<Result<_>>()?;
    sql.push(format!(
        "INSERT OR IGNORE INTO records (id, id_product, id_application, technology, token_encryption, key, sun_keys, uid, is_enabled) VALUES {};",
        records.join(", ")
    ));
    // Databases seeded before records had a chip: bind them once.
    for r in RECORDS.iter().filter(|r| r.encryption != "static") {
        sql.push(format!(
            "UPDATE records SET uid = {} WHERE id = {} AND uid IS NULL;",
            sql_str(&uid(r).to_hex()),
            r.id
        ));
    }
    sql.push("INSERT OR IGNORE INTO developers (id, id_user) VALUES (1, 1);".into());
    // A developer's published plugstore entry (the demo owner is developer 1):
    // a link plugin, as a newcomer finds one in the catalogue.
    let spec = r#"{"fields":[{"name":"artist","type":"text","required":true,"label_fr":"Nom d'artiste","label_en":"Artist name"}],"action":{"type":"link","url":"https://music.senzu.test/{artist}"}}"#;
    sql.push(format!(
        "INSERT OR IGNORE INTO plugstores (id, kind, name, display_name_fr, display_name_en, category, developer_name, \
         status, id_developer, id_version, spec, id_icon, catchphrase_fr, catchphrase_en, date_created) VALUES \
         (1001, 'custom:1001', 'demo-music', 'Ma musique', 'My music', 'Réseaux Sociaux', '', 'publish', 1, 1, {spec}, 104, \
         'Vos morceaux en un geste', 'Your tracks in one tap', unixepoch());",
        spec = sql_str(spec)
    ));
    sql.push(format!(
        "INSERT OR IGNORE INTO plugstore_versions (id, id_plugstore, name, id_icon, spec, status, date_created) \
         VALUES (1, 1001, '1.0', 104, {}, 'publish', unixepoch());",
        sql_str(spec)
    ));
    sql.push(
        "INSERT OR IGNORE INTO plugstore_version_langs (id_plugstore_version, lang, display_name, catchphrase, date_created) \
         VALUES (1, 'fr', 'Ma musique', 'Vos morceaux en un geste', unixepoch()), \
         (1, 'en', 'My music', 'Your tracks in one tap', unixepoch());"
            .into(),
    );
    sql.push(format!(
        "INSERT OR IGNORE INTO api_apps (id, id_developer, private_key_hash, private_key_hint, display_name, contact_email) \
         VALUES ({DEMO_APP_ID}, 1, '{}', '{}', 'Ada''s Notes', 'dev@senzu.test');",
        senzu_core::secrets::sha256_hex(&[DEMO_APP_KEY.as_bytes()]),
        &DEMO_APP_KEY[DEMO_APP_KEY.len() - 4..]
    ));
    for (i, url) in DEMO_APP_REDIRECTS.iter().enumerate() {
        sql.push(format!(
            "INSERT OR IGNORE INTO api_app_redirects (id, id_api_app, url) VALUES ({}, {DEMO_APP_ID}, {});",
            i + 1,
            sql_str(url)
        ));
    }
    let mut roles: Vec<String> = DEMO_APP_ROLES.iter().map(|r| format!("({DEMO_APP_ID}, '{r}', 1, 0)")).collect();
    roles.push(format!("({DEMO_APP_ID}, 'providers', 0, 1)"));
    sql.push(format!(
        "INSERT OR IGNORE INTO api_app_roles (id_api_app, alias_role, status, is_requested) VALUES {};",
        roles.join(", ")
    ));
    sql.push(format!(
        "INSERT OR IGNORE INTO share_links (id, id_record, id_application, id_creator, public_key, is_enabled, date_expired) VALUES \
         (1, 1, 1, 1, '{SHARE_KEY}', 1, NULL), (2, 1, 1, 1, '{EXPIRED_SHARE_KEY}', 1, 1577836800);"
    ));
    Ok(sql.join("\n") + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_keys_are_32_hex_and_distinct() {
        let keys: Vec<String> = RECORDS.iter().map(|r| record_key(r.id)).collect();
        for k in &keys {
            assert_eq!(k.len(), 32, "{k}");
            assert!(k.bytes().all(|b| b.is_ascii_hexdigit()));
        }
        let mut unique = keys.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), keys.len());
    }

    #[test]
    fn fixture_names_every_record_the_tests_use() {
        let f = fixture();
        for name in [
            "static",
            "dynamic",
            "dynamic_lrp",
            "disabled",
            "lost",
            "not_activated",
            "no_application",
            "locked",
            "locked_password",
        ] {
            assert!(!f["records"][name].is_null(), "{name}");
        }
        assert!(f["records"]["dynamic"].is_i64());
    }
}
