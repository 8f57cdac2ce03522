//! Building the index: each meeting is analysed (its items, decisions, actions and their words,
//! weighted by where they stand) on both cores, a round of meetings at a time, and each
//! round's terms go into the postings (a build writes the documents' files as it goes); then
//! the vocabulary, stems and postings are numbered and the files are sized.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Mutex;

use chrono::Datelike;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::base::config::Language;
use crate::base::diagnostic::Result;
use crate::base::text::text_one_line;
use crate::content::model::{Appendix, Archive, Extract, Item, Meeting};
use crate::publish::output::OutputFile;
use crate::publish::search::action_docs::{action_facts, changed_by, changed_words, status_words};
use crate::publish::search::files::{document_files, DOC_FILES_PER_GROUP};
use crate::publish::search::index::*;
use crate::publish::search::tiers::{assign_postings_files, split_into_tiers};
use crate::publish::search::words::*;

/// An indexed word: folded, as written (lower case), and the id of its stem in the
/// [`StemTable`].
#[derive(Debug)]
pub(crate) struct Word {
    folded: String,
    lower: String,
    stem: u32,
}

/// The stems met so far, numbered in the order first met: one table for every thread, so
/// that a document's terms are plain numbers (the ids are put in the stems' sorted order once
/// every meeting is read).
#[derive(Default)]
pub(crate) struct StemTable {
    ids: FxHashMap<String, u32>,
    stems: Vec<String>,
}

impl StemTable {
    fn id(&mut self, stem: String) -> u32 {
        if let Some(&id) = self.ids.get(&stem) {
            return id;
        }
        let id = u32::try_from(self.stems.len()).expect("fewer than 2³² stems");
        self.stems.push(stem.clone());
        self.ids.insert(stem, id);
        id
    }
}

/// Per worker thread: the analysers and what they made of each word already seen, so a
/// word is lower-cased, folded and stemmed once per thread, not once per occurrence.
pub(crate) struct WordCache<'a> {
    analyzers: [Analyzer; 2],
    // Fx, not SipHash: these maps are hit once per word of the archive, with keys that
    // come from the site's own text (no untrusted input to flood them).
    /// Each written word, per language: the id of its stem (`None`: not indexed).
    seen: [FxHashMap<String, Option<u32>>; 2],
    /// Where a word met for the first time by any thread gets its stem's id.
    table: &'a Mutex<StemTable>,
    /// Words first seen since the last meeting was analysed (the vocabulary is their union).
    fresh: Vec<Word>,
    /// The document being read: its weighted frequency per stem id (0: not in it; every
    /// field weight is positive) and the ids it has, in the order first met. Indexing by
    /// id, not hashing the stem again, is what makes a known word one map lookup in all.
    frequencies: Vec<f32>,
    in_document: Vec<u32>,
}

impl<'a> WordCache<'a> {
    pub(crate) fn new(table: &'a Mutex<StemTable>) -> Self {
        WordCache {
            analyzers: [Analyzer::new(Language::Sv), Analyzer::new(Language::En)],
            seen: [FxHashMap::default(), FxHashMap::default()],
            table,
            fresh: Vec::new(),
            frequencies: Vec::new(),
            in_document: Vec::new(),
        }
    }

    /// The id of the stem `written` is indexed under (`None`: not indexed). This runs once
    /// per word of the archive, so a known word costs one map lookup.
    pub(crate) fn stem_id(&mut self, language: Language, written: &str) -> Option<u32> {
        match self.seen[language as usize].get(written) {
            Some(&id) => id,
            None => self.learn(language, written),
        }
    }

    /// Analyses a word seen for the first time and remembers what it became.
    pub(crate) fn learn(&mut self, language: Language, written: &str) -> Option<u32> {
        let l = language as usize;
        let analysed = self.analyzers[l]
            .analyse(written)
            .map(|(folded, lower, stem)| {
                let id = self
                    .table
                    .lock()
                    .expect("no thread panics holding it")
                    .id(stem);
                if self.frequencies.len() <= id as usize {
                    self.frequencies.resize(id as usize + 1, 0.0);
                }
                self.fresh.push(Word {
                    folded,
                    lower,
                    stem: id,
                });
                id
            });
        self.seen[l].insert(written.to_string(), analysed);
        analysed
    }
}

/// A document before weighting: its stems (ids in the [`StemTable`]) with their
/// field-weighted frequencies.
pub(crate) struct Analysed {
    doc: Doc,
    length: u32,
    terms: Vec<(u32, f32)>,
}

/// Accumulates the weighted words of one document.
pub(crate) struct DocText<'a, 'b> {
    cache: &'a mut WordCache<'b>,
    language: Language,
    length: u32,
}

impl<'a, 'b> DocText<'a, 'b> {
    pub(crate) fn new(cache: &'a mut WordCache<'b>, language: Language) -> Self {
        debug_assert!(cache.in_document.is_empty());
        DocText {
            cache,
            language,
            length: 0,
        }
    }

    /// Adds the words of `text`, each counting `weight` (positive).
    pub(crate) fn add(&mut self, text: &str, weight: f32) {
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
    pub(crate) fn finish(self, doc: Doc) -> Analysed {
        let cache = self.cache;
        let terms = cache
            .in_document
            .drain(..)
            .map(|id| (id, std::mem::take(&mut cache.frequencies[id as usize])))
            .collect();
        Analysed {
            doc,
            length: self.length.max(1),
            terms,
        }
    }
}

/// Keys of bodies and organisations to their positions in the index's tables.
pub(crate) struct Tables {
    bodies: HashMap<String, usize>,
    organisations: HashMap<String, usize>,
}

/// One meeting as the search index sees it: the names its documents refer to, resolved
/// once, and the fields every document of the meeting shares.
struct MeetingDocs<'a> {
    archive: &'a Archive,
    tables: &'a Tables,
    meeting: &'a Meeting,
    path: String,
    date: String,
    body: usize,
}

impl<'a> MeetingDocs<'a> {
    fn new(archive: &'a Archive, tables: &'a Tables, meeting: &'a Meeting) -> Self {
        MeetingDocs {
            archive,
            tables,
            meeting,
            path: crate::graph::meeting_path(&meeting.slug),
            date: meeting.date.to_string(),
            body: tables.bodies.get(&meeting.body).copied().unwrap_or(0),
        }
    }

    fn person_name(&self, key: &str) -> String {
        self.archive
            .people
            .get(key)
            .map_or_else(|| key.to_string(), |p| p.name.clone())
    }

    /// An organisation's name and short name, as searched.
    fn org_name(&self, key: &str) -> String {
        self.archive.organisations.get(key).map_or_else(
            || key.to_string(),
            |o| match &o.short {
                Some(short) => format!("{} {short}", o.name),
                None => o.name.clone(),
            },
        )
    }

    fn org_index(&self, key: &String) -> Option<usize> {
        self.tables.organisations.get(key).copied()
    }

    /// The organiser, then the organisations presenting the item, each once.
    fn item_organisations(&self, item: &Item) -> Vec<usize> {
        let mut seen = Vec::new();
        for key in self.meeting.item_organisations(item) {
            if let Some(i) = self.org_index(key) {
                if !seen.contains(&i) {
                    seen.push(i);
                }
            }
        }
        seen
    }

    /// A document of this meeting.
    fn doc(
        &self,
        kind: DocKind,
        path: String,
        title: &str,
        organisations: Vec<usize>,
        text: String,
    ) -> Doc {
        Doc {
            kind,
            path,
            title: title.to_string(),
            meeting_title: self.meeting.title.clone(),
            date: self.date.clone(),
            year: self.meeting.date.year(),
            body: self.body,
            organisations,
            text,
            action: None,
            changed_by: Vec::new(),
        }
    }

    /// The meeting itself: its title, forum, organiser, tags and agenda; who took part.
    fn meeting_doc(&self, cache: &mut WordCache<'_>) -> Analysed {
        let meeting = self.meeting;
        let body_name = self
            .archive
            .bodies
            .get(&meeting.body)
            .map_or_else(|| meeting.body.clone(), |b| b.name.clone());
        let mut text = DocText::new(cache, meeting.language);
        text.add(&meeting.title, 3.0);
        text.add(&body_name, 2.0);
        if let Some(organiser) = &meeting.organiser {
            text.add(&self.org_name(organiser), 2.0);
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
            text.add(&self.person_name(person), 0.5);
        }
        let mut meeting_orgs: Vec<usize> = Vec::new();
        for item in &meeting.items {
            for i in self.item_organisations(item) {
                if !meeting_orgs.contains(&i) {
                    meeting_orgs.push(i);
                }
            }
        }
        if meeting_orgs.is_empty() {
            meeting_orgs.extend(meeting.organiser.as_ref().and_then(|k| self.org_index(k)));
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
        text.finish(self.doc(
            DocKind::Meeting,
            self.path.clone(),
            &meeting.title,
            meeting_orgs,
            clip(&snippet, SNIPPET_CHARS),
        ))
    }

    /// An agenda item, then each of its decisions.
    fn item_docs(&self, item: &Item, cache: &mut WordCache<'_>, docs: &mut Vec<Analysed>) {
        let language = self.meeting.language;
        let organisations = self.item_organisations(item);
        let plain = text_one_line(&item.html);
        let mut text = DocText::new(cache, language);
        text.add(&item.title, 3.0);
        if let Some(case_number) = &item.case_number {
            // A diarienummer ("KN 2024/57") finds the case's items across meetings.
            text.add(case_number, 3.0);
        }
        for p in &item.presenters {
            text.add(&self.person_name(&p.person), 1.0);
        }
        for key in item.presenting() {
            text.add(&self.org_name(key), 1.0);
        }
        text.add(&plain, 1.0);
        docs.push(text.finish(self.doc(
            DocKind::Item,
            format!("{}#{}", self.path, item.anchor),
            &item.title,
            organisations.clone(),
            clip(&plain, SNIPPET_CHARS),
        )));
        for decision in &item.decisions {
            let mut text = DocText::new(cache, language);
            text.add(&decision.text, 1.0);
            text.add(&item.title, 1.0);
            if let Some(case_number) = &item.case_number {
                text.add(case_number, 1.0);
            }
            let changed_by = changed_by(self.archive, decision);
            text.add(&changed_words(&changed_by), 1.0);
            let mut doc = self.doc(
                DocKind::Decision,
                format!("{}#{}", self.path, decision.anchor),
                &item.title,
                organisations.clone(),
                clip(&decision.text, SNIPPET_CHARS),
            );
            doc.changed_by = changed_by;
            docs.push(text.finish(doc));
        }
        for action in &item.actions {
            docs.push(self.action_doc(item, action, &organisations, cache));
        }
    }

    /// An action: found by its text, its owners' names and its state; its result shows
    /// them and the due date.
    fn action_doc(
        &self,
        item: &Item,
        action: &Extract,
        organisations: &[usize],
        cache: &mut WordCache<'_>,
    ) -> Analysed {
        let facts = action_facts(self.archive, action);
        let mut text = DocText::new(cache, self.meeting.language);
        text.add(&action.text, 1.0);
        text.add(&item.title, 1.0);
        for owner in &facts.owners {
            text.add(owner, 2.0);
        }
        text.add(status_words(facts.status), 1.0);
        let mut doc = self.doc(
            DocKind::Action,
            format!("{}#{}", self.path, action.anchor),
            &item.title,
            organisations.to_vec(),
            clip(&action.text, SNIPPET_CHARS),
        );
        doc.action = Some(facts);
        text.finish(doc)
    }

    /// An appendix (a level-1 heading, e.g. "Bilaga: …"): found like an item, under its own
    /// anchor on the meeting page.
    fn appendix_doc(&self, appendix: &Appendix, cache: &mut WordCache<'_>) -> Analysed {
        let organisations: Vec<usize> = self
            .meeting
            .organiser
            .iter()
            .filter_map(|k| self.org_index(k))
            .collect();
        let plain = text_one_line(&appendix.html);
        let mut text = DocText::new(cache, self.meeting.language);
        text.add(&appendix.title, 3.0);
        text.add(&plain, 1.0);
        text.finish(self.doc(
            DocKind::Item,
            format!("{}#{}", self.path, appendix.anchor),
            &appendix.title,
            organisations,
            clip(&plain, SNIPPET_CHARS),
        ))
    }
}

/// The documents of one meeting (the meeting, its items, decisions and appendices), and the
/// words `cache` met for the first time.
pub(crate) fn analyse_meeting(
    archive: &Archive,
    tables: &Tables,
    meeting: &Meeting,
    cache: &mut WordCache<'_>,
) -> (Vec<Analysed>, Vec<Word>) {
    let meeting_docs = MeetingDocs::new(archive, tables, meeting);
    let mut docs = vec![meeting_docs.meeting_doc(cache)];
    for item in &meeting.items {
        meeting_docs.item_docs(item, cache, &mut docs);
    }
    for appendix in &meeting.appendices {
        docs.push(meeting_docs.appendix_doc(appendix, cache));
    }
    (docs, std::mem::take(&mut cache.fresh))
}

/// Where the documents go as they are read: kept in the index, or written
/// [`DOC_FILES_PER_GROUP`] files at a time (a build), so that they are never all in memory.
pub(crate) enum Documents<'a> {
    Keep,
    Write(&'a mut dyn FnMut(Vec<(String, String)>) -> Result<()>),
}

impl SearchIndex {
    /// Indexes every meeting of the archive (in parallel).
    pub fn build(archive: &Archive) -> SearchIndex {
        Self::build_in_rounds(archive, MEETINGS_PER_ROUND, Documents::Keep)
            .expect("keeping the documents cannot fail")
    }

    /// [`SearchIndex::build`], reading `per_round` meetings at a time (the tests compare
    /// round sizes: the index does not depend on them), and keeping or writing the
    /// documents' files as `documents` says.
    pub(crate) fn build_in_rounds(
        archive: &Archive,
        per_round: usize,
        mut documents: Documents<'_>,
    ) -> Result<SearchIndex> {
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
        // Read in rounds: each round's meetings on both cores, then its documents' terms
        // go into the postings, so the terms of the whole archive are never all in memory.
        let table = Mutex::new(StemTable::default());
        let threads = rayon::current_num_threads().max(1);
        let caches: Vec<Mutex<WordCache<'_>>> = (0..threads)
            .map(|_| Mutex::new(WordCache::new(&table)))
            .collect();
        let mut collected = Collected::default();
        for round in archive.meetings.chunks(per_round.max(1)) {
            let analysed: Vec<(Vec<Analysed>, Vec<Word>)> = round
                .par_iter()
                .map(|m| {
                    // Each thread has a cache of its own: the lock is never waited for.
                    let mine = rayon::current_thread_index().unwrap_or(0) % threads;
                    let mut cache = caches[mine].lock().expect("no thread panics holding it");
                    analyse_meeting(archive, &tables, m, &mut cache)
                })
                .collect();
            for (docs, words) in analysed {
                collected.add(docs, words);
            }
            if let Documents::Write(write) = &mut documents {
                collected.write_documents(false, &mut **write)?;
            }
        }
        if let Documents::Write(write) = &mut documents {
            collected.write_documents(true, &mut **write)?;
        }
        drop(caches);
        let stems = table
            .into_inner()
            .expect("no thread panics holding it")
            .stems;
        let Collected {
            words,
            docs,
            count,
            kinds,
            lengths,
            raw,
            years,
            facets,
            ..
        } = collected;

        // Stems: sorted, numbered (`order[new id]` = the id first given); the vocabulary:
        // every word some thread saw.
        let mut order: Vec<u32> = (0..stems.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| stems[a as usize].cmp(&stems[b as usize]));
        let mut renumbered = vec![0u32; stems.len()];
        for (new, &old) in order.iter().enumerate() {
            renumbered[old as usize] = new as u32;
        }
        let vocabulary: Vec<WordEntry> = words
            .into_iter()
            .map(|(folded, surface, stem)| (folded, surface, renumbered[stem as usize]))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .map(|(folded, surface, stem)| WordEntry {
                folded,
                surface,
                stem,
            })
            .collect();
        let mut stems: Vec<Option<String>> = stems.into_iter().map(Some).collect();
        let stems: Vec<String> = order
            .iter()
            .map(|&old| stems[old as usize].take().expect("each stem once"))
            .collect();

        // Postings with BM25 weights (k1, b over the whole collection), field weights
        // already in the frequencies, a boost per kind, quantized to 1..=15.
        let total_length: u64 = lengths.iter().map(|&l| u64::from(l)).sum();
        let average = (total_length as f32 / count.max(1) as f32).max(1.0);
        let top = (BM25_K1 + 1.0) * KIND_BOOST.iter().copied().fold(0.0, f32::max);
        let mut raw: Vec<Option<Vec<(u32, f32)>>> = raw.into_iter().map(Some).collect();
        let mut postings: Vec<Vec<(u32, u8)>> = order
            .iter()
            .map(|&old| {
                let list = raw[old as usize].take().unwrap_or_default();
                list.into_iter()
                    .map(|(id, tf)| {
                        let length = lengths[id as usize] as f32;
                        let norm = BM25_K1 * (1.0 - BM25_B + BM25_B * length / average);
                        let boost = KIND_BOOST[kinds[id as usize] as usize];
                        let w = boost * tf * (BM25_K1 + 1.0) / (tf + norm);
                        let q = (w / top * WEIGHT_LEVELS).ceil().clamp(1.0, WEIGHT_LEVELS) as u8;
                        (id, q)
                    })
                    .collect()
            })
            .collect();
        let years: Vec<i32> = years.into_iter().collect();
        let mut tiers: Vec<Vec<Tier>> = postings
            .iter_mut()
            .map(|list| split_into_tiers(list, FIRST_TIER))
            .collect();
        assign_postings_files(&postings, &mut tiers);
        let vocabulary_files = vocabulary_files(&vocabulary);
        Ok(SearchIndex {
            docs,
            doc_count: count,
            bodies,
            organisations,
            years,
            stems,
            postings,
            vocabulary,
            tiers,
            page_tiers: PAGE_TIERS,
            vocabulary_files,
            facets,
            doc_chunk: DOC_CHUNK,
        })
    }
}

/// Builds the index of an archive and hands its files to `write` a group at a time: the
/// documents' as they are read, the rest after (see [`SearchIndex::each_file_group`]).
/// Returns how many files there were.
pub(crate) fn write_index(
    archive: &Archive,
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
    let index =
        SearchIndex::build_in_rounds(archive, MEETINGS_PER_ROUND, Documents::Write(&mut take))?;
    index.each_file_group(&mut take)?;
    Ok(count)
}

/// Meetings read on both cores before their terms go into the postings: enough that the
/// cores seldom wait for each other at the end of a round (in a build they also render
/// pages), few enough that a round's terms (about 10 MB) are a small part of the index.
const MEETINGS_PER_ROUND: usize = 2048;

/// What the rounds of [`SearchIndex::build`] gather: the vocabulary; the documents in order
/// (a document's id is its number in that order), or those not yet written; per document
/// its kind and length; per stem (by the id first given) its `(doc id, weighted
/// frequency)` by doc id; the years and the facets.
#[derive(Default)]
struct Collected {
    words: BTreeSet<(String, String, u32)>,
    docs: Vec<Doc>,
    /// Documents so far; `docs` holds the last `docs.len()` of them.
    count: usize,
    /// `d-<n>.js` files written so far.
    files_written: usize,
    kinds: Vec<DocKind>,
    lengths: Vec<u32>,
    raw: Vec<Vec<(u32, f32)>>,
    years: BTreeSet<i32>,
    /// Per filter value (`b3` body, `o12` organisation, `y2021` year, `kd` decisions):
    /// its documents, sorted.
    facets: BTreeMap<String, Vec<u32>>,
}

impl Collected {
    /// Adds one meeting's documents, numbered on from the last, and the words it met first.
    fn add(&mut self, docs: Vec<Analysed>, words: Vec<Word>) {
        self.words
            .extend(words.into_iter().map(|w| (w.folded, w.lower, w.stem)));
        for a in docs {
            let id = u32::try_from(self.count).expect("fewer than 2³² documents");
            for (stem, tf) in a.terms {
                let stem = stem as usize;
                if self.raw.len() <= stem {
                    self.raw.resize_with(stem + 1, Vec::new);
                }
                self.raw[stem].push((id, tf));
            }
            self.add_to_facets(id, &a.doc);
            self.years.insert(a.doc.year);
            self.kinds.push(a.doc.kind);
            self.lengths.push(a.length);
            self.docs.push(a.doc);
            self.count += 1;
        }
    }

    fn add_to_facets(&mut self, id: u32, d: &Doc) {
        let mut add = |facet: String| self.facets.entry(facet).or_default().push(id);
        add(format!("b{}", d.body));
        for o in &d.organisations {
            add(format!("o{o}"));
        }
        add(format!("y{}", d.year));
        if d.kind == DocKind::Decision {
            add("kd".into());
        }
    }

    /// Writes the documents' files while a group of them is complete (or, at `the_end`,
    /// all that are left) and lets the written documents go.
    fn write_documents(
        &mut self,
        the_end: bool,
        write: &mut dyn FnMut(Vec<(String, String)>) -> Result<()>,
    ) -> Result<()> {
        let group = DOC_FILES_PER_GROUP * DOC_CHUNK;
        while self.docs.len() >= group || (the_end && !self.docs.is_empty()) {
            let take = group.min(self.docs.len());
            let files = document_files(&self.docs[..take], self.files_written, DOC_CHUNK);
            self.files_written += files.len();
            self.docs.drain(..take);
            write(files)?;
        }
        Ok(())
    }
}

/// Per vocabulary shard (two-letter key), the file it goes in: consecutive shards up to a
/// target size.
fn vocabulary_files(vocabulary: &[WordEntry]) -> BTreeMap<String, u32> {
    let mut vocabulary_files: BTreeMap<String, u32> = BTreeMap::new();
    let mut shard_bytes: BTreeMap<String, usize> = BTreeMap::new();
    for w in vocabulary {
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
    vocabulary_files
}
