//! Permission levels ("chmod") on shared products and applications, and the
//! rules for granting them — the documented tables, in one place so the
//! worker and the dashboard agree.
//!
//! | chmod | name    | product                                  | application                              |
//! |-------|---------|------------------------------------------|------------------------------------------|
//! | 0     | Nothing | cannot see it                            | cannot see it                            |
//! | 1     | Reader  | sees it                                  | sees it                                  |
//! | 2     | User    | manages their own role, secondary app    | adds/edits/deletes their own plugins     |
//! | 3     | Manager | edits basics and the records' apps       | edits every plugin                       |
//! | 4     | Admin   | grants access, edits the product         | grants access, edits the application     |
//! | 5     | Owner   | deletes, resets, grants owner            | deletes, grants owner                    |
//!
//! Groups: a product's level is the higher of the caller's direct level and the
//! level their group membership gives — and that one never exceeds what the
//! person who put the product into the group holds on it directly (now). Only
//! a product's owner puts it into a group (one they manage) or takes it out, so
//! no path through a group raises anyone above the granter.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "u8", try_from = "u8")]
pub enum Level {
    Nothing = 0,
    Reader = 1,
    User = 2,
    Manager = 3,
    Admin = 4,
    Owner = 5,
}

pub const LEVELS: [Level; 6] = [Level::Nothing, Level::Reader, Level::User, Level::Manager, Level::Admin, Level::Owner];

impl From<Level> for u8 {
    fn from(l: Level) -> u8 {
        l as u8
    }
}

impl TryFrom<u8> for Level {
    type Error = String;
    fn try_from(v: u8) -> Result<Self, String> {
        LEVELS.get(usize::from(v)).copied().ok_or_else(|| format!("chmod must be 0 to 5, not {v}"))
    }
}

impl Level {
    pub fn parse(s: &str) -> Result<Level, String> {
        s.trim().parse::<u8>().map_err(|_| format!("chmod must be a number from 0 to 5, not {s:?}"))?.try_into()
    }

    pub fn from_i64(v: i64) -> Level {
        u8::try_from(v).ok().and_then(|v| Level::try_from(v).ok()).unwrap_or(Level::Nothing)
    }

    pub fn name(self, fr: bool) -> &'static str {
        match (self, fr) {
            (Level::Nothing, false) => "Nothing",
            (Level::Reader, false) => "Reader",
            (Level::User, false) => "User",
            (Level::Manager, false) => "Manager",
            (Level::Admin, false) => "Admin",
            (Level::Owner, false) => "Owner",
            (Level::Nothing, true) => "Aucun",
            (Level::Reader, true) => "Lecteur",
            (Level::User, true) => "Utilisateur",
            (Level::Manager, true) => "Gestionnaire",
            (Level::Admin, true) => "Administrateur",
            (Level::Owner, true) => "Propriétaire",
        }
    }
}

/// What a caller wants to do to a product or an application, and the level it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Read it, its records, its plugins, its insights.
    See,
    /// Add, edit or delete plugins one created (applications).
    EditOwnPlugins,
    /// Product basics (alias, lost, the records' applications); every plugin of an application.
    EditBasics,
    /// Share it, change others' access; edit an application's parameters.
    Administer,
    /// Delete for everyone, reset.
    Own,
}

impl Action {
    pub fn needs(self) -> Level {
        match self {
            Action::See => Level::Reader,
            Action::EditOwnPlugins => Level::User,
            Action::EditBasics => Level::Manager,
            Action::Administer => Level::Admin,
            Action::Own => Level::Owner,
        }
    }

    pub fn allowed(self, level: Level) -> bool {
        level >= self.needs()
    }
}

/// Why a grant is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GrantError {
    /// The granter is not an admin or owner.
    NotAdmin,
    /// Above the granter's own level, or owner by a non-owner.
    AboveOwnLevel,
    /// Only an owner changes or removes an owner.
    TouchesOwner,
    /// Changing one's own level.
    OwnAccess,
}

impl std::fmt::Display for GrantError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            GrantError::NotAdmin => "only an admin or the owner can share it",
            GrantError::AboveOwnLevel => "you can grant at most your own level, and only an owner grants owner",
            GrantError::TouchesOwner => "only an owner can change or remove an owner's access",
            GrantError::OwnAccess => "you cannot change your own access",
        })
    }
}

/// May `granter` give `new` to someone who now has `current` (None: no access yet)?
/// `new = Nothing` means removing the access.
pub fn may_grant(granter: Level, current: Option<Level>, new: Level, to_self: bool) -> Result<(), GrantError> {
    if to_self {
        return Err(GrantError::OwnAccess);
    }
    if granter < Level::Admin {
        return Err(GrantError::NotAdmin);
    }
    if current == Some(Level::Owner) && granter != Level::Owner {
        return Err(GrantError::TouchesOwner);
    }
    if new > granter {
        return Err(GrantError::AboveOwnLevel);
    }
    Ok(())
}

/// The level a group membership gives on one of its products: the member's group
/// level, capped by the direct level of whoever put the product into the group.
pub fn through_group(group: Level, putter: Level) -> Level {
    group.min(putter)
}

/// A caller's level on a product: the higher of the direct one and the group's.
pub fn product_level(direct: Level, group: Level, putter: Level) -> Level {
    direct.max(through_group(group, putter))
}

/// Why a product cannot be put into (or taken out of) a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupMoveError {
    /// Only the product's owner moves it: anything less could raise its own level.
    NotOwner,
    /// The target group must be one the caller manages.
    GroupNotManaged,
}

impl std::fmt::Display for GroupMoveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            GroupMoveError::NotOwner => "only the product's owner can put it into a group or take it out",
            GroupMoveError::GroupNotManaged => "no group with this id that you manage (chmod ≥ 3)",
        })
    }
}

/// May a caller with `product` on a product move it? `into`: their level on the
/// target group, or `None` when taking it out of its group.
pub fn may_move_to_group(product: Level, into: Option<Level>) -> Result<(), GroupMoveError> {
    if product != Level::Owner {
        return Err(GroupMoveError::NotOwner);
    }
    match into {
        Some(group) if !Action::EditBasics.allowed(group) => Err(GroupMoveError::GroupNotManaged),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_parse_and_name() {
        assert_eq!(Level::parse("3"), Ok(Level::Manager));
        assert!(Level::parse("6").is_err());
        assert!(Level::parse("-1").is_err());
        assert!(Level::parse("admin").is_err());
        assert_eq!(Level::from_i64(9), Level::Nothing);
        assert_eq!(serde_json::to_string(&Level::Admin).unwrap(), "4");
        assert_eq!(serde_json::from_str::<Level>("5").unwrap(), Level::Owner);
        assert!(serde_json::from_str::<Level>("7").is_err());
    }

    #[test]
    fn actions_follow_the_documented_table() {
        let allowed = |a: Action| LEVELS.iter().filter(|l| a.allowed(**l)).count();
        assert_eq!(allowed(Action::See), 5);
        assert_eq!(allowed(Action::EditOwnPlugins), 4);
        assert_eq!(allowed(Action::EditBasics), 3);
        assert_eq!(allowed(Action::Administer), 2);
        assert_eq!(allowed(Action::Own), 1);
    }

    #[test]
    fn groups_never_raise_anyone_above_the_granter() {
        for group in LEVELS {
            for putter in LEVELS {
                let via = through_group(group, putter);
                assert!(via <= putter && via <= group, "{group:?} via {putter:?}");
                assert_eq!(via, if group < putter { group } else { putter });
                for direct in LEVELS {
                    let level = product_level(direct, group, putter);
                    assert_eq!(level, direct.max(via));
                    // Whatever a group gives, it is never more than the putter holds or than direct access.
                    assert!(level <= direct.max(putter), "{direct:?} {group:?} {putter:?}");
                }
            }
        }
        // The attack: an admin (4) makes a group (owner 5 of it) and moves the product in → still 4.
        assert_eq!(may_move_to_group(Level::Admin, Some(Level::Owner)), Err(GroupMoveError::NotOwner));
        assert_eq!(product_level(Level::Admin, Level::Owner, Level::Admin), Level::Admin);
    }

    #[test]
    fn group_moves_every_combination() {
        for product in LEVELS {
            for into in std::iter::once(None).chain(LEVELS.map(Some)) {
                let expected = product == Level::Owner && into.is_none_or(|g| g >= Level::Manager);
                assert_eq!(may_move_to_group(product, into).is_ok(), expected, "{product:?} → {into:?}");
            }
        }
        assert_eq!(may_move_to_group(Level::Owner, Some(Level::User)), Err(GroupMoveError::GroupNotManaged));
        assert_eq!(may_move_to_group(Level::Admin, None), Err(GroupMoveError::NotOwner));
    }

    #[test]
    fn grants_every_combination() {
        // Exhaustive: granter × current × new, checked against the rules stated plainly.
        for granter in LEVELS {
            for current in std::iter::once(None).chain(LEVELS.map(Some)) {
                for new in LEVELS {
                    let expected = granter >= Level::Admin
                        && new <= granter
                        && (current != Some(Level::Owner) || granter == Level::Owner);
                    assert_eq!(
                        may_grant(granter, current, new, false).is_ok(),
                        expected,
                        "{granter:?} {current:?} → {new:?}"
                    );
                }
            }
        }
        assert_eq!(may_grant(Level::Owner, Some(Level::Owner), Level::Reader, true), Err(GrantError::OwnAccess));
        assert_eq!(may_grant(Level::Admin, None, Level::Owner, false), Err(GrantError::AboveOwnLevel));
        assert_eq!(may_grant(Level::Admin, Some(Level::Owner), Level::Reader, false), Err(GrantError::TouchesOwner));
        assert_eq!(may_grant(Level::Manager, None, Level::Reader, false), Err(GrantError::NotAdmin));
    }
}
