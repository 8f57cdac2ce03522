//! An updated participation equals one made anew, after each kind of edit `serve` updates
//! it for.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::*;
use crate::base::config::SiteConfig;
use crate::content::load::SourceFile;
use crate::content::meeting::{assemble, parse_meeting};
use crate::content::registry::Registry;

const ORGS: &str = "
skr: { name: Sveriges Kommuner och Regioner, short: SKR }
fohm: { name: Folkhälsomyndigheten, short: FoHM, aliases: [FHM] }
";
const PEOPLE: &str = "
anna-berg: { name: Anna Berg, organisation: skr }
per-lund: { name: Per Lund, organisation: fohm }
";

/// A meeting on `date` with these front matter lines and agenda.
fn meeting(date: &str, front: &str, body: &str) -> String {
    format!("---\ndate: {date}\nbody: Nätverket\n{front}---\n{body}")
}

fn archive(meetings: &[String]) -> Archive {
    let registry = Registry::parse(
        Some((Path::new("o.yaml"), ORGS)),
        Some((Path::new("p.yaml"), PEOPLE)),
    )
    .unwrap();
    let config = SiteConfig::default();
    let parsed: Vec<_> = meetings
        .iter()
        .enumerate()
        .map(|(n, text)| {
            let name = format!("2020-0{}-01-mote.md", n + 1);
            let file = SourceFile {
                path: PathBuf::from("content").join(&name),
                full_path: PathBuf::from("/nonexistent/content").join(&name),
                text: text.clone(),
            };
            parse_meeting(&file, &config, &registry).unwrap()
        })
        .collect();
    assemble(parsed.iter().collect(), &registry).unwrap().0
}

fn base() -> Vec<String> {
    vec![
        meeting(
            "2020-01-01",
            "organiser: SKR\nchair: Anna Berg, SKR\nattendees:\n  - Per Lund, FoHM\n  - Eva Ek, Lund\n",
            "## Läget (Per Lund, FoHM)\n\nText.\n",
        ),
        meeting(
            "2020-02-01",
            "organiser: FoHM\nchair: Per Lund, FoHM\nscribes: [Eva Ek, Lund]\nattendees:\n  - Anna Berg, SKR\n  - Per Lund, FoHM\n",
            "## Läget (Anna Berg, SKR)\n\nText.\n",
        ),
        meeting(
            "2020-03-01",
            "organiser: SKR\nattendees:\n  - Anna Berg, SKR\n  - Eva Ek, Lund\n",
            "## Läget\n\nText.\n",
        ),
    ]
}

/// Edits the meeting at `at` to `text`: the updated participation must be the one made
/// from the edited archive.
fn assert_update_is_fresh(at: usize, text: String) {
    assert_update_is_fresh_from(base(), at, text);
}

/// The same, from the meetings `before`.
fn assert_update_is_fresh_from(before: Vec<String>, at: usize, text: String) {
    let old = archive(&before);
    let mut after = before.clone();
    after[at] = text;
    let new = archive(&after);
    let was = vec![(at, Arc::clone(&old.meetings[at]))];
    let updated = Participation::of(&old).update(&new, &was);
    assert_eq!(updated, Participation::of(&new));
}

#[test]
fn the_index_lists_each_meeting_newest_first_with_the_first_seat() {
    let participation = Participation::of(&archive(&base()));
    let per = &participation.people["per-lund"];
    assert_eq!(
        per.attended,
        vec![(1, Seat::Chair), (0, Seat::Attendee(0))],
        "chair and attendee of the second meeting: listed once, as chair"
    );
    assert_eq!(per.roles, vec![("chair", 1)]);
    assert_eq!(per.presented, vec![(0, 0)]);
    assert_eq!(per.meetings(), vec![0, 1]);
    let skr = &participation.organisations["skr"];
    assert_eq!(skr.organised, vec![2, 0]);
    assert_eq!(skr.presented, vec![(1, 0)]);
    assert_eq!(skr.people().collect::<Vec<_>>(), vec!["anna-berg"]);
}

#[test]
fn an_attendee_added_who_is_new_to_the_archive() {
    let text = base()[2].replace("attendees:\n", "attendees:\n  - Ny Person, Ny Kommun\n");
    assert_update_is_fresh(2, text);
}

#[test]
fn the_last_mention_of_a_person_removed() {
    let without_eva = |text: &str| {
        text.replace("  - Eva Ek, Lund\n", "")
            .replace("scribes: [Eva Ek, Lund]\n", "")
    };
    assert_update_is_fresh(2, without_eva(&base()[2]));
    let mut only_first = base();
    only_first[1] = without_eva(&only_first[1]);
    only_first[2] = without_eva(&only_first[2]);
    let first = without_eva(&only_first[0]);
    assert_update_is_fresh_from(only_first, 0, first);
}

#[test]
fn a_chair_a_scribe_and_an_organiser_changed() {
    assert_update_is_fresh(1, base()[1].replace("chair: Per Lund", "chair: Eva Ek"));
    assert_update_is_fresh(1, base()[1].replace("scribes: [Eva Ek, Lund]\n", ""));
    assert_update_is_fresh(0, base()[0].replace("organiser: SKR", "organiser: FoHM"));
}

#[test]
fn a_presenter_and_the_organisation_someone_came_for_changed() {
    assert_update_is_fresh(0, base()[0].replace("(Per Lund, FoHM)", "(Anna Berg, SKR)"));
    assert_update_is_fresh(0, base()[0].replace("Eva Ek, Lund", "Eva Ek, FoHM"));
    assert_update_is_fresh(2, base()[2].replace("Anna Berg, SKR", "Anna Berg, FoHM"));
}

/// A date moved past the other meetings: the last participation, renumbered into the new
/// order (as `graph::reorder` does) and updated for the moved meeting, is the one made anew.
#[test]
fn a_date_moved_past_the_other_meetings() {
    let old = archive(&base());
    let mut after = base();
    after[0] = after[0].replace("date: 2020-01-01", "date: 2020-03-15");
    let new = archive(&after);
    let position = |i: usize| {
        let slug = &old.meetings[i].slug;
        new.meetings.iter().position(|m| m.slug == *slug).unwrap()
    };
    assert_eq!((0..3).map(position).collect::<Vec<_>>(), [2, 0, 1]);
    let mut renumbered = Participation::of(&old);
    renumbered.renumber(position);
    let was = vec![(2, Arc::clone(&old.meetings[0]))];
    assert_eq!(renumbered.update(&new, &was), Participation::of(&new));
}
