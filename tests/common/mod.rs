//! Helpers shared by the integration tests: build a site into a temp folder, parse its
//! HTML, and check its links.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use quorum::LinkStyle;
use quorum::{build_site, BuildOptions, BuildReport};
use scraper::{Html, Selector};

pub(crate) fn example_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds the site at `root` into a new temp folder.
pub(crate) fn build_into(
    root: &Path,
    links: Option<LinkStyle>,
) -> (tempfile::TempDir, BuildReport) {
    let out = tempfile::tempdir().unwrap();
    let options = BuildOptions {
        root: root.to_path_buf(),
        output: Some(out.path().join("public")),
        links,
        ..BuildOptions::default()
    };
    let report = build_site(&options).unwrap_or_else(|e| panic!("build failed: {e}: {e:?}"));
    (out, report)
}

pub(crate) fn page(out: &Path, relative: &str) -> Html {
    let path = out.join("public").join(relative);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Html::parse_document(&text)
}

pub(crate) fn select<'a>(html: &'a Html, selector: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = Selector::parse(selector).unwrap();
    html.select(&selector).collect()
}

pub(crate) fn text(element: &scraper::ElementRef<'_>) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) fn texts(html: &Html, selector: &str) -> Vec<String> {
    select(html, selector).iter().map(text).collect()
}

/// Writes files into a new site folder.
pub(crate) fn fixture(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// Every file under `dir`, relative path → bytes.
pub(crate) fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Follows every internal `href` and `src` of every HTML file in `site` on disk and
/// returns the ones that do not resolve (file missing, or `#anchor` missing in it).
/// With `file_mode`, a link to a folder counts as broken (a browser on file:// would show
/// a directory listing, not the page).
pub(crate) fn broken_links(site: &Path, file_mode: bool, base_path: &str) -> Vec<String> {
    let mut broken = Vec::new();
    let mut ids: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    let html_files: Vec<PathBuf> = walkdir::WalkDir::new(site)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect();
    let link_selector = Selector::parse("a[href], link[href], script[src], img[src]").unwrap();
    for file in &html_files {
        let html = Html::parse_document(&std::fs::read_to_string(file).unwrap());
        for element in html.select(&link_selector) {
            let value = element.value();
            let link = value.attr("href").or_else(|| value.attr("src")).unwrap();
            if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
            {
                continue;
            }
            let (path, fragment) = link.split_once('#').unwrap_or((link, ""));
            let target = if path.is_empty() {
                file.clone()
            } else if let Some(rooted) = path.strip_prefix('/') {
                let inside = rooted
                    .strip_prefix(base_path.trim_start_matches('/'))
                    .unwrap_or(rooted);
                site.join(inside)
            } else {
                file.parent().unwrap().join(path)
            };
            let target = if target.is_dir() {
                if file_mode {
                    broken.push(format!("{}: {link} is a folder", file.display()));
                    continue;
                }
                target.join("index.html")
            } else {
                target
            };
            let Ok(target) = target.canonicalize() else {
                broken.push(format!("{}: {link}", file.display()));
                continue;
            };
            if !target.starts_with(site.canonicalize().unwrap()) {
                broken.push(format!("{}: {link} leaves the site", file.display()));
                continue;
            }
            if !fragment.is_empty() {
                let known = ids.entry(target.clone()).or_insert_with(|| {
                    let html =
                        Html::parse_document(&std::fs::read_to_string(&target).unwrap_or_default());
                    let any = Selector::parse("[id]").unwrap();
                    html.select(&any)
                        .filter_map(|e| e.value().attr("id").map(str::to_string))
                        .collect()
                });
                if !known.iter().any(|id| id == fragment) {
                    broken.push(format!("{}: {link} (no id {fragment})", file.display()));
                }
            }
        }
    }
    broken
}
