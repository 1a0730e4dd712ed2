//! Plans: placeholders where the offsets say, the file settings as the chip
//! reads them, and a file filled the way the chip fills it verifying.

use super::*;
use crate::entry::PlayRef;
use crate::sun::{simulate, verify, verify_bound, SunMessage, TapSpec};

fn input(mode: PlanMode, file_data: Option<Vec<u8>>) -> PlanInput {
    PlanInput {
        id_record: 4217,
        host: "senzu.example".into(),
        keys: PlanKeys::Derived { master: Key16([0x42; 16]) },
        key_version: 3,
        mode,
        file_data,
    }
}

fn u24(b: &[u8]) -> u32 {
    u32::from_le_bytes([b[0], b[1], b[2], 0])
}

/// The URL a phone reads from `file` (NDEF URI record with the https:// code).
fn url_of(file: &[u8]) -> String {
    let nlen = u16::from_be_bytes([file[0], file[1]]) as usize;
    assert_eq!(nlen, file.len() - 2, "NLEN counts the NDEF message");
    assert_eq!(&file[2..4], &[0xD1, 0x01], "one short well-known record");
    assert_eq!(file[4] as usize, file.len() - 6, "payload length");
    assert_eq!(&file[5..7], b"U\x04");
    format!("https://{}", std::str::from_utf8(&file[7..]).unwrap())
}

/// Writes a simulated tap into the plan's placeholders, as the chip does on a read.
fn mirror(plan: &Plan, keys: &KeySource, uid: TagUid, ctr: u32, file_data: Option<Vec<u8>>) -> String {
    let fs = &plan.file_settings;
    let mut file = plan.ndef_file.clone();
    let mut spec =
        TapSpec { mode: plan.mode.into(), uid, read_ctr: ctr, file_data, mac_input: String::new(), random: [0x5A; 16] };
    if fs.enc_file_data.is_some() {
        spec.mac_input = "{file}:".into();
    }
    let tap = simulate(keys, &spec).unwrap();
    let put = |file: &mut Vec<u8>, at: u32, hex: &str| {
        file[at as usize..at as usize + hex.len()].copy_from_slice(hex.as_bytes());
    };
    put(&mut file, fs.picc_data_offset, &tap.picc_data);
    if let (Some(e), Some(hex)) = (fs.enc_file_data, &tap.enc_file_data) {
        assert_eq!(hex.len() as u32, e.length);
        put(&mut file, e.offset, hex);
    }
    put(&mut file, fs.mac_offset, &tap.cmac);
    url_of(&file)
}

#[test]
fn offsets_land_on_the_placeholders() {
    for mode in [PlanMode::Aes, PlanMode::Lrp] {
        let p = plan(&input(mode, None)).unwrap();
        let picc_len = Mode::from(mode).picc_hex_len();
        let f = &p.ndef_file;
        let fs = &p.file_settings;
        let picc = fs.picc_data_offset as usize;
        let mac = fs.mac_offset as usize;
        assert_eq!(&f[picc - 1..picc], b"@", "{mode:?}: PICC data right after the @");
        assert!(f[picc..picc + picc_len].iter().all(|&b| b == b'0'));
        assert_eq!(f[picc + picc_len], b':');
        assert_eq!(mac, picc + picc_len + 1);
        assert!(f[mac..mac + CMAC_HEX_LEN].iter().all(|&b| b == b'0'));
        assert_eq!(mac + CMAC_HEX_LEN, f.len(), "the MAC ends the file");
        // The worker MACs an empty input: input offset = MAC offset.
        assert_eq!(fs.mac_input_offset, fs.mac_offset);
        assert_eq!(p.url_template, "https://senzu.example/p/4217@{picc}:{cmac}");
        // `https://` is the URI code, so the text starts at 7: `senzu.example/p/4217@` is 21 long.
        assert_eq!(picc, 7 + 21);
    }
}

#[test]
fn the_offsets_match_the_an12196_example() {
    // AN12196 §3: `https://choose.url.com/ntag424?e=` puts the PICC data at 0x20. A URI
    // text of the same length before the placeholder (`choose.url.com.ntag4/p/1@`,
    // 25 characters) must give the same offset: NLEN and the record header count.
    let p =
        plan(&PlanInput { host: "choose.url.com.ntag4".into(), id_record: 1, ..input(PlanMode::Aes, None) }).unwrap();
    assert_eq!(p.file_settings.picc_data_offset, 0x20);
}

#[test]
fn file_settings_payload_is_what_the_chip_reads() {
    let p = plan(&input(PlanMode::Aes, None)).unwrap();
    let b = &p.file_settings.payload;
    assert_eq!(b.len(), 1 + 2 + 1 + 2 + 3 * 3);
    assert_eq!(b[0], 0x40, "SDM on, plain communication");
    assert_eq!(&b[1..3], &[0x00, 0xE0], "read free, the rest key 0");
    assert_eq!(b[3], 0xC1, "UID and counter mirrored, ASCII");
    assert_eq!(&b[4..6], &[0xFF, 0x12], "meta read key 1, file read key 2");
    assert_eq!(u24(&b[6..9]), p.file_settings.picc_data_offset);
    assert_eq!(u24(&b[9..12]), p.file_settings.mac_input_offset);
    assert_eq!(u24(&b[12..15]), p.file_settings.mac_offset);

    let p = plan(&input(PlanMode::Lrp, Some(vec![7; 16]))).unwrap();
    let b = &p.file_settings.payload;
    let e = p.file_settings.enc_file_data.unwrap();
    assert_eq!(b.len(), 1 + 2 + 1 + 2 + 5 * 3);
    assert_eq!(b[3], 0xD1, "with SDMENCFileData");
    assert_eq!(u24(&b[9..12]), e.offset, "MAC input starts at the encrypted data");
    assert_eq!(u24(&b[12..15]), e.offset);
    assert_eq!(u24(&b[15..18]), 32);
    assert_eq!(u24(&b[18..21]), p.file_settings.mac_offset);
    assert_eq!(e.offset as usize, p.file_settings.picc_data_offset as usize + 48 + 1);
    assert_eq!(&p.ndef_file[e.offset as usize..e.offset as usize + 16], &[7; 16], "plain data to encrypt");
    assert_eq!(p.file_settings.mac_offset, e.offset + 32 + 1);
    assert_eq!(p.url_template, "https://senzu.example/p/4217@{picc}.{file}:{cmac}");
}

#[test]
fn a_mirrored_plan_verifies_and_the_worker_parses_it() {
    let uid = TagUid([0x04, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60]);
    for mode in [PlanMode::Aes, PlanMode::Lrp] {
        let inp = input(mode, None);
        let p = plan(&inp).unwrap();
        let keys = inp.keys.key_source(inp.key_version);
        let url = mirror(&p, &keys, uid, 12, None);
        let segment = url.strip_prefix("https://senzu.example/p/").unwrap();
        let play = PlayRef::parse_record(segment).unwrap();
        let msg = play.sun_message(mode.into()).unwrap().unwrap();
        assert_eq!(p.mac_input(&url), Some(""));
        let data = verify_bound(&keys, &msg, b"", &uid).unwrap();
        assert_eq!(data.read_ctr, Some(12));
        // The key version is in the derivation: version 4 keys refuse it.
        assert!(verify(&inp.keys.key_source(4), &msg, b"").is_err(), "{mode:?}");
        assert!(verify(&KeySource::Derived { master: Key16([0x42; 16]) }, &msg, b"").is_err());
    }
}

#[test]
fn a_mirrored_plan_with_file_data_verifies_over_its_mac_input() {
    let uid = TagUid([0x04, 1, 2, 3, 4, 5, 6]);
    for mode in [PlanMode::Aes, PlanMode::Lrp] {
        let data = b"batch-7/lot-0042".to_vec();
        let inp = input(mode, Some(data.clone()));
        let p = plan(&inp).unwrap();
        let keys = inp.keys.key_source(inp.key_version);
        let url = mirror(&p, &keys, uid, 99, Some(data.clone()));
        let after = url.split_once('@').unwrap().1;
        let (picc, rest) = after.split_once('.').unwrap();
        let (file, cmac) = rest.split_once(':').unwrap();
        let mac_input = p.mac_input(&url).unwrap();
        assert_eq!(mac_input, format!("{file}:"));
        let msg = SunMessage::parse(mode.into(), picc, Some(file), cmac).unwrap();
        let out = verify(&keys, &msg, mac_input.as_bytes()).unwrap();
        assert_eq!(out.file_data, Some(data));
        assert!(verify(&keys, &msg, b"").is_err(), "the MAC covers the file data");
    }
}

#[test]
fn key_slots_per_kind_of_keys() {
    let uid = TagUid([4, 9, 9, 9, 9, 9, 9]);
    let master = Key16([0x42; 16]);
    let p = plan(&input(PlanMode::Aes, None)).unwrap();
    assert_eq!(p.keys_for(&uid, None), Err(PlanError::MasterKeyNeeded(0)));
    let keys = p.keys_for(&uid, Some(&master)).unwrap();
    assert_eq!(keys.iter().map(|k| k.0).collect::<Vec<_>>(), [0, 1, 2, 3, 4]);
    assert_eq!(keys[0].1, Some(derive_versioned_key(&master, Some(&uid), 0, 3)));
    assert_eq!(keys[1].1, Some(KeySource::Versioned { master, version: 3 }.meta_read_key()));
    assert_eq!(keys[2].1, Some(KeySource::Versioned { master, version: 3 }.file_read_key(Some(&uid))));
    assert_eq!((keys[3].1, keys[4].1), (None, None));
    assert_ne!(keys[0].1, keys[2].1);

    let explicit =
        PlanKeys::Explicit { app_master: Key16([1; 16]), meta_read: Key16([2; 16]), file_read: Key16([3; 16]) };
    let p = plan(&PlanInput { keys: explicit, ..input(PlanMode::Aes, None) }).unwrap();
    let keys = p.keys_for(&uid, None).unwrap();
    assert_eq!(keys[0].1, Some(Key16([1; 16])));
    assert_eq!(keys[2].1, Some(Key16([3; 16])));
}

#[test]
fn plans_round_trip_through_json_without_the_master_key() {
    let p = plan(&input(PlanMode::Lrp, Some(vec![1; 32]))).unwrap();
    let json = serde_json::to_string(&p).unwrap();
    assert!(!json.contains(&hex::encode_upper([0x42; 16])), "the master key stays out of the plan");
    assert!(json.contains("\"kind\":\"per_tag\""));
    assert_eq!(serde_json::from_str::<Plan>(&json).unwrap(), p);
    let inp = input(PlanMode::Aes, Some(vec![1; 16]));
    assert_eq!(serde_json::from_str::<PlanInput>(&serde_json::to_string(&inp).unwrap()).unwrap(), inp);
}

#[test]
fn bad_inputs_are_errors() {
    let cases = [
        (PlanInput { id_record: 0, ..input(PlanMode::Aes, None) }, PlanError::BadRecordId(0)),
        (PlanInput { host: "a/b".into(), ..input(PlanMode::Aes, None) }, PlanError::BadHost("a/b".into())),
        (PlanInput { host: String::new(), ..input(PlanMode::Aes, None) }, PlanError::BadHost(String::new())),
        (input(PlanMode::Aes, Some(vec![1; 15])), PlanError::FileDataNotWholeBlocks(15)),
        (input(PlanMode::Aes, Some(vec![])), PlanError::FileDataNotWholeBlocks(0)),
        (input(PlanMode::Lrp, Some(vec![1; 96])), PlanError::TooLong(7 + 21 + 48 + 1 + 192 + 1 + 16)),
    ];
    for (inp, err) in cases {
        assert_eq!(plan(&inp), Err(err));
    }
    // The longest that fits: exactly the 256-byte file.
    let host = "h".repeat(256 - 7 - "/p/4217@".len() - 32 - 1 - 16);
    assert_eq!(plan(&PlanInput { host, ..input(PlanMode::Aes, None) }).unwrap().ndef_file.len(), NDEF_FILE_SIZE);
}

#[test]
fn the_versioned_derivation_input_is_uid_aid_system_key_number_version() {
    // What a factory's own encoder must reproduce: AN10922 over
    // UID || 535A01 || "Senzu" || key number || key version.
    let master = Key16([0x42; 16]);
    let uid = TagUid([0x04, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60]);
    let input = hex::decode("04102030405060535A0153656E7A750203").unwrap();
    assert_eq!(derive_versioned_key(&master, Some(&uid), 2, 3), crate::sun::diversify(&master, &input));
    // Without the UID (the meta read key) the input starts at the AID.
    let input = hex::decode("535A0153656E7A750103").unwrap();
    assert_eq!(derive_versioned_key(&master, None, 1, 3), crate::sun::diversify(&master, &input));
    // Version 0 is the derivation of chips encoded before versions: they keep verifying.
    assert_eq!(derive_versioned_key(&master, Some(&uid), 2, 0), crate::sun::derive_tag_key(&master, Some(&uid), 2));
    assert_ne!(derive_versioned_key(&master, Some(&uid), 2, 1), crate::sun::derive_tag_key(&master, Some(&uid), 2));
}
