//! Follow-up across meetings on a small fixture site: three board meetings in which an
//! action is followed up and closed two meetings later, another is overdue and a third
//! open; a decision is replaced; an item's case runs through all three; minutes refer to
//! each other with `[[…]]`. Asserts on the parsed HTML and archive.json.

mod common;

use common::*;
use quorum::{build_site, BuildOptions};

const PEOPLE: &str = "karin-engstrom:\n  name: Karin Engström\nsam-okoye:\n  name: Sam Okoye\nlisa-berg:\n  name: Lisa Berg\n";

const JANUARY: &str = "---\nbody: Styrelsen\ndate: 2025-01-10\n---\n\
## 3. Reglemente\n\nÄrende: KS 2025/1\n\nBeslut: Reglementet antas.\n\n\
## 4. Kontaktuppgifter\n\nÅtgärd: Karin Engström ska sammanställa kontaktuppgifterna senast 2025-02-01.\n\n\
## 5. Policy\n\nAction: Sam Okoye to circulate the revised policy by 1 February 2025.\n\n\
## 6. Plan\n\nÅtgärd: Lisa Berg ska ta fram en plan senast den 31 december 2025.\n";

const FEBRUARY: &str = "---\nbody: Styrelsen\ndate: 2025-02-14\n---\n\
## 1. Uppföljning\n\nUppföljning: 2025-01-10-styrelsen/4-1 pågår\n\n\
Se även [[2025-01-10-styrelsen#4]].\n\n\
## 2. Reglemente\n\n**Dnr:** KS 2025/1\n\nBeslut: Ett nytt reglemente antas (ersätter [[2025-01-10-styrelsen/3-1]]).\n";

const MARCH: &str = "---\nbody: Styrelsen\ndate: 2025-03-14\n---\n\
## 1. Uppföljning\n\nUppföljning: [[2025-01-10-styrelsen/4-1]] klar – listan är skickad.\n\n\
## 2. Reglemente, Dnr KS 2025/1\n\nInformation om det nya reglementet.\n";

fn site() -> tempfile::TempDir {
    fixture(&[
        ("content/people.yaml", PEOPLE),
        ("content/2025/2025-01-10-styrelsen.md", JANUARY),
        ("content/2025/2025-02-14-styrelsen.md", FEBRUARY),
        ("content/2025/2025-03-14-styrelsen.md", MARCH),
    ])
}

/// The action cards of a page: (text, data-status).
fn action_cards(html: &scraper::Html) -> Vec<(String, String)> {
    select(html, "article.action-card")
        .iter()
        .map(|card| {
            let text = card
                .select(&scraper::Selector::parse(".card-text").unwrap())
                .next()
                .map(|e| text(&e))
                .unwrap_or_default();
            let status = card.value().attr("data-status").unwrap_or("").to_string();
            (text, status)
        })
        .collect()
}

#[test]
fn an_action_closed_two_meetings_later_is_done_one_past_due_is_overdue_one_without_follow_up_is_open(
) {
    let site = site();
    let (out, _) = build_into(site.path(), None);
    let all = action_cards(&page(out.path(), "actions/index.html"));
    let status_of = |start: &str| {
        all.iter()
            .find(|(t, _)| t.starts_with(start))
            .map(|(_, s)| s.clone())
            .unwrap_or_else(|| panic!("no action {start}: {all:?}"))
    };
    assert_eq!(status_of("Karin Engström"), "done");
    assert_eq!(status_of("Sam Okoye"), "overdue");
    assert_eq!(status_of("Lisa Berg"), "open");

    let overdue = action_cards(&page(out.path(), "actions/overdue/index.html"));
    assert_eq!(overdue.len(), 1);
    assert!(overdue[0].0.starts_with("Sam Okoye"));
    let done = action_cards(&page(out.path(), "actions/done/index.html"));
    assert_eq!(done.len(), 1);
    assert!(done[0].0.starts_with("Karin Engström"));
    let open = action_cards(&page(out.path(), "actions/open/index.html"));
    assert_eq!(open.len(), 2, "{open:?}");

    // The closed action's history: ongoing in February, done in March.
    let html = page(out.path(), "actions/done/index.html");
    let history = texts(&html, ".history li");
    assert_eq!(history.len(), 2, "{history:?}");
    assert!(history[1].contains("listan är skickad"), "{history:?}");

    // What a person still owes is on their page; a done action is not.
    let lisa = page(out.path(), "people/lisa-berg/index.html");
    assert_eq!(action_cards(&lisa).len(), 1);
    let karin = page(out.path(), "people/karin-engstrom/index.html");
    assert!(action_cards(&karin).is_empty());
    let owner_links: Vec<String> = select(&page(out.path(), "actions/index.html"), "a.owner")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert!(
        owner_links.iter().any(|h| h.contains("people/sam-okoye/")),
        "{owner_links:?}"
    );
}

#[test]
fn today_moves_the_day_actions_are_overdue_on() {
    let site = site();
    let out = tempfile::tempdir().unwrap();
    let options = BuildOptions {
        root: site.path().to_path_buf(),
        output: Some(out.path().join("public")),
        today: Some(chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()),
        ..BuildOptions::default()
    };
    build_site(&options).unwrap();
    let overdue = action_cards(&page(out.path(), "actions/overdue/index.html"));
    assert_eq!(overdue.len(), 2, "{overdue:?}");
}

#[test]
fn a_replaced_decision_links_both_ways_and_is_left_out_of_decisions_in_force() {
    let site = site();
    let (out, _) = build_into(site.path(), None);
    let january = page(out.path(), "meetings/2025-01-10-styrelsen/index.html");
    let replaced_by: Vec<String> = select(&january, ".changed-by a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert!(
        replaced_by
            .iter()
            .any(|h| h.contains("2025-02-14-styrelsen/#decision-2-1")),
        "{replaced_by:?}"
    );
    let february = page(out.path(), "meetings/2025-02-14-styrelsen/index.html");
    let replaces: Vec<String> = select(&february, ".changes a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert!(
        replaces
            .iter()
            .any(|h| h.contains("2025-01-10-styrelsen/#decision-3-1")),
        "{replaces:?}"
    );

    let all = texts(
        &page(out.path(), "decisions/index.html"),
        ".decision-card .card-text",
    );
    assert!(all.iter().any(|t| t == "Reglementet antas."), "{all:?}");
    let in_force = texts(
        &page(out.path(), "decisions/in-force/index.html"),
        ".decision-card .card-text",
    );
    assert!(
        !in_force.iter().any(|t| t == "Reglementet antas."),
        "{in_force:?}"
    );
    assert!(in_force
        .iter()
        .any(|t| t.starts_with("Ett nytt reglemente antas")));
}

#[test]
fn a_case_page_lists_its_items_from_three_meetings_in_date_order() {
    let site = site();
    let (out, _) = build_into(site.path(), None);
    let html = page(out.path(), "cases/ks-2025-1/index.html");
    let links: Vec<String> = select(&html, ".case-entry .card-title a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .filter(|h| h.contains("#item-"))
        .collect();
    assert_eq!(links.len(), 3, "{links:?}");
    assert!(
        links[0].contains("2025-01-10-styrelsen/#item-3"),
        "{links:?}"
    );
    assert!(
        links[1].contains("2025-02-14-styrelsen/#item-2"),
        "{links:?}"
    );
    assert!(
        links[2].contains("2025-03-14-styrelsen/#item-2"),
        "{links:?}"
    );
    let index = texts(&page(out.path(), "cases/index.html"), ".case-list a");
    assert_eq!(index, vec!["KS 2025/1"]);
}

#[test]
fn references_link_to_their_targets_and_show_as_backlinks() {
    let site = site();
    let (out, _) = build_into(site.path(), None);
    let february = page(out.path(), "meetings/2025-02-14-styrelsen/index.html");
    let xrefs: Vec<String> = select(&february, ".prose a.xref")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert!(
        xrefs
            .iter()
            .any(|h| h.ends_with("meetings/2025-01-10-styrelsen/#item-4")),
        "{xrefs:?}"
    );
    let january = page(out.path(), "meetings/2025-01-10-styrelsen/index.html");
    let backlinks = texts(&january, ".backlinks li");
    assert_eq!(backlinks.len(), 2, "{backlinks:?}");
}

#[test]
fn archive_json_carries_owners_due_dates_statuses_changes_cases_and_references() {
    let site = site();
    let (out, _) = build_into(site.path(), None);
    let text = std::fs::read_to_string(out.path().join("public/archive/2025.json")).unwrap();
    let part: serde_json::Value = serde_json::from_str(&text).unwrap();
    let actions = part["actions"].as_array().unwrap();
    let karin = actions
        .iter()
        .find(|a| a["id"] == "2025-01-10-styrelsen/4-1")
        .unwrap();
    assert_eq!(karin["follow"]["status"], "done");
    assert_eq!(karin["follow"]["due"], "2025-02-01");
    assert_eq!(karin["follow"]["owners"][0]["kind"], "person");
    assert_eq!(karin["follow"]["owners"][0]["key"], "karin-engstrom");
    assert_eq!(karin["follow"]["history"].as_array().unwrap().len(), 2);
    let sam = actions
        .iter()
        .find(|a| a["id"] == "2025-01-10-styrelsen/5-1")
        .unwrap();
    assert_eq!(sam["follow"]["overdue"], true);
    let decisions = part["decisions"].as_array().unwrap();
    let old = decisions
        .iter()
        .find(|d| d["id"] == "2025-01-10-styrelsen/3-1")
        .unwrap();
    assert_eq!(old["follow"]["in_force"], false);
    assert_eq!(old["follow"]["changed_by"][0]["relation"], "replaces");
    let meetings = part["meetings"].as_array().unwrap();
    assert_eq!(meetings[0]["items"][0]["case_number"], "KS 2025/1");
    assert_eq!(
        meetings[0]["referred_to_by"],
        serde_json::json!(["2025-02-14-styrelsen", "2025-03-14-styrelsen"])
    );
}

#[test]
fn a_reference_to_a_missing_item_fails_check_with_its_place_and_a_suggestion() {
    let site = fixture(&[
        ("content/2025/2025-01-10-styrelsen.md", JANUARY),
        (
            "content/2025/2025-02-14-styrelsen.md",
            "---\nbody: Styrelsen\ndate: 2025-02-14\n---\n## 1. Uppföljning\n\nSe [[2025-01-10-styrelse#4]].\n",
        ),
    ]);
    let diagnostics = quorum::check_site(&BuildOptions::new(site.path())).unwrap();
    let errors: Vec<_> = diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let e = errors[0];
    assert_eq!(
        e.file,
        std::path::Path::new("content/2025/2025-02-14-styrelsen.md")
    );
    assert_eq!((e.line, e.column), (7, 4));
    assert!(
        e.hint
            .as_deref()
            .unwrap_or("")
            .contains("2025-01-10-styrelsen"),
        "{e}"
    );
}

#[test]
fn a_renamed_meeting_keeps_its_old_url_and_references_to_its_old_name_resolve() {
    let renamed = JANUARY.replace(
        "date: 2025-01-10\n",
        "date: 2025-01-10\naliases: [2025-01-10-styrelsemote]\n",
    );
    let referring = "---\nbody: Styrelsen\ndate: 2025-02-14\n---\n## 1. Uppföljning\n\nSe [[2025-01-10-styrelsemote#4]].\n";
    let site = fixture(&[
        ("content/people.yaml", PEOPLE),
        ("content/2025/2025-01-10-styrelsen.md", renamed.as_str()),
        ("content/2025/2025-02-14-styrelsen.md", referring),
    ]);
    let (out, _) = build_into(site.path(), None);
    let old = page(out.path(), "meetings/2025-01-10-styrelsemote/index.html");
    let refresh = select(&old, "meta[http-equiv=refresh]");
    assert_eq!(refresh.len(), 1);
    let content = refresh[0].value().attr("content").unwrap();
    assert!(content.ends_with("2025-01-10-styrelsen/"), "{content}");
    let canonical = select(&old, "link[rel=canonical]");
    assert!(canonical[0]
        .value()
        .attr("href")
        .unwrap()
        .ends_with("2025-01-10-styrelsen/"));
    let february = page(out.path(), "meetings/2025-02-14-styrelsen/index.html");
    let xrefs: Vec<&str> = select(&february, "a.xref")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(
        xrefs[0].ends_with("meetings/2025-01-10-styrelsen/#item-4"),
        "{xrefs:?}"
    );
    let sitemap = std::fs::read_to_string(out.path().join("public/sitemap.xml")).unwrap();
    assert!(!sitemap.contains("styrelsemote"));
}

#[test]
fn a_planned_meeting_is_upcoming_and_in_the_calendar_with_open_actions_due_dates() {
    let planned = "---\nbody: Styrelsen\ndate: 2025-04-11\ntime: \"09:00-12:00\"\nlocation: Stadshuset\nstatus: planned\n---\n## 1. Uppföljning\n\n## 2. Budget\n";
    let site = fixture(&[
        (
            "site.toml",
            "title = \"Styrelsen\"\nbase_url = \"https://arkiv.example.se/\"\n",
        ),
        ("content/people.yaml", PEOPLE),
        ("content/2025/2025-01-10-styrelsen.md", JANUARY),
        ("content/2025/2025-02-14-styrelsen.md", FEBRUARY),
        ("content/2025/2025-03-14-styrelsen.md", MARCH),
        ("content/2025/2025-04-11-styrelsen.md", planned),
    ]);
    let (out, _) = build_into(site.path(), None);
    let upcoming = texts(
        &page(out.path(), "meetings/upcoming/index.html"),
        ".meeting-list .meeting-title",
    );
    assert_eq!(upcoming, vec!["Styrelsen 11 april 2025"]);

    let text = std::fs::read_to_string(out.path().join("public/meetings/calendar.ics")).unwrap();
    let unfolded = icalendar::parser::unfold(&text);
    let calendar = icalendar::parser::read_calendar(&unfolded).unwrap();
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .collect();
    let property = |c: &icalendar::parser::Component<'_>, name: &str| -> String {
        c.properties
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.val.to_string())
            .unwrap_or_default()
    };
    let meeting = events
        .iter()
        .find(|e| property(e, "UID") == "meeting-2025-04-11-styrelsen@arkiv.example.se")
        .expect("the planned meeting");
    assert_eq!(property(meeting, "SUMMARY"), "Styrelsen 11 april 2025");
    assert_eq!(property(meeting, "LOCATION"), "Stadshuset");
    // 09:00 in Stockholm in April is 07:00 UTC.
    assert_eq!(property(meeting, "DTSTART"), "20250411T070000Z");
    // The open actions with a due date: Lisa Berg's and Sam Okoye's, not Karin's (done).
    let dues: Vec<String> = events
        .iter()
        .filter(|e| property(e, "UID").starts_with("action-"))
        .map(|e| property(e, "DTSTART"))
        .collect();
    assert_eq!(dues, vec!["20250201", "20251231"]);
    // Planned meetings are not the day overdue is judged on: Lisa's action stays open.
    let overdue = action_cards(&page(out.path(), "actions/overdue/index.html"));
    assert_eq!(overdue.len(), 1);
    // Two builds give the same calendar.
    let (again, _) = build_into(site.path(), None);
    assert_eq!(
        std::fs::read(again.path().join("public/meetings/calendar.ics")).unwrap(),
        text.into_bytes()
    );
}

#[test]
fn a_body_page_lists_its_open_actions() {
    let site = site();
    let (out, _) = build_into(site.path(), None);
    let html = page(out.path(), "bodies/styrelsen/index.html");
    let cards = action_cards(&html);
    assert_eq!(cards.len(), 2, "{cards:?}");
    assert!(cards.iter().all(|(_, s)| s == "open" || s == "overdue"));
}

#[test]
fn a_status_page_lists_the_newest_actions_and_counts_the_rest() {
    let recent = quorum::internals::ACTIONS_RECENT;
    let actions: String = (1..=recent + 3)
        .map(|n| format!("Åtgärd: Uppgift nummer {n} ska göras.\n\n"))
        .collect();
    let meeting = format!("---\nbody: Styrelsen\ndate: 2025-01-10\n---\n## 1. Allt\n\n{actions}");
    let site = fixture(&[("content/2025/2025-01-10-styrelsen.md", &meeting)]);
    let (out, _) = build_into(site.path(), None);
    let html = page(out.path(), "actions/open/index.html");
    let cards = action_cards(&html);
    assert_eq!(cards.len(), recent);
    // Newest meeting first; within a meeting, in the order written.
    assert!(cards[0].0.contains("nummer 1 "), "{:?}", cards[0]);
    assert!(cards[recent - 1].0.contains(&format!("nummer {recent} ")));
    let lead = text(&select(&html, "p.lead")[0]);
    assert!(lead.contains(&(recent + 3).to_string()), "{lead}");
    let note = select(&html, "p.more-note a");
    assert_eq!(note.len(), 1);
    assert!(text(&note[0]).starts_with("3 "), "{}", text(&note[0]));
    assert_eq!(note[0].value().attr("href"), Some("../../actions/"));
    // The body's page shows the newest it owes, counts them all and links the rest.
    let shown = quorum::internals::OWED_SHOWN;
    let body = page(out.path(), "bodies/styrelsen/index.html");
    let cards = action_cards(&body);
    assert_eq!(cards.len(), shown);
    assert!(cards[0].0.contains("nummer 1 "), "{:?}", cards[0]);
    let heading = text(&select(&body, "#body-open-actions")[0]);
    assert!(heading.contains(&(recent + 3).to_string()), "{heading}");
    let more = select(&body, "#body-open-actions ~ p.more-note");
    assert_eq!(more.len(), 1);
    assert!(
        text(&more[0]).contains(&shown.to_string()),
        "{}",
        text(&more[0])
    );
    let link = select(&body, "#body-open-actions ~ p.more-note a");
    assert_eq!(link[0].value().attr("href"), Some("../../actions/open/"));
}

#[test]
fn the_decisions_feed_links_a_decision_to_the_one_it_replaces() {
    let site = site();
    let (out, _) = build_into(site.path(), None);
    let text = std::fs::read_to_string(out.path().join("public/decisions/atom.xml")).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let related: Vec<(&str, &str)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("link") && n.attribute("rel") == Some("related"))
        .map(|n| (n.attribute("title").unwrap(), n.attribute("href").unwrap()))
        .collect();
    assert!(
        related.contains(&(
            "replaces 2025-01-10-styrelsen/3-1",
            "/meetings/2025-01-10-styrelsen/#decision-3-1"
        )) || related.iter().any(|(t, h)| t.starts_with("replaces")
            && h.ends_with("meetings/2025-01-10-styrelsen/#decision-3-1")),
        "{related:?}"
    );
}

#[test]
fn searching_a_case_number_finds_every_item_of_the_case() {
    let site = site();
    let loaded = quorum::internals::Site::load(&BuildOptions::new(site.path())).unwrap();
    let index = quorum::internals::SearchIndex::build(&loaded.archive);
    let hits = index.search("KS 2025/1", &quorum::internals::Filters::default());
    let mut paths: Vec<&str> = hits
        .hits
        .iter()
        .map(|h| index.docs[h.doc as usize].path.as_str())
        .filter(|p| p.contains("#item-"))
        .collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "/meetings/2025-01-10-styrelsen/#item-3",
            "/meetings/2025-02-14-styrelsen/#item-2",
            "/meetings/2025-03-14-styrelsen/#item-2"
        ]
    );
}

#[test]
fn an_actions_meeting_page_shows_its_status_owner_and_history() {
    let site = site();
    let (out, _) = build_into(site.path(), None);
    let january = page(out.path(), "meetings/2025-01-10-styrelsen/index.html");
    let statuses = texts(&january, ".summary-list .status");
    assert!(statuses.contains(&"Klar".to_string()), "{statuses:?}");
    assert!(statuses.contains(&"Försenad".to_string()), "{statuses:?}");
    let history = texts(&january, ".summary-list .history li");
    assert_eq!(history.len(), 2, "{history:?}");
    assert!(
        history[0].contains("Pågår") && history[1].contains("Klar"),
        "{history:?}"
    );
}

/// The rows of the search index's document files, as the script reads them.
fn search_rows(index: &quorum::internals::SearchIndex) -> Vec<serde_json::Value> {
    let mut rows = Vec::new();
    for (path, text) in index.files() {
        if !path.starts_with("/search/d-") {
            continue;
        }
        let data = text
            .strip_prefix("quorumSearchIndex(\"d\",")
            .and_then(|t| t.strip_suffix(");\n"))
            .and_then(|t| t.split_once(',').map(|(_, data)| data))
            .unwrap();
        rows.extend(serde_json::from_str::<Vec<serde_json::Value>>(data).unwrap());
    }
    rows
}

#[test]
fn search_finds_an_action_by_its_owner_and_its_state_and_shows_owner_due_date_and_state() {
    let site = site();
    let loaded = quorum::internals::Site::load(&BuildOptions::new(site.path())).unwrap();
    let index = quorum::internals::SearchIndex::build(&loaded.archive);
    let found = |query: &str| -> Vec<String> {
        let outcome = index.search(query, &quorum::internals::Filters::default());
        outcome
            .hits
            .iter()
            .map(|h| index.docs[h.doc as usize].path.clone())
            .filter(|p| p.contains("#action-"))
            .collect()
    };
    let sam = "/meetings/2025-01-10-styrelsen/#action-5-1";
    assert_eq!(found("Sam Okoye"), [sam]);
    assert_eq!(found("revised policy"), [sam]);
    // The state in either language, with or without a name.
    assert_eq!(found("försenad"), [sam]);
    assert_eq!(found("overdue Okoye"), [sam]);
    assert_eq!(
        found("klar"),
        ["/meetings/2025-01-10-styrelsen/#action-4-1"]
    );
    let mut open = found("open");
    open.sort();
    assert_eq!(
        open,
        [
            "/meetings/2025-01-10-styrelsen/#action-5-1",
            "/meetings/2025-01-10-styrelsen/#action-6-1"
        ]
    );

    // The result row: kind 3, and [owners, due, status] after the snippet.
    let rows = search_rows(&index);
    let row = rows.iter().find(|r| r[1] == sam).unwrap();
    assert_eq!(row[0], 3);
    assert_eq!(
        row[8],
        serde_json::json!([["Sam Okoye"], "2025-02-01", "overdue"])
    );
    let karin = rows
        .iter()
        .find(|r| r[1] == "/meetings/2025-01-10-styrelsen/#action-4-1")
        .unwrap();
    assert_eq!(
        karin[8],
        serde_json::json!([["Karin Engström"], "2025-02-01", "done"])
    );
    // A replaced decision's row links the decision that replaces it, and "ersatt" finds it.
    let replaced = "/meetings/2025-01-10-styrelsen/#decision-3-1";
    let row = rows.iter().find(|r| r[1] == replaced).unwrap();
    assert_eq!(
        row[8],
        serde_json::json!([[
            "replaces",
            "/meetings/2025-02-14-styrelsen/#decision-2-1",
            "2025-02-14"
        ]])
    );
    let hits = index.search("ersatt", &quorum::internals::Filters::default());
    let paths: Vec<&str> = hits
        .hits
        .iter()
        .map(|h| index.docs[h.doc as usize].path.as_str())
        .collect();
    // (The decision that replaces it, "ersätter", begins with the same letters: second.)
    assert_eq!(paths.first(), Some(&replaced), "{paths:?}");
    // Other documents keep their eight fields.
    assert!(rows
        .iter()
        .filter(|r| r[0] != 3 && r[1] != replaced)
        .all(|r| r.as_array().unwrap().len() == 8));
}

#[test]
fn the_meetings_feed_shows_each_meetings_actions_with_owner_due_date_and_state_and_its_replaced_decisions(
) {
    let site = site();
    let (out, _) = build_into(site.path(), None);
    let text = std::fs::read_to_string(out.path().join("public/atom.xml")).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let entry = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .find(|e| {
            e.children().any(|c| {
                c.has_tag_name("id") && c.text().unwrap_or("").ends_with("2025-01-10-styrelsen")
            })
        })
        .unwrap();
    let child = |name: &str| entry.children().find(|c| c.has_tag_name(name)).unwrap();
    let summary: Vec<&str> = child("summary").text().unwrap().lines().collect();
    assert_eq!(
        summary,
        [
            "§3 Reglementet antas. (ersatt av 2025-02-14-styrelsen/2-1)",
            "§4 Åtgärd: Karin Engström ska sammanställa kontaktuppgifterna senast 2025-02-01. (ansvarig: Karin Engström; senast 2025-02-01; klar)",
            "§5 Åtgärd: Sam Okoye to circulate the revised policy by 1 February 2025. (ansvarig: Sam Okoye; senast 2025-02-01; försenad)",
            "§6 Åtgärd: Lisa Berg ska ta fram en plan senast den 31 december 2025. (ansvarig: Lisa Berg; senast 2025-12-31; öppen)",
        ]
    );
    let related: Vec<(&str, &str)> = entry
        .children()
        .filter(|n| n.has_tag_name("link") && n.attribute("rel") == Some("related"))
        .map(|n| (n.attribute("title").unwrap(), n.attribute("href").unwrap()))
        .collect();
    assert_eq!(related.len(), 1, "{related:?}");
    assert_eq!(related[0].0, "replaced by 2025-02-14-styrelsen/2-1");
    assert!(related[0]
        .1
        .ends_with("/meetings/2025-02-14-styrelsen/#decision-2-1"));
    // Two builds give the same feed.
    let (again, _) = build_into(site.path(), None);
    assert_eq!(
        std::fs::read(again.path().join("public/atom.xml")).unwrap(),
        text.as_bytes()
    );
}

#[test]
fn a_case_key_in_the_front_matter_and_on_items_makes_a_topic_case_over_three_meetings() {
    // March gives the whole meeting the case; January and February one item each, in two
    // spellings of one key. The case has no number: a topic.
    let april_first = "---\nbody: Styrelsen\ndate: 2025-04-01\ncase: Ny simhall\n---\n\
## 1. Simhallens placering\n\nTre platser jämförs.\n\n\
## 2. Upphandling, Dnr KS 2025/9\n\nEget diarienummer: inte i simhallens ärende.\n";
    let site = fixture(&[
        (
            "content/2025/2025-01-10-styrelsen.md",
            "---\nbody: Styrelsen\ndate: 2025-01-10\n---\n## 1. Övrigt\n\nInget.\n\n\
## 2. Simhall\n\ncase: Ny simhall\n\nEn förstudie beställs.\n",
        ),
        (
            "content/2025/2025-02-14-styrelsen.md",
            "---\nbody: Styrelsen\ndate: 2025-02-14\n---\n## 1. Förstudien\n\n**case:** ny simhall\n\n\
Förstudien redovisas.\n\n## 2. Övrigt\n\nCase: inget att ta upp.\n",
        ),
        ("content/2025/2025-04-01-styrelsen.md", april_first),
    ]);
    let (out, _) = build_into(site.path(), None);
    let html = page(out.path(), "cases/ny-simhall/index.html");
    let links: Vec<String> = select(&html, ".case-entry .card-title a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .filter(|h| h.contains("#item-"))
        .map(|h| h.split("meetings/").nth(1).unwrap_or(&h).to_string())
        .collect();
    assert_eq!(
        links,
        [
            "2025-01-10-styrelsen/#item-2",
            "2025-02-14-styrelsen/#item-1",
            "2025-04-01-styrelsen/#item-1"
        ]
    );
    // One case for both spellings, named as first written; the item with its own number
    // is in that case instead.
    let index = texts(&page(out.path(), "cases/index.html"), ".case-list a");
    assert_eq!(index, vec!["KS 2025/9", "Ny simhall"]);
}

#[test]
fn the_example_archives_decision_that_gives_karin_engstrom_a_task_is_her_open_action() {
    let (out, _) = build_into(&example_root(), None);
    let id = "2022-01-28-socialchefsnatverk-fyrbodal/4-1";
    let open = action_cards(&page(out.path(), "actions/open/index.html"));
    assert_eq!(open.len(), 1, "{open:?}");
    assert!(
        open[0].0.starts_with("Karin Engström ska samla in"),
        "{open:?}"
    );
    assert_eq!(open[0].1, "open");
    let karin = action_cards(&page(out.path(), "people/karin-engstrom/index.html"));
    assert_eq!(karin, open);
    // The task is the decision: its id and anchor, the decision's; shown once on the page.
    let meeting = page(
        out.path(),
        "meetings/2022-01-28-socialchefsnatverk-fyrbodal/index.html",
    );
    assert_eq!(select(&meeting, "[id=\"decision-4-1\"]").len(), 1);
    let summary_links: Vec<String> = select(&meeting, ".summary-list a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .filter(|h| h == "#decision-4-1")
        .collect();
    assert_eq!(summary_links.len(), 2, "the decision and the action");
    let part: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.path().join("public/archive/2022.json")).unwrap(),
    )
    .unwrap();
    let action = part["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id)
        .unwrap();
    assert_eq!(action["anchor"], "decision-4-1");
    assert_eq!(action["follow"]["status"], "open");
    assert_eq!(
        action["follow"]["owners"],
        serde_json::json!([{"kind": "person", "key": "karin-engstrom"}])
    );
}

#[test]
fn a_later_meeting_closes_a_task_given_by_a_decision_by_the_decisions_id() {
    let site = fixture(&[
        ("content/people.yaml", PEOPLE),
        (
            "content/2025/2025-01-10-styrelsen.md",
            "---\nbody: Styrelsen\ndate: 2025-01-10\n---\n## 4. Kontaktuppgifter\n\n\
Beslut: Karin Engström ska sammanställa kontaktuppgifterna senast 2025-02-01.\n\n\
## 5. Policy\n\nBeslut: Lisa Berg ska skriva policyn.\n\nÅtgärd: Sam Okoye ska läsa den.\n",
        ),
        (
            "content/2025/2025-02-14-styrelsen.md",
            "---\nbody: Styrelsen\ndate: 2025-02-14\n---\n## 1. Uppföljning\n\n\
Uppföljning: 2025-01-10-styrelsen/4-1 klar\n",
        ),
    ]);
    let (out, _) = build_into(site.path(), None);
    let all = action_cards(&page(out.path(), "actions/index.html"));
    // Item 5 writes its action out: its decision gives no second one.
    assert_eq!(all.len(), 2, "{all:?}");
    assert!(all
        .iter()
        .any(|(t, s)| t.starts_with("Karin Engström") && s == "done"));
    assert!(all
        .iter()
        .any(|(t, s)| t.starts_with("Sam Okoye") && s == "open"));
}

#[test]
fn in_the_decisions_feed_a_replaced_decision_says_it_is_replaced_by_the_later_one() {
    let site = site();
    let (out, _) = build_into(site.path(), None);
    let text = std::fs::read_to_string(out.path().join("public/decisions/atom.xml")).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let entry = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .find(|e| {
            e.children().any(|c| {
                c.has_tag_name("id") && c.text().unwrap_or("").ends_with("2025-01-10-styrelsen/3-1")
            })
        })
        .unwrap();
    let titles: Vec<&str> = entry
        .children()
        .filter(|n| n.has_tag_name("link") && n.attribute("rel") == Some("related"))
        .filter_map(|n| n.attribute("title"))
        .collect();
    assert_eq!(titles, ["replaced by 2025-02-14-styrelsen/2-1"]);
}
