//! Site configuration: reads `site.toml`. Every key has a default, so an empty file or no
//! file at all gives a working site.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::base::diagnostic::{Diagnostic, Error, Result};
use crate::base::formal_words::{self, Defaults, RecordKind};

/// Words per language, as in `[extract]`.
pub(crate) type Words = BTreeMap<Language, Vec<String>>;

/// The language lives in its own leaf module, so that the `[audience]` section can name it.
pub use crate::base::language::Language;

/// How internal links are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LinkStyle {
    /// `../../meetings/`: works under any sub-path (the default).
    Relative,
    /// `/minnen/meetings/`: rooted at the path of `base_url`.
    Absolute,
    /// `../../meetings/index.html`: works when the site is opened straight from disk.
    File,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct SiteConfig {
    pub(crate) title: String,
    pub(crate) description: String,
    pub(crate) base_url: String,
    pub language: Language,
    pub(crate) theme: String,
    pub(crate) timezone: String,
    pub(crate) build: BuildConfig,
    pub(crate) markdown: MarkdownConfig,
    pub(crate) extract: ExtractConfig,
    /// Internal and public builds (`--audience`).
    pub(crate) audience: crate::base::audience::AudienceConfig,
    /// A logo for the site header: a file in `static/` (`logo = "logo.svg"`).
    pub(crate) logo: Option<String>,
    /// The header and link colour, `#rrggbb` (`accent = "#7a1f5c"`): a dark colour, as
    /// the header's text is white.
    pub(crate) accent: Option<String>,
    /// What is questionable in site.toml but does not stop a build.
    #[serde(skip)]
    pub(crate) warnings: Vec<Diagnostic>,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: "Minnesanteckningar".into(),
            description: String::new(),
            base_url: "http://localhost:1111/".into(),
            language: Language::Sv,
            theme: "default".into(),
            timezone: "Europe/Stockholm".into(),
            build: BuildConfig::default(),
            markdown: MarkdownConfig::default(),
            extract: ExtractConfig::default(),
            audience: crate::base::audience::AudienceConfig::default(),
            logo: None,
            accent: None,
            warnings: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct BuildConfig {
    pub(crate) output_dir: PathBuf,
    pub(crate) links: LinkStyle,
    pub(crate) drafts: bool,
    /// A person's, organisation's or body's page listing more meetings than this lists
    /// its newest year and links to a page per year (graph/by_year.rs).
    pub(crate) split_by_year_above: usize,
}

/// The default of `[build] split_by_year_above`. Measured on a generated site: a meeting
/// listed on a person's page takes about 0.55 KB of HTML, and again as much when they
/// presented an item there (300 meetings attended and presented: 334 KB); an organisation's
/// page lists organised and presented meetings in full (300 of each with its capped lists:
/// 446 KB). 200 meetings keep such pages near 220 KB and 300 KB, and each year page as
/// small unless one year alone has more; the example site's regulars stay far below.
pub(crate) const SPLIT_BY_YEAR_ABOVE: usize = 200;

impl Default for BuildConfig {
    fn default() -> Self {
        BuildConfig {
            output_dir: PathBuf::from("public"),
            links: LinkStyle::Relative,
            drafts: false,
            split_by_year_above: SPLIT_BY_YEAR_ABOVE,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct MarkdownConfig {
    pub(crate) highlight_code: bool,
    pub(crate) smart_punctuation: bool,
    pub(crate) allow_html: bool,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            highlight_code: true,
            smart_punctuation: true,
            allow_html: true,
        }
    }
}

/// Words that start a decision or action paragraph, per language.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct ExtractConfig {
    pub(crate) decision: BTreeMap<Language, Vec<String>>,
    pub(crate) action: BTreeMap<Language, Vec<String>>,
    /// Formal minutes (see `base::formal_words`).
    pub(crate) resolution: Words,
    pub(crate) proposal: Words,
    pub(crate) case_number: Words,
    pub(crate) vote: Words,
    pub(crate) reservation: Words,
    pub(crate) interest: Words,
    pub(crate) note: Words,
    pub(crate) motion: Words,
    pub(crate) sent_to: Words,
    /// Words that start a line recording an earlier action's state ("Uppföljning:").
    pub(crate) follow_up: BTreeMap<Language, Vec<String>>,
}

impl Default for ExtractConfig {
    fn default() -> Self {
        let words = |sv: &[&str], en: &[&str]| {
            BTreeMap::from([
                (Language::Sv, sv.iter().map(|s| s.to_string()).collect()),
                (Language::En, en.iter().map(|s| s.to_string()).collect()),
            ])
        };
        ExtractConfig {
            decision: words(&["Beslut"], &["Decision", "Resolved", "Resolution"]),
            action: words(&["Åtgärd", "Uppdrag"], &["Action"]),
            resolution: defaults(formal_words::RESOLUTION),
            proposal: defaults(formal_words::PROPOSAL),
            case_number: defaults(formal_words::CASE_NUMBER),
            vote: defaults(formal_words::VOTE),
            reservation: defaults(formal_words::RESERVATION),
            interest: defaults(formal_words::INTEREST),
            note: defaults(formal_words::NOTE),
            motion: defaults(formal_words::MOTION),
            sent_to: defaults(formal_words::SENT_TO),
            follow_up: words(&["Uppföljning"], &["Follow-up", "Follow up"]),
        }
    }
}

/// The `[extract]` map of a formal-minutes default.
fn defaults((sv, en): Defaults) -> Words {
    BTreeMap::from([
        (Language::Sv, sv.iter().map(|s| s.to_string()).collect()),
        (Language::En, en.iter().map(|s| s.to_string()).collect()),
    ])
}

impl ExtractConfig {
    pub(crate) fn decision_words(&self, language: Language) -> &[String] {
        self.decision.get(&language).map_or(&[], Vec::as_slice)
    }

    pub(crate) fn action_words(&self, language: Language) -> &[String] {
        self.action.get(&language).map_or(&[], Vec::as_slice)
    }

    /// The phrases that end a decision's lead ("beslutar att") and a proposal's.
    pub(crate) fn lead_words(&self, language: Language) -> (&[String], &[String]) {
        (
            self.resolution.get(&language).map_or(&[], Vec::as_slice),
            self.proposal.get(&language).map_or(&[], Vec::as_slice),
        )
    }

    /// The paragraph starts of one kind of item record.
    pub(crate) fn record_words(&self, kind: RecordKind, language: Language) -> &[String] {
        let words = match kind {
            RecordKind::CaseNumber => &self.case_number,
            RecordKind::Vote => &self.vote,
            RecordKind::Reservation => &self.reservation,
            RecordKind::Interest => &self.interest,
            RecordKind::Note => &self.note,
            RecordKind::Motion => &self.motion,
            RecordKind::SentTo => &self.sent_to,
        };
        words.get(&language).map_or(&[], Vec::as_slice)
    }

    /// Every language's follow-up words: a follow-up is read whatever the minutes' language.
    pub(crate) fn follow_up_words(&self) -> Vec<String> {
        self.follow_up.values().flatten().cloned().collect()
    }
}

impl SiteConfig {
    /// Reads `<root>/site.toml`; a missing file gives the defaults.
    pub(crate) fn load(root: &Path) -> Result<Self> {
        let path = root.join("site.toml");
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => return Err(Error::io(&path, e)),
        };
        let config = Self::parse(&text, &path)?;
        if let Some(logo) = config.logo_path() {
            if !root.join("static").join(logo).is_file() {
                return Err(Error::single(
                    Diagnostic::error(&path, format!("site.toml: no logo file static/{logo}"))
                        .at(text.as_str(), key_line(&text, "logo"), 1)
                        .with_hint("put the logo (SVG or PNG) in the static/ folder, and name it in `logo = \"…\"` as it is named there"),
                ));
            }
        }
        Ok(config)
    }

    /// The logo's path inside `static/`, when there is one.
    pub(crate) fn logo_path(&self) -> Option<&str> {
        self.logo
            .as_deref()
            .map(|l| l.trim().trim_start_matches('/'))
            .filter(|l| !l.is_empty())
    }

    /// The accent colour, when set.
    pub(crate) fn accent(&self) -> Option<&str> {
        self.accent.as_deref()
    }

    pub(crate) fn parse(text: &str, path: &Path) -> Result<Self> {
        let mut config: SiteConfig = toml::from_str(text).map_err(|e| {
            let (line, column) = e
                .span()
                .map(|span| line_column(text, span.start))
                .unwrap_or((0, 0));
            let message = e.message().to_string();
            Error::single(
                Diagnostic::error(path, format!("site.toml: {message}"))
                    .at(text, line, column)
                    .with_hint("see the site.toml section of the README for every key"),
            )
        })?;
        if !config.base_url.ends_with('/') {
            config.base_url.push('/');
        }
        config.warnings.extend(config.timezone_warning(text, path));
        if let Some(accent) = config.accent.as_deref() {
            let hex = accent.strip_prefix('#').unwrap_or("");
            let valid = matches!(hex.len(), 3 | 6) && hex.chars().all(|c| c.is_ascii_hexdigit());
            if !valid {
                return Err(Error::single(
                    Diagnostic::error(path, format!("site.toml: accent `{accent}` is not a colour"))
                        .at(text, key_line(text, "accent"), 1)
                        .with_hint("write the colour as #rrggbb, e.g. accent = \"#7a1f5c\"; pick a dark one, the header's text is white"),
                ));
            }
        }
        Ok(config)
    }

    /// A warning when `timezone` is not a zone quorum knows: the feeds then give their
    /// times in UTC, which a secretary would not notice until a feed reader shows them.
    fn timezone_warning(&self, text: &str, path: &Path) -> Option<Diagnostic> {
        let any_date = chrono::NaiveDate::from_ymd_opt(2000, 1, 1)?;
        if crate::base::time::utc_offset(&self.timezone, any_date).is_some() {
            return None;
        }
        let known = "quorum knows UTC, fixed offsets such as +01:00, and the zones of the EU \
                     and EFTA such as Europe/Stockholm";
        let hint = match crate::base::time::closest_zone(&self.timezone) {
            Some(zone) => format!("did you mean `{zone}`? {known}"),
            None => known.to_string(),
        };
        let (line, column) = text
            .lines()
            .enumerate()
            .find(|(_, l)| l.trim_start().starts_with("timezone"))
            .map_or((0, 0), |(i, l)| {
                (i + 1, l.find(self.timezone.as_str()).map_or(1, |c| c + 1))
            });
        let message = format!(
            "timezone `{}` is not a zone quorum knows: the feeds give their times in UTC",
            self.timezone
        );
        Some(
            Diagnostic::warning(path, message)
                .at(text, line, column)
                .with_hint(hint),
        )
    }

    /// The absolute URL of a site path (`/meetings/x/` → `https://host/base/meetings/x/`).
    pub(crate) fn absolute_url(&self, path: &str) -> String {
        let base = self.base_url.trim_end_matches('/');
        format!("{base}/{}", path.trim_start_matches('/'))
    }

    /// The path part of `base_url`, always starting and ending with `/`.
    pub(crate) fn base_path(&self) -> String {
        let without_scheme = self
            .base_url
            .split_once("://")
            .map_or(self.base_url.as_str(), |(_, rest)| rest);
        let path = without_scheme
            .find('/')
            .map_or("/", |i| &without_scheme[i..]);
        if path.ends_with('/') {
            path.to_string()
        } else {
            format!("{path}/")
        }
    }
}

/// The 1-based line of a top-level `key =` in site.toml (0 when absent).
fn key_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(0, |i| i + 1)
}

/// Finds 1-based lines and columns of byte offsets in one text, in O(log n) each (the
/// Markdown step asks for one per heading and link; counting from the start each time
/// made large files quadratic).
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    pub(crate) fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }
}

/// 1-based line and column of a byte offset.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rfind('\n')
        .map_or(before, |i| &before[i + 1..])
        .chars()
        .count()
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_gives_defaults() {
        let c = SiteConfig::parse("", Path::new("site.toml")).unwrap();
        assert_eq!(c.language, Language::Sv);
        assert_eq!(c.build.links, LinkStyle::Relative);
        assert_eq!(c.build.split_by_year_above, SPLIT_BY_YEAR_ABOVE);
        assert_eq!(c.extract.decision_words(Language::Sv), ["Beslut"]);
    }

    #[test]
    fn reads_every_section() {
        let text = r#"
title = "T"
base_url = "https://intranet.example.se/minnen"
language = "en"
[build]
links = "file"
drafts = true
split_by_year_above = 50
[markdown]
allow_html = false
[extract]
decision = { sv = ["Beslut", "Beslutades"] }
"#;
        let c = SiteConfig::parse(text, Path::new("site.toml")).unwrap();
        assert_eq!(c.base_url, "https://intranet.example.se/minnen/");
        assert_eq!(c.base_path(), "/minnen/");
        assert_eq!(c.language, Language::En);
        assert_eq!(c.build.links, LinkStyle::File);
        assert!(c.build.drafts);
        assert_eq!(c.build.split_by_year_above, 50);
        assert!(!c.markdown.allow_html);
        assert_eq!(c.extract.decision_words(Language::Sv).len(), 2);
        assert!(c.extract.decision_words(Language::En).is_empty());
    }

    #[test]
    fn unknown_key_is_an_error_with_a_line() {
        let text = "title = \"T\"\n[build]\nlinks = \"relativ\"\n";
        let Err(Error::Content(d)) = SiteConfig::parse(text, Path::new("site.toml")) else {
            panic!("expected an error");
        };
        assert_eq!(d[0].line, 3);
        assert!(d[0].message.contains("relativ"), "{}", d[0].message);
    }

    #[test]
    fn an_unknown_timezone_is_a_warning_with_a_suggestion() {
        let text = "title = \"T\"\ntimezone = \"Europe/Stockhlom\"\n";
        let config = SiteConfig::parse(text, Path::new("site.toml")).unwrap();
        let [warning] = config.warnings.as_slice() else {
            panic!("one warning expected: {:?}", config.warnings);
        };
        assert_eq!(warning.severity, crate::base::diagnostic::Severity::Warning);
        assert_eq!((warning.line, warning.column), (2, 13));
        assert!(
            warning.message.contains("`Europe/Stockhlom`"),
            "{}",
            warning.message
        );
        assert!(warning.message.contains("UTC"));
        let hint = warning.hint.as_deref().unwrap();
        assert!(
            hint.starts_with("did you mean `Europe/Stockholm`?"),
            "{hint}"
        );
    }

    #[test]
    fn known_timezones_are_not_warned_about() {
        for zone in ["Europe/Stockholm", "UTC", "+01:00", "Europe/Helsinki"] {
            let text = format!("timezone = \"{zone}\"\n");
            let config = SiteConfig::parse(&text, Path::new("site.toml")).unwrap();
            assert!(config.warnings.is_empty(), "{zone}: {:?}", config.warnings);
        }
        let far = SiteConfig::parse("timezone = \"Mars/Olympus\"\n", Path::new("site.toml"));
        let hint = far.unwrap().warnings[0].hint.clone().unwrap();
        assert!(hint.starts_with("quorum knows UTC"), "{hint}");
    }

    #[test]
    fn line_column_counts_characters() {
        assert_eq!(line_column("ab\nåäx", 7), (2, 3));
        let index = LineIndex::new("ab\nåäx\n\nz");
        assert_eq!(index.line_column(7), (2, 3));
        assert_eq!(index.line_column(0), (1, 1));
        assert_eq!(index.line_column(3), (2, 1));
        assert_eq!(index.line_column(9), (3, 1));
        assert_eq!(index.line_column(10), (4, 1));
    }
}
