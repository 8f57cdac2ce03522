//! `serve`'s rebuilds of a loaded [`Site`]: which input a changed path is, and after an
//! edit, re-parsing only the changed files and re-rendering and writing only the pages
//! whose inputs changed; a text-only edit of one meeting re-renders its page alone, and
//! after other edits of meetings their own pages are written first, before the graph.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::Datelike;
use rayon::prelude::*;

use crate::base::diagnostic::{Diagnostic, Error, Result};
use crate::base::shared::RenderPass;
use crate::content::load::{read_source, relative, CONTENT_DIR};
use crate::content::meeting::ParsedMeeting;
use crate::content::model::{Archive, Slug, Spellings};
use crate::content::registry::Registry;
use crate::graph::page::{meeting_path, organisation_path, person_path, year_path};
use crate::graph::Page;
use crate::publish::output::{file_for, OutputFile};
use crate::render::theme::load_theme;
use crate::render::Renderer;

use crate::commands::site::*;
use crate::graph::scope::Scope;

impl Site {
    /// Which input a changed path (absolute or relative to the root) is, if any.
    pub(crate) fn classify(&self, path: &Path) -> Option<Change> {
        let root = &self.options.root;
        let absolute_root = root.canonicalize().unwrap_or_else(|_| root.clone());
        let relative_path = path
            .strip_prefix(&absolute_root)
            .or_else(|_| path.strip_prefix(root))
            .unwrap_or(path)
            .to_path_buf();
        let mut parts = relative_path
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        let first = parts.next()?;
        let name = relative_path.file_name()?.to_string_lossy().into_owned();
        match first.as_str() {
            "site.toml" => Some(Change::Config),
            CONTENT_DIR if name == "organisations.yaml" || name == "people.yaml" => {
                Some(Change::Registry)
            }
            CONTENT_DIR if name.ends_with(".md") => Some(Change::Meeting(relative_path)),
            // Attachments live beside their meeting: re-copy that meeting's files.
            CONTENT_DIR => relative_path
                .parent()
                .filter(|p| p.components().count() > 1)
                .map(|folder| Change::Meeting(folder.with_extension("md"))),
            "themes" | "templates" => Some(Change::Theme),
            "static" => Some(Change::Static),
            _ => None,
        }
    }

    /// Applies changed paths: re-parses, re-renders and writes only what they touch.
    /// On error the output is left as it was (but for pages written first, see
    /// [`Site::rebuild_with`]) and the error is returned.
    pub fn rebuild(&mut self, paths: &[PathBuf]) -> Result<RebuildReport> {
        self.rebuild_with(paths, &mut |_| {})
    }

    /// [`Site::rebuild`], writing the edited meetings' own pages first when it can: after
    /// an edit that leaves every meeting where it was in the archive (a title, a decision,
    /// an attendee, a tag), those pages are rendered and written as soon as the archive is
    /// assembled, and `first` is told of them (`serve` reloads them then), before the
    /// graph and the other pages that show the edit are made anew. Those pages are the
    /// ones the secretary looks at while typing; the rest follow a few hundred
    /// milliseconds later at 10,000 meetings. If the rest fails, the error is returned and
    /// the edited pages already written stay (they show the edit, which is valid).
    pub fn rebuild_with(
        &mut self,
        paths: &[PathBuf],
        first: &mut dyn FnMut(&RebuildReport),
    ) -> Result<RebuildReport> {
        let started = Instant::now();
        // The timings describe the last build or rebuild, not a whole `serve` session.
        self.timings = Timings::default();
        let changes: BTreeSet<Change> = paths.iter().filter_map(|p| self.classify(p)).collect();
        if changes.is_empty() {
            return Ok(RebuildReport::default());
        }
        if changes.contains(&Change::Config) {
            return self.reload_everything(started);
        }
        let mut theme_changed = false;
        if changes.contains(&Change::Theme) || changes.contains(&Change::Static) {
            self.theme = load_theme(&self.options.root, &self.config.theme)?;
            self.renderer = Renderer::new(&self.theme, &self.config, self.graph.has_code)?;
            theme_changed = changes.contains(&Change::Theme);
        }
        let mut touched: BTreeSet<PathBuf> = BTreeSet::new();
        if changes.contains(&Change::Registry) {
            self.reload_registry()?;
            touched.extend(self.sources.keys().cloned());
        }
        let mut clock = Instant::now();
        let graph_was_current = !self.graph_behind;
        // The edited meetings as they were, for the quick path to compare with.
        let mut previous: BTreeMap<PathBuf, Option<Parsed>> = BTreeMap::new();
        for change in &changes {
            if let Change::Meeting(path) = change {
                previous.insert(path.clone(), self.sources.get(path).cloned());
                self.reparse(path);
                self.graph_behind = true;
                touched.insert(path.clone());
            }
        }
        self.timings
            .lap("read and parse the edited meetings", &mut clock);
        let content_slugs: BTreeSet<String> = touched
            .iter()
            .map(|p| crate::content::meeting::slug_of(p))
            .collect();
        if !theme_changed
            && !changes.contains(&Change::Registry)
            && !changes.contains(&Change::Static)
            && self.refresh_text_only(&touched, &previous)
        {
            return self.write_meeting_pages(&content_slugs, started);
        }

        let only_meetings = !theme_changed
            && !changes.contains(&Change::Registry)
            && !changes.contains(&Change::Static);
        let assembled = if !touched.is_empty() || theme_changed {
            let assembled = self.assemble_archive()?;
            clock = Instant::now();
            if only_meetings {
                self.follow_new_order(&assembled.archive);
                let written =
                    self.write_edited_first(&assembled.archive, &content_slugs, started)?;
                if let Some(written) = written {
                    self.timings
                        .lap("write the edited meetings' pages first", &mut clock);
                    first(&written);
                }
            }
            Some(assembled)
        } else {
            None
        };

        let before = Before::of(self);
        let old_has_code = before.has_code;
        self.timings.lap("note what the pages showed", &mut clock);
        // The graph can be updated in part when only meetings changed, and the graph is
        // that of the files as they were before this edit.
        let in_part = only_meetings && graph_was_current;
        let renewal = assembled
            .as_ref()
            .and_then(|a| self.pages_to_renew(&a.archive, &touched, &previous, &before));
        self.timings
            .lap("find the pages the edit can change", &mut clock);
        if let Some(assembled) = assembled {
            match renewal {
                Some((renew, meetings)) if in_part => {
                    // The edited meetings as the graph knows them, for it to take out.
                    let was = meetings
                        .iter()
                        .map(|&i| (i, self.archive.meetings[i].clone()))
                        .collect();
                    self.graph_in(assembled, |last| Scope::reusing(last, renew, was))?;
                }
                _ => self.graph_in(assembled, |_| Scope::All)?,
            }
        }
        clock = Instant::now();

        // A registry edit can rename a person or an organisation without changing any
        // meeting's fingerprint (they hold keys, not names): every page may show the name,
        // so every page is rendered, and only those whose HTML changed are written.
        let everything = theme_changed
            || changes.contains(&Change::Registry)
            || old_has_code != self.graph.has_code;
        let (paths, changed_slugs) = self.pages_to_render(&before, &content_slugs, everything);
        self.timings.lap("find the pages to render", &mut clock);
        let extra = if changes.contains(&Change::Static) || old_has_code != self.graph.has_code {
            self.static_files()
        } else {
            Vec::new()
        };
        let mut report = self.write_pages(&paths, &content_slugs, extra)?;
        self.timings.lap("render and write pages", &mut clock);
        // Feeds, sitemap, archive.json and the search index cover every meeting: they
        // are regenerated by `refresh_derived`, after the edited pages are written (and
        // after `serve` has told the browser to reload).
        self.derived_stale |= everything || !touched.is_empty() || !changed_slugs.is_empty();
        let removed = self.remove_vanished_pages(&before.pages)?;
        report.pages_removed = removed.len();
        if theme_changed {
            report.changed = None;
        } else if let Some(changed) = &mut report.changed {
            changed.extend(removed);
        }
        if old_has_code && !self.graph.has_code {
            // The last meeting with code left: its stylesheet goes too, as in a full build.
            let css = self.output.join("syntax.css");
            match std::fs::remove_file(&css) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(Error::io(&css, e))
                }
                _ => {}
            }
        }
        report.elapsed = started.elapsed();
        Ok(report)
    }

    /// The pages to render after an edit, and the meetings whose summary changed: pages
    /// showing a changed meeting, the edited meetings' own pages, pages whose per-year
    /// counts changed, and new pages (or every page).
    fn pages_to_render(
        &self,
        before: &Before,
        content_slugs: &BTreeSet<String>,
        everything: bool,
    ) -> (BTreeSet<String>, BTreeSet<String>) {
        let new_fingerprints = &self.fingerprints;
        let changed = |of: fn(&Fingerprint) -> u64| -> BTreeSet<String> {
            before
                .fingerprints
                .keys()
                .chain(new_fingerprints.keys())
                .filter(|slug| {
                    before.fingerprints.get(*slug).map(of) != new_fingerprints.get(*slug).map(of)
                })
                .map(|slug| slug.to_string())
                .collect()
        };
        let mut changed_slugs = changed(|f| f.shown);
        let mut changed_listings = changed(|f| f.listed);
        // A name respelled (an unregistered name as its oldest meeting now spells it)
        // changes the pages showing or listing a meeting naming it (a person's page lists
        // their meetings), and no fingerprint (they hold keys).
        let respelled = Spellings::of(&self.archive).respelled(&before.spellings);
        if !respelled.is_empty() {
            let naming: Vec<String> = (self.archive.meetings.iter())
                .filter(|m| respelled.named_by(m))
                .map(|m| m.slug.to_string())
                .collect();
            changed_slugs.extend(naming.iter().cloned());
            changed_listings.extend(naming);
        }
        let edited_pages: BTreeSet<String> = content_slugs
            .iter()
            .map(|s| crate::graph::meeting_path(s))
            .collect();
        let paths = self
            .graph
            .pages
            .iter()
            // A page the graph carried over shows nothing the edit changed.
            .filter(|page| everything || !page.carried_over)
            .filter(|page| {
                let was = before.pages.get(&page.path);
                everything
                    || was.is_none()
                    || edited_pages.contains(&page.path)
                    || page
                        .year_counts()
                        .is_some_and(|counts| before.year_counts.get(&page.path) != Some(&counts))
                    || changed_slugs
                        .iter()
                        .any(|s| page.depends_on(s) || was.is_some_and(|deps| deps.shows(s)))
                    || changed_listings
                        .iter()
                        .any(|s| page.lists(s) || was.is_some_and(|deps| deps.lists(s)))
            })
            .map(|p| p.path.clone())
            .collect();
        (paths, changed_slugs)
    }

    /// After an edit that keeps the same meetings (same files, same drafts; a date may
    /// change, see [`Site::follow_new_order`]) and brings no name, body or stylesheet into
    /// the site: the pages the edit can have changed in `archive` (the one assembled
    /// after it) — those that showed an edited meeting, and the pages of the edited
    /// meetings and of the organisations and people they now name; for a meeting whose
    /// date changed also the pages of the meetings of its body now before and after it,
    /// and its new year's decisions. The graph makes those anew and keeps the rest. None
    /// when the graph must be made anew.
    fn pages_to_renew(
        &self,
        archive: &Archive,
        touched: &BTreeSet<PathBuf>,
        previous: &BTreeMap<PathBuf, Option<Parsed>>,
        before: &Before,
    ) -> Option<(BTreeSet<String>, BTreeSet<usize>)> {
        if touched.is_empty() || self.sources.values().any(Result::is_err) {
            return None;
        }
        let mut edited = Vec::new();
        for path in touched {
            let (Some(Ok(after)), Some(Some(Ok(was)))) =
                (self.sources.get(path), previous.get(path))
            else {
                return None;
            };
            let (a, b) = (&after.meeting, &was.meeting);
            if a.draft != b.draft
                || !same_files_and_body(was, after)
                || !self.names_its_own(path, was, after)
            {
                return None;
            }
            edited.push((a.clone(), a.date != b.date));
        }
        let slugs: BTreeSet<&str> = edited.iter().map(|(m, _)| &*m.slug).collect();
        let mut renew: BTreeSet<String> = before
            .pages
            .iter()
            .filter(|(_, deps)| deps.names_any(&slugs))
            .map(|(path, _)| path.clone())
            .collect();
        let mut positions = BTreeSet::new();
        for (meeting, moved) in &edited {
            let &i = self.positions.get(&*meeting.slug)?;
            positions.insert(i);
            renew.insert(meeting_path(&meeting.slug));
            renew.extend(meeting.organisations_named().map(organisation_path));
            renew.extend(meeting.participants().map(|p| person_path(&p.person)));
            if *moved {
                // Its old neighbours and year showed it: they are renewed above.
                let (prev, next) = crate::graph::neighbours_of(&archive.meetings, i);
                let neighbours = [prev, next].into_iter().flatten();
                renew.extend(neighbours.map(|j| meeting_path(&archive.meetings[j].slug)));
                renew.insert(year_path("decisions", meeting.date.year()));
            }
        }
        Some((renew, positions))
    }

    /// Whether the unregistered names an edit of the meeting at `path` brought in or took
    /// out are its own: a name new to the archive (its page is new, and no other page
    /// names it) or one the archive already spells the same way (nothing about it
    /// changes), and a name no other meeting names (its page goes). A name other meetings
    /// share and this one no longer names may change its spelling on their pages (the
    /// first spelling is the one every page shows).
    fn names_its_own(&self, path: &Path, before: &ParsedMeeting, after: &ParsedMeeting) -> bool {
        let spelled_as_now = names_not_in(&after.new_people, &before.new_people)
            .all(|(key, name)| self.archive.people.get(key).is_none_or(|p| p.name == *name))
            && names_not_in(&after.new_organisations, &before.new_organisations).all(
                |(key, name)| (self.archive.organisations.get(key)).is_none_or(|o| o.name == *name),
            );
        let named_elsewhere = |key: &str, names: fn(&ParsedMeeting) -> &[(String, String)]| {
            self.sources.iter().any(|(other, parsed)| {
                other.as_path() != path
                    && parsed
                        .as_ref()
                        .is_ok_and(|p| names(p).iter().any(|(k, _)| k == key))
            })
        };
        spelled_as_now
            && !names_not_in(&before.new_people, &after.new_people)
                .any(|(key, _)| named_elsewhere(key, |p| &p.new_people))
            && !names_not_in(&before.new_organisations, &after.new_organisations)
                .any(|(key, _)| named_elsewhere(key, |p| &p.new_organisations))
    }

    /// Regenerates what covers the whole archive — feeds, sitemap, archive.json and the
    /// search index — if a rebuild changed any meeting, and writes the files whose bytes
    /// changed (see [`DerivedJob::run`]). Returns how many files were written, or None
    /// when nothing was stale.
    pub fn refresh_derived(&mut self) -> Result<Option<usize>> {
        self.derived_job().map(DerivedJob::run).transpose()
    }

    /// What [`Site::refresh_derived`] does, taken from the site as it is now so that it can
    /// run on another thread while `serve` goes on with the next edit; None when nothing is
    /// stale. The job carries a copy of the archive (its meetings are shared, not copied)
    /// and the sitemap, made now from the graph.
    pub fn derived_job(&mut self) -> Option<DerivedJob> {
        if !self.derived_stale {
            return None;
        }
        self.derived_stale = false;
        Some(DerivedJob {
            archive: self.archive.clone(),
            config: self.config.clone(),
            output: self.output.clone(),
            sitemap: crate::publish::sitemap_file(&self.graph, &self.config),
            kept: std::sync::Arc::clone(&self.derived),
        })
    }

    /// The fast path for the common edit: only the minutes' text of existing meetings
    /// changed — nothing that other pages, the site's files or the other meetings'
    /// parsing depend on (see `same_outside_its_page`). Swaps the meetings into the
    /// archive, refreshes their pages' data and replaces their warnings, without
    /// reassembling the archive or recomputing the graph. Warnings of the edited meeting
    /// (unregistered names, say) do not stop it. Returns false when the edit needs the
    /// full path.
    fn refresh_text_only(
        &mut self,
        touched: &BTreeSet<PathBuf>,
        previous: &BTreeMap<PathBuf, Option<Parsed>>,
    ) -> bool {
        // With any file in error (personal data in a public build is one) the full path
        // reports every problem.
        let in_error = |p: &Parsed| {
            p.as_ref()
                .map_or(true, |p| p.warnings.iter().any(Diagnostic::is_error))
        };
        if touched.is_empty() || self.sources.values().any(in_error) {
            return false;
        }
        let mut updates = Vec::new();
        for path in touched {
            let (Some(Ok(parsed)), Some(Some(Ok(before)))) =
                (self.sources.get(path), previous.get(path))
            else {
                return false;
            };
            let meeting = &audience_view(self.public_view.as_ref(), &parsed.meeting);
            let Some(&index) = self.positions.get(&*meeting.slug) else {
                return false;
            };
            let same = self.fingerprints.get(&*meeting.slug)
                == Some(&fingerprint(meeting, &self.archive))
                && self.archive.meetings[index].source == meeting.source
                && same_outside_its_page(before, parsed);
            if !same {
                return false;
            }
            updates.push((path.clone(), index));
        }
        for (path, index) in updates {
            let Some(Ok(parsed)) = self.sources.get(&path) else {
                unreachable!("checked above");
            };
            let meeting = audience_view(self.public_view.as_ref(), &parsed.meeting);
            self.archive.meetings[index] = meeting;
            crate::graph::renew_meeting_refs(&mut self.graph, &self.archive, index);
            self.replace_link_warnings(index);
        }
        self.graph_behind = false;
        true
    }

    /// After a quick update of the meeting at `index`: its links to missing meetings are
    /// checked again, in their place among the archive's warnings (its file's own
    /// warnings are read from the parsed file, see [`Site::warnings`]).
    fn replace_link_warnings(&mut self, index: usize) {
        let meeting = &self.archive.meetings[index];
        let known: BTreeSet<&str> = if meeting.internal_links.is_empty() {
            BTreeSet::new()
        } else {
            self.archive.meetings.iter().map(|m| &*m.slug).collect()
        };
        let links = crate::content::meeting::meeting_link_warnings(meeting, &known);
        // Link warnings come meeting by meeting in archive order: this meeting's are the
        // run of those from its file, or none, before the first of a later meeting.
        let position_of = |file: &Path| {
            self.positions
                .get(crate::content::meeting::slug_of(file).as_str())
                .map_or(usize::MAX, |&i| i)
        };
        let link_start = self.archive_warnings.len() - self.link_warnings;
        let segment = &self.archive_warnings[link_start..];
        let from = segment
            .iter()
            .position(|d| position_of(&d.file) >= index)
            .unwrap_or(segment.len());
        let to = from
            + segment[from..]
                .iter()
                .take_while(|d| d.file == meeting.source)
                .count();
        self.link_warnings = self.link_warnings - (to - from) + links.len();
        self.archive_warnings
            .splice(link_start + from..link_start + to, links);
    }

    /// The rendered pages whose HTML differs from what was last written (the others are
    /// not written again, so their modification times stay).
    fn changed_pages(&mut self, rendered: Vec<crate::render::Rendered>) -> Vec<OutputFile> {
        rendered
            .into_iter()
            .filter(|page| {
                let digest = hash(&page.html);
                self.written.insert(page.path.clone(), digest) != Some(digest)
            })
            .map(|page| OutputFile::Bytes {
                path: page.path,
                bytes: page.html,
            })
            .collect()
    }

    /// Renders and writes the pages of these meetings (after a text-only edit).
    fn write_meeting_pages(
        &mut self,
        slugs: &BTreeSet<String>,
        started: Instant,
    ) -> Result<RebuildReport> {
        let paths: BTreeSet<String> = slugs
            .iter()
            .map(|s| crate::graph::meeting_path(s))
            .collect();
        let mut report = self.write_pages(&paths, slugs, Vec::new())?;
        self.derived_stale = true;
        report.elapsed = started.elapsed();
        Ok(report)
    }

    /// Renders the pages at `paths`, and writes those whose HTML changed, the attachments
    /// of the meetings `slugs`, and `extra` files, straight into the output folder.
    fn write_pages(
        &mut self,
        paths: &BTreeSet<String>,
        slugs: &BTreeSet<String>,
        extra: Vec<OutputFile>,
    ) -> Result<RebuildReport> {
        let pages: Vec<&Page> = self
            .graph
            .pages
            .iter()
            .filter(|p| paths.contains(&p.path))
            .collect();
        let rendered_paths = pages.iter().map(|p| p.path.clone()).collect();
        // serve's passes carry the converted views over: most are the last pass's.
        let pass = RenderPass::carried_over();
        let rendered = self
            .renderer
            .render_all(&pass, &pages, &self.page_views())?;
        let pages_rendered = rendered.len();
        let mut files = self.changed_pages(rendered);
        let pages_written = files.len();
        let written = files.iter().map(|f| f.path().to_string()).collect();
        let attachments = self.attachment_files(Some(slugs));
        let files_copied = attachments.len();
        // Every open page reloads when a file a page may show (an attachment) or use (a
        // stylesheet) was written.
        let changed = (files_copied == 0 && extra.is_empty()).then_some(written);
        files.extend(attachments);
        files.extend(extra);
        write_in_place(&self.output, files)?;
        Ok(RebuildReport {
            pages_rendered,
            rendered: rendered_paths,
            pages_written,
            changed,
            files_copied,
            ..RebuildReport::default()
        })
    }

    /// After an edit that moved meetings in the archive (a date changed) and kept the same
    /// meetings: the last archive, its graph (which holds archive positions), the
    /// positions and the links' warnings (in archive order) put in the order of `archive`,
    /// so that the edited meetings' pages can be written first and the graph updated in
    /// part, as after an edit that leaves every meeting in its place.
    fn follow_new_order(&mut self, archive: &Archive) {
        let Some(reorder) = crate::graph::reorder::Reorder::between(&self.archive, archive) else {
            return;
        };
        self.archive.meetings = reorder.apply(std::mem::take(&mut self.archive.meetings));
        self.graph.renumber(&reorder);
        self.positions = meeting_positions(&self.archive);
        let positions = &self.positions;
        let link_start = self.archive_warnings.len() - self.link_warnings;
        // Stable: a meeting's warnings stay in the order they came in.
        self.archive_warnings[link_start..].sort_by_key(|d| {
            positions
                .get(crate::content::meeting::slug_of(&d.file).as_str())
                .map_or(usize::MAX, |&i| i)
        });
    }

    /// The edited meetings' own pages (`slugs`), made from the assembled `archive` and
    /// written before the graph is made anew (see [`Site::rebuild_with`]): only when every
    /// meeting is where it was (the graph's pages hold archive positions; an edit that
    /// moved meetings has put them in the new order, see [`Site::follow_new_order`]) and
    /// the pages' stylesheets stay as they were. None when that does not hold, or no page
    /// changed.
    fn write_edited_first(
        &mut self,
        archive: &Archive,
        slugs: &BTreeSet<String>,
        started: Instant,
    ) -> Result<Option<RebuildReport>> {
        let in_place = archive.meetings.len() == self.archive.meetings.len()
            && (archive.meetings.iter())
                .zip(&self.archive.meetings)
                .all(|(a, b)| a.slug == b.slug);
        let has_code = archive.meetings.iter().any(|m| m.has_code);
        // A failed graph build leaves an empty graph, which holds no meeting's views.
        let graph_whole = self.graph.kept.meetings.len() == archive.meetings.len();
        if !in_place || !graph_whole || has_code != self.graph.has_code {
            return Ok(None);
        }
        let mut pages = Vec::new();
        for slug in slugs {
            if let Some(&index) = self.positions.get(slug.as_str()) {
                let strings = &self.theme.strings;
                let page =
                    crate::graph::preview_meeting_page(&mut self.graph, archive, index, strings)?;
                pages.push(page);
            }
        }
        if pages.is_empty() {
            return Ok(None);
        }
        let pass = RenderPass::carried_over();
        let views = crate::graph::PageViews::new(archive, &self.graph);
        let rendered =
            (self.renderer).render_all(&pass, &pages.iter().collect::<Vec<_>>(), &views)?;
        // The views borrow the graph, which recording the pages' hashes borrows mutably.
        drop(views);
        let pages_rendered = rendered.len();
        let rendered_paths = rendered.iter().map(|r| r.path.clone()).collect();
        let files = self.changed_pages(rendered);
        if files.is_empty() {
            return Ok(None);
        }
        let written: Vec<String> = files.iter().map(|f| f.path().to_string()).collect();
        write_in_place(&self.output, files)?;
        Ok(Some(RebuildReport {
            pages_rendered,
            rendered: rendered_paths,
            pages_written: written.len(),
            changed: Some(written),
            elapsed: started.elapsed(),
            ..RebuildReport::default()
        }))
    }

    fn reload_everything(&mut self, started: Instant) -> Result<RebuildReport> {
        let fresh = Site::load(&self.options)?;
        *self = fresh;
        self.write_all(crate::commands::site::WriteMode::Track)?;
        let pages = self.graph.pages.len();
        Ok(RebuildReport {
            pages_rendered: pages,
            pages_written: pages,
            full: true,
            elapsed: started.elapsed(),
            ..RebuildReport::default()
        })
    }

    fn reload_registry(&mut self) -> Result<()> {
        let read = |name: &str| {
            let path = self.options.root.join(CONTENT_DIR).join(name);
            path.exists()
                .then(|| read_source(&self.options.root, &path))
        };
        let organisations = read("organisations.yaml").transpose();
        let people = read("people.yaml").transpose();
        let (organisations, people) = match (organisations, people) {
            (Ok(o), Ok(p)) => (o, p),
            (Err(d), _) | (_, Err(d)) => return Err(Error::single(d)),
        };
        match Registry::from_files(organisations.as_ref(), people.as_ref()) {
            Ok(registry) => {
                self.registry = registry;
                self.registry_problems.clear();
            }
            Err(problems) => self.registry_problems = problems,
        }
        let paths: Vec<PathBuf> = self.sources.keys().cloned().collect();
        for path in paths {
            self.reparse(&path);
        }
        Ok(())
    }

    /// Re-reads one meeting file; a deleted file leaves the site.
    fn reparse(&mut self, path: &Path) {
        let full = self.options.root.join(path);
        if !full.is_file() {
            self.sources.remove(path);
            return;
        }
        let parsed = read_source(&self.options.root, &full)
            .map_err(|d| vec![d])
            .and_then(|file| {
                parse_checked(&file, &self.config, &self.registry, self.compress_items)
            });
        self.sources
            .insert(relative(&self.options.root, &full), parsed);
    }

    fn remove_vanished_pages(
        &mut self,
        old_pages: &HashMap<String, Dependencies>,
    ) -> Result<Vec<String>> {
        let current: rustc_hash::FxHashSet<&str> =
            self.graph.pages.iter().map(|p| p.path.as_str()).collect();
        let mut removed = Vec::new();
        for path in old_pages.keys().filter(|p| !current.contains(p.as_str())) {
            let file = self.output.join(file_for(path));
            match std::fs::remove_file(&file) {
                Ok(()) => removed.push(path.clone()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::io(&file, e)),
            }
            self.written.remove(path);
            if let Some(folder) = file.parent() {
                let _ = std::fs::remove_dir(folder);
            }
        }
        Ok(removed)
    }
}

/// Feeds, sitemap, archive.json and the search index of one state of the site (see
/// [`Site::derived_job`]).
pub struct DerivedJob {
    archive: crate::content::model::Archive,
    config: crate::base::config::SiteConfig,
    output: PathBuf,
    sitemap: OutputFile,
    /// The hashes of the derived files last written and what the search index read,
    /// shared with the site and its later jobs.
    kept: std::sync::Arc<std::sync::Mutex<Derived>>,
}

impl DerivedJob {
    /// Makes every feed, part of archive.json and search file, and writes those whose
    /// bytes changed since they were last written (known by their hashes: reading
    /// thousands of files back to compare took longer than making them), over the old
    /// files in place ([`crate::publish::output::overwrite_one`]). Returns how many files
    /// were written. After a failed write every file is written at the next run.
    pub fn run(self) -> Result<usize> {
        let mut kept = self.kept.lock().expect("no job panics holding it");
        let Derived {
            written,
            search,
            export,
        } = &mut *kept;
        // Two independent halves, on both cores.
        let (mut files, index) = rayon::join(
            || crate::publish::feed_files(&self.archive, &self.config, Some(export)),
            || crate::publish::search::refresh_index(&self.output, &self.archive, search),
        );
        files.push(self.sitemap);
        files.extend(index?);
        let hashed: Vec<(Option<u64>, OutputFile)> = files
            .into_par_iter()
            .map(|file| (file.contents().map(hash), file))
            .collect();
        let mut now_written = HashMap::with_capacity(hashed.len());
        let mut changed = Vec::new();
        for (digest, file) in hashed {
            let path = file.path().to_string();
            if digest.is_none_or(|d| written.get(&path) != Some(&d)) {
                changed.push(file);
            }
            if let Some(digest) = digest {
                now_written.insert(path, digest);
            }
        }
        let count = changed.len();
        // Forgotten until written: after a failed write, every file is made and written
        // next time.
        written.clear();
        let wrote = changed
            .into_par_iter()
            .try_for_each(|file| crate::publish::output::overwrite_one(&self.output, file));
        if wrote.is_err() {
            export.clear();
        }
        wrote?;
        *written = now_written;
        // The part of a year left without meetings goes.
        let parts: BTreeSet<String> = (self.archive.meetings.iter())
            .map(|m| crate::publish::archive_json::part_file(chrono::Datelike::year(&m.date)))
            .collect();
        let parts_dir = crate::publish::archive_json::ARCHIVE_PARTS_DIR;
        remove_other_files(&self.output.join(parts_dir), &parts)?;
        Ok(count)
    }
}

/// The names (key and spelling) of `these` that `those` does not have, or spells
/// otherwise.
fn names_not_in<'a>(
    these: &'a [(String, String)],
    those: &'a [(String, String)],
) -> impl Iterator<Item = &'a (String, String)> {
    these.iter().filter(|name| !those.contains(name))
}

/// Whether an edit of a meeting changed nothing outside its own page beyond what
/// the fingerprints cover: the names it brings into the archive (the first
/// spelling of an unregistered name is the one every page shows), its body's name, its
/// attachments (files to copy) and whether it has code (every page links syntax.css
/// then).
fn same_outside_its_page(before: &ParsedMeeting, after: &ParsedMeeting) -> bool {
    same_files_and_body(before, after)
        && before.new_people == after.new_people
        && before.new_organisations == after.new_organisations
}

/// [`same_outside_its_page`] but for the names it brings into the archive.
fn same_files_and_body(before: &ParsedMeeting, after: &ParsedMeeting) -> bool {
    let (b, a) = (&before.meeting, &after.meeting);
    b.slug == a.slug
        && b.has_code == a.has_code
        && b.attachments == a.attachments
        && before.body_name == after.body_name
}

/// Removes the files in `folder` whose names `keep` does not hold, and the folder when
/// that leaves it empty.
fn remove_other_files(folder: &Path, keep: &BTreeSet<String>) -> Result<()> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(folder, e)),
    };
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(folder, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !keep.contains(&name) {
            std::fs::remove_file(entry.path()).map_err(|e| Error::io(&entry.path(), e))?;
        }
    }
    if keep.is_empty() {
        let _ = std::fs::remove_dir(folder);
    }
    Ok(())
}

/// Writes files straight into the output folder (used by `serve` for small updates).
fn write_in_place(output: &Path, files: Vec<OutputFile>) -> Result<()> {
    files
        .into_par_iter()
        .try_for_each(|file| crate::publish::output::write_one(output, file))
}

/// What the site graph showed before an edit: each page's meetings and per-year counts,
/// and each meeting's summary fingerprint.
struct Before {
    pages: HashMap<String, Dependencies>,
    year_counts: HashMap<String, Vec<(i32, Option<usize>)>>,
    fingerprints: HashMap<Slug, Fingerprint>,
    has_code: bool,
    /// The names people and organisations had.
    spellings: Spellings,
}

/// The meetings a page showed and listed before an edit (see [`Page::meetings`] and
/// [`Page::listed`]).
struct Dependencies {
    shown: Option<std::sync::Arc<[Slug]>>,
    listed: std::sync::Arc<[Slug]>,
}

impl Dependencies {
    /// Whether the page showed the meeting `slug` (an index page shows all).
    fn shows(&self, slug: &str) -> bool {
        self.shown
            .as_ref()
            .is_some_and(|slugs| crate::graph::page::names(slugs, slug))
    }

    /// Whether the page listed the meeting `slug`.
    fn lists(&self, slug: &str) -> bool {
        crate::graph::page::names(&self.listed, slug)
    }

    /// Whether the page showed or listed any of these meetings by name (an index page,
    /// which shows every meeting, names none).
    fn names_any(&self, slugs: &BTreeSet<&str>) -> bool {
        slugs
            .iter()
            .any(|slug| self.shows(slug) || self.lists(slug))
    }
}

impl Before {
    fn of(site: &Site) -> Before {
        let pages = &site.graph.pages;
        Before {
            pages: pages
                .iter()
                .map(|p| {
                    let deps = Dependencies {
                        shown: p.meetings.clone(),
                        listed: p.listed.clone(),
                    };
                    (p.path.clone(), deps)
                })
                .collect(),
            year_counts: pages
                .iter()
                .filter_map(|p| Some((p.path.clone(), p.year_counts()?)))
                .collect(),
            fingerprints: site.fingerprints.clone(),
            has_code: site.graph.has_code,
            spellings: Spellings::of(&site.archive),
        }
    }
}
