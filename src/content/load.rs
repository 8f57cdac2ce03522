//! Loading: walks `content/` and reads every meeting file and the two registries into
//! memory as text. Problems with files themselves (not UTF-8, unreadable, a symlink loop)
//! become diagnostics; nothing here looks inside a file.

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

pub(crate) const CONTENT_DIR: &str = "content";

/// Reads the content folder under `root`.
pub fn load_content(root: &Path) -> Result<Content> {
    let dir = root.join(CONTENT_DIR);
    if !dir.is_dir() {
        return Err(Error::Usage(format!(
            "no content folder at {}: run `quorum init` to create a site, or pass --root",
            dir.display()
        )));
    }
    let (paths, mut problems) = meeting_paths(root, &dir);
    let read: Vec<_> = paths.par_iter().map(|p| read_source(root, p)).collect();
    let mut content = Content::default();
    for result in read {
        match result {
            Ok(file) => content.meetings.push(file),
            Err(d) => problems.push(d),
        }
    }
    content.organisations = read_optional(root, &dir.join("organisations.yaml"), &mut problems);
    content.people = read_optional(root, &dir.join("people.yaml"), &mut problems);
    content.problems = problems;
    Ok(content)
}

/// Every `*.md` file under `dir`, sorted; symlinks are followed, loops reported.
pub(crate) fn meeting_paths(root: &Path, dir: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut paths = Vec::new();
    let mut problems = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
    {
        match entry {
            Ok(entry) => {
                let is_markdown = entry.file_type().is_file()
                    && entry.path().extension().is_some_and(|e| e == "md");
                let hidden = entry
                    .file_name()
                    .to_str()
                    .is_some_and(|n| n.starts_with('.') || n.starts_with('_'));
                if is_markdown && !hidden {
                    paths.push(entry.into_path());
                }
            }
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| relative(root, p))
                    .unwrap_or_else(|| dir.to_path_buf());
                let message = if e.loop_ancestor().is_some() {
                    "a symbolic link loops back to a folder above it; it was skipped".to_string()
                } else {
                    format!("cannot read: {e}")
                };
                problems.push(
                    Diagnostic::warning(path, message)
                        .with_hint("remove the link, or point it at a folder outside content/"),
                );
            }
        }
    }
    (paths, problems)
}

fn read_optional(root: &Path, path: &Path, problems: &mut Vec<Diagnostic>) -> Option<SourceFile> {
    if !path.exists() {
        return None;
    }
    read_source(root, path).map_err(|d| problems.push(d)).ok()
}

/// Reads one file as UTF-8 text without a byte-order mark.
pub(crate) fn read_source(root: &Path, path: &Path) -> Result<SourceFile, Diagnostic> {
    let shown = relative(root, path);
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(&shown, format!("cannot read the file: {e}")))?;
    let text = decode(bytes).map_err(|(line, column)| {
        Diagnostic::error(&shown, "the file is not valid UTF-8 text")
            .with_hint("save it as UTF-8 (in Word or Notepad: Save as… → Encoding: UTF-8)")
            .at_position(line, column)
    })?;
    Ok(SourceFile {
        path: shown,
        full_path: path.to_path_buf(),
        text,
    })
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
