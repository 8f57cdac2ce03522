//! Publishing on real web servers: nginx and Apache httpd (Debian's packages) serve the
//! example site under `/minnen/`, each configured with the snippet from `docs/servers/`
//! (`nginx.conf`, `apache.conf`) as a user would paste it, only the folder changed to the
//! temp folder. Over HTTP, for each server: every link of every page reached from
//! `/minnen/` (and every URL in the feeds, the sitemap and `archive.json`) answers 200 and
//! stays under `/minnen/`, the links reach every page, and every other file of the output
//! (the search index) is served too; a missing page gets the 404 page with status 404, and its
//! stylesheet and links resolve; content types say `charset=utf-8`; a folder without its
//! slash redirects to the slash form on the same host; pages and assets are sent with
//! `Cache-Control: no-cache` and answer a revalidation with 304. With nginx: a rebuild into
//! the folder it serves never gives a client an error or a cut-off page. And the README
//! shows the same snippets as `docs/servers/`.
//!
//! Each server runs as a standalone process with its own configuration in a temp folder, on
//! a free port of 127.0.0.1, and is stopped when the test ends. When nginx or apache2 is not
//! installed, its tests print a notice and pass; with `CI` set they fail instead and say how
//! to install them (`.ci/run` does).

mod common;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fs::File;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::*;
use scraper::{Html, Selector};

/// The folder the snippets in `docs/servers/` serve; the tests put the temp folder there.
const DOCUMENTED_FOLDER: &str = "/srv/quorum/public";
/// The path the snippets serve the site under.
const BASE: &str = "/minnen/";

#[derive(Clone, Copy, Debug)]
enum Kind {
    Nginx,
    Apache,
}

impl Kind {
    fn program(self) -> &'static str {
        match self {
            Kind::Nginx => "nginx",
            Kind::Apache => "apache2",
        }
    }

    fn snippet_file(self) -> &'static str {
        match self {
            Kind::Nginx => "nginx.conf",
            Kind::Apache => "apache.conf",
        }
    }
}

/// The server's binary; `None` (with a notice) when it is not installed, unless `CI` is set:
/// then the test fails, saying how to install it.
fn installed(kind: Kind) -> Option<PathBuf> {
    let program = kind.program();
    let path = std::env::var_os("PATH").unwrap_or_default();
    let found = std::env::split_paths(&path)
        .chain(["/usr/sbin", "/usr/local/sbin", "/sbin"].map(PathBuf::from))
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file());
    if found.is_none() {
        let install = "install Debian's packages (as root): apt-get install -y nginx apache2";
        assert!(
            std::env::var_os("CI").is_none(),
            "{program} is not installed and CI is set, so this test cannot be skipped: {install} (.ci/run does)"
        );
        eprintln!("NOTICE: {program} is not installed, test skipped; to run it, {install}");
    }
    found
}

fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|line| line.strip_prefix("Uid:"))
        .and_then(|ids| ids.split_whitespace().nth(1).map(|euid| euid == "0"))
        .unwrap_or(false)
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `quorum build` of the example site into `public`, published at `base_url`.
fn build_example_site(public: &Path, base_url: &str) {
    let out = Command::new(env!("CARGO_BIN_EXE_quorum"))
        .arg("build")
        .arg("--root")
        .arg(example_root())
        .args(["--base-url", base_url, "--output"])
        .arg(public)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "quorum build failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The snippet of `docs/servers/` as a user pastes it, serving `public` instead of the
/// documented folder (the only change).
fn snippet_serving(kind: Kind, public: &Path) -> String {
    let file = example_root()
        .join("docs/servers")
        .join(kind.snippet_file());
    let snippet = std::fs::read_to_string(&file).unwrap();
    assert!(
        snippet.contains(DOCUMENTED_FOLDER),
        "{} does not serve {DOCUMENTED_FOLDER}",
        file.display()
    );
    snippet.replace(DOCUMENTED_FOLDER, public.to_str().unwrap())
}

/// A web server serving the example site (built for it) under `/minnen/` on 127.0.0.1.
/// Dropping it stops the server and every process it started.
struct WebServer {
    kind: Kind,
    child: Child,
    origin: String,
    dir: tempfile::TempDir,
}

impl Drop for WebServer {
    fn drop(&mut self) {
        // The server runs in its own process group: stop the master and its workers.
        let group = format!("-{}", self.child.id());
        let signal = |name: &str| {
            let _ = Command::new("kill")
                .args([name, "--", &group])
                .stderr(Stdio::null())
                .status();
        };
        signal("-TERM");
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        signal("-KILL");
        let _ = self.child.wait();
    }
}

impl WebServer {
    /// Builds the example site for a new server of `kind` and starts it; `None` when the
    /// server is not installed (and `CI` is not set).
    fn start(kind: Kind) -> Option<WebServer> {
        let program = installed(kind)?;
        let dir = tempfile::tempdir().unwrap();
        // As root, nginx's and Apache's workers run as nobody and must be able to read the site.
        std::fs::set_permissions(
            dir.path(),
            std::os::unix::fs::PermissionsExt::from_mode(0o755),
        )
        .unwrap();
        let tmp = dir.path().to_str().unwrap().to_string();
        let public = dir.path().join("public");
        let port = free_port();
        let origin = format!("http://127.0.0.1:{port}");
        build_example_site(&public, &format!("{origin}{BASE}"));
        std::fs::create_dir(dir.path().join("empty")).unwrap();
        let snippet = snippet_serving(kind, &public);
        let root = running_as_root();

        let mut command = Command::new(&program);
        match kind {
            Kind::Nginx => {
                let user = if root { "user nobody nogroup;" } else { "" };
                let config = format!(
                    "{user}\nworker_processes 1;\nevents {{ worker_connections 256; }}\n\
                     http {{\n\
                     include /etc/nginx/mime.types;\n\
                     default_type application/octet-stream;\n\
                     access_log off;\n\
                     client_body_temp_path {tmp}/client_body;\n\
                     proxy_temp_path {tmp}/proxy;\n\
                     fastcgi_temp_path {tmp}/fastcgi;\n\
                     uwsgi_temp_path {tmp}/uwsgi;\n\
                     scgi_temp_path {tmp}/scgi;\n\
                     server {{\n\
                     listen 127.0.0.1:{port};\n\
                     server_name 127.0.0.1;\n\
                     root {tmp}/empty;\n\
                     {snippet}\n\
                     }}\n}}\n"
                );
                std::fs::write(dir.path().join("nginx.conf"), config).unwrap();
                command
                    .arg("-p")
                    .arg(&tmp)
                    .arg("-e")
                    .arg("stderr")
                    .arg("-c")
                    .arg(format!("{tmp}/nginx.conf"))
                    .arg("-g")
                    .arg(format!("daemon off; pid {tmp}/nginx.pid;"));
            }
            Kind::Apache => {
                let modules = "/usr/lib/apache2/modules";
                let user = if root {
                    "User nobody\nGroup nogroup"
                } else {
                    ""
                };
                let load: String = ["mpm_event", "authz_core", "mime", "dir", "alias", "headers"]
                    .iter()
                    .map(|m| format!("LoadModule {m}_module {modules}/mod_{m}.so\n"))
                    .collect();
                let config = format!(
                    "ServerRoot {tmp}\n{load}{user}\n\
                     Listen 127.0.0.1:{port}\n\
                     ServerName 127.0.0.1\n\
                     PidFile {tmp}/httpd.pid\n\
                     DefaultRuntimeDir {tmp}\n\
                     ErrorLog /dev/stderr\n\
                     LogLevel warn\n\
                     TypesConfig /etc/mime.types\n\
                     StartServers 1\n\
                     DocumentRoot {tmp}/empty\n\
                     <Directory />\n  AllowOverride None\n  Require all denied\n</Directory>\n\
                     {snippet}\n"
                );
                std::fs::write(dir.path().join("httpd.conf"), config).unwrap();
                command
                    .arg("-f")
                    .arg(format!("{tmp}/httpd.conf"))
                    .arg("-DFOREGROUND");
            }
        }
        let log = File::create(dir.path().join("server.log")).unwrap();
        let child = command
            .process_group(0)
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("{}: {e}", program.display()));
        let mut server = WebServer {
            kind,
            child,
            origin,
            dir,
        };
        server.wait_until_listening(port);
        Some(server)
    }

    fn wait_until_listening(&mut self, port: u16) {
        let address = SocketAddr::from(([127, 0, 0, 1], port));
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("{:?} exited ({status}):\n{}", self.kind, self.log());
            }
            if TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok() {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{:?} does not listen on {port}:\n{}",
                self.kind,
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
    }

    fn public(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    fn get(&self, path: &str) -> Reply {
        get(&format!("{}{path}", self.origin), &[])
    }
}

/// A response, read whole.
struct Reply {
    status: u16,
    headers: ureq::http::HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }

    /// The `Content-Type`, in lower case without spaces (`text/html;charset=utf-8`).
    fn content_type(&self) -> String {
        squeeze(self.header("content-type").unwrap_or(""))
    }

    fn text(&self) -> &str {
        std::str::from_utf8(&self.body).expect("the response is not UTF-8")
    }
}

fn squeeze(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

/// GET without following redirects, with the given request headers.
fn get(url: &str, headers: &[(&str, &str)]) -> Reply {
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .new_agent();
    let mut request = agent.get(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut response = request.call().unwrap_or_else(|e| panic!("GET {url}: {e}"));
    let body = response
        .body_mut()
        .with_config()
        .limit(64 << 20)
        .read_to_vec()
        .unwrap_or_else(|e| panic!("GET {url}: reading the body: {e}"));
    Reply {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body,
    }
}

/// The `Content-Type` the snippets are to give a file, by its path (a folder: its
/// index.html); `None` for types the tests do not check.
fn expected_content_type(path: &str) -> Option<&'static str> {
    let path = path.split('?').next().unwrap();
    let extension = if path.ends_with('/') {
        "html"
    } else {
        path.rsplit_once('.').map_or("", |(_, extension)| extension)
    };
    Some(match extension {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "svg" => "image/svg+xml",
        _ => return None,
    })
}

/// Where `link` on the page at `page` (a path from the host root) leads, as a path from
/// the host root with any query but no fragment; `None` for other hosts, other schemes
/// (`mailto:`) and links within the page.
fn resolve(origin: &str, page: &str, link: &str) -> Option<String> {
    let link = link.split('#').next().unwrap();
    if link.is_empty() {
        return None;
    }
    if let Some(rest) = link.strip_prefix(origin) {
        return match rest {
            "" => Some("/".to_string()),
            _ if rest.starts_with('/') => Some(normalise(rest)),
            _ => None, // another port
        };
    }
    let scheme = link
        .find(':')
        .is_some_and(|colon| !link[..colon].contains(['/', '?']));
    if scheme || link.starts_with("//") {
        return None;
    }
    let page = page.split('?').next().unwrap();
    let joined = if link.starts_with('/') {
        link.to_string()
    } else if link.starts_with('?') {
        format!("{page}{link}")
    } else {
        format!("{}{link}", &page[..=page.rfind('/').unwrap()])
    };
    Some(normalise(&joined))
}

/// Removes `.` and `..` segments from a path (keeping its query).
fn normalise(path_and_query: &str) -> String {
    let (path, query) = match path_and_query.split_once('?') {
        Some((path, query)) => (path, format!("?{query}")),
        None => (path_and_query, String::new()),
    };
    let mut segments: Vec<&str> = Vec::new();
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    for (i, part) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        match *part {
            "." => {}
            ".." => {
                segments.pop();
            }
            _ => segments.push(part),
        }
        if last && matches!(*part, "." | "..") {
            segments.push("");
        }
    }
    format!("/{}{query}", segments.join("/"))
}

/// The links of an HTML page: `href`, `src` and form `action`s.
fn html_links(html: &Html) -> Vec<String> {
    let selector = Selector::parse(
        "a[href], link[href], script[src], img[src], source[src], iframe[src], form[action]",
    )
    .unwrap();
    html.select(&selector)
        .filter_map(|e| {
            let v = e.value();
            v.attr("href").or(v.attr("src")).or(v.attr("action"))
        })
        .map(str::to_string)
        .collect()
}

/// The URLs in a feed or sitemap: every `href` and `<loc>`.
fn xml_links(text: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(text).expect("the XML does not parse");
    doc.descendants()
        .filter_map(|node| {
            node.attribute("href").or_else(|| {
                (node.tag_name().name() == "loc")
                    .then(|| node.text())
                    .flatten()
            })
        })
        .map(str::to_string)
        .collect()
}

/// Every string in a JSON document that is a URL on `origin`.
fn json_links(text: &str, origin: &str) -> Vec<String> {
    fn walk(value: &serde_json::Value, origin: &str, out: &mut Vec<String>) {
        match value {
            serde_json::Value::String(s) if s.starts_with(origin) => out.push(s.clone()),
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, origin, out)),
            serde_json::Value::Object(map) => map.values().for_each(|v| walk(v, origin, out)),
            _ => {}
        }
    }
    let value: serde_json::Value = serde_json::from_str(text).expect("the JSON does not parse");
    let mut out = Vec::new();
    walk(&value, origin, &mut out);
    out
}

/// Checks the headers every file of the site is served with: its content type, and
/// `Cache-Control: no-cache` with a validator to revalidate against.
fn header_problems(path: &str, reply: &Reply) -> Vec<String> {
    let mut problems = Vec::new();
    if let Some(expected) = expected_content_type(path) {
        if reply.content_type() != squeeze(expected) {
            problems.push(format!(
                "{path}: Content-Type {:?}, not {expected:?}",
                reply.header("content-type")
            ));
        }
    }
    if reply.header("cache-control") != Some("no-cache") {
        problems.push(format!(
            "{path}: Cache-Control {:?}, not \"no-cache\"",
            reply.header("cache-control")
        ));
    }
    if reply.header("etag").is_none() || reply.header("last-modified").is_none() {
        problems.push(format!("{path}: no ETag or Last-Modified to revalidate"));
    }
    problems
}

/// Follows every link from `/minnen/` (and from the feeds, sitemap and archive.json),
/// returning the paths fetched and what was wrong: a status other than 200, a link that
/// leaves `/minnen/` on this host, a wrong header.
fn crawl(server: &WebServer) -> (BTreeSet<String>, Vec<String>) {
    let origin = &server.origin;
    let mut queue: VecDeque<(String, String)> = [
        "",
        "sitemap.xml",
        "atom.xml",
        "decisions/atom.xml",
        "archive.json",
    ]
    .iter()
    .map(|p| (format!("{BASE}{p}"), "the start".to_string()))
    .collect();
    let mut seen: BTreeSet<String> = queue.iter().map(|(p, _)| p.clone()).collect();
    let mut problems = Vec::new();
    while let Some((path, from)) = queue.pop_front() {
        let reply = server.get(&path);
        if reply.status != 200 {
            problems.push(format!(
                "{path} (linked from {from}): status {}",
                reply.status
            ));
            continue;
        }
        problems.extend(header_problems(&path, &reply));
        let file = path.split('?').next().unwrap();
        let links = if reply.content_type().starts_with("text/html") {
            html_links(&Html::parse_document(reply.text()))
        } else if file.ends_with(".xml") {
            xml_links(reply.text())
        } else if file.ends_with(".json") {
            json_links(reply.text(), origin)
        } else {
            Vec::new()
        };
        for link in links {
            let Some(target) = resolve(origin, &path, &link) else {
                continue;
            };
            if !target.starts_with(BASE) {
                problems.push(format!(
                    "{path}: {link:?} leads to {target}, outside {BASE}"
                ));
            } else if seen.insert(target.clone()) {
                queue.push_back((target, path.clone()));
            }
        }
    }
    (seen, problems)
}

fn every_link_answers_200(kind: Kind) {
    let Some(server) = WebServer::start(kind) else {
        return;
    };
    let (fetched, problems) = crawl(&server);
    assert!(
        problems.is_empty(),
        "{kind:?}, {} problem(s):\n{}\n{}",
        problems.len(),
        problems.join("\n"),
        server.log()
    );
    // The crawl reached the whole site: every HTML file but 404.html, which nothing links to.
    let files: Vec<String> = walkdir::WalkDir::new(server.public())
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(server.public()).unwrap();
            format!("{BASE}{}", relative.to_str().unwrap()).replace("/index.html", "/")
        })
        .collect();
    let unreached: Vec<&String> = files
        .iter()
        .filter(|p| (p.ends_with('/') || p.ends_with(".html")) && !fetched.contains(*p))
        .collect();
    assert_eq!(
        unreached,
        [&format!("{BASE}404.html")],
        "{kind:?}: pages no link leads to"
    );
    // Files only scripts ask for (the search index) are served right as well.
    let problems: Vec<String> = files
        .iter()
        .filter(|p| !fetched.contains(*p))
        .flat_map(|path| {
            let reply = server.get(path);
            match reply.status {
                200 => header_problems(path, &reply),
                status => vec![format!("{path}: status {status}")],
            }
        })
        .collect();
    assert!(problems.is_empty(), "{kind:?}:\n{}", problems.join("\n"));
}

fn a_missing_page_gets_the_404_page(kind: Kind) {
    let Some(server) = WebServer::start(kind) else {
        return;
    };
    let on_disk =
        Html::parse_document(&std::fs::read_to_string(server.public().join("404.html")).unwrap());
    let heading = texts(&on_disk, "h1");
    assert_eq!(heading.len(), 1);
    for path in [
        "/minnen/no-such-page",
        "/minnen/meetings/2099/no-such-meeting/",
        "/minnen/people/nobody/cv.html",
    ] {
        let reply = server.get(path);
        assert_eq!(reply.status, 404, "{kind:?} {path}");
        assert_eq!(
            reply.content_type(),
            "text/html;charset=utf-8",
            "{kind:?} {path}"
        );
        let html = Html::parse_document(reply.text());
        assert_eq!(
            texts(&html, "h1"),
            heading,
            "{kind:?} {path}: not the site's 404 page"
        );
        let stylesheets = select(&html, "link[rel=stylesheet]");
        assert!(!stylesheets.is_empty(), "{kind:?} {path}: no stylesheet");
        for link in html_links(&html) {
            // As a browser resolves them: from the address asked for, not from 404.html.
            let Some(target) = resolve(&server.origin, path, &link) else {
                continue;
            };
            assert!(
                target.starts_with(BASE),
                "{kind:?} {path}: {link:?} leads to {target}, outside {BASE}"
            );
            let linked = server.get(&target);
            assert_eq!(linked.status, 200, "{kind:?} {path}: {link:?} → {target}");
            if let Some(expected) = expected_content_type(&target) {
                assert_eq!(linked.content_type(), squeeze(expected), "{target}");
            }
        }
    }
}

fn headers_and_redirects_are_right(kind: Kind) {
    let Some(server) = WebServer::start(kind) else {
        return;
    };
    let calendars: Vec<String> = walkdir::WalkDir::new(server.public())
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "ics"))
        .map(|e| {
            let relative = e.path().strip_prefix(server.public()).unwrap();
            format!("{BASE}{}", relative.to_str().unwrap())
        })
        .collect();
    let named = [
        "/minnen/",
        "/minnen/meetings/2022-01-28-socialchefsnatverk-fyrbodal/",
        "/minnen/404.html",
        "/minnen/style.css",
        "/minnen/search.js",
        "/minnen/archive.json",
        "/minnen/atom.xml",
        "/minnen/decisions/atom.xml",
        "/minnen/sitemap.xml",
        "/minnen/favicon.svg",
    ];
    for path in named
        .iter()
        .copied()
        .chain(calendars.iter().map(String::as_str))
    {
        let reply = server.get(path);
        assert_eq!(reply.status, 200, "{kind:?} {path}");
        let problems = header_problems(path, &reply);
        assert!(problems.is_empty(), "{kind:?}: {}", problems.join("\n"));

        // Revalidation: an unchanged file is not sent again.
        let url = format!("{}{path}", server.origin);
        let etag = reply.header("etag").unwrap();
        let again = get(&url, &[("If-None-Match", etag)]);
        assert_eq!(again.status, 304, "{kind:?} {path} with If-None-Match");
        let since = reply.header("last-modified").unwrap();
        let again = get(&url, &[("If-Modified-Since", since)]);
        assert_eq!(again.status, 304, "{kind:?} {path} with If-Modified-Since");
    }

    // A folder without its slash: 301 to the slash form, on the same host and port.
    for path in [
        "/minnen",
        "/minnen/meetings",
        "/minnen/meetings/2020",
        "/minnen/meetings/2022-01-28-socialchefsnatverk-fyrbodal",
    ] {
        let reply = server.get(path);
        assert_eq!(reply.status, 301, "{kind:?} {path}");
        let location = reply
            .header("location")
            .unwrap_or_else(|| panic!("{kind:?} {path}: no Location"));
        assert_eq!(
            resolve(&server.origin, path, location),
            Some(format!("{path}/")),
            "{kind:?} {path}: Location {location}"
        );
        assert!(
            !location.contains("://") || location.starts_with(&format!("{}/", server.origin)),
            "{kind:?} {path}: Location {location} is on another host"
        );
    }
}

#[test]
fn nginx_serves_every_link_and_every_file_of_the_site_under_minnen() {
    every_link_answers_200(Kind::Nginx);
}

#[test]
fn apache_serves_every_link_and_every_file_of_the_site_under_minnen() {
    every_link_answers_200(Kind::Apache);
}

#[test]
fn nginx_answers_a_missing_page_with_the_404_page_whose_styles_and_links_work() {
    a_missing_page_gets_the_404_page(Kind::Nginx);
}

#[test]
fn apache_answers_a_missing_page_with_the_404_page_whose_styles_and_links_work() {
    a_missing_page_gets_the_404_page(Kind::Apache);
}

#[test]
fn nginx_sends_utf8_types_and_revalidation_headers_and_adds_the_slash_to_folders() {
    headers_and_redirects_are_right(Kind::Nginx);
}

#[test]
fn apache_sends_utf8_types_and_revalidation_headers_and_adds_the_slash_to_folders() {
    headers_and_redirects_are_right(Kind::Apache);
}

#[test]
fn rebuilding_into_the_folder_nginx_serves_never_shows_an_error_or_a_partial_page() {
    let Some(server) = WebServer::start(Kind::Nginx) else {
        return;
    };
    let origin = server.origin.clone();
    let stop = Arc::new(AtomicBool::new(false));
    let client = {
        let stop = Arc::clone(&stop);
        let origin = origin.clone();
        std::thread::spawn(move || {
            let paths = [
                "/minnen/",
                "/minnen/meetings/",
                "/minnen/meetings/2022-01-28-socialchefsnatverk-fyrbodal/",
                "/minnen/style.css",
            ];
            let canonical = Selector::parse("link[rel=canonical]").unwrap();
            let started = Instant::now();
            let mut problems = Vec::new();
            let mut versions = BTreeSet::new();
            let mut requests = 0;
            while !stop.load(Ordering::Relaxed)
                && requests < 2_000
                && started.elapsed() < Duration::from_secs(20)
            {
                let path = paths[requests % paths.len()];
                requests += 1;
                let reply = get(&format!("{origin}{path}"), &[]);
                if reply.status != 200 {
                    problems.push(format!("{path}: status {}", reply.status));
                    continue;
                }
                if !path.ends_with('/') {
                    continue;
                }
                let text = reply.text();
                if !text.trim_end().ends_with("</html>") {
                    problems.push(format!("{path}: cut off after {} bytes", text.len()));
                    continue;
                }
                let html = Html::parse_document(text);
                match html.select(&canonical).next() {
                    Some(link) => {
                        versions.insert(link.value().attr("href").unwrap().to_string());
                    }
                    None => problems.push(format!("{path}: no canonical link")),
                }
                if texts(&html, "h1").is_empty() {
                    problems.push(format!("{path}: no h1"));
                }
            }
            (requests, problems, versions)
        })
    };

    // Three rebuilds, each changing every page (the canonical links follow the base URL).
    let port = origin.rsplit(':').next().unwrap();
    for base_url in [
        format!("http://localhost:{port}{BASE}"),
        format!("{origin}{BASE}"),
        format!("http://localhost:{port}{BASE}"),
    ] {
        std::thread::sleep(Duration::from_millis(150));
        build_example_site(&server.public(), &base_url);
    }
    std::thread::sleep(Duration::from_millis(150));
    stop.store(true, Ordering::Relaxed);
    let (requests, problems, versions) = client.join().unwrap();
    assert!(
        problems.is_empty(),
        "{} of {requests} responses wrong:\n{}",
        problems.len(),
        problems.join("\n")
    );
    let hosts: BTreeSet<&str> = versions
        .iter()
        .filter_map(|href| href.split('/').nth(2))
        .collect();
    assert_eq!(
        hosts.len(),
        2,
        "the client did not see the pages change ({requests} requests): {versions:?}"
    );
}

/// The fenced code blocks of the README's "Web servers" section (under "Publishing"),
/// without their list indentation: (language, text).
fn readme_server_blocks() -> Vec<(String, String)> {
    let readme = std::fs::read_to_string(example_root().join("README.md")).unwrap();
    let start = readme
        .find("\n### Web servers\n")
        .expect("README.md has no \"### Web servers\" section");
    let section = &readme[start + 1..];
    // Up to the next heading (`#` lines inside the code blocks are comments, not `## `).
    let end = ["\n## ", "\n### "]
        .iter()
        .filter_map(|heading| section.find(heading))
        .min()
        .unwrap_or(section.len());
    let mut blocks = Vec::new();
    let mut lines = section[..end].lines();
    while let Some(line) = lines.next() {
        let Some(language) = line.trim_start().strip_prefix("```") else {
            continue;
        };
        let indent = line.len() - line.trim_start().len();
        let mut text = String::new();
        for line in lines.by_ref() {
            if line.trim() == "```" {
                break;
            }
            text.push_str(line.get(indent..).unwrap_or(line.trim_start()));
            text.push('\n');
        }
        blocks.push((language.to_string(), text));
    }
    blocks
}

#[test]
fn the_readme_shows_the_same_server_configurations_as_docs_servers() {
    let blocks = readme_server_blocks();
    let mut shown = BTreeMap::new();
    for (language, text) in &blocks {
        let file = match language.as_str() {
            "nginx" => "nginx.conf",
            "apache" => "apache.conf",
            "xml" => "web.config",
            other => panic!("README's Web servers section has a {other:?} block: only nginx, apache and xml blocks, each a copy of a file in docs/servers/"),
        };
        let path = example_root().join("docs/servers").join(file);
        let expected = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text, &expected,
            "README's {language} block is not docs/servers/{file}: copy the file into README.md"
        );
        shown.insert(file, ());
    }
    assert!(
        shown.contains_key("nginx.conf") && shown.contains_key("apache.conf"),
        "README's Web servers section shows {:?}, not both nginx.conf and apache.conf",
        shown.keys().collect::<Vec<_>>()
    );
}

#[test]
fn links_resolve_as_a_browser_resolves_them() {
    let origin = "http://127.0.0.1:8080";
    let page = "/minnen/meetings/2020/";
    assert_eq!(
        resolve(origin, page, "../").as_deref(),
        Some("/minnen/meetings/")
    );
    assert_eq!(
        resolve(origin, page, "../../style.css").as_deref(),
        Some("/minnen/style.css")
    );
    assert_eq!(
        resolve(origin, page, "../../../../x").as_deref(),
        Some("/x")
    );
    assert_eq!(
        resolve(origin, page, "a/#item-1").as_deref(),
        Some("/minnen/meetings/2020/a/")
    );
    assert_eq!(
        resolve(origin, page, "?q=x").as_deref(),
        Some("/minnen/meetings/2020/?q=x")
    );
    assert_eq!(
        resolve(origin, page, "..").as_deref(),
        Some("/minnen/meetings/")
    );
    assert_eq!(
        resolve(origin, page, "/style.css").as_deref(),
        Some("/style.css")
    );
    assert_eq!(
        resolve(origin, page, "http://127.0.0.1:8080/minnen/atom.xml").as_deref(),
        Some("/minnen/atom.xml")
    );
    assert_eq!(
        resolve(origin, page, "http://127.0.0.1:80801/minnen/"),
        None
    );
    assert_eq!(resolve(origin, page, "https://example.se/"), None);
    assert_eq!(resolve(origin, page, "mailto:a@example.se"), None);
    assert_eq!(resolve(origin, page, "#main"), None);
    assert_eq!(
        resolve(origin, "/minnen/404.html", "meetings/").as_deref(),
        Some("/minnen/meetings/")
    );
}
