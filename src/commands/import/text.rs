//! Text files (`.txt`, `.md`): minutes extracted elsewhere, line by line. Markdown headings
//! and bullets are kept as such; everything else is a line for the guesser to read.

use std::path::Path;

use super::document::{Block, Document};
use crate::base::diagnostic::Diagnostic;

/// Reads the bytes of the text file `file`; fails with what to do when they are not UTF-8.
pub(crate) fn read(file: &Path, bytes: &[u8]) -> Result<Document, Diagnostic> {
    let text = decode(file, bytes)?;
    Ok(from_text(text))
}

/// UTF-8 text without a byte-order mark, or why not.
pub(crate) fn decode<'a>(file: &Path, bytes: &'a [u8]) -> Result<&'a str, Diagnostic> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Diagnostic::error(file, "the text is UTF-16")
            .with_hint("save it as UTF-8 (Notepad: Save as… → Encoding: UTF-8)"));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        let bad = bytes[e.valid_up_to()];
        // The line stays in the message: the file is not text, so no line is quoted.
        if (0x80..=0xFF).contains(&bad) {
            Diagnostic::error(
                file,
                format!("not UTF-8 (line {line}; it looks like Windows-1252/ANSI)"),
            )
            .with_hint(
                "convert it first, e.g. `iconv -f WINDOWS-1252 -t UTF-8 in.txt > out.txt`, \
                 or save it as UTF-8",
            )
        } else {
            Diagnostic::error(file, format!("not UTF-8 text (line {line})"))
                .with_hint("save it as UTF-8")
        }
    })
}

/// Blocks from text: a line each; `#` headings and bullets as such; a form feed is a page
/// break; a line ending in two spaces (a Markdown line break) goes on with the next.
pub(crate) fn from_text(text: &str) -> Document {
    let mut blocks = Vec::new();
    let mut pending = String::new();
    for raw in text.split('\n') {
        let raw = raw.trim_end_matches('\r');
        for (n, part) in raw.split('\x0c').enumerate() {
            if n > 0 {
                flush(&mut pending, &mut blocks);
                blocks.push(Block::PageBreak);
            }
            let hard_break = part.ends_with("  ") && !part.trim().is_empty();
            if part.trim().is_empty() {
                flush(&mut pending, &mut blocks);
                continue;
            }
            // After a Markdown line break, a line of its own unless it goes on in lower
            // case or with a number ("MA SC-möte  " / "211203.docx").
            let goes_on = part
                .trim_start()
                .chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
            if !goes_on {
                flush(&mut pending, &mut blocks);
            }
            if !pending.is_empty() {
                pending.push(' ');
            }
            pending.push_str(part.trim_end());
            if !hard_break {
                flush(&mut pending, &mut blocks);
            }
        }
    }
    flush(&mut pending, &mut blocks);
    Document { blocks }
}

fn flush(pending: &mut String, blocks: &mut Vec<Block>) {
    if pending.is_empty() {
        return;
    }
    let line = std::mem::take(pending);
    blocks.push(classify(&line));
}

/// A Markdown heading, a bullet, or a plain line.
fn classify(line: &str) -> Block {
    let trimmed = line.trim_start();
    let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
        return Block::Heading {
            level: hashes as u8,
            text: trimmed[hashes..].trim().to_string(),
        };
    }
    let indent = line.len() - trimmed.len();
    for bullet in ["- ", "* ", "• ", "· ", "– ", "o\t", "-\t", "•\t"] {
        if let Some(rest) = trimmed.strip_prefix(bullet) {
            if !rest.trim().is_empty() {
                return Block::ListItem {
                    ordered: false,
                    depth: indent / 2,
                    text: rest.trim().to_string(),
                };
            }
        }
    }
    Block::Line(line.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_headings_bullets_and_breaks() {
        let doc = from_text("## Rubrik\n\nEn rad  \nsom fortsätter\n- punkt\n\x0cSida 2\n");
        assert_eq!(
            doc.blocks,
            vec![
                Block::Heading {
                    level: 2,
                    text: "Rubrik".into()
                },
                Block::Line("En rad som fortsätter".into()),
                Block::ListItem {
                    ordered: false,
                    depth: 0,
                    text: "punkt".into()
                },
                Block::PageBreak,
                Block::Line("Sida 2".into()),
            ]
        );
    }

    #[test]
    fn windows_1252_is_refused_with_what_to_do() {
        let file = Path::new("minnen.txt");
        let error = decode(file, b"G\xf6teborg").unwrap_err();
        assert!(
            error.message.contains("Windows-1252")
                && error.hint.as_deref().unwrap_or("").contains("iconv"),
            "{error}"
        );
        assert_eq!(decode(file, b"\xEF\xBB\xBFhej").unwrap(), "hej");
    }
}
