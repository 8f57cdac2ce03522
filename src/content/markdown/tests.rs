use super::*;

fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn parse(text: &str) -> Body {
    let decision = words(&["Beslut"]);
    let action = words(&["Åtgärd", "Uppdrag"]);
    let options = MarkdownOptions {
        smart_punctuation: true,
        allow_html: true,
        highlight_code: true,
        decision_words: &decision,
        action_words: &action,
        all_words: None,
    };
    parse_body(text, &options)
}

#[test]
fn level_two_headings_are_items_numbered_in_order() {
    let body = parse("Intro.\n\n## Första\n\nA\n\n## Andra\n\nB\n");
    assert_eq!(body.intro_html, "<p>Intro.</p>\n");
    let titles: Vec<_> = body
        .items
        .iter()
        .map(|i| (i.number.as_str(), i.title.as_str()))
        .collect();
    assert_eq!(titles, [("1", "Första"), ("2", "Andra")]);
    assert_eq!(body.items[1].anchor, "item-2");
    assert_eq!(body.items[1].html, "<p>B</p>\n");
    assert_eq!(body.items[1].line, 7);
}

#[test]
fn leading_numbers_in_every_written_form() {
    assert_eq!(
        split_item_number("8) Uppföljning"),
        (Some("8".into()), "Uppföljning")
    );
    assert_eq!(split_item_number("12. Enkät"), (Some("12".into()), "Enkät"));
    assert_eq!(split_item_number("§ 8 Val"), (Some("8".into()), "Val"));
    assert_eq!(split_item_number("§8 Val"), (Some("8".into()), "Val"));
    assert_eq!(split_item_number("10 november"), (None, "10 november"));
    assert_eq!(split_item_number("70+ samt"), (None, "70+ samt"));
    assert_eq!(split_item_number("2020:47"), (None, "2020:47"));
}

#[test]
fn bold_heading_text_is_plain_title() {
    let body = parse("## 9) **Ställningstagande kring medel**\n");
    assert_eq!(body.items[0].number, "9");
    assert_eq!(body.items[0].title, "Ställningstagande kring medel");
}

#[test]
fn presenters_from_heading_in_the_seeds_variants() {
    let cases = [
        ("Äldreomsorgslyftet (Katarina Storm-Ådell, SKR)", "Äldreomsorgslyftet", "Katarina Storm-Ådell, SKR"),
        ("Coronakommissionen (Åsa F-T, Greger B., SKR)", "Coronakommissionen", "Åsa F-T, Greger B., SKR"),
        (
            "Hur förbereder sig kommunerna? (Magnus Wallinder och Irene Nilsson-Carlsson, Socialstyrelsen)",
            "Hur förbereder sig kommunerna?",
            "Magnus Wallinder och Irene Nilsson-Carlsson, Socialstyrelsen",
        ),
        ("Behöver vi öka frekvensen? (Åsa Furén-Thulin)", "Behöver vi öka frekvensen?", "Åsa Furén-Thulin"),
        ("Besöksförbud (Daniel Lilja, Maria Björklund, IVO)", "Besöksförbud", "Daniel Lilja, Maria Björklund, IVO"),
        ("Möte med ordförande 29/2 (Åsa Furén-Thulin, SKR)", "Möte med ordförande 29/2", "Åsa Furén-Thulin, SKR"),
    ];
    for (heading, title, presenters) in cases {
        assert_eq!(
            split_heading_presenters(heading),
            (title, Some(presenters)),
            "{heading}"
        );
    }
}

#[test]
fn a_parenthesis_that_is_not_presenters_stays_in_the_title() {
    for heading in [
        "Yttrande (SOU 2020:47)",
        "Besök (t.ex. korttidsboende)",
        "(Karin Engström)",
        "Frågor (SKR)",
    ] {
        assert_eq!(split_heading_presenters(heading).1, None, "{heading}");
    }
}

#[test]
fn presenter_parts_split_on_commas_and_och() {
    assert_eq!(
        presenter_parts("Lisbeth Olsson, Sotenäs, och Karin Engström, Fyrbodals kommunalförbund"),
        [
            "Lisbeth Olsson",
            "Sotenäs",
            "Karin Engström",
            "Fyrbodals kommunalförbund"
        ]
    );
    assert_eq!(
        presenter_parts("Eva Sahlén, Hasse Knutsson, Emma Spak, SKR"),
        ["Eva Sahlén", "Hasse Knutsson", "Emma Spak", "SKR"]
    );
}

#[test]
fn emphasised_first_line_is_the_presenters() {
    let body = parse("## 8) Uppföljning\n\n*Karin Engström, Fyrbodals kommunalförbund*\n\nText.\n");
    let item = &body.items[0];
    assert_eq!(
        item.presenters.as_deref(),
        Some("Karin Engström, Fyrbodals kommunalförbund")
    );
    assert_eq!(item.html, "<p>Text.</p>\n");
}

#[test]
fn emphasised_line_with_trailing_comma_is_still_presenters() {
    let body = parse("## 13) Dialog\n\n*Helena Lilliebjelke, Strömstad, och Lis Palm, Fyrbodals kommunalförbund,*\n");
    assert_eq!(
        body.items[0].presenters.as_deref(),
        Some("Helena Lilliebjelke, Strömstad, och Lis Palm, Fyrbodals kommunalförbund")
    );
}

#[test]
fn emphasised_line_that_is_not_a_name_stays_in_the_minutes() {
    let body = parse("## 17) Kollegial dialog\n\n*Samtliga*\n\nText.\n");
    assert_eq!(body.items[0].presenters, None);
    assert!(body.items[0].html.contains("<em>Samtliga</em>"));
    let body = parse("## 3) Enkät\n\n*PPT bilder infogas*\n");
    assert_eq!(body.items[0].presenters, None);
}

#[test]
fn plain_decision_paragraph() {
    let body = parse("## 5) GR\n\nText.\n\nBeslut: Socialchefsnätverket noterar informationen.\n");
    let item = &body.items[0];
    assert_eq!(item.decisions.len(), 1);
    let d = &item.decisions[0];
    assert_eq!(d.anchor, "decision-5-1");
    assert_eq!(d.text, "Socialchefsnätverket noterar informationen.");
    assert_eq!(d.html, "Socialchefsnätverket noterar informationen.");
    assert!(item
        .html
        .contains("<p class=\"decision\" id=\"decision-5-1\">Beslut: Socialchefsnätverket noterar informationen.</p>"));
}

#[test]
fn bold_decision_word_is_stripped_from_the_extract() {
    for text in [
        "**Beslut:** Vi bifaller.",
        "**Beslut**: Vi bifaller.",
        "beslut : Vi bifaller.",
    ] {
        let body = parse(&format!("## A\n\n{text}\n"));
        assert_eq!(body.items[0].decisions[0].text, "Vi bifaller.", "{text}");
        assert_eq!(body.items[0].decisions[0].html, "Vi bifaller.", "{text}");
    }
}

#[test]
fn decision_followed_by_a_list_gives_one_decision_per_entry() {
    let text = "## 8) MiniMaria\n\n**Beslut:** Socialchefs nätverket fattar följande beslut:\n\n\
                - Restiden ska fördelas solidariskt.\n- Kommunalförbundet anställer 2 eller 3 personer.\n\
                - Vårdsamverkans medverkan önskas.\n- Lena Gartman och Roger Granat väljs.\n";
    let item = &parse(text).items[0];
    let anchors: Vec<_> = item.decisions.iter().map(|d| d.anchor.as_str()).collect();
    assert_eq!(
        anchors,
        [
            "decision-8-1",
            "decision-8-2",
            "decision-8-3",
            "decision-8-4"
        ]
    );
    assert_eq!(item.decisions[0].text, "Restiden ska fördelas solidariskt.");
    assert!(item.html.contains("<p class=\"decision-lead\">"));
    assert!(item.html.contains("<ul class=\"decision-list\">"));
    assert!(item
        .html
        .contains("<li class=\"decision\" id=\"decision-8-4\">"));
}

#[test]
fn lone_decision_word_takes_the_next_paragraph() {
    let body = parse(
        "## 9) Medel\n\nBeslut:\n\nSocialcheferna uppdrar åt socialstrateg att lyfta frågan.\n",
    );
    let item = &body.items[0];
    assert_eq!(item.decisions.len(), 1);
    assert_eq!(
        item.decisions[0].text,
        "Socialcheferna uppdrar åt socialstrateg att lyfta frågan."
    );
    assert!(item.html.contains("id=\"decision-9-1\""));
}

#[test]
fn decision_word_inside_a_sentence_is_not_a_decision() {
    let body =
        parse("## A\n\nBeslutet togs i maj.\n\nSvar: Nej.\n\nDet finns inget Beslut: här.\n");
    assert!(body.items[0].decisions.is_empty());
}

#[test]
fn actions_are_extracted_like_decisions() {
    let body = parse("## 4) Jour\n\nÅtgärd: Karin Engström ska samla in kontaktuppgifter.\n\nUppdrag: Lis Palm bevakar.\n");
    let actions = &body.items[0].actions;
    assert_eq!(actions.len(), 2);
    assert_eq!(actions[0].anchor, "action-4-1");
    assert_eq!(
        actions[0].text,
        "Karin Engström ska samla in kontaktuppgifter."
    );
    assert!(body.items[0].decisions.is_empty());
}

#[test]
fn level_one_headings_are_appendices() {
    let body = parse("## A\n\nText.\n\n# Bilaga: Bildspel\n\nSlide.\n");
    assert_eq!(body.items.len(), 1);
    assert_eq!(body.items[0].html, "<p>Text.</p>\n");
    assert_eq!(body.appendices[0].title, "Bilaga: Bildspel");
    assert_eq!(body.appendices[0].anchor, "appendix-1");
    assert_eq!(body.appendices[0].html, "<p>Slide.</p>\n");
}

#[test]
fn duplicate_numbers_get_unique_anchors_for_items_and_decisions() {
    let body = parse("## 1) A\n\nBeslut: X.\n\n## 1) B\n\nBeslut: Y.\n");
    assert_eq!(body.items[0].anchor, "item-1");
    assert_eq!(body.items[1].anchor, "item-1-2");
    assert_eq!(body.items[0].decisions[0].anchor, "decision-1-1");
    assert_eq!(body.items[1].decisions[0].anchor, "decision-1-2-1");
}

#[test]
fn raw_html_is_escaped_when_not_allowed() {
    let decision = words(&["Beslut"]);
    let options = MarkdownOptions {
        smart_punctuation: false,
        allow_html: false,
        highlight_code: false,
        decision_words: &decision,
        action_words: &[],
        all_words: None,
    };
    let body = parse_body(
        "## A\n\n<script>alert(1)</script>\n\nText <b>x</b>\n",
        &options,
    );
    assert!(
        !body.items[0].html.contains("<script>"),
        "{}",
        body.items[0].html
    );
    assert!(body.items[0].html.contains("&lt;script&gt;"));
    assert!(body.items[0].html.contains("&lt;b&gt;"));
}

#[test]
fn fenced_code_is_highlighted_and_flags_the_page() {
    let body = parse("## A\n\n```yaml\ndate: 2020-09-15\n```\n");
    assert!(body.has_code);
    assert!(body.items[0]
        .html
        .contains("<pre class=\"code\" data-lang=\"yaml\">"));
    assert!(body.items[0].html.contains("hl-"), "{}", body.items[0].html);
    let plain = parse("## A\n\n```\nno language\n```\n");
    assert!(!plain.has_code);
    assert!(plain.items[0].html.contains("<pre><code>no language"));
}

#[test]
fn smart_punctuation_curls_quotes() {
    let body = parse("## A\n\n\"Save the date\" -- ok\n");
    assert!(
        body.items[0].html.contains("“Save the date” –"),
        "{}",
        body.items[0].html
    );
}

#[test]
fn syntax_css_has_light_and_dark_rules() {
    let css = syntax_css();
    assert!(css.contains(".hl-"));
    assert!(css.contains("prefers-color-scheme: dark"));
}

#[test]
fn internal_links_are_marked_and_collected() {
    let body = parse("## A\n\nSe [förra mötet](../2020/2020-09-15-natverket.md#item-2) och [beslut](/decisions/).\n\n[SKR](https://skr.se)\n");
    assert_eq!(
        body.internal_links,
        [
            ("/meetings/2020-09-15-natverket/#item-2".to_string(), 3, 4),
            ("/decisions/".to_string(), 3, 62)
        ]
    );
    let html = &body.items[0].html;
    assert!(
        html.contains("href=\"quorum:/meetings/2020-09-15-natverket/#item-2\""),
        "{html}"
    );
    assert!(html.contains("href=\"https://skr.se\""));
}

#[test]
fn what_counts_as_an_internal_link() {
    assert_eq!(internal_site_path("/meetings/"), Some("/meetings/".into()));
    assert_eq!(internal_site_path("x.md"), Some("/meetings/x/".into()));
    assert_eq!(internal_site_path("//cdn.example/x"), None);
    assert_eq!(internal_site_path("https://a.se/b.md"), None);
    assert_eq!(internal_site_path("#item-2"), None);
    assert_eq!(internal_site_path("rapport.pdf"), None);
}

#[test]
fn presenter_parts_match_splitting_at_every_separator_in_turn() {
    // The first definition: every part goes through the five separators in turn, with no
    // shortcut for a part that holds none of them.
    let reference = |text: &str| -> Vec<String> {
        text.split([',', ';'])
            .map(|p| strip_conjunction(p.trim()))
            .filter(|p| !p.is_empty())
            .flat_map(split_at_separators)
            .map(str::to_string)
            .collect()
    };
    for text in [
        "Karin Engström, Fyrbodals kommunalförbund",
        "och och Anna Berg, samt samt samt IVO; and and FoHM",
        "Lisbeth Olsson och Karin Engström / SKR & IVO",
        "och , samt ,, and",
        "Per Wallin, Österåkers kommun samt Region Stockholm",
        "Anna Berg och, & IVO, Region  samt  Skåne, SKR /",
        "",
    ] {
        let ours: Vec<String> = presenter_parts(text)
            .into_iter()
            .map(str::to_string)
            .collect();
        assert_eq!(ours, reference(text), "{text:?}");
    }
}

#[test]
fn script_addresses_are_dropped_when_html_is_not_allowed() {
    let options = MarkdownOptions {
        smart_punctuation: false,
        allow_html: false,
        highlight_code: false,
        decision_words: &[],
        action_words: &[],
        all_words: None,
    };
    let body = parse_body(
        "## A\n\n[x](javascript:alert(1)) [y](JavaScript&#x09;:alert(1)) \
         ![i](data:text/html,<script>) <vbscript:msgbox> [ok](https://a.se/x) \
         [rel](bilaga.pdf) [m](mailto:a@b.se) [t](tel:+4631) [c](a/b:c)\n",
        &options,
    );
    let html = &body.items[0].html;
    let lower = html.to_lowercase();
    for bad in ["javascript", "data:", "vbscript:"] {
        assert!(!lower.contains(&format!("=\"{bad}")), "{bad}: {html}");
    }
    assert!(html.contains(r##"<a href="#">x</a>"##), "{html}");
    for good in [
        "https://a.se/x",
        "bilaga.pdf",
        "mailto:a@b.se",
        "tel:+4631",
        "a/b:c",
    ] {
        assert!(html.contains(&format!("href=\"{good}\"")), "{good}: {html}");
    }
    assert!(is_safe_url("/meetings/x/") && !is_safe_url(" JAVA\nSCRIPT:x"));
}

#[test]
fn near_miss_decisions_are_noted_and_prose_about_others_is_not() {
    let noted = |text: &str| {
        let body = parse(&format!("## A\n\n{text}\n"));
        body.notes.first().map(|n| n.message.clone())
    };
    assert!(noted("Beslut att godkänna budgeten.").is_some());
    assert!(noted("Beslut – budgeten godkänns.").is_some());
    assert!(noted("Beslut\nBudgeten godkänns.")
        .unwrap()
        .contains("alone"));
    assert!(noted("Mötet beslutade att välja Anna.").is_some());
    assert!(noted("Det beslutades att välja Anna.").is_some());
    assert!(noted("The meeting decided to approve the budget.").is_some());
    assert!(noted("It was agreed that Tom writes.").is_some());
    // Not decisions of the meeting, or already read as one.
    assert_eq!(noted("Regeringen beslutade att förlänga förbudet."), None);
    assert_eq!(noted("Beslutet om budgeten fattas i juni."), None);
    assert_eq!(noted("Beslut: Budgeten godkänns."), None);
    assert_eq!(noted("Åtgärdsplanen presenterades."), None);
    // Where: line and column within the body.
    let body = parse("## A\n\nText.\n\nBeslut att godkänna.\n");
    assert_eq!((body.notes[0].line, body.notes[0].column), (5, 1));
}

#[test]
fn words_that_only_begin_like_a_decision_word_are_not_noted() {
    let body =
        parse("## A\n\nDecision-making was discussed.\n\nBeslut om budgeten fattas i juni.\n");
    assert_eq!(body.notes, Vec::new());
}
