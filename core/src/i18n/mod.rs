//! The SPA's words, in the product's two languages, from one mechanism: each
//! area's table is declared with [`words!`], which writes every word's English
//! and French side by side, so a word cannot exist in one language only (it
//! does not compile), and [`check`] (run by the tests) refuses an empty word
//! or a `{placeholder}` that one language has and the other lacks. An area's
//! table is its own type, so a bundle carries only the areas it shows (the
//! play bundle has the play's words alone).
//!
//! Dates and numbers are written for the language too ([`date`], [`number`]).

pub mod account;
pub mod application;
pub mod auth;
pub mod consent;
pub mod console;
pub mod dashboard;
pub mod docs;
pub mod errors;
pub mod groups;
pub mod maker;
pub mod pages;
pub mod panels;
pub mod play;
pub mod plugin_forms;
pub mod plugstore;
pub mod procedures;
pub mod product;
pub mod shop;
pub mod status;

pub use crate::plugins::Lang;

/// Declares one area's words: `struct Name { field: "English", "Français"; … }`
/// makes the struct (with `lang`), its `EN` and `FR`, `Name::of(lang)` and
/// `Name::all()` (each word as `(field, en, fr)`, for [`check`]).
#[macro_export]
macro_rules! words {
    ($(#[$doc:meta])* pub struct $name:ident { $($field:ident: $en:expr, $fr:expr;)* }) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $name {
            pub lang: $crate::plugins::Lang,
            $(pub $field: &'static str,)*
        }

        impl $name {
            pub const EN: $name = $name { lang: $crate::plugins::Lang::En, $($field: $en,)* };
            pub const FR: $name = $name { lang: $crate::plugins::Lang::Fr, $($field: $fr,)* };

            pub fn of(lang: $crate::plugins::Lang) -> &'static $name {
                match lang {
                    $crate::plugins::Lang::En => &Self::EN,
                    $crate::plugins::Lang::Fr => &Self::FR,
                }
            }

            /// Every word as `(field, English, French)`.
            pub fn all() -> Vec<(&'static str, &'static str, &'static str)> {
                vec![$((stringify!($field), $en, $fr)),*]
            }
        }

        impl $crate::i18n::Table for $name {
            fn of(lang: $crate::plugins::Lang) -> &'static Self {
                $name::of(lang)
            }
        }
    };
}

/// An area's table, for code that picks the table by type (the SPA's `tr::<T>()`).
pub trait Table: 'static {
    fn of(lang: Lang) -> &'static Self;
}

/// The `{name}` placeholders of a text, in order.
fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        out.push(&rest[open + 1..open + close]);
        rest = &rest[open + close + 1..];
    }
    out.sort_unstable();
    out
}

/// What is wrong with a table: words empty in one language, or whose
/// placeholders differ between the two. Empty when all is well.
pub fn check(area: &str, words: &[(&'static str, &'static str, &'static str)]) -> Vec<String> {
    let mut wrong = Vec::new();
    for (field, en, fr) in words {
        if en.trim().is_empty() || fr.trim().is_empty() {
            wrong.push(format!(
                "{area}.{field}: missing in {}",
                if en.trim().is_empty() { "English" } else { "French" }
            ));
        }
        if placeholders(en) != placeholders(fr) {
            wrong.push(format!("{area}.{field}: placeholders differ ({en:?} / {fr:?})"));
        }
    }
    wrong
}

/// `text` with each `{name}` replaced by its value.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = text.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// `n` as the language writes it: `12,345` / `12 345` (a narrow no-break space).
pub fn number(n: i64, lang: Lang) -> String {
    let digits = n.unsigned_abs().to_string();
    let sep = match lang {
        Lang::En => ",",
        Lang::Fr => "\u{202f}",
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

const MONTHS_EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTHS_FR: [&str; 12] =
    ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."];

/// A `YYYY-MM-DD…` date (the API's, UTC) as the language writes it:
/// `7 Dec 2026` / `7 déc. 2026`; anything else comes back as it was.
pub fn date(api_date: &str, lang: Lang) -> String {
    let parts: Vec<&str> = api_date.get(..10).unwrap_or("").split('-').collect();
    let [year, month, day] = parts[..] else { return api_date.to_string() };
    let (Ok(m), Ok(d)) = (month.parse::<usize>(), day.parse::<u32>()) else { return api_date.to_string() };
    let Some(index) = m.checked_sub(1).filter(|i| *i < 12) else { return api_date.to_string() };
    match lang {
        Lang::En => format!("{d} {} {year}", MONTHS_EN[index]),
        Lang::Fr => format!("{d} {} {year}", MONTHS_FR[index]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_area_has_every_word_in_both_languages() {
        let areas = [
            ("play", play::PlayWords::all()),
            ("shop", shop::ShopWords::all()),
            ("auth", auth::AuthWords::all()),
            ("consent", consent::ConsentWords::all()),
            ("dashboard", dashboard::DashWords::all()),
            ("account", account::AccountWords::all()),
            ("errors", errors::ErrorWords::all()),
            ("pages", pages::PageWords::all()),
            ("product", product::ProductWords::all()),
            ("application", application::AppWords::all()),
            ("panels", panels::PanelWords::all()),
            ("maker", maker::MakerWords::all()),
            ("groups", groups::GroupWords::all()),
            ("status", status::StatusWords::all()),
            ("plugin_forms", plugin_forms::PluginFormWords::all()),
            ("console", console::ConsoleWords::all()),
            ("procedures", procedures::ProcedureWords::all()),
            ("plugstore", plugstore::PlugstoreWords::all()),
            ("docs", docs::DocsWords::all()),
        ];
        let wrong: Vec<String> = areas.iter().flat_map(|(area, words)| check(area, words)).collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
        assert!(areas.iter().all(|(_, w)| !w.is_empty()));
    }

    #[test]
    fn every_error_code_has_its_sentence() {
        use crate::error::ErrorCode;
        for code in [400, 401, 402, 403, 404, 405, 409, 413, 419, 420, 429, 430, 460, 461, 462, 463, 464, 465, 500, 503]
        {
            let code = ErrorCode::from_code(code).unwrap_or_else(|| panic!("code {code}"));
            for lang in [Lang::En, Lang::Fr] {
                assert!(!errors::ErrorWords::of(lang).sentence(code).is_empty());
            }
        }
    }

    #[test]
    fn a_field_error_reads_as_a_sentence_without_the_developer_prefix() {
        use crate::error::{ApiError, ErrorCode};
        let fr = errors::ErrorWords::of(Lang::Fr);
        let en = errors::ErrorWords::of(Lang::En);
        let missing = ApiError::new(ErrorCode::MissingArgument, "missing argument: email");
        assert_eq!(fr.field_message(&missing), "Obligatoire.");
        let long = ApiError::new(ErrorCode::BadArgument, "bad argument: name: longer than 100 characters");
        assert_eq!(en.field_message(&long), "At most 100 characters.");
        assert_eq!(fr.field_message(&long), "100 caractères au plus.");
        let future = ApiError::new(ErrorCode::BadArgument, "bad argument: birthdate: is in the future");
        assert_eq!(fr.field_message(&future), "Cette date est dans le futur.");
        let other =
            ApiError::new(ErrorCode::BadArgument, "bad argument: image: must be an https address or /files/{name}");
        assert_eq!(en.field_message(&other), "Not valid: must be an https address or /files/{name}");
        // A message without the usual shape is shown whole, never dropped.
        let odd = ApiError::new(ErrorCode::BadArgument, "bad argument");
        assert_eq!(en.field_message(&odd), "Not valid: bad argument");
    }

    #[test]
    fn a_visitors_refusal_names_the_field_by_its_label() {
        use crate::error::{ApiError, ErrorCode};
        let fr = play::PlayWords::of(Lang::Fr);
        let email = ApiError::new(ErrorCode::BadArgument, "bad argument: email: must be an e-mail address");
        assert_eq!(fr.refusal(&email), "Vérifiez « Votre e-mail » : la valeur n'est pas valide.");
        let consent = ApiError::new(ErrorCode::MissingArgument, "missing argument: consent");
        assert!(play::PlayWords::of(Lang::En).refusal(&consent).starts_with("Fill in “I agree"));
        let busy = ApiError::new(ErrorCode::TooManyRequests, "too many messages");
        assert_eq!(fr.refusal(&busy), fr.too_many);
        assert_eq!(fr.refusal(&ApiError::new(ErrorCode::Internal, "boom")), fr.not_sent);
    }

    #[test]
    fn the_check_finds_a_word_missing_in_one_language() {
        let words = [("ok", "Save", "Enregistrer"), ("gap", "Delete", " "), ("n", "{n} files", "{count} fichiers")];
        let wrong = check("test", &words);
        assert_eq!(wrong.len(), 2, "{wrong:?}");
        assert!(wrong[0].contains("test.gap: missing in French"));
        assert!(wrong[1].contains("test.n: placeholders differ"));
    }

    #[test]
    fn numbers_and_dates_are_written_for_the_language() {
        assert_eq!(number(1234567, Lang::En), "1,234,567");
        assert_eq!(number(1234567, Lang::Fr), "1\u{202f}234\u{202f}567");
        assert_eq!(number(-12, Lang::En), "-12");
        assert_eq!(number(999, Lang::Fr), "999");
        assert_eq!(date("2026-12-07 11:39:47.000000", Lang::En), "7 Dec 2026");
        assert_eq!(date("2026-08-01", Lang::Fr), "1 août 2026");
        assert_eq!(date("soon", Lang::Fr), "soon");
        assert_eq!(fill("{n} of {max}", &[("n", "3"), ("max", "5")]), "3 of 5");
    }
}
