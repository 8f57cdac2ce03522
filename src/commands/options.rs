//! What a command may override in `site.toml` (the root, the output folder, the base URL,
//! the link style, drafts), and the configuration and output folder that result.

use std::path::PathBuf;

use crate::base::config::{LinkStyle, SiteConfig};
use crate::base::diagnostic::Result;

/// What the command line may override.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub links: Option<LinkStyle>,
    pub drafts: bool,
    /// The day actions are overdue on (`--today`); by default each body's newest meeting.
    pub today: Option<chrono::NaiveDate>,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            ..BuildOptions::default()
        }
    }
}

/// The configuration with the command line's overrides applied.
pub(crate) fn load_config(options: &BuildOptions) -> Result<SiteConfig> {
    let mut config = SiteConfig::load(&options.root)?;
    if let Some(base_url) = &options.base_url {
        config.base_url = base_url.clone();
        if !config.base_url.ends_with('/') {
            config.base_url.push('/');
        }
    }
    if let Some(links) = options.links {
        config.build.links = links;
    }
    if options.drafts {
        config.build.drafts = true;
    }
    Ok(config)
}

/// The output folder: `--output`, else `build.output_dir` under the root.
pub(crate) fn output_dir(options: &BuildOptions, config: &SiteConfig) -> PathBuf {
    match &options.output {
        Some(dir) => dir.clone(),
        None => options.root.join(&config.build.output_dir),
    }
}
