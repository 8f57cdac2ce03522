//! Pages split by year: a person's, an organisation's or a body's page that lists more
//! meetings than `[build] split_by_year_above` becomes a summary page, which lists the
//! newest year, and a page per year (`/people/<key>/<year>/`). Each year page depends only
//! on its year's meetings, so an edit in `serve` re-renders one year page and the small
//! summary page instead of a page listing thousands of meetings.

use std::collections::BTreeMap;

use crate::graph::page::{Crumb, Page};
use crate::graph::scope::Scope;
use crate::graph::views::{YearLink, YearSplit};

/// The site path of the page of `year` under the summary page at `path`.
pub(crate) fn year_part_path(path: &str, year: i32) -> String {
    format!("{path}{year}/")
}

/// The pages of one person, organisation or body: the page at `path` alone when it lists
/// at most `above` meetings; else the summary page and a page per year, newest first.
/// `years` holds the year of each meeting listed (once per meeting). `build(year, split)`
/// makes the page listing `year`'s meetings (every meeting when `None`), depending on
/// those; the summary page also lists every meeting (`all`), whose years it counts. The
/// year pages are made anew with their summary page: they show its year strip.
pub(crate) fn pages_by_year(
    path: &str,
    years: impl IntoIterator<Item = i32>,
    above: usize,
    scope: &Scope,
    all: impl FnOnce() -> Vec<String>,
    build: impl Fn(Option<i32>, Option<YearSplit>) -> Page,
) -> Vec<Page> {
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    for year in years {
        *counts.entry(year).or_default() += 1;
    }
    let total: usize = counts.values().sum();
    let Some((&newest, _)) = counts.last_key_value().filter(|_| total > above) else {
        return vec![scope.page(path, || build(None, None))];
    };
    let links: Vec<YearLink> = counts
        .iter()
        .rev()
        .map(|(&year, &count)| YearLink {
            year,
            path: year_part_path(path, year),
            count,
        })
        .collect();
    let split = |current| YearSplit {
        path: path.to_string(),
        current,
        newest,
        years: links.clone(),
    };
    let renew = scope.renews(path);
    let mut pages = vec![scope.page(path, || {
        build(Some(newest), Some(split(None))).listing(all())
    })];
    for link in &links {
        let make = || year_page(build(Some(link.year), Some(split(Some(link.year)))), link);
        pages.push(if renew {
            make()
        } else {
            scope.page(&link.path, make)
        });
    }
    pages
}

/// A page made for one year becomes that year's page: its own path, the year in its
/// title, and the summary page in its breadcrumbs.
fn year_page(mut page: Page, link: &YearLink) -> Page {
    page.breadcrumbs.push(Crumb {
        title: page.title.clone(),
        path: std::mem::replace(&mut page.path, link.path.clone()),
    });
    page.title = format!("{} {}", page.title, link.year);
    page
}

/// Whether a page is the page of one year of a split page (it lists no follow-up: what a
/// person or organisation owes is on the summary page).
pub(crate) fn is_year_page(split: Option<&YearSplit>) -> bool {
    split.is_some_and(|s| s.current.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::config::Language;
    use crate::graph::page::PageData;

    fn page(year: Option<i32>, split: Option<YearSplit>) -> Page {
        Page {
            path: "/people/anna/".into(),
            template: "person.html",
            kind: "person",
            lang: Language::Sv,
            title: "Anna".into(),
            breadcrumbs: Vec::new(),
            data: PageData::Search {},
            meetings: None,
            listed: Vec::new().into(),
        }
        .depending_on(
            year.map(|y| y.to_string())
                .into_iter()
                .chain(split.map(|s| format!("newest {}", s.newest))),
        )
    }

    fn all() -> Vec<String> {
        vec!["all".into()]
    }

    #[test]
    fn a_page_at_or_below_the_threshold_stays_one_page() {
        let pages = pages_by_year(
            "/people/anna/",
            [2020, 2021, 2021],
            3,
            &Scope::All,
            all,
            page,
        );
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].path, "/people/anna/");
        assert_eq!(pages[0].meetings.as_deref(), Some(&[][..]));
    }

    #[test]
    fn a_page_above_the_threshold_gets_a_summary_and_a_page_per_year() {
        let years = [2020, 2021, 2021, 2023];
        let pages = pages_by_year("/people/anna/", years, 3, &Scope::All, all, page);
        let paths: Vec<&str> = pages.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "/people/anna/",
                "/people/anna/2023/",
                "/people/anna/2021/",
                "/people/anna/2020/"
            ]
        );
        // The summary shows the newest year and lists every meeting.
        assert_eq!(
            pages[0].meetings.as_deref(),
            Some(&["2023".to_string(), "newest 2023".to_string()][..])
        );
        assert_eq!(&pages[0].listed[..], &all()[..]);
        assert_eq!(pages[0].title, "Anna");
        assert_eq!(pages[2].title, "Anna 2021");
        assert_eq!(pages[2].breadcrumbs[0].path, "/people/anna/");
        assert_eq!(
            pages[2].meetings.as_deref(),
            Some(&["2021".to_string(), "newest 2023".to_string()][..])
        );
    }
}
