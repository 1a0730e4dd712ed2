//! Serving the app shell with a play inline: the JSON goes into a
//! `<script type="application/json">` element (data, never run) and the page
//! gets the app's strict Content-Security-Policy: no inline script at all (the
//! app starts from /static/boot.js), no framing.

use crate::play::{Play, PlayPage};
use crate::plugins::{encode, Action};

/// The id of the element the app reads the inline play from.
pub const PLAY_ELEMENT_ID: &str = "senzu-play";

/// The id of the server-rendered first paint, which the app removes when it mounts.
pub const FIRST_PAINT_ID: &str = "senzu-first-paint";

/// Inserts the play's JSON before `</head>` and a server-rendered first paint of
/// its tiles after `<body>` (so the phone paints before the wasm has loaded, and
/// link tiles already work), and returns the page with its Content-Security-Policy.
pub fn with_inline_play(index_html: &str, page: &PlayPage) -> (String, String) {
    let mut element =
        format!(r#"<script id="{PLAY_ELEMENT_ID}" type="application/json">{}</script>"#, page.to_inline_json());
    let mut index_html = index_html.to_string();
    if let Some(play) = &page.play {
        // The tab and a shared link's preview (Open Graph) name the application, not "Senzu".
        let title = escape_html(&play.title);
        index_html = index_html.replacen("<title>Senzu</title>", &format!("<title>{title}</title>"), 1);
        element.push_str(&format!(r#"<meta property="og:title" content="{title}">"#));
        if let Some(subtitle) = &play.subtitle {
            element.push_str(&format!(r#"<meta property="og:description" content="{}">"#, escape_html(subtitle)));
        }
        if let Some(image) = play.image.as_deref().filter(|i| i.starts_with("https://")) {
            element.push_str(&format!(r#"<meta property="og:image" content="{}">"#, escape_html(image)));
        }
    }
    let html = match index_html.find("</head>") {
        Some(at) => format!("{}{element}{}", &index_html[..at], &index_html[at..]),
        None => format!("{element}{index_html}"),
    };
    let html = match (html.find("<body>"), page.play.as_ref()) {
        (Some(at), Some(play)) => {
            let at = at + "<body>".len();
            format!("{}{}{}", &html[..at], first_paint(play), &html[at..])
        }
        _ => html,
    };
    (html, CONTENT_SECURITY_POLICY.to_string())
}

/// Text for HTML content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The play as static markup with the app's classes: header and tiles.
fn first_paint(play: &Play) -> String {
    let color = serde_json::to_value(play.color).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
    let mut html = format!(
        r#"<div id="{FIRST_PAINT_ID}"><main class="play{}" data-color="{color}"><header class="play__header">"#,
        if play.dark { " play--dark" } else { "" }
    );
    match &play.image {
        Some(src) => html.push_str(&format!(r#"<img class="play__image" src="{}" alt="">"#, escape_html(src))),
        None => {
            let initial: String = play.title.chars().next().map(|c| c.to_uppercase().collect()).unwrap_or_default();
            html.push_str(&format!(r#"<div class="play__image play__image--initial">{}</div>"#, escape_html(&initial)));
        }
    }
    html.push_str(&format!(r#"<h1 class="play__title">{}</h1>"#, escape_html(&play.title)));
    if let Some(s) = &play.subtitle {
        html.push_str(&format!(r#"<p class="play__subtitle">{}</p>"#, escape_html(s)));
    }
    html.push_str(r#"</header><ul class="play__tiles">"#);
    for p in &play.plugins {
        let body = format!(
            r#"<span class="tile__icon"><svg viewBox="0 0 24 24" width="26" height="26"><path fill="currentColor" d="{}"></path></svg></span><span class="tile__name">{}</span>"#,
            p.icon_path(),
            escape_html(&p.name)
        );
        let tile = match &p.action {
            Some(Action::Link { href }) if !p.is_locked => {
                format!(r#"<a class="tile" href="{}">{body}</a>"#, escape_html(href))
            }
            Some(Action::Vcard { filename, vcard }) if !p.is_locked => format!(
                r#"<a class="tile" href="data:text/vcard;charset=utf-8,{}" download="{}">{body}</a>"#,
                encode(vcard),
                escape_html(filename)
            ),
            _ => format!(r#"<div class="tile">{body}</div>"#),
        };
        html.push_str(&format!("<li>{tile}</li>"));
    }
    html.push_str("</ul></main></div>");
    html
}

/// The policy of every page: the SPA's (public/_headers, for everything served
/// from dist/) and the worker's play pages. Scripts only from this site, plus
/// wasm compilation — no inline script, no eval; no plugins; no framing
/// (`frame-ancestors 'none'`, with `X-Frame-Options: DENY` for older browsers).
/// Inline styles stay allowed: the app sets style attributes.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' https: data:; connect-src 'self'; object-src 'none'; \
    base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// Standard base64 (RFC 4648, with padding): data: URLs for generated files.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Base64 back to bytes (standard or URL-safe alphabet, padding optional);
/// `None` on any other character.
pub fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        Some(u32::from(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        }))
    };
    let clean: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace() && *b != b'=').collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        if chunk.len() == 1 {
            return None;
        }
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            n |= value(*c)? << (18 - 6 * i);
        }
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_and_refuses_garbage() {
        for input in ["", "f", "fo", "foo", "foobar", "\u{0}\u{ff}\u{80}"] {
            assert_eq!(base64_decode(&base64(input.as_bytes())).unwrap(), input.as_bytes());
        }
        assert_eq!(base64_decode("-_8").unwrap(), base64_decode("+/8=").unwrap());
        assert!(base64_decode("Zm9v!").is_none());
        assert!(base64_decode("Z").is_none());
    }

    #[test]
    fn base64_matches_rfc4648() {
        for (input, want) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foobar", "Zm9vYmFy")] {
            assert_eq!(base64(input.as_bytes()), want);
        }
    }

    fn page(title: &str, plugin_name: &str) -> PlayPage {
        use crate::play::{Background, Color, PlayPlugin};
        use crate::plugins::{Kind, Lang};
        PlayPage {
            lang: Lang::En,
            segment: "k".into(),
            play: Some(Play {
                id: 1,
                image: None,
                title: title.into(),
                subtitle: None,
                color: Color::Red,
                background_color: Background::Light,
                dark: false,
                plugins: vec![
                    PlayPlugin {
                        id: 1,
                        name: plugin_name.into(),
                        kind: Kind::Phone,
                        id_icon: None,
                        is_locked: false,
                        action: Some(Action::Link { href: "tel:+331".into() }),
                    },
                    PlayPlugin {
                        id: 2,
                        name: "Secret".into(),
                        kind: Kind::Text,
                        id_icon: None,
                        is_locked: true,
                        action: None,
                    },
                ],
            }),
            error: None,
            lost: None,
            pair: None,
        }
    }

    #[test]
    fn first_paint_escapes_owner_text_and_links_only_unlocked_tiles() {
        let probe = "</script><script>alert(1)</script>";
        let shell = "<html><head></head><body></body></html>";
        let (html, _) = with_inline_play(shell, &page(probe, "<b>\"x\"</b>"));
        assert!(!html.contains("<script>alert(1)"), "{html}");
        assert!(html.contains("<h1 class=\"play__title\">&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h1>"));
        assert!(html.contains("&lt;b&gt;&quot;x&quot;&lt;/b&gt;"));
        assert!(html.contains(r#"<a class="tile" href="tel:+331">"#));
        assert_eq!(html.matches("<a class=\"tile\"").count(), 1, "the locked tile is not a link");
        assert!(html.contains(&format!("<body><div id=\"{FIRST_PAINT_ID}\">")));
    }

    #[test]
    fn inlines_the_play_under_the_strict_policy() {
        let shell = "<html><head><script type=\"module\" src=\"/static/boot.js\"></script></head><body></body></html>";
        let (html, csp) = with_inline_play(shell, &page("T", "p"));
        assert!(html.contains("<script id=\"senzu-play\" type=\"application/json\">{\"lang\":\"en\""));
        let titled = "<html><head><title>Senzu</title></head><body></body></html>";
        let (html, _) = with_inline_play(titled, &page("Ada's \"card\"", "p"));
        assert!(html.contains("<title>Ada&#39;s &quot;card&quot;</title>"), "{html}");
        assert!(html.contains(r#"<meta property="og:title" content="Ada&#39;s &quot;card&quot;">"#), "{html}");
        assert_eq!(csp, CONTENT_SECURITY_POLICY);
        let directive = |name: &str| {
            csp.split(';').map(str::trim).find_map(|d| d.strip_prefix(name)).map(str::trim).unwrap_or_default()
        };
        assert_eq!(directive("script-src "), "'self' 'wasm-unsafe-eval'", "no inline script, no eval");
        assert_eq!(directive("frame-ancestors "), "'none'");
        assert_eq!(directive("object-src "), "'none'");
        assert_eq!(directive("base-uri "), "'none'");
    }

    #[test]
    fn the_static_pages_send_the_same_policy() {
        let headers = include_str!("../../public/_headers");
        let csp = headers
            .lines()
            .find_map(|l| l.trim().strip_prefix("Content-Security-Policy:"))
            .expect("public/_headers sets a Content-Security-Policy")
            .trim();
        assert_eq!(csp, CONTENT_SECURITY_POLICY);
        assert!(headers.lines().any(|l| l.trim() == "X-Frame-Options: DENY"));
        assert!(headers.lines().any(|l| l.trim() == "X-Content-Type-Options: nosniff"));
    }
}
