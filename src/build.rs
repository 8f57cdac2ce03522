//! The build: ties the steps together — config, load, parse, assemble, graph, render,
//! write — and reports what it did. `check` runs the same steps up to the graph and
//! writes nothing.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{LinkStyle, SiteConfig};
use crate::diagnostic::{Diagnostic, Error, Result};
use crate::graph::{build_graph, SiteGraph};
use crate::load::load_content;
use crate::model::Archive;
use crate::output::{check_output_dir, write_site, OutputFile};
use crate::parse::{assemble, parse_meeting};
use crate::registry::Registry;
use crate::render::Renderer;
use crate::theme::{load_theme, Theme};

/// What the command line may override.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub links: Option<LinkStyle>,
    pub drafts: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            ..BuildOptions::default()
        }
    }
}

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
}

/// The configuration with the command line's overrides applied.
pub fn load_config(options: &BuildOptions) -> Result<SiteConfig> {
    let mut config = SiteConfig::load(&options.root)?;
    if let Some(base_url) = &options.base_url {
        config.base_url = base_url.clone();
        if !config.base_url.ends_with('/') {
            config.base_url.push('/');
        }
    }
    if let Some(links) = options.links {
        config.build.links = links;
    }
    if options.drafts {
        config.build.drafts = true;
    }
    Ok(config)
}

/// The output folder: `--output`, else `build.output_dir` under the root.
pub fn output_dir(options: &BuildOptions, config: &SiteConfig) -> PathBuf {
    match &options.output {
        Some(dir) => dir.clone(),
        None => options.root.join(&config.build.output_dir),
    }
}

/// Reads and parses the whole content folder. Errors from every file come together;
/// warnings come with the archive.
pub fn parse_archive(root: &Path, config: &SiteConfig) -> Result<(Archive, Vec<Diagnostic>)> {
    let content = load_content(root)?;
    let mut problems = content.problems;
    let registry = Registry::parse(
        content
            .organisations
            .as_ref()
            .map(|f| (f.path.as_path(), f.text.as_str())),
        content
            .people
            .as_ref()
            .map(|f| (f.path.as_path(), f.text.as_str())),
    )
    .unwrap_or_else(|mut e| {
        problems.append(&mut e);
        Registry::default()
    });
    let results: Vec<_> = content
        .meetings
        .par_iter()
        .map(|file| parse_meeting(file, config, &registry))
        .collect();
    let mut parsed = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(mut p) => {
                problems.append(&mut p.warnings);
                if config.build.drafts || !p.meeting.draft {
                    parsed.push(p);
                }
            }
            Err(mut e) => problems.append(&mut e),
        }
    }
    if problems.iter().any(Diagnostic::is_error) {
        return Err(Error::Content(problems));
    }
    let archive = assemble(parsed, &registry).map_err(|mut e| {
        problems.append(&mut e);
        Error::Content(std::mem::take(&mut problems))
    })?;
    Ok((archive, problems))
}

/// Everything needed to render: the parsed archive, its graph, the theme.
pub struct Prepared {
    pub config: SiteConfig,
    pub archive: Archive,
    pub graph: SiteGraph,
    pub theme: Theme,
    pub warnings: Vec<Diagnostic>,
}

pub fn prepare(options: &BuildOptions) -> Result<Prepared> {
    let config = load_config(options)?;
    let theme = load_theme(&options.root, &config.theme)?;
    let (archive, warnings) = parse_archive(&options.root, &config)?;
    let graph = build_graph(&archive, &theme.strings, config.language)
        .map_err(|e| Error::single(Diagnostic::error("i18n", e)))?;
    Ok(Prepared {
        config,
        archive,
        graph,
        theme,
        warnings,
    })
}

/// Builds the site into its output folder.
pub fn build_site(options: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let config = load_config(options)?;
    let output = output_dir(options, &config);
    check_output_dir(&options.root, &output)?;
    let prepared = prepare(options)?;
    let renderer = Renderer::new(&prepared.theme, &prepared.config, prepared.graph.has_code)?;
    let files = render_files(&prepared, &renderer, &options.root)?;
    let file_count = files.len();
    write_site(&output, files)?;
    let counts = &prepared.graph.counts;
    Ok(BuildReport {
        meetings: counts.meetings,
        decisions: counts.decisions,
        actions: counts.actions,
        organisations: counts.organisations,
        people: counts.people,
        pages: prepared.graph.pages.len(),
        files: file_count - prepared.graph.pages.len(),
        elapsed: started.elapsed(),
        output,
        warnings: prepared.warnings,
    })
}

/// Every file of the site: rendered pages, static files, syntax CSS, attachments.
pub fn render_files(
    prepared: &Prepared,
    renderer: &Renderer,
    root: &Path,
) -> Result<Vec<OutputFile>> {
    let pages: Vec<_> = prepared.graph.pages.iter().collect();
    let rendered = renderer.render_all(&pages)?;
    let mut files: Vec<OutputFile> = rendered
        .into_iter()
        .map(|r| OutputFile::Text {
            path: r.path,
            text: r.html,
        })
        .collect();
    for (path, source) in &prepared.theme.static_files {
        let path = format!("/{path}");
        files.push(match source {
            crate::theme::Source::Embedded(bytes) => OutputFile::Bytes {
                path,
                bytes: bytes.to_vec(),
            },
            crate::theme::Source::Disk(source) => OutputFile::Copy {
                path,
                source: source.clone(),
            },
        });
    }
    if prepared.graph.has_code {
        files.push(OutputFile::Text {
            path: "/syntax.css".into(),
            text: crate::markdown::syntax_css(),
        });
    }
    for copy in &prepared.graph.files {
        files.push(OutputFile::Copy {
            path: copy.path.clone(),
            source: root.join(&copy.source),
        });
    }
    Ok(files)
}

/// Validates everything `build` reads; writes nothing. Returns every diagnostic.
pub fn check_site(options: &BuildOptions) -> Result<Vec<Diagnostic>> {
    match prepare(options) {
        Ok(prepared) => {
            let renderer =
                Renderer::new(&prepared.theme, &prepared.config, prepared.graph.has_code)?;
            let pages: Vec<_> = prepared.graph.pages.iter().collect();
            let mut diagnostics = prepared.warnings;
            if let Err(Error::Content(mut errors)) = renderer.render_all(&pages) {
                diagnostics.append(&mut errors);
            }
            Ok(diagnostics)
        }
        Err(Error::Content(diagnostics)) => Ok(diagnostics),
        Err(other) => Err(other),
    }
}
