use super::*;
use crate::base::audience::Audience;

fn person(key: &str, name: &str, aliases: &[&str], public: Option<bool>) -> Person {
    Person {
        key: key.into(),
        name: name.into(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        organisation: None,
        registered: true,
        exposure: Exposure {
            public,
            ..Exposure::default()
        },
    }
}

fn people() -> BTreeMap<String, Person> {
    [
        person(
            "asa-furen-thulin",
            "Åsa Furén-Thulin",
            &["Åsa F-T"],
            Some(false),
        ),
        person("lisbeth-olsson", "Lisbeth Olsson", &[], Some(true)),
        person("karin-engstrom", "Karin Engström", &[], None),
    ]
    .into_iter()
    .map(|p| (p.key.clone(), p))
    .collect()
}

fn public(named: NamedPeople) -> AudienceConfig {
    AudienceConfig {
        current: Audience::Public,
        named,
        ..AudienceConfig::default()
    }
}

fn archive(people: BTreeMap<String, Person>) -> Archive {
    Archive {
        people,
        ..Archive::default()
    }
}

fn view(named: NamedPeople) -> PublicView {
    PublicView::of(&public(named), &archive(people())).expect("a public build has a view")
}

#[test]
fn an_internal_build_has_no_view() {
    assert!(PublicView::of(&AudienceConfig::default(), &archive(people())).is_none());
}

#[test]
fn names_and_aliases_are_replaced_in_any_case_on_word_boundaries() {
    let v = view(NamedPeople::UnlessMarked);
    let sv = Language::Sv;
    assert_eq!(
        v.text("Åsa Furén-Thulin och ÅSA F-T, åsa furén-thulin.", sv),
        "[namn borttaget] och [namn borttaget], [namn borttaget]."
    );
    assert_eq!(
        v.text("Åsa Furén‑Thulins förslag", sv),
        "[namn borttaget]:s förslag"
    );
    assert_eq!(
        v.text("Åsa\nFurén-Thulin", sv),
        "[namn borttaget]",
        "a line break inside a name"
    );
    // Not a part of a longer word, and the others stay.
    assert_eq!(
        v.text("Åsa Furén-Thulinsson och Lisbeth Olsson", sv),
        "Åsa Furén-Thulinsson och Lisbeth Olsson"
    );
    assert_eq!(v.text("Åsa F-T", Language::En), "[name withheld]");
}

#[test]
fn only_marked_protects_everyone_not_marked_public() {
    let v = view(NamedPeople::OnlyMarked);
    assert_eq!(
        v.text("Karin Engström, Lisbeth Olsson", Language::Sv),
        "[namn borttaget], Lisbeth Olsson"
    );
}

#[test]
fn shown_as_replaces_the_name_and_is_escaped_in_html() {
    let mut registry = people();
    registry
        .get_mut("asa-furen-thulin")
        .unwrap()
        .exposure
        .shown_as = Some("Utredare <SKR>".into());
    let v = PublicView::of(&public(NamedPeople::UnlessMarked), &archive(registry)).unwrap();
    assert_eq!(
        v.html("<p>Åsa F-T sa</p>", Language::Sv),
        "<p>Utredare &lt;SKR&gt; sa</p>"
    );
    assert_eq!(
        v.person_key("asa-furen-thulin", Language::Sv),
        "withheld-utredare-skr"
    );
    assert_eq!(
        v.person_key("lisbeth-olsson", Language::Sv),
        "lisbeth-olsson"
    );
}

#[test]
fn internal_items_are_recognised_by_a_marker_at_the_end_of_the_title() {
    let words = vec!["Internt".to_string(), "Sekretess".to_string()];
    assert_eq!(
        internal_title("Personärende (internt)", &words),
        Some("Personärende")
    );
    assert_eq!(
        internal_title("Personärende [SEKRETESS] ", &words),
        Some("Personärende")
    );
    assert_eq!(internal_title("Budget (SOU 2020:47)", &words), None);
    assert_eq!(internal_title("Internt arbete", &words), None);
}

#[test]
fn internal_paragraphs_and_the_list_after_a_bare_marker_are_withheld() {
    let words = vec!["Internt".to_string()];
    let notice = "<p class=\"withheld\">X</p>\n";
    let html = "<p>Öppet.</p>\n<p><strong>Internt:</strong> hemligt</p>\n<p>Internt:</p>\n<ul>\n<li>a<ul><li>b</li></ul></li>\n</ul>\n<p>Slut.</p>\n";
    assert_eq!(
        withhold_paragraphs(html, &words, notice),
        "<p>Öppet.</p>\n<p class=\"withheld\">X</p>\n<p class=\"withheld\">X</p>\n<p>Slut.</p>\n"
    );
    let untouched = "<p>Internal affairs: none.</p><pre>Internt: x</pre>";
    assert_eq!(withhold_paragraphs(untouched, &words, notice), untouched);
}

#[test]
fn file_names_that_hold_a_protected_name_are_found() {
    let v = view(NamedPeople::UnlessMarked);
    assert!(v.names_in_file_name("asa-furen-thulin-cv.pdf"));
    assert!(v.names_in_file_name("Åsa Furén-Thulin.docx"));
    assert!(!v.names_in_file_name("lisbeth-olsson.pdf"));
    assert!(!v.names_in_file_name("masa-furen-thulinska.pdf"));
}
