//! Pages split into parts of several years: a person's, an organisation's or a body's page
//! that lists more meetings than `[build] split_by_year_above` becomes a summary page,
//! which lists the newest year, and parts that each list consecutive years with at least
//! that many meetings (`/people/<key>/<first>-<last>/`, or `/people/<key>/<year>/` for a
//! part of one year). Each part depends only on its years' meetings, so an edit in `serve`
//! re-renders one part and the small summary page instead of a page listing thousands of
//! meetings; and parts of many years keep a big archive's file count down (creating a
//! file costs more than writing its bytes). Years are grouped from the oldest, so older
//! parts and their paths stay as they are when new minutes come in.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use crate::graph::page::{Crumb, Page, Slug};
use crate::graph::refs::Refs;
use crate::graph::scope::Scope;
use crate::graph::views::{YearLink, YearSplit};

/// The entries of `list` whose meeting (`meeting` of the entry: an archive position) is
/// of one of `years`, in their order: what a part of a person's, organisation's or body's
/// page lists.
pub(crate) fn in_years<T: Copy>(
    list: &[T],
    refs: &Refs<'_>,
    years: &RangeInclusive<i32>,
    meeting: impl Fn(&T) -> usize,
) -> Vec<T> {
    list.iter()
        .filter(|entry| years.contains(&refs.meetings[meeting(entry)].year))
        .copied()
        .collect()
}

/// Consecutive years, oldest first, grouped into parts of at least `least` meetings each:
/// years are added to a part until it reaches `least` (a part holds whole years, so a year
/// with more makes a part of its own when it starts one); the newest years form the last
/// part even when it has fewer.
pub(crate) fn group_years(counts: &BTreeMap<i32, usize>, least: usize) -> Vec<RangeInclusive<i32>> {
    let mut parts = Vec::new();
    let mut open: Option<(i32, usize)> = None;
    for (&year, &count) in counts {
        let (first, sum) = open.unwrap_or((year, 0));
        let sum = sum + count;
        if sum >= least {
            parts.push(first..=year);
            open = None;
        } else {
            open = Some((first, sum));
        }
    }
    if let (Some((first, _)), Some((&newest, _))) = (open, counts.last_key_value()) {
        parts.push(first..=newest);
    }
    parts
}

/// The site path of the part listing `years` under the summary page at `path`.
pub(crate) fn part_path(path: &str, years: &RangeInclusive<i32>) -> String {
    if years.start() == years.end() {
        format!("{path}{}/", years.start())
    } else {
        format!("{path}{}-{}/", years.start(), years.end())
    }
}

/// The years of a part as its title shows them: "2005–2008" (an en dash), or "2010".
pub(crate) fn part_title(years: &RangeInclusive<i32>) -> String {
    if years.start() == years.end() {
        years.start().to_string()
    } else {
        format!("{}–{}", years.start(), years.end())
    }
}

/// The pages of one person, organisation or body: the page at `path` alone when it lists
/// at most `above` meetings; else the summary page and its parts, newest first. `years`
/// holds the year of each meeting listed (once per meeting). `build(years, split)` makes
/// the page listing the meetings of `years` (every meeting when `None`), depending on
/// those; the summary page lists the newest year and also lists every meeting (`all`),
/// whose years it counts. The parts are made anew with their summary page: they show its
/// year strip.
pub(crate) fn pages_by_year(
    path: &str,
    years: impl IntoIterator<Item = i32>,
    above: usize,
    scope: &Scope,
    all: impl FnOnce() -> Vec<Slug>,
    build: impl Fn(Option<RangeInclusive<i32>>, Option<YearSplit>) -> Page,
) -> Vec<Page> {
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    for year in years {
        *counts.entry(year).or_default() += 1;
    }
    let total: usize = counts.values().sum();
    let Some((&newest, _)) = counts.last_key_value().filter(|_| total > above) else {
        return vec![scope.page(path, || build(None, None))];
    };
    let parts = group_years(&counts, above);
    let links: Vec<YearLink> = counts
        .iter()
        .rev()
        .map(|(&year, &count)| YearLink {
            year,
            path: year_anchor(path, &parts, year),
            count: Some(count),
        })
        .collect();
    let split = |part: Option<&RangeInclusive<i32>>| YearSplit {
        path: path.to_string(),
        current: part.map(part_title),
        first: part.map(|p| *p.start()),
        last: part.map(|p| *p.end()),
        newest,
        years: links.clone(),
    };
    let renew = scope.renews(path);
    let mut pages = vec![scope.page(path, || {
        build(Some(newest..=newest), Some(split(None))).listing(all())
    })];
    for part in parts.iter().rev() {
        let path = part_path(path, part);
        let make = || part_page(build(Some(part.clone()), Some(split(Some(part)))), part);
        pages.push(if renew {
            make()
        } else {
            scope.page(&path, make)
        });
    }
    pages
}

/// The link of `year` in the year strip: its heading on the page of the part listing it.
fn year_anchor(path: &str, parts: &[RangeInclusive<i32>], year: i32) -> String {
    let part = parts
        .iter()
        .find(|p| p.contains(&year))
        .expect("the parts cover every year");
    format!("{}#y{year}", part_path(path, part))
}

/// A page made for the meetings of some years becomes the page of that part: its own
/// path, the years in its title, and the summary page in its breadcrumbs.
fn part_page(mut page: Page, years: &RangeInclusive<i32>) -> Page {
    let path = part_path(&page.path, years);
    page.breadcrumbs.push(Crumb {
        title: page.title.clone(),
        path: std::mem::replace(&mut page.path, path),
    });
    page.title = format!("{} {}", page.title, part_title(years));
    page
}

/// Whether a page is a part of a split page, not its summary (it lists no follow-up: what
/// a person or organisation owes is on the summary page).
pub(crate) fn is_part_page(split: Option<&YearSplit>) -> bool {
    split.is_some_and(|s| s.current.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::config::Language;
    use crate::graph::page::PageData;

    fn page(years: Option<RangeInclusive<i32>>, split: Option<YearSplit>) -> Page {
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
            carried_over: false,
        }
        .depending_on(
            years
                .map(|y| format!("{}-{}", y.start(), y.end()).into())
                .into_iter()
                .chain(split.map(|s| format!("newest {}", s.newest).into())),
        )
    }

    fn all() -> Vec<Slug> {
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

    fn counts(years: &[(i32, usize)]) -> BTreeMap<i32, usize> {
        years.iter().copied().collect()
    }

    #[test]
    fn years_are_grouped_from_the_oldest_until_a_part_has_enough() {
        let years = counts(&[(2005, 30), (2006, 40), (2007, 30), (2008, 10), (2009, 50)]);
        assert_eq!(group_years(&years, 100), [2005..=2007, 2008..=2009]);
        assert_eq!(group_years(&years, 70), [2005..=2006, 2007..=2009]);
    }

    #[test]
    fn a_year_with_enough_meetings_is_a_part_of_its_own() {
        let years = counts(&[(2005, 10), (2006, 500), (2007, 20), (2008, 300)]);
        assert_eq!(group_years(&years, 200), [2005..=2006, 2007..=2008]);
        let years = counts(&[(2005, 500), (2006, 20), (2007, 300)]);
        assert_eq!(group_years(&years, 200), [2005..=2005, 2006..=2007]);
    }

    #[test]
    fn the_newest_years_are_a_part_even_with_fewer() {
        let years = counts(&[(2005, 150), (2006, 60), (2007, 5), (2008, 3)]);
        assert_eq!(group_years(&years, 200), [2005..=2006, 2007..=2008]);
    }

    #[test]
    fn one_year_only_is_one_part() {
        assert_eq!(group_years(&counts(&[(2010, 900)]), 200), [2010..=2010]);
        assert_eq!(group_years(&counts(&[(2010, 9)]), 200), [2010..=2010]);
        assert!(group_years(&BTreeMap::new(), 200).is_empty());
    }

    #[test]
    fn parts_have_a_path_and_title_of_their_years() {
        assert_eq!(
            part_path("/people/anna/", &(2005..=2008)),
            "/people/anna/2005-2008/"
        );
        assert_eq!(
            part_path("/people/anna/", &(2010..=2010)),
            "/people/anna/2010/"
        );
        assert_eq!(part_title(&(2005..=2008)), "2005–2008");
        assert_eq!(part_title(&(2010..=2010)), "2010");
    }

    #[test]
    fn a_page_above_the_threshold_gets_a_summary_and_its_parts() {
        let years = [2019, 2020, 2020, 2021, 2021, 2023];
        let pages = pages_by_year("/people/anna/", years, 3, &Scope::All, all, page);
        let paths: Vec<&str> = pages.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "/people/anna/",
                "/people/anna/2021-2023/",
                "/people/anna/2019-2020/",
            ]
        );
        // The summary shows the newest year and lists every meeting.
        assert_eq!(
            pages[0].meetings.as_deref(),
            Some(&["2023-2023".into(), "newest 2023".into()][..])
        );
        assert_eq!(&pages[0].listed[..], &all()[..]);
        assert_eq!(pages[0].title, "Anna");
        assert_eq!(pages[2].title, "Anna 2019–2020");
        assert_eq!(pages[2].breadcrumbs[0].path, "/people/anna/");
        assert_eq!(
            pages[2].meetings.as_deref(),
            Some(&["2019-2020".into(), "newest 2023".into()][..])
        );
    }

    #[test]
    fn the_year_strip_links_each_year_to_its_part() {
        let split = std::cell::RefCell::new(Vec::new());
        let years = [2019, 2020, 2020, 2021, 2021, 2023];
        pages_by_year("/people/anna/", years, 3, &Scope::All, all, |y, s| {
            split.borrow_mut().push(s.clone());
            page(y, s)
        });
        let splits = split.into_inner();
        let links: Vec<(i32, &str, Option<usize>)> = splits[0]
            .as_ref()
            .unwrap()
            .years
            .iter()
            .map(|l| (l.year, l.path.as_str(), l.count))
            .collect();
        assert_eq!(
            links,
            [
                (2023, "/people/anna/2021-2023/#y2023", Some(1)),
                (2021, "/people/anna/2021-2023/#y2021", Some(2)),
                (2020, "/people/anna/2019-2020/#y2020", Some(2)),
                (2019, "/people/anna/2019-2020/#y2019", Some(1)),
            ]
        );
        let part = splits[1].as_ref().unwrap();
        assert_eq!(
            (part.current.as_deref(), part.first, part.last),
            (Some("2021–2023"), Some(2021), Some(2023))
        );
        assert_eq!(splits[0].as_ref().unwrap().current, None);
    }
}
