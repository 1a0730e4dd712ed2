//! CORS: third-party web apps call the API from their own origin with a
//! bearer token; the dashboard's sign-in, consent and dev routes stay
//! same-origin only (a browser refuses to read them cross-origin).
mod common;
use common::app;

const ORIGIN: (&str, &str) = ("origin", "https://notes.example");

#[test]
fn api_routes_answer_preflights_and_expose_retry_after() {
    for path in ["/v1/user", "/v1/auth/token", "/v1/apps/2"] {
        let (status, h) = app().headers_of(
            "OPTIONS",
            path,
            &[
                ORIGIN,
                ("access-control-request-method", "POST"),
                ("access-control-request-headers", "authorization,content-type"),
            ],
        );
        assert_eq!(status, 204, "{path}");
        assert_eq!(h.get("access-control-allow-origin").map(String::as_str), Some("*"), "{path}");
        let allowed = h.get("access-control-allow-headers").cloned().unwrap_or_default();
        assert!(allowed.contains("authorization") && allowed.contains("content-type"), "{path}: {allowed}");
        assert!(h.get("access-control-allow-methods").is_some_and(|m| m.contains("POST")), "{path}");
        // Never with credentials: the dashboard cookie must not ride along cross-origin.
        assert!(!h.contains_key("access-control-allow-credentials"), "{path}");
    }
    // Errors carry it too, so a web app can read the Senzu code of a 401.
    let (status, h) = app().headers_of("GET", "/v1/user", &[ORIGIN]);
    assert_eq!(status, 401);
    assert_eq!(h.get("access-control-allow-origin").map(String::as_str), Some("*"));
    assert_eq!(h.get("access-control-expose-headers").map(String::as_str), Some("retry-after"));
}

#[test]
fn first_party_routes_get_no_cors() {
    for path in ["/v1/auth/login", "/v1/auth/consent", "/v1/dev/outbox"] {
        let (status, h) = app().headers_of("OPTIONS", path, &[ORIGIN, ("access-control-request-method", "POST")]);
        assert_ne!(status, 204, "{path}");
        assert!(!h.contains_key("access-control-allow-origin"), "{path}: {h:?}");
    }
    let (_, h) = app().headers_of("GET", "/v1/auth/consent?id_api_app=2", &[ORIGIN]);
    assert!(!h.contains_key("access-control-allow-origin"));
}
