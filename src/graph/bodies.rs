//! The bodies: `/bodies/` and a page per body with its meetings and newest decisions.

use crate::content::model::Meeting;
use crate::graph::page::*;
use crate::graph::refs::Refs;
use crate::graph::views::*;

/// Each body with its number of meetings, first and last date, and organisers.
pub(crate) fn body_summaries(refs: &Refs<'_>) -> Vec<BodySummary> {
    let archive = refs.archive;
    archive
        .bodies
        .values()
        .map(|body| {
            let meetings: Vec<&std::sync::Arc<Meeting>> = archive
                .meetings
                .iter()
                .filter(|m| m.body == body.key)
                .collect();
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
        })
        .collect()
}

/// `/bodies/` and a page per body with its meetings and newest decisions.
pub(crate) fn body_pages(
    refs: &Refs<'_>,
    labels: &Labels,
    newest_first: &[usize],
    summaries: &[BodySummary],
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
        pages.push(
            labels
                .page(
                    summary.body.path.clone(),
                    ("body.html", "body"),
                    summary.body.name.clone(),
                    vec![labels.home.clone(), labels.bodies.clone()],
                    PageData::Body {
                        body: summary.clone(),
                        meetings: indexes.iter().map(|&i| refs.meetings[i].clone()).collect(),
                        decisions: indexes
                            .iter()
                            .flat_map(|&i| refs.decisions[i].iter().cloned())
                            .take(DECISIONS_PER_PAGE)
                            .collect(),
                        decision_total: indexes.iter().map(|&i| refs.decisions[i].len()).sum(),
                        owes: Vec::new(),
                    },
                )
                .depending_on(indexes.iter().map(|&i| archive.meetings[i].slug.clone())),
        );
    }
    pages
}
