//! Plays at the edge: every state and code, anti-replay, forged taps, and the
//! inline page.

mod common;

use common::{api_path, app, demo, execute_sql, tap_path, Auth};

fn key(name: &str) -> String {
    demo()["records"][name].as_str().unwrap_or_else(|| panic!("fixture record {name}")).to_string()
}

fn id(name: &str) -> i64 {
    demo()["records"][name].as_i64().unwrap_or_else(|| panic!("fixture record {name}"))
}

#[test]
fn static_play_lists_the_plugins_in_order_with_their_actions() {
    let answer = app().get(&format!("/v1/plays/{}", key("static")));
    assert_eq!(answer.status, 200, "{}", answer.body);
    let play = answer.json();
    assert_eq!(play["title"], "Ada Lovelace");
    assert_eq!(play["color"], "blue");
    let names: Vec<&str> = play["plugins"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names[..4], ["Call me", "Text me", "My card", "E-mail"]);
    let call = &play["plugins"][0]["action"];
    assert_eq!(call["type"], "link");
    assert_eq!(call["href"], "tel:+33612345678");
    assert_eq!(play["plugins"][2]["action"]["type"], "vcard");
    // The locked plugin shows its tile but not its content.
    let note = play["plugins"].as_array().unwrap().iter().find(|p| p["name"] == "Private note").unwrap();
    assert_eq!(note["is_locked"], true);
    assert!(note["action"].is_null());
    assert!(!answer.body.contains("blue folder"));
}

#[test]
fn every_state_answers_its_code() {
    let cases = [("disabled", 462), ("lost", 465), ("not_activated", 461), ("no_application", 464), ("locked", 460)];
    for (name, code) in cases {
        let answer = app().get(&format!("/v1/plays/{}", key(name)));
        assert_eq!(answer.status, code, "{name}: {}", answer.body);
        assert_eq!(answer.error_code(), u64::from(code), "{name}");
        // The same state on the phone page, with the same status.
        let page = app().get(&format!("/p/{}", key(name)));
        assert_eq!(page.status, code, "{name} page");
        assert!(page.body.contains(&format!("\"code\":{code}")), "{name}: page carries the error");
    }
    let lost = app().get(&format!("/v1/plays/{}", key("lost")));
    assert!(lost.json()["lost"]["message"].as_str().unwrap().contains("reward"));
}

#[test]
fn unknown_and_malformed_entries_are_clear_4xx() {
    let cases = [
        ("/v1/plays/00000000000000000000000000000000", 404),
        ("/v1/plays/short", 420),
        ("/p/%3Cscript%3E", 420),
        ("/v1/plays/2@zz:yy", 420),
        ("/v1/plays/2@EF963FF7828658A599F3041510671E88", 420),
        ("/v1/plays/999999@EF963FF7828658A599F3041510671E88:94EED9EE65337086", 404),
        ("/v1/plays/shared/00000000000000000000000000000000", 404),
        ("/v1/plays/1/plugins/x", 420),
    ];
    for (path, code) in cases {
        let answer = app().get(path);
        assert_eq!(answer.status, code, "{path}: {}", answer.body);
        assert!(answer.json()["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{path}");
    }
    // A static key of a dynamic record does not bypass the signed tap.
    let dynamic_key = senzu_xtask::demo::record_key(id("dynamic"));
    assert_eq!(app().get(&format!("/v1/plays/{dynamic_key}")).status, 403);
}

#[test]
fn passwords_unlock_applications_and_plugins() {
    let locked = key("locked");
    assert_eq!(app().get(&format!("/v1/plays/{locked}?password=wrong")).status, 460);
    let open =
        app().get(&format!("/v1/plays/{locked}?password={}", demo()["records"]["locked_password"].as_str().unwrap()));
    assert_eq!(open.status, 200, "{}", open.body);
    assert_eq!(open.json()["plugins"][0]["action"]["text"], "Welcome, friend.");

    let st = key("static");
    assert_eq!(app().get(&format!("/v1/plays/{st}/plugins/9")).status, 460);
    assert_eq!(app().get(&format!("/v1/plays/{st}/plugins/9?password=nope")).status, 460);
    let note = app().get(&format!("/v1/plays/{st}/plugins/9?password=open-note"));
    assert_eq!(note.status, 200, "{}", note.body);
    assert!(note.json()["action"]["text"].as_str().unwrap().contains("blue folder"));
    let call = app().get(&format!("/v1/plays/{st}/plugins/1"));
    assert_eq!(call.json()["plugin_exec"], "tel:+33612345678");
    assert_eq!(app().get(&format!("/v1/plays/{st}/plugins/10")).status, 404, "a plugin of another application");
}

#[test]
fn share_links_open_and_expire() {
    let shared = app().get(&format!("/v1/plays/shared/{}", key("shared")));
    assert_eq!(shared.status, 200, "{}", shared.body);
    assert_eq!(shared.json()["title"], "Ada Lovelace");
    assert_eq!(app().get(&format!("/s/{}", key("shared"))).status, 200);
    assert_eq!(app().get(&format!("/v1/plays/shared/{}", key("shared_expired"))).status, 463);
}

/// All dynamic-record scenarios in one test: they share the records' counters.
#[test]
fn dynamic_taps_are_verified_and_never_replay() {
    let aes = id("dynamic");
    // A first tap, then reloads of the same URL: one visit.
    let first = tap_path(aes, 10);
    let opened = app().get(&first);
    assert_eq!(opened.status, 200);
    // The browser that opened it keeps the visit (an HttpOnly pass cookie)…
    let pass = opened.cookie();
    assert!(opened.set_cookie.as_deref().unwrap().contains("HttpOnly"), "{:?}", opened.set_cookie);
    let same_browser = |path: &str| app().get_with(path, &[("cookie", &pass)]).status;
    assert_eq!(same_browser(&api_path(&first)), 200, "reload inside the window");
    assert_eq!(same_browser(&format!("{}/plugins/1", api_path(&first))), 200, "plugin open inside the window");
    // …and the same URL copied to another browser is refused.
    assert_eq!(app().get(&api_path(&first)).error_code(), 463, "a copied URL on another device");
    // A copied older URL (lower counter) is refused.
    assert_eq!(app().get(&api_path(&tap_path(aes, 9))).error_code(), 463);
    // A fresh tap with a higher counter works; the previous URL is now older.
    assert_eq!(app().get(&api_path(&tap_path(aes, 11))).status, 200);
    assert_eq!(app().get(&api_path(&first)).status, 463);

    // After the 10-minute window the same URL has expired.
    let later = tap_path(aes, 12);
    let opened = app().get(&api_path(&later));
    assert_eq!(opened.status, 200);
    let pass = opened.cookie();
    execute_sql(&format!("UPDATE records SET window_start = window_start - 601 WHERE id = {aes}"));
    assert_eq!(app().get_with(&api_path(&later), &[("cookie", &pass)]).error_code(), 463, "even its own browser");

    // 50 browsers race for one new counter: exactly one gets the visit, and it keeps it.
    let burst = api_path(&tap_path(aes, 13));
    let handles: Vec<_> = (0..50)
        .map(|_| {
            let path = burst.clone();
            std::thread::spawn(move || {
                let a = app().get(&path);
                (a.status, a.set_cookie.map(|c| c.split(';').next().unwrap_or_default().to_string()))
            })
        })
        .collect();
    let answers: Vec<(u16, Option<String>)> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let winners: Vec<&String> = answers.iter().filter(|a| a.0 == 200).filter_map(|a| a.1.as_ref()).collect();
    assert_eq!(winners.len(), 1, "{:?}", answers.iter().map(|a| a.0).collect::<Vec<_>>());
    assert_eq!(answers.iter().filter(|a| a.0 == 463).count(), 49);
    assert_eq!(app().get_with(&burst, &[("cookie", winners[0])]).status, 200, "the winner reloads");
    assert_eq!(app().get(&api_path(&tap_path(aes, 12))).status, 463, "the burst advanced the counter once, to 13");

    // LRP records work the same way, with sealed explicit keys.
    let lrp = id("dynamic_lrp");
    assert_eq!(app().get(&api_path(&tap_path(lrp, 5))).status, 200);
    assert_eq!(app().get(&api_path(&tap_path(lrp, 4))).status, 463);
    assert_eq!(app().get(&tap_path(lrp, 6)).status, 200, "the phone page");
}

#[test]
fn forged_dynamic_urls_are_never_accepted() {
    use rand::Rng;
    let mut rng = rand::rng();
    let aes = id("dynamic");
    let mut paths: Vec<String> = (0..1000)
        .map(|i| {
            let picc_len = if i % 2 == 0 { 16 } else { 24 };
            let picc: Vec<u8> = (0..picc_len).map(|_| rng.random()).collect();
            let cmac: [u8; 8] = rng.random();
            let record = if i % 4 == 1 { id("dynamic_lrp") } else { aes };
            format!("/v1/plays/{record}@{}:{}", to_hex(&picc), to_hex(&cmac))
        })
        .collect();
    // A real tap with its MAC changed is refused with the documented message.
    let real = api_path(&tap_path(aes, 1_000_000));
    let forged_mac = format!("{}{}", &real[..real.len() - 1], if real.ends_with('0') { '1' } else { '0' });
    let answer = app().get(&forged_mac);
    assert_eq!(answer.status, 403);
    assert_eq!(answer.json()["error"]["message"], "invalid tag signature");
    paths.push(forged_mac);

    let chunks: Vec<Vec<String>> = paths.chunks(125).map(<[String]>::to_vec).collect();
    let accepted: usize = chunks
        .into_iter()
        .map(|chunk| std::thread::spawn(move || chunk.iter().filter(|p| app().get(p).status == 200).count()))
        .map(|h| h.join().unwrap())
        .sum();
    assert_eq!(accepted, 0, "forged URLs accepted");
}

#[test]
fn the_phone_page_carries_the_play_inline_with_a_csp() {
    let path = format!("/p/{}", key("static"));
    let page = app().get(&path);
    assert_eq!(page.status, 200);
    assert!(page.content_type.starts_with("text/html"));
    assert!(page.body.contains(r#"<script id="senzu-play" type="application/json">"#));
    // The play bundle's shell: a phone never downloads the dashboard.
    assert!(page.body.contains("senzu-play"), "the play bundle's shell");
    assert!(!page.body.contains("senzu-app"), "the full app's bundle on a phone page");
    // The tab and a shared link's preview name the application.
    assert!(page.body.contains("<title>Ada Lovelace</title>"), "the play's title");
    assert!(page.body.contains(r#"<meta property="og:title" content="Ada Lovelace">"#));
    assert!(page.body.contains(r#"<meta property="og:description" content="Mathematician &amp; writer">"#));
    // A server-rendered first paint: the tiles paint (and link tiles work) before the wasm loads.
    assert!(page.body.contains(r#"<body><div id="senzu-first-paint">"#), "first paint");
    assert!(page.body.contains(r#"<a class="tile" href="tel:+33612345678">"#));
    let csp = app().header(&path, "content-security-policy").expect("a CSP header");
    assert!(
        csp.contains("default-src 'self'")
            && csp.contains("'wasm-unsafe-eval'")
            && !csp.contains("'unsafe-inline' 'self'")
    );
    assert!(!csp.contains("script-src 'self' 'unsafe-inline'"));

    // Owner text cannot close the element.
    let probe = app().get(&format!("/p/{}", key("escaping")));
    assert_eq!(probe.status, 200);
    assert!(!probe.body.contains("<script>alert(1)</script>"), "raw owner text in the page");
    assert!(probe.body.contains(r"\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e"));
    assert!(probe.body.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"), "escaped in the first paint");
}

#[test]
fn language_follows_accept_language() {
    let path = format!("/p/{}", key("static"));
    let fr = app().get_with(&path, &[("accept-language", "fr-FR,fr;q=0.9,en;q=0.8")]);
    assert!(fr.body.contains(r#""lang":"fr""#));
    let en = app().get_with(&path, &[("accept-language", "de-DE,en;q=0.5")]);
    assert!(en.body.contains(r#""lang":"en""#));
}

#[test]
fn lost_reports_reach_the_owner_only_for_lost_products() {
    let lost = key("lost");
    let sent = app().post_form(
        &format!("/v1/plays/{lost}/lost-report"),
        &[("message", "Found it at the station"), ("contact", "+33 6 00 00 00 00")],
    );
    assert_eq!(sent.status, 201, "{}", sent.body);
    assert_eq!(app().post_form(&format!("/v1/plays/{lost}/lost-report"), &[("contact", "x")]).error_code(), 419);
    let not_lost = app().post_form(&format!("/v1/plays/{}/lost-report", key("static")), &[("message", "hi")]);
    assert_eq!(not_lost.status, 400);

    // Delivered: a mail to the owner (whose address the finder never sees) ...
    let d = demo();
    let owner_email = d["owner"]["email"].as_str().unwrap();
    assert!(!sent.body.contains(owner_email), "the finder saw the owner's address");
    let mail = app()
        .outbox()
        .into_iter()
        .find(|m| m["to"] == owner_email && m["mail_type"] == "finder_message")
        .expect("a mail to the owner");
    let html = mail["html"].as_str().unwrap();
    assert!(html.contains("Found it at the station") && html.contains("+33 6 00 00 00 00"), "{html}");
    assert!(html.contains("/dashboard/products/2"), "a link to the product's page: {html}");
    // ... and on the product's page, unread until the owner marks it read.
    let owner = app().sign_in(owner_email, d["owner"]["password"].as_str().unwrap());
    let list = app().call("GET", "/v1/products/2/finder-messages?status=false", Auth::Cookie(&owner), &[], &[]);
    assert_eq!(list.status, 200, "{}", list.body);
    let first = list.json()["0"].clone();
    assert_eq!(first["message"], "Found it at the station");
    assert_eq!(first["contact"], "+33 6 00 00 00 00");
    assert_eq!(first["is_read"], false);
    let id = first["id"].as_i64().unwrap();
    let path = format!("/v1/products/2/finder-messages/{id}");
    let read = app().call("POST", &path, Auth::Cookie(&owner), &[("is_read", "true")], &[]);
    assert_eq!(read.status, 200, "{}", read.body);
    assert_eq!(read.json()["is_read"], true);
    let unread = app().call("GET", "/v1/products/2/finder-messages?status=false", Auth::Cookie(&owner), &[], &[]);
    assert!(unread.json().as_object().unwrap().values().all(|m| m["id"] != id));
    // Nobody else reads them: not the finder, not another account, not through another product.
    assert_eq!(app().get("/v1/products/2/finder-messages").status, 401);
    let friend = app().sign_in(d["friend"]["email"].as_str().unwrap(), d["friend"]["password"].as_str().unwrap());
    let theirs = app().call("GET", "/v1/products/2/finder-messages", Auth::Cookie(&friend), &[], &[]);
    assert_eq!(theirs.status, 404, "{}", theirs.body);
    let elsewhere = app().call(
        "POST",
        &format!("/v1/products/1/finder-messages/{id}"),
        Auth::Cookie(&owner),
        &[("is_read", "false")],
        &[],
    );
    assert_eq!(elsewhere.status, 404, "{}", elsewhere.body);
    assert_eq!(app().call("POST", &path, Auth::Cookie(&owner), &[("is_read", "maybe")], &[]).error_code(), 420);
}

#[test]
fn plugstore_lists_the_first_party_plugins_with_forms() {
    let d = demo();
    let session = app().sign_in(d["owner"]["email"].as_str().unwrap(), d["owner"]["password"].as_str().unwrap());
    let get =
        |path: &str, lang: &str| app().call("GET", path, Auth::Cookie(&session), &[], &[("accept-language", lang)]);
    // The plugstore needs the `plugstore` role: no token is 401.
    assert_eq!(app().get("/v1/plugstores").status, 401);
    let list = get("/v1/plugstores", "en").json();
    let names: Vec<&str> = list.as_object().unwrap().values().map(|v| v["name"].as_str().unwrap()).collect();
    for kind in [
        "phone",
        "sms",
        "email",
        "vcard",
        "website",
        "linkedin",
        "telegram",
        "whatsapp",
        "instagram",
        "facebook",
        "x",
        "youtube",
        "tiktok",
        "address",
        "wifi",
        "text",
    ] {
        assert!(names.contains(&kind), "{kind}");
    }
    let entry = get("/v1/plugstores/1", "en").json();
    assert_eq!(entry["name"], "phone");
    assert!(entry["icon"]["svg_path"].as_str().is_some_and(|p| p.starts_with('M')));
    let form = get("/v1/plugstores/3/form", "fr").json();
    assert_eq!(form["fields"][0]["attributes"]["name"], "email");
    assert_eq!(form["fields"][0]["label"], "Adresse mail");
    assert_eq!(get("/v1/plugstores/99/form", "en").status, 404);
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}
