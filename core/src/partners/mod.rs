//! Partner APIs behind some plugins. The owner's credentials stay in the
//! worker (sealed); these modules only know the partners' formats — and where
//! each partner lives. That address is fixed here per partner: a deployment
//! may point a partner elsewhere only through its own configuration (the
//! variable [`Partner::config_var`], e.g. tests' loopback stubs), never through
//! plugin data, so no one who can edit a plugin can send the owner's
//! credentials to a host of their choosing.

pub mod eduzz;
pub mod sengerio;
pub mod vault;

use crate::plugins::Kind;

/// A partner whose API some plugins call with the owner's credentials.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Partner {
    Eduzz,
    Sengerio,
}

/// Why a configured partner address is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EndpointError {
    #[error("{var} must be an https:// address without user, query or fragment (plain http only to loopback in development builds)")]
    Refused { var: &'static str },
}

impl Partner {
    pub const ALL: [Partner; 2] = [Partner::Eduzz, Partner::Sengerio];

    /// The partner a plugin kind talks to, if any.
    pub fn of(kind: Kind) -> Option<Self> {
        match kind {
            Kind::EduzzProduct | Kind::EduzzBestSellers => Some(Partner::Eduzz),
            Kind::SengerioQuote | Kind::SengerioVehicle => Some(Partner::Sengerio),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Partner::Eduzz => "Eduzz",
            Partner::Sengerio => "Sengerio",
        }
    }

    /// The documented production API.
    pub fn documented_base_url(self) -> &'static str {
        match self {
            Partner::Eduzz => eduzz::DEFAULT_BASE_URL,
            Partner::Sengerio => sengerio::DEFAULT_BASE_URL,
        }
    }

    /// The deployment variable (wrangler vars) that may override the address.
    pub fn config_var(self) -> &'static str {
        match self {
            Partner::Eduzz => "SENZU_PARTNER_EDUZZ_URL",
            Partner::Sengerio => "SENZU_PARTNER_SENGERIO_URL",
        }
    }

    /// Where this partner's calls go: the deployment's `configured` address if
    /// it set one (checked), else the documented one. `loopback` allows
    /// `http://127.0.0.1:PORT` / `http://localhost:PORT` (development builds only).
    pub fn base_url(self, configured: Option<&str>, loopback: bool) -> Result<String, EndpointError> {
        let Some(url) = configured.map(str::trim).filter(|u| !u.is_empty()) else {
            return Ok(self.documented_base_url().to_string());
        };
        if acceptable(url, loopback) {
            Ok(url.to_string())
        } else {
            Err(EndpointError::Refused { var: self.config_var() })
        }
    }
}

/// `https://host[:port][/path]`, or plain http to a loopback port when allowed;
/// never a user part (`https://good@evil`), a query, a fragment or odd characters.
fn acceptable(url: &str, loopback: bool) -> bool {
    let clean =
        url.chars().all(|c| c.is_ascii_graphic() && !matches!(c, '@' | '?' | '#' | '\\' | '%' | '"' | '<' | '>'));
    if !clean {
        return false;
    }
    let host_of = |rest: &str| rest.split('/').next().unwrap_or_default().to_string();
    if let Some(rest) = url.strip_prefix("https://") {
        let host = host_of(rest);
        let (name, port) = match host.split_once(':') {
            Some((n, p)) => (n.to_string(), Some(p.to_string())),
            None => (host.clone(), None),
        };
        let name_ok = !name.is_empty()
            && name.split('.').all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
        return name_ok && port.is_none_or(|p| p.parse::<u16>().is_ok_and(|p| p > 0));
    }
    if let Some(rest) = url.strip_prefix("http://").filter(|_| loopback) {
        let host = host_of(rest);
        return host.split_once(':').is_some_and(|(name, port)| {
            matches!(name, "127.0.0.1" | "localhost") && port.parse::<u16>().is_ok_and(|p| p > 0)
        });
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_partner_kind_has_its_partner() {
        for kind in crate::plugins::PARTNER_KINDS {
            assert!(Partner::of(kind).is_some(), "{kind:?}");
        }
        for kind in crate::plugins::ALL_KINDS {
            assert_eq!(Partner::of(kind), None, "{kind:?}");
        }
    }

    #[test]
    fn without_configuration_the_documented_host() {
        assert_eq!(Partner::Eduzz.base_url(None, false).unwrap(), "https://api2.eduzz.com");
        assert_eq!(Partner::Sengerio.base_url(Some(" "), true).unwrap(), "https://api.sengerio.com/v1/");
        for p in Partner::ALL {
            assert!(p.documented_base_url().starts_with("https://"));
            assert!(p.config_var().starts_with("SENZU_PARTNER_"));
        }
    }

    #[test]
    fn a_configured_host_is_https_or_loopback_in_development() {
        for good in ["https://sandbox.eduzz.com", "https://api.sengerio.com/v2/", "https://x-1.example:8443/base"] {
            assert_eq!(Partner::Eduzz.base_url(Some(good), false).as_deref(), Ok(good), "{good}");
        }
        for stub in ["http://127.0.0.1:40123", "http://localhost:8080/v1/"] {
            assert_eq!(Partner::Sengerio.base_url(Some(stub), true).as_deref(), Ok(stub), "{stub}");
            assert!(Partner::Sengerio.base_url(Some(stub), false).is_err(), "no loopback in production: {stub}");
        }
        for bad in [
            "http://partner.example",
            "ftp://partner.example",
            "https://",
            "https://good.example@evil.example",
            "https://evil.example?x=https://good",
            "https://evil.example#x",
            "https://evil .example",
            "https://evil.example\\@good",
            "https://a..b",
            "https://a.example:0",
            "https://a.example:99999",
            "http://127.0.0.1",
            "http://127.0.0.1:80@evil.example",
            "http://localhost:1234.evil.example",
            "http://127.0.0.2:1234",
            "http://[::1]:1234",
            "javascript:alert(1)",
        ] {
            let refused = Partner::Eduzz.base_url(Some(bad), true);
            assert_eq!(refused, Err(EndpointError::Refused { var: "SENZU_PARTNER_EDUZZ_URL" }), "{bad}");
        }
    }
}
