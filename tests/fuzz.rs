//! A fuzzing harness on stable Rust: mutates the example meetings in content/ and the
//! bad-input fixtures (bytes, lines, random Unicode with combining marks and right-to-left
//! text) and writes random front matter from a small grammar, then checks every input
//! through the library:
//!
//! - nothing panics;
//! - `check_site` returns the content's diagnostics, never an I/O or other error (so the
//!   CLI's exit code is 0 or 1);
//! - every position it reports lies inside the file (line ≤ line count, column ≤ line
//!   length + 1, in characters);
//! - a meeting `check` accepts also builds.
//!
//! Reproducible: a seeded PRNG. `QUORUM_FUZZ_SEED` and `QUORUM_FUZZ_ITERATIONS` choose the
//! run; by default 400 iterations or 25 seconds, whichever ends first. A long run:
//! `QUORUM_FUZZ_ITERATIONS=100000 cargo test --release --test fuzz -- --nocapture`.
//! A failing input is written to tests/fixtures/fuzz/ (keep it: every file there is
//! replayed first, as a regression test).

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use quorum::{build_site, check_site, BuildOptions, Error, Severity};

/// xorshift64*: a few lines, and the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The example meetings and the bad-input fixtures' meetings, as bytes.
fn corpus() -> Vec<Vec<u8>> {
    let mut files = Vec::new();
    for dir in ["content", "tests/fixtures/bad"] {
        for entry in walkdir(&manifest().join(dir)) {
            if entry.extension().is_some_and(|e| e == "md") {
                files.push(std::fs::read(&entry).unwrap());
            }
        }
    }
    assert!(files.len() > 10);
    files
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_symlink() {
            continue;
        }
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Combining marks, right-to-left text and marks, zero-width and other odd characters.
const ODD: &[&str] = &[
    "\u{301}",
    "\u{308}\u{323}",
    "e\u{301}\u{302}\u{303}",
    "مرحبا",
    "שלום",
    "\u{202E}",
    "\u{200F}",
    "\u{200D}",
    "\u{FEFF}",
    "\u{2028}",
    "🇸🇪",
    "👩‍👩‍👧",
    "ﷺ",
    "\u{0}",
    "\u{1B}[31m",
    "\u{85}",
    "\r",
    "\t",
    "---",
    "...",
    ": ",
    "- ",
    "[",
    "{",
    "]",
    "}",
    "&a ",
    "*a",
    "!!str ",
    "|",
    ">",
    "#",
    "\"",
    "'",
    "\\",
    "<script>",
    "[x](javascript:alert(1))",
    "## 1) ",
    "Beslut: ",
    "Åtgärd: ",
    "(Lisbeth Olsson, Sotenäs)",
    "../",
    "/meetings/",
    "%",
    "\u{10FFFF}",
];

fn mutate(rng: &mut Rng, mut bytes: Vec<u8>) -> Vec<u8> {
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(7) {
            0 if !bytes.is_empty() => {
                let i = at.min(bytes.len() - 1);
                bytes[i] ^= 1 << rng.below(8);
            }
            1 if !bytes.is_empty() => {
                let end = (at + 1 + rng.below(16)).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            2 => {
                let odd = rng.pick(ODD).as_bytes().to_vec();
                bytes.splice(at..at, odd);
            }
            3 | 4 => {
                // Line mutations: delete, duplicate or swap lines.
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
                if lines.len() > 1 {
                    let i = rng.below(lines.len());
                    let j = rng.below(lines.len());
                    match rng.below(3) {
                        0 => {
                            lines.remove(i);
                        }
                        1 => lines.insert(j, lines[i]),
                        _ => lines.swap(i, j),
                    }
                }
                bytes = lines.concat().into_bytes();
            }
            5 => bytes
                .splice(at..at, std::iter::repeat_n(b'[', rng.below(64)))
                .for_each(drop),
            _ => {
                let random: Vec<u8> = (0..1 + rng.below(8)).map(|_| rng.next() as u8).collect();
                bytes.splice(at..at, random);
            }
        }
    }
    bytes
}

/// A meeting from a small grammar of front matter keys and values, and a short body.
fn generated(rng: &mut Rng) -> Vec<u8> {
    let keys = [
        "title",
        "date",
        "body",
        "organiser",
        "time",
        "location",
        "kind",
        "language",
        "chair",
        "scribes",
        "attendees",
        "tags",
        "attachments",
        "draft",
        "titel",
    ];
    let mut text = String::from("---\n");
    for _ in 0..rng.below(8) {
        let key = *rng.pick(&keys);
        let value = value(rng, 0);
        text.push_str(&format!("{key}: {value}\n"));
    }
    if rng.below(3) > 0 {
        text.push_str(&format!(
            "date: {}\n",
            rng.pick(&[
                "2020-01-01",
                "2021-02-29",
                "0000-01-01",
                "99999-1-1",
                "2020-13-01",
                "x"
            ])
        ));
    }
    let fence: &&str = rng.pick(&["---\n", "...\n", ""]);
    text.push_str(fence);
    for _ in 0..rng.below(4) {
        text.push_str(&format!(
            "## {} {}\n\n{} {}\n\n",
            rng.below(5),
            rng.pick(ODD),
            rng.pick(ODD),
            rng.pick(ODD)
        ));
    }
    text.into_bytes()
}

fn value(rng: &mut Rng, depth: usize) -> String {
    match rng.below(if depth > 3 { 3 } else { 6 }) {
        0 => rng.pick(ODD).to_string(),
        1 => rng
            .pick(&[
                "Möte",
                "\"quoted: x\"",
                "'it''s'",
                "2020-09-15",
                "true",
                "~",
                "12:30",
                "Lisbeth Olsson, Sotenäs",
            ])
            .to_string(),
        2 => String::new(),
        3 => {
            let items: Vec<String> = (0..rng.below(4)).map(|_| value(rng, depth + 1)).collect();
            format!("[{}]", items.join(", "))
        }
        4 => {
            let key = rng.pick(&["name", "organisation", "file", "title", "url", "role"]);
            format!("{{ {key}: {} }}", value(rng, depth + 1))
        }
        _ => format!("\n  - {}", value(rng, depth + 1)),
    }
}

/// Checks (and builds, if accepted) one meeting; describes what went wrong, if anything.
fn run(bytes: &[u8]) -> Option<String> {
    let site = tempfile::tempdir().unwrap();
    let file = site.path().join("content/2020-01-01-fuzz.md");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, bytes).unwrap();
    let text =
        String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).into_owned();
    let lines: Vec<&str> = text.split('\n').collect();
    let result = std::panic::catch_unwind(AssertUnwindSafe(|| {
        check_site(&BuildOptions::new(site.path()))
    }));
    let diagnostics = match result {
        Err(_) => return Some("check panicked".into()),
        Ok(Err(e)) => {
            return Some(format!(
                "check returned an error that is not a diagnostic: {e:?}"
            ))
        }
        Ok(Ok(diagnostics)) => diagnostics,
    };
    for d in &diagnostics {
        if d.file != Path::new("content/2020-01-01-fuzz.md") || d.line == 0 {
            continue;
        }
        let Some(line) = lines.get(d.line - 1) else {
            return Some(format!("line {} of {}: {d}", d.line, lines.len()));
        };
        let length = line.trim_end_matches('\r').chars().count();
        if d.column > length + 1 {
            return Some(format!("column {} on a line of {length}: {d}", d.column));
        }
    }
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return None;
    }
    let out = tempfile::tempdir().unwrap();
    let options = BuildOptions {
        output: Some(out.path().join("public")),
        ..BuildOptions::new(site.path())
    };
    match std::panic::catch_unwind(AssertUnwindSafe(|| build_site(&options))) {
        Err(_) => Some("build panicked".into()),
        Ok(Err(Error::Content(d))) => Some(format!("check accepted, build refused: {d:?}")),
        Ok(Err(e)) => Some(format!("check accepted, build failed: {e:?}")),
        Ok(Ok(_)) => None,
    }
}

/// Keeps a failing input as a regression fixture and fails the test.
fn fail(bytes: &[u8], seed: u64, iteration: usize, problem: &str) -> ! {
    let path = manifest().join(format!("tests/fixtures/fuzz/seed-{seed}-{iteration}.md"));
    std::fs::write(&path, bytes).unwrap();
    panic!("{problem}\n(input kept as {})", path.display());
}

#[test]
fn regressions_found_by_fuzzing_stay_fixed() {
    for path in walkdir(&manifest().join("tests/fixtures/fuzz")) {
        if path.extension().is_some_and(|e| e == "md") {
            let bytes = std::fs::read(&path).unwrap();
            if let Some(problem) = run(&bytes) {
                panic!("{}: {problem}", path.display());
            }
        }
    }
}

#[test]
fn random_meetings_are_checked_and_built_without_surprises() {
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    let seed = env("QUORUM_FUZZ_SEED").unwrap_or(22);
    let iterations = env("QUORUM_FUZZ_ITERATIONS");
    let budget = iterations.map_or(Duration::from_secs(25), |_| Duration::MAX);
    let iterations = iterations.unwrap_or(400) as usize;
    let corpus = corpus();
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let started = Instant::now();
    let mut done = 0;
    while done < iterations && started.elapsed() < budget {
        let bytes = if rng.below(4) == 0 {
            generated(&mut rng)
        } else {
            let base = rng.pick(&corpus).clone();
            mutate(&mut rng, base)
        };
        if let Some(problem) = run(&bytes) {
            fail(&bytes, seed, done, &problem);
        }
        done += 1;
    }
    eprintln!(
        "fuzz: seed {seed}, {done} inputs in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}
