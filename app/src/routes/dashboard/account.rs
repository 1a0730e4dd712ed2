//! `/account`: the signed-in user's own page — profile, addresses, e-mail and
//! password (mail-confirmed: the links land on `/account/{action}`), sessions
//! and the apps the user authorized, the log of the account's API calls, and
//! the deletion of the account (mail-confirmed too).

use leptos::prelude::*;
use senzu_core::api::user::{Address, CallLog, SaveAddress, UpdateUser, User, UserToken};
use senzu_core::api::{ApiDate, Id, Name};
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

/// A date as the page shows it: `2026-12-02 04:10 UTC`.
fn when(date: &ApiDate) -> String {
    format!("{} UTC", date.date.get(..16).unwrap_or(&date.date))
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
    move || {
        if pending.try_get().unwrap_or(false) {
            return ().into_any();
        }
        value
            .try_with(|v| match v {
                Some(Err(e)) if e.field().is_some_and(|f| fields.contains(&f)) => ().into_any(),
                Some(Err(e)) => failure(e.clone()),
                Some(Ok(_)) => view! { <p class="form-ok" role="status">"Saved"</p> }.into_any(),
                None => ().into_any(),
            })
            .unwrap_or_else(|| ().into_any())
    }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let w = senzu_core::i18n::account::AccountWords::of(crate::i18n::use_lang().get_untracked());
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
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
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
            <h2 id="profile-title">"Profile"</h2>
            <form class="form" on:submit=submit data-testid="profile-form">
                <div class="form__row">
                    {input("First name", "firstname", "text", 100)}
                    {input("Last name", "lastname", "text", 100)}
                </div>
                <div class="form__row">
                    {input("Username", "username", "text", 64)}
                    <label class="field"><span>"Gender"</span>
                        <select on:change=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.gender = v) }>
                            {choice("", "Not said", |d| &d.gender)}
                            {choice("1", "Male", |d| &d.gender)}
                            {choice("2", "Female", |d| &d.gender)}
                            {choice("3", "Non-binary", |d| &d.gender)}
                        </select>{error_under(save, "gender")}</label>
                </div>
                <div class="form__row">
                    {input("Birthdate", "birthdate", "date", 10)}
                    <label class="field"><span>"Language"</span>
                        <select on:change=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.language = v) }>
                            {choice("en", "English", |d| &d.language)}
                            {choice("fr", "Français", |d| &d.language)}
                        </select>{error_under(save, "language")}</label>
                    {input("Country (two letters, e.g. FR)", "country", "text", 3)}
                </div>
                <button class="button" type="submit" disabled=busy(save)>
                    {move || if busy(save)() { "Saving…" } else { "Save profile" }}</button>
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
            <h2 id="addresses-title">"Addresses"</h2>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                <ErrorBoundary fallback=errors_view>
                    {move || Suspend::new(async move {
                        list.await.map(|addresses| {
                            if addresses.is_empty() {
                                return view! { <p class="empty">"No address yet."</p> }.into_any();
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
                                                    <button class="link-button" type="button" aria-label=format!("Edit {alias}")
                                                        on:click=move |_| open(Editing::Existing(id), with.clone())>"Edit"</button>
                                                    <button class="link-button" type="button" aria-label=format!("Delete {alias}")
                                                        disabled=busy(remove) on:click=move |_| { remove.dispatch(id); }>"Delete"</button>
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
                    on:click=move |_| open(Editing::New, AddressDraft::default())>"Add an address"</button>
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
            <h3>{if id.is_some() { "Edit the address" } else { "New address" }}</h3>
            {input("Name of the address (e.g. Home)", "alias", true)}
            <div class="form__row">
                {input("First name", "firstname", true)}
                {input("Last name", "lastname", true)}
            </div>
            {input("Street", "street", true)}
            {input("Address line 2 (optional)", "additional", false)}
            <div class="form__row">
                {input("Postcode", "zipcode", true)}
                {input("City", "city", true)}
            </div>
            <div class="form__row">
                {input("State or region", "state", true)}
                {input("Country (two letters)", "country_code", true)}
                {input("Phone (optional)", "phone", false)}
            </div>
            <div class="form__actions">
                <button class="button" type="submit" disabled=busy(save)>"Save address"</button>
                <button class="button button--quiet" type="button" on:click=move |_| on_cancel.run(())>"Cancel"</button>
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
    view! {
        <section class="panel" id="sign-in" aria-labelledby="sign-in-title">
            <h2 id="sign-in-title">"E-mail and password"</h2>
            <p>"Your e-mail address: " <strong data-testid="current-email">{email.clone()}</strong></p>
            <p class="muted">"Both changes are confirmed by mail: we send a link to " {email.clone()}
                ", and the change happens when you open it."</p>
            <div class="form__actions">
                <ProcedureButton procedure=Requested::ChangeEmail label="Change my e-mail address"
                    sent=format!("We sent a mail to {email}. Open its link to choose your new address; \
                        a second mail to the new address confirms it.") />
            </div>
            <div class="form__actions">
                <ProcedureButton procedure=Requested::ChangePassword label="Change my password"
                    sent=format!("We sent a mail to {email}. Open its link to choose a new password.") />
            </div>
        </section>
    }
}

#[component]
fn SessionsSection() -> impl IntoView {
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
            <h2 id="sessions-title">"Sessions and apps"</h2>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                <ErrorBoundary fallback=errors_view>
                    {move || Suspend::new(async move {
                        tokens.await.map(|all| {
                            let (sessions, apps): (Vec<UserToken>, Vec<UserToken>) =
                                all.into_iter().partition(|t| t.kind == "session");
                            view! {
                                <h3>"Signed-in browsers"</h3>
                                <SessionsTable sessions end />
                                <h3>"Apps you authorized"</h3>
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
    view! {
        <table class="api-table" tabindex="0" data-testid="sessions">
            <thead><tr><th scope="col">"Signed in"</th><th scope="col">"Expires"</th><th scope="col">"Browser"</th><th scope="col">"Action"</th></tr></thead>
            <tbody>
                {sessions.into_iter().map(|s| {
                    let (id, current) = (s.id, s.is_current);
                    view! {
                        <tr data-testid="session" data-current=current.to_string()>
                            <td>{when(&s.date_created)}</td>
                            <td>{s.date_expired.as_ref().map(when).unwrap_or_else(|| "—".into())}</td>
                            <td>{if current { "This browser" } else { "Another browser" }}</td>
                            <td><button class="link-button" type="button" disabled=busy(end)
                                aria-label=format!("Sign out session {id}{}", if current { " (this browser)" } else { "" })
                                on:click=move |_| { end.dispatch((id, true, current)); }>"Sign out"</button></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn AppsList(apps: Vec<UserToken>, end: EndToken) -> impl IntoView {
    if apps.is_empty() {
        return view! { <p class="empty" data-testid="apps">"No app holds a token of your account."</p> }.into_any();
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
                        view! {
                            <span>{format!("Roles: {} · since {}", t.roles.replace(',', ", "), when(&t.date_created))}
                                " "<button class="link-button" type="button" disabled=busy(end)
                                    aria-label=format!("Revoke the token {id} of {name}")
                                    on:click=move |_| { end.dispatch((id, false, false)); }>"Revoke"</button></span>
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
    let before = RwSignal::new(None::<Id>);
    let logs = LocalResource::new(move || user::logs(LOG_PAGE, before.get()));
    let row = |l: CallLog| {
        view! {
            <tr>
                <td>{when(&l.date_created)}</td>
                <td>{l.method}</td>
                <td class="mono">{l.route}</td>
                <td>{l.status}</td>
                <td>{l.id_api_app.map(|a| format!("#{a}")).unwrap_or_else(|| "—".into())}</td>
            </tr>
        }
    };
    view! {
        <section class="panel" id="activity" aria-labelledby="activity-title">
            <h2 id="activity-title">"Activity"</h2>
            <p class="muted">"The API calls made on your account, newest first."</p>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                <ErrorBoundary fallback=errors_view>
                    {move || Suspend::new(async move {
                        logs.await.map(|page| {
                            let older = (page.len() == LOG_PAGE).then(|| page.last().map(|l| l.id)).flatten();
                            view! {
                                <table class="api-table" tabindex="0" data-testid="logs">
                                    <thead><tr><th scope="col">"Date"</th><th scope="col">"Method"</th>
                                        <th scope="col">"Path"</th><th scope="col">"Status"</th><th scope="col">"App"</th></tr></thead>
                                    <tbody>{page.into_iter().map(row).collect_view()}</tbody>
                                </table>
                                <div class="form__actions">
                                    {before.get_untracked().is_some().then(|| view! {
                                        <button class="button button--quiet" type="button"
                                            on:click=move |_| before.set(None)>"Newest calls"</button>
                                    })}
                                    {older.map(|id| view! {
                                        <button class="button button--quiet" type="button"
                                            on:click=move |_| before.set(Some(id))>"Older calls"</button>
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
    view! {
        <section class="panel panel--danger" id="delete" aria-labelledby="delete-title">
            <h2 id="delete-title">"Delete the account"</h2>
            <p>"Deleting the account cannot be undone. When you confirm it from the mail:"</p>
            <ul data-testid="what-goes">
                <li>"your objects are unpaired: they go back to \"not activated\" and lose their names;"</li>
                <li>"your applications are deleted, and the records that showed them show nothing;"</li>
                <li>"your files and folders, the share links you made, your addresses, your sessions and app tokens, \
                    and the log of your API calls are deleted;"</li>
                <li>"the mails you exchanged stay with the other person, without your name;"</li>
                <li>"plugins and maker profiles you published stay, without your name;"</li>
                <li>"then the account itself is deleted, and you are signed out everywhere."</li>
            </ul>
            <ProcedureButton procedure=Requested::DeleteAccount label="Delete my account"
                sent=format!("We sent a mail to {email}. Open its link to delete the account for good; \
                    nothing is deleted until then.") />
        </section>
    }
}
