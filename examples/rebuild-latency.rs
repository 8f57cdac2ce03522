//! Measures `serve`'s incremental rebuild: loads a site (e.g. a generated 10,000-meeting
//! corpus), builds it once, then edits one meeting's text repeatedly and times
//! `Site::rebuild_with` — the same code `serve` runs after a save — until the edited
//! meeting's page is written (`serve` reloads it then, when it is written before the
//! rest), until every page is written, and then `Site::refresh_derived` (feeds, sitemap,
//! archive.json and the search index, which `serve` writes after the reload). Prints the
//! median and the spread of each, for a text-only edit, for an edit that changes a
//! decision (which also re-renders the index, timeline and organisation pages that show
//! it) and for an edit that adds one (which changes what lists show of the meeting: its
//! decision count), for a title edit and for an added attendee (a person new to the
//! archive), as bench/serve-latency.py makes them. The meeting is restored after each
//! timed edit.
//! `STEPS=1` prints each rebuild's steps and the pages it rendered; `KINDS=added,title`
//! times only those kinds of edit (text, decision, added, title, participant, date), and
//! `DERIVED=0` skips feeds and search (for a profiler to see the rebuild alone).
//!
//! `cargo run --release --example gen-corpus -- 10000 /tmp/corpus10k`
//! `cargo run --release --example rebuild-latency -- /tmp/corpus10k [runs]`
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use quorum::internals::Site;
use quorum::BuildOptions;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().expect("usage: rebuild-latency DIR [runs]"));
    let runs: usize = args
        .next()
        .map_or(15, |n| n.parse().expect("runs: a number"));
    let output =
        std::env::temp_dir().join(format!("quorum-rebuild-latency-{}", std::process::id()));
    let options = BuildOptions {
        output: Some(output.clone()),
        ..BuildOptions::new(&root)
    };
    let started = Instant::now();
    let mut site = Site::load(&options).expect("the site loads");
    site.write_all(quorum::internals::WriteMode::Track)
        .expect("the site is built");
    println!(
        "{}: {} meetings, {} pages, full build {:.2} s",
        root.display(),
        site.graph.counts.meetings,
        site.graph.pages.len(),
        started.elapsed().as_secs_f64()
    );
    let meeting = middle_meeting(&site, &root);
    let original = std::fs::read_to_string(&meeting).expect("the meeting is readable");

    let text_edit = |i: usize| original.replacen("\n\n", &format!("\n\nRedigering {i}.\n\n"), 1);
    report(
        "text-only edit",
        time_edits_if("text", &mut site, &meeting, runs, text_edit),
    );
    let decision_edit =
        |i: usize| original.replacen("Beslut:", &format!("Beslut: (ändrad {i})"), 1);
    report(
        "decision edit",
        time_edits_if("decision", &mut site, &meeting, runs, decision_edit),
    );
    // As bench/serve-latency.py's decision edit: a new decision after the first paragraph
    // of the body.
    let decision_added = |i: usize| {
        let body = original.find("\n---\n").map_or(0, |end| end + 5);
        let paragraph = original[body..]
            .find("\n\n")
            .map_or(original.len(), |p| body + p);
        let mut edited = original.clone();
        edited.insert_str(
            paragraph,
            &format!("\n\nBeslut: Nätverket beslutar att frågan {i} ska utredas."),
        );
        edited
    };
    report(
        "decision added",
        time_edits_if("added", &mut site, &meeting, runs, decision_added),
    );
    // As bench/serve-latency.py's title and participant edits.
    let title_edit = |i: usize| {
        let start = original.find("\ntitle: ").expect("a title") + 1;
        let end = start + original[start..].find('\n').expect("a line");
        let mut edited = original.clone();
        edited.replace_range(start..end, &format!("title: \"Sammanträde {i}\""));
        edited
    };
    report(
        "title edit",
        time_edits_if("title", &mut site, &meeting, runs, title_edit),
    );
    let participant_added = |i: usize| {
        original.replacen(
            "attendees:\n",
            &format!("attendees:\n  - Zed{i} Persson, Sotenäs\n"),
            1,
        )
    };
    report(
        "participant added",
        time_edits_if("participant", &mut site, &meeting, runs, participant_added),
    );

    // A date moved by a few days (within its year): the meeting moves in the archive.
    let date_moved = |i: usize| {
        let start = original.find("\ndate: ").expect("a date") + "\ndate: ".len();
        let date = &original[start..start + 10];
        let day: usize = date[8..10].parse().expect("a day");
        let moved = if day > 20 {
            day - 2 - i % 5
        } else {
            day + 2 + i % 5
        };
        let mut edited = original.clone();
        edited.replace_range(start + 8..start + 10, &format!("{moved:02}"));
        edited
    };
    report(
        "date moved",
        time_edits_if("date", &mut site, &meeting, runs, date_moved),
    );

    std::fs::write(&meeting, &original).expect("the meeting is restored");
    let _ = std::fs::remove_dir_all(output);
}

/// A meeting in the middle of the archive that has a decision.
fn middle_meeting(site: &Site, root: &Path) -> PathBuf {
    let meetings = &site.archive.meetings;
    let with_decision = meetings[meetings.len() / 2..]
        .iter()
        .find(|m| m.decisions().next().is_some())
        .expect("a meeting with a decision");
    root.join(&with_decision.source)
}

/// One timed edit: the rebuild (what `serve` does before the browser reloads), then feeds,
/// sitemap, archive.json and the search index (`Site::refresh_derived`, what it does
/// after), and the pages written.
struct Timed {
    /// Until the edited meeting's page was written, when the rebuild wrote it first
    /// (`Site::rebuild_with`), else the whole rebuild.
    first: Duration,
    rebuild: Duration,
    derived: Duration,
    pages_written: usize,
}

/// [`time_edits`] when `KINDS` is unset or names `kind`; else no edit.
fn time_edits_if(
    kind: &str,
    site: &mut Site,
    meeting: &Path,
    runs: usize,
    edit: impl Fn(usize) -> String,
) -> Vec<Timed> {
    let wanted = std::env::var("KINDS").map_or(true, |kinds| kinds.split(',').any(|k| k == kind));
    if wanted {
        time_edits(site, meeting, runs, edit)
    } else {
        Vec::new()
    }
}

/// Times `runs` rebuilds after saving `edit(i)`; the meeting is restored (and the site
/// rebuilt, untimed) after each, so every timed edit starts from the same archive.
fn time_edits(
    site: &mut Site,
    meeting: &Path,
    runs: usize,
    edit: impl Fn(usize) -> String,
) -> Vec<Timed> {
    let original = std::fs::read_to_string(meeting).expect("the meeting is readable");
    let with_derived = std::env::var_os("DERIVED").is_none_or(|v| v != "0");
    (0..runs)
        .map(|i| {
            std::fs::write(meeting, edit(i)).expect("the meeting is writable");
            let started = Instant::now();
            let mut first = None;
            let report = site
                .rebuild_with(&[meeting.to_path_buf()], &mut |_| {
                    first = Some(started.elapsed())
                })
                .expect("the rebuild succeeds");
            let rebuild = started.elapsed();
            let first = first.unwrap_or(rebuild);
            let steps = site.timings.0.clone();
            let started = Instant::now();
            let files = if with_derived {
                site.refresh_derived()
                    .expect("feeds and search are written")
            } else {
                None
            };
            let derived = started.elapsed();
            if std::env::var_os("STEPS").is_some() {
                for (step, t) in &steps {
                    println!("    {:8.1} ms  {step}", t.as_secs_f64() * 1000.0);
                }
                println!(
                    "  = {:.1} ms (the edited meeting's page after {:.1} ms), {} rendered: {}",
                    rebuild.as_secs_f64() * 1000.0,
                    first.as_secs_f64() * 1000.0,
                    report.pages_rendered,
                    report.rendered.join(" ")
                );
                println!(
                    "  then {:.1} ms for feeds and search, {} file(s) written",
                    derived.as_secs_f64() * 1000.0,
                    files.unwrap_or(0)
                );
            }
            std::fs::write(meeting, &original).expect("the meeting is restored");
            site.rebuild(&[meeting.to_path_buf()])
                .expect("the restoring rebuild succeeds");
            if with_derived {
                site.refresh_derived()
                    .expect("feeds and search are restored");
            }
            Timed {
                first,
                rebuild,
                derived,
                pages_written: report.pages_written,
            }
        })
        .collect()
}

fn report(what: &str, timed: Vec<Timed>) {
    if timed.is_empty() {
        return;
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let spread = |mut times: Vec<Duration>| {
        times.sort();
        format!(
            "median {:.1} ms (min {:.1}, max {:.1})",
            ms(times[times.len() / 2]),
            ms(times[0]),
            ms(times[times.len() - 1])
        )
    };
    let mut written: Vec<usize> = timed.iter().map(|t| t.pages_written).collect();
    written.sort();
    println!(
        "{what}: its page {}, every page {} over {} runs, {} page(s) written; then feeds and search {}",
        spread(timed.iter().map(|t| t.first).collect()),
        spread(timed.iter().map(|t| t.rebuild).collect()),
        timed.len(),
        written[written.len() / 2],
        spread(timed.iter().map(|t| t.derived).collect()),
    );
}
