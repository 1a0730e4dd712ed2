//! One insight event as it travels from a play to the insights tables: the
//! worker's play sends it to the events queue after answering, and the queue
//! consumer writes its rows to `play_events` in one D1 batch per message batch.
//!
//! A play opened is two rows — a `scan` unless the same device scanned the same
//! record in the last hour ([`SCAN_DEDUP_SECONDS`]), and a `view` always; a
//! plugin opened is one `plugin` row. Every event carries an id made by the
//! producer, stored with each of its rows under a unique index, so a batch that
//! is delivered again (a consumer that crashed before its ack) writes nothing
//! twice. Nothing here is personal: the IP only as the daily salted hash.

use serde::{Deserialize, Serialize};

/// A device's scans of one record count once per this many seconds.
pub const SCAN_DEDUP_SECONDS: i64 = 3600;

/// Length of an event id: 16 random bytes as lowercase hex.
pub const EVENT_ID_LEN: usize = 32;

/// What the visitor opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Opened {
    Play,
    Plugin,
}

/// A row of `play_events` (its `kind` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// Once per device, record and hour.
    Scan,
    /// Every play.
    View,
    /// Every plugin opened.
    Plugin,
}

impl Row {
    pub fn kind(self) -> &'static str {
        match self {
            Row::Scan => "scan",
            Row::View => "view",
            Row::Plugin => "plugin",
        }
    }
}

/// The queue message: everything the consumer writes, decided at the play.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InsightEvent {
    /// Unique per event ([`EVENT_ID_LEN`] hex characters), made by the producer.
    pub id: String,
    pub opened: Opened,
    pub id_record: Option<i64>,
    pub id_product: Option<i64>,
    pub id_application: Option<i64>,
    pub id_plugin: Option<i64>,
    /// A hash of the visitor's IP hash and user agent: what "one device" means.
    pub device_hash: String,
    /// The IP as the daily salted hash, never the IP.
    pub ip_hash: String,
    pub lang: String,
    pub country: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub browser: String,
    pub device_type: String,
    pub platform: String,
    /// When the visitor opened it (Unix seconds): the rows' `date_created`.
    pub at: i64,
}

impl InsightEvent {
    /// The rows this event writes, in order (a play's scan before its view).
    pub fn rows(&self) -> &'static [Row] {
        match self.opened {
            Opened::Play => &[Row::Scan, Row::View],
            Opened::Plugin => &[Row::Plugin],
        }
    }

    /// Whether the message is one a producer could have sent: an id of the
    /// right shape and short text fields. The consumer drops any other.
    pub fn is_well_formed(&self) -> bool {
        let short = |s: &str| s.len() <= 200;
        self.id.len() == EVENT_ID_LEN
            && self.id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            && [&self.device_hash, &self.ip_hash, &self.lang, &self.browser, &self.device_type, &self.platform]
                .iter()
                .all(|s| short(s))
            && self.country.as_deref().is_none_or(short)
            && (self.opened == Opened::Plugin) == self.id_plugin.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(opened: Opened) -> InsightEvent {
        InsightEvent {
            id: "0123456789abcdef0123456789abcdef".into(),
            opened,
            id_record: Some(1),
            id_product: Some(1),
            id_application: Some(1),
            id_plugin: (opened == Opened::Plugin).then_some(4),
            device_hash: "d".repeat(32),
            ip_hash: "i".repeat(32),
            lang: "en".into(),
            country: Some("FR".into()),
            latitude: Some(48.85),
            longitude: Some(2.35),
            browser: "Safari".into(),
            device_type: "mobile".into(),
            platform: "iOS".into(),
            at: 1_780_000_000,
        }
    }

    #[test]
    fn a_play_writes_a_scan_then_a_view_and_a_plugin_open_one_row() {
        assert_eq!(event(Opened::Play).rows(), &[Row::Scan, Row::View]);
        assert_eq!(event(Opened::Plugin).rows(), &[Row::Plugin]);
        let kinds: Vec<&str> = [Row::Scan, Row::View, Row::Plugin].iter().map(|r| r.kind()).collect();
        assert_eq!(kinds, ["scan", "view", "plugin"], "the CHECK of play_events.kind");
    }

    #[test]
    fn the_message_round_trips_through_json() {
        for opened in [Opened::Play, Opened::Plugin] {
            let e = event(opened);
            let text = serde_json::to_string(&e).unwrap();
            assert_eq!(serde_json::from_str::<InsightEvent>(&text).unwrap(), e);
        }
        assert!(serde_json::to_string(&event(Opened::Play)).unwrap().contains(r#""opened":"play""#));
    }

    #[test]
    fn only_well_formed_messages_are_written() {
        assert!(event(Opened::Play).is_well_formed());
        assert!(event(Opened::Plugin).is_well_formed());
        let bad = [
            InsightEvent { id: "short".into(), ..event(Opened::Play) },
            InsightEvent { id: "0123456789ABCDEF0123456789ABCDEF".into(), ..event(Opened::Play) },
            InsightEvent { browser: "x".repeat(201), ..event(Opened::Play) },
            InsightEvent { country: Some("x".repeat(201)), ..event(Opened::Play) },
            InsightEvent { id_plugin: Some(4), ..event(Opened::Play) },
            InsightEvent { id_plugin: None, ..event(Opened::Plugin) },
        ];
        for e in bad {
            assert!(!e.is_well_formed(), "{e:?}");
        }
    }
}
