//! `/account`: the signed-in user's own page — profile, addresses, e-mail and
//! password (mail-confirmed: the links land on `/account/{action}`), sessions
//! and the apps the user authorized, the log of the account's API calls, and
//! the deletion of the account (mail-confirmed too).

use leptos::prelude::*;
use senzu_core::api::user::{Address, CallLog, SaveAddress, UpdateUser, User, UserToken};
use senzu_core::api::{ApiDate, Id, Name};
use senzu_core::i18n::account::AccountWords;
use senzu_core::ApiError;

use super::application::{bad, busy, field_error};
use super::{errors_view, failure, Shell};
use crate::api::procedures::{self, Requested};
use crate::api::user;

/// How many calls one page of the log shows.
const LOG_PAGE: usize = 20;

/// Typed text as a [`Name`]: empty is none, too long a 420 naming the field.
fn text<const MAX: usize>(field: &str, value: &str) -> Result<Option<Name<MAX>>, ApiError> {
    if value.trim().is_empty() {
        return Ok(None);
    }
    Name::new(value).map(Some).map_err(|why| bad(field, why))
}

/// A date as the page shows it, with its time: `2 Dec 2026 04:10 UTC` / `2 déc. 2026 à 04:10 UTC`.
fn when(date: &ApiDate, w: &AccountWords) -> String {
    let Some(time) = date.date.get(11..16) else { return senzu_core::i18n::date(&date.date, w.lang) };
    senzu_core::i18n::fill(w.when, &[("date", &senzu_core::i18n::date(&date.date, w.lang)), ("time", time)])
}

/// The field's error under it, when the action's error names it.
fn error_under<I: 'static, T: 'static>(
    action: Action<I, Result<T, ApiError>>,
    field: &'static str,
) -> impl Fn() -> Option<AnyView> {
    let e = field_error(action, field);
    move || e().map(|m| view! { <small class="field__error" role="alert">{m}</small> }.into_any())
}

/// "Saved", or an error that names no field of the form (those are shown next to their field).
fn form_status<I: 'static, T: 'static>(
    action: Action<I, Result<T, ApiError>>,
    fields: &'static [&'static str],
) -> impl Fn() -> AnyView {
    let (pending, value) = (action.pending(), action.value());
    let saved = crate::i18n::dash().saved;
    move || {
        if pending.try_get().unwrap_or(false) {
            return ().into_any();
        }
        value
            .try_with(|v| match v {
                Some(Err(e)) if e.field().is_some_and(|f| fields.contains(&f)) => ().into_any(),
                Some(Err(e)) => failure(e.clone()),
                Some(Ok(_)) => view! { <p class="form-ok" role="status">{saved}</p> }.into_any(),
                None => ().into_any(),
            })
            .unwrap_or_else(|| ().into_any())
    }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let (w, loading) = (crate::i18n::tr::<AccountWords>(), crate::i18n::dash().loading);
    crate::components::page_title(Some(w.title));
    let profile = LocalResource::new(user::profile);
    view! {
        <Shell>
            <div class="dash-head"><h1>{w.title}</h1></div>
            <nav class="account-nav" aria-label=w.sections>
                <a href="#profile">{w.profile}</a>
                <a href="#addresses">{w.addresses}</a>
                <a href="#sign-in">{w.sign_in}</a>
                <a href="#sessions">{w.sessions}</a>
                <a href="#mails">{w.mails}</a>
                <a href="#activity">{w.activity}</a>
                <a href="#delete">{w.delete}</a>
            </nav>
            <Suspense fallback=move || view! { <p class="muted">{loading}</p> }>
                <ErrorBoundary fallback=errors_view>
                    {move || Suspend::new(async move {
                        profile.await.map(|me| {
                            let email = me.email.clone().unwrap_or_default();
                            view! {
                                <ProfileSection me />
                                <AddressesSection />
                                <MailProcedures email=email.clone() />
                                <SessionsSection />
                                <super::mails::MailsSection />
                                <ActivitySection />
                                <DeleteSection email />
                            }
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
        </Shell>
    }
}

/// What the profile form holds, as typed.
#[derive(Debug, Clone, Default)]
struct ProfileDraft {
    username: String,
    firstname: String,
    lastname: String,
    gender: String,
    birthdate: String,
    language: String,
    country: String,
}

const PROFILE_FIELDS: &[&str] = &["username", "firstname", "lastname", "gender", "birthdate", "language", "country"];

impl ProfileDraft {
    fn of(me: &User) -> Self {
        let text = |p: &senzu_core::api::Patch<String>| p.clone().change().flatten().unwrap_or_default();
        let gender = match text(&me.gender).as_str() {
            "male" => "1",
            "female" => "2",
            "non-binary" => "3",
            _ => "",
        };
        Self {
            username: text(&me.username),
            firstname: text(&me.firstname),
            lastname: text(&me.lastname),
            gender: gender.to_string(),
            birthdate: me
                .birthdate
                .clone()
                .change()
                .flatten()
                .and_then(|d| d.date.get(..10).map(str::to_string))
                .unwrap_or_default(),
            language: me.lang.clone().unwrap_or_default(),
            country: text(&me.country),
        }
    }

    /// The changes to send; a field left empty keeps its value.
    fn changes(&self) -> Result<UpdateUser, ApiError> {
        let birthdate = match self.birthdate.trim() {
            "" => None,
            day => Some(
                senzu_core::wire::parse_date_filter(day)
                    .ok_or_else(|| bad("birthdate", "must be a date (YYYY-MM-DD)"))?,
            ),
        };
        let some = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        Ok(UpdateUser {
            username: text("username", &self.username)?,
            firstname: text("firstname", &self.firstname)?,
            lastname: text("lastname", &self.lastname)?,
            gender: some(&self.gender),
            birthdate,
            country: text("country", &self.country)?,
            language: some(&self.language),
        })
    }
}

#[component]
fn ProfileSection(me: User) -> impl IntoView {
    let w = crate::i18n::tr::<AccountWords>();
    let draft = RwSignal::new(ProfileDraft::of(&me));
    let save = Action::new_local(move |d: &ProfileDraft| {
        let d = d.clone();
        async move {
            let saved = user::update(&d.changes()?).await?;
            draft.set(ProfileDraft::of(&saved));
            Ok::<_, ApiError>(saved)
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(draft.get_untracked());
    };
    let input = move |label: &'static str, field: &'static str, kind: &'static str, max: usize| {
        let get = move || {
            draft.with(|d| match field {
                "username" => d.username.clone(),
                "firstname" => d.firstname.clone(),
                "lastname" => d.lastname.clone(),
                "birthdate" => d.birthdate.clone(),
                _ => d.country.clone(),
            })
        };
        let set = move |v: String| {
            draft.update(|d| match field {
                "username" => d.username = v,
                "firstname" => d.firstname = v,
                "lastname" => d.lastname = v,
                "birthdate" => d.birthdate = v,
                _ => d.country = v,
            })
        };
        view! {
            <label class="field"><span>{label}</span>
                <input type=kind maxlength=max.to_string() prop:value=get
                    on:input=move |ev| set(event_target_value(&ev)) />{error_under(save, field)}</label>
        }
    };
    let choice = move |value: &'static str, name: &'static str, of: fn(&ProfileDraft) -> &str| {
        view! { <option value=value selected=move || draft.with(|d| of(d) == value)>{name}</option> }
    };
    view! {
        <section class="panel" id="profile" aria-labelledby="profile-title">
            <h2 id="profile-title">{w.profile}</h2>
            <form class="form" on:submit=submit data-testid="profile-form">
                <div class="form__row">
                    {input(w.first_name, "firstname", "text", 100)}
                    {input(w.last_name, "lastname", "text", 100)}
                </div>
                <div class="form__row">
                    {input(w.username, "username", "text", 64)}
                    <label class="field"><span>{w.gender}</span>
                        <select on:change=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.gender = v) }>
                            {choice("", w.gender_unsaid, |d| &d.gender)}
                            {choice("1", w.gender_male, |d| &d.gender)}
                            {choice("2", w.gender_female, |d| &d.gender)}
                            {choice("3", w.gender_non_binary, |d| &d.gender)}
                        </select>{error_under(save, "gender")}</label>
                </div>
                <div class="form__row">
                    {input(w.birthdate, "birthdate", "date", 10)}
                    <label class="field"><span>{w.language}</span>
                        <select on:change=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.language = v) }>
                            {choice("en", "English", |d| &d.language)}
                            {choice("fr", "Français", |d| &d.language)}
                        </select>{error_under(save, "language")}</label>
                    {input(w.country, "country", "text", 3)}
                </div>
                <button class="button" type="submit" disabled=busy(save)>
                    {move || if busy(save)() { w.saving } else { w.save_profile }}</button>
                {form_status(save, PROFILE_FIELDS)}
            </form>
        </section>
    }
}

/// What the address form holds, as typed.
#[derive(Debug, Clone, Default)]
struct AddressDraft {
    alias: String,
    firstname: String,
    lastname: String,
    street: String,
    additional: String,
    zipcode: String,
    city: String,
    state: String,
    country_code: String,
    phone: String,
}

const ADDRESS_FIELDS: &[&str] =
    &["alias", "firstname", "lastname", "street", "additional", "zipcode", "city", "state", "country_code", "phone"];

impl AddressDraft {
    fn of(a: &Address) -> Self {
        Self {
            alias: a.alias.clone(),
            firstname: a.firstname.clone(),
            lastname: a.lastname.clone(),
            street: a.street.clone(),
            additional: a.additional.clone().unwrap_or_default(),
            zipcode: a.zipcode.clone(),
            city: a.city.clone(),
            state: a.state.clone(),
            country_code: a.country_code.clone(),
            phone: a.phone.clone().unwrap_or_default(),
        }
    }

    fn field(&mut self, name: &str) -> &mut String {
        match name {
            "alias" => &mut self.alias,
            "firstname" => &mut self.firstname,
            "lastname" => &mut self.lastname,
            "street" => &mut self.street,
            "additional" => &mut self.additional,
            "zipcode" => &mut self.zipcode,
            "city" => &mut self.city,
            "state" => &mut self.state,
            "country_code" => &mut self.country_code,
            _ => &mut self.phone,
        }
    }

    fn save(&self) -> Result<SaveAddress, ApiError> {
        Ok(SaveAddress {
            alias: text("alias", &self.alias)?,
            firstname: text("firstname", &self.firstname)?,
            lastname: text("lastname", &self.lastname)?,
            street: text("street", &self.street)?,
            additional: text("additional", &self.additional)?,
            zipcode: text("zipcode", &self.zipcode)?,
            city: text("city", &self.city)?,
            state: text("state", &self.state)?,
            country_code: text("country_code", &self.country_code.to_uppercase())?,
            phone: text("phone", &self.phone)?,
            ..SaveAddress::default()
        })
    }
}

/// Which address the form edits: none (closed), a new one, or an existing one.
#[derive(Debug, Clone, PartialEq)]
enum Editing {
    Closed,
    New,
    Existing(Id),
}

#[component]
fn AddressesSection() -> impl IntoView {
    let (w, loading) = (crate::i18n::tr::<AccountWords>(), crate::i18n::dash().loading);
    let list = LocalResource::new(user::addresses);
    let editing = RwSignal::new(Editing::Closed);
    let draft = RwSignal::new(AddressDraft::default());
    // Owned by the section, not the form: the form closes when it succeeds.
    let save = Action::new_local(move |(id, d): &(Option<Id>, AddressDraft)| {
        let (id, d) = (*id, d.clone());
        async move {
            let given = d.save()?;
            let saved = match id {
                Some(id) => user::update_address(id, &given).await?,
                None => user::create_address(&given).await?,
            };
            editing.set(Editing::Closed);
            list.refetch();
            Ok::<_, ApiError>(saved)
        }
    });
    let remove = Action::new_local(move |id: &Id| {
        let id = *id;
        async move {
            let done = user::delete_address(id).await?;
            list.refetch();
            Ok::<_, ApiError>(done)
        }
    });
    let open = move |to: Editing, with: AddressDraft| {
        draft.set(with);
        editing.set(to);
    };
    view! {
        <section class="panel" id="addresses" aria-labelledby="addresses-title">
            <h2 id="addresses-title">{w.addresses}</h2>
            <Suspense fallback=move || view! { <p class="muted">{loading}</p> }>
                <ErrorBoundary fallback=errors_view>
                    {move || Suspend::new(async move {
                        list.await.map(|addresses| {
                            if addresses.is_empty() {
                                return view! { <p class="empty">{w.no_address}</p> }.into_any();
                            }
                            view! {
                                <ul class="address-list" data-testid="addresses">
                                    {addresses.into_iter().map(|a| {
                                        let (id, alias) = (a.id, a.alias.clone());
                                        let with = AddressDraft::of(&a);
                                        view! {
                                            <li class="address" data-testid="address">
                                                <strong>{a.alias.clone()}</strong>
                                                <span>{format!("{} {}", a.firstname, a.lastname)}</span>
                                                <span>{a.street.clone()}</span>
                                                {a.additional.clone().map(|x| view! { <span>{x}</span> })}
                                                <span>{format!("{} {}, {} {}", a.zipcode, a.city, a.state, a.country_code)}</span>
                                                <span class="address__actions">
                                                    <button class="link-button" type="button" aria-label=senzu_core::i18n::fill(w.edit_named, &[("alias", &alias)])
                                                        on:click=move |_| open(Editing::Existing(id), with.clone())>{w.edit}</button>
                                                    <button class="link-button" type="button" aria-label=senzu_core::i18n::fill(w.remove_named, &[("alias", &alias)])
                                                        disabled=busy(remove) on:click=move |_| { remove.dispatch(id); }>{w.remove}</button>
                                                </span>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
            {form_status(remove, &[])}
            {move || (editing.get() == Editing::Closed).then(|| view! {
                <button class="button button--quiet" type="button"
                    on:click=move |_| open(Editing::New, AddressDraft::default())>{w.address_add}</button>
            })}
            {move || match editing.get() {
                Editing::Closed => ().into_any(),
                to => {
                    let id = match to { Editing::Existing(id) => Some(id), _ => None };
                    view! { <AddressForm id draft save on_cancel=Callback::new(move |_| editing.set(Editing::Closed)) /> }.into_any()
                }
            }}
            {form_status(save, ADDRESS_FIELDS)}
        </section>
    }
}

#[component]
fn AddressForm(
    id: Option<Id>,
    draft: RwSignal<AddressDraft>,
    save: Action<(Option<Id>, AddressDraft), Result<Address, ApiError>>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let w = crate::i18n::tr::<AccountWords>();
    let input = move |label: &'static str, field: &'static str, required: bool| {
        view! {
            <label class="field"><span>{label}</span>
                <input type="text" required=required prop:value=move || draft.with(|d| d.clone().field(field).clone())
                    on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| *d.field(field) = v) } />
                {error_under(save, field)}</label>
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch((id, draft.get_untracked()));
    };
    view! {
        <form class="form" on:submit=submit data-testid="address-form">
            <h3>{if id.is_some() { w.address_edit_title } else { w.address_new_title }}</h3>
            {input(w.address_alias, "alias", true)}
            <div class="form__row">
                {input(w.first_name, "firstname", true)}
                {input(w.last_name, "lastname", true)}
            </div>
            {input(w.street, "street", true)}
            {input(w.address_more, "additional", false)}
            <div class="form__row">
                {input(w.postcode, "zipcode", true)}
                {input(w.city, "city", true)}
            </div>
            <div class="form__row">
                {input(w.state, "state", true)}
                {input(w.country_code, "country_code", true)}
                {input(w.phone, "phone", false)}
            </div>
            <div class="form__actions">
                <button class="button" type="submit" disabled=busy(save)>{w.save_address}</button>
                <button class="button button--quiet" type="button" on:click=move |_| on_cancel.run(())>{w.cancel}</button>
            </div>
        </form>
    }
}

/// One button that mails a procedure's link, and what it says once sent.
#[component]
fn ProcedureButton(procedure: Requested, label: &'static str, sent: String) -> impl IntoView {
    let ask = Action::new_local(move |_: &()| procedures::request(procedure));
    let value = ask.value();
    view! {
        <button class="button button--quiet" type="button" disabled=busy(ask)
            on:click=move |_| { ask.dispatch(()); }>{label}</button>
        {move || value.with(|v| match v {
            Some(Ok(_)) => view! { <p class="notice" role="status">{sent.clone()}</p> }.into_any(),
            Some(Err(e)) => failure(e.clone()),
            None => ().into_any(),
        })}
    }
}

#[component]
fn MailProcedures(email: String) -> impl IntoView {
    let w = crate::i18n::tr::<AccountWords>();
    let with_email = |text: &str| senzu_core::i18n::fill(text, &[("email", &email)]);
    view! {
        <section class="panel" id="sign-in" aria-labelledby="sign-in-title">
            <h2 id="sign-in-title">{w.sign_in}</h2>
            <p>{w.your_email} " " <strong data-testid="current-email">{email.clone()}</strong></p>
            <p class="muted">{with_email(w.by_mail)}</p>
            <div class="form__actions">
                <ProcedureButton procedure=Requested::ChangeEmail label=w.change_email
                    sent=with_email(w.change_email_sent) />
            </div>
            <div class="form__actions">
                <ProcedureButton procedure=Requested::ChangePassword label=w.change_password
                    sent=with_email(w.change_password_sent) />
            </div>
        </section>
    }
}

#[component]
fn SessionsSection() -> impl IntoView {
    let (w, loading) = (crate::i18n::tr::<AccountWords>(), crate::i18n::dash().loading);
    let tokens = LocalResource::new(user::tokens);
    let end = Action::new_local(move |(id, session, current): &(Id, bool, bool)| {
        let (id, session, current) = (*id, *session, *current);
        async move {
            let done = if session { user::sign_out_session(id).await? } else { user::revoke_token(id).await? };
            if current {
                let _ = window().location().set_href("/signin");
            } else {
                tokens.refetch();
            }
            Ok::<_, ApiError>(done)
        }
    });
    view! {
        <section class="panel" id="sessions" aria-labelledby="sessions-title">
            <h2 id="sessions-title">{w.sessions}</h2>
            <Suspense fallback=move || view! { <p class="muted">{loading}</p> }>
                <ErrorBoundary fallback=errors_view>
                    {move || Suspend::new(async move {
                        tokens.await.map(|all| {
                            let (sessions, apps): (Vec<UserToken>, Vec<UserToken>) =
                                all.into_iter().partition(|t| t.kind == "session");
                            view! {
                                <h3>{w.browsers_title}</h3>
                                <SessionsTable sessions end />
                                <h3>{w.apps_title}</h3>
                                <AppsList apps end />
                            }
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
            {form_status(end, &[])}
        </section>
    }
}

type EndToken = Action<(Id, bool, bool), Result<senzu_core::api::Revoked, ApiError>>;

#[component]
fn SessionsTable(sessions: Vec<UserToken>, end: EndToken) -> impl IntoView {
    let w = crate::i18n::tr::<AccountWords>();
    view! {
        <table class="api-table" tabindex="0" data-testid="sessions">
            <thead><tr><th scope="col">{w.col_signed_in}</th><th scope="col">{w.col_expires}</th>
                <th scope="col">{w.col_browser}</th><th scope="col">{w.col_action}</th></tr></thead>
            <tbody>
                {sessions.into_iter().map(|s| {
                    let (id, current) = (s.id, s.is_current);
                    let label = if current { w.sign_out_this_session } else { w.sign_out_session };
                    view! {
                        <tr data-testid="session" data-current=current.to_string()>
                            <td>{when(&s.date_created, w)}</td>
                            <td>{s.date_expired.as_ref().map(|d| when(d, w)).unwrap_or_else(|| "—".into())}</td>
                            <td>{if current { w.this_browser } else { w.another_browser }}</td>
                            <td><button class="link-button" type="button" disabled=busy(end)
                                aria-label=senzu_core::i18n::fill(label, &[("id", &id.to_string())])
                                on:click=move |_| { end.dispatch((id, true, current)); }>{w.sign_out}</button></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn AppsList(apps: Vec<UserToken>, end: EndToken) -> impl IntoView {
    let w = crate::i18n::tr::<AccountWords>();
    if apps.is_empty() {
        return view! { <p class="empty" data-testid="apps">{w.no_app}</p> }.into_any();
    }
    // The app tokens grouped by app, in the order the list gives them.
    let mut groups: Vec<(Id, String, Vec<UserToken>)> = Vec::new();
    for t in apps {
        match groups.iter_mut().find(|g| g.0 == t.id_api_app) {
            Some(g) => g.2.push(t),
            None => groups.push((t.id_api_app, t.app.clone(), vec![t])),
        }
    }
    view! {
        <ul class="address-list" data-testid="apps">
            {groups.into_iter().map(|(_, name, tokens)| view! {
                <li class="address" data-testid="app">
                    <strong>{name.clone()}</strong>
                    {tokens.into_iter().map(|t| {
                        let id = t.id;
                        let roles = t.roles.replace(',', ", ");
                        let since = when(&t.date_created, w);
                        view! {
                            <span>{senzu_core::i18n::fill(w.app_token, &[("roles", &roles), ("date", &since)])}
                                " "<button class="link-button" type="button" disabled=busy(end)
                                    aria-label=senzu_core::i18n::fill(w.revoke_token, &[("id", &id.to_string()), ("name", &name)])
                                    on:click=move |_| { end.dispatch((id, false, false)); }>{w.revoke}</button></span>
                        }
                    }).collect_view()}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn ActivitySection() -> impl IntoView {
    // The newest page, then older ones: each page starts below the last id seen.
    let (w, loading) = (crate::i18n::tr::<AccountWords>(), crate::i18n::dash().loading);
    let before = RwSignal::new(None::<Id>);
    let logs = LocalResource::new(move || user::logs(LOG_PAGE, before.get()));
    let row = move |l: CallLog| {
        view! {
            <tr>
                <td>{when(&l.date_created, w)}</td>
                <td>{l.method}</td>
                <td class="mono">{l.route}</td>
                <td>{l.status}</td>
                <td>{l.id_api_app.map(|a| format!("#{a}")).unwrap_or_else(|| "—".into())}</td>
            </tr>
        }
    };
    view! {
        <section class="panel" id="activity" aria-labelledby="activity-title">
            <h2 id="activity-title">{w.activity}</h2>
            <p class="muted">{w.activity_intro}</p>
            <Suspense fallback=move || view! { <p class="muted">{loading}</p> }>
                <ErrorBoundary fallback=errors_view>
                    {move || Suspend::new(async move {
                        logs.await.map(|page| {
                            let older = (page.len() == LOG_PAGE).then(|| page.last().map(|l| l.id)).flatten();
                            view! {
                                <table class="api-table" tabindex="0" data-testid="logs">
                                    <thead><tr><th scope="col">{w.col_date}</th><th scope="col">{w.col_method}</th>
                                        <th scope="col">{w.col_path}</th><th scope="col">{w.col_status}</th><th scope="col">{w.col_app}</th></tr></thead>
                                    <tbody>{page.into_iter().map(row).collect_view()}</tbody>
                                </table>
                                <div class="form__actions">
                                    {before.get_untracked().is_some().then(|| view! {
                                        <button class="button button--quiet" type="button"
                                            on:click=move |_| before.set(None)>{w.newest_calls}</button>
                                    })}
                                    {older.map(|id| view! {
                                        <button class="button button--quiet" type="button"
                                            on:click=move |_| before.set(Some(id))>{w.older_calls}</button>
                                    })}
                                </div>
                            }
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
        </section>
    }
}

#[component]
fn DeleteSection(email: String) -> impl IntoView {
    let w = crate::i18n::tr::<AccountWords>();
    view! {
        <section class="panel panel--danger" id="delete" aria-labelledby="delete-title">
            <h2 id="delete-title">{w.delete}</h2>
            <p>{w.delete_intro}</p>
            <ul data-testid="what-goes">
                <li>{w.delete_objects}</li>
                <li>{w.delete_applications}</li>
                <li>{w.delete_data}</li>
                <li>{w.delete_mails}</li>
                <li>{w.delete_published}</li>
                <li>{w.delete_last}</li>
            </ul>
            <ProcedureButton procedure=Requested::DeleteAccount label=w.delete_mine
                sent=senzu_core::i18n::fill(w.delete_sent, &[("email", &email)]) />
        </section>
    }
}
