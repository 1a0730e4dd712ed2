//! The SPA's language: the browser's (its Accept-Language, as
//! `navigator.languages` says it) unless the person chose another with the
//! switch in the top bar (kept in this browser). The words themselves are
//! core's tables (`senzu_core::i18n`), one per area, every word in both languages.

use leptos::prelude::*;
use senzu_core::i18n::application::AppWords;
use senzu_core::i18n::dashboard::DashWords;
use senzu_core::i18n::pages::PageWords;
use senzu_core::i18n::panels::PanelWords;
use senzu_core::i18n::product::ProductWords;
pub use senzu_core::i18n::Table;
use senzu_core::plugins::Lang;

pub use senzu_core::i18n::play::PlayWords as Words;

/// The play's words (the play bundle reads only these).
pub fn words(lang: Lang) -> &'static Words {
    Words::of(lang)
}

const CHOICE: &str = "senzu.lang";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The language the person chose with the switch in this browser, if they did.
pub fn chosen_lang() -> Option<Lang> {
    match storage().and_then(|s| s.get_item(CHOICE).ok().flatten()).as_deref() {
        Some("fr") => Some(Lang::Fr),
        Some("en") => Some(Lang::En),
        _ => None,
    }
}

/// The person's choice in this browser, else the browser's first language we speak.
pub fn browser_lang() -> Lang {
    if let Some(chosen) = chosen_lang() {
        return chosen;
    }
    let navigator = window().navigator();
    let listed: Vec<String> = navigator.languages().iter().filter_map(|l| l.as_string()).collect();
    let header = if listed.is_empty() { navigator.language().unwrap_or_default() } else { listed.join(",") };
    Lang::from_accept_language(&header)
}

/// The page's language, shared by every component below the app.
#[derive(Clone, Copy)]
struct UiLang(RwSignal<Lang>);

/// Called once by the app: the language every page reads with [`use_lang`].
pub fn provide_lang() {
    let lang = RwSignal::new(browser_lang());
    provide_context(UiLang(lang));
    Effect::new(move || {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.get().code());
        }
    });
}

/// The page's language.
pub fn use_lang() -> RwSignal<Lang> {
    use_context::<UiLang>().map(|l| l.0).unwrap_or_else(|| RwSignal::new(browser_lang()))
}

/// English / Français, remembered in this browser (the page reloads in it).
#[component]
pub fn LangSwitch() -> impl IntoView {
    let lang = use_lang();
    let label = move || DashWords::of(lang.get()).language;
    view! {
        <label class="lang-switch"><span class="sr-only">{label}</span>
            <select data-testid="lang-switch" prop:value=move || lang.get().code() on:change=move |ev| {
                let chosen = if event_target_value(&ev) == "fr" { Lang::Fr } else { Lang::En };
                if let Some(s) = storage() { let _ = s.set_item(CHOICE, chosen.code()); }
                lang.set(chosen);
                // Every page reads its words once: a reload shows this one in the new language.
                let _ = window().location().reload();
            }>
                <option value="en" lang="en">"English"</option>
                <option value="fr" lang="fr">"Français"</option>
            </select></label>
    }
}

/// The page's language, read once (pages read their words when they are made).
pub fn page_lang() -> Lang {
    use_lang().get_untracked()
}

/// A chmod level's name in the page's language ("Reader" / "Lecteur").
pub fn level_name(level: senzu_core::chmod::Level) -> &'static str {
    level.name(page_lang() == Lang::Fr)
}

/// An area's words in the page's language: `tr::<AccountWords>()`.
pub fn tr<T: Table>() -> &'static T {
    T::of(page_lang())
}

// The areas most pages read, by a short name.
pub fn dash() -> &'static DashWords {
    tr()
}
pub fn pages() -> &'static PageWords {
    tr()
}
pub fn product() -> &'static ProductWords {
    tr()
}
pub fn app_words() -> &'static AppWords {
    tr()
}
pub fn panels() -> &'static PanelWords {
    tr()
}
