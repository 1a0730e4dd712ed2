//! The play: what a phone shows after a tap. Built by the worker from one D1
//! row, sent inline in index.html (and as JSON by `/v1/plays/...`), rendered by
//! the app's play page.

use serde::{Deserialize, Serialize};

use crate::plugins::{Action, Kind, Lang};
use crate::ApiError;

/// The five plugin colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Color {
    #[default]
    Green,
    Blue,
    Red,
    Purple,
    Orange,
}

impl Color {
    pub fn parse(s: &str) -> Option<Color> {
        match s {
            "green" => Some(Color::Green),
            "blue" => Some(Color::Blue),
            "red" => Some(Color::Red),
            "purple" => Some(Color::Purple),
            "orange" => Some(Color::Orange),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Color::Green => "green",
            Color::Blue => "blue",
            Color::Red => "red",
            Color::Purple => "purple",
            Color::Orange => "orange",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Background {
    #[default]
    Light,
    Dark,
    /// Dark between sunset and sunrise at the visitor's place.
    Auto,
}

impl Background {
    pub fn parse(s: &str) -> Option<Background> {
        match s {
            "light" => Some(Background::Light),
            "dark" => Some(Background::Dark),
            "auto" => Some(Background::Auto),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Background::Light => "light",
            Background::Dark => "dark",
            Background::Auto => "auto",
        }
    }
}

/// A plugin tile on the play.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlayPlugin {
    pub id: i64,
    pub name: String,
    pub kind: Kind,
    /// Locked plugins show their tile; the action comes with the right password.
    pub is_locked: bool,
    /// `None` when locked, or when the owner's data does not make a safe action.
    pub action: Option<Action>,
}

/// The documented play object, plus what the page needs to render it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Play {
    pub id: i64,
    pub image: Option<String>,
    pub title: String,
    pub subtitle: Option<String>,
    pub color: Color,
    pub background_color: Background,
    /// The background to use now (resolves `auto`).
    pub dark: bool,
    pub plugins: Vec<PlayPlugin>,
}

/// Shown on a lost product's page: the owner's message and a relay to reach them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Lost {
    pub message: Option<String>,
}

/// Everything the play page needs, inline in index.html: either a play, or the
/// error it must explain (with the lost details for 465).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlayPage {
    pub lang: Lang,
    /// The entry segment (`key`, `id@picc:cmac`, `shared/key`) for follow-up calls.
    pub segment: String,
    pub play: Option<Play>,
    pub error: Option<ApiError>,
    pub lost: Option<Lost>,
    /// On a 461 page: the pairing path after `/v1/products/pair/`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pair: Option<String>,
}

impl PlayPage {
    /// The JSON for a `<script type="application/json">` element: `<`, `>` and `&`
    /// are escaped so owner text can never close the element.
    pub fn to_inline_json(&self) -> String {
        let json = serde_json::to_string(self).unwrap_or_else(|_| "null".into());
        escape_inline_json(&json)
    }
}

pub fn escape_inline_json(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn inline_json_cannot_close_the_script_element() {
        let page = PlayPage {
            lang: Lang::En,
            segment: "k".into(),
            play: Some(Play {
                id: 1,
                image: None,
                title: "</script><script>alert(1)</script>".into(),
                subtitle: Some("a & b \u{2028}".into()),
                color: Color::Blue,
                background_color: Background::Auto,
                dark: false,
                plugins: vec![],
            }),
            error: None,
            lost: None,
            pair: None,
        };
        let inline = page.to_inline_json();
        assert!(!inline.contains('<') && !inline.contains('>') && !inline.contains('&'));
        assert!(!inline.contains('\u{2028}'));
        let back: PlayPage = serde_json::from_str(&inline).unwrap();
        assert_eq!(back, page);
    }

    #[test]
    fn error_pages_round_trip() {
        let page = PlayPage {
            lang: Lang::Fr,
            segment: "k".into(),
            play: None,
            error: Some(ApiError::new(ErrorCode::ProductLost, "product lost")),
            lost: Some(Lost { message: Some("Merci de me le rendre".into()) }),
            pair: None,
        };
        let back: PlayPage = serde_json::from_str(&page.to_inline_json()).unwrap();
        assert_eq!(back, page);
    }
}
