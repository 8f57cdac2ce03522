//! The lookup and scoring of `search.js`, in Rust: the tests and the benchmark use it to
//! check what a query finds and which files the script would load for it.

use std::collections::BTreeSet;

use crate::publish::search::index::*;
use crate::publish::search::words::*;

impl SearchIndex {
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
    pub(crate) fn stems_for(&self, lower: &str, folded: &str) -> Vec<(u32, f32)> {
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
