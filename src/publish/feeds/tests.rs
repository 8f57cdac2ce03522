use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::*;
use crate::content::model::{
    Attachment, Body, Organisation, PackedTexts, Participant, Person, Tag,
};
use crate::publish::archive_json::{archive_json, ArchiveIndex, ArchivePart};

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn config() -> SiteConfig {
    SiteConfig {
        title: "Nätverk <&> \"citat\" 'apostrof'".into(),
        base_url: "https://intranet.example.se/minnen/".into(),
        ..SiteConfig::default()
    }
}

fn decision(slug: &str, item: &str, n: usize, text: &str) -> Extract {
    Extract {
        id: format!("{slug}/{item}-{n}").into(),
        anchor: format!("decision-{item}-{n}").into(),
        text: text.into(),
        html: format!("<p>{text}</p>").into(),
        kind: Default::default(),
        terms: Default::default(),
    }
}

fn meeting(slug: &str, day: &str, title: &str, decisions: &[&str]) -> Arc<Meeting> {
    Arc::new(Meeting {
        slug: slug.into(),
        source: PathBuf::from(format!("content/{slug}.md")),
        title: title.into(),
        body: "natverket".into(),
        organiser: Some("skr".into()),
        date: date(day),
        time: Some("09:00-12:00".into()),
        location: None,
        kind: None,
        language: Language::Sv,
        chair: Some(Participant {
            person: "lisbeth-olsson".into(),
            organisation: Some("skr".into()),
            role: None,
            note: None,
        }),
        scribes: Vec::new(),
        attendees: Vec::new(),
        tags: vec![Tag {
            key: "covid-19".into(),
            name: "covid-19".into(),
        }],
        attachments: vec![
            Attachment {
                title: "Rapport".into(),
                file: Some("rapport.pdf".into()),
                url: None,
                internal: false,
            },
            Attachment {
                title: "Ej arkiverad".into(),
                file: None,
                url: None,
                internal: false,
            },
        ],
        draft: false,
        intro_html: "<p>Inledning &amp; välkomna</p>\n".into(),
        items: vec![Item {
            number: "8".into(),
            anchor: "item-8".into(),
            title: "Uppföljning <MiniMaria> & \"Fyrbodal\"".into(),
            presenters: Vec::new(),
            presenting_organisations: Vec::new(),
            decisions: decisions
                .iter()
                .enumerate()
                .map(|(i, text)| decision(slug, "8", i + 1, text))
                .collect(),
            actions: Vec::new(),
            case_number: None,
            records: None,
        }],
        items_html: PackedTexts::pack(["<p>Text</p>"]),
        appendices: Vec::new(),
        has_code: false,
        internal_links: Vec::new(),
        formal: None,
        written: Default::default(),
        aliases: Vec::new(),
        planned: false,
    })
}

fn archive() -> Archive {
    Archive {
        meetings: vec![
            meeting("2020-01-10-natverket", "2020-01-10", "Vintermöte", &[]),
            meeting(
                "2020-07-01-natverket",
                "2020-07-01",
                "Sommarmöte <&> \"x\"",
                &[
                    "Restiden ska fördelas solidariskt mellan alla kommuner i hela Fyrbodal & mer",
                    "Nej",
                ],
            ),
        ],
        organisations: BTreeMap::from([(
            "skr".into(),
            Organisation {
                key: "skr".into(),
                name: "Sveriges Kommuner & Regioner".into(),
                short: Some("SKR".into()),
                aliases: vec!["SKL".into()],
                kind: None,
                url: Some("https://skr.se".into()),
                registered: true,
            },
        )]),
        people: BTreeMap::from([(
            "lisbeth-olsson".into(),
            Person {
                key: "lisbeth-olsson".into(),
                name: "Lisbeth Olsson".into(),
                aliases: Vec::new(),
                organisation: None,
                registered: false,
                exposure: Default::default(),
            },
        )]),
        bodies: BTreeMap::from([(
            "natverket".into(),
            Body {
                key: "natverket".into(),
                name: "Nätverket".into(),
            },
        )]),
        follow_up: Default::default(),
    }
}

fn child<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> roxmltree::Node<'a, 'a> {
    node.children()
        .find(|c| c.has_tag_name((ATOM_NS, name)))
        .unwrap_or_else(|| panic!("no <{name}> in <{}>", node.tag_name().name()))
}

fn text<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> &'a str {
    child(node, name).text().unwrap_or_default()
}

fn entries<'a>(doc: &'a roxmltree::Document<'a>) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.root_element()
        .children()
        .filter(|c| c.has_tag_name((ATOM_NS, "entry")))
        .collect()
}

#[test]
fn titles_with_markup_characters_are_escaped() {
    let xml = meetings_feed(&archive(), &config());
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let feed = doc.root_element();
    assert_eq!(text(feed, "title"), "Nätverk <&> \"citat\" 'apostrof'");
    let first = entries(&doc)[0];
    assert_eq!(text(first, "title"), "Sommarmöte <&> \"x\"");
    assert_eq!(
        text(child(first, "author"), "name"),
        "Sveriges Kommuner & Regioner"
    );
    assert!(!xml.contains("<&>"), "raw markup in the feed:\n{xml}");

    let xml = decisions_feed(&archive(), &config());
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let first = entries(&doc)[0];
    assert_eq!(
        text(first, "title"),
        "§8 Uppföljning <MiniMaria> & \"Fyrbodal\": Restiden ska fördelas solidariskt mellan alla kommuner i hela Fyrbodal …"
    );
    assert_eq!(
        text(first, "summary"),
        "Restiden ska fördelas solidariskt mellan alla kommuner i hela Fyrbodal & mer"
    );
}

#[test]
fn control_characters_from_word_are_dropped() {
    let mut archive = archive();
    Arc::make_mut(&mut archive.meetings[1]).title = "Möte\u{b}med\u{c}tab\tslut".into();
    let xml = meetings_feed(&archive, &config());
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_eq!(text(entries(&doc)[0], "title"), "Mötemedtab\tslut");
}

#[test]
fn links_are_absolute_under_the_base_path() {
    let config = config();
    let xml = meetings_feed(&archive(), &config);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let feed = doc.root_element();
    let links: Vec<(&str, &str)> = feed
        .children()
        .filter(|c| c.has_tag_name((ATOM_NS, "link")))
        .map(|l| (l.attribute("rel").unwrap(), l.attribute("href").unwrap()))
        .collect();
    assert_eq!(
        links,
        [
            ("self", "https://intranet.example.se/minnen/atom.xml"),
            ("alternate", "https://intranet.example.se/minnen/meetings/"),
        ]
    );
    let entry = entries(&doc)[0];
    assert_eq!(
        child(entry, "link").attribute("href"),
        Some("https://intranet.example.se/minnen/meetings/2020-07-01-natverket/")
    );
    assert_eq!(
        text(entry, "id"),
        "tag:intranet.example.se,2020-07-01:minnen/meetings/2020-07-01-natverket"
    );

    let xml = decisions_feed(&archive(), &config);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let entry = entries(&doc)[0];
    assert_eq!(
        child(entry, "link").attribute("href"),
        Some("https://intranet.example.se/minnen/meetings/2020-07-01-natverket/#decision-8-1")
    );
    assert_eq!(
        text(entry, "id"),
        "tag:intranet.example.se,2020-07-01:minnen/decisions/2020-07-01-natverket/8-1"
    );
}

#[test]
fn tag_uris_leave_out_port_and_user() {
    let config = SiteConfig {
        base_url: "http://user@localhost:1111/".into(),
        ..SiteConfig::default()
    };
    assert_eq!(
        tag_uri(&config, date("2021-02-16"), "meetings/x"),
        "tag:localhost,2021-02-16:meetings/x"
    );
}

#[test]
fn updated_is_the_meeting_date_at_midnight_in_the_site_zone() {
    let config = config();
    let xml = meetings_feed(&archive(), &config);
    assert_eq!(xml, meetings_feed(&archive(), &config), "deterministic");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let feed = doc.root_element();
    // Summer time in Stockholm: +02:00; the feed is as new as its newest entry.
    assert_eq!(text(feed, "updated"), "2020-07-01T00:00:00+02:00");
    let updated: Vec<&str> = entries(&doc).iter().map(|e| text(*e, "updated")).collect();
    assert_eq!(
        updated,
        ["2020-07-01T00:00:00+02:00", "2020-01-10T00:00:00+01:00"]
    );
    let empty = meetings_feed(&Archive::default(), &config);
    let doc = roxmltree::Document::parse(&empty).unwrap();
    assert_eq!(text(doc.root_element(), "updated"), EPOCH);
    assert!(entries(&doc).is_empty());
}

#[test]
fn stockholm_switches_on_the_last_sundays_of_march_and_october() {
    let offset = |day: &str| {
        utc_offset("Europe/Stockholm", date(day))
            .unwrap()
            .local_minus_utc()
            / 3600
    };
    // 2021: summer time from Sunday 28 March to Sunday 31 October.
    assert_eq!(offset("2021-03-27"), 1);
    assert_eq!(offset("2021-03-28"), 1, "midnight is before the switch");
    assert_eq!(offset("2021-03-29"), 2);
    assert_eq!(offset("2021-10-31"), 2, "midnight is before the switch");
    assert_eq!(offset("2021-11-01"), 1);
    assert_eq!(offset("2021-12-31"), 1);
    assert_eq!(
        utc_offset("Europe/London", date("2021-07-01")),
        FixedOffset::east_opt(3600)
    );
    assert_eq!(
        utc_offset("UTC", date("2021-07-01")),
        FixedOffset::east_opt(0)
    );
    assert_eq!(
        utc_offset("+05:30", date("2021-07-01")),
        FixedOffset::east_opt(19800)
    );
    assert_eq!(
        utc_offset("UTC-03:00", date("2021-07-01")),
        FixedOffset::west_opt(10800)
    );
    assert_eq!(utc_offset("Mars/Olympus_Mons", date("2021-07-01")), None);
    let utc = SiteConfig {
        timezone: "Nowhere/Special".into(),
        ..SiteConfig::default()
    };
    assert_eq!(midnight(&utc, date("2021-07-01")), "2021-07-01T00:00:00Z");
}

#[test]
fn meeting_summary_lists_decisions_or_else_the_agenda() {
    let archive = archive();
    assert_eq!(
        meeting_summary(&archive, &archive.meetings[0]),
        "§8 Uppföljning <MiniMaria> & \"Fyrbodal\""
    );
    assert!(meeting_summary(&archive, &archive.meetings[1]).ends_with("\n§8 Nej"));
}

#[test]
fn archive_json_round_trips_and_is_deterministic() {
    let config = config();
    let files = archive_json(&archive(), &config);
    assert_eq!(files, archive_json(&archive(), &config));
    let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths, ["/archive/2020.json", "/archive.json"]);
    let index_json = String::from_utf8(files[1].1.clone()).unwrap();
    let index: ArchiveIndex = serde_json::from_str(&index_json).unwrap();
    assert_eq!(index.to_json(), index_json);
    assert_eq!(index.version, 2);
    assert_eq!(index.parts.len(), 1);
    assert_eq!(index.parts[0].bytes, files[0].1.len());
    assert_eq!(
        index.parts[0].url,
        "https://intranet.example.se/minnen/archive/2020.json"
    );
    assert_eq!((index.counts.meetings, index.counts.decisions), (2, 2));
    let json = String::from_utf8(files[0].1.clone()).unwrap();
    assert!(json.ends_with("}\n"));
    let back: ArchivePart = serde_json::from_str(&json).unwrap();
    assert_eq!(
        back.to_json(),
        json,
        "nothing lost or reordered by the structs"
    );
    assert_eq!(back.year, 2020);
    assert_eq!(back.version, 2);
    assert_eq!(back.decisions.len(), 2);
    assert_eq!(back.decisions[0].id, "2020-07-01-natverket/8-1");
    assert_eq!(back.decisions[0].item, "8");
    let meeting = &back.meetings[1];
    assert_eq!(meeting.intro, "Inledning & välkomna");
    assert_eq!(
        meeting.attachments[0].href.as_deref(),
        Some("https://intranet.example.se/minnen/meetings/2020-07-01-natverket/rapport.pdf")
    );
    assert_eq!(meeting.attachments[1].href, None);
    assert_eq!(
        index.organisations[0].page,
        "https://intranet.example.se/minnen/organisations/skr/"
    );
    // The organisation "Sveriges Kommuner & Regioner", the title "Sommarmöte <&> \"x\"".
    assert!(
        !json.contains(['<', '>', '&']),
        "markup characters are escaped"
    );
    assert!(json.contains(r#"Sommarmöte \u003c\u0026\u003e \"x\""#));
    assert_eq!(back.meetings[1].title, "Sommarmöte <&> \"x\"");
    let raw: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(raw["meetings"][1]["date"], "2020-07-01");
    assert_eq!(raw["meetings"][1]["language"], "sv");
}
