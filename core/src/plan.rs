//! Plans: what an account may have (a configuration table in D1,
//! `plan_limits`, read by the worker at each check) and what a subscription
//! costs. The rule that compares is here, so the worker and the app agree.

use serde::{Deserialize, Serialize};

/// What a plan limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Resource {
    /// Objects the account owns (pairing one more).
    Products,
    /// Applications the account owns.
    Applications,
    /// Plugins on one application.
    Plugins,
    /// Bytes of the account's uploaded files.
    Storage,
}

impl Resource {
    pub const ALL: [Resource; 4] = [Self::Products, Self::Applications, Self::Plugins, Self::Storage];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Products => "products",
            Self::Applications => "applications",
            Self::Plugins => "plugins",
            Self::Storage => "storage",
        }
    }

    /// `n` of this resource, as a person reads it ("3 objects", "1.5 MiB of files").
    pub fn amount(self, n: i64) -> String {
        match self {
            Self::Products => format!("{n} objects"),
            Self::Applications => format!("{n} applications"),
            Self::Plugins => format!("{n} plugins on one application"),
            Self::Storage => format!("{} of files", bytes(n)),
        }
    }
}

/// A byte count in the binary units people see in file managers: "512 B", "1.5 MiB".
pub fn bytes(n: i64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if n < 1024 {
        return format!("{n} B");
    }
    let mut value = n as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    let shown = format!("{value:.1}");
    format!("{} {}", shown.strip_suffix(".0").unwrap_or(&shown), UNITS[unit])
}

/// The plan id of an account without a subscription (its row in `plan_limits`).
pub const NO_PLAN: i64 = 0;

/// Whether `adding` more fit under `max` (None: no limit) with `used` already;
/// the refusal says what the plan allows (a 402: a bigger plan lifts it).
pub fn room(resource: Resource, max: Option<i64>, used: i64, adding: i64) -> Result<(), String> {
    match max {
        Some(max) if used.saturating_add(adding) > max => Err(format!(
            "your plan allows {} and you have {}: a bigger plan (GET /v1/plans) allows more",
            resource.amount(max),
            match resource {
                Resource::Storage => bytes(used),
                _ => used.to_string(),
            }
        )),
        _ => Ok(()),
    }
}

/// At most this many periods in one subscription.
pub const MAX_PERIODS: i64 = 5;

/// The price of `months` of a plan of `duration` months at `price_minor` a
/// period: whole periods only, at most [`MAX_PERIODS`].
pub fn subscription_price(price_minor: i64, duration: i64, months: i64) -> Result<i64, String> {
    if duration <= 0 || months <= 0 || months % duration != 0 {
        return Err(format!("must be a whole number of the plan's periods of {duration} months"));
    }
    let periods = months / duration;
    if periods > MAX_PERIODS {
        return Err(format!("at most {} months at once", MAX_PERIODS * duration));
    }
    price_minor.checked_mul(periods).ok_or_else(|| "too large".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_limit_refuses_only_past_its_max() {
        assert!(room(Resource::Products, Some(3), 2, 1).is_ok());
        let refused = room(Resource::Products, Some(3), 3, 1).unwrap_err();
        assert!(refused.contains("allows 3 objects") && refused.contains("you have 3"), "{refused}");
        assert!(room(Resource::Applications, Some(0), 0, 1).is_err());
        assert!(room(Resource::Plugins, None, i64::MAX, 1).is_ok(), "no limit");
        assert!(room(Resource::Plugins, Some(5), i64::MAX, 1).is_err(), "no overflow");
    }

    #[test]
    fn storage_counts_bytes_and_says_them_in_binary_units() {
        assert_eq!(bytes(0), "0 B");
        assert_eq!(bytes(1023), "1023 B");
        assert_eq!(bytes(1024), "1 KiB");
        assert_eq!(bytes(1536), "1.5 KiB");
        assert_eq!(bytes(100 << 20), "100 MiB");
        assert_eq!(bytes(5 << 30), "5 GiB");
        assert!(room(Resource::Storage, Some(100 << 20), (100 << 20) - 10, 10).is_ok());
        let refused = room(Resource::Storage, Some(100 << 20), 99 << 20, 2 << 20).unwrap_err();
        assert!(refused.contains("allows 100 MiB of files") && refused.contains("you have 99 MiB"), "{refused}");
    }

    #[test]
    fn subscriptions_are_whole_periods() {
        assert_eq!(subscription_price(12000, 12, 12), Ok(12000));
        assert_eq!(subscription_price(12000, 12, 24), Ok(24000));
        for bad in [0, 6, 13, -12, 72] {
            assert!(subscription_price(12000, 12, bad).is_err(), "{bad}");
        }
        assert_eq!(subscription_price(12000, 12, 60), Ok(60000));
    }

    #[test]
    fn resources_are_spelled_as_the_table_spells_them() {
        for r in Resource::ALL {
            assert_eq!(serde_json::to_value(r).unwrap(), r.as_str());
        }
    }
}
