//! The console's mail templates of one app: the mails its users' procedures
//! send (registration, password and e-mail changes, account deletion), each
//! per language, written in MiniJinja with a live preview rendered by the
//! worker's own mailer (so what is shown is what is sent), saved, switched
//! off or deleted.

use leptos::prelude::*;
use senzu_core::api::apps::{MailTemplate, PreviewMailTemplate, SaveMailTemplate};
use senzu_core::api::{Id, Name};
use senzu_core::i18n::console::ConsoleWords;
use senzu_core::i18n::fill;
use senzu_core::mail::MailType;
use senzu_core::{ApiError, ErrorCode};

use crate::api;
use crate::components::ErrorView;

/// What each type's template can use (the documented "Template Data usable").
fn variables(t: MailType) -> String {
    let mut names = vec!["data.firstname", "data.lastname", "data.email"];
    let url = format!("data.{}", t.url_variable());
    names.push(&url);
    names.iter().map(|n| format!("{{{{ {n} }}}}")).collect::<Vec<_>>().join(" ")
}

const STARTER: &str =
    "<p>Hello {{ data.firstname }},</p>\n<p><a href=\"{{ data.activation_url }}\">Activate your account</a></p>";

#[component]
pub fn MailTemplates(id: Id) -> impl IntoView {
    let w = crate::i18n::tr::<ConsoleWords>();
    let list = LocalResource::new(move || api::apps::mail_templates(id));
    let kind = RwSignal::new(MailType::Registration);
    let lang = RwSignal::new("en".to_string());
    let code = RwSignal::new(STARTER.to_string());
    // The preview follows the code a moment after typing stops.
    let shown = RwSignal::new(code.get_untracked());
    let typed = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        code.set(value.clone());
        set_timeout(
            move || {
                if code.get_untracked() == value {
                    shown.set(value);
                }
            },
            std::time::Duration::from_millis(350),
        );
    };
    let preview = LocalResource::new(move || {
        let request = Name::new(&shown.get()).map(|code| PreviewMailTemplate {
            mail_type: kind.get().as_str().to_string(),
            lang: Some(lang.get()),
            code,
        });
        async move {
            let request = request.map_err(|why| ApiError::new(ErrorCode::MissingArgument, format!("code: {why}")))?;
            api::apps::preview_mail_template(id, &request).await
        }
    });
    // The template saved for the chosen type and language, if any.
    let existing = move || {
        let (k, l) = (kind.get(), lang.get());
        list.get().and_then(|r| r.ok()).and_then(|all| {
            all.into_iter().find(|t| t.mail_type == k.as_str() && t.lang.as_deref() == Some(l.as_str()))
        })
    };
    // Choosing a saved one loads its code.
    let load = move |t: MailTemplate| {
        if let Some(k) = MailType::parse_app_template(&t.mail_type) {
            kind.set(k);
        }
        lang.set(t.lang.clone().unwrap_or_else(|| "en".into()));
        code.set(t.code.clone());
        shown.set(t.code);
    };
    let save = Action::new_local(move |enabled: &Option<bool>| {
        let enabled = *enabled;
        let target = existing().map(|t| t.id);
        let given = Name::new(&code.get_untracked()).map(|c| SaveMailTemplate {
            mail_type: Some(kind.get_untracked().as_str().to_string()),
            lang: Some(lang.get_untracked()),
            code: Some(c),
            is_enabled: enabled,
        });
        async move {
            let given = given.map_err(|why| ApiError::new(ErrorCode::MissingArgument, format!("code: {why}")))?;
            let saved = api::apps::save_mail_template(id, target, &given).await?;
            list.refetch();
            Ok::<_, ApiError>(saved)
        }
    });
    let remove = Action::new_local(move |id_template: &Id| {
        let id_template = *id_template;
        async move {
            let gone = api::apps::delete_mail_template(id, id_template).await?;
            list.refetch();
            Ok::<_, ApiError>(gone)
        }
    });
    let toggle = Action::new_local(move |(id_template, on): &(Id, bool)| {
        let (id_template, on) = (*id_template, *on);
        async move {
            let change = SaveMailTemplate { is_enabled: Some(on), ..SaveMailTemplate::default() };
            let saved = api::apps::save_mail_template(id, Some(id_template), &change).await?;
            list.refetch();
            Ok::<_, ApiError>(saved)
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(None);
    };
    view! {
        <section class="panel" data-testid="mail-templates" aria-labelledby="mail-templates-title">
            <h2 id="mail-templates-title">{w.mails_title}</h2>
            <p class="muted">{w.mails_intro}</p>
            <Suspense fallback=move || view! { <p class="muted">{w.loading}</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok(all) if all.is_empty() => view! { <p class="muted" data-testid="no-templates">{w.mails_none}</p> }.into_any(),
                        Ok(all) => view! {
                            <ul class="rows" data-testid="templates">
                                {all.into_iter().map(|t| {
                                    let (tid, on) = (t.id, t.is_enabled);
                                    let label = format!("{} · {}", t.mail_type, t.lang.clone().unwrap_or_else(|| w.mails_any_language.into()));
                                    let chosen = t.clone();
                                    view! {
                                        <li data-testid="template">
                                            <button class="link-button" type="button" on:click=move |_| load(chosen.clone())>{label}</button>
                                            <span class="row-actions">
                                                <span class="badge" class:badge--ok=on>{if on { w.mails_in_use } else { w.mails_off }}</span>
                                                <button class="link-button" type="button" on:click=move |_| { toggle.dispatch((tid, !on)); }>
                                                    {if on { w.mails_switch_off } else { w.mails_switch_on }}</button>
                                                <button class="link-button danger" type="button" on:click=move |_| { remove.dispatch(tid); }>{w.mails_delete}</button>
                                            </span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Suspense>
            <form class="form template-editor" on:submit=submit data-testid="template-form">
                <div class="form__row">
                    <label class="field"><span>{w.mails_mail}</span>
                        <select prop:value=move || kind.get().as_str() on:change=move |ev| {
                            if let Some(k) = MailType::parse_app_template(&event_target_value(&ev)) { kind.set(k); }
                        }>
                            {MailType::APP_TEMPLATES.into_iter().map(|t| view! { <option value=t.as_str()>{t.as_str()}</option> }).collect_view()}
                        </select></label>
                    <label class="field"><span>{w.mails_language}</span>
                        <select prop:value=move || lang.get() on:change=move |ev| lang.set(event_target_value(&ev))>
                            <option value="en">"English"</option>
                            <option value="fr">"Français"</option>
                        </select></label>
                </div>
                <p class="muted">{w.mails_you_can_use} <code>{move || variables(kind.get())}</code></p>
                <div class="template-editor__panes">
                    <label class="field"><span>{w.mails_template}</span>
                        <textarea class="mono" rows="12" spellcheck="false" prop:value=move || code.get() on:input=typed
                            data-testid="template-code"></textarea></label>
                    <div class="field">
                        <span>{w.mails_preview}</span>
                        <Suspense fallback=move || view! { <p class="muted">{w.mails_rendering}</p> }>
                            {move || Suspend::new(async move {
                                match preview.await {
                                    Ok(mail) => view! {
                                        <p class="muted" data-testid="preview-subject">{fill(w.mails_subject, &[("subject", &mail.subject)])}</p>
                                        // Sandboxed: a template's HTML never runs in the console.
                                        <iframe class="mail-preview" title=w.mails_preview_title sandbox="" srcdoc=mail.html
                                            data-testid="template-preview"></iframe>
                                    }.into_any(),
                                    Err(e) => view! { <p class="form-error" role="alert" data-testid="preview-error">{e.message}</p> }.into_any(),
                                }
                            })}
                        </Suspense>
                    </div>
                </div>
                <div class="form__actions">
                    <button class="button" type="submit" disabled=move || save.pending().get()>
                        {move || if existing().is_some() { w.mails_save_changes } else { w.mails_save_template }}</button>
                </div>
                {move || save.value().get().map(|r| match r {
                    Ok(_) => view! { <p class="form-ok" role="status" data-testid="template-saved">{w.mails_saved}</p> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                })}
            </form>
        </section>
    }
}
