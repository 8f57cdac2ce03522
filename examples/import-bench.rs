//! How long `quorum import` takes for many documents: generates N minutes (default 1,000)
//! from the seed texts, each with its own body and date, imports them into an empty site
//! (writing the files and checking the site, as the command does) and prints the time.
//!
//! cargo run --release --example import-bench -- [N]

use std::path::Path;
use std::time::Instant;

use quorum::import::{import, ImportOptions};

fn main() {
    let count: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds: Vec<String> = std::fs::read_dir(repo.join("tests/fixtures/import/seeds"))
        .expect("the seed fixtures")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| std::fs::read_to_string(p).expect("a seed"))
        .collect();
    let site = tempfile::tempdir().expect("a temporary folder");
    let content = site.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    for registry in ["organisations.yaml", "people.yaml"] {
        std::fs::copy(repo.join("content").join(registry), content.join(registry)).unwrap();
    }
    let inbox = site.path().join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    let months = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ];
    for i in 0..count {
        let seed = &seeds[i % seeds.len()];
        // The seed without its title line, under a title of its own.
        let body: String = seed
            .lines()
            .skip_while(|l| !l.to_lowercase().contains("minnesanteckningar"))
            .skip(1)
            .collect::<Vec<_>>()
            .join("\n");
        let (network, day) = (i % 40, i / 40);
        let regions = [
            "Norr", "Syd", "Väst", "Öst", "Mitt", "Kust", "Skog", "Fjäll",
        ];
        let fields = [
            "socialchefer",
            "IFO",
            "äldreomsorg",
            "MAS",
            "funktionshinder",
        ];
        let title = format!(
            "Minnesanteckningar Nätverk {} {} {} {} {}",
            regions[network % 8],
            fields[network / 8],
            day % 28 + 1,
            months[day / 28 % 12],
            2000 + day / (28 * 12)
        );
        std::fs::write(
            inbox.join(format!("{i:05}.txt")),
            format!("{title}\n\n{body}\n"),
        )
        .unwrap();
    }
    let started = Instant::now();
    let report = import(&ImportOptions {
        inputs: vec![inbox],
        root: site.path().to_path_buf(),
        ..ImportOptions::default()
    })
    .expect("the import");
    let elapsed = started.elapsed();
    let failed = report.files.iter().filter(|f| f.outcome.is_err()).count();
    if let Some(error) = report.files.iter().find_map(|f| f.outcome.as_ref().err()) {
        eprintln!("first failure: {error}");
    }
    println!(
        "imported {} of {count} documents (written and checked) in {:.2} s",
        count - failed,
        elapsed.as_secs_f64()
    );
}
