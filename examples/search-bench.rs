//! Search index benchmark: size of the index and latency of queries.
//!
//! ```text
//! cargo run --release --example gen-corpus -- 10000 /tmp/corpus
//! cargo run --release --example search-bench -- /tmp/corpus [QUERY ...] [--rebuild OUTPUT]
//! ```
//!
//! Loads the site with the library, builds the search index as `quorum build` does and prints:
//! the time to build and serialise it; its total size and the size of each kind of file
//! (vocabulary, postings, documents, filters) with the largest file; per query, the files
//! the browser loads for it (first page of results included) and their size; and the
//! latency of the lookup and scoring (`SearchIndex::search`, the algorithm of search.js run
//! in Rust) over repeated runs. With `--rebuild OUTPUT` it also times an incremental
//! rebuild (`Site::rebuild`, which regenerates the whole index) after one meeting file is
//! rewritten, with OUTPUT as the output folder (build it first with `quorum build`). With
//! `--write DIR` it writes the index files to DIR/search/ (for browser measurements with
//! `browser/search-bench.mjs` without building every page).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use quorum::internals::Site;
use quorum::internals::{Filters, SearchIndex, INDEX_DIR};
use quorum::BuildOptions;

const DEFAULT_QUERIES: &[&str] = &[
    "besöksförbud",
    "besoksforbud",
    "nattbemanning",
    "kompetensförsörjning",
    "socialstyrelsen",
    "öppna jämförelser",
    "hemtjänst",
    "be",
    "vård",
    "beslut",
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
        eprintln!("usage: search-bench DIR [QUERY ...] [--rebuild OUTPUT] [--write DIR]");
        return ExitCode::from(2);
    };
    let mut queries: Vec<String> = Vec::new();
    let mut rebuild_output: Option<PathBuf> = None;
    let mut write_to: Option<PathBuf> = None;
    while let Some(arg) = args.next() {
        if arg == "--rebuild" {
            rebuild_output = args.next().map(PathBuf::from);
        } else if arg == "--write" {
            write_to = args.next().map(PathBuf::from);
        } else {
            queries.push(arg);
        }
    }
    if queries.is_empty() {
        queries = DEFAULT_QUERIES.iter().map(|q| q.to_string()).collect();
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
    let index = SearchIndex::build(&site.archive);
    let build_time = t.elapsed();
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

    println!();
    println!(
        "{:<22} {:>7} {:>6} {:>11} {:>10} {:>10} {:>10}",
        "query", "hits", "files", "first load", "median", "p95", "max"
    );
    let meta = size[format!("{INDEX_DIR}meta.js").as_str()];
    let mut worst_load = 0;
    let mut breakdown = Vec::new();
    for query in &queries {
        let outcome = index.search(query, &Filters::default());
        let loaded: usize = meta
            + outcome
                .files
                .iter()
                .map(|f| size.get(f.as_str()).copied().unwrap_or(0))
                .sum::<usize>();
        worst_load = worst_load.max(loaded);
        let by_kind = |prefix: &str| -> usize {
            outcome
                .files
                .iter()
                .filter(|f| f.starts_with(&format!("{INDEX_DIR}{prefix}")))
                .map(|f| size.get(f.as_str()).copied().unwrap_or(0))
                .sum()
        };
        breakdown.push(format!(
            "{:<22} vocabulary {}, postings {}, documents {}",
            format!("{query:?}"),
            kib(by_kind("w-")),
            kib(by_kind("p-")),
            kib(by_kind("d-"))
        ));
        let mut times: Vec<Duration> = (0..RUNS)
            .map(|_| {
                let t = Instant::now();
                let o = index.search(query, &Filters::default());
                let elapsed = t.elapsed();
                assert_eq!(o.hits.len(), outcome.hits.len());
                elapsed
            })
            .collect();
        times.sort_unstable();
        println!(
            "{:<22} {:>7} {:>6} {:>11} {:>10} {:>10} {:>10}",
            format!("{query:?}"),
            outcome.hits.len(),
            outcome.files.len() + 1,
            kib(loaded),
            ms(times[RUNS / 2]),
            ms(times[RUNS * 95 / 100]),
            ms(times[RUNS - 1])
        );
    }
    println!();
    println!("first load by kind (besides the manifest, {}):", kib(meta));
    for line in &breakdown {
        println!("  {line}");
    }
    let filtered = Filters {
        year: index.years.last().copied(),
        decisions_only: true,
        ..Filters::default()
    };
    let t = Instant::now();
    let outcome = index.search(&queries[0], &filtered);
    println!(
        "{:?} in {:?}, decisions only: {} hits in {}",
        queries[0],
        filtered.year,
        outcome.hits.len(),
        ms(t.elapsed())
    );
    println!(
        "largest first load (manifest, vocabulary, postings, first page of documents): {}",
        kib(worst_load)
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
        let t = Instant::now();
        let changed =
            quorum::internals::refresh_index(&output, &site.archive).map_or(0, |f| f.len());
        println!(
            "the search index alone (build, serialise, compare with the files on disk): {}, {changed} files to write",
            ms(t.elapsed())
        );
    }
    ExitCode::SUCCESS
}

// The same allocator as the `quorum` binary, so the figures match a real build.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
