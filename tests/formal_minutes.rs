//! Formal minutes (docs/formal-minutes.md): the example protokoll site in
//! `sites/protokoll/` is built and its pages, archive.json and decisions feed are parsed;
//! each of `check`'s warnings on a protokoll has a fixture in tests/fixtures/bad/.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use quorum::internals::ArchivePart;
use quorum::{check_site, BuildOptions, Diagnostic, Severity};

fn protokoll_root() -> PathBuf {
    example_root().join("sites/protokoll")
}

const FEBRUARY: &str = "meetings/2025-02-25-kulturnamnden/index.html";
const JANUARY: &str = "meetings/2025-01-28-kulturnamnden/index.html";
const NOVEMBER: &str = "meetings/2025-11-25-kulturnamnden/index.html";

fn part(out: &Path) -> ArchivePart {
    let text = std::fs::read_to_string(out.join("public/archive/2025.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn the_example_protokoll_site_builds_with_no_warnings() {
    let diagnostics = check_site(&BuildOptions::new(protokoll_root())).unwrap();
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let (_out, report) = build_into(&protokoll_root(), None);
    assert_eq!(report.meetings, 10);
}

#[test]
fn the_substitute_serves_for_the_named_member() {
    let (out, _) = build_into(&protokoll_root(), None);
    let html = page(out.path(), FEBRUARY);
    let serving = select(&html, ".formal-members li.serving-substitute");
    assert_eq!(serving.len(), 1);
    let line = text(&serving[0]);
    assert!(line.starts_with("Lars Berg (M)"), "{line}");
    assert!(
        line.contains("tjänstgörande ersättare för Eva Lund"),
        "{line}"
    );
    assert_eq!(texts(&html, ".formal-absent li"), ["Eva Lund (M)"]);
    assert_eq!(texts(&html, ".formal-substitutes li"), ["Britt Ahl (S)"]);
    let meeting = &part(out.path()).meetings[1];
    let formal = meeting.formal.as_ref().unwrap();
    let lars = formal
        .members
        .iter()
        .find(|m| m.person == "lars-berg")
        .unwrap();
    assert_eq!(lars.serving_for.as_deref(), Some("eva-lund"));
    assert_eq!(lars.party.as_deref(), Some("M"));
}

#[test]
fn three_att_satser_give_three_decisions_that_read_on_their_own() {
    let (out, _) = build_into(&protokoll_root(), None);
    let part = part(out.path());
    let item = &part.meetings[0].items[1];
    assert_eq!(item.case_number.as_deref(), Some("KN 2024/57"));
    assert_eq!(item.title, "Verksamhetsplan 2025");
    let texts: Vec<&str> = item.decisions.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Kulturnämnden beslutar att godkänna verksamhetsplanen för 2025",
            "Kulturnämnden beslutar att uppdra åt kulturchefen att följa upp planen i augusti",
            "Kulturnämnden beslutar att lägga informationen om budgetläget till handlingarna.",
        ]
    );
    let html = page(out.path(), JANUARY);
    assert_eq!(
        select(&html, "#item-2 li.decision[id^=decision-2-]").len(),
        3
    );
}

#[test]
fn a_proposal_to_another_body_is_a_decision_of_its_own_kind() {
    let (out, _) = build_into(&protokoll_root(), None);
    let part = part(out.path());
    let item = &part.meetings[1].items[2];
    assert_eq!(item.decisions.len(), 2);
    for d in &item.decisions {
        assert_eq!(d.kind.as_deref(), Some("proposal"));
        assert!(d
            .text
            .starts_with("Kulturnämnden föreslår kommunfullmäktige besluta att "));
    }
    let html = page(out.path(), FEBRUARY);
    assert_eq!(select(&html, "li.decision.proposal").len(), 2);
}

#[test]
fn the_vote_reservation_and_jav_are_shown_and_exported() {
    let (out, _) = build_into(&protokoll_root(), None);
    let html = page(out.path(), JANUARY);
    assert_eq!(texts(&html, "#item-3 .record-vote .vote-yes"), ["4"]);
    assert_eq!(texts(&html, "#item-3 .record-vote .vote-no"), ["3"]);
    assert_eq!(
        texts(&html, "#item-3 .record-reservation dd"),
        ["Per Ek (M), Eva Lund (M)"]
    );
    let february = page(out.path(), FEBRUARY);
    assert_eq!(
        texts(&february, "#item-6 .record-interest .not-taking-part"),
        ["Karin Ek (C)"]
    );
    let part = part(out.path());
    let records = part.meetings[0].items[2].records.as_ref().unwrap();
    assert_eq!(
        (records.votes[0].yes, records.votes[0].no),
        (Some(4), Some(3))
    );
    let reservation = records
        .records
        .iter()
        .find(|r| r.kind == "reservation")
        .unwrap();
    assert_eq!(reservation.people, ["Per Ek (M)", "Eva Lund (M)"]);
    let records = part.meetings[1].items[1].records.as_ref().unwrap();
    assert_eq!(records.records[0].kind, "interest");
    assert_eq!(records.records[0].people, ["Karin Ek (C)"]);
}

#[test]
fn the_appeal_deadline_is_three_weeks_after_the_posting() {
    let (out, _) = build_into(&protokoll_root(), None);
    let html = page(out.path(), FEBRUARY);
    let posted = select(&html, ".formal-posting time");
    assert_eq!(posted[0].value().attr("datetime"), Some("2025-03-05"));
    let appeal = select(&html, "time.appeal-until");
    assert_eq!(appeal[0].value().attr("datetime"), Some("2025-03-26"));
    assert_eq!(text(&appeal[0]), "26 mars 2025");
    let formal = part(out.path()).meetings[1].formal.clone().unwrap();
    let posting = formal.posting.unwrap();
    assert_eq!((posting.appeal_until - posting.date).num_days(), 21);
}

#[test]
fn the_unapproved_draft_is_marked_on_its_page_the_timeline_and_the_feed() {
    let (out, _) = build_into(&protokoll_root(), None);
    let html = page(out.path(), NOVEMBER);
    assert_eq!(texts(&html, ".draft-banner strong"), ["Ej justerat"]);
    assert!(select(&page(out.path(), FEBRUARY), ".draft-banner").is_empty());
    let timeline = page(out.path(), "decisions/index.html");
    let unapproved = select(&timeline, ".decision-card .badge.unapproved");
    assert_eq!(unapproved.len(), 3, "the three decisions of November");
    let body = page(out.path(), "bodies/kulturnamnden/index.html");
    assert_eq!(
        texts(&body, ".meeting-entry .badge.unapproved"),
        ["Ej justerat"]
    );
    let feed = std::fs::read_to_string(out.path().join("public/decisions/atom.xml")).unwrap();
    let feed = roxmltree::Document::parse(&feed).unwrap();
    let drafts = feed
        .descendants()
        .filter(|n| n.has_tag_name("category") && n.attribute("term") == Some("unapproved"))
        .count();
    assert_eq!(drafts, 3);
    let part = part(out.path());
    assert!(!part.meetings[9].formal.as_ref().unwrap().approved);
    assert!(part.meetings[9].items[1]
        .decisions
        .iter()
        .all(|d| d.unapproved));
    assert!(part.meetings[8].items[1]
        .decisions
        .iter()
        .all(|d| !d.unapproved));
}

#[test]
fn case_numbers_span_meetings() {
    let (out, _) = build_into(&protokoll_root(), None);
    let part = part(out.path());
    let meetings: Vec<&str> = part
        .meetings
        .iter()
        .filter(|m| {
            m.items
                .iter()
                .any(|i| i.case_number.as_deref() == Some("KN 2024/57"))
        })
        .map(|m| m.slug.as_str())
        .collect();
    assert_eq!(
        meetings,
        [
            "2025-01-28-kulturnamnden",
            "2025-04-22-kulturnamnden",
            "2025-08-26-kulturnamnden"
        ]
    );
}

fn only_warning(case: &str) -> Diagnostic {
    let root = example_root().join("tests/fixtures/bad").join(case);
    let diagnostics = check_site(&BuildOptions::new(root)).unwrap();
    assert_eq!(diagnostics.len(), 1, "{case}: {diagnostics:#?}");
    let d = diagnostics.into_iter().next().unwrap();
    assert_eq!(d.severity, Severity::Warning, "{case}");
    d
}

fn assert_warning(case: &str, file: &str, line: usize, column: usize, message: &str) {
    let d = only_warning(case);
    assert_eq!(d.file, Path::new(file), "{case}");
    assert_eq!((d.line, d.column), (line, column), "{case}: {d}");
    assert!(
        d.message.contains(message),
        "{case}: {:?} lacks {message:?}",
        d.message
    );
    assert!(d.hint.is_some(), "{case}: a hint");
}

const A: &str = "content/2025-03-04-kn.md";

#[test]
fn approval_later_than_fourteen_days_is_a_warning() {
    assert_warning(
        "approval-late",
        A,
        12,
        9,
        "approved 21 days after the meeting",
    );
}

#[test]
fn posting_later_than_two_days_after_approval_is_a_warning() {
    assert_warning("posting-late", A, 14, 9, "10 days after the justering");
}

#[test]
fn an_approved_protokoll_without_justerare_is_a_warning() {
    assert_warning("approved-without-justerare", A, 10, 1, "names no justerare");
}

#[test]
fn a_paragraph_range_that_does_not_match_the_items_is_a_warning() {
    assert_warning(
        "paragraph-range-mismatch",
        A,
        5,
        1,
        "says § 1–3, but the items are § 1–2",
    );
}

#[test]
fn a_vote_counting_more_than_the_members_present_is_a_warning() {
    assert_warning(
        "vote-exceeds-members",
        A,
        23,
        1,
        "counts 7 votes, but 3 members decided",
    );
}

#[test]
fn a_gap_in_paragraph_numbers_between_meetings_is_a_warning() {
    assert_warning(
        "paragraph-numbering-gap",
        "content/2025-04-01-kn.md",
        17,
        1,
        "leaves out § 3–4",
    );
}

const BOARD_MINUTES: &str = r#"---
title: Board meeting 12 March 2025
body: The Board
date: 2025-03-12
language: en
kind: board minutes
members:
  - Alice Grey (Lab), chair
  - Ben Hart (Con)
  - Cara Wood (Lab), substituting for Dan Moss (Lab)
apologies:
  - Dan Moss (Lab)
approval:
  by: [Ben Hart (Con)]
  date: 2025-04-09
---

## 1. Budget

Declarations of interest: Ben Hart (Con) declared an interest and took no part.

RESOLVED that

1. the budget for 2025 be adopted;
2. the treasurer report in June.

The motion was carried 2 votes to 1.

## 2. Premises

It was resolved to renew the lease for three years.
"#;

#[test]
fn english_board_minutes_read_resolutions_votes_and_interests() {
    let site = fixture(&[("content/2025-03-12-board.md", BOARD_MINUTES)]);
    let (out, _) = build_into(site.path(), None);
    let part = part(out.path());
    let meeting = &part.meetings[0];
    let decisions: Vec<&str> = meeting
        .items
        .iter()
        .flat_map(|i| &i.decisions)
        .map(|d| d.text.as_str())
        .collect();
    assert_eq!(
        decisions,
        [
            "RESOLVED that the budget for 2025 be adopted",
            "RESOLVED that the treasurer report in June.",
            "It was resolved to renew the lease for three years.",
        ]
    );
    let records = meeting.items[0].records.as_ref().unwrap();
    assert_eq!(
        (records.votes[0].yes, records.votes[0].no),
        (Some(2), Some(1))
    );
    assert_eq!(records.records[0].kind, "interest");
    let html = page(out.path(), "meetings/2025-03-12-board/index.html");
    assert_eq!(texts(&html, ".formal-members dt"), ["Members present"]);
    assert_eq!(texts(&html, ".formal-absent dt"), ["Apologies"]);
    assert_eq!(texts(&html, ".formal-approval dd"), ["9 April 2025"]);
    assert_eq!(
        texts(&html, "#item-1 .record-interest dd"),
        ["Ben Hart (Con) took no part"]
    );
    assert!(select(&html, ".draft-banner").is_empty());
}

#[test]
fn the_importer_reads_a_protokolls_header_into_the_formal_keys() {
    use quorum::import::{import, ImportOptions};
    let site = tempfile::tempdir().unwrap();
    quorum::init_site_from(site.path(), quorum::SiteTemplate::Protokoll).unwrap();
    let report = import(&ImportOptions {
        inputs: vec![example_root().join("tests/fixtures/import/formal/protokoll-2025-12-16.txt")],
        root: site.path().to_path_buf(),
        ..ImportOptions::default()
    })
    .unwrap();
    assert!(!report.any_failed());
    let diagnostics = check_site(&BuildOptions::new(site.path().to_path_buf())).unwrap();
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let (out, _) = build_into(site.path(), None);
    let meeting = part(out.path())
        .meetings
        .into_iter()
        .find(|m| m.slug == "2025-12-16-kulturnamnden")
        .unwrap();
    let formal = meeting.formal.unwrap();
    let lars = formal
        .members
        .iter()
        .find(|m| m.person == "lars-berg")
        .unwrap();
    assert_eq!(lars.serving_for.as_deref(), Some("eva-lund"));
    let approval = formal.approval.unwrap();
    assert_eq!(
        approval.date.map(|d| d.to_string()).as_deref(),
        Some("2025-12-22")
    );
    assert_eq!(approval.by[0].person, "per-ek");
    assert_eq!(formal.paragraphs, Some((28, 29)));
    assert_eq!(meeting.items[1].case_number.as_deref(), Some("KN 2025/60"));
}

const BESLUT_ALONE: &str = "---
body: Nämnden
date: 2025-05-06
kind: protokoll
---

## § 1 Budget

Beslut

Nämnden beslutar att

- godkänna budgeten,
- redovisa den i juni.

## § 2 Lokaler

Beslut: Nämnden beslutar att

1. hyra nya lokaler.
";

#[test]
fn beslut_on_its_own_line_before_att_satser_is_read_without_a_warning() {
    let site = fixture(&[("content/2025-05-06-namnden.md", BESLUT_ALONE)]);
    let diagnostics = check_site(&BuildOptions::new(site.path().to_path_buf())).unwrap();
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let (out, _) = build_into(site.path(), None);
    let decisions: Vec<String> = part(out.path())
        .decisions
        .into_iter()
        .map(|d| d.text)
        .collect();
    assert_eq!(
        decisions,
        [
            "Nämnden beslutar att godkänna budgeten",
            "Nämnden beslutar att redovisa den i juni.",
            "Nämnden beslutar att hyra nya lokaler.",
        ]
    );
}

#[test]
fn a_case_number_finds_the_items_of_its_case_in_search() {
    let site = quorum::internals::Site::load(&BuildOptions::new(protokoll_root())).unwrap();
    let index = quorum::internals::SearchIndex::build(&site.archive);
    let hits = index.search("KN 2024/57", &quorum::internals::Filters::default());
    let paths: Vec<&str> = hits
        .hits
        .iter()
        .map(|h| index.docs[h.doc as usize].path.as_str())
        .filter(|p| p.contains("#item-"))
        .collect();
    for expected in [
        "/meetings/2025-01-28-kulturnamnden/#item-2",
        "/meetings/2025-04-22-kulturnamnden/#item-12",
        "/meetings/2025-08-26-kulturnamnden/#item-20",
    ] {
        assert!(paths.contains(&expected), "{expected} not in {paths:?}");
    }
}
