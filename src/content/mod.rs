//! Stage 1, reading the content: walk `content/` ([`load`]), split and read each meeting's
//! front matter ([`frontmatter`]) and Markdown body ([`markdown`]), resolve names through
//! the registries ([`registry`]) and assemble the [`model`] ([`meeting`]). The model is
//! plain data: nothing here knows of pages, templates or HTML files. [`personal_data`]
//! finds personal data in a file; [`audience`] makes the public build's view of the model.

pub(crate) mod audience;
pub(crate) mod followup;
pub(crate) mod formal;
pub(crate) mod formal_front;
pub(crate) mod formal_numbering;
pub(crate) mod frontmatter;
pub(crate) mod load;
pub(crate) mod markdown;
pub(crate) mod meeting;
pub(crate) mod model;
pub(crate) mod packed;
pub(crate) mod participant;
pub(crate) mod personal_data;
pub(crate) mod registry;
