//! OpenDocument text (`.odt`): a zip archive like `.docx`, read the same way from
//! `content.xml`: outline headings, lists, bold and italic (through the automatic
//! styles), line breaks and tables.

use std::collections::HashMap;
use std::io::Cursor;
use std::path::Path;

use quick_xml::events::Event;
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

fn blocks(xml: &str, numbered: &[String]) -> Result<Vec<Block>, quick_xml::Error> {
    // Each open list: whether it is numbered, and its counter.
    let mut lists: Vec<(bool, u32)> = Vec::new();
    let mut reader = Reader::from_str(xml);
    // Automatic style name → (bold, italic).
    let mut emphasis: HashMap<String, (bool, bool)> = HashMap::new();
    let mut style_name: Option<String> = None;
    let mut out = Vec::new();
    let mut runs = Runs::default();
    let mut span_stack: Vec<(bool, bool)> = Vec::new();
    let mut heading: Option<u8> = None;
    let mut list_depth = 0usize;
    let mut in_paragraph = false;
    let mut table: Vec<Vec<String>> = Vec::new();
    let mut table_depth = 0usize;
    let mut cell = String::new();
    let current = |stack: &Vec<(bool, bool)>| stack.last().copied().unwrap_or((false, false));
    loop {
        match reader.read_event()? {
            Event::Start(e) => match e.local_name().as_ref() {
                "style" => style_name = attribute(&e, "name"),
                "h" | "p" => {
                    in_paragraph = true;
                    runs = Runs::default();
                    heading = (e.local_name().as_ref() == "h")
                        .then(|| attribute(&e, "outline-level").and_then(|l| l.parse().ok()))
                        .map(|l: Option<u8>| l.unwrap_or(1));
                    let style = attribute(&e, "style-name").unwrap_or_default();
                    span_stack = vec![emphasis.get(&style).copied().unwrap_or_default()];
                }
                "span" => {
                    let style = attribute(&e, "style-name").unwrap_or_default();
                    let (b, i) = current(&span_stack);
                    let (sb, si) = emphasis.get(&style).copied().unwrap_or_default();
                    span_stack.push((b || sb, i || si));
                }
                "list" => {
                    list_depth += 1;
                    let style = attribute(&e, "style-name");
                    let inherited = lists.last().is_some_and(|(n, _)| *n);
                    let is_numbered = style.map_or(inherited, |s| numbered.contains(&s));
                    lists.push((is_numbered, 0));
                }
                "list-item" => {
                    if let Some((_, counter)) = lists.last_mut() {
                        *counter = attribute(&e, "start-value")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(*counter + 1);
                    }
                }
                "table" => {
                    table_depth += 1;
                    if table_depth == 1 {
                        table.clear();
                    }
                }
                "table-row" if table_depth == 1 => table.push(Vec::new()),
                "table-cell" if table_depth == 1 => cell.clear(),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "text-properties" => {
                    if let Some(name) = &style_name {
                        record_emphasis(&e, name, &mut emphasis);
                    }
                }
                "line-break" if in_paragraph => runs.push("\n", false, false),
                "tab" if in_paragraph => runs.push("\t", false, false),
                "s" if in_paragraph => runs.push(" ", false, false),
                _ => {}
            },
            Event::Text(t) if in_paragraph => {
                let (b, i) = current(&span_stack);
                runs.push(&t.xml10_content(), b, i);
            }
            Event::GeneralRef(r) if in_paragraph => {
                if let Some(c) = entity(&r.xml10_content()) {
                    let (b, i) = current(&span_stack);
                    runs.push(&c.to_string(), b, i);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "span" => {
                    span_stack.pop();
                }
                "h" | "p" => {
                    in_paragraph = false;
                    if runs.is_empty() {
                        continue;
                    }
                    let text = runs.markdown();
                    if table_depth > 0 {
                        if !cell.is_empty() {
                            cell.push(' ');
                        }
                        cell.push_str(text.replace('\n', " ").trim());
                    } else {
                        let list = lists.last().copied().filter(|_| list_depth > 0);
                        paragraph_blocks(&text, heading, list, list_depth, &mut out);
                    }
                }
                "list" => {
                    list_depth = list_depth.saturating_sub(1);
                    lists.pop();
                }
                "table-cell" if table_depth == 1 => {
                    if let Some(row) = table.last_mut() {
                        row.push(std::mem::take(&mut cell));
                    }
                }
                "table" => {
                    table_depth = table_depth.saturating_sub(1);
                    if table_depth == 0 && !table.is_empty() {
                        out.push(Block::Table(std::mem::take(&mut table)));
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
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
