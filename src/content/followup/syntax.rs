//! Finds the follow-up syntax in a meeting's Markdown, line by line, with its place in the
//! file: references `[[target]]`, status updates ("Uppföljning: <action id> klar – …"),
//! and case markers ("Ärende: KN 2024/57", or `case: Ny simhall` for any key). Fenced code is skipped. Lines, not Markdown
//! events, because every finding needs its line and column for `check`.

use crate::content::followup::types::{Place, Reference, Status, Unreadable, Update, Written};

/// What the scan needs: the body, where it starts in the file, where each item's heading is.
pub(crate) struct Body<'a> {
    pub(crate) text: &'a str,
    /// 1-based line of the body's first line in the file.
    pub(crate) first_line: usize,
    /// Per item, in order: (1-based line of its heading within the body, its number).
    pub(crate) items: &'a [(usize, String)],
    /// The words that start a status update ("Uppföljning", "Follow-up").
    pub(crate) update_words: &'a [String],
}

/// The words that say an action's state, in Swedish and English.
pub(crate) const STATUS_WORDS: &[(&str, Status)] = &[
    ("klar", Status::Done),
    ("klart", Status::Done),
    ("avklarad", Status::Done),
    ("avklarat", Status::Done),
    ("genomförd", Status::Done),
    ("genomfört", Status::Done),
    ("pågår", Status::Ongoing),
    ("pågående", Status::Ongoing),
    ("avskriven", Status::Dropped),
    ("avskrivet", Status::Dropped),
    ("utgår", Status::Dropped),
    ("öppen", Status::Open),
    ("done", Status::Done),
    ("completed", Status::Done),
    ("complete", Status::Done),
    ("closed", Status::Done),
    ("ongoing", Status::Ongoing),
    ("in progress", Status::Ongoing),
    ("dropped", Status::Dropped),
    ("cancelled", Status::Dropped),
    ("canceled", Status::Dropped),
    ("withdrawn", Status::Dropped),
    ("open", Status::Open),
];

/// The words that mark a case number on a line of its own in an item.
const CASE_WORDS: &[&str] = &["ärende", "case", "dnr", "diarienummer", "case number"];

/// Scans a body. Returns what it found, and per item (by position) the case number a
/// marker line gives it.
pub(crate) fn scan(body: &Body<'_>) -> (Written, Vec<Option<String>>) {
    let mut written = Written::default();
    let mut cases = vec![None; body.items.len()];
    let mut fence: Option<&str> = None;
    // After a bare "Uppföljning:" line, the list entries below it are updates.
    let mut in_update_list = false;
    for (index, line) in body.text.lines().enumerate() {
        let line_in_body = index + 1;
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            continue;
        }
        let item = item_at(body.items, line_in_body);
        let file_line = line_in_body + body.first_line - 1;
        let item_number = || item.map(|i| body.items[i].1.clone());
        for (target, column) in references_in(line) {
            written.references.push(Reference {
                target,
                item: item_number(),
                place: Place {
                    line: file_line,
                    column,
                    source_line: line.to_string(),
                },
            });
        }
        let content = strip_list_marker(trimmed);
        let is_list_entry = content.len() != trimmed.len();
        if trimmed.is_empty() {
            continue;
        }
        // Made only for the few lines that are updates (a copy of every line was most of
        // this scan's cost).
        let place = || Place {
            line: file_line,
            column: line.len() - trimmed.len() + 1,
            source_line: line.to_string(),
        };
        match strip_word(content, body.update_words) {
            Some(rest) if rest.trim().is_empty() => in_update_list = true,
            Some(rest) => {
                in_update_list = false;
                read_update(rest, item_number(), place(), &mut written);
            }
            None if in_update_list && is_list_entry => {
                read_update(content, item_number(), place(), &mut written)
            }
            None => {
                in_update_list = false;
                let case = case_key_marker(content).or_else(|| case_marker(content));
                if let (Some(i), Some(case)) = (item, case) {
                    cases[i].get_or_insert(case);
                }
            }
        }
    }
    (written, cases)
}

/// The item (by position) whose section holds the body line `line`.
fn item_at(items: &[(usize, String)], line: usize) -> Option<usize> {
    items.iter().rposition(|(start, _)| *start <= line)
}

/// `- `, `* `, `+ `, `1. `, `1) ` at the start of a line, left out.
fn strip_list_marker(line: &str) -> &str {
    for bullet in ["- ", "* ", "+ "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return rest.trim_start();
        }
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        let rest = &line[digits..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return rest.trim_start();
        }
    }
    line
}

/// Emphasis around a leading word: `**Uppföljning:**`, `*Case*:`.
fn strip_emphasis(text: &str) -> &str {
    text.trim_start_matches(['*', '_'])
}

/// The text after one of `words` and a colon at the start of `line` (emphasis and case
/// ignored), if it starts so.
fn strip_word<'t>(line: &'t str, words: &[String]) -> Option<&'t str> {
    let line = strip_emphasis(line);
    words.iter().find_map(|word| {
        let head = line.get(..word.len())?;
        if !head.eq_ignore_ascii_case(word)
            && !head
                .chars()
                .flat_map(char::to_lowercase)
                .eq(word.chars().flat_map(char::to_lowercase))
        {
            return None;
        }
        let rest = strip_emphasis(&line[word.len()..]);
        let rest = rest.strip_prefix(':')?;
        Some(strip_emphasis(rest).trim_start())
    })
}

/// "<id> klar – note", "[[id]]: done. Note", "id in progress".
fn read_update(text: &str, item: Option<String>, place: Place, written: &mut Written) {
    let text = text.trim();
    let (id, rest) = match text.strip_prefix("[[") {
        Some(inner) => match inner.split_once("]]") {
            Some((id, rest)) => (id.split('|').next().unwrap_or(id).trim(), rest),
            None => (inner, ""),
        },
        None => text.split_once(char::is_whitespace).unwrap_or((text, "")),
    };
    let id = id.trim_end_matches([':', ',']);
    // "Uppföljning: nätverket återkommer" is prose, not a follow-up of an action.
    if !text.starts_with("[[") && !looks_like_action_id(id) {
        return;
    }
    let rest = rest.trim_start_matches([':', ',', ' ', '–', '-']);
    let lower = rest.to_lowercase();
    let status = STATUS_WORDS.iter().find(|(word, _)| {
        lower.starts_with(word)
            && lower[word.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    });
    let Some(&(word, status)) = status.filter(|_| !id.is_empty()) else {
        written.unreadable.push(Unreadable {
            message: format!("cannot read the follow-up `{text}`"),
            hint: "write the action's id and its state: `Uppföljning: 2025-03-10-styrelsen/4-1 klar – note` \
                   (klar, pågår, avskriven; done, ongoing, dropped)"
                .into(),
            place,
        });
        return;
    };
    // Lower-casing can change byte lengths (the Kelvin sign): cut the original safely.
    let note = rest
        .get(word.len()..)
        .unwrap_or_default()
        .trim_start_matches(['.', ',', ':', ';', ' ', '–', '-'])
        .trim()
        .to_string();
    written.updates.push(Update {
        action: id.to_string(),
        status,
        note,
        item,
        place,
    });
}

/// `<meeting slug>/<item>-<n>`: a slash, then a number, a dash and a number.
fn looks_like_action_id(id: &str) -> bool {
    id.rsplit_once('/').is_some_and(|(slug, local)| {
        !slug.is_empty()
            && local.split_once('-').is_some_and(|(item, n)| {
                !item.is_empty() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
            })
    })
}

/// Each `[[target]]` or `[[target|label]]` on a line, with its 1-based column, skipping
/// inline code.
pub(crate) fn references_in(line: &str) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    // Every line of the minutes is read; few hold a reference.
    if memchr::memmem::find(line.as_bytes(), b"[[").is_none() {
        return found;
    }
    let mut in_code = false;
    let mut at = 0;
    while at < line.len() {
        let rest = &line[at..];
        if rest.starts_with('`') {
            in_code = !in_code;
            at += 1;
            continue;
        }
        if !in_code && rest.starts_with("[[") {
            if let Some(end) = rest[2..].find("]]") {
                let inner = &rest[2..2 + end];
                let target = inner.split('|').next().unwrap_or(inner).trim();
                if !target.is_empty() && !target.contains('[') {
                    let column = line[..at].chars().count() + 1;
                    found.push((target.to_string(), column));
                }
                at += 2 + end + 2;
                continue;
            }
        }
        at += rest.chars().next().map_or(1, char::len_utf8);
    }
    found
}

/// `case: Ny simhall` on a line of its own: the front matter's key, in lower case as
/// there, names the item's case by any key, a topic without a number too. Minutes that
/// write "Case:" or "Ärende:" before prose are not read as one (`case_marker` wants digits).
fn case_key_marker(line: &str) -> Option<String> {
    let value = strip_emphasis(strip_emphasis(line).strip_prefix("case:")?)
        .trim()
        .trim_end_matches(['*', '_'])
        .trim();
    let is_key = value.chars().count() <= 80 && value.chars().any(char::is_alphanumeric);
    is_key.then(|| value.to_string())
}

/// "Ärende: KN 2024/57", "Dnr KN 2024/57", "Case: FIN-2025-12" on a line of its own.
fn case_marker(line: &str) -> Option<String> {
    let line = strip_emphasis(line);
    // Only the opening can hold a case word: a paragraph is not lower-cased whole.
    let head_end = line.char_indices().nth(16).map_or(line.len(), |(i, _)| i);
    let lower = line[..head_end].to_lowercase();
    CASE_WORDS.iter().find_map(|word| {
        if !lower.starts_with(word) {
            return None;
        }
        let rest = strip_emphasis(line.get(word.len()..)?);
        let rest = rest.strip_prefix(':').or_else(|| {
            (*word == "dnr")
                .then(|| rest.strip_prefix([' ', '.']))
                .flatten()
        })?;
        let value = strip_emphasis(rest.trim())
            .trim_end_matches(['*', '_'])
            .trim();
        // A case number has digits ("KS 2025/1"); "Ärende: Budgetfrågan" is a title.
        let is_number = value.len() <= 60 && value.chars().any(|c| c.is_ascii_digit());
        is_number.then(|| value.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_text(text: &str) -> (Written, Vec<Option<String>>) {
        let items = vec![(1, "1".to_string()), (5, "2".to_string())];
        let words = vec!["Uppföljning".to_string(), "Follow-up".to_string()];
        scan(&Body {
            text,
            first_line: 10,
            items: &items,
            update_words: &words,
        })
    }

    #[test]
    fn updates_are_read_on_one_line_or_as_a_list() {
        let text = "## 1. Uppföljning\n\nUppföljning: 2025-01-10-styrelsen/4-1 klar – listan är skickad.\n\
                    ## 2. Matters arising\n**Follow-up:**\n\n- [[2025-01-10-board/2-1]] in progress\n- x/1-1 dropped\n";
        let (written, _) = scan_text(text);
        let got: Vec<(&str, Status, &str, Option<&str>, usize)> = written
            .updates
            .iter()
            .map(|u| {
                (
                    u.action.as_str(),
                    u.status,
                    u.note.as_str(),
                    u.item.as_deref(),
                    u.place.line,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "2025-01-10-styrelsen/4-1",
                    Status::Done,
                    "listan är skickad.",
                    Some("1"),
                    12
                ),
                ("2025-01-10-board/2-1", Status::Ongoing, "", Some("2"), 16),
                ("x/1-1", Status::Dropped, "", Some("2"), 17),
            ]
        );
        assert_eq!(written.references.len(), 1);
        assert!(written.unreadable.is_empty());
    }

    #[test]
    fn a_follow_up_line_in_prose_is_not_an_update() {
        let (written, _) = scan_text("Uppföljning: nätverket återkommer i frågan.\n");
        assert_eq!(written, Written::default());
    }

    #[test]
    fn a_follow_up_without_a_state_is_unreadable() {
        let (written, _) = scan_text("Uppföljning: 2025-01-10-styrelsen/4-1 ska göras\n");
        assert_eq!(written.unreadable.len(), 1);
        assert_eq!(
            (
                written.unreadable[0].place.line,
                written.unreadable[0].place.column
            ),
            (10, 1)
        );
    }

    #[test]
    fn references_have_columns_and_skip_code() {
        assert_eq!(
            references_in("Se [[a#8]] och `[[b]]`, även [[c/1-1|beslutet]]."),
            vec![("a#8".to_string(), 4), ("c/1-1".to_string(), 30)]
        );
        let (written, _) = scan_text("```\n[[x]]\n```\n[[y]]\n");
        assert_eq!(written.references.len(), 1);
        assert_eq!(written.references[0].place.line, 13);
    }

    #[test]
    fn case_numbers_come_from_marker_lines() {
        let (_, cases) =
            scan_text("## 1. A\n\nÄrende: KN 2024/57\n\n## 2. B\n**Dnr:** KS 2025/3\n");
        assert_eq!(
            cases,
            vec![Some("KN 2024/57".into()), Some("KS 2025/3".into())]
        );
        let (_, cases) = scan_text("## 1. A\n\nÄrende: Budgetfrågan\n");
        assert_eq!(cases, vec![None, None]);
    }

    #[test]
    fn a_lower_case_case_key_names_a_case_without_a_number() {
        let (_, cases) = scan_text("## 1. A\n\ncase: Ny simhall\n\n## 2. B\n**case:** KS 2025/3\n");
        assert_eq!(
            cases,
            vec![Some("Ny simhall".into()), Some("KS 2025/3".into())]
        );
        // Prose, or a key with nothing to name the case by, is text.
        let (_, cases) = scan_text("## 1. A\n\nCase: the council asked\n\n## 2. B\ncase: –\n");
        assert_eq!(cases, vec![None, None]);
    }
}
