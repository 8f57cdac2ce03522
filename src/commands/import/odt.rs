//! OpenDocument text (`.odt`): a zip archive like `.docx`, read the same way from
//! `content.xml`: outline headings, lists, bold and italic (through the automatic
//! styles), line breaks and tables.

use std::collections::HashMap;
use std::io::Cursor;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::document::{Block, Document};
use super::docx::{attribute, entity, part, strip_emphasis, Runs};
use crate::base::diagnostic::Diagnostic;

/// Reads the bytes of the `.odt` file `file`.
pub(crate) fn read(file: &Path, bytes: &[u8]) -> Result<Document, Diagnostic> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        Diagnostic::error(file, format!("not a readable OpenDocument file ({e})"))
            .with_hint("open it and save it again as .odt")
    })?;
    if part(&mut archive, file, "META-INF/manifest.xml")?
        .is_some_and(|m| m.contains("encryption-data"))
    {
        return Err(Diagnostic::error(file, "password-protected")
            .with_hint("open it, remove the password and save it again"));
    }
    let content = part(&mut archive, file, "content.xml")?.ok_or_else(|| {
        Diagnostic::error(file, "no content.xml inside: not an OpenDocument text")
            .with_hint("save it again as .odt")
    })?;
    let styles = part(&mut archive, file, "styles.xml")?.unwrap_or_default();
    let numbered = numbered_list_styles(&content, &styles);
    let blocks = blocks(&content, &numbered).map_err(|e| {
        Diagnostic::error(file, format!("damaged OpenDocument file ({e})"))
            .with_hint("save it again")
    })?;
    Ok(Document { blocks })
}

/// The list styles whose entries are numbered (at the outer level).
fn numbered_list_styles(content: &str, styles: &str) -> Vec<String> {
    let mut numbered = Vec::new();
    for xml in [content, styles] {
        let mut reader = Reader::from_str(xml);
        let mut style = None;
        while let Ok(event) = reader.read_event() {
            match event {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "list-style" => style = attribute(&e, "name"),
                    "list-level-style-number" if attribute(&e, "level").as_deref() == Some("1") => {
                        numbered.extend(style.clone());
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
    }
    numbered
}

/// The blocks of `content.xml`'s body: headings, paragraphs, list items with their numbers,
/// tables. `numbered` names the list styles that number their items.
fn blocks(xml: &str, numbered: &[String]) -> Result<Vec<Block>, quick_xml::Error> {
    let mut body = Body::new(numbered);
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event()? {
            Event::Start(e) => body.start(&e),
            Event::Empty(e) => body.empty(&e),
            Event::Text(t) if body.in_paragraph => {
                let (b, i) = body.emphasis_now();
                body.runs.push(&t.xml10_content(), b, i);
            }
            Event::GeneralRef(r) if body.in_paragraph => {
                if let Some(c) = entity(&r.xml10_content()) {
                    let (b, i) = body.emphasis_now();
                    body.runs.push(&c.to_string(), b, i);
                }
            }
            Event::End(e) => body.end(e.local_name().as_ref()),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(body.out)
}

/// Where the reader is in the body: open lists, the styles seen, the paragraph and the
/// table being read, and the blocks so far.
struct Body<'n> {
    numbered: &'n [String],
    /// Each open list: whether it is numbered, and its counter.
    lists: Vec<(bool, u32)>,
    /// Automatic style name → (bold, italic).
    emphasis: HashMap<String, (bool, bool)>,
    style_name: Option<String>,
    out: Vec<Block>,
    runs: Runs,
    span_stack: Vec<(bool, bool)>,
    heading: Option<u8>,
    list_depth: usize,
    in_paragraph: bool,
    table: Vec<Vec<String>>,
    table_depth: usize,
    cell: String,
}

impl<'n> Body<'n> {
    fn new(numbered: &'n [String]) -> Self {
        Body {
            numbered,
            lists: Vec::new(),
            emphasis: HashMap::new(),
            style_name: None,
            out: Vec::new(),
            runs: Runs::default(),
            span_stack: Vec::new(),
            heading: None,
            list_depth: 0,
            in_paragraph: false,
            table: Vec::new(),
            table_depth: 0,
            cell: String::new(),
        }
    }

    /// Bold and italic of the innermost open span.
    fn emphasis_now(&self) -> (bool, bool) {
        self.span_stack.last().copied().unwrap_or((false, false))
    }

    fn start(&mut self, e: &BytesStart<'_>) {
        match e.local_name().as_ref() {
            "style" => self.style_name = attribute(e, "name"),
            "h" | "p" => {
                self.in_paragraph = true;
                self.runs = Runs::default();
                self.heading = (e.local_name().as_ref() == "h")
                    .then(|| attribute(e, "outline-level").and_then(|l| l.parse().ok()))
                    .map(|l: Option<u8>| l.unwrap_or(1));
                let style = attribute(e, "style-name").unwrap_or_default();
                self.span_stack = vec![self.emphasis.get(&style).copied().unwrap_or_default()];
            }
            "span" => {
                let style = attribute(e, "style-name").unwrap_or_default();
                let (b, i) = self.emphasis_now();
                let (sb, si) = self.emphasis.get(&style).copied().unwrap_or_default();
                self.span_stack.push((b || sb, i || si));
            }
            "list" => {
                self.list_depth += 1;
                let style = attribute(e, "style-name");
                let inherited = self.lists.last().is_some_and(|(n, _)| *n);
                let is_numbered = style.map_or(inherited, |s| self.numbered.contains(&s));
                self.lists.push((is_numbered, 0));
            }
            "list-item" => {
                if let Some((_, counter)) = self.lists.last_mut() {
                    *counter = attribute(e, "start-value")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(*counter + 1);
                }
            }
            "table" => {
                self.table_depth += 1;
                if self.table_depth == 1 {
                    self.table.clear();
                }
            }
            "table-row" if self.table_depth == 1 => self.table.push(Vec::new()),
            "table-cell" if self.table_depth == 1 => self.cell.clear(),
            _ => {}
        }
    }

    fn empty(&mut self, e: &BytesStart<'_>) {
        match e.local_name().as_ref() {
            "text-properties" => {
                if let Some(name) = &self.style_name {
                    record_emphasis(e, name, &mut self.emphasis);
                }
            }
            "line-break" if self.in_paragraph => self.runs.push("\n", false, false),
            "tab" if self.in_paragraph => self.runs.push("\t", false, false),
            "s" if self.in_paragraph => self.runs.push(" ", false, false),
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "span" => {
                self.span_stack.pop();
            }
            "h" | "p" => self.end_paragraph(),
            "list" => {
                self.list_depth = self.list_depth.saturating_sub(1);
                self.lists.pop();
            }
            "table-cell" if self.table_depth == 1 => {
                if let Some(row) = self.table.last_mut() {
                    row.push(std::mem::take(&mut self.cell));
                }
            }
            "table" => {
                self.table_depth = self.table_depth.saturating_sub(1);
                if self.table_depth == 0 && !self.table.is_empty() {
                    self.out.push(Block::Table(std::mem::take(&mut self.table)));
                }
            }
            _ => {}
        }
    }

    /// A finished paragraph: a table cell's text, or blocks of its own.
    fn end_paragraph(&mut self) {
        self.in_paragraph = false;
        if self.runs.is_empty() {
            return;
        }
        let text = self.runs.markdown();
        if self.table_depth > 0 {
            if !self.cell.is_empty() {
                self.cell.push(' ');
            }
            self.cell.push_str(text.replace('\n', " ").trim());
        } else {
            let list = self.lists.last().copied().filter(|_| self.list_depth > 0);
            paragraph_blocks(&text, self.heading, list, self.list_depth, &mut self.out);
        }
    }
}

/// The automatic style `name` is bold or italic: remember it for the spans that use it.
fn record_emphasis(
    properties: &quick_xml::events::BytesStart<'_>,
    name: &str,
    emphasis: &mut HashMap<String, (bool, bool)>,
) {
    let bold = attribute(properties, "font-weight").is_some_and(|w| w == "bold");
    let italic = attribute(properties, "font-style").is_some_and(|s| s == "italic");
    if bold || italic {
        emphasis.insert(name.to_string(), (bold, italic));
    }
}

/// The blocks of a finished paragraph outside tables: a heading, a list item (with its
/// list's numbering and the lines after its first as lines), or lines.
fn paragraph_blocks(
    text: &str,
    heading: Option<u8>,
    list: Option<(bool, u32)>,
    list_depth: usize,
    out: &mut Vec<Block>,
) {
    if let Some(level) = heading {
        out.push(Block::Heading {
            level,
            text: strip_emphasis(&text.replace('\n', " ")),
        });
    } else if list_depth > 0 {
        let (ordered, number) = list.unwrap_or((false, 0));
        let mut lines = text.split('\n');
        let first = lines.next().unwrap_or("").trim();
        out.push(Block::ListItem {
            ordered,
            depth: list_depth - 1,
            text: if ordered {
                format!("{number}. {first}")
            } else {
                first.to_string()
            },
        });
        out.extend(
            lines
                .filter(|l| !l.trim().is_empty())
                .map(|l| Block::Line(l.trim().to_string())),
        );
    } else {
        out.extend(
            text.split('\n')
                .filter(|l| !l.trim().is_empty())
                .map(|l| Block::Line(l.trim_end().to_string())),
        );
    }
}
