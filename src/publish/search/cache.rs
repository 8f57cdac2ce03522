//! The search index as `serve` keeps it between refreshes: each meeting's analysed
//! documents and the words it has, so that after an edit only the edited meetings are read
//! again. The rest of the index (weights, tiers, files) is made anew from them; it is the
//! index a full build makes of the same archive, byte for byte (`tests/incremental.rs`
//! compares them after each kind of edit).

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::base::diagnostic::{Error, Result};
use crate::content::model::{Archive, Meeting, Respelled, Spellings};
use crate::publish::output::OutputFile;
use crate::publish::search::action_docs::{action_facts, changed_by};
use crate::publish::search::build::{
    analyse_meeting, Analysed, Collected, Names, Numbering, StemTable, WordCache,
};
use crate::publish::search::index::{DocKind, SearchIndex, INDEX_DIR};

/// What the last refresh read of each meeting, and the table its ids refer to.
#[derive(Default)]
pub struct SearchCache {
    table: Mutex<StemTable>,
    /// The bodies the documents were made with (names and positions): a change means
    /// every meeting is read again.
    bodies: Vec<(String, String)>,
    /// The names of people and organisations the documents were made with. A meeting
    /// naming a person whose name changed (or who is new) is read again; any change of an
    /// organisation (whose position the documents hold) means every meeting is.
    spellings: Spellings,
    /// By the address of the meeting (the [`Arc`] held here keeps it from being reused).
    meetings: FxHashMap<usize, Read>,
}

/// One meeting as read: its documents and the ids of its words in the table.
struct Read {
    meeting: Arc<Meeting>,
    docs: Vec<Analysed>,
    words: Vec<u32>,
}

impl SearchCache {
    /// The index of `archive`, reading only the meetings not read before, and those whose
    /// documents show a name or follow-up that changed since (an action's state, a
    /// decision's later changes).
    pub fn index(&mut self, archive: &Archive) -> SearchIndex {
        let names = Names::of(archive);
        let spellings = Spellings::of(archive);
        let mut respelled = spellings.respelled(&self.spellings);
        if names.bodies != self.bodies || !respelled.organisations.is_empty() {
            *self = SearchCache {
                bodies: names.bodies.clone(),
                ..SearchCache::default()
            };
            respelled = Respelled::default();
        }
        self.spellings = spellings;
        let mut last = std::mem::take(&mut self.meetings);
        let mut meetings: FxHashMap<usize, Read> = FxHashMap::default();
        meetings.reserve(archive.meetings.len());
        let mut unread = Vec::new();
        for meeting in &archive.meetings {
            let key = key_of(meeting);
            match last.remove(&key) {
                Some(read)
                    if !respelled.named_by(&read.meeting) && follow_up_holds(archive, &read) =>
                {
                    meetings.insert(key, read);
                }
                _ => unread.push(meeting),
            }
        }
        drop(last);
        meetings.extend(self.read(archive, &names, &unread));

        let table = self.table.get_mut().expect("no thread panics holding it");
        let mut in_use = vec![false; table.words.len()];
        let mut collected = Collected::default();
        for meeting in &archive.meetings {
            let read = &meetings[&key_of(meeting)];
            for &word in &read.words {
                in_use[word as usize] = true;
            }
            for analysed in &read.docs {
                collected.add_copy(analysed);
            }
        }
        let numbering = Numbering::of(table, |word| in_use[word]);
        let stems = numbering.copy_stems(&table.stems);
        let words_in_use = in_use.iter().filter(|&&used| used).count();
        if words_in_use * 2 < table.words.len() {
            // Words the edits took out of the archive stay in the table: once they are
            // most of it, the next refresh starts again from an empty one.
            self.meetings.clear();
            *table = StemTable::default();
        } else {
            self.meetings = meetings;
        }
        collected.into_index(names, numbering, stems)
    }

    /// Reads these meetings on both cores.
    fn read(
        &self,
        archive: &Archive,
        names: &Names,
        meetings: &[&Arc<Meeting>],
    ) -> Vec<(usize, Read)> {
        let threads = rayon::current_num_threads().max(1);
        let caches: Vec<Mutex<WordCache<'_>>> = (0..threads)
            .map(|_| Mutex::new(WordCache::listing_words(&self.table)))
            .collect();
        meetings
            .par_iter()
            .map(|&meeting| {
                let mine = rayon::current_thread_index().unwrap_or(0) % threads;
                let mut cache = caches[mine].lock().expect("no thread panics holding it");
                let docs = analyse_meeting(archive, &names.tables, meeting, &mut cache);
                let words = cache.take_meeting_words();
                let read = Read {
                    meeting: Arc::clone(meeting),
                    docs,
                    words,
                };
                (key_of(meeting), read)
            })
            .collect()
    }
}

fn key_of(meeting: &Arc<Meeting>) -> usize {
    Arc::as_ptr(meeting) as usize
}

/// Whether the follow-up the meeting's documents show is still the archive's: the later
/// decisions that change each decision, and each action's owners, due date and state.
fn follow_up_holds(archive: &Archive, read: &Read) -> bool {
    let mut docs = read
        .docs
        .iter()
        .filter(|a| matches!(a.doc.kind, DocKind::Decision | DocKind::Action));
    for item in &read.meeting.items {
        for decision in &item.decisions {
            match docs.next() {
                Some(a) if a.doc.changed_by == changed_by(archive, decision) => {}
                _ => return false,
            }
        }
        for action in &item.actions {
            match docs.next() {
                Some(a) if a.doc.action.as_ref() == Some(&action_facts(archive, action)) => {}
                _ => return false,
            }
        }
    }
    docs.next().is_none()
}

/// For `serve`: every index file of the archive, made through `cache` (which reads again
/// only the meetings an edit changed), after removing from `output` the index files the
/// new index no longer has (a smaller archive needs fewer). An edit of one meeting's text
/// changes a few files of thousands: `serve` writes only those whose bytes changed since it
/// wrote them.
pub fn refresh_index(
    output: &Path,
    archive: &Archive,
    cache: &mut SearchCache,
) -> Result<Vec<OutputFile>> {
    let index = cache.index(archive);
    let files = index.files();
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
        .into_iter()
        .map(|(path, text)| OutputFile::Text { path, text })
        .collect())
}
