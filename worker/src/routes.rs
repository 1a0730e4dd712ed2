//! Request dispatch: one match over method and path segments, one module per
//! resource. Public routes (health, scans, plays, sign-in) come first; every
//! other `/v1` route gets the caller resolved from its token, declares the
//! role it needs inside its handler, and is written to the call log.

use senzu_core::plugins::Lang;
use senzu_core::ErrorCode;
use worker::{Context as WorkerContext, D1Database, Env, Method, Request, Response};

use crate::args::id;
use crate::auth::{self, Caller};
use crate::db::{self, int, opt_int, text};
use crate::error::{AppError, AppResult};

mod applications;
mod apps;
mod attached_groups;
mod auth_routes;
#[cfg(feature = "dev")]
mod dev;
mod files;
mod groups;
mod health;
mod insights;
mod play_routes;
mod plugins;
mod plugstores;
mod procedures;
mod products;
mod records;
mod shares;
mod sharing;
mod user;

use sharing::Shared;

use senzu_core::mail::MailType;

/// What every API handler gets: the database, the caller, the clock, the visitor's language.
pub struct Call<'a> {
    pub env: &'a Env,
    pub ctx: &'a WorkerContext,
    pub db: D1Database,
    pub caller: Caller,
    pub now: i64,
    pub lang: Lang,
    pub origin: String,
    ip: String,
}

impl Call<'_> {
    /// The visitor's IP as a salted hash that rotates daily (never the IP itself).
    pub fn ip_hash(&self) -> AppResult<String> {
        let master = crate::plays::master_key(self.env)?;
        Ok(master.ip_hash(self.now.div_euclid(86_400), &self.ip))
    }
}

pub async fn dispatch(mut req: Request, env: &Env, ctx: &WorkerContext) -> AppResult<Response> {
    let path = req.path();
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let method = req.method();
    // Before anything else: a forged cross-site request does nothing at all.
    crate::csrf::check(&req)?;
    #[cfg(feature = "dev")]
    if let Some(answer) = dev::route(&mut req, env, &segments, &method).await {
        return answer;
    }
    match (segments.as_slice(), &method) {
        (["v1", "health"], Method::Get) => return health::get(env).await,
        (["p", seg], Method::Get) => {
            return play_routes::page(&req, env, ctx, play_routes::record_ref(seg)?).await;
        }
        (["s", key], Method::Get) => return play_routes::page(&req, env, ctx, play_routes::shared_ref(key)?).await,
        (["v1", "plays", "shared", key], Method::Get) => {
            return play_routes::json(&req, env, ctx, play_routes::shared_ref(key)?, None).await;
        }
        (["v1", "plays", "shared", key, "plugins", id], Method::Get) => {
            return play_routes::json(&req, env, ctx, play_routes::shared_ref(key)?, Some(plugin_id(id)?)).await;
        }
        (["v1", "plays", "shared", key, "lost-report"], Method::Post) => {
            return play_routes::lost_report(&mut req, env, play_routes::shared_ref(key)?).await;
        }
        (["v1", "plays", seg], Method::Get) => {
            return play_routes::json(&req, env, ctx, play_routes::record_ref(seg)?, None).await;
        }
        (["v1", "plays", seg, "plugins", id], Method::Get) => {
            return play_routes::json(&req, env, ctx, play_routes::record_ref(seg)?, Some(plugin_id(id)?)).await;
        }
        (["v1", "plays", r, key, "share"], Method::Post) => {
            return play_routes::share(&mut req, env, id(r, "id_record")?, key).await;
        }
        (["v1", "plays", seg, "plugins", p, "quote"], Method::Post) => {
            return play_routes::quote(&mut req, env, play_routes::record_ref(seg)?, plugin_id(p)?).await;
        }
        (["v1", "plays", seg, "lost-report"], Method::Post) => {
            return play_routes::lost_report(&mut req, env, play_routes::record_ref(seg)?).await;
        }
        (["files", name], Method::Get) => return files::serve(env, name).await,
        (["v1", "health"] | ["p", _] | ["s", _] | ["files", _], _) => return Err(method_not_allowed(&method)),
        _ => {}
    }
    if segments.first() != Some(&"v1") {
        return Err(AppError::not_found(format!("no route for {method} {path}")));
    }
    let db = db::database(env)?;
    let now = db::now();
    // Sign-in, the code exchange and the consent description must work with a
    // stale cookie; everything else refuses a bad or expired token.
    let lenient = matches!(
        segments.as_slice(),
        ["v1", "auth", "login" | "signup" | "forgot-password" | "token" | "consent"]
            | ["v1", "logout"]
            | ["v1", "activate"]
    );
    let caller = match auth::authenticate(&req, &db, now).await {
        Ok(c) => c,
        Err(_) if lenient => Caller::default(),
        Err(e) => return Err(e),
    };
    let header = |name: &str| req.headers().get(name).ok().flatten();
    let call = Call {
        env,
        ctx,
        lang: Lang::from_accept_language(&header("accept-language").unwrap_or_default()),
        origin: req.url().map(|u| u.origin().ascii_serialization()).unwrap_or_default(),
        ip: header("cf-connecting-ip").unwrap_or_else(|| "unknown".into()),
        db,
        caller,
        now,
    };
    let parameters = crate::args::Args::loggable(&req);
    let result = api(&call, &mut req, &segments, &method).await;
    log_call(&call, &method, &path, parameters, &result);
    result
}

async fn api(call: &Call<'_>, req: &mut Request, segments: &[&str], method: &Method) -> AppResult<Response> {
    use Method::{Delete, Get, Post};
    match (segments, method) {
        (["v1", "auth", "login"], Post) => auth_routes::login(call, req).await,
        (["v1", "auth", "signup"], Post) => auth_routes::signup(call, req).await,
        (["v1", "auth", "forgot-password"], Post) => procedures::forgot_password(call, req).await,
        (["v1", "auth", "logout"], Post) => auth_routes::logout_session(call).await,
        (["v1", "auth", "consent"], Get) => auth_routes::consent_info(call, req).await,
        (["v1", "auth", "consent"], Post) => auth_routes::consent_answer(call, req).await,
        (["v1", "auth", "token"], Post) => auth_routes::exchange_code(call, req).await,
        (["v1", "logout"], Get) => auth_routes::logout_token(call, req).await,
        (["v1", "tokens", t], Delete) => auth_routes::delete_token(call, id(t, "id")?).await,
        (["v1", "sessions", t], Get) => auth_routes::get_session(call, id(t, "id")?).await,
        (["v1", "sessions", t], Delete) => auth_routes::delete_token(call, id(t, "id")?).await,

        (["v1", "procedures", "users", "create"], Post) => procedures::create_user(call, req).await,
        (["v1", "procedures", "users", which], Post) => {
            let kind = match *which {
                "change-password" => MailType::ChangePassword,
                "reset-password" => MailType::ResetPassword,
                "change-email" => MailType::ChangeEmail,
                "delete-account" => MailType::DeleteAccount,
                other => return Err(AppError::not_found(format!("no procedure {other}"))),
            };
            procedures::request(call, req, kind).await
        }
        (["v1", "activate"], Get | Post) => procedures::activate(call, req).await,
        (["v1", "change-password"], Post) => procedures::confirm_change_password(call, req).await,
        (["v1", "reset-password"], Post) => procedures::confirm_reset_password(call, req).await,
        (["v1", "change-email"], Post) => procedures::confirm_change_email(call, req).await,
        (["v1", "delete-account"], Post) => procedures::confirm_delete_account(call, req).await,

        (["v1", "user"], Get) => user::get(call, req).await,
        (["v1", "user"], Post) => user::update(call, req).await,
        (["v1", "user", "logs"], Get) => user::logs(call, req).await,
        (["v1", "user", "logs", l], Get) => user::log(call, id(l, "id")?).await,
        (["v1", "user", "tokens"], Get) => user::tokens(call).await,
        (["v1", "addresses"], Get) => user::addresses(call).await,
        (["v1", "addresses"], Post) => user::save_address(call, req, None).await,
        (["v1", "addresses", a], Get) => user::address(call, id(a, "id")?).await,
        (["v1", "addresses", a], Post) => user::save_address(call, req, Some(id(a, "id")?)).await,
        (["v1", "addresses", a], Delete) => user::delete_address(call, id(a, "id")?).await,

        (["v1", "developers"], Post) => apps::become_developer(call).await,
        (["v1", "developers", "main"], Get) => apps::main_developer(call).await,
        (["v1", "developers", d, "apps"], Get) => apps::list_apps(call, d).await,
        (["v1", "developers", d, "apps"], Post) => apps::create_app(call, req, d).await,
        (["v1", "apps", rest @ ..], _) if !rest.is_empty() => apps::route(call, req, rest).await,

        (["v1", object, o, "insights"], Get) if insights::Object::parse(object).is_some() => {
            insights::get(call, req, insights::Object::parse(object).unwrap_or(insights::Object::Record), o, None).await
        }
        (["v1", object, o, "insights", view], Get) if insights::Object::parse(object).is_some() => {
            let object = insights::Object::parse(object).unwrap_or(insights::Object::Record);
            insights::get(call, req, object, o, Some(view)).await
        }

        (["v1", "products"], Get) => products::list(call, req).await,
        (["v1", "products", "pending"], Get) => sharing::pending(call, Shared::Product).await,
        (["v1", "products", "pending", p], Post) => {
            sharing::answer_pending(call, req, Shared::Product, id(p, "id")?).await
        }
        (["v1", "products", "pair", r, key], Post) => {
            products::pair(call, req, products::static_ref(key)?, id(r, "id_record")?).await
        }
        (["v1", "products", "pair", tap], Post) => match play_routes::record_ref(tap)? {
            play_ref @ senzu_core::entry::PlayRef::Dynamic { id_record, .. } => {
                products::pair(call, req, play_ref, id_record).await
            }
            _ => Err(crate::args::bad("tap", "use /v1/products/pair/{id_record}/{key} for a static record")),
        },
        (["v1", "products", p], Get) => products::get(call, id(p, "id")?).await,
        (["v1", "products", p], Post) => products::update(call, req, id(p, "id")?).await,
        (["v1", "products", p], Delete) => products::delete(call, req, id(p, "id")?).await,
        (["v1", "products", p, "reset"], Post) => products::reset(call, id(p, "id")?).await,
        (["v1", "products", p, "users"], Get) => sharing::users(call, Shared::Product, id(p, "id")?).await,
        (["v1", "products", p, "access"], Post) => sharing::grant(call, req, Shared::Product, id(p, "id")?).await,
        (["v1", "products", p, "access", u], Post) => {
            sharing::update_access(call, req, Shared::Product, id(p, "id")?, id(u, "id_user")?).await
        }
        (["v1", "products", p, "access", u], Delete) => {
            sharing::remove_access(call, Shared::Product, id(p, "id")?, id(u, "id_user")?).await
        }
        (["v1", "products", p, "invitations", i], Delete) => {
            sharing::revoke_invitation(call, Shared::Product, id(p, "id")?, id(i, "id_invitation")?).await
        }
        (["v1", "products", p, "records"], Get) => records::list(call, id(p, "id")?).await,
        (["v1", "products", p, "records", r], Get) => records::get(call, id(p, "id")?, id(r, "id_record")?).await,
        (["v1", "products", p, "records", r], Post) => {
            records::update(call, req, id(p, "id")?, id(r, "id_record")?).await
        }
        (["v1", "records", r, "shares"], Get) => shares::of_record(call, id(r, "id")?).await,

        (["v1", "makers", m, "attached-groups"], Get) => attached_groups::list(call, id(m, "id")?).await,
        (["v1", "makers", m, "attached-groups"], Post) => attached_groups::save(call, req, id(m, "id")?, None).await,
        (["v1", "makers", m, "attached-groups", g], Get) => {
            attached_groups::get(call, id(m, "id")?, id(g, "id_attached_group")?).await
        }
        (["v1", "makers", m, "attached-groups", g], Post) => {
            attached_groups::save(call, req, id(m, "id")?, Some(id(g, "id_attached_group")?)).await
        }
        (["v1", "makers", m, "attached-groups", g], Delete) => {
            attached_groups::delete(call, id(m, "id")?, id(g, "id_attached_group")?).await
        }
        (["v1", "groups"], Get) => groups::list(call).await,
        (["v1", "groups"], Post) => groups::create(call, req).await,
        (["v1", "groups", "pending"], Get) => sharing::pending(call, Shared::Group).await,
        (["v1", "groups", "pending", g], Post) => sharing::answer_pending(call, req, Shared::Group, id(g, "id")?).await,
        (["v1", "groups", g], Get) => groups::get(call, id(g, "id")?).await,
        (["v1", "groups", g], Post) => groups::update(call, req, id(g, "id")?).await,
        (["v1", "groups", g], Delete) => groups::delete(call, id(g, "id")?).await,
        (["v1", "groups", g, "products"], Get) => groups::products(call, id(g, "id")?).await,
        (["v1", "groups", g, "users"], Get) => sharing::users(call, Shared::Group, id(g, "id")?).await,
        (["v1", "groups", g, "users"], Post) => sharing::grant(call, req, Shared::Group, id(g, "id")?).await,
        (["v1", "groups", g, "users", u], Post) => {
            sharing::update_access(call, req, Shared::Group, id(g, "id")?, id(u, "id_user")?).await
        }
        (["v1", "groups", g, "users", u], Delete) => {
            sharing::remove_access(call, Shared::Group, id(g, "id")?, id(u, "id_user")?).await
        }
        (["v1", "groups", g, "invitations", i], Delete) => {
            sharing::revoke_invitation(call, Shared::Group, id(g, "id")?, id(i, "id_invitation")?).await
        }

        (["v1", "applications"], Get) => applications::list(call, req).await,
        (["v1", "applications"], Post) => applications::create(call, req).await,
        (["v1", "applications", "pending"], Get) => sharing::pending(call, Shared::Application).await,
        // The documented link for accepting a shared application (`id` of the invitation).
        // Following the link changes nothing: it opens the invitations page, whose Accept POSTs.
        (["v1", "agree-share-application"], Get) => {
            let invitation = crate::args::Args::from_query(req).req("id").and_then(|i| id(i, "id"))?;
            sharing::confirmation_page(call, invitation)
        }
        (["v1", "agree-share-application"], Post) => {
            let invitation = crate::args::Args::read(req).await?.req("id").and_then(|i| id(i, "id"))?;
            sharing::accept(call, Shared::Application, invitation).await
        }
        (["v1", "applications", "pending", p], Post) => {
            sharing::answer_pending(call, req, Shared::Application, id(p, "id")?).await
        }
        (["v1", "applications", a], Get) => applications::get(call, id(a, "id")?).await,
        (["v1", "applications", a], Post) => applications::update(call, req, id(a, "id")?).await,
        (["v1", "applications", a], Delete) => applications::delete(call, id(a, "id")?).await,
        (["v1", "applications", a, "users"], Get) => sharing::users(call, Shared::Application, id(a, "id")?).await,
        (["v1", "applications", a, "access"], Post) => {
            sharing::grant(call, req, Shared::Application, id(a, "id")?).await
        }
        (["v1", "applications", a, "access", u], Post) => {
            sharing::update_access(call, req, Shared::Application, id(a, "id")?, id(u, "id_user")?).await
        }
        (["v1", "applications", a, "access", u], Delete) => {
            sharing::remove_access(call, Shared::Application, id(a, "id")?, id(u, "id_user")?).await
        }
        (["v1", "applications", a, "invitations", i], Delete) => {
            sharing::revoke_invitation(call, Shared::Application, id(a, "id")?, id(i, "id_invitation")?).await
        }
        (["v1", "applications", a, "plugins"], Get) => plugins::list(call, id(a, "id")?).await,
        (["v1", "applications", a, "plugins"], Post) => plugins::create(call, req, id(a, "id")?).await,
        (["v1", "applications", a, "plugins", "order"], Post) => plugins::reorder(call, req, id(a, "id")?).await,
        (["v1", "applications", a, "shares"], Get) => shares::of_application(call, id(a, "id")?).await,
        (["v1", "applications", a, "shares"], Post) => shares::create(call, req, id(a, "id")?).await,
        (["v1", "plugins", p], Get) => plugins::get(call, id(p, "id")?).await,
        (["v1", "plugins", p], Post) => plugins::update(call, req, id(p, "id")?).await,
        (["v1", "plugins", p], Delete) => plugins::delete(call, id(p, "id")?).await,
        (["v1", "plugins", p, "test"], Post) => plugins::test_connection(call, id(p, "id")?).await,
        (["v1", "shares", s], Get) => shares::get(call, id(s, "id")?).await,
        (["v1", "shares", s], Post) => shares::update(call, req, id(s, "id")?).await,
        (["v1", "shares", s], Delete) => shares::delete(call, id(s, "id")?).await,

        (["v1", "files"], Get) => files::list(call, req).await,
        (["v1", "files"], Post) => files::create(call, req).await,
        (["v1", "files", f], Get) => files::get(call, None, id(f, "id")?).await,
        (["v1", "files", f], Post) => files::update(call, req, id(f, "id")?).await,
        (["v1", "files", f], Delete) => files::delete(call, id(f, "id")?).await,
        (["v1", "files", u, f], Get) => files::get(call, Some(id(u, "id_user")?), id(f, "id")?).await,

        (["v1", "plugstores"], Get) => plugstores::list(call, req).await,
        (["v1", "plugstores", "categories"], Get) => plugstores::categories(call).await,
        (["v1", "plugstores", id], Get) => plugstores::get(call, req, id).await,
        (["v1", "plugstores", id, "form"], Get) => plugstores::form(call, req, id).await,
        _ => Err(AppError::not_found(format!("no route for {method} /{}", segments.join("/")))),
    }
}

/// One row per authenticated call, written after the response. Only the
/// query's non-secret arguments are kept (never a token, password or code).
fn log_call(call: &Call<'_>, method: &Method, path: &str, parameters: String, result: &AppResult<Response>) {
    if call.caller.is_anonymous() {
        return;
    }
    let status = match result {
        Ok(r) => i64::from(r.status_code()),
        Err(AppError::Api(e)) => i64::from(e.code),
        Err(AppError::Limited { .. }) => 429,
        Err(AppError::Internal { .. }) => 500,
    };
    let Ok(statement) = db::statement(
        &call.db,
        "INSERT INTO api_calls (id_api_app, id_user, id_token, method, route, parameters, status) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        &[
            opt_int(call.caller.id_app()),
            opt_int(call.caller.id_user()),
            opt_int(call.caller.user.as_ref().map(|u| u.id_token)),
            text(method.as_ref()),
            text(path.strip_prefix("/v1").unwrap_or(path)),
            text(&parameters),
            int(status),
        ],
        "log call",
    ) else {
        return;
    };
    call.ctx.wait_until(async move {
        if let Err(e) = statement.run().await {
            worker::console_error!("call log: {e}");
        }
    });
}

fn plugin_id(s: &str) -> AppResult<i64> {
    s.parse::<i64>()
        .ok()
        .filter(|i| *i > 0)
        .ok_or_else(|| AppError::api(ErrorCode::BadArgument, "bad argument: plugin id must be a positive integer"))
}

pub fn method_not_allowed(method: &Method) -> AppError {
    AppError::api(ErrorCode::MethodNotAllowed, format!("method {method} not allowed on this route"))
}
