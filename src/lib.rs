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

pub mod base;
pub mod commands;
pub mod content;
pub mod graph;
pub mod publish;
pub mod render;

pub use base::diagnostic::{Diagnostic, Error, Severity};
pub use commands::build::{build_site, check_site, BuildReport};
pub use commands::options::BuildOptions;
