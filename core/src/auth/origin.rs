//! Which requests must come from Senzu's own pages (cross-site request
//! forgery). Following the OWASP CSRF Prevention Cheat Sheet, the origin of a
//! request is verified with the standard headers — `Origin`, else the Fetch
//! Metadata `Sec-Fetch-Site` — for every state-changing request that rides on
//! the ambient session cookie, and for the sign-in, sign-up and sign-out forms
//! (login CSRF needs no cookie). A token sent explicitly (Bearer, `?token=`)
//! is not ambient: a foreign page cannot attach it, so those calls are free.
//!
//! | method          | credential          | Origin              | else Sec-Fetch-Site | verdict |
//! |-----------------|---------------------|---------------------|---------------------|---------|
//! | GET/HEAD/OPTIONS| any                 | any                 | any                 | allowed (GETs change nothing) |
//! | other           | token, or none (not a session form) | any | any                 | allowed |
//! | other           | cookie, or session form | our own origin  | —                   | allowed |
//! | other           | cookie, or session form | another, `null` | —                   | refused |
//! | other           | cookie, or session form | absent          | `same-origin`       | allowed |
//! | other           | cookie, or session form | absent          | anything else       | refused |
//! | other           | cookie, or session form | absent          | absent              | refused |

/// What authenticates a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential {
    /// No credential at all.
    None,
    /// The first-party session cookie (sent by the browser on its own).
    Cookie,
    /// A token the client sent explicitly (`Authorization: Bearer`, `?token=`).
    Token,
}

/// The facts of a request the rule looks at.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub method: &'a str,
    pub credential: Credential,
    /// Sign-in, sign-up or sign-out: checked even without a cookie.
    pub session_form: bool,
    pub origin: Option<&'a str>,
    pub sec_fetch_site: Option<&'a str>,
    /// This server's origin (`https://host[:port]`), as the request URL says.
    pub own_origin: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CrossSite {
    #[error("cross-site request refused: Origin {0} is not this site")]
    ForeignOrigin(String),
    #[error("cross-site request refused: Sec-Fetch-Site is {0}")]
    NotSameOrigin(String),
    #[error(
        "cross-site request refused: a request signed in with the session cookie must say where it comes from \
         (Origin); other clients send their token as Authorization: Bearer"
    )]
    Unknown,
}

/// Methods that change nothing (RFC 9110 §9.2.1 safe methods).
pub fn is_safe(method: &str) -> bool {
    matches!(method.to_ascii_uppercase().as_str(), "GET" | "HEAD" | "OPTIONS")
}

/// Whether the request may go on.
pub fn check(r: &Request<'_>) -> Result<(), CrossSite> {
    if is_safe(r.method) || !(r.credential == Credential::Cookie || r.session_form) {
        return Ok(());
    }
    if let Some(origin) = r.origin.map(str::trim) {
        return if origin.eq_ignore_ascii_case(r.own_origin) {
            Ok(())
        } else {
            Err(CrossSite::ForeignOrigin(origin.chars().take(100).collect()))
        };
    }
    match r.sec_fetch_site.map(str::trim) {
        Some(site) if site.eq_ignore_ascii_case("same-origin") => Ok(()),
        Some(site) => Err(CrossSite::NotSameOrigin(site.chars().take(20).collect())),
        None => Err(CrossSite::Unknown),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OWN: &str = "https://senzu.app";

    fn req(method: &str, credential: Credential, form: bool, origin: Option<&str>, site: Option<&str>) -> bool {
        check(&Request { method, credential, session_form: form, origin, sec_fetch_site: site, own_origin: OWN })
            .is_ok()
    }

    /// Every method × credential × session form × Origin × Sec-Fetch-Site, against the table above.
    #[test]
    fn the_whole_table() {
        let methods = ["GET", "HEAD", "OPTIONS", "get", "POST", "DELETE", "PUT", "PATCH", "post"];
        let credentials = [Credential::None, Credential::Cookie, Credential::Token];
        let origins = [
            None,
            Some(OWN),
            Some("https://SENZU.app"),
            Some("https://evil.example"),
            Some("null"),
            Some("https://senzu.app.evil.example"),
        ];
        let sites = [None, Some("same-origin"), Some("same-site"), Some("cross-site"), Some("none")];
        let mut cases = 0;
        for method in methods {
            for credential in credentials {
                for form in [false, true] {
                    for origin in origins {
                        for site in sites {
                            cases += 1;
                            let guarded = !is_safe(method) && (credential == Credential::Cookie || form);
                            let same_origin = match origin {
                                Some(o) => o.eq_ignore_ascii_case(OWN),
                                None => site == Some("same-origin"),
                            };
                            let want = !guarded || same_origin;
                            assert_eq!(
                                req(method, credential, form, origin, site),
                                want,
                                "{method} {credential:?} form={form} origin={origin:?} site={site:?}"
                            );
                        }
                    }
                }
            }
        }
        assert_eq!(cases, 9 * 3 * 2 * 6 * 5);
    }

    #[test]
    fn the_refusals_say_why() {
        let foreign = check(&Request {
            method: "POST",
            credential: Credential::Cookie,
            session_form: false,
            origin: Some("https://evil.example"),
            sec_fetch_site: Some("same-origin"),
            own_origin: OWN,
        });
        assert_eq!(foreign, Err(CrossSite::ForeignOrigin("https://evil.example".into())), "Origin wins");
        let login = check(&Request {
            method: "POST",
            credential: Credential::None,
            session_form: true,
            origin: None,
            sec_fetch_site: Some("cross-site"),
            own_origin: OWN,
        });
        assert_eq!(login, Err(CrossSite::NotSameOrigin("cross-site".into())));
        let bare = check(&Request {
            method: "DELETE",
            credential: Credential::Cookie,
            session_form: false,
            origin: None,
            sec_fetch_site: None,
            own_origin: OWN,
        });
        assert_eq!(bare, Err(CrossSite::Unknown));
        assert!(CrossSite::Unknown.to_string().contains("Bearer"));
    }
}
