//! Any APDU sequence into the card emulator, fresh or with the NDEF application
//! selected and an AES session open: every APDU must end in a status word.
#![no_main]

use libfuzzer_sys::fuzz_target;
use senzu_tag_emulator::Ntag424;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, mut rest)) = data.split_first() else { return };
    let mut card = Ntag424::new([0x04, 1, 2, 3, 4, 5, 6], [selector; 16]);
    if selector & 1 != 0 {
        card.process(&[0x00, 0xA4, 0x04, 0x00, 0x07, 0xD2, 0x76, 0x00, 0x00, 0x85, 0x01, 0x01, 0x00]);
    }
    // Length-prefixed APDUs, then a tap, as a phone would end the session.
    while let Some((&len, tail)) = rest.split_first() {
        let (apdu, next) = tail.split_at(usize::from(len).min(tail.len()));
        card.process(apdu);
        rest = next;
    }
    card.tap();
});
