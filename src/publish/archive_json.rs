//! `/archive.json` and `/archive/<year>.json`: everything in the archive as plain data,
//! for other programs. `archive.json` is a small index ([`ArchiveIndex`]: the site, the
//! counts, the registries and the list of parts); each part ([`ArchivePart`]) holds one
//! year's meetings, decisions and actions, so no file grows with the whole archive (one
//! file was 246 MB at 10,000 meetings). Documented field by field in
//! `docs/archive-json.md`.

use crate::content::followup::types::FollowUp;
use crate::publish::archive_formal::{formal_export, records_export, FormalExport, RecordsExport};
use crate::publish::follow_export::{
    action_export, decision_export, references_export, FollowExport, ReferencesExport,
};
use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::base::config::{Language, SiteConfig};
use crate::base::diagnostic::Result;
use crate::base::text::text_lines;
use crate::content::model::{Archive, Extract, Item, Meeting, Participant};
use crate::graph::meeting_path;

pub(crate) const ARCHIVE_JSON_PATH: &str = "/archive.json";
/// The folder of the per-year parts: `/archive/<year>.json`.
pub(crate) const ARCHIVE_PARTS_DIR: &str = "archive";
/// The `version` of `archive.json` and its parts; raised when a field changes meaning or
/// goes away. 2: the meetings, decisions and actions moved into per-year parts.
pub(crate) const ARCHIVE_VERSION: u32 = 2;

/// `/archive.json`: the site, the counts, the registries and the parts that hold the
/// meetings. Field by field in `docs/archive-json.md`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArchiveIndex {
    /// [`ARCHIVE_VERSION`].
    pub version: u32,
    /// `quorum <version>`.
    pub generator: String,
    pub site: SiteExport,
    /// Totals over all parts.
    pub counts: CountsExport,
    /// One per year that has meetings, oldest first.
    pub parts: Vec<PartExport>,
    /// By key.
    pub people: Vec<PersonExport>,
    /// By key.
    pub organisations: Vec<OrganisationExport>,
    /// By key.
    pub bodies: Vec<BodyExport>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountsExport {
    pub meetings: usize,
    pub decisions: usize,
    pub actions: usize,
}

/// One part as the index lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartExport {
    pub year: i32,
    /// Site path: `/archive/2021.json`.
    pub path: String,
    /// Absolute URL of the part.
    pub url: String,
    pub meetings: usize,
    pub decisions: usize,
    pub actions: usize,
    /// Size of the part's file in bytes.
    pub bytes: usize,
}

/// `/archive/<year>.json`: one year's meetings, with their decisions and actions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArchivePart {
    /// [`ARCHIVE_VERSION`].
    pub version: u32,
    /// `quorum <version>`.
    pub generator: String,
    pub year: i32,
    /// The year's meetings, oldest first.
    pub meetings: Vec<MeetingExport>,
    /// Every decision of the year's meetings, in the order of `meetings` and their items.
    pub decisions: Vec<ExtractExport>,
    /// Every action, in the same order.
    pub actions: Vec<ExtractExport>,
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
    /// Formal minutes only (see `archive_formal`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formal: Option<FormalExport>,
    /// The targets written `[[…]]` in the minutes, as written, each once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<String>,
    /// Slugs of the meetings whose minutes refer to this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub referred_to_by: Vec<String>,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_number: Option<Box<str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records: Option<RecordsExport>,
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
    /// `proposal` for a proposal to another body; absent for this body's decisions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// True for a decision of formal minutes not yet approved.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unapproved: bool,
    /// Owners, due date, status (actions); changes (decisions that change or are changed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow: Option<FollowExport>,
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

/// The site path of the part of `year`.
pub(crate) fn part_path(year: i32) -> String {
    format!("/{ARCHIVE_PARTS_DIR}/{}", part_file(year))
}

/// The file name of a year's part in [`ARCHIVE_PARTS_DIR`].
pub(crate) fn part_file(year: i32) -> String {
    format!("{year}.json")
}

fn generator() -> String {
    format!("quorum {}", env!("CARGO_PKG_VERSION"))
}

/// The part of one year: its meetings (in archive order) with their extracts.
fn part_export(
    config: &SiteConfig,
    follow: &FollowUp,
    year: i32,
    meetings: &[&Meeting],
) -> ArchivePart {
    let meetings: Vec<MeetingExport> = meetings
        .iter()
        .map(|m| meeting_export(config, follow, m))
        .collect();
    let decisions = meetings
        .iter()
        .flat_map(|m| m.items.iter().flat_map(|i| i.decisions.iter().cloned()))
        .collect();
    let actions = meetings
        .iter()
        .flat_map(|m| m.items.iter().flat_map(|i| i.actions.iter().cloned()))
        .collect();
    ArchivePart {
        version: ARCHIVE_VERSION,
        generator: generator(),
        year,
        meetings,
        decisions,
        actions,
    }
}

/// The index, given the parts as written (year, part, bytes).
fn index_export(archive: &Archive, config: &SiteConfig, parts: &[Listed]) -> ArchiveIndex {
    let parts: Vec<PartExport> = parts
        .iter()
        .map(|listed| PartExport {
            year: listed.year,
            path: part_path(listed.year),
            url: config.absolute_url(&part_path(listed.year)),
            meetings: listed.meetings,
            decisions: listed.decisions,
            actions: listed.actions,
            bytes: listed.bytes,
        })
        .collect();
    ArchiveIndex {
        version: ARCHIVE_VERSION,
        generator: generator(),
        site: SiteExport {
            title: config.title.clone(),
            description: config.description.clone(),
            base_url: config.base_url.clone(),
            language: config.language,
            timezone: config.timezone.clone(),
        },
        counts: CountsExport {
            meetings: parts.iter().map(|p| p.meetings).sum(),
            decisions: parts.iter().map(|p| p.decisions).sum(),
            actions: parts.iter().map(|p| p.actions).sum(),
        },
        parts,
        people: archive
            .people
            .values()
            .map(|p| PersonExport {
                key: p.key.clone(),
                name: p.name.clone(),
                aliases: p.aliases.clone(),
                organisation: p.organisation.clone(),
                registered: p.registered,
                // A public build's stand-ins for withheld names have no page.
                page: if p.exposure.withheld {
                    String::new()
                } else {
                    config.absolute_url(&crate::graph::page::person_path(&p.key))
                },
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
                page: config.absolute_url(&crate::graph::page::organisation_path(&o.key)),
            })
            .collect(),
        bodies: archive
            .bodies
            .values()
            .map(|b| BodyExport {
                key: b.key.clone(),
                name: b.name.clone(),
                page: config.absolute_url(&format!("/bodies/{}/", b.key)),
            })
            .collect(),
    }
}

/// A meeting with its participants, attachments, items, decisions, actions and appendices.
fn meeting_export(config: &SiteConfig, follow: &FollowUp, m: &Meeting) -> MeetingExport {
    let path = meeting_path(&m.slug);
    let references = references_export(follow, m);
    let items_html = m.items_html();
    MeetingExport {
        references: references.references,
        referred_to_by: references.referred_to_by,
        slug: m.slug.to_string(),
        url: config.absolute_url(&path),
        title: m.title.clone(),
        body: m.body.clone(),
        organiser: m.organiser.clone(),
        date: m.date,
        time: m.time.clone(),
        location: m.location.clone(),
        kind: m.kind.clone(),
        language: m.language,
        draft: m.draft,
        chair: m.chair.as_ref().map(participant_export),
        scribes: m.scribes.iter().map(participant_export).collect(),
        attendees: m.attendees.iter().map(participant_export).collect(),
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
                    .map(|f| config.absolute_url(&format!("{path}{f}")))
                    .or_else(|| a.url.clone()),
            })
            .collect(),
        intro: text_lines(&m.intro_html),
        items: (m.items.iter().zip(items_html.iter()))
            .map(|(item, html)| ItemExport {
                number: item.number.to_string(),
                anchor: item.anchor.to_string(),
                url: config.absolute_url(&format!("{path}#{}", item.anchor)),
                title: item.title.to_string(),
                presenters: item.presenters.iter().map(participant_export).collect(),
                presenting_organisations: item
                    .presenting_organisations
                    .iter()
                    .map(|o| o.to_string())
                    .collect(),
                text: text_lines(html),
                decisions: item
                    .decisions
                    .iter()
                    .map(|d| extract_export(config, m, item, d, decision_export(follow, d)))
                    .collect(),
                actions: item
                    .actions
                    .iter()
                    .map(|a| extract_export(config, m, item, a, action_export(follow, a)))
                    .collect(),
                case_number: item.case_number.clone(),
                records: records_export(item.records()),
            })
            .collect(),
        appendices: m
            .appendices
            .iter()
            .map(|a| AppendixExport {
                title: a.title.clone(),
                anchor: a.anchor.clone(),
                text: text_lines(&a.html),
            })
            .collect(),
        formal: m.formal.as_ref().map(formal_export),
    }
}

fn participant_export(p: &Participant) -> ParticipantExport {
    ParticipantExport {
        person: p.person.to_string(),
        organisation: p.organisation.as_deref().map(str::to_string),
        role: p.role.as_deref().map(str::to_string),
        note: p.note.as_deref().map(str::to_string),
    }
}

/// A decision or an action of `item`.
fn extract_export(
    config: &SiteConfig,
    meeting: &Meeting,
    item: &Item,
    e: &Extract,
    follow: Option<FollowExport>,
) -> ExtractExport {
    ExtractExport {
        follow,
        id: e.id.to_string(),
        meeting: meeting.slug.to_string(),
        date: meeting.date,
        item: item.number.to_string(),
        anchor: e.anchor.to_string(),
        url: config.absolute_url(&format!("{}#{}", meeting_path(&meeting.slug), e.anchor)),
        text: e.text.to_string(),
        kind: (!e.kind.is_decision()).then(|| "proposal".to_string()),
        unapproved: meeting.unapproved(),
    }
}

/// The files of the export: each year's part (oldest first), then `archive.json`. Site
/// path and bytes (compact JSON and a final newline) of each.
#[cfg(test)]
pub(crate) fn archive_json(archive: &Archive, config: &SiteConfig) -> Vec<(String, Vec<u8>)> {
    let files = std::sync::Mutex::new(Vec::new());
    let written: Result<usize> = write_archive_json(archive, config, None, &|path, bytes| {
        files.lock().expect("no writer panics").push((path, bytes));
        Ok(())
    });
    written.expect("gathering the files cannot fail");
    let mut files = files.into_inner().expect("no writer panics");
    files.sort_unstable_by_key(|(path, _)| (path == ARCHIVE_JSON_PATH, path.clone()));
    files
}

/// [`archive_json`], handing each file to `write` as soon as it is made: the parts are made
/// on both cores, so at most one per core is in memory at a time (at 100,000 meetings they
/// come to gigabytes). With a `cache` (`serve`), a year's part made of the same meetings
/// with the same follow-up as when it was last written is not made again. Returns how many
/// files were made.
pub(crate) fn write_archive_json(
    archive: &Archive,
    config: &SiteConfig,
    cache: Option<&mut ExportCache>,
    write: &(dyn Fn(String, Vec<u8>) -> Result<()> + Sync),
) -> Result<usize> {
    let mut by_year: BTreeMap<i32, Vec<&Arc<Meeting>>> = BTreeMap::new();
    for m in &archive.meetings {
        by_year.entry(m.date.year()).or_default().push(m);
    }
    let follow = &archive.follow_up;
    // With a cache, what each year's part is made of, and the parts made of the same.
    let years: Vec<YearOfParts<'_>> = by_year
        .into_iter()
        .map(|(year, meetings)| {
            let made_of = cache.is_some().then(|| MadeOf::of(follow, &meetings));
            (year, meetings, made_of)
        })
        .collect();
    let kept: Vec<Option<Listed>> = years
        .iter()
        .map(|(year, _, made_of)| {
            let kept = cache.as_deref()?.years.get(year)?;
            (Some(&kept.made_of) == made_of.as_ref()).then_some(kept.listed)
        })
        .collect();
    let made: Vec<Listed> = years
        .par_iter()
        .zip(&kept)
        .with_max_len(1)
        .filter(|(_, kept)| kept.is_none())
        .map(|((year, meetings, _), _)| {
            let meetings: Vec<&Meeting> = meetings.iter().map(|m| m.as_ref()).collect();
            let part = part_export(config, follow, *year, &meetings);
            let bytes = part.to_json_bytes();
            let listed = Listed {
                year: *year,
                meetings: part.meetings.len(),
                decisions: part.decisions.len(),
                actions: part.actions.len(),
                bytes: bytes.len(),
            };
            drop(part);
            write(part_path(*year), bytes)?;
            Ok(listed)
        })
        .collect::<Result<_>>()?;
    let parts_made = made.len();
    let mut made = made.into_iter();
    let listed: Vec<Listed> = (kept.into_iter())
        .map(|kept| {
            kept.or_else(|| made.next())
                .expect("each part kept or made")
        })
        .collect();
    if let Some(cache) = cache {
        cache.years = (years.into_iter().zip(&listed))
            .filter_map(|((year, _, made_of), &listed)| {
                let made_of = made_of?;
                Some((year, KeptPart { made_of, listed }))
            })
            .collect();
    }
    let index = index_export(archive, config, &listed);
    write(ARCHIVE_JSON_PATH.to_string(), index.to_json_bytes())?;
    Ok(parts_made + 1)
}

/// A year, its meetings and (with a cache) what its part is made of.
type YearOfParts<'a> = (i32, Vec<&'a Arc<Meeting>>, Option<MadeOf>);

/// `serve`'s record of the parts of archive.json it wrote: per year, what the part was
/// made of and what archive.json lists of it.
#[derive(Default)]
pub(crate) struct ExportCache {
    years: BTreeMap<i32, KeptPart>,
}

impl ExportCache {
    /// Forgets every part: the next refresh makes them all (after a failed write).
    pub(crate) fn clear(&mut self) {
        self.years.clear();
    }
}

struct KeptPart {
    made_of: MadeOf,
    listed: Listed,
}

/// What a year's part is made of: its meetings (the same [`Arc`]s: an edited meeting is a
/// new one) and the follow-up each shows (references, decisions' links, actions' states),
/// which edits of other meetings change.
#[derive(PartialEq)]
struct MadeOf(Vec<(SameMeeting, MeetingFollow)>);

impl MadeOf {
    fn of(follow: &FollowUp, meetings: &[&Arc<Meeting>]) -> MadeOf {
        MadeOf(
            meetings
                .iter()
                .map(|&m| (SameMeeting(Arc::clone(m)), MeetingFollow::of(follow, m)))
                .collect(),
        )
    }
}

/// A meeting compared by identity.
struct SameMeeting(Arc<Meeting>);

impl PartialEq for SameMeeting {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(PartialEq)]
struct MeetingFollow {
    references: ReferencesExport,
    decisions: Vec<Option<FollowExport>>,
    actions: Vec<Option<FollowExport>>,
}

impl MeetingFollow {
    fn of(follow: &FollowUp, m: &Meeting) -> MeetingFollow {
        let extracts = |export: fn(&FollowUp, &Extract) -> Option<FollowExport>,
                        of: fn(&Item) -> &[Extract]| {
            m.items
                .iter()
                .flat_map(|item| of(item).iter().map(|e| export(follow, e)))
                .collect()
        };
        MeetingFollow {
            references: references_export(follow, m),
            decisions: extracts(decision_export, |item| item.decisions.as_slice()),
            actions: extracts(action_export, |item| item.actions.as_slice()),
        }
    }
}

/// What `archive.json` says of one part, kept once the part is written.
#[derive(Clone, Copy)]
struct Listed {
    year: i32,
    meetings: usize,
    decisions: usize,
    actions: usize,
    bytes: usize,
}

/// Compact JSON with a final newline, script-safe (see [`ScriptSafe`]).
fn script_safe_json<T: Serialize>(value: &T, capacity: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(capacity);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, ScriptSafe);
    value
        .serialize(&mut serializer)
        .expect("plain data serialises");
    out.push(b'\n');
    out
}

impl ArchiveIndex {
    /// Compact JSON with a final newline. `<`, `>` and `&` are written as `\u003c`, `\u003e`
    /// and `\u0026`, so the text is safe to embed in an HTML `<script>` as it is.
    pub fn to_json(&self) -> String {
        String::from_utf8(self.to_json_bytes()).expect("serde_json writes UTF-8")
    }

    /// [`ArchiveIndex::to_json`] as the bytes written to `archive.json`.
    pub fn to_json_bytes(&self) -> Vec<u8> {
        script_safe_json(self, 64 * 1024)
    }
}

impl ArchivePart {
    /// Compact JSON with a final newline, script-safe like [`ArchiveIndex::to_json`].
    pub fn to_json(&self) -> String {
        String::from_utf8(self.to_json_bytes()).expect("serde_json writes UTF-8")
    }

    /// [`ArchivePart::to_json`] as the bytes written to `/archive/<year>.json`, without
    /// checking again that serde_json wrote UTF-8 (half a percent of a build).
    pub fn to_json_bytes(&self) -> Vec<u8> {
        // About 16 KB a meeting (the generated corpus writes 15.6): few regrowths.
        script_safe_json(self, self.meetings.len() * 16 * 1024)
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
        const SCRIPT_SAFE: crate::base::escape::Escapes =
            crate::base::escape::Escapes::new(b"<>&", &[b"\\u003c", b"\\u003e", b"\\u0026"]);
        SCRIPT_SAFE.write(writer, fragment)
    }
}
