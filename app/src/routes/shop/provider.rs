//! The provider console (`/provider`): become a provider (a company of one's
//! own), then the paid orders to make — once Senzu verified the account — and
//! each one's next stages: take and produce (the products are made for the
//! buyer), dispatch with a tracking number, delivered, returns and refunds.

use leptos::prelude::*;
use senzu_core::api::makers::ContactEmail;
use senzu_core::api::shop::{CreateCompany, CreateProvider, Provider, ProviderOrder, UpdateProviderOrder};
use senzu_core::api::{Id, Name};
use senzu_core::order::OrderStatus;
use senzu_core::ApiError;

use super::words::{words, Words};
use super::{bad, describe_order_address};
use crate::api;
use crate::routes::dashboard::{action_status, errors_view, Shell};

#[component]
pub fn ProviderConsole() -> impl IntoView {
    let w = words(crate::i18n::page_lang());
    crate::components::page_title(Some(w.provider));
    let me = LocalResource::new(api::shop::my_provider);
    let reload = Callback::new(move |_: ()| me.refetch());
    view! {
        <Shell>
            <div class="dash-head"><h1>{w.provider}</h1><p class="muted">{w.provider_intro}</p></div>
            <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
                <ErrorBoundary fallback=errors_view>
                    {move || Suspend::new(async move {
                        me.await.map(|found| match found {
                            None => view! { <BecomeProvider w reload /> }.into_any(),
                            Some(p) => view! { <ProviderOrders w p /> }.into_any(),
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
        </Shell>
    }
}

#[component]
fn BecomeProvider(w: &'static Words, reload: Callback<()>) -> impl IntoView {
    let (name, email) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let create = Action::new_local(move |_: &()| async move {
        let company = CreateCompany {
            name: Name::new(&name.get_untracked()).map_err(|why| bad("name", why))?,
            email: ContactEmail::new(&email.get_untracked()).map_err(|why| bad("email", why))?,
            phone: None,
            url: None,
            vat_number: None,
        };
        let company = api::shop::create_company(&company).await?;
        let made = api::shop::create_provider(&CreateProvider { id_company: company.id, name: None }).await?;
        reload.run(());
        Ok::<_, ApiError>(made)
    });
    view! {
        <section class="panel">
            <form class="form" data-testid="become-provider" on:submit=move |ev| { ev.prevent_default(); create.dispatch(()); }>
                <label class="field"><span>{w.company_name}</span>
                    <input required maxlength="100" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) /></label>
                <label class="field"><span>{w.company_email}</span>
                    <input type="email" required prop:value=move || email.get() on:input=move |ev| email.set(event_target_value(&ev)) /></label>
                <button class="button" type="submit">{w.become_provider}</button>
            </form>
            {action_status(create)}
        </section>
    }
}

#[component]
fn ProviderOrders(w: &'static Words, p: Provider) -> impl IntoView {
    let id_provider = p.id;
    let orders = LocalResource::new(move || api::shop::provider_orders(id_provider));
    let change = Action::new_local(move |(id_order, update): &(Id, UpdateProviderOrder)| {
        let (id_order, update) = (*id_order, update.clone());
        async move {
            let done = api::shop::update_provider_order(id_provider, id_order, &update).await?;
            orders.refetch();
            Ok::<_, ApiError>(done)
        }
    });
    view! {
        <p class="muted">{p.name.clone()}" · "{p.company.name.clone()}</p>
        {(!p.is_verified).then(|| view! { <p class="notice" data-testid="not-verified">{w.not_verified}</p> })}
        <h2>{w.waiting_orders}</h2>
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            <ErrorBoundary fallback=errors_view>
                {move || Suspend::new(async move {
                    orders.await.map(|mut list| {
                        list.sort_by_key(|o| std::cmp::Reverse(o.id));
                        if list.is_empty() {
                            return view! { <p class="empty">{w.no_provider_orders}</p> }.into_any();
                        }
                        list.into_iter().map(|o| view! { <OrderCard w o change /> }).collect_view().into_any()
                    })
                })}
            </ErrorBoundary>
        </Suspense>
        {action_status(change)}
    }
}

#[component]
fn OrderCard(
    w: &'static Words,
    o: ProviderOrder,
    change: Action<(Id, UpdateProviderOrder), Result<ProviderOrder, ApiError>>,
) -> impl IntoView {
    let id_order = o.id;
    let tracking = RwSignal::new(String::new());
    let after_delivery =
        matches!(o.order_status, OrderStatus::Delivered | OrderStatus::Returned | OrderStatus::Refunded);
    let stage = move |to: OrderStatus| {
        let number = tracking.get_untracked();
        let delivery_number = (to == OrderStatus::Dispatched).then(|| Name::new(number.trim()).ok()).flatten();
        change.dispatch((id_order, UpdateProviderOrder { status: Some(to), delivery_number, ..Default::default() }));
    };
    view! {
        <section class="panel order-card" data-testid="provider-order">
            <h3>{format!("{} #{id_order}", w.order)} " " <span class="badge" data-testid="provider-order-status">{w.status(o.order_status)}</span></h3>
            {o.address_shipping.as_ref().map(|a| view! { <p>{format!("{}: {}", w.ship_to, describe_order_address(a))}</p> })}
            <ul class="rows">
                {o.order_details.iter().map(|d| {
                    let id_detail = d.id;
                    let returned = RwSignal::new(d.quantity_returned.map(|q| q.to_string()).unwrap_or_default());
                    let refunded = RwSignal::new(d.quantity_refunded.map(|q| q.to_string()).unwrap_or_default());
                    let save = move |ev: leptos::ev::SubmitEvent| {
                        ev.prevent_default();
                        let n = |s: RwSignal<String>| s.get_untracked().trim().parse::<u32>().ok();
                        change.dispatch((id_order, UpdateProviderOrder {
                            id_detail: Some(id_detail),
                            quantity_returned: n(returned),
                            quantity_refunded: n(refunded),
                            ..Default::default()
                        }));
                    };
                    view! {
                        <li class="row">
                            <span class="row__main">{format!("{} × {}", d.quantity, d.name)}</span>
                            {d.delivery_number.clone().map(|n| view! { <span class="muted">{format!("{}: {n}", w.delivery_number)}</span> })}
                            {after_delivery.then(|| view! {
                                <form class="inline-form" on:submit=save>
                                    <label><span>{w.returned}</span><input type="number" min="0" max=d.quantity.to_string()
                                        prop:value=move || returned.get() on:input=move |ev| returned.set(event_target_value(&ev)) /></label>
                                    <label><span>{w.refunded}</span><input type="number" min="0" max=d.quantity.to_string()
                                        prop:value=move || refunded.get() on:input=move |ev| refunded.set(event_target_value(&ev)) /></label>
                                    <button class="button button--quiet" type="submit">{w.record}</button>
                                </form>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <div class="actions">
                {o.next.iter().copied().map(|to| {
                    let needs_number = to == OrderStatus::Dispatched;
                    view! {
                        {needs_number.then(|| view! {
                            <label class="field"><span>{w.delivery_number}</span>
                                <input data-testid="delivery-number" required maxlength="60"
                                    prop:value=move || tracking.get() on:input=move |ev| tracking.set(event_target_value(&ev)) /></label>
                        })}
                        <button class="button" type="button" data-testid=format!("to-{}", to.as_str())
                            disabled=move || needs_number && tracking.get().trim().is_empty()
                            on:click=move |_| stage(to)>{w.action(to)}</button>
                    }
                }).collect_view()}
            </div>
        </section>
    }
}
