//! Word 2007+ (`.docx`): a zip archive of XML. `word/document.xml` holds the text;
//! `word/styles.xml` says which paragraph styles are headings, `word/numbering.xml` which
//! lists are numbered. Read with `zip` and `quick-xml`: headings, lists, bold and italic,
//! line breaks and tables become [`Block`]s; fields, deleted text and drawings are left out.

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::document::{Block, Document};
use crate::base::diagnostic::Diagnostic;

/// The start of an OLE compound file: what Word writes for a password-protected document
/// (and for the old `.doc` format).
pub(crate) const COMPOUND_FILE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads the bytes of the `.docx` file `file`.
pub(crate) fn read(file: &Path, bytes: &[u8]) -> Result<Document, Diagnostic> {
    if bytes.starts_with(COMPOUND_FILE) {
        return Err(
            Diagnostic::error(file, "password-protected (or an old Word 97–2003 file)").with_hint(
                "open it in Word, remove the password (File → Info → Protect Document) and \
                 save it as .docx",
            ),
        );
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        Diagnostic::error(file, format!("not a readable Word file ({e})"))
            .with_hint("open it in Word and save it again as .docx")
    })?;
    let document = part(&mut archive, file, "word/document.xml")?.ok_or_else(|| {
        Diagnostic::error(file, "no word/document.xml inside: not a Word document")
            .with_hint("save it again as .docx")
    })?;
    let styles = part(&mut archive, file, "word/styles.xml")?.unwrap_or_default();
    let numbering = part(&mut archive, file, "word/numbering.xml")?.unwrap_or_default();
    let headings = heading_styles(&styles);
    let ordered = ordered_lists(&numbering);
    let blocks = blocks(&document, &headings, &ordered).map_err(|e| {
        Diagnostic::error(file, format!("damaged Word file ({e})"))
            .with_hint("open it in Word and save it again")
    })?;
    Ok(Document { blocks })
}

/// The part `name` of the archive `file` as text, `None` when it is not there.
pub(crate) fn part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    file: &Path,
    name: &str,
) -> Result<Option<String>, Diagnostic> {
    let mut entry = match archive.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(Diagnostic::error(file, format!("cannot read {name} ({e})"))
                .with_hint("save the file again"))
        }
    };
    let mut text = String::new();
    entry.read_to_string(&mut text).map_err(|e| {
        Diagnostic::error(
            file,
            format!("cannot read {name} ({e}): the file is damaged"),
        )
        .with_hint("save it again")
    })?;
    Ok(Some(text))
}

/// The value of the attribute whose local name is `name` (`w:val` → `val`).
pub(crate) fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == name)
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map(|v| v.into_owned())
                    .ok()
            })
            .flatten()
    })
}

/// The text of a `GeneralRef` event (`&amp;`, `&#228;`).
pub(crate) fn entity(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
        return u32::from_str_radix(number, 16)
            .ok()
            .and_then(char::from_u32);
    }
    if let Some(number) = name.strip_prefix('#') {
        return number.parse().ok().and_then(char::from_u32);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => return None,
    })
}

/// Style id → heading level, from the style's name ("heading 2", "Rubrik 2", "Title").
fn heading_styles(xml: &str) -> HashMap<String, u8> {
    let mut levels = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<String> = None;
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "style" => current = attribute(&e, "styleId"),
                "name" | "outlineLvl" => {
                    let (Some(id), Some(value)) = (&current, attribute(&e, "val")) else {
                        continue;
                    };
                    let level = if e.local_name().as_ref() == "outlineLvl" {
                        value.parse::<u8>().ok().map(|l| l + 1)
                    } else {
                        heading_level(&value)
                    };
                    if let Some(level) = level.filter(|l| (1..=6).contains(l)) {
                        levels.insert(id.clone(), level);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    levels
}

/// "heading 2" / "Rubrik 2" / "Überschrift 2" → 2; "Title" → 1.
pub(crate) fn heading_level(name: &str) -> Option<u8> {
    let lower = name.to_lowercase();
    if lower == "title" || lower == "rubrik" {
        return Some(1);
    }
    let digits: String = lower.chars().filter(char::is_ascii_digit).collect();
    let word = lower.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
    if ["heading", "rubrik", "overskrift", "überschrift", "titre"].contains(&word) {
        return digits.parse().ok();
    }
    None
}

/// (numId, level) → the number the list starts at, or `None` for bullets.
fn ordered_lists(xml: &str) -> HashMap<(String, String), Option<u32>> {
    let mut abstract_formats: HashMap<(String, String), Option<u32>> = HashMap::new();
    let mut overrides: HashMap<(String, String), u32> = HashMap::new();
    let mut num_to_abstract: HashMap<String, String> = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let (mut abstract_id, mut level, mut num_id) = (None::<String>, None::<String>, None::<String>);
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "abstractNum" => abstract_id = attribute(&e, "abstractNumId"),
                "lvl" | "lvlOverride" => level = attribute(&e, "ilvl"),
                "start" => {
                    if let (Some(a), Some(l)) = (&abstract_id, &level) {
                        let start = attribute(&e, "val").and_then(|v| v.parse().ok());
                        abstract_formats.insert((a.clone(), l.clone()), start);
                    }
                }
                "startOverride" => {
                    if let (Some(n), Some(l)) = (&num_id, &level) {
                        if let Some(start) = attribute(&e, "val").and_then(|v| v.parse().ok()) {
                            overrides.insert((n.clone(), l.clone()), start);
                        }
                    }
                }
                "numFmt" => {
                    if let (Some(a), Some(l), Some(format)) =
                        (&abstract_id, &level, attribute(&e, "val"))
                    {
                        let key = (a.clone(), l.clone());
                        let start = abstract_formats.get(&key).copied().flatten().unwrap_or(1);
                        abstract_formats.insert(key, (format != "bullet").then_some(start));
                    }
                }
                "num" => {
                    num_id = attribute(&e, "numId");
                    abstract_id = None;
                }
                "abstractNumId" => {
                    if let (Some(n), Some(a)) = (&num_id, attribute(&e, "val")) {
                        num_to_abstract.insert(n.clone(), a);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    let mut ordered = HashMap::new();
    for (num, abs) in num_to_abstract {
        for ((a, l), start) in &abstract_formats {
            if *a == abs {
                let key = (num.clone(), l.clone());
                let start = start.map(|s| overrides.get(&key).copied().unwrap_or(s));
                ordered.insert(key, start);
            }
        }
    }
    ordered
}

/// Text with emphasis, run by run.
#[derive(Default)]
pub(crate) struct Runs {
    pieces: Vec<(String, bool, bool)>,
}

impl Runs {
    pub(crate) fn push(&mut self, text: &str, bold: bool, italic: bool) {
        match self.pieces.last_mut() {
            Some((last, b, i)) if *b == bold && *i == italic => last.push_str(text),
            _ => self.pieces.push((text.to_string(), bold, italic)),
        }
    }

    /// The text as Markdown: `**bold**`, `*italic*`, white space outside the markers;
    /// a line break is `\n`.
    pub(crate) fn markdown(&self) -> String {
        let mut out = String::new();
        for (text, bold, italic) in &self.pieces {
            let marker = match (bold, italic) {
                (true, true) => "***",
                (true, false) => "**",
                (false, true) => "*",
                (false, false) => "",
            };
            let core = text.trim();
            if marker.is_empty() || core.is_empty() || core.contains('\n') {
                out.push_str(text);
                continue;
            }
            let lead = &text[..text.len() - text.trim_start().len()];
            let tail = &text[text.trim_end().len()..];
            out.push_str(lead);
            out.push_str(marker);
            out.push_str(core);
            out.push_str(marker);
            out.push_str(tail);
        }
        out
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.pieces.iter().all(|(t, _, _)| t.trim().is_empty())
    }
}

/// The body's blocks.
fn blocks(
    xml: &str,
    headings: &HashMap<String, u8>,
    ordered: &HashMap<(String, String), Option<u32>>,
) -> Result<Vec<Block>, quick_xml::Error> {
    let mut counters: HashMap<(String, String), u32> = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut runs = Runs::default();
    let mut props = Properties::default();
    let mut in_text = false;
    let mut skip = 0usize; // inside deleted text, field codes, drawings
    let mut table: Vec<Vec<String>> = Vec::new();
    let mut table_depth = 0usize;
    let mut cell = String::new();
    loop {
        match reader.read_event()? {
            Event::Start(e) => match e.local_name().as_ref() {
                "p" => {
                    runs = Runs::default();
                    (props.style, props.num_id, props.level) = (None, None, None);
                }
                "r" => (props.bold, props.italic) = (false, false),
                "t" => in_text = true,
                "del" | "instrText" | "drawing" | "pict" | "object" | "footnoteReference" => {
                    skip += 1
                }
                "tbl" => {
                    table_depth += 1;
                    if table_depth == 1 {
                        table.clear();
                    }
                }
                "tr" if table_depth == 1 => table.push(Vec::new()),
                "tc" if table_depth == 1 => cell.clear(),
                _ => props.read(&e),
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "br" | "cr" if skip == 0 => runs.push("\n", false, false),
                "tab" if skip == 0 && attribute(&e, "val").is_none() => {
                    runs.push("\t", false, false)
                }
                _ => props.read(&e),
            },
            Event::Text(t) if in_text && skip == 0 => {
                runs.push(&t.xml10_content(), props.bold, props.italic);
            }
            Event::GeneralRef(r) if in_text && skip == 0 => {
                if let Some(c) = entity(&r.xml10_content()) {
                    runs.push(&c.to_string(), props.bold, props.italic);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "del" | "instrText" | "drawing" | "pict" | "object" | "footnoteReference" => {
                    skip = skip.saturating_sub(1)
                }
                "p" if table_depth > 0 => {
                    let text = runs.markdown().replace('\n', " ");
                    if !cell.is_empty() && !text.trim().is_empty() {
                        cell.push(' ');
                    }
                    cell.push_str(text.trim());
                }
                "p" => {
                    let list = List {
                        ordered,
                        counters: &mut counters,
                    };
                    paragraph(&runs, &props, headings, list, &mut out)
                }
                "tc" if table_depth == 1 => {
                    if let Some(row) = table.last_mut() {
                        row.push(std::mem::take(&mut cell));
                    }
                }
                "tbl" => {
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

/// The current paragraph's properties (style, list and level) and run's (bold, italic).
#[derive(Default)]
struct Properties {
    style: Option<String>,
    num_id: Option<String>,
    level: Option<String>,
    bold: bool,
    italic: bool,
}

impl Properties {
    /// Takes in a property element (`w:pStyle`, `w:numId`, `w:ilvl`, `w:b`, `w:i`).
    fn read(&mut self, e: &BytesStart<'_>) {
        let on = || !matches!(attribute(e, "val").as_deref(), Some("0" | "false" | "none"));
        match e.local_name().as_ref() {
            "pStyle" => self.style = attribute(e, "val"),
            "numId" => self.num_id = attribute(e, "val").filter(|v| v != "0"),
            "ilvl" => self.level = attribute(e, "val"),
            "b" => self.bold = on(),
            "i" => self.italic = on(),
            _ => {}
        }
    }
}

/// The lists' formats and how far each has counted.
struct List<'a> {
    ordered: &'a HashMap<(String, String), Option<u32>>,
    counters: &'a mut HashMap<(String, String), u32>,
}

fn paragraph(
    runs: &Runs,
    props: &Properties,
    headings: &HashMap<String, u8>,
    list: List<'_>,
    out: &mut Vec<Block>,
) {
    if runs.is_empty() {
        return;
    }
    let text = runs.markdown();
    let heading = props
        .style
        .as_ref()
        .and_then(|s| headings.get(s).copied().or_else(|| heading_level(s)));
    if let Some(level) = heading {
        let text = text.replace('\n', " ");
        out.push(Block::Heading {
            level,
            text: strip_emphasis(text.trim()),
        });
        return;
    }
    if let Some(num) = &props.num_id {
        let lvl = props.level.clone().unwrap_or_else(|| "0".into());
        let depth: usize = lvl.parse().unwrap_or(0);
        let key = (num.clone(), lvl);
        let start = list.ordered.get(&key).copied().flatten();
        // Deeper levels start again under each entry.
        list.counters
            .retain(|(n, l), _| n != num || l.parse::<usize>().unwrap_or(0) <= depth);
        let mut lines = text.split('\n');
        let first = lines.next().unwrap_or("").trim();
        let text = match start {
            Some(start) => {
                let counter = list.counters.entry(key).or_insert(start.saturating_sub(1));
                *counter += 1;
                format!("{}. {first}", counter)
            }
            None => first.to_string(),
        };
        out.push(Block::ListItem {
            ordered: start.is_some(),
            depth,
            text,
        });
        out.extend(
            lines
                .filter(|l| !l.trim().is_empty())
                .map(|l| Block::Line(l.trim().to_string())),
        );
        return;
    }
    for line in text.split('\n') {
        if !line.trim().is_empty() {
            out.push(Block::Line(line.trim_end().to_string()));
        }
    }
}

/// A heading without its emphasis markers (headings are bold in most templates).
pub(crate) fn strip_emphasis(text: &str) -> String {
    let mut t = text;
    for marker in ["***", "**", "*"] {
        if t.len() > 2 * marker.len() && t.starts_with(marker) && t.ends_with(marker) {
            t = &t[marker.len()..t.len() - marker.len()];
        }
    }
    t.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_names_in_english_and_swedish() {
        assert_eq!(heading_level("heading 2"), Some(2));
        assert_eq!(heading_level("Rubrik 3"), Some(3));
        assert_eq!(heading_level("Title"), Some(1));
        assert_eq!(heading_level("Normal"), None);
    }

    #[test]
    fn runs_become_markdown_emphasis() {
        let mut runs = Runs::default();
        runs.push("Beslut: ", true, false);
        runs.push("noterar ", false, false);
        runs.push("informationen", false, true);
        assert_eq!(runs.markdown(), "**Beslut:** noterar *informationen*");
    }

    #[test]
    fn compound_files_are_password_protected() {
        let mut bytes = COMPOUND_FILE.to_vec();
        bytes.extend([0; 100]);
        let file = Path::new("minnen.docx");
        let protected = read(file, &bytes).unwrap_err();
        assert!(protected.message.contains("password"), "{protected}");
        assert_eq!(protected.file, file);
        let damaged = read(file, b"PK\x03\x04nonsense").unwrap_err();
        assert!(damaged.hint.unwrap().contains("save it again"));
    }
}
