//! An NTAG 424 DNA card emulator: the card side of the APDUs the `ntag424`
//! crate sends through its [`ntag424::Transport`], so that the crate's own
//! flows (authentication, key changes, file settings, writes) program it as
//! they would a chip on a reader, and [`Ntag424::tap`] then reads the NDEF URL
//! with real SUN data, as a phone would.
//!
//! Emulated (NT4H2421Gx): ISOSelectFile (application, EFs), ISOReadBinary,
//! ISOUpdateBinary, AuthenticateEV2First / NonFirst in AES and LRP, secure
//! messaging (command counter, MACt, CommMode.Full encryption), GetCardUID,
//! GetFileSettings, ChangeFileSettings (with SDM: encrypted PICC data, SDMMAC,
//! encrypted file data), ChangeKey, GetKeyVersion, GetVersion, SetConfiguration
//! (LRP switch only), ReadData, WriteData. Not emulated: originality signature
//! (ReadSig needs NXP's private key), random ID, tag tamper, failed-auth counters,
//! SDM read counter limits, plain (unencrypted) UID/counter mirroring.
//!
//! Every APDU ends in a status word; malformed input never panics.

mod crypto;
mod sdm;

use crypto::{aes_encrypt, cbc_decrypt, cbc_encrypt, crc32, pad_m2, unpad_m2, Block, Suite};
use sdm::{MirrorInput, Sdm};
use subtle::ConstantTimeEq;

/// DF name of the NDEF application (NFC Forum Type 4 Tag).
pub const NDEF_AID: [u8; 7] = [0xD2, 0x76, 0x00, 0x00, 0x85, 0x01, 0x01];

/// Status words (ISO 7816 and the native 91xx ones).
pub mod sw {
    pub const ISO_OK: u16 = 0x9000;
    pub const ISO_WRONG_LENGTH: u16 = 0x6700;
    pub const ISO_SECURITY: u16 = 0x6982;
    pub const ISO_NOT_FOUND: u16 = 0x6A82;
    pub const ISO_WRONG_P1P2: u16 = 0x6A86;
    pub const ISO_BAD_INS: u16 = 0x6D00;
    pub const ISO_BAD_CLA: u16 = 0x6E00;
    pub const OK: u16 = 0x9100;
    pub const ADDITIONAL_FRAME: u16 = 0x91AF;
    pub const ILLEGAL_COMMAND: u16 = 0x911C;
    pub const INTEGRITY_ERROR: u16 = 0x911E;
    pub const NO_SUCH_KEY: u16 = 0x9140;
    pub const LENGTH_ERROR: u16 = 0x917E;
    pub const PERMISSION_DENIED: u16 = 0x919D;
    pub const PARAMETER_ERROR: u16 = 0x919E;
    pub const AUTHENTICATION_ERROR: u16 = 0x91AE;
    pub const BOUNDARY_ERROR: u16 = 0x91BE;
    pub const COMMAND_ABORTED: u16 = 0x91CA;
    pub const FILE_NOT_FOUND: u16 = 0x91F0;
}

/// Access condition nibbles.
const FREE: u8 = 0xE;
const DENIED: u8 = 0xF;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CommMode {
    Plain,
    Mac,
    Full,
}

impl CommMode {
    fn from_bits(b: u8) -> Self {
        match b & 0x03 {
            0x01 => CommMode::Mac,
            0x03 => CommMode::Full,
            _ => CommMode::Plain,
        }
    }
}

struct File {
    iso_id: u16,
    data: Vec<u8>,
    file_option: u8,
    /// AccessRights as sent (LSB first): [RW << 4 | Change, Read << 4 | Write].
    access: [u8; 2],
    sdm: Option<Sdm>,
}

impl File {
    fn read_key(&self) -> u8 {
        self.access[1] >> 4
    }
    fn write_key(&self) -> u8 {
        self.access[1] & 0x0F
    }
    fn rw_key(&self) -> u8 {
        self.access[0] >> 4
    }
    fn change_key(&self) -> u8 {
        self.access[0] & 0x0F
    }
}

struct Session {
    key_no: u8,
    ti: [u8; 4],
    cmd_ctr: u16,
    suite: Suite,
}

/// Part 1 of an authentication, waiting for its AF frame.
struct PendingAuth {
    key_no: u8,
    rnd_b: Block,
    first: bool,
    lrp: bool,
    pcd_cap2: [u8; 6],
}

/// Deterministic randomness (AES in counter mode over a seed), with a queue in
/// front so that tests can replay the randoms of published transcripts.
struct Random {
    seed: Block,
    counter: u64,
    queued: Vec<u8>,
}

impl Random {
    fn fill(&mut self, out: &mut [u8]) {
        for b in out.iter_mut() {
            if !self.queued.is_empty() {
                *b = self.queued.remove(0);
                continue;
            }
            let mut input = [0u8; 16];
            input[..8].copy_from_slice(&(self.counter / 16).to_be_bytes());
            *b = aes_encrypt(&self.seed, &input)[(self.counter % 16) as usize];
            self.counter += 1;
        }
    }

    fn block(&mut self) -> Block {
        let mut b = [0u8; 16];
        self.fill(&mut b);
        b
    }
}

/// One emulated chip in factory state, or as programmed since.
pub struct Ntag424 {
    uid: [u8; 7],
    keys: [Block; 5],
    key_versions: [u8; 5],
    lrp: bool,
    files: [File; 3],
    sdm_read_ctr: u32,
    app_selected: bool,
    selected_ef: Option<usize>,
    session: Option<Session>,
    pending: Option<PendingAuth>,
    /// The next frame of a GetVersion chain (2 or 3), if one is under way.
    version_frame: Option<u8>,
    /// The file 02 content this activation's reads return, mirrored once.
    mirrored: Option<Vec<u8>>,
    random: Random,
}

/// The NTAG 424 DNA factory Capability Container (file 01).
const DEFAULT_CC: [u8; 23] = [
    0x00, 0x17, 0x20, 0x01, 0x00, 0x00, 0xFF, 0x04, 0x06, 0xE1, 0x04, 0x01, 0x00, 0x00, 0x00, 0x05, 0x06, 0xE1, 0x05,
    0x00, 0x80, 0x82, 0x83,
];

/// GetVersion's hardware and software parts of an NTAG 424 DNA (AN12196 §5.5):
/// vendor NXP, type 04 (NTAG), subtype 08, version 30 00, 256 bytes, ISO 14443-4.
const VERSION_HW: [u8; 7] = [0x04, 0x04, 0x08, 0x30, 0x00, 0x11, 0x05];
const VERSION_SW: [u8; 7] = [0x04, 0x04, 0x02, 0x01, 0x01, 0x11, 0x05];

/// A parsed short APDU.
struct Apdu<'a> {
    cla: u8,
    ins: u8,
    p1: u8,
    p2: u8,
    data: &'a [u8],
    /// Expected response length; `Some(0)` means 256.
    le: Option<u8>,
}

fn parse_apdu(apdu: &[u8]) -> Option<Apdu<'_>> {
    let [cla, ins, p1, p2, rest @ ..] = apdu else { return None };
    let (data, le) = match rest {
        [] => (&[][..], None),
        [le] => (&[][..], Some(*le)),
        [lc, body @ ..] => {
            let lc = usize::from(*lc);
            // Case 3 (no Le) or case 4 (one Le byte after the body).
            match body.len().checked_sub(lc) {
                Some(0) => (body, None),
                Some(1) => (&body[..lc], body.last().copied()),
                _ => return None,
            }
        }
    };
    Some(Apdu { cla: *cla, ins: *ins, p1: *p1, p2: *p2, data, le })
}

fn u24(b: &[u8]) -> usize {
    usize::from(b[0]) | usize::from(b[1]) << 8 | usize::from(b[2]) << 16
}

fn rotl(b: &Block) -> Block {
    std::array::from_fn(|i| b[(i + 1) % 16])
}

type Reply = (Vec<u8>, u16);

fn status(sw: u16) -> Reply {
    (Vec::new(), sw)
}

impl Ntag424 {
    /// A chip in factory state: all keys zero, AES, the default files, counter 0.
    /// `seed` drives its randomness (RndB, TI, PICCRand, padding).
    pub fn new(uid: [u8; 7], seed: [u8; 16]) -> Self {
        let mut cc = DEFAULT_CC.to_vec();
        cc.resize(32, 0);
        Self {
            uid,
            keys: [[0; 16]; 5],
            key_versions: [0; 5],
            lrp: false,
            files: [
                File { iso_id: 0xE103, data: cc, file_option: 0x00, access: [0x00, 0xE0], sdm: None },
                File { iso_id: 0xE104, data: vec![0; 256], file_option: 0x00, access: [0xE0, 0xEE], sdm: None },
                File { iso_id: 0xE105, data: vec![0; 128], file_option: 0x03, access: [0x30, 0x23], sdm: None },
            ],
            sdm_read_ctr: 0,
            app_selected: false,
            selected_ef: None,
            session: None,
            pending: None,
            version_frame: None,
            mirrored: None,
            random: Random { seed, counter: 0, queued: Vec::new() },
        }
    }

    pub fn uid(&self) -> [u8; 7] {
        self.uid
    }

    /// The SDMReadCtr, as the next tap will not yet have incremented it.
    pub fn read_counter(&self) -> u32 {
        self.sdm_read_ctr
    }

    pub fn is_lrp(&self) -> bool {
        self.lrp
    }

    /// Bytes the card's next random draws return, before its own generator (for
    /// replaying published transcripts: RndB, then TI, …).
    pub fn queue_random(&mut self, bytes: &[u8]) {
        self.random.queued.extend_from_slice(bytes);
    }

    /// Leaves the field and comes back: selection and authentication are gone.
    pub fn power_cycle(&mut self) {
        self.app_selected = false;
        self.selected_ef = None;
        self.session = None;
        self.pending = None;
        self.version_frame = None;
        self.mirrored = None;
    }

    /// A phone's tap: a new activation, then an NDEF read of file 02. Returns the
    /// URL of its NDEF URI record, or `None` if the file holds no URI record.
    pub fn tap(&mut self) -> Option<String> {
        self.power_cycle();
        let file = self.read_ndef_unauthenticated()?;
        let nlen = usize::from(u16::from_be_bytes([*file.first()?, *file.get(1)?]));
        let msg = file.get(2..2 + nlen)?;
        // One short URI record: D1 01 PL 'U' code text.
        let [0xD1, 0x01, pl, b'U', code, text @ ..] = msg else { return None };
        let text = text.get(..usize::from(*pl).checked_sub(1)?)?;
        let prefix = match code {
            0x00 => "",
            0x01 => "http://www.",
            0x02 => "https://www.",
            0x03 => "http://",
            0x04 => "https://",
            _ => return None,
        };
        Some(format!("{prefix}{}", std::str::from_utf8(text).ok()?))
    }

    /// File 02 as an unauthenticated reader gets it, if reading is free.
    fn read_ndef_unauthenticated(&mut self) -> Option<Vec<u8>> {
        (self.files[1].read_key() == FREE || self.files[1].rw_key() == FREE).then(|| self.file_for_read(1))
    }

    /// The content of file `idx` as a read returns it: with SDM, mirrored, the
    /// counter moving on the first read of an activation (NT4H2421Gx §9.3.3).
    fn file_for_read(&mut self, idx: usize) -> Vec<u8> {
        let Some(sdm) = self.files[idx].sdm.clone() else { return self.files[idx].data.clone() };
        if let Some(m) = &self.mirrored {
            return m.clone();
        }
        if self.sdm_read_ctr >= 0x00FF_FFFF {
            // The 24-bit counter is exhausted: the chip stops mirroring fresh data.
            return self.files[idx].data.clone();
        }
        self.sdm_read_ctr += 1;
        let random = self.random.block();
        let m = sdm::mirror(
            &sdm,
            &self.files[idx].data,
            &MirrorInput {
                lrp: self.lrp,
                uid: &self.uid,
                read_ctr: self.sdm_read_ctr,
                meta_key: &self.keys[usize::from(sdm.meta_read_key)],
                file_key: &self.keys[usize::from(sdm.file_read_key)],
                random,
            },
        )
        .unwrap_or_else(|| self.files[idx].data.clone());
        self.mirrored = Some(m.clone());
        m
    }

    /// Handles one APDU and answers with its response body and status word.
    pub fn process(&mut self, apdu: &[u8]) -> Reply {
        let Some(a) = parse_apdu(apdu) else { return status(sw::ISO_WRONG_LENGTH) };
        match a.cla {
            0x00 => self.iso(&a),
            0x90 => {
                if a.p1 != 0 || a.p2 != 0 {
                    return status(sw::PARAMETER_ERROR);
                }
                // GetVersion answers at PICC level too; the rest needs the application.
                if !self.app_selected && a.ins != 0x60 && !(a.ins == 0xAF && self.version_frame.is_some()) {
                    return status(sw::ILLEGAL_COMMAND);
                }
                // Any command but the AF answer to an authentication ends that authentication.
                let pending = self.pending.take();
                let version_frame = self.version_frame.take();
                match (a.ins, pending) {
                    (0xAF, Some(p)) => self.authenticate_part2(p, a.data),
                    (0xAF, None) if version_frame.is_some() => self.version_part(version_frame, a.data),
                    (0x60, _) => self.get_version(a.data),
                    (0x71, _) => self.authenticate_part1(a.data, true),
                    (0x77, _) => self.authenticate_part1(a.data, false),
                    (ins, _) => self.native(ins, a.data),
                }
            }
            _ => status(sw::ISO_BAD_CLA),
        }
    }

    fn iso(&mut self, a: &Apdu) -> Reply {
        match a.ins {
            0xA4 => match (a.p1, a.data) {
                (0x04, name) if name == NDEF_AID => {
                    // Selecting the application ends any authentication.
                    self.app_selected = true;
                    self.selected_ef = None;
                    self.session = None;
                    self.pending = None;
                    status(sw::ISO_OK)
                }
                (0x04, _) => status(sw::ISO_NOT_FOUND),
                (0x00, [hi, lo]) if self.app_selected => {
                    let id = u16::from_be_bytes([*hi, *lo]);
                    match self.files.iter().position(|f| f.iso_id == id) {
                        Some(i) => {
                            self.selected_ef = Some(i);
                            status(sw::ISO_OK)
                        }
                        None => status(sw::ISO_NOT_FOUND),
                    }
                }
                (0x00, _) => status(sw::ISO_NOT_FOUND),
                _ => status(sw::ISO_WRONG_P1P2),
            },
            0xB0 => {
                let Some(i) = self.selected_ef else { return status(sw::ISO_NOT_FOUND) };
                if !self.may(i, Op::Read) {
                    return status(sw::ISO_SECURITY);
                }
                let offset = usize::from(u16::from_be_bytes([a.p1 & 0x7F, a.p2]));
                let data = self.file_for_read(i);
                let want = match a.le {
                    None | Some(0) => 256,
                    Some(n) => usize::from(n),
                };
                match data.get(offset..) {
                    Some(rest) => {
                        self.count_plain();
                        (rest[..want.min(rest.len())].to_vec(), sw::ISO_OK)
                    }
                    None => status(sw::ISO_WRONG_P1P2),
                }
            }
            0xD6 => {
                let Some(i) = self.selected_ef else { return status(sw::ISO_NOT_FOUND) };
                if !self.may(i, Op::Write) {
                    return status(sw::ISO_SECURITY);
                }
                let offset = usize::from(u16::from_be_bytes([a.p1 & 0x7F, a.p2]));
                let file = &mut self.files[i].data;
                match file.get_mut(offset..offset + a.data.len()) {
                    Some(dst) if !a.data.is_empty() => {
                        dst.copy_from_slice(a.data);
                        self.mirrored = None;
                        self.count_plain();
                        status(sw::ISO_OK)
                    }
                    _ => status(sw::ISO_WRONG_LENGTH),
                }
            }
            _ => status(sw::ISO_BAD_INS),
        }
    }

    /// Plain commands in an authenticated session still move the command counter (§9.1.2).
    fn count_plain(&mut self) {
        if let Some(s) = &mut self.session {
            s.cmd_ctr = s.cmd_ctr.wrapping_add(1);
        }
    }

    fn authenticate_part1(&mut self, data: &[u8], first: bool) -> Reply {
        let Some((&key_no, rest)) = data.split_first() else { return status(sw::LENGTH_ERROR) };
        if key_no > 4 {
            return status(sw::NO_SUCH_KEY);
        }
        if !first && self.session.is_none() {
            return status(sw::PERMISSION_DENIED);
        }
        // First: LenCap || PCDcap2; an LRP request sets PCDcap2.1 = 02.
        let mut pcd_cap2 = [0u8; 6];
        if first {
            match rest {
                [len, caps @ ..] if usize::from(*len) == caps.len() && caps.len() <= 6 => {
                    pcd_cap2[..caps.len()].copy_from_slice(caps)
                }
                [] => {}
                _ => return status(sw::LENGTH_ERROR),
            }
        } else if !rest.is_empty() {
            return status(sw::LENGTH_ERROR);
        }
        let lrp = if first {
            pcd_cap2[0] == 0x02
        } else {
            matches!(self.session, Some(Session { suite: Suite::Lrp { .. }, .. }))
        };
        if lrp != self.lrp {
            // An LRP chip refuses AES authentication and the other way round.
            self.session = None;
            return status(sw::PERMISSION_DENIED);
        }
        let rnd_b = self.random.block();
        self.pending = Some(PendingAuth { key_no, rnd_b, first, lrp, pcd_cap2 });
        if lrp {
            let mut out = vec![0x01];
            out.extend_from_slice(&rnd_b);
            (out, sw::ADDITIONAL_FRAME)
        } else {
            let mut enc = rnd_b.to_vec();
            cbc_encrypt(&self.keys[usize::from(key_no)], &[0; 16], &mut enc);
            (enc, sw::ADDITIONAL_FRAME)
        }
    }

    fn authenticate_part2(&mut self, p: PendingAuth, data: &[u8]) -> Reply {
        if data.len() != 32 {
            self.session = None;
            return status(sw::LENGTH_ERROR);
        }
        let key = self.keys[usize::from(p.key_no)];
        let mut rnd_a = [0u8; 16];
        let suite = if p.lrp {
            rnd_a.copy_from_slice(&data[..16]);
            let suite = Suite::lrp(&key, &rnd_a, &p.rnd_b);
            let mut input = rnd_a.to_vec();
            input.extend_from_slice(&p.rnd_b);
            if !bool::from(suite.mac_full(&input).ct_eq(&data[16..])) {
                self.session = None;
                return status(sw::AUTHENTICATION_ERROR);
            }
            suite
        } else {
            let mut plain = data.to_vec();
            cbc_decrypt(&key, &[0; 16], &mut plain);
            rnd_a.copy_from_slice(&plain[..16]);
            if !bool::from(plain[16..].ct_eq(&rotl(&p.rnd_b))) {
                self.session = None;
                return status(sw::AUTHENTICATION_ERROR);
            }
            Suite::aes(&key, &rnd_a, &p.rnd_b)
        };
        let (ti, cmd_ctr) = match (&self.session, p.first) {
            (Some(s), false) => (s.ti, s.cmd_ctr),
            _ => {
                let mut ti = [0u8; 4];
                self.random.fill(&mut ti);
                (ti, 0)
            }
        };
        let mut session = Session { key_no: p.key_no, ti, cmd_ctr, suite };
        let out = match (p.lrp, p.first) {
            (false, true) => {
                // E(K, TI || RndA' || PDcap2 || PCDcap2), IV zero.
                let mut v = ti.to_vec();
                v.extend_from_slice(&rotl(&rnd_a));
                v.extend_from_slice(&[0; 6]);
                v.extend_from_slice(&p.pcd_cap2);
                cbc_encrypt(&key, &[0; 16], &mut v);
                v
            }
            (false, false) => {
                let mut v = rotl(&rnd_a).to_vec();
                cbc_encrypt(&key, &[0; 16], &mut v);
                v
            }
            (true, first) => {
                // PICCData = E_LRP(TI || PDcap2 || PCDcap2) (first only), then
                // PICCResponse = CMAC_LRP(RndB || RndA [|| PICCData]).
                let mut picc_data = Vec::new();
                if first {
                    picc_data.extend_from_slice(&ti);
                    // PDcap2.1 = 02: this chip speaks LRP (AN12321 Table 2).
                    picc_data.extend_from_slice(&[0x02, 0, 0, 0, 0, 0]);
                    picc_data.extend_from_slice(&p.pcd_cap2);
                    session.suite.lrp_encrypt_picc_data(&mut picc_data);
                }
                let mut input = p.rnd_b.to_vec();
                input.extend_from_slice(&rnd_a);
                input.extend_from_slice(&picc_data);
                let response = session.suite.mac_full(&input);
                picc_data.extend_from_slice(&response);
                picc_data
            }
        };
        self.session = Some(session);
        (out, sw::OK)
    }

    /// GetVersion part 1 (NT4H2421Gx §10.5.2); in a session the command carries a MAC.
    fn get_version(&mut self, data: &[u8]) -> Reply {
        if let Some(session) = &self.session {
            let mut input = vec![0x60];
            input.extend_from_slice(&session.cmd_ctr.to_le_bytes());
            input.extend_from_slice(&session.ti);
            if data.len() != 8 || !bool::from(session.suite.mac(&input).ct_eq(data)) {
                self.session = None;
                return status(sw::INTEGRITY_ERROR);
            }
        } else if !data.is_empty() {
            return status(sw::LENGTH_ERROR);
        }
        self.version_frame = Some(2);
        (VERSION_HW.to_vec(), sw::ADDITIONAL_FRAME)
    }

    /// GetVersion parts 2 and 3; the last is MACed over all three in a session.
    fn version_part(&mut self, frame: Option<u8>, data: &[u8]) -> Reply {
        if !data.is_empty() {
            return status(sw::LENGTH_ERROR);
        }
        if frame == Some(2) {
            self.version_frame = Some(3);
            return (VERSION_SW.to_vec(), sw::ADDITIONAL_FRAME);
        }
        // UID, batch number, production week and year (BCD).
        let mut part3 = self.uid.to_vec();
        part3.extend_from_slice(&[0, 0, 0, 0, 0, 0x01, 0x26]);
        let Some(session) = self.session.as_mut() else { return (part3, sw::OK) };
        session.cmd_ctr = session.cmd_ctr.wrapping_add(1);
        let mut input = vec![0x00];
        input.extend_from_slice(&session.cmd_ctr.to_le_bytes());
        input.extend_from_slice(&session.ti);
        input.extend_from_slice(&VERSION_HW);
        input.extend_from_slice(&VERSION_SW);
        input.extend_from_slice(&part3);
        let mac = session.suite.mac(&input);
        part3.extend_from_slice(&mac);
        (part3, sw::OK)
    }

    /// Whether the current state grants `op` on file `i`.
    fn may(&self, i: usize, op: Op) -> bool {
        let f = &self.files[i];
        let rights: &[u8] = match op {
            Op::Read => &[f.read_key(), f.rw_key()],
            Op::Write => &[f.write_key(), f.rw_key()],
            Op::Change => &[f.change_key()],
        };
        rights.iter().any(|&r| r == FREE || self.session.as_ref().is_some_and(|s| s.key_no == r && r != DENIED))
    }

    /// The communication mode of a data command on file `i`: the file's own when
    /// the authenticated key grants it, plain when only free access does (§8.2.3.3).
    fn data_mode(&self, i: usize, op: Op) -> Option<CommMode> {
        let f = &self.files[i];
        let rights = match op {
            Op::Read => [f.read_key(), f.rw_key()],
            _ => [f.write_key(), f.rw_key()],
        };
        let mine = self.session.as_ref().is_some_and(|s| rights.contains(&s.key_no));
        if mine {
            Some(CommMode::from_bits(f.file_option))
        } else if rights.contains(&FREE) {
            Some(CommMode::Plain)
        } else {
            None
        }
    }

    fn native(&mut self, ins: u8, data: &[u8]) -> Reply {
        let file_idx = |no: u8| (1..=3).contains(&no).then(|| usize::from(no - 1));
        match ins {
            // Data commands: the mode depends on the file and the caller.
            0xAD | 0x8D => {
                let Some(&no) = data.first() else { return status(sw::LENGTH_ERROR) };
                let Some(i) = file_idx(no) else { return status(sw::FILE_NOT_FOUND) };
                let op = if ins == 0xAD { Op::Read } else { Op::Write };
                let Some(mode) = self.data_mode(i, op) else { return status(sw::PERMISSION_DENIED) };
                self.secure(ins, data, 7, mode, |card, header, body| match op {
                    Op::Read => card.read_data(i, header, body),
                    _ => card.write_data(i, header, body),
                })
            }
            0xF5 => {
                let mode = if self.session.is_some() { CommMode::Mac } else { CommMode::Plain };
                self.secure(ins, data, 1, mode, |card, header, body| {
                    if !body.is_empty() {
                        return Err(sw::LENGTH_ERROR);
                    }
                    let i = file_idx(header[0]).ok_or(sw::FILE_NOT_FOUND)?;
                    let f = &card.files[i];
                    let mut out = vec![0x00, f.file_option, f.access[0], f.access[1]];
                    out.extend_from_slice(&(f.data.len() as u32).to_le_bytes()[..3]);
                    if let Some(sdm) = &f.sdm {
                        out.extend_from_slice(&sdm.raw);
                    }
                    Ok(out)
                })
            }
            0x64 => {
                if self.session.is_none() {
                    return status(sw::PERMISSION_DENIED);
                }
                self.secure(ins, data, 1, CommMode::Mac, |card, header, _| {
                    card.key_versions.get(usize::from(header[0])).map(|v| vec![*v]).ok_or(sw::NO_SUCH_KEY)
                })
            }
            0x51 | 0x5F | 0xC4 | 0x5C => {
                if self.session.is_none() {
                    return status(sw::PERMISSION_DENIED);
                }
                let header = if ins == 0x51 { 0 } else { 1 };
                self.secure(ins, data, header, CommMode::Full, move |card, header, body| match ins {
                    0x51 if body.is_empty() => Ok(card.uid.to_vec()),
                    0x51 => Err(sw::LENGTH_ERROR),
                    0x5F => card.change_file_settings(header[0], body),
                    0xC4 => card.change_key(header[0], body),
                    _ => card.set_configuration(header[0], body),
                })
            }
            _ => status(sw::ILLEGAL_COMMAND),
        }
    }

    /// Runs a command under secure messaging in `mode`: checks the command MAC,
    /// decrypts the data after the `header_len` plain header bytes, runs `f`, and
    /// answers MACed / encrypted, moving the command counter (§9.1.3–9.1.5).
    fn secure(
        &mut self,
        ins: u8,
        data: &[u8],
        header_len: usize,
        mode: CommMode,
        f: impl FnOnce(&mut Self, &[u8], &[u8]) -> Result<Vec<u8>, u16>,
    ) -> Reply {
        let Some(session) = self.session.as_mut().filter(|_| mode != CommMode::Plain) else {
            if data.len() < header_len {
                return status(sw::LENGTH_ERROR);
            }
            let (header, body) = data.split_at(header_len);
            return match f(self, header, body) {
                Ok(out) => {
                    self.count_plain();
                    (out, sw::OK)
                }
                Err(e) => status(e),
            };
        };
        if data.len() < header_len + 8 {
            self.session = None;
            return status(sw::LENGTH_ERROR);
        }
        let (signed, mac) = data.split_at(data.len() - 8);
        let mut input = vec![ins];
        input.extend_from_slice(&session.cmd_ctr.to_le_bytes());
        input.extend_from_slice(&session.ti);
        input.extend_from_slice(signed);
        if !bool::from(session.suite.mac(&input).ct_eq(mac)) {
            // A wrong MAC ends the session (§9.1.3).
            self.session = None;
            return status(sw::INTEGRITY_ERROR);
        }
        let (header, body) = signed.split_at(header_len);
        let body = if mode == CommMode::Full && !body.is_empty() {
            if !body.len().is_multiple_of(16) {
                self.session = None;
                return status(sw::LENGTH_ERROR);
            }
            let mut plain = body.to_vec();
            let (ti, ctr) = (session.ti, session.cmd_ctr);
            session.suite.decrypt_command(&ti, ctr, &mut plain);
            match unpad_m2(&plain) {
                Some(p) => p.to_vec(),
                None => {
                    self.session = None;
                    return status(sw::INTEGRITY_ERROR);
                }
            }
        } else {
            body.to_vec()
        };
        let key_no = session.key_no;
        let result = f(self, header, &body);
        // ChangeKey of the key in use ends the session without a MAC (§10.6.1).
        let Some(session) = self.session.as_mut().filter(|s| s.key_no == key_no) else {
            return match result {
                Ok(_) => status(sw::OK),
                Err(e) => status(e),
            };
        };
        let out = match result {
            Ok(out) => out,
            Err(e) => {
                self.session = None;
                return status(e);
            }
        };
        session.cmd_ctr = session.cmd_ctr.wrapping_add(1);
        let (ti, ctr) = (session.ti, session.cmd_ctr);
        let mut body = out;
        if mode == CommMode::Full && !body.is_empty() {
            body = pad_m2(&body);
            session.suite.encrypt_response(&ti, ctr, &mut body);
        }
        let mut input = vec![0x00];
        input.extend_from_slice(&ctr.to_le_bytes());
        input.extend_from_slice(&ti);
        input.extend_from_slice(&body);
        let mac = session.suite.mac(&input);
        body.extend_from_slice(&mac);
        (body, sw::OK)
    }

    fn range(&self, i: usize, header: &[u8]) -> Result<(usize, usize), u16> {
        let offset = u24(&header[1..4]);
        let len = u24(&header[4..7]);
        let size = self.files[i].data.len();
        if offset > size || len > size - offset {
            return Err(sw::BOUNDARY_ERROR);
        }
        Ok((offset, if len == 0 { size - offset } else { len }))
    }

    fn read_data(&mut self, i: usize, header: &[u8], body: &[u8]) -> Result<Vec<u8>, u16> {
        if !body.is_empty() {
            return Err(sw::LENGTH_ERROR);
        }
        let (offset, len) = self.range(i, header)?;
        let data = if self.session.is_some() { self.files[i].data.clone() } else { self.file_for_read(i) };
        Ok(data[offset..offset + len].to_vec())
    }

    fn write_data(&mut self, i: usize, header: &[u8], body: &[u8]) -> Result<Vec<u8>, u16> {
        let (offset, len) = self.range(i, header)?;
        if len != body.len() || body.is_empty() {
            return Err(sw::LENGTH_ERROR);
        }
        self.files[i].data[offset..offset + len].copy_from_slice(body);
        self.mirrored = None;
        Ok(Vec::new())
    }

    fn change_file_settings(&mut self, no: u8, body: &[u8]) -> Result<Vec<u8>, u16> {
        let i = (1..=3).contains(&no).then(|| usize::from(no - 1)).ok_or(sw::FILE_NOT_FOUND)?;
        if !self.may(i, Op::Change) {
            return Err(sw::PERMISSION_DENIED);
        }
        let [option, a0, a1, rest @ ..] = body else { return Err(sw::LENGTH_ERROR) };
        if option & 0b1011_1100 != 0 {
            return Err(sw::PARAMETER_ERROR);
        }
        let picc_len = if self.lrp { 48 } else { 32 };
        let sdm = if option & 0x40 != 0 {
            if i != 1 {
                // SDM exists on the NDEF file only.
                return Err(sw::PARAMETER_ERROR);
            }
            Some(Sdm::parse(rest, self.files[i].data.len(), picc_len).map_err(|_| sw::PARAMETER_ERROR)?)
        } else if !rest.is_empty() {
            return Err(sw::LENGTH_ERROR);
        } else {
            None
        };
        let f = &mut self.files[i];
        f.file_option = *option & 0x03;
        f.access = [*a0, *a1];
        f.sdm = sdm;
        if f.sdm.is_some() {
            f.file_option |= 0x40;
        }
        self.mirrored = None;
        Ok(Vec::new())
    }

    fn change_key(&mut self, no: u8, body: &[u8]) -> Result<Vec<u8>, u16> {
        let no = usize::from(no & 0x0F);
        if no > 4 {
            return Err(sw::NO_SUCH_KEY);
        }
        let Some(session) = &self.session else { return Err(sw::PERMISSION_DENIED) };
        // Only the application master key changes keys (NT4H2421Gx §10.6.1).
        if session.key_no != 0 {
            return Err(sw::PERMISSION_DENIED);
        }
        if no == usize::from(session.key_no) {
            let [key @ .., version] = body else { return Err(sw::LENGTH_ERROR) };
            let key: Block = key.try_into().map_err(|_| sw::LENGTH_ERROR)?;
            self.keys[no] = key;
            self.key_versions[no] = *version;
            self.session = None;
            return Ok(Vec::new());
        }
        if body.len() != 21 {
            return Err(sw::LENGTH_ERROR);
        }
        let mut key = [0u8; 16];
        for (k, (x, old)) in key.iter_mut().zip(body[..16].iter().zip(self.keys[no])) {
            *k = x ^ old;
        }
        if !bool::from(crc32(&key).ct_eq(&body[17..21])) {
            return Err(sw::INTEGRITY_ERROR);
        }
        self.keys[no] = key;
        self.key_versions[no] = body[16];
        Ok(Vec::new())
    }

    fn set_configuration(&mut self, option: u8, body: &[u8]) -> Result<Vec<u8>, u16> {
        match (option, body) {
            // PDCap2: bit 1 of byte 4 switches to LRP, for good.
            (0x05, [_, _, _, _, caps, ..]) if body.len() == 10 => {
                if caps & 0x02 != 0 {
                    self.lrp = true;
                }
                Ok(Vec::new())
            }
            _ => Err(sw::PARAMETER_ERROR),
        }
    }
}

#[derive(Clone, Copy)]
enum Op {
    Read,
    Write,
    Change,
}

/// The transport error of the emulator: never produced, all card errors are status words.
#[derive(Debug, thiserror::Error)]
#[error("the emulator has no transport errors")]
pub enum NoTransportError {}

impl ntag424::Transport for Ntag424 {
    type Error = NoTransportError;
    type Data = Vec<u8>;

    async fn transmit(&mut self, apdu: &[u8]) -> Result<ntag424::Response<Vec<u8>>, NoTransportError> {
        let (data, sw) = self.process(apdu);
        Ok(ntag424::Response { data, sw1: (sw >> 8) as u8, sw2: sw as u8 })
    }

    async fn get_uid(&mut self) -> Result<Vec<u8>, NoTransportError> {
        Ok(self.uid.to_vec())
    }
}

/// Runs a future that never waits on I/O (the emulator answers at once) to completion.
pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[cfg(test)]
mod tests;
