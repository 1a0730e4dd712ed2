//! The hot path: a tap or a scan resolves to a play, then the answer. A static
//! scan is one D1 read; a dynamic tap of a chip whose keys derive from the
//! master (AN10922) is verified before any read, so one D1 batch advances its
//! counter and reads the play; other dynamic taps (sealed keys) read, verify,
//! then run the counter batch. The insight event goes to a queue after the response
//! (`wait_until`), and its consumer writes it (events/).

mod exchange;
mod repo;

pub use exchange::{exchange_contact, forget_hash};

use std::collections::BTreeMap;

use senzu_core::custom_plugin::CustomSpec;
use senzu_core::entry::PlayRef;
use senzu_core::insight_event::{InsightEvent, Opened, EVENT_ID_LEN};
use senzu_core::mail::MailType;
use senzu_core::play::{self, Background, Color, Lost, Play, PlayPage, PlayPluginSource, PlaySource};
use senzu_core::plugins::{Action, Kind, Lang};
use senzu_core::rate::{Limit, Who};
use senzu_core::schedule::Schedule;
use senzu_core::secrets::{self, MasterKey};
use senzu_core::sun::{self, Key16, KeySource, Mode, SunError, TagUid};
use senzu_core::useragent;
use senzu_core::visit::{self, Passes, Visit, VISIT_WINDOW_SECONDS};
use senzu_core::{password, ApiError, ErrorCode};
use worker::{Context as WorkerContext, D1Database, Env, Request};

use crate::auth::limits;
use crate::error::{AppError, AppResult, Context};
use crate::partners::{self, PartnerPlugin};
use repo::{PlayRow, PluginRow};

/// What the visitor sent besides the path.
pub struct Visitor {
    pub lang: Lang,
    /// As the visitor's browser sent it: passed on to partners that localise.
    pub accept_language: String,
    pub password: Option<String>,
    pub user_agent: String,
    pub ip: String,
    pub country: Option<String>,
    pub coordinates: Option<(f64, f64)>,
    pub now: i64,
    /// The `Cookie` header: visit and unlock passes are read from it.
    cookies: Option<String>,
}

impl Visitor {
    pub fn from_request(req: &Request, password: Option<String>) -> Self {
        let header = |name: &str| req.headers().get(name).ok().flatten();
        let cf = req.cf();
        Visitor {
            lang: Lang::from_accept_language(&header("accept-language").unwrap_or_default()),
            accept_language: header("accept-language").unwrap_or_else(|| "en".into()).chars().take(100).collect(),
            password: password.filter(|p| !p.is_empty()),
            user_agent: header("user-agent").unwrap_or_default(),
            ip: header("cf-connecting-ip").unwrap_or_else(|| "unknown".into()),
            country: cf.and_then(|c| c.country()),
            coordinates: cf.and_then(|c| c.coordinates()).map(|(lat, lon)| (f64::from(lat), f64::from(lon))),
            now: (worker::Date::now().as_millis() / 1000) as i64,
            cookies: header("cookie"),
        }
    }

    fn cookie(&self, name: &str) -> Option<&str> {
        crate::http::cookie_value(self.cookies.as_deref()?, name)
    }
}

/// A visit or unlock pass as an HttpOnly cookie that lasts as long as a visit.
fn pass_cookie(name: &str, value: &str) -> String {
    format!("{name}={value}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age={VISIT_WINDOW_SECONDS}")
}

/// A resolved play, or the error page it must show (with the lost details for 465).
pub struct Resolved {
    pub page: PlayPage,
    row: Option<PlayRow>,
    plugins: Vec<PluginRow>,
    /// `Set-Cookie` values for the answer: a new visit's pass, an unlock.
    pub cookies: Vec<String>,
}

impl Resolved {
    pub fn id_record(&self) -> Option<i64> {
        self.row.as_ref().and_then(|r| r.id_record)
    }

    pub fn id_product(&self) -> Option<i64> {
        self.row.as_ref().and_then(|r| r.id_product)
    }

    pub fn id_application(&self) -> Option<i64> {
        self.row.as_ref().and_then(|r| r.id_application)
    }

    pub fn status(&self) -> u16 {
        self.page.error.as_ref().and_then(ApiError::kind).map_or(200, ErrorCode::http_status)
    }
}

fn fail(code: ErrorCode, message: &str) -> ApiError {
    ApiError::new(code, message)
}

/// Resolves a play. Errors a visitor can cause come back as a page with an error;
/// only infrastructure failures are `Err`.
pub async fn resolve(env: &Env, play_ref: &PlayRef, visitor: &Visitor) -> AppResult<Resolved> {
    let db = env.d1("DB").context("binding DB")?;
    let master = crate::keys::master_key(env)?;
    let mut verified = None;
    let row = match play_ref {
        PlayRef::Static { key } => repo::by_key(&db, key).await?,
        PlayRef::Dynamic { id_record, .. } => match derived_tap(&master, play_ref) {
            // The usual chip: proven before any read, so one batch advances and reads.
            Some(tap) => {
                let uid = tap.uid.to_hex();
                let (row, advance) =
                    repo::verified_tap(&db, *id_record, tap.encryption, &uid, tap.ctr, visitor.now).await?;
                verified = row.as_ref().filter(|r| tap.fits(r)).map(|_| (tap.ctr, advance));
                row
            }
            None => repo::by_id(&db, *id_record).await?,
        },
        PlayRef::Shared { public_key } => repo::by_share(&db, public_key).await?,
    };
    let mut resolved = Resolved {
        page: PlayPage {
            lang: visitor.lang,
            segment: play_ref.to_segment(),
            play: None,
            error: None,
            lost: None,
            pair: None,
        },
        row: None,
        plugins: Vec::new(),
        cookies: Vec::new(),
    };
    let Some(row) = row else {
        resolved.page.error = Some(fail(ErrorCode::NotFound, "no play at this address"));
        return Ok(resolved);
    };
    if let Err(error) = check(&db, &master, play_ref, &row, verified, visitor, &mut resolved.cookies).await? {
        if error.code == ErrorCode::ProductLost.code() {
            resolved.page.lost = Some(Lost { message: row.lost_message.clone() });
        }
        if error.code == ErrorCode::NotActivated.code() {
            // Where the page's "pair it to my account" posts: the record and its key, or the signed tap.
            resolved.page.pair = match (play_ref, row.id_record) {
                (PlayRef::Static { key }, Some(id)) => Some(format!("{id}/{key}")),
                (PlayRef::Dynamic { .. }, _) => Some(play_ref.to_segment()),
                _ => None,
            };
        }
        resolved.page.error = Some(error);
        resolved.row = Some(row);
        return Ok(resolved);
    }
    let mut plugins: Vec<PluginRow> =
        row.plugins.as_deref().and_then(|p| serde_json::from_str(p).ok()).unwrap_or_default();
    // In play order; plugins scheduled for other times of day are not on the play (nor openable).
    let empty = serde_json::Map::new();
    plugins.sort_by_key(|p| p.source(&empty, None).order());
    plugins.retain(|p| p.source(&empty, None).is_shown(visitor.now));
    let mut play = build_play(&row, &plugins, visitor);
    fill_partner_content(env, &db, &master, &mut play, &plugins, visitor).await;
    resolved.page.play = Some(play);
    resolved.plugins = plugins;
    resolved.row = Some(row);
    Ok(resolved)
}

/// Every check, in an order that tells a forger nothing: signature and chip
/// first, then anti-replay and the visit's browser, then the product's state,
/// then the password. Passes to hand the browser go into `cookies`. `verified`:
/// a dynamic tap already proven for this record and its counter batch run
/// (`derived_tap`); otherwise the tap is verified and the counter advanced here.
async fn check(
    db: &D1Database,
    master: &MasterKey,
    play_ref: &PlayRef,
    row: &PlayRow,
    verified: Option<(u32, repo::Advance)>,
    visitor: &Visitor,
    cookies: &mut Vec<String>,
) -> AppResult<Result<(), ApiError>> {
    let passes = Passes::new(master);
    if let PlayRef::Shared { .. } = play_ref {
        if row.share_enabled != Some(1) {
            return Ok(Err(fail(ErrorCode::NotFound, "this share link is disabled")));
        }
        if row.date_expired.is_some_and(|t| t <= visitor.now) {
            return Ok(Err(fail(ErrorCode::DelayExpired, "this share link has expired")));
        }
    }
    // A share link through a record stops with the record.
    if row.record_enabled != Some(1) {
        return Ok(Err(fail(ErrorCode::RecordDisabled, "this record is disabled")));
    }
    let encryption = row.token_encryption.as_deref().unwrap_or("static");
    match play_ref {
        PlayRef::Static { .. } if encryption != "static" => {
            // A dynamic record's printed key must not bypass the signed tap.
            return Ok(Err(fail(ErrorCode::Forbidden, "this record only opens with a signed tap")));
        }
        PlayRef::Dynamic { id_record, .. } => {
            let (ctr, adv) = match verified {
                Some(done) => done,
                None => match verify_and_advance(db, master, play_ref, *id_record, row, encryption, visitor.now).await?
                {
                    Ok(done) => done,
                    Err(refused) => return Ok(Err(refused)),
                },
            };
            match visit::decide(ctr, adv.advanced, adv.last_ctr, adv.window_start, visitor.now) {
                // The visit belongs to the browser that opened it first.
                Visit::New => {
                    cookies.push(pass_cookie(&visit::visit_cookie(*id_record), &passes.visit(*id_record, ctr)))
                }
                Visit::Same if passes.is_visit(*id_record, ctr, visitor.cookie(&visit::visit_cookie(*id_record))) => {}
                Visit::Same => {
                    worker::console_warn!("security: tap URL of record {id_record} reused from another browser");
                    return Ok(Err(fail(ErrorCode::DelayExpired, "this tap has expired: tap the object again")));
                }
                Visit::Expired => {
                    return Ok(Err(fail(ErrorCode::DelayExpired, "this tap has expired: tap the object again")))
                }
                Visit::Replayed => {
                    worker::console_warn!(
                        "security: replayed tap on record {id_record}: counter {ctr} below {:?}",
                        adv.last_ctr
                    );
                    return Ok(Err(fail(ErrorCode::DelayExpired, "this tap has expired: tap the object again")));
                }
            }
        }
        _ => {}
    }
    if row.id_product.is_some() && row.is_activated != Some(1) {
        return Ok(Err(fail(ErrorCode::NotActivated, "this product is not activated yet")));
    }
    if row.is_lost == Some(1) {
        return Ok(Err(fail(ErrorCode::ProductLost, "this product has been reported lost")));
    }
    if row.id_application.is_none() || row.app_enabled != Some(1) {
        return Ok(Err(fail(ErrorCode::MissingApplication, "there is no application on this object yet")));
    }
    let Some(lock) = row.app_password.as_deref() else { return Ok(Ok(())) };
    // Unlocked once on this play: the password does not travel again.
    let (id_app, scope) = (row.id_application.unwrap_or_default(), play_ref.to_segment());
    let unlock = visit::unlock_cookie(id_app);
    if passes.is_unlock(id_app, lock, &scope, visitor.cookie(&unlock), visitor.now) {
        return Ok(Ok(()));
    }
    let which = Lock { object: "application", id: id_app };
    let opened =
        require_password(db, master, which, Some(lock), visitor, "this application is protected by a password").await?;
    if opened.is_ok() {
        cookies.push(pass_cookie(&unlock, &passes.unlock(id_app, lock, &scope, visitor.now + VISIT_WINDOW_SECONDS)));
    }
    Ok(opened)
}

/// A tap checked against the keys and chip its record says, then its counter
/// advanced (the second D1 round trip): records with sealed keys, and any tap
/// that did not verify as the record's own under derived keys.
async fn verify_and_advance(
    db: &D1Database,
    master: &MasterKey,
    play_ref: &PlayRef,
    id_record: i64,
    row: &PlayRow,
    encryption: &str,
    now: i64,
) -> AppResult<Result<(u32, repo::Advance), ApiError>> {
    let mode = match encryption {
        "aes-128" => Mode::Aes,
        "lrp-128" => Mode::Lrp,
        _ => return Ok(Err(fail(ErrorCode::BadArgument, "this record is not dynamic"))),
    };
    let keys = match sun_keys(master, row.sun_keys.as_deref(), row.key_version) {
        Some(k) => k,
        None => {
            return Err(AppError::Internal {
                context: "sun keys",
                cause: format!("record {id_record} has unusable SUN keys"),
            })
        }
    };
    // A record that was never encoded has no chip: no tap can be its own.
    let Some(tag) = row.uid.as_deref().and_then(|u| TagUid::parse_hex(u).ok()) else {
        worker::console_warn!("security: tap on record {id_record}, which is bound to no tag");
        return Ok(Err(fail(ErrorCode::Forbidden, "invalid tag signature")));
    };
    // Signature and chip binding both come before the counter moves.
    let message = play_ref.sun_message(mode).unwrap_or(Err(SunError::BadMac));
    let mac_input = play_ref.mac_input();
    let mut promote = None;
    let mut verified = message.clone().and_then(|m| sun::verify_bound(&keys, &m, mac_input.as_bytes(), &tag));
    // A key rotation waits for this chip: a tap under the new version proves it was re-encoded.
    // (Under the old meta read key the PICC data decrypts to noise: any refusal but a malformed one.)
    let refused = matches!(&verified, Err(e) if !matches!(e, SunError::BadHex { .. } | SunError::WrongLength { .. }));
    if let (true, Some(next)) = (refused, rotation_target(row)) {
        let newer = KeySource::Versioned { master: master.tag_master(), version: next };
        if let Ok(data) = message.and_then(|m| sun::verify_bound(&newer, &m, mac_input.as_bytes(), &tag)) {
            worker::console_log!("record {id_record}: re-encoded chip proved key version {next}");
            (verified, promote) = (Ok(data), Some(next));
        }
    }
    let data = match verified {
        Ok(d) => d,
        Err(SunError::BadHex { .. } | SunError::WrongLength { .. }) => {
            return Ok(Err(fail(ErrorCode::BadArgument, "bad argument: picc_data does not fit this record")))
        }
        Err(e) => {
            worker::console_warn!("security: refused tap on record {id_record}: {}", e.kind());
            return Ok(Err(fail(ErrorCode::Forbidden, "invalid tag signature")));
        }
    };
    let Some(ctr) = data.read_ctr else {
        return Ok(Err(fail(ErrorCode::Forbidden, "invalid tag signature")));
    };
    Ok(Ok((ctr, repo::advance_counter(db, id_record, ctr, now, promote).await?)))
}

/// The key version a rotation waits to re-encode this derived-keys chip with.
fn rotation_target(row: &PlayRow) -> Option<u8> {
    (row.sun_keys.as_deref() == Some("derived"))
        .then_some(row.key_version_next)
        .flatten()
        .and_then(|v| u8::try_from(v).ok())
}

/// A tap that verifies under the keys derived from the master (AN10922), the
/// way records with `sun_keys = 'derived'` are keyed: what it proves, found
/// before any D1 read.
struct DerivedTap {
    encryption: &'static str,
    uid: TagUid,
    ctr: u32,
}

fn derived_tap(master: &MasterKey, play_ref: &PlayRef) -> Option<DerivedTap> {
    let keys = KeySource::Derived { master: master.tag_master() };
    let mac_input = play_ref.mac_input();
    [(Mode::Aes, "aes-128"), (Mode::Lrp, "lrp-128")].into_iter().find_map(|(mode, encryption)| {
        let message = play_ref.sun_message(mode)?.ok()?;
        let data = sun::verify(&keys, &message, mac_input.as_bytes()).ok()?;
        Some(DerivedTap { encryption, uid: data.uid?, ctr: data.read_ctr? })
    })
}

impl DerivedTap {
    /// Whether the record is one this tap opens — enabled, of this mode, keyed by
    /// derivation at version 0 (what this tap verified under) and bound to this
    /// chip: what the full check verifies first, and what the counter batch
    /// required to advance (repo::verified_tap). The tap's UID is the one its
    /// verification under these keys authenticated, so comparing it is
    /// `sun::verify_bound` without running the same cryptography a second time.
    fn fits(&self, row: &PlayRow) -> bool {
        row.record_enabled == Some(1)
            && row.token_encryption.as_deref() == Some(self.encryption)
            && row.sun_keys.as_deref() == Some("derived")
            && row.key_version == Some(0)
            && row.uid.as_deref().and_then(|u| TagUid::parse_hex(u).ok()).is_some_and(|tag| tag.is(&self.uid))
    }
}

/// Which lock a password opens, for its attempt limit.
struct Lock {
    object: &'static str,
    id: i64,
}

/// A lock (application or plugin): open without a stored hash, else only with
/// the right password. Each guess takes an attempt per lock and per hashed IP
/// *before* the PBKDF2 runs (429 with Retry-After past the limit); the right
/// password gives it back.
async fn require_password(
    db: &D1Database,
    master: &MasterKey,
    lock: Lock,
    stored: Option<&str>,
    visitor: &Visitor,
    locked: &str,
) -> AppResult<Result<(), ApiError>> {
    let (hash, given) = match (stored, visitor.password.as_deref()) {
        (None, _) => return Ok(Ok(())),
        (Some(_), None) => return Ok(Err(fail(ErrorCode::WrongPassword, locked))),
        (Some(hash), Some(given)) => (hash, given),
    };
    let ip_hash = master.ip_hash(visitor.now.div_euclid(86_400), &visitor.ip);
    let [per_lock, per_ip] = limits::lock(lock.object, lock.id, &ip_hash);
    let attempts = [&per_lock, &per_ip];
    limits::reserve(db, &attempts, visitor.now, "too many wrong passwords: wait before trying again").await?;
    if !password::verify(given, hash) {
        return Ok(Err(fail(ErrorCode::WrongPassword, "wrong password")));
    }
    limits::forget(db, &[], &attempts).await?;
    Ok(Ok(()))
}

/// `derived` → AN10922 from the master at the record's key version; otherwise
/// sealed meta || file read keys.
fn sun_keys(master: &MasterKey, stored: Option<&str>, version: Option<i64>) -> Option<KeySource> {
    match stored? {
        "derived" => Some(KeySource::Versioned {
            master: master.tag_master(),
            version: u8::try_from(version.unwrap_or(0)).ok()?,
        }),
        sealed => {
            let bytes = master.open(secrets::SUN_KEYS, sealed).ok()?;
            let (meta, file) = bytes.split_at_checked(16)?;
            Some(KeySource::Explicit {
                meta_read: Key16(meta.try_into().ok()?),
                file_read: Key16(file.try_into().ok()?),
            })
        }
    }
}

/// What opening plugin `p` does: core's rule, the one its tile is built with.
fn plugin_action(p: &PluginRow) -> (Option<Kind>, Option<Action>) {
    let data: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&p.data).unwrap_or_default();
    let spec = p.custom_spec();
    p.source(&data, spec.as_ref()).opened().map_or((None, None), |(kind, action)| (Some(kind), action))
}

/// The play of a row and its plugins (already in play order and shown now), by core's one builder.
fn build_play(row: &PlayRow, plugins: &[PluginRow], visitor: &Visitor) -> Play {
    let data: Vec<serde_json::Map<String, serde_json::Value>> =
        plugins.iter().map(|p| serde_json::from_str(&p.data).unwrap_or_default()).collect();
    let specs: Vec<Option<CustomSpec>> = plugins.iter().map(PluginRow::custom_spec).collect();
    let sources: Vec<PlayPluginSource<'_>> =
        plugins.iter().zip(&data).zip(&specs).map(|((p, data), spec)| p.source(data, spec.as_ref())).collect();
    let app = PlaySource {
        id: row.id_application.unwrap_or_default(),
        name: row.name.as_deref().unwrap_or_default(),
        alias_name: row.alias_name.as_deref(),
        subtitle: row.subtitle.as_deref(),
        url_image: row.url_image.as_deref(),
        color: row.color.as_deref().and_then(Color::parse),
        background_color: row.background_color.as_deref().and_then(Background::parse),
    };
    // Stored file URLs are relative already: no origin to strip.
    let viewer = play::Viewer { now: visitor.now, coordinates: visitor.coordinates, origin: "" };
    play::build(&app, &sources, &viewer)
}

impl PluginRow {
    /// A developer's plugin's published form and action (a row of Senzu's own
    /// kinds has none; one that does not parse makes no tile).
    fn custom_spec(&self) -> Option<CustomSpec> {
        self.spec.as_deref().and_then(|s| serde_json::from_str(s).ok())
    }

    /// As core's play builder reads it (with its published form, for a
    /// developer's plugin); the query keeps enabled plugins only.
    fn source<'a>(
        &'a self,
        data: &'a serde_json::Map<String, serde_json::Value>,
        spec: Option<&'a CustomSpec>,
    ) -> PlayPluginSource<'a> {
        PlayPluginSource {
            id: self.id,
            name: &self.name,
            kind: &self.kind,
            data,
            is_locked: self.password_hash.is_some(),
            is_enabled: true,
            sort_order: self.sort_order,
            schedule: self.filters.as_deref().and_then(|f| Schedule::parse(f).ok()),
            custom: spec.map(|s| (s, self.id_icon)),
        }
    }
}

/// A partner plugin's connector, with its secrets and cached token opened.
fn connector<'a>(
    env: &Env,
    db: &'a D1Database,
    master: &'a MasterKey,
    p: &PluginRow,
    kind: Kind,
    visitor: &'a Visitor,
) -> PartnerPlugin<'a> {
    // Secrets and token open only if sealed for this plugin and this address of its partner.
    let base = partners::base_for(env, kind);
    PartnerPlugin {
        id: p.id,
        kind,
        data: serde_json::from_str(&p.data).unwrap_or_default(),
        secrets: partners::open_secrets(master, p.id, &base, p.secrets.as_deref()),
        token: partners::open_token(master, p.id, &base, p.token.as_deref(), p.token_until, visitor.now),
        db,
        master,
        now: visitor.now,
        base,
        lang: &visitor.accept_language,
    }
}

/// What a partner plugin shows now; a partner that fails makes it "unavailable", never the play.
async fn partner_action(
    env: &Env,
    db: &D1Database,
    master: &MasterKey,
    p: &PluginRow,
    kind: Kind,
    visitor: &Visitor,
) -> Action {
    let mut c = connector(env, db, master, p, kind, visitor);
    match c.content().await {
        Ok(action) => action,
        Err(failure) => {
            // The kind of failure only: never the credentials, the token or the partner's body.
            worker::console_warn!("partner plugin {} unavailable: {}", p.id, failure);
            Action::Unavailable { message: failure_for_visitors(visitor.lang) }
        }
    }
}

fn failure_for_visitors(lang: Lang) -> String {
    match lang {
        Lang::Fr => "Ce contenu n'est pas disponible pour le moment.".into(),
        Lang::En => "This content is not available right now.".into(),
    }
}

/// Fetches every unlocked partner plugin's content, all at once, within the partners' budget.
async fn fill_partner_content(
    env: &Env,
    db: &D1Database,
    master: &MasterKey,
    play: &mut Play,
    rows: &[PluginRow],
    visitor: &Visitor,
) {
    let wanted: Vec<(usize, &PluginRow, Kind)> = play
        .plugins
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind.is_partner() && !p.is_locked)
        .filter_map(|(i, p)| Some((i, rows.iter().find(|r| r.id == p.id)?, p.kind)))
        .collect();
    if wanted.is_empty() {
        return;
    }
    let actions = futures_util::future::join_all(
        wanted.iter().map(|(_, row, kind)| partner_action(env, db, master, row, *kind, visitor)),
    )
    .await;
    for ((i, _, _), action) in wanted.into_iter().zip(actions) {
        play.plugins[i].action = Some(action);
    }
}

/// A plugin of this play (of `kind`, if given) whose lock, if any, the visitor's
/// password opens; with the database and master key the caller goes on with.
async fn unlocked_plugin<'r>(
    env: &Env,
    resolved: &'r Resolved,
    id_plugin: i64,
    kind: Option<Kind>,
    visitor: &Visitor,
    missing: &str,
) -> AppResult<(&'r PluginRow, D1Database, MasterKey)> {
    let p = resolved
        .plugins
        .iter()
        .find(|p| p.id == id_plugin && kind.is_none_or(|k| p.kind == k.id()))
        .ok_or_else(|| AppError::Api(fail(ErrorCode::NotFound, missing)))?;
    let db = env.d1("DB").context("binding DB")?;
    let master = crate::keys::master_key(env)?;
    let lock = Lock { object: "plugin", id: p.id };
    require_password(&db, &master, lock, p.password_hash.as_deref(), visitor, "this plugin is protected by a password")
        .await?
        .map_err(AppError::Api)?;
    Ok((p, db, master))
}

/// A visitor's quote request through a Sengerio plugin of this play.
pub async fn send_quote(
    env: &Env,
    resolved: &Resolved,
    id_plugin: i64,
    visitor: &Visitor,
    values: &senzu_core::api::form::Args,
) -> AppResult<Result<(), partners::Failure>> {
    let missing = "no quote form with this id on this play";
    let (p, db, master) =
        unlocked_plugin(env, resolved, id_plugin, Some(Kind::SengerioQuote), visitor, missing).await?;
    // The visitor's own mistakes are named and cost nothing; only what would reach the partner counts.
    if let Err(why) = senzu_core::partners::sengerio::quote_form(values) {
        return Ok(Err(partners::Failure::Invalid(why)));
    }
    let who = master.limit_key(&visitor.ip);
    crate::rate::hit(&db, Limit::Quote, p.id, Who::Visitor(&who), visitor.now).await?;
    let mut c = connector(env, &db, &master, p, Kind::SengerioQuote, visitor);
    Ok(c.send_quote(values).await)
}

/// Opens one plugin of a resolved play: its action, once its password (if any) is right.
pub async fn open_plugin(
    env: &Env,
    resolved: &Resolved,
    id_plugin: i64,
    visitor: &Visitor,
) -> AppResult<senzu_core::api::plays::OpenedPlugin> {
    let (p, db, master) =
        unlocked_plugin(env, resolved, id_plugin, None, visitor, "no such plugin on this play").await?;
    let (kind, mut action) = plugin_action(p);
    if let Some(kind) = kind.filter(|k| k.is_partner()) {
        action = Some(partner_action(env, &db, &master, p, kind, visitor).await);
    }
    let exec = match &action {
        Some(Action::Link { href }) => href.clone(),
        _ => String::new(),
    };
    Ok(senzu_core::api::plays::OpenedPlugin { id: p.id, name: p.name.clone(), plugin_exec: exec, action })
}

/// Sends the play's insight event (or its plugin open's) to the events queue
/// once the response has gone: the request path writes no insight row itself.
pub fn record_later(ctx: &WorkerContext, env: &Env, resolved: &Resolved, visitor: &Visitor, id_plugin: Option<i64>) {
    let (Some(row), None) = (&resolved.row, &resolved.page.error) else { return };
    let Ok(master) = crate::keys::master_key(env) else { return };
    let Ok(id) = crate::auth::crypto::random_hex(EVENT_ID_LEN / 2) else {
        worker::console_error!("insight event dropped: no randomness for its id");
        return;
    };
    let client = useragent::classify(&visitor.user_agent);
    let ip_hash = master.ip_hash(visitor.now.div_euclid(86_400), &visitor.ip);
    let event = InsightEvent {
        id,
        opened: if id_plugin.is_some() { Opened::Plugin } else { Opened::Play },
        id_record: row.id_record,
        id_product: row.id_product,
        id_application: row.id_application,
        id_plugin,
        device_hash: secrets::sha256_hex(&[ip_hash.as_bytes(), visitor.user_agent.as_bytes()])[..32].to_string(),
        ip_hash,
        lang: visitor.lang.code().to_string(),
        country: visitor.country.clone(),
        latitude: visitor.coordinates.map(|c| c.0),
        longitude: visitor.coordinates.map(|c| c.1),
        browser: client.browser.into(),
        device_type: client.device_type.into(),
        platform: client.platform.into(),
        at: visitor.now,
    };
    crate::events::send_later(ctx, env, event);
}

/// A finder's message to the owner of a lost product: kept for the product's
/// page and mailed to the owner in the same batch (the owner's address is never shown).
pub async fn lost_report(
    env: &Env,
    ctx: &WorkerContext,
    resolved: &Resolved,
    visitor: &Visitor,
    report: FinderReport<'_>,
) -> AppResult<()> {
    let is_lost = resolved.page.error.as_ref().is_some_and(|e| e.code == ErrorCode::ProductLost.code());
    let id_product = resolved.row.as_ref().and_then(|r| r.id_product);
    let (true, Some(id_product)) = (is_lost, id_product) else {
        return Err(AppError::api(ErrorCode::BadRequest, "this product is not reported lost"));
    };
    let db = env.d1("DB").context("binding DB")?;
    let who = crate::keys::master_key(env)?.limit_key(&visitor.ip);
    crate::rate::hit(&db, Limit::LostReport, id_product, Who::Visitor(&who), visitor.now).await?;
    let mut batch = vec![repo::insert_lost_report(&db, id_product, report.message, report.contact)?];
    if let Some(owner) = repo::lost_owner(&db, id_product).await? {
        let lang = Lang::from_accept_language(&owner.language);
        let mut data = BTreeMap::new();
        data.insert("firstname", owner.firstname.unwrap_or_default());
        data.insert("object", owner.alias.unwrap_or_else(|| format!("#{id_product}")));
        data.insert("message", report.message.to_string());
        if let Some(contact) = report.contact {
            data.insert("contact", contact.to_string());
        }
        data.insert("product_url", format!("{}/dashboard/products/{id_product}", report.origin));
        batch.push(crate::mailer::compose(&db, None, MailType::FinderMessage, lang, &owner.email, &data).await?);
    }
    db.batch(batch).await.context("keep and mail a finder's message")?;
    crate::mailer::deliver_later(env, ctx);
    Ok(())
}

/// What a finder sent, and the origin the owner's link points to.
pub struct FinderReport<'a> {
    pub message: &'a str,
    pub contact: Option<&'a str>,
    pub origin: &'a str,
}
