//! PDF minutes with a text layer, read with `pdf-extract` (on `lopdf`): the text of each
//! page, line by line. A PDF without text (a scan) or with a password is refused with what
//! to do.

use std::path::Path;

use super::document::{Block, Document};
use super::text::from_text;
use crate::base::diagnostic::Diagnostic;

/// Reads the bytes of the PDF file `file`.
pub(crate) fn read(file: &Path, bytes: &[u8]) -> Result<Document, Diagnostic> {
    let refuse =
        |message: String, hint: &str| Err(Diagnostic::error(file, message).with_hint(hint));
    if !bytes.starts_with(b"%PDF") {
        return refuse(
            "not a PDF file (no %PDF header)".into(),
            "save or export it again as PDF",
        );
    }
    // The extractor panics on some damaged files: a damaged file must not stop the others.
    let pages = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(bytes));
    let pages = match pages {
        Ok(Ok(pages)) => pages,
        Ok(Err(e)) if is_encrypted(bytes) => {
            return refuse(
                format!("password-protected PDF ({e})"),
                "save a copy without the password (or print it to PDF) and import that",
            )
        }
        Ok(Err(e)) => {
            return refuse(
                format!("damaged PDF ({e})"),
                "export it again from the program that made it",
            )
        }
        Err(_) if is_encrypted(bytes) => {
            return refuse(
                "password-protected PDF".into(),
                "save a copy without the password and import that",
            )
        }
        Err(_) => {
            return refuse(
                "damaged PDF (the reader gave up)".into(),
                "export it again as PDF",
            )
        }
    };
    let letters: usize = pages
        .iter()
        .map(|p| p.chars().filter(|c| c.is_alphabetic()).count())
        .sum();
    if letters < 20 {
        return refuse(
            "no text layer".into(),
            "run OCR first (a scanned PDF?), e.g. `ocrmypdf -l swe in.pdf out.pdf`, and import the result",
        );
    }
    let mut blocks = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        if n > 0 {
            blocks.push(Block::PageBreak);
        }
        blocks.extend(from_text(&join_soft_wraps(page)).blocks);
    }
    Ok(Document { blocks })
}

/// Whether the file's trailer names an encryption dictionary.
fn is_encrypted(bytes: &[u8]) -> bool {
    bytes.windows(8).any(|w| w == b"/Encrypt")
}

/// The extractor ends a line wrapped at a space with that space, and a paragraph's last
/// line without one: the wrapped lines are joined here, where that is still known.
fn join_soft_wraps(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    let mut lines = page.split('\n').peekable();
    while let Some(line) = lines.next() {
        let next = lines.peek().map_or("", |n| n.trim_start());
        let next_has_text = !next.is_empty();
        // "Furén-" + "Thulin": wrapped at a hyphen ("vård-" + "och omsorg" keeps a space).
        let at_hyphen = line.ends_with('-')
            && line[..line.len() - 1].ends_with(char::is_alphanumeric)
            && next.starts_with(char::is_alphanumeric);
        if line.ends_with(' ') && !line.trim().is_empty() && next_has_text {
            out.push_str(line.trim_end());
            out.push(' ');
        } else if at_hyphen {
            out.push_str(line);
            if ["och ", "eller ", "samt ", "and ", "or "]
                .iter()
                .any(|c| next.starts_with(c))
            {
                out.push(' ');
            }
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_wrapped_at_a_space_are_joined() {
        assert_eq!(
            join_soft_wraps("Nätverket efterfrågar \nstatistik.\nNätverkets övriga frågor\n(Åsa Furén-\nThulin, SKR)"),
            "Nätverket efterfrågar statistik.\nNätverkets övriga frågor\n(Åsa Furén-Thulin, SKR)\n"
        );
    }

    #[test]
    fn not_a_pdf_and_no_text_layer() {
        let error = read(Path::new("minnen.pdf"), b"hello").unwrap_err();
        assert!(error.message.contains("not a PDF"), "{error}");
    }
}
