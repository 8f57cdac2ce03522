//! quorum: a static site generator for archives of meeting minutes.
//!
//! The pipeline runs one way, one module per step:
//!
//! 1. [`config`] reads `site.toml`;
//! 2. [`load`] walks `content/` and reads the files;
//! 3. [`frontmatter`] and [`markdown`] parse one meeting (YAML, then Markdown with the
//!    extraction of agenda items, presenters, decisions and actions);
//! 4. [`registry`] and [`parse`] resolve names into the [`model`] (plain data, no templates);
//! 5. [`graph`] turns the model into the site graph: every page, its URL and its context;
//! 6. [`render`] renders the pages through the [`theme`] in parallel (views shared by many
//!    pages are converted for the templates once per pass: [`shared`]);
//!    [`feeds`] writes the Atom feeds, the sitemap and `archive.json` beside them;
//!    [`search`] writes the static search index (`/search/*.js`) from the archive;
//! 7. [`output`] writes them to a staging folder and swaps it in atomically.
//!
//! [`build`] ties the steps together; the binary in `main.rs` is a thin CLI over it.

pub mod build;
pub mod config;
pub mod diagnostic;
pub mod escape;
pub mod feeds;
pub mod frontmatter;
pub mod graph;
pub mod i18n;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod parse;
pub mod registry;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod shared;
pub mod site;
pub mod slug;
pub mod theme;

pub use build::{build_site, check_site, BuildOptions, BuildReport};
pub use diagnostic::{Diagnostic, Error, Severity};
