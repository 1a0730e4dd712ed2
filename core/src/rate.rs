//! Fixed-window limits on what a visitor or a user can repeat at someone
//! else's expense: a mail to an owner, a relay to a partner with the owner's
//! credentials, a new share link, an invitation mail. The numbers are set so
//! that a real person never meets them and an abuser meets them within the hour.
//!
//! | limit            | at most | per                        | window |
//! |------------------|---------|----------------------------|--------|
//! | `LostReport`     | 5       | product × visitor (IP)     | 1 h    |
//! | `Quote`          | 20      | plugin × visitor (IP)      | 1 h    |
//! | `ShareLink`      | 30      | user                       | 1 h    |
//! | `PlayShare`      | 30      | record × visitor (IP)      | 1 h    |
//! | `InvitationMail` | 20      | user                       | 1 h    |
//! | `ContactExchange`| 5       | plugin × visitor (IP)      | 1 h    |
//! | `ContactFlood`   | 100     | plugin, all visitors       | 1 h    |
//! | `UserMail`       | 50      | user (one per recipient)   | 1 h    |
//!
//! A counter is keyed by the limit, the object and who (a user id, or the
//! visitor's IP as a keyed hash: never the IP itself). The worker counts a hit
//! with one conditional upsert; a window starts at its first hit and lasts
//! [`Limit::window_seconds`]; the hit that goes over is refused with the
//! seconds until the window ends (429, Retry-After).

/// One limited action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// `POST /v1/plays/…/lost-report`: a finder's message mailed to the owner.
    LostReport,
    /// `POST /v1/plays/…/plugins/{id}/quote`: a request relayed to the owner's partner account.
    Quote,
    /// `POST /v1/applications/{id}/shares`: an admin's new share link.
    ShareLink,
    /// `POST /v1/plays/{id}/{key}/share`: a key holder's new share link.
    PlayShare,
    /// `POST /v1/{products|applications|groups}/{id}/access|users`: an invitation mail.
    InvitationMail,
    /// `POST /v1/plays/…/plugins/{id}/contact`: a visitor's details, mailed to the owner and to them.
    ContactExchange,
    /// The same, from everyone at once: what one object takes in an hour, whatever the IPs.
    ContactFlood,
    /// `POST /v1/mails`: one mail per recipient, from one account.
    UserMail,
}

/// Who a counter belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who<'a> {
    User(i64),
    /// The visitor's IP, already hashed with a secret key.
    Visitor(&'a str),
    /// Everyone: one counter per object.
    Anyone,
}

impl Limit {
    pub const ALL: [Limit; 8] = [
        Limit::LostReport,
        Limit::Quote,
        Limit::ShareLink,
        Limit::PlayShare,
        Limit::InvitationMail,
        Limit::ContactExchange,
        Limit::ContactFlood,
        Limit::UserMail,
    ];

    /// Hits allowed in one window.
    pub fn max(self) -> i64 {
        match self {
            Limit::LostReport | Limit::ContactExchange => 5,
            Limit::ContactFlood => 100,
            Limit::Quote | Limit::InvitationMail => 20,
            Limit::UserMail => 50,
            Limit::ShareLink | Limit::PlayShare => 30,
        }
    }

    pub fn window_seconds(self) -> i64 {
        3600
    }

    fn name(self) -> &'static str {
        match self {
            Limit::LostReport => "lost-report",
            Limit::Quote => "quote",
            Limit::ShareLink => "share-link",
            Limit::PlayShare => "play-share",
            Limit::InvitationMail => "invitation-mail",
            Limit::ContactExchange => "contact-exchange",
            Limit::ContactFlood => "contact-flood",
            Limit::UserMail => "user-mail",
        }
    }

    /// The counter's key: `limit:object:who`.
    pub fn key(self, object: i64, who: Who<'_>) -> String {
        match who {
            Who::User(id) => format!("{}:{object}:user:{id}", self.name()),
            Who::Visitor(hash) => format!("{}:{object}:ip:{hash}", self.name()),
            Who::Anyone => format!("{}:{object}:all", self.name()),
        }
    }

    /// The counter's state after a hit (`hits` in the window that started at
    /// `window_start`): allowed, or refused with the seconds until it ends.
    pub fn verdict(self, hits: i64, window_start: i64, now: i64) -> Result<(), Refused> {
        if hits <= self.max() {
            return Ok(());
        }
        let retry_after =
            window_start.saturating_add(self.window_seconds()).saturating_sub(now).clamp(1, self.window_seconds());
        Err(Refused { limit: self, retry_after })
    }
}

/// A hit over the limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub limit: Limit,
    /// Seconds until the window ends (1 ..= the window).
    pub retry_after: i64,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match self.limit {
            Limit::LostReport => "too many messages to this object's owner",
            Limit::Quote => "too many quote requests through this plugin",
            Limit::ShareLink | Limit::PlayShare => "too many new share links",
            Limit::InvitationMail => "too many invitations sent",
            Limit::ContactExchange => "too many contacts left through this plugin",
            Limit::ContactFlood => "this object takes no more contacts for now",
            Limit::UserMail => "too many mails sent",
        };
        write!(f, "{what} ({} an hour): try again in {} minutes", self.limit.max(), (self.retry_after + 59) / 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_allowed_hit_is_the_max_and_the_next_waits_for_the_window() {
        for limit in Limit::ALL {
            assert_eq!(limit.verdict(1, 1000, 1000), Ok(()));
            assert_eq!(limit.verdict(limit.max(), 1000, 1000), Ok(()));
            let refused = limit.verdict(limit.max() + 1, 1000, 1010).unwrap_err();
            assert_eq!(refused.retry_after, limit.window_seconds() - 10, "{limit:?}");
            assert!(refused.to_string().contains(&limit.max().to_string()), "{refused}");
            // At the window's very end it still says a second, never zero or less.
            assert_eq!(limit.verdict(limit.max() + 1, 1000, 1000 + 3600).unwrap_err().retry_after, 1);
        }
    }

    #[test]
    fn limits_a_person_never_meets() {
        assert_eq!(
            Limit::ALL.map(Limit::max),
            [5, 20, 30, 30, 20, 5, 100, 50],
            "the table in the module doc says these numbers"
        );
        assert!(Limit::ALL.iter().all(|l| l.window_seconds() == 3600));
    }

    #[test]
    fn keys_separate_limits_objects_and_people() {
        let keys = [
            Limit::LostReport.key(1, Who::Visitor("ab")),
            Limit::LostReport.key(2, Who::Visitor("ab")),
            Limit::LostReport.key(1, Who::Visitor("cd")),
            Limit::Quote.key(1, Who::Visitor("ab")),
            Limit::ShareLink.key(1, Who::User(1)),
            Limit::ShareLink.key(0, Who::User(1)),
            Limit::InvitationMail.key(0, Who::User(1)),
            Limit::InvitationMail.key(0, Who::User(11)),
        ];
        let distinct: std::collections::HashSet<_> = keys.iter().collect();
        assert_eq!(distinct.len(), keys.len(), "{keys:?}");
    }

    #[test]
    fn extreme_clocks_never_panic() {
        for (start, now) in [(i64::MIN, i64::MAX), (i64::MAX, i64::MIN), (i64::MAX, i64::MAX), (0, i64::MIN)] {
            let r = Limit::Quote.verdict(i64::MAX, start, now).unwrap_err();
            assert!((1..=3600).contains(&r.retry_after));
        }
    }
}
