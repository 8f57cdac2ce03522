//! `/archive.json`: everything in the archive as plain data, for other programs. The schema
//! is [`ArchiveExport`], documented field by field in `docs/archive-json.md`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::base::config::{Language, SiteConfig};
use crate::base::text::text_lines;
use crate::content::model::{Archive, Extract, Item, Meeting, Participant};
use crate::graph::meeting_path;

pub(crate) const ARCHIVE_JSON_PATH: &str = "/archive.json";
/// The `version` of `archive.json`; raised when a field changes meaning or goes away.
pub(crate) const ARCHIVE_VERSION: u32 = 1;

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
pub(crate) fn export(archive: &Archive, config: &SiteConfig) -> ArchiveExport {
    let meetings: Vec<MeetingExport> = archive
        .meetings
        .iter()
        .map(|m| meeting_export(config, m))
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
                page: config.absolute_url(&format!("/people/{}/", p.key)),
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
                page: config.absolute_url(&format!("/organisations/{}/", o.key)),
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
fn meeting_export(config: &SiteConfig, m: &Meeting) -> MeetingExport {
    let path = meeting_path(&m.slug);
    MeetingExport {
        slug: m.slug.clone(),
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
        items: m
            .items
            .iter()
            .map(|item| ItemExport {
                number: item.number.clone(),
                anchor: item.anchor.clone(),
                url: config.absolute_url(&format!("{path}#{}", item.anchor)),
                title: item.title.clone(),
                presenters: item.presenters.iter().map(participant_export).collect(),
                presenting_organisations: item.presenting_organisations.clone(),
                text: text_lines(&item.html),
                decisions: item
                    .decisions
                    .iter()
                    .map(|d| extract_export(config, m, item, d))
                    .collect(),
                actions: item
                    .actions
                    .iter()
                    .map(|a| extract_export(config, m, item, a))
                    .collect(),
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
    }
}

fn participant_export(p: &Participant) -> ParticipantExport {
    ParticipantExport {
        person: p.person.clone(),
        organisation: p.organisation.clone(),
        role: p.role.clone(),
        note: p.note.clone(),
    }
}

/// A decision or an action of `item`.
fn extract_export(
    config: &SiteConfig,
    meeting: &Meeting,
    item: &Item,
    e: &Extract,
) -> ExtractExport {
    ExtractExport {
        id: e.id.clone(),
        meeting: meeting.slug.clone(),
        date: meeting.date,
        item: item.number.clone(),
        anchor: e.anchor.clone(),
        url: config.absolute_url(&format!("{}#{}", meeting_path(&meeting.slug), e.anchor)),
        text: e.text.clone(),
    }
}

/// The bytes of `archive.json`: compact JSON and a final newline.
pub(crate) fn archive_json(archive: &Archive, config: &SiteConfig) -> Vec<u8> {
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
        const SCRIPT_SAFE: crate::base::escape::Escapes =
            crate::base::escape::Escapes::new(b"<>&", &[b"\\u003c", b"\\u003e", b"\\u0026"]);
        SCRIPT_SAFE.write(writer, fragment)
    }
}
