//! Who a build is for: the `internal` archive (today's site, every name) or the `public`
//! one (protected people masked, internal parts left out). The `[audience]` section of
//! `site.toml` and its defaults live here; the masking itself is `content::audience`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::base::language::Language;

/// The audience a build is made for (`--audience`).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize, Serialize, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    /// Everything, every name: the intranet archive.
    #[default]
    Internal,
    /// Protected people masked, internal items, paragraphs and attachments left out.
    Public,
}

/// Which people a public build names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum NamedPeople {
    /// Everyone but those marked `public: false` in people.yaml.
    #[default]
    UnlessMarked,
    /// Only those marked `public: true` (for example the elected members).
    OnlyMarked,
}

/// `[audience]` in site.toml.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct AudienceConfig {
    /// The audience when `--audience` is not given.
    pub(crate) default: Audience,
    pub(crate) internal: AudienceTarget,
    pub(crate) public: AudienceTarget,
    /// Which people a public build names.
    pub(crate) named: NamedPeople,
    /// What a protected name becomes in a public build, per language.
    pub(crate) placeholder: BTreeMap<Language, String>,
    /// What stands in for an internal item's text, paragraph or attachment.
    pub(crate) withheld: BTreeMap<Language, String>,
    /// Words that mark an item heading `(internt)` or start a paragraph `Internt:`.
    pub(crate) internal_words: BTreeMap<Language, Vec<String>>,
    /// Phone numbers, e-mail addresses and numbers `check` may let through (the
    /// switchboard, the registry's address), as written or with other spacing.
    pub(crate) accept: Vec<String>,
    /// The audience of this build (from `--audience` or `default`).
    #[serde(skip)]
    pub(crate) current: Audience,
}

/// Where one audience's site goes. Unset keys fall back to `[build] output_dir` and
/// `base_url` for the internal audience, to `public-web/` and `base_url` for the public one.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct AudienceTarget {
    pub(crate) output_dir: Option<PathBuf>,
    pub(crate) base_url: Option<String>,
}

/// The public site's folder when site.toml names none: never the internal one's.
pub(crate) const PUBLIC_OUTPUT_DIR: &str = "public-web";

fn per_language<T>(sv: T, en: T) -> BTreeMap<Language, T> {
    BTreeMap::from([(Language::Sv, sv), (Language::En, en)])
}

impl Default for AudienceConfig {
    fn default() -> Self {
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        AudienceConfig {
            default: Audience::Internal,
            internal: AudienceTarget::default(),
            public: AudienceTarget::default(),
            named: NamedPeople::UnlessMarked,
            placeholder: per_language("[namn borttaget]".into(), "[name withheld]".into()),
            withheld: per_language(
                "Utelämnat i den offentliga versionen.".into(),
                "Left out of the public version.".into(),
            ),
            internal_words: per_language(
                words(&["Internt", "Sekretess"]),
                words(&["Internal", "Confidential"]),
            ),
            accept: Vec::new(),
            current: Audience::Internal,
        }
    }
}

impl AudienceConfig {
    pub(crate) fn is_public(&self) -> bool {
        self.current == Audience::Public
    }

    pub(crate) fn target(&self) -> &AudienceTarget {
        match self.current {
            Audience::Internal => &self.internal,
            Audience::Public => &self.public,
        }
    }

    pub(crate) fn placeholder(&self, language: Language) -> &str {
        self.placeholder
            .get(&language)
            .map_or("[…]", String::as_str)
    }

    pub(crate) fn withheld(&self, language: Language) -> &str {
        self.withheld.get(&language).map_or("…", String::as_str)
    }

    /// The words of every language: a Swedish secretary may well write `(internal)`, and
    /// withholding too much is the safe mistake.
    pub(crate) fn internal_words(&self) -> Vec<String> {
        self.internal_words.values().flatten().cloned().collect()
    }
}
