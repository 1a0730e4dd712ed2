//! A small User-Agent classifier for insights: browser, device type, platform.
//! Labels follow the documented insight values ("Chrome", "Mobile Phone",
//! "Android", "unknown"…). Order matters: many browsers also say "Safari".

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Client {
    pub browser: &'static str,
    pub device_type: &'static str,
    pub platform: &'static str,
}

pub fn classify(ua: &str) -> Client {
    let has = |needle: &str| ua.contains(needle);
    let platform = if has("iPhone") || has("iPad") || has("iPod") {
        "iOS"
    } else if has("Android") {
        "Android"
    } else if has("Windows") {
        "Windows"
    } else if has("CrOS") {
        "ChromeOS"
    } else if has("Macintosh") || has("Mac OS X") {
        "macOS"
    } else if has("Linux") {
        "Linux"
    } else {
        "unknown"
    };
    let browser = if has("SamsungBrowser") {
        "Samsung Internet"
    } else if has("Edg/") || has("EdgA/") || has("EdgiOS/") {
        "Edge"
    } else if has("OPR/") || has("Opera") {
        "Opera"
    } else if has("Firefox/") || has("FxiOS/") {
        "Firefox"
    } else if has("CriOS/") || (has("Chrome/") && !has("; wv)")) {
        "Chrome"
    } else if has("; wv)") || has("FBAN") || has("Instagram") {
        "Default Browser"
    } else if has("Safari/") && has("Version/") {
        "Safari"
    } else {
        "unknown"
    };
    let device_type = if has("iPad") || (has("Android") && !has("Mobile")) || has("Tablet") {
        "Tablet"
    } else if has("Mobile") || has("iPhone") || has("iPod") {
        "Mobile Phone"
    } else if matches!(platform, "Windows" | "macOS" | "Linux" | "ChromeOS") {
        "Desktop"
    } else {
        "unknown"
    };
    Client { browser, device_type, platform }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_user_agents() {
        let cases = [
            ("Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36", ("Chrome", "Mobile Phone", "Android")),
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", ("Safari", "Mobile Phone", "iOS")),
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1", ("Chrome", "Mobile Phone", "iOS")),
            ("Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1", ("Safari", "Tablet", "iOS")),
            ("Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36", ("Samsung Internet", "Mobile Phone", "Android")),
            ("Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36", ("Chrome", "Tablet", "Android")),
            ("Mozilla/5.0 (Linux; Android 12; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/110.0.5481.65 Mobile Safari/537.36", ("Default Browser", "Mobile Phone", "Android")),
            ("Mozilla/5.0 (Linux; Android 12; SM-G991B; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/110.0 Mobile Safari/537.36", ("Default Browser", "Mobile Phone", "Android")),
            ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0", ("Edge", "Desktop", "Windows")),
            ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0", ("Firefox", "Desktop", "macOS")),
            ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", ("Safari", "Desktop", "macOS")),
            ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/111.0.0.0", ("Opera", "Desktop", "Linux")),
            ("curl/8.5.0", ("unknown", "unknown", "unknown")),
            ("", ("unknown", "unknown", "unknown")),
        ];
        for (ua, (browser, device_type, platform)) in cases {
            assert_eq!(classify(ua), Client { browser, device_type, platform }, "{ua}");
        }
    }
}
