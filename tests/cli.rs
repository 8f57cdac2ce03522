//! Runs the `quorum` binary: summary line, exit codes, init → build, new, check.

mod common;

use std::process::Command;

use common::*;

fn quorum(args: &[&str], dir: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_quorum"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn init_then_new_then_build_prints_one_summary_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = quorum(&["init", "site"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let site = dir.path().join("site");
    assert!(site.join("themes/default/templates/meeting.html").exists());
    // The closing message names a command that runs: `quorum` only when it is on the PATH.
    let message = String::from_utf8_lossy(&out.stdout);
    assert!(message.contains(" serve"), "{message}");
    assert!(!message.contains("&& quorum build"), "{message}");
    let out = quorum(
        &[
            "new",
            "Styrelsemöte",
            "--body",
            "Styrelsen",
            "--date",
            "2024-10-01",
        ],
        &site,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = quorum(&["build"], &site);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    // The new meeting is a draft: left out until `draft: false`, or built with --drafts.
    assert!(
        stdout.starts_with("built 1 meetings, 3 decisions, 1 actions"),
        "{stdout}"
    );
    assert!(!site
        .join("public/meetings/2024-10-01-styrelsen/index.html")
        .exists());
    let out = quorum(&["build", "--drafts"], &site);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with("built 2 meetings"), "{stdout}");
    assert!(site
        .join("public/meetings/2024-10-01-styrelsen/index.html")
        .exists());
}

#[test]
fn content_errors_exit_1_with_file_line_column() {
    let site = fixture(&[("content/a.md", "---\ndate: 2020-01-01\ntitel: X\n---\n")]);
    let out = quorum(&["build"], site.path());
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("content/a.md:3:1: error: front matter: unknown field `titel`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `title`?"), "{stderr}");
    assert!(!site.path().join("public").exists());
}

#[test]
fn usage_errors_exit_2() {
    let site = fixture(&[("site.toml", "")]);
    let out = quorum(&["build"], site.path());
    assert_eq!(out.status.code(), Some(2), "no content folder");
    let out = quorum(&["build", "--links", "sideways"], site.path());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn check_reports_everything_and_writes_nothing() {
    let site = fixture(&[
        ("content/a.md", "---\ndate: 2021-02-30\n---\n"),
        (
            "content/b.md",
            "---\ndate: 2020-01-01\norganiser: Folkhälsomyndighet\n---\n",
        ),
        (
            "content/organisations.yaml",
            "fohm:\n  name: Folkhälsomyndigheten\n",
        ),
    ]);
    let out = quorum(&["check", "--format", "json"], site.path());
    assert_eq!(out.status.code(), Some(1));
    let records: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(records.len(), 2, "{records:?}");
    assert!(records
        .iter()
        .any(|r| r["severity"] == "error" && r["line"] == 2));
    assert!(records
        .iter()
        .any(|r| r["severity"] == "warning" && r["hint"].as_str().unwrap().contains("fohm")));
    assert!(!site.path().join("public").exists());
}

#[test]
fn build_with_timings_prints_each_step_before_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    assert!(quorum(&["init", "site"], dir.path()).status.success());
    let out = quorum(&["build", "--timings"], &dir.path().join("site"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    let (summary, steps) = lines.split_last().unwrap();
    assert!(summary.starts_with("built "), "{stdout}");
    for step in [
        "read and parse meetings",
        "compute the site graph",
        "render and write pages",
        "build and write the search index",
        "build and write feeds, sitemap and archive.json",
        "swap in the new site, remove the old",
    ] {
        let line = steps
            .iter()
            .find(|l| l.ends_with(step))
            .unwrap_or_else(|| panic!("no `{step}` line in {stdout}"));
        let seconds = line.split_whitespace().next().unwrap();
        assert!(seconds.parse::<f64>().is_ok(), "no time in `{line}`");
        assert!(line.contains(" s  "), "{line}");
    }
}

#[test]
fn new_outside_a_site_is_refused_like_build() {
    let dir = tempfile::tempdir().unwrap();
    let args = ["new", "Möte", "--body", "Styrelsen", "--date", "2024-10-01"];
    let out = quorum(&args, dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no content folder"));
    assert!(!dir.path().join("content").exists());
}

#[test]
fn audience_public_fails_with_exit_1_on_personal_data_and_check_reports_it_as_an_error() {
    let site = fixture(&[(
        "content/2024/a.md",
        "---\ndate: 2024-01-10\nbody: Nämnden\n---\n## Ärende\n\nRing 070-123 45 67.\n",
    )]);
    let out = quorum(&["build", "--audience", "public"], site.path());
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("content/2024/a.md:7:6: error: a phone number"),
        "{stderr}"
    );
    assert!(!site.path().join("public-web").exists());

    let out = quorum(&["check", "--audience", "public"], site.path());
    assert_eq!(out.status.code(), Some(1));
    let out = quorum(&["check"], site.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "a warning for the internal audience"
    );
    let out = quorum(&["build"], site.path());
    assert!(out.status.success());
    assert!(site.path().join("public/index.html").exists());
}

#[test]
fn build_today_judges_overdue_actions_on_that_day_and_a_bad_date_is_a_usage_error() {
    let site = fixture(&[(
        "content/2025-01-10-styrelsen.md",
        "---\nbody: Styrelsen\ndate: 2025-01-10\n---\n## 1. Plan\n\nÅtgärd: Lisa Berg ska ta fram en plan senast 2025-06-30.\n",
    )]);
    let out = quorum(&["build", "--today", "2025-07-01"], site.path());
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let overdue = page(site.path(), "actions/overdue/index.html");
    assert_eq!(select(&overdue, "article.action-card").len(), 1);
    let out = quorum(&["build", "--today", "1 juli"], site.path());
    assert_eq!(out.status.code(), Some(2));
    let out = quorum(&["check", "--today", "2025-07-01"], site.path());
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}
