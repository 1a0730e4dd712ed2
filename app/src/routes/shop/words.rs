//! The shop's and the provider console's words, in the product's two languages.

use leptos::prelude::GetUntracked;
use senzu_core::order::OrderStatus;
use senzu_core::plugins::Lang;

/// The table is core's (`senzu_core::i18n::shop`).
pub use senzu_core::i18n::shop::ShopWords as Words;

pub fn words(lang: Lang) -> &'static Words {
    Words::of(lang)
}

/// The page's language (the browser's, or the person's choice).
pub fn browser_lang() -> Lang {
    crate::i18n::use_lang().get_untracked()
}

/// What a stage is called for people.
pub fn status(lang: Lang, s: OrderStatus) -> &'static str {
    use OrderStatus::*;
    match (lang, s) {
        (Lang::En, Created) => "Waiting for payment",
        (Lang::En, Paid) => "Paid",
        (Lang::En, InProduction) => "In production",
        (Lang::En, Dispatched) => "Dispatched",
        (Lang::En, Delivered) => "Delivered",
        (Lang::En, Cancelled) => "Cancelled",
        (Lang::En, Returned) => "Returned",
        (Lang::En, Refunded) => "Refunded",
        (Lang::Fr, Created) => "En attente de paiement",
        (Lang::Fr, Paid) => "Payée",
        (Lang::Fr, InProduction) => "En production",
        (Lang::Fr, Dispatched) => "Expédiée",
        (Lang::Fr, Delivered) => "Livrée",
        (Lang::Fr, Cancelled) => "Annulée",
        (Lang::Fr, Returned) => "Retournée",
        (Lang::Fr, Refunded) => "Remboursée",
    }
}

/// What a provider's button does to reach a stage.
pub fn action(lang: Lang, s: OrderStatus) -> &'static str {
    use OrderStatus::*;
    match (lang, s) {
        (Lang::En, InProduction) => "Take and produce",
        (Lang::En, Dispatched) => "Mark dispatched",
        (Lang::En, Delivered) => "Mark delivered",
        (Lang::En, Returned) => "Mark returned",
        (Lang::En, Refunded) => "Mark refunded",
        (Lang::Fr, InProduction) => "Prendre et produire",
        (Lang::Fr, Dispatched) => "Marquer expédiée",
        (Lang::Fr, Delivered) => "Marquer livrée",
        (Lang::Fr, Returned) => "Marquer retournée",
        (Lang::Fr, Refunded) => "Marquer remboursée",
        (lang, other) => status(lang, other),
    }
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
