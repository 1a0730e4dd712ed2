//! The shop (`/shop`): the catalogue, a cart kept in this browser, checkout
//! (addresses, then the payment service's page), and the buyer's orders
//! (`/shop/orders`, `/shop/orders/{id}`) with their stages. The total shown
//! before checkout is an estimate: the order's price is the server's.

pub mod plans;
pub mod provider;
pub mod reseller;
pub mod words;

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use senzu_core::api::shop::{CreateOrder, CreatePayment, Order, OrderAddress, OrderItems, ShopItem};
use senzu_core::api::user::{Address, SaveAddress};
use senzu_core::api::{Id, Name};
use senzu_core::order::{OrderStatus, Wanted};
use senzu_core::{money, ApiError, ErrorCode};

use super::dashboard::{action_status, errors_view, Shell};
use crate::api;
use words::{money as price, words, Words};

/// The cart, in this browser's storage so that signing in on the way keeps it.
mod cart {
    use senzu_core::order::Wanted;

    const KEY: &str = "senzu.cart";

    fn storage() -> Option<web_sys::Storage> {
        leptos::prelude::window().local_storage().ok().flatten()
    }

    pub fn load() -> Vec<Wanted> {
        let text = storage().and_then(|s| s.get_item(KEY).ok().flatten()).unwrap_or_default();
        senzu_core::order::parse_items(&text).unwrap_or_default()
    }

    pub fn save(lines: &[Wanted]) {
        let Some(s) = storage() else { return };
        if lines.is_empty() {
            let _ = s.remove_item(KEY);
        } else {
            let _ = s.set_item(KEY, &super::items_json(lines));
        }
    }
}

fn items_json(lines: &[Wanted]) -> String {
    serde_json::to_value(OrderItems(lines.to_vec()))
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Digits after the point of a rendered amount (`"12.90"` → 2): the currency's exponent.
fn exponent_of(rendered: &str) -> u8 {
    rendered.split_once('.').map_or(0, |(_, f)| u8::try_from(f.len()).unwrap_or(2))
}

/// A typed field of a form, or the error naming it.
fn named<const N: usize>(text: &str, field: &str) -> Result<Option<Name<N>>, ApiError> {
    Name::new(text).map(Some).map_err(|why| bad(field, why))
}

pub(crate) fn bad(field: &str, why: impl std::fmt::Display) -> ApiError {
    ApiError::new(ErrorCode::BadArgument, format!("bad argument: {field}: {why}"))
}

#[component]
pub fn ShopPage() -> impl IntoView {
    let w = words(crate::i18n::page_lang());
    crate::components::page_title(Some(w.shop));
    let items = LocalResource::new(api::shop::items);
    let lines = RwSignal::new(cart::load());
    Effect::new(move |_| lines.with(|l| cart::save(l)));
    let checking_out = RwSignal::new(false);
    view! {
        <Shell>
            <div class="dash-head">
                <h1>{w.shop}</h1>
                <p class="muted">{w.intro}</p>
                <a href="/shop/orders" data-testid="my-orders">{w.orders}</a>
                <a href="/shop/plans">{w.plans}</a>
            </div>
            <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
                <ErrorBoundary fallback=errors_view>
                    {move || Suspend::new(async move {
                        items.await.map(|all| {
                            let all = StoredValue::new(all);
                            view! {
                                <Catalogue w all lines />
                                <Cart w all lines checking_out />
                                <Show when=move || checking_out.get() && !lines.with(Vec::is_empty)>
                                    <Checkout w lines />
                                </Show>
                            }
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
        </Shell>
    }
}

#[component]
fn Catalogue(w: &'static Words, all: StoredValue<Vec<ShopItem>>, lines: RwSignal<Vec<Wanted>>) -> impl IntoView {
    let empty = all.with_value(Vec::is_empty);
    view! {
        <section class="panel" aria-label=w.shop>
            {empty.then(|| view! { <p class="empty">{w.nothing_on_sale}</p> })}
            <ul class="rows shop-items" data-testid="shop-items">
                {all.get_value().into_iter().map(|item| {
                    let quantity = RwSignal::new("1".to_string());
                    let id = item.id;
                    let add = move |ev: leptos::ev::SubmitEvent| {
                        ev.prevent_default();
                        let n: u32 = quantity.get_untracked().trim().parse().unwrap_or(0);
                        if n == 0 {
                            return;
                        }
                        lines.update(|l| match l.iter_mut().find(|x| x.id_item == id) {
                            Some(line) => line.quantity = (line.quantity + n).min(senzu_core::order::MAX_QUANTITY),
                            None => l.push(Wanted { id_item: id, quantity: n.min(senzu_core::order::MAX_QUANTITY) }),
                        });
                    };
                    let stock = item.quantity_in_stock.map(|s| format!("{s} {}", w.in_stock));
                    view! {
                        <li class="row shop-item" data-testid="shop-item">
                            {item.url_image.clone().map(|src| view! { <img class="thumb" src=src alt="" /> })}
                            <div class="row__main">
                                <strong>{item.display_name.clone()}</strong>
                                <span class="muted">{format!("{} {}", w.by, item.maker)}</span>
                                <span class="price">{price(w.lang, &item.price, &item.currency)}</span>
                                {stock.map(|s| view! { <span class="muted">{s}</span> })}
                            </div>
                            <form class="inline-form" on:submit=add>
                                <label><span class="sr-only">{w.quantity}</span>
                                    <input type="number" min="1" max="1000" inputmode="numeric" aria-label=w.quantity
                                        data-testid="quantity" prop:value=move || quantity.get()
                                        on:input=move |ev| quantity.set(event_target_value(&ev)) /></label>
                                <button class="button" type="submit" data-testid="add-to-cart">{w.add}</button>
                            </form>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Cart(
    w: &'static Words,
    all: StoredValue<Vec<ShopItem>>,
    lines: RwSignal<Vec<Wanted>>,
    checking_out: RwSignal<bool>,
) -> impl IntoView {
    // Lines of items no longer on sale are shown nowhere and dropped.
    let known = move || {
        lines.with(|l| {
            all.with_value(|items| {
                l.iter()
                    .filter_map(|line| items.iter().find(|i| i.id == line.id_item).map(|i| (i.clone(), line.quantity)))
                    .collect::<Vec<_>>()
            })
        })
    };
    let estimate = move || {
        let rows = known();
        let first = rows.first()?;
        let total: i64 = rows.iter().map(|(i, q)| i.price_minor * i64::from(*q)).sum();
        Some(price(w.lang, &money::render(total, exponent_of(&first.0.price)), &first.0.currency))
    };
    view! {
        <section class="panel" aria-label=w.cart data-testid="cart">
            <h2>{w.cart}</h2>
            <Show when=move || !known().is_empty() fallback=move || view! { <p class="empty">{w.cart_empty}</p> }>
                <ul class="rows">
                    {move || known().into_iter().map(|(item, quantity)| {
                        let id = item.id;
                        view! {
                            <li class="row" data-testid="cart-line">
                                <span class="row__main">{format!("{quantity} × {}", item.display_name)}</span>
                                <button type="button" class="link-button"
                                    on:click=move |_| lines.update(|l| l.retain(|x| x.id_item != id))>{w.remove}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <p><span class="muted">{w.estimate}": "</span><strong data-testid="cart-estimate">{estimate}</strong></p>
                <Show when=move || !checking_out.get()>
                    <button class="button" type="button" data-testid="go-checkout" on:click=move |_| checking_out.set(true)>{w.checkout}</button>
                </Show>
            </Show>
        </section>
    }
}

#[component]
fn Checkout(w: &'static Words, lines: RwSignal<Vec<Wanted>>) -> impl IntoView {
    let addresses = LocalResource::new(api::user::addresses);
    let shipping = RwSignal::new(None::<Id>);
    let billing = RwSignal::new(None::<Id>);
    let same = RwSignal::new(true);
    let order = Action::new_local(move |_: &()| async move {
        let ship = shipping.get_untracked().ok_or_else(|| bad("id_address_shipping", w.no_address))?;
        let bill = if same.get_untracked() { ship } else { billing.get_untracked().unwrap_or(ship) };
        let new = CreateOrder {
            id_address_shipping: ship,
            id_address_billing: bill,
            items: OrderItems(lines.get_untracked()),
        };
        let made = api::shop::create_order(&new).await?;
        lines.set(vec![]);
        cart::save(&[]);
        let _ = window().location().set_href(&made.url_checkout);
        Ok::<_, ApiError>(made)
    });
    let saved = Callback::new(move |a: Address| {
        shipping.set(Some(a.id));
        addresses.refetch();
    });
    view! {
        <section class="panel" aria-label=w.checkout data-testid="checkout">
            <h2>{w.checkout}</h2>
            <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
                <ErrorBoundary fallback=errors_view>
                    {move || Suspend::new(async move {
                        addresses.await.map(|list| {
                            if shipping.get_untracked().is_none() {
                                shipping.set(list.first().map(|a| a.id));
                            }
                            let list = StoredValue::new(list);
                            let options = move |chosen: RwSignal<Option<Id>>| list.get_value().into_iter().map(move |a| {
                                let id = a.id;
                                view! { <option value=id.to_string() selected=move || chosen.get() == Some(id)>{describe(&a)}</option> }
                            }).collect_view();
                            view! {
                                {list.with_value(Vec::is_empty).then(|| view! { <p class="empty">{w.no_address}</p> })}
                                <label class="field"><span>{w.shipping}</span>
                                    <select data-testid="shipping" on:change=move |ev| shipping.set(event_target_value(&ev).parse().ok())>
                                        {options(shipping)}
                                    </select></label>
                                <label class="check"><input type="checkbox" prop:checked=move || same.get()
                                    on:change=move |ev| same.set(event_target_checked(&ev)) />{w.same_address}</label>
                                <Show when=move || !same.get()>
                                    <label class="field"><span>{w.billing}</span>
                                        <select data-testid="billing" on:change=move |ev| billing.set(event_target_value(&ev).parse().ok())>
                                            <option value="">"—"</option>
                                            {options(billing)}
                                        </select></label>
                                </Show>
                            }
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
            <NewAddress w saved />
            <button class="button" type="button" data-testid="pay" disabled=move || order.pending().get() || shipping.get().is_none()
                on:click=move |_| { order.dispatch(()); }>
                {move || if order.pending().get() { w.checking_out } else { w.checkout }}
            </button>
            {action_status(order)}
        </section>
    }
}

pub(crate) fn describe(a: &Address) -> String {
    format!("{} {}, {}, {} {} ({})", a.firstname, a.lastname, a.street, a.zipcode, a.city, a.country_code)
}

/// An order's address on one line (the buyer's order page, the provider's card).
pub fn describe_order_address(a: &OrderAddress) -> String {
    format!("{} {}, {}, {} {} ({})", a.firstname, a.lastname, a.street, a.zipcode, a.city, a.country_code)
}

#[component]
fn NewAddress(w: &'static Words, saved: Callback<Address>) -> impl IntoView {
    let fields: [(&str, &str, RwSignal<String>); 7] = [
        ("firstname", w.firstname, RwSignal::new(String::new())),
        ("lastname", w.lastname, RwSignal::new(String::new())),
        ("street", w.street, RwSignal::new(String::new())),
        ("zipcode", w.zipcode, RwSignal::new(String::new())),
        ("city", w.city, RwSignal::new(String::new())),
        ("state", w.region, RwSignal::new(String::new())),
        ("country_code", w.country, RwSignal::new(String::new())),
    ];
    let values = fields.map(|(_, _, s)| s);
    let save = Action::new_local(move |_: &()| async move {
        let v: Vec<String> = values.iter().map(|s| s.get_untracked().trim().to_string()).collect();
        let new = SaveAddress {
            alias: Some(Name::new(&format!("{} {}", v[0], v[1])).map_err(|why| bad("alias", why))?),
            firstname: named(&v[0], "firstname")?,
            lastname: named(&v[1], "lastname")?,
            street: named(&v[2], "street")?,
            zipcode: named(&v[3], "zipcode")?,
            city: named(&v[4], "city")?,
            state: named(&v[5], "state")?,
            country_code: named(&v[6].to_uppercase(), "country_code")?,
            ..SaveAddress::default()
        };
        let made = api::user::create_address(&new).await?;
        for s in values {
            s.set(String::new());
        }
        saved.run(made.clone());
        Ok::<_, ApiError>(made)
    });
    view! {
        <details class="new-address" data-testid="new-address">
            <summary>{w.new_address}</summary>
            <form class="form" on:submit=move |ev| { ev.prevent_default(); save.dispatch(()); }>
                {fields.into_iter().map(|(key, label, value)| view! {
                    <label class="field"><span>{label}</span>
                        <input name=key required maxlength=if key == "country_code" { "2" } else { "100" }
                            prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) /></label>
                }).collect_view()}
                <button class="button button--quiet" type="submit">{w.save_address}</button>
            </form>
            {action_status(save)}
        </details>
    }
}

#[component]
pub fn OrdersPage() -> impl IntoView {
    let w = words(crate::i18n::page_lang());
    crate::components::page_title(Some(w.orders));
    let orders = LocalResource::new(api::shop::orders);
    view! {
        <Shell>
            <div class="dash-head"><h1>{w.orders}</h1><a href="/shop">{w.shop}</a></div>
            <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
                <ErrorBoundary fallback=errors_view>
                    {move || Suspend::new(async move {
                        orders.await.map(|mut list| {
                            list.sort_by_key(|o| std::cmp::Reverse(o.id));
                            if list.is_empty() {
                                return view! { <p class="empty">{w.no_orders}</p> }.into_any();
                            }
                            view! {
                                <ul class="rows" data-testid="orders">
                                    {list.into_iter().map(|o| view! {
                                        <li class="row">
                                            <a class="row__main" href=format!("/shop/orders/{}", o.id)>
                                                {format!("{} #{}", w.order, o.id)}</a>
                                            <span>{price(w.lang, &o.price, &o.currency)}</span>
                                            <span class="badge">{w.status(o.order_status)}</span>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
        </Shell>
    }
}

pub(crate) async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[component]
pub fn OrderPage() -> impl IntoView {
    let w = words(crate::i18n::page_lang());
    crate::components::page_title(Some(w.order));
    let params = use_params_map();
    let query = use_query_map();
    let back_from_payment = move || query.with(|q| q.get("paid").is_some());
    // Back from the payment page, the service's event may arrive a moment later: ask again for a while.
    let order = LocalResource::new(move || {
        let segment = params.get().get("id").unwrap_or_default();
        let waiting = back_from_payment();
        async move {
            let id: Id =
                segment.parse().map_err(|_| ApiError::new(ErrorCode::NotFound, format!("no order {segment}")))?;
            let mut order = api::shop::order(id).await?;
            let mut tries = 0;
            while waiting && order.order_status == OrderStatus::Created && tries < 20 {
                sleep(500).await;
                order = api::shop::order(id).await?;
                tries += 1;
            }
            Ok::<_, ApiError>(order)
        }
    });
    let cancel = Action::new_local(move |id: &Id| {
        let id = *id;
        async move {
            let done = api::shop::cancel(id).await?;
            order.refetch();
            Ok::<_, ApiError>(done)
        }
    });
    let renew = Action::new_local(move |o: &Order| {
        let request = CreatePayment {
            id_order: o.id,
            currency: Name::new(&o.currency).unwrap_or_else(|_| Name::new("EUR").expect("a currency code")),
            amount: o.price.clone(),
        };
        async move {
            let started = api::shop::pay(&request).await?;
            let _ = window().location().set_href(&started.url_checkout);
            Ok::<_, ApiError>(started)
        }
    });
    view! {
        <Shell>
            <Suspense fallback=move || view! { <p class="muted">{if back_from_payment() { w.waiting_payment } else { "…" }}</p> }>
                <ErrorBoundary fallback=errors_view>
                    {move || Suspend::new(async move {
                        order.await.map(|o| view! { <OrderView w o back=back_from_payment() cancel renew /> })
                    })}
                </ErrorBoundary>
            </Suspense>
            {action_status(cancel)}
            {action_status(renew)}
        </Shell>
    }
}

#[component]
fn OrderView(
    w: &'static Words,
    o: Order,
    back: bool,
    cancel: Action<Id, Result<Order, ApiError>>,
    renew: Action<Order, Result<senzu_core::api::shop::PaymentStarted, ApiError>>,
) -> impl IntoView {
    let id = o.id;
    let stage = o.order_status;
    let made = matches!(stage, OrderStatus::InProduction | OrderStatus::Dispatched | OrderStatus::Delivered);
    let can_cancel = o.next.contains(&OrderStatus::Cancelled);
    let unpaid = stage == OrderStatus::Created;
    let link = o.url_checkout.clone();
    let again = o.clone();
    view! {
        <div class="dash-head">
            <h1>{format!("{} #{id}", w.order)}</h1>
            <span class="badge" data-testid="order-status">{w.status(stage)}</span>
            <a href="/shop/orders">{w.orders}</a>
        </div>
        {(back && o.status).then(|| view! { <p class="notice" role="status" data-testid="paid-notice">{w.thanks}</p> })}
        {(back && unpaid).then(|| view! { <p class="notice" role="status">{w.waiting_payment}</p> })}
        {made.then(|| view! { <p class="notice"><a href="/dashboard" data-testid="objects-ready">{w.objects_ready}</a></p> })}
        <section class="panel">
            <ul class="rows" data-testid="order-lines">
                {o.order_details.iter().map(|d| view! {
                    <li class="row">
                        <span class="row__main">{format!("{} × {}", d.quantity, d.name)}</span>
                        <span>{price(w.lang, &d.price, &o.currency)}</span>
                        {d.delivery_number.clone().map(|n| view! { <span class="muted">{format!("{}: {n}", w.delivery_number)}</span> })}
                    </li>
                }).collect_view()}
            </ul>
            <p>{w.total}": "<strong data-testid="order-total">{price(w.lang, &o.price, &o.currency)}</strong></p>
            {o.address_shipping.as_ref().map(|a| view! {
                <p class="muted">{format!("{}: {}", w.shipping, describe_order_address(a))}</p>
            })}
            <div class="actions">
                {match (unpaid, link) {
                    (true, Some(url)) => Some(view! { <a class="button" href=url data-testid="pay-now">{w.pay}</a> }.into_any()),
                    (true, None) => Some(view! {
                        <button class="button" type="button" on:click=move |_| { renew.dispatch(again.clone()); }>{w.new_checkout}</button>
                    }.into_any()),
                    _ => None,
                }}
                {can_cancel.then(|| view! {
                    <button type="button" class="button button--ghost" data-testid="cancel-order"
                        on:click=move |_| { cancel.dispatch(id); }>{w.cancel}</button>
                })}
            </div>
        </section>
    }
}
