//! Feeds and export: the Atom feeds of meetings (`/atom.xml`) and decisions
//! (`/decisions/atom.xml`), the sitemap (`/sitemap.xml`) and the machine-readable export
//! (`/archive.json`). One step: archive + graph → XML/JSON files; knows nothing of
//! templates.
//!
//! Every link written here is absolute, built from `base_url`: feeds and sitemaps are read
//! by programs that do not know where the site lives. The output depends on the content
//! and `site.toml` alone (never on the clock), so two builds give the same bytes.
//!
//! - Entry ids are tag URIs (RFC 4151): `tag:<host>,<meeting date>:<base path>meetings/<slug>`
//!   for a meeting and `tag:<host>,<meeting date>:<base path>decisions/<decision id>` for a
//!   decision, so they stay the same when the wording or the page layout changes.
//! - `updated` is the meeting's date at 00:00 in the site's `timezone`; a feed's `updated` is
//!   its newest entry's.
//! - A meeting's entry sums up its decisions (each with the later decisions that replace,
//!   amend or revoke it) and its actions (owners, due date, state), and links the decisions
//!   its decisions change and are changed by (`rel="related"`).
//! - `/atom.xml` holds the newest [`MEETING_FEED_LIMIT`] meetings, `/decisions/atom.xml` the
//!   newest [`DECISION_FEED_LIMIT`] decisions; `archive.json` and its per-year parts hold
//!   everything.
//!
//! The schema of `archive.json` is [`ArchiveIndex`](crate::publish::archive_json::ArchiveIndex)
//! and [`ArchivePart`](crate::publish::archive_json::ArchivePart), documented in
//! `docs/archive-json.md`.

use chrono::{FixedOffset, NaiveDate, SecondsFormat, TimeZone};

use crate::base::config::{Language, SiteConfig};
use crate::base::time::utc_offset;
use crate::content::model::{Archive, Extract, Item, Meeting};
use crate::graph::meeting_path;
use crate::publish::xml::Xml;

pub(crate) const MEETINGS_FEED_PATH: &str = "/atom.xml";
pub(crate) const DECISIONS_FEED_PATH: &str = "/decisions/atom.xml";

/// How many meetings `/atom.xml` holds (the newest).
pub(crate) const MEETING_FEED_LIMIT: usize = 50;
/// How many decisions `/decisions/atom.xml` holds (the newest).
pub(crate) const DECISION_FEED_LIMIT: usize = 100;

const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
/// Words of a decision shown in its feed entry's title.
const TITLE_WORDS: usize = 10;

// ---- URLs, ids and times ----

/// The tag URI of something first seen on `date`, named `name` under the site's base path.
fn tag_uri(config: &SiteConfig, date: NaiveDate, name: &str) -> String {
    let without_scheme = config
        .base_url
        .split_once("://")
        .map_or(config.base_url.as_str(), |(_, rest)| rest);
    let authority = without_scheme.split('/').next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    let host = host
        .split(':')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let host = if host.is_empty() {
        "localhost".to_string()
    } else {
        host
    };
    let base_path = config.base_path();
    format!(
        "tag:{host},{}:{}{name}",
        date.format("%Y-%m-%d"),
        base_path.trim_start_matches('/')
    )
}

/// The Atom id of a meeting.
pub(crate) fn meeting_entry_id(config: &SiteConfig, meeting: &Meeting) -> String {
    tag_uri(config, meeting.date, &format!("meetings/{}", meeting.slug))
}

/// The Atom id of a decision (its stable id `<meeting-slug>/<item>-<n>` is the last part).
pub(crate) fn decision_entry_id(
    config: &SiteConfig,
    meeting: &Meeting,
    decision: &Extract,
) -> String {
    tag_uri(config, meeting.date, &format!("decisions/{}", decision.id))
}

/// RFC 3339 time of 00:00 on `date` in the site's time zone (UTC for an unknown zone).
pub(crate) fn midnight(config: &SiteConfig, date: NaiveDate) -> String {
    let offset = utc_offset(&config.timezone, date).unwrap_or(FixedOffset::east_opt(0).unwrap());
    let local = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    offset
        .from_local_datetime(&local)
        .single()
        .map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true))
        .unwrap_or_else(|| format!("{}T00:00:00Z", date.format("%Y-%m-%d")))
}

/// The time a feed with no entries gives as its `updated`.
const EPOCH: &str = "1970-01-01T00:00:00Z";

// ---- Atom ----

/// The head of an Atom feed, up to its first entry.
fn feed_head(xml: &mut Xml, config: &SiteConfig, self_path: &str, html_path: &str, title: &str) {
    let lang = config.language.code();
    xml.open("feed", &[("xmlns", ATOM_NS), ("xml:lang", lang)]);
    xml.element("id", &[], &config.absolute_url(self_path));
    xml.element("title", &[], title);
    if !config.description.is_empty() {
        xml.element("subtitle", &[], &config.description);
    }
    let self_url = config.absolute_url(self_path);
    let html_url = config.absolute_url(html_path);
    xml.empty(
        "link",
        &[
            ("rel", "self"),
            ("type", "application/atom+xml"),
            ("href", &self_url),
        ],
    );
    xml.empty(
        "link",
        &[
            ("rel", "alternate"),
            ("type", "text/html"),
            ("href", &html_url),
        ],
    );
    xml.open("author", &[]);
    xml.element("name", &[], &config.title);
    xml.close("author");
    xml.element(
        "generator",
        &[("version", env!("CARGO_PKG_VERSION"))],
        "quorum",
    );
}

/// The organiser's name, or the body's when the minutes name no organiser.
fn author_of<'a>(archive: &'a Archive, meeting: &'a Meeting) -> &'a str {
    meeting
        .organiser
        .as_deref()
        .and_then(|key| archive.organisations.get(key))
        .map(|o| o.name.as_str())
        .or_else(|| archive.bodies.get(&meeting.body).map(|b| b.name.as_str()))
        .unwrap_or(&meeting.body)
}

fn entry_author(xml: &mut Xml, name: &str) {
    xml.open("author", &[]);
    xml.element("name", &[], name);
    xml.close("author");
}

/// A meeting's summary: its decisions, one a line (with what replaced them), or else its
/// agenda; then its actions with owners, due dates and states.
fn meeting_summary(archive: &Archive, meeting: &Meeting) -> String {
    let mut lines: Vec<String> = meeting
        .decisions()
        .map(|(item, d)| {
            let note = follow::decision_note(archive, meeting.language, d);
            format!("§{} {}{note}", item.number, d.text)
        })
        .collect();
    if lines.is_empty() {
        lines = meeting
            .items
            .iter()
            .map(|item| format!("§{} {}", item.number, item.title))
            .collect();
    }
    lines.extend(follow::action_lines(archive, meeting));
    lines.join("\n")
}

/// The absolute URL of a decision by its id (`<meeting slug>/<item>-<n>`).
fn decision_url(config: &SiteConfig, id: &str) -> String {
    let (slug, local) = id.split_once('/').unwrap_or((id, ""));
    config.absolute_url(&format!("{}#decision-{local}", meeting_path(slug)))
}

/// `<link rel="related">` to a decision: "replaces 2025-01-10-styrelsen/3-1".
fn related_link(xml: &mut Xml, config: &SiteConfig, relation: &str, id: &str) {
    let href = decision_url(config, id);
    let title = format!("{relation} {id}");
    xml.empty(
        "link",
        &[("rel", "related"), ("title", &title), ("href", &href)],
    );
}

/// `/atom.xml`: the newest meetings first.
pub(crate) fn meetings_feed(archive: &Archive, config: &SiteConfig) -> String {
    let newest: Vec<&Meeting> = archive
        .meetings
        .iter()
        .rev()
        .take(MEETING_FEED_LIMIT)
        .map(|m| m.as_ref())
        .collect();
    let mut xml = Xml::new();
    feed_head(
        &mut xml,
        config,
        MEETINGS_FEED_PATH,
        "/meetings/",
        &config.title,
    );
    let updated = newest
        .first()
        .map_or(EPOCH.to_string(), |m| midnight(config, m.date));
    xml.element("updated", &[], &updated);
    for meeting in newest {
        let url = config.absolute_url(&meeting_path(&meeting.slug));
        xml.open("entry", &[("xml:lang", meeting.language.code())]);
        xml.element("id", &[], &meeting_entry_id(config, meeting));
        xml.element("title", &[], &meeting.title);
        xml.element("updated", &[], &midnight(config, meeting.date));
        xml.empty(
            "link",
            &[("rel", "alternate"), ("type", "text/html"), ("href", &url)],
        );
        entry_author(&mut xml, author_of(archive, meeting));
        for tag in &meeting.tags {
            xml.empty("category", &[("term", &tag.key), ("label", &tag.name)]);
        }
        let summary = meeting_summary(archive, meeting);
        if !summary.is_empty() {
            xml.element("summary", &[], &summary);
        }
        for (relation, id) in follow::related_decisions(archive, meeting) {
            related_link(&mut xml, config, relation, id);
        }
        xml.close("entry");
    }
    xml.close("feed");
    xml.finish()
}

/// "§8 Uppföljning av MiniMaria: Restiden ska fördelas …": item and first words.
pub(crate) fn decision_title(item: &Item, decision: &Extract) -> String {
    let words: Vec<&str> = decision.text.split_whitespace().collect();
    let mut first = words
        .iter()
        .take(TITLE_WORDS)
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    if words.len() > TITLE_WORDS {
        first.push_str(" …");
    }
    format!("§{} {}: {first}", item.number, item.title)
}

/// `/decisions/atom.xml`: the newest decisions first (within a meeting, in agenda order).
pub(crate) fn decisions_feed(archive: &Archive, config: &SiteConfig) -> String {
    let newest: Vec<(&Meeting, &Item, &Extract)> = archive
        .meetings
        .iter()
        .rev()
        .flat_map(|m| m.decisions().map(move |(item, d)| (m.as_ref(), item, d)))
        .take(DECISION_FEED_LIMIT)
        .collect();
    let mut xml = Xml::new();
    let title = format!("{} – {}", config.title, decisions_word(config.language));
    feed_head(&mut xml, config, DECISIONS_FEED_PATH, "/decisions/", &title);
    let updated = newest
        .first()
        .map_or(EPOCH.to_string(), |(m, _, _)| midnight(config, m.date));
    xml.element("updated", &[], &updated);
    for (meeting, item, decision) in newest {
        let url = config.absolute_url(&format!(
            "{}#{}",
            meeting_path(&meeting.slug),
            decision.anchor
        ));
        xml.open("entry", &[("xml:lang", meeting.language.code())]);
        xml.element("id", &[], &decision_entry_id(config, meeting, decision));
        let title = decision_title(item, decision);
        let title = match unapproved_label(meeting) {
            Some(label) => format!("[{label}] {title}"),
            None => title,
        };
        xml.element("title", &[], &title);
        xml.element("updated", &[], &midnight(config, meeting.date));
        xml.empty(
            "link",
            &[("rel", "alternate"), ("type", "text/html"), ("href", &url)],
        );
        entry_author(&mut xml, author_of(archive, meeting));
        if let Some(label) = unapproved_label(meeting) {
            xml.empty("category", &[("term", "unapproved"), ("label", label)]);
        }
        if !decision.kind.is_decision() {
            xml.empty("category", &[("term", "proposal")]);
        }
        xml.element("summary", &[], &decision.text);
        // The decisions it replaces, amends or revokes, and those that change it.
        if let Some(links) = archive.follow_up.decisions.get(&*decision.id) {
            let related = links.changes.iter().map(|(r, id)| (r.name(), id));
            // Seen from this decision: "replaced by <later id>", not "replaces".
            let by = links
                .changed_by
                .iter()
                .map(|(r, id)| (follow::changed_by_name(*r), id));
            for (relation, id) in related.chain(by) {
                related_link(&mut xml, config, relation, id);
            }
        }
        xml.close("entry");
    }
    xml.close("feed");
    xml.finish()
}

/// "Ej justerat" / "Draft" for a decision of formal minutes not yet approved, in the
/// meeting's language.
fn unapproved_label(meeting: &Meeting) -> Option<&'static str> {
    meeting.unapproved().then_some(match meeting.language {
        Language::Sv => "Ej justerat",
        Language::En => "Draft",
    })
}

/// The feed title's suffix. The feeds know no theme, so this is the one UI word they
/// need, in the site's language.
fn decisions_word(language: Language) -> &'static str {
    match language {
        Language::Sv => "beslut",
        Language::En => "decisions",
    }
}

mod follow;

#[cfg(test)]
mod tests;
