//! The search index in memory: its documents, vocabulary, stems, postings and facets, and the
//! constants that size its files and weigh its scores.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::publish::search::tiers::{assign_postings_files, split_into_tiers};
pub(crate) use crate::publish::search::tiers::{Posting, Tier, FIRST_TIER, PAGE_TIERS};
use crate::publish::search::words::*;

pub const INDEX_DIR: &str = "/search/";
/// Documents per `d-<n>.js` file (about 13 KB). The first page's 20 results, from all over
/// the archive, load up to 20 of them: more documents a file means fewer files to write
/// (each costs the build more than its bytes) but more bytes a query loads (docs/search.md
/// has the figures: 32 halves the files of 16 and keeps a typical query under 0.5 MiB).
pub(crate) const DOC_CHUNK: usize = 32;
/// Target size of one vocabulary file (whole two-letter shards, so it may be exceeded).
pub(crate) const VOCABULARY_FILE_BYTES: usize = 32 * 1024;
/// Characters of plain text kept per document for snippets.
pub(crate) const SNIPPET_CHARS: usize = 480;
/// Weights are stored in 4 bits: 1..=15.
pub(crate) const WEIGHT_LEVELS: f32 = 15.0;
pub(crate) const BM25_K1: f32 = 1.2;
pub(crate) const BM25_B: f32 = 0.75;
/// How much a document kind counts: a decision is the most specific answer, then an action.
pub(crate) const KIND_BOOST: [f32; 4] = [0.8, 1.0, 1.3, 1.2];
/// Score factor of a stem reached through a prefix or a shortened word, not an exact word.
pub(crate) const PREFIX_FACTOR: f32 = 0.6;
pub(crate) const SUFFIX_FACTOR: f32 = 0.8;
/// At most this many stems per query word from prefix matching (most frequent first).
pub(crate) const PREFIX_LIMIT: usize = 16;

/// Stems a prefix of `chars` characters may expand to: fewer for short prefixes (2 → 4,
/// 3 → 8, 4 and more → 16), which match many words and would load many postings.
pub(crate) fn prefix_limit(chars: usize) -> usize {
    PREFIX_LIMIT.min(4 << chars.saturating_sub(2).min(8))
}
/// Results whose snippets the search page loads at once.
pub(crate) const PAGE_SIZE: usize = 20;

/// What a search result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub(crate) enum DocKind {
    Meeting = 0,
    Item = 1,
    Decision = 2,
    Action = 3,
}

/// One search result: a meeting, an agenda item, a decision or an action.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    pub(crate) kind: DocKind,
    /// Site path with anchor: `/meetings/<slug>/#item-8`.
    pub path: String,
    pub(crate) title: String,
    pub(crate) meeting_title: String,
    pub(crate) date: String,
    pub(crate) year: i32,
    /// Index into [`SearchIndex::bodies`].
    pub(crate) body: usize,
    /// Indexes into [`SearchIndex::organisations`]: the organiser first, then presenters'.
    pub(crate) organisations: Vec<usize>,
    /// Plain text for the snippet, at most [`SNIPPET_CHARS`] characters.
    pub(crate) text: String,
    /// An action's owners, due date and state.
    pub(crate) action: Option<ActionFacts>,
    /// A decision's later decisions that replace, amend or revoke it.
    pub(crate) changed_by: Vec<ChangedBy>,
}

/// A later decision that changes a decision, as its result links it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ChangedBy {
    /// `replaces`, `amends` or `revokes`.
    pub(crate) relation: &'static str,
    /// Site path of the later decision: `/meetings/<slug>/#decision-2-1`.
    pub(crate) path: String,
    /// Its meeting's date, `YYYY-MM-DD`.
    pub(crate) date: String,
}

/// An action's owners (their names), due date and state, as its result shows them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ActionFacts {
    pub(crate) owners: Vec<String>,
    /// `YYYY-MM-DD`.
    pub(crate) due: Option<String>,
    /// `open`, `overdue`, `ongoing`, `done` or `dropped`.
    pub(crate) status: &'static str,
}

/// A vocabulary entry: a folded word, as written (when that differs), and its stem.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct WordEntry {
    pub(crate) folded: String,
    pub(crate) surface: String,
    pub(crate) stem: u32,
}

/// Filters of a query (the search form's).
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub body: Option<String>,
    pub organisation: Option<String>,
    pub year: Option<i32>,
    pub decisions_only: bool,
}

/// One result of [`SearchIndex::search`].
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub doc: u32,
    pub(crate) score: f32,
}

/// What a query found, and which index files the script would have loaded for it.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub hits: Vec<Hit>,
    /// True when no document has every word, and the hits have some of them.
    pub(crate) partial: bool,
    /// True when the hits are all of them (every tier of the query's stems was loaded, or
    /// fewer than a page were found and no other document can have every word).
    /// Otherwise the first page is final and the rest are the documents known so far.
    pub complete: bool,
    /// Site paths of the files loaded (vocabulary, postings, facets, first page of docs).
    pub files: BTreeSet<String>,
}

/// The whole search index in memory.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// Every document, by id; none when a build wrote their files as it read them
    /// ([`write_index`](crate::publish::search::write_index)).
    pub docs: Vec<std::sync::Arc<Doc>>,
    /// How many documents there are.
    pub doc_count: usize,
    /// `(key, name)`.
    pub(crate) bodies: Vec<(String, String)>,
    /// `(key, name, short)`.
    pub(crate) organisations: Vec<(String, String, Option<String>)>,
    pub years: Vec<i32>,
    /// Stems, sorted; a stem's id is its position.
    pub stems: Vec<String>,
    /// Per stem: its postings, tier after tier (see [`Tier`]), each tier by doc id.
    pub(crate) postings: Vec<Vec<Posting>>,
    /// Per stem: its tiers (one unless it is in more than [`FIRST_TIER`] documents), where
    /// each starts and which postings file holds it.
    pub(crate) tiers: Vec<Vec<Tier>>,
    /// Sorted by folded word, then surface.
    pub vocabulary: Vec<WordEntry>,
    /// Per vocabulary shard (two-letter key): the file it is in. Consecutive shards share
    /// a file up to a target size: a small site gets a few files, a large one a file per
    /// shard.
    pub(crate) vocabulary_files: BTreeMap<String, u32>,
    /// Tiers of each stem a query loads at most for its first page, when several words
    /// leave it unsettled ([`PAGE_TIERS`]; the tests set it higher to check exactness).
    pub page_tiers: usize,
    /// Per filter value (`b3` body, `o12` organisation, `y2021` year, `kd` decisions):
    /// its documents, sorted.
    pub(crate) facets: BTreeMap<String, Vec<u32>>,
    /// Documents per `d-<n>.js` file ([`DOC_CHUNK`]; the benchmark compares other sizes).
    pub doc_chunk: usize,
}

impl SearchIndex {
    /// The vocabulary file holding a folded word, if any word shares its first letters.
    pub(crate) fn vocabulary_file(&self, folded: &str) -> Option<u32> {
        self.vocabulary_files.get(&shard_key(folded)).copied()
    }

    pub(crate) fn df(&self, stem: u32) -> usize {
        self.postings[stem as usize].len()
    }

    /// The doc ids of one filter value (`b3`, `o12`, `y2021`, `kd`), sorted.
    pub(crate) fn facet(&self, facet: &str) -> &[u32] {
        self.facets.get(facet).map_or(&[], Vec::as_slice)
    }

    /// The number of the `d-<n>.js` file holding a document.
    pub(crate) fn doc_file(&self, doc: u32) -> usize {
        doc as usize / self.doc_chunk.max(1)
    }
}

impl SearchIndex {
    /// The postings of one tier of a stem, by doc id.
    pub(crate) fn tier_postings(&self, stem: u32, tier: usize) -> &[Posting] {
        let list = &self.postings[stem as usize];
        let tiers = &self.tiers[stem as usize];
        let start = tiers[tier].start as usize;
        let end = tiers.get(tier + 1).map_or(list.len(), |t| t.start as usize);
        &list[start..end]
    }

    /// Splits the postings again with another first tier size: the tests use tiny tiers to
    /// exercise the loading of later ones on a small archive, the benchmark compares sizes.
    pub fn retier(&mut self, first: usize) {
        for (list, tiers) in self.postings.iter_mut().zip(&mut self.tiers) {
            list.sort_unstable();
            *tiers = split_into_tiers(list, first);
        }
        assign_postings_files(&self.postings, &mut self.tiers);
    }
}
