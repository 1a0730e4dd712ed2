//! The console's panels of one app beyond its URLs and roles: its documented
//! details (name, image, contact, policy URLs, category, GDPR controller),
//! the tokens users gave it, its calls log with filters, and its deletion.

use leptos::prelude::*;
use senzu_core::api::apps::{App, AppCall, Category, SaveApp};
use senzu_core::api::{Id, Name};
use senzu_core::i18n::console::ConsoleWords;
use senzu_core::i18n::fill;
use senzu_core::plugins::Lang;
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

/// The contact fields: name, label, input type.
fn contact(w: &'static ConsoleWords) -> [(&'static str, &'static str, &'static str); 5] {
    [
        ("display_name", w.details_display_name, "text"),
        ("url_image", w.details_logo, "url"),
        ("contact_email", w.details_contact_email, "email"),
        ("privacy_url", w.details_privacy_url, "url"),
        ("tos_url", w.details_tos_url, "url"),
    ]
}

/// The data controller's fields: name, label, input type.
fn gdpr(w: &'static ConsoleWords) -> [(&'static str, &'static str, &'static str); 8] {
    [
        ("gdpr_name", w.gdpr_name, "text"),
        ("gdpr_email", w.gdpr_email, "email"),
        ("gdpr_address_street", w.gdpr_street, "text"),
        ("gdpr_address_other", w.gdpr_other, "text"),
        ("gdpr_address_zipcode", w.gdpr_zipcode, "text"),
        ("gdpr_address_city", w.gdpr_city, "text"),
        ("gdpr_address_state", w.gdpr_state, "text"),
        ("gdpr_address_country", w.gdpr_country, "text"),
    ]
}

/// An API date and time (`YYYY-MM-DD HH:MM:SS…`): the date as the language
/// writes it, then the time to `time_len` characters (5: HH:MM, 8: HH:MM:SS).
fn when(api_date: &str, lang: Lang, time_len: usize) -> String {
    let time = api_date.get(11..11 + time_len).unwrap_or("");
    format!("{} {time}", senzu_core::i18n::date(api_date, lang)).trim_end().to_string()
}

#[component]
pub fn AppSettings(app: App) -> impl IntoView {
    let w = crate::i18n::tr::<ConsoleWords>();
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
            <h2 id="app-settings-title">{w.details_title}</h2>
            <p class="muted">{w.details_intro}</p>
            <form class="form" on:submit=submit>
                <div class="form__grid">{contact(w).into_iter().map(field).collect_view()}
                    <label class="field"><span>{w.details_category}</span>
                        <select prop:value=move || draft.with(|d| d.category.clone())
                            on:change=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.category = v) }>
                            <option value="">{w.details_no_category}</option>
                            {move || categories.get().and_then(Result::ok).unwrap_or_default().into_iter()
                                .map(|c: Category| view! { <option value=c.id.to_string()>{c.name}</option> }).collect_view()}
                        </select></label>
                </div>
                <h3>{w.gdpr_title}</h3>
                <div class="form__grid">{gdpr(w).into_iter().map(field).collect_view()}</div>
                <div class="form__actions"><button class="button" type="submit">{w.details_save}</button></div>
                {move || save.value().get().map(|r| match r {
                    Ok(_) => view! { <p class="form-ok" role="status" data-testid="details-saved">{w.saved}</p> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                })}
            </form>
        </section>
    }
}

#[component]
pub fn AppTokensPanel(id: Id) -> impl IntoView {
    let w = crate::i18n::tr::<ConsoleWords>();
    let tokens = LocalResource::new(move || api::apps::tokens(id));
    view! {
        <section class="panel" data-testid="app-tokens" aria-labelledby="app-tokens-title">
            <h2 id="app-tokens-title">{w.tokens_title}</h2>
            <p class="muted">{w.tokens_intro}</p>
            <Suspense fallback=move || view! { <p class="muted">{w.loading}</p> }>
                {move || Suspend::new(async move {
                    match tokens.await {
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok(t) if t.token.is_empty() => view! { <p class="muted">{w.tokens_none}</p> }.into_any(),
                        Ok(t) => view! {
                            <table class="api-table" tabindex="0">
                                <thead><tr><th scope="col">{w.tokens_token}</th><th scope="col">{w.tokens_user}</th><th scope="col">{w.tokens_roles}</th>
                                    <th scope="col">{w.tokens_since}</th><th scope="col">{w.tokens_until}</th></tr></thead>
                                <tbody>{t.token.into_iter().map(|k| view! {
                                    <tr><td>{format!("#{}", k.id)}</td><td>{format!("#{}", k.id_user)}</td>
                                        <td><code>{k.roles}</code></td>
                                        <td>{when(&k.date_created.date, w.lang, 5)}</td>
                                        <td>{k.date_expired.map(|d| when(&d.date, w.lang, 5)).unwrap_or_else(|| "—".into())}</td></tr>
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
    let w = crate::i18n::tr::<ConsoleWords>();
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
            <h2 id="calls-title">{w.calls_title}</h2>
            <div class="toolbar">
                <label><span>{w.calls_from}</span><input type="date" prop:value=move || start.get() on:change=move |ev| start.set(event_target_value(&ev)) /></label>
                <label><span>{w.calls_to}</span><input type="date" prop:value=move || end.get() on:change=move |ev| end.set(event_target_value(&ev)) /></label>
                <label><span>{w.calls_method}</span>
                    <select on:change=move |ev| method.set(event_target_value(&ev)) data-testid="calls-method">
                        <option value="">{w.calls_any}</option>
                        {["GET", "POST", "DELETE"].into_iter().map(|m| view! { <option value=m>{m}</option> }).collect_view()}
                    </select></label>
                <label><span>{w.calls_answer}</span>
                    <select on:change=move |ev| status.set(event_target_value(&ev)) data-testid="calls-status">
                        <option value="">{w.calls_any}</option>
                        <option value="ok">{w.calls_success}</option>
                        <option value="client">{w.calls_refused}</option>
                        <option value="server">{w.calls_server_error}</option>
                    </select></label>
                <label><span>{w.calls_show}</span>
                    <select on:change=move |ev| limit.set(event_target_value(&ev).parse().unwrap_or(20))>
                        {[20usize, 50, 100, 500].into_iter().map(|n| view! { <option value=n.to_string()>{fill(w.calls_count, &[("n", &n.to_string())])}</option> }).collect_view()}
                    </select></label>
            </div>
            <Transition fallback=move || view! { <p class="muted">{w.loading}</p> }>
                {move || Suspend::new(async move {
                    match calls.await {
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok(all) => {
                            let rows = shown(all);
                            if rows.is_empty() {
                                return view! { <p class="muted" data-testid="no-calls">{w.calls_none}</p> }.into_any();
                            }
                            view! {
                                <table class="calls api-table" tabindex="0" data-testid="calls">
                                    <thead><tr><th scope="col">{w.calls_when}</th><th scope="col">{w.calls_method}</th><th scope="col">{w.calls_route}</th><th scope="col">{w.calls_status}</th></tr></thead>
                                    <tbody>{rows.into_iter().map(|c| view! {
                                        <tr><td>{when(&c.date_created.date, w.lang, 8)}</td>
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
    let w = crate::i18n::tr::<ConsoleWords>();
    let remove = Action::new_local(move |_: &()| async move {
        api::apps::delete(id).await?;
        let _ = window().location().set_href("/console");
        Ok::<_, ApiError>(())
    });
    let ask = move |_| {
        let question = fill(w.delete_confirm, &[("name", &name)]);
        if window().confirm_with_message(&question).unwrap_or(false) {
            remove.dispatch(());
        }
    };
    view! {
        <section class="panel panel--danger" data-testid="delete-app" aria-labelledby="delete-app-title">
            <h2 id="delete-app-title">{w.delete_title}</h2>
            <p>{w.delete_intro}</p>
            <button class="button button--danger" type="button" on:click=ask>{w.delete_button}</button>
            {move || remove.value().get().and_then(Result::err).map(|error| view! { <ErrorView error /> })}
        </section>
    }
}
