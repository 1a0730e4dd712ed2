//! The one route table. The worker resolves every request through it (so a
//! known path with another method is a 405 everywhere) and matches on the
//! [`Op`] it names, exhaustively; the OpenAPI document is generated from it,
//! so the router and the document cannot disagree.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    Get,
    Post,
    Delete,
}

impl Method {
    pub fn parse(s: &str) -> Option<Method> {
        match s.to_ascii_uppercase().as_str() {
            "GET" | "HEAD" => Some(Method::Get),
            "POST" => Some(Method::Post),
            "DELETE" => Some(Method::Delete),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What is shared with permission levels (products, applications, groups).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shared {
    Product,
    Application,
    Group,
}

/// What has insights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InsightObject {
    Application,
    Plugin,
    Product,
    Record,
}

/// The children of a developer app: one table and one argument shape each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppChild {
    Redirects,
    Domains,
    Platforms,
    Roles,
    MailTemplates,
}

/// A mail-confirmed procedure a signed-in user asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Procedure {
    ChangePassword,
    ResetPassword,
    ChangeEmail,
    DeleteAccount,
}

/// Every operation of the router.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    Health,
    OpenApi,
    PlayPage,
    SharedPlayPage,
    ServeFile,
    Play,
    PlayPlugin,
    PlayLostReport,
    PlayQuote,
    PlayShare,
    SharedPlay,
    SharedPlayPlugin,
    SharedPlayLostReport,
    PlayContact,
    SharedPlayContact,
    ForgetContact,

    Login,
    Signup,
    ForgotPassword,
    ResendActivation,
    LogoutSession,
    ConsentInfo,
    ConsentAnswer,
    Token,
    OAuthDiscovery,
    Jwks,
    UserInfo,
    RevokeOAuthToken,
    LogoutToken,
    DeleteToken,
    GetSession,
    DeleteSession,

    CreateUserProcedure,
    RequestProcedure(Procedure),
    Activate,
    ActivateGet,
    ConfirmChangePassword,
    ConfirmResetPassword,
    ConfirmChangeEmail,
    ConfirmDeleteAccount,

    GetUser,
    UpdateUser,
    UserLogs,
    UserLog,
    UserTokens,
    Addresses,
    CreateAddress,
    GetAddress,
    UpdateAddress,
    DeleteAddress,

    Developers,
    BecomeDeveloper,
    MainDeveloper,
    UpdateMainDeveloper,
    GetDeveloper,
    UpdateDeveloper,
    DeleteDeveloper,
    DeveloperApps,
    CreateApp,
    AppCategories,
    GetApp,
    UpdateApp,
    DeleteApp,
    AppCalls,
    AppTokens,
    AppChildren(AppChild),
    CreateAppChild(AppChild),
    GetAppChild(AppChild),
    UpdateAppChild(AppChild),
    DeleteAppChild(AppChild),

    Insights(InsightObject),
    InsightsView(InsightObject),

    Products,
    PairStatic,
    PairDynamic,
    GetProduct,
    UpdateProduct,
    DeleteProduct,
    ResetProduct,
    ProductRecords,
    GetRecord,
    UpdateRecord,
    RecordShares,
    FinderMessages,
    UpdateFinderMessage,

    Contacts,
    ExportContacts,
    GetContact,
    UpdateContact,
    DeleteContact,

    Pending(Shared),
    AnswerPending(Shared),
    Members(Shared),
    Grant(Shared),
    UpdateAccess(Shared),
    RemoveAccess(Shared),
    RevokeInvitation(Shared),
    UpdateInvitation(Shared),
    AgreeShareApplicationPage,
    AgreeShareApplication,

    Makers,
    CreateMaker,
    MainMaker,
    UpdateMainMaker,
    GetMaker,
    UpdateMaker,
    DeleteMaker,
    MakerItems,
    CreateItem,
    GetItem,
    UpdateItem,
    DeleteItem,
    ItemProducts,
    CreateProduct,
    EncodedProducts,
    Batches,
    CreateBatch,
    GetBatch,
    Personalize,
    PersonalizeBatch,
    ConfirmPersonalization,
    RotateBatchKeys,
    CreateRecord,
    DeleteRecord,

    AttachedGroups,
    CreateAttachedGroup,
    GetAttachedGroup,
    UpdateAttachedGroup,
    DeleteAttachedGroup,

    Groups,
    CreateGroup,
    GetGroup,
    UpdateGroup,
    DeleteGroup,
    GroupProducts,

    Applications,
    CreateApplication,
    GetApplication,
    UpdateApplication,
    DeleteApplication,
    Plugins,
    CreatePlugin,
    ReorderPlugins,
    GetPlugin,
    UpdatePlugin,
    DeletePlugin,
    TestPlugin,
    ApplicationShares,
    CreateShare,
    GetShare,
    UpdateShare,
    DeleteShare,

    Files,
    UploadFile,
    GetFile,
    UpdateFile,
    DeleteFile,
    GetUserFile,
    Folders,
    CreateFolder,
    GetFolder,
    UpdateFolder,
    DeleteFolder,
    FolderFiles,
    PreviewMailTemplate,
    SentMails,
    GetSentMail,
    ReceivedMails,
    GetReceivedMail,
    SendMail,
    MailContacts,

    Plugstores,
    PlugstoreCategories,
    GetPlugstore,
    PlugstoreForm,
    CreatePlugstore,
    UpdatePlugstore,
    DeletePlugstore,
    PlugstoreVersions,
    CreatePlugstoreVersion,
    GetPlugstoreVersion,
    UpdatePlugstoreVersion,
    VersionLangs,
    CreateVersionLang,
    GetVersionLang,
    UpdateVersionLang,
    Icons,

    Currencies,
    GetCurrency,
    ShopItems,
    Companies,
    CreateCompany,
    GetCompany,
    UpdateCompany,
    DeleteCompany,
    Orders,
    CreateOrder,
    GetOrder,
    UpdateOrder,
    Payments,
    CreatePayment,
    GetPayment,
    StripeWebhook,
    Providers,
    CreateProvider,
    GetProvider,
    UpdateProvider,
    DeleteProvider,
    ProviderOrders,
    UpdateProviderOrder,
    Plans,
    GetPlan,
    CurrentPlan,
    Subscriptions,
    CreateSubscription,
    GetSubscription,
    Resellers,
    CreateReseller,
    GetReseller,
    UpdateReseller,
    DeleteReseller,
    ResellerProducts,
}

/// One route: its method, its path (`{name}` is a segment parameter), its
/// operation and the one-line summary the document shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub op: Op,
    pub summary: &'static str,
}

const fn r(method: Method, path: &'static str, op: Op, summary: &'static str) -> Route {
    Route { method, path, op, summary }
}

use AppChild as C;
use InsightObject as I;
use Method::{Delete as D, Get as G, Post as P};
use Shared as S;

macro_rules! app_children {
    ($($child:ident $seg:literal $name:literal),* $(,)?) => {
        [$([
            r(G, concat!("/v1/apps/{id}/", $seg), Op::AppChildren(C::$child), concat!("List an app's ", $name, "s")),
            r(P, concat!("/v1/apps/{id}/", $seg), Op::CreateAppChild(C::$child), concat!("Add a ", $name, " to an app")),
            r(G, concat!("/v1/apps/{id}/", $seg, "/{id_child}"), Op::GetAppChild(C::$child), concat!("One ", $name, " of an app")),
            r(P, concat!("/v1/apps/{id}/", $seg, "/{id_child}"), Op::UpdateAppChild(C::$child), concat!("Update a ", $name, " of an app")),
            r(D, concat!("/v1/apps/{id}/", $seg, "/{id_child}"), Op::DeleteAppChild(C::$child), concat!("Delete a ", $name, " of an app")),
        ]),*].into_iter().flatten()
    };
}

fn app_children() -> impl Iterator<Item = Route> {
    app_children!(
        Redirects "redirects" "redirect",
        Domains "domains" "domain",
        Platforms "platforms" "platform",
        Roles "roles" "role",
        MailTemplates "mail-templates" "mail template",
    )
}

const MAIN: &[Route] = &[
    r(G, "/v1/health", Op::Health, "The worker is up and its database answers"),
    r(G, "/v1/openapi.json", Op::OpenApi, "This document"),
    r(G, "/p/{tap}", Op::PlayPage, "A tapped or scanned record's play, as a page"),
    r(G, "/s/{key}", Op::SharedPlayPage, "A share link's play, as a page"),
    r(G, "/files/{name}", Op::ServeFile, "A public file's bytes"),
    r(G, "/v1/plays/{tap}", Op::Play, "A record's play"),
    r(G, "/v1/plays/{tap}/plugins/{id}", Op::PlayPlugin, "Open one plugin of a play"),
    r(P, "/v1/plays/{tap}/lost-report", Op::PlayLostReport, "A finder's message to a lost object's owner"),
    r(P, "/v1/plays/{tap}/plugins/{id}/quote", Op::PlayQuote, "A visitor's quote through a partner plugin"),
    r(P, "/v1/plays/{id_record}/{key}/share", Op::PlayShare, "Make a share link from a static record"),
    r(G, "/v1/plays/shared/{key}", Op::SharedPlay, "A share link's play"),
    r(G, "/v1/plays/shared/{key}/plugins/{id}", Op::SharedPlayPlugin, "Open one plugin of a shared play"),
    r(P, "/v1/plays/shared/{key}/lost-report", Op::SharedPlayLostReport, "A finder's message through a share link"),
    r(P, "/v1/plays/{tap}/plugins/{id}/contact", Op::PlayContact, "A visitor leaves their details for the owner"),
    r(
        P,
        "/v1/plays/shared/{key}/plugins/{id}/contact",
        Op::SharedPlayContact,
        "A visitor leaves their details through a share link",
    ),
    r(P, "/v1/contacts/forget", Op::ForgetContact, "A visitor deletes what they left (the token of their mail)"),
    r(G, "/v1/contacts", Op::Contacts, "What visitors left for the caller's applications"),
    r(G, "/v1/contacts/export", Op::ExportContacts, "Those contacts as CSV or vCard"),
    r(G, "/v1/contacts/{id}", Op::GetContact, "One contact"),
    r(P, "/v1/contacts/{id}", Op::UpdateContact, "Tag a contact or note it"),
    r(D, "/v1/contacts/{id}", Op::DeleteContact, "Delete a contact"),
    r(P, "/v1/auth/login", Op::Login, "Sign in with e-mail and password"),
    r(P, "/v1/auth/signup", Op::Signup, "Create an account"),
    r(P, "/v1/auth/forgot-password", Op::ForgotPassword, "Mail a password reset link"),
    r(P, "/v1/auth/activation-mail", Op::ResendActivation, "Mail an account's activation link again"),
    r(P, "/v1/auth/logout", Op::LogoutSession, "Sign out of this browser"),
    r(G, "/v1/auth/consent", Op::ConsentInfo, "What an app asks for on the consent screen"),
    r(P, "/v1/auth/consent", Op::ConsentAnswer, "Allow or deny an app"),
    r(P, "/v1/auth/token", Op::Token, "Exchange an authorization code (or a refresh token) for tokens"),
    r(G, "/.well-known/openid-configuration", Op::OAuthDiscovery, "OpenID Connect discovery"),
    r(G, "/.well-known/oauth-authorization-server", Op::OAuthDiscovery, "OAuth 2.0 server metadata (RFC 8414)"),
    r(G, "/v1/oauth/jwks", Op::Jwks, "The keys ID tokens are signed with"),
    r(G, "/v1/oauth/userinfo", Op::UserInfo, "The signed-in user's OpenID claims"),
    r(P, "/v1/oauth/userinfo", Op::UserInfo, "The signed-in user's OpenID claims"),
    r(P, "/v1/oauth/revoke", Op::RevokeOAuthToken, "Revoke an access or refresh token (RFC 7009)"),
    r(G, "/v1/logout", Op::LogoutToken, "Revoke the calling token"),
    r(D, "/v1/tokens/{id}", Op::DeleteToken, "Revoke a token"),
    r(G, "/v1/sessions/{id}", Op::GetSession, "One session"),
    r(D, "/v1/sessions/{id}", Op::DeleteSession, "Sign a session out"),
    r(P, "/v1/procedures/users/create", Op::CreateUserProcedure, "Create an account for an app"),
    r(
        P,
        "/v1/procedures/users/change-password",
        Op::RequestProcedure(Procedure::ChangePassword),
        "Mail a change-password link",
    ),
    r(
        P,
        "/v1/procedures/users/reset-password",
        Op::RequestProcedure(Procedure::ResetPassword),
        "Mail a reset-password link",
    ),
    r(
        P,
        "/v1/procedures/users/change-email",
        Op::RequestProcedure(Procedure::ChangeEmail),
        "Mail a change-e-mail link",
    ),
    r(
        P,
        "/v1/procedures/users/delete-account",
        Op::RequestProcedure(Procedure::DeleteAccount),
        "Mail a delete-account link",
    ),
    r(G, "/v1/activate", Op::ActivateGet, "Activate an account from its mail link"),
    r(P, "/v1/activate", Op::Activate, "Activate an account"),
    r(P, "/v1/change-password", Op::ConfirmChangePassword, "Confirm a password change"),
    r(P, "/v1/reset-password", Op::ConfirmResetPassword, "Confirm a password reset"),
    r(P, "/v1/change-email", Op::ConfirmChangeEmail, "Confirm an e-mail change"),
    r(P, "/v1/delete-account", Op::ConfirmDeleteAccount, "Confirm an account deletion"),
    r(G, "/v1/user", Op::GetUser, "The signed-in user"),
    r(P, "/v1/user", Op::UpdateUser, "Update the signed-in user"),
    r(G, "/v1/user/logs", Op::UserLogs, "The API calls made on the account"),
    r(G, "/v1/user/logs/{id}", Op::UserLog, "One API call made on the account"),
    r(G, "/v1/user/tokens", Op::UserTokens, "The account's sessions and app tokens"),
    r(G, "/v1/addresses", Op::Addresses, "The user's addresses"),
    r(P, "/v1/addresses", Op::CreateAddress, "Add an address"),
    r(G, "/v1/addresses/{id}", Op::GetAddress, "One address"),
    r(P, "/v1/addresses/{id}", Op::UpdateAddress, "Update an address"),
    r(D, "/v1/addresses/{id}", Op::DeleteAddress, "Delete an address"),
    r(G, "/v1/developers", Op::Developers, "The account's developer accounts"),
    r(P, "/v1/developers", Op::BecomeDeveloper, "Become a developer"),
    r(G, "/v1/developers/main", Op::MainDeveloper, "The caller's developer account"),
    r(P, "/v1/developers/main", Op::UpdateMainDeveloper, "Update the caller's developer account"),
    r(G, "/v1/developers/{id}", Op::GetDeveloper, "One of the account's developer accounts"),
    r(P, "/v1/developers/{id}", Op::UpdateDeveloper, "Update one of the account's developer accounts"),
    r(D, "/v1/developers/{id}", Op::DeleteDeveloper, "Delete a developer account without apps"),
    r(G, "/v1/developers/{id}/apps", Op::DeveloperApps, "A developer's apps"),
    r(P, "/v1/developers/{id}/apps", Op::CreateApp, "Register an app"),
    r(G, "/v1/apps/categories", Op::AppCategories, "App categories"),
    r(G, "/v1/apps/{id}", Op::GetApp, "One developer app"),
    r(P, "/v1/apps/{id}", Op::UpdateApp, "Update a developer app"),
    r(D, "/v1/apps/{id}", Op::DeleteApp, "Delete a developer app"),
    r(G, "/v1/apps/{id}/calls", Op::AppCalls, "An app's calls log"),
    r(G, "/v1/apps/{id}/tokens", Op::AppTokens, "An app's tokens"),
    r(G, "/v1/applications/{id}/insights", Op::Insights(I::Application), "An application's insights"),
    r(
        G,
        "/v1/applications/{id}/insights/{view}",
        Op::InsightsView(I::Application),
        "One view of an application's insights",
    ),
    r(G, "/v1/plugins/{id}/insights", Op::Insights(I::Plugin), "A plugin's insights"),
    r(G, "/v1/plugins/{id}/insights/{view}", Op::InsightsView(I::Plugin), "One view of a plugin's insights"),
    r(G, "/v1/products/{id}/insights", Op::Insights(I::Product), "A product's insights"),
    r(G, "/v1/products/{id}/insights/{view}", Op::InsightsView(I::Product), "One view of a product's insights"),
    r(G, "/v1/records/{id}/insights", Op::Insights(I::Record), "A record's insights"),
    r(G, "/v1/records/{id}/insights/{view}", Op::InsightsView(I::Record), "One view of a record's insights"),
    r(G, "/v1/products", Op::Products, "The caller's products"),
    r(G, "/v1/products/pending", Op::Pending(S::Product), "Products shared with the caller, not yet answered"),
    r(P, "/v1/products/pending/{id}", Op::AnswerPending(S::Product), "Accept or refuse a shared product"),
    r(P, "/v1/products/pair/{id_record}/{key}", Op::PairStatic, "Pair a product through a static record"),
    r(P, "/v1/products/pair/{tap}", Op::PairDynamic, "Pair a product through a tap"),
    r(G, "/v1/products/{id}", Op::GetProduct, "One product"),
    r(P, "/v1/products/{id}", Op::UpdateProduct, "Update a product"),
    r(D, "/v1/products/{id}", Op::DeleteProduct, "Unpair a product"),
    r(P, "/v1/products/{id}/reset", Op::ResetProduct, "Reset a product"),
    r(G, "/v1/products/{id}/users", Op::Members(S::Product), "Who shares a product"),
    r(P, "/v1/products/{id}/access", Op::Grant(S::Product), "Share a product"),
    r(P, "/v1/products/{id}/access/{id_user}", Op::UpdateAccess(S::Product), "Change someone's level on a product"),
    r(D, "/v1/products/{id}/access/{id_user}", Op::RemoveAccess(S::Product), "Stop sharing a product with someone"),
    r(
        D,
        "/v1/products/{id}/invitations/{id_invitation}",
        Op::RevokeInvitation(S::Product),
        "Revoke an invitation to a product",
    ),
    r(
        P,
        "/v1/products/{id}/invitations/{id_invitation}",
        Op::UpdateInvitation(S::Product),
        "Change the level a pending invitation to a product offers",
    ),
    r(G, "/v1/products/{id}/records", Op::ProductRecords, "A product's records"),
    r(G, "/v1/products/{id}/records/{id_record}", Op::GetRecord, "One record of a product"),
    r(P, "/v1/products/{id}/records/{id_record}", Op::UpdateRecord, "Update a record"),
    r(P, "/v1/products/{id}/records", Op::CreateRecord, "Its maker adds a record to a product nobody paired yet"),
    r(
        D,
        "/v1/products/{id}/records/{id_record}",
        Op::DeleteRecord,
        "Its maker removes a record of a product nobody paired yet",
    ),
    r(G, "/v1/records/{id}/shares", Op::RecordShares, "A record's share links"),
    r(G, "/v1/products/{id}/finder-messages", Op::FinderMessages, "What finders wrote about a lost product"),
    r(
        P,
        "/v1/products/{id}/finder-messages/{id_message}",
        Op::UpdateFinderMessage,
        "Mark a finder's message read or unread",
    ),
    r(G, "/v1/makers", Op::Makers, "The account's makers"),
    r(P, "/v1/makers", Op::CreateMaker, "Create a maker"),
    r(G, "/v1/makers/main", Op::MainMaker, "The account's main maker"),
    r(P, "/v1/makers/main", Op::UpdateMainMaker, "Update the account's main maker"),
    r(G, "/v1/makers/{id}", Op::GetMaker, "A maker's public profile"),
    r(P, "/v1/makers/{id}", Op::UpdateMaker, "Update one of the account's makers"),
    r(D, "/v1/makers/{id}", Op::DeleteMaker, "Delete one of the account's makers"),
    r(G, "/v1/makers/{id}/items", Op::MakerItems, "A maker's items"),
    r(P, "/v1/makers/{id}/items", Op::CreateItem, "Create an item"),
    r(G, "/v1/items/{id}", Op::GetItem, "One item"),
    r(P, "/v1/items/{id}", Op::UpdateItem, "Update an item"),
    r(D, "/v1/items/{id}", Op::DeleteItem, "Delete an item"),
    r(G, "/v1/items/{id}/products", Op::ItemProducts, "The products made of an item"),
    r(P, "/v1/products", Op::CreateProduct, "A maker makes one product of its item"),
    r(G, "/v1/makers/{id}/products/encoded", Op::EncodedProducts, "A maker's products with their records"),
    r(G, "/v1/makers/{id}/batches", Op::Batches, "A maker's batches"),
    r(P, "/v1/makers/{id}/batches", Op::CreateBatch, "Make products in a batch (Idempotency-Key)"),
    r(G, "/v1/makers/{id}/batches/{id_batch}", Op::GetBatch, "One batch and its progress"),
    r(
        P,
        "/v1/makers/{id}/records/{id_record}/personalization",
        Op::Personalize,
        "Bind a record to the chip being encoded and get what to write into it",
    ),
    r(
        P,
        "/v1/makers/{id}/batches/{id_batch}/personalization",
        Op::PersonalizeBatch,
        "A factory's UIDs for a batch's chips: binds them and answers each chip's plan and keys (CSV)",
    ),
    r(
        P,
        "/v1/makers/{id}/records/{id_record}/personalization/confirmation",
        Op::ConfirmPersonalization,
        "The encoder's read-back tap of a chip: proves its key version (finishes a key rotation for it)",
    ),
    r(
        P,
        "/v1/makers/{id}/batches/{id_batch}/key-rotation",
        Op::RotateBatchKeys,
        "Move a batch's chips to the next key version (old keys open each chip until it is re-encoded)",
    ),
    r(G, "/v1/makers/{id}/attached-groups", Op::AttachedGroups, "A maker's attached groups"),
    r(P, "/v1/makers/{id}/attached-groups", Op::CreateAttachedGroup, "Create an attached group"),
    r(G, "/v1/makers/{id}/attached-groups/{id_attached_group}", Op::GetAttachedGroup, "One attached group"),
    r(P, "/v1/makers/{id}/attached-groups/{id_attached_group}", Op::UpdateAttachedGroup, "Update an attached group"),
    r(D, "/v1/makers/{id}/attached-groups/{id_attached_group}", Op::DeleteAttachedGroup, "Delete an attached group"),
    r(G, "/v1/groups", Op::Groups, "The caller's products groups"),
    r(P, "/v1/groups", Op::CreateGroup, "Create a products group"),
    r(G, "/v1/groups/pending", Op::Pending(S::Group), "Groups shared with the caller, not yet answered"),
    r(P, "/v1/groups/pending/{id}", Op::AnswerPending(S::Group), "Accept or refuse a shared group"),
    r(G, "/v1/groups/{id}", Op::GetGroup, "One products group"),
    r(P, "/v1/groups/{id}", Op::UpdateGroup, "Update a products group"),
    r(D, "/v1/groups/{id}", Op::DeleteGroup, "Delete a products group"),
    r(G, "/v1/groups/{id}/products", Op::GroupProducts, "A group's products"),
    r(G, "/v1/groups/{id}/users", Op::Members(S::Group), "Who shares a group"),
    r(P, "/v1/groups/{id}/users", Op::Grant(S::Group), "Share a group"),
    r(P, "/v1/groups/{id}/users/{id_user}", Op::UpdateAccess(S::Group), "Change someone's level on a group"),
    r(D, "/v1/groups/{id}/users/{id_user}", Op::RemoveAccess(S::Group), "Stop sharing a group with someone"),
    r(
        D,
        "/v1/groups/{id}/invitations/{id_invitation}",
        Op::RevokeInvitation(S::Group),
        "Revoke an invitation to a group",
    ),
    r(
        P,
        "/v1/groups/{id}/invitations/{id_invitation}",
        Op::UpdateInvitation(S::Group),
        "Change the level a pending invitation to a group offers",
    ),
    r(G, "/v1/applications", Op::Applications, "The caller's applications"),
    r(P, "/v1/applications", Op::CreateApplication, "Create an application"),
    r(
        G,
        "/v1/applications/pending",
        Op::Pending(S::Application),
        "Applications shared with the caller, not yet answered",
    ),
    r(P, "/v1/applications/pending/{id}", Op::AnswerPending(S::Application), "Accept or refuse a shared application"),
    r(G, "/v1/agree-share-application", Op::AgreeShareApplicationPage, "The mail link to a shared application"),
    r(P, "/v1/agree-share-application", Op::AgreeShareApplication, "Accept a shared application"),
    r(G, "/v1/applications/{id}", Op::GetApplication, "One application"),
    r(P, "/v1/applications/{id}", Op::UpdateApplication, "Update an application"),
    r(D, "/v1/applications/{id}", Op::DeleteApplication, "Delete an application"),
    r(G, "/v1/applications/{id}/users", Op::Members(S::Application), "Who shares an application"),
    r(P, "/v1/applications/{id}/access", Op::Grant(S::Application), "Share an application"),
    r(
        P,
        "/v1/applications/{id}/access/{id_user}",
        Op::UpdateAccess(S::Application),
        "Change someone's level on an application",
    ),
    r(
        D,
        "/v1/applications/{id}/access/{id_user}",
        Op::RemoveAccess(S::Application),
        "Stop sharing an application with someone",
    ),
    r(
        D,
        "/v1/applications/{id}/invitations/{id_invitation}",
        Op::RevokeInvitation(S::Application),
        "Revoke an invitation to an application",
    ),
    r(
        P,
        "/v1/applications/{id}/invitations/{id_invitation}",
        Op::UpdateInvitation(S::Application),
        "Change the level a pending invitation to an application offers",
    ),
    r(G, "/v1/applications/{id}/plugins", Op::Plugins, "An application's plugins"),
    r(P, "/v1/applications/{id}/plugins", Op::CreatePlugin, "Add a plugin to an application"),
    r(P, "/v1/applications/{id}/plugins/order", Op::ReorderPlugins, "Reorder an application's plugins"),
    r(G, "/v1/applications/{id}/shares", Op::ApplicationShares, "An application's share links"),
    r(P, "/v1/applications/{id}/shares", Op::CreateShare, "Create a share link"),
    r(G, "/v1/plugins/{id}", Op::GetPlugin, "One plugin"),
    r(P, "/v1/plugins/{id}", Op::UpdatePlugin, "Update a plugin"),
    r(D, "/v1/plugins/{id}", Op::DeletePlugin, "Delete a plugin"),
    r(P, "/v1/plugins/{id}/test", Op::TestPlugin, "Test a partner plugin's connection"),
];

const TAIL: &[Route] = &[
    r(G, "/v1/shares/{id}", Op::GetShare, "One share link"),
    r(P, "/v1/shares/{id}", Op::UpdateShare, "Update a share link"),
    r(D, "/v1/shares/{id}", Op::DeleteShare, "Delete a share link"),
    r(G, "/v1/files", Op::Files, "The user's files"),
    r(P, "/v1/files", Op::UploadFile, "Upload a file"),
    r(G, "/v1/files/{id}", Op::GetFile, "One file"),
    r(P, "/v1/files/{id}", Op::UpdateFile, "Update a file"),
    r(D, "/v1/files/{id}", Op::DeleteFile, "Delete a file"),
    r(G, "/v1/files/{id_user}/{id}", Op::GetUserFile, "One file of a user"),
    r(G, "/v1/folders", Op::Folders, "The user's folders"),
    r(P, "/v1/folders", Op::CreateFolder, "Create a folder"),
    r(G, "/v1/folders/{id}", Op::GetFolder, "One folder"),
    r(P, "/v1/folders/{id}", Op::UpdateFolder, "Rename or move a folder"),
    r(D, "/v1/folders/{id}", Op::DeleteFolder, "Delete an empty folder"),
    r(G, "/v1/folders/{id}/files", Op::FolderFiles, "The files in a folder"),
    r(
        P,
        "/v1/apps/{id}/mail-templates/preview",
        Op::PreviewMailTemplate,
        "A mail template rendered as it would be sent",
    ),
    r(G, "/v1/mails/sent", Op::SentMails, "The mails the user sent"),
    r(G, "/v1/mails/sent/{id}", Op::GetSentMail, "One sent mail"),
    r(G, "/v1/mails/received", Op::ReceivedMails, "The mails the user received"),
    r(G, "/v1/mails/received/{id}", Op::GetReceivedMail, "One received mail (it is then read)"),
    r(P, "/v1/mails", Op::SendMail, "Send a mail to users one shares with (one per recipient)"),
    r(G, "/v1/mails/contacts", Op::MailContacts, "Who the user may write to"),
    r(G, "/v1/plugstores", Op::Plugstores, "The plugstore catalogue"),
    r(G, "/v1/plugstores/categories", Op::PlugstoreCategories, "Plugstore categories"),
    r(G, "/v1/plugstores/{id}", Op::GetPlugstore, "One plugstore entry"),
    r(G, "/v1/plugstores/{id}/form", Op::PlugstoreForm, "A plugstore entry's form"),
    r(P, "/v1/plugstores", Op::CreatePlugstore, "Create a plugstore entry (developer)"),
    r(P, "/v1/plugstores/{id}", Op::UpdatePlugstore, "Update one's plugstore entry"),
    r(D, "/v1/plugstores/{id}", Op::DeletePlugstore, "Delete one's plugstore entry no application uses"),
    r(G, "/v1/plugstores/{id}/versions", Op::PlugstoreVersions, "The versions of one's plugstore entry"),
    r(P, "/v1/plugstores/{id}/versions", Op::CreatePlugstoreVersion, "Create a version"),
    r(G, "/v1/plugstores/{id}/versions/{id_version}", Op::GetPlugstoreVersion, "One version"),
    r(P, "/v1/plugstores/{id}/versions/{id_version}", Op::UpdatePlugstoreVersion, "Update a version or submit it"),
    r(G, "/v1/plugstores/versions/{id_version}/langs", Op::VersionLangs, "A version's languages"),
    r(P, "/v1/plugstores/versions/{id_version}/langs", Op::CreateVersionLang, "Add a language to a version"),
    r(G, "/v1/plugstores/versions/{id_version}/langs/{lang}", Op::GetVersionLang, "One language of a version"),
    r(P, "/v1/plugstores/versions/{id_version}/langs/{lang}", Op::UpdateVersionLang, "Update a language"),
    r(G, "/v1/icons", Op::Icons, "The icons a plugin can show"),
    r(G, "/v1/currencies", Op::Currencies, "The currencies"),
    r(G, "/v1/currencies/{id}", Op::GetCurrency, "One currency"),
    r(G, "/v1/shop/items", Op::ShopItems, "The items on sale"),
    r(G, "/v1/companies", Op::Companies, "The user's companies"),
    r(P, "/v1/companies", Op::CreateCompany, "Create a company"),
    r(G, "/v1/companies/{id}", Op::GetCompany, "One company"),
    r(P, "/v1/companies/{id}", Op::UpdateCompany, "Update a company"),
    r(D, "/v1/companies/{id}", Op::DeleteCompany, "Delete a company"),
    r(G, "/v1/orders", Op::Orders, "The user's shop orders"),
    r(P, "/v1/orders", Op::CreateOrder, "Order items (answers where to pay)"),
    r(G, "/v1/orders/{id}", Op::GetOrder, "One shop order"),
    r(P, "/v1/orders/{id}", Op::UpdateOrder, "Change an order's addresses, or cancel it before payment"),
    r(G, "/v1/payments", Op::Payments, "The user's payments"),
    r(P, "/v1/payments", Op::CreatePayment, "Pay an order: a new checkout"),
    r(G, "/v1/payments/{id}", Op::GetPayment, "One payment"),
    r(P, "/v1/payments/stripe/webhook", Op::StripeWebhook, "Stripe's events (signed)"),
    r(G, "/v1/providers", Op::Providers, "The user's provider account"),
    r(P, "/v1/providers", Op::CreateProvider, "Create a provider account"),
    r(G, "/v1/providers/{id}", Op::GetProvider, "One provider"),
    r(P, "/v1/providers/{id}", Op::UpdateProvider, "Update one's provider account"),
    r(D, "/v1/providers/{id}", Op::DeleteProvider, "Delete one's provider account"),
    r(G, "/v1/providers/{id}/orders", Op::ProviderOrders, "The orders a provider makes or may take"),
    r(P, "/v1/providers/{id}/orders/{id_order}", Op::UpdateProviderOrder, "Take, make, ship or deliver an order"),
    r(G, "/v1/plans", Op::Plans, "The plans (annual subscriptions)"),
    r(G, "/v1/plans/{id}", Op::GetPlan, "One plan and what it unlocks"),
    r(G, "/v1/user/plan", Op::CurrentPlan, "The account's plan now and its usage"),
    r(G, "/v1/subscriptions", Op::Subscriptions, "The user's subscriptions"),
    r(P, "/v1/subscriptions", Op::CreateSubscription, "Subscribe to a plan (answers where to pay)"),
    r(G, "/v1/subscriptions/{id}", Op::GetSubscription, "One subscription"),
    r(G, "/v1/resellers", Op::Resellers, "The user's reseller account"),
    r(P, "/v1/resellers", Op::CreateReseller, "Create a reseller account"),
    r(G, "/v1/resellers/{id}", Op::GetReseller, "One reseller"),
    r(P, "/v1/resellers/{id}", Op::UpdateReseller, "Update one's reseller account"),
    r(D, "/v1/resellers/{id}", Op::DeleteReseller, "Delete one's reseller account"),
    r(G, "/v1/resellers/{id}/products", Op::ResellerProducts, "The products a reseller sells"),
];

static ROUTES: std::sync::LazyLock<Vec<Route>> =
    std::sync::LazyLock::new(|| MAIN.iter().copied().chain(app_children()).chain(TAIL.iter().copied()).collect());

/// Every route of the worker (the dev-only routes are not part of the API).
pub fn routes() -> &'static [Route] {
    &ROUTES
}

/// A request's route and its path parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matched<'a> {
    pub route: &'static Route,
    pub params: Vec<(&'static str, &'a str)>,
}

impl<'a> Matched<'a> {
    /// A path parameter by name (the table guarantees it is there).
    pub fn param(&self, name: &str) -> &'a str {
        self.params.iter().find(|(n, _)| *n == name).map_or("", |(_, v)| v)
    }
}

/// Why a request has no route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unrouted {
    NotFound,
    /// The path is known; these methods are.
    MethodNotAllowed(Vec<Method>),
}

fn segments(path: &str) -> impl Iterator<Item = &str> {
    path.trim_start_matches('/').split('/')
}

/// How a route's path matches `path`: its parameters, or `None`.
fn match_path<'a>(pattern: &'static str, path: &'a str) -> Option<Vec<(&'static str, &'a str)>> {
    let mut params = Vec::new();
    let mut want = segments(pattern);
    let mut got = segments(path);
    loop {
        match (want.next(), got.next()) {
            (None, None) => return Some(params),
            (Some(w), Some(g)) if w.starts_with('{') => {
                if g.is_empty() {
                    return None;
                }
                params.push((w.trim_matches(|c| c == '{' || c == '}'), g));
            }
            (Some(w), Some(g)) if w == g => {}
            _ => return None,
        }
    }
}

/// Literal segments beat parameters, left to right: `/v1/products/pending`
/// is not `/v1/products/{id}`.
fn specificity(pattern: &str) -> Vec<bool> {
    segments(pattern).map(|s| !s.starts_with('{')).collect()
}

/// The route of a request. The most specific path that matches wins; if it has
/// no route for this method, the answer is 405 with the methods it has.
pub fn resolve<'a>(method: Method, path: &'a str) -> Result<Matched<'a>, Unrouted> {
    let best = routes()
        .iter()
        .filter_map(|r| match_path(r.path, path).map(|_| r.path))
        .max_by(|a, b| specificity(a).cmp(&specificity(b)))
        .ok_or(Unrouted::NotFound)?;
    let mut on_path = routes().iter().filter(|r| r.path == best);
    match on_path.clone().find(|r| r.method == method) {
        Some(route) => Ok(Matched { route, params: match_path(route.path, path).unwrap_or_default() }),
        None => {
            let mut allowed: Vec<Method> = on_path.by_ref().map(|r| r.method).collect();
            allowed.sort_unstable();
            allowed.dedup();
            Err(Unrouted::MethodNotAllowed(allowed))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_is_unique_and_resolves_to_itself() {
        let mut seen = std::collections::HashSet::new();
        for route in routes() {
            assert!(seen.insert((route.method, route.path)), "twice: {} {}", route.method, route.path);
            let concrete: String =
                route.path.split('/').map(|s| if s.starts_with('{') { "7" } else { s }).collect::<Vec<_>>().join("/");
            let matched = resolve(route.method, &concrete).unwrap();
            assert_eq!(matched.route.path, route.path, "{concrete}");
        }
    }

    #[test]
    fn literals_beat_parameters_and_wrong_methods_are_405() {
        let m = resolve(Method::Get, "/v1/products/pending").unwrap();
        assert_eq!(m.route.op, Op::Pending(Shared::Product));
        let m = resolve(Method::Get, "/v1/products/12/records/3").unwrap();
        assert_eq!((m.route.op, m.param("id"), m.param("id_record")), (Op::GetRecord, "12", "3"));
        assert_eq!(resolve(Method::Post, "/v1/products/pending"), Err(Unrouted::MethodNotAllowed(vec![Method::Get])));
        assert_eq!(
            resolve(Method::Delete, "/v1/user"),
            Err(Unrouted::MethodNotAllowed(vec![Method::Get, Method::Post]))
        );
        assert_eq!(resolve(Method::Get, "/v1/nothing"), Err(Unrouted::NotFound));
        assert_eq!(resolve(Method::Get, "/v1/products/"), Err(Unrouted::NotFound));
        let m = resolve(Method::Post, "/v1/products/pair/9/abc").unwrap();
        assert_eq!(m.route.op, Op::PairStatic);
        let m = resolve(Method::Get, "/v1/apps/4/mail-templates/2").unwrap();
        assert_eq!(m.route.op, Op::GetAppChild(AppChild::MailTemplates));
    }
}
