//! Prints how long each build phase takes for a site (load+parse+graph, render per
//! template, write), to find what dominates a build.
//! `cargo run --release --example phase-times -- DIR`
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

fn main() {
    let root = std::env::args().nth(1).expect("usage: phase-times DIR");
    if std::env::var_os("PARSE_ONLY").is_some() {
        parse_only(&root);
        return;
    }
    let options = quorum::BuildOptions::new(&root);
    let t = Instant::now();
    let site = quorum::site::Site::load(&options).expect("load");
    println!("load+parse+graph: {:?}", t.elapsed());
    let mut per_template: BTreeMap<&str, (usize, Duration, usize)> = BTreeMap::new();
    for page in &site.graph.pages {
        let t = Instant::now();
        let html = site.renderer.render(page).expect("render").html;
        let entry = per_template.entry(page.template).or_default();
        entry.0 += 1;
        entry.1 += t.elapsed();
        entry.2 += html.len();
    }
    let t = Instant::now();
    let values: usize = site
        .graph
        .pages
        .iter()
        .map(|p| serde_json::to_string(&p.data).map(|s| s.len()).unwrap_or(0))
        .sum();
    println!(
        "serialising every page's data: {:?} ({:.1} MB of JSON)",
        t.elapsed(),
        values as f64 / 1e6
    );
    for (template, (count, time, bytes)) in per_template {
        println!(
            "{template:20} {count:6} pages {time:10.2?} {:8.1} MB",
            bytes as f64 / 1e6
        );
    }
}

#[allow(dead_code)]
fn parse_only(root: &str) {
    let t = Instant::now();
    let content = quorum::load::load_content(std::path::Path::new(root)).unwrap();
    println!("load: {:?}", t.elapsed());
    let config = quorum::config::SiteConfig::default();
    let registry = quorum::registry::Registry::default();
    let t = Instant::now();
    let parsed: Vec<_> = content
        .meetings
        .iter()
        .map(|f| quorum::parse::parse_meeting(f, &config, &registry).unwrap())
        .collect();
    println!("parse (1 thread): {:?}", t.elapsed());
    let t = Instant::now();
    let (archive, _) = quorum::parse::assemble(parsed, &registry).unwrap();
    println!("assemble: {:?}", t.elapsed());
    let theme = quorum::theme::load_theme(std::path::Path::new(root), "default").unwrap();
    let t = Instant::now();
    let graph = quorum::graph::build_graph(&archive, &theme.strings, config.language).unwrap();
    println!("graph: {:?} ({} pages)", t.elapsed(), graph.pages.len());
}
