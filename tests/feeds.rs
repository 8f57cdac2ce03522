//! The feeds, the sitemap and `archive.json` of the example archive, read back with a real
//! XML parser and through the export's own serde structs.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use chrono::DateTime;
use common::*;
use quorum::internals::{ArchiveIndex, ArchivePart};
use quorum::{build_site, BuildOptions};

const ATOM: &str = "http://www.w3.org/2005/Atom";
const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const BASE: &str = "https://intranet.example.se/minnen/";
const FYRBODAL: &str = "2022-01-28-socialchefsnatverk-fyrbodal";

fn read(out: &Path, relative: &str) -> String {
    let path = out.join("public").join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn children<'a>(
    node: roxmltree::Node<'a, 'a>,
    ns: &str,
    name: &str,
) -> Vec<roxmltree::Node<'a, 'a>> {
    node.children()
        .filter(|c| c.has_tag_name((ns, name)))
        .collect()
}

fn child_text<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> &'a str {
    let found = children(node, ATOM, name);
    assert_eq!(
        found.len(),
        1,
        "one <{name}> in <{}>",
        node.tag_name().name()
    );
    found[0].text().unwrap_or_default()
}

fn alternate<'a>(node: roxmltree::Node<'a, 'a>) -> &'a str {
    children(node, ATOM, "link")
        .into_iter()
        .find(|l| l.attribute("rel") == Some("alternate"))
        .and_then(|l| l.attribute("href"))
        .expect("a rel=alternate link")
}

/// The file a URL under the base URL is, and its fragment.
fn local_file(out: &Path, url: &str) -> (std::path::PathBuf, String) {
    let rest = url
        .strip_prefix(BASE)
        .unwrap_or_else(|| panic!("{url} is not under {BASE}"));
    let (path, fragment) = rest.split_once('#').unwrap_or((rest, ""));
    let mut file = out.join("public").join(path);
    if path.is_empty() || path.ends_with('/') {
        file = file.join("index.html");
    }
    (file, fragment.to_string())
}

/// Checks an Atom feed's structure and returns its entries as (id, title, link, updated).
fn check_feed(out: &Path, xml: &str, self_path: &str) -> Vec<(String, String, String, String)> {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{self_path}: {e}"));
    let feed = doc.root_element();
    assert!(
        feed.has_tag_name((ATOM, "feed")),
        "{self_path}: root is an Atom feed"
    );
    assert!(!child_text(feed, "id").is_empty());
    assert!(!child_text(feed, "title").is_empty());
    let links = children(feed, ATOM, "link");
    let self_link = links
        .iter()
        .find(|l| l.attribute("rel") == Some("self"))
        .expect("rel=self");
    assert_eq!(
        self_link.attribute("href").unwrap(),
        format!("{BASE}{}", self_path.trim_start_matches('/'))
    );
    assert!(local_file(out, alternate(feed)).0.is_file());
    let updated = child_text(feed, "updated");
    DateTime::parse_from_rfc3339(updated).unwrap_or_else(|e| panic!("{updated}: {e}"));

    let entries: Vec<_> = children(feed, ATOM, "entry")
        .into_iter()
        .map(|entry| {
            let updated = child_text(entry, "updated").to_string();
            DateTime::parse_from_rfc3339(&updated).unwrap_or_else(|e| panic!("{updated}: {e}"));
            let author = children(entry, ATOM, "author");
            assert_eq!(author.len(), 1);
            assert!(!child_text(author[0], "name").is_empty());
            let link = alternate(entry).to_string();
            let (file, fragment) = local_file(out, &link);
            assert!(file.is_file(), "{link}: no {}", file.display());
            if !fragment.is_empty() {
                let html = std::fs::read_to_string(&file).unwrap();
                assert!(
                    html.contains(&format!("id=\"{fragment}\"")),
                    "{link}: no anchor"
                );
            }
            (
                child_text(entry, "id").to_string(),
                child_text(entry, "title").to_string(),
                link,
                updated,
            )
        })
        .collect();
    if let Some(first) = entries.first() {
        assert_eq!(updated, first.3, "the feed is as new as its newest entry");
    }
    let times: Vec<_> = entries
        .iter()
        .map(|e| DateTime::parse_from_rfc3339(&e.3).unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "newest first");
    let ids: BTreeSet<&String> = entries.iter().map(|e| &e.0).collect();
    assert_eq!(ids.len(), entries.len(), "unique ids");
    entries
}

#[test]
fn the_meetings_feed_lists_every_meeting_newest_first() {
    let (out, _) = build_into(&example_root(), None);
    let xml = read(out.path(), "atom.xml");
    let entries = check_feed(out.path(), &xml, "/atom.xml");
    assert_eq!(entries.len(), 5);
    let (id, title, link, updated) = &entries[0];
    assert_eq!(
        id,
        &format!("tag:intranet.example.se,2022-01-28:minnen/meetings/{FYRBODAL}")
    );
    assert_eq!(title, "Socialchefsnätverk Fyrbodal 28 januari 2022");
    assert_eq!(link, &format!("{BASE}meetings/{FYRBODAL}/"));
    // Winter time in Stockholm.
    assert_eq!(updated, "2022-01-28T00:00:00+01:00");
    assert_eq!(entries[4].3, "2020-09-15T00:00:00+02:00", "summer time");

    let doc = roxmltree::Document::parse(&xml).unwrap();
    let first = children(doc.root_element(), ATOM, "entry")[0];
    let summary = child_text(first, "summary");
    assert!(
        summary.contains("§8 Restiden ska fördelas solidariskt"),
        "{summary}"
    );
    let author = children(first, ATOM, "author")[0];
    assert_eq!(child_text(author, "name"), "Fyrbodals kommunalförbund");
}

#[test]
fn the_decisions_feed_has_the_four_minimaria_decisions() {
    let (out, _) = build_into(&example_root(), None);
    let xml = read(out.path(), "decisions/atom.xml");
    let entries = check_feed(out.path(), &xml, "/decisions/atom.xml");
    assert!(entries.len() >= 16, "{} entries", entries.len());
    let minimaria: Vec<&(String, String, String, String)> = entries
        .iter()
        .filter(|e| e.0.contains(&format!("/{FYRBODAL}/8-")))
        .collect();
    assert_eq!(minimaria.len(), 4);
    for (n, (id, title, link, updated)) in minimaria.iter().enumerate() {
        assert!(id.ends_with(&format!("/8-{}", n + 1)), "{id}");
        assert!(
            id.starts_with("tag:intranet.example.se,2022-01-28:"),
            "{id}"
        );
        assert!(
            link.ends_with(&format!("/{FYRBODAL}/#decision-8-{}", n + 1)),
            "{link}"
        );
        assert!(title.starts_with("§8 Uppföljning"), "{title}");
        assert_eq!(updated, "2022-01-28T00:00:00+01:00");
    }
    assert!(minimaria[0].1.contains("Restiden ska fördelas solidariskt"));
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let summaries: Vec<&str> = children(doc.root_element(), ATOM, "entry")
        .into_iter()
        .map(|e| child_text(e, "summary"))
        .collect();
    assert!(summaries
        .contains(&"Lena Gartman, Orust och Roger Granat, Uddevalla, väljs av socialcheferna att ingå i styrgrupp MiniMaria."));
}

#[test]
fn the_sitemap_lists_every_html_page_by_its_absolute_url() {
    let (out, report) = build_into(&example_root(), None);
    let xml = read(out.path(), "sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let urlset = doc.root_element();
    assert!(urlset.has_tag_name((SITEMAP, "urlset")));
    let mut locs = BTreeSet::new();
    for url in children(urlset, SITEMAP, "url") {
        let loc = children(url, SITEMAP, "loc")[0].text().unwrap().to_string();
        let (file, _) = local_file(out.path(), &loc);
        assert!(file.is_file(), "{loc}");
        let lastmod = children(url, SITEMAP, "lastmod");
        if loc.starts_with(&format!("{BASE}meetings/20")) && loc.len() > BASE.len() + 14 {
            let date = lastmod[0].text().unwrap();
            assert!(loc.contains(&format!("/meetings/{date}-")), "{loc}: {date}");
        } else {
            assert!(lastmod.is_empty(), "{loc}");
        }
        assert!(locs.insert(loc.clone()), "{loc} twice");
    }
    let html_files: BTreeSet<String> = walkdir::WalkDir::new(out.path().join("public"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let relative = e.path().strip_prefix(out.path().join("public")).unwrap();
            let relative = relative.to_string_lossy().replace('\\', "/");
            format!("{BASE}{}", relative.trim_end_matches("index.html"))
        })
        .filter(|url| !url.ends_with("404.html"))
        .collect();
    assert_eq!(locs, html_files, "one <url> per HTML page but 404");
    assert_eq!(locs.len(), report.pages - 1);
}

/// The meetings and decisions of every part, in order.
struct Combined<M, D> {
    meetings: Vec<M>,
    decisions: Vec<D>,
}

#[test]
fn archive_json_round_trips_through_its_schema() {
    let (out, _) = build_into(&example_root(), None);
    let json = read(out.path(), "archive.json");
    let index: ArchiveIndex = serde_json::from_str(&json).unwrap();
    assert_eq!(
        index.to_json(),
        json,
        "nothing lost or reordered by the structs"
    );
    assert_eq!(index.version, 2);
    assert!(index.generator.starts_with("quorum "));
    assert_eq!(index.site.base_url, BASE);
    let years: Vec<i32> = index.parts.iter().map(|p| p.year).collect();
    assert_eq!(years, [2020, 2021, 2022]);

    // Every part listed exists, has the size and counts the index gives, and holds only
    // its year's meetings.
    let mut parts = Vec::new();
    for listed in &index.parts {
        assert_eq!(listed.path, format!("/archive/{}.json", listed.year));
        assert_eq!(listed.url, format!("{BASE}archive/{}.json", listed.year));
        let json = read(out.path(), listed.path.trim_start_matches('/'));
        assert_eq!(listed.bytes, json.len(), "{}", listed.path);
        let part: ArchivePart = serde_json::from_str(&json).unwrap();
        assert_eq!(part.to_json(), json, "{}: nothing lost", listed.path);
        assert_eq!((part.version, part.year), (2, listed.year));
        assert_eq!(
            (
                part.meetings.len(),
                part.decisions.len(),
                part.actions.len()
            ),
            (listed.meetings, listed.decisions, listed.actions)
        );
        assert!(part
            .meetings
            .iter()
            .all(|m| m.date.to_string().starts_with(&listed.year.to_string())));
        parts.push(part);
    }
    let files: Vec<_> = std::fs::read_dir(out.path().join("public/archive"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(
        files.len(),
        index.parts.len(),
        "no part the index leaves out"
    );
    let export = Combined {
        meetings: parts.iter().flat_map(|p| p.meetings.clone()).collect(),
        decisions: parts.iter().flat_map(|p| p.decisions.clone()).collect(),
    };
    // Every meeting exactly once across the parts.
    let slugs: BTreeSet<&str> = export.meetings.iter().map(|m| m.slug.as_str()).collect();
    assert_eq!(slugs.len(), export.meetings.len());
    assert_eq!(
        (index.counts.meetings, index.counts.decisions),
        (export.meetings.len(), export.decisions.len())
    );
    assert_eq!(
        index.counts.actions,
        parts.iter().map(|p| p.actions.len()).sum::<usize>()
    );
    assert_eq!(export.meetings.len(), 5);
    let dates: Vec<String> = export.meetings.iter().map(|m| m.date.to_string()).collect();
    assert_eq!(
        dates,
        [
            "2020-09-15",
            "2020-10-27",
            "2020-11-10",
            "2021-02-16",
            "2022-01-28"
        ]
    );
    let fyrbodal = export.meetings.iter().find(|m| m.slug == FYRBODAL).unwrap();
    assert_eq!(fyrbodal.attendees.len(), 22);
    assert_eq!(fyrbodal.url, format!("{BASE}meetings/{FYRBODAL}/"));
    assert_eq!(fyrbodal.organiser.as_deref(), Some("fyrbodal"));
    assert_eq!(
        fyrbodal.chair.as_ref().map(|c| c.person.as_str()),
        Some("lisbeth-olsson")
    );
    let item8 = fyrbodal.items.iter().find(|i| i.number == "8").unwrap();
    let ids: Vec<&str> = item8.decisions.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            format!("{FYRBODAL}/8-1"),
            format!("{FYRBODAL}/8-2"),
            format!("{FYRBODAL}/8-3"),
            format!("{FYRBODAL}/8-4"),
        ]
    );
    assert!(item8.text.contains("- Restiden ska fördelas solidariskt"));
    assert!(!item8.text.contains('<'), "plain text");
    assert_eq!(export.decisions.len(), 16);
    assert!(export.decisions.iter().all(|d| d.meeting == FYRBODAL));
    assert!(export.decisions.contains(&item8.decisions[0]));

    // Every person, organisation and body, each with a page that exists.
    assert!(!index.people.is_empty() && !index.organisations.is_empty());
    assert_eq!(index.bodies.len(), 2);
    let fyrbodal_org = index
        .organisations
        .iter()
        .find(|o| o.key == "fyrbodal")
        .unwrap();
    assert_eq!(fyrbodal_org.name, "Fyrbodals kommunalförbund");
    let pages = index
        .people
        .iter()
        .map(|p| &p.page)
        .chain(index.organisations.iter().map(|o| &o.page))
        .chain(index.bodies.iter().map(|b| &b.page))
        .chain(export.meetings.iter().map(|m| &m.url));
    for page in pages {
        assert!(local_file(out.path(), page).0.is_file(), "{page}");
    }
    for decision in &export.decisions {
        let (file, fragment) = local_file(out.path(), &decision.url);
        let html = std::fs::read_to_string(file).unwrap();
        assert!(
            html.contains(&format!("id=\"{fragment}\"")),
            "{}",
            decision.url
        );
    }
}

#[test]
fn feeds_follow_the_base_url_and_are_the_same_every_build() {
    let build = |base_url: &str| {
        let out = tempfile::tempdir().unwrap();
        let options = BuildOptions {
            root: example_root(),
            output: Some(out.path().join("public")),
            base_url: Some(base_url.into()),
            ..BuildOptions::default()
        };
        build_site(&options).unwrap();
        out
    };
    let one = build("https://docs.example.org/a/b");
    let two = build("https://docs.example.org/a/b/");
    for file in [
        "atom.xml",
        "decisions/atom.xml",
        "sitemap.xml",
        "archive.json",
        "archive/2022.json",
    ] {
        let text = read(one.path(), file);
        assert_eq!(
            text,
            read(two.path(), file),
            "{file} differs between builds"
        );
        assert!(!text.contains("intranet.example.se"), "{file}");
        assert!(
            // The index links to its parts, the rest to meetings.
            text.contains("https://docs.example.org/a/b/meetings/")
                || (file == "archive.json"
                    && text.contains("https://docs.example.org/a/b/archive/2022.json")),
            "{file}"
        );
    }
    assert!(read(one.path(), "atom.xml").contains("tag:docs.example.org,2022-01-28:a/b/meetings/"));
}

#[test]
fn every_page_advertises_both_feeds() {
    let (out, _) = build_into(&example_root(), None);
    for relative in ["index.html", &format!("meetings/{FYRBODAL}/index.html")] {
        let html = page(out.path(), relative);
        let feeds: Vec<(String, String)> =
            select(&html, "link[rel=alternate][type='application/atom+xml']")
                .iter()
                .map(|l| {
                    let v = l.value();
                    (
                        v.attr("title").unwrap().into(),
                        v.attr("href").unwrap().into(),
                    )
                })
                .collect();
        assert_eq!(feeds.len(), 2, "{relative}");
        assert_eq!(feeds[0].0, "Nya möten");
        assert_eq!(feeds[1].0, "Nya beslut");
        let folder = out.path().join("public").join(relative);
        for (_, href) in feeds {
            assert!(
                folder.parent().unwrap().join(&href).is_file(),
                "{relative}: {href}"
            );
        }
    }
}

/// The site at `root` built into `root/public` as `serve` builds it (keeping what its
/// rebuilds need).
fn served_build(root: &std::path::Path) -> (std::path::PathBuf, quorum::internals::Site) {
    let output = root.join("public");
    let options = BuildOptions {
        root: root.to_path_buf(),
        output: Some(output.clone()),
        ..BuildOptions::default()
    };
    let mut loaded = quorum::internals::Site::load(&options).unwrap();
    loaded
        .write_all(quorum::internals::WriteMode::Track)
        .unwrap();
    (output, loaded)
}

#[test]
fn a_rebuild_after_an_edit_rewrites_the_feeds() {
    let site = fixture(&[
        (
            "site.toml",
            "title = \"T\"\nbase_url = \"https://x.example/\"\n",
        ),
        (
            "content/2021-03-01-a.md",
            "---\nbody: Rådet\ndate: 2021-03-01\n---\n\n## Punkt\n\nBeslut: Första beslutet.\n",
        ),
    ]);
    let (output, mut loaded) = served_build(site.path());
    assert!(std::fs::read_to_string(output.join("decisions/atom.xml"))
        .unwrap()
        .contains("Första beslutet."));

    let path = site.path().join("content/2021-03-01-a.md");
    std::fs::write(
        &path,
        "---\nbody: Rådet\ndate: 2021-03-01\n---\n\n## Punkt\n\nBeslut: Ändrat beslut.\n",
    )
    .unwrap();
    loaded.rebuild(&[path]).unwrap();
    loaded.refresh_derived().unwrap();
    let feed = std::fs::read_to_string(output.join("decisions/atom.xml")).unwrap();
    assert!(feed.contains("Ändrat beslut."), "{feed}");
    let json = std::fs::read_to_string(output.join("archive/2021.json")).unwrap();
    assert!(json.contains("Ändrat beslut.") && !json.contains("Första"));
}

/// After an edit `serve` makes every feed, part of archive.json and search file again, and
/// writes only those whose bytes changed (it knows them by the hashes of what it wrote):
/// the part of a year the edit left alone is not written, and its modification time stays.
#[test]
fn a_rebuild_writes_the_derived_files_whose_bytes_changed_and_no_others() {
    let meeting = |year: u32, decision: &str| {
        format!("---\nbody: Rådet\ndate: {year}-03-01\n---\n\n## Punkt\n\nBeslut: {decision}\n")
    };
    let site = fixture(&[
        ("site.toml", "title = \"T\"\n"),
        ("content/2020-03-01-a.md", &meeting(2020, "Gammalt beslut.")),
        (
            "content/2021-03-01-b.md",
            &meeting(2021, "Första beslutet."),
        ),
    ]);
    let (output, mut loaded) = served_build(site.path());
    let untouched = output.join("archive/2020.json");
    let modified = |path: &std::path::Path| std::fs::metadata(path).unwrap().modified().unwrap();
    let before = modified(&untouched);
    std::thread::sleep(std::time::Duration::from_millis(20));

    let path = site.path().join("content/2021-03-01-b.md");
    std::fs::write(&path, meeting(2021, "Ändrat beslut.")).unwrap();
    loaded.rebuild(std::slice::from_ref(&path)).unwrap();
    let written = loaded.refresh_derived().unwrap().expect("they were stale");
    let json = std::fs::read_to_string(output.join("archive/2021.json")).unwrap();
    assert!(json.contains("Ändrat beslut."), "{json}");
    assert_eq!(
        modified(&untouched),
        before,
        "2020's part was written again"
    );
    let search_files = std::fs::read_dir(output.join("search")).unwrap().count();
    assert!(
        written < search_files,
        "{written} files written, the search index alone has {search_files}"
    );
    // Nothing changed since: nothing is written.
    loaded.rebuild(std::slice::from_ref(&path)).unwrap();
    assert_eq!(loaded.refresh_derived().unwrap().unwrap_or(0), 0);
}
