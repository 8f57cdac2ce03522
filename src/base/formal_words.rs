//! The words that mark the parts of formal minutes (a nämnd's protokoll, a board's
//! minutes): the phrases that open att-satser and proposals to another body, and the
//! paragraph starts of an item's case number, vote, reservations, declared interests,
//! notes for the record, proposals (yrkanden) and distribution. Defaults per language;
//! `[extract]` in site.toml overrides them (see [`crate::base::config::ExtractConfig`]).

use std::collections::BTreeMap;

use crate::base::config::Language;

/// Words per language, as in `[extract]`.
pub(crate) type Words = BTreeMap<Language, Vec<String>>;

/// What a recognised paragraph start records about an agenda item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum RecordKind {
    /// "Dnr KN 2024/57", "Diarienummer: KN 2024/57".
    CaseNumber,
    /// "Omröstning", "Votering", "Vote".
    Vote,
    /// "Reservation", "Dissent".
    Reservation,
    /// "Jäv", "Declarations of interest".
    Interest,
    /// "Protokollsanteckning", "Note for the record".
    Note,
    /// "Yrkanden", "Proposals".
    Motion,
    /// "Expedieras till", "Copy to".
    SentTo,
}

impl RecordKind {
    pub(crate) const ALL: [RecordKind; 7] = [
        RecordKind::CaseNumber,
        RecordKind::Vote,
        RecordKind::Reservation,
        RecordKind::Interest,
        RecordKind::Note,
        RecordKind::Motion,
        RecordKind::SentTo,
    ];
}

pub(crate) fn words(sv: &[&str], en: &[&str]) -> Words {
    BTreeMap::from([
        (Language::Sv, sv.iter().map(|s| s.to_string()).collect()),
        (Language::En, en.iter().map(|s| s.to_string()).collect()),
    ])
}

/// Phrases that end the lead of this body's decisions: "Kulturnämnden *beslutar att*",
/// "*RESOLVED that*", "It was *resolved to*".
pub(crate) fn default_resolution() -> Words {
    words(
        &["beslutar att", "beslutar därför att"],
        &[
            "resolved that",
            "resolved to",
            "resolves that",
            "resolves to",
        ],
    )
}

/// Phrases that end the lead of a proposal to another body ("Kulturnämnden *föreslår
/// kommunfullmäktige besluta att*"); `*` stands for one to four words (the body).
pub(crate) fn default_proposal() -> Words {
    words(
        &["föreslår * besluta att", "föreslår * att besluta att"],
        &[
            "recommends * to resolve that",
            "recommends that * resolve to",
            "recommends that * resolves to",
            "recommends that * resolve that",
        ],
    )
}

pub(crate) fn default_case_number() -> Words {
    words(
        &["Dnr", "Diarienummer"],
        &["Ref", "Case number", "Case ref"],
    )
}

pub(crate) fn default_vote() -> Words {
    words(&["Omröstning", "Votering"], &["Vote", "Voting", "Division"])
}

pub(crate) fn default_reservation() -> Words {
    words(
        &["Reservationer", "Reservation"],
        &["Dissent", "Dissents", "Dissenting"],
    )
}

pub(crate) fn default_interest() -> Words {
    words(
        &["Jäv"],
        &[
            "Declarations of interest",
            "Declaration of interest",
            "Conflicts of interest",
            "Conflict of interest",
        ],
    )
}

pub(crate) fn default_note() -> Words {
    words(
        &["Protokollsanteckningar", "Protokollsanteckning"],
        &["Notes for the record", "Note for the record"],
    )
}

pub(crate) fn default_motion() -> Words {
    words(
        &["Yrkanden", "Yrkande"],
        &["Proposals", "Motions", "Amendments"],
    )
}

pub(crate) fn default_sent_to() -> Words {
    words(
        &["Expedieras till", "Expedieras", "Beslutet skickas till"],
        &["Copy to", "Copies to", "Sent to", "Circulation"],
    )
}
