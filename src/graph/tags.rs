//! The tags: `/tags/` and a page per tag with its meetings.

use std::collections::BTreeMap;

use crate::graph::page::*;
use crate::graph::refs::Refs;
use crate::graph::views::*;

/// `/tags/` and a page per tag.
pub(crate) fn tag_pages(refs: &Refs<'_>, newest_first: &[usize], labels: &Labels) -> Vec<Page> {
    let (lang, home) = (labels.language, &labels.home);
    let crumb = &labels.tags;
    let mut pages = Vec::new();
    let archive = refs.archive;
    let mut tags: BTreeMap<&str, (&str, Vec<usize>)> = BTreeMap::new();
    for &i in newest_first {
        for tag in &archive.meetings[i].tags {
            tags.entry(tag.key.as_str())
                .or_insert((tag.name.as_str(), Vec::new()))
                .1
                .push(i);
        }
    }
    let summary = |key: &str, name: &str, count: usize| TagSummary {
        key: key.to_string(),
        name: name.to_string(),
        path: format!("/tags/{key}/"),
        count,
    };
    pages.push(
        labels.index_page(
            crumb,
            ("tags.html", "tags"),
            PageData::Tags {
                tags: tags
                    .iter()
                    .map(|(k, (n, m))| summary(k, n, m.len()))
                    .collect(),
            },
        ),
    );
    for (key, (name, meetings)) in &tags {
        let tag = summary(key, name, meetings.len());
        pages.push(
            Page {
                path: tag.path.clone(),
                template: "tag.html",
                kind: "tag",
                lang,
                title: tag.name.clone(),
                breadcrumbs: vec![home.clone(), crumb.clone()],
                data: PageData::Tag {
                    tag,
                    meetings: meetings.iter().map(|&i| refs.meetings[i].clone()).collect(),
                },
                meetings: None,
                listed: Vec::new().into(),
                carried_over: false,
            }
            .depending_on(meetings.iter().map(|&i| archive.meetings[i].slug.clone())),
        );
    }
    pages
}
