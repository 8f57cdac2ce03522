//! Stage 3, rendering: runs every page of the site graph through its Tera template, in parallel.
//! Templates get the documented context (THEMES.md) and the helpers `url()`, `t()` and the
//! date filters; helpers read the page being rendered from a thread-local, so a template
//! can write `url(path="/meetings/")` without knowing where it is.

pub(crate) mod theme;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::{ErrorKind, Kwargs, State, Tera, TeraResult, Value};

use crate::base::config::{Language, LinkStyle, SiteConfig};
use crate::base::diagnostic::{all_or_problems, Diagnostic, Error, Result};
use crate::base::escape::Escapes;
use crate::base::i18n::{self, Strings};
use crate::base::shared::RenderPass;
use crate::graph::{Crumb, Page, PageData, PageViews, NOT_FOUND_PATH};
use crate::render::theme::Theme;

/// What every page sees as `site`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SiteView {
    pub(crate) title: String,
    pub(crate) description: String,
    pub(crate) base_url: String,
    pub(crate) language: &'static str,
    pub(crate) links: LinkStyle,
    pub(crate) generator: String,
    pub(crate) has_custom_css: bool,
    pub(crate) has_code: bool,
    /// The site path of the header logo (`/logo.svg`), from `logo` in site.toml.
    pub(crate) logo: Option<String>,
    /// `accent` from site.toml, `#rrggbb`.
    pub(crate) accent: Option<String>,
    /// `internal` or `public` (`--audience`).
    pub(crate) audience: crate::base::audience::Audience,
}

#[derive(Serialize)]
struct PageView<'a> {
    kind: &'a str,
    path: &'a str,
    lang: &'static str,
    title: &'a str,
    canonical: String,
    breadcrumbs: &'a [Crumb],
}

#[derive(Serialize)]
struct Context<'a> {
    site: &'a SiteView,
    page: PageView<'a>,
    #[serde(flatten)]
    data: &'a PageData,
}

/// A rendered page.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub(crate) path: String,
    /// UTF-8 (templates and values are text), kept as bytes: it is only written out, so
    /// checking it again would be work for nothing.
    pub html: Vec<u8>,
}

/// The compiled templates and what the helpers need.
pub struct Renderer {
    tera: Tera,
    site: SiteView,
    base_url: String,
    links: LinkStyle,
    base_path: String,
    /// The theme's templates (name → text, origin), to point errors at their source.
    templates: BTreeMap<String, (String, String)>,
}

/// The page a thread is rendering, for the helpers (`url`, `t`, the date filters).
struct CurrentPage {
    path: String,
    lang: Language,
    links: PageLinks,
}

/// How links from one page are written, worked out once per page rather than once per
/// link: pages have up to tens of thousands of links.
struct PageLinks {
    /// The configured style, but see [`page_link_style`].
    style: LinkStyle,
    /// What every link starts with ([`link_prefix`]).
    prefix: String,
}

impl PageLinks {
    fn new(from: &str, style: LinkStyle, base_path: &str) -> Self {
        let style = page_link_style(from, style);
        PageLinks {
            style,
            prefix: link_prefix(from, style, base_path),
        }
    }

    /// Appends the link to the site path `to`, made safe for an attribute.
    fn push(&self, out: &mut String, to: &str) {
        let start = out.len();
        push_link_after(out, &self.prefix, to, self.style);
        escape_url_from(out, start);
    }
}

thread_local! {
    static CURRENT: RefCell<CurrentPage> = RefCell::new(CurrentPage {
        path: "/".to_string(),
        lang: Language::Sv,
        links: PageLinks {
            style: LinkStyle::Relative,
            prefix: String::new(),
        },
    });
}

impl Renderer {
    /// Compiles the theme's templates once. The helpers are registered first: Tera checks
    /// that every filter, function and component a template uses exists when it compiles it.
    pub(crate) fn new(theme: &Theme, config: &SiteConfig, has_code: bool) -> Result<Self> {
        let mut tera = Tera::default();
        tera.autoescape_on([".html", ".xml"]);
        tera.set_escape_fn(write_escaped_html);
        register_helpers(&mut tera, theme);
        let templates = theme
            .templates
            .iter()
            .map(|(name, (text, _))| (name.as_str(), text.as_str()));
        tera.add_raw_templates(templates).map_err(|e| {
            let hint = "see THEMES.md for the template syntax, context and helpers";
            let diagnostics = template_diagnostics(&theme.templates, &e, "template error");
            Error::Content(diagnostics.into_iter().map(|d| d.with_hint(hint)).collect())
        })?;
        let site = SiteView {
            title: config.title.clone(),
            description: config.description.clone(),
            base_url: config.base_url.clone(),
            language: config.language.code(),
            links: config.build.links,
            generator: format!("quorum {}", env!("CARGO_PKG_VERSION")),
            has_custom_css: theme.has_static("custom.css"),
            has_code,
            logo: config.logo_path().map(|l| format!("/{l}")),
            accent: config.accent().map(str::to_string),
            audience: config.audience.current,
        };
        Ok(Renderer {
            tera,
            base_url: config.base_url.clone(),
            links: config.build.links,
            base_path: config.base_path(),
            templates: theme.templates.clone(),
            site,
        })
    }

    /// Renders the pages in parallel, their data made by `views`; errors name the template
    /// and the page.
    pub(crate) fn render_all(
        &self,
        pass: &RenderPass,
        pages: &[&Page],
        views: &PageViews<'_>,
    ) -> Result<Vec<Rendered>> {
        let results: Vec<Result<Rendered>> = pages
            .par_iter()
            .map(|page| self.render_in(pass, views, page).map_err(Error::single))
            .collect();
        all_or_problems(results)
    }

    /// Renders one page as part of `pass`: the shared views it shows are converted for the
    /// templates once per pass (see [`crate::base::shared`]), and what the graph left to
    /// make when the page is rendered `views` makes now.
    pub fn render_in(
        &self,
        pass: &RenderPass,
        views: &PageViews<'_>,
        page: &Page,
    ) -> Result<Rendered, Diagnostic> {
        pass.within(|| self.render_page(page, &views.data(page)))
    }

    fn render_page(&self, page: &Page, data: &PageData) -> Result<Rendered, Diagnostic> {
        CURRENT.with_borrow_mut(|current| {
            current.path.clone_from(&page.path);
            current.lang = page.lang;
            current.links = PageLinks::new(&page.path, self.links, &self.base_path);
        });
        let context = Context {
            site: &self.site,
            page: PageView {
                kind: page.kind,
                path: &page.path,
                lang: page.lang.code(),
                title: &page.title,
                canonical: format!("{}{}", self.base_url, page.path.trim_start_matches('/')),
                breadcrumbs: &page.breadcrumbs,
            },
            data,
        };
        let context = tera::Context::from_serialize(&context).map_err(|e| {
            Diagnostic::error(
                page.template,
                format!("cannot build the context of {}: {e}", page.path),
            )
        })?;
        let mut html = Vec::with_capacity(expected_page_size());
        self.tera
            .render_to(page.template, &context, &mut html)
            .map_err(|e| {
                let what = format!("cannot render {}", page.path);
                let mut diagnostics = template_diagnostics(&self.templates, &e, &what);
                diagnostics
                    .swap_remove(0)
                    .with_hint("see THEMES.md for the variables each template gets")
            })?;
        remember_page_size(html.len());
        if memchr::memmem::find(
            &html,
            crate::content::markdown::INTERNAL_LINK_PREFIX.as_bytes(),
        )
        .is_some()
        {
            let text = std::str::from_utf8(&html).map_err(|e| {
                Diagnostic::error(page.template, format!("{} is not UTF-8: {e}", page.path))
            })?;
            html = CURRENT
                .with_borrow(|current| resolve_internal_links(text, &current.links))
                .into_bytes();
        }
        Ok(Rendered {
            path: page.path.clone(),
            html,
        })
    }
}

thread_local! {
    /// The size of the last page this thread rendered.
    static LAST_PAGE_SIZE: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Room for the next page: the last one's size and a quarter more. Pages are rendered in
/// runs of the same template, so this is nearly always enough, and the buffer is not
/// grown (and copied) three or four times while the page is written.
fn expected_page_size() -> usize {
    let last = LAST_PAGE_SIZE.with(std::cell::Cell::get);
    (last + last / 4).max(16 * 1024)
}

fn remember_page_size(size: usize) {
    LAST_PAGE_SIZE.with(|l| l.set(size));
}

/// Escapes text for HTML (element content and quoted attributes): `& < > " '`. Tera 2's
/// default (with its `fast` feature) leaves `'` as it is, which a theme's single-quoted
/// attribute would not survive; Tera 1's also wrote `/` as `&#x2F;`, which no browser needs
/// and which made every URL in the source unreadable.
#[cfg(test)]
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len() + text.len() / 8);
    write_escaped_html(text, &mut out).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("escaping keeps UTF-8")
}

/// [`escape_html`] as Tera's escape function: written straight into the page.
fn write_escaped_html(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    const HTML: Escapes = Escapes::new(
        b"&<>\"'",
        &[b"&amp;", b"&lt;", b"&gt;", b"&quot;", b"&#x27;"],
    );
    HTML.write(out, text)
}

/// A Tera error as diagnostics: syntax and rendering errors point at the template's file,
/// line and column, and so do the reports Tera joins when templates use unknown filters,
/// functions or components; other errors name the template they mention, if any.
fn template_diagnostics(
    templates: &BTreeMap<String, (String, String)>,
    error: &tera::Error,
    what: &str,
) -> Vec<Diagnostic> {
    if let ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) = error.kind() {
        let span = report.span();
        let location = (report.filename(), span.start_line, span.start_col + 1);
        return vec![located(
            templates,
            location,
            format!("{what}: {}", report.message()),
        )];
    }
    let text = error_chain(error);
    text.split("\n\n")
        .map(|report| match parse_report(report) {
            Some((message, location)) => located(templates, location, format!("{what}: {message}")),
            None => {
                let named = templates.keys().find(|name| report.contains(name.as_str()));
                let file =
                    named.map_or_else(|| "templates".to_string(), |n| origin_of(templates, n));
                Diagnostic::error(file, format!("{what}: {report}"))
            }
        })
        .collect()
}

/// A diagnostic at (template name, line, 1-based column), quoting the template's line.
fn located(
    templates: &BTreeMap<String, (String, String)>,
    (name, line, column): (&str, usize, usize),
    message: String,
) -> Diagnostic {
    let diagnostic = Diagnostic::error(origin_of(templates, name), message);
    match templates.get(name) {
        Some((text, _)) => diagnostic.at(text, line, column),
        None => diagnostic.at_position(line, column),
    }
}

/// Reads one of Tera's text reports: "error: <message>" and " --> <template>:<line>:<column>".
fn parse_report(report: &str) -> Option<(&str, (&str, usize, usize))> {
    let message = report.lines().next()?.strip_prefix("error: ")?;
    let place = report
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("--> "))?;
    let mut parts = place.rsplitn(3, ':');
    let column = parts.next()?.trim().parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    Some((message, (parts.next()?, line, column)))
}

/// Where the template `name` was read from ("templates/meeting.html", or the built-in theme).
fn origin_of(templates: &BTreeMap<String, (String, String)>, name: &str) -> String {
    templates
        .get(name)
        .map_or_else(|| format!("templates/{name}"), |(_, origin)| origin.clone())
}

/// Tera's errors can nest the useful part in their sources.
fn error_chain(error: &tera::Error) -> String {
    let mut parts = vec![error.to_string()];
    let mut source = std::error::Error::source(error);
    while let Some(e) = source {
        parts.push(e.to_string());
        source = e.source();
    }
    parts.join(": ")
}

/// A link from the page being rendered to the site path `to` ("/meetings/#x").
#[cfg(test)]
pub(crate) fn link(from: &str, to: &str, style: LinkStyle, base_path: &str) -> String {
    let mut out = String::new();
    push_link_after(&mut out, &link_prefix(from, style, base_path), to, style);
    out
}

/// What every link from the page `from` starts with, before the target's path: the base
/// path (absolute links), or one `../` per folder the page is in (relative and file links).
fn link_prefix(from: &str, style: LinkStyle, base_path: &str) -> String {
    if style == LinkStyle::Absolute {
        return base_path.to_string();
    }
    let from_dir = &from[..from.rfind('/').map_or(0, |i| i + 1)];
    let depth = from_dir
        .bytes()
        .filter(|&b| b == b'/')
        .count()
        .saturating_sub(1);
    "../".repeat(depth)
}

/// Appends the link to the site path `to` from a page whose links start with `prefix`.
fn push_link_after(out: &mut String, prefix: &str, to: &str, style: LinkStyle) {
    let (target, fragment) = match to.bytes().position(|b| b == b'#') {
        Some(i) => (&to[..i], &to[i..]),
        None => (to, ""),
    };
    let target = target.trim_start_matches('/');
    let start = out.len();
    out.push_str(prefix);
    out.push_str(target);
    let is_folder = target.is_empty() || target.ends_with('/');
    if style == LinkStyle::File && is_folder {
        out.push_str("index.html");
    }
    if out.len() == start {
        out.push_str("./");
    }
    out.push_str(fragment);
}

/// The link style used on the page `from`: as configured, except that the 404 page links
/// from the site's base path when links are relative (servers show it in place of any
/// missing URL, so relative links from it would resolve against that URL).
fn page_link_style(from: &str, style: LinkStyle) -> LinkStyle {
    if from == NOT_FOUND_PATH && style == LinkStyle::Relative {
        LinkStyle::Absolute
    } else {
        style
    }
}

/// Replaces the Markdown step's `quorum:/path` links with links from this page.
fn resolve_internal_links(html: &str, links: &PageLinks) -> String {
    let marker = format!("\"{}", crate::content::markdown::INTERNAL_LINK_PREFIX);
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(&marker) {
        let value_start = start + marker.len();
        let Some(length) = rest[value_start..].find('"') else {
            break;
        };
        out.push_str(&rest[..=start]);
        let target = rest[value_start..value_start + length].replace("&amp;", "&");
        links.push(&mut out, &target);
        rest = &rest[value_start + length..];
    }
    out.push_str(rest);
    out
}

/// Registers `url()` and `t()` (each also a filter) and the date filters (`long_date`,
/// `time_tag`, `weekday`, `month_name`).
fn register_helpers(tera: &mut Tera, theme: &Theme) {
    tera.register_function("url", |kwargs: Kwargs, _: &State| {
        let path = kwargs.get::<&str>("path")?.ok_or_else(|| {
            tera::Error::message("url() needs a `path` string, e.g. url(path=\"/meetings/\")")
        })?;
        link_from_current_page(path)
    });
    // The same as a filter, `{{ meeting.path | url }}`: a filter call skips building the
    // keyword-argument map a function call needs, and every link of every page is one.
    tera.register_filter("url", |path: &str, _: Kwargs, _: &State| {
        link_from_current_page(path)
    });
    let strings = Arc::new(theme.strings.clone());
    let strings_for_filter = Arc::clone(&strings);
    let strings_for_count = Arc::clone(&strings);
    tera.register_function("t", move |kwargs: Kwargs, _: &State| {
        let key = kwargs.get::<&str>("key")?.ok_or_else(|| {
            tera::Error::message("t() needs a `key` string, e.g. t(key=\"meetings\")")
        })?;
        translate(key, &strings)
    });
    // The same as a filter, `{{ "meetings" | t }}` (as in Liquid), for the reason `url` is one.
    tera.register_filter("t", move |key: &str, _: Kwargs, _: &State| {
        translate(key, &strings_for_filter)
    });
    // `{{ n | count(one="count_decision_one", other="count_decision_other") }}`: "3 beslut",
    // the number and the UI string of its grammatical number. What the theme's `count`
    // component writes, as one filter call: lists show one per entry, and a component call
    // costs far more (see THEMES.md, "Speed").
    tera.register_filter("count", move |n: Value, kwargs: Kwargs, _: &State| {
        count_label(&n, &kwargs, &strings_for_count)
    });
    tera.register_filter("long_date", |d: &str, _: Kwargs, _: &State| {
        date_filter(d, i18n::long_date)
    });
    // `{{ d | time_tag }}`: what the theme's `date` component writes, `<time datetime="…">`
    // around the long date, as one filter call (Liquid has the same filter): the default
    // theme shows a date in nearly every list entry, and a component call costs far more.
    tera.register_filter("time_tag", |d: &str, _: Kwargs, _: &State| time_tag(d));
    tera.register_filter("weekday", |d: &str, _: Kwargs, _: &State| {
        date_filter(d, |d, l| i18n::weekday(d, l).to_string())
    });
    tera.register_filter("month_name", |m: Value, _: Kwargs, _: &State| {
        month_name(&m)
    });
}

/// `url(path="/meetings/")` and `"/meetings/" | url`: a link from the page being rendered
/// to a site path. Marked safe: the link is percent-encoded wherever it could break out of
/// an attribute.
fn link_from_current_page(path: &str) -> TeraResult<Value> {
    if !path.starts_with('/') {
        return Err(tera::Error::message(format!(
            "url: `{path}` is not a site path; site paths start with `/`, e.g. \"/meetings/\""
        )));
    }
    thread_local! {
        static BUFFER: RefCell<String> = const { RefCell::new(String::new()) };
    }
    BUFFER.with_borrow_mut(|buffer| {
        buffer.clear();
        CURRENT.with_borrow(|current| current.links.push(buffer, path));
        Ok(Value::safe_string(buffer))
    })
}

/// Percent-encodes `out[start..]` in place wherever a link could break out of an HTML
/// attribute: quotes, angle brackets, ampersands and spaces. Site paths almost never hold
/// one, so the common case only scans.
fn escape_url_from(out: &mut String, start: usize) {
    const URL: Escapes = Escapes::new(
        b"\"'<>& ",
        &[b"%22", b"%27", b"%3C", b"%3E", b"%26", b"%20"],
    );
    if !URL.needed_in(&out[start..]) {
        return;
    }
    let link = out.split_off(start);
    let mut escaped = Vec::with_capacity(link.len() + 16);
    URL.write(&mut escaped, &link)
        .expect("writing to a Vec cannot fail");
    out.push_str(std::str::from_utf8(&escaped).expect("escaping keeps UTF-8"));
}

#[cfg(test)]
fn escape_url(link: &str) -> String {
    let mut out = link.to_string();
    escape_url_from(&mut out, 0);
    out
}

/// `t(key="meetings")` and `"meetings" | t`: the UI string in the page's language.
fn translate(key: &str, strings: &Strings) -> TeraResult<String> {
    strings
        .get(current_language(), key)
        .map(str::to_string)
        .map_err(|missing| tera::Error::message(missing.message))
}

/// `n | count(one=…, other=…)`: "1 möte", "3 möten".
fn count_label(n: &Value, kwargs: &Kwargs, strings: &Strings) -> TeraResult<String> {
    let number = n
        .as_i64()
        .ok_or_else(|| tera::Error::message(format!("count needs a whole number, got `{n}`")))?;
    let key = |name: &'static str| {
        kwargs.get::<&str>(name)?.ok_or_else(|| {
            tera::Error::message(
                "count needs the UI strings for one and for more, e.g. \
                 count(one=\"count_meeting_one\", other=\"count_meeting_other\")",
            )
        })
    };
    let (one, other) = (key("one")?, key("other")?);
    let word = translate(if number == 1 { one } else { other }, strings)?;
    Ok(format!("{number} {word}"))
}

fn current_language() -> Language {
    CURRENT.with_borrow(|current| current.lang)
}

fn date_filter(
    text: &str,
    format: fn(chrono::NaiveDate, Language) -> String,
) -> TeraResult<String> {
    let date = iso_date(text)
        .map_or_else(|| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d"), Ok)
        .map_err(|_| {
            tera::Error::message(format!(
                "`{text}` is not a date like 2020-09-15 (date filters need a date string)"
            ))
        })?;
    Ok(format(date, current_language()))
}

/// `<time datetime="2020-09-15">15 september 2020</time>`, marked safe.
fn time_tag(d: &str) -> TeraResult<Value> {
    let text = date_filter(d, i18n::long_date)?;
    // `d` was read as a date, so it holds digits, signs, dashes and spaces only, and the long
    // date is numbers and a month name: nothing to escape.
    let mut tag = String::with_capacity(d.len() + text.len() + 32);
    tag.push_str("<time datetime=\"");
    tag.push_str(d);
    tag.push_str("\">");
    tag.push_str(&text);
    tag.push_str("</time>");
    Ok(Value::safe_string(&tag))
}

/// `2020-09-15` as a date, read directly: the site's dates are written this way, and
/// chrono's general format parser (which date filters fall back on) is many times slower,
/// on a date in nearly every list entry.
fn iso_date(text: &str) -> Option<chrono::NaiveDate> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        bytes[range].iter().try_fold(0u32, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let year = i32::try_from(number(0..4)?).ok()?;
    chrono::NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?)
}

fn month_name(value: &Value) -> TeraResult<String> {
    let month = value
        .as_u64()
        .or_else(|| value.as_str().and_then(|s| s.parse().ok()))
        .ok_or_else(|| tera::Error::message("month_name needs a month number 1–12"))?;
    let name = u32::try_from(month)
        .ok()
        .and_then(|m| i18n::month_name(m, current_language()))
        .ok_or_else(|| tera::Error::message(format!("{month} is not a month number 1–12")))?;
    Ok(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escaping_covers_markup_and_quotes_and_leaves_slashes() {
        assert_eq!(
            escape_html(r#"<a href="x">Tom & 'Jerry'</a> https://example.org/a/"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#x27;Jerry&#x27;&lt;/a&gt; https://example.org/a/"
        );
        assert_eq!(escape_html("Socialchefsnätverket"), "Socialchefsnätverket");
        assert_eq!(escape_html(""), "");
    }

    #[test]
    fn iso_dates_are_read_directly_and_anything_else_is_not() {
        let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(iso_date("2020-09-15"), date(2020, 9, 15));
        assert_eq!(iso_date("1999-12-31"), date(1999, 12, 31));
        for not_read in [
            "2020-02-30",
            "2020-13-01",
            "2020-9-15",
            "2020/09/15",
            "20-09-2015",
            "2020-09-1x",
            "",
        ] {
            assert_eq!(iso_date(not_read), None, "{not_read}");
        }
        // What the fast path does not read still goes through chrono.
        assert!(date_filter("2020-9-5", i18n::long_date).is_ok());
        assert!(date_filter("2020-02-30", i18n::long_date).is_err());
    }

    #[test]
    fn a_time_tag_holds_the_iso_date_and_the_long_date() {
        assert_eq!(
            time_tag("2020-09-15").unwrap().as_str(),
            Some(r#"<time datetime="2020-09-15">15 september 2020</time>"#)
        );
        assert!(time_tag("<b>").is_err());
    }

    #[test]
    fn relative_links_climb_to_the_root() {
        let r = |from, to| link(from, to, LinkStyle::Relative, "/");
        assert_eq!(r("/", "/meetings/"), "meetings/");
        assert_eq!(r("/", "/"), "./");
        assert_eq!(r("/meetings/a/", "/"), "../../");
        assert_eq!(r("/meetings/a/", "/style.css"), "../../style.css");
        assert_eq!(
            r("/meetings/a/", "/meetings/a/#item-8"),
            "../../meetings/a/#item-8"
        );
        assert_eq!(r("/404.html", "/meetings/"), "meetings/");
    }

    #[test]
    fn file_links_end_in_index_html() {
        let f = |from, to| link(from, to, LinkStyle::File, "/");
        assert_eq!(f("/", "/"), "index.html");
        assert_eq!(
            f("/meetings/2020/", "/meetings/"),
            "../../meetings/index.html"
        );
        assert_eq!(
            f("/people/x/", "/meetings/a/#decision-8-1"),
            "../../meetings/a/index.html#decision-8-1"
        );
        assert_eq!(f("/people/x/", "/style.css"), "../../style.css");
    }

    #[test]
    fn internal_links_from_the_minutes_are_resolved_per_page() {
        let html = r#"<a href="quorum:/meetings/a/#item-2">a</a> <a href="https://x.se">x</a>"#;
        assert_eq!(
            resolve_internal_links(
                html,
                &PageLinks::new("/meetings/b/", LinkStyle::Relative, "/")
            ),
            r#"<a href="../../meetings/a/#item-2">a</a> <a href="https://x.se">x</a>"#
        );
        assert_eq!(
            resolve_internal_links(
                html,
                &PageLinks::new("/decisions/2020/", LinkStyle::File, "/")
            ),
            r#"<a href="../../meetings/a/index.html#item-2">a</a> <a href="https://x.se">x</a>"#
        );
    }

    #[test]
    fn links_are_safe_in_attributes() {
        assert_eq!(escape_url("../a b/\"x\"<y>&"), "../a%20b/%22x%22%3Cy%3E%26");
        assert_eq!(escape_url("../möte/"), "../möte/");
        let mut out = String::from("<a href=\"");
        PageLinks::new("/a/", LinkStyle::Relative, "/").push(&mut out, "/x y/");
        assert_eq!(out, "<a href=\"../x%20y/", "only the link is encoded");
    }

    #[test]
    fn absolute_links_start_at_the_base_path() {
        assert_eq!(
            link("/people/x/", "/meetings/", LinkStyle::Absolute, "/minnen/"),
            "/minnen/meetings/"
        );
        assert_eq!(link("/", "/", LinkStyle::Absolute, "/"), "/");
    }
}
