//! The public audience's view of the model: the one step between reading the content and
//! the site graph that decides what a public build may show. Protected people (people.yaml
//! `public: false`, or everyone not `public: true` when site.toml says
//! `named = "only-marked"`) lose their page, and their names and aliases become their
//! `shown_as` or a neutral placeholder everywhere in the model: participants, titles,
//! tags, item, decision and action text, appendices, attachments. Items, paragraphs and
//! attachments marked internal are replaced by a notice. Every later stage (pages, search,
//! feeds, archive.json, sitemap) reads only the masked model, so none of them can leak.
//!
//! A new field of the model that holds a person or text joins here: a person key through
//! [`PublicView::participant`] (or [`PublicView::person_key`]), plain text through
//! [`PublicView::text`], HTML through [`PublicView::html`], in [`PublicView::meeting`].

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use regex::Regex;
use rustc_hash::FxHashMap;

use crate::base::audience::{AudienceConfig, NamedPeople};
use crate::base::config::Language;
use crate::base::diagnostic::Diagnostic;
use crate::base::slug::slugify;
use crate::content::followup::types::{ExtractTerms, Owner, Update, Written};
use crate::content::formal::{Approval, Formal, Member, Posting, Record, Records, Vote};
use crate::content::model::{
    Appendix, Archive, Attachment, Exposure, Extract, Item, Meeting, PackedTexts, Participant,
    Person, Tag,
};
use crate::content::participant;

/// The start of a stand-in person's key (`withheld-namn-borttaget`).
const STAND_IN_PREFIX: &str = "withheld-";

/// What a public build does to the model; built from the archive as read.
#[derive(Debug, Clone)]
pub(crate) struct PublicView {
    config: AudienceConfig,
    /// Protected person key → what they are shown as (None: the placeholder).
    protected: BTreeMap<String, Option<String>>,
    /// Every protected name and alias, normalised ([`normalise`]) → person key.
    names: FxHashMap<String, String>,
    /// Finds any protected name or alias in text; None when nobody is protected.
    matcher: Option<Regex>,
    /// The protected names as slugs ("asa-furen-thulin"), to find them in file names.
    slugs: Vec<String>,
    /// The words that mark an item or a paragraph internal, in any language.
    internal_words: Vec<String>,
    /// Organisations whose name holds a protected name (a person's name read as an
    /// organisation, "Åsa F-T konsult"): they leave with their page.
    hidden_organisations: BTreeSet<String>,
}

impl PublicView {
    /// The view for a public build, or None for an internal one (which shows the model
    /// as read, byte for byte the site it always was).
    pub(crate) fn of(config: &AudienceConfig, archive: &Archive) -> Option<Self> {
        if !config.is_public() {
            return None;
        }
        let people = &archive.people;
        let protected: BTreeMap<String, Option<String>> = people
            .values()
            .filter(|p| is_protected(config.named, &p.exposure))
            .map(|p| (p.key.clone(), p.exposure.shown_as.clone()))
            .collect();
        let mut names = FxHashMap::default();
        let mut patterns: Vec<String> = Vec::new();
        let mut slugs = Vec::new();
        for key in protected.keys() {
            let person = &people[key];
            for name in std::iter::once(&person.name).chain(&person.aliases) {
                let name = name.trim();
                if name.chars().count() < 2 {
                    continue;
                }
                names.insert(normalise(name), key.clone());
                patterns.push(name.to_string());
                slugs.push(slugify(name));
            }
        }
        // Longest first, so that "Åsa Furén-Thulin" is replaced whole, not as "Åsa F…".
        patterns.sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
        patterns.dedup();
        slugs.retain(|s| !s.is_empty());
        let matcher = (!patterns.is_empty()).then(|| name_matcher(&patterns));
        let hidden_organisations = match &matcher {
            Some(matcher) => archive
                .organisations
                .values()
                .filter(|o| {
                    std::iter::once(&o.name)
                        .chain(&o.short)
                        .chain(&o.aliases)
                        .any(|name| matcher.is_match(name))
                })
                .map(|o| o.key.clone())
                .collect(),
            None => BTreeSet::new(),
        };
        Some(PublicView {
            config: config.clone(),
            protected,
            names,
            matcher,
            slugs,
            internal_words: config.internal_words(),
            hidden_organisations,
        })
    }

    /// Masks the whole archive: every meeting, and the people (protected ones leave,
    /// the stand-ins that take their places in participant lists come in, without pages).
    /// Returns an error for each meeting whose file name names a protected person.
    pub(crate) fn apply(&self, archive: &mut Archive) -> Vec<Diagnostic> {
        let mut stand_ins = BTreeMap::new();
        let mut problems = Vec::new();
        for meeting in &archive.meetings {
            for p in meeting.participants() {
                if let Some((key, name)) = self.stand_in(&p.person, meeting.language) {
                    stand_ins.insert(key, name);
                }
            }
            if self.names_in_file_name(&meeting.slug) {
                problems.push(
                    Diagnostic::error(
                        &meeting.source,
                        "the meeting's file name names a person a public build must not name",
                    )
                    .with_hint(
                        "rename the file (its name is the page's address and every \
                         decision's id), for example to the date and the body",
                    ),
                );
            }
        }
        for meeting in &mut archive.meetings {
            *meeting = Arc::new(self.meeting(meeting));
        }
        archive
            .people
            .retain(|key, _| !self.protected.contains_key(key));
        archive
            .organisations
            .retain(|key, _| !self.hidden_organisations.contains(key));
        for person in archive.people.values_mut() {
            person.organisation = self.organisation(person.organisation.as_ref());
        }
        for (key, name) in stand_ins {
            archive.people.insert(
                key.clone(),
                Person {
                    key,
                    name,
                    aliases: Vec::new(),
                    organisation: None,
                    registered: true,
                    exposure: Exposure {
                        withheld: true,
                        ..Exposure::default()
                    },
                },
            );
        }
        problems
    }

    /// One meeting as the public sees it.
    pub(crate) fn meeting(&self, meeting: &Meeting) -> Meeting {
        let lang = meeting.language;
        let m = meeting;
        let html = m.items_html();
        let (items, items_html): (Vec<Item>, Vec<String>) = (m.items.iter().zip(html.iter()))
            .map(|(item, html)| self.item(item, html, lang))
            .unzip();
        Meeting {
            title: self.text(&m.title, lang),
            organiser: self.organisation(m.organiser.as_ref()),
            location: m.location.as_deref().map(|l| self.text(l, lang)),
            chair: m.chair.as_ref().map(|p| self.participant(p, lang)),
            scribes: m
                .scribes
                .iter()
                .map(|p| self.participant(p, lang))
                .collect(),
            attendees: m
                .attendees
                .iter()
                .map(|p| self.participant(p, lang))
                .collect(),
            tags: self.tags(&m.tags, lang),
            formal: m.formal.as_ref().map(|f| self.formal(f, lang)),
            written: Written {
                updates: m
                    .written
                    .updates
                    .iter()
                    .map(|u| Update {
                        note: self.text(&u.note, lang),
                        ..u.clone()
                    })
                    .collect(),
                ..m.written.clone()
            },
            attachments: m
                .attachments
                .iter()
                .map(|a| self.attachment(a, lang))
                .collect(),
            intro_html: self.html(&m.intro_html, lang).into(),
            items,
            items_html: {
                // Kept as the meeting's own: compressed in a large archive.
                let mut html = PackedTexts::join(items_html.iter().map(String::as_str));
                if m.items_html.is_compressed() {
                    html.compress();
                }
                html
            },
            appendices: m
                .appendices
                .iter()
                .map(|a| Appendix {
                    title: self.text(&a.title, lang),
                    anchor: a.anchor.clone(),
                    html: self.html(&a.html, lang).into(),
                })
                .collect(),
            ..m.clone()
        }
    }

    /// A participant: a protected person becomes their stand-in; role and note masked.
    pub(crate) fn participant(&self, p: &Participant, lang: Language) -> Participant {
        Participant {
            person: participant::key(&self.person_key(&p.person, lang)),
            organisation: p
                .organisation
                .clone()
                .filter(|k| !self.hidden_organisations.contains(&**k)),
            role: p.role.as_deref().map(|r| self.text(r, lang).into()),
            note: p.note.as_deref().map(|n| self.text(n, lang).into()),
        }
    }

    /// Formal minutes' members, substitutes, apologies and justerare: each a participant
    /// (the member a substitute serves for too); places masked like any text.
    fn formal(&self, formal: &Formal, lang: Language) -> Formal {
        let member = |m: &Member| Member {
            who: self.participant(&m.who, lang),
            party: m.party.clone(),
            serving_for: m.serving_for.as_deref().map(|k| self.person_key(k, lang)),
        };
        let members = |list: &[Member]| list.iter().map(member).collect();
        Formal {
            members: members(&formal.members),
            substitutes: members(&formal.substitutes),
            absent: members(&formal.absent),
            approval: formal.approval.as_ref().map(|a| Approval {
                by: members(&a.by),
                place: a.place.as_deref().map(|p| self.text(p, lang)),
                date: a.date,
            }),
            posting: formal.posting.as_ref().map(|p| Posting {
                kept_at: p.kept_at.as_deref().map(|k| self.text(k, lang)),
                ..p.clone()
            }),
            ..formal.clone()
        }
    }

    /// An item's votes and records (reservations, jäv, notes for the record): their text
    /// masked, and the names they list replaced.
    fn records(&self, records: &Records, lang: Language) -> Records {
        Records {
            votes: records
                .votes
                .iter()
                .map(|v| Vote {
                    text: self.text(&v.text, lang),
                    ..v.clone()
                })
                .collect(),
            entries: records
                .entries
                .iter()
                .map(|r| Record {
                    kind: r.kind,
                    text: self.text(&r.text, lang),
                    html: self.html(&r.html, lang),
                    people: r.people.iter().map(|p| self.text(p, lang)).collect(),
                })
                .collect(),
        }
    }

    /// An action's owners: a protected person becomes their stand-in, a hidden
    /// organisation is left out, a name written without a register entry is masked.
    fn terms(&self, terms: &ExtractTerms, lang: Language) -> ExtractTerms {
        let owners = terms
            .owners
            .iter()
            .filter_map(|owner| match owner {
                Owner::Person(key) => Some(Owner::Person(self.person_key(key, lang))),
                Owner::Organisation(key) => self.organisation(Some(key)).map(Owner::Organisation),
                Owner::Name(name) => Some(Owner::Name(self.text(name, lang))),
            })
            .collect();
        ExtractTerms {
            owners,
            ..terms.clone()
        }
    }

    /// An organisation key, unless the organisation is hidden.
    fn organisation(&self, key: Option<&String>) -> Option<String> {
        key.filter(|k| !self.hidden_organisations.contains(*k))
            .cloned()
    }

    /// The key to show for a person: their own, or their stand-in's when protected.
    pub(crate) fn person_key(&self, key: &str, lang: Language) -> String {
        self.stand_in(key, lang)
            .map_or_else(|| key.to_string(), |(stand_in, _)| stand_in)
    }

    /// A protected person's stand-in (key and name), None for anyone else.
    fn stand_in(&self, key: &str, lang: Language) -> Option<(String, String)> {
        let shown_as = self.protected.get(key)?;
        let name = shown_as
            .clone()
            .unwrap_or_else(|| self.config.placeholder(lang).to_string());
        Some((format!("{STAND_IN_PREFIX}{}", slugify(&name)), name))
    }

    /// An item and its HTML as the public sees them.
    fn item(&self, item: &Item, html: &str, lang: Language) -> (Item, String) {
        if let Some(title) = internal_title(&item.title, &self.internal_words) {
            let item = Item {
                number: item.number.clone(),
                anchor: item.anchor.clone(),
                title: self.text(title, lang).into(),
                presenters: Vec::new(),
                presenting_organisations: Vec::new(),
                decisions: Vec::new(),
                actions: Vec::new(),
                case_number: item.case_number.clone(),
                records: None,
            };
            return (item, self.notice(lang));
        }
        let extract = |e: &Extract| Extract {
            id: e.id.clone(),
            anchor: e.anchor.clone(),
            text: self.text(&e.text, lang).into(),
            html: self.html(&e.html, lang).into(),
            kind: e.kind,
            terms: self.terms(&e.terms, lang),
        };
        let public = Item {
            title: self.text(&item.title, lang).into(),
            presenters: item
                .presenters
                .iter()
                .map(|p| self.participant(p, lang))
                .collect(),
            presenting_organisations: item
                .presenting_organisations
                .iter()
                .filter(|k| !self.hidden_organisations.contains(&***k))
                .cloned()
                .collect(),
            decisions: item.decisions.iter().map(extract).collect(),
            actions: item.actions.iter().map(extract).collect(),
            records: Item::boxed_records(self.records(item.records(), lang)),
            ..item.clone()
        };
        (public, self.html(html, lang))
    }

    /// The tags that name no protected person (a tag page of "[name withheld]" would
    /// gather what the name did).
    fn tags(&self, tags: &[Tag], lang: Language) -> Vec<Tag> {
        tags.iter()
            .filter(|t| self.text(&t.name, lang) == t.name)
            .cloned()
            .collect()
    }

    /// An internal attachment, or one whose file name or address names a protected
    /// person, is only mentioned: its file is not copied, its link not shown.
    fn attachment(&self, a: &Attachment, lang: Language) -> Attachment {
        let names_someone = a
            .file
            .iter()
            .chain(&a.url)
            .any(|f| self.names_in_file_name(f));
        if a.internal || names_someone {
            return Attachment {
                title: self.config.withheld(lang).to_string(),
                file: None,
                url: None,
                internal: false,
            };
        }
        Attachment {
            title: self.text(&a.title, lang),
            ..a.clone()
        }
    }

    /// Plain text with every protected name replaced.
    pub(crate) fn text(&self, text: &str, lang: Language) -> String {
        self.replace_names(text, lang, false)
    }

    /// An HTML fragment with internal paragraphs left out and protected names replaced.
    pub(crate) fn html(&self, html: &str, lang: Language) -> String {
        let kept = withhold_paragraphs(html, &self.internal_words, &self.notice(lang));
        self.replace_names(&kept, lang, true)
    }

    /// What stands where something was left out.
    fn notice(&self, lang: Language) -> String {
        let mut html = String::from("<p class=\"withheld\">");
        pulldown_cmark_escape::escape_html(&mut html, self.config.withheld(lang))
            .expect("writing to a String cannot fail");
        html.push_str("</p>\n");
        html
    }

    fn replace_names(&self, text: &str, lang: Language, html: bool) -> String {
        let Some(matcher) = &self.matcher else {
            return text.to_string();
        };
        if !matcher.is_match(text) {
            return text.to_string();
        }
        matcher
            .replace_all(text, |found: &regex::Captures<'_>| {
                let found = normalise(&found[0]);
                let (key, genitive) = match self.names.get(&found) {
                    Some(key) => (Some(key), false),
                    None => (
                        found.strip_suffix('s').and_then(|f| self.names.get(f)),
                        true,
                    ),
                };
                let mut shown = key
                    .and_then(|k| self.stand_in(k, lang))
                    .map_or_else(|| self.config.placeholder(lang).to_string(), |s| s.1);
                if genitive {
                    // "Annas förslag" → "Sekreterarens förslag", "[namn borttaget]:s förslag".
                    let after_letter = shown.chars().last().is_some_and(char::is_alphabetic);
                    shown.push_str(if after_letter { "s" } else { ":s" });
                }
                if html {
                    let mut escaped = String::new();
                    pulldown_cmark_escape::escape_html(&mut escaped, &shown)
                        .expect("writing to a String cannot fail");
                    escaped
                } else {
                    shown
                }
            })
            .into_owned()
    }

    /// Whether a file name (or slug) holds a protected name, as its slug
    /// (`anna-svensson-cv.pdf` holds `anna-svensson`).
    pub(crate) fn names_in_file_name(&self, name: &str) -> bool {
        let slug = format!("-{}-", slugify(name));
        self.slugs.iter().any(|s| slug.contains(&format!("-{s}-")))
    }
}

/// Whether a public build must not name someone with this `public:` setting.
fn is_protected(named: NamedPeople, exposure: &Exposure) -> bool {
    match named {
        NamedPeople::UnlessMarked => exposure.public == Some(false),
        NamedPeople::OnlyMarked => exposure.public != Some(true),
    }
}

/// The title of an item marked internal ("Personärende (internt)" → "Personärende"), or
/// None when it is not marked.
pub(crate) fn internal_title<'a>(title: &'a str, words: &[String]) -> Option<&'a str> {
    let trimmed = title.trim_end();
    let (open, close) = match trimmed.chars().last()? {
        ')' => ('(', ')'),
        ']' => ('[', ']'),
        _ => return None,
    };
    let start = trimmed.rfind(open)?;
    let inside = trimmed[start + 1..trimmed.len() - close.len_utf8()].trim();
    words
        .iter()
        .any(|w| w.to_lowercase() == inside.to_lowercase())
        .then(|| trimmed[..start].trim_end())
}

/// A regular expression matching any of `names`, case-insensitively, whole words, with
/// any run of spaces between words, any dash for a hyphen, either apostrophe, and an
/// optional genitive `s` ("Annas", "Anna Svenssons").
fn name_matcher(names: &[String]) -> Regex {
    let alternatives: Vec<String> = names
        .iter()
        .map(|name| {
            let mut pattern = String::from(r"\b");
            let words: Vec<String> = name
                .split_whitespace()
                .map(|word| word.chars().map(char_pattern).collect())
                .collect();
            pattern.push_str(&words.join(r"\s+"));
            if name.chars().last().is_some_and(char::is_alphanumeric) {
                pattern.push_str(r"s?\b");
            }
            pattern
        })
        .collect();
    let pattern = format!("(?i)(?:{})", alternatives.join("|"));
    Regex::new(&pattern).expect("escaped names make a valid expression")
}

fn char_pattern(c: char) -> String {
    match c {
        '\'' | '’' => "['’]".into(),
        '-' | '‐' | '‑' | '–' => "[-‐‑–]".into(),
        c => regex::escape(&c.to_string()),
    }
}

/// A name as it is looked up: lower case, one space between words, plain dashes and
/// apostrophes.
fn normalise(name: &str) -> String {
    name.split_whitespace()
        .map(|word| {
            word.chars()
                .map(|c| match c {
                    '’' => '\'',
                    '‐' | '‑' | '–' => '-',
                    c => c,
                })
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `html` with each paragraph that starts with an internal word and a colon (`Internt:`,
/// `**Internt:**`) replaced by `notice`; a paragraph that is only the word and the colon
/// takes the list after it along.
pub(crate) fn withhold_paragraphs(html: &str, words: &[String], notice: &str) -> String {
    if words.is_empty() || !html.contains("<p") {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = find_paragraph(rest) {
        let Some(end) = rest[start..].find("</p>").map(|e| start + e + "</p>".len()) else {
            break;
        };
        let text = tagless(&rest[start..end]);
        let Some(after_word) = starts_with_marker(&text, words) else {
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        };
        out.push_str(&rest[..start]);
        out.push_str(notice.trim_end());
        let mut next = &rest[end..];
        if after_word.trim().is_empty() {
            if let Some(list_end) = leading_list(next) {
                next = &next[list_end..];
            }
        }
        rest = next;
    }
    out.push_str(rest);
    out
}

/// The offset of the next `<p>` or `<p …>` tag.
fn find_paragraph(html: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = html[from..].find("<p") {
        let at = from + i;
        if matches!(html.as_bytes().get(at + 2), Some(b'>' | b' ')) {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

/// The text of an HTML fragment without its tags.
fn tagless(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// What follows `Word:` when `text` starts with one of `words` and a colon.
fn starts_with_marker<'a>(text: &'a str, words: &[String]) -> Option<&'a str> {
    let text = text.trim_start();
    words.iter().find_map(|word| {
        let head = text.get(..word.len())?;
        if !head.eq_ignore_ascii_case(word) && head.to_lowercase() != word.to_lowercase() {
            return None;
        }
        text[word.len()..].trim_start().strip_prefix(':')
    })
}

/// The length of a `<ul>` or `<ol>` list at the start of `html` (after white space),
/// nested lists included.
fn leading_list(html: &str) -> Option<usize> {
    let skipped = html.len() - html.trim_start().len();
    let body = &html[skipped..];
    let tag = ["ul", "ol"]
        .into_iter()
        .find(|t| body.starts_with(&format!("<{t}")))?;
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut depth = 0usize;
    let mut at = 0;
    while at < body.len() {
        if body[at..].starts_with(&open) {
            depth += 1;
            at += open.len();
        } else if body[at..].starts_with(&close) {
            depth -= 1;
            at += close.len();
            if depth == 0 {
                return Some(skipped + at);
            }
        } else {
            at += body[at..].chars().next().map_or(1, char::len_utf8);
        }
    }
    None
}

#[cfg(test)]
mod tests;
