//! `serve`'s incremental rebuilds give the same site as a full build: a small fixture site
//! (registered and unregistered names, so most meetings have warnings) goes through a
//! seeded sequence of random edits, each applied through `Site::rebuild` and
//! `Site::refresh_derived` as `serve` applies it, and after each edit the output folder
//! must be byte-identical to a fresh full build of the same content into another folder,
//! and the warnings those of a fresh load; once for the internal site, once for a public
//! one where only one person may be named. `QUORUM_INCREMENTAL_SEED` and
//! `QUORUM_INCREMENTAL_STEPS` pick another sequence.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::snapshot;
use quorum::internals::Site;
use quorum::BuildOptions;

/// A tiny PRNG (SplitMix64): reproducible edits without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Names as the minutes write them: the first two are in people.yaml (at first), the
/// others are not, and give warnings.
const PEOPLE: [&str; 5] = [
    "Anna Berg, SKR",
    "Per Lund, FoHM",
    "Lisa Holm, Tanums kommun",
    "Okänd Person",
    "Karl Ek, SKR",
];

/// Unregistered people of unregistered organisations that only attendee edits bring in:
/// new to the archive the first time, shared once two meetings name them, and gone with
/// the last meeting that names them.
const GUESTS: [&str; 2] = ["Vera Gäst, Nykommuns förvaltning", "Olof Besök, Annan ort"];

/// A meeting as the test writes it.
#[derive(Clone, Debug)]
struct MeetingText {
    /// The date in its file name (and slug).
    date: String,
    /// The date in its front matter when an edit moved it from the file name's.
    moved_to: Option<String>,
    name: String,
    title: Option<String>,
    attendees: Vec<&'static str>,
    intro: String,
    items: Vec<ItemText>,
}

#[derive(Clone, Debug)]
struct ItemText {
    title: String,
    presenter: Option<&'static str>,
    text: String,
    decisions: Vec<String>,
    /// Actions ("Anna Berg ska … senast …"), follow-ups of earlier meetings' actions (their
    /// ids) and references `[[…]]` to other meetings.
    actions: Vec<String>,
    follow_ups: Vec<String>,
    references: Vec<String>,
}

impl MeetingText {
    fn path(&self) -> String {
        format!("content/{}/{}-{}.md", &self.date[..4], self.date, self.name)
    }

    fn slug(&self) -> String {
        format!("{}-{}", self.date, self.name)
    }

    /// The date it was held (its front matter's).
    fn held(&self) -> &str {
        self.moved_to.as_deref().unwrap_or(&self.date)
    }

    /// The ids of its actions: `<slug>/<item>-<n>` (items are numbered in order).
    fn action_ids(&self) -> Vec<String> {
        let mut ids = Vec::new();
        for (i, item) in self.items.iter().enumerate() {
            for n in 1..=item.actions.len() {
                ids.push(format!("{}/{}-{n}", self.slug(), i + 1));
            }
        }
        ids
    }

    fn render(&self) -> String {
        let mut s = String::from("---\n");
        if let Some(title) = &self.title {
            s += &format!("title: {title}\n");
        }
        s += &format!("body: Rådet\norganiser: skr\ndate: {}\n", self.held());
        if !self.attendees.is_empty() {
            s += "attendees:\n";
            for a in &self.attendees {
                s += &format!("  - {a}\n");
            }
        }
        s += &format!("---\n\n{}\n", self.intro);
        for item in &self.items {
            match item.presenter {
                Some(p) => s += &format!("\n## {} ({p})\n\n{}\n", item.title, item.text),
                None => s += &format!("\n## {}\n\n{}\n", item.title, item.text),
            }
            for d in &item.decisions {
                s += &format!("\nBeslut: {d}\n");
            }
            for a in &item.actions {
                s += &format!("\nÅtgärd: {a}\n");
            }
            for id in &item.follow_ups {
                s += &format!("\nUppföljning: {id} klar\n");
            }
            for target in &item.references {
                s += &format!("\nSe [[{target}]].\n");
            }
        }
        s
    }
}

/// The site's content: meetings by path, and the people register.
struct Content {
    meetings: BTreeMap<String, MeetingText>,
    /// (key, name, organisation) in people.yaml.
    people: Vec<(String, String, String)>,
    counter: usize,
}

impl Content {
    fn people_yaml(&self) -> String {
        let mut s = String::new();
        for (key, name, org) in &self.people {
            s += &format!("{key}:\n  name: {name}\n  organisation: {org}\n");
            // Only Anna Berg may be named in a public build (`named = "only-marked"`).
            if key == "anna-berg" {
                s += "  public: true\n";
            }
            s += "\n";
        }
        s
    }

    fn fresh(&mut self) -> usize {
        self.counter += 1;
        self.counter
    }

    fn new_meeting(&mut self, rng: &mut Rng) -> MeetingText {
        let n = self.fresh();
        let year = 2020 + rng.below(3);
        let date = format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28));
        let items = (0..1 + rng.below(3))
            .map(|i| ItemText {
                title: format!("Punkt {i} av möte {n}"),
                presenter: (rng.below(2) == 0).then(|| *rng.pick(&PEOPLE)),
                text: format!("Text {n}.{i}."),
                decisions: if rng.below(2) == 0 {
                    vec![format!("Rådet beslutar {n}.{i}.")]
                } else {
                    Vec::new()
                },
                actions: Vec::new(),
                follow_ups: Vec::new(),
                references: Vec::new(),
            })
            .collect();
        MeetingText {
            date,
            moved_to: None,
            name: format!("radet-{n}"),
            title: (rng.below(2) == 0).then(|| format!("Möte nummer {n}")),
            attendees: (0..rng.below(4)).map(|_| *rng.pick(&PEOPLE)).collect(),
            intro: format!("Inledning {n}."),
            items,
        }
    }
}

const ORGANISATIONS: &str = "skr:\n  name: Sveriges Kommuner och Regioner\n  short: SKR\nfohm:\n  name: Folkhälsomyndigheten\n  short: FoHM\n";

/// Removes the follow-ups and references that `gone` says no longer resolve, from every
/// meeting; returns the meetings changed.
fn purge(content: &mut Content, gone: impl Fn(&str) -> bool) -> Vec<MeetingText> {
    let mut changed = Vec::new();
    for m in content.meetings.values_mut() {
        let mut touched = false;
        for item in &mut m.items {
            let before = item.follow_ups.len() + item.references.len();
            item.follow_ups.retain(|id| !gone(id));
            item.references.retain(|t| !gone(t));
            touched |= before != item.follow_ups.len() + item.references.len();
        }
        if touched {
            changed.push(m.clone());
        }
    }
    changed
}

/// One random edit; writes the files it changes and returns their paths.
fn edit(content: &mut Content, rng: &mut Rng, root: &Path) -> (String, Vec<PathBuf>) {
    let paths: Vec<String> = content.meetings.keys().cloned().collect();
    let target = rng.pick(&paths).clone();
    let kind = rng.below(14);
    let write_meeting = |m: &MeetingText| {
        let path = root.join(m.path());
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, m.render()).unwrap();
        path
    };
    let n = content.fresh();
    let m = content.meetings.get_mut(&target).unwrap();
    let what = match kind {
        // Text-only edits: plain text, a link to another meeting (or to none), a code
        // block (the site's syntax.css follows the first one).
        0 => {
            m.intro = format!("Inledning, redigerad {n}.");
            "text-only edit"
        }
        1 => {
            let other = rng.pick(&paths).clone();
            let slug = Path::new(&other).file_stem().unwrap().to_string_lossy();
            let year = &slug[..4];
            let link = if rng.below(2) == 0 {
                format!("[se även](../{year}/{slug}.md)")
            } else {
                format!("[se även](../{year}/{year}-01-01-finns-inte-{n}.md)")
            };
            let item = rng.below(m.items.len());
            m.items[item].text = format!("Text med länk {n}: {link}.");
            "text-only edit with a link"
        }
        2 => {
            let item = rng.below(m.items.len());
            m.items[item].text = if m.items[item].text.contains("```") {
                format!("Utan kod {n}.")
            } else {
                format!("Kod {n}:\n\n```rust\nfn main() {{}}\n```")
            };
            "text-only edit with or without code"
        }
        3 => {
            m.title = Some(format!("Ny titel {n}"));
            "title change"
        }
        4 => {
            let item = rng.below(m.items.len());
            let decisions = &mut m.items[item].decisions;
            if decisions.is_empty() || rng.below(2) == 0 {
                if rng.below(3) == 0 {
                    // A decision that gives Per Lund a task: also an action, unless the
                    // item writes its own.
                    decisions.push(format!("Per Lund ska utreda fråga {n}."));
                    "decision giving a task added"
                } else {
                    decisions.push(format!("Rådet beslutar nytt {n}."));
                    "decision added"
                }
            } else {
                decisions.pop();
                "decision removed"
            }
        }
        5 => {
            if m.attendees.is_empty() || rng.below(2) == 0 {
                let who = if rng.below(2) == 0 {
                    &GUESTS[..]
                } else {
                    &PEOPLE[..]
                };
                m.attendees.push(*rng.pick(who));
                "attendee added"
            } else {
                m.attendees.remove(rng.below(m.attendees.len()));
                "attendee removed"
            }
        }
        6 => {
            let meeting = content.new_meeting(rng);
            let path = write_meeting(&meeting);
            content.meetings.insert(meeting.path(), meeting);
            return ("meeting added".into(), vec![path]);
        }
        7 if paths.len() > 1 => {
            let removed = content.meetings.remove(&target).unwrap();
            let path = root.join(&target);
            std::fs::remove_file(&path).unwrap();
            let prefix = removed.slug();
            let mut paths = vec![path];
            for m in purge(content, |t| t.starts_with(&prefix)) {
                paths.push(write_meeting(&m));
            }
            return ("meeting removed".into(), paths);
        }
        10 => {
            let item = rng.below(m.items.len());
            let slug = m.slug();
            let actions = &mut m.items[item].actions;
            if actions.is_empty() || rng.below(3) > 0 {
                let who = rng.pick(&["Anna Berg", "Per Lund", "Okänd Person", "SKR"]);
                let due = rng.pick(&[
                    "senast 2021-06-30",
                    "till nästa möte",
                    "by 1 March 2022",
                    "",
                ]);
                actions.push(format!("{who} ska göra uppgift {n} {due}."));
                "action added"
            } else {
                let id = format!("{slug}/{}-{}", item + 1, actions.len());
                actions.pop();
                let m = m.clone();
                let mut paths = vec![write_meeting(&m)];
                for other in purge(content, |t| t == id) {
                    paths.push(write_meeting(&other));
                }
                return ("action removed".into(), paths);
            }
        }
        11 => {
            // A follow-up of an earlier meeting's action, or of none when there is none.
            let date = m.held().to_string();
            let earlier: Vec<String> = content
                .meetings
                .values()
                .filter(|other| *other.held() < *date)
                .flat_map(MeetingText::action_ids)
                .collect();
            let m = content.meetings.get_mut(&target).unwrap();
            if earlier.is_empty() {
                m.intro = format!("Inledning utan uppföljning {n}.");
                "no action to follow up"
            } else {
                let item = rng.below(m.items.len());
                m.items[item].follow_ups.push(rng.pick(&earlier).clone());
                "follow-up added"
            }
        }
        12 => {
            let other = content.meetings[rng.pick(&paths)].slug();
            let m = content.meetings.get_mut(&target).unwrap();
            let item = rng.below(m.items.len());
            let references = &mut m.items[item].references;
            if !references.is_empty() && rng.below(3) == 0 {
                references.pop();
                "reference removed"
            } else {
                references.push(if rng.below(2) == 0 {
                    other
                } else {
                    format!("{other}#1")
                });
                "reference added"
            }
        }
        13 => {
            // The date in the front matter changed (the file keeps its name): the meeting
            // moves in the archive, perhaps to another year. Not when that would put a
            // follow-up before the action it follows up (an error).
            let moved_to = format!(
                "202{}-{:02}-{:02}",
                rng.below(3),
                1 + rng.below(12),
                1 + rng.below(28)
            );
            let slug = m.slug();
            let follows: Vec<String> = (m.items.iter())
                .flat_map(|item| item.follow_ups.clone())
                .collect();
            let ours = m.action_ids();
            let still_in_order = content.meetings.values().all(|other| {
                let follows_ours = (other.items.iter())
                    .flat_map(|item| &item.follow_ups)
                    .any(|id| ours.contains(id));
                let followed = (other.action_ids().iter()).any(|id| follows.contains(id));
                other.slug() == slug
                    || (!follows_ours || *other.held() > *moved_to)
                        && (!followed || *other.held() < *moved_to)
            });
            let m = content.meetings.get_mut(&target).unwrap();
            if still_in_order {
                m.moved_to = Some(moved_to);
                "date moved"
            } else {
                m.intro = format!("Inledning, datum kvar {n}.");
                "date kept (its follow-ups would come first)"
            }
        }
        _ => {
            // The register: rename someone, or register or unregister Lisa Holm.
            let holm = content.people.iter().position(|p| p.0 == "lisa-holm");
            let what = match (rng.below(2), holm) {
                (0, _) => {
                    let who = rng.below(content.people.len());
                    content.people[who].1 = format!("{} {n}", content.people[who].1);
                    "registry: a person renamed"
                }
                (_, Some(i)) => {
                    content.people.remove(i);
                    "registry: a person unregistered"
                }
                (_, None) => {
                    content
                        .people
                        .push(("lisa-holm".into(), "Lisa Holm".into(), "skr".into()));
                    "registry: a person registered"
                }
            };
            let path = root.join("content/people.yaml");
            std::fs::write(&path, content.people_yaml()).unwrap();
            return (what.into(), vec![path]);
        }
    };
    let m = content.meetings[&target].clone();
    (what.into(), vec![write_meeting(&m)])
}

/// Paths (relative to `a` and `b`) whose bytes differ, or that only one holds.
fn differences(a: &Path, b: &Path) -> Vec<String> {
    let (left, right) = (snapshot(a), snapshot(b));
    let mut paths: Vec<&PathBuf> = left.keys().chain(right.keys()).collect();
    paths.sort();
    paths.dedup();
    paths
        .into_iter()
        .filter(|p| left.get(*p) != right.get(*p))
        .map(|p| match (left.get(p), right.get(p)) {
            (Some(l), Some(r)) => {
                let at = l.iter().zip(r).take_while(|(x, y)| x == y).count();
                let around = |bytes: &[u8]| {
                    String::from_utf8_lossy(
                        &bytes[at.saturating_sub(80)..(at + 80).min(bytes.len())],
                    )
                    .into_owned()
                };
                format!(
                    "{} differs at byte {at}:\n  incremental: {:?}\n  full:        {:?}",
                    p.display(),
                    around(l),
                    around(r)
                )
            }
            (Some(_), None) => format!("{} only in the incremental output", p.display()),
            _ => format!("{} only in the full build", p.display()),
        })
        .collect()
}

/// Folders (relative) under `dir`: a meeting removed must not leave its folder behind.
fn folders(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_dir())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
        .collect()
}

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .map_or(default, |v| v.parse().expect("a number"))
}

#[test]
fn incremental_rebuilds_after_random_edits_equal_a_full_build() {
    edit_and_compare("");
}

/// The same for a site built for the public where only Anna Berg may be named: the
/// quick path and the registry edits mask as a full build does.
#[test]
fn incremental_public_rebuilds_after_random_edits_equal_a_full_build() {
    edit_and_compare("[audience]\ndefault = \"public\"\nnamed = \"only-marked\"\n");
}

/// Applies the seeded edits to a new fixture site with `site_toml` added to its
/// configuration, comparing after each edit.
fn edit_and_compare(site_toml: &str) {
    let seed = env_or("QUORUM_INCREMENTAL_SEED", 23);
    let steps = env_or("QUORUM_INCREMENTAL_STEPS", 40);
    let mut rng = Rng(seed);
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    let mut content = Content {
        meetings: BTreeMap::new(),
        people: vec![
            ("anna-berg".into(), "Anna Berg".into(), "skr".into()),
            ("per-lund".into(), "Per Lund".into(), "fohm".into()),
        ],
        counter: 0,
    };
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(
        root.join("site.toml"),
        format!("title = \"Rådets arkiv\"\nbase_url = \"https://arkiv.example/\"\n{site_toml}"),
    )
    .unwrap();
    std::fs::write(root.join("content/organisations.yaml"), ORGANISATIONS).unwrap();
    std::fs::write(root.join("content/people.yaml"), content.people_yaml()).unwrap();
    for _ in 0..5 {
        let meeting = content.new_meeting(&mut rng);
        let path = root.join(meeting.path());
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, meeting.render()).unwrap();
        content.meetings.insert(meeting.path(), meeting);
    }

    let (served, mut serving) = served_build(root);
    assert!(
        !serving.warnings().is_empty(),
        "the fixture has unregistered names"
    );

    let mut log = Vec::new();
    let mut written_first = 0;
    for step in 0..steps {
        let (what, paths) = edit(&mut content, &mut rng, root);
        log.push(format!("{step}: {what} ({})", paths[0].display()));
        let is_meeting = paths[0].extension().is_some_and(|e| e == "md");
        let broken_first = is_meeting && paths[0].exists() && rng.below(6) == 0;
        if broken_first {
            // The secretary saves a broken file first: the rebuild fails and leaves the
            // site as it was; the next save is measured against the last good build.
            let good = std::fs::read_to_string(&paths[0]).unwrap();
            std::fs::write(&paths[0], format!("---\ntitle: [trasig\n{good}")).unwrap();
            assert!(serving.rebuild(&paths).is_err(), "seed {seed}, step {step}");
            std::fs::write(&paths[0], good).unwrap();
            log.push(format!("{step}: saved broken first"));
        }
        // The pages written first (the edited meeting's) as they were when written.
        let mut first_pages: Vec<(PathBuf, Vec<u8>)> = Vec::new();
        serving
            .rebuild_with(&paths, &mut |first| {
                for page in first.changed.as_deref().unwrap_or_default() {
                    let file = served
                        .path()
                        .join(page.trim_start_matches('/'))
                        .join("index.html");
                    first_pages.push((file.clone(), std::fs::read(file).unwrap()));
                }
            })
            .unwrap_or_else(|e| panic!("seed {seed}, the rebuild fails: {e}\n{}", log.join("\n")));
        written_first += first_pages.len();
        for (file, bytes) in first_pages {
            assert!(
                std::fs::read(&file).unwrap() == bytes,
                "seed {seed}, step {step}: {} was written first as it is not after the rebuild\n{}",
                file.display(),
                log.join("\n")
            );
        }
        // After a failed rebuild the archive is assembled again in full.
        if what == "text-only edit" && !broken_first {
            // Unregistered names give most meetings warnings: they do not stop the quick
            // path, which does not reassemble the archive.
            let steps: Vec<&str> = serving.timings.0.iter().map(|(step, _)| *step).collect();
            assert!(
                !steps.contains(&"assemble the archive"),
                "seed {seed}, step {step}: a text-only edit took the full path: {steps:?}"
            );
        }
        serving.refresh_derived().unwrap();

        let (full_output, full) = full_build(root);
        let differ = differences(served.path(), full_output.path());
        assert!(
            differ.is_empty(),
            "seed {seed}, after the edits\n{}\n\n{}",
            log.join("\n"),
            differ.join("\n")
        );
        assert_eq!(
            folders(served.path()),
            folders(full_output.path()),
            "seed {seed}, after the edits\n{}",
            log.join("\n")
        );
        assert_eq!(
            serving.warnings(),
            full.warnings(),
            "seed {seed}, the warnings after the edits\n{}",
            log.join("\n")
        );
    }
    assert!(
        written_first > 0 || steps < 20,
        "seed {seed}: no edit wrote its meeting's page first\n{}",
        log.join("\n")
    );
}

/// Whether the last rebuild updated the graph in part (see `graph::scope`).
fn graph_kept_pages(site: &Site) -> bool {
    site.timings
        .0
        .iter()
        .any(|(step, _)| *step == "compute the site graph, keeping unchanged pages")
}

/// Edits that keep every meeting in place and leave the follow-up as it was (a decision
/// added, a title changed, a registered attendee added, a person new to the archive added
/// and removed, an unregistered person another meeting names added, a date moved past
/// other meetings and into another year) update the graph in part: the
/// pages of the meetings, organisations and people the edit cannot have changed are kept.
/// The result must still equal a full build.
#[test]
fn edits_that_keep_meetings_in_place_update_the_graph_in_part() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    let meeting = |n: usize, title: &str, attendees: &str, decisions: &str| {
        format!(
            "---\ntitle: {title}\nbody: Rådet\norganiser: skr\ndate: 2024-0{n}-10\nattendees:\n{attendees}---\n\n## 1. Läget (Anna Berg, SKR)\n\nText {n}.\n{decisions}"
        )
    };
    std::fs::create_dir_all(root.join("content/2024")).unwrap();
    std::fs::write(root.join("site.toml"), "title = \"Arkiv\"\n").unwrap();
    std::fs::write(root.join("content/organisations.yaml"), ORGANISATIONS).unwrap();
    std::fs::write(
        root.join("content/people.yaml"),
        "anna-berg:\n  name: Anna Berg\n  organisation: skr\nper-lund:\n  name: Per Lund\n  organisation: fohm\n",
    )
    .unwrap();
    for n in 1..=3 {
        let text = meeting(
            n,
            &format!("Möte {n}"),
            "  - Anna Berg, SKR\n",
            "\nBeslut: Ja.\n",
        );
        std::fs::write(
            root.join(format!("content/2024/2024-0{n}-10-radet.md")),
            text,
        )
        .unwrap();
    }
    // Meeting 3 names a person and an organisation no registry has.
    let guest = "  - Anna Berg, SKR\n  - Ebba Ek, Okänd kommun\n";
    std::fs::write(
        root.join("content/2024/2024-03-10-radet.md"),
        meeting(3, "Möte 3", guest, "\nBeslut: Ja.\n"),
    )
    .unwrap();
    let (served, mut serving) = served_build(root);
    let edited = root.join("content/2024/2024-02-10-radet.md");
    let edits = [
        (
            "a decision added",
            meeting(
                2,
                "Möte 2",
                "  - Anna Berg, SKR\n",
                "\nBeslut: Ja.\n\nBeslut: Nej.\n",
            ),
        ),
        (
            "a title changed",
            meeting(2, "Nytt namn", "  - Anna Berg, SKR\n", "\nBeslut: Ja.\n"),
        ),
        (
            "an attendee added",
            meeting(
                2,
                "Nytt namn",
                "  - Anna Berg, SKR\n  - Per Lund, FoHM\n",
                "\nBeslut: Ja.\n",
            ),
        ),
        (
            "a person new to the archive added, of an organisation new to it",
            meeting(
                2,
                "Nytt namn",
                "  - Anna Berg, SKR\n  - Vera Gäst, Nykommun\n",
                "\nBeslut: Ja.\n",
            ),
        ),
        (
            "the person that no other meeting names removed",
            meeting(2, "Nytt namn", "  - Anna Berg, SKR\n", "\nBeslut: Ja.\n"),
        ),
        (
            "an unregistered person and organisation added, spelled as the archive spells them",
            meeting(2, "Nytt namn", guest, "\nBeslut: Ja.\n"),
        ),
        (
            "the date moved past the next meeting",
            meeting(2, "Nytt namn", guest, "\nBeslut: Ja.\n")
                .replace("date: 2024-02-10", "date: 2024-03-20"),
        ),
        (
            "the date moved into the year before, before every meeting",
            meeting(2, "Nytt namn", guest, "\nBeslut: Ja.\n")
                .replace("date: 2024-02-10", "date: 2023-12-01"),
        ),
        (
            "the date moved back",
            meeting(2, "Nytt namn", guest, "\nBeslut: Ja.\n"),
        ),
    ];
    for (what, text) in edits {
        std::fs::write(&edited, text).unwrap();
        let mut written_first = Vec::new();
        serving
            .rebuild_with(std::slice::from_ref(&edited), &mut |first| {
                written_first = first.changed.clone().unwrap_or_default();
            })
            .unwrap();
        assert!(
            graph_kept_pages(&serving),
            "{what}: {:?}",
            serving.timings.0
        );
        assert_eq!(
            written_first,
            ["/meetings/2024-02-10-radet/"],
            "{what}: the edited meeting's page is written first"
        );
        serving.refresh_derived().unwrap();
        let (full_output, _) = full_build(root);
        let differ = differences(served.path(), full_output.path());
        assert!(differ.is_empty(), "{what}:\n{}", differ.join("\n"));
    }
}

/// The site at `root` built as `serve` builds it (keeping what its rebuilds need) into a
/// new temp folder.
fn served_build(root: &Path) -> (tempfile::TempDir, Site) {
    build_into_temp(root, quorum::internals::WriteMode::Track)
}

/// A fresh full build of the site at `root` into a new temp folder.
fn full_build(root: &Path) -> (tempfile::TempDir, Site) {
    build_into_temp(root, quorum::internals::WriteMode::Once)
}

fn build_into_temp(root: &Path, mode: quorum::internals::WriteMode) -> (tempfile::TempDir, Site) {
    let output = tempfile::tempdir().unwrap();
    let mut site = Site::load(&BuildOptions {
        output: Some(output.path().to_path_buf()),
        ..BuildOptions::new(root)
    })
    .unwrap();
    site.write_all(mode).unwrap();
    (output, site)
}

/// The same with pages split by year after a few meetings: people, organisations and the
/// body cross the threshold both ways as attendees and meetings come and go.
#[test]
fn incremental_rebuilds_of_pages_split_by_year_equal_a_full_build() {
    edit_and_compare("[build]\nsplit_by_year_above = 4\n");
}

/// A person whose page is split into parts of two years: a decision edited in a 2023
/// meeting renders the meeting's page, the person's summary page and their 2023–2024 part,
/// not their other part, and the output equals a full build.
#[test]
fn an_edit_renders_the_part_of_its_meeting_and_not_the_other_parts() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    let meeting = |date: &str, decision: &str| {
        format!(
            "---\nbody: Rådet\norganiser: skr\ndate: {date}\nattendees:\n  - Anna Berg, SKR\n---\n\n## 1. Läget\n\nText.\n\nBeslut: {decision}\n"
        )
    };
    std::fs::write(
        root.join("site.toml"),
        "title = \"Arkiv\"\n[build]\nsplit_by_year_above = 3\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("content/organisations.yaml"), ORGANISATIONS).unwrap();
    std::fs::write(
        root.join("content/people.yaml"),
        "anna-berg:\n  name: Anna Berg\n  organisation: skr\n",
    )
    .unwrap();
    for year in 2021..=2024 {
        for month in [3, 9] {
            let date = format!("{year}-0{month}-10");
            std::fs::write(
                root.join(format!("content/{date}-radet.md")),
                meeting(&date, "Ja."),
            )
            .unwrap();
        }
    }
    let (served, mut serving) = served_build(root);
    assert!(served
        .path()
        .join("people/anna-berg/2021-2022/index.html")
        .is_file());

    let edited = root.join("content/2023-09-10-radet.md");
    // A decision edit: the pages that show the meeting's decisions are rendered, and
    // not the person's pages, which only list the meeting.
    std::fs::write(&edited, meeting("2023-09-10", "Nej.")).unwrap();
    let report = serving.rebuild(std::slice::from_ref(&edited)).unwrap();
    assert!(graph_kept_pages(&serving), "{:?}", serving.timings.0);
    let rendered = |path: &str| report.rendered.iter().any(|p| p == path);
    for path in [
        "/meetings/2023-09-10-radet/",
        "/organisations/skr/2023-2024/",
        "/bodies/radet/2023-2024/",
    ] {
        assert!(rendered(path), "{path} not in {:?}", report.rendered);
    }
    for path in [
        "/people/anna-berg/",
        "/people/anna-berg/2023-2024/",
        "/people/anna-berg/2021-2022/",
        "/organisations/skr/2021-2022/",
        "/bodies/radet/2021-2022/",
    ] {
        assert!(!rendered(path), "{path} in {:?}", report.rendered);
    }
    // A participant's edit ("Name, role, Organisation": Anna Berg there for a new
    // organisation, in the role "SKR"): her part of that year and the summary page,
    // which lists every year's meetings, are rendered; the other part, which names the
    // organisations of its own years only, is not.
    let with_role =
        meeting("2023-09-10", "Nej.").replace("Anna Berg, SKR", "Anna Berg, SKR, ordförande");
    std::fs::write(&edited, with_role).unwrap();
    let report = serving.rebuild(std::slice::from_ref(&edited)).unwrap();
    let rendered = |path: &str| report.rendered.iter().any(|p| p == path);
    for path in [
        "/meetings/2023-09-10-radet/",
        "/people/anna-berg/",
        "/people/anna-berg/2023-2024/",
        "/organisations/skr/2023-2024/",
    ] {
        assert!(rendered(path), "{path} not in {:?}", report.rendered);
    }
    assert!(
        !rendered("/people/anna-berg/2021-2022/"),
        "{:?}",
        report.rendered
    );
    serving.refresh_derived().unwrap();
    let (full_output, _) = full_build(root);
    let differ = differences(served.path(), full_output.path());
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

/// A decision added in 2023: `/decisions/` (whose year strip counts each year's decisions)
/// and `/decisions/2023/` are rendered, and not the other years' pages, whose strips link
/// the years without counts; the output equals a full build.
#[test]
fn a_decision_added_renders_its_years_decision_page_and_not_the_others() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    let meeting = |date: &str, decisions: &str| {
        format!("---\nbody: Rådet\ndate: {date}\n---\n\n## 1. Läget\n\nText.\n\n{decisions}")
    };
    std::fs::write(root.join("site.toml"), "title = \"Arkiv\"\n").unwrap();
    std::fs::create_dir_all(root.join("content")).unwrap();
    for year in 2021..=2024 {
        let date = format!("{year}-03-10");
        std::fs::write(
            root.join(format!("content/{date}-radet.md")),
            meeting(&date, "Beslut: Ja.\n"),
        )
        .unwrap();
    }
    let (served, mut serving) = served_build(root);

    let edited = root.join("content/2023-03-10-radet.md");
    let two_decisions = meeting("2023-03-10", "Beslut: Ja.\n\nBeslut: Nej.\n");
    std::fs::write(&edited, two_decisions).unwrap();
    let report = serving.rebuild(std::slice::from_ref(&edited)).unwrap();
    let rendered = |path: &str| report.rendered.iter().any(|p| p == path);
    for path in ["/decisions/", "/decisions/2023/"] {
        assert!(rendered(path), "{path} not in {:?}", report.rendered);
    }
    for path in ["/decisions/2021/", "/decisions/2022/", "/decisions/2024/"] {
        assert!(!rendered(path), "{path} in {:?}", report.rendered);
    }
    serving.refresh_derived().unwrap();

    let strip = |page: &str| -> Vec<String> {
        let file = served.path().join(page).join("index.html");
        let html = scraper::Html::parse_document(&std::fs::read_to_string(file).unwrap());
        let links = scraper::Selector::parse(".year-strip li a").unwrap();
        html.select(&links)
            .skip(1) // "all years"
            .map(|a| a.text().collect::<String>())
            .collect()
    };
    assert_eq!(
        strip("decisions"),
        ["2024 (1)", "2023 (2)", "2022 (1)", "2021 (1)"]
    );
    assert_eq!(strip("decisions/2021"), ["2024", "2023", "2022", "2021"]);
    let (full_output, _) = full_build(root);
    let differ = differences(served.path(), full_output.path());
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

/// An unregistered person is shown as the oldest meeting spells them: when an edit of that
/// meeting changes the spelling, the other meetings naming them change too (their pages,
/// the person's, the search index, whose cache keeps what it read of each meeting), and
/// the output equals a full build.
#[test]
fn a_new_spelling_of_an_unregistered_name_reaches_every_meeting_naming_them() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    let meeting = |date: &str, attendee: &str| {
        format!("---\nbody: Rådet\ndate: {date}\nattendees:\n  - {attendee}\n---\n\n## 1. Läget\n\nText.\n")
    };
    std::fs::write(root.join("site.toml"), "title = \"Arkiv\"\n").unwrap();
    std::fs::create_dir_all(root.join("content")).unwrap();
    for (date, attendee) in [("2021-03-10", "Kim Berg"), ("2022-03-10", "Kim Berg")] {
        std::fs::write(
            root.join(format!("content/{date}-radet.md")),
            meeting(date, attendee),
        )
        .unwrap();
    }
    let (served, mut serving) = served_build(root);
    serving.refresh_derived().unwrap();

    let oldest = root.join("content/2021-03-10-radet.md");
    std::fs::write(&oldest, meeting("2021-03-10", "Kim Bérg")).unwrap();
    serving.rebuild(std::slice::from_ref(&oldest)).unwrap();
    serving.refresh_derived().unwrap();

    let (full_output, _) = full_build(root);
    let differ = differences(served.path(), full_output.path());
    assert!(differ.is_empty(), "{}", differ.join("\n"));
    let vocabulary = std::fs::read_to_string(served.path().join("search/w-0.js")).unwrap();
    assert!(vocabulary.contains("bérg"), "{vocabulary}");
}
