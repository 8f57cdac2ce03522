//! Who took part in which meeting: per person, the meetings they attended (and in which
//! seat), the items they presented and the roles they held; per organisation, the
//! meetings it organised and attended, the items it presented and its people. The person
//! and organisation pages are made from this [`Participation`].
//!
//! A full build makes it from every meeting. After an edit in `serve` that leaves every
//! meeting in its place, the last graph's is updated instead: the edited meetings' old
//! versions are taken out and their new versions put in ([`Participation::update`]), so
//! that the cost follows the edit rather than the archive (reading every participant of
//! 10,000 meetings took about 60 ms, most of it waiting for memory). The sets (a
//! person's organisations, an organisation's people) are kept as counts of what named
//! them, so that taking a meeting out needs nothing but that meeting.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::content::model::{Archive, Meeting, Participant};

/// Where a person sat at a meeting: the participant entry their attendance is listed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seat {
    Chair,
    Scribe(u32),
    Attendee(u32),
}

impl Seat {
    /// The participant entry in this seat of `meeting`.
    pub(crate) fn of(self, meeting: &Meeting) -> &Participant {
        match self {
            Seat::Chair => meeting.chair.as_ref().expect("a chair's seat has a chair"),
            Seat::Scribe(n) => &meeting.scribes[n as usize],
            Seat::Attendee(n) => &meeting.attendees[n as usize],
        }
    }
}

/// What one person did, by archive position (newest meeting first).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct PersonIndex {
    /// Each meeting once, with the first seat they took there.
    pub(crate) attended: Vec<(usize, Seat)>,
    /// (meeting, item), once per presenter entry.
    pub(crate) presented: Vec<(usize, usize)>,
    /// (role, meeting) for each seat as chair or scribe.
    pub(crate) roles: Vec<(&'static str, usize)>,
    /// Their registered organisation and every one they attended or presented for, with
    /// how many entries named each.
    organisations: BTreeMap<String, usize>,
    /// Their registered organisation, as counted in `organisations`.
    registered: Option<String>,
    /// Kept out of a public build (not listed among an organisation's people).
    withheld: bool,
}

/// What one organisation did, by archive position (newest meeting first).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct OrgIndex {
    pub(crate) organised: Vec<usize>,
    /// Each meeting once that someone attended (or presented, or sat on) for it.
    pub(crate) attended: Vec<usize>,
    /// (meeting, item), once per item.
    pub(crate) presented: Vec<(usize, usize)>,
    /// Its registered people and those who took part for it (but not the withheld), with
    /// how many entries named each.
    people: BTreeMap<String, usize>,
}

/// Who took part in which meeting, for every person and organisation of the archive.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Participation {
    pub(crate) people: BTreeMap<String, PersonIndex>,
    pub(crate) organisations: BTreeMap<String, OrgIndex>,
}

/// The participation of a graph, shared with the next graph `serve` makes.
pub(crate) type KeptParticipation = Arc<Participation>;

impl PersonIndex {
    /// The organisations they belong to or took part for.
    pub(crate) fn organisations(&self) -> impl Iterator<Item = &str> {
        self.organisations.keys().map(String::as_str)
    }

    /// The meetings they attended or presented at, each once, oldest first.
    pub(crate) fn meetings(&self) -> Vec<usize> {
        distinct(
            self.attended
                .iter()
                .map(|a| a.0)
                .chain(self.presented.iter().map(|p| p.0)),
        )
    }

    /// Only the entries of meetings `keep` holds (an organisation set is left empty):
    /// what a part of their page lists.
    pub(crate) fn only(&self, keep: impl Fn(usize) -> bool) -> PersonIndex {
        PersonIndex {
            attended: those(&self.attended, |a| keep(a.0)),
            presented: those(&self.presented, |p| keep(p.0)),
            roles: those(&self.roles, |r| keep(r.1)),
            ..PersonIndex::default()
        }
    }

    fn forget_meeting(&mut self, meeting: usize) {
        self.attended.retain(|a| a.0 != meeting);
        self.presented.retain(|p| p.0 != meeting);
        self.roles.retain(|r| r.1 != meeting);
    }

    /// Back in newest-first order after a meeting's entries were added at the end; the
    /// sort is stable, so one meeting's entries keep the order they were added in.
    fn reorder(&mut self) {
        self.attended.sort_by_key(|a| std::cmp::Reverse(a.0));
        self.presented.sort_by_key(|p| std::cmp::Reverse(p.0));
        self.roles.sort_by_key(|r| std::cmp::Reverse(r.1));
    }
}

impl OrgIndex {
    /// Its people: the registered and those who took part for it.
    pub(crate) fn people(&self) -> impl Iterator<Item = &str> {
        self.people.keys().map(String::as_str)
    }

    /// How many people it has.
    pub(crate) fn person_count(&self) -> usize {
        self.people.len()
    }

    /// The meetings it organised, attended or presented at, each once, oldest first.
    pub(crate) fn meetings(&self) -> Vec<usize> {
        distinct(
            self.organised
                .iter()
                .chain(&self.attended)
                .copied()
                .chain(self.presented.iter().map(|p| p.0)),
        )
    }

    /// Only the entries of meetings `keep` holds (and its people when `people`): what a
    /// part of its page lists.
    pub(crate) fn only(&self, keep: impl Fn(usize) -> bool, people: bool) -> OrgIndex {
        OrgIndex {
            organised: those(&self.organised, |&i| keep(i)),
            attended: those(&self.attended, |&i| keep(i)),
            presented: those(&self.presented, |p| keep(p.0)),
            people: if people {
                self.people.clone()
            } else {
                BTreeMap::new()
            },
        }
    }

    fn forget_meeting(&mut self, meeting: usize) {
        self.organised.retain(|&i| i != meeting);
        self.attended.retain(|&i| i != meeting);
        self.presented.retain(|p| p.0 != meeting);
    }

    fn reorder(&mut self) {
        self.organised.sort_by_key(|&i| std::cmp::Reverse(i));
        self.attended.sort_by_key(|&i| std::cmp::Reverse(i));
        self.presented.sort_by_key(|p| std::cmp::Reverse(p.0));
    }
}

/// The entries of `list` that `keep` holds, in order.
fn those<T: Copy>(list: &[T], keep: impl Fn(&T) -> bool) -> Vec<T> {
    list.iter().filter(|entry| keep(entry)).copied().collect()
}

/// The values of `positions`, each once, in ascending order.
fn distinct(positions: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut all: Vec<usize> = positions.collect();
    all.sort_unstable();
    all.dedup();
    all
}

fn count_up(counts: &mut BTreeMap<String, usize>, key: &str) {
    match counts.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            counts.insert(key.to_string(), 1);
        }
    }
}

fn count_down(counts: &mut BTreeMap<String, usize>, key: &str) {
    if let Some(n) = counts.get_mut(key) {
        *n -= 1;
        if *n == 0 {
            counts.remove(key);
        }
    }
}

impl Participation {
    /// Who took part in which of the archive's meetings.
    pub(crate) fn of(archive: &Archive) -> Participation {
        let mut participation = Participation::default();
        participation.follow_registers(archive);
        for (i, meeting) in archive.meetings.iter().enumerate().rev() {
            participation.add(i, meeting);
        }
        participation
    }

    /// Every archive position moved to `position(old)` (an edit moved meetings in the
    /// archive, see `graph::reorder`), each list back in its order (newest first).
    pub(crate) fn renumber(&mut self, position: impl Fn(usize) -> usize) {
        for person in self.people.values_mut() {
            person.attended.iter_mut().for_each(|a| a.0 = position(a.0));
            person
                .presented
                .iter_mut()
                .for_each(|p| p.0 = position(p.0));
            person.roles.iter_mut().for_each(|r| r.1 = position(r.1));
            person.reorder();
        }
        for organisation in self.organisations.values_mut() {
            (organisation.organised.iter_mut()).for_each(|i| *i = position(*i));
            (organisation.attended.iter_mut()).for_each(|i| *i = position(*i));
            (organisation.presented.iter_mut()).for_each(|p| p.0 = position(p.0));
            organisation.reorder();
        }
    }

    /// This participation (of the archive before an edit) updated for `archive`, in which
    /// only the meetings at the positions of `was` changed; `was` holds their versions
    /// before the edit. Every other meeting is where it was.
    pub(crate) fn update(mut self, archive: &Archive, was: &[(usize, Arc<Meeting>)]) -> Self {
        let mut people: BTreeSet<String> = BTreeSet::new();
        let mut organisations: BTreeSet<String> = BTreeSet::new();
        for (i, old) in was {
            people.extend(people_named(old).map(str::to_string));
            organisations.extend(old.organisations_named().map(str::to_string));
            self.take_out(*i, old);
        }
        people.extend(self.follow_registers(archive));
        for &(i, _) in was {
            let meeting = &archive.meetings[i];
            people.extend(people_named(meeting).map(str::to_string));
            organisations.extend(meeting.organisations_named().map(str::to_string));
            self.add(i, meeting);
        }
        for key in people {
            if let Some(entry) = self.people.get_mut(&key) {
                entry.reorder();
            }
        }
        for key in organisations {
            if let Some(entry) = self.organisations.get_mut(&key) {
                entry.reorder();
            }
        }
        self
    }

    /// Brings the entries in line with the archive's people and organisations: new ones
    /// get an entry, gone ones lose theirs, and a person's registered organisation and
    /// whether they are withheld are what the archive says. Returns the people whose
    /// entry changed.
    fn follow_registers(&mut self, archive: &Archive) -> Vec<String> {
        self.organisations
            .retain(|key, _| archive.organisations.contains_key(key));
        for key in archive.organisations.keys() {
            if !self.organisations.contains_key(key) {
                // An organisation new to the archive lists the people already registered
                // with it.
                let mut entry = OrgIndex::default();
                for (person, index) in &self.people {
                    if index.registered.as_ref() == Some(key) {
                        count_up(&mut entry.people, person);
                    }
                }
                self.organisations.insert(key.clone(), entry);
            }
        }
        let gone: Vec<String> = self
            .people
            .keys()
            .filter(|key| !archive.people.contains_key(*key))
            .cloned()
            .collect();
        for key in &gone {
            self.register(key, None, false);
            self.people.remove(key);
        }
        let mut changed = gone;
        for person in archive.people.values() {
            if !self.people.contains_key(&person.key) {
                self.people
                    .insert(person.key.clone(), PersonIndex::default());
            }
            let entry = &self.people[&person.key];
            if entry.registered != person.organisation || entry.withheld != person.exposure.withheld
            {
                self.register(
                    &person.key,
                    person.organisation.clone(),
                    person.exposure.withheld,
                );
                changed.push(person.key.clone());
            }
        }
        changed
    }

    /// Sets a person's registered organisation and whether they are withheld (the person
    /// has an entry), counting them out of their old organisation and into the new one.
    fn register(&mut self, key: &str, organisation: Option<String>, withheld: bool) {
        let entry = self.people.get_mut(key).expect("the person has an entry");
        if let Some(old) = entry.registered.take() {
            count_down(&mut entry.organisations, &old);
            if let Some(org) = self.organisations.get_mut(&old) {
                count_down(&mut org.people, key);
            }
        }
        if let Some(new) = &organisation {
            count_up(&mut entry.organisations, new);
            // Registered people are listed by their organisation, withheld or not.
            if let Some(org) = self.organisations.get_mut(new) {
                count_up(&mut org.people, key);
            }
        }
        entry.registered = organisation;
        entry.withheld = withheld;
    }

    /// Puts in what the meeting at `i` says of its people and organisations (its entries
    /// go at the end of each list).
    fn add(&mut self, i: usize, meeting: &Meeting) {
        for (seat, p) in seats(meeting) {
            let Some(entry) = self.people.get_mut(&*p.person) else {
                continue;
            };
            // A person in two seats (chair and attendee) is listed once, with the first.
            if entry.attended.last().is_none_or(|(m, _)| *m != i) {
                entry.attended.push((i, seat));
            }
            if let Some(role) = role(seat) {
                entry.roles.push((role, i));
            }
            if let Some(org) = &p.organisation {
                count_up(&mut entry.organisations, org);
            }
        }
        for (j, item) in meeting.items.iter().enumerate() {
            for p in &item.presenters {
                if let Some(entry) = self.people.get_mut(&*p.person) {
                    entry.presented.push((i, j));
                    if let Some(org) = &p.organisation {
                        count_up(&mut entry.organisations, org);
                    }
                }
            }
        }
        if let Some(org) = meeting.organiser.as_deref() {
            if let Some(entry) = self.organisations.get_mut(org) {
                entry.organised.push(i);
            }
        }
        for (org, person, withheld) in self.taking_part_for(meeting) {
            let Some(entry) = self.organisations.get_mut(org) else {
                continue;
            };
            if entry.attended.last() != Some(&i) {
                entry.attended.push(i);
            }
            if !withheld {
                count_up(&mut entry.people, person);
            }
        }
        for (j, item) in meeting.items.iter().enumerate() {
            let orgs: BTreeSet<&str> = item.presenting().collect();
            for org in orgs {
                if let Some(entry) = self.organisations.get_mut(org) {
                    entry.presented.push((i, j));
                }
            }
        }
    }

    /// Who took part for an organisation at `meeting`: (organisation, person, whether the
    /// person is withheld) for each participant entry that names one.
    fn taking_part_for<'m>(&self, meeting: &'m Meeting) -> Vec<(&'m str, &'m str, bool)> {
        meeting
            .participants()
            .filter_map(|p| {
                let org = p.organisation.as_deref()?;
                let withheld = self.people.get(&*p.person).is_some_and(|e| e.withheld);
                Some((org, &*p.person, withheld))
            })
            .collect()
    }

    /// Takes out what `old`, the meeting at `i` before an edit, put in.
    fn take_out(&mut self, i: usize, old: &Meeting) {
        let presenters = old.items.iter().flat_map(|item| &item.presenters);
        for p in seats(old).map(|(_, p)| p).chain(presenters) {
            let Some(entry) = self.people.get_mut(&*p.person) else {
                continue;
            };
            entry.forget_meeting(i);
            if let Some(org) = &p.organisation {
                count_down(&mut entry.organisations, org);
            }
        }
        if let Some(entry) = old
            .organiser
            .as_deref()
            .and_then(|org| self.organisations.get_mut(org))
        {
            entry.forget_meeting(i);
        }
        for (org, person, withheld) in self.taking_part_for(old) {
            let Some(entry) = self.organisations.get_mut(org) else {
                continue;
            };
            entry.forget_meeting(i);
            if !withheld {
                count_down(&mut entry.people, person);
            }
        }
        for org in old.items.iter().flat_map(|item| item.presenting()) {
            if let Some(entry) = self.organisations.get_mut(org) {
                entry.forget_meeting(i);
            }
        }
    }
}

/// The people a meeting names in its seats and as presenters.
fn people_named(meeting: &Meeting) -> impl Iterator<Item = &str> {
    let presenters = meeting.items.iter().flat_map(|item| &item.presenters);
    seats(meeting)
        .map(|(_, p)| p)
        .chain(presenters)
        .map(|p| &*p.person)
}

/// The seats of a meeting in the order its attendance is read: chair, scribes, attendees.
fn seats(meeting: &Meeting) -> impl Iterator<Item = (Seat, &Participant)> {
    let scribes = (0u32..).zip(&meeting.scribes);
    let attendees = (0u32..).zip(&meeting.attendees);
    meeting
        .chair
        .iter()
        .map(|p| (Seat::Chair, p))
        .chain(scribes.map(|(n, p)| (Seat::Scribe(n), p)))
        .chain(attendees.map(|(n, p)| (Seat::Attendee(n), p)))
}

/// The role a seat gives its person.
fn role(seat: Seat) -> Option<&'static str> {
    match seat {
        Seat::Chair => Some("chair"),
        Seat::Scribe(_) => Some("scribe"),
        Seat::Attendee(_) => None,
    }
}

#[cfg(test)]
mod tests;
