//! The public audience: a fixture site (`tests/fixtures/audience/`) where one protected
//! person appears in every place a name can (chair, attendee, scribe, presenter in a
//! heading and in an emphasised line, action, decision, reservation, running text, alias,
//! tag, title, location, appendix, attachment file name, an organisation named after them)
//! beside an internal item, paragraph, list and attachment, built for both audiences: no
//! file of the public site, and no file name, holds a protected name or internal text; the
//! internal site holds them all. The same over HTTP through `serve --audience public`, and removal on request
//! while serving.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use common::*;
use quorum::{build_site, check_site, Audience, BuildOptions, Error, Severity};

/// Text that must not reach the public site, folded (lower case, no diacritics): the
/// protected people's names, aliases and keys, the internal item's, paragraphs' and
/// attachment's text, and the marker words.
const LEAKS: &[&str] = &[
    "furen",
    "thulin",
    "asa f-t",
    "asa-f-t",
    "engstrom",
    "hemlig",
    "lonelista",
    "internt",
    "meritforteckning",
];

fn fixture_root() -> PathBuf {
    example_root().join("tests/fixtures/audience")
}

/// A copy of the fixture in a temp folder (serve writes into the site's folder).
fn fixture_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture_root(), dir.path());
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn fold(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase()
}

fn build(root: &Path, audience: Audience) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let options = BuildOptions {
        root: root.to_path_buf(),
        output: Some(out.path().join("public")),
        audience: Some(audience),
        ..BuildOptions::default()
    };
    build_site(&options).unwrap_or_else(|e| panic!("build failed: {e}: {e:?}"));
    out
}

/// Every file under `dir`: its path relative to `dir` and its bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(dir).unwrap();
            (
                relative.to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Every leak in the files: "file: needle" (in the name or the content).
fn leaks_in(files: &[(String, Vec<u8>)]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, bytes) in files {
        let name = fold(path);
        let text = fold(&String::from_utf8_lossy(bytes));
        for needle in LEAKS {
            if name.contains(needle) {
                found.push(format!("file name {path}: {needle}"));
            }
            if text.contains(needle) {
                found.push(format!("{path}: {needle}"));
            }
        }
    }
    found
}

#[test]
fn the_public_site_holds_no_protected_name_or_internal_text_and_the_internal_one_all() {
    let root = fixture_root();
    let public = build(&root, Audience::Public);
    let public_files = files(&public.path().join("public"));
    assert!(
        public_files.iter().any(|(p, _)| p.ends_with(".js"))
            && public_files.iter().any(|(p, _)| p == "archive.json")
            && public_files.iter().any(|(p, _)| p == "sitemap.xml")
            && public_files.iter().any(|(p, _)| p == "atom.xml"),
        "the walk covers the search index, archive.json, the sitemap and the feeds"
    );
    assert_eq!(leaks_in(&public_files), Vec::<String>::new());

    let internal = build(&root, Audience::Internal);
    let internal_files = files(&internal.path().join("public"));
    let mut found = leaks_in(&internal_files);
    found.sort();
    // The alias's slug form only ever appears in the public build's file names test.
    for needle in LEAKS.iter().filter(|n| **n != "asa-f-t") {
        assert!(
            found.iter().any(|f| f.ends_with(&format!(": {needle}"))),
            "the internal site lost {needle}"
        );
    }
    assert!(internal_files
        .iter()
        .any(|(p, _)| p.ends_with("lonelista.pdf")));
}

#[test]
fn protected_people_are_shown_as_their_role_or_a_placeholder_without_a_page() {
    let public = build(&fixture_root(), Audience::Public);
    let site = public.path().join("public");
    let meeting = page(public.path(), "meetings/2024-03-12-styrelsen/index.html");
    let participants = texts(&meeting, ".participant");
    assert!(
        participants
            .iter()
            .any(|p| p.starts_with("[namn borttaget]") && p.contains("utredare")),
        "{participants:?}"
    );
    assert!(
        participants.iter().any(|p| p.starts_with("Sekreteraren")),
        "shown_as: {participants:?}"
    );
    assert!(participants.iter().any(|p| p.starts_with("Lisbeth Olsson")));
    // A stand-in is not a link; the others are.
    let links: Vec<String> = select(&meeting, ".participant a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .filter(|href| href.contains("people/"))
        .collect();
    assert_eq!(
        links,
        ["../../people/lisbeth-olsson/", "../../people/bo-ek/"]
    );
    assert!(!site.join("people/asa-furen-thulin").exists());
    let people = page(public.path(), "people/index.html");
    assert_eq!(
        texts(&people, "main tbody th a"),
        ["Bo Ek", "Lisbeth Olsson"]
    );

    // The internal item is there by number and title, with a notice instead of its text.
    let items = texts(&meeting, "h2");
    assert!(
        items.iter().any(|t| t.ends_with("Personärende")),
        "{items:?}"
    );
    let notices = texts(&meeting, "p.withheld");
    assert_eq!(notices.len(), 3, "item, paragraph, list: {notices:?}");
    assert!(notices[0].starts_with("Utelämnat"));

    // archive.json: the stand-ins have no page; the internal attachment is only named.
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.join("archive.json")).unwrap()).unwrap();
    for person in index["people"].as_array().unwrap() {
        let key = person["key"].as_str().unwrap();
        if key.starts_with("withheld-") {
            assert_eq!(person["page"], "", "{person}");
        }
    }
    assert!(index["site"]["base_url"]
        .as_str()
        .unwrap()
        .starts_with("https://www.example.se/"));
    assert!(site
        .join("meetings/2024-03-12-styrelsen/budget.pdf")
        .exists());
}

#[test]
fn search_on_the_public_site_finds_nothing_of_a_protected_name() {
    let out = tempfile::tempdir().unwrap();
    for (audience, expected) in [(Audience::Internal, true), (Audience::Public, false)] {
        let options = BuildOptions {
            root: fixture_root(),
            output: Some(out.path().join("site")),
            audience: Some(audience),
            ..BuildOptions::default()
        };
        let site = quorum::internals::Site::load(&options).unwrap();
        let index = quorum::internals::SearchIndex::build(&site.archive);
        for query in ["Furén-Thulin", "thulin", "Engström", "Hemlig"] {
            let hits = index.search(query, &quorum::internals::Filters::default());
            assert_eq!(!hits.hits.is_empty(), expected, "{audience:?}: {query}");
        }
    }
}

#[test]
fn personal_data_is_a_warning_internally_and_stops_a_public_build() {
    let site = fixture(&[(
        "content/2024/a.md",
        "---\ndate: 2024-01-10\nbody: Nämnden\n---\n## Ärende\n\nPersonnummer 19121212-1212 och tel 070-123 45 67.\n",
    )]);
    let options = |audience| BuildOptions {
        root: site.path().to_path_buf(),
        output: Some(site.path().join("out")),
        audience: Some(audience),
        ..BuildOptions::default()
    };
    let warnings = check_site(&options(Audience::Internal)).unwrap();
    let positions: Vec<_> = warnings
        .iter()
        .map(|d| (d.severity, d.line, d.column))
        .collect();
    assert_eq!(
        positions,
        [(Severity::Warning, 7, 14), (Severity::Warning, 7, 36)]
    );
    assert!(build_site(&options(Audience::Internal)).is_ok());

    let Err(Error::Content(errors)) = build_site(&options(Audience::Public)) else {
        panic!("a public build with a personal identity number must fail");
    };
    assert!(errors.iter().all(|d| d.severity == Severity::Error));
    assert!(errors[0].message.contains("personal identity number"));
    assert!(errors[0].hint.as_deref().unwrap().contains("accept"));

    // Accepted in site.toml: the phone number (the switchboard) is let through.
    std::fs::write(
        site.path().join("site.toml"),
        "[audience]\naccept = [\"070-1234567\"]\n",
    )
    .unwrap();
    let left = check_site(&options(Audience::Public)).unwrap();
    assert_eq!(left.len(), 1, "{left:?}");
}

#[test]
fn a_meeting_file_named_after_a_protected_person_stops_a_public_build() {
    let site = fixture(&[
        (
            "content/people.yaml",
            "anna-berg:\n  name: Anna Berg\n  public: false\n",
        ),
        (
            "content/2024/2024-01-10-anna-berg.md",
            "---\ndate: 2024-01-10\nbody: Nämnden\n---\n## Ärende\n\nText.\n",
        ),
    ]);
    let options = BuildOptions {
        root: site.path().to_path_buf(),
        audience: Some(Audience::Public),
        ..BuildOptions::default()
    };
    let Err(Error::Content(errors)) = build_site(&options) else {
        panic!("the file name would publish the name");
    };
    assert!(errors[0].message.contains("file name"), "{errors:?}");
}

#[test]
fn the_audience_chooses_its_output_folder_and_base_url_from_site_toml() {
    let site = fixture_copy();
    let build_for = |audience| {
        build_site(&BuildOptions {
            root: site.path().to_path_buf(),
            audience,
            ..BuildOptions::default()
        })
        .unwrap()
    };
    assert_eq!(build_for(None).output, site.path().join("public"));
    assert_eq!(
        build_for(Some(Audience::Public)).output,
        site.path().join("webb")
    );
    let feed = std::fs::read_to_string(site.path().join("webb/atom.xml")).unwrap();
    assert!(feed.contains("https://www.example.se/protokoll/"));
    let feed = std::fs::read_to_string(site.path().join("public/atom.xml")).unwrap();
    assert!(feed.contains("https://intranet.example.se/protokoll/"));
}

#[test]
fn both_audiences_in_one_output_folder_is_refused() {
    let site = fixture(&[
        ("site.toml", "[audience.public]\noutput_dir = \"public\"\n"),
        (
            "content/2024/a.md",
            "---\ndate: 2024-01-10\nbody: Nämnden\n---\n## Ärende\n\nText.\n",
        ),
    ]);
    for audience in [Audience::Internal, Audience::Public] {
        let options = BuildOptions {
            root: site.path().to_path_buf(),
            audience: Some(audience),
            ..BuildOptions::default()
        };
        let Err(Error::Usage(message)) = build_site(&options) else {
            panic!("{audience:?}: one folder for both sites must be refused");
        };
        assert!(message.contains("[audience.public]"), "{message}");
    }
}

struct Server {
    child: Child,
    address: String,
    log: Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_quorum"))
            .args(["serve", "--audience", "public", "--port", "0", "--root"])
            .arg(root)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, log) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Server {
            child,
            address: String::new(),
            log,
        };
        let line = server.wait_log(" at http://");
        let rest = line.split(" at http://").nth(1).unwrap();
        server.address = rest
            .split_whitespace()
            .next()
            .unwrap()
            .trim_end_matches('/')
            .to_string();
        server
    }

    fn wait_log(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let line = self
                .log
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .unwrap_or_else(|_| panic!("no log line with {needle:?}"));
            if line.contains(needle) {
                return line;
            }
        }
    }

    fn get(&self, path: &str) -> (u16, Vec<u8>) {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .new_agent();
        let url = format!("http://{}/{path}", self.address);
        let mut response = agent.get(&url).call().unwrap();
        let status = response.status().as_u16();
        (status, response.body_mut().read_to_vec().unwrap())
    }

    /// Every file of the served folder, fetched over HTTP.
    fn fetch_all(&self, folder: &Path) -> Vec<(String, Vec<u8>)> {
        files(folder)
            .into_iter()
            .map(|(path, _)| {
                let (status, body) = self.get(&path.replace('\\', "/"));
                assert_eq!(status, 200, "{path}");
                (path, body)
            })
            .collect()
    }
}

#[test]
fn serve_for_the_public_leaks_nothing_and_removes_a_person_marked_not_public() {
    let site = fixture_copy();
    let server = Server::start(site.path());
    let served = site.path().join("webb");
    let fetched = server.fetch_all(&served);
    assert!(fetched.len() > 20, "{}", fetched.len());
    assert_eq!(leaks_in(&fetched), Vec::<String>::new());
    assert_eq!(server.get("people/asa-furen-thulin/").0, 404);
    let (_, people) = server.get("people/");
    assert!(String::from_utf8_lossy(&people).contains("Lisbeth Olsson"));

    // A text-only edit (the quick path) is masked too.
    let minutes = site.path().join("content/2024/2024-03-12-styrelsen.md");
    let text = std::fs::read_to_string(&minutes).unwrap();
    std::fs::write(
        &minutes,
        text.replace(
            "Rapporten om läget presenterades.",
            "Rapporten om läget presenterades av Åsa F-T.",
        ),
    )
    .unwrap();
    let line = server.wait_log("rebuilt in");
    assert!(line.contains("1 page(s) rendered"), "{line}");
    let (_, body) = server.get("meetings/2024-03-12-styrelsen/");
    let body = String::from_utf8_lossy(&body).into_owned();
    assert!(
        body.contains("presenterades av [namn borttaget]."),
        "{body}"
    );
    server.wait_log("search index");

    // A request for removal: Lisbeth Olsson is marked not public and people.yaml saved.
    let registry = site.path().join("content/people.yaml");
    let text = std::fs::read_to_string(&registry).unwrap();
    let marked = text.replace(
        "  organisation: sotenas\n",
        "  organisation: sotenas\n  public: false\n",
    );
    assert_ne!(text, marked);
    std::fs::write(&registry, marked).unwrap();
    server.wait_log("rebuilt in");
    server.wait_log("search index");
    assert_eq!(server.get("people/lisbeth-olsson/").0, 404);
    let fetched = server.fetch_all(&served);
    let with_her: Vec<&String> = fetched
        .iter()
        .filter(|(_, body)| fold(&String::from_utf8_lossy(body)).contains("olsson"))
        .map(|(path, _)| path)
        .collect();
    assert!(with_her.is_empty(), "{with_her:?}");
    assert!(!served.join("people/lisbeth-olsson").exists());
}
