//! The meeting's header: the title line, the labelled lines (Tid, Plats, Närvarande…), the
//! date and time, the place, the body and the title, and the language.

use chrono::{Datelike, NaiveDate, Weekday};

use super::model::{is_attachment_name, plain, Context, Field};
use crate::base::config::Language;
use crate::base::diagnostic::did_you_mean;
use crate::base::i18n::month_name;
use crate::base::slug::match_key;
use crate::commands::import::document::Block;

const TITLE_WORDS: [(&str, &str); 8] = [
    ("minnesanteckningar", "minnesanteckningar"),
    ("minnesanteckning", "minnesanteckningar"),
    ("mötesanteckningar", "minnesanteckningar"),
    ("anteckningar", "minnesanteckningar"),
    ("protokoll", "protokoll"),
    ("minutes", "minutes"),
    ("notes of", "minutes"),
    ("meeting notes", "minutes"),
];

const TIME_LABELS: [&str; 6] = ["tid", "datum", "date", "time", "när", "when"];
const PLACE_LABELS: [&str; 6] = ["plats", "lokal", "location", "venue", "place", "where"];
const PEOPLE_LABELS: [&str; 8] = [
    "närvarande",
    "deltagare",
    "närvarande ledamöter",
    "present",
    "attendees",
    "in attendance",
    "members present",
    "deltog",
];
const OTHER_LABELS: [&str; 10] = [
    "frånvarande",
    "anmält förhinder",
    "förhinder",
    "apologies",
    "absent",
    "dagordning",
    "agenda",
    "ordförande",
    "chair",
    "sekreterare",
];

/// The title line (plain), its kind and the blocks after it; what comes before it is
/// letterhead, reported as dropped.
pub(super) fn split_title(
    blocks: Vec<Block>,
    dropped: &mut Vec<String>,
) -> (Option<String>, Option<&'static str>, Vec<Block>) {
    let title_at = blocks
        .iter()
        .take(15)
        .position(|b| title_kind(b.text()).is_some());
    let (title_line, kind) = match title_at {
        Some(at) => {
            let text = plain(blocks[at].text());
            (Some(text.clone()), title_kind(&text))
        }
        None => (None, None),
    };
    let start = title_at.map_or(0, |at| at + 1);
    for b in &blocks[..start.saturating_sub(1)] {
        dropped.push(format!("letterhead: {}", b.text()));
    }
    let rest: Vec<Block> = blocks.into_iter().skip(start).collect();
    (title_line, kind, rest)
}

/// The header before the first item: labelled fields and participants; the rest is the
/// introduction.
pub(super) fn read_header(blocks: &[Block], dropped: &mut Vec<String>) -> (Header, Vec<Block>) {
    let mut header = Header::default();
    let mut intro = Vec::new();
    let mut section = Section::None;
    for block in blocks {
        let text = plain(block.text());
        let (label, value) = split_label(&text);
        let is_heading = matches!(block, Block::Heading { .. });
        if let Some(label) = label.as_deref() {
            if TIME_LABELS.contains(&label) {
                header.when.push(value.to_string());
                section = Section::None;
                continue;
            }
            if PLACE_LABELS.contains(&label) {
                header.place.get_or_insert_with(|| value.to_string());
                section = Section::None;
                continue;
            }
            if PEOPLE_LABELS.contains(&label) {
                section = Section::People;
                header.people_source.get_or_insert_with(|| text.clone());
                for part in value.split([',', ';']) {
                    header.people_lines.push(part.trim().to_string());
                }
                continue;
            }
            if OTHER_LABELS.contains(&label) {
                section = Section::None;
                if ["dagordning", "agenda"].contains(&label) && value.is_empty() {
                    dropped.push(format!("agenda heading: {text}"));
                    continue;
                }
                intro.push(block.clone());
                continue;
            }
        }
        if is_heading || is_attachment_name(&text) {
            section = Section::None;
        }
        if let Some(name) = is_attachment_name(&text).then(|| text.clone()) {
            header.attachments.push(name);
            continue;
        }
        match section {
            Section::People => header.people_lines.push(text),
            Section::None => intro.push(block.clone()),
        }
    }
    (header, intro)
}

/// The date: from the title line or a Tid/Datum line, else from the first blocks (at least
/// five, or up to the first item).
pub(super) fn guess_date(
    title_line: Option<&str>,
    when: &[String],
    rest: &[Block],
    first_item: usize,
    fields: &mut Vec<Field>,
) -> Option<NaiveDate> {
    for (source, text) in title_line
        .map(|t| ("title", t))
        .into_iter()
        .chain(when.iter().map(|t| ("Tid/Datum", t.as_str())))
    {
        if let Some((d, how)) = find_date(text, rest) {
            fields.push(Field {
                name: "date",
                value: Some(d.to_string()),
                source: format!("{source}: \"{text}\"{how}"),
            });
            return Some(d);
        }
    }
    let found = rest.iter().take(first_item.max(5)).find_map(|b| {
        find_date(b.text(), rest).map(|(d, how)| (d, format!("\"{}\"{how}", b.text())))
    });
    fields.push(Field {
        name: "date",
        value: found.as_ref().map(|(d, _)| d.to_string()),
        source: found.map_or_else(
            || "not found: no date in the title or a Tid/Datum/Date line".to_string(),
            |(_, s)| s,
        ),
    });
    fields
        .last()
        .and_then(|f| f.value.as_deref())
        .and_then(|v| v.parse().ok())
}

/// The time: from a Tid/Datum line, else from the title line.
pub(super) fn guess_time(
    when: &[String],
    title_line: Option<&String>,
    fields: &mut Vec<Field>,
) -> Option<String> {
    let time = when
        .iter()
        .chain(title_line)
        .find_map(|t| find_time(t).map(|time| (time, t.clone())));
    fields.push(Field {
        name: "time",
        value: time.as_ref().map(|(t, _)| t.clone()),
        source: time
            .as_ref()
            .map_or("not found".into(), |(_, s)| format!("\"{s}\"")),
    });
    time.map(|(t, _)| t)
}

pub(super) fn location_field(place: Option<&String>) -> Field {
    Field {
        name: "location",
        value: place.cloned(),
        source: place.map_or("not found: no Plats/Lokal/Location line".into(), |p| {
            format!("\"{p}\"")
        }),
    }
}

/// The body: given, or from the title matched to the archive's bodies.
pub(super) fn guess_body(
    ctx: &Context<'_>,
    title_line: Option<&str>,
    date: Option<NaiveDate>,
    organiser: Option<&str>,
    fields: &mut Vec<Field>,
) -> Option<String> {
    if let Some(b) = ctx.body {
        fields.push(Field {
            name: "body",
            value: Some(b.to_string()),
            source: "--body".into(),
        });
        return Some(b.to_string());
    }
    let from_title = title_line.map(|t| body_from_title(t, date));
    let matched = from_title
        .as_deref()
        .filter(|b| !b.is_empty())
        .map(|b| match_body(b, organiser, ctx.bodies));
    fields.push(Field {
        name: "body",
        value: matched.as_ref().map(|(b, _)| b.clone()),
        source: match (title_line, &matched) {
            (Some(t), Some((_, how))) => format!("title \"{t}\"{how}"),
            _ => "not found: no title line like \"Minnesanteckningar <nätverk> <datum>\" (pass --body)"
                .into(),
        },
    });
    matched.map(|(b, _)| b)
}

/// The title: the body and the long date, else the title line as written.
pub(super) fn guess_title(
    body: Option<&str>,
    date: Option<NaiveDate>,
    language: Language,
    title_line: Option<&String>,
    fields: &mut Vec<Field>,
) -> Option<String> {
    let title = match (body, date) {
        (Some(b), Some(d)) => Some(format!("{b} {}", crate::base::i18n::long_date(d, language))),
        _ => title_line.cloned(),
    };
    fields.push(Field {
        name: "title",
        value: title.clone(),
        source: "the body and the date".into(),
    });
    title
}

/// The labelled lines of the header, as written.
#[derive(Default)]
pub(super) struct Header {
    pub(super) when: Vec<String>,
    pub(super) place: Option<String>,
    pub(super) people_lines: Vec<String>,
    pub(super) people_source: Option<String>,
    pub(super) attachments: Vec<String>,
}

#[derive(Clone, Copy)]
enum Section {
    None,
    People,
}

/// "Minnesanteckningar Socialchefs nätverket 15 september 2020" → "minnesanteckningar".
pub(super) fn title_kind(text: &str) -> Option<&'static str> {
    let lower = plain(text).to_lowercase();
    if lower.chars().count() > 160 {
        return None;
    }
    TITLE_WORDS
        .iter()
        .find(|(word, _)| lower.starts_with(word))
        .map(|(_, kind)| *kind)
}

/// "Tid: Fredag …" → (Some("tid"), "Fredag …"); a line that is only a label ("Deltagare")
/// → (Some("deltagare"), "").
pub(super) fn split_label(text: &str) -> (Option<String>, &str) {
    let all = [
        &TIME_LABELS[..],
        &PLACE_LABELS[..],
        &PEOPLE_LABELS[..],
        &OTHER_LABELS[..],
    ];
    let known = |label: &str| all.iter().any(|set| set.contains(&label));
    if let Some((label, value)) = text.split_once(':') {
        let label = label.trim().to_lowercase();
        if known(&label) {
            return (Some(label), value.trim());
        }
    }
    let whole = text.trim().trim_end_matches(':').to_lowercase();
    if known(&whole) {
        return (Some(whole), "");
    }
    (None, text)
}

pub(super) fn detect_language(blocks: &[Block]) -> Language {
    let (mut sv, mut en) = (0, 0);
    for block in blocks.iter().take(200) {
        for word in block.text().split_whitespace() {
            match word.to_lowercase().as_str() {
                "och" | "att" | "det" | "som" | "för" | "med" | "är" | "på" => sv += 1,
                "and" | "the" | "that" | "of" | "to" | "is" | "with" | "for" => en += 1,
                _ => {}
            }
        }
    }
    if en > sv {
        Language::En
    } else {
        Language::Sv
    }
}

/// The month a word names: a month's name in lower case ("januari", "january") or its
/// first three letters ("okt", "oct", "dec"), in either language; a trailing `.` or `,`
/// is ignored.
fn month(word: &str) -> Option<u32> {
    let word = word.trim_end_matches(['.', ',']);
    let names = |n: &&str| word.len() == n.len() || word.len() == 3 && n.len() > 3;
    (1..=12).find(|&m| {
        Language::ALL
            .iter()
            .filter_map(|&language| month_name(m, language))
            .filter(names)
            .any(|name| {
                word.bytes()
                    .zip(name.bytes())
                    .all(|(w, n)| w == n.to_ascii_lowercase())
            })
    })
}

fn weekday(word: &str) -> Option<Weekday> {
    Some(match word.trim_end_matches(',') {
        "måndag" | "monday" => Weekday::Mon,
        "tisdag" | "tuesday" => Weekday::Tue,
        "onsdag" | "wednesday" => Weekday::Wed,
        "torsdag" | "thursday" => Weekday::Thu,
        "fredag" | "friday" => Weekday::Fri,
        "lördag" | "saturday" => Weekday::Sat,
        "söndag" | "sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// A date in `text`: "2022-01-28", "28 januari 2022", "28th January 2022", "January 28,
/// 2022", "fredag den 28 januari" (the year from the text's years and the weekday). Also
/// says how the year was found when it was not written.
pub(super) fn find_date(text: &str, document: &[Block]) -> Option<(NaiveDate, String)> {
    let lower = text.to_lowercase();
    // ISO.
    let bytes = lower.as_bytes();
    for (start, _) in lower.char_indices() {
        let s = &lower[start..];
        if s.len() >= 10 && s.is_char_boundary(10) && s.as_bytes()[0].is_ascii_digit() {
            if let Ok(d) = NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d") {
                if start == 0 || !bytes[start - 1].is_ascii_digit() {
                    return Some((d, String::new()));
                }
            }
        }
    }
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let day_of = |w: &str| -> Option<u32> {
        let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
        let suffix = &w[digits.len()..];
        let ok = ["", ".", "st", "nd", "rd", "th", ":e", ":a"].contains(&suffix);
        (ok && !digits.is_empty())
            .then(|| digits.parse().ok())
            .flatten()
    };
    let year_of = |w: Option<&&str>| -> Option<i32> {
        let w = w?.trim_end_matches(['.', ',']);
        (w.len() == 4).then(|| w.parse().ok()).flatten()
    };
    for i in 0..words.len() {
        // "28 januari 2022" / "28 januari".
        if let (Some(day), Some(m)) = (day_of(words[i]), words.get(i + 1).and_then(|w| month(w))) {
            let weekday = i
                .checked_sub(1)
                .and_then(|p| weekday(words[p]))
                .or_else(|| i.checked_sub(2).and_then(|p| weekday(words[p])));
            return date_with_year(year_of(words.get(i + 2)), m, day, weekday, document);
        }
        // "January 28, 2022".
        if let (Some(m), Some(day)) = (month(words[i]), words.get(i + 1).and_then(|w| day_of(w))) {
            if words[i].len() > 3 {
                return date_with_year(year_of(words.get(i + 2)), m, day, None, document);
            }
        }
    }
    None
}

fn date_with_year(
    year: Option<i32>,
    month: u32,
    day: u32,
    weekday: Option<Weekday>,
    document: &[Block],
) -> Option<(NaiveDate, String)> {
    if let Some(year) = year {
        return NaiveDate::from_ymd_opt(year, month, day).map(|d| (d, String::new()));
    }
    // The year is not written: the years the text mentions, the one whose date falls on the
    // weekday written, or the latest.
    let mut years: Vec<i32> = document
        .iter()
        .flat_map(|b| {
            b.text()
                .split(|c: char| !c.is_ascii_digit())
                .filter(|w| w.len() == 4)
                .filter_map(|w| w.parse::<i32>().ok())
                .filter(|y| (1990..=2100).contains(y))
                .collect::<Vec<_>>()
        })
        .collect();
    years.sort_unstable();
    years.dedup();
    let on_weekday = weekday.and_then(|w| {
        years
            .iter()
            .rev()
            .filter_map(|&y| NaiveDate::from_ymd_opt(y, month, day))
            .find(|d| d.weekday() == w)
    });
    if let Some(d) = on_weekday {
        return Some((
            d,
            format!(
                " (no year written: {} is the year in the text when that date is that weekday)",
                d.year()
            ),
        ));
    }
    let latest = *years.last()?;
    NaiveDate::from_ymd_opt(latest, month, day).map(|d| {
        (
            d,
            format!(" (no year written: {latest}, the latest year the text mentions)"),
        )
    })
}

/// "kl. 09:00-15.00" → "09:00-15:00"; "13.00–16.00" → "13:00-16:00"; "kl. 10" → "10:00".
pub(super) fn find_time(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let read_clock = |at: usize| -> Option<(String, usize)> {
        let mut j = at;
        let mut hours = String::new();
        while j < chars.len() && chars[j].is_ascii_digit() && hours.len() < 2 {
            hours.push(chars[j]);
            j += 1;
        }
        if hours.is_empty() || j >= chars.len() || !matches!(chars[j], ':' | '.') {
            return None;
        }
        let mut minutes = String::new();
        let mut k = j + 1;
        while k < chars.len() && chars[k].is_ascii_digit() && minutes.len() < 2 {
            minutes.push(chars[k]);
            k += 1;
        }
        let h: u32 = hours.parse().ok()?;
        let m: u32 = minutes.parse().ok()?;
        (minutes.len() == 2 && h < 24 && m < 60).then(|| (format!("{h:02}:{m:02}"), k))
    };
    while i < chars.len() {
        let boundary = i == 0 || !chars[i - 1].is_ascii_digit();
        if boundary {
            if let Some((from, end)) = read_clock(i) {
                let mut j = end;
                while j < chars.len() && matches!(chars[j], ' ' | '-' | '–' | '—') {
                    j += 1;
                }
                if j > end {
                    if let Some((to, _)) = read_clock(j) {
                        return Some(format!("{from}-{to}"));
                    }
                }
                return Some(from);
            }
        }
        i += 1;
    }
    None
}

/// The body's name in a title line: the words left when the kind, the date, the weekday
/// and little words are taken out.
pub(super) fn body_from_title(title: &str, date: Option<NaiveDate>) -> String {
    let lower_kind = title_kind(title).map_or(0, |_| {
        TITLE_WORDS
            .iter()
            .find(|(w, _)| title.to_lowercase().starts_with(w))
            .map_or(0, |(w, _)| w.chars().count())
    });
    let mut rest: String = title.chars().skip(lower_kind).collect();
    // "… meeting held on Tuesday 14th March 2023": the name ends before "held".
    if let Some(at) = rest.to_lowercase().find(" held ") {
        if rest.is_char_boundary(at) {
            rest.truncate(at);
        }
    }
    let year = date.map(|d| d.year().to_string());
    let words: Vec<&str> = rest
        .split_whitespace()
        .filter(|w| {
            let l = w.to_lowercase();
            let l = l.trim_matches(|c: char| !c.is_alphanumeric());
            !(month(l).is_some()
                || weekday(l).is_some()
                || l.chars().all(|c| c.is_ascii_digit() || c == '-')
                || (l.starts_with(|c: char| c.is_ascii_digit())
                    && ["st", "nd", "rd", "th", "e", "a"]
                        .iter()
                        .any(|s| l.trim_start_matches(|c: char| c.is_ascii_digit()) == *s))
                || [
                    "från", "för", "den", "of", "the", "meeting", "möte", "mötet", "vid",
                ]
                .contains(&l)
                || year.as_deref() == Some(l))
        })
        .collect();
    words
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

/// The archive's body this name means, and how it was matched.
fn match_body(
    name: &str,
    organiser: Option<&str>,
    bodies: &[(String, Option<String>)],
) -> (String, String) {
    let compact = |s: &str| match_key(s).replace(['-', ' '], "");
    let wanted = compact(name);
    let same = bodies.iter().find(|(b, _)| b == name);
    if let Some((b, _)) = same.or_else(|| bodies.iter().find(|(b, _)| compact(b) == wanted)) {
        return (b.clone(), format!(" → the archive's body \"{b}\""));
    }
    let mut starting: Vec<&(String, Option<String>)> = bodies
        .iter()
        .filter(|(b, _)| compact(b).starts_with(&wanted) || wanted.starts_with(&compact(b)))
        .collect();
    starting.sort_by_key(|(b, o)| (o.as_deref() != organiser || organiser.is_none(), b.len()));
    if let Some((b, o)) = starting.first() {
        let why = if organiser.is_some() && o.as_deref() == organiser {
            " (organised by the same organisation)"
        } else {
            ""
        };
        return (b.clone(), format!(" → the archive's body \"{b}\"{why}"));
    }
    let names: Vec<&str> = bodies.iter().map(|(b, _)| b.as_str()).collect();
    if let Some(b) = did_you_mean(name, &names) {
        return (
            b.to_string(),
            format!(" → the archive's body \"{b}\" (close spelling)"),
        );
    }
    (name.to_string(), " (a new body)".into())
}
