//! `/dashboard/files`: the images an owner uploaded, arranged in folders —
//! upload with progress (into the folder shown), new folders, rename, move
//! and delete, and the storage the plan allows. `?folder=ID` is the folder
//! shown, so the back button walks the tree.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use senzu_core::api::files::{File, UpdateFile};
use senzu_core::api::folders::{CreateFolder, FolderSummary, UpdateFolder};
use senzu_core::api::{Id, Name, Patch};
use senzu_core::plan::{bytes, Resource};
use senzu_core::{ApiError, ErrorCode};

use super::{action_status, errors_view, Shell};
use crate::api;

/// Everything the page shows, read at once and refetched after each change.
#[derive(Clone)]
struct Library {
    folders: Vec<FolderSummary>,
    files: Vec<File>,
    used: i64,
    max: Option<i64>,
}

async fn library() -> Result<Library, ApiError> {
    let folders = api::files::folders().await?;
    let files = api::files::list().await?;
    let plan = api::shop::current_plan().await?;
    let storage = plan.usage.into_iter().find(|u| u.resource == Resource::Storage);
    let used = storage.as_ref().map_or_else(|| files.iter().map(|f| f.file_size).sum(), |s| s.used);
    Ok(Library { folders, files, used, max: storage.and_then(|s| s.max) })
}

/// One upload under way: its file name and how much is sent (0 to 1).
#[derive(Clone)]
struct Sending {
    key: u32,
    name: String,
    sent: RwSignal<f64>,
}

/// A folder and its parents, top first (for the breadcrumb).
fn path_to(folders: &[FolderSummary], id: Id) -> Vec<FolderSummary> {
    let mut path = Vec::new();
    let mut at = Some(id);
    while let Some(id) = at {
        let Some(f) = folders.iter().find(|f| f.id == id) else { break };
        if path.iter().any(|p: &FolderSummary| p.id == f.id) || path.len() > senzu_core::api::folders::MAX_DEPTH {
            break;
        }
        path.push(f.clone());
        at = f.parent;
    }
    path.reverse();
    path
}

/// The folders a thing may move into, each named by its path ("Logos / Old").
fn destinations(folders: &[FolderSummary], except: Option<Id>) -> Vec<(Id, String)> {
    let mut all: Vec<(Id, String)> = folders
        .iter()
        .filter(|f| Some(f.id) != except && !path_to(folders, f.id).iter().any(|p| Some(p.id) == except))
        .map(|f| (f.id, path_to(folders, f.id).iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(" / ")))
        .collect();
    all.sort_by_key(|(_, path)| path.to_lowercase());
    all
}

fn confirmed(question: &str) -> bool {
    window().confirm_with_message(question).unwrap_or(false)
}

#[component]
pub fn FilesPage() -> impl IntoView {
    let w = crate::i18n::dash();
    crate::components::page_title(Some(w.files_title));
    let query = use_query_map();
    let current = Memo::new(move |_| query.read().get("folder").and_then(|v| v.parse::<Id>().ok()));
    let data = LocalResource::new(library);
    let sending: RwSignal<Vec<Sending>> = RwSignal::new(Vec::new());
    let upload_error = RwSignal::new(None::<String>);
    let next_key = StoredValue::new(0u32);

    let create = Action::new_local(move |name: &String| {
        let name = name.clone();
        async move {
            let name = Name::new(&name).map_err(|why| ApiError::new(ErrorCode::BadArgument, format!("name: {why}")))?;
            let made = api::files::create_folder(&CreateFolder { name, id_parent: current.get_untracked() }).await?;
            data.refetch();
            Ok::<_, ApiError>(made)
        }
    });
    let change_folder = Action::new_local(move |(id, change): &(Id, UpdateFolder)| {
        let (id, change) = (*id, change.clone());
        async move {
            let changed = api::files::update_folder(id, &change).await?;
            data.refetch();
            Ok::<_, ApiError>(changed)
        }
    });
    let remove_folder = Action::new_local(move |id: &Id| {
        let id = *id;
        async move {
            let gone = api::files::delete_folder(id).await?;
            data.refetch();
            Ok::<_, ApiError>(gone)
        }
    });
    let change_file = Action::new_local(move |(id, change): &(Id, UpdateFile)| {
        let (id, change) = (*id, change.clone());
        async move {
            let changed = api::files::update(id, &change).await?;
            data.refetch();
            Ok::<_, ApiError>(changed)
        }
    });
    let remove_file = Action::new_local(move |id: &Id| {
        let id = *id;
        async move {
            let gone = api::files::delete(id).await?;
            data.refetch();
            Ok::<_, ApiError>(gone)
        }
    });

    // Each chosen file uploads on its own, into the folder shown, with its progress.
    let choose = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(list) = input.files() else { return };
        upload_error.set(None);
        for at in 0..list.length() {
            let Some(file) = list.get(at) else { continue };
            let key = next_key.get_value();
            next_key.set_value(key + 1);
            let item = Sending { key, name: file.name(), sent: RwSignal::new(0.0) };
            sending.update(|s| s.push(item.clone()));
            let folder = current.get_untracked();
            leptos::task::spawn_local(async move {
                let result = async {
                    let form = web_sys::FormData::new()
                        .map_err(|_| ApiError::new(ErrorCode::Internal, "the browser could not prepare the upload"))?;
                    let _ = form.append_with_str("name", &file.name());
                    let _ = form.append_with_blob("source", &file);
                    if let Some(id) = folder {
                        let _ = form.append_with_str("id_folder", &id.to_string());
                    }
                    let sent = item.sent;
                    api::files::upload_with_progress(form, move |f| sent.set(f)).await
                }
                .await;
                sending.update(|s| s.retain(|x| x.key != key));
                match result {
                    Ok(_) => data.refetch(),
                    Err(e) => {
                        upload_error.set(Some(format!("{}: {}", item.name, crate::components::short_sentence(&e))))
                    }
                }
            });
        }
        input.set_value("");
    };

    let new_name = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        create.dispatch(new_name.get_untracked());
        new_name.set(String::new());
    };

    view! {
        <Shell>
            <div class="dash-head">
                <h1>{w.files_title}</h1>
                <label class="button">
                    {w.files_upload}
                    <input class="sr-only" type="file" multiple accept="image/png,image/jpeg,image/gif,image/webp"
                        on:change=choose data-testid="files-upload" />
                </label>
            </div>
            <p class="muted">{w.files_hint}</p>
            <ul class="rows uploads" aria-live="polite" data-testid="uploads">
                <For each=move || sending.get() key=|s| s.key let:s>
                    <li>
                        <span>{s.name.clone()}</span>
                        <progress max="1" prop:value=move || s.sent.get() aria-label=senzu_core::i18n::fill(w.files_uploading, &[("name", &s.name)])></progress>
                    </li>
                </For>
            </ul>
            {move || upload_error.get().map(|m| view! { <p class="form-error" role="alert" data-testid="upload-error">{m}</p> })}
            <Suspense fallback=move || view! { <p class="muted">{w.loading}</p> }>
                <ErrorBoundary fallback=errors_view>
                    {move || Suspend::new(async move {
                        data.await.map(|lib| {
                            let here = current.get();
                            view! {
                                <Storage used=lib.used max=lib.max />
                                <Breadcrumb folders=lib.folders.clone() here />
                                <form class="inline-form" on:submit=submit data-testid="new-folder">
                                    <label><span>{w.files_new_folder}</span>
                                        <input required maxlength="100" prop:value=move || new_name.get()
                                            on:input=move |ev| new_name.set(event_target_value(&ev)) /></label>
                                    <button class="button button--ghost" type="submit">{w.files_create}</button>
                                </form>
                                <FolderList lib=lib.clone() here change_folder remove_folder />
                                <FileList lib here change_file remove_file />
                            }
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
            {action_status(create)}
            {action_status(change_folder)}
            {action_status(remove_folder)}
            {action_status(change_file)}
            {action_status(remove_file)}
        </Shell>
    }
}

#[component]
fn Storage(used: i64, max: Option<i64>) -> impl IntoView {
    let w = crate::i18n::dash();
    let text = match max {
        Some(max) => senzu_core::i18n::fill(w.files_used_of, &[("used", &bytes(used)), ("max", &bytes(max))]),
        None => senzu_core::i18n::fill(w.files_used, &[("used", &bytes(used))]),
    };
    view! {
        <p class="storage" data-testid="storage">
            <span>{text}</span>
            {max.map(|max| view! {
                <meter min="0" max=max.to_string() value=used.to_string() high=(max / 10 * 9).to_string()
                    aria-label=w.files_storage></meter>
            })}
            " " <a href="/shop/plans">{w.files_more}</a>
        </p>
    }
}

#[component]
fn Breadcrumb(folders: Vec<FolderSummary>, here: Option<Id>) -> impl IntoView {
    let w = crate::i18n::dash();
    let path = here.map(|id| path_to(&folders, id)).unwrap_or_default();
    view! {
        <nav class="breadcrumb" aria-label=w.files_folder data-testid="breadcrumb">
            <a href="/dashboard/files">{w.files_all}</a>
            {path.into_iter().map(|f| view! {
                " / " <a href=format!("/dashboard/files?folder={}", f.id)>{f.name}</a>
            }).collect_view()}
        </nav>
    }
}

#[component]
fn FolderList(
    lib: Library,
    here: Option<Id>,
    change_folder: Action<(Id, UpdateFolder), Result<senzu_core::api::folders::Folder, ApiError>>,
    remove_folder: Action<Id, Result<senzu_core::api::Deleted, ApiError>>,
) -> impl IntoView {
    let w = crate::i18n::dash();
    let inside: Vec<FolderSummary> = lib.folders.iter().filter(|f| f.parent == here).cloned().collect();
    let all = lib.folders.clone();
    view! {
        <ul class="rows folders" data-testid="folders">
            {inside.into_iter().map(|f| {
                let id = f.id;
                let count = lib.files.iter().filter(|x| x.id_folder == Some(id)).count();
                let renaming = RwSignal::new(false);
                let name = RwSignal::new(f.name.clone());
                let targets = destinations(&all, Some(id));
                let rename = move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    if let Ok(n) = Name::new(&name.get_untracked()) {
                        change_folder.dispatch((id, UpdateFolder { name: Some(n), ..UpdateFolder::default() }));
                    }
                    renaming.set(false);
                };
                let move_to = move |ev: leptos::ev::Event| {
                    let to = event_target_value(&ev);
                    let id_parent = match to.as_str() {
                        "" => return,
                        "top" => Patch::Clear,
                        other => match other.parse::<Id>() { Ok(p) => Patch::Set(p), Err(_) => return },
                    };
                    change_folder.dispatch((id, UpdateFolder { id_parent, ..UpdateFolder::default() }));
                };
                let label = f.name.clone();
                view! {
                    <li class="folder-row" data-testid="folder">
                        <span class="folder-row__icon" aria-hidden="true">"▸"</span>
                        {move || if renaming.get() {
                            view! {
                                <form class="inline-form" on:submit=rename>
                                    <label><span class="sr-only">{w.files_folder_name}</span>
                                        <input required maxlength="100" prop:value=move || name.get()
                                            on:input=move |ev| name.set(event_target_value(&ev)) /></label>
                                    <button class="button button--ghost" type="submit">{w.files_save}</button>
                                </form>
                            }.into_any()
                        } else {
                            view! { <a href=format!("/dashboard/files?folder={id}")>{name.get()}</a> }.into_any()
                        }}
                        <span class="muted">{if count == 1 { w.files_count_one.to_string() } else { senzu_core::i18n::fill(w.files_count, &[("n", &count.to_string())]) }}</span>
                        <span class="row-actions">
                            <button class="link-button" type="button" on:click=move |_| renaming.update(|r| *r = !*r)>{w.files_rename}</button>
                            <label><span class="sr-only">{senzu_core::i18n::fill(w.files_move_label, &[("name", &label)])}</span>
                                <select on:change=move_to data-testid="folder-move">
                                    <option value="">{w.files_move_to}</option>
                                    {here.is_some().then(|| view! { <option value="top">{w.files_top}</option> })}
                                    {targets.into_iter().map(|(id, path)| view! { <option value=id.to_string()>{path}</option> }).collect_view()}
                                </select></label>
                            <button class="link-button danger" type="button" data-testid="folder-delete"
                                on:click=move |_| if confirmed(w.files_delete_folder) {
                                    remove_folder.dispatch(id);
                                }>{w.files_delete}</button>
                        </span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

#[component]
fn FileList(
    lib: Library,
    here: Option<Id>,
    change_file: Action<(Id, UpdateFile), Result<File, ApiError>>,
    remove_file: Action<Id, Result<senzu_core::api::files::FileDeleted, ApiError>>,
) -> impl IntoView {
    let w = crate::i18n::dash();
    let files: Vec<File> = lib.files.iter().filter(|f| f.id_folder == here).cloned().collect();
    let targets = destinations(&lib.folders, None);
    if files.is_empty() {
        return view! { <p class="empty" data-testid="no-files">{w.files_empty}</p> }.into_any();
    }
    view! {
        <ul class="file-grid" data-testid="files">
            {files.into_iter().map(|f| {
                let id = f.id;
                let targets = targets.clone();
                let move_to = move |ev: leptos::ev::Event| {
                    let to = event_target_value(&ev);
                    let id_folder = match to.as_str() {
                        "" => return,
                        "top" => Patch::Clear,
                        other => match other.parse::<Id>() { Ok(p) => Patch::Set(p), Err(_) => return },
                    };
                    change_file.dispatch((id, UpdateFile { id_folder, ..UpdateFile::default() }));
                };
                let date = f.date_created.date.get(..10).unwrap_or(&f.date_created.date).to_string();
                view! {
                    <li class="file-card" data-testid="file">
                        <img src=f.url.clone() alt="" loading="lazy" />
                        <strong class="file-card__name">{f.name.clone()}</strong>
                        <span class="muted">{format!("{} · {date}", bytes(f.file_size))}</span>
                        <label><span class="sr-only">{senzu_core::i18n::fill(w.files_move_label, &[("name", &f.name)])}</span>
                            <select on:change=move_to data-testid="file-move">
                                <option value="">{w.files_move_to}</option>
                                {here.is_some().then(|| view! { <option value="top">{w.files_top}</option> })}
                                {targets.into_iter().filter(|(t, _)| Some(*t) != here)
                                    .map(|(id, path)| view! { <option value=id.to_string()>{path}</option> }).collect_view()}
                            </select></label>
                        <button class="link-button danger" type="button" data-testid="file-delete"
                            on:click=move |_| if confirmed(w.files_delete_file) {
                                remove_file.dispatch(id);
                            }>{w.files_delete}</button>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// The picker of the application editor: the owner's images, by folder.
#[component]
pub fn ImagePicker(on_pick: Callback<File>) -> impl IntoView {
    let data = LocalResource::new(|| async {
        let folders = api::files::folders().await?;
        let files = api::files::list().await?;
        Ok::<_, ApiError>((folders, files))
    });
    let open = RwSignal::new(false);
    let w = crate::i18n::dash();
    view! {
        <div class="image-picker">
            <button class="button button--ghost" type="button" data-testid="pick-image"
                on:click=move |_| { if !open.get_untracked() { data.refetch(); } open.update(|o| *o = !*o); }>
                {w.files_pick}</button>
            <Show when=move || open.get()>
                <Suspense fallback=move || view! { <p class="muted">{w.loading}</p> }>
                    {move || Suspend::new(async move {
                        match data.await {
                            Err(error) => view! { <crate::components::ErrorView error /> }.into_any(),
                            Ok((_, files)) if files.is_empty() => view! {
                                <p class="muted"><a href="/dashboard/files">{w.files_none_yet}</a></p>
                            }.into_any(),
                            Ok((folders, files)) => view! {
                                <ul class="file-grid file-grid--picker" data-testid="picker">
                                    {files.into_iter().map(|f| {
                                        let place = f.id_folder.map(|id| path_to(&folders, id).into_iter().map(|p| p.name).collect::<Vec<_>>().join(" / "));
                                        let label = f.name.clone();
                                        let picked = f.clone();
                                        view! {
                                            <li>
                                                <button class="file-card file-card--pick" type="button" data-testid="picker-file"
                                                    on:click=move |_| { on_pick.run(picked.clone()); open.set(false); }>
                                                    <img src=f.url.clone() alt="" loading="lazy" />
                                                    <span class="file-card__name">{label}</span>
                                                    {place.map(|p| view! { <span class="muted">{p}</span> })}
                                                </button>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any(),
                        }
                    })}
                </Suspense>
            </Show>
        </div>
    }
}
