//! Wire types shared by the worker (which sends them) and the app (which reads them).

use serde::{Deserialize, Serialize};

/// `GET /v1/health`: the worker is up and answered a real database query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    pub db: bool,
    pub version: String,
}

/// The documented date object: `{"date":"2020-06-04 11:10:59.000000","timezone_type":3,"timezone":"UTC"}`.
/// Senzu stores Unix seconds in UTC and says so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiDate {
    pub date: String,
    pub timezone_type: u8,
    pub timezone: String,
}

/// The Unix seconds a date can be: 0000-01-01 00:00:00 to 9999-12-31 23:59:59 UTC
/// (the documented format has four year digits). Input is checked against this
/// before any arithmetic, so no date conversion can overflow.
pub const UNIX_RANGE: std::ops::RangeInclusive<i64> = -62_167_219_200..=253_402_300_799;

impl ApiDate {
    /// The documented date object. A stored value outside [`UNIX_RANGE`] (input
    /// never is: it is checked) is shown clamped to the range's ends.
    pub fn from_unix(ts: i64) -> Self {
        let ts = ts.clamp(*UNIX_RANGE.start(), *UNIX_RANGE.end());
        let days = ts.div_euclid(86_400);
        let secs = ts.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        ApiDate {
            date: format!("{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}.000000", secs / 3600, secs % 3600 / 60, secs % 60),
            timezone_type: 3,
            timezone: "UTC".into(),
        }
    }

    pub fn opt(ts: Option<i64>) -> Option<Self> {
        ts.map(Self::from_unix)
    }
}

/// Howard Hinnant's civil_from_days: days since 1970-01-01 → (year, month, day).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// A birthdate (Unix seconds) as a user gives it: a real date, not after `now`.
pub fn birthdate(ts: i64, now: i64) -> Result<i64, &'static str> {
    if !UNIX_RANGE.contains(&ts) {
        return Err("must be Unix seconds of a date between the years 0 and 9999");
    }
    if ts > now {
        return Err("is in the future");
    }
    Ok(ts)
}

/// Parses a `start_date`/`end_date` filter: Unix seconds, `YYYY-MM-DD` or
/// `YYYY-MM-DD HH:MM:SS` (UTC), within [`UNIX_RANGE`]. `None` when it is neither.
pub fn parse_date_filter(s: &str) -> Option<i64> {
    let s = s.trim();
    if let Ok(ts) = s.parse::<i64>() {
        return UNIX_RANGE.contains(&ts).then_some(ts);
    }
    let (date, time) = s.split_once([' ', 'T']).unwrap_or((s, "00:00:00"));
    let mut d = date.split('-').map(|p| p.parse::<i64>().ok());
    let (Some(Some(y)), Some(Some(m)), Some(Some(day)), None) = (d.next(), d.next(), d.next(), d.next()) else {
        return None;
    };
    let mut t = time.trim_end_matches('Z').split(':').map(|p| p.parse::<i64>().ok());
    let (Some(Some(hh)), Some(Some(mm)), ss) = (t.next(), t.next(), t.next()) else { return None };
    let ss = ss.flatten().unwrap_or(0);
    // Four-digit years only: nothing below can overflow.
    if !(0..=9999).contains(&y)
        || !(1..=12).contains(&m)
        || !(1..=31).contains(&day)
        || hh > 23
        || mm > 59
        || ss > 59
        || hh < 0
        || mm < 0
        || ss < 0
    {
        return None;
    }
    let days = days_from_civil(y, m as u32, day as u32);
    let ts = days * 86_400 + hh * 3600 + mm * 60 + ss;
    // Reject 2021-02-31 and friends: the date must round-trip.
    (civil_from_days(days) == (y, m as u32, day as u32)).then_some(ts)
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A documented list: an object keyed `"0"`, `"1"`, … in order.
pub fn list_object(items: impl IntoIterator<Item = serde_json::Value>) -> serde_json::Value {
    serde_json::Value::Object(items.into_iter().enumerate().map(|(i, v)| (i.to_string(), v)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_format_like_the_documentation() {
        assert_eq!(ApiDate::from_unix(0).date, "1970-01-01 00:00:00.000000");
        assert_eq!(ApiDate::from_unix(1_591_269_059).date, "2020-06-04 11:10:59.000000");
        assert_eq!(ApiDate::from_unix(951_782_400).date, "2000-02-29 00:00:00.000000");
        assert_eq!(serde_json::to_value(ApiDate::from_unix(0)).unwrap()["timezone_type"], 3);
    }

    #[test]
    fn date_filters_parse_or_refuse() {
        assert_eq!(parse_date_filter("1591269059"), Some(1_591_269_059));
        assert_eq!(parse_date_filter("2020-06-04 11:10:59"), Some(1_591_269_059));
        assert_eq!(parse_date_filter("2020-06-04T11:10:59Z"), Some(1_591_269_059));
        assert_eq!(parse_date_filter("2020-06-04"), Some(1_591_228_800));
        for bad in ["", "yesterday", "2021-02-31", "2020-13-01", "2020-06-04 25:00:00", "2020-06"] {
            assert_eq!(parse_date_filter(bad), None, "{bad}");
        }
        for ts in [0, 951_782_400, 1_700_000_000, 4_102_444_800] {
            let date = ApiDate::from_unix(ts).date;
            assert_eq!(parse_date_filter(&date[..19]), Some(ts));
        }
    }

    #[test]
    fn dates_at_and_beyond_the_range_ends() {
        assert_eq!(ApiDate::from_unix(*UNIX_RANGE.start()).date, "0000-01-01 00:00:00.000000");
        assert_eq!(ApiDate::from_unix(*UNIX_RANGE.end()).date, "9999-12-31 23:59:59.000000");
        // Clamped, not wrapped or panicking.
        assert_eq!(ApiDate::from_unix(i64::MIN).date, "0000-01-01 00:00:00.000000");
        assert_eq!(ApiDate::from_unix(i64::MAX).date, "9999-12-31 23:59:59.000000");
        assert_eq!(parse_date_filter("9999-12-31 23:59:59"), Some(*UNIX_RANGE.end()));
        assert_eq!(parse_date_filter("0000-01-01"), Some(*UNIX_RANGE.start()));
        for out in [
            "10000-01-01",
            "-1-01-01",
            "9223372036854775807-01-01",
            "-9223372036854775808-03-01",
            "9223372036854775807",
            "-9223372036854775808",
            "253402300800",
            "-62167219201",
        ] {
            assert_eq!(parse_date_filter(out), None, "{out}");
        }
        assert_eq!(birthdate(846_146_133, 1_700_000_000), Ok(846_146_133));
        assert_eq!(birthdate(1_700_000_001, 1_700_000_000), Err("is in the future"));
        assert!(birthdate(i64::MIN, 1_700_000_000).is_err());
    }

    proptest::proptest! {
        #[test]
        fn no_i64_makes_a_date_conversion_panic(ts in proptest::prelude::any::<i64>()) {
            let date = ApiDate::from_unix(ts).date;
            proptest::prop_assert_eq!(date.len(), 26);
            let _ = parse_date_filter(&ts.to_string());
            let _ = birthdate(ts, ts);
        }

        #[test]
        fn no_year_makes_the_filter_panic(
            y in proptest::prelude::any::<i64>(),
            m in 1i64..=12,
            d in 1i64..=31,
            hh in 0i64..24,
        ) {
            let _ = parse_date_filter(&format!("{y}-{m}-{d} {hh}:00:00"));
            let _ = parse_date_filter(&format!("{y}-{m:02}-{d:02}"));
        }

        #[test]
        fn every_date_in_range_round_trips(ts in UNIX_RANGE) {
            let date = ApiDate::from_unix(ts).date;
            proptest::prop_assert_eq!(parse_date_filter(&date[..19]), Some(ts));
        }

        #[test]
        fn extreme_values_clamp_to_the_range_ends(ts in proptest::prelude::any::<i64>()) {
            let shown = ApiDate::from_unix(ts).date;
            let expected = ApiDate::from_unix(ts.clamp(*UNIX_RANGE.start(), *UNIX_RANGE.end())).date;
            proptest::prop_assert_eq!(shown, expected);
        }
    }

    #[test]
    fn lists_are_objects_keyed_by_position() {
        let v = list_object([serde_json::json!(1), serde_json::json!("b")]);
        assert_eq!(v, serde_json::json!({"0": 1, "1": "b"}));
    }
}
