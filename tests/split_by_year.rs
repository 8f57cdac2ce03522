//! Pages split by year: a person, organisation or body listing more meetings than
//! `[build] split_by_year_above` (200 by default) gets a summary page that lists the newest
//! year and links to a page per year, each listing exactly that year's meetings.

mod common;

use std::collections::BTreeSet;

use common::*;
use quorum::LinkStyle;

const ORGS: &str = "skr:\n  name: Sveriges Kommuner och Regioner\n  short: SKR\n";

/// A meeting of Rådet on `date` that Anna Berg attends, with Per Lund too when `per`.
fn meeting(date: &str, per: bool) -> String {
    let per = if per { "  - Per Lund, SKR\n" } else { "" };
    format!(
        "---\nbody: Rådet\norganiser: skr\ndate: {date}\nattendees:\n  - Anna Berg, SKR\n{per}---\n\n## 1. Läget\n\nText.\n\nBeslut: Rådet noterar läget.\n"
    )
}

/// `(path, text)` of `count` meetings in `year`, and their slugs.
fn meetings_of(year: i32, count: usize) -> Vec<(String, String, String)> {
    (0..count)
        .map(|n| {
            let date = format!("{year}-{:02}-{:02}", 1 + n % 12, 1 + n / 12);
            let slug = format!("{date}-radet-{n}");
            let path = format!("content/{year}/{slug}.md");
            (path, meeting(&date, n == 0), slug)
        })
        .collect()
}

/// A site with `per_year` meetings in each of 2021, 2022 and 2023, and `site_toml`.
fn site(per_year: [usize; 3], site_toml: &str) -> (tempfile::TempDir, Vec<Vec<String>>) {
    let mut files = vec![
        ("site.toml".to_string(), site_toml.to_string()),
        ("content/organisations.yaml".to_string(), ORGS.to_string()),
    ];
    let mut slugs = Vec::new();
    for (year, count) in (2021..).zip(per_year) {
        let meetings = meetings_of(year, count);
        slugs.push(meetings.iter().map(|m| m.2.clone()).collect());
        files.extend(meetings.into_iter().map(|(path, text, _)| (path, text)));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    (fixture(&files), slugs)
}

/// The slugs of the meetings a list on the page links to.
fn listed(html: &scraper::Html, selector: &str) -> BTreeSet<String> {
    select(html, selector)
        .iter()
        .map(|a| {
            let href = a.value().attr("href").unwrap();
            href.trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

fn set(slugs: &[String]) -> BTreeSet<String> {
    slugs.iter().cloned().collect()
}

#[test]
fn a_person_over_the_threshold_gets_a_summary_page_and_a_page_per_year() {
    let (site, slugs) = site([40, 40, 121], "title = \"Arkiv\"\n");
    let (out, _) = build_into(site.path(), None);
    // SKR attended more than 100 meetings in 2023: its year page links to its people on
    // the summary page.
    // (`broken_links` reads a query as part of the path: the filtered timeline
    // `/decisions/?org=skr`, linked when there are more than 100 decisions, is there.)
    let broken: Vec<String> = broken_links(&out.path().join("public"), false, "")
        .into_iter()
        .filter(|link| !link.contains("/decisions/?"))
        .collect();
    assert!(broken.is_empty(), "{broken:#?}");
    let attended = "section[aria-labelledby=person-attended] a.meeting-title";

    let summary = page(out.path(), "people/anna-berg/index.html");
    let years: Vec<String> = texts(&summary, "nav.year-strip a");
    assert_eq!(
        years,
        ["Alla år", "2023 (121)", "2022 (40)", "2021 (40)"],
        "the year strip"
    );
    let hrefs: Vec<&str> = select(&summary, "nav.year-strip a")
        .iter()
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert_eq!(
        hrefs,
        [
            "../../people/anna-berg/",
            "../../people/anna-berg/2023/",
            "../../people/anna-berg/2022/",
            "../../people/anna-berg/2021/"
        ]
    );
    assert_eq!(
        listed(&summary, attended),
        set(&slugs[2]),
        "the newest year"
    );
    assert!(texts(&summary, "main p.more-note")
        .join(" ")
        .contains("visar 2023"));

    for (year, slugs) in (2021..).zip(&slugs) {
        let html = page(out.path(), &format!("people/anna-berg/{year}/index.html"));
        assert_eq!(listed(&html, attended), set(slugs), "{year}");
        assert_eq!(texts(&html, "h1"), [format!("Anna Berg {year}")]);
        let crumbs = select(&html, "nav.breadcrumbs a");
        let last = crumbs.last().unwrap();
        assert_eq!(
            (text(last).as_str(), last.value().attr("href").unwrap()),
            ("Anna Berg", "../../../people/anna-berg/")
        );
        let current = texts(&html, "nav.year-strip a[aria-current=page]");
        assert_eq!(current, [format!("{year} ({})", slugs.len())]);
    }

    // The organisation and the body list as many meetings: split the same way.
    let meetings = "section[aria-labelledby=body-meetings] a.meeting-title";
    for (year, slugs) in (2021..).zip(&slugs) {
        let html = page(out.path(), &format!("bodies/radet/{year}/index.html"));
        assert_eq!(listed(&html, meetings), set(slugs), "{year}");
    }
    let body = page(out.path(), "bodies/radet/index.html");
    assert_eq!(listed(&body, meetings), set(&slugs[2]));
    let skr = page(out.path(), "organisations/skr/2023/index.html");
    let more = select(&skr, "section[aria-labelledby=org-attended] p.more-note a");
    assert_eq!(
        more[0].value().attr("href"),
        Some("../../../organisations/skr/#org-people")
    );
}

#[test]
fn a_person_at_or_below_the_threshold_keeps_one_page() {
    let (site, slugs) = site([40, 40, 121], "title = \"Arkiv\"\n");
    let (out, _) = build_into(site.path(), None);
    let html = page(out.path(), "people/per-lund/index.html");
    assert!(select(&html, "nav.year-strip").is_empty());
    let attended = "section[aria-labelledby=person-attended] a.meeting-title";
    let firsts: BTreeSet<String> = slugs.iter().map(|s| s[0].clone()).collect();
    assert_eq!(listed(&html, attended), firsts);
    assert!(!out.path().join("public/people/per-lund/2021").exists());
}

#[test]
fn year_pages_are_in_the_sitemap_and_work_with_file_links_in_english() {
    let (site, _) = site(
        [2, 2, 1],
        "title = \"Archive\"\nbase_url = \"https://arkiv.example/\"\nlanguage = \"en\"\n[build]\nsplit_by_year_above = 4\nlinks = \"file\"\n",
    );
    let (out, _) = build_into(site.path(), Some(LinkStyle::File));
    let broken = broken_links(&out.path().join("public"), true, "");
    assert!(broken.is_empty(), "{broken:#?}");
    let summary = page(out.path(), "people/anna-berg/index.html");
    assert_eq!(
        texts(&summary, "nav.year-strip a"),
        ["All years", "2023 (1)", "2022 (2)", "2021 (2)"]
    );
    assert!(texts(&summary, "main p.more-note")
        .join(" ")
        .contains("The lists below show 2023"));
    let sitemap = std::fs::read_to_string(out.path().join("public/sitemap.xml")).unwrap();
    let xml = scraper::Html::parse_document(&sitemap);
    let urls: Vec<String> = texts(&xml, "loc");
    for path in [
        "people/anna-berg/2021/",
        "organisations/skr/2022/",
        "bodies/radet/2023/",
    ] {
        assert!(
            urls.iter().any(|u| u.ends_with(path)),
            "{path} not in {urls:?}"
        );
    }
}
