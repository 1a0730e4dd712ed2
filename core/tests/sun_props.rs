//! Property tests: simulate → verify round-trips, and any single-bit change
//! in what travels in the URL is refused.

use proptest::prelude::*;
use senzu_core::sun::{self, Key16, KeySource, Mode, SunMessage, TagUid, TapSpec, MAX_READ_COUNTER};

fn mode() -> impl Strategy<Value = Mode> {
    prop_oneof![Just(Mode::Aes), Just(Mode::Lrp)]
}

fn keys() -> impl Strategy<Value = KeySource> {
    prop_oneof![
        (any::<[u8; 16]>(), any::<[u8; 16]>())
            .prop_map(|(m, f)| KeySource::Explicit { meta_read: Key16(m), file_read: Key16(f) }),
        any::<[u8; 16]>().prop_map(|m| KeySource::Derived { master: Key16(m) }),
    ]
}

fn spec() -> impl Strategy<Value = TapSpec> {
    (
        mode(),
        any::<[u8; 7]>(),
        0..=MAX_READ_COUNTER,
        proptest::option::of((1usize..=4).prop_flat_map(|blocks| proptest::collection::vec(any::<u8>(), blocks * 16))),
        any::<[u8; 16]>(),
        prop_oneof![Just(""), Just("{picc}x"), Just("&uid=1&cmac=")],
    )
        .prop_map(|(mode, uid, read_ctr, file_data, random, template)| {
            // With file data the chip always MACs it: the MAC window covers the encrypted file data.
            let mac_input = if file_data.is_some() { format!("{{file}}{template}") } else { template.to_string() };
            TapSpec { mode, uid: TagUid(uid), read_ctr, file_data, mac_input, random }
        })
}

fn flip_hex_bit(hex: &str, bit: usize) -> String {
    let mut bytes = hex::decode(hex).unwrap();
    let bit = bit % (bytes.len() * 8);
    bytes[bit / 8] ^= 1 << (bit % 8);
    hex::encode_upper(bytes)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn simulate_then_verify_round_trips(keys in keys(), spec in spec()) {
        let tap = sun::simulate(&keys, &spec).unwrap();
        let msg = SunMessage::parse(spec.mode, &tap.picc_data, tap.enc_file_data.as_deref(), &tap.cmac).unwrap();
        let data = sun::verify(&keys, &msg, tap.mac_input.as_bytes()).unwrap();
        prop_assert_eq!(data.picc_data_tag, 0xC7);
        prop_assert_eq!(data.uid, Some(spec.uid));
        prop_assert_eq!(data.read_ctr, Some(spec.read_ctr));
        prop_assert_eq!(data.file_data, spec.file_data);
    }

    #[test]
    fn any_single_bit_change_is_refused(keys in keys(), spec in spec(), target in 0usize..4, bit in any::<usize>()) {
        let tap = sun::simulate(&keys, &spec).unwrap();
        let mut picc = tap.picc_data.clone();
        let mut file = tap.enc_file_data.clone();
        let mut cmac = tap.cmac.clone();
        let mut mac_input = tap.mac_input.clone().into_bytes();
        match target {
            0 => picc = flip_hex_bit(&picc, bit),
            1 if file.is_some() => {
                // The tampered file data is what the URL now carries, inside the MAC input too.
                let flipped = flip_hex_bit(file.as_deref().unwrap(), bit);
                mac_input = spec.mac_input.replace("{picc}", &picc).replace("{file}", &flipped).into_bytes();
                file = Some(flipped);
            }
            2 => cmac = flip_hex_bit(&cmac, bit),
            _ if !mac_input.is_empty() => {
                let i = bit % (mac_input.len() * 8);
                mac_input[i / 8] ^= 1 << (i % 8);
            }
            _ => cmac = flip_hex_bit(&cmac, bit),
        }
        let result = SunMessage::parse(spec.mode, &picc, file.as_deref(), &cmac)
            .and_then(|m| sun::verify(&keys, &m, &mac_input));
        prop_assert!(result.is_err(), "a tampered message verified: target {}", target);
    }

    #[test]
    fn arbitrary_url_parts_never_panic(
        mode in mode(),
        picc in "[0-9A-Fa-fxyz]{0,60}",
        file in proptest::option::of("[0-9A-F]{0,70}"),
        cmac in "[0-9A-Fa-f]{0,20}",
        mac_input in proptest::collection::vec(any::<u8>(), 0..64),
    ) {
        let keys = KeySource::Derived { master: Key16([7; 16]) };
        let _ = SunMessage::parse(mode, &picc, file.as_deref(), &cmac).and_then(|m| sun::verify(&keys, &m, &mac_input));
    }
}
