//! Mails between Senzu users, `/v1/mails`: one row per recipient, kept for
//! the sender (sent) and the recipient (received), and delivered to the
//! recipient's inbox through the outbox. A user writes to the people they
//! share an object with, and answers whoever wrote to them; nobody learns
//! another's address.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

use super::{ApiDate, Id, Name};
use crate::api::list::Listed;

/// At most this many recipients in one `POST /v1/mails`.
pub const MAX_RECIPIENTS: usize = 20;
/// A mail's content, in characters (the `Name<10000>` of [`SendMail`]).
pub const MAX_CONTENT: usize = 10_000;

/// `id_user_recipient`: one id, or several separated by commas (documented),
/// or a JSON array of ids. Each once, in the order given.
/// Written as the documented comma-separated ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipients(Vec<Id>);

impl Serialize for Recipients {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.iter().map(Id::to_string).collect::<Vec<_>>().join(","))
    }
}

impl Recipients {
    /// `"274"`, `"274,275"`, or a JSON array `"[274, 275]"` (a JSON body's
    /// array reaches the argument parser as its text).
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let listed = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')).unwrap_or(text);
        Self::from_ids(
            listed.split(',').map(|part| part.trim().parse::<Id>().map_err(|_| format!("{part:?} is not a user id"))),
        )
    }

    fn from_ids(ids: impl IntoIterator<Item = Result<Id, String>>) -> Result<Self, String> {
        let mut all = Vec::new();
        for id in ids {
            let id = id?;
            if id <= 0 {
                return Err(format!("{id} is not a user id"));
            }
            if !all.contains(&id) {
                all.push(id);
            }
        }
        if all.is_empty() {
            return Err("must name at least one user".into());
        }
        if all.len() > MAX_RECIPIENTS {
            return Err(format!("at most {MAX_RECIPIENTS} users at once"));
        }
        Ok(Self(all))
    }

    pub fn ids(&self) -> &[Id] {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Recipients {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Ids;
        impl<'de> Visitor<'de> for Ids {
            type Value = Recipients;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a user id, ids separated by commas, or a list of ids")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Recipients, E> {
                Recipients::from_ids([Ok(v)]).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Recipients, E> {
                let id = Id::try_from(v).map_err(|_| E::custom("not a user id"))?;
                self.visit_i64(id)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Recipients, E> {
                Recipients::parse(v).map_err(E::custom)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Recipients, A::Error> {
                let mut ids = Vec::new();
                while let Some(id) = seq.next_element::<Id>()? {
                    ids.push(Ok(id));
                    if ids.len() > MAX_RECIPIENTS {
                        break;
                    }
                }
                Recipients::from_ids(ids).map_err(de::Error::custom)
            }
        }
        d.deserialize_any(Ids)
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Recipients {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, OneOfBuilder, Type};
        OneOfBuilder::new()
            .item(ObjectBuilder::new().schema_type(Type::Integer).minimum(Some(1)))
            .item(ObjectBuilder::new().schema_type(Type::String).pattern(Some(r"^\s*[0-9]+\s*(,\s*[0-9]+\s*)*$")))
            .item(ArrayBuilder::new().items(ObjectBuilder::new().schema_type(Type::Integer).minimum(Some(1))))
            .description(Some("A user id, ids separated by commas, or a list of ids"))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Recipients {}

/// `POST /v1/mails` (documented): to whom, and a subject, a content or both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SendMail {
    pub id_user_recipient: Recipients,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<Name<200>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<Name<10000>>,
}

/// Another user as a mail shows them: never their address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MailUser {
    pub id: Option<Id>,
    pub username: Option<String>,
    pub firstname: Option<String>,
    pub lastname: Option<String>,
}

impl MailUser {
    /// How a person is named to another: their name, else their username, else "a Senzu user".
    pub fn display(&self) -> String {
        let name = [self.firstname.as_deref(), self.lastname.as_deref()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if !name.is_empty() {
            return name;
        }
        self.username.clone().filter(|u| !u.trim().is_empty()).unwrap_or_else(|| "a Senzu user".into())
    }
}

impl Listed for MailUser {
    fn id(&self) -> i64 {
        self.id.unwrap_or_default()
    }
}

/// A mail the caller sent (documented), as `GET /v1/mails/sent[/{id}]` and the send answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SentMail {
    pub id: Id,
    pub id_user_sender: Id,
    pub id_user_recipient: Option<Id>,
    pub user_recipient: MailUser,
    pub subject: Option<String>,
    /// The whole text (lists leave it out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    pub is_read: bool,
    pub date_created: ApiDate,
}

/// A mail the caller received (documented), as `GET /v1/mails/received[/{id}]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReceivedMail {
    pub id: Id,
    pub id_user_recipient: Id,
    pub id_user_sender: Option<Id>,
    pub user_sender: MailUser,
    pub subject: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    pub is_read: bool,
    pub date_created: ApiDate,
}

impl Listed for SentMail {
    fn id(&self) -> i64 {
        self.id
    }
}

impl Listed for ReceivedMail {
    fn id(&self) -> i64 {
        self.id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipients_come_as_one_id_a_comma_list_or_an_array() {
        let one: SendMail = serde_json::from_str(r#"{"id_user_recipient": 274, "content": "Hi"}"#).unwrap();
        assert_eq!(one.id_user_recipient.ids(), &[274]);
        let listed: SendMail =
            serde_json::from_str(r#"{"id_user_recipient": "274, 275,274", "subject": "S"}"#).unwrap();
        assert_eq!(listed.id_user_recipient.ids(), &[274, 275], "each once");
        let array: SendMail = serde_json::from_str(r#"{"id_user_recipient": [3, 4]}"#).unwrap();
        assert_eq!(array.id_user_recipient.ids(), &[3, 4]);
        for bad in [r#""""#, r#""1,x""#, "0", "-2", r#""1,,2""#, "[]"] {
            let json = format!(r#"{{"id_user_recipient": {bad}}}"#);
            assert!(serde_json::from_str::<SendMail>(&json).is_err(), "{bad}");
        }
        assert_eq!(Recipients::parse("[5, 6]").unwrap().ids(), &[5, 6], "an array's text");
        let written = serde_json::to_string(&listed).unwrap();
        assert!(written.contains(r#""id_user_recipient":"274,275""#), "{written}");
        assert_eq!(serde_json::from_str::<SendMail>(&written).unwrap(), listed, "round trip");
        let many = (1..=21).map(|i| i.to_string()).collect::<Vec<_>>().join(",");
        assert!(Recipients::parse(&many).unwrap_err().contains("at most 20"));
    }

    #[test]
    fn people_are_named_without_their_address() {
        let named = MailUser {
            id: Some(1),
            username: Some("ada".into()),
            firstname: Some("Ada".into()),
            lastname: Some("Lovelace".into()),
        };
        assert_eq!(named.display(), "Ada Lovelace");
        let handle = MailUser { firstname: None, lastname: Some(" ".into()), ..named.clone() };
        assert_eq!(handle.display(), "ada");
        let nobody = MailUser { id: None, username: None, firstname: None, lastname: None };
        assert_eq!(nobody.display(), "a Senzu user");
    }
}
