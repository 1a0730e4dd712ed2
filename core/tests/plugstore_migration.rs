//! The plugstore seeded by migration and the kinds core knows must agree.

use senzu_core::plugins::{Kind, ALL_KINDS};

const MIGRATION: &str = include_str!("../../worker/migrations/0003_seed_plugstore.sql");

#[test]
fn every_seeded_plugstore_entry_is_a_known_kind_with_its_names() {
    let rows: Vec<&str> = MIGRATION.lines().filter(|l| l.trim_start().starts_with('(')).collect();
    assert_eq!(rows.len(), ALL_KINDS.len());
    for (i, row) in rows.iter().enumerate() {
        let kind = ALL_KINDS[i];
        let (fr, en) = kind.names();
        let expected =
            format!("({}, '{}', '{}', '{}', '{}')", i + 1, kind.id(), fr, en, kind.category().replace('\'', "''"));
        assert!(row.contains(&expected), "row {i}: {row}\nexpected {expected}");
        assert_eq!(Kind::parse(kind.id()), Some(kind));
    }
}
