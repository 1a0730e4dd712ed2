//! The console's panels of one app beyond its URLs and roles: its documented
//! details (name, image, contact, policy URLs, category, GDPR controller),
//! the tokens users gave it, its calls log with filters, and its deletion.

use leptos::prelude::*;
use senzu_core::api::apps::{App, AppCall, Category, SaveApp};
use senzu_core::api::{Id, Name};
use senzu_core::{ApiError, ErrorCode};

use crate::api;
use crate::components::ErrorView;

/// The editable details, as typed.
#[derive(Clone, Default)]
struct Details {
    display_name: String,
    url_image: String,
    contact_email: String,
    privacy_url: String,
    tos_url: String,
    category: String,
    gdpr_name: String,
    gdpr_email: String,
    gdpr_address_street: String,
    gdpr_address_other: String,
    gdpr_address_zipcode: String,
    gdpr_address_city: String,
    gdpr_address_state: String,
    gdpr_address_country: String,
}

impl Details {
    fn of(app: &App) -> Self {
        let t = |v: &Option<String>| v.clone().unwrap_or_default();
        Self {
            display_name: app.display_name.clone(),
            url_image: t(&app.url_image),
            contact_email: t(&app.contact_email),
            privacy_url: t(&app.privacy_url),
            tos_url: t(&app.tos_url),
            category: app.id_api_app_category.map(|c| c.to_string()).unwrap_or_default(),
            gdpr_name: t(&app.gdpr_name),
            gdpr_email: t(&app.gdpr_email),
            gdpr_address_street: t(&app.gdpr_address_street),
            gdpr_address_other: t(&app.gdpr_address_other),
            gdpr_address_zipcode: t(&app.gdpr_address_zipcode),
            gdpr_address_city: t(&app.gdpr_address_city),
            gdpr_address_state: t(&app.gdpr_address_state),
            gdpr_address_country: t(&app.gdpr_address_country),
        }
    }

    fn field(&mut self, name: &str) -> &mut String {
        match name {
            "display_name" => &mut self.display_name,
            "url_image" => &mut self.url_image,
            "contact_email" => &mut self.contact_email,
            "privacy_url" => &mut self.privacy_url,
            "tos_url" => &mut self.tos_url,
            "gdpr_name" => &mut self.gdpr_name,
            "gdpr_email" => &mut self.gdpr_email,
            "gdpr_address_street" => &mut self.gdpr_address_street,
            "gdpr_address_other" => &mut self.gdpr_address_other,
            "gdpr_address_zipcode" => &mut self.gdpr_address_zipcode,
            "gdpr_address_city" => &mut self.gdpr_address_city,
            "gdpr_address_state" => &mut self.gdpr_address_state,
            _ => &mut self.gdpr_address_country,
        }
    }

    /// What the API takes: each filled field, checked the way the worker checks it.
    fn save(&self) -> Result<SaveApp, ApiError> {
        fn text<const MAX: usize>(field: &str, v: &str) -> Result<Option<Name<MAX>>, ApiError> {
            if v.trim().is_empty() {
                return Ok(None);
            }
            Name::new(v).map(Some).map_err(|why| ApiError::new(ErrorCode::BadArgument, format!("{field}: {why}")))
        }
        Ok(SaveApp {
            display_name: text("display_name", &self.display_name)?,
            url_image: text("url_image", &self.url_image)?,
            contact_email: text("contact_email", &self.contact_email)?,
            privacy_url: text("privacy_url", &self.privacy_url)?,
            tos_url: text("tos_url", &self.tos_url)?,
            gdpr_name: text("gdpr_name", &self.gdpr_name)?,
            gdpr_email: text("gdpr_email", &self.gdpr_email)?,
            gdpr_address_street: text("gdpr_address_street", &self.gdpr_address_street)?,
            gdpr_address_other: text("gdpr_address_other", &self.gdpr_address_other)?,
            gdpr_address_city: text("gdpr_address_city", &self.gdpr_address_city)?,
            gdpr_address_state: text("gdpr_address_state", &self.gdpr_address_state)?,
            gdpr_address_zipcode: text("gdpr_address_zipcode", &self.gdpr_address_zipcode)?,
            gdpr_address_country: text("gdpr_address_country", &self.gdpr_address_country)?,
            id_api_app_category: self.category.parse::<Id>().ok(),
            ..SaveApp::default()
        })
    }
}

const CONTACT: &[(&str, &str, &str)] = &[
    ("display_name", "Name shown on the consent screen", "text"),
    ("url_image", "Logo (https address)", "url"),
    ("contact_email", "Contact e-mail", "email"),
    ("privacy_url", "Privacy policy URL", "url"),
    ("tos_url", "Terms of service URL", "url"),
];

const GDPR: &[(&str, &str, &str)] = &[
    ("gdpr_name", "Data controller", "text"),
    ("gdpr_email", "Data protection e-mail", "email"),
    ("gdpr_address_street", "Street", "text"),
    ("gdpr_address_other", "Address, more", "text"),
    ("gdpr_address_zipcode", "Postcode", "text"),
    ("gdpr_address_city", "City", "text"),
    ("gdpr_address_state", "Region", "text"),
    ("gdpr_address_country", "Country", "text"),
];

#[component]
pub fn AppSettings(app: App) -> impl IntoView {
    let id = app.id;
    let draft = RwSignal::new(Details::of(&app));
    let categories = LocalResource::new(api::apps::categories);
    let save = Action::new_local(move |d: &Details| {
        let d = d.clone();
        // The form keeps what it saved: reloading the page's app would re-make it (and lose "Saved").
        async move { api::apps::update(id, &d.save()?).await }
    });
    let field = move |(name, label, kind): (&'static str, &'static str, &'static str)| {
        view! {
            <label class="field"><span>{label}</span>
                <input type=kind name=name prop:value=move || draft.with(|d| d.clone().field(name).clone())
                    on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| *d.field(name) = v) } /></label>
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(draft.get_untracked());
    };
    view! {
        <section class="panel" data-testid="app-settings" aria-labelledby="app-settings-title">
            <h2 id="app-settings-title">"Details"</h2>
            <p class="muted">"What users see on the consent screen, and who answers for their data (GDPR)."</p>
            <form class="form" on:submit=submit>
                <div class="form__grid">{CONTACT.iter().copied().map(field).collect_view()}
                    <label class="field"><span>"Category"</span>
                        <select prop:value=move || draft.with(|d| d.category.clone())
                            on:change=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.category = v) }>
                            <option value="">"— none —"</option>
                            {move || categories.get().and_then(Result::ok).unwrap_or_default().into_iter()
                                .map(|c: Category| view! { <option value=c.id.to_string()>{c.name}</option> }).collect_view()}
                        </select></label>
                </div>
                <h3>"Data controller (GDPR)"</h3>
                <div class="form__grid">{GDPR.iter().copied().map(field).collect_view()}</div>
                <div class="form__actions"><button class="button" type="submit">"Save details"</button></div>
                {move || save.value().get().map(|r| match r {
                    Ok(_) => view! { <p class="form-ok" role="status" data-testid="details-saved">"Saved"</p> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                })}
            </form>
        </section>
    }
}

#[component]
pub fn AppTokensPanel(id: Id) -> impl IntoView {
    let tokens = LocalResource::new(move || api::apps::tokens(id));
    view! {
        <section class="panel" data-testid="app-tokens" aria-labelledby="app-tokens-title">
            <h2 id="app-tokens-title">"Tokens"</h2>
            <p class="muted">"The users' tokens your app holds now (their values are never stored, only their hashes). \
                A user revokes one from their account page."</p>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match tokens.await {
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok(t) if t.token.is_empty() => view! { <p class="muted">"No live token."</p> }.into_any(),
                        Ok(t) => view! {
                            <table class="api-table" tabindex="0">
                                <thead><tr><th scope="col">"Token"</th><th scope="col">"User"</th><th scope="col">"Roles"</th>
                                    <th scope="col">"Since"</th><th scope="col">"Until"</th></tr></thead>
                                <tbody>{t.token.into_iter().map(|k| view! {
                                    <tr><td>{format!("#{}", k.id)}</td><td>{format!("#{}", k.id_user)}</td>
                                        <td><code>{k.roles}</code></td>
                                        <td>{k.date_created.date.chars().take(16).collect::<String>()}</td>
                                        <td>{k.date_expired.map(|d| d.date.chars().take(16).collect::<String>()).unwrap_or_else(|| "—".into())}</td></tr>
                                }).collect_view()}</tbody>
                            </table>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// Which answers the log shows.
fn status_matches(filter: &str, status: i64) -> bool {
    match filter {
        "ok" => (200..300).contains(&status),
        "client" => (400..500).contains(&status),
        "server" => status >= 500,
        _ => true,
    }
}

#[component]
pub fn CallsLog(id: Id, first: Vec<AppCall>) -> impl IntoView {
    let start = RwSignal::new(String::new());
    let end = RwSignal::new(String::new());
    let limit = RwSignal::new(20usize);
    let method = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let first = StoredValue::new(first);
    // The first page comes with the app; any filter asks the worker again.
    let calls = LocalResource::new(move || {
        let (s, e, l) = (start.get(), end.get(), limit.get());
        async move {
            if s.is_empty() && e.is_empty() && l == 20 {
                return Ok(first.get_value());
            }
            api::apps::calls_between(id, l, &s, &e).await
        }
    });
    let shown = move |all: Vec<AppCall>| {
        let (m, st) = (method.get(), status.get());
        all.into_iter().filter(|c| (m.is_empty() || c.method == m) && status_matches(&st, c.status)).collect::<Vec<_>>()
    };
    view! {
        <section class="panel" data-testid="calls-log" aria-labelledby="calls-title">
            <h2 id="calls-title">"Calls"</h2>
            <div class="toolbar">
                <label><span>"From"</span><input type="date" prop:value=move || start.get() on:change=move |ev| start.set(event_target_value(&ev)) /></label>
                <label><span>"To"</span><input type="date" prop:value=move || end.get() on:change=move |ev| end.set(event_target_value(&ev)) /></label>
                <label><span>"Method"</span>
                    <select on:change=move |ev| method.set(event_target_value(&ev)) data-testid="calls-method">
                        <option value="">"Any"</option>
                        {["GET", "POST", "DELETE"].into_iter().map(|m| view! { <option value=m>{m}</option> }).collect_view()}
                    </select></label>
                <label><span>"Answer"</span>
                    <select on:change=move |ev| status.set(event_target_value(&ev)) data-testid="calls-status">
                        <option value="">"Any"</option>
                        <option value="ok">"Success (2xx)"</option>
                        <option value="client">"Refused (4xx)"</option>
                        <option value="server">"Server error (5xx)"</option>
                    </select></label>
                <label><span>"Show"</span>
                    <select on:change=move |ev| limit.set(event_target_value(&ev).parse().unwrap_or(20))>
                        {[20usize, 50, 100, 500].into_iter().map(|n| view! { <option value=n.to_string()>{format!("{n} calls")}</option> }).collect_view()}
                    </select></label>
            </div>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match calls.await {
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok(all) => {
                            let rows = shown(all);
                            if rows.is_empty() {
                                return view! { <p class="muted" data-testid="no-calls">"No call matches."</p> }.into_any();
                            }
                            view! {
                                <table class="calls api-table" tabindex="0" data-testid="calls">
                                    <thead><tr><th scope="col">"When (UTC)"</th><th scope="col">"Method"</th><th scope="col">"Route"</th><th scope="col">"Status"</th></tr></thead>
                                    <tbody>{rows.into_iter().map(|c| view! {
                                        <tr><td>{c.date_created.date.chars().take(19).collect::<String>()}</td>
                                            <td>{c.method}</td><td><code>{c.route}</code></td><td>{c.status}</td></tr>
                                    }).collect_view()}</tbody>
                                </table>
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
pub fn DeleteApp(id: Id, name: String) -> impl IntoView {
    let remove = Action::new_local(move |_: &()| async move {
        api::apps::delete(id).await?;
        let _ = window().location().set_href("/console");
        Ok::<_, ApiError>(())
    });
    let ask = move |_| {
        let question = format!(
            "Delete {name}? Its users' tokens stop working at once, its sign-ins end, and its settings go. This cannot be undone."
        );
        if window().confirm_with_message(&question).unwrap_or(false) {
            remove.dispatch(());
        }
    };
    view! {
        <section class="panel panel--danger" data-testid="delete-app" aria-labelledby="delete-app-title">
            <h2 id="delete-app-title">"Delete the app"</h2>
            <p>"Every token users gave it is revoked and its calls log goes with it."</p>
            <button class="button button--danger" type="button" on:click=ask>"Delete this app"</button>
            {move || remove.value().get().and_then(Result::err).map(|error| view! { <ErrorView error /> })}
        </section>
    }
}
