//! Markdown: turns a meeting's body into agenda items. Level-2 headings start items,
//! level-1 headings start appendices; inside an item, decision and action paragraphs are
//! found and marked up with stable anchors, and presenter text is picked out of the heading
//! or the first emphasised line. This is the only module that turns Markdown into HTML
//! fragments; it knows nothing of organisations, people or templates.

use crate::base::config::Language;
use crate::base::formal_words::RecordKind;
use crate::content::formal::{DecisionKind, Record, Vote};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

mod formal;
mod highlight;
mod links;
mod presenters;
mod types;

pub(crate) use formal::vote_counts;
pub(crate) use highlight::syntax_css;
use highlight::{highlight, syntax_for};
pub(crate) use links::{internal_site_path, is_safe_url};
pub(crate) use presenters::*;
pub use types::MarkdownOptions;
pub(crate) use types::{
    Appendix, Body, BodyItem, Extract, ExtractKind, Note, INTERNAL_LINK_PREFIX,
};

type Block<'a> = Vec<Event<'a>>;

/// Parses a meeting body.
pub fn parse_body(text: &str, options: &MarkdownOptions<'_>) -> Body {
    let mut body = Body::default();
    let mut parser_options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS;
    if options.smart_punctuation {
        parser_options |= Options::ENABLE_SMART_PUNCTUATION;
    }
    let parser = Parser::new_ext(text, parser_options).into_offset_iter();
    let events = parser.map(|(event, range)| (event, range.start));
    let lines = crate::base::config::LineIndex::new(text);
    let mut links = Vec::new();
    let events = prepare_events(events, options, &mut body.has_code, &mut links);
    body.internal_links = links
        .into_iter()
        .map(|(path, offset)| {
            let (line, column) = lines.line_column(offset);
            (path, line, column)
        })
        .collect();

    let mut section = Section::Intro(Vec::new());
    let mut anchors = AnchorSet::default();
    let mut word_alone: Option<usize> = None;
    for (block, offset) in split_blocks(events) {
        match block.first() {
            Some(Event::Start(Tag::Heading { level, .. }))
                if matches!(level, HeadingLevel::H1 | HeadingLevel::H2) =>
            {
                section.finish(&mut body, options);
                let heading = plain_text(&block);
                let (line, _) = lines.line_column(offset);
                section = if *level == HeadingLevel::H2 {
                    Section::item(&heading, body.items.len() + 1, line, &mut anchors, options)
                } else {
                    Section::appendix(heading, body.appendices.len() + 1)
                };
            }
            _ => {
                // A protokoll's "Beslut" on a line of its own, then "Nämnden beslutar
                // att": the lead is the decision, so the word alone needs no warning.
                if let Some(at) = word_alone
                    .take()
                    .filter(|_| starts_decisions(&block, options))
                {
                    body.notes.remove(at);
                }
                if !matches!(section, Section::Appendix(..)) {
                    if let Some((message, hint)) =
                        paragraph_note(&block, options, matches!(section, Section::Intro(_)))
                    {
                        let (line, column) = lines.line_column(offset);
                        if message.contains("alone on a line") {
                            word_alone = Some(body.notes.len());
                        }
                        body.notes.push(Note {
                            line,
                            column,
                            message,
                            hint,
                        });
                    }
                }
                section.push(block)
            }
        }
    }
    section.finish(&mut body, options);
    body
}

/// The part of the body being collected.
enum Section<'a> {
    Intro(Vec<Block<'a>>),
    Item(BodyItem, Vec<Block<'a>>),
    Appendix(Appendix, Vec<Block<'a>>),
}

impl<'a> Section<'a> {
    fn item(
        heading: &str,
        position: usize,
        line: usize,
        anchors: &mut AnchorSet,
        options: &MarkdownOptions<'_>,
    ) -> Self {
        let (number, rest) = split_item_number(heading);
        let number = number.unwrap_or_else(|| position.to_string());
        let (rest, case_number) = match options.all_words {
            Some((words, language)) => formal::split_case_number(
                rest,
                words.record_words(RecordKind::CaseNumber, language),
            ),
            None => (rest, None),
        };
        let (title, presenters) = split_heading_presenters(rest);
        let item = BodyItem {
            anchor: anchors.unique(format!("item-{}", number)),
            number,
            title: title.to_string(),
            presenters: presenters.map(str::to_string),
            html: String::new(),
            decisions: Vec::new(),
            actions: Vec::new(),
            line,
            case_number,
            records: Default::default(),
        };
        Section::Item(item, Vec::new())
    }

    fn appendix(title: String, position: usize) -> Self {
        let appendix = Appendix {
            title,
            anchor: format!("appendix-{position}"),
            html: String::new(),
        };
        Section::Appendix(appendix, Vec::new())
    }

    fn push(&mut self, block: Block<'a>) {
        match self {
            Section::Intro(blocks) | Section::Item(_, blocks) | Section::Appendix(_, blocks) => {
                blocks.push(block)
            }
        }
    }

    fn finish(&mut self, body: &mut Body, options: &MarkdownOptions<'_>) {
        match std::mem::replace(self, Section::Intro(Vec::new())) {
            Section::Intro(blocks) => {
                for block in blocks {
                    push_html(&mut body.intro_html, block);
                }
            }
            Section::Item(mut item, mut blocks) => {
                if item.presenters.is_none() {
                    item.presenters = take_presenter_line(&mut blocks);
                }
                render_item(&mut item, blocks, options);
                body.items.push(item);
            }
            Section::Appendix(mut appendix, blocks) => {
                for block in blocks {
                    push_html(&mut appendix.html, block);
                }
                body.appendices.push(appendix);
            }
        }
    }
}

#[derive(Default)]
struct AnchorSet(std::collections::HashSet<String>);

impl AnchorSet {
    /// `anchor`, or `anchor-2`, `anchor-3`, ... when it is taken.
    fn unique(&mut self, anchor: String) -> String {
        let mut candidate = anchor.clone();
        let mut n = 2;
        while !self.0.insert(candidate.clone()) {
            candidate = format!("{anchor}-{n}");
            n += 1;
        }
        candidate
    }
}

/// Escapes raw HTML when it is not allowed and highlights fenced code blocks.
fn prepare_events<'a>(
    events: impl Iterator<Item = (Event<'a>, usize)>,
    options: &MarkdownOptions<'_>,
    has_code: &mut bool,
    links: &mut Vec<(String, usize)>,
) -> Vec<(Event<'a>, usize)> {
    let mut out = Vec::new();
    let mut code: Option<(String, String, usize)> = None;
    for (event, offset) in events {
        if let Some((lang, buffer, start)) = &mut code {
            match event {
                Event::Text(t) => buffer.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let html = highlight(lang, buffer);
                    *has_code = true;
                    out.push((Event::Html(html.into()), *start));
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(ref lang)))
                if options.highlight_code && syntax_for(lang).is_some() =>
            {
                code = Some((lang.to_string(), String::new(), offset));
            }
            Event::Html(html) | Event::InlineHtml(html) if !options.allow_html => {
                out.push((Event::Text(html), offset));
            }
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) if !options.allow_html => {
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = if options.allow_html || is_safe_url(&dest_url) {
                    dest_url
                } else {
                    CowStr::from("#")
                };
                let dest_url = match internal_site_path(&dest_url) {
                    Some(path) => {
                        let marked = format!("{INTERNAL_LINK_PREFIX}{path}");
                        links.push((path, offset));
                        CowStr::from(marked)
                    }
                    None => dest_url,
                };
                let link = Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                };
                out.push((Event::Start(link), offset));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) if !options.allow_html && !is_safe_url(&dest_url) => {
                let image = Tag::Image {
                    link_type,
                    dest_url: CowStr::from(""),
                    title,
                    id,
                };
                out.push((Event::Start(image), offset));
            }
            other => out.push((other, offset)),
        }
    }
    out
}

/// Groups events into top-level blocks (a paragraph, a list, a heading, ...).
fn split_blocks<'a>(events: Vec<(Event<'a>, usize)>) -> Vec<(Block<'a>, usize)> {
    let mut blocks = Vec::new();
    let mut current: Block<'a> = Vec::new();
    let mut start = 0;
    let mut depth = 0usize;
    for (event, offset) in events {
        if current.is_empty() {
            start = offset;
        }
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        current.push(event);
        if depth == 0 {
            blocks.push((std::mem::take(&mut current), start));
        }
    }
    if !current.is_empty() {
        blocks.push((current, start));
    }
    blocks
}

fn push_html<'a>(out: &mut String, events: impl IntoIterator<Item = Event<'a>>) {
    pulldown_cmark::html::push_html(out, events.into_iter());
}

/// The text of some events, with breaks as spaces and no markup.
fn plain_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}

/// Takes an item's first paragraph when it is only emphasised presenter text
/// ("*Karin Engström, Fyrbodals kommunalförbund*").
fn take_presenter_line(blocks: &mut Vec<Block<'_>>) -> Option<String> {
    let first = blocks.first()?;
    let inner = paragraph_inner(first)?;
    let is_emphasis_only = matches!(inner.first(), Some(Event::Start(Tag::Emphasis)))
        && matches!(inner.last(), Some(Event::End(TagEnd::Emphasis)));
    if !is_emphasis_only {
        return None;
    }
    let text = plain_text(inner);
    let text = text.trim().trim_end_matches(',').trim();
    if !looks_like_presenters(text) {
        return None;
    }
    let text = text.to_string();
    blocks.remove(0);
    Some(text)
}

/// The events inside a paragraph block, without its start and end.
fn paragraph_inner<'b, 'a>(block: &'b [Event<'a>]) -> Option<&'b [Event<'a>]> {
    match (block.first(), block.last()) {
        (Some(Event::Start(Tag::Paragraph)), Some(Event::End(TagEnd::Paragraph)))
            if block.len() >= 2 =>
        {
            Some(&block[1..block.len() - 1])
        }
        _ => None,
    }
}

fn is_list(block: Option<&Block<'_>>) -> bool {
    matches!(
        block.and_then(|b| b.first()),
        Some(Event::Start(Tag::List(_)))
    )
}

/// A paragraph's marker: ("Beslut: text") → (Decision, chars of "Beslut: ", "text"), and
/// the language and word when the word is another language's than the meeting's.
fn find_marker(text: &str, options: &MarkdownOptions<'_>) -> Option<Marker> {
    let own = [
        (ExtractKind::Decision, options.decision_words),
        (ExtractKind::Action, options.action_words),
    ];
    for (kind, words) in own {
        if let Some(found) = match_marker(text, kind, words, None) {
            return Some(found);
        }
    }
    let (all, language) = options.all_words?;
    for other in Language::ALL.into_iter().filter(|l| *l != language) {
        let kinds = [
            (ExtractKind::Decision, all.decision_words(other)),
            (ExtractKind::Action, all.action_words(other)),
        ];
        for (kind, words) in kinds {
            if let Some(found) = match_marker(text, kind, words, Some(other)) {
                return Some(found);
            }
        }
    }
    None
}

/// What [`find_marker`] finds.
struct Marker {
    kind: ExtractKind,
    chars: usize,
    remainder: String,
    /// The word's language and the word, when it is not the meeting's language.
    foreign: Option<(Language, String)>,
}

fn match_marker(
    text: &str,
    kind: ExtractKind,
    words: &[String],
    language: Option<Language>,
) -> Option<Marker> {
    for word in words {
        let Some(rest) = strip_prefix_ignore_case(text, word) else {
            continue;
        };
        let after_space = rest.trim_start();
        let Some(after_colon) = after_space.strip_prefix(':') else {
            continue;
        };
        let remainder = after_colon.trim_start();
        return Some(Marker {
            kind,
            chars: text.chars().count() - remainder.chars().count(),
            remainder: remainder.trim_end().to_string(),
            foreign: language.map(|l| (l, word.clone())),
        });
    }
    None
}

fn language_name(language: Language) -> &'static str {
    match language {
        Language::Sv => "a Swedish",
        Language::En => "an English",
    }
}

/// Sentences that report a decision in prose ("Mötet beslutade att …"): the first words,
/// lower case, up to and including the word after the verb.
const DECISION_PROSE: [&[&str]; 4] = [
    &[
        "mötet",
        "nätverket",
        "styrelsen",
        "gruppen",
        "styrgruppen",
        "arbetsgruppen",
        "nämnden",
        "vi",
    ],
    &["beslutade", "beslöt", "beslutar"],
    &["the", "it", "we"],
    &["decided", "resolved", "agreed"],
];

/// Whether a paragraph reports a decision in prose: "Mötet beslutade att …", "Det
/// beslutades att …", "The meeting decided to …", "It was agreed that …".
fn is_decision_prose(text: &str) -> bool {
    let words: Vec<String> = text
        .split_whitespace()
        .take(5)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let word = |i: usize| words.get(i).map_or("", String::as_str);
    let [sv_subjects, sv_verbs, en_starts, en_verbs] = DECISION_PROSE;
    let swedish =
        (sv_subjects.contains(&word(0)) && sv_verbs.contains(&word(1)) && word(2) == "att")
            || (word(0) == "det" && word(1) == "beslutades" && word(2) == "att");
    let english_verb_at =
        |i: usize| en_verbs.contains(&word(i)) && matches!(word(i + 1), "to" | "that");
    let english = en_starts.contains(&word(0))
        && (english_verb_at(1)
            || (word(0) == "the" && english_verb_at(2))
            || (word(0) == "it" && word(1) == "was" && english_verb_at(2)));
    swedish || english
}

/// A warning for a paragraph that is a decision or an action in another language's words,
/// one that looks like a decision or an action but is not read as one (no colon after the
/// word, the word alone on its line, a decision told in prose), or a decision outside an
/// agenda item: (message, hint).
fn paragraph_note(
    block: &Block<'_>,
    options: &MarkdownOptions<'_>,
    in_intro: bool,
) -> Option<(String, String)> {
    let inner = paragraph_inner(block)?;
    let text = plain_text(inner);
    let note = word_note(inner, &text, options, in_intro)?;
    // A record or a lead of decisions is read as such, so its words are not misread.
    // Asked last, of the few paragraphs with a note: asked of every paragraph, it was a
    // tenth of the Markdown step.
    if !in_intro && is_formal_paragraph(&text, options) {
        return None;
    }
    Some(note)
}

/// [`paragraph_note`]'s note for the paragraph `inner` (its plain text `text`), before
/// formal paragraphs are set aside.
fn word_note(
    inner: &[Event<'_>],
    text: &str,
    options: &MarkdownOptions<'_>,
    in_intro: bool,
) -> Option<(String, String)> {
    if let Some(marker) = find_marker(text, options) {
        let kind = marker.kind.name();
        let a_kind = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
            format!("an {kind}")
        } else {
            format!("a {kind}")
        };
        if in_intro {
            return Some((
                format!("{a_kind} before the first agenda item is not listed"),
                format!("{kind}s are read inside agenda items: put a `## ` heading above it"),
            ));
        }
        let (language, word) = marker.foreign?;
        let meeting = options.all_words.map_or("", |(_, l)| l.code());
        return Some((
            format!("{a_kind} written with another language's word"),
            format!(
                "`{word}:` is {} {kind} word; this meeting's language is {meeting} — add `language: {}` to the front matter",
                language_name(language),
                language.code()
            ),
        ));
    }
    if in_intro {
        return None;
    }
    // The words of every language, the meeting's first.
    let mut candidates: Vec<(ExtractKind, &String)> = Vec::new();
    let own = options
        .decision_words
        .iter()
        .map(|w| (ExtractKind::Decision, w))
        .chain(
            options
                .action_words
                .iter()
                .map(|w| (ExtractKind::Action, w)),
        );
    candidates.extend(own);
    if let Some((all, _)) = options.all_words {
        for language in Language::ALL {
            candidates.extend(
                all.decision_words(language)
                    .iter()
                    .map(|w| (ExtractKind::Decision, w)),
            );
            candidates.extend(
                all.action_words(language)
                    .iter()
                    .map(|w| (ExtractKind::Action, w)),
            );
        }
    }
    for (kind, word) in candidates {
        let Some(rest) = strip_prefix_ignore_case(text, word) else {
            continue;
        };
        let name = kind.name();
        let first_line = text_before_break(inner);
        let line_rest = strip_prefix_ignore_case(first_line.trim(), word).unwrap_or("x");
        let alone = line_rest
            .trim_matches(|c: char| c.is_whitespace() || c == '.')
            .is_empty();
        if alone {
            return Some((
                format!("`{word}` alone on a line is not read as a {name}"),
                format!(
                    "write `{word}:` with a colon; the text after it, or the paragraph or list that follows, is then listed as the {name}"
                ),
            ));
        }
        let next = rest.trim_start();
        let next_word: String = next.split_whitespace().next().unwrap_or("").to_lowercase();
        let joined = rest.starts_with(char::is_whitespace)
            && (matches!(next_word.as_str(), "att" | "to" | "that" | "-" | "–" | "—"));
        if joined {
            return Some((
                format!("`{word} …` without a colon is not read as a {name}"),
                format!("start the paragraph with `{word}:` (with a colon) to list it as a {name}"),
            ));
        }
    }
    if is_decision_prose(text) {
        let word = options
            .decision_words
            .first()
            .map_or("Beslut", String::as_str);
        return Some((
            "this paragraph reports a decision in prose; it is not listed as one".into(),
            format!(
                "to list it on the decision timeline, start the paragraph with `{word}:`; if it is not this meeting's decision, leave it as it is"
            ),
        ));
    }
    None
}

/// The plain text of a paragraph's first line.
fn text_before_break(inner: &[Event<'_>]) -> String {
    let end = inner
        .iter()
        .position(|e| matches!(e, Event::SoftBreak | Event::HardBreak))
        .unwrap_or(inner.len());
    plain_text(&inner[..end])
}

fn strip_prefix_ignore_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let mut chars = text.char_indices();
    for expected in prefix.chars() {
        let (_, actual) = chars.next()?;
        // Every paragraph is tried against every decision and action word of every
        // language, and most differ in their first, ASCII, letter: compared directly, as
        // ASCII letters lower-case to ASCII letters alone.
        let same = if actual.is_ascii() && expected.is_ascii() {
            actual.eq_ignore_ascii_case(&expected)
        } else {
            actual.to_lowercase().eq(expected.to_lowercase())
        };
        if !same {
            return None;
        }
    }
    let end = chars.next().map_or(text.len(), |(i, _)| i);
    Some(&text[end..])
}

/// Renders an item's blocks, marking up decisions and actions.
fn render_item(item: &mut BodyItem, blocks: Vec<Block<'_>>, options: &MarkdownOptions<'_>) {
    let mut blocks = blocks.into_iter().peekable();
    while let Some(block) = blocks.next() {
        if render_formal(item, &block, &mut blocks, options) {
            continue;
        }
        let Some(inner) = paragraph_inner(&block) else {
            push_html(&mut item.html, block);
            continue;
        };
        let text = plain_text(inner);
        let Some(Marker {
            kind,
            chars: marker_chars,
            remainder,
            ..
        }) = find_marker(&text, options)
        else {
            push_html(&mut item.html, block);
            continue;
        };
        let introduces_list = remainder.is_empty() || remainder.ends_with(':');
        let lead = (kind == ExtractKind::Decision)
            .then(|| lead_of(&remainder, options))
            .flatten()
            .filter(|lead| lead.rest.is_empty());
        if let Some(lead) = lead.filter(|_| is_list(blocks.peek())) {
            open_tag(&mut item.html, "p", "decision-lead", None);
            push_html(&mut item.html, inner.iter().cloned());
            item.html.push_str("</p>\n");
            let list = blocks.next().unwrap_or_default();
            render_att_satser(item, &lead, list);
        } else if introduces_list && is_list(blocks.peek()) {
            open_tag(&mut item.html, "p", &format!("{}-lead", kind.name()), None);
            push_html(&mut item.html, inner.iter().cloned());
            item.html.push_str("</p>\n");
            let list = blocks.next().unwrap_or_default();
            render_extract_list(item, kind, list);
        } else if remainder.is_empty() && blocks.peek().and_then(|b| paragraph_inner(b)).is_some() {
            open_tag(&mut item.html, "p", &format!("{}-lead", kind.name()), None);
            push_html(&mut item.html, inner.iter().cloned());
            item.html.push_str("</p>\n");
            let next = blocks.next().unwrap_or_default();
            let next_inner = paragraph_inner(&next).unwrap_or_default();
            let extract = new_extract(item, kind, next_inner.to_vec());
            open_tag(&mut item.html, "p", kind.name(), Some(&extract.anchor));
            push_html(&mut item.html, next_inner.iter().cloned());
            item.html.push_str("</p>\n");
            push_extract(item, kind, extract);
        } else if remainder.is_empty() {
            push_html(&mut item.html, block);
        } else {
            let stripped = strip_marker(inner, marker_chars);
            let extract = new_extract(item, kind, stripped);
            open_tag(&mut item.html, "p", kind.name(), Some(&extract.anchor));
            push_html(&mut item.html, inner.iter().cloned());
            item.html.push_str("</p>\n");
            push_extract(item, kind, extract);
        }
    }
}

/// One extract per list item: "Beslut: ... följande beslut:" followed by a list.
fn render_extract_list(item: &mut BodyItem, kind: ExtractKind, list: Block<'_>) {
    let ordered = matches!(list.first(), Some(Event::Start(Tag::List(Some(_)))));
    let tag = if ordered { "ol" } else { "ul" };
    open_tag(&mut item.html, tag, &format!("{}-list", kind.name()), None);
    for entry in list_items(&list) {
        let extract = new_extract(item, kind, entry.to_vec());
        open_tag(&mut item.html, "li", kind.name(), Some(&extract.anchor));
        push_html(&mut item.html, entry.iter().cloned());
        item.html.push_str("</li>\n");
        push_extract(item, kind, extract);
    }
    item.html.push_str(&format!("</{tag}>\n"));
}

/// The inner events of each top-level item of a list block.
fn list_items<'b, 'a>(list: &'b [Event<'a>]) -> Vec<&'b [Event<'a>]> {
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, event) in list.iter().enumerate() {
        match event {
            Event::Start(Tag::Item) if depth == 1 => {
                start = i + 1;
                depth += 1;
            }
            Event::End(TagEnd::Item) if depth == 2 => {
                items.push(&list[start..i]);
                depth -= 1;
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    items
}

fn new_extract(item: &BodyItem, kind: ExtractKind, events: Vec<Event<'_>>) -> Extract {
    let count = match kind {
        ExtractKind::Decision => item.decisions.len(),
        ExtractKind::Action => item.actions.len(),
    };
    let mut html = String::new();
    push_html(&mut html, events.iter().cloned());
    Extract {
        // From the item's anchor, which is unique even when two items share a number.
        anchor: format!(
            "{}-{}-{}",
            kind.name(),
            item.anchor.trim_start_matches("item-"),
            count + 1
        ),
        text: plain_text(&events),
        html: html.trim().to_string(),
        kind: DecisionKind::Decision,
    }
}

fn push_extract(item: &mut BodyItem, kind: ExtractKind, extract: Extract) {
    match kind {
        ExtractKind::Decision => item.decisions.push(extract),
        ExtractKind::Action => item.actions.push(extract),
    }
}

fn open_tag(out: &mut String, tag: &str, class: &str, id: Option<&str>) {
    out.push('<');
    out.push_str(tag);
    out.push_str(" class=\"");
    out.push_str(class);
    out.push('"');
    if let Some(id) = id {
        out.push_str(" id=\"");
        out.push_str(id);
        out.push('"');
    }
    out.push('>');
}

/// Removes the first `chars` characters of text (the "Beslut: " marker) from inline
/// events, and the emphasis around the marker if nothing else is left inside it.
fn strip_marker<'a>(events: &[Event<'a>], chars: usize) -> Vec<Event<'a>> {
    let mut remaining = chars;
    let mut out: Vec<Event<'a>> = Vec::with_capacity(events.len());
    for event in events {
        if remaining == 0 {
            out.push(event.clone());
            continue;
        }
        match event {
            Event::Text(t) => {
                let count = t.chars().count();
                if count <= remaining {
                    remaining -= count;
                } else {
                    let cut = t.char_indices().nth(remaining).map_or(t.len(), |(i, _)| i);
                    let rest = t[cut..].trim_start().to_string();
                    remaining = 0;
                    if !rest.is_empty() {
                        out.push(Event::Text(CowStr::from(rest)));
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => remaining = remaining.saturating_sub(1),
            other => out.push(other.clone()),
        }
    }
    remove_empty_wrappers(out)
}

fn remove_empty_wrappers(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    for event in events {
        let closes_empty = matches!(
            (out.last(), &event),
            (Some(Event::Start(Tag::Strong)), Event::End(TagEnd::Strong))
                | (
                    Some(Event::Start(Tag::Emphasis)),
                    Event::End(TagEnd::Emphasis)
                )
        );
        if closes_empty {
            out.pop();
        } else {
            out.push(event);
        }
    }
    while let Some(Event::Text(t)) = out.first() {
        let trimmed = t.trim_start().to_string();
        if trimmed.is_empty() {
            out.remove(0);
        } else {
            out[0] = Event::Text(CowStr::from(trimmed));
            break;
        }
    }
    out
}

/// The lead of att-satser in a paragraph's text, when the meeting's language has the
/// words.
fn lead_of(text: &str, options: &MarkdownOptions<'_>) -> Option<formal::Lead> {
    let (words, language) = options.all_words?;
    let (resolution, proposal) = words.lead_words(language);
    formal::lead_of(text, resolution, proposal)
}

/// The record a paragraph or heading starts, and the text after its word.
fn record_of(text: &str, options: &MarkdownOptions<'_>) -> Option<(RecordKind, String)> {
    let (words, language) = options.all_words?;
    let lists: Vec<(RecordKind, &[String])> = RecordKind::ALL
        .into_iter()
        .map(|kind| (kind, words.record_words(kind, language)))
        .collect();
    formal::record_of(text, &lists)
}

/// Whether a paragraph is read as a record or a lead of decisions (so `check` has nothing
/// to say about it).
fn is_formal_paragraph(text: &str, options: &MarkdownOptions<'_>) -> bool {
    record_of(text, options).is_some() || lead_of(text, options).is_some()
}

/// Whether a block is a paragraph that leads decisions ("Nämnden beslutar att …").
fn starts_decisions(block: &[Event<'_>], options: &MarkdownOptions<'_>) -> bool {
    paragraph_inner(block).is_some_and(|inner| lead_of(&plain_text(inner), options).is_some())
}

/// The text of a level-3 to level-6 heading.
fn small_heading_text(block: &[Event<'_>]) -> Option<String> {
    match block.first() {
        Some(Event::Start(Tag::Heading { level, .. }))
            if !matches!(level, HeadingLevel::H1 | HeadingLevel::H2) =>
        {
            Some(plain_text(block))
        }
        _ => None,
    }
}

/// Renders a block of formal minutes: a record (`Reservation: …`, or `Reservation` alone
/// or as a heading with the next paragraph or list as its text), a lead of att-satser
/// with its list, or a paragraph that states a decision ("Nämnden beslutar att …"). False
/// when the block is none of these.
fn render_formal<'a>(
    item: &mut BodyItem,
    block: &Block<'a>,
    blocks: &mut std::iter::Peekable<std::vec::IntoIter<Block<'a>>>,
    options: &MarkdownOptions<'_>,
) -> bool {
    let inner = paragraph_inner(block);
    let Some(text) = inner.map(plain_text).or_else(|| small_heading_text(block)) else {
        return false;
    };
    let next_is_text = blocks
        .peek()
        .is_some_and(|b| paragraph_inner(b).is_some() || is_list(Some(b)));
    if let Some((kind, rest)) = record_of(&text, options) {
        if rest.is_empty() && next_is_text {
            let lead = match inner {
                Some(inner) => {
                    let mut html = String::new();
                    open_tag(&mut html, "p", "record-lead", None);
                    push_html(&mut html, inner.iter().cloned());
                    html.push_str("</p>\n");
                    html
                }
                None => {
                    let mut html = String::new();
                    push_html(&mut html, block.iter().cloned());
                    html
                }
            };
            item.html.push_str(&lead);
            let next = blocks.next().unwrap_or_default();
            let text = plain_text(&next);
            let mut html = String::new();
            push_html(&mut html, next);
            wrap_record(item, kind, text, html);
            return true;
        }
        let Some(inner) = inner.filter(|_| !rest.is_empty()) else {
            return false;
        };
        let mut html = String::new();
        open_tag(&mut html, "p", "record-text", None);
        push_html(&mut html, inner.iter().cloned());
        html.push_str("</p>\n");
        wrap_record(item, kind, rest, html);
        return true;
    }
    let Some(inner) = inner else {
        return false;
    };
    let lead = lead_of(&text, options).filter(|_| find_marker(&text, options).is_none());
    if let Some(lead) = lead {
        if lead.rest.is_empty() && is_list(blocks.peek()) {
            open_tag(&mut item.html, "p", "decision-lead", None);
            push_html(&mut item.html, inner.iter().cloned());
            item.html.push_str("</p>\n");
            let list = blocks.next().unwrap_or_default();
            render_att_satser(item, &lead, list);
            return true;
        }
        if !lead.rest.is_empty() {
            let mut extract = new_extract(item, ExtractKind::Decision, inner.to_vec());
            extract.kind = lead.kind;
            open_tag(
                &mut item.html,
                "p",
                decision_class(lead.kind),
                Some(&extract.anchor),
            );
            push_html(&mut item.html, inner.iter().cloned());
            item.html.push_str("</p>\n");
            push_extract(item, ExtractKind::Decision, extract);
            return true;
        }
    }
    if let Some((yes, no, abstain)) =
        formal::vote_counts(&text).filter(|(y, n, _)| y.is_some() && n.is_some())
    {
        item.records.votes.push(Vote {
            text: text.clone(),
            yes,
            no,
            abstain,
        });
    }
    false
}

fn decision_class(kind: DecisionKind) -> &'static str {
    match kind {
        DecisionKind::Decision => "decision",
        DecisionKind::Proposal => "decision proposal",
    }
}

/// Adds a record to the item and its HTML, wrapped so the theme can show its kind.
fn wrap_record(item: &mut BodyItem, kind: RecordKind, text: String, html: String) {
    let class = format!("record record-{}", record_class(kind));
    open_tag(&mut item.html, "div", &class, None);
    item.html.push_str(&html);
    item.html.push_str("</div>\n");
    match kind {
        RecordKind::CaseNumber => {
            item.case_number.get_or_insert(text);
        }
        RecordKind::Vote => {
            let (yes, no, abstain) = formal::vote_counts(&text).unwrap_or_default();
            item.records.votes.push(Vote {
                text,
                yes,
                no,
                abstain,
            });
        }
        _ => item.records.entries.push(Record {
            kind,
            people: formal::named_people(&text),
            text,
            html: html.trim().to_string(),
        }),
    }
}

fn record_class(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::CaseNumber => "case-number",
        RecordKind::Vote => "vote",
        RecordKind::Reservation => "reservation",
        RecordKind::Interest => "interest",
        RecordKind::Note => "note",
        RecordKind::Motion => "motion",
        RecordKind::SentTo => "sent-to",
    }
}

/// One decision per att-sats: each reads "<lead> <att-sats>" on the timeline.
fn render_att_satser(item: &mut BodyItem, lead: &formal::Lead, list: Block<'_>) {
    let ordered = matches!(list.first(), Some(Event::Start(Tag::List(Some(_)))));
    let tag = if ordered { "ol" } else { "ul" };
    open_tag(&mut item.html, tag, "decision-list att-satser", None);
    for entry in list_items(&list) {
        let mut extract = new_extract(item, ExtractKind::Decision, entry.to_vec());
        extract.text = formal::att_sats(&lead.lead, &extract.text);
        extract.kind = lead.kind;
        open_tag(
            &mut item.html,
            "li",
            decision_class(lead.kind),
            Some(&extract.anchor),
        );
        push_html(&mut item.html, entry.iter().cloned());
        item.html.push_str("</li>\n");
        push_extract(item, ExtractKind::Decision, extract);
    }
    item.html.push_str(&format!("</{tag}>\n"));
}

#[cfg(test)]
mod tests;
