//! Insight charts as SVG text: scans and views over time (lines), countries
//! (bars), browsers/devices/platforms (donuts). Drawn here so the dashboard
//! needs no chart library and the drawing is unit-tested. Labels come from
//! visitors' browsers: every one is escaped.

use crate::page::escape_html;

/// The palette (colour-blind safe, readable on light and dark).
const PALETTE: [&str; 6] = ["#0f766e", "#7c3aed", "#ea580c", "#2563eb", "#db2777", "#64748b"];

/// One day: (YYYY-MM-DD, scans, views), oldest first.
pub type Day = (String, i64, i64);

/// Scans and views per day as two lines over a light grid.
pub fn line(days: &[Day]) -> String {
    let (w, h, pad) = (640.0_f64, 220.0_f64, 32.0_f64);
    // A ceiling that divides into four whole steps, so the grid labels are distinct integers.
    let raw = days.iter().map(|d| d.1.max(d.2)).max().unwrap_or(0);
    let max = (((raw + 3) / 4) * 4).max(4) as f64;
    let n = days.len().max(2) as f64 - 1.0;
    let point = |i: usize, v: i64| {
        let x = pad + (w - 2.0 * pad) * if days.len() < 2 { 0.5 } else { i as f64 / n };
        let y = h - pad - (h - 2.0 * pad) * v as f64 / max;
        format!("{x:.1},{y:.1}")
    };
    let series =
        |pick: fn(&Day) -> i64| days.iter().enumerate().map(|(i, d)| point(i, pick(d))).collect::<Vec<_>>().join(" ");
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" role=\"img\" class=\"chart chart--line\">\
         <title>Scans and views per day</title>"
    );
    for i in 0..=4 {
        let y = pad + (h - 2.0 * pad) * f64::from(i) / 4.0;
        let value = (max * f64::from(4 - i) / 4.0).round();
        svg.push_str(&format!(
            "<line x1=\"{pad}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" class=\"chart__grid\"/>\
             <text x=\"{}\" y=\"{:.1}\" class=\"chart__axis\" text-anchor=\"end\">{value}</text>",
            w - pad,
            pad - 6.0,
            y + 4.0
        ));
    }
    if days.is_empty() {
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" class=\"chart__empty\">No plays in this period</text>",
            w / 2.0,
            h / 2.0
        ));
    } else {
        svg.push_str(&format!(
            "<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\" points=\"{}\" data-series=\"views\"/>\
             <polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\" points=\"{}\" data-series=\"scans\"/>",
            PALETTE[0],
            series(|d| d.2),
            PALETTE[1],
            series(|d| d.1)
        ));
        // Dots too: a single day is a point, not a line.
        for (series, colour, pick) in
            [("views", PALETTE[0], (|d: &Day| d.2) as fn(&Day) -> i64), ("scans", PALETTE[1], |d: &Day| d.1)]
        {
            for (i, d) in days.iter().enumerate() {
                let (x, y) =
                    point(i, pick(d)).split_once(',').map(|(x, y)| (x.to_string(), y.to_string())).unwrap_or_default();
                svg.push_str(&format!(
                    "<circle cx=\"{x}\" cy=\"{y}\" r=\"3\" fill=\"{colour}\" data-point=\"{series}\"/>"
                ));
            }
        }
        let first = escape_html(&days[0].0);
        let last = escape_html(&days[days.len() - 1].0);
        svg.push_str(&format!(
            "<text x=\"{pad}\" y=\"{}\" class=\"chart__axis\">{first}</text>\
             <text x=\"{}\" y=\"{}\" class=\"chart__axis\" text-anchor=\"end\">{last}</text>",
            h - 8.0,
            w - pad,
            h - 8.0
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// Horizontal bars, largest first (at most 8, the rest summed as "Other").
pub fn bars(items: &[(String, i64)]) -> String {
    let items = top(items, 8);
    let (w, row) = (640.0_f64, 30.0_f64);
    let h = (items.len().max(1) as f64) * row + 8.0;
    let max = items.iter().map(|i| i.1).max().unwrap_or(0).max(1) as f64;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" role=\"img\" class=\"chart chart--bars\">\
         <title>Views by country</title>"
    );
    if items.is_empty() {
        svg.push_str(
            "<text x=\"320\" y=\"22\" text-anchor=\"middle\" class=\"chart__empty\">No plays in this period</text>",
        );
    }
    for (i, (label, value)) in items.iter().enumerate() {
        let y = i as f64 * row + 4.0;
        let width = ((w - 200.0) * *value as f64 / max).max(2.0);
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{:.1}\" class=\"chart__label\">{}</text>\
             <rect x=\"120\" y=\"{y:.1}\" width=\"{width:.1}\" height=\"{:.1}\" rx=\"4\" fill=\"{}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" class=\"chart__value\">{value}</text>",
            y + row * 0.6,
            escape_html(label),
            row - 10.0,
            PALETTE[0],
            126.0 + width,
            y + row * 0.6
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// A donut with its legend (at most 5 slices, the rest as "Other").
pub fn donut(title: &str, items: &[(String, i64)]) -> String {
    let items = top(items, 5);
    let total: i64 = items.iter().map(|i| i.1).sum();
    let (cx, cy, r, stroke) = (70.0_f64, 70.0_f64, 52.0_f64, 22.0_f64);
    let circumference = 2.0 * std::f64::consts::PI * r;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 320 140\" role=\"img\" class=\"chart chart--donut\">\
         <title>{}</title><circle cx=\"{cx}\" cy=\"{cy}\" r=\"{r}\" fill=\"none\" stroke-width=\"{stroke}\" class=\"chart__track\"/>",
        escape_html(title)
    );
    let mut offset = 0.0;
    for (i, (label, value)) in items.iter().enumerate() {
        let share = if total == 0 { 0.0 } else { *value as f64 / total as f64 };
        let length = share * circumference;
        svg.push_str(&format!(
            "<circle cx=\"{cx}\" cy=\"{cy}\" r=\"{r}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{stroke}\" \
             stroke-dasharray=\"{length:.2} {:.2}\" stroke-dashoffset=\"{:.2}\" transform=\"rotate(-90 {cx} {cy})\"/>",
            PALETTE[i % PALETTE.len()],
            circumference - length,
            -offset
        ));
        offset += length;
        let y = 22.0 + i as f64 * 22.0;
        svg.push_str(&format!(
            "<rect x=\"160\" y=\"{:.1}\" width=\"12\" height=\"12\" rx=\"3\" fill=\"{}\"/>\
             <text x=\"180\" y=\"{:.1}\" class=\"chart__label\">{} · {}%</text>",
            y - 10.0,
            PALETTE[i % PALETTE.len()],
            y,
            escape_html(label),
            (share * 100.0).round()
        ));
    }
    svg.push_str(&format!(
        "<text x=\"{cx}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"chart__total\">{total}</text></svg>",
        cy + 6.0
    ));
    svg
}

/// The `n - 1` largest and the rest summed as "Other" (or all when they fit).
fn top(items: &[(String, i64)], n: usize) -> Vec<(String, i64)> {
    let mut sorted: Vec<(String, i64)> = items.iter().filter(|i| i.1 > 0).cloned().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    if sorted.len() <= n {
        return sorted;
    }
    let rest: i64 = sorted[n - 1..].iter().map(|i| i.1).sum();
    sorted.truncate(n - 1);
    sorted.push(("Other".into(), rest));
    sorted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days() -> Vec<Day> {
        vec![("2026-11-20".into(), 1, 2), ("2026-11-21".into(), 4, 8), ("2026-11-22".into(), 0, 0)]
    }

    fn numbers(points: &str) -> Vec<(f64, f64)> {
        points
            .split(' ')
            .map(|p| {
                let (x, y) = p.split_once(',').unwrap();
                (x.parse().unwrap(), y.parse().unwrap())
            })
            .collect()
    }

    #[test]
    fn lines_scale_to_the_largest_value() {
        let svg = line(&days());
        let views = svg.split("data-series=\"views\"").next().unwrap().rsplit("points=\"").next().unwrap();
        let views = numbers(views.trim_end_matches("\" "));
        assert_eq!(views.len(), 3);
        // 8 views is the largest value and the ceiling (a multiple of four): it touches the top.
        assert!((views[1].1 - 32.0).abs() < 0.01, "the maximum touches the top: {views:?}");
        assert_eq!(svg.matches("data-point=\"views\"").count(), 3);
        assert!((views[2].1 - 188.0).abs() < 0.01, "zero sits on the baseline");
        assert!(views[0].0 < views[1].0 && views[1].0 < views[2].0);
        assert!(svg.contains(">2026-11-20<") && svg.contains(">2026-11-22<"));
        assert!(line(&[]).contains("No plays in this period"));
        // Small numbers still get four distinct grid labels.
        let one = line(&[("2026-11-23".into(), 1, 1)]);
        for label in [">4<", ">3<", ">2<", ">1<", ">0<"] {
            assert!(one.contains(label), "{label}");
        }
    }

    #[test]
    fn bars_and_donuts_keep_the_largest_and_escape_labels() {
        let items: Vec<(String, i64)> =
            (0..12).map(|i| (format!("C{i}"), 12 - i)).chain([("<script>".to_string(), 1)]).collect();
        let svg = bars(&items);
        assert_eq!(svg.matches("<rect").count(), 8);
        assert!(svg.contains(">Other<"));
        assert!(!svg.contains("<script>"));
        let d = donut("Browsers", &[("Chrome".into(), 3), ("Safari".into(), 1), ("<b>".into(), 0)]);
        assert!(d.contains("Chrome · 75%") && d.contains("Safari · 25%"));
        assert!(!d.contains("<b>"));
        assert!(d.contains(">4</text>"), "total in the middle");
        // The slices go round exactly once.
        let dashes: f64 =
            d.split("stroke-dasharray=\"").skip(1).map(|s| s.split(' ').next().unwrap().parse::<f64>().unwrap()).sum();
        assert!((dashes - 2.0 * std::f64::consts::PI * 52.0).abs() < 0.05);
    }
}
