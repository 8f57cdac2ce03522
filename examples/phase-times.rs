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
    let site = quorum::internals::Site::load(&options).expect("load");
    println!("load+parse+graph: {:?}", t.elapsed());
    let mut per_template: BTreeMap<&str, (usize, Duration, usize)> = BTreeMap::new();
    let mut slowest: Vec<(Duration, &str)> = Vec::new();
    let only = std::env::var("TEMPLATE").ok();
    // One pass for the whole run, as a build renders: shared views are converted once.
    let views = site.page_views();
    let pass = quorum::internals::RenderPass::begin();
    for page in &site.graph.pages {
        if only.as_deref().is_some_and(|t| t != page.template) {
            continue;
        }
        let t = Instant::now();
        let html = site
            .renderer
            .render_in(&pass, &views, page)
            .expect("render")
            .html;
        let entry = per_template.entry(page.template).or_default();
        entry.0 += 1;
        entry.1 += t.elapsed();
        entry.2 += html.len();
        slowest.push((t.elapsed(), &page.path));
    }
    slowest.sort_unstable_by(|a, b| b.cmp(a));
    for (took, path) in slowest.iter().take(8) {
        println!("slow page: {took:10.2?} {path}");
    }
    let t = Instant::now();
    let mut json_per_template: BTreeMap<&str, usize> = BTreeMap::new();
    let values: usize = site
        .graph
        .pages
        .iter()
        .map(|p| {
            let len = serde_json::to_string(&views.data(p))
                .map(|s| s.len())
                .unwrap_or(0);
            *json_per_template.entry(p.template).or_default() += len;
            len
        })
        .sum();
    println!(
        "serialising every page's data: {:?} ({:.1} MB of JSON)",
        t.elapsed(),
        values as f64 / 1e6
    );
    let mut context_per_template: BTreeMap<&str, Duration> = BTreeMap::new();
    let pass = quorum::internals::RenderPass::begin();
    for page in &site.graph.pages {
        let t = Instant::now();
        let context = pass
            .within(|| tera::Context::from_serialize(&views.data(page)))
            .expect("context");
        drop(context);
        *context_per_template.entry(page.template).or_default() += t.elapsed();
    }
    for (template, took) in &context_per_template {
        println!("{template:20} building and dropping the Tera context: {took:10.2?}");
    }
    for (template, (count, time, bytes)) in per_template {
        println!(
            "{template:20} {count:6} pages {time:10.2?} {:8.1} MB of HTML {:8.1} MB of context",
            bytes as f64 / 1e6,
            json_per_template[template] as f64 / 1e6
        );
    }
}

#[allow(dead_code)]
fn parse_only(root: &str) {
    let t = Instant::now();
    let content = quorum::internals::load_content(std::path::Path::new(root)).unwrap();
    println!("load: {:?}", t.elapsed());
    let config = quorum::internals::SiteConfig::default();
    let registry = quorum::internals::Registry::default();
    let t = Instant::now();
    let parsed: Vec<_> = content
        .meetings
        .iter()
        .map(|f| quorum::internals::parse_meeting(f, &config, &registry).unwrap())
        .collect();
    println!("parse (1 thread): {:?}", t.elapsed());
    let t = Instant::now();
    let (archive, _) = quorum::internals::assemble(parsed.iter().collect(), &registry).unwrap();
    println!("assemble: {:?}", t.elapsed());
    let theme = quorum::internals::load_theme(std::path::Path::new(root), "default").unwrap();
    let t = Instant::now();
    let graph = quorum::internals::build_graph(&archive, &theme.strings, config.language).unwrap();
    println!("graph: {:?} ({} pages)", t.elapsed(), graph.pages.len());
}

// The same allocator as the `quorum` binary, so the figures match a real build.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
