//! Words: folding (lower case, accents off but å ä ö kept), splitting text into words, stop
//! words, stemming (Snowball, Swedish or English per meeting) and the snippets cut from an
//! item's text.

use std::collections::BTreeSet;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::base::config::Language;

/// Words longer than this (in characters) are not indexed (URLs, garbage).
pub(crate) const MAX_WORD_CHARS: usize = 40;

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

pub(crate) fn is_word_char(c: char) -> bool {
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
pub(crate) fn indexable(folded: &str) -> bool {
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
pub(crate) const STOP_SV: &[&str] = &[
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
pub(crate) const STOP_EN: &[&str] = &[
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
pub(crate) struct Analyzer {
    stemmer: Stemmer,
    stop: BTreeSet<&'static str>,
}

impl Analyzer {
    pub(crate) fn new(language: Language) -> Self {
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
    pub(crate) fn analyse(&self, word: &str) -> Option<(String, String, String)> {
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
pub(crate) fn clip(text: &str, max: usize) -> String {
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
