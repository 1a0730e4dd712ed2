//! What an uploaded image really is, from its first bytes (never from the
//! name or the declared type): only the raster formats a play page shows.
//! SVG is refused — it can carry script.

/// Where an application's image may be: an `https://` address, or exactly one
/// of this site's uploaded files, `/files/{name}` (the name as uploads are
/// named: letters, digits, `-` and `.`, no `..`). Anything else — a relative
/// path such as `/files/../v1/…`, which every visitor's browser would request
/// with its cookies, another scheme, markup characters — is refused. `origin`
/// is this site's (`https://host`): its own absolute file URLs are made relative.
pub fn image_url<'a>(url: &'a str, origin: &str) -> Result<&'a str, &'static str> {
    let url = url.trim();
    let url = url.strip_prefix(origin).filter(|rest| rest.starts_with("/files/")).unwrap_or(url);
    let plain = !url.is_empty()
        && url.len() <= 500
        && url.bytes().all(|b| b.is_ascii_graphic() && !matches!(b, b'"' | b'\'' | b'<' | b'>' | b'\\' | b'`'));
    if !plain {
        return Err("must be an https address or /files/{name}, without spaces or quotes");
    }
    if let Some(name) = url.strip_prefix("/files/") {
        let name_ok = name.len() <= 80
            && !name.is_empty()
            && !name.contains("..")
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
        return if name_ok { Ok(url) } else { Err("must name an uploaded file: /files/{name}") };
    }
    match url.strip_prefix("https://") {
        Some(rest)
            if rest.split(['/', '?', '#']).next().is_some_and(|host| !host.is_empty() && !host.contains('@')) =>
        {
            Ok(url)
        }
        _ => Err("must be an https address or /files/{name}"),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
    Gif,
    Webp,
}

impl ImageKind {
    pub fn sniff(bytes: &[u8]) -> Option<ImageKind> {
        match bytes {
            [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, ..] => Some(ImageKind::Png),
            [0xff, 0xd8, 0xff, ..] => Some(ImageKind::Jpeg),
            [b'G', b'I', b'F', b'8', b'7' | b'9', b'a', ..] => Some(ImageKind::Gif),
            [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some(ImageKind::Webp),
            _ => None,
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            ImageKind::Png => "image/png",
            ImageKind::Jpeg => "image/jpeg",
            ImageKind::Gif => "image/gif",
            ImageKind::Webp => "image/webp",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Png => "png",
            ImageKind::Jpeg => "jpg",
            ImageKind::Gif => "gif",
            ImageKind::Webp => "webp",
        }
    }
}

/// The largest upload: an application image, not a photo library.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content_only() {
        assert_eq!(ImageKind::sniff(&crate::qr::png("x", 1).unwrap()), Some(ImageKind::Png));
        assert_eq!(ImageKind::sniff(&[0xff, 0xd8, 0xff, 0xe0, 0]), Some(ImageKind::Jpeg));
        assert_eq!(ImageKind::sniff(b"GIF89a..."), Some(ImageKind::Gif));
        assert_eq!(ImageKind::sniff(b"RIFF\x10\0\0\0WEBPVP8 "), Some(ImageKind::Webp));
        assert_eq!(ImageKind::sniff(b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>"), None);
        assert_eq!(ImageKind::sniff(b"<html>"), None);
        assert_eq!(ImageKind::sniff(b""), None);
        assert_eq!(ImageKind::sniff(b"RIFF\x10\0\0\0WAVEfmt "), None);
    }
}

#[cfg(test)]
mod url_tests {
    use super::image_url;

    const ORIGIN: &str = "https://senzu.app";

    #[test]
    fn https_or_exactly_an_uploaded_file() {
        for good in
            ["https://cdn.example/a.png", "https://cdn.example", "/files/3f9c-1.png", "https://x.example/a?b=c#d"]
        {
            assert_eq!(image_url(good, ORIGIN), Ok(good), "{good}");
        }
        assert_eq!(image_url("https://senzu.app/files/a.png", ORIGIN), Ok("/files/a.png"), "own files become relative");
        assert_eq!(image_url("  https://cdn.example/a.png ", ORIGIN), Ok("https://cdn.example/a.png"));
        for bad in [
            "/files/../v1/agree-share-application?id=1",
            "/files/..%2fv1/logout",
            "/files/a/../../v1/auth/logout",
            "/files/",
            "/files/a/b.png",
            "/files/a.png?x=1",
            "/v1/user",
            "//evil.example/a.png",
            "files/a.png",
            "http://cdn.example/a.png",
            "https://",
            "https://user@evil.example/a.png",
            "javascript:alert(1)",
            "data:image/png;base64,AAAA",
            "https://cdn.example/a b.png",
            "https://cdn.example/\"onerror=\"x",
            "https://cdn.example/<x>",
            "https://senzu.app/files/../v1/user",
            "",
        ] {
            assert!(image_url(bad, ORIGIN).is_err(), "{bad}");
        }
        assert!(image_url(&format!("https://cdn.example/{}", "a".repeat(500)), ORIGIN).is_err());
    }
}
