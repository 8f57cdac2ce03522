//! The decision timeline (`/decisions/`, a page per year) and the actions (`/actions/`, a
//! page per year).

use std::collections::BTreeMap;

use crate::base::shared::Shared;

use crate::graph::follow_views::StatusLink;
use crate::graph::page::*;
use crate::graph::scope::Scope;
use crate::graph::views::*;

/// Decisions or actions (newest first) by the year of their meeting, keeping the order.
pub(crate) fn by_meeting_year(
    extracts: &[Shared<ExtractView>],
) -> BTreeMap<i32, Vec<Shared<ExtractView>>> {
    let mut by_year: BTreeMap<i32, Vec<Shared<ExtractView>>> = BTreeMap::new();
    for extract in extracts {
        by_year
            .entry(extract.meeting.year)
            .or_default()
            .push(extract.clone());
    }
    by_year
}

/// How many of these decisions or actions each year has.
pub(crate) fn count_by_year(extracts: &[Shared<ExtractView>]) -> BTreeMap<i32, usize> {
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    for extract in extracts {
        *counts.entry(extract.meeting.year).or_default() += 1;
    }
    counts
}

/// The start of `newest_first` (decisions, newest first) that [`recent_months`] shows:
/// whole months, from the newest, until they hold at least `at_least` decisions. Grouping
/// only these by month gives the same recent months as grouping them all.
fn recent_start(newest_first: &[Shared<ExtractView>], at_least: usize) -> &[Shared<ExtractView>] {
    let end = whole_months_until(newest_first, at_least, |d| (d.meeting.year, month(d)));
    &newest_first[..end]
}

/// How many of `items` (newest first) the newest whole months hold, taking months until
/// they hold at least `at_least` items; `month_of` gives an item's (year, month).
fn whole_months_until<T>(
    items: &[T],
    at_least: usize,
    month_of: impl Fn(&T) -> (i32, u32),
) -> usize {
    let mut end = 0;
    while end < items.len() {
        if end >= at_least && (end == 0 || month_of(&items[end]) != month_of(&items[end - 1])) {
            break;
        }
        end += 1;
    }
    end
}

/// The month of a decision's meeting (January when its date says none).
fn month(d: &ExtractView) -> u32 {
    d.meeting.date[5..7].parse().unwrap_or(1)
}

/// The newest whole months of the timeline holding at least `at_least` decisions.
pub(crate) fn recent_months(groups: &[DecisionYear], at_least: usize) -> Vec<DecisionYear> {
    let mut recent: Vec<DecisionYear> = Vec::new();
    let mut count = 0;
    for group in groups {
        if count >= at_least {
            break;
        }
        let mut months = Vec::new();
        for month in &group.months {
            if count >= at_least {
                break;
            }
            count += month.decisions.len();
            months.push(month.clone());
        }
        recent.push(DecisionYear {
            year: group.year,
            months,
        });
    }
    recent
}

pub(crate) fn group_by_month(decisions: &[Shared<ExtractView>]) -> Vec<MonthGroup> {
    let mut months: Vec<MonthGroup> = Vec::new();
    for d in decisions {
        let month = month(d);
        match months.last_mut() {
            Some(group) if group.month == month => group.decisions.push(d.clone()),
            _ => months.push(MonthGroup {
                month,
                decisions: vec![d.clone()],
            }),
        }
    }
    months
}

/// `/decisions/` (the newest whole months) and a page per year with all of its decisions.
/// A year's page that `scope` keeps is taken from the last graph while the years it links
/// to are the same: its decisions are those of its year's meetings, which it depends on.
/// `all_years` are the years with their counts.
pub(crate) fn decision_pages(
    all_decisions: &[Shared<ExtractView>],
    all_years: &Shared<Vec<YearLink>>,
    by_year: &BTreeMap<i32, Vec<Shared<MeetingRef>>>,
    labels: &Labels,
    scope: &Scope,
) -> Vec<Page> {
    // Newest first, so each year's decisions are one run (the archive is in date order).
    let years_newest_first: Vec<&[Shared<ExtractView>]> = all_decisions
        .chunk_by(|a, b| a.meeting.year == b.meeting.year)
        .collect();
    let years = Shared::new(without_counts(all_years));
    let (recent, shown) = recent_decisions(all_decisions);
    let mut pages = vec![labels.index_page(
        &labels.decisions,
        ("decisions.html", "decisions"),
        PageData::Decisions {
            years: all_years.clone(),
            year: None,
            filter: TimelineFilter::of(&recent),
            older: all_decisions.len() - shown,
            groups: recent,
        },
    )];
    let same_years = |page: &Page| matches!(&page.data, PageData::Decisions { years: old, .. } if **old == *years);
    for decisions in years_newest_first {
        let year = decisions[0].meeting.year;
        let path = year_path("decisions", year);
        pages.push(scope.page_if(&path, same_years, || {
            let group = DecisionYear {
                year,
                months: group_by_month(decisions),
            };
            labels
                .page(
                    path.clone(),
                    ("decisions.html", "decisions"),
                    format!("{} {}", labels.decisions.title, year),
                    vec![labels.home.clone(), labels.decisions.clone()],
                    PageData::Decisions {
                        years: years.clone(),
                        year: Some(year),
                        filter: TimelineFilter::of(std::slice::from_ref(&group)),
                        older: 0,
                        groups: vec![group],
                    },
                )
                .depending_on(meeting_slugs_of_year(by_year, year))
        }));
    }
    pages
}

/// `/actions/` (the newest) and a page per year with all of its actions.
pub(crate) fn action_pages(
    all_actions: &[Shared<ExtractView>],
    by_year: &BTreeMap<i32, Vec<Shared<MeetingRef>>>,
    labels: &Labels,
    statuses: &Shared<Vec<StatusLink>>,
) -> Vec<Page> {
    let actions_by_year = by_meeting_year(all_actions);
    let all_years = year_links(
        "actions",
        actions_by_year.iter().map(|(y, a)| (*y, a.len())),
    );
    let years = Shared::new(without_counts(&all_years));
    let mut pages = vec![labels.index_page(
        &labels.actions,
        ("actions.html", "actions"),
        PageData::Actions {
            years: Shared::new(all_years),
            year: None,
            statuses: statuses.clone(),
            actions: all_actions.iter().take(ACTIONS_RECENT).cloned().collect(),
            total: all_actions.len(),
            older: all_actions.len().saturating_sub(ACTIONS_RECENT),
        },
    )];
    for (year, actions) in actions_by_year.into_iter().rev() {
        let slugs = meeting_slugs_of_year(by_year, year);
        pages.push(
            labels
                .page(
                    year_path("actions", year),
                    ("actions.html", "actions"),
                    format!("{} {year}", labels.actions.title),
                    vec![labels.home.clone(), labels.actions.clone()],
                    PageData::Actions {
                        years: years.clone(),
                        year: Some(year),
                        statuses: statuses.clone(),
                        total: actions.len(),
                        actions,
                        older: 0,
                    },
                )
                .depending_on(slugs),
        );
    }
    pages
}

/// The recent months of `newest_first` (decisions, newest first) that an index of
/// decisions shows, by year and month, and how many decisions they hold. Only those
/// decisions are grouped.
pub(crate) fn recent_decisions(newest_first: &[Shared<ExtractView>]) -> (Vec<DecisionYear>, usize) {
    let recent_ones = recent_start(newest_first, TIMELINE_RECENT);
    let groups: Vec<DecisionYear> = by_meeting_year(recent_ones)
        .iter()
        .rev()
        .map(|(year, decisions)| DecisionYear {
            year: *year,
            months: group_by_month(decisions),
        })
        .collect();
    let recent = recent_months(&groups, TIMELINE_RECENT);
    let shown = recent
        .iter()
        .flat_map(|g| &g.months)
        .map(|m| m.decisions.len())
        .sum();
    (recent, shown)
}

#[cfg(test)]
mod tests {
    use super::whole_months_until;

    #[test]
    fn the_recent_months_are_whole_months_holding_at_least_so_many() {
        let months = [
            (2024, 5),
            (2024, 5),
            (2024, 4),
            (2024, 4),
            (2024, 4),
            (2023, 12),
        ];
        let until = |n| whole_months_until(&months, n, |m| *m);
        assert_eq!(until(0), 0);
        assert_eq!(until(1), 2, "May is taken whole");
        assert_eq!(until(2), 2);
        assert_eq!(until(3), 5, "then April, whole");
        assert_eq!(until(6), 6);
        assert_eq!(until(100), 6, "all there are");
    }
}
