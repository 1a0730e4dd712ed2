//! The phone page: what a tap opens. The worker answers `/p/…` and `/s/…` with
//! the play inline (one round trip); on client-side navigation it is fetched.

use leptos::prelude::*;
use leptos::task::spawn_local;
use senzu_core::api::contacts::ExchangeContact;
use senzu_core::api::plays::LostReport;
use senzu_core::contacts;
use senzu_core::play::{Color, Lost, Play, PlayPage, PlayPlugin};
use senzu_core::plugins::{encode, Action, Lang};
use senzu_core::{page::PLAY_ELEMENT_ID, ApiError, ErrorCode};

use crate::api;
use crate::i18n::{words, Words};
use crate::icons;

/// The inline play the worker put in the page, if any (consumed once).
fn read_inline() -> Option<PlayPage> {
    let element = document().get_element_by_id(PLAY_ELEMENT_ID)?;
    let text = element.text_content()?;
    element.remove();
    serde_json::from_str(&text).ok()
}

fn browser_lang() -> Lang {
    let language = window().navigator().language().unwrap_or_default();
    Lang::from_accept_language(&language)
}

/// `/p/{seg}` → `{seg}`, `/s/{key}` → `shared/{key}`: the API segment.
fn segment_from_path(path: &str) -> String {
    match path.split_once('/').map(|(_, rest)| rest).and_then(|rest| rest.split_once('/')) {
        Some(("s", key)) => format!("shared/{key}"),
        Some((_, seg)) => seg.to_string(),
        None => String::new(),
    }
}

#[component]
pub fn PlayRoute() -> impl IntoView {
    let page = RwSignal::new(read_inline());
    if page.get_untracked().is_none() {
        let segment = segment_from_path(&window().location().pathname().unwrap_or_default());
        spawn_local(async move {
            let lang = browser_lang();
            let loaded = match api::plays::play(&segment, None).await {
                Ok(play) => PlayPage { lang, segment, play: Some(play), error: None, lost: None, pair: None },
                Err((error, lost, pair)) => PlayPage { lang, segment, play: None, error: Some(error), lost, pair },
            };
            page.set(Some(loaded));
        });
    }
    move || match page.get() {
        None => view! { <main class="play play--loading" aria-busy="true"></main> }.into_any(),
        Some(PlayPage { play: Some(play), lang, segment, .. }) => view! { <PlayScreen play lang segment /> }.into_any(),
        Some(PlayPage { error, lost, lang, segment, pair, .. }) => {
            let error = error.unwrap_or_else(|| ApiError::new(ErrorCode::NotFound, "no play"));
            view! { <PlayError error lost lang segment page pair /> }.into_any()
        }
    }
}

fn color_name(color: Color) -> &'static str {
    match color {
        Color::Green => "green",
        Color::Blue => "blue",
        Color::Red => "red",
        Color::Purple => "purple",
        Color::Orange => "orange",
    }
}

/// What opens over the tiles.
#[derive(Clone)]
enum Panel {
    Text {
        title: String,
        text: String,
    },
    Wifi {
        title: String,
        ssid: String,
        password: Option<String>,
        security: String,
    },
    Download {
        title: String,
        filename: String,
        href: String,
    },
    Unlock {
        id: i64,
        title: String,
    },
    Card {
        title: String,
        image: Option<String>,
        text: Option<String>,
        price: Option<String>,
        button: Option<(String, String)>,
    },
    List {
        title: String,
        items: Vec<senzu_core::plugins::ListItem>,
    },
    Quote {
        id: i64,
        title: String,
    },
    Contact {
        id: i64,
        title: String,
        /// The owner's card on this play (file name, data URL), offered in the same step.
        card: Option<(String, String)>,
    },
}

fn vcard_href(vcard: &str) -> String {
    format!("data:text/vcard;charset=utf-8,{}", encode(vcard))
}

/// Counts a plugin open; the answer is not needed.
fn count_open(segment: &str, id: i64) {
    let segment = segment.to_string();
    spawn_local(async move {
        let _ = api::plays::open_plugin(&segment, id, None).await;
    });
}

#[component]
pub fn PlayScreen(play: Play, lang: Lang, segment: String) -> impl IntoView {
    let w = words(lang);
    let panel = RwSignal::new(None::<Panel>);
    let initial = play.title.chars().next().map(|c| c.to_uppercase().to_string()).unwrap_or_default();
    let header_image = match play.image.clone() {
        Some(src) => view! { <img class="play__image" src=src alt="" /> }.into_any(),
        None => view! { <div class="play__image play__image--initial" aria-hidden="true">{initial}</div> }.into_any(),
    };
    let card = play.plugins.iter().find_map(|p| match &p.action {
        Some(Action::Vcard { filename, vcard }) => Some((filename.clone(), vcard_href(vcard))),
        _ => None,
    });
    let tiles = play
        .plugins
        .into_iter()
        .map(|plugin| view! { <li><Tile plugin segment=segment.clone() panel card=card.clone() words=w /></li> })
        .collect_view();
    view! {
        <main class="play" class:play--dark=play.dark data-color=color_name(play.color) lang=lang.code()>
            <header class="play__header">
                {header_image}
                <h1 class="play__title">{play.title}</h1>
                {play.subtitle.map(|s| view! { <p class="play__subtitle">{s}</p> })}
            </header>
            <ul class="play__tiles" data-testid="tiles">{tiles}</ul>
            <footer class="play__footer">{w.powered_by}</footer>
            {move || panel.get().map(|p| view! { <PanelView panel=p close=panel segment=segment.clone() words=w /> })}
        </main>
    }
}

#[component]
fn Tile(
    plugin: PlayPlugin,
    segment: String,
    panel: RwSignal<Option<Panel>>,
    card: Option<(String, String)>,
    words: &'static Words,
) -> impl IntoView {
    let icon = plugin.icon_path();
    let id = plugin.id;
    let name = plugin.name.clone();
    let body = view! {
        <span class="tile__icon" aria-hidden="true">
            <svg viewBox="0 0 24 24" width="26" height="26"><path fill="currentColor" d=icon></path></svg>
        </span>
        <span class="tile__name">{plugin.name.clone()}</span>
    };
    if plugin.is_locked {
        let title = name.clone();
        return view! {
            <button class="tile tile--locked" type="button" data-kind=plugin.kind.id()
                on:click=move |_| panel.set(Some(Panel::Unlock { id, title: title.clone() }))>
                {body}
                <span class="tile__lock" title=words.locked_plugin>
                    <svg viewBox="0 0 24 24" width="14" height="14"><path fill="currentColor" d=icons::LOCK></path></svg>
                </span>
            </button>
        }
        .into_any();
    }
    match plugin.action {
        Some(Action::Link { href }) => {
            let external = href.starts_with("http");
            view! {
                <a class="tile" href=href data-kind=plugin.kind.id()
                    target=external.then_some("_blank") rel=external.then_some("noopener noreferrer")
                    on:click=move |_| count_open(&segment, id)>{body}</a>
            }
            .into_any()
        }
        Some(Action::Vcard { filename, vcard }) => view! {
            <a class="tile" href=vcard_href(&vcard) download=filename data-kind=plugin.kind.id()
                on:click=move |_| count_open(&segment, id)>{body}</a>
        }
        .into_any(),
        Some(Action::Unavailable { message }) => view! {
            <button class="tile tile--unavailable" type="button" data-kind=plugin.kind.id() title=message.clone()
                on:click=move |_| panel.set(Some(Panel::Text { title: name.clone(), text: message.clone() }))>{body}</button>
        }
        .into_any(),
        Some(Action::QuoteForm { title }) => view! {
            <button class="tile" type="button" data-kind=plugin.kind.id()
                on:click=move |_| {
                    count_open(&segment, id);
                    panel.set(Some(Panel::Quote { id, title: title.clone() }));
                }>{body}</button>
        }
        .into_any(),
        Some(Action::ContactForm { title }) => view! {
            <button class="tile" type="button" data-kind=plugin.kind.id()
                on:click=move |_| {
                    count_open(&segment, id);
                    panel.set(Some(Panel::Contact { id, title: title.clone(), card: card.clone() }));
                }>{body}</button>
        }
        .into_any(),
        Some(action @ (Action::Text { .. } | Action::Wifi { .. } | Action::Card { .. } | Action::List { .. })) => view! {
            <button class="tile" type="button" data-kind=plugin.kind.id()
                on:click=move |_| {
                    count_open(&segment, id);
                    panel.set(Some(panel_for(name.clone(), action.clone())));
                }>{body}</button>
        }
        .into_any(),
        None => view! { <div class="tile tile--unavailable" data-kind=plugin.kind.id()>{body}</div> }.into_any(),
    }
}

fn panel_for(title: String, action: Action) -> Panel {
    match action {
        Action::Text { text } => Panel::Text { title, text },
        Action::Wifi { ssid, password, security } => Panel::Wifi { title, ssid, password, security },
        Action::Vcard { filename, vcard } => Panel::Download { title, filename, href: vcard_href(&vcard) },
        Action::Link { href } => Panel::Download { title, filename: String::new(), href },
        Action::Card { title: card_title, image, text, price, button } => {
            Panel::Card { title: card_title, image, text, price, button }
        }
        Action::List { items } => Panel::List { title, items },
        Action::QuoteForm { title } => Panel::Quote { id: 0, title },
        Action::ContactForm { title } => Panel::Contact { id: 0, title, card: None },
        Action::Unavailable { message } => Panel::Text { title, text: message },
    }
}

#[component]
fn PanelView(panel: Panel, close: RwSignal<Option<Panel>>, segment: String, words: &'static Words) -> impl IntoView {
    let content = match panel {
        Panel::Text { title, text } => view! {
            <h2>{title}</h2>
            <p class="sheet__text" data-testid="sheet-text">{text}</p>
        }
        .into_any(),
        Panel::Wifi { title, ssid, password, security } => view! {
            <h2>{title}</h2>
            <dl class="sheet__details">
                <dt>{words.wifi_network}</dt><dd>{ssid}</dd>
                {password.map(|p| view! { <dt>{words.wifi_password}</dt><dd class="sheet__secret">{p}</dd> })}
                <dt>{words.wifi_security}</dt><dd>{security}</dd>
            </dl>
        }
        .into_any(),
        Panel::Download { title, filename, href } => view! {
            <h2>{title.clone()}</h2>
            <a class="button" href=href download=(!filename.is_empty()).then_some(filename)>{title}</a>
        }
        .into_any(),
        Panel::Unlock { id, title } => view! { <UnlockPlugin id title segment close words /> }.into_any(),
        Panel::Card { title, image, text, price, button } => view! {
            {image.map(|src| view! { <img class="sheet__image" src=src alt="" /> })}
            <h2>{title}</h2>
            {price.map(|p| view! { <p class="sheet__price">{p}</p> })}
            {text.map(|t| view! { <p class="sheet__text" data-testid="sheet-text">{t}</p> })}
            {button.map(|(label, href)| view! { <a class="button" href=href target="_blank" rel="noopener noreferrer">{label}</a> })}
        }
        .into_any(),
        Panel::List { title, items } => view! {
            <h2>{title}</h2>
            <ul class="sheet__list" data-testid="sheet-list">
                {items.into_iter().map(|(name, image, price, by)| view! {
                    <li>
                        {image.map(|src| view! { <img src=src alt="" width="48" height="48" /> })}
                        <span><strong>{name}</strong>{by.map(|b| view! { <br /><small>{b}</small> })}</span>
                        {price.map(|p| view! { <span class="sheet__price">{p}</span> })}
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any(),
        Panel::Quote { id, title } => view! { <QuoteForm id title segment words /> }.into_any(),
        Panel::Contact { id, title, card } => view! { <ContactForm id title card segment words /> }.into_any(),
    };
    view! {
        <div class="sheet-backdrop" on:click=move |_| close.set(None)></div>
        <section class="sheet" role="dialog" aria-modal="true">
            {content}
            <button class="sheet__close" type="button" on:click=move |_| close.set(None)>{words.close}</button>
        </section>
    }
}

/// A partner's request form (a charter quote): the fields core names, sent by the worker.
#[component]
fn QuoteForm(id: i64, title: String, segment: String, words: &'static Words) -> impl IntoView {
    let lang = words.lang;
    let values = RwSignal::new(std::collections::HashMap::<String, String>::new());
    let busy = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let segment = segment.clone();
        busy.set(true);
        spawn_local(async move {
            let v = values.get_untracked();
            let fields: Vec<(&str, &str)> = v.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let result = match api::plays::quote(&segment, id, &fields).await {
                Ok(answer) if answer.status == "sent" => Ok(words.quote_sent.to_string()),
                Ok(_) => Err(words.quote_failed.to_string()),
                Err(e) => Err(words.refusal(&e)),
            };
            outcome.set(Some(result));
            busy.set(false);
        });
    };
    view! {
        <h2>{title}</h2>
        {move || match outcome.get() {
            Some(Ok(message)) => view! { <p class="form-ok" role="status">{message}</p> }.into_any(),
            other => view! {
                <form class="password-form" on:submit=submit.clone() data-testid="quote-form">
                    {senzu_core::partners::sengerio::QUOTE_FIELDS.into_iter().map(|(name, en, fr, input, required)| {
                        let label = if lang == Lang::Fr { fr } else { en };
                        let on_input = move |ev: leptos::ev::Event| {
                            let v = event_target_value(&ev);
                            values.update(|m| { m.insert(name.to_string(), v); });
                        };
                        let field = if input == "textarea" {
                            view! { <textarea rows="3" required=required on:input=on_input></textarea> }.into_any()
                        } else {
                            view! { <input type=input required=required min=(input == "number").then_some("1") on:input=on_input /> }.into_any()
                        };
                        view! { <label><span>{label}</span>{field}</label> }
                    }).collect_view()}
                    {other.and_then(Result::err).map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
                    <button class="button" type="submit" disabled=move || busy.get()>{words.quote_send}</button>
                </form>
            }.into_any(),
        }}
    }
}

/// Contact exchange: the visitor leaves their details for the owner (and may
/// save the owner's card in the same step). `website` is the honeypot: off
/// screen, out of the tab order, never filled by a person.
#[component]
fn ContactForm(
    id: i64,
    title: String,
    card: Option<(String, String)>,
    segment: String,
    words: &'static Words,
) -> impl IntoView {
    let given = RwSignal::new(ExchangeContact::default());
    let save_card = RwSignal::new(card.is_some());
    let busy = RwSignal::new(false);
    let sent = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let card_link = NodeRef::<leptos::html::A>::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let segment = segment.clone();
        busy.set(true);
        spawn_local(async move {
            let result = api::plays::contact(&segment, id, &given.get_untracked()).await;
            busy.set(false);
            match result {
                Ok(_) => sent.set(true),
                Err(e) => error.set(Some(words.refusal(&e))),
            }
        });
    };
    // Once sent, the owner's card downloads if the visitor asked for it.
    Effect::new(move |_| {
        if let (true, true, Some(link)) = (sent.get(), save_card.get_untracked(), card_link.get()) {
            link.click();
        }
    });
    let input = move |label: &'static str,
                      kind: &'static str,
                      max: usize,
                      auto: &'static str,
                      set: fn(&mut ExchangeContact, String)| {
        view! {
            <label><span>{label}</span>
                <input type=kind maxlength=max.to_string() autocomplete=auto
                    on:input=move |ev| { let v = event_target_value(&ev); error.set(None); given.update(|g| set(g, v)); } />
            </label>
        }
    };
    let card_view = card.clone().map(|(filename, href)| view! {
        <a class="button" node_ref=card_link href=href download=filename data-testid="contact-card">{words.contact_card}</a>
    });
    let has_card = card.is_some();
    view! {
        <h2>{title}</h2>
        {move || if sent.get() {
            view! {
                <p class="form-ok" role="status" data-testid="contact-sent">{words.contact_sent}</p>
                {card_view.clone()}
            }.into_any()
        } else {
            view! {
                <form class="password-form" on:submit=submit.clone() data-testid="contact-form">
                    <p class="muted">{words.contact_hint}</p>
                    {input(words.contact_name, "text", contacts::NAME_MAX, "name", |g, v| g.name = Some(v))}
                    {input(words.contact_email, "email", contacts::EMAIL_MAX, "email", |g, v| g.email = Some(v))}
                    {input(words.contact_phone, "tel", contacts::PHONE_MAX, "tel", |g, v| g.phone = Some(v))}
                    {input(words.contact_company, "text", contacts::COMPANY_MAX, "organization", |g, v| g.company = Some(v))}
                    <label><span>{words.contact_note}</span>
                        <textarea rows="3" maxlength=contacts::NOTE_MAX.to_string()
                            on:input=move |ev| { let v = event_target_value(&ev); given.update(|g| g.note = Some(v)); }></textarea>
                    </label>
                    <div class="hp" aria-hidden="true">
                        <label>"Website"<input type="text" name="website" tabindex="-1" autocomplete="off"
                            on:input=move |ev| { let v = event_target_value(&ev); given.update(|g| g.website = Some(v)); } /></label>
                    </div>
                    <label class="check">
                        <input type="checkbox" required
                            on:change=move |ev| { let on = event_target_checked(&ev); given.update(|g| g.consent = Some(on)); } />
                        <span>{words.contact_consent}</span>
                    </label>
                    {has_card.then(|| view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=move || save_card.get()
                                on:change=move |ev| save_card.set(event_target_checked(&ev)) />
                            <span>{words.contact_save_card}</span>
                        </label>
                    })}
                    {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                    <button class="button" type="submit" disabled=move || busy.get()>{words.contact_send}</button>
                </form>
            }.into_any()
        }}
    }
}

#[component]
fn UnlockPlugin(
    id: i64,
    title: String,
    segment: String,
    close: RwSignal<Option<Panel>>,
    words: &'static Words,
) -> impl IntoView {
    let password = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let name = title.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let segment = segment.clone();
        let name = name.clone();
        busy.set(true);
        spawn_local(async move {
            let result = api::plays::open_plugin(&segment, id, Some(&password.get_untracked())).await;
            busy.set(false);
            match result {
                Ok(Some(Action::Link { href })) => {
                    let _ = window().location().set_href(&href);
                }
                Ok(Some(action)) => close.set(Some(panel_for(name, action))),
                Ok(None) => close.set(None),
                Err(_) => failed.set(true),
            }
        });
    };
    view! {
        <h2>{title}</h2>
        <PasswordForm words password busy failed on_submit=Callback::new(submit) />
    }
}

/// The password prompt shared by locked applications and locked plugins.
#[component]
fn PasswordForm(
    words: &'static Words,
    password: RwSignal<String>,
    busy: RwSignal<bool>,
    failed: RwSignal<bool>,
    on_submit: Callback<leptos::ev::SubmitEvent>,
) -> impl IntoView {
    view! {
        <form class="password-form" on:submit=move |ev| on_submit.run(ev)>
            <label>
                <span>{words.password_label}</span>
                <input type="password" autocomplete="off" required
                    prop:value=move || password.get()
                    on:input=move |ev| { failed.set(false); password.set(event_target_value(&ev)); } />
            </label>
            {move || failed.get().then(|| view! { <p class="form-error" role="alert">{words.wrong_password}</p> })}
            <button class="button" type="submit" disabled=move || busy.get()>
                {move || if busy.get() { words.unlocking } else { words.unlock }}
            </button>
        </form>
    }
}

#[component]
fn PlayError(
    error: ApiError,
    lost: Option<Lost>,
    lang: Lang,
    segment: String,
    page: RwSignal<Option<PlayPage>>,
    pair: Option<String>,
) -> impl IntoView {
    let w = words(lang);
    // An unpaired object offers its owner to pair it (sign-in on the next page).
    let pair_link = pair.filter(|_| error.kind() == Some(ErrorCode::NotActivated)).map(
        |p| view! { <a class="button" data-testid="pair" href=format!("/pair?path={}", encode(&p))>{w.pair_it}</a> },
    );
    let (title, text) = match error.kind() {
        Some(ErrorCode::WrongPassword) => {
            return view! { <UnlockApp lang segment page /> }.into_any();
        }
        Some(ErrorCode::ProductLost) => {
            return view! { <LostPage lost lang segment /> }.into_any();
        }
        Some(ErrorCode::NotActivated) => (w.not_activated_title, w.not_activated_text),
        Some(ErrorCode::RecordDisabled) => (w.disabled_title, w.disabled_text),
        Some(ErrorCode::DelayExpired) => (w.expired_title, w.expired_text),
        Some(ErrorCode::MissingApplication) => (w.no_app_title, w.no_app_text),
        Some(ErrorCode::Forbidden) => (w.forged_title, w.forged_text),
        _ => (w.missing_title, w.missing_text),
    };
    view! {
        <main class="play play--state" data-code=error.code lang=lang.code()>
            <div class="state">
                <h1>{title}</h1>
                <p>{text}</p>
                {pair_link}
            </div>
            <footer class="play__footer">{w.powered_by}</footer>
        </main>
    }
    .into_any()
}

#[component]
fn UnlockApp(lang: Lang, segment: String, page: RwSignal<Option<PlayPage>>) -> impl IntoView {
    let w = words(lang);
    let password = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let segment = segment.clone();
        busy.set(true);
        spawn_local(async move {
            let result = api::plays::play(&segment, Some(&password.get_untracked())).await;
            busy.set(false);
            match result {
                Ok(play) => {
                    page.set(Some(PlayPage { lang, segment, play: Some(play), error: None, lost: None, pair: None }))
                }
                Err((e, _, _)) if e.kind() == Some(ErrorCode::WrongPassword) => failed.set(true),
                Err((error, lost, pair)) => {
                    page.set(Some(PlayPage { lang, segment, play: None, error: Some(error), lost, pair }))
                }
            }
        });
    };
    view! {
        <main class="play play--state" data-code="460" lang=lang.code()>
            <div class="state">
                <span class="state__icon" aria-hidden="true">
                    <svg viewBox="0 0 24 24" width="32" height="32"><path fill="currentColor" d=icons::LOCK></path></svg>
                </span>
                <h1>{w.password_title}</h1>
                <p>{w.password_hint}</p>
                <PasswordForm words=w password busy failed on_submit=Callback::new(submit) />
            </div>
        </main>
    }
}

#[component]
fn LostPage(lost: Option<Lost>, lang: Lang, segment: String) -> impl IntoView {
    let w = words(lang);
    let message = RwSignal::new(String::new());
    let contact = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let sent = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let segment = segment.clone();
        busy.set(true);
        spawn_local(async move {
            let report = LostReport { message: Some(message.get_untracked()), contact: Some(contact.get_untracked()) };
            let result = api::plays::lost_report(&segment, &report).await;
            busy.set(false);
            match result {
                Ok(_) => sent.set(true),
                Err(e) => error.set(Some(w.refusal(&e))),
            }
        });
    };
    let owner_message = lost.and_then(|l| l.message);
    view! {
        <main class="play play--state play--lost" data-code="465" lang=lang.code()>
            <div class="state">
                <h1>{w.lost_title}</h1>
                {owner_message.map(|m| view! { <blockquote class="state__quote" data-testid="lost-message">{m}</blockquote> })}
                <p>{w.lost_text}</p>
                {move || if sent.get() {
                    view! { <p class="form-ok" role="status">{w.lost_sent}</p> }.into_any()
                } else {
                    view! {
                        <form class="password-form" on:submit=submit.clone()>
                            <label>
                                <span>{w.lost_message_label}</span>
                                <textarea required maxlength="2000" rows="4"
                                    prop:value=move || message.get()
                                    on:input=move |ev| message.set(event_target_value(&ev))></textarea>
                            </label>
                            <label>
                                <span>{w.lost_contact_label}</span>
                                <input type="text" maxlength="200"
                                    prop:value=move || contact.get()
                                    on:input=move |ev| contact.set(event_target_value(&ev)) />
                            </label>
                            {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                            <button class="button" type="submit" disabled=move || busy.get()>{w.lost_send}</button>
                        </form>
                    }.into_any()
                }}
            </div>
        </main>
    }
}
