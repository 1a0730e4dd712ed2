//! The connector layer: calls to partner APIs on behalf of a plugin's owner.
//! The owner's credentials are write-only plugin fields, sealed with AES-GCM
//! under a key derived from MASTER_KEY, each bound to the plugin, its field and
//! the partner's address here (core::partners::vault); they are opened here, used for one call, and never returned or logged.
//! Every call has a 3-second budget and GETs get one retry; a partner that is
//! down, slow or garbled makes its plugin "unavailable", never the play fail.
//! Eduzz JWTs are kept (sealed) until shortly before they lapse.
//! Where a partner lives is core's (`Partner::base_url`) or this deployment's
//! configuration — never plugin data.

use std::time::Duration;

use futures_util::future::{select, Either};
use senzu_core::partners::vault::{self, Binding};
use senzu_core::partners::{eduzz, sengerio, Partner};
use senzu_core::plugins::{Action, Kind};
use senzu_core::secrets::MasterKey;
use serde_json::{Map, Value};
use worker::{D1Database, Delay, Env, Fetch, Headers, Method, Request, RequestInit};

use crate::db::{self, int, text};
use crate::error::{AppError, AppResult};

const BUDGET: Duration = Duration::from_secs(3);

/// A partner plugin's stored secrets, opened: only those sealed for this
/// plugin, their own field and the partner's address here (`base`); none when
/// the address is misconfigured.
pub fn open_secrets(
    master: &MasterKey,
    id_plugin: i64,
    base: &Result<String, Failure>,
    sealed: Option<&str>,
) -> Map<String, Value> {
    match (base, sealed) {
        (Ok(base_url), Some(stored)) => vault::open_credentials(master, Binding { id_plugin, base_url }, stored),
        _ => Map::new(),
    }
}

/// Seals a plugin's secrets, each with a fresh nonce, bound to the plugin, the
/// field and the partner's address here (core::partners::vault).
pub fn seal_secrets(
    master: &MasterKey,
    id_plugin: i64,
    base: &Result<String, Failure>,
    secrets: &Map<String, Value>,
) -> AppResult<String> {
    let base_url =
        base.as_ref().map_err(|f| AppError::Internal { context: "partner address", cause: f.to_string() })?;
    vault::seal_credentials(master, Binding { id_plugin, base_url }, secrets, crate::auth::crypto::nonce)
}

/// Where a plugin kind's partner lives here, or why it has none.
pub fn base_for(env: &Env, kind: Kind) -> Result<String, Failure> {
    match Partner::of(kind) {
        Some(partner) => base_url(env, partner),
        None => Err(Failure::Misconfigured("not a partner plugin".into())),
    }
}

/// Why a partner call did not give content (the owner reads it in "test connection").
#[derive(Debug, Clone)]
pub enum Failure {
    /// The visitor's own input is wrong (a quote request): named, not the partner's fault.
    Invalid(String),
    Down(String),
    Refused(String),
    Garbled,
    Misconfigured(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Invalid(why) => f.write_str(why),
            Failure::Down(why) => write!(f, "the partner could not be reached ({why})"),
            Failure::Refused(why) => f.write_str(why),
            Failure::Garbled => f.write_str("the partner answered something that is not its API format"),
            Failure::Misconfigured(why) => f.write_str(why),
        }
    }
}

/// An answer: status and body text.
struct Answer {
    status: u16,
    body: String,
}

/// Where `partner`'s calls go in this deployment: its documented API, or the
/// address the deployment configured (`SENZU_PARTNER_…_URL`; plain http to
/// loopback only in the `dev` build, for the tests' stubs).
pub fn base_url(env: &Env, partner: Partner) -> Result<String, Failure> {
    let configured = env.var(partner.config_var()).ok().map(|v| v.to_string());
    partner.base_url(configured.as_deref(), cfg!(feature = "dev")).map_err(|e| {
        worker::console_error!("partner address: {e}");
        Failure::Misconfigured(format!("this Senzu deployment's {} address is misconfigured", partner.name()))
    })
}

fn join(base: &str, path: &str) -> String {
    format!("{}/{}", base.trim_end_matches('/'), path.trim_start_matches('/'))
}

/// One HTTP call within the budget; GETs are tried twice.
async fn call(method: Method, url: &str, headers: &[(&str, &str)], form: Option<String>) -> Result<Answer, Failure> {
    let attempts = if method == Method::Get { 2 } else { 1 };
    let mut last = Failure::Down("no attempt".into());
    for _ in 0..attempts {
        let h = Headers::new();
        for (k, v) in headers {
            let _ = h.set(k, v);
        }
        if form.is_some() {
            let _ = h.set("content-type", "application/x-www-form-urlencoded");
        }
        let mut init = RequestInit::new();
        init.with_method(method.clone()).with_headers(h);
        if let Some(body) = &form {
            init.with_body(Some(body.clone().into()));
        }
        let Ok(request) = Request::new_with_init(url, &init) else {
            return Err(Failure::Misconfigured("the partner address is not a valid URL".into()));
        };
        let attempt = async move {
            let mut resp = Fetch::Request(request).send().await.map_err(|e| Failure::Down(e.to_string()))?;
            let status = resp.status_code();
            let body = resp.text().await.map_err(|e| Failure::Down(e.to_string()))?;
            Ok::<_, Failure>(Answer { status, body })
        };
        match select(Box::pin(attempt), Box::pin(Delay::from(BUDGET))).await {
            Either::Left((Ok(answer), _)) if answer.status < 500 => return Ok(answer),
            Either::Left((Ok(answer), _)) => last = Failure::Down(format!("it answered {}", answer.status)),
            Either::Left((Err(e), _)) => last = e,
            Either::Right(_) => last = Failure::Down("no answer within 3 seconds".into()),
        }
    }
    Err(last)
}

fn form_body(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", senzu_core::plugins::encode(k), senzu_core::plugins::encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// What a partner plugin needs to run: its data, its opened secrets, its cached token.
pub struct PartnerPlugin<'a> {
    pub id: i64,
    pub kind: Kind,
    pub data: Map<String, Value>,
    pub secrets: Map<String, Value>,
    pub token: Option<(String, i64)>,
    pub db: &'a D1Database,
    pub master: &'a MasterKey,
    pub now: i64,
    /// The partner's address ([`base_url`]), or why there is none.
    pub base: Result<String, Failure>,
    pub lang: &'a str,
}

fn secret<'a>(secrets: &'a Map<String, Value>, name: &str) -> Result<&'a str, Failure> {
    secrets
        .get(name)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| Failure::Misconfigured(format!("the {name} is not set in the plugin")))
}

impl PartnerPlugin<'_> {
    /// The content a tap shows, or why there is none.
    pub async fn content(&mut self) -> Result<Action, Failure> {
        match self.kind {
            Kind::EduzzProduct => {
                let id = self
                    .data
                    .get("content_id")
                    .and_then(Value::as_str)
                    .and_then(|s| s.trim().parse::<u64>().ok())
                    .ok_or_else(|| Failure::Misconfigured("the Eduzz content id is not a number".into()))?;
                let data = self.eduzz_get(&eduzz::content_path(id)).await?;
                let card = eduzz::product_card(&data).ok_or(Failure::Garbled)?;
                let label = self.data.get("button_label").and_then(Value::as_str).filter(|s| !s.is_empty());
                Ok(Action::Card {
                    title: card.title,
                    image: card.image,
                    text: card.description,
                    price: card.price.map(|p| format!("{p:.2}")),
                    button: card.checkout_url.map(|href| (label.unwrap_or("Buy").to_string(), href)),
                })
            }
            Kind::EduzzBestSellers => {
                let data = self.eduzz_get(eduzz::BEST_SELLERS_PATH).await?;
                let items = eduzz::best_sellers(&data)
                    .into_iter()
                    .map(|b| (b.title, b.logo, b.price.map(|p| format!("{p:.2}")), b.producer))
                    .collect();
                Ok(Action::List { items })
            }
            Kind::SengerioVehicle => {
                let id = self
                    .data
                    .get("vehicle_id")
                    .and_then(Value::as_str)
                    .filter(|s| s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
                    .ok_or_else(|| Failure::Misconfigured("the vehicle id is not valid".into()))?
                    .to_string();
                let answer = self.sengerio(Method::Get, &sengerio::vehicle_path(&id), None).await?;
                let body: Value = serde_json::from_str(&answer).map_err(|_| Failure::Garbled)?;
                let v = sengerio::vehicle(&body).ok_or(Failure::Garbled)?;
                let mut lines = Vec::new();
                if let Some(p) = v.plate {
                    lines.push(p);
                }
                if let Some(s) = v.seats {
                    lines.push(format!("{s} seats"));
                }
                if let Some(c) = v.category {
                    lines.push(c);
                }
                Ok(Action::Card {
                    title: v.name,
                    image: v.image,
                    text: Some([lines.join(" · "), v.description.unwrap_or_default()].join("\n").trim().to_string()),
                    price: None,
                    button: None,
                })
            }
            Kind::SengerioQuote => Ok(Action::QuoteForm {
                title: self.data.get("title").and_then(Value::as_str).unwrap_or("Charter quote").to_string(),
            }),
            _ => Err(Failure::Misconfigured("not a partner plugin".into())),
        }
    }

    /// "Test connection": one real call with the stored credentials.
    pub async fn test(&mut self) -> Result<(), Failure> {
        match self.kind {
            Kind::EduzzProduct | Kind::EduzzBestSellers => {
                self.token = None;
                self.eduzz_token().await.map(|_| ())
            }
            Kind::SengerioQuote | Kind::SengerioVehicle => {
                self.sengerio(Method::Get, sengerio::VEHICLES_PATH, None).await.map(|_| ())
            }
            _ => Err(Failure::Misconfigured("not a partner plugin".into())),
        }
    }

    /// A visitor's quote request, sent on with the visitor's language.
    pub async fn send_quote(&mut self, values: &senzu_core::api::form::Args) -> Result<(), Failure> {
        let fields = sengerio::quote_form(values).map_err(Failure::Invalid)?;
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.sengerio(Method::Post, sengerio::QUOTE_PATH, Some(form_body(&pairs))).await.map(|_| ())
    }

    async fn sengerio(&self, method: Method, path: &str, form: Option<String>) -> Result<String, Failure> {
        let token = secret(&self.secrets, "private_token")?;
        let base = self.base.clone()?;
        let auth = format!("Bearer {token}");
        let answer =
            call(method, &join(&base, path), &[("authorization", &auth), ("accept-language", self.lang)], form).await?;
        match answer.status {
            200..=299 => Ok(answer.body),
            401 | 403 => Err(Failure::Refused("Sengerio refused the private token".into())),
            404 => Err(Failure::Refused("Sengerio has no such item".into())),
            s => Err(Failure::Refused(format!("Sengerio refused the request ({s})"))),
        }
    }

    /// A valid Eduzz JWT: the cached one, or a new one (kept for the next plays).
    async fn eduzz_token(&mut self) -> Result<String, Failure> {
        if let Some((token, until)) = &self.token {
            if *until > self.now {
                return Ok(token.clone());
            }
        }
        let base = self.base.clone()?;
        let form = form_body(&[
            ("email", secret(&self.secrets, "email")?),
            ("publickey", secret(&self.secrets, "publickey")?),
            ("apikey", secret(&self.secrets, "apikey")?),
        ]);
        let answer = call(Method::Post, &join(&base, eduzz::TOKEN_PATH), &[], Some(form)).await?;
        let envelope = eduzz::parse(&answer.body).map_err(eduzz_failure)?;
        let (token, until) = eduzz::token_of(&envelope, self.now).ok_or(Failure::Garbled)?;
        self.keep_token(&token, until).await;
        self.token = Some((token.clone(), until));
        Ok(token)
    }

    async fn keep_token(&self, token: &str, until: i64) {
        // No nonce, no cache: the token is simply fetched again next time (never a fixed nonce).
        let nonce = match crate::auth::crypto::nonce() {
            Ok(n) => n,
            Err(e) => return e.log("partner token"),
        };
        let Ok(base_url) = self.base.as_deref() else { return };
        let sealed = vault::seal_token(self.master, Binding { id_plugin: self.id, base_url }, nonce, token);
        let kept = db::run(
            self.db,
            "INSERT INTO partner_tokens (id_plugin, token_sealed, valid_until) VALUES (?1, ?2, ?3) \
             ON CONFLICT (id_plugin) DO UPDATE SET token_sealed = excluded.token_sealed, valid_until = excluded.valid_until",
            &[int(self.id), text(&sealed), int(until)],
            "keep partner token",
        )
        .await;
        if let Err(e) = kept {
            e.log("partner token");
        }
    }

    /// A GET with the JWT; an expired or rejected JWT is renewed once.
    async fn eduzz_get(&mut self, path: &str) -> Result<Value, Failure> {
        let base = self.base.clone()?;
        for _ in 0..2 {
            let token = self.eduzz_token().await?;
            let answer = call(Method::Get, &join(&base, path), &[("token", &token)], None).await?;
            match eduzz::parse(&answer.body) {
                Ok(envelope) => {
                    // A refreshed token rides along in `profile`: keep it.
                    if let Some((fresh, until)) = eduzz::token_of(&envelope, self.now).filter(|(t, _)| *t != token) {
                        self.keep_token(&fresh, until).await;
                        self.token = Some((fresh, until));
                    }
                    return Ok(envelope.data);
                }
                Err(eduzz::EduzzError::TokenExpired) => self.token = None,
                Err(e) => return Err(eduzz_failure(e)),
            }
        }
        Err(Failure::Refused("Eduzz keeps refusing the session".into()))
    }
}

fn eduzz_failure(e: eduzz::EduzzError) -> Failure {
    match e {
        eduzz::EduzzError::Garbled => Failure::Garbled,
        other => Failure::Refused(other.to_string()),
    }
}

/// A cached token, opened (only while valid, and only if it was sealed for
/// this plugin and the partner's address here).
pub fn open_token(
    master: &MasterKey,
    id_plugin: i64,
    base: &Result<String, Failure>,
    sealed: Option<&str>,
    until: Option<i64>,
    now: i64,
) -> Option<(String, i64)> {
    let until = until.filter(|u| *u > now)?;
    let base_url = base.as_deref().ok()?;
    let token = vault::open_token(master, Binding { id_plugin, base_url }, sealed?)?;
    Some((token, until))
}
