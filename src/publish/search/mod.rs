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
//! - `p-<n>.js`: postings of consecutive stems (alphabetical), each an encoded string of
//!   `(doc id delta << 4 | weight)` varints (see [`encode_numbers`]);
//! - `d-<n>.js`: the documents `n * DOC_CHUNK ..`: kind, path, titles, date, body,
//!   organisations and the text the snippets are cut from;
//! - `f-<facet>.js`: sorted doc ids of one filter value (`b3` body, `o12` organisation,
//!   `y2021` year, `kd` decisions), loaded only when the filter is used.
//!
//! [`SearchIndex::search`] is the script's lookup and scoring, in Rust: the tests and the
//! benchmark use it, and `tests/search_fold_cases.json` keeps the two foldings equal.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rustc_hash::FxHashMap;
use std::path::Path;
use std::sync::Arc;

use chrono::Datelike;
use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::base::config::Language;
use crate::base::diagnostic::{Error, Result};
use crate::base::text::text_one_line;
use crate::content::model::{Archive, Meeting};
use crate::publish::output::OutputFile;

/// The site folder of the index files.
pub const INDEX_DIR: &str = "/search/";
/// Documents per `d-<n>.js` file.
pub(crate) const DOC_CHUNK: usize = 32;
/// Target size of one postings file; a single larger list gets a file of its own.
const POSTINGS_FILE_BYTES: usize = 48 * 1024;
/// Target size of one vocabulary file (whole two-letter shards, so it may be exceeded).
const VOCABULARY_FILE_BYTES: usize = 32 * 1024;
/// Characters of plain text kept per document for snippets.
const SNIPPET_CHARS: usize = 480;
/// Words longer than this (in characters) are not indexed (URLs, garbage).
const MAX_WORD_CHARS: usize = 40;
/// Weights are stored in 4 bits: 1..=15.
const WEIGHT_LEVELS: f32 = 15.0;
const BM25_K1: f32 = 1.2;
const BM25_B: f32 = 0.75;
/// How much a document kind counts: a decision is the most specific answer.
const KIND_BOOST: [f32; 3] = [0.8, 1.0, 1.3];
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

// ---- folding and words ----

/// The folded form of a word, for matching: lower case, combining marks removed (NFD), and
/// the few Nordic letters without a decomposition spelled out (ø → o, æ → ae). `search.js`
/// does exactly the same; `tests/search_fold_cases.json` holds cases both sides check.
pub(crate) fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(word.len());
    for c in word.to_lowercase().nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'ø' => out.push('o'),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'ß' => out.push_str("ss"),
            'đ' => out.push('d'),
            'ł' => out.push('l'),
            c => out.push(c),
        }
    }
    out
}

fn is_word_char(c: char) -> bool {
    // Most characters of Swedish and English text are ASCII, which has no combining marks:
    // the Unicode table search is for the rest, not for every space and full stop.
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || is_combining_mark(c)
    }
}

/// The words of a text, as written: runs of letters, digits and combining marks.
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

/// Whether a folded word is indexed at all (the script applies the same bounds).
fn indexable(folded: &str) -> bool {
    let n = folded.chars().count();
    (2..=MAX_WORD_CHARS).contains(&n)
}

/// The vocabulary shard of a folded word: its first two characters, spelled so that any
/// character is safe in a file name (`[a-z0-9]` as is, others as `_<hex>`).
pub(crate) fn shard_key(folded: &str) -> String {
    let mut key = String::new();
    for c in folded.chars().take(2) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            key.push(c);
        } else {
            key.push_str(&format!("_{:x}", c as u32));
        }
    }
    key
}

#[rustfmt::skip]
const STOP_SV: &[&str] = &[
    "och", "det", "att", "i", "en", "jag", "hon", "som", "han", "på", "den", "med", "var",
    "sig", "för", "så", "till", "är", "men", "ett", "om", "hade", "de", "av", "icke", "mig",
    "du", "henne", "då", "sin", "nu", "har", "inte", "hans", "honom", "skulle", "hennes", "där",
    "min", "man", "ej", "vid", "kunde", "något", "från", "ut", "när", "efter", "upp", "vi",
    "dem", "vara", "vad", "över", "än", "dig", "kan", "sina", "här", "ha", "mot", "alla",
    "under", "någon", "eller", "allt", "mycket", "sedan", "ju", "denna", "själv", "detta", "åt",
    "utan", "varit", "hur", "ingen", "mitt", "ni", "bli", "blev", "oss", "din", "dessa",
    "några", "deras", "blir", "mina", "samma", "vilken", "er", "sådan", "vår", "blivit", "dess",
    "inom", "mellan", "sådant", "varför", "varje", "vilka", "ditt", "vem", "vilket", "sådana",
    "vart", "dina", "vars", "vårt", "våra", "ert", "era", "vilkas",
];

#[rustfmt::skip]
const STOP_EN: &[&str] = &[
    "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours",
    "yourself", "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself",
    "it", "its", "itself", "they", "them", "their", "theirs", "themselves", "what", "which",
    "who", "whom", "this", "that", "these", "those", "am", "is", "are", "was", "were", "be",
    "been", "being", "have", "has", "had", "having", "do", "does", "did", "doing", "a", "an",
    "the", "and", "but", "if", "or", "because", "as", "until", "while", "of", "at", "by", "for",
    "with", "about", "against", "between", "into", "through", "during", "before", "after",
    "above", "below", "to", "from", "up", "down", "in", "out", "on", "off", "over", "under",
    "again", "further", "then", "once", "here", "there", "when", "where", "why", "how", "all",
    "any", "both", "each", "few", "more", "most", "other", "some", "such", "no", "nor", "not",
    "only", "own", "same", "so", "than", "too", "very", "can", "will", "just", "should", "now",
];

/// Snowball stemming for one language, with its stop words.
struct Analyzer {
    stemmer: Stemmer,
    stop: BTreeSet<&'static str>,
}

impl Analyzer {
    fn new(language: Language) -> Self {
        let (algorithm, stop) = match language {
            Language::Sv => (Algorithm::Swedish, STOP_SV),
            Language::En => (Algorithm::English, STOP_EN),
        };
        Analyzer {
            stemmer: Stemmer::create(algorithm),
            stop: stop.iter().copied().collect(),
        }
    }

    /// `(folded, lower-case surface, stem)` of a written word, or `None` when the word is
    /// not indexed (too short or long, or a stop word).
    fn analyse(&self, word: &str) -> Option<(String, String, String)> {
        let lower = word.to_lowercase();
        if self.stop.contains(lower.as_str()) {
            return None;
        }
        let folded = fold(&lower);
        if !indexable(&folded) {
            return None;
        }
        let stem = self.stemmer.stem(&lower).into_owned();
        Some((folded, lower, stem))
    }
}

/// At most `max` characters of `text`, cut at a word boundary, with "…" when cut.
fn clip(text: &str, max: usize) -> String {
    // Where the character after the first `max` starts: only that much of the text is
    // looked at (an item's text can be many kilobytes; its snippet is short).
    let Some((end, _)) = text.char_indices().nth(max) else {
        return text.to_string();
    };
    let cut = &text[..end];
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches(|c: char| !c.is_alphanumeric()))
}

// ---- the index ----

/// What a search result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub(crate) enum DocKind {
    Meeting = 0,
    Item = 1,
    Decision = 2,
}

/// One search result: a meeting, an agenda item or a decision.
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
    /// Site paths of the files loaded (vocabulary, postings, facets, first page of docs).
    pub files: BTreeSet<String>,
}

/// The whole search index in memory.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    pub docs: Vec<Doc>,
    /// `(key, name)`.
    pub(crate) bodies: Vec<(String, String)>,
    /// `(key, name, short)`.
    pub(crate) organisations: Vec<(String, String, Option<String>)>,
    pub years: Vec<i32>,
    /// Stems, sorted; a stem's id is its position.
    pub stems: Vec<String>,
    /// Per stem: `(doc id, weight 1..=15)`, by doc id.
    pub(crate) postings: Vec<Vec<(u32, u8)>>,
    /// Sorted by folded word, then surface.
    pub vocabulary: Vec<WordEntry>,
    /// Per stem: the postings file it is in.
    pub(crate) postings_file: Vec<u32>,
    /// Per vocabulary shard (two-letter key): the file it is in. Consecutive shards share
    /// a file up to a target size: a small site gets a few files, a large one a file per
    /// shard.
    pub(crate) vocabulary_files: BTreeMap<String, u32>,
    /// Per filter value (`b3` body, `o12` organisation, `y2021` year, `kd` decisions):
    /// its documents, sorted.
    pub(crate) facets: BTreeMap<String, Vec<u32>>,
}

/// An indexed word: folded, as written (lower case), and its stem.
#[derive(Debug)]
struct Word {
    folded: String,
    lower: String,
    stem: Arc<str>,
}

/// Per worker thread: the analysers and what they made of each word already seen, so a
/// word is lower-cased, folded and stemmed once per thread, not once per occurrence.
struct WordCache {
    analyzers: [Analyzer; 2],
    // Fx, not SipHash: these maps are hit once per word of the archive, with keys that
    // come from the site's own text (no untrusted input to flood them).
    /// Each written word, per language: the id of its stem in `stems` (`None`: not indexed).
    seen: [FxHashMap<String, Option<u32>>; 2],
    stem_ids: FxHashMap<String, u32>,
    stems: Vec<Arc<str>>,
    /// Words first seen since the last `take_fresh` (the vocabulary is their union).
    fresh: Vec<Arc<Word>>,
    /// The document being read: its weighted frequency per stem id (0: not in it; every
    /// field weight is positive) and the ids it has, in the order first met. Indexing by
    /// id, not hashing the stem again, is what makes a known word one map lookup in all.
    frequencies: Vec<f32>,
    in_document: Vec<u32>,
}

impl WordCache {
    fn new() -> Self {
        WordCache {
            analyzers: [Analyzer::new(Language::Sv), Analyzer::new(Language::En)],
            seen: [FxHashMap::default(), FxHashMap::default()],
            stem_ids: FxHashMap::default(),
            stems: Vec::new(),
            fresh: Vec::new(),
            frequencies: Vec::new(),
            in_document: Vec::new(),
        }
    }

    /// The id of the stem `written` is indexed under (`None`: not indexed). This runs once
    /// per word of the archive, so a known word costs one map lookup.
    fn stem_id(&mut self, language: Language, written: &str) -> Option<u32> {
        match self.seen[language as usize].get(written) {
            Some(&id) => id,
            None => self.learn(language, written),
        }
    }

    /// Analyses a word seen for the first time and remembers what it became.
    fn learn(&mut self, language: Language, written: &str) -> Option<u32> {
        let l = language as usize;
        let analysed = self.analyzers[l]
            .analyse(written)
            .map(|(folded, lower, stem)| {
                let id = match self.stem_ids.get(&stem) {
                    Some(&id) => id,
                    None => {
                        let id = u32::try_from(self.stems.len()).expect("fewer than 2³² stems");
                        self.stems.push(Arc::from(stem.as_str()));
                        self.frequencies.push(0.0);
                        self.stem_ids.insert(stem, id);
                        id
                    }
                };
                self.fresh.push(Arc::new(Word {
                    folded,
                    lower,
                    stem: Arc::clone(&self.stems[id as usize]),
                }));
                id
            });
        self.seen[l].insert(written.to_string(), analysed);
        analysed
    }
}

/// A document before weighting: its stems with their field-weighted frequencies.
struct Analysed {
    doc: Doc,
    length: u32,
    terms: Vec<(Arc<str>, f32)>,
}

/// Accumulates the weighted words of one document.
struct DocText<'a> {
    cache: &'a mut WordCache,
    language: Language,
    length: u32,
}

impl<'a> DocText<'a> {
    fn new(cache: &'a mut WordCache, language: Language) -> Self {
        debug_assert!(cache.in_document.is_empty());
        DocText {
            cache,
            language,
            length: 0,
        }
    }

    /// Adds the words of `text`, each counting `weight` (positive).
    fn add(&mut self, text: &str, weight: f32) {
        for written in words(text) {
            self.length += 1;
            if let Some(id) = self.cache.stem_id(self.language, written) {
                let frequency = &mut self.cache.frequencies[id as usize];
                if *frequency == 0.0 {
                    self.cache.in_document.push(id);
                }
                *frequency += weight;
            }
        }
    }

    /// The document's terms, in the order first met; the frequencies go back to 0 for the
    /// next document.
    fn finish(self, doc: Doc) -> Analysed {
        let cache = self.cache;
        let terms = cache
            .in_document
            .drain(..)
            .map(|id| {
                let frequency = std::mem::take(&mut cache.frequencies[id as usize]);
                (Arc::clone(&cache.stems[id as usize]), frequency)
            })
            .collect();
        Analysed {
            doc,
            length: self.length.max(1),
            terms,
        }
    }
}

/// Keys of bodies and organisations to their positions in the index's tables.
struct Tables {
    bodies: HashMap<String, usize>,
    organisations: HashMap<String, usize>,
}

/// The documents of one meeting, and the words first seen in it (by this thread).
fn analyse_meeting(
    archive: &Archive,
    tables: &Tables,
    meeting: &Meeting,
    cache: &mut WordCache,
) -> (Vec<Analysed>, Vec<Arc<Word>>) {
    let language = meeting.language;
    let name_of_person = |key: &str| {
        archive
            .people
            .get(key)
            .map_or_else(|| key.to_string(), |p| p.name.clone())
    };
    let org_name = |key: &str| -> String {
        archive.organisations.get(key).map_or_else(
            || key.to_string(),
            |o| match &o.short {
                Some(short) => format!("{} {short}", o.name),
                None => o.name.clone(),
            },
        )
    };
    let org_index = |key: &String| tables.organisations.get(key).copied();
    let path = crate::graph::meeting_path(&meeting.slug);
    let date = meeting.date.to_string();
    let year = meeting.date.year();
    let body = tables.bodies.get(&meeting.body).copied().unwrap_or(0);
    let body_name = archive
        .bodies
        .get(&meeting.body)
        .map_or_else(|| meeting.body.clone(), |b| b.name.clone());
    let base = |kind, path: String, title: &str, organisations: Vec<usize>, text: String| Doc {
        kind,
        path,
        title: title.to_string(),
        meeting_title: meeting.title.clone(),
        date: date.clone(),
        year,
        body,
        organisations,
        text,
    };
    let item_organisations = |item: &crate::content::model::Item| -> Vec<usize> {
        let mut seen = Vec::new();
        for key in meeting
            .organiser
            .iter()
            .chain(
                item.presenters
                    .iter()
                    .filter_map(|p| p.organisation.as_ref()),
            )
            .chain(&item.presenting_organisations)
        {
            if let Some(i) = org_index(key) {
                if !seen.contains(&i) {
                    seen.push(i);
                }
            }
        }
        seen
    };

    let mut docs = Vec::new();

    // The meeting: its title, forum, organiser, tags and agenda; who took part.
    let mut text = DocText::new(cache, language);
    text.add(&meeting.title, 3.0);
    text.add(&body_name, 2.0);
    if let Some(organiser) = &meeting.organiser {
        text.add(&org_name(organiser), 2.0);
    }
    for tag in &meeting.tags {
        text.add(&tag.name, 2.0);
    }
    let intro = text_one_line(&meeting.intro_html);
    text.add(&intro, 1.0);
    // The agenda counts half: the items are results of their own, and should rank above
    // the meeting that lists them.
    for item in &meeting.items {
        text.add(&item.title, 0.5);
    }
    for attachment in &meeting.attachments {
        text.add(&attachment.title, 1.0);
    }
    for value in [&meeting.location, &meeting.kind].into_iter().flatten() {
        text.add(value, 1.0);
    }
    let mut people: Vec<&str> = meeting
        .chair
        .iter()
        .chain(&meeting.scribes)
        .chain(&meeting.attendees)
        .map(|p| p.person.as_str())
        .collect();
    people.sort_unstable();
    people.dedup();
    for person in people {
        text.add(&name_of_person(person), 0.5);
    }
    let mut meeting_orgs: Vec<usize> = Vec::new();
    for item in &meeting.items {
        for i in item_organisations(item) {
            if !meeting_orgs.contains(&i) {
                meeting_orgs.push(i);
            }
        }
    }
    if meeting_orgs.is_empty() {
        meeting_orgs.extend(meeting.organiser.as_ref().and_then(org_index));
    }
    let snippet = if intro.is_empty() {
        meeting
            .items
            .iter()
            .map(|i| i.title.as_str())
            .collect::<Vec<_>>()
            .join(" · ")
    } else {
        intro
    };
    docs.push(text.finish(base(
        DocKind::Meeting,
        path.clone(),
        &meeting.title,
        meeting_orgs,
        clip(&snippet, SNIPPET_CHARS),
    )));

    // Items and their decisions.
    for item in &meeting.items {
        let organisations = item_organisations(item);
        let plain = text_one_line(&item.html);
        let mut text = DocText::new(cache, language);
        text.add(&item.title, 3.0);
        for p in &item.presenters {
            text.add(&name_of_person(&p.person), 1.0);
        }
        for key in item
            .presenters
            .iter()
            .filter_map(|p| p.organisation.as_ref())
            .chain(&item.presenting_organisations)
        {
            text.add(&org_name(key), 1.0);
        }
        text.add(&plain, 1.0);
        docs.push(text.finish(base(
            DocKind::Item,
            format!("{path}#{}", item.anchor),
            &item.title,
            organisations.clone(),
            clip(&plain, SNIPPET_CHARS),
        )));
        for decision in &item.decisions {
            let mut text = DocText::new(cache, language);
            text.add(&decision.text, 1.0);
            text.add(&item.title, 1.0);
            docs.push(text.finish(base(
                DocKind::Decision,
                format!("{path}#{}", decision.anchor),
                &item.title,
                organisations.clone(),
                clip(&decision.text, SNIPPET_CHARS),
            )));
        }
    }
    // Appendices (level-1 headings, e.g. "Bilaga: …"): found like items, under their own
    // anchor on the meeting page.
    let meeting_organisations: Vec<usize> =
        meeting.organiser.iter().filter_map(org_index).collect();
    for appendix in &meeting.appendices {
        let plain = text_one_line(&appendix.html);
        let mut text = DocText::new(cache, language);
        text.add(&appendix.title, 3.0);
        text.add(&plain, 1.0);
        docs.push(text.finish(base(
            DocKind::Item,
            format!("{path}#{}", appendix.anchor),
            &appendix.title,
            meeting_organisations.clone(),
            clip(&plain, SNIPPET_CHARS),
        )));
    }
    (docs, std::mem::take(&mut cache.fresh))
}

impl SearchIndex {
    /// Indexes every meeting of the archive (in parallel).
    pub fn build(archive: &Archive) -> SearchIndex {
        let bodies: Vec<(String, String)> = archive
            .bodies
            .values()
            .map(|b| (b.key.clone(), b.name.clone()))
            .collect();
        let organisations: Vec<(String, String, Option<String>)> = archive
            .organisations
            .values()
            .map(|o| (o.key.clone(), o.name.clone(), o.short.clone()))
            .collect();
        let tables = Tables {
            bodies: bodies
                .iter()
                .enumerate()
                .map(|(i, (k, _))| (k.clone(), i))
                .collect(),
            organisations: organisations
                .iter()
                .enumerate()
                .map(|(i, (k, _, _))| (k.clone(), i))
                .collect(),
        };
        let analysed: Vec<(Vec<Analysed>, Vec<Arc<Word>>)> = archive
            .meetings
            .par_iter()
            .map_init(WordCache::new, |cache, m| {
                analyse_meeting(archive, &tables, m, cache)
            })
            .collect();

        // Stems: sorted, numbered; the vocabulary: every word some thread saw.
        let mut word_set: BTreeSet<(&str, &str, &str)> = BTreeSet::new();
        let mut total_length = 0u64;
        let mut doc_count = 0usize;
        for (docs, words) in &analysed {
            word_set.extend(
                words
                    .iter()
                    .map(|w| (w.folded.as_str(), w.lower.as_str(), &*w.stem)),
            );
            for a in docs {
                total_length += u64::from(a.length);
                doc_count += 1;
            }
        }
        let stem_set: BTreeSet<&str> = word_set.iter().map(|(_, _, s)| *s).collect();
        let stems: Vec<String> = stem_set.iter().map(|s| s.to_string()).collect();
        let stem_id: FxHashMap<&str, u32> = stems
            .iter()
            .enumerate()
            .map(|(i, s)| (s.as_str(), i as u32))
            .collect();
        let vocabulary: Vec<WordEntry> = word_set
            .iter()
            .map(|(folded, lower, stem)| WordEntry {
                folded: folded.to_string(),
                surface: lower.to_string(),
                stem: stem_id[stem],
            })
            .collect();

        // Postings with BM25 weights (k1, b over the whole collection), field weights
        // already in the frequencies, a boost per kind, quantized to 1..=15.
        let average = (total_length as f32 / doc_count.max(1) as f32).max(1.0);
        let top = (BM25_K1 + 1.0) * KIND_BOOST.iter().copied().fold(0.0, f32::max);
        let mut postings: Vec<Vec<(u32, u8)>> = vec![Vec::new(); stems.len()];
        let mut docs = Vec::with_capacity(doc_count);
        for a in analysed.into_iter().flat_map(|(docs, _)| docs) {
            let id = docs.len() as u32;
            let norm = BM25_K1 * (1.0 - BM25_B + BM25_B * a.length as f32 / average);
            let boost = KIND_BOOST[a.doc.kind as usize];
            let mut terms: Vec<(u32, f32)> = a
                .terms
                .iter()
                .map(|(stem, tf)| (stem_id[&**stem], *tf))
                .collect();
            terms.sort_unstable_by_key(|t| t.0);
            for (stem, tf) in terms {
                let w = boost * tf * (BM25_K1 + 1.0) / (tf + norm);
                let q = (w / top * WEIGHT_LEVELS).ceil().clamp(1.0, WEIGHT_LEVELS) as u8;
                postings[stem as usize].push((id, q));
            }
            docs.push(a.doc);
        }
        let mut years: Vec<i32> = docs.iter().map(|d| d.year).collect();
        years.sort_unstable();
        years.dedup();
        let mut facets: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for (id, d) in docs.iter().enumerate() {
            let id = id as u32;
            facets.entry(format!("b{}", d.body)).or_default().push(id);
            for o in &d.organisations {
                facets.entry(format!("o{o}")).or_default().push(id);
            }
            facets.entry(format!("y{}", d.year)).or_default().push(id);
            if d.kind == DocKind::Decision {
                facets.entry("kd".into()).or_default().push(id);
            }
        }

        // Postings files: consecutive stems up to a target size.
        let mut postings_file = Vec::with_capacity(stems.len());
        let mut file = 0u32;
        let mut size = 0usize;
        for list in &postings {
            let bytes = list.len() * 2 + 12;
            if size > 0 && size + bytes > POSTINGS_FILE_BYTES {
                file += 1;
                size = 0;
            }
            size += bytes;
            postings_file.push(file);
        }
        let mut vocabulary_files: BTreeMap<String, u32> = BTreeMap::new();
        let mut shard_bytes: BTreeMap<String, usize> = BTreeMap::new();
        for w in &vocabulary {
            let bytes = w.folded.len()
                + 24
                + if w.surface == w.folded {
                    0
                } else {
                    w.surface.len() + 3
                };
            *shard_bytes.entry(shard_key(&w.folded)).or_default() += bytes;
        }
        let mut file = 0u32;
        let mut size = 0usize;
        for (key, bytes) in shard_bytes {
            if size > 0 && size + bytes > VOCABULARY_FILE_BYTES {
                file += 1;
                size = 0;
            }
            size += bytes;
            vocabulary_files.insert(key, file);
        }
        SearchIndex {
            docs,
            bodies,
            organisations,
            years,
            stems,
            postings,
            vocabulary,
            postings_file,
            vocabulary_files,
            facets,
        }
    }

    /// The vocabulary file holding a folded word, if any word shares its first letters.
    pub(crate) fn vocabulary_file(&self, folded: &str) -> Option<u32> {
        self.vocabulary_files.get(&shard_key(folded)).copied()
    }

    fn df(&self, stem: u32) -> usize {
        self.postings[stem as usize].len()
    }

    /// The doc ids of one filter value (`b3`, `o12`, `y2021`, `kd`), sorted.
    pub(crate) fn facet(&self, facet: &str) -> &[u32] {
        self.facets.get(facet).map_or(&[], Vec::as_slice)
    }

    /// The files of the index: site path and text.
    pub fn files(&self) -> Vec<(String, String)> {
        let mut files = Vec::new();
        // `<` appears only inside JSON strings: written as \u003c, no file contains
        // "<script>" or "</script>", even if someone inlines one into a page.
        let file = |name: String, kind: &str, key: &str, data: String| {
            // Most files have no `<`: their data is copied once, into the file's text.
            let data = match data.contains('<') {
                true => data.replace('<', "\\u003c"),
                false => data,
            };
            let text = format!("quorumSearchIndex({kind:?},{key:?},{data});\n");
            (format!("{INDEX_DIR}{name}"), text)
        };
        let json = |v: &serde_json::Value| v.to_string();

        // Vocabulary shards.
        let mut shards: BTreeMap<String, Vec<serde_json::Value>> = BTreeMap::new();
        for w in &self.vocabulary {
            let mut entry = vec![
                serde_json::Value::from(w.folded.as_str()),
                w.stem.into(),
                self.postings_file[w.stem as usize].into(),
                self.df(w.stem).into(),
            ];
            if w.surface != w.folded {
                entry.push(w.surface.as_str().into());
            }
            shards
                .entry(shard_key(&w.folded))
                .or_default()
                .push(entry.into());
        }
        let mut groups: BTreeMap<u32, serde_json::Map<String, serde_json::Value>> = BTreeMap::new();
        for (key, entries) in shards {
            groups
                .entry(self.vocabulary_files[&key])
                .or_default()
                .insert(key, entries.into());
        }
        for (n, group) in groups {
            files.push(file(
                format!("w-{n}.js"),
                "w",
                &n.to_string(),
                json(&serde_json::Value::Object(group)),
            ));
        }

        // Postings files: a JSON object per file, stem id → encoded postings, written
        // directly (ids are digits and the encoding's alphabet needs no escaping), keys in
        // the order of their text, as a JSON map sorts them.
        let mut by_file: BTreeMap<u32, Vec<(String, String)>> = BTreeMap::new();
        let mut numbers = Vec::new();
        for (stem, list) in self.postings.iter().enumerate() {
            numbers.clear();
            let mut previous: i64 = -1;
            for &(doc, weight) in list {
                let delta = (i64::from(doc) - previous) as u64;
                numbers.push(delta << 4 | u64::from(weight));
                previous = i64::from(doc);
            }
            by_file
                .entry(self.postings_file[stem])
                .or_default()
                .push((stem.to_string(), encode_numbers(&numbers)));
        }
        for (n, mut entries) in by_file {
            entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            let mut data = String::with_capacity(
                entries
                    .iter()
                    .map(|(k, v)| k.len() + v.len() + 6)
                    .sum::<usize>()
                    + 2,
            );
            data.push('{');
            for (i, (stem, postings)) in entries.iter().enumerate() {
                if i > 0 {
                    data.push(',');
                }
                data.push('"');
                data.push_str(stem);
                data.push_str("\":\"");
                data.push_str(postings);
                data.push('"');
            }
            data.push('}');
            files.push(file(format!("p-{n}.js"), "p", &n.to_string(), data));
        }

        // Documents.
        let doc_files: Vec<(String, String)> = self
            .docs
            .par_chunks(DOC_CHUNK)
            .enumerate()
            .map(|(n, chunk)| {
                let rows: Vec<_> = chunk
                    .iter()
                    .map(|d| {
                        (
                            d.kind as u8,
                            &d.path,
                            &d.title,
                            &d.meeting_title,
                            &d.date,
                            d.body,
                            &d.organisations,
                            &d.text,
                        )
                    })
                    .collect();
                let data = serde_json::to_string(&rows).unwrap_or_default();
                file(format!("d-{n}.js"), "d", &n.to_string(), data)
            })
            .collect();
        files.extend(doc_files);

        // Facets.
        for (facet, ids) in &self.facets {
            let mut numbers = Vec::with_capacity(ids.len());
            let mut previous: i64 = -1;
            for &id in ids {
                numbers.push((i64::from(id) - previous) as u64);
                previous = i64::from(id);
            }
            files.push(file(
                format!("f-{facet}.js"),
                "f",
                facet,
                json(&encode_numbers(&numbers).into()),
            ));
        }

        // The manifest.
        let mut stop: Vec<String> = STOP_SV.iter().chain(STOP_EN).map(|w| fold(w)).collect();
        stop.sort_unstable();
        stop.dedup();
        let used: BTreeSet<&str> = self.facets.keys().map(String::as_str).collect();
        let meta = serde_json::json!({
            "version": 1,
            "docs": self.docs.len(),
            "chunk": DOC_CHUNK,
            "stop": stop,
            "shards": self.vocabulary_files,
            "bodies": self.bodies.iter().enumerate()
                .filter(|(i, _)| used.contains(format!("b{i}").as_str()))
                .map(|(i, (key, name))| serde_json::json!([i, key, name]))
                .collect::<Vec<_>>(),
            "organisations": self.organisations.iter().enumerate()
                .filter(|(i, _)| used.contains(format!("o{i}").as_str()))
                .map(|(i, (key, name, short))| serde_json::json!([i, key, name, short]))
                .collect::<Vec<_>>(),
            "years": self.years,
            "prefixLimit": PREFIX_LIMIT,
            "prefixFactor": PREFIX_FACTOR,
            "suffixFactor": SUFFIX_FACTOR,
        });
        files.push(file("meta.js".into(), "meta", "", json(&meta)));
        files
    }

    /// The script's lookup and scoring (search.js `run`), on the index in memory.
    pub fn search(&self, query: &str, filters: &Filters) -> Outcome {
        let mut outcome = Outcome::default();
        let query_words = query_words(query);
        let n = self.docs.len() as f32;
        // Like search.js: per word, the best score of each document over the word's stems
        // (dense arrays); then the sum over the words, and how many words matched.
        let size = self.docs.len();
        let mut total = vec![0f32; size];
        let mut count = vec![0u8; size];
        let mut required = 0usize;
        for (lower, folded) in &query_words {
            if let Some(n) = self.vocabulary_file(folded) {
                outcome.files.insert(format!("{INDEX_DIR}w-{n}.js"));
            }
            let stems = self.stems_for(lower, folded);
            if stems.is_empty() {
                if !STOP_SV.iter().chain(STOP_EN).any(|w| fold(w) == *folded) {
                    required += 1;
                }
                continue;
            }
            required += 1;
            let mut best = vec![0f32; size];
            for (stem, factor) in stems {
                outcome.files.insert(format!(
                    "{INDEX_DIR}p-{}.js",
                    self.postings_file[stem as usize]
                ));
                let df = self.df(stem) as f32;
                let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                for &(doc, weight) in &self.postings[stem as usize] {
                    let s = idf * f32::from(weight) * factor;
                    let b = &mut best[doc as usize];
                    if s > *b {
                        *b = s;
                    }
                }
            }
            for (d, b) in best.into_iter().enumerate() {
                if b > 0.0 {
                    total[d] += b;
                    count[d] += 1;
                }
            }
        }
        if required == 0 {
            return outcome;
        }
        let collect = |all: bool| -> Vec<(u32, u8, f32)> {
            (0..size)
                .filter(|&d| count[d] > 0 && (!all || usize::from(count[d]) == required))
                .map(|d| (d as u32, count[d], total[d]))
                .collect()
        };
        let mut found = collect(true);
        if found.is_empty() && required > 1 {
            found = collect(false);
            outcome.partial = !found.is_empty();
        }
        // Filters.
        let mut allowed: Option<BTreeSet<u32>> = None;
        let mut restrict = |facet: String, outcome: &mut Outcome| {
            outcome.files.insert(format!("{INDEX_DIR}f-{facet}.js"));
            let ids: BTreeSet<u32> = self.facet(&facet).iter().copied().collect();
            allowed = Some(match allowed.take() {
                Some(a) => a.intersection(&ids).copied().collect(),
                None => ids,
            });
        };
        if let Some(key) = &filters.body {
            let i = self.bodies.iter().position(|(k, _)| k == key);
            restrict(format!("b{}", i.map_or(-1, |i| i as i64)), &mut outcome);
        }
        if let Some(key) = &filters.organisation {
            let i = self.organisations.iter().position(|(k, _, _)| k == key);
            restrict(format!("o{}", i.map_or(-1, |i| i as i64)), &mut outcome);
        }
        if let Some(year) = filters.year {
            restrict(format!("y{year}"), &mut outcome);
        }
        if filters.decisions_only {
            restrict("kd".into(), &mut outcome);
        }
        if let Some(allowed) = &allowed {
            found.retain(|(doc, _, _)| allowed.contains(doc));
        }
        found.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.total_cmp(&a.2)).then(b.0.cmp(&a.0)));
        outcome.hits = found
            .into_iter()
            .map(|(doc, _, score)| Hit { doc, score })
            .collect();
        for hit in outcome.hits.iter().take(PAGE_SIZE) {
            outcome
                .files
                .insert(format!("{INDEX_DIR}d-{}.js", hit.doc as usize / DOC_CHUNK));
        }
        outcome
    }

    /// The stems a query word stands for, with their score factor: the exact word (its
    /// spelling with diacritics preferred); the words it begins (typing, and the forms
    /// Snowball leaves alone: "besöksförbudet" is not stemmed to "besöksförbud"), the most
    /// frequent first; else the words that the word shortened by up to three letters
    /// begins (forms the archive does not contain: "besöksförbuden", "decides").
    fn stems_for(&self, lower: &str, folded: &str) -> Vec<(u32, f32)> {
        let start = self
            .vocabulary
            .partition_point(|w| w.folded.as_str() < folded);
        let exact: Vec<&WordEntry> = self.vocabulary[start..]
            .iter()
            .take_while(|w| w.folded == folded)
            .collect();
        let same_spelling: Vec<&WordEntry> = exact
            .iter()
            .copied()
            .filter(|w| w.surface == lower)
            .collect();
        let chosen = if same_spelling.is_empty() {
            exact
        } else {
            same_spelling
        };
        let mut stems: Vec<(u32, f32)> = Vec::new();
        for w in chosen {
            if !stems.iter().any(|(s, _)| *s == w.stem) {
                stems.push((w.stem, 1.0));
            }
        }
        {
            let mut more: Vec<u32> = self.vocabulary[start..]
                .iter()
                .take_while(|w| w.folded.starts_with(folded))
                .filter(|w| w.folded != folded)
                .map(|w| w.stem)
                .filter(|s| !stems.iter().any(|(t, _)| t == s))
                .collect();
            more.sort_unstable();
            more.dedup();
            more.sort_by(|a, b| self.df(*b).cmp(&self.df(*a)).then(a.cmp(b)));
            more.truncate(prefix_limit(folded.chars().count()));
            stems.extend(more.into_iter().map(|s| (s, PREFIX_FACTOR)));
        }
        if stems.is_empty() {
            let chars: Vec<char> = folded.chars().collect();
            for cut in 1..=3 {
                if chars.len() < cut + 4 {
                    break;
                }
                let shorter: String = chars[..chars.len() - cut].iter().collect();
                let start = self
                    .vocabulary
                    .partition_point(|w| w.folded.as_str() < shorter.as_str());
                let mut found: Vec<u32> = self.vocabulary[start..]
                    .iter()
                    .take_while(|w| w.folded.starts_with(shorter.as_str()))
                    .map(|w| w.stem)
                    .collect();
                found.sort_unstable();
                found.dedup();
                found.sort_by(|a, b| self.df(*b).cmp(&self.df(*a)).then(a.cmp(b)));
                found.truncate(prefix_limit(shorter.chars().count()));
                stems.extend(found.into_iter().map(|s| (s, SUFFIX_FACTOR)));
                if !stems.is_empty() {
                    break;
                }
            }
        }
        stems
    }
}

/// The words of a query: `(lower case, folded)`, indexable ones only, without repeats.
pub(crate) fn query_words(query: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for word in words(query) {
        let lower = word.to_lowercase();
        let folded = fold(&lower);
        if indexable(&folded) && !out.iter().any(|(_, f)| *f == folded) {
            out.push((lower, folded));
        }
    }
    out
}

/// Numbers as a string of base-32 digits, most significant first: `0-9a-v` end a number,
/// `w-zA-Z_-` (32 more) are the digits before its last. Dense posting lists take one or
/// two characters per document; `search.js` decodes them with a loop.
pub(crate) fn encode_numbers(numbers: &[u64]) -> String {
    const ALPHABET: &[u8; 64] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-";
    let mut out = String::with_capacity(numbers.len() * 2);
    let mut digits = Vec::new();
    for &n in numbers {
        digits.clear();
        let mut v = n;
        loop {
            digits.push((v & 31) as usize);
            v >>= 5;
            if v == 0 {
                break;
            }
        }
        for (i, &d) in digits.iter().enumerate().rev() {
            let index = if i == 0 { d } else { d + 32 };
            out.push(ALPHABET[index] as char);
        }
    }
    out
}

/// The inverse of [`encode_numbers`].
#[cfg(test)]
pub(crate) fn decode_numbers(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut value = 0u64;
    for c in text.bytes() {
        let index = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'z' => c - b'a' + 10,
            b'A'..=b'Z' => c - b'A' + 36,
            b'_' => 62,
            _ => 63,
        } as u64;
        if index >= 32 {
            value = value * 32 + (index - 32);
        } else {
            out.push(value * 32 + index);
            value = 0;
        }
    }
    out
}

/// The index files of an archive, ready to write.
pub(crate) fn index_files(archive: &Archive) -> Vec<OutputFile> {
    SearchIndex::build(archive)
        .files()
        .into_iter()
        .map(|(path, text)| OutputFile::Text { path, text })
        .collect()
}

/// For `serve`: the index files of the archive that differ from those in `output`, after
/// removing index files the new index no longer has (a smaller archive needs fewer). An
/// edit of one meeting's text changes a few files of thousands: only those are rewritten.
pub fn refresh_index(output: &Path, archive: &Archive) -> Result<Vec<OutputFile>> {
    let files = SearchIndex::build(archive).files();
    let keep: BTreeSet<&str> = files
        .iter()
        .filter_map(|(p, _)| p.strip_prefix(INDEX_DIR))
        .collect();
    let folder = output.join(INDEX_DIR.trim_matches('/'));
    if let Ok(entries) = std::fs::read_dir(&folder) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".js") && !keep.contains(name.as_str()) {
                std::fs::remove_file(entry.path()).map_err(|e| Error::io(&entry.path(), e))?;
            }
        }
    }
    Ok(files
        .into_par_iter()
        .filter(|(path, text)| {
            let on_disk = output.join(path.trim_start_matches('/'));
            std::fs::read(on_disk).map_or(true, |old| old != text.as_bytes())
        })
        .map(|(path, text)| OutputFile::Text { path, text })
        .collect())
}

#[cfg(test)]
mod tests;
