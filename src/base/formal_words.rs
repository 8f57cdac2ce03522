//! The words that mark the parts of formal minutes (a nämnd's protokoll, a board's
//! minutes): the phrases that open att-satser and proposals to another body, and the
//! paragraph starts of an item's case number, vote, reservations, declared interests,
//! notes for the record, proposals (yrkanden) and distribution. Defaults per language;
//! `[extract]` in site.toml overrides them (`ExtractConfig` in base/config.rs).

/// The default words of one kind: Swedish, then English.
pub(crate) type Defaults = (&'static [&'static str], &'static [&'static str]);

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

/// Phrases that end the lead of this body's decisions: "Kulturnämnden *beslutar att*",
/// "*RESOLVED that*", "It was *resolved to*".
pub(crate) const RESOLUTION: Defaults = (
    &["beslutar att", "beslutar därför att"],
    &[
        "resolved that",
        "resolved to",
        "resolves that",
        "resolves to",
    ],
);

/// Phrases that end the lead of a proposal to another body ("Kulturnämnden *föreslår
/// kommunfullmäktige besluta att*"); `*` stands for one to four words (the body).
pub(crate) const PROPOSAL: Defaults = (
    &["föreslår * besluta att", "föreslår * att besluta att"],
    &[
        "recommends * to resolve that",
        "recommends that * resolve to",
        "recommends that * resolves to",
        "recommends that * resolve that",
    ],
);

pub(crate) const CASE_NUMBER: Defaults = (
    &["Dnr", "Diarienummer"],
    &["Ref", "Case number", "Case ref"],
);

pub(crate) const VOTE: Defaults = (&["Omröstning", "Votering"], &["Vote", "Voting", "Division"]);

pub(crate) const RESERVATION: Defaults = (
    &["Reservationer", "Reservation"],
    &["Dissent", "Dissents", "Dissenting"],
);

pub(crate) const INTEREST: Defaults = (
    &["Jäv"],
    &[
        "Declarations of interest",
        "Declaration of interest",
        "Conflicts of interest",
        "Conflict of interest",
    ],
);

pub(crate) const NOTE: Defaults = (
    &["Protokollsanteckningar", "Protokollsanteckning"],
    &["Notes for the record", "Note for the record"],
);

pub(crate) const MOTION: Defaults = (
    &["Yrkanden", "Yrkande"],
    &["Proposals", "Motions", "Amendments"],
);

pub(crate) const SENT_TO: Defaults = (
    &["Expedieras till", "Expedieras", "Beslutet skickas till"],
    &["Copy to", "Copies to", "Sent to", "Circulation"],
);
