//! Errors as values: a [`Diagnostic`] names a file, a line and a column, says what is wrong
//! and what to do. The CLI alone decides how to print them and which exit code to use.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one input file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    pub message: String,
    /// The offending line of the file, when there is one.
    pub source_line: Option<String>,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Diagnostic {
    pub(crate) fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: 0,
            column: 0,
            message: message.into(),
            source_line: None,
            hint: None,
        }
    }

    pub(crate) fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    /// Points the diagnostic at `line:column` and copies that line out of `text`.
    pub(crate) fn at(mut self, text: &str, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self.source_line = text
            .lines()
            .nth(line.saturating_sub(1))
            .filter(|_| line > 0)
            .map(|l| quoted_line(l.trim_end_matches('\r'), column));
        self
    }

    /// Points the diagnostic at the first occurrence of `needle` in `text` and quotes its
    /// line; at no place when `needle` does not occur. One search, and the line is cut out
    /// where it was found: `at` would walk the lines again (a site without registries
    /// has 22 such warnings a meeting, often far into the file).
    pub(crate) fn at_first(mut self, text: &str, needle: &str) -> Self {
        let Some(found) = first_position(text, needle) else {
            return self.at_position(0, 0);
        };
        self.line = found.line;
        self.column = found.column;
        let rest = &text[found.line_start..];
        let line = &rest[..memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len())];
        self.source_line = Some(quoted_line(line.trim_end_matches('\r'), found.column));
        self
    }

    /// Sets the location without quoting a line (for files that are not text).
    pub(crate) fn at_position(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column`, leaving out what is unknown.
    pub(crate) fn location(&self) -> String {
        let file = self.file.display();
        match (self.line, self.column) {
            (0, _) => format!("{file}"),
            (line, 0) => format!("{file}:{line}"),
            (line, column) => format!("{file}:{line}:{column}"),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {label}: {}", self.location(), self.message)?;
        if let Some(line) = &self.source_line {
            write!(f, "\n    | {line}")?;
            if self.column > 0 {
                // A long line is quoted around the column (see `quoted_line`).
                let caret = if line.starts_with(ELLIPSIS) && self.column > QUOTE_AFTER {
                    QUOTE_BEFORE + 1
                } else {
                    self.column - 1
                };
                let pad: String = line
                    .chars()
                    .take(caret)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                write!(f, "\n    | {pad}^")?;
            }
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n    = hint: {hint}")?;
        }
        Ok(())
    }
}

const ELLIPSIS: char = '…';
/// A quoted line is cut after this many characters past the column...
const QUOTE_AFTER: usize = 160;
/// ...and, when the column is further right than that, starts this many before it.
const QUOTE_BEFORE: usize = 80;

/// Where a text first holds a needle: 1-based line and column (in characters), and the
/// byte offset of that line's start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Position {
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) line_start: usize,
}

/// The first occurrence of `needle` in `text`: one search of the whole text, then the
/// lines before it counted. A needle across a line break is on no one line: not found.
pub(crate) fn first_position(text: &str, needle: &str) -> Option<Position> {
    if needle.is_empty() || needle.contains('\n') {
        return needle.is_empty().then_some(Position {
            line: 1,
            column: 1,
            line_start: 0,
        });
    }
    let at = memchr::memmem::find(text.as_bytes(), needle.as_bytes())?;
    let line_start = memchr::memrchr(b'\n', &text.as_bytes()[..at]).map_or(0, |i| i + 1);
    let line = memchr::memchr_iter(b'\n', &text.as_bytes()[..line_start]).count() + 1;
    Some(Position {
        line,
        column: text[line_start..at].chars().count() + 1,
        line_start,
    })
}

/// The line as a diagnostic quotes it: whole when short; otherwise a window around
/// `column` marked with `…` (an error on a 20 MB line must not print 20 MB).
fn quoted_line(line: &str, column: usize) -> String {
    let length = line.chars().count();
    if length <= QUOTE_AFTER * 2 {
        return line.to_string();
    }
    let column = column.max(1);
    let start = if column > QUOTE_AFTER {
        column - 1 - QUOTE_BEFORE
    } else {
        0
    };
    let window: String = line
        .chars()
        .skip(start)
        .take(QUOTE_BEFORE + QUOTE_AFTER)
        .collect();
    let before = if start > 0 {
        ELLIPSIS.to_string()
    } else {
        String::new()
    };
    let after = if start + QUOTE_BEFORE + QUOTE_AFTER < length {
        "…"
    } else {
        ""
    };
    format!("{before}{window}{after}")
}

/// Everything that can stop a build.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Problems in the content, the configuration or the templates: the user can fix them.
    #[error("{} problem(s) in the content", .0.iter().filter(|d| d.is_error()).count())]
    Content(Vec<Diagnostic>),
    /// Reading or writing failed.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The command was asked for something it must not do (e.g. an unsafe output folder).
    #[error("{0}")]
    Usage(String),
}

impl Error {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(crate) fn single(diagnostic: Diagnostic) -> Self {
        Error::Content(vec![diagnostic])
    }
}

pub(crate) type Result<T, E = Error> = std::result::Result<T, E>;

/// The values of `results` (say, one per page), or everything wrong with them: the
/// diagnostics of every failed item, a repeated message once, so that one run shows all
/// the problems; an error that is not about content (I/O) is returned as it is.
pub(crate) fn all_or_problems<T>(results: impl IntoIterator<Item = Result<T>>) -> Result<Vec<T>> {
    let mut values = Vec::new();
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(value) => values.push(value),
            Err(Error::Content(mut diagnostics)) => problems.append(&mut diagnostics),
            Err(other) => return Err(other),
        }
    }
    if problems.is_empty() {
        Ok(values)
    } else {
        problems.dedup_by(|a, b| a.message == b.message);
        Err(Error::Content(problems))
    }
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub(crate) fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| {
            (
                strsim::jaro_winkler(&word.to_lowercase(), &c.to_lowercase()),
                *c,
            )
        })
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_or_problems_gathers_every_diagnostic_once() {
        let ok: Vec<Result<u32>> = vec![Ok(1), Ok(2)];
        assert_eq!(all_or_problems(ok).unwrap(), vec![1, 2]);
        let bad = |m: &str| Err(Error::single(Diagnostic::error("t.html", m)));
        let Err(Error::Content(found)) = all_or_problems(vec![Ok(1), bad("a"), bad("a"), bad("b")])
        else {
            panic!("expected the problems");
        };
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages, ["a", "b"]);
        let io = Error::io(Path::new("x"), std::io::Error::other("disk"));
        assert!(matches!(
            all_or_problems(vec![bad("a"), Err(io)]),
            Err(Error::Io { .. })
        ));
    }

    #[test]
    fn positions_count_lines_and_characters_before_the_first_occurrence() {
        let text = "---\ntitle: Möte\n---\nÅsa Ek och Per Ek (SKR)\nPer Ek igen\n";
        let find_position = |needle| first_position(text, needle).map(|p| (p.line, p.column));
        assert_eq!(find_position("Per Ek"), Some((4, 12)));
        assert_eq!(find_position("---"), Some((1, 1)));
        assert_eq!(find_position("igen"), Some((5, 8)));
        assert_eq!(find_position("saknas"), None);
        // A needle across a line break is on no one line.
        assert_eq!(find_position("Möte\n---"), None);
    }

    #[test]
    fn at_first_points_where_at_would_and_nowhere_when_absent() {
        let text = "---\ntitle: Möte\r\n---\nÅsa Ek och Per Ek (SKR)\nPer Ek igen";
        for (needle, line, column) in [("Per Ek", 4, 12), ("Möte", 2, 8), ("igen", 5, 8)] {
            let found = Diagnostic::warning("a.md", "m").at_first(text, needle);
            let walked = Diagnostic::warning("a.md", "m").at(text, line, column);
            assert_eq!((found.line, found.column), (line, column), "{needle}");
            assert_eq!(found.source_line, walked.source_line, "{needle}");
            assert!(found.source_line.is_some());
        }
        let absent = Diagnostic::warning("a.md", "m").at_first(text, "saknas");
        assert_eq!(
            (absent.line, absent.column, absent.source_line),
            (0, 0, None)
        );
    }

    #[test]
    fn display_shows_location_line_caret_and_hint() {
        let text = "---\ndate: 2021-02-30\n---\n";
        let d = Diagnostic::error("content/a.md", "invalid date")
            .at(text, 2, 7)
            .with_hint("use YYYY-MM-DD");
        let shown = d.to_string();
        assert!(shown.starts_with("content/a.md:2:7: error: invalid date"));
        assert!(shown.contains("| date: 2021-02-30"));
        assert!(shown.contains("|       ^"));
        assert!(shown.contains("hint: use YYYY-MM-DD"));
    }

    #[test]
    fn a_long_line_is_quoted_around_the_column() {
        let line = format!("title: {}X{}", "a".repeat(10_000), "b".repeat(10_000));
        let text = format!("---\n{line}\n---\n");
        let d = Diagnostic::error("a.md", "x").at(&text, 2, 10_008);
        let quoted = d.source_line.clone().unwrap();
        assert!(quoted.chars().count() <= 242, "{}", quoted.len());
        assert!(quoted.starts_with('…') && quoted.ends_with('…'));
        let shown = d.to_string();
        let lines: Vec<&str> = shown.lines().collect();
        let caret = lines[2].chars().position(|c| c == '^').unwrap();
        assert_eq!(lines[1].chars().nth(caret), Some('X'), "{shown}");
        let short = Diagnostic::error("a.md", "x").at(&text, 2, 3);
        assert!(short.source_line.unwrap().starts_with("title: aaa"));
    }

    #[test]
    fn location_leaves_out_unknown_parts() {
        assert_eq!(Diagnostic::error("a.md", "x").location(), "a.md");
        let text = "one\ntwo\n";
        assert_eq!(
            Diagnostic::error("a.md", "x").at(text, 2, 0).location(),
            "a.md:2"
        );
    }
}
