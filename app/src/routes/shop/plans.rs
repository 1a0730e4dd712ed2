//! The plan page (`/shop/plans`): the account's plan now and how much of
//! each limit it uses, the plans with what each unlocks, and subscribing (the
//! payment service's page, then back here while its event arrives).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use senzu_core::api::shop::{CreateSubscription, CurrentPlan, Plan, SubscriptionStatus};
use senzu_core::api::Id;
use senzu_core::ApiError;

use super::words::{money as price, resource, words, Words};
use super::{bad, sleep};
use crate::api;
use crate::routes::dashboard::{action_status, errors_view, Shell};

#[component]
pub fn PlansPage() -> impl IntoView {
    let w = words(crate::i18n::page_lang());
    crate::components::page_title(Some(w.plans));
    let query = use_query_map();
    // Back from the payment page: wait for the subscription's payment to arrive, then show the plan.
    let data = LocalResource::new(move || {
        let paid: Option<Id> = query.with(|q| q.get("paid").and_then(|p| p.parse().ok()));
        async move {
            let mut confirmed = false;
            if let Some(id) = paid {
                for _ in 0..20 {
                    if api::shop::subscription(id).await?.subscription_status == SubscriptionStatus::Paid {
                        confirmed = true;
                        break;
                    }
                    sleep(500).await;
                }
            }
            let current = api::shop::current_plan().await?;
            let plans = api::shop::plans().await?;
            let addresses = api::user::addresses().await?;
            Ok::<_, ApiError>((confirmed, current, plans, addresses))
        }
    });
    view! {
        <Shell>
            <div class="dash-head"><h1>{w.plans}</h1><p class="muted">{w.plans_intro}</p></div>
            <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
                <ErrorBoundary fallback=errors_view>
                    {move || Suspend::new(async move {
                        data.await.map(|(confirmed, current, plans, addresses)| view! {
                            {confirmed.then(|| view! { <p class="notice" role="status" data-testid="subscribed">{w.subscribed}</p> })}
                            <Current w current />
                            <Subscribe w plans addresses />
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
        </Shell>
    }
}

#[component]
fn Current(w: &'static Words, current: CurrentPlan) -> impl IntoView {
    let name = match (&current.name, &current.date_end) {
        (Some(n), Some(end)) => format!("{n} — {} {}", w.until, end.date.get(..10).unwrap_or(&end.date)),
        (Some(n), None) => n.clone(),
        _ => w.no_plan.to_string(),
    };
    view! {
        <section class="panel" aria-label=w.your_plan>
            <h2>{w.your_plan}</h2>
            <p data-testid="current-plan"><strong>{name}</strong></p>
            <ul class="rows" data-testid="usage">
                {current.usage.into_iter().map(|u| {
                    let storage = u.resource == senzu_core::plan::Resource::Storage;
                    let amount = move |n: i64| if storage { senzu_core::plan::bytes(n) } else { n.to_string() };
                    let limit = u.max.map_or_else(|| w.no_limit.to_string(), amount);
                    view! { <li><span>{resource(w, u.resource)}</span><span>{format!("{} / {limit}", amount(u.used))}</span></li> }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Subscribe(w: &'static Words, plans: Vec<Plan>, addresses: Vec<senzu_core::api::user::Address>) -> impl IntoView {
    let chosen = RwSignal::new(plans.first().map(|p| p.id));
    let months = RwSignal::new(plans.first().map_or(12, |p| p.duration));
    let billing = RwSignal::new(addresses.first().map(|a| a.id));
    let subscribe = Action::new_local(move |_: &()| async move {
        let id_plan = chosen.get_untracked().ok_or_else(|| bad("id_plan", "choose a plan"))?;
        let id_address_billing = billing.get_untracked().ok_or_else(|| bad("id_address_billing", w.no_address))?;
        let quantity = u32::try_from(months.get_untracked()).map_err(|_| bad("quantity", "a number of months"))?;
        let made = api::shop::subscribe(&CreateSubscription { id_address_billing, id_plan, quantity }).await?;
        let _ = window().location().set_href(&made.url_checkout);
        Ok::<_, ApiError>(made)
    });
    let no_address = addresses.is_empty();
    view! {
        <section class="plans" data-testid="plans">
            {plans.into_iter().map(|p| {
                let id = p.id;
                let duration = p.duration;
                view! {
                    <label class="panel plan" data-testid="plan">
                        <input type="radio" name="plan" prop:checked=move || chosen.get() == Some(id)
                            on:change=move |_| { chosen.set(Some(id)); months.set(duration); } />
                        <strong>{p.name.clone()}</strong>
                        <span class="price">{format!("{} {} {} {}", price(w.lang, &p.price, &p.currency), w.per_period, p.duration, w.months.to_lowercase())}</span>
                        <ul class="rows">
                            {p.limits.iter().map(|l| {
                                let storage = l.resource == senzu_core::plan::Resource::Storage;
                                let limit = l.max.map_or_else(
                                    || w.no_limit.to_string(),
                                    |m| if storage { senzu_core::plan::bytes(m) } else { m.to_string() },
                                );
                                view! { <li><span>{resource(w, l.resource)}</span><span>{limit}</span></li> }
                            }).collect_view()}
                        </ul>
                    </label>
                }
            }).collect_view()}
        </section>
        <section class="panel">
            {no_address.then(|| view! { <p class="empty">{w.no_address}" "<a href="/account">{w.new_address}</a></p> })}
            <label class="field"><span>{w.billing}</span>
                <select data-testid="plan-billing" on:change=move |ev| billing.set(event_target_value(&ev).parse().ok())>
                    {addresses.iter().map(|a| view! { <option value=a.id.to_string()>{super::describe(a)}</option> }).collect_view()}
                </select></label>
            <label class="field"><span>{w.months}</span>
                <input type="number" data-testid="plan-months" min="12" step="12" max="60"
                    prop:value=move || months.get().to_string()
                    on:input=move |ev| months.set(event_target_value(&ev).parse().unwrap_or(0)) /></label>
            <button class="button" type="button" data-testid="subscribe" disabled=move || subscribe.pending().get() || no_address
                on:click=move |_| { subscribe.dispatch(()); }>{w.subscribe}</button>
            {action_status(subscribe)}
        </section>
    }
}
