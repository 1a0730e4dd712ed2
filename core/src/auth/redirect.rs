//! Redirect URLs of developer apps. Senzu Auth sends a user (and a token or a
//! code) only to a URL the app registered: an exact string match, with one
//! exception from RFC 8252 §7.3 — a loopback redirect may differ in port,
//! because native apps listen on an ephemeral one.

/// Schemes that run code or embed content instead of navigating: never a redirect.
const FORBIDDEN_SCHEMES: [&str; 5] = ["javascript", "data", "vbscript", "file", "blob"];
const LOOPBACK_HOSTS: [&str; 3] = ["127.0.0.1", "localhost", "[::1]"];
const MAX_LEN: usize = 2048;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RedirectError {
    #[error("the redirect URL is empty or longer than 2048 characters")]
    Length,
    #[error("the redirect URL contains spaces or control characters")]
    Characters,
    #[error("the redirect URL must be absolute (scheme://host/…)")]
    NotAbsolute,
    #[error("the scheme {0}: is not allowed for a redirect")]
    ForbiddenScheme(String),
    #[error("the redirect URL must not carry user information or a fragment")]
    UserinfoOrFragment,
    #[error("http: is allowed only for a loopback redirect (127.0.0.1, localhost, [::1])")]
    PlainHttp,
    #[error("the redirect URL is not one of the app's registered redirects")]
    NotRegistered,
}

/// The parts the loopback exception compares.
struct Parts<'a> {
    scheme: &'a str,
    host: &'a str,
    rest: &'a str,
}

fn split(url: &str) -> Result<Parts<'_>, RedirectError> {
    let (scheme, after) = url.split_once(':').ok_or(RedirectError::NotAbsolute)?;
    let valid_scheme = scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    if !valid_scheme {
        return Err(RedirectError::NotAbsolute);
    }
    if FORBIDDEN_SCHEMES.contains(&scheme.to_ascii_lowercase().as_str()) {
        return Err(RedirectError::ForbiddenScheme(scheme.to_ascii_lowercase()));
    }
    let after = after.strip_prefix("//").ok_or(RedirectError::NotAbsolute)?;
    let end = after.find(['/', '?', '#']).unwrap_or(after.len());
    let (authority, rest) = after.split_at(end);
    if authority.contains('@') || url.contains('#') {
        return Err(RedirectError::UserinfoOrFragment);
    }
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.find(']').map_or(authority, |i| &authority[..i + 2]),
        None => authority.split(':').next().unwrap_or_default(),
    };
    if host.is_empty() {
        return Err(RedirectError::NotAbsolute);
    }
    Ok(Parts { scheme, host, rest })
}

fn check_characters(url: &str) -> Result<(), RedirectError> {
    if url.is_empty() || url.len() > MAX_LEN {
        return Err(RedirectError::Length);
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(RedirectError::Characters);
    }
    Ok(())
}

/// Whether a URL may be registered as a redirect: absolute, no userinfo or
/// fragment, no script-like scheme, https (or a custom app scheme) unless loopback.
pub fn validate_registration(url: &str) -> Result<(), RedirectError> {
    check_characters(url)?;
    let parts = split(url)?;
    if parts.scheme == "http" && !LOOPBACK_HOSTS.contains(&parts.host) {
        return Err(RedirectError::PlainHttp);
    }
    Ok(())
}

/// Whether `candidate` matches one of `registered`. Exact string comparison
/// (case, trailing slash, query and encoding all count); a loopback redirect
/// may differ in port only.
pub fn check<'a>(candidate: &str, registered: impl IntoIterator<Item = &'a str>) -> Result<(), RedirectError> {
    check_characters(candidate)?;
    let cand = split(candidate)?;
    for reg in registered {
        if reg == candidate {
            return Ok(());
        }
        let Ok(r) = split(reg) else { continue };
        let loopback = LOOPBACK_HOSTS.contains(&r.host);
        if loopback && r.scheme == cand.scheme && r.host == cand.host && r.rest == cand.rest {
            return Ok(());
        }
    }
    Err(RedirectError::NotRegistered)
}

/// `url` with one more query parameter (the value is percent-encoded).
pub fn with_query(url: &str, key: &str, value: &str) -> String {
    let sep = if url.contains('?') { '&' } else { '?' };
    let encoded: String = value
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("{url}{sep}{key}={encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const REG: &str = "https://app.example.com/callback";

    #[test]
    fn only_the_exact_registered_url_passes() {
        assert_eq!(check(REG, [REG]), Ok(()));
        let refused = [
            "https://evil.example.net/callback",         // unregistered
            "https://evil.app.example.com/callback",     // subdomain
            "https://app.example.com.evil.net/callback", // suffix-extended host
            "https://app.example.com/callback/../admin", // path traversal
            "https://app.example.com/callback/..%2fadmin",
            "https://APP.example.com/callback", // differently-cased
            "https://app.example.com/Callback",
            "https://app.example.com/callback/",     // trailing slash
            "https://app.example.com/callback?x=1",  // extra query
            "https://app.example.com:8443/callback", // other port
            "http://app.example.com/callback",       // http
            "https://app.example.com/callback%20",   // encoded
            "https://app.example.com/%63allback",
            "https://app.example.com/callbackx",
        ];
        for url in refused {
            assert_eq!(check(url, [REG]), Err(RedirectError::NotRegistered), "{url}");
        }
        assert_eq!(check("https://app.example.com/callback#x", [REG]), Err(RedirectError::UserinfoOrFragment));
        assert_eq!(check("https://user:pw@app.example.com/callback", [REG]), Err(RedirectError::UserinfoOrFragment));
        assert_eq!(check("https://app.example.com@evil.net/callback", [REG]), Err(RedirectError::UserinfoOrFragment));
        assert_eq!(check(" https://app.example.com/callback", [REG]), Err(RedirectError::Characters));
        assert_eq!(check("", [REG]), Err(RedirectError::Length));
    }

    #[test]
    fn script_schemes_are_never_redirects() {
        for url in ["javascript:alert(1)", "JavaScript://x/%0aalert(1)", "data:text/html,<b>x", "vbscript:msgbox"] {
            assert!(matches!(check(url, [url]), Err(RedirectError::ForbiddenScheme(_))), "{url}");
            assert!(validate_registration(url).is_err(), "{url}");
        }
    }

    #[test]
    fn a_loopback_redirect_may_differ_in_port_only() {
        let reg = "http://127.0.0.1:8000/cb";
        assert_eq!(check("http://127.0.0.1:53121/cb", [reg]), Ok(()));
        assert_eq!(check("http://127.0.0.1/cb", [reg]), Ok(()));
        assert_eq!(check("http://[::1]:9/cb", ["http://[::1]/cb"]), Ok(()));
        assert_eq!(check("http://127.0.0.1:53121/cb2", [reg]), Err(RedirectError::NotRegistered));
        assert_eq!(check("https://127.0.0.1:53121/cb", [reg]), Err(RedirectError::NotRegistered));
        assert_eq!(check("http://localhost:8000/cb", [reg]), Err(RedirectError::NotRegistered));
        assert_eq!(check("http://127.0.0.2:8000/cb", [reg]), Err(RedirectError::NotRegistered));
        // The port exception is for loopback only.
        assert_eq!(check("https://app.example.com:444/callback", [REG]), Err(RedirectError::NotRegistered));
    }

    #[test]
    fn registration_wants_https_or_loopback_or_an_app_scheme() {
        assert_eq!(validate_registration(REG), Ok(()));
        assert_eq!(validate_registration("http://localhost:3000/cb"), Ok(()));
        assert_eq!(validate_registration("com.example.app://callback"), Ok(()));
        assert_eq!(validate_registration("http://app.example.com/cb"), Err(RedirectError::PlainHttp));
        assert_eq!(validate_registration("/relative"), Err(RedirectError::NotAbsolute));
        assert_eq!(validate_registration("https://a.example/cb#frag"), Err(RedirectError::UserinfoOrFragment));
    }

    #[test]
    fn query_is_appended_encoded() {
        assert_eq!(with_query(REG, "token", "ab12"), "https://app.example.com/callback?token=ab12");
        assert_eq!(
            with_query("https://a.example/cb?x=1", "state", "a b&c"),
            "https://a.example/cb?x=1&state=a%20b%26c"
        );
    }
}
