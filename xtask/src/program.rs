//! Programming one NTAG 424 DNA from a personalization plan (core::sun::plan),
//! through any `ntag424::Transport`: the card emulator or a PC/SC reader.
//!
//! The flow is the `ntag424` crate's own session API in the order its
//! `provision` uses, less its originality check and random-ID switch (Senzu
//! binds records to the permanent UID, read with GetCardUID): check the chip
//! type with GetVersion, authenticate
//! with the factory key 0 (switching to LRP first if the plan says so), read
//! the UID, write the NDEF file and the CC, set the SDM file settings, change
//! keys 1–4, and key 0 last, which ends the session.

use anyhow::{anyhow, bail, Context, Result};
use ntag424::types::cc::{AccessCondition, CapabilityContainer};
use ntag424::types::file_settings::FileSettingsView;
use ntag424::{
    AuthenticatedSession, CommMode, EncryptedSession, File, FileSettingsUpdate, KeyNumber, NonMasterKeyNumber, Session,
    SessionError, Transport,
};
use senzu_core::sun::plan::{Plan, PlanMode, NDEF_FILE_SIZE};
use senzu_core::sun::{self, Key16, KeySource, SunMessage, TagUid};

/// The factory value of every key.
const FACTORY_KEY: [u8; 16] = [0; 16];

/// ChangeFileSettings wants a `FileSettingsUpdate`; the crate builds one from the
/// GetFileSettings layout (file type and size around the plan's payload), which
/// also checks the plan's bytes against the crate's own codec.
pub fn file_settings_update(plan: &Plan) -> Result<FileSettingsUpdate> {
    let p = &plan.file_settings.payload;
    if p.len() < 3 {
        bail!("the plan's file settings are too short");
    }
    let mut view = vec![0x00, p[0], p[1], p[2]];
    view.extend_from_slice(&(NDEF_FILE_SIZE as u32).to_le_bytes()[..3]);
    view.extend_from_slice(&p[3..]);
    let view = FileSettingsView::decode(&view).map_err(|e| anyhow!("the plan's file settings: {e:?}"))?;
    Ok(view.into_update())
}

fn failed<E: std::error::Error>(what: &'static str) -> impl FnOnce(SessionError<E>) -> anyhow::Error {
    move |e| anyhow!("{what}: {e:?}")
}

/// The keys a chip holds in slots 0–4 before it is programmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OnChip(pub [Key16; 5]);

impl OnChip {
    /// Every key at its factory value.
    pub const FACTORY: OnChip = OnChip([Key16(FACTORY_KEY); 5]);

    /// A chip encoded before (a key rotation re-encodes it): its application
    /// master, SDM meta read and SDM file read keys; slots 3 and 4 never change.
    pub fn encoded(app_master: Key16, meta_read: Key16, file_read: Key16) -> Self {
        OnChip([app_master, meta_read, file_read, Key16(FACTORY_KEY), Key16(FACTORY_KEY)])
    }

    fn slot(&self, n: u8) -> &[u8; 16] {
        &self.0[usize::from(n).min(4)].0
    }
}

/// Programs a factory-fresh chip behind `transport` with `plan`; per-tag key
/// slots are derived with `master`. `rnd` gives the reader's randoms (RndA).
/// Returns the UID.
pub async fn program<T: Transport>(
    transport: &mut T,
    plan: &Plan,
    master: Option<&Key16>,
    rnd: impl FnMut() -> Result<[u8; 16]>,
) -> Result<TagUid> {
    reprogram(transport, plan, master, &OnChip::FACTORY, rnd).await
}

/// [`program`] for a chip that holds the keys `on_chip`: authenticates with its
/// key 0 and changes every key from its current value (a key rotation's
/// re-encoding). The read counter goes on: it is never reset.
pub async fn reprogram<T: Transport>(
    transport: &mut T,
    plan: &Plan,
    master: Option<&Key16>,
    on_chip: &OnChip,
    mut rnd: impl FnMut() -> Result<[u8; 16]>,
) -> Result<TagUid> {
    let update = file_settings_update(plan)?;
    // Nothing is changed on a chip that is not an NTAG 424 DNA (hardware type 04).
    let version = Session::new().get_version(transport).await.map_err(failed("GetVersion"))?;
    if version.hw_type() != 0x04 {
        bail!("not an NTAG 424 DNA: hardware type {:#04x}", version.hw_type());
    }
    let key0 = on_chip.slot(0);
    let aes = Session::new().authenticate_aes(transport, KeyNumber::Key0, key0, rnd()?).await;
    let session: EncryptedSession = match (plan.mode, aes) {
        (PlanMode::Aes, aes) => aes.map_err(failed("AES authentication with key 0"))?.into(),
        (PlanMode::Lrp, Ok(aes)) => {
            let fresh = aes.enable_lrp(transport).await.map_err(failed("switching to LRP"))?;
            fresh
                .authenticate_lrp(transport, KeyNumber::Key0, key0, rnd()?)
                .await
                .map_err(failed("LRP authentication"))?
                .into()
        }
        // Already an LRP chip (the switch is permanent): authenticate in LRP at once.
        (PlanMode::Lrp, Err(_)) => Session::new()
            .authenticate_lrp(transport, KeyNumber::Key0, key0, rnd()?)
            .await
            .map_err(failed("LRP authentication with key 0"))?
            .into(),
    };
    let (uid, session) = session.get_uid(transport).await.map_err(failed("GetCardUID"))?;
    let uid = TagUid(uid);
    let keys = plan.keys_for(&uid, master)?;

    let session =
        session.write_file(transport, File::Ndef, 0, &plan.ndef_file).await.map_err(failed("writing the NDEF file"))?;
    // Standard readers consult the CC: the NDEF file is no longer freely writable.
    let cc = CapabilityContainer::default().with_ndef_write_access(AccessCondition::Denied).to_bytes();
    let session = session
        .write_file_with_mode(transport, File::CapabilityContainer, 0, &cc[..], CommMode::Plain)
        .await
        .map_err(failed("writing the capability container"))?;
    let mut session =
        session.change_file_settings(transport, File::Ndef, &update).await.map_err(failed("ChangeFileSettings"))?;

    for (slot, key) in &keys {
        let (Some(key), Some(number)) = (key, non_master(*slot)) else { continue };
        session = session
            .change_key(transport, number, &key.0, plan.key_version, on_chip.slot(*slot))
            .await
            .map_err(failed("ChangeKey"))?;
    }
    // Key 0 last: changing it ends the session.
    match keys.iter().find(|(slot, _)| *slot == 0).and_then(|(_, k)| *k) {
        Some(key) => {
            session.change_master_key(transport, &key.0, plan.key_version).await.map_err(failed("ChangeKey 0"))?;
        }
        None => drop(session),
    }
    Ok(uid)
}

fn non_master(slot: u8) -> Option<NonMasterKeyNumber> {
    match slot {
        1 => Some(NonMasterKeyNumber::Key1),
        2 => Some(NonMasterKeyNumber::Key2),
        3 => Some(NonMasterKeyNumber::Key3),
        4 => Some(NonMasterKeyNumber::Key4),
        _ => None,
    }
}

/// The keys the worker verifies this chip's taps with.
pub fn verify_keys(plan: &Plan, uid: &TagUid, master: Option<&Key16>) -> Result<KeySource> {
    let keys = plan.keys_for(uid, master)?;
    let slot = |n: u8| keys.iter().find(|(s, _)| *s == n).and_then(|(_, k)| *k);
    match (slot(1), slot(2)) {
        (Some(meta_read), Some(file_read)) => Ok(KeySource::Explicit { meta_read, file_read }),
        _ => bail!("the plan leaves the SUN keys unchanged"),
    }
}

/// Checks a tap URL the way the worker does (`/p/{id}@{picc}:{cmac}`, bound to
/// the chip's UID); returns the read counter.
pub fn verify_tap(plan: &Plan, url: &str, keys: &KeySource, uid: &TagUid) -> Result<u32> {
    let (_, rest) = url.split_once('@').with_context(|| format!("`{url}` is not a dynamic tap URL"))?;
    let (picc, tail) = rest.split_once(':').context("no `:` before the CMAC")?;
    let (picc, file, cmac) = match picc.split_once('.') {
        Some((picc, file)) => (picc, Some(file), tail),
        None => (picc, None, tail),
    };
    let msg = SunMessage::parse(plan.mode.into(), picc, file, cmac)?;
    let mac_input = plan.mac_input(url).context("the URL does not fit the plan's offsets")?;
    let data = sun::verify_bound(keys, &msg, mac_input.as_bytes(), uid)?;
    data.read_ctr.context("the tap carries no read counter")
}

/// Reads the NDEF file as a phone does (ISOSelectFile, ISOReadBinary, no
/// authentication) and returns the URL of its URI record.
pub async fn read_url<T: Transport>(transport: &mut T) -> Result<String> {
    let mut buf = [0u8; NDEF_FILE_SIZE];
    let n = Session::new()
        .read_file_unauthenticated(transport, File::Ndef, 0, &mut buf)
        .await
        .map_err(failed("reading the NDEF file"))?;
    ndef_url(&buf[..n]).context("the NDEF file holds no https URI record")
}

/// The URL of a file made by a plan: NLEN, one short URI record with the `https://` code.
pub fn ndef_url(file: &[u8]) -> Option<String> {
    let nlen = usize::from(u16::from_be_bytes([*file.first()?, *file.get(1)?]));
    let [0xD1, 0x01, pl, b'U', 0x04, text @ ..] = file.get(2..2 + nlen)? else { return None };
    let text = text.get(..usize::from(*pl).checked_sub(1)?)?;
    Some(format!("https://{}", std::str::from_utf8(text).ok()?))
}

/// A PC/SC reader as an `ntag424::Transport` (feature `pcsc`; needs libpcsclite and pcscd).
#[cfg(feature = "pcsc")]
pub mod reader {
    use anyhow::{anyhow, Context, Result};
    use ntag424::{Response, Transport};

    pub struct Pcsc {
        card: pcsc::Card,
    }

    /// Connects to the card on the first reader whose name contains `name` (any reader if empty).
    pub fn connect(name: &str) -> Result<Pcsc> {
        let ctx = pcsc::Context::establish(pcsc::Scope::User).context("PC/SC: is pcscd running?")?;
        let mut names = vec![0u8; 4096];
        let reader = ctx
            .list_readers(&mut names)
            .context("PC/SC: listing readers")?
            .find(|r| r.to_string_lossy().contains(name))
            .ok_or_else(|| anyhow!("no PC/SC reader matching `{name}`"))?
            .to_owned();
        let card = ctx
            .connect(&reader, pcsc::ShareMode::Exclusive, pcsc::Protocols::ANY)
            .with_context(|| format!("no card on {}", reader.to_string_lossy()))?;
        Ok(Pcsc { card })
    }

    impl Transport for Pcsc {
        type Error = pcsc::Error;
        type Data = Vec<u8>;

        async fn transmit(&mut self, apdu: &[u8]) -> Result<Response<Vec<u8>>, pcsc::Error> {
            let mut buf = [0u8; pcsc::MAX_BUFFER_SIZE];
            let r = self.card.transmit(apdu, &mut buf)?;
            // Every answer ends in SW1 SW2; a shorter one is the reader's fault.
            let Some((body, sw)) = r.split_last_chunk::<2>() else { return Err(pcsc::Error::InvalidValue) };
            Ok(Response { data: body.to_vec(), sw1: sw[0], sw2: sw[1] })
        }

        async fn get_uid(&mut self) -> Result<Vec<u8>, pcsc::Error> {
            // The PC/SC pseudo-APDU for the anti-collision UID.
            let mut buf = [0u8; 32];
            let r = self.card.transmit(&[0xFF, 0xCA, 0x00, 0x00, 0x00], &mut buf)?;
            match r.split_last_chunk::<2>() {
                Some((uid, [0x90, 0x00])) => Ok(uid.to_vec()),
                _ => Err(pcsc::Error::UnsupportedCard),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use senzu_core::sun::plan::{plan, PlanInput, PlanKeys};
    use senzu_tag_emulator::{block_on, Ntag424};

    fn counter_rnd() -> impl FnMut() -> Result<[u8; 16]> {
        let mut n = 0u8;
        move || {
            n += 1;
            Ok([n; 16])
        }
    }

    #[test]
    fn the_emulator_programmed_from_a_plan_taps_verifiably() {
        let master = Key16([0x5E; 16]);
        for (mode, file_data) in
            [(PlanMode::Aes, None), (PlanMode::Lrp, None), (PlanMode::Aes, Some(b"lot 0042 / 2026!".to_vec()))]
        {
            let input = PlanInput {
                id_record: 31,
                host: "senzu.example".into(),
                keys: PlanKeys::Derived { master },
                key_version: 2,
                mode,
                file_data: file_data.clone(),
            };
            let p = plan(&input).unwrap();
            let mut card = Ntag424::new([0x04, 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6], [9; 16]);
            let uid = block_on(program(&mut card, &p, Some(&master), counter_rnd())).unwrap();
            assert_eq!(uid.0, card.uid());
            // The worker's derivation with the plan's key version verifies the taps.
            let keys = input.keys.key_source(input.key_version);
            for n in 1..=2 {
                let url = card.tap().unwrap();
                assert!(url.starts_with("https://senzu.example/p/31@"), "{url}");
                assert_eq!(verify_tap(&p, &url, &keys, &uid).unwrap(), n, "{mode:?}");
                assert_eq!(verify_tap(&p, &url, &verify_keys(&p, &uid, Some(&master)).unwrap(), &uid).unwrap(), n);
            }
            // Another version's keys, or another chip, are refused.
            let url = card.tap().unwrap();
            assert!(verify_tap(&p, &url, &input.keys.key_source(1), &uid).is_err());
            assert!(verify_tap(&p, &url, &keys, &TagUid([4, 0, 0, 0, 0, 0, 0])).is_err());
            // Programmed once: the factory key no longer opens it.
            assert!(block_on(program(&mut card, &p, Some(&master), counter_rnd())).is_err());
        }
    }

    #[test]
    fn a_chip_reprogrammed_with_its_current_keys_takes_the_new_version_and_keeps_its_counter() {
        let master = Key16([0x5E; 16]);
        for mode in [PlanMode::Aes, PlanMode::Lrp] {
            let input = |key_version| PlanInput {
                id_record: 8,
                host: "senzu.example".into(),
                keys: PlanKeys::Derived { master },
                key_version,
                mode,
                file_data: None,
            };
            let (v1, v2) = (plan(&input(1)).unwrap(), plan(&input(2)).unwrap());
            let mut card = Ntag424::new([0x04, 9, 8, 7, 6, 5, 4], [1; 16]);
            let uid = block_on(program(&mut card, &v1, Some(&master), counter_rnd())).unwrap();
            let before = card.tap().unwrap();
            let keys_v1 = v1.keys_for(&uid, Some(&master)).unwrap();
            let slot = |keys: &[(u8, Option<Key16>)], n: u8| keys[usize::from(n)].1.unwrap();
            let on_chip = OnChip::encoded(slot(&keys_v1, 0), slot(&keys_v1, 1), slot(&keys_v1, 2));
            // The factory key no longer opens it; its own keys do.
            assert!(block_on(reprogram(&mut card, &v2, Some(&master), &OnChip::FACTORY, counter_rnd())).is_err());
            assert_eq!(block_on(reprogram(&mut card, &v2, Some(&master), &on_chip, counter_rnd())).unwrap(), uid);
            let after = card.tap().unwrap();
            let (old, new) = (input(1).keys.key_source(1), input(2).keys.key_source(2));
            assert_eq!(verify_tap(&v1, &before, &old, &uid).unwrap(), 1);
            assert_eq!(verify_tap(&v2, &after, &new, &uid).unwrap(), 2, "{mode:?}: the counter went on");
            assert!(verify_tap(&v2, &after, &old, &uid).is_err(), "{mode:?}: the old keys are gone");
            assert!(block_on(reprogram(&mut card, &v2, Some(&master), &on_chip, counter_rnd())).is_err());
        }
    }

    #[test]
    fn a_phone_read_of_a_programmed_emulator_is_the_plans_url() {
        let master = Key16([3; 16]);
        let input = PlanInput {
            id_record: 5,
            host: "senzu.example".into(),
            keys: PlanKeys::Derived { master },
            key_version: 1,
            mode: PlanMode::Aes,
            file_data: None,
        };
        let p = plan(&input).unwrap();
        let mut card = Ntag424::new([4, 7, 7, 7, 7, 7, 7], [2; 16]);
        let uid = block_on(program(&mut card, &p, Some(&master), counter_rnd())).unwrap();
        card.power_cycle();
        let url = block_on(read_url(&mut card)).unwrap();
        assert_eq!(verify_tap(&p, &url, &input.keys.key_source(1), &uid).unwrap(), 1);
        assert_eq!(ndef_url(&p.ndef_file).unwrap().len(), url.len(), "same length as the template's file");
        assert_eq!(ndef_url(&[0x00, 0x03, 0xD1, 0x01]), None);
    }

    #[test]
    fn per_tag_slots_need_the_master_key() {
        let input = PlanInput {
            id_record: 1,
            host: "senzu.example".into(),
            keys: PlanKeys::Derived { master: Key16([1; 16]) },
            key_version: 0,
            mode: PlanMode::Aes,
            file_data: None,
        };
        let p = plan(&input).unwrap();
        let mut card = Ntag424::new([4, 1, 1, 1, 1, 1, 1], [0; 16]);
        let err = block_on(program(&mut card, &p, None, counter_rnd())).unwrap_err();
        assert!(err.to_string().contains("master key"), "{err}");
    }

    #[test]
    fn the_plans_file_settings_decode_with_the_crates_codec() {
        for file_data in [None, Some(vec![0; 32])] {
            let input = PlanInput {
                id_record: 7,
                host: "a.example".into(),
                keys: PlanKeys::Derived { master: Key16([1; 16]) },
                key_version: 0,
                mode: PlanMode::Lrp,
                file_data,
            };
            let p = plan(&input).unwrap();
            let update = file_settings_update(&p).unwrap();
            let mut buf = [0u8; 64];
            let n = update.encode(&mut buf).unwrap();
            assert_eq!(&buf[..n], &p.file_settings.payload[..], "the crate encodes the plan's bytes back");
        }
    }
}
