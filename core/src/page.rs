//! Serving the app shell with a play inline: the JSON goes into a
//! `<script type="application/json">` element and the page gets a strict
//! Content-Security-Policy that allows Trunk's inline loader by its hash.

use sha2::{Digest, Sha256};

/// The id of the element the app reads the inline play from.
pub const PLAY_ELEMENT_ID: &str = "senzu-play";

/// Inserts the (already escaped) inline JSON before `</head>` and returns the
/// page with its Content-Security-Policy.
pub fn with_inline_play(index_html: &str, escaped_json: &str) -> (String, String) {
    let element = format!(r#"<script id="{PLAY_ELEMENT_ID}" type="application/json">{escaped_json}</script>"#);
    let html = match index_html.find("</head>") {
        Some(at) => format!("{}{element}{}", &index_html[..at], &index_html[at..]),
        None => format!("{element}{index_html}"),
    };
    (html, content_security_policy(index_html))
}

/// script-src allows our own files, wasm compilation and the hashes of the
/// shell's inline scripts (Trunk's module loader) — nothing else.
pub fn content_security_policy(index_html: &str) -> String {
    let hashes: Vec<String> = inline_scripts(index_html)
        .into_iter()
        .map(|body| format!("'sha256-{}'", base64(&Sha256::digest(body.as_bytes()))))
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {}; style-src 'self' 'unsafe-inline'; \
         img-src 'self' https: data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         frame-ancestors 'none'; form-action 'self'",
        hashes.join(" ")
    )
}

/// Bodies of `<script …>…</script>` elements without a `src` attribute.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else { break };
        let tag = &after[..tag_end];
        let body_start = tag_end + 1;
        let Some(close) = after[body_start..].find("</script>") else { break };
        let body = &after[body_start..body_start + close];
        if !tag.contains(" src=") && !tag.contains("application/json") {
            out.push(body);
        }
        rest = &after[body_start + close + "</script>".len()..];
    }
    out
}

fn base64(bytes: &[u8]) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648() {
        for (input, want) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foobar", "Zm9vYmFy")] {
            assert_eq!(base64(input.as_bytes()), want);
        }
    }

    #[test]
    fn inlines_the_play_and_hashes_only_inline_scripts() {
        let shell = "<html><head><script type=\"module\">import init from '/a.js';</script>\
                     <script src=\"/x.js\"></script></head><body></body></html>";
        let (html, csp) = with_inline_play(shell, "{\"a\":1}");
        assert!(html.contains("<script id=\"senzu-play\" type=\"application/json\">{\"a\":1}</script></head>"));
        let digest = base64(&Sha256::digest(b"import init from '/a.js';"));
        assert!(csp.contains(&format!("'sha256-{digest}'")), "{csp}");
        assert_eq!(csp.matches("'sha256-").count(), 1);
        assert!(csp.contains("'wasm-unsafe-eval'") && !csp.contains("'unsafe-eval'"));
        assert!(!csp.contains("script-src 'self' 'unsafe-inline'"));
    }
}
