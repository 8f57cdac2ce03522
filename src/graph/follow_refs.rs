//! Makes the follow-up views of a decision or an action from the archive's [`FollowUp`],
//! for [`refs`](super::refs): owners become links to their person's or organisation's
//! page, follow-ups and decision links get their meeting's title and date.

use rustc_hash::FxHashMap;

use crate::base::shared::Shared;
use crate::content::followup::types::{FollowUp, Owner, Relation};
use crate::content::model::{Archive, Extract};
use crate::graph::follow_views::*;
use crate::graph::views::{OrgRef, PersonRef};

/// What the follow-up views need to look up.
pub(crate) struct FollowLookup<'a> {
    pub(crate) archive: &'a Archive,
    pub(crate) slugs: FxHashMap<&'a str, usize>,
}

impl<'a> FollowLookup<'a> {
    pub(crate) fn new(archive: &'a Archive) -> Self {
        let slugs = archive
            .meetings
            .iter()
            .enumerate()
            .map(|(i, m)| (&*m.slug, i))
            .collect();
        FollowLookup { archive, slugs }
    }

    fn follow(&self) -> &FollowUp {
        &self.archive.follow_up
    }

    /// (date, title) of the meeting `slug`.
    fn meeting(&self, slug: &str) -> (String, String) {
        self.slugs
            .get(slug)
            .map(|&i| {
                let m = &self.archive.meetings[i];
                (m.date.to_string(), m.title.clone())
            })
            .unwrap_or_default()
    }

    /// The view of a decision (`action` false) or an action.
    pub(crate) fn view(
        &self,
        extract: &Extract,
        action: bool,
        people: &FxHashMap<&str, Shared<PersonRef>>,
        orgs: &FxHashMap<&str, Shared<OrgRef>>,
    ) -> FollowView {
        let follow = self.follow();
        if !action {
            let links = follow.decisions.get(&*extract.id);
            let changes = |list: Option<&Vec<(Relation, String)>>| -> Vec<ChangeView> {
                list.into_iter()
                    .flatten()
                    .map(|(relation, id)| self.change(*relation, id))
                    .collect()
            };
            return FollowView {
                changes: changes(links.map(|l| &l.changes)),
                changed_by: changes(links.map(|l| &l.changed_by)),
                in_force: links.is_none_or(|l| l.in_force()),
                ..FollowView::default()
            };
        }
        let Some(state) = follow.actions.get(&*extract.id) else {
            return FollowView {
                status: Some("open"),
                in_force: true,
                ..FollowView::default()
            };
        };
        FollowView {
            owners: state
                .owners
                .iter()
                .map(|o| owner_view(o, people, orgs))
                .collect(),
            due: state.due.map(|d| d.to_string()),
            due_next_meeting: state.due_next_meeting,
            status: Some(state.status.name()),
            overdue: state.overdue,
            history: state
                .history
                .iter()
                .map(|c| {
                    let (_, meeting_title) = self.meeting(&c.meeting);
                    let anchor = c.item.as_ref().map(|n| format!("#item-{n}"));
                    HistoryView {
                        date: c.date.to_string(),
                        meeting_title,
                        path: format!("/meetings/{}/{}", c.meeting, anchor.unwrap_or_default()),
                        status: c.status.name(),
                        note: c.note.clone(),
                    }
                })
                .collect(),
            in_force: true,
            ..FollowView::default()
        }
    }

    fn change(&self, relation: Relation, id: &str) -> ChangeView {
        let slug = id.split('/').next().unwrap_or(id);
        let (date, meeting_title) = self.meeting(slug);
        let local = id.split_once('/').map_or("", |(_, l)| l);
        ChangeView {
            relation: relation.name(),
            by_key: match relation {
                Relation::Replaces => "decision_replaced_by",
                Relation::Amends => "decision_amended_by",
                Relation::Revokes => "decision_revoked_by",
            },
            id: id.to_string(),
            path: format!("/meetings/{slug}/#decision-{local}"),
            date,
            meeting_title,
        }
    }
}

fn owner_view(
    owner: &Owner,
    people: &FxHashMap<&str, Shared<PersonRef>>,
    orgs: &FxHashMap<&str, Shared<OrgRef>>,
) -> OwnerView {
    match owner {
        Owner::Person(key) => OwnerView {
            key: format!("person:{key}"),
            name: people
                .get(key.as_str())
                .map_or(key.clone(), |p| p.name.clone()),
            path: people.get(key.as_str()).map(|p| p.path.clone()),
        },
        Owner::Organisation(key) => OwnerView {
            key: format!("organisation:{key}"),
            name: orgs
                .get(key.as_str())
                .map_or(key.clone(), |o| o.name.clone()),
            path: orgs.get(key.as_str()).map(|o| o.path.clone()),
        },
        Owner::Name(name) => OwnerView {
            key: format!("name:{}", crate::base::slug::slugify(name)),
            name: name.clone(),
            path: None,
        },
    }
}
