//! Which pages a graph build makes anew. A full build makes every page; `serve`, after an
//! edit that leaves the set of meetings as it was (in their order, or in the order a
//! date's edit gave them, which the last graph then follows: `reorder`), keeps the pages of
//! the meetings, organisations and people the edit cannot have changed, the shared views
//! of the meetings it did not edit, and who took part in which meeting (updated for the
//! edited meetings), and makes only the others, so that its cost follows the edit rather
//! than the archive.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;

use crate::content::model::{Archive, Meeting};
use crate::graph::index::{KeptParticipation, Participation};
use crate::graph::page::{Page, SiteGraph};
use crate::graph::refs::Refs;
use crate::graph::views::KeptRefs;

/// The pages a graph build makes anew.
pub(crate) enum Scope {
    /// Every page (a full build).
    All,
    /// Only the pages at `renew` and the pages that are not a meeting's, an organisation's,
    /// a person's or a year's of the decisions; the other pages of those sections are
    /// taken from `old` (by path; `parts` lists the parts of each page split by year), the
    /// shared views of the meetings not edited from `kept`, and who took part where from
    /// `participation`, which `was` (each edited meeting's archive position and version
    /// before the edit) updates.
    Reusing {
        old: Mutex<FxHashMap<String, Page>>,
        parts: FxHashMap<String, Vec<String>>,
        renew: BTreeSet<String>,
        kept: KeptRefs,
        participation: KeptParticipation,
        was: Vec<(usize, Arc<Meeting>)>,
    },
}

impl Scope {
    /// Keeps the pages of `last` except those at `renew`, and the shared views of its
    /// meetings except those edited: `was` holds each edited meeting's archive position
    /// and its version before the edit.
    pub(crate) fn reusing(
        last: SiteGraph,
        renew: BTreeSet<String>,
        was: Vec<(usize, Arc<Meeting>)>,
    ) -> Scope {
        let mut parts: FxHashMap<String, Vec<String>> = FxHashMap::default();
        for page in &last.pages {
            if let Some(split) = page.split().filter(|s| s.current.is_some()) {
                parts
                    .entry(split.path.clone())
                    .or_default()
                    .push(page.path.clone());
            }
        }
        let old = last
            .pages
            .into_iter()
            .map(|p| (p.path.clone(), p))
            .collect();
        Scope::Reusing {
            old: Mutex::new(old),
            parts,
            renew,
            kept: last.kept,
            participation: last.participation,
            was,
        }
    }

    /// The archive positions of the meetings an edit changed (None: every meeting is made
    /// anew).
    pub(crate) fn edited(&self) -> Option<BTreeSet<usize>> {
        match self {
            Scope::All => None,
            Scope::Reusing { was, .. } => Some(was.iter().map(|(i, _)| *i).collect()),
        }
    }

    /// The graph's shared views of `archive`, who took part in which of its meetings, and
    /// this scope without what it kept of them.
    pub(crate) fn refs(self, archive: &Archive) -> (Refs<'_>, Participants, Scope) {
        let edited = self.edited().unwrap_or_default();
        match self {
            Scope::All => (Refs::new(archive), Participants::Make, Scope::All),
            Scope::Reusing {
                old,
                parts,
                renew,
                kept,
                participation,
                was,
            } => (
                Refs::reusing(archive, archive, kept, &edited),
                Participants::Update(participation, was),
                Scope::Reusing {
                    old,
                    parts,
                    renew,
                    kept: KeptRefs::default(),
                    participation: KeptParticipation::default(),
                    was: Vec::new(),
                },
            ),
        }
    }

    /// Whether the page at `path` is made anew (a page the last graph did not have is).
    pub(crate) fn renews(&self, path: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::Reusing { old, renew, .. } => {
                renew.contains(path) || !old.lock().expect("not poisoned").contains_key(path)
            }
        }
    }

    /// The page at `path`: the last graph's when it is kept, else the one `build` makes.
    pub(crate) fn page(&self, path: &str, build: impl FnOnce() -> Page) -> Page {
        self.page_if(path, |_| true, build)
    }

    /// The page at `path`: the last graph's when it is kept and `still` holds for it (what
    /// it shows beside its own meetings is as it was), else the one `build` makes.
    pub(crate) fn page_if(
        &self,
        path: &str,
        still: impl FnOnce(&Page) -> bool,
        build: impl FnOnce() -> Page,
    ) -> Page {
        if let Scope::Reusing { old, renew, .. } = self {
            if !renew.contains(path) {
                let mut old = old.lock().expect("not poisoned");
                if old.get(path).is_some_and(still) {
                    let page = old.remove(path).expect("found above");
                    return carried_over(page);
                }
            }
        }
        build()
    }

    /// The last graph's page at `path` and its parts (when it is split by year), in the
    /// order they had, when all of them are kept; else None, and the caller makes them.
    pub(crate) fn kept_with_parts(&self, path: &str) -> Option<Vec<Page>> {
        let Scope::Reusing {
            old, parts, renew, ..
        } = self
        else {
            return None;
        };
        let mut old = old.lock().expect("not poisoned");
        let parts = parts.get(path).map_or(&[][..], Vec::as_slice);
        if renew.contains(path)
            || !old.contains_key(path)
            || parts
                .iter()
                .any(|p| renew.contains(p) || !old.contains_key(p))
        {
            return None;
        }
        let mut take = |p: &str| carried_over(old.remove(p).expect("checked above"));
        let mut pages = vec![take(path)];
        pages.extend(parts.iter().map(|p| take(p)));
        Some(pages)
    }
}

/// A page of the last graph, as the next graph takes it.
fn carried_over(mut page: Page) -> Page {
    page.carried_over = true;
    page
}

/// How a graph build learns who took part in which meeting.
pub(crate) enum Participants {
    /// From every meeting.
    Make,
    /// From the last graph's, updated for the edited meetings (with their old versions).
    Update(KeptParticipation, Vec<(usize, Arc<Meeting>)>),
}

impl Participants {
    pub(crate) fn of(self, archive: &Archive) -> Participation {
        match self {
            Participants::Make => Participation::of(archive),
            Participants::Update(last, was) => Arc::try_unwrap(last)
                .unwrap_or_else(|shared| (*shared).clone())
                .update(archive, &was),
        }
    }
}
