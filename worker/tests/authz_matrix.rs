//! The authorization matrix: every route that needs a token × {no token,
//! expired token, token without the role, token with the role, another user's
//! object}. It counts unauthorized successes, which must be 0. Later issues
//! add their routes to `ROUTES`.

mod common;

use common::{app, demo, execute_sql, unique_email, Auth};

/// (method, path, role, status with the role, status for another user's object)
/// `None` for the last: the route has no object of someone else to reach.
const ROUTES: &[(&str, &str, &str, u16, Option<u16>)] = &[
    ("GET", "/v1/user", "basic", 200, None),
    ("POST", "/v1/user", "manage_basic", 200, None),
    ("GET", "/v1/user/logs", "user_logs", 200, None),
    ("GET", "/v1/user/tokens", "basic", 200, None),
    ("GET", "/v1/addresses", "user_addresses", 200, None),
    ("POST", "/v1/addresses", "manage_user_addresses", 201, None),
    ("GET", "/v1/applications/1/insights", "applications", 200, Some(404)),
    ("GET", "/v1/applications/1/insights/countries", "applications", 200, Some(404)),
    ("GET", "/v1/plugins/1/insights/browsers", "applications", 200, Some(404)),
    ("GET", "/v1/products/1/insights/devices", "products", 200, Some(404)),
    ("GET", "/v1/records/1/insights/plays", "products", 200, Some(404)),
    ("GET", "/v1/records/1/insights/platforms", "products", 200, Some(404)),
    ("GET", "/v1/apps/2", "developer_basic", 200, Some(404)),
    ("POST", "/v1/apps/2", "developer_manage_basic", 200, Some(404)),
    ("GET", "/v1/apps/2/redirects", "developer_basic", 200, Some(404)),
    ("POST", "/v1/apps/2/domains", "developer_manage_basic", 201, Some(404)),
    ("GET", "/v1/apps/2/roles", "developer_basic", 200, Some(404)),
    ("GET", "/v1/apps/2/mail-templates", "developer_basic", 200, Some(404)),
    ("POST", "/v1/apps/2/mail-templates/preview", "developer_basic", 200, Some(404)),
    ("GET", "/v1/apps/2/calls", "api_management", 200, Some(404)),
    ("GET", "/v1/apps/2/tokens", "api_management", 200, Some(404)),
    ("GET", "/v1/apps/categories", "developer_basic", 200, None),
    ("GET", "/v1/developers/main/apps", "developer_basic", 200, Some(403)),
    ("GET", "/v1/developers/main", "developer", 200, None),
    ("POST", "/v1/developers/main", "developer", 200, None),
    ("GET", "/v1/developers", "developer", 200, None),
    ("GET", "/v1/developers/1", "developer", 200, Some(404)),
    ("POST", "/v1/developers/1", "developer", 200, Some(404)),
    ("GET", "/v1/plugstores", "plugstore", 200, None),
    ("GET", "/v1/plugstores/1/form", "plugstore", 200, None),
    ("GET", "/v1/icons", "plugstore", 200, None),
    // A developer's plugstore entry (the demo owner's, 1001) and its published version 1.
    ("POST", "/v1/plugstores/1001", "developer", 200, Some(404)),
    ("GET", "/v1/plugstores/1001/versions", "developer", 200, Some(404)),
    ("GET", "/v1/plugstores/1001/versions/1", "developer", 200, Some(404)),
    ("GET", "/v1/plugstores/versions/1/langs", "developer", 200, Some(404)),
    ("GET", "/v1/plugstores/versions/1/langs/fr", "developer", 200, Some(404)),
    ("POST", "/v1/procedures/users/change-password", "password", 200, None),
    ("POST", "/v1/procedures/users/change-email", "email", 200, None),
    ("POST", "/v1/procedures/users/delete-account", "delete_account", 200, None),
    ("GET", "/v1/products", "products", 200, None),
    ("GET", "/v1/products/pending", "products", 200, None),
    ("GET", "/v1/products/1", "products", 200, Some(404)),
    ("POST", "/v1/products/1", "manage_products", 200, Some(404)),
    ("GET", "/v1/products/1/users", "products", 200, Some(404)),
    ("GET", "/v1/products/1/records", "products", 200, Some(404)),
    ("GET", "/v1/products/1/records/1", "products", 200, Some(404)),
    ("POST", "/v1/products/1/records/1", "manage_products", 200, Some(404)),
    ("GET", "/v1/records/1/shares", "products", 200, Some(404)),
    // Finders' messages may carry a finder's contact: the manage role (and chmod ≥ 3), not just products.
    ("GET", "/v1/products/1/finder-messages", "manage_products", 200, Some(404)),
    ("GET", "/v1/applications", "applications", 200, None),
    ("POST", "/v1/applications", "manage_applications", 201, None),
    ("GET", "/v1/applications/pending", "applications", 200, None),
    ("GET", "/v1/applications/1", "applications", 200, Some(404)),
    ("POST", "/v1/applications/1", "manage_applications", 200, Some(404)),
    ("GET", "/v1/applications/1/users", "applications", 200, Some(404)),
    ("GET", "/v1/applications/1/plugins", "applications", 200, Some(404)),
    ("GET", "/v1/applications/1/shares", "applications", 200, Some(404)),
    ("GET", "/v1/plugins/1", "applications", 200, Some(404)),
    ("POST", "/v1/plugins/1", "manage_applications", 200, Some(404)),
    ("GET", "/v1/shares/1", "applications", 200, Some(404)),
    ("POST", "/v1/shares/1", "manage_applications", 200, Some(404)),
    ("GET", "/v1/groups", "products", 200, None),
    ("POST", "/v1/groups", "manage_products", 201, None),
    ("GET", "/v1/groups/pending", "products", 200, None),
    ("GET", "/v1/files", "user_files", 200, None),
    ("GET", "/v1/folders", "user_files", 200, None),
    ("POST", "/v1/folders", "user_files", 201, None),
    ("GET", "/v1/mails/sent", "mailboxes_read", 200, None),
    ("GET", "/v1/mails/received", "mailboxes_read", 200, None),
    ("GET", "/v1/mails/contacts", "mailboxes_post", 200, None),
    ("GET", "/v1/makers/1/attached-groups", "maker", 200, Some(404)),
    ("GET", "/v1/makers", "maker", 200, None),
    ("POST", "/v1/makers", "maker", 201, None),
    ("GET", "/v1/makers/main", "maker", 200, None),
    ("POST", "/v1/makers/main", "maker", 200, None),
    // A maker's public profile: every maker sees it.
    ("GET", "/v1/makers/1", "maker", 200, None),
    ("POST", "/v1/makers/1", "maker", 200, Some(404)),
    ("GET", "/v1/makers/1/items", "maker", 200, Some(404)),
    ("GET", "/v1/items/1", "maker", 200, Some(404)),
    ("POST", "/v1/items/1", "maker", 200, Some(404)),
    ("GET", "/v1/items/1/products", "maker", 200, Some(404)),
    ("GET", "/v1/makers/1/batches", "maker", 200, Some(404)),
    ("GET", "/v1/makers/1/products/encoded", "maker", 200, Some(404)),
];

/// The roles the demo app holds, all consented in the "with the role" token.
const DEMO_APP_ROLES: &str = "basic,user_mail,user_birthdate,user_phone,user_addresses,manage_user_addresses,\
manage_basic,user_logs,password,email,delete_account,applications,products,api_management,developer_basic,\
developer_manage_basic";

fn form_for(path: &str) -> Vec<(&'static str, String)> {
    if path.starts_with("/v1/contacts/") {
        return vec![("owner_note", "Seen by the matrix".into())];
    }
    if path.ends_with("/access") || (path.starts_with("/v1/groups/") && path.ends_with("/users")) {
        return vec![("email", unique_email("matrix")), ("chmod", "1".into())];
    }
    if path.starts_with("/v1/makers/") && path.ends_with("/items") {
        return vec![("reference", "MATRIX".into()), ("display_name", "Matrix item".into())];
    }
    if path.contains("/invitations/") {
        return vec![("chmod", "2".into())];
    }
    if path.ends_with("/plugins/order") {
        return vec![("items", "[]".into())];
    }
    match path {
        "/v1/user" => vec![("username", "ada".into())],
        "/v1/addresses" => vec![
            ("alias", "Home".into()),
            ("firstname", "Ada".into()),
            ("lastname", "Lovelace".into()),
            ("street", "12 St James's Square".into()),
            ("country_code", "GB".into()),
            ("city", "London".into()),
            ("zipcode", "SW1Y 4LB".into()),
            ("state", "London".into()),
        ],
        "/v1/apps/2/domains" => vec![("url", format!("matrix-{}.senzu.test", rand::random::<u32>()))],
        "/v1/apps/2" | "/v1/developers/main" | "/v1/developers/1" => vec![("contact_email", "dev@senzu.test".into())],
        "/v1/makers" => vec![("display_name", "Matrix maker".into()), ("contact_email", "matrix@senzu.test".into())],
        "/v1/makers/1" | "/v1/makers/main" => vec![("display_name", "Senzu Demo Maker".into())],
        "/v1/items/1" => vec![("display_name", "Senzu Card".into())],
        // Writes that leave the demo as seeded (the browser tests read it afterwards).
        "/v1/products/1" => vec![("alias_name", "My card".into())],
        "/v1/products/1/records/1" => vec![("is_enabled", "true".into())],
        "/v1/applications" => vec![("name", "Matrix app".into())],
        "/v1/applications/1" => vec![("subtitle", "Mathematician & writer".into())],
        "/v1/plugins/1" => vec![("name", "Call me".into())],
        "/v1/plugstores/1001" => vec![("is_enabled", "true".into())],
        "/v1/shares/1" => vec![("is_enabled", "true".into())],
        "/v1/groups" => vec![("alias_name", "Matrix group".into())],
        "/v1/folders" => vec![("name", "Matrix folder".into())],
        "/v1/apps/2/mail-templates/preview" => {
            vec![("mail_type", "registration".into()), ("code", "<p>{{ data.firstname }}</p>".into())]
        }
        _ => vec![],
    }
}

struct Case<'a> {
    name: &'static str,
    auth: Auth<'a>,
    expect: (u16, u64),
}

#[test]
fn no_route_answers_a_caller_without_the_right() {
    let d = demo();
    let owner = app().sign_in(d["owner"]["email"].as_str().unwrap(), d["owner"]["password"].as_str().unwrap());
    let friend = app().sign_in(d["friend"]["email"].as_str().unwrap(), d["friend"]["password"].as_str().unwrap());
    let id_app = d["app"]["id"].as_i64().unwrap();
    let redirect = d["app"]["redirect_url"].as_str().unwrap();
    let with_app_roles = app().user_token(&owner, id_app, &DEMO_APP_ROLES.replace('\n', ""), redirect);
    let without = app().user_token(&owner, id_app, "user_mail", redirect);
    let expired = app().user_token(&owner, id_app, &DEMO_APP_ROLES.replace('\n', ""), redirect);
    let hash = senzu_core::secrets::sha256_hex(&[expired.as_bytes()]);
    execute_sql(&format!("UPDATE tokens SET date_expired = unixepoch() - 60 WHERE token_hash = '{hash}'"));

    // Routes that change or destroy their object get one made for this test.
    let owner_account = common::Account { id: 1, email: String::new(), session: owner.clone() };
    let (fresh_product, fresh_record, fresh_key) = common::new_product();
    let (reset_product, reset_record, reset_key) = common::new_product();
    app().call("POST", &format!("/v1/products/pair/{reset_record}/{reset_key}"), owner_account.auth(), &[], &[]);
    let fresh_app = app().call("POST", "/v1/applications", owner_account.auth(), &[("name", "Doomed")], &[]).json()
        ["id"]
        .as_i64()
        .unwrap();
    let fresh_plugin = app()
        .call(
            "POST",
            "/v1/applications/1/plugins",
            owner_account.auth(),
            &[("id_plugstore", "16"), ("data", r#"{"text":"doomed"}"#), ("is_enabled", "false")],
            &[],
        )
        .json()["id"]
        .as_i64()
        .unwrap();
    let fresh_share =
        app().call("POST", "/v1/applications/1/shares", owner_account.auth(), &[], &[]).json()["id"].as_i64().unwrap();
    let fresh_group =
        app().call("POST", "/v1/groups", owner_account.auth(), &[("alias_name", "Doomed group")], &[]).json()["id"]
            .as_i64()
            .unwrap();
    // Pending invitations to withdraw (issue 11 §4), one per kind of object.
    let (invited_product, invited_record, invited_key) = common::new_product();
    app().call("POST", &format!("/v1/products/pair/{invited_record}/{invited_key}"), owner_account.auth(), &[], &[]);
    let invitation = |path: String| {
        let a =
            app().call("POST", &path, owner_account.auth(), &[("email", &unique_email("matrix")), ("chmod", "1")], &[]);
        assert_eq!(a.status, 201, "{path}: {}", a.body);
        a.json()["id"].as_i64().unwrap()
    };
    let product_invitation = invitation(format!("/v1/products/{invited_product}/access"));
    let group_invitation = invitation(format!("/v1/groups/{fresh_group}/users"));
    let invited_app = app().call("POST", "/v1/applications", owner_account.auth(), &[("name", "Invited")], &[]).json()
        ["id"]
        .as_i64()
        .unwrap();
    let app_invitation = invitation(format!("/v1/applications/{invited_app}/access"));
    // Sessions (issue 11 §5): the owner's own, and two to end.
    let session_id = |session: &str| {
        let tokens = app().call("GET", "/v1/user/tokens?limit=null", Auth::Cookie(session), &[], &[]).json();
        tokens.as_object().unwrap().values().find(|t| t["is_current"] == true).unwrap()["id"].as_i64().unwrap()
    };
    let owner_email = d["owner"]["email"].as_str().unwrap();
    let owner_password = d["owner"]["password"].as_str().unwrap();
    let owner_session = session_id(&owner);
    let doomed_session = session_id(&app().sign_in(owner_email, owner_password));
    let doomed_token = session_id(&app().sign_in(owner_email, owner_password));
    // An invitation for the owner to the friend's own application: the agree link's POST accepts it.
    let friend_account = common::Account { id: 0, email: String::new(), session: friend.clone() };
    let friends_app =
        app().call("POST", "/v1/applications", friend_account.auth(), &[("name", "For the owner")], &[]).json()["id"]
            .as_i64()
            .unwrap();
    let agree = app().call(
        "POST",
        &format!("/v1/applications/{friends_app}/access"),
        friend_account.auth(),
        &[("email", d["owner"]["email"].as_str().unwrap()), ("chmod", "1")],
        &[],
    );
    let agree = agree.json()["id"].as_i64().unwrap_or_else(|| panic!("an invitation: {}", agree.body));
    // Contacts visitors left on the demo play's exchange plugin (12): one to read and edit, one to delete.
    let static_key = d["records"]["static"].as_str().unwrap();
    let leave = |email: &str| {
        let ip = format!("10.77.{}.{}", rand::random::<u8>(), rand::random::<u8>());
        let sent = app().call(
            "POST",
            &format!("/v1/plays/{static_key}/plugins/12/contact"),
            Auth::None,
            &[("name", "Matrix visitor"), ("email", email), ("consent", "true")],
            &[("cf-connecting-ip", &ip)],
        );
        assert_eq!(sent.status, 201, "{}", sent.body);
        let list = app().call("GET", "/v1/contacts?limit=null", owner_account.auth(), &[], &[]).json();
        list.as_object().unwrap().values().find(|c| c["email"] == email).unwrap()["id"].as_i64().unwrap()
    };
    // A maker of the owner's own for items to make and delete, and one to delete.
    let new_maker = |name: &str| {
        let form = [("display_name", name), ("contact_email", "matrix@senzu.test")];
        let a = app().call("POST", "/v1/makers", owner_account.auth(), &form, &[]);
        assert_eq!(a.status, 201, "{}", a.body);
        a.json()["id"].as_i64().unwrap()
    };
    let fresh_maker = new_maker("Matrix workshop");
    let doomed_maker = new_maker("Doomed maker");
    let doomed_item = {
        let form = [("reference", "DOOMED"), ("display_name", "Doomed item")];
        let a = app().call("POST", &format!("/v1/makers/{fresh_maker}/items"), owner_account.auth(), &form, &[]);
        assert_eq!(a.status, 201, "{}", a.body);
        a.json()["id"].as_i64().unwrap()
    };
    // What a maker's writes act on: an item of the fresh maker, a batch of two chips,
    // a product made one by one and a record of it to take back.
    let made_ok = |a: common::Answer| {
        assert!((200..300).contains(&a.status), "{}", a.body);
        a.json()
    };
    let kept_item = made_ok(app().call(
        "POST",
        &format!("/v1/makers/{fresh_maker}/items"),
        owner_account.auth(),
        &[("reference", "KEPT"), ("display_name", "Kept item")],
        &[],
    ))["id"]
        .to_string();
    let batch_form = vec![("id_item", kept_item.clone()), ("quantity", "2".into()), ("records", "nfc:aes-128".into())];
    let batch_form_refs: Vec<(&str, &str)> = batch_form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let batch = made_ok(app().call(
        "POST",
        &format!("/v1/makers/{fresh_maker}/batches"),
        owner_account.auth(),
        &batch_form_refs,
        &[],
    ));
    let chips: Vec<i64> = made_ok(app().call(
        "GET",
        &format!("/v1/makers/{fresh_maker}/products/encoded?id_batch={}", batch["id"]),
        owner_account.auth(),
        &[],
        &[],
    ))
    .as_object()
    .unwrap()
    .values()
    .map(|p| p["record"][0]["id"].as_i64().unwrap())
    .collect();
    let uid = || format!("04{:012X}", rand::random::<u64>() & 0xFFFF_FFFF_FFFF);
    let product_form =
        vec![("id_maker", fresh_maker.to_string()), ("id_item", kept_item.clone()), ("reference", "MATRIX-1".into())];
    let product_form_refs: Vec<(&str, &str)> = product_form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let loose_product = made_ok(app().call("POST", "/v1/products", owner_account.auth(), &product_form_refs, &[]))
        ["id"]
        .as_i64()
        .unwrap();
    let record_form = vec![("technology", "qrcode".to_string()), ("token_encryption", "static".to_string())];
    let record_form_refs: Vec<(&str, &str)> = record_form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let doomed_record = made_ok(app().call(
        "POST",
        &format!("/v1/products/{loose_product}/records"),
        owner_account.auth(),
        &record_form_refs,
        &[],
    ))["id"]
        .as_i64()
        .unwrap();
    let single = format!("/v1/makers/{fresh_maker}/records/{}/personalization", chips[0]);
    let import = format!("/v1/makers/{fresh_maker}/batches/{}/personalization", batch["id"]);
    let forms: Vec<(String, Vec<(&'static str, String)>)> = vec![
        (format!("/v1/makers/{fresh_maker}/batches"), batch_form.clone()),
        ("/v1/products".into(), product_form.clone()),
        (format!("/v1/products/{loose_product}/records"), record_form.clone()),
        (single.clone(), vec![("uid", uid())]),
        (import.clone(), vec![("uids", format!("{},{}", chips[1], uid()))]),
    ];
    // The shop (issue 14): the owner's address, company, provider account, an order paid on the
    // Stripe stand-in (with its payment) and one waiting for payment.
    let address = common::new_address(&owner_account).to_string();
    let order_form = vec![
        ("id_address_shipping", address.clone()),
        ("id_address_billing", address.clone()),
        ("items", format!(r#"[{{"id":{},"quantity":1}}]"#, d["shop"]["item"])),
    ];
    let order_refs: Vec<(&str, &str)> = order_form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let paid_order = made_ok(app().call("POST", "/v1/orders", owner_account.auth(), &order_refs, &[]));
    let unpaid_order =
        made_ok(app().call("POST", "/v1/orders", owner_account.auth(), &order_refs, &[]))["id"].as_i64().unwrap();
    let standin: ureq::Agent =
        ureq::Agent::config_builder().http_status_as_error(false).max_redirects(0).build().into();
    let paid = standin
        .post(paid_order["url_checkout"].as_str().unwrap())
        .send_form([("card", senzu_xtask::stripe_standin::CARD_PAYS)])
        .expect("paying on the stand-in");
    assert_eq!(paid.status().as_u16(), 303);
    let paid_order = paid_order["id"].as_i64().unwrap();
    let payments = made_ok(app().call("GET", "/v1/payments?limit=null", owner_account.auth(), &[], &[]));
    let payment = payments.as_object().unwrap().values().map(|p| p["id"].as_i64().unwrap()).max().unwrap();
    let company = made_ok(app().call(
        "POST",
        "/v1/companies",
        owner_account.auth(),
        &[("name", "Matrix company"), ("email", "company@senzu.test")],
        &[],
    ))["id"]
        .as_i64()
        .unwrap();
    let own_provider = made_ok(app().call(
        "POST",
        "/v1/providers",
        owner_account.auth(),
        &[("id_company", &company.to_string())],
        &[],
    ))["id"]
        .as_i64()
        .unwrap();
    let doomed_company = made_ok(app().call(
        "POST",
        "/v1/companies",
        owner_account.auth(),
        &[("name", "Doomed company"), ("email", "doomed@senzu.test")],
        &[],
    ))["id"]
        .as_i64()
        .unwrap();
    let subscription_form =
        vec![("id_address_billing", address.clone()), ("id_plan", "1".to_string()), ("quantity", "12".to_string())];
    let subscription_refs: Vec<(&str, &str)> = subscription_form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let subscription = made_ok(app().call("POST", "/v1/subscriptions", owner_account.auth(), &subscription_refs, &[]))
        ["id"]
        .as_i64()
        .unwrap();
    let reseller = made_ok(app().call("POST", "/v1/resellers", owner_account.auth(), &[], &[]))["id"].as_i64().unwrap();
    let forms: Vec<(String, Vec<(&'static str, String)>)> = forms
        .into_iter()
        .chain([
            ("/v1/subscriptions".to_string(), subscription_form.clone()),
            (format!("/v1/resellers/{reseller}"), vec![("id_company", company.to_string())]),
            ("/v1/orders".to_string(), order_form.clone()),
            (format!("/v1/orders/{unpaid_order}"), vec![("id_address_billing", address.clone())]),
            (
                "/v1/payments".to_string(),
                vec![("id_order", unpaid_order.to_string()), ("currency", "EUR".into()), ("amount", "12.90".into())],
            ),
            ("/v1/companies".to_string(), vec![("name", "Matrix company".into()), ("email", "c@senzu.test".into())]),
            (format!("/v1/companies/{company}"), vec![("phone", "+33 1 23 45 67 89".into())]),
            (format!("/v1/providers/{own_provider}"), vec![("name", "Matrix provider".into())]),
        ])
        .collect();
    // Folders and mails (issue 15): a folder of the owner's, a mail the owner sent to someone
    // they share an application with, and one that person sent back.
    let folder = made_ok(app().call("POST", "/v1/folders", owner_account.auth(), &[("name", "Matrix per-id")], &[]))
        ["id"]
        .as_i64()
        .unwrap();
    let peer = common::new_account("matrix-peer");
    common::share(&owner_account, "applications", fresh_app, &peer, 1);
    let mail_form = vec![
        ("id_user_recipient", peer.id.to_string()),
        ("subject", "Matrix".to_string()),
        ("content", "Seen by the matrix".to_string()),
    ];
    let mail_refs: Vec<(&str, &str)> = mail_form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let sent_mail =
        made_ok(app().call("POST", "/v1/mails", owner_account.auth(), &mail_refs, &[]))["0"]["id"].as_i64().unwrap();
    let answer = [("id_user_recipient", "1"), ("subject", "Re: Matrix"), ("content", "Answered")];
    let received_mail =
        made_ok(app().call("POST", "/v1/mails", peer.auth(), &answer, &[]))["0"]["id"].as_i64().unwrap();
    let forms: Vec<(String, Vec<(&'static str, String)>)> = forms
        .into_iter()
        .chain([
            ("/v1/mails".to_string(), mail_form.clone()),
            (format!("/v1/folders/{folder}"), vec![("name", "Matrix renamed".to_string())]),
        ])
        .collect();
    let contact = leave(&unique_email("matrix-contact"));
    let doomed_contact = leave(&unique_email("matrix-contact"));
    let made: Vec<(&str, String, &str, u16, Option<u16>)> = vec![
        ("GET", format!("/v1/folders/{folder}"), "user_files", 200, Some(404)),
        ("POST", format!("/v1/folders/{folder}"), "user_files", 200, Some(404)),
        ("GET", format!("/v1/folders/{folder}/files"), "user_files", 200, Some(404)),
        ("DELETE", format!("/v1/folders/{folder}"), "user_files", 200, Some(404)),
        ("GET", format!("/v1/mails/sent/{sent_mail}"), "mailboxes_read", 200, Some(404)),
        ("GET", format!("/v1/mails/received/{received_mail}"), "mailboxes_read", 200, Some(404)),
        ("POST", "/v1/mails".into(), "mailboxes_post", 201, None),
        ("GET", "/v1/contacts".into(), "manage_applications", 200, None),
        ("GET", "/v1/contacts/export?format=vcard".into(), "manage_applications", 200, None),
        ("GET", format!("/v1/contacts/{contact}"), "manage_applications", 200, Some(404)),
        ("POST", format!("/v1/contacts/{contact}"), "manage_applications", 200, Some(404)),
        ("DELETE", format!("/v1/contacts/{doomed_contact}"), "manage_applications", 200, Some(404)),
        ("POST", format!("/v1/agree-share-application?id={agree}"), "applications", 200, Some(404)),
        (
            "POST",
            format!("/v1/products/{invited_product}/invitations/{product_invitation}"),
            "manage_products",
            200,
            Some(404),
        ),
        (
            "DELETE",
            format!("/v1/products/{invited_product}/invitations/{product_invitation}"),
            "manage_products",
            200,
            Some(404),
        ),
        ("POST", format!("/v1/groups/{fresh_group}/invitations/{group_invitation}"), "manage_products", 200, Some(404)),
        (
            "DELETE",
            format!("/v1/groups/{fresh_group}/invitations/{group_invitation}"),
            "manage_products",
            200,
            Some(404),
        ),
        (
            "POST",
            format!("/v1/applications/{invited_app}/invitations/{app_invitation}"),
            "manage_applications",
            200,
            Some(404),
        ),
        (
            "DELETE",
            format!("/v1/applications/{invited_app}/invitations/{app_invitation}"),
            "manage_applications",
            200,
            Some(404),
        ),
        // Another app's token: read with user_logs; ended only by the dashboard's session.
        ("GET", format!("/v1/sessions/{owner_session}"), "user_logs", 200, Some(404)),
        ("DELETE", format!("/v1/sessions/{doomed_session}"), "first-party session", 200, Some(404)),
        ("DELETE", format!("/v1/tokens/{doomed_token}"), "first-party session", 200, Some(404)),
        ("GET", format!("/v1/groups/{fresh_group}"), "products", 200, Some(404)),
        ("GET", format!("/v1/groups/{fresh_group}/products"), "products", 200, Some(404)),
        ("GET", format!("/v1/groups/{fresh_group}/users"), "products", 200, Some(404)),
        ("POST", format!("/v1/groups/{fresh_group}/users"), "manage_products", 201, Some(404)),
        // Into a group and out again: the owner's alone (issue 11 §2; the levels are in sharing.rs).
        ("POST", format!("/v1/products/{reset_product}?id_group={fresh_group}"), "manage_products", 200, Some(404)),
        ("POST", format!("/v1/products/{reset_product}?id_group="), "manage_products", 200, Some(404)),
        ("DELETE", format!("/v1/groups/{fresh_group}"), "manage_products", 200, Some(404)),
        ("POST", format!("/v1/products/pair/{fresh_record}/{fresh_key}"), "manage_products", 200, None),
        ("POST", format!("/v1/products/{reset_product}/reset"), "manage_products", 200, Some(404)),
        ("DELETE", format!("/v1/products/{reset_product}?force_erase"), "manage_products", 200, Some(404)),
        ("POST", format!("/v1/applications/{fresh_app}/access"), "manage_applications", 201, Some(404)),
        ("POST", format!("/v1/applications/{fresh_app}/shares"), "manage_applications", 201, Some(404)),
        ("POST", format!("/v1/applications/{fresh_app}/plugins/order"), "manage_applications", 200, Some(404)),
        ("DELETE", format!("/v1/applications/{fresh_app}"), "manage_applications", 200, Some(404)),
        ("DELETE", format!("/v1/plugins/{fresh_plugin}"), "manage_applications", 200, Some(404)),
        ("DELETE", format!("/v1/shares/{fresh_share}"), "manage_applications", 200, Some(404)),
        ("POST", format!("/v1/products/{fresh_product}/access"), "manage_products", 201, Some(404)),
        ("POST", format!("/v1/makers/{fresh_maker}/items"), "maker", 201, Some(404)),
        ("DELETE", format!("/v1/items/{doomed_item}"), "maker", 200, Some(404)),
        ("DELETE", format!("/v1/makers/{doomed_maker}"), "maker", 200, Some(404)),
        ("POST", format!("/v1/makers/{fresh_maker}/batches"), "maker", 201, Some(404)),
        ("POST", "/v1/products".into(), "maker", 201, Some(404)),
        ("POST", format!("/v1/products/{loose_product}/records"), "maker", 201, Some(404)),
        ("DELETE", format!("/v1/products/{loose_product}/records/{doomed_record}"), "maker", 200, Some(404)),
        ("POST", single, "maker", 200, Some(404)),
        ("POST", import, "maker", 200, Some(404)),
        ("GET", "/v1/orders".into(), "user_financial", 200, None),
        ("POST", "/v1/orders".into(), "user_financial", 201, None),
        ("GET", format!("/v1/orders/{paid_order}"), "user_financial", 200, Some(404)),
        ("POST", format!("/v1/orders/{unpaid_order}"), "user_financial", 200, Some(404)),
        ("GET", "/v1/payments".into(), "user_financial", 200, None),
        ("GET", format!("/v1/payments/{payment}"), "user_financial", 200, Some(404)),
        // Another account's order is out of reach: 420 names `id_order` as not one of the caller's.
        ("POST", "/v1/payments".into(), "user_financial", 201, Some(420)),
        ("GET", "/v1/companies".into(), "user_financial", 200, None),
        ("POST", "/v1/companies".into(), "user_financial", 201, None),
        ("GET", format!("/v1/companies/{company}"), "user_financial", 200, Some(404)),
        ("POST", format!("/v1/companies/{company}"), "user_financial", 200, Some(404)),
        ("DELETE", format!("/v1/companies/{doomed_company}"), "user_financial", 200, Some(404)),
        ("GET", "/v1/providers".into(), "providers", 200, None),
        ("GET", format!("/v1/providers/{own_provider}"), "providers", 200, Some(404)),
        ("POST", format!("/v1/providers/{own_provider}"), "providers", 200, Some(404)),
        ("GET", format!("/v1/providers/{own_provider}/orders"), "providers", 200, Some(404)),
        ("DELETE", format!("/v1/providers/{own_provider}"), "providers", 200, Some(404)),
        ("GET", "/v1/user/plan".into(), "basic", 200, None),
        ("GET", "/v1/subscriptions".into(), "user_financial", 200, None),
        ("POST", "/v1/subscriptions".into(), "user_financial", 201, None),
        ("GET", format!("/v1/subscriptions/{subscription}"), "user_financial", 200, Some(404)),
        ("GET", "/v1/resellers".into(), "reseller", 200, None),
        ("GET", format!("/v1/resellers/{reseller}"), "reseller", 200, Some(404)),
        ("POST", format!("/v1/resellers/{reseller}"), "reseller", 200, Some(404)),
        ("GET", format!("/v1/resellers/{reseller}/products"), "reseller", 200, Some(404)),
        ("DELETE", format!("/v1/resellers/{reseller}"), "reseller", 200, Some(404)),
        // After the deletion above: the account has none, so it may make one.
        ("POST", "/v1/resellers".into(), "reseller", 201, None),
    ];
    let routes: Vec<(&str, String, &str, u16, Option<u16>)> =
        ROUTES.iter().map(|(m, p, r, s, o)| (*m, p.to_string(), *r, *s, *o)).chain(made).collect();

    let mut failures = Vec::new();
    let mut unauthorized_successes = 0;
    let mut checked = 0;
    for (method, path, role, ok_status, other) in &routes {
        let path = path.as_str();
        let holds = DEMO_APP_ROLES.split(',').any(|r| r.trim() == *role);
        // The demo app cannot hold `developer` or `plugstore`: the dashboard's session has them.
        let with_role = if holds { Auth::Bearer(&with_app_roles) } else { Auth::Cookie(&owner) };
        let mut cases = vec![
            Case { name: "no token", auth: Auth::None, expect: (401, 401) },
            Case { name: "expired token", auth: Auth::Bearer(&expired), expect: (401, 190) },
            Case { name: "token without the role", auth: Auth::Bearer(&without), expect: (403, 403) },
            Case { name: "token with the role", auth: with_role, expect: (*ok_status, 0) },
        ];
        if let Some(status) = other {
            cases.push(Case {
                name: "another user's object",
                auth: Auth::Cookie(&friend),
                expect: (*status, u64::from(*status)),
            });
        }
        for case in cases {
            let form = forms.iter().find(|(p, _)| p == path).map_or_else(|| form_for(path), |(_, f)| f.clone());
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let a = app().call(method, path, case.auth, &pairs, &[]);
            checked += 1;
            let code = if (200..300).contains(&a.status) { 0 } else { a.error_code() };
            if (a.status, code) != case.expect {
                failures.push(format!(
                    "{method} {path} [{}]: expected {:?}, got {} {}",
                    case.name, case.expect, a.status, a.body
                ));
            }
            if case.expect.0 >= 400 && (200..300).contains(&a.status) {
                unauthorized_successes += 1;
            }
        }
    }
    // The demo as seeded for the browser tests: the friend's application (and the owner's access) go.
    app().call("DELETE", &format!("/v1/applications/{friends_app}"), friend_account.auth(), &[], &[]);
    println!(
        "authorization matrix: {} routes, {checked} calls, {unauthorized_successes} unauthorized successes",
        routes.len()
    );
    assert_eq!(unauthorized_successes, 0, "{failures:#?}");
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn the_signup_procedure_needs_an_app_token_with_the_signup_role() {
    let d = demo();
    let owner = app().sign_in(d["owner"]["email"].as_str().unwrap(), d["owner"]["password"].as_str().unwrap());
    let id_app = d["app"]["id"].as_i64().unwrap();
    let user_token = app().user_token(&owner, id_app, "basic", d["app"]["redirect_url"].as_str().unwrap());
    let key = d["app"]["private_key"].as_str().unwrap();
    let email = unique_email("matrix");
    let form = [
        ("firstname", "Matrix"),
        ("lastname", "Probe"),
        ("email", email.as_str()),
        ("password", "Matrix-Probe-2026!"),
        ("gender", "3"),
        ("birthdate", "0"),
    ];
    let post = |auth| app().call("POST", "/v1/procedures/users/create", auth, &form, &[]);
    assert_eq!(post(Auth::None).status, 401);
    assert_eq!(post(Auth::Bearer(&user_token)).status, 403, "a user token without signup");
    let unknown = "0".repeat(64);
    assert_eq!(post(Auth::Bearer(&unknown)).status, 401, "an unknown key");
    assert_eq!(post(Auth::Bearer(key)).status, 201);
}
