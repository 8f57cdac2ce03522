use std::path::PathBuf;

use super::*;

const ORGS: &str = "
skr: { name: Sveriges Kommuner och Regioner, short: SKR, aliases: [SKL] }
fohm: { name: Folkhälsomyndigheten, short: FoHM, aliases: [FHM] }
socialstyrelsen: { name: Socialstyrelsen, short: SoS }
sotenas: { name: Sotenäs kommun, aliases: [Sotenäs] }
fyrbodal: { name: Fyrbodals kommunalförbund }
";
const PEOPLE: &str = "
asa-furen-thulin: { name: Åsa Furén-Thulin, organisation: skr, aliases: [Åsa F-T] }
greger-bengtsson: { name: Greger Bengtsson, organisation: skr, aliases: [Greger B.] }
";

fn registry() -> Registry {
    Registry::parse(
        Some((Path::new("o.yaml"), ORGS)),
        Some((Path::new("p.yaml"), PEOPLE)),
    )
    .unwrap()
}

fn source(name: &str, text: &str) -> SourceFile {
    SourceFile {
        path: PathBuf::from("content").join(name),
        full_path: PathBuf::from("/nonexistent/content").join(name),
        text: text.to_string(),
    }
}

fn parse(text: &str) -> Result<ParsedMeeting, Vec<Diagnostic>> {
    parse_meeting(
        &source("2020-09-15-natverk.md", text),
        &SiteConfig::default(),
        &registry(),
    )
}

#[test]
fn presenters_resolve_aliases_to_one_organisation() {
    let p = parse(
        "---\ndate: 2020-09-15\nbody: Nätverket\n---\n## A (Malin Grape, FoHM)\n\n## B (Malin Grape, Sara Byfors, FHM)\n",
    )
    .unwrap();
    let items = &p.meeting.items;
    assert_eq!(&*items[0].presenters[0].person, "malin-grape");
    assert_eq!(items[0].presenters[0].organisation.as_deref(), Some("fohm"));
    assert_eq!(items[1].presenters.len(), 2);
    assert!(items[1]
        .presenters
        .iter()
        .all(|pr| pr.organisation.as_deref() == Some("fohm")));
    assert!(p.new_organisations.is_empty());
}

#[test]
fn abbreviated_people_resolve_through_their_aliases() {
    let p = parse("---\ndate: 2020-09-15\n---\n## Coronakommissionen (Åsa F-T, Greger B., SKR)\n")
        .unwrap();
    let people: Vec<_> = p.meeting.items[0]
        .presenters
        .iter()
        .map(|pr| &*pr.person)
        .collect();
    assert_eq!(people, ["asa-furen-thulin", "greger-bengtsson"]);
}

#[test]
fn presenter_without_organisation_gets_the_registered_one() {
    let p = parse("---\ndate: 2020-11-10\n---\n## Frekvens (Åsa Furén-Thulin)\n").unwrap();
    assert_eq!(
        p.meeting.items[0].presenters[0].organisation.as_deref(),
        Some("skr")
    );
}

#[test]
fn each_name_takes_the_organisation_that_follows_it() {
    let p = parse(
        "---\ndate: 2022-01-28\n---\n## 1) Inledning\n\n*Lisbeth Olsson, Sotenäs, och Karin Engström, Fyrbodals kommunalförbund*\n",
    )
    .unwrap();
    let presenters = &p.meeting.items[0].presenters;
    assert_eq!(presenters[0].organisation.as_deref(), Some("sotenas"));
    assert_eq!(&*presenters[1].person, "karin-engstrom");
    assert_eq!(presenters[1].organisation.as_deref(), Some("fyrbodal"));
}

#[test]
fn an_attendee_organisation_counts_as_known_for_presenters() {
    let p = parse(
        "---\ndate: 2022-01-28\nattendees: [Helena Lilliebjelke, Strömstad]\n---\n## 13) Dialog (Helena Lilliebjelke, Strömstad)\n",
    );
    // "[a, b]" is a two-element list: name and organisation are separate entries here.
    let p = p.unwrap();
    assert_eq!(p.meeting.attendees.len(), 2);
    let p = parse(
        "---\ndate: 2022-01-28\nattendees:\n  - Helena Lilliebjelke, Strömstad\n---\n## 13) Dialog (Helena Lilliebjelke, Strömstad)\n",
    )
    .unwrap();
    let presenter = &p.meeting.items[0].presenters[0];
    assert_eq!(presenter.organisation.as_deref(), Some("stromstad"));
    assert_eq!(
        p.new_organisations,
        [("stromstad".to_string(), "Strömstad".to_string())]
    );
}

#[test]
fn participants_in_line_and_map_form() {
    let p = parse(
        "---\ndate: 2022-01-28\nchair: Lisbeth Olsson, Sotenäs\nscribes:\n  - Karin Engström, socialstrateg, Fyrbodals kommunalförbund\nattendees:\n  - { name: Jenny Brunsten, organisation: Fyrbodals kommunalförbund, note: punkt 6 och 7 }\n  - Anna Almén\n---\n",
    )
    .unwrap();
    let m = &p.meeting;
    let chair = m.chair.as_ref().unwrap();
    assert_eq!(
        (&*chair.person, chair.organisation.as_deref()),
        ("lisbeth-olsson", Some("sotenas"))
    );
    assert_eq!(m.scribes[0].role.as_deref(), Some("socialstrateg"));
    assert_eq!(m.scribes[0].organisation.as_deref(), Some("fyrbodal"));
    assert_eq!(m.attendees[0].note.as_deref(), Some("punkt 6 och 7"));
    assert_eq!(m.attendees[1].organisation, None);
}

#[test]
fn unknown_organisation_close_to_a_registered_one_gets_did_you_mean() {
    let p = parse("---\ndate: 2020-09-15\norganiser: Folkhälsomyndighet\n---\n").unwrap();
    assert_eq!(p.meeting.organiser.as_deref(), Some("folkhalsomyndighet"));
    let w = &p.warnings[0];
    assert_eq!(w.line, 3);
    assert!(w
        .message
        .contains("`Folkhälsomyndighet` is not a registered organisation"));
    assert!(
        w.hint.as_deref().unwrap().contains("did you mean `fohm`"),
        "{:?}",
        w.hint
    );
}

#[test]
fn decisions_get_ids_from_slug_and_item() {
    let p = parse(
        "---\ndate: 2022-01-28\n---\n## 8) MiniMaria\n\nBeslut: Följande beslut:\n\n- A\n- B\n\n## 9) Medel\n\nBeslut: C\n",
    )
    .unwrap();
    let ids: Vec<_> = p.meeting.decisions().map(|(_, d)| &*d.id).collect();
    assert_eq!(
        ids,
        [
            "2020-09-15-natverk/8-1",
            "2020-09-15-natverk/8-2",
            "2020-09-15-natverk/9-1"
        ]
    );
}

#[test]
fn title_defaults_to_body_and_date_in_the_meeting_language() {
    let p = parse("---\ndate: 2020-09-15\nbody: Socialchefsnätverket\n---\n").unwrap();
    assert_eq!(p.meeting.title, "Socialchefsnätverket 15 september 2020");
    assert_eq!(p.meeting.body, "socialchefsnatverket");
    let p = parse("---\ndate: 2020-09-15\nbody: Board\nlanguage: en\n---\n").unwrap();
    assert_eq!(p.meeting.title, "Board 15 September 2020");
}

#[test]
fn invalid_date_points_at_the_value() {
    let e = parse("---\ntitle: X\ndate: 2021-02-30\n---\n").unwrap_err();
    assert_eq!((e[0].line, e[0].column), (3, 7));
    assert_eq!(e[0].message, "invalid date `2021-02-30`");
    assert!(e[0].hint.as_deref().unwrap().contains("does not exist"));
    let e = parse("---\ndate: 15 september 2020\n---\n").unwrap_err();
    assert!(e[0].hint.as_deref().unwrap().contains("YYYY-MM-DD"));
}

#[test]
fn missing_date_is_an_error() {
    let e = parse("---\ntitle: X\n---\n").unwrap_err();
    assert!(e[0].message.contains("no `date`"));
}

#[test]
fn unknown_language_is_an_error() {
    let e = parse("---\ndate: 2020-09-15\nlanguage: de\n---\n").unwrap_err();
    assert_eq!(e[0].line, 3);
}

#[test]
fn attachment_outside_the_folder_or_missing_is_an_error() {
    let e = parse("---\ndate: 2020-09-15\nattachments:\n  - { file: ../../site.toml }\n  - { file: saknas.pdf }\n---\n")
        .unwrap_err();
    assert_eq!(e.len(), 2);
    assert!(e[0].message.contains("outside"));
    assert_eq!(e[0].line, 4);
    assert!(e[1].message.contains("does not exist"));
    assert_eq!(e[1].line, 5);
}

#[test]
fn attachments_without_a_file_keep_title_and_url() {
    let p = parse(
        "---\ndate: 2020-09-15\nattachments:\n  - { title: Myvas uppdrag, url: \"https://www.regeringen.se/\" }\n  - { title: Presentation }\n---\n",
    )
    .unwrap();
    let a = &p.meeting.attachments;
    assert_eq!(a[0].url.as_deref(), Some("https://www.regeringen.se/"));
    assert_eq!(
        (a[1].title.as_str(), a[1].file.as_ref()),
        ("Presentation", None)
    );
}

#[test]
fn existing_attachment_beside_the_meeting_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    // `full_path` is the site folder + `path`, as `load` makes it.
    let meeting = dir.path().join("content/2020-09-15-a.md");
    std::fs::create_dir_all(dir.path().join("content/2020-09-15-a")).unwrap();
    std::fs::write(dir.path().join("content/2020-09-15-a/rapport.pdf"), "%PDF").unwrap();
    let file = SourceFile {
        path: PathBuf::from("content/2020-09-15-a.md"),
        full_path: meeting,
        text: "---\ndate: 2020-09-15\nattachments: [{ file: rapport.pdf }]\n---\n".into(),
    };
    let p = parse_meeting(&file, &SiteConfig::default(), &registry()).unwrap();
    assert_eq!(p.meeting.attachments[0].title, "rapport.pdf");
}

#[test]
fn duplicate_slugs_are_an_error() {
    let a = parse_meeting(
        &source("2020/a.md", "---\ndate: 2020-01-01\n---\n"),
        &SiteConfig::default(),
        &registry(),
    );
    let b = parse_meeting(
        &source("2021/a.md", "---\ndate: 2021-01-01\n---\n"),
        &SiteConfig::default(),
        &registry(),
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    let e = assemble(vec![&a, &b], &registry()).unwrap_err();
    assert!(e[0].message.contains("slug `a`"));
}

#[test]
fn assemble_sorts_by_date_and_collects_names() {
    let a = parse_meeting(
        &source(
            "b.md",
            "---\ndate: 2021-01-01\nbody: Nätverket\nchair: Ny Person, Nyorg\n---\n",
        ),
        &SiteConfig::default(),
        &registry(),
    )
    .unwrap();
    let b = parse_meeting(
        &source("a.md", "---\ndate: 2020-01-01\nbody: Nätverket\n---\n"),
        &SiteConfig::default(),
        &registry(),
    )
    .unwrap();
    let (archive, warnings) = assemble(vec![&a, &b], &registry()).unwrap();
    assert!(warnings.is_empty());
    assert_eq!(&*archive.meetings[0].slug, "a");
    assert_eq!(archive.bodies["natverket"].name, "Nätverket");
    assert!(!archive.organisations["nyorg"].registered);
    assert_eq!(archive.people["ny-person"].name, "Ny Person");
    assert!(archive.organisations["skr"].registered);
}

#[test]
fn links_to_meetings_that_do_not_exist_are_warned_about() {
    let a = parse_meeting(
        &source(
            "2020-01-01-a.md",
            "---\ndate: 2020-01-01\n---\n## A\n\nSe [b](2020-02-01-b.md), [c](../2021/2020-03-01-c.md) och [år](/meetings/2020/).\n",
        ),
        &SiteConfig::default(),
        &registry(),
    )
    .unwrap();
    let b = parse_meeting(
        &source("2020-02-01-b.md", "---\ndate: 2020-02-01\n---\n"),
        &SiteConfig::default(),
        &registry(),
    )
    .unwrap();
    let (_, warnings) = assemble(vec![&a, &b], &registry()).unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(
        warnings[0].message,
        "link to a meeting that does not exist: `2020-03-01-c`"
    );
    assert_eq!((warnings[0].line, warnings[0].column), (6, 26));
}

#[test]
fn an_organisation_name_with_och_is_not_split() {
    let p = parse("---\ndate: 2020-09-15\n---\n## A (Emma Spak och Eva Sahlén, Sveriges Kommuner och Regioner)\n").unwrap();
    let presenters = &p.meeting.items[0].presenters;
    assert_eq!(presenters.len(), 2);
    assert!(presenters
        .iter()
        .all(|pr| pr.organisation.as_deref() == Some("skr")));
    assert!(p.new_organisations.is_empty(), "{:?}", p.new_organisations);
}
