//! The shared references of the graph: each organisation, person, body, meeting, item,
//! decision and action becomes one [`Shared`] view, made once and put on every page that
//! shows it.

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::Datelike;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::base::shared::Shared;
use crate::content::model::{Archive, Extract, Item, Meeting, Participant};
use crate::graph::follow_refs::FollowLookup;
use crate::graph::page::{meeting_path, organisation_path, person_path};
use crate::graph::views::*;

/// Shared references, built once.
pub(crate) struct Refs<'a> {
    pub(crate) archive: &'a Archive,
    // Fx: looked up for every participant and presenter of every meeting.
    pub(crate) orgs: FxHashMap<&'a str, Shared<OrgRef>>,
    pub(crate) people: FxHashMap<&'a str, Shared<PersonRef>>,
    pub(crate) bodies: FxHashMap<&'a str, Shared<BodyRef>>,
    /// Per meeting: its reference, items, decisions and actions (`refs.meetings[i]` reads
    /// them through `Deref`).
    tables: KeptRefs,
    pub(crate) follow: FollowLookup<'a>,
}

impl std::ops::Deref for Refs<'_> {
    type Target = MeetingTables;
    fn deref(&self) -> &MeetingTables {
        &self.tables
    }
}

impl<'a> Refs<'a> {
    pub(crate) fn new(archive: &'a Archive) -> Self {
        Refs::reusing(archive, archive, KeptRefs::default(), &BTreeSet::new())
    }

    /// The references of `archive`, whose follow-up views look other meetings up in
    /// `whole` (the whole archive, when `archive` holds one meeting of it).
    pub(crate) fn within(archive: &'a Archive, whole: &'a Archive) -> Self {
        Refs::reusing(archive, whole, KeptRefs::default(), &BTreeSet::new())
    }

    /// The references of `archive` (in `whole`), taking each meeting's from `kept` (the
    /// last graph's, for the same meetings in the same order) unless its index is in
    /// `renew`.
    pub(crate) fn reusing(
        archive: &'a Archive,
        whole: &'a Archive,
        kept: KeptRefs,
        renew: &BTreeSet<usize>,
    ) -> Self {
        let orgs = archive
            .organisations
            .values()
            .map(|o| {
                let r = OrgRef {
                    key: o.key.clone(),
                    path: organisation_path(&o.key),
                    name: o.name.clone(),
                    short: o.short.clone(),
                };
                (o.key.as_str(), Shared::new(r))
            })
            .collect();
        let people = archive
            .people
            .values()
            .map(|p| {
                let r = PersonRef {
                    key: p.key.clone(),
                    // A stand-in for withheld names has no page to link to.
                    path: if p.exposure.withheld {
                        String::new()
                    } else {
                        person_path(&p.key)
                    },
                    name: p.name.clone(),
                };
                (p.key.as_str(), Shared::new(r))
            })
            .collect();
        let bodies = archive
            .bodies
            .values()
            .map(|b| {
                let r = BodyRef {
                    key: b.key.clone(),
                    path: format!("/bodies/{}/", b.key),
                    name: b.name.clone(),
                };
                (b.key.as_str(), Shared::new(r))
            })
            .collect();
        let mut refs = Refs {
            archive,
            orgs,
            people,
            bodies,
            tables: KeptRefs::default(),
            follow: FollowLookup::new(whole),
        };
        let mut tables = kept;
        if tables.meetings.len() == archive.meetings.len() {
            // Shared (by the graph, while a render pass runs) only when nothing is renewed.
            for &i in renew {
                let fresh = refs.meeting_refs(&archive.meetings[i]);
                std::sync::Arc::make_mut(&mut tables).set(i, fresh);
            }
        } else {
            // Each meeting's references are independent of the others': made on both cores.
            let per_meeting: Vec<MeetingRefs> = archive
                .meetings
                .par_iter()
                .map(|meeting| refs.meeting_refs(meeting))
                .collect();
            let mut made = MeetingTables::default();
            for (i, meeting) in per_meeting.into_iter().enumerate() {
                made.set(i, meeting);
            }
            tables = made.into();
        }
        refs.tables = tables;
        refs
    }

    /// A meeting's reference, its items' and its decisions' and actions' views.
    pub(crate) fn meeting_refs(&self, meeting: &Meeting) -> MeetingRefs {
        let meeting_ref = Shared::new(self.meeting_ref(meeting));
        let items: Vec<Shared<ItemRef>> = meeting
            .items
            .iter()
            .map(|item| {
                Shared::new(ItemRef {
                    number: item.number.clone(),
                    title: item.title.clone(),
                    anchor: item.anchor.clone(),
                    meeting: meeting_ref.clone(),
                })
            })
            .collect();
        let targets = &self.archive.follow_up.targets;
        let extracts =
            |pick: fn(&Item) -> &Vec<Extract>, action: bool| -> Vec<Shared<ExtractView>> {
                meeting
                    .items
                    .iter()
                    .zip(&items)
                    .flat_map(|(item, item_ref)| {
                        let organisations: Arc<[Shared<OrgRef>]> =
                            self.extract_organisations(meeting, item).into();
                        let meeting_ref = &meeting_ref;
                        pick(item).iter().map(move |e| {
                            Shared::new(ExtractView::new(
                                e,
                                crate::content::followup::link_references(&e.html, targets),
                                item_ref.clone(),
                                meeting_ref.clone(),
                                organisations.clone(),
                                self.follow.view(e, action, &self.people, &self.orgs),
                            ))
                        })
                    })
                    .collect()
            };
        let decisions = extracts(|i| &i.decisions, false);
        let actions = extracts(|i| &i.actions, true);
        (meeting_ref, items, decisions, actions)
    }

    pub(crate) fn org(&self, key: &str) -> Option<Shared<OrgRef>> {
        self.orgs.get(key).cloned()
    }

    pub(crate) fn person(&self, key: &str) -> Shared<PersonRef> {
        self.people[key].clone()
    }

    pub(crate) fn meeting_ref(&self, meeting: &Meeting) -> MeetingRef {
        MeetingRef {
            slug: meeting.slug.clone(),
            path: meeting_path(&meeting.slug),
            title: meeting.title.clone(),
            date: meeting.date.to_string(),
            year: meeting.date.year(),
            kind: meeting.kind.clone(),
            language: meeting.language.code(),
            body: self.bodies[meeting.body.as_str()].clone(),
            organiser: meeting.organiser.as_deref().and_then(|k| self.org(k)),
            item_count: meeting.items.len(),
            decision_count: meeting.decisions().count(),
            action_count: meeting.actions().count(),
            unapproved: meeting.unapproved(),
            planned: meeting.planned,
        }
    }

    /// The organiser, then the organisations presenting the item.
    pub(crate) fn extract_organisations(
        &self,
        meeting: &Meeting,
        item: &Item,
    ) -> Vec<Shared<OrgRef>> {
        let mut seen = BTreeSet::new();
        meeting
            .item_organisations(item)
            .filter(|k| seen.insert(*k))
            .filter_map(|k| self.org(k))
            .collect()
    }

    pub(crate) fn participant(&self, p: &Participant) -> ParticipantView {
        ParticipantView {
            person: self.person(&p.person),
            organisation: p.organisation.as_deref().and_then(|k| self.org(k)),
            role: p.role.clone(),
            note: p.note.clone(),
        }
    }

    /// An item a person or organisation presented, with its meeting and presenters.
    pub(crate) fn presented(&self, meeting: usize, item: usize) -> Presented {
        Presented {
            meeting: self.meetings[meeting].clone(),
            item: self.items[meeting][item].clone(),
            presenters: self.archive.meetings[meeting].items[item]
                .presenters
                .iter()
                .map(|p| self.person(&p.person))
                .collect(),
        }
    }
}

impl Refs<'_> {
    /// Every meeting's references, to keep with the graph.
    pub(crate) fn kept(&self) -> KeptRefs {
        std::sync::Arc::clone(&self.tables)
    }
}
