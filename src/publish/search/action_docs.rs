//! Search: what the follow-up adds to a result. An action's: who owes it, when it is due
//! and its state, and the words it is found by besides its text (its owners' names, its
//! state in both languages: "Karin öppen", "overdue"). A decision's: the later decisions
//! that replace, amend or revoke it ("ersatt", "replaced" find it). The documents
//! themselves are made in `build.rs`; this file only reads the model and the follow-up.

use serde::ser::{Serialize, SerializeSeq, Serializer};

use crate::content::followup::owner_name;
use crate::content::model::{Archive, Extract};
use crate::publish::search::index::{ActionFacts, ChangedBy, Doc};

/// What the follow-up knows of `action`: owners as the model names them (masked in a public
/// build), the due date, and the state, `overdue` when it is pending past its due date.
pub(crate) fn action_facts(archive: &Archive, action: &Extract) -> ActionFacts {
    let state = archive.follow_up.actions.get(&*action.id);
    let status = match state {
        Some(s) if s.overdue => "overdue",
        Some(s) => s.status.name(),
        None => "open",
    };
    ActionFacts {
        owners: action
            .terms
            .owners
            .iter()
            .map(|o| owner_name(archive, o))
            .collect(),
        due: state.and_then(|s| s.due).map(|d| d.to_string()),
        status,
    }
}

/// The later decisions that change `decision`, oldest first.
pub(crate) fn changed_by(archive: &Archive, decision: &Extract) -> Vec<ChangedBy> {
    let Some(links) = archive.follow_up.decisions.get(&*decision.id) else {
        return Vec::new();
    };
    links
        .changed_by
        .iter()
        .map(|(relation, id)| {
            let (slug, local) = id.split_once('/').unwrap_or((id, ""));
            let date = archive
                .follow_up
                .labels
                .get(slug)
                .map(|(_, date)| date.to_string())
                .unwrap_or_default();
            ChangedBy {
                relation: relation.name(),
                path: format!("{}#decision-{local}", crate::graph::meeting_path(slug)),
                date,
            }
        })
        .collect()
}

/// What a changed decision is found by, in both languages.
pub(crate) fn changed_words(changed_by: &[ChangedBy]) -> String {
    let words = changed_by.iter().map(|c| match c.relation {
        "replaces" => "ersatt replaced",
        "revokes" => "upphävt revoked",
        _ => "ändrat amended",
    });
    words.collect::<Vec<_>>().join(" ")
}

/// The state as searched, in Swedish and English whatever the meeting's language, so that
/// "öppen" and "open" both find open actions (an overdue action is also open).
pub(crate) fn status_words(status: &str) -> &'static str {
    match status {
        "overdue" => "försenad overdue öppen open",
        "ongoing" => "pågår ongoing",
        "done" => "klar done",
        "dropped" => "avskriven dropped",
        _ => "öppen open",
    }
}

/// A document as a row of `d-<n>.js`: kind, path, title, meeting title, date, body,
/// organisations, snippet text; for an action a ninth element `[owners, due, status]`
/// (`due` is `null` when none is known), for a decision a later one changes a ninth
/// element `[[relation, path, date], …]`.
pub(crate) struct DocRow<'a>(pub(crate) &'a Doc);

impl Serialize for DocRow<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let d = self.0;
        let extra = d.action.is_some() || !d.changed_by.is_empty();
        let mut row = serializer.serialize_seq(Some(8 + usize::from(extra)))?;
        row.serialize_element(&(d.kind as u8))?;
        row.serialize_element(&d.path)?;
        row.serialize_element(&d.title)?;
        row.serialize_element(&d.meeting_title)?;
        row.serialize_element(&d.date)?;
        row.serialize_element(&d.body)?;
        row.serialize_element(&d.organisations)?;
        row.serialize_element(&d.text)?;
        if let Some(a) = &d.action {
            row.serialize_element(&(&a.owners, &a.due, a.status))?;
        } else if !d.changed_by.is_empty() {
            let changes: Vec<(&str, &str, &str)> = d
                .changed_by
                .iter()
                .map(|c| (c.relation, c.path.as_str(), c.date.as_str()))
                .collect();
            row.serialize_element(&changes)?;
        }
        row.end()
    }
}
