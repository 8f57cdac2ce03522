//! Scaffolding: `quorum init` writes a new site (configuration, registries, the default
//! theme and one sample meeting); `quorum new` writes a new meeting file from a template.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::base::config::Language;
use crate::base::diagnostic::{did_you_mean, Error, Result};
use crate::base::slug::slugify;
use crate::content::registry::Registry;

const SITE_TOML: &str = r##"title = "Minnesanteckningar"
description = "Arkiv över minnesanteckningar"
base_url = "https://intranet.example.se/minnen/"
language = "sv"            # sv or en: the site's pages, and meetings without `language:`
# logo = "logo.svg"        # a file in static/, shown in the header beside the title
# accent = "#1a5a8f"       # the header and link colour, #rrggbb (a dark one: the header text is white)

[build]
output_dir = "public"
links = "relative"
"##;

const ORGANISATIONS: &str =
    "# Organisations: key → canonical name, abbreviation and the aliases the minutes use.
skr:
  name: Sveriges Kommuner och Regioner
  short: SKR
  aliases: [SKL]
  url: https://skr.se
sotenas:
  name: Sotenäs kommun
  short: Sotenäs
tanum:
  name: Tanums kommun
  short: Tanum
";

const PEOPLE: &str = "# People: key → canonical name, organisation (a key above) and aliases.
anna-andersson:
  name: Anna Andersson
  organisation: skr
  aliases: [Anna A.]
";

/// The sample meeting of a new site: every feature a secretary needs on one page (a
/// presenter, a decision, a decision list, an action, a link to a file beside the
/// meeting and one to a web page).
const SAMPLE: &str = "---
title: Nätverksmöte 17 september 2024
body: Nätverket
organiser: SKR
date: 2024-09-17
time: \"13:00-15:00\"
location: Digitalt möte
kind: minnesanteckningar
language: sv
chair: Anna Andersson, SKR
attendees:
  - Bertil Berg, Sotenäs
  - { name: Cecilia Ek, organisation: Tanum, role: socialchef }
tags: [exempel]
attachments:
  - { file: dagordning.txt, title: Dagordning }
  - { title: SKR:s webbplats, url: \"https://skr.se\" }
draft: false
---

## 1) Inledning (Anna Andersson, SKR)

Mötet öppnas. Dagordningen finns som bilaga.

## 2) Föregående anteckningar

*Anna Andersson, SKR*

Beslut: Anteckningarna läggs till handlingarna.

## 3) Uppföljning

**Beslut:** Nätverket fattar följande beslut:

- Frågan tas upp igen i november.
- SKR sammanställer svaren.

Åtgärd: Anna Andersson skickar ut sammanställningen.
";

const SAMPLE_ATTACHMENT: &str =
    "Dagordning\n\n1. Inledning\n2. Föregående anteckningar\n3. Uppföljning\n";

/// Creates a new site in `dir`; refuses to overwrite an existing one.
pub fn init_site(dir: &Path) -> Result<Vec<PathBuf>> {
    let files = vec![
        (PathBuf::from("site.toml"), SITE_TOML.as_bytes().to_vec()),
        (
            PathBuf::from("content/organisations.yaml"),
            ORGANISATIONS.as_bytes().to_vec(),
        ),
        (
            PathBuf::from("content/people.yaml"),
            PEOPLE.as_bytes().to_vec(),
        ),
        (
            PathBuf::from("content/2024/2024-09-17-natverket.md"),
            SAMPLE.as_bytes().to_vec(),
        ),
        (
            PathBuf::from("content/2024/2024-09-17-natverket/dagordning.txt"),
            SAMPLE_ATTACHMENT.as_bytes().to_vec(),
        ),
    ];
    write_site(dir, files)
}

/// Writes a new site's `files` (paths relative to `dir`) and a copy of the default theme.
pub(crate) fn write_site(dir: &Path, mut files: Vec<(PathBuf, Vec<u8>)>) -> Result<Vec<PathBuf>> {
    if dir.join("site.toml").exists() || dir.join("content").exists() {
        return Err(Error::Usage(format!(
            "{} already holds a site (site.toml or content/); choose an empty folder",
            dir.display()
        )));
    }
    for (path, bytes) in crate::render::theme::default_theme_files() {
        files.push((Path::new("themes/default").join(path), bytes.to_vec()));
    }
    let mut written = Vec::new();
    for (relative, bytes) in files {
        let path = dir.join(&relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
        written.push(relative);
    }
    Ok(written)
}

/// Writes `content/<year>/<date>-<body>.md` under `root` as a draft in `language` (the
/// site's when `None`); refuses outside a site, an organiser the registry does not know,
/// and an existing file.
pub fn new_meeting(
    root: &Path,
    title: &str,
    body: &str,
    date: &str,
    organiser: Option<&str>,
    language: Option<&str>,
) -> Result<PathBuf> {
    let meeting = NewMeeting {
        title,
        body,
        date,
        organiser,
        language,
    };
    new_meeting_shaped(root, &meeting, |text, _| text)
}

/// What `quorum new` is asked for: the new meeting's title, body, date (YYYY-MM-DD), and
/// optionally its organiser and language (the site's when `None`).
#[derive(Debug, Clone, Copy)]
pub struct NewMeeting<'a> {
    pub title: &'a str,
    pub body: &'a str,
    pub date: &'a str,
    pub organiser: Option<&'a str>,
    pub language: Option<&'a str>,
}

/// [`new_meeting`], with `shape` given the file's text and language to change it before
/// it is written (`quorum new --kind` adds its keys so, in one write).
pub(crate) fn new_meeting_shaped(
    root: &Path,
    meeting: &NewMeeting<'_>,
    shape: impl FnOnce(String, Language) -> String,
) -> Result<PathBuf> {
    let NewMeeting {
        title,
        body,
        date,
        organiser,
        language,
    } = *meeting;
    let content = root.join("content");
    if !content.is_dir() {
        return Err(Error::Usage(format!(
            "no content folder at {}: run `quorum init` to create a site, or pass --root",
            content.display()
        )));
    }
    let config = crate::base::config::SiteConfig::load(root)?;
    let language = match language {
        None => config.language,
        Some(code) => Language::from_code(code)
            .ok_or_else(|| Error::Usage(format!("--language {code}: write sv or en")))?,
    };
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .ok()
        .filter(|_| date.len() == 10)
        .ok_or_else(|| {
            Error::Usage(format!(
                "--date {date}: write the date as YYYY-MM-DD, e.g. 2020-09-15"
            ))
        })?;
    if let Some(organiser) = organiser {
        check_organiser(root, organiser)?;
    }
    let slug = slugify(if body.is_empty() { title } else { body });
    if slug.is_empty() {
        return Err(Error::Usage(
            "the body or title must contain letters or digits".into(),
        ));
    }
    let path = content
        .join(date.year().to_string())
        .join(format!("{date}-{slug}.md"));
    if path.exists() {
        return Err(Error::Usage(format!(
            "{} already exists; edit it, or give another --body or --date",
            path.display()
        )));
    }
    let parent = path.parent().unwrap_or(root);
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let text = shape(
        meeting_template(title, body, organiser, date, language),
        language,
    );
    std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
    Ok(path)
}

/// An organiser must be a key, name, abbreviation or alias in organisations.yaml.
fn check_organiser(root: &Path, organiser: &str) -> Result<()> {
    let path = root.join("content/organisations.yaml");
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::io(&path, e)),
    };
    let registry = Registry::parse(
        text.as_deref()
            .map(|t| (Path::new("content/organisations.yaml"), t)),
        None,
    )
    .map_err(Error::Content)?;
    if registry.resolve_organisation(organiser).is_some() {
        return Ok(());
    }
    let known: Vec<&str> = registry.organisations.keys().map(String::as_str).collect();
    let hint = match did_you_mean(organiser, &known) {
        Some(key) => format!("did you mean `{key}`?"),
        None if known.is_empty() => {
            "there is no content/organisations.yaml yet: add the organisation there".into()
        }
        None => format!("known organisations: {}", known.join(", ")),
    };
    Err(Error::Usage(format!(
        "--organiser {organiser}: not in content/organisations.yaml; {hint} \
         (or add it there with its name and aliases)"
    )))
}

/// A new meeting: the keys to fill in, the optional ones as comments, no made-up values,
/// and `draft: true` until the minutes are ready.
fn meeting_template(
    title: &str,
    body: &str,
    organiser: Option<&str>,
    date: NaiveDate,
    language: Language,
) -> String {
    let sv = language == Language::Sv;
    let mut text = String::from("---\n");
    text.push_str(&format!("title: {}\n", yaml_string(title)));
    text.push_str(&format!("body: {}\n", yaml_string(body)));
    if let Some(organiser) = organiser {
        text.push_str(&format!("organiser: {}\n", yaml_string(organiser)));
    }
    text.push_str(&format!("date: {date}\n"));
    text.push_str(&format!("language: {}\n", language.code()));
    text.push_str(if sv {
        "# time: \"HH:MM-HH:MM\"\n# location: \n# chair: Namn, Organisation\n\
         # attendees:\n#   - Namn, Organisation\n# tags: [ämne]\n"
    } else {
        "# time: \"HH:MM-HH:MM\"\n# location: \n# chair: Name, Organisation\n\
         # attendees:\n#   - Name, Organisation\n# tags: [topic]\n"
    });
    text.push_str(if sv {
        "draft: true   # ändra till false när anteckningarna är klara\n"
    } else {
        "draft: true   # change to false when the minutes are ready\n"
    });
    text.push_str("---\n\n");
    text.push_str(if sv {
        "## 1) Inledning\n\n"
    } else {
        "## 1) Opening\n\n"
    });
    text
}

/// A YAML scalar, quoted when it would otherwise be read as something else.
fn yaml_string(value: &str) -> String {
    let needs_quotes = value.is_empty()
        || value.contains(": ")
        || value.contains(" #")
        || value.starts_with(|c: char| "!&*[]{}|>'\"%@`#,?:-".contains(c))
        || value.trim() != value;
    if needs_quotes {
        format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_meeting_writes_a_parseable_draft_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        std::fs::write(
            dir.path().join("content/organisations.yaml"),
            "skr:\n  name: Sveriges Kommuner och Regioner\n  short: SKR\n",
        )
        .unwrap();
        let path = new_meeting(
            dir.path(),
            "Möte: budget",
            "Socialchefsnätverket",
            "2024-03-05",
            Some("SKR"),
            None,
        )
        .unwrap();
        assert!(path.ends_with("content/2024/2024-03-05-socialchefsnatverket.md"));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("title: \"Möte: budget\""));
        let split = crate::content::frontmatter::split(&text, &path).unwrap();
        let raw = crate::content::frontmatter::parse_meeting(&split, &text, &path).unwrap();
        assert_eq!(raw.date.as_deref(), Some("2024-03-05"));
        assert_eq!(raw.language.as_deref(), Some("sv"));
        assert!(raw.draft, "a new meeting is a draft");
        assert_eq!((raw.time, raw.location), (None, None), "no invented values");
        assert!(!text.contains("Beslut:"), "no empty decision");
        assert!(new_meeting(
            dir.path(),
            "X",
            "Socialchefsnätverket",
            "2024-03-05",
            None,
            None
        )
        .is_err());
        assert!(new_meeting(dir.path(), "X", "Y", "2024-02-30", None, None).is_err());
        assert!(new_meeting(dir.path(), "X", "Y", "2024-2-3", None, None).is_err());
    }

    #[test]
    fn new_meeting_in_english_has_english_headings() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        let path =
            new_meeting(dir.path(), "Board", "Board", "2024-05-01", None, Some("en")).unwrap();
        let text = std::fs::read_to_string(path).unwrap();
        assert!(text.contains("language: en\n"));
        assert!(text.contains("## 1) Opening"));
        assert!(!text.contains("Inledning"));
    }

    #[test]
    fn new_meeting_checks_the_organiser_and_refuses_outside_a_site() {
        let dir = tempfile::tempdir().unwrap();
        let outside = new_meeting(dir.path(), "X", "Y", "2024-05-01", None, None).unwrap_err();
        assert!(
            outside.to_string().contains("no content folder"),
            "{outside}"
        );
        assert!(!dir.path().join("content").exists(), "nothing is created");
        std::fs::create_dir(dir.path().join("content")).unwrap();
        std::fs::write(
            dir.path().join("content/organisations.yaml"),
            "fyrbodal:\n  name: Fyrbodals kommunalförbund\n",
        )
        .unwrap();
        let unknown =
            new_meeting(dir.path(), "X", "Y", "2024-05-01", Some("fyrbodl"), None).unwrap_err();
        assert!(
            unknown.to_string().contains("did you mean `fyrbodal`?"),
            "{unknown}"
        );
        assert!(new_meeting(
            dir.path(),
            "X",
            "Y",
            "2024-05-01",
            Some("Fyrbodals kommunalförbund"),
            None
        )
        .is_ok());
    }

    #[test]
    fn init_makes_a_site_that_checks_clean_and_shows_the_features() {
        let dir = tempfile::tempdir().unwrap();
        init_site(dir.path()).unwrap();
        let options = crate::commands::options::BuildOptions::new(dir.path().to_path_buf());
        let problems = crate::commands::build::check_site(&options).unwrap();
        assert_eq!(problems, Vec::new());
        let out = tempfile::tempdir().unwrap();
        let report = crate::commands::build::build_site(&crate::commands::options::BuildOptions {
            output: Some(out.path().join("public")),
            ..options
        })
        .unwrap();
        assert_eq!(
            (report.meetings, report.decisions, report.actions),
            (1, 3, 1)
        );
        let page = std::fs::read_to_string(
            out.path()
                .join("public/meetings/2024-09-17-natverket/index.html"),
        )
        .unwrap();
        assert!(page.contains("class=\"presenters\""));
        assert!(page.contains("dagordning.txt"));
    }

    #[test]
    fn init_refuses_an_existing_site() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.toml"), "").unwrap();
        assert!(init_site(dir.path()).is_err());
    }
}
