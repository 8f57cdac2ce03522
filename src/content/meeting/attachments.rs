//! A meeting's attachments: each named file must be a readable file in the meeting's
//! folder and, links followed, inside `content/`.

use std::path::Path;

use crate::base::diagnostic::{first_position, Diagnostic};
use crate::content::frontmatter::RawAttachment;
use crate::content::load::SourceFile;
use crate::content::model::Attachment;

pub(crate) fn parse_attachments(
    raw: &[RawAttachment],
    file: &SourceFile,
    locate: &dyn Fn(&str) -> usize,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Attachment> {
    if raw.is_empty() {
        // Most meetings: no folder or `content/` to resolve.
        return Vec::new();
    }
    let folder = attachment_folder(&file.full_path);
    let boundary = crate::content::load::content_boundary(site_root(file));
    let mut attachments = Vec::new();
    for entry in raw {
        let needle = entry.file.as_deref().or(entry.title.as_deref());
        let (line, column) = needle
            .and_then(|needle| first_position(&file.text, needle))
            .map(|p| (p.line, p.column))
            .unwrap_or_else(|| (locate("attachments"), 1));
        if let Some(name) = entry.file.as_deref() {
            if let Err(problem) = check_attachment(&boundary, &folder, name, &file.path) {
                let problem = problem.at(&file.text, line, column);
                errors.push(match problem.hint {
                    Some(_) => problem,
                    None => problem.with_hint(format!(
                        "put the file in {}/ beside the meeting, or remove `file:` to only name it",
                        crate::content::load::relative(
                            file.full_path.parent().unwrap_or(Path::new("")),
                            &folder
                        )
                        .display()
                    )),
                });
                continue;
            }
        }
        let title = entry
            .title
            .clone()
            .or_else(|| entry.file.clone())
            .or_else(|| entry.url.clone());
        let Some(title) = title else {
            errors.push(
                Diagnostic::error(
                    &file.path,
                    "an attachment needs a `title`, a `file` or a `url`",
                )
                .at(&file.text, line, column),
            );
            continue;
        };
        attachments.push(Attachment {
            title,
            file: entry.file.clone(),
            url: entry.url.clone(),
            internal: entry.internal,
        });
    }
    attachments
}

/// Attachments live in a folder named like the meeting file, beside it.
pub(crate) fn attachment_folder(meeting_file: &Path) -> std::path::PathBuf {
    meeting_file.with_extension("")
}

/// The site folder a meeting file was read from (`full_path` is `root` + `path`).
pub(crate) fn site_root(file: &SourceFile) -> &Path {
    file.full_path
        .ancestors()
        .nth(file.path.components().count())
        .unwrap_or(Path::new(""))
}

/// An attachment must be a readable file inside the meeting's folder, and, with every
/// symbolic link resolved, still inside `content/` (`boundary`): the build copies it.
/// Whether the attachment `name` of the meeting `file` is a readable file inside the
/// meeting's folder (and, links followed, inside `content/`).
pub(crate) fn check_attachment(
    boundary: &Path,
    folder: &Path,
    name: &str,
    file: &Path,
) -> Result<(), Diagnostic> {
    let problem = |message: String| Err(Diagnostic::error(file, message));
    let path = Path::new(name);
    let escapes = path.is_absolute()
        || path
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)));
    if escapes {
        return problem(format!(
            "the attachment `{name}` points outside the meeting's folder"
        ));
    }
    let full = folder.join(path);
    if std::fs::symlink_metadata(&full).is_err() {
        return problem(format!("the attachment `{name}` does not exist"));
    }
    let real = match crate::content::load::resolve_inside(boundary, &full) {
        Ok(real) => real,
        Err(refused) => {
            let d = refused.diagnostic(file);
            return Err(Diagnostic {
                message: format!("the attachment `{name}`: {}", d.message),
                ..d
            });
        }
    };
    if !real.is_file() {
        return problem(format!("the attachment `{name}` is not a file"));
    }
    if let Err(e) = std::fs::File::open(&real) {
        return problem(format!("the attachment `{name}` cannot be read: {e}"));
    }
    Ok(())
}
