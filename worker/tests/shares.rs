//! Share links: made by an application's admins (or by anyone holding a
//! static record's key), refused by the play once disabled or expired.
mod common;

use common::{app, execute_sql, new_account, new_product, Auth};

#[test]
fn share_links_open_the_application_until_disabled_or_expired() {
    let ada = new_account("share");
    let id_app = app().call("POST", "/v1/applications", ada.auth(), &[("name", "Shared card")], &[]).json()["id"]
        .as_i64()
        .unwrap();
    let created = app().call(
        "POST",
        &format!("/v1/applications/{id_app}/shares"),
        ada.auth(),
        &[("expiration_time", "3600")],
        &[],
    );
    assert_eq!(created.status, 201, "{}", created.body);
    let link = created.json();
    let key = link["public_key"].as_str().unwrap().to_string();
    assert_eq!(key.len(), 32);
    assert!(link["url"].as_str().unwrap().ends_with(&format!("/s/{key}")));
    assert_eq!(app().get(&format!("/v1/plays/shared/{key}")).json()["title"], "Shared card");
    let listed = app().call("GET", &format!("/v1/applications/{id_app}/shares"), ada.auth(), &[], &[]).json();
    assert_eq!(listed["0"]["public_key"], key.as_str());

    let id = link["id"].as_i64().unwrap();
    let off = app().call("POST", &format!("/v1/shares/{id}"), ada.auth(), &[("is_enabled", "false")], &[]);
    assert_eq!(off.json()["is_enabled"], false);
    assert_eq!(app().get(&format!("/v1/plays/shared/{key}")).status, 404);
    app().call("POST", &format!("/v1/shares/{id}"), ada.auth(), &[("is_enabled", "true")], &[]);
    execute_sql(&format!("UPDATE share_links SET date_expired = unixepoch() - 1 WHERE id = {id}"));
    assert_eq!(app().get(&format!("/v1/plays/shared/{key}")).error_code(), 463);
    let renewed = app().call("POST", &format!("/v1/shares/{id}"), ada.auth(), &[("expiration_time", "86400")], &[]);
    assert_eq!(renewed.json()["is_expired"], false);
    assert_eq!(app().get(&format!("/v1/plays/shared/{key}")).status, 200);
    for bad in ["10", "x", "999999999999"] {
        let refused = app().call(
            "POST",
            &format!("/v1/applications/{id_app}/shares"),
            ada.auth(),
            &[("expiration_time", bad)],
            &[],
        );
        assert_eq!(refused.error_code(), 420, "{bad}");
    }
    let bob = new_account("share2");
    assert_eq!(app().call("DELETE", &format!("/v1/shares/{id}"), bob.auth(), &[], &[]).status, 404);
    assert_eq!(app().call("DELETE", &format!("/v1/shares/{id}"), ada.auth(), &[], &[]).status, 200);
    assert_eq!(app().get(&format!("/v1/plays/shared/{key}")).status, 404);
}

#[test]
fn a_record_key_holder_can_pass_the_play_on_for_a_while() {
    let ada = new_account("pass");
    let (id_product, id_record, key) = new_product();
    app().call("POST", &format!("/v1/products/pair/{id_record}/{key}"), ada.auth(), &[], &[]);
    // No application yet: nothing to share.
    let nothing = app().call("POST", &format!("/v1/plays/{id_record}/{key}/share"), Auth::None, &[], &[]);
    assert_eq!(nothing.error_code(), 464);
    let id_app = app().call("POST", "/v1/applications", ada.auth(), &[("name", "Passed on")], &[]).json()["id"]
        .as_i64()
        .unwrap();
    common::show_on_record(&ada, id_product, id_record, id_app);
    let shared = app().call("POST", &format!("/v1/plays/{id_record}/{key}/share"), Auth::None, &[], &[]);
    assert_eq!(shared.status, 201, "{}", shared.body);
    let public_key = shared.json()["public_key"].as_str().unwrap().to_string();
    assert_eq!(app().get(&format!("/v1/plays/shared/{public_key}")).json()["title"], "Passed on");
    // The owner sees it among the record's links.
    let of_record = app().call("GET", &format!("/v1/records/{id_record}/shares"), ada.auth(), &[], &[]).json();
    assert_eq!(of_record["0"]["public_key"], public_key.as_str());
    // Wrong key, dynamic-style key, too long a life: refused.
    let wrong = format!("{:032x}", 1u128);
    assert_eq!(app().call("POST", &format!("/v1/plays/{id_record}/{wrong}/share"), Auth::None, &[], &[]).status, 404);
    let forever = app().call(
        "POST",
        &format!("/v1/plays/{id_record}/{key}/share"),
        Auth::None,
        &[("expiration_time", "99999999")],
        &[],
    );
    assert_eq!(forever.error_code(), 420);
    // Lost: nobody passes it on.
    app().call("POST", &format!("/v1/products/{id_product}"), ada.auth(), &[("lost", "true")], &[]);
    assert_eq!(
        app().call("POST", &format!("/v1/plays/{id_record}/{key}/share"), Auth::None, &[], &[]).error_code(),
        465
    );
}

#[test]
fn the_documented_agree_link_accepts_an_application_invitation() {
    let ada = new_account("agree");
    let bob = new_account("agree2");
    let id_app =
        app().call("POST", "/v1/applications", ada.auth(), &[("name", "Team app")], &[]).json()["id"].as_i64().unwrap();
    let granted = app().call(
        "POST",
        &format!("/v1/applications/{id_app}/access"),
        ada.auth(),
        &[("email", &bob.email), ("chmod", "2")],
        &[],
    );
    let invitation = granted.json()["id"].as_i64().unwrap();
    // Following the link accepts nothing: it opens the invitations page, which asks.
    let link = app().call("GET", &format!("/v1/agree-share-application?id={invitation}"), bob.auth(), &[], &[]);
    assert_eq!(link.status, 303, "{}", link.body);
    assert!(link.location.as_deref().unwrap().ends_with(&format!("/dashboard/invitations?application={invitation}")));
    assert_eq!(app().call("GET", &format!("/v1/applications/{id_app}"), bob.auth(), &[], &[]).status, 404);
    // The page's Accept is a POST.
    assert_eq!(
        app().call("POST", "/v1/agree-share-application", ada.auth(), &[("id", &invitation.to_string())], &[]).status,
        404
    );
    let agreed = app().call("POST", "/v1/agree-share-application", bob.auth(), &[("id", &invitation.to_string())], &[]);
    assert_eq!(agreed.status, 200, "{}", agreed.body);
    assert_eq!(app().call("GET", &format!("/v1/applications/{id_app}"), bob.auth(), &[], &[]).json()["chmod"], 2);
    assert_eq!(app().call("POST", "/v1/agree-share-application", bob.auth(), &[], &[]).error_code(), 419);
}
