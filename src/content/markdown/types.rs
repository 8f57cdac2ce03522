//! What the Markdown step takes (its options) and gives (the body: items with their
//! decisions and actions, appendices, notes for `check`).

use crate::base::config::Language;

/// What the Markdown step needs to know.
#[derive(Debug, Clone, Copy)]
pub struct MarkdownOptions<'a> {
    pub(crate) smart_punctuation: bool,
    pub(crate) allow_html: bool,
    pub(crate) highlight_code: bool,
    pub(crate) decision_words: &'a [String],
    pub(crate) action_words: &'a [String],
    /// Every language's words and the meeting's language: a paragraph that starts with
    /// another language's word (`Resolved:` in Swedish minutes) is still extracted, and
    /// noted (see [`Body::notes`]). `None` reads only the words above.
    pub(crate) all_words: Option<(&'a crate::base::config::ExtractConfig, Language)>,
}

impl<'a> MarkdownOptions<'a> {
    /// The options `site.toml` sets, for minutes written in `language`.
    pub fn for_site(
        config: &'a crate::base::config::SiteConfig,
        language: crate::base::config::Language,
    ) -> Self {
        MarkdownOptions {
            smart_punctuation: config.markdown.smart_punctuation,
            allow_html: config.markdown.allow_html,
            highlight_code: config.markdown.highlight_code,
            decision_words: config.extract.decision_words(language),
            action_words: config.extract.action_words(language),
            all_words: Some((&config.extract, language)),
        }
    }
}

/// A meeting body, cut into its parts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Body {
    /// Everything before the first agenda item.
    pub(crate) intro_html: String,
    pub items: Vec<BodyItem>,
    pub(crate) appendices: Vec<Appendix>,
    /// True when a code block was highlighted (the page needs `syntax.css`).
    pub(crate) has_code: bool,
    /// Links to pages of the site (`/meetings/x/`, `../2021/x.md`): the site path and the
    /// 1-based line and column of the link within the body.
    pub(crate) internal_links: Vec<(String, usize, usize)>,
    /// Paragraphs that look like a decision or an action but are not read as one as
    /// written, or are written in another language's words: warnings for `check`.
    pub(crate) notes: Vec<Note>,
}

/// A questionable paragraph: 1-based line and column within the body, what is wrong, and
/// what to do.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Note {
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) message: String,
    pub(crate) hint: String,
}

/// Internal links are written into the HTML as `quorum:/site/path`; the renderer turns
/// them into links from the page they end up on (see `render::resolve_internal_links`).
pub(crate) const INTERNAL_LINK_PREFIX: &str = "quorum:";

#[derive(Debug, Clone, PartialEq)]
pub struct BodyItem {
    /// The number written in the heading ("8" for "8) ..."), or the item's position.
    pub(crate) number: String,
    pub(crate) anchor: String,
    pub(crate) title: String,
    /// "Name, Name och Name, Organisation", as written; resolved later.
    pub(crate) presenters: Option<String>,
    pub(crate) html: String,
    pub(crate) decisions: Vec<Extract>,
    pub(crate) actions: Vec<Extract>,
    /// 1-based line of the heading within the body.
    pub(crate) line: usize,
    /// Formal minutes: the diarienummer and the item's records (see `markdown::formal`).
    pub(crate) case_number: Option<String>,
    pub(crate) records: crate::content::formal::Records,
}

/// A decision or an action found in an item.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Extract {
    pub(crate) anchor: String,
    pub(crate) text: String,
    pub(crate) html: String,
    pub(crate) kind: crate::content::formal::DecisionKind,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Appendix {
    pub(crate) title: String,
    pub(crate) anchor: String,
    pub(crate) html: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExtractKind {
    Decision,
    Action,
}

impl ExtractKind {
    pub(crate) fn name(self) -> &'static str {
        match self {
            ExtractKind::Decision => "decision",
            ExtractKind::Action => "action",
        }
    }
}
