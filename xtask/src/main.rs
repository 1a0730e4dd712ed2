//! `cargo xtask …`: the project's only entry points on a fresh machine.
//!
//! - `dev [--port N]`   install tools, build, migrate and seed local D1, run `wrangler dev`
//! - `test`             install, build, `cargo test`, then the worker and browser
//!   tests against a fresh `wrangler dev` on a free port
//! - `build`            install and build the app and the worker
//! - `openapi`          write dist/openapi.json (every app build does too)
//! - `demo --json`      print the demo fixture the seed writes
//! - `admin approve-role APP ROLE`  grant a requested role
//! - `admin rotate-signing-key`     retire the ID token signing key (a new one is made)
//! - `admin publish-plugstore V`    publish a submitted plugstore version
//! - `admin unpublish-plugstore E`  withdraw a developer's plugstore entry
//! - `admin verify-provider P`      let a provider take paid shop orders
//! - `admin verify-reseller R`      let makers hand a reseller their products
//! - `tag verify|simulate|plan|program`  NTAG 424 DNA tools for makers (see tag.rs)

mod bench;
mod build;
mod server;
mod tag;
mod test;
mod tools;

use anyhow::{bail, Result};
use senzu_xtask::demo;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => std::process::exit(code),
        Err(err) => {
            eprintln!("xtask: error: {err:#}");
            std::process::exit(1);
        }
    }
}

fn run(args: &[String]) -> Result<i32> {
    let (command, rest) = match args.split_first() {
        Some((c, rest)) => (c.as_str(), rest),
        None => ("help", &[][..]),
    };
    match command {
        "dev" => {
            let port = flag_value(rest, "--port")?.map(|p| p.parse::<u16>()).transpose()?;
            server::dev(port.unwrap_or(8787))
        }
        "test" => test::run(&test::Only::parse(rest)?),
        "bench" => bench::run(),
        "build" => {
            let tools = tools::ensure()?;
            // The deployable build: no dev routes compiled in.
            build::all(&tools, build::Flavor::Deploy)?;
            Ok(0)
        }
        "openapi" => {
            build::openapi()?;
            Ok(0)
        }
        "demo" => {
            if !rest.iter().any(|a| a == "--json") {
                bail!("usage: cargo xtask demo --json");
            }
            println!("{}", serde_json::to_string_pretty(&demo::fixture())?);
            Ok(0)
        }
        "tag" => tag::run(rest),
        "db" => {
            // Migrations and the demo seed, without building or serving.
            server::ensure_dev_vars()?;
            let state =
                flag_value(rest, "--state")?.map(std::path::PathBuf::from).unwrap_or_else(server::dev_state_dir);
            server::prepare_database(&state)?;
            Ok(0)
        }
        "admin" => match rest {
            [sub, app, role, flags @ ..] if sub == "approve-role" => {
                let state =
                    flag_value(flags, "--state")?.map(std::path::PathBuf::from).unwrap_or_else(server::dev_state_dir);
                let remote = flags.iter().any(|f| f == "--remote");
                server::approve_role(&state, remote, app.parse()?, role)?;
                Ok(0)
            }
            [sub, flags @ ..] if sub == "rotate-signing-key" => {
                let state =
                    flag_value(flags, "--state")?.map(std::path::PathBuf::from).unwrap_or_else(server::dev_state_dir);
                server::admin_sql(
                    &state,
                    flags.iter().any(|f| f == "--remote"),
                    senzu_xtask::admin::ROTATE_SIGNING_KEY_SQL,
                )?;
                Ok(0)
            }
            [sub, id, flags @ ..] if sub == "verify-provider" || sub == "verify-reseller" => {
                let state =
                    flag_value(flags, "--state")?.map(std::path::PathBuf::from).unwrap_or_else(server::dev_state_dir);
                let sql = if sub == "verify-provider" {
                    senzu_xtask::admin::verify_provider_sql(id.parse()?)
                } else {
                    senzu_xtask::admin::verify_reseller_sql(id.parse()?)
                };
                if flags.iter().any(|f| f == "--print") {
                    println!("{sql}");
                } else {
                    server::admin_sql(&state, flags.iter().any(|f| f == "--remote"), &sql)?;
                }
                Ok(0)
            }
            [sub, id, flags @ ..] if sub == "publish-plugstore" || sub == "unpublish-plugstore" => {
                let state =
                    flag_value(flags, "--state")?.map(std::path::PathBuf::from).unwrap_or_else(server::dev_state_dir);
                let id: i64 = id.parse()?;
                let sql = if sub == "publish-plugstore" {
                    senzu_xtask::admin::publish_plugstore_sql(id)
                } else {
                    senzu_xtask::admin::unpublish_plugstore_sql(id)
                };
                if flags.iter().any(|f| f == "--print") {
                    // For the browser tests, which run it through the dev server's SQL route.
                    println!("{sql}");
                } else {
                    server::admin_sql(&state, flags.iter().any(|f| f == "--remote"), &sql)?;
                }
                Ok(0)
            }
            _ => bail!(
                "usage: cargo xtask admin approve-role APP ROLE | rotate-signing-key | publish-plugstore VERSION \
                 | unpublish-plugstore ENTRY | verify-provider PROVIDER | verify-reseller RESELLER [--state DIR | --remote]"
            ),
        },
        "help" | "--help" | "-h" => {
            println!("{}", HELP);
            Ok(0)
        }
        other => bail!("unknown command `{other}`\n\n{HELP}"),
    }
}

const HELP: &str = "usage: cargo xtask <command>

  dev [--port N]   build everything and run Senzu locally (default port 8787)
  test             run every test: unit, worker integration, browser
  test [--test NAME]... [--e2e SPEC]... [--schemathesis]
                   only these worker test files / browser specs / the contract
                   fuzzing (Schemathesis), on a fresh server
  build            build the app (dist/) and the worker (worker/build/)
  openapi          write the OpenAPI document into dist/openapi.json (also part of every build)
  bench            sizes, first paint and a load run on a fresh local server
  db [--state DIR] apply D1 migrations and the demo seed (default: the dev database)
  demo --json      print the seeded demo fixture
  admin approve-role APP ROLE [--state DIR | --remote]
  admin rotate-signing-key [--state DIR | --remote]
  admin publish-plugstore VERSION [--state DIR | --remote | --print]
                   publish a plugstore version a developer submitted
  admin unpublish-plugstore ENTRY [--state DIR | --remote]
                   withdraw a developer's plugstore entry (its tiles leave the plays)
  admin verify-provider PROVIDER [--state DIR | --remote | --print]
                   let a provider account take paid shop orders (staff checked its company)
  admin verify-reseller RESELLER [--state DIR | --remote | --print]
                   let makers hand a reseller account their products
                   grant a role an app requested (local dev database by default)
  tag verify --vectors FILE.json
                   check SUN / plain / AN10922 vectors (format of shared/vectors/sun.json)
  tag simulate --meta-key HEX --file-key HEX --uid HEX --ctr N [--lrp] [--file-data HEX]
                   print what an NTAG 424 DNA would write for this tap
  tag simulate --record ID --ctr N [--count K] [--base URL]
                   print a tappable dynamic URL for a seeded demo record
  tag plan --record ID --host HOST [--lrp] [--key-version N] [--file-data HEX]
           [--master-key HEX | --keys APP:META:FILE] [--out FILE.json]
                   write a record's personalization plan (NDEF file, SDM settings, key slots)
  tag program (--emulator | --reader [NAME]) --plan FILE.json [--uid HEX] [--taps N] [--master-key HEX]
                   program a chip from a plan (the reader needs `--features pcsc`), print its
                   UID and verified tap URLs";

/// The value following `name` in `args`, if the flag is present.
fn flag_value<'a>(args: &'a [String], name: &str) -> Result<Option<&'a str>> {
    match args.iter().position(|a| a == name) {
        None => Ok(None),
        Some(i) => match args.get(i + 1) {
            Some(v) => Ok(Some(v.as_str())),
            None => bail!("{name} needs a value"),
        },
    }
}
