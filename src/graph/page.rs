//! The site graph's own types: a [`Page`] (path, template, title, breadcrumbs and the
//! [`PageData`] it shows), the [`SiteGraph`], the limits of list pages, the paths every
//! stage after this one links to, and the [`Labels`] of the pages' chrome.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::base::config::Language;
use crate::base::diagnostic::Result;
use crate::base::i18n::Strings;
use crate::base::shared::Shared;
pub(crate) use crate::content::model::Slug;
use crate::graph::follow_views::{CaseSummary, StatusLink};
use crate::graph::index::{KeptParticipation, Seat};
use crate::graph::views::*;

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
        /// How many meetings are left out (on `/meetings/`, which lists the newest).
        older: usize,
    },
    Meeting {
        meeting: MeetingPageView,
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
        presented: Listed<(usize, usize), Presented>,
        decisions: Vec<Shared<ExtractView>>,
        /// How many decisions there are in all (`decisions` holds the newest).
        decision_total: usize,
        people: Vec<Shared<PersonRef>>,
        /// The actions it still owes (open or ongoing), newest first: at most
        /// [`OWED_SHOWN`] of them.
        owes: Vec<Shared<ExtractView>>,
        /// How many actions it owes, also those not shown.
        owes_total: usize,
        /// When its meetings are split by year: the lists above hold one year's.
        split: Option<YearSplit>,
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
        /// The body's actions still open or ongoing, newest first.
        owes: Vec<Shared<ExtractView>>,
        owes_total: usize,
        /// When its meetings are split by year: the lists above hold one year's.
        split: Option<YearSplit>,
    },
    People {
        people: Vec<PersonSummary>,
    },
    Person {
        person: PersonDetail,
        attended: Listed<(usize, Seat), Attendance>,
        presented: Listed<(usize, usize), Presented>,
        roles: Vec<RoleView>,
        /// The actions they still owe (open or ongoing), newest first.
        owes: Vec<Shared<ExtractView>>,
        owes_total: usize,
        /// When their meetings are split by year: the lists above hold one year's.
        split: Option<YearSplit>,
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
        /// The status pages and their counts.
        statuses: Shared<Vec<StatusLink>>,
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
    /// `/actions/open/`, `/actions/overdue/`, `/actions/done/`.
    ActionStatus {
        status: &'static str,
        statuses: Shared<Vec<StatusLink>>,
        /// The newest [`ACTIONS_RECENT`] of the status, newest first.
        actions: Vec<Shared<ExtractView>>,
        /// How many actions have the status.
        total: usize,
        /// How many of them are left out (older ones; every action is on a year page).
        older: usize,
    },
    Cases {
        cases: Vec<CaseSummary>,
    },
    Case {
        case: String,
        entries: Vec<CaseEntry>,
    },
    /// `/meetings/upcoming/`: the planned meetings, soonest first.
    Upcoming {
        meetings: Vec<Shared<MeetingRef>>,
    },
    /// An old URL of a renamed meeting (`aliases:`), sending the browser on to `to`.
    Redirect {
        to: String,
    },
    NotFound {},
    Search {},
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Crumb {
    pub(crate) title: String,
    pub(crate) path: String,
}

/// One page of the site.
#[derive(Debug, Clone)]
pub struct Page {
    /// Site path: `/meetings/2020/` or `/404.html`.
    pub path: String,
    pub template: &'static str,
    pub(crate) kind: &'static str,
    pub lang: Language,
    pub(crate) title: String,
    pub(crate) breadcrumbs: Vec<Crumb>,
    pub data: PageData,
    /// Slugs of the meetings whose content this page shows; `None`: all of them
    /// (indexes). Used by `serve` to re-render only what an edit touches.
    pub(crate) meetings: Option<Arc<[Slug]>>,
    /// Slugs of the meetings this page only lists (what [`MeetingRef`], participants and
    /// item titles show, see `listing_fingerprint`), not their decisions or text: a person
    /// page is not rendered again when a decision of a meeting they attended is edited.
    /// Sorted; a slug in `meetings` need not be here too. Both lists are shared, so that
    /// `serve` can note every page's before an edit without copying them.
    ///
    /// [`MeetingRef`]: crate::graph::views::MeetingRef
    pub(crate) listed: Arc<[Slug]>,
    /// Taken whole from the last graph by `serve`'s rebuild (see `graph::scope`): it shows
    /// nothing the edit changed, so it is not rendered again.
    pub(crate) carried_over: bool,
}

impl Page {
    /// Records that the page shows data of exactly these meetings.
    pub(crate) fn depending_on(mut self, slugs: impl IntoIterator<Item = Slug>) -> Self {
        let mut slugs: Vec<Slug> = slugs.into_iter().collect();
        slugs.sort_unstable();
        slugs.dedup();
        self.meetings = Some(slugs.into());
        self
    }

    /// Records that the page lists these meetings (besides those it shows in full).
    pub(crate) fn listing(mut self, slugs: impl IntoIterator<Item = Slug>) -> Self {
        let mut listed = self.listed.to_vec();
        listed.extend(slugs);
        listed.sort_unstable();
        listed.dedup();
        self.listed = listed.into();
        self
    }

    /// Lets go of the meetings the page shows and lists, which only `serve`'s rebuilds
    /// read (a one-off build's pages name about a million slugs at 100,000 meetings).
    pub(crate) fn forget_dependencies(&mut self) {
        self.meetings = None;
        self.listed = Arc::new([]);
    }

    /// The years (and their counts, where the page shows them) a page of meetings,
    /// decisions or actions, or a page split by year, links to: a page of one year shows
    /// the other years too, which its dependencies on that year's meetings do not cover.
    pub(crate) fn year_counts(&self) -> Option<Vec<(i32, Option<usize>)>> {
        match &self.data {
            PageData::Meetings { years, .. }
            | PageData::Decisions { years, .. }
            | PageData::Actions { years, .. } => {
                Some(years.iter().map(|y| (y.year, y.count)).collect())
            }
            _ => Some(
                self.split()?
                    .years
                    .iter()
                    .map(|y| (y.year, y.count))
                    .collect(),
            ),
        }
    }

    /// How the page's person, organisation or body is split by year, when it is.
    pub(crate) fn split(&self) -> Option<&YearSplit> {
        match &self.data {
            PageData::Person { split, .. }
            | PageData::Organisation { split, .. }
            | PageData::Body { split, .. } => split.as_ref(),
            _ => None,
        }
    }

    /// Whether the page shows data of the meeting `slug` (index pages show all).
    pub(crate) fn depends_on(&self, slug: &str) -> bool {
        self.meetings
            .as_ref()
            .is_none_or(|slugs| names(slugs, slug))
    }

    /// Whether the page lists the meeting `slug` (and shows no more of it than a list does).
    pub(crate) fn lists(&self, slug: &str) -> bool {
        names(&self.listed, slug)
    }
}

/// Whether a sorted list of meeting slugs (a page's [`Page::meetings`] or
/// [`Page::listed`]) names `slug`.
pub(crate) fn names(sorted: &[Slug], slug: &str) -> bool {
    sorted.binary_search_by(|s| (**s).cmp(slug)).is_ok()
}

/// A file to copy into the site: an archived attachment.
#[derive(Debug, Clone)]
pub(crate) struct FileCopy {
    /// Relative to the site root.
    pub(crate) source: std::path::PathBuf,
    pub(crate) path: String,
}

#[derive(Debug, Clone)]
pub struct SiteGraph {
    pub pages: Vec<Page>,
    pub(crate) files: Vec<FileCopy>,
    pub(crate) has_code: bool,
    pub counts: Counts,
    /// Each meeting's shared views, for the next graph to reuse.
    pub(crate) kept: KeptRefs,
    /// Who took part in which meeting, for the next graph to update.
    pub(crate) participation: KeptParticipation,
}

// ---- limits ----

/// Decisions listed on an organisation's or a body's page (newest first); the timeline's
/// year pages have them all. Without a limit, a network's page in a 10,000-meeting archive
/// would list tens of thousands of decisions.
pub(crate) const DECISIONS_PER_PAGE: usize = 100;

/// Meetings an organisation's people attended, listed on its page (newest first). A
/// municipality attends nearly every meeting of its networks: in a 10,000-meeting archive
/// the full list made organisation pages megabytes long. Each person's page lists all of
/// theirs.
pub const ATTENDED_PER_ORGANISATION_PAGE: usize = 100;

/// Decisions on `/decisions/` (whole months, newest first, at least this many); the year
/// pages `/decisions/<year>/` have every decision of their year.
pub(crate) const TIMELINE_RECENT: usize = 500;
/// How many of the actions a person, organisation or body owes its page shows (newest
/// first); all of them are on `/actions/open/`.
pub const OWED_SHOWN: usize = 100;
/// How many meetings `/meetings/` lists, newest first; the rest are on the year pages.
pub const MEETINGS_RECENT: usize = 500;

/// Actions on `/actions/` (newest first); the year pages `/actions/<year>/` have every
/// action of their year. A large archive has more actions than one page can carry.
pub const ACTIONS_RECENT: usize = 500;

// ---- paths ----

/// The site path of the page a server shows for missing URLs.
pub(crate) const NOT_FOUND_PATH: &str = "/404.html";

pub(crate) fn meeting_path(slug: &str) -> String {
    format!("/meetings/{slug}/")
}

pub(crate) fn organisation_path(key: &str) -> String {
    format!("/organisations/{key}/")
}

pub(crate) fn person_path(key: &str) -> String {
    format!("/people/{key}/")
}

pub(crate) fn year_path(section: &str, year: i32) -> String {
    format!("/{section}/{year}/")
}

/// The site's sections in the site's language, each as the breadcrumb of its index page
/// (title and path): every index page's chrome.
#[derive(Debug, Clone)]
pub(crate) struct Labels {
    pub(crate) language: Language,
    pub(crate) home: Crumb,
    pub(crate) meetings: Crumb,
    pub(crate) decisions: Crumb,
    pub(crate) actions: Crumb,
    pub(crate) bodies: Crumb,
    pub(crate) organisations: Crumb,
    pub(crate) people: Crumb,
    pub(crate) tags: Crumb,
    pub(crate) search: String,
    pub(crate) not_found: String,
}

impl Labels {
    /// Every section title, or the first UI string the theme lacks.
    pub(crate) fn new(strings: &Strings, language: Language) -> Result<Self> {
        let title = |key: &str| -> Result<String> {
            strings
                .get(language, key)
                .map(str::to_string)
                .map_err(crate::base::diagnostic::Error::single)
        };
        let crumb = |key: &str, path: &str| -> Result<Crumb> {
            Ok(Crumb {
                title: title(key)?,
                path: path.into(),
            })
        };
        Ok(Labels {
            language,
            home: crumb("nav_home", "/")?,
            meetings: crumb("nav_meetings", "/meetings/")?,
            decisions: crumb("nav_decisions", "/decisions/")?,
            actions: crumb("nav_actions", "/actions/")?,
            bodies: crumb("nav_bodies", "/bodies/")?,
            organisations: crumb("nav_organisations", "/organisations/")?,
            people: crumb("nav_people", "/people/")?,
            tags: crumb("nav_tags", "/tags/")?,
            search: title("nav_search")?,
            not_found: title("not_found_title")?,
        })
    }

    /// A section's index page (`/meetings/`, `/tags/`, …): the section's title and path,
    /// under the home page.
    pub(crate) fn index_page(
        &self,
        section: &Crumb,
        template_and_kind: (&'static str, &'static str),
        data: PageData,
    ) -> Page {
        self.page(
            section.path.clone(),
            template_and_kind,
            section.title.clone(),
            vec![self.home.clone()],
            data,
        )
    }

    /// An index page in the site's language, shown under `crumbs`, depending on every
    /// meeting until [`Page::depending_on`] says otherwise.
    pub(crate) fn page(
        &self,
        path: String,
        (template, kind): (&'static str, &'static str),
        title: String,
        breadcrumbs: Vec<Crumb>,
        data: PageData,
    ) -> Page {
        Page {
            path,
            template,
            kind,
            lang: self.language,
            title,
            breadcrumbs,
            data,
            meetings: None,
            listed: Vec::new().into(),
            carried_over: false,
        }
    }
}

/// The links to a section's year pages, newest first, with the count of each year.
pub(crate) fn year_links(
    section: &str,
    years: impl Iterator<Item = (i32, usize)>,
) -> Vec<YearLink> {
    let mut links: Vec<YearLink> = years
        .map(|(year, count)| YearLink {
            year,
            path: year_path(section, year),
            count: Some(count),
        })
        .collect();
    links.reverse();
    links
}

/// The year links without their counts, for a section's year pages: the counts are on the
/// section's page of all years. Why: a decision added in one year would otherwise change
/// every year page of the section, and `serve` would render each of them again (each lists
/// thousands of decisions in a large archive) for the sake of one number.
pub(crate) fn without_counts(links: &[YearLink]) -> Vec<YearLink> {
    links
        .iter()
        .map(|link| YearLink {
            count: None,
            ..link.clone()
        })
        .collect()
}

/// The slugs of a year's meetings: what a per-year page depends on.
pub(crate) fn meeting_slugs_of_year(
    by_year: &BTreeMap<i32, Vec<Shared<MeetingRef>>>,
    year: i32,
) -> Vec<Slug> {
    by_year
        .get(&year)
        .map(|meetings| meetings.iter().map(|m| m.slug.clone()).collect())
        .unwrap_or_default()
}
