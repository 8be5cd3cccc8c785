//! The expiry timeline: one bar per certificate with known dates, from
//! "now" to its expiry, with the days left in words beside it (and the
//! colour only repeating what the words say).

use crate::audit::expiry::Expiry;
use crate::render::escape;
use maud::{Markup, html};

const DAY: i64 = 86_400;
const LABEL: i64 = 330;
const BAR: i64 = 560;
const ROW: i64 = 24;

/// The days left, in words: `expired 3 days ago`, `12 days left`.
pub(crate) fn days_left(not_after: i64, now: i64) -> (i64, String) {
    let days = (not_after - now).div_euclid(DAY);
    let words = match days {
        d if d < 0 => format!("expired {} day(s) ago", -d),
        d => format!("{d} day(s) left"),
    };
    (days, words)
}

/// Red under 30 days (or expired), amber under 90, green after.
fn colour(days: i64) -> &'static str {
    match days {
        d if d < 30 => "#c0262d",
        d if d < 90 => "#9a6700",
        _ => "#1a7f37",
    }
}

/// The timeline; `None` when no certificate has known dates.
pub(crate) fn svg(expiries: &[Expiry], now: i64) -> Option<Markup> {
    if expiries.is_empty() {
        return None;
    }
    let mut rows: Vec<&Expiry> = expiries.iter().collect();
    rows.sort_by_key(|e| e.not_after);
    let horizon = rows
        .iter()
        .map(|e| e.not_after)
        .max()
        .unwrap_or(now)
        .max(now + 400 * DAY);
    let scale = |t: i64| LABEL + ((t - now).max(0) * BAR) / (horizon - now).max(1);
    let width = LABEL + BAR + 170;
    let height = 30 + ROW * rows.len() as i64;
    Some(html! {
        svg viewBox=(format!("0 0 {width} {height}")) width=(width) height=(height) role="img"
            aria-labelledby="timeline-title" font-family="system-ui, sans-serif" font-size="12" {
            title id="timeline-title" { "Days until each certificate expires" }
            line x1=(LABEL) y1="4" x2=(LABEL) y2=(height) stroke="#57606a" {}
            text x=(LABEL) y="14" text-anchor="middle" fill="#57606a" font-size="11" { "now" }
            @for (i, e) in rows.iter().enumerate() {
                (row(e, now, 30 + ROW * i as i64, &scale))
            }
        }
    })
}

fn row(e: &Expiry, now: i64, y: i64, scale: &dyn Fn(i64) -> i64) -> Markup {
    let (days, words) = days_left(e.not_after, now);
    let end = scale(e.not_after).max(LABEL + 2);
    let label = format!("{} {}", escape(e.host.as_str()), e.service.file());
    html! {
        g class="expiry" data-days=(days) {
            text x=(LABEL - 8) y=(y + 4) text-anchor="end" { (label) }
            rect x=(LABEL) y=(y - 7) width=(end - LABEL) height="12" rx="3" fill=(colour(days)) {}
            text x=(end + 6) y=(y + 4) fill=(colour(days)) { (words) }
        }
    }
}
