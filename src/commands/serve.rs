//! `quorum serve`: builds the site, serves the output folder over HTTP on loopback,
//! watches the inputs and rebuilds only what an edit touches (through [`Site::rebuild`]),
//! then tells open pages to reload over server-sent events. A failed rebuild keeps the
//! last good site served and shows the error in the terminal and as an overlay in the
//! browser. Only files inside the output folder are ever served.
//!
//! The HTTP side is a few lines over `std::net`, with limits so that a stray client cannot
//! exhaust the machine: a request head of at most [`MAX_REQUEST_HEAD`] bytes, at most
//! [`MAX_CONNECTIONS`] connections at once, [`IDLE_TIMEOUT`] to send a request, and one
//! request per connection.

use std::io::{Read, Write};
use std::net::{IpAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use notify::RecursiveMode;

use crate::base::diagnostic::{Diagnostic, Error, Result};
use crate::commands::derived_worker::DerivedWorker;
use crate::commands::options::{load_config, output_dir, BuildOptions};
use crate::commands::site::Site;
use crate::publish::output::check_output_dir;

/// The URL open pages listen on for reload and error events.
pub(crate) const EVENTS_PATH: &str = "/__quorum/events";

/// Put before `</body>` of every HTML response (never into the files themselves).
pub(crate) const LIVE_RELOAD_SCRIPT: &str = concat!(
    "<script>",
    include_str!("../../assets/live-reload.js"),
    "</script>"
);

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    pub bind: IpAddr,
    pub port: u16,
    pub open: bool,
}

/// Connected pages and the current build error, shared by the server and the watcher.
#[derive(Default)]
pub(crate) struct Hub {
    clients: Mutex<Vec<Sender<String>>>,
    error: Mutex<Option<String>>,
}

impl Hub {
    fn subscribe(&self) -> Receiver<String> {
        let (tx, rx) = mpsc::channel();
        if let Some(error) = self
            .error
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
        {
            let _ = tx.send(event("build-error", error));
        }
        self.clients
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(tx);
        rx
    }

    fn broadcast(&self, message: &str) {
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        clients.retain(|client| client.send(message.to_string()).is_ok());
    }

    /// Tells the open pages at `pages` (site paths such as `/meetings/x/`), or every open
    /// page, to reload, and forgets any error (a page that showed it reloads whatever its
    /// path, see assets/live-reload.js).
    pub(crate) fn reload(&self, pages: Option<&[String]>) {
        *self.error.lock().unwrap_or_else(|e| e.into_inner()) = None;
        self.broadcast(&reload_event(pages));
    }

    /// Shows `text` as an overlay on every open page (and pages opened later).
    pub(crate) fn show_error(&self, text: &str) {
        *self.error.lock().unwrap_or_else(|e| e.into_inner()) = Some(text.to_string());
        self.broadcast(&event("build-error", text));
    }

    fn has_error(&self) -> bool {
        self.error
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some()
    }
}

/// The reload event: its data is the list of pages to reload, or "" for every page.
fn reload_event(pages: Option<&[String]>) -> String {
    match pages {
        Some(pages) => event("reload", pages),
        None => event("reload", ""),
    }
}

/// A server-sent event whose data is `data` as JSON (one line, whatever it holds).
fn event<T: serde::Serialize + ?Sized>(name: &str, data: &T) -> String {
    let json = serde_json::to_string(data).unwrap_or_else(|_| "\"\"".into());
    format!("event: {name}\ndata: {json}\n\n")
}

/// Runs the server until the process is stopped. `log` receives each line to print.
pub fn serve(options: ServeOptions, log: &(dyn Fn(&str) + Sync)) -> Result<()> {
    let config = load_config(&options.build)?;
    let output = output_dir(&options.build, &config);
    check_output_dir(&options.build.root, &output)?;
    let listener = TcpListener::bind((options.bind, options.port)).map_err(|e| {
        Error::Usage(format!(
            "cannot listen on {}:{}: {e}",
            options.bind, options.port
        ))
    })?;
    let port = listener.local_addr().map_or(options.port, |a| a.port());
    let address = format!("http://{}:{port}/", url_host(options.bind));
    let mut build = options.build.clone();
    build.base_url = Some(address.clone());
    build.output = Some(output.clone());

    // The output folder is made before the watching starts, which sees its parent.
    let served = std::fs::create_dir_all(&output)
        .and_then(|_| output.canonicalize())
        .map_err(|e| Error::io(&output, e))?;
    let watching = start_watching(&build.root)?;
    let hub = Arc::new(Hub::default());
    let started = Instant::now();
    let mut site = match initial_build(&build) {
        Ok((site, pages)) => {
            log(&format!(
                "built {pages} pages in {} ms",
                started.elapsed().as_millis()
            ));
            Some(site)
        }
        Err(e) => {
            let text = describe(&e);
            log(&text);
            hub.show_error(&text);
            None
        }
    };

    {
        let hub = hub.clone();
        std::thread::spawn(move || accept(listener, &served, &hub));
    }
    log(&format!(
        "serving {} at {address} — watching for changes (Ctrl+C to stop)",
        output.display()
    ));
    if options.open {
        open_browser(&address);
    }
    watch(&build, &mut site, &hub, log, watching)
}

fn url_host(ip: IpAddr) -> String {
    match ip {
        IpAddr::V6(v6) => format!("[{v6}]"),
        IpAddr::V4(v4) => v4.to_string(),
    }
}

fn initial_build(options: &BuildOptions) -> Result<(Site, usize)> {
    let mut site = Site::load(options)?;
    site.write_all(crate::commands::site::WriteMode::Track)?;
    let pages = site.graph.pages.len();
    Ok((site, pages))
}

/// How long the watcher waits for a file's events to stop before it rebuilds.
const SAVE_BURST: Duration = Duration::from_millis(50);

/// The watcher of a site's inputs, and the (debounced) changes it has seen.
struct Watching {
    debouncer: notify_debouncer_full::Debouncer<
        notify::RecommendedWatcher,
        notify_debouncer_full::RecommendedCache,
    >,
    changes: mpsc::Receiver<notify_debouncer_full::DebounceEventResult>,
}

/// Starts watching the site's inputs. Called before the first build and before the
/// server says it is watching: a file saved from then on is never missed.
fn start_watching(root: &Path) -> Result<Watching> {
    let (tx, changes) = mpsc::channel();
    // An editor's save burst (write, rename, write) takes a few milliseconds; every
    // millisecond waited here is added to every edit's latency (the tick is a quarter).
    let mut debouncer = notify_debouncer_full::new_debouncer(SAVE_BURST, None, tx)
        .map_err(|e| Error::Usage(format!("cannot watch for changes: {e}")))?;
    for folder in INPUT_FOLDERS {
        let path = root.join(folder);
        if path.is_dir() {
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| Error::Usage(format!("cannot watch {}: {e}", path.display())))?;
        }
    }
    // The root itself for site.toml, and for input folders created later; the output
    // folder inside it is ignored.
    debouncer
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| Error::Usage(format!("cannot watch {}: {e}", root.display())))?;
    Ok(Watching { debouncer, changes })
}

/// Rebuilds on every change `watching` sees.
fn watch(
    options: &BuildOptions,
    site: &mut Option<Site>,
    hub: &Hub,
    log: &(dyn Fn(&str) + Sync),
    watching: Watching,
) -> Result<()> {
    let Watching {
        mut debouncer,
        changes,
    } = watching;
    let root = &options.root;
    let absolute_root = root.canonicalize().unwrap_or_else(|_| root.clone());

    // Feeds and the search index are written on a thread of their own, so that the next
    // edit does not wait for them.
    let worker = DerivedWorker::default();
    std::thread::scope(|scope| {
        scope.spawn(|| worker.run(log));
        for events in changes {
            let Ok(events) = events else { continue };
            // Reading a file is an event too (the build itself reads): only writes count.
            let paths: Vec<PathBuf> = events
                .into_iter()
                .filter(|e| is_write(&e.event.kind))
                .flat_map(|e| e.event.paths)
                .collect();
            if paths.is_empty() {
                continue;
            }
            // A `templates/` or `static/` folder made while serving: watch it from now on.
            // The rebuild below then reads whatever it already holds.
            for folder in paths.iter().filter(|p| is_input_folder(&absolute_root, p)) {
                if let Err(e) = debouncer.watch(folder, RecursiveMode::Recursive) {
                    log(&format!("cannot watch {}: {e}", folder.display()));
                }
            }
            rebuild(options, site, &paths, hub, &worker, log);
        }
        worker.stop();
    });
    Ok(())
}

/// Rebuilds after the changes at `paths` (or builds, when the site has not loaded yet),
/// tells the browser to reload, and hands feeds and the search index to `worker`.
fn rebuild(
    options: &BuildOptions,
    site: &mut Option<Site>,
    paths: &[PathBuf],
    hub: &Hub,
    worker: &DerivedWorker,
    log: &(dyn Fn(&str) + Sync),
) {
    // A full rebuild swaps the output folder: no job may be writing into it then.
    let swaps = site.as_ref().is_none_or(|site| {
        paths
            .iter()
            .any(|p| site.classify(p) == Some(crate::commands::site::Change::Config))
    });
    if swaps {
        worker.wait_idle();
    }
    // The edited meeting's own page, when it is written before the rest: reloaded at once.
    let mut written_first = 0;
    let mut first = |report: &crate::commands::site::RebuildReport| {
        log(&format!(
            "{} written in {} ms; the pages that show it follow",
            report.changed.as_deref().unwrap_or_default().join(" "),
            report.elapsed.as_millis()
        ));
        written_first = report.pages_written;
        hub.reload(report.changed.as_deref());
    };
    let result = match site.as_mut() {
        Some(site) => site
            .rebuild_with(paths, &mut first)
            .map(|r| (r.pages_written + r.pages_removed + r.files_copied, r)),
        None => initial_build(options).map(|(fresh, pages)| {
            *site = Some(fresh);
            (
                pages,
                crate::commands::site::RebuildReport {
                    pages_written: pages,
                    full: true,
                    ..Default::default()
                },
            )
        }),
    };
    match result {
        Ok((0, _)) if written_first == 0 && !hub.has_error() => {}
        Ok((count, report)) => {
            log(&format!(
                "rebuilt in {} ms: {} page(s) rendered, {} written{}",
                report.elapsed.as_millis(),
                report.pages_rendered,
                report.pages_written + written_first,
                if report.full { " (full rebuild)" } else { "" }
            ));
            if count > 0 || hub.has_error() {
                hub.reload(report.changed.as_deref());
            }
        }
        Err(e) => {
            let text = describe(&e);
            log(&text);
            hub.show_error(&text);
        }
    }
    if let Some(job) = site.as_mut().and_then(Site::derived_job) {
        worker.submit(move || job.run());
    }
}

/// The folders of a site that `serve` watches (besides `site.toml`).
const INPUT_FOLDERS: [&str; 4] = ["content", "themes", "templates", "static"];

/// Whether `path` is one of the site's input folders, directly under its root. The name
/// is checked first: most events are files inside those folders, and need no system call.
fn is_input_folder(absolute_root: &Path, path: &Path) -> bool {
    let named_as_input = path
        .file_name()
        .is_some_and(|name| INPUT_FOLDERS.iter().any(|folder| name == *folder));
    named_as_input
        && path.parent().is_some_and(|parent| {
            parent == absolute_root || parent.canonicalize().is_ok_and(|p| p == absolute_root)
        })
        && path.is_dir()
}

fn is_write(kind: &notify::EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode, EventKind};
    matches!(
        kind,
        EventKind::Create(_)
            | EventKind::Modify(_)
            | EventKind::Remove(_)
            | EventKind::Access(AccessKind::Close(AccessMode::Write))
    )
}

/// The error as the terminal and the overlay show it.
fn describe(error: &Error) -> String {
    match error {
        Error::Content(diagnostics) => {
            let shown: Vec<String> = diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(Diagnostic::to_string)
                .collect();
            format!(
                "{}\n\nThe last good site is still served; it reloads when this is fixed.",
                shown.join("\n\n")
            )
        }
        other => format!("error: {other}"),
    }
}

/// The longest request line and headers accepted (browsers send under 2 KiB).
pub(crate) const MAX_REQUEST_HEAD: usize = 16 * 1024;
/// The most connections served at once (each open page holds one for its events).
pub(crate) const MAX_CONNECTIONS: usize = 64;
/// How long a client may take to send its request.
pub(crate) const IDLE_TIMEOUT: Duration = Duration::from_secs(10);

/// Accepts connections, each on its own thread, at most [`MAX_CONNECTIONS`] at once.
fn accept(listener: TcpListener, served: &Path, hub: &Arc<Hub>) {
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else { continue };
        let _ = stream.set_write_timeout(Some(IDLE_TIMEOUT));
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            let _ = respond(
                &mut stream,
                &Response::text(503, "too many connections"),
                false,
            );
            continue;
        }
        let (open, served, hub) = (open.clone(), served.to_path_buf(), hub.clone());
        std::thread::spawn(move || {
            let _ = stream.set_read_timeout(Some(IDLE_TIMEOUT));
            handle(stream, &served, &hub);
            open.fetch_sub(1, Ordering::SeqCst);
        });
    }
}

/// A response: status, headers, body.
struct Response {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Response {
    fn text(status: u16, text: &str) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", "text/plain; charset=utf-8".into())],
            body: text.as_bytes().to_vec(),
        }
    }

    fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

fn respond(stream: &mut TcpStream, response: &Response, head_only: bool) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        response.status,
        reason(response.status),
        response.body.len()
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(&response.body)?;
    }
    stream.flush()?;
    let _ = stream.shutdown(std::net::Shutdown::Write);
    Ok(())
}

/// The request line of a request whose head (up to the blank line) fits the limit:
/// method and target; or the status to refuse it with.
fn read_request(stream: &mut TcpStream) -> std::result::Result<(String, String), u16> {
    let mut head = Vec::with_capacity(1024);
    let mut buffer = [0u8; 2048];
    loop {
        if let Some(end) = find_head_end(&head) {
            head.truncate(end);
            break;
        }
        if head.len() > MAX_REQUEST_HEAD {
            let first_line = head.split(|&b| b == b'\n').next().unwrap_or_default();
            return Err(if first_line.len() >= MAX_REQUEST_HEAD {
                414
            } else {
                431
            });
        }
        match stream.read(&mut buffer) {
            Ok(0) => return Err(400),
            Ok(n) => head.extend_from_slice(&buffer[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return Err(408)
            }
            Err(_) => return Err(400),
        }
    }
    let text = String::from_utf8_lossy(&head);
    let mut parts = text.lines().next().unwrap_or_default().split(' ');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(method), Some(target), Some(version)) if version.starts_with("HTTP/") => {
            Ok((method.to_string(), target.to_string()))
        }
        _ => Err(400),
    }
}

/// The end of the request head: the index of the blank line that closes it.
fn find_head_end(bytes: &[u8]) -> Option<usize> {
    let crlf = bytes.windows(4).position(|w| w == b"\r\n\r\n");
    let lf = bytes.windows(2).position(|w| w == b"\n\n");
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn handle(mut stream: TcpStream, served: &Path, hub: &Hub) {
    let (method, url) = match read_request(&mut stream) {
        Ok(request) => request,
        Err(status) => {
            let _ = respond(&mut stream, &Response::text(status, reason(status)), false);
            return;
        }
    };
    let head_only = method == "HEAD";
    if method != "GET" && !head_only {
        let response = Response::text(405, "method not allowed").with_header("Allow", "GET, HEAD");
        let _ = respond(&mut stream, &response, false);
        return;
    }
    let path = url.split(['?', '#']).next().unwrap_or("/").to_string();
    if path == EVENTS_PATH {
        stream_events(stream, hub);
        return;
    }
    let response = match resolve(served, &path) {
        Resolved::File(file) => file_response(&file, 200),
        Resolved::Redirect(location) => Response {
            status: 301,
            headers: vec![("Location", location)],
            body: Vec::new(),
        },
        Resolved::NotFound => match std::fs::metadata(served.join("404.html")) {
            Ok(_) => file_response(&served.join("404.html"), 404),
            Err(_) => Response::text(404, "404 not found"),
        },
    };
    let _ = respond(&mut stream, &response, head_only);
}

/// Holds the connection open and writes each event as it comes.
fn stream_events(mut writer: TcpStream, hub: &Hub) {
    let rx = hub.subscribe();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: keep-alive\r\n\r\n: connected\n\n";
    if writer
        .write_all(head.as_bytes())
        .and_then(|_| writer.flush())
        .is_err()
    {
        return;
    }
    loop {
        let message = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(message) => message,
            Err(mpsc::RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if writer
            .write_all(message.as_bytes())
            .and_then(|_| writer.flush())
            .is_err()
        {
            return;
        }
    }
}

enum Resolved {
    File(PathBuf),
    Redirect(String),
    NotFound,
}

/// Maps a URL path to a file inside `served` (canonical): percent-decoded, no `..`,
/// folders to their `index.html`, and nothing outside the folder even through symlinks.
fn resolve(served: &Path, url_path: &str) -> Resolved {
    let Some(decoded) = percent_decode(url_path) else {
        return Resolved::NotFound;
    };
    let mut file = served.to_path_buf();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        let component = Path::new(segment).components().next();
        let is_plain = matches!(component, Some(Component::Normal(_)))
            && Path::new(segment).components().count() == 1
            && !segment.contains('\\')
            && !segment.contains('\0');
        if !is_plain {
            return Resolved::NotFound;
        }
        file.push(segment);
    }
    if file.is_dir() {
        if !url_path.ends_with('/') {
            // One leading slash: `//meetings/` would send the browser to the host `meetings`.
            return Resolved::Redirect(format!("/{}/", url_path.trim_start_matches('/')));
        }
        file.push("index.html");
    }
    match file.canonicalize() {
        Ok(real) if real.starts_with(served) && real.is_file() => Resolved::File(real),
        _ => Resolved::NotFound,
    }
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn file_response(file: &Path, status: u16) -> Response {
    let content_type = content_type(file);
    let mut body = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(_) => return Response::text(500, "cannot read the file"),
    };
    if content_type.starts_with("text/html") {
        body = inject_script(body);
    }
    Response {
        status,
        headers: vec![
            ("Content-Type", content_type.to_string()),
            ("Cache-Control", "no-store".to_string()),
        ],
        body,
    }
}

fn inject_script(html: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8_lossy(&html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{LIVE_RELOAD_SCRIPT}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{LIVE_RELOAD_SCRIPT}").into_bytes(),
    }
}

/// The Content-Type for a file, by extension.
pub(crate) fn content_type(file: &Path) -> &'static str {
    let extension = file
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    }
}

fn open_browser(address: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let _ = std::process::Command::new(program)
        .arg(address)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn served() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("public/meetings/a")).unwrap();
        std::fs::write(dir.path().join("public/index.html"), "home").unwrap();
        std::fs::write(dir.path().join("public/meetings/a/index.html"), "a").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        dir
    }

    #[test]
    fn folders_map_to_index_html_and_need_a_trailing_slash() {
        let dir = served();
        let root = dir.path().join("public").canonicalize().unwrap();
        assert!(matches!(resolve(&root, "/"), Resolved::File(f) if f.ends_with("index.html")));
        assert!(
            matches!(resolve(&root, "/meetings/a/"), Resolved::File(f) if f.ends_with("a/index.html"))
        );
        assert!(
            matches!(resolve(&root, "/meetings/a"), Resolved::Redirect(l) if l == "/meetings/a/")
        );
        assert!(matches!(resolve(&root, "/nope/"), Resolved::NotFound));
        // Never to another host: `//meetings/` is the host `meetings` to a browser.
        assert!(matches!(resolve(&root, "//meetings"), Resolved::Redirect(l) if l == "/meetings/"));
        assert!(
            matches!(resolve(&root, "///meetings//a"), Resolved::Redirect(l) if l == "/meetings//a/")
        );
    }

    #[test]
    fn nothing_outside_the_output_folder_is_served() {
        let dir = served();
        let root = dir.path().join("public").canonicalize().unwrap();
        for attack in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/meetings/..%2F..%2Fsecret.txt",
            "/%zz",
        ] {
            assert!(
                matches!(resolve(&root, attack), Resolved::NotFound),
                "{attack}"
            );
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt"))
                .unwrap();
            assert!(matches!(resolve(&root, "/link.txt"), Resolved::NotFound));
        }
    }

    #[test]
    fn content_types_by_extension() {
        assert_eq!(
            content_type(Path::new("a/index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("style.css")),
            "text/css; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("x.PDF")), "application/pdf");
        assert_eq!(
            content_type(Path::new("search.js")),
            "text/javascript; charset=utf-8"
        );
    }

    #[test]
    fn the_script_goes_before_the_closing_body_tag() {
        let html = inject_script(b"<html><body><p>x</p></body></html>".to_vec());
        let html = String::from_utf8(html).unwrap();
        assert!(html.contains("</p><script>"));
        assert!(html.ends_with("</script></body></html>"));
    }

    #[test]
    fn events_are_json_encoded_lines() {
        assert_eq!(
            event("build-error", "a\nb"),
            "event: build-error\ndata: \"a\\nb\"\n\n"
        );
    }

    #[test]
    fn a_reload_lists_the_pages_to_reload_or_none_for_every_page() {
        let pages = ["/meetings/a/".to_string(), "/".to_string()];
        assert_eq!(
            reload_event(Some(&pages)),
            "event: reload\ndata: [\"/meetings/a/\",\"/\"]\n\n"
        );
        assert_eq!(reload_event(None), "event: reload\ndata: \"\"\n\n");
    }
}
