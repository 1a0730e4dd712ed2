//! A partner stub on a loopback port, speaking the documented formats:
//! Eduzz (envelopes, `#00xx` codes, 15-minute JWTs in a `token` header) and
//! Sengerio (Bearer token, form-urlencoded bodies, Accept-Language). Tests
//! switch its behaviour to see the worker degrade, and read what it received.
//!
//! Partner hosts are the deployment's configuration, not plugin data, so the
//! stub listens where `cargo xtask test` told the worker its partners are
//! (`$SENZU_STATE_DIR/partner-stub`). One port per run: the tests of a binary
//! that use it take turns ([`Stub::start`] holds a lock until the stub drops).

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::Duration;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    Normal,
    /// 503 for everything.
    Down,
    /// Waits 4 s before answering (beyond the worker's 3 s budget).
    Slow,
    /// 200 with a body that is not the API's format.
    Garbage,
}

#[derive(Debug, Clone)]
pub struct Received {
    pub method: String,
    pub path: String,
    pub headers: HashMap<String, String>,
    pub body: String,
}

pub struct State {
    pub mode: Mode,
    /// Tokens issued so far; the ones in `expired` answer #0029.
    pub issued: Vec<String>,
    pub expired: Vec<String>,
    pub received: Vec<Received>,
}

pub const EMAIL: &str = "producer@eduzz.test";
pub const PUBLIC_KEY: &str = "pk-3f9c2e71a0b84d5c";
pub const API_KEY: &str = "ak-71d0e2b9c4a35f68e1";
pub const SENGERIO_TOKEN: &str = "sg-f7479feff1ad0b344fe19fay75c2eadc98ee086f";

pub struct Stub {
    pub base_url: String,
    pub state: Arc<Mutex<State>>,
    _turn: MutexGuard<'static, ()>,
}

/// The address the worker was configured with for its partners.
pub fn address() -> String {
    let state = std::env::var("SENZU_STATE_DIR").expect("SENZU_STATE_DIR is not set: run through `cargo xtask test`");
    let file = std::path::Path::new(&state).join("partner-stub");
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display())).trim().to_string()
}

/// The listener, bound once per test binary, and the state of the test whose turn it is.
fn shared() -> &'static (String, Arc<Mutex<State>>) {
    static SHARED: OnceLock<(String, Arc<Mutex<State>>)> = OnceLock::new();
    SHARED.get_or_init(|| {
        let address = address();
        let listener =
            TcpListener::bind(&address).unwrap_or_else(|e| panic!("binding the partner stub {address}: {e}"));
        let state =
            Arc::new(Mutex::new(State { mode: Mode::Normal, issued: vec![], expired: vec![], received: vec![] }));
        let shared = state.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let state = shared.clone();
                std::thread::spawn(move || {
                    let _ = serve(stream, &state);
                });
            }
        });
        (format!("http://{address}"), state)
    })
}

impl Stub {
    /// The stub, fresh, for this test alone (others wait for their turn).
    pub fn start() -> Stub {
        static TURN: Mutex<()> = Mutex::new(());
        let turn = TURN.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let (base_url, state) = shared();
        *state.lock().unwrap_or_else(std::sync::PoisonError::into_inner) =
            State { mode: Mode::Normal, issued: vec![], expired: vec![], received: vec![] };
        Stub { base_url: base_url.clone(), state: state.clone(), _turn: turn }
    }

    /// Every byte the stub received in this test, all requests together (for "no credential reached it").
    pub fn all_bytes(&self) -> String {
        self.state
            .lock()
            .unwrap()
            .received
            .iter()
            .map(|r| format!("{} {} {:?} {}", r.method, r.path, r.headers, r.body))
            .collect::<Vec<_>>()
            .join("\n")
    }

    pub fn set(&self, mode: Mode) {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner).mode = mode;
    }

    pub fn token_calls(&self) -> usize {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .received
            .iter()
            .filter(|r| r.path == "/credential/generate_token")
            .count()
    }

    /// Every issued token answers #0029 from now on.
    pub fn expire_tokens(&self) {
        let mut s = self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let issued = s.issued.clone();
        s.expired.extend(issued);
    }

    pub fn received(&self, path_prefix: &str) -> Vec<Received> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .received
            .iter()
            .filter(|r| r.path.starts_with(path_prefix))
            .cloned()
            .collect()
    }

    pub fn issued(&self) -> Vec<String> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner).issued.clone()
    }
}

fn form(body: &str) -> HashMap<String, String> {
    url::form_urlencoded::parse(body.as_bytes()).into_owned().collect()
}

fn envelope_error(code: &str, details: &str) -> (u16, String) {
    let status = if matches!(code, "#0001" | "#0002" | "#0029" | "#0030" | "#0031") { 401 } else { 404 };
    (
        status,
        format!(
            r#"{{"success":false,"code":"{code}","details":"{details}","link":"https://api2.eduzz.com","profile":{{"start":1.0,"finish":1.1,"process":0.1}}}}"#
        ),
    )
}

fn valid_until() -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    senzu_core::wire::ApiDate::from_unix(now + 15 * 60).date[..19].to_string()
}

fn answer(req: &Received, state: &Arc<Mutex<State>>) -> (u16, String) {
    let token_ok = |s: &State| {
        let t = req.headers.get("token").cloned().unwrap_or_default();
        if t.is_empty() {
            Err(envelope_error("#0031", "Missing Jwt Token"))
        } else if s.expired.contains(&t) {
            Err(envelope_error("#0029", "Expired Jwt Token"))
        } else if !s.issued.contains(&t) {
            Err(envelope_error("#0030", "Invalid Jwt Token"))
        } else {
            Ok(())
        }
    };
    let bearer_ok = req.headers.get("authorization").map(String::as_str) == Some(&format!("Bearer {SENGERIO_TOKEN}"));
    let mut s = state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    match (req.method.as_str(), req.path.as_str()) {
        ("POST", "/credential/generate_token") => {
            let f = form(&req.body);
            if f.get("email").map(String::as_str) != Some(EMAIL)
                || f.get("publickey").map(String::as_str) != Some(PUBLIC_KEY)
                || f.get("apikey").map(String::as_str) != Some(API_KEY)
            {
                return envelope_error("#0002", "Unauthorized - Invalid credentials");
            }
            let token = format!("eyJ.stub-jwt-{}-{}", s.issued.len() + 1, rand::random::<u32>());
            s.issued.push(token.clone());
            (
                200,
                format!(
                    r#"{{"success":true,"data":{{"token":"{token}","token_valid_until":"{}"}},"profile":{{"start":1.0}}}}"#,
                    valid_until()
                ),
            )
        }
        ("GET", path) if path.starts_with("/content/content/") => {
            if let Err(e) = token_ok(&s) {
                return e;
            }
            if path.ends_with("/404") {
                return envelope_error("#0003", "Data not found");
            }
            (200, r#"{"success":true,"data":[{"content_id":123456,"title":"Rust for Makers","description":"A course.","price":260.35,"image":"https://cdn.eduzz.test/rust.png","checkout_url":"https://sun.eduzz.test/123456"}],"profile":{"start":1.0}}"#.into())
        }
        ("GET", "/showcase/get_best_sellers") => {
            if let Err(e) = token_ok(&s) {
                return e;
            }
            (200, r#"{"success":true,"data":[{"product_id":1,"product_title":"Best one","product_logo":"https://cdn.eduzz.test/1.jpg","producer_name":"Ada","product_price":99.9},{"product_id":2,"product_title":"Second","product_logo":null,"producer_name":"Bob","product_price":49.5}]}"#.into())
        }
        (_, path) if path.starts_with("/v1/") && !bearer_ok => (401, r#"{"error":"unauthorized"}"#.into()),
        ("GET", "/v1/vehicles") => (200, r#"{"data":[{"id":"bus-7"}]}"#.into()),
        ("GET", "/v1/vehicles/bus-7") => (
            200,
            r#"{"data":{"id":"bus-7","name":"Setra S 516 HD","plate":"AB-123-CD","seats":49,"category":"Coach"}}"#
                .into(),
        ),
        ("POST", "/v1/hire/quote_requests") => (201, r#"{"data":{"id":"q-1","status":"received"}}"#.into()),
        _ => (404, r#"{"error":"not found"}"#.into()),
    }
}

fn serve(stream: TcpStream, state: &Arc<Mutex<State>>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (method, path) = (parts.next().unwrap_or_default().to_string(), parts.next().unwrap_or_default().to_string());
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        reader.read_line(&mut h)?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let length: usize = headers.get("content-length").and_then(|l| l.parse().ok()).unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let req = Received { method, path, headers, body: String::from_utf8_lossy(&body).into_owned() };
    let mode = state.lock().unwrap_or_else(std::sync::PoisonError::into_inner).mode;
    state.lock().unwrap_or_else(std::sync::PoisonError::into_inner).received.push(req.clone());
    let (status, body) = match mode {
        Mode::Normal => answer(&req, state),
        Mode::Down => (503, "<html>Service Unavailable</html>".into()),
        Mode::Garbage => (200, "<html>Welcome to nginx!</html>".into()),
        Mode::Slow => {
            std::thread::sleep(Duration::from_secs(4));
            answer(&req, state)
        }
    };
    let mut out = stream;
    write!(
        out,
        "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )?;
    out.flush()
}
