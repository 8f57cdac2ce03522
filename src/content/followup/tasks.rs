//! Decisions that give someone a task: "Beslut: Karin Engström ska samla in och sammanställa
//! kontaktuppgifter …" decides, and also names who is to do what, so it is followed up as
//! an action with that owner, open until a later meeting records it done. Read only in an
//! item that writes no actions of its own (`Åtgärd:`), and only when every name before the
//! verb is a registered person or organisation or one met in the minutes: "Restiden ska
//! fördelas …" or "Socialcheferna vill att …" give no task.
//!
//! The action is the decision seen as a task: it has the decision's id (`<meeting>/4-1`, so
//! `Uppföljning: <meeting>/4-1 klar` closes it) and its anchor (the page shows the text
//! once). The item has no action of its own, so no other action has that id.

use chrono::NaiveDate;

use crate::content::followup::terms::{read_terms, Due};
use crate::content::followup::types::{ExtractTerms, Owner};
use crate::content::model::Extract;

/// The tasks the decisions of one item give, in their order. `known_owner` resolves a name
/// without a warning (a decision need not name anyone).
pub(crate) fn decision_tasks(
    decisions: &[Extract],
    meeting_date: NaiveDate,
    known_owner: impl Fn(&str) -> Option<Owner>,
) -> Vec<Extract> {
    decisions
        .iter()
        .filter(|d| d.kind.is_decision())
        .filter_map(|decision| {
            let read = read_terms(&decision.text, meeting_date);
            if read.owners.is_empty() {
                return None;
            }
            let owners: Option<Vec<Owner>> = read.owners.iter().map(|n| known_owner(n)).collect();
            Some(Extract {
                terms: ExtractTerms {
                    owners: owners?,
                    due: match read.due {
                        Some(Due::Date(date)) => Some(date),
                        _ => None,
                    },
                    due_next_meeting: read.due == Some(Due::NextMeeting),
                    changes: Vec::new(),
                },
                ..decision.clone()
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::DecisionKind;

    fn decision(n: usize, text: &str) -> Extract {
        Extract {
            id: format!("m/4-{n}").into(),
            anchor: format!("decision-4-{n}").into(),
            text: text.into(),
            html: text.into(),
            kind: DecisionKind::default(),
            terms: ExtractTerms::default(),
        }
    }

    fn known(name: &str) -> Option<Owner> {
        match name {
            "Karin Engström" => Some(Owner::Person("karin-engstrom".into())),
            "Fyrbodals kommunalförbund" => Some(Owner::Organisation("fyrbodal".into())),
            _ => None,
        }
    }

    #[test]
    fn a_decision_naming_a_known_owner_and_a_task_is_also_an_action() {
        let date = NaiveDate::from_ymd_opt(2022, 1, 28).unwrap();
        let decisions = [
            decision(1, "Karin Engström ska samla in och sammanställa kontaktuppgifter för Fyrbodals kommunerna."),
            decision(2, "Restiden ska fördelas solidariskt mellan alla kommuner."),
            decision(3, "Socialchefsnätverket noterar informationen."),
            decision(4, "Tom Baker ska skicka ut listan."),
            decision(5, "Fyrbodals kommunalförbund ska återkomma till nästa möte."),
            decision(6, "Socialcheferna vill att IFO-cheferna ska fortsätta detta samtal med Polisen."),
        ];
        let tasks = decision_tasks(&decisions, date, known);
        let got: Vec<(&str, &str, &[Owner], bool)> = tasks
            .iter()
            .map(|t| {
                (
                    &*t.id,
                    &*t.anchor,
                    t.terms.owners.as_slice(),
                    t.terms.due_next_meeting,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "m/4-1",
                    "decision-4-1",
                    &[Owner::Person("karin-engstrom".into())][..],
                    false
                ),
                (
                    "m/4-5",
                    "decision-4-5",
                    &[Owner::Organisation("fyrbodal".into())][..],
                    true
                ),
            ]
        );
    }
}
