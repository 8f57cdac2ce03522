//! The formal header blocks of a protokoll or board minutes: "Beslutande", "Ersättare",
//! "Övriga deltagande", "Frånvarande", "Utses att justera", "Justeringens plats och tid",
//! "Paragrafer" and the "ANSLAG/BEVIS" block (with English "Members present" and
//! "Apologies" in minutes), read before the other labelled lines so that they become the
//! front matter of docs/formal-minutes.md instead of introduction text.

use super::header::{find_date, split_label};
use super::model::{plain, FormalHeader};
use crate::commands::import::document::Block;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Label {
    Members,
    Substitutes,
    Others,
    Absent,
    Approvers,
    Approval,
    Paragraphs,
    Posting,
    PostingDate,
    KeptAt,
    /// A label that ends the list before it (e.g. "Sekreterare", "Underskrifter").
    Other,
}

const LABELS: &[(&str, Label)] = &[
    ("beslutande ledamöter", Label::Members),
    ("beslutande", Label::Members),
    ("tjänstgörande ersättare", Label::Members),
    ("members present", Label::Members),
    ("ej tjänstgörande ersättare", Label::Substitutes),
    ("ersättare", Label::Substitutes),
    ("övriga deltagande", Label::Others),
    ("övriga närvarande", Label::Others),
    ("frånvarande", Label::Absent),
    ("anmält förhinder", Label::Absent),
    ("apologies", Label::Absent),
    ("utses att justera", Label::Approvers),
    ("justerare", Label::Approvers),
    ("justeringens plats och tid", Label::Approval),
    ("paragrafer", Label::Paragraphs),
    ("anslag/bevis", Label::Posting),
    ("anslag", Label::Posting),
    ("datum för anslags uppsättande", Label::PostingDate),
    ("datum då anslaget sätts upp", Label::PostingDate),
    ("förvaringsplats för protokollet", Label::KeptAt),
    ("sekreterare", Label::Other),
    ("ordförande", Label::Other),
    ("underskrifter", Label::Other),
    ("justerande", Label::Other),
    ("datum då anslaget tas ned", Label::Other),
    ("datum för anslags nedtagande", Label::Other),
];

/// "Beslutande: Anna Holm (S)" → (Members, "Anna Holm (S)"); the label alone gives "".
fn label_of(text: &str) -> Option<(Label, String)> {
    let text = plain(text);
    let lower = text.to_lowercase();
    LABELS.iter().find_map(|(word, label)| {
        let rest = lower.strip_prefix(word)?;
        let after = rest.trim_start();
        let separated = after.is_empty()
            || after.starts_with(':')
            || rest.starts_with(['\t', ' ']) && *label != Label::Other;
        if !separated {
            return None;
        }
        let value = text[text.len() - rest.len()..]
            .trim()
            .trim_start_matches(':')
            .trim();
        Some((*label, value.to_string()))
    })
}

/// Reads the formal header out of `blocks` (the header before the first item); returns
/// it and the blocks it did not use. Nothing is taken unless a Swedish protokoll's label
/// ("Beslutande", "Utses att justera", ...) or, in minutes, "Members present" is there.
pub(crate) fn read_formal(blocks: &[Block], kind: Option<&str>) -> (FormalHeader, Vec<Block>) {
    let mut header = FormalHeader::default();
    let formal = kind.is_some_and(|k| k == "protokoll" || k == "minutes")
        || blocks.iter().any(|b| {
            matches!(
                label_of(b.text()),
                Some((
                    Label::Members | Label::Approvers | Label::Approval | Label::Paragraphs,
                    _
                ))
            )
        });
    if !formal {
        return (header, blocks.to_vec());
    }
    let mut rest = Vec::new();
    let mut open: Option<Label> = None;
    for block in blocks {
        if let Some((label, value)) = label_of(block.text()) {
            open = Some(label);
            take(&mut header, label, &value);
            continue;
        }
        let list_continues = matches!(
            open,
            Some(
                Label::Members
                    | Label::Substitutes
                    | Label::Others
                    | Label::Absent
                    | Label::Approvers
            )
        );
        let text = plain(block.text());
        let other_label = split_label(&text).0.is_some();
        if list_continues
            && !text.is_empty()
            && !other_label
            && !matches!(block, Block::Heading { .. })
        {
            for line in text.lines() {
                take(&mut header, open.unwrap_or(Label::Other), line);
            }
            continue;
        }
        open = None;
        rest.push(block.clone());
    }
    (header, rest)
}

fn take(header: &mut FormalHeader, label: Label, value: &str) {
    let value = value.trim();
    if value.is_empty() {
        return;
    }
    let list = match label {
        Label::Members => &mut header.members,
        Label::Substitutes => &mut header.substitutes,
        Label::Others => &mut header.others,
        Label::Absent => &mut header.absent,
        Label::Approvers => {
            header.approvers.extend(
                value
                    .split([',', ';'])
                    .flat_map(|p| p.split(" och "))
                    .map(|p| p.trim().to_string())
                    .filter(|p| !p.is_empty()),
            );
            return;
        }
        Label::Approval => {
            header.approval_date = find_date(value, &[]).map(|(d, _)| d.to_string());
            let place = value.split([',', ' ']).next().unwrap_or_default();
            let place = value.split_once(',').map_or(place, |(p, _)| p).trim();
            header.approval_place = Some(place.to_string()).filter(|p| find_date(p, &[]).is_none());
            return;
        }
        Label::Paragraphs => {
            header.paragraphs = Some(value.trim_start_matches('§').trim().to_string());
            return;
        }
        Label::Posting | Label::PostingDate => {
            if let Some((d, _)) = find_date(value, &[]) {
                header.posting_date = Some(d.to_string());
            }
            return;
        }
        Label::KeptAt => {
            header.kept_at = Some(value.to_string());
            return;
        }
        Label::Other => return,
    };
    list.push(value.to_string());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Block> {
        text.lines().map(|l| Block::Line(l.to_string())).collect()
    }

    #[test]
    fn a_protokoll_header_becomes_members_approval_and_posting() {
        let blocks = lines(
            "Plats och tid: Kommunhuset, 2025-02-25 kl. 18.00–20.15
Beslutande
Anna Holm (S), ordförande
Lars Berg (M), tjänstgörande ersättare för Eva Lund (M)
Övriga deltagande
Maria Sjö, kulturchef
Utses att justera: Per Ek (M)
Justeringens plats och tid: Kulturförvaltningen, 2025-03-04
Paragrafer: §§ 5–7
Sekreterare
Leo Nord
ANSLAG/BEVIS
Datum för anslags uppsättande: 2025-03-05
Förvaringsplats för protokollet: Kulturförvaltningen",
        );
        let (formal, rest) = read_formal(&blocks, Some("protokoll"));
        assert_eq!(
            formal.members,
            [
                "Anna Holm (S), ordförande",
                "Lars Berg (M), tjänstgörande ersättare för Eva Lund (M)"
            ]
        );
        assert_eq!(formal.others, ["Maria Sjö, kulturchef"]);
        assert_eq!(formal.approvers, ["Per Ek (M)"]);
        assert_eq!(
            formal.approval_place.as_deref(),
            Some("Kulturförvaltningen")
        );
        assert_eq!(formal.approval_date.as_deref(), Some("2025-03-04"));
        assert_eq!(
            formal.paragraphs.as_deref(),
            Some("§ 5–7".trim_start_matches("§ "))
        );
        assert_eq!(formal.posting_date.as_deref(), Some("2025-03-05"));
        assert_eq!(formal.kept_at.as_deref(), Some("Kulturförvaltningen"));
        assert_eq!(
            rest,
            lines("Plats och tid: Kommunhuset, 2025-02-25 kl. 18.00–20.15\nLeo Nord")
        );
    }

    #[test]
    fn english_minutes_read_members_present_and_apologies() {
        let blocks = lines("Members present: Alice Grey (Lab), chair\nApologies: Dan Moss (Lab)\nIn attendance: Eve Stone");
        let (formal, rest) = read_formal(&blocks, Some("minutes"));
        assert_eq!(formal.members, ["Alice Grey (Lab), chair"]);
        assert_eq!(formal.absent, ["Dan Moss (Lab)"]);
        assert_eq!(rest, lines("In attendance: Eve Stone"));
    }

    #[test]
    fn informal_notes_are_left_alone() {
        let blocks = lines("Närvarande: Anna Holm\nFrånvarande: Per Ek");
        let (formal, rest) = read_formal(&blocks, Some("minnesanteckningar"));
        assert!(formal.is_empty());
        assert_eq!(rest, blocks);
    }
}
