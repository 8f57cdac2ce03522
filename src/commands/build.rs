//! The build: loads the [`Site`] (config, content, parse, assemble, graph), renders every
//! page and swaps the result in; reports what it did. `check` runs the same steps and
//! writes nothing.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::base::diagnostic::{Diagnostic, Error, Result};
use crate::commands::options::BuildOptions;
use crate::commands::site::{Site, Timings, WriteMode};
use crate::publish::output::check_output_dir;

/// What a build did, for the summary line.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub meetings: usize,
    pub decisions: usize,
    pub actions: usize,
    pub organisations: usize,
    pub people: usize,
    pub pages: usize,
    pub files: usize,
    pub elapsed: Duration,
    pub output: PathBuf,
    pub warnings: Vec<Diagnostic>,
    /// How long each step took (`quorum build --timings`).
    pub timings: Timings,
}

impl BuildReport {
    pub fn summary(&self) -> String {
        format!(
            "built {} meetings, {} decisions, {} actions, {} organisations, {} people: {} pages and {} files in {:.2} s → {}",
            self.meetings,
            self.decisions,
            self.actions,
            self.organisations,
            self.people,
            self.pages,
            self.files,
            self.elapsed.as_secs_f64(),
            self.output.display()
        )
    }

    /// One line per build step with its wall time and the resident memory when it ended,
    /// then the peak, for `--timings`.
    pub fn timing_lines(&self) -> Vec<String> {
        let mb = |bytes: u64| format!("{:>7} MB", bytes / 1_000_000);
        let mut lines: Vec<String> = self
            .timings
            .0
            .iter()
            .zip(&self.timings.1)
            .map(|((step, took), resident)| {
                let memory = resident.map_or_else(|| format!("{:>10}", ""), |r| mb(r.now));
                format!("{:>9.3} s {memory}  {step}", took.as_secs_f64())
            })
            .collect();
        if let Some(peak) = self.timings.1.iter().flatten().map(|r| r.peak).max() {
            lines.push(format!("{:>11} {}  peak memory", "", mb(peak)));
        }
        lines
    }
}

/// Builds the site into its output folder.
pub fn build_site(options: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let mut site = Site::load(options)?;
    check_output_dir(&options.root, &site.output)?;
    let pages = site.graph.pages.len();
    let file_count = site.write_all(WriteMode::Once)?;
    let report = report(&site, pages, file_count, started.elapsed());
    // Freeing the archive, the graph and the templates takes a while on a large site, and
    // nothing needs it: `quorum build` exits without waiting.
    std::thread::spawn(move || drop(site));
    Ok(report)
}

/// The summary of a site as built.
pub(crate) fn report(
    site: &Site,
    pages: usize,
    file_count: usize,
    elapsed: Duration,
) -> BuildReport {
    let counts = &site.graph.counts;
    BuildReport {
        meetings: counts.meetings,
        decisions: counts.decisions,
        actions: counts.actions,
        organisations: counts.organisations,
        people: counts.people,
        pages,
        files: file_count.saturating_sub(pages),
        elapsed,
        output: site.output.clone(),
        warnings: site.warnings(),
        timings: site.timings.clone(),
    }
}

/// Validates everything `build` reads, including rendering every page; writes nothing.
/// Returns every diagnostic, errors and warnings.
pub fn check_site(options: &BuildOptions) -> Result<Vec<Diagnostic>> {
    match Site::load(options) {
        Ok(site) => {
            let mut diagnostics = site.warnings();
            if let Err(Error::Content(mut errors)) = site.render_pages() {
                diagnostics.append(&mut errors);
            }
            Ok(diagnostics)
        }
        Err(Error::Content(diagnostics)) => Ok(diagnostics),
        Err(other) => Err(other),
    }
}
