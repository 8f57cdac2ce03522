//! Prints the resident memory after each step of a build, the steps run one after another:
//! to see which step holds how much (`quorum build --timings` shows the same while the steps
//! overlap). `cargo run --release --example memory-steps -- DIR`
use std::time::Instant;

/// A `/proc/self/status` figure in MB: `VmRSS:` (now) or `VmHWM:` (peak).
fn status_mb(name: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(name))
        .and_then(|l| {
            l[name.len()..]
                .trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        })
        .unwrap_or(0)
        / 1024
}

fn main() {
    let root = std::env::args().nth(1).expect("usage: memory-steps DIR");
    let options = quorum::BuildOptions::new(&root);
    let t = Instant::now();
    let report = |step: &str, t: &Instant| {
        println!(
            "{:>8.2} s {:>7} MB now {:>7} MB peak  {step}",
            t.elapsed().as_secs_f64(),
            status_mb("VmRSS:"),
            status_mb("VmHWM:")
        )
    };
    let site = quorum::internals::Site::load(&options).expect("load");
    report("load, parse, assemble, graph", &t);
    let index = quorum::internals::SearchIndex::build(&site.archive);
    report("search index built", &t);
    let files = index.files();
    report("search index files made", &t);
    drop(files);
    drop(index);
    report("search index dropped", &t);
}
