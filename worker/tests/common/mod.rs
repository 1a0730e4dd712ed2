//! The integration-test harness: a typed client for the `wrangler dev` that
//! `cargo xtask test` started (fresh local D1, free port).
#![allow(dead_code)]

pub mod stub;

use std::sync::OnceLock;

use serde_json::Value;

pub struct TestApp {
    pub base_url: String,
    agent: ureq::Agent,
}

pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub body: String,
    pub location: Option<String>,
    pub set_cookie: Option<String>,
    pub retry_after: Option<String>,
    pub allow: Option<String>,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("body is not JSON ({e}): {}", self.body))
    }

    /// The `name=value` of the cookie this answer set (a visit or unlock pass), to send back
    /// as the same browser would.
    pub fn cookie(&self) -> String {
        let set = self.set_cookie.as_deref().unwrap_or_else(|| panic!("no Set-Cookie in the answer: {}", self.body));
        set.split(';').next().unwrap_or_default().to_string()
    }

    /// The Senzu error code of an error body.
    pub fn error_code(&self) -> u64 {
        self.json()["error"]["code"].as_u64().unwrap_or_else(|| panic!("not a Senzu error body: {}", self.body))
    }
}

/// The same method, URI and headers (an http request builder is not Clone).
fn clone_builder(b: &ureq::http::request::Builder) -> ureq::http::request::Builder {
    let mut again = ureq::http::Request::builder();
    if let (Some(method), Some(uri)) = (b.method_ref(), b.uri_ref()) {
        again = again.method(method.clone()).uri(uri.clone());
    }
    for (name, value) in b.headers_ref().into_iter().flatten() {
        again = again.header(name, value);
    }
    again
}

/// wrangler dev's own 503 when its runtime restarted under a non-GET request.
fn restarted_mid_request(answer: &Answer) -> bool {
    answer.status == 503 && answer.body.starts_with("Your worker restarted mid-request")
}

/// The running server, shared by all tests of a binary.
pub fn app() -> &'static TestApp {
    static APP: OnceLock<TestApp> = OnceLock::new();
    APP.get_or_init(|| {
        let base_url = std::env::var("SENZU_BASE_URL").expect(
            "SENZU_BASE_URL is not set: run the integration tests through `cargo xtask test`, \
             which starts wrangler dev with a fresh database",
        );
        // Redirects are answers to check, not to follow.
        let agent = ureq::Agent::config_builder().http_status_as_error(false).max_redirects(0).build().into();
        TestApp { base_url, agent }
    })
}

/// The demo fixture written by the seed (`cargo xtask demo --json`).
pub fn demo() -> Value {
    let path = std::env::var("SENZU_DEMO_JSON").expect("SENZU_DEMO_JSON is not set: run through `cargo xtask test`");
    let text = std::fs::read_to_string(&path).expect("reading the demo fixture");
    serde_json::from_str(&text).expect("demo fixture is JSON")
}

/// The path of a simulated tap on a seeded dynamic record: `/p/{id}@{picc}:{cmac}`.
pub fn tap_path(id_record: i64, ctr: u32) -> String {
    senzu_xtask::demo::tap_path(id_record, ctr).expect("simulating a demo tap")
}

/// The same tap as a JSON API path.
pub fn api_path(tap: &str) -> String {
    tap.replacen("/p/", "/v1/plays/", 1)
}

/// Runs SQL against the test database (to move time in tests) through the
/// dev-only `/v1/dev/sql` route: inside the running worker, so it never meets
/// the SQLite lock an outside writer would hold against parallel requests.
pub fn execute_sql(sql: &str) {
    let a = app().dev("POST", "/v1/dev/sql", Some(&serde_json::json!({ "sql": sql })));
    assert_eq!(a.status, 200, "dev sql failed: {sql}\n{}", a.body);
}

/// Polls `f` every 100 ms until it gives a value, for at most `timeout` (then
/// fails naming `what`): for what the insight queue's consumer writes a moment
/// after the answer.
pub fn wait_for<T>(what: &str, timeout: std::time::Duration, mut f: impl FnMut() -> Option<T>) -> T {
    let start = std::time::Instant::now();
    loop {
        if let Some(value) = f() {
            return value;
        }
        assert!(start.elapsed() < timeout, "waited {timeout:?} for {what}");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// The insight events of one visitor address (as sent in `cf-connecting-ip`),
/// by kind: `{"scan": n, "view": n, "plugin": n}` (dev route).
pub fn visitor_events(ip: &str) -> Value {
    let a = app().dev("GET", &format!("/v1/dev/events?ip={ip}"), None);
    assert_eq!(a.status, 200, "{}", a.body);
    a.json()
}

/// The same harness against another server (the deployable build, for dev_gate).
pub fn server_at(base_url: &str) -> TestApp {
    let agent = ureq::Agent::config_builder().http_status_as_error(false).max_redirects(0).build().into();
    TestApp { base_url: base_url.to_string(), agent }
}

impl TestApp {
    /// A call to a dev-only route as the harness makes it: the dev header and, for a POST, a JSON body.
    pub fn dev(&self, method: &str, path: &str, body: Option<&Value>) -> Answer {
        let url = format!("{}{}", self.base_url, path);
        let builder = ureq::http::Request::builder().method(method).uri(&url).header("x-senzu-dev", "1");
        let request = match body {
            Some(b) => builder.header("content-type", "application/json").body(b.to_string()),
            None => builder.body(String::new()),
        }
        .expect("building a dev request");
        read(self.agent.run(request).unwrap_or_else(|e| panic!("{method} {path}: {e}")))
    }

    pub fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Answer {
        let mut req = self.agent.get(&format!("{}{}", self.base_url, path));
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        read(req.call().unwrap_or_else(|e| panic!("GET {path}: {e}")))
    }

    pub fn header(&self, path: &str, name: &str) -> Option<String> {
        let resp = self.agent.get(&format!("{}{}", self.base_url, path)).call().ok()?;
        resp.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string)
    }

    pub fn get(&self, path: &str) -> Answer {
        let resp = self.agent.get(&format!("{}{}", self.base_url, path)).call();
        read(resp.unwrap_or_else(|e| panic!("GET {path}: {e}")))
    }

    pub fn post_form(&self, path: &str, form: &[(&str, &str)]) -> Answer {
        let resp = self.agent.post(&format!("{}{}", self.base_url, path)).send_form(form.iter().copied());
        read(resp.unwrap_or_else(|e| panic!("POST {path}: {e}")))
    }
}

fn read(mut resp: ureq::http::Response<ureq::Body>) -> Answer {
    let status = resp.status().as_u16();
    let header = |name: &str| resp.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    let content_type = header("content-type").unwrap_or_default();
    let (location, set_cookie, retry_after) = (header("location"), header("set-cookie"), header("retry-after"));
    let allow = header("allow");
    let body = resp.body_mut().read_to_string().unwrap_or_default();
    keep_response(&body);
    Answer { status, content_type, body, location, set_cookie, retry_after, allow }
}

/// Every response body of the run, for the scan that looks for partner credentials in them.
fn keep_response(body: &str) {
    use std::io::Write;
    let Ok(state) = std::env::var("SENZU_STATE_DIR") else { return };
    if let Ok(mut f) =
        std::fs::OpenOptions::new().create(true).append(true).open(std::path::Path::new(&state).join("responses.log"))
    {
        let _ = writeln!(f, "{body}");
    }
}

/// Notes a partner credential (or partner token) the run stored: it must
/// appear in no response body, no D1 file and no log line.
pub fn remember_partner_secret(secret: &str) {
    use std::io::Write;
    let Ok(state) = std::env::var("SENZU_STATE_DIR") else { return };
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(std::path::Path::new(&state).join("partner-secrets.txt"))
        .expect("opening partner-secrets.txt");
    writeln!(f, "{secret}").expect("writing partner-secrets.txt");
}

/// A fresh e-mail address for a test's own account.
pub fn unique_email(prefix: &str) -> String {
    format!("{prefix}-{}@senzu.test", rand::random::<u64>())
}

/// A password that meets the policy, different every time.
pub fn strong_password() -> String {
    format!("Test-Pass-{}!", rand::random::<u32>())
}

/// Notes a clear secret the run handled, for the at-rest scan (secrets test).
pub fn remember_secret(secret: &str) {
    use std::io::Write;
    let Ok(state) = std::env::var("SENZU_STATE_DIR") else { return };
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(std::path::Path::new(&state).join("secrets.txt"))
        .expect("opening secrets.txt");
    writeln!(f, "{secret}").expect("writing secrets.txt");
}

/// How a request authenticates.
#[derive(Clone, Copy)]
pub enum Auth<'a> {
    None,
    Bearer(&'a str),
    Cookie(&'a str),
}

impl TestApp {
    /// Any method, any auth, a form body (for POST/DELETE), extra headers. Like
    /// a browser on the app's own pages, a cookie call or a sign-in/up/out form
    /// says where it comes from (`Origin`: this server) unless `headers` do.
    pub fn call(
        &self,
        method: &str,
        path: &str,
        auth: Auth,
        form: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Answer {
        let says =
            headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("origin") || k.eq_ignore_ascii_case("sec-fetch-site"));
        let form_page = path.starts_with("/v1/auth/login")
            || path.starts_with("/v1/auth/signup")
            || path.starts_with("/v1/auth/logout");
        let cookie = matches!(auth, Auth::Cookie(_)) || headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("cookie"));
        if !says && (cookie || form_page) {
            let mut with_origin = headers.to_vec();
            with_origin.push(("origin", self.base_url.as_str()));
            return self.call_bare(method, path, auth, form, &with_origin);
        }
        self.call_bare(method, path, auth, form, headers)
    }

    /// [`TestApp::call`] without the `Origin` a browser would add (a non-browser client).
    pub fn call_bare(
        &self,
        method: &str,
        path: &str,
        auth: Auth,
        form: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Answer {
        let url = format!("{}{}", self.base_url, path);
        let mut builder = ureq::http::Request::builder().method(method).uri(&url);
        match auth {
            Auth::None => {}
            Auth::Bearer(t) => builder = builder.header("authorization", format!("Bearer {t}")),
            Auth::Cookie(t) => builder = builder.header("cookie", format!("senzu_session={t}")),
        }
        for (k, v) in headers {
            builder = builder.header(*k, *v);
        }
        let body: String = form
            .iter()
            .map(|(k, v)| format!("{}={}", senzu_core::plugins::encode(k), senzu_core::plugins::encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let builder = builder.header("content-type", "application/x-www-form-urlencoded");
        let builder_again = clone_builder(&builder);
        let request = builder.body(body.clone()).expect("building a request");
        let answer = read(self.agent.run(request).unwrap_or_else(|e| panic!("{method} {path}: {e}")));
        if !restarted_mid_request(&answer) {
            return answer;
        }
        // wrangler dev's proxy answers this when its runtime was swapped while the request
        // was in flight (it retries GETs itself): a local server's artifact, sent once more.
        eprintln!("{method} {path}: wrangler dev restarted mid-request; sending it once more");
        let again = builder_again.body(body).expect("building a request");
        read(self.agent.run(again).unwrap_or_else(|e| panic!("{method} {path}: {e}")))
    }

    /// Signs in (first-party) and returns the session token from the cookie.
    pub fn sign_in(&self, email: &str, password: &str) -> String {
        let ip = format!("10.{}.{}.{}", rand::random::<u8>(), rand::random::<u8>(), rand::random::<u8>());
        let a = self.call(
            "POST",
            "/v1/auth/login",
            Auth::None,
            &[("email", email), ("password", password)],
            &[("cf-connecting-ip", &ip)],
        );
        assert_eq!(a.status, 200, "sign in {email}: {}", a.body);
        let cookie = a.set_cookie.expect("a session cookie");
        let token =
            cookie.split(';').next().and_then(|c| c.strip_prefix("senzu_session=")).expect("cookie value").to_string();
        remember_secret(&token);
        token
    }

    /// Consents as the signed-in user (the consent screen's two calls) and
    /// returns the `redirect` the browser would follow.
    pub fn consent(&self, session: &str, query: &str, grant: bool) -> Answer {
        let info = self.call("GET", &format!("/v1/auth/consent?{query}"), Auth::Cookie(session), &[], &[]);
        if info.status != 200 {
            return info;
        }
        let csrf = info.json()["csrf"].as_str().expect("a csrf token for a signed-in user").to_string();
        let grant = if grant { "true" } else { "false" };
        self.call(
            "POST",
            &format!("/v1/auth/consent?{query}"),
            Auth::Cookie(session),
            &[("grant", grant), ("csrf", &csrf)],
            &[],
        )
    }

    /// A user token for `roles` from a developer app, through the consent flow.
    pub fn user_token(&self, session: &str, id_app: i64, roles: &str, redirect_url: &str) -> String {
        let query =
            format!("id_api_app={id_app}&roles={roles}&redirect_url={}", senzu_core::plugins::encode(redirect_url));
        let answer = self.consent(session, &query, true);
        assert_eq!(answer.status, 200, "consent: {}", answer.body);
        let redirect = answer.json()["redirect"].as_str().expect("a redirect").to_string();
        let token = redirect.split("token=").nth(1).expect("token in the redirect").to_string();
        remember_secret(&token);
        token
    }

    /// The local outbox (dev only), newest first.
    pub fn outbox(&self) -> Vec<Value> {
        self.dev("GET", "/v1/dev/outbox", None).json().as_array().cloned().expect("outbox list")
    }

    /// The first link of the newest mail of `mail_type` sent to `to`.
    pub fn mail_link(&self, to: &str, mail_type: &str) -> String {
        let mail = self
            .outbox()
            .into_iter()
            .find(|m| m["to"] == to && m["mail_type"] == mail_type)
            .unwrap_or_else(|| panic!("no {mail_type} mail to {to}"));
        mail["links"][0].as_str().expect("a link in the mail").to_string()
    }
}

/// The `code` query argument of a link.
pub fn code_of(link: &str) -> String {
    link.split("code=").nth(1).and_then(|c| c.split('&').next()).expect("a code in the link").to_string()
}

impl TestApp {
    /// Status and all headers of one bodiless request (for CORS checks).
    pub fn headers_of(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
    ) -> (u16, std::collections::HashMap<String, String>) {
        let url = format!("{}{}", self.base_url, path);
        let mut req = match method {
            "OPTIONS" => self.agent.options(&url),
            "DELETE" => self.agent.delete(&url),
            _ => self.agent.get(&url),
        };
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let resp = req.call().unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let all = resp
            .headers()
            .iter()
            .filter_map(|(k, v)| Some((k.as_str().to_string(), v.to_str().ok()?.to_string())))
            .collect();
        (resp.status().as_u16(), all)
    }
}

/// A signed-in account of the test's own (signed up, activated, signed in).
pub struct Account {
    pub id: i64,
    pub email: String,
    pub session: String,
}

impl Account {
    pub fn auth(&self) -> Auth<'_> {
        Auth::Cookie(&self.session)
    }
}

/// Signs up through the dashboard's own sign-up, activates through the mail.
pub fn new_account(prefix: &str) -> Account {
    new_account_with(prefix, &unique_email(prefix))
}

/// Like [`new_account`], for a given address (an invitation waiting for it).
pub fn new_account_with(prefix: &str, email: &str) -> Account {
    let email = email.to_string();
    let password = strong_password();
    remember_secret(&password);
    let form = [
        ("firstname", prefix),
        ("lastname", "Tester"),
        ("email", email.as_str()),
        ("password", password.as_str()),
        ("gender", "3"),
        ("birthdate", "846146133"),
    ];
    let created = app().call("POST", "/v1/auth/signup", Auth::None, &form, &[]);
    assert!(created.status == 200 || created.status == 201, "sign up: {}", created.body);
    let code = code_of(&app().mail_link(&email, "registration"));
    assert_eq!(app().get(&format!("/v1/activate?code={code}")).status, 200);
    let session = app().sign_in(&email, &password);
    let me = app().call("GET", "/v1/user?returns=id", Auth::Cookie(&session), &[], &[]);
    Account { id: me.json()["id"].as_i64().expect("user id"), email, session }
}

/// `owner` shares object `id` of `kind` (`products`, `applications`, `groups`) with `who`
/// at `chmod`, and `who` accepts the invitation.
pub fn share(owner: &Account, kind: &str, id: i64, who: &Account, chmod: u8) {
    let granted = app().call(
        "POST",
        &format!("/v1/{kind}/{id}/access"),
        owner.auth(),
        &[("email", &who.email), ("chmod", &chmod.to_string())],
        &[],
    );
    assert_eq!(granted.status, 201, "{}", granted.body);
    let pending = app().call("GET", &format!("/v1/{kind}/pending"), who.auth(), &[], &[]).json();
    let invitation =
        pending.as_object().unwrap().values().find(|p| p[&kind[..kind.len() - 1]]["id"] == id).expect("the invitation");
    let accepted =
        app().call("POST", &format!("/v1/{kind}/pending/{}", invitation["id"]), who.auth(), &[("grant", "true")], &[]);
    assert_eq!(accepted.status, 200, "{}", accepted.body);
}

/// The demo owner, signed in.
pub fn demo_owner() -> Account {
    let d = demo();
    let email = d["owner"]["email"].as_str().unwrap().to_string();
    let session = app().sign_in(&email, d["owner"]["password"].as_str().unwrap());
    Account { id: d["owner"]["id"].as_i64().unwrap(), email, session }
}

/// `who` puts application `id_app` on a product's record; the update must succeed.
pub fn show_on_record(who: &Account, id_product: i64, id_record: i64, id_app: i64) {
    let set = app().call(
        "POST",
        &format!("/v1/products/{id_product}/records/{id_record}"),
        who.auth(),
        &[("id_application", &id_app.to_string())],
        &[],
    );
    assert_eq!(set.status, 200, "{}", set.body);
}

/// A fresh product paired by `who` whose NFC record shows `id_app`: `(id_product, id_record, key)`.
pub fn paired_showing(who: &Account, id_app: i64) -> (i64, i64, String) {
    let (id_product, id_record, key) = new_product();
    let paired = app().call("POST", &format!("/v1/products/pair/{id_record}/{key}"), who.auth(), &[], &[]);
    assert_eq!(paired.status, 200, "{}", paired.body);
    show_on_record(who, id_product, id_record, id_app);
    (id_product, id_record, key)
}

/// A new application of `who` with one plugin from plugstore `store` (a partner's, with its
/// credentials in `data`), shown on a fresh paired object: `(id_app, record key, plugin id)`.
pub fn partner_play(who: &Account, store: &str, data: Value) -> (i64, String, i64) {
    let id_app = app().call("POST", "/v1/applications", who.auth(), &[("name", "Partner app")], &[]).json()["id"]
        .as_i64()
        .unwrap();
    let added = app().call(
        "POST",
        &format!("/v1/applications/{id_app}/plugins"),
        who.auth(),
        &[("id_plugstore", store), ("name", "Shop"), ("data", &data.to_string())],
        &[],
    );
    assert_eq!(added.status, 201, "{}", added.body);
    let (_, _, key) = paired_showing(who, id_app);
    (id_app, key, added.json()["id"].as_i64().unwrap())
}

/// A fresh, never-paired product of the demo maker with one static NFC record
/// and one QR record: `(id_product, id_record, key)` of the NFC one.
pub fn new_product() -> (i64, i64, String) {
    let id_product = 100_000 + i64::from(rand::random::<u32>() % 1_000_000_000);
    let id_record = id_product;
    let key = format!("{:032x}", rand::random::<u128>());
    let qr_key = format!("{:032x}", rand::random::<u128>());
    execute_sql(&format!(
        "INSERT INTO products (id, id_item, is_activated) VALUES ({id_product}, 1, 0);\n\
         INSERT INTO records (id, id_product, technology, token_encryption, key) VALUES \
         ({id_record}, {id_product}, 'nfc', 'static', '{key}'), ({}, {id_product}, 'qrcode', 'static', '{qr_key}');",
        id_record + 1
    ));
    (id_product, id_record, key)
}

impl TestApp {
    /// A POST with a body of the caller's own making (multipart uploads).
    pub fn post_raw(&self, path: &str, auth: Auth, content_type: &str, body: Vec<u8>) -> Answer {
        let url = format!("{}{}", self.base_url, path);
        let mut builder = ureq::http::Request::builder().method("POST").uri(&url).header("content-type", content_type);
        match auth {
            Auth::None => {}
            Auth::Bearer(t) => builder = builder.header("authorization", format!("Bearer {t}")),
            Auth::Cookie(t) => {
                builder = builder.header("cookie", format!("senzu_session={t}")).header("origin", &self.base_url)
            }
        }
        let request = builder.body(body).expect("building a request");
        read(self.agent.run(request).unwrap_or_else(|e| panic!("POST {path}: {e}")))
    }

    /// A POST with a body of the caller's own making and extra headers, no credentials.
    pub fn post_raw_with(&self, path: &str, content_type: &str, body: Vec<u8>, headers: &[(&str, &str)]) -> Answer {
        let url = format!("{}{}", self.base_url, path);
        let mut builder = ureq::http::Request::builder().method("POST").uri(&url).header("content-type", content_type);
        for (k, v) in headers {
            builder = builder.header(*k, *v);
        }
        let request = builder.body(body).expect("building a request");
        read(self.agent.run(request).unwrap_or_else(|e| panic!("POST {path}: {e}")))
    }

    /// The raw bytes and headers of a GET.
    pub fn bytes_of(&self, path: &str) -> (u16, Vec<u8>, std::collections::HashMap<String, String>) {
        let mut resp = self.agent.get(&format!("{}{}", self.base_url, path)).call().expect("GET");
        let headers = resp
            .headers()
            .iter()
            .filter_map(|(k, v)| Some((k.as_str().to_string(), v.to_str().ok()?.to_string())))
            .collect();
        let status = resp.status().as_u16();
        let bytes = resp.body_mut().with_config().limit(10 << 20).read_to_vec().unwrap_or_default();
        (status, bytes, headers)
    }
}

/// A new address of `who` (`POST /v1/addresses`), as the shop's forms save one: its id.
pub fn new_address(who: &Account) -> i64 {
    let form = [
        ("alias", "Home"),
        ("firstname", "Grace"),
        ("lastname", "Hopper"),
        ("street", "1 Harbour Road"),
        ("country_code", "FR"),
        ("city", "Lyon"),
        ("zipcode", "69007"),
        ("state", "Rhone"),
    ];
    let made = app().call("POST", "/v1/addresses", who.auth(), &form, &[]);
    assert_eq!(made.status, 201, "{}", made.body);
    made.json()["id"].as_i64().expect("address id")
}
