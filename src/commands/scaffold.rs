//! Scaffolding: `quorum init` writes a new site (configuration, registries, the default
//! theme and one sample meeting); `quorum new` writes a new meeting file from a template.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::base::diagnostic::{Error, Result};
use crate::base::slug::slugify;

const SITE_TOML: &str = r#"title = "Minnesanteckningar"
description = "Arkiv över minnesanteckningar"
base_url = "https://intranet.example.se/minnen/"
language = "sv"

[build]
output_dir = "public"
links = "relative"
"#;

const ORGANISATIONS: &str =
    "# Organisations: key → canonical name, abbreviation and the aliases the minutes use.
skr:
  name: Sveriges Kommuner och Regioner
  short: SKR
  aliases: [SKL]
  url: https://skr.se
";

const PEOPLE: &str = "# People: key → canonical name, organisation (a key above) and aliases.
anna-andersson:
  name: Anna Andersson
  organisation: skr
  aliases: [Anna A.]
";

/// Creates a new site in `dir`; refuses to overwrite an existing one.
pub fn init_site(dir: &Path) -> Result<Vec<PathBuf>> {
    if dir.join("site.toml").exists() || dir.join("content").exists() {
        return Err(Error::Usage(format!(
            "{} already holds a site (site.toml or content/); choose an empty folder",
            dir.display()
        )));
    }
    let sample_date = NaiveDate::from_ymd_opt(2024, 9, 17).unwrap_or_default();
    let sample = meeting_template("Nätverksmöte", "Nätverket", Some("SKR"), sample_date, true);
    let mut files = vec![
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
            sample.into_bytes(),
        ),
    ];
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

/// Writes `content/<year>/<date>-<body>.md` under `root`; refuses to overwrite.
pub fn new_meeting(
    root: &Path,
    title: &str,
    body: &str,
    date: &str,
    organiser: Option<&str>,
) -> Result<PathBuf> {
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| {
        Error::Usage(format!(
            "--date {date}: write the date as YYYY-MM-DD, e.g. 2020-09-15"
        ))
    })?;
    let slug = slugify(if body.is_empty() { title } else { body });
    if slug.is_empty() {
        return Err(Error::Usage(
            "the body or title must contain letters or digits".into(),
        ));
    }
    let path = root
        .join("content")
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
    let text = meeting_template(title, body, organiser, date, false);
    std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
    Ok(path)
}

fn meeting_template(
    title: &str,
    body: &str,
    organiser: Option<&str>,
    date: NaiveDate,
    sample: bool,
) -> String {
    let mut text = String::from("---\n");
    text.push_str(&format!("title: {}\n", yaml_string(title)));
    text.push_str(&format!("body: {}\n", yaml_string(body)));
    if let Some(organiser) = organiser {
        text.push_str(&format!("organiser: {}\n", yaml_string(organiser)));
    }
    text.push_str(&format!("date: {date}\n"));
    text.push_str(
        "time: \"09:00-12:00\"\nlocation: Digitalt via Teams\nkind: minnesanteckningar\n",
    );
    if sample {
        text.push_str(
            "chair: Anna Andersson, SKR\nattendees:\n  - Bertil Berg, Sotenäs\n  - { name: Cecilia Ek, organisation: Tanum, role: socialchef }\ntags: [exempel]\n",
        );
    } else {
        text.push_str("chair: \nattendees: []\ntags: []\n");
    }
    text.push_str("---\n\n");
    if sample {
        text.push_str(
            "## 1) Inledning (Anna Andersson, SKR)\n\nMötet öppnas.\n\n\
             ## 2) Föregående anteckningar\n\n*Anna Andersson, SKR*\n\n\
             Beslut: Anteckningarna läggs till handlingarna.\n\n\
             ## 3) Uppföljning\n\n**Beslut:** Nätverket fattar följande beslut:\n\n\
             - Frågan tas upp igen i november.\n- SKR sammanställer svaren.\n\n\
             Åtgärd: Anna Andersson skickar ut sammanställningen.\n",
        );
    } else {
        text.push_str("## 1) Inledning\n\n\n## 2) Föregående anteckningar\n\nBeslut: \n");
    }
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
    fn new_meeting_writes_a_parseable_file_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = new_meeting(
            dir.path(),
            "Möte: budget",
            "Socialchefsnätverket",
            "2024-03-05",
            Some("SKR"),
        )
        .unwrap();
        assert!(path.ends_with("content/2024/2024-03-05-socialchefsnatverket.md"));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("title: \"Möte: budget\""));
        let split = crate::content::frontmatter::split(&text, &path).unwrap();
        let raw = crate::content::frontmatter::parse_meeting(&split, &text, &path).unwrap();
        assert_eq!(raw.date.as_deref(), Some("2024-03-05"));
        assert!(new_meeting(dir.path(), "X", "Socialchefsnätverket", "2024-03-05", None).is_err());
        assert!(new_meeting(dir.path(), "X", "Y", "2024-02-30", None).is_err());
    }

    #[test]
    fn init_refuses_an_existing_site() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.toml"), "").unwrap();
        assert!(init_site(dir.path()).is_err());
    }
}
