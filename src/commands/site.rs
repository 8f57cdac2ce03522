//! A loaded site that can be rebuilt in part: `build` loads it and writes everything;
//! `serve` keeps it in memory and, after an edit, re-parses only the changed files and
//! re-renders only the pages whose inputs changed (the site graph records which meetings
//! each page shows). Both go through the same steps: parse → assemble → graph → render.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::base::config::SiteConfig;
use crate::base::diagnostic::{all_or_problems, Diagnostic, Error, Result};
use crate::base::memory::{resident, Resident};
use crate::base::shared::RenderPass;
use crate::commands::options::{load_config, output_dir, BuildOptions};
use crate::content::audience::PublicView;
use crate::content::load::{list_content, read_source_inside, relative, SourceFile};
use crate::content::meeting::{assemble, parse_meeting, ParsedMeeting};
use crate::content::model::{Archive, Meeting, Slug};
use crate::content::packed::COMPRESS_ABOVE;
use crate::content::registry::Registry;
use crate::graph::scope::Scope;
use crate::graph::{build_graph_in, Page, SiteGraph};
use crate::publish::output::{OutputFile, Staging};
use crate::render::theme::{load_theme, Source, Theme};
use crate::render::Renderer;

pub(crate) type Parsed = std::result::Result<ParsedMeeting, Vec<Diagnostic>>;

/// Everything read from a site folder, kept between rebuilds.
pub struct Site {
    pub(crate) options: BuildOptions,
    pub(crate) config: SiteConfig,
    pub(crate) output: PathBuf,
    pub(crate) theme: Theme,
    pub renderer: Renderer,
    pub(crate) registry: Registry,
    pub(crate) registry_problems: Vec<Diagnostic>,
    pub(crate) load_problems: Vec<Diagnostic>,
    /// Every meeting file by path (relative to the root), parsed or not.
    pub(crate) sources: BTreeMap<PathBuf, Parsed>,
    pub archive: Archive,
    pub graph: SiteGraph,
    /// The warnings of the archive as a whole (see [`Site::warnings`]): the follow-up's,
    /// then the links to missing meetings (in archive order), of which there are
    /// `link_warnings`.
    pub(crate) archive_warnings: Vec<Diagnostic>,
    pub(crate) link_warnings: usize,
    /// Every warning, gathered by a one-off build before it lets the parsed files go.
    pub(crate) gathered_warnings: Option<Vec<Diagnostic>>,
    /// Meeting slug → its position in `archive.meetings`, made again whenever the archive
    /// is assembled (`serve`'s quick updates find the
    /// edited meeting here).
    pub(crate) positions: HashMap<Slug, usize>,
    /// Page path → hash of the HTML last written (kept by `serve` only).
    pub(crate) written: FileHashes,
    /// What `serve` keeps of feeds, the sitemap, archive.json and the search index: after
    /// an edit it makes them all again and writes those whose bytes changed.
    pub(crate) derived: std::sync::Arc<std::sync::Mutex<Derived>>,
    /// Whether feeds and the search index lag behind the pages (see `refresh_derived`).
    pub(crate) derived_stale: bool,
    /// Whether a meeting file changed since the archive and graph were last assembled (an
    /// edit whose rebuild failed): the graph then cannot be updated in part.
    pub(crate) graph_behind: bool,
    /// Per meeting slug, the fingerprint of what other pages show of it.
    pub(crate) fingerprints: HashMap<Slug, Fingerprint>,
    /// How long each step of the last load and build (or rebuild) took.
    pub timings: Timings,
    /// What a public build masks (None for an internal build), made when the archive is
    /// assembled.
    pub(crate) public_view: Option<PublicView>,
    /// Whether the meetings' items' HTML is kept compressed: the archive held more than
    /// `COMPRESS_ABOVE` meetings when loaded (`serve` keeps to it as files come and go).
    pub(crate) compress_items: bool,
}

/// Site path → hash of the bytes written there (see [`Site::written`]).
pub(crate) type FileHashes = HashMap<String, u64>;

/// What `serve` keeps between refreshes of the files that are not pages (see
/// [`Site::derived`]).
#[derive(Default)]
pub(crate) struct Derived {
    /// Hash of each file last written.
    pub(crate) written: FileHashes,
    /// What the search index read of each meeting.
    pub(crate) search: crate::publish::search::SearchCache,
    /// What each year's part of archive.json was made of.
    pub(crate) export: crate::publish::archive_json::ExportCache,
}

/// How long each step of a build took, in the order they ran (`quorum build --timings`),
/// and the process's resident memory when each ended (`None` where the system does not
/// say; steps that run side by side share the memory of both).
#[derive(Debug, Clone, Default)]
pub struct Timings(
    pub Vec<(&'static str, Duration)>,
    pub(crate) Vec<Option<Resident>>,
);

impl Timings {
    /// Records that `step` took the time since `since`, and restarts the clock.
    pub(crate) fn lap(&mut self, step: &'static str, since: &mut Instant) {
        let now = Instant::now();
        self.record(step, now - *since);
        *since = now;
    }

    pub(crate) fn record(&mut self, step: &'static str, took: Duration) {
        self.0.push((step, took));
        self.1.push(resident());
    }

    /// Appends the steps of `other` (run on another thread) after these.
    pub(crate) fn append(&mut self, other: Timings) {
        self.0.extend(other.0);
        self.1.extend(other.1);
    }
}

/// Runs `f` and says how long it took.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let started = Instant::now();
    let value = f();
    (value, started.elapsed())
}

/// What kind of input a changed path is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Change {
    Config,
    Registry,
    Theme,
    Static,
    Meeting(PathBuf),
}

/// What a rebuild did.
#[derive(Debug, Clone, Default)]
pub struct RebuildReport {
    pub pages_rendered: usize,
    /// The site paths of the pages rendered, in the graph's order (empty after a full
    /// reload, which renders every page).
    pub rendered: Vec<String>,
    pub pages_written: usize,
    /// The site paths of the pages written or removed: the open pages that must reload.
    /// None when every open page must (a full rebuild, or the theme, a stylesheet or an
    /// attachment changed).
    pub changed: Option<Vec<String>>,
    pub(crate) pages_removed: usize,
    pub(crate) files_copied: usize,
    pub(crate) full: bool,
    pub(crate) elapsed: Duration,
}

/// An archive joined from the parsed meetings and checked, not yet the site's: its
/// warnings (the follow-up's, then the links to missing meetings, `link_warnings` of
/// them).
pub(crate) struct Assembled {
    pub(crate) archive: Archive,
    problems: Vec<Diagnostic>,
    link_warnings: usize,
}

/// How [`Site::write_all`] is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteMode {
    /// `serve`: the site is rebuilt after edits, so the graph's pages are kept and the
    /// hash of each page's HTML is recorded.
    Track,
    /// A one-off build: each page is dropped once written, and what only a rebuild needs
    /// (the parsed sources, fingerprints, the views kept for the next graph) goes before
    /// the pages are rendered. The site cannot be rebuilt afterwards.
    Once,
}

/// The pages [`Site::write_pages_into`] renders: the graph's own (kept for rebuilds), or
/// taken from it to be dropped one by one.
enum PagesToWrite {
    Kept,
    Taken(Vec<Page>),
}

/// How many pages one rendering task takes at most (see `write_pages_into`).
const PAGES_PER_TASK: usize = 8;

impl Site {
    /// Reads configuration, theme and content, and computes the site graph.
    pub fn load(options: &BuildOptions) -> Result<Site> {
        let mut timings = Timings::default();
        let mut clock = Instant::now();
        let config = load_config(options)?;
        crate::commands::options::check_audience_folders(options, &config)?;
        let output = output_dir(options, &config);
        let theme = load_theme(&options.root, &config.theme)?;
        let content = list_content(&options.root)?;
        let (registry, registry_problems) =
            match Registry::from_files(content.organisations.as_ref(), content.people.as_ref()) {
                Ok(registry) => (registry, Vec::new()),
                Err(problems) => (Registry::default(), problems),
            };
        timings.lap("read config, theme and registries", &mut clock);
        // Each file is read as it is parsed, and its text goes once it is: at 100,000
        // meetings the texts are a gigabyte, never all in memory. A file that cannot be
        // read is a problem of its own, as when `serve` reads it again.
        let compress_items = content.meetings.len() > COMPRESS_ABOVE;
        let sources = content
            .meetings
            .into_par_iter()
            .map(
                |full| match read_source_inside(&options.root, &content.boundary, &full) {
                    Ok(file) => {
                        let parsed = parse_checked(&file, &config, &registry, compress_items);
                        (file.path, parsed)
                    }
                    Err(problem) => (relative(&options.root, &full), Err(vec![problem])),
                },
            )
            .collect();
        timings.lap("read and parse meetings", &mut clock);
        let renderer = Renderer::new(&theme, &config, false)?;
        let config_warnings = config.warnings.clone();
        let mut site = Site {
            options: options.clone(),
            config,
            output,
            theme,
            renderer,
            registry,
            registry_problems,
            load_problems: config_warnings
                .into_iter()
                .chain(content.problems)
                .collect(),
            sources,
            archive: Archive::default(),
            graph: empty_graph(),
            archive_warnings: Vec::new(),
            link_warnings: 0,
            gathered_warnings: None,
            positions: HashMap::new(),
            written: HashMap::new(),
            derived: Default::default(),
            derived_stale: false,
            graph_behind: false,
            fingerprints: HashMap::new(),
            timings,
            public_view: None,
            compress_items,
        };
        site.assemble()?;
        Ok(site)
    }

    /// Joins the parsed meetings into the archive and computes the graph; fails with
    /// every problem of every file.
    pub(crate) fn assemble(&mut self) -> Result<()> {
        let assembled = self.assemble_archive()?;
        self.graph_in(assembled, |_| Scope::All)
    }

    /// Joins the parsed meetings into an archive, masked for the audience and linked for
    /// the follow-up, and checks it; the site is left as it was (a failed edit changes
    /// nothing).
    pub(crate) fn assemble_archive(&mut self) -> Result<Assembled> {
        let mut clock = Instant::now();
        // The files' warnings are not copied on every rebuild (a site without registries
        // has one per unregistered name, 155,000 at 10,000 meetings): only when it fails.
        if self.file_problems().any(Diagnostic::is_error) {
            return Err(Error::Content(self.file_problems().cloned().collect()));
        }
        let parsed: Vec<&ParsedMeeting> = (self.sources.values())
            .filter_map(|result| result.as_ref().ok())
            .filter(|p| self.config.build.drafts || !p.meeting.draft)
            .collect();
        let mut problems = Vec::new();
        let (mut archive, mut link_warnings) =
            assemble(parsed, &self.registry).map_err(|e| self.failed(e))?;
        // The public audience's masking, the one step between the model and the graph.
        self.public_view = PublicView::of(&self.config.audience, &archive);
        if let Some(view) = &self.public_view {
            let refused = view.apply(&mut archive);
            if !refused.is_empty() {
                return Err(self.failed(refused));
            }
        }
        // Across meetings, on what the audience sees: owners, notes and titles are masked.
        let (follow_up, follow_problems) =
            crate::content::followup::link(&archive, self.options.today);
        archive.follow_up = std::sync::Arc::new(follow_up);
        problems.extend(follow_problems);
        let link_warning_count = link_warnings.len();
        problems.append(&mut link_warnings);
        if problems.iter().any(Diagnostic::is_error) {
            return Err(self.failed(problems));
        }
        self.timings.lap("assemble the archive", &mut clock);
        Ok(Assembled {
            archive,
            problems,
            link_warnings: link_warning_count,
        })
    }

    /// Takes `assembled` as the site's archive and computes its graph, making anew only the
    /// pages that `scope` (given the last graph's pages) asks for.
    pub(crate) fn graph_in(
        &mut self,
        assembled: Assembled,
        scope: impl FnOnce(SiteGraph) -> Scope,
    ) -> Result<()> {
        let mut clock = Instant::now();
        let Assembled {
            archive,
            problems,
            link_warnings: link_warning_count,
        } = assembled;
        // Past every check that can fail on content: the last graph's pages are handed
        // over only now (a failed edit leaves the graph as it was).
        let had_code = self.graph.has_code;
        let last = std::mem::replace(&mut self.graph, empty_graph());
        // What the follow-up says of a meeting (an action closed, a decision replaced, a
        // reference) shows on other meetings' pages: when it changed, every page is made
        // anew.
        let scope = if self.archive.follow_up == archive.follow_up {
            scope(last)
        } else {
            Scope::All
        };
        let edited = scope.edited();
        let step = match edited {
            None => "compute the site graph",
            Some(_) => "compute the site graph, keeping unchanged pages",
        };
        let mut fingerprints = std::mem::take(&mut self.fingerprints);
        // The fingerprints (for `serve`'s quick updates) fill the gaps the graph's serial
        // steps leave on the other core; after an edit only the edited meetings' change.
        let (graph, ()) = rayon::join(
            || {
                build_graph_in(
                    &archive,
                    &self.theme.strings,
                    self.config.language,
                    self.config.build.split_by_year_above,
                    scope,
                )
            },
            || match edited {
                Some(edited) => {
                    for m in edited.iter().map(|&i| &archive.meetings[i]) {
                        fingerprints.insert(m.slug.clone(), fingerprint(m, &archive));
                    }
                }
                None => {
                    fingerprints = archive
                        .meetings
                        .par_iter()
                        .map(|m| (m.slug.clone(), fingerprint(m, &archive)))
                        .collect();
                }
            },
        );
        let graph = graph?;
        // The renderer links /syntax.css only when some page has code: compiled again when
        // that changes (`load` compiled it for the empty graph, which has none).
        if graph.has_code != had_code {
            self.renderer = Renderer::new(&self.theme, &self.config, graph.has_code)?;
        }
        self.fingerprints = fingerprints;
        self.graph_behind = false;
        self.positions = meeting_positions(&archive);
        self.archive = archive;
        self.graph = graph;
        self.archive_warnings = problems;
        self.link_warnings = link_warning_count;
        self.timings.lap(step, &mut clock);
        Ok(())
    }

    /// The problems of the config, the content folder, the registries and each meeting
    /// file (in path order).
    fn file_problems(&self) -> impl Iterator<Item = &Diagnostic> {
        let files = self.sources.values().flat_map(|result| match result {
            Ok(p) => p.warnings.as_slice(),
            Err(problems) => problems.as_slice(),
        });
        (self.load_problems.iter())
            .chain(&self.registry_problems)
            .chain(files)
    }

    /// The content error of a failed assembly: the files' problems, then `problems`.
    fn failed(&self, mut problems: Vec<Diagnostic>) -> Error {
        let mut all: Vec<Diagnostic> = self.file_problems().cloned().collect();
        all.append(&mut problems);
        Error::Content(all)
    }

    /// Every warning of the last (re)build, in `check`'s order: the config's and content
    /// folder's, the registries', each meeting file's (in path order), the follow-up's,
    /// then the links to missing meetings (in archive order).
    pub fn warnings(&self) -> Vec<Diagnostic> {
        if let Some(gathered) = &self.gathered_warnings {
            return gathered.clone();
        }
        self.file_problems()
            .chain(&self.archive_warnings)
            .cloned()
            .collect()
    }

    /// Builds the whole site into `self.output` (through a staging folder that is swapped
    /// in): each page is written as soon as it is rendered, so the site's HTML is never all
    /// in memory at once. Returns the number of files written.
    pub fn write_all(&mut self, mode: WriteMode) -> Result<usize> {
        let output = self.output.clone();
        let mut clock = Instant::now();
        let mut timings = std::mem::take(&mut self.timings);
        let mut outcome = None;
        let track = mode == WriteMode::Track;
        // The sitemap lists the graph's pages: made before a one-off build lets them go.
        let sitemap = crate::publish::sitemap_file(&self.graph, &self.config);
        let pages = match mode {
            WriteMode::Track => PagesToWrite::Kept,
            WriteMode::Once => {
                // Nothing is rebuilt after a one-off build: what only a rebuild reads goes
                // now, before the pages' peak (its warnings are gathered first).
                self.gathered_warnings = Some(self.warnings());
                self.sources.clear();
                self.fingerprints.clear();
                self.graph.participation = Default::default();
                let mut pages = std::mem::take(&mut self.graph.pages);
                pages.par_iter_mut().for_each(Page::forget_dependencies);
                PagesToWrite::Taken(pages)
            }
        };
        // Pages and the whole-archive files (search index, feeds, archive.json) do not
        // depend on each other: both cores work on both, so neither waits on the other's
        // serial parts.
        let staged = crate::publish::output::stage_and_swap(&output, |staging| {
            let (pages, derived) = rayon::join(
                || timed(|| self.write_pages_into(staging, pages, track)),
                || self.write_derived_into(staging, sitemap, track),
            );
            let (written, took) = pages;
            timings.record("render and write pages", took);
            let (derived, derived_timings) = derived;
            timings.append(derived_timings);
            let written = written?;
            let (derived_count, derived) = derived?;
            let count = written.len() + derived_count;
            outcome = Some((written, derived, count));
            clock = Instant::now();
            Ok(())
        });
        timings.lap("swap in the new site, remove the old", &mut clock);
        self.timings = timings;
        staged?;
        let (written, derived, count) = outcome.expect("a successful build wrote pages");
        if track {
            self.written = written;
            self.derived = std::sync::Arc::new(std::sync::Mutex::new(derived));
        }
        self.derived_stale = false;
        Ok(count)
    }

    /// Renders every page and writes it into `staging` as soon as it is rendered, so the
    /// site's HTML is never all in memory; pages taken from the graph are dropped as soon
    /// as they are written, so their contexts are not all in memory either. Returns page
    /// path → hash of its HTML (when `track`, for `serve`; else 0).
    fn write_pages_into(
        &self,
        staging: &Staging,
        pages: PagesToWrite,
        track: bool,
    ) -> Result<HashMap<String, u64>> {
        let views = self.page_views();
        // serve keeps the converted views for its rebuilds; a one-off build lets them go.
        let pass = if track {
            RenderPass::carried_over()
        } else {
            RenderPass::begin()
        };
        let write = |page: &Page| -> Result<(String, u64)> {
            let rendered = self
                .renderer
                .render_in(&pass, &views, page)
                .map_err(Error::single)?;
            let digest = if track { hash(&rendered.html) } else { 0 };
            let file = OutputFile::Bytes {
                path: rendered.path.clone(),
                bytes: rendered.html,
            };
            staging.write(file)?;
            Ok((rendered.path, digest))
        };
        // Small pieces: rayon splits a list adaptively, and a thread that joins late (it
        // was building the search index) could otherwise find the rest of the pages inside
        // one piece another thread is working through, and sit idle.
        let results: Vec<Result<(String, u64)>> = match pages {
            PagesToWrite::Kept => self
                .graph
                .pages
                .par_iter()
                .with_max_len(PAGES_PER_TASK)
                .map(write)
                .collect(),
            PagesToWrite::Taken(pages) => pages
                .into_par_iter()
                .with_max_len(PAGES_PER_TASK)
                .map(|page| write(&page))
                .collect(),
        };
        Ok(all_or_problems(results)?.into_iter().collect())
    }

    /// Writes what is not a page into `staging`: static files, attachments, the search
    /// index, feeds, sitemap and archive.json. Returns how many files, and when `track`
    /// (for `serve`, see [`Site::derived`]) the hash of each made in memory and what the
    /// search index read; and how long each part took.
    pub(crate) fn write_derived_into(
        &self,
        staging: &Staging,
        sitemap: OutputFile,
        track: bool,
    ) -> (Result<(usize, Derived)>, Timings) {
        let mut timings = Timings::default();
        let mut clock = Instant::now();
        let hashes = std::sync::Mutex::new(HashMap::new());
        let write_one = |file: OutputFile| -> Result<()> {
            if let Some(bytes) = file.contents().filter(|_| track) {
                let digest = hash(bytes);
                let mut hashes = hashes.lock().expect("no thread panics holding it");
                hashes.insert(file.path().to_string(), digest);
            }
            staging.write(file)
        };
        let write = |files: Vec<OutputFile>| -> Result<usize> {
            let count = files.len();
            files.into_par_iter().try_for_each(write_one)?;
            Ok(count)
        };
        let mut search = crate::publish::search::SearchCache::default();
        let mut export = crate::publish::archive_json::ExportCache::default();
        let mut files = self.static_files();
        files.extend(self.attachment_files(None));
        let result = write(files).and_then(|copied| {
            timings.lap("copy static files and attachments", &mut clock);
            let index = crate::publish::search::write_index(
                &self.archive,
                track.then_some(&mut search),
                |files| write(files).map(|_| ()),
            )?;
            timings.lap("build and write the search index", &mut clock);
            let feeds = crate::publish::write_feed_files(
                &self.archive,
                &self.config,
                track.then_some(&mut export),
                &write_one,
            )?;
            write_one(sitemap)?;
            timings.lap(
                "build and write feeds, sitemap and archive.json",
                &mut clock,
            );
            Ok(copied + index + feeds + 1)
        });
        let written = hashes.into_inner().expect("no thread panics holding it");
        let derived = Derived {
            written,
            search,
            export,
        };
        (result.map(|count| (count, derived)), timings)
    }

    /// What renders the pages of the graph: the views of its meeting pages are made as
    /// each is rendered (see [`crate::graph::PageViews`]).
    pub fn page_views(&self) -> crate::graph::PageViews<'_> {
        crate::graph::PageViews::new(&self.archive, &self.graph)
    }

    /// Renders every page in memory and discards the HTML: what `check` runs to find
    /// template errors without writing anything.
    pub(crate) fn render_pages(&self) -> Result<usize> {
        let pages: Vec<&Page> = self.graph.pages.iter().collect();
        let pass = RenderPass::begin();
        Ok(self
            .renderer
            .render_all(&pass, &pages, &self.page_views())?
            .len())
    }

    pub(crate) fn static_files(&self) -> Vec<OutputFile> {
        let mut files: Vec<OutputFile> = self
            .theme
            .static_files
            .iter()
            .map(|(path, source)| {
                let path = format!("/{path}");
                match source {
                    Source::Embedded(bytes) => OutputFile::Bytes {
                        path,
                        bytes: bytes.to_vec(),
                    },
                    Source::Disk(source) => OutputFile::Copy {
                        path,
                        source: source.clone(),
                    },
                }
            })
            .collect();
        if self.graph.has_code {
            files.push(OutputFile::Text {
                path: "/syntax.css".into(),
                text: crate::content::markdown::syntax_css(),
            });
        }
        files
    }

    /// Attachments of all meetings, or of the meetings `only` names.
    pub(crate) fn attachment_files(&self, only: Option<&BTreeSet<String>>) -> Vec<OutputFile> {
        self.graph
            .files
            .iter()
            .filter(|f| {
                only.is_none_or(|slugs| {
                    slugs
                        .iter()
                        .any(|s| f.path.starts_with(&format!("/meetings/{s}/")))
                })
            })
            .map(|f| OutputFile::Copy {
                path: f.path.clone(),
                source: self.options.root.join(&f.source),
            })
            .collect()
    }
}

/// Parses one meeting file and checks it for personal data (errors for a public build,
/// warnings for an internal one); `compress_items`: keeps its items' HTML compressed (a
/// large archive, see `content::packed`).
pub(crate) fn parse_checked(
    file: &SourceFile,
    config: &SiteConfig,
    registry: &Registry,
    compress_items: bool,
) -> Parsed {
    let found = crate::content::personal_data::check_personal_data(file, &config.audience);
    let mut parsed = parse_meeting(file, config, registry);
    match &mut parsed {
        Ok(p) => {
            p.warnings.extend(found);
            if compress_items {
                Arc::get_mut(&mut p.meeting)
                    .expect("a meeting just parsed is not shared")
                    .items_html
                    .compress();
            }
        }
        Err(problems) => problems.extend(found),
    }
    parsed
}

/// The meeting as this build's audience sees it.
pub(crate) fn audience_view(view: Option<&PublicView>, meeting: &Arc<Meeting>) -> Arc<Meeting> {
    match view {
        Some(view) => Arc::new(view.meeting(meeting)),
        None => Arc::clone(meeting),
    }
}

pub(crate) fn empty_graph() -> SiteGraph {
    SiteGraph {
        pages: Vec::new(),
        files: Vec::new(),
        has_code: false,
        counts: crate::graph::views::Counts {
            meetings: 0,
            decisions: 0,
            actions: 0,
            organisations: 0,
            people: 0,
            bodies: 0,
        },
        kept: Default::default(),
        participation: Default::default(),
    }
}

/// Meeting slug → its position in the archive.
pub(crate) fn meeting_positions(archive: &Archive) -> HashMap<Slug, usize> {
    archive
        .meetings
        .iter()
        .enumerate()
        .map(|(i, m)| (m.slug.clone(), i))
        .collect()
}

pub(crate) fn hash(bytes: &[u8]) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// What other pages show of a meeting, hashed twice: all of it, and what a list of
/// meetings shows of it (see [`Page::listed`]).
///
/// [`Page::listed`]: crate::graph::Page
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fingerprint {
    /// Its summary, and what the follow-up across meetings says of it (another meeting
    /// closing one of its actions changes this).
    pub(crate) shown: u64,
    /// Its line in a list: title, date, body, kind, counts, participants, item titles.
    pub(crate) listed: u64,
}

/// The fingerprints of a meeting in `archive`.
pub(crate) fn fingerprint(m: &Meeting, archive: &Archive) -> Fingerprint {
    let listed = listing_fingerprint(m);
    let mut h = std::collections::hash_map::DefaultHasher::new();
    // What a list shows is part of what is shown, so a change of `listed` is always
    // one of `shown` too.
    (
        listed,
        summary_fingerprint(m),
        archive.follow_up.fingerprint(m),
    )
        .hash(&mut h);
    Fingerprint {
        shown: h.finish(),
        listed,
    }
}

/// Hashes what a list of meetings shows of one (a `MeetingRef`, the participants, and the
/// items' numbers, titles and presenters): what person pages, and organisation pages for
/// the meetings an organisation attended, show of it.
pub(crate) fn listing_fingerprint(m: &Meeting) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (
        &m.title,
        &m.body,
        &m.organiser,
        m.date,
        &m.kind,
        m.language,
        m.draft,
        m.planned,
        m.unapproved(),
        m.items.len(),
        m.decisions().count(),
        m.actions().count(),
    )
        .hash(&mut h);
    for p in m.participants() {
        (&p.person, &p.organisation, &p.role, &p.note).hash(&mut h);
    }
    for item in &m.items {
        (
            &item.number,
            &item.anchor,
            &item.title,
            &item.presenting_organisations,
        )
            .hash(&mut h);
        for p in &item.presenters {
            (&p.person, &p.organisation).hash(&mut h);
        }
    }
    h.finish()
}

/// Hashes what pages other than its own show of a meeting beyond a list's view of it
/// (`listing_fingerprint`): its tags, decisions and actions.
pub(crate) fn summary_fingerprint(m: &Meeting) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    m.tags.hash(&mut h);
    for item in &m.items {
        for e in item.decisions.iter().chain(&item.actions) {
            (&e.id, &e.anchor, &e.text, &e.html, e.kind).hash(&mut h);
        }
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn a_large_archives_compressed_items_read_as_the_plain_ones() {
        let text = "---\ntitle: Möte\ndate: 2024-03-05\nbody: Nätverket\n---\n\n\
                    ## 1. Läget\n\nText om läget, åäö.\n\nBeslut: Att godkänna.\n\n\
                    ## 2. Övrigt\n\n- en punkt\n";
        let file = SourceFile {
            path: PathBuf::from("content/2024-03-05-mote.md"),
            full_path: PathBuf::from("/nonexistent/content/2024-03-05-mote.md"),
            text: text.into(),
        };
        let (config, registry) = (SiteConfig::default(), Registry::default());
        let parsed = |compress| parse_checked(&file, &config, &registry, compress).unwrap();
        let (plain, compressed) = (parsed(false), parsed(true));
        assert!(!plain.meeting.items_html.is_compressed());
        assert!(compressed.meeting.items_html.is_compressed());
        let texts = |p: &ParsedMeeting| -> Vec<String> {
            p.meeting.items_html().iter().map(str::to_string).collect()
        };
        assert_eq!(texts(&plain).len(), 2);
        assert!(texts(&plain)[0].contains("åäö"));
        assert_eq!(texts(&plain), texts(&compressed));
        assert_eq!(plain.meeting, compressed.meeting);
    }
}
