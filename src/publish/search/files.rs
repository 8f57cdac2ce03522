//! The index as files: `meta.js`, vocabulary shards, postings, documents and facets, each a
//! `.js` file a `<script>` element loads (docs/search.md describes them); numbers are
//! written as base-32 digit strings ([`encode_numbers`]).

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::base::diagnostic::Result;
use crate::publish::search::action_docs::DocRow;
use crate::publish::search::index::*;
use crate::publish::search::words::*;

impl SearchIndex {
    /// The files of the index: site path and text.
    pub fn files(&self) -> Vec<(String, String)> {
        let mut files = Vec::new();
        let all: Result<()> = self.each_file_group(|group| {
            files.extend(group);
            Ok(())
        });
        all.expect("gathering the files cannot fail");
        files
    }

    /// Hands the files of the index to `take` a group at a time (vocabulary, postings,
    /// documents [`DOC_FILES_PER_GROUP`] files at a time, facets, meta), each group made
    /// only when the one before has been taken: a build writes each group before the next
    /// is made, so the index's text is never all in memory.
    pub(crate) fn each_file_group(
        &self,
        mut take: impl FnMut(Vec<(String, String)>) -> Result<()>,
    ) -> Result<()> {
        take(self.vocabulary_files())?;
        self.take_postings_files(&mut take)?;
        // Documents a build wrote as it read them are no longer here.
        let chunk = self.doc_chunk.max(1);
        for (group, docs) in self.docs.chunks(DOC_FILES_PER_GROUP * chunk).enumerate() {
            take(document_files(docs, group * DOC_FILES_PER_GROUP, chunk))?;
        }
        take(self.facet_files())?;
        take(vec![self.meta_file()])
    }

    /// `w-<n>.js`: the vocabulary shards, grouped into files of about [`VOCABULARY_FILE_BYTES`].
    fn vocabulary_files(&self) -> Vec<(String, String)> {
        let mut files = Vec::new();
        let mut shards: BTreeMap<String, Vec<serde_json::Value>> = BTreeMap::new();
        for w in &self.vocabulary {
            let mut entry = vec![
                serde_json::Value::from(w.folded.as_str()),
                w.stem.into(),
                self.tiers[w.stem as usize][0].file.into(),
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
            files.push(index_file(
                format!("w-{n}.js"),
                "w",
                &n.to_string(),
                json(&serde_json::Value::Object(group)),
            ));
        }
        files
    }

    /// `p-<n>.js`: a JSON object per file, written directly (keys are digits and dots, and
    /// the encoding's alphabet needs no escaping), keys in the order of their text. A
    /// stem's first tier is under its id: the encoded postings, or for a stem in several
    /// tiers `[postings, [file, top weight, top doc], ...]` with a triple per later tier;
    /// a later tier `t` is under `<id>.<t>`. Handed to `take` [`POSTINGS_FILES_PER_GROUP`]
    /// files at a time: at 100,000 meetings their text is over 100 MB.
    fn take_postings_files(
        &self,
        take: &mut impl FnMut(Vec<(String, String)>) -> Result<()>,
    ) -> Result<()> {
        // Which tiers each file holds (a few per file), then the files a group at a time,
        // each group's tiers encoded on both cores.
        let mut placed: Vec<Placed> = (self.tiers.iter().enumerate())
            .flat_map(|(stem, tiers)| {
                (tiers.iter().enumerate()).map(move |(t, tier)| (tier.file, stem as u32, t))
            })
            .collect();
        placed.sort_unstable();
        let files: Vec<&[Placed]> = placed.chunk_by(|a, b| a.0 == b.0).collect();
        for group in files.chunks(POSTINGS_FILES_PER_GROUP) {
            take(
                group
                    .par_iter()
                    .map(|file| self.postings_file(file))
                    .collect(),
            )?;
        }
        Ok(())
    }

    /// `p-<n>.js` of the tiers placed in it: `(file, stem, tier)`, all of one file.
    fn postings_file(&self, placed: &[Placed]) -> (String, String) {
        let n = placed[0].0;
        let mut entries: Vec<(String, String)> = (placed.iter())
            .map(|&(_, stem, t)| {
                let tiers = &self.tiers[stem as usize];
                let encoded = encode_postings(self.tier_postings(stem, t));
                match t {
                    0 if tiers.len() == 1 => (stem.to_string(), format!("\"{encoded}\"")),
                    0 => (stem.to_string(), first_tier_value(&encoded, &tiers[1..])),
                    t => (format!("{stem}.{t}"), format!("\"{encoded}\"")),
                }
            })
            .collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut data = String::with_capacity(
            entries
                .iter()
                .map(|(k, v)| k.len() + v.len() + 4)
                .sum::<usize>()
                + 2,
        );
        data.push('{');
        for (i, (key, value)) in entries.iter().enumerate() {
            if i > 0 {
                data.push(',');
            }
            data.push('"');
            data.push_str(key);
            data.push_str("\":");
            data.push_str(value);
        }
        data.push('}');
        index_file(format!("p-{n}.js"), "p", &n.to_string(), data)
    }

    /// `f-<facet>.js`: the sorted documents of one filter value, as base-32 deltas.
    fn facet_files(&self) -> Vec<(String, String)> {
        let mut files = Vec::new();
        for (facet, ids) in &self.facets {
            let mut numbers = Vec::with_capacity(ids.len());
            let mut previous: i64 = -1;
            for &id in ids {
                numbers.push((i64::from(id) - previous) as u64);
                previous = i64::from(id);
            }
            files.push(index_file(
                format!("f-{facet}.js"),
                "f",
                facet,
                json(&encode_numbers(&numbers).into()),
            ));
        }
        files
    }

    /// `meta.js`: counts, stop words, where each vocabulary shard is, the filter values and
    /// the scoring constants the script shares with [`SearchIndex::search`].
    fn meta_file(&self) -> (String, String) {
        let mut stop: Vec<String> = STOP_SV.iter().chain(STOP_EN).map(|w| fold(w)).collect();
        stop.sort_unstable();
        stop.dedup();
        let used: BTreeSet<&str> = self.facets.keys().map(String::as_str).collect();
        let meta = serde_json::json!({
            "version": 1,
            "docs": self.doc_count,
            "chunk": self.doc_chunk.max(1),
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
            "pageSize": PAGE_SIZE,
            "pageTiers": self.page_tiers,
            "prefixLimit": PREFIX_LIMIT,
            "prefixFactor": PREFIX_FACTOR,
            "suffixFactor": SUFFIX_FACTOR,
        });
        index_file("meta.js".into(), "meta", "", json(&meta))
    }
}

/// Postings by doc id as `(doc id delta << 4 | weight)` numbers ([`encode_numbers`]).
fn encode_postings(list: &[Posting]) -> String {
    let mut numbers = Vec::with_capacity(list.len());
    let mut previous: i64 = -1;
    for posting in list {
        let (doc, weight) = (posting.doc(), posting.weight());
        let delta = (i64::from(doc) - previous) as u64;
        numbers.push(delta << 4 | u64::from(weight));
        previous = i64::from(doc);
    }
    encode_numbers(&numbers)
}

/// A tier in a postings file: `(file, stem, tier)`.
type Placed = (u32, u32, usize);

/// Postings files made and written at a time: a few megabytes of text.
const POSTINGS_FILES_PER_GROUP: usize = 256;

/// The first tier of a stem in several: its postings, then per later tier its file and
/// its best posting (what the script needs to know before loading it).
fn first_tier_value(encoded: &str, later: &[Tier]) -> String {
    let mut value = format!("[\"{encoded}\"");
    for tier in later {
        value.push_str(&format!(",[{},{},{}]", tier.file, tier.top.0, tier.top.1));
    }
    value.push(']');
    value
}

/// A file of the index: `quorumSearchIndex(kind, key, data);`. `<` appears only inside
/// JSON strings: written as \u003c, no file contains "<script>" or "</script>", even if
/// someone inlines one into a page.
fn index_file(name: String, kind: &str, key: &str, data: String) -> (String, String) {
    // Most files have no `<`: their data is copied once, into the file's text.
    let data = match data.contains('<') {
        true => data.replace('<', "\\u003c"),
        false => data,
    };
    let text = format!("quorumSearchIndex({kind:?},{key:?},{data});\n");
    (format!("{INDEX_DIR}{name}"), text)
}

fn json(value: &serde_json::Value) -> String {
    value.to_string()
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

/// `d-<n>.js` for `docs`, `chunk` a file, numbered from `first` (made on both cores).
pub(crate) fn document_files(
    docs: &[std::sync::Arc<Doc>],
    first: usize,
    chunk: usize,
) -> Vec<(String, String)> {
    docs.par_chunks(chunk.max(1))
        .enumerate()
        .map(|(i, chunk)| {
            let n = first + i;
            let rows: Vec<DocRow<'_>> = chunk.iter().map(|doc| DocRow(doc)).collect();
            let data = serde_json::to_string(&rows).unwrap_or_default();
            index_file(format!("d-{n}.js"), "d", &n.to_string(), data)
        })
        .collect()
}

/// Document files made and written at a time: 1,024 files hold 32,768 documents, about
/// 13 MB of text.
pub(crate) const DOC_FILES_PER_GROUP: usize = 1024;
