//! OpenDocument text (`.odt`): a zip archive like `.docx`, read the same way from
//! `content.xml`: outline headings, lists, bold and italic (through the automatic
//! styles), line breaks and tables.

use std::collections::HashMap;
use std::io::Cursor;

use quick_xml::events::Event;
use quick_xml::Reader;

use super::document::{Block, Document};
use super::docx::{attribute, entity, part, strip_emphasis, Runs};

pub(crate) fn read(bytes: &[u8]) -> Result<Document, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        format!("not a readable OpenDocument file ({e}): open it and save it again as .odt")
    })?;
    if part(&mut archive, "META-INF/manifest.xml")?.is_some_and(|m| m.contains("encryption-data")) {
        return Err("password-protected: open it, remove the password and save it again".into());
    }
    let content = part(&mut archive, "content.xml")?
        .ok_or("no content.xml inside: not an OpenDocument text; save it again as .odt")?;
    let blocks =
        blocks(&content).map_err(|e| format!("damaged OpenDocument file ({e}): save it again"))?;
    Ok(Document {
        blocks,
        wrapped: false,
    })
}

fn blocks(xml: &str) -> Result<Vec<Block>, quick_xml::Error> {
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
                "list" => list_depth += 1,
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
                        let bold = attribute(&e, "font-weight").is_some_and(|w| w == "bold");
                        let italic = attribute(&e, "font-style").is_some_and(|s| s == "italic");
                        if bold || italic {
                            emphasis.insert(name.clone(), (bold, italic));
                        }
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
                    } else if let Some(level) = heading {
                        out.push(Block::Heading {
                            level,
                            text: strip_emphasis(&text.replace('\n', " ")),
                        });
                    } else if list_depth > 0 {
                        out.push(Block::ListItem {
                            ordered: false,
                            depth: list_depth - 1,
                            text: text.replace('\n', " ").trim().to_string(),
                        });
                    } else {
                        out.extend(
                            text.split('\n')
                                .filter(|l| !l.trim().is_empty())
                                .map(|l| Block::Line(l.trim_end().to_string())),
                        );
                    }
                }
                "list" => list_depth = list_depth.saturating_sub(1),
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
