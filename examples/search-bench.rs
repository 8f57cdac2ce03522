//! Search index benchmark: size of the index and latency of queries.
//!
//! ```text
//! cargo run --release --example gen-corpus -- 10000 /tmp/corpus
//! cargo run --release --example search-bench -- /tmp/corpus [QUERY ...] [--rebuild OUTPUT]
//! ```
//!
//! Loads the site with the library, builds the search index as `quorum build` does and prints:
//! the time to build and serialise it; its files, total size, size per meeting and the size
//! of each kind of file (vocabulary, postings, documents, filters) with the largest file;
//! per typical query (common words, rare words, two words, 3-letter prefixes, a body filter;
//! or the QUERY arguments) the files the browser loads for it (first page of results
//! included) and their size, and the latency of the lookup and scoring
//! (`SearchIndex::search`, the algorithm of search.js run in Rust) over repeated runs; then
//! the median and worst of the bytes loaded. "exact": how many of the first 20 results are
//! among the first 20 of a lookup of every posting. With `--rebuild OUTPUT` it also times an incremental
//! rebuild (`Site::rebuild`, which regenerates the whole index) after one meeting file is
//! rewritten, with OUTPUT as the output folder (build it first with `quorum build`). With
//! `--write DIR` it writes the index files to DIR/search/ (for browser measurements with
//! `browser/search-bench.mjs` without building every page). `--first-tier N` splits the
//! postings into tiers from N postings instead of the default (a large N: no tiers).
//! `--doc-chunk N` writes N documents per `d-<n>.js` file instead of the default.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use quorum::internals::Site;
use quorum::internals::{Filters, SearchIndex, INDEX_DIR};
use quorum::BuildOptions;

/// Typical queries, by kind: what a query loads is measured on these (the figure of
/// docs/search.md). The body filter uses the generator's first body.
const TYPICAL: &[(&str, &str, Option<&str>)] = &[
    ("common word", "beslut", None),
    ("common word", "vård", None),
    ("common word", "kommunerna", None),
    ("rare word", "nattbemanning", None),
    ("rare word", "besöksförbud", None),
    ("two words", "öppna jämförelser", None),
    ("two words", "hemtjänst personal", None),
    ("3-letter prefix", "hem", None),
    ("3-letter prefix", "kom", None),
    ("body filter", "vård", Some("socialchefsnatverket")),
    ("body filter", "uppföljning", Some("socialchefsnatverket")),
];
const RUNS: usize = 20;

fn kib(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.2} MiB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    }
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!(
            "usage: search-bench DIR [QUERY ...] [--rebuild OUTPUT] [--write DIR] [--first-tier N] [--doc-chunk N]"
        );
        return ExitCode::from(2);
    };
    let mut queries: Vec<String> = Vec::new();
    let mut rebuild_output: Option<PathBuf> = None;
    let mut write_to: Option<PathBuf> = None;
    let mut first_tier: Option<usize> = None;
    let mut doc_chunk: Option<usize> = None;
    while let Some(arg) = args.next() {
        if arg == "--rebuild" {
            rebuild_output = args.next().map(PathBuf::from);
        } else if arg == "--first-tier" {
            first_tier = args.next().and_then(|n| n.parse().ok());
        } else if arg == "--doc-chunk" {
            doc_chunk = args.next().and_then(|n| n.parse().ok()).filter(|&n| n > 0);
        } else if arg == "--write" {
            write_to = args.next().map(PathBuf::from);
        } else {
            queries.push(arg);
        }
    }

    let started = Instant::now();
    let mut options = BuildOptions::new(&dir);
    options.output = rebuild_output.clone();
    let mut site = match Site::load(&options) {
        Ok(site) => site,
        Err(e) => {
            eprintln!("cannot load {dir}: {e}");
            return ExitCode::from(1);
        }
    };
    println!(
        "site: {} meetings, loaded in {}",
        site.archive.meetings.len(),
        ms(started.elapsed())
    );

    let t = Instant::now();
    let mut index = SearchIndex::build(&site.archive);
    let build_time = t.elapsed();
    if let Some(first) = first_tier {
        index.retier(first);
        println!("first tiers of {first} postings");
    }
    if let Some(chunk) = doc_chunk {
        index.doc_chunk = chunk;
    }
    println!("{} documents per d-<n>.js file", index.doc_chunk);
    let t = Instant::now();
    let files = index.files();
    let serialise_time = t.elapsed();
    println!(
        "index: {} documents, {} stems, {} words; built in {}, serialised in {}",
        index.docs.len(),
        index.stems.len(),
        index.vocabulary.len(),
        ms(build_time),
        ms(serialise_time)
    );

    if let Some(dir) = &write_to {
        for (path, text) in &files {
            let target = dir.join(path.trim_start_matches('/'));
            std::fs::create_dir_all(target.parent().unwrap()).expect("create the folder");
            std::fs::write(&target, text).expect("write an index file");
        }
        println!(
            "wrote {} files to {}",
            files.len(),
            dir.join("search").display()
        );
    }

    let size: BTreeMap<&str, usize> = files.iter().map(|(p, t)| (p.as_str(), t.len())).collect();
    let total: usize = size.values().sum();
    println!("total: {} in {} files", kib(total), files.len());
    for (prefix, what) in [
        ("meta", "manifest"),
        ("w-", "vocabulary"),
        ("p-", "postings"),
        ("d-", "documents"),
        ("f-", "filters"),
    ] {
        let of_kind: Vec<(&str, usize)> = size
            .iter()
            .filter(|(p, _)| p.starts_with(&format!("{INDEX_DIR}{prefix}")))
            .map(|(p, s)| (*p, *s))
            .collect();
        let sum: usize = of_kind.iter().map(|(_, s)| s).sum();
        let largest = of_kind.iter().max_by_key(|(_, s)| *s);
        println!(
            "  {what:<10} {:>5} files {:>11}  largest {}",
            of_kind.len(),
            kib(sum),
            largest.map_or_else(String::new, |(p, s)| format!("{p} ({})", kib(*s)))
        );
    }
    let largest = size.iter().max_by_key(|(_, s)| **s).unwrap();
    println!("largest file: {} ({})", largest.0, kib(*largest.1));

    println!(
        "per meeting: {} of index in {:.2} files",
        kib(total / site.archive.meetings.len().max(1)),
        files.len() as f64 / site.archive.meetings.len().max(1) as f64
    );
    let meta = size[format!("{INDEX_DIR}meta.js").as_str()];
    println!();
    println!(
        "{:<16} {:<34} {:>8} {:>6} {:>11} {:>10} {:>10} {:>6}  loaded: vocabulary / postings / documents / filters",
        "kind", "query", "hits", "files", "loaded", "median", "max", "exact"
    );
    let typical: Vec<(String, String, Option<String>)> = match queries.is_empty() {
        true => TYPICAL
            .iter()
            .map(|(k, q, b)| (k.to_string(), q.to_string(), b.map(String::from)))
            .collect(),
        false => queries
            .iter()
            .map(|q| ("query".into(), q.clone(), None))
            .collect(),
    };
    let mut loads = Vec::new();
    for (kind, query, body) in &typical {
        let filters = Filters {
            body: body.clone(),
            ..Filters::default()
        };
        let outcome = index.search(query, &filters);
        let by_kind = |prefix: &str| -> usize {
            outcome
                .files
                .iter()
                .filter(|f| f.starts_with(&format!("{INDEX_DIR}{prefix}")))
                .map(|f| size.get(f.as_str()).copied().unwrap_or(0))
                .sum()
        };
        let loaded = meta + ["w-", "p-", "d-", "f-"].map(by_kind).iter().sum::<usize>();
        // The first page against the one every posting gives: results in common.
        let every = index.search_first(query, &filters, usize::MAX);
        let best: Vec<u32> = every.hits.iter().take(20).map(|h| h.doc).collect();
        let same = outcome
            .hits
            .iter()
            .take(20)
            .filter(|h| best.contains(&h.doc))
            .count();
        loads.push(loaded);
        let mut times: Vec<Duration> = (0..RUNS)
            .map(|_| {
                let t = Instant::now();
                let o = index.search(query, &filters);
                let elapsed = t.elapsed();
                assert_eq!(o.hits.len(), outcome.hits.len());
                elapsed
            })
            .collect();
        times.sort_unstable();
        let label = match body {
            Some(b) => format!("{query:?} in {b}"),
            None => format!("{query:?}"),
        };
        println!(
            "{kind:<16} {label:<34} {:>8} {:>6} {:>11} {:>10} {:>10} {:>6}  {} / {} / {} / {}",
            format!(
                "{}{}",
                outcome.hits.len(),
                if outcome.complete { "" } else { "+" }
            ),
            outcome.files.len() + 1,
            kib(loaded),
            ms(times[RUNS / 2]),
            ms(times[RUNS - 1]),
            format!("{same}/{}", best.len()),
            kib(by_kind("w-")),
            kib(by_kind("p-")),
            kib(by_kind("d-")),
            kib(by_kind("f-")),
        );
    }
    loads.sort_unstable();
    println!();
    println!(
        "bytes a query loads (manifest {}, vocabulary, postings, filters, first {} results' documents): median {}, worst {}",
        kib(meta),
        20,
        kib(loads[loads.len() / 2]),
        kib(loads[loads.len() - 1])
    );

    if let Some(output) = rebuild_output {
        let Some(meeting) = site.archive.meetings.last().map(|m| m.source.clone()) else {
            return ExitCode::SUCCESS;
        };
        let path = PathBuf::from(&dir).join(&meeting);
        let text = std::fs::read_to_string(&path).expect("read the meeting");
        std::fs::write(&path, &text).expect("rewrite the meeting");
        let t = Instant::now();
        match site.rebuild(&[path]) {
            Ok(report) => println!(
                "rebuild after rewriting {} (into {}): {} pages rendered, {} in total",
                meeting.display(),
                output.display(),
                report.pages_rendered,
                ms(t.elapsed())
            ),
            Err(e) => eprintln!("rebuild failed: {e}"),
        }
        // The first refresh reads every meeting; `serve` keeps the cache, so a later one
        // reads only the meetings an edit changed.
        let mut cache = quorum::internals::SearchCache::default();
        for refresh in ["first", "next"] {
            let t = Instant::now();
            let files = quorum::internals::refresh_index(&output, &site.archive, &mut cache)
                .map_or(0, |f| f.len());
            println!(
                "the search index alone, {refresh} refresh (read, build, serialise): {}, {files} files",
                ms(t.elapsed())
            );
        }
    }
    ExitCode::SUCCESS
}

// The same allocator as the `quorum` binary, so the figures match a real build.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
