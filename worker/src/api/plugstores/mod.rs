//! The plugstore: Senzu's own kinds (core's catalogue, ids 1–1000) and the
//! entries developers publish (rows, ids from 1001), with their versions and
//! languages. Reading needs the `plugstore` role; writing needs the `developer`
//! role and a developer account, and reaches only that developer's entries
//! (another's is a 404, as if it did not exist). Senzu's staff publish a
//! submitted version (`cargo xtask admin publish-plugstore`): nothing here
//! lets a developer publish their own.

pub mod repo;

use senzu_core::api::form::Args;
use senzu_core::api::plugins::PluginUser;
use senzu_core::api::plugstores::{
    Category, CreateLang, CreatePlugstore, CreateVersion, CreatedPlugstore, Icon, LangFields, LangSummary,
    PlugstoreEntry, PlugstoreForm, PlugstoreVersion, StoreIcon, UpdateLang, UpdatePlugstore, UpdateVersion,
    VersionFields, VersionLang, VersionStatus,
};
use senzu_core::api::{ApiDate, Deleted, Id, Keyed};
use senzu_core::auth::Role;
use senzu_core::custom_plugin::CustomSpec;
use senzu_core::plugins::{store, Kind, Lang};
use senzu_core::wire::UNIX_RANGE;
use senzu_core::ErrorCode;
use worker::{Request, Response};

use super::Call;
use crate::args::bad;
use crate::error::{AppError, AppResult};
use crate::http::{created, json};
use crate::request;
use repo::{EntryRow, LangRow, VersionRow};

fn no_entry(id: &str) -> AppError {
    AppError::not_found(format!("no plugstore entry {}", id.chars().take(20).collect::<String>()))
}

fn no_version(id: Id) -> AppError {
    AppError::not_found(format!("no version {id} of your plugstore entries"))
}

/// A first-party entry: ids are the kinds' positions, as the seed migration numbers them.
fn first_party(id: &str) -> Option<(i64, Kind)> {
    let i = id.parse::<usize>().ok()?;
    Some((i as i64, store().nth(i.checked_sub(1)?)?))
}

/// Every plugstore read needs the `plugstore` role.
async fn may_read(call: &Call<'_>) -> AppResult<()> {
    call.caller.require(&call.db, Role::Plugstore, call.now).await
}

/// [`may_read`], and the caller's developer if the account is one (its own
/// entries show whatever their state).
async fn reader(call: &Call<'_>) -> AppResult<Option<Id>> {
    may_read(call).await?;
    let Some(user) = call.caller.user.as_ref() else { return Ok(None) };
    Ok(super::developers::repo::of_user(&call.db, user.id_user).await?.map(|d| d.id))
}

/// The caller's developer account, for every write.
async fn developer(call: &Call<'_>) -> AppResult<Id> {
    let me = call.caller.require_user(&call.db, Role::Developer, call.now).await?.id_user;
    super::developers::repo::of_user(&call.db, me)
        .await?
        .map(|d| d.id)
        .ok_or_else(|| AppError::not_found("this account is not a developer account yet: POST /v1/developers"))
}

/// The caller's developer's entry `id`.
async fn own_entry(call: &Call<'_>, dev: Id, id: &str) -> AppResult<EntryRow> {
    let n = id.parse::<Id>().map_err(|_| no_entry(id))?;
    repo::entry(&call.db, n).await?.filter(|e| e.id_developer == Some(dev)).ok_or_else(|| no_entry(id))
}

/// The caller's developer's version `id` (with its entry's id).
async fn own_version(call: &Call<'_>, dev: Id, id: Id) -> AppResult<VersionRow> {
    let version = repo::version(&call.db, id).await?.ok_or_else(|| no_version(id))?;
    repo::entry(&call.db, version.id_plugstore)
        .await?
        .filter(|e| e.id_developer == Some(dev))
        .ok_or_else(|| no_version(id))?;
    Ok(version)
}

/// The caller's developer's version `id_version` of its entry `id` (reached
/// through another of its entries: a 404, as for anyone else's).
async fn own_version_of(call: &Call<'_>, dev: Id, id: &str, id_version: Id) -> AppResult<VersionRow> {
    let entry = own_entry(call, dev, id).await?;
    let version = own_version(call, dev, id_version).await?;
    if version.id_plugstore != entry.id {
        return Err(no_version(id_version));
    }
    Ok(version)
}

fn status_of(v: &VersionRow) -> AppResult<VersionStatus> {
    VersionStatus::parse(&v.status)
        .ok_or_else(|| AppError::Internal { context: "version status", cause: format!("unknown status {}", v.status) })
}

fn spec_of(text: &str) -> AppResult<CustomSpec> {
    serde_json::from_str(text)
        .map_err(|e| AppError::Internal { context: "plugstore form", cause: format!("stored form unreadable: {e}") })
}

fn entry_of(e: EntryRow, lang: Lang) -> PlugstoreEntry {
    let pick = |fr: Option<String>, en: Option<String>| match lang {
        Lang::Fr => fr.or(en),
        Lang::En => en.or(fr),
    };
    let id_icon = e.id_icon.unwrap_or(senzu_core::icons::FIRST_GENERAL);
    PlugstoreEntry {
        id: e.id,
        name: Kind::Custom.id().to_string(),
        display_name: if lang == Lang::Fr { e.display_name_fr } else { e.display_name_en },
        category: e.category,
        icon: StoreIcon {
            id: id_icon,
            icon_editable: false,
            svg_path: senzu_core::icons::path(id_icon).unwrap_or(senzu_core::icons::PUZZLE).to_string(),
        },
        catchphrase: pick(e.catchphrase_fr, e.catchphrase_en),
        description: pick(e.description_fr, e.description_en),
        developer_name: e.developer_name.unwrap_or_default(),
        status: e.status,
        id_developer: e.id_developer,
        id_version: e.id_version,
        is_enabled: e.is_enabled == 1,
    }
}

fn version_of(v: VersionRow) -> AppResult<PlugstoreVersion> {
    let status = status_of(&v)?;
    Ok(PlugstoreVersion {
        form: spec_of(&v.spec)?,
        id: v.id,
        id_plugstore: v.id_plugstore,
        name: v.name,
        id_icon: v.id_icon,
        icon_editable: false,
        copyright: v.copyright,
        contact_firstname: v.contact_firstname,
        contact_lastname: v.contact_lastname,
        contact_phone: v.contact_phone,
        contact_email: v.contact_email,
        route_admin: v.route_admin,
        is_requested: status == VersionStatus::Submitted,
        status,
        date_released: ApiDate::opt(v.date_released),
        date_created: ApiDate::from_unix(v.date_created),
        date_updated: ApiDate::opt(v.date_updated),
    })
}

fn lang_code(s: &str) -> Option<Lang> {
    match s {
        "fr" => Some(Lang::Fr),
        "en" => Some(Lang::En),
        _ => None,
    }
}

fn lang_of(l: LangRow) -> VersionLang {
    VersionLang {
        id_plugstore_version: l.id_plugstore_version,
        lang: lang_code(&l.lang).unwrap_or_default(),
        display_name: l.display_name,
        catchphrase: l.catchphrase,
        description: l.description,
        tags: l.tags,
        assistance_url: l.assistance_url,
        marketing_url: l.marketing_url,
        privacy_url: l.privacy_url,
        tos_url: l.tos_url,
        gdpr_name: l.gdpr_name,
        gdpr_email: l.gdpr_email,
        gdpr_address_street: l.gdpr_address_street,
        gdpr_address_other: l.gdpr_address_other,
        gpdr_address_city: l.gdpr_address_city,
        gdpr_address_state: l.gdpr_address_state,
        gdpr_address_zipcode: l.gdpr_address_zipcode,
        gdpr_address_country: l.gdpr_address_country,
        status: l.version_status == "publish",
        date_created: ApiDate::from_unix(l.date_created),
        date_updated: ApiDate::opt(l.date_updated),
    }
}

/// The categories by name, as `GET /v1/plugstores/categories` numbers them.
fn category_names() -> Vec<&'static str> {
    let mut names: Vec<&str> = store().map(|k| k.category()).collect();
    names.sort_unstable();
    names.dedup();
    names
}

fn category(id: Option<Id>) -> AppResult<Option<&'static str>> {
    let Some(id) = id else { return Ok(None) };
    let names = category_names();
    usize::try_from(id)
        .ok()
        .and_then(|i| names.get(i.checked_sub(1)?).copied())
        .map(Some)
        .ok_or_else(|| bad("id_category", format!("no category {id}: GET /v1/plugstores/categories lists them")))
}

/// A version's fields checked: its icon exists, its form passes core's rules.
fn checked_version(v: &VersionFields) -> AppResult<Option<String>> {
    if let Some(icon) = v.id_icon.filter(|i| senzu_core::icons::path(*i).is_none()) {
        return Err(bad("id_icon", format!("no icon {icon}: GET /v1/icons lists them")));
    }
    if v.date_released.is_some_and(|d| !UNIX_RANGE.contains(&d)) {
        return Err(bad("date_released", "must be Unix seconds"));
    }
    v.form
        .as_ref()
        .map(|spec| {
            spec.check().map_err(|e| bad(&format!("form.{}", e.field), e.reason))?;
            serde_json::to_string(spec)
                .map_err(|e| AppError::Internal { context: "plugstore form", cause: e.to_string() })
        })
        .transpose()
}

fn parts<T: serde::de::DeserializeOwned>(args: &Args) -> AppResult<T> {
    request::from_args(args)
}

/// `GET /v1/plugstores`: Senzu's kinds, the developers' published entries,
/// and the caller's own developer's entries in any state.
pub async fn list(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let filters = request::list(req, senzu_core::api::plugstores::LIST)?;
    let me = reader(call).await?;
    let mut entries: Vec<PlugstoreEntry> =
        store().enumerate().map(|(i, k)| PlugstoreEntry::of(i as i64 + 1, k, call.lang)).collect();
    entries.extend(repo::catalogue(&call.db, me).await?.into_iter().map(|e| entry_of(e, call.lang)));
    Ok(json(&Keyed(filters.apply(entries))))
}

/// A developer's entry the caller may read: offered, or their own.
async fn readable(call: &Call<'_>, id: &str) -> AppResult<EntryRow> {
    let me = reader(call).await?;
    let n = id.parse::<Id>().map_err(|_| no_entry(id))?;
    repo::entry(&call.db, n)
        .await?
        .filter(|e| (e.status == "publish" && e.is_enabled == 1) || (me.is_some() && e.id_developer == me))
        .ok_or_else(|| no_entry(id))
}

/// `GET /v1/plugstores/{id}`.
pub async fn get(call: &Call<'_>, _req: &Request, id: &str) -> AppResult<Response> {
    if let Some((n, kind)) = first_party(id) {
        may_read(call).await?;
        return Ok(json(&PlugstoreEntry::of(n, kind, call.lang)));
    }
    Ok(json(&entry_of(readable(call, id).await?, call.lang)))
}

/// `GET /v1/plugstores/{id}/form`: a developer's entry's is its published
/// version's (its own developer sees the newest version's until then).
pub async fn form(call: &Call<'_>, _req: &Request, id: &str) -> AppResult<Response> {
    if let Some((_, kind)) = first_party(id) {
        may_read(call).await?;
        return Ok(json(&PlugstoreForm::of(kind, call.lang)));
    }
    let entry = readable(call, id).await?;
    let display_name = if call.lang == Lang::Fr { &entry.display_name_fr } else { &entry.display_name_en };
    let spec = match &entry.spec {
        Some(spec) => spec_of(spec)?,
        None => {
            let newest = repo::newest_version(&call.db, entry.id).await?.ok_or_else(|| no_entry(id))?;
            spec_of(&newest.spec)?
        }
    };
    Ok(json(&PlugstoreForm::of_custom(display_name, &spec, call.lang)))
}

/// `GET /v1/plugstores/categories`, by name.
pub async fn categories(call: &Call<'_>) -> AppResult<Response> {
    may_read(call).await?;
    let names = category_names();
    if names.is_empty() {
        return Err(AppError::api(ErrorCode::Internal, "no categories"));
    }
    let categories: Keyed<Category> =
        names.iter().enumerate().map(|(i, n)| Category { id: i as i64 + 1, name: n.to_string() }).collect();
    Ok(json(&categories))
}

/// `GET /v1/icons`.
pub async fn icons(call: &Call<'_>, req: &Request) -> AppResult<Response> {
    let filters = request::list(req, senzu_core::api::list::ListSpec::PLAIN)?;
    may_read(call).await?;
    let icons: Vec<Icon> = senzu_core::icons::all()
        .map(|(id, tags, path)| Icon { id, tags: tags.to_string(), svg_path: path.to_string() })
        .collect();
    Ok(json(&Keyed(filters.apply(icons))))
}

/// `POST /v1/plugstores` (201): a draft entry with its first version and
/// language. The version needs its `form`.
pub async fn create(call: &Call<'_>, req: &mut Request) -> AppResult<Response> {
    let dev = developer(call).await?;
    let args = request::args(req).await?;
    let new: CreatePlugstore = parts(&args)?;
    let version: VersionFields = parts(&args)?;
    let texts: LangFields = parts(&args)?;
    if new.id_company.is_some() {
        return Err(bad("id_company", "companies come with the shop: none exists to name yet"));
    }
    let category = category(new.id_category)?.unwrap_or("Utilitaires");
    let spec = checked_version(&version)?
        .ok_or_else(|| AppError::api(ErrorCode::MissingArgument, "missing argument: form"))?;
    let id = repo::create_entry(
        &call.db,
        dev,
        new.name.as_ref().map(|n| n.as_str()),
        new.display_name.as_str(),
        category,
        version.id_icon,
        call.now,
    )
    .await?
    .ok_or_else(|| AppError::Internal { context: "create plugstore entry", cause: "no id returned".into() })?;
    let version_name = new.version.as_ref().map_or("1.0", |v| v.as_str());
    let lang = new.lang.unwrap_or(Lang::Fr);
    let made = async {
        let id_version = repo::create_version(&call.db, id, version_name, &version, &spec, call.now)
            .await?
            .ok_or_else(|| AppError::Internal { context: "create version", cause: "no id returned".into() })?;
        repo::create_lang(&call.db, id_version, lang.code(), new.display_name.as_str(), &texts, call.now).await?;
        Ok::<_, AppError>(id_version)
    }
    .await;
    let id_version = match made {
        Ok(v) => v,
        Err(e) => {
            // No entry without the version its developer just described.
            let _ = repo::delete_entry(&call.db, id).await;
            return Err(e);
        }
    };
    let missing = |what: &'static str| AppError::Internal { context: "create plugstore entry", cause: what.into() };
    let entry = repo::entry(&call.db, id).await?.ok_or_else(|| missing("no entry after insert"))?;
    let version = repo::version(&call.db, id_version).await?.ok_or_else(|| missing("no version after insert"))?;
    let version_lang =
        repo::lang(&call.db, id_version, lang.code()).await?.ok_or_else(|| missing("no language after insert"))?;
    Ok(created(&CreatedPlugstore {
        id,
        name: entry.name,
        display_name: new.display_name.into_inner(),
        developer: PluginUser { id: Some(dev) },
        version: version_of(version)?,
        version_lang: lang_of(version_lang),
        company: None,
        status: entry.status,
        is_enabled: entry.is_enabled == 1,
        date_created: ApiDate::from_unix(entry.date_created),
    }))
}

/// `POST /v1/plugstores/{id}`: category, names, and `is_enabled` (in the catalogue or not).
pub async fn update(call: &Call<'_>, req: &mut Request, id: &str) -> AppResult<Response> {
    let dev = developer(call).await?;
    let entry = own_entry(call, dev, id).await?;
    let changes: UpdatePlugstore = request::parse(req).await?;
    if changes.id_version.is_some() {
        return Err(AppError::api(
            ErrorCode::Forbidden,
            "the published version is set by Senzu's review: submit a version with is_requested=1",
        ));
    }
    if changes.is_empty() {
        return Err(AppError::api(
            ErrorCode::MissingArgument,
            "missing argument: one of id_category, is_enabled, name, display_name",
        ));
    }
    let apply = repo::EntryChanges {
        name: changes.name.as_ref().map(|n| n.as_str()),
        display_name: changes.display_name.as_ref().map(|n| n.as_str()),
        category: category(changes.id_category)?,
        is_enabled: changes.is_enabled,
    };
    repo::update_entry(&call.db, entry.id, &apply, call.now).await?;
    let entry = repo::entry(&call.db, entry.id).await?.ok_or_else(|| no_entry(id))?;
    Ok(json(&entry_of(entry, call.lang)))
}

/// `DELETE /v1/plugstores/{id}`: only while no application uses it.
pub async fn delete(call: &Call<'_>, id: &str) -> AppResult<Response> {
    let dev = developer(call).await?;
    let entry = own_entry(call, dev, id).await?;
    if !repo::delete_entry(&call.db, entry.id).await? {
        return Err(AppError::api(
            ErrorCode::Conflict,
            format!(
                "applications use plugstore entry {}: take it out of the catalogue (is_enabled=false) instead",
                entry.id
            ),
        ));
    }
    Ok(json(&Deleted::of(entry.id)))
}

/// `GET /v1/plugstores/{id}/versions`.
pub async fn versions(call: &Call<'_>, req: &Request, id: &str) -> AppResult<Response> {
    let filters = request::list(req, senzu_core::api::list::ListSpec::PLAIN)?;
    let dev = developer(call).await?;
    let entry = own_entry(call, dev, id).await?;
    let versions =
        repo::versions(&call.db, entry.id).await?.into_iter().map(version_of).collect::<AppResult<Vec<_>>>()?;
    Ok(json(&Keyed(filters.apply(versions))))
}

/// `POST /v1/plugstores/{id}/versions` (201): a new draft, `name` and `form` required.
pub async fn create_version(call: &Call<'_>, req: &mut Request, id: &str) -> AppResult<Response> {
    let dev = developer(call).await?;
    let entry = own_entry(call, dev, id).await?;
    let args = request::args(req).await?;
    let new: CreateVersion = parts(&args)?;
    let fields: VersionFields = parts(&args)?;
    let spec =
        checked_version(&fields)?.ok_or_else(|| AppError::api(ErrorCode::MissingArgument, "missing argument: form"))?;
    let id_version =
        repo::create_version(&call.db, entry.id, new.name.as_str(), &fields, &spec, call.now).await?.ok_or_else(
            || AppError::api(ErrorCode::Conflict, format!("this entry has a version named {} already", new.name)),
        )?;
    let version = repo::version(&call.db, id_version)
        .await?
        .ok_or_else(|| AppError::Internal { context: "create version", cause: "no version after insert".into() })?;
    Ok(created(&version_of(version)?))
}

/// `GET /v1/plugstores/{id}/versions/{id_version}`.
pub async fn get_version(call: &Call<'_>, id: &str, id_version: Id) -> AppResult<Response> {
    let dev = developer(call).await?;
    Ok(json(&version_of(own_version_of(call, dev, id, id_version).await?)?))
}

/// `POST /v1/plugstores/{id}/versions/{id_version}`: a draft's fields, and
/// `is_requested=1` to submit it (it needs a language); `is_requested=0`
/// withdraws a submitted one. Published versions are frozen.
pub async fn update_version(call: &Call<'_>, req: &mut Request, id: &str, id_version: Id) -> AppResult<Response> {
    let dev = developer(call).await?;
    let version = own_version_of(call, dev, id, id_version).await?;
    let args = request::args(req).await?;
    let changes: UpdateVersion = parts(&args)?;
    let fields: VersionFields = parts(&args)?;
    let spec = checked_version(&fields)?;
    let edits = changes.name.is_some() || fields != VersionFields::default();
    if !edits && changes.is_requested.is_none() {
        return Err(AppError::api(
            ErrorCode::MissingArgument,
            "missing argument: a field of the version, or is_requested",
        ));
    }
    let from = status_of(&version)?;
    let to = match (from, changes.is_requested) {
        (VersionStatus::Draft, Some(true)) => {
            if repo::langs(&call.db, id_version).await?.is_empty() {
                return Err(AppError::api(
                    ErrorCode::Conflict,
                    "a version needs at least one language (POST /v1/plugstores/versions/{id_version}/langs) to be submitted",
                ));
            }
            Some(VersionStatus::Submitted)
        }
        (VersionStatus::Submitted, Some(false)) if !edits => Some(VersionStatus::Draft),
        (VersionStatus::Draft, _) => None,
        (VersionStatus::Submitted, Some(true)) if !edits => None,
        (state, _) => {
            return Err(AppError::api(
                ErrorCode::Conflict,
                format!("version {id_version} is {}: it cannot change; create a new version", state.as_str()),
            ))
        }
    };
    let change = repo::VersionChange {
        name: changes.name.as_ref().map(|n| n.as_str()),
        fields: &fields,
        spec: spec.as_deref(),
        from: from.as_str(),
        to: to.map(VersionStatus::as_str),
    };
    let changed = repo::update_version(&call.db, id_version, &change, call.now).await?;
    if !changed {
        return Err(AppError::api(
            ErrorCode::Conflict,
            "the version changed meanwhile, or another version of this entry has that name",
        ));
    }
    let version = repo::version(&call.db, id_version).await?.ok_or_else(|| no_version(id_version))?;
    Ok(json(&version_of(version)?))
}

/// `GET /v1/plugstores/versions/{id_version}/langs`.
pub async fn langs(call: &Call<'_>, req: &Request, id_version: Id) -> AppResult<Response> {
    let filters = request::list(req, senzu_core::api::list::ListSpec::PLAIN)?;
    let dev = developer(call).await?;
    own_version(call, dev, id_version).await?;
    let langs = repo::langs(&call.db, id_version)
        .await?
        .into_iter()
        .map(|l| LangSummary {
            id_plugstore_version: l.id_plugstore_version,
            lang: lang_code(&l.lang).unwrap_or_default(),
            display_name: l.display_name,
            status: l.version_status == "publish",
            date_created: ApiDate::from_unix(l.date_created),
        })
        .collect();
    Ok(json(&Keyed(filters.apply(langs))))
}

fn no_lang(id_version: Id, lang: &str) -> AppError {
    AppError::not_found(format!("version {id_version} has no language {}", lang.chars().take(8).collect::<String>()))
}

/// `GET /v1/plugstores/versions/{id_version}/langs/{lang}`.
pub async fn get_lang(call: &Call<'_>, id_version: Id, lang: &str) -> AppResult<Response> {
    let dev = developer(call).await?;
    own_version(call, dev, id_version).await?;
    let code = lang_code(lang).ok_or_else(|| no_lang(id_version, lang))?;
    let row = repo::lang(&call.db, id_version, code.code()).await?.ok_or_else(|| no_lang(id_version, lang))?;
    Ok(json(&lang_of(row)))
}

fn frozen(version: &VersionRow) -> AppError {
    AppError::api(
        ErrorCode::Conflict,
        format!("version {} is {}: its languages cannot change; create a new version", version.id, version.status),
    )
}

/// `POST /v1/plugstores/versions/{id_version}/langs` (201): fr or en, once each, on a draft.
pub async fn create_lang(call: &Call<'_>, req: &mut Request, id_version: Id) -> AppResult<Response> {
    let dev = developer(call).await?;
    let version = own_version(call, dev, id_version).await?;
    let args = request::args(req).await?;
    let new: CreateLang = parts(&args)?;
    let texts: LangFields = parts(&args)?;
    if status_of(&version)? != VersionStatus::Draft {
        return Err(frozen(&version));
    }
    if !repo::create_lang(&call.db, id_version, new.lang.code(), new.display_name.as_str(), &texts, call.now).await? {
        return Err(AppError::api(
            ErrorCode::Conflict,
            format!("version {id_version} has the language {} already: POST …/langs/{0} changes it", new.lang.code()),
        ));
    }
    let row = repo::lang(&call.db, id_version, new.lang.code())
        .await?
        .ok_or_else(|| AppError::Internal { context: "create lang", cause: "no language after insert".into() })?;
    Ok(created(&lang_of(row)))
}

/// `POST /v1/plugstores/versions/{id_version}/langs/{lang}`.
pub async fn update_lang(call: &Call<'_>, req: &mut Request, id_version: Id, lang: &str) -> AppResult<Response> {
    let dev = developer(call).await?;
    let version = own_version(call, dev, id_version).await?;
    let code = lang_code(lang).ok_or_else(|| no_lang(id_version, lang))?;
    repo::lang(&call.db, id_version, code.code()).await?.ok_or_else(|| no_lang(id_version, lang))?;
    let args = request::args(req).await?;
    let changes: UpdateLang = parts(&args)?;
    let texts: LangFields = parts(&args)?;
    if changes.display_name.is_none() && texts == LangFields::default() {
        return Err(AppError::api(ErrorCode::MissingArgument, "missing argument: a field of the language"));
    }
    if status_of(&version)? != VersionStatus::Draft {
        return Err(frozen(&version));
    }
    let display_name = changes.display_name.as_ref().map(|n| n.as_str());
    if !repo::update_lang(&call.db, id_version, code.code(), display_name, &texts, call.now).await? {
        return Err(frozen(&version));
    }
    let row = repo::lang(&call.db, id_version, code.code()).await?.ok_or_else(|| no_lang(id_version, lang))?;
    Ok(json(&lang_of(row)))
}
