//! Sunrise and sunset at a place, for the play page's `auto` background
//! (dark between sunset and sunrise at the visitor's coordinates).
//!
//! The sunrise equation with the usual corrections (equation of center,
//! obliquity, -0.833° for refraction and the solar disc), as published by
//! NOAA and summarised on Wikipedia ("Sunrise equation"). Accurate to a few
//! minutes, which is all a colour scheme needs.

const UNIX_EPOCH_JD: f64 = 2_440_587.5;
const J2000: f64 = 2_451_545.0;
const SECONDS_PER_DAY: f64 = 86_400.0;

/// Sunrise and sunset of one solar day, as Unix seconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SolarDay {
    Normal {
        sunrise: i64,
        sunset: i64,
    },
    /// The sun never sets that day.
    MidnightSun,
    /// The sun never rises that day.
    PolarNight,
}

fn sin_d(x: f64) -> f64 {
    x.to_radians().sin()
}

/// The solar day `day` (days since J2000 at the given longitude's solar noon).
fn solar_day(day: f64, latitude: f64, longitude: f64) -> (SolarDay, f64) {
    let mean_noon = day - longitude / 360.0;
    let anomaly = (357.5291 + 0.985_600_28 * mean_noon).rem_euclid(360.0);
    let center = 1.9148 * sin_d(anomaly) + 0.0200 * sin_d(2.0 * anomaly) + 0.0003 * sin_d(3.0 * anomaly);
    let ecliptic_longitude = (anomaly + center + 180.0 + 102.9372).rem_euclid(360.0);
    let transit = J2000 + mean_noon + 0.0053 * sin_d(anomaly) - 0.0069 * sin_d(2.0 * ecliptic_longitude);
    let sin_declination = sin_d(ecliptic_longitude) * sin_d(23.4397);
    let cos_declination = sin_declination.asin().cos();
    let cos_hour_angle =
        (sin_d(-0.833) - sin_d(latitude) * sin_declination) / (latitude.to_radians().cos() * cos_declination);
    let to_unix = |jd: f64| ((jd - UNIX_EPOCH_JD) * SECONDS_PER_DAY).round() as i64;
    let day = if cos_hour_angle < -1.0 {
        SolarDay::MidnightSun
    } else if cos_hour_angle > 1.0 {
        SolarDay::PolarNight
    } else {
        let half_day = cos_hour_angle.acos().to_degrees() / 360.0;
        SolarDay::Normal { sunrise: to_unix(transit - half_day), sunset: to_unix(transit + half_day) }
    };
    (day, transit)
}

/// Sunrise and sunset of the solar day whose noon is nearest `unix_seconds`.
pub fn solar_day_at(unix_seconds: i64, latitude: f64, longitude: f64) -> SolarDay {
    let jd = unix_seconds as f64 / SECONDS_PER_DAY + UNIX_EPOCH_JD;
    let day = (jd - J2000 - 0.0009 + longitude / 360.0).round();
    solar_day(day, latitude.clamp(-89.99, 89.99), longitude).0
}

/// Whether it is dark (after sunset, before sunrise) at this place and time.
/// Coordinates outside the valid range are clamped/wrapped rather than refused:
/// they come from the edge's geolocation, not from the user.
pub fn is_dark(unix_seconds: i64, latitude: f64, longitude: f64) -> bool {
    if !latitude.is_finite() || !longitude.is_finite() {
        return false;
    }
    let longitude = (longitude + 180.0).rem_euclid(360.0) - 180.0;
    match solar_day_at(unix_seconds, latitude, longitude) {
        SolarDay::Normal { sunrise, sunset } => unix_seconds < sunrise || unix_seconds > sunset,
        SolarDay::MidnightSun => false,
        SolarDay::PolarNight => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Unix seconds for a UTC date and time (proleptic Gregorian, days from civil).
    fn utc(y: i64, m: i64, d: i64, h: i64, min: i64) -> i64 {
        let (y, m) = if m <= 2 { (y - 1, m + 12) } else { (y, m) };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m - 3) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        (era * 146_097 + doe - 719_468) * 86_400 + h * 3600 + min * 60
    }

    fn assert_near(got: i64, want: i64, what: &str) {
        assert!((got - want).abs() <= 5 * 60, "{what}: off by {} s", got - want);
    }

    #[test]
    fn paris_summer_solstice_matches_the_almanac() {
        // Paris (48.8566 N, 2.3522 E), 2026-06-21: sunrise 03:47 UTC, sunset 19:58 UTC.
        let SolarDay::Normal { sunrise, sunset } = solar_day_at(utc(2026, 6, 21, 12, 0), 48.8566, 2.3522) else {
            panic!("Paris has a normal day in June");
        };
        assert_near(sunrise, utc(2026, 6, 21, 3, 47), "sunrise");
        assert_near(sunset, utc(2026, 6, 21, 19, 58), "sunset");
        assert!(!is_dark(utc(2026, 6, 21, 12, 0), 48.8566, 2.3522));
        assert!(is_dark(utc(2026, 6, 21, 23, 30), 48.8566, 2.3522));
        assert!(is_dark(utc(2026, 6, 21, 2, 0), 48.8566, 2.3522));
    }

    #[test]
    fn sao_paulo_winter_day() {
        // São Paulo (23.55 S, 46.63 W), 2026-07-01: sunrise 09:48 UTC, sunset 20:33 UTC.
        let SolarDay::Normal { sunrise, sunset } = solar_day_at(utc(2026, 7, 1, 15, 0), -23.55, -46.63) else {
            panic!("normal day");
        };
        assert_near(sunrise, utc(2026, 7, 1, 9, 48), "sunrise");
        assert_near(sunset, utc(2026, 7, 1, 20, 33), "sunset");
        // 22:00 local (01:00 UTC next day) is dark.
        assert!(is_dark(utc(2026, 7, 2, 1, 0), -23.55, -46.63));
    }

    #[test]
    fn tokyo_evening_across_the_utc_date_line() {
        // Tokyo (35.68 N, 139.69 E): 2026-12-01 07:00 UTC is 16:00 local, light;
        // 10:00 UTC is 19:00 local, dark; 23:00 UTC is 08:00 local next day, light.
        assert!(!is_dark(utc(2026, 12, 1, 7, 0), 35.68, 139.69));
        assert!(is_dark(utc(2026, 12, 1, 10, 0), 35.68, 139.69));
        assert!(!is_dark(utc(2026, 12, 1, 23, 0), 35.68, 139.69));
    }

    #[test]
    fn polar_day_and_night() {
        // Tromsø (69.65 N): midnight sun in June, polar night in December.
        assert_eq!(solar_day_at(utc(2026, 6, 21, 22, 0), 69.65, 18.96), SolarDay::MidnightSun);
        assert!(!is_dark(utc(2026, 6, 21, 23, 0), 69.65, 18.96));
        assert_eq!(solar_day_at(utc(2026, 12, 21, 11, 0), 69.65, 18.96), SolarDay::PolarNight);
        assert!(is_dark(utc(2026, 12, 21, 11, 0), 69.65, 18.96));
    }

    #[test]
    fn odd_coordinates_never_panic() {
        for (lat, lon) in [(f64::NAN, 0.0), (0.0, f64::INFINITY), (95.0, 400.0), (-90.0, -180.0)] {
            let _ = is_dark(utc(2026, 3, 20, 12, 0), lat, lon);
        }
        assert!(!is_dark(0, f64::NAN, 0.0), "unknown place: light");
    }
}
