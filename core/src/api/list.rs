//! The documented list filters (senzu-api.txt "Filters"), one parser and one
//! applier for every list: `limit` (default 10, `null` = all, capped),
//! `index=N:lt|lte|gt|gte` (position), `index_id=N:…` (id), `status`,
//! `sort_by=field:asc|desc` (a field the list declares sortable), `start_date`
//! and `end_date` (creation date, UTC). Anything else in the query of a list
//! is refused with 430 naming it, unless the route declares it.

use super::form::Args;
use crate::wire::parse_date_filter;
use crate::{ApiError, ErrorCode};

/// The most rows one page returns (`limit=null` asks for this many).
pub const MAX_LIMIT: usize = 1_000;
pub const DEFAULT_LIMIT: usize = 10;

/// Query arguments every route takes and that are not filters.
const GENERAL: [&str; 3] = ["token", "returns", "fields"];
pub const FILTERS: [&str; 7] = ["limit", "index", "index_id", "status", "sort_by", "start_date", "end_date"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Lt,
    Lte,
    Gt,
    Gte,
}

impl Cmp {
    fn holds(self, value: i64, bound: i64) -> bool {
        match self {
            Cmp::Lt => value < bound,
            Cmp::Lte => value <= bound,
            Cmp::Gt => value > bound,
            Cmp::Gte => value >= bound,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bound {
    pub at: i64,
    pub cmp: Cmp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListQuery {
    pub limit: usize,
    pub index: Option<Bound>,
    pub index_id: Option<Bound>,
    pub status: Option<bool>,
    pub sort_by: Option<(&'static str, bool)>,
    pub start_date: Option<i64>,
    pub end_date: Option<i64>,
}

impl Default for ListQuery {
    fn default() -> Self {
        Self {
            limit: DEFAULT_LIMIT,
            index: None,
            index_id: None,
            status: None,
            sort_by: None,
            start_date: None,
            end_date: None,
        }
    }
}

/// What a list declares: the fields `sort_by` may name and the route's own arguments.
#[derive(Debug, Clone, Copy)]
pub struct ListSpec {
    pub sortable: &'static [&'static str],
    pub route_args: &'static [&'static str],
    /// How many without `limit`: 10, or all for the lists that were always
    /// answered whole (a play's plugins in order, the plugstore, share links).
    pub default_limit: usize,
}

impl ListSpec {
    pub const PLAIN: ListSpec =
        ListSpec { sortable: &["id", "date_created"], route_args: &[], default_limit: DEFAULT_LIMIT };
    /// PLAIN, answered whole unless a `limit` is given.
    pub const WHOLE: ListSpec = ListSpec { default_limit: MAX_LIMIT, ..ListSpec::PLAIN };
}

pub fn bad_filter(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorCode::BadFilter, format!("bad filter: {}", message.into()))
}

fn bound(name: &str, text: &str) -> Result<Bound, ApiError> {
    let (n, op) = text.split_once(':').unwrap_or((text, "gte"));
    let at = n.trim().parse::<i64>().map_err(|_| bad_filter(format!("{name} must be N:lt|lte|gt|gte")))?;
    let cmp = match op.trim() {
        "lt" => Cmp::Lt,
        "lte" => Cmp::Lte,
        "gt" => Cmp::Gt,
        "gte" => Cmp::Gte,
        _ => return Err(bad_filter(format!("{name} must be N:lt|lte|gt|gte"))),
    };
    Ok(Bound { at, cmp })
}

impl ListQuery {
    /// The filters of a list's query string; an unknown argument or a
    /// malformed filter is a 430 that names it.
    pub fn parse(query: &Args, spec: ListSpec) -> Result<Self, ApiError> {
        if let Some(unknown) = query.keys().find(|k| {
            !FILTERS.contains(&k.as_str()) && !GENERAL.contains(&k.as_str()) && !spec.route_args.contains(&k.as_str())
        }) {
            return Err(bad_filter(format!("{unknown} is not a filter of this list")));
        }
        let get = |name: &str| query.get(name).map(|v| v.trim()).filter(|v| !v.is_empty());
        let mut q = ListQuery { limit: spec.default_limit, ..ListQuery::default() };
        if let Some(limit) = get("limit") {
            q.limit = match limit {
                "null" => MAX_LIMIT,
                n => n
                    .parse::<usize>()
                    .ok()
                    .filter(|l| (1..=MAX_LIMIT).contains(l))
                    .ok_or_else(|| bad_filter(format!("limit must be 1 to {MAX_LIMIT} or null")))?,
            };
        }
        q.index = get("index").map(|v| bound("index", v)).transpose()?;
        q.index_id = get("index_id").map(|v| bound("index_id", v)).transpose()?;
        q.status = get("status")
            .map(|v| match v {
                "true" | "1" => Ok(true),
                "false" | "0" => Ok(false),
                _ => Err(bad_filter("status must be true or false")),
            })
            .transpose()?;
        if let Some(sort) = get("sort_by") {
            let (field, dir) = sort.split_once(':').unwrap_or((sort, "asc"));
            let field = spec.sortable.iter().find(|f| **f == field.trim()).ok_or_else(|| {
                bad_filter(format!("sort_by: {field} is not sortable here ({})", spec.sortable.join(", ")))
            })?;
            let asc = match dir.trim() {
                "asc" => true,
                "desc" => false,
                _ => return Err(bad_filter("sort_by must be field:asc or field:desc")),
            };
            q.sort_by = Some((field, asc));
        }
        let date = |name: &str| {
            get(name)
                .map(|v| {
                    parse_date_filter(v)
                        .ok_or_else(|| bad_filter(format!("{name} must be a date (YYYY-MM-DD) or Unix seconds")))
                })
                .transpose()
        };
        q.start_date = date("start_date")?;
        q.end_date = date("end_date")?;
        if let (Some(s), Some(e)) = (q.start_date, q.end_date) {
            if e < s {
                return Err(bad_filter("end_date is before start_date"));
            }
        }
        Ok(q)
    }

    /// Filters, sorts, then pages a list that is already in its natural order.
    /// Only reading each item's facts is generic: choosing among them (and the
    /// sort) is compiled once, not once per list type.
    pub fn apply<T: Listed>(&self, items: Vec<T>) -> Vec<T> {
        let facts: Vec<Facts> = items
            .iter()
            .map(|item| Facts {
                id: item.id(),
                status: item.status(),
                date_created: item.date_created(),
                sort_key: self.sort_by.map(|(field, _)| item.sort_key(field)),
            })
            .collect();
        super::pick(items, self.choose(&facts))
    }

    /// The positions of the items kept, in the order they are answered.
    fn choose(&self, facts: &[Facts]) -> Vec<usize> {
        let mut kept: Vec<usize> = (0..facts.len())
            .filter(|&at| {
                let item = &facts[at];
                self.index_id.is_none_or(|b| b.cmp.holds(item.id, b.at))
                    && self.status.is_none_or(|s| item.status == Some(s))
                    && self.start_date.is_none_or(|s| item.date_created.is_some_and(|d| d >= s))
                    && self.end_date.is_none_or(|e| item.date_created.is_some_and(|d| d <= e))
            })
            .collect();
        if let Some((_, asc)) = self.sort_by {
            kept.sort_by(|&a, &b| {
                let o = facts[a].sort_key.cmp(&facts[b].sort_key);
                if asc {
                    o
                } else {
                    o.reverse()
                }
            });
        }
        kept.into_iter()
            .enumerate()
            .filter(|(i, _)| self.index.is_none_or(|b| b.cmp.holds(*i as i64, b.at)))
            .map(|(_, at)| at)
            .take(self.limit)
            .collect()
    }
}

/// What the filters read from one item.
struct Facts {
    id: i64,
    status: Option<bool>,
    date_created: Option<i64>,
    sort_key: Option<SortKey>,
}

/// What a list's filters read from one of its items.
pub trait Listed {
    fn id(&self) -> i64;
    fn date_created(&self) -> Option<i64> {
        None
    }
    fn status(&self) -> Option<bool> {
        None
    }
    /// The value `sort_by` orders by; `id` and `date_created` by default.
    fn sort_key(&self, field: &str) -> SortKey {
        match field {
            "date_created" => self.date_created().map_or(SortKey::None, SortKey::Int),
            _ => SortKey::Int(self.id()),
        }
    }
}

/// A sortable value; missing values sort first.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum SortKey {
    None,
    Int(i64),
    Text(String),
}

impl SortKey {
    pub fn text(s: &str) -> Self {
        SortKey::Text(s.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq)]
    struct Item {
        id: i64,
        name: &'static str,
        on: bool,
        date: i64,
    }

    impl Listed for Item {
        fn id(&self) -> i64 {
            self.id
        }
        fn date_created(&self) -> Option<i64> {
            Some(self.date)
        }
        fn status(&self) -> Option<bool> {
            Some(self.on)
        }
        fn sort_key(&self, field: &str) -> SortKey {
            match field {
                "name" => SortKey::text(self.name),
                _ => SortKey::Int(self.id),
            }
        }
    }

    const SPEC: ListSpec =
        ListSpec { sortable: &["id", "name"], route_args: &["contains"], default_limit: DEFAULT_LIMIT };

    fn items() -> Vec<Item> {
        (1..=30)
            .map(|i| Item { id: i, name: ["b", "a", "c"][i as usize % 3], on: i % 2 == 0, date: i * 86_400 })
            .collect()
    }

    fn query(pairs: &[(&str, &str)]) -> Result<ListQuery, ApiError> {
        ListQuery::parse(&pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(), SPEC)
    }

    fn ids(q: &ListQuery) -> Vec<i64> {
        q.apply(items()).iter().map(|i| i.id).collect()
    }

    #[test]
    fn whole_lists_answer_everything_unless_a_limit_is_given() {
        let whole = ListSpec { default_limit: MAX_LIMIT, ..SPEC };
        let parse = |pairs: &[(&str, &str)]| {
            ListQuery::parse(&pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(), whole).unwrap()
        };
        assert_eq!(parse(&[]).apply(items()).len(), 30);
        assert_eq!(parse(&[("limit", "4")]).apply(items()).len(), 4);
    }

    #[test]
    fn documented_filters() {
        assert_eq!(ids(&query(&[]).unwrap()), (1..=10).collect::<Vec<_>>(), "default limit 10");
        assert_eq!(ids(&query(&[("limit", "null")]).unwrap()).len(), 30);
        assert_eq!(ids(&query(&[("limit", "3"), ("index_id", "20:gt")]).unwrap()), [21, 22, 23]);
        assert_eq!(ids(&query(&[("index_id", "3:lte")]).unwrap()), [1, 2, 3]);
        assert_eq!(ids(&query(&[("index", "2:lt")]).unwrap()), [1, 2]);
        assert_eq!(ids(&query(&[("index", "27:gte")]).unwrap()), [28, 29, 30]);
        assert_eq!(ids(&query(&[("status", "true"), ("limit", "3")]).unwrap()), [2, 4, 6]);
        assert_eq!(ids(&query(&[("sort_by", "id:desc"), ("limit", "2")]).unwrap()), [30, 29]);
        assert_eq!(ids(&query(&[("sort_by", "name:asc"), ("limit", "2")]).unwrap()), [1, 4]);
        assert_eq!(ids(&query(&[("start_date", "1970-01-29"), ("end_date", "172800000")]).unwrap()), [28, 29, 30]);
        assert!(query(&[("contains", "x"), ("token", "t")]).is_ok(), "route arguments and the token are not filters");
    }

    #[test]
    fn a_bad_filter_is_430_naming_it() {
        for (name, value) in [
            ("limit", "0"),
            ("limit", "1001"),
            ("limit", "ten"),
            ("index", "3:ne"),
            ("index_id", "x:lt"),
            ("status", "maybe"),
            ("sort_by", "password:asc"),
            ("sort_by", "id:up"),
            ("start_date", "yesterday"),
            ("colour", "red"),
        ] {
            let e = query(&[(name, value)]).unwrap_err();
            assert_eq!(e.code, 430, "{name}={value}");
            assert!(e.message.contains(name), "{}", e.message);
        }
        let e = query(&[("start_date", "2020-02-02"), ("end_date", "2020-02-01")]).unwrap_err();
        assert_eq!(e.code, 430);
    }
}
