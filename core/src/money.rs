//! Amounts of money: integer minor units (cents), never floats. The API writes
//! them as decimal text (`25`, `25.90`); that is only their rendering.

use std::fmt;

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// Minor units per major unit for the currencies Senzu prices in today (EUR, USD: ISO 4217 exponent 2).
pub const MINOR_PER_MAJOR: i64 = 100;
/// The largest amount accepted: one billion major units.
pub const MAX_MINOR: i64 = 1_000_000_000 * MINOR_PER_MAJOR;

/// A non-negative amount in minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Amount(i64);

impl Amount {
    pub fn from_minor(minor: i64) -> Self {
        Self(minor.clamp(0, MAX_MINOR))
    }

    pub fn minor(self) -> i64 {
        self.0
    }

    /// The major-unit number the documented objects show (`25.9`).
    pub fn major(self) -> f64 {
        self.0 as f64 / MINOR_PER_MAJOR as f64
    }

    /// `25`, `25.9`, `25.90` (a comma works too): at most two decimals, not negative.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim().replace(',', ".");
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || (!fraction.is_empty() && !digits(fraction)) || text.ends_with('.') {
            return Err("not an amount (digits, with at most two decimals)".into());
        }
        if fraction.len() > 2 {
            return Err("more than two decimals".into());
        }
        let whole: i64 = whole.parse().map_err(|_| "too large".to_string())?;
        let cents: i64 = format!("{fraction:0<2}").parse().unwrap_or(0);
        let minor = whole.checked_mul(MINOR_PER_MAJOR).and_then(|w| w.checked_add(cents));
        match minor {
            Some(m) if m <= MAX_MINOR => Ok(Self(m)),
            _ => Err("too large".into()),
        }
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / MINOR_PER_MAJOR, self.0 % MINOR_PER_MAJOR)
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Amount {
    /// Text (a form or query argument) or a JSON number.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an amount such as 25.90")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
                Amount::parse(v).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
                Amount::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
                Amount::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
                Amount::parse(&v.to_string()).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

/// `minor` units of a currency with `exponent` decimals, as the API writes
/// them: `render(12900, 2)` is `"129.00"`, `render(1500, 0)` is `"1500"`.
pub fn render(minor: i64, exponent: u8) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let minor = minor.unsigned_abs();
    if exponent == 0 {
        return format!("{sign}{minor}");
    }
    let unit = 10u64.pow(u32::from(exponent.min(6)));
    format!("{sign}{}.{:0width$}", minor / unit, minor % unit, width = usize::from(exponent.min(6)))
}

/// An amount written in major units (`"12.90"`, `"12,9"`, `"1500"`) as minor
/// units of a currency with `exponent` decimals; more decimals than it has are refused.
pub fn parse(text: &str, exponent: u8) -> Result<i64, String> {
    let text = text.trim().replace(',', ".");
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || (!fraction.is_empty() && !digits(fraction)) || text.ends_with('.') {
        return Err("not an amount (digits, and a decimal point)".into());
    }
    if fraction.len() > usize::from(exponent) {
        return Err(format!("at most {exponent} decimals in this currency"));
    }
    let unit = 10i64.pow(u32::from(exponent));
    let whole: i64 = whole.parse().map_err(|_| "too large".to_string())?;
    let minor: i64 = if exponent == 0 {
        0
    } else {
        format!("{fraction:0<width$}", width = usize::from(exponent)).parse().unwrap_or(0)
    };
    whole
        .checked_mul(unit)
        .and_then(|w| w.checked_add(minor))
        .filter(|m| *m <= MAX_MINOR)
        .ok_or_else(|| "too large".into())
}

/// A rate kept as millionths (`1_080_000`), as the documented `"1.080000"`.
pub fn render_rate(micro: i64) -> String {
    render(micro, 6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minor_units_render_with_their_currencys_exponent() {
        assert_eq!(render(12900, 2), "129.00");
        assert_eq!(render(5, 2), "0.05");
        assert_eq!(render(1500, 0), "1500");
        assert_eq!(render(1234, 3), "1.234");
        assert_eq!(render(-250, 2), "-2.50");
        assert_eq!(render_rate(1_080_000), "1.080000");
        assert_eq!(parse("129.00", 2), Ok(12900));
        assert_eq!(parse("12,9", 2), Ok(1290));
        assert_eq!(parse("1500", 0), Ok(1500));
        for (bad, exponent) in [("1.5", 0), ("1.234", 2), ("-1", 2), ("", 2), ("1.", 2), ("x", 2)] {
            assert!(parse(bad, exponent).is_err(), "{bad}");
        }
    }

    #[test]
    fn amounts_parse_to_minor_units_and_render_back() {
        for (text, minor) in [("25", 2590 - 90), ("25.9", 2590), ("25.90", 2590), ("0,05", 5), ("0", 0)] {
            assert_eq!(Amount::parse(text), Ok(Amount::from_minor(minor)), "{text}");
        }
        assert_eq!(Amount::from_minor(2590).to_string(), "25.90");
        assert_eq!(Amount::from_minor(2590).major(), 25.9);
    }

    #[test]
    fn bad_amounts_are_refused() {
        for text in ["", "-1", "1.234", "1e3", "abc", "1.", ".5", "99999999999999999999", "1000000000.01"] {
            assert!(Amount::parse(text).is_err(), "{text}");
        }
        assert!(Amount::parse("1000000000").is_ok());
    }
}
