//! The model of formal minutes (a nämnd's protokoll, a board's or council's minutes):
//! who decided and who served for whom, approval (justering), posting (anslag) and the
//! appeal deadline, and what an agenda item records besides its decisions (case number,
//! votes, reservations, declared interests, notes for the record, proposals,
//! distribution). Plain data, read by `formal_front` and the Markdown step.

use chrono::NaiveDate;

use crate::base::formal_words::RecordKind;
use crate::content::participant::Participant;

/// Decisions can be appealed for three weeks from the day the approval was posted
/// (Kommunallagen 13 kap. 5 §).
pub(crate) const APPEAL_WEEKS: i64 = 3;

/// The formal part of a meeting, present when its kind is formal or it names members,
/// approval or posting.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub(crate) struct Formal {
    /// Beslutande / Members present: who decided.
    pub(crate) members: Vec<Member>,
    /// Ersättare present but not serving.
    pub(crate) substitutes: Vec<Member>,
    /// Frånvarande / Apologies.
    pub(crate) absent: Vec<Member>,
    pub(crate) approval: Option<Approval>,
    pub(crate) posting: Option<Posting>,
    /// Paragrafer: the first and last § as written in the front matter.
    pub(crate) paragraphs: Option<(u32, u32)>,
    /// Where the first item's heading is (for `check`'s warnings on § numbering).
    #[serde(skip)]
    pub(crate) first_item: Option<FirstItem>,
}

impl Formal {
    /// Approved (justerat) when the approval has a date.
    pub(crate) fn approved(&self) -> bool {
        self.approval.as_ref().is_some_and(|a| a.date.is_some())
    }

    /// Members who decided, substitutes who served included.
    pub(crate) fn deciding(&self) -> usize {
        self.members.len()
    }

    pub(crate) fn people(&self) -> impl Iterator<Item = &Participant> {
        let approvers = self.approval.iter().flat_map(|a| &a.by);
        self.members
            .iter()
            .chain(&self.substitutes)
            .chain(&self.absent)
            .chain(approvers)
            .map(|m| &m.who)
    }
}

/// A member, substitute or justerare: the person with their party and, for a substitute
/// who serves, the member they serve for.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Member {
    pub(crate) who: Participant,
    /// "S", "M": written in brackets after the name.
    pub(crate) party: Option<String>,
    /// Key of the member this substitute serves for (tjänstgörande ersättare).
    pub(crate) serving_for: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Approval {
    /// Justerare (besides the chair).
    pub(crate) by: Vec<Member>,
    pub(crate) place: Option<String>,
    /// The day the minutes were approved; none while they are a draft.
    pub(crate) date: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Posting {
    /// The day the approval was posted on the notice board (anslag).
    pub(crate) date: NaiveDate,
    /// The last day to appeal: the posting date plus three weeks.
    pub(crate) appeal_until: NaiveDate,
    /// Where the minutes are kept (förvaringsplats).
    pub(crate) kept_at: Option<String>,
}

impl Posting {
    pub(crate) fn new(date: NaiveDate, kept_at: Option<String>) -> Self {
        Posting {
            date,
            appeal_until: date + chrono::Duration::weeks(APPEAL_WEEKS),
            kept_at,
        }
    }
}

/// Whose decision a decision is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum DecisionKind {
    /// This body's decision.
    #[default]
    Decision,
    /// A proposal to another body ("föreslår kommunfullmäktige besluta att").
    Proposal,
}

impl DecisionKind {
    pub(crate) fn is_decision(&self) -> bool {
        *self == DecisionKind::Decision
    }
}

/// What an agenda item records besides its decisions.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub(crate) struct Records {
    pub(crate) votes: Vec<Vote>,
    pub(crate) entries: Vec<Record>,
}

impl Records {
    pub(crate) fn is_empty(&self) -> bool {
        self.votes.is_empty() && self.entries.is_empty()
    }

    pub(crate) fn of(&self, kind: RecordKind) -> impl Iterator<Item = &Record> {
        self.entries.iter().filter(move |r| r.kind == kind)
    }
}

/// A reservation, a declared interest, a note for the record, a proposal or who the
/// decision is sent to: its text, and the people it names ("Per Ek (M)").
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Record {
    pub(crate) kind: RecordKind,
    pub(crate) text: String,
    pub(crate) html: String,
    /// Names written with a party in brackets, as written.
    pub(crate) people: Vec<String>,
}

/// A vote (omröstning): its counts when the text gives them.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Vote {
    pub(crate) text: String,
    pub(crate) yes: Option<u32>,
    pub(crate) no: Option<u32>,
    pub(crate) abstain: Option<u32>,
}

impl Vote {
    pub(crate) fn total(&self) -> u32 {
        self.yes.unwrap_or(0) + self.no.unwrap_or(0) + self.abstain.unwrap_or(0)
    }
}

/// A party's short name: one to six letters, the first a capital ("S", "KD", "Vf").
pub(crate) fn is_party(text: &str) -> bool {
    let count = text.chars().count();
    (1..=6).contains(&count)
        && text.chars().all(char::is_alphabetic)
        && text.chars().next().is_some_and(char::is_uppercase)
}

/// Where a meeting's first item is, for the warning: its file line and the line's text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FirstItem {
    pub(crate) line: usize,
    pub(crate) text: String,
}
