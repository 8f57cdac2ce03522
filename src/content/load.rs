//! Loading: walks `content/` and reads the meeting files and the two registries as text
//! (a build reads each meeting file as it parses it, see [`ContentFiles`]). Problems with
//! files themselves (not UTF-8, unreadable, a symlink loop) become diagnostics; nothing
//! here looks inside a file.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::base::diagnostic::{Diagnostic, Error, Result};

/// One file read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, for messages ("content/2020/a.md").
    pub(crate) path: PathBuf,
    /// Path on disk.
    pub(crate) full_path: PathBuf,
    pub(crate) text: String,
}

/// Everything read from `content/`.
#[derive(Debug, Default)]
pub struct Content {
    /// Sorted by path, so that the build is deterministic.
    pub meetings: Vec<SourceFile>,
    pub(crate) organisations: Option<SourceFile>,
    pub(crate) people: Option<SourceFile>,
    /// Files that could not be read as text.
    pub(crate) problems: Vec<Diagnostic>,
}

/// The content folder with its meeting files found but not read: a build reads each as it
/// parses it, so that the text of every meeting (a gigabyte at 100,000 meetings) is never
/// in memory at once. The registries are read.
#[derive(Debug, Default)]
pub(crate) struct ContentFiles {
    /// Paths on disk, sorted, so that the build is deterministic.
    pub(crate) meetings: Vec<PathBuf>,
    pub(crate) organisations: Option<SourceFile>,
    pub(crate) people: Option<SourceFile>,
    /// Folders and registries that could not be read.
    pub(crate) problems: Vec<Diagnostic>,
    /// `content/` resolved ([`content_boundary`]), for reading the meetings: resolved once
    /// here, not again for each of them (four path lookups each).
    pub(crate) boundary: PathBuf,
}

pub(crate) const CONTENT_DIR: &str = "content";

/// Reads the content folder under `root`: every meeting file and the registries. A
/// meeting file that cannot be read is a problem after those of the folders and registries.
pub fn load_content(root: &Path) -> Result<Content> {
    let files = list_content(root)?;
    let read: Vec<_> = files
        .meetings
        .par_iter()
        .map(|p| read_source_inside(root, &files.boundary, p))
        .collect();
    let mut content = Content {
        meetings: Vec::with_capacity(read.len()),
        organisations: files.organisations,
        people: files.people,
        problems: files.problems,
    };
    for result in read {
        match result {
            Ok(file) => content.meetings.push(file),
            Err(d) => content.problems.push(d),
        }
    }
    Ok(content)
}

/// Finds the meeting files of the content folder under `root` and reads its registries.
pub(crate) fn list_content(root: &Path) -> Result<ContentFiles> {
    let dir = content_dir(root)?;
    let (meetings, mut problems) = meeting_paths(root, &dir);
    let organisations = read_optional(root, &dir.join("organisations.yaml"), &mut problems);
    let people = read_optional(root, &dir.join("people.yaml"), &mut problems);
    Ok(ContentFiles {
        meetings,
        organisations,
        people,
        problems,
        boundary: content_boundary(root),
    })
}

/// `content/` under `root`, or what to do when there is none.
fn content_dir(root: &Path) -> Result<PathBuf> {
    let dir = root.join(CONTENT_DIR);
    if !dir.is_dir() {
        return Err(Error::Usage(format!(
            "no content folder at {}: run `quorum init` to create a site, or pass --root",
            dir.display()
        )));
    }
    Ok(dir)
}

/// Every `*.md` file under `dir`, sorted; symlinks are followed when they stay inside
/// `dir` ([`resolve_inside`]), loops reported. A folder or file that cannot be read is an
/// error: its meetings would otherwise vanish from the site without a word.
pub(crate) fn meeting_paths(root: &Path, dir: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut paths = Vec::new();
    let mut problems = Vec::new();
    let boundary = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let mut walk = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        match entry {
            Ok(entry) => {
                let hidden = is_hidden(entry.path());
                let is_markdown = entry.file_type().is_file()
                    && entry.path().extension().is_some_and(|e| e == "md");
                // Other files (attachments) are checked when a meeting names them.
                let read_here = is_markdown || entry.file_type().is_dir();
                if read_here && entry.path_is_symlink() && entry.depth() > 0 {
                    if let Err(problem) = resolve_inside(&boundary, entry.path()) {
                        if entry.file_type().is_dir() {
                            walk.skip_current_dir();
                        }
                        if !hidden {
                            problems.push(problem.diagnostic(relative(root, entry.path())));
                        }
                        continue;
                    }
                }
                if is_markdown && !hidden {
                    paths.push(entry.into_path());
                }
            }
            Err(e) => {
                // Editors' lock files (`.#a.md`) are often dangling links: not content.
                if e.path().is_some_and(is_hidden) {
                    continue;
                }
                let path = e
                    .path()
                    .map(|p| relative(root, p))
                    .unwrap_or_else(|| relative(root, dir));
                problems.push(if e.loop_ancestor().is_some() {
                    Diagnostic::warning(
                        path,
                        "a symbolic link loops back to a folder above it; it was skipped",
                    )
                    .with_hint("remove the link")
                } else {
                    Diagnostic::error(path, format!("cannot read: {e}")).with_hint(
                        "make the folder readable (and listable) by the user running quorum, \
                         or move it out of content/",
                    )
                });
            }
        }
    }
    (paths, problems)
}

/// Whether the entry is named to be skipped (`.draft.md`, `_index.md`).
fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') || n.starts_with('_'))
}

/// The one rule for every path read from `content/` (meetings, registries, attachments):
/// resolved with every symbolic link followed, it must still lie inside `boundary` (a
/// canonical folder). Git stores links, so without this a content change could publish
/// any file of the machine that builds the site. Returns the resolved path.
pub(crate) fn resolve_inside(boundary: &Path, path: &Path) -> Result<PathBuf, PathProblem> {
    let real = path.canonicalize().map_err(PathProblem::Unreadable)?;
    if real.starts_with(boundary) {
        Ok(real)
    } else {
        Err(PathProblem::Outside)
    }
}

/// Why [`resolve_inside`] refused a path.
#[derive(Debug)]
pub(crate) enum PathProblem {
    /// It (or a link on the way) cannot be resolved or read.
    Unreadable(std::io::Error),
    /// Resolved, it lies outside `content/`.
    Outside,
}

impl PathProblem {
    /// The problem as an error about `file` (as shown to the user), with a hint when there
    /// is one.
    pub(crate) fn diagnostic(&self, file: impl Into<PathBuf>) -> Diagnostic {
        match self {
            PathProblem::Unreadable(e) => {
                Diagnostic::error(file, format!("cannot read the file: {e}"))
            }
            PathProblem::Outside => Diagnostic::error(
                file,
                "a symbolic link points outside the site's content folder",
            )
            .with_hint(OUTSIDE_HINT),
        }
    }
}

/// `content/` resolved, the boundary of [`resolve_inside`] for the site at `root`.
pub(crate) fn content_boundary(root: &Path) -> PathBuf {
    let dir = root.join(CONTENT_DIR);
    dir.canonicalize().unwrap_or(dir)
}

/// How to fix a link out of `content/`.
pub(crate) const OUTSIDE_HINT: &str = "copy the file into content/ instead of linking to it; \
                                       quorum publishes nothing from outside content/";

fn read_optional(root: &Path, path: &Path, problems: &mut Vec<Diagnostic>) -> Option<SourceFile> {
    if !path.exists() {
        return None;
    }
    read_source(root, path).map_err(|d| problems.push(d)).ok()
}

/// Reads one file as UTF-8 text without a byte-order mark.
pub(crate) fn read_source(root: &Path, path: &Path) -> Result<SourceFile, Diagnostic> {
    read_source_inside(root, &content_boundary(root), path)
}

/// [`read_source`] with `content/` already resolved (`boundary`, see
/// [`content_boundary`]).
pub(crate) fn read_source_inside(
    root: &Path,
    boundary: &Path,
    path: &Path,
) -> Result<SourceFile, Diagnostic> {
    let shown = relative(root, path);
    let real = resolve_inside(boundary, path)
        .map_err(|problem| problem.diagnostic(relative(root, path)))?;
    let cannot_read =
        |e: std::io::Error| Diagnostic::error(&shown, format!("cannot read the file: {e}"));
    let size = std::fs::metadata(&real).map_err(cannot_read)?.len();
    if size > MAX_FILE as u64 {
        return Err(Diagnostic::error(
            &shown,
            format!(
                "the file is {} MiB; at most {} MiB are allowed",
                size.div_ceil(1024 * 1024),
                MAX_FILE / (1024 * 1024)
            ),
        )
        .with_hint(
            "split the minutes into several meetings, or link to long documents as attachments",
        ));
    }
    let bytes = std::fs::read(&real).map_err(cannot_read)?;
    let text = decode(bytes).map_err(|(line, column)| {
        Diagnostic::error(&shown, "the file is not valid UTF-8 text")
            .with_hint("save it as UTF-8 (in Word or Notepad: Save as… → Encoding: UTF-8)")
            .at_position(line, column)
    })?;
    if let Some((line, column, c)) = control_character(&text) {
        return Err(Diagnostic::error(
            &shown,
            format!("the file holds a control character (U+{:04X})", c as u32),
        )
        .at(&text, line, column)
        .with_hint(
            "delete it: control characters (NUL, ESC, ...) are invisible in editors and not \
             allowed in web pages; text pasted from other programs sometimes brings them",
        ));
    }
    Ok(SourceFile {
        path: shown,
        full_path: path.to_path_buf(),
        text,
    })
}

/// The largest content file, in bytes. The longest real minutes are under 1 MiB; a
/// 50 MiB meeting is tested to build; the whole file and its pages are held in memory.
pub(crate) const MAX_FILE: usize = 64 * 1024 * 1024;

/// The first control character in `text` (not tab, line feed or carriage return), with
/// its 1-based line and column in characters.
pub(crate) fn control_character(text: &str) -> Option<(usize, usize, char)> {
    // By bytes, as this reads every file: C0 and DEL are one byte, C1 is 0xC2 0x80..=0x9F.
    let bytes = text.as_bytes();
    let at = bytes.iter().enumerate().position(|(i, &b)| {
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
            || b == 0x7F
            || (b == 0xC2 && bytes.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)))
    })?;
    let (line, column) = crate::base::config::line_column(text, at);
    Some((line, column, text[at..].chars().next()?))
}

/// UTF-8 text without a BOM, or the 1-based line and column of the first invalid byte.
fn decode(mut bytes: Vec<u8>) -> Result<String, (usize, usize)> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        crate::base::config::line_column(valid, valid.len())
    })
}

/// `path` relative to `root` when it is inside it.
pub(crate) fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_removed() {
        assert_eq!(decode(b"\xEF\xBB\xBF---\n".to_vec()).unwrap(), "---\n");
    }

    #[test]
    fn invalid_utf8_is_located() {
        assert_eq!(decode(b"---\ntitle: G\xF6teborg\n".to_vec()), Err((2, 9)));
    }

    #[test]
    fn walks_sorted_and_skips_hidden_and_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(content.join("2021")).unwrap();
        for f in ["2021/b.md", "a.md", ".draft.md", "_index.md", "notes.txt"] {
            std::fs::write(content.join(f), "x").unwrap();
        }
        let (paths, problems) = meeting_paths(dir.path(), &content);
        assert!(problems.is_empty());
        let names: Vec<_> = paths.iter().map(|p| relative(&content, p)).collect();
        assert_eq!(names, [PathBuf::from("2021/b.md"), PathBuf::from("a.md")]);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loop_is_a_warning_not_a_hang() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(content.join("sub")).unwrap();
        std::os::unix::fs::symlink(&content, content.join("sub/loop")).unwrap();
        let (_, problems) = meeting_paths(dir.path(), &content);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("loops"));
    }
}
