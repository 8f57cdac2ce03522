//! Stage 2, the site graph: every page of the site, its URL, its template and the data it
//! shows, computed from the [`Archive`]. Each section of the site has its builder
//! ([`meetings`], [`timeline`], [`bodies`], [`organisations`], [`people`], [`tags`]); the
//! views they share ([`views`]) are made once ([`refs`]) and put on every page that shows
//! them as a [`Shared`] (an `Arc`), so a decision shown on five pages is built once, and
//! rendering converts it for the templates once.
//!
//! [`Shared`]: crate::base::shared::Shared

mod bodies;
mod by_year;
mod flat;
mod follow_refs;
pub(crate) mod follow_views;
mod followup;
mod formal;
pub(crate) mod index;
mod meetings;
mod organisations;
pub(crate) mod page;
mod people;
mod refs;
pub(crate) mod reorder;
pub(crate) mod scope;
mod tags;
mod timeline;
pub(crate) mod views;

pub use meetings::PageViews;
pub(crate) use meetings::{neighbours_of, preview_meeting_page, renew_meeting_refs};
pub(crate) use page::{meeting_path, Crumb, Page, PageData, SiteGraph, NOT_FOUND_PATH};

use crate::base::config::Language;
use crate::base::diagnostic::Result;
use crate::base::i18n::Strings;
use crate::base::shared::Shared;
use crate::content::model::Archive;
use page::{year_links, Labels};
use scope::Scope;
use views::{Counts, ExtractView};

/// Builds the site graph. `strings` gives page titles in the site's language.
pub fn build_graph(archive: &Archive, strings: &Strings, language: Language) -> Result<SiteGraph> {
    let split_above = crate::base::config::SPLIT_BY_YEAR_ABOVE;
    build_graph_in(archive, strings, language, split_above, Scope::All)
}

/// Builds the site graph, making anew only the pages `scope` asks for. A person's,
/// organisation's or body's page listing more than `split_above` meetings is split by year.
pub(crate) fn build_graph_in(
    archive: &Archive,
    strings: &Strings,
    language: Language,
    split_above: usize,
    scope: Scope,
) -> Result<SiteGraph> {
    let labels = Labels::new(strings, language)?;
    let (refs, participants, scope) = scope.refs(archive);
    let scope = &scope;
    let newest_first: Vec<usize> = (0..archive.meetings.len()).rev().collect();
    let newest = |of: &Vec<Vec<Shared<ExtractView>>>| -> Vec<Shared<ExtractView>> {
        newest_first
            .iter()
            .flat_map(|&i| of[i].iter().cloned())
            .collect()
    };
    let all_decisions = newest(&refs.decisions);
    let all_actions = newest(&refs.actions);
    let body_summaries = bodies::body_summaries(&refs);
    let counts = Counts {
        meetings: archive.meetings.len(),
        decisions: all_decisions.len(),
        actions: all_actions.len(),
        organisations: archive.organisations.len(),
        people: archive
            .people
            .values()
            .filter(|p| !p.exposure.withheld)
            .count(),
        bodies: archive.bodies.len(),
    };

    let mut pages = vec![meetings::home_page(
        &refs,
        &labels,
        &newest_first,
        &all_decisions,
        &body_summaries,
        &counts,
    )];
    let by_year = meetings::by_year(&refs, &newest_first);
    pages.extend(meetings::year_pages(&by_year, &labels));
    // A meeting page's chrome (its breadcrumbs) is in the meeting's language.
    let mut meeting_labels = vec![labels.clone()];
    for meeting in &archive.meetings {
        if meeting_labels
            .iter()
            .all(|l| l.language != meeting.language)
        {
            meeting_labels.push(Labels::new(strings, meeting.language)?);
        }
    }
    // Who took part where is read from every meeting (or updated for the edited ones)
    // beside the meeting pages, the largest serial step.
    let ((meeting_pages, files), participation) = rayon::join(
        || meetings::meeting_pages(&refs, &meeting_labels, scope),
        || participants.of(archive),
    );
    pages.extend(meeting_pages);
    // The years of the timeline, with their counts: on `/decisions/` and the page of the
    // decisions in force.
    let decision_years = Shared::new(year_links(
        "decisions",
        timeline::count_by_year(&all_decisions).into_iter(),
    ));
    pages.extend(timeline::decision_pages(
        &all_decisions,
        &decision_years,
        &by_year,
        &labels,
        scope,
    ));
    let statuses = Shared::new(followup::status_links(&all_actions));
    pages.extend(timeline::action_pages(
        &all_actions,
        &by_year,
        &labels,
        &statuses,
    ));
    pages.extend(bodies::body_pages(
        &refs,
        &labels,
        &newest_first,
        &body_summaries,
        split_above,
    ));
    // Independent indexes: built on both cores, appended in a fixed order.
    let (organisation, (person, tag)) = rayon::join(
        || organisations::organisation_pages(&refs, &participation, &labels, split_above, scope),
        || {
            rayon::join(
                || people::person_pages(&refs, &participation, &labels, split_above, scope),
                || tags::tag_pages(&refs, &newest_first, &labels),
            )
        },
    );
    pages.extend(organisation);
    pages.extend(person);
    pages.extend(tag);
    // The follow-up across meetings: actions by status, decisions in force, cases, and
    // what each person and organisation owes.
    let title = |key: &str| -> Result<String> {
        strings
            .get(language, key)
            .map(str::to_string)
            .map_err(crate::base::diagnostic::Error::single)
    };
    let mut status_titles = std::collections::BTreeMap::new();
    for (status, key) in followup::ACTION_STATUSES {
        status_titles.insert(status, title(key)?);
    }
    pages.extend(followup::action_status_pages(
        &all_actions,
        &labels,
        &status_titles,
        &statuses,
    ));
    pages.push(followup::in_force_page(
        &all_decisions,
        &decision_years,
        &labels,
        &title("decisions_in_force")?,
    ));
    pages.extend(followup::case_pages(&refs, &labels, &title("nav_cases")?));
    followup::add_owed(&mut pages, &followup::owed(&all_actions));
    pages.extend(followup::alias_pages(&refs, &labels));
    pages.push(followup::upcoming_page(
        &refs,
        &labels,
        &title("meetings_upcoming")?,
    ));
    pages.push(labels.page(
        "/search/".into(),
        ("search.html", "search"),
        labels.search.clone(),
        vec![labels.home.clone()],
        PageData::Search {},
    ));
    pages.push(labels.page(
        NOT_FOUND_PATH.into(),
        ("404.html", "not_found"),
        labels.not_found.clone(),
        vec![labels.home.clone()],
        PageData::NotFound {},
    ));
    Ok(SiteGraph {
        pages,
        files,
        has_code: archive.meetings.iter().any(|m| m.has_code),
        counts,
        kept: refs.kept(),
        participation: std::sync::Arc::new(participation),
    })
}
