//! After every other test of the run: no clear password, token, private key or
//! link code that the run handled is in the D1 files or the worker's log.
//! `cargo xtask test` runs it last (it is ignored in a plain run).

mod common;

use std::path::{Path, PathBuf};

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
#[ignore = "run last by cargo xtask test, after every flow wrote its secrets"]
fn no_clear_secret_in_the_database_or_the_log() {
    let state = PathBuf::from(std::env::var("SENZU_STATE_DIR").expect("SENZU_STATE_DIR"));
    let demo = common::demo();
    let mut secrets: Vec<String> = std::fs::read_to_string(state.join("secrets.txt"))
        .expect("the run noted its secrets")
        .lines()
        .map(str::trim)
        .filter(|l| l.len() >= 8)
        .map(str::to_string)
        .collect();
    for s in [&demo["owner"]["password"], &demo["friend"]["password"], &demo["app"]["private_key"]] {
        secrets.push(s.as_str().unwrap().to_string());
    }
    secrets.sort();
    secrets.dedup();
    assert!(secrets.len() > 20, "too few secrets noted ({}) for the scan to mean anything", secrets.len());

    let mut files = Vec::new();
    files_under(&state.join("v3").join("d1"), &mut files);
    files.push(state.join("wrangler.log"));
    let contents: Vec<(PathBuf, Vec<u8>)> =
        files.into_iter().filter_map(|f| std::fs::read(&f).ok().map(|bytes| (f, bytes))).collect();
    let total: usize = contents.iter().map(|(_, b)| b.len()).sum();
    assert!(total > 100_000, "the D1 files were not found under {state:?}");

    // Sanity: what is stored instead (the SHA-256 of a token) is found by the same scan.
    let hashes_found = secrets
        .iter()
        .filter(|s| s.len() == 128)
        .map(|t| senzu_core::secrets::sha256_hex(&[t.as_bytes()]))
        .filter(|h| contents.iter().any(|(_, bytes)| contains(bytes, h.as_bytes())))
        .count();
    assert!(hashes_found > 0, "no token hash found: the scan is not reading the database");

    let mut hits = Vec::new();
    for secret in &secrets {
        for (file, bytes) in &contents {
            if contains(bytes, secret.as_bytes()) {
                hits.push(format!("{}… in {}", &secret[..6], file.display()));
            }
        }
    }
    println!(
        "secrets at rest: {} secrets × {} files ({total} bytes): {} hits",
        secrets.len(),
        contents.len(),
        hits.len()
    );
    assert!(hits.is_empty(), "{hits:#?}");
}

#[test]
#[ignore = "run last by cargo xtask test, after the partner flows"]
fn no_partner_credential_in_any_response_the_database_or_the_log() {
    let state = PathBuf::from(std::env::var("SENZU_STATE_DIR").expect("SENZU_STATE_DIR"));
    let mut secrets: Vec<String> = std::fs::read_to_string(state.join("partner-secrets.txt"))
        .expect("the partner tests noted the credentials they stored")
        .lines()
        .map(str::trim)
        .filter(|l| l.len() >= 8)
        .map(str::to_string)
        .collect();
    secrets.sort();
    secrets.dedup();
    assert!(secrets.len() >= 5, "too few partner secrets noted ({})", secrets.len());
    let mut files = Vec::new();
    files_under(&state.join("v3").join("d1"), &mut files);
    files.push(state.join("wrangler.log"));
    files.push(state.join("responses.log"));
    let contents: Vec<(PathBuf, Vec<u8>)> =
        files.into_iter().filter_map(|f| std::fs::read(&f).ok().map(|bytes| (f, bytes))).collect();
    let responses = contents.iter().find(|(f, _)| f.ends_with("responses.log")).map_or(0, |(_, b)| b.len());
    assert!(responses > 10_000, "the run's response bodies were not recorded");
    // Positive control: what the partner stubs served did reach the recorded bodies.
    let recorded =
        contents.iter().find(|(f, _)| f.ends_with("responses.log")).map(|(_, b)| b.as_slice()).unwrap_or(&[]);
    assert!(contains(recorded, b"Rust for Makers"), "the partner flows' responses are not in the scan");
    let mut hits = Vec::new();
    for secret in &secrets {
        for (file, bytes) in &contents {
            if contains(bytes, secret.as_bytes()) {
                hits.push(format!("{}… in {}", &secret[..6], file.display()));
            }
        }
    }
    let total: usize = contents.iter().map(|(_, b)| b.len()).sum();
    println!(
        "partner credentials: {} secrets × {} files ({total} bytes, of which {responses} of response bodies): {} hits",
        secrets.len(),
        contents.len(),
        hits.len()
    );
    assert!(hits.is_empty(), "{hits:#?}");
}
