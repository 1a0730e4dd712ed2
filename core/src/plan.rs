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
}

impl Resource {
    pub const ALL: [Resource; 3] = [Self::Products, Self::Applications, Self::Plugins];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Products => "products",
            Self::Applications => "applications",
            Self::Plugins => "plugins",
        }
    }

    fn what(self) -> &'static str {
        match self {
            Self::Products => "objects",
            Self::Applications => "applications",
            Self::Plugins => "plugins on one application",
        }
    }
}

/// The plan id of an account without a subscription (its row in `plan_limits`).
pub const NO_PLAN: i64 = 0;

/// Whether `adding` more fit under `max` (None: no limit) with `used` already;
/// the refusal says what the plan allows (a 402: a bigger plan lifts it).
pub fn room(resource: Resource, max: Option<i64>, used: i64, adding: i64) -> Result<(), String> {
    match max {
        Some(max) if used.saturating_add(adding) > max => Err(format!(
            "your plan allows {max} {} and you have {used}: a bigger plan (GET /v1/plans) allows more",
            resource.what()
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
