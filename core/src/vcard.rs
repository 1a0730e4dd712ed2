//! RFC 6350 vCard 4.0, as the vCard plugin downloads it.

pub struct VCard<'a> {
    pub firstname: &'a str,
    pub lastname: &'a str,
    pub organization: Option<&'a str>,
    pub title: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
    pub website: Option<&'a str>,
    pub address: Option<&'a str>,
}

/// RFC 6350 section 3.4: backslash, comma, semicolon and newline are escaped.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// RFC 6350 section 3.2: lines longer than 75 octets are folded (CRLF + space),
/// never inside a UTF-8 character.
pub(crate) fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
    out
}

impl VCard<'_> {
    pub fn render(&self) -> String {
        let mut lines = vec![
            "BEGIN:VCARD".to_string(),
            "VERSION:4.0".to_string(),
            format!("FN:{} {}", escape(self.firstname), escape(self.lastname)),
            format!("N:{};{};;;", escape(self.lastname), escape(self.firstname)),
        ];
        let mut opt = |prefix: &str, v: Option<&str>| {
            if let Some(v) = v {
                lines.push(format!("{prefix}{}", escape(v)));
            }
        };
        opt("ORG:", self.organization);
        opt("TITLE:", self.title);
        opt("TEL;TYPE=cell;VALUE=text:", self.phone);
        opt("EMAIL:", self.email);
        opt("URL:", self.website);
        if let Some(a) = self.address {
            lines.push(format!("ADR:;;{};;;;", escape(a)));
        }
        lines.push("END:VCARD".to_string());
        lines.iter().map(|l| fold(l)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_rfc6350_with_escapes_and_folding() {
        let long = "É".repeat(60);
        let card = VCard {
            firstname: "Ada",
            lastname: "Lovelace; Byron",
            organization: Some("Analytical, Ltd"),
            title: Some(&long),
            phone: Some("+44 20 0000 0000"),
            email: Some("ada@example.org"),
            website: Some("https://example.org"),
            address: Some("12 St James's Square\nLondon"),
        }
        .render();
        assert!(card.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada Lovelace\\; Byron\r\n"));
        assert!(card.contains("N:Lovelace\\; Byron;Ada;;;\r\n"));
        assert!(card.contains("ORG:Analytical\\, Ltd\r\n"));
        assert!(card.contains("ADR:;;12 St James's Square\\nLondon;;;;\r\n"));
        assert!(card.ends_with("END:VCARD\r\n"));
        for line in card.split("\r\n") {
            assert!(line.len() <= 75, "line of {} octets", line.len());
        }
        // Unfolding restores the title.
        assert!(card.replace("\r\n ", "").contains(&format!("TITLE:{long}\r\n")));
    }
}
