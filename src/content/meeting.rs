//! Parsing one meeting into the model: front matter and body are read by [`frontmatter`]
//! and [`markdown`]; here names are resolved against the [`Registry`] (organisations by
//! alias, people by alias, presenters split into people and organisations), dates and
//! attachments are checked, and ids are given. [`assemble`] then joins all meetings into
//! the [`Archive`].

mod attachments;
mod date;

pub(crate) use attachments::attachment_folder;
use attachments::*;
use date::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;

use crate::base::config::{Language, SiteConfig};
use crate::base::diagnostic::Diagnostic;
use crate::base::slug::{match_key, slugify};
use crate::content::followup::{self, syntax, tasks, terms, types::ExtractTerms, types::Owner};
use crate::content::formal::FirstItem;
use crate::content::formal_front;
use crate::content::formal_numbering::numbering_warnings;
use crate::content::frontmatter::{self, RawMeeting, RawParticipant};
use crate::content::load::SourceFile;
use crate::content::markdown::{self, looks_like_name, presenter_parts_keeping, MarkdownOptions};
use crate::content::model::{
    Archive, Body, Extract, InternalLink, Item, Meeting, Organisation, PackedTexts, Participant,
    Person, Tag,
};
use crate::content::participant;
use crate::content::registry::Registry;

/// A meeting, and the names it used that the registries do not know.
#[derive(Debug, Clone)]
pub struct ParsedMeeting {
    pub(crate) meeting: Arc<Meeting>,
    /// Key → name as first written.
    pub(crate) new_organisations: Vec<(String, String)>,
    pub(crate) new_people: Vec<(String, String)>,
    /// Body key → name as written.
    pub(crate) body_name: String,
    pub(crate) warnings: Vec<Diagnostic>,
}

/// Parses one meeting file. Errors come all at once.
pub fn parse_meeting(
    file: &SourceFile,
    config: &SiteConfig,
    registry: &Registry,
) -> Result<ParsedMeeting, Vec<Diagnostic>> {
    let text = file.text.as_str();
    let split = frontmatter::split(text, &file.path).map_err(|d| vec![d])?;
    let raw = frontmatter::parse_meeting(&split, text, &file.path).map_err(|d| vec![d])?;
    let mut errors = Vec::new();
    let locate = |key: &str| key_line(split.yaml, split.yaml_line, key);

    let date = match parse_date(&raw, &file.path, text, &locate) {
        Ok(date) => Some(date),
        Err(d) => {
            errors.push(d);
            None
        }
    };
    let language = parse_language(&raw, config, file, &locate, &mut errors);
    let slug = slug_of(&file.path);
    if slug.is_empty() {
        errors.push(
            Diagnostic::error(&file.path, "the file name gives an empty slug")
                .with_hint("name meeting files like 2020-09-15-socialchefsnatverket.md"),
        );
    }
    let attachments = parse_attachments(&raw.attachments, file, &locate, &mut errors);
    let planned = parse_status(&raw, file, &locate, &mut errors);
    let meeting_case = parse_case(&raw, file, &locate, &mut errors);
    let Some(date) = date else {
        return Err(errors);
    };
    if !errors.is_empty() {
        return Err(errors);
    }

    let mut names = Names::new(registry, file, &raw);
    names
        .warnings
        .extend(date_file_name_warning(date, &file.path, text, &locate));
    let organiser = raw.organiser.as_deref().map(|o| names.organisation(o));
    let chair = raw.chair.as_ref().map(|p| names.participant(p));
    let scribes = raw.scribes.iter().map(|p| names.participant(p)).collect();
    let attendees = raw.attendees.iter().map(|p| names.participant(p)).collect();

    let place = formal_front::Place {
        file: &file.path,
        text,
        yaml: split.yaml,
        yaml_line: split.yaml_line,
    };
    let mut formal_errors = Vec::new();
    let mut formal_warnings = Vec::new();
    let mut formal = formal_front::read(
        &raw,
        date,
        language,
        &place,
        &mut |name| names.person(name),
        &mut formal_warnings,
        &mut formal_errors,
    );
    if !formal_errors.is_empty() {
        return Err(formal_errors);
    }
    names.warnings.append(&mut formal_warnings);

    let options = MarkdownOptions::for_site(config, language);
    let body = markdown::parse_body(split.body, &options);
    if let Some(formal) = &mut formal {
        let warnings = formal_front::item_warnings(formal, &body.items, split.body_line, &place);
        names.warnings.extend(warnings);
        formal.first_item = body.items.first().map(|item| {
            let line = item.line + split.body_line - 1;
            let text = text.lines().nth(line - 1).unwrap_or_default().to_string();
            FirstItem { line, text }
        });
    }
    for note in &body.notes {
        let line = note.line + split.body_line - 1;
        names.warnings.push(
            Diagnostic::warning(&file.path, note.message.clone())
                .at(text, line, note.column)
                .with_hint(note.hint.clone()),
        );
    }
    let item_lines: Vec<(usize, String)> = body
        .items
        .iter()
        .map(|i| (i.line, i.number.clone()))
        .collect();
    let update_words = config.extract.follow_up_words();
    let (written, cases) = syntax::scan(&syntax::Body {
        text: split.body,
        first_line: split.body_line,
        items: &item_lines,
        update_words: &update_words,
    });
    // Compressed by the build in a large archive (`packed::COMPRESS_ABOVE`).
    let items_html = PackedTexts::join(body.items.iter().map(|i| i.html.as_str()));
    let items = body
        .items
        .into_iter()
        .zip(cases)
        .map(|(item, case)| {
            let case = case.or_else(|| meeting_case.clone());
            resolve_item(item, case, &slug, date, &mut names)
        })
        .collect();

    let body_name = raw
        .body
        .clone()
        .or_else(|| organiser.as_ref().map(|key| names.organisation_name(key)))
        .unwrap_or_else(|| default_body_name(language).to_string());
    let title = raw.title.clone().unwrap_or_else(|| {
        format!(
            "{body_name} {}",
            crate::base::i18n::long_date(date, language)
        )
    });
    let tags = tags_of(&raw.tags);

    let meeting = Meeting {
        slug: slug.into(),
        source: file.path.clone(),
        title,
        body: slugify(&body_name),
        organiser,
        date,
        time: raw.time.clone(),
        location: raw.location.clone(),
        kind: raw.kind.clone(),
        language,
        chair,
        scribes,
        attendees,
        tags,
        attachments,
        draft: raw.draft,
        intro_html: body.intro_html.into(),
        items,
        items_html,
        appendices: body
            .appendices
            .into_iter()
            .map(|a| crate::content::model::Appendix {
                title: a.title,
                anchor: a.anchor,
                html: a.html.into(),
            })
            .collect(),
        has_code: body.has_code,
        internal_links: internal_links(body.internal_links, split.body_line, text),
        formal,
        aliases: raw.aliases.iter().map(|a| alias_slug(a)).collect(),
        planned,
        written,
    };
    Ok(ParsedMeeting {
        meeting: Arc::new(meeting),
        new_organisations: names.new_organisations,
        new_people: names.new_people,
        body_name,
        warnings: names.warnings,
    })
}

/// `case:` in the front matter: the case of every item without a case number of its own.
/// A value without a letter or a digit names nothing (its page would have no address).
fn parse_case(
    raw: &RawMeeting,
    file: &SourceFile,
    locate: &dyn Fn(&str) -> usize,
    errors: &mut Vec<Diagnostic>,
) -> Option<String> {
    let case = raw.case.as_deref()?.trim();
    if followup::case_key(case).is_empty() {
        errors.push(
            Diagnostic::error(
                &file.path,
                format!("the case `{case}` has no letter or digit"),
            )
            .at(&file.text, locate("case"), 1)
            .with_hint("write a diarienummer (`case: KS 2025/1`) or a topic (`case: Ny simhall`)"),
        );
        return None;
    }
    Some(case.to_string())
}

/// Whether `status:` says the meeting is planned (`planned`, `planerat`) rather than held
/// (`held`, `genomfört`, or no status); another value is an error.
fn parse_status(
    raw: &RawMeeting,
    file: &SourceFile,
    locate: &dyn Fn(&str) -> usize,
    errors: &mut Vec<Diagnostic>,
) -> bool {
    match raw.status.as_deref().map(str::trim) {
        None | Some("held" | "genomfört" | "genomfort") => false,
        Some("planned" | "planerat" | "planerad") => true,
        Some(other) => {
            errors.push(
                Diagnostic::error(&file.path, format!("unknown status `{other}`"))
                    .at(&file.text, locate("status"), 1)
                    .with_hint(
                        "write `status: planned` for a meeting yet to be held, or leave it out",
                    ),
            );
            false
        }
    }
}

/// The meeting's `language`, or the site's; an unknown code is an error.
fn parse_language(
    raw: &RawMeeting,
    config: &SiteConfig,
    file: &SourceFile,
    locate: &dyn Fn(&str) -> usize,
    errors: &mut Vec<Diagnostic>,
) -> Language {
    match raw.language.as_deref() {
        None => config.language,
        Some(code) => Language::from_code(code).unwrap_or_else(|| {
            errors.push(
                Diagnostic::error(&file.path, format!("unknown language `{code}`"))
                    .at(&file.text, locate("language"), 1)
                    .with_hint("write `language: sv` or `language: en`"),
            );
            config.language
        }),
    }
}

/// An agenda item of the body with its presenters resolved, its extracts given ids and
/// terms (owners, due dates, decisions changed), and its case number: the Markdown
/// step's ("Dnr" in the heading or a paragraph), else from a marker line (`case`).
fn resolve_item(
    item: markdown::BodyItem,
    case: Option<String>,
    slug: &str,
    date: chrono::NaiveDate,
    names: &mut Names<'_>,
) -> Item {
    let (presenters, presenting_organisations) = match &item.presenters {
        Some(text) => names.presenters(text),
        None => (Vec::new(), Vec::new()),
    };
    let decisions = give_ids(slug, item.decisions, |text| ExtractTerms {
        changes: followup::decision_changes(text),
        ..ExtractTerms::default()
    });
    let mut actions = give_ids(slug, item.actions, |text| names.action_terms(text, date));
    if actions.is_empty() {
        // "Beslut: Karin Engström ska …" gives Karin a task to follow up, unless the
        // item writes its actions out.
        actions = tasks::decision_tasks(&decisions, date, |name| names.known_owner(name));
    }
    Item {
        // The Markdown step's case number (a "Dnr" in the heading or its own paragraph),
        // else the follow-up's marker line ("Ärende: …").
        case_number: item.case_number.or(case).map(String::into_boxed_str),
        decisions,
        actions,
        number: item.number.into(),
        anchor: item.anchor.into(),
        title: item.title.into(),
        presenters,
        presenting_organisations,
        records: Item::boxed_records(item.records),
    }
}

/// The tags as written, each once, with its slug as key.
fn tags_of(raw: &[String]) -> Vec<Tag> {
    let mut tags: Vec<Tag> = raw
        .iter()
        .map(|t| Tag {
            key: slugify(t),
            name: t.trim().to_string(),
        })
        .filter(|t| !t.key.is_empty())
        .collect();
    tags.dedup_by(|a, b| a.key == b.key);
    tags
}

/// The body's links to pages of the site, placed in the file (the body starts at
/// `body_line`).
fn internal_links(
    links: Vec<(String, usize, usize)>,
    body_line: usize,
    text: &str,
) -> Vec<InternalLink> {
    links
        .into_iter()
        .map(|(path, line_in_body, column)| {
            let line = line_in_body + body_line - 1;
            let source_line = text.lines().nth(line - 1).unwrap_or_default().to_string();
            InternalLink {
                path,
                line,
                column,
                source_line,
            }
        })
        .collect()
}

/// An alias as a slug: `2022-01-28-fyrbodal`, `2022/2022-01-28-fyrbodal.md` and
/// `/meetings/2022-01-28-fyrbodal/` all name the slug `2022-01-28-fyrbodal`.
fn alias_slug(alias: &str) -> String {
    let last = alias
        .split(['/', '\\'])
        .rfind(|part| !part.trim().is_empty())
        .unwrap_or_default();
    slugify(last.trim().trim_end_matches(".md"))
}

fn default_body_name(language: Language) -> &'static str {
    match language {
        Language::Sv => "Övriga möten",
        Language::En => "Other meetings",
    }
}

/// The slug of a meeting: its file name without `.md`, as a slug.
pub(crate) fn slug_of(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .map(slugify)
        .unwrap_or_default()
}

fn give_ids(
    slug: &str,
    extracts: Vec<markdown::Extract>,
    mut terms_of: impl FnMut(&str) -> ExtractTerms,
) -> Vec<Extract> {
    extracts
        .into_iter()
        .map(|e| {
            let local = e
                .anchor
                .split_once('-')
                .map_or(e.anchor.as_str(), |(_, rest)| rest);
            Extract {
                id: format!("{slug}/{local}").into(),
                terms: terms_of(&e.text),
                anchor: e.anchor.into(),
                text: e.text.into(),
                html: e.html.into(),
                kind: e.kind,
            }
        })
        .collect()
}

/// The 1-based file line of a top-level `key:` in the YAML (the first YAML line if absent).
fn key_line(yaml: &str, yaml_line: usize, key: &str) -> usize {
    yaml.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(yaml_line, |i| yaml_line + i)
}

/// Resolves the names of one meeting.
struct Names<'a> {
    registry: &'a Registry,
    file: &'a SourceFile,
    /// Organisation names written in this meeting's participants, as resolved.
    local: HashMap<String, String>,
    new_organisations: Vec<(String, String)>,
    new_people: Vec<(String, String)>,
    warnings: Vec<Diagnostic>,
}

impl<'a> Names<'a> {
    fn new(registry: &'a Registry, file: &'a SourceFile, raw: &RawMeeting) -> Self {
        let mut names = Names {
            registry,
            file,
            local: HashMap::new(),
            new_organisations: Vec::new(),
            new_people: Vec::new(),
            warnings: Vec::new(),
        };
        // Organisations written in the participant lists count as known in the minutes,
        // so "(Lisbeth Olsson, Sotenäs)" resolves even without a registry.
        let participants = raw.chair.iter().chain(&raw.scribes).chain(&raw.attendees);
        for participant in participants {
            if let (_, Some(organisation), _) = split_participant(participant) {
                let key = names.organisation(&organisation);
                names.local.insert(match_key(&organisation), key);
            }
        }
        names
    }

    fn organisation(&mut self, name: &str) -> String {
        let name = name.trim();
        let wanted = match_key(name);
        if let Some(key) = self.registry.organisation_by_key(&wanted) {
            return key.to_string();
        }
        if let Some(key) = self.local.get(&wanted) {
            return key.clone();
        }
        let key = slugify(name);
        if !self.new_organisations.iter().any(|(k, _)| *k == key) {
            self.new_organisations.push((key.clone(), name.to_string()));
            self.warn_unknown_organisation(name);
        }
        key
    }

    fn organisation_name(&self, key: &str) -> String {
        self.registry
            .organisations
            .get(key)
            .map(|o| o.name.clone())
            .or_else(|| {
                self.new_organisations
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, n)| n.clone())
            })
            .unwrap_or_else(|| key.to_string())
    }

    fn warn_unknown_organisation(&mut self, name: &str) {
        let suggestion = closest(name, self.registry.organisation_names());
        let hint = match suggestion {
            Some(key) => format!(
                "did you mean `{key}` ({})? Otherwise add it to content/organisations.yaml",
                self.registry.organisations[key].name
            ),
            None => "add it to content/organisations.yaml to give it a canonical name and aliases"
                .into(),
        };
        self.warnings.push(
            Diagnostic::warning(
                &self.file.path,
                format!("`{name}` is not a registered organisation"),
            )
            .at_first(&self.file.text, name)
            .with_hint(hint),
        );
    }

    fn person(&mut self, name: &str) -> String {
        let name = name.trim();
        if let Some(key) = self.registry.resolve_person(name) {
            return key.to_string();
        }
        let key = slugify(name);
        if !self.new_people.iter().any(|(k, _)| *k == key) {
            self.new_people.push((key.clone(), name.to_string()));
            if let Some(known) = closest(name, self.registry.person_names()) {
                self.warnings.push(
                    Diagnostic::warning(&self.file.path, format!("`{name}` is not a registered person"))
                        .at_first(&self.file.text, name)
                        .with_hint(format!(
                            "did you mean `{known}` ({})? Add the spelling to their aliases in content/people.yaml",
                            self.registry.people[known].name
                        )),
                );
            }
        }
        key
    }

    /// An action's owners, resolved, and its due date.
    fn action_terms(&mut self, text: &str, date: chrono::NaiveDate) -> ExtractTerms {
        let read = terms::read_terms(text, date);
        ExtractTerms {
            owners: read.owners.iter().map(|name| self.owner(name)).collect(),
            due: match read.due {
                Some(terms::Due::Date(date)) => Some(date),
                _ => None,
            },
            due_next_meeting: read.due == Some(terms::Due::NextMeeting),
            changes: Vec::new(),
        }
    }

    /// The person or organisation called `name`, if registered or met in these minutes.
    fn known_owner(&self, name: &str) -> Option<Owner> {
        if let Some(key) = self.registry.resolve_person(name) {
            return Some(Owner::Person(key.to_string()));
        }
        if let Some(key) = self.registry.resolve_organisation(name) {
            return Some(Owner::Organisation(key.to_string()));
        }
        let wanted = match_key(name);
        if let Some(key) = self.local.get(&wanted) {
            return Some(Owner::Organisation(key.clone()));
        }
        let met = |list: &[(String, String)]| {
            list.iter()
                .find(|(_, n)| match_key(n) == wanted)
                .map(|(k, _)| k.clone())
        };
        met(&self.new_people)
            .map(Owner::Person)
            .or_else(|| met(&self.new_organisations).map(Owner::Organisation))
    }

    /// The person or organisation called `name`: registered, or met in these minutes.
    /// Another name is kept as written, with a warning that suggests a registered one.
    fn owner(&mut self, name: &str) -> Owner {
        if let Some(owner) = self.known_owner(name) {
            return owner;
        }
        let hint = if let Some(key) = closest(name, self.registry.person_names()) {
            format!(
                "did you mean `{key}` ({})? Add the spelling to their aliases in content/people.yaml",
                self.registry.people[key].name
            )
        } else if let Some(key) = closest(name, self.registry.organisation_names()) {
            format!(
                "did you mean `{key}` ({})? Add the spelling to its aliases in content/organisations.yaml",
                self.registry.organisations[key].name
            )
        } else {
            "add them to content/people.yaml or content/organisations.yaml, or name the owner \
             explicitly: `(Ansvarig: Name)` / `(Owner: Name)`"
                .into()
        };
        self.warnings.push(
            Diagnostic::warning(
                &self.file.path,
                format!(
                    "the owner of an action, `{name}`, is neither a known person nor organisation"
                ),
            )
            .at_first(&self.file.text, name)
            .with_hint(hint),
        );
        Owner::Name(name.to_string())
    }

    fn participant(&mut self, raw: &RawParticipant) -> Participant {
        let (name, organisation, role) = split_participant(raw);
        let person = self.person(&name);
        let organisation = organisation
            .map(|o| self.organisation(&o))
            .or_else(|| self.registered_organisation_of(&person));
        let note = match raw {
            RawParticipant::Entry(e) => e.note.clone(),
            RawParticipant::Line(_) => None,
        };
        Participant {
            person: participant::key(&person),
            organisation: organisation.as_deref().map(participant::key),
            role: role.map(String::into_boxed_str),
            note: note.map(String::into_boxed_str),
        }
    }

    /// Whether the registry or this meeting's participants know `name` as an organisation.
    fn is_known_organisation(&self, name: &str) -> bool {
        let wanted = match_key(name);
        self.registry.organisation_by_key(&wanted).is_some() || self.local.contains_key(&wanted)
    }

    fn registered_organisation_of(&self, person: &str) -> Option<String> {
        self.registry
            .people
            .get(person)
            .and_then(|p| p.organisation.clone())
    }

    /// "Name, Name och Name, Organisation": names gather until an organisation follows,
    /// which then applies to each of them. A part is an organisation when it resolves to
    /// one (registry, alias, or an organisation of this meeting's participants), or when
    /// it does not read as a person's name.
    fn presenters(&mut self, text: &str) -> (Vec<Participant>, Vec<Arc<str>>) {
        let mut presenters: Vec<Participant> = Vec::new();
        let mut organisations = Vec::new();
        let mut pending = 0;
        // Classify the parts first (borrowing), then resolve them (mutating).
        let is_organisation = |part: &str| self.is_known_organisation(part);
        let parts: Vec<(&str, bool)> = presenter_parts_keeping(text, is_organisation)
            .into_iter()
            .map(|part| (part, is_organisation(part) || !looks_like_name(part)))
            .collect();
        for (part, is_organisation) in parts {
            if is_organisation {
                let key = participant::key(&self.organisation(part));
                if pending == 0 {
                    organisations.push(key);
                } else {
                    let start = presenters.len() - pending;
                    for presenter in &mut presenters[start..] {
                        presenter.organisation = Some(key.clone());
                    }
                    pending = 0;
                }
            } else {
                let person = self.person(part);
                presenters.push(Participant {
                    person: participant::key(&person),
                    organisation: None,
                    role: None,
                    note: None,
                });
                pending += 1;
            }
        }
        for presenter in &mut presenters {
            if presenter.organisation.is_none() {
                presenter.organisation = self
                    .registered_organisation_of(&presenter.person)
                    .as_deref()
                    .map(participant::key);
            }
        }
        (presenters, organisations)
    }
}

/// "Name, role, Organisation" or a map entry → (name, organisation, role).
fn split_participant(raw: &RawParticipant) -> (String, Option<String>, Option<String>) {
    match raw {
        RawParticipant::Entry(e) => (
            e.name.trim().to_string(),
            e.organisation.clone(),
            e.role.clone(),
        ),
        RawParticipant::Line(line) => {
            let parts: Vec<&str> = line
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            match parts.as_slice() {
                [] => (String::new(), None, None),
                [name] => (name.to_string(), None, None),
                [name, organisation] => (name.to_string(), Some(organisation.to_string()), None),
                [name, middle @ .., organisation] => (
                    name.to_string(),
                    Some(organisation.to_string()),
                    Some(middle.join(", ")),
                ),
            }
        }
    }
}

/// The registered key whose name is closest to `name`, if close enough to be a typo.
fn closest<'r>(name: &str, names: impl Iterator<Item = (&'r str, &'r str)>) -> Option<&'r str> {
    let wanted = match_key(name);
    names
        .map(|(candidate, key)| (strsim::jaro_winkler(&wanted, candidate), candidate, key))
        .filter(|(score, _, _)| *score >= 0.9)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, _, key)| key)
}

/// Joins parsed meetings into the archive: sorted, with duplicate slugs reported, and
/// every organisation, person and body met in the minutes. The meetings are shared with
/// `parsed` (which `serve` keeps to assemble again after an edit), not copied.
pub fn assemble(
    parsed: Vec<&ParsedMeeting>,
    registry: &Registry,
) -> Result<(Archive, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut parsed = parsed;
    parsed.sort_by(|a, b| {
        (a.meeting.date, &a.meeting.slug, &a.meeting.source).cmp(&(
            b.meeting.date,
            &b.meeting.slug,
            &b.meeting.source,
        ))
    });
    let mut errors = Vec::new();
    let mut seen: BTreeMap<&str, &Path> = BTreeMap::new();
    for p in &parsed {
        if let Some(first) = seen.insert(&p.meeting.slug, &p.meeting.source) {
            errors.push(
                Diagnostic::error(
                    &p.meeting.source,
                    format!(
                        "the slug `{}` is also used by {}",
                        p.meeting.slug,
                        first.display()
                    ),
                )
                .with_hint("two meetings cannot have the same file name; rename one of them"),
            );
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let warnings = broken_meeting_links(&parsed, &seen);

    let mut archive = Archive {
        organisations: registry.organisations.clone(),
        people: registry.people.clone(),
        ..Archive::default()
    };
    for p in parsed {
        // The first spelling of a name is the one kept: later ones cost a lookup.
        for (key, name) in &p.new_organisations {
            if !archive.organisations.contains_key(key) {
                let organisation = Organisation {
                    key: key.clone(),
                    name: name.clone(),
                    short: None,
                    aliases: Vec::new(),
                    kind: None,
                    url: None,
                    registered: false,
                };
                archive.organisations.insert(key.clone(), organisation);
            }
        }
        for (key, name) in &p.new_people {
            if !archive.people.contains_key(key) {
                let person = Person {
                    key: key.clone(),
                    name: name.clone(),
                    aliases: Vec::new(),
                    organisation: None,
                    registered: false,
                    exposure: Default::default(),
                };
                archive.people.insert(key.clone(), person);
            }
        }
        if !archive.bodies.contains_key(&p.meeting.body) {
            let body = Body {
                key: p.meeting.body.clone(),
                name: p.body_name.clone(),
            };
            archive.bodies.insert(p.meeting.body.clone(), body);
        }
        archive.meetings.push(Arc::clone(&p.meeting));
    }
    let mut warnings = warnings;
    warnings.extend(numbering_warnings(&archive.meetings));
    Ok((archive, warnings))
}

/// Links in the minutes to meeting pages that do not exist, meeting by meeting.
fn broken_meeting_links(
    parsed: &[&ParsedMeeting],
    slugs: &BTreeMap<&str, &Path>,
) -> Vec<Diagnostic> {
    let known: BTreeSet<&str> = slugs.keys().copied().collect();
    parsed
        .iter()
        .flat_map(|p| meeting_link_warnings(&p.meeting, &known))
        .collect()
}

/// The links in one meeting's minutes to meeting pages that do not exist, among the
/// `known` slugs (every meeting of the archive). `serve` calls it for the meeting it
/// edits in place.
pub(crate) fn meeting_link_warnings(meeting: &Meeting, known: &BTreeSet<&str>) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for link in &meeting.internal_links {
        let Some(rest) = link.path.strip_prefix("/meetings/") else {
            continue;
        };
        let slug = rest.split(['/', '#']).next().unwrap_or_default();
        let is_year = slug.len() == 4 && slug.chars().all(|c| c.is_ascii_digit());
        if slug.is_empty() || is_year || known.contains(slug) {
            continue;
        }
        let candidates: Vec<&str> = known.iter().copied().collect();
        let hint = match crate::base::diagnostic::did_you_mean(slug, &candidates) {
            Some(best) => format!("did you mean the meeting `{best}`?"),
            None => {
                "link to a meeting by its file name, e.g. [text](../2020/2020-09-15-natverket.md)"
                    .into()
            }
        };
        let mut warning = Diagnostic::warning(
            &meeting.source,
            format!("link to a meeting that does not exist: `{slug}`"),
        )
        .with_hint(hint);
        warning.line = link.line;
        warning.column = link.column;
        warning.source_line = Some(link.source_line.clone());
        warnings.push(warning);
    }
    warnings
}

#[cfg(test)]
mod tests;
