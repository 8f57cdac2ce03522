//! The people: the organiser (given, or the organisation presenting most items) and the
//! participants from the lines of the list, with their organisations and notes.

use super::model::{plain, Attendee, Context, Field, ItemGuess};
use crate::content::markdown::{looks_like_name, split_heading_presenters, split_item_number};
use crate::content::registry::Registry;

/// The organiser: given, or the organisation presenting most often.
pub(super) fn guess_organiser(
    ctx: &Context<'_>,
    items: &[ItemGuess],
    fields: &mut Vec<Field>,
) -> Option<String> {
    if let Some(o) = ctx.organiser {
        let key = ctx.registry.resolve_organisation(o).map(str::to_string);
        fields.push(Field {
            name: "organiser",
            value: Some(key.clone().unwrap_or_else(|| o.to_string())),
            source: "--organiser".into(),
        });
        return Some(key.unwrap_or_else(|| o.to_string()));
    }
    let found = presenting_organisation(items, ctx.registry);
    fields.push(Field {
        name: "organiser",
        value: found.as_ref().map(|(k, _)| k.clone()),
        source: found.as_ref().map_or(
            "not found: no registered organisation among the presenters (pass --organiser)".into(),
            |(_, n)| format!("the organisation presenting most items ({n} of them)"),
        ),
    });
    found.map(|(k, _)| k)
}

/// The participants on the lines of the list, which `people_source` introduced.
pub(super) fn guess_attendees(
    people_lines: &[String],
    people_source: Option<&String>,
    registry: &Registry,
    fields: &mut Vec<Field>,
) -> Vec<Attendee> {
    let attendees: Vec<Attendee> = people_lines
        .iter()
        .flat_map(|line| attendees_of(line, registry))
        .collect();
    fields.push(Field {
        name: "attendees",
        value: (!attendees.is_empty()).then(|| attendees.len().to_string()),
        source: people_source.map_or(
            "not found: no Närvarande/Deltagare/Present list".into(),
            |s| format!("the list under \"{s}\""),
        ),
    });
    attendees
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
pub(super) fn attendees_of(line: &str, registry: &Registry) -> Vec<Attendee> {
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
