//! The lookup and scoring of `search.js`, in Rust: the tests and the benchmark use it to
//! check what a query finds and which files the script would load for it.
//!
//! Postings come in tiers (`tiers.rs`), so a query loads the first tier of each stem it
//! matched, scores what it has, and loads the next tiers only when the first page of
//! results could still change: when a document it has not fully seen could still score
//! above the last result of the page. The page is therefore the one that all the postings
//! would give, in the same order.

use crate::publish::search::index::*;
use crate::publish::search::words::*;

/// What is known of a query after loading some tiers: per query word, each document's
/// best score over the word's stems (0: not seen), and the most the word's unloaded tiers
/// could still add.
struct Scores {
    best: Vec<Vec<f32>>,
    /// Per word: `(score, doc)`: no unloaded posting scores more, and one that scores as
    /// much is in a document no newer than `doc` (ties go to the newest).
    bounds: Vec<(f32, u32)>,
    total: Vec<f32>,
    count: Vec<u8>,
}

impl Scores {
    /// The most document `doc` can score once every tier is loaded, or `None` when it
    /// cannot have every word.
    fn upper(&self, doc: usize) -> Option<f32> {
        let mut sum = 0f32;
        for (best, &(bound, _)) in self.best.iter().zip(&self.bounds) {
            if best[doc] == 0.0 && bound == 0.0 {
                return None;
            }
            sum += best[doc].max(bound);
        }
        Some(sum)
    }

    /// Whether a document's score is final: no unloaded tier can raise any word's.
    fn is_final(&self, doc: usize) -> bool {
        self.best
            .iter()
            .zip(&self.bounds)
            .all(|(best, &(bound, _))| best[doc] >= bound)
    }
}

impl SearchIndex {
    /// The script's lookup and scoring (search.js `search`) for the first page of results.
    pub fn search(&self, query: &str, filters: &Filters) -> Outcome {
        self.search_first(query, filters, PAGE_SIZE)
    }

    /// The script's lookup and scoring, with the first `wanted` results final (as every
    /// posting would give them); the hits after those are the other documents known to
    /// have every word, unless the outcome is complete.
    pub fn search_first(&self, query: &str, filters: &Filters, wanted: usize) -> Outcome {
        let mut outcome = Outcome::default();
        let mut words: Vec<Vec<(u32, f32)>> = Vec::new();
        let mut required = 0usize;
        for (lower, folded) in &query_words(query) {
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
            words.push(stems);
        }
        if required == 0 {
            return outcome;
        }
        let allowed = self.allowed(filters, &mut outcome);
        // Tiers loaded, per word and stem: the first of each, then one more of every stem
        // that has more, until the page is known.
        let mut loaded: Vec<Vec<usize>> = words.iter().map(|w| vec![1; w.len()]).collect();
        loop {
            for (stems, loaded) in words.iter().zip(&loaded) {
                for (&(stem, _), &count) in stems.iter().zip(loaded) {
                    for tier in &self.tiers[stem as usize][..count] {
                        outcome
                            .files
                            .insert(format!("{INDEX_DIR}p-{}.js", tier.file));
                    }
                }
            }
            let scores = self.score(&words, &loaded);
            let complete = scores.bounds.iter().all(|b| b.0 == 0.0);
            let page = match complete {
                true => Some(complete_hits(&scores, required, allowed.as_deref())),
                false => first_page(&scores, required, allowed.as_deref(), wanted.max(1)),
            };
            if let Some((hits, partial)) = page {
                // A page that is not full has every hit.
                outcome.complete = complete || hits.len() < wanted.max(1);
                outcome.hits = hits;
                outcome.partial = partial;
                break;
            }
            // At the cap, the documents known to have every word, best first: the first page
            // of words that are common together (below).
            let cap = self.tiers_for(wanted);
            let mut advanced = false;
            for (stems, loaded) in words.iter().zip(&mut loaded) {
                for (&(stem, _), count) in stems.iter().zip(loaded) {
                    let next = (*count + 1).min(self.tiers[stem as usize].len()).min(cap);
                    advanced |= next > *count;
                    *count = next;
                }
            }
            if !advanced {
                let known = known_full(&scores, required, allowed.as_deref());
                if !known.is_empty() {
                    outcome.hits = hits(&scores, &known);
                    break;
                }
                for (stems, loaded) in words.iter().zip(&mut loaded) {
                    for (&(stem, _), count) in stems.iter().zip(loaded) {
                        *count = (*count + 1).min(self.tiers[stem as usize].len());
                    }
                }
            }
        }
        for hit in outcome.hits.iter().take(wanted) {
            outcome
                .files
                .insert(format!("{INDEX_DIR}d-{}.js", self.doc_file(hit.doc)));
        }
        outcome
    }

    /// Tiers a stem may load for the first `wanted` results, before the results are those
    /// known: [`SearchIndex::page_tiers`] for the first page, one more per further page.
    /// Several words each in many documents may have few documents in common among their
    /// best: to settle the page exactly could take every tier of every word.
    fn tiers_for(&self, wanted: usize) -> usize {
        let pages = wanted.max(1).div_ceil(PAGE_SIZE);
        self.page_tiers.saturating_add(pages - 1)
    }

    /// The documents the filters allow (`None`: no filter), noting the facet files.
    fn allowed(&self, filters: &Filters, outcome: &mut Outcome) -> Option<Vec<bool>> {
        let mut facets = Vec::new();
        if let Some(key) = &filters.body {
            let i = self.bodies.iter().position(|(k, _)| k == key);
            facets.push(format!("b{}", i.map_or(-1, |i| i as i64)));
        }
        if let Some(key) = &filters.organisation {
            let i = self.organisations.iter().position(|(k, _, _)| k == key);
            facets.push(format!("o{}", i.map_or(-1, |i| i as i64)));
        }
        if let Some(year) = filters.year {
            facets.push(format!("y{year}"));
        }
        if filters.decisions_only {
            facets.push("kd".into());
        }
        let mut allowed: Option<Vec<bool>> = None;
        for facet in facets {
            outcome.files.insert(format!("{INDEX_DIR}f-{facet}.js"));
            let mut this = vec![false; self.doc_count];
            for &id in self.facet(&facet) {
                this[id as usize] = true;
            }
            if let Some(before) = &allowed {
                for (a, b) in this.iter_mut().zip(before) {
                    *a &= *b;
                }
            }
            allowed = Some(this);
        }
        allowed
    }

    /// Per word, the best score of each document over the word's stems (dense arrays),
    /// from the tiers loaded, and what the unloaded ones could add; then the sum over the
    /// words and how many words each document has.
    fn score(&self, words: &[Vec<(u32, f32)>], loaded: &[Vec<usize>]) -> Scores {
        let n = self.doc_count as f32;
        let size = self.doc_count;
        let mut scores = Scores {
            best: Vec::new(),
            bounds: Vec::new(),
            total: vec![0f32; size],
            count: vec![0u8; size],
        };
        for (stems, loaded) in words.iter().zip(loaded) {
            let mut best = vec![0f32; size];
            let mut bound = (0f32, 0u32);
            for (&(stem, factor), &count) in stems.iter().zip(loaded) {
                let df = self.df(stem) as f32;
                let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                for tier in 0..count {
                    for posting in self.tier_postings(stem, tier) {
                        let (doc, weight) = (posting.doc(), posting.weight());
                        let s = idf * f32::from(weight) * factor;
                        let b = &mut best[doc as usize];
                        if s > *b {
                            *b = s;
                        }
                    }
                }
                if let Some(next) = self.tiers[stem as usize].get(count) {
                    let s = idf * f32::from(next.top.0) * factor;
                    if s > bound.0 || (s == bound.0 && next.top.1 > bound.1) {
                        bound = (s, next.top.1);
                    }
                }
            }
            for (d, &b) in best.iter().enumerate() {
                if b > 0.0 {
                    scores.total[d] += b;
                    scores.count[d] += 1;
                }
            }
            scores.best.push(best);
            scores.bounds.push(bound);
        }
        scores
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

/// Every posting loaded: the documents with every word, or when there is none (and the
/// query has several words) those with some, most words first; then the filters.
fn complete_hits(scores: &Scores, required: usize, allowed: Option<&[bool]>) -> (Vec<Hit>, bool) {
    let collect = |all: bool| -> Vec<usize> {
        (0..scores.count.len())
            .filter(|&d| scores.count[d] > 0 && (!all || usize::from(scores.count[d]) == required))
            .collect()
    };
    let mut found = collect(true);
    let mut partial = false;
    if found.is_empty() && required > 1 {
        found = collect(false);
        partial = !found.is_empty();
    }
    if let Some(allowed) = allowed {
        found.retain(|&d| allowed[d]);
    }
    found.sort_by(|&a, &b| {
        scores.count[b]
            .cmp(&scores.count[a])
            .then(scores.total[b].total_cmp(&scores.total[a]))
            .then(b.cmp(&a))
    });
    (hits(scores, &found), partial)
}

/// With tiers left to load: the documents known to have every word, if the first `wanted`
/// of them are final: each one's score is, and no other document (seen in part, or not at
/// all) could rank above the last. `None` when more tiers are needed, also when no
/// document is known to have every word (there may be none: then the results are those
/// with some words, which needs them all).
fn first_page(
    scores: &Scores,
    required: usize,
    allowed: Option<&[bool]>,
    wanted: usize,
) -> Option<(Vec<Hit>, bool)> {
    if scores.best.len() < required {
        return None;
    }
    let size = scores.count.len();
    if !(0..size).any(|d| usize::from(scores.count[d]) == required) {
        return None;
    }
    let allows = |d: usize| allowed.is_none_or(|a| a[d]);
    let found = known_full(scores, required, allowed);
    let page = wanted.min(found.len());
    if !found[..page].iter().all(|&d| scores.is_final(d)) {
        return None;
    }
    // The last result of the page, when the page is full; else anything possible is more.
    let last = (page == wanted).then(|| (scores.total[found[page - 1]], found[page - 1]));
    let could_rank_above = |score: f32, doc: u32| {
        last.is_none_or(|(s, d)| score > s || (score == s && doc > d as u32))
    };
    let mut on_page: Vec<usize> = found[..page].to_vec();
    on_page.sort_unstable();
    for d in (0..size).filter(|&d| scores.count[d] > 0 && allows(d)) {
        if on_page.binary_search(&d).is_ok() {
            continue;
        }
        if let Some(upper) = scores.upper(d) {
            if could_rank_above(upper, d as u32) {
                return None;
            }
        }
    }
    // A document not seen at all: every word from its unloaded tiers.
    if scores.bounds.iter().all(|b| b.0 > 0.0) {
        let upper: f32 = scores.bounds.iter().map(|b| b.0).sum();
        let newest = scores.bounds.iter().map(|b| b.1).min().unwrap_or(0);
        if could_rank_above(upper, newest) {
            return None;
        }
    }
    Some((hits(scores, &found), false))
}

/// The documents known to have every word that the filters allow, best first.
fn known_full(scores: &Scores, required: usize, allowed: Option<&[bool]>) -> Vec<usize> {
    let mut found: Vec<usize> = (0..scores.count.len())
        .filter(|&d| usize::from(scores.count[d]) == required && allowed.is_none_or(|a| a[d]))
        .collect();
    found.sort_by(|&a, &b| scores.total[b].total_cmp(&scores.total[a]).then(b.cmp(&a)));
    found
}

fn hits(scores: &Scores, docs: &[usize]) -> Vec<Hit> {
    docs.iter()
        .map(|&d| Hit {
            doc: d as u32,
            score: scores.total[d],
        })
        .collect()
}
