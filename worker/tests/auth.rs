//! Senzu Auth against a real `wrangler dev`: sign-in and its limits, the
//! consent flows (token and PKCE code), open-redirect refusals, token expiry,
//! revocation, role quotas and requested roles.

mod common;

use common::{app, demo, execute_sql, remember_secret, strong_password, unique_email, Auth};
use senzu_core::auth::pkce;
use senzu_core::plugins::encode;

fn owner() -> (String, String) {
    let d = demo();
    (d["owner"]["email"].as_str().unwrap().into(), d["owner"]["password"].as_str().unwrap().into())
}

fn demo_app() -> (i64, String, String) {
    let d = demo();
    let a = &d["app"];
    (a["id"].as_i64().unwrap(), a["redirect_url"].as_str().unwrap().into(), a["private_key"].as_str().unwrap().into())
}

fn owner_session() -> String {
    let (email, password) = owner();
    app().sign_in(&email, &password)
}

/// A new, activated account of the test's own (so limits and changes touch nobody else).
pub fn new_account() -> (String, String) {
    let email = unique_email("auth");
    let password = strong_password();
    remember_secret(&password);
    let created = app().call(
        "POST",
        "/v1/auth/signup",
        Auth::None,
        &[
            ("firstname", "Grace"),
            ("lastname", "Hopper"),
            ("email", &email),
            ("password", &password),
            ("gender", "2"),
            ("birthdate", "-2000000000"),
        ],
        &[],
    );
    assert_eq!(created.status, 201, "{}", created.body);
    let link = app().mail_link(&email, "registration");
    let activated = app().get(&format!("/v1/activate?code={}", common::code_of(&link)));
    assert_eq!(activated.status, 200, "{}", activated.body);
    (email, password)
}

#[test]
fn sign_in_sets_an_http_only_secure_lax_cookie_and_sign_out_ends_the_session() {
    let (email, password) = owner();
    let a = app().call("POST", "/v1/auth/login", Auth::None, &[("email", &email), ("password", &password)], &[]);
    assert_eq!(a.status, 200, "{}", a.body);
    let cookie = a.set_cookie.clone().unwrap();
    for part in ["HttpOnly", "Secure", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(part), "{cookie}");
    }
    assert!(!a.body.contains("senzu_session"), "the token is never in the body");
    let token = cookie.split(';').next().unwrap().strip_prefix("senzu_session=").unwrap().to_string();
    remember_secret(&token);
    assert_eq!(token.len(), 128);
    assert_eq!(app().call("GET", "/v1/user", Auth::Cookie(&token), &[], &[]).json()["email"], email.as_str());
    let out = app().call("POST", "/v1/auth/logout", Auth::Cookie(&token), &[], &[]);
    assert_eq!(out.status, 200);
    assert!(out.set_cookie.unwrap().contains("Max-Age=0"));
    assert_eq!(app().call("GET", "/v1/user", Auth::Cookie(&token), &[], &[]).status, 401);
}

#[test]
fn sign_in_failures_are_limited_per_account_and_per_ip() {
    let (email, password) = new_account();
    let ip_a = format!("10.201.{}.{}", rand::random::<u8>(), rand::random::<u8>());
    let ip = [("cf-connecting-ip", ip_a.as_str())];
    for _ in 0..5 {
        let a = app().call(
            "POST",
            "/v1/auth/login",
            Auth::None,
            &[("email", &email), ("password", "Wrong-Pass-123!")],
            &ip,
        );
        assert_eq!(a.status, 401, "{}", a.body);
    }
    // The sixth attempt is refused before the password is looked at, even the right one.
    let limited = app().call("POST", "/v1/auth/login", Auth::None, &[("email", &email), ("password", &password)], &ip);
    assert_eq!(limited.status, 429, "{}", limited.body);
    let retry: i64 = limited.retry_after.unwrap().parse().unwrap();
    assert!((1..=900).contains(&retry), "{retry}");

    // Per IP: 50 attempts on any accounts, then 429 for everyone from that IP.
    let ip_b = format!("10.202.{}.{}", rand::random::<u8>(), rand::random::<u8>());
    let ip = [("cf-connecting-ip", ip_b.as_str())];
    let mut statuses = Vec::new();
    for i in 0..51 {
        let e = format!("nobody-{i}-{}", unique_email("ip"));
        statuses
            .push(app().call("POST", "/v1/auth/login", Auth::None, &[("email", &e), ("password", "x")], &ip).status);
    }
    assert_eq!(statuses.iter().filter(|s| **s == 401).count(), 50, "{statuses:?}");
    assert_eq!(statuses[50], 429);
    let (owner_email, owner_password) = owner();
    let blocked = app().call(
        "POST",
        "/v1/auth/login",
        Auth::None,
        &[("email", &owner_email), ("password", &owner_password)],
        &ip,
    );
    assert_eq!(blocked.status, 429);
}

#[test]
fn an_unactivated_account_cannot_sign_in_and_bad_input_names_the_field() {
    let email = unique_email("inactive");
    let password = strong_password();
    remember_secret(&password);
    let form = |overrides: &[(&'static str, &str)]| {
        let mut f: Vec<(&str, String)> = vec![
            ("firstname", "Ada".into()),
            ("lastname", "King".into()),
            ("email", email.clone()),
            ("password", password.clone()),
            ("gender", "2".into()),
            ("birthdate", "-4000000000".into()),
        ];
        for (k, v) in overrides {
            f.retain(|(name, _)| name != k);
            if !v.is_empty() {
                f.push((k, v.to_string()));
            }
        }
        f
    };
    let post = |f: Vec<(&str, String)>| {
        let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
        app().call("POST", "/v1/auth/signup", Auth::None, &pairs, &[])
    };
    for (overrides, code, field) in [
        (vec![("email", "")], 419, "email"),
        (vec![("email", "not-an-email")], 420, "email"),
        (vec![("password", "short")], 420, "password"),
        (vec![("password", "alllowercase-and-long-1")], 420, "password"),
        (vec![("gender", "4")], 420, "gender"),
        (vec![("birthdate", "")], 419, "birthdate"),
        (vec![("birthdate", "tomorrow")], 420, "birthdate"),
        (vec![("firstname", "")], 419, "firstname"),
    ] {
        let a = post(form(&overrides));
        assert_eq!(a.error_code(), code, "{overrides:?}: {}", a.body);
        assert!(a.json()["error"]["message"].as_str().unwrap().contains(field), "{}", a.body);
    }
    assert_eq!(post(form(&[])).status, 201);
    // Never activated: a second sign-up replaces it (issue 11 §10); an active account is 409.
    assert_eq!(post(form(&[])).status, 201, "an unactivated account is taken over");
    let early = app().call("POST", "/v1/auth/login", Auth::None, &[("email", &email), ("password", &password)], &[]);
    assert_eq!(early.status, 403, "{}", early.body);
    assert!(early.set_cookie.is_none());
}

#[test]
fn consent_issues_a_token_for_the_granted_roles_only() {
    let session = owner_session();
    let (id_app, redirect, _) = demo_app();
    let token = app().user_token(&session, id_app, "basic", &redirect);
    assert_eq!(token.len(), 128);
    let user = app().call("GET", "/v1/user", Auth::Bearer(&token), &[], &[]);
    assert_eq!(user.status, 200, "{}", user.body);
    assert!(user.json().get("email").is_none(), "user_mail was not granted");
    assert_eq!(app().get(&format!("/v1/user?token={token}&returns=email")).error_code(), 403);
    assert_eq!(app().get(&format!("/v1/user?token={token}&returns=firstname")).json()["firstname"], "Ada");

    // A role the app only requested (not approved) cannot be asked for; nor an unknown one.
    let r = encode(&redirect);
    let asked = app().consent(&session, &format!("id_api_app={id_app}&roles=basic,providers&redirect_url={r}"), true);
    assert_eq!(asked.status, 403, "{}", asked.body);
    let unknown = app().consent(&session, &format!("id_api_app={id_app}&roles=root&redirect_url={r}"), true);
    assert_eq!(unknown.error_code(), 420);
    assert_eq!(app().consent(&session, &format!("id_api_app=999&roles=basic&redirect_url={r}"), true).status, 404);

    // Cancel goes to the registered cancel_url, with no token.
    let cancel = encode(demo()["app"]["cancel_url"].as_str().unwrap());
    let cancelled = app().consent(
        &session,
        &format!("id_api_app={id_app}&roles=basic&redirect_url={r}&cancel_url={cancel}"),
        false,
    );
    assert_eq!(cancelled.json()["redirect"], demo()["app"]["cancel_url"]);

    // Without a session the consent screen still describes the app, and asks to sign in.
    let anonymous = app().get(&format!("/v1/auth/consent?id_api_app={id_app}&roles=basic,user_mail&redirect_url={r}"));
    assert_eq!(anonymous.status, 200);
    let info = anonymous.json();
    assert_eq!(info["signed_in"], false);
    assert!(info.get("csrf").is_none());
    assert_eq!(info["roles"][1]["alias"], "user_mail");
    let fr = app().call(
        "GET",
        &format!("/v1/auth/consent?id_api_app={id_app}&roles=user_mail&redirect_url={r}"),
        Auth::None,
        &[],
        &[("accept-language", "fr")],
    );
    assert_eq!(fr.json()["roles"][0]["description"], "Voir votre adresse e-mail.");
}

#[test]
fn the_consent_post_needs_the_sessions_own_one_time_csrf_token() {
    let session = owner_session();
    let other = owner_session();
    let (id_app, redirect, _) = demo_app();
    let query = format!("id_api_app={id_app}&roles=basic&redirect_url={}", encode(&redirect));
    let csrf = app().call("GET", &format!("/v1/auth/consent?{query}"), Auth::Cookie(&session), &[], &[]).json()["csrf"]
        .as_str()
        .unwrap()
        .to_string();
    let post = |s: &str, c: &str| {
        app().call(
            "POST",
            &format!("/v1/auth/consent?{query}"),
            Auth::Cookie(s),
            &[("grant", "true"), ("csrf", c)],
            &[],
        )
    };
    assert_eq!(post(&other, &csrf).status, 403, "another session's token");
    assert_eq!(post(&session, "00").status, 403);
    assert_eq!(
        app()
            .call("POST", &format!("/v1/auth/consent?{query}"), Auth::None, &[("grant", "true"), ("csrf", &csrf)], &[])
            .status,
        401
    );
    let ok = post(&session, &csrf);
    assert_eq!(ok.status, 200, "{}", ok.body);
    remember_secret(ok.json()["redirect"].as_str().unwrap().split("token=").nth(1).unwrap());
    assert_eq!(post(&session, &csrf).status, 403, "single use");
}

#[test]
fn open_redirect_variants_are_refused_with_no_location() {
    let session = owner_session();
    let id_app = demo_app().0;
    let registered = "https://notes.senzu.test/callback";
    let variants = [
        "https://evil.test/callback",
        "https://evil.notes.senzu.test/callback",
        "https://notes.senzu.test.evil.test/callback",
        "https://notes.senzu.test/callback/../admin",
        "https://notes.senzu.test/callback/..%2F..%2Fadmin",
        "https://NOTES.senzu.test/callback",
        "https://notes.senzu.test/Callback",
        "https://notes.senzu.test/callback/",
        "https://notes.senzu.test/callback?next=https://evil.test",
        "https://notes.senzu.test/callback#frag",
        "https://notes.senzu.test:8443/callback",
        "http://notes.senzu.test/callback",
        "https://user:pass@notes.senzu.test/callback",
        "https://notes.senzu.test@evil.test/callback",
        "https%3A%2F%2Fnotes.senzu.test%2Fcallback",
        "https://notes.senzu.test/%63allback",
        "javascript:alert(document.cookie)//https://notes.senzu.test/callback",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.test/callback",
        "",
    ];
    for variant in variants {
        for as_cancel in [false, true] {
            if as_cancel && variant.is_empty() {
                continue; // an empty cancel_url is no cancel_url
            }
            let query = if as_cancel {
                format!(
                    "id_api_app={id_app}&roles=basic&redirect_url={}&cancel_url={}",
                    encode(registered),
                    encode(variant)
                )
            } else {
                format!("id_api_app={id_app}&roles=basic&redirect_url={}", encode(variant))
            };
            for (method, grant) in [("GET", None), ("POST", Some("true")), ("POST", Some("false"))] {
                let form: Vec<(&str, &str)> = grant.map(|g| vec![("grant", g), ("csrf", "0")]).unwrap_or_default();
                let a = app().call(method, &format!("/v1/auth/consent?{query}"), Auth::Cookie(&session), &form, &[]);
                assert!(
                    (400..500).contains(&a.status),
                    "{method} {variant} (cancel: {as_cancel}): {} {}",
                    a.status,
                    a.body
                );
                assert!(a.location.is_none(), "{variant}");
                assert!(!a.body.contains("\"redirect\""), "{variant}: {}", a.body);
                let field = if as_cancel { "cancel_url" } else { "redirect_url" };
                assert!(a.body.contains(field), "{variant}: {}", a.body);
            }
        }
    }
    // The registered URL itself passes, and a loopback redirect may change port only.
    assert_eq!(
        app()
            .consent(&session, &format!("id_api_app={id_app}&roles=basic&redirect_url={}", encode(registered)), false)
            .status,
        200
    );
    let loopback = app().consent(
        &session,
        &format!("id_api_app={id_app}&roles=basic&redirect_url={}", encode("http://127.0.0.1:49152/callback")),
        false,
    );
    assert_eq!(loopback.status, 200, "{}", loopback.body);
    let other_path = app().consent(
        &session,
        &format!("id_api_app={id_app}&roles=basic&redirect_url={}", encode("http://127.0.0.1:49152/other")),
        false,
    );
    assert_eq!(other_path.error_code(), 420);
}

fn code_flow(session: &str, challenge: &str, method: &str) -> common::Answer {
    let (id_app, _, _) = demo_app();
    let redirect = encode("https://notes.senzu.test/callback");
    let query = format!(
        "id_api_app={id_app}&roles=basic,user_mail&redirect_url={redirect}&response_type=code&code_challenge={challenge}&code_challenge_method={method}&state=xyz"
    );
    app().consent(session, &query, true)
}

fn exchange(code: &str, verifier: Option<&str>) -> common::Answer {
    let id_app = demo_app().0.to_string();
    let mut form = vec![
        ("grant_type", "authorization_code"),
        ("code", code),
        ("id_api_app", id_app.as_str()),
        ("redirect_url", "https://notes.senzu.test/callback"),
    ];
    if let Some(v) = verifier {
        form.push(("code_verifier", v));
    }
    app().call("POST", "/v1/auth/token", Auth::None, &form, &[])
}

#[test]
fn pkce_code_flow_is_s256_only_single_use_and_a_replay_revokes_the_token() {
    let session = owner_session();
    let verifier = format!("verifier-{}-{}-abcdefghijklmnopqrstuvwxyz", rand::random::<u64>(), rand::random::<u64>());
    let challenge = pkce::s256(&verifier);

    assert_eq!(code_flow(&session, &verifier, "plain").error_code(), 420, "plain is refused");
    assert_eq!(code_flow(&session, &challenge, "").error_code(), 419);

    let issued = code_flow(&session, &challenge, "S256");
    assert_eq!(issued.status, 200, "{}", issued.body);
    let redirect = issued.json()["redirect"].as_str().unwrap().to_string();
    assert!(redirect.starts_with("https://notes.senzu.test/callback?code="), "{redirect}");
    assert!(redirect.ends_with("&state=xyz"));
    assert!(!redirect.contains("token="), "no token in the URL in the code flow");
    let code = common::code_of(&redirect);

    assert_eq!(exchange(&code, None).error_code(), 419, "missing verifier");
    let first = exchange(&code, Some(&verifier));
    assert_eq!(first.status, 200, "{}", first.body);
    let token = first.json()["token"].as_str().unwrap().to_string();
    remember_secret(&token);
    assert_eq!(first.json()["token_type"], "Bearer");
    assert_eq!(app().call("GET", "/v1/user", Auth::Bearer(&token), &[], &[]).status, 200);

    let again = exchange(&code, Some(&verifier));
    assert_eq!(again.status, 400, "{}", again.body);
    assert_eq!(app().call("GET", "/v1/user", Auth::Bearer(&token), &[], &[]).status, 401, "the replay revoked it");

    // A wrong verifier burns the code.
    let issued = code_flow(&session, &challenge, "S256");
    let code = common::code_of(issued.json()["redirect"].as_str().unwrap());
    assert_eq!(exchange(&code, Some(&format!("{verifier}x"))).status, 400);
    assert_eq!(exchange(&code, Some(&verifier)).status, 400);

    // Expired codes are refused.
    let issued = code_flow(&session, &challenge, "S256");
    let code = common::code_of(issued.json()["redirect"].as_str().unwrap());
    let hash = senzu_core::secrets::sha256_hex(&[code.as_bytes()]);
    execute_sql(&format!("UPDATE auth_codes SET date_expired = unixepoch() - 1 WHERE code_hash = '{hash}'"));
    assert!(exchange(&code, Some(&verifier)).body.contains("expired"));
}

#[test]
fn an_expired_token_is_401_with_code_190_and_a_revoked_one_is_401() {
    let session = owner_session();
    let (id_app, redirect, _) = demo_app();
    let token = app().user_token(&session, id_app, "basic", &redirect);
    let hash = senzu_core::secrets::sha256_hex(&[token.as_bytes()]);
    execute_sql(&format!("UPDATE tokens SET date_expired = unixepoch() - 1 WHERE token_hash = '{hash}'"));
    let expired = app().call("GET", "/v1/user", Auth::Bearer(&token), &[], &[]);
    assert_eq!((expired.status, expired.error_code()), (401, 190));

    let token = app().user_token(&session, id_app, "basic", &redirect);
    let tokens = app().call("GET", "/v1/user/tokens", Auth::Cookie(&session), &[], &[]).json();
    let id = tokens["0"]["id"].as_i64().unwrap();
    assert!(!tokens.to_string().contains(&token), "tokens are listed by id, never by value");
    let revoked = app().call("DELETE", &format!("/v1/tokens/{id}"), Auth::Cookie(&session), &[], &[]);
    assert_eq!(revoked.status, 200, "{}", revoked.body);
    let after = app().call("GET", "/v1/user", Auth::Bearer(&token), &[], &[]);
    assert_eq!((after.status, after.error_code()), (401, 401));
    // Someone else cannot revoke (or see) a token that is not theirs.
    let friend =
        app().sign_in(demo()["friend"]["email"].as_str().unwrap(), demo()["friend"]["password"].as_str().unwrap());
    let own = app().user_token(&session, id_app, "basic", &redirect);
    let own_id =
        app().call("GET", "/v1/user/tokens", Auth::Cookie(&session), &[], &[]).json()["0"]["id"].as_i64().unwrap();
    assert_eq!(app().call("DELETE", &format!("/v1/tokens/{own_id}"), Auth::Cookie(&friend), &[], &[]).status, 404);
    assert_eq!(app().call("GET", &format!("/v1/sessions/{own_id}"), Auth::Cookie(&friend), &[], &[]).status, 404);
    assert_eq!(app().call("GET", "/v1/user", Auth::Bearer(&own), &[], &[]).status, 200);
}

#[test]
fn logout_revokes_and_redirects_only_to_a_registered_url() {
    let session = owner_session();
    let (id_app, redirect, _) = demo_app();
    let token = app().user_token(&session, id_app, "basic", &redirect);
    let evil = app()
        .get(&format!("/v1/logout?token={token}&id_api_app={id_app}&redirect_url={}", encode("https://evil.test/")));
    assert_eq!(evil.error_code(), 420);
    assert!(evil.location.is_none());
    assert_eq!(
        app().call("GET", "/v1/user", Auth::Bearer(&token), &[], &[]).status,
        200,
        "a refused logout changes nothing"
    );
    let target = "https://notes.senzu.test/callback";
    let out = app().get(&format!("/v1/logout?token={token}&id_api_app={id_app}&redirect_url={}", encode(target)));
    assert_eq!(out.status, 302);
    assert_eq!(out.location.as_deref(), Some(target));
    assert_eq!(app().call("GET", "/v1/user", Auth::Bearer(&token), &[], &[]).status, 401);
}

#[test]
fn parallel_calls_at_the_quota_edge_succeed_exactly_up_to_the_quota() {
    let session = owner_session();
    // An app of the test's own, with a daily quota of 10 on `basic`.
    let created = app().call(
        "POST",
        "/v1/developers/main/apps",
        Auth::Cookie(&session),
        &[
            ("display_name", "Quota probe"),
            ("redirects", "https://quota.senzu.test/cb"),
            ("roles", r#"[{"alias_role":"basic","daily_quota":10}]"#),
        ],
        &[],
    );
    assert_eq!(created.status, 201, "{}", created.body);
    let id_app = created.json()["id"].as_i64().unwrap();
    remember_secret(created.json()["private_key"].as_str().unwrap());
    let token = app().user_token(&session, id_app, "basic", "https://quota.senzu.test/cb");
    let statuses: Vec<(u16, Option<String>)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..25)
            .map(|_| {
                let token = token.clone();
                s.spawn(move || {
                    let a = app().call("GET", "/v1/user", Auth::Bearer(&token), &[], &[]);
                    (a.status, a.retry_after)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let ok = statuses.iter().filter(|(s, _)| *s == 200).count();
    let limited: Vec<_> = statuses.iter().filter(|(s, _)| *s == 429).collect();
    assert_eq!((ok, limited.len()), (10, 15), "{statuses:?}");
    assert!(limited.iter().all(|(_, retry)| retry.is_some()));
}

#[test]
fn a_role_that_is_not_available_stays_requested_until_an_admin_approves_it() {
    let session = owner_session();
    let created =
        app().call("POST", "/v1/developers/main/apps", Auth::Cookie(&session), &[("display_name", "Role probe")], &[]);
    let id_app = created.json()["id"].as_i64().unwrap();
    remember_secret(created.json()["private_key"].as_str().unwrap());
    let roles = |path: &str, form: &[(&str, &str)]| app().call("POST", path, Auth::Cookie(&session), form, &[]);
    let open = roles(&format!("/v1/apps/{id_app}/roles"), &[("alias_role", "user_phone")]).json();
    assert_eq!((open["status"].clone(), open["is_requested"].clone()), (true.into(), false.into()));
    let asked = roles(&format!("/v1/apps/{id_app}/roles"), &[("alias_role", "providers"), ("daily_quota", "100")]);
    assert_eq!(asked.status, 201, "{}", asked.body);
    let asked = asked.json();
    assert_eq!((asked["status"].clone(), asked["is_requested"].clone()), (false.into(), true.into()));
    assert_eq!(roles(&format!("/v1/apps/{id_app}/roles"), &[("alias_role", "providers")]).error_code(), 409);
    assert_eq!(roles(&format!("/v1/apps/{id_app}/roles"), &[("alias_role", "root")]).error_code(), 420);

    execute_sql(&senzu_xtask::admin::approve_role_sql(id_app, "providers").unwrap());
    let list = app().call("GET", &format!("/v1/apps/{id_app}/roles"), Auth::Cookie(&session), &[], &[]).json();
    let providers = list.as_object().unwrap().values().find(|r| r["alias_role"] == "providers").unwrap().clone();
    assert_eq!((providers["status"].clone(), providers["is_requested"].clone()), (true.into(), false.into()));
    assert_eq!(providers["daily_quota"], 100);
}
