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
mod batches;
mod companies;
mod contacts;
mod currencies;
#[cfg(feature = "dev")]
mod dev;
mod developers;
mod encoding;
mod files;
mod finder_messages;
mod folders;
mod groups;
mod health;
mod insights;
mod mails;
mod makers;
mod openapi;
mod orders;
mod payments;
mod plans;
mod play_routes;
mod plugins;
mod plugstores;
mod procedures;
mod products;
mod providers;
mod records;
mod resellers;
mod shares;
mod sharing;
mod subscriptions;
mod user;

use senzu_core::api::routes::{self, AppChild, InsightObject, Op, Procedure, Unrouted};
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
        let master = crate::keys::master_key(self.env)?;
        Ok(master.ip_hash(self.now.div_euclid(86_400), &self.ip))
    }
}

/// The one router: every request resolves through core's route table, so a
/// known path with another method is a 405 (with `Allow`), an unknown one a 404.
pub async fn dispatch(mut req: Request, env: &Env, ctx: &WorkerContext) -> AppResult<Response> {
    let path = req.path();
    let method = req.method();
    // Before anything else: a forged cross-site request does nothing at all.
    crate::csrf::check(&req)?;
    #[cfg(feature = "dev")]
    {
        let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        if let Some(answer) = dev::route(&mut req, env, &segments, &method).await {
            return answer;
        }
    }
    let wanted = routes::Method::parse(method.as_ref()).ok_or_else(|| {
        AppError::api(ErrorCode::MethodNotAllowed, format!("method {method} is not used by this API"))
    })?;
    let matched = match routes::resolve(wanted, &path) {
        Ok(m) => m,
        Err(Unrouted::NotFound) => return Err(AppError::not_found(format!("no route for {method} {path}"))),
        Err(Unrouted::MethodNotAllowed(allowed)) => return Err(AppError::method_not_allowed(&method, &allowed)),
    };
    let p = |name: &str| matched.param(name);
    // Public routes: no caller, no call log.
    match matched.route.op {
        Op::Health => return health::get(env).await,
        Op::OAuthDiscovery => return Ok(auth_routes::oauth::discovery(&req)),
        Op::Jwks => return auth_routes::oauth::jwks(env).await,
        Op::OpenApi => return openapi::get(env).await,
        Op::PlayPage => return play_routes::page(&req, env, ctx, play_routes::record_ref(p("tap"))?).await,
        Op::SharedPlayPage => return play_routes::page(&req, env, ctx, play_routes::shared_ref(p("key"))?).await,
        Op::ServeFile => return files::serve(env, p("name")).await,
        Op::StripeWebhook => return payments::webhook(&mut req, env).await,
        Op::Play => return play_routes::json(&req, env, ctx, play_routes::record_ref(p("tap"))?, None).await,
        Op::PlayPlugin => {
            let (tap, plugin) = (play_routes::record_ref(p("tap"))?, plugin_id(p("id"))?);
            return play_routes::json(&req, env, ctx, tap, Some(plugin)).await;
        }
        Op::PlayLostReport => {
            return play_routes::lost_report(&mut req, env, ctx, play_routes::record_ref(p("tap"))?).await;
        }
        Op::PlayQuote => {
            let (tap, plugin) = (play_routes::record_ref(p("tap"))?, plugin_id(p("id"))?);
            return play_routes::quote(&mut req, env, tap, plugin).await;
        }
        Op::PlayShare => return play_routes::share(&mut req, env, id(p("id_record"), "id_record")?, p("key")).await,
        Op::SharedPlay => return play_routes::json(&req, env, ctx, play_routes::shared_ref(p("key"))?, None).await,
        Op::SharedPlayPlugin => {
            let (key, plugin) = (play_routes::shared_ref(p("key"))?, plugin_id(p("id"))?);
            return play_routes::json(&req, env, ctx, key, Some(plugin)).await;
        }
        Op::SharedPlayLostReport => {
            return play_routes::lost_report(&mut req, env, ctx, play_routes::shared_ref(p("key"))?).await;
        }
        Op::PlayContact => {
            let (tap, plugin) = (play_routes::record_ref(p("tap"))?, plugin_id(p("id"))?);
            return play_routes::contact(&mut req, env, ctx, tap, plugin).await;
        }
        Op::SharedPlayContact => {
            let (key, plugin) = (play_routes::shared_ref(p("key"))?, plugin_id(p("id"))?);
            return play_routes::contact(&mut req, env, ctx, key, plugin).await;
        }
        _ => {}
    }
    let db = db::database(env)?;
    let now = db::now();
    // Sign-in, the code exchange and the consent description must work with a
    // stale cookie; everything else refuses a bad or expired token.
    let lenient = matches!(
        matched.route.op,
        Op::Login
            | Op::Signup
            | Op::ForgotPassword
            | Op::ResendActivation
            | Op::Token
            | Op::RevokeOAuthToken
            | Op::ConsentInfo
            | Op::ConsentAnswer
            | Op::LogoutToken
            | Op::Activate
            | Op::ActivateGet
            | Op::ForgetContact
            | Op::Currencies
            | Op::GetCurrency
            | Op::ShopItems
            | Op::Plans
            | Op::GetPlan
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
        origin: crate::request::origin(&req).unwrap_or_default(),
        ip: header("cf-connecting-ip").unwrap_or_else(|| "unknown".into()),
        db,
        caller,
        now,
    };
    let parameters = crate::args::loggable(&req);
    let result = api(&call, &mut req, &matched).await;
    log_call(&call, &method, &path, parameters, &result);
    result
}

async fn api(call: &Call<'_>, req: &mut Request, matched: &routes::Matched<'_>) -> AppResult<Response> {
    let p = |name: &str| matched.param(name);
    let the_id = || id(p("id"), "id");
    match matched.route.op {
        Op::Login => auth_routes::login(call, req).await,
        Op::Signup => auth_routes::signup(call, req).await,
        Op::ForgotPassword => procedures::forgot_password(call, req).await,
        Op::ResendActivation => procedures::resend_activation(call, req).await,
        Op::LogoutSession => auth_routes::logout_session(call).await,
        Op::ConsentInfo => auth_routes::consent_info(call, req).await,
        Op::ConsentAnswer => auth_routes::consent_answer(call, req).await,
        Op::Token => auth_routes::exchange_code(call, req).await,
        Op::UserInfo => auth_routes::oauth::userinfo(call).await,
        Op::RevokeOAuthToken => auth_routes::oauth::revoke(call, req).await,
        Op::LogoutToken => auth_routes::logout_token(call, req).await,
        Op::DeleteToken | Op::DeleteSession => auth_routes::delete_token(call, the_id()?).await,
        Op::GetSession => auth_routes::get_session(call, the_id()?).await,

        Op::CreateUserProcedure => procedures::create_user(call, req).await,
        Op::RequestProcedure(which) => {
            let kind = match which {
                Procedure::ChangePassword => MailType::ChangePassword,
                Procedure::ResetPassword => MailType::ResetPassword,
                Procedure::ChangeEmail => MailType::ChangeEmail,
                Procedure::DeleteAccount => MailType::DeleteAccount,
            };
            procedures::request(call, req, kind).await
        }
        Op::Activate | Op::ActivateGet => procedures::activate(call, req).await,
        Op::ConfirmChangePassword => procedures::confirm_change_password(call, req).await,
        Op::ConfirmResetPassword => procedures::confirm_reset_password(call, req).await,
        Op::ConfirmChangeEmail => procedures::confirm_change_email(call, req).await,
        Op::ConfirmDeleteAccount => procedures::confirm_delete_account(call, req).await,

        Op::GetUser => user::get(call, req).await,
        Op::UpdateUser => user::update(call, req).await,
        Op::UserLogs => user::logs(call, req).await,
        Op::UserLog => user::log(call, the_id()?).await,
        Op::UserTokens => user::tokens(call, req).await,
        Op::Addresses => user::addresses(call, req).await,
        Op::CreateAddress => user::save_address(call, req, None).await,
        Op::GetAddress => user::address(call, the_id()?).await,
        Op::UpdateAddress => user::save_address(call, req, Some(the_id()?)).await,
        Op::DeleteAddress => user::delete_address(call, the_id()?).await,

        Op::Developers => developers::list(call, req).await,
        Op::BecomeDeveloper => developers::create(call, req).await,
        Op::MainDeveloper => developers::main(call).await,
        Op::UpdateMainDeveloper => developers::update_main(call, req).await,
        Op::GetDeveloper => developers::get(call, the_id()?).await,
        Op::UpdateDeveloper => developers::update(call, req, the_id()?).await,
        Op::DeleteDeveloper => developers::delete(call, the_id()?).await,
        Op::DeveloperApps => apps::list_apps(call, req, p("id")).await,
        Op::CreateApp => apps::create_app(call, req, p("id")).await,
        Op::AppCategories => apps::categories(call, req).await,
        Op::GetApp => apps::get_app(call, p("id")).await,
        Op::UpdateApp => apps::update_app(call, req, p("id")).await,
        Op::DeleteApp => apps::delete_app(call, p("id")).await,
        Op::AppCalls => apps::calls(call, req, p("id")).await,
        Op::AppTokens => apps::tokens(call, p("id")).await,
        Op::AppChildren(c) => apps::get_children(call, req, p("id"), child(c), None).await,
        Op::CreateAppChild(c) => apps::save_child(call, req, p("id"), child(c), None).await,
        Op::GetAppChild(c) => apps::get_children(call, req, p("id"), child(c), Some(id(p("id_child"), "id")?)).await,
        Op::UpdateAppChild(c) => apps::save_child(call, req, p("id"), child(c), Some(id(p("id_child"), "id")?)).await,
        Op::DeleteAppChild(c) => apps::delete_child(call, p("id"), child(c), id(p("id_child"), "id")?).await,

        Op::Insights(object) => insights::get(call, req, insight(object), p("id"), None).await,
        Op::InsightsView(object) => insights::get(call, req, insight(object), p("id"), Some(p("view"))).await,

        Op::Products => products::list(call, req).await,
        Op::PairStatic => {
            products::pair(call, req, products::static_ref(p("key"))?, id(p("id_record"), "id_record")?).await
        }
        Op::PairDynamic => match play_routes::record_ref(p("tap"))? {
            play_ref @ senzu_core::entry::PlayRef::Dynamic { id_record, .. } => {
                products::pair(call, req, play_ref, id_record).await
            }
            _ => Err(crate::args::bad("tap", "use /v1/products/pair/{id_record}/{key} for a static record")),
        },
        Op::GetProduct => products::get(call, the_id()?).await,
        Op::UpdateProduct => products::update(call, req, the_id()?).await,
        Op::DeleteProduct => products::delete(call, req, the_id()?).await,
        Op::ResetProduct => products::reset(call, the_id()?).await,
        Op::ProductRecords => records::list(call, req, the_id()?).await,
        Op::GetRecord => records::get(call, the_id()?, id(p("id_record"), "id_record")?).await,
        Op::UpdateRecord => records::update(call, req, the_id()?, id(p("id_record"), "id_record")?).await,
        Op::RecordShares => shares::of_record(call, req, the_id()?).await,
        Op::FinderMessages => finder_messages::list(call, req, the_id()?).await,
        Op::ForgetContact => contacts::forget(call, req).await,
        Op::Contacts => contacts::list(call, req).await,
        Op::ExportContacts => contacts::export(call, req).await,
        Op::GetContact => contacts::get(call, the_id()?).await,
        Op::UpdateContact => contacts::update(call, req, the_id()?).await,
        Op::DeleteContact => contacts::delete(call, the_id()?).await,
        Op::UpdateFinderMessage => {
            finder_messages::update(call, req, the_id()?, id(p("id_message"), "id_message")?).await
        }

        Op::Pending(s) => sharing::pending(call, req, shared(s)).await,
        Op::AnswerPending(s) => sharing::answer_pending(call, req, shared(s), the_id()?).await,
        Op::Members(s) => sharing::users(call, req, shared(s), the_id()?).await,
        Op::Grant(s) => sharing::grant(call, req, shared(s), the_id()?).await,
        Op::UpdateAccess(s) => {
            sharing::update_access(call, req, shared(s), the_id()?, id(p("id_user"), "id_user")?).await
        }
        Op::RemoveAccess(s) => sharing::remove_access(call, shared(s), the_id()?, id(p("id_user"), "id_user")?).await,
        Op::RevokeInvitation(s) => {
            sharing::revoke_invitation(call, shared(s), the_id()?, id(p("id_invitation"), "id_invitation")?).await
        }
        Op::UpdateInvitation(s) => {
            let id_invitation = id(p("id_invitation"), "id_invitation")?;
            sharing::update_invitation(call, req, shared(s), the_id()?, id_invitation).await
        }
        // The documented link for accepting a shared application (`id` of the invitation).
        // Following the link changes nothing: it opens the invitations page, whose Accept POSTs.
        Op::AgreeShareApplicationPage => sharing::confirmation_page(call, req),
        Op::AgreeShareApplication => sharing::agree_application(call, req).await,

        Op::Makers => makers::list(call, req).await,
        Op::CreateMaker => makers::create(call, req).await,
        Op::MainMaker => makers::main(call).await,
        Op::UpdateMainMaker => makers::update_main(call, req).await,
        Op::GetMaker => makers::get(call, the_id()?).await,
        Op::UpdateMaker => makers::update(call, req, the_id()?).await,
        Op::DeleteMaker => makers::delete(call, the_id()?).await,
        Op::MakerItems => makers::items(call, req, the_id()?).await,
        Op::CreateItem => makers::create_item(call, req, the_id()?).await,
        Op::GetItem => makers::get_item(call, the_id()?).await,
        Op::UpdateItem => makers::update_item(call, req, the_id()?).await,
        Op::DeleteItem => makers::delete_item(call, the_id()?).await,
        Op::ItemProducts => makers::item_products(call, req, the_id()?).await,
        Op::CreateProduct => makers::create_product(call, req).await,
        Op::CreateRecord => makers::create_record(call, req, the_id()?).await,
        Op::DeleteRecord => makers::delete_record(call, the_id()?, id(p("id_record"), "id_record")?).await,
        Op::EncodedProducts => makers::encoded(call, req, the_id()?).await,
        Op::Batches => batches::list(call, req, the_id()?).await,
        Op::CreateBatch => batches::create(call, req, the_id()?).await,
        Op::GetBatch => batches::get(call, the_id()?, id(p("id_batch"), "id_batch")?).await,
        Op::Personalize => encoding::personalize(call, req, the_id()?, id(p("id_record"), "id_record")?).await,
        Op::PersonalizeBatch => encoding::import(call, req, the_id()?, id(p("id_batch"), "id_batch")?).await,
        Op::ConfirmPersonalization => encoding::confirm(call, req, the_id()?, id(p("id_record"), "id_record")?).await,
        Op::RotateBatchKeys => encoding::rotate(call, the_id()?, id(p("id_batch"), "id_batch")?).await,

        Op::AttachedGroups => attached_groups::list(call, req, the_id()?).await,
        Op::CreateAttachedGroup => attached_groups::create(call, req, the_id()?).await,
        Op::GetAttachedGroup => {
            attached_groups::get(call, the_id()?, id(p("id_attached_group"), "id_attached_group")?).await
        }
        Op::UpdateAttachedGroup => {
            attached_groups::update(call, req, the_id()?, id(p("id_attached_group"), "id_attached_group")?).await
        }
        Op::DeleteAttachedGroup => {
            attached_groups::delete(call, the_id()?, id(p("id_attached_group"), "id_attached_group")?).await
        }

        Op::Groups => groups::list(call, req).await,
        Op::CreateGroup => groups::create(call, req).await,
        Op::GetGroup => groups::get(call, the_id()?).await,
        Op::UpdateGroup => groups::update(call, req, the_id()?).await,
        Op::DeleteGroup => groups::delete(call, the_id()?).await,
        Op::GroupProducts => groups::products(call, req, the_id()?).await,

        Op::Applications => applications::list(call, req).await,
        Op::CreateApplication => applications::create(call, req).await,
        Op::GetApplication => applications::get(call, the_id()?).await,
        Op::UpdateApplication => applications::update(call, req, the_id()?).await,
        Op::DeleteApplication => applications::delete(call, the_id()?).await,
        Op::Plugins => plugins::list(call, req, the_id()?).await,
        Op::CreatePlugin => plugins::create(call, req, the_id()?).await,
        Op::ReorderPlugins => plugins::reorder(call, req, the_id()?).await,
        Op::ApplicationShares => shares::of_application(call, req, the_id()?).await,
        Op::CreateShare => shares::create(call, req, the_id()?).await,
        Op::GetPlugin => plugins::get(call, the_id()?).await,
        Op::UpdatePlugin => plugins::update(call, req, the_id()?).await,
        Op::DeletePlugin => plugins::delete(call, the_id()?).await,
        Op::TestPlugin => plugins::test_connection(call, the_id()?).await,
        Op::GetShare => shares::get(call, the_id()?).await,
        Op::UpdateShare => shares::update(call, req, the_id()?).await,
        Op::DeleteShare => shares::delete(call, the_id()?).await,

        Op::Files => files::list(call, req).await,
        Op::UploadFile => files::create(call, req).await,
        Op::GetFile => files::get(call, None, the_id()?).await,
        Op::UpdateFile => files::update(call, req, the_id()?).await,
        Op::DeleteFile => files::delete(call, the_id()?).await,
        Op::GetUserFile => files::get(call, Some(id(p("id_user"), "id_user")?), the_id()?).await,
        Op::Folders => folders::list(call, req).await,
        Op::CreateFolder => folders::create(call, req).await,
        Op::GetFolder => folders::get(call, the_id()?).await,
        Op::UpdateFolder => folders::update(call, req, the_id()?).await,
        Op::DeleteFolder => folders::delete(call, the_id()?).await,
        Op::FolderFiles => files::in_folder(call, req, the_id()?).await,
        Op::PreviewMailTemplate => apps::preview_template(call, req, p("id")).await,
        Op::SentMails => mails::sent(call, req).await,
        Op::GetSentMail => mails::get_sent(call, the_id()?).await,
        Op::ReceivedMails => mails::received(call, req).await,
        Op::GetReceivedMail => mails::get_received(call, the_id()?).await,
        Op::SendMail => mails::send(call, req).await,
        Op::MailContacts => mails::contacts(call, req).await,

        Op::Plugstores => plugstores::list(call, req).await,
        Op::PlugstoreCategories => plugstores::categories(call).await,
        Op::GetPlugstore => plugstores::get(call, req, p("id")).await,
        Op::PlugstoreForm => plugstores::form(call, req, p("id")).await,
        Op::CreatePlugstore => plugstores::create(call, req).await,
        Op::UpdatePlugstore => plugstores::update(call, req, p("id")).await,
        Op::DeletePlugstore => plugstores::delete(call, p("id")).await,
        Op::PlugstoreVersions => plugstores::versions(call, req, p("id")).await,
        Op::CreatePlugstoreVersion => plugstores::create_version(call, req, p("id")).await,
        Op::GetPlugstoreVersion => plugstores::get_version(call, p("id"), id(p("id_version"), "id_version")?).await,
        Op::UpdatePlugstoreVersion => {
            plugstores::update_version(call, req, p("id"), id(p("id_version"), "id_version")?).await
        }
        Op::VersionLangs => plugstores::langs(call, req, id(p("id_version"), "id_version")?).await,
        Op::CreateVersionLang => plugstores::create_lang(call, req, id(p("id_version"), "id_version")?).await,
        Op::GetVersionLang => plugstores::get_lang(call, id(p("id_version"), "id_version")?, p("lang")).await,
        Op::UpdateVersionLang => {
            plugstores::update_lang(call, req, id(p("id_version"), "id_version")?, p("lang")).await
        }
        Op::Icons => plugstores::icons(call, req).await,

        Op::Currencies => currencies::list(call, req).await,
        Op::GetCurrency => currencies::get(call, the_id()?).await,
        Op::ShopItems => currencies::items(call, req).await,
        Op::Companies => companies::list(call, req).await,
        Op::CreateCompany => companies::create(call, req).await,
        Op::GetCompany => companies::get(call, the_id()?).await,
        Op::UpdateCompany => companies::update(call, req, the_id()?).await,
        Op::DeleteCompany => companies::delete(call, the_id()?).await,
        Op::Orders => orders::list(call, req).await,
        Op::CreateOrder => orders::create(call, req).await,
        Op::GetOrder => orders::get(call, the_id()?).await,
        Op::UpdateOrder => orders::update(call, req, the_id()?).await,
        Op::Payments => payments::list(call, req).await,
        Op::CreatePayment => payments::create(call, req).await,
        Op::GetPayment => payments::get(call, the_id()?).await,
        Op::Providers => providers::list(call, req).await,
        Op::CreateProvider => providers::create(call, req).await,
        Op::GetProvider => providers::get(call, the_id()?).await,
        Op::UpdateProvider => providers::update(call, req, the_id()?).await,
        Op::DeleteProvider => providers::delete(call, the_id()?).await,
        Op::ProviderOrders => providers::orders(call, req, the_id()?).await,
        Op::UpdateProviderOrder => providers::update_order(call, req, the_id()?, id(p("id_order"), "id_order")?).await,
        Op::Plans => plans::list(call, req).await,
        Op::GetPlan => plans::get(call, the_id()?).await,
        Op::CurrentPlan => plans::current(call).await,
        Op::Subscriptions => subscriptions::list(call, req).await,
        Op::CreateSubscription => subscriptions::create(call, req).await,
        Op::GetSubscription => subscriptions::get(call, the_id()?).await,
        Op::Resellers => resellers::list(call, req).await,
        Op::CreateReseller => resellers::create(call, req).await,
        Op::GetReseller => resellers::get(call, the_id()?).await,
        Op::UpdateReseller => resellers::update(call, req, the_id()?).await,
        Op::DeleteReseller => resellers::delete(call, the_id()?).await,
        Op::ResellerProducts => resellers::products(call, req, the_id()?).await,

        // Answered before a caller is resolved (above).
        Op::Health
        | Op::StripeWebhook
        | Op::OAuthDiscovery
        | Op::Jwks
        | Op::OpenApi
        | Op::PlayPage
        | Op::SharedPlayPage
        | Op::ServeFile
        | Op::Play
        | Op::PlayPlugin
        | Op::PlayLostReport
        | Op::PlayQuote
        | Op::PlayShare
        | Op::SharedPlay
        | Op::SharedPlayPlugin
        | Op::SharedPlayLostReport
        | Op::PlayContact
        | Op::SharedPlayContact => {
            Err(AppError::Internal { context: "router", cause: "public route reached api()".into() })
        }
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
        // The Senzu code (an expired token is 190), not only the HTTP status.
        Err(AppError::Api(e) | AppError::Limited { error: e, .. } | AppError::NotAllowed { error: e, .. }) => {
            i64::from(e.code)
        }
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

fn shared(s: routes::Shared) -> Shared {
    match s {
        routes::Shared::Product => Shared::Product,
        routes::Shared::Application => Shared::Application,
        routes::Shared::Group => Shared::Group,
    }
}

fn child(c: AppChild) -> apps::Child {
    match c {
        AppChild::Redirects => apps::Child::Redirects,
        AppChild::Domains => apps::Child::Domains,
        AppChild::Platforms => apps::Child::Platforms,
        AppChild::Roles => apps::Child::Roles,
        AppChild::MailTemplates => apps::Child::MailTemplates,
    }
}

fn insight(o: InsightObject) -> insights::Object {
    match o {
        InsightObject::Application => insights::Object::Application,
        InsightObject::Plugin => insights::Object::Plugin,
        InsightObject::Product => insights::Object::Product,
        InsightObject::Record => insights::Object::Record,
    }
}
