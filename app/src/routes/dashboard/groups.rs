//! Products groups in the dashboard: the list (with creating one) on the
//! objects page, and a group's page — its objects, one application for all
//! their records, on/off for all, sharing the whole group, deleting it.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use senzu_core::api::groups::{CreateGroup, Group, UpdateGroup};
use senzu_core::api::products::Product;
use senzu_core::api::{Id, Name, Patch};
use senzu_core::chmod::Action as Can;
use senzu_core::i18n::groups::GroupWords;
use senzu_core::{ApiError, ErrorCode};

use super::sharing::SharingPanel;
use super::{action_status, errors_view, managed_applications, product_name, AppChoice, Shell};
use crate::api::{groups, products};

/// The objects page's groups section.
#[component]
pub fn GroupsSection() -> impl IntoView {
    let w = crate::i18n::tr::<GroupWords>();
    let list = LocalResource::new(groups::list);
    let name = RwSignal::new(String::new());
    let create = Action::new_local(move |alias: &String| {
        let alias = alias.clone();
        async move {
            let alias_name = Name::new(&alias)
                .map_err(|why| ApiError::new(ErrorCode::BadArgument, format!("bad argument: alias_name: {why}")))?;
            let group = groups::create(&CreateGroup { alias_name }).await?;
            name.set(String::new());
            list.refetch();
            Ok::<_, ApiError>(group)
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        create.dispatch(name.get_untracked());
    };
    view! {
        <section class="panel groups" data-testid="groups">
            <h2>{w.groups}</h2>
            <p class="muted">{w.intro}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(e) => crate::routes::dashboard::failure(e),
                        Ok(list) => view! {
                            <ul class="rows">
                                {list.into_iter().map(|g| view! {
                                    <li><a href=format!("/dashboard/groups/{}", g.id)>{g.alias_name}</a>
                                        <span class="muted">{format!("{} · {}", objects(g.quantity_product, w), crate::i18n::level_name(g.chmod))}</span></li>
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Suspense>
            <form class="form form--inline" on:submit=submit>
                <label class="field"><span>{w.new_group}</span>
                    <input required maxlength="100" placeholder=w.name_example prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev)) /></label>
                <button class="button" type="submit" disabled=move || create.pending().get()>{w.create}</button>
            </form>
            {action_status(create)}
        </section>
    }
}

#[component]
pub fn GroupPage() -> impl IntoView {
    let w = crate::i18n::tr::<GroupWords>();
    crate::components::page_title(Some(w.title));
    let params = use_params_map();
    // Read inside the resource: going from one group to another reloads the page's data.
    let id = move || params.with(|p| p.get("id").and_then(|i| i.parse::<Id>().ok()).unwrap_or_default());
    let data = LocalResource::new(move || {
        let id = id();
        async move {
            let group = groups::get(id).await?;
            let products = products::list().await?;
            let apps = managed_applications().await?;
            Ok::<_, ApiError>((group, products, apps))
        }
    });
    view! {
        <Shell>
            <Suspense fallback=move || view! { <p class="muted">{w.loading}</p> }>
                <ErrorBoundary fallback=errors_view>
                    {move || Suspend::new(async move {
                        data.await.map(|(group, products, apps)| view! { <GroupView group products apps /> })
                    })}
                </ErrorBoundary>
            </Suspense>
        </Shell>
    }
}

#[component]
fn GroupView(group: Group, products: Vec<Product>, apps: Vec<AppChoice>) -> impl IntoView {
    let w = crate::i18n::tr::<GroupWords>();
    let id = group.id;
    let mine = group.chmod;
    let members: Vec<Product> = products.into_iter().filter(|p| group.products.contains(&p.id)).collect();
    let update = Action::new_local(move |changes: &UpdateGroup| {
        let changes = changes.clone();
        async move { groups::update(id, &changes).await }
    });
    let set_app = move |ev: leptos::ev::Event| {
        let app = event_target_value(&ev).parse::<Id>().ok();
        update.dispatch(UpdateGroup { id_application: Patch::from(app), ..Default::default() });
    };
    let set_enabled = move |on: bool| {
        update.dispatch(UpdateGroup { is_enabled: Some(on), ..Default::default() });
    };
    let remove = Action::new_local(move |_: &()| async move {
        groups::delete(id).await?;
        let _ = window().location().set_href("/dashboard");
        Ok::<_, ApiError>(())
    });
    let delete = move |_| {
        if window().confirm_with_message(w.delete_confirm).unwrap_or(false) {
            remove.dispatch(());
        }
    };
    let manages = Can::EditBasics.allowed(mine);
    view! {
        <div class="dash-head"><h1 data-testid="group-name">{group.alias_name.clone()}</h1>
            <span class="muted">{w.your_rights} " " {crate::i18n::level_name(mine)}</span></div>
        <div class="dash-grid">
            <div class="dash-col">
                <section class="panel">
                    <h2>{w.objects_title}</h2>
                    {if members.is_empty() {
                        view! { <p class="empty">{w.no_object}</p> }.into_any()
                    } else {
                        view! { <ul class="rows">{members.into_iter().map(|p| view! {
                            <li><a href=format!("/dashboard/products/{}", p.id)>{p.alias_name.clone().unwrap_or_else(|| product_name(&p))}</a></li>
                        }).collect_view()}</ul> }.into_any()
                    }}
                </section>
                {manages.then(|| view! {
                    <section class="panel">
                        <h2>{w.for_all}</h2>
                        <label class="field"><span>{w.application_all}</span>
                            <select on:change=set_app>
                                <option value="">{w.choose}</option>
                                {apps.into_iter().map(|a| view! { <option value=a.id.to_string()>{a.name}</option> }).collect_view()}
                            </select></label>
                        <div class="danger-actions">
                            <button class="button button--ghost" type="button" on:click=move |_| set_enabled(true)>{w.turn_all_on}</button>
                            <button class="button button--ghost" type="button" on:click=move |_| set_enabled(false)>{w.turn_all_off}</button>
                        </div>
                        {action_status(update)}
                    </section>
                })}
            </div>
            <div class="dash-col">
                <SharingPanel kind="groups" id mine />
                {Can::Own.allowed(mine).then(|| view! {
                    <section class="panel panel--danger">
                        <button class="button button--danger" type="button" on:click=delete>{w.delete}</button>
                        {action_status(remove)}
                    </section>
                })}
            </div>
        </div>
    }
}

/// "1 object" / "3 objects", the number written for the language.
fn objects(n: usize, w: &GroupWords) -> String {
    let word = if n == 1 { w.objects_one } else { w.objects_many };
    senzu_core::i18n::fill(word, &[("n", &senzu_core::i18n::number(i64::try_from(n).unwrap_or(i64::MAX), w.lang))])
}
