//! `/meetings/calendar.ics` (iCalendar, RFC 5545, written with the `icalendar` crate): the
//! planned meetings (`status: planned`) and the due dates of the actions still open, so
//! that people can subscribe from Outlook or another calendar. Every property that would
//! otherwise come from the clock or chance (DTSTAMP, UID) is set from the content, so two
//! builds give the same bytes.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use icalendar::{Calendar, Component, Event, EventLike};

use crate::base::config::SiteConfig;
use crate::content::model::{Archive, Meeting};

pub(crate) const CALENDAR_PATH: &str = "/meetings/calendar.ics";

/// The calendar file's text.
pub(crate) fn calendar(archive: &Archive, config: &SiteConfig) -> String {
    let host = host_of(&config.base_url);
    let mut calendar = Calendar::new();
    calendar.name(&config.title);
    for meeting in archive.meetings.iter().filter(|m| m.planned) {
        calendar.push(meeting_event(meeting, config, &host));
    }
    for meeting in &archive.meetings {
        for (item, action) in meeting.actions() {
            let Some(state) = archive.follow_up.actions.get(&*action.id) else {
                continue;
            };
            let Some(due) = state.due.filter(|_| state.status.is_pending()) else {
                continue;
            };
            let url =
                config.absolute_url(&format!("/meetings/{}/#{}", meeting.slug, action.anchor));
            let summary = format!("{} {}: {}", item.number, item.title, action.text);
            calendar.push(
                Event::new()
                    .uid(&format!("action-{}@{host}", action.id.replace('/', "-")))
                    .timestamp(midnight_utc(meeting.date))
                    .all_day(due)
                    .summary(&summary)
                    .description(&action.text)
                    .url(&url)
                    .done(),
            );
        }
    }
    calendar.done().to_string()
}

fn meeting_event(meeting: &Meeting, config: &SiteConfig, host: &str) -> Event {
    let mut event = Event::new();
    event
        .uid(&format!("meeting-{}@{host}", meeting.slug))
        .timestamp(midnight_utc(meeting.date))
        .summary(&meeting.title)
        .url(&config.absolute_url(&format!("/meetings/{}/", meeting.slug)));
    match meeting
        .time
        .as_deref()
        .and_then(|t| times(t, meeting.date, &config.timezone))
    {
        Some((start, end)) => event.starts(start).ends(end),
        None => event.all_day(meeting.date),
    };
    if let Some(location) = &meeting.location {
        event.location(location);
    }
    let agenda: Vec<String> = meeting
        .items
        .iter()
        .map(|i| format!("{}. {}", i.number, i.title))
        .collect();
    if !agenda.is_empty() {
        event.description(&agenda.join("\n"));
    }
    event.done()
}

/// "09:00-15:00" (or "09.00–15.00") on `date` in the site's time zone, in UTC; without an
/// end, an hour. `None` when the time cannot be read or the zone is unknown.
fn times(time: &str, date: NaiveDate, timezone: &str) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let parse = |s: &str| NaiveTime::parse_from_str(&s.trim().replace('.', ":"), "%H:%M").ok();
    let mut parts = time.split(['-', '–']);
    let start = parse(parts.next()?)?;
    let end = parts.next().and_then(parse);
    let offset = crate::base::time::utc_offset(timezone, date)?;
    let at = |t: NaiveTime| {
        offset
            .from_local_datetime(&date.and_time(t))
            .single()
            .map(|d| d.with_timezone(&Utc))
    };
    let start = at(start)?;
    let end = match end {
        Some(end) => at(end)?,
        None => start + chrono::Duration::hours(1),
    };
    Some((start, end))
}

fn midnight_utc(date: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&date.and_time(NaiveTime::MIN))
}

/// The host of the base URL, for UIDs that stay the same from build to build.
fn host_of(base_url: &str) -> String {
    let rest = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    let host = rest.split(['/', ':']).next().unwrap_or_default();
    if host.is_empty() {
        "localhost".into()
    } else {
        host.to_ascii_lowercase()
    }
}
