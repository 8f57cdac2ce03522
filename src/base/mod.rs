//! The bottom layer: what every stage needs and no stage owns: the site configuration,
//! diagnostics (with did-you-mean), escaping, slugs, plain text from HTML, time zones, UI
//! strings and the views shared between pages. Nothing here imports from a stage.

pub mod config;
pub mod diagnostic;
pub mod escape;
pub mod i18n;
pub mod shared;
pub mod slug;
pub mod text;
pub mod time;
