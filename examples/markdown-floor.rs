//! The floor for the Markdown step: pulldown-cmark alone rendering every meeting body of a
//! site to HTML, in parallel over all cores as quorum does, with nothing else (no front
//! matter parsing, no templates, no writing). `bench/run.sh` compares full builds with it.
//!
//! It then times quorum's own Markdown step (`markdown::parse_body`: the same rendering
//! plus agenda items, presenters, decisions, actions, anchors and syntax highlighting) over
//! the same bodies, for comparison: once as a build runs it, then again without syntect's
//! one-time setup.
//!
//! `cargo run --release --example markdown-floor -- DIR`
use std::time::Instant;

use rayon::prelude::*;

fn main() {
    let root = std::env::args().nth(1).expect("usage: markdown-floor DIR");
    let files: Vec<_> = walkdir::WalkDir::new(std::path::Path::new(&root).join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| std::fs::read_to_string(e.path()).expect("readable"))
        .collect();
    // The body: what follows the front matter's closing fence.
    let bodies: Vec<&str> = files
        .iter()
        .map(|text| {
            text.split_once("\n---\n")
                .map_or(text.as_str(), |(_, body)| body)
        })
        .collect();
    let started = Instant::now();
    let bytes: usize = bodies
        .par_iter()
        .map(|body| {
            let parser = pulldown_cmark::Parser::new_ext(body, pulldown_cmark::Options::all());
            let mut html = String::with_capacity(body.len() * 2);
            pulldown_cmark::html::push_html(&mut html, parser);
            html.len()
        })
        .sum();
    println!(
        "{:.3} s to render {} bodies ({:.1} MB of HTML)",
        started.elapsed().as_secs_f64(),
        bodies.len(),
        bytes as f64 / 1e6
    );

    let config = quorum::internals::SiteConfig::default();
    let options = quorum::internals::MarkdownOptions::for_site(&config, config.language);
    // Twice: the first pass also pays syntect's one-time setup (loading its syntax
    // definitions, compiling the regular expressions of each language met), which a build
    // pays once and `serve` once per session.
    for pass in ["", " again"] {
        let started = Instant::now();
        let items: usize = bodies
            .par_iter()
            .map(|body| quorum::internals::parse_body(body, &options).items.len())
            .sum();
        println!(
            "{:.3} s for quorum's Markdown step over the same bodies{pass} ({items} agenda items)",
            started.elapsed().as_secs_f64()
        );
    }
}

// The same allocator as the `quorum` binary, for both figures: the second line is then
// quorum's Markdown step as a build runs it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
