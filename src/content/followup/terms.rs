//! Who owes an action and by when, read from how secretaries write it: "Karin Engström ska
//! sammanställa …", "Sam Okoye to circulate … by 15 May 2025", "senast den 30 september",
//! "till nästa möte", and the explicit form for when the text is ambiguous, "Ansvarig: X"
//! / "Owner: X" and "Senast: 2025-09-30" / "Due: 2025-09-30". Plain text in, names as
//! written out: resolving the names is the caller's.

use chrono::{Datelike, NaiveDate};

/// When an action is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub(crate) enum Due {
    Date(NaiveDate),
    /// "till nästa möte": the date of the body's next meeting, once there is one.
    NextMeeting,
}

/// What an action's text says about its owners and due date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Terms {
    /// Names as written ("Karin Engström", "SKR"), in order.
    pub(crate) owners: Vec<String>,
    pub(crate) due: Option<Due>,
}

/// The explicit keys: they win over whatever the sentence seems to say.
const OWNER_KEYS: &[&str] = &[
    "ansvarig:",
    "ansvariga:",
    "owner:",
    "owners:",
    "responsible:",
];
const DUE_KEYS: &[&str] = &["senast:", "klart:", "due:", "deadline:"];

/// Verbs that follow the owner at the start of an action ("X ska …", "X to …").
const OWNER_VERBS: &[&str] = &[
    " ska ",
    " skall ",
    " får i uppdrag ",
    " återkommer ",
    " tar fram ",
    " bjuder in ",
    " kontaktar ",
    " skickar ",
    " bevakar ",
    " sammanställer ",
    " undersöker ",
    " to ",
    " will ",
    " is to ",
    " are to ",
    " agreed to ",
    " shall ",
];

/// Words before a date that make it a due date.
const DUE_WORDS: &[&str] = &[
    "senast ",
    "före ",
    "innan ",
    "till den ",
    "no later than ",
    "not later than ",
    "by ",
    "before ",
    "until ",
    "due ",
];

/// "till nästa möte" and its kin: due at the body's next meeting.
const NEXT_MEETING: &[&str] = &[
    "till nästa möte",
    "till nästa nätverksmöte",
    "till nästa sammanträde",
    "inför nästa möte",
    "inför nästa sammanträde",
    "vid nästa möte",
    "på nästa möte",
    "by the next meeting",
    "before the next meeting",
    "for the next meeting",
    "at the next meeting",
    "to the next meeting",
];

/// Words at the start that are not anyone's name ("Vi ska …", "It will …").
const NOT_OWNERS: &[&str] = &[
    "vi", "man", "det", "alla", "samtliga", "de", "den", "we", "it", "all", "they", "this",
    "there", "everyone",
];

/// Reads owners and due date from an action's text, written at a meeting on `meeting_date`
/// (a date without a year is the next such date on or after the meeting).
pub(crate) fn read_terms(text: &str, meeting_date: NaiveDate) -> Terms {
    let text = text.trim();
    let lower = text.to_lowercase();
    let owners = explicit_owners(text, &lower).unwrap_or_else(|| leading_owners(text));
    let due = explicit_due(&lower, meeting_date).or_else(|| phrased_due(&lower, meeting_date));
    Terms { owners, due }
}

/// The value after a key in `keys` ("Ansvarig: Karin Engström, senast …" → "Karin Engström").
fn after_key<'t>(text: &'t str, lower: &str, keys: &[&str]) -> Option<&'t str> {
    keys.iter().find_map(|key| {
        let at = find_word_start(lower, key)?;
        // Lower-casing keeps byte offsets for the letters used in the keys (ASCII, å, ä, ö).
        text.get(at + key.len()..).map(str::trim_start)
    })
}

/// Where `needle` starts in `haystack` at a word boundary.
fn find_word_start(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .match_indices(needle)
        .map(|(i, _)| i)
        .find(|&i| at_word_start(haystack, i))
}

fn explicit_owners(text: &str, lower: &str) -> Option<Vec<String>> {
    let value = after_key(text, lower, OWNER_KEYS)?;
    let end = value.find([';', '.', ')', '\n']).unwrap_or(value.len());
    let value = &value[..end];
    // "Ansvarig: Karin Engström, senast 30/9": the date part is not a name.
    let value = cut_before_any(value, &[", senast", " senast", ", by ", " by ", ", due"]);
    let owners = split_names(value);
    (!owners.is_empty()).then_some(owners)
}

fn cut_before_any<'t>(value: &'t str, markers: &[&str]) -> &'t str {
    let lower = value.to_lowercase();
    let end = markers
        .iter()
        .filter_map(|m| lower.find(m))
        .min()
        .unwrap_or(value.len());
    value.get(..end).unwrap_or(value)
}

/// "Karin Engström ska …" → ["Karin Engström"]; "Lisa och Per ska …" → both.
fn leading_owners(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let Some((end, verb)) = OWNER_VERBS
        .iter()
        .filter_map(|v| Some((lower.find(v)?, *v)))
        .min()
    else {
        return Vec::new();
    };
    if is_passive(&lower[end + verb.len()..]) {
        return Vec::new();
    }
    let subject = text.get(..end).unwrap_or_default().trim();
    // A parenthesis after a name says where they are from: "Sam Okoye (HR) to …".
    let subject = subject.split(" (").next().unwrap_or(subject);
    let words = subject.split_whitespace().count();
    let starts_upper = subject.chars().next().is_some_and(char::is_uppercase);
    if words == 0 || words > 8 || !starts_upper || subject.contains(['.', ':', '!', '?']) {
        return Vec::new();
    }
    let names = split_names(subject);
    if !names.iter().all(|n| reads_as_name(n)) {
        return Vec::new();
    }
    names
        .into_iter()
        .filter(|n| {
            let first = n.split_whitespace().next().unwrap_or_default();
            !NOT_OWNERS.contains(&first.to_lowercase().as_str())
        })
        .collect()
}

/// Whether a subject reads as someone's name or title rather than a clause: one or two
/// words ("Finance team"), or capitalised words with small joiners ("Lena Gartman",
/// "The Clerk", "Fyrbodals Kommunalförbund") — not "Tom Baker sends the minutes".
fn reads_as_name(name: &str) -> bool {
    const JOINERS: &[&str] = &[
        "of", "the", "för", "i", "av", "och", "and", "de", "van", "von",
    ];
    let words: Vec<&str> = name.split_whitespace().collect();
    words.len() <= 2
        || words
            .iter()
            .all(|w| JOINERS.contains(w) || w.chars().next().is_some_and(|c| !c.is_lowercase()))
}

/// "… ska lämnas", "… to be reviewed": the subject is what is done, not who does it.
fn is_passive(after_verb: &str) -> bool {
    let next = after_verb.split_whitespace().next().unwrap_or_default();
    next == "be" || (next.ends_with('s') && !next.ends_with("ss"))
}

/// Whether byte `at` of `text` starts a word.
fn at_word_start(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// Names joined by commas, "och", "and" or "&".
fn split_names(text: &str) -> Vec<String> {
    text.split(',')
        .flat_map(|part| part.split(" och "))
        .flat_map(|part| part.split(" and "))
        .flat_map(|part| part.split(" & "))
        .map(|n| n.trim().trim_end_matches(':').trim())
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}

fn explicit_due(lower: &str, meeting_date: NaiveDate) -> Option<Due> {
    let value = after_key(lower, lower, DUE_KEYS)?;
    if NEXT_MEETING
        .iter()
        .any(|p| value.starts_with(p.trim_start_matches("till ")))
        || value.starts_with("nästa möte")
        || value.starts_with("next meeting")
    {
        return Some(Due::NextMeeting);
    }
    parse_date_at(value, meeting_date).map(Due::Date)
}

fn phrased_due(lower: &str, meeting_date: NaiveDate) -> Option<Due> {
    let dated = DUE_WORDS
        .iter()
        .flat_map(|word| {
            lower
                .match_indices(word)
                .filter(|(i, _)| at_word_start(lower, *i))
                .map(move |(i, _)| i + word.len())
        })
        .filter_map(|at| Some((at, parse_date_at(&lower[at..], meeting_date)?)))
        .min_by_key(|(at, _)| *at)
        .map(|(_, date)| Due::Date(date));
    dated.or_else(|| {
        NEXT_MEETING
            .iter()
            .any(|p| lower.contains(p))
            .then_some(Due::NextMeeting)
    })
}

const WEEKDAYS: &[&str] = &[
    "måndag",
    "tisdag",
    "onsdag",
    "torsdag",
    "fredag",
    "lördag",
    "söndag",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Month names and abbreviations in Swedish and English.
fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches(['.', ',']);
    const MONTHS: &[(&str, u32)] = &[
        ("januari", 1),
        ("january", 1),
        ("jan", 1),
        ("februari", 2),
        ("february", 2),
        ("feb", 2),
        ("mars", 3),
        ("march", 3),
        ("mar", 3),
        ("april", 4),
        ("apr", 4),
        ("maj", 5),
        ("may", 5),
        ("juni", 6),
        ("june", 6),
        ("jun", 6),
        ("juli", 7),
        ("july", 7),
        ("jul", 7),
        ("augusti", 8),
        ("august", 8),
        ("aug", 8),
        ("september", 9),
        ("sept", 9),
        ("sep", 9),
        ("oktober", 10),
        ("october", 10),
        ("okt", 10),
        ("oct", 10),
        ("november", 11),
        ("nov", 11),
        ("december", 12),
        ("dec", 12),
    ];
    MONTHS
        .iter()
        .find(|(name, _)| *name == word)
        .map(|&(_, n)| n)
}

/// A date at the start of `text` (lower-case): "2025-09-30", "30 september 2025",
/// "måndag 16 november", "den 1 april 2021", "15 May 2025", "May 15, 2025", "15th of May",
/// "23/2", "30/9/2025", "the end of June 2025", "slutet av juni".
pub(crate) fn parse_date_at(text: &str, meeting_date: NaiveDate) -> Option<NaiveDate> {
    let mut words: Vec<&str> = text
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .take(7)
        .collect();
    while let Some(first) = words.first() {
        let bare = first.trim_end_matches(',');
        if WEEKDAYS.contains(&bare) || ["den", "the", "on", "of"].contains(&bare) {
            words.remove(0);
        } else {
            break;
        }
    }
    if let Some(date) = end_of_month(&words, meeting_date) {
        return Some(date);
    }
    let first = *words.first()?;
    let token = first.trim_end_matches([',', '.', ';', ')']);
    if let Ok(date) = NaiveDate::parse_from_str(token, "%Y-%m-%d") {
        return Some(date);
    }
    if let Some(date) = slash_date(token, meeting_date) {
        return Some(date);
    }
    let year_of = |word: Option<&&str>| -> Option<i32> {
        let word = word?.trim_end_matches([',', '.', ';', ')']);
        (word.len() == 4).then(|| word.parse().ok()).flatten()
    };
    // "15 May 2025", "15th of May"
    if let Some(day) = day_number(token) {
        let rest: Vec<&str> = words[1..].iter().copied().filter(|w| *w != "of").collect();
        let month = month_number(rest.first()?)?;
        return dated(year_of(rest.get(1)), month, day, meeting_date);
    }
    // "May 15, 2025"
    let month = month_number(token)?;
    let day = day_number(words.get(1)?.trim_end_matches(','))?;
    dated(year_of(words.get(2)), month, day, meeting_date)
}

/// "the end of June 2025", "slutet av juni" → the last day of that month.
fn end_of_month(words: &[&str], meeting_date: NaiveDate) -> Option<NaiveDate> {
    let rest = match words {
        ["end", "of", rest @ ..] | ["slutet", "av", rest @ ..] | ["utgången", "av", rest @ ..] => {
            rest
        }
        _ => return None,
    };
    let month = month_number(rest.first()?)?;
    let year = rest
        .get(1)
        .and_then(|w| w.trim_end_matches([',', '.']).parse::<i32>().ok());
    let first = dated(year, month, 1, meeting_date)?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(first.year(), month + 1, 1)?
    };
    next.pred_opt()
}

/// "15", "15th", "1st", "2nd", "3rd", "15:e" → the day.
fn day_number(word: &str) -> Option<u32> {
    let digits: &str = word
        .trim_end_matches("th")
        .trim_end_matches("st")
        .trim_end_matches("nd")
        .trim_end_matches("rd")
        .trim_end_matches(":e")
        .trim_end_matches(":a");
    let day: u32 = digits.parse().ok()?;
    (1..=31).contains(&day).then_some(day)
}

/// "23/2" (day/month, as Swedish minutes write it) or "30/9/2025", "30/9-25".
fn slash_date(token: &str, meeting_date: NaiveDate) -> Option<NaiveDate> {
    let (day, rest) = token.split_once('/')?;
    let (month, year) = match rest.split_once(['/', '-']) {
        Some((month, year)) => {
            let year: i32 = year.parse().ok()?;
            (month, Some(if year < 100 { 2000 + year } else { year }))
        }
        None => (rest, None),
    };
    dated(year, month.parse().ok()?, day.parse().ok()?, meeting_date)
}

/// The date, taking a missing year as the first on or after the meeting.
fn dated(year: Option<i32>, month: u32, day: u32, meeting_date: NaiveDate) -> Option<NaiveDate> {
    if let Some(year) = year {
        return NaiveDate::from_ymd_opt(year, month, day);
    }
    let this_year = NaiveDate::from_ymd_opt(meeting_date.year(), month, day)?;
    if this_year >= meeting_date {
        Some(this_year)
    } else {
        NaiveDate::from_ymd_opt(meeting_date.year() + 1, month, day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn owners_and_due_dates_are_read_from_how_minutes_phrase_actions() {
        let meeting = date("2025-03-10");
        let d = |s: &str| Some(Due::Date(date(s)));
        let next = Some(Due::NextMeeting);
        // (action text, owners, due)
        let cases: &[(&str, &[&str], Option<Due>)] = &[
            // Swedish, from the seed minutes and their kin
            ("Karin Engström ska sammanställa kontaktuppgifterna.", &["Karin Engström"], None),
            ("Karin Engström ska samla in och sammanställa kontaktuppgifter för Fyrbodals kommunerna och förmedla vidare till Vårdsamverkan.", &["Karin Engström"], None),
            ("Socialstyrelsen återkommer till nästa nätverksmöte.", &["Socialstyrelsen"], next),
            ("Inspel senast måndag 16 november till Eva Sahlén.", &[], d("2025-11-16")),
            ("Tom Baker sends the minutes to the members.", &[], None),
            ("Delbetänkande om försörjning ska lämnas senast den 1 april 2021.", &[], d("2021-04-01")),
            ("Ansvarig: Karin Engström. Senast: 2025-09-30.", &["Karin Engström"], d("2025-09-30")),
            ("Ta fram en rutin för jourtid (ansvarig: Lisbeth Olsson, senast 30/9).", &["Lisbeth Olsson"], d("2025-09-30")),
            ("Lena Gartman och Roger Granat ska kalla styrgruppen till nästa möte.", &["Lena Gartman", "Roger Granat"], next),
            ("SKR tar fram talepunkter inför nästa möte.", &["SKR"], next),
            ("FoHM och Arbetsmiljöverket kommer att medverka; underlag senast 23/2.", &[], d("2026-02-23")),
            ("Vi ska se över rutinen senast den 15 maj.", &[], d("2025-05-15")),
            ("Uppdrag till förvaltningen att återkomma med förslag senast 2025-06-01.", &[], d("2025-06-01")),
            // English
            ("Sam Okoye to circulate the revised policy by 15 May 2025.", &["Sam Okoye"], d("2025-05-15")),
            ("Jane Smith will draft the terms of reference by 1 October 2024.", &["Jane Smith"], d("2024-10-01")),
            ("Owner: Finance team; due: 2025-04-30.", &["Finance team"], d("2025-04-30")),
            ("The Clerk to write to the county council before the next meeting.", &["The Clerk"], next),
            ("Ahmed Khan (HR) to update the staff handbook by the end of June 2025.", &["Ahmed Khan"], d("2025-06-30")),
            ("Priya Patel and Tom Evans to report back at the next meeting.", &["Priya Patel", "Tom Evans"], next),
            ("Secretary to circulate minutes no later than 28 March.", &["Secretary"], d("2025-03-28")),
            ("Chair to contact the auditors by Friday 14 March 2025.", &["Chair"], d("2025-03-14")),
            ("Treasurer to present the accounts by May 20, 2025.", &["Treasurer"], d("2025-05-20")),
            ("It was agreed that the policy be reviewed by 30/9/2025.", &[], d("2025-09-30")),
            ("Responsible: Quality Team. Deadline: 15th of April.", &["Quality Team"], d("2025-04-15")),
            ("All members to send comments before 2 February.", &[], d("2026-02-02")),
        ];
        assert!(cases.len() >= 20);
        for (text, owners, due) in cases {
            let terms = read_terms(text, meeting);
            assert_eq!(&terms.owners, owners, "owners of {text:?}");
            assert_eq!(&terms.due, due, "due date of {text:?}");
        }
    }

    #[test]
    fn a_date_without_a_year_is_the_next_one_after_the_meeting() {
        let meeting = date("2025-11-20");
        assert_eq!(
            parse_date_at("15 januari", meeting),
            Some(date("2026-01-15"))
        );
        assert_eq!(parse_date_at("4/12", meeting), Some(date("2025-12-04")));
        assert_eq!(parse_date_at("31 februari", meeting), None);
    }
}
