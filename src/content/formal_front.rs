//! Formal minutes' front matter: reads the members who decided (beslutande) and whom a
//! substitute served for, the substitutes and apologies, the approval (justering), the
//! posting (anslag) and the paragraph range into a [`Formal`], and checks them with
//! file:line:column: the approval at most 14 days after the meeting and with justerare,
//! the posting at most two days after the approval, the § range against the items, and
//! each vote against the members who decided.

use std::path::Path;

use chrono::NaiveDate;

use crate::base::config::Language;
use crate::base::diagnostic::Diagnostic;
use crate::content::formal::Vote;
use crate::content::formal::{is_party, Approval, Formal, Member, Posting};
use crate::content::frontmatter::{RawMeeting, RawParagraphs, RawParticipant};
use crate::content::markdown::{vote_counts, BodyItem};
use crate::content::participant::{self, Participant};

/// A protokoll is justerat at the latest 14 days after the meeting.
pub(crate) const APPROVAL_DAYS: i64 = 14;
/// The approval is posted on the notice board at the latest two days after it.
pub(crate) const POSTING_DAYS: i64 = 2;

/// Where the front matter is, for messages.
pub(crate) struct Place<'a> {
    pub(crate) file: &'a Path,
    pub(crate) text: &'a str,
    pub(crate) yaml: &'a str,
    pub(crate) yaml_line: usize,
}

impl Place<'_> {
    /// The file line and column of `child:` under the top-level `parent:` (any of their
    /// spellings), or of `parent:` itself when `child` is empty or not found.
    fn position(&self, parents: &[&str], children: &[&str]) -> (usize, usize) {
        let lines: Vec<&str> = self.yaml.lines().collect();
        let Some(start) = lines
            .iter()
            .position(|l| parents.iter().any(|p| starts_with_key(l, p)))
        else {
            return (self.yaml_line, 1);
        };
        for (i, line) in lines.iter().enumerate().skip(start) {
            if i > start && !line.starts_with([' ', '-']) && !line.trim().is_empty() {
                break;
            }
            let found = children.iter().find_map(|c| {
                line.match_indices(&format!("{c}:"))
                    .find(|(at, _)| {
                        line[..*at]
                            .chars()
                            .next_back()
                            .is_none_or(|b| matches!(b, ' ' | '{' | ','))
                    })
                    .map(|(at, _)| at + c.len() + 1)
            });
            if let Some(after) = found {
                let value = line[after..].trim_start_matches([' ']);
                let column = line[..line.len() - value.len()].chars().count() + 1;
                return (self.yaml_line + i, column);
            }
        }
        (self.yaml_line + start, 1)
    }

    fn warning(&self, at: (usize, usize), message: String, hint: &str) -> Diagnostic {
        Diagnostic::warning(self.file, message)
            .at(self.text, at.0, at.1)
            .with_hint(hint)
    }
}

fn starts_with_key(line: &str, key: &str) -> bool {
    line.strip_prefix(key)
        .is_some_and(|rest| rest.trim_start().starts_with(':'))
}

const APPROVAL_KEYS: &[&str] = &["approval", "justering"];
const POSTING_KEYS: &[&str] = &["posting", "anslag"];
const DATE_KEYS: &[&str] = &["date", "datum"];

/// Whether a meeting's `kind` names formal minutes: a protokoll (also
/// "styrelseprotokoll") or minutes ("board minutes"), not minnesanteckningar.
pub(crate) fn is_formal_kind(kind: &str) -> bool {
    let kind = kind.trim().to_lowercase();
    kind.ends_with("protokoll") || kind == "minutes" || kind.ends_with(" minutes")
}

/// Whether the rules of a Swedish protokoll (14 days, justerare, anslag) apply.
fn is_protokoll(raw: &RawMeeting, language: Language) -> bool {
    raw.kind.as_deref().map_or(language == Language::Sv, |k| {
        k.to_lowercase().contains("protokoll")
    })
}

/// The formal part of a meeting, when its kind is formal or it has any formal key; its
/// errors go to `errors`, its warnings to `warnings`.
pub(crate) fn read(
    raw: &RawMeeting,
    date: NaiveDate,
    language: Language,
    place: &Place<'_>,
    person: &mut dyn FnMut(&str) -> String,
    warnings: &mut Vec<Diagnostic>,
    errors: &mut Vec<Diagnostic>,
) -> Option<Formal> {
    let has_keys = !raw.members.is_empty()
        || !raw.substitutes.is_empty()
        || !raw.absent.is_empty()
        || raw.approval.is_some()
        || raw.posting.is_some()
        || raw.paragraphs.is_some();
    if !has_keys && !raw.kind.as_deref().is_some_and(is_formal_kind) {
        return None;
    }
    let mut member = |p: &RawParticipant| read_member(p, &mut *person);
    let members = raw.members.iter().map(&mut member).collect();
    let substitutes = raw.substitutes.iter().map(&mut member).collect();
    let absent = raw.absent.iter().map(&mut member).collect();
    let mut date_of = |parents: &[&str], value: Option<&str>| {
        let value = value?;
        let parsed = NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d");
        if parsed.is_err() {
            let at = place.position(parents, DATE_KEYS);
            errors.push(
                Diagnostic::error(place.file, format!("invalid date `{}`", value.trim()))
                    .at(place.text, at.0, at.1)
                    .with_hint("write the date as YYYY-MM-DD, e.g. 2025-03-14"),
            );
        }
        parsed.ok()
    };
    let approval = raw.approval.as_ref().map(|a| Approval {
        by: a.by.iter().map(&mut member).collect(),
        place: a.place.clone(),
        date: date_of(APPROVAL_KEYS, a.date.as_deref()),
    });
    let posting = raw.posting.as_ref().and_then(|p| {
        let date = date_of(POSTING_KEYS, p.date.as_deref())?;
        Some(Posting::new(date, p.kept_at.clone()))
    });
    let paragraphs = raw.paragraphs.as_ref().and_then(|p| {
        let range = paragraph_range(p);
        if range.is_none() {
            let at = place.position(&["paragraphs", "paragrafer"], &[]);
            errors.push(
                Diagnostic::error(place.file, "`paragraphs` is not a § range")
                    .at(place.text, at.0, at.1)
                    .with_hint(
                        "write the first and last § of the meeting, e.g. `paragraphs: 112–118`",
                    ),
            );
        }
        range
    });
    let formal = Formal {
        members,
        substitutes,
        absent,
        approval,
        posting,
        paragraphs,
        first_item: None,
    };
    if is_protokoll(raw, language) {
        warnings.extend(date_warnings(&formal, date, place));
    }
    Some(formal)
}

/// A member as written: `"Anna Holm (S), ordförande"`, `"Lars Berg (M), tjänstgörande
/// ersättare för Eva Lund (M)"`, or `{ name, party, role, for, note }`.
fn read_member(raw: &RawParticipant, person: &mut dyn FnMut(&str) -> String) -> Member {
    let (name, mut party, role, serving_for, note) = match raw {
        RawParticipant::Line(line) => {
            let (head, rest) = line.split_once(',').unwrap_or((line, ""));
            let rest = rest.trim();
            let (role, note) = if rest.starts_with('§') || rest.to_lowercase().starts_with("punkt")
            {
                (None, Some(rest.to_string()))
            } else {
                (Some(rest.to_string()).filter(|r| !r.is_empty()), None)
            };
            let (role, serving_for) = match role.as_deref().and_then(split_serving_for) {
                Some((role, whom)) => (role, Some(whom)),
                None => (role, None),
            };
            (head.to_string(), None, role, serving_for, note)
        }
        RawParticipant::Entry(e) => (
            e.name.clone(),
            e.party.clone(),
            e.role.clone(),
            e.serving_for.clone(),
            e.note.clone(),
        ),
    };
    let (name, written_party) = split_party(&name);
    party = party.or(written_party);
    Member {
        who: Participant {
            person: participant::key(&person(&name)),
            organisation: None,
            role: role.map(String::into_boxed_str),
            note: note.map(String::into_boxed_str),
        },
        party,
        serving_for: serving_for.map(|whom| person(&split_party(&whom).0)),
    }
}

/// The words before which a role names the member a substitute serves for.
const SERVING_FOR: &[&str] = &[
    "ersättare för ",
    "ersätter ",
    "tjänstgör för ",
    "substituting for ",
    "substitute for ",
    "in place of ",
];

/// "tjänstgörande ersättare för Eva Lund (M)" → (Some("tjänstgörande ersättare"), "Eva Lund (M)").
fn split_serving_for(role: &str) -> Option<(Option<String>, String)> {
    let lower = role.to_lowercase();
    SERVING_FOR.iter().find_map(|marker| {
        let at = lower.find(marker)?;
        let whom = role.get(at + marker.len()..)?.trim().to_string();
        let before = role.get(..at + marker.len())?.trim();
        let role = before
            .strip_suffix(marker.trim())
            .map(|r| r.trim())
            .filter(|r| !r.is_empty())
            .map_or_else(
                || marker.trim().trim_end_matches(" för").to_string(),
                |r| {
                    if marker.starts_with("ersättare") {
                        format!("{r} ersättare")
                    } else {
                        r.to_string()
                    }
                },
            );
        Some((Some(role), whom))
    })
}

/// "Anna Holm (S)" → ("Anna Holm", Some("S")); a bracket with a party's short name only.
pub(crate) fn split_party(name: &str) -> (String, Option<String>) {
    let name = name.trim();
    if let Some(open) = name.rfind(" (") {
        let inside = name[open + 2..].strip_suffix(')');
        if let Some(party) = inside.filter(|p| is_party(p)) {
            return (name[..open].trim().to_string(), Some(party.to_string()));
        }
    }
    (name.to_string(), None)
}

/// "112–118", "§ 112-118", "§§ 112 – 118", 112 → (112, 118).
fn paragraph_range(raw: &RawParagraphs) -> Option<(u32, u32)> {
    let text = match raw {
        RawParagraphs::Number(n) => return Some((*n, *n)),
        RawParagraphs::Text(text) => text,
    };
    let text = text.trim().trim_start_matches('§').trim();
    let mut parts = text.split(['–', '-', '—']).map(str::trim);
    let first: u32 = parts.next()?.parse().ok()?;
    let last: u32 = match parts.next() {
        Some(last) => last.trim_start_matches('§').trim().parse().ok()?,
        None => first,
    };
    (parts.next().is_none() && first <= last).then_some((first, last))
}

/// The protokoll's dates against each other: justering within 14 days of the meeting and
/// with justerare, anslag within two days of the justering.
fn date_warnings(formal: &Formal, date: NaiveDate, place: &Place<'_>) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let approval = formal.approval.as_ref();
    if let Some(approved) = approval.and_then(|a| a.date) {
        let days = (approved - date).num_days();
        if days > APPROVAL_DAYS {
            warnings.push(place.warning(
                place.position(APPROVAL_KEYS, DATE_KEYS),
                format!("the minutes are approved {days} days after the meeting; a protokoll is justerat within {APPROVAL_DAYS} days"),
                "check the justering's date; if it is right, the protokoll was approved late",
            ));
        }
        if approval.is_some_and(|a| a.by.is_empty()) {
            warnings.push(place.warning(
                place.position(APPROVAL_KEYS, &[]),
                "an approved protokoll names no justerare".into(),
                "name who approved the minutes besides the chair: `by: [Name (Party)]` (or `justerare:`)",
            ));
        }
        if let Some(posting) = &formal.posting {
            let days = (posting.date - approved).num_days();
            if !(0..=POSTING_DAYS).contains(&days) {
                let when = if days < 0 {
                    "before the justering".to_string()
                } else {
                    format!(
                        "{days} days after the justering; it is posted within {POSTING_DAYS} days"
                    )
                };
                warnings.push(place.warning(
                    place.position(POSTING_KEYS, DATE_KEYS),
                    format!("the anslag is dated {when}"),
                    "check the anslag's date: the appeal period of three weeks runs from it",
                ));
            }
        }
    }
    warnings
}

/// The § range of the front matter against the items' numbers, and each vote against the
/// members who decided. `body_line` is the file line of the body's first line.
pub(crate) fn item_warnings(
    formal: &Formal,
    items: &[BodyItem],
    body_line: usize,
    place: &Place<'_>,
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let numbers: Vec<u32> = items.iter().filter_map(|i| i.number.parse().ok()).collect();
    if let (Some((first, last)), false) = (formal.paragraphs, numbers.is_empty()) {
        let expected: Vec<u32> = (first..=last).collect();
        if numbers != expected {
            let written = match (numbers.first(), numbers.last()) {
                (Some(a), Some(b)) if a != b => format!("§ {a}–{b}"),
                (Some(a), _) => format!("§ {a}"),
                _ => String::new(),
            };
            warnings.push(place.warning(
                place.position(&["paragraphs", "paragrafer"], &[]),
                format!(
                    "`paragraphs` says § {first}–{last}, but the items are {written} ({} items)",
                    numbers.len()
                ),
                "number the items `## § 112 …` in order, and write their first and last § here",
            ));
        }
    }
    let present = formal.deciding() as u32;
    if present == 0 {
        return warnings;
    }
    for (item, vote) in items
        .iter()
        .flat_map(|i| i.records.votes.iter().map(move |v| (i, v)))
    {
        if vote.total() > present {
            warnings.push(place.warning(
                vote_position(place.text, item.line + body_line - 1, vote),
                format!(
                    "this vote counts {} votes, but {present} members decided at the meeting",
                    vote.total()
                ),
                "check the counts, and that every member who decided (substitutes serving included) is under `members:`",
            ));
        }
    }
    warnings
}

/// The file line and column of a vote's counts: the first line from the item's heading
/// on that gives the same counts (the heading itself when none does).
fn vote_position(text: &str, heading_line: usize, vote: &Vote) -> (usize, usize) {
    let counts = Some((vote.yes, vote.no, vote.abstain));
    text.lines()
        .enumerate()
        .skip(heading_line.saturating_sub(1))
        .find(|(_, line)| vote_counts(line) == counts)
        .map_or((heading_line, 1), |(i, line)| {
            let indent = line.len() - line.trim_start().len();
            (i + 1, indent + 1)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_member_line_gives_party_role_and_whom_a_substitute_serves_for() {
        let mut keys = |n: &str| n.to_lowercase();
        let raw =
            RawParticipant::Line("Lars Berg (M), tjänstgörande ersättare för Eva Lund (M)".into());
        let m = read_member(&raw, &mut keys);
        assert_eq!(&*m.who.person, "lars berg");
        assert_eq!(m.party.as_deref(), Some("M"));
        assert_eq!(m.who.role.as_deref(), Some("tjänstgörande ersättare"));
        assert_eq!(m.serving_for.as_deref(), Some("eva lund"));
        let chair = read_member(
            &RawParticipant::Line("Anna Holm (S), ordförande".into()),
            &mut keys,
        );
        assert_eq!(chair.who.role.as_deref(), Some("ordförande"));
        assert_eq!(chair.serving_for, None);
        let partial = read_member(
            &RawParticipant::Line("Sara Lind (V), § 112–115".into()),
            &mut keys,
        );
        assert_eq!(partial.who.note.as_deref(), Some("§ 112–115"));
    }

    #[test]
    fn paragraph_ranges_are_read_as_written() {
        let text = |t: &str| paragraph_range(&RawParagraphs::Text(t.into()));
        assert_eq!(text("112–118"), Some((112, 118)));
        assert_eq!(text("§ 1-7"), Some((1, 7)));
        assert_eq!(text("§ 9"), Some((9, 9)));
        assert_eq!(text("ett till sju"), None);
        assert_eq!(paragraph_range(&RawParagraphs::Number(4)), Some((4, 4)));
    }

    #[test]
    fn kinds_of_formal_minutes() {
        assert!(is_formal_kind("protokoll"));
        assert!(is_formal_kind("Styrelseprotokoll"));
        assert!(is_formal_kind("board minutes"));
        assert!(!is_formal_kind("minnesanteckningar"));
    }
}
