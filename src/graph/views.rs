//! The views: the shapes of the template context (THEMES.md documents them). Views shown
//! on many pages are [`Shared`], so each is built once and converted for the templates once
//! per render pass.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::base::shared::Shared;
pub(crate) use crate::content::model::Html;
use crate::content::model::Slug;
use crate::graph::flat::{flat_ref, flat_struct, flat_view};
use crate::graph::follow_views::{FollowView, MeetingFollowView};

#[derive(Debug, Clone)]
pub struct OrgRef {
    pub key: String,
    pub path: String,
    pub name: String,
    pub short: Option<String>,
}
flat_ref!(OrgRef {
    key,
    path,
    name,
    short
});

#[derive(Debug, Clone)]
pub struct PersonRef {
    pub key: String,
    pub path: String,
    pub name: String,
}
flat_ref!(PersonRef { key, path, name });

#[derive(Debug, Clone)]
pub struct BodyRef {
    pub key: String,
    pub path: String,
    pub name: String,
}
flat_ref!(BodyRef { key, path, name });

#[derive(Debug, Clone)]
pub struct MeetingRef {
    pub slug: Slug,
    pub path: String,
    pub title: String,
    pub date: String,
    pub year: i32,
    pub kind: Option<String>,
    pub language: &'static str,
    pub body: Shared<BodyRef>,
    pub organiser: Option<Shared<OrgRef>>,
    pub item_count: usize,
    pub decision_count: usize,
    pub action_count: usize,
    /// Formal minutes not yet approved (ej justerat): their decisions are drafts.
    pub unapproved: bool,
    /// `status: planned`: yet to be held.
    pub planned: bool,
}
flat_ref!(MeetingRef {
    slug,
    path,
    title,
    date,
    year,
    kind,
    language,
    body,
    organiser,
    item_count,
    decision_count,
    action_count,
    unapproved,
    planned
});

impl MeetingRef {
    /// The path of a place in the meeting's page: an item's or a decision's anchor.
    pub fn path_to(&self, anchor: &str) -> String {
        format!("{}#{anchor}", self.path)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ParticipantView {
    pub person: Shared<PersonRef>,
    pub organisation: Option<Shared<OrgRef>>,
    pub role: Option<Box<str>>,
    pub note: Option<Box<str>>,
}

/// An item and where it is. Made for every item of the archive and held through the
/// render, so its texts are the model's, shared, and its path is derived when it is
/// serialised.
#[derive(Debug, Clone)]
pub struct ItemRef {
    pub number: Arc<str>,
    pub title: Arc<str>,
    pub anchor: Arc<str>,
    /// Its meeting: for the path, not serialised.
    pub meeting: Shared<MeetingRef>,
}

impl ItemRef {
    /// Where it is: its meeting's page and its anchor.
    pub fn path(&self) -> String {
        self.meeting.path_to(&self.anchor)
    }
}

impl crate::graph::flat::Flat for ItemRef {
    const FIELDS: usize = 4;
    fn serialize_fields<S: serde::ser::SerializeStruct>(
        &self,
        state: &mut S,
    ) -> Result<(), S::Error> {
        state.serialize_field("number", &self.number)?;
        state.serialize_field("title", &self.title)?;
        state.serialize_field("anchor", &self.anchor)?;
        state.serialize_field("path", &self.path())
    }
}

flat_struct!(ItemRef);

/// A decision or an action, with where it was taken. Made for every decision and action
/// of the archive and held through the render (707,000 at 100,000 meetings), so it is
/// kept small: its id, anchor, text and HTML are the model's, shared; its organisations
/// are its item's, shared; its path is derived when it is serialised; and a decision
/// with nothing to follow up holds no [`FollowView`].
#[derive(Debug, Clone)]
pub struct ExtractView {
    pub id: Arc<str>,
    pub anchor: Arc<str>,
    pub text: Arc<str>,
    pub html: Html,
    pub item: Shared<ItemRef>,
    pub meeting: Shared<MeetingRef>,
    /// The organiser, then the organisations presenting the item (its item's list).
    pub organisations: Arc<[Shared<OrgRef>]>,
    /// A proposal to another body rather than this body's decision.
    pub proposal: bool,
    /// Owners, due date, status (actions); changes and in force (decisions). `None`: a
    /// decision in force that changes none and that none changes.
    follow: Option<Box<FollowView>>,
}

/// The follow-up of a decision that none changes and that changes none.
static IN_FORCE: FollowView = FollowView {
    owners: Vec::new(),
    due: None,
    due_next_meeting: false,
    status: None,
    overdue: false,
    history: Vec::new(),
    changes: Vec::new(),
    changed_by: Vec::new(),
    in_force: true,
};

impl ExtractView {
    pub(crate) fn new(
        extract: &crate::content::model::Extract,
        html: Html,
        item: Shared<ItemRef>,
        meeting: Shared<MeetingRef>,
        organisations: Arc<[Shared<OrgRef>]>,
        follow: FollowView,
    ) -> Self {
        let plain = follow == IN_FORCE;
        ExtractView {
            id: extract.id.clone(),
            anchor: extract.anchor.clone(),
            text: extract.text.clone(),
            html,
            item,
            meeting,
            organisations,
            proposal: !extract.kind.is_decision(),
            follow: (!plain).then(|| Box::new(follow)),
        }
    }

    /// Where it is: its meeting's page and its anchor.
    pub fn path(&self) -> String {
        self.meeting.path_to(&self.anchor)
    }

    /// Owners, due date, status (actions); changes and in force (decisions).
    pub fn follow(&self) -> &FollowView {
        self.follow.as_deref().unwrap_or(&IN_FORCE)
    }
}

impl Serialize for ExtractView {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut state = serializer.serialize_struct("ExtractView", 10)?;
        state.serialize_field("id", &self.id)?;
        state.serialize_field("anchor", &self.anchor)?;
        state.serialize_field("path", &self.path())?;
        state.serialize_field("text", &self.text)?;
        state.serialize_field("html", &self.html)?;
        state.serialize_field("item", &self.item)?;
        state.serialize_field("meeting", &self.meeting)?;
        state.serialize_field("organisations", &self.organisations)?;
        state.serialize_field("proposal", &self.proposal)?;
        state.serialize_field("follow", self.follow())?;
        state.end()
    }
}

#[derive(Debug, Clone)]
pub struct ItemView {
    pub item: Shared<ItemRef>,
    pub presenters: Vec<ParticipantView>,
    pub html: Html,
    pub decisions: Vec<Shared<ExtractView>>,
    pub actions: Vec<Shared<ExtractView>>,
    pub case_number: Option<Box<str>>,
    pub records: RecordsView,
}
flat_view!(ItemView { item; presenters, html, decisions, actions, case_number, records });

#[derive(Debug, Clone, Serialize)]
pub struct AttachmentView {
    pub title: String,
    pub file: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TagView {
    pub key: String,
    pub name: String,
    pub path: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AttendeeGroup {
    pub organisation: Option<Shared<OrgRef>>,
    pub attendees: Vec<ParticipantView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AppendixView {
    pub title: String,
    pub anchor: String,
    pub html: Html,
}

#[derive(Debug, Clone)]
pub struct MeetingView {
    pub meeting: Shared<MeetingRef>,
    pub time: Option<String>,
    pub location: Option<String>,
    pub chair: Option<ParticipantView>,
    pub scribes: Vec<ParticipantView>,
    pub attendees: Vec<ParticipantView>,
    pub attendee_groups: Vec<AttendeeGroup>,
    pub tags: Vec<TagView>,
    pub attachments: Vec<AttachmentView>,
    pub intro_html: Html,
    pub items: Vec<ItemView>,
    pub appendices: Vec<AppendixView>,
    pub decisions: Vec<Shared<ExtractView>>,
    pub actions: Vec<Shared<ExtractView>>,
    pub formal: Option<FormalView>,
    /// The meetings referring to this one, the cases of its items.
    pub follow: MeetingFollowView,
}
flat_view!(MeetingView { meeting; time, location, chair, scribes, attendees, attendee_groups, tags, attachments, intro_html, items, appendices, decisions, actions, formal, follow });

/// A meeting page's view, made when the page is rendered (by the graph's `PageViews`):
/// made for every meeting at once, the views held about 9 KB a meeting for the whole
/// render (a gigabyte at 100,000 meetings), while a page needs its own only while it is
/// rendered. Serialises as the view; a view not yet made is an error.
#[derive(Debug, Clone)]
pub enum MeetingPageView {
    /// The meeting at `index` in the archive, and its reference (title and date, for the
    /// sitemap).
    Later {
        index: usize,
        meeting: Shared<MeetingRef>,
    },
    Made(Box<MeetingView>),
}

impl MeetingPageView {
    /// The meeting's reference: its title, date and path.
    pub fn meeting(&self) -> &Shared<MeetingRef> {
        match self {
            MeetingPageView::Later { meeting, .. } => meeting,
            MeetingPageView::Made(view) => &view.meeting,
        }
    }
}

impl Serialize for MeetingPageView {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            MeetingPageView::Made(view) => view.serialize(serializer),
            MeetingPageView::Later { meeting, .. } => Err(serde::ser::Error::custom(format!(
                "the view of {} is made when its page is rendered",
                meeting.path
            ))),
        }
    }
}

#[derive(Debug, Clone)]
pub struct BodySummary {
    pub body: Shared<BodyRef>,
    pub meeting_count: usize,
    pub first_date: String,
    pub last_date: String,
    pub organisers: Vec<Shared<OrgRef>>,
}
flat_view!(BodySummary { body; meeting_count, first_date, last_date, organisers });

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearLink {
    pub year: i32,
    pub path: String,
    /// None on a section's year page: the counts are on the section's page of all years.
    pub count: Option<usize>,
}

/// How a person's, organisation's or body's page is split (graph/by_year.rs): the summary
/// page lists the newest year, and parts of consecutive years list the rest.
#[derive(Debug, Clone, Serialize)]
pub struct YearSplit {
    /// The summary page (`/people/<key>/`): the year strip's "all years".
    pub path: String,
    /// The years a part lists as its title shows them ("2005–2008" or "2010"); null on
    /// the summary page.
    pub current: Option<String>,
    /// The oldest and newest year a part lists; null on the summary page.
    pub first: Option<i32>,
    pub last: Option<i32>,
    /// The newest year: the one the summary page lists.
    pub newest: i32,
    /// Every year with its count of meetings, newest first, each linking to its heading
    /// on the page of its part (`/people/<key>/2005-2008/#y2006`).
    pub years: Vec<YearLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Presented {
    pub meeting: Shared<MeetingRef>,
    pub item: Shared<ItemRef>,
    pub presenters: Vec<Shared<PersonRef>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeetingGroup {
    pub year: i32,
    pub meetings: Vec<Shared<MeetingRef>>,
    /// The year's meetings, also those not listed (on `/meetings/`, which lists the newest).
    pub total: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct MonthGroup {
    pub month: u32,
    pub decisions: Vec<Shared<ExtractView>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionYear {
    pub year: i32,
    pub months: Vec<MonthGroup>,
}

/// What the timeline's filter offers: the bodies and organisations of the decisions on
/// the page, sorted by name, and how many decisions there are.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineFilter {
    pub bodies: Vec<Shared<BodyRef>>,
    pub organisations: Vec<Shared<OrgRef>>,
    pub total: usize,
}

impl TimelineFilter {
    pub fn of(groups: &[DecisionYear]) -> Self {
        let mut bodies: BTreeMap<&str, Shared<BodyRef>> = BTreeMap::new();
        let mut organisations: BTreeMap<&str, Shared<OrgRef>> = BTreeMap::new();
        let mut total = 0;
        for decision in groups
            .iter()
            .flat_map(|g| &g.months)
            .flat_map(|m| &m.decisions)
        {
            total += 1;
            bodies
                .entry(&decision.meeting.body.key)
                .or_insert_with(|| decision.meeting.body.clone());
            for org in decision.organisations.iter() {
                organisations.entry(&org.key).or_insert_with(|| org.clone());
            }
        }
        let by_name =
            |a: &String, b: &String| a.to_lowercase().cmp(&b.to_lowercase()).then(a.cmp(b));
        let mut bodies: Vec<_> = bodies.into_values().collect();
        bodies.sort_by(|a, b| by_name(&a.name, &b.name));
        let mut organisations: Vec<_> = organisations.into_values().collect();
        organisations.sort_by(|a, b| by_name(&a.name, &b.name));
        TimelineFilter {
            bodies,
            organisations,
            total,
        }
    }
}

#[derive(Debug, Clone)]
pub struct OrganisationSummary {
    pub organisation: Shared<OrgRef>,
    pub kind: Option<String>,
    pub aliases: Vec<String>,
    pub meeting_count: usize,
    pub person_count: usize,
}
flat_view!(OrganisationSummary { organisation; kind, aliases, meeting_count, person_count });

#[derive(Debug, Clone)]
pub struct OrganisationDetail {
    pub organisation: Shared<OrgRef>,
    pub aliases: Vec<String>,
    pub kind: Option<String>,
    pub url: Option<String>,
}
flat_view!(OrganisationDetail { organisation; aliases, kind, url });

#[derive(Debug, Clone)]
pub struct PersonSummary {
    pub person: Shared<PersonRef>,
    pub organisations: Vec<Shared<OrgRef>>,
    pub meeting_count: usize,
}
flat_view!(PersonSummary { person; organisations, meeting_count });

#[derive(Debug, Clone)]
pub struct PersonDetail {
    pub person: Shared<PersonRef>,
    pub aliases: Vec<String>,
    pub organisations: Vec<Shared<OrgRef>>,
}
flat_view!(PersonDetail { person; aliases, organisations });

/// A list on a person's or an organisation's page, made when the page is rendered (by the
/// graph's `PageViews`): until then the archive positions of what it lists, a third of
/// the memory of the made entries (at 100,000 meetings these pages list millions).
/// Serialises as the made list; a list not yet made is an error.
#[derive(Debug, Clone)]
pub enum Listed<K, T> {
    Later(Vec<K>),
    Made(Vec<T>),
}

impl<K, T> Listed<K, T> {
    /// The list made with `make`, each entry from its key (a made list as it is).
    pub(crate) fn made(&self, make: impl Fn(&K) -> T) -> Listed<K, T>
    where
        T: Clone,
    {
        match self {
            Listed::Later(keys) => Listed::Made(keys.iter().map(make).collect()),
            Listed::Made(made) => Listed::Made(made.clone()),
        }
    }

    /// The keys of a list not yet made (a made list has none).
    pub(crate) fn keys_mut(&mut self) -> &mut [K] {
        match self {
            Listed::Later(keys) => keys,
            Listed::Made(_) => &mut [],
        }
    }
}

impl<K, T: Serialize> Serialize for Listed<K, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Listed::Made(made) => made.serialize(serializer),
            Listed::Later(_) => Err(serde::ser::Error::custom(
                "a person's or organisation's list is made when its page is rendered",
            )),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Attendance {
    pub meeting: Shared<MeetingRef>,
    pub role: Option<Box<str>>,
    pub note: Option<Box<str>>,
    pub organisation: Option<Shared<OrgRef>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleView {
    pub role: &'static str,
    pub meeting: Shared<MeetingRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TagSummary {
    pub key: String,
    pub name: String,
    pub path: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Counts {
    pub meetings: usize,
    pub decisions: usize,
    pub actions: usize,
    pub organisations: usize,
    pub people: usize,
    pub bodies: usize,
}

/// What the graph makes for one meeting and shares between pages: its reference, and its
/// items', decisions' and actions' views.
pub(crate) type MeetingRefs = (
    Shared<MeetingRef>,
    Vec<Shared<ItemRef>>,
    Vec<Shared<ExtractView>>,
    Vec<Shared<ExtractView>>,
);

/// Every meeting's shared views, in archive order: its reference and its items',
/// decisions' and actions' views.
#[derive(Debug, Clone, Default)]
pub(crate) struct MeetingTables {
    pub(crate) meetings: Vec<Shared<MeetingRef>>,
    pub(crate) items: Vec<Vec<Shared<ItemRef>>>,
    pub(crate) decisions: Vec<Vec<Shared<ExtractView>>>,
    pub(crate) actions: Vec<Vec<Shared<ExtractView>>>,
}

impl MeetingTables {
    /// Sets the views of the meeting at `index` (one past the last: adds them).
    pub(crate) fn set(&mut self, index: usize, (meeting, items, decisions, actions): MeetingRefs) {
        if index == self.meetings.len() {
            self.meetings.push(meeting);
            self.items.push(items);
            self.decisions.push(decisions);
            self.actions.push(actions);
        } else {
            self.meetings[index] = meeting;
            self.items[index] = items;
            self.decisions[index] = decisions;
            self.actions[index] = actions;
        }
    }
}

/// The [`MeetingTables`] kept with the graph, shared: the next graph (after an edit in
/// `serve`) makes anew only the edited meetings', and each render pass makes the meeting
/// pages' views from them, without copying them (copying took 12 ms of a 26 ms text edit
/// at 10,000 meetings).
pub(crate) type KeptRefs = std::sync::Arc<MeetingTables>;

// Formal minutes (built in graph/formal.rs).

#[derive(Debug, Clone, Serialize)]
pub struct FormalView {
    /// Beslutande: members who decided, substitutes serving for a member among them.
    pub members: Vec<MemberView>,
    /// Ersättare present who did not serve.
    pub substitutes: Vec<MemberView>,
    /// Frånvarande / apologies.
    pub absent: Vec<MemberView>,
    /// Justerare.
    pub approvers: Vec<MemberView>,
    pub approved: bool,
    pub approval_date: Option<String>,
    pub approval_place: Option<String>,
    pub posting_date: Option<String>,
    /// The posting date plus three weeks.
    pub appeal_until: Option<String>,
    pub kept_at: Option<String>,
    /// "112–118", from the front matter or else the items.
    pub paragraphs: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MemberView {
    pub person: Shared<PersonRef>,
    pub party: Option<String>,
    pub role: Option<Box<str>>,
    pub note: Option<Box<str>>,
    /// The member a serving substitute serves for.
    pub serving_for: Option<Shared<PersonRef>>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct RecordsView {
    pub votes: Vec<VoteView>,
    pub reservations: Vec<RecordView>,
    pub interests: Vec<RecordView>,
    pub notes: Vec<RecordView>,
    pub motions: Vec<RecordView>,
    pub sent_to: Vec<RecordView>,
    /// Whether any of the above is there.
    pub any: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct VoteView {
    pub text: String,
    pub yes: Option<u32>,
    pub no: Option<u32>,
    pub abstain: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecordView {
    pub text: String,
    pub html: String,
    /// The people it names with their party, as written ("Per Ek (M)").
    pub people: Vec<String>,
}

/// An item of a case's page, with its meeting, decisions and actions.
#[derive(Debug, Clone, Serialize)]
pub struct CaseEntry {
    pub meeting: Shared<MeetingRef>,
    pub item: Shared<ItemRef>,
    pub decisions: Vec<Shared<ExtractView>>,
    pub actions: Vec<Shared<ExtractView>>,
}
