//! Formal minutes in the Markdown step, on plain text: the lead of att-satser
//! ("Kulturnämnden beslutar att", "föreslår kommunfullmäktige besluta att", "RESOLVED
//! that"), the paragraph starts of an item's records (Reservation, Jäv, Omröstning, ...),
//! vote counts ("7 ja-röster mot 4 nej-röster", "carried 5 votes to 2"), names with a
//! party ("Per Ek (M)") and the case number in a heading ("…, Dnr KN 2024/57").

use crate::base::formal_words::RecordKind;
use crate::content::formal::{is_party, DecisionKind};

/// The most words before a lead's phrase ("Kommunstyrelsens arbetsutskott föreslår …").
const MAX_LEAD_PREFIX: usize = 10;
/// The most words a `*` in a phrase stands for (the body's name).
const MAX_WILDCARD: usize = 4;

/// "Kulturnämnden beslutar att godkänna planen" → lead "Kulturnämnden beslutar att",
/// rest "godkänna planen".
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Lead {
    pub(crate) lead: String,
    pub(crate) rest: String,
    pub(crate) kind: DecisionKind,
}

/// The words of a text with their byte ranges.
fn words(text: &str, limit: usize) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                let word = text[s..i].trim_end_matches([':', ',', ';']).to_lowercase();
                out.push((s, i, word));
                start = None;
                if out.len() == limit {
                    break;
                }
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    out
}

/// How many words of `words` (from the start) `phrase` matches, `*` standing for one to
/// [`MAX_WILDCARD`] words.
fn match_phrase(words: &[(usize, usize, String)], phrase: &[&str]) -> Option<usize> {
    let Some((first, rest)) = phrase.split_first() else {
        return Some(0);
    };
    if *first == "*" {
        return (1..=MAX_WILDCARD.min(words.len()))
            .find_map(|n| match_phrase(&words[n..], rest).map(|m| n + m));
    }
    let (_, _, word) = words.first()?;
    (word == first)
        .then(|| match_phrase(&words[1..], rest).map(|m| m + 1))
        .flatten()
}

/// The lead of a paragraph that states decisions (`resolution` phrases) or a proposal to
/// another body (`proposal` phrases): a short subject starting with a capital, then the
/// phrase.
pub(crate) fn lead_of(text: &str, resolution: &[String], proposal: &[String]) -> Option<Lead> {
    if !text.starts_with(char::is_alphabetic) {
        return None;
    }
    if !may_hold_a_lead(text, resolution.iter().chain(proposal)) {
        return None;
    }
    // Only the words a lead can reach are read: the subject, then the longest phrase with
    // each `*` at its widest.
    let longest = resolution
        .iter()
        .chain(proposal)
        .map(|p| {
            p.split_whitespace()
                .map(|w| if w == "*" { MAX_WILDCARD } else { 1 })
                .sum::<usize>()
        })
        .max()
        .unwrap_or(0);
    let words = words(text, MAX_LEAD_PREFIX + longest);
    let phrases = |list: &[String], kind: DecisionKind| -> Vec<(Vec<String>, DecisionKind)> {
        list.iter()
            .map(|p| {
                (
                    p.to_lowercase()
                        .split_whitespace()
                        .map(str::to_string)
                        .collect(),
                    kind,
                )
            })
            .collect()
    };
    let mut all = phrases(proposal, DecisionKind::Proposal);
    all.extend(phrases(resolution, DecisionKind::Decision));
    for start in 0..=MAX_LEAD_PREFIX.min(words.len()) {
        if start == 0 && !text.starts_with(char::is_alphabetic) {
            return None;
        }
        if start > 0 && words[start - 1].2.ends_with('.') {
            return None;
        }
        for (phrase, kind) in &all {
            let phrase: Vec<&str> = phrase.iter().map(String::as_str).collect();
            let Some(n) = match_phrase(&words[start..], &phrase) else {
                continue;
            };
            let first = text.chars().next().unwrap_or(' ');
            if !(first.is_uppercase() || start == 0) {
                continue;
            }
            let end = words[start + n - 1].1;
            let lead = text[..end].trim_end_matches(':').trim().to_string();
            let rest = text[end..].trim_start_matches(':').trim().to_string();
            return Some(Lead {
                lead,
                rest,
                kind: *kind,
            });
        }
    }
    None
}

/// Whether one of the first words of `text` is the first word of a phrase: most
/// paragraphs hold none and are turned away here, without a copy (every paragraph of the
/// minutes is tried, some several times).
fn may_hold_a_lead<'p>(text: &str, phrases: impl Iterator<Item = &'p String>) -> bool {
    let firsts: Vec<&str> = phrases
        .filter_map(|p| p.split_whitespace().next())
        .collect();
    if firsts.contains(&"*") {
        return true;
    }
    text.split_whitespace()
        .take(MAX_LEAD_PREFIX + 1)
        .map(|w| w.trim_end_matches([':', ',', ';']))
        .any(|word| firsts.iter().any(|first| same_ignoring_case(word, first)))
}

/// `a` and `b` equal but for case, without lower-casing either into a new string. Letters
/// whose cases differ in length (the Kelvin sign) are not in any phrase: a length that
/// differs turns a word away at once.
fn same_ignoring_case(a: &str, b: &str) -> bool {
    if a.len() != b.len() {
        return false;
    }
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// One att-sats as a decision that reads on its own: the lead, then the entry without
/// its closing `;`, `,`, "och" or "samt".
pub(crate) fn att_sats(lead: &str, entry: &str) -> String {
    let mut entry = entry.trim().trim_end_matches([';', ',']).trim_end();
    for tail in [" och", " samt", " and", ";", ","] {
        entry = entry.strip_suffix(tail).unwrap_or(entry).trim_end();
    }
    format!("{lead} {entry}")
}

/// A paragraph that starts with a record word: its kind and the text after the word (and
/// its colon). The word must be followed by `:`, nothing, or (for a case number) a space.
pub(crate) fn record_of(
    text: &str,
    words: &[(RecordKind, &[String])],
) -> Option<(RecordKind, String)> {
    for (kind, list) in words {
        for word in list.iter() {
            let Some(rest) = strip_prefix_ignoring_case(text, word) else {
                continue;
            };
            let starts_text = rest.starts_with(':')
                || rest.trim().is_empty()
                || (*kind == RecordKind::CaseNumber && rest.starts_with([' ', '.']));
            if starts_text {
                let rest = rest.trim_start_matches([':', '.']).trim();
                return Some((*kind, rest.to_string()));
            }
        }
    }
    None
}

fn strip_prefix_ignoring_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let mut end = 0;
    let mut chars = text.char_indices();
    for expected in prefix.chars() {
        let (i, actual) = chars.next()?;
        if !actual.to_lowercase().eq(expected.to_lowercase()) {
            return None;
        }
        end = i + actual.len_utf8();
    }
    Some(&text[end..])
}

/// A heading's title and the case number written in it: "Verksamhetsplan 2025, Dnr KN
/// 2024/57" → ("Verksamhetsplan 2025", "KN 2024/57").
pub(crate) fn split_case_number<'t>(title: &'t str, words: &[String]) -> (&'t str, Option<String>) {
    let lower = title.to_lowercase();
    for word in words {
        let needle = word.to_lowercase();
        let found = lower.match_indices(&needle).find(|(at, _)| {
            let before = lower[..*at].chars().next_back();
            let after = lower[at + needle.len()..].chars().next();
            before.is_some_and(|c| matches!(c, ' ' | ',' | '(' | '–' | '-'))
                && after.is_some_and(|c| matches!(c, ' ' | ':' | '.'))
        });
        if let Some((at, _)) = found {
            let case = title[at + needle.len()..]
                .trim_start_matches([':', '.'])
                .trim()
                .trim_end_matches(')')
                .trim();
            let rest = title[..at].trim_end_matches(['(', ',', '–', '-', ' ']);
            if !case.is_empty() && !rest.is_empty() {
                return (rest, Some(case.to_string()));
            }
        }
    }
    (title, None)
}

/// The counts of a vote: "7 ja-röster mot 4 nej-röster, 2 avstod", "carried 5 votes to
/// 2", "6 for, 3 against, 1 abstention"; `None` when the text gives none.
pub(crate) fn vote_counts(text: &str) -> Option<(Option<u32>, Option<u32>, Option<u32>)> {
    // Every paragraph is tried: only its words with a digit can be counts.
    let trim = |w: &str| -> String {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
            .to_lowercase()
    };
    let (mut yes, mut no, mut abstain) = (None, None, None);
    for (word, after_word) in words_with_a_digit(text) {
        let Ok(n) = word
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
            .parse::<u32>()
        else {
            continue;
        };
        // Only the words after a number are compared, so only they are lower-cased.
        let mut ahead = after_word.split_whitespace().map(trim);
        let next = ahead.next().unwrap_or_default();
        let after = ahead.next().unwrap_or_default();
        if next.starts_with("ja") || next == "for" || next == "in" && after == "favour" {
            yes = yes.or(Some(n));
        } else if next.starts_with("nej") || next == "against" {
            no = no.or(Some(n));
        } else if next.starts_with("avst")
            || next.starts_with("abstain")
            || next.starts_with("abstention")
            || next.starts_with("nedlagd")
        {
            abstain = abstain.or(Some(n));
        } else if next == "votes" && after == "to" {
            yes = yes.or(Some(n));
            no = no.or(ahead.next().and_then(|w| w.parse().ok()));
        }
    }
    (yes.is_some() || no.is_some()).then_some((yes, no, abstain))
}

/// The words of `text` (as `split_whitespace` cuts them) that hold an ASCII digit, in
/// order, each with the text after it. Only the digits are looked for, and the words
/// around them cut out: splitting a whole paragraph into words decoded every character
/// (most of `vote_counts`'s time, and every paragraph with a date or a number is tried).
fn words_with_a_digit(text: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut from = 0;
    std::iter::from_fn(move || {
        let digit = from
            + text.as_bytes()[from..]
                .iter()
                .position(u8::is_ascii_digit)?;
        let start = text[..digit]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let end = text[digit..]
            .find(char::is_whitespace)
            .map_or(text.len(), |i| digit + i);
        from = end;
        Some((&text[start..end], &text[end..]))
    })
}

/// The people a record names with their party: "Per Ek (M) och Sara Lind (V) reserverar
/// sig" → ["Per Ek (M)", "Sara Lind (V)"].
pub(crate) fn named_people(text: &str) -> Vec<String> {
    let mut people = Vec::new();
    let mut rest = text;
    let mut consumed = 0;
    while let Some(open) = rest.find(" (") {
        let after = &rest[open + 2..];
        let Some(close) = after.find(')') else {
            break;
        };
        let party = &after[..close];
        if is_party(party) {
            let before = &text[..consumed + open];
            let name: Vec<&str> = before
                .split_whitespace()
                .rev()
                .take_while(|w| {
                    w.starts_with(char::is_uppercase)
                        && w.chars().all(|c| c.is_alphabetic() || c == '-')
                })
                .take(4)
                .collect();
            if !name.is_empty() {
                let name: Vec<&str> = name.into_iter().rev().collect();
                people.push(format!("{} ({party})", name.join(" ")));
            }
        }
        consumed += open + 2 + close + 1;
        rest = &text[consumed..];
    }
    people
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gate_of_a_lead_compares_whole_words_in_any_case() {
        let phrases = [
            "beslutar att".to_string(),
            "föreslår * besluta att".to_string(),
        ];
        assert!(may_hold_a_lead("Nämnden BESLUTAR att", phrases.iter()));
        assert!(may_hold_a_lead(
            "Styrelsen FÖRESLÅR fullmäktige besluta att",
            phrases.iter()
        ));
        assert!(!may_hold_a_lead("Nämnden beslutade inget", phrases.iter()));
        let wildcard = ["* resolved that".to_string()];
        assert!(may_hold_a_lead("Anything", wildcard.iter()));
        assert!(same_ignoring_case("Ärende", "ärende"));
        assert!(!same_ignoring_case("ärende", "ärenden"));
    }

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_lead_is_found_after_a_long_subject_written_with_extra_spaces() {
        let resolution = strings(&["beslutar att"]);
        let proposal = strings(&["föreslår * besluta att"]);
        let text = "Den nya  nämnden för kultur och\nfritid i  Kommunen BESLUTAR att";
        let lead = lead_of(text, &resolution, &proposal).unwrap();
        assert!(lead.lead.ends_with("BESLUTAR att"), "{}", lead.lead);
        let too_far = "Ett två tre fyra fem sex sju åtta nio tio elva beslutar att";
        assert!(lead_of(too_far, &resolution, &proposal).is_none());
        let proposal_lead = "Nämnden föreslår fullmäktige att besluta att";
        let proposal_two = strings(&["föreslår * att besluta att"]);
        assert!(lead_of(proposal_lead, &resolution, &proposal_two).is_some());
    }

    #[test]
    fn leads_of_decisions_and_proposals() {
        let resolution = strings(&["beslutar att", "resolved that", "resolved to"]);
        let proposal = strings(&["föreslår * besluta att"]);
        let lead = lead_of("Kulturnämnden beslutar att", &resolution, &proposal).unwrap();
        assert_eq!(lead.lead, "Kulturnämnden beslutar att");
        assert_eq!(lead.rest, "");
        assert_eq!(lead.kind, DecisionKind::Decision);
        let lead = lead_of(
            "Kulturnämnden föreslår kommunfullmäktige besluta att anta planen.",
            &resolution,
            &proposal,
        )
        .unwrap();
        assert_eq!(lead.kind, DecisionKind::Proposal);
        assert_eq!(lead.rest, "anta planen.");
        assert_eq!(
            lead_of(
                "RESOLVED that the budget be adopted.",
                &resolution,
                &proposal
            )
            .unwrap()
            .lead,
            "RESOLVED that"
        );
        assert_eq!(
            lead_of("It was resolved to:", &resolution, &proposal)
                .unwrap()
                .lead,
            "It was resolved to"
        );
        assert_eq!(
            lead_of("Vi vet inte. Nämnden beslutar att", &resolution, &proposal),
            None
        );
        assert_eq!(
            lead_of(
                "Nätverket diskuterade frågan länge.",
                &resolution,
                &proposal
            ),
            None
        );
    }

    #[test]
    fn an_att_sats_reads_on_its_own() {
        assert_eq!(
            att_sats(
                "Kulturnämnden beslutar att",
                "godkänna verksamhetsplanen, samt"
            ),
            "Kulturnämnden beslutar att godkänna verksamhetsplanen"
        );
    }

    #[test]
    fn words_with_a_digit_are_the_words_split_whitespace_gives() {
        for text in [
            "7 ja-röster mot 4 nej-röster, 2 avstod.",
            "  lead 12\u{a0}x  é9é\n\t3 ",
            "inga",
            "2025",
            "år 2025:s budget, 3–4 röster",
        ] {
            let words: Vec<&str> = words_with_a_digit(text).map(|(w, _)| w).collect();
            let expected: Vec<&str> = (text.split_whitespace())
                .filter(|w| w.bytes().any(|b| b.is_ascii_digit()))
                .collect();
            assert_eq!(words, expected, "{text:?}");
        }
    }

    #[test]
    fn vote_counts_in_both_languages() {
        assert_eq!(
            vote_counts("Nämnden röstar. 7 ja-röster mot 4 nej-röster, 2 avstod."),
            Some((Some(7), Some(4), Some(2)))
        );
        assert_eq!(
            vote_counts("The motion was carried 5 votes to 2."),
            Some((Some(5), Some(2), None))
        );
        assert_eq!(
            vote_counts("6 for, 3 against, 1 abstention"),
            Some((Some(6), Some(3), Some(1)))
        );
        assert_eq!(vote_counts("Inga siffror här, 2025"), None);
        // Words are cut at any white space, as `split_whitespace` cuts them.
        assert_eq!(
            vote_counts("Beslut\u{a0}fattades: 7\u{a0}ja-röster\tmot 4 nej, den 12/3."),
            Some((Some(7), Some(4), None))
        );
    }

    #[test]
    fn case_numbers_in_headings() {
        let words = strings(&["Dnr"]);
        assert_eq!(
            split_case_number("Verksamhetsplan 2025, Dnr KN 2024/57", &words),
            ("Verksamhetsplan 2025", Some("KN 2024/57".into()))
        );
        assert_eq!(
            split_case_number("Budget (Dnr KN 2024/3)", &words),
            ("Budget", Some("KN 2024/3".into()))
        );
        assert_eq!(
            split_case_number("Dnr-frågor", &words),
            ("Dnr-frågor", None)
        );
    }

    #[test]
    fn people_named_with_a_party() {
        assert_eq!(
            named_people("Per Ek (M) och Sara Lind (V) reserverar sig (se bilaga)."),
            ["Per Ek (M)", "Sara Lind (V)"]
        );
    }

    #[test]
    fn record_paragraph_starts() {
        let reservation = strings(&["Reservation"]);
        let case = strings(&["Dnr"]);
        let words = [
            (RecordKind::Reservation, &reservation[..]),
            (RecordKind::CaseNumber, &case[..]),
        ];
        assert_eq!(
            record_of("Reservation: Per Ek (M)", &words),
            Some((RecordKind::Reservation, "Per Ek (M)".into()))
        );
        assert_eq!(
            record_of("Dnr KN 2024/57", &words),
            Some((RecordKind::CaseNumber, "KN 2024/57".into()))
        );
        assert_eq!(record_of("Reservationen gällde", &words), None);
    }
}
