//! The organisations: `/organisations/` and a page per organisation with what it organised,
//! attended, presented and decided, and its people.

use crate::base::config::Language;
use crate::content::model::{Archive, Organisation};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::RangeInclusive;

use crate::base::shared::Shared;

use crate::graph::page::*;
use crate::graph::refs::Refs;
use crate::graph::scope::Scope;
use crate::graph::views::*;

/// Per organisation: organised and attended meetings, presented items, decisions, people.
#[derive(Default)]
struct OrgIndex<'a> {
    organised: Vec<usize>,
    attended: BTreeSet<std::cmp::Reverse<usize>>,
    presented: Vec<(usize, usize)>,
    people: BTreeSet<&'a str>,
}

/// `/organisations/` and a page per organisation.
pub(crate) fn organisation_pages(
    refs: &Refs<'_>,
    newest_first: &[usize],
    labels: &Labels,
    split_above: usize,
    scope: &Scope,
) -> Vec<Page> {
    let index = index_organisations(refs.archive, newest_first);
    let mut pages = vec![labels.index_page(
        &labels.organisations,
        ("organisations.html", "organisations"),
        PageData::Organisations {
            organisations: organisation_summaries(refs, &index),
        },
    )];
    let crumbs = vec![labels.home.clone(), labels.organisations.clone()];
    for organisation in refs.archive.organisations.values() {
        let entry = &index[organisation.key.as_str()];
        let path = &refs.orgs[organisation.key.as_str()].path;
        let meetings = entry.meetings();
        pages.extend(crate::graph::by_year::pages_by_year(
            path,
            meetings.iter().map(|&i| refs.meetings[i].year),
            split_above,
            scope,
            || {
                meetings
                    .iter()
                    .map(|&i| refs.archive.meetings[i].slug.clone())
                    .collect()
            },
            |years, split| {
                let part;
                let entry = match years {
                    Some(years) => {
                        let summary = split.as_ref().is_some_and(|s| s.current.is_none());
                        part = entry.in_years(refs, &years, summary);
                        &part
                    }
                    None => entry,
                };
                organisation_page(refs, labels.language, &crumbs, organisation, entry, split)
            },
        ));
    }
    pages
}

impl<'a> OrgIndex<'a> {
    /// The meetings it organised, attended or presented at, each once.
    fn meetings(&self) -> BTreeSet<usize> {
        let mut meetings: BTreeSet<usize> = self.organised.iter().copied().collect();
        meetings.extend(self.attended.iter().map(|r| r.0));
        meetings.extend(self.presented.iter().map(|(i, _)| *i));
        meetings
    }

    /// What it did in `years`, and its people on the `summary` page only (they are the
    /// people who attended for it in any year).
    fn in_years(
        &self,
        refs: &Refs<'_>,
        years: &RangeInclusive<i32>,
        summary: bool,
    ) -> OrgIndex<'a> {
        let of_year = |i: usize| years.contains(&refs.meetings[i].year);
        OrgIndex {
            organised: self
                .organised
                .iter()
                .copied()
                .filter(|&i| of_year(i))
                .collect(),
            attended: self
                .attended
                .iter()
                .copied()
                .filter(|r| of_year(r.0))
                .collect(),
            presented: self
                .presented
                .iter()
                .copied()
                .filter(|p| of_year(p.0))
                .collect(),
            people: if summary {
                self.people.clone()
            } else {
                BTreeSet::new()
            },
        }
    }
}

/// What each organisation organised, attended and presented, and its people.
fn index_organisations<'a>(
    archive: &'a Archive,
    newest_first: &[usize],
) -> BTreeMap<&'a str, OrgIndex<'a>> {
    let mut index: BTreeMap<&'a str, OrgIndex<'a>> = archive
        .organisations
        .keys()
        .map(|k| (k.as_str(), OrgIndex::default()))
        .collect();
    for person in archive.people.values() {
        if let Some(org) = &person.organisation {
            if let Some(entry) = index.get_mut(org.as_str()) {
                entry.people.insert(&person.key);
            }
        }
    }
    for &i in newest_first {
        let meeting = &archive.meetings[i];
        if let Some(entry) = meeting.organiser.as_deref().and_then(|k| index.get_mut(k)) {
            entry.organised.push(i);
        }
        for p in meeting.participants() {
            if let Some(entry) = p.organisation.as_deref().and_then(|k| index.get_mut(k)) {
                entry.attended.insert(std::cmp::Reverse(i));
                if archive
                    .people
                    .get(&p.person)
                    .is_none_or(|p| !p.exposure.withheld)
                {
                    entry.people.insert(&p.person);
                }
            }
        }
        for (j, item) in meeting.items.iter().enumerate() {
            let orgs: BTreeSet<&str> = item.presenting().map(String::as_str).collect();
            for org in orgs {
                if let Some(entry) = index.get_mut(org) {
                    entry.presented.push((i, j));
                }
            }
        }
    }
    index
}

/// The organisations with their counts, for `/organisations/`.
fn organisation_summaries(
    refs: &Refs<'_>,
    index: &BTreeMap<&str, OrgIndex<'_>>,
) -> Vec<OrganisationSummary> {
    let archive = refs.archive;
    archive
        .organisations
        .values()
        .map(|o| {
            let entry = &index[o.key.as_str()];
            OrganisationSummary {
                organisation: refs.orgs[o.key.as_str()].clone(),
                kind: o.kind.clone(),
                aliases: o.aliases.clone(),
                meeting_count: entry.meetings().len(),
                person_count: entry.people.len(),
            }
        })
        .collect()
}

/// An organisation's page: the meetings it organised, attended and presented at, its
/// decisions and its people (those of one year when `split` says so).
fn organisation_page(
    refs: &Refs<'_>,
    lang: Language,
    crumbs: &[Crumb],
    organisation: &Organisation,
    entry: &OrgIndex<'_>,
    split: Option<YearSplit>,
) -> Page {
    let archive = refs.archive;
    // Decisions of the meetings it organised and of the items it presented; the
    // meetings it only attended are listed, not their decisions (a municipality
    // attends most meetings of its networks, and would list nearly every decision).
    let mut own_meetings: BTreeSet<std::cmp::Reverse<usize>> = entry
        .organised
        .iter()
        .map(|&i| std::cmp::Reverse(i))
        .collect();
    own_meetings.extend(entry.presented.iter().map(|(i, _)| std::cmp::Reverse(*i)));
    let decisions: Vec<Shared<ExtractView>> = own_meetings
        .iter()
        .flat_map(|r| refs.decisions[r.0].iter())
        .filter(|d| d.organisations.iter().any(|o| o.key == organisation.key))
        .cloned()
        .collect();
    let mut shown_meetings = own_meetings;
    shown_meetings.extend(entry.attended.iter().copied());
    // A part of a split page lists every meeting of its years; other pages the newest.
    let attended_shown = if crate::graph::by_year::is_part_page(split.as_ref()) {
        usize::MAX
    } else {
        ATTENDED_PER_ORGANISATION_PAGE
    };
    let org_ref = refs.orgs[organisation.key.as_str()].clone();
    Page {
        path: org_ref.path.clone(),
        template: "organisation.html",
        kind: "organisation",
        lang,
        title: organisation.name.clone(),
        breadcrumbs: crumbs.to_vec(),
        data: PageData::Organisation {
            organisation: OrganisationDetail {
                organisation: org_ref,
                aliases: organisation.aliases.clone(),
                kind: organisation.kind.clone(),
                url: organisation.url.clone(),
            },
            organised: entry
                .organised
                .iter()
                .map(|&i| refs.meetings[i].clone())
                .collect(),
            attended: entry
                .attended
                .iter()
                .take(attended_shown)
                .map(|r| refs.meetings[r.0].clone())
                .collect(),
            attended_total: entry.attended.len(),
            presented: entry
                .presented
                .iter()
                .map(|&(i, j)| refs.presented(i, j))
                .collect(),
            decision_total: decisions.len(),
            decisions: decisions.into_iter().take(DECISIONS_PER_PAGE).collect(),
            people: entry.people.iter().map(|k| refs.person(k)).collect(),
            owes: Vec::new(),
            split,
        },
        meetings: None,
    }
    .depending_on(
        shown_meetings
            .iter()
            .map(|r| archive.meetings[r.0].slug.clone()),
    )
}
