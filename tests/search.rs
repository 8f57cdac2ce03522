//! The search index and page of a built site: every indexed document links to an anchor
//! that exists, every page carries a working search form, and `serve`'s incremental
//! rebuild regenerates the index.

mod common;

use common::*;
use quorum::internals::Site;
use quorum::BuildOptions;
use quorum::LinkStyle;

/// The data of a `quorumSearchIndex(kind, key, data);` file.
fn index_data(out: &std::path::Path, name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(out.join("public/search").join(name)).unwrap();
    let body = text
        .strip_prefix("quorumSearchIndex(")
        .and_then(|t| t.strip_suffix(");\n"))
        .unwrap_or_else(|| panic!("{name} is not a registration call"));
    // `"kind","key",data`: skip the two strings.
    let mut rest = body;
    for _ in 0..2 {
        let end = rest[1..].find('"').unwrap() + 2;
        rest = rest[end..].strip_prefix(',').unwrap();
    }
    serde_json::from_str(rest).unwrap()
}

#[test]
fn every_search_result_links_to_an_existing_anchor() {
    let (out, _) = build_into(&example_root(), None);
    let meta = index_data(out.path(), "meta.js");
    let docs = meta["docs"].as_u64().unwrap() as usize;
    let chunk = meta["chunk"].as_u64().unwrap() as usize;
    assert!(docs > 50, "meetings, items and decisions: {docs}");
    let mut kinds = [0; 4];
    for n in 0..docs.div_ceil(chunk) {
        for doc in index_data(out.path(), &format!("d-{n}.js"))
            .as_array()
            .unwrap()
        {
            kinds[doc[0].as_u64().unwrap() as usize] += 1;
            let path = doc[1].as_str().unwrap();
            let (page_path, anchor) = path.split_once('#').unwrap_or((path, ""));
            let html = page(out.path(), &format!("{}index.html", &page_path[1..]));
            if !anchor.is_empty() {
                assert_eq!(
                    select(&html, &format!("[id=\"{anchor}\"]")).len(),
                    1,
                    "{path}"
                );
            }
        }
    }
    assert_eq!(kinds[0], 5, "one document per meeting");
    assert_eq!(kinds[2], 16, "one document per decision");
}

#[test]
fn every_page_has_a_search_form_and_the_search_page_exists() {
    let (out, _) = build_into(&example_root(), Some(LinkStyle::File));
    for file in ["index.html", "meetings/2020/index.html", "404.html"] {
        let html = page(out.path(), file);
        let forms = select(&html, "header form[role=search]");
        assert_eq!(forms.len(), 1, "{file}");
        let input = select(&html, "header form[role=search] input[name=q]");
        let id = input[0].value().attr("id").unwrap();
        assert_eq!(
            select(&html, &format!("label[for={id}]")).len(),
            1,
            "{file}"
        );
    }
    let html = page(out.path(), "meetings/2020/index.html");
    let form = &select(&html, "header form[role=search]")[0];
    assert_eq!(form.value().attr("action"), Some("../../search/index.html"));
    assert_eq!(
        form.value().attr("data-search-root"),
        Some("../../index.html")
    );
    let search = page(out.path(), "search/index.html");
    assert_eq!(texts(&search, "h1"), ["Sök"]);
    assert_eq!(
        select(&search, "main form[role=search] input[name=q]").len(),
        1
    );
    assert_eq!(select(&search, "[role=status][aria-live=polite]").len(), 1);
    assert!(out.path().join("public/search.js").is_file());
    assert!(out.path().join("public/search/meta.js").is_file());
    assert!(broken_links(&out.path().join("public"), true, "/").is_empty());
}

#[test]
fn an_incremental_rebuild_regenerates_the_index() {
    let site_dir = fixture(&[
        ("site.toml", "title = \"T\"\n"),
        (
            "content/2021/2021-01-01-a.md",
            "---\ndate: 2021-01-01\nbody: Nätverket\n---\n## Första punkten\n\nIngenting särskilt.\n",
        ),
        (
            "content/2021/2021-02-01-b.md",
            "---\ndate: 2021-02-01\nbody: Nätverket\n---\n## Andra punkten\n\nBeslut: Vi tar en paus.\n",
        ),
    ]);
    let out = tempfile::tempdir().unwrap();
    let options = BuildOptions {
        root: site_dir.path().to_path_buf(),
        output: Some(out.path().join("public")),
        ..BuildOptions::default()
    };
    let mut site = Site::load(&options).unwrap();
    site.write_all(quorum::internals::WriteMode::Track).unwrap();
    let index_text = || {
        let mut all = String::new();
        for entry in std::fs::read_dir(out.path().join("public/search")).unwrap() {
            all.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
        }
        all
    };
    assert!(!index_text().contains("zebrafinkar"));
    let meeting = site_dir.path().join("content/2021/2021-01-01-a.md");
    std::fs::write(
        &meeting,
        "---\ndate: 2021-01-01\nbody: Nätverket\n---\n## Första punkten\n\nNätverket diskuterade zebrafinkar.\n",
    )
    .unwrap();
    site.rebuild(std::slice::from_ref(&meeting)).unwrap();
    site.refresh_derived().unwrap();
    assert!(index_text().contains("zebrafinkar"));
    let index = quorum::internals::SearchIndex::build(&site.archive);
    let hits = index.search("zebrafinkarna", &quorum::internals::Filters::default());
    let paths: Vec<&str> = hits
        .hits
        .iter()
        .map(|h| index.docs[h.doc as usize].path.as_str())
        .collect();
    assert_eq!(paths, ["/meetings/2021-01-01-a/#item-1"]);
}
