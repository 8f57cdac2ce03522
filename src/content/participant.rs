//! A person in a role at one meeting: a leaf of the model, so that the model and the
//! formal minutes' types (content/formal.rs) can both hold one.

/// A person in a role at one meeting.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Participant {
    /// Key of the person.
    pub(crate) person: String,
    /// Key of the organisation they represent here, if known.
    pub(crate) organisation: Option<String>,
    pub(crate) role: Option<String>,
    pub(crate) note: Option<String>,
}
