//! Builds the example archive in `content/` (the five real seed meetings) and checks the
//! pages it produces, on parsed HTML.

mod common;

use common::*;
use quorum::LinkStyle;

const FYRBODAL: &str = "meetings/2022-01-28-socialchefsnatverk-fyrbodal/index.html";

#[test]
fn builds_five_meeting_pages_with_their_decisions() {
    let (out, report) = build_into(&example_root(), None);
    assert_eq!(report.meetings, 5);
    let slugs = [
        "2020-09-15-socialchefsnatverket",
        "2020-10-27-socialchefsnatverket",
        "2020-11-10-socialchefsnatverket",
        "2021-02-16-socialchefsnatverket",
        "2022-01-28-socialchefsnatverk-fyrbodal",
    ];
    for slug in slugs {
        let html = page(out.path(), &format!("meetings/{slug}/index.html"));
        assert_eq!(select(&html, "h1").len(), 1, "{slug}: one h1");
        assert!(
            !select(&html, "section[id^=item-]").is_empty(),
            "{slug}: agenda items"
        );
    }
    let fyrbodal = page(out.path(), FYRBODAL);
    let decisions = select(&fyrbodal, ".decision[id^=decision-]");
    assert_eq!(
        decisions.len(),
        16,
        "every Beslut of the Fyrbodal meeting is marked up"
    );
    let item8: Vec<_> = decisions
        .iter()
        .filter_map(|d| d.value().attr("id"))
        .filter(|id| id.starts_with("decision-8-"))
        .collect();
    assert_eq!(
        item8,
        [
            "decision-8-1",
            "decision-8-2",
            "decision-8-3",
            "decision-8-4"
        ]
    );
}

#[test]
fn the_four_minimaria_decisions_are_four_timeline_entries() {
    let (out, _) = build_into(&example_root(), None);
    for timeline in ["decisions/index.html", "decisions/2022/index.html"] {
        let html = page(out.path(), timeline);
        let links: Vec<String> = select(&html, "a[href]")
            .iter()
            .filter_map(|a| a.value().attr("href"))
            .filter(|h| h.contains("2022-01-28-socialchefsnatverk-fyrbodal/#decision-8-"))
            .map(str::to_string)
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        assert_eq!(links.len(), 4, "{timeline}: {links:?}");
        let body = texts(&html, "main").join(" ");
        assert!(
            body.contains("Restiden ska fördelas solidariskt"),
            "{timeline}"
        );
        assert!(
            body.contains("Lena Gartman, Orust och Roger Granat, Uddevalla"),
            "{timeline}"
        );
    }
}

#[test]
fn folkhalsomyndigheten_lists_items_presented_under_its_aliases() {
    let (out, _) = build_into(&example_root(), None);
    let html = page(out.path(), "organisations/fohm/index.html");
    assert_eq!(texts(&html, "h1"), ["Folkhälsomyndigheten"]);
    let main = texts(&html, "main").join(" ");
    assert!(main.contains("FHM"), "aliases are shown");
    // Presented as "(Malin Grape, FoHM)" in 2020 and "(Malin Grape, Sara Byfors, FoHM)" in 2021.
    let presented: Vec<&str> = select(&html, "a[href]")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .filter(|h| h.contains("#item-"))
        .collect();
    assert!(
        presented
            .iter()
            .any(|h| h.contains("2020-09-15-socialchefsnatverket/#item-")),
        "{presented:?}"
    );
    assert!(
        presented
            .iter()
            .any(|h| h.contains("2021-02-16-socialchefsnatverket/#item-")),
        "{presented:?}"
    );
    assert!(main.contains("Malin Grape"));
}

#[test]
fn lisbeth_olsson_has_her_chair_role() {
    let (out, _) = build_into(&example_root(), None);
    let html = page(out.path(), "people/lisbeth-olsson/index.html");
    assert_eq!(texts(&html, "h1"), ["Lisbeth Olsson"]);
    let main = texts(&html, "main").join(" ");
    assert!(main.contains("Ordförande"), "{main}");
    assert!(main.contains("Sotenäs"));
    let to_meeting = select(&html, "a[href]")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .any(|h| h.contains("2022-01-28-socialchefsnatverk-fyrbodal"));
    assert!(to_meeting);
}

#[test]
fn dates_are_written_in_swedish() {
    let (out, _) = build_into(&example_root(), None);
    let html = page(
        out.path(),
        "meetings/2020-09-15-socialchefsnatverket/index.html",
    );
    let times = texts(&html, "time[datetime='2020-09-15']");
    assert!(
        times
            .iter()
            .any(|t| t.to_lowercase().contains("15 september 2020")),
        "{times:?}"
    );
    let html = page(out.path(), FYRBODAL);
    let main = texts(&html, "main").join(" ");
    assert!(main.contains("28 januari 2022"));
    assert_eq!(select(&html, "html[lang=sv]").len(), 1);
}

#[test]
fn attendees_are_grouped_by_municipality() {
    let (out, _) = build_into(&example_root(), None);
    let html = page(out.path(), FYRBODAL);
    let main = texts(&html, "main").join(" ");
    for name in [
        "Sirene Johansson",
        "Helena Wretman",
        "Tanja Mattsson",
        "Jenny Brunsten",
        "Ulrika Söderlund",
    ] {
        assert!(main.contains(name), "{name}");
    }
    assert!(main.contains("Trollhättan"));
}

#[test]
fn every_internal_link_resolves_in_every_link_style() {
    for (links, file_mode, base) in [
        (None, false, "/minnen/"),
        (Some(LinkStyle::File), true, "/minnen/"),
        (Some(LinkStyle::Absolute), false, "/minnen/"),
    ] {
        let (out, _) = build_into(&example_root(), links);
        let broken = broken_links(&out.path().join("public"), file_mode, base);
        assert!(
            broken.is_empty(),
            "{links:?}: {} broken, e.g. {:#?}",
            broken.len(),
            &broken[..broken.len().min(10)]
        );
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let (a, _) = build_into(&example_root(), None);
    let (b, _) = build_into(&example_root(), None);
    let a = snapshot(&a.path().join("public"));
    let b = snapshot(&b.path().join("public"));
    assert!(a.len() > 100);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(
            bytes == &b[path],
            "{} differs between builds",
            path.display()
        );
    }
}

#[test]
fn build_output_never_contains_a_live_reload_script() {
    let (out, _) = build_into(&example_root(), None);
    for (path, bytes) in snapshot(&out.path().join("public")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("livereload") && !text.contains("EventSource"),
            "{}",
            path.display()
        );
    }
}
