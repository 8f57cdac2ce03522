//! One fixture per bad input (tests/fixtures/bad/<case>/): each gets a clear diagnostic
//! naming the file, line and column, or is handled; none panics, and a failed build
//! writes nothing.

mod common;

use std::path::{Path, PathBuf};

use quorum::{build_site, check_site, BuildOptions, Diagnostic, Error, Severity};

fn fixture_root(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bad")
        .join(case)
}

fn check(case: &str) -> Vec<Diagnostic> {
    check_site(&BuildOptions::new(fixture_root(case))).unwrap_or_else(|e| panic!("{case}: {e:?}"))
}

/// The one error of a case: its file (relative to the site), line, column and message.
fn only_error(case: &str) -> Diagnostic {
    let errors: Vec<_> = check(case)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{case}: {errors:#?}");
    errors.into_iter().next().unwrap()
}

fn assert_error(case: &str, file: &str, line: usize, column: usize, message: &str) -> Diagnostic {
    let d = only_error(case);
    assert_eq!(d.file, Path::new(file), "{case}");
    assert_eq!((d.line, d.column), (line, column), "{case}: {d}");
    assert!(
        d.message.contains(message),
        "{case}: {:?} lacks {message:?}",
        d.message
    );
    d
}

/// A build of a broken site fails with content errors and writes nothing.
fn assert_build_fails_cleanly(case: &str) {
    let out = tempfile::tempdir().unwrap();
    let options = BuildOptions {
        output: Some(out.path().join("public")),
        ..BuildOptions::new(fixture_root(case))
    };
    assert!(
        matches!(build_site(&options), Err(Error::Content(_))),
        "{case}"
    );
    assert!(!out.path().join("public").exists(), "{case}");
    assert_eq!(
        std::fs::read_dir(out.path()).unwrap().count(),
        0,
        "{case}: staging left behind"
    );
}

const A: &str = "content/2020-01-01-a.md";

#[test]
fn a_coordination_number_stops_a_site_built_for_the_public() {
    let d = assert_error(
        "personal-data-public",
        "content/2024/2024-01-10-namnden.md",
        7,
        11,
        "coordination number",
    );
    assert!(d.hint.as_deref().unwrap().contains("accept"), "{d}");
    assert_build_fails_cleanly("personal-data-public");
}

#[test]
fn yaml_syntax_error() {
    let d = assert_error("yaml-syntax", A, 3, 12, "mapping values are not allowed");
    assert_eq!(d.source_line.as_deref(), Some("title: Möte: budget"));
    assert!(d.hint.unwrap().contains("must be quoted"));
    assert_build_fails_cleanly("yaml-syntax");
}

#[test]
fn unknown_key_with_did_you_mean() {
    let d = assert_error("unknown-key", A, 3, 1, "unknown field `titel`");
    assert_eq!(d.hint.as_deref(), Some("did you mean `title`?"));
    assert_eq!(d.source_line.as_deref(), Some("titel: Möte"));
}

#[test]
fn wrongly_typed_key() {
    let d = assert_error(
        "wrong-type",
        A,
        3,
        7,
        "invalid type: map, expected a sequence",
    );
    assert!(d.hint.is_some());
}

#[test]
fn invalid_date() {
    let d = assert_error(
        "invalid-date",
        "content/2021-02-30-a.md",
        2,
        7,
        "invalid date `2021-02-30`",
    );
    assert!(d.hint.unwrap().contains("does not exist"));
    assert_build_fails_cleanly("invalid-date");
}

#[test]
fn missing_required_date() {
    assert_error("missing-date", A, 1, 1, "has no `date`");
}

#[test]
fn empty_file() {
    assert_error("empty-file", A, 1, 1, "the file is empty");
}

#[test]
fn missing_closing_fence() {
    let d = assert_error("missing-closing-fence", A, 1, 1, "no closing `---`");
    assert!(d.hint.unwrap().contains("add a line `---`"));
}

#[test]
fn tab_indentation() {
    assert_error("tab-indent", A, 4, 1, "a tab is used for indentation");
}

#[test]
fn non_utf8_text() {
    let d = assert_error("non-utf8", A, 3, 9, "not valid UTF-8");
    assert!(d.hint.unwrap().contains("UTF-8"));
}

#[test]
fn byte_order_mark_is_ignored() {
    assert!(check("bom").is_empty());
    let out = tempfile::tempdir().unwrap();
    let options = BuildOptions {
        output: Some(out.path().join("public")),
        ..BuildOptions::new(fixture_root("bom"))
    };
    assert_eq!(build_site(&options).unwrap().decisions, 1);
}

#[test]
fn crlf_line_endings_keep_line_numbers() {
    let d = assert_error("crlf", A, 3, 1, "unknown field `titel`");
    assert_eq!(d.source_line.as_deref(), Some("titel: X"));
}

#[test]
fn attachment_that_does_not_exist() {
    assert_error(
        "missing-attachment",
        A,
        4,
        13,
        "`rapport.pdf` does not exist",
    );
}

#[test]
fn attachment_outside_the_site() {
    assert_error("attachment-outside", A, 4, 13, "points outside");
}

/// `rapport.pdf` is a link to the repository's Cargo.toml: it must not be published.
#[cfg(unix)]
#[test]
fn attachment_that_is_a_symlink_out_of_content() {
    let d = assert_error(
        "attachment-symlink",
        A,
        4,
        29,
        "the attachment `rapport.pdf`: a symbolic link points outside the site's content folder",
    );
    assert!(d.hint.unwrap().contains("copy the file into content/"));
    assert_build_fails_cleanly("attachment-symlink");
}

/// The attachment folder itself is a link (to the repository's src/).
#[cfg(unix)]
#[test]
fn attachment_folder_that_is_a_symlink_out_of_content() {
    let errors: Vec<_> = check("attachment-folder-symlink")
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    let shown: Vec<_> = errors
        .iter()
        .map(|d| format!("{}:{}:{} {}", d.file.display(), d.line, d.column, d.message))
        .collect();
    assert_eq!(
        shown,
        [
            "content/2020-01-01-a:0:0 a symbolic link points outside the site's content folder",
            "content/2020-01-01-a.md:4:13 the attachment `lib.rs`: a symbolic link points outside the site's content folder",
        ]
    );
    assert_build_fails_cleanly("attachment-folder-symlink");
}

/// Whether this process ignores file permissions (root): then unreadable files cannot be
/// made, and the tests that need them only check what they can.
#[cfg(unix)]
fn permissions_ignored(path: &Path) -> bool {
    std::fs::read_dir(path).is_ok() && std::fs::read(path.join("probe")).is_ok()
}

#[cfg(unix)]
fn unreadable(path: &Path) {
    set_mode(path, 0o000);
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Runs the `quorum` binary as `nobody` (util-linux's `setpriv`), for a process that
/// ignores file permissions (root, as in CI): there an unreadable file stays unreadable.
/// `None` when `setpriv` is missing.
#[cfg(unix)]
fn quorum_as_nobody(args: &[&str]) -> Option<std::process::Output> {
    std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(env!("CARGO_BIN_EXE_quorum"))
        .args(args)
        .output()
        .ok()
}

/// The errors `quorum check` reports as `nobody`: `(file, line, column, message)`.
#[cfg(unix)]
fn errors_as_nobody(site: &Path) -> Option<Vec<(String, usize, usize, String)>> {
    set_mode(site, 0o755);
    let site = site.to_str().unwrap();
    let output = quorum_as_nobody(&["check", "--root", site, "--format", "json"])?;
    let records: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).ok()?;
    Some(
        records
            .iter()
            .filter(|d| d["severity"] == "error")
            .map(|d| {
                (
                    d["file"].as_str().unwrap_or_default().to_string(),
                    d["line"].as_u64().unwrap_or_default() as usize,
                    d["column"].as_u64().unwrap_or_default() as usize,
                    d["message"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect(),
    )
}

#[cfg(unix)]
#[test]
fn unreadable_content_folder_is_an_error() {
    let site = common::fixture(&[
        ("content/2020/a.md", "---\ndate: 2020-01-01\n---\n"),
        ("content/2021/b.md", "---\ndate: 2021-01-01\n---\n"),
        ("content/2021/probe", ""),
    ]);
    // A link to a folder that is gone cannot be read either: the same path, as root too.
    std::os::unix::fs::symlink(site.path().join("gone"), site.path().join("content/2022")).unwrap();
    let errors = |site: &Path| -> Vec<String> {
        check_site(&BuildOptions::new(site))
            .unwrap()
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| format!("{} {}", d.file.display(), d.message))
            .collect()
    };
    let found = errors(site.path());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].starts_with("content/2022 cannot read"),
        "{found:?}"
    );

    std::fs::remove_file(site.path().join("content/2022")).unwrap();
    unreadable(&site.path().join("content/2021"));
    let out = tempfile::tempdir().unwrap();
    if permissions_ignored(&site.path().join("content/2021")) {
        // Root reads anything: the same checks through the binary, run as `nobody`.
        let Some(errors) = errors_as_nobody(site.path()) else {
            eprintln!("running as root without setpriv: part skipped");
            return;
        };
        let found: Vec<String> = errors.iter().map(|e| format!("{} {}", e.0, e.3)).collect();
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].starts_with("content/2021 cannot read"),
            "{found:?}"
        );
        set_mode(out.path(), 0o777);
        let public = out.path().join("public");
        let site = site.path().to_str().unwrap();
        let build = quorum_as_nobody(&[
            "build",
            "--root",
            site,
            "--output",
            public.to_str().unwrap(),
        ]);
        assert_eq!(build.unwrap().status.code(), Some(1), "content errors");
        return;
    }
    let found = errors(site.path());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].starts_with("content/2021 cannot read"),
        "{found:?}"
    );
    let options = BuildOptions {
        output: Some(out.path().join("public")),
        ..BuildOptions::new(site.path())
    };
    assert!(matches!(build_site(&options), Err(Error::Content(_))));
}

#[cfg(unix)]
#[test]
fn unreadable_attachment_fails_check_naming_the_source() {
    let site = common::fixture(&[
        (
            "content/2020-01-01-a.md",
            "---\ndate: 2020-01-01\nattachments:\n  - { file: rapport.pdf }\n---\n",
        ),
        ("content/2020-01-01-a/rapport.pdf", "%PDF"),
        ("content/2020-01-01-a/probe", ""),
    ]);
    let folder = site.path().join("content/2020-01-01-a");
    unreadable(&folder.join("rapport.pdf"));
    unreadable(&folder.join("probe"));
    if permissions_ignored(&folder) {
        // Root reads anything: the same checks through the binary, run as `nobody`.
        let Some(errors) = errors_as_nobody(site.path()) else {
            eprintln!("running as root without setpriv: skipped");
            return;
        };
        assert_eq!(errors.len(), 1, "{errors:#?}");
        assert_eq!((errors[0].1, errors[0].2), (4, 13));
        assert!(errors[0].3.contains("cannot be read"));
        return;
    }
    let errors: Vec<_> = check_site(&BuildOptions::new(site.path()))
        .unwrap()
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!((errors[0].line, errors[0].column), (4, 13));
    assert!(errors[0].message.contains("cannot be read"));
}

/// A meeting file that is a link out of content/ is not read.
#[cfg(unix)]
#[test]
fn meeting_file_that_is_a_symlink_out_of_content() {
    let site = common::fixture(&[
        ("content/2020/a.md", "---\ndate: 2020-01-01\n---\n"),
        ("elsewhere/b.md", "---\ndate: 2020-02-01\n---\n"),
    ]);
    std::os::unix::fs::symlink(
        site.path().join("elsewhere/b.md"),
        site.path().join("content/2020/b.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        site.path().join("elsewhere"),
        site.path().join("content/more"),
    )
    .unwrap();
    let errors: Vec<_> = check_site(&BuildOptions::new(site.path()))
        .unwrap()
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{} {}", d.file.display(), d.message))
        .collect();
    assert_eq!(
        errors,
        [
            "content/2020/b.md a symbolic link points outside the site's content folder",
            "content/more a symbolic link points outside the site's content folder",
        ]
    );
}

#[test]
fn duplicate_slugs() {
    let d = only_error("duplicate-slug");
    assert_eq!(d.file, Path::new("content/2021/natverket.md"));
    assert!(d
        .message
        .contains("slug `natverket` is also used by content/2020/natverket.md"));
}

#[test]
fn registry_with_an_unknown_key() {
    assert_error(
        "bad-registry",
        "content/organisations.yaml",
        3,
        3,
        "unknown field `alias`",
    );
}

#[test]
fn unknown_language() {
    assert_error("unknown-language", A, 3, 1, "unknown language `de`");
}

#[test]
fn unregistered_organisation_close_to_a_registered_one_is_a_warning() {
    let diagnostics = check("unregistered-organisation");
    assert_eq!(diagnostics.len(), 1);
    let d = &diagnostics[0];
    assert_eq!((d.severity, d.line, d.column), (Severity::Warning, 3, 12));
    assert!(d
        .to_string()
        .starts_with("content/2020-01-01-a.md:3:12: warning:"));
    assert!(d
        .hint
        .as_deref()
        .unwrap()
        .contains("did you mean `fohm` (Folkhälsomyndigheten)?"));
}

#[test]
fn link_to_a_meeting_that_does_not_exist_is_a_warning() {
    let diagnostics = check("broken-meeting-link");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = &diagnostics[0];
    assert_eq!((d.severity, d.line, d.column), (Severity::Warning, 6, 4));
    assert!(d.message.contains("`2019-12-01-b`"));
}

#[test]
fn symlink_loop_under_content_is_skipped_with_a_warning() {
    let site = common::fixture(&[("content/2020/a.md", "---\ndate: 2020-01-01\n---\n")]);
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        site.path().join("content"),
        site.path().join("content/2020/loop"),
    )
    .unwrap();
    let diagnostics = check_site(&BuildOptions::new(site.path())).unwrap();
    #[cfg(unix)]
    assert!(diagnostics
        .iter()
        .any(|d| d.severity == Severity::Warning && d.message.contains("loops")));
    let (_, report) = common::build_into(site.path(), None);
    assert_eq!(report.meetings, 1);
}

#[test]
fn a_fifty_megabyte_meeting_builds() {
    let mut text = String::from("---\ndate: 2020-01-01\n---\n");
    let paragraph = "Nätverket diskuterar besöksförbud, nattbemanning och kompetensförsörjning i äldreomsorgen. ".repeat(10);
    let mut item = 0;
    while text.len() < 50 * 1024 * 1024 {
        item += 1;
        text.push_str(&format!(
            "## {item}) Punkt\n\n{paragraph}\n\nBeslut: Noteras.\n\n"
        ));
    }
    let site = common::fixture(&[("content/big.md", &text)]);
    let (_, report) = common::build_into(site.path(), None);
    assert_eq!(report.decisions, item);
}

const MEETING_TEMPLATE: &str = "templates/meeting.html";

#[test]
fn template_syntax_error() {
    let d = assert_error(
        "template-syntax",
        MEETING_TEMPLATE,
        3,
        22,
        "template error: Found `}` but expected }}",
    );
    assert_eq!(
        d.source_line.as_deref(),
        Some("<h1>{{ meeting.title }</h1>")
    );
    assert!(d.hint.unwrap().contains("THEMES.md"));
    assert_build_fails_cleanly("template-syntax");
}

#[test]
fn template_calling_an_unknown_component() {
    let d = assert_error(
        "template-unknown-component",
        MEETING_TEMPLATE,
        4,
        7,
        "template error: Unknown component `org_lnk`",
    );
    assert_eq!(
        d.source_line.as_deref(),
        Some("<p>{{ <org_lnk org={meeting.organiser} /> }}</p>")
    );
    assert_build_fails_cleanly("template-unknown-component");
}

#[test]
fn template_reading_an_unknown_field() {
    let d = assert_error(
        "template-unknown-field",
        MEETING_TEMPLATE,
        3,
        16,
        "cannot render /meetings/2020-01-01-a/: Field `titel` is not defined",
    );
    assert!(d.message.contains("Available fields: "), "{}", d.message);
    assert!(d.hint.unwrap().contains("variables each template gets"));
    assert_build_fails_cleanly("template-unknown-field");
}

#[test]
fn template_linking_to_a_path_that_is_not_a_site_path() {
    let d = assert_error(
        "template-url-not-a-site-path",
        MEETING_TEMPLATE,
        3,
        27,
        "url: `meetings/` is not a site path; site paths start with `/`",
    );
    assert_build_fails_cleanly("template-url-not-a-site-path");
    assert!(
        d.message.contains("cannot render /meetings/2020-01-01-a/"),
        "{}",
        d.message
    );
}

#[test]
fn template_asking_for_a_ui_string_that_does_not_exist() {
    assert_error(
        "template-unknown-ui-string",
        MEETING_TEMPLATE,
        3,
        20,
        "the UI string `meetngs` is missing from i18n/sv.toml",
    );
    assert_build_fails_cleanly("template-unknown-ui-string");
}

#[test]
fn unknown_timezone_is_a_warning_and_the_site_still_builds() {
    let diagnostics = check("unknown-timezone");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = &diagnostics[0];
    assert_eq!(d.file, fixture_root("unknown-timezone").join("site.toml"));
    assert_eq!((d.severity, d.line, d.column), (Severity::Warning, 2, 13));
    assert!(d
        .hint
        .as_deref()
        .unwrap()
        .contains("did you mean `Europe/Stockholm`?"));
    let out = tempfile::tempdir().unwrap();
    let options = BuildOptions {
        output: Some(out.path().join("public")),
        ..BuildOptions::new(fixture_root("unknown-timezone"))
    };
    let report = build_site(&options).unwrap();
    assert_eq!(report.warnings.len(), 1);
}

#[test]
fn duplicate_key_points_at_the_second_one() {
    let d = assert_error("duplicate-key", A, 5, 1, "duplicate field `title`");
    assert_eq!(d.source_line.as_deref(), Some("title: Möte igen"));
    assert_build_fails_cleanly("duplicate-key");
}

#[test]
fn alias_bomb_points_at_the_first_alias() {
    let d = assert_error("alias-bomb", A, 5, 9, "repetition limit exceeded");
    assert!(d.hint.unwrap().contains("alias"));
}

#[test]
fn nul_in_front_matter_is_located() {
    let d = assert_error(
        "nul-in-front-matter",
        A,
        3,
        12,
        "control character (U+0000)",
    );
    assert!(d.hint.unwrap().contains("delete it"));
    assert_build_fails_cleanly("nul-in-front-matter");
}

#[test]
fn escape_character_in_the_minutes_is_located() {
    assert_error("escape-in-body", A, 6, 10, "control character (U+001B)");
}

#[test]
fn deeply_nested_front_matter_is_refused_quickly() {
    let started = std::time::Instant::now();
    let d = assert_error("deep-nesting", A, 3, 39, "more than 32 levels deep");
    assert!(d.hint.is_some());
    // 200 KB of `[` took 17 s: refused before the YAML parser sees it.
    let text = format!("---\ndate: 2020-01-01\ntags: {}\n---\n", "[".repeat(60_000));
    let site = common::fixture(&[(A, &text)]);
    let errors = check_site(&BuildOptions::new(site.path())).unwrap();
    assert_eq!((errors[0].line, errors[0].column), (3, 39), "{errors:?}");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn front_matter_larger_than_the_limit_is_refused() {
    // The 20 MB title aborted the process; 8 MB took 2.1 GB of memory.
    let text = format!(
        "---\ndate: 2020-01-01\ntitle: {}\n---\nText\n",
        "ö".repeat(10 * 1024 * 1024)
    );
    let site = common::fixture(&[(A, &text)]);
    let errors = check_site(&BuildOptions::new(site.path())).unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let d = &errors[0];
    assert!(
        d.message.contains("at most 64 KiB are allowed"),
        "{}",
        d.message
    );
    // Byte 65,536 of the front matter (which starts at byte 4): line 3 (from byte 21),
    // after `title: ` and 32,756 two-byte `ö`.
    assert_eq!((d.line, d.column), (3, 7 + 32_756 + 1), "{}", d.message);
    assert!(d.to_string().len() < 2_000, "the whole line is printed");
}

#[test]
fn a_file_larger_than_the_limit_is_refused_without_reading_it() {
    let site = common::fixture(&[(A, "---\ndate: 2020-01-01\n---\n")]);
    let file = std::fs::OpenOptions::new()
        .append(true)
        .open(site.path().join(A))
        .unwrap();
    file.set_len(65 * 1024 * 1024).unwrap(); // sparse: no disk used
    let errors = check_site(&BuildOptions::new(site.path())).unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].message.contains("at most 64 MiB"),
        "{}",
        errors[0].message
    );
}

#[test]
fn years_must_have_four_digits() {
    for (case, value) in [
        ("year-zero", "0000-01-01"),
        ("year-negative", "-0001-01-01"),
        ("year-five-digits", "99999-01-01"),
    ] {
        let d = assert_error(case, A, 2, 7, &format!("invalid date `{value}`"));
        let hint = d.hint.unwrap();
        assert!(!hint.contains("day"), "{case}: {hint}");
        assert!(
            hint.contains("four digits") || hint.contains("YYYY-MM-DD"),
            "{case}: {hint}"
        );
    }
}
/// The warnings of a case, in order.
fn warnings(case: &str) -> Vec<Diagnostic> {
    let all = check(case);
    assert!(
        all.iter().all(|d| d.severity == Severity::Warning),
        "{case}: {all:#?}"
    );
    all
}

fn decisions_and_actions(case: &str) -> (usize, usize) {
    let out = tempfile::tempdir().unwrap();
    let options = BuildOptions {
        output: Some(out.path().join("public")),
        ..BuildOptions::new(fixture_root(case))
    };
    let report = build_site(&options).unwrap();
    (report.decisions, report.actions)
}

#[test]
fn a_decision_word_of_another_language_is_a_warning_and_still_a_decision() {
    let file = "content/2024/2024-05-01-board.md";
    let found = warnings("foreign-decision-word");
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].file, Path::new(file));
    assert_eq!((found[0].line, found[0].column), (7, 1));
    assert_eq!(
        found[0].hint.as_deref(),
        Some("`Resolved:` is an English decision word; this meeting's language is sv — add `language: en` to the front matter")
    );
    assert_eq!((found[1].line, found[1].column), (11, 1));
    assert!(found[1]
        .hint
        .as_deref()
        .unwrap()
        .contains("`Action:` is an English action word"));
    assert!(found[0]
        .to_string()
        .starts_with(&format!("{file}:7:1: warning:")));
    // Not lost: the paragraphs are still listed.
    assert_eq!(decisions_and_actions("foreign-decision-word"), (1, 1));
}

#[test]
fn decisions_written_without_the_colon_are_warnings() {
    let found = warnings("decision-near-miss");
    let at: Vec<_> = found.iter().map(|d| (d.line, d.column)).collect();
    assert_eq!(at, [(7, 1), (11, 1), (15, 1)], "{found:#?}");
    assert!(found[0].message.contains("without a colon"));
    assert!(found[0].hint.as_deref().unwrap().contains("`Beslut:`"));
    assert!(found[1].message.contains("in prose"));
    assert!(found[2].message.contains("alone on a line"));
    // Only the one written with a colon is listed: the others are warned about, not guessed.
    assert_eq!(decisions_and_actions("decision-near-miss"), (1, 0));
}

#[test]
fn a_date_that_contradicts_the_file_name_is_a_warning() {
    let found = warnings("date-contradicts-file-name");
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = &found[0];
    assert_eq!(d.file, Path::new("content/2024/2024-10-04-styrelsen.md"));
    assert_eq!((d.line, d.column), (3, 7));
    assert!(d.message.contains("2024-10-04"), "{d}");
    assert!(d.hint.as_deref().unwrap().contains("`date: 2024-10-04`"));
}

#[test]
fn a_date_without_two_digit_day_is_an_error() {
    let d = assert_error(
        "date-not-padded",
        "content/2024-10-04-a.md",
        2,
        7,
        "invalid date `2024-10-4`",
    );
    assert!(d.hint.unwrap().contains("`2024-10-04`"));
}

#[test]
fn month_thirteen_says_there_is_no_such_month() {
    let d = assert_error(
        "month-13",
        "content/2024-13-04-a.md",
        2,
        7,
        "invalid date `2024-13-04`",
    );
    assert!(d.hint.unwrap().contains("there is no month 13"));
}

#[test]
fn an_unclosed_list_is_reported_where_it_opens() {
    let d = assert_error(
        "yaml-unclosed-list",
        "content/2024-05-01-a.md",
        3,
        7,
        "did not find expected ','",
    );
    assert!(d.hint.unwrap().contains("end it with `]` on the same line"));
}

#[test]
fn an_over_indented_attendee_is_an_error_not_one_merged_person() {
    let d = assert_error(
        "over-indented-attendee",
        "content/2024-05-02-b.md",
        5,
        5,
        "indented deeper than the list item above",
    );
    assert!(d
        .hint
        .unwrap()
        .contains("indent every `- ` of a list alike"));
}

#[test]
fn draft_yes_asks_for_true_or_false() {
    let d = assert_error(
        "draft-yes",
        "content/2024-05-03-c.md",
        3,
        8,
        "expected a boolean",
    );
    assert!(d.hint.unwrap().contains("write `true` or `false`"));
}

#[test]
fn a_logo_that_is_not_in_static_is_an_error() {
    let d = only_error("logo-missing");
    assert!(d.file.ends_with("site.toml"), "{d}");
    assert_eq!((d.line, d.column), (2, 1), "{d}");
    assert!(d.message.contains("no logo file static/logga.svg"), "{d}");
    assert!(d.hint.as_deref().unwrap().contains("static/"));
}

#[test]
fn an_accent_that_is_not_a_colour_is_an_error() {
    let d = only_error("accent-not-a-colour");
    assert!(d.file.ends_with("site.toml"), "{d}");
    assert_eq!((d.line, d.column), (1, 1), "{d}");
    assert!(d.hint.as_deref().unwrap().contains("#rrggbb"));
}

#[test]
fn a_reference_to_a_missing_item_is_an_error_with_a_did_you_mean() {
    let d = assert_error(
        "broken-reference",
        "content/2025-02-14-styrelsen.md",
        7,
        14,
        "`[[2025-01-10-styrelsen#5]]` refers to nothing",
    );
    assert_eq!(
        d.hint.as_deref(),
        Some("did you mean `[[2025-01-10-styrelsen#4]]`?")
    );
    assert_build_fails_cleanly("broken-reference");
}

#[test]
fn a_follow_up_of_a_missing_action_is_an_error_with_a_did_you_mean() {
    let d = assert_error(
        "unknown-follow-up",
        "content/2025-02-14-styrelsen.md",
        7,
        1,
        "the follow-up names no action: `2025-01-10-styrelsen/4-2`",
    );
    assert_eq!(
        d.hint.as_deref(),
        Some("did you mean the action `2025-01-10-styrelsen/4-1`?")
    );
}

#[test]
fn a_case_key_without_a_letter_or_digit() {
    assert_error(
        "case-without-key",
        A,
        3,
        1,
        "the case `–` has no letter or digit",
    );
}
