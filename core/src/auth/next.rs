//! Where the browser goes after sign-in (`/signin?next=…`). `next` is parsed
//! as a URL the way the browser will resolve it (WHATWG URL, the `url` crate)
//! against the page's own origin, and only a path on that origin passes:
//! anything that resolves to another host (`//x`, `/\x`, which browsers read as
//! `//x`), another scheme (`https:x`, `javascript:`) or smuggles characters
//! the URL parser strips (tabs, newlines) is refused. The answer is the
//! normalised path the check saw, so the browser navigates to exactly that.

use url::Url;

/// Stands in for the page's origin: only "same origin or not" matters.
const BASE: &str = "https://senzu.invalid/";
const MAX_LEN: usize = 2048;

/// `next` as a same-origin `path?query#fragment`, or `None` when it is not one.
#[must_use]
pub fn same_origin_path(next: &str) -> Option<String> {
    // A path-absolute reference, nothing the parser would silently strip or reinterpret.
    let plain = !next.is_empty() && next.len() <= MAX_LEN && !next.chars().any(|c| c.is_control() || c == '\\');
    if !plain || !next.starts_with('/') {
        return None;
    }
    let base = Url::parse(BASE).ok()?;
    let url = base.join(next).ok()?;
    if url.origin() != base.origin() || !url.username().is_empty() || url.password().is_some() {
        return None;
    }
    let mut path = url.path().to_string();
    // `/.//x` normalises to the path `//x`, which a browser reads as a host.
    if path.starts_with("//") {
        return None;
    }
    if let Some(q) = url.query() {
        path.push('?');
        path.push_str(q);
    }
    if let Some(f) = url.fragment() {
        path.push('#');
        path.push_str(f);
    }
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_local_path_passes_with_its_query_and_fragment() {
        assert_eq!(same_origin_path("/ok/path?q#f").as_deref(), Some("/ok/path?q#f"));
        assert_eq!(same_origin_path("/console").as_deref(), Some("/console"));
        assert_eq!(same_origin_path("/").as_deref(), Some("/"));
        assert_eq!(
            same_origin_path("/dashboard/invitations?next=//evil.example").as_deref(),
            Some("/dashboard/invitations?next=//evil.example")
        );
        // Dot segments resolve inside the origin.
        assert_eq!(same_origin_path("/a/../b").as_deref(), Some("/b"));
    }

    #[test]
    fn another_host_is_refused_however_it_is_spelled() {
        for next in [
            "//x",
            "//evil.example/path",
            "/\\x",
            "/\\evil.example",
            "\\\\evil.example",
            "/\\/evil.example",
            "///evil.example",
            "/.//evil.example",
            "/..//evil.example",
            "/a/../..//evil.example",
        ] {
            assert_eq!(same_origin_path(next), None, "{next:?}");
        }
    }

    #[test]
    fn an_encoded_backslash_is_only_decoded_once() {
        // `?next=/%5Cx` reaches the page as `/\x` (the query is decoded): refused.
        assert_eq!(same_origin_path("/\\evil.example"), None);
        // Double-encoded, `%5C` stays a literal path character on our origin.
        let kept = same_origin_path("/%5Cevil.example").expect("a path on the origin");
        assert_eq!(kept, "/%5Cevil.example");
        let resolved = Url::parse(BASE).unwrap().join(&kept).unwrap();
        assert_eq!(resolved.host_str(), Some("senzu.invalid"));
    }

    #[test]
    fn other_schemes_and_relative_references_are_refused() {
        for next in [
            "https:x",
            "https:/x",
            "https://evil.example",
            "http://senzu.invalid/x",
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "data:text/html,x",
            "x",
            "evil.example",
            "",
            "?q",
            "#f",
        ] {
            assert_eq!(same_origin_path(next), None, "{next:?}");
        }
    }

    #[test]
    fn tabs_newlines_and_controls_inside_are_refused() {
        for next in ["/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "/ok\n", "/\u{0}x", "/\u{7f}x"] {
            assert_eq!(same_origin_path(next), None, "{next:?}");
        }
        assert_eq!(same_origin_path(&format!("/{}", "a".repeat(MAX_LEN))), None);
    }

    #[test]
    fn an_at_sign_stays_in_the_path() {
        assert_eq!(same_origin_path("/@evil.example"), Some("/@evil.example".into()));
        assert_eq!(same_origin_path("//user@evil.example"), None);
    }
}
