//! `quorum import`: the seed minutes (text, Word, PDF, OpenDocument) become the meetings
//! converted by hand, bad input fails file by file with a line saying what to do, English
//! minutes are read too, and files are written safely.

use std::path::{Path, PathBuf};
use std::process::Command;

use quorum::import::compare::{score_folder, summary, Summary};
use quorum::import::{import, ImportOptions};
use quorum::internals::SiteConfig;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures() -> PathBuf {
    repo().join("tests/fixtures/import")
}

const SEEDS: [&str; 5] = [
    "000_98a0f1e7d24e27ee",
    "001_24ac9f48e06e70d8",
    "002_1df4902b986d37d2",
    "003_4456de842cf74eda",
    "004_0b900f2e8f452b86",
];

/// A dry run of one file against the repository's archive: its meeting's summary.
fn imported_summary(file: &Path) -> Summary {
    let report = import(&ImportOptions {
        inputs: vec![file.to_path_buf()],
        root: repo(),
        dry_run: true,
        ..ImportOptions::default()
    })
    .unwrap();
    let imported = report.files[0]
        .outcome
        .as_ref()
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    summary(&imported.markdown, &SiteConfig::default())
}

/// A site with the repository's configuration and registries and no meetings.
fn empty_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::copy(repo().join("site.toml"), dir.path().join("site.toml")).unwrap();
    for registry in ["organisations.yaml", "people.yaml"] {
        std::fs::copy(
            repo().join("content").join(registry),
            dir.path().join("content").join(registry),
        )
        .unwrap();
    }
    dir
}

#[test]
fn the_seeds_score_against_the_hand_converted_meetings() {
    let table = score_folder(&fixtures().join("seeds"), &repo()).unwrap();
    println!("{table}");
    assert_eq!(table.rows.len(), 5);
    for row in &table.rows {
        assert!(row.error.is_none(), "{}: {:?}", row.name, row.error);
        assert!(row.date_ok(), "{}: date", row.name);
        assert!(row.body_ok(), "{}: body", row.name);
        assert!(row.decisions_ok(), "{}: decisions", row.name);
        assert!(
            row.title_share() >= 0.9,
            "{}: {:.0} % of item titles",
            row.name,
            row.title_share() * 100.0
        );
    }
}

#[test]
fn word_pdf_and_opendocument_import_into_the_same_meetings_as_the_text() {
    for seed in SEEDS {
        let text = imported_summary(&fixtures().join(format!("seeds/{seed}.txt")));
        let word = imported_summary(&fixtures().join(format!("word/{seed}.docx")));
        assert_eq!(word, text, "{seed}.docx");
        let pdf = imported_summary(&fixtures().join(format!("pdf/{seed}.pdf")));
        assert_eq!(pdf, text, "{seed}.pdf");
    }
    let seed = SEEDS[4];
    let odt = imported_summary(&fixtures().join(format!("word/{seed}.odt")));
    let text = imported_summary(&fixtures().join(format!("seeds/{seed}.txt")));
    assert_eq!(odt, text, "{seed}.odt");
}

#[test]
fn the_seeds_are_written_where_quorum_reads_them_and_check_accepts_them() {
    let site = empty_site();
    let options = ImportOptions {
        inputs: SEEDS
            .iter()
            .map(|s| fixtures().join(format!("seeds/{s}.txt")))
            .collect(),
        root: site.path().to_path_buf(),
        keep_original: true,
        ..ImportOptions::default()
    };
    let report = import(&options).unwrap();
    assert!(!report.any_failed());
    assert_eq!(report.files.len(), 5);
    for file in &report.files {
        let imported = file.outcome.as_ref().unwrap();
        assert!(imported.written);
        assert!(imported.target.starts_with("content"));
        let errors: Vec<String> = imported
            .problems
            .iter()
            .filter(|d| d.is_error())
            .map(ToString::to_string)
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", file.source.display());
        let written = site.path().join(&imported.target);
        assert_eq!(
            std::fs::read_to_string(&written).unwrap(),
            imported.markdown
        );
        // The original beside it.
        let name = file.source.file_name().unwrap();
        assert!(written.with_extension("").join(name).is_file());
    }
    // And the whole site checks without errors.
    let diagnostics = quorum::check_site(&quorum::BuildOptions::new(site.path())).unwrap();
    let errors: Vec<_> = diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:?}");

    // Never over an existing file without --force; with it, the same bytes again.
    let again = import(&options).unwrap();
    assert!(again.any_failed());
    for file in &again.files {
        let refused = file.outcome.as_ref().unwrap_err();
        assert!(
            refused.message.contains("already exists")
                && refused
                    .hint
                    .as_deref()
                    .unwrap_or_default()
                    .contains("--force"),
            "{refused}"
        );
    }
    let forced = import(&ImportOptions {
        force: true,
        ..options.clone()
    })
    .unwrap();
    assert!(!forced.any_failed());
    for (first, second) in report.files.iter().zip(&forced.files) {
        assert_eq!(
            first.outcome.as_ref().unwrap().markdown,
            second.outcome.as_ref().unwrap().markdown,
            "deterministic"
        );
    }
    // No temporary files left behind.
    let leftovers: Vec<_> = walk(site.path())
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}

#[test]
fn bad_input_fails_file_by_file_with_what_to_do() {
    let good = fixtures().join("seeds/000_98a0f1e7d24e27ee.txt");
    let report = import(&ImportOptions {
        inputs: vec![fixtures().join("bad"), good.clone()],
        root: repo(),
        dry_run: true,
        ..ImportOptions::default()
    })
    .unwrap();
    assert!(report.any_failed());
    let message = |name: &str| -> String {
        let file = report
            .files
            .iter()
            .find(|f| f.source.file_name().unwrap() == name)
            .unwrap_or_else(|| panic!("{name} not imported"));
        let diagnostic = file.outcome.as_ref().unwrap_err();
        assert_eq!(
            diagnostic.file, file.source,
            "the diagnostic names the file"
        );
        format!(
            "{}: {}",
            diagnostic.message,
            diagnostic.hint.as_deref().unwrap_or_default()
        )
    };
    for (name, says) in [
        ("encrypted.docx", "password"),
        ("corrupt.docx", "save it again"),
        ("encrypted.pdf", "password"),
        ("corrupt.pdf", "damaged PDF"),
        ("scanned.pdf", "no text layer: run OCR first"),
        ("minutes.rtf", "unknown file type"),
        ("windows-1252.txt", "Windows-1252"),
    ] {
        let text = message(name);
        assert!(text.contains(says), "{name}: {text}");
        assert!(!text.contains('\n'), "{name}: one line");
    }
    let ok = report.files.iter().find(|f| f.source == good).unwrap();
    assert!(ok.outcome.is_ok(), "the other files are still imported");

    // The command line: one line per failed file naming it, exit code 1.
    let output = Command::new(env!("CARGO_BIN_EXE_quorum"))
        .args(["import", "--dry-run", "--root"])
        .arg(repo())
        .arg(fixtures().join("bad"))
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    assert_eq!(errors.len(), 7, "{stderr}");
    assert!(errors
        .iter()
        .any(|l| l.contains("scanned.pdf: no text layer")));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("would import 1 file(s), 7 failed"),
        "{stdout}"
    );
}

#[test]
fn english_minutes_with_resolutions_and_actions() {
    let file = fixtures().join("english/finance-committee-2023-03-14.txt");
    let report = import(&ImportOptions {
        inputs: vec![file.clone()],
        root: repo(),
        dry_run: true,
        ..ImportOptions::default()
    })
    .unwrap();
    let imported = report.files[0].outcome.as_ref().unwrap();
    let meeting = summary(&imported.markdown, &SiteConfig::default());
    assert_eq!(meeting.date.as_deref(), Some("2023-03-14"));
    assert_eq!(meeting.body.as_deref(), Some("Finance Committee"));
    assert_eq!(meeting.time.as_deref(), Some("18:30-20:15"));
    assert_eq!(
        meeting.location.as_deref(),
        Some("Board Room, 12 Market Street, Northfield")
    );
    assert_eq!(meeting.attendees, 4);
    let numbers: Vec<&str> = meeting.items.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(numbers, ["1", "2", "3", "4", "5", "6"]);
    assert_eq!(meeting.items[2].1, "Budget monitoring, quarter 3");
    assert_eq!(meeting.decisions, 3);
    assert!(imported.markdown.contains("language: en"));
    assert!(imported
        .markdown
        .contains("Action: Tom Okafor to circulate a breakdown"));
    assert!(!imported.markdown.contains("Page 2 of 3"));
    assert!(!imported.markdown.contains("<b>"));
    assert!(!imported.markdown.contains("____"));
    // The report names what it found and where, and the names it does not know.
    let report = imported.report.join("\n");
    assert!(
        report.contains("Minutes of the Finance Committee meeting held on"),
        "{report}"
    );
    assert!(report.contains("page numbers"), "{report}");
    assert!(imported
        .unknown_names
        .iter()
        .any(|n| n.contains("Northfield Borough Council")));
}

#[test]
fn unknown_names_come_with_the_registry_entry_they_may_mean() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("minnen.txt");
    std::fs::write(
        &file,
        "Minnesanteckningar Socialchefsnätverket 3 mars 2021\n\n\
         Lägesrapport (Michaela Prochaska, Socialstyrelsen)\n\n\
         Avser vecka 8. Inga kommuner rapporterar kritisk påverkan.\n",
    )
    .unwrap();
    let report = import(&ImportOptions {
        inputs: vec![file],
        root: repo(),
        dry_run: true,
        ..ImportOptions::default()
    })
    .unwrap();
    let imported = report.files[0].outcome.as_ref().unwrap();
    assert!(
        imported
            .unknown_names
            .iter()
            .any(|n| n.contains("Michaela Prochaska") && n.contains("did you mean")),
        "{:?}",
        imported.unknown_names
    );
}
