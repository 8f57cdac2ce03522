//! Time zones without a time-zone database: the offset from UTC of a site's `timezone` on a
//! date, for the feeds' timestamps, and the known zone closest to a misspelt name, for
//! `check`'s hint. Dates in minutes are days, so the only time quorum writes is midnight.

use chrono::{Datelike, FixedOffset, NaiveDate};

/// The offset from UTC of `timezone` at 00:00 local time on `date`, or `None` for a zone
/// quorum does not know. Known: `UTC`, fixed offsets (`+01:00`), and the zones of the EU
/// and EFTA, which follow the EU rule (summer time from the last Sunday of March to the
/// last Sunday of October, switching at 01:00 UTC), applied to every year.
pub(crate) fn utc_offset(timezone: &str, date: NaiveDate) -> Option<FixedOffset> {
    let zone = timezone.trim();
    let hours = |h: i32| FixedOffset::east_opt(h * 3600);
    match zone {
        "UTC" | "Etc/UTC" | "GMT" | "Etc/GMT" | "Z" | "Universal" | "Zulu" => return hours(0),
        _ => {}
    }
    if let Some(offset) = fixed_offset(zone) {
        return Some(offset);
    }
    let standard = if CET_ZONES.contains(&zone) {
        1
    } else if WET_ZONES.contains(&zone) {
        0
    } else if EET_ZONES.contains(&zone) {
        2
    } else {
        return None;
    };
    // Midnight is before the 01:00 UTC switch on both days: on the last Sunday of March
    // it is still winter time, on the last Sunday of October still summer time.
    let summer = date > last_sunday(date.year(), 3) && date <= last_sunday(date.year(), 10);
    hours(standard + i32::from(summer))
}

/// The known zone closest to `name` (a typo, other capitals), if one is close.
pub(crate) fn closest_zone(name: &str) -> Option<&'static str> {
    let known: Vec<&'static str> = CET_ZONES
        .iter()
        .chain(WET_ZONES)
        .chain(EET_ZONES)
        .chain(&["UTC"])
        .copied()
        .collect();
    crate::base::diagnostic::did_you_mean(name.trim(), &known)
}

const CET_ZONES: &[&str] = &[
    "Europe/Stockholm",
    "Europe/Oslo",
    "Europe/Copenhagen",
    "Europe/Berlin",
    "Europe/Paris",
    "Europe/Amsterdam",
    "Europe/Brussels",
    "Europe/Luxembourg",
    "Europe/Vienna",
    "Europe/Zurich",
    "Europe/Vaduz",
    "Europe/Madrid",
    "Europe/Rome",
    "Europe/Malta",
    "Europe/Warsaw",
    "Europe/Prague",
    "Europe/Bratislava",
    "Europe/Budapest",
    "Europe/Ljubljana",
    "Europe/Zagreb",
    "Europe/Monaco",
    "Europe/Andorra",
    "Arctic/Longyearbyen",
    "CET",
];
const WET_ZONES: &[&str] = &[
    "Europe/London",
    "Europe/Dublin",
    "Europe/Lisbon",
    "Atlantic/Faroe",
    "Atlantic/Canary",
    "Atlantic/Madeira",
    "WET",
];
const EET_ZONES: &[&str] = &[
    "Europe/Helsinki",
    "Europe/Mariehamn",
    "Europe/Tallinn",
    "Europe/Riga",
    "Europe/Vilnius",
    "Europe/Athens",
    "Europe/Sofia",
    "Europe/Bucharest",
    "Asia/Nicosia",
    "EET",
];

/// `+01:00`, `-05:30`, `UTC+02:00`.
fn fixed_offset(zone: &str) -> Option<FixedOffset> {
    let rest = zone
        .strip_prefix("UTC")
        .or_else(|| zone.strip_prefix("GMT"))
        .unwrap_or(zone);
    let (sign, rest) = match rest.as_bytes().first()? {
        b'+' => (1, &rest[1..]),
        b'-' => (-1, &rest[1..]),
        _ => return None,
    };
    let (h, m) = rest.split_once(':').unwrap_or((rest, "0"));
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if !(0..60).contains(&m) {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let first_of_next = NaiveDate::from_ymd_opt(year, month + 1, 1).unwrap_or(NaiveDate::MAX);
    let last = first_of_next.pred_opt().unwrap_or(first_of_next);
    let back = last.weekday().num_days_from_sunday();
    last - chrono::Duration::days(i64::from(back))
}
