//! The personal-data check: finds Swedish personal identity and coordination numbers
//! (date and Luhn check digit), phone numbers and e-mail addresses in a meeting file. A
//! warning for the internal audience, an error that stops a public build; a value listed
//! in `[audience] accept` (the switchboard, the registry's address) is let through.
//!
//! The `personnummer` crate is not used: it computes a coordination number's check digit
//! over the day minus 60 (its own tests accept both 800101-3294 and 800161-3294, which
//! cannot both be right), so it would miss real coordination numbers.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::base::audience::AudienceConfig;
use crate::base::config::LineIndex;
use crate::base::diagnostic::Diagnostic;
use crate::content::load::SourceFile;

/// What kind of personal data was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    IdentityNumber,
    CoordinationNumber,
    Phone,
    Email,
}

/// One finding: what, and its byte range in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    pub(crate) kind: Found,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

// ASCII word boundaries (`(?-u:\b)`): with Unicode ones the regex crate's fast engine gives
// up on non-ASCII text (every Swedish file) and every build would scan it slowly.
static IDENTITY_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)([0-9]{2})?([0-9]{6})([-+]?)([0-9]{4})(?-u:\b)").expect("valid")
});
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:\+46[ \-]?(?:\(0\)[ \-]?)?|(?-u:\b)0)[0-9]{1,3}(?:[ \-]?[0-9]{2,4}){2,4}(?-u:\b)",
    )
    .expect("valid")
});
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\w.%+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[A-Za-z]{2,}(?-u:\b)").expect("valid")
});

/// Every personal identity number, coordination number, phone number and e-mail address
/// in `text`, in order. A number that is both a valid identity number and phone-shaped is
/// reported once, as the identity number.
pub(crate) fn find_personal_data(text: &str) -> Vec<Finding> {
    let mut found: Vec<Finding> = Vec::new();
    for m in IDENTITY_NUMBER.find_iter(text) {
        if let Some(kind) = identity_number(m.as_str()) {
            found.push(Finding {
                kind,
                start: m.start(),
                end: m.end(),
            });
        }
    }
    for m in EMAIL.find_iter(text) {
        found.push(Finding {
            kind: Found::Email,
            start: m.start(),
            end: m.end(),
        });
    }
    for m in PHONE.find_iter(text) {
        let overlaps = found.iter().any(|f| f.start < m.end() && m.start() < f.end);
        if !overlaps && is_phone(text, m.start(), m.as_str()) {
            found.push(Finding {
                kind: Found::Phone,
                start: m.start(),
                end: m.end(),
            });
        }
    }
    found.sort_by_key(|f| f.start);
    found
}

/// Whether `candidate` (`19121212-1212`, `121212-1212`, `1212121212`) is a personal
/// identity number or a coordination number (day + 60): a real date and a right check
/// digit.
pub(crate) fn identity_number(candidate: &str) -> Option<Found> {
    let digits: Vec<u32> = candidate.chars().filter_map(|c| c.to_digit(10)).collect();
    let short = match digits.len() {
        12 => {
            let century = digits[0] * 10 + digits[1];
            if !(18..=20).contains(&century) {
                return None;
            }
            &digits[2..]
        }
        10 => &digits[..],
        _ => return None,
    };
    let number = |i: usize| short[i] * 10 + short[i + 1];
    let (year, month, day) = (number(0), number(2), number(4));
    let (kind, day) = if day > 60 {
        (Found::CoordinationNumber, day - 60)
    } else {
        (Found::IdentityNumber, day)
    };
    // Any century will do for the date: only 29 February depends on it, and 2000 is a
    // leap year like every year divisible by four in the range people are born in.
    NaiveDate::from_ymd_opt(2000 + year as i32, month, day)?;
    (luhn(&short[..9]) == short[9]).then_some(kind)
}

/// The Luhn check digit of the nine digits before it.
fn luhn(digits: &[u32]) -> u32 {
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let v = if i % 2 == 0 { d * 2 } else { d };
            if v > 9 {
                v - 9
            } else {
                v
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

/// Whether a phone-shaped match is a phone number: 8 to 10 digits in the national form,
/// not a time range (`0900-1200`) or a date, not part of a longer number (`12 070 000 000`).
fn is_phone(text: &str, start: usize, candidate: &str) -> bool {
    let national: String = match candidate.strip_prefix("+46") {
        Some(rest) => std::iter::once('0')
            .chain(rest.chars().filter(char::is_ascii_digit))
            .collect::<String>()
            .replacen("00", "0", 1),
        None => candidate.chars().filter(char::is_ascii_digit).collect(),
    };
    if !(8..=10).contains(&national.len()) {
        return false;
    }
    let shape: String = candidate
        .chars()
        .map(|c| if c.is_ascii_digit() { '9' } else { c })
        .collect();
    // `0900-1200` is a time range, `0001-01-01` a (bad) date.
    let time_or_date = shape == "9999-9999" || shape == "9999-99-99";
    let before = text[..start].trim_end_matches(' ');
    let continues_a_number = before.ends_with(|c: char| c.is_ascii_digit() || c == ',' || c == '.')
        && before.len() < text[..start].len();
    !time_or_date && !continues_a_number
}

/// A finding's text as compared with `accept`: digits only for numbers (`+46` as `0`),
/// lower case for addresses.
fn comparable(kind: Found, text: &str) -> String {
    match kind {
        Found::Email => text.to_lowercase(),
        _ => {
            let text = text.trim();
            let text = text
                .strip_prefix("+46")
                .map_or_else(|| text.to_string(), |rest| format!("0{rest}"));
            text.chars()
                .filter(char::is_ascii_digit)
                .collect::<String>()
        }
    }
}

/// The personal data in one meeting file, as diagnostics: warnings for an internal build,
/// errors for a public one.
pub(crate) fn check_personal_data(file: &SourceFile, audience: &AudienceConfig) -> Vec<Diagnostic> {
    let findings = find_personal_data(&file.text);
    if findings.is_empty() {
        return Vec::new();
    }
    let lines = LineIndex::new(&file.text);
    findings
        .into_iter()
        .filter(|f| {
            let shown = comparable(f.kind, &file.text[f.start..f.end]);
            !audience
                .accept
                .iter()
                .any(|a| comparable(f.kind, a) == shown)
        })
        .map(|f| {
            let value = &file.text[f.start..f.end];
            let (line, column) = lines.line_column(f.start);
            let (what, remedy, exception) = match f.kind {
                Found::IdentityNumber => (
                    "a personal identity number (personnummer)",
                    "delete it: personal identity numbers must not be published",
                    "if it is not one (a case number that happens to look like one)",
                ),
                Found::CoordinationNumber => (
                    "a coordination number (samordningsnummer)",
                    "delete it: coordination numbers must not be published",
                    "if it is not one (a case number that happens to look like one)",
                ),
                Found::Phone => (
                    "a phone number",
                    "delete it, or name the person's role and the switchboard instead",
                    "if it may be published (the switchboard, a public number)",
                ),
                Found::Email => (
                    "an e-mail address",
                    "delete it, or give a functional address (registrator@…) instead",
                    "if it may be published (a functional address)",
                ),
            };
            let message = format!("{what}: `{value}`");
            let hint = format!(
                "{remedy}; {exception}, add it to `accept = [\"{value}\"]` under [audience] \
                 in site.toml"
            );
            let diagnostic = if audience.is_public() {
                Diagnostic::error(&file.path, message)
            } else {
                Diagnostic::warning(&file.path, message)
            };
            diagnostic.at(&file.text, line, column).with_hint(hint)
        })
        .collect()
}

#[cfg(test)]
mod tests;
