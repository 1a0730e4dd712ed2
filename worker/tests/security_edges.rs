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
