//! Link addresses in the minutes: which schemes are safe when raw HTML is not allowed, and
//! which links point at a page of the site.

/// Whether a link or image address is safe to publish when raw HTML is not allowed: a
/// relative address, or one of the schemes http, https, mailto and tel. `javascript:`,
/// `data:`, `vbscript:` and the like are not, however written (browsers ignore case,
/// tabs and line breaks in a scheme).
pub(crate) fn is_safe_url(dest: &str) -> bool {
    let cleaned: String = dest
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .take(64)
        .collect::<String>()
        .to_ascii_lowercase();
    let Some((scheme, _)) = cleaned.split_once(':') else {
        return true;
    };
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    !is_scheme || matches!(scheme, "http" | "https" | "mailto" | "tel")
}

/// The site path a link points to when it is internal: `/meetings/x/#a` as written, or a
/// link to another meeting's file (`../2021/2021-02-16-x.md#item-3`) as its page.
pub(crate) fn internal_site_path(dest: &str) -> Option<String> {
    if dest.starts_with('/') && !dest.starts_with("//") {
        return Some(dest.to_string());
    }
    if dest.contains("://") || dest.starts_with("mailto:") || dest.starts_with('#') {
        return None;
    }
    let (path, fragment) = match dest.find('#') {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    };
    let file = path.strip_suffix(".md")?;
    let stem = file.rsplit('/').next().unwrap_or(file);
    let slug = crate::base::slug::slugify(stem);
    (!slug.is_empty()).then(|| format!("/meetings/{slug}/{fragment}"))
}
