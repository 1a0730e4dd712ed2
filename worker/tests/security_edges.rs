//! Issue 11, the edges: each test performs one attack of findings 3, 9, 12
//! and 14 against the running worker and checks that it fails and that
//! nothing changed.
mod common;

use common::{app, execute_sql, new_account, Auth};
use serde_json::json;

/// Finding 12: a web page can send a form or a `text/plain` body without a
/// preflight, never a custom header or a JSON content type; the dev routes
/// take neither, and answer no preflight.
#[test]
fn dev_routes_refuse_what_a_web_page_can_send() {
    let ada = new_account("dev-csrf");
    let sql = format!("UPDATE users SET firstname = 'pwned' WHERE id = {}", ada.id);
    let page = [("origin", "https://evil.example")];
    // An HTML form post (what any page can send).
    let form = app().call("POST", "/v1/dev/sql", Auth::None, &[("sql", &sql)], &page);
    assert_eq!(form.status, 403, "{}", form.body);
    // A `text/plain` body that happens to be JSON (a form with enctype=text/plain, or fetch no-cors).
    let plain = app().post_raw_with(
        "/v1/dev/sql",
        "text/plain",
        json!({ "sql": sql }).to_string().into_bytes(),
        &[("origin", "https://evil.example"), ("x-senzu-dev", "1")],
    );
    assert_eq!(plain.status, 400, "{}", plain.body);
    assert!(plain.body.contains("JSON body"), "{}", plain.body);
    // The header alone with a form body is not enough either.
    let header_only = app().call("POST", "/v1/dev/sql", Auth::None, &[("sql", &sql)], &[("x-senzu-dev", "1")]);
    assert_eq!(header_only.status, 400, "{}", header_only.body);
    // The preflight a page would need for the header is never granted.
    let (status, headers) = app().headers_of(
        "OPTIONS",
        "/v1/dev/sql",
        &[
            ("origin", "https://evil.example"),
            ("access-control-request-method", "POST"),
            ("access-control-request-headers", "x-senzu-dev, content-type"),
        ],
    );
    assert_ne!(status, 204);
    assert!(!headers.contains_key("access-control-allow-origin"), "{headers:?}");
    // Nothing ran.
    let me = app().call("GET", "/v1/user?returns=firstname", ada.auth(), &[], &[]);
    assert_eq!(me.json()["firstname"], "dev-csrf", "{}", me.body);
    // The harness's own call (header + JSON) still works.
    execute_sql("SELECT 1");
}

/// A loopback listener that keeps every byte anyone sends it (the attacker's host).
struct Listener {
    url: String,
    bytes: std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
}

impl Listener {
    fn start() -> Listener {
        use std::io::Read;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("binding the listener");
        let url = format!("http://{}", listener.local_addr().unwrap());
        let bytes = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let kept = bytes.clone();
        std::thread::spawn(move || {
            for mut stream in listener.incoming().flatten() {
                let kept = kept.clone();
                std::thread::spawn(move || {
                    let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(2)));
                    let mut buf = [0u8; 4096];
                    while let Ok(n) = stream.read(&mut buf) {
                        if n == 0 {
                            break;
                        }
                        kept.lock().unwrap().extend_from_slice(&buf[..n]);
                    }
                });
            }
        });
        Listener { url, bytes }
    }

    fn received(&self) -> usize {
        self.bytes.lock().unwrap().len()
    }
}

/// An application of `owner` with one partner plugin on a paired object: (app id, record key, plugin id).
fn partner_app(owner: &common::Account, store: &str, data: serde_json::Value) -> (i64, String, i64) {
    let (id_product, id_record, key) = common::new_product();
    app().call("POST", &format!("/v1/products/pair/{id_record}/{key}"), owner.auth(), &[], &[]);
    let id_app = app().call("POST", "/v1/applications", owner.auth(), &[("name", "Partner app")], &[]).json()["id"]
        .as_i64()
        .unwrap();
    let added = app().call(
        "POST",
        &format!("/v1/applications/{id_app}/plugins"),
        owner.auth(),
        &[("id_plugstore", store), ("name", "Shop"), ("data", &data.to_string())],
        &[],
    );
    assert_eq!(added.status, 200, "{}", added.body);
    let linked = app().call(
        "POST",
        &format!("/v1/products/{id_product}/records/{id_record}"),
        owner.auth(),
        &[("id_application", &id_app.to_string())],
        &[],
    );
    assert_eq!(linked.status, 200, "{}", linked.body);
    (id_app, key, added.json()["id"].as_i64().unwrap())
}

/// Shares an application at `chmod` and has `who` accept.
fn share_application(owner: &common::Account, id_app: i64, who: &common::Account, chmod: u8) {
    let granted = app().call(
        "POST",
        &format!("/v1/applications/{id_app}/access"),
        owner.auth(),
        &[("email", &who.email), ("chmod", &chmod.to_string())],
        &[],
    );
    assert_eq!(granted.status, 200, "{}", granted.body);
    let pending = app().call("GET", "/v1/applications/pending", who.auth(), &[], &[]).json();
    let invitation =
        pending.as_object().unwrap().values().find(|p| p["application"]["id"] == id_app).expect("the invitation");
    let accepted = app().call(
        "POST",
        &format!("/v1/applications/pending/{}", invitation["id"]),
        who.auth(),
        &[("grant", "true")],
        &[],
    );
    assert_eq!(accepted.status, 200, "{}", accepted.body);
}

/// Finding 3: a Manager points the owner's partner plugins at their own host
/// and presses "Test connection", and visitors tap: 0 bytes reach that host.
#[test]
fn partner_credentials_never_reach_a_host_set_in_plugin_data() {
    use common::stub::{self, Stub};
    let partner = Stub::start();
    let ada = new_account("partner-owner");
    let mallory = new_account("partner-manager");
    for s in [stub::EMAIL, stub::PUBLIC_KEY, stub::API_KEY, stub::SENGERIO_TOKEN] {
        common::remember_partner_secret(s);
    }
    let eduzz = json!({ "content_id": "123456", "email": stub::EMAIL, "publickey": stub::PUBLIC_KEY, "apikey": stub::API_KEY });
    let (id_app, key, id_eduzz) = partner_app(&ada, "17", eduzz);
    let added = app().call(
        "POST",
        &format!("/v1/applications/{id_app}/plugins"),
        ada.auth(),
        &[
            ("id_plugstore", "19"),
            ("name", "Quote"),
            ("data", &json!({ "private_token": stub::SENGERIO_TOKEN }).to_string()),
        ],
        &[],
    );
    assert_eq!(added.status, 200, "{}", added.body);
    let id_sengerio = added.json()["id"].as_i64().unwrap();
    share_application(&ada, id_app, &mallory, 3);
    let attacker = Listener::start();

    // 1. Through the API: the address is not plugin data (420, naming it), nothing saved.
    let mut tries = 0;
    for (id, data) in [
        (id_eduzz, json!({ "content_id": "123456", "base_url": attacker.url })),
        (id_sengerio, json!({ "base_url": format!("{}/v1/", attacker.url) })),
        (id_eduzz, json!({ "content_id": "123456", "base_url": "https://evil.example" })),
    ] {
        tries += 1;
        let refused =
            app().call("POST", &format!("/v1/plugins/{id}"), mallory.auth(), &[("data", &data.to_string())], &[]);
        assert_eq!(refused.error_code(), 420, "{}", refused.body);
        assert!(refused.body.contains("base_url"), "{}", refused.body);
        let stored = app().call("GET", &format!("/v1/plugins/{id}"), ada.auth(), &[], &[]).json();
        assert!(stored["data"].get("base_url").is_none(), "{stored}");
        assert!(stored["credentials"].as_object().unwrap().values().all(|v| v == true), "{stored}");
    }

    // 2. Even an address already in the stored data (as before this fix) is never used.
    execute_sql(&format!(
        "UPDATE plugins SET data = json_set(data, '$.base_url', '{}') WHERE id IN ({id_eduzz}, {id_sengerio})",
        attacker.url
    ));
    for id in [id_eduzz, id_sengerio] {
        tries += 1;
        let test = app().call("POST", &format!("/v1/plugins/{id}/test"), mallory.auth(), &[], &[]).json();
        assert_eq!(test["ok"], true, "the configured partner answered: {test}");
    }
    for _ in 0..3 {
        tries += 1;
        assert_eq!(app().get(&format!("/v1/plays/{key}")).status, 200);
    }
    let quote = [
        ("name", "Grace"),
        ("email", "grace@senzu.test"),
        ("departure", "Paris"),
        ("destination", "Lyon"),
        ("date", "2026-12-24"),
        ("passengers", "3"),
    ];
    tries += 1;
    let sent = app().call("POST", &format!("/v1/plays/{key}/plugins/{id_sengerio}/quote"), Auth::None, &quote, &[]);
    assert_eq!(sent.status, 201, "{}", sent.body);

    std::thread::sleep(std::time::Duration::from_millis(300));
    println!("finding 3: {tries} attempts, {} bytes reached the attacker's host", attacker.received());
    assert_eq!(attacker.received(), 0, "not one byte may reach a host set in plugin data");
    // The credentials went where they belong, and only there.
    let legit = partner.all_bytes();
    assert!(legit.contains(stub::API_KEY) && legit.contains(stub::SENGERIO_TOKEN), "the real partner got the calls");
}
