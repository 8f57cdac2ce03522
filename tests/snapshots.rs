//! Snapshot tests of output a person reviews: the model the parser makes of each example
//! meeting, the meetings' Atom feed, and what `check` prints (for people and as JSON) for
//! every bad-input fixture. The snapshots live in tests/snapshots/; tests/README.md says
//! how to review and update them.

use std::path::{Path, PathBuf};
use std::process::Command;

use quorum::internals::Site;
use quorum::BuildOptions;

fn example_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_model_of_each_example_meeting() {
    let site = Site::load(&BuildOptions::new(example_root())).unwrap();
    assert!(!site.archive.meetings.is_empty());
    for meeting in &site.archive.meetings {
        let name = meeting
            .source
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        insta::assert_yaml_snapshot!(format!("model-{name}"), meeting);
    }
}

#[test]
fn the_meetings_atom_feed_of_the_example_site() {
    let out = tempfile::tempdir().unwrap();
    let options = BuildOptions {
        output: Some(out.path().join("public")),
        base_url: Some("https://example.org/minnen/".into()),
        ..BuildOptions::new(example_root())
    };
    quorum::build_site(&options).unwrap();
    let feed = std::fs::read_to_string(out.path().join("public/atom.xml")).unwrap();
    insta::assert_snapshot!("atom-meetings", feed);
}

/// What `quorum check` prints for a site: its exit code, standard output and error.
fn check_output(root: &Path, json: bool) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_quorum"));
    command.arg("check").current_dir(root);
    if json {
        command.args(["--format", "json"]);
    }
    let output = command.output().unwrap();
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn what_check_says_about_each_bad_input() {
    let fixtures = example_root().join("tests/fixtures/bad");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("site.toml").is_file() || p.join("content").is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() > 10, "{cases:?}");
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        insta::assert_snapshot!(format!("check-{name}"), check_output(&case, false));
        insta::assert_snapshot!(format!("check-{name}-json"), check_output(&case, true));
    }
}
