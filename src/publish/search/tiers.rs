//! Impact-ordered tiers of a stem's postings: the documents that weigh most for a stem come
//! first, in a small first tier, so that the first page of results of a common word needs
//! only the first tier of its stems; later tiers, each [`TIER_GROWTH`] times the one before,
//! are loaded only when the first page cannot be told without them (see `query.rs`).

/// Target size of one postings file; a single larger tier gets a file of its own. Small,
/// since a query loads whole files for the first tiers it needs of them.
pub(crate) const POSTINGS_FILE_BYTES: usize = 24 * 1024;
/// Postings in the first tier of a stem (a stem with fewer has one tier).
pub(crate) const FIRST_TIER: usize = 1024;
/// Each later tier holds this many times the postings of the tier before.
pub(crate) const TIER_GROWTH: usize = 4;
/// Tiers of each stem a query loads at most before it shows the first page from what it
/// has (1,024 + 4,096 best postings): enough to settle the page of one word exactly; two
/// words common together are ranked from their best 5,120 documents each.
pub(crate) const PAGE_TIERS: usize = 2;

/// A document a stem is in and its weight there (1..=15), in one `u32`: the weight in the
/// top four bits, the doc id below. Half the memory of a `(u32, u8)` pair, which pads to
/// eight bytes (at 100,000 meetings a build holds 60 million postings), and ordered as the
/// tiers want them: by weight, then by document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Posting(u32);

impl Posting {
    /// Doc ids are below this.
    pub(crate) const DOCS: u32 = 1 << 28;

    pub(crate) fn new(doc: u32, weight: u8) -> Posting {
        debug_assert!(doc < Posting::DOCS && weight < 16);
        Posting(u32::from(weight) << 28 | doc)
    }

    pub(crate) fn doc(self) -> u32 {
        self.0 & (Posting::DOCS - 1)
    }

    pub(crate) fn weight(self) -> u8 {
        (self.0 >> 28) as u8
    }
}

/// One tier of a stem's postings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tier {
    /// Where the tier starts in the stem's postings.
    pub(crate) start: u32,
    /// Its best posting, `(weight, doc id)`: every posting of this tier and of the later
    /// ones is at most this (by weight, then doc id), so it bounds what they can add.
    pub(crate) top: (u8, u32),
    /// The postings file it is in.
    pub(crate) file: u32,
}

/// Reorders a stem's postings (by doc id) into tiers: the best postings (highest weight,
/// then newest document: the order of the results) first, `first` of them, then
/// `first * TIER_GROWTH`, and so on; each tier sorted by doc id, for delta encoding.
/// Returns the tiers (their files still 0).
pub(crate) fn split_into_tiers(list: &mut [Posting], first: usize) -> Vec<Tier> {
    let first = first.max(1);
    if list.len() > first {
        // By weight, then document, the best first.
        list.sort_unstable_by(|a, b| b.cmp(a));
    }
    let mut tiers = Vec::new();
    let mut start = 0;
    let mut size = first;
    while start < list.len() {
        let end = list.len().min(start + size);
        let tier = &mut list[start..end];
        let top = tier
            .iter()
            .max()
            .map(|best| (best.weight(), best.doc()))
            .unwrap_or_default();
        tier.sort_unstable_by_key(|p| p.doc());
        tiers.push(Tier {
            start: start as u32,
            top,
            file: 0,
        });
        start = end;
        size = size.saturating_mul(TIER_GROWTH);
    }
    tiers
}

/// Puts the tiers into postings files of about [`POSTINGS_FILE_BYTES`]: first tiers of
/// consecutive stems together (a word and the words it begins are neighbours), then the
/// later tiers, from a new file on; a single larger tier gets a file of its own.
pub(crate) fn assign_postings_files(postings: &[Vec<Posting>], tiers: &mut [Vec<Tier>]) {
    let mut files = FileFiller::default();
    for (stem, stem_tiers) in tiers.iter_mut().enumerate() {
        let bytes = tier_len(&postings[stem], stem_tiers, 0) * 2 + 12 + 16 * (stem_tiers.len() - 1);
        stem_tiers[0].file = files.place(bytes);
    }
    files.next_file();
    for (stem, stem_tiers) in tiers.iter_mut().enumerate() {
        for t in 1..stem_tiers.len() {
            let bytes = tier_len(&postings[stem], stem_tiers, t) * 2 + 14;
            stem_tiers[t].file = files.place(bytes);
        }
    }
}

fn tier_len(list: &[Posting], tiers: &[Tier], t: usize) -> usize {
    let end = tiers
        .get(t + 1)
        .map_or(list.len(), |next| next.start as usize);
    end - tiers[t].start as usize
}

/// Numbers files as they fill up to [`POSTINGS_FILE_BYTES`].
#[derive(Default)]
struct FileFiller {
    file: u32,
    size: usize,
}

impl FileFiller {
    /// The file an entry of `bytes` goes in.
    fn place(&mut self, bytes: usize) -> u32 {
        if self.size > 0 && self.size + bytes > POSTINGS_FILE_BYTES {
            self.next_file();
        }
        self.size += bytes;
        self.file
    }

    fn next_file(&mut self) {
        if self.size > 0 {
            self.file += 1;
            self.size = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_hold_the_best_postings_first_each_sorted_by_document() {
        let postings = |pairs: &[(u32, u8)]| -> Vec<Posting> {
            pairs.iter().map(|&(d, w)| Posting::new(d, w)).collect()
        };
        let pairs = |list: &[Posting]| -> Vec<(u32, u8)> {
            list.iter().map(|p| (p.doc(), p.weight())).collect()
        };
        let mut list: Vec<Posting> = (0..10)
            .map(|d| Posting::new(d, (d % 4 + 1) as u8))
            .collect();
        let tiers = split_into_tiers(&mut list, 2);
        let starts: Vec<u32> = tiers.iter().map(|t| t.start).collect();
        assert_eq!(starts, [0, 2], "2, then 8 (at most 2 × 4)");
        // Weight 4: docs 3 and 7, the first tier.
        assert_eq!(pairs(&list[..2]), [(3, 4), (7, 4)]);
        assert_eq!(tiers[0].top, (4, 7));
        assert_eq!(tiers[1].top, (3, 6));
        assert!(list[2..].windows(2).all(|w| w[0].doc() < w[1].doc()));
        let mut short = postings(&[(5, 1), (9, 3)]);
        let one = split_into_tiers(&mut short, 2);
        assert_eq!(one.len(), 1);
        assert_eq!(pairs(&short), [(5, 1), (9, 3)]);
        assert_eq!(one[0].top, (3, 9));
    }
}
