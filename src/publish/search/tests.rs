use std::path::{Path, PathBuf};

use super::build::Documents;
use super::files::*;
use super::index::*;
use super::query::*;
use super::words::*;
use crate::base::config::Language;
use crate::base::config::SiteConfig;
use crate::base::text::text_one_line;
use crate::content::load::SourceFile;
use crate::content::meeting::{assemble, parse_meeting};
use crate::content::model::Archive;
use crate::content::registry::Registry;
use unicode_normalization::char::is_combining_mark;

const ORGS: &str = "
skr: { name: Sveriges Kommuner och Regioner, short: SKR }
fohm: { name: Folkhälsomyndigheten, short: FoHM, aliases: [FHM] }
ivo: { name: Inspektionen för vård och omsorg, short: IVO }
";

/// An archive from `(file name, text)` meetings.
fn archive(meetings: &[(&str, &str)]) -> Archive {
    let registry = Registry::parse(Some((Path::new("o.yaml"), ORGS)), None).unwrap();
    let config = SiteConfig::default();
    let parsed: Vec<_> = meetings
        .iter()
        .map(|(name, text)| {
            let file = SourceFile {
                path: PathBuf::from("content").join(name),
                full_path: PathBuf::from("/nonexistent/content").join(name),
                text: text.to_string(),
            };
            parse_meeting(&file, &config, &registry).unwrap()
        })
        .collect();
    assemble(parsed.iter().collect(), &registry).unwrap().0
}

const PASSING: &str = "---
date: 2020-09-15
body: Socialchefsnätverket
organiser: SKR
---
Nätverket samlades digitalt. Under förmiddagen togs en rad frågor upp om äldreomsorgen,
personalförsörjningen, sommarens semesterplanering, skyddsutrustning, testning och, i
förbigående, även besöksförbud, innan mötet gick vidare till dagordningens punkter om
kompetensförsörjning, statistik, uppföljning och kommande enkäter från myndigheterna.

## Kompetensförsörjning (Karin Engström, SKR)

Personalförsörjningen diskuterades utförligt, med exempel från flera kommuner och en
genomgång av statistik om sjukfrånvaro, rekrytering och introduktion av nyanställda.
";

const DECIDING: &str = "---
date: 2021-02-16
body: Socialchefsnätverket
organiser: SKR
---
## 3) Lokala föreskrifter (Malin Grape, FoHM)

FoHM informerar om mallen för hemställan.

Beslut: Nätverket ställer sig bakom ett lokalt besöksförbud på särskilda boenden.
";

const ENGLISH: &str = "---
date: 2022-03-01
body: Nordic network
language: en
---
## Decisions on staffing (IVO)

The network discussed staffing.

Decision: The network decided to publish the report.
";

const WITH_APPENDIX: &str = "---
date: 2020-11-10
body: Socialchefsnätverket
organiser: SKR
---
## 1) Inledning

Kort inledning.

# Bilaga: Utredningen om hälso- och sjukvårdens beredskap

Utredningen föreslår en beredskapsplan för kommunerna.
";

#[test]
fn appendices_are_found_under_their_anchor() {
    let archive = archive(&[("2020-11-10-bilaga.md", WITH_APPENDIX)]);
    let anchor = archive.meetings[0].appendices[0].anchor.clone();
    let index = SearchIndex::build(&archive);
    let hits = search(&index, "beredskapsplan");
    assert_eq!(
        hits,
        [format!("/meetings/2020-11-10-bilaga/#{anchor}")],
        "the appendix text is indexed"
    );
    let doc = index
        .docs
        .iter()
        .find(|d| d.path.ends_with(&anchor))
        .unwrap();
    assert_eq!(
        doc.title,
        "Bilaga: Utredningen om hälso- och sjukvårdens beredskap"
    );
    assert!(doc.text.starts_with("Utredningen föreslår"));
}

fn index() -> SearchIndex {
    SearchIndex::build(&test_archive())
}

fn test_archive() -> Archive {
    archive(&[
        ("2020-09-15-passing.md", PASSING),
        ("2021-02-16-deciding.md", DECIDING),
        ("2022-03-01-english.md", ENGLISH),
    ])
}

#[test]
fn the_index_is_the_same_whatever_the_rounds_it_is_read_in() {
    // A meeting a round: stems first met in later rounds get ids after earlier ones',
    // and documents are numbered on across rounds; the files must not show it.
    let archive = test_archive();
    let files = |per_round| {
        SearchIndex::build_in_rounds(&archive, per_round, Documents::Keep)
            .unwrap()
            .files()
    };
    let whole = files(1000);
    assert_eq!(files(1), whole);
    assert_eq!(files(2), whole);
    assert!(whole.iter().any(|(path, _)| path.ends_with("/p-0.js")));
}

#[test]
fn a_build_writes_the_same_files_with_the_documents_written_as_they_are_read() {
    let archive = test_archive();
    let mut kept = SearchIndex::build(&archive).files();
    let mut written: Vec<(String, String)> = Vec::new();
    let mut take = |group: Vec<(String, String)>| {
        written.extend(group);
        Ok(())
    };
    let index = SearchIndex::build_in_rounds(&archive, 1, Documents::Write(&mut take)).unwrap();
    assert!(index.docs.is_empty(), "the documents went with their files");
    assert_eq!(index.doc_count, SearchIndex::build(&archive).docs.len());
    index.each_file_group(&mut take).unwrap();
    kept.sort();
    written.sort();
    assert_eq!(written, kept);
}

fn paths(index: &SearchIndex, outcome: &Outcome) -> Vec<String> {
    outcome
        .hits
        .iter()
        .map(|h| index.docs[h.doc as usize].path.clone())
        .collect()
}

fn search(index: &SearchIndex, query: &str) -> Vec<String> {
    paths(index, &index.search(query, &Filters::default()))
}

#[test]
fn folding_matches_the_shared_cases() {
    let cases: Vec<(String, String)> =
        serde_json::from_str(include_str!("../../../tests/search_fold_cases.json")).unwrap();
    for (input, expected) in cases {
        assert_eq!(fold(&input), expected, "fold({input:?})");
    }
}

#[test]
fn numbers_round_trip_through_the_encoding() {
    let numbers = [
        0,
        1,
        15,
        16,
        31,
        32,
        1023,
        1024,
        123_456_789,
        u64::from(u32::MAX),
    ];
    let encoded = encode_numbers(&numbers);
    assert_eq!(decode_numbers(&encoded), numbers);
    assert_eq!(
        encode_numbers(&[17, 18]).len(),
        2,
        "small numbers take one character"
    );
}

#[test]
fn html_becomes_plain_text() {
    assert_eq!(
        text_one_line("<p>Beslut: <strong>Ja</strong> &amp; nej</p><ul><li>a&#x2013;b</li><li>c&nbsp;d</li></ul>"),
        "Beslut: Ja & nej a–b c d"
    );
    assert_eq!(text_one_line("x<script>var a = '<p>';</script>y"), "xy");
    assert_eq!(text_one_line("AT&T &unknown; <b"), "AT&T &unknown; <b");
}

#[test]
fn swedish_and_english_inflections_share_a_stem() {
    let index = index();
    let stem_of = |word: &str| {
        let (lower, folded) = query_words(word).remove(0);
        index.stems_for(&lower, &folded)[0].0
    };
    // Snowball, Swedish for Swedish meetings and English for English ones.
    let sv = Analyzer::new(Language::Sv);
    let en = Analyzer::new(Language::En);
    assert_eq!(sv.analyse("boenden").unwrap().2, "boend");
    assert_eq!(sv.analyse("Besöksförbuden").unwrap().2, "besöksförbud");
    assert_eq!(en.analyse("decided").unwrap().2, "decid");
    assert_eq!(en.analyse("Decides").unwrap().2, "decid");
    assert!(en.analyse("the").is_none() && sv.analyse("och").is_none());
    assert_eq!(stem_of("boenden"), stem_of("BOENDEN"));
    let hits = search(&index, "besöksförbud");
    assert!(
        hits.contains(&"/meetings/2020-09-15-passing/".to_string()),
        "{hits:?}"
    );
    assert!(
        hits.contains(&"/meetings/2021-02-16-deciding/#decision-3-1".to_string()),
        "{hits:?}"
    );
    // "besöksförbuden" is stemmed to "besöksförbud", though the archive lacks the form
    // (the script cannot stem: it finds it through the word shortened).
    assert_eq!(search(&index, "besöksförbuden"), hits);
    // Forms Snowball does not stem ("-et") are found through the words they begin.
    assert!(search(&index, "boend").len() >= 2);
    let english = search(&index, "decides");
    assert!(
        english.iter().any(|p| p.ends_with("#decision-1-1")),
        "{english:?}"
    );
}

#[test]
fn matching_ignores_case_and_diacritics() {
    let index = index();
    let expected = search(&index, "besöksförbud");
    assert_eq!(search(&index, "besoksforbud"), expected);
    assert_eq!(search(&index, "BESÖKSFÖRBUD"), expected);
    assert_eq!(search(&index, "Besoksförbud"), expected);
}

#[test]
fn prefixes_match_while_typing() {
    let index = index();
    let full = search(&index, "besöksförbud");
    assert_eq!(search(&index, "besöksf"), full);
    assert_eq!(search(&index, "BESOKSF"), full);
    assert!(search(&index, "xyzzy").is_empty());
}

#[test]
fn a_decision_ranks_above_a_passing_mention() {
    let index = index();
    let hits = search(&index, "besöksförbud");
    assert_eq!(
        hits.first().map(String::as_str),
        Some("/meetings/2021-02-16-deciding/#decision-3-1"),
        "{hits:?}"
    );
    let passing = hits
        .iter()
        .position(|p| p == "/meetings/2020-09-15-passing/")
        .unwrap();
    assert!(passing > 0);
}

#[test]
fn all_words_must_match_unless_none_does() {
    let index = index();
    let both = index.search("besöksförbud boenden", &Filters::default());
    assert!(!both.partial);
    assert!(paths(&index, &both)
        .iter()
        .all(|p| p.starts_with("/meetings/2021-02-16-deciding/")));
    // Stop words are ignored.
    assert_eq!(
        search(&index, "besöksförbud och"),
        search(&index, "besöksförbud")
    );
    let some = index.search("besöksförbud xyzzy", &Filters::default());
    assert!(some.partial && !some.hits.is_empty());
}

#[test]
fn filters_narrow_the_results() {
    let index = index();
    let all = index.search("besöksförbud", &Filters::default());
    let year = index.search(
        "besöksförbud",
        &Filters {
            year: Some(2020),
            ..Filters::default()
        },
    );
    assert!(year.hits.len() < all.hits.len());
    assert!(paths(&index, &year)
        .iter()
        .all(|p| p.contains("2020-09-15")));
    let decisions = index.search(
        "besöksförbud",
        &Filters {
            decisions_only: true,
            ..Filters::default()
        },
    );
    assert_eq!(
        paths(&index, &decisions),
        ["/meetings/2021-02-16-deciding/#decision-3-1"]
    );
    let fohm = index.search(
        "besöksförbud",
        &Filters {
            organisation: Some("fohm".into()),
            ..Filters::default()
        },
    );
    assert!(!fohm.hits.is_empty());
    assert!(paths(&index, &fohm)
        .iter()
        .all(|p| p.starts_with("/meetings/2021-02-16-deciding/#")));
    let body = index.search(
        "staffing",
        &Filters {
            body: Some("nordic-network".into()),
            ..Filters::default()
        },
    );
    assert!(!body.hits.is_empty());
    assert!(
        body.files.contains("/search/f-b0.js")
            || body.files.iter().any(|f| f.starts_with("/search/f-b"))
    );
}

#[test]
fn documents_carry_what_a_result_shows() {
    let index = index();
    let decision = index
        .docs
        .iter()
        .find(|d| d.kind == DocKind::Decision && d.path.contains("deciding"))
        .unwrap();
    assert_eq!(decision.title, "Lokala föreskrifter");
    assert_eq!(decision.date, "2021-02-16");
    assert_eq!(decision.year, 2021);
    assert_eq!(index.bodies[decision.body].1, "Socialchefsnätverket");
    let orgs: Vec<&str> = decision
        .organisations
        .iter()
        .map(|&o| index.organisations[o].0.as_str())
        .collect();
    assert_eq!(orgs, ["skr", "fohm"]);
    assert!(decision.text.starts_with("Nätverket ställer sig bakom"));
    assert!(index
        .docs
        .iter()
        .all(|d| d.text.chars().count() <= SNIPPET_CHARS + 1));
}

#[test]
fn the_files_are_script_calls_the_page_can_load() {
    let index = index();
    let files = index.files();
    let names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    assert!(names.contains(&"/search/meta.js"));
    assert!(names.contains(&"/search/w-0.js"));
    assert!(names.contains(&"/search/d-0.js"));
    assert!(names.contains(&"/search/f-kd.js"));
    for (path, text) in &files {
        assert!(text.starts_with("quorumSearchIndex(\""), "{path}");
        assert!(text.ends_with(");\n"), "{path}");
    }
    let shard = &files.iter().find(|(p, _)| p == "/search/w-0.js").unwrap().1;
    assert!(shard.contains("[\"besoksforbud\","), "{shard}");
    assert!(
        shard.contains("\"besöksförbud\"]"),
        "the spelling with diacritics is kept"
    );
    assert_eq!(shard_key("öl"), "_f6l");
}

/// The data of an index file: `quorumSearchIndex(kind, key, data);`.
fn file_data(files: &[(String, String)], name: &str) -> serde_json::Value {
    let text = &files.iter().find(|(p, _)| p == name).expect(name).1;
    let call = text.strip_suffix(");\n").unwrap();
    let data = call.splitn(3, ',').nth(2).unwrap();
    serde_json::from_str(data).unwrap()
}

#[test]
fn each_document_is_in_the_file_a_query_loads_for_it() {
    // search.js reads document `n` as entry `n % chunk` of `d-<n / chunk>.js`, `chunk`
    // from meta.js; a size that does not divide the count leaves a shorter last file.
    for chunk in [DOC_CHUNK, 1, 3] {
        let mut index = index();
        index.doc_chunk = chunk;
        let files = index.files();
        assert_eq!(file_data(&files, "/search/meta.js")["chunk"], chunk);
        let doc_files = files.iter().filter(|(p, _)| p.starts_with("/search/d-"));
        assert_eq!(doc_files.count(), index.docs.len().div_ceil(chunk));
        for (n, doc) in index.docs.iter().enumerate() {
            let name = format!("/search/d-{}.js", index.doc_file(n as u32));
            let row = &file_data(&files, &name)[n % chunk];
            assert_eq!(row[1], doc.path.as_str(), "document {n} in {name}");
        }
        let outcome = index.search("besöksförbud", &Filters::default());
        assert!(!outcome.hits.is_empty());
        for hit in &outcome.hits {
            let name = format!("/search/d-{}.js", hit.doc as usize / chunk);
            assert!(outcome.files.contains(&name), "{name}");
        }
    }
}

#[test]
fn words_are_runs_of_letters_digits_and_combining_marks() {
    // The reference: split at every character that is not part of a word.
    let reference = |text: &str| -> Vec<String> {
        text.split(|c: char| !(c.is_alphanumeric() || is_combining_mark(c)))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    for text in [
        "Beslut: Socialnämnden (IVO, FoHM) godkänner §12 – 2020/21.",
        "e\u{301}lan  x\u{301}  ÅÄÖ åäö",
        "",
        "   ",
        "ord",
        "–—…«»",
        "SKR:s 3-årsplan, 100 %, 🙂 ok🙂ok",
        "naïve café\u{a0}Zoë",
    ] {
        let ours: Vec<String> = words(text).map(str::to_string).collect();
        assert_eq!(ours, reference(text), "{text:?}");
    }
}

#[test]
fn snippets_are_clipped_at_a_word_boundary_within_the_limit() {
    // The first definition: count every character, collect the first `max`.
    let reference = |text: &str, max: usize| -> String {
        if text.chars().count() <= max {
            return text.to_string();
        }
        let cut: String = text.chars().take(max).collect();
        let cut = match cut.rfind(' ') {
            Some(i) if i > max / 2 => &cut[..i],
            _ => cut.as_str(),
        };
        format!("{}…", cut.trim_end_matches(|c: char| !c.is_alphanumeric()))
    };
    let long = "Beslut: nämnden ställer sig bakom förslaget, och åtgärder följs upp. ".repeat(5);
    for text in [
        "",
        "kort",
        "Åsa Öberg, Ängelholm",
        long.as_str(),
        "ååååååååååååå ä",
    ] {
        for max in [0, 1, 5, 12, 40, 200] {
            assert_eq!(clip(text, max), reference(text, max), "{text:?} at {max}");
        }
    }
    assert_eq!(clip("ett två tre fyra fem", 12), "ett två tre…");
}
