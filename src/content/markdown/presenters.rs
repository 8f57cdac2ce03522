//! Presenters and item numbers in headings: "8) Title", "§ 8 Title", a trailing
//! "(Name, Name och Name, Organisation)", and whether a part reads as a person's name.

/// "8) Title", "8. Title", "§ 8 Title" → (Some("8"), "Title").
pub(crate) fn split_item_number(heading: &str) -> (Option<String>, &str) {
    let trimmed = heading.trim();
    let (after_section_sign, has_sign) = match trimmed.strip_prefix('§') {
        Some(rest) => (rest.trim_start(), true),
        None => (trimmed, false),
    };
    let digits: String = after_section_sign
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    if digits.is_empty() {
        return (None, trimmed);
    }
    let after = &after_section_sign[digits.len()..];
    let rest = match after.chars().next() {
        Some(')' | '.' | ':') => &after[1..],
        _ if has_sign => after,
        _ => return (None, trimmed),
    };
    if rest.chars().next().is_some_and(|c| !c.is_whitespace()) {
        return (None, trimmed);
    }
    (Some(digits), rest.trim())
}

/// "Title (Name, Organisation)" → ("Title", Some("Name, Organisation")), when the
/// parenthesis reads as presenters (see [`looks_like_presenters`]).
pub(crate) fn split_heading_presenters(heading: &str) -> (&str, Option<&str>) {
    let trimmed = heading.trim();
    if !trimmed.ends_with(')') {
        return (trimmed, None);
    }
    let Some(open) = trimmed.rfind('(') else {
        return (trimmed, None);
    };
    let inner = trimmed[open + 1..trimmed.len() - 1].trim();
    let title = trimmed[..open].trim_end();
    if title.is_empty() || !looks_like_presenters(inner) {
        return (trimmed, None);
    }
    (title, Some(inner))
}

/// Splits a presenter text into its parts: "A, B och C, Org" → [A, B, C, Org].
pub(crate) fn presenter_parts(text: &str) -> Vec<&str> {
    presenter_parts_keeping(text, |_| false)
}

/// As [`presenter_parts`], but a comma-separated part for which `is_whole` holds is not
/// split at its conjunctions: "Sveriges Kommuner och Regioner" is one organisation.
pub(crate) fn presenter_parts_keeping(text: &str, is_whole: impl Fn(&str) -> bool) -> Vec<&str> {
    let mut parts = Vec::new();
    for part in text.split([',', ';']).map(|p| strip_conjunction(p.trim())) {
        if part.is_empty() {
            continue;
        }
        if is_whole(part) {
            parts.push(part);
            continue;
        }
        if has_separator(part) {
            parts.extend(split_at_separators(part));
        } else {
            parts.extend(without_separators(part));
        }
    }
    parts
}

/// One comma-separated part split at each of the [`SEPARATORS`] in turn, each piece
/// trimmed of white space and a leading conjunction.
pub(crate) fn split_at_separators(part: &str) -> Vec<&str> {
    let mut pieces = vec![part];
    for separator in SEPARATORS {
        pieces = pieces
            .into_iter()
            .flat_map(|p| p.split(separator))
            .map(|p| strip_conjunction(p.trim()))
            .filter(|p| !p.is_empty())
            .collect();
    }
    pieces
}

/// What [`split_at_separators`] makes of a part that holds none of them, without its five
/// lists: most parts are one name, and this runs for every heading with a parenthesis.
pub(crate) fn without_separators(part: &str) -> Option<&str> {
    let mut piece = part;
    for _ in SEPARATORS {
        piece = strip_conjunction(piece.trim());
    }
    (!piece.is_empty()).then_some(piece)
}

/// What joins two presenters inside one comma-separated part, split in this order.
pub(crate) const SEPARATORS: [&str; 5] = [" och ", " and ", " samt ", " & ", " / "];

/// Whether `part` holds one of the [`SEPARATORS`]. Each starts with a space, and a name has
/// one or two: testing at each space is cheaper than five substring searches.
pub(crate) fn has_separator(part: &str) -> bool {
    memchr::memchr_iter(b' ', part.as_bytes())
        .any(|at| SEPARATORS.iter().any(|s| part[at..].starts_with(s)))
}

/// "och Karin Engström" (after a comma) → "Karin Engström".
pub(crate) fn strip_conjunction(part: &str) -> &str {
    ["och ", "and ", "samt "]
        .iter()
        .find_map(|c| part.strip_prefix(c))
        .map_or(part, str::trim)
}

/// Whether a word list reads as a person's name: two to five words, each starting with a
/// capital letter ("Åsa F-T", "Greger B.", "Irene Nilsson-Carlsson").
pub(crate) fn looks_like_name(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !part.bytes().any(|b| b.is_ascii_digit())
}

/// Presenters are names and organisations: no digits, every part starting with a capital
/// letter, and at least one part that reads as a person's name.
pub(crate) fn looks_like_presenters(text: &str) -> bool {
    if text.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let parts = presenter_parts(text);
    !parts.is_empty()
        && parts.iter().all(|p| {
            p.chars().next().is_some_and(char::is_uppercase) && p.split_whitespace().count() <= 5
        })
        && parts.iter().any(|p| looks_like_name(p))
}
