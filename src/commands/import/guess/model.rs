//! What the guesser makes and reads: the guess, its fields, and the context of the archive.
//! A leaf: the other guess modules import from here, never the other way.

use chrono::NaiveDate;

use crate::base::config::Language;
use crate::commands::import::document::Block;
use crate::commands::import::docx::strip_emphasis;
use crate::content::registry::Registry;

/// What the archive already holds: for matching names.
pub(crate) struct Context<'a> {
    pub(crate) registry: &'a Registry,
    /// Body names of the meetings in the archive, with their organisers.
    pub(crate) bodies: &'a [(String, Option<String>)],
    pub(crate) body: Option<&'a str>,
    pub(crate) organiser: Option<&'a str>,
    pub(crate) language: Option<Language>,
}

/// One field of the report: its value and the text it was guessed from.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub(crate) name: &'static str,
    pub(crate) value: Option<String>,
    pub(crate) source: String,
}

#[derive(Debug, Clone)]
pub(crate) struct Attendee {
    pub(crate) name: String,
    pub(crate) organisation: Option<String>,
    pub(crate) note: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct ItemGuess {
    /// The heading as written, number and presenters included.
    pub(crate) heading: String,
    pub(crate) blocks: Vec<Block>,
}

#[derive(Debug, Clone)]
pub(crate) struct Guess {
    pub(crate) title: Option<String>,
    pub(crate) body: Option<String>,
    pub(crate) organiser: Option<String>,
    pub(crate) date: Option<NaiveDate>,
    pub(crate) time: Option<String>,
    pub(crate) location: Option<String>,
    pub(crate) kind: Option<String>,
    pub(crate) language: Language,
    pub(crate) attendees: Vec<Attendee>,
    pub(crate) attachments: Vec<String>,
    pub(crate) intro: Vec<Block>,
    pub(crate) items: Vec<ItemGuess>,
    pub(crate) fields: Vec<Field>,
    pub(crate) dropped: Vec<String>,
    /// A protokoll's or board minutes' header (docs/formal-minutes.md).
    pub(crate) formal: FormalHeader,
}

/// What the formal header says, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FormalHeader {
    pub(crate) members: Vec<String>,
    pub(crate) substitutes: Vec<String>,
    pub(crate) others: Vec<String>,
    pub(crate) absent: Vec<String>,
    pub(crate) approvers: Vec<String>,
    pub(crate) approval_place: Option<String>,
    pub(crate) approval_date: Option<String>,
    pub(crate) paragraphs: Option<String>,
    pub(crate) posting_date: Option<String>,
    pub(crate) kept_at: Option<String>,
}

impl FormalHeader {
    pub(crate) fn is_empty(&self) -> bool {
        *self == FormalHeader::default()
    }
}

/// Text without Markdown emphasis around it or heading marks.
pub(crate) fn plain(text: &str) -> String {
    strip_emphasis(text.trim().trim_start_matches('#').trim())
        .replace("**", "")
        .trim()
        .to_string()
}

/// "MA SC-möte 211203.docx": the name of an embedded file left by the extraction.
pub(crate) fn is_attachment_name(text: &str) -> bool {
    let lower = text.to_lowercase();
    text.chars().count() <= 80
        && [".docx", ".doc", ".pptx", ".ppt", ".pdf", ".xlsx", ".xls"]
            .iter()
            .any(|e| lower.ends_with(e))
}
