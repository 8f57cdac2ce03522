//! The model: meetings, agenda items, decisions, actions, people, organisations and bodies
//! as plain data. Names are already resolved to keys; nothing here knows of templates or
//! URLs. Item and decision `html` is the Markdown step's output, kept as opaque text.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::base::config::Language;

/// Everything the site is built from.
#[derive(Debug, Clone, Default)]
pub struct Archive {
    /// Oldest first; ties broken by slug. Shared, so that `serve` can reassemble the
    /// archive after an edit without copying every meeting.
    pub meetings: Vec<Arc<Meeting>>,
    pub organisations: BTreeMap<String, Organisation>,
    pub people: BTreeMap<String, Person>,
    pub bodies: BTreeMap<String, Body>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    /// The file name without `.md`: the meeting's URL segment and the prefix of its ids.
    pub slug: String,
    /// The file, relative to the site root (for messages).
    pub source: PathBuf,
    pub title: String,
    /// Key of the body (recurring forum).
    pub body: String,
    pub organiser: Option<String>,
    pub date: NaiveDate,
    pub time: Option<String>,
    pub location: Option<String>,
    pub kind: Option<String>,
    pub language: Language,
    pub chair: Option<Participant>,
    pub scribes: Vec<Participant>,
    pub attendees: Vec<Participant>,
    pub tags: Vec<Tag>,
    pub attachments: Vec<Attachment>,
    pub draft: bool,
    pub intro_html: String,
    pub items: Vec<Item>,
    pub appendices: Vec<Appendix>,
    pub has_code: bool,
    /// Links from the minutes to pages of the site.
    pub internal_links: Vec<InternalLink>,
}

/// A link from the minutes to a page of the site, and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalLink {
    /// Site path: `/meetings/2020-09-15-natverket/#item-2`.
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub source_line: String,
}

impl Meeting {
    pub fn decisions(&self) -> impl Iterator<Item = (&Item, &Extract)> {
        self.items
            .iter()
            .flat_map(|item| item.decisions.iter().map(move |d| (item, d)))
    }

    pub fn actions(&self) -> impl Iterator<Item = (&Item, &Extract)> {
        self.items
            .iter()
            .flat_map(|item| item.actions.iter().map(move |a| (item, a)))
    }

    /// Every participant: chair, scribes, attendees and presenters.
    pub fn participants(&self) -> impl Iterator<Item = &Participant> {
        self.chair
            .iter()
            .chain(&self.scribes)
            .chain(&self.attendees)
            .chain(self.items.iter().flat_map(|i| &i.presenters))
    }
}

/// A person in a role at one meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    /// Key of the person.
    pub person: String,
    /// Key of the organisation they represent here, if known.
    pub organisation: Option<String>,
    pub role: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub number: String,
    pub anchor: String,
    pub title: String,
    pub presenters: Vec<Participant>,
    /// Organisations named among the presenters without a person ("(SKR)").
    pub presenting_organisations: Vec<String>,
    pub html: String,
    pub decisions: Vec<Extract>,
    pub actions: Vec<Extract>,
}

/// A decision or an action.
#[derive(Debug, Clone, PartialEq)]
pub struct Extract {
    /// `<meeting-slug>/<item>-<n>`: stable as long as the item keeps its number.
    pub id: String,
    pub anchor: String,
    pub text: String,
    pub html: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Appendix {
    pub title: String,
    pub anchor: String,
    pub html: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tag {
    pub key: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub title: String,
    /// File name inside the meeting's attachment folder, when archived.
    pub file: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    pub key: String,
    pub name: String,
    pub short: Option<String>,
    pub aliases: Vec<String>,
    pub kind: Option<String>,
    pub url: Option<String>,
    /// False for names met in the minutes that the registry does not know.
    pub registered: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub key: String,
    pub name: String,
    pub aliases: Vec<String>,
    /// The organisation the registry gives them.
    pub organisation: Option<String>,
    pub registered: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    pub key: String,
    pub name: String,
}
