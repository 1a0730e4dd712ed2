//! Issue 11, the account findings (4, 5, 6, 7, 10): each test performs the
//! attack against a real `wrangler dev`, asserts that it now fails, and that
//! nothing it aimed at changed. (Finding 8, the open redirect after sign-in,
//! is a rule of the SPA: core's `auth::next` unit tests and e2e/auth.spec.mjs.)

mod common;

use common::{
    app, code_of, demo, execute_sql, new_account, new_product, remember_secret, strong_password, unique_email,
};
use common::{Account, Answer, Auth};
use senzu_core::secrets::sha256_hex;
use serde_json::Value;

fn random_ip(prefix: u8) -> String {
    format!("10.{prefix}.{}.{}", rand::random::<u8>(), rand::random::<u8>())
}

fn login(email: &str, password: &str, ip: &str) -> Answer {
    app().call(
        "POST",
        "/v1/auth/login",
        Auth::None,
        &[("email", email), ("password", password)],
        &[("cf-connecting-ip", ip)],
    )
}

fn retry_after(a: &Answer) -> i64 {
    a.retry_after
        .as_deref()
        .unwrap_or_else(|| panic!("no Retry-After: {}", a.body))
        .parse()
        .expect("Retry-After seconds")
}

fn me(who: Auth) -> Value {
    let a = app().call("GET", "/v1/user?returns=id,email", who, &[], &[]);
    assert_eq!(a.status, 200, "{}", a.body);
    a.json()
}

/// A product paired by `who` whose NFC record shows a new application made with `form`.
fn object_with_app(who: &Account, form: &[(&str, &str)]) -> (i64, i64, String) {
    let created = app().call("POST", "/v1/applications", who.auth(), form, &[]);
    assert_eq!(created.status, 201, "{}", created.body);
    let id_app = created.json()["id"].as_i64().unwrap();
    let (id_product, _, key) = common::paired_showing(who, id_app);
    (id_product, id_app, key)
}

fn users_of(owner: &Account, id_product: i64) -> Vec<Value> {
    let a = app().call("GET", &format!("/v1/products/{id_product}/users"), owner.auth(), &[], &[]);
    assert_eq!(a.status, 200, "{}", a.body);
    a.json().as_object().unwrap().values().cloned().collect()
}

fn invitation_to<'a>(users: &'a [Value], email: &str) -> Option<&'a Value> {
    users.iter().find(|u| u["user"]["email"] == email && u["is_enabled"] == false)
}

/// §4: taking an address one does not receive (an unconfirmed change of
/// e-mail, or a sign-up never activated) collected the invitations waiting
/// for it. Now the change waits for a link sent to the new address, an
/// invitation by address matches only a proven address, and the owner can
/// withdraw a pending invitation by its id.
#[test]
fn finding_04_an_unverified_address_collects_no_invitation_and_owners_revoke_pending_ones() {
    let owner = new_account("f4-owner");
    let (id_product, id_record, key) = new_product();
    let paired = app().call("POST", &format!("/v1/products/pair/{id_record}/{key}"), owner.auth(), &[], &[]);
    assert_eq!(paired.status, 200, "{}", paired.body);
    let victim = unique_email("f4-victim");
    let invite = |email: &str| {
        app().call(
            "POST",
            &format!("/v1/products/{id_product}/access"),
            owner.auth(),
            &[("email", email), ("chmod", "3")],
            &[],
        )
    };
    assert_eq!(invite(&victim).status, 201);

    // The attack: the attacker "changes" their address to the victim's.
    let attacker = new_account("f4-attacker");
    let asked = app().call("POST", "/v1/procedures/users/change-email", attacker.auth(), &[], &[]);
    assert_eq!(asked.status, 200, "{}", asked.body);
    let first = code_of(&app().mail_link(&attacker.email, "change_email"));
    let moved = app().call("POST", "/v1/change-email", Auth::None, &[("code", &first), ("email", &victim)], &[]);
    assert_eq!(moved.status, 200, "{}", moved.body);
    assert_eq!(moved.json()["status"], "confirmation mail sent to the new address");
    // The confirmation went to the victim's mailbox, not to the attacker's.
    let confirm = app().mail_link(&victim, "change_email");
    assert!(confirm.contains("/account/change-email?code="), "{confirm}");
    assert_eq!(me(attacker.auth())["email"], attacker.email.as_str(), "nothing changed before the confirmation");
    // The first link is spent: it cannot be replayed to skip the second one.
    let replay = app().call("POST", "/v1/change-email", Auth::None, &[("code", &first), ("email", &victim)], &[]);
    assert_eq!(replay.error_code(), 420);
    // A second link must name the address it confirms, if it names one.
    let other = unique_email("f4-other");
    let swapped =
        app().call("POST", "/v1/change-email", Auth::None, &[("code", &code_of(&confirm)), ("email", &other)], &[]);
    assert_eq!(swapped.error_code(), 420, "{}", swapped.body);

    let pending = app().call("GET", "/v1/products/pending", attacker.auth(), &[], &[]).json();
    assert!(pending["0"].is_null(), "the attacker sees no invitation: {pending}");
    let invitation = invitation_to(&users_of(&owner, id_product), &victim).cloned().expect("still pending");
    let id_invitation = invitation["id"].as_i64().unwrap();
    let taken = app().call(
        "POST",
        &format!("/v1/products/pending/{id_invitation}"),
        attacker.auth(),
        &[("grant", "true")],
        &[],
    );
    assert_eq!(taken.status, 404, "{}", taken.body);
    assert_eq!(app().call("GET", &format!("/v1/products/{id_product}"), attacker.auth(), &[], &[]).status, 404);

    // A sign-up that is never activated does not collect an invitation either.
    let squatted = unique_email("f4-squatted");
    let password = strong_password();
    remember_secret(&password);
    let signed_up = app().call(
        "POST",
        "/v1/auth/signup",
        Auth::None,
        &[
            ("firstname", "Mallory"),
            ("lastname", "Squatter"),
            ("email", &squatted),
            ("password", &password),
            ("gender", "3"),
            ("birthdate", "846146133"),
        ],
        &[],
    );
    assert_eq!(signed_up.status, 201, "{}", signed_up.body);
    assert_eq!(invite(&squatted).status, 201);
    let by_address = invitation_to(&users_of(&owner, id_product), &squatted).cloned().expect("pending");
    assert!(by_address["user"]["id"].is_null(), "kept by address, not bound to the unproven account: {by_address}");

    // Nothing the attack aimed at moved: the victim's invitation waits, by address, unaccepted.
    let still = invitation_to(&users_of(&owner, id_product), &victim).cloned().expect("still pending");
    assert_eq!(still["id"], id_invitation);
    assert!(still["user"]["id"].is_null());
    assert_eq!(still["chmod"], 3);

    // The owner withdraws it by its id; nobody else can.
    let path = format!("/v1/products/{id_product}/invitations/{id_invitation}");
    assert_eq!(app().call("DELETE", &path, attacker.auth(), &[], &[]).status, 404);
    let revoked = app().call("DELETE", &path, owner.auth(), &[], &[]);
    assert_eq!(revoked.status, 200, "{}", revoked.body);
    assert_eq!(revoked.json()["revoked"], true);
    assert!(invitation_to(&users_of(&owner, id_product), &victim).is_none());
    assert_eq!(app().call("DELETE", &path, owner.auth(), &[], &[]).status, 404, "gone");
    // An accepted access is not an invitation: the owner's own row cannot be withdrawn this way.
    let own_row = users_of(&owner, id_product).into_iter().find(|u| u["user"]["id"] == owner.id).unwrap();
    let own = app().call(
        "DELETE",
        &format!("/v1/products/{id_product}/invitations/{}", own_row["id"]),
        owner.auth(),
        &[],
        &[],
    );
    assert_eq!(own.status, 404, "{}", own.body);

    // The honest path: an address proven from its own mailbox gets its invitation.
    let honest = new_account("f4-honest");
    let proven = unique_email("f4-proven");
    assert_eq!(invite(&proven).status, 201);
    app().call("POST", "/v1/procedures/users/change-email", honest.auth(), &[], &[]);
    let code = code_of(&app().mail_link(&honest.email, "change_email"));
    let step = app().call("POST", "/v1/change-email", Auth::None, &[("code", &code), ("email", &proven)], &[]);
    assert_eq!(step.status, 200, "{}", step.body);
    let link = app().mail_link(&proven, "change_email");
    assert!(link.contains("email="), "the second link names the new address: {link}");
    let done = app().call("POST", "/v1/change-email", Auth::None, &[("code", &code_of(&link))], &[]);
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(me(honest.auth())["email"], proven.as_str());
    let pending = app().call("GET", "/v1/products/pending", honest.auth(), &[], &[]).json();
    assert_eq!(pending["0"]["product"]["id"], id_product, "{pending}");
}

/// §5: a third-party token with only `basic` listed the user's other tokens,
/// read the dashboard session's recent calls and could revoke it. Now it
/// reaches its own app's tokens only; reading others needs user_logs, ending
/// them the dashboard.
#[test]
fn finding_05_a_basic_token_reaches_only_its_own_apps_tokens() {
    let user = new_account("f5");
    let d = demo();
    let id_app = d["app"]["id"].as_i64().unwrap();
    let redirect = d["app"]["redirect_url"].as_str().unwrap();
    let basic = app().user_token(&user.session, id_app, "basic", redirect);
    let sibling = app().user_token(&user.session, id_app, "basic", redirect);
    let logs = app().user_token(&user.session, id_app, "basic,user_logs", redirect);
    // The dashboard's view: every token, the session marked current.
    let all = app().call("GET", "/v1/user/tokens", user.auth(), &[], &[]).json();
    let all: Vec<Value> = all.as_object().unwrap().values().cloned().collect();
    assert_eq!(all.len(), 4, "{all:?}");
    let session_id = all.iter().find(|t| t["is_current"] == true).unwrap()["id"].as_i64().unwrap();
    let ids_of_app: Vec<i64> =
        all.iter().filter(|t| t["id_api_app"] == id_app).map(|t| t["id"].as_i64().unwrap()).collect();
    assert_eq!(ids_of_app.len(), 3);
    // The dashboard made a few calls with its session: those are what the attack read.
    me(user.auth());

    let listed = app().call("GET", "/v1/user/tokens", Auth::Bearer(&basic), &[], &[]).json();
    let listed: Vec<i64> = listed.as_object().unwrap().values().map(|t| t["id"].as_i64().unwrap()).collect();
    assert!(!listed.contains(&session_id), "the session is not listed: {listed:?}");
    assert_eq!(listed.len(), 3, "its own app's tokens: {listed:?}");

    let read = app().call("GET", &format!("/v1/sessions/{session_id}"), Auth::Bearer(&basic), &[], &[]);
    assert_eq!(read.status, 403, "{}", read.body);
    assert!(read.json().get("logs").is_none() && !read.body.contains("\"route\""), "no calls leak: {}", read.body);
    for path in [format!("/v1/sessions/{session_id}"), format!("/v1/tokens/{session_id}")] {
        let ended = app().call("DELETE", &path, Auth::Bearer(&basic), &[], &[]);
        assert_eq!(ended.status, 403, "{path}: {}", ended.body);
        let ended = app().call("DELETE", &path, Auth::Bearer(&logs), &[], &[]);
        assert_eq!(ended.status, 403, "user_logs reads, it does not revoke: {path}: {}", ended.body);
    }
    // Nothing changed: the session still works.
    assert_eq!(me(user.auth())["id"], user.id);

    // user_logs (the documented role) reads the session and its calls.
    let seen = app().call("GET", &format!("/v1/sessions/{session_id}"), Auth::Bearer(&logs), &[], &[]);
    assert_eq!(seen.status, 200, "{}", seen.body);
    assert!(seen.json()["logs"][0]["route"].is_string(), "{}", seen.body);
    let listed = app().call("GET", "/v1/user/tokens", Auth::Bearer(&logs), &[], &[]).json();
    assert_eq!(listed.as_object().unwrap().len(), 4);

    // Its own app's tokens: seen and ended (made in this order: basic, sibling, logs).
    let mut ids = ids_of_app.clone();
    ids.sort_unstable();
    let (sibling_id, logs_id) = (ids[1], ids[2]);
    assert_eq!(app().call("GET", &format!("/v1/sessions/{sibling_id}"), Auth::Bearer(&basic), &[], &[]).status, 200);
    let ended = app().call("DELETE", &format!("/v1/tokens/{sibling_id}"), Auth::Bearer(&basic), &[], &[]);
    assert_eq!(ended.status, 200, "{}", ended.body);
    assert_eq!(app().call("GET", "/v1/user", Auth::Bearer(&sibling), &[], &[]).status, 401);

    // Another user's token: not even its existence.
    let friend = new_account("f5-friend");
    assert_eq!(app().call("GET", &format!("/v1/sessions/{session_id}"), friend.auth(), &[], &[]).status, 404);
    // The dashboard ends any of its user's tokens.
    let ended = app().call("DELETE", &format!("/v1/tokens/{logs_id}"), user.auth(), &[], &[]);
    assert_eq!(ended.status, 200, "{}", ended.body);
    assert_eq!(app().call("GET", "/v1/user", Auth::Bearer(&logs), &[], &[]).status, 401);
}

/// §6: a lock password (application, plugin) could be guessed without limit,
/// each guess a PBKDF2 in the worker. Now 10 guesses per lock and 30 per IP
/// per window, then 429 with Retry-After, before any hash is derived; the
/// right password gives its attempt back.
#[test]
fn finding_06_lock_passwords_are_limited_per_lock_and_per_ip() {
    let owner = new_account("f6");
    let (_, id_app, key) = object_with_app(&owner, &[("name", "Vault"), ("password", "right-one")]);
    let play = |password: &str, ip: &str| {
        app().get_with(&format!("/v1/plays/{key}?password={password}"), &[("cf-connecting-ip", ip)])
    };
    let attacker = random_ip(61);
    for i in 0..9 {
        assert_eq!(play(&format!("guess-{i}"), &attacker).error_code(), 460);
    }
    // The right password opens and gives its attempt back …
    assert_eq!(play("right-one", &random_ip(62)).status, 200);
    // … so the lock takes one more guess, and then none, from anywhere.
    assert_eq!(play("guess-9", &attacker).error_code(), 460);
    let limited = play("guess-10", &attacker);
    assert_eq!(limited.status, 429, "{}", limited.body);
    assert!((1..=900).contains(&retry_after(&limited)), "{:?}", limited.retry_after);
    let elsewhere = play("right-one", &random_ip(63));
    assert_eq!(elsewhere.status, 429, "the limit is per lock: {}", elsewhere.body);
    // Nothing changed: once the window has passed, the right password opens it.
    execute_sql(&format!(
        "UPDATE login_failures SET window_start = window_start - 1000 WHERE key = 'lock:application:{id_app}'"
    ));
    assert_eq!(play("right-one", &random_ip(64)).status, 200);

    // A plugin's lock is limited the same way.
    let plugin = app().call(
        "POST",
        &format!("/v1/applications/{id_app}/plugins"),
        owner.auth(),
        &[("id_plugstore", "16"), ("data", r#"{"text":"secret note"}"#), ("password", "note-pass")],
        &[],
    );
    assert_eq!(plugin.status, 201, "{}", plugin.body);
    let id_plugin = plugin.json()["id"].as_i64().unwrap();
    let plugin_play = |password: &str, ip: &str| {
        // The application lock is gone for this part: only the plugin's lock is guessed.
        app().get_with(&format!("/v1/plays/{key}/plugins/{id_plugin}?password={password}"), &[("cf-connecting-ip", ip)])
    };
    let unlocked =
        app().call("POST", &format!("/v1/applications/{id_app}"), owner.auth(), &[("is_locked", "false")], &[]);
    assert_eq!(unlocked.status, 200, "{}", unlocked.body);
    let ip = random_ip(65);
    for i in 0..10 {
        assert_eq!(plugin_play(&format!("nope-{i}"), &ip).error_code(), 460);
    }
    let limited = plugin_play("note-pass", &random_ip(66));
    assert_eq!(limited.status, 429, "{}", limited.body);
    assert!(limited.retry_after.is_some());

    // Per IP: 30 guesses on any locks, then 429 on a lock it never tried.
    let prober = random_ip(67);
    let mut statuses = Vec::new();
    for n in 0..4 {
        let (_, _, k) = object_with_app(&owner, &[("name", "Probe"), ("password", &format!("pass-{n}"))]);
        let tries = if n < 3 { 10 } else { 1 };
        for i in 0..tries {
            statuses
                .push(app().get_with(&format!("/v1/plays/{k}?password=x{i}"), &[("cf-connecting-ip", &prober)]).status);
        }
    }
    assert_eq!(statuses.iter().filter(|s| **s == 460).count(), 30, "{statuses:?}");
    assert_eq!(statuses[30], 429, "{statuses:?}");
}

/// §7: five bad sign-ins from anywhere locked the account for everyone, the
/// owner with the right password included. Now the count is per (account,
/// IP) with doubling windows, plus a broader per-IP count: the attacker is
/// slowed, the owner on their own IP signs in at once.
#[test]
fn finding_07_an_attacker_elsewhere_cannot_lock_the_owner_out() {
    let email = unique_email("f7");
    let password = strong_password();
    remember_secret(&password);
    assert_eq!(sign_up(&email, &password, "Owner").status, 201);
    let activated = app().get(&format!("/v1/activate?code={}", code_of(&app().mail_link(&email, "registration"))));
    assert_eq!(activated.status, 200, "{}", activated.body);
    let attacker = random_ip(71);
    let mut statuses = Vec::new();
    let mut last = None;
    for i in 0..10 {
        let a = login(&email, &format!("Wrong-Pass-{i}!x"), &attacker);
        statuses.push(a.status);
        last = Some(a);
    }
    assert_eq!(statuses[..5], [401; 5], "{statuses:?}");
    assert_eq!(statuses[5..], [429; 5], "{statuses:?}");
    let last = last.unwrap();
    assert!((1..=900).contains(&retry_after(&last)), "{:?}", last.retry_after);
    // Even the right password from the attacker's IP waits.
    assert_eq!(login(&email, &password, &attacker).status, 429);

    // The owner, from their own IP, signs in at once.
    let owner_ip = random_ip(72);
    let ok = login(&email, &password, &owner_ip);
    assert_eq!(ok.status, 200, "{}", ok.body);

    // Backoff: after the window, 5 more guesses, then a window twice as long.
    let pair = sha256_hex(&[b"senzu/limits/address", email.as_bytes()])[..32].to_string();
    execute_sql(&format!("UPDATE login_failures SET window_start = window_start - 901 WHERE key LIKE 'pair:{pair}:%'"));
    for i in 0..5 {
        assert_eq!(login(&email, &format!("Again-Wrong-{i}!x"), &attacker).status, 401);
    }
    let slower = login(&email, &password, &attacker);
    assert_eq!(slower.status, 429);
    assert!((901..=1800).contains(&retry_after(&slower)), "{:?}", slower.retry_after);
    // And the owner is still not locked out.
    assert_eq!(login(&email, &password, &owner_ip).status, 200);
}

fn sign_up(email: &str, password: &str, firstname: &str) -> Answer {
    app().call(
        "POST",
        "/v1/auth/signup",
        Auth::None,
        &[
            ("firstname", firstname),
            ("lastname", "Tester"),
            ("email", email),
            ("password", password),
            ("gender", "3"),
            ("birthdate", "846146133"),
        ],
        &[],
    )
}

fn forgot(email: &str, ip: &str) -> Answer {
    app().call("POST", "/v1/auth/forgot-password", Auth::None, &[("email", email)], &[("cf-connecting-ip", ip)])
}

/// §10: an inactive account (signed up by someone who never received the
/// activation mail) blocked the address's owner with 409, and without a token
/// nobody could ask for a new password. Now a new sign-up takes over a
/// never-activated account, and `POST /v1/auth/forgot-password` mails a reset
/// link with one answer for every address, rate limited.
#[test]
fn finding_10_a_squatted_sign_up_is_taken_over_and_anyone_can_reset_a_password() {
    let email = unique_email("f10");
    let squatter_password = strong_password();
    let owner_password = strong_password();
    remember_secret(&squatter_password);
    remember_secret(&owner_password);
    assert_eq!(sign_up(&email, &squatter_password, "Mallory").status, 201);
    let squatter_code = code_of(&app().mail_link(&email, "registration"));

    let taken_over = sign_up(&email, &owner_password, "Alice");
    assert_eq!(taken_over.status, 201, "the owner is not refused: {}", taken_over.body);
    let owner_code = code_of(&app().mail_link(&email, "registration"));
    assert_ne!(owner_code, squatter_code);
    let old = app().get(&format!("/v1/activate?code={squatter_code}"));
    assert_eq!(old.error_code(), 420, "the squatter's link is dead: {}", old.body);
    assert_eq!(app().get(&format!("/v1/activate?code={owner_code}")).status, 200);
    assert_eq!(login(&email, &squatter_password, &random_ip(101)).status, 401);
    let session = app().sign_in(&email, &owner_password);
    assert_eq!(me(Auth::Cookie(&session))["email"], email.as_str());
    // An activated account is not replaced.
    assert_eq!(sign_up(&email, &squatter_password, "Mallory").error_code(), 409);
    assert_eq!(login(&email, &owner_password, &random_ip(102)).status, 200);

    // Forgot password: the same answer for an account and for nobody.
    let ip = random_ip(103);
    let known = forgot(&email, &ip);
    let nobody = unique_email("f10-nobody");
    let unknown = forgot(&nobody, &ip);
    assert_eq!((known.status, unknown.status), (200, 200), "{} / {}", known.body, unknown.body);
    assert_eq!(known.body, unknown.body);
    assert!(app().outbox().iter().all(|m| m["to"] != nobody.as_str()), "no mail to an unknown address");
    let link = app().mail_link(&email, "reset_password");
    assert!(link.contains("/account/reset-password?code="), "{link}");
    let new_password = strong_password();
    remember_secret(&new_password);
    let reset = app().call(
        "POST",
        "/v1/reset-password",
        Auth::None,
        &[("code", &code_of(&link)), ("password", &new_password)],
        &[],
    );
    assert_eq!(reset.status, 200, "{}", reset.body);
    assert_eq!(app().call("GET", "/v1/user", Auth::Cookie(&session), &[], &[]).status, 401, "old sessions end");
    assert_eq!(login(&email, &new_password, &random_ip(104)).status, 200);

    // Rate limited per address (3 an hour), the same for an unknown one.
    for _ in 0..2 {
        assert_eq!(forgot(&nobody, &random_ip(105)).status, 200);
    }
    let limited = forgot(&nobody, &random_ip(106));
    assert_eq!(limited.status, 429, "{}", limited.body);
    assert!(retry_after(&limited) > 0);
    // And per IP (10 an hour, whatever the addresses).
    let ip = random_ip(107);
    let statuses: Vec<u16> = (0..11).map(|_| forgot(&unique_email("f10-many"), &ip).status).collect();
    assert_eq!(statuses[..10], [200; 10], "{statuses:?}");
    assert_eq!(statuses[10], 429);
    assert_eq!(forgot("not an address", &random_ip(108)).error_code(), 420);
}

fn resend(email: &str, ip: &str) -> Answer {
    app().call("POST", "/v1/auth/activation-mail", Auth::None, &[("email", email)], &[("cf-connecting-ip", ip)])
}

/// Issue 15: someone who lost their activation mail asks for it again from the
/// sign-in page. The answer is the same for an account waiting, an active
/// account and no account (no one learns who has an account), only a waiting
/// account gets a mail, its new link activates it, and the asking is limited.
#[test]
fn the_activation_mail_comes_again_only_to_a_waiting_account_and_tells_nobody_who_exists() {
    let email = unique_email("resend");
    let password = strong_password();
    remember_secret(&password);
    assert_eq!(sign_up(&email, &password, "Ada").status, 201);
    let first = code_of(&app().mail_link(&email, "registration"));
    assert_eq!(login(&email, &password, &random_ip(121)).status, 403, "not activated yet");

    let registrations =
        |to: &str| app().outbox().iter().filter(|m| m["to"] == to && m["mail_type"] == "registration").count();
    let before = registrations(&email);
    let waiting = resend(&email, &random_ip(122));
    assert_eq!(waiting.status, 200, "{}", waiting.body);
    common::wait_for("a second activation mail", std::time::Duration::from_secs(10), || {
        (registrations(&email) > before).then_some(())
    });
    let second = code_of(&app().mail_link(&email, "registration"));
    assert_ne!(second, first);
    assert_eq!(app().get(&format!("/v1/activate?code={second}")).status, 200);
    assert_eq!(login(&email, &password, &random_ip(123)).status, 200);

    // Active now, or no account at all: the same answer, and no mail.
    let active = resend(&email, &random_ip(124));
    let nobody = unique_email("resend-nobody");
    let unknown = resend(&nobody, &random_ip(125));
    assert_eq!((active.status, unknown.status), (200, 200));
    assert_eq!(active.body, waiting.body);
    assert_eq!(unknown.body, waiting.body);
    let after = registrations(&email);
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(registrations(&email), after, "no mail to an active account");
    assert_eq!(registrations(&nobody), 0, "no mail to an unknown address");

    // Limited per address: 3 an hour (the two above and one more), then 429.
    assert_eq!(resend(&email, &random_ip(126)).status, 200);
    let limited = resend(&email, &random_ip(127));
    assert_eq!(limited.status, 429, "{}", limited.body);
    assert!(retry_after(&limited) > 0);
    assert_eq!(resend("not an address", &random_ip(128)).error_code(), 420);
    assert_eq!(app().call("POST", "/v1/auth/activation-mail", Auth::None, &[], &[]).error_code(), 419);
}
