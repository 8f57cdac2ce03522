//! Front matter: splits a meeting file into its YAML header and Markdown body, and reads
//! the header into a [`RawMeeting`] with line-accurate errors. Knows nothing of Markdown.

use std::path::Path;

use serde::Deserialize;

use crate::base::diagnostic::{did_you_mean, Diagnostic};

/// The front matter as written, before names are resolved.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMeeting {
    pub(crate) title: Option<String>,
    pub(crate) body: Option<String>,
    pub(crate) organiser: Option<String>,
    pub(crate) date: Option<String>,
    pub(crate) time: Option<String>,
    pub(crate) location: Option<String>,
    pub(crate) kind: Option<String>,
    pub(crate) language: Option<String>,
    pub(crate) chair: Option<RawParticipant>,
    #[serde(default)]
    pub(crate) scribes: Vec<RawParticipant>,
    #[serde(default)]
    pub(crate) attendees: Vec<RawParticipant>,
    #[serde(default)]
    pub(crate) tags: Vec<String>,
    #[serde(default)]
    pub(crate) attachments: Vec<RawAttachment>,
    #[serde(default)]
    pub(crate) draft: bool,
    /// Formal minutes (see `formal_front`); the Swedish header's words are aliases.
    #[serde(default, alias = "beslutande")]
    pub(crate) members: Vec<RawParticipant>,
    #[serde(default, alias = "ersättare")]
    pub(crate) substitutes: Vec<RawParticipant>,
    #[serde(default, alias = "frånvarande", alias = "apologies")]
    pub(crate) absent: Vec<RawParticipant>,
    #[serde(alias = "justering")]
    pub(crate) approval: Option<RawApproval>,
    #[serde(alias = "anslag")]
    pub(crate) posting: Option<RawPosting>,
    #[serde(alias = "paragrafer")]
    pub(crate) paragraphs: Option<RawParagraphs>,
    /// Earlier file names of the meeting, whose URLs redirect to it.
    #[serde(default)]
    pub(crate) aliases: Vec<String>,
    /// `planned` for a meeting yet to be held (its agenda, a kallelse); `held` by default.
    pub(crate) status: Option<String>,
    /// The case (a diarienummer or a topic's key) of every item without one of its own.
    #[serde(alias = "ärende")]
    pub(crate) case: Option<String>,
}

/// The keys a meeting's front matter may have (for did-you-mean hints).
pub(crate) const MEETING_KEYS: &[&str] = &[
    "title",
    "body",
    "organiser",
    "date",
    "time",
    "location",
    "kind",
    "language",
    "chair",
    "scribes",
    "attendees",
    "tags",
    "attachments",
    "draft",
    "members",
    "substitutes",
    "absent",
    "approval",
    "posting",
    "paragraphs",
    "aliases",
    "status",
    "case",
];

/// A participant: `"Name, Organisation"` or `{ name, organisation, role, note }`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub(crate) enum RawParticipant {
    Line(String),
    Entry(ParticipantEntry),
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ParticipantEntry {
    pub(crate) name: String,
    pub(crate) organisation: Option<String>,
    pub(crate) role: Option<String>,
    pub(crate) note: Option<String>,
    /// Formal minutes: the member's party ("S") and whom a substitute serves for.
    #[serde(alias = "parti")]
    pub(crate) party: Option<String>,
    #[serde(rename = "for", alias = "ersätter")]
    pub(crate) serving_for: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAttachment {
    pub(crate) title: Option<String>,
    pub(crate) file: Option<String>,
    pub(crate) url: Option<String>,
    /// Left out of a public build.
    #[serde(default)]
    pub(crate) internal: bool,
}

/// Justering / approval: `{ by: [justerare], place: ..., date: YYYY-MM-DD }`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawApproval {
    #[serde(default, alias = "justerare")]
    pub(crate) by: Vec<RawParticipant>,
    #[serde(alias = "plats")]
    pub(crate) place: Option<String>,
    #[serde(alias = "datum")]
    pub(crate) date: Option<String>,
}

/// Anslag / posting: `{ date: YYYY-MM-DD, kept_at: ... }`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPosting {
    #[serde(alias = "datum")]
    pub(crate) date: Option<String>,
    #[serde(alias = "förvaringsplats")]
    pub(crate) kept_at: Option<String>,
}

/// Paragrafer: `112–118`, `§ 112-118` or one number.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub(crate) enum RawParagraphs {
    Number(u32),
    Text(String),
}

/// A meeting file cut in two.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Split<'a> {
    pub(crate) yaml: &'a str,
    /// 1-based line of the first YAML line in the file.
    pub(crate) yaml_line: usize,
    pub(crate) body: &'a str,
    /// 1-based line of the first body line in the file.
    pub(crate) body_line: usize,
}

/// Cuts `text` (BOM already removed) at its `---` fences.
pub(crate) fn split<'a>(text: &'a str, file: &Path) -> Result<Split<'a>, Diagnostic> {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != "---" {
        let hint = "start the file with a line `---`, then the YAML keys (date, body, ...), \
                    then a closing `---`";
        let message = if text.trim().is_empty() {
            "the file is empty; a meeting needs front matter"
        } else {
            "a meeting must start with YAML front matter"
        };
        return Err(Diagnostic::error(file, message)
            .at(text, 1, 1)
            .with_hint(hint));
    }
    let mut offset = first_line_end;
    let mut line = 2;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        let content = text[offset..end].trim_end();
        if content == "---" || content == "..." {
            return Ok(Split {
                yaml: &text[first_line_end..offset],
                yaml_line: 2,
                body: &text[end..],
                body_line: line + 1,
            });
        }
        offset = end;
        line += 1;
    }
    Err(
        Diagnostic::error(file, "the front matter has no closing `---`")
            .at(text, 1, 1)
            .with_hint("add a line `---` after the last YAML key, before the minutes"),
    )
}

/// The largest front matter, in bytes: the longest real one is under 2 KiB, and every
/// value in it is copied into a dozen pages, feeds and indexes (a title ~270 times over).
pub(crate) const MAX_FRONT_MATTER: usize = 64 * 1024;

/// How deeply lists and maps may nest in YAML (`[[...]]`, `{a: {b: ...}}`): a meeting
/// needs three levels; the YAML parser takes quadratic time on deep flow nesting.
pub(crate) const MAX_YAML_DEPTH: usize = 32;

/// Parses the YAML of a split file into a [`RawMeeting`].
pub(crate) fn parse_meeting(
    split: &Split<'_>,
    text: &str,
    file: &Path,
) -> Result<RawMeeting, Diagnostic> {
    if split.yaml.len() > MAX_FRONT_MATTER {
        let offset = split.yaml.as_ptr() as usize - text.as_ptr() as usize;
        let mut at = offset + MAX_FRONT_MATTER;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let (line, column) = crate::base::config::line_column(text, at);
        return Err(Diagnostic::error(
            file,
            format!(
                "the front matter is {} KiB; at most {} KiB are allowed",
                split.yaml.len().div_ceil(1024),
                MAX_FRONT_MATTER / 1024
            ),
        )
        .at(text, line, column)
        .with_hint(
            "front matter holds short values (title, date, participants); put long text in \
             the minutes below the closing `---`",
        ));
    }
    if let Some(diagnostic) = find_tab_indent(split, text, file) {
        return Err(diagnostic);
    }
    if let Some((line, column)) = too_deep(split.yaml, MAX_YAML_DEPTH) {
        return Err(depth_diagnostic(file).at(text, split.yaml_line + line - 1, column));
    }
    if let Some(diagnostic) = find_over_indented_item(split, text, file) {
        return Err(diagnostic);
    }
    serde_yaml_ng::from_str::<Option<RawMeeting>>(split.yaml)
        .map(Option::unwrap_or_default)
        .map_err(|e| yaml_diagnostic(&e, split, text, file))
}

/// The error for YAML nested deeper than [`MAX_YAML_DEPTH`].
pub(crate) fn depth_diagnostic(file: &Path) -> Diagnostic {
    Diagnostic::error(
        file,
        format!("the YAML nests lists or maps more than {MAX_YAML_DEPTH} levels deep"),
    )
    .with_hint("a meeting needs at most three levels, e.g. attendees: [{ name: ... }]")
}

/// The 1-based line and column (in characters) where `yaml` first opens a flow list or
/// map (`[`, `{`) beyond `limit` levels. Quoted strings and comments are skipped, and a
/// bracket inside a plain word (`a[1]`) opens nothing. (Block nesting needs ever deeper
/// indentation, so it cannot grow fast within [`MAX_FRONT_MATTER`].)
pub(crate) fn too_deep(yaml: &str, limit: usize) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (i, line) in yaml.lines().enumerate() {
        let mut previous: Option<char> = None; // the last character that is not a space
        let mut after_space = true;
        let mut escaped = false;
        let mut chars = line.chars().enumerate().peekable();
        while let Some((column, c)) = chars.next() {
            if let Some(q) = quote {
                if escaped {
                    escaped = false;
                } else if q == '"' && c == '\\' {
                    escaped = true;
                } else if c == q {
                    if q == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') {
                        chars.next();
                    } else {
                        quote = None;
                        previous = Some(c);
                    }
                }
                continue;
            }
            let starts_value = matches!(previous, None | Some(':' | '-' | ',' | '[' | '{' | '?'));
            match c {
                '#' if after_space => break,
                '"' | '\'' if starts_value => quote = Some(c),
                '[' | '{' if starts_value => {
                    depth += 1;
                    if depth > limit {
                        return Some((i + 1, column + 1));
                    }
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
            after_space = c.is_whitespace();
            if !after_space {
                previous = Some(c);
            }
        }
    }
    None
}

/// YAML forbids tabs for indentation; libyaml's own message for them is obscure.
fn find_tab_indent(split: &Split<'_>, text: &str, file: &Path) -> Option<Diagnostic> {
    split.yaml.lines().enumerate().find_map(|(i, line)| {
        let indent: String = line.chars().take_while(|c| c.is_whitespace()).collect();
        indent.contains('\t').then(|| {
            let column = indent.find('\t').unwrap_or(0) + 1;
            Diagnostic::error(file, "a tab is used for indentation in the front matter")
                .at(text, split.yaml_line + i, column)
                .with_hint("YAML allows only spaces for indentation: replace the tab by spaces")
        })
    })
}

/// A list item indented deeper than the plain item above it: YAML reads it as the rest of
/// that item, so `- Tom Baker` and `    - Priya Shah` would become one person, "Tom Baker -
/// Priya Shah".
fn find_over_indented_item(split: &Split<'_>, text: &str, file: &Path) -> Option<Diagnostic> {
    let mut previous: Option<(usize, &str)> = None;
    for (i, line) in split.yaml.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = line.len() - trimmed.len();
        let is_item = trimmed == "-" || trimmed.starts_with("- ");
        if let Some((above, item)) = previous {
            let plain = !item.ends_with(':') && !item.starts_with(['{', '[', '"', '\'', '|', '>']);
            if is_item && indent > above && plain {
                return Some(
                    Diagnostic::error(
                        file,
                        "this `- ` is indented deeper than the list item above it, so YAML reads it as the rest of that item",
                    )
                    .at(text, split.yaml_line + i, indent + 1)
                    .with_hint(format!(
                        "indent every `- ` of a list alike: {} spaces, as the line above",
                        above
                    )),
                );
            }
        }
        previous = is_item.then(|| (indent, trimmed[1..].trim()));
    }
    None
}

/// The line and column of an unclosed `[` or `{` before `line` (1-based, in the YAML),
/// which YAML reports only at the next line.
fn unclosed_bracket(yaml: &str, line: usize) -> Option<(usize, usize, char)> {
    let lines: Vec<&str> = yaml.lines().take(line).collect();
    lines.iter().enumerate().rev().find_map(|(i, l)| {
        let opens = l.matches(['[', '{']).count();
        let closes = l.matches([']', '}']).count();
        (opens > closes).then(|| {
            let at = l.rfind(['[', '{']).unwrap_or(0);
            let bracket = if l[at..].starts_with('[') { ']' } else { '}' };
            (i + 1, l[..at].chars().count() + 1, bracket)
        })
    })
}

fn yaml_diagnostic(
    error: &serde_yaml_ng::Error,
    split: &Split<'_>,
    text: &str,
    file: &Path,
) -> Diagnostic {
    let raw = error.to_string();
    // serde_yaml appends " at line L column C"; the location is given separately.
    let message = raw
        .split(" at line ")
        .next()
        .unwrap_or(&raw)
        .trim()
        .to_string();
    let (line, column) = locate_yaml_error(&message, split.yaml)
        .or_else(|| error.location().map(|l| (l.line(), l.column())))
        .map_or((split.yaml_line, 1), |(line, column)| {
            (split.yaml_line + line - 1, column)
        });
    let mut hint = yaml_hint(&message);
    let (mut line, mut column) = (line, column);
    if message.contains("did not find expected ',' or ']'")
        || message.contains("did not find expected ',' or '}'")
    {
        if let Some((l, c, bracket)) = unclosed_bracket(split.yaml, line + 1 - split.yaml_line) {
            (line, column) = (split.yaml_line + l - 1, c);
            hint = Some(format!(
                "this list is not closed: end it with `{bracket}` on the same line, e.g. `tags: [a, b]`"
            ));
        }
    }
    let diagnostic =
        Diagnostic::error(file, format!("front matter: {message}")).at(text, line, column);
    match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    }
}

/// Where in `yaml` (1-based line, column) an error the YAML library reports without a
/// useful place lies: the second `key:` of a duplicate key, the first alias (`*name`) of
/// an alias expanding too far.
pub(crate) fn locate_yaml_error(message: &str, yaml: &str) -> Option<(usize, usize)> {
    let duplicate = message
        .strip_prefix("duplicate entry with key \"")
        .or_else(|| message.strip_prefix("duplicate field `"));
    if let Some(rest) = duplicate {
        let key = rest.strip_suffix(['"', '`']).unwrap_or(rest);
        let pattern = format!("{key}:");
        let mut found = yaml.lines().enumerate().flat_map(|(i, line)| {
            let pattern = pattern.clone();
            line.match_indices(&pattern)
                .filter(move |(at, _)| {
                    line[..*at]
                        .chars()
                        .next_back()
                        .is_none_or(|c| matches!(c, ' ' | '{' | ',' | '-' | '"' | '\''))
                })
                .map(move |(at, _)| (i + 1, line[..at].chars().count() + 1))
                .collect::<Vec<_>>()
        });
        return found.nth(1);
    }
    if message.contains("repetition limit exceeded") || message.contains("recursion limit") {
        return yaml.lines().enumerate().find_map(|(i, line)| {
            line.char_indices()
                .find(|&(at, c)| {
                    c == '*'
                        && line[..at]
                            .chars()
                            .next_back()
                            .is_none_or(|p| matches!(p, ' ' | '[' | ',' | '{'))
                })
                .map(|(at, _)| (i + 1, line[..at].chars().count() + 1))
        });
    }
    None
}

/// A hint for the usual YAML mistakes, including did-you-mean for unknown keys.
fn yaml_hint(message: &str) -> Option<String> {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let unknown = rest.split('`').next().unwrap_or_default();
        let known: &[&str] = if message.contains("`name`") && !message.contains("`attendees`") {
            &[
                "name",
                "organisation",
                "role",
                "note",
                "party",
                "for",
                "title",
                "file",
                "url",
            ]
        } else {
            MEETING_KEYS
        };
        return Some(match did_you_mean(unknown, known) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("known keys are: {}", known.join(", ")),
        });
    }
    if message.contains("mapping values are not allowed") {
        return Some("a value containing \": \" must be quoted: key: \"a: b\"".into());
    }
    if message.contains("did not match any variant of untagged enum RawParticipant") {
        return Some(
            "write a participant as \"Name, Organisation\" or { name: ..., organisation: ..., role: ..., note: ... }"
                .into(),
        );
    }
    if message.contains("duplicate entry") || message.contains("duplicate field") {
        return Some("each key may appear once; remove or merge the repeated one".into());
    }
    if message.contains("repetition limit exceeded") {
        return Some("an alias (*name) expands to too much text; write the values out".into());
    }
    if message.contains("expected a boolean") {
        return Some(
            "write `true` or `false` (`yes`, `no`, `ja` and `nej` are read as text)".into(),
        );
    }
    if message.contains("invalid type") && message.contains("expected a sequence") {
        return Some("check the value's type: lists are written [a, b] or as `- a` lines".into());
    }
    if message.contains("invalid type") {
        return Some(
            "check the value's type: text, a list ([a, b] or `- a` lines), or true/false".into(),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<RawMeeting, Diagnostic> {
        let file = Path::new("m.md");
        let split = split(text, file)?;
        parse_meeting(&split, text, file)
    }

    #[test]
    fn splits_front_matter_and_body() {
        let text = "---\ndate: 2020-09-15\n---\n## Item\n";
        let s = split(text, Path::new("m.md")).unwrap();
        assert_eq!(s.yaml, "date: 2020-09-15\n");
        assert_eq!(s.body, "## Item\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn accepts_crlf_fences() {
        let text = "---\r\ndate: 2020-09-15\r\n---\r\nText\r\n";
        let s = split(text, Path::new("m.md")).unwrap();
        assert_eq!(s.body, "Text\r\n");
    }

    #[test]
    fn missing_closing_fence_is_reported_at_line_one() {
        let e = parse("---\ndate: 2020-09-15\n## Item\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("no closing"));
    }

    #[test]
    fn empty_file_and_missing_front_matter_are_errors() {
        assert!(parse("").unwrap_err().message.contains("empty"));
        assert!(parse("# Minutes\n")
            .unwrap_err()
            .message
            .contains("must start"));
    }

    #[test]
    fn reads_participants_in_both_forms() {
        let m = parse(
            "---\ndate: 2022-01-28\nchair: Lisbeth Olsson, Sotenäs\nattendees:\n  - Sirene Johansson, Tanum\n  - { name: Karin Engström, organisation: Fyrbodals kommunalförbund, note: förmiddag }\n---\n",
        )
        .unwrap();
        assert_eq!(
            m.chair,
            Some(RawParticipant::Line("Lisbeth Olsson, Sotenäs".into()))
        );
        assert_eq!(m.attendees.len(), 2);
        let RawParticipant::Entry(e) = &m.attendees[1] else {
            panic!()
        };
        assert_eq!(e.note.as_deref(), Some("förmiddag"));
    }

    #[test]
    fn unknown_key_points_at_its_line_with_did_you_mean() {
        let e = parse("---\ndate: 2020-09-15\ntitel: X\n---\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert_eq!(e.column, 1);
        assert!(e.message.contains("unknown field `titel`"), "{}", e.message);
        assert_eq!(e.hint.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn yaml_syntax_error_has_file_line() {
        let e = parse("---\ndate: 2020-09-15\ntitle: [unclosed\n---\n").unwrap_err();
        assert!(e.line >= 3, "{e:?}");
        assert!(e.source_line.is_some());
    }

    #[test]
    fn tab_indentation_is_named() {
        let e = parse("---\nattendees:\n\t- A B, C\n---\n").unwrap_err();
        assert_eq!((e.line, e.column), (3, 1));
        assert!(e.message.contains("tab"));
    }

    #[test]
    fn empty_front_matter_is_allowed_by_the_parser() {
        assert!(parse("---\n---\nText").unwrap().date.is_none());
    }
}
