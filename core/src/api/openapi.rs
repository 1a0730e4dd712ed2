//! The OpenAPI 3.1 document, generated from the route table ([`routes`]) and
//! the contract types (`utoipa::ToSchema`, derived behind the `openapi`
//! feature). Host-only: `cargo xtask openapi` runs `core/src/bin/openapi.rs`
//! and writes the result into the SPA's assets (dist/openapi.json), which the
//! worker answers at `GET /v1/openapi.json`; the worker bundle never carries it.
//!
//! What each operation takes and answers is [`schemas`]: one line per `Op`.

use std::borrow::Cow;

use utoipa::__dev::ComposeSchema;
use utoipa::openapi::path::{HttpMethod, OperationBuilder, ParameterBuilder, ParameterIn};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::schema::{AdditionalProperties, Object, ObjectBuilder, OneOfBuilder, Schema, SchemaFormat};
use utoipa::openapi::schema::{KnownFormat, Type};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, Http, HttpAuthScheme, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{
    ComponentsBuilder, Content, InfoBuilder, OpenApi, OpenApiBuilder, Paths, Ref, RefOr, Required, ResponseBuilder, Tag,
};
use utoipa::{PartialSchema, ToSchema};

use super::list::ListSpec;
use super::list::FILTERS;
use super::routes::{routes, Method, Op, Route, Shared};
use super::{
    applications, apps, attached_groups, auth, files, groups, insights, plays, plugins, plugstores, procedures,
};
use super::{
    batches, contacts, developers, encoding, finder_messages, folders, mails, makers, products, shares, sharing, shop,
    user,
};
use super::{Deleted, Keyed, Name, Patch};
use crate::chmod::Level;
use crate::error::ErrorBody;
use crate::play::Play;

// ---------------------------------------------------------------------------
// Schemas of the contract's generic building blocks (hand-written: their serde
// impls are hand-written too).

impl<T: ToSchema> ComposeSchema for Keyed<T> {
    /// An object keyed `"0"`, `"1"`, … whose values are `T`.
    fn compose(generics: Vec<RefOr<Schema>>) -> RefOr<Schema> {
        let item = generics.into_iter().next().unwrap_or_else(reference::<T>);
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .property_names(Some(ObjectBuilder::new().schema_type(Type::String).pattern(Some("^(0|[1-9][0-9]*)$"))))
            .additional_properties(Some(AdditionalProperties::RefOr(item)))
            .description(Some(format!("A list of {}: an object keyed \"0\", \"1\", … in order", T::name())))
            .into()
    }
}

impl<T: ToSchema> ToSchema for Keyed<T> {
    fn name() -> Cow<'static, str> {
        Cow::Owned(format!("{}List", T::name()))
    }

    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        collect::<T>(schemas);
    }
}

impl<T: ToSchema> ComposeSchema for Patch<T> {
    /// Absent keeps the value, `null` (or empty text in a form) clears it, a value sets it.
    fn compose(generics: Vec<RefOr<Schema>>) -> RefOr<Schema> {
        let item = generics.into_iter().next().unwrap_or_else(reference::<T>);
        OneOfBuilder::new()
            .item(item)
            .item(Object::with_type(Type::Null))
            .description(Some("Absent: keep; null or empty: clear; a value: set"))
            .into()
    }
}

impl<T: ToSchema> ToSchema for Patch<T> {
    fn name() -> Cow<'static, str> {
        Cow::Owned(format!("Patch{}", T::name()))
    }

    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        T::schemas(schemas);
    }
}

impl<const MAX: usize> PartialSchema for Name<MAX> {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .min_length(Some(1))
            .max_length(Some(MAX))
            .description(Some("Trimmed text, not empty"))
            .into()
    }
}

impl<const MAX: usize> ToSchema for Name<MAX> {
    fn name() -> Cow<'static, str> {
        Cow::Owned(format!("Name{MAX}"))
    }
}

impl PartialSchema for Level {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::Integer)
            .minimum(Some(0))
            .maximum(Some(5))
            .description(Some("chmod: 0 nothing, 1 reader, 2 user, 3 manager, 4 admin, 5 owner"))
            .into()
    }
}

impl ToSchema for Level {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Level")
    }
}

/// A `$ref` to `T`'s component (primitives are inlined: they have no component).
fn reference<T: ToSchema>() -> RefOr<Schema> {
    match T::schema() {
        RefOr::T(Schema::Object(o))
            if o.properties.is_empty()
                && !matches!(o.schema_type, utoipa::openapi::schema::SchemaType::Type(Type::Object)) =>
        {
            RefOr::T(Schema::Object(o))
        }
        _ => RefOr::Ref(Ref::from_schema_name(T::name())),
    }
}

/// `T` and everything it references, as components.
fn collect<T: ToSchema>(schemas: &mut Vec<(String, RefOr<Schema>)>) {
    if let RefOr::Ref(_) = reference::<T>() {
        schemas.push((T::name().into_owned(), T::schema()));
    }
    T::schemas(schemas);
}

// ---------------------------------------------------------------------------
// What each operation takes and answers.

/// An operation's request body, its success answer and that answer's status.
#[derive(Clone, Default)]
pub struct OpSchemas {
    pub request: Option<RefOr<Schema>>,
    pub response: Option<RefOr<Schema>>,
    pub status: u16,
    /// The response is a page or bytes, not JSON.
    pub media: Option<&'static str>,
    /// A second media type the same answer may have (an export as CSV or vCard).
    pub alt_media: Option<&'static str>,
    /// The components the two schemas reference.
    pub components: Vec<(String, RefOr<Schema>)>,
}

impl OpSchemas {
    fn ok() -> Self {
        Self { status: 200, ..Self::default() }
    }

    fn created() -> Self {
        Self { status: 201, ..Self::default() }
    }

    /// A link that sends the browser on (`Location`, and the same as `{"redirect": …}`).
    fn see_other() -> Self {
        Self { status: 303, ..Self::default() }
    }

    /// The request body is `T` (form or JSON).
    fn takes<T: ToSchema>(mut self) -> Self {
        collect::<T>(&mut self.components);
        self.request = Some(reference::<T>());
        self
    }

    /// The answer is `T`.
    fn gives<T: ToSchema>(mut self) -> Self {
        collect::<T>(&mut self.components);
        self.response = Some(reference::<T>());
        self
    }

    /// Not typed yet: any object (the lead types it once its contract exists).
    fn takes_any(mut self) -> Self {
        self.request = Some(any_object());
        self
    }

    fn gives_any(mut self) -> Self {
        self.response = Some(any_object());
        self
    }

    /// A file in one of two formats, as the request asks.
    fn pages(mut self, media: &'static str, alt: &'static str) -> Self {
        self.alt_media = Some(alt);
        self.page(media)
    }

    /// The answer is not JSON: a page (`text/html`) or a file's bytes.
    fn page(mut self, media: &'static str) -> Self {
        self.media = Some(media);
        self.response = Some(ObjectBuilder::new().schema_type(Type::String).into());
        self
    }
}

fn any_object() -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .additional_properties(Some(AdditionalProperties::FreeForm(true)))
        .into()
}

/// THE mapping: what each operation takes and answers, one line per operation.
/// `takes_any`/`gives_any` mark the contract types still to be written.
pub fn schemas(op: Op) -> OpSchemas {
    let ok = OpSchemas::ok;
    let created = OpSchemas::created;
    match op {
        Op::Health => ok().gives_any(),
        Op::OpenApi => ok().gives_any(),
        Op::PlayPage | Op::SharedPlayPage => ok().page("text/html"),
        Op::ServeFile => ok().page("*/*"),
        Op::Play | Op::SharedPlay => ok().gives::<Play>(),
        Op::PlayPlugin | Op::SharedPlayPlugin => ok().gives::<plays::OpenedPlugin>(),
        Op::PlayLostReport | Op::SharedPlayLostReport => created().takes::<plays::LostReport>().gives::<auth::Status>(),
        // The partner's own form fields.
        Op::PlayQuote => created().takes_any().gives::<plays::QuoteAnswer>(),
        Op::PlayShare => created().takes::<plays::SharePlay>().gives::<plays::PlayShare>(),
        Op::PlayContact | Op::SharedPlayContact => {
            created().takes::<contacts::ExchangeContact>().gives::<auth::Status>()
        }
        Op::ForgetContact => ok().takes::<contacts::ForgetContact>().gives::<Deleted>(),
        Op::Contacts => ok().gives::<Keyed<contacts::Contact>>(),
        Op::ExportContacts => ok().pages("text/csv", "text/vcard"),
        Op::GetContact => ok().gives::<contacts::Contact>(),
        Op::UpdateContact => ok().takes::<contacts::UpdateContact>().gives::<contacts::Contact>(),
        Op::DeleteContact => ok().gives::<Deleted>(),

        Op::Login => ok().takes::<auth::Login>().gives::<auth::SignedIn>(),
        Op::Signup => created().takes::<auth::Signup>().gives::<auth::SignedUp>(),
        Op::ForgotPassword | Op::ResendActivation => ok().takes_any().gives::<auth::Status>(),
        Op::ConsentAnswer => ok().takes::<auth::ConsentAnswer>().gives::<auth::ConsentRedirect>(),
        Op::Token => ok().takes::<auth::TokenExchange>().gives::<auth::TokenGrant>(),
        Op::OAuthDiscovery | Op::Jwks | Op::UserInfo => ok().gives_any(),
        Op::RevokeOAuthToken => ok().takes::<auth::RevokeToken>().gives_any(),
        Op::LogoutSession | Op::LogoutToken => ok().gives::<auth::Status>(),
        Op::ConsentInfo => ok().gives::<auth::ConsentInfo>(),
        Op::GetSession => ok().gives::<auth::Session>(),
        Op::DeleteToken | Op::DeleteSession => ok().gives::<auth::Revoked>(),

        Op::CreateUserProcedure => created().takes_any().gives::<auth::SignedUp>(),
        Op::RequestProcedure(_) => ok().takes_any().gives::<auth::Status>(),
        Op::ActivateGet => ok().gives_any(),
        Op::Activate => ok().takes::<procedures::Code>().gives::<procedures::Activated>(),
        Op::ConfirmChangeEmail => ok().takes_any().gives::<procedures::EmailChange>(),
        Op::ConfirmChangePassword | Op::ConfirmResetPassword | Op::ConfirmDeleteAccount => {
            ok().takes_any().gives::<auth::Status>()
        }

        Op::GetUser | Op::UserLogs | Op::UserLog | Op::UserTokens => ok().gives_any(),
        Op::UpdateUser => ok().takes_any().gives_any(),
        Op::Addresses => ok().gives::<Keyed<user::Address>>(),
        Op::GetAddress => ok().gives::<user::Address>(),
        Op::CreateAddress => created().takes::<user::SaveAddress>().gives::<user::Address>(),
        Op::UpdateAddress => ok().takes::<user::SaveAddress>().gives::<user::Address>(),
        Op::DeleteAddress => ok().gives::<Deleted>(),

        Op::Developers => ok().gives::<Keyed<developers::DeveloperSummary>>(),
        Op::BecomeDeveloper => created().takes::<developers::CreateDeveloper>().gives::<developers::Developer>(),
        Op::MainDeveloper | Op::GetDeveloper => ok().gives::<developers::Developer>(),
        Op::UpdateMainDeveloper | Op::UpdateDeveloper => {
            ok().takes::<developers::UpdateDeveloper>().gives::<developers::Developer>()
        }
        Op::DeleteDeveloper => ok().gives::<Deleted>(),
        Op::DeveloperApps => ok().gives::<Keyed<apps::AppSummary>>(),
        Op::AppCategories => ok().gives::<Keyed<apps::Category>>(),
        Op::GetApp => ok().gives::<apps::App>(),
        Op::CreateApp => created().takes::<apps::SaveApp>().gives::<apps::App>(),
        Op::UpdateApp => ok().takes::<apps::SaveApp>().gives::<apps::App>(),
        Op::DeleteApp => ok().gives::<Deleted>(),
        Op::AppCalls => ok().gives::<Keyed<apps::AppCall>>(),
        Op::AppTokens => ok().gives::<apps::AppTokens>(),
        Op::AppChildren(_) | Op::GetAppChild(_) => ok().gives_any(),
        Op::CreateAppChild(_) => created().takes_any().gives_any(),
        Op::UpdateAppChild(_) => ok().takes_any().gives_any(),
        Op::DeleteAppChild(_) => ok().gives::<Deleted>(),

        Op::Insights(_) | Op::InsightsView(_) => ok().gives_any(),

        Op::Products => ok().gives::<Keyed<products::Product>>(),
        Op::GetProduct | Op::ResetProduct => ok().gives::<products::Product>(),
        Op::ProductRecords => ok().gives::<Keyed<products::Record>>(),
        Op::GetRecord => ok().gives::<products::Record>(),
        Op::FinderMessages => ok().gives::<Keyed<finder_messages::FinderMessage>>(),
        Op::UpdateFinderMessage => {
            ok().takes::<finder_messages::UpdateFinderMessage>().gives::<finder_messages::FinderMessage>()
        }
        Op::RecordShares => ok().gives::<Keyed<shares::Share>>(),
        Op::PairStatic | Op::PairDynamic => ok().takes::<products::Pair>().gives::<products::Product>(),
        // The product, or where it went when attached to a maker's group.
        Op::UpdateProduct => ok().takes::<products::UpdateProduct>().gives_any(),
        Op::UpdateRecord => ok().takes::<products::UpdateRecord>().gives::<products::Record>(),
        Op::DeleteProduct => ok().takes::<products::DeleteProduct>().gives::<products::ProductDeleted>(),

        Op::Pending(_) => ok().gives::<Keyed<sharing::Pending>>(),
        Op::Members(_) => ok().gives::<Keyed<sharing::Access>>(),
        Op::AnswerPending(_) => ok().takes::<sharing::AnswerPending>().gives_any(),
        Op::Grant(_) => created().takes::<sharing::Grant>().gives::<sharing::Access>(),
        Op::UpdateAccess(_) => ok().takes::<sharing::UpdateAccess>().gives::<sharing::Access>(),
        Op::RemoveAccess(_) => ok().gives::<Deleted>(),
        Op::RevokeInvitation(_) => ok().gives::<sharing::Revoked>(),
        Op::UpdateInvitation(_) => ok().takes::<sharing::UpdateAccess>().gives::<sharing::Access>(),
        Op::AgreeShareApplicationPage => OpSchemas::see_other().gives_any(),
        Op::AgreeShareApplication => ok().takes_any().gives_any(),

        Op::Makers => ok().gives::<Keyed<makers::MakerSummary>>(),
        Op::CreateMaker => created().takes::<makers::CreateMaker>().gives::<makers::Maker>(),
        Op::MainMaker => ok().gives::<makers::Maker>(),
        Op::UpdateMainMaker | Op::UpdateMaker => ok().takes::<makers::UpdateMaker>().gives::<makers::Maker>(),
        Op::GetMaker => ok().gives::<makers::MakerProfile>(),
        Op::DeleteMaker | Op::DeleteItem => ok().gives::<Deleted>(),
        Op::MakerItems => ok().gives::<Keyed<makers::ItemSummary>>(),
        Op::CreateItem => created().takes::<makers::CreateItem>().gives::<makers::Item>(),
        Op::GetItem => ok().gives::<makers::Item>(),
        Op::UpdateItem => ok().takes::<makers::UpdateItem>().gives::<makers::Item>(),
        Op::ItemProducts => ok().gives::<Keyed<makers::ItemProduct>>(),
        Op::CreateProduct => created().takes::<makers::CreateProduct>().gives::<makers::MadeProduct>(),
        Op::EncodedProducts => ok().gives::<Keyed<makers::EncodedProduct>>(),
        Op::Batches => ok().gives::<Keyed<batches::Batch>>(),
        Op::CreateBatch => created().takes::<batches::CreateBatch>().gives::<batches::Batch>(),
        Op::GetBatch => ok().gives::<batches::Batch>(),
        Op::Personalize => ok().takes::<encoding::Personalize>().gives::<encoding::Personalization>(),
        Op::CreateRecord => created().takes::<makers::CreateRecord>().gives::<makers::MakerRecord>(),
        Op::DeleteRecord => ok().gives::<Deleted>(),
        Op::PersonalizeBatch => ok().takes::<encoding::ImportUids>().page("text/csv"),
        Op::ConfirmPersonalization => ok().takes::<encoding::ConfirmEncoding>().gives::<encoding::EncodingConfirmed>(),
        Op::RotateBatchKeys => ok().gives::<encoding::KeyRotation>(),

        Op::AttachedGroups => ok().gives::<Keyed<attached_groups::AttachedGroupSummary>>(),
        Op::GetAttachedGroup => ok().gives::<attached_groups::AttachedGroup>(),
        Op::CreateAttachedGroup => {
            created().takes::<attached_groups::CreateAttachedGroup>().gives::<attached_groups::AttachedGroup>()
        }
        Op::UpdateAttachedGroup => {
            ok().takes::<attached_groups::UpdateAttachedGroup>().gives::<attached_groups::AttachedGroup>()
        }
        Op::DeleteAttachedGroup => ok().gives::<Deleted>(),

        Op::Groups => ok().gives::<Keyed<groups::GroupSummary>>(),
        Op::CreateGroup => created().takes::<groups::CreateGroup>().gives::<groups::Group>(),
        Op::GetGroup => ok().gives::<groups::Group>(),
        Op::UpdateGroup => ok().takes::<groups::UpdateGroup>().gives::<groups::Group>(),
        Op::DeleteGroup => ok().gives::<Deleted>(),
        Op::GroupProducts => ok().gives::<Keyed<groups::GroupProduct>>(),

        Op::Applications => ok().gives::<Keyed<applications::ApplicationSummary>>(),
        Op::CreateApplication => {
            created().takes::<applications::CreateApplication>().gives::<applications::Application>()
        }
        Op::GetApplication => ok().gives::<applications::Application>(),
        Op::UpdateApplication => ok().takes::<applications::UpdateApplication>().gives::<applications::Application>(),
        Op::DeleteApplication => ok().gives::<Deleted>(),
        Op::Plugins => ok().gives::<Keyed<plugins::Plugin>>(),
        Op::CreatePlugin => created().takes::<plugins::CreatePlugin>().gives::<plugins::Plugin>(),
        Op::ReorderPlugins => ok().takes::<plugins::ReorderPlugins>().gives::<Keyed<plugins::Plugin>>(),
        Op::GetPlugin => ok().gives::<plugins::Plugin>(),
        Op::UpdatePlugin => ok().takes::<plugins::UpdatePlugin>().gives::<plugins::Plugin>(),
        Op::DeletePlugin => ok().gives::<Deleted>(),
        Op::TestPlugin => ok().gives::<plugins::ConnectionTest>(),
        Op::ApplicationShares => ok().gives::<Keyed<shares::Share>>(),
        Op::CreateShare => created().takes::<shares::CreateShare>().gives::<shares::Share>(),
        Op::GetShare => ok().gives::<shares::Share>(),
        Op::UpdateShare => ok().takes::<shares::UpdateShare>().gives::<shares::Share>(),
        Op::DeleteShare => ok().gives::<Deleted>(),

        Op::Files => ok().gives::<Keyed<files::File>>(),
        // A multipart or form upload (`source`, `name`): not a contract type.
        Op::UploadFile => created().takes_any().gives::<files::File>(),
        Op::GetFile | Op::GetUserFile => ok().gives::<files::File>(),
        Op::UpdateFile => ok().takes::<files::UpdateFile>().gives::<files::File>(),
        Op::DeleteFile => ok().gives::<files::FileDeleted>(),
        Op::Folders => ok().gives::<Keyed<folders::FolderSummary>>(),
        Op::CreateFolder => created().takes::<folders::CreateFolder>().gives::<folders::Folder>(),
        Op::GetFolder => ok().gives::<folders::Folder>(),
        Op::UpdateFolder => ok().takes::<folders::UpdateFolder>().gives::<folders::Folder>(),
        Op::DeleteFolder => ok().gives::<Deleted>(),
        Op::FolderFiles => ok().gives::<Keyed<files::File>>(),
        Op::PreviewMailTemplate => ok().takes::<apps::PreviewMailTemplate>().gives::<apps::MailPreview>(),
        Op::SentMails => ok().gives::<Keyed<mails::SentMail>>(),
        Op::GetSentMail => ok().gives::<mails::SentMail>(),
        Op::ReceivedMails => ok().gives::<Keyed<mails::ReceivedMail>>(),
        Op::GetReceivedMail => ok().gives::<mails::ReceivedMail>(),
        Op::SendMail => created().takes::<mails::SendMail>().gives::<Keyed<mails::SentMail>>(),
        Op::MailContacts => ok().gives::<Keyed<mails::MailUser>>(),

        Op::Plugstores => ok().gives::<Keyed<plugstores::PlugstoreEntry>>(),
        Op::PlugstoreCategories => ok().gives::<Keyed<plugstores::Category>>(),
        Op::GetPlugstore => ok().gives::<plugstores::PlugstoreEntry>(),
        Op::PlugstoreForm => ok().gives::<plugstores::PlugstoreForm>(),
        Op::CreatePlugstore => created().takes::<plugstores::CreatePlugstore>().gives::<plugstores::CreatedPlugstore>(),
        Op::UpdatePlugstore => ok().takes::<plugstores::UpdatePlugstore>().gives::<plugstores::PlugstoreEntry>(),
        Op::DeletePlugstore => ok().gives::<Deleted>(),
        Op::PlugstoreVersions => ok().gives::<Keyed<plugstores::PlugstoreVersion>>(),
        Op::CreatePlugstoreVersion => {
            created().takes::<plugstores::VersionFields>().gives::<plugstores::PlugstoreVersion>()
        }
        Op::GetPlugstoreVersion => ok().gives::<plugstores::PlugstoreVersion>(),
        Op::UpdatePlugstoreVersion => ok().takes::<plugstores::VersionFields>().gives::<plugstores::PlugstoreVersion>(),
        Op::VersionLangs => ok().gives::<Keyed<plugstores::LangSummary>>(),
        Op::CreateVersionLang => created().takes::<plugstores::CreateLang>().gives::<plugstores::VersionLang>(),
        Op::GetVersionLang => ok().gives::<plugstores::VersionLang>(),
        Op::UpdateVersionLang => ok().takes::<plugstores::LangFields>().gives::<plugstores::VersionLang>(),
        Op::Icons => ok().gives::<Keyed<plugstores::Icon>>(),

        Op::Currencies => ok().gives::<Keyed<shop::Currency>>(),
        Op::GetCurrency => ok().gives::<shop::Currency>(),
        Op::ShopItems => ok().gives::<Keyed<shop::ShopItem>>(),
        Op::Companies => ok().gives::<Keyed<shop::CompanySummary>>(),
        Op::CreateCompany => created().takes::<shop::CreateCompany>().gives::<shop::Company>(),
        Op::GetCompany => ok().gives::<shop::Company>(),
        Op::UpdateCompany => ok().takes::<shop::UpdateCompany>().gives::<shop::Company>(),
        Op::DeleteCompany | Op::DeleteProvider => ok().gives::<Deleted>(),
        Op::Orders => ok().gives::<Keyed<shop::OrderSummary>>(),
        Op::CreateOrder => created().takes::<shop::CreateOrder>().gives::<shop::OrderCreated>(),
        Op::GetOrder => ok().gives::<shop::Order>(),
        Op::UpdateOrder => ok().takes::<shop::UpdateOrder>().gives::<shop::Order>(),
        Op::Payments => ok().gives::<Keyed<shop::PaymentSummary>>(),
        Op::CreatePayment => created().takes::<shop::CreatePayment>().gives::<shop::PaymentStarted>(),
        Op::GetPayment => ok().gives::<shop::Payment>(),
        // Stripe's event JSON, read raw for its signature.
        Op::StripeWebhook => ok().takes_any().gives::<shop::WebhookReceived>(),
        Op::Providers => ok().gives::<Keyed<shop::ProviderSummary>>(),
        Op::CreateProvider => created().takes::<shop::CreateProvider>().gives::<shop::Provider>(),
        Op::GetProvider => ok().gives::<shop::Provider>(),
        Op::UpdateProvider => ok().takes::<shop::UpdateProvider>().gives::<shop::Provider>(),
        Op::ProviderOrders => ok().gives::<Keyed<shop::ProviderOrder>>(),
        Op::UpdateProviderOrder => ok().takes::<shop::UpdateProviderOrder>().gives::<shop::ProviderOrder>(),
        Op::Plans => ok().gives::<Keyed<shop::PlanSummary>>(),
        Op::GetPlan => ok().gives::<shop::Plan>(),
        Op::CurrentPlan => ok().gives::<shop::CurrentPlan>(),
        Op::Subscriptions => ok().gives::<Keyed<shop::SubscriptionSummary>>(),
        Op::CreateSubscription => created().takes::<shop::CreateSubscription>().gives::<shop::Subscription>(),
        Op::GetSubscription => ok().gives::<shop::Subscription>(),
        Op::Resellers => ok().gives::<Keyed<shop::ResellerSummary>>(),
        Op::CreateReseller => created().takes::<shop::SaveReseller>().gives::<shop::Reseller>(),
        Op::GetReseller => ok().gives::<shop::Reseller>(),
        Op::UpdateReseller => ok().takes::<shop::SaveReseller>().gives::<shop::Reseller>(),
        Op::DeleteReseller => ok().gives::<Deleted>(),
        Op::ResellerProducts => ok().gives::<Keyed<shop::ResellerProduct>>(),
    }
}

// ---------------------------------------------------------------------------
// Everything else an operation has, from the route table.

/// The resource an operation belongs to (the document's tag).
pub fn tag(op: Op) -> &'static str {
    match op {
        Op::Health | Op::OpenApi => "meta",
        Op::PlayPage
        | Op::SharedPlayPage
        | Op::Play
        | Op::PlayPlugin
        | Op::PlayLostReport
        | Op::PlayQuote
        | Op::PlayShare
        | Op::SharedPlay
        | Op::SharedPlayPlugin
        | Op::SharedPlayLostReport
        | Op::PlayContact
        | Op::SharedPlayContact => "plays",
        Op::ForgetContact
        | Op::Contacts
        | Op::ExportContacts
        | Op::GetContact
        | Op::UpdateContact
        | Op::DeleteContact => "contacts",
        Op::Login
        | Op::Signup
        | Op::ForgotPassword
        | Op::ResendActivation
        | Op::LogoutSession
        | Op::ConsentInfo
        | Op::ConsentAnswer
        | Op::Token
        | Op::OAuthDiscovery
        | Op::Jwks
        | Op::UserInfo
        | Op::RevokeOAuthToken
        | Op::LogoutToken
        | Op::DeleteToken
        | Op::GetSession
        | Op::DeleteSession => "auth",
        Op::CreateUserProcedure
        | Op::RequestProcedure(_)
        | Op::Activate
        | Op::ActivateGet
        | Op::ConfirmChangePassword
        | Op::ConfirmResetPassword
        | Op::ConfirmChangeEmail
        | Op::ConfirmDeleteAccount => "procedures",
        Op::GetUser
        | Op::UpdateUser
        | Op::UserLogs
        | Op::UserLog
        | Op::UserTokens
        | Op::Addresses
        | Op::CreateAddress
        | Op::GetAddress
        | Op::UpdateAddress
        | Op::DeleteAddress => "user",
        Op::Developers
        | Op::BecomeDeveloper
        | Op::MainDeveloper
        | Op::UpdateMainDeveloper
        | Op::GetDeveloper
        | Op::UpdateDeveloper
        | Op::DeleteDeveloper
        | Op::DeveloperApps
        | Op::CreateApp
        | Op::AppCategories
        | Op::GetApp
        | Op::UpdateApp
        | Op::DeleteApp
        | Op::AppCalls
        | Op::AppTokens
        | Op::AppChildren(_)
        | Op::CreateAppChild(_)
        | Op::GetAppChild(_)
        | Op::UpdateAppChild(_)
        | Op::DeleteAppChild(_)
        | Op::PreviewMailTemplate => "apps",
        Op::Insights(_) | Op::InsightsView(_) => "insights",
        Op::Products
        | Op::PairStatic
        | Op::PairDynamic
        | Op::GetProduct
        | Op::UpdateProduct
        | Op::DeleteProduct
        | Op::ResetProduct
        | Op::FinderMessages
        | Op::UpdateFinderMessage
        | Op::Pending(Shared::Product) => "products",
        Op::ProductRecords | Op::GetRecord | Op::UpdateRecord | Op::RecordShares => "records",
        Op::Pending(_)
        | Op::AnswerPending(_)
        | Op::Members(_)
        | Op::Grant(_)
        | Op::UpdateAccess(_)
        | Op::RemoveAccess(_)
        | Op::RevokeInvitation(_)
        | Op::UpdateInvitation(_)
        | Op::AgreeShareApplicationPage
        | Op::AgreeShareApplication => "sharing",
        Op::AttachedGroups
        | Op::CreateAttachedGroup
        | Op::GetAttachedGroup
        | Op::UpdateAttachedGroup
        | Op::DeleteAttachedGroup => "attached-groups",
        Op::Makers
        | Op::CreateMaker
        | Op::MainMaker
        | Op::UpdateMainMaker
        | Op::GetMaker
        | Op::UpdateMaker
        | Op::DeleteMaker
        | Op::MakerItems
        | Op::CreateItem
        | Op::GetItem
        | Op::UpdateItem
        | Op::DeleteItem
        | Op::ItemProducts
        | Op::CreateProduct
        | Op::EncodedProducts
        | Op::Batches
        | Op::CreateBatch
        | Op::GetBatch
        | Op::Personalize
        | Op::PersonalizeBatch
        | Op::ConfirmPersonalization
        | Op::RotateBatchKeys
        | Op::CreateRecord
        | Op::DeleteRecord => "makers",
        Op::Groups | Op::CreateGroup | Op::GetGroup | Op::UpdateGroup | Op::DeleteGroup | Op::GroupProducts => "groups",
        Op::Applications
        | Op::CreateApplication
        | Op::GetApplication
        | Op::UpdateApplication
        | Op::DeleteApplication => "applications",
        Op::Plugins
        | Op::CreatePlugin
        | Op::ReorderPlugins
        | Op::GetPlugin
        | Op::UpdatePlugin
        | Op::DeletePlugin
        | Op::TestPlugin => "plugins",
        Op::ApplicationShares | Op::CreateShare | Op::GetShare | Op::UpdateShare | Op::DeleteShare => "shares",
        Op::ServeFile
        | Op::Files
        | Op::UploadFile
        | Op::GetFile
        | Op::UpdateFile
        | Op::DeleteFile
        | Op::GetUserFile => "files",
        Op::Folders | Op::CreateFolder | Op::GetFolder | Op::UpdateFolder | Op::DeleteFolder | Op::FolderFiles => {
            "folders"
        }
        Op::SentMails | Op::GetSentMail | Op::ReceivedMails | Op::GetReceivedMail | Op::SendMail | Op::MailContacts => {
            "mails"
        }
        Op::Plugstores
        | Op::PlugstoreCategories
        | Op::GetPlugstore
        | Op::PlugstoreForm
        | Op::CreatePlugstore
        | Op::UpdatePlugstore
        | Op::DeletePlugstore
        | Op::PlugstoreVersions
        | Op::CreatePlugstoreVersion
        | Op::GetPlugstoreVersion
        | Op::UpdatePlugstoreVersion
        | Op::VersionLangs
        | Op::CreateVersionLang
        | Op::GetVersionLang
        | Op::UpdateVersionLang
        | Op::Icons => "plugstores",
        Op::Currencies | Op::GetCurrency | Op::ShopItems => "shop",
        Op::Companies | Op::CreateCompany | Op::GetCompany | Op::UpdateCompany | Op::DeleteCompany => "companies",
        Op::Orders | Op::CreateOrder | Op::GetOrder | Op::UpdateOrder => "orders",
        Op::Payments | Op::CreatePayment | Op::GetPayment | Op::StripeWebhook => "payments",
        Op::Providers
        | Op::CreateProvider
        | Op::GetProvider
        | Op::UpdateProvider
        | Op::DeleteProvider
        | Op::ProviderOrders
        | Op::UpdateProviderOrder => "providers",
        Op::Plans
        | Op::GetPlan
        | Op::CurrentPlan
        | Op::Subscriptions
        | Op::CreateSubscription
        | Op::GetSubscription => "plans",
        Op::Resellers
        | Op::CreateReseller
        | Op::GetReseller
        | Op::UpdateReseller
        | Op::DeleteReseller
        | Op::ResellerProducts => "resellers",
    }
}

/// Answered without a token (the others take the bearer token, `?token=` or the session cookie).
pub fn is_public(op: Op) -> bool {
    matches!(
        op,
        Op::Health
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
            | Op::SharedPlayContact
            | Op::ForgetContact
            | Op::Login
            | Op::Signup
            | Op::ForgotPassword
            | Op::ResendActivation
            | Op::Token
            | Op::OAuthDiscovery
            | Op::Jwks
            | Op::RevokeOAuthToken
            | Op::ConsentInfo
            | Op::Activate
            | Op::ActivateGet
            | Op::ConfirmChangePassword
            | Op::ConfirmResetPassword
            | Op::ConfirmChangeEmail
            | Op::ConfirmDeleteAccount
            | Op::Currencies
            | Op::GetCurrency
            | Op::ShopItems
            | Op::StripeWebhook
            | Op::Plans
            | Op::GetPlan
    )
}

/// The lists that take the documented filters (senzu-api.txt "Filters"): their
/// sortable fields and their own query arguments, as the handlers parse them.
pub fn list_spec(op: Op) -> Option<ListSpec> {
    match op {
        Op::Applications => Some(applications::LIST),
        Op::EncodedProducts => Some(makers::ENCODED_LIST),
        Op::Insights(_) | Op::InsightsView(_) => Some(insights::LIST),
        Op::Products => Some(products::LIST),
        Op::Contacts => Some(contacts::LIST),
        Op::ExportContacts => Some(contacts::EXPORT),
        Op::Plugstores => Some(plugstores::LIST),
        Op::Plugins | Op::ApplicationShares | Op::RecordShares => Some(ListSpec::WHOLE),
        Op::Groups
        | Op::GroupProducts
        | Op::Files
        | Op::Folders
        | Op::FolderFiles
        | Op::SentMails
        | Op::ReceivedMails
        | Op::MailContacts
        | Op::Addresses
        | Op::UserLogs
        | Op::AppCalls
        | Op::DeveloperApps
        | Op::AttachedGroups
        | Op::Makers
        | Op::Developers
        | Op::PlugstoreVersions
        | Op::VersionLangs
        | Op::Icons
        | Op::MakerItems
        | Op::ItemProducts
        | Op::Batches
        | Op::ProductRecords
        | Op::FinderMessages
        | Op::Currencies
        | Op::ShopItems
        | Op::Companies
        | Op::Orders
        | Op::Payments
        | Op::Providers
        | Op::ProviderOrders
        | Op::Plans
        | Op::Subscriptions
        | Op::Resellers
        | Op::ResellerProducts => Some(ListSpec::PLAIN),
        _ => None,
    }
}

/// A path parameter that is not a numeric id.
fn is_text_param(op: Op, name: &str) -> bool {
    matches!(name, "tap" | "key" | "name" | "view" | "lang")
        || matches!(
            op,
            Op::DeveloperApps
                | Op::CreateApp
                | Op::GetApp
                | Op::UpdateApp
                | Op::DeleteApp
                | Op::AppCalls
                | Op::AppTokens
                | Op::AppChildren(_)
                | Op::CreateAppChild(_)
                | Op::GetAppChild(_)
                | Op::UpdateAppChild(_)
                | Op::DeleteAppChild(_)
                | Op::PreviewMailTemplate
                | Op::Insights(_)
                | Op::InsightsView(_)
                | Op::GetPlugstore
                | Op::PlugstoreForm
        ) && name == "id"
}

/// The Senzu errors an operation documents (the code is the HTTP status; 190 travels as 401).
/// Any route may refuse its arguments or the request's origin, so those are everywhere.
fn errors(route: &Route) -> Vec<(u16, &'static str)> {
    let op = route.op;
    let mut out = vec![
        (400, "The request cannot be read (a body that is not a form or a JSON object)"),
        (403, "Not allowed: the token's roles, the caller's level, or a cross-site request"),
        (404, "Not found"),
        (409, "Conflicts with the current state"),
        (413, "Too large"),
        (419, "A required argument is missing (the message names it)"),
        (420, "An argument is malformed (the message names it)"),
        (429, "Too many requests"),
        (500, "An internal error"),
    ];
    // The routes answered before the caller is resolved never read a token.
    if !matches!(tag(op), "meta" | "plays") && op != Op::ServeFile {
        out.push((401, "No token, or a bad or expired one (code 190)"));
    }
    if matches!(op, Op::CreateApplication | Op::CreatePlugin | Op::PairStatic | Op::PairDynamic) {
        out.push((402, "The account's plan allows no more of these (GET /v1/user/plan; a bigger plan lifts it)"));
    }
    if matches!(op, Op::CreateOrder | Op::CreatePayment | Op::StripeWebhook | Op::CreateSubscription) {
        out.push((503, "The payment service cannot be reached or is not configured"));
    }
    if list_spec(op).is_some() {
        out.push((430, "An unknown or malformed list filter (the message names it)"));
    }
    if tag(op) == "plays" || matches!(op, Op::PairStatic | Op::PairDynamic) {
        out.push((460, "Locked: the right password is needed"));
        out.push((461, "The record is not activated (paired) yet"));
        out.push((462, "The record is disabled"));
        out.push((463, "The tap is too old: tap again"));
        out.push((464, "The record shows no application"));
        out.push((465, "The product is lost"));
    }
    out.sort();
    out
}

fn http_method(m: Method) -> HttpMethod {
    match m {
        Method::Get => HttpMethod::Get,
        Method::Post => HttpMethod::Post,
        Method::Delete => HttpMethod::Delete,
    }
}

/// `get_v1_groups_id_products`-style ids: unique, stable, readable.
fn operation_id(route: &Route) -> String {
    let mut id = route.method.as_str().to_ascii_lowercase();
    for seg in route.path.split('/').filter(|s| !s.is_empty()) {
        id.push('_');
        id.extend(
            seg.trim_matches(|c| c == '{' || c == '}').chars().map(|c| if c.is_alphanumeric() { c } else { '_' }),
        );
    }
    id
}

fn text_schema() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(Type::String)
}

fn query_param(name: &str, schema: ObjectBuilder, description: &str) -> utoipa::openapi::path::Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Query)
        .required(Required::False)
        .description(Some(description))
        .schema(Some(schema))
        .build()
}

fn filter_params(spec: ListSpec) -> Vec<utoipa::openapi::path::Parameter> {
    let bound = "^[0-9]+(:(lt|lte|gt|gte))?$";
    let date = "A date (YYYY-MM-DD) or Unix seconds, UTC";
    let sort = format!("^({})(:(asc|desc))?$", spec.sortable.join("|"));
    let sort_text = format!("field:asc|desc, a field of {}", spec.sortable.join(", "));
    let limit_text = match spec.default_limit {
        super::list::MAX_LIMIT => "At most this many (default: all; null: all)".to_string(),
        n => format!("At most this many (default {n}; null: all)"),
    };
    let params = [
        ("limit", text_schema().pattern(Some("^([1-9][0-9]{0,2}|1000|null)$")), limit_text.as_str()),
        ("index", text_schema().pattern(Some(bound)), "By position: N:lt|lte|gt|gte"),
        ("index_id", text_schema().pattern(Some(bound)), "By id: N:lt|lte|gt|gte"),
        ("status", ObjectBuilder::new().schema_type(Type::Boolean), "Only enabled (true) or disabled (false)"),
        ("sort_by", text_schema().pattern(Some(sort)), sort_text.as_str()),
        ("start_date", text_schema(), date),
        ("end_date", text_schema(), date),
    ];
    debug_assert_eq!(params.len(), FILTERS.len());
    let mut out: Vec<_> =
        params.into_iter().map(|(name, schema, description)| query_param(name, schema, description)).collect();
    out.extend(spec.route_args.iter().map(|arg| query_param(arg, text_schema(), "This list's own filter")));
    out
}

fn error_response(description: &str) -> utoipa::openapi::Response {
    ResponseBuilder::new()
        .description(description)
        .content("application/json", Content::new(Some(Ref::from_schema_name("ErrorBody"))))
        .build()
}

/// Senzu's error body (the documented flow) or RFC 6749's (standard clients).
fn oauth_error_response(description: &str) -> utoipa::openapi::Response {
    let either = utoipa::openapi::schema::OneOfBuilder::new()
        .item(Ref::from_schema_name("ErrorBody"))
        .item(Ref::from_schema_name("OAuthErrorBody"));
    ResponseBuilder::new().description(description).content("application/json", Content::new(Some(either))).build()
}

fn html_error_response(description: &str) -> utoipa::openapi::Response {
    ResponseBuilder::new()
        .description(description)
        .content("text/html", Content::new(Some(text_schema())))
        .content("application/json", Content::new(Some(Ref::from_schema_name("ErrorBody"))))
        .build()
}

fn security() -> Vec<SecurityRequirement> {
    ["bearer", "token", "session"].into_iter().map(|s| SecurityRequirement::new(s, Vec::<String>::new())).collect()
}

/// The document.
pub fn document() -> OpenApi {
    let mut paths = Paths::new();
    let mut components = ComponentsBuilder::new()
        .security_scheme("bearer", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)))
        .security_scheme(
            "token",
            SecurityScheme::ApiKey(ApiKey::Query(ApiKeyValue::with_description("token", "The token as `?token=`"))),
        )
        .security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                "senzu_session",
                "The first-party session cookie (the dashboard)",
            ))),
        );
    let mut named: Vec<(String, RefOr<Schema>)> = Vec::new();
    collect::<ErrorBody>(&mut named);
    collect::<auth::OAuthErrorBody>(&mut named);
    let mut tags: Vec<&'static str> = Vec::new();
    let mut error_codes: Vec<(u16, &'static str)> = Vec::new();

    for route in routes() {
        let op = route.op;
        let s = schemas(op);
        named.extend(s.components.iter().cloned());
        if !tags.contains(&tag(op)) {
            tags.push(tag(op));
        }
        let mut b =
            OperationBuilder::new().operation_id(Some(operation_id(route))).summary(Some(route.summary)).tag(tag(op));
        for seg in route.path.split('/').filter(|s| s.starts_with('{')) {
            let name = seg.trim_matches(|c| c == '{' || c == '}');
            let schema = if is_text_param(op, name) {
                text_schema().min_length(Some(1))
            } else {
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
                    .minimum(Some(1))
            };
            b = b.parameter(
                ParameterBuilder::new()
                    .name(name)
                    .parameter_in(ParameterIn::Path)
                    .required(Required::True)
                    .schema(Some(schema)),
            );
        }
        if let Some(spec) = list_spec(op).filter(|_| route.method == Method::Get) {
            for p in filter_params(spec) {
                b = b.parameter(p);
            }
        }
        if let Some(request) = s.request.clone() {
            b = b.request_body(Some(
                RequestBodyBuilder::new()
                    .content("application/x-www-form-urlencoded", Content::new(Some(request.clone())))
                    .content("application/json", Content::new(Some(request)))
                    .build(),
            ));
        }
        let media = s.media.unwrap_or("application/json");
        let mut ok = ResponseBuilder::new().description(match s.status {
            201 => "Created",
            303 => "See other: where to go next",
            _ => "OK",
        });
        if let Some(response) = s.response {
            if let Some(alt) = s.alt_media {
                ok = ok.content(alt, Content::new(Some(response.clone())));
            }
            ok = ok.content(media, Content::new(Some(response)));
        }
        b = b.response(s.status.to_string(), ok.build());
        for (code, description) in errors(route) {
            if s.media == Some("text/html") {
                // A page explains its error as a page; a malformed path is refused as JSON.
                b = b.response(code.to_string(), html_error_response(description));
                continue;
            }
            // The OAuth 2.0 endpoints answer a client's mistakes as RFC 6749 §5.2 bodies.
            if matches!(op, Op::Token | Op::RevokeOAuthToken) && matches!(code, 400 | 401) {
                b = b.response(code.to_string(), oauth_error_response(description));
                continue;
            }
            if !error_codes.iter().any(|(c, _)| *c == code) {
                error_codes.push((code, description));
            }
            b = b.response(code.to_string(), RefOr::Ref(Ref::new(format!("#/components/responses/{code}"))));
        }
        if !is_public(op) {
            for requirement in security() {
                b = b.security(requirement);
            }
        }
        paths.add_path_operation(route.path, vec![http_method(route.method)], b.build());
    }

    named.sort_by(|a, b| a.0.cmp(&b.0));
    named.dedup_by(|a, b| a.0 == b.0);
    for (name, schema) in named {
        components = components.schema(name, schema);
    }
    error_codes.sort();
    for (code, description) in error_codes {
        components = components.response(code.to_string(), error_response(description));
    }
    OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title("Senzu API")
                .version(env!("CARGO_PKG_VERSION"))
                .description(Some("Generated from the route table and the contract types of senzu-core."))
                .build(),
        )
        .paths(paths)
        .components(Some(components.build()))
        .tags(Some(tags.into_iter().map(|t| {
            let mut tag = Tag::new(t);
            tag.description = None;
            tag
        })))
        .build()
}

/// The document as the worker serves it (compact: it is read by programs and the reference page).
pub fn json() -> String {
    let mut doc =
        serde_json::to_value(document()).unwrap_or_else(|e| panic!("the OpenAPI document does not serialize: {e}"));
    free_form(&mut doc);
    doc.to_string()
}

/// A map of any values (`serde_json::Map`) derives as `"additionalProperties": {}`,
/// which utoipa cannot read back; `true` says the same.
fn free_form(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            if let Some(extra) = map.get_mut("additionalProperties") {
                if extra.as_object().is_some_and(|o| o.is_empty()) {
                    *extra = serde_json::Value::Bool(true);
                }
            }
            map.values_mut().for_each(free_form);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(free_form),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn pairs_of(doc: &serde_json::Value) -> BTreeSet<(String, String)> {
        let mut out = BTreeSet::new();
        for (path, item) in doc["paths"].as_object().expect("paths") {
            for method in item.as_object().expect("path item").keys() {
                if ["get", "post", "put", "delete", "patch", "head", "options", "trace"].contains(&method.as_str()) {
                    out.insert((method.to_ascii_uppercase(), path.clone()));
                }
            }
        }
        out
    }

    /// Two contract types with one schema name would overwrite each other in
    /// the components (apps' and the plugstore's `Category` once did).
    #[test]
    fn every_component_name_is_one_schema() {
        let mut seen: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
        for route in routes() {
            for (name, schema) in schemas(route.op).components {
                let text = serde_json::to_string(&schema).unwrap();
                if let Some(before) = seen.insert(name.clone(), text.clone()) {
                    assert_eq!(before, text, "two schemas named {name}");
                }
            }
        }
    }

    #[test]
    fn the_document_has_every_route_and_no_other() {
        let doc: serde_json::Value = serde_json::from_str(&json()).unwrap();
        let table: BTreeSet<(String, String)> =
            routes().iter().map(|r| (r.method.as_str().to_string(), r.path.to_string())).collect();
        let documented = pairs_of(&doc);
        let missing: Vec<_> = table.difference(&documented).collect();
        let extra: Vec<_> = documented.difference(&table).collect();
        assert!(missing.is_empty(), "routes missing from the document: {missing:?}");
        assert!(extra.is_empty(), "the document names routes the table lacks: {extra:?}");
        assert_eq!(doc["openapi"], "3.1.0");
    }

    #[test]
    fn the_document_is_valid_openapi_and_round_trips() {
        let text = json();
        let parsed: OpenApi = serde_json::from_str(&text).expect("utoipa reads the document back");
        let again: serde_json::Value = serde_json::to_value(&parsed).unwrap();
        assert_eq!(again, serde_json::from_str::<serde_json::Value>(&text).unwrap(), "utoipa's reading loses nothing");
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        // Every $ref points at a component.
        let mut refs = Vec::new();
        fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
            match v {
                serde_json::Value::Object(m) => {
                    if let Some(serde_json::Value::String(r)) = m.get("$ref") {
                        out.push(r.clone());
                    }
                    m.values().for_each(|v| walk(v, out));
                }
                serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
                _ => {}
            }
        }
        walk(&doc, &mut refs);
        for r in refs {
            let (kind, name) = r
                .strip_prefix("#/components/")
                .and_then(|r| r.split_once('/'))
                .unwrap_or_else(|| panic!("unexpected $ref {r}"));
            assert!(doc["components"][kind][name].is_object(), "$ref to a missing component: {r}");
        }
        // Path parameters are declared for every `{name}` segment.
        for route in routes() {
            let op = &doc["paths"][route.path][route.method.as_str().to_ascii_lowercase()];
            let declared: BTreeSet<&str> = op["parameters"]
                .as_array()
                .map(|ps| ps.iter().filter(|p| p["in"] == "path").filter_map(|p| p["name"].as_str()).collect())
                .unwrap_or_default();
            let wanted: BTreeSet<&str> = route
                .path
                .split('/')
                .filter(|s| s.starts_with('{'))
                .map(|s| s.trim_matches(|c| c == '{' || c == '}'))
                .collect();
            assert_eq!(declared, wanted, "{} {}", route.method, route.path);
            assert!(op["operationId"].is_string());
        }
    }

    #[test]
    fn creates_answer_201_and_contract_types_are_named() {
        let doc: serde_json::Value = serde_json::from_str(&json()).unwrap();
        let create = &doc["paths"]["/v1/groups"]["post"];
        assert!(create["responses"]["201"].is_object(), "{create}");
        let body = &create["requestBody"]["content"];
        assert!(body["application/json"].is_object() && body["application/x-www-form-urlencoded"].is_object());
        let schemas = &doc["components"]["schemas"];
        assert_eq!(schemas["Group"]["properties"]["chmod"]["$ref"], "#/components/schemas/Level");
        assert_eq!(schemas["Level"]["maximum"], 5);
        assert_eq!(schemas["ErrorBody"]["properties"]["error"]["$ref"], "#/components/schemas/ApiError");
        let list = &doc["paths"]["/v1/groups"]["get"];
        let names: Vec<&str> =
            list["parameters"].as_array().unwrap().iter().filter_map(|p| p["name"].as_str()).collect();
        assert_eq!(names, FILTERS);
        assert!(doc["paths"]["/v1/health"]["get"]["security"].is_null());
        assert!(doc["paths"]["/v1/groups"]["get"]["security"].is_array());
    }
}
