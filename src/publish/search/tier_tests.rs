//! The tiered lookup against the lookup with every posting: on an archive where common
//! words are in many documents and tiers are tiny, the first page of results is the same,
//! in the same order, with fewer postings files loaded.

use std::path::{Path, PathBuf};

use super::index::*;
use crate::base::config::SiteConfig;
use crate::content::load::SourceFile;
use crate::content::meeting::{assemble, parse_meeting};
use crate::content::model::Archive;
use crate::content::registry::Registry;

const WORDS: &[&str] = &[
    "vård",
    "vårdcentral",
    "vårdplan",
    "omsorg",
    "hemtjänst",
    "hemsjukvård",
    "budget",
    "beslut",
    "besöksförbud",
    "nattbemanning",
    "socialtjänst",
    "skola",
    "skolskjuts",
    "personal",
    "rekrytering",
    "statistik",
    "uppföljning",
    "kompetens",
    "boende",
    "barn",
];

/// A small deterministic generator (the tests must not depend on a seed from the clock).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }

    /// Words of the pool, the first ones far more often (as in real minutes).
    fn sentence(&mut self, words: usize) -> String {
        (0..words)
            .map(|_| {
                let reach = self.below(WORDS.len()) + 1;
                WORDS[self.below(reach)]
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn archive(meetings: usize) -> Archive {
    let registry = Registry::parse(None, None).unwrap();
    let config = SiteConfig::default();
    let mut rng = Lcg(23);
    let bodies = ["Nätverket", "Styrelsen", "Rådet"];
    let parsed: Vec<_> = (0..meetings)
        .map(|i| {
            let date = format!("20{:02}-{:02}-{:02}", 18 + i % 5, 1 + i % 12, 1 + i % 28);
            let mut text = format!(
                "---\ndate: {date}\nbody: {}\n---\n{}\n",
                bodies[i % 3],
                rng.sentence(8)
            );
            for item in 1..=1 + rng.below(3) {
                let title = rng.sentence(2);
                let length = 1 + rng.below(30);
                text.push_str(&format!(
                    "\n## {item}) {title}\n\n{}\n",
                    rng.sentence(length)
                ));
                if rng.below(3) == 0 {
                    text.push_str(&format!("\nBeslut: {}\n", rng.sentence(4)));
                }
            }
            let name = format!("{date}-m{i}.md");
            let file = SourceFile {
                path: PathBuf::from("content").join(&name),
                full_path: Path::new("/nonexistent/content").join(&name),
                text,
            };
            parse_meeting(&file, &config, &registry).unwrap()
        })
        .collect();
    assemble(parsed.iter().collect(), &registry).unwrap().0
}

fn postings_files(outcome: &Outcome) -> usize {
    outcome
        .files
        .iter()
        .filter(|f| f.starts_with("/search/p-"))
        .count()
}

#[test]
fn the_first_page_from_tiers_is_the_first_page_from_every_posting() {
    let archive = archive(150);
    let whole = SearchIndex::build(&archive);
    let mut tiered = whole.clone();
    tiered.retier(4);
    tiered.page_tiers = usize::MAX;
    assert!(
        tiered.tiers.iter().filter(|t| t.len() > 2).count() > 10,
        "common words have several tiers"
    );
    let mut queries: Vec<String> = WORDS.iter().map(|w| w.to_string()).collect();
    queries.extend(["vå", "hem", "besök", "skol", "vårdplanen"].map(String::from));
    for (i, a) in WORDS.iter().enumerate() {
        queries.push(format!("{a} {}", WORDS[(i * 7 + 3) % WORDS.len()]));
    }
    queries.push("vård omsorg budget".into());
    queries.push("vård xyzzy".into());
    let filters = [
        Filters::default(),
        Filters {
            year: Some(2020),
            ..Filters::default()
        },
        Filters {
            decisions_only: true,
            ..Filters::default()
        },
        Filters {
            body: Some("styrelsen".into()),
            year: Some(2019),
            ..Filters::default()
        },
    ];
    let mut incomplete = 0;
    for query in &queries {
        for filter in &filters {
            for wanted in [1, 5, 20] {
                let expected = whole.search_first(query, filter, wanted);
                assert!(expected.complete);
                let got = tiered.search_first(query, filter, wanted);
                let page = wanted.min(expected.hits.len());
                assert_eq!(
                    &got.hits[..page.min(got.hits.len())],
                    &expected.hits[..page],
                    "{query:?}, {filter:?}, first {wanted}"
                );
                assert!(got.hits.len() >= page, "{query:?}");
                assert_eq!(got.partial, expected.partial, "{query:?}");
                if got.complete {
                    assert_eq!(got.hits, expected.hits, "{query:?}");
                } else {
                    incomplete += 1;
                    let all = tiered.search_first(query, filter, usize::MAX);
                    assert!(all.complete);
                    assert!(postings_files(&got) <= postings_files(&all));
                }
            }
        }
    }
    assert!(
        incomplete > 50,
        "most pages come from the first tiers: {incomplete}"
    );
}

#[test]
fn every_tier_is_in_a_postings_file_the_first_tier_names() {
    let mut index = SearchIndex::build(&archive(40));
    index.retier(3);
    let files = index.files();
    let stem = (0..index.stems.len())
        .find(|&s| index.tiers[s].len() > 1)
        .unwrap();
    let tiers = &index.tiers[stem];
    let text = |n: u32| {
        let name = format!("/search/p-{n}.js");
        files.iter().find(|(p, _)| *p == name).unwrap().1.clone()
    };
    let first = text(tiers[0].file);
    let triples: String = tiers[1..]
        .iter()
        .map(|t| format!(",[{},{},{}]", t.file, t.top.0, t.top.1))
        .collect();
    assert!(first.contains(&format!("\"{stem}\":[\"")), "{first}");
    assert!(first.contains(&format!("{triples}]")), "{first}");
    for (t, tier) in tiers.iter().enumerate().skip(1) {
        assert!(text(tier.file).contains(&format!("\"{stem}.{t}\":\"")));
    }
}

#[test]
fn with_a_cap_on_tiers_the_first_page_has_the_best_documents_known_to_have_every_word() {
    let archive = archive(150);
    let whole = SearchIndex::build(&archive);
    let mut capped = whole.clone();
    // Tiers of 40 and 160 postings, of a few hundred: a page of 20 from the best 200.
    capped.retier(40);
    capped.page_tiers = 2;
    assert!(capped.tiers.iter().any(|t| t.len() > 2));
    let (mut same, mut pages) = (0, 0);
    for (i, a) in WORDS.iter().enumerate() {
        let query = format!("{a} {}", WORDS[(i * 7 + 3) % WORDS.len()]);
        let every = whole.search_first(&query, &Filters::default(), usize::MAX);
        let got = capped.search(&query, &Filters::default());
        let all: Vec<u32> = every.hits.iter().map(|h| h.doc).collect();
        assert!(got.hits.iter().all(|h| all.contains(&h.doc)), "{query:?}");
        assert!(
            got.hits.windows(2).all(|w| w[0].score >= w[1].score),
            "{query:?}"
        );
        let first: Vec<u32> = got.hits.iter().take(PAGE_SIZE).map(|h| h.doc).collect();
        let best = &all[..PAGE_SIZE.min(all.len())];
        pages += best.len();
        same += first.iter().filter(|d| best.contains(d)).count();
        // "More results" loads further tiers: the first 40 are at least as good.
        let more = capped.search_first(&query, &Filters::default(), 2 * PAGE_SIZE);
        assert!(
            more.hits.len() >= got.hits.len().min(2 * PAGE_SIZE),
            "{query:?}"
        );
    }
    // The first page has most of the best 20 documents of every posting.
    assert!(
        same * 10 >= pages * 8,
        "{same} of {pages} results as with every posting"
    );
}
