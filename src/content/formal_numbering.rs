//! § numbering across meetings: a body's paragraphs run through the year (§ 112–118 in
//! November follows § 98–111 in October). Warns, at the first item of the later meeting,
//! where the numbers of two consecutive formal meetings of a body in one year repeat or
//! leave a gap.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::Datelike;

use crate::base::diagnostic::Diagnostic;
use crate::content::model::Meeting;

/// The warnings for every body and year; `meetings` are in date order.
pub(crate) fn numbering_warnings(meetings: &[Arc<Meeting>]) -> Vec<Diagnostic> {
    let mut runs: BTreeMap<(&str, i32), Vec<&Meeting>> = BTreeMap::new();
    for meeting in meetings.iter().filter(|m| m.formal.is_some()) {
        runs.entry((meeting.body.as_str(), meeting.date.year()))
            .or_default()
            .push(meeting);
    }
    let mut warnings = Vec::new();
    for run in runs.values() {
        for pair in run.windows(2) {
            let (Some((_, last)), Some((first, _))) =
                (pair[0].item_number_range(), pair[1].item_number_range())
            else {
                continue;
            };
            if first != last + 1 {
                warnings.push(warning(pair[0], pair[1], first, last));
            }
        }
    }
    warnings.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    warnings
}

fn warning(previous: &Meeting, meeting: &Meeting, first: u32, last: u32) -> Diagnostic {
    let what = if first <= last {
        format!("repeats § {first}–{last} of the previous meeting")
    } else if first == last + 2 {
        format!("leaves out § {}", last + 1)
    } else {
        format!("leaves out § {}–{}", last + 1, first - 1)
    };
    let mut diagnostic = Diagnostic::warning(
        &meeting.source,
        format!(
            "this meeting starts at § {first}, which {what} ({}, ending at § {last})",
            previous.slug
        ),
    )
    .with_hint(format!(
        "a body's § numbers run through the year: number this meeting's items from § {}",
        last + 1
    ));
    let at = meeting
        .formal
        .as_ref()
        .and_then(|f| f.first_item.clone())
        .unwrap_or_default();
    diagnostic = diagnostic.at_position(at.line, 1);
    diagnostic.source_line = Some(at.text).filter(|t| !t.is_empty());
    diagnostic
}
