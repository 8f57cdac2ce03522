//! Stage 2, the site graph: every page of the site, its URL, its template and the data it shows,
//! computed from the [`Archive`]. Indexes (per organisation, person, body, tag, year) are
//! built here in one pass each. The view types are what templates see (THEMES.md); they
//! are shared between pages through [`Shared`] (an `Arc`), so a decision shown on five
//! pages is built once, and rendering converts it for the templates once.

mod flat;

use crate::base::shared::Shared;
use flat::{flat_ref, flat_view};
use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::Datelike;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::base::config::Language;
use crate::base::i18n::Strings;
use crate::content::model::{Archive, Extract, Item, Meeting, Participant};

// ---- views (the template context's shapes) ----

#[derive(Debug, Clone)]
pub struct OrgRef {
    pub key: String,
    pub path: String,
    pub name: String,
    pub short: Option<String>,
}
flat_ref!(OrgRef {
    key,
    path,
    name,
    short
});

#[derive(Debug, Clone)]
pub struct PersonRef {
    pub key: String,
    pub path: String,
    pub name: String,
}
flat_ref!(PersonRef { key, path, name });

#[derive(Debug, Clone)]
pub struct BodyRef {
    pub key: String,
    pub path: String,
    pub name: String,
}
flat_ref!(BodyRef { key, path, name });

#[derive(Debug, Clone)]
pub struct MeetingRef {
    pub slug: String,
    pub path: String,
    pub title: String,
    pub date: String,
    pub year: i32,
    pub kind: Option<String>,
    pub language: &'static str,
    pub body: Shared<BodyRef>,
    pub organiser: Option<Shared<OrgRef>>,
    pub item_count: usize,
    pub decision_count: usize,
    pub action_count: usize,
}
flat_ref!(MeetingRef {
    slug,
    path,
    title,
    date,
    year,
    kind,
    language,
    body,
    organiser,
    item_count,
    decision_count,
    action_count
});

#[derive(Debug, Clone, Serialize)]
pub struct ParticipantView {
    pub person: Shared<PersonRef>,
    pub organisation: Option<Shared<OrgRef>>,
    pub role: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ItemRef {
    pub number: String,
    pub title: String,
    pub anchor: String,
    pub path: String,
}
flat_ref!(ItemRef {
    number,
    title,
    anchor,
    path
});

/// A decision or an action, with where it was taken.
#[derive(Debug, Clone, Serialize)]
pub struct ExtractView {
    pub id: String,
    pub anchor: String,
    pub path: String,
    pub text: String,
    pub html: String,
    pub item: Shared<ItemRef>,
    pub meeting: Shared<MeetingRef>,
    pub organisations: Vec<Shared<OrgRef>>,
}

#[derive(Debug, Clone)]
pub struct ItemView {
    pub item: Shared<ItemRef>,
    pub presenters: Vec<ParticipantView>,
    pub html: String,
    pub decisions: Vec<Shared<ExtractView>>,
    pub actions: Vec<Shared<ExtractView>>,
}
flat_view!(ItemView { item; presenters, html, decisions, actions });

#[derive(Debug, Clone, Serialize)]
pub struct AttachmentView {
    pub title: String,
    pub file: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TagView {
    pub key: String,
    pub name: String,
    pub path: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AttendeeGroup {
    pub organisation: Option<Shared<OrgRef>>,
    pub attendees: Vec<ParticipantView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AppendixView {
    pub title: String,
    pub anchor: String,
    pub html: String,
}

#[derive(Debug, Clone)]
pub struct MeetingView {
    pub meeting: Shared<MeetingRef>,
    pub time: Option<String>,
    pub location: Option<String>,
    pub chair: Option<ParticipantView>,
    pub scribes: Vec<ParticipantView>,
    pub attendees: Vec<ParticipantView>,
    pub attendee_groups: Vec<AttendeeGroup>,
    pub tags: Vec<TagView>,
    pub attachments: Vec<AttachmentView>,
    pub intro_html: String,
    pub items: Vec<ItemView>,
    pub appendices: Vec<AppendixView>,
    pub decisions: Vec<Shared<ExtractView>>,
    pub actions: Vec<Shared<ExtractView>>,
}
flat_view!(MeetingView { meeting; time, location, chair, scribes, attendees, attendee_groups, tags, attachments, intro_html, items, appendices, decisions, actions });

#[derive(Debug, Clone)]
pub struct BodySummary {
    pub body: Shared<BodyRef>,
    pub meeting_count: usize,
    pub first_date: String,
    pub last_date: String,
    pub organisers: Vec<Shared<OrgRef>>,
}
flat_view!(BodySummary { body; meeting_count, first_date, last_date, organisers });

#[derive(Debug, Clone, Serialize)]
pub struct YearLink {
    pub year: i32,
    pub path: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Presented {
    pub meeting: Shared<MeetingRef>,
    pub item: Shared<ItemRef>,
    pub presenters: Vec<Shared<PersonRef>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeetingGroup {
    pub year: i32,
    pub meetings: Vec<Shared<MeetingRef>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MonthGroup {
    pub month: u32,
    pub decisions: Vec<Shared<ExtractView>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionYear {
    pub year: i32,
    pub months: Vec<MonthGroup>,
}

/// What the timeline's filter offers: the bodies and organisations of the decisions on
/// the page, sorted by name, and how many decisions there are.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineFilter {
    pub bodies: Vec<Shared<BodyRef>>,
    pub organisations: Vec<Shared<OrgRef>>,
    pub total: usize,
}

impl TimelineFilter {
    fn of(groups: &[DecisionYear]) -> Self {
        let mut bodies: BTreeMap<&str, Shared<BodyRef>> = BTreeMap::new();
        let mut organisations: BTreeMap<&str, Shared<OrgRef>> = BTreeMap::new();
        let mut total = 0;
        for decision in groups
            .iter()
            .flat_map(|g| &g.months)
            .flat_map(|m| &m.decisions)
        {
            total += 1;
            bodies
                .entry(&decision.meeting.body.key)
                .or_insert_with(|| decision.meeting.body.clone());
            for org in &decision.organisations {
                organisations.entry(&org.key).or_insert_with(|| org.clone());
            }
        }
        let by_name =
            |a: &String, b: &String| a.to_lowercase().cmp(&b.to_lowercase()).then(a.cmp(b));
        let mut bodies: Vec<_> = bodies.into_values().collect();
        bodies.sort_by(|a, b| by_name(&a.name, &b.name));
        let mut organisations: Vec<_> = organisations.into_values().collect();
        organisations.sort_by(|a, b| by_name(&a.name, &b.name));
        TimelineFilter {
            bodies,
            organisations,
            total,
        }
    }
}

#[derive(Debug, Clone)]
pub struct OrganisationSummary {
    pub organisation: Shared<OrgRef>,
    pub kind: Option<String>,
    pub aliases: Vec<String>,
    pub meeting_count: usize,
    pub person_count: usize,
}
flat_view!(OrganisationSummary { organisation; kind, aliases, meeting_count, person_count });

#[derive(Debug, Clone)]
pub struct OrganisationDetail {
    pub organisation: Shared<OrgRef>,
    pub aliases: Vec<String>,
    pub kind: Option<String>,
    pub url: Option<String>,
}
flat_view!(OrganisationDetail { organisation; aliases, kind, url });

#[derive(Debug, Clone)]
pub struct PersonSummary {
    pub person: Shared<PersonRef>,
    pub organisations: Vec<Shared<OrgRef>>,
    pub meeting_count: usize,
}
flat_view!(PersonSummary { person; organisations, meeting_count });

#[derive(Debug, Clone)]
pub struct PersonDetail {
    pub person: Shared<PersonRef>,
    pub aliases: Vec<String>,
    pub organisations: Vec<Shared<OrgRef>>,
}
flat_view!(PersonDetail { person; aliases, organisations });

#[derive(Debug, Clone, Serialize)]
pub struct Attendance {
    pub meeting: Shared<MeetingRef>,
    pub role: Option<String>,
    pub note: Option<String>,
    pub organisation: Option<Shared<OrgRef>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleView {
    pub role: &'static str,
    pub meeting: Shared<MeetingRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TagSummary {
    pub key: String,
    pub name: String,
    pub path: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Counts {
    pub meetings: usize,
    pub decisions: usize,
    pub actions: usize,
    pub organisations: usize,
    pub people: usize,
    pub bodies: usize,
}

/// What a page shows, besides `site` and `page`.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum PageData {
    Home {
        latest_meetings: Vec<Shared<MeetingRef>>,
        recent_decisions: Vec<Shared<ExtractView>>,
        bodies: Vec<BodySummary>,
        counts: Counts,
    },
    Meetings {
        years: Shared<Vec<YearLink>>,
        year: Option<i32>,
        groups: Vec<MeetingGroup>,
    },
    Meeting {
        meeting: Box<MeetingView>,
        prev: Option<Shared<MeetingRef>>,
        next: Option<Shared<MeetingRef>>,
    },
    Organisations {
        organisations: Vec<OrganisationSummary>,
    },
    Organisation {
        organisation: OrganisationDetail,
        organised: Vec<Shared<MeetingRef>>,
        attended: Vec<Shared<MeetingRef>>,
        /// How many meetings its people attended in all (`attended` holds the newest).
        attended_total: usize,
        presented: Vec<Presented>,
        decisions: Vec<Shared<ExtractView>>,
        /// How many decisions there are in all (`decisions` holds the newest).
        decision_total: usize,
        people: Vec<Shared<PersonRef>>,
    },
    Bodies {
        bodies: Vec<BodySummary>,
    },
    Body {
        body: BodySummary,
        meetings: Vec<Shared<MeetingRef>>,
        decisions: Vec<Shared<ExtractView>>,
        /// How many decisions there are in all (`decisions` holds the newest).
        decision_total: usize,
    },
    People {
        people: Vec<PersonSummary>,
    },
    Person {
        person: PersonDetail,
        attended: Vec<Attendance>,
        presented: Vec<Presented>,
        roles: Vec<RoleView>,
    },
    Decisions {
        years: Shared<Vec<YearLink>>,
        year: Option<i32>,
        groups: Vec<DecisionYear>,
        /// The bodies and organisations of the decisions shown, by name (for the filter).
        filter: TimelineFilter,
        /// Older decisions left out of `/decisions/` (they are on the year pages).
        older: usize,
    },
    Actions {
        years: Shared<Vec<YearLink>>,
        year: Option<i32>,
        /// Newest first: on `/actions/` the newest [`ACTIONS_RECENT`], on a year page all
        /// of the year's.
        actions: Vec<Shared<ExtractView>>,
        /// How many actions the page's scope has (all, or the year's).
        total: usize,
        /// Older actions left out of `/actions/` (they are on the year pages).
        older: usize,
    },
    Tags {
        tags: Vec<TagSummary>,
    },
    Tag {
        tag: TagSummary,
        meetings: Vec<Shared<MeetingRef>>,
    },
    NotFound {},
    Search {},
}

#[derive(Debug, Clone, Serialize)]
pub struct Crumb {
    pub title: String,
    pub path: String,
}

/// One page of the site.
#[derive(Debug, Clone)]
pub struct Page {
    /// Site path: `/meetings/2020/` or `/404.html`.
    pub path: String,
    pub template: &'static str,
    pub kind: &'static str,
    pub lang: Language,
    pub title: String,
    pub breadcrumbs: Vec<Crumb>,
    pub data: PageData,
    /// Slugs of the meetings whose content this page shows; `None`: all of them
    /// (indexes). Used by `serve` to re-render only what an edit touches.
    pub meetings: Option<Vec<String>>,
}

impl Page {
    /// Records that the page shows data of exactly these meetings.
    fn depending_on(mut self, slugs: impl IntoIterator<Item = String>) -> Self {
        let mut slugs: Vec<String> = slugs.into_iter().collect();
        slugs.sort_unstable();
        slugs.dedup();
        self.meetings = Some(slugs);
        self
    }

    /// Whether the page shows data of the meeting `slug` (index pages show all).
    pub fn depends_on(&self, slug: &str) -> bool {
        self.meetings
            .as_ref()
            .is_none_or(|slugs| slugs.binary_search_by(|s| s.as_str().cmp(slug)).is_ok())
    }
}

/// A file to copy into the site: an archived attachment.
#[derive(Debug, Clone)]
pub struct FileCopy {
    /// Relative to the site root.
    pub source: std::path::PathBuf,
    pub path: String,
}

#[derive(Debug, Clone)]
pub struct SiteGraph {
    pub pages: Vec<Page>,
    pub files: Vec<FileCopy>,
    pub has_code: bool,
    pub counts: Counts,
}

// ---- limits ----

/// Decisions listed on an organisation's or a body's page (newest first); the timeline's
/// year pages have them all. Without a limit, a network's page in a 10,000-meeting archive
/// would list tens of thousands of decisions.
pub const DECISIONS_PER_PAGE: usize = 100;

/// Meetings an organisation's people attended, listed on its page (newest first). A
/// municipality attends nearly every meeting of its networks: in a 10,000-meeting archive
/// the full list made organisation pages megabytes long. Each person's page lists all of
/// theirs.
pub const ATTENDED_PER_ORGANISATION_PAGE: usize = 100;

/// Decisions on `/decisions/` (whole months, newest first, at least this many); the year
/// pages `/decisions/<year>/` have every decision of their year.
pub const TIMELINE_RECENT: usize = 500;

/// Actions on `/actions/` (newest first); the year pages `/actions/<year>/` have every
/// action of their year. A 10,000-meeting archive has over 11,000 actions: one page of
/// 12 MB before this limit.
pub const ACTIONS_RECENT: usize = 500;

// ---- paths ----

/// The site path of the page a server shows for missing URLs.
pub const NOT_FOUND_PATH: &str = "/404.html";

pub fn meeting_path(slug: &str) -> String {
    format!("/meetings/{slug}/")
}

fn year_path(section: &str, year: i32) -> String {
    format!("/{section}/{year}/")
}

// ---- building ----

/// Shared references, built once.
struct Refs<'a> {
    archive: &'a Archive,
    // Fx: looked up for every participant and presenter of every meeting.
    orgs: FxHashMap<&'a str, Shared<OrgRef>>,
    people: FxHashMap<&'a str, Shared<PersonRef>>,
    bodies: FxHashMap<&'a str, Shared<BodyRef>>,
    meetings: Vec<Shared<MeetingRef>>,
    /// Per meeting: items, decisions, actions.
    items: Vec<Vec<Shared<ItemRef>>>,
    decisions: Vec<Vec<Shared<ExtractView>>>,
    actions: Vec<Vec<Shared<ExtractView>>>,
}

/// What [`Refs::meeting_refs`] makes for one meeting.
type MeetingRefs = (
    Shared<MeetingRef>,
    Vec<Shared<ItemRef>>,
    Vec<Shared<ExtractView>>,
    Vec<Shared<ExtractView>>,
);

impl<'a> Refs<'a> {
    fn new(archive: &'a Archive) -> Self {
        let orgs = archive
            .organisations
            .values()
            .map(|o| {
                let r = OrgRef {
                    key: o.key.clone(),
                    path: format!("/organisations/{}/", o.key),
                    name: o.name.clone(),
                    short: o.short.clone(),
                };
                (o.key.as_str(), Shared::new(r))
            })
            .collect();
        let people = archive
            .people
            .values()
            .map(|p| {
                let r = PersonRef {
                    key: p.key.clone(),
                    path: format!("/people/{}/", p.key),
                    name: p.name.clone(),
                };
                (p.key.as_str(), Shared::new(r))
            })
            .collect();
        let bodies = archive
            .bodies
            .values()
            .map(|b| {
                let r = BodyRef {
                    key: b.key.clone(),
                    path: format!("/bodies/{}/", b.key),
                    name: b.name.clone(),
                };
                (b.key.as_str(), Shared::new(r))
            })
            .collect();
        let mut refs = Refs {
            archive,
            orgs,
            people,
            bodies,
            meetings: Vec::new(),
            items: Vec::new(),
            decisions: Vec::new(),
            actions: Vec::new(),
        };
        // Each meeting's references are independent of the others': made on both cores.
        let per_meeting: Vec<MeetingRefs> = archive
            .meetings
            .par_iter()
            .map(|meeting| refs.meeting_refs(meeting))
            .collect();
        for (meeting_ref, items, decisions, actions) in per_meeting {
            refs.meetings.push(meeting_ref);
            refs.items.push(items);
            refs.decisions.push(decisions);
            refs.actions.push(actions);
        }
        refs
    }

    /// A meeting's reference, its items' and its decisions' and actions' views.
    fn meeting_refs(&self, meeting: &Meeting) -> MeetingRefs {
        let meeting_ref = Shared::new(self.meeting_ref(meeting));
        let items: Vec<Shared<ItemRef>> = meeting
            .items
            .iter()
            .map(|item| {
                Shared::new(ItemRef {
                    number: item.number.clone(),
                    title: item.title.clone(),
                    anchor: item.anchor.clone(),
                    path: format!("{}#{}", meeting_ref.path, item.anchor),
                })
            })
            .collect();
        let extracts = |pick: fn(&Item) -> &Vec<Extract>| -> Vec<Shared<ExtractView>> {
            meeting
                .items
                .iter()
                .zip(&items)
                .flat_map(|(item, item_ref)| {
                    pick(item).iter().map(|e| {
                        Shared::new(ExtractView {
                            id: e.id.clone(),
                            anchor: e.anchor.clone(),
                            path: format!("{}#{}", meeting_ref.path, e.anchor),
                            text: e.text.clone(),
                            html: e.html.clone(),
                            item: item_ref.clone(),
                            meeting: meeting_ref.clone(),
                            organisations: self.extract_organisations(meeting, item),
                        })
                    })
                })
                .collect()
        };
        let decisions = extracts(|i| &i.decisions);
        let actions = extracts(|i| &i.actions);
        (meeting_ref, items, decisions, actions)
    }

    fn org(&self, key: &str) -> Option<Shared<OrgRef>> {
        self.orgs.get(key).cloned()
    }

    fn person(&self, key: &str) -> Shared<PersonRef> {
        self.people[key].clone()
    }

    fn meeting_ref(&self, meeting: &Meeting) -> MeetingRef {
        MeetingRef {
            slug: meeting.slug.clone(),
            path: meeting_path(&meeting.slug),
            title: meeting.title.clone(),
            date: meeting.date.to_string(),
            year: meeting.date.year(),
            kind: meeting.kind.clone(),
            language: meeting.language.code(),
            body: self.bodies[meeting.body.as_str()].clone(),
            organiser: meeting.organiser.as_deref().and_then(|k| self.org(k)),
            item_count: meeting.items.len(),
            decision_count: meeting.decisions().count(),
            action_count: meeting.actions().count(),
        }
    }

    /// The organiser, then the organisations presenting the item.
    fn extract_organisations(&self, meeting: &Meeting, item: &Item) -> Vec<Shared<OrgRef>> {
        let keys = meeting
            .organiser
            .iter()
            .chain(
                item.presenters
                    .iter()
                    .filter_map(|p| p.organisation.as_ref()),
            )
            .chain(&item.presenting_organisations);
        let mut seen = BTreeSet::new();
        keys.filter(|k| seen.insert(k.as_str()))
            .filter_map(|k| self.org(k))
            .collect()
    }

    fn participant(&self, p: &Participant) -> ParticipantView {
        ParticipantView {
            person: self.person(&p.person),
            organisation: p.organisation.as_deref().and_then(|k| self.org(k)),
            role: p.role.clone(),
            note: p.note.clone(),
        }
    }
}

/// Builds the site graph. `strings` gives page titles in the site's language.
pub fn build_graph(
    archive: &Archive,
    strings: &Strings,
    site_language: Language,
) -> Result<SiteGraph, String> {
    let refs = Refs::new(archive);
    let title = |key: &str| strings.get(site_language, key).map(str::to_string);
    let home = Crumb {
        title: title("nav_home")?,
        path: "/".into(),
    };
    let section = |key: &str, path: &str| -> Result<Crumb, String> {
        Ok(Crumb {
            title: title(key)?,
            path: path.into(),
        })
    };
    let page = |path: String,
                template: &'static str,
                kind: &'static str,
                title: String,
                crumbs: Vec<Crumb>,
                data| Page {
        path,
        template,
        kind,
        lang: site_language,
        title,
        breadcrumbs: crumbs,
        data,
        meetings: None,
    };

    let newest_first: Vec<usize> = (0..archive.meetings.len()).rev().collect();
    let all_decisions: Vec<Shared<ExtractView>> = newest_first
        .iter()
        .flat_map(|&i| refs.decisions[i].iter().cloned())
        .collect();
    let all_actions: Vec<Shared<ExtractView>> = newest_first
        .iter()
        .flat_map(|&i| refs.actions[i].iter().cloned())
        .collect();
    let body_summaries = body_summaries(&refs);
    let counts = Counts {
        meetings: archive.meetings.len(),
        decisions: all_decisions.len(),
        actions: all_actions.len(),
        organisations: archive.organisations.len(),
        people: archive.people.len(),
        bodies: archive.bodies.len(),
    };
    let mut pages = Vec::new();

    // Home.
    pages.push(page(
        "/".into(),
        "index.html",
        "home",
        title("nav_home")?,
        Vec::new(),
        PageData::Home {
            latest_meetings: newest_first
                .iter()
                .take(10)
                .map(|&i| refs.meetings[i].clone())
                .collect(),
            recent_decisions: all_decisions.iter().take(10).cloned().collect(),
            bodies: body_summaries.clone(),
            counts: counts.clone(),
        },
    ));

    // Meetings by year.
    let meetings_title = title("nav_meetings")?;
    let mut by_year: BTreeMap<i32, Vec<Shared<MeetingRef>>> = BTreeMap::new();
    for &i in &newest_first {
        by_year
            .entry(refs.meetings[i].year)
            .or_default()
            .push(refs.meetings[i].clone());
    }
    let meeting_years = Shared::new(year_links(
        "meetings",
        by_year.iter().map(|(y, m)| (*y, m.len())),
    ));
    let groups: Vec<MeetingGroup> = by_year
        .iter()
        .rev()
        .map(|(year, meetings)| MeetingGroup {
            year: *year,
            meetings: meetings.clone(),
        })
        .collect();
    pages.push(page(
        "/meetings/".into(),
        "meetings.html",
        "meetings",
        meetings_title.clone(),
        vec![home.clone()],
        PageData::Meetings {
            years: meeting_years.clone(),
            year: None,
            groups: groups.clone(),
        },
    ));
    for group in groups {
        let slugs: Vec<String> = group.meetings.iter().map(|m| m.slug.clone()).collect();
        pages.push(
            page(
                year_path("meetings", group.year),
                "meetings.html",
                "meetings",
                format!("{meetings_title} {}", group.year),
                vec![home.clone(), section("nav_meetings", "/meetings/")?],
                PageData::Meetings {
                    years: meeting_years.clone(),
                    year: Some(group.year),
                    groups: vec![group],
                },
            )
            .depending_on(slugs),
        );
    }

    // One page per meeting, with the previous and next meeting of its body.
    let mut previous_of_body: HashMap<&str, usize> = HashMap::new();
    let mut prev = vec![None; archive.meetings.len()];
    let mut next = vec![None; archive.meetings.len()];
    for (i, meeting) in archive.meetings.iter().enumerate() {
        if let Some(p) = previous_of_body.insert(meeting.body.as_str(), i) {
            prev[i] = Some(p);
            next[p] = Some(i);
        }
    }
    let mut files = Vec::new();
    let views: Vec<MeetingView> = (0..archive.meetings.len())
        .into_par_iter()
        .map(|i| meeting_view(&refs, i))
        .collect();
    for ((i, meeting), view) in archive.meetings.iter().enumerate().zip(views) {
        for attachment in &meeting.attachments {
            if let Some(file) = &attachment.file {
                let folder = crate::content::meeting::attachment_folder(&meeting.source);
                files.push(FileCopy {
                    source: folder.join(file),
                    path: format!("{}{}", meeting_path(&meeting.slug), file),
                });
            }
        }
        let mut slugs: Vec<String> = [Some(i), prev[i], next[i]]
            .into_iter()
            .flatten()
            .map(|j| archive.meetings[j].slug.clone())
            .collect();
        slugs.sort_unstable();
        pages.push(Page {
            path: meeting_path(&meeting.slug),
            template: "meeting.html",
            kind: "meeting",
            lang: meeting.language,
            title: meeting.title.clone(),
            // In the meeting's language, like the rest of its page's chrome.
            breadcrumbs: vec![
                Crumb {
                    title: strings.get(meeting.language, "nav_home")?.to_string(),
                    path: "/".into(),
                },
                Crumb {
                    title: strings.get(meeting.language, "nav_meetings")?.to_string(),
                    path: "/meetings/".into(),
                },
                Crumb {
                    title: meeting.date.year().to_string(),
                    path: year_path("meetings", meeting.date.year()),
                },
            ],
            data: PageData::Meeting {
                meeting: Box::new(view),
                prev: prev[i].map(|j| refs.meetings[j].clone()),
                next: next[i].map(|j| refs.meetings[j].clone()),
            },
            meetings: Some(slugs),
        });
    }

    // Decisions: the timeline, and one page per year.
    let decisions_title = title("nav_decisions")?;
    let decisions_by_year = by_meeting_year(&all_decisions);
    let decision_years = Shared::new(year_links(
        "decisions",
        decisions_by_year.iter().map(|(y, d)| (*y, d.len())),
    ));
    let decision_groups: Vec<DecisionYear> = decisions_by_year
        .iter()
        .rev()
        .map(|(year, decisions)| DecisionYear {
            year: *year,
            months: group_by_month(decisions),
        })
        .collect();
    pages.push(page(
        "/decisions/".into(),
        "decisions.html",
        "decisions",
        decisions_title.clone(),
        vec![home.clone()],
        {
            let recent = recent_months(&decision_groups, TIMELINE_RECENT);
            let shown: usize = recent
                .iter()
                .flat_map(|g| &g.months)
                .map(|m| m.decisions.len())
                .sum();
            PageData::Decisions {
                years: decision_years.clone(),
                year: None,
                filter: TimelineFilter::of(&recent),
                older: all_decisions.len() - shown,
                groups: recent,
            }
        },
    ));
    for group in decision_groups {
        let slugs = meeting_slugs_of_year(&by_year, group.year);
        pages.push(
            page(
                year_path("decisions", group.year),
                "decisions.html",
                "decisions",
                format!("{decisions_title} {}", group.year),
                vec![home.clone(), section("nav_decisions", "/decisions/")?],
                PageData::Decisions {
                    years: decision_years.clone(),
                    year: Some(group.year),
                    filter: TimelineFilter::of(std::slice::from_ref(&group)),
                    older: 0,
                    groups: vec![group],
                },
            )
            .depending_on(slugs),
        );
    }

    // Actions: the newest on `/actions/`, and one page per year.
    let actions_title = title("nav_actions")?;
    let actions_by_year = by_meeting_year(&all_actions);
    let action_years = Shared::new(year_links(
        "actions",
        actions_by_year.iter().map(|(y, a)| (*y, a.len())),
    ));
    pages.push(page(
        "/actions/".into(),
        "actions.html",
        "actions",
        actions_title.clone(),
        vec![home.clone()],
        PageData::Actions {
            years: action_years.clone(),
            year: None,
            actions: all_actions.iter().take(ACTIONS_RECENT).cloned().collect(),
            total: all_actions.len(),
            older: all_actions.len().saturating_sub(ACTIONS_RECENT),
        },
    ));
    for (year, actions) in actions_by_year.into_iter().rev() {
        let slugs = meeting_slugs_of_year(&by_year, year);
        pages.push(
            page(
                year_path("actions", year),
                "actions.html",
                "actions",
                format!("{actions_title} {year}"),
                vec![home.clone(), section("nav_actions", "/actions/")?],
                PageData::Actions {
                    years: action_years.clone(),
                    year: Some(year),
                    total: actions.len(),
                    actions,
                    older: 0,
                },
            )
            .depending_on(slugs),
        );
    }

    // Bodies.
    pages.push(page(
        "/bodies/".into(),
        "bodies.html",
        "bodies",
        title("nav_bodies")?,
        vec![home.clone()],
        PageData::Bodies {
            bodies: body_summaries.clone(),
        },
    ));
    for summary in &body_summaries {
        let indexes: Vec<usize> = newest_first
            .iter()
            .copied()
            .filter(|&i| archive.meetings[i].body == summary.body.key)
            .collect();
        pages.push(
            page(
                summary.body.path.clone(),
                "body.html",
                "body",
                summary.body.name.clone(),
                vec![home.clone(), section("nav_bodies", "/bodies/")?],
                PageData::Body {
                    body: summary.clone(),
                    meetings: indexes.iter().map(|&i| refs.meetings[i].clone()).collect(),
                    decisions: indexes
                        .iter()
                        .flat_map(|&i| refs.decisions[i].iter().cloned())
                        .take(DECISIONS_PER_PAGE)
                        .collect(),
                    decision_total: indexes.iter().map(|&i| refs.decisions[i].len()).sum(),
                },
            )
            .depending_on(indexes.iter().map(|&i| archive.meetings[i].slug.clone())),
        );
    }

    // Independent indexes: built on both cores, appended in a fixed order.
    let organisations_crumb = section("nav_organisations", "/organisations/")?;
    let people_crumb = section("nav_people", "/people/")?;
    let tags_crumb = section("nav_tags", "/tags/")?;
    let (organisation, (person, tag)) = rayon::join(
        || {
            organisation_pages(
                &refs,
                &newest_first,
                site_language,
                &home,
                organisations_crumb,
            )
        },
        || {
            rayon::join(
                || person_pages(&refs, &newest_first, site_language, &home, people_crumb),
                || tag_pages(&refs, &newest_first, site_language, &home, tags_crumb),
            )
        },
    );
    pages.extend(organisation);
    pages.extend(person);
    pages.extend(tag);

    pages.push(page(
        "/search/".into(),
        "search.html",
        "search",
        title("nav_search")?,
        vec![home.clone()],
        PageData::Search {},
    ));

    pages.push(page(
        NOT_FOUND_PATH.into(),
        "404.html",
        "not_found",
        title("not_found_title")?,
        vec![home.clone()],
        PageData::NotFound {},
    ));

    Ok(SiteGraph {
        pages,
        files,
        has_code: archive.meetings.iter().any(|m| m.has_code),
        counts,
    })
}

/// Decisions or actions (newest first) by the year of their meeting, keeping the order.
fn by_meeting_year(extracts: &[Shared<ExtractView>]) -> BTreeMap<i32, Vec<Shared<ExtractView>>> {
    let mut by_year: BTreeMap<i32, Vec<Shared<ExtractView>>> = BTreeMap::new();
    for extract in extracts {
        by_year
            .entry(extract.meeting.year)
            .or_default()
            .push(extract.clone());
    }
    by_year
}

/// The slugs of a year's meetings: what a per-year page depends on.
fn meeting_slugs_of_year(
    by_year: &BTreeMap<i32, Vec<Shared<MeetingRef>>>,
    year: i32,
) -> Vec<String> {
    by_year
        .get(&year)
        .map(|meetings| meetings.iter().map(|m| m.slug.clone()).collect())
        .unwrap_or_default()
}

fn year_links(section: &str, years: impl Iterator<Item = (i32, usize)>) -> Vec<YearLink> {
    let mut links: Vec<YearLink> = years
        .map(|(year, count)| YearLink {
            year,
            path: year_path(section, year),
            count,
        })
        .collect();
    links.reverse();
    links
}

/// The newest whole months of the timeline holding at least `at_least` decisions.
fn recent_months(groups: &[DecisionYear], at_least: usize) -> Vec<DecisionYear> {
    let mut recent: Vec<DecisionYear> = Vec::new();
    let mut count = 0;
    for group in groups {
        if count >= at_least {
            break;
        }
        let mut months = Vec::new();
        for month in &group.months {
            if count >= at_least {
                break;
            }
            count += month.decisions.len();
            months.push(month.clone());
        }
        recent.push(DecisionYear {
            year: group.year,
            months,
        });
    }
    recent
}

fn group_by_month(decisions: &[Shared<ExtractView>]) -> Vec<MonthGroup> {
    let mut months: Vec<MonthGroup> = Vec::new();
    for d in decisions {
        let month = d.meeting.date[5..7].parse().unwrap_or(1);
        match months.last_mut() {
            Some(group) if group.month == month => group.decisions.push(d.clone()),
            _ => months.push(MonthGroup {
                month,
                decisions: vec![d.clone()],
            }),
        }
    }
    months
}

fn meeting_view(refs: &Refs<'_>, index: usize) -> MeetingView {
    let meeting = &refs.archive.meetings[index];
    let attendees: Vec<ParticipantView> = meeting
        .attendees
        .iter()
        .map(|p| refs.participant(p))
        .collect();
    let mut decisions = refs.decisions[index].iter().peekable();
    let mut actions = refs.actions[index].iter().peekable();
    let items = meeting
        .items
        .iter()
        .zip(&refs.items[index])
        .map(|(item, item_ref)| ItemView {
            item: item_ref.clone(),
            presenters: item
                .presenters
                .iter()
                .map(|p| refs.participant(p))
                .collect(),
            html: item.html.clone(),
            decisions: take_of_item(&mut decisions, item_ref),
            actions: take_of_item(&mut actions, item_ref),
        })
        .collect();
    MeetingView {
        meeting: refs.meetings[index].clone(),
        time: meeting.time.clone(),
        location: meeting.location.clone(),
        chair: meeting.chair.as_ref().map(|p| refs.participant(p)),
        scribes: meeting
            .scribes
            .iter()
            .map(|p| refs.participant(p))
            .collect(),
        attendee_groups: group_attendees(&attendees),
        attendees,
        tags: meeting
            .tags
            .iter()
            .map(|t| TagView {
                key: t.key.clone(),
                name: t.name.clone(),
                path: format!("/tags/{}/", t.key),
            })
            .collect(),
        attachments: meeting
            .attachments
            .iter()
            .map(|a| AttachmentView {
                title: a.title.clone(),
                file: a
                    .file
                    .as_ref()
                    .map(|f| format!("{}{f}", meeting_path(&meeting.slug))),
                url: a.url.clone(),
            })
            .collect(),
        intro_html: meeting.intro_html.clone(),
        items,
        appendices: meeting
            .appendices
            .iter()
            .map(|a| AppendixView {
                title: a.title.clone(),
                anchor: a.anchor.clone(),
                html: a.html.clone(),
            })
            .collect(),
        decisions: refs.decisions[index].clone(),
        actions: refs.actions[index].clone(),
    }
}

/// Replaces the minutes shown on one meeting's page after an edit that changed only the
/// minutes' text (nothing other pages show): the rest of the graph stays as it is.
pub fn refresh_meeting_page(graph: &mut SiteGraph, archive: &Archive, index: usize) {
    let meeting = &archive.meetings[index];
    // Refs for this one meeting; the registries are small, so building them is cheap.
    let single = Archive {
        meetings: vec![meeting.clone()],
        organisations: archive.organisations.clone(),
        people: archive.people.clone(),
        bodies: archive.bodies.clone(),
    };
    let refs = Refs::new(&single);
    let path = meeting_path(&meeting.slug);
    if let Some(page) = graph.pages.iter_mut().find(|p| p.path == path) {
        if let PageData::Meeting { meeting: view, .. } = &mut page.data {
            **view = meeting_view(&refs, 0);
        }
    }
}

/// The next extracts that belong to `item` (extracts are in item order, so each item's
/// are a run: one pass over the meeting, not one per item).
fn take_of_item(
    extracts: &mut std::iter::Peekable<std::slice::Iter<'_, Shared<ExtractView>>>,
    item: &Shared<ItemRef>,
) -> Vec<Shared<ExtractView>> {
    let mut taken = Vec::new();
    while let Some(extract) = extracts.next_if(|e| Shared::ptr_eq(&e.item, item)) {
        taken.push(extract.clone());
    }
    taken
}

/// Attendees grouped by organisation, in order of first appearance; people without an
/// organisation last.
fn group_attendees(attendees: &[ParticipantView]) -> Vec<AttendeeGroup> {
    let mut groups: Vec<AttendeeGroup> = Vec::new();
    let mut without: Vec<ParticipantView> = Vec::new();
    for a in attendees {
        let Some(org) = &a.organisation else {
            without.push(a.clone());
            continue;
        };
        match groups
            .iter_mut()
            .find(|g| g.organisation.as_ref().is_some_and(|o| o.key == org.key))
        {
            Some(group) => group.attendees.push(a.clone()),
            None => groups.push(AttendeeGroup {
                organisation: Some(org.clone()),
                attendees: vec![a.clone()],
            }),
        }
    }
    if !without.is_empty() {
        groups.push(AttendeeGroup {
            organisation: None,
            attendees: without,
        });
    }
    groups
}

fn body_summaries(refs: &Refs<'_>) -> Vec<BodySummary> {
    let archive = refs.archive;
    archive
        .bodies
        .values()
        .map(|body| {
            let meetings: Vec<&std::sync::Arc<Meeting>> = archive
                .meetings
                .iter()
                .filter(|m| m.body == body.key)
                .collect();
            let mut organisers: Vec<&str> = meetings
                .iter()
                .filter_map(|m| m.organiser.as_deref())
                .collect();
            organisers.sort_unstable();
            organisers.dedup();
            BodySummary {
                body: refs.bodies[body.key.as_str()].clone(),
                meeting_count: meetings.len(),
                first_date: meetings
                    .first()
                    .map(|m| m.date.to_string())
                    .unwrap_or_default(),
                last_date: meetings
                    .last()
                    .map(|m| m.date.to_string())
                    .unwrap_or_default(),
                organisers: organisers.into_iter().filter_map(|k| refs.org(k)).collect(),
            }
        })
        .collect()
}

/// Per organisation: organised and attended meetings, presented items, decisions, people.
#[derive(Default)]
struct OrgIndex {
    organised: Vec<usize>,
    attended: BTreeSet<std::cmp::Reverse<usize>>,
    presented: Vec<(usize, usize)>,
    people: BTreeSet<String>,
}

fn organisation_pages(
    refs: &Refs<'_>,
    newest_first: &[usize],
    lang: Language,
    home: &Crumb,
    crumb: Crumb,
) -> Vec<Page> {
    let mut pages = Vec::new();
    let archive = refs.archive;
    let mut index: BTreeMap<&str, OrgIndex> = archive
        .organisations
        .keys()
        .map(|k| (k.as_str(), OrgIndex::default()))
        .collect();
    for person in archive.people.values() {
        if let Some(org) = &person.organisation {
            if let Some(entry) = index.get_mut(org.as_str()) {
                entry.people.insert(person.key.clone());
            }
        }
    }
    for &i in newest_first {
        let meeting = &archive.meetings[i];
        if let Some(entry) = meeting.organiser.as_deref().and_then(|k| index.get_mut(k)) {
            entry.organised.push(i);
        }
        for p in meeting.participants() {
            if let Some(entry) = p.organisation.as_deref().and_then(|k| index.get_mut(k)) {
                entry.attended.insert(std::cmp::Reverse(i));
                entry.people.insert(p.person.clone());
            }
        }
        for (j, item) in meeting.items.iter().enumerate() {
            let mut orgs: BTreeSet<&str> = item
                .presenters
                .iter()
                .filter_map(|p| p.organisation.as_deref())
                .collect();
            orgs.extend(item.presenting_organisations.iter().map(String::as_str));
            for org in orgs {
                if let Some(entry) = index.get_mut(org) {
                    entry.presented.push((i, j));
                }
            }
        }
    }
    let summaries = archive
        .organisations
        .values()
        .map(|o| {
            let entry = &index[o.key.as_str()];
            let mut meetings: BTreeSet<usize> = entry.organised.iter().copied().collect();
            meetings.extend(entry.attended.iter().map(|r| r.0));
            meetings.extend(entry.presented.iter().map(|(i, _)| *i));
            OrganisationSummary {
                organisation: refs.orgs[o.key.as_str()].clone(),
                kind: o.kind.clone(),
                aliases: o.aliases.clone(),
                meeting_count: meetings.len(),
                person_count: entry.people.len(),
            }
        })
        .collect();
    pages.push(Page {
        path: "/organisations/".into(),
        template: "organisations.html",
        kind: "organisations",
        lang,
        title: crumb.title.clone(),
        breadcrumbs: vec![home.clone()],
        data: PageData::Organisations {
            organisations: summaries,
        },
        meetings: None,
    });
    for organisation in archive.organisations.values() {
        let entry = &index[organisation.key.as_str()];
        // Decisions of the meetings it organised and of the items it presented; the
        // meetings it only attended are listed, not their decisions (a municipality
        // attends most meetings of its networks, and would list nearly every decision).
        let mut own_meetings: BTreeSet<std::cmp::Reverse<usize>> = entry
            .organised
            .iter()
            .map(|&i| std::cmp::Reverse(i))
            .collect();
        own_meetings.extend(entry.presented.iter().map(|(i, _)| std::cmp::Reverse(*i)));
        let decisions: Vec<Shared<ExtractView>> = own_meetings
            .iter()
            .flat_map(|r| refs.decisions[r.0].iter())
            .filter(|d| d.organisations.iter().any(|o| o.key == organisation.key))
            .cloned()
            .collect();
        let mut shown_meetings = own_meetings;
        shown_meetings.extend(entry.attended.iter().copied());
        let org_ref = refs.orgs[organisation.key.as_str()].clone();
        pages.push(
            Page {
                path: org_ref.path.clone(),
                template: "organisation.html",
                kind: "organisation",
                lang,
                title: organisation.name.clone(),
                breadcrumbs: vec![home.clone(), crumb.clone()],
                data: PageData::Organisation {
                    organisation: OrganisationDetail {
                        organisation: org_ref,
                        aliases: organisation.aliases.clone(),
                        kind: organisation.kind.clone(),
                        url: organisation.url.clone(),
                    },
                    organised: entry
                        .organised
                        .iter()
                        .map(|&i| refs.meetings[i].clone())
                        .collect(),
                    attended: entry
                        .attended
                        .iter()
                        .take(ATTENDED_PER_ORGANISATION_PAGE)
                        .map(|r| refs.meetings[r.0].clone())
                        .collect(),
                    attended_total: entry.attended.len(),
                    presented: entry
                        .presented
                        .iter()
                        .map(|&(i, j)| presented(refs, i, j))
                        .collect(),
                    decision_total: decisions.len(),
                    decisions: decisions.into_iter().take(DECISIONS_PER_PAGE).collect(),
                    people: entry.people.iter().map(|k| refs.person(k)).collect(),
                },
                meetings: None,
            }
            .depending_on(
                shown_meetings
                    .iter()
                    .map(|r| archive.meetings[r.0].slug.clone()),
            ),
        );
    }
    pages
}

fn presented(refs: &Refs<'_>, meeting: usize, item: usize) -> Presented {
    Presented {
        meeting: refs.meetings[meeting].clone(),
        item: refs.items[meeting][item].clone(),
        presenters: refs.archive.meetings[meeting].items[item]
            .presenters
            .iter()
            .map(|p| refs.person(&p.person))
            .collect(),
    }
}

#[derive(Default)]
struct PersonIndex {
    /// Meeting index and the participant entry (role, note, organisation) there.
    attended: Vec<(usize, Participant)>,
    presented: Vec<(usize, usize)>,
    roles: Vec<(&'static str, usize)>,
    organisations: BTreeSet<String>,
}

fn person_pages(
    refs: &Refs<'_>,
    newest_first: &[usize],
    lang: Language,
    home: &Crumb,
    crumb: Crumb,
) -> Vec<Page> {
    let mut pages = Vec::new();
    let archive = refs.archive;
    let mut index: BTreeMap<&str, PersonIndex> = archive
        .people
        .keys()
        .map(|k| (k.as_str(), PersonIndex::default()))
        .collect();
    for person in archive.people.values() {
        if let (Some(org), Some(entry)) = (&person.organisation, index.get_mut(person.key.as_str()))
        {
            entry.organisations.insert(org.clone());
        }
    }
    for &i in newest_first {
        let meeting = &archive.meetings[i];
        let mut attend = |p: &Participant, role: Option<&'static str>| {
            if let Some(entry) = index.get_mut(p.person.as_str()) {
                // Meetings come one at a time: a repeat (chair and attendee) can only be
                // the last one pushed.
                if entry.attended.last().is_none_or(|(m, _)| *m != i) {
                    entry.attended.push((i, p.clone()));
                }
                if let Some(role) = role {
                    entry.roles.push((role, i));
                }
                entry.organisations.extend(p.organisation.clone());
            }
        };
        if let Some(chair) = &meeting.chair {
            attend(chair, Some("chair"));
        }
        for scribe in &meeting.scribes {
            attend(scribe, Some("scribe"));
        }
        for attendee in &meeting.attendees {
            attend(attendee, None);
        }
        for (j, item) in meeting.items.iter().enumerate() {
            for p in &item.presenters {
                if let Some(entry) = index.get_mut(p.person.as_str()) {
                    entry.presented.push((i, j));
                    entry.organisations.extend(p.organisation.clone());
                }
            }
        }
    }
    let orgs_of = |entry: &PersonIndex| -> Vec<Shared<OrgRef>> {
        entry
            .organisations
            .iter()
            .filter_map(|k| refs.org(k))
            .collect()
    };
    let summaries = archive
        .people
        .values()
        .map(|p| {
            let entry = &index[p.key.as_str()];
            let mut meetings: BTreeSet<usize> = entry.attended.iter().map(|a| a.0).collect();
            meetings.extend(entry.presented.iter().map(|(i, _)| *i));
            PersonSummary {
                person: refs.person(&p.key),
                organisations: orgs_of(entry),
                meeting_count: meetings.len(),
            }
        })
        .collect();
    pages.push(Page {
        path: "/people/".into(),
        template: "people.html",
        kind: "people",
        lang,
        title: crumb.title.clone(),
        breadcrumbs: vec![home.clone()],
        data: PageData::People { people: summaries },
        meetings: None,
    });
    for person in archive.people.values() {
        let entry = &index[person.key.as_str()];
        let person_ref = refs.person(&person.key);
        pages.push(
            Page {
                path: person_ref.path.clone(),
                template: "person.html",
                kind: "person",
                lang,
                title: person.name.clone(),
                breadcrumbs: vec![home.clone(), crumb.clone()],
                data: PageData::Person {
                    person: PersonDetail {
                        person: person_ref,
                        aliases: person.aliases.clone(),
                        organisations: orgs_of(entry),
                    },
                    attended: entry
                        .attended
                        .iter()
                        .map(|(i, p)| Attendance {
                            meeting: refs.meetings[*i].clone(),
                            role: p.role.clone(),
                            note: p.note.clone(),
                            organisation: p.organisation.as_deref().and_then(|k| refs.org(k)),
                        })
                        .collect(),
                    presented: entry
                        .presented
                        .iter()
                        .map(|&(i, j)| presented(refs, i, j))
                        .collect(),
                    roles: entry
                        .roles
                        .iter()
                        .map(|&(role, i)| RoleView {
                            role,
                            meeting: refs.meetings[i].clone(),
                        })
                        .collect(),
                },
                meetings: None,
            }
            .depending_on(
                entry
                    .attended
                    .iter()
                    .map(|(i, _)| *i)
                    .chain(entry.presented.iter().map(|(i, _)| *i))
                    .map(|i| archive.meetings[i].slug.clone()),
            ),
        );
    }
    pages
}

fn tag_pages(
    refs: &Refs<'_>,
    newest_first: &[usize],
    lang: Language,
    home: &Crumb,
    crumb: Crumb,
) -> Vec<Page> {
    let mut pages = Vec::new();
    let archive = refs.archive;
    let mut tags: BTreeMap<&str, (&str, Vec<usize>)> = BTreeMap::new();
    for &i in newest_first {
        for tag in &archive.meetings[i].tags {
            tags.entry(tag.key.as_str())
                .or_insert((tag.name.as_str(), Vec::new()))
                .1
                .push(i);
        }
    }
    let summary = |key: &str, name: &str, count: usize| TagSummary {
        key: key.to_string(),
        name: name.to_string(),
        path: format!("/tags/{key}/"),
        count,
    };
    pages.push(Page {
        path: "/tags/".into(),
        template: "tags.html",
        kind: "tags",
        lang,
        title: crumb.title.clone(),
        breadcrumbs: vec![home.clone()],
        data: PageData::Tags {
            tags: tags
                .iter()
                .map(|(k, (n, m))| summary(k, n, m.len()))
                .collect(),
        },
        meetings: None,
    });
    for (key, (name, meetings)) in &tags {
        let tag = summary(key, name, meetings.len());
        pages.push(
            Page {
                path: tag.path.clone(),
                template: "tag.html",
                kind: "tag",
                lang,
                title: tag.name.clone(),
                breadcrumbs: vec![home.clone(), crumb.clone()],
                data: PageData::Tag {
                    tag,
                    meetings: meetings.iter().map(|&i| refs.meetings[i].clone()).collect(),
                },
                meetings: None,
            }
            .depending_on(meetings.iter().map(|&i| archive.meetings[i].slug.clone())),
        );
    }
    pages
}
