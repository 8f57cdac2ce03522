//! The export of formal minutes in `archive.json`'s parts: a meeting's members with their
//! roles and substitutions, approval, posting and appeal deadline; an item's case number,
//! votes with their counts and other records. Left out of meetings and items that have
//! none, so informal minutes export as before (docs/archive-json.md).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::base::formal_words::RecordKind;
use crate::content::formal::{Formal, Member, Records};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormalExport {
    /// Members who decided (beslutande), serving substitutes included.
    pub members: Vec<MemberExport>,
    /// Substitutes present who did not serve.
    pub substitutes: Vec<MemberExport>,
    /// Apologies / frånvarande.
    pub absent: Vec<MemberExport>,
    /// True when the minutes are approved (justerade).
    pub approved: bool,
    pub approval: Option<ApprovalExport>,
    pub posting: Option<PostingExport>,
    /// First and last § as the front matter gives them.
    pub paragraphs: Option<(u32, u32)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberExport {
    /// Key of the person.
    pub person: String,
    pub party: Option<String>,
    pub role: Option<String>,
    /// Partial presence ("§ 112–115").
    pub note: Option<String>,
    /// Key of the member a serving substitute serves for.
    pub serving_for: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApprovalExport {
    /// Justerare.
    pub by: Vec<MemberExport>,
    pub place: Option<String>,
    pub date: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostingExport {
    pub date: NaiveDate,
    /// The posting date plus three weeks.
    pub appeal_until: NaiveDate,
    pub kept_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordsExport {
    pub votes: Vec<VoteExport>,
    pub records: Vec<RecordExport>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VoteExport {
    pub text: String,
    pub yes: Option<u32>,
    pub no: Option<u32>,
    pub abstain: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordExport {
    /// `reservation`, `interest`, `note`, `motion` or `sent_to`.
    pub kind: String,
    pub text: String,
    /// The people it names with their party, as written.
    pub people: Vec<String>,
}

pub(crate) fn formal_export(formal: &Formal) -> FormalExport {
    let members = |list: &[Member]| list.iter().map(member_export).collect();
    FormalExport {
        members: members(&formal.members),
        substitutes: members(&formal.substitutes),
        absent: members(&formal.absent),
        approved: formal.approved(),
        approval: formal.approval.as_ref().map(|a| ApprovalExport {
            by: members(&a.by),
            place: a.place.clone(),
            date: a.date,
        }),
        posting: formal.posting.as_ref().map(|p| PostingExport {
            date: p.date,
            appeal_until: p.appeal_until,
            kept_at: p.kept_at.clone(),
        }),
        paragraphs: formal.paragraphs,
    }
}

fn member_export(m: &Member) -> MemberExport {
    MemberExport {
        person: m.who.person.to_string(),
        party: m.party.clone(),
        role: m.who.role.as_deref().map(str::to_string),
        note: m.who.note.as_deref().map(str::to_string),
        serving_for: m.serving_for.clone(),
    }
}

/// The item's records, or `None` when it has none.
pub(crate) fn records_export(records: &Records) -> Option<RecordsExport> {
    (!records.is_empty()).then(|| RecordsExport {
        votes: records
            .votes
            .iter()
            .map(|v| VoteExport {
                text: v.text.clone(),
                yes: v.yes,
                no: v.no,
                abstain: v.abstain,
            })
            .collect(),
        records: records
            .entries
            .iter()
            .map(|r| RecordExport {
                kind: record_kind_name(r.kind).to_string(),
                text: r.text.clone(),
                people: r.people.clone(),
            })
            .collect(),
    })
}

fn record_kind_name(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::CaseNumber => "case_number",
        RecordKind::Vote => "vote",
        RecordKind::Reservation => "reservation",
        RecordKind::Interest => "interest",
        RecordKind::Note => "note",
        RecordKind::Motion => "motion",
        RecordKind::SentTo => "sent_to",
    }
}
