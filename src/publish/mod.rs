//! Stage 4, publishing: the Atom feeds ([`feeds`]), the sitemap ([`sitemap`]),
//! `archive.json` ([`archive_json`]) and the search index ([`search`]) beside the rendered
//! pages, all written to a staging folder that is swapped in for the output folder in one
//! step ([`output`]). Every file written here depends on the content and `site.toml` alone
//! (never on the clock), so two builds give the same bytes.

pub(crate) mod archive_formal;
pub(crate) mod archive_json;
pub(crate) mod calendar;
pub(crate) mod feeds;
pub(crate) mod follow_export;
pub(crate) mod output;
pub(crate) mod search;
pub(crate) mod sitemap;
mod xml;

use crate::base::config::SiteConfig;
use crate::content::model::Archive;
use crate::graph::SiteGraph;
use archive_json::archive_json;
use feeds::{decisions_feed, meetings_feed, DECISIONS_FEED_PATH, MEETINGS_FEED_PATH};
use output::OutputFile;
use sitemap::{sitemap, SITEMAP_PATH};

/// The feeds, the sitemap and the export of the site.
pub(crate) fn feed_files(archive: &Archive, config: &SiteConfig) -> Vec<OutputFile> {
    // Three independent documents; archive.json's parts are the largest by far.
    let ((meetings, decisions), export) = rayon::join(
        || {
            rayon::join(
                || meetings_feed(archive, config),
                || decisions_feed(archive, config),
            )
        },
        || archive_json(archive, config),
    );
    [
        (MEETINGS_FEED_PATH.to_string(), meetings.into_bytes()),
        (DECISIONS_FEED_PATH.to_string(), decisions.into_bytes()),
        (
            calendar::CALENDAR_PATH.to_string(),
            calendar::calendar(archive, config).into_bytes(),
        ),
    ]
    .into_iter()
    .chain(export)
    .map(|(path, bytes)| OutputFile::Bytes { path, bytes })
    .collect()
}

/// `/sitemap.xml`, from the graph's pages.
pub(crate) fn sitemap_file(graph: &SiteGraph, config: &SiteConfig) -> OutputFile {
    OutputFile::Bytes {
        path: SITEMAP_PATH.to_string(),
        bytes: sitemap(graph, config).into_bytes(),
    }
}
