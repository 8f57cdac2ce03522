//! How close an import comes to a meeting converted by hand: date, body, time, location,
//! attendees, item numbers and titles, decisions. Pairs are `NAME.<ext>` (the document)
//! and `NAME.expected.md` (the hand-converted meeting) in one folder; the `import-score`
//! example prints the table for any such folder, and the tests hold the seeds to it.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::base::config::{Language, SiteConfig};
use crate::base::diagnostic::{Error, Result};
use crate::base::slug::match_key;
use crate::content::frontmatter;
use crate::content::markdown::{parse_body, MarkdownOptions};

use super::{prepare, Archive, ImportOptions};

/// What a meeting file says, in the terms the score compares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub date: Option<String>,
    pub body: Option<String>,
    pub time: Option<String>,
    pub location: Option<String>,
    pub attendees: usize,
    /// (number, title) of each item.
    pub items: Vec<(String, String)>,
    pub decisions: usize,
}

/// The summary of a meeting file's text.
pub fn summary(text: &str, config: &SiteConfig) -> Summary {
    let path = Path::new("meeting.md");
    let (raw, body) = match frontmatter::split(text, path) {
        Ok(split) => (
            frontmatter::parse_meeting(&split, text, path).unwrap_or_default(),
            split.body,
        ),
        Err(_) => (Default::default(), text),
    };
    let language = raw
        .language
        .as_deref()
        .and_then(Language::from_code)
        .unwrap_or(config.language);
    let parsed = parse_body(body, &MarkdownOptions::for_site(config, language));
    Summary {
        date: raw.date.clone(),
        body: raw.body.clone(),
        time: raw.time.clone(),
        location: raw.location.clone(),
        attendees: raw.attendees.len(),
        items: parsed
            .items
            .iter()
            .map(|i| (i.number.clone(), i.title.clone()))
            .collect(),
        decisions: parsed.items.iter().map(|i| i.decisions.len()).sum(),
    }
}

/// One pair's scores.
#[derive(Debug, Clone)]
pub struct Row {
    pub name: String,
    pub expected: Summary,
    pub got: Option<Summary>,
    pub error: Option<String>,
    /// Items whose title matches one of the expected (in order), and whose number does too.
    pub titles_matched: usize,
    pub numbers_matched: usize,
}

impl Row {
    fn got(&self) -> Option<&Summary> {
        self.got.as_ref()
    }
    pub fn date_ok(&self) -> bool {
        self.got().is_some_and(|g| g.date == self.expected.date)
    }
    pub fn body_ok(&self) -> bool {
        self.got().is_some_and(|g| g.body == self.expected.body)
    }
    pub fn time_ok(&self) -> bool {
        self.got().is_some_and(|g| g.time == self.expected.time)
    }
    pub fn location_ok(&self) -> bool {
        self.got()
            .is_some_and(|g| g.location == self.expected.location)
    }
    pub fn decisions_ok(&self) -> bool {
        self.got()
            .is_some_and(|g| g.decisions == self.expected.decisions)
    }
    /// Share of item titles right: matched over the larger of expected and found, so that
    /// items made up count against it as much as items missed.
    pub fn title_share(&self) -> f64 {
        let found = self.got().map_or(0, |g| g.items.len());
        let out_of = self.expected.items.len().max(found);
        if out_of == 0 {
            1.0
        } else {
            self.titles_matched as f64 / out_of as f64
        }
    }
}

/// Every pair's row.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub rows: Vec<Row>,
}

/// Imports each document of the folder's pairs (into nothing: a dry run against the
/// archive at `root`, for its registries and bodies) and scores it.
pub fn score_folder(dir: &Path, root: &Path) -> Result<Table> {
    let site = Archive::open(root)?;
    let mut pairs: Vec<(PathBuf, PathBuf)> = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    files.sort();
    for expected in files
        .iter()
        .filter(|f| f.to_string_lossy().ends_with(".expected.md"))
    {
        let stem = expected
            .to_string_lossy()
            .trim_end_matches(".expected.md")
            .to_string();
        if let Some(document) = files.iter().find(|f| {
            !f.to_string_lossy().ends_with(".expected.md")
                && f.with_extension("").to_string_lossy() == stem
        }) {
            pairs.push((document.clone(), expected.clone()));
        }
    }
    let options = ImportOptions {
        root: root.to_path_buf(),
        dry_run: true,
        ..ImportOptions::default()
    };
    let mut rows = Vec::new();
    for (document, expected) in pairs {
        let text = std::fs::read_to_string(&expected).map_err(|e| Error::io(&expected, e))?;
        let expected_summary = summary(&text, &site.config);
        let (got, error) = match prepare(&document, &options, &site) {
            Ok(imported) => (Some(summary(&imported.markdown, &site.config)), None),
            // One line in the table: what went wrong and what to do.
            Err(e) => (
                None,
                Some(match &e.hint {
                    Some(hint) => format!("{}: {hint}", e.message),
                    None => e.message.clone(),
                }),
            ),
        };
        rows.push(score(
            document
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned(),
            expected_summary,
            got,
            error,
        ));
    }
    Ok(Table { rows })
}

/// Scores one import against its expected meeting.
pub fn score(name: String, expected: Summary, got: Option<Summary>, error: Option<String>) -> Row {
    let (mut titles_matched, mut numbers_matched) = (0, 0);
    if let Some(got) = &got {
        let mut from = 0;
        for (number, title) in &expected.items {
            let found = got.items[from..]
                .iter()
                .position(|(_, t)| same_title(t, title));
            if let Some(at) = found {
                titles_matched += 1;
                if got.items[from + at].0 == *number {
                    numbers_matched += 1;
                }
                from += at + 1;
            }
        }
    }
    Row {
        name,
        expected,
        got,
        error,
        titles_matched,
        numbers_matched,
    }
}

/// Titles are the same but for case, diacritics, punctuation and white space (or nearly).
pub fn same_title(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        match_key(s)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
    };
    let (a, b) = (norm(a), norm(b));
    a == b || strsim::normalized_levenshtein(&a, &b) >= 0.9
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mark = |ok: bool| if ok { "✓" } else { "✗" };
        writeln!(
            f,
            "| document | date | body | time | location | attendees | item numbers | item titles | decisions |"
        )?;
        writeln!(f, "| --- | --- | --- | --- | --- | --- | --- | --- | --- |")?;
        let (mut points, mut out_of) = (0.0, 0.0);
        for row in &self.rows {
            if let Some(error) = &row.error {
                writeln!(f, "| {} | failed: {error} | | | | | | | |", row.name)?;
                out_of += 8.0;
                continue;
            }
            let got = row
                .got
                .as_ref()
                .expect("a row without an error has a summary");
            let e = &row.expected;
            let attendees_ok = got.attendees == e.attendees;
            let numbers_share = if e.items.is_empty() {
                1.0
            } else {
                row.numbers_matched as f64 / e.items.len().max(got.items.len()) as f64
            };
            writeln!(
                f,
                "| {} | {} | {} | {} | {} | {} {}/{} | {}/{} | {}/{} ({:.0} %) | {} {}/{} |",
                row.name,
                mark(row.date_ok()),
                mark(row.body_ok()),
                mark(row.time_ok()),
                mark(row.location_ok()),
                mark(attendees_ok),
                got.attendees,
                e.attendees,
                row.numbers_matched,
                e.items.len().max(got.items.len()),
                row.titles_matched,
                e.items.len().max(got.items.len()),
                row.title_share() * 100.0,
                mark(row.decisions_ok()),
                got.decisions,
                e.decisions,
            )?;
            let bools = [
                row.date_ok(),
                row.body_ok(),
                row.time_ok(),
                row.location_ok(),
                attendees_ok,
                row.decisions_ok(),
            ];
            points +=
                bools.iter().filter(|b| **b).count() as f64 + numbers_share + row.title_share();
            out_of += 8.0;
        }
        if out_of > 0.0 {
            writeln!(
                f,
                "\nscore: {:.1} of {out_of:.0} ({:.0} %); attendees n/m = found/expected, items matched/max(expected, found)",
                points,
                points / out_of * 100.0
            )?;
        }
        Ok(())
    }
}
