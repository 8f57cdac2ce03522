//! Plain text from the HTML the Markdown step writes: tags dropped, white space collapsed,
//! character references decoded. The feeds and archive.json keep a line per block
//! ([`text_lines`]); the search index wants one line ([`text_one_line`]).

use std::borrow::Cow;

/// Plain text of the HTML the Markdown step writes (feeds, archive.json): tags dropped, a line per block (list
/// items as `- item`), runs of white space made one space, character references decoded.
pub(crate) fn text_lines(html: &str) -> String {
    plain_text(html, TextLayout::Lines)
}

/// How [`plain_text`] lays the text out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextLayout {
    /// A line per block, list items as `- item` (feeds, archive.json).
    Lines,
    /// One line, blocks separated by a space (the search index).
    OneLine,
}

/// The text of `html` laid out as `layout` says, in one pass and without an allocation per
/// tag or per line: the search index and archive.json convert every item of the archive.
pub(crate) fn plain_text(html: &str, layout: TextLayout) -> String {
    const BLOCKS: &[&str] = &[
        "p",
        "div",
        "br",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "tr",
        "hr",
        "section",
        "figure",
        "figcaption",
    ];
    let list_item = match layout {
        TextLayout::Lines => "\n- ",
        TextLayout::OneLine => "\n",
    };
    let mut text = Collapsed::new(html.len(), layout);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push(&decode_references(&rest[..open]));
        let tag = &rest[open + 1..];
        let Some(close) = tag_end(tag) else {
            text.push(&decode_references(&rest[open..]));
            rest = "";
            break;
        };
        let closing = tag.starts_with('/');
        let name = tag.trim_start_matches('/');
        let name = &name[..name
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(name.len())];
        rest = &tag[close + 1..];
        let is = |wanted: &str| name.eq_ignore_ascii_case(wanted);
        if (is("script") || is("style")) && !closing {
            let end = format!("</{}", name.to_ascii_lowercase());
            let at = rest.to_ascii_lowercase().find(&end).unwrap_or(rest.len());
            rest = &rest[at..];
            continue;
        }
        if is("li") && !closing {
            text.push(list_item);
        } else if BLOCKS.iter().any(|block| is(block)) {
            text.push("\n");
        } else if is("td") || is("th") {
            text.push(" ");
        }
    }
    text.push(&decode_references(rest));
    text.out
}

/// Text with its white space collapsed as it is pushed: runs of spaces become one space,
/// lines are trimmed, empty lines dropped; lines are joined by a newline (or a space).
struct Collapsed {
    out: String,
    line_separator: char,
    /// The current line has text.
    in_line: bool,
    space_pending: bool,
}

impl Collapsed {
    fn new(capacity: usize, layout: TextLayout) -> Self {
        Collapsed {
            out: String::with_capacity(capacity),
            line_separator: if layout == TextLayout::Lines {
                '\n'
            } else {
                ' '
            },
            in_line: false,
            space_pending: false,
        }
    }

    /// Text is copied in runs: a run holds no white space but single spaces between
    /// words, which stay as they are. This runs over the text of every item of the
    /// archive, twice (search index and archive.json).
    fn push(&mut self, text: &str) {
        let mut i = 0;
        while i < text.len() {
            let start = i;
            i = verbatim_run_end(text, i);
            if i > start {
                self.push_word(&text[start..i]);
                continue;
            }
            let space = text[i..].chars().next().expect("i is on a char boundary");
            i += space.len_utf8();
            if space == '\n' {
                self.in_line = false;
                self.space_pending = false;
            } else {
                self.space_pending = self.in_line;
            }
        }
    }

    fn push_word(&mut self, word: &str) {
        if !self.in_line && !self.out.is_empty() {
            self.out.push(self.line_separator);
        } else if self.space_pending {
            self.out.push(' ');
        }
        self.in_line = true;
        self.space_pending = false;
        self.out.push_str(word);
    }
}

/// The end of the run of `text` from `start` that [`Collapsed`] can copy as it is: up to
/// the first white space that is not a single ASCII space between two other characters.
fn verbatim_run_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let is_space_at = |at: usize| -> bool {
        match bytes.get(at) {
            None => true,
            Some(&b) if b.is_ascii() => b.is_ascii_whitespace() || b == 0x0b,
            Some(&b) if may_start_white_space(b) => {
                text[at..].chars().next().is_some_and(char::is_whitespace)
            }
            Some(_) => false,
        }
    };
    let mut i = start;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b' ' {
            if i == start || is_space_at(i + 1) {
                break;
            }
            i += 1;
        } else if b.is_ascii() {
            if b.is_ascii_whitespace() || b == 0x0b {
                break;
            }
            i += 1;
        } else if may_start_white_space(b) {
            let c = text[i..].chars().next().expect("a lead byte starts a char");
            if c.is_whitespace() {
                break;
            }
            i += c.len_utf8();
        } else {
            // Any other byte of a multi-byte character: the character is not white space.
            i += 1;
        }
    }
    i
}

/// Whether `byte` can be the first byte of a white space character outside ASCII (U+0085,
/// U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000).
fn may_start_white_space(byte: u8) -> bool {
    matches!(byte, 0xC2 | 0xE1 | 0xE2 | 0xE3)
}

/// The index of the `>` closing a tag, quotes respected.
fn tag_end(tag: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in tag.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// Decodes `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;` and numeric references;
/// other names are left as written.
fn decode_references(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let decoded = after.find(';').filter(|&end| end <= 10).and_then(|end| {
            let name = &after[..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => name.strip_prefix('#').and_then(|n| {
                    let code = match n.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => n.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                }),
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Plain text of the HTML the Markdown step writes on one line (the search index): as
/// [`text_lines`], blocks separated by a space and list items without their markers.
pub(crate) fn text_one_line(html: &str) -> String {
    plain_text(html, TextLayout::OneLine)
}

#[cfg(test)]
mod tests;
