//! The pages of the follow-up across meetings: the actions by status (`/actions/open/`,
//! `/actions/overdue/`, `/actions/done/`), the cases (`/cases/`, `/cases/<id>/`), what a
//! person or an organisation still owes (added to their pages), and a meeting's backlinks
//! and cases (on its page).

use std::collections::BTreeMap;

use crate::base::shared::Shared;
use crate::content::followup::case_key;
use crate::graph::follow_views::*;
use crate::graph::page::*;
use crate::graph::refs::Refs;
use crate::graph::views::*;

/// The statuses `/actions/` can be narrowed to, with the UI string of each page's title.
pub(crate) const ACTION_STATUSES: [(&str, &str); 3] = [
    ("open", "actions_open"),
    ("overdue", "actions_overdue"),
    ("done", "actions_done"),
];

/// Whether an action belongs on the status page `status`.
fn has_status(action: &ExtractView, status: &str) -> bool {
    let follow = action.follow();
    match status {
        "open" => matches!(follow.status, Some("open" | "ongoing")),
        "overdue" => follow.overdue,
        _ => matches!(follow.status, Some("done" | "dropped")),
    }
}

/// The links between the status pages, with their counts.
pub(crate) fn status_links(all_actions: &[Shared<ExtractView>]) -> Vec<StatusLink> {
    ACTION_STATUSES
        .iter()
        .map(|(status, _)| StatusLink {
            status,
            path: format!("/actions/{status}/"),
            count: all_actions.iter().filter(|a| has_status(a, status)).count(),
        })
        .collect()
}

/// `/actions/open/`, `/actions/overdue/`, `/actions/done/`: the newest
/// [`ACTIONS_RECENT`] actions of that status and how many there are. An archive that
/// records no follow-up has every action open: at 10,000 meetings an uncut
/// `/actions/open/` was 21 MB, too long for a browser and re-rendered after every edit.
pub(crate) fn action_status_pages(
    all_actions: &[Shared<ExtractView>],
    labels: &Labels,
    titles: &BTreeMap<&'static str, String>,
    statuses: &Shared<Vec<StatusLink>>,
) -> Vec<Page> {
    ACTION_STATUSES
        .iter()
        .map(|(status, _)| {
            let mut actions: Vec<Shared<ExtractView>> = all_actions
                .iter()
                .filter(|a| has_status(a, status))
                .cloned()
                .collect();
            let total = actions.len();
            actions.truncate(ACTIONS_RECENT);
            labels.page(
                format!("/actions/{status}/"),
                ("action_status.html", "actions"),
                titles[status].clone(),
                vec![labels.home.clone(), labels.actions.clone()],
                PageData::ActionStatus {
                    status,
                    statuses: statuses.clone(),
                    actions,
                    total,
                    older: total.saturating_sub(ACTIONS_RECENT),
                },
            )
        })
        .collect()
}

/// Owner key (`person:<key>`, `organisation:<key>`) and body key (`body:<key>`) → the
/// actions still open or ongoing, newest first.
pub(crate) fn owed(
    all_actions: &[Shared<ExtractView>],
) -> BTreeMap<String, Vec<Shared<ExtractView>>> {
    let mut owed: BTreeMap<String, Vec<Shared<ExtractView>>> = BTreeMap::new();
    for action in all_actions {
        if !matches!(action.follow().status, Some("open" | "ongoing")) {
            continue;
        }
        for owner in &action.follow().owners {
            owed.entry(owner.key.clone())
                .or_default()
                .push(action.clone());
        }
        owed.entry(format!("body:{}", action.meeting.body.key))
            .or_default()
            .push(action.clone());
    }
    owed
}

/// Puts on each person's, organisation's and body's page the actions they owe (the newest
/// [`OWED_SHOWN`], and the count), and makes the page depend on those actions' meetings.
pub(crate) fn add_owed(pages: &mut [Page], owed: &BTreeMap<String, Vec<Shared<ExtractView>>>) {
    // A page carried over from the last graph owes what it did: the graph keeps pages only
    // while the follow-up is as it was, and renews those owing an edited meeting's actions.
    for page in pages.iter_mut().filter(|page| !page.carried_over) {
        let (key, list, total, split) = match &mut page.data {
            PageData::Person {
                person,
                owes,
                owes_total,
                split,
                ..
            } => (
                format!("person:{}", person.person.key),
                owes,
                owes_total,
                split,
            ),
            PageData::Organisation {
                organisation,
                owes,
                owes_total,
                split,
                ..
            } => (
                format!("organisation:{}", organisation.organisation.key),
                owes,
                owes_total,
                split,
            ),
            PageData::Body {
                body,
                owes,
                owes_total,
                split,
                ..
            } => (format!("body:{}", body.body.key), owes, owes_total, split),
            _ => continue,
        };
        // What is owed is on the summary page of a page split into parts.
        if crate::graph::by_year::is_part_page(split.as_ref()) {
            continue;
        }
        let Some(actions) = owed.get(&key) else {
            continue;
        };
        *list = actions.iter().take(OWED_SHOWN).cloned().collect();
        *total = actions.len();
        // On the meetings of every action it owes: closing one it does not show changes
        // the count.
        if let Some(shown) = &page.meetings {
            let mut meetings = shown.to_vec();
            meetings.extend(actions.iter().map(|a| a.meeting.slug.clone()));
            meetings.sort_unstable();
            meetings.dedup();
            page.meetings = Some(meetings.into());
        }
    }
}

/// The meetings that refer to meeting `index`, and the cases of its items.
pub(crate) fn meeting_follow(refs: &Refs<'_>, index: usize) -> MeetingFollowView {
    let meeting = &refs.archive.meetings[index];
    let follow = &refs.archive.follow_up;
    let backlinks = follow
        .backlinks
        .get(&*meeting.slug)
        .into_iter()
        .flatten()
        .filter_map(|b| {
            let &i = refs.follow.slugs.get(b.from.as_str())?;
            let from = &refs.follow.archive.meetings[i];
            let anchor = b.item.as_ref().map(|n| format!("#item-{n}"));
            Some(BacklinkView {
                title: from.title.clone(),
                date: from.date.to_string(),
                path: format!("{}{}", meeting_path(&from.slug), anchor.unwrap_or_default()),
            })
        })
        .collect();
    let cases = meeting
        .items
        .iter()
        .filter_map(|item| {
            let case = item.case_number.as_ref()?;
            Some(ItemCaseView {
                item: item.number.to_string(),
                case: case.to_string(),
                path: format!("/cases/{}/", case_key(case)),
            })
        })
        .collect();
    MeetingFollowView { backlinks, cases }
}

/// `/cases/` and a page per case: every item about it, with its decisions and actions, in
/// date order.
pub(crate) fn case_pages(refs: &Refs<'_>, labels: &Labels, title: &str) -> Vec<Page> {
    let archive = refs.archive;
    let cases = &archive.follow_up.cases;
    if cases.is_empty() {
        return Vec::new();
    }
    let index_crumb = Crumb {
        title: title.to_string(),
        path: "/cases/".into(),
    };
    let mut summaries = Vec::new();
    let mut pages = Vec::new();
    for (case, items) in cases {
        let path = format!("/cases/{}/", case_key(case));
        let mut entries = Vec::new();
        let mut slugs = Vec::new();
        for (slug, number) in items {
            let Some(&m) = refs.follow.slugs.get(slug.as_str()) else {
                continue;
            };
            let Some(i) = archive.meetings[m]
                .items
                .iter()
                .position(|item| *item.number == **number)
            else {
                continue;
            };
            let item_ref = &refs.items[m][i];
            let of_item = |list: &Vec<Shared<ExtractView>>| -> Vec<Shared<ExtractView>> {
                list.iter()
                    .filter(|e| Shared::ptr_eq(&e.item, item_ref))
                    .cloned()
                    .collect()
            };
            entries.push(CaseEntry {
                meeting: refs.meetings[m].clone(),
                item: item_ref.clone(),
                decisions: of_item(&refs.decisions[m]),
                actions: of_item(&refs.actions[m]),
            });
            slugs.push(refs.archive.meetings[m].slug.clone());
        }
        summaries.push(CaseSummary {
            case: case.clone(),
            path: path.clone(),
            count: entries.len(),
            first_date: entries
                .first()
                .map(|e| e.meeting.date.clone())
                .unwrap_or_default(),
            last_date: entries
                .last()
                .map(|e| e.meeting.date.clone())
                .unwrap_or_default(),
        });
        pages.push(
            labels
                .page(
                    path,
                    ("case.html", "case"),
                    case.clone(),
                    vec![labels.home.clone(), index_crumb.clone()],
                    PageData::Case {
                        case: case.clone(),
                        entries,
                    },
                )
                .depending_on(slugs),
        );
    }
    pages.insert(
        0,
        labels.page(
            "/cases/".into(),
            ("cases.html", "cases"),
            title.to_string(),
            vec![labels.home.clone()],
            PageData::Cases { cases: summaries },
        ),
    );
    pages
}

/// `/decisions/in-force/`: the timeline without the decisions a later one replaced or
/// revoked (the newest whole months, as `/decisions/`).
pub(crate) fn in_force_page(
    all_decisions: &[Shared<ExtractView>],
    years: &Shared<Vec<YearLink>>,
    labels: &Labels,
    title: &str,
) -> Page {
    use crate::graph::timeline::recent_decisions;
    let in_force: Vec<Shared<ExtractView>> = all_decisions
        .iter()
        .filter(|d| d.follow().in_force)
        .cloned()
        .collect();
    let (recent, shown) = recent_decisions(&in_force);
    labels.page(
        "/decisions/in-force/".into(),
        ("decisions.html", "decisions"),
        title.to_string(),
        vec![labels.home.clone(), labels.decisions.clone()],
        PageData::Decisions {
            years: years.clone(),
            year: None,
            filter: TimelineFilter::of(&recent),
            older: in_force.len() - shown,
            groups: recent,
        },
    )
}

/// A page at each old URL of a renamed meeting (`aliases:`) that sends the browser on to
/// the meeting's page, as Hugo's aliases do. An alias that is a meeting's own slug is left
/// to that meeting.
pub(crate) fn alias_pages(refs: &Refs<'_>, labels: &Labels) -> Vec<Page> {
    let archive = refs.archive;
    let mut pages = Vec::new();
    for meeting in &archive.meetings {
        for alias in &meeting.aliases {
            if refs.follow.slugs.contains_key(alias.as_str()) {
                continue;
            }
            pages.push(
                labels
                    .page(
                        meeting_path(alias),
                        ("redirect.html", "redirect"),
                        meeting.title.clone(),
                        Vec::new(),
                        PageData::Redirect {
                            to: meeting_path(&meeting.slug),
                        },
                    )
                    .depending_on([meeting.slug.clone()]),
            );
        }
    }
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    pages.dedup_by(|a, b| a.path == b.path);
    pages
}

/// `/meetings/upcoming/`: the meetings with `status: planned`, soonest first.
pub(crate) fn upcoming_page(refs: &Refs<'_>, labels: &Labels, title: &str) -> Page {
    let planned: Vec<usize> = (0..refs.archive.meetings.len())
        .filter(|&i| refs.archive.meetings[i].planned)
        .collect();
    labels
        .page(
            "/meetings/upcoming/".into(),
            ("upcoming.html", "meetings"),
            title.to_string(),
            vec![labels.home.clone(), labels.meetings.clone()],
            PageData::Upcoming {
                meetings: planned.iter().map(|&i| refs.meetings[i].clone()).collect(),
            },
        )
        .depending_on(
            planned
                .iter()
                .map(|&i| refs.archive.meetings[i].slug.clone()),
        )
}
