//! A person in a role at one meeting: a leaf of the model, so that the model and the
//! formal minutes' types (content/formal.rs) can both hold one.

use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::Arc;

/// A person in a role at one meeting. There are millions in a large archive (27 a
/// meeting in the benchmark's), so the keys are shared, one copy of each key per thread
/// that read meetings ([`key`]), and role and note hold no spare capacity.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Participant {
    /// Key of the person.
    pub(crate) person: Arc<str>,
    /// Key of the organisation they represent here, if known.
    pub(crate) organisation: Option<Arc<str>>,
    pub(crate) role: Option<Box<str>>,
    pub(crate) note: Option<Box<str>>,
}

thread_local! {
    /// The keys this thread has handed out: a name is met in thousands of meetings.
    static KEYS: RefCell<HashSet<Arc<str>>> = RefCell::new(HashSet::new());
}

/// The shared copy of a person's or an organisation's key. The keys of a thread stay
/// for the life of the process: a few thousand names, even in `serve` after many edits.
pub(crate) fn key(key: &str) -> Arc<str> {
    KEYS.with(|keys| {
        let mut keys = keys.borrow_mut();
        if let Some(shared) = keys.get(key) {
            return shared.clone();
        }
        let shared: Arc<str> = key.into();
        keys.insert(shared.clone());
        shared
    })
}
