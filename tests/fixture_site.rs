//! Builds small fixture sites in temp folders: English UI and dates, alias resolution,
//! escaping, drafts, overrides, and what a failed build leaves behind.

mod common;

use common::*;
use quorum::LinkStyle;
use quorum::{build_site, BuildOptions, Error};

const ORGS: &str = "fohm:\n  name: Folkhälsomyndigheten\n  short: FoHM\n  aliases: [FHM]\nskr:\n  name: Sveriges Kommuner och Regioner\n  short: SKR\n";

fn english_meeting() -> &'static str {
    "---\ntitle: Board meeting\nbody: Health Board\norganiser: SKR\ndate: 2021-03-04\nlanguage: en\nchair: Jane Doe, SKR\ntags: [covid-19]\n---\n\
     Opening words.\n\n## 1) Vaccination (Malin Grape, FoHM)\n\nText.\n\nDecision: The board approves the plan.\n\n\
     ## 2) Visits (Sara Byfors, FHM)\n\nAction: Jane Doe will write to the region.\n"
}

fn swedish_meeting() -> &'static str {
    "---\nbody: Health Board\norganiser: skr\ndate: 2021-04-01\n---\n## Besök (Sara Byfors, Folkhälsomyndigheten)\n\nBeslut: Nätverket noterar informationen.\n"
}

#[test]
fn english_meetings_get_english_dates_and_ui() {
    let site = fixture(&[
        ("site.toml", "title = \"Archive\"\nlanguage = \"en\"\n"),
        ("content/organisations.yaml", ORGS),
        ("content/2021-03-04-board.md", english_meeting()),
    ]);
    let (out, report) = build_into(site.path(), None);
    assert_eq!(
        (report.meetings, report.decisions, report.actions),
        (1, 1, 1)
    );
    let html = page(out.path(), "meetings/2021-03-04-board/index.html");
    assert_eq!(select(&html, "html[lang=en]").len(), 1);
    let main = texts(&html, "main").join(" ");
    assert!(main.contains("4 March 2021"), "{main}");
    assert!(main.contains("The board approves the plan."));
    let nav = texts(&html, "header nav a").join(" ");
    assert!(
        nav.contains("Meetings") && nav.contains("Decisions"),
        "{nav}"
    );
    let actions = page(out.path(), "actions/index.html");
    assert!(texts(&actions, "main")
        .join(" ")
        .contains("Jane Doe will write to the region."));
}

#[test]
fn items_presented_under_fohm_fhm_and_the_full_name_are_one_organisation() {
    let site = fixture(&[
        ("content/organisations.yaml", ORGS),
        ("content/2021-03-04-board.md", english_meeting()),
        ("content/2021-04-01-board.md", swedish_meeting()),
    ]);
    let (out, _) = build_into(site.path(), None);
    let html = page(out.path(), "organisations/fohm/index.html");
    let hrefs: Vec<&str> = select(&html, "a[href]")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    for target in [
        "2021-03-04-board/#item-1",
        "2021-03-04-board/#item-2",
        "2021-04-01-board/#item-1",
    ] {
        assert!(
            hrefs.iter().any(|h| h.ends_with(target)),
            "{target} in {hrefs:?}"
        );
    }
    assert!(!out.path().join("public/organisations/fhm").exists());
    let people = texts(&html, "main").join(" ");
    assert!(people.contains("Malin Grape") && people.contains("Sara Byfors"));
}

#[test]
fn a_site_without_themes_or_config_builds_with_the_embedded_theme() {
    let site = fixture(&[(
        "content/a.md",
        "---\ndate: 2020-01-01\n---\n## Punkt\n\nBeslut: Ja.\n",
    )]);
    let (out, _) = build_into(site.path(), None);
    assert!(out.path().join("public/style.css").exists());
    let html = page(out.path(), "index.html");
    assert_eq!(select(&html, "html[lang=sv]").len(), 1);
}

#[test]
fn front_matter_values_are_escaped_everywhere() {
    let evil = "---\ntitle: \"<script>alert('t')</script>\"\nbody: \"<script>b</script>\"\norganiser: \"<script>o</script>\"\ndate: 2020-01-01\nchair: \"<script>n</script>, <b>Org</b>\"\ntags: [\"<script>\"]\n---\n## <i>x</i> (Ann <Evil>, SKR)\n";
    let site = fixture(&[("content/a.md", evil)]);
    let (out, _) = build_into(site.path(), None);
    for (path, bytes) in snapshot(&out.path().join("public")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("<script>"),
            "{} contains an unescaped <script>",
            path.display()
        );
        // Escaping leaves `/` alone: URLs stay readable in the source.
        assert!(!text.contains("&#x2F;"), "{} escapes `/`", path.display());
    }
    let html = page(out.path(), "meetings/a/index.html");
    assert_eq!(texts(&html, "h1"), ["<script>alert('t')</script>"]);
}

#[test]
fn raw_html_in_minutes_is_escaped_when_not_allowed() {
    let site = fixture(&[
        ("site.toml", "[markdown]\nallow_html = false\n"),
        (
            "content/a.md",
            "---\ndate: 2020-01-01\n---\n## A\n\n<div class=\"x\">raw</div>\n\nText <em>em</em>.\n",
        ),
    ]);
    let (out, _) = build_into(site.path(), None);
    let html = page(out.path(), "meetings/a/index.html");
    assert!(select(&html, "div.x").is_empty());
    assert!(select(&html, "section em").is_empty());
    assert!(texts(&html, "main")
        .join(" ")
        .contains("<div class=\"x\">raw</div>"));
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = fixture(&[
        ("content/a.md", "---\ndate: 2020-01-01\n---\n"),
        ("content/b.md", "---\ndate: 2020-02-01\ndraft: true\n---\n"),
    ]);
    let (out, report) = build_into(site.path(), None);
    assert_eq!(report.meetings, 1);
    assert!(!out.path().join("public/meetings/b").exists());
    let options = BuildOptions {
        drafts: true,
        output: Some(out.path().join("with-drafts")),
        ..BuildOptions::new(site.path())
    };
    assert_eq!(build_site(&options).unwrap().meetings, 2);
}

#[test]
fn a_site_template_overrides_one_theme_template_and_custom_css_is_linked() {
    let site = fixture(&[
        ("content/a.md", "---\ndate: 2020-01-01\n---\n"),
        ("templates/404.html", "{% extends \"base.html\" %}{% block content %}<p id=\"own\">Borta</p>{% endblock content %}"),
        ("static/custom.css", "body { color: red; }"),
    ]);
    let (out, _) = build_into(site.path(), None);
    let html = page(out.path(), "404.html");
    assert_eq!(texts(&html, "#own"), ["Borta"]);
    assert!(out.path().join("public/custom.css").exists());
    let home = page(out.path(), "index.html");
    let css: Vec<_> = select(&home, "link[rel=stylesheet]")
        .iter()
        .filter_map(|l| l.value().attr("href"))
        .collect();
    assert!(css.contains(&"custom.css"), "{css:?}");
}

/// The default theme calls its components once per list (a call costs far more than the
/// markup of one entry); the one-entry components a theme may call are written as calls
/// of the list components with a list of one. Each must still write what its list writes.
#[test]
fn one_entry_components_write_what_their_list_components_write() {
    const ORGANISATION: &str = r#"{% extends "base.html" %}{% block content %}
<ul id="entries">{{ <meeting_entries list={organised} lang={page.lang} /> }}</ul>
<ul id="entry">{% for m in organised %}{{ <meeting_entry meeting={m} lang={page.lang} /> }}{% endfor %}</ul>
<ul id="presented-list">{{ <presented_entries list={presented} lang={page.lang} /> }}</ul>
<ul id="presented-one">{% for p in presented %}{{ <presented_entry p={p} lang={page.lang} /> }}{% endfor %}</ul>
<div id="cards">{{ <decision_list list={decisions} lang={page.lang} /> }}</div>
<ol id="card">{% for d in decisions %}<li>{{ <decision_card d={d} lang={page.lang} /> }}</li>{% endfor %}</ol>
<p id="org-links">{{ <org_links orgs={[organisation, organisation]} short={true} /> }}</p>
<p id="org-link">{{ <org_link org={organisation} short={true} /> }}, {{ <org_link org={organisation} short={true} /> }}</p>
<p id="count-component">{{ <count n={organised | length} one="count_meeting_one" other="count_meeting_other" /> }}</p>
<p id="count-filter">{{ (organised | length) | count(one="count_meeting_one", other="count_meeting_other") }}</p>
{% endblock content %}"#;
    const MEETING: &str = r#"{% extends "base.html" %}{% block content %}
<p id="participants">{{ <participants list={meeting.attendees} /> }}</p>
<p id="participant">{% for p in meeting.attendees %}{{ <participant p={p} /> }}{% if not loop.last %}, {% endif %}{% endfor %}</p>
<ul id="participant-items">{{ <participants list={meeting.attendees} show_org={false} items={true} /> }}</ul>
{% endblock content %}"#;
    let meeting =
        "---\ntitle: Board meeting\nbody: Health Board\norganiser: SKR\ndate: 2021-03-04\n\
                   attendees: [\"Jane Doe, SKR\", \"Sara Byfors, FoHM\", Ola Nordmann]\n---\n\
                   ## 1) Vaccination (Malin Grape, SKR)\n\nBeslut: Planen godkänns.\n\n\
                   ## 2) Besök (Sara Byfors, SKR)\n\nBeslut: Nätverket noterar informationen.\n";
    let site = fixture(&[
        ("content/organisations.yaml", ORGS),
        ("content/2021-03-04-board.md", meeting),
        ("templates/organisation.html", ORGANISATION),
        ("templates/meeting.html", MEETING),
    ]);
    let (out, _) = build_into(site.path(), None);
    let inner = |html: &scraper::Html, selector: &str| {
        let element = select(html, selector)
            .pop()
            .unwrap_or_else(|| panic!("{selector}"));
        // Only the white space between entries may differ.
        element
            .inner_html()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let org = page(out.path(), "organisations/skr/index.html");
    for (list, one) in [
        ("#entries", "#entry"),
        ("#presented-list", "#presented-one"),
        ("#cards ol", "#card"),
        ("#org-links", "#org-link"),
        ("#count-component", "#count-filter"),
    ] {
        let written = inner(&org, list);
        assert!(written.len() > 5, "{list} shows something: {written}");
        assert_eq!(
            written.replace("> <", "><"),
            inner(&org, one).replace("> <", "><"),
            "{one}"
        );
    }
    assert_eq!(select(&org, "#cards article.decision-card").len(), 2);
    assert_eq!(texts(&org, "#count-filter"), ["1 möte"]);
    assert!(
        texts(&org, "#entries").join(" ").contains("2 beslut"),
        "plural"
    );
    assert_eq!(
        texts(
            &org,
            "#org-links abbr[title='Sveriges Kommuner och Regioner']"
        ),
        ["SKR", "SKR"]
    );

    let meeting = page(out.path(), "meetings/2021-03-04-board/index.html");
    assert_eq!(
        inner(&meeting, "#participants"),
        inner(&meeting, "#participant")
    );
    assert_eq!(texts(&meeting, "#participants .participant").len(), 3);
    assert_eq!(
        texts(&meeting, "#participant-items > li > .participant"),
        ["Jane Doe", "Sara Byfors", "Ola Nordmann"]
    );
    assert!(texts(&meeting, "#participants")
        .join(" ")
        .contains("Jane Doe (SKR)"));
}

#[test]
fn attachments_are_copied_beside_their_meeting() {
    let site = fixture(&[
        (
            "content/2020/a.md",
            "---\ndate: 2020-01-01\nattachments:\n  - { file: rapport.pdf, title: Rapport }\n---\n",
        ),
        ("content/2020/a/rapport.pdf", "%PDF-1.4"),
    ]);
    let (out, _) = build_into(site.path(), None);
    assert!(out.path().join("public/meetings/a/rapport.pdf").is_file());
    let html = page(out.path(), "meetings/a/index.html");
    let hrefs: Vec<_> = select(&html, "a[href]")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(hrefs.contains(&"../../meetings/a/rapport.pdf"), "{hrefs:?}");
}

#[test]
fn a_failed_build_keeps_the_previous_output_byte_identical() {
    let site = fixture(&[("content/a.md", "---\ndate: 2020-01-01\n---\n## A\n")]);
    let output = site.path().join("public");
    let options = BuildOptions::new(site.path());
    build_site(&options).unwrap();
    let before = snapshot(&output);
    std::fs::write(
        site.path().join("content/b.md"),
        "---\ndate: 2021-02-30\n---\n",
    )
    .unwrap();
    let Err(Error::Content(problems)) = build_site(&options) else {
        panic!("the build must fail on an invalid date");
    };
    assert_eq!(problems[0].file, std::path::Path::new("content/b.md"));
    assert_eq!(problems[0].line, 2);
    assert_eq!(snapshot(&output), before);
}

#[test]
fn an_output_folder_that_would_destroy_the_site_is_refused() {
    let site = fixture(&[("content/a.md", "---\ndate: 2020-01-01\n---\n")]);
    for bad in [
        site.path().to_path_buf(),
        site.path().join("content"),
        "/".into(),
    ] {
        let options = BuildOptions {
            output: Some(bad.clone()),
            ..BuildOptions::new(site.path())
        };
        assert!(
            matches!(build_site(&options), Err(Error::Usage(_))),
            "{}",
            bad.display()
        );
    }
    assert!(site.path().join("content/a.md").exists());
}

#[test]
fn an_organisation_page_lists_the_newest_meetings_its_people_attended_and_says_how_many() {
    // 105 meetings attended by one person of Sotenäs, organised by SKR.
    let meetings: Vec<(String, String)> = (0..105)
        .map(|i| {
            let date = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
                + chrono::Days::new(i * 3);
            (
                format!("content/{date}-natverket.md"),
                format!(
                    "---\nbody: Nätverket\norganiser: skr\ndate: {date}\nattendees:\n  - Lisbeth Olsson, Sotenäs\n---\n## Punkt\n\nText.\n"
                ),
            )
        })
        .collect();
    let mut files: Vec<(&str, &str)> = meetings
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    files.push(("content/organisations.yaml", ORGS));
    let site = fixture(&files);
    let (out, _) = build_into(site.path(), None);
    let html = page(out.path(), "organisations/sotenas/index.html");
    let attended = select(&html, "section[aria-labelledby=org-attended] li");
    assert_eq!(
        attended.len(),
        quorum::internals::ATTENDED_PER_ORGANISATION_PAGE
    );
    let heading = texts(&html, "#org-attended").join(" ");
    assert!(heading.contains("(105)"), "{heading}");
    let dates: Vec<String> = select(&html, "section[aria-labelledby=org-attended] li time")
        .iter()
        .filter_map(|t| t.value().attr("datetime").map(str::to_string))
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");
    assert_eq!(
        dates[0], "2020-11-08",
        "the newest meeting (the 105th) is shown first"
    );
    let note = texts(&html, "section[aria-labelledby=org-attended] .more-note").join(" ");
    assert!(note.contains("100") && note.contains("105"), "{note}");
    // The person's own page lists all 105.
    let person = page(out.path(), "people/lisbeth-olsson/index.html");
    assert_eq!(
        select(&person, "section[aria-labelledby=person-attended] li").len(),
        105
    );
}

#[test]
fn actions_are_listed_by_year_with_the_newest_on_the_actions_page() {
    // 51 meetings, 10 actions each: 510 actions, 2020 and 2021.
    let meetings: Vec<(String, String)> = (0..51)
        .map(|i| {
            let date =
                chrono::NaiveDate::from_ymd_opt(2020, 6, 1).unwrap() + chrono::Days::new(i * 10);
            let items: String = (1..=10)
                .map(|n| format!("## Punkt {n}\n\nÅtgärd: Uppgift {n} från mötet {date}.\n\n"))
                .collect();
            (
                format!("content/{date}-natverket.md"),
                format!("---\nbody: Nätverket\ndate: {date}\n---\n{items}"),
            )
        })
        .collect();
    let files: Vec<(&str, &str)> = meetings
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let site = fixture(&files);
    let (out, report) = build_into(site.path(), None);
    assert_eq!(report.actions, 510);

    let all = page(out.path(), "actions/index.html");
    let cards = select(&all, "article.action-card");
    assert_eq!(cards.len(), quorum::internals::ACTIONS_RECENT);
    let lead = texts(&all, "main .lead").join(" ");
    assert!(lead.contains("510"), "{lead}");
    let note = texts(&all, "main .more-note").join(" ");
    assert!(note.contains("10"), "the 10 oldest are left out: {note}");
    let years: Vec<String> = texts(&all, ".year-strip li");
    assert_eq!(years.len(), 3, "all years, 2021, 2020: {years:?}");

    let year_2020 = page(out.path(), "actions/2020/index.html");
    let cards_2020 = select(&year_2020, "article.action-card");
    // 2020-06-01 + 10 days × i is in 2020 for i < 22: 22 meetings.
    assert_eq!(cards_2020.len(), 220);
    assert!(texts(&year_2020, "main .more-note").is_empty());
    let current: Vec<String> = select(&year_2020, ".year-strip [aria-current=page]")
        .iter()
        .map(text)
        .collect();
    assert!(current[0].starts_with("2020"), "{current:?}");
    let year_2021 = page(out.path(), "actions/2021/index.html");
    assert_eq!(select(&year_2021, "article.action-card").len(), 290);
    let broken = broken_links(&out.path().join("public"), false, "/");
    assert!(broken.is_empty(), "{broken:?}");
}

#[test]
fn timings_describe_the_last_build_or_rebuild_only() {
    let site_dir = fixture(&[("content/2021-04-01-board.md", swedish_meeting())]);
    let out = tempfile::tempdir().unwrap();
    let options = BuildOptions {
        root: site_dir.path().to_path_buf(),
        output: Some(out.path().join("public")),
        ..BuildOptions::default()
    };
    let mut site = quorum::internals::Site::load(&options).unwrap();
    site.write_all(quorum::internals::WriteMode::Track).unwrap();
    let steps: Vec<&str> = site.timings.0.iter().map(|(step, _)| *step).collect();
    assert!(
        steps.contains(&"read and parse meetings") && steps.contains(&"render and write pages")
    );
    let meeting = site_dir.path().join("content/2021-04-01-board.md");
    let mut counts = Vec::new();
    for decision in ["Vi tar en paus.", "Vi fortsätter."] {
        let text = swedish_meeting().replace("Nätverket noterar informationen.", decision);
        std::fs::write(&meeting, text).unwrap();
        site.rebuild(std::slice::from_ref(&meeting)).unwrap();
        counts.push(site.timings.0.len());
    }
    assert!(
        counts[0] > 0,
        "a rebuild that reassembles records its steps"
    );
    assert_eq!(counts[0], counts[1], "rebuilds do not pile up timings");
}

/// The views shared between pages are converted for the templates once per render pass
/// (`quorum::base::shared`): every page of the example site renders to the same HTML whether its
/// views come from that cache or are converted afresh for it.
#[test]
fn pages_render_the_same_with_shared_views_cached_across_pages() {
    use quorum::internals::RenderPass;
    let site = quorum::internals::Site::load(&BuildOptions::new(example_root())).unwrap();
    let views = site.page_views();
    let pass = RenderPass::begin();
    let cached: Vec<Vec<u8>> = site
        .graph
        .pages
        .iter()
        .map(|p| site.renderer.render_in(&pass, &views, p).unwrap().html)
        .collect();
    drop(pass);
    for (page, cached) in site.graph.pages.iter().zip(&cached) {
        let fresh = site
            .renderer
            .render_in(&RenderPass::begin(), &views, page)
            .unwrap()
            .html;
        assert_eq!(&fresh, cached, "{}", page.path);
    }
    assert!(site.graph.pages.len() > 100);
}

/// A meeting page's view is made when the page is rendered, not held by the graph for the
/// whole build (about 9 KB a meeting): the graph's data of a meeting page cannot be
/// serialised, and the views made for rendering hold the meeting's minutes.
#[test]
fn meeting_views_are_made_when_their_pages_are_rendered() {
    let site = quorum::internals::Site::load(&BuildOptions::new(example_root())).unwrap();
    let views = site.page_views();
    let meeting_pages: Vec<_> = site
        .graph
        .pages
        .iter()
        .filter(|p| p.template == "meeting.html")
        .collect();
    assert!(meeting_pages.len() >= 5);
    for page in meeting_pages {
        let error = serde_json::to_value(&page.data).unwrap_err().to_string();
        assert!(error.contains("made when its page is rendered"), "{error}");
        let made = serde_json::to_value(views.data(page)).unwrap();
        assert_eq!(made["meeting"]["path"], page.path.as_str());
        assert!(made["meeting"]["items"]
            .as_array()
            .is_some_and(|i| !i.is_empty()));
    }
}

/// Pages link `/syntax.css` exactly when some meeting has highlighted code.
#[test]
fn syntax_css_is_linked_only_when_a_meeting_has_code() {
    let code =
        "---\ndate: 2020-01-01\nbody: Nätverket\n---\n## Punkt\n\n```rust\nfn main() {}\n```\n";
    let plain = "---\ndate: 2020-01-01\nbody: Nätverket\n---\n## Punkt\n\nText.\n";
    for (meeting, expected) in [(code, 1), (plain, 0)] {
        let site = fixture(&[("content/2020-01-01-a.md", meeting)]);
        let (out, _) = build_into(site.path(), None);
        let html = page(out.path(), "index.html");
        let links = select(&html, "link[rel=stylesheet]")
            .iter()
            .filter(|l| {
                l.value()
                    .attr("href")
                    .is_some_and(|h| h.ends_with("syntax.css"))
            })
            .count();
        assert_eq!(links, expected, "{meeting}");
        assert_eq!(out.path().join("public/syntax.css").exists(), expected == 1);
    }
}

/// A one-meeting site whose templates named in `templates` (e.g. "404.html") show `content`
/// in the base layout, plus any `more` files: for testing template helpers.
fn site_showing(templates: &[&str], content: &str, more: &[(&str, &str)]) -> tempfile::TempDir {
    let page = format!(
        "{{% extends \"base.html\" %}}{{% block content %}}{content}{{% endblock content %}}"
    );
    let paths: Vec<String> = templates.iter().map(|t| format!("templates/{t}")).collect();
    let mut files: Vec<(&str, &str)> = vec![("content/a.md", "---\ndate: 2020-01-01\n---\n")];
    files.extend(paths.iter().map(|p| (p.as_str(), page.as_str())));
    files.extend_from_slice(more);
    fixture(&files)
}

#[test]
fn the_url_filter_and_the_url_function_write_the_same_links_in_every_link_style() {
    // The 404 page links from the base path, the tags page from its folder.
    let site = site_showing(
        &["404.html", "tags.html"],
        "<a id=\"function\" href=\"{{ url(path='/meetings/a b/#item-1') }}\">x</a>\
         <a id=\"filter\" href=\"{{ '/meetings/a b/#item-1' | url }}\">x</a>",
        &[],
    );
    let href = |html: &scraper::Html, id: &str| -> String {
        select(html, &format!("#{id}"))[0]
            .value()
            .attr("href")
            .unwrap()
            .to_string()
    };
    for (links, expected_404, expected_tags) in [
        (
            LinkStyle::Relative,
            "/meetings/a%20b/#item-1",
            "../meetings/a%20b/#item-1",
        ),
        (
            LinkStyle::File,
            "meetings/a%20b/index.html#item-1",
            "../meetings/a%20b/index.html#item-1",
        ),
        (
            LinkStyle::Absolute,
            "/meetings/a%20b/#item-1",
            "/meetings/a%20b/#item-1",
        ),
    ] {
        let (out, _) = build_into(site.path(), Some(links));
        let not_found = page(out.path(), "404.html");
        let tags = page(out.path(), "tags/index.html");
        assert_eq!(href(&not_found, "filter"), expected_404, "{links:?}");
        assert_eq!(href(&not_found, "function"), expected_404, "{links:?}");
        assert_eq!(href(&tags, "filter"), expected_tags, "{links:?}");
        assert_eq!(href(&tags, "function"), expected_tags, "{links:?}");
    }
}

#[test]
fn the_t_filter_and_the_t_function_give_the_ui_string_of_the_page_language() {
    let content = "<p id=\"function\">{{ t(key='nav_meetings') }}</p>\
         <p id=\"filter\">{{ 'nav_meetings' | t }}</p>\
         <p id=\"built\">{{ ('nav_' ~ 'people') | t }}</p>";
    for (language, meetings, people) in [("sv", "Möten", "Personer"), ("en", "Meetings", "People")]
    {
        let site_toml = format!("title = \"Arkiv\"\nlanguage = \"{language}\"\n");
        let site = site_showing(&["404.html"], content, &[("site.toml", site_toml.as_str())]);
        let (out, _) = build_into(site.path(), None);
        let html = page(out.path(), "404.html");
        assert_eq!(texts(&html, "#function"), [meetings], "{language}");
        assert_eq!(texts(&html, "#filter"), [meetings], "{language}");
        assert_eq!(texts(&html, "#built"), [people], "{language}");
    }
}

#[test]
fn a_link_in_the_minutes_to_another_meeting_is_written_from_each_page() {
    let site = fixture(&[
        (
            "content/2020-01-01-a.md",
            "---\ndate: 2020-01-01\n---\n## Punkt\n\nSe [förra mötet](2019-12-01-b.md#item-1) och [mötet](/meetings/2019-12-01-b/).\n\nBeslut: Nätverket läser [protokollet](2019-12-01-b.md).\n",
        ),
        ("content/2019-12-01-b.md", "---\ndate: 2019-12-01\n---\n## Punkt\n"),
    ]);
    for (links, expected) in [
        (
            None,
            [
                "../../meetings/2019-12-01-b/#item-1",
                "../../meetings/2019-12-01-b/",
            ],
        ),
        (
            Some(LinkStyle::File),
            [
                "../../meetings/2019-12-01-b/index.html#item-1",
                "../../meetings/2019-12-01-b/index.html",
            ],
        ),
    ] {
        let (out, _) = build_into(site.path(), links);
        let html = page(out.path(), "meetings/2020-01-01-a/index.html");
        let hrefs: Vec<_> = select(&html, ".prose a[href]")
            .iter()
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert_eq!(hrefs[..2], expected, "{links:?}");
        // The decision is also shown on the timeline, one folder higher.
        let timeline = page(out.path(), "decisions/index.html");
        let card_links: Vec<_> = select(&timeline, ".card-text a[href]")
            .iter()
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert_eq!(card_links.len(), 1, "{links:?}");
        assert!(
            card_links[0].starts_with("../meetings/2019-12-01-b/"),
            "{card_links:?}"
        );
    }
}

#[test]
fn the_date_component_and_the_time_tag_filter_write_the_same_time_element() {
    let site = site_showing(
        &["404.html"],
        "<p id=\"component\">{{ <date d={'2021-03-04'} /> }}</p>\
         <p id=\"filter\">{{ '2021-03-04' | time_tag }}</p>",
        &[],
    );
    let (out, _) = build_into(site.path(), None);
    let html = page(out.path(), "404.html");
    for id in ["component", "filter"] {
        let time = select(&html, &format!("#{id} time"));
        assert_eq!(time.len(), 1, "{id}");
        assert_eq!(time[0].value().attr("datetime"), Some("2021-03-04"), "{id}");
        assert_eq!(text(&time[0]), "4 mars 2021", "{id}");
    }
}

#[test]
fn a_logo_and_an_accent_colour_from_site_toml() {
    let site = fixture(&[
        ("site.toml", "logo = \"logo.svg\"\naccent = \"#7a1f5c\"\n"),
        (
            "static/logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ),
        (
            "content/a.md",
            "---\ndate: 2020-01-01\n---\n## Punkt\n\nBeslut: Ja.\n",
        ),
    ]);
    let (out, _) = build_into(site.path(), None);
    assert!(out.path().join("public/logo.svg").exists());
    for path in ["index.html", "meetings/a/index.html"] {
        let html = page(out.path(), path);
        let logos = select(&html, ".site-title img.site-logo");
        assert_eq!(logos.len(), 1, "{path}");
        assert_eq!(logos[0].value().attr("alt"), Some(""));
        let style = texts(&html, "head style").join("");
        assert!(style.contains("--header-bg: #7a1f5c"), "{path}: {style}");
    }
    // Without the keys: no logo, no style.
    let plain = fixture(&[("content/a.md", "---\ndate: 2020-01-01\n---\n## Punkt\n")]);
    let (out, _) = build_into(plain.path(), None);
    let html = page(out.path(), "index.html");
    assert!(select(&html, "img.site-logo").is_empty());
    assert!(select(&html, "head style").is_empty());
}

#[test]
fn the_meetings_index_lists_the_newest_and_the_year_pages_list_the_rest() {
    let recent = quorum::internals::MEETINGS_RECENT;
    // Three meetings at the end of 2023, then `recent + 1`, two a day, in 2024.
    let dates: Vec<String> = (0..recent + 4)
        .map(|n| match n {
            0..3 => format!("2023-12-{}", 29 + n),
            _ => format!(
                "{}",
                chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
                    + chrono::Duration::days((n as i64 - 3) / 2)
            ),
        })
        .collect();
    let files: Vec<(String, String)> = dates
        .iter()
        .enumerate()
        .map(|(n, date)| {
            (
                format!("content/{date}-natverket-{n}.md"),
                format!("---\nbody: Nätverket\ndate: {date}\ntitle: Möte {n}\n---\nText.\n"),
            )
        })
        .collect();
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let site = fixture(&files);
    let (out, report) = build_into(site.path(), None);
    assert_eq!(report.meetings, recent + 4);
    let index = page(out.path(), "meetings/index.html");
    let listed = select(&index, "main .meeting-list li");
    assert_eq!(listed.len(), recent);
    let note = texts(&index, "main .more-note").join(" ");
    assert!(note.starts_with("4 "), "{note}");
    // The newest are 2024's but one; the heading counts every meeting of the year.
    let headings = texts(&index, "main h2");
    assert_eq!(headings.len(), 1, "{headings:?}");
    assert!(
        headings[0].contains(&(recent + 1).to_string()),
        "{headings:?}"
    );
    // The year pages list every meeting.
    let listed_on = |year: &str| {
        select(
            &page(out.path(), &format!("meetings/{year}/index.html")),
            "main .meeting-list li",
        )
        .len()
    };
    assert_eq!((listed_on("2023"), listed_on("2024")), (3, recent + 1));
}
