//! Pages split into parts: a person, organisation or body listing more meetings than
//! `[build] split_by_year_above` (200 by default) gets a summary page that lists the newest
//! year, and parts of consecutive years, grouped from the oldest, each listing at least
//! that many meetings (the newest part may list fewer), every meeting of its years under
//! a heading per year.

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

/// A site with `count` meetings in each `(year, count)`, and `site_toml`.
fn site(per_year: &[(i32, usize)], site_toml: &str) -> (tempfile::TempDir, Vec<Vec<String>>) {
    let mut files = vec![
        ("site.toml".to_string(), site_toml.to_string()),
        ("content/organisations.yaml".to_string(), ORGS.to_string()),
    ];
    let mut slugs = Vec::new();
    for &(year, count) in per_year {
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

/// The slugs of the meetings the links at `selector` point to, in page order.
fn linked(html: &scraper::Html, selector: &str) -> Vec<String> {
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

/// The slugs of the meetings a list on the page links to.
fn listed(html: &scraper::Html, selector: &str) -> BTreeSet<String> {
    linked(html, selector).into_iter().collect()
}

fn set(slugs: &[String]) -> BTreeSet<String> {
    slugs.iter().cloned().collect()
}

fn hrefs(html: &scraper::Html, selector: &str) -> Vec<String> {
    select(html, selector)
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect()
}

/// 150 meetings in 2019 and 60 in 2020 reach 200: one part; 2021 and 2022 are the rest.
const YEARS: [(i32, usize); 4] = [(2019, 150), (2020, 60), (2021, 5), (2022, 3)];

#[test]
fn a_person_over_the_threshold_gets_a_summary_page_and_parts_of_several_years() {
    let (site, slugs) = site(&YEARS, "title = \"Arkiv\"\n");
    let (out, _) = build_into(site.path(), None);
    // Every link resolves, the year strip's anchors too. (`broken_links` reads a query as
    // part of the path: the filtered timeline `/decisions/?org=skr`, linked when there
    // are more than 100 decisions, is there.)
    let broken: Vec<String> = broken_links(&out.path().join("public"), false, "")
        .into_iter()
        .filter(|link| !link.contains("/decisions/?"))
        .collect();
    assert!(broken.is_empty(), "{broken:#?}");
    let attended = "section[aria-labelledby=person-attended] a.meeting-title";

    let summary = page(out.path(), "people/anna-berg/index.html");
    assert_eq!(
        texts(&summary, "nav.year-strip a"),
        ["Alla år", "2022 (3)", "2021 (5)", "2020 (60)", "2019 (150)"],
        "the year strip: a link per year"
    );
    assert_eq!(
        hrefs(&summary, "nav.year-strip a"),
        [
            "../../people/anna-berg/",
            "../../people/anna-berg/2021-2022/#y2022",
            "../../people/anna-berg/2021-2022/#y2021",
            "../../people/anna-berg/2019-2020/#y2020",
            "../../people/anna-berg/2019-2020/#y2019",
        ]
    );
    assert_eq!(
        texts(&summary, "nav.year-strip a[aria-current=page]"),
        ["Alla år"]
    );
    assert_eq!(
        listed(&summary, attended),
        set(&slugs[3]),
        "the newest year"
    );
    assert!(texts(&summary, "main p.more-note")
        .join(" ")
        .contains("visar 2022"));
    assert!(select(&summary, "h3.year-heading").is_empty());

    let parts = [
        ("2019-2020", "2019–2020", 0..2),
        ("2021-2022", "2021–2022", 2..4),
    ];
    let mut seen: Vec<String> = Vec::new();
    for (dir, years, of) in parts {
        let html = page(out.path(), &format!("people/anna-berg/{dir}/index.html"));
        assert_eq!(texts(&html, "h1"), [format!("Anna Berg {years}")]);
        assert!(texts(&html, "title")[0].starts_with(&format!("Anna Berg {years}")));
        let crumbs = select(&html, "nav.breadcrumbs a");
        let last = crumbs.last().unwrap();
        assert_eq!(
            (text(last).as_str(), last.value().attr("href").unwrap()),
            ("Anna Berg", "../../../people/anna-berg/")
        );
        let current = texts(&html, "nav.year-strip a[aria-current=page]");
        let expected: Vec<String> = YEARS[of.clone()]
            .iter()
            .rev()
            .map(|(year, count)| format!("{year} ({count})"))
            .collect();
        assert_eq!(current, expected, "{dir}: its years are current");
        // Every meeting of its years, newest year first, each under its year's heading.
        let headings: Vec<&str> = select(&html, "section[aria-labelledby=person-attended] h3")
            .iter()
            .map(|h| h.value().attr("id").unwrap())
            .collect();
        let ids: Vec<String> = YEARS[of.clone()]
            .iter()
            .rev()
            .map(|(year, _)| format!("y{year}"))
            .collect();
        assert_eq!(headings, ids, "{dir}");
        for ((year, _), slugs) in YEARS[of.clone()].iter().zip(&slugs[of.clone()]) {
            let under = format!("h3#y{year} + ul.meeting-list a.meeting-title");
            assert_eq!(listed(&html, &under), set(slugs), "{dir}: {year}");
        }
        seen.extend(linked(&html, attended));
    }
    seen.sort();
    let mut all: Vec<String> = slugs.concat();
    all.sort();
    assert_eq!(seen, all, "each meeting is in exactly one part");
    for gone in ["2019", "2020", "2021", "2022"] {
        assert!(!out
            .path()
            .join(format!("public/people/anna-berg/{gone}"))
            .exists());
    }

    // The organisation and the body list as many meetings: split the same way, and a
    // part lists every meeting of its years (no "newest 100").
    let meetings = "section[aria-labelledby=body-meetings] a.meeting-title";
    let body = page(out.path(), "bodies/radet/2019-2020/index.html");
    assert_eq!(listed(&body, meetings), set(&slugs[..2].concat()));
    assert_eq!(texts(&body, "h1"), ["Rådet 2019–2020"]);
    let body = page(out.path(), "bodies/radet/index.html");
    assert_eq!(listed(&body, meetings), set(&slugs[3]));
    let skr = page(out.path(), "organisations/skr/2019-2020/index.html");
    let org_attended = "section[aria-labelledby=org-attended] a.meeting-title";
    assert_eq!(linked(&skr, org_attended).len(), 210);
    assert!(select(&skr, "section[aria-labelledby=org-attended] p.more-note").is_empty());
    assert_eq!(
        select(&skr, "h3#y2019 + ul a.meeting-title").len(),
        150,
        "the organisation's part: a heading per year"
    );
}

#[test]
fn a_person_at_or_below_the_threshold_keeps_one_page() {
    let (site, slugs) = site(&YEARS, "title = \"Arkiv\"\n");
    let (out, _) = build_into(site.path(), None);
    let html = page(out.path(), "people/per-lund/index.html");
    assert!(select(&html, "nav.year-strip").is_empty());
    assert!(select(&html, "h3.year-heading").is_empty());
    let attended = "section[aria-labelledby=person-attended] a.meeting-title";
    let firsts: BTreeSet<String> = slugs.iter().map(|s| s[0].clone()).collect();
    assert_eq!(listed(&html, attended), firsts);
    assert!(!out.path().join("public/people/per-lund/2019").exists());
}

#[test]
fn years_are_grouped_from_the_oldest_and_a_big_year_is_a_part_of_its_own() {
    let toml = "title = \"Arkiv\"\n[build]\nsplit_by_year_above = 10\n";
    let years = [(2017, 4), (2018, 7), (2019, 12), (2020, 3), (2021, 2)];
    let (first, _) = site(&years, toml);
    let (out, _) = build_into(first.path(), None);
    let summary = page(out.path(), "people/anna-berg/index.html");
    assert_eq!(
        hrefs(&summary, "nav.year-strip a")[1..],
        [
            "../../people/anna-berg/2020-2021/#y2021",
            "../../people/anna-berg/2020-2021/#y2020",
            "../../people/anna-berg/2019/#y2019",
            "../../people/anna-berg/2017-2018/#y2018",
            "../../people/anna-berg/2017-2018/#y2017",
        ]
    );
    let big = page(out.path(), "people/anna-berg/2019/index.html");
    assert_eq!(texts(&big, "h1"), ["Anna Berg 2019"]);
    // A new meeting in the newest year leaves the older parts where they were.
    let (later, _) = site(&[years.as_slice(), &[(2022, 9)]].concat(), toml);
    let (out, _) = build_into(later.path(), None);
    let summary = page(out.path(), "people/anna-berg/index.html");
    assert_eq!(
        hrefs(&summary, "nav.year-strip a")[1..4],
        [
            "../../people/anna-berg/2020-2022/#y2022",
            "../../people/anna-berg/2020-2022/#y2021",
            "../../people/anna-berg/2020-2022/#y2020",
        ]
    );
    assert!(out
        .path()
        .join("public/people/anna-berg/2019/index.html")
        .exists());
    assert!(out
        .path()
        .join("public/people/anna-berg/2017-2018/index.html")
        .exists());
}

#[test]
fn parts_are_in_the_sitemap_and_work_with_file_links_in_english() {
    let (site, _) = site(
        &[(2021, 2), (2022, 2), (2023, 1)],
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
    assert_eq!(
        hrefs(&summary, "nav.year-strip a")[1],
        "../../people/anna-berg/2023/index.html#y2023"
    );
    assert!(texts(&summary, "main p.more-note")
        .join(" ")
        .contains("The lists below show 2023"));
    let sitemap = std::fs::read_to_string(out.path().join("public/sitemap.xml")).unwrap();
    let xml = scraper::Html::parse_document(&sitemap);
    let urls: Vec<String> = texts(&xml, "loc");
    for path in [
        "people/anna-berg/2021-2022/",
        "organisations/skr/2021-2022/",
        "bodies/radet/2023/",
    ] {
        assert!(
            urls.iter().any(|u| u.ends_with(path)),
            "{path} not in {urls:?}"
        );
    }
}
