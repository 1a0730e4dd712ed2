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
    let eduzz =
        json!({ "content_id": "123456", "email": stub::EMAIL, "publickey": stub::PUBLIC_KEY, "apikey": stub::API_KEY });
    let (id_app, key, id_eduzz) = common::partner_play(&ada, "17", eduzz);
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
    assert_eq!(added.status, 201, "{}", added.body);
    let id_sengerio = added.json()["id"].as_i64().unwrap();
    common::share(&ada, "applications", id_app, &mallory, 3);
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

const EVIL: (&str, &str) = ("origin", "https://evil.example");

/// Finding 9, login CSRF: a foreign page posts the sign-in form with the
/// attacker's credentials, to sign the victim's browser into the attacker's account.
#[test]
fn sign_in_from_a_foreign_page_is_refused() {
    let d = common::demo();
    let form =
        [("email", d["owner"]["email"].as_str().unwrap()), ("password", d["owner"]["password"].as_str().unwrap())];
    let mut attempts = 0;
    for headers in [
        vec![EVIL, ("cf-connecting-ip", "10.9.0.1")],
        vec![("origin", "null"), ("cf-connecting-ip", "10.9.0.2")],
        vec![("sec-fetch-site", "cross-site"), ("cf-connecting-ip", "10.9.0.3")],
        vec![("sec-fetch-site", "same-site"), ("cf-connecting-ip", "10.9.0.4")],
    ] {
        attempts += 1;
        let a = app().call_bare("POST", "/v1/auth/login", Auth::None, &form, &headers);
        assert_eq!(a.status, 403, "{headers:?}: {}", a.body);
        assert!(a.body.contains("cross-site request refused"), "{}", a.body);
        assert!(a.set_cookie.is_none(), "no session for a forged sign-in");
    }
    for path in ["/v1/auth/signup", "/v1/auth/logout"] {
        attempts += 1;
        assert_eq!(app().call_bare("POST", path, Auth::None, &[], &[EVIL]).status, 403, "{path}");
    }
    println!("finding 9 (login CSRF): {attempts} forged posts refused");
    // From the app's own page it works (Origin, or only Sec-Fetch-Site: same-origin).
    let own = app().call("POST", "/v1/auth/login", Auth::None, &form, &[("cf-connecting-ip", "10.9.0.5")]);
    assert_eq!(own.status, 200, "{}", own.body);
    let fetch_metadata = app().call(
        "POST",
        "/v1/auth/login",
        Auth::None,
        &form,
        &[("sec-fetch-site", "same-origin"), ("cf-connecting-ip", "10.9.0.6")],
    );
    assert_eq!(fetch_metadata.status, 200, "{}", fetch_metadata.body);
}

/// Finding 9: a foreign page makes the signed-in browser post, delete or put
/// with its cookie; nothing happens. An explicit token is not ambient: allowed.
#[test]
fn cookie_requests_from_another_origin_change_nothing() {
    let ada = new_account("csrf");
    let count =
        || app().call("GET", "/v1/applications?limit=null", ada.auth(), &[], &[]).json().as_object().unwrap().len();
    let before = count();
    let mut attempts = 0;
    for (method, path, form) in [
        ("POST", "/v1/user".to_string(), vec![("firstname", "pwned")]),
        ("POST", "/v1/applications".to_string(), vec![("name", "Forged")]),
        ("PUT", "/v1/applications".to_string(), vec![("name", "Forged")]),
        ("PATCH", "/v1/user".to_string(), vec![("firstname", "pwned")]),
        ("DELETE", format!("/v1/tokens/{}", 1), vec![]),
    ] {
        for headers in [vec![EVIL], vec![("sec-fetch-site", "cross-site")], vec![]] {
            attempts += 1;
            let a = app().call_bare(method, &path, ada.auth(), &form, &headers);
            assert_eq!(a.status, 403, "{method} {path} {headers:?}: {}", a.body);
        }
    }
    println!("finding 9 (cookie CSRF): {attempts} forged requests refused");
    assert_eq!(count(), before, "no application created");
    let me = app().call("GET", "/v1/user?returns=firstname", ada.auth(), &[], &[]).json();
    assert_eq!(me["firstname"], "csrf");
    // Same origin with the cookie: works.
    let made = app().call("POST", "/v1/applications", ada.auth(), &[("name", "Mine")], &[]);
    assert_eq!(made.status, 201, "{}", made.body);
    // The session token sent explicitly (no Origin, as a script or curl would): works too.
    let bearer = app().call_bare("POST", "/v1/user", Auth::Bearer(&ada.session), &[("firstname", "Ada")], &[]);
    assert_eq!(bearer.status, 200, "{}", bearer.body);
}

/// Finding 9: the documented agree link (or an `<img>` pointing at it) accepts nothing.
#[test]
fn the_agree_link_accepts_nothing_until_the_page_posts() {
    let ada = new_account("agree-owner");
    let bob = new_account("agree-bob");
    let id_app =
        app().call("POST", "/v1/applications", ada.auth(), &[("name", "Shared")], &[]).json()["id"].as_i64().unwrap();
    let granted = app().call(
        "POST",
        &format!("/v1/applications/{id_app}/access"),
        ada.auth(),
        &[("email", &bob.email), ("chmod", "3")],
        &[],
    );
    let invitation = granted.json()["id"].as_i64().unwrap();
    let pending =
        || app().call("GET", "/v1/applications/pending", bob.auth(), &[], &[]).json().as_object().unwrap().len();
    assert_eq!(pending(), 1);
    for headers in [vec![], vec![EVIL], vec![("sec-fetch-dest", "image"), ("sec-fetch-site", "cross-site")]] {
        let link =
            app().call_bare("GET", &format!("/v1/agree-share-application?id={invitation}"), bob.auth(), &[], &headers);
        assert_eq!(link.status, 303, "{}", link.body);
    }
    let forged =
        app().call_bare("POST", "/v1/agree-share-application", bob.auth(), &[("id", &invitation.to_string())], &[EVIL]);
    assert_eq!(forged.status, 403, "{}", forged.body);
    assert_eq!(pending(), 1, "still waiting for Bob's answer");
    assert_eq!(app().call("GET", &format!("/v1/applications/{id_app}"), bob.auth(), &[], &[]).status, 404);
    let accepted =
        app().call("POST", "/v1/agree-share-application", bob.auth(), &[("id", &invitation.to_string())], &[]);
    assert_eq!(accepted.status, 200, "{}", accepted.body);
    assert_eq!(pending(), 0);
}

/// Finding 9: an application image that is a path on this site makes every
/// visitor's browser send a cookie-bearing GET there. Only https or exactly /files/{name}.
#[test]
fn an_application_image_is_https_or_exactly_an_uploaded_file() {
    let ada = new_account("image");
    let id_app = app()
        .call(
            "POST",
            "/v1/applications",
            ada.auth(),
            &[("name", "Pic"), ("url_image", "https://cdn.example/a.png")],
            &[],
        )
        .json()["id"]
        .as_i64()
        .unwrap();
    for bad in [
        "/files/../v1/agree-share-application?id=1",
        "/files/..%2f..%2fv1/auth/logout",
        "/v1/user",
        "//evil.example/x.png",
        "http://cdn.example/a.png",
        "javascript:alert(1)",
    ] {
        for path in [format!("/v1/applications/{id_app}"), "/v1/applications".to_string()] {
            let a = app().call("POST", &path, ada.auth(), &[("name", "Pic"), ("url_image", bad)], &[]);
            assert_eq!(a.error_code(), 420, "{bad}: {}", a.body);
            assert!(a.body.contains("url_image"), "{}", a.body);
        }
    }
    let stored = app().call("GET", &format!("/v1/applications/{id_app}"), ada.auth(), &[], &[]).json();
    assert_eq!(stored["url_image"], "https://cdn.example/a.png", "unchanged");
    let ok = app().call(
        "POST",
        &format!("/v1/applications/{id_app}"),
        ada.auth(),
        &[("url_image", "/files/abc-1.png")],
        &[],
    );
    assert_eq!(ok.status, 200, "{}", ok.body);
    // A value stored before the rule is dropped from the play, never sent to visitors.
    let (_, _, key) = common::paired_showing(&ada, id_app);
    execute_sql(&format!("UPDATE applications SET url_image = '/files/../v1/auth/logout' WHERE id = {id_app}"));
    let play = app().get(&format!("/v1/plays/{key}")).json();
    assert!(play["image"].is_null(), "{play}");
    let page = app().get(&format!("/p/{key}"));
    assert!(!page.body.contains("/files/../"), "not in the page either");
}

/// Whether an SQL condition holds in the test database (dev route: a false
/// condition makes the statement fail, `json('…')` of a non-JSON text).
fn sql_holds(condition: &str) -> bool {
    let sql = format!("SELECT CASE WHEN ({condition}) THEN 1 ELSE json('condition does not hold') END");
    app().dev("POST", "/v1/dev/sql", Some(&json!({ "sql": sql }))).status == 200
}

/// Finding 14: every page — the SPA from the static assets (public/_headers)
/// and the worker's play pages — forbids framing and runs no inline script.
#[test]
fn pages_forbid_framing_and_inline_scripts() {
    let key = common::demo()["records"]["static"].as_str().unwrap().to_string();
    let mut pages = 0;
    for path in ["/", "/auth", "/dashboard", "/console", "/signin", &format!("/p/{key}")] {
        let (status, body, headers) = app().bytes_of(path);
        assert_eq!(status, 200, "{path}");
        let header =
            |name: &str| headers.get(name).cloned().unwrap_or_else(|| panic!("{path}: no {name} in {headers:?}"));
        let csp = header("content-security-policy");
        let directive = |name: &str| {
            csp.split(';').map(str::trim).find_map(|d| d.strip_prefix(name)).map(str::trim).map(str::to_string)
        };
        assert_eq!(directive("script-src ").as_deref(), Some("'self' 'wasm-unsafe-eval'"), "{path}: {csp}");
        assert_eq!(directive("frame-ancestors ").as_deref(), Some("'none'"), "{path}: {csp}");
        assert_eq!(directive("object-src ").as_deref(), Some("'none'"), "{path}: {csp}");
        assert_eq!(directive("base-uri ").as_deref(), Some("'none'"), "{path}: {csp}");
        assert_eq!(header("x-frame-options"), "DENY", "{path}");
        assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
        assert!(["no-referrer", "same-origin"].contains(&header("referrer-policy").as_str()), "{path}");
        // The policy allows no inline script, so the page must have none: each
        // <script> loads a file, or is the play's JSON (data, never run).
        let html = String::from_utf8(body).unwrap();
        let mut scripts = 0;
        for tag in html.split("<script").skip(1) {
            let open = &tag[..tag.find('>').unwrap()];
            scripts += 1;
            assert!(
                open.contains(" src=") || open.contains("type=\"application/json\""),
                "{path}: inline <script{open}>"
            );
        }
        assert!(scripts >= 1, "{path}: the app's loader");
        pages += 1;
    }
    println!("finding 14 (headers): {pages} pages checked");
}

/// Finding 14: partner credentials are sealed per plugin and field; a sealed
/// value copied to another plugin or into another field does not open there
/// (and is never sent), the dashboard shows it as not set.
#[test]
fn a_sealed_partner_credential_opens_only_for_its_plugin_and_field() {
    use common::stub::{self, Stub};
    let partner = Stub::start();
    let ada = new_account("sealed-owner");
    for s in [stub::EMAIL, stub::PUBLIC_KEY, stub::API_KEY] {
        common::remember_partner_secret(s);
    }
    let eduzz =
        json!({ "content_id": "123456", "email": stub::EMAIL, "publickey": stub::PUBLIC_KEY, "apikey": stub::API_KEY });
    let (id_app, _, id_a) = common::partner_play(&ada, "17", eduzz);
    // A second Eduzz plugin whose credentials are something else entirely.
    let other =
        json!({ "content_id": "123456", "email": "x@eduzz.test", "publickey": "pk-other", "apikey": "ak-other" });
    let added = app().call(
        "POST",
        &format!("/v1/applications/{id_app}/plugins"),
        ada.auth(),
        &[("id_plugstore", "17"), ("name", "Other"), ("data", &other.to_string())],
        &[],
    );
    assert_eq!(added.status, 201, "{}", added.body);
    let id_b = added.json()["id"].as_i64().unwrap();
    let set = |id: i64| {
        let p = app().call("GET", &format!("/v1/plugins/{id}"), ada.auth(), &[], &[]).json();
        p["credentials"].as_object().unwrap().iter().map(|(k, v)| (k.clone(), v == true)).collect::<Vec<_>>()
    };
    let all_set = |id| set(id).iter().all(|(_, v)| *v);
    assert!(all_set(id_a) && all_set(id_b));
    assert!(sql_holds(&format!("(SELECT secrets FROM plugins WHERE id = {id_a}) NOT LIKE '%{}%'", stub::API_KEY)));

    // A's sealed values copied into B: none of them opens for B.
    execute_sql(&format!(
        "UPDATE plugins SET secrets = (SELECT secrets FROM plugins WHERE id = {id_a}) WHERE id = {id_b}"
    ));
    assert!(set(id_b).iter().all(|(_, v)| !*v), "{:?}", set(id_b));
    let before = partner.all_bytes().len();
    let test = app().call("POST", &format!("/v1/plugins/{id_b}/test"), ada.auth(), &[], &[]).json();
    assert_eq!(test["ok"], false, "{test}");
    assert!(test["message"].as_str().unwrap().contains("not set"), "{test}");
    assert_eq!(partner.all_bytes().len(), before, "nothing was sent for B");
    // A's api key moved into A's public key field: that field does not open.
    execute_sql(&format!(
        "UPDATE plugins SET secrets = json_set(secrets, '$.publickey', json_extract(secrets, '$.apikey')) WHERE id = {id_a}"
    ));
    let a = set(id_a);
    assert!(a.contains(&("publickey".to_string(), false)) && a.contains(&("apikey".to_string(), true)), "{a:?}");
    let test = app().call("POST", &format!("/v1/plugins/{id_a}/test"), ada.auth(), &[], &[]).json();
    assert_eq!(test["ok"], false, "{test}");
    assert!(!partner.all_bytes()[before..].contains(stub::API_KEY), "the moved key was not sent as the public key");
}

/// A paired product of `owner` with an application (one text plugin) on its
/// static record: (id_product, id_record, key).
fn play_app(owner: &common::Account) -> (i64, i64, String) {
    let id_app =
        app().call("POST", "/v1/applications", owner.auth(), &[("name", "Limits")], &[]).json()["id"].as_i64().unwrap();
    let added = app().call(
        "POST",
        &format!("/v1/applications/{id_app}/plugins"),
        owner.auth(),
        &[("id_plugstore", "16"), ("data", r#"{"text":"hello"}"#)],
        &[],
    );
    assert_eq!(added.status, 201, "{}", added.body);
    common::paired_showing(owner, id_app)
}

/// A random visitor IP (the edge's `cf-connecting-ip`).
fn visitor_ip() -> String {
    format!("10.{}.{}.{}", rand::random::<u8>(), rand::random::<u8>(), rand::random::<u8>())
}

/// Sends `attempt` until `max` have passed, then once more: that one is 429
/// with Retry-After within the hour. Returns the refused answer.
fn refused_after(max: usize, what: &str, mut attempt: impl FnMut() -> common::Answer) -> common::Answer {
    for i in 1..=max {
        let a = attempt();
        assert!((200..300).contains(&a.status), "{what}: attempt {i} of {max}: {} {}", a.status, a.body);
    }
    let refused = attempt();
    assert_eq!(refused.status, 429, "{what}: attempt {}: {}", max + 1, refused.body);
    assert_eq!(refused.error_code(), 429, "{}", refused.body);
    let retry: i64 = refused.retry_after.as_deref().expect("a Retry-After").parse().unwrap();
    assert!((3500..=3600).contains(&retry), "{what}: Retry-After {retry}");
    println!("finding 14 ({what}): {max} passed, attempt {} refused, Retry-After {retry} s", max + 1);
    refused
}

/// Ends the windows of the counters whose key is LIKE `pattern` (an hour passes).
fn an_hour_passes(pattern: &str) {
    execute_sql(&format!("UPDATE rate_limits SET window_start = window_start - 3600 WHERE key LIKE '{pattern}'"));
}

/// Finding 14: a finder's messages to a lost object's owner: 5 an hour per visitor and object.
#[test]
fn lost_reports_are_limited_per_object_and_visitor() {
    let ada = new_account("lost-limit");
    let (id_product, _, key) = play_app(&ada);
    execute_sql(&format!("UPDATE products SET is_lost = 1 WHERE id = {id_product}"));
    let ip = visitor_ip();
    let report = |ip: &str| {
        app().call_bare(
            "POST",
            &format!("/v1/plays/{key}/lost-report"),
            Auth::None,
            &[("message", "Found it on the train")],
            &[("cf-connecting-ip", ip)],
        )
    };
    refused_after(5, "lost reports", || report(&ip));
    assert!(sql_holds(&format!("(SELECT count(*) FROM lost_reports WHERE id_product = {id_product}) = 5")));
    // Input errors are named before any counting; another finder still reaches the owner.
    let empty =
        app().call_bare("POST", &format!("/v1/plays/{key}/lost-report"), Auth::None, &[], &[("cf-connecting-ip", &ip)]);
    assert_eq!(empty.error_code(), 419);
    assert_eq!(report(&visitor_ip()).status, 201);
    an_hour_passes(&format!("lost-report:{id_product}:ip:%"));
    assert_eq!(report(&ip).status, 201, "the next hour");
    assert!(sql_holds(&format!("(SELECT count(*) FROM lost_reports WHERE id_product = {id_product}) = 7")));
}

/// Finding 14: quote requests relayed to the owner's partner account: 20 an hour per visitor and plugin.
#[test]
fn quote_relays_are_limited_per_plugin_and_visitor() {
    use common::stub::{self, Stub};
    let partner = Stub::start();
    let ada = new_account("quote-limit");
    common::remember_partner_secret(stub::SENGERIO_TOKEN);
    let (_, key, id_plugin) = common::partner_play(&ada, "19", json!({ "private_token": stub::SENGERIO_TOKEN }));
    let quote = [
        ("name", "Grace"),
        ("email", "grace@senzu.test"),
        ("departure", "Paris"),
        ("destination", "Lyon"),
        ("date", "2026-12-24"),
        ("passengers", "3"),
    ];
    let path = format!("/v1/plays/{key}/plugins/{id_plugin}/quote");
    let ip = visitor_ip();
    let send =
        |ip: &str, form: &[(&str, &str)]| app().call_bare("POST", &path, Auth::None, form, &[("cf-connecting-ip", ip)]);
    refused_after(20, "quote relays", || send(&ip, &quote));
    assert_eq!(partner.received("/v1/hire/quote_requests").len(), 20, "the refused one never reached the partner");
    // The visitor's own mistake is still named (420), not counted against anyone.
    assert_eq!(send(&ip, &quote[..5]).error_code(), 420);
    assert_eq!(send(&visitor_ip(), &quote).status, 201, "another visitor");
    an_hour_passes(&format!("quote:{id_plugin}:ip:%"));
    assert_eq!(send(&ip, &quote).status, 201, "the next hour");
    assert_eq!(partner.received("/v1/hire/quote_requests").len(), 22);
}

/// Finding 14: new share links: 30 an hour per user (dashboard) and per visitor and record (key holder).
#[test]
fn share_link_creation_is_limited() {
    let ada = new_account("share-limit");
    let id_app = app().call("POST", "/v1/applications", ada.auth(), &[("name", "Shared a lot")], &[]).json()["id"]
        .as_i64()
        .unwrap();
    let create = || app().call("POST", &format!("/v1/applications/{id_app}/shares"), ada.auth(), &[], &[]);
    refused_after(30, "share links (user)", create);
    assert!(sql_holds(&format!("(SELECT count(*) FROM share_links WHERE id_application = {id_app}) = 30")));
    an_hour_passes(&format!("share-link:0:user:{}", ada.id));
    assert_eq!(create().status, 201, "the next hour");

    // A static record's key holder (no account).
    let (_, id_record, key) = play_app(&new_account("share-holder"));
    let ip = visitor_ip();
    let pass_on = |ip: &str| {
        app().call_bare(
            "POST",
            &format!("/v1/plays/{id_record}/{key}/share"),
            Auth::None,
            &[],
            &[("cf-connecting-ip", ip)],
        )
    };
    refused_after(30, "share links (key holder)", || pass_on(&ip));
    assert!(sql_holds(&format!("(SELECT count(*) FROM share_links WHERE id_record = {id_record}) = 30")));
    assert_eq!(pass_on(&visitor_ip()).status, 201, "another visitor");
}

/// Finding 14: invitation mails: 20 an hour per sender, whatever they share.
#[test]
fn invitation_mails_are_limited_per_sender() {
    let ada = new_account("invite-limit");
    let id_app =
        app().call("POST", "/v1/applications", ada.auth(), &[("name", "Invites")], &[]).json()["id"].as_i64().unwrap();
    let mut invited = Vec::new();
    let refused = refused_after(20, "invitation mails", || {
        let email = common::unique_email("invited");
        invited.push(email.clone());
        app().call(
            "POST",
            &format!("/v1/applications/{id_app}/access"),
            ada.auth(),
            &[("email", &email), ("chmod", "1")],
            &[],
        )
    });
    assert!(refused.body.contains("invitations"), "{}", refused.body);
    let outbox = app().outbox();
    let mailed = |to: &str| outbox.iter().any(|m| m["to"] == to && m["mail_type"] == "invitation");
    assert!(invited[..20].iter().all(|e| mailed(e)), "the 20 invitations were mailed");
    assert!(!mailed(&invited[20]), "the refused one was not");
    let users = app().call("GET", &format!("/v1/applications/{id_app}/users"), ada.auth(), &[], &[]).json();
    assert!(!users.to_string().contains(&invited[20]), "nor stored");
    // A group's invitation counts against the same sender.
    let group =
        app().call("POST", "/v1/groups", ada.auth(), &[("alias_name", "G")], &[]).json()["id"].as_i64().unwrap();
    let email = common::unique_email("invited");
    let by_group =
        app().call("POST", &format!("/v1/groups/{group}/users"), ada.auth(), &[("email", &email), ("chmod", "1")], &[]);
    assert_eq!(by_group.status, 429, "{}", by_group.body);
    an_hour_passes(&format!("invitation-mail:0:user:{}", ada.id));
    let email = common::unique_email("invited");
    let next = app().call(
        "POST",
        &format!("/v1/applications/{id_app}/access"),
        ada.auth(),
        &[("email", &email), ("chmod", "1")],
        &[],
    );
    assert_eq!(next.status, 201, "the next hour: {}", next.body);
}
