//! The icons a plugin tile can show (`GET /v1/icons`): each first-party kind's
//! own (id = its plugstore id, tag = its kind) and a few general ones from 100
//! for developers' plugins. 24×24 SVG paths, Senzu's constants: a developer
//! picks one by id and never sends markup.

use crate::plugins::{store, Kind};

/// The general icons, ids from 100.
const GENERAL: [(&str, &str); 5] = [
    ("puzzle", PUZZLE),
    ("link", "M10.6 13.4a1 1 0 0 1 0-1.4l3-3a1 1 0 1 1 1.4 1.4l-3 3a1 1 0 0 1-1.4 0zM8.5 20a4.5 4.5 0 0 1-3.2-7.7l2.5-2.5 1.4 1.4-2.5 2.5a2.5 2.5 0 0 0 3.5 3.5l2.5-2.5 1.4 1.4-2.5 2.5A4.5 4.5 0 0 1 8.5 20zm7.7-5.8-1.4-1.4 2.5-2.5a2.5 2.5 0 0 0-3.5-3.5l-2.5 2.5-1.4-1.4 2.5-2.5a4.5 4.5 0 0 1 6.4 6.4z"),
    ("star", "M12 2l2.9 6.1 6.6.8-4.9 4.6 1.3 6.5L12 16.8 6.1 20l1.3-6.5L2.5 8.9l6.6-.8z"),
    ("info", "M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20zm-1 8v7h2v-7zm0-4v2h2V6z"),
    ("music", "M9 3v10.6A4 4 0 1 0 11 17V7h8V3z"),
];

/// The icon of developers' plugins when theirs is unknown.
pub const PUZZLE: &str = "M10 3a2 2 0 0 1 4 0v1h4a1 1 0 0 1 1 1v4h1a2 2 0 0 1 0 4h-1v5a1 1 0 0 1-1 1h-5v-1a2 2 0 0 0-4 0v1H5a1 1 0 0 1-1-1v-5h1a2 2 0 0 0 0-4H4V5a1 1 0 0 1 1-1h5z";

/// The first general icon's id.
pub const FIRST_GENERAL: i64 = 100;

/// Every icon: (id, tag, path).
pub fn all() -> impl Iterator<Item = (i64, &'static str, &'static str)> {
    let kinds = store().enumerate().map(|(i, k)| (i as i64 + 1, k.id(), k.icon_path()));
    let general = GENERAL.iter().enumerate().map(|(i, (tag, path))| (FIRST_GENERAL + i as i64, *tag, *path));
    kinds.chain(general)
}

/// The path of icon `id`, if there is one.
pub fn path(id: i64) -> Option<&'static str> {
    all().find(|(i, _, _)| *i == id).map(|(_, _, p)| p)
}

/// A kind's icon id (its plugstore id); developers' plugins have theirs.
pub fn of_kind(kind: Kind) -> Option<i64> {
    store().position(|k| k == kind).map(|i| i as i64 + 1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_are_unique_and_each_kind_has_its_own() {
        let ids: Vec<i64> = super::all().map(|(i, _, _)| i).collect();
        let mut sorted = ids.clone();
        sorted.dedup();
        assert_eq!(ids, sorted);
        for kind in crate::plugins::store() {
            assert_eq!(super::path(super::of_kind(kind).unwrap()), Some(kind.icon_path()));
        }
        assert_eq!(super::path(super::FIRST_GENERAL), Some(super::PUZZLE));
        assert_eq!(super::path(99), None);
    }
}
