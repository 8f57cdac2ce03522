//! Building the index: each meeting is analysed (its items, decisions, actions and their words,
//! weighted by where they stand) on both cores, a round of meetings at a time, and each
//! round's terms go into the postings (a build writes the documents' files as it goes); then
//! the vocabulary, stems and postings are numbered and the files are sized.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use chrono::Datelike;
use indexmap::IndexSet;
use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap};

use crate::base::config::Language;
use crate::base::diagnostic::Result;
use crate::base::text::text_one_line;
use crate::content::model::{Appendix, Archive, Extract, Item, Meeting};
use crate::publish::search::action_docs::{action_facts, changed_by, changed_words, status_words};
use crate::publish::search::files::{document_files, DOC_FILES_PER_GROUP};
use crate::publish::search::index::*;
use crate::publish::search::posting_list::PostingList;
use crate::publish::search::tiers::{assign_postings_files, split_into_tiers};
use crate::publish::search::words::*;

/// An indexed word: folded, as written (lower case), and the id of its stem in the
/// [`StemTable`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Word {
    folded: String,
    lower: String,
    stem: u32,
}

/// The stems and words met so far, each numbered in the order first met: one table for
/// every thread, so that a document's terms are plain numbers (the stems are put in their
/// sorted order, and the words into the vocabulary, once every meeting is read). `serve`
/// keeps a table between refreshes ([`crate::publish::search::SearchCache`]), so it may
/// hold words no meeting has any more: the vocabulary is made of the words in use.
#[derive(Default)]
pub(crate) struct StemTable {
    ids: FxHashMap<String, u32>,
    pub(crate) stems: Vec<String>,
    pub(crate) words: IndexSet<Word, FxBuildHasher>,
}

impl StemTable {
    /// The ids of the stem and the word of an analysed word.
    fn ids(&mut self, folded: String, lower: String, stem: String) -> (u32, u32) {
        let stem = match self.ids.get(&stem) {
            Some(&id) => id,
            None => {
                let id = u32::try_from(self.stems.len()).expect("fewer than 2³² stems");
                self.stems.push(stem.clone());
                self.ids.insert(stem, id);
                id
            }
        };
        let (word, _) = self.words.insert_full(Word {
            folded,
            lower,
            stem,
        });
        (stem, u32::try_from(word).expect("fewer than 2³² words"))
    }
}

/// Per worker thread: the analysers and what they made of each word already seen, so a
/// word is lower-cased, folded and stemmed once per thread, not once per occurrence.
pub(crate) struct WordCache<'a> {
    analyzers: [Analyzer; 2],
    // Fx, not SipHash: these maps are hit once per word of the archive, with keys that
    // come from the site's own text (no untrusted input to flood them).
    /// Each written word, per language: the ids of its stem and word (`None`: not
    /// indexed).
    seen: [FxHashMap<String, Option<(u32, u32)>>; 2],
    /// Where a word met for the first time by any thread gets its ids.
    table: &'a Mutex<StemTable>,
    /// The document being read: its weighted frequency per stem id (0: not in it; every
    /// field weight is positive) and the ids it has, in the order first met. Indexing by
    /// id, not hashing the stem again, is what makes a known word one map lookup in all.
    frequencies: Vec<f32>,
    in_document: Vec<u32>,
    /// For `serve`'s cache: the words of the meeting being read, each once.
    meeting_words: Option<MeetingWords>,
}

/// The ids of the words a meeting has, and which ids are among them.
#[derive(Default)]
struct MeetingWords {
    ids: Vec<u32>,
    marked: Vec<bool>,
}

impl<'a> WordCache<'a> {
    pub(crate) fn new(table: &'a Mutex<StemTable>) -> Self {
        WordCache {
            analyzers: [Analyzer::new(Language::Sv), Analyzer::new(Language::En)],
            seen: [FxHashMap::default(), FxHashMap::default()],
            table,
            frequencies: Vec::new(),
            in_document: Vec::new(),
            meeting_words: None,
        }
    }

    /// A cache that also lists the words of each meeting (see
    /// [`WordCache::take_meeting_words`]).
    pub(crate) fn listing_words(table: &'a Mutex<StemTable>) -> Self {
        WordCache {
            meeting_words: Some(MeetingWords::default()),
            ..WordCache::new(table)
        }
    }

    /// The ids of the words met since the last call, each once (none unless made with
    /// [`WordCache::listing_words`]).
    pub(crate) fn take_meeting_words(&mut self) -> Vec<u32> {
        let Some(listed) = &mut self.meeting_words else {
            return Vec::new();
        };
        for &id in &listed.ids {
            listed.marked[id as usize] = false;
        }
        std::mem::take(&mut listed.ids)
    }

    /// The id of the stem `written` is indexed under (`None`: not indexed). This runs once
    /// per word of the archive, so a known word costs one map lookup.
    pub(crate) fn stem_id(&mut self, language: Language, written: &str) -> Option<u32> {
        let (stem, word) = match self.seen[language as usize].get(written) {
            Some(&ids) => ids,
            None => self.learn(language, written),
        }?;
        if let Some(listed) = &mut self.meeting_words {
            let at = word as usize;
            if listed.marked.len() <= at {
                listed.marked.resize(at + 1, false);
            }
            if !listed.marked[at] {
                listed.marked[at] = true;
                listed.ids.push(word);
            }
        }
        Some(stem)
    }

    /// Analyses a word seen for the first time and remembers what it became.
    pub(crate) fn learn(&mut self, language: Language, written: &str) -> Option<(u32, u32)> {
        let l = language as usize;
        let analysed = self.analyzers[l]
            .analyse(written)
            .map(|(folded, lower, stem)| {
                let ids = self
                    .table
                    .lock()
                    .expect("no thread panics holding it")
                    .ids(folded, lower, stem);
                if self.frequencies.len() <= ids.0 as usize {
                    self.frequencies.resize(ids.0 as usize + 1, 0.0);
                }
                ids
            });
        self.seen[l].insert(written.to_string(), analysed);
        analysed
    }
}

/// A document before weighting: its stems (ids in the [`StemTable`]) with their
/// field-weighted frequencies.
#[derive(Clone)]
pub(crate) struct Analysed {
    /// Shared: `serve`'s cache keeps it, and each refresh's index holds it too.
    pub(crate) doc: Arc<Doc>,
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
            doc: Arc::new(doc),
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

    fn org_index(&self, key: &str) -> Option<usize> {
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
            .map(|p| &*p.person)
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
                .map(|i| &*i.title)
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

    /// An agenda item (its HTML given), then each of its decisions.
    fn item_docs(
        &self,
        item: &Item,
        html: &str,
        cache: &mut WordCache<'_>,
        docs: &mut Vec<Analysed>,
    ) {
        let language = self.meeting.language;
        let organisations = self.item_organisations(item);
        let plain = text_one_line(html);
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

/// The documents of one meeting (the meeting, its items, decisions and appendices).
pub(crate) fn analyse_meeting(
    archive: &Archive,
    tables: &Tables,
    meeting: &Meeting,
    cache: &mut WordCache<'_>,
) -> Vec<Analysed> {
    let meeting_docs = MeetingDocs::new(archive, tables, meeting);
    let mut docs = vec![meeting_docs.meeting_doc(cache)];
    let html = meeting.items_html();
    for (item, html) in meeting.items.iter().zip(html.iter()) {
        meeting_docs.item_docs(item, html, cache, &mut docs);
    }
    for appendix in &meeting.appendices {
        docs.push(meeting_docs.appendix_doc(appendix, cache));
    }
    docs
}

/// Where the documents go as they are read: kept in the index, or written
/// [`DOC_FILES_PER_GROUP`] files at a time (a build), so that they are never all in memory.
pub(crate) enum Documents<'a> {
    Keep,
    Write(&'a mut dyn FnMut(Vec<(String, String)>) -> Result<()>),
}

/// The bodies and organisations as the index lists them (`(key, name)` and `(key, name,
/// short)`, in key order), and the positions of their keys.
pub(crate) struct Names {
    pub(crate) bodies: Vec<(String, String)>,
    pub(crate) organisations: Vec<(String, String, Option<String>)>,
    pub(crate) tables: Tables,
}

impl Names {
    pub(crate) fn of(archive: &Archive) -> Names {
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
        Names {
            bodies,
            organisations,
            tables,
        }
    }
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
        let names = Names::of(archive);
        // Read in rounds: each round's meetings on both cores, then its documents' terms
        // go into the postings, so the terms of the whole archive are never all in memory.
        let table = Mutex::new(StemTable::default());
        let threads = rayon::current_num_threads().max(1);
        let caches: Vec<Mutex<WordCache<'_>>> = (0..threads)
            .map(|_| Mutex::new(WordCache::new(&table)))
            .collect();
        let mut collected = Collected::default();
        for round in archive.meetings.chunks(per_round.max(1)) {
            let analysed: Vec<Vec<Analysed>> = round
                .par_iter()
                .map(|m| {
                    // Each thread has a cache of its own: the lock is never waited for.
                    let mine = rayon::current_thread_index().unwrap_or(0) % threads;
                    let mut cache = caches[mine].lock().expect("no thread panics holding it");
                    analyse_meeting(archive, &names.tables, m, &mut cache)
                })
                .collect();
            for a in analysed.into_iter().flatten() {
                collected.add(a.doc, a.length, &a.terms);
            }
            if let Documents::Write(write) = &mut documents {
                collected.write_documents(false, &mut **write)?;
            }
        }
        if let Documents::Write(write) = &mut documents {
            collected.write_documents(true, &mut **write)?;
        }
        drop(caches);
        let mut table = table.into_inner().expect("no thread panics holding it");
        let numbering = Numbering::of(&table, |_| true);
        let stems = numbering.take_stems(&mut table.stems);
        drop(table);
        Ok(collected.into_index(names, numbering, stems))
    }
}

/// The stems and words in use, in their final order: the stems sorted (`order[new id]` =
/// the id in the [`StemTable`]), the vocabulary sorted.
pub(crate) struct Numbering {
    order: Vec<u32>,
    vocabulary: Vec<WordEntry>,
}

impl Numbering {
    /// The numbering of the table's words for which `in_use(word id)` holds, and of their
    /// stems.
    pub(crate) fn of(table: &StemTable, in_use: impl Fn(usize) -> bool) -> Numbering {
        let mut used = vec![false; table.stems.len()];
        for (id, word) in table.words.iter().enumerate() {
            if in_use(id) {
                used[word.stem as usize] = true;
            }
        }
        let mut order: Vec<u32> = (0..table.stems.len() as u32)
            .filter(|&id| used[id as usize])
            .collect();
        let stems = &table.stems;
        order.sort_unstable_by(|&a, &b| stems[a as usize].cmp(&stems[b as usize]));
        let mut renumbered = vec![u32::MAX; stems.len()];
        for (new, &old) in order.iter().enumerate() {
            renumbered[old as usize] = new as u32;
        }
        let mut vocabulary: Vec<WordEntry> = table
            .words
            .iter()
            .enumerate()
            .filter(|&(id, _)| in_use(id))
            .map(|(_, w)| WordEntry {
                folded: w.folded.clone(),
                surface: w.lower.clone(),
                stem: renumbered[w.stem as usize],
            })
            .collect();
        vocabulary.sort_unstable();
        Numbering { order, vocabulary }
    }

    /// The stems in use, in order, taken out of the table's.
    pub(crate) fn take_stems(&self, stems: &mut [String]) -> Vec<String> {
        self.order
            .iter()
            .map(|&old| std::mem::take(&mut stems[old as usize]))
            .collect()
    }

    /// The stems in use, in order, copied from the table's.
    pub(crate) fn copy_stems(&self, stems: &[String]) -> Vec<String> {
        self.order
            .iter()
            .map(|&old| stems[old as usize].clone())
            .collect()
    }
}

/// Meetings read on both cores before their terms go into the postings: enough that the
/// cores seldom wait for each other at the end of a round (in a build they also render
/// pages), few enough that a round's terms (about 10 MB) are a small part of the index.
pub(crate) const MEETINGS_PER_ROUND: usize = 2048;

/// What the rounds of [`SearchIndex::build`] gather: the documents in order (a
/// document's id is its number in that order), or those not yet written; per document its
/// kind and length; per stem (by its id in the [`StemTable`]) its `(doc id, weighted
/// frequency)` by doc id; the years and the facets.
#[derive(Default)]
pub(crate) struct Collected {
    docs: Vec<Arc<Doc>>,
    /// Documents so far; `docs` holds the last `docs.len()` of them.
    count: usize,
    /// `d-<n>.js` files written so far.
    files_written: usize,
    kinds: Vec<DocKind>,
    lengths: Vec<u32>,
    raw: Vec<PostingList>,
    years: BTreeSet<i32>,
    /// Per filter value: its documents, sorted.
    facets: FxHashMap<Facet, Vec<u32>>,
}

/// A filter value, named in the index's files `b3` (body), `o12` (organisation), `y2021`
/// (year) and `kd` (decisions): named only when the files are made, since every document
/// has a few.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Facet {
    Body(usize),
    Organisation(usize),
    Year(i32),
    Decisions,
}

impl Facet {
    fn name(self) -> String {
        match self {
            Facet::Body(b) => format!("b{b}"),
            Facet::Organisation(o) => format!("o{o}"),
            Facet::Year(y) => format!("y{y}"),
            Facet::Decisions => "kd".into(),
        }
    }
}

impl Collected {
    /// Adds a document (its length and terms), numbered on from the last.
    pub(crate) fn add(&mut self, doc: Arc<Doc>, length: u32, terms: &[(u32, f32)]) {
        let id = u32::try_from(self.count)
            .ok()
            .filter(|&id| id < Posting::DOCS)
            .expect("fewer than 2²⁸ documents");
        for &(stem, tf) in terms {
            let stem = stem as usize;
            if self.raw.len() <= stem {
                self.raw.resize_with(stem + 1, PostingList::default);
            }
            self.raw[stem].push(id, tf);
        }
        self.add_to_facets(id, &doc);
        self.years.insert(doc.year);
        self.kinds.push(doc.kind);
        self.lengths.push(length);
        self.docs.push(doc);
        self.count += 1;
    }

    /// [`Collected::add`] for an analysed document kept for later (`serve`'s cache).
    pub(crate) fn add_copy(&mut self, analysed: &Analysed) {
        self.add(Arc::clone(&analysed.doc), analysed.length, &analysed.terms);
    }

    /// The index: postings with BM25 weights (k1, b over the whole collection, field
    /// weights already in the frequencies, a boost per kind, quantized to 1..=15), split
    /// into tiers, the stems and vocabulary as `numbering` orders them.
    pub(crate) fn into_index(
        self,
        names: Names,
        numbering: Numbering,
        stems: Vec<String>,
    ) -> SearchIndex {
        let Collected {
            docs,
            count,
            kinds,
            lengths,
            raw,
            years,
            facets,
            ..
        } = self;
        let total_length: u64 = lengths.iter().map(|&l| u64::from(l)).sum();
        let average = (total_length as f32 / count.max(1) as f32).max(1.0);
        let top = (BM25_K1 + 1.0) * KIND_BOOST.iter().copied().fold(0.0, f32::max);
        // Per document, what its length and kind make of a term's frequency.
        let scales: Vec<(f32, f32)> = (lengths.iter().zip(&kinds))
            .map(|(&length, &kind)| {
                let norm = BM25_K1 * (1.0 - BM25_B + BM25_B * length as f32 / average);
                (norm, KIND_BOOST[kind as usize])
            })
            .collect();
        drop((lengths, kinds));
        // Each stem's postings weighed on both cores, in the table's order, then put in
        // the stems' sorted order.
        let mut weighed: Vec<Vec<Posting>> = raw
            .into_par_iter()
            .map(|list| {
                list.iter()
                    .map(|(id, tf)| {
                        let (norm, boost) = scales[id as usize];
                        let w = boost * tf * (BM25_K1 + 1.0) / (tf + norm);
                        let q = (w / top * WEIGHT_LEVELS).ceil().clamp(1.0, WEIGHT_LEVELS) as u8;
                        Posting::new(id, q)
                    })
                    .collect()
            })
            .collect();
        let mut postings: Vec<Vec<Posting>> = (numbering.order.iter())
            .map(|&old| weighed.get_mut(old as usize).map(std::mem::take))
            .map(Option::unwrap_or_default)
            .collect();
        drop(weighed);
        let years: Vec<i32> = years.into_iter().collect();
        let mut tiers: Vec<Vec<Tier>> = postings
            .par_iter_mut()
            .map(|list| split_into_tiers(list, FIRST_TIER))
            .collect();
        assign_postings_files(&postings, &mut tiers);
        let vocabulary = numbering.vocabulary;
        let vocabulary_files = vocabulary_files(&vocabulary);
        SearchIndex {
            docs,
            doc_count: count,
            bodies: names.bodies,
            organisations: names.organisations,
            years,
            stems,
            postings,
            vocabulary,
            tiers,
            page_tiers: PAGE_TIERS,
            vocabulary_files,
            facets: (facets.into_iter())
                .map(|(facet, ids)| (facet.name(), ids))
                .collect(),
            doc_chunk: DOC_CHUNK,
        }
    }

    fn add_to_facets(&mut self, id: u32, d: &Doc) {
        let mut add = |facet: Facet| self.facets.entry(facet).or_default().push(id);
        add(Facet::Body(d.body));
        for &o in &d.organisations {
            add(Facet::Organisation(o));
        }
        add(Facet::Year(d.year));
        if d.kind == DocKind::Decision {
            add(Facet::Decisions);
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
