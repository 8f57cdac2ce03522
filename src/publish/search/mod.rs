//! Search: turns the [`Archive`] into the static search index under `/search/` (plain
//! `.js` files that a hand-written script in the theme loads with `<script>` elements, so
//! search works from `file://` as well as over HTTP; see `docs/search.md`). Knows nothing of
//! templates: it reads the model and writes data files.
//!
//! Stemming happens only here (Snowball, Swedish or English per meeting). The browser never
//! stems: the index maps every folded surface word to its stem, so the script looks a query
//! word up, and also collects the stems of the words it is a prefix of (typing).
//!
//! The files:
//! - `meta.js`: counts, stop words, which file holds each vocabulary shard, and the filter
//!   values (bodies, organisations, years);
//! - `w-<n>.js`: vocabulary shards, `{"be": [[folded, stem, postings file, df, surface?],
//!   ...], ...}`: the words whose folded form starts with `be`, sorted;
//! - `p-<n>.js`: postings, in impact-ordered tiers (`tiers.rs`): a stem's first tier holds
//!   its 1,024 best postings (highest weight, then newest), each later tier 4× the one
//!   before. Each tier is an encoded string of `(doc id delta << 4 | weight)` varints by
//!   doc id (see [`encode_numbers`]). A stem's first tier is under its id, in the file its
//!   vocabulary entry names, next to the first tiers of the stems around it: the string,
//!   or for a stem with more tiers `[string, [file, top weight, top doc], ...]`, a triple per
//!   later tier (where it is and the best posting in it: what it could add to a score).
//!   Later tier `t` is under `<id>.<t>`, in files of later tiers only;
//! - `d-<n>.js`: the documents `n * chunk ..` (`chunk` in `meta.js`, `DOC_CHUNK`
//!   unless the benchmark sets another): kind, path, titles, date, body,
//!   organisations and the text the snippets are cut from; an action (kind 3) also its
//!   `[owners, due, status]`;
//! - `f-<facet>.js`: sorted doc ids of one filter value (`b3` body, `o12` organisation,
//!   `y2021` year, `kd` decisions), loaded only when the filter is used.
//!
//! [`SearchIndex::search`] is the script's lookup and scoring, in Rust: the tests and the
//! benchmark use it, and `tests/search_fold_cases.json` keeps the two foldings equal. Both
//! load the first tier of each stem a query matched and the next tiers only while the first
//! page of results could still change, so the page is the one every posting would give.

mod action_docs;
mod build;
mod cache;
mod files;
mod index;
mod posting_list;
mod query;
mod tiers;
mod words;

pub use cache::{refresh_index, SearchCache};
pub use index::{Filters, SearchIndex, INDEX_DIR};

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tier_tests;

use crate::base::diagnostic::Result;
use crate::content::model::Archive;
use crate::publish::output::OutputFile;
use build::{Documents, MEETINGS_PER_ROUND};

/// Builds the index of an archive and hands its files to `write` a group at a time: the
/// documents' as they are read, the rest after (see [`SearchIndex::each_file_group`]).
/// With a `cache` (`serve`), the index is made through it, which keeps what it read for
/// the next refresh. Returns how many files there were.
pub(crate) fn write_index(
    archive: &Archive,
    cache: Option<&mut SearchCache>,
    mut write: impl FnMut(Vec<OutputFile>) -> Result<()>,
) -> Result<usize> {
    let mut count = 0;
    let mut take = |group: Vec<(String, String)>| {
        count += group.len();
        write(
            group
                .into_iter()
                .map(|(path, text)| OutputFile::Text { path, text })
                .collect(),
        )
    };
    match cache {
        Some(cache) => cache.index(archive).each_file_group(&mut take)?,
        None => {
            let index = SearchIndex::build_in_rounds(
                archive,
                MEETINGS_PER_ROUND,
                Documents::Write(&mut take),
            )?;
            index.each_file_group(&mut take)?;
        }
    }
    Ok(count)
}
