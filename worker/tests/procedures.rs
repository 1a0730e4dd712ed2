//! Procedures: sign-up through a developer app, activation, and the password,
//! e-mail and deletion changes confirmed through single-use one-hour links.

mod common;

use common::{app, code_of, demo, execute_sql, remember_secret, strong_password, unique_email, Auth};
use senzu_core::plugins::encode;

fn app_key() -> String {
    demo()["app"]["private_key"].as_str().unwrap().to_string()
}

/// Signs up through the demo developer app (role signup) and activates.
fn signed_up(redirect_url: Option<&str>) -> (String, String, String) {
    let email = unique_email("proc");
    let password = strong_password();
    remember_secret(&password);
    let path = match redirect_url {
        Some(r) => format!("/v1/procedures/users/create?redirect_url={}", encode(r)),
        None => "/v1/procedures/users/create".to_string(),
    };
    let form = [
        ("firstname", "Henry"),
        ("lastname", "Buisson"),
        ("email", email.as_str()),
        ("password", password.as_str()),
        ("gender", "1"),
        ("birthdate", "846146133"),
        ("language", "fr"),
    ];
    let created = app().call("POST", &path, Auth::Bearer(&app_key()), &form, &[]);
    assert_eq!(created.status, 201, "{}", created.body);
    let link = app().mail_link(&email, "registration");
    (email, password, link)
}

#[test]
fn sign_up_through_an_app_sends_an_activation_mail_whose_link_works_once() {
    // The app token needs the signup role; a user token of the same app is not an app token.
    let no_token = app().call("POST", "/v1/procedures/users/create", Auth::None, &[("email", "a@b.co")], &[]);
    assert_eq!(no_token.status, 401);

    let (email, password, link) = signed_up(None);
    assert!(link.contains("/account/activate?code="), "{link}");
    let mail = app().outbox().into_iter().find(|m| m["to"] == email.as_str()).unwrap();
    assert_eq!(mail["subject"], "Activez votre compte Senzu", "the user's language");
    assert!(mail["html"].as_str().unwrap().contains("Henry"));

    let early = app().call("POST", "/v1/auth/login", Auth::None, &[("email", &email), ("password", &password)], &[]);
    assert_eq!(early.status, 403);
    let code = code_of(&link);
    assert_eq!(app().get(&format!("/v1/activate?code={code}")).status, 200);
    assert_eq!(app().get(&format!("/v1/activate?code={code}")).error_code(), 420, "single use");
    assert_eq!(app().get("/v1/activate?code=00").error_code(), 420);
    app().sign_in(&email, &password);
}

#[test]
fn a_registered_redirect_url_carries_the_code_and_an_unregistered_one_is_refused() {
    let (_, _, link) = signed_up(Some("https://notes.senzu.test/callback"));
    assert!(link.starts_with("https://notes.senzu.test/callback?code="), "{link}");
    let refused = app().call(
        "POST",
        &format!("/v1/procedures/users/create?redirect_url={}", encode("https://evil.test/cb")),
        Auth::Bearer(&app_key()),
        &[
            ("firstname", "A"),
            ("lastname", "B"),
            ("email", &unique_email("evil")),
            ("password", "Good-Password-123!"),
            ("gender", "3"),
            ("birthdate", "0"),
        ],
        &[],
    );
    assert_eq!(refused.error_code(), 420, "{}", refused.body);
    assert!(refused.body.contains("redirect_url"));
}

#[test]
fn links_expire_after_one_hour() {
    let (_, _, link) = signed_up(None);
    let code = code_of(&link);
    let hash = senzu_core::secrets::sha256_hex(&[code.as_bytes()]);
    execute_sql(&format!("UPDATE procedures SET date_expired = unixepoch() - 1 WHERE code_hash = '{hash}'"));
    assert_eq!(app().get(&format!("/v1/activate?code={code}")).error_code(), 420);
}

#[test]
fn reset_password_by_mail_sets_a_new_password_and_ends_old_sessions() {
    let (email, password, link) = signed_up(None);
    app().get(&format!("/v1/activate?code={}", code_of(&link)));
    let session = app().sign_in(&email, &password);
    // Asked by the app with the e-mail; an unknown e-mail gets the same answer.
    let asked =
        app().call("POST", "/v1/procedures/users/reset-password", Auth::Bearer(&app_key()), &[("email", &email)], &[]);
    assert_eq!(asked.status, 200, "{}", asked.body);
    let unknown = app().call(
        "POST",
        "/v1/procedures/users/reset-password",
        Auth::Bearer(&app_key()),
        &[("email", &unique_email("ghost"))],
        &[],
    );
    assert_eq!(unknown.body, asked.body);
    let code = code_of(&app().mail_link(&email, "reset_password"));
    let weak = app().call("POST", "/v1/reset-password", Auth::None, &[("code", &code), ("password", "weak")], &[]);
    assert_eq!(weak.error_code(), 420, "a weak password does not burn the link");
    let new_password = strong_password();
    remember_secret(&new_password);
    let done =
        app().call("POST", "/v1/reset-password", Auth::None, &[("code", &code), ("password", &new_password)], &[]);
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(app().call("GET", "/v1/user", Auth::Cookie(&session), &[], &[]).status, 401, "sessions end");
    let old = app().call("POST", "/v1/auth/login", Auth::None, &[("email", &email), ("password", &password)], &[]);
    assert_eq!(old.status, 401);
    app().sign_in(&email, &new_password);
}

#[test]
fn change_password_change_email_and_delete_account_need_their_link() {
    let (email, password, link) = signed_up(None);
    app().get(&format!("/v1/activate?code={}", code_of(&link)));
    let session = app().sign_in(&email, &password);

    let asked = app().call("POST", "/v1/procedures/users/change-password", Auth::Cookie(&session), &[], &[]);
    assert_eq!(asked.status, 200, "{}", asked.body);
    let code = code_of(&app().mail_link(&email, "change_password"));
    let new_password = strong_password();
    remember_secret(&new_password);
    let wrong_old = app().call(
        "POST",
        "/v1/change-password",
        Auth::None,
        &[("code", &code), ("old_password", "Not-The-Old-1!"), ("new_password", &new_password)],
        &[],
    );
    assert_eq!(wrong_old.error_code(), 460);
    app().call("POST", "/v1/procedures/users/change-password", Auth::Cookie(&session), &[], &[]);
    let code = code_of(&app().mail_link(&email, "change_password"));
    let changed = app().call(
        "POST",
        "/v1/change-password",
        Auth::None,
        &[("code", &code), ("old_password", &password), ("new_password", &new_password)],
        &[],
    );
    assert_eq!(changed.status, 200, "{}", changed.body);
    let session = app().sign_in(&email, &new_password);

    app().call("POST", "/v1/procedures/users/change-email", Auth::Cookie(&session), &[], &[]);
    let code = code_of(&app().mail_link(&email, "change_email"));
    let taken = app().call(
        "POST",
        "/v1/change-email",
        Auth::None,
        &[("code", &code), ("email", demo()["owner"]["email"].as_str().unwrap())],
        &[],
    );
    assert_eq!(taken.error_code(), 409);
    let new_email = unique_email("moved");
    let moved = app().call("POST", "/v1/change-email", Auth::None, &[("code", &code), ("email", &new_email)], &[]);
    assert_eq!(moved.status, 200, "{}", moved.body);
    // The change waits for the link sent to the new address.
    let ip = format!("10.99.{}.{}", rand::random::<u8>(), rand::random::<u8>());
    let still = app().call(
        "POST",
        "/v1/auth/login",
        Auth::None,
        &[("email", &new_email), ("password", &new_password)],
        &[("cf-connecting-ip", &ip)],
    );
    assert_eq!(still.status, 401, "{}", still.body);
    let code = code_of(&app().mail_link(&new_email, "change_email"));
    let confirmed = app().call("POST", "/v1/change-email", Auth::None, &[("code", &code)], &[]);
    assert_eq!(confirmed.status, 200, "{}", confirmed.body);
    let session = app().sign_in(&new_email, &new_password);

    app().call("POST", "/v1/procedures/users/delete-account", Auth::Cookie(&session), &[], &[]);
    let code = code_of(&app().mail_link(&new_email, "delete_account"));
    assert_eq!(app().call("POST", "/v1/delete-account", Auth::None, &[("code", &code)], &[]).status, 200);
    let gone =
        app().call("POST", "/v1/auth/login", Auth::None, &[("email", &new_email), ("password", &new_password)], &[]);
    assert_eq!(gone.status, 401);
}

#[test]
fn an_apps_mail_template_shapes_its_mails_and_broken_templates_are_refused() {
    let owner = demo()["owner"].clone();
    let session = app().sign_in(owner["email"].as_str().unwrap(), owner["password"].as_str().unwrap());
    let id_app = demo()["app"]["id"].as_i64().unwrap();
    let path = format!("/v1/apps/{id_app}/mail-templates");
    let broken = app().call(
        "POST",
        &path,
        Auth::Cookie(&session),
        &[("mail_type", "reset_password"), ("code", "{% if %}")],
        &[],
    );
    assert_eq!(broken.error_code(), 420, "{}", broken.body);
    let template = "<h1>Notes</h1><a href=\"{{ data.reset_password_url }}\">Reset for {{ data.firstname }}</a>";
    let created = app().call(
        "POST",
        &path,
        Auth::Cookie(&session),
        &[("mail_type", "reset_password"), ("lang", "fr"), ("code", template)],
        &[],
    );
    assert_eq!(created.status, 201, "{}", created.body);
    let (email, _, link) = signed_up(None);
    app().get(&format!("/v1/activate?code={}", code_of(&link)));
    app().call(
        "POST",
        "/v1/procedures/users/reset-password",
        Auth::Bearer(demo()["app"]["private_key"].as_str().unwrap()),
        &[("email", &email)],
        &[],
    );
    let mail =
        app().outbox().into_iter().find(|m| m["to"] == email.as_str() && m["mail_type"] == "reset_password").unwrap();
    let html = mail["html"].as_str().unwrap();
    assert!(html.starts_with("<h1>Notes</h1>") && html.contains("Reset for Henry"), "{html}");
    let id = created.json()["id"].as_i64().unwrap();
    assert_eq!(app().call("DELETE", &format!("{path}/{id}"), Auth::Cookie(&session), &[], &[]).status, 200);
}

/// The console's live preview: rendered by the mailer's own renderer, nothing
/// stored, a broken template a 420 naming `code`, and another developer's app
/// out of reach (the same 404 as an app that does not exist).
#[test]
fn a_mail_template_preview_renders_without_storing_and_only_for_the_apps_developer() {
    let owner = demo()["owner"].clone();
    let session = app().sign_in(owner["email"].as_str().unwrap(), owner["password"].as_str().unwrap());
    let id_app = demo()["app"]["id"].as_i64().unwrap();
    let templates = format!("/v1/apps/{id_app}/mail-templates");
    let preview = format!("{templates}/preview");
    let count =
        || app().call("GET", &templates, Auth::Cookie(&session), &[], &[]).json().as_object().map_or(0, |m| m.len());
    let before = count();
    let form = [("mail_type", "registration"), ("lang", "fr"), ("code", "<p>Bonjour {{ data.firstname }}</p>")];
    let shown = app().call("POST", &preview, Auth::Cookie(&session), &form, &[]);
    assert_eq!(shown.status, 200, "{}", shown.body);
    let html = shown.json()["html"].as_str().unwrap_or_default().to_string();
    assert!(html.starts_with("<p>Bonjour ") && !html.contains("{{"), "{html}");
    assert_eq!(count(), before, "a preview stores nothing");

    let broken = app().call(
        "POST",
        &preview,
        Auth::Cookie(&session),
        &[("mail_type", "registration"), ("code", "{% if %}")],
        &[],
    );
    assert_eq!(broken.error_code(), 420, "{}", broken.body);
    assert!(broken.body.contains("code"), "{}", broken.body);
    let unknown = app().call(
        "POST",
        &preview,
        Auth::Cookie(&session),
        &[("mail_type", "user_message"), ("code", "<p>x</p>")],
        &[],
    );
    assert_eq!(unknown.error_code(), 420, "{}", unknown.body);

    // Another developer: the app is not theirs, and they learn nothing about it.
    let stranger = common::new_account("preview");
    let theirs = app().call("POST", &preview, stranger.auth(), &form, &[]);
    let nowhere = app().call("POST", "/v1/apps/999999/mail-templates/preview", stranger.auth(), &form, &[]);
    assert_eq!(theirs.status, 404, "{}", theirs.body);
    assert_eq!((theirs.status, theirs.error_code()), (nowhere.status, nowhere.error_code()));
    assert_eq!(app().call("POST", &preview, Auth::None, &form, &[]).status, 401);
}
