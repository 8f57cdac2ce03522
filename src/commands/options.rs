//! What a command may override in `site.toml` (the root, the output folder, the base URL,
//! the link style, drafts), and the configuration and output folder that result.

use std::path::PathBuf;

use crate::base::audience::Audience;
use crate::base::config::{LinkStyle, SiteConfig};
use crate::base::diagnostic::{Error, Result};

/// What the command line may override.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub links: Option<LinkStyle>,
    pub drafts: bool,
    /// `--audience`: internal or public (default: `[audience] default` in site.toml).
    pub audience: Option<Audience>,
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
    select_audience(&mut config, options.audience);
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

/// Makes `audience` (or site.toml's default) the build's audience, with its base URL.
fn select_audience(config: &mut SiteConfig, audience: Option<Audience>) {
    config.audience.current = audience.unwrap_or(config.audience.default);
    if let Some(base_url) = config.audience.target().base_url.clone() {
        config.base_url = base_url;
        if !config.base_url.ends_with('/') {
            config.base_url.push('/');
        }
    }
}

/// Refuses a site.toml that gives both audiences one output folder: one build would
/// replace the other's site, and the internal one could end up on the public web server.
/// A site that never mentions the public audience is left alone when built internally.
pub(crate) fn check_audience_folders(options: &BuildOptions, config: &SiteConfig) -> Result<()> {
    let public_in_use = config.audience.is_public() || config.audience.public.output_dir.is_some();
    if options.output.is_some() || !public_in_use {
        return Ok(());
    }
    let folder = |audience| {
        let mut config = config.clone();
        config.audience.current = audience;
        output_dir(options, &config)
    };
    if folder(Audience::Internal) == folder(Audience::Public) {
        return Err(Error::Usage(format!(
            "site.toml gives the internal and the public site the same output folder ({}): \
             set a different `output_dir` under [audience.public], or pass --output",
            folder(Audience::Public).display()
        )));
    }
    Ok(())
}

/// The output folder: `--output`, else the audience's `output_dir`, else
/// `build.output_dir` (internal) or `public-web` (public), under the root.
pub(crate) fn output_dir(options: &BuildOptions, config: &SiteConfig) -> PathBuf {
    if let Some(dir) = &options.output {
        return dir.clone();
    }
    let audience = &config.audience;
    let dir = match (&audience.target().output_dir, audience.current) {
        (Some(dir), _) => dir.clone(),
        (None, Audience::Internal) => config.build.output_dir.clone(),
        (None, Audience::Public) => PathBuf::from(crate::base::audience::PUBLIC_OUTPUT_DIR),
    };
    options.root.join(dir)
}
