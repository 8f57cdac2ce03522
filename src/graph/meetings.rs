//! The meeting pages: `/meetings/` and a page per year, and a page per meeting with the
//! previous and next meeting of its body, its attendees grouped by organisation and its
//! attachments to copy.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use crate::base::diagnostic::Result;
use crate::base::i18n::Strings;
use crate::base::shared::Shared;

use chrono::Datelike;

use crate::content::model::{Archive, Meeting};
use crate::graph::formal::{formal_view, records_view};
use crate::graph::index::Seat;
use crate::graph::page::*;
use crate::graph::refs::Refs;
use crate::graph::scope::Scope;
use crate::graph::views::*;

fn meeting_view(refs: &Refs<'_>, index: usize) -> MeetingView {
    let meeting = &refs.archive.meetings[index];
    let attendees: Vec<ParticipantView> = meeting
        .attendees
        .iter()
        .map(|p| refs.participant(p))
        .collect();
    let mut decisions = refs.decisions[index].iter().peekable();
    let mut actions = refs.actions[index].iter().peekable();
    let items_html = meeting.items_html();
    let items = (meeting.items.iter().zip(items_html.iter()))
        .zip(&refs.items[index])
        .map(|((item, html), item_ref)| ItemView {
            item: item_ref.clone(),
            presenters: item
                .presenters
                .iter()
                .map(|p| refs.participant(p))
                .collect(),
            html: crate::content::followup::link_references(
                &html.into(),
                &refs.archive.follow_up.targets,
            ),
            decisions: take_of_item(&mut decisions, item_ref),
            actions: take_of_item(&mut actions, item_ref),
            case_number: item.case_number.clone(),
            records: records_view(item.records()),
        })
        .collect();
    MeetingView {
        meeting: refs.meetings[index].clone(),
        time: meeting.time.clone(),
        location: meeting.location.clone(),
        chair: meeting.chair.as_ref().map(|p| refs.participant(p)),
        scribes: meeting
            .scribes
            .iter()
            .map(|p| refs.participant(p))
            .collect(),
        attendee_groups: group_attendees(&attendees),
        attendees,
        tags: meeting
            .tags
            .iter()
            .map(|t| TagView {
                key: t.key.clone(),
                name: t.name.clone(),
                path: format!("/tags/{}/", t.key),
            })
            .collect(),
        attachments: meeting
            .attachments
            .iter()
            .map(|a| AttachmentView {
                title: a.title.clone(),
                file: a
                    .file
                    .as_ref()
                    .map(|f| format!("{}{f}", meeting_path(&meeting.slug))),
                url: a.url.clone(),
            })
            .collect(),
        intro_html: meeting.intro_html.clone(),
        items,
        appendices: meeting
            .appendices
            .iter()
            .map(|a| AppendixView {
                title: a.title.clone(),
                anchor: a.anchor.clone(),
                html: a.html.clone(),
            })
            .collect(),
        decisions: refs.decisions[index].clone(),
        actions: refs.actions[index].clone(),
        formal: formal_view(refs, meeting),
        follow: crate::graph::followup::meeting_follow(refs, index),
    }
}

/// Makes the data of a page when it is rendered: the view of a meeting page (see
/// [`MeetingPageView`]) and the lists of a person's or an organisation's page (see
/// [`Listed`]), from the references the graph kept. Built once per render pass.
///
/// Its references live as long as the pass, and a view made here holds no shared view of
/// its own: a render pass caches shared views by address, which must not be reused while
/// the pass runs.
pub struct PageViews<'a> {
    refs: Refs<'a>,
}

impl<'a> PageViews<'a> {
    /// The views of `graph`'s pages, made from `archive` (the one the graph was built from,
    /// or one whose meetings were since replaced in place by a text-only edit).
    pub(crate) fn new(archive: &'a Archive, graph: &SiteGraph) -> Self {
        let refs = Refs::reusing(archive, archive, graph.kept.clone(), &BTreeSet::new());
        PageViews { refs }
    }

    /// The page's data, with its meeting view made now if it is a meeting page.
    pub fn data<'p>(&self, page: &'p Page) -> Cow<'p, PageData> {
        match &page.data {
            PageData::Meeting {
                meeting: MeetingPageView::Later { index, .. },
                prev,
                next,
            } => Cow::Owned(PageData::Meeting {
                meeting: MeetingPageView::Made(Box::new(meeting_view(&self.refs, *index))),
                prev: prev.clone(),
                next: next.clone(),
            }),
            PageData::Person {
                attended: Listed::Later(_),
                ..
            }
            | PageData::Organisation {
                presented: Listed::Later(_),
                ..
            } => Cow::Owned(self.lists_made(&page.data)),
            data => Cow::Borrowed(data),
        }
    }

    /// A person's or organisation's page data with its lists made (see [`Listed`]).
    fn lists_made(&self, data: &PageData) -> PageData {
        let refs = &self.refs;
        let presented = |&(i, j): &(usize, usize)| refs.presented(i, j);
        let mut data = data.clone();
        match &mut data {
            PageData::Person {
                attended,
                presented: listed,
                ..
            } => {
                *attended = attended.made(|&(i, seat)| attendance(refs, i, seat));
                *listed = listed.made(presented);
            }
            PageData::Organisation {
                presented: listed, ..
            } => *listed = listed.made(presented),
            _ => {}
        }
        data
    }
}

/// A person's seat at the meeting at archive position `i`, as their page lists it.
fn attendance(refs: &Refs<'_>, i: usize, seat: Seat) -> Attendance {
    let p = seat.of(&refs.archive.meetings[i]);
    Attendance {
        meeting: refs.meetings[i].clone(),
        role: p.role.clone(),
        note: p.note.clone(),
        organisation: p.organisation.as_deref().and_then(|k| refs.org(k)),
    }
}

/// Renews the references of one meeting after an edit that changed only the minutes'
/// text (nothing other pages show): its page's view is made from them and the archive
/// when it is rendered; the rest of the graph stays as it is. `index` is the meeting's
/// position in the archive.
pub(crate) fn renew_meeting_refs(graph: &mut SiteGraph, archive: &Archive, index: usize) {
    let meeting = &archive.meetings[index];
    // Refs for this one meeting; the registries are small, so building them is cheap.
    let single = Archive {
        meetings: vec![meeting.clone()],
        organisations: archive.organisations.clone(),
        people: archive.people.clone(),
        bodies: archive.bodies.clone(),
        follow_up: archive.follow_up.clone(),
    };
    let refs = Refs::within(&single, archive);
    if index < graph.kept.meetings.len() {
        let fresh = (
            refs.meetings[0].clone(),
            refs.items[0].clone(),
            refs.decisions[0].clone(),
            refs.actions[0].clone(),
        );
        Arc::make_mut(&mut graph.kept).set(index, fresh);
    }
}

/// The next extracts that belong to `item` (extracts are in item order, so each item's
/// are a run: one pass over the meeting, not one per item).
fn take_of_item(
    extracts: &mut std::iter::Peekable<std::slice::Iter<'_, Shared<ExtractView>>>,
    item: &Shared<ItemRef>,
) -> Vec<Shared<ExtractView>> {
    let mut taken = Vec::new();
    while let Some(extract) = extracts.next_if(|e| Shared::ptr_eq(&e.item, item)) {
        taken.push(extract.clone());
    }
    taken
}

/// Attendees grouped by organisation, in order of first appearance; people without an
/// organisation last.
fn group_attendees(attendees: &[ParticipantView]) -> Vec<AttendeeGroup> {
    let mut groups: Vec<AttendeeGroup> = Vec::new();
    let mut without: Vec<ParticipantView> = Vec::new();
    for a in attendees {
        let Some(org) = &a.organisation else {
            without.push(a.clone());
            continue;
        };
        match groups
            .iter_mut()
            .find(|g| g.organisation.as_ref().is_some_and(|o| o.key == org.key))
        {
            Some(group) => group.attendees.push(a.clone()),
            None => groups.push(AttendeeGroup {
                organisation: Some(org.clone()),
                attendees: vec![a.clone()],
            }),
        }
    }
    if !without.is_empty() {
        groups.push(AttendeeGroup {
            organisation: None,
            attendees: without,
        });
    }
    groups
}

/// The home page: the newest meetings and decisions, the bodies and the counts.
pub(crate) fn home_page(
    refs: &Refs<'_>,
    labels: &Labels,
    newest_first: &[usize],
    all_decisions: &[Shared<ExtractView>],
    bodies: &[BodySummary],
    counts: &Counts,
) -> Page {
    labels.page(
        "/".into(),
        ("index.html", "home"),
        labels.home.title.clone(),
        Vec::new(),
        PageData::Home {
            latest_meetings: newest_first
                .iter()
                .take(10)
                .map(|&i| refs.meetings[i].clone())
                .collect(),
            recent_decisions: all_decisions.iter().take(10).cloned().collect(),
            bodies: bodies.to_vec(),
            counts: counts.clone(),
        },
    )
}

/// The meetings by year, newest first within each year.
pub(crate) fn by_year(
    refs: &Refs<'_>,
    newest_first: &[usize],
) -> BTreeMap<i32, Vec<Shared<MeetingRef>>> {
    let mut by_year: BTreeMap<i32, Vec<Shared<MeetingRef>>> = BTreeMap::new();
    for &i in newest_first {
        by_year
            .entry(refs.meetings[i].year)
            .or_default()
            .push(refs.meetings[i].clone());
    }
    by_year
}

/// `/meetings/` and a page per year.
pub(crate) fn year_pages(
    by_year: &BTreeMap<i32, Vec<Shared<MeetingRef>>>,
    labels: &Labels,
) -> Vec<Page> {
    let all_years = year_links("meetings", by_year.iter().map(|(y, m)| (*y, m.len())));
    let years = Shared::new(without_counts(&all_years));
    let groups: Vec<MeetingGroup> = by_year
        .iter()
        .rev()
        .map(|(year, meetings)| MeetingGroup {
            year: *year,
            meetings: meetings.clone(),
            total: meetings.len(),
        })
        .collect();
    let (recent, older) = newest_meetings(&groups, MEETINGS_RECENT);
    let mut pages = vec![labels.index_page(
        &labels.meetings,
        ("meetings.html", "meetings"),
        PageData::Meetings {
            years: Shared::new(all_years),
            year: None,
            groups: recent,
            older,
        },
    )];
    for group in groups {
        let slugs: Vec<Slug> = group.meetings.iter().map(|m| m.slug.clone()).collect();
        pages.push(
            labels
                .page(
                    year_path("meetings", group.year),
                    ("meetings.html", "meetings"),
                    format!("{} {}", labels.meetings.title, group.year),
                    vec![labels.home.clone(), labels.meetings.clone()],
                    PageData::Meetings {
                        years: years.clone(),
                        year: Some(group.year),
                        groups: vec![group],
                        older: 0,
                    },
                )
                .depending_on(slugs),
        );
    }
    pages
}

/// The first `limit` meetings of `groups` (years, newest first), in their groups, and how
/// many are left out: `/meetings/` of a large archive would otherwise list every meeting
/// (5.8 MB of HTML at 10,000 meetings, rendered again after every edit).
fn newest_meetings(groups: &[MeetingGroup], limit: usize) -> (Vec<MeetingGroup>, usize) {
    let mut left = limit;
    let mut recent = Vec::new();
    for group in groups {
        if left == 0 {
            break;
        }
        let take = group.meetings.len().min(left);
        left -= take;
        recent.push(MeetingGroup {
            year: group.year,
            meetings: group.meetings[..take].to_vec(),
            total: group.total,
        });
    }
    let total: usize = groups.iter().map(|g| g.meetings.len()).sum();
    (recent, total - (limit - left))
}

/// One page per meeting, with the previous and next meeting of its body, and the
/// attachments to copy beside it. `labels` has the chrome of every meeting's language.
pub(crate) fn meeting_pages(
    refs: &Refs<'_>,
    labels: &[Labels],
    scope: &Scope,
) -> (Vec<Page>, Vec<FileCopy>) {
    let archive = refs.archive;
    let (prev, next) = neighbours_in_body(&archive.meetings);
    let mut pages = Vec::with_capacity(archive.meetings.len());
    let mut files = Vec::new();
    for (i, meeting) in archive.meetings.iter().enumerate() {
        files.extend(attachment_copies(meeting));
        let path = meeting_path(&meeting.slug);
        if !scope.renews(&path) {
            pages.push(scope.page(&path, || unreachable!("a kept page is in the last graph")));
            continue;
        }
        let labels = labels_of(labels, meeting);
        pages.push(meeting_page(
            &refs.meetings,
            archive,
            i,
            (prev[i], next[i]),
            labels,
        ));
    }
    (pages, files)
}

/// The labels in the meeting's language (the site's when the theme has none for it).
fn labels_of<'l>(labels: &'l [Labels], meeting: &Meeting) -> &'l Labels {
    labels
        .iter()
        .find(|l| l.language == meeting.language)
        .unwrap_or(&labels[0])
}

/// The page of the meeting at archive position `i`, whose previous and next meetings of
/// its body are `neighbours`; its view is made when it is rendered (see [`PageViews`]).
fn meeting_page(
    meetings: &[Shared<MeetingRef>],
    archive: &Archive,
    i: usize,
    neighbours: (Option<usize>, Option<usize>),
    labels: &Labels,
) -> Page {
    let meeting = &archive.meetings[i];
    let (prev, next) = neighbours;
    // Its neighbours are only linked, by title and date (a list's view of them).
    let mut neighbour_slugs: Vec<Slug> = [prev, next]
        .into_iter()
        .flatten()
        .map(|j| archive.meetings[j].slug.clone())
        .collect();
    neighbour_slugs.sort_unstable();
    Page {
        path: meeting_path(&meeting.slug),
        template: "meeting.html",
        kind: "meeting",
        lang: meeting.language,
        title: meeting.title.clone(),
        breadcrumbs: vec![
            labels.home.clone(),
            labels.meetings.clone(),
            Crumb {
                title: meeting.date.year().to_string(),
                path: year_path("meetings", meeting.date.year()),
            },
        ],
        data: PageData::Meeting {
            meeting: MeetingPageView::Later {
                index: i,
                meeting: meetings[i].clone(),
            },
            prev: prev.map(|j| meetings[j].clone()),
            next: next.map(|j| meetings[j].clone()),
        },
        meetings: Some(vec![meeting.slug.clone()].into()),
        listed: neighbour_slugs.into(),
        carried_over: false,
    }
}

/// `serve`'s first page after an edit that left every meeting where it was in the archive:
/// the page of the edited meeting at `index` of `archive`, before the rest of the graph is
/// made anew. The meeting's references are renewed in `graph` (as after a text-only
/// edit); its neighbours' are the graph's, as they were. The page is the one the next
/// graph makes, unless its neighbours were edited in the same save.
pub(crate) fn preview_meeting_page(
    graph: &mut SiteGraph,
    archive: &Archive,
    index: usize,
    strings: &Strings,
) -> Result<Page> {
    let labels = Labels::new(strings, archive.meetings[index].language)?;
    renew_meeting_refs(graph, archive, index);
    Ok(meeting_page(
        &graph.kept.meetings,
        archive,
        index,
        neighbours_of(&archive.meetings, index),
        &labels,
    ))
}

/// The previous and next meeting of the body of the meeting at `index`: what
/// [`neighbours_in_body`] gives, for this meeting alone. That function's pass over the
/// whole archive took 1.3 ms at 10,000 meetings; this scan stops at the nearest meeting of
/// the body. tests/incremental.rs compares the pages made with both.
pub(crate) fn neighbours_of(
    meetings: &[Arc<Meeting>],
    index: usize,
) -> (Option<usize>, Option<usize>) {
    let body = meetings[index].body.as_str();
    let of_body = |j: &usize| meetings[*j].body == body;
    let prev = (0..index).rev().find(of_body);
    let next = (index + 1..meetings.len()).find(of_body);
    (prev, next)
}

/// For each meeting, the index of the previous and of the next meeting of its body.
fn neighbours_in_body(meetings: &[Arc<Meeting>]) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let mut previous_of_body: HashMap<&str, usize> = HashMap::new();
    let mut prev = vec![None; meetings.len()];
    let mut next = vec![None; meetings.len()];
    for (i, meeting) in meetings.iter().enumerate() {
        if let Some(p) = previous_of_body.insert(meeting.body.as_str(), i) {
            prev[i] = Some(p);
            next[p] = Some(i);
        }
    }
    (prev, next)
}

/// The meeting's attachment files, copied beside its page.
fn attachment_copies(meeting: &Meeting) -> impl Iterator<Item = FileCopy> + '_ {
    let folder = crate::content::meeting::attachment_folder(&meeting.source);
    meeting.attachments.iter().filter_map(move |attachment| {
        attachment.file.as_ref().map(|file| FileCopy {
            source: folder.join(file),
            path: format!("{}{}", meeting_path(&meeting.slug), file),
        })
    })
}
