//! Extraction residue out: stray HTML tags, `[bookmark: …]`, tabs, page numbers ("Sida 2
//! (24)"), page headers and footers repeated on every page, signature lines, `( Strömstad)`;
//! lines wrapped by a PDF or a text export joined again.

use std::collections::HashMap;

use super::document::{Block, Document};
use crate::content::markdown::split_heading_presenters;

/// What was removed, for the report: (what, example, how many).
pub(crate) type Removed = Vec<(&'static str, String, usize)>;

/// The document's blocks, cleaned; page breaks are gone afterwards.
pub(crate) fn clean(document: Document) -> (Vec<Block>, Removed) {
    let mut removed: Removed = Vec::new();
    let mut note =
        |what: &'static str, example: &str| match removed.iter_mut().find(|(w, _, _)| *w == what) {
            Some(entry) => entry.2 += 1,
            None => removed.push((what, example.to_string(), 1)),
        };
    let repeated = page_furniture(&document.blocks);
    let mut blocks = Vec::new();
    for block in document.blocks {
        let block = match block {
            Block::PageBreak => continue,
            Block::Table(rows) => Block::Table(
                rows.into_iter()
                    .map(|r| r.into_iter().map(|c| clean_inline(&c)).collect())
                    .collect(),
            ),
            Block::Heading { level, text } => Block::Heading {
                level,
                text: clean_inline(&text),
            },
            Block::Line(text) => Block::Line(clean_inline(&text)),
            Block::ListItem {
                ordered,
                depth,
                text,
            } => Block::ListItem {
                ordered,
                depth,
                text: clean_inline(&text),
            },
        };
        let text = block.text();
        if matches!(block, Block::Table(_)) {
            blocks.push(block);
            continue;
        }
        if text.is_empty() || text.chars().all(|c| "*_ ".contains(c)) {
            continue;
        }
        if is_page_number(text) {
            note("page numbers", text);
            continue;
        }
        if repeated.contains_key(&furniture_key(text)) {
            note("page headers and footers", text);
            continue;
        }
        if is_signature_line(text) {
            note("signature lines", text);
            continue;
        }
        blocks.push(block);
    }
    (join_wrapped(blocks), removed)
}

/// Inline residue: tags to Markdown or out, bookmarks out, tabs to spaces after a label,
/// "( Strömstad)" → "(Strömstad)", empty links to their text, runs of spaces to one.
pub(crate) fn clean_inline(text: &str) -> String {
    let mut s = text.replace('\u{a0}', " ");
    while let Some(start) = s.find("[bookmark:") {
        let end = s[start..].find(']').map_or(s.len(), |e| start + e + 1);
        s.replace_range(start..end, "");
    }
    s = replace_tags(&s);
    s = s.replace("](#)", "]");
    while let Some(start) = s.find('[') {
        let Some(end) = s[start..].find(']') else {
            break;
        };
        let end = start + end;
        if s[end + 1..].starts_with('(') {
            break;
        }
        // "[text]" left from an empty link: the text.
        s.replace_range(end..end + 1, "");
        s.replace_range(start..start + 1, "");
    }
    // "Tid:\tFredag" → "Tid: Fredag"; other tabs are spaces.
    s = s.replace(":\t", ": ").replace('\t', " ");
    let mut out = String::with_capacity(s.len());
    let mut last_space = false;
    for c in s.chars() {
        if c == ' ' {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            last_space = false;
            out.push(c);
        }
    }
    let out = out.replace("( ", "(").replace(" )", ")");
    out.trim().to_string()
}

/// `<b>x</b>` → `**x**`, `<i>`/`<em>` → `*`, any other tag out.
fn replace_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('>') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let tag = &after[..close];
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        let is_tag = !name.is_empty()
            && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric())
            && name.len() <= 10;
        if !is_tag {
            out.push('<');
            rest = after;
            continue;
        }
        match name.to_ascii_lowercase().as_str() {
            "b" | "strong" => out.push_str("**"),
            "i" | "em" => out.push('*'),
            "br" | "p" => out.push(' '),
            _ => {}
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out.replace("** **", " ").replace("****", "")
}

/// "Sida 2 (24)", "Sida 2 av 24", "Page 3 of 10", "- 4 -", "12".
fn is_page_number(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || "()/-–".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    let numbers = |ws: &[&str]| ws.iter().all(|w| w.chars().all(|c| c.is_ascii_digit()));
    match words.as_slice() {
        [] => false,
        [n] => n.len() <= 3 && numbers(&[n]),
        ["sida" | "sid" | "sid." | "page" | "p.", rest @ ..] => {
            let rest: Vec<&str> = rest
                .iter()
                .copied()
                .filter(|w| !["av", "of"].contains(w))
                .collect();
            (1..=2).contains(&rest.len()) && numbers(&rest)
        }
        _ => false,
    }
}

/// Underscores or dots for a signature, "Vid protokollet", "Justeras".
fn is_signature_line(text: &str) -> bool {
    let lower = text.to_lowercase();
    let drawn = text.chars().filter(|c| "_.…".contains(*c)).count();
    drawn >= 5 && drawn * 2 >= text.chars().count()
        || [
            "vid protokollet",
            "justeras",
            "justeras:",
            "justerare",
            "justerare:",
            "signed:",
        ]
        .contains(&lower.trim_end_matches(':').trim())
}

/// A line as a header or footer: digits as `#`, lower case ("Sida 2" = "Sida 3").
fn furniture_key(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect::<String>()
        .to_lowercase()
}

/// Lines at the top or bottom of at least half the pages (and three), the same but for
/// their digits: page headers and footers.
fn page_furniture(blocks: &[Block]) -> HashMap<String, usize> {
    let pages: Vec<&[Block]> = blocks.split(|b| *b == Block::PageBreak).collect();
    if pages.len() < 3 {
        return HashMap::new();
    }
    let mut counts: HashMap<String, usize> = HashMap::new();
    for page in &pages {
        let lines: Vec<&str> = page
            .iter()
            .map(Block::text)
            .filter(|t| !t.trim().is_empty())
            .collect();
        let mut edge: Vec<String> = lines
            .iter()
            .take(2)
            .chain(lines.iter().rev().take(2))
            .filter(|t| t.chars().count() <= 100)
            .map(|t| furniture_key(&clean_inline(t)))
            .collect();
        edge.sort();
        edge.dedup();
        for key in edge {
            *counts.entry(key).or_default() += 1;
        }
    }
    let needed = (pages.len() / 2).max(3);
    counts.retain(|_, n| *n >= needed);
    counts
}

/// Joins the lines of a paragraph that an export wrapped: a line going on in lower case
/// after one that did not end a sentence. (Lines a PDF wrapped at a space were joined by
/// the PDF reader.)
fn join_wrapped(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for block in blocks {
        if let (Some(Block::Line(previous)), Block::Line(next)) = (out.last_mut(), &block) {
            let ends = previous.ends_with(['.', '!', '?', ':', ';']);
            let lower = next.chars().next().is_some_and(char::is_lowercase);
            // A heading with its presenters ends there.
            let heading = split_heading_presenters(previous).1.is_some();
            if lower && !ends && !heading && !starts_with_marker(next) {
                // "covid-" + "19" → "covid-19"; "missbruks-" + "och" → "missbruks- och".
                let conjunction = ["och ", "eller ", "samt ", "and ", "or "]
                    .iter()
                    .any(|c| next.starts_with(c));
                if !previous.ends_with('-') || previous.ends_with(" -") || conjunction {
                    previous.push(' ');
                }
                previous.push_str(next);
                continue;
            }
        }
        out.push(block);
    }
    out
}

/// "Beslut:", "Åtgärd:", "Decision:", "Action:", "RESOLVED": a paragraph of its own.
fn starts_with_marker(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "beslut", "åtgärd", "uppdrag:", "decision", "action", "resolved",
    ]
    .iter()
    .any(|m| lower.starts_with(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_residue_is_cleaned() {
        assert_eq!(
            clean_inline("Tid:\t<b>Fredag den 28 januari</b>"),
            "Tid: **Fredag den 28 januari**"
        );
        assert_eq!(
            clean_inline("Anna Almén ( Strömstad) och <span class=\"x\">Julia</span>"),
            "Anna Almén (Strömstad) och Julia"
        );
        assert_eq!(
            clean_inline("[bookmark: _GoBack]Det handlar"),
            "Det handlar"
        );
        assert_eq!(
            clean_inline("[Läs mer på webben.](#)"),
            "Läs mer på webben."
        );
        assert_eq!(clean_inline("a < b och 3 > 2"), "a < b och 3 > 2");
    }

    #[test]
    fn page_numbers() {
        for yes in ["Sida 2 (24)", "Sida 2 av 24", "Page 3 of 10", "- 4 -", "12"] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in ["2020", "Sida vid sida", "8) Övrigt"] {
            assert!(!is_page_number(no), "{no}");
        }
    }

    #[test]
    fn headers_repeated_on_every_page_go_and_wrapped_lines_are_joined() {
        let mut blocks = Vec::new();
        for (page, word) in ["en", "två", "tre"].iter().enumerate() {
            if page > 0 {
                blocks.push(Block::PageBreak);
            }
            for line in [
                "Socialchefsnätverket, minnesanteckningar".to_string(),
                "Avdelningen för vård och omsorg".to_string(),
                format!("Text på sida {word} som är lång nog och"),
                "fortsätter här.".to_string(),
                format!("Sidfot {word}"),
                format!("Sida {} (3)", page + 1),
            ] {
                blocks.push(Block::Line(line));
            }
        }
        let (cleaned, removed) = clean(Document { blocks });
        let texts: Vec<&str> = cleaned.iter().map(Block::text).collect();
        assert_eq!(texts.len(), 6, "{texts:?}");
        assert_eq!(
            texts[0],
            "Text på sida en som är lång nog och fortsätter här."
        );
        assert_eq!(texts[1], "Sidfot en");
        assert!(removed.iter().any(|r| r.0 == "page headers and footers"));
    }
}
