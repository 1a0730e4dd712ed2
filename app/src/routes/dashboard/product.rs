//! `/dashboard/products/{id}`: one object — its name, lost state and message,
//! its records (each with the application it opens and, for printed codes
//! and static chips, a QR code to download as SVG or PNG), sharing, share
//! links and insights; leaving, resetting and erasing it.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use senzu_core::api::products::{Product, Record, Technology, TokenEncryption, UpdateProduct, UpdateRecord};
use senzu_core::api::{Id, Name, Patch};
use senzu_core::chmod::{Action as Can, Level};
use senzu_core::{qr, ApiError, ErrorCode};

use super::charts::InsightsPanel;
use super::sharing::SharingPanel;
use super::{action_status, errors_view, managed_applications, product_name, AppChoice, Shell};
use crate::api::products;

/// Everything the page shows, loaded together.
type Loaded = (Product, Vec<Record>, Vec<AppChoice>);

/// A name a person typed, or the error the API would give for it.
fn typed_name<const MAX: usize>(field: &str, text: &str) -> Result<Name<MAX>, ApiError> {
    Name::new(text).map_err(|why| ApiError::new(ErrorCode::BadArgument, format!("bad argument: {field}: {why}")))
}

#[component]
pub fn ProductPage() -> impl IntoView {
    crate::components::page_title(Some(crate::i18n::product().title));
    let params = use_params_map();
    // Read inside the resource: going from one object to another reloads the page's data.
    let id = move || params.with(|p| p.get("id").and_then(|i| i.parse::<Id>().ok()).unwrap_or_default());
    let just_paired = use_query_map().get_untracked().get("paired").is_some();
    let data: LocalResource<Result<Loaded, ApiError>> = LocalResource::new(move || {
        let id = id();
        async move {
            let product = products::get(id).await?;
            let records = products::records(id).await?;
            let apps = managed_applications().await?;
            Ok((product, records, apps))
        }
    });
    view! {
        <Shell>
            <Suspense fallback=|| view! { <p class="muted">{crate::i18n::dash().loading}</p> }>
                <ErrorBoundary fallback=errors_view>
                    {move || Suspend::new(async move {
                        data.await.map(|(product, records, apps)| view! {
                            {just_paired.then(|| view! { <p class="notice" role="status">{crate::i18n::product().paired}</p> })}
                            <ProductView product records apps data />
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
        </Shell>
    }
}

#[component]
fn ProductView(
    product: Product,
    records: Vec<Record>,
    apps: Vec<AppChoice>,
    data: LocalResource<Result<Loaded, ApiError>>,
) -> impl IntoView {
    let id = product.id;
    let mine = product.chmod;
    let can_edit = Can::EditBasics.allowed(mine);
    let name = product_name(&product);
    let lost = product.lost;
    let w = crate::i18n::product();
    view! {
        <div class="dash-head">
            <div>
                <h1 data-testid="product-name">{name.clone()}</h1>
                <p class="muted">{product.item.reference.clone()} " · " {product.maker.reference.clone()}
                    " · " {w.your_rights} " " <strong data-testid="my-chmod">{crate::i18n::level_name(mine)}</strong></p>
            </div>
            {lost.then(|| view! { <span class="badge badge--danger badge--big">{w.lost}</span> })}
        </div>
        <div class="dash-grid">
            <div class="dash-col">
                {can_edit.then(|| view! { <NameForm id name=name.clone() data /> })}
                {Can::Administer.allowed(mine).then(|| view! { <GroupPicker id current=product.id_group /> })}
                <LostPanel id lost message=product.lost_message.clone().unwrap_or_default() can_edit data />
                <section class="panel">
                    <h2>{w.records}</h2>
                    <div class="records">
                        {records.into_iter().map(|r| view! { <RecordCard id r apps=apps.clone() can_edit /> }).collect_view()}
                    </div>
                </section>
                <InsightsPanel kind="products" id />
            </div>
            <div class="dash-col">
                <SharingPanel kind="products" id mine />
                <DangerZone id mine />
            </div>
        </div>
    }
}

#[component]
fn NameForm(id: Id, name: String, data: LocalResource<Result<Loaded, ApiError>>) -> impl IntoView {
    let value = RwSignal::new(name);
    let rename = Action::new_local(move |name: &String| {
        let name = name.clone();
        async move {
            let changes = UpdateProduct { alias_name: Some(typed_name("alias_name", &name)?), ..Default::default() };
            let saved = products::update(id, &changes).await?;
            data.refetch();
            Ok::<_, ApiError>(saved)
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        rename.dispatch(value.get_untracked());
    };
    view! {
        <section class="panel">
            <form class="form form--inline" on:submit=submit>
                <label class="field"><span>{crate::i18n::product().name}</span>
                    <input required maxlength="100" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) /></label>
                <button class="button" type="submit" disabled=move || rename.pending().get()>
                    {move || if rename.pending().get() { crate::i18n::product().saving } else { crate::i18n::product().rename }}</button>
            </form>
            {action_status(rename)}
        </section>
    }
}

/// Which products group it is in (sharing it with the group's members): admins choose.
#[component]
fn GroupPicker(id: Id, current: Option<Id>) -> impl IntoView {
    let groups = LocalResource::new(crate::api::groups::list);
    let chosen = RwSignal::new(current.map(|g| g.to_string()).unwrap_or_default());
    let move_to = Action::new_local(move |group: &Option<Id>| {
        let changes = UpdateProduct { id_group: Patch::from(*group), ..Default::default() };
        async move { products::update(id, &changes).await }
    });
    let change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        move_to.dispatch(value.parse::<Id>().ok());
        chosen.set(value);
    };
    view! {
        <section class="panel">
            <label class="field"><span>{crate::i18n::product().group}</span>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let list = groups.await.unwrap_or_default();
                        view! {
                            <select on:change=change prop:value=move || chosen.get() data-testid="product-group">
                                <option value="">{crate::i18n::product().no_group}</option>
                                {list.into_iter().filter(|g| Can::EditBasics.allowed(g.chmod)).map(|g| view! {
                                    <option value=g.id.to_string()>{g.alias_name}</option>
                                }).collect_view()}
                            </select>
                        }
                    })}
                </Suspense></label>
            <p class="muted small">{crate::i18n::product().group_hint}</p>
            {action_status(move_to)}
        </section>
    }
}

#[component]
fn LostPanel(
    id: Id,
    lost: bool,
    message: String,
    can_edit: bool,
    data: LocalResource<Result<Loaded, ApiError>>,
) -> impl IntoView {
    let is_lost = RwSignal::new(lost);
    let text_value = RwSignal::new(message);
    let save = Action::new_local(move |(lost, message): &(bool, String)| {
        let lost = *lost;
        let message = message.clone();
        async move {
            let lost_message =
                if lost && !message.trim().is_empty() { Some(typed_name("lost_message", &message)?) } else { None };
            let changes = UpdateProduct { lost: Some(lost), lost_message, ..Default::default() };
            let saved = products::update(id, &changes).await?;
            data.refetch();
            Ok::<_, ApiError>(saved)
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch((is_lost.get_untracked(), text_value.get_untracked()));
    };
    view! {
        <section class="panel" class:panel--alert=move || is_lost.get() data-testid="lost-panel">
            <h2>{crate::i18n::product().lost_mode}</h2>
            <p class="muted">{crate::i18n::product().lost_hint}</p>
            <form class="form" on:submit=submit>
                <label class="switch"><input type="checkbox" disabled=!can_edit prop:checked=move || is_lost.get()
                    on:change=move |ev| is_lost.set(event_target_checked(&ev)) /> <span>{crate::i18n::product().is_lost}</span></label>
                <label class="field" class:hidden=move || !is_lost.get()><span>{crate::i18n::product().finder_message}</span>
                    <textarea maxlength="500" rows="3" disabled=!can_edit prop:value=move || text_value.get()
                        on:input=move |ev| text_value.set(event_target_value(&ev))></textarea></label>
                {can_edit.then(|| view! {
                    <button class="button" type="submit" disabled=move || save.pending().get()>
                        {move || if save.pending().get() { crate::i18n::product().saving } else { crate::i18n::product().save }}</button>
                })}
                {action_status(save)}
            </form>
            {can_edit.then(|| view! { <FinderMessages id /> })}
        </section>
    }
}

/// What finders wrote (they were mailed to the owner too). A reply is the
/// owner's own: to the contact the finder left, if any.
#[component]
fn FinderMessages(id: Id) -> impl IntoView {
    let messages = LocalResource::new(move || products::finder_messages(id));
    let mark = Action::new_local(move |(id_message, is_read): &(Id, bool)| {
        let (id_message, is_read) = (*id_message, *is_read);
        async move {
            let marked = products::mark_finder_message(id, id_message, is_read).await;
            messages.refetch();
            marked.map(|_| ())
        }
    });
    view! {
        <Transition fallback=|| ()>
            <ErrorBoundary fallback=errors_view>
                {move || Suspend::new(async move {
                    let list = messages.await?;
                    if list.is_empty() {
                        return Ok::<_, ApiError>(().into_any());
                    }
                    let unread = list.iter().filter(|m| !m.is_read).count();
                    Ok(view! {
                        <h3 data-testid="finder-messages-title">{senzu_core::i18n::fill(crate::i18n::product().finder_messages, &[("n", &unread.to_string())])}</h3>
                        <ul class="finder-messages" data-testid="finder-messages">
                            {list.into_iter().map(|m| {
                                let (mid, read) = (m.id, m.is_read);
                                let reply = m.contact.clone().filter(|c| c.contains('@') && !c.contains(' '))
                                    .map(|c| format!("mailto:{c}"));
                                view! {
                                    <li class="finder-message" class:finder-message--unread=!read data-testid="finder-message">
                                        <p class="finder-message__text">{m.message}</p>
                                        <p class="muted">{m.date_created.date.chars().take(16).collect::<String>()} " · "
                                            {match m.contact { Some(c) => senzu_core::i18n::fill(crate::i18n::product().contact, &[("contact", &c)]), None => crate::i18n::product().no_contact.into() }}
                                            {(!read).then(|| view! { " " <span class="badge">{crate::i18n::product().unread}</span> })}</p>
                                        <p class="finder-message__actions">
                                            {reply.map(|href| view! { <a class="link-button" href=href>{crate::i18n::product().reply}</a> })}
                                            <button class="link-button" type="button" on:click=move |_| { mark.dispatch((mid, !read)); }>
                                                {if read { crate::i18n::product().mark_unread } else { crate::i18n::product().mark_read }}</button>
                                        </p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any())
                })}
            </ErrorBoundary>
        </Transition>
        {action_status(mark)}
    }
}

/// A file download link for generated content.
fn data_url(mime: &str, bytes: &[u8]) -> String {
    format!("data:{mime};base64,{}", senzu_core::page::base64(bytes))
}

#[component]
fn RecordCard(id: Id, r: Record, apps: Vec<AppChoice>, can_edit: bool) -> impl IntoView {
    let id_record = r.id;
    let chosen = RwSignal::new(r.id_application.map(|a| a.to_string()).unwrap_or_default());
    // Nothing else on the page depends on it: keep the card (and its "Saved").
    let save = Action::new_local(move |application: &Option<Id>| {
        let changes = UpdateRecord { id_application: Patch::from(*application), ..Default::default() };
        async move { products::update_record(id, id_record, &changes).await }
    });
    let change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        save.dispatch(value.parse::<Id>().ok());
        chosen.set(value);
    };
    let dynamic = r.token_encryption != TokenEncryption::Static;
    let qr_view = r.play_url.clone().map(|url| {
        let svg = qr::svg(&url).unwrap_or_default();
        let png = qr::png(&url, 8).unwrap_or_default();
        view! {
            <div class="qr">
                <div class="qr__image" inner_html=svg.clone() data-testid="qr"></div>
                <div class="qr__links">
                    <a href=data_url("image/svg+xml", svg.as_bytes()) download=format!("senzu-{id_record}.svg")>"SVG"</a>
                    <a href=data_url("image/png", &png) download=format!("senzu-{id_record}.png")>"PNG"</a>
                    <a href=url.clone() target="_blank" rel="noopener">{crate::i18n::product().open}</a>
                </div>
            </div>
        }
    });
    let technology = match r.technology {
        Technology::Nfc => crate::i18n::product().nfc,
        Technology::Qrcode => crate::i18n::product().qrcode,
        other => other.as_str(),
    };
    // What tells two records of one object apart: their number, and the key's short form.
    let key = r.record_key.as_deref().filter(|k| k.len() > 10).map(|k| format!("{}…{}", &k[..4], &k[k.len() - 4..]));
    let since = r.date_created.date.get(..10).unwrap_or(&r.date_created.date).to_string();
    let more = RwSignal::new(false);
    let w = crate::i18n::product();
    view! {
        <article class="record" data-testid="record" data-record=id_record>
            <header class="record__head">
                <strong>{format!("{technology} #{id_record}")}</strong>
                <span class="badge">{if dynamic { w.signed } else { w.static_record }}</span>
                {(!r.is_enabled).then(|| view! { <span class="badge badge--danger">{w.disabled}</span> })}
            </header>
            <p class="muted record__meta" data-testid="record-meta">
                {key.map(|k| view! { {w.key} " " <code>{k}</code> " · " })}
                {senzu_core::i18n::fill(w.since, &[("date", &senzu_core::i18n::date(&since, w.lang))])}
            </p>
            <label class="field"><span>{w.opens_app}</span>
                <select disabled=!can_edit on:change=change prop:value=move || chosen.get() data-testid="record-app">
                    <option value="">{w.none}</option>
                    {apps.into_iter().map(|a| view! { <option value=a.id.to_string()>{a.name}</option> }).collect_view()}
                </select></label>
            {action_status(save)}
            {qr_view}
            <details class="record__more" on:toggle=move |ev| {
                use leptos::wasm_bindgen::JsCast;
                let open = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()).is_some_and(|d| d.open());
                more.set(open);
            }>
                <summary data-testid="record-more">{w.more}</summary>
                <Show when=move || more.get()>
                    <InsightsPanel kind="records" id=id_record />
                    <RecordShares id_record />
                </Show>
            </details>
        </article>
    }
}

/// The share links made through one record (by whoever holds its printed key).
#[component]
fn RecordShares(id_record: Id) -> impl IntoView {
    let links = LocalResource::new(move || crate::api::shares::of_record(id_record));
    view! {
        <section class="record-shares" aria-label=crate::i18n::product().share_links_of>
            <h3>{crate::i18n::product().share_links}</h3>
            <Suspense fallback=|| view! { <p class="muted">{crate::i18n::dash().loading}</p> }>
                {move || Suspend::new(async move {
                    match links.await {
                        Err(error) => view! { <crate::components::ErrorView error /> }.into_any(),
                        Ok(all) if all.is_empty() => view! {
                            <p class="muted" data-testid="no-record-shares">{crate::i18n::product().no_share_link}</p>
                        }.into_any(),
                        Ok(all) => view! {
                            <ul class="rows" data-testid="record-shares">
                                {all.into_iter().map(|s| {
                                    let w = crate::i18n::product();
                                    let state = if !s.is_enabled { w.link_off } else if s.is_expired { w.link_expired } else { w.link_live };
                                    let until = s.date_expired.map(|d| senzu_core::i18n::fill(w.link_until, &[("date", &senzu_core::i18n::date(&d.date, w.lang))])).unwrap_or_default();
                                    view! { <li><a href=s.url.clone() rel="noopener" target="_blank"><code>{s.public_key.clone()}</code></a>
                                        <span class="muted">{format!("{state}{until}")}</span></li> }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// What the danger zone does.
#[derive(Clone, Copy)]
enum Step {
    Leave,
    Reset,
    Erase,
}

#[component]
fn DangerZone(id: Id, mine: Level) -> impl IntoView {
    let act = Action::new_local(move |step: &Step| {
        let step = *step;
        async move {
            match step {
                Step::Leave => products::leave(id).await.map(|_| ()),
                Step::Reset => products::reset(id).await.map(|_| ()),
                Step::Erase => products::erase(id).await.map(|_| ()),
            }?;
            let _ = window().location().set_href("/dashboard");
            Ok::<_, ApiError>(())
        }
    });
    let ask = move |step: Step, confirm: &'static str| {
        if window().confirm_with_message(confirm).unwrap_or(false) {
            act.dispatch(step);
        }
    };
    let w = crate::i18n::product();
    let leave = move |_| ask(Step::Leave, w.confirm_leave);
    let reset = move |_| ask(Step::Reset, w.confirm_reset);
    let erase = move |_| ask(Step::Erase, w.confirm_erase);
    view! {
        <section class="panel panel--danger">
            <h2>{w.give_away}</h2>
            <div class="danger-actions">
                <button class="button button--ghost" type="button" on:click=leave>{w.leave}</button>
                {Can::Own.allowed(mine).then(|| view! {
                    <button class="button button--ghost" type="button" on:click=reset>{w.reset}</button>
                    <button class="button button--danger" type="button" on:click=erase>{w.erase}</button>
                })}
            </div>
            {action_status(act)}
        </section>
    }
}
