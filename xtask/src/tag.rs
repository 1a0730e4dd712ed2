//! `cargo xtask tag …`: tools makers use to debug NTAG 424 DNA tags.
//!
//! - `tag verify --vectors FILE.json` checks every vector of a file in the format
//!   of shared/vectors/sun.json (`sun`, `plain`, `an10922`), printing `ok NAME`
//!   or `FAIL NAME: reason`; exits 1 when any fails.
//! - `tag simulate --meta-key HEX --file-key HEX --uid HEX --ctr N [--lrp]
//!   [--file-data HEX] [--mac-input TEMPLATE]` prints what the chip would write.
//! - `tag plan --record ID --host HOST [--lrp] [--key-version N] [--file-data HEX]
//!   [--master-key HEX | --keys APP:META:FILE] [--out FILE]` writes a
//!   personalization plan (core::sun::plan) as JSON.
//! - `tag program (--emulator | --reader [NAME]) --record ID --maker ID [--server URL] [--lrp]`
//!   (a maker's token in `SENZU_TOKEN`) reports the chip's UID to the worker, which binds
//!   the record to it and answers its keys, and programs the chip with them.
//! - `tag program (--emulator | --reader [NAME]) --plan FILE.json [--uid HEX]
//!   [--taps N] [--master-key HEX]` programs a chip from a plan (program.rs) and
//!   prints its UID and verified tap URLs.

use anyhow::{anyhow, bail, Context, Result};
use senzu_core::sun::{self, Key16, KeySource, Mode, SunMessage, TagUid, TapSpec};
use serde_json::Value;

use crate::flag_value;
use senzu_core::sun::plan::{self as sun_plan, Plan, PlanInput, PlanKeys, PlanMode};
use senzu_xtask::demo;
use senzu_xtask::program as chip;

pub fn run(args: &[String]) -> Result<i32> {
    match args.first().map(String::as_str) {
        Some("verify") => {
            let file = flag_value(args, "--vectors")?.ok_or_else(|| anyhow!("usage: tag verify --vectors FILE.json"))?;
            verify_file(file)
        }
        Some("simulate") => simulate(&args[1..]),
        Some("plan") => plan(&args[1..]),
        Some("program") => program(&args[1..]),
        _ => bail!("usage: cargo xtask tag verify --vectors FILE.json | tag simulate … | tag plan --record ID … | tag program --emulator|--reader --plan FILE.json …"),
    }
}

/// Checks one vector of a section; `Err` carries the reason it failed.
type VectorCheck = fn(&Value) -> Result<(), String>;

fn verify_file(path: &str) -> Result<i32> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
    let doc: Value = serde_json::from_str(&text).with_context(|| format!("{path} is not JSON"))?;
    let mut failures = 0;
    let mut total = 0;
    let sections: [(&str, VectorCheck); 3] = [("sun", check_sun), ("plain", check_plain), ("an10922", check_an10922)];
    for (section, check) in sections {
        for case in doc[section].as_array().map(Vec::as_slice).unwrap_or_default() {
            total += 1;
            let name = case["name"].as_str().unwrap_or("(unnamed)");
            match check(case) {
                Ok(()) => println!("ok {name}"),
                Err(reason) => {
                    failures += 1;
                    println!("FAIL {name}: {reason}");
                }
            }
        }
    }
    if total == 0 {
        bail!("{path} holds no vectors in `sun`, `plain` or `an10922`");
    }
    println!("{} of {total} vectors passed", total - failures);
    Ok(i32::from(failures > 0))
}

fn field<'a>(case: &'a Value, name: &str) -> Result<&'a str, String> {
    case[name].as_str().ok_or_else(|| format!("missing field `{name}`"))
}

fn key(case: &Value, name: &'static str) -> Result<Key16, String> {
    Key16::parse_hex(name, field(case, name)?).map_err(|e| e.to_string())
}

fn mode_of(case: &Value) -> Result<Mode, String> {
    match case["mode"].as_str().unwrap_or("aes") {
        "aes" => Ok(Mode::Aes),
        "lrp" => Ok(Mode::Lrp),
        other => Err(format!("unknown mode `{other}`")),
    }
}

fn check_sun(case: &Value) -> Result<(), String> {
    let keys = KeySource::Explicit { meta_read: key(case, "meta_read_key")?, file_read: key(case, "file_read_key")? };
    let result = SunMessage::parse(
        mode_of(case)?,
        field(case, "picc_data")?,
        case["enc_file_data"].as_str(),
        field(case, "cmac")?,
    )
    .and_then(|m| sun::verify(&keys, &m, case["mac_input"].as_str().unwrap_or_default().as_bytes()));
    if let Some(kind) = case["expect_error"].as_str() {
        return match result {
            Err(e) if e.kind() == kind => Ok(()),
            Err(e) => Err(format!("expected error {kind}, got {} ({e})", e.kind())),
            Ok(_) => Err(format!("expected error {kind}, but it verified")),
        };
    }
    let data = result.map_err(|e| e.to_string())?;
    let expect = &case["expect"];
    let want_tag = expect["picc_data_tag"].as_str().unwrap_or_default();
    if !format!("{:02X}", data.picc_data_tag).eq_ignore_ascii_case(want_tag) {
        return Err(format!("PICCDataTag {:02X}, expected {want_tag}", data.picc_data_tag));
    }
    let uid = data.uid.map(|u| u.to_hex()).unwrap_or_default();
    let want_uid = expect["uid"].as_str().unwrap_or_default();
    if !uid.eq_ignore_ascii_case(want_uid) {
        return Err(format!("UID {uid}, expected {want_uid}"));
    }
    if data.read_ctr.map(u64::from) != expect["read_ctr"].as_u64() {
        return Err(format!("read counter {:?}, expected {}", data.read_ctr, expect["read_ctr"]));
    }
    if let Some(want) = expect["file_data"].as_str() {
        let got = data.file_data.map(hex::encode_upper).unwrap_or_default();
        if !got.eq_ignore_ascii_case(want) {
            return Err(format!("file data {got}, expected {want}"));
        }
    }
    Ok(())
}

fn check_plain(case: &Value) -> Result<(), String> {
    let file = key(case, "file_read_key")?;
    let keys = KeySource::Explicit { meta_read: file, file_read: file };
    let uid = TagUid::parse_hex(field(case, "uid")?).map_err(|e| e.to_string())?;
    let ctr = case["read_ctr"].as_u64().and_then(|c| u32::try_from(c).ok()).ok_or("missing or bad `read_ctr`")?;
    let cmac: [u8; 8] = sun::parse_hex("cmac", field(case, "cmac")?)
        .map_err(|e| e.to_string())?
        .try_into()
        .map_err(|_| "cmac must be 8 bytes".to_string())?;
    let mac_input = case["mac_input"].as_str().unwrap_or_default();
    let ok = sun::verify_plain(&keys, mode_of(case)?, &uid, ctr, &cmac, mac_input.as_bytes()).is_ok();
    match (ok, case["expect_ok"].as_bool().unwrap_or(true)) {
        (true, true) | (false, false) => Ok(()),
        (true, false) => Err("verified, but the vector expects a refusal".into()),
        (false, true) => Err("invalid tag signature".into()),
    }
}

fn check_an10922(case: &Value) -> Result<(), String> {
    let master = key(case, "master_key")?;
    let mut input = Vec::new();
    for name in ["uid", "aid", "system_identifier"] {
        input.extend(sun::parse_hex("diversification input", field(case, name)?).map_err(|e| e.to_string())?);
    }
    let got = hex::encode_upper(sun::diversify(&master, &input).0);
    let want = field(case, "expect_key")?;
    if got.eq_ignore_ascii_case(want) {
        Ok(())
    } else {
        Err(format!("derived {got}, expected {want}"))
    }
}

fn simulate(args: &[String]) -> Result<i32> {
    if let Some(id) = flag_value(args, "--record")? {
        return simulate_record(args, id);
    }
    let need = |name: &str| flag_value(args, name)?.ok_or_else(|| anyhow!("{name} is required"));
    let meta_read = Key16::parse_hex("meta key", need("--meta-key")?)?;
    let file_read = Key16::parse_hex("file key", need("--file-key")?)?;
    let uid = TagUid::parse_hex(need("--uid")?)?;
    let read_ctr: u32 = need("--ctr")?.parse().context("--ctr must be a decimal number")?;
    let mode = if args.iter().any(|a| a == "--lrp") { Mode::Lrp } else { Mode::Aes };
    let file_data = flag_value(args, "--file-data")?.map(|h| sun::parse_hex("file data", h)).transpose()?;
    let mac_input = flag_value(args, "--mac-input")?.map(str::to_string).unwrap_or_else(|| {
        if file_data.is_some() {
            "{file}&cmac=".into()
        } else {
            String::new()
        }
    });
    let spec = TapSpec { mode, uid, read_ctr, file_data, mac_input, random: demo::random_bytes()? };
    let tap = sun::simulate(&KeySource::Explicit { meta_read, file_read }, &spec)?;
    println!("picc_data {}", tap.picc_data);
    if let Some(f) = &tap.enc_file_data {
        println!("enc_file_data {f}");
    }
    println!("cmac {}", tap.cmac);
    if !tap.mac_input.is_empty() {
        println!("mac_input {}", tap.mac_input);
    }
    Ok(0)
}

/// A tappable URL for a seeded demo record: `{base}/p/{id}@{picc_data}:{cmac}`.
fn simulate_record(args: &[String], id: &str) -> Result<i32> {
    let id: i64 = id.parse().context("--record must be a record id")?;
    let read_ctr: u32 = flag_value(args, "--ctr")?
        .ok_or_else(|| anyhow!("--ctr is required"))?
        .parse()
        .context("--ctr must be a decimal number")?;
    let base = flag_value(args, "--base")?.unwrap_or("http://127.0.0.1:8787").trim_end_matches('/').to_string();
    // `--count K` prints K taps with consecutive counters (for load runs).
    let count: u32 =
        flag_value(args, "--count")?.map(str::parse).transpose().context("--count must be a number")?.unwrap_or(1);
    for ctr in read_ctr..read_ctr.saturating_add(count) {
        println!("{base}{}", demo::tap_path(id, ctr)?);
    }
    Ok(0)
}

/// The deployment's tag master key: `--master-key HEX`, or the local one (.dev.vars), as the worker derives it.
fn tag_master(args: &[String]) -> Result<Key16> {
    match flag_value(args, "--master-key")? {
        Some(h) => Ok(Key16::parse_hex("master key", h)?),
        None => Ok(demo::master_key()?.tag_master()),
    }
}

fn plan(args: &[String]) -> Result<i32> {
    let id_record: i64 = flag_value(args, "--record")?
        .ok_or_else(|| anyhow!("--record ID is required"))?
        .parse()
        .context("--record must be a record id")?;
    let host = flag_value(args, "--host")?
        .ok_or_else(|| anyhow!("--host HOST is required (the deployment the URL opens)"))?
        .to_string();
    let key_version: u8 =
        flag_value(args, "--key-version")?.map(str::parse).transpose().context("--key-version is 0..255")?.unwrap_or(0);
    let keys = match flag_value(args, "--keys")? {
        Some(k) => {
            let parts: Vec<&str> = k.split(':').collect();
            let [app, meta, file] = parts[..] else { bail!("--keys is APP:META:FILE, three hex keys") };
            PlanKeys::Explicit {
                app_master: Key16::parse_hex("app master key", app)?,
                meta_read: Key16::parse_hex("meta read key", meta)?,
                file_read: Key16::parse_hex("file read key", file)?,
            }
        }
        None => PlanKeys::Derived { master: tag_master(args)? },
    };
    let mode = if args.iter().any(|a| a == "--lrp") { PlanMode::Lrp } else { PlanMode::Aes };
    let file_data = flag_value(args, "--file-data")?.map(|h| sun::parse_hex("file data", h)).transpose()?;
    let p = sun_plan::plan(&PlanInput { id_record, host, keys, key_version, mode, file_data })?;
    let json = serde_json::to_string_pretty(&p)?;
    match flag_value(args, "--out")? {
        Some(path) => {
            std::fs::write(path, json + "\n").with_context(|| format!("writing {path}"))?;
            eprintln!("plan for record {id_record} written to {path}");
        }
        None => println!("{json}"),
    }
    Ok(0)
}

fn program(args: &[String]) -> Result<i32> {
    if flag_value(args, "--record")?.is_some() {
        return program_record(args);
    }
    let path = flag_value(args, "--plan")?.ok_or_else(|| anyhow!("--plan FILE.json or --record ID is required"))?;
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
    let p: Plan = serde_json::from_str(&text).with_context(|| format!("{path} is not a plan"))?;
    let taps: u32 =
        flag_value(args, "--taps")?.map(str::parse).transpose().context("--taps must be a number")?.unwrap_or(1);
    // Per-tag slots need the master key; a plan of explicit keys does not.
    let needs_master = p.key_slots.iter().any(|s| s.key == sun_plan::SlotKey::PerTag);
    let master = if needs_master { Some(tag_master(args)?) } else { None };
    let emulator = args.iter().any(|a| a == "--emulator");
    let reader = args.iter().position(|a| a == "--reader");
    match (emulator, reader) {
        (true, None) => program_emulator(args, &p, master.as_ref(), taps),
        (false, Some(i)) => {
            let name = args.get(i + 1).filter(|n| !n.starts_with("--")).map(String::as_str).unwrap_or("");
            program_reader(name, &p, master.as_ref(), &chip::OnChip::FACTORY).map(|_| 0)
        }
        _ => bail!("say where the chip is: --emulator or --reader [NAME]"),
    }
}

fn program_emulator(args: &[String], p: &Plan, master: Option<&Key16>, taps: u32) -> Result<i32> {
    let uid = match flag_value(args, "--uid")? {
        Some(h) => TagUid::parse_hex(h)?,
        None => {
            // NXP's manufacturer code first, as on every real NTAG 424 DNA.
            let r = demo::random_bytes()?;
            TagUid([0x04, r[0], r[1], r[2], r[3], r[4], r[5]])
        }
    };
    let mut card = senzu_tag_emulator::Ntag424::new(uid.0, demo::random_bytes()?);
    let got = senzu_tag_emulator::block_on(chip::program(&mut card, p, master, demo::random_bytes))?;
    let keys = chip::verify_keys(p, &got, master)?;
    println!("uid {}", got.to_hex());
    for _ in 0..taps {
        let url = card.tap().ok_or_else(|| anyhow!("the programmed emulator holds no URL"))?;
        chip::verify_tap(p, &url, &keys, &got).with_context(|| format!("tap {url} does not verify"))?;
        println!("{url}");
    }
    Ok(0)
}

/// `tag program --record ID --maker ID [--server URL] [--lrp] (--emulator [--uid HEX] | --reader [NAME])`
/// with a maker's token in `SENZU_TOKEN`: reads the chip's UID, reports it to the worker
/// (which binds the record to that chip and answers its keys), then programs the chip
/// from a plan of those keys and checks its first tap.
fn program_record(args: &[String]) -> Result<i32> {
    let id_record: i64 =
        flag_value(args, "--record")?.unwrap_or_default().parse().context("--record must be a record id")?;
    let id_maker: i64 = flag_value(args, "--maker")?
        .ok_or_else(|| anyhow!("--maker ID is required (the record's maker)"))?
        .parse()
        .context("--maker must be a maker id")?;
    let server = flag_value(args, "--server")?.unwrap_or("http://127.0.0.1:8787").trim_end_matches('/').to_string();
    let token = std::env::var("SENZU_TOKEN")
        .map_err(|_| anyhow!("SENZU_TOKEN must hold a token of the maker's account (role maker)"))?;
    let mode = if args.iter().any(|a| a == "--lrp") { PlanMode::Lrp } else { PlanMode::Aes };
    let host = server.split_once("://").map_or(server.as_str(), |(_, h)| h).to_string();
    let plan_for = |uid: &TagUid| -> Result<(Plan, Option<chip::OnChip>)> {
        let given = personalization(&server, &token, id_maker, id_record, uid)?;
        let input = PlanInput {
            id_record,
            host: host.clone(),
            keys: given.keys,
            key_version: given.key_version,
            mode,
            file_data: None,
        };
        Ok((sun_plan::plan(&input)?, given.on_chip))
    };
    // The read-back tap, reported: the worker checks it and, after a key rotation, retires the old version.
    let confirm = |url: &str| -> Result<()> {
        let path = format!("/v1/makers/{id_maker}/records/{id_record}/personalization/confirmation");
        let body = post_form(&server, &token, &path, &[("url", url)])?;
        println!("key version {} confirmed", body["key_version"]);
        Ok(())
    };
    if args.iter().any(|a| a == "--emulator") {
        let uid = match flag_value(args, "--uid")? {
            Some(h) => TagUid::parse_hex(h)?,
            None => {
                let r = demo::random_bytes()?;
                TagUid([0x04, r[0], r[1], r[2], r[3], r[4], r[5]])
            }
        };
        // A new emulated chip holds its factory keys, whatever the worker says it should hold.
        let (p, _) = plan_for(&uid)?;
        let mut card = senzu_tag_emulator::Ntag424::new(uid.0, demo::random_bytes()?);
        let got = senzu_tag_emulator::block_on(chip::program(&mut card, &p, None, demo::random_bytes))?;
        let read_back = card.tap().ok_or_else(|| anyhow!("the programmed emulator holds no URL"))?;
        chip::verify_tap(&p, &read_back, &chip::verify_keys(&p, &got, None)?, &got)?;
        println!("uid {}", got.to_hex());
        confirm(&read_back)?;
        let url = card.tap().ok_or_else(|| anyhow!("the programmed emulator holds no URL"))?;
        println!("{url}");
        return Ok(0);
    }
    program_record_reader(args, plan_for, confirm)
}

/// What the worker gave for this chip.
struct Given {
    keys: PlanKeys,
    key_version: u8,
    /// The keys the chip holds now, while a key rotation waits for it.
    on_chip: Option<chip::OnChip>,
}

/// POSTs a form with the maker's token; the JSON answer, or the error's message.
fn post_form(server: &str, token: &str, path: &str, form: &[(&str, &str)]) -> Result<Value> {
    let url = format!("{server}{path}");
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    let mut answer = agent
        .post(&url)
        .header("authorization", &format!("Bearer {token}"))
        .send_form(form.iter().copied())
        .with_context(|| format!("POST {url}"))?;
    let status = answer.status().as_u16();
    let text = answer.body_mut().read_to_string().with_context(|| format!("the answer of {url} ({status})"))?;
    let body: Value = serde_json::from_str(&text).with_context(|| format!("the answer of {url} ({status})"))?;
    if status != 200 {
        bail!("{url} answered {status}: {}", body["error"]["message"].as_str().unwrap_or("no message"));
    }
    Ok(body)
}

/// The worker's answer for this chip, as a plan's explicit keys.
fn personalization(server: &str, token: &str, id_maker: i64, id_record: i64, uid: &TagUid) -> Result<Given> {
    let path = format!("/v1/makers/{id_maker}/records/{id_record}/personalization");
    let body = post_form(server, token, &path, &[("uid", &uid.to_hex())])?;
    let key = |keys: &Value, name: &'static str| -> Result<Key16> {
        Ok(Key16::parse_hex(name, keys[name].as_str().ok_or_else(|| anyhow!("no {name} in the answer"))?)?)
    };
    let keys = &body["keys"];
    let on_chip = match body.get("on_chip") {
        Some(now) => {
            let k = &now["keys"];
            Some(chip::OnChip::encoded(key(k, "app_master")?, key(k, "sdm_meta_read")?, key(k, "sdm_file_read")?))
        }
        None => None,
    };
    Ok(Given {
        keys: PlanKeys::Explicit {
            app_master: key(keys, "app_master")?,
            meta_read: key(keys, "sdm_meta_read")?,
            file_read: key(keys, "sdm_file_read")?,
        },
        key_version: body["key_version"].as_u64().and_then(|v| u8::try_from(v).ok()).unwrap_or(0),
        on_chip,
    })
}

#[cfg(feature = "pcsc")]
fn program_record_reader(
    args: &[String],
    plan_for: impl Fn(&TagUid) -> Result<(Plan, Option<chip::OnChip>)>,
    confirm: impl Fn(&str) -> Result<()>,
) -> Result<i32> {
    let i = args
        .iter()
        .position(|a| a == "--reader")
        .ok_or_else(|| anyhow!("say where the chip is: --emulator or --reader [NAME]"))?;
    let name = args.get(i + 1).filter(|n| !n.starts_with("--")).map(String::as_str).unwrap_or("");
    let mut transport = chip::reader::connect(name)?;
    let raw = senzu_tag_emulator::block_on(ntag424::Transport::get_uid(&mut transport))
        .map_err(|e| anyhow!("reading the UID: {e}"))?;
    let uid = TagUid(raw.as_slice().try_into().map_err(|_| anyhow!("not a 7-byte UID: {}", hex::encode(&raw)))?);
    // The reader is opened exclusively: let go of it before programming opens it again.
    drop(transport);
    let (p, on_chip) = plan_for(&uid)?;
    let url = program_reader(name, &p, None, &on_chip.unwrap_or(chip::OnChip::FACTORY))?;
    confirm(&url)?;
    Ok(0)
}

#[cfg(not(feature = "pcsc"))]
fn program_record_reader(
    _: &[String],
    _: impl Fn(&TagUid) -> Result<(Plan, Option<chip::OnChip>)>,
    _: impl Fn(&str) -> Result<()>,
) -> Result<i32> {
    bail!(NO_PCSC)
}

/// Programs the chip on the reader and reads it back once; the read URL.
#[cfg(feature = "pcsc")]
fn program_reader(name: &str, p: &Plan, master: Option<&Key16>, on_chip: &chip::OnChip) -> Result<String> {
    let mut transport = chip::reader::connect(name)?;
    let uid = senzu_tag_emulator::block_on(chip::reprogram(&mut transport, p, master, on_chip, demo::random_bytes))?;
    println!("uid {}", uid.to_hex());
    // One read in this activation; lift the chip and tap again for the next counter.
    let url = senzu_tag_emulator::block_on(chip::read_url(&mut transport))?;
    chip::verify_tap(p, &url, &chip::verify_keys(p, &uid, master)?, &uid)
        .with_context(|| format!("read back {url}, which does not verify"))?;
    println!("{url}");
    Ok(url)
}

#[cfg(not(feature = "pcsc"))]
const NO_PCSC: &str = "this xtask was built without PC/SC: install libpcsclite-dev and pcscd, then run \
     `cargo run -q -p senzu-xtask --features pcsc -- tag program --reader …`";

#[cfg(not(feature = "pcsc"))]
fn program_reader(_: &str, _: &Plan, _: Option<&Key16>, _: &chip::OnChip) -> Result<String> {
    bail!(NO_PCSC)
}
