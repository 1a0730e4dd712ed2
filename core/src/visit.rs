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

#[cfg(test)]
mod tests {
    use super::*;

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
