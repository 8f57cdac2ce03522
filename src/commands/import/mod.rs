//! `quorum import`: Word, OpenDocument, PDF and text minutes into meeting files. A stage
//! of its own inside the commands, in the order data flows:
//!
//! 1. read the document into [`document::Block`]s ([`docx`], [`odt`], [`pdf`], [`text`]);
//! 2. [`cleanup`]: extraction residue out, wrapped lines joined;
//! 3. [`guess`]: the meeting's front matter and agenda items, each guess with its source;
//! 4. [`write`]: the meeting file's text; this module writes it atomically, never over an
//!    existing file unless asked, and checks it as `quorum check` would;
//! 5. [`compare`]: scores imports against hand-converted meetings (tests, examples).

pub(crate) mod cleanup;
pub mod compare;
pub(crate) mod document;
pub(crate) mod docx;
pub(crate) mod guess;
pub(crate) mod odt;
pub(crate) mod pdf;
pub(crate) mod text;
pub(crate) mod write;

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::base::config::{Language, SiteConfig};
use crate::base::diagnostic::{did_you_mean, Diagnostic, Error, Result};
use crate::base::slug::slugify;
use crate::commands::build::check_site;
use crate::commands::options::BuildOptions;
use crate::content::frontmatter;
use crate::content::load::{load_content, CONTENT_DIR};
use crate::content::meeting::{attachment_folder, parse_meeting};
use crate::content::registry::Registry;

/// What `quorum import` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Files and folders (imported recursively).
    pub inputs: Vec<PathBuf>,
    /// The site folder (holding content/).
    pub root: PathBuf,
    pub body: Option<String>,
    pub organiser: Option<String>,
    pub language: Option<Language>,
    /// Print the report and the Markdown; write nothing.
    pub dry_run: bool,
    /// Replace existing meeting files.
    pub force: bool,
    /// Copy the original document beside the meeting file, as an attachment.
    pub keep_original: bool,
}

/// What happened to one input file.
#[derive(Debug)]
pub struct FileReport {
    pub source: PathBuf,
    /// Why a file could not be imported: a diagnostic naming it, with what to do as its hint.
    pub outcome: std::result::Result<Imported, Diagnostic>,
}

/// A document imported (or, with --dry-run, ready to be).
#[derive(Debug)]
pub struct Imported {
    /// The meeting file, relative to the site root: `content/2020/2020-09-15-x.md`.
    pub target: PathBuf,
    pub markdown: String,
    /// The report: one line per field guessed, with its source, and what was not found.
    pub report: Vec<String>,
    /// Names the registries do not know, with a suggestion.
    pub unknown_names: Vec<String>,
    /// What `quorum check` says about the new file.
    pub problems: Vec<Diagnostic>,
    pub written: bool,
}

#[derive(Debug, Default)]
pub struct ImportReport {
    pub files: Vec<FileReport>,
}

impl ImportReport {
    /// Whether any file could not be imported (exit code 1).
    pub fn any_failed(&self) -> bool {
        self.files.iter().any(|f| f.outcome.is_err())
    }
}

/// Imports every input; a file that fails does not stop the others.
pub fn import(options: &ImportOptions) -> Result<ImportReport> {
    let site = Archive::open(&options.root)?;
    let sources = expand(&options.inputs)?;
    let mut files: Vec<FileReport> = sources
        .par_iter()
        .map(|source| FileReport {
            source: source.clone(),
            outcome: prepare(source, options, &site),
        })
        .collect();
    // Two documents for the same meeting: the first wins, the other is reported.
    let mut targets = BTreeSet::new();
    for file in &mut files {
        if let Ok(imported) = &file.outcome {
            if !targets.insert(imported.target.clone()) {
                file.outcome = Err(Diagnostic::error(
                    &file.source,
                    format!(
                        "{} is also the meeting of another file imported now",
                        imported.target.display()
                    ),
                )
                .with_hint("pass --body to tell them apart"));
            }
        }
    }
    if options.dry_run {
        return Ok(ImportReport { files });
    }
    let mut written = Vec::new();
    for file in &mut files {
        let Ok(imported) = &mut file.outcome else {
            continue;
        };
        match store(&file.source, imported, options) {
            Ok(()) => {
                imported.written = true;
                written.push(imported.target.clone());
            }
            Err(e) => file.outcome = Err(e),
        }
    }
    if !written.is_empty() {
        // The same checks as `quorum check`, on the whole site, keeping the new files' problems.
        let diagnostics = check_site(&BuildOptions::new(&options.root))?;
        for file in &mut files {
            if let Ok(imported) = &mut file.outcome {
                imported.problems = diagnostics
                    .iter()
                    .filter(|d| d.file == imported.target)
                    .cloned()
                    .collect();
            }
        }
    }
    Ok(ImportReport { files })
}

/// What the archive holds that the import needs: configuration, registries, bodies.
pub(crate) struct Archive {
    pub(crate) root: PathBuf,
    pub(crate) config: SiteConfig,
    pub(crate) registry: Registry,
    pub(crate) bodies: Vec<(String, Option<String>)>,
}

impl Archive {
    pub(crate) fn open(root: &Path) -> Result<Archive> {
        let content = root.join(CONTENT_DIR);
        if !content.is_dir() {
            return Err(Error::Usage(format!(
                "no content folder at {}: run `quorum init` first, or pass --root",
                content.display()
            )));
        }
        let config = SiteConfig::load(root)?;
        // The loader `build` uses: the same path rule, encoding and size checks. A file it
        // cannot read is left out here; the check after writing reports it.
        let files = load_content(root)?;
        let registry = Registry::from_files(files.organisations.as_ref(), files.people.as_ref())
            .map_err(Error::Content)?;
        let mut bodies: Vec<(String, Option<String>)> = files
            .meetings
            .par_iter()
            .filter_map(|file| {
                let split = frontmatter::split(&file.text, &file.path).ok()?;
                let raw = frontmatter::parse_meeting(&split, &file.text, &file.path).ok()?;
                Some((raw.body?, raw.organiser))
            })
            .collect();
        bodies.sort();
        bodies.dedup();
        Ok(Archive {
            root: root.to_path_buf(),
            config,
            registry,
            bodies,
        })
    }
}

/// The input files: files as given, folders walked (sorted, hidden files left out).
fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found: Vec<PathBuf> = walkdir::WalkDir::new(input)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                })
                .filter_map(std::result::Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| e.into_path())
                .collect();
            files.append(&mut found);
        } else {
            files.push(input.clone());
        }
    }
    Ok(files)
}

/// Reads, cleans and guesses one document, and checks the meeting file it makes.
pub(crate) fn prepare(
    source: &Path,
    options: &ImportOptions,
    site: &Archive,
) -> std::result::Result<Imported, Diagnostic> {
    let bytes = std::fs::read(source)
        .map_err(|e| Diagnostic::error(source, format!("cannot read it: {e}")))?;
    let document = read_document(source, &bytes)?;
    let (blocks, removed) = cleanup::clean(document);
    let context = guess::Context {
        registry: &site.registry,
        bodies: &site.bodies,
        body: options.body.as_deref(),
        organiser: options.organiser.as_deref(),
        language: options.language,
    };
    let guessed = guess::guess(blocks, &context);
    let date = guessed.date.ok_or_else(|| {
        Diagnostic::error(
            source,
            "no meeting date found (looked in the title line and Tid/Datum/Date lines)",
        )
        .with_hint(
            "add a line like \"Datum: 2022-01-28\" at the top, or import a copy that has one",
        )
    })?;
    let body = guessed.body.clone().ok_or_else(|| {
        Diagnostic::error(
            source,
            "no body found (no title line like \"Minnesanteckningar <nätverk> <datum>\")",
        )
        .with_hint("pass --body NAME")
    })?;
    let slug = slugify(&body);
    if slug.is_empty() {
        return Err(Diagnostic::error(
            source,
            format!("the body `{body}` gives an empty file name"),
        )
        .with_hint("pass --body NAME"));
    }
    let target = PathBuf::from(CONTENT_DIR)
        .join(date.format("%Y").to_string())
        .join(format!("{date}-{slug}.md"));
    let original = options
        .keep_original
        .then(|| original_name(source))
        .flatten();
    let markdown = write::markdown(&guessed, original.as_deref());

    let mut report = Vec::new();
    for field in &guessed.fields {
        let value = field.value.as_deref().unwrap_or("—");
        report.push(format!("{:<10} {value:<32} {}", field.name, field.source));
    }
    let decisions = count_lines(&markdown, site, guessed.language);
    report.push(format!(
        "{:<10} {:<32} {}",
        "items",
        guessed.items.len(),
        if guessed.items.is_empty() {
            "not found: no numbered headings or headings with presenters"
        } else {
            "headings: numbered, with presenters, or between paragraphs"
        }
    ));
    report.push(format!("{:<10} {}", "extracted", decisions));
    for (what, example, count) in &removed {
        report.push(format!("removed    {count} × {what}, e.g. \"{example}\""));
    }
    for dropped in &guessed.dropped {
        report.push(format!("removed    {dropped}"));
    }

    // What `check` says of this file alone, and the names the registries do not know.
    let file = crate::content::load::SourceFile {
        path: target.clone(),
        full_path: site.root.join(&target),
        text: markdown.clone(),
    };
    let (problems, unknown_names) = match parse_meeting(&file, &site.config, &site.registry) {
        Ok(parsed) => (
            parsed.warnings.clone(),
            unknown_names(&parsed, &site.registry),
        ),
        Err(errors) => (errors, Vec::new()),
    };
    Ok(Imported {
        target,
        markdown,
        report,
        unknown_names,
        problems,
        written: false,
    })
}

/// "2 decisions, 1 action", as quorum reads them from the Markdown.
fn count_lines(markdown: &str, site: &Archive, language: Language) -> String {
    let body = markdown.splitn(3, "---\n").nth(2).unwrap_or("");
    let options = crate::content::markdown::MarkdownOptions::for_site(&site.config, language);
    let parsed = crate::content::markdown::parse_body(body, &options);
    let decisions: usize = parsed.items.iter().map(|i| i.decisions.len()).sum();
    let actions: usize = parsed.items.iter().map(|i| i.actions.len()).sum();
    format!("{decisions} decision(s), {actions} action(s)")
}

fn unknown_names(
    parsed: &crate::content::meeting::ParsedMeeting,
    registry: &Registry,
) -> Vec<String> {
    let org_names: Vec<&str> = registry.organisation_names().map(|(n, _)| n).collect();
    let person_names: Vec<&str> = registry.person_names().map(|(n, _)| n).collect();
    let suggest =
        |name: &str, names: &[&str], keys: &dyn Fn(&str) -> Option<String>| match did_you_mean(
            &crate::base::slug::match_key(name),
            names,
        ) {
            Some(close) => format!(" — did you mean `{}`?", keys(close).unwrap_or_default()),
            None => " — new: add it to the registry, or leave it".to_string(),
        };
    let org_key = |n: &str| registry.resolve_organisation(n).map(str::to_string);
    let person_key = |n: &str| registry.resolve_person(n).map(str::to_string);
    let mut out = Vec::new();
    for (_, name) in &parsed.new_organisations {
        out.push(format!(
            "organisation \"{name}\"{}",
            suggest(name, &org_names, &org_key)
        ));
    }
    for (_, name) in &parsed.new_people {
        out.push(format!(
            "person \"{name}\"{}",
            suggest(name, &person_names, &person_key)
        ));
    }
    out.sort();
    out.dedup();
    out
}

/// The blocks of a document, by its extension.
fn read_document(
    source: &Path,
    bytes: &[u8],
) -> std::result::Result<document::Document, Diagnostic> {
    let extension = source
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "docx" => docx::read(source, bytes),
        "odt" => odt::read(source, bytes),
        "pdf" => pdf::read(source, bytes),
        "txt" | "text" | "md" | "markdown" => text::read(source, bytes),
        "doc" => Err(Diagnostic::error(source, "a Word 97–2003 .doc")
            .with_hint("open it in Word and save it as .docx")),
        "" => Err(Diagnostic::error(source, "no file extension")
            .with_hint("name it .docx, .odt, .pdf, .txt or .md")),
        other => Err(
            Diagnostic::error(source, format!("unknown file type `.{other}`"))
                .with_hint("save it as .docx, .odt, .pdf or .txt and import that"),
        ),
    }
}

/// The original's file name, safe inside the attachment folder.
fn original_name(source: &Path) -> Option<String> {
    let name = source.file_name()?.to_string_lossy().into_owned();
    let safe: String = name
        .chars()
        .map(|c| {
            if c == '/' || c == '\\' || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    (!safe.starts_with('.') && !safe.is_empty()).then_some(safe)
}

/// Writes the meeting file (and the original) atomically, never outside content/ and never
/// over an existing file unless --force. A failure is the source file's: the others go on.
fn store(
    source: &Path,
    imported: &Imported,
    options: &ImportOptions,
) -> std::result::Result<(), Diagnostic> {
    let content = options.root.join(CONTENT_DIR);
    let target = options.root.join(&imported.target);
    if !target.starts_with(&content) {
        return Err(Diagnostic::error(
            source,
            format!("{} is outside content/", imported.target.display()),
        ));
    }
    let already_exists = || {
        Diagnostic::error(
            source,
            format!("{} already exists", imported.target.display()),
        )
        .with_hint("pass --force to replace it")
    };
    if target.exists() && !options.force {
        return Err(already_exists());
    }
    let failed = |error: Error| match error {
        Error::Io { source: e, .. } if e.kind() == std::io::ErrorKind::AlreadyExists => {
            already_exists()
        }
        other => Diagnostic::error(source, format!("cannot write {other}")),
    };
    if options.keep_original {
        if let Some(name) = original_name(source) {
            let folder = attachment_folder(&target);
            let bytes = std::fs::read(source)
                .map_err(|e| Diagnostic::error(source, format!("cannot read it again: {e}")))?;
            write_atomically(&folder.join(name), &bytes, options.force).map_err(failed)?;
        }
    }
    write_atomically(&target, imported.markdown.as_bytes(), options.force).map_err(failed)
}

/// Writes through a temporary file in the same folder, then renames it into place (or,
/// without `replace`, links it, which fails with `AlreadyExists` if the file appeared
/// meanwhile).
fn write_atomically(path: &Path, bytes: &[u8], replace: bool) -> Result<()> {
    let folder = path
        .parent()
        .ok_or_else(|| Error::Usage(format!("{} has no folder", path.display())))?;
    std::fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temporary = folder.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        if replace {
            std::fs::rename(&temporary, path)
        } else {
            std::fs::hard_link(&temporary, path)
        }
    })();
    let _ = std::fs::remove_file(&temporary);
    result.map_err(|e| Error::io(path, e))
}
