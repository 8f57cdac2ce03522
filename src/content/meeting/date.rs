//! The meeting's date: read as YYYY-MM-DD with a four-digit year, and compared with the
//! date in the file's name.

use std::path::Path;

use chrono::NaiveDate;

use crate::base::diagnostic::Diagnostic;
use crate::content::frontmatter::RawMeeting;

pub(crate) fn parse_date(
    raw: &RawMeeting,
    file: &Path,
    text: &str,
    locate: &dyn Fn(&str) -> usize,
) -> Result<NaiveDate, Diagnostic> {
    let Some(value) = raw.date.as_deref() else {
        return Err(Diagnostic::error(file, "the meeting has no `date`")
            .at(text, 1, 1)
            .with_hint("add `date: YYYY-MM-DD` to the front matter"));
    };
    let line = locate("date");
    let column = text
        .lines()
        .nth(line - 1)
        .and_then(|l| l.find(value.trim()))
        .map_or(1, |i| i + 1);
    let invalid = |hint: String| {
        Diagnostic::error(file, format!("invalid date `{}`", value.trim()))
            .at(text, line, column)
            .with_hint(hint)
    };
    let parts: Vec<&str> = value.trim().split('-').collect();
    let year = parts.first().copied().unwrap_or_default();
    let year_ok = year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) && year != "0000";
    if !year_ok && NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").is_ok() {
        return Err(invalid(
            "the year must have four digits, from 0001 to 9999, e.g. 2020-09-15".into(),
        ));
    }
    if looks_iso(value) && parts.iter().map(|p| p.len()).ne([4, 2, 2]) {
        // chrono takes `2024-10-4`; the file names and every page write `2024-10-04`.
        let padded = match parts.as_slice() {
            [y, m, d] => format!("{y}-{m:0>2}-{d:0>2}"),
            _ => String::new(),
        };
        return Err(invalid(format!(
            "write the date as YYYY-MM-DD with two digits for the month and the day: `{padded}`"
        )));
    }
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| {
        let month = parts.get(1).and_then(|m| m.parse::<u32>().ok());
        let hint = match month {
            Some(m) if looks_iso(value) && !(1..=12).contains(&m) => {
                format!("there is no month {m}: the date is YYYY-MM-DD, the month in the middle")
            }
            _ if looks_iso(value) => {
                "that day does not exist in that month; check the day and the month".to_string()
            }
            _ => "write the date as YYYY-MM-DD, e.g. 2020-09-15".to_string(),
        };
        invalid(hint)
    })
}

/// A warning when the file name starts with a date (`2024-10-04-styrelsen.md`) other than
/// the front matter's `date:`: one of them has a typo, and the page would be listed
/// under the front matter's date but keep the file name's in its address.
pub(crate) fn date_file_name_warning(
    date: NaiveDate,
    file: &Path,
    text: &str,
    locate: &dyn Fn(&str) -> usize,
) -> Option<Diagnostic> {
    let stem = file.file_stem()?.to_str()?;
    let named = NaiveDate::parse_from_str(stem.get(..10)?, "%Y-%m-%d").ok()?;
    if named == date {
        return None;
    }
    let line = locate("date");
    let column = text
        .lines()
        .nth(line - 1)
        .and_then(|l| l.find(&date.to_string()))
        .map_or(1, |i| i + 1);
    Some(
        Diagnostic::warning(
            file,
            format!("`date: {date}` is not the date in the file name ({named})"),
        )
        .at(text, line, column)
        .with_hint(format!(
            "correct the one that is wrong: `date: {named}`, or rename the file to start with {date}"
        )),
    )
}

pub(crate) fn looks_iso(value: &str) -> bool {
    let parts: Vec<_> = value.trim().split('-').collect();
    let digits = |p: &str, lengths: std::ops::RangeInclusive<usize>| {
        lengths.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    parts.len() == 3
        && digits(parts[0], 4..=4)
        && digits(parts[1], 1..=2)
        && digits(parts[2], 1..=2)
}
