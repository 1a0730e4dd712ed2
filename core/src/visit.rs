//! Anti-replay for dynamic taps. The worker advances a record's read counter
//! atomically (`UPDATE … WHERE last_ctr < ?`) and reads the row back in the same
//! D1 batch; this module decides, from that post-update state, what the tap is.

/// How long a tap's URL stays usable (reloads, plugin opens): 10 minutes.
pub const VISIT_WINDOW_SECONDS: i64 = 600;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visit {
    /// This request advanced the counter: a new tap, counted as a scan.
    New,
    /// The same counter again inside the window: the same visit.
    Same,
    /// The same counter after the window: the URL has expired (463).
    Expired,
    /// A counter below the record's: a copied, older URL (463, logged).
    Replayed,
}

/// `ctr` is the tap's counter; `advanced` whether our conditional UPDATE changed
/// the row; `(last_ctr, window_start)` the row after the batch; `now` Unix seconds.
pub fn decide(ctr: u32, advanced: bool, last_ctr: Option<u32>, window_start: Option<i64>, now: i64) -> Visit {
    if advanced {
        return Visit::New;
    }
    match last_ctr {
        Some(last) if ctr < last => Visit::Replayed,
        Some(last) if ctr == last => match window_start {
            Some(start) if now - start <= VISIT_WINDOW_SECONDS && now >= start => Visit::Same,
            _ => Visit::Expired,
        },
        // The row was not advanced yet holds no higher counter: only possible if the
        // record vanished between read and write. Refuse rather than guess.
        _ => Visit::Expired,
    }
}

/// Proofs a browser keeps in HttpOnly cookies: that it opened a visit first (so
/// the same URL from another browser is refused), and that it unlocked an
/// application during it (so the password never travels again). Stateless: an
/// HMAC under a key derived from MASTER_KEY, compared in constant time.
pub struct Passes {
    key: [u8; 32],
}

/// The name of the cookie holding a record's visit.
pub fn visit_cookie(id_record: i64) -> String {
    format!("senzu_visit_{id_record}")
}

/// The name of the cookie holding an application's unlock.
pub fn unlock_cookie(id_application: i64) -> String {
    format!("senzu_unlock_{id_application}")
}

impl Passes {
    pub fn new(master: &crate::secrets::MasterKey) -> Self {
        Self { key: master.visit_key() }
    }

    fn mac(&self, parts: &[&[u8]]) -> String {
        use hmac::{Hmac, Mac};
        let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(&self.key).expect("HMAC takes any key length");
        for p in parts {
            // Length-prefixed, so no two different part lists MAC the same bytes.
            mac.update(&(p.len() as u32).to_be_bytes());
            mac.update(p);
        }
        hex::encode(&mac.finalize().into_bytes()[..16])
    }

    /// The visit cookie's value for the tap of `id_record` at `ctr`.
    pub fn visit(&self, id_record: i64, ctr: u32) -> String {
        self.mac(&[b"visit", &id_record.to_be_bytes(), &ctr.to_be_bytes()])
    }

    pub fn is_visit(&self, id_record: i64, ctr: u32, presented: Option<&str>) -> bool {
        presented.is_some_and(|p| same(&self.visit(id_record, ctr), p))
    }

    /// An unlock of application `id_application`, whose lock hash is `lock` (a new password
    /// ends every unlock), on the play `scope` (one visit), until `expires`: `expires.mac`.
    pub fn unlock(&self, id_application: i64, lock: &str, scope: &str, expires: i64) -> String {
        let mac = self.mac(&[
            b"unlock",
            &id_application.to_be_bytes(),
            lock.as_bytes(),
            scope.as_bytes(),
            &expires.to_be_bytes(),
        ]);
        format!("{expires}.{mac}")
    }

    pub fn is_unlock(&self, id_application: i64, lock: &str, scope: &str, presented: Option<&str>, now: i64) -> bool {
        let Some((expires, _)) = presented.and_then(|p| p.split_once('.')) else { return false };
        let Ok(expires) = expires.parse::<i64>() else { return false };
        expires >= now && presented.is_some_and(|p| same(&self.unlock(id_application, lock, scope, expires), p))
    }
}

fn same(expected: &str, presented: &str) -> bool {
    use subtle::ConstantTimeEq;
    expected.len() == presented.len() && bool::from(expected.as_bytes().ct_eq(presented.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passes(byte: &str) -> Passes {
        Passes::new(&crate::secrets::MasterKey::parse_hex(&byte.repeat(32)).unwrap())
    }

    #[test]
    fn a_visit_pass_is_for_one_record_and_counter_under_one_key() {
        let p = passes("ab");
        let v = p.visit(7, 42);
        assert_eq!(v.len(), 32);
        assert!(p.is_visit(7, 42, Some(&v)));
        assert!(!p.is_visit(7, 43, Some(&v)), "another counter");
        assert!(!p.is_visit(8, 42, Some(&v)), "another record");
        assert!(!p.is_visit(7, 42, None));
        assert!(!p.is_visit(7, 42, Some("")));
        assert!(!p.is_visit(7, 42, Some(&v[..31])));
        assert!(!passes("cd").is_visit(7, 42, Some(&v)), "another master key");
    }

    #[test]
    fn an_unlock_is_for_one_application_lock_scope_and_time() {
        let p = passes("ab");
        let u = p.unlock(3, "hash-a", "7.42", 1000);
        assert!(p.is_unlock(3, "hash-a", "7.42", Some(&u), 1000));
        assert!(!p.is_unlock(3, "hash-a", "7.42", Some(&u), 1001), "expired");
        assert!(!p.is_unlock(3, "hash-b", "7.42", Some(&u), 999), "the password changed");
        assert!(!p.is_unlock(3, "hash-a", "7.43", Some(&u), 999), "another visit");
        assert!(!p.is_unlock(4, "hash-a", "7.42", Some(&u), 999), "another application");
        // Moving the expiry forward breaks the MAC.
        let forged = u.replacen("1000.", "9999.", 1);
        assert!(!p.is_unlock(3, "hash-a", "7.42", Some(&forged), 999));
        assert!(!p.is_unlock(3, "hash-a", "7.42", Some("x.y"), 0));
        assert!(!p.is_unlock(3, "hash-a", "7.42", None, 0));
    }

    #[test]
    fn every_case() {
        assert_eq!(decide(5, true, Some(5), Some(100), 100), Visit::New);
        assert_eq!(decide(5, false, Some(5), Some(100), 100 + 599), Visit::Same);
        assert_eq!(decide(5, false, Some(5), Some(100), 100 + 600), Visit::Same);
        assert_eq!(decide(5, false, Some(5), Some(100), 100 + 601), Visit::Expired);
        assert_eq!(decide(4, false, Some(5), Some(100), 101), Visit::Replayed);
        assert_eq!(decide(5, false, None, None, 101), Visit::Expired);
        assert_eq!(decide(5, false, Some(5), Some(200), 100), Visit::Expired, "clock skew never extends a window");
    }
}
