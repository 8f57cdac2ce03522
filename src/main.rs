//! The `quorum` command line: parses arguments, calls the library, prints diagnostics and
//! chooses the exit code (0 ok, 1 content errors, 2 usage or I/O).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use quorum::{Audience, LinkStyle};
use quorum::{BuildOptions, Diagnostic, Error};

#[derive(Parser)]
#[command(
    name = "quorum",
    version,
    about = "Publish an archive of meeting minutes as a static site"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced atomically).
    Build {
        /// The site folder (holding site.toml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: build.output_dir from site.toml).
        #[arg(long)]
        output: Option<PathBuf>,
        /// The URL the site is published at (for feeds and canonical links).
        #[arg(long)]
        base_url: Option<String>,
        /// How internal links are written.
        #[arg(long, value_enum)]
        links: Option<LinkStyle>,
        /// Include meetings marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Who the site is for: internal (every name) or public (protected people masked,
        /// internal parts left out); default: `[audience] default` in site.toml.
        #[arg(long, value_enum)]
        audience: Option<Audience>,
        /// The day actions are overdue on, YYYY-MM-DD (default: each body's newest meeting).
        #[arg(long)]
        today: Option<chrono::NaiveDate>,
        /// Also print how long each step of the build took.
        #[arg(long)]
        timings: bool,
    },
    /// Build, serve the output on loopback, rebuild on every change and reload open pages.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: build.output_dir from site.toml).
        #[arg(long)]
        output: Option<PathBuf>,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; anything but loopback exposes drafts to the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Include meetings marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Who the site is for: internal or public (see build).
        #[arg(long, value_enum)]
        audience: Option<Audience>,
    },
    /// Validate everything build reads; write nothing.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Check as for this audience: personal data is an error for public.
        #[arg(long, value_enum)]
        audience: Option<Audience>,
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// The day actions are overdue on, YYYY-MM-DD (default: each body's newest meeting).
        #[arg(long)]
        today: Option<chrono::NaiveDate>,
    },
    /// Create a new site with the default theme and one sample meeting.
    Init {
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// What to start from: a network's notes, or a board's year of protokoll.
        #[arg(long, value_enum, default_value = "minnesanteckningar")]
        template: quorum::SiteTemplate,
    },
    /// Create a new meeting file from a template.
    New {
        /// The meeting's title.
        title: String,
        /// The recurring forum (network, board, committee).
        #[arg(long)]
        body: String,
        /// The meeting's date, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// The organising organisation (key, name or alias).
        #[arg(long)]
        organiser: Option<String>,
        /// The language of the minutes, sv or en (default: the site's `language`).
        #[arg(long)]
        language: Option<String>,
        /// The kind of minutes: `protokoll` or `minutes` add the formal header's keys.
        #[arg(long)]
        kind: Option<String>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Turn Word, OpenDocument, PDF or text minutes into meeting files (docs/import.md).
    Import {
        /// Documents (.docx, .odt, .pdf, .txt, .md) and folders of them.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The recurring forum, when the title does not name it.
        #[arg(long)]
        body: Option<String>,
        /// The organising organisation (key, name or alias).
        #[arg(long)]
        organiser: Option<String>,
        /// The minutes' language (default: guessed from the text).
        #[arg(long, value_parser = ["sv", "en"])]
        language: Option<String>,
        /// Print the report and the Markdown; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Replace meeting files that already exist.
        #[arg(long)]
        force: bool,
        /// Keep the original document beside the meeting, as an attachment.
        #[arg(long)]
        keep_original: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

fn main() -> ExitCode {
    seed_hash_maps_per_thread();
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(error) => report(&error),
    }
}

fn run(command: Command) -> Result<ExitCode, Error> {
    match command {
        Command::Build {
            root,
            output,
            base_url,
            links,
            drafts,
            audience,
            today,
            timings,
        } => run_build(
            BuildOptions {
                root,
                output,
                base_url,
                links,
                drafts,
                audience,
                today,
            },
            timings,
        ),
        Command::Serve {
            root,
            output,
            port,
            bind,
            open,
            drafts,
            audience,
        } => run_serve(quorum::ServeOptions {
            build: BuildOptions {
                root,
                output,
                drafts,
                audience,
                ..BuildOptions::default()
            },
            bind,
            port,
            open,
        }),
        Command::Check {
            root,
            audience,
            format,
            today,
        } => run_check(
            BuildOptions {
                audience,
                today,
                ..BuildOptions::new(root)
            },
            format,
        ),
        Command::Init { dir, template } => run_init(&dir, template),
        Command::New {
            title,
            body,
            date,
            organiser,
            language,
            kind,
            root,
        } => run_new(
            &root,
            &quorum::NewMeeting {
                title: &title,
                body: &body,
                date: &date,
                organiser: organiser.as_deref(),
                language: language.as_deref(),
            },
            kind.as_deref(),
        ),
        Command::Import {
            inputs,
            root,
            body,
            organiser,
            language,
            dry_run,
            force,
            keep_original,
        } => run_import(quorum::import::ImportOptions {
            inputs,
            root,
            body,
            organiser,
            language: language.as_deref().and_then(quorum::Language::from_code),
            dry_run,
            force,
            keep_original,
        }),
    }
}

fn run_build(options: BuildOptions, timings: bool) -> Result<ExitCode, Error> {
    keep_freed_memory_for_reuse();
    let report = quorum::build_site(&options)?;
    if timings {
        for line in report.timing_lines() {
            println!("{line}");
        }
    }
    println!("{}", report.summary());
    if !report.warnings.is_empty() {
        eprintln!(
            "{} warning(s): run `quorum check` to see them",
            report.warnings.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn run_serve(options: quorum::ServeOptions) -> Result<ExitCode, Error> {
    let log = |line: &str| eprintln!("{line}");
    quorum::serve(options, &log)?;
    Ok(ExitCode::SUCCESS)
}

/// Exit code 1 when any diagnostic is an error, so that scripts can gate on `check`.
fn run_check(options: BuildOptions, format: Format) -> Result<ExitCode, Error> {
    let diagnostics = quorum::check_site(&options)?;
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    match format {
        Format::Human => {
            for d in &diagnostics {
                eprintln!("{d}\n");
            }
            println!(
                "{errors} error(s), {} warning(s)",
                diagnostics.len() - errors
            );
        }
        Format::Json => {
            let json = serde_json::to_string_pretty(&diagnostics)
                .map_err(|e| Error::Usage(e.to_string()))?;
            println!("{json}");
        }
    }
    Ok(failure_if(errors > 0))
}

fn run_init(dir: &Path, template: quorum::SiteTemplate) -> Result<ExitCode, Error> {
    let written = quorum::init_site_from(dir, template)?;
    println!(
        "created a site in {} ({} files); next: cd {} && {} serve",
        dir.display(),
        written.len(),
        dir.display(),
        how_to_run()
    );
    if how_to_run() != "quorum" {
        println!(
            "(quorum is not on your PATH: `cargo install --path .` in quorum's source folder puts it there, then `quorum serve` works)"
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn run_new(
    root: &Path,
    meeting: &quorum::NewMeeting<'_>,
    kind: Option<&str>,
) -> Result<ExitCode, Error> {
    let path = quorum::new_meeting_of_kind(root, meeting, kind)?;
    println!(
        "created {} (a draft: set `draft: false` when the minutes are ready)",
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// A file that cannot be imported does not stop the others; it makes the exit code 1.
fn run_import(options: quorum::import::ImportOptions) -> Result<ExitCode, Error> {
    let report = quorum::import::import(&options)?;
    print_import(&report, options.dry_run);
    Ok(failure_if(report.any_failed()))
}

/// Exit code 1 (content problems) when `failed`, else success.
fn failure_if(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// How the user can run quorum again: `quorum` when that name on the PATH is this
/// program, else the path of this program.
fn how_to_run() -> String {
    let this = std::env::current_exe()
        .ok()
        .and_then(|p| p.canonicalize().ok());
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(format!("quorum{}", std::env::consts::EXE_SUFFIX)))
            .find(|candidate| candidate.is_file())
    });
    match (this, on_path) {
        (Some(this), Some(found)) if found.canonicalize().ok().as_ref() == Some(&this) => {
            "quorum".into()
        }
        (Some(this), _) => this.display().to_string(),
        (None, _) => "quorum".into(),
    }
}

/// The import's report: per file the target, the guesses and their sources, unknown names
/// and check problems (and with --dry-run the Markdown); failures as one line each.
fn print_import(report: &quorum::import::ImportReport, dry_run: bool) {
    let (mut done, mut failed) = (0, 0);
    for file in &report.files {
        match &file.outcome {
            Err(diagnostic) => {
                failed += 1;
                eprintln!("{}", failure_line(diagnostic));
            }
            Ok(imported) => {
                done += 1;
                let verb = if imported.written {
                    "wrote"
                } else {
                    "would write"
                };
                println!(
                    "{} → {verb} {}",
                    file.source.display(),
                    imported.target.display()
                );
                for line in &imported.report {
                    println!("    {line}");
                }
                for name in &imported.unknown_names {
                    println!("    unknown    {name}");
                }
                for problem in &imported.problems {
                    println!("    check: {}", problem.to_string().replace('\n', "\n    "));
                }
                if dry_run {
                    println!("\n{}", imported.markdown);
                }
            }
        }
    }
    let what = if dry_run { "would import" } else { "imported" };
    println!("{what} {done} file(s), {failed} failed");
}

/// A file that could not be imported, on one line (a folder of documents can give many):
/// `error: FILE: message: what to do`.
fn failure_line(diagnostic: &Diagnostic) -> String {
    let mut line = format!(
        "error: {}: {}",
        diagnostic.file.display(),
        diagnostic.message
    );
    if let Some(hint) = &diagnostic.hint {
        line.push_str(": ");
        line.push_str(hint);
    }
    line
}

/// Prints an error and picks the exit code.
fn report(error: &Error) -> ExitCode {
    match error {
        Error::Content(diagnostics) => {
            print_diagnostics(diagnostics);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!("error: {errors} problem(s) found; nothing was written, the previous site is unchanged");
            ExitCode::from(1)
        }
        Error::Io { .. } | Error::Usage(_) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for d in diagnostics.iter().filter(|d| d.is_error()) {
        eprintln!("{d}\n");
    }
}

// Rendering allocates and frees many small values (Tera's context, strings); mimalloc
// handles that pattern across threads far better than the system allocator. Built without
// transparent huge pages (feature `no_thp`): with them, memory it hands back and takes
// again is zeroed 2 MB at a time (perf showed `clear_page_erms` as a build's largest
// system-time cost; bench/RESULTS.md has the figures).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `purge_delay` option (its number in mimalloc.h, where retired options keep
/// their places so that the numbers stay put).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// A build is one short process: memory it frees is kept for its next allocations instead
/// of being handed back to the system and faulted in again, zeroed: less system and wall
/// time for a slightly higher peak (bench/RESULTS.md). `serve` keeps the default and gives
/// memory back between rebuilds.
fn keep_freed_memory_for_reuse() {
    // SAFETY: called before any other thread is started (mi_option_set is not thread-safe).
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}

/// Tera keeps template values in ahash maps and makes several for every component call (its
/// arguments, its context, its variables): millions in a large build. Each
/// new map takes a seed from ahash's random source, by default one global atomic counter,
/// and with both cores bumping it the cache line holding it moves between them on nearly
/// every call (perf showed `gen_hasher_seed` in the build's profile). This source keeps the counter
/// per thread. The seed only tells maps apart: their keys still come from the system's random
/// numbers, so hashes stay unpredictable from outside.
struct PerThreadSeeds;

impl ahash::random_state::RandomSource for PerThreadSeeds {
    fn gen_hasher_seed(&self) -> usize {
        thread_local! {
            static NEXT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
        }
        NEXT.with(|next| {
            // Start each thread's counter from its own address, as ahash's default starts
            // from a static's, and step by an odd constant so consecutive seeds differ in
            // many bits.
            let start = if next.get() == 0 {
                next as *const _ as usize
            } else {
                next.get()
            };
            let seed = start.wrapping_add(0x9E37_79B9_7F4A_7C15_u64 as usize);
            next.set(seed);
            seed
        })
    }
}

/// Installs [`PerThreadSeeds`]; must run before the first ahash map is made.
fn seed_hash_maps_per_thread() {
    // Fails only if a source is already set or a map was made first; then the default stays,
    // which is correct, only slower.
    let _ = ahash::random_state::set_random_source(PerThreadSeeds);
}

#[cfg(test)]
mod tests {
    use ahash::random_state::RandomSource;

    use super::PerThreadSeeds;

    #[test]
    fn seeds_differ_within_a_thread_and_between_threads() {
        let here: Vec<usize> = (0..4).map(|_| PerThreadSeeds.gen_hasher_seed()).collect();
        let there = std::thread::spawn(|| PerThreadSeeds.gen_hasher_seed())
            .join()
            .unwrap();
        let mut all = here.clone();
        all.push(there);
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), 5, "{here:?} {there}");
    }
}
