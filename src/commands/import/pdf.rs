//! PDF minutes with a text layer, read with `pdf-extract` (on `lopdf`): the text of each
//! page, line by line. A PDF without text (a scan) or with a password is refused with what
//! to do.

use super::document::{Block, Document};
use super::text::from_text;

pub(crate) fn read(bytes: &[u8]) -> Result<Document, String> {
    if !bytes.starts_with(b"%PDF") {
        return Err("not a PDF file (no %PDF header): save or export it again as PDF".into());
    }
    // The extractor panics on some damaged files: a damaged file must not stop the others.
    let pages = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(bytes));
    let pages = match pages {
        Ok(Ok(pages)) => pages,
        Ok(Err(e)) if is_encrypted(bytes) => {
            return Err(format!(
                "password-protected PDF ({e}): save a copy without the password (or print it to PDF) and import that"
            ))
        }
        Ok(Err(e)) => {
            return Err(format!(
                "damaged PDF ({e}): export it again from the program that made it"
            ))
        }
        Err(_) if is_encrypted(bytes) => {
            return Err(
                "password-protected PDF: save a copy without the password and import that".into(),
            )
        }
        Err(_) => {
            return Err("damaged PDF (the reader gave up): export it again as PDF".into());
        }
    };
    let letters: usize = pages
        .iter()
        .map(|p| p.chars().filter(|c| c.is_alphabetic()).count())
        .sum();
    if letters < 20 {
        return Err(
            "no text layer (a scanned PDF?): run OCR first, e.g. `ocrmypdf -l swe in.pdf out.pdf`, and import the result"
                .into(),
        );
    }
    let mut blocks = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        if n > 0 {
            blocks.push(Block::PageBreak);
        }
        blocks.extend(from_text(page, true).blocks);
    }
    Ok(Document {
        blocks,
        wrapped: true,
    })
}

/// Whether the file's trailer names an encryption dictionary.
fn is_encrypted(bytes: &[u8]) -> bool {
    bytes.windows(8).any(|w| w == b"/Encrypt")
}
