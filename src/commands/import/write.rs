//! The guessed meeting as a quorum meeting file: YAML front matter and the Markdown body
//! (`##` items, `###` headings inside them, lists, tables, decisions and actions with the
//! words quorum extracts).

use super::document::Block;
use super::guess::{Attendee, FormalHeader, Guess};

/// The meeting file's text. `original`: the file name of the original kept beside it.
pub(crate) fn markdown(guess: &Guess, original: Option<&str>) -> String {
    let mut out = String::from("---\n");
    for (name, value) in [
        ("title", &guess.title),
        ("body", &guess.body),
        ("organiser", &guess.organiser),
    ] {
        if let Some(v) = value {
            out.push_str(&format!("{name}: {}\n", quote(v)));
        }
    }
    if let Some(date) = guess.date {
        out.push_str(&format!("date: {date}\n"));
    }
    for (name, value) in [
        ("time", &guess.time),
        ("location", &guess.location),
        ("kind", &guess.kind),
    ] {
        if let Some(v) = value {
            out.push_str(&format!("{name}: {}\n", quote(v)));
        }
    }
    out.push_str(&format!("language: {}\n", guess.language.code()));
    if !guess.attendees.is_empty() {
        out.push_str("attendees:\n");
        for a in &guess.attendees {
            out.push_str(&format!("  - {}\n", attendee(a)));
        }
    }
    formal_keys(&mut out, &guess.formal);
    if !guess.attachments.is_empty() || original.is_some() {
        out.push_str("attachments:\n");
        for title in &guess.attachments {
            out.push_str(&format!("  - {{ title: {} }}\n", quote(title)));
        }
        if let Some(file) = original {
            out.push_str(&format!(
                "  - {{ title: {}, file: {} }}\n",
                quote(&format!("Original: {file}")),
                quote(file)
            ));
        }
    }
    out.push_str("---\n");
    blocks(&mut out, &guess.intro, guess);
    for item in &guess.items {
        out.push_str(&format!("\n## {}\n", item.heading));
        blocks(&mut out, &item.blocks, guess);
    }
    out
}

fn attendee(a: &Attendee) -> String {
    match (&a.organisation, &a.note) {
        (None, None) => quote(&a.name),
        (Some(o), None) if !a.name.contains(',') && !o.contains(',') => {
            quote(&format!("{}, {o}", a.name))
        }
        _ => {
            let mut parts = vec![format!("name: {}", quote(&a.name))];
            if let Some(o) = &a.organisation {
                parts.push(format!("organisation: {}", quote(o)));
            }
            if let Some(n) = &a.note {
                parts.push(format!("note: {}", quote(n)));
            }
            format!("{{ {} }}", parts.join(", "))
        }
    }
}

/// A YAML string: double-quoted (JSON strings are YAML).
/// The formal header's keys (docs/formal-minutes.md), as the document gave them.
fn formal_keys(out: &mut String, formal: &FormalHeader) {
    if formal.is_empty() {
        return;
    }
    if let Some(p) = &formal.paragraphs {
        out.push_str(&format!("paragraphs: {}\n", quote(p)));
    }
    for (key, list) in [
        ("members", &formal.members),
        ("substitutes", &formal.substitutes),
        ("absent", &formal.absent),
    ] {
        if !list.is_empty() {
            out.push_str(&format!("{key}:\n"));
            for line in list {
                out.push_str(&format!("  - {}\n", quote(line)));
            }
        }
    }
    if !formal.others.is_empty() {
        out.push_str("# övriga deltagande:\n");
        for line in &formal.others {
            out.push_str(&format!("#   - {line}\n"));
        }
    }
    let approved = formal.approval_date.is_some() || formal.approval_place.is_some();
    if !formal.approvers.is_empty() || approved {
        out.push_str("approval:\n");
        if !formal.approvers.is_empty() {
            let by: Vec<String> = formal.approvers.iter().map(|a| quote(a)).collect();
            out.push_str(&format!("  by: [{}]\n", by.join(", ")));
        }
        if let Some(place) = &formal.approval_place {
            out.push_str(&format!("  place: {}\n", quote(place)));
        }
        if let Some(date) = &formal.approval_date {
            out.push_str(&format!("  date: {date}\n"));
        }
    }
    if formal.posting_date.is_some() || formal.kept_at.is_some() {
        out.push_str("posting:\n");
        if let Some(date) = &formal.posting_date {
            out.push_str(&format!("  date: {date}\n"));
        }
        if let Some(kept_at) = &formal.kept_at {
            out.push_str(&format!("  kept_at: {}\n", quote(kept_at)));
        }
    }
}

fn quote(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

fn blocks(out: &mut String, blocks: &[Block], guess: &Guess) {
    let mut in_list = false;
    for block in blocks {
        let is_list = matches!(block, Block::ListItem { .. });
        if !(is_list && in_list) {
            out.push('\n');
        }
        in_list = is_list;
        match block {
            Block::Heading { text, .. } => {
                // In the introduction too: a `##` there would start an item.
                out.push_str(&format!("### {text}\n"));
            }
            Block::Line(text) => {
                out.push_str(&paragraph(text, guess));
                out.push('\n');
            }
            Block::ListItem {
                ordered,
                depth,
                text,
            } => {
                let indent = "   ".repeat(*depth);
                if *ordered && text.starts_with(|c: char| c.is_ascii_digit()) {
                    out.push_str(&format!("{indent}{text}\n"));
                } else {
                    out.push_str(&format!("{indent}- {}\n", marker_words(text, guess)));
                }
            }
            Block::Table(rows) => table(out, rows),
            Block::PageBreak => {}
        }
    }
}

/// A line as a paragraph: what Markdown would read as structure escaped, decision and
/// action markers written the way quorum extracts them.
fn paragraph(text: &str, guess: &Guess) -> String {
    let text = marker_words(text, guess);
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && text[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &text[..digits], &text[digits..]);
    }
    if text.starts_with(['#', '>', '+', '=']) || text.starts_with("- ") || text == "-" {
        return format!("\\{text}");
    }
    text
}

/// "RESOLVED that …" → "Resolved: that …"; "ACTION – …" → "Action: …".
fn marker_words(text: &str, _guess: &Guess) -> String {
    let lower = text.to_lowercase();
    for (written, word) in [
        ("resolved that", "Resolved"),
        ("resolved:", "Resolved"),
        ("it was resolved that", "Resolved"),
        ("action:", "Action"),
        ("action –", "Action"),
        ("action -", "Action"),
        ("beslutades att", "Beslut"),
    ] {
        if lower.starts_with(written) {
            let rest = text[written.len()..].trim_start();
            let rest = if written.ends_with("that") {
                format!("that {rest}")
            } else if written.ends_with("att") {
                format!("att {rest}")
            } else {
                rest.to_string()
            };
            return format!("{word}: {rest}");
        }
    }
    text.to_string()
}

fn table(out: &mut String, rows: &[Vec<String>]) {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if width == 0 {
        return;
    }
    for (n, row) in rows.iter().enumerate() {
        let cells: Vec<String> = (0..width)
            .map(|i| row.get(i).map_or(String::new(), |c| c.replace('|', "\\|")))
            .collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
        if n == 0 {
            out.push_str(&format!("|{}\n", " --- |".repeat(width)));
        }
    }
}
