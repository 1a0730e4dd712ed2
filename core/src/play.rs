//! The play: what a phone shows after a tap. Built by the worker from one D1
//! row, sent inline in index.html (and as JSON by `/v1/plays/...`), rendered by
//! the app's play page.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::custom_plugin::CustomSpec;
use crate::plugins::{Action, Kind, Lang};
use crate::schedule::Schedule;
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
    /// A developer's plugin: the icon its version chose (core::icons); a
    /// first-party tile has its kind's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_icon: Option<i64>,
    /// Locked plugins show their tile; the action comes with the right password.
    pub is_locked: bool,
    /// `None` when locked, or when the owner's data does not make a safe action.
    pub action: Option<Action>,
}

impl PlayPlugin {
    /// The tile's icon (an SVG path, Senzu's constant).
    pub fn icon_path(&self) -> &'static str {
        self.id_icon.and_then(crate::icons::path).unwrap_or_else(|| self.kind.icon_path())
    }
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

/// The application a play shows, as stored (or as the editor's draft has it).
#[derive(Debug, Clone, Default)]
pub struct PlaySource<'a> {
    pub id: i64,
    pub name: &'a str,
    pub alias_name: Option<&'a str>,
    pub subtitle: Option<&'a str>,
    /// Checked again with [`crate::image::image_url`]: a value stored before the
    /// rule was this strict gives no image rather than a cookie-bearing request.
    pub url_image: Option<&'a str>,
    pub color: Option<Color>,
    pub background_color: Option<Background>,
}

/// One plugin of the application, as stored.
#[derive(Debug, Clone)]
pub struct PlayPluginSource<'a> {
    pub id: i64,
    pub name: &'a str,
    /// The plugstore kind's id; an unknown kind is not on the play.
    pub kind: &'a str,
    pub data: &'a Map<String, Value>,
    pub is_locked: bool,
    pub is_enabled: bool,
    pub sort_order: Option<i64>,
    /// `filters`: shown only at these times.
    pub schedule: Option<Schedule>,
    /// A developer's plugin (kind `custom`): its published version's form and
    /// action, and icon. `None` for first-party plugins.
    pub custom: Option<(&'a CustomSpec, Option<i64>)>,
}

impl PlayPluginSource<'_> {
    /// Play order: by `sort_order` (unset last), then by id.
    pub fn order(&self) -> (i64, i64) {
        (self.sort_order.unwrap_or(i64::MAX), self.id)
    }

    /// On the play (and openable) at `now`: enabled, and within its schedule.
    pub fn is_shown(&self, now: i64) -> bool {
        self.is_enabled && self.schedule.as_ref().is_none_or(|s| s.open_at(now))
    }

    /// Its kind and what opening it does, lock aside (whoever opens a locked
    /// plugin checked its password first); `None` for a kind no one knows.
    pub fn opened(&self) -> Option<(Kind, Option<Action>)> {
        Some(match self.custom {
            Some((spec, _)) => (Kind::Custom, spec.action(self.data)),
            None => {
                let kind = Kind::parse(self.kind)?;
                (kind, kind.action(self.data, self.name))
            }
        })
    }

    /// The tile's kind and action (`None` while locked or when the data makes no safe action).
    pub fn tile(&self) -> Option<PlayPlugin> {
        let (kind, action) = self.opened()?;
        let action = if self.is_locked { None } else { action };
        let id_icon = self.custom.and_then(|(_, icon)| icon);
        Some(PlayPlugin { id: self.id, name: self.name.to_string(), kind, id_icon, is_locked: self.is_locked, action })
    }
}

/// Who looks and when: `auto` backgrounds are dark between sunset and sunrise
/// where the viewer is (light when that is unknown); `origin` is this site's,
/// whose absolute file URLs become relative.
#[derive(Debug, Clone, Copy, Default)]
pub struct Viewer<'a> {
    pub now: i64,
    pub coordinates: Option<(f64, f64)>,
    pub origin: &'a str,
}

impl Background {
    /// Whether this background is dark for `viewer`.
    pub fn is_dark(self, viewer: &Viewer<'_>) -> bool {
        match self {
            Background::Dark => true,
            Background::Light => false,
            Background::Auto => {
                viewer.coordinates.is_some_and(|(lat, lon)| crate::daylight::is_dark(viewer.now, lat, lon))
            }
        }
    }
}

/// The one builder of a play, for the worker's taps and the editor's preview:
/// the title is the alias (or the name), plugins in play order, only those
/// shown now, locked ones without their action.
pub fn build(app: &PlaySource<'_>, plugins: &[PlayPluginSource<'_>], viewer: &Viewer<'_>) -> Play {
    let background = app.background_color.unwrap_or_default();
    let mut shown: Vec<&PlayPluginSource<'_>> = plugins.iter().filter(|p| p.is_shown(viewer.now)).collect();
    shown.sort_by_key(|p| p.order());
    Play {
        id: app.id,
        image: app.url_image.and_then(|u| crate::image::image_url(u, viewer.origin).ok()).map(str::to_string),
        title: app.alias_name.filter(|a| !a.trim().is_empty()).unwrap_or(app.name).to_string(),
        subtitle: app.subtitle.filter(|s| !s.trim().is_empty()).map(str::to_string),
        color: app.color.unwrap_or_default(),
        background_color: background,
        dark: background.is_dark(viewer),
        plugins: shown.into_iter().filter_map(PlayPluginSource::tile).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    fn plugin<'a>(id: i64, kind: &'a str, data: &'a Map<String, Value>) -> PlayPluginSource<'a> {
        PlayPluginSource {
            id,
            name: "Call me",
            kind,
            data,
            is_locked: false,
            is_enabled: true,
            sort_order: None,
            schedule: None,
            custom: None,
        }
    }

    #[test]
    fn the_title_is_the_alias_then_the_name_and_blank_subtitles_go() {
        let mut app =
            PlaySource { id: 3, name: "Card", alias_name: Some("  "), subtitle: Some(" "), ..Default::default() };
        let play = build(&app, &[], &Viewer::default());
        assert_eq!((play.id, play.title.as_str(), play.subtitle), (3, "Card", None));
        app.alias_name = Some("My card");
        assert_eq!(build(&app, &[], &Viewer::default()).title, "My card");
    }

    #[test]
    fn the_image_rule_is_core_image_url() {
        let origin = "https://senzu.test";
        let viewer = Viewer { origin, ..Default::default() };
        let image = |url: &str| build(&PlaySource { url_image: Some(url), ..Default::default() }, &[], &viewer).image;
        assert_eq!(image("https://cdn.test/a.png").as_deref(), Some("https://cdn.test/a.png"));
        assert_eq!(image("/files/1-2-ab.png").as_deref(), Some("/files/1-2-ab.png"));
        // The site's own absolute file URL (as the API returns it) becomes relative.
        assert_eq!(image("https://senzu.test/files/1-2-ab.png").as_deref(), Some("/files/1-2-ab.png"));
        for refused in ["http://cdn.test/a.png", "/files/../v1/user", "javascript:alert(1)", "", "https://a b"] {
            assert_eq!(image(refused), None, "{refused}");
        }
    }

    #[test]
    fn auto_backgrounds_are_dark_at_night_where_the_viewer_is() {
        let app = |b| PlaySource { background_color: Some(b), ..Default::default() };
        // Paris: 2024-06-21 at 12:00 UTC is day, at 00:00 UTC night.
        let (noon, midnight) = (1_718_971_200, 1_718_928_000);
        let at = |now, coordinates| Viewer { now, coordinates, origin: "" };
        assert!(!build(&app(Background::Auto), &[], &at(noon, Some((48.85, 2.35)))).dark);
        assert!(build(&app(Background::Auto), &[], &at(midnight, Some((48.85, 2.35)))).dark);
        assert!(!build(&app(Background::Auto), &[], &at(midnight, None)).dark, "unknown place: light");
        assert!(build(&app(Background::Dark), &[], &at(noon, None)).dark);
        assert!(!build(&app(Background::Light), &[], &at(midnight, None)).dark);
        let play = build(&PlaySource::default(), &[], &at(noon, None));
        assert_eq!((play.background_color, play.color, play.dark), (Background::Light, Color::Green, false));
    }

    #[test]
    fn plugins_in_play_order_only_those_shown_locked_without_action() {
        let data: Map<String, Value> = serde_json::from_str(r#"{"phone_number":"+33612345678"}"#).unwrap();
        let mut first = plugin(9, "phone", &data);
        first.sort_order = Some(1);
        let mut second = plugin(4, "phone", &data);
        second.sort_order = Some(2);
        let unordered_low = plugin(2, "phone", &data);
        let unordered_high = plugin(7, "phone", &data);
        let mut off = plugin(5, "phone", &data);
        off.is_enabled = false;
        let unknown = plugin(6, "no-such-kind", &data);
        let mut locked = plugin(8, "phone", &data);
        locked.is_locked = true;
        locked.sort_order = Some(3);
        // 08:00–09:00 UTC: closed at noon.
        let mut scheduled = plugin(10, "phone", &data);
        scheduled.schedule = Some(Schedule::parse(r#"{"from":"08:00","to":"09:00"}"#).unwrap());
        let all = [unordered_high, off, second, unknown, locked, unordered_low, first, scheduled];
        let noon = Viewer { now: 1_718_971_200, ..Default::default() };
        let play = build(&PlaySource::default(), &all, &noon);
        assert_eq!(play.plugins.iter().map(|p| p.id).collect::<Vec<_>>(), [9, 4, 8, 2, 7]);
        assert!(play.plugins[0].action.is_some());
        assert!(play.plugins[2].is_locked && play.plugins[2].action.is_none());
        let morning = Viewer { now: 1_718_958_600, ..Default::default() }; // 08:30 UTC
        assert!(build(&PlaySource::default(), &all, &morning).plugins.iter().any(|p| p.id == 10));
    }

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
