//! `cargo xtask tag …`: tools makers use to debug NTAG 424 DNA tags.
//!
//! - `tag verify --vectors FILE.json` checks every vector of a file in the format
//!   of shared/vectors/sun.json (`sun`, `plain`, `an10922`), printing `ok NAME`
//!   or `FAIL NAME: reason`; exits 1 when any fails.
//! - `tag simulate --meta-key HEX --file-key HEX --uid HEX --ctr N [--lrp]
//!   [--file-data HEX] [--mac-input TEMPLATE]` prints what the chip would write.

use anyhow::{anyhow, bail, Context, Result};
use senzu_core::sun::{self, Key16, KeySource, Mode, SunMessage, TagUid, TapSpec};
use serde_json::Value;

use crate::flag_value;
use senzu_xtask::demo;

pub fn run(args: &[String]) -> Result<i32> {
    match args.first().map(String::as_str) {
        Some("verify") => {
            let file = flag_value(args, "--vectors")?.ok_or_else(|| anyhow!("usage: tag verify --vectors FILE.json"))?;
            verify_file(file)
        }
        Some("simulate") => simulate(&args[1..]),
        _ => bail!("usage: cargo xtask tag verify --vectors FILE.json | tag simulate --meta-key … --file-key … --uid … --ctr N [--lrp] [--file-data HEX]"),
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
