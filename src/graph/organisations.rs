//! The organisations: `/organisations/` and a page per organisation with what it organised,
//! attended, presented and decided, and its people.

use crate::base::config::Language;
use crate::content::model::{Archive, Organisation};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::RangeInclusive;

use crate::base::shared::Shared;

use crate::graph::by_year::in_years;
use crate::graph::page::*;
use crate::graph::refs::Refs;
use crate::graph::scope::Scope;
use crate::graph::views::*;

/// Per organisation: organised and attended meetings, presented items, decisions, people.
#[derive(Default)]
struct OrgIndex<'a> {
    organised: Vec<usize>,
    /// Newest first, each once.
    attended: Vec<usize>,
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
        meetings.extend(self.attended.iter().copied());
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
        OrgIndex {
            organised: in_years(&self.organised, refs, years, |&i| i),
            attended: in_years(&self.attended, refs, years, |&i| i),
            presented: in_years(&self.presented, refs, years, |p| p.0),
            people: if summary {
                self.people.clone()
            } else {
                BTreeSet::new()
            },
        }
    }
}

/// What each organisation organised, attended and presented, and its people. Every
/// participant of every meeting is looked up here (also after each edit in `serve`):
/// organisations by position in a hash map, people in a hash set per organisation.
fn index_organisations<'a>(
    archive: &'a Archive,
    newest_first: &[usize],
) -> BTreeMap<&'a str, OrgIndex<'a>> {
    let position: FxHashMap<&str, usize> = archive
        .organisations
        .keys()
        .enumerate()
        .map(|(n, k)| (k.as_str(), n))
        .collect();
    let mut entries: Vec<OrgIndex<'a>> = Vec::new();
    entries.resize_with(position.len(), OrgIndex::default);
    let mut people: Vec<FxHashSet<&'a str>> = vec![FxHashSet::default(); position.len()];
    // People kept out of a public build are listed nowhere (usually there are none).
    let withheld: FxHashSet<&str> = archive
        .people
        .values()
        .filter(|p| p.exposure.withheld)
        .map(|p| p.key.as_str())
        .collect();
    for person in archive.people.values() {
        if let Some(&n) = person.organisation.as_deref().and_then(|k| position.get(k)) {
            people[n].insert(&person.key);
        }
    }
    for &i in newest_first {
        let meeting = &archive.meetings[i];
        if let Some(&n) = meeting.organiser.as_deref().and_then(|k| position.get(k)) {
            entries[n].organised.push(i);
        }
        for p in meeting.participants() {
            let Some(&n) = p.organisation.as_deref().and_then(|k| position.get(k)) else {
                continue;
            };
            // Meetings come one at a time, newest first: a repeat is the last one pushed.
            if entries[n].attended.last() != Some(&i) {
                entries[n].attended.push(i);
            }
            if withheld.is_empty() || !withheld.contains(p.person.as_str()) {
                people[n].insert(&p.person);
            }
        }
        for (j, item) in meeting.items.iter().enumerate() {
            let orgs: BTreeSet<&str> = item.presenting().map(String::as_str).collect();
            for &n in orgs.iter().filter_map(|k| position.get(k)) {
                entries[n].presented.push((i, j));
            }
        }
    }
    for (entry, people) in entries.iter_mut().zip(people) {
        entry.people = people.into_iter().collect();
    }
    archive
        .organisations
        .keys()
        .map(String::as_str)
        .zip(entries)
        .collect()
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
    let slug = |i: usize| archive.meetings[i].slug.clone();
    // Its own meetings' decisions are shown; the meetings it attended are only listed.
    let shown: Vec<Slug> = own_meetings.iter().map(|r| slug(r.0)).collect();
    let listed: Vec<Slug> = entry.attended.iter().map(|&i| slug(i)).collect();
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
                .map(|&i| refs.meetings[i].clone())
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
            owes_total: 0,
            split,
        },
        meetings: None,
        listed: Vec::new().into(),
    }
    .depending_on(shown)
    .listing(listed)
}
