//! Contact exchange rules: what a visitor may leave (sizes, one way to reach
//! them, consent, the honeypot), the owner's tags, search, who sees contacts,
//! and the two exports — CSV (RFC 4180) and vCard 4.0 (RFC 6350).

use crate::api::contacts::{Contact, ExchangeContact};
use crate::chmod::Level;
use crate::{ApiError, ErrorCode};

/// The plugin field where the owner says from which chmod level others see contacts.
pub const VISIBLE_FROM: &str = "visible_from";
/// Without a setting, only the application's owners see what visitors left.
pub const DEFAULT_VISIBLE_FROM: Level = Level::Owner;

/// The most characters each field takes.
pub const NAME_MAX: usize = 100;
pub const EMAIL_MAX: usize = 254;
pub const PHONE_MAX: usize = 40;
pub const COMPANY_MAX: usize = 100;
pub const NOTE_MAX: usize = 1000;
const TAG_MAX: usize = 40;
const TAGS_MAX: usize = 20;

/// What a visitor left, checked and trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub company: Option<String>,
    pub note: Option<String>,
}

/// Whether a bot filled the field people never see.
pub fn is_bot(given: &ExchangeContact) -> bool {
    given.website.as_deref().is_some_and(|w| !w.trim().is_empty())
}

fn bad(message: String) -> ApiError {
    ApiError::new(ErrorCode::BadArgument, format!("bad argument: {message}"))
}

/// One field: trimmed, empty is absent, at most `max` characters, no control
/// characters (but line breaks where `multiline`).
fn field(value: Option<&str>, name: &str, max: usize, multiline: bool) -> Result<Option<String>, ApiError> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else { return Ok(None) };
    if v.chars().count() > max {
        return Err(bad(format!("{name} is longer than {max} characters")));
    }
    if v.chars().any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t'))) {
        return Err(bad(format!("{name} contains control characters")));
    }
    Ok(Some(v.to_string()))
}

/// A plausible mailbox (local@domain.tld), without quoting or comments.
fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(|c| c.is_whitespace() || matches!(c, '<' | '>' | '(' | ')' | ',' | ';' | ':' | '"' | '\\'))
        && !domain.contains('@')
}

/// Checks what a visitor sent: consent, at least an e-mail or a phone, sizes.
pub fn validate(given: &ExchangeContact) -> Result<Exchange, ApiError> {
    let exchange = Exchange {
        name: field(given.name.as_deref(), "name", NAME_MAX, false)?,
        email: field(given.email.as_deref(), "email", EMAIL_MAX, false)?,
        phone: field(given.phone.as_deref(), "phone", PHONE_MAX, false)?,
        company: field(given.company.as_deref(), "company", COMPANY_MAX, false)?,
        note: field(given.note.as_deref(), "note", NOTE_MAX, true)?,
    };
    if exchange.email.as_deref().is_some_and(|e| !is_email(e)) {
        return Err(bad("email is not an e-mail address".into()));
    }
    let phone = match exchange.phone.as_deref() {
        Some(p) => Some(crate::plugins::phone(p).ok_or_else(|| bad("phone is not a phone number".into()))?),
        None => None,
    };
    if exchange.email.is_none() && phone.is_none() {
        return Err(ApiError::new(
            ErrorCode::MissingArgument,
            "missing argument: email or phone (leave at least one way to reach you)",
        ));
    }
    if given.consent != Some(true) {
        return Err(ApiError::new(
            ErrorCode::MissingArgument,
            "missing argument: consent (agree to share these details with the owner)",
        ));
    }
    Ok(Exchange { phone, ..exchange })
}

/// The owner's tags from a comma-separated list: trimmed, no empties, no
/// repeats (whatever the case), at most 20 of 40 characters each.
pub fn parse_tags(text: &str) -> Result<Vec<String>, ApiError> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if tag.chars().count() > TAG_MAX {
            return Err(bad(format!("tags: {tag:?} is longer than {TAG_MAX} characters")));
        }
        if tag.chars().any(char::is_control) {
            return Err(bad("tags contain control characters".into()));
        }
        if !tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            tags.push(tag.to_string());
        }
    }
    if tags.len() > TAGS_MAX {
        return Err(bad(format!("tags: at most {TAGS_MAX}")));
    }
    Ok(tags)
}

/// The level from which people besides the owner see an exchange plugin's
/// contacts, as its data says it (1 to 5; anything else is the default).
pub fn visible_from(data: &serde_json::Map<String, serde_json::Value>) -> Level {
    let given = match data.get(VISIBLE_FROM) {
        Some(serde_json::Value::String(s)) => s.trim().parse::<u8>().ok(),
        Some(serde_json::Value::Number(n)) => n.as_u64().and_then(|n| u8::try_from(n).ok()),
        _ => None,
    };
    given.and_then(|v| Level::try_from(v).ok()).filter(|l| *l >= Level::Reader).unwrap_or(DEFAULT_VISIBLE_FROM)
}

/// Whether a contact matches the owner's search (any of its texts, any case)
/// and tag (exactly one of its tags, any case).
pub fn matches(contact: &Contact, search: Option<&str>, tag: Option<&str>) -> bool {
    let search = search.map(str::trim).filter(|s| !s.is_empty()).map(str::to_lowercase);
    let in_texts = search.is_none_or(|needle| {
        [&contact.name, &contact.email, &contact.phone, &contact.company, &contact.note, &contact.owner_note]
            .into_iter()
            .flatten()
            .chain(contact.tags.iter())
            .chain(std::iter::once(&contact.application_name))
            .any(|text| text.to_lowercase().contains(&needle))
    });
    let tagged = tag
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .is_none_or(|tag| contact.tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()));
    in_texts && tagged
}

/// What the contacts page counts: all, the last 7 and 30 days, and per application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchanges {
    pub total: usize,
    pub last_7_days: usize,
    pub last_30_days: usize,
    /// (application, contacts), most first.
    pub by_application: Vec<(String, i64)>,
}

pub fn exchanges(contacts: &[Contact], now: i64) -> Exchanges {
    let since = |days: i64| {
        contacts.iter().filter(|c| crate::api::products::unix(&c.date_created) > now - days * 86_400).count()
    };
    let mut by_application: Vec<(String, i64)> = Vec::new();
    for c in contacts {
        match by_application.iter_mut().find(|(name, _)| *name == c.application_name) {
            Some((_, n)) => *n += 1,
            None => by_application.push((c.application_name.clone(), 1)),
        }
    }
    by_application.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Exchanges { total: contacts.len(), last_7_days: since(7), last_30_days: since(30), by_application }
}

/// A spreadsheet cell: quoted when it must be (RFC 4180), and never a formula
/// (OWASP CSV injection: a leading = + - @ or tab is neutralised with `'`).
fn cell(value: &str) -> String {
    let is_phone = value.starts_with('+') && value[1..].chars().all(|c| c.is_ascii_digit());
    let value = if !is_phone && value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// `YYYY-MM-DD HH:MM:SS` of a contact's creation (UTC).
fn created(contact: &Contact) -> &str {
    contact.date_created.date.get(..19).unwrap_or(&contact.date_created.date)
}

pub const CSV_HEADER: [&str; 11] = [
    "id",
    "date_created",
    "name",
    "email",
    "phone",
    "company",
    "note",
    "tags",
    "owner_note",
    "application",
    "id_product",
];

/// Every contact as CSV (RFC 4180: a header line, CRLF line ends).
pub fn csv(contacts: &[Contact]) -> String {
    let mut out = CSV_HEADER.join(",");
    out.push_str("\r\n");
    for c in contacts {
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        let row = [
            c.id.to_string(),
            created(c).to_string(),
            o(&c.name),
            o(&c.email),
            o(&c.phone),
            o(&c.company),
            o(&c.note),
            c.tags.join(", "),
            o(&c.owner_note),
            c.application_name.clone(),
            c.id_product.map(|p| p.to_string()).unwrap_or_default(),
        ];
        out.push_str(&row.iter().map(|v| cell(v)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// Every contact as vCard 4.0, one card each (RFC 6350), ready to import.
pub fn vcards(contacts: &[Contact]) -> String {
    use crate::vcard::{escape, fold};
    let mut out = String::new();
    for c in contacts {
        // FN is the one property a card must have: the name, else how to reach them.
        let full_name = c.name.as_deref().or(c.email.as_deref()).or(c.phone.as_deref()).unwrap_or("Contact");
        let mut lines = vec![
            "BEGIN:VCARD".to_string(),
            "VERSION:4.0".to_string(),
            format!("UID:urn:senzu:contact:{}", c.id),
            format!("FN:{}", escape(full_name)),
        ];
        if let Some(org) = &c.company {
            lines.push(format!("ORG:{}", escape(org)));
        }
        if let Some(email) = &c.email {
            lines.push(format!("EMAIL:{}", escape(email)));
        }
        if let Some(phone) = &c.phone {
            lines.push(format!("TEL;VALUE=uri:tel:{phone}"));
        }
        let note: Vec<&str> = [c.note.as_deref(), c.owner_note.as_deref()].into_iter().flatten().collect();
        if !note.is_empty() {
            lines.push(format!("NOTE:{}", escape(&note.join("\n\n"))));
        }
        if !c.tags.is_empty() {
            let tags: Vec<String> = c.tags.iter().map(|t| escape(t)).collect();
            // Within CATEGORIES the comma separates values: each tag is escaped, the list is not.
            lines.push(format!("CATEGORIES:{}", tags.join(",")));
        }
        lines.push(format!("REV:{}", created(c).replace(['-', ':'], "").replace(' ', "T") + "Z"));
        lines.push("END:VCARD".to_string());
        out.extend(lines.iter().map(|l| fold(l)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiDate;

    fn given(email: &str, phone: &str) -> ExchangeContact {
        ExchangeContact {
            name: Some("  Grace Hopper ".into()),
            email: Some(email.into()),
            phone: Some(phone.into()),
            consent: Some(true),
            ..ExchangeContact::default()
        }
    }

    fn contact() -> Contact {
        Contact {
            id: 7,
            id_application: 1,
            id_plugin: Some(12),
            id_record: Some(1),
            id_product: Some(1),
            application_name: "Ada Lovelace".into(),
            name: Some("Grace Hopper, Rear Admiral".into()),
            email: Some("grace@navy.test".into()),
            phone: Some("+15550100".into()),
            company: Some("US Navy; COBOL".into()),
            note: Some("Met at the \"compilers\" talk\nCall me".into()),
            tags: vec!["conference".into(), "vip".into()],
            owner_note: Some("=HYPERLINK(\"http://evil.test\")".into()),
            date_created: ApiDate::from_unix(1_780_000_000),
            date_updated: None,
        }
    }

    #[test]
    fn an_exchange_needs_consent_and_one_way_to_reach() {
        let ok = validate(&given("grace@navy.test", "")).unwrap();
        assert_eq!(ok.name.as_deref(), Some("Grace Hopper"));
        assert_eq!(ok.phone, None);
        assert_eq!(validate(&given("", "+1 (555) 0100")).unwrap().phone.as_deref(), Some("+15550100"));
        let none = validate(&given(" ", "")).unwrap_err();
        assert_eq!(none.kind(), Some(ErrorCode::MissingArgument));
        assert!(none.message.contains("email or phone"), "{}", none.message);
        let no_consent = validate(&ExchangeContact { consent: None, ..given("grace@navy.test", "") }).unwrap_err();
        assert!(no_consent.message.contains("consent"), "{}", no_consent.message);
        let refused = validate(&ExchangeContact { consent: Some(false), ..given("grace@navy.test", "") });
        assert!(refused.is_err());
    }

    #[test]
    fn each_field_is_checked_by_name() {
        for (email, phone, field) in
            [("not-an-address", "", "email"), ("a@b", "", "email"), ("", "call me", "phone"), ("a b@c.de", "", "email")]
        {
            let e = validate(&given(email, phone)).unwrap_err();
            assert_eq!(e.kind(), Some(ErrorCode::BadArgument));
            assert!(e.message.contains(field), "{field}: {}", e.message);
        }
        let long = ExchangeContact { note: Some("x".repeat(NOTE_MAX + 1)), ..given("a@b.fr", "") };
        assert!(validate(&long).unwrap_err().message.contains("note is longer than 1000"));
        let at_max = ExchangeContact { note: Some("é".repeat(NOTE_MAX)), ..given("a@b.fr", "") };
        assert!(validate(&at_max).is_ok());
        let header = ExchangeContact { name: Some("Eve\r\nBcc: x@y.z".into()), ..given("a@b.fr", "") };
        assert!(validate(&header).unwrap_err().message.contains("name contains control characters"));
        let lines = ExchangeContact { note: Some("line one\nline two".into()), ..given("a@b.fr", "") };
        assert!(validate(&lines).is_ok());
    }

    #[test]
    fn the_honeypot_catches_what_people_never_see() {
        assert!(!is_bot(&given("a@b.fr", "")));
        assert!(is_bot(&ExchangeContact { website: Some("http://spam.test".into()), ..given("a@b.fr", "") }));
    }

    #[test]
    fn exchanges_count_by_period_and_application() {
        let now = 1_780_000_000;
        let at = |days_ago: i64, app: &str| Contact {
            date_created: ApiDate::from_unix(now - days_ago * 86_400 + 60),
            application_name: app.into(),
            ..contact()
        };
        let stats = exchanges(&[at(0, "Ada"), at(6, "Bob"), at(10, "Ada"), at(40, "Ada")], now);
        assert_eq!((stats.total, stats.last_7_days, stats.last_30_days), (4, 2, 3));
        assert_eq!(stats.by_application, [("Ada".to_string(), 3), ("Bob".to_string(), 1)]);
        assert_eq!(exchanges(&[], now).total, 0);
    }

    #[test]
    fn tags_are_trimmed_deduplicated_and_bounded() {
        assert_eq!(parse_tags(" vip, Conference ,,VIP, lead ").unwrap(), ["vip", "Conference", "lead"]);
        assert_eq!(parse_tags("").unwrap(), Vec::<String>::new());
        assert!(parse_tags(&"x".repeat(41)).is_err());
        let many: Vec<String> = (0..21).map(|i| format!("t{i}")).collect();
        assert!(parse_tags(&many.join(",")).is_err());
    }

    #[test]
    fn visibility_defaults_to_owners_and_never_to_nobody() {
        let data = |v: serde_json::Value| serde_json::json!({ VISIBLE_FROM: v }).as_object().unwrap().clone();
        assert_eq!(visible_from(&serde_json::Map::new()), Level::Owner);
        assert_eq!(visible_from(&data("3".into())), Level::Manager);
        assert_eq!(visible_from(&data(1.into())), Level::Reader);
        for wrong in ["0", "6", "-1", "admin", ""] {
            assert_eq!(visible_from(&data(wrong.into())), Level::Owner, "{wrong}");
        }
    }

    #[test]
    fn search_looks_in_every_text_and_tags_match_whole() {
        let c = contact();
        assert!(matches(&c, Some("HOPPER"), None));
        assert!(matches(&c, Some("cobol"), None));
        assert!(matches(&c, Some("conference"), None));
        assert!(matches(&c, None, Some("Conference")));
        assert!(!matches(&c, None, Some("conf")));
        assert!(!matches(&c, Some("lovelace-not"), None));
        assert!(matches(&c, Some(" "), Some("")));
    }

    /// RFC 4180, read back by a minimal reader of the RFC's grammar.
    fn read_csv(text: &str) -> Vec<Vec<String>> {
        let (mut rows, mut row, mut cell, mut quoted, mut chars) =
            (Vec::new(), Vec::new(), String::new(), false, text.chars().peekable());
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                ('"', _) => quoted = !quoted,
                (',', false) => row.push(std::mem::take(&mut cell)),
                ('\r', false) if chars.peek() == Some(&'\n') => {
                    chars.next();
                    row.push(std::mem::take(&mut cell));
                    rows.push(std::mem::take(&mut row));
                }
                (c, _) => cell.push(c),
            }
        }
        rows
    }

    #[test]
    fn csv_quotes_what_it_must_and_runs_no_formula() {
        let text = csv(&[contact()]);
        let rows = read_csv(&text);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0], CSV_HEADER);
        let row = &rows[1];
        assert_eq!(row.len(), CSV_HEADER.len());
        assert_eq!(row[2], "Grace Hopper, Rear Admiral");
        assert_eq!(row[4], "+15550100", "a phone number stays dialable");
        assert_eq!(row[6], "Met at the \"compilers\" talk\nCall me");
        assert_eq!(row[7], "conference, vip");
        assert_eq!(row[8], "'=HYPERLINK(\"http://evil.test\")");
        assert_eq!(row[1], "2026-05-28 20:26:40");
        assert_eq!(cell("-2+3"), "'-2+3");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
    }

    #[test]
    fn vcards_are_rfc_6350_with_one_card_per_contact() {
        let mut second = contact();
        second.id = 8;
        second.name = None;
        second.tags.clear();
        let text = vcards(&[contact(), second]);
        assert_eq!(text.matches("BEGIN:VCARD\r\n").count(), 2);
        assert!(text.contains("FN:Grace Hopper\\, Rear Admiral\r\n"));
        assert!(text.contains("ORG:US Navy\\; COBOL\r\n"));
        assert!(text.contains("TEL;VALUE=uri:tel:+15550100\r\n"));
        assert!(text.contains("CATEGORIES:conference,vip\r\n"));
        assert!(text.contains("REV:20260528T202640Z\r\n"));
        assert!(text.contains("UID:urn:senzu:contact:8\r\nFN:grace@navy.test\r\n"));
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "a line of {} octets", line.len());
        }
    }

    /// "The vCard imports": an independent RFC 6350 parser reads every field back.
    #[test]
    fn the_vcard_export_imports_into_an_independent_parser() {
        let cards = vcard4::parse(vcards(&[contact()])).expect("vcard4 parses the export");
        assert_eq!(cards.len(), 1);
        let card = &cards[0];
        assert_eq!(card.formatted_name[0].value, "Grace Hopper, Rear Admiral");
        assert_eq!(card.email[0].value, "grace@navy.test");
        // vcard4 splits ORG at every `;`, escaped or not (RFC 6350 escapes it): the
        // string test above checks the escape, this one the rest of the card.
        assert_eq!(card.org[0].value.join(";"), "US Navy; COBOL");
        assert_eq!(card.categories[0].value, ["conference", "vip"]);
        assert!(card.note[0].value.starts_with("Met at the \"compilers\" talk\nCall me"), "{}", card.note[0].value);
        let tel = match &card.tel[0] {
            vcard4::property::TextOrUriProperty::Uri(u) => u.value.to_string(),
            vcard4::property::TextOrUriProperty::Text(t) => t.value.clone(),
        };
        assert_eq!(tel, "tel:+15550100");
    }
}
