//! Account inputs, parsed once at the edge: e-mail, the documented password
//! policy, gender. A login's `Debug` never prints the password.

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CredentialError {
    #[error("email is not a valid e-mail address")]
    Email,
    #[error(
        "password must be more than 12 characters with at least one lowercase letter, one uppercase letter, one digit and one special character"
    )]
    WeakPassword,
    #[error("password is longer than 256 characters")]
    LongPassword,
    #[error("gender must be 1 (male), 2 (female) or 3 (non-binary)")]
    Gender,
}

/// An e-mail address, trimmed and lower-cased (addresses are compared without case).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(s: &str) -> Result<Self, CredentialError> {
        let s = s.trim().to_lowercase();
        let (local, domain) = s.rsplit_once('@').ok_or(CredentialError::Email)?;
        let ok = s.len() <= 254
            && !local.is_empty()
            && local.len() <= 64
            && !local.contains('@')
            && domain.contains('.')
            && !domain.starts_with(['.', '-'])
            && !domain.ends_with(['.', '-'])
            && !domain.contains("..")
            && domain.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-')
            && !s.chars().any(|c| c.is_whitespace() || c.is_control() || "<>()[],;:\"\\".contains(c));
        if ok {
            Ok(Self(s))
        } else {
            Err(CredentialError::Email)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password that meets the documented policy.
#[derive(Clone)]
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

impl NewPassword {
    pub fn parse(s: &str) -> Result<Self, CredentialError> {
        if s.chars().count() > 256 {
            return Err(CredentialError::LongPassword);
        }
        let ok = s.chars().count() > 12
            && s.chars().any(|c| c.is_lowercase())
            && s.chars().any(|c| c.is_uppercase())
            && s.chars().any(|c| c.is_ascii_digit())
            && s.chars().any(|c| !c.is_alphanumeric());
        if ok {
            Ok(Self(s.to_string()))
        } else {
            Err(CredentialError::WeakPassword)
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// 1 male, 2 female, 3 non-binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male = 1,
    Female = 2,
    NonBinary = 3,
}

impl Gender {
    pub fn parse(s: &str) -> Result<Self, CredentialError> {
        match s.trim() {
            "1" => Ok(Self::Male),
            "2" => Ok(Self::Female),
            "3" => Ok(Self::NonBinary),
            _ => Err(CredentialError::Gender),
        }
    }

    pub fn from_code(code: i64) -> Option<Self> {
        Self::parse(&code.to_string()).ok()
    }

    /// The wire name used by `GET /v1/user`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Male => "male",
            Self::Female => "female",
            Self::NonBinary => "non-binary",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_examples_meet_the_policy() {
        for ok in ["My@Password123456", "@PasswordMoreSecure!258#", "!Qwerty123456"] {
            assert!(NewPassword::parse(ok).is_ok(), "{ok}");
        }
        for weak in
            ["Short@1a", "alllowercase@123", "ALLUPPERCASE@123", "NoDigitsHere@abc", "NoSpecial1234abc", "Exactly12@Ab"]
        {
            assert_eq!(NewPassword::parse(weak).unwrap_err(), CredentialError::WeakPassword, "{weak}");
        }
        assert_eq!(format!("{:?}", NewPassword::parse("My@Password123456").unwrap()), "NewPassword(***)");
    }

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(Email::parse(" Ada@Senzu.TEST ").unwrap().as_str(), "ada@senzu.test");
        for bad in
            ["", "ada", "ada@", "@senzu.test", "ada@senzu", "a b@senzu.test", "ada@senzu..test", "<a>@x.io", "a@b@c.io"]
        {
            assert_eq!(Email::parse(bad), Err(CredentialError::Email), "{bad}");
        }
    }

    #[test]
    fn genders() {
        assert_eq!(Gender::parse("3"), Ok(Gender::NonBinary));
        assert_eq!(Gender::parse("0"), Err(CredentialError::Gender));
        assert_eq!(Gender::from_code(1).map(Gender::name), Some("male"));
    }
}
