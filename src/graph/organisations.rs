//! The organisations: `/organisations/` and a page per organisation with what it organised,
//! attended, presented and decided, and its people.

use crate::base::config::Language;
use crate::content::model::Organisation;
use std::collections::{BTreeMap, BTreeSet};

use crate::base::shared::Shared;

use crate::graph::index::{OrgIndex, Participation};
use crate::graph::page::*;
use crate::graph::refs::Refs;
use crate::graph::scope::Scope;
use crate::graph::views::*;

/// `/organisations/` and a page per organisation. An organisation's pages the last graph
/// had and `scope` keeps are taken as they were.
pub(crate) fn organisation_pages(
    refs: &Refs<'_>,
    participation: &Participation,
    labels: &Labels,
    split_above: usize,
    scope: &Scope,
) -> Vec<Page> {
    let index = &participation.organisations;
    let mut pages = vec![labels.index_page(
        &labels.organisations,
        ("organisations.html", "organisations"),
        PageData::Organisations {
            organisations: organisation_summaries(refs, index),
        },
    )];
    let crumbs = vec![labels.home.clone(), labels.organisations.clone()];
    for organisation in refs.archive.organisations.values() {
        let path = &refs.orgs[organisation.key.as_str()].path;
        if let Some(kept) = scope.kept_with_parts(path) {
            pages.extend(kept);
            continue;
        }
        let entry = &index[organisation.key.as_str()];
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
            |years, split| match years {
                Some(years) => {
                    // Its people are on the summary page only (they are the people who
                    // attended for it in any year).
                    let summary = split.as_ref().is_some_and(|s| s.current.is_none());
                    let part = entry.only(|i| years.contains(&refs.meetings[i].year), summary);
                    organisation_page(refs, labels.language, &crumbs, organisation, &part, split)
                }
                None => {
                    organisation_page(refs, labels.language, &crumbs, organisation, entry, split)
                }
            },
        ));
    }
    pages
}

/// The organisations with their counts, for `/organisations/`.
fn organisation_summaries(
    refs: &Refs<'_>,
    index: &BTreeMap<String, OrgIndex>,
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
                person_count: entry.person_count(),
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
    entry: &OrgIndex,
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
            presented: Listed::Later(entry.presented.clone()),
            decision_total: decisions.len(),
            decisions: decisions.into_iter().take(DECISIONS_PER_PAGE).collect(),
            people: entry.people().map(|k| refs.person(k)).collect(),
            owes: Vec::new(),
            owes_total: 0,
            split,
        },
        meetings: None,
        listed: Vec::new().into(),
        carried_over: false,
    }
    .depending_on(shown)
    .listing(listed)
}
