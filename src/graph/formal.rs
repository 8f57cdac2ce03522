//! The views of formal minutes: a meeting's members with whom substitutes served for,
//! its approval, posting and appeal deadline, and each item's case number, votes,
//! reservations, declared interests and other records, built from the model (the view
//! types are in `views`).

use crate::base::formal_words::RecordKind;
use crate::content::formal::{Formal, Member, Record, Records};
use crate::content::model::Meeting;
use crate::graph::refs::Refs;
use crate::graph::views::{FormalView, MemberView, RecordView, RecordsView, VoteView};

pub(crate) fn formal_view(refs: &Refs<'_>, meeting: &Meeting) -> Option<FormalView> {
    let formal: &Formal = meeting.formal.as_ref()?;
    let members = |list: &[Member]| list.iter().map(|m| member_view(refs, m)).collect();
    let approval = formal.approval.as_ref();
    let posting = formal.posting.as_ref();
    Some(FormalView {
        members: members(&formal.members),
        substitutes: members(&formal.substitutes),
        absent: members(&formal.absent),
        approvers: approval.map_or_else(Vec::new, |a| members(&a.by)),
        approved: formal.approved(),
        approval_date: approval.and_then(|a| a.date).map(|d| d.to_string()),
        approval_place: approval.and_then(|a| a.place.clone()),
        posting_date: posting.map(|p| p.date.to_string()),
        appeal_until: posting.map(|p| p.appeal_until.to_string()),
        kept_at: posting.and_then(|p| p.kept_at.clone()),
        paragraphs: paragraphs(formal, meeting),
    })
}

fn member_view(refs: &Refs<'_>, member: &Member) -> MemberView {
    MemberView {
        person: refs.person(&member.who.person),
        party: member.party.clone(),
        role: member.who.role.clone(),
        note: member.who.note.clone(),
        serving_for: member.serving_for.as_deref().map(|k| refs.person(k)),
    }
}

/// "§ 112–118" as the front matter gives it, or from the first and last item.
fn paragraphs(formal: &Formal, meeting: &Meeting) -> Option<String> {
    let (first, last) = formal.paragraphs.or_else(|| meeting.item_number_range())?;
    Some(if first == last {
        first.to_string()
    } else {
        format!("{first}–{last}")
    })
}

pub(crate) fn records_view(records: &Records) -> RecordsView {
    let of = |kind: RecordKind| -> Vec<RecordView> { records.of(kind).map(record_view).collect() };
    RecordsView {
        votes: records
            .votes
            .iter()
            .map(|v| VoteView {
                text: v.text.clone(),
                yes: v.yes,
                no: v.no,
                abstain: v.abstain,
            })
            .collect(),
        reservations: of(RecordKind::Reservation),
        interests: of(RecordKind::Interest),
        notes: of(RecordKind::Note),
        motions: of(RecordKind::Motion),
        sent_to: of(RecordKind::SentTo),
        any: !records.is_empty(),
    }
}

fn record_view(record: &Record) -> RecordView {
    RecordView {
        text: record.text.clone(),
        html: record.html.clone(),
        people: record.people.clone(),
    }
}
