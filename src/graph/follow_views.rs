//! The views of the follow-up across meetings (a leaf of the views, which put them on
//! each decision's and action's view): an action's owners, due date, status and history;
//! a decision's links to the decisions it changes and to those that change it; a
//! meeting's backlinks and cases; the action status pages' links and the cases' list.

use serde::Serialize;

/// Who owes an action: a person's or an organisation's page, or a name alone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OwnerView {
    /// `person:<key>`, `organisation:<key>` or `name:<name>`: for filters.
    pub key: String,
    pub name: String,
    pub path: Option<String>,
}

/// One follow-up of an action in a later meeting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryView {
    pub date: String,
    pub meeting_title: String,
    pub path: String,
    pub status: &'static str,
    pub note: String,
}

/// A link from a decision to one it changes, or that changes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeView {
    /// `replaces`, `amends`, `revokes`.
    pub relation: &'static str,
    /// The UI string for the other direction: `decision_replaced_by`, ….
    pub by_key: &'static str,
    pub id: String,
    pub path: String,
    pub date: String,
    pub meeting_title: String,
}

/// What the follow-up says of a decision or an action. For a decision `status` is `None`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct FollowView {
    pub owners: Vec<OwnerView>,
    /// YYYY-MM-DD.
    pub due: Option<String>,
    /// Due "till nästa möte" (with `due` once the next meeting is in the archive).
    pub due_next_meeting: bool,
    /// `open`, `ongoing`, `done`, `dropped` (actions).
    pub status: Option<&'static str>,
    pub overdue: bool,
    pub history: Vec<HistoryView>,
    pub changes: Vec<ChangeView>,
    pub changed_by: Vec<ChangeView>,
    /// False once a later decision replaces or revokes it.
    pub in_force: bool,
}

/// A meeting referring to another: its title, date and the item the reference is in.
#[derive(Debug, Clone, Serialize)]
pub struct BacklinkView {
    pub title: String,
    pub date: String,
    pub path: String,
}

/// An item's case, linking to the case's page.
#[derive(Debug, Clone, Serialize)]
pub struct ItemCaseView {
    pub item: String,
    pub case: String,
    pub path: String,
}

/// What a meeting's page shows of the follow-up: who refers to it, the cases of its items.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MeetingFollowView {
    pub backlinks: Vec<BacklinkView>,
    pub cases: Vec<ItemCaseView>,
}

/// A link to one of the action status pages, with how many actions it lists.
#[derive(Debug, Clone, Serialize)]
pub struct StatusLink {
    pub status: &'static str,
    pub path: String,
    pub count: usize,
}

/// A case on `/cases/`.
#[derive(Debug, Clone, Serialize)]
pub struct CaseSummary {
    pub case: String,
    pub path: String,
    pub count: usize,
    pub first_date: String,
    pub last_date: String,
}
