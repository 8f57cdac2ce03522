//! The model: meetings, agenda items, decisions, actions, people, organisations and bodies
//! as plain data. Names are already resolved to keys; nothing here knows of templates or
//! URLs. Item and decision `html` is the Markdown step's output, kept as opaque text.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::base::config::Language;
use crate::content::followup::types::{ExtractTerms, FollowUp, Written};
pub(crate) use crate::content::formal::{DecisionKind, Formal, Records};
pub(crate) use crate::content::packed::{PackedTexts, UnpackedTexts};
pub(crate) use crate::content::participant::Participant;

/// An HTML fragment of the minutes (the Markdown step's output): shared, not copied, by
/// the pages that show it, which at 100,000 meetings is a gigabyte.
pub(crate) type Html = Arc<str>;

/// A meeting's slug, shared: the site graph names meetings by slug on every page that
/// shows or lists them (a million times at 100,000 meetings), each a reference count.
pub(crate) type Slug = Arc<str>;

/// Everything the site is built from.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Archive {
    /// Oldest first; ties broken by slug. Shared, so that `serve` can reassemble the
    /// archive after an edit without copying every meeting.
    pub meetings: Vec<Arc<Meeting>>,
    pub(crate) organisations: BTreeMap<String, Organisation>,
    pub(crate) people: BTreeMap<String, Person>,
    pub(crate) bodies: BTreeMap<String, Body>,
    /// Actions' states, references, decision changes and cases across meetings.
    pub(crate) follow_up: Arc<FollowUp>,
}

/// The names the archive gives people and organisations, by key. A meeting's edit can
/// change them for every meeting without changing any other meeting: an unregistered name
/// is spelled as the oldest meeting naming it spells it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Spellings {
    people: Vec<(String, String)>,
    organisations: Vec<(String, String, Option<String>)>,
}

impl Spellings {
    pub(crate) fn of(archive: &Archive) -> Spellings {
        Spellings {
            people: (archive.people.values())
                .map(|p| (p.key.clone(), p.name.clone()))
                .collect(),
            organisations: (archive.organisations.values())
                .map(|o| (o.key.clone(), o.name.clone(), o.short.clone()))
                .collect(),
        }
    }

    /// The people and organisations named otherwise in `self` than in `before`, or named
    /// in only one of them.
    pub(crate) fn respelled(&self, before: &Spellings) -> Respelled {
        Respelled {
            people: keys_not_in_both(&before.people, &self.people, |(key, _)| key),
            organisations: keys_not_in_both(&before.organisations, &self.organisations, |o| &o.0),
        }
    }
}

/// The keys of the entries (sorted, by key first) that `a` and `b` do not share.
fn keys_not_in_both<T: Ord>(a: &[T], b: &[T], key: fn(&T) -> &String) -> BTreeSet<String> {
    let missing = |these: &[T], those: &[T]| -> Vec<String> {
        (these.iter())
            .filter(|entry| those.binary_search(entry).is_err())
            .map(|entry| key(entry).clone())
            .collect()
    };
    missing(a, b).into_iter().chain(missing(b, a)).collect()
}

/// Keys of people and organisations whose names changed (see [`Spellings::respelled`]).
#[derive(Debug, Default)]
pub(crate) struct Respelled {
    pub(crate) people: BTreeSet<String>,
    pub(crate) organisations: BTreeSet<String>,
}

impl Respelled {
    pub(crate) fn is_empty(&self) -> bool {
        self.people.is_empty() && self.organisations.is_empty()
    }

    /// Whether the meeting names one of them.
    pub(crate) fn named_by(&self, meeting: &Meeting) -> bool {
        !self.is_empty()
            && (meeting
                .participants()
                .any(|p| self.people.contains(&*p.person))
                || meeting
                    .organisations_named()
                    .any(|o| self.organisations.contains(o)))
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Meeting {
    /// The file name without `.md`: the meeting's URL segment and the prefix of its ids.
    pub(crate) slug: Slug,
    /// The file, relative to the site root (for messages).
    pub source: PathBuf,
    pub(crate) title: String,
    /// Key of the body (recurring forum).
    pub(crate) body: String,
    pub(crate) organiser: Option<String>,
    pub(crate) date: NaiveDate,
    pub(crate) time: Option<String>,
    pub(crate) location: Option<String>,
    pub(crate) kind: Option<String>,
    pub(crate) language: Language,
    pub(crate) chair: Option<Participant>,
    pub(crate) scribes: Vec<Participant>,
    pub(crate) attendees: Vec<Participant>,
    pub(crate) tags: Vec<Tag>,
    pub(crate) attachments: Vec<Attachment>,
    pub(crate) draft: bool,
    pub(crate) intro_html: Html,
    pub(crate) items: Vec<Item>,
    /// The HTML of each item (as many as `items`), packed: [`Meeting::items_html`].
    pub(crate) items_html: PackedTexts,
    pub(crate) appendices: Vec<Appendix>,
    pub(crate) has_code: bool,
    /// Links from the minutes to pages of the site.
    pub(crate) internal_links: Vec<InternalLink>,
    /// Members, approval and posting of formal minutes (protokoll, board minutes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) formal: Option<Formal>,
    /// `status: planned`: a meeting yet to be held, listed as upcoming and in the calendar.
    pub(crate) planned: bool,
    /// Earlier slugs (`aliases:`): their URLs redirect here, references to them resolve.
    pub(crate) aliases: Vec<String>,
    /// References `[[…]]` and follow-ups of earlier actions written in the minutes.
    pub(crate) written: Written,
}

/// A link from the minutes to a page of the site, and where it is written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct InternalLink {
    /// Site path: `/meetings/2020-09-15-natverket/#item-2`.
    pub(crate) path: String,
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) source_line: String,
}

impl Meeting {
    /// The first and last number of its items, when they are numbers (the § range of
    /// formal minutes).
    pub(crate) fn item_number_range(&self) -> Option<(u32, u32)> {
        let mut numbers = self.items.iter().filter_map(|i| i.number.parse().ok());
        let first = numbers.next()?;
        Some((first, numbers.next_back().unwrap_or(first)))
    }

    /// The HTML of its items, in their order, unpacked.
    pub(crate) fn items_html(&self) -> UnpackedTexts<'_> {
        self.items_html.unpack()
    }

    pub fn decisions(&self) -> impl Iterator<Item = (&Item, &Extract)> {
        self.items
            .iter()
            .flat_map(|item| item.decisions.iter().map(move |d| (item, d)))
    }

    /// The keys of the organisations behind an item: the organiser, then the item's
    /// presenting organisations (repeats left in).
    pub(crate) fn item_organisations<'a>(
        &'a self,
        item: &'a Item,
    ) -> impl Iterator<Item = &'a str> {
        self.organiser
            .as_deref()
            .into_iter()
            .chain(item.presenting())
    }

    pub(crate) fn actions(&self) -> impl Iterator<Item = (&Item, &Extract)> {
        self.items
            .iter()
            .flat_map(|item| item.actions.iter().map(move |a| (item, a)))
    }

    /// Every participant: chair, scribes, attendees and presenters.
    pub(crate) fn participants(&self) -> impl Iterator<Item = &Participant> {
        self.chair
            .iter()
            .chain(&self.scribes)
            .chain(&self.attendees)
            .chain(self.items.iter().flat_map(|i| &i.presenters))
            .chain(self.formal.iter().flat_map(Formal::people))
    }

    /// The organisations it names: its organiser, those its participants came for and those
    /// presenting its items (repeats left in).
    pub(crate) fn organisations_named(&self) -> impl Iterator<Item = &str> {
        self.organiser
            .as_deref()
            .into_iter()
            .chain(
                self.participants()
                    .filter_map(|p| p.organisation.as_deref()),
            )
            .chain(self.items.iter().flat_map(|item| item.presenting()))
    }

    /// True for formal minutes that are not yet approved (ej justerat, a draft).
    pub(crate) fn unapproved(&self) -> bool {
        self.formal.as_ref().is_some_and(|f| !f.approved())
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Item {
    /// Number, anchor and title are shared with the graph's view of the item, not copied.
    pub(crate) number: Arc<str>,
    pub(crate) anchor: Arc<str>,
    pub(crate) title: Arc<str>,
    pub(crate) presenters: Vec<Participant>,
    /// Organisations named among the presenters without a person ("(SKR)").
    pub(crate) presenting_organisations: Vec<Arc<str>>,
    pub(crate) decisions: Vec<Extract>,
    pub(crate) actions: Vec<Extract>,
    /// The diarienummer: "KN 2024/57" from "§ 5 Verksamhetsplan 2025, Dnr KN 2024/57" or
    /// a "Dnr …" / "Diarienummer: …" paragraph.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) case_number: Option<Box<str>>,
    /// Votes, reservations, declared interests and the other records of formal minutes
    /// (see [`Item::records`]); None when there are none, as in most items (boxed: an
    /// archive of 100,000 meetings has 780,000 items).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) records: Option<Box<Records>>,
}

/// The records of an item that has none.
static NO_RECORDS: Records = Records {
    votes: Vec::new(),
    entries: Vec::new(),
};

impl Item {
    /// The item's votes and records (none for most items).
    pub(crate) fn records(&self) -> &Records {
        self.records.as_deref().unwrap_or(&NO_RECORDS)
    }

    /// `records` as an item holds them: None when there are none.
    pub(crate) fn boxed_records(records: Records) -> Option<Box<Records>> {
        (!records.is_empty()).then(|| Box::new(records))
    }

    /// The keys of the organisations presenting the item: its presenters', then those named
    /// on their own (repeats left in).
    pub(crate) fn presenting(&self) -> impl Iterator<Item = &str> {
        self.presenters
            .iter()
            .filter_map(|p| p.organisation.as_deref())
            .chain(self.presenting_organisations.iter().map(|o| &**o))
    }
}

/// A decision or an action.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Extract {
    /// `<meeting-slug>/<item>-<n>`: stable as long as the item keeps its number.
    pub(crate) id: Arc<str>,
    pub(crate) anchor: Arc<str>,
    /// Plain text; shared with the graph's view of the extract, not copied.
    pub(crate) text: Arc<str>,
    pub(crate) html: Html,
    /// A decision of this body or a proposal to another (decisions only).
    #[serde(skip_serializing_if = "DecisionKind::is_decision")]
    pub(crate) kind: DecisionKind,
    /// Owners and due date (an action), the decisions it changes (a decision).
    pub(crate) terms: ExtractTerms,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub(crate) struct Appendix {
    pub(crate) title: String,
    pub(crate) anchor: String,
    pub(crate) html: Html,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub(crate) struct Tag {
    pub(crate) key: String,
    pub(crate) name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Attachment {
    pub(crate) title: String,
    /// File name inside the meeting's attachment folder, when archived.
    pub(crate) file: Option<String>,
    pub(crate) url: Option<String>,
    /// Marked `internal: true`: left out of a public build, never copied there.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(crate) internal: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Organisation {
    pub(crate) key: String,
    pub(crate) name: String,
    pub(crate) short: Option<String>,
    pub(crate) aliases: Vec<String>,
    pub(crate) kind: Option<String>,
    pub(crate) url: Option<String>,
    /// False for names met in the minutes that the registry does not know.
    pub(crate) registered: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Person {
    pub(crate) key: String,
    pub(crate) name: String,
    pub(crate) aliases: Vec<String>,
    /// The organisation the registry gives them.
    pub(crate) organisation: Option<String>,
    pub(crate) registered: bool,
    /// Who a public build may name (`content::audience`).
    #[serde(flatten)]
    pub(crate) exposure: Exposure,
}

/// What a public build does with a person: `public:` and `shown_as:` in people.yaml, and
/// whether the person is one of the stand-ins a public build puts in place of a name.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Exposure {
    /// `public: true|false` in people.yaml; unset for everyone else.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) public: Option<bool>,
    /// What a public build shows instead of the name (a role: "Ordföranden").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) shown_as: Option<String>,
    /// A stand-in for withheld names: no page, no link.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(crate) withheld: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Body {
    pub(crate) key: String,
    pub(crate) name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spellings(people: &[(&str, &str)], organisations: &[(&str, &str)]) -> Spellings {
        Spellings {
            people: (people.iter())
                .map(|(k, n)| (k.to_string(), n.to_string()))
                .collect(),
            organisations: (organisations.iter())
                .map(|(k, n)| (k.to_string(), n.to_string(), None))
                .collect(),
        }
    }

    #[test]
    fn respelled_names_are_those_renamed_added_or_gone() {
        let before = spellings(
            &[("anna", "Anna"), ("kim-berg", "Kim Berg"), ("ola", "Ola")],
            &[("skr", "SKR")],
        );
        let after = spellings(
            &[("anna", "Anna"), ("kim-berg", "Kim Bérg"), ("per", "Per")],
            &[("skr", "SKR")],
        );
        let respelled = after.respelled(&before);
        assert_eq!(
            respelled.people.iter().collect::<Vec<_>>(),
            ["kim-berg", "ola", "per"]
        );
        assert!(respelled.organisations.is_empty());
        assert!(after.respelled(&after).is_empty());
    }
}
