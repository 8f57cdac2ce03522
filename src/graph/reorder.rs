//! When an edit moves meetings in the archive (a date changed, so the meeting sorts
//! elsewhere) and keeps the same meetings, the last graph still holds the old archive
//! positions: in its shared views (one entry per meeting, in archive order), in who took
//! part where, and in the pages it made (a meeting page's view, a person's or
//! organisation's lists). [`Reorder`] says where each meeting went, and
//! [`SiteGraph::renumber`] moves those positions with it, so that `serve` can keep the
//! pages the move did not change (see `scope`) instead of making the whole graph anew.

use rustc_hash::FxHashMap;

use crate::content::model::Archive;
use crate::graph::page::{PageData, SiteGraph};
use crate::graph::views::{MeetingPageView, MeetingTables};

/// Where each meeting of one archive is in another that holds the same meetings in
/// another order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reorder {
    /// By old position: the new position.
    new_of_old: Vec<usize>,
}

impl Reorder {
    /// How `new` orders the meetings of `old`; None when they hold the same meetings in the
    /// same order, or not the same meetings (by slug).
    pub(crate) fn between(old: &Archive, new: &Archive) -> Option<Reorder> {
        let (old, new) = (&old.meetings, &new.meetings);
        if old.len() != new.len() || old.iter().zip(new).all(|(a, b)| a.slug == b.slug) {
            return None;
        }
        let position: FxHashMap<&str, usize> = (new.iter().enumerate())
            .map(|(i, m)| (&*m.slug, i))
            .collect();
        let new_of_old = old
            .iter()
            .map(|m| position.get(&*m.slug).copied())
            .collect::<Option<Vec<usize>>>()?;
        Some(Reorder { new_of_old })
    }

    /// The new position of the meeting at `old`.
    pub(crate) fn position(&self, old: usize) -> usize {
        self.new_of_old[old]
    }

    /// `items`, one per meeting in the old order, put in the new order.
    pub(crate) fn apply<T>(&self, items: Vec<T>) -> Vec<T> {
        assert_eq!(items.len(), self.new_of_old.len(), "one item per meeting");
        let mut placed: Vec<Option<T>> =
            std::iter::repeat_with(|| None).take(items.len()).collect();
        for (old, item) in items.into_iter().enumerate() {
            placed[self.new_of_old[old]] = Some(item);
        }
        placed
            .into_iter()
            .map(|item| item.expect("every position is taken once"))
            .collect()
    }
}

impl SiteGraph {
    /// The graph with every archive position it holds moved as `reorder` says. Its pages
    /// are otherwise as they were: those the move changed are made anew by the next graph.
    /// A graph that does not hold the archive's meetings (the empty graph a failed build
    /// leaves) has nothing to move.
    pub(crate) fn renumber(&mut self, reorder: &Reorder) {
        if self.kept.meetings.len() != reorder.new_of_old.len() {
            return;
        }
        let tables = std::sync::Arc::make_mut(&mut self.kept);
        renumber_tables(tables, reorder);
        std::sync::Arc::make_mut(&mut self.participation).renumber(|i| reorder.position(i));
        for page in &mut self.pages {
            renumber_page(&mut page.data, reorder);
        }
    }
}

fn renumber_tables(tables: &mut MeetingTables, reorder: &Reorder) {
    tables.meetings = reorder.apply(std::mem::take(&mut tables.meetings));
    tables.items = reorder.apply(std::mem::take(&mut tables.items));
    tables.decisions = reorder.apply(std::mem::take(&mut tables.decisions));
    tables.actions = reorder.apply(std::mem::take(&mut tables.actions));
}

fn renumber_page(data: &mut PageData, reorder: &Reorder) {
    let at = |i: &mut usize| *i = reorder.position(*i);
    match data {
        PageData::Meeting {
            meeting: MeetingPageView::Later { index, .. },
            ..
        } => at(index),
        PageData::Person {
            attended,
            presented,
            ..
        } => {
            attended.keys_mut().iter_mut().for_each(|(i, _)| at(i));
            presented.keys_mut().iter_mut().for_each(|(i, _)| at(i));
        }
        PageData::Organisation { presented, .. } => {
            presented.keys_mut().iter_mut().for_each(|(i, _)| at(i));
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apply_puts_each_item_at_its_new_position() {
        let reorder = Reorder {
            new_of_old: vec![0, 3, 1, 2],
        };
        assert_eq!(
            reorder.apply(vec!['a', 'b', 'c', 'd']),
            vec!['a', 'c', 'd', 'b']
        );
        assert_eq!(reorder.position(1), 3);
    }
}
