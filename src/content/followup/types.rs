//! The follow-up data as plain types, apart from the code that finds it, so that the model
//! can hold it without importing the follow-up step: what one meeting writes
//! ([`Written`]: references, status updates), and what the whole archive makes of it
//! ([`FollowUp`]: each action's owners, due date and status, backlinks, decisions replaced).

use std::collections::BTreeMap;

use chrono::NaiveDate;

/// An action's state, as the latest follow-up records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Status {
    Open,
    Ongoing,
    Done,
    Dropped,
}

impl Status {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Ongoing => "ongoing",
            Status::Done => "done",
            Status::Dropped => "dropped",
        }
    }

    /// Whether someone still owes it.
    pub(crate) fn is_pending(self) -> bool {
        matches!(self, Status::Open | Status::Ongoing)
    }
}

/// How a decision relates to an earlier one it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Relation {
    Replaces,
    Amends,
    Revokes,
}

impl Relation {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Relation::Replaces => "replaces",
            Relation::Amends => "amends",
            Relation::Revokes => "revokes",
        }
    }
}

/// A place in a meeting file, for messages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Serialize)]
pub(crate) struct Place {
    /// 1-based line and column in the file.
    pub(crate) line: usize,
    pub(crate) column: usize,
    /// The line as written, to quote in messages.
    pub(crate) source_line: String,
}

/// `[[target]]` written in the minutes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub(crate) struct Reference {
    /// As written: `2022-01-28-socialchefsnatverk-fyrbodal#8`, `…/8-1`.
    pub(crate) target: String,
    /// The number of the item it is written in, if any.
    pub(crate) item: Option<String>,
    pub(crate) place: Place,
}

/// "Uppföljning: <action id> klar – note": a later meeting records an action's state.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub(crate) struct Update {
    pub(crate) action: String,
    pub(crate) status: Status,
    pub(crate) note: String,
    pub(crate) item: Option<String>,
    pub(crate) place: Place,
}

/// A follow-up line that could not be read: the message and the hint, for `check`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub(crate) struct Unreadable {
    pub(crate) message: String,
    pub(crate) hint: String,
    pub(crate) place: Place,
}

/// The follow-up syntax one meeting's minutes contain.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Serialize)]
pub(crate) struct Written {
    pub(crate) references: Vec<Reference>,
    pub(crate) updates: Vec<Update>,
    pub(crate) unreadable: Vec<Unreadable>,
}

/// Who owes an action: a person's or an organisation's key, or a name no one is known by.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(tag = "kind", content = "key", rename_all = "lowercase")]
pub(crate) enum Owner {
    Person(String),
    Organisation(String),
    /// Written as a name, but neither registered nor met in the minutes.
    Name(String),
}

/// What a decision's or an action's own text says: owners and due date (actions), the
/// earlier decisions it replaces, amends or revokes (decisions).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Serialize)]
pub(crate) struct ExtractTerms {
    pub(crate) owners: Vec<Owner>,
    pub(crate) due: Option<NaiveDate>,
    /// "till nästa möte": due at the body's next meeting.
    pub(crate) due_next_meeting: bool,
    /// (relation, id of the earlier decision as written).
    pub(crate) changes: Vec<(Relation, String)>,
}

/// One follow-up of an action at a later meeting.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub(crate) struct StatusChange {
    pub(crate) meeting: String,
    pub(crate) date: NaiveDate,
    /// The item of the later meeting where it is written.
    pub(crate) item: Option<String>,
    pub(crate) status: Status,
    pub(crate) note: String,
}

/// What the archive knows of an action.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub(crate) struct ActionState {
    pub(crate) owners: Vec<Owner>,
    pub(crate) due: Option<NaiveDate>,
    /// Due "till nästa möte" (the date is the next meeting's, once there is one).
    pub(crate) due_next_meeting: bool,
    pub(crate) status: Status,
    /// Pending and past its due date on the reference day.
    pub(crate) overdue: bool,
    /// Oldest first.
    pub(crate) history: Vec<StatusChange>,
}

/// A decision's links to the decisions it changes and to those that change it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Serialize)]
pub(crate) struct DecisionLinks {
    /// (relation, id of the earlier decision).
    pub(crate) changes: Vec<(Relation, String)>,
    /// (relation, id of the later decision).
    pub(crate) changed_by: Vec<(Relation, String)>,
}

impl DecisionLinks {
    /// Replaced or revoked by a later decision (amended still applies).
    pub(crate) fn in_force(&self) -> bool {
        !self
            .changed_by
            .iter()
            .any(|(r, _)| matches!(r, Relation::Replaces | Relation::Revokes))
    }
}

/// A reference to a meeting from another meeting's minutes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub(crate) struct Backlink {
    /// The meeting it is written in, and the item there.
    pub(crate) from: String,
    pub(crate) item: Option<String>,
}

/// The follow-up of the whole archive.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub(crate) struct FollowUp {
    /// Action id → its state.
    pub(crate) actions: BTreeMap<String, ActionState>,
    /// Decision id → what it changes and what changes it (only decisions with either).
    pub(crate) decisions: BTreeMap<String, DecisionLinks>,
    /// Meeting slug → the references to it (or its items, decisions, actions).
    pub(crate) backlinks: BTreeMap<String, Vec<Backlink>>,
    /// Reference target as written → the site path it links to.
    pub(crate) targets: BTreeMap<String, String>,
    /// Case id → the items about it: (meeting slug, item number), in date order.
    pub(crate) cases: BTreeMap<String, Vec<(String, String)>>,
    /// The title and date of each meeting another meeting's page names through the
    /// follow-up (a backlink, a follow-up, a decision change): part of that page's
    /// fingerprint, so that renaming the meeting re-renders it.
    pub(crate) labels: BTreeMap<String, (String, NaiveDate)>,
}
