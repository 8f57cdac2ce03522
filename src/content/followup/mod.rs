//! Follow-up across meetings, once every meeting is read: each action's status from the
//! later meetings that follow it up, overdue or not; the references `[[…]]` between
//! minutes resolved to pages (unresolved ones are errors for `check`) and turned around
//! into backlinks; decisions that replace, amend or revoke earlier ones; items grouped
//! into cases by their case number. The syntax is found by [`syntax`] and [`terms`] while
//! each meeting is parsed; the results are plain [`types`] kept in the archive.

pub(crate) mod syntax;
pub(crate) mod tasks;
pub(crate) mod terms;
pub(crate) mod types;

use std::collections::{BTreeMap, HashMap};

use rustc_hash::FxHashMap;
use std::hash::{Hash, Hasher};

use chrono::NaiveDate;

use crate::base::diagnostic::{did_you_mean, Diagnostic};
use crate::content::model::Html;
use crate::content::model::{Archive, Extract, Meeting};
use types::*;

/// The words before a reference that make a decision change an earlier one.
const RELATION_WORDS: &[(&str, Relation)] = &[
    ("ersätter", Relation::Replaces),
    ("replaces", Relation::Replaces),
    ("supersedes", Relation::Replaces),
    ("ändrar", Relation::Amends),
    ("amends", Relation::Amends),
    ("upphäver", Relation::Revokes),
    ("revokes", Relation::Revokes),
    ("rescinds", Relation::Revokes),
];

/// The decisions a decision's text says it changes: "(ersätter [[2024-02-01-ks/5-1]])".
pub(crate) fn decision_changes(text: &str) -> Vec<(Relation, String)> {
    let mut changes = Vec::new();
    for (target, column) in syntax::references_in(text) {
        let byte = text
            .char_indices()
            .nth(column - 1)
            .map_or(text.len(), |(i, _)| i);
        let before = text[..byte].to_lowercase();
        let words: Vec<&str> = before.split_whitespace().rev().take(3).collect();
        let relation = RELATION_WORDS.iter().find(|(word, _)| {
            words
                .iter()
                .any(|w| w.trim_matches(|c: char| !c.is_alphanumeric()) == *word)
        });
        if let Some(&(_, relation)) = relation {
            changes.push((relation, target));
        }
    }
    changes
}

/// Every id a reference may name, and where it leads.
struct Index<'a> {
    archive: &'a Archive,
    /// Each meeting's slug and aliases.
    slugs: FxHashMap<&'a str, usize>,
}

impl<'a> Index<'a> {
    /// Built after every edit in `serve`. A decision's or an action's id starts with its
    /// meeting's slug, so ids are found through their meeting: hashing the archive's
    /// 70,000 ids (10,000 meetings) for the few that references name took 30 ms.
    fn new(archive: &'a Archive) -> Self {
        let meetings = &archive.meetings;
        let mut slugs = FxHashMap::with_capacity_and_hasher(meetings.len(), Default::default());
        for (m, meeting) in meetings.iter().enumerate() {
            // A slug wins over another meeting's alias (alias_conflicts reports it).
            slugs.insert(&*meeting.slug, m);
            for alias in &meeting.aliases {
                slugs.entry(alias.as_str()).or_insert(m);
            }
        }
        Index { archive, slugs }
    }

    /// The decision (or, when `action`, the action) with this id, and its meeting's
    /// position.
    fn extract(&self, id: &str, action: bool) -> Option<(usize, &'a Extract)> {
        let (slug, _) = id.rsplit_once('/')?;
        let &m = self.slugs.get(slug)?;
        let meeting = &self.archive.meetings[m];
        // The id names the meeting by its slug, not by an alias.
        if *meeting.slug != *slug {
            return None;
        }
        let mut extracts = meeting.items.iter().flat_map(|item| {
            if action {
                &item.actions
            } else {
                &item.decisions
            }
        });
        extracts.find(|e| *e.id == *id).map(|e| (m, e))
    }

    /// The meeting a target names and the site path it links to: `slug`, `slug#8` (an
    /// item's number), `slug#decision-8-1` (an anchor), `slug/8-1` (a decision's or an
    /// action's id; a decision when both have it).
    fn resolve(&self, target: &str) -> Option<(usize, String)> {
        let page = |m: usize| format!("/meetings/{}/", self.archive.meetings[m].slug);
        if let Some((m, extract)) = self
            .extract(target, false)
            .or_else(|| self.extract(target, true))
        {
            return Some((m, format!("{}#{}", page(m), extract.anchor)));
        }
        let (slug, fragment) = match target.split_once('#') {
            Some((slug, fragment)) => (slug, Some(fragment)),
            None => (target, None),
        };
        let &m = self.slugs.get(slug)?;
        let Some(fragment) = fragment else {
            return Some((m, page(m)));
        };
        let meeting = &self.archive.meetings[m];
        let anchor = meeting
            .items
            .iter()
            .find(|i| &*i.number == fragment || &*i.anchor == fragment)
            .map(|i| i.anchor.to_string())
            .or_else(|| {
                meeting
                    .items
                    .iter()
                    .flat_map(|i| i.decisions.iter().chain(&i.actions))
                    .find(|e| &*e.anchor == fragment)
                    .map(|e| e.anchor.to_string())
            })?;
        Some((m, format!("{}#{anchor}", page(m))))
    }

    /// A did-you-mean for a target that does not resolve.
    fn suggest(&self, target: &str) -> String {
        let slug = target.split(['#', '/']).next().unwrap_or(target);
        if let Some(&m) = self.slugs.get(slug) {
            let meeting = &self.archive.meetings[m];
            let ids: Vec<String> = meeting
                .items
                .iter()
                .map(|i| format!("{slug}#{}", i.number))
                .chain(
                    meeting
                        .items
                        .iter()
                        .flat_map(|i| i.decisions.iter().chain(&i.actions))
                        .map(|e| e.id.to_string()),
                )
                .collect();
            let candidates: Vec<&str> = ids.iter().map(String::as_str).collect();
            return match did_you_mean(target, &candidates) {
                Some(best) => format!("did you mean `[[{best}]]`?"),
                None => format!(
                    "the meeting `{slug}` has items {}",
                    meeting
                        .items
                        .iter()
                        .map(|i| &*i.number)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
        }
        let mut slugs: Vec<&str> = self.slugs.keys().copied().collect();
        slugs.sort_unstable();
        match did_you_mean(slug, &slugs) {
            Some(best) => format!("did you mean the meeting `{best}`?"),
            None => "write `[[<meeting file name>]]`, `[[<meeting>#<item number>]]` or \
                     `[[<meeting>/<item>-<n>]]` for a decision or an action"
                .into(),
        }
    }
}

fn diagnostic_at(meeting: &Meeting, place: &Place, error: bool, message: String) -> Diagnostic {
    let base = if error {
        Diagnostic::error(&meeting.source, message)
    } else {
        Diagnostic::warning(&meeting.source, message)
    };
    let mut d = base.at(&place.source_line, 1, place.column);
    d.line = place.line;
    d
}

/// Follows up every action, reference, decision change and case of the archive. `today`
/// (from `--today`) replaces each body's newest meeting as the day "overdue" is judged on.
pub(crate) fn link(archive: &Archive, today: Option<NaiveDate>) -> (FollowUp, Vec<Diagnostic>) {
    let index = Index::new(archive);
    let mut follow = FollowUp::default();
    let mut problems = alias_conflicts(archive);
    resolve_references(&index, &mut follow, &mut problems);
    let history = collect_updates(&index, &mut follow, &mut problems);
    follow.actions = action_states(archive, history, today);
    follow.decisions = decision_links(&index);
    follow.cases = cases(archive);
    follow.labels = labels(archive, &follow);
    (follow, problems)
}

/// An alias that is another meeting's slug or alias cannot redirect to both.
fn alias_conflicts(archive: &Archive) -> Vec<Diagnostic> {
    let mut owner: FxHashMap<&str, &Meeting> =
        FxHashMap::with_capacity_and_hasher(archive.meetings.len(), Default::default());
    for meeting in &archive.meetings {
        owner.insert(&*meeting.slug, meeting);
    }
    let mut problems = Vec::new();
    for meeting in &archive.meetings {
        for alias in &meeting.aliases {
            match owner.insert(alias.as_str(), meeting) {
                Some(other) if other.slug != meeting.slug => problems.push(
                    Diagnostic::error(
                        &meeting.source,
                        format!("the alias `{alias}` is also {}", other.source.display()),
                    )
                    .with_hint("an old URL can redirect to one meeting only: remove the alias from one of them"),
                ),
                _ => {}
            }
        }
    }
    problems
}

/// Records that `from` (in its item `item`) refers to the meeting `to`: once per meeting.
fn add_backlink(follow: &mut FollowUp, to: &str, from: &Meeting, item: &Option<String>) {
    if to == &*from.slug {
        return;
    }
    let links = follow.backlinks.entry(to.to_string()).or_default();
    if !links.iter().any(|b| *b.from == *from.slug) {
        links.push(Backlink {
            from: from.slug.to_string(),
            item: item.clone(),
        });
    }
}

fn resolve_references(index: &Index<'_>, follow: &mut FollowUp, problems: &mut Vec<Diagnostic>) {
    for meeting in &index.archive.meetings {
        for reference in &meeting.written.references {
            match index.resolve(&reference.target) {
                Some((m, path)) => {
                    follow.targets.insert(reference.target.clone(), path);
                    let target_slug = &index.archive.meetings[m].slug;
                    add_backlink(follow, target_slug, meeting, &reference.item);
                }
                None => problems.push(
                    diagnostic_at(
                        meeting,
                        &reference.place,
                        true,
                        format!(
                            "`[[{}]]` refers to nothing in the archive",
                            reference.target
                        ),
                    )
                    .with_hint(index.suggest(&reference.target)),
                ),
            }
        }
        for unreadable in &meeting.written.unreadable {
            problems.push(
                diagnostic_at(meeting, &unreadable.place, true, unreadable.message.clone())
                    .with_hint(unreadable.hint.clone()),
            );
        }
    }
}

/// Each action's follow-ups, oldest first: only a later meeting can follow an action up.
fn collect_updates(
    index: &Index<'_>,
    follow: &mut FollowUp,
    problems: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Vec<StatusChange>> {
    let mut history: BTreeMap<String, Vec<StatusChange>> = BTreeMap::new();
    for meeting in &index.archive.meetings {
        for update in &meeting.written.updates {
            let Some((m, _)) = index.extract(&update.action, true) else {
                let mut ids: Vec<&str> = (index.archive.meetings.iter())
                    .flat_map(|m| m.actions().map(|(_, a)| &*a.id))
                    .collect();
                ids.sort_unstable();
                let hint = match did_you_mean(&update.action, &ids) {
                    Some(best) => format!("did you mean the action `{best}`?"),
                    None => "an action's id is `<meeting file name>/<item>-<n>`, as its \
                             page's anchor `#action-<item>-<n>` shows"
                        .into(),
                };
                problems.push(
                    diagnostic_at(
                        meeting,
                        &update.place,
                        true,
                        format!("the follow-up names no action: `{}`", update.action),
                    )
                    .with_hint(hint),
                );
                continue;
            };
            let of = &index.archive.meetings[m];
            if of.date >= meeting.date {
                problems.push(
                    diagnostic_at(
                        meeting,
                        &update.place,
                        true,
                        format!(
                            "the action `{}` is from {} and cannot be followed up on {}",
                            update.action, of.date, meeting.date
                        ),
                    )
                    .with_hint("follow an action up in the minutes of a later meeting"),
                );
                continue;
            }
            add_backlink(follow, &of.slug, meeting, &update.item);
            history
                .entry(update.action.clone())
                .or_default()
                .push(StatusChange {
                    meeting: meeting.slug.to_string(),
                    date: meeting.date,
                    item: update.item.clone(),
                    status: update.status,
                    note: update.note.clone(),
                });
        }
    }
    history
}

fn action_states(
    archive: &Archive,
    mut history: BTreeMap<String, Vec<StatusChange>>,
    today: Option<NaiveDate>,
) -> BTreeMap<String, ActionState> {
    // Per body, its meetings' dates (oldest first, planned ones too: "till nästa möte"),
    // and its newest held meeting (the day overdue is judged on).
    let mut dates: BTreeMap<&str, Vec<NaiveDate>> = BTreeMap::new();
    let mut newest_held: BTreeMap<&str, NaiveDate> = BTreeMap::new();
    for meeting in &archive.meetings {
        let body = meeting.body.as_str();
        dates.entry(body).or_default().push(meeting.date);
        if !meeting.planned {
            newest_held.insert(body, meeting.date);
        }
    }
    // Gathered in archive order, then made a map at once: ids start with their meeting's
    // date, so they come nearly sorted, and one sort and bulk build is several times
    // cheaper than an insert per action (serve runs this after every edit).
    let mut states = Vec::new();
    for meeting in &archive.meetings {
        let body_dates = &dates[meeting.body.as_str()];
        let newest = newest_held.get(meeting.body.as_str()).copied();
        let reference_day = today.or(newest).unwrap_or(meeting.date);
        for (_, action) in meeting.actions() {
            let terms = &action.terms;
            let due = terms.due.or_else(|| {
                // The body's dates are in archive order, oldest first.
                let next = body_dates.partition_point(|d| *d <= meeting.date);
                terms
                    .due_next_meeting
                    .then(|| body_dates.get(next).copied())
                    .flatten()
            });
            let history = history.remove(&*action.id).unwrap_or_default();
            let status = history.last().map_or(Status::Open, |c| c.status);
            states.push((
                action.id.to_string(),
                ActionState {
                    owners: terms.owners.clone(),
                    due,
                    due_next_meeting: terms.due_next_meeting,
                    status,
                    overdue: status.is_pending() && due.is_some_and(|d| d < reference_day),
                    history,
                },
            ));
        }
    }
    // Equal ids (none in a valid archive) keep the last, as inserting did.
    states.into_iter().collect()
}

fn decision_links(index: &Index<'_>) -> BTreeMap<String, DecisionLinks> {
    let mut links: BTreeMap<String, DecisionLinks> = BTreeMap::new();
    for meeting in &index.archive.meetings {
        for (_, decision) in meeting.decisions() {
            for (relation, target) in &decision.terms.changes {
                // A reference that resolves to no decision is reported as a reference.
                if index.extract(target, false).is_none() {
                    continue;
                }
                links
                    .entry(decision.id.to_string())
                    .or_default()
                    .changes
                    .push((*relation, target.clone()));
                links
                    .entry(target.clone())
                    .or_default()
                    .changed_by
                    .push((*relation, decision.id.to_string()));
            }
        }
    }
    links
}

/// The title and date of every meeting named on another meeting's page.
fn labels(archive: &Archive, follow: &FollowUp) -> BTreeMap<String, (String, NaiveDate)> {
    let mut named: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    named.extend(follow.backlinks.values().flatten().map(|b| b.from.as_str()));
    named.extend(
        follow
            .actions
            .values()
            .flat_map(|a| &a.history)
            .map(|c| c.meeting.as_str()),
    );
    for links in follow.decisions.values() {
        for (_, id) in links.changes.iter().chain(&links.changed_by) {
            named.insert(id.split('/').next().unwrap_or(id));
        }
    }
    archive
        .meetings
        .iter()
        .filter(|m| named.contains(&*m.slug))
        .map(|m| (m.slug.to_string(), (m.title.clone(), m.date)))
        .collect()
}

/// Case id → its items in archive (date) order. Spellings with one URL key ("Ny simhall",
/// "ny simhall"; "KS 2025/1", "KS 2025-1") are one case, named as first written, so that
/// two cases never share a page.
fn cases(archive: &Archive) -> BTreeMap<String, Vec<(String, String)>> {
    let mut named: HashMap<String, String> = HashMap::new();
    let mut cases: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for meeting in &archive.meetings {
        for item in &meeting.items {
            if let Some(case) = &item.case_number {
                let name = named
                    .entry(case_key(case))
                    .or_insert_with(|| case.to_string());
                cases
                    .entry(name.clone())
                    .or_default()
                    .push((meeting.slug.to_string(), item.number.to_string()));
            }
        }
    }
    cases
}

/// An owner's name as a reader knows it: a person's name, an organisation's name with its
/// short name, or the name as written.
pub(crate) fn owner_name(archive: &Archive, owner: &Owner) -> String {
    match owner {
        Owner::Person(key) => archive
            .people
            .get(key)
            .map_or_else(|| key.clone(), |p| p.name.clone()),
        Owner::Organisation(key) => archive.organisations.get(key).map_or_else(
            || key.clone(),
            |o| match &o.short {
                Some(short) => format!("{} ({short})", o.name),
                None => o.name.clone(),
            },
        ),
        Owner::Name(name) => name.clone(),
    }
}

/// The case's id in URLs: "KN 2024/57" → "kn-2024-57".
pub(crate) fn case_key(case: &str) -> String {
    crate::base::slug::slugify(&case.replace('/', " "))
}

impl FollowUp {
    /// A hash of what the follow-up shows about one meeting on any page — its actions'
    /// states, its decisions' links, the references to it, the cases of its items — so that
    /// `serve` re-renders the pages that show the meeting when another meeting changes it.
    pub(crate) fn fingerprint(&self, meeting: &Meeting) -> u64 {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        let label = |slug: &str, h: &mut std::collections::hash_map::DefaultHasher| {
            self.labels.get(slug).hash(h);
        };
        for (_, action) in meeting.actions() {
            let state = self.actions.get(&*action.id);
            state.hash(&mut h);
            for change in state.into_iter().flat_map(|s| &s.history) {
                label(&change.meeting, &mut h);
            }
        }
        for (_, decision) in meeting.decisions() {
            let links = self.decisions.get(&*decision.id);
            links.hash(&mut h);
            for (_, id) in links
                .into_iter()
                .flat_map(|l| l.changes.iter().chain(&l.changed_by))
            {
                label(id.split('/').next().unwrap_or(id), &mut h);
            }
        }
        let backlinks = self.backlinks.get(&*meeting.slug);
        backlinks.hash(&mut h);
        for backlink in backlinks.into_iter().flatten() {
            label(&backlink.from, &mut h);
        }
        meeting.written.hash(&mut h);
        meeting.aliases.hash(&mut h);
        meeting.planned.hash(&mut h);
        for item in &meeting.items {
            if let Some(case) = &item.case_number {
                // Another spelling of a case is filed under its first one (rare: searched).
                let of_case = self.cases.get_key_value(&**case).or_else(|| {
                    let key = case_key(case);
                    self.cases.iter().find(|(name, _)| case_key(name) == key)
                });
                of_case.hash(&mut h);
            }
        }
        h.finish()
    }
}

/// Turns each `[[target]]` in an HTML fragment into a link to its page (through the
/// renderer's `quorum:` links); one that does not resolve is left as written (`check`
/// reports it). Text inside `<code>` and `<pre>` is left alone. A fragment without
/// references is shared, not copied.
pub(crate) fn link_references(html: &Html, targets: &BTreeMap<String, String>) -> Html {
    if !html.contains("[[") {
        return Html::clone(html);
    }
    linked_references(html, targets).into()
}

fn linked_references(html: &str, targets: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    let mut code_depth = 0usize;
    while !rest.is_empty() {
        let next_tag = rest.find('<');
        let next_ref = if code_depth == 0 {
            rest.find("[[")
        } else {
            None
        };
        match (next_tag, next_ref) {
            (_, Some(r)) if next_tag.is_none_or(|t| r < t) => {
                out.push_str(&rest[..r]);
                let after = &rest[r + 2..];
                let Some(end) = after.find("]]") else {
                    out.push_str(&rest[r..]);
                    break;
                };
                let inner = &after[..end];
                let (target, label) = match inner.split_once('|') {
                    Some((t, l)) => (t.trim(), l.trim()),
                    None => (inner.trim(), inner.trim()),
                };
                let decoded = target.replace("&amp;", "&");
                match targets.get(&decoded) {
                    Some(path) => {
                        out.push_str("<a class=\"xref\" href=\"");
                        out.push_str(crate::content::markdown::INTERNAL_LINK_PREFIX);
                        out.push_str(path);
                        out.push_str("\">");
                        out.push_str(label);
                        out.push_str("</a>");
                    }
                    None => out.push_str(&rest[r..r + 2 + end + 2]),
                }
                rest = &after[end + 2..];
            }
            (Some(t), _) => {
                let end = rest[t..].find('>').map_or(rest.len(), |e| t + e + 1);
                let tag = &rest[t..end];
                if tag.starts_with("<code") || tag.starts_with("<pre") {
                    code_depth += 1;
                } else if tag.starts_with("</code") || tag.starts_with("</pre") {
                    code_depth = code_depth.saturating_sub(1);
                }
                out.push_str(&rest[..end]);
                rest = &rest[end..];
            }
            (None, _) => {
                out.push_str(rest);
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_name_what_they_change() {
        assert_eq!(
            decision_changes("Ny policy antas (ersätter [[a/5-1]]); ändrar även beslut [[b/2-1]]."),
            vec![
                (Relation::Replaces, "a/5-1".to_string()),
                (Relation::Amends, "b/2-1".to_string())
            ]
        );
        assert_eq!(decision_changes("Se [[a/5-1]]."), vec![]);
    }

    #[test]
    fn references_become_links_outside_code() {
        let targets = BTreeMap::from([("a#8".to_string(), "/meetings/a/#item-8".to_string())]);
        assert_eq!(
            &*link_references(&"<p>Se [[a#8|punkt 8]] och <code>[[a#8]]</code>, [[x]].</p>".into(), &targets),
            "<p>Se <a class=\"xref\" href=\"quorum:/meetings/a/#item-8\">punkt 8</a> och <code>[[a#8]]</code>, [[x]].</p>"
        );
    }

    #[test]
    fn a_fragment_without_references_is_shared_not_copied() {
        let html: Html = "<p>Inga hänvisningar.</p>".into();
        let linked = link_references(&html, &BTreeMap::new());
        assert!(Html::ptr_eq(&html, &linked));
    }
}
