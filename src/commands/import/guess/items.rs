//! The agenda items: which blocks are item headings (numbered, with presenters, with agenda
//! words, or short lines between paragraphs), the blocks under each, and presenter lines.

use super::header::{split_label, title_kind};
use super::model::{is_attachment_name, plain, ItemGuess};
use crate::commands::import::document::Block;
use crate::content::markdown::{
    looks_like_presenters, split_heading_presenters, split_item_number,
};

const AGENDA_WORDS: [&str; 12] = [
    "övriga frågor",
    "övriga frågeställningar",
    "övrigt",
    "mötets öppnande",
    "föregående anteckningar",
    "föregående protokoll",
    "nästa möte",
    "mötets avslutande",
    "any other business",
    "apologies for absence",
    "minutes of the last meeting",
    "date of next meeting",
];

#[derive(Debug, Clone)]
pub(super) enum Candidate {
    /// An agenda item: its heading.
    Item(String),
    /// A heading inside an item.
    Sub(String),
}

/// The items from the first item's block on, with their blocks; attachment names met on
/// the way go to `attachments`.
pub(super) fn collect_items(
    blocks: &[Block],
    candidates: &[Option<Candidate>],
    attachments: &mut Vec<String>,
) -> Vec<ItemGuess> {
    let mut items: Vec<ItemGuess> = Vec::new();
    for (block, candidate) in blocks.iter().zip(candidates) {
        match candidate {
            Some(Candidate::Item(heading)) => items.push(ItemGuess {
                heading: heading.clone(),
                blocks: Vec::new(),
            }),
            Some(Candidate::Sub(heading)) => {
                if let Some(item) = items.last_mut() {
                    item.blocks.push(Block::Heading {
                        level: 3,
                        text: heading.clone(),
                    });
                }
            }
            None => {
                let text = plain(block.text());
                if is_attachment_name(&text) {
                    attachments.push(attachment_name(&mut items, text));
                } else if let Some(item) = items.last_mut() {
                    item.blocks.push(block.clone());
                }
            }
        }
    }
    items
}

/// "MA SC-möte" + "211203.docx": a file name broken over two lines; the short line before
/// it (taken out of the item) is its head.
fn attachment_name(items: &mut [ItemGuess], text: String) -> String {
    let head = items.last_mut().and_then(|item| {
        let Some(Block::Line(last)) = item.blocks.last() else {
            return None;
        };
        let short = last.chars().count() <= 40 && !last.ends_with(['.', ':', '!', '?', ')', '*']);
        short.then(|| item.blocks.pop()).flatten()
    });
    match head {
        Some(head) => format!("{} {text}", head.text()),
        None => text,
    }
}

/// A presenter line under a heading without presenters, as quorum reads it:
/// "*Karin Engström, Fyrbodals kommunalförbund*" (PDFs lose the italics).
pub(super) fn mark_presenter_lines(items: &mut [ItemGuess]) {
    for item in items {
        let (_, rest) = split_item_number(&item.heading);
        if split_heading_presenters(rest).1.is_some() {
            continue;
        }
        if let Some(Block::Line(first)) = item.blocks.first_mut() {
            let text = plain(first);
            if !first.starts_with('*')
                && text.chars().count() <= 120
                && !text.ends_with('.')
                && looks_like_presenters(&text)
            {
                *first = format!("*{text}*");
            }
        }
    }
}

/// Each block's part in the agenda: an item heading, a heading inside an item, or text.
pub(super) fn item_candidates(blocks: &[Block]) -> Vec<Option<Candidate>> {
    let texts: Vec<String> = blocks.iter().map(|b| plain(b.text())).collect();
    let mut found: Vec<Option<(Option<u64>, bool)>> = Vec::with_capacity(blocks.len());
    // (number, strong): numbered headings, headings with presenters or agenda words, heading
    // styles are strong; a short line between paragraphs is weak.
    for (i, block) in blocks.iter().enumerate() {
        let text = &texts[i];
        let previous = i.checked_sub(1).map(|p| texts[p].as_str());
        let next = texts.get(i + 1).map(String::as_str);
        found.push(classify(block, text, previous, next));
    }
    let numbered_mode = found
        .iter()
        .flatten()
        .next()
        .is_some_and(|(n, _)| n.is_some());
    let mut out = Vec::with_capacity(blocks.len());
    let mut last_number: Option<u64> = None;
    let mut current_title = String::new();
    for (i, candidate) in found.into_iter().enumerate() {
        let text = texts[i].clone();
        let Some((number, strong)) = candidate else {
            out.push(None);
            continue;
        };
        let is_heading_style = matches!(blocks[i], Block::Heading { .. });
        let candidate = if numbered_mode {
            match number {
                Some(n) if last_number.is_none_or(|l| n > l) => {
                    last_number = Some(n);
                    Some(Candidate::Item(text))
                }
                Some(_) => None,
                None if is_heading_style => Some(Candidate::Sub(text)),
                None => None,
            }
        } else if number.is_some() && !is_heading_style {
            (!current_title.is_empty()).then_some(Candidate::Sub(text))
        } else if !strong && repeats_title(&text, &current_title) {
            Some(Candidate::Sub(text))
        } else if strong || !repeats_title(&text, &current_title) {
            current_title = text.clone();
            Some(Candidate::Item(text))
        } else {
            None
        };
        out.push(candidate);
    }
    out
}

/// Whether a block reads as an agenda item heading: (its number, whether it is sure).
fn classify(
    block: &Block,
    text: &str,
    previous: Option<&str>,
    next: Option<&str>,
) -> Option<(Option<u64>, bool)> {
    if matches!(block, Block::Table(_) | Block::PageBreak) || text.is_empty() {
        return None;
    }
    let chars = text.chars().count();
    if let Some(number) = item_number(text) {
        let ordered_list = matches!(block, Block::ListItem { ordered: true, .. });
        let ok = matches!(block, Block::Heading { .. } | Block::Line(_)) || ordered_list;
        if ok && chars <= 200 {
            return Some((Some(number), true));
        }
    }
    if matches!(block, Block::ListItem { .. }) {
        return None;
    }
    if let Block::Heading { level, .. } = block {
        let (label, _) = split_label(text);
        return (*level >= 2 && label.is_none() && chars <= 200).then_some((None, true));
    }
    if split_label(text).0.is_some() || title_kind(text).is_some() {
        return None;
    }
    let (title, presenters) = split_heading_presenters(text);
    if presenters.is_some() && chars <= 300 && !title.ends_with('.') {
        return Some((None, true));
    }
    let lower = text.to_lowercase();
    if chars <= 60 && AGENDA_WORDS.iter().any(|w| lower.contains(w)) {
        return Some((None, true));
    }
    let words = text.split_whitespace().count();
    let starts_upper = text.chars().next().is_some_and(char::is_uppercase);
    let after_sentence = previous.is_none_or(|p| p.ends_with(['.', '!', '?']));
    let before_paragraph = next.is_some_and(|n| n.chars().count() >= 120);
    let weak = chars <= 90
        && words <= 12
        && starts_upper
        && !text.contains(',')
        && !text.ends_with(['.', ':', ';', ',', '!'])
        && !text.starts_with('*')
        && after_sentence
        && before_paragraph;
    weak.then_some((None, false))
}

/// "8) Titel", "8. Titel", "§ 112 Titel", "22/107 Titel", "Punkt 8: Titel" → 8, 112, 107.
pub(super) fn item_number(text: &str) -> Option<u64> {
    let text = text.trim();
    let lower = text.to_lowercase();
    let text = ["punkt ", "item "]
        .iter()
        .find(|p| lower.starts_with(*p))
        .map_or(text, |p| &text[p.len()..]);
    // "22/107 Titel".
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && text[digits..].starts_with('/') {
        let rest = &text[digits + 1..];
        let more = rest.bytes().take_while(u8::is_ascii_digit).count();
        if more > 0 && rest[more..].starts_with(' ') && starts_title(&rest[more..]) {
            return rest[..more].parse().ok();
        }
    }
    let (number, rest) = split_item_number(text);
    let number = number?;
    starts_title(rest).then(|| number.parse().ok()).flatten()
}

/// A title starts with a letter or a quote (not "8. 2020 …", not lower case prose).
fn starts_title(rest: &str) -> bool {
    let rest = plain(rest);
    rest.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c == '”' || c == '"' || c == '«')
}

/// "Förlängning av besöksförbud" inside "Vad vet vi…? Förlängning av besöksförbudet och…":
/// a line repeating part of the item's title is a heading inside the item.
fn repeats_title(text: &str, title: &str) -> bool {
    if title.is_empty() {
        return false;
    }
    let words_of = |t: &str| -> Vec<String> {
        t.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let title = format!(" {} ", words_of(title).join(" "));
    let words: Vec<String> = words_of(text).into_iter().take(4).collect();
    // The last word may be cut short ("besöksförbud" in "besöksförbudet").
    words.len() >= 2 && title.contains(&format!(" {}", words.join(" ")))
}
