//! Guessing the meeting from the cleaned blocks: the title line, the date and time, the
//! place, the body and organiser, the participants, and the agenda items (numbered, or
//! recognised by their presenters or by their place in the text). Every guess keeps the
//! text it came from, for the report.

use chrono::{Datelike, NaiveDate, Weekday};

use super::document::Block;
use super::docx::strip_emphasis;
use crate::base::config::Language;
use crate::base::diagnostic::did_you_mean;
use crate::base::slug::match_key;
use crate::content::markdown::{
    looks_like_name, looks_like_presenters, split_heading_presenters, split_item_number,
};
use crate::content::registry::Registry;

/// What the archive already holds: for matching names.
pub(crate) struct Context<'a> {
    pub(crate) registry: &'a Registry,
    /// Body names of the meetings in the archive, with their organisers.
    pub(crate) bodies: &'a [(String, Option<String>)],
    pub(crate) body: Option<&'a str>,
    pub(crate) organiser: Option<&'a str>,
    pub(crate) language: Option<Language>,
}

/// One field of the report: its value and the text it was guessed from.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub(crate) name: &'static str,
    pub(crate) value: Option<String>,
    pub(crate) source: String,
}

#[derive(Debug, Clone)]
pub(crate) struct Attendee {
    pub(crate) name: String,
    pub(crate) organisation: Option<String>,
    pub(crate) note: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct ItemGuess {
    /// The heading as written, number and presenters included.
    pub(crate) heading: String,
    pub(crate) blocks: Vec<Block>,
}

#[derive(Debug, Clone)]
pub(crate) struct Guess {
    pub(crate) title: Option<String>,
    pub(crate) body: Option<String>,
    pub(crate) organiser: Option<String>,
    pub(crate) date: Option<NaiveDate>,
    pub(crate) time: Option<String>,
    pub(crate) location: Option<String>,
    pub(crate) kind: Option<String>,
    pub(crate) language: Language,
    pub(crate) attendees: Vec<Attendee>,
    pub(crate) attachments: Vec<String>,
    pub(crate) intro: Vec<Block>,
    pub(crate) items: Vec<ItemGuess>,
    pub(crate) fields: Vec<Field>,
    pub(crate) dropped: Vec<String>,
}

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
const AGENDA_WORDS: [&str; 12] = [
    "övriga frågor",
    "övriga frågeställningar",
    "övrigt",
    "mötets öppnande",
    "föregående anteckningar",
    "föregående protokoll",
    "nästa möte",
    "mötets avslutande",
    "any other business",
    "apologies for absence",
    "minutes of the last meeting",
    "date of next meeting",
];

/// The meeting in `blocks`.
pub(crate) fn guess(blocks: Vec<Block>, ctx: &Context<'_>) -> Guess {
    let language = ctx.language.unwrap_or_else(|| detect_language(&blocks));
    let mut fields = Vec::new();
    let mut dropped = Vec::new();

    // The title line; what comes before it is letterhead.
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

    // Agenda items.
    let candidates = item_candidates(&rest);
    let first_item = candidates
        .iter()
        .position(Option::is_some)
        .unwrap_or(rest.len());

    // The header: labelled fields, participants, the rest is the introduction.
    let mut header = Header::default();
    let mut intro = Vec::new();
    let mut section = Section::None;
    for block in &rest[..first_item] {
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

    // Items, with their blocks.
    let mut items: Vec<ItemGuess> = Vec::new();
    let mut attachments = header.attachments.clone();
    for (block, candidate) in rest.iter().zip(&candidates).skip(first_item) {
        match candidate {
            Some(Candidate::Item(heading)) => items.push(ItemGuess {
                heading: heading.clone(),
                blocks: Vec::new(),
            }),
            Some(Candidate::Sub(heading)) => {
                if let Some(item) = items.last_mut() {
                    item.blocks.push(Block::Heading {
                        level: 3,
                        text: heading.clone(),
                    });
                }
            }
            None => {
                let text = plain(block.text());
                if is_attachment_name(&text) {
                    // "MA SC-möte" + "211203.docx": a file name broken over two lines.
                    let head = items.last_mut().and_then(|item| {
                        let Some(Block::Line(last)) = item.blocks.last() else {
                            return None;
                        };
                        let short = last.chars().count() <= 40
                            && !last.ends_with(['.', ':', '!', '?', ')', '*']);
                        short.then(|| item.blocks.pop()).flatten()
                    });
                    match head {
                        Some(head) => attachments.push(format!("{} {text}", head.text())),
                        None => attachments.push(text),
                    }
                } else if let Some(item) = items.last_mut() {
                    item.blocks.push(block.clone());
                }
            }
        }
    }

    // A presenter line under a heading without presenters, as quorum reads it:
    // "*Karin Engström, Fyrbodals kommunalförbund*" (PDFs lose the italics).
    for item in &mut items {
        let (_, rest) = split_item_number(&item.heading);
        if split_heading_presenters(rest).1.is_some() {
            continue;
        }
        if let Some(Block::Line(first)) = item.blocks.first_mut() {
            let text = plain(first);
            if !first.starts_with('*')
                && text.chars().count() <= 120
                && !text.ends_with('.')
                && looks_like_presenters(&text)
            {
                *first = format!("*{text}*");
            }
        }
    }

    // Date and time.
    let mut date = None;
    for (source, text) in title_line
        .iter()
        .map(|t| ("title", t.as_str()))
        .chain(header.when.iter().map(|t| ("Tid/Datum", t.as_str())))
    {
        if let Some((d, how)) = find_date(text, &rest) {
            fields.push(Field {
                name: "date",
                value: Some(d.to_string()),
                source: format!("{source}: \"{text}\"{how}"),
            });
            date = Some(d);
            break;
        }
    }
    if date.is_none() {
        let found = rest.iter().take(first_item.max(5)).find_map(|b| {
            find_date(b.text(), &rest).map(|(d, how)| (d, format!("\"{}\"{how}", b.text())))
        });
        fields.push(Field {
            name: "date",
            value: found.as_ref().map(|(d, _)| d.to_string()),
            source: found.map_or_else(
                || "not found: no date in the title or a Tid/Datum/Date line".to_string(),
                |(_, s)| s,
            ),
        });
        date = fields
            .last()
            .and_then(|f| f.value.as_deref())
            .and_then(|v| v.parse().ok());
    }
    let time = header
        .when
        .iter()
        .chain(title_line.iter())
        .find_map(|t| find_time(t).map(|time| (time, t.clone())));
    fields.push(Field {
        name: "time",
        value: time.as_ref().map(|(t, _)| t.clone()),
        source: time
            .as_ref()
            .map_or("not found".into(), |(_, s)| format!("\"{s}\"")),
    });
    fields.push(Field {
        name: "location",
        value: header.place.clone(),
        source: header
            .place
            .as_ref()
            .map_or("not found: no Plats/Lokal/Location line".into(), |p| {
                format!("\"{p}\"")
            }),
    });

    // Organiser: given, or the organisation presenting most often.
    let organiser = match ctx.organiser {
        Some(o) => {
            let key = ctx.registry.resolve_organisation(o).map(str::to_string);
            fields.push(Field {
                name: "organiser",
                value: Some(key.clone().unwrap_or_else(|| o.to_string())),
                source: "--organiser".into(),
            });
            Some(key.unwrap_or_else(|| o.to_string()))
        }
        None => {
            let found = presenting_organisation(&items, ctx.registry);
            fields.push(Field {
                name: "organiser",
                value: found.as_ref().map(|(k, _)| k.clone()),
                source: found.as_ref().map_or(
                    "not found: no registered organisation among the presenters (pass --organiser)"
                        .into(),
                    |(_, n)| format!("the organisation presenting most items ({n} of them)"),
                ),
            });
            found.map(|(k, _)| k)
        }
    };

    // Body: given, or from the title matched to the archive's bodies.
    let body = match ctx.body {
        Some(b) => {
            fields.push(Field {
                name: "body",
                value: Some(b.to_string()),
                source: "--body".into(),
            });
            Some(b.to_string())
        }
        None => {
            let from_title = title_line.as_deref().map(|t| body_from_title(t, date));
            let matched = from_title
                .as_deref()
                .filter(|b| !b.is_empty())
                .map(|b| match_body(b, organiser.as_deref(), ctx.bodies));
            fields.push(Field {
                name: "body",
                value: matched.as_ref().map(|(b, _)| b.clone()),
                source: match (&title_line, &matched) {
                    (Some(t), Some((_, how))) => format!("title \"{t}\"{how}"),
                    _ => "not found: no title line like \"Minnesanteckningar <nätverk> <datum>\" (pass --body)"
                        .into(),
                },
            });
            matched.map(|(b, _)| b)
        }
    };
    let title = match (&body, date) {
        (Some(b), Some(d)) => Some(format!("{b} {}", crate::base::i18n::long_date(d, language))),
        _ => title_line.clone(),
    };
    fields.push(Field {
        name: "title",
        value: title.clone(),
        source: "the body and the date".into(),
    });

    // Participants.
    let attendees: Vec<Attendee> = header
        .people_lines
        .iter()
        .flat_map(|line| attendees_of(line, ctx.registry))
        .collect();
    fields.push(Field {
        name: "attendees",
        value: (!attendees.is_empty()).then(|| attendees.len().to_string()),
        source: header.people_source.clone().map_or(
            "not found: no Närvarande/Deltagare/Present list".into(),
            |s| format!("the list under \"{s}\""),
        ),
    });

    Guess {
        title,
        body,
        organiser,
        date,
        time: time.map(|(t, _)| t),
        location: header.place,
        kind: kind.map(str::to_string),
        language,
        attendees,
        attachments,
        intro,
        items,
        fields,
        dropped,
    }
}

#[derive(Default)]
struct Header {
    when: Vec<String>,
    place: Option<String>,
    people_lines: Vec<String>,
    people_source: Option<String>,
    attachments: Vec<String>,
}

#[derive(Clone, Copy)]
enum Section {
    None,
    People,
}

#[derive(Debug, Clone)]
enum Candidate {
    /// An agenda item: its heading.
    Item(String),
    /// A heading inside an item.
    Sub(String),
}

/// Text without Markdown emphasis around it or heading marks.
pub(crate) fn plain(text: &str) -> String {
    strip_emphasis(text.trim().trim_start_matches('#').trim())
        .replace("**", "")
        .trim()
        .to_string()
}

/// "Minnesanteckningar Socialchefs nätverket 15 september 2020" → "minnesanteckningar".
fn title_kind(text: &str) -> Option<&'static str> {
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
fn split_label(text: &str) -> (Option<String>, &str) {
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

/// "MA SC-möte 211203.docx": the name of an embedded file left by the extraction.
fn is_attachment_name(text: &str) -> bool {
    let lower = text.to_lowercase();
    text.chars().count() <= 80
        && [".docx", ".doc", ".pptx", ".ppt", ".pdf", ".xlsx", ".xls"]
            .iter()
            .any(|e| lower.ends_with(e))
}

/// Each block's part in the agenda: an item heading, a heading inside an item, or text.
fn item_candidates(blocks: &[Block]) -> Vec<Option<Candidate>> {
    let texts: Vec<String> = blocks.iter().map(|b| plain(b.text())).collect();
    let mut found: Vec<Option<(Option<u64>, bool)>> = Vec::with_capacity(blocks.len());
    // (number, strong): numbered headings, headings with presenters or agenda words, heading
    // styles are strong; a short line between paragraphs is weak.
    for (i, block) in blocks.iter().enumerate() {
        let text = &texts[i];
        let previous = i.checked_sub(1).map(|p| texts[p].as_str());
        let next = texts.get(i + 1).map(String::as_str);
        found.push(classify(block, text, previous, next));
    }
    let numbered_mode = found
        .iter()
        .flatten()
        .next()
        .is_some_and(|(n, _)| n.is_some());
    let mut out = Vec::with_capacity(blocks.len());
    let mut last_number: Option<u64> = None;
    let mut current_title = String::new();
    for (i, candidate) in found.into_iter().enumerate() {
        let text = texts[i].clone();
        let Some((number, strong)) = candidate else {
            out.push(None);
            continue;
        };
        let is_heading_style = matches!(blocks[i], Block::Heading { .. });
        let candidate = if numbered_mode {
            match number {
                Some(n) if last_number.is_none_or(|l| n > l) => {
                    last_number = Some(n);
                    Some(Candidate::Item(text))
                }
                Some(_) => None,
                None if is_heading_style => Some(Candidate::Sub(text)),
                None => None,
            }
        } else if number.is_some() && !is_heading_style {
            (!current_title.is_empty()).then_some(Candidate::Sub(text))
        } else if !strong && repeats_title(&text, &current_title) {
            Some(Candidate::Sub(text))
        } else if strong || !repeats_title(&text, &current_title) {
            current_title = text.clone();
            Some(Candidate::Item(text))
        } else {
            None
        };
        out.push(candidate);
    }
    out
}

/// Whether a block reads as an agenda item heading: (its number, whether it is sure).
fn classify(
    block: &Block,
    text: &str,
    previous: Option<&str>,
    next: Option<&str>,
) -> Option<(Option<u64>, bool)> {
    if matches!(block, Block::Table(_) | Block::PageBreak) || text.is_empty() {
        return None;
    }
    let chars = text.chars().count();
    if let Some(number) = item_number(text) {
        let ordered_list = matches!(block, Block::ListItem { ordered: true, .. });
        let ok = matches!(block, Block::Heading { .. } | Block::Line(_)) || ordered_list;
        if ok && chars <= 200 {
            return Some((Some(number), true));
        }
    }
    if matches!(block, Block::ListItem { .. }) {
        return None;
    }
    if let Block::Heading { level, .. } = block {
        let (label, _) = split_label(text);
        return (*level >= 2 && label.is_none() && chars <= 200).then_some((None, true));
    }
    if split_label(text).0.is_some() || title_kind(text).is_some() {
        return None;
    }
    let (title, presenters) = split_heading_presenters(text);
    if presenters.is_some() && chars <= 300 && !title.ends_with('.') {
        return Some((None, true));
    }
    let lower = text.to_lowercase();
    if chars <= 60 && AGENDA_WORDS.iter().any(|w| lower.contains(w)) {
        return Some((None, true));
    }
    let words = text.split_whitespace().count();
    let starts_upper = text.chars().next().is_some_and(char::is_uppercase);
    let after_sentence = previous.is_none_or(|p| p.ends_with(['.', '!', '?']));
    let before_paragraph = next.is_some_and(|n| n.chars().count() >= 120);
    let weak = chars <= 90
        && words <= 12
        && starts_upper
        && !text.contains(',')
        && !text.ends_with(['.', ':', ';', ',', '!'])
        && !text.starts_with('*')
        && after_sentence
        && before_paragraph;
    weak.then_some((None, false))
}

/// "8) Titel", "8. Titel", "§ 112 Titel", "22/107 Titel", "Punkt 8: Titel" → 8, 112, 107.
fn item_number(text: &str) -> Option<u64> {
    let text = text.trim();
    let lower = text.to_lowercase();
    let text = ["punkt ", "item "]
        .iter()
        .find(|p| lower.starts_with(*p))
        .map_or(text, |p| &text[p.len()..]);
    // "22/107 Titel".
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && text[digits..].starts_with('/') {
        let rest = &text[digits + 1..];
        let more = rest.bytes().take_while(u8::is_ascii_digit).count();
        if more > 0 && rest[more..].starts_with(' ') && starts_title(&rest[more..]) {
            return rest[..more].parse().ok();
        }
    }
    let (number, rest) = split_item_number(text);
    let number = number?;
    starts_title(rest).then(|| number.parse().ok()).flatten()
}

/// A title starts with a letter or a quote (not "8. 2020 …", not lower case prose).
fn starts_title(rest: &str) -> bool {
    let rest = plain(rest);
    rest.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c == '”' || c == '"' || c == '«')
}

/// "Förlängning av besöksförbud" inside "Vad vet vi…? Förlängning av besöksförbudet och…":
/// a line repeating part of the item's title is a heading inside the item.
fn repeats_title(text: &str, title: &str) -> bool {
    if title.is_empty() {
        return false;
    }
    let words_of = |t: &str| -> Vec<String> {
        t.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let title = format!(" {} ", words_of(title).join(" "));
    let words: Vec<String> = words_of(text).into_iter().take(4).collect();
    // The last word may be cut short ("besöksförbud" in "besöksförbudet").
    words.len() >= 2 && title.contains(&format!(" {}", words.join(" ")))
}

fn detect_language(blocks: &[Block]) -> Language {
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

const MONTHS: [(&str, u32); 30] = [
    ("januari", 1),
    ("februari", 2),
    ("mars", 3),
    ("april", 4),
    ("maj", 5),
    ("juni", 6),
    ("juli", 7),
    ("augusti", 8),
    ("september", 9),
    ("oktober", 10),
    ("november", 11),
    ("december", 12),
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("october", 10),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("okt", 10),
    ("nov", 11),
];

fn month(word: &str) -> Option<u32> {
    let word = word.trim_end_matches(['.', ',']);
    MONTHS
        .iter()
        .find(|(m, _)| *m == word)
        .map(|(_, n)| *n)
        .or(match word {
            "oct" => Some(10),
            "dec" => Some(12),
            _ => None,
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
fn find_date(text: &str, document: &[Block]) -> Option<(NaiveDate, String)> {
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
fn find_time(text: &str) -> Option<String> {
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
fn body_from_title(title: &str, date: Option<NaiveDate>) -> String {
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

/// The registered organisation presenting most items, and how many.
fn presenting_organisation(items: &[ItemGuess], registry: &Registry) -> Option<(String, usize)> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for item in items {
        let mut texts: Vec<String> = Vec::new();
        let (_, rest) = split_item_number(&item.heading);
        if let (_, Some(p)) = split_heading_presenters(rest) {
            texts.push(p.to_string());
        }
        if let Some(first) = item.blocks.first() {
            let t = first.text().trim();
            if t.starts_with('*') && t.ends_with('*') {
                texts.push(plain(t));
            }
        }
        let mut seen: Vec<String> = Vec::new();
        for text in texts {
            for part in text.split([',', ';']) {
                if let Some(key) = registry.resolve_organisation(part.trim()) {
                    if !seen.iter().any(|s| s == key) {
                        seen.push(key.to_string());
                    }
                }
            }
        }
        for key in seen {
            match counts.iter_mut().find(|(k, _)| *k == key) {
                Some(entry) => entry.1 += 1,
                None => counts.push((key, 1)),
            }
        }
    }
    // The first of the most frequent, in order of appearance: deterministic.
    let best = counts.iter().map(|(_, n)| *n).max()?;
    counts.into_iter().find(|(_, n)| *n == best)
}

/// The people on a line of the participant list: "Name, Organisation", "Name (note)",
/// "Från Org, A (förmiddag), B och C", "Punkt 8 från VGR A, B samt från kommunerna C (Ort)".
fn attendees_of(line: &str, registry: &Registry) -> Vec<Attendee> {
    let line = plain(line);
    let mut line = line.trim().trim_end_matches(['.', ';']).to_string();
    let mut note = None;
    let lower = line.to_lowercase();
    if lower.starts_with("punkt ") {
        let words: Vec<&str> = line.splitn(3, ' ').collect();
        if words.len() == 3 {
            note = Some(format!("punkt {}", words[1]));
            line = words[2].to_string();
        }
    }
    let lower = line.to_lowercase();
    if lower.starts_with("från ") || lower.contains(" från ") {
        let mut out = Vec::new();
        for segment in split_from(&line) {
            let (org, names) = organisation_prefix(&segment, registry);
            for name in names_in(&names) {
                out.push(attendee(&name, org.clone(), note.clone(), registry));
            }
        }
        return out;
    }
    let parts: Vec<&str> = line.split(',').map(str::trim).collect();
    if parts.len() == 2 && looks_like_name(strip_paren(parts[0]).0) {
        let (name, paren) = strip_paren(parts[0]);
        let (org, org_paren) = strip_paren(parts[1]);
        return vec![Attendee {
            name: name.to_string(),
            organisation: Some(org.to_string()),
            note: org_paren.or(paren).map(str::to_string).or(note),
        }];
    }
    names_in(&line)
        .into_iter()
        .filter(|n| looks_like_name(strip_paren(n).0))
        .map(|n| attendee(&n, None, note.clone(), registry))
        .collect()
}

/// "Name (note)": an organisation in the parenthesis is the organisation.
fn attendee(
    text: &str,
    org: Option<String>,
    note: Option<String>,
    registry: &Registry,
) -> Attendee {
    let (name, paren) = strip_paren(text);
    let (organisation, note) = match paren {
        Some(p)
            if registry.resolve_organisation(p).is_some()
                || org.is_none() && looks_like_place(p) =>
        {
            (Some(p.to_string()), note)
        }
        Some(p) => (org, Some(p.to_string()).or(note)),
        None => (org, note),
    };
    Attendee {
        name: name.to_string(),
        organisation,
        note,
    }
}

fn looks_like_place(text: &str) -> bool {
    text.split_whitespace().count() <= 2 && text.chars().next().is_some_and(char::is_uppercase)
}

/// "A (x)" → ("A", Some("x")).
fn strip_paren(text: &str) -> (&str, Option<&str>) {
    let text = text.trim();
    match (text.find('('), text.ends_with(')')) {
        (Some(open), true) => (
            text[..open].trim(),
            Some(text[open + 1..text.len() - 1].trim()),
        ),
        _ => (text, None),
    }
}

/// "Från A, x samt från B y" → ["A, x", "B y"].
fn split_from(line: &str) -> Vec<String> {
    let mut segments = Vec::new();
    let lower = line.to_lowercase();
    let mut starts: Vec<usize> = lower.match_indices("från ").map(|(i, _)| i).collect();
    starts.retain(|&i| i == 0 || lower[..i].ends_with(' '));
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(line.len());
        let mut segment = line[start + "från ".len()..end].trim().to_string();
        for tail in [" samt", " och", ","] {
            if let Some(s) = segment.strip_suffix(tail) {
                segment = s.trim().to_string();
            }
        }
        segments.push(segment);
    }
    segments
}

/// "Fyrbodals kommunalförbund, A, B" / "VGR A, B" / "kommunerna A (x)" → (organisation, names).
fn organisation_prefix(segment: &str, registry: &Registry) -> (Option<String>, String) {
    if let Some((first, rest)) = segment.split_once(',') {
        if registry.resolve_organisation(first.trim()).is_some() || !looks_like_name(first.trim()) {
            return (Some(first.trim().to_string()), rest.trim().to_string());
        }
    }
    let words: Vec<&str> = segment.split_whitespace().collect();
    for n in (1..=words.len().min(4)).rev() {
        let candidate = words[..n].join(" ");
        if registry.resolve_organisation(&candidate).is_some() {
            return (Some(candidate), words[n..].join(" "));
        }
    }
    if words
        .first()
        .is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase))
    {
        return (None, words[1..].join(" "));
    }
    (None, segment.to_string())
}

/// "A, B (x) och C" → ["A", "B (x)", "C"].
fn names_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in text.split(',') {
        let mut pieces = vec![part.trim().to_string()];
        for separator in [" och ", " samt ", " and ", " & "] {
            pieces = pieces
                .iter()
                .flat_map(|p| p.split(separator).map(|s| s.trim().to_string()))
                .collect();
        }
        out.extend(pieces.into_iter().filter(|p| !p.is_empty()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_swedish_and_english() {
        let d = |t: &str| find_date(t, &[]).map(|(d, _)| d.to_string());
        assert_eq!(
            d("Minnesanteckningar Socialchefs nätverket 15 september 2020").as_deref(),
            Some("2020-09-15")
        );
        assert_eq!(d("Datum: 2022-01-28").as_deref(), Some("2022-01-28"));
        assert_eq!(
            d("Minutes of the Board, 3rd March 2023").as_deref(),
            Some("2023-03-03")
        );
        assert_eq!(d("Held on March 3, 2023").as_deref(), Some("2023-03-03"));
        let doc = [Block::Line("arbetet 2021 och under 2022".into())];
        let (date, how) = find_date("Fredag den 28 januari, kl. 09:00-15.00", &doc).unwrap();
        assert_eq!(date.to_string(), "2022-01-28");
        assert!(how.contains("weekday"));
    }

    #[test]
    fn times() {
        assert_eq!(
            find_time("Fredag den 28 januari, kl. 09:00-15.00").as_deref(),
            Some("09:00-15:00")
        );
        assert_eq!(find_time("13.00 – 16.30").as_deref(), Some("13:00-16:30"));
        assert_eq!(find_time("28 januari 2022"), None);
    }

    #[test]
    fn item_numbers() {
        assert_eq!(item_number("8) Uppföljning"), Some(8));
        assert_eq!(item_number("§ 112 Budget"), Some(112));
        assert_eq!(item_number("22/107 Val av justerare"), Some(107));
        assert_eq!(item_number("8. Finance report"), Some(8));
        assert_eq!(item_number("2020 var ett år"), None);
        assert_eq!(item_number("1. och sedan"), None);
    }

    #[test]
    fn body_from_a_title() {
        assert_eq!(
            body_from_title(
                "Minnesanteckningar Socialchefs nätverket 15 september 2020",
                NaiveDate::from_ymd_opt(2020, 9, 15)
            ),
            "Socialchefs nätverket"
        );
        assert_eq!(
            body_from_title("Minutes of the Finance Committee meeting", None),
            "Finance Committee"
        );
    }

    #[test]
    fn participants_from_lines() {
        let registry = Registry::default();
        let people = attendees_of(
            "Från Fyrbodals kommunalförbund, Karin Engström (förmiddag), Lis Palm och Maria Klamas",
            &registry,
        );
        assert_eq!(people.len(), 3);
        assert_eq!(
            people[0].organisation.as_deref(),
            Some("Fyrbodals kommunalförbund")
        );
        assert_eq!(people[0].note.as_deref(), Some("förmiddag"));
        let one = attendees_of("Lisbeth Olsson, Sotenäs", &registry);
        assert_eq!(
            (one[0].name.as_str(), one[0].organisation.as_deref()),
            ("Lisbeth Olsson", Some("Sotenäs"))
        );
    }
}
