//! Slugs: lower-case ASCII identifiers used in URLs and as keys ("Sotenäs" → "sotenas").

/// Turns a name into a URL slug: letters are folded to ASCII (å→a, ä→a, ö→o, é→e),
/// lower-cased, and every run of other characters becomes one `-`.
pub(crate) fn slugify(text: &str) -> String {
    let folded = deunicode::deunicode(text);
    let mut slug = String::with_capacity(folded.len());
    let mut pending_dash = false;
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// A key for matching names loosely: lower case, ASCII-folded, single spaces, no dots.
/// "Folkhälsomyndigheten", "folkhalsomyndigheten" and " FOLKHÄLSOMYNDIGHETEN " match.
/// Names are matched once per participant and presenter of the archive, so the key is
/// built in one pass into one string (deunicode's output is ASCII).
pub(crate) fn match_key(text: &str) -> String {
    let folded = deunicode::deunicode_with_tofu_cow(text, "[?]");
    let mut key = String::with_capacity(folded.len());
    for part in folded
        .split(|c: char| c.is_whitespace() || c == '.')
        .filter(|part| !part.is_empty())
    {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(part.chars().map(|c| c.to_ascii_lowercase()));
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_swedish_letters() {
        assert_eq!(slugify("Socialchefsnätverket"), "socialchefsnatverket");
        assert_eq!(slugify("Åmål"), "amal");
        assert_eq!(slugify("Örnsköldsvik"), "ornskoldsvik");
        assert_eq!(slugify("Åsa Furén-Thulin"), "asa-furen-thulin");
    }

    #[test]
    fn collapses_punctuation_and_spaces() {
        assert_eq!(slugify("  MiniMaria -- Fyrbodal! "), "minimaria-fyrbodal");
        assert_eq!(slugify("covid-19"), "covid-19");
        assert_eq!(slugify("???"), "");
    }

    #[test]
    fn match_key_ignores_case_diacritics_dots_and_spacing() {
        assert_eq!(match_key(" FOLKHÄLSOMYNDIGHETEN "), "folkhalsomyndigheten");
        assert_eq!(match_key("Greger B."), match_key("greger  b"));
        assert_eq!(match_key("Åsa\u{a0}Öberg-Lind  K.  "), "asa oberg-lind k");
        assert_eq!(match_key("..."), "");
    }
}
