//! A plugin's `filters`: shown only at certain times of day (and days of the
//! week), in the owner's time zone given as a UTC offset. JSON:
//! `{"from": "08:00", "to": "18:00", "utc_offset": 60, "days": [1, 2, 3, 4, 5]}`
//! — `days` ISO (1 = Monday … 7 = Sunday) optional; `to` before `from` spans
//! midnight (a night shift); `utc_offset` in minutes, default 0.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Schedule {
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub utc_offset: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<Vec<u8>>,
}

fn minutes(hhmm: &str) -> Option<i64> {
    let (h, m) = hhmm.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m) = (h.parse::<i64>().ok()?, m.parse::<i64>().ok()?);
    ((0..24).contains(&h) && (0..60).contains(&m)).then_some(h * 60 + m)
}

impl Schedule {
    /// Parses and checks the JSON text of `filters`.
    pub fn parse(text: &str) -> Result<Schedule, String> {
        let s: Schedule = serde_json::from_str(text).map_err(|_| {
            "must be JSON like {\"from\":\"08:00\",\"to\":\"18:00\",\"utc_offset\":60,\"days\":[1,2,3,4,5]}".to_string()
        })?;
        if minutes(&s.from).is_none() || minutes(&s.to).is_none() {
            return Err("from and to must be times of day as HH:MM".into());
        }
        if !(-14 * 60..=14 * 60).contains(&s.utc_offset) {
            return Err("utc_offset must be minutes between -840 and 840".into());
        }
        if let Some(days) = &s.days {
            if days.is_empty() || days.iter().any(|d| !(1..=7).contains(d)) {
                return Err("days must list ISO weekdays 1 (Monday) to 7 (Sunday)".into());
            }
        }
        Ok(s)
    }

    /// Whether the plugin shows at Unix time `now`.
    pub fn open_at(&self, now: i64) -> bool {
        let (Some(from), Some(to)) = (minutes(&self.from), minutes(&self.to)) else { return true };
        let local = now + i64::from(self.utc_offset) * 60;
        let minute = local.rem_euclid(86_400) / 60;
        let day_index = local.div_euclid(86_400); // 1970-01-01 was a Thursday (ISO 4)
        let weekday = |days_since_epoch: i64| ((days_since_epoch + 3).rem_euclid(7) + 1) as u8;
        let day_ok = |d: i64| self.days.as_ref().is_none_or(|days| days.contains(&weekday(d)));
        if from <= to {
            day_ok(day_index) && (from..to).contains(&minute)
        } else if minute >= from {
            day_ok(day_index)
        } else {
            // After midnight of a shift that started the day before.
            minute < to && day_ok(day_index - 1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-11-23 is a Monday.
    const MONDAY_0000_UTC: i64 = 1_795_392_000;

    fn at(day: i64, hh: i64, mm: i64) -> i64 {
        MONDAY_0000_UTC + day * 86_400 + hh * 3600 + mm * 60
    }

    #[test]
    fn office_hours_on_weekdays() {
        let s = Schedule::parse(r#"{"from":"08:00","to":"18:00","days":[1,2,3,4,5]}"#).unwrap();
        assert!(s.open_at(at(0, 8, 0)));
        assert!(s.open_at(at(0, 17, 59)));
        assert!(!s.open_at(at(0, 18, 0)));
        assert!(!s.open_at(at(0, 7, 59)));
        assert!(s.open_at(at(4, 12, 0)), "Friday");
        assert!(!s.open_at(at(5, 12, 0)), "Saturday");
    }

    #[test]
    fn offset_and_midnight_spans() {
        // Paris in winter (UTC+1): 08:00 local is 07:00 UTC.
        let s = Schedule::parse(r#"{"from":"08:00","to":"09:00","utc_offset":60}"#).unwrap();
        assert!(s.open_at(at(0, 7, 30)));
        assert!(!s.open_at(at(0, 8, 30)));
        let night = Schedule::parse(r#"{"from":"22:00","to":"06:00","days":[5]}"#).unwrap();
        assert!(night.open_at(at(4, 23, 0)), "Friday night");
        assert!(night.open_at(at(5, 5, 0)), "Saturday early morning belongs to Friday's shift");
        assert!(!night.open_at(at(5, 23, 0)), "Saturday night");
        assert!(!night.open_at(at(4, 12, 0)));
    }

    #[test]
    fn refuses_bad_filters() {
        for bad in [
            "nope",
            r#"{"from":"8h","to":"18:00"}"#,
            r#"{"from":"24:00","to":"18:00"}"#,
            r#"{"from":"08:00","to":"18:60"}"#,
            r#"{"from":"08:00","to":"18:00","days":[0]}"#,
            r#"{"from":"08:00","to":"18:00","days":[]}"#,
            r#"{"from":"08:00","to":"18:00","utc_offset":900}"#,
        ] {
            assert!(Schedule::parse(bad).is_err(), "{bad}");
        }
    }
}
