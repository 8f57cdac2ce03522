//! quorum: a static site generator for archives of meeting minutes.
//!
//! The pipeline runs one way, a folder per stage, each importing only from the stages
//! before it and from [`base`] (the helpers every stage needs):
//!
//! 1. [`content`] reads `content/`: files, front matter, the Markdown body (agenda items,
//!    presenters, decisions, actions), the registries and name resolution, into the model;
//! 2. [`graph`] turns the model into the site graph: every page, its URL and its data;
//! 3. [`render`] renders the pages through the theme in parallel;
//! 4. [`publish`] adds the feeds, the sitemap, `archive.json` and the search index, and
//!    swaps the new site in for the output folder atomically;
//! 5. [`commands`] ties the stages together for `build`, `check`, `serve`, `init` and
//!    `new`; the binary in `main.rs` is a thin CLI over them.
//!
//! ARCHITECTURE.md describes the stages and where to change what.

mod base;
mod commands;
mod content;
mod graph;
mod publish;
mod render;

pub use base::audience::Audience;
pub use base::config::{Language, LinkStyle};
pub use base::diagnostic::{Diagnostic, Error, Severity};
pub use commands::build::{build_site, check_site, BuildReport};
/// `quorum import`: minutes in Word, OpenDocument, PDF or text into meeting files.
pub use commands::import;
pub use commands::options::BuildOptions;
pub use commands::scaffold::{init_site, new_meeting, NewMeeting};
pub use commands::scaffold_formal::{init_site_from, new_meeting_of_kind, SiteTemplate};
pub use commands::serve::{serve, ServeOptions};

/// The pipeline's steps one by one, for the benchmarks in `examples/` and the integration
/// tests. Not a stable interface: another program builds a site with [`build_site`].
#[doc(hidden)]
pub mod internals {
    pub use crate::base::config::SiteConfig;
    pub use crate::base::shared::RenderPass;
    pub use crate::commands::site::{Site, WriteMode};
    pub use crate::content::load::load_content;
    pub use crate::content::markdown::{parse_body, MarkdownOptions};
    pub use crate::content::meeting::{assemble, parse_meeting};
    pub use crate::content::registry::Registry;
    pub use crate::graph::page::{
        ACTIONS_RECENT, ATTENDED_PER_ORGANISATION_PAGE, MEETINGS_RECENT, OWED_SHOWN,
    };
    pub use crate::graph::{build_graph, PageViews};
    pub use crate::publish::archive_json::{ArchiveIndex, ArchivePart};
    pub use crate::publish::search::{refresh_index, Filters, SearchCache, SearchIndex, INDEX_DIR};
    pub use crate::render::theme::load_theme;
}
