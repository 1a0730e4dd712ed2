//! The maker's workspace (`/maker`): the account's makers, their items, and
//! batches of products made of an item — with their progress while they are
//! made — and a batch's page (`/maker/{id}/batches/{id_batch}`): its products,
//! each record's encoding status, key rotation, a printable sheet of its QR
//! codes and, where the browser has Web NFC, static records written onto tags.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use senzu_core::api::attached_groups::CreateAttachedGroup;
use senzu_core::api::batches::{Batch, CreateBatch, Quantity, RecordsTemplate};
use senzu_core::api::makers::{ContactEmail, CreateItem, CreateMaker, EncodedProduct};
use senzu_core::api::products::{Technology, TokenEncryption};
use senzu_core::api::{Id, Name};
use senzu_core::i18n::maker::MakerWords;
use senzu_core::i18n::{fill, number, Lang};
use senzu_core::money::Amount;
use senzu_core::{ApiError, ErrorCode};

use super::{action_status, errors_view, Shell};
use crate::api::makers;

fn bad(field: &str, why: impl std::fmt::Display) -> ApiError {
    ApiError::new(ErrorCode::BadArgument, format!("bad argument: {field}: {why}"))
}

/// The record templates a maker picks from (any other can be sent through the API).
fn templates(w: &'static MakerWords) -> [(&'static str, &'static str); 5] {
    [
        ("nfc:aes-128,qrcode:static", w.template_aes_qr),
        ("nfc:lrp-128,qrcode:static", w.template_lrp_qr),
        ("nfc:aes-128", w.template_aes),
        ("nfc:static,qrcode:static", w.template_plain_qr),
        ("qrcode:static", w.template_qr),
    ]
}

/// A number as the language writes it.
fn written(n: impl TryInto<i64>, lang: Lang) -> String {
    number(n.try_into().unwrap_or(i64::MAX), lang)
}

/// A count as the language writes it, in its `_one` or `_many` word (`{n}`).
fn count(n: impl TryInto<i64>, one: &str, many: &str, lang: Lang) -> String {
    let n = n.try_into().unwrap_or(i64::MAX);
    fill(if n == 1 { one } else { many }, &[("n", &number(n, lang))])
}

/// "{made} of {total} made", the numbers written for the language.
fn made_of(w: &MakerWords, made: u32, total: u32) -> String {
    fill(w.made_of, &[("made", &written(made, w.lang)), ("total", &written(total, w.lang))])
}

/// A sentence whose `{placeholder}` is a command or a format, shown as code.
fn with_code(text: &'static str, placeholder: &str, code: &'static str) -> impl IntoView {
    let (before, after) = text.split_once(placeholder).unwrap_or((text, ""));
    view! { {before} <code>{code}</code> {after} }
}

#[component]
pub fn MakerWorkspace() -> impl IntoView {
    let w = crate::i18n::tr::<MakerWords>();
    crate::components::page_title(Some(w.title));
    let list = LocalResource::new(makers::list);
    let (name, email) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let create = Action::new_local(move |(n, e): &(String, String)| {
        let (n, e) = (n.clone(), e.clone());
        async move {
            let new = CreateMaker {
                display_name: Name::new(&n).map_err(|w| bad("display_name", w))?,
                contact_email: ContactEmail::new(&e).map_err(|w| bad("contact_email", w))?,
                reference: None,
                url: None,
                id_image: None,
                id_company: None,
            };
            let made = makers::create(&new).await?;
            name.set(String::new());
            list.refetch();
            Ok::<_, ApiError>(made)
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        create.dispatch((name.get_untracked(), email.get_untracked()));
    };
    view! {
        <Shell>
            <div class="dash-head"><h1>{w.heading}</h1></div>
            <Suspense fallback=move || view! { <p class="muted">{w.loading}</p> }>
                <ErrorBoundary fallback=errors_view>
                    {move || Suspend::new(async move {
                        list.await.map(|makers| {
                            if makers.is_empty() {
                                view! { <p class="empty" data-testid="no-maker">{w.no_maker}</p> }.into_any()
                            } else {
                                makers.into_iter().map(|m| view! { <MakerPanel id=m.id name=m.reference /> }).collect_view().into_any()
                            }
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
            <section class="panel">
                <h2>{w.new_maker}</h2>
                <form class="form" on:submit=submit data-testid="new-maker">
                    <label class="field"><span>{w.name_shown}</span>
                        <input required maxlength="100" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) /></label>
                    <label class="field"><span>{w.contact_email}</span>
                        <input required type="email" prop:value=move || email.get() on:input=move |ev| email.set(event_target_value(&ev)) /></label>
                    <button class="button" type="submit" disabled=move || create.pending().get()>{w.create_maker}</button>
                </form>
                {action_status(create)}
            </section>
        </Shell>
    }
}

/// One maker: its items (and a new one), its batches (and a new one, with its progress).
#[component]
fn MakerPanel(id: Id, name: String) -> impl IntoView {
    let w = crate::i18n::tr::<MakerWords>();
    let templates = templates(w);
    let items = LocalResource::new(move || makers::items(id));
    let batches = LocalResource::new(move || makers::batches(id));
    let (reference, display, price) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let new_item = Action::new_local(move |(r, d, p): &(String, String, String)| {
        let (r, d, p) = (r.clone(), d.clone(), p.clone());
        async move {
            let new = CreateItem {
                reference: Name::new(&r).map_err(|w| bad("reference", w))?,
                display_name: Name::new(&d).map_err(|w| bad("display_name", w))?,
                price: if p.trim().is_empty() { None } else { Some(Amount::parse(&p).map_err(|w| bad("price", w))?) },
                id_currency: None,
                id_company: None,
                id_image: None,
                language: None,
                country_code: None,
                metadata: None,
                quantity_in_stock: None,
                is_onsale: None,
            };
            let item = makers::create_item(id, &new).await?;
            reference.set(String::new());
            display.set(String::new());
            items.refetch();
            Ok::<_, ApiError>(item)
        }
    });
    let add_item = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        new_item.dispatch((reference.get_untracked(), display.get_untracked(), price.get_untracked()));
    };

    let (item, quantity, template) =
        (RwSignal::new(String::new()), RwSignal::new("100".to_string()), RwSignal::new(templates[0].0.to_string()));
    let progress = RwSignal::new(None::<(u32, u32)>);
    // The key of a submission that failed: the same batch again resumes it (the worker
    // keeps what was made), a changed one gets a new key.
    let failed = RwSignal::new(None::<((String, String, String), String)>);
    let make = Action::new_local(move |(i, q, t): &(String, String, String)| {
        let (i, q, t) = (i.clone(), q.clone(), t.clone());
        async move {
            let asked = (i.clone(), q.clone(), t.clone());
            let id_item = i.parse::<Id>().map_err(|_| bad("id_item", w.why_choose_item))?;
            let n = q.trim().parse::<u32>().map_err(|_| bad("quantity", w.why_number))?;
            let new = CreateBatch {
                id_item,
                quantity: Quantity::new(n).map_err(|w| bad("quantity", w))?,
                records: RecordsTemplate::parse(&t).map_err(|w| bad("records", w))?,
                reference: None,
            };
            let key = match failed.get_untracked() {
                Some((before, key)) if before == asked => key,
                _ => format!("maker-{id}-{}", js_sys::Date::now() as u64),
            };
            progress.set(Some((0, n)));
            let batch = makers::create_batch(id, &new, &key).await;
            progress.set(None);
            failed.set(batch.is_err().then_some((asked, key)));
            batches.refetch();
            batch
        }
    });
    // While a batch is made, its progress as the worker records it, once a second.
    Effect::new(move |_| {
        if make.pending().get() {
            poll_progress(id, progress, make.pending());
        }
    });
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        make.dispatch((item.get_untracked(), quantity.get_untracked(), template.get_untracked()));
    };

    view! {
        <section class="panel" data-testid="maker">
            <h2>{name}</h2>
            <h3>{w.items}</h3>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match items.await {
                        Err(e) => crate::routes::dashboard::failure(e),
                        Ok(list) if list.is_empty() => view! { <p class="empty">{w.no_item}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="rows" data-testid="items">
                                {list.into_iter().map(|i| view! { <li>{i.reference}</li> }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Suspense>
            <form class="form form--inline" on:submit=add_item data-testid="new-item">
                <label class="field"><span>{w.reference}</span>
                    <input required maxlength="100" placeholder="CARD-BLACK" prop:value=move || reference.get() on:input=move |ev| reference.set(event_target_value(&ev)) /></label>
                <label class="field"><span>{w.name_shown}</span>
                    <input required maxlength="100" placeholder=w.item_name_example prop:value=move || display.get() on:input=move |ev| display.set(event_target_value(&ev)) /></label>
                <label class="field"><span>{w.price}</span>
                    <input inputmode="decimal" placeholder=w.price_example prop:value=move || price.get() on:input=move |ev| price.set(event_target_value(&ev)) /></label>
                <button class="button" type="submit" disabled=move || new_item.pending().get()>{w.add_item}</button>
            </form>
            {action_status(new_item)}

            <h3>{w.batches}</h3>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match batches.await {
                        Err(e) => crate::routes::dashboard::failure(e),
                        Ok(list) if list.is_empty() => view! { <p class="empty">{w.no_batch}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="rows" data-testid="batches">
                                {list.into_iter().map(|b| batch_row(id, b, w)).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Suspense>
            <form class="form form--inline" on:submit=start data-testid="new-batch">
                <label class="field"><span>{w.item}</span>
                    <select required on:change=move |ev| item.set(event_target_value(&ev))>
                        <option value="">{w.choose}</option>
                        <Suspense fallback=|| ()>
                            {move || Suspend::new(async move {
                                items.await.unwrap_or_default().into_iter()
                                    .map(|i| view! { <option value=i.id.to_string()>{i.reference}</option> }).collect_view()
                            })}
                        </Suspense>
                    </select></label>
                <label class="field"><span>{w.quantity}</span>
                    <input required type="number" min="1" max="10000" prop:value=move || quantity.get() on:input=move |ev| quantity.set(event_target_value(&ev)) /></label>
                <label class="field"><span>{w.records_each}</span>
                    <select on:change=move |ev| template.set(event_target_value(&ev))>
                        {templates.into_iter().map(|(v, label)| view! { <option value=v>{label}</option> }).collect_view()}
                    </select></label>
                <button class="button" type="submit" disabled=move || make.pending().get()>{w.make_batch}</button>
            </form>
            {move || progress.get().map(|(made, of)| view! {
                <p role="status"><progress max=of.to_string() value=made.to_string() data-testid="batch-progress"></progress>
                    " " {made_of(w, made, of)}</p>
            })}
            {action_status(make)}

            <AttachedGroups id_maker=id />
        </section>
    }
}

/// A maker's attached groups: named sets its products can be made into.
#[component]
fn AttachedGroups(id_maker: Id) -> impl IntoView {
    let w = crate::i18n::tr::<MakerWords>();
    let groups = LocalResource::new(move || makers::attached_groups(id_maker));
    let (reference, alias) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let create = Action::new_local(move |(r, a): &(String, String)| {
        let (r, a) = (r.clone(), a.clone());
        async move {
            let new = CreateAttachedGroup {
                reference: Name::new(&r).map_err(|w| bad("reference", w))?,
                alias_name: if a.trim().is_empty() {
                    None
                } else {
                    Some(Name::new(&a).map_err(|w| bad("alias_name", w))?)
                },
            };
            let group = makers::create_attached_group(id_maker, &new).await?;
            reference.set(String::new());
            alias.set(String::new());
            groups.refetch();
            Ok::<_, ApiError>(group)
        }
    });
    let remove = Action::new_local(move |id: &Id| {
        let id = *id;
        async move {
            let gone = makers::delete_attached_group(id_maker, id).await?;
            groups.refetch();
            Ok::<_, ApiError>(gone)
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        create.dispatch((reference.get_untracked(), alias.get_untracked()));
    };
    view! {
        <h3>{w.attached_groups}</h3>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match groups.await {
                    Err(e) => crate::routes::dashboard::failure(e),
                    Ok(list) if list.is_empty() => view! { <p class="empty">{w.no_attached_group}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="rows" data-testid="attached-groups">
                            {list.into_iter().map(|g| view! {
                                <li>{g.reference.clone()}
                                    <button class="button button--ghost" type="button"
                                        aria-label=fill(w.delete_named, &[("name", &g.reference)])
                                        on:click=move |_| { remove.dispatch(g.id); }>{w.delete}</button></li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }
            })}
        </Suspense>
        <form class="form form--inline" on:submit=submit data-testid="new-attached-group">
            <label class="field"><span>{w.group_reference}</span>
                <input required maxlength="100" placeholder="SHOP-PARIS" prop:value=move || reference.get() on:input=move |ev| reference.set(event_target_value(&ev)) /></label>
            <label class="field"><span>{w.group_name}</span>
                <input maxlength="100" placeholder=w.group_name_example prop:value=move || alias.get() on:input=move |ev| alias.set(event_target_value(&ev)) /></label>
            <button class="button" type="submit" disabled=move || create.pending().get()>{w.add_group}</button>
        </form>
        {action_status(create)}
        {action_status(remove)}
    }
}

fn batch_row(id_maker: Id, b: Batch, w: &'static MakerWords) -> impl IntoView {
    let status = if b.is_complete {
        count(b.quantity, w.products_one, w.products_many, w.lang)
    } else {
        made_of(w, b.made, b.quantity)
    };
    view! {
        <li><a href=format!("/maker/{id_maker}/batches/{}", b.id)>{b.reference.clone()}</a>
            <span class="muted">{format!("{status} · {}", b.records)}</span></li>
    }
}

/// Reads the newest unfinished batch's progress every second while `pending`.
fn poll_progress(id_maker: Id, progress: RwSignal<Option<(u32, u32)>>, pending: Memo<bool>) {
    leptos::task::spawn_local(async move {
        while pending.get_untracked() {
            sleep(1_000).await;
            if let Ok(list) = makers::batches(id_maker).await {
                if let Some(b) = list.into_iter().rev().find(|b| !b.is_complete) {
                    if pending.get_untracked() {
                        progress.set(Some((b.made, b.quantity)));
                    }
                }
            }
        }
    });
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[component]
pub fn BatchPage() -> impl IntoView {
    let w = crate::i18n::tr::<MakerWords>();
    crate::components::page_title(Some(w.batch_title));
    let params = use_params_map();
    let ids = move || {
        params.with(|p| {
            let get = |k: &str| p.get(k).and_then(|i| i.parse::<Id>().ok()).unwrap_or_default();
            (get("id"), get("id_batch"))
        })
    };
    let data = LocalResource::new(move || {
        let (id_maker, id_batch) = ids();
        async move {
            let batch = makers::batch(id_maker, id_batch).await?;
            let products = makers::encoded(id_maker, id_batch).await?;
            Ok::<_, ApiError>((batch, products))
        }
    });
    view! {
        <Shell>
            <Suspense fallback=move || view! { <p class="muted">{w.loading}</p> }>
                <ErrorBoundary fallback=errors_view>
                    {move || Suspend::new(async move {
                        data.await.map(|(batch, products)| {
                            let changed = Callback::new(move |()| data.refetch());
                            view! { <BatchView batch products changed /> }
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
        </Shell>
    }
}

#[component]
fn BatchView(batch: Batch, products: Vec<EncodedProduct>, changed: Callback<()>) -> impl IntoView {
    let w = crate::i18n::tr::<MakerWords>();
    let origin = window().location().origin().unwrap_or_default();
    let chips = products
        .iter()
        .flat_map(|p| p.record.iter().flatten())
        .filter(|r| r.token_encryption != TokenEncryption::Static);
    let (total, encoded, waiting) = chips.fold((0, 0, 0), |(t, e, w), r| {
        (t + 1, e + usize::from(r.uid.is_some()), w + usize::from(r.uid.is_some() && r.rekey_to.is_some()))
    });
    let shown = products.len();
    let codes: Vec<(String, String)> = products
        .iter()
        .flat_map(|p| {
            let reference = p.reference.clone().unwrap_or_default();
            p.record
                .iter()
                .flatten()
                .filter(|r| r.technology == Technology::Qrcode)
                .map(move |r| (reference.clone(), r.record_key.clone()))
        })
        .collect();
    let origin_for_sheet = origin.clone();
    let can_write = web_nfc::available();
    let encoded_of = fill(
        if total == 1 { w.chips_encoded_one } else { w.chips_encoded_many },
        &[("encoded", &written(encoded, w.lang)), ("total", &written(total, w.lang))],
    );
    view! {
        <div class="dash-head"><h1 data-testid="batch-name">{batch.reference.clone()}</h1>
            <span class="muted">{format!("{} · {}", made_of(w, batch.made, batch.quantity), batch.records)}</span></div>
        <section class="panel">
            <h2>{w.encoding}</h2>
            <p data-testid="encoding-status">{encoded_of}</p>
            <p class="muted">{with_code(w.encode_hint, "{command}", "cargo xtask tag program")}</p>
            {(shown < batch.quantity as usize).then(|| view! { <p class="muted">{fill(w.first_shown, &[("n", &written(shown, w.lang))])}</p> })}
            <table class="table" data-testid="batch-products">
                <thead><tr><th>{w.product}</th><th>{w.records}</th></tr></thead>
                <tbody>
                    {products.into_iter().map(|p| view! {
                        <tr><td>{p.reference.clone().unwrap_or_default()}</td>
                            <td>{p.record.unwrap_or_default().into_iter().map(|r| {
                                let what = match (r.technology, r.uid) {
                                    (Technology::Qrcode, _) => "QR code".to_string(),
                                    (_, Some(uid)) if r.token_encryption != TokenEncryption::Static => match r.rekey_to {
                                        Some(next) => fill(w.chip_rekey, &[("uid", &uid), ("version", &r.key_version.to_string()), ("next", &next.to_string())]),
                                        None => fill(w.chip_keys, &[("uid", &uid), ("version", &r.key_version.to_string())]),
                                    },
                                    (_, None) if r.token_encryption != TokenEncryption::Static => w.chip_not_encoded.to_string(),
                                    (t, _) => t.as_str().to_string(),
                                };
                                // A static record's URL goes onto a plain NDEF tag from here (Web NFC).
                                let writer = (can_write && r.token_encryption == TokenEncryption::Static)
                                    .then(|| view! { <NfcWrite url=format!("{origin}/p/{}", r.record_key) /> });
                                view! { <span class="chip">{what}</span> " " {writer} }
                            }).collect_view()}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        <KeyRotationPanel batch=batch.clone() waiting changed />
        <FactoryImport id_maker=batch.id_maker id_batch=batch.id />
        <section class="panel qr-sheet" data-testid="qr-sheet">
            <h2>{w.qr_title}</h2>
            <button class="button button--ghost" type="button" on:click=move |_| { let _ = window().print(); }>{w.print}</button>
            <div class="qr-grid">
                {codes.into_iter().map(|(reference, key)| {
                    let url = format!("{origin_for_sheet}/p/{key}");
                    let svg = senzu_core::qr::svg(&url).unwrap_or_default();
                    view! { <figure class="qr"><div inner_html=svg></div><figcaption>{reference}</figcaption></figure> }
                }).collect_view()}
            </div>
        </section>
    }
}

/// Writes one static record's URL onto the NDEF tag the phone is held to.
#[component]
fn NfcWrite(url: String) -> impl IntoView {
    let w = crate::i18n::tr::<MakerWords>();
    let write = Action::new_local(move |url: &String| {
        let url = url.clone();
        async move { web_nfc::write_url(&url, w).await }
    });
    let status = move || match write.value().get() {
        _ if write.pending().get() => Some(view! { <span class="muted" role="status">{w.nfc_hold}</span> }.into_any()),
        Some(Ok(())) => Some(view! { <span class="form-ok" role="status">{w.nfc_written}</span> }.into_any()),
        Some(Err(why)) => Some(view! { <span class="form-error" role="alert">{why}</span> }.into_any()),
        None => None,
    };
    view! {
        <button class="button button--ghost" type="button" on:click=move |_| { write.dispatch(url.clone()); }>{w.nfc_write}</button>
        " " {status}
    }
}

/// Web NFC (Chrome on Android): `NDEFReader.write` of one URL record. Called
/// through `js_sys` because web-sys binds it only behind its unstable APIs.
mod web_nfc {
    use leptos::wasm_bindgen::{JsCast, JsValue};
    use senzu_core::i18n::maker::MakerWords;

    fn reader_class() -> Option<js_sys::Function> {
        js_sys::Reflect::get(&leptos::prelude::window(), &JsValue::from_str("NDEFReader")).ok()?.dyn_into().ok()
    }

    /// Whether this browser can write NDEF tags.
    pub fn available() -> bool {
        reader_class().is_some()
    }

    /// The browser's own message, else ours.
    fn message_of(error: &JsValue, w: &MakerWords) -> String {
        js_sys::Reflect::get(error, &JsValue::from_str("message"))
            .ok()
            .and_then(|m| m.as_string())
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| w.nfc_failed.into())
    }

    pub async fn write_url(url: &str, w: &'static MakerWords) -> Result<(), String> {
        let message_of = |e: &JsValue| message_of(e, w);
        let class = reader_class().ok_or(w.nfc_unsupported)?;
        let reader = js_sys::Reflect::construct(&class, &js_sys::Array::new()).map_err(|e| message_of(&e))?;
        let record = js_sys::Object::new();
        let set = |o: &js_sys::Object, k: &str, v: &JsValue| js_sys::Reflect::set(o, &JsValue::from_str(k), v);
        set(&record, "recordType", &JsValue::from_str("url")).map_err(|e| message_of(&e))?;
        set(&record, "data", &JsValue::from_str(url)).map_err(|e| message_of(&e))?;
        let message = js_sys::Object::new();
        set(&message, "records", &js_sys::Array::of1(&record)).map_err(|e| message_of(&e))?;
        let write: js_sys::Function = js_sys::Reflect::get(&reader, &JsValue::from_str("write"))
            .ok()
            .and_then(|w| w.dyn_into().ok())
            .ok_or(w.nfc_no_write)?;
        let promise: js_sys::Promise =
            write.call1(&reader, &message).map_err(|e| message_of(&e))?.dyn_into().map_err(|e| message_of(&e))?;
        wasm_bindgen_futures::JsFuture::from(promise).await.map(|_| ()).map_err(|e| message_of(&e))
    }
}

/// A batch's key version, the chips that wait to be re-encoded, and the rotation
/// to the next version (asked twice: every encoded chip must be re-encoded after it).
#[component]
fn KeyRotationPanel(batch: Batch, waiting: usize, changed: Callback<()>) -> impl IntoView {
    let w = crate::i18n::tr::<MakerWords>();
    let (id_maker, id_batch) = (batch.id_maker, batch.id);
    let rotate = Action::new_local(move |_: &()| async move {
        let done = makers::rotate_keys(id_maker, id_batch).await?;
        changed.run(());
        Ok::<_, ApiError>(done)
    });
    let ask = move |_| {
        let question = fill(w.rotate_confirm, &[("version", &batch.key_version.saturating_add(1).to_string())]);
        if window().confirm_with_message(&question).unwrap_or(false) {
            rotate.dispatch(());
        }
    };
    view! {
        <section class="panel" data-testid="key-rotation">
            <h2>{w.keys}</h2>
            <p data-testid="key-version">{fill(w.key_version, &[("version", &batch.key_version.to_string())])}
                {(waiting > 0).then(|| format!(" · {}", count(waiting, w.chips_wait_one, w.chips_wait_many, w.lang)))}</p>
            <p class="muted">{with_code(w.rotation_hint, "{command}", "cargo xtask tag program --record ID")}</p>
            <button class="button button--ghost" type="button" on:click=ask disabled=move || rotate.pending().get()>{w.rotate}</button>
            {action_status(rotate)}
        </section>
    }
}

/// A factory that encodes with its own tools: paste the UIDs it read, get the keys file.
#[component]
fn FactoryImport(id_maker: Id, id_batch: Id) -> impl IntoView {
    let w = crate::i18n::tr::<MakerWords>();
    let uids = RwSignal::new(String::new());
    let send = Action::new_local(move |text: &String| {
        let text = text.clone();
        async move {
            let csv = makers::import_uids(id_maker, id_batch, &text).await?;
            download(&csv, &format!("senzu-batch-{id_batch}-keys.csv"));
            Ok::<_, ApiError>(())
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send.dispatch(uids.get_untracked());
    };
    view! {
        <section class="panel" data-testid="factory-import">
            <h2>{w.factory_title}</h2>
            <p class="muted">{with_code(w.factory_hint, "{format}", "id_record,uid")}</p>
            <form class="form" on:submit=submit>
                <label class="field"><span>{w.uids}</span>
                    <textarea rows="5" required prop:value=move || uids.get() on:input=move |ev| uids.set(event_target_value(&ev))></textarea></label>
                <button class="button" type="submit" disabled=move || send.pending().get()>{w.bind_download}</button>
            </form>
            {action_status(send)}
        </section>
    }
}

/// Saves `text` as a file through a Blob URL (the keys never go through a link the server serves).
fn download(text: &str, name: &str) {
    use leptos::wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&leptos::wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) = document().create_element("a") {
        let a: web_sys::HtmlElement = a.unchecked_into();
        let _ = a.set_attribute("href", &url);
        let _ = a.set_attribute("download", name);
        a.click();
    }
    // Let the download start before the keys' URL goes.
    leptos::task::spawn_local(async move {
        sleep(5_000).await;
        let _ = web_sys::Url::revoke_object_url(&url);
    });
}
