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

const PARTNERS: &str = include_str!("../../worker/migrations/0009_partner_plugins.sql");

#[test]
fn partner_plugstore_entries_follow_the_first_party_ones() {
    let rows: Vec<&str> =
        PARTNERS.lines().filter(|l| l.trim_start().starts_with("(1") || l.trim_start().starts_with("(2")).collect();
    assert_eq!(rows.len(), senzu_core::plugins::PARTNER_KINDS.len());
    for (i, kind) in senzu_core::plugins::PARTNER_KINDS.iter().enumerate() {
        let (fr, en) = kind.names();
        let expected = format!("({}, '{}', '{}', '{}', 'Partenaires'", ALL_KINDS.len() + i + 1, kind.id(), fr, en);
        assert!(rows[i].contains(&expected), "row {i}: {}\nexpected {expected}", rows[i]);
        assert!(kind.is_partner());
        assert_eq!(senzu_core::plugins::store().nth(ALL_KINDS.len() + i), Some(*kind));
    }
}
