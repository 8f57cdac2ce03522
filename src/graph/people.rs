//! The people: `/people/` and a page per person with the meetings they attended, what they
//! presented and the roles they held.

use crate::base::config::Language;
use crate::content::model::{Archive, Person};
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::ops::RangeInclusive;

use crate::base::shared::Shared;

use crate::graph::index::{Participation, PersonIndex};
use crate::graph::page::*;
use crate::graph::refs::Refs;
use crate::graph::scope::Scope;
use crate::graph::views::*;

/// `/people/` and a page per person. A person's pages the last graph had and `scope`
/// keeps are taken as they were.
pub(crate) fn person_pages(
    refs: &Refs<'_>,
    participation: &Participation,
    labels: &Labels,
    split_above: usize,
    scope: &Scope,
) -> Vec<Page> {
    let archive = refs.archive;
    let index = &participation.people;
    let summaries: Vec<PersonSummary> = has_page(archive)
        .map(|p| {
            let entry = &index[p.key.as_str()];
            PersonSummary {
                person: refs.person(&p.key),
                organisations: orgs_of(refs, entry.organisations()),
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
        let path = &refs.people[person.key.as_str()].path;
        if let Some(kept) = scope.kept_with_parts(path) {
            pages.extend(kept);
            continue;
        }
        let entry = &index[person.key.as_str()];
        let meetings = entry.meetings();
        pages.extend(crate::graph::by_year::pages_by_year(
            path,
            meetings.iter().map(|&i| refs.meetings[i].year),
            split_above,
            scope,
            || slugs(archive, &meetings),
            |years, split| match years {
                Some(years) => {
                    let summary = split.as_ref().is_some_and(|s| s.current.is_none());
                    let part = in_years(entry, refs, &years, person, summary);
                    person_page(refs, labels.language, &crumbs, person, &part, split)
                }
                None => {
                    let part = PersonPart {
                        entry: Cow::Borrowed(entry),
                        organisations: entry.organisations().collect(),
                    };
                    person_page(refs, labels.language, &crumbs, person, &part, split)
                }
            },
        ));
    }
    pages
}

/// What one page of a person shows: their entries (of some years) and organisations.
struct PersonPart<'a> {
    entry: Cow<'a, PersonIndex>,
    organisations: BTreeSet<&'a str>,
}

/// What the person did in `years`; the organisations they were there for in those years
/// (and their registered one), or in every year on the `summary` page (which lists every
/// meeting).
fn in_years<'a>(
    entry: &'a PersonIndex,
    refs: &Refs<'a>,
    years: &RangeInclusive<i32>,
    person: &'a Person,
    summary: bool,
) -> PersonPart<'a> {
    let part = entry.only(|i| years.contains(&refs.meetings[i].year));
    // A part shows nothing of the other years, so that an edit of one year leaves the
    // other parts as they are.
    let organisations = if summary {
        entry.organisations().collect()
    } else {
        let meetings = &refs.archive.meetings;
        let presenting = part.presented.iter().flat_map(|&(i, j)| {
            meetings[i].items[j]
                .presenters
                .iter()
                .filter(|p| *p.person == *person.key)
        });
        person
            .organisation
            .as_deref()
            .into_iter()
            .chain(
                part.attended
                    .iter()
                    .map(|&(i, seat)| seat.of(&meetings[i]))
                    .chain(presenting)
                    .filter_map(|p| p.organisation.as_deref()),
            )
            .collect()
    };
    PersonPart {
        entry: Cow::Owned(part),
        organisations,
    }
}

/// The slugs of the meetings at these archive positions.
fn slugs(archive: &Archive, meetings: &[usize]) -> Vec<Slug> {
    meetings
        .iter()
        .map(|&i| archive.meetings[i].slug.clone())
        .collect()
}

/// The people with a page: all but the stand-ins of a public build.
fn has_page(archive: &Archive) -> impl Iterator<Item = &Person> {
    archive.people.values().filter(|p| !p.exposure.withheld)
}

/// The organisations a person belongs to or attended for.
fn orgs_of<'a>(refs: &Refs<'_>, keys: impl IntoIterator<Item = &'a str>) -> Vec<Shared<OrgRef>> {
    keys.into_iter().filter_map(|k| refs.org(k)).collect()
}

/// A person's page: the meetings they attended, the items they presented, their roles
/// (those of one year when `split` says so).
fn person_page(
    refs: &Refs<'_>,
    lang: Language,
    crumbs: &[Crumb],
    person: &Person,
    part: &PersonPart<'_>,
    split: Option<YearSplit>,
) -> Page {
    let archive = refs.archive;
    let entry = &*part.entry;
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
                organisations: orgs_of(refs, part.organisations.iter().copied()),
            },
            attended: Listed::Later(entry.attended.clone()),
            presented: Listed::Later(entry.presented.clone()),
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
        carried_over: false,
    }
    // A person's page lists meetings; what it owes is added by the follow-up.
    .depending_on(Vec::new())
    .listing(slugs(archive, &entry.meetings()))
}
