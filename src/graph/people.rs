//! The people: `/people/` and a page per person with the meetings they attended, what they
//! presented and the roles they held.

use crate::base::config::Language;
use crate::content::model::{Archive, Person};
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::RangeInclusive;

use crate::base::shared::Shared;

use crate::content::model::Participant;
use crate::graph::by_year::in_years;
use crate::graph::page::*;
use crate::graph::refs::Refs;
use crate::graph::scope::Scope;
use crate::graph::views::*;

#[derive(Default)]
struct PersonIndex<'a> {
    /// Meeting index and the participant entry (role, note, organisation) there.
    attended: Vec<(usize, &'a Participant)>,
    presented: Vec<(usize, usize)>,
    roles: Vec<(&'static str, usize)>,
    organisations: BTreeSet<&'a str>,
}

/// `/people/` and a page per person.
pub(crate) fn person_pages(
    refs: &Refs<'_>,
    newest_first: &[usize],
    labels: &Labels,
    split_above: usize,
    scope: &Scope,
) -> Vec<Page> {
    let archive = refs.archive;
    let index = index_people(archive, newest_first);
    let summaries: Vec<PersonSummary> = has_page(archive)
        .map(|p| {
            let entry = &index[p.key.as_str()];
            PersonSummary {
                person: refs.person(&p.key),
                organisations: orgs_of(refs, entry),
                meeting_count: entry.meetings().len(),
            }
        })
        .collect();
    let mut pages = vec![labels.index_page(
        &labels.people,
        ("people.html", "people"),
        PageData::People { people: summaries },
    )];
    let crumbs = vec![labels.home.clone(), labels.people.clone()];
    for person in has_page(archive) {
        let entry = &index[person.key.as_str()];
        let path = &refs.people[person.key.as_str()].path;
        let meetings = entry.meetings();
        pages.extend(crate::graph::by_year::pages_by_year(
            path,
            meetings.iter().map(|&i| refs.meetings[i].year),
            split_above,
            scope,
            || slugs(archive, &meetings),
            |years, split| {
                let part;
                let entry = match years {
                    Some(years) => {
                        let summary = split.as_ref().is_some_and(|s| s.current.is_none());
                        part = entry.in_years(refs, &years, person, summary);
                        &part
                    }
                    None => entry,
                };
                person_page(refs, labels.language, &crumbs, person, entry, split)
            },
        ));
    }
    pages
}

impl<'a> PersonIndex<'a> {
    /// The meetings attended or presented at, each once, in archive order.
    fn meetings(&self) -> BTreeSet<usize> {
        let mut meetings: BTreeSet<usize> = self.attended.iter().map(|a| a.0).collect();
        meetings.extend(self.presented.iter().map(|(i, _)| *i));
        meetings
    }

    /// What the person did in `years`; the organisations they were there for in those
    /// years, or in every year on the `summary` page (which lists every meeting).
    fn in_years(
        &self,
        refs: &Refs<'a>,
        years: &RangeInclusive<i32>,
        person: &'a Person,
        summary: bool,
    ) -> PersonIndex<'a> {
        let attended = in_years(&self.attended, refs, years, |a| a.0);
        let presented = in_years(&self.presented, refs, years, |p| p.0);
        // The organisations they were there for in those years (and their registered
        // one): a part shows nothing of the other years, so that an edit of one year
        // leaves the other parts as they are.
        let presenting = presented.iter().flat_map(|&(i, j)| {
            refs.archive.meetings[i].items[j]
                .presenters
                .iter()
                .filter(|p| p.person == person.key)
        });
        let organisations = if summary {
            self.organisations.clone()
        } else {
            person
                .organisation
                .as_deref()
                .into_iter()
                .chain(
                    attended
                        .iter()
                        .map(|a| a.1)
                        .chain(presenting)
                        .filter_map(|p| p.organisation.as_deref()),
                )
                .collect()
        };
        PersonIndex {
            attended,
            presented,
            roles: in_years(&self.roles, refs, years, |r| r.1),
            organisations,
        }
    }
}

/// The slugs of the meetings at these archive positions.
fn slugs(archive: &Archive, meetings: &BTreeSet<usize>) -> Vec<Slug> {
    meetings
        .iter()
        .map(|&i| archive.meetings[i].slug.clone())
        .collect()
}

/// The people with a page: all but the stand-ins of a public build.
fn has_page(archive: &Archive) -> impl Iterator<Item = &Person> {
    archive.people.values().filter(|p| !p.exposure.withheld)
}

/// What each person attended (with their role) and presented, and their organisations.
/// Every participant of every meeting is looked up here (also after each edit in
/// `serve`): people by position in a hash map.
fn index_people<'a>(
    archive: &'a Archive,
    newest_first: &[usize],
) -> BTreeMap<&'a str, PersonIndex<'a>> {
    let position: FxHashMap<&str, usize> = archive
        .people
        .keys()
        .enumerate()
        .map(|(n, k)| (k.as_str(), n))
        .collect();
    let mut entries: Vec<PersonIndex<'a>> = Vec::new();
    entries.resize_with(position.len(), PersonIndex::default);
    for (entry, person) in entries.iter_mut().zip(archive.people.values()) {
        entry.organisations.extend(person.organisation.as_deref());
    }
    for &i in newest_first {
        let meeting = &archive.meetings[i];
        let mut attend = |p: &'a Participant, role: Option<&'static str>| {
            if let Some(&n) = position.get(p.person.as_str()) {
                let entry = &mut entries[n];
                // Meetings come one at a time: a repeat (chair and attendee) can only be
                // the last one pushed.
                if entry.attended.last().is_none_or(|(m, _)| *m != i) {
                    entry.attended.push((i, p));
                }
                if let Some(role) = role {
                    entry.roles.push((role, i));
                }
                entry.organisations.extend(p.organisation.as_deref());
            }
        };
        if let Some(chair) = &meeting.chair {
            attend(chair, Some("chair"));
        }
        for scribe in &meeting.scribes {
            attend(scribe, Some("scribe"));
        }
        for attendee in &meeting.attendees {
            attend(attendee, None);
        }
        for (j, item) in meeting.items.iter().enumerate() {
            for p in &item.presenters {
                if let Some(&n) = position.get(p.person.as_str()) {
                    entries[n].presented.push((i, j));
                    entries[n].organisations.extend(p.organisation.as_deref());
                }
            }
        }
    }
    archive
        .people
        .keys()
        .map(String::as_str)
        .zip(entries)
        .collect()
}

/// The organisations a person belongs to or attended for.
fn orgs_of(refs: &Refs<'_>, entry: &PersonIndex<'_>) -> Vec<Shared<OrgRef>> {
    entry
        .organisations
        .iter()
        .filter_map(|k| refs.org(k))
        .collect()
}

/// A person's page: the meetings they attended, the items they presented, their roles
/// (those of one year when `split` says so).
fn person_page(
    refs: &Refs<'_>,
    lang: Language,
    crumbs: &[Crumb],
    person: &Person,
    entry: &PersonIndex<'_>,
    split: Option<YearSplit>,
) -> Page {
    let archive = refs.archive;
    let person_ref = refs.person(&person.key);
    Page {
        path: person_ref.path.clone(),
        template: "person.html",
        kind: "person",
        lang,
        title: person.name.clone(),
        breadcrumbs: crumbs.to_vec(),
        data: PageData::Person {
            person: PersonDetail {
                person: person_ref,
                aliases: person.aliases.clone(),
                organisations: orgs_of(refs, entry),
            },
            attended: entry
                .attended
                .iter()
                .map(|(i, p)| Attendance {
                    meeting: refs.meetings[*i].clone(),
                    role: p.role.clone(),
                    note: p.note.clone(),
                    organisation: p.organisation.as_deref().and_then(|k| refs.org(k)),
                })
                .collect(),
            presented: entry
                .presented
                .iter()
                .map(|&(i, j)| refs.presented(i, j))
                .collect(),
            roles: entry
                .roles
                .iter()
                .map(|&(role, i)| RoleView {
                    role,
                    meeting: refs.meetings[i].clone(),
                })
                .collect(),
            owes: Vec::new(),
            owes_total: 0,
            split,
        },
        meetings: None,
        listed: Vec::new().into(),
    }
    // A person's page lists meetings; what it owes is added by the follow-up.
    .depending_on(Vec::new())
    .listing(slugs(archive, &entry.meetings()))
}
