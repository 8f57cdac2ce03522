//! The bodies: `/bodies/` and a page per body with its meetings and newest decisions.

use crate::content::model::{Body, Meeting};
use crate::graph::by_year::pages_by_year;
use crate::graph::page::*;
use crate::graph::refs::Refs;
use crate::graph::scope::Scope;
use crate::graph::views::*;
use std::ops::RangeInclusive;

/// Each body with its number of meetings, first and last date, and organisers.
pub(crate) fn body_summaries(refs: &Refs<'_>) -> Vec<BodySummary> {
    let archive = refs.archive;
    archive
        .bodies
        .values()
        .map(|body| {
            let meetings = archive.meetings.iter().filter(|m| m.body == body.key);
            body_summary(refs, body, meetings)
        })
        .collect()
}

/// A body with the number of `meetings` (in archive order), their first and last date,
/// and their organisers.
fn body_summary<'a>(
    refs: &Refs<'_>,
    body: &Body,
    meetings: impl Iterator<Item = &'a std::sync::Arc<Meeting>>,
) -> BodySummary {
    let meetings: Vec<&std::sync::Arc<Meeting>> = meetings.collect();
    let mut organisers: Vec<&str> = meetings
        .iter()
        .filter_map(|m| m.organiser.as_deref())
        .collect();
    organisers.sort_unstable();
    organisers.dedup();
    BodySummary {
        body: refs.bodies[body.key.as_str()].clone(),
        meeting_count: meetings.len(),
        first_date: meetings
            .first()
            .map(|m| m.date.to_string())
            .unwrap_or_default(),
        last_date: meetings
            .last()
            .map(|m| m.date.to_string())
            .unwrap_or_default(),
        organisers: organisers.into_iter().filter_map(|k| refs.org(k)).collect(),
    }
}

/// `/bodies/` and a page per body with its meetings and newest decisions; a body with more
/// than `split_above` meetings gets a page per year, the body's page listing the newest.
pub(crate) fn body_pages(
    refs: &Refs<'_>,
    labels: &Labels,
    newest_first: &[usize],
    summaries: &[BodySummary],
    split_above: usize,
) -> Vec<Page> {
    let archive = refs.archive;
    let mut pages = vec![labels.index_page(
        &labels.bodies,
        ("bodies.html", "bodies"),
        PageData::Bodies {
            bodies: summaries.to_vec(),
        },
    )];
    for summary in summaries {
        let indexes: Vec<usize> = newest_first
            .iter()
            .copied()
            .filter(|&i| archive.meetings[i].body == summary.body.key)
            .collect();
        let slugs = |indexes: &[usize]| -> Vec<Slug> {
            indexes
                .iter()
                .map(|&i| archive.meetings[i].slug.clone())
                .collect()
        };
        pages.extend(pages_by_year(
            &summary.body.path,
            indexes.iter().map(|&i| refs.meetings[i].year),
            split_above,
            &Scope::All,
            || slugs(&indexes),
            |years, split| {
                let of_years = |years: &RangeInclusive<i32>| {
                    crate::graph::by_year::in_years(&indexes, refs, years, |&i| i)
                };
                let (summary, indexes) = match years {
                    // A part sums up its years alone: its dependencies cover no more.
                    Some(years) if crate::graph::by_year::is_part_page(split.as_ref()) => {
                        let of_years = of_years(&years);
                        let body = &archive.bodies[summary.body.key.as_str()];
                        let meetings = of_years.iter().rev().map(|&i| &archive.meetings[i]);
                        (body_summary(refs, body, meetings), of_years)
                    }
                    Some(newest) => (summary.clone(), of_years(&newest)),
                    None => (summary.clone(), indexes.clone()),
                };
                body_page(refs, labels, summary, &indexes, split).depending_on(slugs(&indexes))
            },
        ));
    }
    pages
}

/// A body's page: the meetings at `indexes` (newest first) and their newest decisions.
fn body_page(
    refs: &Refs<'_>,
    labels: &Labels,
    summary: BodySummary,
    indexes: &[usize],
    split: Option<YearSplit>,
) -> Page {
    labels.page(
        summary.body.path.clone(),
        ("body.html", "body"),
        summary.body.name.clone(),
        vec![labels.home.clone(), labels.bodies.clone()],
        PageData::Body {
            meetings: indexes.iter().map(|&i| refs.meetings[i].clone()).collect(),
            decisions: indexes
                .iter()
                .flat_map(|&i| refs.decisions[i].iter().cloned())
                .take(DECISIONS_PER_PAGE)
                .collect(),
            decision_total: indexes.iter().map(|&i| refs.decisions[i].len()).sum(),
            body: summary,
            owes: Vec::new(),
            owes_total: 0,
            split,
        },
    )
}
