//! Which pages a graph build makes anew. A full build makes every page; `serve`, after an
//! edit that leaves the set of meetings and their order as they were, keeps the pages of
//! the meetings, organisations and people the edit cannot have changed, and the shared
//! views of the meetings it did not edit, and makes only the others, so that its cost
//! follows the edit rather than the archive.

use std::collections::BTreeSet;
use std::sync::Mutex;

use rustc_hash::FxHashMap;

use crate::content::model::Archive;
use crate::graph::page::{Page, SiteGraph};
use crate::graph::refs::Refs;
use crate::graph::views::KeptRefs;

/// The pages a graph build makes anew.
pub(crate) enum Scope {
    /// Every page (a full build).
    All,
    /// Only the pages at `renew` and the pages that are not a meeting's, an organisation's
    /// or a person's; the other pages of those sections are taken from `old`, and the
    /// shared views of the meetings not in `meetings` from `kept`.
    Reusing {
        old: Mutex<FxHashMap<String, Page>>,
        renew: BTreeSet<String>,
        kept: KeptRefs,
        meetings: BTreeSet<usize>,
    },
}

impl Scope {
    /// Keeps the pages of `last` except those at `renew`, and the shared views of its
    /// meetings except those at the archive positions `meetings`.
    pub(crate) fn reusing(
        last: SiteGraph,
        renew: BTreeSet<String>,
        meetings: BTreeSet<usize>,
    ) -> Scope {
        let old = last
            .pages
            .into_iter()
            .map(|p| (p.path.clone(), p))
            .collect();
        Scope::Reusing {
            old: Mutex::new(old),
            renew,
            kept: last.kept,
            meetings,
        }
    }

    /// The graph's shared views of `archive`, and this scope without the kept views.
    pub(crate) fn refs(self, archive: &Archive) -> (Refs<'_>, Scope) {
        match self {
            Scope::All => (Refs::new(archive), Scope::All),
            Scope::Reusing {
                old,
                renew,
                kept,
                meetings,
            } => (
                Refs::reusing(archive, archive, kept, &meetings),
                Scope::Reusing {
                    old,
                    renew,
                    kept: KeptRefs::default(),
                    meetings,
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
        if let Scope::Reusing { old, renew, .. } = self {
            if !renew.contains(path) {
                if let Some(page) = old.lock().expect("not poisoned").remove(path) {
                    return page;
                }
            }
        }
        build()
    }
}
