//! Stage 1, reading the content: walk `content/` ([`load`]), split and read each meeting's
//! front matter ([`frontmatter`]) and Markdown body ([`markdown`]), resolve names through
//! the registries ([`registry`]) and assemble the [`model`] ([`meeting`]). The model is
//! plain data: nothing here knows of pages, templates or HTML files.

pub(crate) mod followup;
pub(crate) mod frontmatter;
pub(crate) mod load;
pub(crate) mod markdown;
pub(crate) mod meeting;
pub(crate) mod model;
pub(crate) mod registry;
