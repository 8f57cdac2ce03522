//! The bottom layer: what every stage needs and no stage owns: the site configuration,
//! diagnostics (with did-you-mean), escaping, slugs, plain text from HTML, time zones, UI
//! strings and the views shared between pages. Nothing here imports from a stage.

pub(crate) mod audience;
pub(crate) mod config;
pub(crate) mod diagnostic;
pub(crate) mod escape;
pub(crate) mod formal_words;
pub(crate) mod i18n;
pub(crate) mod language;
pub(crate) mod memory;
pub(crate) mod shared;
pub(crate) mod slug;
pub(crate) mod text;
pub(crate) mod time;
