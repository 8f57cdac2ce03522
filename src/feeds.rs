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
//! - `/atom.xml` holds the newest [`MEETING_FEED_LIMIT`] meetings, `/decisions/atom.xml` the
//!   newest [`DECISION_FEED_LIMIT`] decisions; `archive.json` holds everything.
//!
//! The schema of `archive.json` is [`ArchiveExport`], documented in `docs/archive-json.md`.

use std::borrow::Cow;

use chrono::{Datelike, FixedOffset, NaiveDate, SecondsFormat, TimeZone};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use serde::{Deserialize, Serialize};

use crate::config::{Language, SiteConfig};
use crate::graph::{meeting_path, PageData, SiteGraph};
use crate::model::{Archive, Extract, Item, Meeting, Participant};
use crate::output::OutputFile;

pub const MEETINGS_FEED_PATH: &str = "/atom.xml";
pub const DECISIONS_FEED_PATH: &str = "/decisions/atom.xml";
pub const SITEMAP_PATH: &str = "/sitemap.xml";
pub const ARCHIVE_JSON_PATH: &str = "/archive.json";

/// How many meetings `/atom.xml` holds (the newest).
pub const MEETING_FEED_LIMIT: usize = 50;
/// How many decisions `/decisions/atom.xml` holds (the newest).
pub const DECISION_FEED_LIMIT: usize = 100;
/// The `version` of `archive.json`; raised when a field changes meaning or goes away.
pub const ARCHIVE_VERSION: u32 = 1;

const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
/// Words of a decision shown in its feed entry's title.
const TITLE_WORDS: usize = 10;

/// The feeds, the sitemap and the export of the site.
pub fn feed_files(archive: &Archive, graph: &SiteGraph, config: &SiteConfig) -> Vec<OutputFile> {
    // Four independent documents; archive.json is the largest by far.
    let ((meetings, decisions), (sitemap, export)) = rayon::join(
        || {
            rayon::join(
                || meetings_feed(archive, config),
                || decisions_feed(archive, config),
            )
        },
        || rayon::join(|| sitemap(graph, config), || archive_json(archive, config)),
    );
    [
        (MEETINGS_FEED_PATH, meetings.into_bytes()),
        (DECISIONS_FEED_PATH, decisions.into_bytes()),
        (SITEMAP_PATH, sitemap.into_bytes()),
        (ARCHIVE_JSON_PATH, export),
    ]
    .into_iter()
    .map(|(path, bytes)| OutputFile::Bytes {
        path: path.into(),
        bytes,
    })
    .collect()
}

// ---- URLs, ids and times ----

/// The absolute URL of a site path (`/meetings/x/` → `https://host/base/meetings/x/`).
pub fn absolute_url(config: &SiteConfig, path: &str) -> String {
    let base = config.base_url.trim_end_matches('/');
    format!("{base}/{}", path.trim_start_matches('/'))
}

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
pub fn meeting_entry_id(config: &SiteConfig, meeting: &Meeting) -> String {
    tag_uri(config, meeting.date, &format!("meetings/{}", meeting.slug))
}

/// The Atom id of a decision (its stable id `<meeting-slug>/<item>-<n>` is the last part).
pub fn decision_entry_id(config: &SiteConfig, meeting: &Meeting, decision: &Extract) -> String {
    tag_uri(config, meeting.date, &format!("decisions/{}", decision.id))
}

/// The offset from UTC of `timezone` at 00:00 local time on `date`, or `None` for a zone
/// quorum does not know. Known: `UTC`, fixed offsets (`+01:00`), and the zones of the EU
/// and EFTA, which follow the EU rule (summer time from the last Sunday of March to the
/// last Sunday of October, switching at 01:00 UTC), applied to every year.
pub fn utc_offset(timezone: &str, date: NaiveDate) -> Option<FixedOffset> {
    let zone = timezone.trim();
    let hours = |h: i32| FixedOffset::east_opt(h * 3600);
    match zone {
        "UTC" | "Etc/UTC" | "GMT" | "Etc/GMT" | "Z" | "Universal" | "Zulu" => return hours(0),
        _ => {}
    }
    if let Some(offset) = fixed_offset(zone) {
        return Some(offset);
    }
    let standard = if CET_ZONES.contains(&zone) {
        1
    } else if WET_ZONES.contains(&zone) {
        0
    } else if EET_ZONES.contains(&zone) {
        2
    } else {
        return None;
    };
    // Midnight is before the 01:00 UTC switch on both days: on the last Sunday of March
    // it is still winter time, on the last Sunday of October still summer time.
    let summer = date > last_sunday(date.year(), 3) && date <= last_sunday(date.year(), 10);
    hours(standard + i32::from(summer))
}

/// The known zone closest to `name` (a typo, other capitals), if one is close.
pub fn closest_zone(name: &str) -> Option<&'static str> {
    let known: Vec<&'static str> = CET_ZONES
        .iter()
        .chain(WET_ZONES)
        .chain(EET_ZONES)
        .chain(&["UTC"])
        .copied()
        .collect();
    crate::frontmatter::did_you_mean(name.trim(), &known)
}

const CET_ZONES: &[&str] = &[
    "Europe/Stockholm",
    "Europe/Oslo",
    "Europe/Copenhagen",
    "Europe/Berlin",
    "Europe/Paris",
    "Europe/Amsterdam",
    "Europe/Brussels",
    "Europe/Luxembourg",
    "Europe/Vienna",
    "Europe/Zurich",
    "Europe/Vaduz",
    "Europe/Madrid",
    "Europe/Rome",
    "Europe/Malta",
    "Europe/Warsaw",
    "Europe/Prague",
    "Europe/Bratislava",
    "Europe/Budapest",
    "Europe/Ljubljana",
    "Europe/Zagreb",
    "Europe/Monaco",
    "Europe/Andorra",
    "Arctic/Longyearbyen",
    "CET",
];
const WET_ZONES: &[&str] = &[
    "Europe/London",
    "Europe/Dublin",
    "Europe/Lisbon",
    "Atlantic/Faroe",
    "Atlantic/Canary",
    "Atlantic/Madeira",
    "WET",
];
const EET_ZONES: &[&str] = &[
    "Europe/Helsinki",
    "Europe/Mariehamn",
    "Europe/Tallinn",
    "Europe/Riga",
    "Europe/Vilnius",
    "Europe/Athens",
    "Europe/Sofia",
    "Europe/Bucharest",
    "Asia/Nicosia",
    "EET",
];

/// `+01:00`, `-05:30`, `UTC+02:00`.
fn fixed_offset(zone: &str) -> Option<FixedOffset> {
    let rest = zone
        .strip_prefix("UTC")
        .or_else(|| zone.strip_prefix("GMT"))
        .unwrap_or(zone);
    let (sign, rest) = match rest.as_bytes().first()? {
        b'+' => (1, &rest[1..]),
        b'-' => (-1, &rest[1..]),
        _ => return None,
    };
    let (h, m) = rest.split_once(':').unwrap_or((rest, "0"));
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if !(0..60).contains(&m) {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let first_of_next = NaiveDate::from_ymd_opt(year, month + 1, 1).unwrap_or(NaiveDate::MAX);
    let last = first_of_next.pred_opt().unwrap_or(first_of_next);
    let back = last.weekday().num_days_from_sunday();
    last - chrono::Duration::days(i64::from(back))
}

/// RFC 3339 time of 00:00 on `date` in the site's time zone (UTC for an unknown zone).
pub fn midnight(config: &SiteConfig, date: NaiveDate) -> String {
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

// ---- XML ----

/// A thin layer over quick-xml's writer: every text and attribute value is escaped, and
/// characters XML 1.0 forbids (control characters from Word documents) are dropped.
struct Xml {
    writer: Writer<Vec<u8>>,
}

impl Xml {
    fn new() -> Self {
        let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
        writer
            .write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))
            .expect("writing to memory");
        Xml { writer }
    }

    fn tag<'a>(name: &'a str, attributes: &[(&str, &str)]) -> BytesStart<'a> {
        let mut start = BytesStart::new(name);
        for (key, value) in attributes {
            start.push_attribute((*key, xml_safe(value).as_ref()));
        }
        start
    }

    fn open(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.writer
            .write_event(Event::Start(Self::tag(name, attributes)))
            .expect("writing to memory");
    }

    fn close(&mut self, name: &str) {
        self.writer
            .write_event(Event::End(BytesEnd::new(name)))
            .expect("writing to memory");
    }

    fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.writer
            .write_event(Event::Empty(Self::tag(name, attributes)))
            .expect("writing to memory");
    }

    fn element(&mut self, name: &str, attributes: &[(&str, &str)], text: &str) {
        self.writer
            .write_event(Event::Start(Self::tag(name, attributes)))
            .expect("writing to memory");
        self.writer
            .write_event(Event::Text(BytesText::new(&xml_safe(text))))
            .expect("writing to memory");
        self.close(name);
    }

    fn finish(self) -> String {
        let mut text = String::from_utf8(self.writer.into_inner()).expect("UTF-8 in, UTF-8 out");
        text.push('\n');
        text
    }
}

/// `text` without the characters XML 1.0 does not allow.
fn xml_safe(text: &str) -> Cow<'_, str> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r')
            || ('\u{20}'..='\u{D7FF}').contains(&c)
            || ('\u{E000}'..='\u{FFFD}').contains(&c)
            || c >= '\u{10000}'
    };
    if text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|&c| allowed(c)).collect())
    }
}

// ---- Atom ----

/// The head of an Atom feed, up to its first entry.
fn feed_head(xml: &mut Xml, config: &SiteConfig, self_path: &str, html_path: &str, title: &str) {
    let lang = config.language.code();
    xml.open("feed", &[("xmlns", ATOM_NS), ("xml:lang", lang)]);
    xml.element("id", &[], &absolute_url(config, self_path));
    xml.element("title", &[], title);
    if !config.description.is_empty() {
        xml.element("subtitle", &[], &config.description);
    }
    let self_url = absolute_url(config, self_path);
    let html_url = absolute_url(config, html_path);
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

/// A meeting's summary: its decisions, one a line, or else its agenda.
fn meeting_summary(meeting: &Meeting) -> String {
    let decisions: Vec<String> = meeting
        .decisions()
        .map(|(item, d)| format!("§{} {}", item.number, d.text))
        .collect();
    if !decisions.is_empty() {
        return decisions.join("\n");
    }
    meeting
        .items
        .iter()
        .map(|item| format!("§{} {}", item.number, item.title))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `/atom.xml`: the newest meetings first.
pub fn meetings_feed(archive: &Archive, config: &SiteConfig) -> String {
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
        let url = absolute_url(config, &meeting_path(&meeting.slug));
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
        let summary = meeting_summary(meeting);
        if !summary.is_empty() {
            xml.element("summary", &[], &summary);
        }
        xml.close("entry");
    }
    xml.close("feed");
    xml.finish()
}

/// "§8 Uppföljning av MiniMaria: Restiden ska fördelas …": item and first words.
pub fn decision_title(item: &Item, decision: &Extract) -> String {
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
pub fn decisions_feed(archive: &Archive, config: &SiteConfig) -> String {
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
        let url = absolute_url(
            config,
            &format!("{}#{}", meeting_path(&meeting.slug), decision.anchor),
        );
        xml.open("entry", &[("xml:lang", meeting.language.code())]);
        xml.element("id", &[], &decision_entry_id(config, meeting, decision));
        xml.element("title", &[], &decision_title(item, decision));
        xml.element("updated", &[], &midnight(config, meeting.date));
        xml.empty(
            "link",
            &[("rel", "alternate"), ("type", "text/html"), ("href", &url)],
        );
        entry_author(&mut xml, author_of(archive, meeting));
        xml.element("summary", &[], &decision.text);
        xml.close("entry");
    }
    xml.close("feed");
    xml.finish()
}

/// The feed title's suffix. The feeds know no theme, so this is the one UI word they
/// need, in the site's language.
fn decisions_word(language: Language) -> &'static str {
    match language {
        Language::Sv => "beslut",
        Language::En => "decisions",
    }
}

// ---- sitemap ----

/// `/sitemap.xml`: every HTML page of the graph but the 404 page, meetings with their date.
pub fn sitemap(graph: &SiteGraph, config: &SiteConfig) -> String {
    let mut xml = Xml::new();
    xml.open("urlset", &[("xmlns", SITEMAP_NS)]);
    for page in &graph.pages {
        if page.path == crate::render::NOT_FOUND_PATH {
            continue;
        }
        xml.open("url", &[]);
        xml.element("loc", &[], &absolute_url(config, &page.path));
        if let PageData::Meeting { meeting, .. } = &page.data {
            xml.element("lastmod", &[], &meeting.meeting.date);
        }
        xml.close("url");
    }
    xml.close("urlset");
    xml.finish()
}

// ---- archive.json ----

/// `/archive.json`: everything in the archive as plain data. Field by field in
/// `docs/archive-json.md`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArchiveExport {
    /// [`ARCHIVE_VERSION`].
    pub version: u32,
    /// `quorum <version>`.
    pub generator: String,
    pub site: SiteExport,
    /// Oldest first.
    pub meetings: Vec<MeetingExport>,
    /// Every decision of every meeting, in the order of `meetings` and their items.
    pub decisions: Vec<ExtractExport>,
    /// Every action, in the same order.
    pub actions: Vec<ExtractExport>,
    /// By key.
    pub people: Vec<PersonExport>,
    /// By key.
    pub organisations: Vec<OrganisationExport>,
    /// By key.
    pub bodies: Vec<BodyExport>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SiteExport {
    pub title: String,
    pub description: String,
    pub base_url: String,
    pub language: Language,
    pub timezone: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingExport {
    pub slug: String,
    pub url: String,
    pub title: String,
    /// Key of the body.
    pub body: String,
    /// Key of the organisation.
    pub organiser: Option<String>,
    pub date: NaiveDate,
    pub time: Option<String>,
    pub location: Option<String>,
    pub kind: Option<String>,
    pub language: Language,
    pub draft: bool,
    pub chair: Option<ParticipantExport>,
    pub scribes: Vec<ParticipantExport>,
    pub attendees: Vec<ParticipantExport>,
    pub tags: Vec<TagExport>,
    pub attachments: Vec<AttachmentExport>,
    /// Plain text before the first agenda item.
    pub intro: String,
    pub items: Vec<ItemExport>,
    pub appendices: Vec<AppendixExport>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParticipantExport {
    /// Key of the person.
    pub person: String,
    /// Key of the organisation they represent at this meeting.
    pub organisation: Option<String>,
    pub role: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TagExport {
    pub key: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttachmentExport {
    pub title: String,
    /// File name of the archived copy, beside the meeting.
    pub file: Option<String>,
    /// The link the minutes give.
    pub url: Option<String>,
    /// Where to open it: the archived copy's absolute URL, else `url`; `None` when the
    /// minutes name an attachment that is not archived.
    pub href: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemExport {
    pub number: String,
    pub anchor: String,
    pub url: String,
    pub title: String,
    pub presenters: Vec<ParticipantExport>,
    /// Keys of organisations named as presenters without a person.
    pub presenting_organisations: Vec<String>,
    /// The item's minutes as plain text, paragraphs one a line.
    pub text: String,
    pub decisions: Vec<ExtractExport>,
    pub actions: Vec<ExtractExport>,
}

/// A decision or an action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractExport {
    /// `<meeting-slug>/<item>-<n>`.
    pub id: String,
    /// Slug of the meeting.
    pub meeting: String,
    pub date: NaiveDate,
    /// Number of the agenda item.
    pub item: String,
    pub anchor: String,
    pub url: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppendixExport {
    pub title: String,
    pub anchor: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonExport {
    pub key: String,
    pub name: String,
    pub aliases: Vec<String>,
    /// Key of the organisation the registry gives.
    pub organisation: Option<String>,
    /// False for people met in the minutes that `people.yaml` does not list.
    pub registered: bool,
    /// Absolute URL of the person's page.
    pub page: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrganisationExport {
    pub key: String,
    pub name: String,
    pub short: Option<String>,
    pub aliases: Vec<String>,
    pub kind: Option<String>,
    /// The organisation's own website, from `organisations.yaml`.
    pub url: Option<String>,
    /// False for names met in the minutes that `organisations.yaml` does not list.
    pub registered: bool,
    /// Absolute URL of the organisation's page.
    pub page: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BodyExport {
    pub key: String,
    pub name: String,
    /// Absolute URL of the body's page.
    pub page: String,
}

/// The export of the archive.
pub fn export(archive: &Archive, config: &SiteConfig) -> ArchiveExport {
    let participant = |p: &Participant| ParticipantExport {
        person: p.person.clone(),
        organisation: p.organisation.clone(),
        role: p.role.clone(),
        note: p.note.clone(),
    };
    let extract = |meeting: &Meeting, item: &Item, e: &Extract| ExtractExport {
        id: e.id.clone(),
        meeting: meeting.slug.clone(),
        date: meeting.date,
        item: item.number.clone(),
        anchor: e.anchor.clone(),
        url: absolute_url(
            config,
            &format!("{}#{}", meeting_path(&meeting.slug), e.anchor),
        ),
        text: e.text.clone(),
    };
    let meetings: Vec<MeetingExport> = archive
        .meetings
        .iter()
        .map(|m| {
            let path = meeting_path(&m.slug);
            MeetingExport {
                slug: m.slug.clone(),
                url: absolute_url(config, &path),
                title: m.title.clone(),
                body: m.body.clone(),
                organiser: m.organiser.clone(),
                date: m.date,
                time: m.time.clone(),
                location: m.location.clone(),
                kind: m.kind.clone(),
                language: m.language,
                draft: m.draft,
                chair: m.chair.as_ref().map(participant),
                scribes: m.scribes.iter().map(participant).collect(),
                attendees: m.attendees.iter().map(participant).collect(),
                tags: m
                    .tags
                    .iter()
                    .map(|t| TagExport {
                        key: t.key.clone(),
                        name: t.name.clone(),
                    })
                    .collect(),
                attachments: m
                    .attachments
                    .iter()
                    .map(|a| AttachmentExport {
                        title: a.title.clone(),
                        file: a.file.clone(),
                        url: a.url.clone(),
                        href: a
                            .file
                            .as_ref()
                            .map(|f| absolute_url(config, &format!("{path}{f}")))
                            .or_else(|| a.url.clone()),
                    })
                    .collect(),
                intro: html_to_text(&m.intro_html),
                items: m
                    .items
                    .iter()
                    .map(|item| ItemExport {
                        number: item.number.clone(),
                        anchor: item.anchor.clone(),
                        url: absolute_url(config, &format!("{path}#{}", item.anchor)),
                        title: item.title.clone(),
                        presenters: item.presenters.iter().map(participant).collect(),
                        presenting_organisations: item.presenting_organisations.clone(),
                        text: html_to_text(&item.html),
                        decisions: item.decisions.iter().map(|d| extract(m, item, d)).collect(),
                        actions: item.actions.iter().map(|a| extract(m, item, a)).collect(),
                    })
                    .collect(),
                appendices: m
                    .appendices
                    .iter()
                    .map(|a| AppendixExport {
                        title: a.title.clone(),
                        anchor: a.anchor.clone(),
                        text: html_to_text(&a.html),
                    })
                    .collect(),
            }
        })
        .collect();
    let decisions = meetings
        .iter()
        .flat_map(|m| m.items.iter().flat_map(|i| i.decisions.iter().cloned()))
        .collect();
    let actions = meetings
        .iter()
        .flat_map(|m| m.items.iter().flat_map(|i| i.actions.iter().cloned()))
        .collect();
    ArchiveExport {
        version: ARCHIVE_VERSION,
        generator: format!("quorum {}", env!("CARGO_PKG_VERSION")),
        site: SiteExport {
            title: config.title.clone(),
            description: config.description.clone(),
            base_url: config.base_url.clone(),
            language: config.language,
            timezone: config.timezone.clone(),
        },
        meetings,
        decisions,
        actions,
        people: archive
            .people
            .values()
            .map(|p| PersonExport {
                key: p.key.clone(),
                name: p.name.clone(),
                aliases: p.aliases.clone(),
                organisation: p.organisation.clone(),
                registered: p.registered,
                page: absolute_url(config, &format!("/people/{}/", p.key)),
            })
            .collect(),
        organisations: archive
            .organisations
            .values()
            .map(|o| OrganisationExport {
                key: o.key.clone(),
                name: o.name.clone(),
                short: o.short.clone(),
                aliases: o.aliases.clone(),
                kind: o.kind.clone(),
                url: o.url.clone(),
                registered: o.registered,
                page: absolute_url(config, &format!("/organisations/{}/", o.key)),
            })
            .collect(),
        bodies: archive
            .bodies
            .values()
            .map(|b| BodyExport {
                key: b.key.clone(),
                name: b.name.clone(),
                page: absolute_url(config, &format!("/bodies/{}/", b.key)),
            })
            .collect(),
    }
}

/// The bytes of `archive.json`: compact JSON and a final newline.
pub fn archive_json(archive: &Archive, config: &SiteConfig) -> Vec<u8> {
    export(archive, config).to_json_bytes()
}

impl ArchiveExport {
    /// Compact JSON with a final newline. `<`, `>` and `&` are written as `\u003c`, `\u003e`
    /// and `\u0026`, so the text is safe to embed in an HTML `<script>` as it is.
    pub fn to_json(&self) -> String {
        String::from_utf8(self.to_json_bytes()).expect("serde_json writes UTF-8")
    }

    /// [`ArchiveExport::to_json`] as the bytes written to `archive.json`, without checking
    /// again that serde_json wrote UTF-8 (half a percent of a build).
    pub fn to_json_bytes(&self) -> Vec<u8> {
        // About 16 KB a meeting (the generated corpus writes 15.6): few regrowths.
        let mut out = Vec::with_capacity(self.meetings.len() * 16 * 1024);
        let mut serializer = serde_json::Serializer::with_formatter(&mut out, ScriptSafe);
        self.serialize(&mut serializer)
            .expect("plain data serialises");
        out.push(b'\n');
        out
    }
}

/// serde_json's compact format, but `<`, `>` and `&` inside strings are written as
/// `\u003c`, `\u003e` and `\u0026` (they can only occur inside strings).
struct ScriptSafe;

impl serde_json::ser::Formatter for ScriptSafe {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        const SCRIPT_SAFE: crate::escape::Escapes =
            crate::escape::Escapes::new(b"<>&", &[b"\\u003c", b"\\u003e", b"\\u0026"]);
        SCRIPT_SAFE.write(writer, fragment)
    }
}

/// Plain text of the HTML the Markdown step writes: tags dropped, a line per block (list
/// items as `- item`), runs of white space made one space, character references decoded.
pub fn html_to_text(html: &str) -> String {
    plain_text(html, TextLayout::Lines)
}

/// How [`plain_text`] lays the text out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextLayout {
    /// A line per block, list items as `- item` (feeds, archive.json).
    Lines,
    /// One line, blocks separated by a space (the search index).
    OneLine,
}

/// The text of `html` laid out as `layout` says, in one pass and without an allocation per
/// tag or per line: the search index and archive.json convert every item of the archive.
pub fn plain_text(html: &str, layout: TextLayout) -> String {
    const BLOCKS: &[&str] = &[
        "p",
        "div",
        "br",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "tr",
        "hr",
        "section",
        "figure",
        "figcaption",
    ];
    let list_item = match layout {
        TextLayout::Lines => "\n- ",
        TextLayout::OneLine => "\n",
    };
    let mut text = Collapsed::new(html.len(), layout);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push(&decode_references(&rest[..open]));
        let tag = &rest[open + 1..];
        let Some(close) = tag_end(tag) else {
            text.push(&decode_references(&rest[open..]));
            rest = "";
            break;
        };
        let closing = tag.starts_with('/');
        let name = tag.trim_start_matches('/');
        let name = &name[..name
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(name.len())];
        rest = &tag[close + 1..];
        let is = |wanted: &str| name.eq_ignore_ascii_case(wanted);
        if (is("script") || is("style")) && !closing {
            let end = format!("</{}", name.to_ascii_lowercase());
            let at = rest.to_ascii_lowercase().find(&end).unwrap_or(rest.len());
            rest = &rest[at..];
            continue;
        }
        if is("li") && !closing {
            text.push(list_item);
        } else if BLOCKS.iter().any(|block| is(block)) {
            text.push("\n");
        } else if is("td") || is("th") {
            text.push(" ");
        }
    }
    text.push(&decode_references(rest));
    text.out
}

/// Text with its white space collapsed as it is pushed: runs of spaces become one space,
/// lines are trimmed, empty lines dropped; lines are joined by a newline (or a space).
struct Collapsed {
    out: String,
    line_separator: char,
    /// The current line has text.
    in_line: bool,
    space_pending: bool,
}

impl Collapsed {
    fn new(capacity: usize, layout: TextLayout) -> Self {
        Collapsed {
            out: String::with_capacity(capacity),
            line_separator: if layout == TextLayout::Lines {
                '\n'
            } else {
                ' '
            },
            in_line: false,
            space_pending: false,
        }
    }

    /// Text is copied in runs: a run holds no white space but single spaces between
    /// words, which stay as they are. This runs over the text of every item of the
    /// archive, twice (search index and archive.json).
    fn push(&mut self, text: &str) {
        let mut i = 0;
        while i < text.len() {
            let start = i;
            i = verbatim_run_end(text, i);
            if i > start {
                self.push_word(&text[start..i]);
                continue;
            }
            let space = text[i..].chars().next().expect("i is on a char boundary");
            i += space.len_utf8();
            if space == '\n' {
                self.in_line = false;
                self.space_pending = false;
            } else {
                self.space_pending = self.in_line;
            }
        }
    }

    fn push_word(&mut self, word: &str) {
        if !self.in_line && !self.out.is_empty() {
            self.out.push(self.line_separator);
        } else if self.space_pending {
            self.out.push(' ');
        }
        self.in_line = true;
        self.space_pending = false;
        self.out.push_str(word);
    }
}

/// The end of the run of `text` from `start` that [`Collapsed`] can copy as it is: up to
/// the first white space that is not a single ASCII space between two other characters.
fn verbatim_run_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let is_space_at = |at: usize| -> bool {
        match bytes.get(at) {
            None => true,
            Some(&b) if b.is_ascii() => b.is_ascii_whitespace() || b == 0x0b,
            Some(&b) if may_start_white_space(b) => {
                text[at..].chars().next().is_some_and(char::is_whitespace)
            }
            Some(_) => false,
        }
    };
    let mut i = start;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b' ' {
            if i == start || is_space_at(i + 1) {
                break;
            }
            i += 1;
        } else if b.is_ascii() {
            if b.is_ascii_whitespace() || b == 0x0b {
                break;
            }
            i += 1;
        } else if may_start_white_space(b) {
            let c = text[i..].chars().next().expect("a lead byte starts a char");
            if c.is_whitespace() {
                break;
            }
            i += c.len_utf8();
        } else {
            // Any other byte of a multi-byte character: the character is not white space.
            i += 1;
        }
    }
    i
}

/// Whether `byte` can be the first byte of a white space character outside ASCII (U+0085,
/// U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000).
fn may_start_white_space(byte: u8) -> bool {
    matches!(byte, 0xC2 | 0xE1 | 0xE2 | 0xE3)
}

/// The index of the `>` closing a tag, quotes respected.
fn tag_end(tag: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in tag.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// Decodes `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;` and numeric references;
/// other names are left as written.
fn decode_references(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let decoded = after.find(';').filter(|&end| end <= 10).and_then(|end| {
            let name = &after[..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => name.strip_prefix('#').and_then(|n| {
                    let code = match n.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => n.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                }),
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests;
