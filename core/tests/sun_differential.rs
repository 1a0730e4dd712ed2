//! Differential tests against an independent implementation: the `ntag424`
//! crate (codeberg.org/jannschu/ntag424) verifies SDM messages from the raw
//! NDEF file bytes. Its API has no message generator, so the comparison is:
//! its verifier on what our simulator makes, and its AN10922 diversification
//! against ours on the same inputs.

use ntag424::sdm::{sdm_url_config, SdmUrlOptions, Verifier};
use ntag424::types::file_settings::CryptoMode;
use ntag424::types::KeyNumber;
use proptest::prelude::*;
use senzu_core::sun::{self, Key16, KeySource, Mode, TagUid, TapSpec, MAX_READ_COUNTER};

/// Fills the `name=` placeholder that follows `marker` in the NDEF bytes.
fn fill(ndef: &mut [u8], marker: &str, value: &str) {
    let at = ndef.windows(marker.len()).position(|w| w == marker.as_bytes()).expect("marker in NDEF") + marker.len();
    ndef[at..at + value.len()].copy_from_slice(value.as_bytes());
}

fn their_mode(mode: Mode) -> CryptoMode {
    match mode {
        Mode::Aes => CryptoMode::Aes,
        Mode::Lrp => CryptoMode::Lrp,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn ntag424_verifies_what_our_simulator_makes(
        lrp in any::<bool>(),
        with_file in any::<bool>(),
        meta in any::<[u8; 16]>(),
        file_key in any::<[u8; 16]>(),
        uid in any::<[u8; 7]>(),
        read_ctr in 0..=MAX_READ_COUNTER,
        file_data in any::<[u8; 16]>(),
        random in any::<[u8; 16]>(),
    ) {
        let mode = if lrp { Mode::Lrp } else { Mode::Aes };
        // Without `[[`, the MAC window starts at the abbreviated URI body (after "https://").
        let (template, mac_template) = if with_file {
            ("https://x.test/p?e={picc}&f=[0123456789abcdef0123456789abcdef]&m={mac}", "x.test/p?e={picc}&f={file}&m=")
        } else {
            ("https://x.test/p?e={picc}&m={mac}", "x.test/p?e={picc}&m=")
        };
        let opts = SdmUrlOptions { picc_key: KeyNumber::Key1, mac_key: KeyNumber::Key2, ..SdmUrlOptions::default() };
        let plan = sdm_url_config(template, their_mode(mode), opts).unwrap();

        let keys = KeySource::Explicit { meta_read: Key16(meta), file_read: Key16(file_key) };
        let spec = TapSpec {
            mode,
            uid: TagUid(uid),
            read_ctr,
            file_data: with_file.then(|| file_data.to_vec()),
            mac_input: mac_template.into(),
            random,
        };
        let tap = sun::simulate(&keys, &spec).unwrap();

        let mut ndef = plan.ndef_bytes.clone();
        fill(&mut ndef, "e=", &tap.picc_data);
        if let Some(f) = &tap.enc_file_data {
            fill(&mut ndef, "f=", f);
        }
        fill(&mut ndef, "m=", &tap.cmac);

        let verifier = Verifier::try_new(&plan.sdm_settings, their_mode(mode)).unwrap();
        let theirs = verifier.verify_with_meta_key(&ndef, &file_key, &meta).unwrap();
        prop_assert_eq!(theirs.uid, Some(uid));
        prop_assert_eq!(theirs.read_ctr, Some(read_ctr));
        prop_assert_eq!(theirs.enc_file_data, spec.file_data.clone());

        // And a forged MAC is refused by both.
        let mut forged = ndef.clone();
        fill(&mut forged, "m=", &format!("{:016X}", u64::from_str_radix(&tap.cmac, 16).unwrap() ^ 1));
        prop_assert!(verifier.verify_with_meta_key(&forged, &file_key, &meta).is_err());
    }

    #[test]
    fn an10922_matches_ntag424(master in any::<[u8; 16]>(), input in proptest::collection::vec(any::<u8>(), 1..=31)) {
        let ours = sun::diversify(&Key16(master), &input).0;
        let theirs = ntag424::key_diversification::diversify_aes128(&master, &input);
        prop_assert_eq!(ours, theirs);
    }
}
