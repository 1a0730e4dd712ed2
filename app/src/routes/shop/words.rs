//! The shop's and the provider console's words, in the product's two languages.

use senzu_core::plugins::Lang;

/// The table is core's (`senzu_core::i18n::shop`).
pub use senzu_core::i18n::shop::ShopWords as Words;

pub fn words(lang: Lang) -> &'static Words {
    Words::of(lang)
}

/// What a limit is called for people.
pub fn resource(w: &Words, r: senzu_core::plan::Resource) -> &'static str {
    match r {
        senzu_core::plan::Resource::Products => w.res_objects,
        senzu_core::plan::Resource::Applications => w.res_applications,
        senzu_core::plan::Resource::Plugins => w.res_plugins,
        senzu_core::plan::Resource::Storage => w.res_storage,
    }
}

/// An amount as people of the language write it: `12.90 EUR` / `12,90 EUR`.
pub fn money(lang: Lang, rendered: &str, currency: &str) -> String {
    match lang {
        Lang::Fr => format!("{}\u{a0}{currency}", rendered.replace('.', ",")),
        Lang::En => format!("{rendered}\u{a0}{currency}"),
    }
}
