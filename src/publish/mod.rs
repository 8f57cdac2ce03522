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
use crate::base::diagnostic::Result;
use crate::content::model::Archive;
use crate::graph::SiteGraph;
use archive_json::{write_archive_json, ExportCache};
use feeds::{decisions_feed, meetings_feed, DECISIONS_FEED_PATH, MEETINGS_FEED_PATH};
use output::OutputFile;
use sitemap::{sitemap, SITEMAP_PATH};

/// The feeds and the export of the site (the sitemap is [`sitemap_file`]).
pub(crate) fn feed_files(
    archive: &Archive,
    config: &SiteConfig,
    export: Option<&mut ExportCache>,
) -> Vec<OutputFile> {
    let files = std::sync::Mutex::new(Vec::new());
    let gathered: Result<usize> = write_feed_files(archive, config, export, &|file| {
        files.lock().expect("no writer panics").push(file);
        Ok(())
    });
    gathered.expect("gathering the files cannot fail");
    let mut files = files.into_inner().expect("no writer panics");
    files.sort_unstable_by(|a, b| a.path().cmp(b.path()));
    files
}

/// [`feed_files`], handing each file to `write` as soon as it is made, so that
/// archive.json's parts are not all in memory at once. With an `export` cache (`serve`),
/// archive.json's parts that did not change are not made (see [`write_archive_json`]).
/// Returns how many files there were.
pub(crate) fn write_feed_files(
    archive: &Archive,
    config: &SiteConfig,
    export: Option<&mut ExportCache>,
    write: &(dyn Fn(OutputFile) -> Result<()> + Sync),
) -> Result<usize> {
    let bytes = |path: String, bytes: Vec<u8>| write(OutputFile::Bytes { path, bytes });
    // Three independent documents; archive.json's parts are the largest by far.
    let (feeds, export) = rayon::join(
        || -> Result<usize> {
            let (meetings, decisions) = rayon::join(
                || meetings_feed(archive, config),
                || decisions_feed(archive, config),
            );
            bytes(MEETINGS_FEED_PATH.to_string(), meetings.into_bytes())?;
            bytes(DECISIONS_FEED_PATH.to_string(), decisions.into_bytes())?;
            let calendar = calendar::calendar(archive, config);
            bytes(calendar::CALENDAR_PATH.to_string(), calendar.into_bytes())?;
            Ok(3)
        },
        || write_archive_json(archive, config, export, &bytes),
    );
    Ok(feeds? + export?)
}

/// `/sitemap.xml`, from the graph's pages.
pub(crate) fn sitemap_file(graph: &SiteGraph, config: &SiteConfig) -> OutputFile {
    OutputFile::Bytes {
        path: SITEMAP_PATH.to_string(),
        bytes: sitemap(graph, config).into_bytes(),
    }
}
