//! Feeds: what the follow-up adds to a meeting's entry in `/atom.xml`: each action with its
//! owners, due date and state, and each decision that a later one replaces, amends or
//! revokes (a note after the decision's line, and a `rel="related"` link both ways, as in
//! the decisions feed). The words are the meeting's language's: the feeds know no theme.

use crate::base::config::Language;
use crate::content::followup::owner_name;
use crate::content::followup::types::{Relation, Status};
use crate::content::model::{Archive, Extract, Meeting};

/// The words of an action's line, per language.
struct Words {
    action: &'static str,
    owner: &'static str,
    due: &'static str,
    next_meeting: &'static str,
}

fn words(language: Language) -> Words {
    match language {
        Language::Sv => Words {
            action: "Åtgärd",
            owner: "ansvarig",
            due: "senast",
            next_meeting: "till nästa möte",
        },
        Language::En => Words {
            action: "Action",
            owner: "owner",
            due: "due",
            next_meeting: "by the next meeting",
        },
    }
}

fn status_word(language: Language, status: Status, overdue: bool) -> &'static str {
    match (language, overdue, status) {
        (Language::Sv, true, _) => "försenad",
        (Language::Sv, _, Status::Open) => "öppen",
        (Language::Sv, _, Status::Ongoing) => "pågår",
        (Language::Sv, _, Status::Done) => "klar",
        (Language::Sv, _, Status::Dropped) => "avskriven",
        (Language::En, true, _) => "overdue",
        (Language::En, _, Status::Open) => "open",
        (Language::En, _, Status::Ongoing) => "ongoing",
        (Language::En, _, Status::Done) => "done",
        (Language::En, _, Status::Dropped) => "dropped",
    }
}

/// "ersatt av" / "replaced by": a later decision's relation to this one.
fn changed_by_word(language: Language, relation: Relation) -> &'static str {
    match (language, relation) {
        (Language::Sv, Relation::Replaces) => "ersatt av",
        (Language::Sv, Relation::Amends) => "ändrat av",
        (Language::Sv, Relation::Revokes) => "upphävt av",
        (Language::En, Relation::Replaces) => "replaced by",
        (Language::En, Relation::Amends) => "amended by",
        (Language::En, Relation::Revokes) => "revoked by",
    }
}

/// "§4 Åtgärd: Karin Engström ska … (ansvarig: Karin Engström; senast 2022-02-25;
/// öppen)": one line per action of the meeting, in agenda order.
pub(crate) fn action_lines(archive: &Archive, meeting: &Meeting) -> Vec<String> {
    let language = meeting.language;
    let w = words(language);
    meeting
        .actions()
        .map(|(item, action)| {
            let state = archive.follow_up.actions.get(&*action.id);
            let mut terms = Vec::new();
            let owners: Vec<String> = action
                .terms
                .owners
                .iter()
                .map(|o| owner_name(archive, o))
                .collect();
            if !owners.is_empty() {
                terms.push(format!("{}: {}", w.owner, owners.join(", ")));
            }
            match state.and_then(|s| s.due) {
                Some(due) => terms.push(format!("{} {due}", w.due)),
                None if action.terms.due_next_meeting => terms.push(w.next_meeting.to_string()),
                None => {}
            }
            let (status, overdue) = state.map_or((Status::Open, false), |s| (s.status, s.overdue));
            terms.push(status_word(language, status, overdue).to_string());
            format!(
                "§{} {}: {} ({})",
                item.number,
                w.action,
                action.text,
                terms.join("; ")
            )
        })
        .collect()
}

/// " (ersatt av 2025-02-14-styrelsen/2-1)" after a decision a later one changes; empty
/// for the others.
pub(crate) fn decision_note(archive: &Archive, language: Language, decision: &Extract) -> String {
    let Some(links) = archive.follow_up.decisions.get(&*decision.id) else {
        return String::new();
    };
    let notes: Vec<String> = links
        .changed_by
        .iter()
        .map(|(relation, id)| format!("{} {id}", changed_by_word(language, *relation)))
        .collect();
    if notes.is_empty() {
        return String::new();
    }
    format!(" ({})", notes.join("; "))
}

/// The decisions this meeting's decisions change and those that change them: (relation
/// as the decisions feed names it, decision id), in agenda order.
pub(crate) fn related_decisions<'a>(
    archive: &'a Archive,
    meeting: &'a Meeting,
) -> Vec<(&'static str, &'a str)> {
    meeting
        .decisions()
        .filter_map(|(_, d)| archive.follow_up.decisions.get(&*d.id))
        .flat_map(|links| {
            let changes = links.changes.iter().map(|(r, id)| (r.name(), id.as_str()));
            let by = links
                .changed_by
                .iter()
                .map(|(r, id)| (changed_by_name(*r), id.as_str()));
            changes.chain(by)
        })
        .collect()
}

/// The relation seen from the earlier decision, in the link's title.
pub(crate) fn changed_by_name(relation: Relation) -> &'static str {
    match relation {
        Relation::Replaces => "replaced by",
        Relation::Amends => "amended by",
        Relation::Revokes => "revoked by",
    }
}
