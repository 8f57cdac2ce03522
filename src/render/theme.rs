//! Themes: finds the templates, static files and UI strings a site is rendered with.
//! The default theme is embedded in the binary; a `themes/<name>/` folder in the site and
//! the site's own `templates/` and `static/` override it file by file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

use crate::base::config::Language;
use crate::base::diagnostic::{Diagnostic, Error, Result};
use crate::base::i18n::Strings;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where a file of the theme comes from.
#[derive(Debug, Clone)]
pub(crate) enum Source {
    Embedded(&'static [u8]),
    Disk(PathBuf),
}

impl Source {
    /// Where the file comes from, for messages: its path in the site, or the built-in
    /// default theme.
    fn origin(&self, root: &Path, path: &str) -> String {
        match self {
            Source::Embedded(_) => format!("themes/default/{path} (built in)"),
            Source::Disk(file) => crate::content::load::relative(root, file)
                .display()
                .to_string(),
        }
    }

    pub(crate) fn read(&self) -> std::io::Result<Vec<u8>> {
        match self {
            Source::Embedded(bytes) => Ok(bytes.to_vec()),
            Source::Disk(path) => std::fs::read(path),
        }
    }
}

/// A theme, resolved: every template and static file with where it comes from.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Template name ("meeting.html") → (text, where it was read from).
    pub(crate) templates: BTreeMap<String, (String, String)>,
    /// Output path ("style.css", "img/logo.svg") → source.
    pub(crate) static_files: BTreeMap<String, Source>,
    pub strings: Strings,
}

impl Theme {
    pub(crate) fn has_static(&self, path: &str) -> bool {
        self.static_files.contains_key(path)
    }
}

/// Loads the theme `name` for the site at `root`.
pub fn load_theme(root: &Path, name: &str) -> Result<Theme> {
    let theme_dir = root.join("themes").join(name);
    if name != "default" && !theme_dir.is_dir() {
        return Err(Error::single(
            Diagnostic::error(
                root.join("site.toml"),
                format!("the theme `{name}` does not exist"),
            )
            .with_hint(format!(
                "create {} or set theme = \"default\"",
                theme_dir.display()
            )),
        ));
    }
    let mut files: BTreeMap<String, Source> = BTreeMap::new();
    embedded_files(&DEFAULT_THEME, &mut files);
    disk_files(&theme_dir, &theme_dir, &mut files)?;

    let mut templates = BTreeMap::new();
    let mut static_files = BTreeMap::new();
    let mut i18n = BTreeMap::new();
    for (path, source) in files {
        if let Some(name) = path.strip_prefix("templates/") {
            let origin = source.origin(root, &path);
            templates.insert(name.to_string(), (source, origin));
        } else if let Some(name) = path.strip_prefix("static/") {
            static_files.insert(name.to_string(), source);
        } else if let Some(name) = path.strip_prefix("i18n/") {
            i18n.insert(name.to_string(), source);
        }
    }
    // The site's own templates and static files win.
    let mut site_templates = BTreeMap::new();
    disk_files(
        &root.join("templates"),
        &root.join("templates"),
        &mut site_templates,
    )?;
    for (name, source) in site_templates {
        templates.insert(name.clone(), (source, format!("templates/{name}")));
    }
    let mut site_static = BTreeMap::new();
    disk_files(&root.join("static"), &root.join("static"), &mut site_static)?;
    static_files.extend(site_static);

    let templates = templates
        .into_iter()
        .map(|(name, (source, origin))| {
            let bytes = source
                .read()
                .map_err(|e| Error::io(Path::new(&origin), e))?;
            let text = String::from_utf8(bytes).map_err(|_| {
                Error::single(Diagnostic::error(
                    &origin,
                    "the template is not valid UTF-8",
                ))
            })?;
            Ok((name, (text, origin)))
        })
        .collect::<Result<BTreeMap<_, _>>>()?;
    let strings = load_strings(&i18n)?;
    Ok(Theme {
        templates,
        static_files,
        strings,
    })
}

fn load_strings(files: &BTreeMap<String, Source>) -> Result<Strings> {
    let mut sources = Vec::new();
    for language in Language::ALL {
        let name = format!("{}.toml", language.code());
        let Some(source) = files.get(&name) else {
            return Err(Error::single(Diagnostic::error(
                format!("i18n/{name}"),
                "the theme has no UI strings for this language",
            )));
        };
        let bytes = source.read().map_err(|e| Error::io(Path::new(&name), e))?;
        sources.push((
            language,
            format!("i18n/{name}"),
            String::from_utf8_lossy(&bytes).into_owned(),
        ));
    }
    Strings::parse(&sources).map_err(Error::single)
}

fn embedded_files(dir: &'static Dir<'static>, out: &mut BTreeMap<String, Source>) {
    for file in dir.files() {
        out.insert(slashed(file.path()), Source::Embedded(file.contents()));
    }
    for sub in dir.dirs() {
        embedded_files(sub, out);
    }
}

/// Every file under `dir`, keyed by its path relative to `base` with `/` separators.
fn disk_files(base: &Path, dir: &Path, out: &mut BTreeMap<String, Source>) -> Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            Error::io(&path, std::io::Error::other(e.to_string()))
        })?;
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(base).unwrap_or(entry.path());
            out.insert(slashed(relative), Source::Disk(entry.path().to_path_buf()));
        }
    }
    Ok(())
}

fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The embedded default theme's files, for `quorum init`.
pub(crate) fn default_theme_files() -> Vec<(String, &'static [u8])> {
    let mut files = BTreeMap::new();
    embedded_files(&DEFAULT_THEME, &mut files);
    files
        .into_iter()
        .filter_map(|(path, source)| match source {
            Source::Embedded(bytes) => Some((path, bytes)),
            Source::Disk(_) => None,
        })
        .collect()
}
