//! Everything a URL can carry into the SUN parser and verifier: must end in
//! Ok or a typed error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use senzu_core::sun::{self, Key16, KeySource, Mode, SunMessage};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let mode = if selector & 1 == 0 { Mode::Aes } else { Mode::Lrp };
    let keys = if selector & 2 == 0 {
        KeySource::Explicit { meta_read: Key16([0; 16]), file_read: Key16([0; 16]) }
    } else {
        KeySource::Derived { master: Key16([0x5a; 16]) }
    };
    // Half the time the bytes become well-formed hex, so decryption and MAC paths are reached.
    if selector & 4 != 0 {
        let picc_len = mode.picc_hex_len() / 2;
        if rest.len() >= picc_len + 8 {
            let (picc, tail) = rest.split_at(picc_len);
            let (cmac, tail) = tail.split_at(8);
            let blocks = tail.len() / 16;
            let file = (selector & 8 != 0 && blocks > 0).then(|| to_hex(&tail[..blocks * 16]));
            if let Ok(msg) = SunMessage::parse(mode, &to_hex(picc), file.as_deref(), &to_hex(cmac)) {
                let _ = sun::verify(&keys, &msg, tail);
            }
        }
        return;
    }
    // The URL parts, separated as the entry point splits them: picc:cmac / file / mac input.
    let text = String::from_utf8_lossy(rest);
    let mut parts = text.splitn(4, '\u{0}');
    let picc = parts.next().unwrap_or_default();
    let cmac = parts.next().unwrap_or_default();
    let file = parts.next().filter(|f| !f.is_empty());
    let mac_input = parts.next().unwrap_or_default();
    if let Ok(msg) = SunMessage::parse(mode, picc, file, cmac) {
        let _ = sun::verify(&keys, &msg, mac_input.as_bytes());
    }
    if let (Ok(uid), Some(ctr)) = (sun::TagUid::parse_hex(picc.get(..14).unwrap_or_default()), rest.get(..3)) {
        let ctr = u32::from_le_bytes([ctr[0], ctr[1], ctr[2], selector]);
        let _ = sun::verify_plain(&keys, mode, &uid, ctr, &[0; 8], mac_input.as_bytes());
    }
});

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}
