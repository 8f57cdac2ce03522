//! The follow-up across meetings in `archive.json`'s parts (docs/archive-json.md): an
//! action's owners, due date, status and history, a decision's links to the decisions it
//! changes and that change it, an item's case, a meeting's references and backlinks.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::content::followup::types::{FollowUp, Owner};
use crate::content::model::{Extract, Meeting};

/// Who owes an action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnerExport {
    /// `person`, `organisation`, or `name` (neither registered nor met in the minutes).
    pub kind: String,
    /// The person's or organisation's key, or the name as written.
    pub key: String,
}

/// One follow-up of an action at a later meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusChangeExport {
    pub meeting: String,
    pub date: NaiveDate,
    pub item: Option<String>,
    pub status: String,
    pub note: String,
}

/// A link between two decisions: `replaces`, `amends` or `revokes`, and the other's id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeExport {
    pub relation: String,
    pub id: String,
}

/// What the follow-up says of an action (`status` set) or a decision.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FollowExport {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owners: Vec<OwnerExport>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub due_next_meeting: bool,
    /// Actions: `open`, `ongoing`, `done`, `dropped`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub overdue: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<StatusChangeExport>,
    /// Decisions: the earlier decisions this one changes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<ChangeExport>,
    /// Decisions: the later decisions that change this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changed_by: Vec<ChangeExport>,
    /// Decisions: false once a later decision replaces or revokes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_force: Option<bool>,
}

/// A meeting's references to other pages, and the meetings that refer to it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct ReferencesExport {
    /// The targets written `[[…]]` in the minutes, each once, as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) references: Vec<String>,
    /// Slugs of the meetings whose minutes refer to this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) referred_to_by: Vec<String>,
}

pub(crate) fn action_export(follow: &FollowUp, action: &Extract) -> Option<FollowExport> {
    let state = follow.actions.get(&*action.id)?;
    Some(FollowExport {
        owners: state
            .owners
            .iter()
            .map(|o| {
                let (kind, key) = match o {
                    Owner::Person(k) => ("person", k),
                    Owner::Organisation(k) => ("organisation", k),
                    Owner::Name(n) => ("name", n),
                };
                OwnerExport {
                    kind: kind.into(),
                    key: key.clone(),
                }
            })
            .collect(),
        due: state.due,
        due_next_meeting: state.due_next_meeting,
        status: Some(state.status.name().into()),
        overdue: state.overdue,
        history: state
            .history
            .iter()
            .map(|c| StatusChangeExport {
                meeting: c.meeting.clone(),
                date: c.date,
                item: c.item.clone(),
                status: c.status.name().into(),
                note: c.note.clone(),
            })
            .collect(),
        ..FollowExport::default()
    })
}

/// A decision's links, or nothing for a decision without any.
pub(crate) fn decision_export(follow: &FollowUp, decision: &Extract) -> Option<FollowExport> {
    let links = follow.decisions.get(&*decision.id)?;
    let export = |list: &Vec<(crate::content::followup::types::Relation, String)>| {
        list.iter()
            .map(|(relation, id)| ChangeExport {
                relation: relation.name().into(),
                id: id.clone(),
            })
            .collect()
    };
    Some(FollowExport {
        changes: export(&links.changes),
        changed_by: export(&links.changed_by),
        in_force: Some(links.in_force()),
        ..FollowExport::default()
    })
}

pub(crate) fn references_export(follow: &FollowUp, meeting: &Meeting) -> ReferencesExport {
    let mut references: Vec<String> = meeting
        .written
        .references
        .iter()
        .map(|r| r.target.clone())
        .collect();
    references.sort_unstable();
    references.dedup();
    let mut referred_to_by: Vec<String> = follow
        .backlinks
        .get(&*meeting.slug)
        .into_iter()
        .flatten()
        .map(|b| b.from.clone())
        .collect();
    referred_to_by.sort_unstable();
    referred_to_by.dedup();
    ReferencesExport {
        references,
        referred_to_by,
    }
}
