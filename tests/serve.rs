//! Starts `quorum serve` on a free port against a temp site and drives it over HTTP:
//! incremental rebuilds, live-reload events, error reporting and recovery.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use common::*;

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

fn start(root: &std::path::Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_quorum"))
        .args(["serve", "--port", "0", "--root"])
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
    // From here on, dropping the server (also on a failed assertion) stops the process.
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

impl Server {
    fn get(&self, path: &str) -> (u16, String, String) {
        let url = format!("http://{}{path}", self.address);
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .new_agent();
        let mut response = agent.get(&url).call().unwrap();
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        (
            status,
            content_type,
            response.body_mut().read_to_string().unwrap(),
        )
    }

    /// Waits for a log line containing `needle`.
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
}

/// A connected live-reload client.
struct Events(TcpStream, String);

impl Events {
    fn connect(address: &str) -> Events {
        let mut stream = TcpStream::connect(address).unwrap();
        write!(
            stream,
            "GET /__quorum/events HTTP/1.1\r\nHost: {address}\r\n\r\n"
        )
        .unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        let mut events = Events(stream, String::new());
        events.wait_for(": connected");
        events
    }

    fn wait_for(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut buffer = [0u8; 4096];
        while !self.1.contains(needle) {
            assert!(Instant::now() < deadline, "no {needle:?} in {:?}", self.1);
            if let Ok(n) = self.0.read(&mut buffer) {
                self.1.push_str(&String::from_utf8_lossy(&buffer[..n]));
            }
        }
        let end = self.1.find(needle).unwrap() + needle.len();
        let seen: String = self.1.drain(..end).collect();
        seen
    }
}

fn meeting(date: &str, text: &str) -> String {
    format!("---\ndate: {date}\nbody: Nätverket\n---\n## Punkt (Anna Berg, SKR)\n\n{text}\n\nBeslut: Noteras.\n")
}

fn mtime(path: &std::path::Path) -> std::time::SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn serves_rebuilds_incrementally_reloads_and_recovers() {
    let site = fixture(&[
        (
            "content/2020/a.md",
            &meeting("2020-01-10", "Första versionen."),
        ),
        (
            "content/2020/b.md",
            &meeting("2020-02-10", "Ett annat möte."),
        ),
        (
            "content/2020/c.md",
            &meeting("2020-03-10", "Ett tredje möte."),
        ),
    ]);
    let server = start(site.path());

    // Pages, content types, folders, 404, and nothing outside the output folder.
    let (status, content_type, html) = server.get("/meetings/a/");
    assert_eq!(status, 200);
    assert_eq!(content_type, "text/html; charset=utf-8");
    assert!(html.contains("Första versionen."));
    assert!(
        html.contains("/__quorum/events"),
        "the live-reload script is injected when served"
    );
    let on_disk =
        std::fs::read_to_string(site.path().join("public/meetings/a/index.html")).unwrap();
    assert!(
        !on_disk.contains("/__quorum/events"),
        "but never written to the files"
    );
    assert_eq!(server.get("/style.css").1, "text/css; charset=utf-8");
    assert_eq!(server.get("/nowhere/").0, 404);
    assert_eq!(server.get("/../content/2020/a.md").0, 404);
    assert_eq!(server.get("/%2e%2e/content/2020/a.md").0, 404);

    let untouched = site.path().join("public/meetings/c/index.html");
    let untouched_before = mtime(&untouched);
    std::thread::sleep(Duration::from_millis(50));
    let mut events = Events::connect(&server.address);

    // Edit one meeting's text: its page changes, an unrelated meeting's page is not rewritten.
    std::fs::write(
        site.path().join("content/2020/a.md"),
        meeting("2020-01-10", "Andra versionen."),
    )
    .unwrap();
    events.wait_for("event: reload");
    let line = server.wait_log("rebuilt in");
    assert!(line.contains("1 page(s) rendered, 1 written"), "{line}");
    assert!(server.get("/meetings/a/").2.contains("Andra versionen."));
    assert_eq!(
        mtime(&untouched),
        untouched_before,
        "an unrelated meeting page was rewritten"
    );

    // Break the front matter: the error is reported, the last good page stays served.
    std::fs::write(
        site.path().join("content/2020/a.md"),
        "---\ndate: 2020-01-10\ntitle: [oops\n---\nTredje.\n",
    )
    .unwrap();
    let error = events.wait_for("event: build-error");
    let error = events.wait_for("\n\n").to_string() + &error;
    assert!(error.contains("content/2020/a.md:3"), "{error}");
    server.wait_log("content/2020/a.md:3");
    assert!(server.get("/meetings/a/").2.contains("Andra versionen."));

    // Fix it: the site recovers and reloads.
    std::fs::write(
        site.path().join("content/2020/a.md"),
        meeting("2020-01-10", "Fjärde versionen."),
    )
    .unwrap();
    events.wait_for("event: reload");
    assert!(server.get("/meetings/a/").2.contains("Fjärde versionen."));
}

/// The data of the next reload event: the pages to reload, or None for every page.
fn next_reload(events: &mut Events) -> Option<Vec<String>> {
    events.wait_for("event: reload\ndata: ");
    let data = events.wait_for("\n\n");
    serde_json::from_str(data.trim()).ok()
}

#[test]
fn an_edited_meetings_page_reloads_first_then_the_pages_that_show_it() {
    let site = fixture(&[
        ("content/2020/a.md", &meeting("2020-01-10", "Första.")),
        ("content/2020/b.md", &meeting("2020-02-10", "Andra.")),
    ]);
    let server = start(site.path());
    let mut events = Events::connect(&server.address);

    // A decision added shows on the meeting's page and on its year's decisions.
    std::fs::write(
        site.path().join("content/2020/a.md"),
        meeting(
            "2020-01-10",
            "Första.\n\nBeslut: Nätverket inrättar en arbetsgrupp.",
        ),
    )
    .unwrap();
    let first = next_reload(&mut events);
    assert_eq!(first.as_deref(), Some(&["/meetings/a/".to_string()][..]));
    server.wait_log("/meetings/a/ written in");
    assert!(server
        .get("/meetings/a/")
        .2
        .contains("inrättar en arbetsgrupp"));
    let rest = next_reload(&mut events).expect("a list of pages");
    assert!(rest.contains(&"/decisions/2020/".to_string()), "{rest:?}");
    assert!(
        !rest.contains(&"/meetings/a/".to_string()),
        "the meeting's page reloads once: {rest:?}"
    );
    server.wait_log("rebuilt in");
    assert!(server
        .get("/decisions/2020/")
        .2
        .contains("inrättar en arbetsgrupp"));
}

#[test]
fn a_templates_folder_made_while_serving_is_watched() {
    let site = fixture(&[(
        "content/2020/a.md",
        &meeting("2020-01-10", "Första versionen."),
    )]);
    assert!(!site.path().join("templates").exists());
    let server = start(site.path());
    assert!(!server.get("/404.html").2.contains("id=\"own\""));
    let mut events = Events::connect(&server.address);

    // The folder and a template in it, as an editor or `mkdir` + save would make them.
    let templates = site.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(
        templates.join("404.html"),
        "{% extends \"base.html\" %}{% block content %}<p id=\"own\">Borta</p>{% endblock content %}",
    )
    .unwrap();
    events.wait_for("event: reload");
    let deadline = Instant::now() + Duration::from_secs(30);
    while !server.get("/404.html").2.contains("id=\"own\"") {
        assert!(Instant::now() < deadline, "the new template was not used");
        std::thread::sleep(Duration::from_millis(100));
    }

    // An edit inside the new folder is seen too: it is watched now.
    std::fs::write(
        templates.join("404.html"),
        "{% extends \"base.html\" %}{% block content %}<p id=\"own\">Finns inte</p>{% endblock content %}",
    )
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !server.get("/404.html").2.contains("Finns inte") {
        assert!(
            Instant::now() < deadline,
            "an edit in the new folder was missed"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn an_output_folder_containing_the_content_is_refused() {
    let site = fixture(&[("content/a.md", "---\ndate: 2020-01-01\n---\n")]);
    let out = Command::new(env!("CARGO_BIN_EXE_quorum"))
        .args(["serve", "--port", "0", "--output"])
        .arg(site.path())
        .arg("--root")
        .arg(site.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("refusing"));
}

/// Sends `request` as it is and returns the whole answer (the server closes the connection).
fn raw(address: &str, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let _ = stream.write_all(request);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

#[test]
fn the_dev_server_limits_requests_and_never_redirects_to_another_host() {
    let site = fixture(&[("content/2021/a.md", &meeting("2021-01-01", "## 1) Punkt\n"))]);
    let server = start(site.path());
    let address = server.address.clone();

    // `//meetings` is a folder: the redirect keeps the browser on this host.
    let answer = raw(&address, b"GET //meetings HTTP/1.1\r\nHost: x\r\n\r\n");
    assert!(answer.starts_with("HTTP/1.1 301"), "{answer}");
    assert!(answer.contains("\r\nLocation: /meetings/\r\n"), "{answer}");

    // Only GET and HEAD, and the 405 says so.
    let answer = raw(&address, b"POST / HTTP/1.1\r\nHost: x\r\n\r\n");
    assert!(answer.starts_with("HTTP/1.1 405"), "{answer}");
    assert!(answer.contains("\r\nAllow: GET, HEAD\r\n"), "{answer}");

    // A huge header is refused once past the limit, not read into memory.
    let mut request = b"GET / HTTP/1.1\r\nX-Big: ".to_vec();
    request.extend(std::iter::repeat_n(b'a', 4 * 1024 * 1024));
    let answer = raw(&address, &request);
    assert!(
        answer.starts_with("HTTP/1.1 431"),
        "{}",
        &answer[..answer.len().min(200)]
    );
    let answer = raw(
        &address,
        format!("GET /{} HTTP/1.1\r\n", "a".repeat(20_000)).as_bytes(),
    );
    assert!(answer.starts_with("HTTP/1.1 414"), "{answer}");

    // Idle connections: at most 64 at once, each closed after 10 s without a request.
    let idle: Vec<TcpStream> = (0..64)
        .map(|_| TcpStream::connect(&address).unwrap())
        .collect();
    // The server counts a connection once its accepting thread gets to it: on a busy
    // machine (the other tests build sites) that can take a while.
    let deadline = Instant::now() + Duration::from_secs(10);
    let answer = loop {
        std::thread::sleep(Duration::from_millis(100));
        let answer = raw(&address, b"GET / HTTP/1.1\r\n\r\n");
        if answer.starts_with("HTTP/1.1 503") || Instant::now() > deadline {
            break answer;
        }
    };
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    let started = Instant::now();
    let mut first = &idle[0];
    first
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut answer = String::new();
    let _ = first.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(15));
    std::thread::sleep(Duration::from_millis(500));
    let (status, _, _) = server.get("/");
    assert_eq!(status, 200);
    drop(idle);
}
#[test]
fn a_registry_edit_renames_everywhere() {
    let people = "anna-berg:\n  name: Anna Berg\n  organisation: skr\n";
    let organisations = "skr:\n  name: Sveriges Kommuner och Regioner\n  short: SKR\n";
    let site = fixture(&[
        ("content/people.yaml", people),
        ("content/organisations.yaml", organisations),
        (
            "content/2020/a.md",
            &meeting("2020-01-10", "Första versionen."),
        ),
    ]);
    let server = start(site.path());
    let (status, _, person) = server.get("/people/anna-berg/");
    assert_eq!(status, 200);
    assert!(person.contains("Anna Berg"));
    let mut events = Events::connect(&server.address);

    std::fs::write(
        site.path().join("content/people.yaml"),
        people.replace("name: Anna Berg", "name: Anna Berg-Lind"),
    )
    .unwrap();
    events.wait_for("event: reload");
    server.wait_log("rebuilt in");
    for path in ["/people/anna-berg/", "/people/", "/meetings/a/"] {
        let html = server.get(path).2;
        assert!(
            html.contains("Anna Berg-Lind"),
            "{path} still has the old name"
        );
    }

    std::fs::write(
        site.path().join("content/organisations.yaml"),
        organisations.replace("Sveriges Kommuner och Regioner", "Kommunförbundet"),
    )
    .unwrap();
    events.wait_for("event: reload");
    server.wait_log("rebuilt in");
    for path in [
        "/organisations/skr/",
        "/organisations/",
        "/people/anna-berg/",
    ] {
        let html = server.get(path).2;
        assert!(
            html.contains("Kommunförbundet"),
            "{path} still has the old name"
        );
    }
}
